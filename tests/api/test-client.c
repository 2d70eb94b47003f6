/* test-client.c: MqClient against the fake viewneo on 127.0.0.1, over the real libsoup
 * stack, and against a small scripted server for the shapes the fake never sends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <libsoup/soup.h>

#include "fake-viewneo-tls.h"
#include "fake-viewneo.h"
#include "mq-api-error.h"
#include "mq-client.h"
#include "mq-device-group.h"
#include "mq-playlist-entry.h"
#include "mq-playlist.h"
#include "mq-schedule.h"
#include "mq-static-token-provider.h"
#include "mq-test-async.h"
#include "mq-test-viewneo.h"
#include "mq-user.h"

#define TOKEN "test-token-1"
#define NEW_TOKEN "test-token-2"

/* ---- a token provider that counts ---- */

#define TEST_TYPE_TOKEN_PROVIDER (test_token_provider_get_type ())
G_DECLARE_FINAL_TYPE (TestTokenProvider, test_token_provider, TEST, TOKEN_PROVIDER, GObject)

struct _TestTokenProvider
{
  GObject parent_instance;

  GStrv tokens;       /* handed out in turn, one more on each refresh */
  guint current;
  guint n_calls;
  GPtrArray *rejected; /* what the client reported as refused */
};

static void test_token_provider_iface_init (MqTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestTokenProvider, test_token_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MQ_TYPE_TOKEN_PROVIDER,
                                                      test_token_provider_iface_init))

static void
test_token_provider_get_token_async (MqTokenProvider     *provider,
                                     const char          *rejected_token,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  TestTokenProvider *self = TEST_TOKEN_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  self->n_calls++;
  if (rejected_token != NULL)
    {
      g_ptr_array_add (self->rejected, g_strdup (rejected_token));
      if (g_str_equal (rejected_token, self->tokens[self->current]))
        self->current++;
    }

  if (self->tokens[self->current] == NULL)
    g_task_return_new_error (task, MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED, "No more tokens.");
  else
    g_task_return_pointer (task, g_strdup (self->tokens[self->current]), g_free);
}

static char *
test_token_provider_get_token_finish (MqTokenProvider  *provider,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_token_provider_iface_init (MqTokenProviderInterface *iface)
{
  iface->get_token_async = test_token_provider_get_token_async;
  iface->get_token_finish = test_token_provider_get_token_finish;
}

static void
test_token_provider_finalize (GObject *object)
{
  TestTokenProvider *self = TEST_TOKEN_PROVIDER (object);

  g_strfreev (self->tokens);
  g_ptr_array_unref (self->rejected);

  G_OBJECT_CLASS (test_token_provider_parent_class)->finalize (object);
}

static void
test_token_provider_class_init (TestTokenProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_token_provider_finalize;
}

static void
test_token_provider_init (TestTokenProvider *self)
{
  self->rejected = g_ptr_array_new_with_free_func (g_free);
}

static TestTokenProvider *
test_token_provider_new (const char *first,
                         ...)
{
  TestTokenProvider *self = g_object_new (TEST_TYPE_TOKEN_PROVIDER, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *token = first; token != NULL; token = va_arg (args, const char *))
    g_strv_builder_add (builder, token);
  va_end (args);

  self->tokens = g_strv_builder_end (builder);
  return self;
}

/* ---- waiting ---- */

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
set_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* Every error a user sees has a message, and no token in it. */
static void
assert_api_error (const GError *error,
                  int           code)
{
  g_assert_error (error, MQ_API_ERROR, code);
  g_assert_cmpuint (strlen (error->message), >, 10);
  g_assert_null (strstr (error->message, TOKEN));
  g_assert_null (strstr (error->message, NEW_TOKEN));
}

/* ---- the fixture: a fake viewneo and a client for it ---- */

typedef struct
{
  FakeViewneo *fake;
  TestTokenProvider *provider;
  MqClient *client;
  char *url;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->fake = fake_viewneo_new ();
  f->url = mq_test_viewneo_listen (f->fake);
  fake_viewneo_add_token (f->fake, TOKEN);

  f->provider = test_token_provider_new (TOKEN, NEW_TOKEN, NULL);
  f->client = mq_client_new (f->url, MQ_TOKEN_PROVIDER (f->provider));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->provider);
  mq_test_viewneo_stop (&f->fake);
  g_clear_pointer (&f->url, g_free);
  /* Let closes and aborts still queued run before the next test. */
  while (g_main_context_iteration (NULL, FALSE));
}

typedef struct
{
  guint n_calls;
  guint page;
  guint n_pages;
  guint n_items;
  gboolean freed;
} Progress;

static void
progress_cb (guint    page,
             guint    n_pages,
             guint    n_items_so_far,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_false (progress->freed);
  /* Pages only ever add up, and never beyond the total. */
  g_assert_cmpuint (page, ==, progress->page + 1);
  g_assert_cmpuint (n_items_so_far, >=, progress->n_items);
  if (n_pages != 0)
    g_assert_cmpuint (page, <=, n_pages);

  progress->n_calls++;
  progress->page = page;
  progress->n_pages = n_pages;
  progress->n_items = n_items_so_far;
}

static void
progress_free_cb (gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_false (progress->freed);
  progress->freed = TRUE;
}

static GPtrArray *
list_playlists_full (MqClient      *client,
                     Progress      *progress,
                     GCancellable  *cancellable,
                     guint         *n_skipped,
                     GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  Progress ignored = { 0, };
  GPtrArray *playlists;

  if (progress == NULL)
    progress = &ignored;

  mq_client_list_playlists_async (client, progress_cb, progress, progress_free_cb,
                                  cancellable, mq_test_store_result, &result);
  playlists = mq_client_list_playlists_finish (client, mq_test_await (&result), n_skipped, error);
  g_assert_true (progress->freed);

  return playlists;
}

static GPtrArray *
list_playlists (Fixture   *f,
                Progress  *progress,
                guint     *n_skipped,
                GError   **error)
{
  return list_playlists_full (f->client, progress, NULL, n_skipped, error);
}

/* Lists the playlists of @client and asserts that the list fails with @code. */
static void
assert_list_fails (MqClient *client,
                   int       code)
{
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;

  playlists = list_playlists_full (client, NULL, NULL, NULL, &error);
  g_assert_null (playlists);
  assert_api_error (error, code);
}

static MqPlaylist *
get_playlist (MqClient  *client,
              gint64     id,
              GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mq_client_get_playlist_async (client, id, NULL, mq_test_store_result, &result);
  return mq_client_get_playlist_finish (client, mq_test_await (&result), error);
}

static GPtrArray *
list_device_groups (MqClient  *client,
                    GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mq_client_list_device_groups_async (client, NULL, mq_test_store_result, &result);
  return mq_client_list_device_groups_finish (client, mq_test_await (&result), error);
}

static GArray *
ids_of (GPtrArray *playlists)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < playlists->len; i++)
    {
      gint64 id = mq_playlist_get_id (g_ptr_array_index (playlists, i));

      g_array_append_val (ids, id);
    }

  return ids;
}

/* The list as one page, the order every paginated fetch must reproduce. */
static GArray *
reference_ids (Fixture *f)
{
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;

  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_BARE);
  playlists = list_playlists (f, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (playlists->len, ==, fake_viewneo_get_n_playlists (f->fake));

  return ids_of (playlists);
}

static void
assert_same_ids (GArray *a,
                 GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpmem (a->data, a->len * sizeof (gint64), b->data, b->len * sizeof (gint64));
}

/* ---- lists ---- */

typedef struct
{
  FakeEnvelope envelope;
  guint n_requests;
  guint n_progress;
} EnvelopeCase;

static const EnvelopeCase envelope_cases[] = {
  { FAKE_ENVELOPE_BARE, 1, 1 },
  { FAKE_ENVELOPE_DATA, 1, 1 },
  { FAKE_ENVELOPE_PAGINATOR_LINKS, 3, 3 },
  { FAKE_ENVELOPE_PAGINATOR_FLAT, 3, 3 },
};

static void
test_envelope (Fixture       *f,
               gconstpointer  data)
{
  const EnvelopeCase *test = data;
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, };
  guint n_skipped = 99;
  guint before;

  fake_viewneo_generate (f->fake, 250, 7);
  fake_viewneo_set_page_size (f->fake, 100);
  expected = reference_ids (f);

  fake_viewneo_set_envelope (f->fake, test->envelope);
  before = fake_viewneo_get_request_count (f->fake, "/api/v1.0/playlist");
  playlists = list_playlists (f, &progress, &n_skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_skipped, ==, 0);

  ids = ids_of (playlists);
  assert_same_ids (ids, expected);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/playlist") - before, ==,
                    test->n_requests);

  g_assert_cmpuint (progress.n_calls, ==, test->n_progress);
  g_assert_cmpuint (progress.page, ==, test->n_progress);
  g_assert_cmpuint (progress.n_pages, ==, test->n_requests > 1 ? test->n_requests : 0);
  g_assert_cmpuint (progress.n_items, ==, 250);

  /* Generated items look right: names, and flags whichever way they were sent. */
  for (guint i = 0; i < playlists->len; i++)
    {
      MqPlaylist *playlist = g_ptr_array_index (playlists, i);

      g_assert_cmpstr (mq_playlist_get_name (playlist), !=, "");
      g_assert_cmpint (mq_playlist_get_updated_at_unix (playlist), !=, G_MININT64);
      g_assert_cmpuint (mq_playlist_get_number_of_entries (playlist), <=, 12);
      g_assert_null (mq_playlist_get_entries (playlist));
    }
}

static void
test_many_pages (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, };

  fake_viewneo_generate (f->fake, 1000, 3);
  expected = reference_ids (f);

  /* 143 pages, fetched four at a time: replies come back in any order. */
  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_PAGINATOR_FLAT);
  fake_viewneo_set_page_size (f->fake, 7);
  playlists = list_playlists (f, &progress, NULL, &error);
  g_assert_no_error (error);
  ids = ids_of (playlists);
  assert_same_ids (ids, expected);
  g_assert_cmpuint (progress.n_calls, ==, 143);
  g_assert_cmpuint (progress.n_pages, ==, 143);
}

static void
test_concurrency (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, };
  gint64 start;

  fake_viewneo_generate (f->fake, 100, 1);
  fake_viewneo_set_page_size (f->fake, 10);
  fake_viewneo_set_latency (f->fake, 600);

  start = g_get_monotonic_time ();
  mq_client_list_playlists_async (f->client, progress_cb, &progress, progress_free_cb,
                                  NULL, mq_test_store_result, &result);

  /* The first page says there are ten; then four go out at once... */
  while (fake_viewneo_get_request_count (f->fake, "/api/v1.0/playlist") < 5)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (progress.page, ==, 1);
  g_assert_cmpuint (progress.n_pages, ==, 10);

  /* ...and no fifth while they are under way. */
  spin (250);
  g_assert_cmpuint (progress.page, ==, 1);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/playlist"), ==, 5);

  playlists = mq_client_list_playlists_finish (f->client, mq_test_await (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (playlists->len, ==, 100);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/playlist"), ==, 10);
  /* One page, then three rounds of four, three and two: far less than ten in a row. */
  g_assert_cmpfloat (seconds_since (start), >=, 4 * 0.6);
  g_assert_cmpfloat (seconds_since (start), <, 8 * 0.6);
}

static void
test_gzip (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;

  fake_viewneo_generate (f->fake, 120, 11);
  fake_viewneo_set_page_size (f->fake, 50);
  expected = reference_ids (f);

  fake_viewneo_set_gzip (f->fake, TRUE);
  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_PAGINATOR_LINKS);
  playlists = list_playlists (f, NULL, NULL, &error);
  g_assert_no_error (error);
  ids = ids_of (playlists);
  assert_same_ids (ids, expected);
}

/* A list longer than "item-limit" fails as too large: across pages, and inside one
 * page of tiny items, which is read no further than the limit. */
static void
test_item_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;

  fake_viewneo_generate (f->fake, 120, 11);
  fake_viewneo_set_page_size (f->fake, 50);

  g_object_set (f->client, "item-limit", 120, NULL);
  playlists = list_playlists (f, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (playlists->len, ==, 120);
  g_clear_pointer (&playlists, g_ptr_array_unref);

  g_object_set (f->client, "item-limit", 119, NULL);
  playlists = list_playlists (f, NULL, NULL, &error);
  g_assert_null (playlists);
  assert_api_error (error, MQ_API_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "119"));
  g_clear_error (&error);

  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_TINY_ITEMS, 5000, 0);
  g_object_set (f->client, "item-limit", 10, NULL);
  assert_list_fails (f->client, MQ_API_ERROR_TOO_LARGE);
}

static void
test_empty_list (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, };

  fake_viewneo_generate (f->fake, 0, 1);
  playlists = list_playlists (f, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (playlists->len, ==, 0);
  g_assert_cmpuint (progress.n_calls, ==, 1);
}

static void
test_tolerant_items (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const raw[] = {
    "{\"id\": \"501\", \"name\": \"String id\", \"is_shared\": true, \"is_demo\": \"1\","
    " \"number_of_entries\": \"4\", \"label\": null, \"comment\": null, \"extra\": {\"x\": [1]}}",
    "{\"name\": \"Without id\"}",
    "{\"id\": 502}",
    "{\"id\": 503, \"name\": null}",
    "{\"id\": \"abc\", \"name\": \"Word id\"}",
    "{\"id\": 504, \"name\": \"Booleans\", \"is_default\": false, \"is_advertised\": 1,"
    " \"updated_at\": \"2024-02-03 04:05:06\", \"type\": \"1\"}",
    "[\"not\", \"an\", \"object\"]",
    "{\"id\": 505, \"name\": [\"array name\"]}",
  };
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;
  MqPlaylist *playlist;
  guint n_skipped = 0;

  fake_viewneo_generate (f->fake, 0, 1);
  for (guint i = 0; i < G_N_ELEMENTS (raw); i++)
    fake_viewneo_add_raw_playlist (f->fake, raw[i]);

  fake_viewneo_set_page_size (f->fake, 3);
  playlists = list_playlists (f, NULL, &n_skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (playlists->len, ==, 2);
  g_assert_cmpuint (n_skipped, ==, 6);

  playlist = g_ptr_array_index (playlists, 0);
  g_assert_cmpint (mq_playlist_get_id (playlist), ==, 501);
  g_assert_cmpstr (mq_playlist_get_name (playlist), ==, "String id");
  g_assert_cmpint (mq_playlist_get_flags (playlist), ==, MQ_PLAYLIST_FLAGS_SHARED | MQ_PLAYLIST_FLAGS_DEMO);
  g_assert_cmpuint (mq_playlist_get_number_of_entries (playlist), ==, 4);
  g_assert_null (mq_playlist_get_label (playlist));

  playlist = g_ptr_array_index (playlists, 1);
  g_assert_cmpint (mq_playlist_get_id (playlist), ==, 504);
  g_assert_cmpint (mq_playlist_get_flags (playlist), ==, MQ_PLAYLIST_FLAGS_ADVERTISED);
  g_assert_cmpint (mq_playlist_get_playlist_type (playlist), ==, 1);
  g_assert_cmpint (mq_playlist_get_updated_at_unix (playlist), !=, G_MININT64);
}

static void
test_page_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;

  fake_viewneo_generate (f->fake, 30, 1);
  fake_viewneo_set_page_size (f->fake, 10);
  g_object_set (f->client, "page-limit", 2, NULL);

  playlists = list_playlists (f, NULL, NULL, &error);
  assert_api_error (error, MQ_API_ERROR_PROTOCOL);
  g_assert_null (playlists);
  /* Known from the first page: nothing more was asked for. */
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/playlist"), ==, 1);
  g_clear_error (&error);

  g_object_set (f->client, "page-limit", 3, NULL);
  playlists = list_playlists (f, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (playlists->len, ==, 30);
}

/* ---- lists reusing the playlists the caller has ---- */

static GPtrArray *
list_playlists_reusing (Fixture    *f,
                        GPtrArray  *known,
                        Progress   *progress,
                        GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  Progress ignored = { 0, };
  GPtrArray *playlists;

  if (progress == NULL)
    progress = &ignored;

  mq_client_list_playlists_reusing_async (f->client, known, progress_cb, progress,
                                          progress_free_cb, NULL, mq_test_store_result, &result);
  playlists = mq_client_list_playlists_finish (f->client, mq_test_await (&result), NULL, error);
  g_assert_true (progress->freed);

  return playlists;
}

static MqPlaylist *
find_by_id (GPtrArray *playlists,
            gint64     id)
{
  for (guint i = 0; i < playlists->len; i++)
    {
      if (mq_playlist_get_id (g_ptr_array_index (playlists, i)) == id)
        return g_ptr_array_index (playlists, i);
    }

  return NULL;
}

/* Unchanged playlists come back as the very objects the caller has, over pages
 * fetched concurrently, with progress as before. */
static void
test_reusing_unchanged (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) known = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, };

  fake_viewneo_generate (f->fake, 250, 7);
  fake_viewneo_set_page_size (f->fake, 40);
  first = list_playlists (f, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 250);
  known = mq_playlist_index_new (first);

  again = list_playlists_reusing (f, known, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress.n_calls, ==, 7);
  g_assert_cmpuint (progress.n_items, ==, 250);
  g_assert_cmpuint (again->len, ==, first->len);
  for (guint i = 0; i < again->len; i++)
    g_assert_true (g_ptr_array_index (again, i) == g_ptr_array_index (first, i));

  /* The caller's array is left as it was, and the result lets go of its references. */
  g_assert_cmpuint (known->len, ==, 250);
  g_clear_pointer (&again, g_ptr_array_unref);
  g_clear_pointer (&known, g_ptr_array_unref);
  for (guint i = 0; i < first->len; i++)
    g_assert_cmpuint (G_OBJECT (g_ptr_array_index (first, i))->ref_count, ==, 1);
}

/* Changed and new playlists are new objects; unchanged ones the caller's, and a full
 * playlist (with entries) in @known is never handed back for a list item. */
static void
test_reusing_changed (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const before[] = {
    "{\"id\": 9001, \"name\": \"Eins\", \"comment\": \"gleich\", \"label\": \"blue\"}",
    "{\"id\": 9002, \"name\": \"Zwei\", \"comment\": \"vorher\"}",
    "{\"id\": 9003, \"name\": \"Drei\", \"updated_at\": \"2024-01-01 10:00:00\"}",
    "{\"id\": 9004, \"name\": \"Vier\"}",
  };
  static const char * const after[] = {
    "{\"id\": 9001, \"name\": \"Eins\", \"comment\": \"gleich\", \"label\": \"blue\"}",
    "{\"id\": 9002, \"name\": \"Zwei\", \"comment\": \"nachher\"}",
    "{\"id\": 9003, \"name\": \"Drei\", \"updated_at\": \"2024-01-01 10:00:01\"}",
    "{\"id\": 9005, \"name\": \"Fünf\"}",
  };
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) known = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(MqPlaylist) full = NULL;
  g_autoptr(GError) error = NULL;
  MqPlaylist *replaced = NULL;
  guint n_reused = 0;

  fake_viewneo_generate (f->fake, 40, 5);
  for (guint i = 0; i < G_N_ELEMENTS (before); i++)
    fake_viewneo_add_raw_playlist (f->fake, before[i]);
  fake_viewneo_set_page_size (f->fake, 7);
  first = list_playlists (f, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 44);
  known = mq_playlist_index_new (first);

  /* One of the generated ones as GET /playlist/{id} gives it, entries and all. */
  for (guint i = 0; i < known->len; i++)
    {
      MqPlaylist *playlist = g_ptr_array_index (known, i);

      if (mq_playlist_get_id (playlist) < 9000 && mq_playlist_get_number_of_entries (playlist) > 0)
        {
          replaced = playlist;
          full = get_playlist (f->client, mq_playlist_get_id (playlist), &error);
          g_assert_no_error (error);
          g_ptr_array_index (known, i) = g_object_ref (full);
          g_object_unref (playlist);
          break;
        }
    }
  g_assert_nonnull (replaced);

  fake_viewneo_generate (f->fake, 40, 5);
  for (guint i = 0; i < G_N_ELEMENTS (after); i++)
    fake_viewneo_add_raw_playlist (f->fake, after[i]);
  again = list_playlists_reusing (f, known, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 44);

  for (guint i = 0; i < again->len; i++)
    {
      MqPlaylist *playlist = g_ptr_array_index (again, i);
      gint64 id = mq_playlist_get_id (playlist);
      MqPlaylist *old = find_by_id (first, id);

      g_assert_null (mq_playlist_get_entries (playlist));
      if (id == 9002 || id == 9003 || id == 9005 || id == mq_playlist_get_id (full))
        {
          g_assert_true (playlist != old);
          g_assert_true (playlist != full);
        }
      else
        {
          g_assert_true (playlist == old);
          n_reused++;
        }
    }
  g_assert_cmpuint (n_reused, ==, 40);

  /* The server's values, and the caller's playlists untouched. */
  g_assert_cmpstr (mq_playlist_get_comment (find_by_id (again, 9002)), ==, "nachher");
  g_assert_cmpstr (mq_playlist_get_comment (find_by_id (first, 9002)), ==, "vorher");
  g_assert_cmpstr (mq_playlist_get_name (find_by_id (again, 9005)), ==, "Fünf");
  g_assert_null (find_by_id (again, 9004));
  g_assert_true (mq_playlist_equal (find_by_id (again, mq_playlist_get_id (full)), replaced));
}

/* No playlists to reuse, NULL or none: fresh objects, as the plain call gives. */
static void
test_reusing_nothing (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) empty = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GPtrArray *knowns[] = { NULL, empty };

  fake_viewneo_generate (f->fake, 60, 3);
  fake_viewneo_set_page_size (f->fake, 25);
  first = list_playlists (f, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint k = 0; k < G_N_ELEMENTS (knowns); k++)
    {
      g_autoptr(GPtrArray) again = NULL;
      Progress progress = { 0, };

      again = list_playlists_reusing (f, knowns[k], &progress, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (progress.n_calls, ==, 3);
      g_assert_cmpuint (again->len, ==, first->len);
      for (guint i = 0; i < again->len; i++)
        {
          MqPlaylist *playlist = g_ptr_array_index (again, i);

          g_assert_true (playlist != g_ptr_array_index (first, i));
          g_assert_cmpuint (G_OBJECT (playlist)->ref_count, ==, 1);
          g_assert_true (mq_playlist_equal (playlist, g_ptr_array_index (first, i)));
        }
    }
  g_assert_cmpuint (empty->len, ==, 0);
}

/* Reversed: caught at the call, cheaply (the ends only), before any request. */
static void
test_reusing_unsorted (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) reversed = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  fake_viewneo_generate (f->fake, 5, 1);
  first = list_playlists (f, NULL, NULL, &error);
  g_assert_no_error (error);
  reversed = mq_playlist_index_new (first);
  for (guint i = 0; i < reversed->len / 2; i++)
    {
      gpointer swap = g_ptr_array_index (reversed, i);

      g_ptr_array_index (reversed, i) = g_ptr_array_index (reversed, reversed->len - 1 - i);
      g_ptr_array_index (reversed, reversed->len - 1 - i) = swap;
    }

  before = fake_viewneo_get_request_count (f->fake, NULL);
  g_test_expect_message ("marquee-api", G_LOG_LEVEL_CRITICAL, "*known*");
  mq_client_list_playlists_reusing_async (f->client, reversed, NULL, NULL, NULL, NULL,
                                          NULL, NULL);
  g_test_assert_expected_messages ();
  spin (50);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, NULL), ==, before);
}

static void
test_cross_origin (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(FakeViewneo) other = fake_viewneo_new ();
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other_url = NULL;
  const FakeEnvelope envelope = GPOINTER_TO_UINT (data);

  /* Another server that would accept the token: it must never see it. */
  g_assert_true (fake_viewneo_listen (other, 0, &error));
  fake_viewneo_add_token (other, TOKEN);
  fake_viewneo_generate (other, 30, 1);
  other_url = fake_viewneo_get_url (other);

  fake_viewneo_generate (f->fake, 30, 1);
  fake_viewneo_set_page_size (f->fake, 10);
  fake_viewneo_set_envelope (f->fake, envelope);
  fake_viewneo_set_next_link_origin (f->fake, other_url);

  playlists = list_playlists (f, NULL, NULL, &error);
  assert_api_error (error, MQ_API_ERROR_PROTOCOL);
  g_assert_null (playlists);
  g_assert_cmpuint (fake_viewneo_get_request_count (other, NULL), ==, 0);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/playlist"), ==, 1);

  /* Not even to the same host by another name. */
  g_clear_pointer (&other_url, g_free);
  other_url = g_strdup_printf ("http://localhost:%u", fake_viewneo_get_port (f->fake));
  fake_viewneo_set_next_link_origin (f->fake, other_url);
  g_clear_error (&error);
  playlists = list_playlists (f, NULL, NULL, &error);
  assert_api_error (error, MQ_API_ERROR_PROTOCOL);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/playlist"), ==, 2);

  fake_viewneo_shutdown (other);
}

/* ---- single objects ---- */

static void
test_playlist_entries (Fixture       *f,
                       gconstpointer  data)
{
  const char *key = data;
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;
  guint n_checked = 0;

  fake_viewneo_generate (f->fake, 40, 5);
  fake_viewneo_set_entries_key (f->fake, key);
  playlists = list_playlists (f, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Bare objects (flat) and {"data": {...}} (links) alike. */
  for (guint i = 0; i < playlists->len && n_checked < 6; i++)
    {
      MqPlaylist *listed = g_ptr_array_index (playlists, i);
      g_autoptr(MqPlaylist) playlist = NULL;
      GListModel *entries;
      guint64 total = 0;
      int last_index = G_MININT;

      if (mq_playlist_get_number_of_entries (listed) < 2)
        continue;

      fake_viewneo_set_envelope (f->fake, n_checked % 2 ? FAKE_ENVELOPE_PAGINATOR_FLAT
                                                        : FAKE_ENVELOPE_PAGINATOR_LINKS);
      playlist = get_playlist (f->client, mq_playlist_get_id (listed), &error);
      g_assert_no_error (error);
      g_assert_cmpint (mq_playlist_get_id (playlist), ==, mq_playlist_get_id (listed));
      g_assert_cmpstr (mq_playlist_get_name (playlist), ==, mq_playlist_get_name (listed));

      entries = mq_playlist_get_entries (playlist);
      g_assert_nonnull (entries);
      g_assert_cmpuint (g_list_model_get_n_items (entries), ==, mq_playlist_get_number_of_entries (listed));
      for (guint j = 0; j < g_list_model_get_n_items (entries); j++)
        {
          g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, j);
          gboolean is_media = mq_playlist_entry_get_media_file_id (entry) != 0;
          gboolean is_nested = mq_playlist_entry_get_nested_playlist_id (entry) != 0;

          g_assert_cmpint (mq_playlist_entry_get_index (entry), >=, last_index);
          last_index = mq_playlist_entry_get_index (entry);
          total += mq_playlist_entry_get_duration (entry);
          g_assert_true (is_media != is_nested);
          g_assert_cmpint (mq_playlist_entry_get_playlist_id (entry), ==, mq_playlist_get_id (playlist));
          if (is_media)
            {
              g_assert_nonnull (mq_playlist_entry_get_media_file (entry));
              g_assert_cmpint (mq_media_file_get_id (mq_playlist_entry_get_media_file (entry)), ==,
                               mq_playlist_entry_get_media_file_id (entry));
            }
        }
      g_assert_cmpuint (mq_playlist_get_total_duration (playlist), ==, total);
      n_checked++;
    }

  g_assert_cmpuint (n_checked, ==, 6);
}

static void
test_playlist_not_found (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MqPlaylist) playlist = NULL;
  g_autoptr(GError) error = NULL;

  fake_viewneo_generate (f->fake, 5, 1);
  playlist = get_playlist (f->client, 987654321, &error);
  g_assert_null (playlist);
  assert_api_error (error, MQ_API_ERROR_NOT_FOUND);
}

static void
test_device_groups (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  guint n_playing = 0;

  fake_viewneo_generate (f->fake, 60, 9);
  fake_viewneo_set_page_size (f->fake, 4);
  playlists = list_playlists (f, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < playlists->len; i++)
    {
      MqPlaylist *playlist = g_ptr_array_index (playlists, i);
      gint64 *id = g_new (gint64, 1);

      *id = mq_playlist_get_id (playlist);
      g_hash_table_insert (names, id, (gpointer) mq_playlist_get_name (playlist));
    }

  groups = list_device_groups (f->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 6);

  for (guint i = 0; i < groups->len; i++)
    {
      MqDeviceGroup *group = g_ptr_array_index (groups, i);
      gint64 playlist_id = mq_device_group_get_playlist_id (group);

      g_assert_cmpint (mq_device_group_get_id (group), >, 0);
      g_assert_cmpstr (mq_device_group_get_name (group), !=, "");
      g_assert_cmpint (mq_device_group_get_device_count (group), >=, 1);
      if (playlist_id != 0)
        {
          g_assert_cmpstr (mq_device_group_get_playlist_name (group), ==,
                           g_hash_table_lookup (names, &playlist_id));
          n_playing++;
        }
      else
        g_assert_null (mq_device_group_get_playlist_name (group));
    }
  g_assert_cmpuint (n_playing, >, 0);
}

/* Every group's screens, across pages, each in a group the group list has. */
static void
test_devices (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GAsyncResult) device_result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_skipped = G_MAXUINT;
  guint n_expected = 0;

  fake_viewneo_generate (f->fake, 60, 9);
  fake_viewneo_set_page_size (f->fake, 7);

  groups = list_device_groups (f->client, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < groups->len; i++)
    {
      MqDeviceGroup *group = g_ptr_array_index (groups, i);

      g_hash_table_insert (counts, g_memdup2 (&(gint64) { mq_device_group_get_id (group) }, sizeof (gint64)),
                           GUINT_TO_POINTER (0));
      n_expected += (guint) mq_device_group_get_device_count (group);
    }

  mq_client_list_devices_async (f->client, NULL, mq_test_store_result, &device_result);
  devices = mq_client_list_devices_finish (f->client, mq_test_await (&device_result), &n_skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_skipped, ==, 0);
  g_assert_cmpuint (devices->len, ==, n_expected);
  /* Pages of 7: more than one request ("/device" also counts "/devicegroup"). */
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/device") -
                    fake_viewneo_get_request_count (f->fake, "/api/v1.0/devicegroup"), >, 1);

  for (guint i = 0; i < devices->len; i++)
    {
      MqDevice *device = g_ptr_array_index (devices, i);
      gint64 group_id = mq_device_get_device_group_id (device);
      gpointer count;

      g_assert_cmpint (mq_device_get_id (device), >, 0);
      g_assert_cmpstr (mq_device_get_name (device), !=, "");
      g_assert_cmpint (mq_device_get_online (device), !=, MQ_DEVICE_ONLINE_UNKNOWN);
      g_assert_true (g_hash_table_lookup_extended (counts, &group_id, NULL, &count));
      g_hash_table_insert (counts, g_memdup2 (&group_id, sizeof group_id),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
    }

  /* Each group has as many screens as it says. */
  for (guint i = 0; i < groups->len; i++)
    {
      MqDeviceGroup *group = g_ptr_array_index (groups, i);
      gint64 id = mq_device_group_get_id (group);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id)), ==,
                        mq_device_group_get_device_count (group));
    }
}

static MqPlaylist *
resolve_from_table_cb (gint64   id,
                       gpointer data)
{
  return g_hash_table_lookup (data, &id);
}

/* The demo's screen group: its playlist, fetched through the client, changes what it
 * plays within the minute after the fake's start, and has an entry of each kind. */
static void
test_schedule_showcase (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) in_a_minute = g_date_time_add_seconds (now, 61);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GHashTable) playlists = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(GDateTime) change = NULL;
  g_autoptr(GError) error = NULL;
  MqDeviceGroup *group;
  MqScheduleSummary summary;
  MqPlaylist *showcase;
  GListModel *entries;
  guint n_states[4] = { 0, };

  fake_viewneo_generate (f->fake, 10, 3);
  fake_viewneo_add_schedule_showcase (f->fake, now);

  groups = list_device_groups (f->client, &error);
  g_assert_no_error (error);
  group = g_ptr_array_index (groups, 0);
  g_assert_cmpint (mq_device_group_get_device_count (group), ==, 2);

  /* The playlist it plays, and the one nested in it. */
  for (gint64 id = mq_device_group_get_playlist_id (group); id != 0; )
    {
      MqPlaylist *playlist;
      gint64 nested = 0;

      playlist = get_playlist (f->client, id, &error);
      g_assert_no_error (error);
      g_hash_table_insert (playlists, g_memdup2 (&id, sizeof id), playlist);
      entries = mq_playlist_get_entries (playlist);
      for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
        {
          g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, i);

          if (mq_playlist_entry_get_nested_playlist_id (entry) != 0 &&
              !g_hash_table_contains (playlists, &(gint64) { mq_playlist_entry_get_nested_playlist_id (entry) }))
            nested = mq_playlist_entry_get_nested_playlist_id (entry);
        }
      id = nested;
    }
  showcase = g_hash_table_lookup (playlists, &(gint64) { mq_device_group_get_playlist_id (group) });
  g_assert_nonnull (showcase);

  entries = mq_playlist_get_entries (showcase);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, i);

      n_states[mq_schedule_entry_get_state (entry)]++;
    }
  g_assert_cmpuint (n_states[MQ_SCHEDULE_STATE_UNKNOWN], ==, 1);
  g_assert_cmpuint (n_states[MQ_SCHEDULE_STATE_ALWAYS], >=, 1);
  g_assert_cmpuint (n_states[MQ_SCHEDULE_STATE_NEVER], ==, 1);
  g_assert_cmpuint (n_states[MQ_SCHEDULE_STATE_SCHEDULED], >=, 8);

  active = mq_schedule_active_entries (showcase, resolve_from_table_cb, playlists, local, now, &summary);
  g_assert_cmpuint (active->len, >, 0);
  g_assert_cmpuint (summary.n_unresolved, ==, 0);
  g_assert_cmpuint (summary.n_unknown, ==, 1);

  change = mq_schedule_next_change (showcase, resolve_from_table_cb, playlists, local, now, in_a_minute);
  g_assert_nonnull (change);
}

static void
test_user (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;

  fake_viewneo_set_user (f->fake, 4711, "Max Müller", "max@example.com");
  for (guint i = 0; i < 2; i++)
    {
      /* Wrapped in {"data"} (links) and bare (flat). */
      fake_viewneo_set_envelope (f->fake, i == 0 ? FAKE_ENVELOPE_PAGINATOR_LINKS
                                                 : FAKE_ENVELOPE_PAGINATOR_FLAT);
      g_clear_object (&result);
      g_clear_object (&user);
      mq_client_get_user_async (f->client, NULL, mq_test_store_result, &result);
      user = mq_client_get_user_finish (f->client, mq_test_await (&result), &error);
      g_assert_no_error (error);
      g_assert_cmpint (mq_user_get_id (user), ==, 4711);
      g_assert_cmpstr (mq_user_get_display_name (user), ==, "Max Müller");
      g_assert_cmpstr (mq_user_get_email (user), ==, "max@example.com");
      g_assert_cmpint (mq_user_get_company_id (user), >, 0);
      g_assert_cmpstr (mq_user_get_company_name (user), ==, "Musterfirma GmbH & Co. KG");
    }
}

static void
test_thumbnail (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;
  gint64 media_file_id = 0;

  fake_viewneo_generate (f->fake, 10, 2);
  playlists = list_playlists (f, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < playlists->len && media_file_id == 0; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(MqPlaylist) playlist = NULL;
      GListModel *entries;

      playlist = get_playlist (f->client, mq_playlist_get_id (g_ptr_array_index (playlists, i)), &error);
      g_assert_no_error (error);
      entries = mq_playlist_get_entries (playlist);
      for (guint j = 0; j < g_list_model_get_n_items (entries) && media_file_id == 0; j++)
        {
          g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, j);

          media_file_id = mq_playlist_entry_get_media_file_id (entry);
        }
    }
  g_assert_cmpint (media_file_id, >, 0);

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GBytes) bytes = NULL;
    gsize length;
    const guint8 *png;

    mq_client_get_thumbnail_async (f->client, media_file_id, NULL, mq_test_store_result, &result);
    bytes = mq_client_get_thumbnail_finish (f->client, mq_test_await (&result), &error);
    g_assert_no_error (error);
    png = g_bytes_get_data (bytes, &length);
    g_assert_cmpuint (length, >, 8);
    g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);
  }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GBytes) bytes = NULL;

    mq_client_get_thumbnail_async (f->client, 999999999, NULL, mq_test_store_result, &result);
    bytes = mq_client_get_thumbnail_finish (f->client, mq_test_await (&result), &error);
    g_assert_null (bytes);
    assert_api_error (error, MQ_API_ERROR_NOT_FOUND);
  }
}

/* ---- errors ---- */

static MqUser *
get_user (MqClient      *client,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mq_client_get_user_async (client, cancellable, mq_test_store_result, &result);
  return mq_client_get_user_finish (client, mq_test_await (&result), error);
}

typedef struct
{
  FakeFault fault;
  MqApiError code;
} FaultCase;

static const FaultCase fault_cases[] = {
  { FAKE_FAULT_FORBIDDEN, MQ_API_ERROR_FORBIDDEN },
  { FAKE_FAULT_NOT_FOUND, MQ_API_ERROR_NOT_FOUND },
  { FAKE_FAULT_SERVER_ERROR, MQ_API_ERROR_SERVER },
  { FAKE_FAULT_MALFORMED_JSON, MQ_API_ERROR_PROTOCOL },
  { FAKE_FAULT_WRONG_TYPES, MQ_API_ERROR_PROTOCOL },
  { FAKE_FAULT_DROP, MQ_API_ERROR_NETWORK },
  { FAKE_FAULT_HTML_LOGIN, MQ_API_ERROR_PROTOCOL },
};

static void
test_fault (Fixture       *f,
            gconstpointer  data)
{
  const FaultCase *test = data;
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;

  fake_viewneo_generate (f->fake, 30, 1);
  fake_viewneo_set_page_size (f->fake, 10);

  /* On the first page, and on a later one of several under way. */
  for (guint on_page = 1; on_page <= 2; on_page++)
    {
      guint before = fake_viewneo_get_request_count (f->fake, NULL);

      fake_viewneo_clear_faults (f->fake);
      /* A slow fault of no delay lets the first page through untouched. */
      if (on_page == 2)
        fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_SLOW, 0, 1);
      fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", test->fault, 0, 0);

      g_clear_pointer (&playlists, g_ptr_array_unref);
      g_clear_error (&error);
      playlists = list_playlists (f, NULL, NULL, &error);
      g_assert_null (playlists);
      assert_api_error (error, test->code);
      /* Never retried: none of these gets better by asking again at once. After the
       * first page, at most the four pages under way were asked for. */
      if (on_page == 1)
        g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, NULL) - before, ==, 1);
      else
        g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, NULL) - before, <=, 5);
    }

  if (test->fault == FAKE_FAULT_HTML_LOGIN)
    {
      g_assert_nonnull (strstr (error->message, "login page"));
      /* The redirect was not followed. */
      g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/login"), ==, 0);
    }
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;

  /* 401 whatever the token: one refresh, one more try, then the error. */
  fake_viewneo_add_fault (f->fake, "/api/v1.0/user", FAKE_FAULT_UNAUTHORIZED, 0, 0);
  user = get_user (f->client, NULL, &error);
  g_assert_null (user);
  assert_api_error (error, MQ_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (f->provider->n_calls, ==, 2);
  g_assert_cmpuint (f->provider->rejected->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->provider->rejected, 0), ==, TOKEN);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/user"), ==, 2);
}

static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;

  /* The first token has been revoked; the refreshed one works. */
  fake_viewneo_revoke_token (f->fake, TOKEN);
  fake_viewneo_add_token (f->fake, NEW_TOKEN);
  user = get_user (f->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  g_assert_cmpuint (f->provider->n_calls, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->provider->rejected, 0), ==, TOKEN);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/user"), ==, 2);
}

static void
test_static_provider (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MqStaticTokenProvider) provider = mq_static_token_provider_new ("not-a-token");
  g_autoptr(MqClient) client = mq_client_new (f->url, MQ_TOKEN_PROVIDER (provider));
  g_autoptr(MqStaticTokenProvider) good_provider = mq_static_token_provider_new (TOKEN);
  g_autoptr(MqClient) good_client = mq_client_new (f->url, MQ_TOKEN_PROVIDER (good_provider));
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;

  /* It cannot refresh: a refused token is the end of it, after one request. */
  user = get_user (client, NULL, &error);
  g_assert_null (user);
  assert_api_error (error, MQ_API_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, "not-a-token"));
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/user"), ==, 1);
  g_clear_error (&error);

  user = get_user (good_client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mq_user_get_id (user), ==, 42);
}

static void
test_rate_limit_then_success (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  fake_viewneo_add_fault (f->fake, "/api/v1.0/user", FAKE_FAULT_RATE_LIMIT, 1, 1);
  user = get_user (f->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/user"), ==, 2);
  /* It waited as told. */
  g_assert_cmpfloat (seconds_since (start), >=, 1.0);
}

static void
test_rate_limit_exhausted (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (f->client, "max-retries", 2, NULL);
  fake_viewneo_add_fault (f->fake, "/api/v1.0/user", FAKE_FAULT_RATE_LIMIT, 0, 0);
  user = get_user (f->client, NULL, &error);
  g_assert_null (user);
  assert_api_error (error, MQ_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/user"), ==, 3);
}

static void
test_rate_limit_too_long (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Longer than the client will wait: it gives up at once and says when to try. */
  g_object_set (f->client, "max-retry-after", 5, NULL);
  fake_viewneo_add_fault (f->fake, "/api/v1.0/user", FAKE_FAULT_RATE_LIMIT, 120, 0);
  user = get_user (f->client, NULL, &error);
  assert_api_error (error, MQ_API_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "120"));
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/user"), ==, 1);
  g_assert_cmpfloat (seconds_since (start), <, 1.0);
}

static void
test_rate_limit_cancelled (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Cancelling ends the wait, not only the next request. */
  fake_viewneo_add_fault (f->fake, "/api/v1.0/user", FAKE_FAULT_RATE_LIMIT, 30, 0);
  g_timeout_add (200, cancel_later, cancellable);
  user = get_user (f->client, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (seconds_since (start), <, 5.0);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/user"), ==, 1);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  fake_viewneo_generate (f->fake, 30, 1);
  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_SLOW, 10000, 0);
  g_timeout_add (200, cancel_later, cancellable);
  playlists = list_playlists_full (f->client, NULL, cancellable, NULL, &error);
  g_assert_null (playlists);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (seconds_since (start), <, 5.0);

  /* Cancelled before it starts. */
  g_clear_error (&error);
  playlists = list_playlists_full (f->client, NULL, cancellable, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_cancel_concurrent (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* With pages under way at once, every one of them stops. */
  fake_viewneo_generate (f->fake, 100, 1);
  fake_viewneo_set_page_size (f->fake, 10);
  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_SLOW, 0, 1);
  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_SLOW, 10000, 0);
  g_timeout_add (500, cancel_later, cancellable);
  playlists = list_playlists_full (f->client, NULL, cancellable, NULL, &error);
  g_assert_null (playlists);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (seconds_since (start), <, 5.0);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  mq_client_set_timeout (f->client, 1);
  fake_viewneo_add_fault (f->fake, "/api/v1.0/user", FAKE_FAULT_SLOW, 4000, 0);
  user = get_user (f->client, NULL, &error);
  g_assert_null (user);
  assert_api_error (error, MQ_API_ERROR_NETWORK);
  g_assert_cmpfloat (seconds_since (start), >=, 0.9);
  g_assert_cmpfloat (seconds_since (start), <, 3.5);
}

static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;

  /* Nobody listens there any more. */
  fake_viewneo_shutdown (f->fake);
  user = get_user (f->client, NULL, &error);
  g_assert_null (user);
  assert_api_error (error, MQ_API_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

static void
test_size_cap (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;
  guint n_skipped = 0;

  g_object_set (f->client, "max-response-size", (guint64) 2 * 1024 * 1024, NULL);

  /* Within the cap. */
  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_HUGE, 1, 1);
  playlists = list_playlists (f, NULL, &n_skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (playlists->len, >, 500);
  g_assert_cmpuint (n_skipped, ==, 0);
  g_clear_pointer (&playlists, g_ptr_array_unref);

  /* Beyond it, said by Content-Length. */
  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_HUGE, 3, 1);
  assert_list_fails (f->client, MQ_API_ERROR_TOO_LARGE);

  /* Beyond it only once unpacked: counted as read, not as sent. */
  fake_viewneo_set_gzip (f->fake, TRUE);
  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_HUGE, 3, 1);
  assert_list_fails (f->client, MQ_API_ERROR_TOO_LARGE);
}

static void
test_invalid_server (void)
{
  g_autoptr(TestTokenProvider) provider = test_token_provider_new (TOKEN, NULL);
  g_autoptr(MqClient) client = mq_client_new ("http://cloud.viewneo.com", MQ_TOKEN_PROVIDER (provider));
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, };

  playlists = list_playlists_full (client, &progress, NULL, NULL, &error);
  g_assert_null (playlists);
  assert_api_error (error, MQ_API_ERROR_INVALID_SERVER);
  g_assert_cmpuint (progress.n_calls, ==, 0);
  g_clear_error (&error);

  user = get_user (client, NULL, &error);
  assert_api_error (error, MQ_API_ERROR_INVALID_SERVER);
  /* No token was even asked for. */
  g_assert_cmpuint (provider->n_calls, ==, 0);
}

static void
test_server_url_normalized (void)
{
  g_autoptr(TestTokenProvider) provider = test_token_provider_new (TOKEN, NULL);
  g_autoptr(MqClient) client = mq_client_new ("HTTPS://Cloud.Viewneo.com/", MQ_TOKEN_PROVIDER (provider));
  guint limit = 0;
  guint64 size = 0;
  guint retries = 0, timeout = 0, retry_after = 0;

  g_assert_cmpstr (mq_client_get_server_url (client), ==, "https://cloud.viewneo.com");
  g_assert_true (mq_client_get_token_provider (client) == MQ_TOKEN_PROVIDER (provider));

  g_object_get (client, "page-limit", &limit, "max-response-size", &size, "max-retries", &retries,
                "timeout", &timeout, "max-retry-after", &retry_after, NULL);
  g_assert_cmpuint (limit, ==, 1000);
  g_assert_cmpuint (size, ==, 64 * 1024 * 1024);
  g_assert_cmpuint (retries, ==, 3);
  g_assert_cmpuint (timeout, ==, 30);
  g_assert_cmpuint (retry_after, ==, 60);
}

/* ---- a scripted server, for what the fake never sends ---- */

typedef struct
{
  const char *target;       /* "path" or "path?query" */
  guint status;
  const char *content_type;
  const char *body;         /* "%s" becomes the server's URL, "%a" its host:port */
  const char *header_name;
  const char *header_value;
} Answer;

typedef struct
{
  SoupServer *server;
  char *url;
  const Answer *answers;
  GPtrArray *targets;       /* what was asked for, in order */
  char *accept;
  char *authorization;
  char *user_agent;
} Scripted;

static char *
replace_all (const char *text,
             const char *placeholder,
             const char *replacement)
{
  g_auto(GStrv) parts = g_strsplit (text, placeholder, -1);

  return g_strjoinv (replacement, parts);
}

static char *
replace_all_free (char       *text,
                  const char *placeholder,
                  const char *replacement)
{
  char *result = replace_all (text, placeholder, replacement);

  g_free (text);
  return result;
}

static void
scripted_request (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  Scripted *s = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  g_autofree char *target = g_uri_get_query (uri) != NULL
                            ? g_strdup_printf ("%s?%s", path, g_uri_get_query (uri))
                            : g_strdup (path);

  g_ptr_array_add (s->targets, g_strdup (target));
  g_free (s->accept);
  s->accept = g_strdup (soup_message_headers_get_one (request_headers, "Accept"));
  g_free (s->authorization);
  s->authorization = g_strdup (soup_message_headers_get_one (request_headers, "Authorization"));
  g_free (s->user_agent);
  s->user_agent = g_strdup (soup_message_headers_get_one (request_headers, "User-Agent"));

  for (const Answer *answer = s->answers; answer->target != NULL; answer++)
    {
      g_autofree char *body = NULL;

      if (!g_str_equal (answer->target, target))
        continue;

      /* The server's own URL stands where the script says "%s", its host and
       * port where it says "%a". */
      body = replace_all (answer->body, "%s", s->url);
      body = replace_all_free (body, "%a", s->url + strlen ("http://"));
      soup_server_message_set_status (msg, answer->status, NULL);
      if (answer->header_name != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      answer->header_name, answer->header_value);
      soup_server_message_set_response (msg, answer->content_type, SOUP_MEMORY_COPY,
                                        body, strlen (body));
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static Scripted *
scripted_new (const Answer *answers)
{
  Scripted *s = g_new0 (Scripted, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  s->answers = answers;
  s->targets = g_ptr_array_new_with_free_func (g_free);
  s->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (s->server, NULL, scripted_request, s, NULL);
  g_assert_true (soup_server_listen_local (s->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (s->server);
  s->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  return s;
}

static void
scripted_free (Scripted *s)
{
  soup_server_disconnect (s->server);
  g_object_unref (s->server);
  g_ptr_array_unref (s->targets);
  g_free (s->url);
  g_free (s->accept);
  g_free (s->authorization);
  g_free (s->user_agent);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scripted, scripted_free)

static MqClient *
scripted_client (Scripted *s)
{
  g_autoptr(TestTokenProvider) provider = test_token_provider_new (TOKEN, NULL);

  return mq_client_new (s->url, MQ_TOKEN_PROVIDER (provider));
}

static void
test_next_links (void)
{
  /* No page numbers at all: next links one after another, relative and absolute. */
  static const Answer answers[] = {
    { "/api/v1.0/playlist", 200, "application/json",
      "{\"data\": [{\"id\": 1, \"name\": \"a\"}], \"links\": {\"next\": \"%s/api/v1.0/playlist?cursor=x2\"}}" },
    { "/api/v1.0/playlist?cursor=x2", 200, "application/json",
      "{\"data\": [{\"id\": 2, \"name\": \"b\"}, {\"id\": 3}], \"next_page_url\": \"/api/v1.0/playlist?cursor=x3\"}" },
    { "/api/v1.0/playlist?cursor=x3", 200, "application/json; charset=utf-8",
      "{\"data\": [{\"id\": 4, \"name\": \"c\"}], \"links\": {\"next\": null}}" },
    { NULL }
  };
  g_autoptr(Scripted) s = scripted_new (answers);
  g_autoptr(MqClient) client = scripted_client (s);
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *user_agent = g_strdup_printf ("Marquee/%s", PACKAGE_VERSION);
  Progress progress = { 0, };
  guint n_skipped = 0;

  playlists = list_playlists_full (client, &progress, NULL, &n_skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (playlists->len, ==, 3);
  g_assert_cmpint (mq_playlist_get_id (g_ptr_array_index (playlists, 2)), ==, 4);
  g_assert_cmpuint (n_skipped, ==, 1);
  g_assert_cmpuint (s->targets->len, ==, 3);
  g_assert_cmpuint (progress.n_calls, ==, 3);
  g_assert_cmpuint (progress.n_pages, ==, 0);

  /* What every request carries. */
  g_assert_cmpstr (s->accept, ==, "application/json");
  g_assert_cmpstr (s->authorization, ==, "Bearer " TOKEN);
  g_assert_cmpstr (s->user_agent, ==, user_agent);
}

static void
test_next_link_loop (void)
{
  /* A server whose next link points back at the same page forever. */
  static const Answer answers[] = {
    { "/api/v1.0/playlist", 200, "application/json",
      "{\"data\": [{\"id\": 1, \"name\": \"a\"}], \"next_page_url\": \"%s/api/v1.0/playlist\"}" },
    { NULL }
  };
  g_autoptr(Scripted) s = scripted_new (answers);
  g_autoptr(MqClient) client = scripted_client (s);

  /* Stopped at the first link to a page already fetched, well before the limit. */
  g_object_set (client, "page-limit", 5, NULL);
  assert_list_fails (client, MQ_API_ERROR_PROTOCOL);
  g_assert_cmpuint (s->targets->len, ==, 1);
}

static void
test_next_link_credentials (void)
{
  /* Same origin, but with a user name and password for libsoup to send. */
  static const Answer answers[] = {
    { "/api/v1.0/playlist", 200, "application/json",
      "{\"data\": [{\"id\": 1, \"name\": \"a\"}], \"next_page_url\": \"http://admin:pw@%a/x\"}" },
    { NULL }
  };
  g_autoptr(Scripted) s = scripted_new (answers);
  g_autoptr(MqClient) client = scripted_client (s);

  assert_list_fails (client, MQ_API_ERROR_PROTOCOL);
  g_assert_cmpuint (s->targets->len, ==, 1);
}

static void
test_wrong_page (void)
{
  /* A server that ignores ?page: page numbers would repeat the first page. */
  static const Answer answers[] = {
    { "/api/v1.0/playlist", 200, "application/json",
      "{\"data\": [{\"id\": 1, \"name\": \"a\"}], \"current_page\": 1, \"last_page\": 2,"
      " \"next_page_url\": \"%s/api/v1.0/playlist?page=2\"}" },
    { "/api/v1.0/playlist?page=2", 200, "application/json",
      "{\"data\": [{\"id\": 1, \"name\": \"a\"}], \"current_page\": 1, \"last_page\": 2}" },
    { NULL }
  };
  g_autoptr(Scripted) s = scripted_new (answers);
  g_autoptr(MqClient) client = scripted_client (s);

  assert_list_fails (client, MQ_API_ERROR_PROTOCOL);
}

static void
test_page_query_kept (void)
{
  /* Pages by number keep the other parameters of the next link. */
  static const Answer answers[] = {
    { "/api/v1.0/playlist", 200, "application/json",
      "{\"data\": [{\"id\": 1, \"name\": \"a\"}], \"current_page\": 1, \"last_page\": 3,"
      " \"next_page_url\": \"%s/api/v1.0/playlist?per_page=1&page=2\"}" },
    { "/api/v1.0/playlist?per_page=1&page=2", 200, "application/json",
      "{\"data\": [{\"id\": 2, \"name\": \"b\"}], \"current_page\": 2, \"last_page\": 3}" },
    { "/api/v1.0/playlist?per_page=1&page=3", 200, "application/json",
      "{\"data\": [{\"id\": 3, \"name\": \"c\"}], \"current_page\": \"3\", \"last_page\": 3}" },
    { NULL }
  };
  g_autoptr(Scripted) s = scripted_new (answers);
  g_autoptr(MqClient) client = scripted_client (s);
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;

  playlists = list_playlists_full (client, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (playlists->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (mq_playlist_get_id (g_ptr_array_index (playlists, i)), ==, i + 1);
}

static void
test_login_page (void)
{
  static const Answer answers[] = {
    /* Laravel's login page, with a 200. */
    { "/api/v1.0/user", 200, "text/html; charset=UTF-8",
      "<!DOCTYPE html><html><body><form action=\"/login\"></form></body></html>" },
    /* The same, claiming to be JSON. */
    { "/api/v1.0/playlist", 200, "application/json", "\n  <!DOCTYPE html><html></html>" },
    /* Any other redirect, not followed. */
    { "/api/v1.0/devicegroup", 301, "text/plain", "moved", "Location", "/elsewhere" },
    { NULL }
  };
  g_autoptr(Scripted) s = scripted_new (answers);
  g_autoptr(MqClient) client = scripted_client (s);
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = get_user (client, NULL, &error);
  assert_api_error (error, MQ_API_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "login page"));
  g_clear_error (&error);

  playlists = list_playlists_full (client, NULL, NULL, NULL, &error);
  assert_api_error (error, MQ_API_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "login page"));
  g_clear_error (&error);

  groups = list_device_groups (client, &error);
  assert_api_error (error, MQ_API_ERROR_PROTOCOL);
  g_assert_cmpuint (s->targets->len, ==, 3);
}

static void
test_unexpected_status (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;

  fake_viewneo_add_answer (f->fake, "/api/v1.0/user", 418, "application/json",
                           "{\"message\": \"I'm a teapot\"}", 0);
  fake_viewneo_add_answer (f->fake, "/api/v1.0/playlist", 503, "text/html", "<html>down</html>", 0);

  user = get_user (f->client, NULL, &error);
  assert_api_error (error, MQ_API_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "418"));
  g_clear_error (&error);

  /* A 5xx is a server error even with an HTML body. */
  playlists = list_playlists (f, NULL, NULL, &error);
  assert_api_error (error, MQ_API_ERROR_SERVER);
}

static void
test_rate_limit_without_header (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  fake_viewneo_add_answer (f->fake, "/api/v1.0/user", 429, "application/json",
                           "{\"message\": \"Too Many Attempts.\"}", 0);

  /* A short backoff of its own: 1 s, then 2 s. */
  g_object_set (f->client, "max-retries", 2, NULL);
  user = get_user (f->client, NULL, &error);
  assert_api_error (error, MQ_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/user"), ==, 3);
  g_assert_cmpfloat (seconds_since (start), >=, 3.0);
}

static void
test_rate_limit_http_date (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, 600);
  g_autofree char *date = soup_date_time_to_string (soon, SOUP_DATE_HTTP);
  Answer answers[] = {
    { "/api/v1.0/user", 429, "application/json", "{}", "Retry-After", date },
    { NULL }
  };
  g_autoptr(Scripted) s = scripted_new (answers);
  g_autoptr(MqClient) client = scripted_client (s);
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;

  /* Ten minutes from now, as a date: beyond what the client waits, so it stops at once
   * and says how long. */
  user = get_user (client, NULL, &error);
  assert_api_error (error, MQ_API_ERROR_RATE_LIMITED);
  g_assert_true (strstr (error->message, "600") != NULL || strstr (error->message, "599") != NULL);
  g_assert_cmpuint (s->targets->len, ==, 1);
}

/* ---- answers no real server sends, to every single-object call ---- */

/* What a broken proxy or a server in trouble may answer a GET of one object with. */
typedef struct
{
  const char *name;
  guint status;
  const char *content_type;
  const char *body;
  const char *message_part;  /* in the error's message: says what happened */
} OddAnswer;

static const OddAnswer odd_answers[] = {
  { "empty", SOUP_STATUS_OK, "application/json", "", "empty response" },
  { "blank", SOUP_STATUS_OK, "application/json", " \r\n", "empty response" },
  { "null", SOUP_STATUS_OK, "application/json", "null", "something other than" },
  { "array", SOUP_STATUS_OK, "application/json", "[]", "something other than" },
  { "string", SOUP_STATUS_OK, "application/json", "\"text\"", "something other than" },
  { "object", SOUP_STATUS_OK, "application/json", "{}", "no valid id" },
  { "data-null", SOUP_STATUS_OK, "application/json", "{\"data\": null}", "no valid id" },
  { "no-content", SOUP_STATUS_NO_CONTENT, NULL, NULL, "empty response" },
  { "html", SOUP_STATUS_OK, "text/html; charset=UTF-8", "<!DOCTYPE html><html></html>", "login page" },
};

typedef enum
{
  SINGLE_USER,
  SINGLE_PLAYLIST,
} SingleCall;

typedef struct
{
  SingleCall call;
  const OddAnswer *answer;
} OddAnswerCase;

static gboolean
flag_timed_out (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The call ends with a PROTOCOL error that says what happened; it does not hang (a
 * deadline instead of waiting for ever) and logs no CRITICAL (fatal in this suite). */
static void
test_odd_answer (Fixture       *f,
                 gconstpointer  data)
{
  const OddAnswerCase *test = data;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) object = NULL;
  const char *prefix = test->call == SINGLE_USER ? "/api/v1.0/user" : "/api/v1.0/playlist/1001";
  gboolean timed_out = FALSE;
  guint timeout_id;

  fake_viewneo_generate (f->fake, 1, 1);
  fake_viewneo_add_answer (f->fake, prefix, test->answer->status, test->answer->content_type,
                           test->answer->body, 0);

  if (test->call == SINGLE_USER)
    mq_client_get_user_async (f->client, NULL, mq_test_store_result, &result);
  else
    mq_client_get_playlist_async (f->client, 1001, NULL, mq_test_store_result, &result);

  timeout_id = g_timeout_add_seconds (20, flag_timed_out, &timed_out);
  while (result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);

  if (test->call == SINGLE_USER)
    object = G_OBJECT (mq_client_get_user_finish (f->client, result, &error));
  else
    object = G_OBJECT (mq_client_get_playlist_finish (f->client, result, &error));

  g_assert_null (object);
  assert_api_error (error, MQ_API_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, test->answer->message_part));
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, prefix), ==, 1);
}

/* ---- TLS ---- */

/* What the https server saw: the requests that got through, and the connections it
 * accepted, each as its first message, held so that the message's "disconnected" still
 * reaches us once libsoup has let go of it. */
typedef struct
{
  guint n_requests;
  GPtrArray *accepted;
  guint n_disconnected;
} TlsServerLog;

static void
count_request (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  TlsServerLog *server_log = user_data;

  server_log->n_requests++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static void
tls_disconnected_cb (SoupServerMessage *msg,
                     gpointer           user_data)
{
  TlsServerLog *server_log = user_data;

  server_log->n_disconnected++;
}

/* For a new connection this comes as it is accepted, before its handshake. */
static void
tls_request_started_cb (SoupServer        *server,
                        SoupServerMessage *msg,
                        gpointer           user_data)
{
  TlsServerLog *server_log = user_data;

  g_ptr_array_add (server_log->accepted, g_object_ref (msg));
  g_signal_connect (msg, "disconnected", G_CALLBACK (tls_disconnected_cb), server_log);
}

/* The fake viewneo over https, with a certificate from a CA made for this test. */
static FakeViewneo *
start_tls_fake (FakeTestCa *ca)
{
  g_autoptr(FakeViewneo) fake = fake_viewneo_new ();
  g_autoptr(GError) error = NULL;

  fake_viewneo_listen_tls (fake, 0, fake_test_ca_get_server_certificate (ca), &error);
  g_assert_no_error (error);
  fake_viewneo_add_token (fake, TOKEN);
  fake_viewneo_generate (fake, 250, 1);
  fake_viewneo_set_page_size (fake, 100);

  return g_steal_pointer (&fake);
}

static MqClient *
new_tls_client (const char   *url,
                GTlsDatabase *database)
{
  g_autoptr(MqStaticTokenProvider) provider = mq_static_token_provider_new (TOKEN);

  /* As a token sign-in makes it. */
  return g_object_new (MQ_TYPE_CLIENT,
                       "server-url", url,
                       "token-provider", provider,
                       "tls-database", database,
                       NULL);
}

/* viewneo is https only: a certificate the client trusts works, for the token check
 * of a sign-in and for a list of several pages. */
static void
test_tls_trusted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FakeTestCa) ca = fake_test_ca_new (&error);
  g_autoptr(FakeViewneo) fake = NULL;
  g_autoptr(MqClient) client = NULL;
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GPtrArray) playlists = NULL;
  g_autofree char *url = NULL;

  g_assert_no_error (error);
  fake = start_tls_fake (ca);
  url = fake_viewneo_get_url (fake);
  g_assert_true (g_str_has_prefix (url, "https://127.0.0.1:"));

  client = new_tls_client (url, fake_test_ca_get_database (ca));
  user = get_user (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mq_user_get_id (user), ==, 42);

  playlists = list_playlists_full (client, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (playlists->len, ==, 250);
  g_assert_cmpuint (fake_viewneo_get_request_count (fake, "/api/v1.0/playlist"), ==, 3);

  g_clear_object (&client);
  fake_viewneo_shutdown (fake);
  while (g_main_context_iteration (NULL, FALSE));
}

/* The same server, with a client that trusts another CA or only the system's: refused
 * with the TLS message, before any request (and so any token) goes out. */
static void
test_tls_untrusted_ca (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FakeTestCa) ca = fake_test_ca_new (&error);
  g_autoptr(FakeTestCa) other_ca = fake_test_ca_new (&error);
  g_autoptr(FakeViewneo) fake = NULL;
  g_autofree char *url = NULL;
  GTlsDatabase *databases[2];

  g_assert_no_error (error);
  fake = start_tls_fake (ca);
  url = fake_viewneo_get_url (fake);
  databases[0] = fake_test_ca_get_database (other_ca);
  databases[1] = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (databases); i++)
    {
      g_autoptr(MqClient) client = new_tls_client (url, databases[i]);
      g_autoptr(MqUser) user = NULL;

      user = get_user (client, NULL, &error);
      g_assert_null (user);
      assert_api_error (error, MQ_API_ERROR_TLS);
      g_assert_cmpstr (error->message, ==,
                       "The certificate of 127.0.0.1 is not trusted, so Marquee did not connect. "
                       "Check the server address and the date and time of this computer.");
      g_clear_error (&error);

      assert_list_fails (client, MQ_API_ERROR_TLS);
    }

  g_assert_cmpuint (fake_viewneo_get_request_count (fake, NULL), ==, 0);

  fake_viewneo_shutdown (fake);
  while (g_main_context_iteration (NULL, FALSE));
}

static void
test_tls (void)
{
  g_autoptr(FakeTestCa) ca = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(TestTokenProvider) provider = test_token_provider_new (TOKEN, NULL);
  g_autoptr(MqClient) client = NULL;
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GPtrArray) accepted = g_ptr_array_new_with_free_func (g_object_unref);
  TlsServerLog server_log = { 0, accepted, 0 };
  gboolean timed_out = FALSE;
  guint timeout_id;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("No TLS backend (glib-networking) installed");
      return;
    }

  /* From a CA made for this test alone and trusted by nothing: an https server with
   * it is what a certificate error looks like. */
  ca = fake_test_ca_new (&error);
  g_assert_no_error (error);
  certificate = g_object_ref (fake_test_ca_get_server_certificate (ca));
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, count_request, &server_log, NULL);
  g_signal_connect (server, "request-started", G_CALLBACK (tls_request_started_cb), &server_log);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  client = mq_client_new (url, MQ_TOKEN_PROVIDER (provider));
  user = get_user (client, NULL, &error);
  g_assert_null (user);
  assert_api_error (error, MQ_API_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  /* No request, so no token, went over the connection it did not trust. */
  g_assert_cmpuint (server_log.n_requests, ==, 0);

  /* The client hangs up on it, so the server's side of the handshake fails too, often
   * only after the client has reported its error. Wait for that before tearing the server
   * down: libsoup 3.3 to 3.7.0 frees a server connection disconnected in mid-handshake,
   * then runs the handshake's callback on it, which crashed whichever test ran next. */
  timeout_id = g_timeout_add_seconds (10, set_flag, &timed_out);
  while (server_log.n_disconnected < accepted->len && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  g_assert_cmpuint (accepted->len, >=, 1);
  g_assert_cmpuint (server_log.n_disconnected, ==, accepted->len);

  soup_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const entries_keys[] = { "entries", "playlist_entries", "playlistEntries" };
  static const char * const envelope_names[] = { "bare", "data", "links", "flat" };
  static const char * const fault_names[] = {
    "forbidden", "not-found", "server-error", "malformed-json", "wrong-types", "dropped",
    "login-redirect",
  };

  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  for (guint i = 0; i < G_N_ELEMENTS (envelope_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/client/list/envelope/%s", envelope_names[i]);

      ADD (path, &envelope_cases[i], test_envelope);
    }
  ADD ("/client/list/many-pages", NULL, test_many_pages);
  ADD ("/client/list/concurrency", NULL, test_concurrency);
  ADD ("/client/list/gzip", NULL, test_gzip);
  ADD ("/client/list/item-limit", NULL, test_item_limit);
  ADD ("/client/list/empty", NULL, test_empty_list);
  ADD ("/client/list/tolerant-items", NULL, test_tolerant_items);
  ADD ("/client/list/page-limit", NULL, test_page_limit);
  ADD ("/client/list/reusing/unchanged", NULL, test_reusing_unchanged);
  ADD ("/client/list/reusing/changed", NULL, test_reusing_changed);
  ADD ("/client/list/reusing/nothing", NULL, test_reusing_nothing);
  ADD ("/client/list/reusing/unsorted", NULL, test_reusing_unsorted);
  ADD ("/client/list/cross-origin/links", GUINT_TO_POINTER (FAKE_ENVELOPE_PAGINATOR_LINKS), test_cross_origin);
  ADD ("/client/list/cross-origin/flat", GUINT_TO_POINTER (FAKE_ENVELOPE_PAGINATOR_FLAT), test_cross_origin);
  g_test_add_func ("/client/list/next-links", test_next_links);
  g_test_add_func ("/client/list/next-link-loop", test_next_link_loop);
  g_test_add_func ("/client/list/wrong-page", test_wrong_page);
  g_test_add_func ("/client/list/next-link-credentials", test_next_link_credentials);
  g_test_add_func ("/client/list/page-query-kept", test_page_query_kept);

  for (guint i = 0; i < G_N_ELEMENTS (entries_keys); i++)
    {
      g_autofree char *path = g_strdup_printf ("/client/playlist/%s", entries_keys[i]);

      ADD (path, entries_keys[i], test_playlist_entries);
    }
  ADD ("/client/playlist/not-found", NULL, test_playlist_not_found);
  ADD ("/client/device-groups", NULL, test_device_groups);
  ADD ("/client/devices", NULL, test_devices);
  ADD ("/client/schedule-showcase", NULL, test_schedule_showcase);
  ADD ("/client/user", NULL, test_user);
  ADD ("/client/thumbnail", NULL, test_thumbnail);

  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/client/error/%s", fault_names[i]);

      ADD (path, &fault_cases[i], test_fault);
    }
  for (guint i = 0; i < G_N_ELEMENTS (odd_answers); i++)
    {
      static const char * const call_names[] = { "user", "playlist" };
      static OddAnswerCase odd_cases[G_N_ELEMENTS (odd_answers)][2];

      for (SingleCall call = SINGLE_USER; call <= SINGLE_PLAYLIST; call++)
        {
          g_autofree char *path = g_strdup_printf ("/client/odd-answer/%s/%s",
                                                   call_names[call], odd_answers[i].name);

          odd_cases[i][call].call = call;
          odd_cases[i][call].answer = &odd_answers[i];
          ADD (path, &odd_cases[i][call], test_odd_answer);
        }
    }
  ADD ("/client/error/unauthorized", NULL, test_unauthorized);
  ADD ("/client/error/refresh", NULL, test_refresh);
  ADD ("/client/error/static-provider", NULL, test_static_provider);
  ADD ("/client/error/rate-limit/then-success", NULL, test_rate_limit_then_success);
  ADD ("/client/error/rate-limit/exhausted", NULL, test_rate_limit_exhausted);
  ADD ("/client/error/rate-limit/too-long", NULL, test_rate_limit_too_long);
  ADD ("/client/error/rate-limit/cancelled", NULL, test_rate_limit_cancelled);
  ADD ("/client/error/rate-limit/no-header", NULL, test_rate_limit_without_header);
  g_test_add_func ("/client/error/rate-limit/http-date", test_rate_limit_http_date);
  ADD ("/client/error/cancel", NULL, test_cancel);
  ADD ("/client/error/cancel-concurrent", NULL, test_cancel_concurrent);
  ADD ("/client/error/timeout", NULL, test_timeout);
  ADD ("/client/error/unreachable", NULL, test_unreachable);
  ADD ("/client/error/size-cap", NULL, test_size_cap);
  g_test_add_func ("/client/error/login-page", test_login_page);
  ADD ("/client/error/unexpected-status", NULL, test_unexpected_status);
  g_test_add_func ("/client/error/tls", test_tls);
  g_test_add_func ("/client/tls/trusted", test_tls_trusted);
  g_test_add_func ("/client/tls/untrusted-ca", test_tls_untrusted_ca);
  g_test_add_func ("/client/server/invalid", test_invalid_server);
  g_test_add_func ("/client/server/normalized", test_server_url_normalized);

#undef ADD

  return g_test_run ();
}
