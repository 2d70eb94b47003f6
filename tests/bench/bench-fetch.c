/* bench-fetch.c: fetch + parse + ready model of 1k, 10k and 100k playlists, against
 * curl and jq on the same URLs
 *
 *   meson test -C BUILDDIR --benchmark --suite bench bench-fetch -v
 *   bench-fetch --fake PATH [--runs N] [--sizes 1000,10000,100000] [--page-size N]
 *
 * For each size a fake viewneo process serves the playlists in pages. One run of
 * Marquee's side is MqClient (a new one, as at start) listing every page, parsed into
 * MqPlaylist objects in worker threads, and the list spliced into a GListStore: the
 * model the view shows. Its baselines fetch the same page URLs with curl and have jq
 * parse every page (`jq '.data | length'`, the lengths checked):
 *   - curl sequential: one curl process, every URL in turn over one connection, its
 *     output piped into jq, which parses while curl fetches;
 *   - curl parallel: one curl process with -Z --parallel-max 4 (the client's four
 *     pages at once), each page to a file in memory (parallel transfers would
 *     interleave on a pipe), then one jq over the files.
 * The ratio is against the faster of the two. A third baseline is the transfer alone,
 * what no client can beat: the same curl -Z --parallel-max 4 to /dev/null, no parsing;
 * the second ratio is against it. Runs alternate, after a warm-up of each,
 * so that a busy machine slows all alike; the medians are reported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-util.h"
#include "mq-client.h"
#include "mq-playlist.h"
#include "mq-static-token-provider.h"
#include "mq-test-async.h"

#define CLIENT_CONCURRENCY "4"

static double
run_client (const char *url,
            guint       expected)
{
  g_autoptr(MqStaticTokenProvider) provider = mq_static_token_provider_new (BENCH_TOKEN);
  g_autoptr(MqClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GListStore) store = g_list_store_new (MQ_TYPE_PLAYLIST);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  client = mq_client_new (url, MQ_TOKEN_PROVIDER (provider));
  mq_client_list_playlists_async (client, NULL, NULL, NULL, NULL, mq_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  playlists = mq_client_list_playlists_finish (client, result, NULL, &error);
  if (playlists == NULL)
    g_error ("Listing failed: %s", error->message);
  g_list_store_splice (store, 0, 0, playlists->pdata, playlists->len);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  if (g_list_model_get_n_items (G_LIST_MODEL (store)) != expected)
    g_error ("Listed %u playlists instead of %u", g_list_model_get_n_items (G_LIST_MODEL (store)),
             expected);

  return seconds;
}

/* jq printed one length per page: they must add up. */
static void
check_jq_output (const char *output,
                 guint       expected)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  guint64 total = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    total += g_ascii_strtoull (lines[i], NULL, 10);

  if (total != expected)
    g_error ("curl and jq saw %" G_GUINT64_FORMAT " playlists instead of %u", total, expected);
}

static double
run_curl_jq (const char *script,
             const char *url,
             guint       n_pages,
             const char *dir,
             guint       expected)
{
  g_autofree char *pages = g_strdup_printf ("%u", n_pages);
  const char *argv[] = { "sh", "-c", script, "sh", url, pages, dir, NULL };
  BenchChild child;
  double seconds;

  bench_run_child (argv, NULL, 600, &child);
  check_jq_output (child.output, expected);
  seconds = child.seconds;
  bench_child_clear (&child);

  return seconds;
}

/* curl alone, which printed one HTTP status per page: all of them 200. */
static double
run_transfer (const char *script,
              const char *url,
              guint       n_pages)
{
  g_autofree char *pages = g_strdup_printf ("%u", n_pages);
  const char *argv[] = { "sh", "-c", script, "sh", url, pages, "", NULL };
  g_auto(GStrv) lines = NULL;
  BenchChild child;
  guint n_ok = 0;
  double seconds;

  bench_run_child (argv, NULL, 600, &child);
  lines = g_strsplit (child.output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    n_ok += g_str_equal (lines[i], "200");
  if (child.status != 0 || n_ok != n_pages)
    g_error ("curl fetched %u of %u pages (status %d)", n_ok, n_pages, child.status);
  seconds = child.seconds;
  bench_child_clear (&child);

  return seconds;
}

/* $1 the server, $2 the number of pages, $3 a directory in memory; $4 more curl
 * options. curl numbers the pages itself ("[1-N]" and "#1"). */
#define CURL_HEADERS "-H 'Accept: application/json' -H 'Authorization: Bearer " BENCH_TOKEN "' "
#define CURL_SEQUENTIAL \
  "curl -sf $4 " CURL_HEADERS "\"$1/api/v1.0/playlist?page=[1-$2]\" | jq '.data | length'"
#define CURL_PARALLEL \
  "rm -f \"$3\"/page-*.json && " \
  "curl -sf --no-progress-meter $4 -Z --parallel-max " CLIENT_CONCURRENCY " " CURL_HEADERS \
  "\"$1/api/v1.0/playlist?page=[1-$2]\" -o \"$3/page-#1.json\" && " \
  "jq '.data | length' \"$3\"/page-*.json"
/* One status line per page, to count them (a printf format: %% for %). */
#define CURL_TRANSFER \
  "curl -sf --no-progress-meter $4 -Z --parallel-max " CLIENT_CONCURRENCY " " CURL_HEADERS \
  "\"$1/api/v1.0/playlist?page=[1-$2]\" -o /dev/null -w '%%{http_code}\\n'"

typedef struct
{
  GArray *client;
  GArray *sequential;
  GArray *parallel;
  GArray *transfer;
} Times;

static void
times_clear (Times *times)
{
  g_clear_pointer (&times->client, g_array_unref);
  g_clear_pointer (&times->sequential, g_array_unref);
  g_clear_pointer (&times->parallel, g_array_unref);
  g_clear_pointer (&times->transfer, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Times, times_clear)

static void
measure (const char *fake_path,
         guint       n_playlists,
         guint       page_size,
         gboolean    gzip,
         guint       n_runs,
         const char *dir,
         Times      *times)
{
  const char *gzip_args[] = { "--gzip", NULL };
  g_autoptr(BenchFake) fake = bench_fake_start (fake_path, n_playlists, page_size,
                                                gzip ? gzip_args : NULL);
  guint n_pages = (n_playlists + page_size - 1) / page_size;
  g_autofree char *sequential = NULL;
  g_autofree char *parallel = NULL;
  g_autofree char *transfer = NULL;

  /* curl asks for compression only when told to; libsoup always does. */
  sequential = g_strdup_printf ("set -- \"$1\" \"$2\" \"$3\" \"%s\"; " CURL_SEQUENTIAL,
                                gzip ? "--compressed" : "");
  parallel = g_strdup_printf ("set -- \"$1\" \"$2\" \"$3\" \"%s\"; " CURL_PARALLEL,
                              gzip ? "--compressed" : "");
  transfer = g_strdup_printf ("set -- \"$1\" \"$2\" \"$3\" \"%s\"; " CURL_TRANSFER,
                              gzip ? "--compressed" : "");

  times->client = g_array_new (FALSE, FALSE, sizeof (double));
  times->sequential = g_array_new (FALSE, FALSE, sizeof (double));
  times->parallel = g_array_new (FALSE, FALSE, sizeof (double));
  times->transfer = g_array_new (FALSE, FALSE, sizeof (double));

  /* Warm-up: the server's first answers, the page cache, the programs. */
  run_client (fake->url, n_playlists);
  run_curl_jq (sequential, fake->url, n_pages, dir, n_playlists);
  run_curl_jq (parallel, fake->url, n_pages, dir, n_playlists);
  run_transfer (transfer, fake->url, n_pages);

  for (guint i = 0; i < n_runs; i++)
    {
      double seconds;

      seconds = run_client (fake->url, n_playlists);
      g_array_append_val (times->client, seconds);
      seconds = run_curl_jq (sequential, fake->url, n_pages, dir, n_playlists);
      g_array_append_val (times->sequential, seconds);
      seconds = run_curl_jq (parallel, fake->url, n_pages, dir, n_playlists);
      g_array_append_val (times->parallel, seconds);
      seconds = run_transfer (transfer, fake->url, n_pages);
      g_array_append_val (times->transfer, seconds);
    }
}

static void
report (const char *label,
        Times      *times)
{
  double client = bench_median (times->client);
  double sequential = bench_median (times->sequential);
  double parallel = bench_median (times->parallel);
  double transfer = bench_median (times->transfer);
  char ratio[32];
  char transfer_ratio[32];

  g_snprintf (ratio, sizeof ratio, "%.2fx", client / MIN (sequential, parallel));
  g_snprintf (transfer_ratio, sizeof transfer_ratio, "%.2fx", client / transfer);
  bench_table_row (label,
                   bench_format_seconds (client),
                   bench_format_seconds (sequential),
                   bench_format_seconds (parallel),
                   ratio,
                   bench_format_seconds (transfer),
                   transfer_ratio,
                   NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *fake_path = NULL;
  g_autofree char *sizes_text = NULL;
  int page_size = 1000;
  int n_runs = 5;
  gboolean gzip = TRUE;
  const GOptionEntry entries[] = {
    { "fake", 0, 0, G_OPTION_ARG_FILENAME, &fake_path, "The fake-viewneo program", "PATH" },
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_text, "Numbers of playlists (1000,10000,100000)", "N,…" },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size, "Playlists per page (1000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Measured runs of each (5)", "N" },
    { "no-gzip", 0, G_OPTION_FLAG_REVERSE, G_OPTION_ARG_NONE, &gzip, "Leave out the compressed run", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time listing playlists");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sizes = NULL;
  g_autofree char *curl = g_find_program_in_path ("curl");
  g_autofree char *jq = g_find_program_in_path ("jq");
  g_autofree char *dir = NULL;
  guint largest = 0;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (fake_path == NULL || page_size < 1 || n_runs < 1)
    g_error ("Usage: %s --fake PATH [--sizes N,…] [--page-size N] [--runs N]", argv[0]);
  if (curl == NULL || jq == NULL)
    g_error ("The baseline needs curl and jq (build-aux/install-deps installs them)");

  sizes = g_strsplit (sizes_text != NULL ? sizes_text : "1000,10000,100000", ",", -1);
  /* The parallel baseline's pages go to memory, not to a disk. */
  dir = bench_make_temp_dir (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR)
                             ? "/dev/shm/bench-fetch-XXXXXX" : "bench-fetch-XXXXXX");

  printf ("Fetch + parse + ready model (GListStore), pages of %d, median of %d runs after a warm-up\n",
          page_size, n_runs);
  printf ("curl sequential: one curl, every page URL over one connection, | jq '.data | length'\n");
  printf ("curl parallel:   one curl -Z --parallel-max " CLIENT_CONCURRENCY " (as the client), "
          "pages to files in memory, then jq '.data | length' over them\n");
  printf ("transfer:        the same curl -Z --parallel-max " CLIENT_CONCURRENCY " to /dev/null, "
          "no parsing\n");
  bench_table_header ("playlists", "MqClient", "curl seq | jq", "curl -Z ; jq", "ratio",
                      "transfer", "ratio", NULL);

  for (guint i = 0; sizes[i] != NULL; i++)
    {
      g_auto(Times) times = { 0 };
      guint64 n_playlists;
      g_autofree char *label = NULL;

      if (!g_ascii_string_to_unsigned (sizes[i], 10, 1, 10000000, &n_playlists, &error))
        g_error ("--sizes: %s", error->message);
      largest = MAX (largest, (guint) n_playlists);

      measure (fake_path, (guint) n_playlists, (guint) page_size, FALSE, (guint) n_runs, dir, &times);
      label = g_strdup_printf ("%" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT " pages)",
                               n_playlists, (n_playlists + page_size - 1) / page_size);
      report (label, &times);
    }

  if (gzip)
    {
      g_auto(Times) times = { 0 };
      g_autofree char *label = g_strdup_printf ("%u, gzip (curl --compressed)", largest);

      measure (fake_path, largest, (guint) page_size, TRUE, (guint) n_runs, dir, &times);
      report (label, &times);
    }

  printf ("\nratio: MqClient / the faster curl | jq baseline (target at 100000: <= 1.0x);\n"
          "then MqClient / the transfer alone (target: <= 1.5x)\n");
  bench_remove_dir (dir);

  return EXIT_SUCCESS;
}
