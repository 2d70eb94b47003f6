/* test-loopback.c: the callback query parser and the loopback receiver, driven by a
 * real libsoup client as a browser would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mq-auth-error.h"
#include "mq-loopback-receiver.h"
#include "mq-test-async.h"
#include "mq-test-http.h"

#define STATE "q2Vb-8_xYzAbCdEfGhIjKlMnOpQrStUvWxYz0123456"
#define CODE "def50200c0de5ecret"

static void
test_redirect_uri (void)
{
  g_autofree char *uri = mq_loopback_redirect_uri (27839);

  g_assert_cmpstr (uri, ==, "http://127.0.0.1:27839/callback");
  g_assert_cmpuint (MQ_DEFAULT_REDIRECT_PORT, <, 32768);
}

/* ---- the parser ---- */

typedef enum
{
  GIVES_CODE,
  GIVES_ERROR,
  WRONG_STATE,
  MALFORMED,
} Outcome;

static void
test_query_parse (void)
{
  static const struct {
    const char *query;
    Outcome outcome;
    const char *value;        /* the code or the error */
    const char *description;
  } cases[] = {
    { "code=abc&state=S", GIVES_CODE, "abc", NULL },
    { "state=S&code=abc", GIVES_CODE, "abc", NULL },
    { "state=S&code=a%2Bb%20c%2F", GIVES_CODE, "a+b c/", NULL },
    { "state=S&code=a+b", GIVES_CODE, "a b", NULL },
    { "st%61te=S&code=x", GIVES_CODE, "x", NULL },
    /* Unknown parameters, empty pieces and empty values that are not ours. */
    { "state=S&code=abc&iss=https%3A%2F%2Fx&scope=", GIVES_CODE, "abc", NULL },
    { "&state=S&&code=abc&", GIVES_CODE, "abc", NULL },
    { "state=S&code=abc&flag", GIVES_CODE, "abc", NULL },
    { "state=S&code=abc&error=", GIVES_CODE, "abc", NULL },
    { "state=S&code=abc&x=1&x=2", GIVES_CODE, "abc", NULL },
    { "error=access_denied&state=S", GIVES_ERROR, "access_denied", NULL },
    { "error=access_denied&error_description=The+resource+owner+denied&state=S",
      GIVES_ERROR, "access_denied", "The resource owner denied" },
    { "state=S&error=server_error", GIVES_ERROR, "server_error", NULL },
    /* Not our state. */
    { NULL, WRONG_STATE, NULL, NULL },
    { "", WRONG_STATE, NULL, NULL },
    { "code=abc", WRONG_STATE, NULL, NULL },
    { "code=abc&state=T", WRONG_STATE, NULL, NULL },
    { "code=abc&state=", WRONG_STATE, NULL, NULL },
    { "code=abc&state", WRONG_STATE, NULL, NULL },
    { "code=abc&state=SS", WRONG_STATE, NULL, NULL },
    { "code=abc&state=s", WRONG_STATE, NULL, NULL },
    { "code=abc&STATE=S", WRONG_STATE, NULL, NULL },
    { "state=S%26code%3Dx", WRONG_STATE, NULL, NULL },
    { "error=access_denied&state=T", WRONG_STATE, NULL, NULL },
    /* Ours, but not a usable answer. */
    { "state=S", MALFORMED, NULL, NULL },
    { "state=S&code=", MALFORMED, NULL, NULL },
    { "state=S&code", MALFORMED, NULL, NULL },
    { "state=S&code=a&code=b", MALFORMED, NULL, NULL },
    { "state=S&code=a&code=a", MALFORMED, NULL, NULL },
    { "state=S&state=S&code=a", MALFORMED, NULL, NULL },
    { "state=S&state=T&code=a", MALFORMED, NULL, NULL },
    { "state=S&code=a&error=access_denied", MALFORMED, NULL, NULL },
    { "state=S&error=a&error=b", MALFORMED, NULL, NULL },
    { "state=S&code=%0A", MALFORMED, NULL, NULL },
    { "state=S&code=%7F", MALFORMED, NULL, NULL },
    { "state=S&code=%C3%A9", MALFORMED, NULL, NULL },
    { "state=S&error=d%C3%A9nied", MALFORMED, NULL, NULL },
    /* Broken escapes, anywhere, break the whole query. */
    { "state=S&code=%zz", MALFORMED, NULL, NULL },
    { "state=S&code=%4", MALFORMED, NULL, NULL },
    { "state=S&code=%", MALFORMED, NULL, NULL },
    { "state=S&code=ab%00cd", MALFORMED, NULL, NULL },
    { "state=S&code=%C3%28", MALFORMED, NULL, NULL },
    { "state=S&code=abc&x=%G1", MALFORMED, NULL, NULL },
    { "state=S&code=abc&%=1", MALFORMED, NULL, NULL },
    { "code=abc&state=%FF", MALFORMED, NULL, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = NULL;
      g_autofree char *error_code = NULL;
      g_autofree char *description = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_test_message ("query “%s”", cases[i].query ? cases[i].query : "(null)");
      ok = mq_callback_query_parse (cases[i].query, "S", &code, &error_code, &description, &error);

      switch (cases[i].outcome)
        {
        case GIVES_CODE:
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (code, ==, cases[i].value);
          g_assert_null (error_code);
          g_assert_null (description);
          break;

        case GIVES_ERROR:
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_null (code);
          g_assert_cmpstr (error_code, ==, cases[i].value);
          g_assert_cmpstr (description, ==, cases[i].description);
          break;

        case WRONG_STATE:
          g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_STATE_MISMATCH);
          g_assert_false (ok);
          g_assert_null (code);
          g_assert_null (error_code);
          break;

        case MALFORMED:
        default:
          g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_REQUEST);
          g_assert_false (ok);
          g_assert_null (code);
          g_assert_null (error_code);
          g_assert_null (description);
          break;
        }
    }
}

static void
test_query_parse_optional_outputs (void)
{
  g_autofree char *code = NULL;

  /* The caller may ask only for what it needs. */
  g_assert_true (mq_callback_query_parse ("state=S&code=abc", "S", &code, NULL, NULL, NULL));
  g_assert_cmpstr (code, ==, "abc");
  g_assert_true (mq_callback_query_parse ("state=S&error=access_denied&error_description=x",
                                          "S", NULL, NULL, NULL, NULL));
  g_assert_false (mq_callback_query_parse ("state=T&code=abc", "S", NULL, NULL, NULL, NULL));
}

/* ---- the receiver ---- */

typedef struct
{
  MqLoopbackReceiver *receiver;
  SoupSession        *browser;
  guint               port;
  GAsyncResult       *result;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) redirect = NULL;
  guint timeout = GPOINTER_TO_UINT (data);

  fixture->receiver = mq_loopback_receiver_new (0, STATE, timeout != 0 ? timeout : 60);
  mq_loopback_receiver_listen (fixture->receiver, &error);
  g_assert_no_error (error);

  redirect = g_uri_parse (mq_loopback_receiver_get_redirect_uri (fixture->receiver), G_URI_FLAGS_NONE, NULL);
  fixture->port = (guint) g_uri_get_port (redirect);
  g_assert_cmpuint (fixture->port, >, 0);
  fixture->browser = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->result);
  g_clear_object (&fixture->browser);
  g_assert_finalize_object (fixture->receiver);
}

static char *
callback_url (Fixture    *fixture,
              const char *path_and_query)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", fixture->port, path_and_query);
}

static char *
browse (Fixture    *fixture,
        const char *path_and_query,
        guint      *status)
{
  g_autofree char *url = callback_url (fixture, path_and_query);

  return mq_test_get (fixture->browser, url, status, NULL);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GBytes **chunk = user_data;

  *chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, NULL);
  g_assert_nonnull (*chunk);
}

/* A request line sent as is, as no HTTP library would; returns the whole answer. */
static const char *
raw_get (Fixture    *fixture,
         const char *path_and_query)
{
  static char answer[4096];
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request = NULL;
  GOutputStream *output;
  GInputStream *input;
  gsize len = 0;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", fixture->port, NULL, &error);
  g_assert_no_error (error);

  request = g_strdup_printf ("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nConnection: close\r\n\r\n",
                             path_and_query, fixture->port);
  output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_output_stream_write_all (output, request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);

  /* Read while the server, on this thread, answers. */
  input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  for (;;)
    {
      g_autoptr(GBytes) chunk = NULL;
      gboolean done;

      g_input_stream_read_bytes_async (input, sizeof answer - 1 - len, G_PRIORITY_DEFAULT, NULL,
                                       read_cb, &chunk);
      while (chunk == NULL)
        g_main_context_iteration (NULL, TRUE);

      done = g_bytes_get_size (chunk) == 0;
      memcpy (answer + len, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      len += g_bytes_get_size (chunk);
      if (done || len == sizeof answer - 1)
        break;
    }
  answer[len] = '\0';

  return answer;
}

static void
start_waiting (Fixture      *fixture,
               GCancellable *cancellable)
{
  mq_loopback_receiver_wait_async (fixture->receiver, cancellable,
                                   mq_test_store_result, &fixture->result);
}

static char *
finish_waiting (Fixture  *fixture,
                GError  **error)
{
  g_autoptr(GAsyncResult) result = mq_test_wait_result (&fixture->result);

  return mq_loopback_receiver_wait_finish (fixture->receiver, result, error);
}

/* Ends the wait and asserts that it brought the code. */
static void
assert_code_received (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = finish_waiting (fixture, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, CODE);
}

/* Runs the main context a little, to show nothing completes. */
static void
spin (void)
{
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
assert_not_listening (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = callback_url (fixture, "/callback?code=" CODE "&state=" STATE);
  g_autoptr(SoupSession) other = soup_session_new ();
  g_autofree char *body = NULL;
  guint status;

  /* Neither over the browser's connection nor over a new one. */
  body = mq_test_get (fixture->browser, url, &status, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_cmpuint (status, ==, 0);
  g_clear_error (&error);

  body = mq_test_get (other, url, &status, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
test_receiver_code (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *body = NULL;
  guint status;

  start_waiting (fixture, NULL);
  body = browse (fixture, "/callback?code=" CODE "&state=" STATE, &status);

  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_nonnull (strstr (body, "You are signed in to Marquee. You can close this tab."));
  /* Nothing of the answer is echoed. */
  g_assert_null (strstr (body, CODE));
  g_assert_null (strstr (body, STATE));

  assert_code_received (fixture);

  /* One callback only: the port is closed. */
  assert_not_listening (fixture);
}

static void
test_receiver_callback_before_wait (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *body = NULL;
  guint status;

  /* The browser may be quicker than the caller. */
  body = browse (fixture, "/callback?state=" STATE "&code=" CODE, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  spin ();

  start_waiting (fixture, NULL);
  assert_code_received (fixture);
}

static void
test_receiver_headers (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *url = callback_url (fixture, "/callback?code=" CODE "&state=" STATE);
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);
  g_autofree char *body = NULL;
  g_autofree char *code = NULL;
  SoupMessageHeaders *headers;
  guint status;

  start_waiting (fixture, NULL);
  body = mq_test_request (fixture->browser, message, &status, NULL);
  headers = soup_message_get_response_headers (message);

  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Content-Type"), ==, "text/html; charset=utf-8");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Cache-Control"), ==, "no-store");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Referrer-Policy"), ==, "no-referrer");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Content-Type-Options"), ==, "nosniff");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Content-Security-Policy"), ==,
                   "default-src 'none'; style-src 'unsafe-inline'");
  /* No other origin may read it, and nothing advertises the server. */
  g_assert_null (soup_message_headers_get_one (headers, "Access-Control-Allow-Origin"));
  g_assert_null (soup_message_headers_get_one (headers, "Server"));

  /* Self-contained: inline style, no script, nothing loaded from elsewhere. */
  g_assert_true (g_str_has_prefix (body, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (body, "<meta charset=\"utf-8\">"));
  g_assert_nonnull (strstr (body, "<title>Signed In</title>"));
  g_assert_nonnull (strstr (body, "<style>"));
  g_assert_null (strstr (body, "<script"));
  g_assert_null (strstr (body, "src="));
  g_assert_null (strstr (body, "href="));
  g_assert_null (strstr (body, "url("));
  g_assert_null (strstr (body, "@import"));

  code = finish_waiting (fixture, NULL);
  g_assert_cmpstr (code, ==, CODE);
}

static void
test_receiver_wrong_path (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char *paths[] = {
    "/",
    "/favicon.ico",
    "/callbackx?code=" CODE "&state=" STATE,
    "/callback/x?code=" CODE "&state=" STATE,
    "/Callback?code=" CODE "&state=" STATE,
  };
  g_autofree char *code = NULL;
  g_autofree char *body = NULL;
  guint status;

  start_waiting (fixture, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *page = browse (fixture, paths[i], &status);

      g_test_message ("%s", paths[i]);
      g_assert_cmpuint (status, ==, SOUP_STATUS_NOT_FOUND);
      g_assert_null (strstr (page, CODE));
    }

  spin ();
  g_assert_null (fixture->result);

  /* The attempt goes on. */
  body = browse (fixture, "/callback?code=" CODE "&state=" STATE, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  code = finish_waiting (fixture, NULL);
  g_assert_cmpstr (code, ==, CODE);
}

static void
test_receiver_get_only (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *url = callback_url (fixture, "/callback?code=" CODE "&state=" STATE);
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_POST, url);
  g_autofree char *body = NULL;
  g_autofree char *code = NULL;
  guint status;

  start_waiting (fixture, NULL);
  body = mq_test_request (fixture->browser, message, &status, NULL);
  g_assert_cmpuint (status, ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (message), "Allow"),
                   ==, "GET");

  spin ();
  g_assert_null (fixture->result);

  g_clear_pointer (&body, g_free);
  body = browse (fixture, "/callback?code=" CODE "&state=" STATE, &status);
  code = finish_waiting (fixture, NULL);
  g_assert_cmpstr (code, ==, CODE);
}

static void
test_receiver_wrong_state (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *body = NULL;
  guint status;

  start_waiting (fixture, NULL);

  /* An old tab, another program, a forged request: answered, not taken. */
  body = browse (fixture, "/callback?code=stolen&state=not-ours", &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_nonnull (strstr (body, "does not belong to the sign-in Marquee is waiting for"));
  g_assert_null (strstr (body, "stolen"));
  g_clear_pointer (&body, g_free);

  body = browse (fixture, "/callback?code=" CODE, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_BAD_REQUEST);
  g_clear_pointer (&body, g_free);

  /* What libsoup's client would not send, a browser might. */
  g_assert_true (g_str_has_prefix (raw_get (fixture, "/callback?state=" STATE "&code=%zz"),
                                   "HTTP/1.1 400 "));
  g_assert_true (g_str_has_prefix (raw_get (fixture, "/callback?state=" STATE "&code=a%00b"),
                                   "HTTP/1.1 400 "));

  spin ();
  g_assert_null (fixture->result);

  /* The attempt goes on, and the right answer ends it. */
  body = browse (fixture, "/callback?code=" CODE "&state=" STATE, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  assert_code_received (fixture);
  assert_not_listening (fixture);
}

static void
test_receiver_denied (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *code = NULL;
  guint status;

  start_waiting (fixture, NULL);
  body = browse (fixture, "/callback?error=access_denied&error_description=The+resource+owner+or+"
                          "authorization+server+denied+the+request.&state=" STATE, &status);

  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_nonnull (strstr (body, "Marquee did not get access to your viewneo account."));

  code = finish_waiting (fixture, &error);
  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_ACCESS_DENIED);
  g_assert_null (code);
  assert_not_listening (fixture);
}

static void
test_receiver_server_error (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *code = NULL;
  guint status;

  start_waiting (fixture, NULL);
  body = browse (fixture, "/callback?error=invalid_scope&state=" STATE, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);

  code = finish_waiting (fixture, &error);
  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "invalid_scope"));
}

static void
test_receiver_timeout (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  gint64 start = g_get_monotonic_time ();

  start_waiting (fixture, NULL);
  code = finish_waiting (fixture, &error);

  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_TIMED_OUT);
  g_assert_null (code);
  /* Set up with a timeout of one second. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  assert_not_listening (fixture);
}

static void
test_receiver_cancel (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  start_waiting (fixture, cancellable);
  spin ();
  g_cancellable_cancel (cancellable);
  code = finish_waiting (fixture, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_not_listening (fixture);
}

static void
test_receiver_loopback_ipv4_only (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GSocketAddress) v6 = g_inet_socket_address_new_from_string ("::1", fixture->port);
  g_autoptr(GSocketAddress) any_v4 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autolist(GInetAddress) addresses = NULL;

  /* Not on IPv6's loopback, */
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (v6), NULL, &error);
  g_assert_nonnull (error);
  g_assert_null (connection);
  g_clear_error (&error);

  /* nor on any other local address (127.0.0.2 is loopback too, but not 127.0.0.1), */
  any_v4 = g_inet_socket_address_new_from_string ("127.0.0.2", fixture->port);
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (any_v4), NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (connection);
  g_clear_error (&error);

  /* nor on this machine's own addresses, if it has any. */
  addresses = g_resolver_lookup_by_name (resolver, g_get_host_name (), NULL, NULL);
  for (GList *l = addresses; l != NULL; l = l->next)
    {
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (l->data, fixture->port);
      g_autofree char *text = g_inet_address_to_string (l->data);

      if (g_str_equal (text, "127.0.0.1"))
        continue;

      connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
      g_assert_nonnull (error);
      g_assert_null (connection);
      g_clear_error (&error);
    }

  /* On 127.0.0.1 it is there. */
  {
    g_autoptr(GSocketAddress) v4 = g_inet_socket_address_new_from_string ("127.0.0.1", fixture->port);

    connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (v4), NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (connection);
  }
}

static void
test_receiver_port_in_use (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(MqLoopbackReceiver) receiver = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = NULL;
  guint port;

  /* Another program has the port. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  receiver = mq_loopback_receiver_new (port, STATE, 60);
  g_assert_false (mq_loopback_receiver_listen (receiver, &error));
  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_PORT_IN_USE);

  /* The message names the port and both halves of the fix. */
  port_text = g_strdup_printf ("Port %u", port);
  g_assert_nonnull (strstr (error->message, port_text));
  g_assert_nonnull (strstr (error->message, "Close that program"));
  g_assert_nonnull (strstr (error->message, "Preferences"));
  g_assert_nonnull (strstr (error->message, "Redirect URL"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loopback/redirect-uri", test_redirect_uri);
  g_test_add_func ("/loopback/query/parse", test_query_parse);
  g_test_add_func ("/loopback/query/optional-outputs", test_query_parse_optional_outputs);
  g_test_add_func ("/loopback/receiver/port-in-use", test_receiver_port_in_use);

#define ADD(path, func, timeout) \
  g_test_add ("/loopback/receiver/" path, Fixture, GUINT_TO_POINTER (timeout), \
              fixture_set_up, func, fixture_tear_down)

  ADD ("code", test_receiver_code, 0);
  ADD ("callback-before-wait", test_receiver_callback_before_wait, 0);
  ADD ("headers", test_receiver_headers, 0);
  ADD ("wrong-path", test_receiver_wrong_path, 0);
  ADD ("get-only", test_receiver_get_only, 0);
  ADD ("wrong-state", test_receiver_wrong_state, 0);
  ADD ("denied", test_receiver_denied, 0);
  ADD ("server-error", test_receiver_server_error, 0);
  ADD ("timeout", test_receiver_timeout, 1);
  ADD ("cancel", test_receiver_cancel, 0);
  ADD ("ipv4-loopback-only", test_receiver_loopback_ipv4_only, 0);

#undef ADD

  return g_test_run ();
}
