/* mq-oauth.h: viewneo's OAuth2 authorization-code flow with PKCE (Laravel Passport)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mq-token.h"

G_BEGIN_DECLS

#define MQ_TYPE_OAUTH (mq_oauth_get_type ())

G_DECLARE_FINAL_TYPE (MqOAuth, mq_oauth, MQ, OAUTH, GObject)

/* RFC 7636: BASE64URL(SHA256(ASCII(verifier))). */
char       *mq_pkce_challenge_s256           (const char          *verifier);

/* @server_url as accepted by mq_server_url_normalize(). */
/* Property "tls-database" (for tests): the certificates to trust in place of the
 * system's, such as a test CA's from g_tls_file_database_new(); NULL is the system's.
 * It only changes whom to trust, never whether to check. */
MqOAuth    *mq_oauth_new                     (const char          *server_url,
                                              const char          *client_id,
                                              const char          *client_secret,
                                              const char          *redirect_uri);

const char *mq_oauth_get_server_url          (MqOAuth             *self);
const char *mq_oauth_get_client_id           (MqOAuth             *self);
const char *mq_oauth_get_redirect_uri        (MqOAuth             *self);

/* SERVER/oauth/authorize?client_id&redirect_uri&response_type=code&state
 * &code_challenge&code_challenge_method=S256 */
char       *mq_oauth_build_authorize_url     (MqOAuth             *self,
                                              const char          *state,
                                              const char          *code_challenge);

/* POST /oauth/token, JSON body, grant_type=authorization_code. Passport's error bodies
 * become MQ_AUTH_ERROR_*; transport failures MQ_API_ERROR_*. @now_unix is the caller's
 * clock, to turn expires_in into a date. */
void        mq_oauth_exchange_code_async     (MqOAuth             *self,
                                              const char          *code,
                                              const char          *code_verifier,
                                              gint64               now_unix,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
MqToken    *mq_oauth_exchange_code_finish    (MqOAuth             *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* POST /oauth/token, grant_type=refresh_token. The answer's refresh token replaces the
 * old one, which the server has revoked. */
void        mq_oauth_refresh_async           (MqOAuth             *self,
                                              const char          *refresh_token,
                                              gint64               now_unix,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
MqToken    *mq_oauth_refresh_finish          (MqOAuth             *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* Turns a Passport error body and status into a GError (also used by the tests). */
GError     *mq_oauth_error_from_response     (guint                status,
                                              const char          *body,
                                              gsize                length);

/* The token in an answer of POST /oauth/token, or NULL with @error set (never NULL
 * without): what the token requests run in a worker, and the fuzz harness on any
 * body. @refresh_token: the one sent, kept when the answer brings none. */
MqToken    *mq_oauth_token_from_response     (guint                status,
                                              const char          *body,
                                              gsize                length,
                                              const char          *refresh_token,
                                              gint64               now_unix,
                                              GError             **error);

G_END_DECLS
