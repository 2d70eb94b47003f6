/* mq-playlists-loader.h: the playlists of one account, from the cache and the server
 *
 * Loads the saved list at once, then the server's, each prepared in a worker (index by
 * id, name ranks, search keys, the order it is shown in), and saves the server's for
 * next time. It says where it is with "state" and hands each new list over through
 * "playlists"; it never touches a widget. The screen groups of the account, by the
 * playlist they play, come on demand.
 *
 * A view reacts to notify::playlists (a new list: put it in its model) before
 * notify::state (show it, or say why not).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mq-client.h"
#include "mq-name-ranks.h"
#include "mq-playlist-sorter.h"
#include "mq-session.h"

G_BEGIN_DECLS

typedef enum
{
  /* No account, or its saved list is being read. */
  MQ_PLAYLISTS_LOADER_STATE_IDLE,
  /* The saved list is there; the server's is being loaded. */
  MQ_PLAYLISTS_LOADER_STATE_SHOWING_CACHE,
  /* The server's list is being loaded, over the list there was, if any ("since"). */
  MQ_PLAYLISTS_LOADER_STATE_LOADING,
  /* The server's list is there. */
  MQ_PLAYLISTS_LOADER_STATE_FRESH,
  /* The server's list could not be loaded ("error"); an older one is there. */
  MQ_PLAYLISTS_LOADER_STATE_OFFLINE,
  /* The server's list could not be loaded ("error") and there is none. */
  MQ_PLAYLISTS_LOADER_STATE_FAILED,
} MqPlaylistsLoaderState;

#define MQ_TYPE_PLAYLISTS_LOADER_STATE (mq_playlists_loader_state_get_type ())
GType mq_playlists_loader_state_get_type (void) G_GNUC_CONST;

#define MQ_TYPE_PLAYLISTS_LOADER (mq_playlists_loader_get_type ())

G_DECLARE_FINAL_TYPE (MqPlaylistsLoader, mq_playlists_loader, MQ, PLAYLISTS_LOADER, GObject)

MqPlaylistsLoader      *mq_playlists_loader_new                  (void);

/* Drops everything of the previous account; with a session, reads its saved list, then
 * loads the server's. NULL for both: idle. */
void                    mq_playlists_loader_set_session          (MqPlaylistsLoader *self,
                                                                  MqSession         *session,
                                                                  MqClient          *client);

/* Reads @account_id's saved list and prepares it in a worker ahead of its session (the
 * keyring's answer), for mq_playlists_loader_set_session() with that account's session
 * to take at once. Nothing changes until then; a session of another account drops it. */
void                    mq_playlists_loader_read_ahead           (MqPlaylistsLoader *self,
                                                                  const char        *account_id);
/* Whether a saved list read ahead is ready, waiting for its session. */
gboolean                mq_playlists_loader_has_read_ahead       (MqPlaylistsLoader *self);

/* Loads the server's list again (a session that needs a new sign-in ends in "error"
 * MQ_API_ERROR_UNAUTHORIZED). */
void                    mq_playlists_loader_reload               (MqPlaylistsLoader *self);
/* Stops a load from the server; the state stays until the next reload. */
void                    mq_playlists_loader_cancel               (MqPlaylistsLoader *self);

/* The order in which the next lists are handed over (@known FALSE: none). */
void                    mq_playlists_loader_set_order            (MqPlaylistsLoader *self,
                                                                  gboolean           known,
                                                                  MqPlaylistColumn   column,
                                                                  GtkSortType        direction);

MqPlaylistsLoaderState  mq_playlists_loader_get_state            (MqPlaylistsLoader *self);
/* Why the last load from the server failed; NULL when it did not. */
const GError           *mq_playlists_loader_get_error            (MqPlaylistsLoader *self);
/* Unix time the list is from (the server's answer or the saved file); 0 for none. */
gint64                  mq_playlists_loader_get_since            (MqPlaylistsLoader *self);

/* The list, its search keys (mq_playlist_list_make_keys()), its index by id and its
 * name ranks, as mq_playlist_list_set() takes them; NULL for none. */
GPtrArray              *mq_playlists_loader_get_playlists        (MqPlaylistsLoader *self);
GBytes                 *mq_playlists_loader_get_keys             (MqPlaylistsLoader *self);
GPtrArray              *mq_playlists_loader_get_index            (MqPlaylistsLoader *self);
MqNameRanks            *mq_playlists_loader_get_name_ranks       (MqPlaylistsLoader *self);
/* Whether the list is in an order (the one set when it was prepared), and which. */
gboolean                mq_playlists_loader_get_order            (MqPlaylistsLoader *self,
                                                                  MqPlaylistColumn  *column,
                                                                  GtkSortType       *direction);

/* Asks the server for the screen groups, unless asked already. */
void                    mq_playlists_loader_ensure_screen_groups (MqPlaylistsLoader *self);
/* The next mq_playlists_loader_ensure_screen_groups() asks again. */
void                    mq_playlists_loader_forget_screen_groups (MqPlaylistsLoader *self);
/* The screen groups by the id of the playlist they play (gint64 * -> GPtrArray of
 * MqDeviceGroup); NULL while not known. The error says why they could not be had. */
GHashTable             *mq_playlists_loader_get_screen_groups    (MqPlaylistsLoader *self);
const GError           *mq_playlists_loader_get_screen_groups_error (MqPlaylistsLoader *self);

G_END_DECLS
