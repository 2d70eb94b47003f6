/* mq-playlist-display.h: what the list shows and searches for a playlist, made once
 *
 * The order of names (mq-name-ranks.h) and the search keys
 * (mq_playlist_display_append_search_key()) are made in a worker thread before the
 * playlists are shown, so that neither a keystroke nor a sort does any Unicode work per
 * playlist.
 * The texts of the Type and Updated columns are made the first time a row shows them,
 * on the main thread, and kept with the playlist: only the few playlists shown carry
 * anything beyond their own fields.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-playlist.h"

G_BEGIN_DECLS

/* Name, comment, label and id, folded with mq_search_fold(), one per line: appended
 * to @out (any thread), or made once and kept with the playlist. */
void        mq_playlist_display_append_search_key  (MqPlaylist *playlist,
                                                    GString    *out);
const char *mq_playlist_display_get_search_key     (MqPlaylist *playlist);
/* g_utf8_collate_key() of the case-folded name: compare with strcmp(). Made anew
 * (any thread), or made once and kept with the playlist (main thread). */
char       *mq_playlist_display_dup_collate_key    (MqPlaylist *playlist);
const char *mq_playlist_display_get_collate_key    (MqPlaylist *playlist);

const char *mq_playlist_display_get_type_text      (MqPlaylist *playlist);
/* Relative to @now_unix, remade at most once a minute; "" without a date. */
const char *mq_playlist_display_get_updated_text   (MqPlaylist *playlist,
                                                    gint64      now_unix);
/* The exact date and time; NULL without a date. */
const char *mq_playlist_display_get_updated_tooltip (MqPlaylist *playlist);

G_END_DECLS
