/* test-playlists-schedule.c: "Playing at" and the week view of the playlist detail,
 * against the fake viewneo's schedule showcase, in a real window
 *
 * The showcase is made for Wednesday 12 March 2025, 10:00:30 in Europe/Berlin (the
 * zone every test here runs in), so its entries play at known moments:
 *   0 always               10 s     6 Sat and Sun from 17:00    11 s
 *   1 10:01–11:01 daily    15 s     7 1–26 December 2025        30 s
 *   2 09:01–10:01 daily    12 s     8 all of 2024                5 s
 *   3 12–18 March 2025      8 s     9 a nested playlist, always  0 s
 *   4 Mon–Fri               9 s    10 never                      7 s
 *   5 22:00–06:00 daily    20 s    11 a malformed date: unknown  6 s
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-test"

#include <locale.h>
#include <string.h>

#include "mq-clock.h"
#include "mq-entry-row.h"
#include "mq-playing-at.h"
#include "mq-playlist-detail.h"
#include "mq-entry-kind.h"
#include "mq-test-viewneo.h"
#include "mq-timeline.h"
#include "mq-week-view.h"
#include "playlists-test-utils.h"

#define SHOWCASE_ID 900
#define N_SHOWCASE_ENTRIES 12

typedef struct
{
  FakeViewneo      *fake;
  char             *url;
  MqSession        *session;
  MqClient         *client;
  GtkWindow        *window;
  MqPlaylistDetail *detail;
  MqPlaylist       *showcase;
} Fixture;

static gint64 next_user_id = 500;

static GDateTime *
berlin (int year,
        int month,
        int day,
        int hour,
        int minute,
        int second)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");

  return g_date_time_new (tz, year, month, day, hour, minute, second);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) made_at = berlin (2025, 3, 12, 10, 0, 30);

  f->fake = test_fake_new (4);
  fake_viewneo_add_schedule_showcase (f->fake, made_at);
  f->url = fake_viewneo_get_url (f->fake);
  f->session = test_session_new (f->url, next_user_id++);
  f->client = test_client_new (f->url, f->session);
  f->showcase = test_get_playlist (f->client, SHOWCASE_ID);
  g_assert_cmpuint (g_list_model_get_n_items (mq_playlist_get_entries (f->showcase)), ==,
                    N_SHOWCASE_ENTRIES);
}

static void
open_detail (Fixture *f)
{
  f->detail = MQ_PLAYLIST_DETAIL (mq_playlist_detail_new ());
  mq_playlist_detail_set_client (f->detail, f->client);
  f->window = test_window_new (GTK_WIDGET (f->detail), 1000, 800);
  mq_playlist_detail_show (f->detail, f->showcase);
  WAIT_FOR (!mq_playlist_detail_get_loading (f->detail)
            && mq_playlist_get_entries (mq_playlist_detail_get_playlist (f->detail)) != NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  mq_clock_set_fake_now (0);
  if (f->window != NULL)
    test_window_destroy (f->window);
  g_clear_object (&f->showcase);
  g_clear_object (&f->client);
  g_clear_object (&f->session);
  mq_test_viewneo_stop (&f->fake);
  g_clear_pointer (&f->url, g_free);
}

static MqPlayingAt *
playing_at (Fixture *f)
{
  return MQ_PLAYING_AT (mq_playlist_detail_get_playing_at (f->detail));
}

static GPtrArray *
entry_rows (Fixture *f)
{
  GPtrArray *rows = test_find_widgets (GTK_WIDGET (f->detail), MQ_TYPE_ENTRY_ROW, NULL, NULL);

  g_assert_cmpuint (rows->len, ==, N_SHOWCASE_ENTRIES);

  return rows;
}

static MqTimeline *
timeline (Fixture *f)
{
  return MQ_TIMELINE (test_find_widget (GTK_WIDGET (f->detail), MQ_TYPE_TIMELINE, NULL, NULL));
}

static gboolean
has_class (GtkWidget *widget,
           gpointer   data)
{
  return gtk_widget_has_css_class (widget, data);
}

static const char *
loop_text (Fixture *f)
{
  GtkWidget *label = test_find_widget (GTK_WIDGET (f->detail), GTK_TYPE_LABEL, has_class,
                                       (gpointer) "mq-loop");

  g_assert_nonnull (label);

  return gtk_label_get_text (GTK_LABEL (label));
}

/* Exactly the entries in @playing (indices, -1 ended) play: the others are greyed
 * out, in the list and in the timeline. */
static void
assert_playing (Fixture   *f,
                const int *playing)
{
  g_autoptr(GPtrArray) rows = entry_rows (f);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      gboolean expected = FALSE;

      for (const int *p = playing; *p >= 0; p++)
        expected |= (guint) *p == i;

      if (mq_entry_row_get_playing (MQ_ENTRY_ROW (row)) != expected)
        g_error ("Entry %u should %splay", i, expected ? "" : "not ");
      g_assert_cmpint (gtk_widget_has_css_class (row, "mq-not-playing"), ==, !expected);
      g_assert_cmpint (mq_timeline_get_block_playing (timeline (f), i), ==, expected);
    }
}

static gboolean
is_unknown_mark (GtkWidget *widget,
                 gpointer   data)
{
  return gtk_widget_get_visible (widget)
         && g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Unknown schedule") == 0;
}

static gboolean
button_label_is (GtkWidget *widget,
                 gpointer   data)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static void
test_playing_at (Fixture       *f,
                 gconstpointer  data)
{
  static const struct {
    int         year, month, day, hour, minute;
    int         playing[8];
    const char *loop;
  } moments[] = {
    /* A Wednesday morning: the window that starts at 10:01 plays, the one that ended
     * at 10:01 does not. */
    { 2025, 3, 12, 10, 30, { 0, 1, 3, 4, 9, -1 },
      "Loop at Wed 12 Mar 2025, 10:30, Europe/Berlin (CET): at least 42 s" },
    /* Past midnight: Wednesday's 22:00–06:00 still plays on Thursday. */
    { 2025, 3, 13, 1, 30, { 0, 3, 4, 5, 9, -1 },
      "Loop at Thu 13 Mar 2025, 01:30, Europe/Berlin (CET): at least 47 s" },
    /* Saturday evening: the weekend, no workdays. */
    { 2025, 3, 15, 18, 0, { 0, 3, 6, 9, -1 },
      "Loop at Sat 15 Mar 2025, 18:00, Europe/Berlin (CET): at least 29 s" },
    /* Sunday night: Saturday's 22:00–06:00, but not Saturday's evening from 17:00. */
    { 2025, 3, 16, 3, 0, { 0, 3, 5, 9, -1 },
      "Loop at Sun 16 Mar 2025, 03:00, Europe/Berlin (CET): at least 38 s" },
    /* Christmas Eve, a Wednesday, in summer time no more: CET. */
    { 2025, 12, 24, 12, 0, { 0, 4, 7, 9, -1 },
      "Loop at Wed 24 Dec 2025, 12:00, Europe/Berlin (CET): at least 49 s" },
    /* Summer: the zone says CEST. */
    { 2025, 7, 1, 12, 0, { 0, 4, 9, -1 },
      "Loop at Tue 1 Jul 2025, 12:00, Europe/Berlin (CEST): at least 19 s" },
  };
  g_autoptr(GPtrArray) rows = NULL;

  open_detail (f);

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      g_autoptr(GDateTime) moment = berlin (moments[i].year, moments[i].month, moments[i].day,
                                            moments[i].hour, moments[i].minute, 0);

      mq_playing_at_set_moment (playing_at (f), moment);
      assert_playing (f, moments[i].playing);
      g_assert_cmpstr (loop_text (f), ==, moments[i].loop);
    }

  /* The unknown schedule is marked as such, and only it. */
  rows = entry_rows (f);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (test_find_widget (g_ptr_array_index (rows, i), GTK_TYPE_IMAGE,
                                       is_unknown_mark, NULL) != NULL, ==, i == 11);

  /* The control itself: a day in the calendar and a time. */
  {
    GtkWidget *control = GTK_WIDGET (playing_at (f));
    GtkCalendar *calendar = GTK_CALENDAR (test_find_widget (control, GTK_TYPE_CALENDAR, NULL, NULL));
    g_autoptr(GPtrArray) spins = test_find_widgets (control, GTK_TYPE_SPIN_BUTTON, NULL, NULL);
    g_autoptr(GDateTime) day = berlin (2025, 3, 13, 0, 0, 0);
    g_autoptr(GDateTime) expected = berlin (2025, 3, 13, 1, 30, 0);
    const int thursday_night[] = { 0, 3, 4, 5, 9, -1 };
    GtkWidget *now_button;

    g_assert_cmpuint (spins->len, ==, 2);
    gtk_calendar_select_day (calendar, day);
    gtk_spin_button_set_value (g_ptr_array_index (spins, 0), 1);
    gtk_spin_button_set_value (g_ptr_array_index (spins, 1), 30);
    g_assert_true (g_date_time_equal (mq_playing_at_get_moment (playing_at (f)), expected));
    assert_playing (f, thursday_night);

    now_button = test_find_widget (control, GTK_TYPE_BUTTON, button_label_is, (gpointer) "_Now");
    g_assert_nonnull (now_button);
    g_signal_emit_by_name (now_button, "clicked");
    g_assert_null (mq_playing_at_get_moment (playing_at (f)));
    g_assert_true (g_str_has_prefix (loop_text (f), "Loop now, Europe/Berlin ("));
  }
}

static void
test_nested_resolved (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) moment = berlin (2025, 3, 12, 10, 30, 0);
  g_autoptr(MqPlaylistEntry) nested_entry = NULL;
  g_autoptr(MqPlaylist) nested = NULL;

  open_detail (f);
  mq_playing_at_set_moment (playing_at (f), moment);
  g_assert_true (strstr (loop_text (f), ": at least ") != NULL);

  /* Once the nested playlist has been shown, its entries count: no lower bound. */
  nested_entry = g_list_model_get_item (mq_playlist_get_entries (f->showcase), 9);
  nested = test_get_playlist (f->client, mq_playlist_entry_get_nested_playlist_id (nested_entry));
  mq_playlist_detail_show (f->detail, nested);
  WAIT_FOR (!mq_playlist_detail_get_loading (f->detail));
  mq_playlist_detail_show (f->detail, f->showcase);
  WAIT_FOR (!mq_playlist_detail_get_loading (f->detail)
            && mq_playlist_get_entries (mq_playlist_detail_get_playlist (f->detail)) != NULL);
  g_assert_true (g_str_has_prefix (loop_text (f), "Loop at Wed 12 Mar 2025, 10:30, Europe/Berlin (CET): "));
  g_assert_null (strstr (loop_text (f), "at least"));
}

static void
test_now_follows_clock (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GDateTime) before = berlin (2025, 3, 12, 10, 0, 59);
  g_autoptr(GDateTime) at_change = berlin (2025, 3, 12, 10, 1, 0);
  g_autoptr(GPtrArray) rows = NULL;
  MqEntryRow *starts, *ends;

  mq_clock_set_fake_now (g_date_time_to_unix (before));
  open_detail (f);
  g_assert_null (mq_playing_at_get_moment (playing_at (f)));

  rows = entry_rows (f);
  starts = g_ptr_array_index (rows, 1);
  ends = g_ptr_array_index (rows, 2);
  g_assert_false (mq_entry_row_get_playing (starts));
  g_assert_true (mq_entry_row_get_playing (ends));
  g_assert_cmpstr (loop_text (f), ==, "Loop now, Europe/Berlin (CET): at least 39 s");

  /* The clock reaches the change: the detail comes back by itself. */
  mq_clock_set_fake_now (g_date_time_to_unix (at_change));
  WAIT_FOR (mq_entry_row_get_playing (starts) && !mq_entry_row_get_playing (ends));
  g_assert_cmpstr (loop_text (f), ==, "Loop now, Europe/Berlin (CET): at least 42 s");
}

static MqWeekView *
week_view (Fixture *f)
{
  return MQ_WEEK_VIEW (test_find_widget (GTK_WIDGET (f->detail), MQ_TYPE_WEEK_VIEW, NULL, NULL));
}

static char *
dup_entry_title (Fixture *f,
                 guint    index)
{
  g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (mq_playlist_get_entries (f->showcase), index);

  return mq_entry_dup_title (entry, NULL);
}

static void
assert_summary (Fixture    *f,
                guint       row,
                guint       entry,
                const char *schedule)
{
  g_autofree char *title = dup_entry_title (f, entry);
  g_autofree char *expected = g_strdup_printf ("%s: %s", title, schedule);

  g_assert_cmpstr (mq_week_grid_get_summary (mq_week_view_get_grid (week_view (f), row)), ==, expected);
}

static gboolean
press_key (MqWeekGrid *grid,
           guint       keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (grid));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          return handled;
        }
    }

  g_error ("The week grid has no key controller");
}

static void
assert_cursor (MqWeekGrid *grid,
               guint       day,
               guint       hour)
{
  guint cursor_day, cursor_hour;

  mq_week_grid_get_cursor (grid, &cursor_day, &cursor_hour);
  g_assert_cmpuint (cursor_day, ==, day);
  g_assert_cmpuint (cursor_hour, ==, hour);
}

static void
test_week_view (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = berlin (2025, 3, 12, 10, 30, 0);
  MqWeekView *week;
  MqWeekGrid *workdays, *first, *second;

  /* Now is in the week shown: today (Wednesday) and this hour are marked. */
  mq_clock_set_fake_now (g_date_time_to_unix (now));
  open_detail (f);
  week = week_view (f);

  /* Every entry but the one that never plays, in playback order. */
  g_assert_cmpuint (mq_week_view_get_n_rows (week), ==, N_SHOWCASE_ENTRIES - 1);
  assert_summary (f, 0, 0, "Every day, all day");
  assert_summary (f, 2, 2, "Every day, 09:00–11:00");
  assert_summary (f, 3, 3, "Wednesday to Sunday, all day");
  assert_summary (f, 4, 4, "Monday to Friday, all day");
  assert_summary (f, 5, 5, "Every day, 00:00–06:00, 22:00–24:00");
  assert_summary (f, 6, 6, "Saturday and Sunday, 17:00–24:00");
  assert_summary (f, 7, 7, "Not this week");
  assert_summary (f, 10, 11, "Unknown schedule");

  /* The cells of the workdays' entry. */
  workdays = mq_week_view_get_grid (week, 4);
  for (guint day = 0; day < 7; day++)
    for (guint hour = 0; hour < 24; hour++)
      g_assert_cmpint (mq_week_grid_get_cell (workdays, day, hour), ==, day < 5);
  g_assert_cmpint (mq_week_grid_get_today (workdays), ==, 2);
  g_assert_false (mq_week_grid_get_cell (mq_week_view_get_grid (week, 5), 2, 6));
  g_assert_true (mq_week_grid_get_cell (mq_week_view_get_grid (week, 5), 2, 5));
  g_assert_true (mq_week_grid_get_cell (mq_week_view_get_grid (week, 5), 2, 22));

  /* Another week: today is not in it. */
  {
    g_autoptr(GDateTime) later = berlin (2025, 12, 24, 12, 0, 0);

    mq_playing_at_set_moment (playing_at (f), later);
    /* The range ends on Friday 26 December. */
    assert_summary (f, 7, 7, "Monday to Friday, all day");
    g_assert_cmpint (mq_week_grid_get_today (mq_week_view_get_grid (week, 0)), ==, -1);
    mq_playing_at_set_moment (playing_at (f), NULL);
  }

  /* The keyboard: the cursor starts today at this hour and moves with the arrows;
   * past Sunday it goes into the next entry's grid, at the same hour. */
  first = mq_week_view_get_grid (week, 0);
  second = mq_week_view_get_grid (week, 1);
  gtk_widget_grab_focus (GTK_WIDGET (first));
  g_assert_true (gtk_window_get_focus (f->window) == GTK_WIDGET (first));
  assert_cursor (first, 2, 10);
  g_assert_true (press_key (first, GDK_KEY_Right));
  assert_cursor (first, 2, 11);
  g_assert_true (press_key (first, GDK_KEY_Down));
  assert_cursor (first, 3, 11);
  g_assert_cmpstr (mq_week_grid_get_cursor_text (first), ==, "Thursday, 11:00–12:00: plays");
  g_assert_cmpstr (mq_week_grid_get_cursor_text (second), ==, "Wednesday (today), 10:00–11:00: plays");
  for (int i = 0; i < 3; i++)
    g_assert_true (press_key (first, GDK_KEY_Down));
  assert_cursor (first, 6, 11);
  g_assert_true (press_key (first, GDK_KEY_Down));
  g_assert_true (gtk_window_get_focus (f->window) == GTK_WIDGET (second));
  assert_cursor (second, 0, 11);
  /* 10:01–11:01 plays for a minute of the hour from 11:00. */
  g_assert_cmpstr (mq_week_grid_get_cursor_text (second), ==, "Monday, 11:00–12:00: plays");
  g_assert_true (press_key (second, GDK_KEY_Right));
  g_assert_cmpstr (mq_week_grid_get_cursor_text (second), ==, "Monday, 12:00–13:00: does not play");
  g_assert_true (press_key (second, GDK_KEY_Left));
  g_assert_true (press_key (second, GDK_KEY_Up));
  g_assert_true (gtk_window_get_focus (f->window) == GTK_WIDGET (first));
  assert_cursor (first, 6, 11);
  g_assert_true (press_key (first, GDK_KEY_Home));
  assert_cursor (first, 6, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything reads the local zone: the showcase's moments are Berlin's. */
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

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/playlists/schedule/playing-at", test_playing_at);
  ADD ("/playlists/schedule/nested-resolved", test_nested_resolved);
  ADD ("/playlists/schedule/now-follows-clock", test_now_follows_clock);
  ADD ("/playlists/schedule/week-view", test_week_view);

  return g_test_run ();
}
