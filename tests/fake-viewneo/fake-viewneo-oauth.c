/* fake-viewneo-oauth.c: the Laravel Passport side of the fake viewneo server
 *
 * The checks, their order, the status codes and the error bodies follow
 * league/oauth2-server as Passport uses it, with one simplification: every code that
 * cannot be exchanged (unknown, expired, reused, another client's, another redirect
 * URI) is invalid_grant, where league says invalid_request for some of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fake-viewneo"

#include "fake-viewneo-oauth.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "fake-viewneo-util.h"

#define CODE_LIFETIME             600
#define REFRESH_TOKEN_LIFETIME    (30 * 86400)
#define DEFAULT_TOKEN_LIFETIME    1296000

#define INVALID_REQUEST_DESCRIPTION \
  "The request is missing a required parameter, includes an invalid parameter value, " \
  "includes a parameter more than once, or is otherwise malformed."
#define INVALID_GRANT_DESCRIPTION \
  "The provided authorization grant (e.g., authorization code, resource owner " \
  "credentials) or refresh token is invalid, expired, revoked, does not match the " \
  "redirection URI used in the authorization request, or was issued to another client."
#define INVALID_REFRESH_TOKEN_DESCRIPTION "The refresh token is invalid."
#define INVALID_CLIENT_DESCRIPTION        "Client authentication failed"
#define UNSUPPORTED_GRANT_DESCRIPTION \
  "The authorization grant type is not supported by the authorization server."
#define ACCESS_DENIED_DESCRIPTION \
  "The resource owner or authorization server denied the request."

typedef struct
{
  char *secret;
  char *redirect_uri;
} Client;

/* An authorization request waiting for the user's decision on the consent page. */
typedef struct
{
  char *client_id;
  char *redirect_uri;     /* as sent to /oauth/authorize, or NULL */
  char *state;
  char *code_challenge;
  char *code_challenge_method;
} Request;

typedef struct
{
  char    *client_id;
  char    *redirect_uri;  /* as sent to /oauth/authorize, or NULL */
  char    *code_challenge;
  char    *code_challenge_method;
  gint64   issued_at;
  gboolean used;
} Code;

typedef struct
{
  gint64   expires_at;    /* 0: never (a personal access token) */
  gboolean revoked;
} AccessToken;

typedef struct
{
  char    *client_id;
  char    *access_token;
  gint64   expires_at;
  gboolean revoked;
} RefreshToken;

struct _FakeOAuth
{
  gint64      fake_now;
  gint64      subject;
  guint       token_lifetime;
  gboolean    auto_consent;
  gboolean    auto_deny;
  GHashTable *clients;        /* id -> Client */
  GHashTable *requests;       /* auth_token -> Request */
  GHashTable *codes;          /* code -> Code */
  GHashTable *access_tokens;  /* token -> AccessToken */
  GHashTable *refresh_tokens; /* token -> RefreshToken */
  GHashTable *grants;         /* grant type -> count */
  GHashTable *token_requests; /* grant type -> count, refused ones too */
  /* What a test may look for where it must not be. */
  char       *last_code;
  char       *last_code_verifier;
  char       *last_state;
};

static void
client_free (gpointer data)
{
  Client *client = data;

  g_free (client->secret);
  g_free (client->redirect_uri);
  g_free (client);
}

static void
request_free (gpointer data)
{
  Request *request = data;

  g_free (request->client_id);
  g_free (request->redirect_uri);
  g_free (request->state);
  g_free (request->code_challenge);
  g_free (request->code_challenge_method);
  g_free (request);
}

static void
code_free (gpointer data)
{
  Code *code = data;

  g_free (code->client_id);
  g_free (code->redirect_uri);
  g_free (code->code_challenge);
  g_free (code->code_challenge_method);
  g_free (code);
}

static void
refresh_token_free (gpointer data)
{
  RefreshToken *token = data;

  g_free (token->client_id);
  g_free (token->access_token);
  g_free (token);
}

FakeOAuth *
fake_oauth_new (void)
{
  FakeOAuth *self = g_new0 (FakeOAuth, 1);

  self->subject = 1;
  self->token_lifetime = DEFAULT_TOKEN_LIFETIME;
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, client_free);
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, request_free);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, code_free);
  self->access_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                refresh_token_free);
  self->grants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->token_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return self;
}

void
fake_oauth_free (FakeOAuth *self)
{
  g_hash_table_unref (self->clients);
  g_hash_table_unref (self->requests);
  g_hash_table_unref (self->codes);
  g_hash_table_unref (self->access_tokens);
  g_hash_table_unref (self->refresh_tokens);
  g_hash_table_unref (self->grants);
  g_hash_table_unref (self->token_requests);
  g_free (self->last_code);
  g_free (self->last_code_verifier);
  g_free (self->last_state);
  g_free (self);
}

void
fake_oauth_set_now (FakeOAuth *self,
                    gint64     unix_time)
{
  self->fake_now = unix_time;
}

/* Microseconds, so that issued tokens carry the fraction real Passport tokens have. */
static gint64
now_usec (FakeOAuth *self)
{
  return self->fake_now != 0 ? self->fake_now * G_USEC_PER_SEC : g_get_real_time ();
}

gint64
fake_oauth_get_now (FakeOAuth *self)
{
  return now_usec (self) / G_USEC_PER_SEC;
}

void
fake_oauth_set_subject (FakeOAuth *self,
                        gint64     user_id)
{
  self->subject = user_id;
}

void
fake_oauth_add_token (FakeOAuth  *self,
                      const char *access_token)
{
  g_hash_table_replace (self->access_tokens, g_strdup (access_token),
                        g_new0 (AccessToken, 1));
}

void
fake_oauth_revoke_token (FakeOAuth  *self,
                         const char *access_token)
{
  AccessToken *token = g_hash_table_lookup (self->access_tokens, access_token);

  if (token != NULL)
    token->revoked = TRUE;
}

void
fake_oauth_add_client (FakeOAuth  *self,
                       const char *client_id,
                       const char *client_secret,
                       const char *redirect_uri)
{
  Client *client = g_new0 (Client, 1);

  client->secret = g_strdup (client_secret);
  client->redirect_uri = g_strdup (redirect_uri);
  g_hash_table_replace (self->clients, g_strdup (client_id), client);
}

void
fake_oauth_set_auto_consent (FakeOAuth *self,
                             gboolean   automatic,
                             gboolean   deny)
{
  self->auto_consent = automatic;
  self->auto_deny = deny;
}

void
fake_oauth_set_token_lifetime (FakeOAuth *self,
                               guint      seconds)
{
  self->token_lifetime = seconds;
}

guint
fake_oauth_get_token_grants (FakeOAuth  *self,
                             const char *grant_type)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->grants, grant_type));
}

guint
fake_oauth_get_token_requests (FakeOAuth  *self,
                               const char *grant_type)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->token_requests, grant_type));
}

const char *
fake_oauth_get_last_code (FakeOAuth *self)
{
  return self->last_code;
}

const char *
fake_oauth_get_last_code_verifier (FakeOAuth *self)
{
  return self->last_code_verifier;
}

const char *
fake_oauth_get_last_state (FakeOAuth *self)
{
  return self->last_state;
}

gboolean
fake_oauth_check_bearer (FakeOAuth  *self,
                         const char *access_token)
{
  AccessToken *token = g_hash_table_lookup (self->access_tokens, access_token);

  return token != NULL && !token->revoked &&
         (token->expires_at == 0 || fake_oauth_get_now (self) < token->expires_at);
}

/* ---- /oauth/authorize ---- */

/* RFC 7636: 43 to 128 characters of [A-Za-z0-9-._~], for verifiers and plain challenges. */
static gboolean
is_pkce_string (const char *text)
{
  gsize len = strlen (text);

  if (len < 43 || len > 128)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-._~", *p) == NULL)
      return FALSE;

  return TRUE;
}

static void
append_query_param (GString    *uri,
                    const char *name,
                    const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_c (uri, strchr (uri->str, '?') != NULL ? '&' : '?');
  g_string_append (uri, name);
  g_string_append_c (uri, '=');
  g_string_append (uri, escaped);
}

static const char *
request_redirect_uri (FakeOAuth     *self,
                      const Request *request)
{
  Client *client;

  if (request->redirect_uri != NULL)
    return request->redirect_uri;

  client = g_hash_table_lookup (self->clients, request->client_id);
  return client->redirect_uri;
}

/* Sends the browser back to the client with a code, or with access_denied. */
static void
complete_request (FakeOAuth         *self,
                  SoupServerMessage *msg,
                  const Request     *request,
                  gboolean           approved)
{
  g_autoptr(GString) location = g_string_new (request_redirect_uri (self, request));

  if (approved)
    {
      Code *code = g_new0 (Code, 1);
      g_autofree char *hex = fake_random_hex (256);
      char *code_text = g_strconcat ("def50200", hex, NULL);

      code->client_id = g_strdup (request->client_id);
      code->redirect_uri = g_strdup (request->redirect_uri);
      code->code_challenge = g_strdup (request->code_challenge);
      code->code_challenge_method = g_strdup (request->code_challenge_method);
      code->issued_at = fake_oauth_get_now (self);
      g_hash_table_replace (self->codes, code_text, code);
      append_query_param (location, "code", code_text);

      g_free (self->last_state);
      self->last_state = g_strdup (request->state);
    }
  else
    {
      append_query_param (location, "error", "access_denied");
      append_query_param (location, "error_description", ACCESS_DENIED_DESCRIPTION);
    }

  if (request->state != NULL)
    append_query_param (location, "state", request->state);

  fake_reply_redirect (msg, location->str);
}

static void
append_hidden_input (GString    *html,
                     const char *name,
                     const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value != NULL ? value : "", -1);

  g_string_append_printf (html, "    <input type=\"hidden\" name=\"%s\" value=\"%s\">\n",
                          name, escaped);
}

/* Two forms as Passport's authorize view has them: POST approves, DELETE denies. */
static void
reply_consent_page (SoupServerMessage *msg,
                    const char        *auth_token,
                    const Request     *request)
{
  g_autofree char *client = g_markup_escape_text (request->client_id, -1);
  GString *html = g_string_new (NULL);

  g_string_append_printf (html,
                          "<!DOCTYPE html>\n"
                          "<html lang=\"en\">\n"
                          "<head><meta charset=\"utf-8\"><title>viewneo – Authorization Request</title></head>\n"
                          "<body>\n"
                          "  <h1>Authorization Request</h1>\n"
                          "  <p>The application <strong>%s</strong> is requesting permission to access your viewneo account.</p>\n",
                          client);

  for (guint i = 0; i < 2; i++)
    {
      gboolean approve = i == 0;

      g_string_append (html, "  <form method=\"post\" action=\"/oauth/authorize\">\n");
      if (!approve)
        append_hidden_input (html, "_method", "DELETE");
      append_hidden_input (html, "state", request->state);
      append_hidden_input (html, "client_id", request->client_id);
      append_hidden_input (html, "auth_token", auth_token);
      g_string_append_printf (html, "    <button type=\"submit\" name=\"%s\">%s</button>\n"
                                    "  </form>\n",
                              approve ? "approve" : "deny", approve ? "Approve" : "Deny");
    }
  g_string_append (html, "</body>\n</html>\n");

  fake_reply (msg, SOUP_STATUS_OK, "text/html; charset=UTF-8", g_string_free_to_bytes (html));
}

/* Errors before the redirect URI is known to be the client's own are never redirected:
 * the user sees a page, as with Passport. */
static void
start_authorization (FakeOAuth         *self,
                     SoupServerMessage *msg,
                     GHashTable        *query)
{
  const char *client_id = query ? g_hash_table_lookup (query, "client_id") : NULL;
  const char *redirect_uri = query ? g_hash_table_lookup (query, "redirect_uri") : NULL;
  const char *response_type = query ? g_hash_table_lookup (query, "response_type") : NULL;
  const char *challenge = query ? g_hash_table_lookup (query, "code_challenge") : NULL;
  const char *method = query ? g_hash_table_lookup (query, "code_challenge_method") : NULL;
  Client *client;
  Request *request;

  if (client_id == NULL)
    {
      fake_reply_html (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                       INVALID_REQUEST_DESCRIPTION " Check the `client_id` parameter");
      return;
    }

  client = g_hash_table_lookup (self->clients, client_id);
  if (client == NULL ||
      (redirect_uri != NULL && g_strcmp0 (redirect_uri, client->redirect_uri) != 0))
    {
      fake_reply_html (msg, SOUP_STATUS_UNAUTHORIZED, "invalid_client",
                       INVALID_CLIENT_DESCRIPTION);
      return;
    }

  if (g_strcmp0 (response_type, "code") != 0)
    {
      fake_reply_html (msg, SOUP_STATUS_BAD_REQUEST, "unsupported_response_type",
                       "The authorization server does not support obtaining an "
                       "authorization code using this method.");
      return;
    }

  if (challenge != NULL)
    {
      if (method == NULL)
        method = "plain";
      if (g_strcmp0 (method, "S256") != 0 && g_strcmp0 (method, "plain") != 0)
        {
          fake_reply_html (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                           INVALID_REQUEST_DESCRIPTION
                           " Code challenge method must be one of `plain`, `S256`");
          return;
        }
      if (!is_pkce_string (challenge))
        {
          fake_reply_html (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                           INVALID_REQUEST_DESCRIPTION
                           " Code challenge must follow the specifications of RFC-7636.");
          return;
        }
    }

  request = g_new0 (Request, 1);
  request->client_id = g_strdup (client_id);
  request->redirect_uri = g_strdup (redirect_uri);
  request->state = g_strdup (query ? g_hash_table_lookup (query, "state") : NULL);
  request->code_challenge = g_strdup (challenge);
  request->code_challenge_method = challenge != NULL ? g_strdup (method) : NULL;

  if (self->auto_consent)
    {
      complete_request (self, msg, request, !self->auto_deny);
      request_free (request);
      return;
    }

  {
    char *auth_token = fake_random_hex (20);

    reply_consent_page (msg, auth_token, request);
    g_hash_table_replace (self->requests, auth_token, request);
  }
}

static GHashTable *
decode_form_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return soup_form_decode (text);
}

/* The consent page's forms; each authorization request is decided once. */
static void
decide_authorization (FakeOAuth         *self,
                      SoupServerMessage *msg,
                      gboolean           approve)
{
  g_autoptr(GHashTable) form = decode_form_body (msg);
  const char *auth_token = g_hash_table_lookup (form, "auth_token");
  gpointer key, value;
  g_autofree char *stolen_key = NULL;
  Request *request;

  if (g_strcmp0 (g_hash_table_lookup (form, "_method"), "DELETE") == 0)
    approve = FALSE;

  if (auth_token == NULL ||
      !g_hash_table_steal_extended (self->requests, auth_token, &key, &value))
    {
      fake_reply_html (msg, SOUP_STATUS_BAD_REQUEST, "Invalid authorization request",
                       "This authorization request is unknown or was already answered. "
                       "Start the sign-in again from the application.");
      return;
    }
  stolen_key = key;
  request = value;

  if (g_strcmp0 (g_hash_table_lookup (form, "state"), request->state ? request->state : "") != 0 ||
      g_strcmp0 (g_hash_table_lookup (form, "client_id"), request->client_id) != 0)
    {
      fake_reply_html (msg, SOUP_STATUS_BAD_REQUEST, "Invalid authorization request",
                       "The form does not belong to this authorization request.");
    }
  else
    {
      complete_request (self, msg, request, approve);
    }

  request_free (request);
}

/* ---- /oauth/token ---- */

static void
reply_oauth_error (SoupServerMessage *msg,
                   guint              status,
                   const char        *error,
                   const char        *description,
                   const char        *hint)
{
  GString *json = g_string_new ("{\"error\":");

  fake_json_append_string (json, error);
  g_string_append (json, ",\"error_description\":");
  fake_json_append_string (json, description);
  if (hint != NULL)
    {
      g_string_append (json, ",\"hint\":");
      fake_json_append_string (json, hint);
    }
  g_string_append (json, ",\"message\":");
  fake_json_append_string (json, description);
  g_string_append_c (json, '}');

  fake_reply_json (msg, status, json);
}

static void
reply_invalid_request (SoupServerMessage *msg,
                       const char        *parameter)
{
  g_autofree char *hint = g_strdup_printf ("Check the `%s` parameter", parameter);

  reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                     INVALID_REQUEST_DESCRIPTION, hint);
}

static void
reply_invalid_grant (SoupServerMessage *msg,
                     const char        *hint)
{
  reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant",
                     INVALID_GRANT_DESCRIPTION, hint);
}

/* Passport reads the body as JSON or as a form, by its Content-Type. Numbers become
 * text (a numeric client_id sent as a number); other non-strings are left out. */
static GHashTable *
decode_token_parameters (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GBytes) body = NULL;
  GHashTable *parameters;
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (g_strcmp0 (content_type, "application/json") != 0)
    return decode_form_body (msg);

  parameters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   g_bytes_get_size (body), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return parameters;

  object = json_node_get_object (json_parser_get_root (parser));
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node))
        continue;

      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          g_hash_table_replace (parameters, g_strdup (name),
                                g_strdup (json_node_get_string (node)));
          break;
        case G_TYPE_INT64:
          g_hash_table_replace (parameters, g_strdup (name),
                                g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node)));
          break;
        default:
          break;
        }
    }

  return parameters;
}

/* The client, from the body or from HTTP Basic authentication; NULL after an error
 * reply. */
static const char *
authenticate_client (FakeOAuth         *self,
                     SoupServerMessage *msg,
                     GHashTable        *parameters)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *client_id = g_hash_table_lookup (parameters, "client_id");
  const char *secret = g_hash_table_lookup (parameters, "client_secret");
  gboolean used_basic = FALSE;
  Client *client;

  if (authorization != NULL && g_ascii_strncasecmp (authorization, "Basic ", 6) == 0)
    {
      gsize len = 0;
      g_autofree char *decoded = (char *) g_base64_decode (authorization + 6, &len);
      g_autofree char *text = g_strndup (decoded, len);
      char *colon = strchr (text, ':');

      used_basic = TRUE;
      if (colon != NULL)
        {
          *colon = '\0';
          g_hash_table_replace (parameters, g_strdup ("client_id"), g_strdup (text));
          g_hash_table_replace (parameters, g_strdup ("client_secret"), g_strdup (colon + 1));
          client_id = g_hash_table_lookup (parameters, "client_id");
          secret = g_hash_table_lookup (parameters, "client_secret");
        }
    }

  if (client_id == NULL)
    {
      reply_invalid_request (msg, "client_id");
      return NULL;
    }

  client = g_hash_table_lookup (self->clients, client_id);
  if (client == NULL || g_strcmp0 (secret, client->secret) != 0)
    {
      reply_oauth_error (msg, SOUP_STATUS_UNAUTHORIZED, "invalid_client",
                         INVALID_CLIENT_DESCRIPTION, NULL);
      if (used_basic)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "WWW-Authenticate", "Basic realm=\"OAuth\"");
      return NULL;
    }

  return client_id;
}

static char *
base64url_text (const char *text)
{
  return fake_base64url_encode ((const guint8 *) text, strlen (text));
}

/* Seconds as lcobucci/jwt writes them: an integer, or a float with microseconds. */
static void
append_jwt_time (GString *out,
                 gint64   usec)
{
  g_string_append_printf (out, "%" G_GINT64_FORMAT, usec / G_USEC_PER_SEC);
  if (usec % G_USEC_PER_SEC != 0)
    g_string_append_printf (out, ".%06d", (int) (usec % G_USEC_PER_SEC));
}

/* A JWT as Passport issues them, signed with nothing: clients only read `exp`. */
static char *
new_access_token (FakeOAuth  *self,
                  const char *client_id,
                  gint64      issued_usec,
                  gint64      expires_usec)
{
  g_autofree char *header = base64url_text ("{\"typ\":\"JWT\",\"alg\":\"RS256\"}");
  g_autofree char *jti = fake_random_hex (40);
  g_autoptr(GString) payload = g_string_new ("{\"aud\":");
  g_autofree char *encoded_payload = NULL;
  g_autofree char *signature = NULL;
  guint8 signature_bytes[256];

  fake_json_append_string (payload, client_id);
  g_string_append (payload, ",\"jti\":");
  fake_json_append_string (payload, jti);
  g_string_append (payload, ",\"iat\":");
  append_jwt_time (payload, issued_usec);
  g_string_append (payload, ",\"nbf\":");
  append_jwt_time (payload, issued_usec);
  g_string_append (payload, ",\"exp\":");
  append_jwt_time (payload, expires_usec);
  g_string_append_printf (payload, ",\"sub\":\"%" G_GINT64_FORMAT "\",\"scopes\":[]}",
                          self->subject);
  encoded_payload = base64url_text (payload->str);

  for (gsize i = 0; i < sizeof signature_bytes; i++)
    signature_bytes[i] = (guint8) g_random_int_range (0, 256);
  signature = fake_base64url_encode (signature_bytes, sizeof signature_bytes);

  return g_strjoin (".", header, encoded_payload, signature, NULL);
}

static void
issue_tokens (FakeOAuth         *self,
              SoupServerMessage *msg,
              const char        *client_id,
              const char        *grant_type)
{
  gint64 issued_usec = now_usec (self);
  gint64 expires_usec = issued_usec + (gint64) self->token_lifetime * G_USEC_PER_SEC;
  char *access_token = new_access_token (self, client_id, issued_usec, expires_usec);
  g_autofree char *refresh_hex = fake_random_hex (256);
  char *refresh_token = g_strconcat ("def50200", refresh_hex, NULL);
  AccessToken *access = g_new0 (AccessToken, 1);
  RefreshToken *refresh = g_new0 (RefreshToken, 1);
  SoupMessageHeaders *headers;
  GString *json = g_string_new (NULL);

  access->expires_at = expires_usec / G_USEC_PER_SEC;
  refresh->client_id = g_strdup (client_id);
  refresh->access_token = g_strdup (access_token);
  refresh->expires_at = issued_usec / G_USEC_PER_SEC + REFRESH_TOKEN_LIFETIME;

  g_string_append_printf (json, "{\"token_type\":\"Bearer\",\"expires_in\":%u,\"access_token\":",
                          self->token_lifetime);
  fake_json_append_string (json, access_token);
  g_string_append (json, ",\"refresh_token\":");
  fake_json_append_string (json, refresh_token);
  g_string_append_c (json, '}');

  g_hash_table_replace (self->access_tokens, access_token, access);
  g_hash_table_replace (self->refresh_tokens, refresh_token, refresh);
  g_hash_table_replace (self->grants, g_strdup (grant_type),
                        GUINT_TO_POINTER (fake_oauth_get_token_grants (self, grant_type) + 1));

  fake_reply (msg, SOUP_STATUS_OK, "application/json; charset=UTF-8",
              g_string_free_to_bytes (json));
  headers = soup_server_message_get_response_headers (msg);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Pragma", "no-cache");
}

static gboolean
verify_code_challenge (const Code *code,
                       const char *verifier)
{
  g_autoptr(GChecksum) checksum = NULL;
  g_autofree char *computed = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  if (g_strcmp0 (code->code_challenge_method, "plain") == 0)
    return g_strcmp0 (verifier, code->code_challenge) == 0;

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &digest_len);
  computed = fake_base64url_encode (digest, digest_len);

  return g_strcmp0 (computed, code->code_challenge) == 0;
}

/* NULL when @code may be exchanged by @client_id, else the hint of the invalid_grant. */
static const char *
check_code (FakeOAuth  *self,
            const Code *code,
            const char *client_id)
{
  if (code == NULL)
    return "Cannot decrypt the authorization code";
  if (fake_oauth_get_now (self) - code->issued_at >= CODE_LIFETIME)
    return "Authorization code has expired";
  if (code->used)
    return "Authorization code has been revoked";
  if (g_strcmp0 (code->client_id, client_id) != 0)
    return "Authorization code was not issued to this client";

  return NULL;
}

static void
grant_authorization_code (FakeOAuth         *self,
                          SoupServerMessage *msg,
                          GHashTable        *parameters)
{
  const char *client_id;
  const char *code_text;
  const char *redirect_uri;
  const char *verifier;
  const char *hint;
  const Client *client;
  Code *code;

  if ((client_id = authenticate_client (self, msg, parameters)) == NULL)
    return;

  client = g_hash_table_lookup (self->clients, client_id);
  code_text = g_hash_table_lookup (parameters, "code");
  redirect_uri = g_hash_table_lookup (parameters, "redirect_uri");
  verifier = g_hash_table_lookup (parameters, "code_verifier");

  if (code_text == NULL)
    {
      reply_invalid_request (msg, "code");
      return;
    }

  code = g_hash_table_lookup (self->codes, code_text);
  if ((hint = check_code (self, code, client_id)) != NULL)
    {
      reply_invalid_grant (msg, hint);
      return;
    }

  /* The redirect URI of the authorize step, when it had one, must come again. */
  if (code->redirect_uri != NULL && redirect_uri == NULL)
    {
      reply_invalid_request (msg, "redirect_uri");
      return;
    }
  if (redirect_uri != NULL &&
      g_strcmp0 (redirect_uri, code->redirect_uri ? code->redirect_uri : client->redirect_uri) != 0)
    {
      reply_invalid_grant (msg, "Invalid redirect URI");
      return;
    }

  if (code->code_challenge != NULL && verifier == NULL)
    {
      reply_invalid_request (msg, "code_verifier");
      return;
    }
  if (verifier != NULL)
    {
      if (code->code_challenge == NULL)
        hint = "code_verifier received when no code_challenge is present";
      else if (!is_pkce_string (verifier))
        hint = "Code Verifier must follow the specifications of RFC-7636.";
      if (hint != NULL)
        {
          reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                             INVALID_REQUEST_DESCRIPTION, hint);
          return;
        }
      if (!verify_code_challenge (code, verifier))
        {
          reply_invalid_grant (msg, "Failed to verify `code_verifier`.");
          return;
        }
    }

  code->used = TRUE;
  g_free (self->last_code);
  self->last_code = g_strdup (code_text);
  g_free (self->last_code_verifier);
  self->last_code_verifier = g_strdup (verifier);
  issue_tokens (self, msg, client_id, "authorization_code");
}

/* NULL when @token may be exchanged by @client_id, else the hint of the error. */
static const char *
check_refresh_token (FakeOAuth          *self,
                     const RefreshToken *token,
                     const char         *client_id)
{
  if (token == NULL)
    return "Cannot decrypt the refresh token";
  if (g_strcmp0 (token->client_id, client_id) != 0)
    return "Token is not linked to client";
  if (fake_oauth_get_now (self) >= token->expires_at)
    return "Token has expired";
  if (token->revoked)
    return "Token has been revoked";

  return NULL;
}

/* Rotation: the old refresh token and its access token are revoked at once. */
static void
grant_refresh_token (FakeOAuth         *self,
                     SoupServerMessage *msg,
                     GHashTable        *parameters)
{
  const char *client_id;
  const char *token_text;
  const char *hint;
  RefreshToken *token;
  AccessToken *access;

  if ((client_id = authenticate_client (self, msg, parameters)) == NULL)
    return;

  token_text = g_hash_table_lookup (parameters, "refresh_token");
  if (token_text == NULL)
    {
      reply_invalid_request (msg, "refresh_token");
      return;
    }

  token = g_hash_table_lookup (self->refresh_tokens, token_text);
  if ((hint = check_refresh_token (self, token, client_id)) != NULL)
    {
      reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant",
                         INVALID_REFRESH_TOKEN_DESCRIPTION, hint);
      return;
    }

  token->revoked = TRUE;
  access = g_hash_table_lookup (self->access_tokens, token->access_token);
  if (access != NULL)
    access->revoked = TRUE;

  issue_tokens (self, msg, client_id, "refresh_token");
}

static void
answer_token_request (FakeOAuth         *self,
                      SoupServerMessage *msg)
{
  g_autoptr(GHashTable) parameters = decode_token_parameters (msg);
  const char *grant_type = g_hash_table_lookup (parameters, "grant_type");
  const char *counted = grant_type != NULL ? grant_type : "";
  guint n_requests = fake_oauth_get_token_requests (self, counted) + 1;

  g_hash_table_replace (self->token_requests, g_strdup (counted), GUINT_TO_POINTER (n_requests));

  if (g_strcmp0 (grant_type, "authorization_code") == 0)
    grant_authorization_code (self, msg, parameters);
  else if (g_strcmp0 (grant_type, "refresh_token") == 0)
    grant_refresh_token (self, msg, parameters);
  else
    reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "unsupported_grant_type",
                       UNSUPPORTED_GRANT_DESCRIPTION,
                       "Check that all required parameters have been provided");

  /* The grant type and the outcome; never a token or a code. */
  g_debug ("token request %u of grant type %s: %u (%u granted)", n_requests, counted,
           soup_server_message_get_status (msg), fake_oauth_get_token_grants (self, counted));
}

static void
reply_method_not_allowed (SoupServerMessage *msg,
                          const char        *allowed)
{
  g_autofree char *text = g_strdup_printf ("The %s method is not supported for this route. "
                                           "Supported methods: %s.",
                                           soup_server_message_get_method (msg), allowed);

  fake_reply_html (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method Not Allowed", text);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Allow", allowed);
}

gboolean
fake_oauth_handle (FakeOAuth         *self,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);

  if (strcmp (path, "/oauth/authorize") == 0)
    {
      if (method == SOUP_METHOD_GET || method == SOUP_METHOD_HEAD)
        start_authorization (self, msg, query);
      else if (method == SOUP_METHOD_POST)
        decide_authorization (self, msg, TRUE);
      else if (method == SOUP_METHOD_DELETE)
        decide_authorization (self, msg, FALSE);
      else
        reply_method_not_allowed (msg, "GET, HEAD, POST, DELETE");
      return TRUE;
    }

  if (strcmp (path, "/oauth/token") == 0)
    {
      if (method == SOUP_METHOD_POST)
        answer_token_request (self, msg);
      else
        reply_method_not_allowed (msg, "POST");
      return TRUE;
    }

  return FALSE;
}
