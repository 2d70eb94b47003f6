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

struct _MqLoopbackReceiver
{
  GObject       parent_instance;

  guint         port;
  char         *expected_state;
  guint         timeout_seconds;
  char         *redirect_uri;

  GMainContext *context;
  SoupServer   *server;
  GSource      *timeout_source;
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
stop_listening (MqLoopbackReceiver *self)
{
  if (self->timeout_source != NULL)
    {
      g_source_destroy (self->timeout_source);
      g_clear_pointer (&self->timeout_source, g_source_unref);
    }

  if (self->listening)
    {
      soup_server_disconnect (self->server);
      self->listening = FALSE;
    }
}

static void
complete_wait (MqLoopbackReceiver *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->task == NULL || !self->done || self->listening)
    return;

  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }

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

  if (self->timeout_source != NULL)
    {
      g_source_destroy (self->timeout_source);
      g_clear_pointer (&self->timeout_source, g_source_unref);
    }
}

static void
mq_loopback_receiver_dispose (GObject *object)
{
  MqLoopbackReceiver *self = (MqLoopbackReceiver *) object;

  stop_listening (self);

  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }

  g_clear_object (&self->server);
  g_clear_object (&self->task);

  G_OBJECT_CLASS (mq_loopback_receiver_parent_class)->dispose (object);
}

static void
mq_loopback_receiver_finalize (GObject *object)
{
  MqLoopbackReceiver *self = (MqLoopbackReceiver *) object;

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

static void
respond (SoupServerMessage *msg,
         guint              status,
         Page               page)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *title;
  const char *text;
  char *html;

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

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'");
  soup_server_message_set_response (msg, "text/html; charset=utf-8",
                                    SOUP_MEMORY_TAKE, html, strlen (html));
}

static void
on_final_response_sent (SoupServerMessage  *msg,
                        MqLoopbackReceiver *self)
{
  g_signal_handlers_disconnect_by_func (msg, on_final_response_sent, self);

  /* The browser has its page: nothing more is accepted. */
  stop_listening (self);
  complete_wait (self);
  g_object_unref (self);
}

static void
handle_callback (MqLoopbackReceiver *self,
                 SoupServerMessage  *msg)
{
  g_autofree char *code = NULL;
  g_autofree char *error_code = NULL;
  g_autoptr(GError) error = NULL;
  GUri *uri = soup_server_message_get_uri (msg);
  GError *outcome_error = NULL;

  if (!mq_callback_query_parse (g_uri_get_query (uri), self->expected_state,
                                &code, &error_code, NULL, &error))
    {
      /* Someone else's redirect, an old tab, a forged request: the attempt goes on. */
      g_debug ("Ignoring a sign-in callback: %s",
               g_error_matches (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_STATE_MISMATCH)
               ? "state mismatch" : "malformed query");
      respond (msg, SOUP_STATUS_BAD_REQUEST,
               g_error_matches (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_STATE_MISMATCH)
               ? PAGE_WRONG_STATE : PAGE_MALFORMED);
      return;
    }

  if (code != NULL)
    {
      g_debug ("Sign-in callback with an authorization code");
      respond (msg, SOUP_STATUS_OK, PAGE_SIGNED_IN);
    }
  else if (g_str_equal (error_code, "access_denied"))
    {
      g_debug ("Sign-in callback: access denied");
      respond (msg, SOUP_STATUS_OK, PAGE_DENIED);
      outcome_error = g_error_new_literal (MQ_AUTH_ERROR, MQ_AUTH_ERROR_ACCESS_DENIED,
                                           _("Access to the viewneo account was denied in the browser. To use Marquee, sign in again and allow access."));
    }
  else
    {
      g_debug ("Sign-in callback with error “%s”", error_code);
      respond (msg, SOUP_STATUS_OK, PAGE_SERVER_ERROR);
      outcome_error = g_error_new (MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_REQUEST,
                                   _("viewneo could not complete the sign-in (“%s”). Check the Client ID and the Redirect URL under Settings › API, then sign in again."),
                                   error_code);
    }

  set_outcome (self, g_steal_pointer (&code), outcome_error);

  /* Stop listening once the page is on its way, not before: disconnecting now would
   * cut the connection that carries it. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
  g_signal_connect (msg, "finished", G_CALLBACK (on_final_response_sent), g_object_ref (self));
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  MqLoopbackReceiver *self = user_data;

  /* Handlers match by prefix: /callbackx and /callback/x must not count. */
  if (!g_str_equal (path, CALLBACK_PATH))
    {
      respond (msg, SOUP_STATUS_NOT_FOUND, PAGE_NOT_FOUND);
      return;
    }

  if (!g_str_equal (soup_server_message_get_method (msg), SOUP_METHOD_GET))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", SOUP_METHOD_GET);
      respond (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, PAGE_NOT_ALLOWED);
      return;
    }

  if (self->done)
    {
      respond (msg, SOUP_STATUS_CONFLICT, PAGE_ALREADY_DONE);
      return;
    }

  handle_callback (self, msg);
}

static gboolean
on_timeout (gpointer user_data)
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

gboolean
mq_loopback_receiver_listen (MqLoopbackReceiver  *self,
                             GError             **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) local_error = NULL;
  GSList *listeners;

  g_return_val_if_fail (MQ_IS_LOOPBACK_RECEIVER (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* No Server header: nothing to tell other local programs. */
  self->server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);

  /* 127.0.0.1 only: not ::1 as well, not every interface. */
  address = g_inet_socket_address_new_from_string ("127.0.0.1", self->port);
  if (!soup_server_listen (self->server, address, 0, &local_error))
    {
      g_clear_object (&self->server);

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

  self->listening = TRUE;

  listeners = soup_server_get_listeners (self->server);
  if (self->port == 0 && listeners != NULL)
    {
      g_autoptr(GSocketAddress) local = g_socket_get_local_address (listeners->data, NULL);

      if (local != NULL)
        {
          self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
          g_free (self->redirect_uri);
          self->redirect_uri = mq_loopback_redirect_uri (self->port);
        }
    }
  g_slist_free (listeners);

  g_debug ("Waiting for the sign-in on 127.0.0.1:%u", self->port);

  self->context = g_main_context_ref_thread_default ();
  self->timeout_source = g_timeout_source_new_seconds (self->timeout_seconds);
  g_source_set_callback (self->timeout_source, on_timeout, self, NULL);
  g_source_set_static_name (self->timeout_source, "[marquee] sign-in timeout");
  g_source_attach (self->timeout_source, self->context);

  return TRUE;
}

static gboolean
on_wait_cancelled (GCancellable *cancellable,
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

  if (self->server == NULL)
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
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (on_wait_cancelled), self, NULL);
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
