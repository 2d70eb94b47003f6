/* fake-viewneo-main.c: the fake viewneo server as a program, for the demo and benchmarks
 *
 * Prints "http://127.0.0.1:PORT" once it listens, serves until SIGINT or SIGTERM.
 * Requests are logged with g_debug only (G_MESSAGES_DEBUG=fake-viewneo), method and path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fake-viewneo"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "fake-viewneo.h"

static gboolean
quit_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_CONTINUE;
}

static gboolean
parse_envelope (const char    *name,
                FakeEnvelope  *envelope)
{
  static const struct {
    const char   *name;
    FakeEnvelope  envelope;
  } envelopes[] = {
    { "bare", FAKE_ENVELOPE_BARE },
    { "data", FAKE_ENVELOPE_DATA },
    { "links", FAKE_ENVELOPE_PAGINATOR_LINKS },
    { "flat", FAKE_ENVELOPE_PAGINATOR_FLAT },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (envelopes); i++)
    {
      if (g_strcmp0 (name, envelopes[i].name) == 0)
        {
          *envelope = envelopes[i].envelope;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
check_range (const char  *option,
             int          value,
             int          min,
             int          max,
             GError     **error)
{
  if (value >= min && value <= max)
    return TRUE;

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "%s must be between %d and %d", option, min, max);
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  int port = 0;
  int n_playlists = 50;
  int seed = 1;
  int page_size = 100;
  int latency = 0;
  int token_lifetime = 1296000;
  int tiny_items = 0;
  gboolean gzip = FALSE;
  gboolean auto_approve = FALSE;
  gboolean showcase = FALSE;
  g_auto(GStrv) tokens = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *client_secret = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autofree char *envelope_name = NULL;
  g_autofree char *user_name = NULL;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0: any free one)", "N" },
    { "playlists", 0, 0, G_OPTION_ARG_INT, &n_playlists, "Number of generated playlists (50)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the generated data (1)", "N" },
    { "token", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tokens, "An accepted personal access token (repeatable)", "T" },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id, "OAuth client id", "ID" },
    { "client-secret", 0, 0, G_OPTION_ARG_STRING, &client_secret, "OAuth client secret", "S" },
    { "redirect-uri", 0, 0, G_OPTION_ARG_STRING, &redirect_uri, "The client's registered Redirect URL", "URI" },
    { "auto-approve", 0, 0, G_OPTION_ARG_NONE, &auto_approve, "Approve authorization requests without a consent page", NULL },
    { "envelope", 0, 0, G_OPTION_ARG_STRING, &envelope_name, "List envelope: bare, data, links (default) or flat", "NAME" },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size, "Items per page of paginated lists (100)", "N" },
    { "latency", 0, 0, G_OPTION_ARG_INT, &latency, "Delay of every answer in ms (0)", "MS" },
    { "token-lifetime", 0, 0, G_OPTION_ARG_INT, &token_lifetime, "Lifetime of issued OAuth access tokens in s (1296000)", "S" },
    { "tiny-items", 0, 0, G_OPTION_ARG_INT, &tiny_items, "Answer the playlist list with one bare list of N tiny playlists instead", "N" },
    { "gzip", 0, 0, G_OPTION_ARG_NONE, &gzip, "Compress answers for clients that accept gzip", NULL },
    { "user-name", 0, 0, G_OPTION_ARG_STRING, &user_name, "Name of the account GET /user shows", "NAME" },
    { "schedule-showcase", 0, 0, G_OPTION_ARG_NONE, &showcase, "Add a screen group whose loop changes at the next full minute (local time)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FakeViewneo) fake = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *url = NULL;
  FakeEnvelope envelope = FAKE_ENVELOPE_PAGINATOR_LINKS;

  setlocale (LC_ALL, "");
  /* stdout carries the URL line and nothing else. */
  g_log_writer_default_set_use_stderr (TRUE);

  context = g_option_context_new ("- a fake viewneo server");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !check_range ("--port", port, 0, 65535, &error) ||
      !check_range ("--playlists", n_playlists, 0, 10000000, &error) ||
      !check_range ("--seed", seed, 0, G_MAXINT, &error) ||
      !check_range ("--page-size", page_size, 1, 100000, &error) ||
      !check_range ("--latency", latency, 0, 600000, &error) ||
      !check_range ("--token-lifetime", token_lifetime, 1, G_MAXINT, &error) ||
      !check_range ("--tiny-items", tiny_items, 0, 100000000, &error))
    {
      g_printerr ("fake-viewneo: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (envelope_name != NULL && !parse_envelope (envelope_name, &envelope))
    {
      g_printerr ("fake-viewneo: unknown envelope “%s” (bare, data, links or flat)\n",
                  envelope_name);
      return EXIT_FAILURE;
    }

  if ((client_id != NULL || client_secret != NULL || redirect_uri != NULL) &&
      (client_id == NULL || client_secret == NULL || redirect_uri == NULL))
    {
      g_printerr ("fake-viewneo: --client-id, --client-secret and --redirect-uri go together\n");
      return EXIT_FAILURE;
    }

  fake = fake_viewneo_new ();
  fake_viewneo_generate (fake, (guint) n_playlists, (guint) seed);
  if (showcase)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      fake_viewneo_add_schedule_showcase (fake, now);
    }
  fake_viewneo_set_envelope (fake, envelope);
  fake_viewneo_set_page_size (fake, (guint) page_size);
  fake_viewneo_set_latency (fake, (guint) latency);
  fake_viewneo_set_gzip (fake, gzip);
  fake_viewneo_set_token_lifetime (fake, (guint) token_lifetime);
  fake_viewneo_set_auto_consent (fake, auto_approve, FALSE);
  if (user_name != NULL)
    fake_viewneo_set_user (fake, 42, user_name, "demo@example.com");
  if (tiny_items > 0)
    fake_viewneo_add_fault (fake, "/api/v1.0/playlist", FAKE_FAULT_TINY_ITEMS, (guint) tiny_items, 0);
  for (guint i = 0; tokens != NULL && tokens[i] != NULL; i++)
    fake_viewneo_add_token (fake, tokens[i]);
  if (client_id != NULL)
    fake_viewneo_add_client (fake, client_id, client_secret, redirect_uri);

  if (!fake_viewneo_listen (fake, (guint) port, &error))
    {
      g_printerr ("fake-viewneo: cannot listen on 127.0.0.1:%d: %s\n", port, error->message);
      return EXIT_FAILURE;
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_signal_cb, loop);
  g_unix_signal_add (SIGTERM, quit_signal_cb, loop);

  url = fake_viewneo_get_url (fake);
  printf ("%s\n", url);
  fflush (stdout);

  g_main_loop_run (loop);
  fake_viewneo_shutdown (fake);

  return EXIT_SUCCESS;
}
