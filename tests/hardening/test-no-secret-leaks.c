/* test-no-secret-leaks.c: a whole sign-in, a refresh and a playlist load, then
 * `marquee --list-playlists`, and no secret anywhere but in the keyring
 *
 * Everything happens in throw-away HOME and XDG directories of this test, on a D-Bus
 * bus of its own with a gnome-keyring-daemon of its own, with every debug message on:
 * the real application signs in through the browser flow with PKCE (the fake browser
 * registered as the http handler follows the fake viewneo's redirect to the loopback
 * callback), loads and caches the playlists, refreshes its token after a 401, and the
 * real program lists the playlists on the command line. Then every log message, the
 * program's stdout and stderr, a dump of the settings (keyfile backend) and every file
 * under the throw-away directories except the keyring's own files are searched for the
 * access and refresh tokens (before and after the refresh), the client secret, the
 * authorization code, the PKCE verifier and the state. The test learns the tokens
 * from the keyring through libsecret, and the code, verifier and state from the fake.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>

#include "fake-viewneo.h"
#include "hardening-app.h"
#include "hardening-util.h"
#include "mq-account.h"
#include "mq-browser-sign-in-page.h"
#include "mq-playlist.h"
#include "mq-playlists-view.h"
#include "mq-sign-in-view.h"
#include "mq-test-browser.h"
#include "mq-test-files.h"
#include "mq-test-keyring.h"
#include "mq-test-viewneo.h"
#include "mq-token.h"

#define CLIENT_ID "77"
#define CLIENT_SECRET "leak-test-client-secret-0123456789"
#define KEYRING_PASSWORD "leak-test-keyring-password"
#define USER_ID 4711
#define USER_NAME "Leak Test Signage"
#define N_PLAYLISTS 40

static char *root;
static MqTestKeyring *keyring;

/* ---- every log message of this process ---- */

static GString *log_text;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  /* Every field that is text, whatever its name: what a journal would keep. */
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append_printf (log_text, "%s=%s\n", fields[i].key, (const char *) fields[i].value);
    }

  /* Warnings and criticals still show, and still fail the test. */
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  return G_LOG_WRITER_HANDLED;
}

/* What does not use structured logging goes through the default handler, which the
 * test framework would print on stdout: it is caught the same way. */
static void
capture_handler (const char     *log_domain,
                 GLogLevelFlags  log_level,
                 const char     *message,
                 gpointer        user_data)
{
  const GLogField fields[] = {
    { "GLIB_DOMAIN", log_domain != NULL ? log_domain : "", -1 },
    { "MESSAGE", message, -1 },
  };

  capture_writer (log_level, fields, G_N_ELEMENTS (fields), user_data);
}

/* ---- the fake browser, as the default http handler ---- */

/* ---- the application ---- */

typedef struct
{
  FakeViewneo *fake;
  char        *server;
  char        *account_id;
  MqToken     *signed_in;     /* the keyring's token after the sign-in */
  MqToken     *refreshed;     /* and after the refresh */
  char        *playlist_name; /* one that was shown */
} Run;

static MqToken *
keyring_token (Run *run)
{
  g_autofree char *secret = mq_test_keyring_lookup (run->server, run->account_id, "token");
  g_autoptr(GError) error = NULL;
  MqToken *token;

  if (secret == NULL)
    return NULL;

  token = mq_token_new_from_secret (secret, &error);
  g_assert_no_error (error);

  return token;
}

static gboolean
token_changed (Run *run)
{
  g_autoptr(MqToken) now = keyring_token (run);

  return now != NULL &&
         !g_str_equal (mq_token_get_access_token (now), mq_token_get_access_token (run->signed_in));
}

static gboolean
cache_written (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "marquee", NULL);
  g_autoptr(GDir) entries = g_dir_open (dir, 0, NULL);
  const char *name;

  while (entries != NULL && (name = g_dir_read_name (entries)) != NULL)
    if (g_str_has_prefix (name, "playlists-") && g_str_has_suffix (name, ".json"))
      return TRUE;

  return FALSE;
}

static void
app_body (MqApplication *app,
          MqWindow      *window,
          gpointer       user_data)
{
  Run *run = user_data;
  GtkWidget *sign_in_view = hardening_child (window, MQ_TYPE_WINDOW, "sign_in_view");
  GtkWidget *page = hardening_child (sign_in_view, MQ_TYPE_SIGN_IN_VIEW, "browser_page");
  GtkWidget *view = hardening_child (window, MQ_TYPE_WINDOW, "playlists_view");
  GtkStack *main_stack = hardening_child (window, MQ_TYPE_WINDOW, "main_stack");
  GListModel *shown = mq_playlists_view_get_shown (MQ_PLAYLISTS_VIEW (view));
  g_autoptr(MqPlaylist) first = NULL;

  /* Sign in with a browser: the fake browser opens the link, viewneo approves. */
  hardening_click (hardening_child (sign_in_view, MQ_TYPE_SIGN_IN_VIEW, "browser_button"));
  gtk_editable_set_text (hardening_child (page, MQ_TYPE_BROWSER_SIGN_IN_PAGE, "client_id_row"), CLIENT_ID);
  gtk_editable_set_text (hardening_child (page, MQ_TYPE_BROWSER_SIGN_IN_PAGE, "client_secret_row"),
                         CLIENT_SECRET);
  hardening_click (hardening_child (page, MQ_TYPE_BROWSER_SIGN_IN_PAGE, "sign_in_button"));

  /* The playlists, loaded and kept for the next start. */
  hardening_wait_until (g_strcmp0 (gtk_stack_get_visible_child_name (main_stack), "playlists") == 0);
  hardening_wait_until (g_list_model_get_n_items (shown) == N_PLAYLISTS);
  hardening_wait_until (cache_written ());
  g_assert_cmpuint (fake_viewneo_get_token_grants (run->fake, "authorization_code"), ==, 1);

  run->account_id = g_strdup (mq_account_get_id (mq_application_get_current_account (app)));
  run->signed_in = keyring_token (run);
  g_assert_nonnull (run->signed_in);
  first = g_list_model_get_item (shown, 0);
  run->playlist_name = g_strdup (mq_playlist_get_name (first));

  /* viewneo stops taking the access token: the next load refreshes it. */
  fake_viewneo_revoke_token (run->fake, mq_token_get_access_token (run->signed_in));
  gtk_widget_activate_action (view, "playlists.reload", NULL);
  hardening_wait_until (fake_viewneo_get_token_grants (run->fake, "refresh_token") == 1);
  hardening_wait_until (token_changed (run));
  run->refreshed = keyring_token (run);
  hardening_wait_until (g_list_model_get_n_items (shown) == N_PLAYLISTS &&
                        g_strcmp0 (gtk_stack_get_visible_child_name (main_stack), "playlists") == 0);
}

/* ---- programs run with every debug message on ---- */

typedef struct
{
  char     *out;
  char     *err;
} Output;

/* Runs @argv in this test's session (its bus, its directories, the keyfile settings)
 * with G_MESSAGES_DEBUG=all; returns its exit status, and its output in @output. */
static int
run_program (const char * const *argv,
             Output             *output)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  mq_test_communicate (process, &output->out, &output->err);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

/* ---- the search ---- */

typedef struct
{
  const char *what;
  const char *value;
} Secret;

static gboolean
contains (const char *data,
          gsize       length,
          const char *needle)
{
  return memmem (data, length, needle, strlen (needle)) != NULL;
}

static void
assert_no_secret (const char   *where,
                  const char   *data,
                  gsize         length,
                  const Secret *secrets,
                  gsize         n_secrets)
{
  for (gsize i = 0; i < n_secrets; i++)
    if (contains (data, length, secrets[i].value))
      g_error ("The %s appears in %s", secrets[i].what, where);
}

/* Every regular file under @dir but those under @excluded; returns how many. */
static guint
search_files (const char   *dir,
              const char   *excluded,
              const Secret *secrets,
              gsize         n_secrets)
{
  g_autoptr(GDir) entries = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (entries != NULL && (name = g_dir_read_name (entries)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf info;

      if (g_str_equal (path, excluded) || g_lstat (path, &info) != 0)
        continue;

      if (S_ISDIR (info.st_mode))
        n += search_files (path, excluded, secrets, n_secrets);
      else if (S_ISREG (info.st_mode))
        {
          g_autofree char *contents = NULL;
          gsize length;
          g_autoptr(GError) error = NULL;

          g_file_get_contents (path, &contents, &length, &error);
          g_assert_no_error (error);
          g_test_message ("Searching %s", path + strlen (root) + 1);
          assert_no_secret (path, contents, length, secrets, n_secrets);
          n++;
        }
    }

  return n;
}

static guint
count_lines_with (const char *text,
                  const char *prefix)
{
  guint n = 0;

  for (const char *p = strstr (text, prefix); p != NULL; p = strstr (p + 1, prefix))
    n++;

  return n;
}

static void
test_no_secret_leaks (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autofree char *keyrings = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *keyfile_text = NULL;
  g_autofree char *cache_text = NULL;
  Output cli = { NULL, NULL };
  Output dump = { NULL, NULL };
  Run run = { NULL, };
  MqApplication *app;
  guint port;
  guint n_files;

  mq_test_register_fake_browser ();

  run.fake = fake_viewneo_new ();
  fake_viewneo_generate (run.fake, N_PLAYLISTS, 11);
  fake_viewneo_set_user (run.fake, USER_ID, USER_NAME, "leaks@example.com");
  fake_viewneo_set_auto_consent (run.fake, TRUE, FALSE);
  run.server = mq_test_viewneo_listen (run.fake);

  {
    g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                              G_SOCKET_PROTOCOL_TCP, NULL);
    g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
    g_autoptr(GSocketAddress) bound = NULL;

    g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
    bound = g_socket_get_local_address (socket, NULL);
    port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  }
  redirect_uri = g_strdup_printf ("http://127.0.0.1:%u/callback", port);
  fake_viewneo_add_client (run.fake, CLIENT_ID, CLIENT_SECRET, redirect_uri);

  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "server", run.server);
  g_settings_set_uint (settings, "redirect-port", port);

  /* Sign-in, load, refresh: in the application. */
  app = mq_application_new (G_APPLICATION_NON_UNIQUE);
  hardening_run_app (app, app_body, &run);
  hardening_finalize_app (app);
  g_settings_sync ();

  /* The command line, as a script would run it. */
  g_assert_cmpint (run_program ((const char *[]) { MARQUEE_PROGRAM, "--list-playlists", "--format=json", NULL },
                                &cli), ==, 0);
  g_assert_nonnull (strstr (cli.out, run.playlist_name));
  /* The debug messages went to stderr; stdout is the list alone. */
  g_assert_cmpuint (count_lines_with (cli.err, "marquee-"), >, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    json_parser_load_from_data (parser, cli.out, -1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==,
                      N_PLAYLISTS);
  }

  /* The settings, as gsettings shows them. */
  g_assert_cmpint (run_program ((const char *[]) { "gsettings", "list-recursively", APP_ID, NULL }, &dump), ==, 0);
  g_assert_nonnull (strstr (dump.out, run.account_id));

  {
    const Secret secrets[] = {
      { "access token of the sign-in", mq_token_get_access_token (run.signed_in) },
      { "refresh token of the sign-in", mq_token_get_refresh_token (run.signed_in) },
      { "refreshed access token", mq_token_get_access_token (run.refreshed) },
      { "rotated refresh token", mq_token_get_refresh_token (run.refreshed) },
      { "client secret", CLIENT_SECRET },
      { "authorization code", fake_viewneo_get_last_code (run.fake) },
      { "PKCE verifier", fake_viewneo_get_last_code_verifier (run.fake) },
      { "state", fake_viewneo_get_last_state (run.fake) },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (secrets); i++)
      {
        g_assert_nonnull (secrets[i].value);
        g_assert_cmpuint (strlen (secrets[i].value), >=, 16);
      }
    g_assert_false (g_str_equal (secrets[0].value, secrets[2].value));
    g_assert_false (g_str_equal (secrets[1].value, secrets[3].value));

    assert_no_secret ("the log", log_text->str, log_text->len, secrets, G_N_ELEMENTS (secrets));
    assert_no_secret ("the stdout of marquee --list-playlists", cli.out, strlen (cli.out),
                      secrets, G_N_ELEMENTS (secrets));
    assert_no_secret ("the stderr of marquee --list-playlists", cli.err, strlen (cli.err),
                      secrets, G_N_ELEMENTS (secrets));
    assert_no_secret ("the settings", dump.out, strlen (dump.out), secrets, G_N_ELEMENTS (secrets));

    /* Every file, but the keyring's own: it is where the secrets belong. */
    keyrings = g_build_filename (g_get_user_data_dir (), "keyrings", NULL);
    n_files = search_files (root, keyrings, secrets, G_N_ELEMENTS (secrets));
    g_test_message ("Searched %u files, the log (%" G_GSIZE_FORMAT " bytes), the output "
                    "and the settings", n_files, log_text->len);
  }

  /* None of it was empty: the app logged, cached and saved, the keyring kept. */
  g_assert_cmpuint (count_lines_with (log_text->str, "GLIB_DOMAIN=marquee-"), >=, 10);
  g_assert_cmpuint (count_lines_with (log_text->str, "GLIB_DOMAIN=marquee-auth"), >=, 3);
  keyfile = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", "keyfile", NULL);
  g_file_get_contents (keyfile, &keyfile_text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (keyfile_text, run.account_id));
  {
    g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "marquee", NULL);
    g_autoptr(GDir) entries = g_dir_open (cache_dir, 0, &error);
    const char *name;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (entries)) != NULL)
      if (g_str_has_prefix (name, "playlists-"))
        {
          g_autofree char *path = g_build_filename (cache_dir, name, NULL);

          g_clear_pointer (&cache_text, g_free);
          g_file_get_contents (path, &cache_text, NULL, &error);
          g_assert_no_error (error);
        }
    g_assert_nonnull (cache_text);
    g_assert_nonnull (strstr (cache_text, run.playlist_name));
  }
  g_assert_true (g_file_test (keyrings, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (n_files, >=, 3);

  g_free (cli.out);
  g_free (cli.err);
  g_free (dump.out);
  g_free (dump.err);
  g_clear_object (&run.signed_in);
  g_clear_object (&run.refreshed);
  g_free (run.account_id);
  g_free (run.playlist_name);
  mq_test_viewneo_stop (&run.fake);
  g_free (run.server);
}

int
main (int   argc,
      char *argv[])
{
  const char *dirs[][2] = {
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_RUNTIME_DIR", "run" },
  };
  g_autoptr(GError) error = NULL;
  int status;

  /* Throw-away HOME and XDG dirs, before GLib reads them; settings kept in a file. */
  root = g_dir_make_tmp ("marquee-leaks-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", root, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (root, dirs[i][1], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (dirs[i][0], dir, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_unsetenv ("GIO_USE_PORTALS");

  /* The bus and the keyring before anything (GTK included) connects to a bus; the
   * keyring's files go to XDG_DATA_HOME/keyrings. */
  keyring = mq_test_keyring_start (root, KEYRING_PASSWORD);

  /* Every message, debug ones included, from here on. */
  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_log_set_debug_enabled (TRUE);

  g_test_init (&argc, &argv, NULL);
  g_log_set_default_handler (capture_handler, NULL);
  hardening_require_display ();

  g_test_add_func ("/no-secret-leaks/ui/sign-in-refresh-load-list", test_no_secret_leaks);

  status = g_test_run ();

  mq_test_keyring_stop (keyring);
  mq_test_remove_tree (root);
  g_free (root);
  g_string_free (log_text, TRUE);

  return status;
}
