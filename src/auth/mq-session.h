/* mq-session.h: one account's current token, its refresh and its expiry
 *
 * Implements MqTokenProvider for MqClient. Refreshes an OAuth token ahead of expiry and
 * once on a 401, single-flight: every request that waits meanwhile gets the one new
 * token. A rotated pair is stored in the keyring before the old one is forgotten. A
 * network failure during a refresh keeps the tokens (offline, not signed out); only a
 * refused refresh (invalid_grant, invalid_client) emits ::sign-in-required.
 *
 * Across processes, refreshes of one account take turns (MqRefreshLock); each reads the
 * keyring first and takes a pair another process rotated instead of refreshing, and an
 * invalid_grant only counts once the keyring still holds the refused pair.
 *
 * When the keyring fails, the token is kept in memory for this session and
 * "keyring-error" says why.
 *
 * Signals:
 *   ::refreshed ()                    a refresh succeeded (a warning about the old
 *                                     token's end can be withdrawn).
 *   ::sign-in-required (GError *why)  the token is refused and cannot be refreshed.
 * Properties (all notify): "account", "token", "expires-at", "keyring-error" (boxed
 * GError), "needs-sign-in".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mq-account.h"
#include "mq-token.h"
#include "mq-token-store.h"

G_BEGIN_DECLS

#define MQ_TYPE_SESSION (mq_session_get_type ())

G_DECLARE_FINAL_TYPE (MqSession, mq_session, MQ, SESSION, GObject)

MqSession    *mq_session_new                  (MqAccount           *account,
                                               MqTokenStore        *store);

MqAccount    *mq_session_get_account          (MqSession           *self);
/* NULL until loaded or signed in. */
MqToken      *mq_session_get_token            (MqSession           *self);
/* Unix time; 0 when unknown. Notifies on change. */
gint64        mq_session_get_expires_at       (MqSession           *self);
/* The last keyring failure (MQ_KEYRING_ERROR), or NULL. Notifies on change. */
const GError *mq_session_get_keyring_error    (MqSession           *self);
/* TRUE after a refused refresh or a 401 that a refresh could not cure. */
gboolean      mq_session_get_needs_sign_in    (MqSession           *self);

/* Reads the token (and the client secret, for OAuth accounts) from the keyring. */
void          mq_session_load_async           (MqSession           *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      mq_session_load_finish          (MqSession           *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* After a sign-in: takes the token (and for OAuth the client secret), stores both.
 * A keyring failure does not fail the call: it sets "keyring-error" and the token
 * lives in memory. */
void          mq_session_sign_in_async        (MqSession           *self,
                                               MqToken             *token,
                                               const char          *client_secret,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      mq_session_sign_in_finish       (MqSession           *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Forgets the token and removes it and the client secret from the keyring. */
void          mq_session_sign_out_async       (MqSession           *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      mq_session_sign_out_finish      (MqSession           *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Refreshes now if the token is refreshable and within its refresh window (less than a
 * tenth of its lifetime or a day left). Completes TRUE when nothing had to be done. */
void          mq_session_refresh_if_due_async (MqSession           *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      mq_session_refresh_if_due_finish (MqSession          *self,
                                                GAsyncResult       *result,
                                                GError            **error);

G_END_DECLS
