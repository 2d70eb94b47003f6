/* minimal-window.c: the baseline of the start-up benchmark
 *
 * The least a GTK 4 program does to show a window of Marquee's default size: prints
 * "first-frame T" (g_get_monotonic_time) once its first frame is painted, as bench-app
 * does for Marquee, and exits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include <gtk/gtk.h>

static void
after_paint (GdkFrameClock *clock,
             gboolean      *done)
{
  if (*done)
    return;

  *done = TRUE;
  printf ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
}

static void
on_realize (GtkWidget *window,
            gboolean  *done)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint), done);
}

int
main (int   argc,
      char *argv[])
{
  gboolean done = FALSE;
  GtkWidget *window;

  gtk_init ();

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_signal_connect_after (window, "realize", G_CALLBACK (on_realize), &done);
  gtk_window_present (GTK_WINDOW (window));

  while (!done)
    g_main_context_iteration (NULL, TRUE);

  gtk_window_destroy (GTK_WINDOW (window));

  return EXIT_SUCCESS;
}
