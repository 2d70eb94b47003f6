/* mq-client.c
 *
 * One request goes: token → send (no redirects) → status → body read in chunks up to
 * the size cap → JSON parsed and turned into models in a worker thread. A 401 asks the
 * token provider once for a fresh token and sends again; a 429 waits (a main-loop
 * timeout, cancellable) and sends again, a bounded number of times. Sending, the capped
 * read and the worker parse are mq-http-exchange.c's; lists are mq-client-pages.c's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "mq-api-error-private.h"
#include "mq-client-private.h"
#include "mq-models-private.h"
#include "mq-secret.h"

#define API_PREFIX "/api/v1.0"
/* Laravel looks only at the first type to decide whether the client wants JSON. */
#define ACCEPT_IMAGE "application/json, image/*;q=0.9"

struct _MqClient
{
  GObject parent_instance;

  SoupSession *session;
  MqTokenProvider *token_provider;
  char *server_url;
  GUri *server_uri;      /* NULL when server_url is unusable */
  GError *server_error;  /* why it is unusable */
  char *host;            /* for messages */

  guint page_limit;
  guint item_limit;
  guint64 max_response_size;
  guint max_retries;
  guint timeout;
  guint max_retry_after;
  GTlsDatabase *tls_database;  /* NULL: the system's (libsoup's default) */
};

G_DEFINE_FINAL_TYPE (MqClient, mq_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERVER_URL,
  PROP_TOKEN_PROVIDER,
  PROP_PAGE_LIMIT,
  PROP_ITEM_LIMIT,
  PROP_MAX_RESPONSE_SIZE,
  PROP_MAX_RETRIES,
  PROP_TIMEOUT,
  PROP_MAX_RETRY_AFTER,
  PROP_TLS_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------
 * One request
 */

typedef struct
{
  MqClient *client;
  char *url;
  const char *accept;
  MqHttpParseFunc parse;    /* NULL: the body is the result, as GBytes */
  gpointer parse_data;
  GDestroyNotify result_free;

  char *token;              /* never logged */
  char *rejected_token;     /* the one a 401 refused, while the provider refreshes */
  SoupMessage *message;
  GInputStream *stream;
  guint n_token_refreshes;
  guint n_rate_retries;
  GSource *wait_source;
  GSource *wait_cancel_source;
} Request;

static void request_get_token (GTask      *task,
                               const char *rejected_token);

static void
clear_token (char **token)
{
  if (*token != NULL)
    mq_secret_wipe (*token, strlen (*token));
  g_clear_pointer (token, g_free);
}

static void
stop_waiting (Request *request)
{
  if (request->wait_source != NULL)
    {
      g_source_destroy (request->wait_source);
      g_clear_pointer (&request->wait_source, g_source_unref);
    }
  if (request->wait_cancel_source != NULL)
    {
      g_source_destroy (request->wait_cancel_source);
      g_clear_pointer (&request->wait_cancel_source, g_source_unref);
    }
}

static void
request_free (Request *request)
{
  stop_waiting (request);
  mq_http_close_stream (&request->stream, TRUE);
  g_clear_object (&request->message);
  clear_token (&request->token);
  clear_token (&request->rejected_token);
  g_clear_pointer (&request->url, g_free);
  g_clear_object (&request->client);
  g_free (request);
}

static void
request_return_error (GTask  *task,
                      GError *error)
{
  Request *request = g_task_get_task_data (task);

  mq_http_close_stream (&request->stream, TRUE);
  g_clear_object (&request->message);
  g_task_return_error (task, error);
}

/* For single objects: a json-glib tree. */
static JsonNode *
parse_tree (GBytes      *body,
            const char  *host,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  /* json-glib takes a blank body for a document without a root, and refuses the NULL
   * data an empty GBytes may have. */
  if (length == 0 ||
      !json_parser_load_from_data (parser, data, length, &parse_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_debug ("Response from %s is not JSON: %s", host,
               parse_error != NULL ? parse_error->message : "empty");
      g_propagate_error (error, mq_api_error_new_unusable_body (data, length, host));
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

static guint
parse_retry_after (SoupMessage *message)
{
  const char *value;
  guint64 seconds;

  value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                        "Retry-After");
  if (value == NULL)
    return 0;

  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &seconds, NULL))
    return (guint) seconds;

  /* The other form the header may take: an HTTP date. */
  {
    g_autoptr(GDateTime) date = soup_date_time_new_from_http_string (value);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    GTimeSpan wait;

    if (date == NULL)
      return 0;
    wait = g_date_time_difference (date, now);
    return wait > 0 ? (guint) MIN ((wait + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND, G_MAXUINT) : 0;
  }
}

static gboolean
retry_after_wait (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  stop_waiting (request);
  request_get_token (task, NULL);

  return G_SOURCE_REMOVE;
}

static gboolean
retry_wait_cancelled (GCancellable *cancellable,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  stop_waiting (request);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  g_task_return_error (task, g_steal_pointer (&error));

  return G_SOURCE_REMOVE;
}

/* Waits in the main loop (never a sleep) and sends again; the task goes with the
 * source that fires first. */
static void
request_wait_and_retry (GTask *task,
                        guint  seconds)
{
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);

  g_debug ("Rate limited by %s: retrying in %u s", request->client->host, seconds);

  request->wait_source = g_timeout_source_new (seconds * 1000);
  g_source_set_callback (request->wait_source, retry_after_wait, task, NULL);
  g_source_attach (request->wait_source, context);

  if (cancellable != NULL)
    {
      request->wait_cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (request->wait_cancel_source,
                             G_SOURCE_FUNC (retry_wait_cancelled), task, NULL);
      g_source_attach (request->wait_cancel_source, context);
    }
}

/* Takes @owned_task: it goes on to the wait, or is dropped with the error. */
static void
handle_rate_limit (GTask *owned_task)
{
  g_autoptr(GTask) task = owned_task;
  Request *request = g_task_get_task_data (task);
  MqClient *client = request->client;
  guint retry_after = parse_retry_after (request->message);
  gboolean has_header;

  has_header = soup_message_headers_get_one (soup_message_get_response_headers (request->message),
                                             "Retry-After") != NULL;
  mq_http_close_stream (&request->stream, TRUE);

  /* No header: a short exponential backoff, 1 s, 2 s, 4 s, … */
  if (!has_header)
    retry_after = MIN (1u << MIN (request->n_rate_retries, 16u), client->max_retry_after);

  if (request->n_rate_retries >= client->max_retries || retry_after > client->max_retry_after)
    {
      request_return_error (task, mq_api_error_from_status (HTTP_TOO_MANY_REQUESTS,
                                                            client->host, retry_after));
      return;
    }

  request->n_rate_retries++;
  g_clear_object (&request->message);
  request_wait_and_retry (g_steal_pointer (&task), retry_after);
}

static gboolean
is_html (SoupMessage *message)
{
  const char *type;

  type = soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL);
  return type != NULL && (g_ascii_strcasecmp (type, "text/html") == 0 ||
                          g_ascii_strcasecmp (type, "application/xhtml+xml") == 0);
}

static void
request_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer parsed;

  parsed = mq_http_read_finish (result, &error);
  if (parsed == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, parsed, request->result_free);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  MqClient *client = request->client;
  GError *error = NULL;
  guint status;

  request->stream = mq_http_send_finish (SOUP_SESSION (object), result, client->host, &error);
  if (request->stream == NULL)
    {
      request_return_error (task, error);
      return;
    }

  status = soup_message_get_status (request->message);
  g_debug ("%s: HTTP %u", g_uri_get_path (soup_message_get_uri (request->message)), status);

  if (status == SOUP_STATUS_UNAUTHORIZED && request->n_token_refreshes == 0)
    {
      mq_http_close_stream (&request->stream, TRUE);
      g_clear_object (&request->message);
      request->n_token_refreshes++;
      request->rejected_token = g_steal_pointer (&request->token);
      request_get_token (g_steal_pointer (&task), request->rejected_token);
      return;
    }

  if (status == HTTP_TOO_MANY_REQUESTS)
    {
      handle_rate_limit (g_steal_pointer (&task));
      return;
    }

  /* A redirect is Laravel sending an unauthenticated browser to its login page. */
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      request_return_error (task, mq_api_error_from_status (status, client->host, 0));
      return;
    }

  if (is_html (request->message))
    {
      request_return_error (task, mq_api_error_new_login_page (client->host));
      return;
    }

  /* The body's stream is the read's now; the message is not needed any more. */
  mq_http_read_async (request->message, request->stream, client->max_response_size,
                      client->host, MQ_HTTP_READ_NONE,
                      request->parse, request->parse_data, request->result_free,
                      g_task_get_cancellable (task), request_read_cb, g_object_ref (task));
  g_clear_object (&request->stream);
  g_clear_object (&request->message);
}

static void
request_send (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  g_autofree char *authorization = NULL;
  SoupMessageHeaders *headers;

  request->message = soup_message_new (SOUP_METHOD_GET, request->url);
  if (request->message == NULL)
    {
      g_task_return_new_error (task, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                               _("%s sent a link Marquee cannot follow. Try again later."),
                               request->client->host);
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", request->accept);
  authorization = g_strconcat ("Bearer ", request->token, NULL);
  soup_message_headers_replace (headers, "Authorization", authorization);
  mq_secret_wipe (authorization, strlen (authorization));

  mq_http_send_async (request->client->session, request->message,
                      g_task_get_cancellable (task), send_cb, task);
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  clear_token (&request->token);
  clear_token (&request->rejected_token);
  request->token = mq_token_provider_get_token_finish (MQ_TOKEN_PROVIDER (object), result, &error);
  if (request->token == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED,
                                     _("Marquee has no sign-in for this account. Sign in again."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  request_send (g_steal_pointer (&task));
}

static void
request_get_token (GTask      *task,
                   const char *rejected_token)
{
  Request *request = g_task_get_task_data (task);

  mq_token_provider_get_token_async (request->client->token_provider, rejected_token,
                                     g_task_get_cancellable (task), token_cb, task);
}

/* Starts a GET of @url (absolute, already checked to be on the server's origin). The
 * result is what @parse returns, or the body as GBytes when @parse is NULL. */
void
mq_client_request_async (MqClient            *self,
                         const char          *url,
                         const char          *accept,
                         MqHttpParseFunc      parse,
                         gpointer             parse_data,
                         GDestroyNotify       result_free,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data,
                         gpointer             source_tag)
{
  GTask *task;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  request = g_new0 (Request, 1);
  request->client = g_object_ref (self);
  request->url = g_strdup (url);
  request->accept = accept;
  request->parse = parse;
  request->parse_data = parse_data;
  request->result_free = result_free;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  request_get_token (task, NULL);
}

gpointer
mq_client_request_finish (MqClient      *self,
                          GAsyncResult  *result,
                          gpointer       source_tag,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
mq_client_build_api_url (MqClient   *self,
                         const char *path)
{
  return g_strconcat (self->server_url, API_PREFIX, path, NULL);
}

/* FALSE, having reported the error to @callback, when the server URL is unusable. */
gboolean
mq_client_check_server (MqClient            *self,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data,
                        gpointer             source_tag)
{
  if (self->server_error == NULL)
    return TRUE;

  g_task_report_error (self, callback, user_data, source_tag, g_error_copy (self->server_error));
  return FALSE;
}

/* ------------------------------------------------------------------------------------
 * Calls
 */

void
mq_client_list_playlists_reusing_async (MqClient            *self,
                                        GPtrArray           *known,
                                        MqPageProgressFunc   progress,
                                        gpointer             progress_data,
                                        GDestroyNotify       progress_data_free,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (MQ_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  /* Only the ends: checking all of 100,000 would cost what the lookups save. */
  g_return_if_fail (known == NULL || known->len < 2 ||
                    mq_playlist_get_id (g_ptr_array_index (known, 0)) <=
                    mq_playlist_get_id (g_ptr_array_index (known, known->len - 1)));

  mq_client_list_async (self, "/playlist", (MqItemParseFunc) mq_playlist_new_from_value,
                        known, progress, progress_data, progress_data_free,
                        cancellable, callback, user_data,
                        mq_client_list_playlists_reusing_async);
}

void
mq_client_list_playlists_async (MqClient            *self,
                                MqPageProgressFunc   progress,
                                gpointer             progress_data,
                                GDestroyNotify       progress_data_free,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  mq_client_list_playlists_reusing_async (self, NULL, progress, progress_data,
                                          progress_data_free, cancellable, callback,
                                          user_data);
}

GPtrArray *
mq_client_list_playlists_finish (MqClient      *self,
                                 GAsyncResult  *result,
                                 guint         *n_skipped,
                                 GError       **error)
{
  return mq_client_list_finish (self, result, mq_client_list_playlists_reusing_async, n_skipped, error);
}

void
mq_client_list_device_groups_async (MqClient            *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MQ_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  mq_client_list_async (self, "/devicegroup",
                        (MqItemParseFunc) mq_device_group_new_from_value, NULL,
                        NULL, NULL, NULL,
                        cancellable, callback, user_data, mq_client_list_device_groups_async);
}

GPtrArray *
mq_client_list_device_groups_finish (MqClient      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return mq_client_list_finish (self, result, mq_client_list_device_groups_async, NULL, error);
}

void
mq_client_list_devices_async (MqClient            *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (MQ_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  mq_client_list_async (self, "/device", (MqItemParseFunc) mq_device_new_from_value, NULL,
                        NULL, NULL, NULL,
                        cancellable, callback, user_data, mq_client_list_devices_async);
}

GPtrArray *
mq_client_list_devices_finish (MqClient      *self,
                               GAsyncResult  *result,
                               guint         *n_skipped,
                               GError       **error)
{
  return mq_client_list_finish (self, result, mq_client_list_devices_async, n_skipped, error);
}

/* A single object may come bare or as {"data": {...}}. */
static JsonObject *
unwrap_object (JsonNode *root)
{
  JsonObject *object;
  JsonNode *data;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  data = json_object_get_member (object, "data");
  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data) && !json_object_has_member (object, "id"))
    return json_node_get_object (data);

  return object;
}

gpointer
mq_client_parse_playlist_detail (GBytes      *body,
                                 const char  *host,
                                 gpointer     parse_data,
                                 GError     **error)
{
  g_autoptr(JsonNode) root = parse_tree (body, host, error);
  JsonObject *object;
  MqPlaylist *playlist;

  if (root == NULL)
    return NULL;

  object = unwrap_object (root);
  if (object == NULL)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("The server sent something other than a playlist."));
      return NULL;
    }

  playlist = mq_playlist_new_from_json (object, error);
  if (playlist != NULL)
    mq_playlist_ensure_entries (playlist);

  return playlist;
}

/* A call of one request whose result goes to the caller as is. */
static void
single_start (MqClient            *self,
              const char          *path,
              const char          *accept,
              MqHttpParseFunc      parse,
              GDestroyNotify       result_free,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  g_autofree char *url = NULL;

  if (!mq_client_check_server (self, callback, user_data, source_tag))
    return;

  url = mq_client_build_api_url (self, path);
  mq_client_request_async (self, url, accept, parse, NULL, result_free, cancellable,
                           callback, user_data, source_tag);
}

void
mq_client_get_playlist_async (MqClient            *self,
                              gint64               id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (MQ_IS_CLIENT (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  path = g_strdup_printf ("/playlist/%" G_GINT64_FORMAT, id);
  single_start (self, path, MQ_CLIENT_ACCEPT_JSON, mq_client_parse_playlist_detail, g_object_unref,
                cancellable, callback, user_data, mq_client_get_playlist_async);
}

MqPlaylist *
mq_client_get_playlist_finish (MqClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return mq_client_request_finish (self, result, mq_client_get_playlist_async, error);
}

gpointer
mq_client_parse_user (GBytes      *body,
                      const char  *host,
                      gpointer     parse_data,
                      GError     **error)
{
  g_autoptr(JsonNode) root = parse_tree (body, host, error);

  if (root == NULL)
    return NULL;

  return mq_user_new_from_json (root, error);
}

void
mq_client_get_user_async (MqClient            *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (MQ_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  single_start (self, "/user", MQ_CLIENT_ACCEPT_JSON, mq_client_parse_user, g_object_unref,
                cancellable, callback, user_data, mq_client_get_user_async);
}

MqUser *
mq_client_get_user_finish (MqClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return mq_client_request_finish (self, result, mq_client_get_user_async, error);
}

void
mq_client_get_thumbnail_async (MqClient            *self,
                               gint64               media_file_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (MQ_IS_CLIENT (self));
  g_return_if_fail (media_file_id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  path = g_strdup_printf ("/mediafile/%" G_GINT64_FORMAT "/thumbnail", media_file_id);
  single_start (self, path, ACCEPT_IMAGE, NULL, (GDestroyNotify) g_bytes_unref,
                cancellable, callback, user_data, mq_client_get_thumbnail_async);
}

GBytes *
mq_client_get_thumbnail_finish (MqClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return mq_client_request_finish (self, result, mq_client_get_thumbnail_async, error);
}

/* ------------------------------------------------------------------------------------
 * The object
 */

static void
mq_client_constructed (GObject *object)
{
  MqClient *self = MQ_CLIENT (object);
  g_autofree char *user_agent = g_strdup_printf ("Marquee/%s", PACKAGE_VERSION);
  g_autofree char *normalized = NULL;

  G_OBJECT_CLASS (mq_client_parent_class)->constructed (object);

  /* Four pages at once, and room beside them for a thumbnail or a detail. */
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "user-agent", user_agent,
                                "timeout", self->timeout,
                                "max-conns-per-host", MQ_CLIENT_MAX_CONCURRENT_PAGES + 2,
                                NULL);
  /* Bearer tokens are set by hand; libsoup must not answer a 401 challenge itself. */
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_AUTH_MANAGER);
  if (self->tls_database != NULL)
    soup_session_set_tls_database (self->session, self->tls_database);

  normalized = mq_server_url_normalize (self->server_url != NULL ? self->server_url : "",
                                        &self->server_error);
  if (normalized != NULL)
    {
      g_free (self->server_url);
      self->server_url = g_steal_pointer (&normalized);
      self->server_uri = g_uri_parse (self->server_url, G_URI_FLAGS_ENCODED, NULL);
      self->host = g_strdup (g_uri_get_host (self->server_uri));
    }
  else
    {
      g_debug ("Unusable server URL: %s", self->server_error->message);
      /* Only for messages, and none is made: every call fails with server_error. */
      self->host = g_strdup (_("the server"));
    }
}

static void
mq_client_dispose (GObject *object)
{
  MqClient *self = MQ_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->token_provider);
  g_clear_object (&self->tls_database);

  G_OBJECT_CLASS (mq_client_parent_class)->dispose (object);
}

static void
mq_client_finalize (GObject *object)
{
  MqClient *self = MQ_CLIENT (object);

  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->server_uri, g_uri_unref);
  g_clear_error (&self->server_error);
  g_clear_pointer (&self->host, g_free);

  G_OBJECT_CLASS (mq_client_parent_class)->finalize (object);
}

static void
mq_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MqClient *self = MQ_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    case PROP_TOKEN_PROVIDER:
      g_value_set_object (value, self->token_provider);
      break;
    case PROP_PAGE_LIMIT:
      g_value_set_uint (value, self->page_limit);
      break;
    case PROP_ITEM_LIMIT:
      g_value_set_uint (value, self->item_limit);
      break;
    case PROP_MAX_RESPONSE_SIZE:
      g_value_set_uint64 (value, self->max_response_size);
      break;
    case PROP_MAX_RETRIES:
      g_value_set_uint (value, self->max_retries);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_MAX_RETRY_AFTER:
      g_value_set_uint (value, self->max_retry_after);
      break;
    case PROP_TLS_DATABASE:
      g_value_set_object (value, self->tls_database);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_uint_property (MqClient *self,
                   guint    *field,
                   guint     value,
                   guint     prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
mq_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MqClient *self = MQ_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SERVER_URL:
      self->server_url = g_value_dup_string (value);
      break;
    case PROP_TOKEN_PROVIDER:
      self->token_provider = g_value_dup_object (value);
      break;
    case PROP_PAGE_LIMIT:
      set_uint_property (self, &self->page_limit, g_value_get_uint (value), prop_id);
      break;
    case PROP_ITEM_LIMIT:
      set_uint_property (self, &self->item_limit, g_value_get_uint (value), prop_id);
      break;
    case PROP_MAX_RESPONSE_SIZE:
      if (self->max_response_size != g_value_get_uint64 (value))
        {
          self->max_response_size = g_value_get_uint64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_MAX_RETRIES:
      set_uint_property (self, &self->max_retries, g_value_get_uint (value), prop_id);
      break;
    case PROP_TIMEOUT:
      mq_client_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_RETRY_AFTER:
      set_uint_property (self, &self->max_retry_after, g_value_get_uint (value), prop_id);
      break;
    case PROP_TLS_DATABASE:
      self->tls_database = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_client_class_init (MqClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->constructed = mq_client_constructed;
  object_class->dispose = mq_client_dispose;
  object_class->finalize = mq_client_finalize;
  object_class->get_property = mq_client_get_property;
  object_class->set_property = mq_client_set_property;

  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, MQ_DEFAULT_SERVER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN_PROVIDER] =
    g_param_spec_object ("token-provider", NULL, NULL, MQ_TYPE_TOKEN_PROVIDER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_LIMIT] =
    g_param_spec_uint ("page-limit", NULL, NULL, 1, G_MAXUINT, 1000, flags);
  properties[PROP_ITEM_LIMIT] =
    g_param_spec_uint ("item-limit", NULL, NULL, 1, G_MAXUINT, MQ_CLIENT_DEFAULT_ITEM_LIMIT, flags);
  properties[PROP_MAX_RESPONSE_SIZE] =
    g_param_spec_uint64 ("max-response-size", NULL, NULL, 1, G_MAXSIZE - 1, 64 * 1024 * 1024, flags);
  properties[PROP_MAX_RETRIES] =
    g_param_spec_uint ("max-retries", NULL, NULL, 0, 100, 3, flags);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT / 1000, 30, flags);
  properties[PROP_MAX_RETRY_AFTER] =
    g_param_spec_uint ("max-retry-after", NULL, NULL, 0, 24 * 60 * 60, 60, flags);
  properties[PROP_TLS_DATABASE] =
    g_param_spec_object ("tls-database", NULL, NULL, G_TYPE_TLS_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mq_client_init (MqClient *self)
{
  self->page_limit = 1000;
  self->item_limit = MQ_CLIENT_DEFAULT_ITEM_LIMIT;
  self->max_response_size = 64 * 1024 * 1024;
  self->max_retries = 3;
  self->timeout = 30;
  self->max_retry_after = 60;
}

MqClient *
mq_client_new (const char      *server_url,
               MqTokenProvider *token_provider)
{
  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (MQ_IS_TOKEN_PROVIDER (token_provider), NULL);

  return g_object_new (MQ_TYPE_CLIENT,
                       "server-url", server_url,
                       "token-provider", token_provider,
                       NULL);
}

const char *
mq_client_get_server_url (MqClient *self)
{
  g_return_val_if_fail (MQ_IS_CLIENT (self), NULL);
  return self->server_url;
}

MqTokenProvider *
mq_client_get_token_provider (MqClient *self)
{
  g_return_val_if_fail (MQ_IS_CLIENT (self), NULL);
  return self->token_provider;
}

/* 0 means no timeout. */
void
mq_client_set_timeout (MqClient *self,
                       guint     seconds)
{
  g_return_if_fail (MQ_IS_CLIENT (self));

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  if (self->session != NULL)
    g_object_set (self->session, "timeout", seconds, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

const char *
mq_client_get_host (MqClient *self)
{
  return self->host;
}

GUri *
mq_client_get_server_uri (MqClient *self)
{
  return self->server_uri;
}

guint
mq_client_get_page_limit (MqClient *self)
{
  return self->page_limit;
}

guint
mq_client_get_item_limit (MqClient *self)
{
  return self->item_limit;
}
