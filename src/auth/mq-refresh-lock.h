/* mq-refresh-lock.h: one refresh of an account at a time, across processes
 *
 * An advisory lock (flock) on $XDG_RUNTIME_DIR/marquee/refresh-<hash>.lock, one file per
 * account (inside Flatpak, the app's runtime directory that all its instances share).
 * The window, `--background` and every `marquee --list-playlists` take it around
 * "read the keyring, refresh, store the rotated pair", so that no two of them send the
 * same refresh token. The kernel drops the lock when a process dies, so a crash never
 * leaves it held.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _MqRefreshLock MqRefreshLock;

/* The lock file of the account @account_id on @server; nothing of either shows in the
 * name. */
char          *mq_refresh_lock_dup_path      (const char           *server,
                                              const char           *account_id);

/* Takes the lock in a worker thread, trying without blocking and waiting a little
 * longer each time, for up to @timeout_ms: then it fails with G_IO_ERROR_BUSY.
 * Cancelling fails it with G_IO_ERROR_CANCELLED at once, without the lock. When the
 * lock file cannot be made at all, it completes with a lock that holds nothing (the
 * refresh goes on as before this lock existed), and says so with g_debug. */
void           mq_refresh_lock_acquire_async (const char           *server,
                                              const char           *account_id,
                                              guint                 timeout_ms,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
MqRefreshLock *mq_refresh_lock_acquire_finish (GAsyncResult        *result,
                                               GError             **error);
/* TRUE unless the lock file could not be made (see above). */
gboolean       mq_refresh_lock_is_held       (MqRefreshLock        *self);
/* Releases the lock. Never blocks. */
void           mq_refresh_lock_release       (MqRefreshLock        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqRefreshLock, mq_refresh_lock_release)

G_END_DECLS
