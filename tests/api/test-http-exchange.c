/* test-http-exchange.c: one HTTP exchange (mq-http-exchange.h), against the fake viewneo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <libsoup/soup.h>

#include "fake-viewneo.h"
#include "mq-api-error.h"
#include "mq-http-exchange.h"
#include "mq-test-async.h"


typedef struct
{
  FakeViewneo *fake;
  char        *url;
  SoupSession *session;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->fake = fake_viewneo_new ();
  g_assert_true (fake_viewneo_listen (f->fake, 0, &error));
  g_assert_no_error (error);
  f->url = fake_viewneo_get_url (f->fake);
  f->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->fake);
  g_clear_pointer (&f->url, g_free);
}

/* Sends GET @path; returns the response stream and the message. */
static GInputStream *
send (Fixture      *f,
      const char   *path,
      SoupMessage **message)
{
  g_autofree char *url = g_strconcat (f->url, path, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GInputStream *stream;

  *message = soup_message_new (SOUP_METHOD_GET, url);
  mq_http_send_async (f->session, *message, NULL, mq_test_store_result, &result);
  mq_test_await (&result);
  stream = mq_http_send_finish (f->session, result, "127.0.0.1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (stream);

  return stream;
}

static gpointer
copy_in_worker (GBytes      *body,
                const char  *host,
                gpointer     parse_data,
                GError     **error)
{
  /* Parsing never blocks the main thread. */
  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  *(gboolean *) parse_data = TRUE;

  return g_bytes_ref (body);
}

/* The body is read whole and parsed in a worker, and the stream closed, not just
 * dropped: an unclosed libsoup stream is closed synchronously when finalized, which
 * reads the rest of the body on the main thread. */
static void
test_read_closes_stream (Fixture       *f,
                         gconstpointer  data)
{
  static const char *answer = "{\"id\": 42, \"name\": \"Erika\"}";
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  gboolean parsed = FALSE;

  fake_viewneo_add_answer (f->fake, "/api/v1.0/user", 200, "application/json", answer, 1);
  stream = send (f, "/api/v1.0/user", &message);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);

  mq_http_read_async (message, stream, 1024, "127.0.0.1", MQ_HTTP_READ_WIPE,
                      copy_in_worker, &parsed, (GDestroyNotify) g_bytes_unref,
                      NULL, mq_test_store_result, &result);
  mq_test_await (&result);
  body = mq_http_read_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (parsed);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                   answer, strlen (answer));

  mq_test_wait_until_within (g_input_stream_is_closed (stream), MQ_TEST_WAIT_SECONDS);
}

/* A body over the cap fails with MQ_API_ERROR_TOO_LARGE, and its stream is closed too
 * (dropping the connection, not draining it). */
static void
test_too_large_closes_stream (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_HUGE, 2, 1);
  stream = send (f, "/api/v1.0/playlist", &message);

  mq_http_read_async (message, stream, 64 * 1024, "127.0.0.1", MQ_HTTP_READ_NONE,
                      NULL, NULL, NULL, NULL, mq_test_store_result, &result);
  mq_test_await (&result);
  body = mq_http_read_finish (result, &error);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_TOO_LARGE);
  g_assert_null (body);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));

  mq_test_wait_until_within (g_input_stream_is_closed (stream), MQ_TEST_WAIT_SECONDS);
}

/* A refused connection is MQ_API_ERROR_NETWORK, naming the host. */
static void
test_send_error (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, "http://127.0.0.1:1/");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;

  mq_http_send_async (f->session, message, NULL, mq_test_store_result, &result);
  mq_test_await (&result);
  stream = mq_http_send_finish (f->session, result, "example.invalid", &error);
  g_assert_null (stream);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "example.invalid"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/http-exchange/read-closes-stream", Fixture, NULL,
              fixture_set_up, test_read_closes_stream, fixture_tear_down);
  g_test_add ("/http-exchange/too-large-closes-stream", Fixture, NULL,
              fixture_set_up, test_too_large_closes_stream, fixture_tear_down);
  g_test_add ("/http-exchange/send-error", Fixture, NULL,
              fixture_set_up, test_send_error, fixture_tear_down);

  return g_test_run ();
}
