/* bench-cli.c: `marquee --list-playlists` in each format, against curl and jq on the
 * same pages
 *
 *   meson test -C BUILDDIR --benchmark --suite bench bench-cli -v
 *   bench-cli --fake PATH --app PATH --marquee PATH [--runs N] [--playlists N]
 *             [--tiny-items N]
 *
 * Two servers, each a fake viewneo process:
 *   - --playlists generated playlists (100,000) in pages of 1,000. Marquee prints them
 *     with its output to /dev/null; the baselines fetch the same page URLs with curl
 *     and have jq print every item (`jq '.data[]'`) to /dev/null: one curl over one
 *     connection piped into jq, and one curl -Z --parallel-max 4 (as the client) to
 *     files in memory, then one jq over them. The ratio is against the faster.
 *   - one page (a bare list) of --tiny-items playlists (500,000) of an id and a short
 *     name: the most items per byte, for the memory bound.
 * Wall time is from just before the fork to the exit, peak RSS the child's ru_maxrss.
 * Runs alternate, after a warm-up of each; medians are reported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-util.h"

static const char * const formats[] = { "json", "csv", "table" };

#define CURL_HEADERS "-H 'Accept: application/json' -H 'Authorization: Bearer " BENCH_TOKEN "' "
/* $1 the server, $2 the number of pages, $3 a directory in memory. */
#define CURL_SEQUENTIAL \
  "curl -sf " CURL_HEADERS "\"$1/api/v1.0/playlist?page=[1-$2]\" | jq '.data[]' > /dev/null"
#define CURL_PARALLEL \
  "rm -f \"$3\"/page-*.json && " \
  "curl -sf --no-progress-meter -Z --parallel-max 4 " CURL_HEADERS \
  "\"$1/api/v1.0/playlist?page=[1-$2]\" -o \"$3/page-#1.json\" && " \
  "jq '.data[]' \"$3\"/page-*.json > /dev/null"
#define CURL_ONE_PAGE \
  "curl -sf " CURL_HEADERS "\"$1/api/v1.0/playlist\" | jq '.[]' > /dev/null"

typedef struct
{
  double seconds;
  double max_rss_mb;
} Sample;

static Sample
run (const char * const *argv,
     const char * const *envp)
{
  BenchChild child;
  Sample sample;

  bench_run_child (argv, envp, 900, &child);
  sample.seconds = child.seconds;
  sample.max_rss_mb = child.max_rss_mb;
  bench_child_clear (&child);

  return sample;
}

static Sample
run_marquee (const char   *marquee,
             const char   *format,
             BenchProfile *profile)
{
  g_autofree char *option = g_strconcat ("--format=", format, NULL);
  /* exec: the measured child is marquee itself, writing to /dev/null. */
  const char *argv[] = { "sh", "-c", "exec \"$0\" --list-playlists \"$1\" > /dev/null",
                         marquee, option, NULL };

  return run (argv, (const char * const *) profile->envp);
}

static Sample
run_script (const char *script,
            const char *url,
            guint       n_pages,
            const char *dir)
{
  g_autofree char *pages = g_strdup_printf ("%u", n_pages);
  const char *argv[] = { "sh", "-c", script, "sh", url, pages, dir, NULL };

  return run (argv, NULL);
}

static void
append (GArray *array,
        double  value)
{
  g_array_append_val (array, value);
}

typedef struct
{
  GArray *seconds[G_N_ELEMENTS (formats)];
  GArray *rss[G_N_ELEMENTS (formats)];
  GArray *baseline[2];
  GArray *baseline_rss[2];
} Times;

static void
times_init (Times *times)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      times->seconds[i] = g_array_new (FALSE, FALSE, sizeof (double));
      times->rss[i] = g_array_new (FALSE, FALSE, sizeof (double));
    }
  for (guint i = 0; i < 2; i++)
    {
      times->baseline[i] = g_array_new (FALSE, FALSE, sizeof (double));
      times->baseline_rss[i] = g_array_new (FALSE, FALSE, sizeof (double));
    }
}

static void
times_clear (Times *times)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_clear_pointer (&times->seconds[i], g_array_unref);
      g_clear_pointer (&times->rss[i], g_array_unref);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&times->baseline[i], g_array_unref);
      g_clear_pointer (&times->baseline_rss[i], g_array_unref);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Times, times_clear)

/* @scripts: one or two baselines (NULL-terminated). */
static void
measure (const char  *marquee,
         const char  *app,
         BenchFake   *fake,
         guint        n_pages,
         const char  *dir,
         const char **scripts,
         guint        n_runs,
         Times       *times)
{
  g_autoptr(BenchProfile) profile = bench_profile_new (app, fake->url, FALSE);

  times_init (times);

  /* Warm-up: the server's first answers, the page cache, the programs. */
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    run_marquee (marquee, formats[f], profile);
  for (guint b = 0; scripts[b] != NULL; b++)
    run_script (scripts[b], fake->url, n_pages, dir);

  for (guint i = 0; i < n_runs; i++)
    {
      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          Sample sample = run_marquee (marquee, formats[f], profile);

          append (times->seconds[f], sample.seconds);
          append (times->rss[f], sample.max_rss_mb);
        }
      for (guint b = 0; scripts[b] != NULL; b++)
        {
          Sample sample = run_script (scripts[b], fake->url, n_pages, dir);

          append (times->baseline[b], sample.seconds);
          append (times->baseline_rss[b], sample.max_rss_mb);
        }
    }
}

static void
report (Times *times)
{
  double baseline = bench_median (times->baseline[0]);
  char ratio[32];

  if (times->baseline[1]->len > 0)
    baseline = MIN (baseline, bench_median (times->baseline[1]));

  bench_table_header ("format", "wall", "peak RSS", "ratio", NULL);
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *label = g_strconcat ("marquee --format=", formats[f], NULL);

      g_snprintf (ratio, sizeof ratio, "%.2fx", bench_median (times->seconds[f]) / baseline);
      bench_table_row (label,
                       bench_format_seconds (bench_median (times->seconds[f])),
                       bench_format_mb (bench_median (times->rss[f])),
                       ratio, NULL);
    }
  bench_table_row ("curl | jq",
                   bench_format_seconds (bench_median (times->baseline[0])),
                   bench_format_mb (bench_median (times->baseline_rss[0])),
                   "", NULL);
  if (times->baseline[1]->len > 0)
    bench_table_row ("curl -Z ; jq",
                     bench_format_seconds (bench_median (times->baseline[1])),
                     bench_format_mb (bench_median (times->baseline_rss[1])),
                     "", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *fake_path = NULL;
  g_autofree char *app_path = NULL;
  g_autofree char *marquee_path = NULL;
  int n_playlists = 100000;
  int n_tiny = 500000;
  int n_runs = 3;
  const GOptionEntry entries[] = {
    { "fake", 0, 0, G_OPTION_ARG_FILENAME, &fake_path, "The fake-viewneo program", "PATH" },
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app_path, "The bench-app program (to sign in)", "PATH" },
    { "marquee", 0, 0, G_OPTION_ARG_FILENAME, &marquee_path, "The marquee program", "PATH" },
    { "playlists", 0, 0, G_OPTION_ARG_INT, &n_playlists, "Generated playlists, in pages of 1,000 (100000)", "N" },
    { "tiny-items", 0, 0, G_OPTION_ARG_INT, &n_tiny, "Tiny playlists in one page (500000; 0: none)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Measured runs of each (3)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time marquee --list-playlists");
  g_autoptr(GError) error = NULL;
  g_autofree char *curl = g_find_program_in_path ("curl");
  g_autofree char *jq = g_find_program_in_path ("jq");
  g_autofree char *dir = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (fake_path == NULL || app_path == NULL || marquee_path == NULL || n_runs < 1 ||
      n_playlists < 1 || n_tiny < 0)
    g_error ("Usage: %s --fake PATH --app PATH --marquee PATH [--runs N]", argv[0]);
  if (curl == NULL || jq == NULL)
    g_error ("The baseline needs curl and jq (build-aux/install-deps installs them)");

  dir = bench_make_temp_dir (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR)
                             ? "/dev/shm/bench-cli-XXXXXX" : "bench-cli-XXXXXX");

  {
    g_autoptr(BenchFake) fake = bench_fake_start (fake_path, (guint) n_playlists, 1000, NULL);
    const char *scripts[] = { CURL_SEQUENTIAL, CURL_PARALLEL, NULL };
    guint n_pages = ((guint) n_playlists + 999) / 1000;
    g_auto(Times) times = { 0 };

    printf ("marquee --list-playlists > /dev/null, %d playlists in pages of 1000, "
            "median of %d runs after a warm-up\n", n_playlists, n_runs);
    printf ("curl | jq: one curl, every page URL, | jq '.data[]' > /dev/null; "
            "curl -Z ; jq: 4 at once to files in memory, then jq '.data[]'\n");
    measure (marquee_path, app_path, fake, n_pages, dir, scripts, (guint) n_runs, &times);
    report (&times);
    printf ("\nratio: marquee / the faster curl baseline (target: <= 0.5x, peak <= 80 MB)\n\n");
  }

  if (n_tiny > 0)
    {
      g_autofree char *tiny_arg = g_strdup_printf ("--tiny-items=%d", n_tiny);
      const char *extra[] = { tiny_arg, NULL };
      g_autoptr(BenchFake) fake = bench_fake_start (fake_path, 0, 1000, extra);
      const char *scripts[] = { CURL_ONE_PAGE, NULL };
      g_auto(Times) times = { 0 };

      printf ("One page of %d tiny playlists ({\"id\":N,\"name\":\"PN\"})\n", n_tiny);
      measure (marquee_path, app_path, fake, 1, dir, scripts, (guint) n_runs, &times);
      report (&times);
      printf ("\ntarget: peak < 150 MB in every format\n");
    }

  bench_remove_dir (dir);

  return EXIT_SUCCESS;
}
