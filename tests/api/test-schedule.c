/* test-schedule.c: what plays when, in tables of cases, in Europe/Berlin
 *
 * 2026-03-29 (a Sunday) has no 02:30 in Berlin, 2026-10-25 (a Sunday) has two.
 * 2026-06-01 is a Monday.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>

#include "mq-schedule.h"

static GTimeZone *berlin;

static MqPlaylistEntry *
entry_from (const char *members)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"id\": 1, \"duration\": 10, \"media_file_id\": 5%s%s}",
                                           members[0] != '\0' ? ", " : "", members);
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  MqPlaylistEntry *entry;

  g_assert_no_error (error);
  entry = mq_playlist_entry_new_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  return entry;
}

static MqPlaylist *
playlist_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  MqPlaylist *playlist;

  g_assert_no_error (error);
  playlist = mq_playlist_new_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  return playlist;
}

/* ISO 8601; without an offset, Berlin's wall clock. */
static GDateTime *
at (const char *text)
{
  GDateTime *datetime = g_date_time_new_from_iso8601 (text, berlin);

  g_assert_nonnull (datetime);
  return datetime;
}

static void
assert_instant (GDateTime  *datetime,
                const char *expected_utc)
{
  g_autoptr(GDateTime) expected = at (expected_utc);

  g_assert_nonnull (datetime);
  if (!g_date_time_equal (datetime, expected))
    {
      g_autofree char *got = g_date_time_format_iso8601 (datetime);

      g_error ("expected %s, got %s", expected_utc, got);
    }
}

/* ---- one entry ---- */

typedef struct
{
  const char *members;   /* the schedule's members of the entry */
  const char *at;
  gboolean    active;
} ActiveCase;

static const ActiveCase active_cases[] = {
  /* Play rules. */
  { "\"play_rule\": 1", "2026-06-01T12:00:00", TRUE },
  { "", "2026-06-01T12:00:00", TRUE },
  { "\"play_rule\": 2", "2026-06-01T12:00:00", FALSE },
  { "\"play_rule\": 0", "2026-06-01T12:00:00", TRUE },
  /* Play rules 1 and 2 whatever the schedule says. */
  { "\"play_rule\": 1, \"start_date\": \"2030-01-01\", \"weekdays\": 1", "2026-06-01T12:00:00", TRUE },
  { "\"play_rule\": 2, \"start_time\": \"00:00:00\"", "2026-06-01T12:00:00", FALSE },
  /* A date range, inclusive on both ends, either end open. */
  { "\"play_rule\": 0, \"start_date\": \"2026-06-01\", \"end_date\": \"2026-06-30\"", "2026-05-31T23:59:59", FALSE },
  { "\"play_rule\": 0, \"start_date\": \"2026-06-01\", \"end_date\": \"2026-06-30\"", "2026-06-01T00:00:00", TRUE },
  { "\"play_rule\": 0, \"start_date\": \"2026-06-01\", \"end_date\": \"2026-06-30\"", "2026-06-30T23:59:59", TRUE },
  { "\"play_rule\": 0, \"start_date\": \"2026-06-01\", \"end_date\": \"2026-06-30\"", "2026-07-01T00:00:00", FALSE },
  { "\"play_rule\": 0, \"start_date\": \"2026-06-01\", \"end_date\": \"2026-06-01\"", "2026-06-01T18:00:00", TRUE },
  { "\"play_rule\": 0, \"end_date\": \"2026-06-30\"", "1999-01-01T00:00:00", TRUE },
  { "\"play_rule\": 0, \"end_date\": \"2026-06-30\", \"start_date\": null", "2026-07-01T00:00:00", FALSE },
  { "\"play_rule\": 0, \"start_date\": \"2026-06-01\", \"end_date\": \"\"", "2099-12-31T23:00:00", TRUE },
  { "\"play_rule\": 0, \"start_date\": \"2026-06-01\"", "2026-05-31T12:00:00", FALSE },
  /* Laravel's datetime spelling of a date. */
  { "\"play_rule\": 0, \"end_date\": \"2026-06-30 00:00:00\"", "2026-06-30T22:00:00", TRUE },
  /* A window: start inclusive, end exclusive, either end open. */
  { "\"play_rule\": 0, \"start_time\": \"08:00:00\", \"end_time\": \"18:30:00\"", "2026-06-01T07:59:59", FALSE },
  { "\"play_rule\": 0, \"start_time\": \"08:00:00\", \"end_time\": \"18:30:00\"", "2026-06-01T08:00:00", TRUE },
  { "\"play_rule\": 0, \"start_time\": \"08:00:00\", \"end_time\": \"18:30:00\"", "2026-06-01T18:29:59", TRUE },
  { "\"play_rule\": 0, \"start_time\": \"08:00:00\", \"end_time\": \"18:30:00\"", "2026-06-01T18:30:00", FALSE },
  { "\"play_rule\": 0, \"start_time\": \"20:00\"", "2026-06-01T23:59:59", TRUE },
  { "\"play_rule\": 0, \"start_time\": \"20:00\"", "2026-06-02T00:00:00", FALSE },
  { "\"play_rule\": 0, \"end_time\": \"06:00:00\"", "2026-06-01T00:00:00", TRUE },
  { "\"play_rule\": 0, \"end_time\": \"06:00:00\"", "2026-06-01T06:00:00", FALSE },
  { "\"play_rule\": 0, \"start_time\": \"18:00:00\", \"end_time\": \"24:00:00\"", "2026-06-01T23:59:59", TRUE },
  /* Past midnight, the small hours belonging to the day before: Fridays 22:00–02:00. */
  { "\"play_rule\": 0, \"start_time\": \"22:00:00\", \"end_time\": \"02:00:00\", \"weekdays\": 32", "2026-06-05T21:59:59", FALSE },
  { "\"play_rule\": 0, \"start_time\": \"22:00:00\", \"end_time\": \"02:00:00\", \"weekdays\": 32", "2026-06-05T22:00:00", TRUE },
  { "\"play_rule\": 0, \"start_time\": \"22:00:00\", \"end_time\": \"02:00:00\", \"weekdays\": 32", "2026-06-06T00:00:00", TRUE },
  { "\"play_rule\": 0, \"start_time\": \"22:00:00\", \"end_time\": \"02:00:00\", \"weekdays\": 32", "2026-06-06T01:59:59", TRUE },
  { "\"play_rule\": 0, \"start_time\": \"22:00:00\", \"end_time\": \"02:00:00\", \"weekdays\": 32", "2026-06-06T02:00:00", FALSE },
  { "\"play_rule\": 0, \"start_time\": \"22:00:00\", \"end_time\": \"02:00:00\", \"weekdays\": 32", "2026-06-06T22:00:00", FALSE },
  { "\"play_rule\": 0, \"start_time\": \"22:00:00\", \"end_time\": \"02:00:00\", \"weekdays\": 32", "2026-06-05T01:00:00", FALSE },
  /* … and the date range of that day: the last night runs into the day after the range. */
  { "\"play_rule\": 0, \"start_time\": \"22:00:00\", \"end_time\": \"02:00:00\", \"start_date\": \"2026-06-01\", \"end_date\": \"2026-06-05\"", "2026-06-06T01:00:00", TRUE },
  { "\"play_rule\": 0, \"start_time\": \"22:00:00\", \"end_time\": \"02:00:00\", \"start_date\": \"2026-06-01\", \"end_date\": \"2026-06-05\"", "2026-06-06T22:00:00", FALSE },
  { "\"play_rule\": 0, \"start_time\": \"22:00:00\", \"end_time\": \"02:00:00\", \"start_date\": \"2026-06-01\", \"end_date\": \"2026-06-05\"", "2026-06-01T01:00:00", FALSE },
  /* An end equal to the start: 24 hours from the start. */
  { "\"play_rule\": 0, \"start_time\": \"08:00:00\", \"end_time\": \"08:00:00\", \"weekdays\": 32", "2026-06-06T07:59:59", TRUE },
  { "\"play_rule\": 0, \"start_time\": \"08:00:00\", \"end_time\": \"08:00:00\", \"weekdays\": 32", "2026-06-06T08:00:00", FALSE },
  /* Weekdays 0 is every day. */
  { "\"play_rule\": 0, \"weekdays\": 0", "2026-06-03T12:00:00", TRUE },
  /* Spring forward: 02:00 CET is 03:00 CEST; a window from the missing 02:30 opens then. */
  { "\"play_rule\": 0, \"start_time\": \"02:30:00\", \"end_time\": \"04:00:00\"", "2026-03-29T01:59:59+01:00", FALSE },
  { "\"play_rule\": 0, \"start_time\": \"02:30:00\", \"end_time\": \"04:00:00\"", "2026-03-29T03:00:00+02:00", TRUE },
  { "\"play_rule\": 0, \"start_time\": \"02:30:00\", \"end_time\": \"04:00:00\"", "2026-03-29T04:00:00+02:00", FALSE },
  { "\"play_rule\": 0, \"start_time\": \"01:00:00\", \"end_time\": \"02:30:00\"", "2026-03-29T03:00:00+02:00", FALSE },
  /* Fall back: 02:30 happens twice and plays twice. */
  { "\"play_rule\": 0, \"start_time\": \"02:15:00\", \"end_time\": \"02:45:00\"", "2026-10-25T02:30:00+02:00", TRUE },
  { "\"play_rule\": 0, \"start_time\": \"02:15:00\", \"end_time\": \"02:45:00\"", "2026-10-25T02:30:00+01:00", TRUE },
  { "\"play_rule\": 0, \"start_time\": \"02:15:00\", \"end_time\": \"02:45:00\"", "2026-10-25T02:50:00+02:00", FALSE },
  /* The zone of the moment does not matter, only the instant: 10:00 UTC is 12:00 in Berlin. */
  { "\"play_rule\": 0, \"start_time\": \"11:30:00\", \"end_time\": \"12:30:00\"", "2026-06-01T10:00:00Z", TRUE },
};

static void
test_entry_active (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (active_cases); i++)
    {
      const ActiveCase *c = &active_cases[i];
      g_autoptr(MqPlaylistEntry) entry = entry_from (c->members);
      g_autoptr(GDateTime) moment = at (c->at);

      if (mq_schedule_entry_is_active (entry, berlin, moment) != c->active)
        g_error ("case %" G_GSIZE_FORMAT " {%s} at %s: expected %s", i, c->members, c->at,
                 c->active ? "active" : "inactive");
    }
}

static void
test_entry_weekday_bits (void)
{
  /* 2026-06-07 is a Sunday: bit d is the day 7 + d. */
  for (guint bit = 0; bit < 7; bit++)
    {
      g_autofree char *members = g_strdup_printf ("\"play_rule\": 0, \"weekdays\": %u", 1u << bit);
      g_autoptr(MqPlaylistEntry) entry = entry_from (members);

      g_assert_cmpint (mq_schedule_entry_get_state (entry), ==, MQ_SCHEDULE_STATE_SCHEDULED);
      for (guint day = 0; day < 7; day++)
        {
          g_autofree char *text = g_strdup_printf ("2026-06-%02uT12:00:00", 7 + day);
          g_autoptr(GDateTime) moment = at (text);

          g_assert_cmpint (mq_schedule_entry_is_active (entry, berlin, moment), ==, day == bit);
        }
    }
}

typedef struct
{
  const char      *members;
  MqScheduleState  state;
} StateCase;

static const StateCase state_cases[] = {
  { "\"play_rule\": 1", MQ_SCHEDULE_STATE_ALWAYS },
  { "", MQ_SCHEDULE_STATE_ALWAYS },
  { "\"play_rule\": null", MQ_SCHEDULE_STATE_ALWAYS },
  { "\"play_rule\": \"2\"", MQ_SCHEDULE_STATE_NEVER },
  { "\"play_rule\": 0", MQ_SCHEDULE_STATE_SCHEDULED },
  { "\"play_rule\": 0, \"start_time\": \"22:00:00\", \"end_time\": \"02:00:00\", \"weekdays\": 127", MQ_SCHEDULE_STATE_SCHEDULED },
  { "\"play_rule\": 0, \"end_time\": \"24:00\"", MQ_SCHEDULE_STATE_SCHEDULED },
  /* Malformed: the state says so. */
  { "\"play_rule\": 7", MQ_SCHEDULE_STATE_UNKNOWN },
  { "\"play_rule\": -1", MQ_SCHEDULE_STATE_UNKNOWN },
  { "\"play_rule\": \"sometimes\"", MQ_SCHEDULE_STATE_UNKNOWN },
  { "\"play_rule\": [0]", MQ_SCHEDULE_STATE_UNKNOWN },
  { "\"play_rule\": 0, \"weekdays\": 300", MQ_SCHEDULE_STATE_UNKNOWN },
  { "\"play_rule\": 0, \"weekdays\": -2", MQ_SCHEDULE_STATE_UNKNOWN },
  { "\"play_rule\": 0, \"weekdays\": \"Mon\"", MQ_SCHEDULE_STATE_UNKNOWN },
  { "\"play_rule\": 0, \"start_date\": \"2026-13-01\"", MQ_SCHEDULE_STATE_UNKNOWN },
  { "\"play_rule\": 0, \"end_date\": \"2026-02-29\"", MQ_SCHEDULE_STATE_UNKNOWN },
  { "\"play_rule\": 0, \"start_date\": \"01.06.2026\"", MQ_SCHEDULE_STATE_UNKNOWN },
  { "\"play_rule\": 0, \"start_date\": 20260601", MQ_SCHEDULE_STATE_UNKNOWN },
  { "\"play_rule\": 0, \"end_date\": {}", MQ_SCHEDULE_STATE_UNKNOWN },
  { "\"play_rule\": 0, \"start_date\": \"2026-07-01\", \"end_date\": \"2026-06-30\"", MQ_SCHEDULE_STATE_UNKNOWN },
  { "\"play_rule\": 0, \"start_time\": \"25:00:00\"", MQ_SCHEDULE_STATE_UNKNOWN },
  { "\"play_rule\": 0, \"start_time\": \"24:00:00\"", MQ_SCHEDULE_STATE_UNKNOWN },
  { "\"play_rule\": 0, \"end_time\": \"08:60:00\"", MQ_SCHEDULE_STATE_UNKNOWN },
  { "\"play_rule\": 0, \"start_time\": \"8am\"", MQ_SCHEDULE_STATE_UNKNOWN },
  { "\"play_rule\": 0, \"end_time\": 1800", MQ_SCHEDULE_STATE_UNKNOWN },
  /* Rules 1 and 2 need none of the fields: malformed ones do not matter. */
  { "\"play_rule\": 1, \"weekdays\": 300, \"start_date\": \"garbage\"", MQ_SCHEDULE_STATE_ALWAYS },
  { "\"play_rule\": 2, \"start_time\": 7", MQ_SCHEDULE_STATE_NEVER },
};

static void
test_entry_state (void)
{
  g_autoptr(GDateTime) moment = at ("2026-06-01T12:00:00");

  for (gsize i = 0; i < G_N_ELEMENTS (state_cases); i++)
    {
      const StateCase *c = &state_cases[i];
      g_autoptr(MqPlaylistEntry) entry = entry_from (c->members);
      MqScheduleState state = mq_schedule_entry_get_state (entry);

      if (state != c->state)
        g_error ("case %" G_GSIZE_FORMAT " {%s}: state %d, expected %d", i, c->members, state, c->state);
      /* An unknown schedule never plays. */
      if (state == MQ_SCHEDULE_STATE_UNKNOWN)
        g_assert_false (mq_schedule_entry_is_active (entry, berlin, moment));
    }
}

/* An unreadable schedule stays unreadable through the cache. */
static void
test_entry_unknown_round_trip (void)
{
  g_autoptr(MqPlaylistEntry) entry = entry_from ("\"play_rule\": 0, \"weekdays\": \"Mon\"");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MqPlaylistEntry) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (mq_playlist_entry_has_valid_rule (entry));
  mq_playlist_entry_serialize (entry, builder);
  root = json_builder_get_root (builder);
  again = mq_playlist_entry_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_cmpint (mq_schedule_entry_get_state (again), ==, MQ_SCHEDULE_STATE_UNKNOWN);
}

typedef struct
{
  const char *members;
  const char *first_day;
  guint32     hours[7];
} WeekCase;

#define ALL_HOURS 0xffffffu

static const WeekCase week_cases[] = {
  { "\"play_rule\": 1", "2026-06-01T00:00:00",
    { ALL_HOURS, ALL_HOURS, ALL_HOURS, ALL_HOURS, ALL_HOURS, ALL_HOURS, ALL_HOURS } },
  { "\"play_rule\": 2", "2026-06-01T00:00:00", { 0, 0, 0, 0, 0, 0, 0 } },
  { "\"play_rule\": 9", "2026-06-01T00:00:00", { 0, 0, 0, 0, 0, 0, 0 } },
  /* Fridays 22:00–02:00: Friday 22, 23 and Saturday 0, 1. */
  { "\"play_rule\": 0, \"start_time\": \"22:00:00\", \"end_time\": \"02:00:00\", \"weekdays\": 32",
    "2026-06-01T09:00:00", { 0, 0, 0, 0, 3u << 22, 3u, 0 } },
  /* 08:30–09:15 touches hours 8 and 9; the range ends on Wednesday. */
  { "\"play_rule\": 0, \"start_time\": \"08:30:00\", \"end_time\": \"09:15:00\", \"end_date\": \"2026-06-03\"",
    "2026-06-01T00:00:00", { 3u << 8, 3u << 8, 3u << 8, 0, 0, 0, 0 } },
};

static void
test_entry_week_hours (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (week_cases); i++)
    {
      const WeekCase *c = &week_cases[i];
      g_autoptr(MqPlaylistEntry) entry = entry_from (c->members);
      g_autoptr(GDateTime) first_day = at (c->first_day);
      guint32 hours[7];

      mq_schedule_entry_get_week_hours (entry, berlin, first_day, hours);
      for (guint d = 0; d < 7; d++)
        if (hours[d] != c->hours[d])
          g_error ("case %" G_GSIZE_FORMAT " day %u: %06x, expected %06x", i, d, hours[d], c->hours[d]);
    }
}

/* ---- playlists ---- */

typedef struct
{
  GHashTable *playlists;   /* id → MqPlaylist */
  guint       n_lookups;
} Library;

static MqPlaylist *
resolve_cb (gint64   id,
            gpointer data)
{
  Library *library = data;

  library->n_lookups++;
  return g_hash_table_lookup (library->playlists, &id);
}

static void
library_init (Library *library)
{
  library->playlists = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  library->n_lookups = 0;
}

static MqPlaylist *
library_add (Library    *library,
             const char *json)
{
  MqPlaylist *playlist = playlist_from (json);
  gint64 *key = g_new (gint64, 1);

  *key = mq_playlist_get_id (playlist);
  g_hash_table_insert (library->playlists, key, playlist);
  return playlist;
}

static void
library_clear (Library *library)
{
  g_clear_pointer (&library->playlists, g_hash_table_unref);
}

static void
assert_entry_ids (GPtrArray    *entries,
                  const gint64 *ids,
                  guint         n_ids)
{
  g_assert_cmpuint (entries->len, ==, n_ids);
  for (guint i = 0; i < n_ids; i++)
    g_assert_cmpint (mq_playlist_entry_get_id (g_ptr_array_index (entries, i)), ==, ids[i]);
}

/* 1: A (always, 10 s), B → 2 (always), C (08:00–12:00, 5 s), D → 3
 * 2: E (20 s), F (never, 30 s)
 * 3: G (7 s), H → 1 (a cycle) */
static void
add_nested_library (Library *library)
{
  library_add (library, "{\"id\": 1, \"name\": \"Eins\", \"entries\": ["
               "{\"id\": 11, \"index\": 0, \"duration\": 10, \"media_file_id\": 5, \"play_rule\": 1},"
               "{\"id\": 12, \"index\": 1, \"duration\": 99, \"playlist_id_as_nested_playlist\": 2, \"play_rule\": 1},"
               "{\"id\": 13, \"index\": 2, \"duration\": 5, \"media_file_id\": 6, \"play_rule\": 0,"
               " \"start_time\": \"08:00:00\", \"end_time\": \"12:00:00\"},"
               "{\"id\": 14, \"index\": 3, \"duration\": 1, \"playlist_id_as_nested_playlist\": 3}]}");
  library_add (library, "{\"id\": 2, \"name\": \"Zwei\", \"entries\": ["
               "{\"id\": 21, \"index\": 0, \"duration\": 20, \"media_file_id\": 7},"
               "{\"id\": 22, \"index\": 1, \"duration\": 30, \"media_file_id\": 8, \"play_rule\": 2}]}");
  library_add (library, "{\"id\": 3, \"name\": \"Drei\", \"entries\": ["
               "{\"id\": 31, \"index\": 0, \"duration\": 7, \"media_file_id\": 9},"
               "{\"id\": 32, \"index\": 1, \"duration\": 3, \"playlist_id_as_nested_playlist\": 1}]}");
}

static void
test_active_nested (void)
{
  Library library;
  MqPlaylist *one;
  MqScheduleSummary summary;
  g_autoptr(GDateTime) morning = at ("2026-06-01T09:00:00");
  g_autoptr(GDateTime) afternoon = at ("2026-06-01T13:00:00");
  static const gint64 morning_ids[] = { 11, 21, 13, 31 };
  static const gint64 afternoon_ids[] = { 11, 21, 31 };

  library_init (&library);
  add_nested_library (&library);
  one = g_hash_table_lookup (library.playlists, &(gint64) { 1 });

  {
    g_autoptr(GPtrArray) active = mq_schedule_active_entries (one, resolve_cb, &library, berlin,
                                                              morning, &summary);

    assert_entry_ids (active, morning_ids, G_N_ELEMENTS (morning_ids));
    /* The loop as it plays: 10 + 20 + 5 + 7 s, not the nested entries' own durations. */
    g_assert_cmpint (summary.loop_duration_ms, ==, 42000);
    g_assert_cmpuint (summary.n_cycles, ==, 1);
    g_assert_cmpuint (summary.n_unresolved, ==, 0);
    g_assert_cmpuint (summary.n_too_deep, ==, 0);
    g_assert_cmpuint (summary.n_unknown, ==, 0);
  }

  {
    g_autoptr(GPtrArray) active = mq_schedule_active_entries (one, resolve_cb, &library, berlin,
                                                              afternoon, &summary);

    assert_entry_ids (active, afternoon_ids, G_N_ELEMENTS (afternoon_ids));
    g_assert_cmpint (summary.loop_duration_ms, ==, 37000);
  }

  /* Without a resolver, the nested entries play as themselves. */
  {
    g_autoptr(GPtrArray) active = mq_schedule_active_entries (one, NULL, NULL, berlin,
                                                              morning, &summary);
    static const gint64 ids[] = { 11, 12, 13, 14 };

    assert_entry_ids (active, ids, G_N_ELEMENTS (ids));
    g_assert_cmpuint (summary.n_unresolved, ==, 2);
    g_assert_cmpint (summary.loop_duration_ms, ==, 115000);
  }

  /* A playlist that nests itself. */
  {
    g_autoptr(MqPlaylist) self_nested =
      playlist_from ("{\"id\": 9, \"name\": \"Selbst\", \"entries\": ["
                     "{\"id\": 91, \"index\": 0, \"duration\": 4, \"playlist_id_as_nested_playlist\": 9},"
                     "{\"id\": 92, \"index\": 1, \"duration\": 6, \"media_file_id\": 1}]}");
    g_autoptr(GPtrArray) active = NULL;
    static const gint64 ids[] = { 92 };

    g_hash_table_insert (library.playlists, g_memdup2 (&(gint64) { 9 }, sizeof (gint64)),
                         g_object_ref (self_nested));
    active = mq_schedule_active_entries (self_nested, resolve_cb, &library, berlin, morning, &summary);
    assert_entry_ids (active, ids, G_N_ELEMENTS (ids));
    g_assert_cmpuint (summary.n_cycles, ==, 1);
    g_assert_cmpint (summary.loop_duration_ms, ==, 6000);
  }

  library_clear (&library);
}

static void
test_active_depth (void)
{
  Library library;
  MqScheduleSummary summary;
  g_autoptr(GDateTime) moment = at ("2026-06-01T09:00:00");
  g_autoptr(GPtrArray) active = NULL;
  guint n_lookups;

  /* 100 → 101 → … → 119, each with one picture and the next playlist. */
  library_init (&library);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *json =
        g_strdup_printf ("{\"id\": %u, \"name\": \"Stufe\", \"entries\": ["
                         "{\"id\": %u, \"index\": 0, \"duration\": 1, \"media_file_id\": 1},"
                         "{\"id\": %u, \"index\": 1, \"duration\": 1, \"playlist_id_as_nested_playlist\": %u}]}",
                         100 + i, 1000 + i, 2000 + i, 101 + i);

      library_add (&library, json);
    }

  active = mq_schedule_active_entries (g_hash_table_lookup (library.playlists, &(gint64) { 100 }),
                                       resolve_cb, &library, berlin, moment, &summary);
  n_lookups = library.n_lookups;
  g_assert_cmpuint (active->len, ==, MQ_SCHEDULE_MAX_DEPTH);
  g_assert_cmpuint (summary.n_too_deep, ==, 1);
  g_assert_cmpuint (n_lookups, ==, MQ_SCHEDULE_MAX_DEPTH - 1);
  g_assert_cmpint (summary.loop_duration_ms, ==, MQ_SCHEDULE_MAX_DEPTH * 1000);

  library_clear (&library);
}

static void
test_active_empty (void)
{
  g_autoptr(MqPlaylist) never = playlist_from ("{\"id\": 4, \"name\": \"Nie\", \"entries\": ["
                                               "{\"id\": 41, \"duration\": 5, \"play_rule\": 2},"
                                               "{\"id\": 42, \"duration\": 5, \"play_rule\": 0, \"weekdays\": 1},"
                                               "{\"id\": 43, \"duration\": 5, \"play_rule\": 0, \"start_date\": \"bald\"}]}");
  g_autoptr(MqPlaylist) list_item = playlist_from ("{\"id\": 5, \"name\": \"Ohne Einträge\"}");
  g_autoptr(MqPlaylist) no_entries = playlist_from ("{\"id\": 6, \"name\": \"Leer\", \"entries\": []}");
  g_autoptr(GDateTime) monday = at ("2026-06-01T09:00:00");
  MqScheduleSummary summary;
  g_autoptr(GPtrArray) a = mq_schedule_active_entries (never, NULL, NULL, berlin, monday, &summary);
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GPtrArray) c = NULL;

  g_assert_cmpuint (a->len, ==, 0);
  g_assert_cmpint (summary.loop_duration_ms, ==, 0);
  g_assert_cmpuint (summary.n_unknown, ==, 1);

  b = mq_schedule_active_entries (list_item, NULL, NULL, berlin, monday, &summary);
  g_assert_cmpuint (b->len, ==, 0);
  c = mq_schedule_active_entries (no_entries, NULL, NULL, berlin, monday, NULL);
  g_assert_cmpuint (c->len, ==, 0);
}

/* ---- changes ---- */

typedef struct
{
  const char *entries;     /* of playlist 1, after two entries that always play */
  const char *after;
  const char *until;
  const char *expected;    /* the next change, or NULL */
} NextCase;

static const NextCase next_cases[] = {
  /* Across midnight: a night window closes the next morning. */
  { "{\"id\": 3, \"play_rule\": 0, \"start_time\": \"22:00:00\", \"end_time\": \"02:00:00\"}",
    "2026-06-05T23:00:00", "2026-06-07T00:00:00", "2026-06-06T02:00:00+02:00" },
  { "{\"id\": 3, \"play_rule\": 0, \"start_time\": \"22:00:00\", \"end_time\": \"02:00:00\"}",
    "2026-06-05T12:00:00", "2026-06-07T00:00:00", "2026-06-05T22:00:00+02:00" },
  /* Exclusive of the start: at 22:00 itself, the next is 02:00. */
  { "{\"id\": 3, \"play_rule\": 0, \"start_time\": \"22:00:00\", \"end_time\": \"02:00:00\"}",
    "2026-06-05T22:00:00", "2026-06-07T00:00:00", "2026-06-06T02:00:00+02:00" },
  /* Across the end of a date range. */
  { "{\"id\": 3, \"play_rule\": 0, \"end_date\": \"2026-06-30\"}",
    "2026-06-30T12:00:00", "2026-07-31T00:00:00", "2026-07-01T00:00:00+02:00" },
  /* A weekday mask: Mondays only, asked on a Wednesday. */
  { "{\"id\": 3, \"play_rule\": 0, \"weekdays\": 2}",
    "2026-06-03T12:00:00", "2026-06-30T00:00:00", "2026-06-08T00:00:00+02:00" },
  /* Across DST, spring: the window from the missing 02:30 opens at 03:00 CEST. */
  { "{\"id\": 3, \"play_rule\": 0, \"start_time\": \"02:30:00\", \"end_time\": \"04:00:00\"}",
    "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00", "2026-03-29T01:00:00Z" },
  /* Across DST, autumn: a window ending at 02:30 ends first at 02:30 CEST. */
  { "{\"id\": 3, \"play_rule\": 0, \"start_time\": \"01:00:00\", \"end_time\": \"02:30:00\"}",
    "2026-10-25T01:30:00+02:00", "2026-10-26T00:00:00", "2026-10-25T00:30:00Z" },
  /* Nothing changes until @until. */
  { "{\"id\": 3, \"play_rule\": 0, \"start_time\": \"22:00:00\", \"end_time\": \"02:00:00\"}",
    "2026-06-05T12:00:00", "2026-06-05T21:59:59", NULL },
  { "{\"id\": 3, \"play_rule\": 1}", "2026-06-05T12:00:00", "2027-06-05T12:00:00", NULL },
  /* A change hidden in a nested playlist that does not play is none. */
  { "{\"id\": 3, \"play_rule\": 2, \"playlist_id_as_nested_playlist\": 2}",
    "2026-06-05T12:00:00", "2026-06-12T12:00:00", NULL },
  /* … and one in a nested playlist that plays is one. */
  { "{\"id\": 3, \"play_rule\": 1, \"playlist_id_as_nested_playlist\": 2}",
    "2026-06-05T12:00:00", "2026-06-12T12:00:00", "2026-06-05T18:00:00+02:00" },
};

static MqPlaylist *
nested_resolve_cb (gint64   id,
                   gpointer data)
{
  return id == 2 ? data : NULL;
}

static void
test_next_change (void)
{
  /* Playlist 2: an entry 18:00–19:00. */
  g_autoptr(MqPlaylist) two = playlist_from ("{\"id\": 2, \"name\": \"Abend\", \"entries\": ["
                                             "{\"id\": 21, \"duration\": 5, \"play_rule\": 0,"
                                             " \"start_time\": \"18:00:00\", \"end_time\": \"19:00:00\"}]}");

  for (gsize i = 0; i < G_N_ELEMENTS (next_cases); i++)
    {
      const NextCase *c = &next_cases[i];
      g_autofree char *json = g_strdup_printf ("{\"id\": 1, \"name\": \"Eins\", \"entries\": ["
                                               "{\"id\": 1, \"duration\": 5}, {\"id\": 2, \"duration\": 5},"
                                               " %s]}", c->entries);
      g_autoptr(MqPlaylist) playlist = playlist_from (json);
      g_autoptr(GDateTime) after = at (c->after);
      g_autoptr(GDateTime) until = at (c->until);
      g_autoptr(GDateTime) next = mq_schedule_next_change (playlist, nested_resolve_cb, two,
                                                           berlin, after, until);

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      if (c->expected == NULL)
        g_assert_null (next);
      else
        assert_instant (next, c->expected);
    }
}

/* 01:00–02:30 on the night 02:00–03:00 happens twice: on, off, on, off. */
static void
test_changes_fall_back (void)
{
  g_autoptr(MqPlaylist) playlist = playlist_from ("{\"id\": 1, \"name\": \"Nacht\", \"entries\": ["
                                                  "{\"id\": 1, \"duration\": 5, \"play_rule\": 0,"
                                                  " \"start_time\": \"01:00:00\", \"end_time\": \"02:30:00\"}]}");
  g_autoptr(GDateTime) from = at ("2026-10-24T22:00:00Z");
  g_autoptr(GDateTime) to = at ("2026-10-25T03:00:00Z");
  g_autoptr(GPtrArray) changes = mq_schedule_changes (playlist, NULL, NULL, berlin, from, to);
  static const char * const expected[] = {
    "2026-10-24T23:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z",
  };

  g_assert_cmpuint (changes->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < changes->len; i++)
    assert_instant (g_ptr_array_index (changes, i), expected[i]);
}

/* Each change is a real one: the set differs a second before and at it. */
static void
test_changes_are_changes (void)
{
  Library library;
  MqPlaylist *one;
  g_autoptr(GDateTime) from = at ("2026-03-27T00:00:00");
  g_autoptr(GDateTime) to = at ("2026-04-03T00:00:00");
  g_autoptr(GPtrArray) changes = NULL;

  library_init (&library);
  add_nested_library (&library);
  one = g_hash_table_lookup (library.playlists, &(gint64) { 1 });
  changes = mq_schedule_changes (one, resolve_cb, &library, berlin, from, to);

  /* 08:00 and 12:00 on each of 7 days. */
  g_assert_cmpuint (changes->len, ==, 14);
  for (guint i = 0; i < changes->len; i++)
    {
      GDateTime *change = g_ptr_array_index (changes, i);
      g_autoptr(GDateTime) before = g_date_time_add_seconds (change, -1);
      g_autoptr(GPtrArray) a = mq_schedule_active_entries (one, resolve_cb, &library, berlin, before, NULL);
      g_autoptr(GPtrArray) b = mq_schedule_active_entries (one, resolve_cb, &library, berlin, change, NULL);

      g_assert_cmpuint (a->len, !=, b->len);
      g_assert_cmpint (g_date_time_get_second (change), ==, 0);
    }

  library_clear (&library);
}

static void
test_zone_name (void)
{
  g_autoptr(GDateTime) summer = at ("2026-06-01T12:00:00");
  g_autoptr(GDateTime) winter = at ("2026-01-01T12:00:00");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *a = mq_schedule_dup_zone_name (berlin, summer);
  g_autofree char *b = mq_schedule_dup_zone_name (berlin, winter);
  g_autofree char *c = mq_schedule_dup_zone_name (utc, winter);
  g_autoptr(GTimeZone) etc_utc = g_time_zone_new_identifier ("Etc/UTC");
  g_autofree char *d = NULL;

  g_assert_cmpstr (a, ==, "Europe/Berlin (CEST)");
  g_assert_cmpstr (b, ==, "Europe/Berlin (CET)");
  g_assert_cmpstr (c, ==, "UTC");

  /* The zone a machine set to UTC names: once, not "Etc/UTC (UTC)". */
  g_assert_nonnull (etc_utc);
  d = mq_schedule_dup_zone_name (etc_utc, winter);
  g_assert_cmpstr (d, ==, "UTC");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_nonnull (berlin);

  g_test_add_func ("/schedule/entry/active", test_entry_active);
  g_test_add_func ("/schedule/entry/weekday-bits", test_entry_weekday_bits);
  g_test_add_func ("/schedule/entry/state", test_entry_state);
  g_test_add_func ("/schedule/entry/unknown-round-trip", test_entry_unknown_round_trip);
  g_test_add_func ("/schedule/entry/week-hours", test_entry_week_hours);
  g_test_add_func ("/schedule/active/nested", test_active_nested);
  g_test_add_func ("/schedule/active/depth", test_active_depth);
  g_test_add_func ("/schedule/active/empty", test_active_empty);
  g_test_add_func ("/schedule/changes/next", test_next_change);
  g_test_add_func ("/schedule/changes/fall-back", test_changes_fall_back);
  g_test_add_func ("/schedule/changes/are-changes", test_changes_are_changes);
  g_test_add_func ("/schedule/zone-name", test_zone_name);

  status = g_test_run ();
  g_time_zone_unref (berlin);

  return status;
}
