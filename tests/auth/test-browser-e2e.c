/* test-browser-e2e.c: browser sign-in through the real launch path
 *
 * The authorize URL goes to g_app_info_launch_default_for_uri_async(), as the app sends
 * it when GtkUriLauncher is not there. The default http handler, in this test's own
 * XDG dirs, is fake-browser: it fetches the URL, the fake viewneo redirects it to the
 * loopback callback, and the sign-in ends with a token in the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "fake-viewneo.h"
#include "mq-browser-sign-in.h"
#include "mq-loopback-receiver.h"
#include "mq-oauth.h"
#include "mq-session.h"
#include "mq-test-async.h"
#include "mq-test-browser.h"
#include "mq-test-files.h"
#include "mq-test-http.h"
#include "mq-test-viewneo.h"

#define CLIENT_ID "11"
#define CLIENT_SECRET "e2e-client-secret"

static void
test_sign_in_through_browser (void)
{
  g_autoptr(FakeViewneo) fake = fake_viewneo_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autofree char *url = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(MqOAuth) oauth = NULL;
  g_autoptr(MqBrowserSignIn) sign_in = NULL;
  g_autoptr(MqToken) token = NULL;
  g_autoptr(MqAccount) account = NULL;
  g_autoptr(MqTokenStore) store = NULL;
  g_autoptr(MqSession) session = NULL;
  g_autoptr(GAsyncResult) launched = NULL;
  g_autoptr(GAsyncResult) signed_in = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *launch_pending = NULL;
  GAsyncResult *sign_in_pending = NULL;
  GAsyncResult *pending = NULL;
  guint port = mq_test_free_port ();

  mq_test_register_fake_browser ();

  server = mq_test_viewneo_listen (fake);
  redirect_uri = mq_loopback_redirect_uri (port);
  fake_viewneo_add_client (fake, CLIENT_ID, CLIENT_SECRET, redirect_uri);
  fake_viewneo_set_auto_consent (fake, TRUE, FALSE);

  oauth = mq_oauth_new (server, CLIENT_ID, CLIENT_SECRET, redirect_uri);
  sign_in = mq_browser_sign_in_new (oauth, port, 60);
  url = mq_browser_sign_in_start (sign_in, &error);
  g_assert_no_error (error);

  mq_browser_sign_in_wait_async (sign_in, NULL, mq_test_store_result, &sign_in_pending);
  g_app_info_launch_default_for_uri_async (url, NULL, NULL, mq_test_store_result, &launch_pending);

  launched = mq_test_wait_result (&launch_pending);
  g_assert_true (g_app_info_launch_default_for_uri_finish (launched, &error));
  g_assert_no_error (error);

  signed_in = mq_test_wait_result (&sign_in_pending);
  token = mq_browser_sign_in_wait_finish (sign_in, signed_in, &error);
  g_assert_no_error (error);
  g_assert_true (mq_token_can_refresh (token));
  g_assert_cmpuint (fake_viewneo_get_token_grants (fake, "authorization_code"), ==, 1);

  /* The end of a sign-in: the token in the keyring. */
  account = mq_account_new (server, 42, "Jane Doe", MQ_TOKEN_KIND_OAUTH, CLIENT_ID);
  store = mq_token_store_new ();
  session = mq_session_new (account, store);
  mq_session_sign_in_async (session, token, CLIENT_SECRET, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  g_assert_true (mq_session_sign_in_finish (session, result, &error));
  g_assert_null (mq_session_get_keyring_error (session));
  g_clear_object (&result);

  mq_token_store_lookup_async (store, server, mq_account_get_id (account), MQ_SECRET_KIND_TOKEN,
                               NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  stored = mq_token_store_lookup_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  {
    g_autoptr(MqToken) from_keyring = mq_token_new_from_secret (stored, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (mq_token_get_access_token (from_keyring), ==, mq_token_get_access_token (token));
    g_assert_cmpstr (mq_token_get_refresh_token (from_keyring), ==, mq_token_get_refresh_token (token));
  }
  g_clear_object (&result);

  mq_session_sign_out_async (session, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  g_assert_true (mq_session_sign_out_finish (session, result, NULL));

  fake_viewneo_shutdown (fake);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("marquee-e2e-XXXXXX", NULL);
  g_autofree char *data_home = g_build_filename (home, "data", NULL);
  g_autofree char *config_home = g_build_filename (home, "config", NULL);
  int status;

  /* Before GLib and GIO read them: only this test's browser is the default one. The
   * system's data dirs stay, with the schemas that GIO's proxy lookup needs. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/browser-e2e/sign-in", test_sign_in_through_browser);

  status = g_test_run ();
  mq_test_remove_tree (home);

  return status;
}
