/* mq-screens-cache.h: each account's last screen groups and screens, under $XDG_CACHE_HOME
 *
 * $XDG_CACHE_HOME/marquee/screens-<sha256 of the account id>.json, written and read as
 * the playlist cache is (see mq-playlist-cache.h): atomically, mode 0600, in a worker
 * thread, in viewneo's own field names. Never holds a secret.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* @groups: MqDeviceGroup items; @devices: MqDevice items, or NULL. */
void     mq_screens_cache_save_async  (const char          *account_id,
                                       GPtrArray           *groups,
                                       GPtrArray           *devices,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean mq_screens_cache_save_finish (GAsyncResult        *result,
                                       GError             **error);

/* TRUE with @groups and @devices (GPtrArrays) and @saved_at (Unix time), or with both
 * NULL when there is no cache (none, or one of another version); FALSE and @error when
 * it is unreadable or damaged (the caller ignores it and loads from the server). */
void     mq_screens_cache_load_async  (const char          *account_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean mq_screens_cache_load_finish (GAsyncResult        *result,
                                       GPtrArray          **groups,
                                       GPtrArray          **devices,
                                       gint64              *saved_at,
                                       GError             **error);

/* Removes the account's cache (sign-out). */
void     mq_screens_cache_delete      (const char          *account_id);

G_END_DECLS
