/* test-refresh-processes.c: several `marquee --list-playlists` at once on one account
 * whose browser sign-in has expired
 *
 * The built marquee (argv[1]) runs as its own processes, with its settings in a keyfile
 * under a temporary XDG_CONFIG_HOME and the account's pair in the session's keyring,
 * against the fake viewneo served from this process. Every process needs a refresh;
 * only one may reach the server, the others take the pair it stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

#include "mq-account-manager.h"
#include "mq-clock.h"
#include "mq-test-files.h"
#include "mq-test-session.h"

#define LIFETIME 1296000 /* viewneo's 15 days */
#define N_PLAYLISTS 20

typedef MqTestSession Fixture;

static const char *marquee_path;

typedef struct
{
  GSubprocess *process;
  char        *out;
  char        *err;
  gboolean     done;
} Run;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->done = TRUE;
}

/* The account as the app saves it, in the keyfile the processes read. */
static char *
save_account (Fixture *fixture)
{
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(MqAccountManager) manager = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keyfile = NULL;
  char *config_home;

  config_home = g_dir_make_tmp ("marquee-test-refresh-XXXXXX", &error);
  g_assert_no_error (error);
  keyfile = g_build_filename (config_home, "glib-2.0", "settings", "keyfile", NULL);
  backend = g_keyfile_settings_backend_new (keyfile, "/", NULL);
  settings = g_settings_new_with_backend (APP_ID, backend);
  manager = mq_account_manager_new (settings);
  mq_account_manager_add (manager, fixture->account);
  mq_account_manager_set_current (manager, mq_account_get_id (fixture->account));
  g_settings_sync ();

  return config_home;
}

static void
test_at_once (Fixture       *fixture,
              gconstpointer  data)
{
  guint n_processes = GPOINTER_TO_UINT (data);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree Run *runs = g_new0 (Run, n_processes);
  g_autofree char *config_home = NULL;
  const char *access_token;
  const char *refresh_token;

  fake_viewneo_generate (fixture->fake, N_PLAYLISTS, 1);

  /* Signed in fifteen days and an hour ago: the access token has expired, the refresh
   * token (thirty days on the server's clock) has not. */
  mq_clock_set_fake_now (g_get_real_time () / G_USEC_PER_SEC - LIFETIME - 3600);
  mq_test_session_sign_in (fixture);
  mq_clock_set_fake_now (0);
  g_assert_cmpint (mq_session_get_expires_at (fixture->session), <, g_get_real_time () / G_USEC_PER_SEC);
  access_token = mq_token_get_access_token (mq_session_get_token (fixture->session));
  refresh_token = mq_token_get_refresh_token (mq_session_get_token (fixture->session));
  config_home = save_account (fixture);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");

  for (guint i = 0; i < n_processes; i++)
    {
      g_autoptr(GError) error = NULL;

      runs[i].process = g_subprocess_launcher_spawn (launcher, &error, marquee_path,
                                                     "--list-playlists", "--format=csv", NULL);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8_async (runs[i].process, NULL, NULL, communicated_cb, &runs[i]);
    }

  for (guint i = 0; i < n_processes; i++)
    {
      g_autoptr(GError) error = NULL;

      while (!runs[i].done)
        g_main_context_iteration (NULL, TRUE);
      g_subprocess_wait (runs[i].process, NULL, &error);
      g_assert_no_error (error);

      /* Every one printed the list. */
      g_assert_cmpstr (runs[i].err, ==, "");
      g_assert_true (g_subprocess_get_if_exited (runs[i].process));
      g_assert_cmpint (g_subprocess_get_exit_status (runs[i].process), ==, 0);
      g_assert_true (g_str_has_prefix (runs[i].out, "id,name,"));
      g_assert_null (strstr (runs[i].out, access_token));
      g_assert_null (strstr (runs[i].out, refresh_token));

      g_clear_object (&runs[i].process);
      g_clear_pointer (&runs[i].out, g_free);
      g_clear_pointer (&runs[i].err, g_free);
    }

  /* One refresh between all of them. */
  g_assert_cmpuint (fake_viewneo_get_token_requests (fixture->fake, "refresh_token"), ==, 1);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 1);

  mq_test_remove_tree (config_home);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s PATH-OF-MARQUEE\n", argv[0]);
      return 2;
    }
  marquee_path = argv[1];

  g_test_add ("/refresh-processes/two", Fixture, GUINT_TO_POINTER (2),
              mq_test_session_set_up, test_at_once, mq_test_session_tear_down);
  g_test_add ("/refresh-processes/twenty", Fixture, GUINT_TO_POINTER (20),
              mq_test_session_set_up, test_at_once, mq_test_session_tear_down);

  return g_test_run ();
}
