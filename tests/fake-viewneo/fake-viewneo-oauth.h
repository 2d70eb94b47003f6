/* fake-viewneo-oauth.h: the Laravel Passport side of the fake viewneo server
 *
 * Clients, authorization codes, access and refresh tokens, and the answers of
 * /oauth/authorize and /oauth/token as Passport (league/oauth2-server) gives them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _FakeOAuth FakeOAuth;

FakeOAuth *fake_oauth_new                (void);
void       fake_oauth_free               (FakeOAuth         *self);

/* The server clock: @unix_time, or real time when 0. */
void       fake_oauth_set_now            (FakeOAuth         *self,
                                          gint64             unix_time);
gint64     fake_oauth_get_now            (FakeOAuth         *self);
/* The user the issued tokens belong to (their `sub`). */
void       fake_oauth_set_subject        (FakeOAuth         *self,
                                          gint64             user_id);

void       fake_oauth_add_token          (FakeOAuth         *self,
                                          const char        *access_token);
void       fake_oauth_revoke_token       (FakeOAuth         *self,
                                          const char        *access_token);
void       fake_oauth_add_client         (FakeOAuth         *self,
                                          const char        *client_id,
                                          const char        *client_secret,
                                          const char        *redirect_uri);
void       fake_oauth_set_auto_consent   (FakeOAuth         *self,
                                          gboolean           automatic,
                                          gboolean           deny);
void       fake_oauth_set_token_lifetime (FakeOAuth         *self,
                                          guint              seconds);
guint      fake_oauth_get_token_grants   (FakeOAuth         *self,
                                          const char        *grant_type);
guint      fake_oauth_get_token_requests (FakeOAuth         *self,
                                          const char        *grant_type);

/* The code and PKCE verifier of the last authorization_code grant that succeeded, and
 * the state of the last approved authorization; NULL before there is one. */
const char *fake_oauth_get_last_code          (FakeOAuth         *self);
const char *fake_oauth_get_last_code_verifier (FakeOAuth         *self);
const char *fake_oauth_get_last_state         (FakeOAuth         *self);

/* TRUE for a token added or issued, not revoked and not expired by the server clock. */
gboolean   fake_oauth_check_bearer       (FakeOAuth         *self,
                                          const char        *access_token);

/* Answers @msg when @path is /oauth/authorize or /oauth/token; FALSE for other paths. */
gboolean   fake_oauth_handle             (FakeOAuth         *self,
                                          SoupServerMessage *msg,
                                          const char        *path,
                                          GHashTable        *query);

G_END_DECLS
