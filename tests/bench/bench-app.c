/* bench-app.c: Marquee as src/main.c runs it, with hooks that measure it
 *
 *   bench-app --seed --server URL [--cache]
 *       Signs in to the fake viewneo at URL with BENCH_TOKEN (the token goes to the
 *       keyring, the account to GSettings) as the current account, and with --cache
 *       saves the server's playlists as that account's cache. Run it with the same
 *       GSETTINGS_BACKEND=keyfile and XDG directories as the measured runs.
 *
 *   bench-app [--expect N] [--exit-at-first-frame] [--stall] [--search] [--settle-ms MS]
 *       Runs MqApplication exactly as src/main.c does and prints, on stdout:
 *         first-frame T      the window's first frame painted (g_get_monotonic_time)
 *         list-frame T       the first frame painted with the N playlists in the list,
 *                            sorted (with --expect)
 *       then quits: at the first frame with --exit-at-first-frame (at the list's with
 *       --expect too), else --settle-ms after the list's frame, printing what
 *       /proc/self/status says of its memory ("memory-VmHWM N", in kB). With
 *         --stall   a 1 ms timeout notes how late it runs, from the first frame to the
 *                   end of the settling: "stall-max-ms X", "stall-over-16ms N"
 *         --search  once settled, types queries of different selectivity into the
 *                   search entry and prints "search-model-ms QUERY X" (the filtered
 *                   list complete, checked against the filter, and the keystroke's
 *                   handling returned: the column view's rows included) and "search-frame-ms
 *                   QUERY X" (its frame painted), each from the text being set,
 *                   and the main thread's CPU time to each ("search-model-cpu-ms",
 *                   "search-frame-cpu-ms").
 *         --wait-cache  settle until the app has saved the list as its cache, too
 *       With BENCH_TRACE_FRAMES set in the environment, each frame from the first on
 *       prints a line: its length (and the CPU time it took), when, how long its update (tick callbacks), layout
 *       (CSS, measuring, allocating) and paint (snapshot, rendering) took, and what
 *       animates (a stack's or leaflet's transition, a revealer, a spinner). With the
 *       stalls' times, it says which stall is a frame and what that frame did.
 *
 * Nothing in src/ is changed for this: the hooks find the window through
 * GtkApplication::window-added and the view in its widget tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-bench"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gi18n.h>

#include "bench-util.h"
#include "mq-account-manager.h"
#include "mq-application.h"
#include "mq-client.h"
#include "mq-playlist-cache.h"
#include "mq-playlist-display.h"
#include "mq-playlist-filter.h"
#include "mq-playlists-view.h"
#include "mq-session.h"
#include "mq-spinner.h"
#include "mq-static-token-provider.h"
#include "mq-test-async.h"
#include "mq-token-store.h"
#include "mq-token.h"

#define LATE_LIMIT_US (16 * 1000)

/* Typed from an empty search, each one: from nearly everything to nothing. */
static const char * const queries[] = {
  "e",            /* most names */
  "lobby",        /* a place: a few percent */
  "winter sale",  /* two terms */
  "0042",         /* a number in a few names and ids */
  "xyzzy",        /* nothing */
};

/* ---- seeding ---- */

static int
seed (const char *server,
      gboolean    with_cache)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(MqAccountManager) manager = mq_account_manager_new (settings);
  g_autoptr(MqTokenStore) store = mq_token_store_new ();
  g_autoptr(MqAccount) account = mq_account_new (server, 42, "Bench", MQ_TOKEN_KIND_PERSONAL, NULL);
  g_autoptr(MqSession) session = mq_session_new (account, store);
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  token = mq_token_new_personal (BENCH_TOKEN, &error);
  if (token == NULL)
    g_error ("The benchmark's token: %s", error->message);

  mq_session_sign_in_async (session, token, NULL, NULL, mq_test_store_result, &result);
  if (!mq_session_sign_in_finish (session, mq_test_await (&result), &error))
    g_error ("Signing in: %s", error->message);
  if (mq_session_get_keyring_error (session) != NULL)
    g_error ("The keyring: %s (run inside build-aux/headless)",
             mq_session_get_keyring_error (session)->message);
  g_clear_object (&result);

  mq_account_manager_add (manager, account);
  mq_account_manager_set_current (manager, mq_account_get_id (account));
  g_settings_sync ();

  if (with_cache)
    {
      g_autoptr(MqStaticTokenProvider) provider = mq_static_token_provider_new (BENCH_TOKEN);
      g_autoptr(MqClient) client = mq_client_new (server, MQ_TOKEN_PROVIDER (provider));
      g_autoptr(GPtrArray) playlists = NULL;

      mq_client_list_playlists_async (client, NULL, NULL, NULL, NULL, mq_test_store_result, &result);
      playlists = mq_client_list_playlists_finish (client, mq_test_await (&result), NULL, &error);
      if (playlists == NULL)
        g_error ("Listing the playlists to cache: %s", error->message);
      g_clear_object (&result);

      mq_playlist_cache_save_async (mq_account_get_id (account), playlists, NULL,
                                    mq_test_store_result, &result);
      if (!mq_playlist_cache_save_finish (mq_test_await (&result), &error))
        g_error ("Saving the cache: %s", error->message);
    }

  return EXIT_SUCCESS;
}

/* ---- the measured run ---- */

typedef struct
{
  GtkApplication *app;
  GtkWidget      *window;
  MqPlaylistsView *view;
  GListModel     *shown;

  int             expect;       /* -1: no list awaited */
  gboolean        exit_at_first_frame;
  gboolean        wait_cache;
  guint           settle_ms;
  gboolean        stall;
  gboolean        search;

  gboolean        first_frame_seen;
  gint64          first_frame_time;
  gboolean        list_frame_seen;
  gboolean        quitting;

  gint64          frame_start;
  /* With BENCH_TRACE_FRAMES set: when each phase of the frame ended. */
  gboolean        trace_frames;
  gint64          frame_cpu_start;
  gint64          frame_update_end;
  gint64          frame_layout_end;
  gint64          frame_paint_end;
  gint64          frame_max;
  gint64          frame_max_at;
  guint           stall_source;
  gint64          stall_expected;
  gint64          stall_max;
  gint64          stall_cpu;
  guint           stall_over_limit;

  /* The search under way: query index, its start, the count it must reach. */
  GPtrArray      *all;
  MqPlaylistFilter *check_filter;
  GString        *key;
  int             query;
  gboolean        clearing;
  gint64          search_start;
  gint64          search_cpu_start;
  guint           search_expect;
  /* Setting the entry's text: the keystroke's work is not done until it returns. */
  gboolean        search_typing;
  enum { SEARCH_IDLE, SEARCH_WAIT_MODEL, SEARCH_WAIT_FRAME } search_phase;
} Harness;

/* What /proc says of this process's memory, in kB, as "memory-NAME N" lines. */
static void
print_memory (void)
{
  static const char * const fields[] = { "VmHWM", "VmRSS", "RssAnon", "RssFile", "RssShmem" };
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;

  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        {
          gsize length = strlen (fields[j]);

          if (strncmp (lines[i], fields[j], length) == 0 && lines[i][length] == ':')
            printf ("memory-%s %" G_GUINT64_FORMAT "\n", fields[j],
                    g_ascii_strtoull (lines[i] + length + 1, NULL, 10));
        }
    }
}

static void
harness_quit (Harness *harness)
{
  if (harness->quitting)
    return;

  print_memory ();
  harness->quitting = TRUE;
  if (harness->stall_source != 0)
    g_clear_handle_id (&harness->stall_source, g_source_remove);
  fflush (stdout);
  g_application_quit (G_APPLICATION (harness->app));
}

/* This thread's CPU time in µs: unlike the time on the clock, not lengthened by other
 * processes that have the CPU meanwhile, as on a busy machine. */
static gint64
get_thread_cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);

  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static gboolean
stall_tick (gpointer user_data)
{
  Harness *harness = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 late = now - harness->stall_expected;
  gint64 cpu = get_thread_cpu_time ();

  harness->stall_max = MAX (harness->stall_max, late);
  if (late > LATE_LIMIT_US)
    {
      /* When, for finding out what: from the first frame, in ms. */
      if (harness->stall_over_limit < 20)
        printf ("stall %.1f ms (CPU %.1f ms) at %.1f ms\n", late / 1000.0,
                (cpu - harness->stall_cpu) / 1000.0,
                (harness->stall_expected - harness->first_frame_time) / 1000.0);
      harness->stall_over_limit++;
    }
  harness->stall_expected = now + 1000;
  harness->stall_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

static guint
shown_pending (Harness *harness)
{
  if (GTK_IS_SORT_LIST_MODEL (harness->shown))
    return gtk_sort_list_model_get_pending (GTK_SORT_LIST_MODEL (harness->shown));
  if (GTK_IS_FILTER_LIST_MODEL (harness->shown))
    return gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (harness->shown));

  return 0;
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void search_next (Harness *harness);

/* The CPU time of the calling thread, in µs: what a keystroke costs the main thread,
 * whatever else the machine runs. */
static gint64
thread_cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);

  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static void
search_check_model (Harness *harness)
{
  if (harness->search_phase != SEARCH_WAIT_MODEL || harness->search_typing)
    return;

  if (g_list_model_get_n_items (harness->shown) == harness->search_expect &&
      shown_pending (harness) == 0)
    {
      double ms = (g_get_monotonic_time () - harness->search_start) / 1000.0;

      harness->search_phase = SEARCH_WAIT_FRAME;
      printf ("search-model-ms %s %.3f\n",
              harness->clearing ? "(clear)" : queries[harness->query], ms);
      printf ("search-model-cpu-ms %s %.3f\n",
              harness->clearing ? "(clear)" : queries[harness->query],
              (thread_cpu_time () - harness->search_cpu_start) / 1000.0);
      /* A frame draws it: after-paint goes on. */
      gtk_widget_queue_draw (harness->window);
    }
}

static void
search_start_query (Harness    *harness,
                    const char *text)
{
  GtkWidget *entry = find_descendant (GTK_WIDGET (harness->view), GTK_TYPE_SEARCH_ENTRY);
  guint n_matching = 0;

  /* Counted on keys of our own: asking the playlists for theirs would keep one with
   * each, which the app does not. */
  mq_playlist_filter_set_query (harness->check_filter, text);
  for (guint i = 0; i < harness->all->len; i++)
    {
      g_string_truncate (harness->key, 0);
      mq_playlist_display_append_search_key (g_ptr_array_index (harness->all, i), harness->key);
      if (mq_playlist_filter_match_key (harness->check_filter, harness->key->str))
        n_matching++;
    }
  if (n_matching == g_list_model_get_n_items (harness->shown))
    g_error ("The query “%s” would not change the list: it cannot be timed", text);

  harness->search_expect = n_matching;
  harness->search_phase = SEARCH_WAIT_MODEL;
  harness->search_start = g_get_monotonic_time ();
  harness->search_cpu_start = thread_cpu_time ();
  /* The model may hold the matches before the column view has taken them up: timed
   * from the text set to the model complete and the keystroke handled, both. */
  harness->search_typing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  harness->search_typing = FALSE;
  search_check_model (harness);
}

static void
search_next (Harness *harness)
{
  if (!harness->clearing && harness->query >= 0)
    {
      /* Back to the whole list, timed too. */
      harness->clearing = TRUE;
      search_start_query (harness, "");
      return;
    }

  harness->clearing = FALSE;
  harness->query++;
  if ((guint) harness->query >= G_N_ELEMENTS (queries))
    {
      harness->query = -1;
      harness_quit (harness);
      return;
    }

  search_start_query (harness, queries[harness->query]);
}

static void
shown_changed_cb (Harness *harness)
{
  search_check_model (harness);
}

static void
start_search (Harness *harness)
{
  guint n = g_list_model_get_n_items (harness->shown);

  harness->all = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (harness->all, g_list_model_get_item (harness->shown, i));
  harness->check_filter = mq_playlist_filter_new ();
  harness->key = g_string_new (NULL);

  g_signal_connect_swapped (harness->shown, "items-changed", G_CALLBACK (shown_changed_cb), harness);
  g_signal_connect_swapped (harness->shown, "notify::pending", G_CALLBACK (shown_changed_cb), harness);

  g_object_set (harness->view, "search-mode", TRUE, NULL);
  harness->query = -1;
  harness->clearing = FALSE;
  search_next (harness);
}

static gboolean
give_up (gpointer user_data)
{
  Harness *harness = user_data;

  g_error ("Gave up: first frame %s, list frame %s, %u playlists shown",
           harness->first_frame_seen ? "seen" : "not seen",
           harness->list_frame_seen ? "seen" : "not seen",
           harness->shown != NULL ? g_list_model_get_n_items (harness->shown) : 0);

  return G_SOURCE_REMOVE;
}

/* The app saves a fresh list in a worker thread after showing it. */
static gboolean
cache_is_saved (void)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "marquee", NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "playlists-") && g_str_has_suffix (name, ".json"))
        return TRUE;
    }

  return FALSE;
}

static gboolean
settled (gpointer user_data)
{
  Harness *harness = user_data;

  if (harness->wait_cache && !cache_is_saved ())
    {
      g_timeout_add (50, settled, harness);
      return G_SOURCE_REMOVE;
    }

  if (harness->stall)
    {
      g_clear_handle_id (&harness->stall_source, g_source_remove);
      printf ("stall-max-ms %.3f\n", harness->stall_max / 1000.0);
      printf ("stall-over-16ms %u\n", harness->stall_over_limit);
      printf ("frame-max-ms %.3f at %.1f ms\n", harness->frame_max / 1000.0,
              (harness->frame_max_at - harness->first_frame_time) / 1000.0);
    }

  if (harness->search)
    start_search (harness);
  else
    harness_quit (harness);

  return G_SOURCE_REMOVE;
}

/* The list shows the playlists awaited, sorted; for none, the load is over: the view
 * has its session and no spinner turns. */
static gboolean
list_is_ready (Harness *harness)
{
  GtkWidget *spinner;
  gboolean spinning = FALSE;

  if (harness->view == NULL || mq_playlists_view_get_session (harness->view) == NULL ||
      g_list_model_get_n_items (harness->shown) != (guint) harness->expect ||
      shown_pending (harness) != 0)
    return FALSE;

  if (harness->expect > 0)
    return TRUE;

  spinner = find_descendant (GTK_WIDGET (harness->view), MQ_TYPE_SPINNER);
  if (spinner != NULL)
    g_object_get (spinner, "spinning", &spinning, NULL);

  return !spinning;
}

static void
before_paint (GdkFrameClock *clock,
              Harness       *harness)
{
  harness->frame_start = g_get_monotonic_time ();
  if (harness->trace_frames)
    harness->frame_cpu_start = get_thread_cpu_time ();
  harness->frame_update_end = harness->frame_layout_end = harness->frame_paint_end = 0;
}

/* Connected after GTK's own handlers: each marks the end of that phase. */
static void
update_end_cb (GdkFrameClock *clock,
               Harness       *harness)
{
  harness->frame_update_end = g_get_monotonic_time ();
}

static void
layout_end_cb (GdkFrameClock *clock,
               Harness       *harness)
{
  harness->frame_layout_end = g_get_monotonic_time ();
}

static void
paint_end_cb (GdkFrameClock *clock,
              Harness       *harness)
{
  harness->frame_paint_end = g_get_monotonic_time ();
}

/* What animates in @widget's tree: stack and leaflet transitions, revealers, spinners
 * that are drawn. */
static void
append_animations (GtkWidget *widget,
                   GString   *out)
{
  gboolean running = FALSE;
  const char *what = NULL;

  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_STACK (widget))
    {
      running = gtk_stack_get_transition_running (GTK_STACK (widget));
      what = gtk_stack_get_visible_child_name (GTK_STACK (widget));
    }
  else if (ADW_IS_LEAFLET (widget))
    running = adw_leaflet_get_child_transition_running (ADW_LEAFLET (widget));
  else if (GTK_IS_REVEALER (widget))
    running = gtk_revealer_get_reveal_child (GTK_REVEALER (widget)) !=
              gtk_revealer_get_child_revealed (GTK_REVEALER (widget));
  else if (MQ_IS_SPINNER (widget))
    running = mq_spinner_get_spinning (MQ_SPINNER (widget));

  if (running)
    g_string_append_printf (out, " %s%s%s%s", G_OBJECT_TYPE_NAME (widget),
                            what != NULL ? "(" : "", what != NULL ? what : "", what != NULL ? ")" : "");

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_animations (child, out);
}

/* A frame's phases in ms: the update (tick callbacks, animations), the layout (CSS,
 * measuring, allocating), the paint (snapshot and rendering). */
static void
trace_frame (Harness *harness,
             gint64   now)
{
  gint64 start = harness->frame_start;
  gint64 update = harness->frame_update_end ? harness->frame_update_end : start;
  gint64 layout = harness->frame_layout_end ? harness->frame_layout_end : update;
  gint64 paint = harness->frame_paint_end ? harness->frame_paint_end : layout;

  g_autoptr(GString) animations = g_string_new (NULL);

  append_animations (harness->window, animations);
  printf ("frame %.1f ms (CPU %.1f ms) at %.1f ms: update %.1f layout %.1f paint %.1f after %.1f;%s\n",
          (now - start) / 1000.0, (get_thread_cpu_time () - harness->frame_cpu_start) / 1000.0,
          (start - harness->first_frame_time) / 1000.0,
          (update - start) / 1000.0, (layout - update) / 1000.0, (paint - layout) / 1000.0,
          (now - paint) / 1000.0, animations->str);
}

static void
after_paint (GdkFrameClock *clock,
             Harness       *harness)
{
  gint64 now = g_get_monotonic_time ();

  if (harness->trace_frames && harness->first_frame_seen)
    trace_frame (harness, now);

  /* How long GTK took to make this frame: events, layout and painting. */
  if (harness->first_frame_seen && now - harness->frame_start > harness->frame_max)
    {
      harness->frame_max = now - harness->frame_start;
      harness->frame_max_at = harness->frame_start;
    }

  if (harness->quitting)
    return;

  if (!harness->first_frame_seen)
    {
      harness->first_frame_seen = TRUE;
      harness->first_frame_time = now;
      printf ("first-frame %" G_GINT64_FORMAT "\n", now);

      if (harness->stall)
        {
          harness->stall_expected = now + 1000;
          harness->stall_cpu = get_thread_cpu_time ();
          harness->stall_source = g_timeout_add (1, stall_tick, harness);
        }
      if (harness->exit_at_first_frame && harness->expect < 0)
        {
          harness_quit (harness);
          return;
        }
    }

  if (harness->expect >= 0 && !harness->list_frame_seen && list_is_ready (harness))
    {
      harness->list_frame_seen = TRUE;
      printf ("list-frame %" G_GINT64_FORMAT "\n", now);
      if (harness->stall)
        printf ("load-ms %.1f\n", (now - harness->first_frame_time) / 1000.0);

      if (harness->exit_at_first_frame)
        harness_quit (harness);
      else
        g_timeout_add (harness->settle_ms, settled, harness);
      return;
    }

  if (harness->search_phase == SEARCH_WAIT_FRAME)
    {
      printf ("search-frame-ms %s %.3f\n",
              harness->clearing ? "(clear)" : queries[harness->query],
              (now - harness->search_start) / 1000.0);
      printf ("search-frame-cpu-ms %s %.3f\n",
              harness->clearing ? "(clear)" : queries[harness->query],
              (thread_cpu_time () - harness->search_cpu_start) / 1000.0);
      harness->search_phase = SEARCH_IDLE;
      /* The next query once this frame is out, not inside its paint. */
      g_idle_add_once ((GSourceOnceFunc) search_next, harness);
    }
}

static void
shown_items_changed_cb (Harness *harness)
{
  /* The list's frame may need asking for when nothing else changes on screen. */
  if (!harness->list_frame_seen && list_is_ready (harness))
    gtk_widget_queue_draw (harness->window);
}

static void
window_realize_cb (GtkWidget *window,
                   Harness   *harness)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "before-paint",
                    G_CALLBACK (before_paint), harness);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint), harness);
  if (harness->trace_frames)
    {
      g_signal_connect_after (gtk_widget_get_frame_clock (window), "update",
                              G_CALLBACK (update_end_cb), harness);
      g_signal_connect_after (gtk_widget_get_frame_clock (window), "layout",
                              G_CALLBACK (layout_end_cb), harness);
      g_signal_connect_after (gtk_widget_get_frame_clock (window), "paint",
                              G_CALLBACK (paint_end_cb), harness);
    }
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 Harness        *harness)
{
  if (harness->window != NULL)
    return;

  harness->window = GTK_WIDGET (window);
  harness->view = MQ_PLAYLISTS_VIEW (find_descendant (GTK_WIDGET (window), MQ_TYPE_PLAYLISTS_VIEW));
  if (harness->view == NULL)
    g_error ("The window has no playlists view");
  harness->shown = mq_playlists_view_get_shown (harness->view);
  harness->query = -1;
  g_signal_connect_swapped (harness->shown, "items-changed",
                            G_CALLBACK (shown_items_changed_cb), harness);
  g_signal_connect_swapped (harness->shown, "notify::pending",
                            G_CALLBACK (shown_items_changed_cb), harness);
  g_signal_connect_after (window, "realize", G_CALLBACK (window_realize_cb), harness);
}

int
main (int   argc,
      char *argv[])
{
  gboolean seed_mode = FALSE;
  gboolean with_cache = FALSE;
  g_autofree char *server = NULL;
  int expect = -1;
  int settle_ms = 300;
  int timeout_s = 120;
  Harness harness = { 0 };
  const GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_NONE, &seed_mode, "Sign in and quit", NULL },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "The fake viewneo (with --seed)", "URL" },
    { "cache", 0, 0, G_OPTION_ARG_NONE, &with_cache, "Save the server's playlists as the cache (with --seed)", NULL },
    { "expect", 0, 0, G_OPTION_ARG_INT, &expect, "Playlists the list must show", "N" },
    { "exit-at-first-frame", 0, 0, G_OPTION_ARG_NONE, &harness.exit_at_first_frame, "Quit at the first frame", NULL },
    { "settle-ms", 0, 0, G_OPTION_ARG_INT, &settle_ms, "Time to go on after the list's frame (300)", "MS" },
    { "stall", 0, 0, G_OPTION_ARG_NONE, &harness.stall, "Measure main-loop stalls", NULL },
    { "search", 0, 0, G_OPTION_ARG_NONE, &harness.search, "Time searches", NULL },
    { "wait-cache", 0, 0, G_OPTION_ARG_NONE, &harness.wait_cache, "Settle until the list is saved as the cache too", NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_s, "Give up after this long (120 s)", "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- Marquee, measured");
  g_autoptr(MqApplication) application = NULL;
  g_autoptr(GError) error = NULL;
  char *app_argv[] = { argv[0], NULL };
  int status;

  /* As src/main.c. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (expect < -1 || settle_ms < 0 || timeout_s < 1 || (seed_mode && server == NULL) ||
      ((harness.stall || harness.search || harness.wait_cache) && expect < 0) ||
      (harness.search && expect == 0))
    g_error ("Usage: %s --seed --server URL [--cache] | [--expect N] [--exit-at-first-frame] "
             "[--stall] [--search] [--settle-ms MS]", argv[0]);

  if (seed_mode)
    return seed (server, with_cache);

  g_set_application_name (_("Marquee"));
  application = mq_application_new (G_APPLICATION_DEFAULT_FLAGS);

  harness.app = GTK_APPLICATION (application);
  harness.expect = expect;
  harness.trace_frames = g_getenv ("BENCH_TRACE_FRAMES") != NULL;
  harness.settle_ms = (guint) settle_ms;
  g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), &harness);
  g_timeout_add_seconds ((guint) timeout_s, give_up, &harness);

  status = g_application_run (G_APPLICATION (application), 1, app_argv);

  if (harness.expect >= 0 && !harness.list_frame_seen)
    g_error ("The list never showed %d playlists", expect);

  g_clear_pointer (&harness.all, g_ptr_array_unref);
  g_clear_object (&harness.check_filter);
  if (harness.key != NULL)
    g_string_free (harness.key, TRUE);

  return status;
}
