/* mq-test-keyring.h: the keyring in tests, through MqTokenStore and as another program
 * sees it, and a gnome-keyring-daemon of a test's own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-token-store.h"

G_BEGIN_DECLS

/* ---- MqTokenStore calls, run to completion ---- */

gboolean mq_test_store_secret  (MqTokenStore  *store,
                                const char    *server,
                                const char    *account,
                                MqSecretKind   kind,
                                const char    *secret,
                                GError       **error);
char    *mq_test_lookup_secret (MqTokenStore  *store,
                                const char    *server,
                                const char    *account,
                                MqSecretKind   kind,
                                GError       **error);
gboolean mq_test_clear_secrets (MqTokenStore  *store,
                                const char    *server,
                                const char    *account,
                                GError       **error);

/* ---- the keyring, as another program sees it ---- */

/* The secret stored for @server, @account and @kind ("token" or "client-secret"),
 * read with libsecret directly, not through MqTokenStore; NULL when there is none. */
char    *mq_test_keyring_lookup (const char   *server,
                                 const char   *account,
                                 const char   *kind);

/* ---- a keyring daemon of the test's own ---- */

/* A D-Bus session bus of this process's own (mq_test_bus_start(), keeping DISPLAY) with
 * a gnome-keyring-daemon on it, its files under @home (as HOME, XDG_DATA_HOME=@home/data,
 * XDG_RUNTIME_DIR=@home/run). An empty or NULL @password leaves it without a login
 * collection. Call before anything connects to the session bus. */
typedef struct _MqTestKeyring MqTestKeyring;

MqTestKeyring *mq_test_keyring_start  (const char    *home,
                                       const char    *password);
void           mq_test_keyring_lock   (MqTestKeyring *keyring);
/* gnome-keyring's own call for unlocking with the password, without a prompt. */
void           mq_test_keyring_unlock (MqTestKeyring *keyring);
/* Stops the daemon (the bus stays up). */
void           mq_test_keyring_stop   (MqTestKeyring *keyring);

G_END_DECLS
