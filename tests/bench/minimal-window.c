/* minimal-window.c: the baselines of the start-up and stall benchmarks
 *
 *   minimal-window
 *       The least a GTK 4 program does to show a window of Marquee's default size:
 *       prints "first-frame T" (g_get_monotonic_time) once its first frame is painted,
 *       as bench-app does for Marquee, and exits.
 *
 *   minimal-window --list N
 *       The same window with nothing but a plain GtkColumnView of four text columns in
 *       a scrolled window, no Marquee code: after the first frame it is given a model
 *       of N rows made before (a GtkStringList), as Marquee is given its list. Prints
 *       what bench-app --stall prints, measured the same way: the longest lateness of
 *       a 1 ms timeout from the first frame until the list has been shown for 1 s
 *       ("stall-max-ms", "stall-over-16ms"), GTK's longest frame ("frame-max-ms") and
 *       "load-ms" (the first frame with the list).
 *
 *   minimal-window --adw N
 *       The limit for a libadwaita list app like Marquee: an AdwApplication whose
 *       AdwApplicationWindow (of the same size) holds an AdwHeaderBar and the same
 *       column view over N rows, which its first frame shows. Prints "first-frame T"
 *       once that frame is painted, and exits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#define LATE_LIMIT_US (16 * 1000)
#define SETTLE_MS 1000

typedef struct
{
  GApplication      *app;        /* --adw only, with its rows */
  guint              n_rows;
  GtkWidget         *window;
  GtkColumnView     *column_view;
  GtkSelectionModel *model;      /* for the column view, after the first frame */

  gboolean           done;
  gboolean           first_frame_seen;
  gint64             first_frame_time;
  gboolean           list_set;
  gboolean           list_frame_seen;

  gint64             frame_start;
  gint64             frame_max;
  gint64             stall_expected;
  gint64             stall_max;
  guint              stall_over_limit;
  guint              stall_source;
} Baseline;

static gboolean
stall_tick (gpointer user_data)
{
  Baseline *baseline = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 late = now - baseline->stall_expected;

  baseline->stall_max = MAX (baseline->stall_max, late);
  if (late > LATE_LIMIT_US)
    baseline->stall_over_limit++;
  baseline->stall_expected = now + 1000;

  return G_SOURCE_CONTINUE;
}

static gboolean
settled (gpointer user_data)
{
  Baseline *baseline = user_data;

  g_clear_handle_id (&baseline->stall_source, g_source_remove);
  printf ("stall-max-ms %.3f\n", baseline->stall_max / 1000.0);
  printf ("stall-over-16ms %u\n", baseline->stall_over_limit);
  printf ("frame-max-ms %.3f\n", baseline->frame_max / 1000.0);
  fflush (stdout);
  baseline->done = TRUE;

  return G_SOURCE_REMOVE;
}

static gboolean
set_list (gpointer user_data)
{
  Baseline *baseline = user_data;

  gtk_column_view_set_model (baseline->column_view, baseline->model);
  baseline->list_set = TRUE;

  return G_SOURCE_REMOVE;
}

static void
before_paint (GdkFrameClock *clock,
              Baseline      *baseline)
{
  baseline->frame_start = g_get_monotonic_time ();
}

static void
after_paint (GdkFrameClock *clock,
             Baseline      *baseline)
{
  gint64 now = g_get_monotonic_time ();

  if (baseline->first_frame_seen)
    baseline->frame_max = MAX (baseline->frame_max, now - baseline->frame_start);

  if (baseline->done)
    return;

  if (!baseline->first_frame_seen)
    {
      baseline->first_frame_seen = TRUE;
      baseline->first_frame_time = now;
      printf ("first-frame %" G_GINT64_FORMAT "\n", now);
      fflush (stdout);

      if (baseline->model == NULL || baseline->app != NULL)
        {
          baseline->done = TRUE;
          if (baseline->app != NULL)
            g_application_quit (baseline->app);
          return;
        }

      baseline->stall_expected = now + 1000;
      baseline->stall_source = g_timeout_add (1, stall_tick, baseline);
      /* As a list arrives: between frames, from the main loop. */
      g_idle_add (set_list, baseline);
      return;
    }

  if (baseline->list_set && !baseline->list_frame_seen)
    {
      baseline->list_frame_seen = TRUE;
      printf ("load-ms %.1f\n", (now - baseline->first_frame_time) / 1000.0);
      g_timeout_add (SETTLE_MS, settled, baseline);
    }
}

static void
realize_cb (GtkWidget *window,
            Baseline  *baseline)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "before-paint",
                    G_CALLBACK (before_paint), baseline);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint), baseline);
}

/* ---- the plain list ---- */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

/* Column 0 the item's text, the others texts of the kind Marquee shows. */
static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  static const char * const kinds[] = { "Standard", "Type 1" };
  static const char * const ages[] = { "2 years ago", "10 months ago", "5 years ago" };
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));
  guint hash = g_str_hash (text);
  char number[16];

  switch (GPOINTER_TO_UINT (user_data))
    {
    case 0:
      gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
      break;
    case 1:
      g_snprintf (number, sizeof number, "%u", hash % 13);
      gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), number);
      break;
    case 2:
      gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), kinds[hash % G_N_ELEMENTS (kinds)]);
      break;
    default:
      gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), ages[hash % G_N_ELEMENTS (ages)]);
      break;
    }
}

static GtkWidget *
new_column_view (guint               n_rows,
                 GtkSelectionModel **model)
{
  static const char * const titles[] = { "Name", "Entries", "Type & Flags", "Updated" };
  GtkWidget *column_view = gtk_column_view_new (NULL);
  GtkStringList *strings = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (titles[i], factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, i == 0);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (column_view), column);
      g_object_unref (column);
    }
  gtk_widget_add_css_class (column_view, "data-table");

  for (guint i = 0; i < n_rows; i++)
    {
      char name[64];

      g_snprintf (name, sizeof name, "Aufzug Außenwerbung %05u", i);
      gtk_string_list_append (strings, name);
    }
  *model = GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (strings)));

  return column_view;
}

/* ---- the libadwaita list app ---- */

static void
adw_activate_cb (GApplication *app,
                 Baseline     *baseline)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkSelectionModel *model;

  /* The rows are there for the first frame, as a cached list is for Marquee's. */
  baseline->column_view = GTK_COLUMN_VIEW (new_column_view (baseline->n_rows, &model));
  gtk_column_view_set_model (baseline->column_view, model);
  g_object_unref (model);

  baseline->window = adw_application_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (baseline->window), 1100, 720);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled),
                                 GTK_WIDGET (baseline->column_view));
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (baseline->window), box);
  g_signal_connect_after (baseline->window, "realize", G_CALLBACK (realize_cb), baseline);
  gtk_window_present (GTK_WINDOW (baseline->window));
}

static int
run_adw_list (Baseline *baseline,
              guint     n_rows)
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.marqueesignage.BenchBaseline",
                                                       G_APPLICATION_DEFAULT_FLAGS);
  int status;

  baseline->app = G_APPLICATION (app);
  baseline->n_rows = n_rows;
  g_signal_connect (app, "activate", G_CALLBACK (adw_activate_cb), baseline);
  status = g_application_run (G_APPLICATION (app), 0, NULL);
  baseline->app = NULL;

  return status;
}

int
main (int   argc,
      char *argv[])
{
  Baseline baseline = { 0 };
  int n_rows = -1;

  if (argc == 3 && strcmp (argv[1], "--adw") == 0)
    return run_adw_list (&baseline, (guint) atoi (argv[2]));

  if (argc == 3 && strcmp (argv[1], "--list") == 0)
    n_rows = atoi (argv[2]);
  else if (argc != 1)
    {
      fprintf (stderr, "Usage: %s [--list N | --adw N]\n", argv[0]);
      return EXIT_FAILURE;
    }

  gtk_init ();

  baseline.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (baseline.window), 1100, 720);
  if (n_rows >= 0)
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                      GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      baseline.column_view = GTK_COLUMN_VIEW (new_column_view ((guint) n_rows, &baseline.model));
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled),
                                     GTK_WIDGET (baseline.column_view));
      gtk_window_set_child (GTK_WINDOW (baseline.window), scrolled);
    }
  g_signal_connect_after (baseline.window, "realize", G_CALLBACK (realize_cb), &baseline);
  gtk_window_present (GTK_WINDOW (baseline.window));

  while (!baseline.done)
    g_main_context_iteration (NULL, TRUE);

  gtk_window_destroy (GTK_WINDOW (baseline.window));
  g_clear_object (&baseline.model);

  return EXIT_SUCCESS;
}
