/* screens-demo.c: the Screens page beside the playlists against the fake viewneo (with
 * its schedule showcase), to look at
 *
 *   screens-demo [--width=W] [--height=H] [--dark] [--state=groups|empty|error|offline]
 *                [--page=screens|playlists]
 *
 * Not a test: a window to take screenshots of (see data/screenshots/). The window's own
 * switcher logic is MqWindow's; here the bar shows when --width is below 500.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-demo"

#include <glib/gi18n.h>
#include <locale.h>

#include "mq-playlists-view.h"
#include "mq-screens-view.h"
#include "playlists-test-utils.h"

static int width = 1000;
static int height = 700;
static gboolean dark = FALSE;
static char *state = NULL;
static char *page = NULL;

static const GOptionEntry options[] = {
  { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "W" },
  { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "H" },
  { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style", NULL },
  { "state", 0, 0, G_OPTION_ARG_STRING, &state, "What to show", "STATE" },
  { "page", 0, 0, G_OPTION_ARG_STRING, &page, "The page to show (screens)", "PAGE" },
  { NULL }
};

/* The playlists' column view asks for more until the list pane folds, which it does
 * only while shown: as a user would, the window is made narrow on the playlists, then
 * the Screens page is chosen. */
static gboolean
resize_cb (gpointer window)
{
  gtk_window_set_default_size (window, width, height);

  return G_SOURCE_REMOVE;
}

static gboolean
show_screens_cb (gpointer stack)
{
  adw_view_stack_set_visible_child_name (stack, page != NULL ? page : "screens");

  return G_SOURCE_REMOVE;
}

static void
set_stack (GtkWidget    *widget,
           AdwViewStack *stack)
{
  if (ADW_IS_VIEW_SWITCHER_TITLE (widget))
    adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (widget), stack);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    set_stack (child, stack);
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
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *url = NULL;
  GtkWidget *playlists, *screens, *stack, *bar, *box;
  GtkWindow *window;

  setlocale (LC_ALL, "");
  /* MARQUEE_LOCALEDIR: the build's catalogs (build/po), for screenshots in German. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MARQUEE_LOCALEDIR") != NULL ? g_getenv ("MARQUEE_LOCALEDIR")
                                                                         : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  if (g_strcmp0 (state, "empty") == 0)
    {
      fake = fake_viewneo_new ();
      g_assert_true (fake_viewneo_listen (fake, 0, NULL));
      fake_viewneo_add_token (fake, TEST_TOKEN);
    }
  else
    {
      fake = test_fake_new (40);
      fake_viewneo_add_schedule_showcase (fake, now);
    }
  if (g_strcmp0 (state, "error") == 0)
    fake_viewneo_add_fault (fake, "/api/v1.0/devicegroup", FAKE_FAULT_SERVER_ERROR, 0, 0);
  url = fake_viewneo_get_url (fake);
  session = test_session_new (url, 1);
  client = test_client_new (url, session);
  if (g_strcmp0 (state, "offline") == 0)
    fake_viewneo_shutdown (fake);

  g_menu_append (menu, "Preferences", "app.preferences");

  playlists = mq_playlists_view_new ();
  screens = mq_screens_view_new ();
  mq_playlists_view_set_main_menu (MQ_PLAYLISTS_VIEW (playlists), G_MENU_MODEL (menu));
  mq_screens_view_set_main_menu (MQ_SCREENS_VIEW (screens), G_MENU_MODEL (menu));
  mq_screens_view_set_account_menu (MQ_SCREENS_VIEW (screens), G_MENU_MODEL (menu));

  stack = adw_view_stack_new ();
  gtk_widget_set_vexpand (stack, TRUE);
  adw_view_stack_add_titled_with_icon (ADW_VIEW_STACK (stack), playlists, "playlists",
                                       _("Playlists"), "view-list-bullet-symbolic");
  adw_view_stack_add_titled_with_icon (ADW_VIEW_STACK (stack), screens, "screens",
                                       _("Screens"), "video-display-symbolic");
  set_stack (stack, ADW_VIEW_STACK (stack));
  bar = adw_view_switcher_bar_new ();
  adw_view_switcher_bar_set_stack (ADW_VIEW_SWITCHER_BAR (bar), ADW_VIEW_STACK (stack));
  adw_view_switcher_bar_set_reveal (ADW_VIEW_SWITCHER_BAR (bar), width < 500);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), stack);
  gtk_box_append (GTK_BOX (box), bar);

  window = GTK_WINDOW (adw_application_window_new (NULL));
  gtk_window_set_title (window, "Marquee");
  gtk_window_set_default_size (window, width, height);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  mq_playlists_view_set_session (MQ_PLAYLISTS_VIEW (playlists), session, client);
  mq_screens_view_set_client (MQ_SCREENS_VIEW (screens), client);
  gtk_window_present (window);
  g_timeout_add (1000, resize_cb, window);
  g_timeout_add (1500, show_screens_cb, stack);

  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}
