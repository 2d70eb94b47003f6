/* hardening-app.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "hardening-app.h"

void
hardening_require_display (void)
{
  static gsize checked;
  static gboolean have_display;

  if (g_once_init_enter (&checked))
    {
      have_display = gtk_init_check ();
      g_once_init_leave (&checked, 1);
    }

  if (!have_display)
    g_error ("No display: run the ui suite inside build-aux/headless");
}

gpointer
hardening_child (gpointer    widget,
                 GType       type,
                 const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  if (object == NULL)
    g_error ("No template child “%s” in %s", name, G_OBJECT_TYPE_NAME (widget));

  return object;
}

void
hardening_click (gpointer button)
{
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

typedef struct
{
  MqApplication    *app;
  HardeningAppBody  body;
  gpointer          user_data;
  gboolean          started;
  gboolean          done;
} Run;

static gboolean
run_body_cb (gpointer user_data)
{
  Run *run = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));
  GListModel *toplevels;

  g_assert_true (MQ_IS_WINDOW (window));
  run->body (run->app, MQ_WINDOW (window), run->user_data);
  run->done = TRUE;

  toplevels = gtk_window_get_toplevels ();
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, 0);

      /* A text field destroyed with the focus still blinks its cursor (GTK warns). */
      gtk_window_set_focus (toplevel, NULL);
      gtk_window_destroy (toplevel);
    }

  g_application_release (G_APPLICATION (run->app));
  g_application_quit (G_APPLICATION (run->app));

  return G_SOURCE_REMOVE;
}

static void
activated_cb (GApplication *app,
              Run          *run)
{
  /* Once the window is up, as a user would find it. */
  if (run->started)
    return;

  run->started = TRUE;
  g_application_hold (app);
  g_idle_add (run_body_cb, run);
}

void
hardening_run_app (MqApplication    *app,
                   HardeningAppBody  body,
                   gpointer          user_data)
{
  Run run = { app, body, user_data, FALSE, FALSE };
  gulong handler;

  handler = g_signal_connect_after (app, "activate", G_CALLBACK (activated_cb), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_signal_handler_disconnect (app, handler);
  g_assert_true (run.done);
}

void
hardening_finalize_app (MqApplication *app)
{
  g_object_add_weak_pointer (G_OBJECT (app), (gpointer *) &app);
  g_object_unref (app);
  hardening_wait_until (app == NULL);
}
