/* test-log-capture.c: a whole sign-in and refresh, with every log message caught,
 * none of which may show a token, a refresh token, the client secret, the code, the
 * state or the PKCE verifier
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mq-auth-error.h"
#include "mq-browser-sign-in.h"
#include "mq-loopback-receiver.h"
#include "mq-oauth.h"
#include "mq-random.h"
#include "mq-test-async.h"
#include "mq-test-http.h"
#include "mq-test-session.h"

static GPtrArray *messages;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }

  g_ptr_array_add (messages, g_strdup_printf ("%s: %s", domain ? domain : "(none)",
                                              message ? message : ""));

  /* Warnings and criticals still fail the test. */
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  return G_LOG_WRITER_HANDLED;
}

static guint
count_domain (const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < messages->len; i++)
    n += g_str_has_prefix (g_ptr_array_index (messages, i), prefix);

  return n;
}

static void
assert_not_logged (const char *secret,
                   const char *what)
{
  g_assert_nonnull (secret);
  g_assert_cmpuint (strlen (secret), >=, 8);

  for (guint i = 0; i < messages->len; i++)
    {
      const char *message = g_ptr_array_index (messages, i);

      if (strstr (message, secret) != NULL)
        g_error ("The %s appears in a log message", what);
    }
}

/* Whatever else might be a secret: a run of 32 or more base64url characters (the
 * verifier, which the test never sees, is 43). */
static void
assert_no_secret_like_runs (void)
{
  for (guint i = 0; i < messages->len; i++)
    {
      const char *message = g_ptr_array_index (messages, i);
      gsize run = 0;

      for (const char *p = message; *p != '\0'; p++)
        {
          run = g_ascii_isalnum (*p) || *p == '-' || *p == '_' ? run + 1 : 0;
          if (run >= 32)
            g_error ("A log message carries something like a secret: message %u", i);
        }
    }
}

/* The browser, in two steps so that the test learns the code it carries. */
static char *
browse_to_callback (const char *authorize_url)
{
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autoptr(SoupMessage) authorize = soup_message_new (SOUP_METHOD_GET, authorize_url);
  g_autofree char *body = NULL;
  g_autofree char *page = NULL;
  const char *location;
  guint status;

  soup_message_add_flags (authorize, SOUP_MESSAGE_NO_REDIRECT);
  body = mq_test_request (browser, authorize, &status, NULL);
  g_assert_cmpuint (status, ==, SOUP_STATUS_FOUND);
  location = soup_message_headers_get_one (soup_message_get_response_headers (authorize), "Location");

  page = mq_test_get (browser, location, &status, NULL);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);

  return mq_test_query_param (location, "code");
}

static void
test_no_secrets_logged (MqTestSession *fixture,
                        gconstpointer  data)
{
  g_autoptr(MqOAuth) oauth = mq_oauth_new (fixture->url, MQ_TEST_CLIENT_ID,
                                           MQ_TEST_CLIENT_SECRET, fixture->redirect_uri);
  g_autoptr(GUri) redirect = g_uri_parse (fixture->redirect_uri, G_URI_FLAGS_NONE, NULL);
  g_autoptr(MqBrowserSignIn) sign_in = mq_browser_sign_in_new (oauth, g_uri_get_port (redirect), 60);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) first = NULL;
  g_autoptr(MqToken) third = NULL;
  g_autoptr(MqToken) stolen = NULL;
  g_autofree char *url = NULL;
  g_autofree char *state = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *code = NULL;
  g_autofree char *second = NULL;
  g_autofree char *second_refresh = NULL;
  g_autofree char *refused = NULL;
  GAsyncResult *pending = NULL;

  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_log_set_debug_enabled (TRUE);

  /* Browser sign-in. */
  url = mq_browser_sign_in_start (sign_in, &error);
  g_assert_no_error (error);
  state = mq_test_query_param (url, "state");
  challenge = mq_test_query_param (url, "code_challenge");
  mq_browser_sign_in_wait_async (sign_in, NULL, mq_test_store_result, &pending);
  code = browse_to_callback (url);
  result = mq_test_wait_result (&pending);
  first = mq_browser_sign_in_wait_finish (sign_in, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Kept in the keyring. */
  mq_session_sign_in_async (fixture->session, first, MQ_TEST_CLIENT_SECRET, NULL,
                            mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  g_assert_true (mq_session_sign_in_finish (fixture->session, result, &error));
  g_clear_object (&result);

  /* A 401, a refresh, a rotation stored. */
  second = mq_test_session_get_token (fixture->session, mq_token_get_access_token (first), &error);
  g_assert_no_error (error);
  second_refresh = g_strdup (mq_token_get_refresh_token (mq_session_get_token (fixture->session)));

  /* Signed in anew, and that refresh token used up elsewhere: a refused refresh. */
  third = mq_test_session_obtain_token (fixture);
  mq_session_sign_in_async (fixture->session, third, MQ_TEST_CLIENT_SECRET, NULL,
                            mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  g_assert_true (mq_session_sign_in_finish (fixture->session, result, &error));
  g_clear_object (&result);
  {
    g_autoptr(MqOAuth) elsewhere = mq_oauth_new (fixture->url, MQ_TEST_CLIENT_ID,
                                                 MQ_TEST_CLIENT_SECRET, NULL);

    mq_oauth_refresh_async (elsewhere, mq_token_get_refresh_token (third),
                            g_get_real_time () / G_USEC_PER_SEC, NULL,
                            mq_test_store_result, &pending);
    result = mq_test_wait_result (&pending);
    stolen = mq_oauth_refresh_finish (elsewhere, result, &error);
    g_assert_no_error (error);
    g_clear_object (&result);
  }
  refused = mq_test_session_get_token (fixture->session, mq_token_get_access_token (third), &error);
  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_GRANT);
  g_assert_null (refused);
  g_clear_error (&error);

  mq_session_sign_out_async (fixture->session, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  g_assert_true (mq_session_sign_out_finish (fixture->session, result, NULL));

  g_log_set_debug_enabled (FALSE);

  /* The code did log: the check is not vacuous. */
  g_assert_cmpuint (count_domain ("marquee-auth: "), >=, 5);

  assert_not_logged (mq_token_get_access_token (first), "first access token");
  assert_not_logged (mq_token_get_refresh_token (first), "first refresh token");
  assert_not_logged (second, "refreshed access token");
  assert_not_logged (second_refresh, "rotated refresh token");
  assert_not_logged (mq_token_get_access_token (third), "second sign-in's access token");
  assert_not_logged (mq_token_get_refresh_token (third), "second sign-in's refresh token");
  assert_not_logged (mq_token_get_access_token (stolen), "other access token");
  assert_not_logged (mq_token_get_refresh_token (stolen), "other refresh token");
  assert_not_logged (MQ_TEST_CLIENT_SECRET, "client secret");
  assert_not_logged (code, "authorization code");
  assert_not_logged (state, "state");
  assert_not_logged (challenge, "PKCE challenge");
  assert_no_secret_like_runs ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  messages = g_ptr_array_new_with_free_func (g_free);

  g_test_add ("/log-capture/no-secrets", MqTestSession, NULL,
              mq_test_session_set_up, test_no_secrets_logged, mq_test_session_tear_down);

  status = g_test_run ();
  g_ptr_array_unref (messages);

  return status;
}
