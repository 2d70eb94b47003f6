/* mq-loopback-receiver.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-auth"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "mq-auth-error.h"
#include "mq-loopback-receiver.h"

#define CALLBACK_PATH "/callback"

/* Why not SoupServer: its listener (libsoup 3.2 on Debian 12, and still the current
 * source) stops accepting for good after one failed accept(), such as EMFILE when
 * another local program floods the port; it holds any number of connections with no
 * idle limit, and reads a whole request body into memory before a handler can refuse
 * it. soup_server_accept_iostream() behind an accept loop of our own would fix only the
 * first. A sign-in callback is one GET with a small head and no body, so the receiver
 * accepts on its own GSocket and reads at most MAX_REQUEST_HEAD bytes of a request
 * itself: nothing more of a request is held, whatever is sent, on any libsoup. */

/* Connections held at once; more wait in the kernel's backlog. */
#define MAX_CONNECTIONS 16
/* The request line and headers; a browser's callback needs about 1 KiB. */
#define MAX_REQUEST_HEAD (16 * 1024)
/* From accept to the answer: a browser sends its request at once. */
#define CONNECTION_DEADLINE_SECONDS 5
/* After accept() failed (out of descriptors, memory, ...): try again after this. */
#define ACCEPT_RETRY_MS 200

#define STATUS_REQUEST_HEADER_FIELDS_TOO_LARGE 431

typedef struct
{
  /* Unowned; NULL once the connection is shut. The receiver shuts every connection
   * before it goes away. */
  MqLoopbackReceiver *receiver;
  GSocketConnection  *stream;
  GCancellable       *cancellable;
  GSource            *deadline;
  /* Set while the answer that ends the attempt is written. */
  MqLoopbackReceiver *final_receiver;
  char               *answer;
  gsize               answer_len;
  gsize               len;
  char                head[MAX_REQUEST_HEAD + 1];
} Connection;

struct _MqLoopbackReceiver
{
  GObject       parent_instance;

  guint         port;
  char         *expected_state;
  guint         timeout_seconds;
  char         *redirect_uri;

  GMainContext *context;
  GSocket      *socket;
  GSource      *accept_source;
  GSource      *retry_source;
  GPtrArray    *connections;
  GSource      *timeout_source;
  gboolean      started;
  gboolean      listening;

  /* The outcome: set once, by the first callback with our state, the timeout, or a
   * cancellation. */
  gboolean      done;
  char         *code;
  GError       *error;

  GTask        *task;
  GSource      *cancel_source;
};

G_DEFINE_FINAL_TYPE (MqLoopbackReceiver, mq_loopback_receiver, G_TYPE_OBJECT)

typedef enum
{
  PAGE_SIGNED_IN,
  PAGE_DENIED,
  PAGE_SERVER_ERROR,
  PAGE_WRONG_STATE,
  PAGE_MALFORMED,
  PAGE_ALREADY_DONE,
  PAGE_NOT_FOUND,
  PAGE_NOT_ALLOWED,
} Page;

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
connection_clear (Connection *conn)
{
  g_assert (conn->receiver == NULL);
  g_assert (conn->final_receiver == NULL);

  g_clear_object (&conn->stream);
  g_clear_object (&conn->cancellable);
  g_clear_pointer (&conn->answer, g_free);
}

static void
connection_unref (Connection *conn)
{
  g_rc_box_release_full (conn, (GDestroyNotify) connection_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Connection, connection_unref)

/* Cancels what is pending on it and closes the socket; the receiver forgets it. */
static void
connection_shut (Connection *conn)
{
  conn->receiver = NULL;
  clear_source (&conn->deadline);
  g_cancellable_cancel (conn->cancellable);
  g_socket_close (g_socket_connection_get_socket (conn->stream), NULL);
}

static void
stop_listening (MqLoopbackReceiver *self)
{
  g_autoptr(GPtrArray) connections = NULL;

  clear_source (&self->timeout_source);

  if (!self->listening)
    return;

  self->listening = FALSE;
  clear_source (&self->accept_source);
  clear_source (&self->retry_source);
  g_socket_close (self->socket, NULL);
  g_clear_object (&self->socket);

  connections = g_steal_pointer (&self->connections);
  self->connections = g_ptr_array_new_with_free_func ((GDestroyNotify) connection_unref);
  for (guint i = 0; i < connections->len; i++)
    connection_shut (g_ptr_array_index (connections, i));
}

static void
complete_wait (MqLoopbackReceiver *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->task == NULL || !self->done || self->listening)
    return;

  clear_source (&self->cancel_source);

  task = g_steal_pointer (&self->task);

  if (self->error != NULL)
    g_task_return_error (task, g_error_copy (self->error));
  else
    g_task_return_pointer (task, g_strdup (self->code), g_free);
}

/* The outcome is known: no other callback can change it. */
static void
set_outcome (MqLoopbackReceiver *self,
             char               *code,
             GError             *error)
{
  g_assert (!self->done);

  self->done = TRUE;
  self->code = code;
  self->error = error;

  clear_source (&self->timeout_source);
}

static void
mq_loopback_receiver_dispose (GObject *object)
{
  MqLoopbackReceiver *self = (MqLoopbackReceiver *) object;

  stop_listening (self);
  clear_source (&self->cancel_source);
  g_clear_object (&self->task);

  G_OBJECT_CLASS (mq_loopback_receiver_parent_class)->dispose (object);
}

static void
mq_loopback_receiver_finalize (GObject *object)
{
  MqLoopbackReceiver *self = (MqLoopbackReceiver *) object;

  g_clear_pointer (&self->connections, g_ptr_array_unref);
  g_clear_pointer (&self->expected_state, g_free);
  g_clear_pointer (&self->redirect_uri, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (mq_loopback_receiver_parent_class)->finalize (object);
}

static void
mq_loopback_receiver_class_init (MqLoopbackReceiverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mq_loopback_receiver_dispose;
  object_class->finalize = mq_loopback_receiver_finalize;
}

static void
mq_loopback_receiver_init (MqLoopbackReceiver *self)
{
  self->connections = g_ptr_array_new_with_free_func ((GDestroyNotify) connection_unref);
}

char *
mq_loopback_redirect_uri (guint port)
{
  return g_strdup_printf ("http://127.0.0.1:%u" CALLBACK_PATH, port);
}

/**
 * mq_loopback_receiver_new:
 * @port: the port of the registered Redirect URL; 0 picks a free one (for tests: the
 *   redirect URI is then known after mq_loopback_receiver_listen()).
 * @expected_state: the `state` sent to the authorize endpoint.
 * @timeout_seconds: how long the attempt may take, counted from listening.
 */
MqLoopbackReceiver *
mq_loopback_receiver_new (guint       port,
                          const char *expected_state,
                          guint       timeout_seconds)
{
  MqLoopbackReceiver *self;

  g_return_val_if_fail (port <= G_MAXUINT16, NULL);
  g_return_val_if_fail (expected_state != NULL && *expected_state != '\0', NULL);
  g_return_val_if_fail (timeout_seconds > 0, NULL);

  self = g_object_new (MQ_TYPE_LOOPBACK_RECEIVER, NULL);
  self->port = port;
  self->expected_state = g_strdup (expected_state);
  self->timeout_seconds = timeout_seconds;
  self->redirect_uri = mq_loopback_redirect_uri (port);

  return self;
}

const char *
mq_loopback_receiver_get_redirect_uri (MqLoopbackReceiver *self)
{
  g_return_val_if_fail (MQ_IS_LOOPBACK_RECEIVER (self), NULL);

  return self->redirect_uri;
}

static char *
page_html (const char *title,
           const char *text)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_text = g_markup_escape_text (text, -1);

  /* Self-contained: no script, no external resource, the style inline. */
  return g_strdup_printf ("<!DOCTYPE html>\n"
                          "<html>\n"
                          "<head>\n"
                          "<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "<title>%s</title>\n"
                          "<style>\n"
                          "body { margin: 0; min-height: 100vh; display: flex; align-items: center;"
                          " justify-content: center; font-family: Cantarell, system-ui, sans-serif;"
                          " background: #fafafb; color: #222226; }\n"
                          "main { max-width: 32em; padding: 2em; text-align: center; }\n"
                          "h1 { font-size: 1.6em; font-weight: 800; margin: 0 0 0.6em; }\n"
                          "p { font-size: 1.1em; line-height: 1.5; margin: 0; }\n"
                          "@media (prefers-color-scheme: dark) {"
                          " body { background: #222226; color: #ffffff; } }\n"
                          "</style>\n"
                          "</head>\n"
                          "<body>\n"
                          "<main>\n"
                          "<h1>%s</h1>\n"
                          "<p>%s</p>\n"
                          "</main>\n"
                          "</body>\n"
                          "</html>\n",
                          escaped_title, escaped_title, escaped_text);
}

static const char *
status_phrase (guint status)
{
  if (status == STATUS_REQUEST_HEADER_FIELDS_TOO_LARGE)
    return "Request Header Fields Too Large";

  return soup_status_get_phrase (status);
}

/* The whole answer, status line to body; every answer closes the connection. */
static char *
format_answer (guint        status,
               Page         page,
               const char  *extra_headers,
               gboolean     with_body,
               gsize       *len)
{
  g_autofree char *html = NULL;
  const char *title;
  const char *text;
  GString *answer;

  switch (page)
    {
    case PAGE_SIGNED_IN:
      title = _("Signed In");
      text = _("You are signed in to Marquee. You can close this tab.");
      break;

    case PAGE_DENIED:
      title = _("Access Denied");
      text = _("Marquee did not get access to your viewneo account. To try again, sign in again in Marquee. You can close this tab.");
      break;

    case PAGE_SERVER_ERROR:
      title = _("Sign-In Failed");
      text = _("viewneo could not complete the sign-in. Marquee shows what to do next. You can close this tab.");
      break;

    case PAGE_WRONG_STATE:
      title = _("Unknown Sign-In");
      text = _("This answer does not belong to the sign-in Marquee is waiting for: it may come from an earlier attempt. Finish the sign-in in the tab that Marquee opened, or sign in again in Marquee.");
      break;

    case PAGE_MALFORMED:
      title = _("Sign-In Failed");
      text = _("This is not a valid answer to a sign-in. Sign in again in Marquee.");
      break;

    case PAGE_ALREADY_DONE:
      title = _("Sign-In Already Finished");
      text = _("Marquee already has the answer to this sign-in. You can close this tab.");
      break;

    case PAGE_NOT_ALLOWED:
      title = _("Not Allowed");
      text = _("Marquee only receives sign-ins here. You can close this tab.");
      break;

    case PAGE_NOT_FOUND:
    default:
      title = _("Not Found");
      text = _("Marquee only receives sign-ins here. You can close this tab.");
      break;
    }

  html = page_html (title, text);

  answer = g_string_new (NULL);
  g_string_append_printf (answer,
                          "HTTP/1.1 %u %s\r\n"
                          "Content-Type: text/html; charset=utf-8\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Cache-Control: no-store\r\n"
                          "Referrer-Policy: no-referrer\r\n"
                          "X-Content-Type-Options: nosniff\r\n"
                          "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n"
                          "%s"
                          "Connection: close\r\n"
                          "\r\n",
                          status, status_phrase (status), strlen (html),
                          extra_headers != NULL ? extra_headers : "");
  if (with_body)
    g_string_append (answer, html);

  *len = answer->len;
  return g_string_free (answer, FALSE);
}

static void watch_accepts (MqLoopbackReceiver *self);

static void
connection_close (Connection *conn)
{
  MqLoopbackReceiver *self = conn->receiver;

  if (self == NULL)
    return;

  connection_shut (conn);
  /* Drops the receiver's reference: @conn may be gone. */
  g_ptr_array_remove_fast (self->connections, conn);

  /* A place is free again. */
  watch_accepts (self);
}

static void
answer_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Connection) conn = user_data;
  MqLoopbackReceiver *final_receiver = g_steal_pointer (&conn->final_receiver);

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);

  /* The kernel sends what was written before the FIN. When the client sent more than
   * was read (a body that was refused unread), closing resets the connection instead:
   * the answer may then be lost, which only a client that ignored the rules sees. */
  connection_close (conn);

  if (final_receiver != NULL)
    {
      /* The browser has its page: nothing more is accepted. */
      stop_listening (final_receiver);
      complete_wait (final_receiver);
      g_object_unref (final_receiver);
    }
}

static void
answer_full (Connection *conn,
             guint       status,
             Page        page,
             const char *extra_headers,
             gboolean    with_body,
             gboolean    final)
{
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (conn->stream));

  conn->answer = format_answer (status, page, extra_headers, with_body, &conn->answer_len);

  /* Stop listening once the page is on its way, not before: closing now would cut
   * the connection that carries it. */
  if (final)
    conn->final_receiver = g_object_ref (conn->receiver);

  g_output_stream_write_all_async (output, conn->answer, conn->answer_len, G_PRIORITY_DEFAULT,
                                   conn->cancellable, answer_written_cb,
                                   g_rc_box_acquire (conn));
}

static void
answer (Connection *conn,
        guint       status,
        Page        page)
{
  answer_full (conn, status, page, NULL, TRUE, FALSE);
}

static void
handle_callback (MqLoopbackReceiver *self,
                 Connection         *conn,
                 const char         *query)
{
  g_autofree char *code = NULL;
  g_autofree char *error_code = NULL;
  g_autoptr(GError) error = NULL;
  GError *outcome_error = NULL;
  Page page;

  if (!mq_callback_query_parse (query, self->expected_state,
                                &code, &error_code, NULL, &error))
    {
      /* Someone else's redirect, an old tab, a forged request: the attempt goes on. */
      g_debug ("Ignoring a sign-in callback: %s",
               g_error_matches (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_STATE_MISMATCH)
               ? "state mismatch" : "malformed query");
      answer (conn, SOUP_STATUS_BAD_REQUEST,
              g_error_matches (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_STATE_MISMATCH)
              ? PAGE_WRONG_STATE : PAGE_MALFORMED);
      return;
    }

  if (code != NULL)
    {
      g_debug ("Sign-in callback with an authorization code");
      page = PAGE_SIGNED_IN;
    }
  else if (g_str_equal (error_code, "access_denied"))
    {
      g_debug ("Sign-in callback: access denied");
      page = PAGE_DENIED;
      outcome_error = g_error_new_literal (MQ_AUTH_ERROR, MQ_AUTH_ERROR_ACCESS_DENIED,
                                           _("Access to the viewneo account was denied in the browser. To use Marquee, sign in again and allow access."));
    }
  else
    {
      g_debug ("Sign-in callback with error “%s”", error_code);
      page = PAGE_SERVER_ERROR;
      outcome_error = g_error_new (MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_REQUEST,
                                   _("viewneo could not complete the sign-in (“%s”). Check the Client ID and the Redirect URL under Settings › API, then sign in again."),
                                   error_code);
    }

  set_outcome (self, g_steal_pointer (&code), outcome_error);
  answer_full (conn, SOUP_STATUS_OK, page, NULL, TRUE, TRUE);
}

/* RFC 9110's tchar, what a method and a header name are made of. */
static gboolean
is_token (const char *text,
          gsize       len)
{
  if (len == 0)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];

      if (!g_ascii_isalnum (c) && strchr ("!#$%&'*+-.^_`|~", c) == NULL)
        return FALSE;
    }

  return TRUE;
}

/* Printable ASCII, what a request target is made of. */
static gboolean
is_target_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p <= 0x20 || (guchar) *p >= 0x7f)
        return FALSE;
    }

  return TRUE;
}

typedef enum
{
  HEAD_OK,
  HEAD_MALFORMED,
  HEAD_HAS_BODY,
} HeadVerdict;

/* @head is the request line and the header lines, each ending in CRLF, NUL-terminated.
 * On HEAD_OK (and HEAD_HAS_BODY), @method and @target point into @head, and @host too
 * when there was one Host header. */
static HeadVerdict
parse_head (char        *head,
            const char **method,
            const char **target,
            const char **host)
{
  gboolean has_body = FALSE;
  char *line = head;
  char *end;
  char *space;
  char *version;

  *method = *target = *host = NULL;

  /* The request line: METHOD SP target SP HTTP/1.x */
  end = strstr (line, "\r\n");
  *end = '\0';
  space = strchr (line, ' ');
  if (space == NULL || !is_token (line, space - line))
    return HEAD_MALFORMED;
  *space = '\0';
  *method = line;
  *target = space + 1;
  space = strchr (*target, ' ');
  if (space == NULL)
    return HEAD_MALFORMED;
  *space = '\0';
  version = space + 1;
  if (!g_str_equal (version, "HTTP/1.1") && !g_str_equal (version, "HTTP/1.0"))
    return HEAD_MALFORMED;
  /* Only the origin form: "/callback?...", never "http://host/callback". */
  if (**target != '/' || !is_target_text (*target))
    return HEAD_MALFORMED;

  for (line = end + 2; *line != '\0'; line = end + 2)
    {
      char *colon;
      char *value;
      char *value_end;

      end = strstr (line, "\r\n");
      *end = '\0';

      /* No folded lines, no space before the colon, no control characters. */
      colon = strchr (line, ':');
      if (colon == NULL || !is_token (line, colon - line))
        return HEAD_MALFORMED;
      *colon = '\0';

      value = colon + 1;
      while (*value == ' ' || *value == '\t')
        value++;
      value_end = value + strlen (value);
      while (value_end > value && (value_end[-1] == ' ' || value_end[-1] == '\t'))
        value_end--;
      *value_end = '\0';

      for (const char *p = value; *p != '\0'; p++)
        {
          if (((guchar) *p < 0x20 && *p != '\t') || (guchar) *p == 0x7f)
            return HEAD_MALFORMED;
        }

      if (g_ascii_strcasecmp (line, "Host") == 0)
        {
          /* Two Hosts: which one would be meant? */
          if (*host != NULL)
            return HEAD_MALFORMED;
          *host = value;
        }
      else if (g_ascii_strcasecmp (line, "Transfer-Encoding") == 0)
        {
          has_body = TRUE;
        }
      else if (g_ascii_strcasecmp (line, "Content-Length") == 0)
        {
          if (*value == '\0' || strspn (value, "0123456789") != strlen (value))
            return HEAD_MALFORMED;
          if (strspn (value, "0") != strlen (value))
            has_body = TRUE;
        }
    }

  return has_body ? HEAD_HAS_BODY : HEAD_OK;
}

static void
handle_request (Connection *conn,
                gsize       head_len)
{
  MqLoopbackReceiver *self = conn->receiver;
  g_autofree char *expected_host = NULL;
  const char *method;
  const char *target;
  const char *host;
  const char *query;
  HeadVerdict verdict;
  gsize path_len;

  conn->head[head_len] = '\0';

  if (memchr (conn->head, '\0', head_len) != NULL)
    {
      answer (conn, SOUP_STATUS_BAD_REQUEST, PAGE_MALFORMED);
      return;
    }

  verdict = parse_head (conn->head, &method, &target, &host);
  if (verdict == HEAD_MALFORMED)
    {
      g_debug ("Refusing a malformed request on the sign-in port");
      answer (conn, SOUP_STATUS_BAD_REQUEST, PAGE_MALFORMED);
      return;
    }

  /* Only the address the browser was sent to: a page on another name that resolves
   * to 127.0.0.1 (DNS rebinding) must not reach the receiver as its own origin. */
  expected_host = g_strdup_printf ("127.0.0.1:%u", self->port);
  if (host == NULL || !g_str_equal (host, expected_host))
    {
      g_debug ("Refusing a request for another host on the sign-in port");
      answer (conn, SOUP_STATUS_MISDIRECTED_REQUEST, PAGE_NOT_FOUND);
      return;
    }

  /* A callback is a GET without a body: the body is refused unread. */
  if (verdict == HEAD_HAS_BODY)
    {
      g_debug ("Refusing a request with a body on the sign-in port");
      answer (conn, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, PAGE_MALFORMED);
      return;
    }

  query = strchr (target, '?');
  path_len = query != NULL ? (gsize) (query - target) : strlen (target);
  if (query != NULL)
    query++;

  /* Exactly the path: /callbackx and /callback/x must not count. */
  if (path_len != strlen (CALLBACK_PATH) || strncmp (target, CALLBACK_PATH, path_len) != 0)
    {
      answer (conn, SOUP_STATUS_NOT_FOUND, PAGE_NOT_FOUND);
      return;
    }

  if (!g_str_equal (method, SOUP_METHOD_GET))
    {
      answer_full (conn, SOUP_STATUS_METHOD_NOT_ALLOWED, PAGE_NOT_ALLOWED,
                   "Allow: GET\r\n",
                   !g_str_equal (method, SOUP_METHOD_HEAD), FALSE);
      return;
    }

  if (self->done)
    {
      answer (conn, SOUP_STATUS_CONFLICT, PAGE_ALREADY_DONE);
      return;
    }

  handle_callback (self, conn, query);
}

static void read_request (Connection *conn);

static void
request_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Connection) conn = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);
  gsize searched;
  const char *end;

  /* Shut meanwhile (the deadline, the end of the attempt). */
  if (conn->receiver == NULL)
    return;

  /* The client went away before its request was complete. */
  if (n <= 0)
    {
      connection_close (conn);
      return;
    }

  /* Where the blank line that ends the head may start: the last read may have brought
   * only part of it. */
  searched = conn->len >= 3 ? conn->len - 3 : 0;
  conn->len += (gsize) n;
  end = g_strstr_len (conn->head + searched, conn->len - searched, "\r\n\r\n");

  if (end != NULL)
    handle_request (conn, (gsize) (end - conn->head) + 2);
  else if (conn->len == MAX_REQUEST_HEAD)
    answer (conn, STATUS_REQUEST_HEADER_FIELDS_TOO_LARGE, PAGE_MALFORMED);
  else
    read_request (conn);
}

static void
read_request (Connection *conn)
{
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (conn->stream));

  g_input_stream_read_async (input, conn->head + conn->len, MAX_REQUEST_HEAD - conn->len,
                             G_PRIORITY_DEFAULT, conn->cancellable, request_read_cb,
                             g_rc_box_acquire (conn));
}

static gboolean
connection_deadline_cb (gpointer user_data)
{
  Connection *conn = user_data;

  g_debug ("Closing a connection to the sign-in port that sent no request in time");
  g_clear_pointer (&conn->deadline, g_source_unref);
  connection_close (conn);

  return G_SOURCE_REMOVE;
}

static void
start_connection (MqLoopbackReceiver *self,
                  GSocket            *socket)
{
  Connection *conn = g_rc_box_new0 (Connection);

  conn->receiver = self;
  conn->stream = g_socket_connection_factory_create_connection (socket);
  conn->cancellable = g_cancellable_new ();

  /* Also what keeps a silent or slow client from holding a place. */
  conn->deadline = g_timeout_source_new_seconds (CONNECTION_DEADLINE_SECONDS);
  g_source_set_callback (conn->deadline, connection_deadline_cb, conn, NULL);
  g_source_set_static_name (conn->deadline, "[marquee] sign-in connection deadline");
  g_source_attach (conn->deadline, self->context);

  g_ptr_array_add (self->connections, conn);
  read_request (conn);
}

static gboolean
accept_retry_cb (gpointer user_data)
{
  MqLoopbackReceiver *self = user_data;

  g_clear_pointer (&self->retry_source, g_source_unref);
  watch_accepts (self);

  return G_SOURCE_REMOVE;
}

static gboolean
accept_ready_cb (GSocket      *socket,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  MqLoopbackReceiver *self = user_data;

  while (self->connections->len < MAX_CONNECTIONS)
    {
      g_autoptr(GSocket) client = NULL;
      g_autoptr(GError) error = NULL;

      client = g_socket_accept (socket, NULL, &error);
      if (client != NULL)
        {
          start_connection (self, client);
          continue;
        }

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;

      /* Out of descriptors (another program flooding the port), of memory, a
       * connection reset before it was taken: none of it is the listening socket's
       * fault. Try again a little later, rather than give up as SoupServer does or
       * spin while the error lasts. */
      g_debug ("Accepting on the sign-in port failed, trying again: %s", error->message);
      self->retry_source = g_timeout_source_new (ACCEPT_RETRY_MS);
      g_source_set_callback (self->retry_source, accept_retry_cb, self, NULL);
      g_source_set_static_name (self->retry_source, "[marquee] sign-in accept retry");
      g_source_attach (self->retry_source, self->context);
      break;
    }

  /* Full, or waiting to try again: the backlog holds the rest meanwhile. */
  g_clear_pointer (&self->accept_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

/* Accepts while there is room and no retry is pending. */
static void
watch_accepts (MqLoopbackReceiver *self)
{
  if (!self->listening || self->accept_source != NULL || self->retry_source != NULL ||
      self->connections->len >= MAX_CONNECTIONS)
    return;

  self->accept_source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (accept_ready_cb), self, NULL);
  g_source_set_static_name (self->accept_source, "[marquee] sign-in accept");
  g_source_attach (self->accept_source, self->context);
}

static gboolean
timeout_cb (gpointer user_data)
{
  MqLoopbackReceiver *self = user_data;

  g_debug ("No sign-in callback arrived in %u seconds", self->timeout_seconds);

  g_clear_pointer (&self->timeout_source, g_source_unref);
  set_outcome (self, NULL,
               g_error_new_literal (MQ_AUTH_ERROR, MQ_AUTH_ERROR_TIMED_OUT,
                                    _("The sign-in was not completed in time. Sign in again, and finish signing in in the browser window that opens.")));
  stop_listening (self);
  complete_wait (self);

  return G_SOURCE_REMOVE;
}

static GSocket *
bind_loopback (guint    port,
               GError **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return NULL;

  /* 127.0.0.1 only: not ::1 as well, not every interface. Reusing the address lets a
   * new attempt bind while the last one's connections are in TIME_WAIT; a listening
   * socket of another program still makes bind() fail. */
  address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  if (!g_socket_bind (socket, address, TRUE, error) ||
      !g_socket_listen (socket, error))
    return NULL;

  g_socket_set_blocking (socket, FALSE);

  return g_steal_pointer (&socket);
}

gboolean
mq_loopback_receiver_listen (MqLoopbackReceiver  *self,
                             GError             **error)
{
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MQ_IS_LOOPBACK_RECEIVER (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->socket = bind_loopback (self->port, &local_error);
  if (self->socket == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        {
          g_set_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_PORT_IN_USE,
                       _("Port %u is in use by another program, so Marquee cannot receive the sign-in. Close that program, or choose another port in Preferences and change the Redirect URL in viewneo under Settings › API to match."),
                       self->port);
          return FALSE;
        }

      g_set_error (error, G_IO_ERROR, local_error->code,
                   _("Marquee cannot receive the sign-in on port %u (%s). Choose another port in Preferences and change the Redirect URL in viewneo under Settings › API to match."),
                   self->port, local_error->message);
      return FALSE;
    }

  self->started = TRUE;
  self->listening = TRUE;

  local = g_socket_get_local_address (self->socket, NULL);
  if (self->port == 0 && local != NULL)
    {
      self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
      g_free (self->redirect_uri);
      self->redirect_uri = mq_loopback_redirect_uri (self->port);
    }

  g_debug ("Waiting for the sign-in on 127.0.0.1:%u", self->port);

  self->context = g_main_context_ref_thread_default ();
  watch_accepts (self);

  self->timeout_source = g_timeout_source_new_seconds (self->timeout_seconds);
  g_source_set_callback (self->timeout_source, timeout_cb, self, NULL);
  g_source_set_static_name (self->timeout_source, "[marquee] sign-in timeout");
  g_source_attach (self->timeout_source, self->context);

  return TRUE;
}

static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  MqLoopbackReceiver *self = user_data;

  g_clear_pointer (&self->cancel_source, g_source_unref);

  if (!self->done)
    set_outcome (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                  _("The sign-in was cancelled.")));
  stop_listening (self);
  complete_wait (self);

  return G_SOURCE_REMOVE;
}

void
mq_loopback_receiver_wait_async (MqLoopbackReceiver  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MQ_IS_LOOPBACK_RECEIVER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_loopback_receiver_wait_async);

  if (!self->started)
    {
      g_critical ("mq_loopback_receiver_wait_async() called before listening");
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               "Not listening");
      return;
    }

  if (self->task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "Already waiting for this sign-in");
      return;
    }

  self->task = g_steal_pointer (&task);

  if (cancellable != NULL)
    {
      /* Dispatched on our context whichever thread cancels. */
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (wait_cancelled_cb), self, NULL);
      g_source_attach (self->cancel_source, self->context);
    }

  /* The outcome may be known already, the answer sent, the port closed. */
  complete_wait (self);
}

char *
mq_loopback_receiver_wait_finish (MqLoopbackReceiver  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_loopback_receiver_wait_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the query of a callback ---- */

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* application/x-www-form-urlencoded: '+' is a space, %XX a byte. NULL on a broken
 * escape, a NUL byte, or text that is not UTF-8. */
static char *
form_decode (const char *text,
             gsize       len)
{
  g_autofree char *decoded = g_malloc (len + 1);
  gsize out = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '+')
        c = ' ';
      else if (c == '%')
        {
          int high;
          int low;

          if (i + 2 >= len)
            return NULL;
          high = hex_value (text[i + 1]);
          low = high >= 0 ? hex_value (text[i + 2]) : -1;
          if (low < 0)
            return NULL;
          c = (char) ((high << 4) | low);
          i += 2;
        }

      if (c == '\0')
        return NULL;

      decoded[out++] = c;
    }
  decoded[out] = '\0';

  if (!g_utf8_validate (decoded, (gssize) out, NULL))
    return NULL;

  return g_steal_pointer (&decoded);
}

/* RFC 6749's VSCHAR, what a code, a state and an error code are made of. */
static gboolean
is_vschar_text (const char *text)
{
  if (*text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || (guchar) *p > 0x7e)
        return FALSE;
    }

  return TRUE;
}

/* Takes as long for every state of the same length. */
static gboolean
state_equal (const char *state,
             const char *expected)
{
  gsize len = strlen (expected);
  guchar diff = 0;

  if (strlen (state) != len)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    diff |= (guchar) state[i] ^ (guchar) expected[i];

  return diff == 0;
}

gboolean
mq_callback_query_parse (const char  *query,
                         const char  *expected_state,
                         char       **code,
                         char       **error_code,
                         char       **error_description,
                         GError     **error)
{
  const char *names[] = { "state", "code", "error", "error_description" };
  char *values[G_N_ELEMENTS (names)] = { NULL, };
  gboolean has_code;
  gboolean has_error;
  gboolean ok = FALSE;
  const char *p;

  g_return_val_if_fail (expected_state != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (code != NULL)
    *code = NULL;
  if (error_code != NULL)
    *error_code = NULL;
  if (error_description != NULL)
    *error_description = NULL;

  for (p = query != NULL ? query : ""; *p != '\0';)
    {
      const char *end = strchr (p, '&');
      gsize len = end != NULL ? (gsize) (end - p) : strlen (p);
      const char *equals = memchr (p, '=', len);
      gsize name_len = equals != NULL ? (gsize) (equals - p) : len;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (len > 0)
        {
          name = form_decode (p, name_len);
          value = equals != NULL ? form_decode (equals + 1, len - name_len - 1) : g_strdup ("");

          if (name == NULL || value == NULL)
            goto malformed;

          for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
            {
              if (!g_str_equal (name, names[i]))
                continue;

              /* Two states or two codes: which one would be meant? */
              if (values[i] != NULL)
                goto malformed;

              values[i] = g_steal_pointer (&value);
              break;
            }
        }

      p += len;
      if (*p == '&')
        p++;
    }

  if (values[0] == NULL || !state_equal (values[0], expected_state))
    {
      g_set_error_literal (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_STATE_MISMATCH,
                           _("The answer to the sign-in does not belong to this sign-in attempt."));
      goto out;
    }

  /* Exactly one of code and error; an empty one is as good as none. */
  has_code = values[1] != NULL && *values[1] != '\0';
  has_error = values[2] != NULL && *values[2] != '\0';

  if (has_code == has_error)
    goto malformed;

  if (has_error && is_vschar_text (values[2]))
    {
      if (error_code != NULL)
        *error_code = g_steal_pointer (&values[2]);
      if (error_description != NULL && values[3] != NULL)
        *error_description = g_steal_pointer (&values[3]);
      ok = TRUE;
      goto out;
    }

  if (has_code && is_vschar_text (values[1]))
    {
      if (code != NULL)
        *code = g_steal_pointer (&values[1]);
      ok = TRUE;
      goto out;
    }

malformed:
  g_set_error_literal (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_REQUEST,
                       _("The answer to the sign-in is malformed."));

out:
  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    g_free (values[i]);

  return ok;
}
