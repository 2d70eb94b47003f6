/* test-models.c: playlists, entries, media files, screen groups and users from JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>

#include "mq-api-error.h"
#include "mq-models-private.h"
#include "mq-user.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static MqPlaylist *
playlist_from (const char  *json,
               GError     **error)
{
  g_autoptr(JsonNode) node = parse (json);

  return mq_playlist_new_from_json (json_node_get_object (node), error);
}

static void
assert_local_time (GDateTime *datetime,
                   const char *expected)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (datetime);
  text = g_date_time_format (datetime, "%Y-%m-%d %H:%M:%S");
  g_assert_cmpstr (text, ==, expected);
}

static void
test_playlist_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqPlaylist) playlist = NULL;

  playlist = playlist_from ("{\"id\": 1234, \"name\": \"Lobby – Morgens\", \"comment\": \"Bitte \\\"nicht\\\" ändern\","
                            " \"company_id\": 77, \"label\": \"blue\","
                            " \"created_at\": \"2023-01-02 03:04:05\", \"updated_at\": \"2024-06-07 08:09:10\","
                            " \"deleted_at\": null, \"number_of_entries\": 5, \"playback_entry_count\": 4,"
                            " \"playback_order\": 1, \"playback_rule\": 2, \"type\": 1,"
                            " \"is_advertised\": 0, \"is_default\": 1, \"is_demo\": 0, \"is_shared\": 1,"
                            " \"events_count\": 3}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (playlist);

  g_assert_cmpint (mq_playlist_get_id (playlist), ==, 1234);
  g_assert_cmpstr (mq_playlist_get_name (playlist), ==, "Lobby – Morgens");
  g_assert_cmpstr (mq_playlist_get_comment (playlist), ==, "Bitte \"nicht\" ändern");
  g_assert_cmpstr (mq_playlist_get_label (playlist), ==, "blue");
  g_assert_cmpint (mq_playlist_get_company_id (playlist), ==, 77);
  {
    g_autoptr(GDateTime) created_at = mq_playlist_dup_created_at (playlist);
    g_autoptr(GDateTime) updated_at = mq_playlist_dup_updated_at (playlist);

    assert_local_time (created_at, "2023-01-02 03:04:05");
    assert_local_time (updated_at, "2024-06-07 08:09:10");
  }
  g_assert_cmpuint (mq_playlist_get_number_of_entries (playlist), ==, 5);
  g_assert_cmpuint (mq_playlist_get_playback_entry_count (playlist), ==, 4);
  g_assert_cmpint (mq_playlist_get_playback_order (playlist), ==, 1);
  g_assert_cmpint (mq_playlist_get_playback_rule (playlist), ==, 2);
  g_assert_cmpint (mq_playlist_get_playlist_type (playlist), ==, 1);
  g_assert_cmpint (mq_playlist_get_flags (playlist), ==,
                   MQ_PLAYLIST_FLAGS_SHARED | MQ_PLAYLIST_FLAGS_DEFAULT);
  g_assert_cmpuint (mq_playlist_get_events_count (playlist), ==, 3);
  /* The list call carries no entries: not loaded, which is not "none". */
  g_assert_null (mq_playlist_get_entries (playlist));
  g_assert_cmpuint (mq_playlist_get_total_duration (playlist), ==, 0);

  /* The read-only properties, for GtkExpression sorters and filters. */
  {
    g_autofree char *name = NULL;
    guint n_entries = 0;
    MqPlaylistFlags flags = 0;

    g_object_get (playlist, "name", &name, "number-of-entries", &n_entries, "flags", &flags, NULL);
    g_assert_cmpstr (name, ==, "Lobby – Morgens");
    g_assert_cmpuint (n_entries, ==, 5);
    g_assert_cmpint (flags, ==, MQ_PLAYLIST_FLAGS_SHARED | MQ_PLAYLIST_FLAGS_DEFAULT);
  }
}

static void
test_playlist_tolerant (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqPlaylist) playlist = NULL;

  /* String numbers, booleans and "1", nulls, unknown members, a missing rest. */
  playlist = playlist_from ("{\"id\": \"0042\", \"name\": \"Nur Name\", \"comment\": null, \"label\": null,"
                            " \"company_id\": \"9\", \"number_of_entries\": \"12\", \"type\": null,"
                            " \"is_shared\": true, \"is_default\": false, \"is_demo\": \"1\","
                            " \"is_advertised\": \"true\", \"updated_at\": null, \"created_at\": \"bald\","
                            " \"unknown\": {\"deep\": [1, 2, {\"x\": null}]}, \"events_count\": -4}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (playlist);
  g_assert_cmpint (mq_playlist_get_id (playlist), ==, 42);
  g_assert_cmpstr (mq_playlist_get_name (playlist), ==, "Nur Name");
  g_assert_null (mq_playlist_get_comment (playlist));
  g_assert_null (mq_playlist_get_label (playlist));
  g_assert_cmpint (mq_playlist_get_company_id (playlist), ==, 9);
  g_assert_cmpuint (mq_playlist_get_number_of_entries (playlist), ==, 12);
  g_assert_cmpint (mq_playlist_get_playlist_type (playlist), ==, 0);
  g_assert_cmpint (mq_playlist_get_flags (playlist), ==,
                   MQ_PLAYLIST_FLAGS_SHARED | MQ_PLAYLIST_FLAGS_DEMO | MQ_PLAYLIST_FLAGS_ADVERTISED);
  g_assert_null (mq_playlist_dup_updated_at (playlist));
  g_assert_null (mq_playlist_dup_created_at (playlist));
  g_assert_cmpuint (mq_playlist_get_events_count (playlist), ==, 0);
  g_clear_object (&playlist);

  /* The bare minimum. */
  playlist = playlist_from ("{\"id\": 1, \"name\": \"\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mq_playlist_get_name (playlist), ==, "");
  g_assert_cmpint (mq_playlist_get_flags (playlist), ==, MQ_PLAYLIST_FLAGS_NONE);
}

/* The name and the comment share one allocation: each keeps its own last value, an
 * empty comment stays empty. */
static void
test_playlist_name_and_comment (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqPlaylist) twice = NULL;
  g_autoptr(MqPlaylist) empty = NULL;

  twice = playlist_from ("{\"comment\": \"first\", \"id\": 5, \"name\": \"Alt\","
                         " \"comment\": \"Zweiter Kommentar, l\\u00e4nger\", \"name\": \"Neu\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mq_playlist_get_name (twice), ==, "Neu");
  g_assert_cmpstr (mq_playlist_get_comment (twice), ==, "Zweiter Kommentar, länger");

  empty = playlist_from ("{\"id\": 6, \"name\": \"\", \"comment\": \"\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mq_playlist_get_name (empty), ==, "");
  g_assert_cmpstr (mq_playlist_get_comment (empty), ==, "");

}

/* A playlist keeps its codes (type, playback order and rule) in a byte each when they
 * fit: any other int the server sends reads, compares and serializes the same, and
 * the comment's presence is not one of its flags. */
static void
test_playlist_wide_numbers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqPlaylist) wide = NULL;
  g_autoptr(MqPlaylist) narrow = NULL;
  g_autoptr(MqPlaylist) again = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  int type = 0;

  /* 300 and 44 share their low byte, as do -129 and 127, 70000 and 112. */
  wide = playlist_from ("{\"id\": 3, \"name\": \"Breit\", \"comment\": \"c\", \"is_demo\": 1,"
                        " \"playback_order\": 7, \"type\": 300, \"playback_rule\": -129,"
                        " \"playback_order\": 70000}", &error);
  g_assert_no_error (error);
  narrow = playlist_from ("{\"id\": 3, \"name\": \"Breit\", \"comment\": \"c\", \"is_demo\": 1,"
                          " \"type\": 44, \"playback_rule\": 127, \"playback_order\": 112}", &error);
  g_assert_no_error (error);

  g_assert_cmpint (mq_playlist_get_playlist_type (wide), ==, 300);
  g_assert_cmpint (mq_playlist_get_playback_rule (wide), ==, -129);
  g_assert_cmpint (mq_playlist_get_playback_order (wide), ==, 70000);
  g_assert_cmpint (mq_playlist_get_playlist_type (narrow), ==, 44);
  g_assert_cmpint (mq_playlist_get_playback_rule (narrow), ==, 127);
  g_assert_cmpint (mq_playlist_get_playback_order (narrow), ==, 112);
  g_object_get (wide, "playlist-type", &type, NULL);
  g_assert_cmpint (type, ==, 300);
  g_assert_cmpint (mq_playlist_get_flags (wide), ==, MQ_PLAYLIST_FLAGS_DEMO);
  g_assert_null (mq_playlist_get_entries (wide));
  g_assert_false (mq_playlist_equal (wide, narrow));

  mq_playlist_serialize (wide, builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  g_assert_nonnull (strstr (text, "\"playback_order\":70000,\"playback_rule\":-129,\"type\":300,"));
  again = mq_playlist_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_true (mq_playlist_equal (wide, again));
}

/* An index sorts by id, keeping repeated ids in their order, and finds the first
 * playlist of an id, or where it would be. */
static void
test_playlist_index (void)
{
  g_autoptr(GPtrArray) playlists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) index = NULL;
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  const guint ids[] = { 30, 10, 20, 10, 40 };
  MqPlaylist *first_ten, *second_ten;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\": %u, \"name\": \"P%u\"}", ids[i], i);

      g_ptr_array_add (playlists, playlist_from (json, NULL));
    }
  first_ten = playlists->pdata[1];
  second_ten = playlists->pdata[3];

  /* A new array holding its own references: the playlists outlive the one given. */
  index = mq_playlist_index_new (playlists);
  g_clear_pointer (&playlists, g_ptr_array_unref);
  g_assert_cmpuint (index->len, ==, G_N_ELEMENTS (ids));
  g_assert_true (index->pdata[0] == first_ten);
  g_assert_true (index->pdata[1] == second_ten);
  for (guint i = 1; i < index->len; i++)
    g_assert_cmpint (mq_playlist_get_id (index->pdata[i - 1]), <=, mq_playlist_get_id (index->pdata[i]));

  g_assert_cmpuint (mq_playlist_index_bisect (index, 10), ==, 0);
  g_assert_cmpuint (mq_playlist_index_bisect (index, 20), ==, 2);
  g_assert_cmpuint (mq_playlist_index_bisect (index, 25), ==, 3);
  g_assert_cmpuint (mq_playlist_index_bisect (index, 5), ==, 0);
  g_assert_cmpuint (mq_playlist_index_bisect (index, 99), ==, 5);
  g_assert_true (mq_playlist_index_lookup (index, 10) == first_ten);
  g_assert_cmpint (mq_playlist_get_id (mq_playlist_index_lookup (index, 40)), ==, 40);
  g_assert_null (mq_playlist_index_lookup (index, 25));
  g_assert_null (mq_playlist_index_lookup (index, 99));
  g_assert_null (mq_playlist_index_lookup (empty, 10));
  g_assert_cmpuint (mq_playlist_index_bisect (empty, 10), ==, 0);
}

static void
test_playlist_invalid (void)
{
  static const char * const invalid[] = {
    "{\"name\": \"no id\"}",
    "{\"id\": null, \"name\": \"null id\"}",
    "{\"id\": 0, \"name\": \"zero id\"}",
    "{\"id\": -5, \"name\": \"negative id\"}",
    "{\"id\": \"abc\", \"name\": \"word id\"}",
    "{\"id\": 1.5, \"name\": \"fraction id\"}",
    "{\"id\": [1], \"name\": \"array id\"}",
    "{\"id\": true, \"name\": \"boolean id\"}",
    "{\"id\": 7}",
    "{\"id\": 7, \"name\": null}",
    "{\"id\": 7, \"name\": 12}",
    "{\"id\": 7, \"name\": {\"de\": \"Liste\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MqPlaylist) playlist = playlist_from (invalid[i], &error);

      g_assert_null (playlist);
      g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
    }
}

static void
check_entries_under (const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqPlaylist) playlist = NULL;
  g_autofree char *json = NULL;
  GListModel *entries;
  MqPlaylistEntry *entry;
  MqMediaFile *media_file;
  static const gint64 expected_ids[] = { 30, 10, 20, 25 };

  /* Out of order, one without an id, one not an object, one with index ties. */
  json = g_strdup_printf ("{\"id\": 5, \"name\": \"Mit Einträgen\", \"number_of_entries\": 9,"
                          " \"%s\": ["
                          "  {\"id\": 10, \"index\": 2, \"duration\": 15, \"media_file_id\": 100,"
                          "   \"playlist_id_as_nested_playlist\": null, \"play_rule\": 0,"
                          "   \"start_date\": \"2024-01-01\", \"end_date\": \"2024-12-31\","
                          "   \"start_time\": \"08:00:00\", \"end_time\": \"18:30:00\", \"weekdays\": 62,"
                          "   \"is_sound_played\": 1, \"playlist_id\": 5,"
                          "   \"media_file\": {\"id\": 100, \"name\": \"Begrüßung.mp4\", \"status\": 3,"
                          "     \"attachable_type\": \"PhysicalFile\", \"original_name\": \"begruessung.mp4\","
                          "     \"mime_type\": \"video/mp4\", \"file_size\": \"1048576\", \"duration\": 15,"
                          "     \"width\": 1920, \"height\": 1080}},"
                          "  {\"index\": 0, \"duration\": 99},"
                          "  \"not an entry\","
                          "  {\"id\": 30, \"index\": 1, \"duration\": \"10\", \"media_file_id\": null,"
                          "   \"playlist_id_as_nested_playlist\": 77, \"play_rule\": 1, \"weekdays\": 255},"
                          "  {\"id\": 25, \"index\": 3, \"duration\": 5, \"play_rule\": 2,"
                          "   \"media_file\": {\"id\": 300, \"attachable_type\": null}},"
                          "  {\"id\": 20, \"index\": 2, \"duration\": 20, \"play_rule\": 9, \"media_file_id\": 200}"
                          "]}", key);
  playlist = playlist_from (json, &error);
  g_assert_no_error (error);

  entries = mq_playlist_get_entries (playlist);
  g_assert_nonnull (entries);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, G_N_ELEMENTS (expected_ids));
  for (guint i = 0; i < G_N_ELEMENTS (expected_ids); i++)
    {
      g_autoptr(MqPlaylistEntry) item = g_list_model_get_item (entries, i);

      g_assert_cmpint (mq_playlist_entry_get_id (item), ==, expected_ids[i]);
    }
  /* The entries are the truth about their number. */
  g_assert_cmpuint (mq_playlist_get_number_of_entries (playlist), ==, 4);
  g_assert_cmpuint (mq_playlist_get_total_duration (playlist), ==, 15 + 10 + 5 + 20);

  entry = g_list_model_get_item (entries, 1);
  g_object_unref (entry); /* the list keeps it alive */
  g_assert_cmpint (mq_playlist_entry_get_index (entry), ==, 2);
  g_assert_cmpuint (mq_playlist_entry_get_duration (entry), ==, 15);
  g_assert_true (mq_playlist_entry_get_sound_played (entry));
  g_assert_cmpint (mq_playlist_entry_get_play_rule (entry), ==, MQ_PLAY_RULE_SCHEDULED);
  g_assert_cmpstr (mq_playlist_entry_get_start_date (entry), ==, "2024-01-01");
  g_assert_cmpstr (mq_playlist_entry_get_end_date (entry), ==, "2024-12-31");
  g_assert_cmpstr (mq_playlist_entry_get_start_time (entry), ==, "08:00:00");
  g_assert_cmpstr (mq_playlist_entry_get_end_time (entry), ==, "18:30:00");
  g_assert_cmpint (mq_playlist_entry_get_weekdays (entry), ==,
                   MQ_WEEKDAYS_MONDAY | MQ_WEEKDAYS_TUESDAY | MQ_WEEKDAYS_WEDNESDAY |
                   MQ_WEEKDAYS_THURSDAY | MQ_WEEKDAYS_FRIDAY);
  g_assert_cmpint (mq_playlist_entry_get_playlist_id (entry), ==, 5);
  g_assert_cmpint (mq_playlist_entry_get_media_file_id (entry), ==, 100);
  g_assert_cmpint (mq_playlist_entry_get_nested_playlist_id (entry), ==, 0);

  media_file = mq_playlist_entry_get_media_file (entry);
  g_assert_nonnull (media_file);
  g_assert_cmpint (mq_media_file_get_id (media_file), ==, 100);
  g_assert_cmpstr (mq_media_file_get_name (media_file), ==, "Begrüßung.mp4");
  g_assert_cmpint (mq_media_file_get_status (media_file), ==, MQ_MEDIA_STATUS_CONVERTED);
  g_assert_cmpint (mq_media_file_get_kind (media_file), ==, MQ_MEDIA_KIND_VIDEO);
  g_assert_cmpstr (mq_media_file_get_original_name (media_file), ==, "begruessung.mp4");
  g_assert_cmpstr (mq_media_file_get_mime_type (media_file), ==, "video/mp4");
  g_assert_cmpuint (mq_media_file_get_file_size (media_file), ==, 1048576);
  g_assert_cmpuint (mq_media_file_get_duration (media_file), ==, 15);
  g_assert_cmpuint (mq_media_file_get_width (media_file), ==, 1920);
  g_assert_cmpuint (mq_media_file_get_height (media_file), ==, 1080);

  entry = g_list_model_get_item (entries, 0);
  g_object_unref (entry);
  g_assert_cmpint (mq_playlist_entry_get_nested_playlist_id (entry), ==, 77);
  g_assert_cmpint (mq_playlist_entry_get_media_file_id (entry), ==, 0);
  g_assert_null (mq_playlist_entry_get_media_file (entry));
  g_assert_cmpint (mq_playlist_entry_get_play_rule (entry), ==, MQ_PLAY_RULE_ALWAYS);
  g_assert_cmpint (mq_playlist_entry_get_weekdays (entry), ==, MQ_WEEKDAYS_ALL);
  g_assert_null (mq_playlist_entry_get_start_date (entry));

  /* The id of an embedded media file stands in for a missing media_file_id. */
  entry = g_list_model_get_item (entries, 3);
  g_object_unref (entry);
  g_assert_cmpint (mq_playlist_entry_get_id (entry), ==, 25);
  g_assert_cmpint (mq_playlist_entry_get_media_file_id (entry), ==, 300);
  g_assert_cmpint (mq_playlist_entry_get_play_rule (entry), ==, MQ_PLAY_RULE_NEVER);
  g_assert_cmpint (mq_media_file_get_kind (mq_playlist_entry_get_media_file (entry)), ==,
                   MQ_MEDIA_KIND_FOLDER);

  /* An unknown play rule plays always. */
  entry = g_list_model_get_item (entries, 2);
  g_object_unref (entry);
  g_assert_cmpint (mq_playlist_entry_get_id (entry), ==, 20);
  g_assert_cmpint (mq_playlist_entry_get_play_rule (entry), ==, MQ_PLAY_RULE_ALWAYS);
}

static void
test_playlist_entries (void)
{
  check_entries_under ("entries");
  check_entries_under ("playlist_entries");
  check_entries_under ("playlistEntries");
}

static void
test_playlist_no_entries (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqPlaylist) playlist = playlist_from ("{\"id\": 3, \"name\": \"Leer\", \"entries\": []}", &error);

  g_assert_no_error (error);
  g_assert_nonnull (mq_playlist_get_entries (playlist));
  g_assert_cmpuint (g_list_model_get_n_items (mq_playlist_get_entries (playlist)), ==, 0);
  g_assert_cmpuint (mq_playlist_get_total_duration (playlist), ==, 0);
}

static void
test_playlist_serialize (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqPlaylist) playlist = NULL;
  g_autoptr(MqPlaylist) again = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) root_again = NULL;
  g_autoptr(JsonBuilder) builder_again = json_builder_new ();
  g_autoptr(MqPlaylistEntry) entry = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;

  playlist = playlist_from ("{\"id\": \"8\", \"name\": \"Runde\", \"comment\": \"a, b\", \"label\": null,"
                            " \"company_id\": 3, \"created_at\": \"2020-05-06 07:08:09\","
                            " \"updated_at\": \"2021-05-06 07:08:09\", \"number_of_entries\": 1,"
                            " \"playback_entry_count\": 1, \"playback_order\": 1, \"playback_rule\": 0,"
                            " \"type\": 1, \"is_shared\": true, \"is_default\": 0, \"is_demo\": \"1\","
                            " \"is_advertised\": false, \"events_count\": 2,"
                            " \"playlist_entries\": [{\"id\": 1, \"index\": 0, \"duration\": 8,"
                            "   \"media_file_id\": 4, \"media_file\": {\"id\": 4, \"name\": \"Bild\","
                            "   \"attachable_type\": \"App\\\\Models\\\\PhysicalFile\", \"mime_type\": \"image/png\"}}]}",
                            &error);
  g_assert_no_error (error);

  mq_playlist_serialize (playlist, builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"id\":8,\"name\":\"Runde\",\"comment\":\"a, b\",\"label\":null,\"company_id\":3,"
                   "\"created_at\":\"2020-05-06 07:08:09\",\"updated_at\":\"2021-05-06 07:08:09\","
                   "\"number_of_entries\":1,\"playback_entry_count\":1,\"playback_order\":1,"
                   "\"playback_rule\":0,\"type\":1,\"is_shared\":1,\"is_default\":0,\"is_demo\":1,"
                   "\"is_advertised\":0,\"events_count\":2,\"entries\":[{\"id\":1,\"index\":0,"
                   "\"duration\":8,\"is_sound_played\":0,\"play_rule\":1,\"start_date\":null,"
                   "\"end_date\":null,\"start_time\":null,\"end_time\":null,\"weekdays\":127,"
                   "\"media_file_id\":4,\"playlist_id_as_nested_playlist\":null,\"media_file\":"
                   "{\"id\":4,\"name\":\"Bild\",\"status\":3,\"attachable_type\":\"PhysicalFile\","
                   "\"mime_type\":\"image/png\",\"file_size\":0,\"duration\":0,\"width\":0,\"height\":0}}]}");

  /* What is written reads back the same. */
  again = mq_playlist_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  mq_playlist_serialize (again, builder_again);
  root_again = json_builder_get_root (builder_again);
  text_again = json_to_string (root_again, FALSE);
  g_assert_cmpstr (text_again, ==, text);

  entry = g_list_model_get_item (mq_playlist_get_entries (again), 0);
  g_assert_cmpint (mq_media_file_get_kind (mq_playlist_entry_get_media_file (entry)), ==,
                   MQ_MEDIA_KIND_IMAGE);
}

/* One member of a playlist's JSON given another value. */
typedef struct
{
  const char *member;
  const char *value;
} MemberChange;

static const char * const equal_base[][2] = {
  { "id", "21" },
  { "name", "\"Foyer\"" },
  { "comment", "\"Nur morgens\"" },
  { "label", "\"blue\"" },
  { "company_id", "77" },
  { "created_at", "\"2023-01-02 03:04:05\"" },
  { "updated_at", "\"2024-06-07 08:09:10\"" },
  { "number_of_entries", "5" },
  { "playback_entry_count", "4" },
  { "playback_order", "1" },
  { "playback_rule", "2" },
  { "type", "1" },
  { "is_shared", "1" },
  { "is_default", "0" },
  { "is_demo", "0" },
  { "is_advertised", "1" },
  { "events_count", "3" },
};

static MqPlaylist *
playlist_changed (const MemberChange *change)
{
  g_autoptr(GString) json = g_string_new ("{");
  g_autoptr(GError) error = NULL;
  MqPlaylist *playlist;

  for (guint i = 0; i < G_N_ELEMENTS (equal_base); i++)
    {
      const char *value = equal_base[i][1];

      if (change != NULL && g_str_equal (change->member, equal_base[i][0]))
        value = change->value;
      if (value != NULL)
        g_string_append_printf (json, "%s\"%s\": %s", i > 0 ? ", " : "", equal_base[i][0], value);
    }
  g_string_append_c (json, '}');

  playlist = playlist_from (json->str, &error);
  g_assert_no_error (error);
  return playlist;
}

/* Equal in every parsed field, one field kind at a time unequal; never equal with entries. */
static void
test_playlist_equal (void)
{
  static const MemberChange changes[] = {
    { "id", "22" },
    { "name", "\"Foyer \"" },
    { "name", "\"foyer\"" },
    { "comment", "\"Nur abends\"" },
    { "comment", "\"\"" },          /* an empty comment is not no comment */
    { "comment", NULL },
    { "label", "\"green\"" },
    { "label", NULL },
    { "company_id", "78" },
    { "created_at", "\"2023-01-02 03:04:06\"" },
    { "created_at", NULL },
    { "updated_at", "\"2024-06-07 08:09:11\"" },
    { "updated_at", NULL },
    { "number_of_entries", "6" },
    { "playback_entry_count", "3" },
    { "playback_order", "0" },
    { "playback_rule", "1" },
    { "type", "2" },
    { "is_shared", "0" },
    { "is_default", "1" },
    { "is_demo", "1" },
    { "is_advertised", "0" },
    { "events_count", "4" },
  };
  static const MemberChange empty_comment = { "comment", "\"\"" };
  static const MemberChange no_comment = { "comment", NULL };
  g_autoptr(MqPlaylist) base = playlist_changed (NULL);
  g_autoptr(MqPlaylist) same = playlist_changed (NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MqPlaylist) read_back = NULL;
  g_autoptr(MqPlaylist) full = NULL;
  g_autoptr(MqPlaylist) full_again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (base != same);
  g_assert_true (mq_playlist_equal (base, same));
  g_assert_true (mq_playlist_equal (same, base));
  g_assert_true (mq_playlist_equal (base, base));

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autoptr(MqPlaylist) changed = playlist_changed (&changes[i]);

      g_test_message ("%s: %s", changes[i].member, changes[i].value ? changes[i].value : "(missing)");
      g_assert_false (mq_playlist_equal (base, changed));
      g_assert_false (mq_playlist_equal (changed, base));
    }

  /* An empty comment and no comment are each equal to themselves. */
  {
    g_autoptr(MqPlaylist) empty_a = playlist_changed (&empty_comment);
    g_autoptr(MqPlaylist) empty_b = playlist_changed (&empty_comment);
    g_autoptr(MqPlaylist) none_a = playlist_changed (&no_comment);
    g_autoptr(MqPlaylist) none_b = playlist_changed (&no_comment);

    g_assert_true (mq_playlist_equal (empty_a, empty_b));
    g_assert_true (mq_playlist_equal (none_a, none_b));
    g_assert_false (mq_playlist_equal (empty_a, none_a));
  }

  /* As the cache writes and reads it: equal to the one from the server. */
  mq_playlist_serialize (base, builder);
  root = json_builder_get_root (builder);
  read_back = mq_playlist_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_true (mq_playlist_equal (base, read_back));

  /* A full playlist is never taken for a list item, nor for itself. */
  full = playlist_from ("{\"id\": 21, \"name\": \"Foyer\", \"entries\": []}", &error);
  g_assert_no_error (error);
  full_again = playlist_from ("{\"id\": 21, \"name\": \"Foyer\", \"entries\": []}", &error);
  g_assert_no_error (error);
  g_assert_false (mq_playlist_equal (full, full_again));
  g_assert_false (mq_playlist_equal (full, full));
  g_assert_false (mq_playlist_equal (base, full));
  g_assert_false (mq_playlist_equal (full, base));
}

typedef struct
{
  const char *json;
  MqMediaKind kind;
} KindCase;

static void
test_media_kinds (void)
{
  static const KindCase cases[] = {
    { "{\"id\": 1, \"attachable_type\": null}", MQ_MEDIA_KIND_FOLDER },
    { "{\"id\": 1}", MQ_MEDIA_KIND_UNKNOWN },
    { "{\"id\": 1, \"attachable_type\": \"Website\"}", MQ_MEDIA_KIND_WEBSITE },
    { "{\"id\": 1, \"attachable_type\": \"Template\"}", MQ_MEDIA_KIND_TEMPLATE },
    { "{\"id\": 1, \"attachable_type\": \"Content\"}", MQ_MEDIA_KIND_CONTENT },
    { "{\"id\": 1, \"attachable_type\": \"PhysicalFile\", \"mime_type\": \"image/jpeg\"}", MQ_MEDIA_KIND_IMAGE },
    { "{\"id\": 1, \"attachable_type\": \"PhysicalFile\", \"mime_type\": \"Video/WebM\"}", MQ_MEDIA_KIND_VIDEO },
    { "{\"id\": 1, \"attachable_type\": \"PhysicalFile\", \"mime_type\": \"application/pdf\"}", MQ_MEDIA_KIND_FILE },
    { "{\"id\": 1, \"attachable_type\": \"PhysicalFile\"}", MQ_MEDIA_KIND_FILE },
    { "{\"id\": 1, \"attachable_type\": \"App\\\\Website\"}", MQ_MEDIA_KIND_WEBSITE },
    { "{\"id\": 1, \"attachable_type\": \"Hologram\"}", MQ_MEDIA_KIND_UNKNOWN },
    { "{\"id\": 1, \"attachable_type\": 5}", MQ_MEDIA_KIND_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(MqMediaFile) media_file = mq_media_file_new_from_json (json_node_get_object (node), &error);

      g_assert_no_error (error);
      g_assert_cmpint (mq_media_file_get_kind (media_file), ==, cases[i].kind);
    }

  {
    g_autoptr(JsonNode) node = parse ("{\"name\": \"no id\"}");
    g_autoptr(GError) error = NULL;

    g_assert_null (mq_media_file_new_from_json (json_node_get_object (node), &error));
    g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
  }

  {
    g_autoptr(JsonNode) node = parse ("{\"id\": 2, \"status\": 0}");
    g_autoptr(MqMediaFile) media_file = mq_media_file_new_from_json (json_node_get_object (node), NULL);

    g_assert_cmpint (mq_media_file_get_status (media_file), ==, MQ_MEDIA_STATUS_WAITING);
    g_assert_null (mq_media_file_get_name (media_file));
    g_assert_null (mq_media_file_get_mime_type (media_file));
  }
}

static void
test_entry_invalid (void)
{
  g_autoptr(JsonNode) node = parse ("{\"index\": 1, \"duration\": 10}");
  g_autoptr(GError) error = NULL;

  g_assert_null (mq_playlist_entry_new_from_json (json_node_get_object (node), &error));
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
}

static MqDeviceGroup *
device_group_from (const char  *json,
                   GError     **error)
{
  g_autoptr(JsonNode) node = parse (json);

  return mq_device_group_new_from_json (json_node_get_object (node), error);
}

static void
test_device_group (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqDeviceGroup) group = NULL;

  group = device_group_from ("{\"id\": 3, \"name\": \"Empfang\", \"playlist_id\": 12,"
                             " \"playlist\": {\"id\": 12, \"name\": \"Lobby\"}, \"devices_count\": 4}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mq_device_group_get_id (group), ==, 3);
  g_assert_cmpstr (mq_device_group_get_name (group), ==, "Empfang");
  g_assert_cmpint (mq_device_group_get_playlist_id (group), ==, 12);
  g_assert_cmpstr (mq_device_group_get_playlist_name (group), ==, "Lobby");
  g_assert_cmpint (mq_device_group_get_device_count (group), ==, 4);
  g_clear_object (&group);

  /* Only the embedded playlist. */
  group = device_group_from ("{\"id\": \"4\", \"name\": \"Kantine\", \"playlist\": {\"id\": \"13\","
                             " \"name\": \"Menü\"}, \"devices\": [{}, {}, {}]}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mq_device_group_get_playlist_id (group), ==, 13);
  g_assert_cmpstr (mq_device_group_get_playlist_name (group), ==, "Menü");
  g_assert_cmpint (mq_device_group_get_device_count (group), ==, 3);
  g_clear_object (&group);

  /* No playlist, no count. */
  group = device_group_from ("{\"id\": 5, \"name\": \"Lager\", \"playlist_id\": null, \"playlist\": null}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mq_device_group_get_playlist_id (group), ==, 0);
  g_assert_null (mq_device_group_get_playlist_name (group));
  g_assert_cmpint (mq_device_group_get_device_count (group), ==, -1);
  g_clear_object (&group);

  /* An embedded playlist that is another one than playlist_id names is not its name. */
  group = device_group_from ("{\"id\": 6, \"name\": \"Flur\", \"playlist_id\": 20,"
                             " \"playlist\": {\"id\": 21, \"name\": \"Andere\"}}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mq_device_group_get_playlist_id (group), ==, 20);
  g_assert_null (mq_device_group_get_playlist_name (group));
  g_clear_object (&group);

  group = device_group_from ("{\"name\": \"ohne id\"}", &error);
  g_assert_null (group);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
  g_clear_error (&error);

  group = device_group_from ("{\"id\": 9}", &error);
  g_assert_null (group);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
}

typedef struct
{
  const char *json;
  const char *display_name;
  const char *email;
  gint64 company_id;
  const char *company_name;
} UserCase;

static void
test_user (void)
{
  static const UserCase cases[] = {
    { "{\"id\": 42, \"name\": \"Erika Mustermann\", \"email\": \"erika@example.com\","
      " \"company_id\": 7, \"company\": {\"id\": 7, \"name\": \"Musterfirma\"}}",
      "Erika Mustermann", "erika@example.com", 7, "Musterfirma" },
    { "{\"data\": {\"id\": \"42\", \"first_name\": \"Erika\", \"last_name\": \"Mustermann\","
      " \"company\": {\"id\": 8}}}",
      "Erika Mustermann", NULL, 8, NULL },
    { "{\"id\": 42, \"name\": \"  \", \"first_name\": \"Erika\", \"email\": \"erika@example.com\"}",
      "Erika", "erika@example.com", 0, NULL },
    { "{\"id\": 42, \"name\": null, \"email\": \"erika@example.com\", \"company_name\": \"Firma\"}",
      "erika@example.com", "erika@example.com", 0, "Firma" },
    { "{\"id\": 42}", "viewneo user 42", NULL, 0, NULL },
  };
  static const char * const invalid[] = {
    "{\"name\": \"Erika\"}", "{\"data\": {\"name\": \"Erika\"}}", "[{\"id\": 1}]", "\"user\"",
    "{\"id\": 0}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(MqUser) user = mq_user_new_from_json (node, &error);

      g_assert_no_error (error);
      g_assert_cmpint (mq_user_get_id (user), ==, 42);
      g_assert_cmpstr (mq_user_get_display_name (user), ==, cases[i].display_name);
      g_assert_cmpstr (mq_user_get_email (user), ==, cases[i].email);
      g_assert_cmpint (mq_user_get_company_id (user), ==, cases[i].company_id);
      g_assert_cmpstr (mq_user_get_company_name (user), ==, cases[i].company_name);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(JsonNode) node = parse (invalid[i]);
      g_autoptr(GError) error = NULL;

      g_assert_null (mq_user_new_from_json (node, &error));
      g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
    }
}

/* ---- read in place (list pages) and from a tree (details, cache): the same ---- */

static const char * const playlist_documents[] = {
  "{\"id\": 1234, \"name\": \"Lobby – Morgens\", \"comment\": \"Bitte \\\"nicht\\\" ändern\","
  " \"company_id\": 77, \"label\": \"blue\", \"created_at\": \"2023-01-02 03:04:05\","
  " \"updated_at\": \"2024-06-07 08:09:10\", \"deleted_at\": null, \"number_of_entries\": 5,"
  " \"playback_entry_count\": 4, \"playback_order\": 1, \"playback_rule\": 2, \"type\": 1,"
  " \"is_advertised\": 0, \"is_default\": 1, \"is_demo\": 0, \"is_shared\": 1, \"events_count\": 3}",
  "{\"id\": \"0042\", \"name\": \"Nur Name\", \"comment\": null, \"label\": null, \"company_id\": \"9\","
  " \"number_of_entries\": \"12\", \"type\": null, \"is_shared\": true, \"is_default\": false,"
  " \"is_demo\": \"1\", \"is_advertised\": \"true\", \"updated_at\": null, \"created_at\": \"bald\","
  " \"unknown\": {\"deep\": [1, 2, {\"x\": null}]}, \"events_count\": -4}",
  "{\"id\": 1, \"name\": \"\"}",
  "{\"name\": \"no id\"}",
  "{\"id\": null, \"name\": \"null id\"}",
  "{\"id\": 0, \"name\": \"zero id\"}",
  "{\"id\": \"abc\", \"name\": \"word id\"}",
  "{\"id\": 1.5, \"name\": \"fraction id\"}",
  "{\"id\": 2.0, \"name\": \"integral double id\"}",
  "{\"id\": true, \"name\": \"boolean id\"}",
  "{\"id\": 7}",
  "{\"id\": 7, \"name\": 12}",
  /* Escapes everywhere, keys too; a member given twice (the last counts). */
  "{\"\\u0069d\": 8, \"na\\u006de\": \"Caf\\u00e9 \\\"Zentrale\\\"\\n\\uD83D\\uDCFA\","
  " \"label\": \"gr\\u00fcn\", \"comment\": \"a\\\\b\\/c\\t\", \"is_demo\": 1, \"is_demo\": 0,"
  " \"updated_at\": \"2021-05-06 07:08:09\", \"updated_at\": \"2022-05-06T07:08:09Z\"}",
  "{\"id\": 9, \"name\": \"first\", \"name\": null}",
  "{\"id\": 10, \"name\": \"Zwei Listen\", \"playlistEntries\": [{\"id\": 3, \"index\": 1}],"
  " \"entries\": null, \"playlist_entries\": [{\"id\": 4, \"index\": 0, \"duration\": 9,"
  " \"media_file\": {\"id\": 40, \"name\": \"M\\u00fcll.png\", \"attachable_type\": \"PhysicalFile\","
  " \"mime_type\": \"image/png\", \"status\": \"2\", \"file_size\": 123}}, {\"index\": 2}, 17]}",
  "{\"id\": 11, \"name\": \"Leer\", \"entries\": []}",
};

static char *
serialize_playlist (MqPlaylist *playlist)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  mq_playlist_serialize (playlist, builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The members are looked up from the one after the member before: any order, unknown
 * members between them and a member given twice (its last value counts) read the same. */
static void
test_playlist_member_order (void)
{
  static const char * const members[] = {
    "\"id\": 7", "\"company_id\": 3", "\"user_id\": 9", "\"name\": \"Lobby\"",
    "\"comment\": \"Ground floor\"", "\"label\": \"HR\"", "\"type\": 1",
    "\"playback_order\": 1", "\"playback_rule\": 2", "\"playback_entry_count\": 4",
    "\"number_of_entries\": 5", "\"is_default\": 1", "\"is_demo\": 0", "\"is_shared\": 1",
    "\"is_advertised\": 1", "\"created_at\": \"2024-01-02 03:04:05\"",
    "\"updated_at\": \"2024-06-07 08:09:10\"", "\"deleted_at\": null", "\"events_count\": 6",
  };
  static const char * const names[] = { "a", "b", "c", NULL };
  g_autofree char *expected = NULL;

  for (guint order = 0; order < 4; order++)
    {
      g_autoptr(GString) document = g_string_new ("{");
      g_autoptr(MqPlaylist) scanned = NULL;
      g_autoptr(MqPlaylist) from_tree = NULL;
      g_autofree char *text = NULL;
      g_autofree char *tree_text = NULL;
      MqJsonValue root;

      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        {
          /* viewneo's order, reversed, every third first, and with a stale name first. */
          guint n = G_N_ELEMENTS (members);
          guint index = order == 1 ? n - 1 - i : order == 2 ? (i * 3) % n : i;

          if (order == 3 && i == 0)
            g_string_append (document, "\"name\": \"stale\", \"id\": 1, ");
          g_string_append_printf (document, "%s%s", i > 0 ? ", " : "", members[index]);
        }
      g_string_append_c (document, '}');

      g_test_message ("%s", document->str);
      g_assert_true (mq_json_scan (document->str, document->len, &root, NULL));
      scanned = mq_playlist_new_from_value (&root, NULL);
      g_assert_nonnull (scanned);
      g_assert_cmpint (mq_playlist_get_id (scanned), ==, 7);
      g_assert_cmpstr (mq_playlist_get_name (scanned), ==, "Lobby");
      g_assert_cmpstr (mq_playlist_get_comment (scanned), ==, "Ground floor");
      g_assert_cmpstr (mq_playlist_get_label (scanned), ==, "HR");
      /* The same read from json-glib's tree, and whatever the order. */
      from_tree = playlist_from (document->str, NULL);
      g_assert_nonnull (from_tree);
      text = serialize_playlist (scanned);
      tree_text = serialize_playlist (from_tree);
      g_assert_cmpstr (text, ==, tree_text);
      if (expected == NULL)
        expected = g_steal_pointer (&text);
      else
        g_assert_cmpstr (text, ==, expected);
    }

  for (int first = 0; first <= 3; first++)
    {
      g_assert_cmpint (mq_json_key_index_from ("a", names, first), ==, 0);
      g_assert_cmpint (mq_json_key_index_from ("b", names, first), ==, 1);
      g_assert_cmpint (mq_json_key_index_from ("c", names, first), ==, 2);
      g_assert_cmpint (mq_json_key_index_from ("d", names, first), ==, -1);
      g_assert_cmpint (mq_json_key_index_from ("", names, first), ==, -1);
    }
}

static void
test_scanned_playlists (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (playlist_documents); i++)
    {
      const char *document = playlist_documents[i];
      g_autoptr(GError) tree_error = NULL;
      g_autoptr(GError) scan_error = NULL;
      g_autoptr(MqPlaylist) from_tree = playlist_from (document, &tree_error);
      g_autoptr(MqPlaylist) scanned = NULL;
      MqJsonValue root;

      g_test_message ("%s", document);
      g_assert_true (mq_json_scan (document, strlen (document), &root, NULL));
      scanned = mq_playlist_new_from_value (&root, &scan_error);

      g_assert_cmpint (scanned != NULL, ==, from_tree != NULL);
      if (scanned == NULL)
        {
          g_assert_error (scan_error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
          g_assert_error (tree_error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
          g_assert_cmpstr (scan_error->message, ==, tree_error->message);
        }
      else
        {
          g_autofree char *a = serialize_playlist (from_tree);
          g_autofree char *b = serialize_playlist (scanned);

          g_assert_cmpstr (b, ==, a);
        }
    }

  /* What the escapes decode to. */
  {
    const char *document = playlist_documents[12];
    g_autoptr(MqPlaylist) playlist = NULL;
    MqJsonValue root;

    g_assert_true (mq_json_scan (document, strlen (document), &root, NULL));
    playlist = mq_playlist_new_from_value (&root, NULL);
    g_assert_cmpint (mq_playlist_get_id (playlist), ==, 8);
    g_assert_cmpstr (mq_playlist_get_name (playlist), ==, "Café \"Zentrale\"\n📺");
    g_assert_cmpstr (mq_playlist_get_label (playlist), ==, "grün");
    g_assert_cmpstr (mq_playlist_get_comment (playlist), ==, "a\\b/c\t");
    g_assert_cmpint (mq_playlist_get_flags (playlist), ==, MQ_PLAYLIST_FLAGS_NONE);
    /* The later of the two, an ISO 8601 date in UTC. */
    g_assert_true (mq_playlist_get_updated_at_unix (playlist) == 1651820889);
  }

  /* Entries under the preferred key that holds an array. */
  {
    const char *document = playlist_documents[14];
    g_autoptr(MqPlaylist) playlist = NULL;
    g_autoptr(MqPlaylistEntry) entry = NULL;
    MqJsonValue root;

    g_assert_true (mq_json_scan (document, strlen (document), &root, NULL));
    playlist = mq_playlist_new_from_value (&root, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (mq_playlist_get_entries (playlist)), ==, 1);
    entry = g_list_model_get_item (mq_playlist_get_entries (playlist), 0);
    g_assert_cmpint (mq_playlist_entry_get_id (entry), ==, 4);
    g_assert_cmpint (mq_media_file_get_status (mq_playlist_entry_get_media_file (entry)), ==,
                     MQ_MEDIA_STATUS_ERROR);
    g_assert_cmpstr (mq_media_file_get_name (mq_playlist_entry_get_media_file (entry)), ==, "Müll.png");
  }
}

static void
test_scanned_device_groups (void)
{
  static const char * const documents[] = {
    "{\"id\": 3, \"name\": \"Empfang\", \"playlist_id\": 12, \"playlist\": {\"id\": 12, \"name\": \"Lobby\"},"
    " \"devices_count\": 4}",
    "{\"id\": \"4\", \"name\": \"Kantine\", \"playlist\": {\"id\": \"13\", \"name\": \"Men\\u00fc\"},"
    " \"devices\": [{}, {\"id\": [1, 2]}, 3]}",
    "{\"id\": 5, \"name\": \"Lager\", \"playlist_id\": null, \"playlist\": null}",
    "{\"id\": 6, \"name\": \"Flur\", \"playlist_id\": 20, \"playlist\": {\"id\": 21, \"name\": \"Andere\"}}",
    "{\"id\": 7, \"name\": \"Ohne Id\", \"playlist_id\": \"22\", \"playlist\": {\"name\": \"Eingebettet\"},"
    " \"devices_count\": -1, \"devices\": []}",
    "{\"name\": \"ohne id\"}",
    "{\"id\": 9}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) tree_error = NULL;
      g_autoptr(GError) scan_error = NULL;
      g_autoptr(MqDeviceGroup) from_tree = device_group_from (documents[i], &tree_error);
      g_autoptr(MqDeviceGroup) scanned = NULL;
      MqJsonValue root;

      g_test_message ("%s", documents[i]);
      g_assert_true (mq_json_scan (documents[i], strlen (documents[i]), &root, NULL));
      scanned = mq_device_group_new_from_value (&root, &scan_error);

      g_assert_cmpint (scanned != NULL, ==, from_tree != NULL);
      if (scanned == NULL)
        {
          g_assert_cmpstr (scan_error->message, ==, tree_error->message);
          continue;
        }
      g_assert_cmpint (mq_device_group_get_id (scanned), ==, mq_device_group_get_id (from_tree));
      g_assert_cmpstr (mq_device_group_get_name (scanned), ==, mq_device_group_get_name (from_tree));
      g_assert_cmpint (mq_device_group_get_playlist_id (scanned), ==, mq_device_group_get_playlist_id (from_tree));
      g_assert_cmpstr (mq_device_group_get_playlist_name (scanned), ==, mq_device_group_get_playlist_name (from_tree));
      g_assert_cmpint (mq_device_group_get_device_count (scanned), ==, mq_device_group_get_device_count (from_tree));
    }
}

typedef struct
{
  const char     *json;
  gint64          id;        /* 0: the parse fails */
  const char     *name;
  gint64          group_id;
  MqDeviceOnline  online;
  gboolean        has_last_seen;
} DeviceCase;

static const DeviceCase device_cases[] = {
  /* Good, with fields a client ignores. */
  { "{\"id\": 70001, \"name\": \"Foyer links\", \"device_group_id\": 301, \"is_online\": 1,"
    " \"last_seen_at\": \"2026-06-01 12:00:00\", \"serial_number\": \"VN-1\", \"resolution\": \"1920x1080\","
    " \"settings\": {\"volume\": 3}}", 70001, "Foyer links", 301, MQ_DEVICE_ONLINE, TRUE },
  /* Laravel spellings: string ids, booleans, an embedded group. */
  { "{\"id\": \"12\", \"name\": \"Kasse\", \"devicegroup\": {\"id\": \"7\", \"name\": \"Kassen\"},"
    " \"online\": false}", 12, "Kasse", 7, MQ_DEVICE_OFFLINE, FALSE },
  { "{\"id\": 13, \"name\": \"Lager\", \"devicegroup_id\": 8, \"device_group\": {\"id\": 9},"
    " \"last_online_at\": \"2026-06-01T10:00:00Z\"}", 13, "Lager", 8, MQ_DEVICE_ONLINE_UNKNOWN, TRUE },
  /* Wrong types: read as missing, never a crash. */
  { "{\"id\": 14, \"name\": \"Flur\", \"device_group_id\": [1], \"is_online\": {\"a\": 1},"
    " \"last_seen_at\": 12345, \"comment\": 7}", 14, "Flur", 0, MQ_DEVICE_ONLINE_UNKNOWN, FALSE },
  { "{\"id\": 15, \"name\": \"Ohne Gruppe\", \"device_group_id\": null, \"is_online\": null,"
    " \"last_seen_at\": \"gestern\"}", 15, "Ohne Gruppe", 0, MQ_DEVICE_ONLINE_UNKNOWN, FALSE },
  /* Malformed: no usable id or name. */
  { "{\"name\": \"ohne id\"}", 0, NULL, 0, 0, FALSE },
  { "{\"id\": -3, \"name\": \"negativ\"}", 0, NULL, 0, 0, FALSE },
  { "{\"id\": \"x\", \"name\": \"kaputt\"}", 0, NULL, 0, 0, FALSE },
  { "{\"id\": 16}", 0, NULL, 0, 0, FALSE },
  { "{\"id\": 17, \"name\": [\"a\"]}", 0, NULL, 0, 0, FALSE },
};

static void
test_device (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (device_cases); i++)
    {
      const DeviceCase *c = &device_cases[i];
      g_autoptr(JsonNode) node = parse (c->json);
      g_autoptr(GError) tree_error = NULL;
      g_autoptr(GError) scan_error = NULL;
      g_autoptr(MqDevice) from_tree = mq_device_new_from_json (json_node_get_object (node), &tree_error);
      g_autoptr(MqDevice) scanned = NULL;
      g_autoptr(GDateTime) last_seen = NULL;
      MqJsonValue root;

      g_test_message ("%s", c->json);
      g_assert_true (mq_json_scan (c->json, strlen (c->json), &root, NULL));
      scanned = mq_device_new_from_value (&root, &scan_error);

      if (c->id == 0)
        {
          g_assert_null (from_tree);
          g_assert_null (scanned);
          g_assert_error (tree_error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
          g_assert_cmpstr (scan_error->message, ==, tree_error->message);
          continue;
        }

      for (guint k = 0; k < 2; k++)
        {
          MqDevice *device = k == 0 ? from_tree : scanned;

          g_assert_nonnull (device);
          g_assert_cmpint (mq_device_get_id (device), ==, c->id);
          g_assert_cmpstr (mq_device_get_name (device), ==, c->name);
          g_assert_cmpint (mq_device_get_device_group_id (device), ==, c->group_id);
          g_assert_cmpint (mq_device_get_online (device), ==, c->online);
          last_seen = mq_device_dup_last_seen (device);
          g_assert_cmpint (last_seen != NULL, ==, c->has_last_seen);
          g_clear_pointer (&last_seen, g_date_time_unref);
        }
    }
}

/* A group's embedded devices, those that can be read; the count is of all of them. */
static void
test_device_group_devices (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqDeviceGroup) group = NULL;
  g_autoptr(MqDeviceGroup) bare = NULL;
  GPtrArray *devices;

  group = device_group_from ("{\"id\": 4, \"name\": \"Kantine\", \"playlist_id\": 900,"
                             " \"devices\": [{\"id\": 1, \"name\": \"A\"}, {\"id\": 2}, 3, null,"
                             " {\"id\": 5, \"name\": \"B\", \"device_group_id\": 4}]}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mq_device_group_get_playlist_id (group), ==, 900);
  g_assert_cmpint (mq_device_group_get_device_count (group), ==, 5);
  devices = mq_device_group_get_devices (group);
  g_assert_nonnull (devices);
  g_assert_cmpuint (devices->len, ==, 2);
  g_assert_cmpstr (mq_device_get_name (g_ptr_array_index (devices, 0)), ==, "A");
  g_assert_cmpstr (mq_device_get_name (g_ptr_array_index (devices, 1)), ==, "B");

  bare = device_group_from ("{\"id\": 5, \"name\": \"Lager\", \"devices_count\": 3}", &error);
  g_assert_no_error (error);
  g_assert_null (mq_device_group_get_devices (bare));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/models/playlist/full", test_playlist_full);
  g_test_add_func ("/models/playlist/tolerant", test_playlist_tolerant);
  g_test_add_func ("/models/playlist/name-and-comment", test_playlist_name_and_comment);
  g_test_add_func ("/models/playlist/wide-numbers", test_playlist_wide_numbers);
  g_test_add_func ("/models/playlist/index", test_playlist_index);
  g_test_add_func ("/models/playlist/invalid", test_playlist_invalid);
  g_test_add_func ("/models/playlist/entries", test_playlist_entries);
  g_test_add_func ("/models/playlist/no-entries", test_playlist_no_entries);
  g_test_add_func ("/models/playlist/serialize", test_playlist_serialize);
  g_test_add_func ("/models/playlist/equal", test_playlist_equal);
  g_test_add_func ("/models/media-file/kinds", test_media_kinds);
  g_test_add_func ("/models/entry/invalid", test_entry_invalid);
  g_test_add_func ("/models/device-group", test_device_group);
  g_test_add_func ("/models/device-group/devices", test_device_group_devices);
  g_test_add_func ("/models/device", test_device);
  g_test_add_func ("/models/user", test_user);
  g_test_add_func ("/models/scanned/playlists", test_scanned_playlists);
  g_test_add_func ("/models/scanned/member-order", test_playlist_member_order);
  g_test_add_func ("/models/scanned/device-groups", test_scanned_device_groups);

  return g_test_run ();
}
