/* test-fault-matrix.c: every failure a user can meet, the error it shows, and the
 * stored sign-in it leaves alone
 *
 * One test per row of the fault table. Each one asserts the error the user sees: its
 * domain and code, and its whole message, in German from this build tree's catalog, so
 * that a message that does not go through gettext, or has no translation, fails; the
 * message is not empty and holds no token or secret. Each one also reads the token and
 * the client secret in the keyring with libsecret before and after, and asserts they
 * are unchanged: no failure signs anyone out or half-writes a sign-in. Each prints its
 * row: | row | error | message shown |.
 *
 * The rows run in three suites (see meson.build): /fault-matrix/api/ the client against
 * the fake viewneo and a TLS server, /fault-matrix/auth/ sign-in, refresh and the
 * keyring, /fault-matrix/ui/ the two failures only the window reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <libsoup/soup.h>

#include "fake-viewneo-tls.h"
#include "fake-viewneo.h"
#include "hardening-app.h"
#include "hardening-util.h"
#include "mq-api-error.h"
#include "mq-application.h"
#include "mq-auth-error.h"
#include "mq-browser-sign-in-page.h"
#include "mq-browser-sign-in.h"
#include "mq-client.h"
#include "mq-clock.h"
#include "mq-loopback-receiver.h"
#include "mq-oauth.h"
#include "mq-session.h"
#include "mq-sign-in-page.h"
#include "mq-sign-in-view.h"
#include "mq-test-async.h"
#include "mq-test-bus.h"
#include "mq-test-files.h"
#include "mq-test-http.h"
#include "mq-test-keyring.h"
#include "mq-test-session.h"
#include "mq-ui-utils.h"
#include "mq-window.h"

#define HOST "127.0.0.1"
#define ACCOUNT_NAME "Jane Doe"

/* ---- a signed-in account, and its keyring items before the fault ---- */

typedef struct
{
  MqTestSession   s;
  char           *stored_token;   /* the keyring's JSON */
  char           *stored_secret;  /* the client secret */
  char           *access_token;
  char           *refresh_token;
} Row;

static void
row_set_up (Row           *row,
            gconstpointer  data)
{
  mq_test_session_set_up (&row->s, data);
  fake_viewneo_generate (row->s.fake, 30, 1);
}

static void
row_tear_down (Row           *row,
               gconstpointer  data)
{
  g_clear_pointer (&row->stored_token, g_free);
  g_clear_pointer (&row->stored_secret, g_free);
  g_clear_pointer (&row->access_token, g_free);
  g_clear_pointer (&row->refresh_token, g_free);
  mq_test_session_tear_down (&row->s, data);
}

static char *
row_lookup (Row        *row,
            const char *kind)
{
  return mq_test_keyring_lookup (mq_account_get_server (row->s.account),
                                 mq_account_get_id (row->s.account), kind);
}

/* What the keyring holds now, to compare with after the fault. */
static void
row_remember_keyring (Row *row)
{
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;

  row->stored_token = row_lookup (row, "token");
  row->stored_secret = row_lookup (row, "client-secret");
  g_assert_nonnull (row->stored_token);
  g_assert_nonnull (row->stored_secret);

  token = mq_token_new_from_secret (row->stored_token, &error);
  g_assert_no_error (error);
  row->access_token = g_strdup (mq_token_get_access_token (token));
  row->refresh_token = g_strdup (mq_token_get_refresh_token (token));
}

/* Signs the account in through the fake's authorize and token endpoints, as a browser
 * sign-in would, and remembers what the keyring got. */
static void
row_sign_in (Row *row)
{
  mq_test_session_sign_in (&row->s);
  row_remember_keyring (row);
}

/* Not with g_assert_cmpstr(): a failure would print the tokens. */
static void
row_assert_keyring_unchanged (Row *row)
{
  g_autofree char *token = row_lookup (row, "token");
  g_autofree char *secret = row_lookup (row, "client-secret");

  g_assert_nonnull (token);
  g_assert_true (g_str_equal (token, row->stored_token));
  g_assert_nonnull (secret);
  g_assert_true (g_str_equal (secret, row->stored_secret));
}

static void
row_assert_error (Row          *row,
                  const GError *error,
                  GQuark        domain,
                  int           code,
                  const char   *expected)
{
  const char *secrets[] = {
    row->access_token, row->refresh_token, MQ_TEST_CLIENT_SECRET,
  };

  hardening_assert_error (error, domain, code, expected, secrets, G_N_ELEMENTS (secrets));
}

/* ---- the client ---- */

static MqClient *
row_client (Row *row)
{
  return mq_client_new (row->s.url, MQ_TOKEN_PROVIDER (row->s.session));
}

/* Signs in, and a client for a server whose playlist list answers with @fault. */
static MqClient *
row_client_with_fault (Row       *row,
                       FakeFault  fault,
                       guint      fault_arg,
                       guint      count)
{
  MqClient *client;

  row_sign_in (row);
  client = row_client (row);
  fake_viewneo_add_fault (row->s.fake, "/api/v1.0/playlist", fault, fault_arg, count);

  return client;
}

/* Lists the playlists, which must fail: returns why. */
static GError *
list_playlists (MqClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) playlists = NULL;
  GAsyncResult *pending = NULL;
  GError *error = NULL;

  mq_client_list_playlists_async (client, NULL, NULL, NULL, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  playlists = mq_client_list_playlists_finish (client, result, NULL, &error);
  g_assert_null (playlists);
  g_assert_nonnull (error);

  return error;
}

/* The list fails with @code and the message @expected, shown as row @name; the sign-in
 * stays as it was. */
static void
assert_list_fails (Row        *row,
                   MqClient   *client,
                   const char *name,
                   MqApiError  code,
                   const char *expected)
{
  g_autoptr(GError) error = list_playlists (client);

  row_assert_error (row, error, MQ_API_ERROR, code, expected);
  hardening_print_row (name, error, error->message);

  /* A server's failure is no reason to sign in again. */
  g_assert_false (mq_session_get_needs_sign_in (row->s.session));
  row_assert_keyring_unchanged (row);
}

static void
test_server_error (Row           *row,
                   gconstpointer  data)
{
  g_autoptr(MqClient) client = NULL;
  g_autofree char *expected = NULL;

  client = row_client_with_fault (row, FAKE_FAULT_SERVER_ERROR, 0, 0);

  expected = g_strdup_printf (hardening_translate ("%s has a problem (HTTP %u). Try again later."),
                              HOST, 500);
  assert_list_fails (row, client, "server 500", MQ_API_ERROR_SERVER, expected);
}

static void
test_dropped (Row           *row,
              gconstpointer  data)
{
  g_autoptr(MqClient) client = NULL;
  g_autofree char *expected = NULL;

  /* Headers that promise the whole body, half of it, then the connection closes. */
  client = row_client_with_fault (row, FAKE_FAULT_DROP, 0, 0);

  expected = g_strdup_printf (hardening_translate ("The connection to %s broke off. Check your "
                                                   "internet connection and try again."),
                              HOST);
  assert_list_fails (row, client, "connection dropped mid-body", MQ_API_ERROR_NETWORK, expected);
}

static void
test_slow (Row           *row,
           gconstpointer  data)
{
  g_autoptr(MqClient) client = NULL;
  g_autofree char *expected = NULL;
  gint64 start;

  client = row_client_with_fault (row, FAKE_FAULT_SLOW, 20 * 1000, 0);
  mq_client_set_timeout (client, 1);

  expected = g_strdup_printf (hardening_translate ("%s did not answer in time. Check your internet "
                                                   "connection and try again."),
                              HOST);
  start = g_get_monotonic_time ();
  assert_list_fails (row, client, "response slower than the timeout", MQ_API_ERROR_NETWORK, expected);
  /* The client gave up; it did not wait for the answer. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 15 * G_USEC_PER_SEC);
}

static void
test_malformed (Row           *row,
                gconstpointer  data)
{
  g_autoptr(MqClient) client = NULL;
  g_autofree char *expected = NULL;

  client = row_client_with_fault (row, FAKE_FAULT_MALFORMED_JSON, 0, 0);

  expected = g_strdup_printf (hardening_translate ("%s sent a damaged response. Try again later."),
                              HOST);
  assert_list_fails (row, client, "malformed JSON", MQ_API_ERROR_PROTOCOL, expected);
}

static void
test_rate_limit_storm (Row           *row,
                       gconstpointer  data)
{
  g_autoptr(MqClient) client = NULL;
  g_autofree char *expected = NULL;
  guint before;

  /* Every answer a 429 with Retry-After: 1, for ever. */
  client = row_client_with_fault (row, FAKE_FAULT_RATE_LIMIT, 1, 0);
  g_object_set (client, "max-retries", 2, NULL);
  before = fake_viewneo_get_request_count (row->s.fake, "/api/v1.0/playlist");

  expected = g_strdup_printf (hardening_translate_plural ("viewneo received too many requests from this "
                                                          "account. Try again in %u second.",
                                                          "viewneo received too many requests from this "
                                                          "account. Try again in %u seconds.",
                                                          1),
                              1);
  assert_list_fails (row, client, "429 storm (retries exhausted)", MQ_API_ERROR_RATE_LIMITED, expected);

  /* The first try and two retries, then it gave up. */
  g_assert_cmpuint (fake_viewneo_get_request_count (row->s.fake, "/api/v1.0/playlist") - before, ==, 3);
}

/* ---- TLS: a self-signed server behind a relay that records what the client sends ---- */

typedef struct
{
  guint       n_requests;
  char       *authorization;   /* of the last request */
} TlsServer;

static void
tls_server_request (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  TlsServer *tls = user_data;
  const char *authorization;

  authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                "Authorization");
  tls->n_requests++;
  g_free (tls->authorization);
  tls->authorization = g_strdup (authorization);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "[]", 2);
}

/* A certificate for 127.0.0.1 made now, by a CA that nothing trusts. */
static GTlsCertificate *
make_untrusted_certificate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FakeTestCa) ca = fake_test_ca_new (&error);

  g_assert_no_error (error);
  return g_object_ref (fake_test_ca_get_server_certificate (ca));
}

/* Forwards every connection to @upstream_port, keeping what the client sent. */
typedef struct
{
  GSocketService *service;
  guint           port;
  guint           upstream_port;
  GByteArray     *from_clients;
  guint           n_active;
} Relay;

typedef struct
{
  Relay             *relay;
  GSocketConnection *from;
  GSocketConnection *to;
  guint8             buffer[16 * 1024];
} Pump;

static void pump_read (Pump *pump);

static void
pump_end (Pump *pump)
{
  /* Either side gone: the other one goes too, and the splice back ends. */
  g_io_stream_close (G_IO_STREAM (pump->to), NULL, NULL);
  g_io_stream_close (G_IO_STREAM (pump->from), NULL, NULL);
  g_object_unref (pump->from);
  g_object_unref (pump->to);
  pump->relay->n_active--;
  g_free (pump);
}

static void
pump_written (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Pump *pump = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL))
    pump_end (pump);
  else
    pump_read (pump);
}

static void
pump_got (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Pump *pump = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  if (n <= 0)
    {
      pump_end (pump);
      return;
    }

  g_byte_array_append (pump->relay->from_clients, pump->buffer, n);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (pump->to)),
                                   pump->buffer, n, G_PRIORITY_DEFAULT, NULL,
                                   pump_written, pump);
}

static void
pump_read (Pump *pump)
{
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (pump->from)),
                             pump->buffer, sizeof pump->buffer, G_PRIORITY_DEFAULT, NULL,
                             pump_got, pump);
}

static void
spliced_back (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Relay *relay = user_data;

  g_output_stream_splice_finish (G_OUTPUT_STREAM (object), result, NULL);
  relay->n_active--;
}

static gboolean
relay_incoming (GSocketService    *service,
                GSocketConnection *connection,
                GObject           *source_object,
                gpointer           user_data)
{
  Relay *relay = user_data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnectable) upstream = g_network_address_new (HOST, relay->upstream_port);
  g_autoptr(GError) error = NULL;
  Pump *pump;

  /* Loopback: connecting is immediate. */
  pump = g_new0 (Pump, 1);
  pump->relay = relay;
  pump->from = g_object_ref (connection);
  pump->to = g_socket_client_connect (client, upstream, NULL, &error);
  g_assert_no_error (error);

  relay->n_active += 2;
  g_output_stream_splice_async (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                g_io_stream_get_input_stream (G_IO_STREAM (pump->to)),
                                G_OUTPUT_STREAM_SPLICE_NONE, G_PRIORITY_DEFAULT, NULL,
                                spliced_back, relay);
  pump_read (pump);

  return TRUE;
}

static void
relay_start (Relay *relay,
             guint  upstream_port)
{
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string (HOST, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  relay->upstream_port = upstream_port;
  relay->from_clients = g_byte_array_new ();
  relay->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (relay->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &bound, &error);
  g_assert_no_error (error);
  relay->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (relay->service, "incoming", G_CALLBACK (relay_incoming), relay);
  g_socket_service_start (relay->service);
}

static void
relay_stop (Relay *relay)
{
  hardening_wait_until (relay->n_active == 0);

  g_socket_service_stop (relay->service);
  g_socket_listener_close (G_SOCKET_LISTENER (relay->service));
  g_clear_object (&relay->service);
  g_clear_pointer (&relay->from_clients, g_byte_array_unref);
}

static gboolean
bytes_contain (GByteArray *bytes,
               const char *text)
{
  gsize len = strlen (text);

  for (gsize i = 0; len <= bytes->len && i <= bytes->len - len; i++)
    if (memcmp (bytes->data + i, text, len) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
accept_any_certificate (SoupMessage          *message,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors,
                        gpointer              user_data)
{
  return TRUE;
}

static void
test_tls_invalid (Row           *row,
                  gconstpointer  data)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string (HOST, 0);
  g_autoptr(MqClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *bearer = NULL;
  TlsServer tls = { 0, NULL };
  Relay relay = { 0, };
  guint server_port;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    g_error ("No TLS backend: install glib-networking");

  row_sign_in (row);
  certificate = make_untrusted_certificate ();
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, tls_server_request, &tls, NULL);
  soup_server_listen (server, address, SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  server_port = g_uri_get_port (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  relay_start (&relay, server_port);

  url = g_strdup_printf ("https://" HOST ":%u", relay.port);
  client = mq_client_new (url, MQ_TOKEN_PROVIDER (row->s.session));
  error = list_playlists (client);

  expected = g_strdup_printf (hardening_translate ("The certificate of %s is not trusted, so Marquee did "
                                                   "not connect. Check the server address and the date "
                                                   "and time of this computer."),
                              HOST);
  row_assert_error (row, error, MQ_API_ERROR, MQ_API_ERROR_TLS, expected);
  hardening_print_row ("TLS certificate invalid", error, error->message);
  g_clear_object (&client);
  g_clear_error (&error);

  /* Nothing reached HTTP, and nothing went over the wire in clear: the client spoke
   * TLS (a handshake record starts with 0x16) and stopped at the certificate. */
  g_assert_cmpuint (tls.n_requests, ==, 0);
  g_assert_cmpuint (relay.from_clients->len, >, 0);
  g_assert_cmpuint (relay.from_clients->data[0], ==, 0x16);
  g_assert_false (bytes_contain (relay.from_clients, "Authorization"));
  g_assert_false (bytes_contain (relay.from_clients, "Bearer"));
  g_assert_false (bytes_contain (relay.from_clients, row->access_token));
  g_assert_false (bytes_contain (relay.from_clients, "/api/"));

  /* The same path with a client that trusts the certificate: the request and its
   * token do arrive, encrypted, so the checks above can see a leak when there is one. */
  {
    g_autoptr(SoupSession) trusting = soup_session_new ();
    g_autofree char *api_url = g_strconcat (url, "/api/v1.0/playlist", NULL);
    g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, api_url);
    g_autofree char *body = NULL;
    guint status;

    bearer = g_strconcat ("Bearer ", row->access_token, NULL);
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", bearer);
    g_signal_connect (message, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
    g_byte_array_set_size (relay.from_clients, 0);

    body = mq_test_request (trusting, message, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
    g_assert_cmpuint (tls.n_requests, ==, 1);
    g_assert_true (g_strcmp0 (tls.authorization, bearer) == 0);
    g_assert_cmpuint (relay.from_clients->data[0], ==, 0x16);
    g_assert_false (bytes_contain (relay.from_clients, row->access_token));
  }

  relay_stop (&relay);
  soup_server_disconnect (server);
  g_free (tls.authorization);
  row_assert_keyring_unchanged (row);
}

/* ---- the keyring: each its own process, with a bus of its own ---- */

static char *
keyring_message (const char *what)
{
  return g_strdup_printf ("%s %s", what,
                          hardening_translate ("Until then, Marquee keeps the sign-in only while it runs."));
}

static char *
expected_keyring_message (MqKeyringError code)
{
  switch (code)
    {
    case MQ_KEYRING_ERROR_NO_SERVICE:
      return keyring_message (hardening_translate ("Marquee cannot reach a keyring: no Secret Service is running. To stay signed in after Marquee quits, install or start GNOME Keyring or another Secret Service."));
    case MQ_KEYRING_ERROR_NO_COLLECTION:
      return keyring_message (hardening_translate ("The keyring has no default collection to keep the sign-in in. Create a “Login” keyring, for example in Passwords and Keys, to stay signed in after Marquee quits."));
    case MQ_KEYRING_ERROR_LOCKED:
      return keyring_message (hardening_translate ("The keyring is locked. Unlock it, for example in Passwords and Keys, then sign in again to stay signed in after Marquee quits."));
    case MQ_KEYRING_ERROR_CANCELLED:
    case MQ_KEYRING_ERROR_CORRUPT:
    case MQ_KEYRING_ERROR_FAILED:
    default:
      g_assert_not_reached ();
    }
}

/* A new sign-in: it works for the session, and says why it will not last. */
static void
assert_sign_in_kept_in_memory (Row            *row,
                               MqKeyringError  code)
{
  g_autoptr(MqToken) token = mq_test_session_obtain_token (&row->s);
  g_autofree char *expected = expected_keyring_message (code);
  const char *secrets[] = {
    mq_token_get_access_token (token), mq_token_get_refresh_token (token),
    MQ_TEST_CLIENT_SECRET, row->access_token, row->refresh_token,
  };

  mq_test_session_sign_in_with (row->s.session, token, MQ_TEST_CLIENT_SECRET);
  g_assert_true (mq_session_get_token (row->s.session) == token);

  hardening_assert_error (mq_session_get_keyring_error (row->s.session), MQ_KEYRING_ERROR, code,
                          expected, secrets, G_N_ELEMENTS (secrets));
}

/* Starting again: the stored sign-in cannot be read, and the error says why. */
static void
assert_load_fails (Row            *row,
                   MqKeyringError  code)
{
  g_autoptr(MqSession) session = mq_session_new (row->s.account, row->s.store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = expected_keyring_message (code);
  GAsyncResult *pending = NULL;
  const char *secrets[] = { row->access_token, row->refresh_token, MQ_TEST_CLIENT_SECRET };

  mq_session_load_async (session, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  g_assert_false (mq_session_load_finish (session, result, &error));
  hardening_assert_error (error, MQ_KEYRING_ERROR, code, expected, secrets, G_N_ELEMENTS (secrets));
  hardening_assert_error (mq_session_get_keyring_error (session), MQ_KEYRING_ERROR, code,
                          expected, secrets, G_N_ELEMENTS (secrets));
  g_assert_null (mq_session_get_token (session));
}

/* In the parent: the account signed in to the session's real keyring; the child, on
 * its own bus, meets the fault; then the real keyring is checked, and the row printed. */
static void
run_keyring_row (Row            *row,
                 const char     *name,
                 MqKeyringError  code)
{
  g_autofree char *expected = expected_keyring_message (code);
  g_autoptr(GError) shown = NULL;

  row_sign_in (row);

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  shown = g_error_new_literal (MQ_KEYRING_ERROR, code, expected);
  hardening_print_row (name, shown, expected);
  row_assert_keyring_unchanged (row);
}

static void
test_keyring_absent (Row           *row,
                     gconstpointer  data)
{
  if (!g_test_subprocess ())
    {
      run_keyring_row (row, "keyring absent", MQ_KEYRING_ERROR_NO_SERVICE);
      return;
    }

  /* A session bus where nothing provides org.freedesktop.secrets. */
  mq_test_bus_start (G_BUS_TYPE_SESSION, (const char * const[]) { "DISPLAY", NULL });

  assert_load_fails (row, MQ_KEYRING_ERROR_NO_SERVICE);
  assert_sign_in_kept_in_memory (row, MQ_KEYRING_ERROR_NO_SERVICE);
}

static void
test_keyring_locked (Row           *row,
                     gconstpointer  data)
{
  g_autofree char *home = NULL;
  MqTestKeyring *keyring;

  if (!g_test_subprocess ())
    {
      run_keyring_row (row, "keyring locked", MQ_KEYRING_ERROR_LOCKED);
      return;
    }

  home = g_dir_make_tmp ("marquee-locked-XXXXXX", NULL);
  keyring = mq_test_keyring_start (home, "fault-matrix-password");

  /* Signed in while the keyring was open; then it is locked. */
  row_sign_in (row);
  mq_test_keyring_lock (keyring);

  assert_load_fails (row, MQ_KEYRING_ERROR_LOCKED);
  /* No one can answer the unlock prompt here: the new sign-in stays in memory. */
  assert_sign_in_kept_in_memory (row, MQ_KEYRING_ERROR_LOCKED);

  /* Unlocked again: what was stored before is still there, whole. */
  mq_test_keyring_unlock (keyring);
  row_assert_keyring_unchanged (row);

  mq_test_keyring_stop (keyring);
  mq_test_remove_tree (home);
}

static void
test_no_login_collection (Row           *row,
                          gconstpointer  data)
{
  g_autofree char *home = NULL;
  g_autofree char *token = NULL;
  MqTestKeyring *keyring;

  if (!g_test_subprocess ())
    {
      run_keyring_row (row, "no login collection", MQ_KEYRING_ERROR_NO_COLLECTION);
      return;
    }

  /* Started with an empty password, gnome-keyring makes no login collection. */
  home = g_dir_make_tmp ("marquee-no-login-XXXXXX", NULL);
  keyring = mq_test_keyring_start (home, "");

  assert_load_fails (row, MQ_KEYRING_ERROR_NO_COLLECTION);
  assert_sign_in_kept_in_memory (row, MQ_KEYRING_ERROR_NO_COLLECTION);

  /* Nothing was written anywhere in it either. */
  token = row_lookup (row, "token");
  g_assert_null (token);

  mq_test_keyring_stop (keyring);
  mq_test_remove_tree (home);
}

/* ---- browser sign-in ---- */

static MqBrowserSignIn *
start_browser_sign_in (Row    *row,
                       guint   timeout_seconds,
                       char  **url)
{
  g_autoptr(GUri) redirect = g_uri_parse (row->s.redirect_uri, G_URI_FLAGS_NONE, NULL);
  g_autoptr(MqOAuth) oauth = mq_oauth_new (row->s.url, MQ_TEST_CLIENT_ID,
                                           MQ_TEST_CLIENT_SECRET, row->s.redirect_uri);
  g_autoptr(MqBrowserSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;

  sign_in = mq_browser_sign_in_new (oauth, g_uri_get_port (redirect), timeout_seconds);
  *url = mq_browser_sign_in_start (sign_in, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&sign_in);
}

static GError *
wait_browser_sign_in (MqBrowserSignIn *sign_in)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MqToken) token = NULL;
  GAsyncResult *pending = NULL;
  GError *error = NULL;

  mq_browser_sign_in_wait_async (sign_in, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  token = mq_browser_sign_in_wait_finish (sign_in, result, &error);
  g_assert_null (token);
  g_assert_nonnull (error);

  return error;
}

static void
test_sign_in_denied (Row           *row,
                     gconstpointer  data)
{
  g_autoptr(MqBrowserSignIn) sign_in = NULL;
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *page = NULL;
  const char *expected;
  guint status;

  /* Signed in before; signing in again, the user presses Deny. */
  row_sign_in (row);
  fake_viewneo_set_auto_consent (row->s.fake, TRUE, TRUE);
  sign_in = start_browser_sign_in (row, 60, &url);

  page = mq_test_get (browser, url, &status, NULL);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  error = wait_browser_sign_in (sign_in);

  expected = hardening_translate ("Access to the viewneo account was denied in the browser. To use "
                                  "Marquee, sign in again and allow access.");
  row_assert_error (row, error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_ACCESS_DENIED, expected);
  hardening_print_row ("sign-in denied", error, error->message);
  g_assert_cmpuint (fake_viewneo_get_token_grants (row->s.fake, "authorization_code"), ==, 1);
  row_assert_keyring_unchanged (row);
}

static void
test_sign_in_timed_out (Row           *row,
                        gconstpointer  data)
{
  g_autoptr(MqBrowserSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const char *expected;

  /* Nobody finishes the sign-in in the browser: one second here, ten minutes in the app. */
  row_sign_in (row);
  sign_in = start_browser_sign_in (row, 1, &url);
  error = wait_browser_sign_in (sign_in);

  expected = hardening_translate ("The sign-in was not completed in time. Sign in again, and finish "
                                  "signing in in the browser window that opens.");
  row_assert_error (row, error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_TIMED_OUT, expected);
  hardening_print_row ("sign-in timed out", error, error->message);
  row_assert_keyring_unchanged (row);
}

/* ---- refresh ---- */

static void
test_refresh_refused (Row           *row,
                      gconstpointer  data)
{
  g_autoptr(MqOAuth) elsewhere = NULL;
  g_autoptr(MqToken) stolen = NULL;
  g_autoptr(MqClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  GAsyncResult *pending = NULL;

  row_sign_in (row);

  /* The refresh token is used up elsewhere: viewneo revokes it and its access token. */
  elsewhere = mq_oauth_new (row->s.url, MQ_TEST_CLIENT_ID, MQ_TEST_CLIENT_SECRET, NULL);
  mq_oauth_refresh_async (elsewhere, row->refresh_token, mq_clock_now (), NULL,
                          mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  stolen = mq_oauth_refresh_finish (elsewhere, result, &error);
  g_assert_no_error (error);

  /* The next call gets a 401, the session's refresh is refused. */
  client = row_client (row);
  error = list_playlists (client);

  expected = g_strdup_printf (hardening_translate ("viewneo no longer accepts the sign-in of %s: it has "
                                                   "ended or was revoked. Sign in again."),
                              ACCOUNT_NAME);
  row_assert_error (row, error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_GRANT, expected);
  g_assert_null (strstr (error->message, mq_token_get_access_token (stolen)));
  hardening_print_row ("refresh refused", error, error->message);

  /* Only now a new sign-in is needed; what is stored stays until then. */
  g_assert_true (mq_session_get_needs_sign_in (row->s.session));
  row_assert_keyring_unchanged (row);
}

static void
test_refresh_offline (Row           *row,
                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  GAsyncResult *pending = NULL;
  gint64 expires_at;

  row_sign_in (row);
  expires_at = mq_session_get_expires_at (row->s.session);
  g_assert_cmpint (expires_at, >, 0);

  /* An hour before the end, with the server unreachable. */
  fake_viewneo_shutdown (row->s.fake);
  mq_clock_set_fake_now (expires_at - 60 * 60);

  mq_session_refresh_if_due_async (row->s.session, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  g_assert_false (mq_session_refresh_if_due_finish (row->s.session, result, &error));

  expected = g_strdup_printf (hardening_translate ("Could not reach %s. Check your internet connection."),
                              HOST);
  row_assert_error (row, error, MQ_API_ERROR, MQ_API_ERROR_NETWORK, expected);
  hardening_print_row ("refresh while offline", error, error->message);

  /* Offline is not signed out: the token is kept, in memory and in the keyring. */
  g_assert_false (mq_session_get_needs_sign_in (row->s.session));
  g_assert_true (g_str_equal (mq_token_get_access_token (mq_session_get_token (row->s.session)),
                              row->access_token));
  row_assert_keyring_unchanged (row);
}

/* ---- the window: no browser, a busy port ---- */

typedef struct _UiRow UiRow;
typedef void (*UiBody) (UiRow *row);

struct _UiRow
{
  Row            row;
  GSettings     *settings;
  MqApplication *app;
  GtkWidget     *page;       /* the browser sign-in page */
  guint          port;
  UiBody         body;
};

#define page_child(r, name) hardening_child ((r)->page, MQ_TYPE_BROWSER_SIGN_IN_PAGE, name)

static void
ui_row_set_up (UiRow         *ui,
               gconstpointer  data)
{
  g_autoptr(GUri) redirect = NULL;

  /* GTK only here: the other rows run under valgrind without it. */
  hardening_require_display ();

  row_set_up (&ui->row, data);
  redirect = g_uri_parse (ui->row.s.redirect_uri, G_URI_FLAGS_NONE, NULL);
  ui->port = g_uri_get_port (redirect);

  /* The memory backend lives as long as the process: start from the defaults. */
  ui->settings = g_settings_new (APP_ID);
  g_settings_reset (ui->settings, "accounts");
  g_settings_reset (ui->settings, "current-account");
  g_settings_set_string (ui->settings, "server", ui->row.s.url);
  g_settings_set_uint (ui->settings, "redirect-port", ui->port);

  ui->app = mq_application_new (G_APPLICATION_NON_UNIQUE);
}

static void
ui_row_tear_down (UiRow         *ui,
                  gconstpointer  data)
{
  hardening_finalize_app (g_steal_pointer (&ui->app));
  g_settings_reset (ui->settings, "redirect-port");
  g_clear_object (&ui->settings);
  row_tear_down (&ui->row, data);
}

static void
ui_body (MqApplication *app,
         MqWindow      *window,
         gpointer       user_data)
{
  UiRow *ui = user_data;
  GtkWidget *sign_in_view = hardening_child (window, MQ_TYPE_WINDOW, "sign_in_view");

  ui->page = hardening_child (sign_in_view, MQ_TYPE_SIGN_IN_VIEW, "browser_page");

  /* As a user does it: Sign In with a Browser, the two fields, Sign In. */
  hardening_click (hardening_child (sign_in_view, MQ_TYPE_SIGN_IN_VIEW, "browser_button"));
  gtk_editable_set_text (page_child (ui, "client_id_row"), MQ_TEST_CLIENT_ID);
  gtk_editable_set_text (page_child (ui, "client_secret_row"), MQ_TEST_CLIENT_SECRET);
  hardening_click (page_child (ui, "sign_in_button"));

  ui->body (ui);
}

static void
ui_run (UiRow  *ui,
        UiBody  body)
{
  /* Signed in before this attempt, to the same account. */
  row_sign_in (&ui->row);

  ui->body = body;
  hardening_run_app (ui->app, ui_body, ui);

  row_assert_keyring_unchanged (&ui->row);
}

static void
port_busy_body (UiRow *ui)
{
  g_autoptr(MqOAuth) oauth = mq_oauth_new (ui->row.s.url, MQ_TEST_CLIENT_ID,
                                           MQ_TEST_CLIENT_SECRET, ui->row.s.redirect_uri);
  g_autoptr(MqBrowserSignIn) attempt = mq_browser_sign_in_new (oauth, ui->port, 60);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *core_expected = NULL;
  g_autofree char *shown_expected = NULL;
  GtkLabel *error_label = page_child (ui, "error_label");

  /* The core's error: the class the page turns into its own words. */
  url = mq_browser_sign_in_start (attempt, &error);
  g_assert_null (url);
  core_expected = g_strdup_printf (hardening_translate ("Port %u is in use by another program, so Marquee cannot receive the sign-in. Close that program, or choose another port in Preferences and change the Redirect URL in viewneo under Settings › API to match."),
                                   ui->port);
  row_assert_error (&ui->row, error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_PORT_IN_USE, core_expected);

  /* What the page shows, at once, before any browser opens. */
  shown_expected = g_strdup_printf (hardening_translate ("Port %u is in use by another program, so Marquee cannot receive viewneo’s answer. Close that program and try again, or choose another port in Preferences and register the new Redirect URL for your client in viewneo."),
                                    ui->port);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), ==, shown_expected);
  g_assert_false (mq_sign_in_page_get_busy (MQ_SIGN_IN_PAGE (ui->page)));
  g_assert_null (strstr (gtk_label_get_text (error_label), MQ_TEST_CLIENT_SECRET));
  hardening_print_row ("redirect port busy", error, gtk_label_get_text (error_label));
}

static void
test_port_busy (UiRow         *ui,
                gconstpointer  data)
{
  g_autoptr(GSocketListener) squatter = g_socket_listener_new ();
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string (HOST, ui->port);
  g_autoptr(GError) error = NULL;

  /* Another program holds the redirect port. */
  g_socket_listener_add_address (squatter, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, NULL, &error);
  g_assert_no_error (error);

  ui_run (ui, port_busy_body);
  g_socket_listener_close (squatter);
}

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (mq_launch_uri_finish (result, error));
  g_assert_nonnull (*error);
}

static void
no_browser_body (UiRow *ui)
{
  g_autoptr(GError) error = NULL;
  GtkLabel *description = page_child (ui, "waiting_description");
  GtkLabel *link_label = page_child (ui, "link_label");
  const char *expected;

  /* The launch fails: the page says so and shows the link; the attempt goes on. */
  expected = hardening_translate ("No browser could be opened. Open this link in a browser, sign in and approve Marquee; this window continues by itself.");
  hardening_wait_until (gtk_widget_get_visible (GTK_WIDGET (link_label)));
  g_assert_cmpstr (gtk_label_get_text (description), ==, expected);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (link_label), ui->row.s.url));
  g_assert_null (strstr (gtk_label_get_text (link_label), MQ_TEST_CLIENT_SECRET));

  mq_test_iterate_for (500);
  g_assert_true (mq_sign_in_page_get_busy (MQ_SIGN_IN_PAGE (ui->page)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (ui, "state_stack")), ==, "waiting");

  /* The launcher's own error, as the page got it. */
  mq_launch_uri_async (ui->page, gtk_label_get_text (link_label), NULL, launched_cb, &error);
  hardening_wait_until (error != NULL);
#if GTK_CHECK_VERSION (4, 10, 0)
  /* GtkUriLauncher wraps what GIO said in its own error. */
  g_assert_error (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_FAILED);
#else
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
#endif
  hardening_print_row ("no browser (launch fails, still waiting)", error, gtk_label_get_text (description));

  hardening_click (page_child (ui, "cancel_button"));
  g_assert_false (mq_sign_in_page_get_busy (MQ_SIGN_IN_PAGE (ui->page)));
}

static void
test_no_browser (UiRow         *ui,
                 gconstpointer  data)
{
  ui_run (ui, no_browser_body);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dirs = NULL;
  int status;

  hardening_use_translations ();
  g_test_init (&argc, &argv, NULL);

  /* Before anything reads them. */
  data_dirs = mq_test_data_dirs_without_apps ();
  g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);
  g_unsetenv ("GIO_USE_PORTALS");

#define ADD(path, func) \
  g_test_add ("/fault-matrix/" path, Row, NULL, row_set_up, func, row_tear_down)
#define ADD_UI(path, func) \
  g_test_add ("/fault-matrix/ui/" path, UiRow, NULL, ui_row_set_up, func, ui_row_tear_down)

  ADD ("api/server-error", test_server_error);
  ADD ("api/dropped-mid-body", test_dropped);
  ADD ("api/slower-than-timeout", test_slow);
  ADD ("api/malformed-json", test_malformed);
  ADD ("api/rate-limit-storm", test_rate_limit_storm);
  ADD ("api/tls-certificate-invalid", test_tls_invalid);
  ADD ("auth/keyring-absent", test_keyring_absent);
  ADD ("auth/keyring-locked", test_keyring_locked);
  ADD ("auth/no-login-collection", test_no_login_collection);
  ADD ("auth/sign-in-denied", test_sign_in_denied);
  ADD ("auth/sign-in-timed-out", test_sign_in_timed_out);
  ADD ("auth/refresh-refused", test_refresh_refused);
  ADD ("auth/refresh-offline", test_refresh_offline);
  ADD_UI ("redirect-port-busy", test_port_busy);
  ADD_UI ("no-browser", test_no_browser);

#undef ADD
#undef ADD_UI

  status = g_test_run ();
  mq_test_remove_tree (data_dirs);

  return status;
}
