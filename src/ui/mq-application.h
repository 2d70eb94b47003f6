/* mq-application.h: the Marquee application
 *
 * Owns the settings, the accounts, the keyring store, and one MqSession and MqClient per
 * account, created when first needed. Actions: app.sign-in (s: the id of an account to
 * sign in to again, "" for a new one), app.sign-out (s), app.switch-account (s, stateful:
 * the current account), app.show-account (s: switch to it and present the window, for
 * notifications), app.preferences, app.shortcuts, app.about, app.quit.
 * `marquee --list-playlists` is answered in handle-local-options, without a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mq-account-manager.h"
#include "mq-client.h"
#include "mq-session.h"
#include "mq-token-store.h"

G_BEGIN_DECLS

#define MQ_TYPE_APPLICATION (mq_application_get_type ())

G_DECLARE_FINAL_TYPE (MqApplication, mq_application, MQ, APPLICATION, AdwApplication)

/* @flags: G_APPLICATION_DEFAULT_FLAGS, or G_APPLICATION_NON_UNIQUE for tests. */
MqApplication    *mq_application_new                 (GApplicationFlags    flags);

GSettings        *mq_application_get_settings        (MqApplication       *self);
MqAccountManager *mq_application_get_account_manager (MqApplication       *self);
MqTokenStore     *mq_application_get_token_store     (MqApplication       *self);
/* One radio item per account, "Add Account…" and "Sign Out…"; kept up to date. */
GMenuModel       *mq_application_get_account_menu    (MqApplication       *self);

/* "current-account": the account the window shows, or NULL. */
MqAccount        *mq_application_get_current_account (MqApplication       *self);
/* @account_id: a known account, or NULL for none. */
void              mq_application_switch_account      (MqApplication       *self,
                                                      const char          *account_id);

/* The account's session and client, created on first use. */
MqSession        *mq_application_get_session         (MqApplication       *self,
                                                      MqAccount           *account);
MqClient         *mq_application_get_client          (MqApplication       *self,
                                                      MqAccount           *account);

/* Loads the account's token from the keyring once (later calls complete at once). The
 * session may come back without a token: nothing was stored for the account. */
void              mq_application_load_session_async  (MqApplication       *self,
                                                      MqAccount           *account,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
MqSession        *mq_application_load_session_finish (MqApplication       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Finishes a sign-in: asks @server whose @token it is (one GET /user), stores the token
 * (and for an OAuth @token the client secret) through the account's session, saves the
 * account, replacing one with the same id, and makes it the current account. Returns
 * the account. @client_id is NULL for a personal access token. */
void              mq_application_sign_in_async       (MqApplication       *self,
                                                      const char          *server,
                                                      MqToken             *token,
                                                      const char          *client_id,
                                                      const char          *client_secret,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
MqAccount        *mq_application_sign_in_finish      (MqApplication       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Removes the token and client secret from the keyring, the cached playlists and the
 * account. The account is removed even when the keyring fails; the error says so. */
void              mq_application_sign_out_async      (MqApplication       *self,
                                                      const char          *account_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean          mq_application_sign_out_finish     (MqApplication       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
