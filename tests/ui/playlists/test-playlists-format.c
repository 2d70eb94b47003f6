/* test-playlists-format.c: the words, search keys and orders of the playlists view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-test"

#include <gtk/gtk.h>
#include <locale.h>
#include <stdio.h>

#include "mq-name-ranks.h"
#include "mq-playlist-list.h"
#include "mq-playlist-display.h"
#include "mq-playlist-entry.h"
#include "mq-playlist-filter.h"
#include "mq-entry-kind.h"
#include "mq-format-duration.h"
#include "mq-format-schedule.h"
#include "mq-format-time.h"
#include "mq-playlist-format.h"
#include "mq-search-fold.h"
#include "mq-playlist-sorter.h"

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_object_ref (json_node_get_object (node));
}

static MqPlaylist *
playlist_from_json (const char *json)
{
  g_autoptr(JsonObject) object = parse_object (json);
  g_autoptr(GError) error = NULL;
  MqPlaylist *playlist = mq_playlist_new_from_json (object, &error);

  g_assert_no_error (error);

  return playlist;
}

static MqPlaylistEntry *
entry_from_json (const char *json)
{
  g_autoptr(JsonObject) object = parse_object (json);
  g_autoptr(GError) error = NULL;
  MqPlaylistEntry *entry = mq_playlist_entry_new_from_json (object, &error);

  g_assert_no_error (error);

  return entry;
}

#define assert_format(expected, call)                 \
  G_STMT_START {                                      \
    g_autofree char *formatted_ = (call);             \
    g_assert_cmpstr (formatted_, ==, (expected));     \
  } G_STMT_END

static void
test_duration (void)
{
  assert_format ("0:00", mq_format_duration (0));
  assert_format ("0:05", mq_format_duration (5));
  assert_format ("1:30", mq_format_duration (90));
  assert_format ("59:59", mq_format_duration (3599));
  assert_format ("1:02:03", mq_format_duration (3723));

  assert_format ("0 s", mq_format_duration_long (0));
  assert_format ("45 s", mq_format_duration_long (45));
  assert_format ("2 min", mq_format_duration_long (120));
  assert_format ("8 min 30 s", mq_format_duration_long (510));
  assert_format ("1 h", mq_format_duration_long (3600));
  assert_format ("1 h 2 min", mq_format_duration_long (3723));
}

static void
test_weekdays (void)
{
  assert_format ("Every day", mq_format_weekdays (MQ_WEEKDAYS_ALL));
  assert_format ("No days", mq_format_weekdays (MQ_WEEKDAYS_NONE));
  /* viewneo's own example: 62 is Monday to Friday. */
  assert_format ("Mon–Fri", mq_format_weekdays (62));
  assert_format ("Sun", mq_format_weekdays (MQ_WEEKDAYS_SUNDAY));
  assert_format ("Sat, Sun", mq_format_weekdays (MQ_WEEKDAYS_SATURDAY | MQ_WEEKDAYS_SUNDAY));
  assert_format ("Fri–Sun", mq_format_weekdays (MQ_WEEKDAYS_FRIDAY | MQ_WEEKDAYS_SATURDAY |
                                                MQ_WEEKDAYS_SUNDAY));
  assert_format ("Mon, Wed, Fri", mq_format_weekdays (MQ_WEEKDAYS_MONDAY | MQ_WEEKDAYS_WEDNESDAY |
                                                      MQ_WEEKDAYS_FRIDAY));
  assert_format ("Mon, Wed–Fri", mq_format_weekdays (MQ_WEEKDAYS_MONDAY | MQ_WEEKDAYS_WEDNESDAY |
                                                     MQ_WEEKDAYS_THURSDAY | MQ_WEEKDAYS_FRIDAY));
  assert_format ("Mon–Sat", mq_format_weekdays (MQ_WEEKDAYS_ALL & ~MQ_WEEKDAYS_SUNDAY));
  /* Bits above Saturday are not days. */
  assert_format ("Sun", mq_format_weekdays (0x80 | MQ_WEEKDAYS_SUNDAY));
}

static void
test_play_rule (void)
{
  static const struct {
    const char *json;
    const char *expected;
  } cases[] = {
    { "{\"id\": 1, \"play_rule\": 1}", "Always" },
    { "{\"id\": 1, \"play_rule\": 2}", "Never" },
    { "{\"id\": 1, \"play_rule\": 0}", "Scheduled" },
    { "{\"id\": 1, \"play_rule\": 0, \"start_date\": \"2024-03-01\", \"end_date\": \"2024-04-30\","
      " \"start_time\": \"08:00:00\", \"end_time\": \"18:30:00\"}",
      "Scheduled: 03/01/24 – 04/30/24, 08:00–18:30" },
    { "{\"id\": 1, \"play_rule\": 0, \"start_time\": \"08:00:00\"}", "Scheduled: from 08:00" },
    { "{\"id\": 1, \"play_rule\": 0, \"end_date\": \"2024-12-24\"}", "Scheduled: until 12/24/24" },
    /* Unusable parts are left out rather than shown wrong. */
    { "{\"id\": 1, \"play_rule\": 0, \"start_date\": \"someday\", \"end_time\": \"25:99\"}",
      "Scheduled" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MqPlaylistEntry) entry = entry_from_json (cases[i].json);

      assert_format (cases[i].expected, mq_format_play_rule (entry));
    }
}

static void
test_relative_time (void)
{
  /* Now, then (local times, in a zone without daylight saving: TZ=UTC), and the text. */
  static const struct {
    const char *now;
    const char *then;
    const char *expected;
  } cases[] = {
    { "2024-06-15 12:00", "2024-06-15 13:00", "just now" },  /* ahead: clock skew */
    { "2024-06-15 12:00", "2024-06-15 12:00", "just now" },
    { "2024-06-15 12:00", "2024-06-15 11:59", "1 minute ago" },
    { "2024-06-15 12:00", "2024-06-15 11:55", "5 minutes ago" },
    { "2024-06-15 12:00", "2024-06-15 10:00", "2 hours ago" },
    { "2024-06-15 23:59", "2024-06-15 00:01", "23 hours ago" },
    /* The calendar day before, however near or far. */
    { "2024-06-15 00:01", "2024-06-14 23:59", "yesterday" },
    { "2024-06-15 23:59", "2024-06-14 00:01", "yesterday" },
    { "2024-06-15 00:01", "2024-06-13 23:59", "2 days ago" },
    { "2024-06-15 12:00", "2024-06-12 12:00", "3 days ago" },
    /* Whole calendar months. */
    { "2024-03-01 12:00", "2024-01-31 12:00", "1 month ago" },
    { "2024-02-29 12:00", "2024-01-31 12:00", "29 days ago" },
    { "2024-06-15 12:00", "2024-04-16 12:00", "1 month ago" },
    { "2024-06-15 12:00", "2024-04-15 12:00", "2 months ago" },
    { "2024-06-15 12:00", "2023-06-16 12:00", "11 months ago" },
    /* Whole calendar years. */
    { "2024-06-15 12:00", "2023-06-15 12:00", "1 year ago" },
    { "2025-02-28 12:00", "2024-02-29 12:00", "11 months ago" },
    { "2024-06-15 12:00", "2022-04-07 12:00", "2 years ago" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = NULL;
      g_autoptr(GDateTime) then = NULL;
      int y, mo, d, h, mi;

      g_assert_cmpint (sscanf (cases[i].now, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi), ==, 5);
      now = g_date_time_new_local (y, mo, d, h, mi, 0);
      g_assert_cmpint (sscanf (cases[i].then, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi), ==, 5);
      then = g_date_time_new_local (y, mo, d, h, mi, 0);

      g_test_message ("%s → %s", cases[i].then, cases[i].now);
      assert_format (cases[i].expected, mq_format_relative_time (then, now));
    }
}

static void
test_relative_time_zone (void)
{
  /* 23:30 UTC on the 14th is already the 15th in Berlin (UTC+2 in June): "today" is
   * the day of @now's zone. */
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) then = g_date_time_new_utc (2024, 6, 14, 23, 30, 0);

  if (berlin == NULL)
    {
      g_test_skip ("No time zone data for Europe/Berlin");
      return;
    }

  now = g_date_time_new (berlin, 2024, 6, 15, 9, 0, 0);
  assert_format ("7 hours ago", mq_format_relative_time (then, now));
}

static void
test_clock_format (void)
{
  static const struct {
    int         hour;
    int         minute;
    const char *h24;
    const char *h12;
  } cases[] = {
    { 0, 0, "00:00", "12:00 AM" },
    { 0, 5, "00:05", "12:05 AM" },
    { 9, 30, "09:30", "9:30 AM" },
    { 12, 0, "12:00", "12:00 PM" },
    { 15, 5, "15:05", "3:05 PM" },
    { 23, 59, "23:59", "11:59 PM" },
  };
  g_autoptr(MqPlaylistEntry) entry = entry_from_json ("{\"id\": 1, \"play_rule\": 0,"
                                                      " \"start_time\": \"08:00:00\","
                                                      " \"end_time\": \"18:30:00\"}");
  g_autoptr(GDateTime) date = g_date_time_new_local (2024, 6, 15, 15, 5, 0);

  g_assert_cmpint (mq_format_get_clock_format (), ==, MQ_CLOCK_FORMAT_24H);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_local (2024, 6, 15, cases[i].hour,
                                                         cases[i].minute, 0);

      mq_format_set_clock_format (MQ_CLOCK_FORMAT_24H);
      assert_format (cases[i].h24, mq_format_time_of_day (time));
      mq_format_set_clock_format (MQ_CLOCK_FORMAT_12H);
      assert_format (cases[i].h12, mq_format_time_of_day (time));
    }

  /* The exact time and the schedules follow it too; the date is the locale's (%x,
   * "%m/%d/%y" in the C locale). */
  mq_format_set_clock_format (MQ_CLOCK_FORMAT_12H);
  assert_format ("06/15/24, 3:05 PM", mq_format_date_time (date));
  assert_format ("Scheduled: 8:00 AM–6:30 PM", mq_format_play_rule (entry));
  mq_format_set_clock_format (MQ_CLOCK_FORMAT_24H);
  assert_format ("06/15/24, 15:05", mq_format_date_time (date));
  assert_format ("Scheduled: 08:00–18:30", mq_format_play_rule (entry));
}

static void
test_count_and_flags (void)
{
  assert_format ("1 playlist", mq_format_playlist_count (1, 1));
  assert_format ("3402 playlists", mq_format_playlist_count (3402, 3402));
  assert_format ("12 of 3402 playlists", mq_format_playlist_count (12, 3402));
  assert_format ("0 of 7 playlists", mq_format_playlist_count (0, 7));

  assert_format ("None", mq_format_playlist_flags (MQ_PLAYLIST_FLAGS_NONE));
  assert_format ("Shared, Demo", mq_format_playlist_flags (MQ_PLAYLIST_FLAGS_SHARED |
                                                           MQ_PLAYLIST_FLAGS_DEMO));
  assert_format ("Standard", mq_format_playlist_type (0));
  assert_format ("Type 3", mq_format_playlist_type (3));
}

/* How search folding was first written, on the whole text at once: what the faster
 * fold, a character at a time, must equal. */
static char *
fold_whole (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  g_autoptr(GString) bare = g_string_new (NULL);

  if (decomposed == NULL)
    return g_strdup ("");

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_ismark (g_utf8_get_char (p)))
        g_string_append_unichar (bare, g_utf8_get_char (p));
    }

  return g_utf8_casefold (bare->str, bare->len);
}

static void
test_search_fold_whole (void)
{
  static const char * const texts[] = {
    "", "Lobby LOOP 0042", "Café Crème", "Hauptstraße", "Aufzug Außenwerbung Frühjahr",
    "Ǆungla ǅ ǆ", "ﬁle ﬀ", "Ångström", "ΣΊΣΥΦΟΣ σίσυφος", "İstanbul ı", "한국어 광고",
    "①②③ ㎏", "e\xcc\x81 a\xcc\x88\xcc\x81", "Ǻ\xcc\xa3", "ÆØÅ æøå", "Привет МИР",
    "abc\xff", "\xc3", "日本語の看板", "ﾊﾝｶｸ", "x\xe2\x80\x8by",
  };
  g_autoptr(GString) out = g_string_new ("kept:");

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *folded = mq_search_fold (texts[i]);
      g_autofree char *whole = fold_whole (texts[i]);

      g_assert_cmpstr (folded, ==, whole);
    }

  /* Appended after what is there. */
  mq_search_fold_append (out, "Café");
  mq_search_fold_append (out, NULL);
  g_assert_cmpstr (out->str, ==, "kept:cafe");
}

static void
test_search_fold (void)
{
  g_autofree char *cafe = mq_search_fold ("Café Crème");
  g_autofree char *upper = mq_search_fold ("CAFE CREME");
  g_autofree char *strasse = mq_search_fold ("Hauptstraße");

  g_assert_cmpstr (cafe, ==, upper);
  g_assert_cmpstr (cafe, ==, "cafe creme");
  g_assert_cmpstr (strasse, ==, "hauptstrasse");
  assert_format ("", mq_search_fold (NULL));
}

static void
test_entry_kind_and_title (void)
{
  g_autoptr(MqPlaylistEntry) video = entry_from_json (
    "{\"id\": 1, \"media_file_id\": 5, \"media_file\": {\"id\": 5, \"name\": \"Lobby loop\","
    " \"attachable_type\": \"PhysicalFile\", \"mime_type\": \"video/mp4\"}}");
  g_autoptr(MqPlaylistEntry) website = entry_from_json (
    "{\"id\": 2, \"media_file_id\": 6, \"media_file\": {\"id\": 6, \"name\": \"Menu\","
    " \"attachable_type\": \"Website\"}}");
  g_autoptr(MqPlaylistEntry) bare = entry_from_json ("{\"id\": 3, \"media_file_id\": 7}");
  g_autoptr(MqPlaylistEntry) nested = entry_from_json (
    "{\"id\": 4, \"playlist_id_as_nested_playlist\": 99}");

  g_assert_cmpint (mq_entry_kind_of (video), ==, MQ_ENTRY_KIND_VIDEO);
  g_assert_cmpint (mq_entry_kind_of (website), ==, MQ_ENTRY_KIND_WEBSITE);
  g_assert_cmpint (mq_entry_kind_of (bare), ==, MQ_ENTRY_KIND_UNKNOWN);
  g_assert_cmpint (mq_entry_kind_of (nested), ==, MQ_ENTRY_KIND_PLAYLIST);
  g_assert_cmpstr (mq_entry_kind_get_label (MQ_ENTRY_KIND_VIDEO), ==, "Video");

  assert_format ("Lobby loop", mq_entry_dup_title (video, NULL));
  assert_format ("Media file 7", mq_entry_dup_title (bare, NULL));
  assert_format ("Playlist 99", mq_entry_dup_title (nested, NULL));
  assert_format ("Evening", mq_entry_dup_title (nested, "Evening"));
}

/* ---- search ---- */

static GListStore *
new_sample_store (void)
{
  const char *samples[] = {
    "{\"id\": 101, \"name\": \"Café Menu\", \"comment\": \"Breakfast\", \"label\": \"north\","
    " \"number_of_entries\": 4, \"type\": 0, \"updated_at\": \"2024-05-01 10:00:00\"}",
    "{\"id\": 202, \"name\": \"lobby loop\", \"label\": \"South\", \"number_of_entries\": 12,"
    " \"type\": 1, \"is_shared\": 1, \"updated_at\": \"2024-06-01 10:00:00\"}",
    "{\"id\": 303, \"name\": \"Ärzte Wartezimmer\", \"comment\": \"cafe corner\","
    " \"number_of_entries\": 0, \"type\": 0, \"is_demo\": true,"
    " \"updated_at\": \"2023-01-01 10:00:00\"}",
    "{\"id\": 1404, \"name\": \"Zoo\", \"number_of_entries\": 4, \"type\": 0}",
  };
  GListStore *store = g_list_store_new (MQ_TYPE_PLAYLIST);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(MqPlaylist) playlist = playlist_from_json (samples[i]);

      g_list_store_append (store, playlist);
    }

  return store;
}

/* The ids of @model, "101 303". */
static char *
dup_ids (GListModel *model)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MqPlaylist) playlist = g_list_model_get_item (model, i);

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                              mq_playlist_get_id (playlist));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
record_change (GtkFilter       *filter,
               GtkFilterChange  change,
               GArray          *changes)
{
  g_array_append_val (changes, change);
}

/* mq_playlist_filter_match_keys() over the keys of @store laid end to end, as the
 * playlists view keeps them, finds @ids too. */
static void
assert_keys_match_alike (MqPlaylistFilter *filter,
                         GListModel       *store,
                         const char       *ids)
{
  g_autoptr(GString) keys = g_string_new (NULL);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) found = g_string_new (NULL);
  guint n = g_list_model_get_n_items (store);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MqPlaylist) playlist = g_list_model_get_item (store, i);
      guint32 start = keys->len;

      g_array_append_val (starts, start);
      mq_playlist_display_append_search_key (playlist, keys);
      g_string_append_c (keys, '\0');
    }

  mq_playlist_filter_match_keys (filter, keys->str, keys->len, (const guint32 *) (gpointer) starts->data,
                                 n, matches);
  for (guint i = 0; i < matches->len; i++)
    {
      g_autoptr(MqPlaylist) playlist = g_list_model_get_item (store, g_array_index (matches, guint, i));

      g_string_append_printf (found, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "", mq_playlist_get_id (playlist));
    }
  g_assert_cmpstr (found->str, ==, ids);
}

/* A term never matches across two keys, and a key matching the anchor term but not
 * another term is passed over for the next. */
static void
test_filter_match_keys (void)
{
  static const char keys[] = "alpha\nx\n\n1\0beta gamma\n\n\n2\0gamma\n\n\n3\0beta\n\n\n4";
  static const guint32 starts[] = { 0, 11, 26, 36 };
  g_autoptr(MqPlaylistFilter) filter = mq_playlist_filter_new ();
  static const struct {
    const char *query;
    const char *indexes;
  } cases[] = {
    { "gamma", "1 2" },
    { "gam bet", "1" },
    { "bet", "1 3" },
    { "a", "0 1 2 3" },
    { "1beta", "" },       /* "1" ends one key, "beta" starts the next */
    { "x 1", "0" },
    { "4", "3" },          /* the last key, without its NUL in the length */
    { "zzz", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GString) found = g_string_new (NULL);

      mq_playlist_filter_set_query (filter, cases[i].query);
      mq_playlist_filter_match_keys (filter, keys, sizeof keys - 1, starts, G_N_ELEMENTS (starts), matches);
      for (guint j = 0; j < matches->len; j++)
        g_string_append_printf (found, "%s%u", j > 0 ? " " : "", g_array_index (matches, guint, j));
      g_assert_cmpstr (found->str, ==, cases[i].indexes);
    }
}

static void
test_filter (void)
{
  g_autoptr(GListStore) store = new_sample_store ();
  MqPlaylistFilter *filter = mq_playlist_filter_new ();
  g_autoptr(GtkFilterListModel) model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                                                    GTK_FILTER (filter));
  static const struct {
    const char *query;
    const char *ids;
  } cases[] = {
    { NULL, "101 202 303 1404" },
    { "", "101 202 303 1404" },
    { "  ", "101 202 303 1404" },
    { "cafe", "101 303" },             /* name and comment, accent-insensitive */
    { "CAFÉ MENU", "101" },            /* every term must match */
    { "menu café", "101" },            /* in any order */
    { "south", "202" },                /* label, case-insensitive */
    { "arzte", "303" },
    { "404", "1404" },                 /* id */
    { "202", "202" },
    { "breakfast", "101" },
    { "menu\nbreakfast", "101" },
    { "nomatch", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = NULL;

      mq_playlist_filter_set_query (filter, cases[i].query);
      g_assert_cmpstr (mq_playlist_filter_get_query (filter), ==, cases[i].query);
      ids = dup_ids (G_LIST_MODEL (model));
      g_assert_cmpstr (ids, ==, cases[i].ids);
      assert_keys_match_alike (filter, G_LIST_MODEL (store), cases[i].ids);
    }
}

static void
test_filter_strictness (void)
{
  g_autoptr(MqPlaylistFilter) filter = mq_playlist_filter_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (GtkFilterChange));
  static const struct {
    const char      *query;
    int              change;    /* -1: none */
  } steps[] = {
    { "c", GTK_FILTER_CHANGE_MORE_STRICT },
    { "ca", GTK_FILTER_CHANGE_MORE_STRICT },
    { "caf", GTK_FILTER_CHANGE_MORE_STRICT },
    { "Caf", -1 },                              /* folds to the same */
    { "caf ", -1 },
    { "caf m", GTK_FILTER_CHANGE_MORE_STRICT },
    { "caf", GTK_FILTER_CHANGE_LESS_STRICT },
    { "ca", GTK_FILTER_CHANGE_LESS_STRICT },
    { "lo", GTK_FILTER_CHANGE_DIFFERENT },
    { "", GTK_FILTER_CHANGE_LESS_STRICT },
  };

  g_signal_connect (filter, "changed", G_CALLBACK (record_change), changes);
  g_assert_cmpint (gtk_filter_get_strictness (GTK_FILTER (filter)), ==, GTK_FILTER_MATCH_ALL);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_array_set_size (changes, 0);
      mq_playlist_filter_set_query (filter, steps[i].query);

      if (steps[i].change < 0)
        {
          g_assert_cmpuint (changes->len, ==, 0);
        }
      else
        {
          g_assert_cmpuint (changes->len, ==, 1);
          g_assert_cmpint (g_array_index (changes, GtkFilterChange, 0), ==, steps[i].change);
        }
    }

  g_assert_cmpint (gtk_filter_get_strictness (GTK_FILTER (filter)), ==, GTK_FILTER_MATCH_ALL);
  mq_playlist_filter_set_query (filter, "x");
  g_assert_cmpint (gtk_filter_get_strictness (GTK_FILTER (filter)), ==, GTK_FILTER_MATCH_SOME);
}

/* ---- sort ---- */

static char *
dup_sorted_ids (GListModel       *store,
                MqPlaylistColumn  column)
{
  GtkSorter *sorter = GTK_SORTER (mq_playlist_sorter_new (column));
  g_autoptr(GtkSortListModel) model = NULL;

  model = gtk_sort_list_model_new (g_object_ref (store), sorter);
  g_assert_cmpint (mq_playlist_sorter_get_column (MQ_PLAYLIST_SORTER (sorter)), ==, column);
  g_assert_cmpint (gtk_sorter_get_order (sorter), ==, GTK_SORTER_ORDER_TOTAL);

  return dup_ids (G_LIST_MODEL (model));
}

static void
test_sorter (void)
{
  g_autoptr(GListStore) store = new_sample_store ();
  static const struct {
    MqPlaylistColumn column;
    const char      *ids;
  } cases[] = {
    /* Collated case-insensitively; the tests' C.UTF-8 collates by code point, so the
     * Ä goes last. */
    { MQ_PLAYLIST_COLUMN_NAME, "101 202 1404 303" },
    /* Equal numbers by name: Café Menu before Zoo. */
    { MQ_PLAYLIST_COLUMN_ENTRIES, "303 101 1404 202" },
    /* Type, then flags (demo after none), then name. */
    { MQ_PLAYLIST_COLUMN_TYPE, "101 1404 303 202" },
    /* Without a date first. */
    { MQ_PLAYLIST_COLUMN_UPDATED, "1404 303 101 202" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = dup_sorted_ids (G_LIST_MODEL (store), cases[i].column);

      g_assert_cmpstr (ids, ==, cases[i].ids);
    }
}

static void
test_display_keys (void)
{
  g_autoptr(MqPlaylist) playlist = playlist_from_json (
    "{\"id\": 77, \"name\": \"Crème Brûlée\", \"comment\": \"Dessert\", \"label\": null,"
    " \"type\": 2, \"updated_at\": \"2024-06-15 10:00:00\"}");
  g_autoptr(MqPlaylist) undated = playlist_from_json ("{\"id\": 78, \"name\": \"B\"}");
  g_autoptr(GDateTime) noon = g_date_time_new_local (2024, 6, 15, 12, 0, 0);
  gint64 now = g_date_time_to_unix (noon);
  const char *text;

  g_assert_cmpstr (mq_playlist_display_get_search_key (playlist), ==, "creme brulee\ndessert\n\n77");
  g_assert_nonnull (mq_playlist_display_get_collate_key (playlist));
  g_assert_cmpstr (mq_playlist_display_get_type_text (playlist), ==, "Type 2");

  text = mq_playlist_display_get_updated_text (playlist, now);
  g_assert_cmpstr (text, ==, "2 hours ago");
  /* Within the same minute the same text; a minute later it is made again. */
  g_assert_true (mq_playlist_display_get_updated_text (playlist, now + 30) == text);
  g_assert_cmpstr (mq_playlist_display_get_updated_text (playlist, now + 3600), ==, "3 hours ago");
  g_assert_cmpstr (mq_playlist_display_get_updated_tooltip (playlist), ==, "06/15/24, 10:00");

  g_assert_cmpstr (mq_playlist_display_get_updated_text (undated, now), ==, "");
  g_assert_null (mq_playlist_display_get_updated_tooltip (undated));
  /* Not prepared: made on first use. */
  g_assert_cmpstr (mq_playlist_display_get_search_key (undated), ==, "b\n\n\n78");
}

/* Ranked together, names compare by rank, ignoring case; a playlist not ranked (or
 * another object with the same id) still compares by its name; a list may hold an id
 * twice, and each object finds its own rank. */
static void
test_name_ranks (void)
{
  g_autoptr(GPtrArray) by_id = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MqPlaylist) other = playlist_from_json ("{\"id\": 9, \"name\": \"B\"}");
  g_autoptr(MqPlaylist) twin = playlist_from_json ("{\"id\": 2, \"name\": \"zz\"}");
  g_autoptr(MqNameRanks) ranks = NULL;
  g_autoptr(MqNameRanks) none = NULL;
  const char * const names[] = { "b", "A", "a", "C", "Ä" };
  const guint ids[] = { 1, 2, 3, 4, 4 };
  MqPlaylist *b, *upper_a, *lower_a, *c, *umlaut;
  guint32 rank_a, rank_b, rank;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\": %u, \"name\": \"%s\"}", ids[i], names[i]);

      g_ptr_array_add (by_id, playlist_from_json (json));
    }
  b = by_id->pdata[0];
  upper_a = by_id->pdata[1];
  lower_a = by_id->pdata[2];
  c = by_id->pdata[3];
  umlaut = by_id->pdata[4];

  ranks = mq_name_ranks_new (by_id);

  g_assert_true (mq_name_ranks_lookup (ranks, upper_a, &rank_a));
  g_assert_true (mq_name_ranks_lookup (ranks, b, &rank_b));
  g_assert_cmpuint (rank_a, <, rank_b);
  g_assert_cmpint (mq_name_ranks_compare (ranks, upper_a, lower_a), ==, 0);
  g_assert_cmpint (mq_name_ranks_compare (ranks, lower_a, b), <, 0);
  g_assert_cmpint (mq_name_ranks_compare (ranks, c, b), >, 0);
  /* Both with id 4, each its own rank. */
  g_assert_true (mq_name_ranks_lookup (ranks, c, &rank));
  g_assert_true (mq_name_ranks_lookup (ranks, umlaut, &rank_b));
  g_assert_cmpuint (rank, !=, rank_b);

  /* Not ranked: by name, the same order. */
  g_assert_false (mq_name_ranks_lookup (ranks, other, &rank));
  g_assert_false (mq_name_ranks_lookup (ranks, twin, &rank));
  g_assert_cmpint (mq_name_ranks_compare (ranks, other, c), <, 0);
  g_assert_cmpint (mq_name_ranks_compare (ranks, upper_a, other), <, 0);
  g_assert_cmpint (mq_name_ranks_compare (ranks, twin, c), >, 0);
  g_assert_cmpint (mq_name_ranks_compare (NULL, lower_a, b), <, 0);

  /* Nothing to rank. */
  {
    g_autoptr(GPtrArray) empty = g_ptr_array_new_with_free_func (g_object_unref);

    none = mq_name_ranks_new (empty);
    g_assert_false (mq_name_ranks_lookup (none, b, &rank));
  }
}

/* Whether the object of @ref is gone, waiting up to 10 s for a thread to let go. */
static gboolean
wait_until_gone (GWeakRef *ref)
{
  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr(GObject) object = g_weak_ref_get (ref);

      if (object == NULL)
        return TRUE;
      g_clear_object (&object);
      g_usleep (1000);
    }

  return FALSE;
}

/* A list lets go of its playlists (in a thread of its own when there are many) when
 * given others, and when it goes; those the new list holds stay. */
static void
test_list_lets_go (void)
{
  g_autoptr(MqPlaylistList) list = mq_playlist_list_new (NULL);
  g_autoptr(GPtrArray) playlists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MqPlaylist) first_shown = NULL;
  GWeakRef dropped, staying;

  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\": %u, \"name\": \"Playlist %u\"}", i + 1, i);

      g_ptr_array_add (playlists, playlist_from_json (json));
    }
  g_weak_ref_init (&dropped, playlists->pdata[0]);
  g_weak_ref_init (&staying, playlists->pdata[1]);
  g_ptr_array_add (kept, g_object_ref (playlists->pdata[1]));

  mq_playlist_list_set (list, playlists, NULL, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1500);
  g_clear_pointer (&playlists, g_ptr_array_unref);

  mq_playlist_list_set (list, kept, NULL, NULL, NULL);
  g_clear_pointer (&kept, g_ptr_array_unref);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_true (wait_until_gone (&dropped));
  {
    g_autoptr(GObject) still_there = g_weak_ref_get (&staying);

    first_shown = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_true ((gpointer) first_shown == (gpointer) still_there);
  }

  g_clear_object (&first_shown);
  g_clear_object (&list);
  g_assert_true (wait_until_gone (&staying));
  g_weak_ref_clear (&dropped);
  g_weak_ref_clear (&staying);
}

/* The ids of what @list shows, in order. */
static char *
list_ids (GListModel *list)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MqPlaylist) playlist = g_list_model_get_item (list, i);

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "", mq_playlist_get_id (playlist));
    }

  return g_string_free (ids, FALSE);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_changes)
{
  (*n_changes)++;
}

static void
announce_at_once_cb (MqPlaylistList *list)
{
  mq_playlist_list_announce_at_once (list);
}

/* A new query whose matches differ from the shown ones after the first is told of in
 * two changes, the row where they differ kept; in one when a ::matches-found handler
 * asks for it. The list ends the same either way. */
static void
test_list_announce_at_once (void)
{
  g_autoptr(MqPlaylistFilter) filter = mq_playlist_filter_new ();
  g_autoptr(MqPlaylistList) list = mq_playlist_list_new (filter);
  g_autoptr(GPtrArray) playlists = g_ptr_array_new_with_free_func (g_object_unref);
  static const char * const names[] = { "Alpha", "Beta", "Gamma", "Delta", "Alpine" };
  g_autofree char *in_two = NULL;
  guint n_changes = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\": %u, \"name\": \"%s\"}", i + 1, names[i]);

      g_ptr_array_add (playlists, playlist_from_json (json));
    }
  mq_playlist_list_set (list, playlists, NULL, NULL, NULL);
  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);

  /* All, then "ta": Beta and Delta; Alpha goes before the row where they differ. */
  mq_playlist_filter_set_query (filter, "ta");
  g_assert_cmpuint (n_changes, ==, 2);
  in_two = list_ids (G_LIST_MODEL (list));
  g_assert_cmpstr (in_two, ==, "2 4");

  mq_playlist_filter_set_query (filter, NULL);
  n_changes = 0;
  g_signal_connect (list, "matches-found", G_CALLBACK (announce_at_once_cb), NULL);
  mq_playlist_filter_set_query (filter, "ta");
  g_assert_cmpuint (n_changes, ==, 1);
  {
    g_autofree char *in_one = list_ids (G_LIST_MODEL (list));

    g_assert_cmpstr (in_one, ==, in_two);
  }

  /* Asked for once: the next change of the query is in two steps again. */
  g_signal_handlers_disconnect_by_func (list, announce_at_once_cb, NULL);
  mq_playlist_filter_set_query (filter, NULL);
  n_changes = 0;
  mq_playlist_filter_set_query (filter, "ta");
  g_assert_cmpuint (n_changes, ==, 2);
}

/* A list filtered as a query is typed on, narrowed and taken back letter by letter
 * (and given a new list half-way) shows what a list given the query at once shows. */
static void
test_list_typed_on (void)
{
  static const char * const typed[] = {
    "l", "lo", "lob", "lobb", "lobby", "lobby 1", "lobby 12", "lobby 1", "lobby ",
    "lobby", "lobb", "lob", "lo", "l", "", "w", "wi", "win", "win s", "win sale",
    "win", "winter", "inter", "e", "ea", "east", "lobby", "-", "lobby", "",
  };
  g_autoptr(MqPlaylistFilter) filter = mq_playlist_filter_new ();
  g_autoptr(MqPlaylistList) list = mq_playlist_list_new (filter);
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);

  /* Few lobbies, so that a narrower query looks only at them. */
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\": %u, \"name\": \"%s %u\"}", i + 1,
                                               i % 40 == 0 || i % 40 == 11 ? "Lobby" : i % 3 == 0 ? "Winter sale" : "East gate",
                                               i);

      g_ptr_array_add (i % 2 == 0 ? first : second, playlist_from_json (json));
    }
  g_ptr_array_extend (first, second, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);

  mq_playlist_list_set (list, first, NULL, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(MqPlaylistFilter) fresh_filter = mq_playlist_filter_new ();
      g_autoptr(MqPlaylistList) fresh = mq_playlist_list_new (fresh_filter);
      GPtrArray *playlists = i < 10 ? first : second;
      g_autofree char *ids = NULL;
      g_autofree char *fresh_ids = NULL;

      /* A new list while the query is typed on: nothing of the old one stays. */
      if (i == 10)
        mq_playlist_list_set (list, second, NULL, NULL, NULL);

      mq_playlist_filter_set_query (filter, typed[i]);
      mq_playlist_filter_set_query (fresh_filter, typed[i]);
      mq_playlist_list_set (fresh, playlists, NULL, NULL, NULL);
      ids = list_ids (G_LIST_MODEL (list));
      fresh_ids = list_ids (G_LIST_MODEL (fresh));
      g_assert_cmpstr (ids, ==, fresh_ids);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Calendar days without daylight saving in the way. */
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/playlists/format/duration", test_duration);
  g_test_add_func ("/playlists/format/weekdays", test_weekdays);
  g_test_add_func ("/playlists/format/play-rule", test_play_rule);
  g_test_add_func ("/playlists/format/relative-time", test_relative_time);
  g_test_add_func ("/playlists/format/relative-time-zone", test_relative_time_zone);
  g_test_add_func ("/playlists/format/clock-format", test_clock_format);
  g_test_add_func ("/playlists/format/count-and-flags", test_count_and_flags);
  g_test_add_func ("/playlists/format/search-fold", test_search_fold);
  g_test_add_func ("/playlists/format/search-fold-whole", test_search_fold_whole);
  g_test_add_func ("/playlists/format/entry-kind-and-title", test_entry_kind_and_title);
  g_test_add_func ("/playlists/filter/matches", test_filter);
  g_test_add_func ("/playlists/filter/strictness", test_filter_strictness);
  g_test_add_func ("/playlists/filter/match-keys", test_filter_match_keys);
  g_test_add_func ("/playlists/sorter/columns", test_sorter);
  g_test_add_func ("/playlists/display/keys", test_display_keys);
  g_test_add_func ("/playlists/name-ranks", test_name_ranks);
  g_test_add_func ("/playlists/list/lets-go", test_list_lets_go);
  g_test_add_func ("/playlists/list/typed-on", test_list_typed_on);
  g_test_add_func ("/playlists/list/announce-at-once", test_list_announce_at_once);

  return g_test_run ();
}
