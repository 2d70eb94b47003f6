/* mq-accounts.h: the accounts, with one MqSession and MqClient each, and signing in
 * and out
 *
 * Owns the account list (MqAccountManager), the keyring store and, created on first
 * use, a session and a client per account: the one place where they are made. Tells
 * its listeners what changed; it shows nothing itself.
 *
 * Signals:
 *   ::account-added (MqAccount *account)      a sign-in saved @account (new, or the
 *                                             same id again).
 *   ::account-removed (const char *account_id)  signed out: the account is gone.
 *   ::sign-in-required (MqAccount *account, GError *why)
 *                                             the session of @account needs a new
 *                                             sign-in (a refused refresh).
 * Properties: "settings", "token-store" (construct-only), "current-account" (read-only,
 * notifies), "tls-database" (for tests: whom the clients made from then on trust in
 * place of the system's; NULL is the system).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mq-account-manager.h"
#include "mq-client.h"
#include "mq-session.h"
#include "mq-token-store.h"

G_BEGIN_DECLS

#define MQ_TYPE_ACCOUNTS (mq_accounts_get_type ())

G_DECLARE_FINAL_TYPE (MqAccounts, mq_accounts, MQ, ACCOUNTS, GObject)

/* @settings: the app's GSettings; @store: the keyring, or NULL for the default one. */
MqAccounts   *mq_accounts_new                 (GSettings           *settings,
                                               MqTokenStore        *store);

GSettings    *mq_accounts_get_settings        (MqAccounts          *self);
MqTokenStore *mq_accounts_get_token_store     (MqAccounts          *self);
/* A GListModel of MqAccount, in the order they were added. */
GListModel   *mq_accounts_get_list            (MqAccounts          *self);
MqAccount    *mq_accounts_lookup              (MqAccounts          *self,
                                               const char          *account_id);

/* "current-account": the account the window shows, or NULL. */
MqAccount    *mq_accounts_get_current         (MqAccounts          *self);
/* @account_id: a known account, or NULL for none. Unknown ids are ignored. */
void          mq_accounts_set_current         (MqAccounts          *self,
                                               const char          *account_id);

/* The account's session and client, created on first use. */
MqSession    *mq_accounts_get_session         (MqAccounts          *self,
                                               MqAccount           *account);
MqClient     *mq_accounts_get_client          (MqAccounts          *self,
                                               MqAccount           *account);

/* Loads the account's token from the keyring once (later calls complete at once). The
 * session may come back without a token: nothing was stored for the account. A call
 * cancelled completes at once; the read goes on for the other callers. */
void          mq_accounts_load_session_async  (MqAccounts          *self,
                                               MqAccount           *account,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
MqSession    *mq_accounts_load_session_finish (MqAccounts          *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Finishes a sign-in: asks @server whose @token it is (one GET /user), stores the token
 * (and for an OAuth @token the client secret) through the account's session, saves the
 * account, replacing one with the same id, and makes it the current account. An
 * account known with another kind of token or another OAuth client is signed out of
 * first. Returns the account. @client_id is NULL for a personal access token. */
void          mq_accounts_sign_in_async       (MqAccounts          *self,
                                               const char          *server,
                                               MqToken             *token,
                                               const char          *client_id,
                                               const char          *client_secret,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
MqAccount    *mq_accounts_sign_in_finish      (MqAccounts          *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Removes the token and client secret from the keyring, the cached lists and the
 * account. The account is removed even when the keyring fails; the error says so. */
void          mq_accounts_sign_out_async      (MqAccounts          *self,
                                               const char          *account_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      mq_accounts_sign_out_finish     (MqAccounts          *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
