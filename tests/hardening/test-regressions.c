/* test-regressions.c: the bugs the hardening work found, one test each
 *
 * Each test fails without its fix. Paths start with the suite they run in (see
 * meson.build): /regressions/api/, /regressions/auth/, /regressions/ui/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <string.h>

#include "fake-viewneo.h"
#include "hardening-util.h"
#include "mq-account.h"
#include "mq-api-error.h"
#include "mq-client.h"
#include "mq-static-token-provider.h"
#include "mq-test-async.h"
#include "mq-test-files.h"
#include "mq-test-viewneo.h"
#include "mq-token-store.h"
#include "mq-token.h"

#define TOKEN "regression-token"

/* A 429 on every try: once the retries run out, the request was kept alive for ever,
 * and with it the client, its SoupSession and its token provider. */
static void
test_rate_limit_exhausted_frees_request (void)
{
  g_autoptr(FakeViewneo) fake = fake_viewneo_new ();
  g_autoptr(MqStaticTokenProvider) provider = mq_static_token_provider_new (TOKEN);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GAsyncResult *pending = NULL;
  MqClient *client;

  fake_viewneo_add_token (fake, TOKEN);
  url = mq_test_viewneo_listen (fake);
  fake_viewneo_add_fault (fake, "/api/v1.0/playlist", FAKE_FAULT_RATE_LIMIT, 0, 0);

  client = mq_client_new (url, MQ_TOKEN_PROVIDER (provider));
  g_object_set (client, "max-retries", 1, NULL);
  mq_client_list_playlists_async (client, NULL, NULL, NULL, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  playlists = mq_client_list_playlists_finish (client, result, NULL, &error);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_RATE_LIMITED);
  g_clear_object (&result);

  /* Nothing holds the client once its caller is done with it. */
  g_assert_finalize_object (client);
  g_assert_finalize_object (g_steal_pointer (&provider));

  fake_viewneo_shutdown (fake);
}

/* A keyring call cancelled before libsecret had connected to the Secret Service (the
 * first call of a process): its task was never freed, nor the store with it. */
static void
test_cancelled_keyring_call_frees_task (void)
{
  MqTokenStore *store = mq_token_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  GAsyncResult *pending = NULL;

  g_cancellable_cancel (cancellable);
  mq_token_store_lookup_async (store, "https://regressions.invalid", "1@regressions",
                               MQ_SECRET_KIND_TOKEN, cancellable, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  secret = mq_token_store_lookup_finish (store, result, &error);
  g_assert_null (secret);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&result);

  g_assert_finalize_object (store);
}

/* Lists the playlists of @fake, which answers them with @fault: the list's error. */
static GError *
list_playlists_with_fault (FakeViewneo *fake,
                           FakeFault    fault,
                           guint        fault_arg)
{
  g_autoptr(MqStaticTokenProvider) provider = mq_static_token_provider_new (TOKEN);
  g_autoptr(MqClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GAsyncResult *pending = NULL;

  fake_viewneo_add_token (fake, TOKEN);
  url = mq_test_viewneo_listen (fake);
  fake_viewneo_add_fault (fake, "/api/v1.0/playlist", fault, fault_arg, 0);

  client = mq_client_new (url, MQ_TOKEN_PROVIDER (provider));
  mq_client_list_playlists_async (client, NULL, NULL, NULL, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  playlists = mq_client_list_playlists_finish (client, result, NULL, &error);
  g_assert_null (playlists);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);

  return g_steal_pointer (&error);
}

/* A Retry-After of 999999999 was told as "Try again in 999999999 seconds". */
static void
test_rate_limit_past_an_hour_says_later (void)
{
  g_autoptr(FakeViewneo) fake = fake_viewneo_new ();
  g_autoptr(GError) error = list_playlists_with_fault (fake, FAKE_FAULT_RATE_LIMIT, 999999999);

  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_RATE_LIMITED);
  g_assert_cmpstr (error->message, ==,
                   "viewneo received too many requests from this account. Try again later.");

  fake_viewneo_shutdown (fake);
}

/* A next link to the page it came with was followed up to the page limit (1000
 * requests, 45 s). */
static void
test_next_link_to_same_page_stops (void)
{
  g_autoptr(FakeViewneo) fake = fake_viewneo_new ();
  g_autoptr(GError) error = list_playlists_with_fault (fake, FAKE_FAULT_NEXT_SELF, 0);

  /* Stopped at the first link to a page already fetched, with what happened. */
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==,
                   "127.0.0.1 sent a link back to a page Marquee has already read. Try again later.");
  g_assert_cmpuint (fake_viewneo_get_request_count (fake, "/api/v1.0/playlist"), ==, 1);

  fake_viewneo_shutdown (fake);
}

typedef struct
{
  char     *out;
  char     *err;
} Output;

/* `G_MESSAGES_DEBUG=all marquee --list-playlists --format=json > list.json` wrote
 * GLib's debug lines into list.json: the default log writer puts debug and info
 * messages on stdout. */
static void
test_command_line_messages_on_stderr (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Output output = { NULL, NULL };
  const char *last_line;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");

  /* No account in the settings (memory backend): it fails, having logged. */
  process = g_subprocess_launcher_spawn (launcher, &error, MARQUEE_PROGRAM,
                                         "--list-playlists", "--format=json", NULL);
  g_assert_no_error (error);
  mq_test_communicate (process, &output.out, &output.err);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 3);

  /* Nothing on stdout but what a script asked for; the debug lines and the error on
   * stderr, the error last. */
  g_assert_cmpstr (output.out, ==, "");
  g_assert_nonnull (strstr (output.err, "-DEBUG: "));
  g_assert_true (g_str_has_suffix (output.err, "\n"));
  last_line = g_strrstr_len (output.err, strlen (output.err) - 1, "\n");
  g_assert_nonnull (last_line);
  g_assert_true (g_str_has_prefix (last_line + 1, "marquee: "));

  g_free (output.out);
  g_free (output.err);
}

/* Every form of server address the client refuses, as a hand-edited setting may hold
 * it, for an account of each kind. */
static const struct
{
  const char *server;
  const char *kind;
} refused_servers[] = {
  { "http://example.invalid", "token" },
  { "http://127.0.0.1.nip.io", "token" },
  { "http://[::ffff:127.0.0.1]", "token" },
  { "http://0177.0.0.1", "token" },
  { "http://2130706433", "token" },
  { "http://localhost.", "token" },
  { "http://user:pw@127.0.0.1", "token" },
  { "ftp://127.0.0.1", "token" },
  { "http://example.invalid", "oauth" },
};

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (mq_token_store_store_finish (MQ_TOKEN_STORE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;

  mq_token_store_clear_finish (MQ_TOKEN_STORE (object), result, NULL);
  *done = TRUE;
}

/* `marquee --list-playlists` for an account whose server the client refuses died with
 * SIGSEGV: list_finish() read the list of a task that had failed before it had one. */
static void
test_command_line_refused_server_fails_cleanly (void)
{
  g_autoptr(MqTokenStore) store = mq_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) token = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *config_home = NULL;
  g_autofree char *keyfile = NULL;

  token = mq_token_new_personal (TOKEN, &error);
  g_assert_no_error (error);
  secret = mq_token_to_secret (token);

  config_home = g_dir_make_tmp ("marquee-regressions-XXXXXX", &error);
  g_assert_no_error (error);
  keyfile = g_build_filename (config_home, "glib-2.0", "settings", "keyfile", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refused_servers); i++)
    {
      const char *server = refused_servers[i].server;
      gboolean oauth = g_str_equal (refused_servers[i].kind, "oauth");
      g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (keyfile, "/", NULL);
      g_autoptr(GSettings) settings = g_settings_new_with_backend (APP_ID, backend);
      g_autoptr(MqAccount) account = NULL;
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autoptr(GSubprocess) process = NULL;
      Output output = { NULL, NULL };
      gboolean done = FALSE;
      int status;

      g_test_message ("server %s, %s account", server, refused_servers[i].kind);

      /* The account as it is saved, and its token in the keyring. */
      account = mq_account_new (server, 7, "Tester",
                                oauth ? MQ_TOKEN_KIND_OAUTH : MQ_TOKEN_KIND_PERSONAL,
                                oauth ? "12" : NULL);
      g_settings_set_value (settings, "accounts",
                            g_variant_new_parsed ("[(%s, %x, 'Tester', %s, %s)]", server,
                                                  (gint64) 7, refused_servers[i].kind,
                                                  oauth ? "12" : ""));
      g_settings_set_string (settings, "current-account", mq_account_get_id (account));
      g_settings_sync ();
      mq_token_store_store_async (store, server, mq_account_get_id (account),
                                  MQ_SECRET_KIND_TOKEN, "Marquee regression", secret, NULL,
                                  stored_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);

      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
      g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
      g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
      g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
      process = g_subprocess_launcher_spawn (launcher, &error, MARQUEE_PROGRAM,
                                             "--list-playlists", NULL);
      g_assert_no_error (error);
      mq_test_communicate (process, &output.out, &output.err);

      /* An exit status of the documented classes, and one line that says why. */
      g_assert_true (g_subprocess_get_if_exited (process));
      status = g_subprocess_get_exit_status (process);
      g_test_message ("exit status %d, %s", status, output.err);
      g_assert_cmpint (status, >=, 2);
      g_assert_cmpint (status, <=, 6);
      g_assert_cmpstr (output.out, ==, "");
      g_assert_true (g_str_has_prefix (output.err, "marquee: "));
      g_assert_true (g_str_has_suffix (output.err, "\n"));
      g_assert_cmpint (strchr (output.err, '\n') - output.err, ==, strlen (output.err) - 1);
      g_assert_null (strstr (output.err, TOKEN));

      done = FALSE;
      mq_token_store_clear_async (store, server, mq_account_get_id (account), NULL,
                                  cleared_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);

      g_free (output.out);
      g_free (output.err);
    }

  mq_test_remove_tree (config_home);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/regressions/api/rate-limit-exhausted-frees-request",
                   test_rate_limit_exhausted_frees_request);
  g_test_add_func ("/regressions/api/rate-limit-past-an-hour-says-later",
                   test_rate_limit_past_an_hour_says_later);
  g_test_add_func ("/regressions/api/next-link-to-same-page-stops",
                   test_next_link_to_same_page_stops);
  g_test_add_func ("/regressions/auth/cancelled-keyring-call-frees-task",
                   test_cancelled_keyring_call_frees_task);
  g_test_add_func ("/regressions/ui/command-line-messages-on-stderr",
                   test_command_line_messages_on_stderr);
  g_test_add_func ("/regressions/ui/command-line-refused-server-fails-cleanly",
                   test_command_line_refused_server_fails_cleanly);

  return g_test_run ();
}
