/* mq-playlist-detail.h: the detail pane of one playlist
 *
 * Shows the playlist it is given at once (every field of the list's copy), then loads
 * the full playlist for its entries, in playback order, and its timeline. The screen
 * groups come from the view, which loads them once per account.
 *
 * Signals:
 *   ::playlist-activated (gint64 id)   a nested playlist's row was activated.
 *   ::load-failed (GError *error)      the entries could not be loaded (the view turns
 *                                      MQ_API_ERROR_UNAUTHORIZED into its sign-in page).
 * Property "loading" (boolean, notifies): the entries are being loaded.
 *
 * "Playing at" (now, following the clock, or a moment chosen) greys out the entries
 * and timeline blocks that do not play then, says how long the loop is, and picks the
 * week the week view shows. Nested playlists are expanded when the detail has loaded
 * them before; otherwise the loop's duration is a lower bound, and says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mq-client.h"
#include "mq-playlist.h"
#include "mq-playlist-list.h"

G_BEGIN_DECLS

#define MQ_TYPE_PLAYLIST_DETAIL (mq_playlist_detail_get_type ())

G_DECLARE_FINAL_TYPE (MqPlaylistDetail, mq_playlist_detail, MQ, PLAYLIST_DETAIL, AdwBin)

GtkWidget  *mq_playlist_detail_new                 (void);

void        mq_playlist_detail_set_client          (MqPlaylistDetail *self,
                                                    MqClient         *client);
/* The account's playlists, looked up by id for nested playlists' names. */
void        mq_playlist_detail_set_playlist_index  (MqPlaylistDetail *self,
                                                    MqPlaylistList   *playlists);
/* Screen groups by the id of the playlist they play (gint64 -> GPtrArray of
 * MqDeviceGroup). NULL and no @error: still loading. */
void        mq_playlist_detail_set_screen_groups   (MqPlaylistDetail *self,
                                                    GHashTable       *groups_by_playlist,
                                                    const GError     *error);

/* @playlist: NULL for none. The same playlist again keeps what is shown. */
void        mq_playlist_detail_show                (MqPlaylistDetail *self,
                                                    MqPlaylist       *playlist);
/* The playlist shown, complete with entries once loaded; NULL for none. */
MqPlaylist *mq_playlist_detail_get_playlist        (MqPlaylistDetail *self);
gboolean    mq_playlist_detail_get_loading         (MqPlaylistDetail *self);
/* The "Playing at" control: set its moment to show another one. */
GtkWidget  *mq_playlist_detail_get_playing_at      (MqPlaylistDetail *self);
/* Loads the entries again (after an error, or on the view's reload). */
void        mq_playlist_detail_reload              (MqPlaylistDetail *self);

G_END_DECLS
