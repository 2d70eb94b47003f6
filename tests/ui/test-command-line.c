/* test-command-line.c: `marquee --list-playlists`, run as a program
 *
 * The built marquee (argv[1]) runs without a display, with its settings in a keyfile
 * under a temporary XDG_CONFIG_HOME and its token in the session's keyring, against the
 * fake viewneo served from this process. What it prints is compared with the export of
 * the same list fetched here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_SETTINGS_ENABLE_BACKEND
#include <sys/resource.h>

#include <fcntl.h>
#include <unistd.h>

#include <gio/gsettingsbackend.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "fake-viewneo.h"
#include "mq-account-manager.h"
#include "mq-client.h"
#include "mq-playlist-export.h"
#include "mq-playlist.h"
#include "mq-session.h"
#include "mq-static-token-provider.h"
#include "mq-test-async.h"
#include "mq-test-files.h"
#include "mq-test-viewneo.h"
#include "mq-token-store.h"
#include "mq-token.h"

#define WAIT_SECONDS 60
#define TOKEN "cli-test-token-never-printed"
#define N_PLAYLISTS 137

static const char *marquee_path;

#define wait_until(cond) mq_test_wait_until_within (cond, WAIT_SECONDS)

typedef struct
{
  FakeViewneo  *fake;
  char         *server;
  char         *config_home;
  GSettings    *settings;
  MqTokenStore *store;
  MqAccount    *account;
  const char   *stdin_text;  /* what marquee reads on stdin (a pipe), or NULL */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keyfile = NULL;

  f->fake = fake_viewneo_new ();
  fake_viewneo_generate (f->fake, N_PLAYLISTS, 3);
  fake_viewneo_set_page_size (f->fake, 50);
  fake_viewneo_set_user (f->fake, 7, "Kiosk Team", "kiosk@example.com");
  fake_viewneo_add_token (f->fake, TOKEN);
  f->server = mq_test_viewneo_listen (f->fake);

  /* Where GSETTINGS_BACKEND=keyfile makes the program look. */
  f->config_home = g_dir_make_tmp ("marquee-test-cli-XXXXXX", &error);
  g_assert_no_error (error);
  keyfile = g_build_filename (f->config_home, "glib-2.0", "settings", "keyfile", NULL);
  backend = g_keyfile_settings_backend_new (keyfile, "/", NULL);
  f->settings = g_settings_new_with_backend (APP_ID, backend);

  f->store = mq_token_store_new ();
  f->account = mq_account_new (f->server, 7, "Kiosk Team", MQ_TOKEN_KIND_PERSONAL, NULL);
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

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gboolean cleared = FALSE;

  mq_token_store_clear_async (f->store, f->server, mq_account_get_id (f->account), NULL,
                              cleared_cb, &cleared);
  wait_until (cleared);

  g_clear_object (&f->account);
  g_clear_object (&f->store);
  g_clear_object (&f->settings);
  mq_test_remove_tree (f->config_home);
  g_clear_pointer (&f->config_home, g_free);
  mq_test_viewneo_stop (&f->fake);
  g_clear_pointer (&f->server, g_free);
}

/* ---- set-up steps ---- */

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  mq_session_sign_in_finish (MQ_SESSION (object), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

/* Saves the account as the app does; with @store_token, its token in the keyring too. */
static void
save_account (Fixture  *f,
              gboolean  store_token)
{
  g_autoptr(MqAccountManager) manager = mq_account_manager_new (f->settings);

  if (store_token)
    {
      g_autoptr(MqSession) session = mq_session_new (f->account, f->store);
      g_autoptr(MqToken) token = NULL;
      g_autoptr(GError) error = NULL;
      gboolean done = FALSE;

      token = mq_token_new_personal (TOKEN, &error);
      g_assert_no_error (error);
      mq_session_sign_in_async (session, token, NULL, NULL, signed_in_cb, &done);
      wait_until (done);
      g_assert_null (mq_session_get_keyring_error (session));
    }

  mq_account_manager_add (manager, f->account);
  mq_account_manager_set_current (manager, mq_account_get_id (f->account));
  g_settings_sync ();
}

typedef struct
{
  gboolean   done;
  GPtrArray *playlists;
  GError    *error;
} Listing;

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Listing *listing = user_data;

  listing->playlists = mq_client_list_playlists_finish (MQ_CLIENT (object), result, NULL,
                                                        &listing->error);
  listing->done = TRUE;
}

/* The export of the fake's playlists in @format, fetched and written by this process. */
static char *
expected_output (Fixture        *f,
                 MqExportFormat  format)
{
  g_autoptr(MqStaticTokenProvider) provider = mq_static_token_provider_new (TOKEN);
  g_autoptr(MqClient) client = mq_client_new (f->server, MQ_TOKEN_PROVIDER (provider));
  g_autoptr(GListStore) store = g_list_store_new (MQ_TYPE_PLAYLIST);
  g_autoptr(GBytes) bytes = NULL;
  Listing listing = { FALSE, NULL, NULL };

  mq_client_list_playlists_async (client, NULL, NULL, NULL, NULL, listed_cb, &listing);
  wait_until (listing.done);
  g_assert_no_error (listing.error);
  g_assert_cmpuint (listing.playlists->len, ==, N_PLAYLISTS);

  g_list_store_splice (store, 0, 0, listing.playlists->pdata, listing.playlists->len);
  g_ptr_array_unref (listing.playlists);

  bytes = mq_playlists_export (G_LIST_MODEL (store), format);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* ---- running marquee ---- */

typedef struct
{
  char     *out;
  char     *err;
  int       status;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs marquee with @args (NULL-terminated); @bus_address replaces the session bus;
 * @environment ("NAME=value", or NULL) is added; with @stdout_path, stdout goes there
 * instead of into @run. */
static void
run_marquee_env (Fixture     *f,
                 Run         *run,
                 const char  *bus_address,
                 const char **environment,
                 const char  *stdout_path,
                 const char **args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new ((stdout_path == NULL ? G_SUBPROCESS_FLAGS_STDOUT_PIPE : 0) |
                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (stdout_path != NULL)
    g_subprocess_launcher_set_stdout_file_path (launcher, stdout_path);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", f->config_home, TRUE);
  /* A table's width is the test's to choose. */
  g_subprocess_launcher_unsetenv (launcher, "COLUMNS");
  for (guint i = 0; environment != NULL && environment[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (environment[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  /* The command line needs no display. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  if (bus_address != NULL)
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", bus_address, TRUE);

  if (f->stdin_text != NULL)
    {
      int fds[2];

      /* Small enough for the pipe's buffer: written whole before marquee starts. */
      g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, NULL));
      g_assert_cmpint (write (fds[1], f->stdin_text, strlen (f->stdin_text)), ==, strlen (f->stdin_text));
      close (fds[1]);
      g_subprocess_launcher_take_stdin_fd (launcher, fds[0]);
    }

  g_ptr_array_add (argv, (gpointer) marquee_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  mq_test_communicate (process, &run->out, &run->err);

  if (!g_subprocess_get_if_exited (process))
    g_error ("marquee %s ended by signal %d; its standard error:\n%s", args[0],
             g_subprocess_get_term_sig (process), run->err != NULL ? run->err : "");
  run->status = g_subprocess_get_exit_status (process);
  if (run->out == NULL)
    run->out = g_strdup ("");

  /* Whatever happened, the token is printed nowhere. */
  g_assert_null (strstr (run->out, TOKEN));
  g_assert_null (strstr (run->err, TOKEN));
}

static void
run_marquee_full (Fixture     *f,
                  Run         *run,
                  const char  *bus_address,
                  const char **args)
{
  run_marquee_env (f, run, bus_address, NULL, NULL, args);
}

#define run_marquee(f, run, ...) \
  run_marquee_full (f, run, NULL, (const char *[]) { __VA_ARGS__, NULL })

/* A failure is one line on stderr, "marquee: …", and nothing on stdout. */
static void
assert_failed (Run *run,
               int  status)
{
  g_assert_cmpint (run->status, ==, status);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "marquee: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, strlen (run->err) - 1);
}

/* Runs marquee, which must fail with @status as assert_failed() says. */
static void
run_marquee_fails_full (Fixture     *f,
                        Run         *run,
                        int          status,
                        const char **args)
{
  run_marquee_full (f, run, NULL, args);
  assert_failed (run, status);
}

#define run_marquee_fails(f, run, status, ...) \
  run_marquee_fails_full (f, run, status, (const char *[]) { __VA_ARGS__, NULL })

/* ---- tests ---- */

static void
test_formats (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *table = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0, };
  JsonNode *root;

  save_account (f, TRUE);
  table = expected_output (f, MQ_EXPORT_FORMAT_TABLE);
  json = expected_output (f, MQ_EXPORT_FORMAT_JSON);
  csv = expected_output (f, MQ_EXPORT_FORMAT_CSV);

  run_marquee (f, &run, "--list-playlists");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, table);
  run_clear (&run);

  run_marquee (f, &run, "--list-playlists", "--format=table");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, table);
  run_clear (&run);

  run_marquee (f, &run, "--list-playlists", "--format=json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, json);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, N_PLAYLISTS);
  run_clear (&run);

  run_marquee (f, &run, "-l", "-f", "csv");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, csv);
  g_assert_true (g_str_has_prefix (run.out, "id,name,"));
}

static void
test_account_option (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *account_option = NULL;
  g_autofree char *csv = NULL;
  g_auto(Run) run = { 0, };

  save_account (f, TRUE);
  csv = expected_output (f, MQ_EXPORT_FORMAT_CSV);

  account_option = g_strconcat ("--account=", mq_account_get_id (f->account), NULL);
  run_marquee (f, &run, "--list-playlists", account_option, "--format=csv");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, csv);
  run_clear (&run);

  /* An unknown account is a usage error that names the known ones. */
  run_marquee_fails (f, &run, 2, "--list-playlists", "--account=no-such-account");
  g_assert_nonnull (strstr (run.err, "no-such-account"));
  g_assert_nonnull (strstr (run.err, mq_account_get_id (f->account)));
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0, };

  save_account (f, TRUE);

  run_marquee_fails (f, &run, 2, "--list-playlists", "--format=xml");
  g_assert_nonnull (strstr (run.err, "xml"));
  run_clear (&run);

  run_marquee_fails (f, &run, 2, "--format=csv");
  run_clear (&run);

  run_marquee (f, &run, "--no-such-option");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  run_marquee (f, &run, "--version");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "marquee " PACKAGE_VERSION "\n");
  run_clear (&run);

  /* --help documents the exit statuses. */
  run_marquee (f, &run, "--help");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--list-playlists"));
  g_assert_nonnull (strstr (run.out, "--now-playing"));
  g_assert_nonnull (strstr (run.out, "--at=DATE-TIME"));
  g_assert_nonnull (strstr (run.out, "6  the keyring is not available"));
}

static void
test_not_signed_in (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Run) run = { 0, };

  /* No account at all. */
  run_marquee_fails (f, &run, 3, "--list-playlists");
  run_clear (&run);

  /* An account whose token is not in the keyring. */
  save_account (f, FALSE);
  run_marquee_fails (f, &run, 3, "--list-playlists", "--format=json");
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api"), ==, 0);
  run_clear (&run);

  /* An account whose token viewneo no longer accepts. */
  save_account (f, TRUE);
  fake_viewneo_revoke_token (f->fake, TOKEN);
  run_marquee_fails (f, &run, 3, "--list-playlists");
}

static void
test_server_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Run) run = { 0, };

  save_account (f, TRUE);

  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_SERVER_ERROR, 0, 0);
  run_marquee_fails (f, &run, 5, "--list-playlists");
  run_clear (&run);

  fake_viewneo_clear_faults (f->fake);
  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_MALFORMED_JSON, 0, 0);
  run_marquee_fails (f, &run, 5, "--list-playlists", "--format=csv");
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Run) run = { 0, };

  save_account (f, TRUE);
  fake_viewneo_shutdown (f->fake);

  run_marquee_fails (f, &run, 4, "--list-playlists");
}

static void
test_keyring_unavailable (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *bus_address = NULL;
  g_auto(Run) run = { 0, };

  save_account (f, TRUE);

  /* A session bus that is not there: no Secret Service to ask. */
  bus_address = g_strdup_printf ("unix:path=%s/no-bus", f->config_home);
  run_marquee_full (f, &run, bus_address, (const char *[]) { "--list-playlists", NULL });
  g_assert_cmpint (run.status, ==, 6);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "marquee: "));
}


/* ---- output of any size, terminal controls, the deadline ---- */

/* The largest peak RSS of any child this process has waited for, in MB. */
static double
children_peak_rss_mb (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &usage), ==, 0);
  return usage.ru_maxrss / 1024.0;   /* kilobytes on Linux */
}

#define N_TINY_ITEMS 500000
#define PEAK_RSS_LIMIT_MB 150.0

/* One page of 500,000 tiny playlists (11.5 MB): each format is written item by item,
 * never built whole, so that no format needs more than 150 MB. Before, json needed
 * 1.87 GB, table 449 MB. */
static void
test_memory_bounded_500k_items_each_format (Fixture       *f,
                                            gconstpointer  data)
{
  const char * const formats[] = { "--format=csv", "--format=table", "--format=json" };

#if defined (__SANITIZE_ADDRESS__)
  /* AddressSanitizer's shadow memory and quarantine are part of the child's RSS: the
   * plain build's run of this test is the one that measures. */
  g_test_skip ("peak memory is not the program's own under AddressSanitizer");
  return;
#endif

  save_account (f, TRUE);
  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_TINY_ITEMS, N_TINY_ITEMS, 0);

  /* RUSAGE_CHILDREN keeps the largest child yet: checked after each, in order. */
  g_assert_cmpfloat (children_peak_rss_mb (), <, PEAK_RSS_LIMIT_MB);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_auto(Run) run = { 0, };

      run_marquee_env (f, &run, NULL, NULL, "/dev/null",
                       (const char *[]) { "--list-playlists", formats[i], NULL });
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.err, ==, "");
      g_test_message ("%s: peak RSS of the children so far %.1f MB", formats[i],
                      children_peak_rss_mb ());
      g_assert_cmpfloat (children_peak_rss_mb (), <, PEAK_RSS_LIMIT_MB);
    }
}

/* Past 1,000,000 playlists: a one-line error and exit 5, nothing printed, instead of
 * memory without end. */
static void
test_more_than_a_million_playlists_is_an_error (Fixture       *f,
                                                gconstpointer  data)
{
  g_auto(Run) run = { 0, };

  save_account (f, TRUE);
  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_TINY_ITEMS, 1000001, 0);

  run_marquee_fails (f, &run, 5, "--list-playlists", "--format=csv");
  g_assert_nonnull (strstr (run.err, "1000000"));
}

/* Terminal columns of @line, as a terminal counts them. */
static guint
display_width (const char *line,
               gsize       length)
{
  guint width = 0;

  g_assert_true (g_utf8_validate_len (line, length, NULL));
  for (const char *p = line; p < line + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_iszerowidth (c))
        width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

/* Every line at most @columns wide; returns the number of lines. */
static guint
assert_lines_fit (const char *text,
                  guint       columns)
{
  guint n_lines = 0;

  for (const char *line = text; *line != '\0'; n_lines++)
    {
      const char *end = strchr (line, '\n');

      g_assert_nonnull (end);
      g_assert_cmpuint (display_width (line, end - line), <=, columns);
      line = end + 1;
    }

  return n_lines;
}

/* Adds a playlist with @name, as a JSON string with every C0 control escaped (json-glib
 * 1.6 leaves U+001F raw, which no JSON parser takes). */
static void
add_named_playlist (Fixture    *f,
                    gint64      id,
                    const char *name)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autofree char *body = NULL;

  g_string_append_printf (json, "{\"id\": %" G_GINT64_FORMAT ", \"name\": \"", id);
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (json, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (json, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append (json, "\"}");
  /* Through a plain string: GCC 14 takes json->str for a possible NULL dereference. */
  body = g_string_free (g_steal_pointer (&json), FALSE);
  fake_viewneo_add_raw_playlist (f->fake, body);
}

/* The table fits $COLUMNS; a long name is cut with "…", a wide (CJK) one on a
 * character, and the others are not padded to the longest name. */
static void
test_table_fits_columns (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GString) wide = g_string_new (NULL);
  g_auto(Run) run = { 0, };

  for (guint i = 0; i < 60; i++)
    g_string_append (wide, "日本");
  add_named_playlist (f, 900001, wide->str);
  add_named_playlist (f, 900002, "A rather long playlist name that goes on and on past any terminal's edge");
  save_account (f, TRUE);

  run_marquee_env (f, &run, NULL, (const char *[]) { "COLUMNS=60", NULL }, NULL,
                   (const char *[]) { "--list-playlists", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (assert_lines_fit (run.out, 60), ==, N_PLAYLISTS + 2 + 1);
  g_assert_nonnull (strstr (run.out, "日本…"));
  /* 60 less the id (6), entries (7), updated (16) and three gaps of 2: 25 columns. */
  g_assert_nonnull (strstr (run.out, "900002  A rather long playlist n…  "));
  g_assert_nonnull (strstr (run.out, "900001  日本日本日本日本日本日本…  "));
  run_clear (&run);

  /* A terminal no wider than the other columns still shows a part of each name. */
  run_marquee_env (f, &run, NULL, (const char *[]) { "COLUMNS=20", NULL }, NULL,
                   (const char *[]) { "--list-playlists", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "900002  A rather …  "));
}

/* One name of 2 MiB among short ones printed 631 MB: every row was padded to it. Not
 * a terminal and no $COLUMNS: 120 columns. */
static void
test_table_with_a_2_mib_name (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *huge = g_strnfill (2 * 1024 * 1024, 'x');
  g_auto(Run) run = { 0, };

  add_named_playlist (f, 900001, huge);
  save_account (f, TRUE);

  run_marquee (f, &run, "--list-playlists");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (assert_lines_fit (run.out, 120), ==, N_PLAYLISTS + 1 + 1);
  g_assert_cmpuint (strlen (run.out), <, (N_PLAYLISTS + 2) * 120 * 3);
  g_assert_nonnull (strstr (run.out, "xxx…"));
}

typedef struct
{
  const char *class;
  const char *text;      /* in a name, as the server sends it */
  const char *json;      /* how --format=json writes it (in a JSON string) */
} ControlCase;

static const ControlCase control_cases[] = {
  { "ESC sequence (clear screen)", "a\033[2Jb", "a\\u001b[2Jb" },
  { "OSC 0 (window title)", "a\033]0;pwned\007b", "a\\u001b]0;pwned\\u0007b" },
  { "OSC 8 (link)", "a\033]8;;http://evil.example/\033\\click\033]8;;\033\\b", "a\\u001b]8;;http://evil.example/\\u001b\\\\click\\u001b]8;;\\u001b\\\\b" },
  { "BEL and BS", "a\007\010b", "a\\u0007\\bb" },
  { "unit separator", "a\037b", "a\\u001fb" },
  { "DEL", "a\177b", "a\\u007fb" },
  { "C1 CSI (U+009B)", "a\302\2332Jb", "a\\u009b2Jb" },
  { "C1 NEL (U+0085)", "a\302\205b", "a\\u0085b" },
  { "bidi override (U+202E)", "a\342\200\256cba", "a\\u202ecba" },
  { "bidi embedding (U+202A)", "a\342\200\252b", "a\\u202ab" },
  { "bidi isolate (U+2066, U+2069)", "a\342\201\246b\342\201\251c", "a\\u2066b\\u2069c" },
  { "lone carriage return", "a\rb", "a\\rb" },
};

/* No byte of a control that csv and table must not carry: C0 but tab and line feed
 * (carriage return only in CRLF, with @crlf), DEL, C1, bidi controls. */
static void
assert_no_controls (const char *text,
                    gboolean    crlf)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\t' || c == '\n' || (crlf && c == '\r' && p[1] == '\n'))
        continue;
      g_assert_false (c < 0x20 || (c >= 0x7f && c < 0xa0) ||
                      (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069));
    }
}

/* csv and table carry no terminal control from a name: each becomes U+FFFD; json
 * escapes them as \uXXXX and reads back as the name. Tab and line feed stay in a
 * quoted csv cell (RFC 4180) and are spaces in a table, so that a row is one line. */
static void
test_no_terminal_controls (Fixture       *f,
                           gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (control_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("Ctl %u %s", i, control_cases[i].text);

      add_named_playlist (f, 900000 + i, name);
    }
  add_named_playlist (f, 800000, "two\nlines\tand a tab");
  save_account (f, TRUE);

  for (guint i = 0; i < 3; i++)
    {
      const char *format = (const char *[]) { "--format=csv", "--format=table", "--format=json" }[i];
      g_auto(Run) run = { 0, };

      run_marquee (f, &run, "--list-playlists", format);
      g_assert_cmpint (run.status, ==, 0);

      for (guint c = 0; c < G_N_ELEMENTS (control_cases); c++)
        {
          g_autofree char *json = g_strdup_printf ("\"Ctl %u %s\"", c, control_cases[c].json);

          g_test_message ("%s, %s", format, control_cases[c].class);
          if (i == 2)
            g_assert_nonnull (strstr (run.out, json));
        }

      if (i < 2)
        {
          assert_no_controls (run.out, i == 0);
          g_assert_nonnull (strstr (run.out, i == 0 ? "800000,\"two\nlines\tand a tab\","
                                                    : "800000  two lines and a tab"));
          g_assert_nonnull (strstr (run.out, "Ctl 0 a\xef\xbf\xbd[2Jb"));
          g_assert_nonnull (strstr (run.out, "Ctl 8 a\xef\xbf\xbd" "cba"));
        }
      else
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(GError) error = NULL;
          JsonArray *array;

          assert_no_controls (run.out, FALSE);
          json_parser_load_from_data (parser, run.out, -1, &error);
          g_assert_no_error (error);
          array = json_node_get_array (json_parser_get_root (parser));
          for (guint n = 0; n < json_array_get_length (array); n++)
            {
              JsonObject *object = json_array_get_object_element (array, n);
              gint64 id = json_object_get_int_member (object, "id");
              g_autofree char *name = NULL;

              if (id < 900000)
                continue;
              name = g_strdup_printf ("Ctl %u %s", (guint) (id - 900000),
                                      control_cases[id - 900000].text);
              g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, name);
            }
        }
    }
}

/* A server sending a byte a second never meets the client's per-read timeout:
 * --timeout is for the whole command, and ends it with exit 4 and one line. */
static void
test_timeout_with_a_trickling_server (Fixture       *f,
                                      gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  gint64 start;

  save_account (f, TRUE);
  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_TRICKLE, 1000, 0);

  start = g_get_monotonic_time ();
  run_marquee_fails (f, &run, 4, "--list-playlists", "--timeout=2");
  g_assert_nonnull (strstr (run.err, "--timeout"));
  g_assert_nonnull (strstr (run.err, "2 seconds"));
  /* Not the client's 30 s of silence. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 25 * G_USEC_PER_SEC);
  run_clear (&run);

  /* Nothing else is taken for a timeout. */
  run_marquee_fails (f, &run, 2, "--list-playlists", "--timeout=0");
  run_clear (&run);
  run_marquee_fails (f, &run, 2, "--list-playlists", "--timeout=ten");
  run_clear (&run);
  run_marquee_fails (f, &run, 2, "--timeout=5");
}

/* ---- --now-playing ---- */

/* The showcase made for Wednesday 12 March 2025, 10:00:30 in Europe/Berlin (the zone of
 * this test program and of the marquee it runs). At 10:30 group 300 plays, in order:
 * 190001 always (10 s), 190002 10:01–11:01 (15 s), 190004 12–18 March (8 s), 190005
 * Mon–Fri (9 s), then nested playlist 1001 (seed 3) expanded: 200001 and 200004 and
 * 200009, always (45, 111, 80 s); 200003 plays from 13:30. Not: 190003 (ended 10:01),
 * the night, weekend, December, 2024 and never entries, and 190012 (a date that is not
 * one: unknown). The set next changes when 190002 ends, at 11:01. */
#define SHOWCASE_AT "2025-03-12T10:30:00"
static const gint64 playing_at_1030[] = { 190001, 190002, 190004, 190005, 200001, 200004, 200009 };
#define LOOP_AT_1030_MS 278000
#define NEXT_CHANGE_AT_1030 "2025-03-12T11:01:00+01:00"
/* A generated group without a playlist. */
#define GROUP_WITHOUT_PLAYLIST 301

static void
add_showcase (Fixture *f)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) made_at = g_date_time_new (berlin, 2025, 3, 12, 10, 0, 30);

  fake_viewneo_add_schedule_showcase (f->fake, made_at);
}

static JsonArray *
parse_json_array (JsonParser *parser,
                  const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));

  return json_node_get_array (json_parser_get_root (parser));
}

static JsonObject *
find_group (JsonArray *groups,
            gint64     id)
{
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);

      if (json_object_get_int_member (group, "id") == id)
        return group;
    }

  g_assert_not_reached ();
}

/* json: one object per group, group 300 first with exactly the entries playing at
 * 10:30 in playback order, the loop, the next change with its offset and the counts;
 * a group with no playlist has nulls and no entries; it parses back. */
static void
test_now_playing_json (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0, };
  JsonArray *groups;
  JsonObject *group;
  JsonArray *entries;

  add_showcase (f);
  save_account (f, TRUE);

  run_marquee (f, &run, "--now-playing", "--at=" SHOWCASE_AT, "--format=json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  groups = parse_json_array (parser, run.out);
  /* The showcase's and the 13 generated for 137 playlists. */
  g_assert_cmpuint (json_array_get_length (groups), ==, 14);

  group = json_array_get_object_element (groups, 0);
  g_assert_cmpint (json_object_get_int_member (group, "id"), ==, 300);
  g_assert_cmpstr (json_object_get_string_member (group, "name"), ==, "Foyer (Zeitplan-Demo)");
  g_assert_cmpint (json_object_get_int_member (group, "playlist_id"), ==, 900);
  g_assert_cmpstr (json_object_get_string_member (group, "playlist_name"), ==, "Zeitplan-Demo");
  g_assert_cmpstr (json_object_get_string_member (group, "at"), ==, SHOWCASE_AT "+01:00");
  g_assert_cmpstr (json_object_get_string_member (group, "zone"), ==, "Europe/Berlin (CET)");
  entries = json_object_get_array_member (group, "entries");
  g_assert_cmpuint (json_array_get_length (entries), ==, G_N_ELEMENTS (playing_at_1030));
  for (guint i = 0; i < G_N_ELEMENTS (playing_at_1030); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      g_assert_cmpint (json_object_get_int_member (entry, "id"), ==, playing_at_1030[i]);
      g_assert_nonnull (json_object_get_string_member (entry, "name"));
      g_assert_true (json_object_has_member (entry, "duration"));
    }
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (entries, 0), "duration"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (group, "loop_duration_ms"), ==, LOOP_AT_1030_MS);
  g_assert_cmpstr (json_object_get_string_member (group, "next_change"), ==, NEXT_CHANGE_AT_1030);
  g_assert_cmpint (json_object_get_int_member (group, "unknown_count"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (group, "unresolved_count"), ==, 0);

  group = find_group (groups, GROUP_WITHOUT_PLAYLIST);
  g_assert_true (json_object_get_null_member (group, "playlist_id"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (group, "entries")), ==, 0);
  g_assert_true (json_object_get_null_member (group, "next_change"));
  g_assert_cmpint (json_object_get_int_member (group, "loop_duration_ms"), ==, 0);
  run_clear (&run);

  /* The same moment given in UTC is written in local time. */
  run_marquee (f, &run, "--now-playing", "--at=2025-03-12T09:30:00Z", "--format=json");
  g_assert_cmpint (run.status, ==, 0);
  groups = parse_json_array (parser, run.out);
  group = json_array_get_object_element (groups, 0);
  g_assert_cmpstr (json_object_get_string_member (group, "at"), ==, SHOWCASE_AT "+01:00");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (group, "entries")), ==,
                    G_N_ELEMENTS (playing_at_1030));
}

/* csv: one row per playing entry of group 300, in order, each with the group, the
 * moment, the loop and the next change; one row with empty entry cells for a group
 * with no playlist. */
static void
test_now_playing_csv (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  g_auto(GStrv) lines = NULL;
  g_autofree char *empty_row = NULL;
  guint n = 0;

  add_showcase (f);
  save_account (f, TRUE);

  run_marquee (f, &run, "--now-playing", "--at=" SHOWCASE_AT, "--format=csv");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  lines = g_strsplit (run.out, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "group_id,group_name,playlist_id,playlist_name,at,zone,position,"
                                 "entry_id,media_file_id,nested_playlist_id,name,duration,"
                                 "loop_duration_ms,next_change,unknown_count,unresolved_count");
  for (guint i = 1; lines[i] != NULL && g_str_has_prefix (lines[i], "300,"); i++, n++)
    {
      g_autofree char *start = g_strdup_printf ("300,Foyer (Zeitplan-Demo),900,Zeitplan-Demo,"
                                                SHOWCASE_AT "+01:00,Europe/Berlin (CET),%u,%" G_GINT64_FORMAT ",",
                                                i, playing_at_1030[i - 1]);
      g_autofree char *end = g_strdup_printf (",%d," NEXT_CHANGE_AT_1030 ",1,0", LOOP_AT_1030_MS);

      g_assert_cmpuint (n, <, G_N_ELEMENTS (playing_at_1030));
      g_assert_true (g_str_has_prefix (lines[i], start));
      g_assert_true (g_str_has_suffix (lines[i], end));
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (playing_at_1030));
  g_assert_true (g_str_has_prefix (lines[1], "300,Foyer (Zeitplan-Demo),900,Zeitplan-Demo,"
                                             SHOWCASE_AT "+01:00,Europe/Berlin (CET),1,190001,"));
  g_assert_true (g_str_has_suffix (lines[1], ",10,278000," NEXT_CHANGE_AT_1030 ",1,0"));

  empty_row = g_strdup_printf ("\r\n%d,", GROUP_WITHOUT_PLAYLIST);
  g_assert_nonnull (strstr (run.out, empty_row));
  g_assert_nonnull (strstr (strstr (run.out, empty_row), ",," SHOWCASE_AT "+01:00,Europe/Berlin (CET),,,,,,,0,,0,0\r\n"));
}

/* table: a heading with the moment and the zone, then a block per group: group 300's
 * playing entries in order, its loop and next change; "Plays no playlist." for a group
 * without one; every line within the width. */
static void
test_now_playing_table (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  const char *block;
  const char *previous = NULL;

  add_showcase (f);
  save_account (f, TRUE);

  /* Not a terminal and no $COLUMNS: 120 columns. */
  run_marquee (f, &run, "--now-playing", "--at=" SHOWCASE_AT);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_lines_fit (run.out, 120);
  assert_no_controls (run.out, FALSE);
  g_assert_true (g_str_has_prefix (run.out, "Playing at 2025-03-12 10:30:00, Europe/Berlin (CET)\n\n"
                                            "Screen group 300: Foyer (Zeitplan-Demo)\n"
                                            "  Playlist 900: Zeitplan-Demo\n"));
  block = strstr (run.out, "Screen group 300:");
  for (guint i = 0; i < G_N_ELEMENTS (playing_at_1030); i++)
    {
      g_autofree char *cells = g_strdup_printf ("  %u  %" G_GINT64_FORMAT "  ", i + 1, playing_at_1030[i]);
      const char *row = strstr (block, cells);

      g_assert_nonnull (row);
      g_assert_true (row > previous);
      previous = row;
    }
  g_assert_nonnull (strstr (block, "  Loop: 278 s. Next change: 2025-03-12 11:01:00, Europe/Berlin (CET).\n"
                                   "  Left out: 1 entry with a schedule Marquee cannot read.\n\n"));
  g_assert_null (strstr (block, "190003"));
  g_assert_null (strstr (block, "190012"));
  g_assert_nonnull (strstr (run.out, "Screen group 301: "));
  g_assert_nonnull (strstr (strstr (run.out, "Screen group 301: "), "\n  Plays no playlist.\n"));
  run_clear (&run);

  /* A narrow terminal: every line cut to fit, the rows still there. */
  run_marquee_env (f, &run, NULL, (const char *[]) { "COLUMNS=40", NULL }, NULL,
                   (const char *[]) { "--now-playing", "--at=" SHOWCASE_AT, NULL });
  g_assert_cmpint (run.status, ==, 0);
  assert_lines_fit (run.out, 40);
  g_assert_nonnull (strstr (run.out, "  1  190001  "));
  g_assert_nonnull (strstr (run.out, "  Loop: 278 s. Next change: 2025-03-12 …\n"));
}

/* An --at that is not ISO 8601 is a usage error, and nothing is asked of the server;
 * --at only goes with --now-playing. */
static void
test_now_playing_bad_at (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Run) run = { 0, };

  save_account (f, TRUE);

  run_marquee_fails (f, &run, 2, "--now-playing", "--at=tomorrow at noon");
  g_assert_nonnull (strstr (run.err, "tomorrow at noon"));
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api"), ==, 0);
  run_clear (&run);

  run_marquee_fails (f, &run, 2, "--now-playing", "--at=2025-13-45T10:00");
  run_clear (&run);

  run_marquee_fails (f, &run, 2, "--list-playlists", "--at=" SHOWCASE_AT);
  run_clear (&run);

  run_marquee_fails (f, &run, 2, "--list-playlists", "--now-playing");
}

/* A failure of the groups or of a playlist they play is the exit status of its class,
 * with nothing printed. */
static void
test_now_playing_server_errors (Fixture       *f,
                                gconstpointer  data)
{
  g_auto(Run) run = { 0, };

  add_showcase (f);
  save_account (f, TRUE);

  fake_viewneo_add_fault (f->fake, "/api/v1.0/devicegroup", FAKE_FAULT_SERVER_ERROR, 0, 0);
  run_marquee_fails (f, &run, 5, "--now-playing", "--format=csv");
  run_clear (&run);

  fake_viewneo_clear_faults (f->fake);
  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist/900", FAKE_FAULT_MALFORMED_JSON, 0, 0);
  run_marquee_fails (f, &run, 5, "--now-playing", "--at=" SHOWCASE_AT);
  run_clear (&run);

  fake_viewneo_clear_faults (f->fake);
  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist/1001", FAKE_FAULT_UNAUTHORIZED, 0, 0);
  run_marquee_fails (f, &run, 3, "--now-playing", "--format=json");
  run_clear (&run);

  fake_viewneo_clear_faults (f->fake);
  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_TRICKLE, 1000, 0);
  run_marquee_fails (f, &run, 4, "--now-playing", "--timeout=2");
  g_assert_nonnull (strstr (run.err, "--timeout"));
}

/* Terminal controls in the names of screen groups, playlists and media files: U+FFFD
 * in csv and table, escaped in json, which reads back as the name. */
static void
test_now_playing_no_terminal_controls (Fixture       *f,
                                       gconstpointer  data)
{
  const char *prefix = "\033]0;pwned\007\033[2J\302\233\342\200\256";

  fake_viewneo_set_name_prefix (f->fake, prefix);
  fake_viewneo_generate (f->fake, N_PLAYLISTS, 3);
  add_showcase (f);
  save_account (f, TRUE);

  for (guint i = 0; i < 3; i++)
    {
      const char *format = (const char *[]) { "--format=csv", "--format=table", "--format=json" }[i];
      g_auto(Run) run = { 0, };

      run_marquee (f, &run, "--now-playing", "--at=" SHOWCASE_AT, format);
      g_assert_cmpint (run.status, ==, 0);
      assert_no_controls (run.out, i == 0);

      if (i < 2)
        g_assert_nonnull (strstr (run.out, "\xef\xbf\xbd]0;pwned\xef\xbf\xbd\xef\xbf\xbd[2J\xef\xbf\xbd\xef\xbf\xbd"));
      else
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonArray *groups = parse_json_array (parser, run.out);
          JsonObject *group = find_group (groups, GROUP_WITHOUT_PLAYLIST);

          g_assert_nonnull (strstr (run.out, "\\u001b]0;pwned\\u0007\\u001b[2J\\u009b\\u202e"));
          g_assert_true (g_str_has_prefix (json_object_get_string_member (group, "name"), prefix));
        }
    }
}

/* ---- accounts ---- */

typedef struct
{
  gboolean  done;
  char     *secret;
} Lookup;

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(GError) error = NULL;

  lookup->secret = mq_token_store_lookup_finish (MQ_TOKEN_STORE (object), result, &error);
  g_assert_no_error (error);
  lookup->done = TRUE;
}

/* What the keyring holds for the fixture's account (a JSON object), or NULL. */
static char *
stored_token (Fixture *f)
{
  Lookup lookup = { FALSE, NULL };

  mq_token_store_lookup_async (f->store, f->server, mq_account_get_id (f->account),
                               MQ_SECRET_KIND_TOKEN, NULL, looked_up_cb, &lookup);
  wait_until (lookup.done);
  return lookup.secret;
}

/* The accounts as --list-accounts --format=csv prints them. */
static char *
list_accounts_csv (Fixture *f)
{
  g_auto(Run) run = { 0, };

  run_marquee (f, &run, "--list-accounts", "--format=csv");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  return g_steal_pointer (&run.out);
}

#define ACCOUNTS_CSV_HEADER "id,name,server,kind,current,signed_in,expires\r\n"

/* The token goes in on stdin and nowhere else; the id comes out, the token is in the
 * keyring and the account in the settings, as the window would leave them. */
static void
test_add_account (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *server_option = g_strconcat ("--server=", f->server, NULL);
  g_autofree char *expected_id = g_strconcat (mq_account_get_id (f->account), "\n", NULL);
  g_autofree char *expected_csv = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *csv = NULL;
  g_auto(Run) run = { 0, };

  g_assert_null (stored_token (f));

  f->stdin_text = TOKEN "\n";
  run_marquee (f, &run, "--add-account", server_option);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, expected_id);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/user"), ==, 1);
  run_clear (&run);
  f->stdin_text = NULL;

  secret = stored_token (f);
  g_assert_nonnull (secret);
  g_assert_nonnull (strstr (secret, TOKEN));

  csv = list_accounts_csv (f);
  expected_csv = g_strdup_printf (ACCOUNTS_CSV_HEADER "%s,Kiosk Team,%s,token,true,true,\r\n",
                                  mq_account_get_id (f->account), f->server);
  g_assert_cmpstr (csv, ==, expected_csv);

  /* And the listing works with what it stored. */
  run_marquee (f, &run, "--list-playlists", "--format=csv");
  g_assert_cmpint (run.status, ==, 0);
}

/* A token viewneo refuses: exit 3, the window's words, the token nowhere, no account. */
static void
test_add_account_denied (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *server_option = g_strconcat ("--server=", f->server, NULL);
  g_autofree char *csv = NULL;
  g_auto(Run) run = { 0, };

  f->stdin_text = "denied-token-never-printed\n";
  run_marquee_fails (f, &run, 3, "--add-account", server_option);
  g_assert_nonnull (strstr (run.err, "did not accept this token"));
  g_assert_null (strstr (run.err, "denied-token"));
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/user"), ==, 1);
  f->stdin_text = NULL;

  csv = list_accounts_csv (f);
  g_assert_cmpstr (csv, ==, ACCOUNTS_CSV_HEADER);
}

/* Nothing, or only a line break, on stdin is a usage error that asks no server. */
static void
test_add_account_empty_input (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *server_option = g_strconcat ("--server=", f->server, NULL);
  const char *inputs[] = { "", "\n", "\r\n" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_auto(Run) run = { 0, };

      f->stdin_text = inputs[i];
      run_marquee_fails (f, &run, 2, "--add-account", server_option);
      g_assert_nonnull (strstr (run.err, "standard input"));
    }
  f->stdin_text = NULL;

  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api"), ==, 0);
}

/* The window's rules for a server address: refused before stdin is read, exit 2. */
static void
test_add_account_refused_server (Fixture       *f,
                                 gconstpointer  data)
{
  const char *servers[] = {
    "--server=http://example.com",        /* unencrypted, not this computer */
    "--server=https://user:pw@example.com", /* credentials */
    "--server=https://cloud.viewneo.com/dashboard", /* a path */
  };

  f->stdin_text = TOKEN "\n";
  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      g_auto(Run) run = { 0, };

      run_marquee_fails (f, &run, 2, "--add-account", servers[i]);
    }
  f->stdin_text = NULL;

  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api"), ==, 0);
}

/* Without a keyring the sign-in cannot be kept: exit 6, and no account without a token. */
static void
test_add_account_keyring_unavailable (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *server_option = g_strconcat ("--server=", f->server, NULL);
  g_autofree char *bus_address = g_strdup_printf ("unix:path=%s/no-bus", f->config_home);
  g_autofree char *csv = NULL;
  g_auto(Run) run = { 0, };

  f->stdin_text = TOKEN "\n";
  run_marquee_full (f, &run, bus_address, (const char *[]) { "--add-account", server_option, NULL });
  assert_failed (&run, 6);
  f->stdin_text = NULL;

  csv = list_accounts_csv (f);
  g_assert_cmpstr (csv, ==, ACCOUNTS_CSV_HEADER);
}

/* Each format, with a name that carries terminal controls and markup: csv and table
 * show U+FFFD for the controls, json reads back as the name; markup stays text. */
static void
test_list_accounts_formats (Fixture       *f,
                            gconstpointer  data)
{
  const char *name = "<b>Kiosk</b> & \033[2J\342\200\256Team";
  g_autofree char *expected_csv = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0, };
  JsonArray *array;
  JsonObject *object;

  g_set_object (&f->account, NULL);
  f->account = mq_account_new (f->server, 7, name, MQ_TOKEN_KIND_PERSONAL, NULL);
  save_account (f, TRUE);

  run_marquee (f, &run, "--list-accounts", "--format=csv");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  expected_csv = g_strdup_printf (ACCOUNTS_CSV_HEADER "%s,<b>Kiosk</b> & \357\277\275[2J\357\277\275Team,%s,token,true,true,\r\n",
                                  mq_account_get_id (f->account), f->server);
  g_assert_cmpstr (run.out, ==, expected_csv);
  assert_no_controls (run.out, TRUE);
  run_clear (&run);

  run_marquee (f, &run, "--list-accounts", "--format=json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_no_controls (run.out, FALSE);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  object = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, mq_account_get_id (f->account));
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, name);
  g_assert_cmpstr (json_object_get_string_member (object, "server"), ==, f->server);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "token");
  g_assert_true (json_object_get_boolean_member (object, "current"));
  g_assert_true (json_object_get_boolean_member (object, "signed_in"));
  g_assert_true (json_object_get_null_member (object, "expires"));
  run_clear (&run);

  run_marquee (f, &run, "--list-accounts");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_no_controls (run.out, FALSE);
  g_assert_true (g_str_has_prefix (run.out, "ID"));
  g_assert_nonnull (strstr (run.out, "<b>Kiosk</b> & \357\277\275[2J\357\277\275Team"));
  g_assert_nonnull (strstr (run.out, mq_account_get_id (f->account)));
  run_clear (&run);

  run_marquee_fails (f, &run, 2, "--list-accounts", "--format=xml");
}

/* A token that says when it ends (a JWT's exp, 2030-01-01T00:00:00Z): --list-accounts
 * prints that end in local time, with the offset; a table to the minute. */
static void
test_list_accounts_expires (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *server_option = g_strconcat ("--server=", f->server, NULL);
  g_autofree char *expected_csv = NULL;
  g_auto(Run) run = { 0, };
  const char *jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
                    "eyJzdWIiOiI3IiwiZXhwIjoxODkzNDU2MDAwfQ.c2lnbmF0dXJl";

  fake_viewneo_add_token (f->fake, jwt);
  f->stdin_text = jwt;
  run_marquee (f, &run, "--add-account", server_option);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, jwt));
  g_assert_null (strstr (run.err, jwt));
  f->stdin_text = NULL;
  run_clear (&run);

  run_marquee (f, &run, "--list-accounts", "--format=csv");
  g_assert_cmpint (run.status, ==, 0);
  expected_csv = g_strdup_printf (ACCOUNTS_CSV_HEADER "%s,Kiosk Team,%s,token,true,true,2030-01-01T01:00:00+01:00\r\n",
                                  mq_account_get_id (f->account), f->server);
  g_assert_cmpstr (run.out, ==, expected_csv);
  g_assert_null (strstr (run.out, jwt));
  run_clear (&run);

  run_marquee (f, &run, "--list-accounts", "--format=table");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "2030-01-01 01:00\n"));
}

/* Removed: gone from the list and from the keyring; prints nothing. */
static void
test_remove_account (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *remove_option = g_strconcat ("--remove-account=", mq_account_get_id (f->account), NULL);
  g_autofree char *csv = NULL;
  g_autofree char *secret = NULL;
  g_auto(Run) run = { 0, };

  save_account (f, TRUE);
  secret = stored_token (f);
  g_assert_nonnull (secret);
  g_clear_pointer (&secret, g_free);

  run_marquee (f, &run, remove_option);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");

  csv = list_accounts_csv (f);
  g_assert_cmpstr (csv, ==, ACCOUNTS_CSV_HEADER);
  g_assert_null (stored_token (f));
}

/* An unknown id is a usage error that names the accounts there are, and removes none. */
static void
test_remove_unknown_account (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *secret = NULL;
  g_auto(Run) run = { 0, };

  run_marquee_fails (f, &run, 2, "--remove-account=no-such-account");
  run_clear (&run);

  save_account (f, TRUE);
  run_marquee_fails (f, &run, 2, "--remove-account=no-such-account");
  g_assert_nonnull (strstr (run.err, "no-such-account"));
  g_assert_nonnull (strstr (run.err, mq_account_get_id (f->account)));

  secret = stored_token (f);
  g_assert_nonnull (secret);
}

/* Options that only go with the account commands, and commands that do not go together. */
static void
test_account_usage_errors (Fixture       *f,
                           gconstpointer  data)
{
  const char *cases[][3] = {
    { "--server=https://example.com", NULL },
    { "--list-playlists", "--server=https://example.com", NULL },
    { "--add-account", "--list-accounts", NULL },
    { "--list-accounts", "--remove-account=x", NULL },
    { "--list-accounts", "--account=x", NULL },
    { "--remove-account=x", "--format=csv", NULL },
  };

  g_auto(Run) help = { 0, };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0, };

      run_marquee_full (f, &run, NULL, cases[i]);
      assert_failed (&run, 2);
    }

  run_marquee (f, &help, "--help");
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--add-account"));
  g_assert_nonnull (strstr (help.out, "--server=URL"));
  g_assert_nonnull (strstr (help.out, "--list-accounts"));
  g_assert_nonnull (strstr (help.out, "--remove-account=ID"));
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything reads the local zone, here and in the marquee run: the schedule
   * showcase's moments are Berlin's. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s PATH-OF-MARQUEE\n", argv[0]);
      return 2;
    }
  marquee_path = argv[1];

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/command-line/formats", test_formats);
  ADD ("/ui/command-line/account-option", test_account_option);
  ADD ("/ui/command-line/usage-errors", test_usage_errors);
  ADD ("/ui/command-line/not-signed-in", test_not_signed_in);
  ADD ("/ui/command-line/server-errors", test_server_errors);
  ADD ("/ui/command-line/offline", test_offline);
  ADD ("/ui/command-line/keyring-unavailable", test_keyring_unavailable);
  ADD ("/ui/command-line/memory-bounded-500k-items-each-format", test_memory_bounded_500k_items_each_format);
  ADD ("/ui/command-line/more-than-a-million-playlists-is-an-error", test_more_than_a_million_playlists_is_an_error);
  ADD ("/ui/command-line/table-fits-columns", test_table_fits_columns);
  ADD ("/ui/command-line/table-with-a-2-mib-name", test_table_with_a_2_mib_name);
  ADD ("/ui/command-line/no-terminal-controls", test_no_terminal_controls);
  ADD ("/ui/command-line/timeout-with-a-trickling-server", test_timeout_with_a_trickling_server);
  ADD ("/ui/command-line/now-playing/json", test_now_playing_json);
  ADD ("/ui/command-line/now-playing/csv", test_now_playing_csv);
  ADD ("/ui/command-line/now-playing/table", test_now_playing_table);
  ADD ("/ui/command-line/now-playing/bad-at", test_now_playing_bad_at);
  ADD ("/ui/command-line/now-playing/server-errors", test_now_playing_server_errors);
  ADD ("/ui/command-line/now-playing/no-terminal-controls", test_now_playing_no_terminal_controls);
  ADD ("/ui/command-line/accounts/add", test_add_account);
  ADD ("/ui/command-line/accounts/add-denied", test_add_account_denied);
  ADD ("/ui/command-line/accounts/add-empty-input", test_add_account_empty_input);
  ADD ("/ui/command-line/accounts/add-refused-server", test_add_account_refused_server);
  ADD ("/ui/command-line/accounts/add-keyring-unavailable", test_add_account_keyring_unavailable);
  ADD ("/ui/command-line/accounts/list-formats", test_list_accounts_formats);
  ADD ("/ui/command-line/accounts/list-expires", test_list_accounts_expires);
  ADD ("/ui/command-line/accounts/remove", test_remove_account);
  ADD ("/ui/command-line/accounts/remove-unknown", test_remove_unknown_account);
  ADD ("/ui/command-line/accounts/usage-errors", test_account_usage_errors);
#undef ADD

  return g_test_run ();
}
