/* test-nested-playlists.c: fetching playlists and those nested in them, against the
 * fake viewneo on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fake-viewneo.h"
#include "mq-api-error.h"
#include "mq-client.h"
#include "mq-nested-playlists.h"
#include "mq-playlist.h"
#include "mq-schedule.h"
#include "mq-static-token-provider.h"
#include "mq-test-async.h"
#include "mq-test-viewneo.h"

#define TOKEN "test-token-1"
#define DETAIL "/api/v1.0/playlist/"

typedef struct
{
  FakeViewneo *fake;
  MqClient *client;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MqStaticTokenProvider) provider = mq_static_token_provider_new (TOKEN);
  g_autofree char *url = NULL;

  f->fake = fake_viewneo_new ();
  url = mq_test_viewneo_listen (f->fake);
  fake_viewneo_add_token (f->fake, TOKEN);
  f->client = mq_client_new (url, MQ_TOKEN_PROVIDER (provider));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  mq_test_viewneo_stop (&f->fake);
}

/* Playlist @id, whose entries nest the playlists of @nested (0-terminated). */
static void
add_playlist (Fixture      *f,
              gint64        id,
              const gint64 *nested)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autofree char *body = NULL;

  g_string_append_printf (json, "{\"id\": %" G_GINT64_FORMAT ", \"name\": \"P%" G_GINT64_FORMAT
                          "\", \"entries\": [", id, id);
  for (guint i = 0; nested != NULL && nested[i] != 0; i++)
    g_string_append_printf (json, "%s{\"id\": %" G_GINT64_FORMAT ", \"playlist_id\": %"
                            G_GINT64_FORMAT ", \"playlist_id_as_nested_playlist\": %"
                            G_GINT64_FORMAT ", \"duration\": 5}",
                            i > 0 ? ", " : "", id * 100 + i, id, nested[i]);
  g_string_append (json, "]}");
  /* Through a plain string: GCC 14 takes json->str for a possible NULL dereference. */
  body = g_string_free (g_steal_pointer (&json), FALSE);
  fake_viewneo_add_raw_playlist (f->fake, body);
}

static guint
count_requests (Fixture *f,
                gint64   id)
{
  g_autofree char *path = g_strdup_printf (DETAIL "%" G_GINT64_FORMAT, id);

  /* A prefix count: the ids of a test never prefix one another. */
  return fake_viewneo_get_request_count (f->fake, path);
}

static GHashTable *
fetch (Fixture                 *f,
       const gint64            *ids,
       gsize                    n_ids,
       MqNestedPlaylistsFlags   flags,
       GCancellable            *cancellable,
       GHashTable             **failures,
       GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mq_nested_playlists_fetch_async (f->client, ids, n_ids, flags, cancellable,
                                   mq_test_store_result, &result);
  return mq_nested_playlists_fetch_finish (mq_test_await (&result), failures, error);
}

static gboolean
has (GHashTable *playlists,
     gint64      id)
{
  MqPlaylist *playlist = g_hash_table_lookup (playlists, &id);

  return playlist != NULL && mq_playlist_get_id (playlist) == id;
}

/* The named ones and every one nested in them, each asked for once. */
static void
test_nested (Fixture       *f,
             gconstpointer  data)
{
  const gint64 ids[] = { 11, 14, 0, 11 };
  g_autoptr(GHashTable) playlists = NULL;
  g_autoptr(GHashTable) failures = NULL;
  g_autoptr(GError) error = NULL;

  add_playlist (f, 11, (const gint64 []) { 12, 13, 0 });
  add_playlist (f, 12, (const gint64 []) { 13, 0 });
  add_playlist (f, 13, NULL);
  add_playlist (f, 14, (const gint64 []) { 12, 0 });
  add_playlist (f, 15, NULL);

  playlists = fetch (f, ids, G_N_ELEMENTS (ids), MQ_NESTED_PLAYLISTS_NONE, NULL, &failures, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (playlists), ==, 4);
  for (gint64 id = 11; id <= 14; id++)
    {
      g_assert_true (has (playlists, id));
      g_assert_cmpuint (count_requests (f, id), ==, 1);
    }
  g_assert_cmpuint (count_requests (f, 15), ==, 0);
  g_assert_cmpuint (g_hash_table_size (failures), ==, 0);
}

/* As deep as the schedule follows nesting, and not one level deeper. */
static void
test_depth_limit (Fixture       *f,
                  gconstpointer  data)
{
  const gint64 first = 21;
  const guint n_chain = MQ_SCHEDULE_MAX_DEPTH + 2;
  g_autoptr(GHashTable) playlists = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_chain; i++)
    add_playlist (f, first + i, (const gint64 []) { first + i + 1, 0 });

  playlists = fetch (f, &first, 1, MQ_NESTED_PLAYLISTS_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (playlists), ==, MQ_SCHEDULE_MAX_DEPTH);
  for (guint i = 0; i < MQ_SCHEDULE_MAX_DEPTH; i++)
    g_assert_true (has (playlists, first + i));
  g_assert_cmpuint (count_requests (f, first + MQ_SCHEDULE_MAX_DEPTH), ==, 0);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, DETAIL), ==, MQ_SCHEDULE_MAX_DEPTH);
}

/* A -> B -> A ends, each fetched once. */
static void
test_cycle (Fixture       *f,
            gconstpointer  data)
{
  const gint64 a = 41;
  g_autoptr(GHashTable) playlists = NULL;
  g_autoptr(GError) error = NULL;

  add_playlist (f, 41, (const gint64 []) { 42, 0 });
  add_playlist (f, 42, (const gint64 []) { 41, 42, 0 });

  playlists = fetch (f, &a, 1, MQ_NESTED_PLAYLISTS_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (playlists), ==, 2);
  g_assert_true (has (playlists, 41));
  g_assert_true (has (playlists, 42));
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, DETAIL), ==, 2);
}

/* Without FAIL_FAST (the Screens page) a failed nested fetch is kept and the rest
 * goes on. */
static void
test_error_kept (Fixture       *f,
                 gconstpointer  data)
{
  const gint64 ids[] = { 51, 55 };
  g_autoptr(GHashTable) playlists = NULL;
  g_autoptr(GHashTable) failures = NULL;
  g_autoptr(GError) error = NULL;
  gint64 failed = 52;

  add_playlist (f, 51, (const gint64 []) { 52, 53, 0 });
  add_playlist (f, 52, (const gint64 []) { 54, 0 });
  add_playlist (f, 53, NULL);
  add_playlist (f, 54, NULL);
  add_playlist (f, 55, NULL);
  fake_viewneo_add_fault (f->fake, DETAIL "52", FAKE_FAULT_SERVER_ERROR, 0, 0);

  playlists = fetch (f, ids, G_N_ELEMENTS (ids), MQ_NESTED_PLAYLISTS_NONE, NULL, &failures, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (playlists), ==, 3);
  g_assert_true (has (playlists, 51));
  g_assert_true (has (playlists, 53));
  g_assert_true (has (playlists, 55));
  g_assert_cmpuint (g_hash_table_size (failures), ==, 1);
  g_assert_error ((GError *) g_hash_table_lookup (failures, &failed), MQ_API_ERROR, MQ_API_ERROR_SERVER);
  /* What only the failed one nests is not known, so not fetched. */
  g_assert_cmpuint (count_requests (f, 54), ==, 0);
}

/* With FAIL_FAST (--now-playing) a playlist deleted meanwhile is left out, and any
 * other failure is the error of the whole. */
static void
test_error_fail_fast (Fixture       *f,
                      gconstpointer  data)
{
  const gint64 ids[] = { 61 };
  g_autoptr(GHashTable) playlists = NULL;
  g_autoptr(GHashTable) failures = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deleted = 62;

  add_playlist (f, 61, (const gint64 []) { 62, 63, 0 });
  add_playlist (f, 62, NULL);
  add_playlist (f, 63, NULL);
  fake_viewneo_add_fault (f->fake, DETAIL "62", FAKE_FAULT_NOT_FOUND, 0, 1);

  playlists = fetch (f, ids, G_N_ELEMENTS (ids), MQ_NESTED_PLAYLISTS_FAIL_FAST, NULL,
                     &failures, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (playlists), ==, 2);
  g_assert_true (has (playlists, 63));
  g_assert_error ((GError *) g_hash_table_lookup (failures, &deleted), MQ_API_ERROR, MQ_API_ERROR_NOT_FOUND);
  g_clear_pointer (&playlists, g_hash_table_unref);
  g_clear_pointer (&failures, g_hash_table_unref);

  fake_viewneo_add_fault (f->fake, DETAIL "62", FAKE_FAULT_SERVER_ERROR, 0, 0);
  playlists = fetch (f, ids, G_N_ELEMENTS (ids), MQ_NESTED_PLAYLISTS_FAIL_FAST, NULL,
                     &failures, &error);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_SERVER);
  g_assert_null (playlists);
  g_assert_null (failures);
}

/* A failure while other calls are in flight cancels them, and they may finish inside
 * that cancel (libsoup 3.6 finishes them at once): the fetch still returns once, with
 * the failure. */
static void
test_error_fail_fast_in_flight (Fixture       *f,
                                gconstpointer  data)
{
  const gint64 ids[] = { 71 };
  g_autoptr(GHashTable) playlists = NULL;
  g_autoptr(GHashTable) failures = NULL;
  g_autoptr(GError) error = NULL;

  add_playlist (f, 71, (const gint64 []) { 72, 73, 74, 0 });
  add_playlist (f, 72, NULL);
  add_playlist (f, 73, NULL);
  add_playlist (f, 74, NULL);
  fake_viewneo_add_fault (f->fake, DETAIL "73", FAKE_FAULT_SLOW, 5000, 0);
  fake_viewneo_add_fault (f->fake, DETAIL "74", FAKE_FAULT_SLOW, 5000, 0);
  fake_viewneo_add_fault (f->fake, DETAIL "72", FAKE_FAULT_SERVER_ERROR, 0, 0);

  playlists = fetch (f, ids, G_N_ELEMENTS (ids), MQ_NESTED_PLAYLISTS_FAIL_FAST, NULL,
                     &failures, &error);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_SERVER);
  g_assert_null (playlists);
  g_assert_null (failures);
}

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* No more than four under way at once, and cancelling ends it as cancelled. */
static void
test_in_flight_and_cancel (Fixture       *f,
                           gconstpointer  data)
{
  const gint64 top = 70;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GHashTable) playlists = NULL;
  g_autoptr(GError) error = NULL;
  gint64 nested[11];

  for (guint i = 0; i < 10; i++)
    {
      nested[i] = 80 + i;
      add_playlist (f, nested[i], NULL);
    }
  nested[10] = 0;
  add_playlist (f, top, nested);
  fake_viewneo_set_latency (f->fake, 400);

  mq_nested_playlists_fetch_async (f->client, &top, 1, MQ_NESTED_PLAYLISTS_NONE, cancellable,
                                   mq_test_store_result, &result);
  while (fake_viewneo_get_request_count (f->fake, DETAIL) < 1 + MQ_NESTED_PLAYLISTS_MAX_IN_FLIGHT)
    g_main_context_iteration (NULL, TRUE);
  spin (200);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, DETAIL), ==,
                    1 + MQ_NESTED_PLAYLISTS_MAX_IN_FLIGHT);

  g_cancellable_cancel (cancellable);
  playlists = mq_nested_playlists_fetch_finish (mq_test_await (&result), NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (playlists);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, DETAIL), ==,
                    1 + MQ_NESTED_PLAYLISTS_MAX_IN_FLIGHT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/api/nested-playlists/nested", test_nested);
  ADD ("/api/nested-playlists/depth-limit", test_depth_limit);
  ADD ("/api/nested-playlists/cycle", test_cycle);
  ADD ("/api/nested-playlists/error-kept", test_error_kept);
  ADD ("/api/nested-playlists/error-fail-fast", test_error_fail_fast);
  ADD ("/api/nested-playlists/error-fail-fast-in-flight", test_error_fail_fast_in_flight);
  ADD ("/api/nested-playlists/in-flight-and-cancel", test_in_flight_and_cancel);

  return g_test_run ();
}
