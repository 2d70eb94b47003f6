/* mq-token.h: an access token, its refresh token and when it ends
 *
 * An immutable value. It never prints itself: no token text reaches a log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MQ_TYPE_TOKEN (mq_token_get_type ())

G_DECLARE_FINAL_TYPE (MqToken, mq_token, MQ, TOKEN, GObject)

typedef enum
{
  MQ_TOKEN_KIND_PERSONAL, /* pasted from Settings > API */
  MQ_TOKEN_KIND_OAUTH,    /* from browser sign-in, refreshable */
} MqTokenKind;

/* A pasted personal access token. Surrounding white space and a "Bearer " prefix are
 * removed; an empty result or one with inner white space fails with
 * MQ_AUTH_ERROR_INVALID_INPUT. When it is a JWT its `exp` claim (read without verifying,
 * only to learn the date) becomes the expiry. */
MqToken     *mq_token_new_personal          (const char  *pasted,
                                             GError     **error);
/* The body of a successful /oauth/token answer; @now_unix turns expires_in into a date.
 * Fails with MQ_API_ERROR_PROTOCOL without an access_token. */
MqToken     *mq_token_new_from_oauth_response (JsonObject *object,
                                               gint64      now_unix,
                                               GError    **error);
/* The secret as the keyring keeps it: a JSON object (access_token, refresh_token,
 * expires_at, token_type, kind, issued_at). */
char        *mq_token_to_secret             (MqToken     *self);
MqToken     *mq_token_new_from_secret       (const char  *secret,
                                             GError     **error);

/* Expiry of a JWT's `exp` claim in Unix time, or 0 if @token is not a JWT with one. */
gint64       mq_jwt_get_expiry              (const char  *token);

MqTokenKind  mq_token_get_kind              (MqToken     *self);
const char  *mq_token_get_access_token      (MqToken     *self);
/* NULL for personal tokens. */
const char  *mq_token_get_refresh_token     (MqToken     *self);
const char  *mq_token_get_token_type        (MqToken     *self);
/* Unix time; 0 when unknown. */
gint64       mq_token_get_expires_at        (MqToken     *self);
/* When it was issued, Unix time (the JWT `iat` of a personal token); 0 when unknown.
 * With the expiry it gives the lifetime, for refreshing ahead of the end. */
gint64       mq_token_get_issued_at         (MqToken     *self);
gboolean     mq_token_can_refresh           (MqToken     *self);

G_END_DECLS
