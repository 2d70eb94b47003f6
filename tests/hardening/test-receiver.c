/* test-receiver.c: the loopback receiver of a browser sign-in, seen from the rest of
 * the machine and from web pages
 *
 * What tests/auth/test-loopback.c and test-browser-sign-in.c do not already cover:
 * no other address of this machine reaches it (every interface address, and the
 * kernel's own table of listening sockets); no cross-origin answer, preflight or not;
 * a second callback is refused even when it races the first or rides the same
 * connection; and the port is closed once the attempt ends in every way it can end,
 * also while the code is still being exchanged. And what another local program or a
 * rebound page can try: a flood of connections, silent ones, a huge body or head, a
 * Host that is not 127.0.0.1:PORT.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <libsoup/soup.h>

#include "fake-viewneo.h"
#include "mq-auth-error.h"
#include "mq-browser-sign-in.h"
#include "mq-loopback-receiver.h"
#include "mq-oauth.h"
#include "mq-test-async.h"
#include "mq-test-http.h"
#include "mq-test-viewneo.h"

#define STATE "hardening-state-0123456789abcdef0123456789"
#define CODE "def50200hardening-code"
#define OTHER_CODE "def50200another-code"
#define EVIL_ORIGIN "https://evil.example"
#define CLIENT_ID "31"
#define CLIENT_SECRET "receiver-client-secret"

typedef struct
{
  MqLoopbackReceiver *receiver;
  guint               port;
  GAsyncResult       *result;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) redirect = NULL;

  fixture->receiver = mq_loopback_receiver_new (0, STATE, 60);
  mq_loopback_receiver_listen (fixture->receiver, &error);
  g_assert_no_error (error);

  redirect = g_uri_parse (mq_loopback_receiver_get_redirect_uri (fixture->receiver),
                          G_URI_FLAGS_NONE, NULL);
  fixture->port = (guint) g_uri_get_port (redirect);
  g_assert_cmpuint (fixture->port, >, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->result);
  g_assert_finalize_object (fixture->receiver);
}

static void
start_waiting (Fixture *fixture)
{
  mq_loopback_receiver_wait_async (fixture->receiver, NULL, mq_test_store_result,
                                   &fixture->result);
}

static char *
finish_waiting (Fixture  *fixture,
                GError  **error)
{
  g_autoptr(GAsyncResult) result = mq_test_wait_result (&fixture->result);

  return mq_loopback_receiver_wait_finish (fixture->receiver, result, error);
}

/* Lets pending work run, to show that nothing completes. */
static void
spin (void)
{
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* ---- raw HTTP, as a browser or a hostile page might send it ---- */

static GSocketConnection *
connect_to (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);

  return connection;
}

static void
send_text (GSocketConnection *connection,
           const char        *text)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
}

typedef struct
{
  GString  *text;
  gboolean  done;
  guint8    buffer[4096];
} Reading;

static void read_more (GInputStream *input,
                       Reading      *reading);

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reading *reading = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  /* The end, or the connection reset: what was read is the answer. */
  if (n <= 0)
    {
      reading->done = TRUE;
      return;
    }

  g_string_append_len (reading->text, (const char *) reading->buffer, n);
  read_more (G_INPUT_STREAM (source), reading);
}

static void
read_more (GInputStream *input,
           Reading      *reading)
{
  g_input_stream_read_async (input, reading->buffer, sizeof reading->buffer,
                             G_PRIORITY_DEFAULT, NULL, read_cb, reading);
}

/* Everything the server sends until it closes, while the main context (and the
 * receiver on it) runs. */
static char *
read_until_closed (GSocketConnection *connection)
{
  Reading reading = { g_string_new (NULL), FALSE, { 0, } };

  read_more (g_io_stream_get_input_stream (G_IO_STREAM (connection)), &reading);
  mq_test_wait_for (&reading.done);

  return g_string_free (reading.text, FALSE);
}

static char *
raw_request (guint       port,
             const char *request)
{
  g_autoptr(GSocketConnection) connection = connect_to (port);

  send_text (connection, request);
  return read_until_closed (connection);
}

static guint
response_status (const char *response)
{
  char digits[4] = { 0, };
  guint64 status = 0;

  g_assert_true (g_str_has_prefix (response, "HTTP/1.1 "));
  g_assert_cmpuint (strlen (response), >=, 12);
  memcpy (digits, response + 9, 3);
  g_assert_true (g_ascii_string_to_unsigned (digits, 10, 100, 599, &status, NULL));

  return (guint) status;
}

/* The header block of the first answer in @response holds @name (any case). */
static gboolean
response_has_header (const char *response,
                     const char *name)
{
  const char *end = strstr (response, "\r\n\r\n");
  g_autofree char *headers = g_ascii_strdown (response, end != NULL ? end - response : -1);
  g_autofree char *needle = g_strconcat ("\r\n", name, ":", NULL);
  g_autofree char *lower = g_ascii_strdown (needle, -1);

  return strstr (headers, lower) != NULL;
}

static guint
count_answers (const char *response)
{
  guint n = 0;

  for (const char *p = strstr (response, "HTTP/1.1 "); p != NULL; p = strstr (p + 1, "HTTP/1.1 "))
    n++;

  return n;
}

static char *
callback_request (guint       port,
                  const char *method,
                  const char *code,
                  const char *extra_headers)
{
  return g_strdup_printf ("%s /callback?code=%s&state=" STATE " HTTP/1.1\r\n"
                          "Host: 127.0.0.1:%u\r\n"
                          "%s"
                          "Connection: close\r\n"
                          "\r\n",
                          method, code, port, extra_headers);
}

/* No Access-Control-* header of any kind: no other origin may read the answer. */
static void
assert_no_cors (const char *response)
{
  static const char *headers[] = {
    "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
    "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
    "Access-Control-Expose-Headers", "Access-Control-Allow-Private-Network",
  };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    if (response_has_header (response, headers[i]))
      g_error ("The answer carries %s", headers[i]);
}

/* ---- only 127.0.0.1 ---- */

static gboolean
can_connect (GSocketAddress *address)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  g_socket_client_set_timeout (client, 5);
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);

  return connection != NULL;
}

static void
test_no_other_address (Fixture       *fixture,
                       gconstpointer  data)
{
  struct ifaddrs *interfaces = NULL;
  guint n_tried = 0;

  /* Every address of every interface of this machine: eth0's, IPv6's global and
   * link-local ones, ::1, and 127.0.0.1 itself as the one that works. */
  g_assert_cmpint (getifaddrs (&interfaces), ==, 0);

  for (struct ifaddrs *i = interfaces; i != NULL; i = i->ifa_next)
    {
      g_autoptr(GSocketAddress) any = NULL;
      g_autoptr(GSocketAddress) address = NULL;
      g_autofree char *text = NULL;
      GInetAddress *inet;
      gsize size;

      if (i->ifa_addr == NULL ||
          (i->ifa_addr->sa_family != AF_INET && i->ifa_addr->sa_family != AF_INET6))
        continue;

      size = i->ifa_addr->sa_family == AF_INET ? sizeof (struct sockaddr_in)
                                                : sizeof (struct sockaddr_in6);
      any = g_socket_address_new_from_native (i->ifa_addr, size);
      inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (any));
      text = g_inet_address_to_string (inet);
      /* With the receiver's port, and the scope of a link-local address kept. */
      if (i->ifa_addr->sa_family == AF_INET6)
        address = g_object_new (G_TYPE_INET_SOCKET_ADDRESS,
                                "address", inet,
                                "port", fixture->port,
                                "scope-id", g_inet_socket_address_get_scope_id (G_INET_SOCKET_ADDRESS (any)),
                                NULL);
      else
        address = g_inet_socket_address_new (inet, fixture->port);

      g_test_message ("%s on %s", text, i->ifa_name);
      if (g_str_equal (text, "127.0.0.1"))
        g_assert_true (can_connect (address));
      else
        g_assert_false (can_connect (address));
      n_tried++;
    }

  freeifaddrs (interfaces);

  /* At least 127.0.0.1 and ::1 or another address were there to try. */
  g_assert_cmpuint (n_tried, >=, 2);
}

/* The rows of a kernel TCP table (sl local_address rem_address st ... uid timeout
 * inode) in state @state, with at least @min_columns columns and the local port @port:
 * each as its columns. */
static GPtrArray *
tcp_rows (char       *contents,
          const char *state,
          guint       port,
          guint       min_columns)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) columns = NULL;
      const char *colon;
      guint64 local_port;

      for (guint j = 0; fields[j] != NULL; j++)
        if (*fields[j] != '\0')
          g_strv_builder_add (builder, fields[j]);
      columns = g_strv_builder_end (builder);

      if (g_strv_length (columns) < min_columns || !g_str_equal (columns[3], state))
        continue;

      colon = strchr (columns[1], ':');
      if (colon == NULL ||
          !g_ascii_string_to_unsigned (colon + 1, 16, 0, G_MAXUINT16, &local_port, NULL) ||
          local_port != port)
        continue;

      g_ptr_array_add (rows, g_steal_pointer (&columns));
    }

  return rows;
}

/* The kernel's own list of listening TCP sockets on the receiver's port: one, bound to
 * 127.0.0.1 (0100007F), none over IPv6, none on 0.0.0.0. */
static guint
count_listeners (const char *table,
                 guint       port,
                 char      **address)
{
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  if (!g_file_get_contents (table, &contents, NULL, NULL))
    return 0;

  /* 0A is LISTEN. */
  rows = tcp_rows (contents, "0A", port, 4);
  for (guint i = 0; i < rows->len; i++)
    {
      GStrv columns = g_ptr_array_index (rows, i);

      g_free (*address);
      *address = g_strndup (columns[1], strchr (columns[1], ':') - columns[1]);
    }

  return rows->len;
}

static void
test_bound_to_loopback (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *v4 = NULL;
  g_autofree char *v6 = NULL;
  g_autofree char *request = NULL;
  g_autofree char *code = NULL;

  if (!g_file_test ("/proc/net/tcp", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("No /proc/net/tcp here");
      return;
    }

  g_assert_cmpuint (count_listeners ("/proc/net/tcp", fixture->port, &v4), ==, 1);
  g_assert_cmpstr (v4, ==, "0100007F");
  g_assert_cmpuint (count_listeners ("/proc/net/tcp6", fixture->port, &v6), ==, 0);

  /* And it goes once the attempt is over. */
  start_waiting (fixture);
  request = callback_request (fixture->port, "GET", CODE, "");
  g_free (raw_request (fixture->port, request));
  code = finish_waiting (fixture, NULL);
  g_assert_cmpstr (code, ==, CODE);
  g_clear_pointer (&v4, g_free);
  g_assert_cmpuint (count_listeners ("/proc/net/tcp", fixture->port, &v4), ==, 0);
}

/* ---- nothing for other origins ---- */

static void
test_preflight_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *preflight = NULL;
  g_autofree char *request = NULL;
  g_autofree char *response = NULL;
  g_autofree char *code = NULL;
  g_autoptr(GError) error = NULL;

  start_waiting (fixture);

  /* What a page on another origin sends before a request the browser would not send
   * without asking: no allowance comes back, so the browser sends nothing more. */
  preflight = g_strdup_printf ("OPTIONS /callback?code=" OTHER_CODE "&state=" STATE " HTTP/1.1\r\n"
                               "Host: 127.0.0.1:%u\r\n"
                               "Origin: " EVIL_ORIGIN "\r\n"
                               "Access-Control-Request-Method: PUT\r\n"
                               "Access-Control-Request-Headers: x-requested-with\r\n"
                               "Access-Control-Request-Private-Network: true\r\n"
                               "Connection: close\r\n"
                               "\r\n",
                               fixture->port);
  response = raw_request (fixture->port, preflight);

  g_assert_cmpuint (response_status (response), ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
  assert_no_cors (response);

  /* It was not taken for a callback: the attempt goes on, and ends with ours. */
  spin ();
  g_assert_null (fixture->result);
  g_clear_pointer (&response, g_free);
  request = callback_request (fixture->port, "GET", CODE, "");
  response = raw_request (fixture->port, request);
  g_assert_cmpuint (response_status (response), ==, SOUP_STATUS_OK);
  code = finish_waiting (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, CODE);
}

static void
test_no_cross_origin_answers (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char *origin_header = "Origin: " EVIL_ORIGIN "\r\n";
  const struct {
    const char *request_line;
    guint       status;
  } cases[] = {
    /* Another path, a wrong state, a form POST (a "simple" request needing no
     * preflight), and last the callback that ends the attempt. */
    { "GET /favicon.ico HTTP/1.1", SOUP_STATUS_NOT_FOUND },
    { "GET /callback?code=" OTHER_CODE "&state=not-ours HTTP/1.1", SOUP_STATUS_BAD_REQUEST },
    { "POST /callback?code=" OTHER_CODE "&state=" STATE " HTTP/1.1", SOUP_STATUS_METHOD_NOT_ALLOWED },
    { "GET /callback?code=" CODE "&state=" STATE " HTTP/1.1", SOUP_STATUS_OK },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  start_waiting (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *request = g_strdup_printf ("%s\r\nHost: 127.0.0.1:%u\r\n%s"
                                                  "Content-Length: 0\r\n"
                                                  "Connection: close\r\n\r\n",
                                                  cases[i].request_line, fixture->port,
                                                  origin_header);
      g_autofree char *response = raw_request (fixture->port, request);

      g_test_message ("%s", cases[i].request_line);
      g_assert_cmpuint (response_status (response), ==, cases[i].status);
      assert_no_cors (response);
      /* Nothing of the request comes back in the answer. */
      g_assert_null (strstr (response, OTHER_CODE));
      g_assert_null (strstr (response, EVIL_ORIGIN));
    }

  code = finish_waiting (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, CODE);
}

/* ---- one callback only ---- */

static void
test_second_callback_same_connection (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GSocketConnection) connection = connect_to (fixture->port);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *response = NULL;
  g_autofree char *code = NULL;

  start_waiting (fixture);

  /* Two callbacks pipelined on one kept-alive connection. */
  first = g_strdup_printf ("GET /callback?code=" CODE "&state=" STATE " HTTP/1.1\r\n"
                           "Host: 127.0.0.1:%u\r\n\r\n", fixture->port);
  second = g_strdup_printf ("GET /callback?code=" OTHER_CODE "&state=" STATE " HTTP/1.1\r\n"
                            "Host: 127.0.0.1:%u\r\n\r\n", fixture->port);
  send_text (connection, first);
  send_text (connection, second);
  response = read_until_closed (connection);

  /* One answer, which closes the connection; the second request is never read. */
  g_assert_cmpuint (count_answers (response), ==, 1);
  g_assert_cmpuint (response_status (response), ==, SOUP_STATUS_OK);
  g_assert_true (response_has_header (response, "Connection"));
  g_assert_nonnull (strstr (response, "Connection: close"));

  code = finish_waiting (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, CODE);
}

static void
test_second_callback_racing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GSocketConnection) a = connect_to (fixture->port);
  g_autoptr(GSocketConnection) b = connect_to (fixture->port);
  g_autoptr(GError) error = NULL;
  g_autofree char *request_a = callback_request (fixture->port, "GET", CODE, "");
  g_autofree char *request_b = callback_request (fixture->port, "GET", OTHER_CODE, "");
  g_autofree char *response_a = NULL;
  g_autofree char *response_b = NULL;
  g_autofree char *code = NULL;
  const char *winner;
  const char *loser;

  start_waiting (fixture);

  /* Both arrive before the receiver has looked at either. */
  send_text (a, request_a);
  send_text (b, request_b);
  response_a = read_until_closed (a);
  response_b = read_until_closed (b);

  code = finish_waiting (fixture, &error);
  g_assert_no_error (error);

  /* Exactly one is taken, and it is the one that was told so. */
  g_assert_true (g_strcmp0 (code, CODE) == 0 || g_strcmp0 (code, OTHER_CODE) == 0);
  winner = g_str_equal (code, CODE) ? response_a : response_b;
  loser = g_str_equal (code, CODE) ? response_b : response_a;
  g_assert_cmpuint (response_status (winner), ==, SOUP_STATUS_OK);

  /* The other is refused: answered 409, or cut off with the port, never "signed in". */
  g_test_message ("the other callback got %" G_GSIZE_FORMAT " bytes", strlen (loser));
  if (*loser != '\0')
    {
      g_assert_cmpuint (response_status (loser), ==, SOUP_STATUS_CONFLICT);
      g_assert_nonnull (strstr (loser, "Marquee already has the answer to this sign-in."));
    }
}

/* ---- closed once the attempt ends ---- */

static gboolean
port_refuses (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);

  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

typedef struct
{
  FakeViewneo *fake;
  char        *url;
  guint        port;
  char        *redirect_uri;
  SoupSession *browser;
} Attempt;

static void
attempt_set_up (Attempt       *attempt,
                gconstpointer  data)
{
  attempt->fake = fake_viewneo_new ();
  attempt->url = mq_test_viewneo_listen (attempt->fake);
  attempt->port = mq_test_free_port ();
  attempt->redirect_uri = mq_loopback_redirect_uri (attempt->port);
  fake_viewneo_add_client (attempt->fake, CLIENT_ID, CLIENT_SECRET, attempt->redirect_uri);
  fake_viewneo_set_auto_consent (attempt->fake, TRUE, FALSE);
  attempt->browser = soup_session_new ();
}

static void
attempt_tear_down (Attempt       *attempt,
                   gconstpointer  data)
{
  g_clear_object (&attempt->browser);
  mq_test_viewneo_stop (&attempt->fake);
  g_clear_pointer (&attempt->url, g_free);
  g_clear_pointer (&attempt->redirect_uri, g_free);
}

static MqBrowserSignIn *
attempt_start (Attempt    *attempt,
               const char *client_secret,
               char      **url)
{
  g_autoptr(MqOAuth) oauth = mq_oauth_new (attempt->url, CLIENT_ID, client_secret,
                                           attempt->redirect_uri);
  g_autoptr(MqBrowserSignIn) sign_in = mq_browser_sign_in_new (oauth, attempt->port, 60);
  g_autoptr(GError) error = NULL;

  *url = mq_browser_sign_in_start (sign_in, &error);
  g_assert_no_error (error);
  g_assert_false (port_refuses (attempt->port));

  return g_steal_pointer (&sign_in);
}

static void
test_closed_during_exchange (Attempt       *attempt,
                             gconstpointer  data)
{
  g_autoptr(MqBrowserSignIn) sign_in = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *page = NULL;
  GAsyncResult *pending = NULL;
  guint status;

  /* The token endpoint takes its time. */
  fake_viewneo_add_fault (attempt->fake, "/oauth/token", FAKE_FAULT_SLOW, 1000, 1);
  sign_in = attempt_start (attempt, CLIENT_SECRET, &url);
  mq_browser_sign_in_wait_async (sign_in, NULL, mq_test_store_result, &pending);

  page = mq_test_get (attempt->browser, url, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);

  /* The browser has its page, the code is being exchanged: the port is already shut. */
  g_assert_null (pending);
  g_assert_true (port_refuses (attempt->port));

  result = mq_test_wait_result (&pending);
  token = mq_browser_sign_in_wait_finish (sign_in, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_true (port_refuses (attempt->port));
}

static void
test_closed_after_failed_exchange (Attempt       *attempt,
                                   gconstpointer  data)
{
  g_autoptr(MqBrowserSignIn) sign_in = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *page = NULL;
  GAsyncResult *pending = NULL;
  guint status;

  /* A wrong client secret: the browser part works, the exchange does not. */
  sign_in = attempt_start (attempt, "not-the-secret", &url);
  mq_browser_sign_in_wait_async (sign_in, NULL, mq_test_store_result, &pending);
  page = mq_test_get (attempt->browser, url, &status, NULL);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);

  result = mq_test_wait_result (&pending);
  token = mq_browser_sign_in_wait_finish (sign_in, result, &error);
  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_CLIENT);
  g_assert_true (port_refuses (attempt->port));
}

static void
test_closed_after_cancel (Attempt       *attempt,
                          gconstpointer  data)
{
  g_autoptr(MqBrowserSignIn) sign_in = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GAsyncResult *pending = NULL;

  /* The user presses Cancel in the window. */
  sign_in = attempt_start (attempt, CLIENT_SECRET, &url);
  mq_browser_sign_in_wait_async (sign_in, cancellable, mq_test_store_result, &pending);
  spin ();
  g_cancellable_cancel (cancellable);
  result = mq_test_wait_result (&pending);
  token = mq_browser_sign_in_wait_finish (sign_in, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (port_refuses (attempt->port));

  /* A callback that comes after finds nothing; the port can be used again. */
  g_clear_object (&sign_in);
  g_clear_pointer (&url, g_free);
  g_clear_error (&error);
  sign_in = attempt_start (attempt, CLIENT_SECRET, &url);
  g_assert_nonnull (url);
}

static void
test_closed_when_abandoned (Attempt       *attempt,
                            gconstpointer  data)
{
  g_autoptr(MqBrowserSignIn) sign_in = NULL;
  g_autofree char *url = NULL;

  /* Started, never waited for, dropped: nothing may keep listening. */
  sign_in = attempt_start (attempt, CLIENT_SECRET, &url);
  g_assert_finalize_object (g_steal_pointer (&sign_in));
  g_assert_true (port_refuses (attempt->port));
}

/* ---- a flood of connections ---- */

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main context for @ms milliseconds. */
static void
run_for (guint ms)
{
  GSource *source = g_timeout_source_new (ms);
  gboolean done = FALSE;

  g_source_set_callback (source, set_flag_cb, &done, NULL);
  g_source_attach (source, NULL);
  mq_test_wait_for (&done);
  g_source_destroy (source);
  g_source_unref (source);
}

/* The number the next descriptor this process opens gets. */
static int
lowest_free_fd (void)
{
  int fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  close (fd);

  return fd;
}

/* Sends the callback on a new connection and reads the answer; the time it took goes
 * to the log. */
static char *
timed_callback (guint       port,
                const char *code)
{
  g_autofree char *request = callback_request (port, "GET", code, "");
  gint64 start = g_get_monotonic_time ();
  char *response = raw_request (port, request);

  g_test_message ("the callback was answered after %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);

  return response;
}

static void
test_survives_descriptor_flood (Fixture       *fixture,
                                gconstpointer  data)
{
  GSocketConnection *flood[4];
  struct rlimit saved;
  struct rlimit low;
  g_autoptr(GError) error = NULL;
  g_autofree char *response = NULL;
  g_autofree char *code = NULL;
  const char *preload = g_getenv ("LD_PRELOAD");

  /* valgrind keeps descriptors of its own and only plays RLIMIT_NOFILE to the program:
   * the main loop stops polling there. */
  if (preload != NULL && strstr (preload, "vgpreload") != NULL)
    {
      g_test_skip ("RLIMIT_NOFILE is emulated under valgrind");
      return;
    }

  start_waiting (fixture);

  /* Another local program connects, while this process has no descriptor left for
   * them: every accept() fails with EMFILE. Few connections, so that they fit in the
   * backlog and the real callback below is not dropped for lack of room there. Nothing
   * else of this process may open a descriptor meanwhile, so the window is short. */
  for (guint i = 0; i < G_N_ELEMENTS (flood); i++)
    flood[i] = connect_to (fixture->port);

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &saved), ==, 0);
  low = saved;
  low.rlim_cur = (rlim_t) lowest_free_fd ();
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &low), ==, 0);
  run_for (400);
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &saved), ==, 0);

  /* The flood is over; descriptors are there again. */
  for (guint i = 0; i < G_N_ELEMENTS (flood); i++)
    g_object_unref (flood[i]);
  g_assert_null (fixture->result);

  /* The browser's callback still gets through. */
  response = timed_callback (fixture->port, CODE);
  g_assert_cmpuint (response_status (response), ==, SOUP_STATUS_OK);
  code = finish_waiting (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, CODE);
}

/* Connections to @port that this process has accept()ed, from the kernel's table:
 * established, with the local port @port and a socket inode (0 while a connection
 * waits in the backlog). */
static guint
count_accepted (guint port)
{
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents ("/proc/net/tcp", &contents, NULL, NULL));

  /* 01 is ESTABLISHED. */
  rows = tcp_rows (contents, "01", port, 10);
  for (guint i = 0; i < rows->len; i++)
    {
      GStrv columns = g_ptr_array_index (rows, i);

      if (!g_str_equal (columns[9], "0"))
        n++;
    }

  return n;
}

static void
test_silent_connections_limited (Fixture       *fixture,
                                 gconstpointer  data)
{
  GSocketConnection *silent[24];
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *response = NULL;
  g_autofree char *code = NULL;
  guint accepted;

  if (!g_file_test ("/proc/net/tcp", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("No /proc/net/tcp here");
      return;
    }

  start_waiting (fixture);

  /* Another local program opens connections and sends nothing. */
  for (guint i = 0; i < G_N_ELEMENTS (silent); i++)
    {
      silent[i] = connect_to (fixture->port);
      spin ();
    }
  run_for (200);

  /* A few are taken; the rest wait in the backlog. */
  accepted = count_accepted (fixture->port);
  g_test_message ("%u of %u silent connections accepted", accepted, (guint) G_N_ELEMENTS (silent));
  g_assert_cmpuint (accepted, >, 0);
  g_assert_cmpuint (accepted, <=, 16);

  /* The receiver closes a silent one after a few seconds, */
  first = read_until_closed (silent[0]);
  g_assert_cmpstr (first, ==, "");

  /* and the browser's callback gets through while the rest are still open. */
  response = timed_callback (fixture->port, CODE);
  g_assert_cmpuint (response_status (response), ==, SOUP_STATUS_OK);
  code = finish_waiting (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, CODE);

  for (guint i = 0; i < G_N_ELEMENTS (silent); i++)
    g_object_unref (silent[i]);
}

/* ---- no request body, no endless head ---- */

typedef enum
{
  FLOOD_CHUNKED,
  FLOOD_CONTENT_LENGTH,
  FLOOD_HEADERS,
} FloodKind;

#define FLOOD_BYTES 33554432 /* 32 MiB */
#define FLOOD_BLOCK (64 * 1024)

typedef struct
{
  guint      port;
  FloodKind  kind;
  char      *block;      /* FLOOD_BLOCK bytes, made before measuring */
  GString   *response;
  gint       done;
} Flood;

/* In a thread of its own, as another program would: a callback with our state and a
 * huge body or head, then whatever comes back. */
static gpointer
flood_thread (gpointer data)
{
  Flood *flood = data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autofree char *head = NULL;
  const char *framing;
  GOutputStream *output;
  GInputStream *input;
  gboolean ok;

  switch (flood->kind)
    {
    case FLOOD_CHUNKED:
      framing = "Transfer-Encoding: chunked\r\n\r\n";
      break;
    case FLOOD_CONTENT_LENGTH:
      framing = "Content-Length: 33554432\r\n\r\n";
      break;
    case FLOOD_HEADERS:
    default:
      framing = "";
      break;
    }

  head = g_strdup_printf ("GET /callback?code=" OTHER_CODE "&state=" STATE " HTTP/1.1\r\n"
                          "Host: 127.0.0.1:%u\r\n%s", flood->port, framing);

  /* Every wait of this thread ends: a receiver that stops reading cannot hold it. */
  g_socket_client_set_timeout (client, 20);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", flood->port, NULL, NULL);
  g_assert_nonnull (connection);
  output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  input = g_io_stream_get_input_stream (G_IO_STREAM (connection));

  ok = g_output_stream_write_all (output, head, strlen (head), NULL, NULL, NULL);
  for (gsize sent = 0; ok && sent < FLOOD_BYTES; sent += FLOOD_BLOCK)
    {
      if (flood->kind == FLOOD_CHUNKED)
        ok = g_output_stream_write_all (output, "10000\r\n", 7, NULL, NULL, NULL);
      ok = ok && g_output_stream_write_all (output, flood->block, FLOOD_BLOCK, NULL, NULL, NULL);
      if (flood->kind == FLOOD_CHUNKED)
        ok = ok && g_output_stream_write_all (output, "\r\n", 2, NULL, NULL, NULL);
    }
  if (ok && flood->kind == FLOOD_CHUNKED)
    ok = g_output_stream_write_all (output, "0\r\n\r\n", 5, NULL, NULL, NULL);
  else if (ok && flood->kind == FLOOD_HEADERS)
    ok = g_output_stream_write_all (output, "\r\n", 2, NULL, NULL, NULL);
  g_debug ("flood sent %s", ok ? "in full" : "in part");

  /* The answer, if it was not lost to a reset. */
  for (;;)
    {
      char buffer[4096];
      gssize n = g_input_stream_read (input, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        break;
      g_string_append_len (flood->response, buffer, n);
    }

  g_atomic_int_set (&flood->done, 1);
  return NULL;
}

static gsize
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;
  guint64 kib = 0;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "\nVmRSS:");
  g_assert_nonnull (line);
  kib = g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10);
  g_assert_cmpuint (kib, >, 0);

  return (gsize) kib;
}

typedef struct
{
  Flood    *flood;
  gsize     peak;
  gboolean  done;
} Watch;

static gboolean
watch_rss_cb (gpointer user_data)
{
  Watch *watch = user_data;

  watch->peak = MAX (watch->peak, rss_kib ());
  if (g_atomic_int_get (&watch->flood->done))
    watch->done = TRUE;

  return G_SOURCE_CONTINUE;
}

static void
test_request_body_not_held (Fixture       *fixture,
                            gconstpointer  data)
{
  const struct {
    FloodKind   kind;
    const char *name;
    char        line_start;   /* what the block is made of */
    guint       status;
  } cases[] = {
    { FLOOD_CHUNKED, "a 32 MiB chunked body", 'a', SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE },
    { FLOOD_CONTENT_LENGTH, "a 32 MiB body with Content-Length", 'a', SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE },
    { FLOOD_HEADERS, "32 MiB of headers", 'X', 431 },
  };
  g_autofree char *block = g_malloc (FLOOD_BLOCK);
  g_autoptr(GError) error = NULL;
  g_autofree char *response = NULL;
  g_autofree char *code = NULL;

  start_waiting (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Flood flood = { fixture->port, cases[i].kind, block, g_string_new (NULL), 0 };
      Watch watch = { &flood, 0, FALSE };
      GThread *thread;
      GSource *sampler;
      gsize before;

      /* Header lines of 64 bytes for the headers, plain text for a body. */
      memset (block, 'a', FLOOD_BLOCK);
      if (cases[i].kind == FLOOD_HEADERS)
        for (gsize at = 0; at < FLOOD_BLOCK; at += 64)
          {
            memcpy (block + at, "X-Fill: ", 8);
            memcpy (block + at + 62, "\r\n", 2);
          }

      before = rss_kib ();
      sampler = g_timeout_source_new (5);
      g_source_set_callback (sampler, watch_rss_cb, &watch, NULL);
      g_source_attach (sampler, NULL);
      thread = g_thread_new ("flood", flood_thread, &flood);
      mq_test_wait_for (&watch.done);
      g_thread_join (thread);
      g_source_destroy (sampler);
      g_source_unref (sampler);
      watch.peak = MAX (watch.peak, rss_kib ());

      g_test_message ("%s: RSS grew by %" G_GSIZE_FORMAT " KiB; answer of %" G_GSIZE_FORMAT " bytes",
                      cases[i].name, watch.peak > before ? watch.peak - before : 0,
                      flood.response->len);
      g_assert_cmpuint (watch.peak, <, before + 2048);

      /* Refused: answered so, or reset before the answer could be read. */
      if (flood.response->len > 0)
        g_assert_cmpuint (response_status (flood.response->str), ==, cases[i].status);
      g_string_free (flood.response, TRUE);

      spin ();
      g_assert_null (fixture->result);
    }

  /* Nothing of it was taken for the callback: the browser's own ends the attempt. */
  response = timed_callback (fixture->port, CODE);
  g_assert_cmpuint (response_status (response), ==, SOUP_STATUS_OK);
  code = finish_waiting (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, CODE);
}

/* ---- only its own Host ---- */

static void
test_only_its_own_host (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *query = "/callback?code=" OTHER_CODE "&state=" STATE;
  g_autofree char *own = g_strdup_printf ("127.0.0.1:%u", fixture->port);
  g_autofree char *localhost = g_strdup_printf ("localhost:%u", fixture->port);
  g_autofree char *other_port = g_strdup_printf ("127.0.0.1:%u", fixture->port == 65535 ? 1 : fixture->port + 1);
  g_autofree char *v6 = g_strdup_printf ("[::1]:%u", fixture->port);
  g_autofree char *zero = g_strdup_printf ("127.0.0.1:0%u", fixture->port);
  g_autofree char *rebound = g_strdup_printf ("evil.example:%u", fixture->port);
  g_autofree char *absolute = g_strdup_printf ("http://%s%s", own, query);
  const struct {
    const char *target;
    const char *version;
    const char *host;        /* NULL: no Host header */
    const char *second_host;
  } cases[] = {
    /* What a page on a rebound name sends, and its relatives. */
    { query, "HTTP/1.1", rebound, NULL },
    { query, "HTTP/1.1", "evil.example", NULL },
    { query, "HTTP/1.1", localhost, NULL },
    { query, "HTTP/1.1", other_port, NULL },
    { query, "HTTP/1.1", "127.0.0.1", NULL },
    { query, "HTTP/1.1", v6, NULL },
    { query, "HTTP/1.1", zero, NULL },
    { query, "HTTP/1.1", "", NULL },
    /* No Host at all, in both versions. */
    { query, "HTTP/1.1", NULL, NULL },
    { query, "HTTP/1.0", NULL, NULL },
    /* The right one beside a wrong one, and a full URL naming the right one. */
    { query, "HTTP/1.1", own, "evil.example" },
    { query, "HTTP/1.1", "evil.example", own },
    { absolute, "HTTP/1.1", "evil.example", NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *response = NULL;
  g_autofree char *code = NULL;

  start_waiting (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) request = g_string_new (NULL);
      g_autofree char *answer = NULL;
      guint status;

      g_string_append_printf (request, "GET %s %s\r\n", cases[i].target, cases[i].version);
      if (cases[i].host != NULL)
        g_string_append_printf (request, "Host: %s\r\n", cases[i].host);
      if (cases[i].second_host != NULL)
        g_string_append_printf (request, "Host: %s\r\n", cases[i].second_host);
      g_string_append (request, "Connection: close\r\n\r\n");

      answer = raw_request (fixture->port, request->str);
      status = response_status (answer);
      g_test_message ("Host %s%s%s, %s: %u", cases[i].host ? cases[i].host : "(none)",
                      cases[i].second_host ? " and " : "",
                      cases[i].second_host ? cases[i].second_host : "",
                      cases[i].target == absolute ? "absolute URL" : cases[i].version, status);
      g_assert_cmpuint (status, >=, 400);
      g_assert_cmpuint (status, <, 500);
      g_assert_null (strstr (answer, "You are signed in"));

      spin ();
      g_assert_null (fixture->result);
    }

  /* With its own Host the sign-in completes. */
  response = timed_callback (fixture->port, CODE);
  g_assert_cmpuint (response_status (response), ==, SOUP_STATUS_OK);
  code = finish_waiting (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, CODE);
}

int
main (int   argc,
      char *argv[])
{
  /* No dconf thread that could open a descriptor while survives-descriptor-flood has
   * this process out of them. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/receiver/auth/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_ATTEMPT(path, func) \
  g_test_add ("/receiver/auth/" path, Attempt, NULL, attempt_set_up, func, attempt_tear_down)

  ADD ("no-other-address", test_no_other_address);
  ADD ("bound-to-loopback", test_bound_to_loopback);
  ADD ("preflight-refused", test_preflight_refused);
  ADD ("no-cross-origin-answers", test_no_cross_origin_answers);
  ADD ("second-callback-same-connection", test_second_callback_same_connection);
  ADD ("second-callback-racing", test_second_callback_racing);
  ADD ("survives-descriptor-flood", test_survives_descriptor_flood);
  ADD ("silent-connections-limited", test_silent_connections_limited);
  ADD ("request-body-not-held", test_request_body_not_held);
  ADD ("only-its-own-host", test_only_its_own_host);
  ADD_ATTEMPT ("closed-during-exchange", test_closed_during_exchange);
  ADD_ATTEMPT ("closed-after-failed-exchange", test_closed_after_failed_exchange);
  ADD_ATTEMPT ("closed-after-cancel", test_closed_after_cancel);
  ADD_ATTEMPT ("closed-when-abandoned", test_closed_when_abandoned);

#undef ADD
#undef ADD_ATTEMPT

  return g_test_run ();
}
