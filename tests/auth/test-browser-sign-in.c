/* test-browser-sign-in.c: one browser sign-in attempt against the fake viewneo, with a
 * libsoup client in the browser's place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fake-viewneo-tls.h"
#include "fake-viewneo.h"
#include "mq-api-error.h"
#include "mq-auth-error.h"
#include "mq-browser-sign-in.h"
#include "mq-loopback-receiver.h"
#include "mq-oauth.h"
#include "mq-test-async.h"
#include "mq-test-http.h"
#include "mq-test-viewneo.h"

#define CLIENT_ID "7"
#define CLIENT_SECRET "qW3rTy-secret"

typedef struct
{
  FakeViewneo *fake;
  char        *url;
  guint        port;
  char        *redirect_uri;
  MqOAuth     *oauth;
  SoupSession *browser;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->fake = fake_viewneo_new ();
  fixture->url = mq_test_viewneo_listen (fixture->fake);
  fixture->port = mq_test_free_port ();
  fixture->redirect_uri = mq_loopback_redirect_uri (fixture->port);
  fake_viewneo_add_client (fixture->fake, CLIENT_ID, CLIENT_SECRET, fixture->redirect_uri);
  fake_viewneo_set_auto_consent (fixture->fake, TRUE, FALSE);
  fixture->oauth = mq_oauth_new (fixture->url, CLIENT_ID, CLIENT_SECRET, fixture->redirect_uri);
  fixture->browser = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->browser);
  g_clear_object (&fixture->oauth);
  mq_test_viewneo_stop (&fixture->fake);
  g_clear_pointer (&fixture->url, g_free);
  g_clear_pointer (&fixture->redirect_uri, g_free);
}

static MqToken *
wait_sign_in (MqBrowserSignIn  *sign_in,
              GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  mq_browser_sign_in_wait_async (sign_in, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);

  return mq_browser_sign_in_wait_finish (sign_in, result, error);
}

/* The browser opens @url, the sign-in page, which must load. */
static void
open_page (Fixture    *fixture,
           const char *url)
{
  g_autofree char *page = NULL;
  guint status;

  page = mq_test_get (fixture->browser, url, &status, NULL);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
}

/* The end of @sign_in, which must fail with @code. */
static void
assert_sign_in_fails (MqBrowserSignIn *sign_in,
                      int              code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) token = wait_sign_in (sign_in, &error);

  g_assert_error (error, MQ_AUTH_ERROR, code);
  g_assert_null (token);
}

static void
test_sign_in (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(MqBrowserSignIn) sign_in = mq_browser_sign_in_new (fixture->oauth, fixture->port, 60);
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *page = NULL;
  guint status;

  url = mq_browser_sign_in_start (sign_in, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, fixture->url));

  /* The browser: the authorize page redirects to the loopback callback. */
  page = mq_test_get (fixture->browser, url, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_nonnull (strstr (page, "You are signed in to Marquee."));

  token = wait_sign_in (sign_in, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mq_token_get_kind (token), ==, MQ_TOKEN_KIND_OAUTH);
  g_assert_true (mq_token_can_refresh (token));
  g_assert_cmpint (mq_token_get_expires_at (token), >, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "authorization_code"), ==, 1);
}

static void
test_fresh_secrets (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(MqBrowserSignIn) first = mq_browser_sign_in_new (fixture->oauth, fixture->port, 60);
  g_autoptr(MqBrowserSignIn) second = NULL;
  g_autofree char *first_url = NULL;
  g_autofree char *second_url = NULL;
  g_autofree char *first_state = NULL;
  g_autofree char *second_state = NULL;
  g_autofree char *first_challenge = NULL;
  g_autofree char *second_challenge = NULL;
  g_autofree char *method = NULL;
  g_autofree char *redirect_uri = NULL;

  first_url = mq_browser_sign_in_start (first, NULL);
  g_assert_nonnull (first_url);
  /* The first attempt is abandoned: its port is free again once it is gone. */
  g_clear_object (&first);

  second = mq_browser_sign_in_new (fixture->oauth, fixture->port, 60);
  second_url = mq_browser_sign_in_start (second, NULL);
  g_assert_nonnull (second_url);

  first_state = mq_test_query_param (first_url, "state");
  second_state = mq_test_query_param (second_url, "state");
  first_challenge = mq_test_query_param (first_url, "code_challenge");
  second_challenge = mq_test_query_param (second_url, "code_challenge");
  method = mq_test_query_param (second_url, "code_challenge_method");
  redirect_uri = mq_test_query_param (second_url, "redirect_uri");

  /* 32 random bytes each, new for every attempt. */
  g_assert_cmpuint (strlen (first_state), ==, 43);
  g_assert_cmpstr (first_state, !=, second_state);
  g_assert_cmpuint (strlen (first_challenge), ==, 43);
  g_assert_cmpstr (first_challenge, !=, second_challenge);
  g_assert_cmpstr (method, ==, "S256");
  g_assert_cmpstr (redirect_uri, ==, fixture->redirect_uri);
}

static void
test_state_mismatch_continues (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(MqBrowserSignIn) sign_in = mq_browser_sign_in_new (fixture->oauth, fixture->port, 60);
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mq_browser_sign_in_start (sign_in, NULL);
  g_autofree char *forged = g_strdup_printf ("%s?code=forged&state=guess", fixture->redirect_uri);
  g_autofree char *page = NULL;
  guint status;

  /* Another local program tries its luck first. */
  page = mq_test_get (fixture->browser, forged, &status, NULL);
  g_assert_cmpuint (status, ==, SOUP_STATUS_BAD_REQUEST);
  g_clear_pointer (&page, g_free);

  open_page (fixture, url);

  token = wait_sign_in (sign_in, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
}

static void
test_denied (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(MqBrowserSignIn) sign_in = mq_browser_sign_in_new (fixture->oauth, fixture->port, 60);
  g_autofree char *url = mq_browser_sign_in_start (sign_in, NULL);

  fake_viewneo_set_auto_consent (fixture->fake, TRUE, TRUE);
  open_page (fixture, url);

  assert_sign_in_fails (sign_in, MQ_AUTH_ERROR_ACCESS_DENIED);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "authorization_code"), ==, 0);
}

static void
test_invalid_client (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MqOAuth) wrong = mq_oauth_new (fixture->url, CLIENT_ID, "wrong-secret", fixture->redirect_uri);
  g_autoptr(MqBrowserSignIn) sign_in = mq_browser_sign_in_new (wrong, fixture->port, 60);
  g_autofree char *url = mq_browser_sign_in_start (sign_in, NULL);

  /* The browser part works; the secret is only checked at the exchange. */
  open_page (fixture, url);

  assert_sign_in_fails (sign_in, MQ_AUTH_ERROR_INVALID_CLIENT);
}

static void
test_port_in_use (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MqBrowserSignIn) first = mq_browser_sign_in_new (fixture->oauth, fixture->port, 60);
  g_autoptr(MqBrowserSignIn) second = mq_browser_sign_in_new (fixture->oauth, fixture->port, 60);
  g_autofree char *first_url = mq_browser_sign_in_start (first, NULL);
  g_autofree char *second_url = NULL;
  g_autoptr(GError) error = NULL;

  /* Reported before any browser opens. */
  g_assert_nonnull (first_url);
  second_url = mq_browser_sign_in_start (second, &error);
  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_PORT_IN_USE);
  g_assert_null (second_url);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(MqBrowserSignIn) sign_in = mq_browser_sign_in_new (fixture->oauth, fixture->port, 60);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mq_browser_sign_in_start (sign_in, NULL);
  GAsyncResult *pending = NULL;

  mq_browser_sign_in_wait_async (sign_in, cancellable, mq_test_store_result, &pending);
  g_cancellable_cancel (cancellable);
  result = mq_test_wait_result (&pending);
  token = mq_browser_sign_in_wait_finish (sign_in, result, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (token);
}

/* ---- over https, with a CA made for the test ---- */

static MqToken *
refresh (MqOAuth     *oauth,
         const char  *refresh_token,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  mq_oauth_refresh_async (oauth, refresh_token, g_get_real_time () / G_USEC_PER_SEC, NULL,
                          mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);

  return mq_oauth_refresh_finish (oauth, result, error);
}

/* The fixture's server again, over https: the token calls trust @trusted. */
static void
start_over_tls (Fixture      *fixture,
                FakeTestCa   *ca,
                GTlsDatabase *trusted)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->oauth);
  g_clear_pointer (&fixture->url, g_free);
  fake_viewneo_shutdown (fixture->fake);
  fake_viewneo_listen_tls (fixture->fake, 0, fake_test_ca_get_server_certificate (ca), &error);
  g_assert_no_error (error);
  fixture->url = fake_viewneo_get_url (fixture->fake);
  g_assert_true (g_str_has_prefix (fixture->url, "https://127.0.0.1:"));

  fixture->oauth = mq_oauth_new (fixture->url, CLIENT_ID, CLIENT_SECRET, fixture->redirect_uri);
  g_object_set (fixture->oauth, "tls-database", trusted, NULL);
  /* The browser trusts the test CA in every case: what is tested is Marquee. */
  soup_session_set_tls_database (fixture->browser, fake_test_ca_get_database (ca));
}

/* A browser sign-in and a refresh of its token, against a server whose certificate
 * Marquee trusts. */
static void
test_https (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FakeTestCa) ca = fake_test_ca_new (&error);
  g_autoptr(MqBrowserSignIn) sign_in = NULL;
  g_autoptr(MqToken) token = NULL;
  g_autoptr(MqToken) refreshed = NULL;
  g_autofree char *url = NULL;
  g_autofree char *page = NULL;
  guint status;

  g_assert_no_error (error);
  start_over_tls (fixture, ca, fake_test_ca_get_database (ca));

  sign_in = mq_browser_sign_in_new (fixture->oauth, fixture->port, 60);
  url = mq_browser_sign_in_start (sign_in, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, fixture->url));
  page = mq_test_get (fixture->browser, url, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);

  token = wait_sign_in (sign_in, &error);
  g_assert_no_error (error);
  g_assert_true (mq_token_can_refresh (token));
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "authorization_code"), ==, 1);

  refreshed = refresh (fixture->oauth, mq_token_get_refresh_token (token), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mq_token_get_access_token (refreshed), !=, mq_token_get_access_token (token));
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 1);
}

/* The same, with Marquee trusting another CA: the code exchange is refused with the TLS
 * message, and no token request (with the code, verifier and secret) goes out. */
static void
test_https_untrusted (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FakeTestCa) ca = fake_test_ca_new (&error);
  g_autoptr(FakeTestCa) other_ca = fake_test_ca_new (&error);
  g_autoptr(MqBrowserSignIn) sign_in = NULL;
  g_autoptr(MqToken) token = NULL;
  g_autofree char *url = NULL;
  g_autofree char *page = NULL;
  guint status;

  g_assert_no_error (error);
  start_over_tls (fixture, ca, fake_test_ca_get_database (other_ca));

  sign_in = mq_browser_sign_in_new (fixture->oauth, fixture->port, 60);
  url = mq_browser_sign_in_start (sign_in, &error);
  g_assert_no_error (error);
  page = mq_test_get (fixture->browser, url, &status, &error);
  g_assert_no_error (error);

  token = wait_sign_in (sign_in, &error);
  g_assert_null (token);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_TLS);
  g_assert_cmpstr (error->message, ==,
                   "The certificate of 127.0.0.1 is not trusted, so Marquee did not connect. "
                   "Check the server address and the date and time of this computer.");
  g_clear_error (&error);

  token = refresh (fixture->oauth, "some-refresh-token", &error);
  g_assert_null (token);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_TLS);

  g_assert_cmpuint (fake_viewneo_get_request_count (fixture->fake, "/oauth/token"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/browser-sign-in/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("sign-in", test_sign_in);
  ADD ("fresh-secrets", test_fresh_secrets);
  ADD ("state-mismatch-continues", test_state_mismatch_continues);
  ADD ("denied", test_denied);
  ADD ("invalid-client", test_invalid_client);
  ADD ("port-in-use", test_port_in_use);
  ADD ("cancel", test_cancel);
  ADD ("https", test_https);
  ADD ("https-untrusted", test_https_untrusted);

#undef ADD

  return g_test_run ();
}
