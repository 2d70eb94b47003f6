/* mq-token.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-auth"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mq-api-error.h"
#include "mq-auth-error.h"
#include "mq-random.h"
#include "mq-secret.h"
#include "mq-token.h"

/* A JWT is a few hundred bytes; anything far larger is not one worth decoding. */
#define MAX_JWT_LENGTH (64 * 1024)

struct _MqToken
{
  GObject      parent_instance;

  MqTokenKind  kind;
  char        *access_token;
  char        *refresh_token;
  char        *token_type;
  gint64       expires_at;
  gint64       issued_at;
};

G_DEFINE_FINAL_TYPE (MqToken, mq_token, G_TYPE_OBJECT)

static void
mq_token_finalize (GObject *object)
{
  MqToken *self = (MqToken *) object;

  g_clear_pointer (&self->access_token, mq_secret_free);
  g_clear_pointer (&self->refresh_token, mq_secret_free);
  g_clear_pointer (&self->token_type, g_free);

  G_OBJECT_CLASS (mq_token_parent_class)->finalize (object);
}

static void
mq_token_class_init (MqTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mq_token_finalize;
}

static void
mq_token_init (MqToken *self)
{
}

static MqToken *
token_new (MqTokenKind  kind,
           const char  *access_token,
           const char  *refresh_token,
           const char  *token_type,
           gint64       expires_at,
           gint64       issued_at)
{
  MqToken *self = g_object_new (MQ_TYPE_TOKEN, NULL);

  self->kind = kind;
  self->access_token = g_strdup (access_token);
  self->refresh_token = g_strdup (refresh_token);
  self->token_type = g_strdup (token_type != NULL ? token_type : "Bearer");
  self->expires_at = MAX (expires_at, 0);
  self->issued_at = MAX (issued_at, 0);

  return self;
}

/* What may stand in an Authorization header: visible ASCII, as RFC 6750's b64token and
 * JWTs use. Anything else (spaces, line breaks, controls) would break or forge headers. */
static gboolean
is_token_text (const char *text)
{
  const char *p;

  if (text == NULL || *text == '\0')
    return FALSE;

  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c < 0x21 || c > 0x7e)
        return FALSE;
    }

  return TRUE;
}

static JsonObject *
jwt_get_claims (const char *token)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree guint8 *payload = NULL;
  g_autofree char *payload_text = NULL;
  g_auto(GStrv) parts = NULL;
  JsonNode *root;
  gsize len;

  if (token == NULL || strlen (token) > MAX_JWT_LENGTH)
    return NULL;

  parts = g_strsplit (token, ".", 0);
  if (g_strv_length (parts) != 3 || parts[1][0] == '\0')
    return NULL;

  payload = mq_base64url_decode (parts[1], &len);
  if (payload == NULL)
    return NULL;

  payload_text = g_strndup ((const char *) payload, len);
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, payload_text, (gssize) len, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

/* A NumericDate (RFC 7519): seconds, an integer or a JSON number with a fraction. */
static gint64
claim_get_date (JsonObject *claims,
                const char *name)
{
  JsonNode *node = json_object_get_member (claims, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return MAX (json_node_get_int (node), 0);
  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (value > 0 && value < (double) G_MAXINT64)
        return (gint64) value;
    }

  return 0;
}

gint64
mq_jwt_get_expiry (const char *token)
{
  g_autoptr(JsonObject) claims = jwt_get_claims (token);

  return claims != NULL ? claim_get_date (claims, "exp") : 0;
}

MqToken *
mq_token_new_personal (const char  *pasted,
                       GError     **error)
{
  g_autoptr(JsonObject) claims = NULL;
  g_autofree char *text = NULL;
  const char *token;

  g_return_val_if_fail (pasted != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_strstrip (g_strdup (pasted));
  token = text;

  /* What an API page shows next to the token is often copied with it; "Bearer" alone
   * is what is left of "Bearer " with nothing after it. */
  if (g_ascii_strncasecmp (token, "Bearer", 6) == 0 &&
      (token[6] == '\0' || g_ascii_isspace (token[6])))
    {
      token += 6;
      while (g_ascii_isspace (*token))
        token++;
    }

  if (*token == '\0')
    {
      g_set_error_literal (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_INPUT,
                           _("Paste the personal access token you generated in viewneo under Settings › API."));
      return NULL;
    }

  if (!is_token_text (token))
    {
      g_set_error_literal (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_INPUT,
                           _("This is not a personal access token: it contains spaces, line breaks or other characters a token cannot have. Copy the token again from Settings › API in viewneo."));
      return NULL;
    }

  claims = jwt_get_claims (token);

  return token_new (MQ_TOKEN_KIND_PERSONAL, token, NULL, "Bearer",
                    claims != NULL ? claim_get_date (claims, "exp") : 0,
                    claims != NULL ? claim_get_date (claims, "iat") : 0);
}

/* A member that must be a string if present; FALSE when it is something else. json-glib
 * 1.6 decodes a lone surrogate escape to bytes that are not UTF-8: not a string that
 * could be written back and read again. */
static gboolean
get_optional_string (JsonObject  *object,
                     const char  *name,
                     const char **value)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !g_utf8_validate (json_node_get_string (node), -1, NULL))
    return FALSE;

  *value = json_node_get_string (node);
  return TRUE;
}

/* A non-negative integer member, or a numeric string (some PHP stacks send those);
 * FALSE when it is present and something else. */
static gboolean
get_optional_seconds (JsonObject *object,
                      const char *name,
                      gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  *value = -1;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    {
      double seconds = json_node_get_double (node);

      /* Converting a double outside gint64's range (1e300, inf) is undefined. */
      if (!(seconds >= 0 && seconds < 9223372036854775808.0))
        return FALSE;
      *value = (gint64) seconds;
    }
  else if (type == G_TYPE_STRING)
    {
      guint64 parsed;

      if (!g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXINT64,
                                       &parsed, NULL))
        return FALSE;
      *value = (gint64) parsed;
    }
  else
    return FALSE;

  return *value >= 0;
}

MqToken *
mq_token_new_from_oauth_response (JsonObject  *object,
                                  gint64       now_unix,
                                  GError     **error)
{
  const char *access_token;
  const char *refresh_token;
  const char *token_type;
  gint64 expires_in;
  gint64 expires_at;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!get_optional_string (object, "access_token", &access_token) ||
      !get_optional_string (object, "refresh_token", &refresh_token) ||
      !get_optional_string (object, "token_type", &token_type) ||
      !get_optional_seconds (object, "expires_in", &expires_in) ||
      !is_token_text (access_token) ||
      (refresh_token != NULL && *refresh_token != '\0' && !is_token_text (refresh_token)))
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("viewneo answered the sign-in without a usable access token. Try again later; if it keeps happening, the server may not be viewneo."));
      return NULL;
    }

  /* Bearer is the only type viewneo issues and the only one Marquee can send. */
  if (token_type != NULL && g_ascii_strcasecmp (token_type, "Bearer") != 0)
    {
      g_set_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                   _("viewneo answered the sign-in with a token of an unknown type (“%s”). Marquee can only use Bearer tokens."),
                   token_type);
      return NULL;
    }

  if (expires_in >= 0)
    expires_at = now_unix + MIN (expires_in, G_MAXINT64 - now_unix);
  else
    expires_at = mq_jwt_get_expiry (access_token);

  return token_new (MQ_TOKEN_KIND_OAUTH, access_token,
                    refresh_token != NULL && *refresh_token != '\0' ? refresh_token : NULL,
                    "Bearer", expires_at, now_unix);
}

static const char *
kind_to_string (MqTokenKind kind)
{
  return kind == MQ_TOKEN_KIND_OAUTH ? "oauth" : "personal";
}

char *
mq_token_to_secret (MqToken *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (MQ_IS_TOKEN (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind_to_string (self->kind));
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, self->access_token);
  if (self->refresh_token != NULL)
    {
      json_builder_set_member_name (builder, "refresh_token");
      json_builder_add_string_value (builder, self->refresh_token);
    }
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, self->token_type);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_int_value (builder, self->expires_at);
  json_builder_set_member_name (builder, "issued_at");
  json_builder_add_int_value (builder, self->issued_at);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static MqToken *
token_from_secret_object (JsonObject *object)
{
  const char *kind_text;
  const char *access_token;
  const char *refresh_token;
  const char *token_type;
  gint64 expires_at;
  gint64 issued_at;
  MqTokenKind kind;

  if (!get_optional_string (object, "kind", &kind_text) ||
      !get_optional_string (object, "access_token", &access_token) ||
      !get_optional_string (object, "refresh_token", &refresh_token) ||
      !get_optional_string (object, "token_type", &token_type) ||
      !get_optional_seconds (object, "expires_at", &expires_at) ||
      !get_optional_seconds (object, "issued_at", &issued_at) ||
      !is_token_text (access_token) ||
      (refresh_token != NULL && !is_token_text (refresh_token)))
    return NULL;

  if (g_strcmp0 (kind_text, "oauth") == 0)
    kind = MQ_TOKEN_KIND_OAUTH;
  else if (g_strcmp0 (kind_text, "personal") == 0)
    kind = MQ_TOKEN_KIND_PERSONAL;
  else
    return NULL;

  /* Only OAuth tokens have a refresh token. */
  if (kind == MQ_TOKEN_KIND_PERSONAL && refresh_token != NULL)
    return NULL;

  return token_new (kind, access_token, refresh_token, token_type,
                    MAX (expires_at, 0), MAX (issued_at, 0));
}

MqToken *
mq_token_new_from_secret (const char  *secret,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  MqToken *self = NULL;
  JsonNode *root;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (json_parser_load_from_data (parser, secret, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (root))
    self = token_from_secret_object (json_node_get_object (root));

  if (self == NULL)
    g_set_error_literal (error, MQ_KEYRING_ERROR, MQ_KEYRING_ERROR_CORRUPT,
                         _("The sign-in saved in the keyring is damaged or was not written by Marquee. Sign in again."));

  return self;
}

MqTokenKind
mq_token_get_kind (MqToken *self)
{
  g_return_val_if_fail (MQ_IS_TOKEN (self), MQ_TOKEN_KIND_PERSONAL);

  return self->kind;
}

const char *
mq_token_get_access_token (MqToken *self)
{
  g_return_val_if_fail (MQ_IS_TOKEN (self), NULL);

  return self->access_token;
}

const char *
mq_token_get_refresh_token (MqToken *self)
{
  g_return_val_if_fail (MQ_IS_TOKEN (self), NULL);

  return self->refresh_token;
}

const char *
mq_token_get_token_type (MqToken *self)
{
  g_return_val_if_fail (MQ_IS_TOKEN (self), NULL);

  return self->token_type;
}

gint64
mq_token_get_expires_at (MqToken *self)
{
  g_return_val_if_fail (MQ_IS_TOKEN (self), 0);

  return self->expires_at;
}

gint64
mq_token_get_issued_at (MqToken *self)
{
  g_return_val_if_fail (MQ_IS_TOKEN (self), 0);

  return self->issued_at;
}

gboolean
mq_token_can_refresh (MqToken *self)
{
  g_return_val_if_fail (MQ_IS_TOKEN (self), FALSE);

  return self->kind == MQ_TOKEN_KIND_OAUTH && self->refresh_token != NULL;
}
