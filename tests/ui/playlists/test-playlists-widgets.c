/* test-playlists-widgets.c: MqBanner, MqSpinner, MqTimeline and the thumbnail cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-test"

#include <locale.h>

#include "mq-api-error.h"
#include "mq-banner.h"
#include "mq-playlist-entry.h"
#include "mq-spinner.h"
#include "mq-test-viewneo.h"
#include "mq-thumbnail-cache.h"
#include "mq-timeline.h"
#include "playlists-test-utils.h"

/* ---- MqSpinner ---- */

/* AdwSpinner from libadwaita 1.6 on, GtkSpinner before: shown and animated only while
 * spinning, the same size either way. */
static void
test_spinner (void)
{
#if ADW_CHECK_VERSION (1, 6, 0)
  GType inner_type = ADW_TYPE_SPINNER;
#else
  GType inner_type = GTK_TYPE_SPINNER;
#endif
  GtkWidget *spinner = mq_spinner_new ();
  GtkWindow *window;
  int stopped_width, spinning_width;

  gtk_widget_set_size_request (spinner, 32, 32);
  window = test_window_new (spinner, 200, 100);
  g_assert_false (mq_spinner_get_spinning (MQ_SPINNER (spinner)));
  g_assert_nonnull (test_find_widget (spinner, inner_type, NULL, NULL));
  g_assert_null (test_find_widget (spinner, inner_type, test_widget_is_mapped, NULL));
  gtk_widget_measure (spinner, GTK_ORIENTATION_HORIZONTAL, -1, &stopped_width, NULL, NULL, NULL);

  mq_spinner_set_spinning (MQ_SPINNER (spinner), TRUE);
  g_assert_true (mq_spinner_get_spinning (MQ_SPINNER (spinner)));
  WAIT_FOR (test_find_widget (spinner, inner_type, test_widget_is_mapped, NULL) != NULL);
  gtk_widget_measure (spinner, GTK_ORIENTATION_HORIZONTAL, -1, &spinning_width, NULL, NULL, NULL);
  g_assert_cmpint (spinning_width, ==, stopped_width);

  mq_spinner_set_spinning (MQ_SPINNER (spinner), FALSE);
  WAIT_FOR (test_find_widget (spinner, inner_type, test_widget_is_mapped, NULL) == NULL);

  test_window_destroy (window);
}

/* ---- MqBanner ---- */

static void
count_clicks (MqBanner *banner,
              guint    *clicks)
{
  (*clicks)++;
}

static gboolean
button_is_labelled (GtkWidget *widget,
                    gpointer   data)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static void
test_banner (void)
{
  MqBanner *banner = MQ_BANNER (mq_banner_new ("Offline & out"));
  GtkWindow *window;
  GtkWidget *button;
  g_autofree char *title = NULL;
  guint clicks = 0;

  g_object_ref_sink (banner);
  g_assert_cmpstr (mq_banner_get_title (banner), ==, "Offline & out");
  g_assert_null (mq_banner_get_button_label (banner));
  g_assert_false (mq_banner_get_revealed (banner));

  window = test_window_new (GTK_WIDGET (banner), 600, 100);
  g_signal_connect (banner, "button-clicked", G_CALLBACK (count_clicks), &clicks);

  /* Hidden: nothing of it is shown. */
  g_assert_null (test_find_widget (GTK_WIDGET (banner), GTK_TYPE_LABEL, test_widget_is_mapped, NULL));

  mq_banner_set_button_label (banner, "_Retry");
  mq_banner_set_revealed (banner, TRUE);
  g_assert_true (mq_banner_get_revealed (banner));
  g_assert_cmpstr (mq_banner_get_button_label (banner), ==, "_Retry");
  WAIT_FOR (test_find_widget (GTK_WIDGET (banner), GTK_TYPE_BUTTON, test_widget_is_mapped, NULL) != NULL);

  button = test_find_widget (GTK_WIDGET (banner), GTK_TYPE_BUTTON, button_is_labelled, "_Retry");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (clicks, ==, 1);

  /* No label, no button. */
  mq_banner_set_button_label (banner, NULL);
  WAIT_FOR (test_find_widget (GTK_WIDGET (banner), GTK_TYPE_BUTTON, test_widget_is_mapped, NULL) == NULL);

  mq_banner_set_title (banner, "Updated");
  g_object_get (banner, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Updated");

  test_window_destroy (window);
  g_object_unref (banner);
}

/* ---- MqTimeline ---- */

static GListStore *
new_entries (const guint *durations,
             guint        n_durations)
{
  GListStore *entries = g_list_store_new (MQ_TYPE_PLAYLIST_ENTRY);

  for (guint i = 0; i < n_durations; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\": %u, \"index\": %u, \"duration\": %u,"
                                               " \"play_rule\": %u, \"media_file_id\": %u}",
                                               i + 1, i, durations[i], i % 3, 100 + i);
      g_autoptr(JsonNode) node = json_from_string (json, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(MqPlaylistEntry) entry = mq_playlist_entry_new_from_json (json_node_get_object (node),
                                                                           &error);

      g_assert_no_error (error);
      g_list_store_append (entries, entry);
    }

  return entries;
}

static void
assert_blocks_proportional (MqTimeline  *timeline,
                            const guint *durations,
                            guint        n_durations)
{
  double width = gtk_widget_get_width (GTK_WIDGET (timeline));
  guint total = 0;
  double x = 0;
  graphene_rect_t rect;

  for (guint i = 0; i < n_durations; i++)
    total += durations[i];

  g_assert_cmpuint (mq_timeline_get_n_blocks (timeline), ==, n_durations);
  for (guint i = 0; i < n_durations; i++)
    {
      double expected = total > 0 ? width * durations[i] / total : width / n_durations;

      g_assert_true (mq_timeline_get_block_geometry (timeline, i, &rect));
      g_assert_cmpfloat_with_epsilon (rect.origin.x, x, 0.01);
      g_assert_cmpfloat_with_epsilon (rect.size.width, expected, 0.01);
      g_assert_cmpfloat (rect.size.height, ==, gtk_widget_get_height (GTK_WIDGET (timeline)));
      x += rect.size.width;
    }
  /* The blocks fill the strip exactly. */
  g_assert_cmpfloat_with_epsilon (x, width, 0.01);
  g_assert_false (mq_timeline_get_block_geometry (timeline, n_durations, &rect));
}

static void
test_timeline (void)
{
  const guint durations[] = { 10, 30, 60, 0, 20 };
  const guint zeros[] = { 0, 0 };
  g_autoptr(GListStore) entries = new_entries (durations, G_N_ELEMENTS (durations));
  g_autoptr(GListStore) no_durations = new_entries (zeros, G_N_ELEMENTS (zeros));
  MqTimeline *timeline = MQ_TIMELINE (mq_timeline_new ());
  GtkWindow *window = test_window_new (GTK_WIDGET (timeline), 600, 40);
  const char *titles[] = { "A", "B", "C", "D", "E", NULL };

  g_assert_cmpuint (mq_timeline_get_n_blocks (timeline), ==, 0);
  g_assert_cmpstr (mq_timeline_get_summary (timeline), ==, "");

  mq_timeline_set_entries (timeline, G_LIST_MODEL (entries), titles);
  assert_blocks_proportional (timeline, durations, G_N_ELEMENTS (durations));
  g_assert_cmpstr (mq_timeline_get_summary (timeline), ==, "5 entries, 2 min");

  /* A new size, new geometry. */
  gtk_window_set_default_size (window, 333, 40);
  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (timeline)) == 333);
  assert_blocks_proportional (timeline, durations, G_N_ELEMENTS (durations));

  /* Nothing has a duration: equal widths rather than nothing. */
  mq_timeline_set_entries (timeline, G_LIST_MODEL (no_durations), NULL);
  assert_blocks_proportional (timeline, zeros, G_N_ELEMENTS (zeros));
  g_assert_cmpstr (mq_timeline_get_summary (timeline), ==, "2 entries, 0 s");

  mq_timeline_set_entries (timeline, NULL, NULL);
  g_assert_cmpuint (mq_timeline_get_n_blocks (timeline), ==, 0);
  g_assert_cmpstr (mq_timeline_get_summary (timeline), ==, "0 entries, 0 s");

  test_window_destroy (window);
}

/* ---- the thumbnail cache ---- */

typedef struct
{
  FakeViewneo      *fake;
  MqSession        *session;
  MqClient         *client;
  GArray           *media_ids;
} CacheFixture;

static void
cache_fixture_set_up (CacheFixture  *f,
                      gconstpointer  data)
{
  g_autofree char *url = NULL;
  g_autoptr(GPtrArray) playlists = NULL;

  f->fake = test_fake_new (40);
  url = fake_viewneo_get_url (f->fake);
  f->session = test_session_new (url, 11);
  f->client = test_client_new (url, f->session);
  f->media_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* Some media files the server has, from the playlists' entries. */
  playlists = test_list_playlists (f->client);
  for (guint i = 0; i < playlists->len && f->media_ids->len < 8; i++)
    {
      g_autoptr(MqPlaylist) full = test_get_playlist (f->client,
                                                      mq_playlist_get_id (g_ptr_array_index (playlists, i)));
      GListModel *entries = mq_playlist_get_entries (full);

      for (guint j = 0; entries != NULL && j < g_list_model_get_n_items (entries); j++)
        {
          g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, j);
          gint64 id = mq_playlist_entry_get_media_file_id (entry);
          gboolean seen = FALSE;

          for (guint k = 0; k < f->media_ids->len; k++)
            seen |= g_array_index (f->media_ids, gint64, k) == id;
          if (id != 0 && !seen)
            g_array_append_val (f->media_ids, id);
        }
    }
  g_assert_cmpuint (f->media_ids->len, >=, 6);
}

static void
cache_fixture_tear_down (CacheFixture  *f,
                         gconstpointer  data)
{
  g_clear_pointer (&f->media_ids, g_array_unref);
  g_clear_object (&f->client);
  g_clear_object (&f->session);
  mq_test_viewneo_stop (&f->fake);
}

typedef struct
{
  GdkTexture *texture;
  GError     *error;
  gboolean    done;
} LoadResult;

static void
load_result_clear (LoadResult *result)
{
  g_clear_object (&result->texture);
  g_clear_error (&result->error);
  result->done = FALSE;
}

static void
thumbnail_loaded (GObject      *object,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  LoadResult *result = user_data;

  result->texture = mq_thumbnail_cache_load_finish (MQ_THUMBNAIL_CACHE (object), res, &result->error);
  result->done = TRUE;
}

static GdkTexture *
load_thumbnail (MqThumbnailCache *cache,
                gint64            id)
{
  LoadResult result = { 0 };

  mq_thumbnail_cache_load_async (cache, id, NULL, thumbnail_loaded, &result);
  WAIT_FOR (result.done);
  g_assert_no_error (result.error);
  g_assert_nonnull (result.texture);

  return result.texture;
}

static guint
count_thumbnail_requests (CacheFixture *f)
{
  return fake_viewneo_get_request_count (f->fake, "/api/v1.0/mediafile/");
}

#define MEDIA(i) g_array_index (f->media_ids, gint64, (i))

static void
test_thumbnail_lru (CacheFixture  *f,
                    gconstpointer  data)
{
  g_autoptr(MqThumbnailCache) cache = mq_thumbnail_cache_new (f->client, 2);
  g_autoptr(GdkTexture) first = load_thumbnail (cache, MEDIA (0));
  g_autoptr(GdkTexture) second = NULL;
  g_autoptr(GdkTexture) third = NULL;
  g_autoptr(GdkTexture) fourth = NULL;
  guint requests;

  /* Real images from bytes. */
  g_assert_cmpint (gdk_texture_get_width (first), >, 0);
  g_assert_true (mq_thumbnail_cache_lookup (cache, MEDIA (0)) == first);

  second = load_thumbnail (cache, MEDIA (1));
  third = load_thumbnail (cache, MEDIA (2));
  g_assert_cmpuint (mq_thumbnail_cache_get_size (cache), ==, 2);
  g_assert_null (mq_thumbnail_cache_lookup (cache, MEDIA (0)));

  /* Using the older one keeps it; the other one goes. */
  g_assert_true (mq_thumbnail_cache_lookup (cache, MEDIA (1)) == second);
  fourth = load_thumbnail (cache, MEDIA (3));
  g_assert_nonnull (mq_thumbnail_cache_lookup (cache, MEDIA (1)));
  g_assert_null (mq_thumbnail_cache_lookup (cache, MEDIA (2)));

  /* A cached one costs no request. */
  requests = count_thumbnail_requests (f);
  g_clear_object (&second);
  second = load_thumbnail (cache, MEDIA (1));
  g_assert_cmpuint (count_thumbnail_requests (f), ==, requests);
}

static void
test_thumbnail_shared_and_abandoned (CacheFixture  *f,
                                     gconstpointer  data)
{
  g_autoptr(MqThumbnailCache) cache = mq_thumbnail_cache_new (f->client, 16);
  LoadResult results[6] = { { 0 } };
  GCancellable *cancellables[6];
  guint requests = count_thumbnail_requests (f);

  /* Two asks for one file, then four more files: three requests run at once, the last
   * two wait, and both of those are cancelled before their turn. */
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      cancellables[i] = g_cancellable_new ();
      mq_thumbnail_cache_load_async (cache, MEDIA (i == 0 ? 0 : i - 1), cancellables[i],
                                     thumbnail_loaded, &results[i]);
    }
  g_cancellable_cancel (cancellables[4]);
  g_cancellable_cancel (cancellables[5]);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    WAIT_FOR (results[i].done);

  for (guint i = 0; i < 4; i++)
    {
      g_assert_no_error (results[i].error);
      g_assert_nonnull (results[i].texture);
    }
  g_assert_true (results[0].texture == results[1].texture);
  g_assert_error (results[4].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (results[5].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Media 0, 1, 2: the shared one once, the abandoned ones never. */
  g_assert_cmpuint (count_thumbnail_requests (f) - requests, ==, 3);
  g_assert_null (mq_thumbnail_cache_lookup (cache, MEDIA (3)));
  g_assert_null (mq_thumbnail_cache_lookup (cache, MEDIA (4)));

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      load_result_clear (&results[i]);
      g_object_unref (cancellables[i]);
    }
}

static void
test_thumbnail_missing (CacheFixture  *f,
                        gconstpointer  data)
{
  g_autoptr(MqThumbnailCache) cache = mq_thumbnail_cache_new (f->client, 4);
  LoadResult result = { 0 };

  mq_thumbnail_cache_load_async (cache, 987654321, NULL, thumbnail_loaded, &result);
  WAIT_FOR (result.done);
  g_assert_error (result.error, MQ_API_ERROR, MQ_API_ERROR_NOT_FOUND);
  g_assert_null (result.texture);
  g_assert_cmpuint (mq_thumbnail_cache_get_size (cache), ==, 0);
  load_result_clear (&result);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  /* No transitions: what is shown is shown at once (and the other page is unmapped). */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/playlists/banner", test_banner);
  g_test_add_func ("/widgets/spinner", test_spinner);
  g_test_add_func ("/playlists/timeline/geometry", test_timeline);
  g_test_add ("/playlists/thumbnails/lru", CacheFixture, NULL,
              cache_fixture_set_up, test_thumbnail_lru, cache_fixture_tear_down);
  g_test_add ("/playlists/thumbnails/shared-and-abandoned", CacheFixture, NULL,
              cache_fixture_set_up, test_thumbnail_shared_and_abandoned, cache_fixture_tear_down);
  g_test_add ("/playlists/thumbnails/missing", CacheFixture, NULL,
              cache_fixture_set_up, test_thumbnail_missing, cache_fixture_tear_down);

  return g_test_run ();
}
