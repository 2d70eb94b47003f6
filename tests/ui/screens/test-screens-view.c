/* test-screens-view.c: the Screens page against the fake viewneo, in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-test"

#include <locale.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "mq-clock.h"
#include "mq-screen-group-item.h"
#include "mq-screen-group-row.h"
#include "mq-screens-cache.h"
#include "mq-screens-view.h"
#include "mq-test-async.h"
#include "mq-test-viewneo.h"
#include "playlists-test-utils.h"

/* What the fake's schedule showcase has (fake-viewneo.h). */
#define SHOWCASE_PLAYLIST_ID 900
#define SHOWCASE_GROUP_ID    300

typedef struct
{
  FakeViewneo   *fake;
  char          *url;
  MqSession     *session;
  MqClient      *client;
  GtkWindow     *window;
  MqScreensView *view;
  /* The showcase's change: the next full minute after it was made. */
  gint64         change;
  /* A fake wall clock that runs with the monotonic one from clock_time at clock_start,
   * so that it jumps only when a test makes it. */
  gint64         clock_time;
  gint64         clock_start;
} Fixture;

static gint64 next_user_id = 300;

static void
set_up_client (Fixture *f)
{
  f->url = fake_viewneo_get_url (f->fake);
  f->session = test_session_new (f->url, next_user_id++);
  f->client = test_client_new (f->url, f->session);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  f->fake = test_fake_new (30);
  fake_viewneo_add_schedule_showcase (f->fake, now);
  f->change = g_date_time_to_unix (now) - g_date_time_get_second (now) + 60;
  set_up_client (f);
}

static void
fixture_set_up_empty (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* A server without playlists has no screen groups either. */
  f->fake = fake_viewneo_new ();
  g_assert_true (fake_viewneo_listen (f->fake, 0, &error));
  g_assert_no_error (error);
  fake_viewneo_add_token (f->fake, TEST_TOKEN);
  set_up_client (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    test_window_destroy (f->window);
  mq_clock_set_fake_now (0);
  g_clear_object (&f->client);
  g_clear_object (&f->session);
  mq_test_viewneo_stop (&f->fake);
  g_clear_pointer (&f->url, g_free);
}

static void
set_clock (Fixture *f,
           gint64   unix_time)
{
  f->clock_time = unix_time;
  f->clock_start = g_get_monotonic_time ();
  mq_clock_set_fake_now (unix_time);
}

/* Moves the fake clock on as time passes; TRUE, to be used in a WAIT_FOR() condition. */
static gboolean
tick (Fixture *f)
{
  if (f->clock_time != 0)
    mq_clock_set_fake_now (f->clock_time + (g_get_monotonic_time () - f->clock_start) / G_USEC_PER_SEC);

  return TRUE;
}

static void
open_view (Fixture *f)
{
  f->view = MQ_SCREENS_VIEW (mq_screens_view_new ());
  f->window = test_window_new (GTK_WIDGET (f->view), 800, 700);
  mq_screens_view_set_client (f->view, f->client);
}

static gboolean
item_is_known (MqScreenGroupItem *item)
{
  return mq_screen_group_item_get_state (item) == MQ_SCREEN_GROUP_KNOWN;
}

static MqScreenGroupItem *
find_item (Fixture *f,
           gint64   group_id)
{
  GListModel *groups = mq_screens_view_get_groups (f->view);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(MqScreenGroupItem) item = g_list_model_get_item (groups, i);

      if (mq_device_group_get_id (mq_screen_group_item_get_group (item)) == group_id)
        return item;  /* the list holds it */
    }

  return NULL;
}

static gboolean
row_is_for (GtkWidget *widget,
            gpointer   data)
{
  MqScreenGroupItem *item = mq_screen_group_row_get_item (MQ_SCREEN_GROUP_ROW (widget));

  return gtk_widget_get_mapped (widget)
         && mq_device_group_get_id (mq_screen_group_item_get_group (item)) == *(gint64 *) data;
}

static GtkWidget *
find_row (Fixture *f,
          gint64   group_id)
{
  return test_find_widget (GTK_WIDGET (f->view), MQ_TYPE_SCREEN_GROUP_ROW, row_is_for, &group_id);
}

static gboolean
label_contains (GtkWidget *widget,
                gpointer   data)
{
  return gtk_widget_get_mapped (widget)
         && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  return test_find_widget (root, GTK_TYPE_LABEL, label_contains, (gpointer) text);
}

static MqScreenGroupItem *
wait_for_showcase (Fixture *f)
{
  WAIT_FOR (tick (f) && find_item (f, SHOWCASE_GROUP_ID) != NULL
            && item_is_known (find_item (f, SHOWCASE_GROUP_ID))
            && find_row (f, SHOWCASE_GROUP_ID) != NULL);

  return find_item (f, SHOWCASE_GROUP_ID);
}

/* The text of the row's label that starts with @prefix. */
static const char *
row_text (Fixture    *f,
          const char *prefix)
{
  GtkWidget *label = find_label (find_row (f, SHOWCASE_GROUP_ID), prefix);

  g_assert_nonnull (label);

  return gtk_label_get_text (GTK_LABEL (label));
}

static char *
dup_active_ids (MqScreenGroupItem *item)
{
  GPtrArray *active = mq_screen_group_item_get_active (item);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < active->len; i++)
    g_string_append_printf (ids, "%" G_GINT64_FORMAT " ",
                            mq_playlist_entry_get_id (g_ptr_array_index (active, i)));

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static gint64
next_change (MqScreenGroupItem *item)
{
  GDateTime *next = mq_screen_group_item_get_next_change (item);

  return next != NULL ? g_date_time_to_unix (next) : 0;
}

/* ---- the cache ---- */

/* A group that only the cache has. */
#define SAVED_GROUP_ID 777

static char *
screens_cache_path (const char *account_id)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, account_id, -1);
  g_autofree char *basename = g_strdup_printf ("screens-%s.json", digest);

  return g_build_filename (g_get_user_cache_dir (), "marquee", basename, NULL);
}

static void
write_screens_cache (const char *account_id,
                     const char *contents)
{
  g_autofree char *path = screens_cache_path (account_id);
  g_autofree char *directory = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (directory, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Saved an hour ago: the group 777 with a screen of its own. */
static void
write_saved_group (const char *account_id)
{
  g_autofree char *contents =
    g_strdup_printf ("{\"version\":1,\"saved_at\":%" G_GINT64_FORMAT ",\"screens\":[\n"
                     "{\"devicegroup\":{\"id\":777,\"name\":\"Saved Lobby\",\"playlist_id\":900}},\n"
                     "{\"device\":{\"id\":778,\"name\":\"Saved Screen\",\"device_group_id\":777}}\n"
                     "]}\n",
                     g_get_real_time () / G_USEC_PER_SEC - 3600);

  write_screens_cache (account_id, contents);
}

/* Whether the account's cache reads back, through Marquee's own loader, with
 * @group_id and a screen of it. */
static gboolean
cache_has_group (const char *account_id,
                 gint64      group_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;
  gboolean group_found = FALSE, device_found = FALSE;

  mq_screens_cache_load_async (account_id, NULL, mq_test_store_result, &result);
  WAIT_FOR (result != NULL);
  if (!mq_screens_cache_load_finish (result, &groups, &devices, NULL, &error) || groups == NULL)
    return FALSE;

  for (guint i = 0; i < groups->len; i++)
    group_found |= mq_device_group_get_id (g_ptr_array_index (groups, i)) == group_id;
  for (guint i = 0; i < devices->len; i++)
    device_found |= mq_device_get_device_group_id (g_ptr_array_index (devices, i)) == group_id;

  return group_found && device_found;
}

static void
open_view_for (Fixture    *f,
               const char *account_id)
{
  f->view = MQ_SCREENS_VIEW (mq_screens_view_new ());
  f->window = test_window_new (GTK_WIDGET (f->view), 800, 700);
  mq_screens_view_set_account_id (f->view, account_id);
  mq_screens_view_set_client (f->view, f->client);
}

static gboolean
saved_row_shown (Fixture *f)
{
  gint64 id = SAVED_GROUP_ID;
  GtkWidget *row = test_find_widget (GTK_WIDGET (f->view), MQ_TYPE_SCREEN_GROUP_ROW, row_is_for, &id);

  return row != NULL && find_label (row, "Saved Lobby") != NULL;
}

/* The saved groups show while the (slow) server's lists load, marked as saved, and
 * the server's replace them. */
static void
test_cache_first (Fixture       *f,
                  gconstpointer  data)
{
  const char *account_id = "screens-cache-first";

  write_saved_group (account_id);
  fake_viewneo_set_latency (f->fake, 1500);
  open_view_for (f, account_id);

  WAIT_FOR (saved_row_shown (f) && find_label (GTK_WIDGET (f->view), "Showing screens saved") != NULL);
  g_assert_null (find_item (f, SHOWCASE_GROUP_ID));

  wait_for_showcase (f);
  g_assert_null (find_item (f, SAVED_GROUP_ID));
  g_assert_null (find_label (GTK_WIDGET (f->view), "Showing screens saved"));

  mq_screens_cache_delete (account_id);
}

/* Offline, the saved groups stay with the offline note, not the error page. */
static void
test_cache_offline (Fixture       *f,
                    gconstpointer  data)
{
  const char *account_id = "screens-cache-offline";

  write_saved_group (account_id);
  fake_viewneo_shutdown (f->fake);
  open_view_for (f, account_id);

  WAIT_FOR (find_label (GTK_WIDGET (f->view), "Offline — showing screens saved") != NULL);
  g_assert_true (saved_row_shown (f));
  g_assert_nonnull (find_label (GTK_WIDGET (f->view), "Saved Screen"));
  g_assert_null (test_find_shown_status_page (GTK_WIDGET (f->view), "Can’t Reach viewneo"));

  mq_screens_cache_delete (account_id);
}

/* A cache damaged after its first group counts as none: none of it shows, the error
 * page does; and the next load writes a good one over it. */
static void
test_cache_damaged (Fixture       *f,
                    gconstpointer  data)
{
  const char *account_id = "screens-cache-damaged";

  write_screens_cache (account_id,
                       "{\"version\":1,\"saved_at\":1,\"screens\":[\n"
                       "{\"devicegroup\":{\"id\":777,\"name\":\"Saved Lobby\"}},\n"
                       "not json\n"
                       "]}\n");
  fake_viewneo_add_fault (f->fake, "/api/v1.0/devicegroup", FAKE_FAULT_SERVER_ERROR, 0, 1);
  open_view_for (f, account_id);

  WAIT_FOR (test_find_shown_status_page (GTK_WIDGET (f->view), "Could Not Load Screens") != NULL);
  g_assert_null (find_item (f, SAVED_GROUP_ID));

  gtk_widget_activate_action (GTK_WIDGET (f->view), "screens.reload", NULL);
  wait_for_showcase (f);
  WAIT_FOR (cache_has_group (account_id, SHOWCASE_GROUP_ID));

  mq_screens_cache_delete (account_id);
}

/* The cache is the user's alone, whatever the umask. */
static void
test_cache_mode (Fixture       *f,
                 gconstpointer  data)
{
  const char *account_id = "screens-cache-mode";
  g_autofree char *path = screens_cache_path (account_id);
  GStatBuf st;
  mode_t old_umask = umask (022);

  open_view_for (f, account_id);
  wait_for_showcase (f);
  WAIT_FOR (cache_has_group (account_id, SHOWCASE_GROUP_ID));
  umask (old_umask);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Sign-out's delete leaves nothing. */
  mq_screens_cache_delete (account_id);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Group 300 is listed with its playlist and its two screens, as the server has them. */
static void
test_lists_groups_and_devices (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) groups = test_list_device_groups (f->client);
  MqScreenGroupItem *item;
  GtkWidget *row;
  GPtrArray *devices;

  open_view (f);
  item = wait_for_showcase (f);

  g_assert_cmpuint (g_list_model_get_n_items (mq_screens_view_get_groups (f->view)), ==, groups->len);
  row = find_row (f, SHOWCASE_GROUP_ID);
  g_assert_nonnull (find_label (row, mq_device_group_get_name (mq_screen_group_item_get_group (item))));
  g_assert_nonnull (find_label (row, "Plays “Zeitplan-Demo”"));

  devices = mq_screen_group_item_get_devices (item);
  g_assert_cmpuint (devices->len, ==, 2);
  for (guint i = 0; i < devices->len; i++)
    {
      MqDevice *device = g_ptr_array_index (devices, i);

      g_assert_cmpint (mq_device_get_device_group_id (device), ==, SHOWCASE_GROUP_ID);
      g_assert_nonnull (find_label (row, mq_device_get_name (device)));
    }
}

/* What plays now, and when that changes, with the zone named. */
static void
test_now_and_next_change (Fixture       *f,
                          gconstpointer  data)
{
  MqScreenGroupItem *item;

  set_clock (f, f->change - 30);
  open_view (f);
  item = wait_for_showcase (f);

  g_assert_cmpuint (mq_screen_group_item_get_active (item)->len, >, 0);
  g_assert_cmpint (next_change (item), ==, f->change);
  g_assert_true (g_str_has_prefix (row_text (f, "Now: "), "Now: "));
  g_assert_nonnull (strstr (row_text (f, "Changes at "), "Europe/Berlin ("));
}

/* At the change, the page computes again by itself: the timeout to the next change. */
static void
test_updates_at_change (Fixture       *f,
                        gconstpointer  data)
{
  MqScreenGroupItem *item;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  set_clock (f, f->change - 3);
  open_view (f);
  item = wait_for_showcase (f);
  g_assert_cmpint (next_change (item), ==, f->change);
  before = dup_active_ids (item);

  /* The clock runs on, without a jump, past the change. */
  WAIT_FOR (tick (f) && next_change (item) != f->change);

  after = dup_active_ids (item);
  g_assert_cmpstr (before, !=, after);
  g_assert_cmpint (next_change (item), >, f->change);
}

/* A wall-clock jump (a resume, a clock set by hand) is noticed without waiting for the
 * timeout, which runs on the monotonic clock. */
static void
test_updates_after_clock_jump (Fixture       *f,
                               gconstpointer  data)
{
  MqScreenGroupItem *item;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  set_clock (f, f->change - 600);
  open_view (f);
  item = wait_for_showcase (f);
  g_assert_cmpint (next_change (item), ==, f->change);
  before = dup_active_ids (item);

  /* Eleven minutes on at once: the timeout is still ten minutes away. */
  set_clock (f, f->change + 60);
  WAIT_FOR (tick (f) && next_change (item) != f->change);

  after = dup_active_ids (item);
  g_assert_cmpstr (before, !=, after);
}

static void
activated_cb (MqScreensView *view,
              gint64         id,
              gint64        *activated)
{
  *activated = id;
}

/* Choosing a group asks for its playlist. */
static void
test_activate_group (Fixture       *f,
                     gconstpointer  data)
{
  gint64 activated = 0;

  open_view (f);
  wait_for_showcase (f);
  g_signal_connect (f->view, "playlist-activated", G_CALLBACK (activated_cb), &activated);

  gtk_widget_activate (find_row (f, SHOWCASE_GROUP_ID));
  g_assert_cmpint (activated, ==, SHOWCASE_PLAYLIST_ID);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  open_view (f);
  WAIT_FOR (test_find_shown_status_page (GTK_WIDGET (f->view), "No Screens") != NULL);
  g_assert_cmpuint (g_list_model_get_n_items (mq_screens_view_get_groups (f->view)), ==, 0);
}

/* A failure says what the server said, and Retry loads again. */
static void
test_error_then_retry (Fixture       *f,
                       gconstpointer  data)
{
  AdwStatusPage *page;

  fake_viewneo_add_fault (f->fake, "/api/v1.0/devicegroup", FAKE_FAULT_SERVER_ERROR, 0, 1);
  open_view (f);
  WAIT_FOR (test_find_shown_status_page (GTK_WIDGET (f->view), "Could Not Load Screens") != NULL);
  page = test_find_shown_status_page (GTK_WIDGET (f->view), "Could Not Load Screens");
  g_assert_cmpstr (adw_status_page_get_description (page), !=, "");
  g_assert_nonnull (adw_status_page_get_description (page));

  gtk_widget_activate_action (GTK_WIDGET (f->view), "screens.reload", NULL);
  wait_for_showcase (f);
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  fake_viewneo_shutdown (f->fake);
  open_view (f);
  WAIT_FOR (test_find_shown_status_page (GTK_WIDGET (f->view), "Can’t Reach viewneo") != NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* A cache folder of the tests' own, set before GLib reads it. */
  g_autofree char *cache_home = g_dir_make_tmp ("marquee-screens-XXXXXX", NULL);
  int status;

  g_assert_nonnull (cache_home);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  /* Times are shown with their zone: one that has a name. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, setup, func) \
  g_test_add (path, Fixture, NULL, setup, func, fixture_tear_down)

  ADD ("/screens/view/groups-and-devices", fixture_set_up, test_lists_groups_and_devices);
  ADD ("/screens/view/now-and-next-change", fixture_set_up, test_now_and_next_change);
  ADD ("/screens/view/updates-at-change", fixture_set_up, test_updates_at_change);
  ADD ("/screens/view/updates-after-clock-jump", fixture_set_up, test_updates_after_clock_jump);
  ADD ("/screens/view/activate-group", fixture_set_up, test_activate_group);
  ADD ("/screens/view/empty", fixture_set_up_empty, test_empty);
  ADD ("/screens/view/error-then-retry", fixture_set_up, test_error_then_retry);
  ADD ("/screens/view/offline", fixture_set_up, test_offline);
  ADD ("/screens/view/cache-first", fixture_set_up, test_cache_first);
  ADD ("/screens/view/cache-offline", fixture_set_up, test_cache_offline);
  ADD ("/screens/view/cache-damaged", fixture_set_up, test_cache_damaged);
  ADD ("/screens/view/cache-mode", fixture_set_up, test_cache_mode);

  status = g_test_run ();

  {
    g_autofree char *marquee_dir = g_build_filename (cache_home, "marquee", NULL);

    g_rmdir (marquee_dir);
    g_rmdir (cache_home);
  }

  return status;
}
