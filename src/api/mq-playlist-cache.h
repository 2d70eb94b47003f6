/* mq-playlist-cache.h: each account's last playlist list, under $XDG_CACHE_HOME
 *
 * $XDG_CACHE_HOME/marquee/playlists-<sha256 of the account id>.json, written atomically,
 * mode 0600, in viewneo's own field names. Never holds a secret. Read and written in a
 * worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* @playlists: MqPlaylist items, read in a worker: the array is referenced, not copied,
 * and must not change until the save is finished (playlists never change once parsed). */
void       mq_playlist_cache_save_async  (const char          *account_id,
                                          GPtrArray           *playlists,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean   mq_playlist_cache_save_finish (GAsyncResult        *result,
                                          GError             **error);

/* A GPtrArray of MqPlaylist and, in @saved_at (Unix time), when it was written; NULL
 * with no error when there is no cache; an error when it is unreadable (the caller
 * ignores it and loads from the server). */
void       mq_playlist_cache_load_async  (const char          *account_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GPtrArray *mq_playlist_cache_load_finish (GAsyncResult        *result,
                                          gint64              *saved_at,
                                          GError             **error);

/* Removes the account's cache (sign-out). */
void       mq_playlist_cache_delete      (const char          *account_id);

G_END_DECLS
