/* mq-oauth.c
 *
 * The two calls of viewneo's OAuth2 flow that Marquee makes itself: building the
 * authorize URL, and POST /oauth/token with the JSON bodies of viewneo's
 * authentication page. The body of a token request carries the client secret, the code
 * and the verifier, and its answer the tokens: none of it is ever logged, and the
 * request never follows a redirect, which would send them elsewhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-auth"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "mq-api-error.h"
#include "mq-api-error-private.h"
#include "mq-auth-error.h"
#include "mq-http-exchange.h"
#include "mq-oauth.h"
#include "mq-random.h"
#include "mq-secret.h"
#include "mq-server-url.h"

/* A token answer is well under 4 KiB. */
#define MAX_RESPONSE_SIZE (64 * 1024)
#define REQUEST_TIMEOUT_SECONDS 30

struct _MqOAuth
{
  GObject      parent_instance;

  char        *server_url;
  char        *host;
  char        *client_id;
  char        *client_secret;
  char        *redirect_uri;
  SoupSession *session;
};

G_DEFINE_FINAL_TYPE (MqOAuth, mq_oauth, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TLS_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  SoupMessage *message;
  guint        status;
  gint64       now_unix;
  /* The refresh token sent, kept when the answer brings no new one. */
  char        *refresh_token;
} TokenRequest;

static void
token_request_free (TokenRequest *request)
{
  g_clear_object (&request->message);
  g_clear_pointer (&request->refresh_token, mq_secret_free);
  g_free (request);
}

static void
mq_oauth_finalize (GObject *object)
{
  MqOAuth *self = (MqOAuth *) object;

  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->client_secret, mq_secret_free);
  g_clear_pointer (&self->redirect_uri, g_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mq_oauth_parent_class)->finalize (object);
}

static void
mq_oauth_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MqOAuth *self = MQ_OAUTH (object);

  switch (prop_id)
    {
    case PROP_TLS_DATABASE:
      g_value_set_object (value, soup_session_get_tls_database (self->session));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_oauth_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  MqOAuth *self = MQ_OAUTH (object);

  switch (prop_id)
    {
    case PROP_TLS_DATABASE:
      {
        GTlsDatabase *database = g_value_get_object (value);
        g_autoptr(GTlsDatabase) system = NULL;

        /* NULL is the system's trust, as libsoup has it by default: never none. */
        if (database == NULL)
          database = system = g_tls_backend_get_default_database (g_tls_backend_get_default ());
        if (database == soup_session_get_tls_database (self->session))
          break;
        soup_session_set_tls_database (self->session, database);
        g_object_notify_by_pspec (object, pspec);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_oauth_class_init (MqOAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mq_oauth_finalize;
  object_class->get_property = mq_oauth_get_property;
  object_class->set_property = mq_oauth_set_property;

  /* For tests: the certificates to trust in place of the system's (see MqClient). */
  properties[PROP_TLS_DATABASE] =
    g_param_spec_object ("tls-database", NULL, NULL, G_TYPE_TLS_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mq_oauth_init (MqOAuth *self)
{
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "timeout", REQUEST_TIMEOUT_SECONDS,
                                "user-agent", "Marquee/" PACKAGE_VERSION,
                                NULL);
}

char *
mq_pkce_challenge_s256 (const char *verifier)
{
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_return_val_if_fail (verifier != NULL, NULL);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) verifier, (gssize) strlen (verifier));
  g_checksum_get_digest (checksum, digest, &digest_len);

  return mq_base64url_encode (digest, digest_len);
}

/**
 * mq_oauth_new:
 * @redirect_uri: (nullable): the Redirect URL registered for the client. Only the
 *   authorize URL and the code exchange use it: an MqOAuth that only refreshes tokens
 *   needs none.
 * @client_secret: (nullable): none for a public client, which PKCE protects.
 */
MqOAuth *
mq_oauth_new (const char *server_url,
              const char *client_id,
              const char *client_secret,
              const char *redirect_uri)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GUri) uri = NULL;
  MqOAuth *self;

  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (client_id != NULL && *client_id != '\0', NULL);

  normalized = mq_server_url_normalize (server_url, NULL);
  g_return_val_if_fail (normalized != NULL, NULL);
  uri = g_uri_parse (normalized, G_URI_FLAGS_NONE, NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (MQ_TYPE_OAUTH, NULL);
  self->server_url = g_steal_pointer (&normalized);
  self->host = g_strdup (g_uri_get_host (uri));
  self->client_id = g_strdup (client_id);
  self->client_secret = g_strdup (client_secret != NULL && *client_secret != '\0' ? client_secret : NULL);
  self->redirect_uri = g_strdup (redirect_uri);

  return self;
}

const char *
mq_oauth_get_server_url (MqOAuth *self)
{
  g_return_val_if_fail (MQ_IS_OAUTH (self), NULL);

  return self->server_url;
}

const char *
mq_oauth_get_client_id (MqOAuth *self)
{
  g_return_val_if_fail (MQ_IS_OAUTH (self), NULL);

  return self->client_id;
}

const char *
mq_oauth_get_redirect_uri (MqOAuth *self)
{
  g_return_val_if_fail (MQ_IS_OAUTH (self), NULL);

  return self->redirect_uri;
}

static void
append_query_param (GString    *url,
                    const char *name,
                    const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_c (url, strchr (url->str, '?') != NULL ? '&' : '?');
  g_string_append (url, name);
  g_string_append_c (url, '=');
  g_string_append (url, escaped);
}

char *
mq_oauth_build_authorize_url (MqOAuth    *self,
                              const char *state,
                              const char *code_challenge)
{
  GString *url;

  g_return_val_if_fail (MQ_IS_OAUTH (self), NULL);
  g_return_val_if_fail (self->redirect_uri != NULL, NULL);
  g_return_val_if_fail (state != NULL && *state != '\0', NULL);
  g_return_val_if_fail (code_challenge != NULL && *code_challenge != '\0', NULL);

  url = g_string_new (self->server_url);
  g_string_append (url, "/oauth/authorize");
  append_query_param (url, "client_id", self->client_id);
  append_query_param (url, "redirect_uri", self->redirect_uri);
  append_query_param (url, "response_type", "code");
  append_query_param (url, "state", state);
  append_query_param (url, "code_challenge", code_challenge);
  append_query_param (url, "code_challenge_method", "S256");

  return g_string_free (url, FALSE);
}

/* Passport's `error` codes (league/oauth2-server's OAuthServerException). */
static MqAuthError
auth_error_code (const char *oauth_error)
{
  if (g_str_equal (oauth_error, "invalid_client"))
    return MQ_AUTH_ERROR_INVALID_CLIENT;
  if (g_str_equal (oauth_error, "invalid_grant"))
    return MQ_AUTH_ERROR_INVALID_GRANT;
  if (g_str_equal (oauth_error, "access_denied"))
    return MQ_AUTH_ERROR_ACCESS_DENIED;

  /* invalid_request, unsupported_grant_type, invalid_scope, server_error, ... */
  return MQ_AUTH_ERROR_INVALID_REQUEST;
}

static GError *
auth_error_new (MqAuthError code)
{
  const char *message;

  switch (code)
    {
    case MQ_AUTH_ERROR_INVALID_CLIENT:
      message = _("viewneo did not accept the Client ID or secret. Check them under Settings › API.");
      break;

    case MQ_AUTH_ERROR_INVALID_GRANT:
      message = _("viewneo did not accept the sign-in: it has expired or was already used, or the Redirect URL differs from the one registered under Settings › API. Sign in again.");
      break;

    case MQ_AUTH_ERROR_ACCESS_DENIED:
      message = _("Access to the viewneo account was denied in the browser. To use Marquee, sign in again and allow access.");
      break;

    case MQ_AUTH_ERROR_INVALID_REQUEST:
    case MQ_AUTH_ERROR_STATE_MISMATCH:
    case MQ_AUTH_ERROR_TIMED_OUT:
    case MQ_AUTH_ERROR_PORT_IN_USE:
    case MQ_AUTH_ERROR_INVALID_INPUT:
    default:
      code = MQ_AUTH_ERROR_INVALID_REQUEST;
      message = _("viewneo refused the sign-in request. Check the Client ID and the Redirect URL under Settings › API, then sign in again.");
      break;
    }

  return g_error_new_literal (MQ_AUTH_ERROR, code, message);
}

static JsonObject *
parse_json_object (const char *body,
                   gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (body == NULL || length == 0 || length > G_MAXSSIZE)
    return NULL;

  if (!json_parser_load_from_data (parser, body, (gssize) length, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

static GError *
error_from_response (guint       status,
                     const char *body,
                     gsize       length,
                     const char *host)
{
  g_autoptr(JsonObject) object = parse_json_object (body, length);
  JsonNode *node = object != NULL ? json_object_get_member (object, "error") : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    {
      MqAuthError code = auth_error_code (json_node_get_string (node));

      /* The error code is the server's word, never a secret; its hint is left out. */
      g_debug ("Token request refused, HTTP %u, error %d", status, code);
      return auth_error_new (code);
    }

  g_debug ("Token request failed, HTTP %u, no OAuth error", status);

  /* Nothing at all, or the login page: say so rather than blame the token. */
  if (SOUP_STATUS_IS_SUCCESSFUL (status) && object == NULL &&
      mq_api_body_get_shape (body, length) != MQ_BODY_OTHER)
    return mq_api_error_new_unusable_body (body, length, host);

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return g_error_new_literal (MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                                _("viewneo answered the sign-in without a usable access token. Try again later; if it keeps happening, the server may not be viewneo."));

  return mq_api_error_from_status (status, host, 0);
}

GError *
mq_oauth_error_from_response (guint       status,
                              const char *body,
                              gsize       length)
{
  return error_from_response (status, body, length, "viewneo");
}

static MqToken *
token_from_response (guint        status,
                     const char  *body,
                     gsize        length,
                     const char  *refresh_token,
                     gint64       now_unix,
                     const char  *host,
                     GError     **error)
{
  g_autoptr(JsonObject) object = NULL;

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    object = parse_json_object (body, length);

  if (object == NULL)
    {
      g_propagate_error (error, error_from_response (status, body, length, host));
      return NULL;
    }

  /* RFC 6749 §6: without a new refresh token the old one stays valid. */
  if (refresh_token != NULL && !json_object_has_member (object, "refresh_token"))
    json_object_set_string_member (object, "refresh_token", refresh_token);

  return mq_token_new_from_oauth_response (object, now_unix, error);
}

MqToken *
mq_oauth_token_from_response (guint        status,
                              const char  *body,
                              gsize        length,
                              const char  *refresh_token,
                              gint64       now_unix,
                              GError     **error)
{
  g_return_val_if_fail (body != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return token_from_response (status, body, length, refresh_token, now_unix, "viewneo", error);
}

/* Runs in a worker: the answer is parsed off the main thread. */
static gpointer
parse_token_response (GBytes      *body,
                      const char  *host,
                      gpointer     parse_data,
                      GError     **error)
{
  TokenRequest *request = parse_data;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  return token_from_response (request->status, data, length, request->refresh_token,
                              request->now_unix, host, error);
}

static void
body_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MqOAuth *self = g_task_get_source_object (task);
  GError *error = NULL;
  MqToken *token;

  token = mq_http_read_finish (result, &error);
  if (token != NULL)
    {
      g_task_return_pointer (task, token, g_object_unref);
      return;
    }

  /* Far more than a token: most likely not a viewneo server at all. */
  if (g_error_matches (error, MQ_API_ERROR, MQ_API_ERROR_TOO_LARGE))
    {
      g_clear_error (&error);
      error = g_error_new (MQ_API_ERROR, MQ_API_ERROR_TOO_LARGE,
                           _("%s answered the sign-in with far more data than a token. Check that the server address is a viewneo server."),
                           self->host);
    }
  g_task_return_error (task, error);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TokenRequest *request = g_task_get_task_data (task);
  MqOAuth *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GInputStream) stream = NULL;
  GError *error = NULL;

  stream = mq_http_send_finish (SOUP_SESSION (source), result, self->host, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The body is read whatever the status: Passport's errors are in it. */
  request->status = soup_message_get_status (request->message);
  mq_http_read_async (request->message, stream, MAX_RESPONSE_SIZE, self->host,
                      MQ_HTTP_READ_WIPE, parse_token_response, request, g_object_unref,
                      cancellable, body_read_cb, g_steal_pointer (&task));
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
post_token_request (MqOAuth             *self,
                    JsonBuilder         *builder,
                    const char          *refresh_token,
                    gint64               now_unix,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data,
                    gpointer             source_tag)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  TokenRequest *request;
  char *json;
  gsize json_len;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &json_len);
  body = g_bytes_new_with_free_func (json, json_len, (GDestroyNotify) mq_secret_free, json);

  url = g_strconcat (self->server_url, "/oauth/token", NULL);

  request = g_new0 (TokenRequest, 1);
  request->message = soup_message_new (SOUP_METHOD_POST, url);
  request->now_unix = now_unix;
  request->refresh_token = g_strdup (refresh_token);
  g_task_set_task_data (task, request, (GDestroyNotify) token_request_free);

  soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                "Accept", "application/json");
  soup_message_set_request_body_from_bytes (request->message, "application/json", body);

  mq_http_send_async (self->session, request->message, cancellable, sent_cb,
                      g_steal_pointer (&task));
}

void
mq_oauth_exchange_code_async (MqOAuth             *self,
                              const char          *code,
                              const char          *code_verifier,
                              gint64               now_unix,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_if_fail (MQ_IS_OAUTH (self));
  g_return_if_fail (self->redirect_uri != NULL);
  g_return_if_fail (code != NULL && *code != '\0');
  g_return_if_fail (code_verifier != NULL && *code_verifier != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  json_builder_begin_object (builder);
  add_string_member (builder, "grant_type", "authorization_code");
  add_string_member (builder, "client_id", self->client_id);
  add_string_member (builder, "client_secret", self->client_secret);
  add_string_member (builder, "redirect_uri", self->redirect_uri);
  add_string_member (builder, "code", code);
  add_string_member (builder, "code_verifier", code_verifier);
  json_builder_end_object (builder);

  post_token_request (self, builder, NULL, now_unix, cancellable, callback, user_data,
                      mq_oauth_exchange_code_async);
}

MqToken *
mq_oauth_exchange_code_finish (MqOAuth       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_oauth_exchange_code_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mq_oauth_refresh_async (MqOAuth             *self,
                        const char          *refresh_token,
                        gint64               now_unix,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_if_fail (MQ_IS_OAUTH (self));
  g_return_if_fail (refresh_token != NULL && *refresh_token != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  json_builder_begin_object (builder);
  add_string_member (builder, "grant_type", "refresh_token");
  add_string_member (builder, "refresh_token", refresh_token);
  add_string_member (builder, "client_id", self->client_id);
  add_string_member (builder, "client_secret", self->client_secret);
  json_builder_end_object (builder);

  post_token_request (self, builder, refresh_token, now_unix, cancellable, callback, user_data,
                      mq_oauth_refresh_async);
}

MqToken *
mq_oauth_refresh_finish (MqOAuth       *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_oauth_refresh_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
