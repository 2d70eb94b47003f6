/* mq-client.c
 *
 * One request goes: token → send (no redirects) → status → body read in chunks up to
 * the size cap → JSON parsed and turned into models in a worker thread. A 401 asks the
 * token provider once for a fresh token and sends again; a 429 waits (a main-loop
 * timeout, cancellable) and sends again, a bounded number of times.
 *
 * A list follows the server's pagination: when the first page says how many pages there
 * are, the rest are fetched by number, a few at once, and put back in order; otherwise
 * the next links are followed one by one. A link is followed only to the server's own
 * origin: the bearer token never goes anywhere else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "mq-api-error-private.h"
#include "mq-client-private.h"
#include "mq-client.h"
#include "mq-envelope-private.h"
#include "mq-models-private.h"
#include "mq-secret.h"

#define API_PREFIX "/api/v1.0"
#define READ_CHUNK_SIZE (256 * 1024)
#define MAX_CONCURRENT_PAGES 4
#define ACCEPT_JSON "application/json"
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
 * Server URLs
 */

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
is_valid_host_name (const char *host)
{
  if (*host == '\0' || *host == '.' || *host == '-')
    return FALSE;

  for (const char *p = host; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
        return FALSE;
    }

  return TRUE;
}

/* Accepted: https to any host; http to loopback only. A missing scheme means https
 * ("cloud.viewneo.com"). Refused: user names and passwords, queries, fragments, and
 * paths: the server is viewneo's root, and a pasted path ("…/dashboard") is more likely
 * a mistake to point out than something to drop silently. The messages never repeat
 * the parts refused, which may hold a secret. */
char *
mq_server_url_normalize (const char  *url,
                         GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *host = NULL;
  g_autofree char *scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *path;
  int port;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_strstrip (g_strdup (url));
  if (*text == '\0')
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER,
                           _("Enter the address of the viewneo server, such as "
                             "https://cloud.viewneo.com."));
      return NULL;
    }

  if (strstr (text, "://") == NULL)
    {
      char *with_scheme = g_strconcat ("https://", text, NULL);

      g_free (text);
      text = with_scheme;
    }

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER,
                           _("This is not a web address. Enter an address such as "
                             "https://cloud.viewneo.com."));
      return NULL;
    }

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  if (!g_str_equal (scheme, "https") && !g_str_equal (scheme, "http"))
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER,
                           _("The server address must start with https://, such as "
                             "https://cloud.viewneo.com."));
      return NULL;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER,
                           _("Remove the user name and password from the server address: "
                             "you sign in separately."));
      return NULL;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER,
                           _("Remove everything from “?” or “#” on from the server "
                             "address: enter only an address such as "
                             "https://cloud.viewneo.com."));
      return NULL;
    }

  if (g_hostname_is_non_ascii (g_uri_get_host (uri)))
    host = g_hostname_to_ascii (g_uri_get_host (uri));
  else
    host = g_ascii_strdown (g_uri_get_host (uri), -1);

  if (host == NULL || (!g_hostname_is_ip_address (host) && !is_valid_host_name (host)))
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER,
                           _("The server name is not valid. Enter an address such as "
                             "https://cloud.viewneo.com."));
      return NULL;
    }

  port = g_uri_get_port (uri);

  /* The addresses suggested below are joined as URIs, so that an IPv6 host keeps its
   * brackets. */
  path = g_uri_get_path (uri);
  if (*path != '\0' && !g_str_equal (path, "/"))
    {
      g_autofree char *root = g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, host, port,
                                          "", NULL, NULL);

      g_set_error (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER,
                   _("Remove the path after the server name: enter only %s."), root);
      return NULL;
    }

  if (g_str_equal (scheme, "http") && !is_loopback_host (host))
    {
      g_autofree char *https = g_uri_join (G_URI_FLAGS_NONE, "https", NULL, host, -1,
                                           "", NULL, NULL);

      g_set_error (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER,
                   _("Use %s: an unencrypted http:// address is only allowed for "
                     "a server on this computer."), https);
      return NULL;
    }

  if ((port == 443 && g_str_equal (scheme, "https")) ||
      (port == 80 && g_str_equal (scheme, "http")))
    port = -1;

  return g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, host, port, "", NULL, NULL);
}

static int
effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port != -1)
    return port;

  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_uri_get_host (a) != NULL && g_uri_get_host (b) != NULL &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         effective_port (a) == effective_port (b);
}

/* ------------------------------------------------------------------------------------
 * One request
 */

/* Runs in a worker thread on the body; returns the result, or NULL with @error set.
 * Never NULL without an error: the task would have nothing to return, and its caller
 * would wait for ever (see parse_thread()). */
typedef gpointer (*ParseFunc) (GBytes      *body,
                               const char  *host,
                               gpointer     parse_data,
                               GError     **error);

typedef struct
{
  MqClient *client;
  char *url;
  const char *accept;
  ParseFunc parse;          /* NULL: the body is the result, as GBytes */
  gpointer parse_data;
  GDestroyNotify result_free;

  char *token;              /* never logged */
  char *rejected_token;     /* the one a 401 refused, while the provider refreshes */
  SoupMessage *message;
  GInputStream *stream;
  GByteArray *body;
  gsize body_length;        /* bytes read; body->len is that plus room for a read */
  guint n_token_refreshes;
  guint n_rate_retries;
  GSource *wait_source;
  GSource *wait_cancel_source;
} Request;

typedef struct
{
  GBytes *body;
  ParseFunc parse;
  gpointer parse_data;
  GDestroyNotify result_free;
  char *host;
} ParseJob;

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
close_stream_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_input_stream_close_finish (G_INPUT_STREAM (object), result, NULL);
}

/* Closing a libsoup body stream reads the rest of the body, and the synchronous close
 * that finalizing an open stream does would block: so every stream is closed async.
 * @abort (an unread or failed body) closes with a cancelled cancellable, which drops
 * the connection instead of draining it. */
static void
close_stream (GInputStream **stream,
              gboolean       abort)
{
  g_autoptr(GCancellable) cancelled = NULL;

  if (*stream == NULL)
    return;

  if (abort)
    {
      cancelled = g_cancellable_new ();
      g_cancellable_cancel (cancelled);
    }

  g_input_stream_close_async (*stream, G_PRIORITY_DEFAULT, cancelled, close_stream_done, NULL);
  g_clear_object (stream);
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
  close_stream (&request->stream, TRUE);
  g_clear_object (&request->message);
  g_clear_pointer (&request->body, g_byte_array_unref);
  clear_token (&request->token);
  clear_token (&request->rejected_token);
  g_clear_pointer (&request->url, g_free);
  g_clear_object (&request->client);
  g_free (request);
}

static void
parse_job_free (ParseJob *job)
{
  g_clear_pointer (&job->body, g_bytes_unref);
  g_clear_pointer (&job->host, g_free);
  g_free (job);
}

static void
request_return_error (GTask  *task,
                      GError *error)
{
  Request *request = g_task_get_task_data (task);

  close_stream (&request->stream, TRUE);
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

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseJob *job = task_data;
  GError *error = NULL;
  gpointer result;

  result = job->parse (job->body, job->host, job->parse_data, &error);
  if (result != NULL)
    {
      g_task_return_pointer (task, result, job->result_free);
      return;
    }

  /* A parse function that breaks its contract still ends the call. */
  if (error == NULL)
    {
      g_critical ("A parse function returned NULL without an error");
      error = g_error_new (MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("%s sent a damaged response. Try again later."), job->host);
    }
  g_task_return_error (task, error);
}

static void
parse_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gpointer parsed;

  parsed = g_task_propagate_pointer (G_TASK (result), &error);
  if (parsed == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, parsed, request->result_free);
}

static void
request_finish_body (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GTask) parse_task = NULL;
  ParseJob *job;

  g_byte_array_set_size (request->body, request->body_length);
  body = g_byte_array_free_to_bytes (g_steal_pointer (&request->body));

  /* The stream is at its end: closing it gives the connection back for reuse. */
  close_stream (&request->stream, FALSE);
  g_clear_object (&request->message);

  if (request->parse == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
      return;
    }

  /* The worker gets a task of its own that holds nothing of libsoup's or ours: the
   * last reference to it may be dropped in the worker thread. */
  job = g_new0 (ParseJob, 1);
  job->body = g_steal_pointer (&body);
  job->parse = request->parse;
  job->parse_data = request->parse_data;
  job->result_free = request->result_free;
  job->host = g_strdup (request->client->host);

  parse_task = g_task_new (NULL, g_task_get_cancellable (task), parse_done, g_object_ref (task));
  g_task_set_source_tag (parse_task, parse_thread);
  g_task_set_task_data (parse_task, job, (GDestroyNotify) parse_job_free);
  g_task_run_in_thread (parse_task, parse_thread);
}

static GError *
new_too_large_error (MqClient *client)
{
  g_autofree char *limit = g_format_size (client->max_response_size);

  return g_error_new (MQ_API_ERROR, MQ_API_ERROR_TOO_LARGE,
                      _("%s sent a response larger than %s, so Marquee stopped reading "
                        "it. Try again later, or ask viewneo support."),
                      client->host, limit);
}

/* A list longer than the client's "item-limit": read no further, whatever it costs the
 * server nothing to send. */
static GError *
new_too_many_items_error (const char *host,
                          guint       item_limit)
{
  return g_error_new (MQ_API_ERROR, MQ_API_ERROR_TOO_LARGE,
                      _("%s sent a list of more than %u items, more than Marquee reads. "
                        "Open the account on viewneo’s website instead."),
                      host, item_limit);
}

static void request_read_more (GTask *task);

static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n_read;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n_read < 0)
    {
      request_return_error (task, mq_api_error_from_transport (error, request->client->host));
      return;
    }

  if (n_read == 0)
    {
      request_finish_body (task);
      return;
    }

  request->body_length += n_read;
  if (request->body_length > request->client->max_response_size)
    {
      request_return_error (task, new_too_large_error (request->client));
      return;
    }

  request_read_more (g_steal_pointer (&task));
}

static void
request_read_more (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  /* One byte past the cap is enough to know the body is too large. */
  gsize room = MIN ((guint64) READ_CHUNK_SIZE,
                    request->client->max_response_size + 1 - request->body_length);

  g_byte_array_set_size (request->body, request->body_length + room);
  g_input_stream_read_async (request->stream,
                             request->body->data + request->body_length, room,
                             G_PRIORITY_DEFAULT,
                             g_task_get_cancellable (task),
                             read_done, task);
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
  close_stream (&request->stream, TRUE);

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
send_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  MqClient *client = request->client;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  guint status;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      request_return_error (task, mq_api_error_from_transport (error, client->host));
      return;
    }

  status = soup_message_get_status (request->message);
  g_debug ("%s: HTTP %u", g_uri_get_path (soup_message_get_uri (request->message)), status);

  if (status == SOUP_STATUS_UNAUTHORIZED && request->n_token_refreshes == 0)
    {
      close_stream (&request->stream, TRUE);
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

  headers = soup_message_get_response_headers (request->message);
  request->body = g_byte_array_new ();
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    {
      goffset length = soup_message_headers_get_content_length (headers);

      /* Without content coding the length is the body's: refuse before reading. */
      if (soup_message_headers_get_one (headers, "Content-Encoding") == NULL &&
          (guint64) length > client->max_response_size)
        {
          request_return_error (task, new_too_large_error (client));
          return;
        }
      g_byte_array_set_size (request->body, MIN ((guint64) length, client->max_response_size) + 1);
    }

  request_read_more (g_steal_pointer (&task));
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

  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", request->accept);
  authorization = g_strconcat ("Bearer ", request->token, NULL);
  soup_message_headers_replace (headers, "Authorization", authorization);
  mq_secret_wipe (authorization, strlen (authorization));

  g_debug ("GET %s", g_uri_get_path (soup_message_get_uri (request->message)));
  soup_session_send_async (request->client->session, request->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), send_done, task);
}

static void
token_done (GObject      *object,
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
                                     g_task_get_cancellable (task), token_done, task);
}

/* Starts a GET of @url (absolute, already checked to be on the server's origin). The
 * result is what @parse returns, or the body as GBytes when @parse is NULL. */
static void
request_start (MqClient            *self,
               const char          *url,
               const char          *accept,
               ParseFunc            parse,
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

static gpointer
request_finish (MqClient      *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
build_api_url (MqClient   *self,
               const char *path)
{
  return g_strconcat (self->server_url, API_PREFIX, path, NULL);
}

/* FALSE, having reported the error to @callback, when the server URL is unusable. */
static gboolean
check_server (MqClient            *self,
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
 * Lists
 */

typedef gpointer (*ItemParseFunc) (const MqJsonValue  *object,
                                   GError            **error);

/* What the workers read a list's items with. Part of the list, which outlives every
 * worker of its pages: a page's request returns to the list only once its worker has
 * parsed. Only read once the list has started, so shared by workers without a lock. */
typedef struct
{
  ItemParseFunc parse_item;
  GPtrArray *known;         /* MqPlaylist by ascending id, or NULL; never changed */
  guint item_limit;         /* the client's "item-limit" when the list started */
} ItemParser;

typedef struct
{
  GPtrArray *items;
  guint n_skipped;
  char *next_url;
  guint current_page;
  guint last_page;
} Page;

static void
page_free (Page *page)
{
  /* Pages fetched by number have their slots before they arrive. */
  if (page == NULL)
    return;

  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_clear_pointer (&page->next_url, g_free);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Page, page_free)

static gpointer
item_parser_parse (const ItemParser   *parser,
                   const MqJsonValue  *object,
                   GError            **error)
{
  gpointer parsed = parser->parse_item (object, error);
  MqPlaylist *known;

  if (parsed == NULL || parser->known == NULL)
    return parsed;

  /* An unchanged playlist: the caller's, and the copy gone at once, so that a whole
   * second list of them never exists. */
  known = mq_playlist_index_lookup (parser->known, mq_playlist_get_id (parsed));
  if (known != NULL && mq_playlist_equal (known, parsed))
    {
      g_object_unref (parsed);
      return g_object_ref (known);
    }

  return parsed;
}

/* In the worker, as the page arrives: the envelope, then each item, read in place
 * from the checked text. A json-glib tree of a page of 1,000 playlists costs more than
 * everything else together, and more again with several pages at once. */
static gpointer
parse_page (GBytes      *body,
            const char  *host,
            gpointer     parse_data,
            GError     **error)
{
  const ItemParser *parser = parse_data;
  g_autoptr(Page) page = g_new0 (Page, 1);
  g_autoptr(GError) scan_error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  MqJsonValue root;
  MqJsonValue items;
  MqJsonValue item;
  MqJsonIter iter;

  if (!mq_json_scan (data, length, &root, &scan_error))
    {
      g_debug ("Response from %s is not JSON: %s", host, scan_error->message);
      g_propagate_error (error, mq_api_error_new_unusable_body (data, length, host));
      return NULL;
    }

  if (!mq_envelope_read (&root, &items, &page->next_url, &page->current_page,
                         &page->last_page, error))
    return NULL;

  page->items = g_ptr_array_new_with_free_func (g_object_unref);
  mq_json_iter_init (&iter, &items);
  while (mq_json_iter_next_element (&iter, &item))
    {
      g_autoptr(GError) item_error = NULL;
      gpointer parsed = NULL;

      /* Checked item by item: one page of tiny items can hold millions. */
      if (page->items->len + page->n_skipped >= parser->item_limit)
        {
          mq_json_iter_clear (&iter);
          g_propagate_error (error, new_too_many_items_error (host, parser->item_limit));
          return NULL;
        }

      if (item.kind == MQ_JSON_KIND_OBJECT)
        parsed = item_parser_parse (parser, &item, &item_error);

      if (parsed != NULL)
        g_ptr_array_add (page->items, parsed);
      else
        {
          g_debug ("Skipping an item: %s", item_error ? item_error->message : "not an object");
          page->n_skipped++;
        }
    }
  mq_json_iter_clear (&iter);

  return g_steal_pointer (&page);
}

typedef struct
{
  MqClient *client;
  ItemParser parser;
  MqPageProgressFunc progress;
  gpointer progress_data;
  GDestroyNotify progress_data_free;

  GPtrArray *pages;         /* Page, by number - 1 */
  GCancellable *cancellable; /* ours: cancelled on the first failure */
  GCancellable *caller_cancellable;
  gulong caller_cancelled_id;
  GError *error;            /* the first failure */
  GUri *last_uri;           /* of the page fetched last (sequential), for relative links */
  GUri *page_uri;           /* where pages are fetched by number (concurrent) */
  GHashTable *followed;     /* URLs fetched one after the other, to stop at a loop */
  guint n_pages;            /* known number of pages, 0 while unknown */
  guint n_pages_done;
  guint n_items;
  guint n_skipped;
  guint next_page;          /* the next page number to start (concurrent) */
  guint n_in_flight;
} List;

typedef struct
{
  GTask *task;
  guint page_number;        /* 0: sequential */
} PageRequest;

/* No progress is reported after the result: the caller's data goes at once, not
 * whenever the last reference to the result does. */
static void
list_release_progress (List *list)
{
  GDestroyNotify progress_data_free = g_steal_pointer (&list->progress_data_free);

  list->progress = NULL;
  if (progress_data_free != NULL)
    progress_data_free (g_steal_pointer (&list->progress_data));
}

static void
list_free (List *list)
{
  if (list->caller_cancelled_id != 0)
    g_cancellable_disconnect (list->caller_cancellable, list->caller_cancelled_id);
  g_clear_object (&list->caller_cancellable);
  g_clear_object (&list->cancellable);
  list_release_progress (list);
  g_clear_pointer (&list->pages, g_ptr_array_unref);
  g_clear_error (&list->error);
  g_clear_pointer (&list->last_uri, g_uri_unref);
  g_clear_pointer (&list->page_uri, g_uri_unref);
  g_clear_pointer (&list->followed, g_hash_table_unref);
  g_clear_pointer (&list->parser.known, g_ptr_array_unref);
  g_clear_object (&list->client);
  g_free (list);
}

static void
list_caller_cancelled (GCancellable *cancellable,
                       gpointer      user_data)
{
  /* May run in any thread; cancelling a GCancellable is thread-safe. */
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static GError *
new_cross_origin_error (MqClient *client)
{
  return g_error_new (MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                      _("%s sent a link to the next page on another server, which "
                        "Marquee does not follow: your sign-in is only sent to %s. "
                        "Check the server address."),
                      client->host, client->host);
}

/* The absolute URI of a next link, or NULL and an error when it leaves the origin. */
static GUri *
resolve_next_link (List        *list,
                   GUri        *base,
                   const char  *link,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  uri = g_uri_parse_relative (base, link, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    {
      g_set_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                   _("%s sent a link Marquee cannot follow. Try again later."),
                   list->client->host);
      return NULL;
    }

  /* A user name in a link would have libsoup send credentials of its own. */
  if (!same_origin (uri, list->client->server_uri) || g_uri_get_userinfo (uri) != NULL)
    {
      g_debug ("Refusing a next link to another origin");
      g_propagate_error (error, new_cross_origin_error (list->client));
      return NULL;
    }

  return g_steal_pointer (&uri);
}

/* @base with its "page" query parameter set to @page_number, others kept. */
static char *
build_page_url (GUri  *base,
                guint  page_number)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GUri) uri = NULL;
  const char *old_query = g_uri_get_query (base);

  if (old_query != NULL)
    {
      g_auto(GStrv) params = g_strsplit (old_query, "&", -1);

      for (guint i = 0; params[i] != NULL; i++)
        {
          if (*params[i] == '\0' || g_str_has_prefix (params[i], "page=") ||
              g_str_equal (params[i], "page"))
            continue;
          g_string_append_printf (query, "%s&", params[i]);
        }
    }
  g_string_append_printf (query, "page=%u", page_number);

  uri = g_uri_build (G_URI_FLAGS_ENCODED,
                     g_uri_get_scheme (base), NULL, g_uri_get_host (base), g_uri_get_port (base),
                     g_uri_get_path (base), query->str, NULL);
  return g_uri_to_string (uri);
}

static void list_start_page (GTask      *task,
                             const char *url,
                             guint       page_number);

static void
list_complete (GTask *task)
{
  List *list = g_task_get_task_data (task);
  GPtrArray *items;

  list_release_progress (list);

  if (list->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&list->error));
      return;
    }

  items = g_ptr_array_new_full (list->n_items, g_object_unref);
  for (guint i = 0; i < list->pages->len; i++)
    {
      Page *page = g_ptr_array_index (list->pages, i);

      /* Move the items over; the page array lets go without unreffing them. */
      for (guint j = 0; j < page->items->len; j++)
        g_ptr_array_add (items, g_ptr_array_index (page->items, j));
      g_ptr_array_set_free_func (page->items, NULL);
    }

  g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_fail (List   *list,
           GError *error)
{
  /* The first failure is the one to report; the cancellations it causes are not. */
  if (list->error == NULL)
    list->error = error;
  else
    g_error_free (error);

  g_cancellable_cancel (list->cancellable);
}

static void
list_report_progress (List *list)
{
  if (list->progress != NULL)
    list->progress (list->n_pages_done, list->n_pages, list->n_items, list->progress_data);
}

static void
list_start_concurrent (GTask *task)
{
  List *list = g_task_get_task_data (task);

  while (list->error == NULL &&
         list->n_in_flight < MAX_CONCURRENT_PAGES &&
         list->next_page <= list->n_pages)
    {
      g_autofree char *url = build_page_url (list->page_uri, list->next_page);

      list_start_page (task, url, list->next_page);
      list->next_page++;
    }
}

static void
list_page_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PageRequest *page_request = user_data;
  g_autoptr(GTask) task = page_request->task;
  guint page_number = page_request->page_number;
  List *list = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) next_uri = NULL;
  Page *page;

  g_free (page_request);
  list->n_in_flight--;

  page = request_finish (MQ_CLIENT (object), result, parse_page, &error);
  if (page == NULL)
    {
      list_fail (list, g_steal_pointer (&error));
      goto out;
    }

  if (list->error != NULL)
    {
      page_free (page);
      goto out;
    }

  list->n_pages_done++;
  list->n_items += page->items->len;
  list->n_skipped += page->n_skipped;

  if (list->n_items + list->n_skipped > list->parser.item_limit)
    {
      page_free (page);
      list_fail (list, new_too_many_items_error (list->client->host,
                                                 list->parser.item_limit));
      goto out;
    }

  if (page_number == 0)
    {
      guint fetched = list->pages->len + 1;

      g_ptr_array_add (list->pages, page);

      if (page->next_url != NULL)
        {
          next_uri = resolve_next_link (list, list->last_uri, page->next_url, &error);
          if (next_uri == NULL)
            {
              list_fail (list, g_steal_pointer (&error));
              goto out;
            }
        }

      /* The first page tells how many there are: fetch the rest by number, at once. */
      if (fetched == 1 && page->current_page == 1 && page->last_page > 1)
        {
          list->n_pages = page->last_page;
          if (list->n_pages > list->client->page_limit)
            {
              list_fail (list, g_error_new (MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                                            _("%s has more than %u pages of results, more "
                                              "than Marquee reads."),
                                            list->client->host, list->client->page_limit));
              goto out;
            }
          g_ptr_array_set_size (list->pages, list->n_pages);
          list->page_uri = next_uri != NULL ? g_steal_pointer (&next_uri)
                                            : g_uri_ref (list->last_uri);
          list->next_page = 2;
          list_report_progress (list);
          list_start_concurrent (task);
          goto out;
        }

      list_report_progress (list);

      if (next_uri != NULL)
        {
          g_autofree char *url = NULL;

          if (fetched >= list->client->page_limit)
            {
              list_fail (list, g_error_new (MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                                            _("%s has more than %u pages of results, more "
                                              "than Marquee reads."),
                                            list->client->host, list->client->page_limit));
              goto out;
            }

          /* A link back to a page already read would be followed up to the page
           * limit, fetching the same items again and again. */
          url = g_uri_to_string (next_uri);
          if (!g_hash_table_add (list->followed, g_strdup (url)))
            {
              g_debug ("A next link points at a page already fetched");
              list_fail (list, g_error_new (MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                                            _("%s sent a link back to a page Marquee has "
                                              "already read. Try again later."),
                                            list->client->host));
              goto out;
            }

          g_clear_pointer (&list->last_uri, g_uri_unref);
          list->last_uri = g_steal_pointer (&next_uri);
          list_start_page (task, url, 0);
        }
      goto out;
    }

  /* A page fetched by number must be that page, or items would repeat or go missing. */
  if (page->current_page != 0 && page->current_page != page_number)
    {
      page_free (page);
      list_fail (list, g_error_new (MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                                    _("%s sent page %u when asked for another one. Try "
                                      "again later."),
                                    list->client->host, page_number));
      goto out;
    }

  g_ptr_array_index (list->pages, page_number - 1) = page;
  list_report_progress (list);
  list_start_concurrent (task);

out:
  if (list->n_in_flight == 0 && (list->error != NULL || list->next_page == 0 ||
                                 list->next_page > list->n_pages))
    list_complete (task);
}

static void
list_start_page (GTask      *task,
                 const char *url,
                 guint       page_number)
{
  List *list = g_task_get_task_data (task);
  PageRequest *page_request = g_new0 (PageRequest, 1);

  page_request->task = g_object_ref (task);
  page_request->page_number = page_number;
  list->n_in_flight++;

  request_start (list->client, url, ACCEPT_JSON, parse_page, &list->parser,
                 (GDestroyNotify) page_free, list->cancellable,
                 list_page_done, page_request, parse_page);
}

static void
list_start (MqClient            *self,
            const char          *path,
            ItemParseFunc        parse_item,
            GPtrArray           *known,
            MqPageProgressFunc   progress,
            gpointer             progress_data,
            GDestroyNotify       progress_data_free,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  List *list;

  if (!check_server (self, callback, user_data, source_tag))
    {
      if (progress_data_free != NULL)
        progress_data_free (progress_data);
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  list = g_new0 (List, 1);
  list->client = g_object_ref (self);
  list->parser.parse_item = parse_item;
  list->parser.item_limit = self->item_limit;
  if (known != NULL && known->len > 0)
    list->parser.known = g_ptr_array_ref (known);
  list->progress = progress;
  list->progress_data = progress_data;
  list->progress_data_free = progress_data_free;
  list->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  list->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, list, (GDestroyNotify) list_free);

  if (cancellable != NULL)
    {
      list->caller_cancellable = g_object_ref (cancellable);
      list->caller_cancelled_id = g_cancellable_connect (cancellable,
                                                         G_CALLBACK (list_caller_cancelled),
                                                         g_object_ref (list->cancellable),
                                                         g_object_unref);
    }

  url = build_api_url (self, path);
  list->last_uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  list->followed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (list->last_uri != NULL)
    g_hash_table_add (list->followed, g_uri_to_string (list->last_uri));
  list_start_page (task, url, 0);
}

static GPtrArray *
list_finish (MqClient      *self,
             GAsyncResult  *result,
             gpointer       source_tag,
             guint         *n_skipped,
             GError       **error)
{
  List *list;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  /* A call refused before it started (an unusable server URL) has no list. */
  list = g_task_get_task_data (G_TASK (result));
  if (n_skipped != NULL)
    *n_skipped = list != NULL ? list->n_skipped : 0;

  return g_task_propagate_pointer (G_TASK (result), error);
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

  list_start (self, "/playlist", (ItemParseFunc) mq_playlist_new_from_value, known,
              progress, progress_data, progress_data_free,
              cancellable, callback, user_data, mq_client_list_playlists_reusing_async);
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
  return list_finish (self, result, mq_client_list_playlists_reusing_async, n_skipped, error);
}

void
mq_client_list_device_groups_async (MqClient            *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MQ_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  list_start (self, "/devicegroup", (ItemParseFunc) mq_device_group_new_from_value, NULL,
              NULL, NULL, NULL,
              cancellable, callback, user_data, mq_client_list_device_groups_async);
}

GPtrArray *
mq_client_list_device_groups_finish (MqClient      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return list_finish (self, result, mq_client_list_device_groups_async, NULL, error);
}

void
mq_client_list_devices_async (MqClient            *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (MQ_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  list_start (self, "/device", (ItemParseFunc) mq_device_new_from_value, NULL,
              NULL, NULL, NULL,
              cancellable, callback, user_data, mq_client_list_devices_async);
}

GPtrArray *
mq_client_list_devices_finish (MqClient      *self,
                               GAsyncResult  *result,
                               guint         *n_skipped,
                               GError       **error)
{
  return list_finish (self, result, mq_client_list_devices_async, n_skipped, error);
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
              ParseFunc            parse,
              GDestroyNotify       result_free,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  g_autofree char *url = NULL;

  if (!check_server (self, callback, user_data, source_tag))
    return;

  url = build_api_url (self, path);
  request_start (self, url, accept, parse, NULL, result_free, cancellable,
                 callback, user_data, source_tag);
}

static gpointer
single_finish (MqClient      *self,
               GAsyncResult  *result,
               gpointer       source_tag,
               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
  single_start (self, path, ACCEPT_JSON, mq_client_parse_playlist_detail, g_object_unref,
                cancellable, callback, user_data, mq_client_get_playlist_async);
}

MqPlaylist *
mq_client_get_playlist_finish (MqClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return single_finish (self, result, mq_client_get_playlist_async, error);
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

  single_start (self, "/user", ACCEPT_JSON, mq_client_parse_user, g_object_unref,
                cancellable, callback, user_data, mq_client_get_user_async);
}

MqUser *
mq_client_get_user_finish (MqClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return single_finish (self, result, mq_client_get_user_async, error);
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
  return single_finish (self, result, mq_client_get_thumbnail_async, error);
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
                                "max-conns-per-host", MAX_CONCURRENT_PAGES + 2,
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
