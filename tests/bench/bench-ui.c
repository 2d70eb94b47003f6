/* bench-ui.c: Marquee itself, measured: memory, start-up, main-loop stalls, search
 *
 *   bench-ui MEASURE --app PATH --fake PATH [--minimal PATH] [--runs N] [--playlists N]
 *
 * Each run starts bench-app (Marquee as src/main.c runs it, see bench-app.c) in a
 * throw-away profile against a fake viewneo process, inside the headless session
 * (`build-aux/headless meson test --benchmark`): the keyring holds the sign-in. Runs
 * of a measure and of its baseline alternate, after a warm-up of each, so that a busy
 * machine slows both alike; medians are reported. MEASURE is one of:
 *
 *   memory       peak RSS (the child's ru_maxrss) of the app showing --playlists
 *                (100,000) playlists loaded from the server and saved as its cache,
 *                against the app with none; and with them cached from the last run.
 *                For reference, 1,000 playlists: what showing any list costs (GTK
 *                keeps up to 200 rows), which the increment of 100,000 includes.
 *                Three times: with GTK's default renderer (what users get: GL, under
 *                Xvfb Mesa's llvmpipe), with the cairo renderer (as the tests run),
 *                and with cairo and GDK_DEBUG=gl-disable (GDK on Xvfb otherwise loads
 *                the GL stack to choose a visual, which the cairo renderer never uses).
 *   first-frame  from starting the process to its first frame painted, with 10,000
 *                playlists cached, and to the first frame showing the cached list
 *                (the server answers only after 3 s: the list shown is the cache's),
 *                against the limit for a libadwaita list app (minimal-window --adw:
 *                an AdwApplicationWindow with a header bar and a column view of four
 *                text columns over 10,000 rows, shown in its first frame) and, for
 *                reference, a bare GtkWindow of the same size (minimal-window).
 *                Under the default renderer and under cairo.
 *   stall        the longest lateness of a 1 ms timeout from the first frame until
 *                the loaded list has been on screen for a second, loading --playlists
 *                playlists, and for reference 100 (what any list costs to show);
 *                against (with --minimal) a plain GtkColumnView of four text columns in
 *                a window of the same size given a model of as many rows after its
 *                first frame (minimal-window --list N): what GTK alone costs.
 *   search       with --playlists playlists shown: the time from setting the search
 *                entry's text to the list model holding the matches (and to the frame
 *                that shows them), for queries of different selectivity, each typed
 *                into an empty search and then cleared; and the main thread's CPU
 *                time up to the model, which the machine's load changes little.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"

#define PAGE_SIZE 1000

typedef struct
{
  char *app;
  char *fake;
  char *minimal;
  guint runs;
  guint playlists;
} Options;

static BenchChild *
run_app (Options            *options,
         BenchProfile       *profile,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  BenchChild *child = g_new0 (BenchChild, 1);

  g_ptr_array_add (argv, options->app);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  bench_run_child ((const char * const *) argv->pdata, (const char * const *) profile->envp,
                   300, child);

  return child;
}

static void
child_free (BenchChild *child)
{
  bench_child_clear (child);
  g_free (child);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchChild, child_free)

static GArray *
new_values (void)
{
  return g_array_new (FALSE, FALSE, sizeof (double));
}

static void
append (GArray *values,
        double  value)
{
  g_array_append_val (values, value);
}

static const char *
ratio (double value,
       double baseline)
{
  static char buffers[4][16];
  static guint next;
  char *buffer = buffers[next++ % G_N_ELEMENTS (buffers)];

  g_snprintf (buffer, 16, "%.2fx", value / baseline);
  return buffer;
}

/* ---- memory ---- */

typedef struct
{
  GArray *peak;
  GArray *anon;
  GArray *file;
} Memory;

static void
memory_clear (Memory *memory)
{
  g_clear_pointer (&memory->peak, g_array_unref);
  g_clear_pointer (&memory->anon, g_array_unref);
  g_clear_pointer (&memory->file, g_array_unref);
}

static void
measure_memory (Options      *options,
                BenchProfile *profile,
                guint         n_playlists,
                gboolean      cached,
                Memory       *memory)
{
  g_autofree char *expect = g_strdup_printf ("--expect=%u", n_playlists);
  const char *args[] = { expect, "--wait-cache", "--settle-ms=500", NULL };
  g_autoptr(BenchChild) child = NULL;

  if (!cached)
    bench_profile_clear_cache (profile);

  child = run_app (options, profile, args);
  if (memory != NULL)
    {
      append (memory->peak, child->max_rss_mb);
      append (memory->anon, bench_output_value (child->output, "memory-RssAnon") / 1024);
      append (memory->file, bench_output_value (child->output, "memory-RssFile") / 1024);
    }
}

static void
report_memory (const char *label,
               Memory     *memory,
               double      baseline)
{
  double peak = bench_median (memory->peak);

  bench_table_row (label,
                   bench_format_mb (peak),
                   baseline > 0 ? bench_format_mb (peak - baseline) : "-",
                   bench_format_mb (bench_median (memory->anon)),
                   bench_format_mb (bench_median (memory->file)),
                   NULL);
}

/* The renderers the benchmarks run under: GTK's default, and cairo. */
typedef enum
{
  RENDERER_DEFAULT,
  RENDERER_CAIRO,
  RENDERER_CAIRO_GL_DISABLED,
} Renderer;

static const char *
renderer_label (Renderer renderer)
{
  switch (renderer)
    {
    case RENDERER_DEFAULT:
      return "default renderer (GSK_RENDERER unset)";
    case RENDERER_CAIRO:
      return "GSK_RENDERER=cairo";
    case RENDERER_CAIRO_GL_DISABLED:
    default:
      return "GSK_RENDERER=cairo GDK_DEBUG=gl-disable";
    }
}

static void
profile_set_renderer (BenchProfile *profile,
                      Renderer      renderer)
{
  if (renderer == RENDERER_DEFAULT)
    profile->envp = g_environ_unsetenv (profile->envp, "GSK_RENDERER");
  else
    profile->envp = g_environ_setenv (profile->envp, "GSK_RENDERER", "cairo", TRUE);

  if (renderer == RENDERER_CAIRO_GL_DISABLED)
    profile->envp = g_environ_setenv (profile->envp, "GDK_DEBUG", "gl-disable", TRUE);
  else
    profile->envp = g_environ_unsetenv (profile->envp, "GDK_DEBUG");
}

/* A list on screen costs the same for any number of playlists from a screenful on:
 * GTK's rows (it keeps up to 200) and, with GL, the renderer's textures for them. */
#define FEW_PLAYLISTS 1000

/* The app with none, with a screenful and more, with --playlists from the server, and with them cached too,
 * under @renderer. */
static void
measure_memory_table (Options  *options,
                      Renderer  renderer)
{
  g_autoptr(BenchFake) empty_fake = bench_fake_start (options->fake, 0, PAGE_SIZE, NULL);
  g_autoptr(BenchFake) few_fake = bench_fake_start (options->fake, FEW_PLAYLISTS, PAGE_SIZE, NULL);
  g_autoptr(BenchFake) full_fake = bench_fake_start (options->fake, options->playlists, PAGE_SIZE, NULL);
  g_autoptr(BenchProfile) empty = bench_profile_new (options->app, empty_fake->url, FALSE);
  g_autoptr(BenchProfile) few = bench_profile_new (options->app, few_fake->url, FALSE);
  g_autoptr(BenchProfile) full = bench_profile_new (options->app, full_fake->url, FALSE);
  Memory none = { new_values (), new_values (), new_values () };
  Memory some = { new_values (), new_values (), new_values () };
  Memory fresh = { new_values (), new_values (), new_values () };
  Memory cached = { new_values (), new_values (), new_values () };
  g_autofree char *fresh_label = g_strdup_printf ("%u playlists, from the server", options->playlists);
  g_autofree char *cached_label = g_strdup_printf ("%u, cached and from the server", options->playlists);

  profile_set_renderer (empty, renderer);
  profile_set_renderer (few, renderer);
  profile_set_renderer (full, renderer);

  measure_memory (options, empty, 0, FALSE, NULL);
  measure_memory (options, few, FEW_PLAYLISTS, FALSE, NULL);
  measure_memory (options, full, options->playlists, FALSE, NULL);
  for (guint i = 0; i < options->runs; i++)
    {
      measure_memory (options, empty, 0, FALSE, &none);
      measure_memory (options, few, FEW_PLAYLISTS, FALSE, &some);
      measure_memory (options, full, options->playlists, FALSE, &fresh);
      /* The run before saved the list: this start shows it, then the server's. */
      measure_memory (options, full, options->playlists, TRUE, &cached);
    }

  printf ("\n%s\n", renderer_label (renderer));
  bench_table_header ("app", "peak RSS", "over none", "anon at end", "file at end", NULL);
  report_memory ("no playlists (baseline)", &none, 0);
  report_memory (G_STRINGIFY (FEW_PLAYLISTS) " playlists (any list shown)", &some, bench_median (none.peak));
  report_memory (fresh_label, &fresh, bench_median (none.peak));
  report_memory (cached_label, &cached, bench_median (none.peak));
  printf ("%u playlists over %s: %s from the server, %s cached and from the server\n",
          options->playlists, G_STRINGIFY (FEW_PLAYLISTS),
          bench_format_mb (bench_median (fresh.peak) - bench_median (some.peak)),
          bench_format_mb (bench_median (cached.peak) - bench_median (some.peak)));

  memory_clear (&none);
  memory_clear (&some);
  memory_clear (&fresh);
  memory_clear (&cached);
}

static void
bench_memory (Options *options)
{
  printf ("Peak RSS of Marquee (bench-app) showing the list, median of %u runs after a warm-up\n",
          options->runs);

  measure_memory_table (options, RENDERER_DEFAULT);
  measure_memory_table (options, RENDERER_CAIRO);
  /* Under Xvfb GDK still loads Mesa's llvmpipe to pick the X11 visual, which the
   * cairo renderer never draws with: the same app without that. */
  measure_memory_table (options, RENDERER_CAIRO_GL_DISABLED);

  printf ("\nanon/file: what /proc says at the end of the run, the app's own memory and the\n"
          "files it maps (libraries, fonts); over none: the app's own increment for %u\n"
          "playlists (target: <= 30 MB per 100,000, under both renderers); over %s: what\n"
          "the playlists cost beyond showing a list of them\n",
          options->playlists, G_STRINGIFY (FEW_PLAYLISTS));
}

/* ---- first frame ---- */

static double
first_frame_of (const char * const *argv,
                BenchProfile       *profile,
                gint64              start)
{
  BenchChild child;
  double ms;

  bench_run_child (argv, (const char * const *) profile->envp, 60, &child);
  ms = (bench_output_value (child.output, "first-frame") - start) / 1000.0;
  bench_child_clear (&child);

  return ms;
}

static void
measure_first_frame (Options      *options,
                     BenchProfile *profile,
                     guint         n_cached,
                     Renderer      renderer)
{
  g_autofree char *expect = g_strdup_printf ("--expect=%u", n_cached);
  g_autofree char *rows = g_strdup_printf ("%u", n_cached);
  const char *app_args[] = { "--exit-at-first-frame", expect, NULL };
  const char *minimal_argv[] = { options->minimal, NULL };
  const char *adw_argv[] = { options->minimal, "--adw", rows, NULL };
  g_autoptr(GArray) app_first = new_values ();
  g_autoptr(GArray) app_list = new_values ();
  g_autoptr(GArray) minimal_first = new_values ();
  g_autoptr(GArray) adw_first = new_values ();
  double minimal, adw;

  profile_set_renderer (profile, renderer);
  for (guint i = 0; i <= options->runs; i++)
    {
      g_autoptr(BenchChild) app = NULL;
      double ms;
      gint64 start;

      ms = first_frame_of (minimal_argv, profile, g_get_monotonic_time ());
      if (i > 0)
        append (minimal_first, ms);
      ms = first_frame_of (adw_argv, profile, g_get_monotonic_time ());
      if (i > 0)
        append (adw_first, ms);

      start = g_get_monotonic_time ();
      app = run_app (options, profile, app_args);
      if (i > 0)
        {
          append (app_first, (bench_output_value (app->output, "first-frame") - start) / 1000.0);
          append (app_list, (bench_output_value (app->output, "list-frame") - start) / 1000.0);
        }
    }

  minimal = bench_median (minimal_first);
  adw = bench_median (adw_first);
  printf ("\n%s\n", renderer_label (renderer));
  bench_table_header ("start to", "time", "to the limit", "to GtkWindow", NULL);
  bench_table_row ("bare GtkWindow, first frame", bench_format_ms (minimal),
                   ratio (minimal, adw), "1.00x", NULL);
  bench_table_row ("libadwaita list app (the limit)", bench_format_ms (adw),
                   "1.00x", ratio (adw, minimal), NULL);
  bench_table_row ("Marquee, first frame", bench_format_ms (bench_median (app_first)),
                   ratio (bench_median (app_first), adw), ratio (bench_median (app_first), minimal), NULL);
  bench_table_row ("Marquee, first frame with the list", bench_format_ms (bench_median (app_list)),
                   ratio (bench_median (app_list), adw), ratio (bench_median (app_list), minimal), NULL);
}

static void
bench_first_frame (Options *options)
{
  const guint n_cached = 10000;
  g_autoptr(BenchProfile) profile = NULL;
  g_autoptr(BenchFake) fake = NULL;
  g_autofree char *port_arg = NULL;
  const char *slow_args[] = { "--latency=3000", NULL, NULL };

  /* The cache from a quick server, then the same server slow: the list shown at the
   * start is the cache's. */
  fake = bench_fake_start (options->fake, n_cached, PAGE_SIZE, NULL);
  profile = bench_profile_new (options->app, fake->url, TRUE);
  port_arg = g_strdup_printf ("--port=%s", strrchr (fake->url, ':') + 1);
  g_clear_pointer (&fake, bench_fake_stop);
  slow_args[1] = port_arg;
  fake = bench_fake_start (options->fake, n_cached, PAGE_SIZE, slow_args);

  printf ("Start to first frame with %u playlists cached, median of %u runs after a warm-up\n",
          n_cached, options->runs);

  measure_first_frame (options, profile, n_cached, RENDERER_DEFAULT);
  measure_first_frame (options, profile, n_cached, RENDERER_CAIRO);

  printf ("\nthe limit: minimal-window --adw, an AdwApplicationWindow with a header bar and a\n"
          "column view of four text columns over %u rows shown in its first frame\n"
          "(target: Marquee <= 1.15x of it, first frame and list both)\n", n_cached);
}

/* ---- stalls ---- */

static void
measure_stall (Options      *options,
               BenchProfile *profile,
               guint         n_playlists,
               GArray       *max,
               GArray       *over,
               GArray       *frame,
               GArray       *load)
{
  g_autofree char *expect = g_strdup_printf ("--expect=%u", n_playlists);
  const char *args[] = { expect, "--stall", "--settle-ms=1000", NULL };
  g_autoptr(BenchChild) child = NULL;

  bench_profile_clear_cache (profile);
  child = run_app (options, profile, args);
  if (max == NULL)
    return;

  append (max, bench_output_value (child->output, "stall-max-ms"));
  append (over, bench_output_value (child->output, "stall-over-16ms"));
  append (frame, bench_output_value (child->output, "frame-max-ms"));
  append (load, bench_output_value (child->output, "load-ms"));
}

/* The plain GtkColumnView, measured as Marquee is. */
static void
measure_baseline_stall (Options      *options,
                        BenchProfile *profile,
                        guint         n_rows,
                        GArray       *max,
                        GArray       *over,
                        GArray       *frame,
                        GArray       *load)
{
  g_autofree char *rows = g_strdup_printf ("%u", n_rows);
  const char *argv[] = { options->minimal, "--list", rows, NULL };
  BenchChild child;

  bench_run_child (argv, (const char * const *) profile->envp, 120, &child);
  if (max != NULL)
    {
      append (max, bench_output_value (child.output, "stall-max-ms"));
      append (over, bench_output_value (child.output, "stall-over-16ms"));
      append (frame, bench_output_value (child.output, "frame-max-ms"));
      append (load, bench_output_value (child.output, "load-ms"));
    }
  bench_child_clear (&child);
}

static void
bench_stall (Options *options)
{
  const guint n_reference = 100;
  g_autoptr(BenchFake) small_fake = bench_fake_start (options->fake, n_reference, PAGE_SIZE, NULL);
  g_autoptr(BenchFake) big_fake = bench_fake_start (options->fake, options->playlists, PAGE_SIZE, NULL);
  g_autoptr(BenchProfile) small = bench_profile_new (options->app, small_fake->url, FALSE);
  g_autoptr(BenchProfile) big = bench_profile_new (options->app, big_fake->url, FALSE);
  /* Marquee with the reference and with --playlists, then the baseline with as many. */
  GArray *values[4][4];
  const char *labels[4];
  g_autofree char *small_label = g_strdup_printf ("%u playlists (reference)", n_reference);
  g_autofree char *big_label = g_strdup_printf ("%u playlists", options->playlists);
  g_autofree char *small_baseline_label = g_strdup_printf ("plain GtkColumnView, %u rows", n_reference);
  g_autofree char *big_baseline_label = g_strdup_printf ("plain GtkColumnView, %u rows", options->playlists);
  guint n_measures = options->minimal != NULL ? 4 : 2;

  labels[0] = small_label;
  labels[1] = big_label;
  labels[2] = small_baseline_label;
  labels[3] = big_baseline_label;
  for (guint i = 0; i < n_measures; i++)
    for (guint j = 0; j < 4; j++)
      values[i][j] = new_values ();

  printf ("Main-loop lateness of a 1 ms timeout from the first frame until the list has been\n"
          "shown for 1 s, loading from the server; median of %u runs after a warm-up\n",
          options->runs);

  measure_stall (options, small, n_reference, NULL, NULL, NULL, NULL);
  measure_stall (options, big, options->playlists, NULL, NULL, NULL, NULL);
  if (n_measures > 2)
    measure_baseline_stall (options, small, n_reference, NULL, NULL, NULL, NULL);
  for (guint run = 0; run < options->runs; run++)
    {
      measure_stall (options, small, n_reference, values[0][0], values[0][1], values[0][2], values[0][3]);
      measure_stall (options, big, options->playlists, values[1][0], values[1][1], values[1][2], values[1][3]);
      if (n_measures > 2)
        {
          measure_baseline_stall (options, small, n_reference,
                                  values[2][0], values[2][1], values[2][2], values[2][3]);
          measure_baseline_stall (options, small, options->playlists,
                                  values[3][0], values[3][1], values[3][2], values[3][3]);
        }
    }

  bench_table_header ("loading", "longest stall", "stalls > 16ms", "longest frame", "to the list", NULL);
  for (guint i = 0; i < n_measures; i++)
    {
      char over[16];

      g_snprintf (over, sizeof over, "%.0f", bench_median (values[i][1]));
      bench_table_row (labels[i],
                       bench_format_ms (bench_median (values[i][0])),
                       over,
                       bench_format_ms (bench_median (values[i][2])),
                       bench_format_ms (bench_median (values[i][3])),
                       NULL);
      for (guint j = 0; j < 4; j++)
        g_array_unref (values[i][j]);
    }
  printf ("\nlongest frame: GTK's longest frame (layout and painting) in the same time;\n"
          "plain GtkColumnView: no Marquee code, a window of the same size with a column view\n"
          "of four text columns, given a model of as many rows after its first frame;\n"
          "target: the longest stall <= 16 ms\n");
}

/* ---- search ---- */

/* What bench-app prints of each query, in the order of the table's columns. */
static const char * const search_measures[] = {
  "search-model-ms ", "search-frame-ms ", "search-model-cpu-ms ", "search-frame-cpu-ms ",
};

/* @times: a table of query to values for each of search_measures. */
static void
collect_search (const char *output,
                GHashTable *times[],
                GPtrArray  *order)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint measure = 0;
      const char *space;
      const char *start;
      g_autofree char *query = NULL;
      GArray *values;

      while (measure < G_N_ELEMENTS (search_measures) &&
             !g_str_has_prefix (lines[i], search_measures[measure]))
        measure++;
      if (measure == G_N_ELEMENTS (search_measures))
        continue;

      space = strrchr (lines[i], ' ');
      start = strchr (lines[i], ' ') + 1;
      query = g_strndup (start, space - start);
      values = g_hash_table_lookup (times[measure], query);
      if (values == NULL)
        {
          values = new_values ();
          g_hash_table_insert (times[measure], g_strdup (query), values);
          if (measure == 0)
            g_ptr_array_add (order, g_strdup (query));
        }
      append (values, g_ascii_strtod (space + 1, NULL));
    }
}

static void
bench_search (Options *options)
{
  g_autoptr(BenchFake) fake = bench_fake_start (options->fake, options->playlists, PAGE_SIZE, NULL);
  g_autoptr(BenchProfile) profile = bench_profile_new (options->app, fake->url, FALSE);
  g_autofree char *expect = g_strdup_printf ("--expect=%u", options->playlists);
  const char *args[] = { expect, "--search", "--settle-ms=500", NULL };
  GHashTable *times[G_N_ELEMENTS (search_measures)];
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) query_medians = new_values ();

  for (guint measure = 0; measure < G_N_ELEMENTS (search_measures); measure++)
    times[measure] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);

  printf ("Search in %u playlists: from setting the entry's text to the list model holding\n"
          "the matches, and to the frame showing them; median of %u runs after a warm-up\n",
          options->playlists, options->runs);

  for (guint run = 0; run <= options->runs; run++)
    {
      g_autoptr(BenchChild) child = NULL;

      bench_profile_clear_cache (profile);
      child = run_app (options, profile, args);
      if (run > 0)
        collect_search (child->output, times, order);
    }

  bench_table_header ("query", "to the model", "to the frame", "CPU to model", "CPU to frame", NULL);
  for (guint i = 0; i < order->len; i++)
    {
      const char *query = g_ptr_array_index (order, i);
      double median[G_N_ELEMENTS (search_measures)];
      g_autofree char *label = g_strdup_printf ("\"%s\"", query);

      for (guint measure = 0; measure < G_N_ELEMENTS (search_measures); measure++)
        median[measure] = bench_median (g_hash_table_lookup (times[measure], query));
      bench_table_row (g_str_equal (query, "(clear)") ? "back to all (each clear)" : label,
                       bench_format_ms (median[0]), bench_format_ms (median[1]),
                       bench_format_ms (median[2]), bench_format_ms (median[3]), NULL);
      if (!g_str_equal (query, "(clear)"))
        append (query_medians, median[0]);
    }
  for (guint measure = 0; measure < G_N_ELEMENTS (search_measures); measure++)
    g_hash_table_unref (times[measure]);
  bench_table_row ("median over the queries", bench_format_ms (bench_median (query_medians)), "", NULL);
  printf ("\nCPU: the main thread's CPU time from the keystroke to the model (the keystroke\n"
          "handled) and to the frame that shows it, which the machine's load changes little;\n"
          "target: every query <= 16 ms to the model and <= 33 ms to the frame\n");
}

int
main (int   argc,
      char *argv[])
{
  Options options = { NULL, NULL, NULL, 5, 100000 };
  int runs = 5;
  int playlists = 100000;
  const GOptionEntry entries[] = {
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &options.app, "The bench-app program", "PATH" },
    { "fake", 0, 0, G_OPTION_ARG_FILENAME, &options.fake, "The fake-viewneo program", "PATH" },
    { "minimal", 0, 0, G_OPTION_ARG_FILENAME, &options.minimal, "The minimal-window program", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Measured runs of each (5)", "N" },
    { "playlists", 0, 0, G_OPTION_ARG_INT, &playlists, "Playlists of the big list (100000)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("memory|first-frame|stall|search");
  g_autoptr(GError) error = NULL;
  const char *measure;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (argc != 2 || options.app == NULL || options.fake == NULL || runs < 1 || playlists < 1)
    g_error ("Usage: %s memory|first-frame|stall|search --app PATH --fake PATH [--minimal PATH] "
             "[--runs N] [--playlists N]", argv[0]);

  options.runs = (guint) runs;
  options.playlists = (guint) playlists;
  measure = argv[1];

  if (g_str_equal (measure, "memory"))
    bench_memory (&options);
  else if (g_str_equal (measure, "first-frame") && options.minimal != NULL)
    bench_first_frame (&options);
  else if (g_str_equal (measure, "stall"))
    bench_stall (&options);
  else if (g_str_equal (measure, "search"))
    bench_search (&options);
  else
    g_error ("Unknown measure “%s” (or first-frame without --minimal)", measure);

  g_free (options.app);
  g_free (options.fake);
  g_free (options.minimal);

  return EXIT_SUCCESS;
}
