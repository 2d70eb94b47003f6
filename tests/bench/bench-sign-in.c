/* bench-sign-in.c: what browser sign-in adds to the browser's own time
 *
 *   bench-sign-in --fake PATH --browser PATH [--runs N]
 *
 * A fake viewneo process approves every authorization at once. The fake browser
 * (tests/auth) is registered as the http handler in this program's own XDG data dir,
 * and launched the way the app launches a browser without GtkUriLauncher
 * (g_app_info_launch_default_for_uri_async()).
 *
 *   sign-in:  from the Sign In click (MqBrowserSignIn made and started: PKCE, state,
 *             the loopback receiver listening) to the token stored in the keyring
 *             (MqSession), through the browser, the callback and the code exchange.
 *   browser:  the same browser launched on the same kind of authorize URL, with a
 *             plain libsoup server on the redirect port that answers the callback at
 *             once: from the launch to the callback's arrival.
 *
 * The difference is Marquee's own share. Runs alternate after a warm-up of each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "bench-util.h"
#include "mq-account.h"
#include "mq-browser-sign-in.h"
#include "mq-loopback-receiver.h"
#include "mq-oauth.h"
#include "mq-session.h"
#include "mq-test-async.h"
#include "mq-test-http.h"
#include "mq-token-store.h"

#define DESKTOP_ID "marquee-bench-browser.desktop"
/* Only for the fake server this program starts. */
#define CLIENT_ID "bench-client"
#define CLIENT_SECRET "bench-client-secret"

/* The fake browser as the default http handler, for GIO in this process only. */
static void
register_browser (const char *browser)
{
  g_autofree char *applications = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *desktop_file = g_build_filename (applications, DESKTOP_ID, NULL);
  g_autofree char *mimeapps = g_build_filename (applications, "mimeapps.list", NULL);
  g_autofree char *desktop = NULL;
  g_autoptr(GAppInfo) handler = NULL;
  g_autoptr(GError) error = NULL;

  desktop = g_strdup_printf ("[Desktop Entry]\n"
                             "Type=Application\n"
                             "Name=Marquee Benchmark Browser\n"
                             "Exec=%s %%u\n"
                             "MimeType=x-scheme-handler/http;x-scheme-handler/https;\n"
                             "NoDisplay=true\n", browser);
  if (g_mkdir_with_parents (applications, 0700) != 0 ||
      !g_file_set_contents (desktop_file, desktop, -1, &error) ||
      !g_file_set_contents (mimeapps,
                            "[Default Applications]\n"
                            "x-scheme-handler/http=" DESKTOP_ID "\n"
                            "x-scheme-handler/https=" DESKTOP_ID "\n",
                            -1, &error))
    g_error ("Cannot register the browser: %s", error != NULL ? error->message : g_strerror (errno));

  handler = g_app_info_get_default_for_uri_scheme ("http");
  if (handler == NULL || g_strcmp0 (g_app_info_get_id (handler), DESKTOP_ID) != 0)
    g_error ("GIO does not see the benchmark's browser as the default one");
}

static void
launch_browser (const char *url)
{
  g_autoptr(GAsyncResult) launched = NULL;
  g_autoptr(GError) error = NULL;

  g_app_info_launch_default_for_uri_async (url, NULL, NULL, mq_test_store_result, &launched);
  if (!g_app_info_launch_default_for_uri_finish (mq_test_await (&launched), &error))
    g_error ("Cannot launch the browser: %s", error->message);
}

static double
run_sign_in (MqOAuth      *oauth,
             guint         port,
             MqTokenStore *store,
             MqAccount    *account)
{
  g_autoptr(MqBrowserSignIn) sign_in = NULL;
  g_autoptr(MqSession) session = mq_session_new (account, store);
  g_autoptr(GAsyncResult) signed_in = NULL;
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gint64 start = g_get_monotonic_time ();

  sign_in = mq_browser_sign_in_new (oauth, port, 60);
  url = mq_browser_sign_in_start (sign_in, &error);
  if (url == NULL)
    g_error ("Cannot start the sign-in: %s", error->message);
  mq_browser_sign_in_wait_async (sign_in, NULL, mq_test_store_result, &signed_in);
  launch_browser (url);

  token = mq_browser_sign_in_wait_finish (sign_in, mq_test_await (&signed_in), &error);
  if (token == NULL)
    g_error ("The sign-in failed: %s", error->message);

  mq_session_sign_in_async (session, token, CLIENT_SECRET, NULL, mq_test_store_result, &stored);
  if (!mq_session_sign_in_finish (session, mq_test_await (&stored), &error))
    g_error ("Storing the token failed: %s", error->message);
  if (mq_session_get_keyring_error (session) != NULL)
    g_error ("The keyring: %s (run inside build-aux/headless)",
             mq_session_get_keyring_error (session)->message);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
callback_cb (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  static const char page[] = "<!DOCTYPE html><title>Signed in</title><p>You can close this page.";

  *(gint64 *) user_data = g_get_monotonic_time ();
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                    page, sizeof page - 1);
}

static double
run_browser_only (MqOAuth *oauth,
                  guint    port)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gint64 arrived = 0;
  gint64 start;

  soup_server_add_handler (server, "/callback", callback_cb, &arrived, NULL);
  if (!soup_server_listen_local (server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("Cannot listen on port %u: %s", port, error->message);

  /* A state and challenge of the usual length: the URL the browser gets is alike. */
  url = mq_oauth_build_authorize_url (oauth, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG",
                                      "HIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwx");
  start = g_get_monotonic_time ();
  launch_browser (url);
  while (arrived == 0)
    g_main_context_iteration (NULL, TRUE);

  soup_server_disconnect (server);

  return (arrived - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *fake_path = NULL;
  g_autofree char *browser = NULL;
  int n_runs = 10;
  const GOptionEntry entries[] = {
    { "fake", 0, 0, G_OPTION_ARG_FILENAME, &fake_path, "The fake-viewneo program", "PATH" },
    { "browser", 0, 0, G_OPTION_ARG_FILENAME, &browser, "The fake-browser program", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Measured runs of each (10)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time browser sign-in");
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autofree char *redirect_arg = NULL;
  g_autoptr(BenchFake) fake = NULL;
  g_autoptr(MqOAuth) oauth = NULL;
  g_autoptr(MqTokenStore) store = NULL;
  g_autoptr(MqAccount) account = NULL;
  g_autoptr(GArray) sign_in_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) browser_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) overhead_ms = g_array_new (FALSE, FALSE, sizeof (double));
  const char *fake_args[] = { "--client-id=" CLIENT_ID, "--client-secret=" CLIENT_SECRET,
                              NULL, "--auto-approve", NULL };
  guint port;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (fake_path == NULL || browser == NULL || n_runs < 1)
    g_error ("Usage: %s --fake PATH --browser PATH [--runs N]", argv[0]);

  /* Before GIO looks: only this program's browser is the default one. */
  home = bench_make_temp_dir ("marquee-bench-sign-in-XXXXXX");
  data_home = g_build_filename (home, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  register_browser (browser);

  port = mq_test_free_port ();
  redirect_uri = mq_loopback_redirect_uri (port);
  redirect_arg = g_strconcat ("--redirect-uri=", redirect_uri, NULL);
  fake_args[2] = redirect_arg;
  fake = bench_fake_start (fake_path, 0, 100, fake_args);

  oauth = mq_oauth_new (fake->url, CLIENT_ID, CLIENT_SECRET, redirect_uri);
  store = mq_token_store_new ();
  account = mq_account_new (fake->url, 42, "Bench", MQ_TOKEN_KIND_OAUTH, CLIENT_ID);

  run_browser_only (oauth, port);
  run_sign_in (oauth, port, store, account);
  for (int i = 0; i < n_runs; i++)
    {
      double browser_only = run_browser_only (oauth, port);
      double sign_in = run_sign_in (oauth, port, store, account);
      double overhead = sign_in - browser_only;

      g_array_append_val (browser_ms, browser_only);
      g_array_append_val (sign_in_ms, sign_in);
      g_array_append_val (overhead_ms, overhead);
    }

  printf ("Browser sign-in against a fake viewneo that approves at once; median of %d runs\n"
          "after a warm-up, the fake browser launched through GIO's default http handler\n",
          n_runs);
  bench_table_header ("from", "median", "min", "max", NULL);
  bench_table_row ("browser only: launch to callback",
                   bench_format_ms (bench_median (browser_ms)),
                   bench_format_ms (bench_min (browser_ms)),
                   bench_format_ms (bench_max (browser_ms)), NULL);
  bench_table_row ("sign-in: click to token stored",
                   bench_format_ms (bench_median (sign_in_ms)),
                   bench_format_ms (bench_min (sign_in_ms)),
                   bench_format_ms (bench_max (sign_in_ms)), NULL);
  bench_table_row ("Marquee's share (per run)",
                   bench_format_ms (bench_median (overhead_ms)),
                   bench_format_ms (bench_min (overhead_ms)),
                   bench_format_ms (bench_max (overhead_ms)), NULL);
  printf ("\ntarget: Marquee's share <= 50 ms\n");

  /* The keyring of the session is a throw-away one, but leave it as found. */
  {
    g_autoptr(MqSession) session = mq_session_new (account, store);
    g_autoptr(GAsyncResult) signed_out = NULL;

    mq_session_sign_out_async (session, NULL, mq_test_store_result, &signed_out);
    mq_session_sign_out_finish (session, mq_test_await (&signed_out), NULL);
  }
  bench_remove_dir (home);

  return EXIT_SUCCESS;
}
