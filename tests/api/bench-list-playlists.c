/* bench-list-playlists.c: 100,000 playlists fetched and parsed, against curl + jq
 *
 *   meson test -C BUILDDIR --benchmark --suite api -v
 *   bench-list-playlists --fake PATH [--playlists N] [--page-size N] [--runs N]
 *
 * Starts the fake viewneo program, lists its playlists with MqClient, and when curl
 * and jq are installed, fetches the same pages with curl and has jq parse them (the
 * least jq can do: `.data | length`). Prints the best and median of each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "mq-client.h"
#include "mq-static-token-provider.h"
#include "mq-test-async.h"

/* Only for the fake server this program starts: not anyone's token. */
#define BENCH_TOKEN "bench-token"

static double
run_client (const char *url,
            guint       expected)
{
  g_autoptr(MqStaticTokenProvider) provider = mq_static_token_provider_new (BENCH_TOKEN);
  g_autoptr(MqClient) client = mq_client_new (url, MQ_TOKEN_PROVIDER (provider));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  mq_client_list_playlists_async (client, NULL, NULL, NULL, NULL, mq_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  playlists = mq_client_list_playlists_finish (client, result, NULL, &error);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  if (playlists == NULL)
    g_error ("Listing failed: %s", error->message);
  if (playlists->len != expected)
    g_error ("Listed %u playlists instead of %u", playlists->len, expected);

  return seconds;
}

static double
run_curl_jq (const char *url,
             guint       n_pages)
{
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 start;

  /* One curl for every page (curl's own URL globbing), as one would by hand. */
  command = g_strdup_printf ("sh -c \"curl -sf -H 'Accept: application/json' "
                             "-H 'Authorization: Bearer " BENCH_TOKEN "' "
                             "'%s/api/v1.0/playlist?page=[1-%u]' | jq '.data | length' > /dev/null\"",
                             url, n_pages);
  start = g_get_monotonic_time ();
  if (!g_spawn_command_line_sync (command, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("curl | jq failed: %s", error->message);

  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *times)
{
  g_array_sort (times, compare_doubles);
  printf ("%-10s best %.3f s, median %.3f s (%u runs)\n", what,
          g_array_index (times, double, 0), g_array_index (times, double, times->len / 2),
          times->len);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *fake_path = NULL;
  int n_playlists = 100000;
  int page_size = 1000;
  int n_runs = 5;
  const GOptionEntry entries[] = {
    { "fake", 0, 0, G_OPTION_ARG_FILENAME, &fake_path, "The fake-viewneo program", "PATH" },
    { "playlists", 0, 0, G_OPTION_ARG_INT, &n_playlists, "Playlists (100000)", "N" },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size, "Playlists per page (1000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Runs of each (5)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time listing playlists");
  g_autoptr(GSubprocess) fake = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GArray) client_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) curl_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *playlists_arg = NULL;
  g_autofree char *page_size_arg = NULL;
  g_autofree char *curl = g_find_program_in_path ("curl");
  g_autofree char *jq = g_find_program_in_path ("jq");
  gboolean have_curl_jq = curl != NULL && jq != NULL;
  guint n_pages;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (fake_path == NULL || n_playlists < 1 || page_size < 1 || n_runs < 1)
    g_error ("Usage: %s --fake PATH [--playlists N] [--page-size N] [--runs N]", argv[0]);

  playlists_arg = g_strdup_printf ("--playlists=%d", n_playlists);
  page_size_arg = g_strdup_printf ("--page-size=%d", page_size);
  fake = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                           fake_path, playlists_arg, page_size_arg, "--token=" BENCH_TOKEN, NULL);
  if (fake == NULL)
    g_error ("Cannot start %s: %s", fake_path, error->message);

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fake));
  url = g_data_input_stream_read_line (output, NULL, NULL, &error);
  if (url == NULL)
    g_error ("The fake server said nothing: %s", error ? error->message : "end of output");

  n_pages = ((guint) n_playlists + page_size - 1) / page_size;
  printf ("%d playlists, %u pages of %d, from %s\n", n_playlists, n_pages, page_size, url);

  /* Alternating, so that a busy machine slows both alike. */
  for (int i = 0; i < n_runs; i++)
    {
      double seconds = run_client (url, (guint) n_playlists);

      g_array_append_val (client_times, seconds);
      if (have_curl_jq)
        {
          seconds = run_curl_jq (url, n_pages);
          g_array_append_val (curl_times, seconds);
        }
    }

  report ("MqClient", client_times);
  if (have_curl_jq)
    report ("curl | jq", curl_times);
  else
    printf ("curl | jq  not installed, not compared\n");

  g_subprocess_send_signal (fake, SIGTERM);
  g_subprocess_wait (fake, NULL, NULL);

  return EXIT_SUCCESS;
}
