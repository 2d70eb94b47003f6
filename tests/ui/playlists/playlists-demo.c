/* playlists-demo.c: the playlists view against the fake viewneo, to look at
 *
 *   playlists-demo [--width=W] [--height=H] [--dark] [--playlists=N] [--select=N]
 *                  [--state=list|detail|loading|empty|offline|offline-cache|error|sign-in|no-results]
 *                  [--showcase [--at=YYYY-MM-DDTHH:MM] [--scroll-to=week]]
 *
 * Not a test: a window to take screenshots of (see data/screenshots/).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-demo"

#include <glib/gi18n.h>
#include <locale.h>

#include "mq-playing-at.h"
#include "mq-playlist-detail.h"
#include "mq-playlists-view.h"
#include "mq-week-grid.h"
#include "playlists-test-utils.h"

static int width = 1280;
static int height = 800;
static int n_playlists = 3402;
static int select_position = -1;
static gboolean dark = FALSE;
static char *state = NULL;
static int report_min_width = 0;
static gboolean showcase = FALSE;
static char *at = NULL;
static char *scroll_to = NULL;

static const GOptionEntry options[] = {
  { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "W" },
  { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "H" },
  { "playlists", 0, 0, G_OPTION_ARG_INT, &n_playlists, "Number of playlists", "N" },
  { "select", 0, 0, G_OPTION_ARG_INT, &select_position, "Show the detail of row N", "N" },
  { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style", NULL },
  { "state", 0, 0, G_OPTION_ARG_STRING, &state, "What to show", "STATE" },
  { "showcase", 0, 0, G_OPTION_ARG_NONE, &showcase,
    "Add the schedule showcase (playlist 900) and show its detail", NULL },
  { "at", 0, 0, G_OPTION_ARG_STRING, &at, "Playing at this local time, not now", "ISO-8601" },
  { "scroll-to", 0, 0, G_OPTION_ARG_STRING, &scroll_to, "Scroll the detail to: week", "PART" },
  { "report-min-width", 0, 0, G_OPTION_ARG_INT, &report_min_width,
    "Print the widgets whose minimum width is at least W, then quit", "W" },
  { NULL }
};

/* What keeps a window from being as narrow as it should: the innermost widgets that
 * need at least @min_width pixels. */
static gboolean
report_wide_widgets (GtkWidget *widget,
                     int        depth)
{
  gboolean child_reported = FALSE;
  int minimum;

  if (!gtk_widget_get_visible (widget))
    return FALSE;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum < report_min_width)
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    child_reported |= report_wide_widgets (child, depth + 1);

  g_print ("%*s%s%s%s: min %d\n", depth, "", G_OBJECT_TYPE_NAME (widget),
           gtk_widget_get_name (widget)[0] != '\0' ? " " : "", gtk_widget_get_name (widget),
           minimum);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FakeViewneo) fake = NULL;
  g_autoptr(MqSession) session = NULL;
  g_autoptr(MqClient) client = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *url = NULL;
  MqPlaylistsView *view;
  GtkWindow *window;

  setlocale (LC_ALL, "");
  /* Translated screenshots: a catalog from a build, not installed. */
  if (g_getenv ("MARQUEE_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MARQUEE_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  gtk_init ();
  adw_init ();
  /* As GNOME has it: no minimize and maximize buttons. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  fake = test_fake_new (g_strcmp0 (state, "empty") == 0 ? 0 : n_playlists);
  if (showcase)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      fake_viewneo_add_schedule_showcase (fake, now);
    }
  url = fake_viewneo_get_url (fake);
  session = test_session_new (url, 1);
  client = test_client_new (url, session);

  if (g_strcmp0 (state, "loading") == 0)
    {
      fake_viewneo_set_envelope (fake, FAKE_ENVELOPE_PAGINATOR_LINKS);
      fake_viewneo_set_page_size (fake, 100);
      fake_viewneo_set_latency (fake, 4000);
    }
  else if (g_strcmp0 (state, "error") == 0)
    fake_viewneo_add_fault (fake, "/api/v1.0/playlist", FAKE_FAULT_SERVER_ERROR, 0, 0);
  else if (g_strcmp0 (state, "sign-in") == 0)
    fake_viewneo_add_fault (fake, "/api/v1.0/playlist", FAKE_FAULT_UNAUTHORIZED, 0, 0);

  g_menu_append (menu, "Preferences", "app.preferences");

  view = MQ_PLAYLISTS_VIEW (mq_playlists_view_new ());
  mq_playlists_view_set_main_menu (view, G_MENU_MODEL (menu));
  mq_playlists_view_set_account_menu (view, G_MENU_MODEL (menu));
  window = GTK_WINDOW (adw_application_window_new (NULL));
  gtk_window_set_title (window, "Marquee");
  gtk_window_set_default_size (window, width, height);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (window);

  if (g_strcmp0 (state, "offline-cache") == 0)
    {
      /* Once online to save the list, then offline. */
      mq_playlists_view_set_session (view, session, client);
      WAIT_FOR (g_list_model_get_n_items (mq_playlists_view_get_shown (view)) == (guint) n_playlists);
      for (int i = 0; i < 100; i++)
        test_iterate ();
      fake_viewneo_shutdown (fake);
      mq_playlists_view_set_session (view, NULL, NULL);
    }
  else if (g_strcmp0 (state, "offline") == 0)
    {
      fake_viewneo_shutdown (fake);
    }

  mq_playlists_view_set_session (view, session, client);

  if (g_strcmp0 (state, "no-results") == 0)
    {
      WAIT_FOR (g_list_model_get_n_items (mq_playlists_view_get_shown (view)) > 0);
      gtk_widget_activate_action (GTK_WIDGET (view), "playlists.search", NULL);
      gtk_editable_set_text (GTK_EDITABLE (test_find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY,
                                                             NULL, NULL)),
                             "Fahrradladen");
    }
  if (showcase)
    {
      GListModel *shown = mq_playlists_view_get_shown (view);

      WAIT_FOR (g_list_model_get_n_items (shown) == (guint) n_playlists + 1);
      for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
        {
          g_autoptr(MqPlaylist) playlist = g_list_model_get_item (shown, i);

          if (mq_playlist_get_id (playlist) == 900)
            select_position = i;
        }
    }

  if (g_strcmp0 (state, "no-results") == 0)
    ;
  else if (select_position >= 0)
    {
      GtkWidget *column_view;

      WAIT_FOR (g_list_model_get_n_items (mq_playlists_view_get_shown (view)) > (guint) select_position);
      column_view = test_find_widget (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW, NULL, NULL);
      /* As a user would: once the list is on screen, at its size. */
      WAIT_FOR (gtk_widget_get_mapped (column_view) && gtk_widget_get_width (column_view) > 0);
      /* Its rows come a few a frame. */
      WAIT_FOR (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view))))
                > (guint) select_position);
      for (int i = 0; i < 20; i++)
        test_iterate ();
      g_signal_emit_by_name (column_view, "activate", select_position);
    }

  if (showcase)
    {
      MqPlaylistDetail *detail = MQ_PLAYLIST_DETAIL (test_find_widget (GTK_WIDGET (view), MQ_TYPE_PLAYLIST_DETAIL,
                                                                       NULL, NULL));

      WAIT_FOR (mq_playlist_detail_get_playlist (detail) != NULL
                && !mq_playlist_detail_get_loading (detail));
      if (at != NULL)
        {
          g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
          g_autoptr(GDateTime) moment = g_date_time_new_from_iso8601 (at, tz);

          if (moment == NULL)
            g_error ("Not a time: %s", at);
          mq_playing_at_set_moment (MQ_PLAYING_AT (mq_playlist_detail_get_playing_at (detail)), moment);
        }
      if (g_strcmp0 (scroll_to, "week") == 0)
        {
          GtkWidget *week = test_find_widget (GTK_WIDGET (detail), MQ_TYPE_WEEK_GRID, NULL, NULL);

          GtkWidget *scrolled = gtk_widget_get_ancestor (week, GTK_TYPE_SCROLLED_WINDOW);
          GtkWidget *group;
          graphene_point_t top;

          /* The scrolled window of the detail, not the week's own. */
          scrolled = gtk_widget_get_ancestor (gtk_widget_get_parent (scrolled), GTK_TYPE_SCROLLED_WINDOW);
          group = gtk_widget_get_ancestor (week, ADW_TYPE_PREFERENCES_GROUP);
          for (int i = 0; i < 20; i++)
            test_iterate ();
          gtk_widget_grab_focus (week);
          if (gtk_widget_compute_point (group, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                        &GRAPHENE_POINT_INIT (0, 0), &top))
            gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                                      top.y - 12);
        }
    }

  if (report_min_width > 0)
    {
      for (int i = 0; i < 100; i++)
        test_iterate ();
      report_wide_widgets (GTK_WIDGET (window), 0);
      return 0;
    }

  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}
