/* test-export.c: CSV, JSON and table exports, and the playlist cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mq-playlist-cache.h"
#include "mq-playlist-export.h"
#include "mq-playlist.h"
#include "mq-test-async.h"

/* Quotes, commas, a line break, umlauts, wide characters, cells a spreadsheet would
 * run as formulas, and a name trying to move the terminal's cursor. */
static const char * const sample_playlists[] = {
  "{\"id\": 1, \"name\": \"Lobby, Eingang\", \"comment\": \"Sagt \\\"Hallo\\\"\", \"label\": \"blue\","
  " \"number_of_entries\": 3, \"type\": 0, \"is_shared\": 1, \"updated_at\": \"2024-05-01 12:30:00\"}",
  "{\"id\": 22, \"name\": \"Grüße aus\\nKöln\", \"comment\": \"Zeile 1\\r\\nZeile 2\", \"label\": null,"
  " \"number_of_entries\": 12, \"type\": 1, \"is_default\": true, \"is_demo\": \"1\", \"updated_at\": null}",
  "{\"id\": 333, \"name\": \"=HYPERLINK(\\\"http://evil\\\")\", \"comment\": \"-1+2\", \"label\": \"@home\","
  " \"number_of_entries\": 0, \"is_advertised\": 1, \"updated_at\": \"2023-12-24 18:00:05\"}",
  "{\"id\": 4444, \"name\": \"日本語\\u001b[2J\", \"comment\": \"+49 30 123\", \"label\": \"\","
  " \"number_of_entries\": 1, \"type\": 2, \"updated_at\": \"2022-01-31 23:59:59\"}",
};

static GListModel *
sample_list (void)
{
  GListStore *store = g_list_store_new (MQ_TYPE_PLAYLIST);

  for (guint i = 0; i < G_N_ELEMENTS (sample_playlists); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = json_from_string (sample_playlists[i], &error);
      g_autoptr(MqPlaylist) playlist = NULL;

      g_assert_no_error (error);
      playlist = mq_playlist_new_from_json (json_node_get_object (node), &error);
      g_assert_no_error (error);
      g_list_store_append (store, playlist);
    }

  return G_LIST_MODEL (store);
}

static void
assert_bytes_equal (GBytes     *bytes,
                    const char *expected)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_assert_cmpuint (g_bytes_get_size (bytes), ==, strlen (expected));
  g_assert_cmpstr (text, ==, expected);
}

static const char expected_csv[] =
  "id,name,entries,type,shared,default,demo,advertised,label,comment,updated_at\r\n"
  "1,\"Lobby, Eingang\",3,0,1,0,0,0,blue,\"Sagt \"\"Hallo\"\"\",2024-05-01 12:30:00\r\n"
  "22,\"Grüße aus\nKöln\",12,1,0,1,1,0,,\"Zeile 1\r\nZeile 2\",\r\n"
  "333,\"'=HYPERLINK(\"\"http://evil\"\")\",0,0,0,0,0,1,'@home,'-1+2,2023-12-24 18:00:05\r\n"
  "4444,日本語\xef\xbf\xbd[2J,1,2,0,0,0,0,,'+49 30 123,2022-01-31 23:59:59\r\n";

static void
test_csv (void)
{
  g_autoptr(GListModel) playlists = sample_list ();
  g_autoptr(GBytes) csv = mq_playlists_export (playlists, MQ_EXPORT_FORMAT_CSV);

  assert_bytes_equal (csv, expected_csv);
}

static void
test_json (void)
{
  g_autoptr(GListModel) playlists = sample_list ();
  g_autoptr(GBytes) json = mq_playlists_export (playlists, MQ_EXPORT_FORMAT_JSON);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  assert_bytes_equal (json,
    "[\n"
    "  {\n"
    "    \"id\" : 1,\n"
    "    \"name\" : \"Lobby, Eingang\",\n"
    "    \"comment\" : \"Sagt \\\"Hallo\\\"\",\n"
    "    \"label\" : \"blue\",\n"
    "    \"company_id\" : null,\n"
    "    \"created_at\" : null,\n"
    "    \"updated_at\" : \"2024-05-01 12:30:00\",\n"
    "    \"number_of_entries\" : 3,\n"
    "    \"playback_entry_count\" : 0,\n"
    "    \"playback_order\" : 0,\n"
    "    \"playback_rule\" : 0,\n"
    "    \"type\" : 0,\n"
    "    \"is_shared\" : 1,\n"
    "    \"is_default\" : 0,\n"
    "    \"is_demo\" : 0,\n"
    "    \"is_advertised\" : 0,\n"
    "    \"events_count\" : 0\n"
    "  },\n"
    "  {\n"
    "    \"id\" : 22,\n"
    "    \"name\" : \"Grüße aus\\nKöln\",\n"
    "    \"comment\" : \"Zeile 1\\r\\nZeile 2\",\n"
    "    \"label\" : null,\n"
    "    \"company_id\" : null,\n"
    "    \"created_at\" : null,\n"
    "    \"updated_at\" : null,\n"
    "    \"number_of_entries\" : 12,\n"
    "    \"playback_entry_count\" : 0,\n"
    "    \"playback_order\" : 0,\n"
    "    \"playback_rule\" : 0,\n"
    "    \"type\" : 1,\n"
    "    \"is_shared\" : 0,\n"
    "    \"is_default\" : 1,\n"
    "    \"is_demo\" : 1,\n"
    "    \"is_advertised\" : 0,\n"
    "    \"events_count\" : 0\n"
    "  },\n"
    "  {\n"
    "    \"id\" : 333,\n"
    "    \"name\" : \"=HYPERLINK(\\\"http://evil\\\")\",\n"
    "    \"comment\" : \"-1+2\",\n"
    "    \"label\" : \"@home\",\n"
    "    \"company_id\" : null,\n"
    "    \"created_at\" : null,\n"
    "    \"updated_at\" : \"2023-12-24 18:00:05\",\n"
    "    \"number_of_entries\" : 0,\n"
    "    \"playback_entry_count\" : 0,\n"
    "    \"playback_order\" : 0,\n"
    "    \"playback_rule\" : 0,\n"
    "    \"type\" : 0,\n"
    "    \"is_shared\" : 0,\n"
    "    \"is_default\" : 0,\n"
    "    \"is_demo\" : 0,\n"
    "    \"is_advertised\" : 1,\n"
    "    \"events_count\" : 0\n"
    "  },\n"
    "  {\n"
    "    \"id\" : 4444,\n"
    "    \"name\" : \"日本語\\u001b[2J\",\n"
    "    \"comment\" : \"+49 30 123\",\n"
    "    \"label\" : \"\",\n"
    "    \"company_id\" : null,\n"
    "    \"created_at\" : null,\n"
    "    \"updated_at\" : \"2022-01-31 23:59:59\",\n"
    "    \"number_of_entries\" : 1,\n"
    "    \"playback_entry_count\" : 0,\n"
    "    \"playback_order\" : 0,\n"
    "    \"playback_rule\" : 0,\n"
    "    \"type\" : 2,\n"
    "    \"is_shared\" : 0,\n"
    "    \"is_default\" : 0,\n"
    "    \"is_demo\" : 0,\n"
    "    \"is_advertised\" : 0,\n"
    "    \"events_count\" : 0\n"
    "  }\n"
    "]\n");

  /* And it is JSON. */
  root = json_from_string (g_bytes_get_data (json, NULL), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 4);
}

static void
test_table (void)
{
  g_autoptr(GListModel) playlists = sample_list ();
  g_autoptr(GBytes) table = mq_playlists_export (playlists, MQ_EXPORT_FORMAT_TABLE);

  /* Widths in terminal columns: 日本語 takes six; the line break became a space and
   * the escape character U+FFFD; no line ends in a space. */
  assert_bytes_equal (table,
    "  ID  NAME                       ENTRIES  UPDATED\n"
    "   1  Lobby, Eingang                   3  2024-05-01 12:30\n"
    "  22  Grüße aus Köln                  12\n"
    " 333  =HYPERLINK(\"http://evil\")        0  2023-12-24 18:00\n"
    "4444  日本語\xef\xbf\xbd[2J                       1  2022-01-31 23:59\n");
}

static void
test_empty (void)
{
  g_autoptr(GListStore) store = g_list_store_new (MQ_TYPE_PLAYLIST);
  g_autoptr(GBytes) csv = mq_playlists_export (G_LIST_MODEL (store), MQ_EXPORT_FORMAT_CSV);
  g_autoptr(GBytes) json = mq_playlists_export (G_LIST_MODEL (store), MQ_EXPORT_FORMAT_JSON);
  g_autoptr(GBytes) table = mq_playlists_export (G_LIST_MODEL (store), MQ_EXPORT_FORMAT_TABLE);

  assert_bytes_equal (csv, "id,name,entries,type,shared,default,demo,advertised,label,comment,updated_at\r\n");
  assert_bytes_equal (json, "[]\n");
  assert_bytes_equal (table, "ID  NAME  ENTRIES  UPDATED\n");
}

static void
test_format_names (void)
{
  MqExportFormat format = MQ_EXPORT_FORMAT_TABLE;

  g_assert_true (mq_export_format_from_string ("csv", &format));
  g_assert_cmpint (format, ==, MQ_EXPORT_FORMAT_CSV);
  g_assert_true (mq_export_format_from_string ("JSON", &format));
  g_assert_cmpint (format, ==, MQ_EXPORT_FORMAT_JSON);
  g_assert_true (mq_export_format_from_string ("table", &format));
  g_assert_cmpint (format, ==, MQ_EXPORT_FORMAT_TABLE);

  format = MQ_EXPORT_FORMAT_JSON;
  g_assert_false (mq_export_format_from_string ("xml", &format));
  g_assert_false (mq_export_format_from_string ("", &format));
  g_assert_false (mq_export_format_from_string ("csv ", &format));
  g_assert_false (mq_export_format_from_string (NULL, &format));
  g_assert_cmpint (format, ==, MQ_EXPORT_FORMAT_JSON);
}

static void
test_export_to_file (void)
{
  g_autoptr(GListModel) playlists = sample_list ();
  g_autofree char *directory = g_dir_make_tmp ("marquee-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "playlists.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* It replaces what was there. */
  g_assert_true (g_file_set_contents (path, "old and much longer content than the export", -1, NULL));

  mq_playlists_export_to_file_async (playlists, MQ_EXPORT_FORMAT_CSV, file, NULL, mq_test_store_result, &result);
  g_assert_true (mq_playlists_export_to_file_finish (mq_test_await (&result), &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, strlen (expected_csv));
  g_assert_cmpstr (contents, ==, expected_csv);

  g_clear_object (&result);
  g_unlink (path);
  g_rmdir (directory);

  /* A folder that does not exist fails, and says so. */
  mq_playlists_export_to_file_async (playlists, MQ_EXPORT_FORMAT_JSON, file, NULL, mq_test_store_result, &result);
  g_assert_false (mq_playlists_export_to_file_finish (mq_test_await (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* What json-glib wrote for the same list, as the export did before it was streamed:
 * one JsonBuilder tree of every playlist, pretty-printed. */
static char *
json_glib_export (GListModel *playlists)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  guint n_items = g_list_model_get_n_items (playlists);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MqPlaylist) playlist = g_list_model_get_item (playlists, i);

      mq_playlist_serialize (playlist, builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  data = json_generator_to_data (generator, NULL);
  return g_strconcat (data, "\n", NULL);
}

/* Playlists as viewneo sends them, every field and entries too, with no control
 * character in a name: the streamed JSON is byte for byte json-glib's, in memory and
 * in a file, as the window's Export wrote it before. */
static const char * const normal_playlists[] = {
  "{\"id\": 7, \"name\": \"Schaufenster \\\"Winter\\\" \\\\ Süd / 日本\", \"comment\": \"Zeile 1\\r\\nZeile 2\\t…\","
  " \"label\": \"grün\", \"company_id\": 3, \"created_at\": \"2020-01-02 03:04:05\","
  " \"updated_at\": \"2021-05-06 07:08:09\", \"number_of_entries\": 1,"
  " \"playback_entry_count\": 1, \"playback_order\": 1, \"playback_rule\": 2,"
  " \"type\": 1, \"is_shared\": true, \"is_default\": 0, \"is_demo\": \"1\","
  " \"is_advertised\": false, \"events_count\": 2,"
  " \"playlist_entries\": [{\"id\": 1, \"index\": 0, \"duration\": 8,"
  "   \"media_file_id\": 4, \"media_file\": {\"id\": 4, \"name\": \"Bild \\\"1\\\"\","
  "   \"attachable_type\": \"App\\\\Models\\\\PhysicalFile\", \"mime_type\": \"image/png\"}},"
  "  {\"id\": 2, \"index\": 1, \"duration\": 5}]}",
  "{\"id\": 8, \"name\": \"Leer\", \"entries\": []}",
  "{\"id\": 9, \"name\": \"Kurz\"}",
};

static void
test_json_as_json_glib (void)
{
  g_autoptr(GListStore) store = g_list_store_new (MQ_TYPE_PLAYLIST);
  g_autoptr(GListModel) samples = sample_list ();
  g_autofree char *expected = NULL;
  g_autofree char *directory = g_dir_make_tmp ("marquee-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "playlists.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  for (guint i = 0; i < G_N_ELEMENTS (normal_playlists); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (normal_playlists[i], &error);
      g_autoptr(MqPlaylist) playlist = NULL;

      g_assert_no_error (error);
      playlist = mq_playlist_new_from_json (json_node_get_object (node), &error);
      g_assert_no_error (error);
      g_list_store_append (store, playlist);
    }
  /* The samples but the last, whose name has an escape character. */
  for (guint i = 0; i + 1 < g_list_model_get_n_items (samples); i++)
    {
      g_autoptr(MqPlaylist) playlist = g_list_model_get_item (samples, i);

      g_list_store_append (store, playlist);
    }
  {
    g_autoptr(MqPlaylist) first = g_list_model_get_item (G_LIST_MODEL (store), 0);

    g_assert_nonnull (mq_playlist_get_entries (first));
  }

  expected = json_glib_export (G_LIST_MODEL (store));
  json = mq_playlists_export (G_LIST_MODEL (store), MQ_EXPORT_FORMAT_JSON);
  assert_bytes_equal (json, expected);

  mq_playlists_export_to_file_async (G_LIST_MODEL (store), MQ_EXPORT_FORMAT_JSON, file, NULL,
                                     mq_test_store_result, &result);
  g_assert_true (mq_playlists_export_to_file_finish (mq_test_await (&result), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, strlen (expected));
  g_assert_cmpstr (contents, ==, expected);

  g_unlink (path);
  g_rmdir (directory);
}

static char *
cache_path (const char *account_id)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, account_id, -1);
  g_autofree char *basename = g_strdup_printf ("playlists-%s.json", digest);

  return g_build_filename (g_get_user_cache_dir (), "marquee", basename, NULL);
}

static GPtrArray *
load_cache (const char  *account_id,
            gint64      *saved_at,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mq_playlist_cache_load_async (account_id, NULL, mq_test_store_result, &result);
  return mq_playlist_cache_load_finish (mq_test_await (&result), saved_at, error);
}

static void
save_cache (const char *account_id,
            GPtrArray  *playlists)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mq_playlist_cache_save_async (account_id, playlists, NULL, mq_test_store_result, &result);
  g_assert_true (mq_playlist_cache_save_finish (mq_test_await (&result), &error));
  g_assert_no_error (error);
}

static GBytes *
export_array (GPtrArray *playlists)
{
  g_autoptr(GListStore) store = g_list_store_new (MQ_TYPE_PLAYLIST);

  g_list_store_splice (store, 0, 0, playlists->pdata, playlists->len);
  return mq_playlists_export (G_LIST_MODEL (store), MQ_EXPORT_FORMAT_JSON);
}

static void
test_cache_round_trip (void)
{
  g_autoptr(GListModel) playlists = sample_list ();
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cache_path ("erika@example.com");
  gint64 start = g_get_real_time () / G_USEC_PER_SEC;
  gint64 saved_at = 0;
  GStatBuf buf;

  /* A umask of 077 would make any file 0600: the mode checked below must be the one
   * the cache asks for, not the machine's. */
  umask (022);

  /* The test runs with its own XDG directories (G_TEST_OPTION_ISOLATE_DIRS). */
  g_assert_true (g_str_has_prefix (g_get_user_cache_dir (), g_get_tmp_dir ()) ||
                 g_getenv ("XDG_CACHE_HOME") != NULL);

  for (guint i = 0; i < g_list_model_get_n_items (playlists); i++)
    g_ptr_array_add (array, g_list_model_get_item (playlists, i));

  /* Nothing yet: no list and no error. */
  loaded = load_cache ("erika@example.com", &saved_at, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  save_cache ("erika@example.com", array);

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  /* The account id is in no file name. */
  g_assert_null (strstr (path, "erika"));

  loaded = load_cache ("erika@example.com", &saved_at, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (loaded->len, ==, array->len);
  g_assert_cmpint (saved_at, >=, start);
  g_assert_cmpint (saved_at, <=, g_get_real_time () / G_USEC_PER_SEC);

  before = export_array (array);
  after = export_array (loaded);
  g_assert_true (g_bytes_equal (before, after));

  /* Accounts do not share a cache. */
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = load_cache ("max@example.com", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  /* Sign-out removes it. */
  mq_playlist_cache_delete ("erika@example.com");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  loaded = load_cache ("erika@example.com", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  /* Deleting what is not there is fine. */
  mq_playlist_cache_delete ("erika@example.com");
}

static GPtrArray *
load_cache_text (const char  *text,
                 GError     **error)
{
  g_autofree char *path = cache_path ("damaged");
  g_autofree char *directory = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (directory, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  return load_cache ("damaged", NULL, error);
}

static void
test_cache_damaged (void)
{
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_line = NULL;

  loaded = load_cache_text ("{\"version\": 2, \"playlists\": [", &error);
  g_assert_null (loaded);
  g_assert_nonnull (error);
  g_clear_error (&error);

  loaded = load_cache_text ("{\"version\": 2, \"playlists\": {}}", &error);
  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Another version's cache counts as none, in one line or a playlist a line. */
  loaded = load_cache_text ("{\"version\": 99, \"playlists\": [{\"id\": 1, \"name\": \"x\"}]}", &error);
  g_assert_no_error (error);
  g_assert_null (loaded);
  loaded = load_cache_text ("{\"version\":1,\"saved_at\":1,\"playlists\":[\n{\"id\": 1, \"name\": \"x\"}\n]}\n", &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  /* So does a first line too long to be a header: version 1 wrote all in one. */
  long_line = g_string_new ("{\"version\":1,\"saved_at\":1,\"playlists\":[");
  for (guint i = 1; long_line->len < 200 * 1024; i++)
    g_string_append_printf (long_line, "%s{\"id\":%u,\"name\":\"Playlist %u\"}", i > 1 ? "," : "", i, i);
  g_string_append (long_line, "]}");
  loaded = load_cache_text (long_line->str, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  /* Items it cannot read are left out; the rest stays. */
  {
    const char * const texts[] = {
      "{\"version\": 2, \"saved_at\": 1700000000, \"playlists\":"
      " [{\"id\": 1, \"name\": \"x\"}, {\"name\": \"no id\"}, 5]}",
      "{\"version\":2,\"saved_at\":1700000000,\"playlists\":[\n"
      "{\"id\": 1, \"name\": \"x\"},\n{\"name\": \"no id\"},\n5\n]}\n",
    };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autofree char *path = cache_path ("damaged");
        gint64 saved_at = 0;

        g_assert_true (g_file_set_contents (path, texts[i], -1, NULL));
        g_clear_pointer (&loaded, g_ptr_array_unref);
        loaded = load_cache ("damaged", &saved_at, &error);
        g_assert_no_error (error);
        g_assert_nonnull (loaded);
        g_assert_cmpuint (loaded->len, ==, 1);
        g_assert_cmpint (saved_at, ==, 1700000000);
      }
    g_clear_pointer (&loaded, g_ptr_array_unref);
  }

  /* A line that is no JSON, a cut-off end, or more after the end: damaged. */
  {
    const char * const texts[] = {
      "{\"version\":2,\"saved_at\":1,\"playlists\":[\n{\"id\": 1, \"name\": \"x\"},\n{\"id\": 2, \"na\n]}\n",
      "{\"version\":2,\"saved_at\":1,\"playlists\":[\n{\"id\": 1, \"name\": \"x\"},\n",
      "{\"version\":2,\"saved_at\":1,\"playlists\":[\n{\"id\": 1, \"name\": \"x\"}\n]}\n{}\n",
    };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        loaded = load_cache_text (texts[i], &error);
        g_assert_null (loaded);
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
        g_clear_error (&error);
      }
  }
}

/* More than one read's worth: lines cut by the reads are put together again. */
static void
test_cache_large (void)
{
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= 3000; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\": %u, \"name\": \"Playlist %u\", \"comment\": \"%0200u\","
                                               " \"label\": \"L\\n%u\", \"updated_at\": \"2024-05-01 10:00:00\"}",
                                               i, i, i, i % 7);
      g_autoptr(JsonNode) node = json_from_string (json, &error);

      g_assert_no_error (error);
      g_ptr_array_add (array, mq_playlist_new_from_json (json_node_get_object (node), &error));
      g_assert_no_error (error);
    }

  save_cache ("large", array);
  loaded = load_cache ("large", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (loaded->len, ==, array->len);

  before = export_array (array);
  after = export_array (loaded);
  g_assert_true (g_bytes_equal (before, after));
  mq_playlist_cache_delete ("large");
}

static void
test_cache_delete_wins (void)
{
  g_autoptr(GListModel) playlists = sample_list ();
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cache_path ("signing-out");

  for (guint i = 0; i < g_list_model_get_n_items (playlists); i++)
    g_ptr_array_add (array, g_list_model_get_item (playlists, i));

  /* A save still under way when the account signs out leaves nothing behind. */
  mq_playlist_cache_save_async ("signing-out", array, NULL, mq_test_store_result, &result);
  mq_playlist_cache_delete ("signing-out");
  g_assert_true (mq_playlist_cache_save_finish (mq_test_await (&result), &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A later save writes again. */
  save_cache ("signing-out", array);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  mq_playlist_cache_delete ("signing-out");
}

/* ---- records ---- */

static char *
write_records (GPtrArray      *rows,
               MqExportFormat  format,
               guint           table_width)
{
  static const MqExportColumn columns[] = {
    { "id", "ID", FALSE, FALSE },
    { "name", "NAME", FALSE, TRUE },
    { "current", "CURRENT", TRUE, FALSE },
    { "expires", "EXPIRES", FALSE, FALSE },
  };
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (mq_records_write (columns, G_N_ELEMENTS (columns), rows, format, table_width,
                                   output, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (output, NULL, NULL));
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)));
}

/* Any records, by the rules of the playlists' export: CSV quoted and defused, controls
 * as U+FFFD (JSON: escaped), literals and null in JSON, the filling column cut to fit. */
static void
test_records (void)
{
  const char *first[] = { "7@example.com", "=Lobby, \"Eingang\"\033[2J", "true", NULL };
  const char *second[] = { "42@example.com", "Kiosk", "false", "2026-12-24T18:00:00+01:00" };
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autofree char *table = NULL;
  g_autofree char *empty = NULL;

  g_ptr_array_add (rows, first);
  g_ptr_array_add (rows, second);

  csv = write_records (rows, MQ_EXPORT_FORMAT_CSV, 0);
  g_assert_cmpstr (csv, ==,
                   "id,name,current,expires\r\n"
                   "7@example.com,\"'=Lobby, \"\"Eingang\"\"\xef\xbf\xbd[2J\",true,\r\n"
                   "42@example.com,Kiosk,false,2026-12-24T18:00:00+01:00\r\n");

  json = write_records (rows, MQ_EXPORT_FORMAT_JSON, 0);
  g_assert_cmpstr (json, ==,
                   "[\n"
                   "  {\n"
                   "    \"id\" : \"7@example.com\",\n"
                   "    \"name\" : \"=Lobby, \\\"Eingang\\\"\\u001b[2J\",\n"
                   "    \"current\" : true,\n"
                   "    \"expires\" : null\n"
                   "  },\n"
                   "  {\n"
                   "    \"id\" : \"42@example.com\",\n"
                   "    \"name\" : \"Kiosk\",\n"
                   "    \"current\" : false,\n"
                   "    \"expires\" : \"2026-12-24T18:00:00+01:00\"\n"
                   "  }\n"
                   "]\n");

  /* 14 + 2 + name + 2 + 7 + 2 + 25 = 64: the name gets 12 columns. */
  table = write_records (rows, MQ_EXPORT_FORMAT_TABLE, 64);
  g_assert_cmpstr (table, ==,
                   "ID              NAME          CURRENT  EXPIRES\n"
                   "7@example.com   =Lobby, \"Ei\xe2\x80\xa6  true\n"
                   "42@example.com  Kiosk         false    2026-12-24T18:00:00+01:00\n");

  empty = write_records (none, MQ_EXPORT_FORMAT_JSON, 0);
  g_assert_cmpstr (empty, ==, "[]\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/export/csv", test_csv);
  g_test_add_func ("/export/json", test_json);
  g_test_add_func ("/export/table", test_table);
  g_test_add_func ("/export/empty", test_empty);
  g_test_add_func ("/export/format-names", test_format_names);
  g_test_add_func ("/export/to-file", test_export_to_file);
  g_test_add_func ("/export/json-as-json-glib", test_json_as_json_glib);
  g_test_add_func ("/export/records", test_records);
  g_test_add_func ("/cache/round-trip", test_cache_round_trip);
  g_test_add_func ("/cache/damaged", test_cache_damaged);
  g_test_add_func ("/cache/large", test_cache_large);
  g_test_add_func ("/cache/delete-wins", test_cache_delete_wins);

  return g_test_run ();
}
