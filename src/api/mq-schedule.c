/* mq-schedule.c
 *
 * Everything is decided on the wall clock: a moment becomes (day, second of the day)
 * in the zone, and an entry's rule is a function of that pair. Changes are found by
 * listing every moment at which the wall clock reaches a second at which some rule can
 * change (00:00, each start and end time), plus the clock changes themselves, and
 * comparing what plays there with what played just before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include "mq-schedule.h"

#include <string.h>

#define DAY_SECONDS 86400
/* For walk_playlist(): every entry, whether it plays or not. */
#define ANY_DAY     G_MININT64

typedef struct
{
  MqScheduleState state;
  gint64 first_day;   /* days since 1970-01-01; G_MININT64 when open */
  gint64 last_day;    /* G_MAXINT64 when open */
  gint32 start;       /* second of the day the window opens */
  gint32 end;         /* exclusive, start < end <= start + DAY_SECONDS: beyond a day, the
                       * window runs past midnight */
  guint8 weekdays;    /* bit 0 Sunday … bit 6 Saturday */
} Rule;

/* ---- reading the fields ---- */

/* Howard Hinnant's days_from_civil. */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  gint64 y = (gint64) year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

/* 0 for Sunday, as viewneo's bits. 1970-01-01 was a Thursday. */
static guint
weekday_of (gint64 day)
{
  gint64 weekday = (day + 4) % 7;

  return (guint) (weekday < 0 ? weekday + 7 : weekday);
}

static gboolean
read_digits (const char *text,
             guint       n,
             int        *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }

  return TRUE;
}

static gboolean
is_missing (const char *text)
{
  return text == NULL || text[0] == '\0';
}

/* "YYYY-MM-DD", maybe with a time after it (ignored). */
static gboolean
parse_date (const char *text,
            gint64     *day)
{
  int year, month, mday;

  if (strlen (text) < 10 ||
      !read_digits (text, 4, &year) || text[4] != '-' ||
      !read_digits (text + 5, 2, &month) || text[7] != '-' ||
      !read_digits (text + 8, 2, &mday) ||
      (text[10] != '\0' && text[10] != ' ' && text[10] != 'T'))
    return FALSE;

  if (year < 1 || !g_date_valid_dmy ((GDateDay) mday, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  *day = days_from_civil (year, month, mday);
  return TRUE;
}

/* "HH:MM:SS" or "HH:MM"; "24:00[:00]" only where @allow_24. */
static gboolean
parse_time (const char *text,
            gboolean    allow_24,
            gint32     *seconds)
{
  int hour, minute, second = 0;
  gsize length = strlen (text);

  if ((length != 5 && length != 8) ||
      !read_digits (text, 2, &hour) || text[2] != ':' ||
      !read_digits (text + 3, 2, &minute) ||
      (length == 8 && (text[5] != ':' || !read_digits (text + 6, 2, &second))))
    return FALSE;

  if (minute > 59 || second > 59 || hour > 24 ||
      (hour == 24 && (!allow_24 || minute != 0 || second != 0)))
    return FALSE;

  *seconds = hour * 3600 + minute * 60 + second;
  return TRUE;
}

static void
rule_init (Rule            *rule,
           MqPlaylistEntry *entry)
{
  const char *start_date = mq_playlist_entry_get_start_date (entry);
  const char *end_date = mq_playlist_entry_get_end_date (entry);
  const char *start_time = mq_playlist_entry_get_start_time (entry);
  const char *end_time = mq_playlist_entry_get_end_time (entry);
  MqWeekdays weekdays = mq_playlist_entry_get_weekdays (entry);

  memset (rule, 0, sizeof *rule);
  rule->state = MQ_SCHEDULE_STATE_UNKNOWN;

  if (!mq_playlist_entry_has_valid_rule (entry))
    return;

  switch (mq_playlist_entry_get_play_rule (entry))
    {
    case MQ_PLAY_RULE_ALWAYS:
      rule->state = MQ_SCHEDULE_STATE_ALWAYS;
      return;
    case MQ_PLAY_RULE_NEVER:
      rule->state = MQ_SCHEDULE_STATE_NEVER;
      return;
    case MQ_PLAY_RULE_SCHEDULED:
    default:
      break;
    }

  rule->first_day = G_MININT64;
  rule->last_day = G_MAXINT64;
  rule->start = 0;
  rule->end = DAY_SECONDS;
  rule->weekdays = weekdays == 0 ? MQ_WEEKDAYS_ALL : (guint8) weekdays;

  if ((!is_missing (start_date) && !parse_date (start_date, &rule->first_day)) ||
      (!is_missing (end_date) && !parse_date (end_date, &rule->last_day)) ||
      rule->first_day > rule->last_day ||
      (!is_missing (start_time) && !parse_time (start_time, FALSE, &rule->start)) ||
      (!is_missing (end_time) && !parse_time (end_time, TRUE, &rule->end)))
    return;

  /* viewneo does not say what an end before the start means: we take it as a window
   * that runs past midnight (22:00–02:00), as a screen's night programme does. An end
   * equal to the start runs 24 hours. */
  if (rule->end <= rule->start)
    rule->end += DAY_SECONDS;

  rule->state = MQ_SCHEDULE_STATE_SCHEDULED;
}

/* Whether the window that opens on @day is allowed to open: the date range and the
 * weekday are those of the day the window opens, also for its part after midnight. */
static gboolean
rule_day_allowed (const Rule *rule,
                  gint64      day)
{
  return day >= rule->first_day && day <= rule->last_day &&
         (rule->weekdays & (1u << weekday_of (day))) != 0;
}

static gboolean
rule_is_active (const Rule *rule,
                gint64      day,
                gint32      second)
{
  switch (rule->state)
    {
    case MQ_SCHEDULE_STATE_ALWAYS:
      return TRUE;
    case MQ_SCHEDULE_STATE_SCHEDULED:
      break;
    case MQ_SCHEDULE_STATE_NEVER:
    case MQ_SCHEDULE_STATE_UNKNOWN:
    default:
      return FALSE;
    }

  /* Today's window, or yesterday's running past midnight. */
  if (second >= rule->start && second < rule->end && rule_day_allowed (rule, day))
    return TRUE;
  if (second + DAY_SECONDS < rule->end && rule_day_allowed (rule, day - 1))
    return TRUE;

  return FALSE;
}

/* ---- moments and the wall clock ---- */

static gint64
wall_seconds_of (GTimeZone *tz,
                 gint64     unix_time)
{
  gint interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, unix_time);

  return unix_time + g_time_zone_get_offset (tz, interval);
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static void
wall_clock_of (GTimeZone *tz,
               gint64     unix_time,
               gint64    *day,
               gint32    *second)
{
  gint64 wall = wall_seconds_of (tz, unix_time);

  *day = floor_div (wall, DAY_SECONDS);
  *second = (gint32) (wall - *day * DAY_SECONDS);
}

static gint64
unix_of (GDateTime *datetime)
{
  /* Whole seconds: every boundary is on one, and the set is constant within a second. */
  return g_date_time_to_unix (datetime);
}

MqScheduleState
mq_schedule_entry_get_state (MqPlaylistEntry *entry)
{
  Rule rule;

  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (entry), MQ_SCHEDULE_STATE_UNKNOWN);

  rule_init (&rule, entry);
  return rule.state;
}

gboolean
mq_schedule_entry_is_active (MqPlaylistEntry *entry,
                             GTimeZone       *tz,
                             GDateTime       *at)
{
  Rule rule;
  gint64 day;
  gint32 second;

  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (entry), FALSE);
  g_return_val_if_fail (tz != NULL, FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  rule_init (&rule, entry);
  wall_clock_of (tz, unix_of (at), &day, &second);
  return rule_is_active (&rule, day, second);
}

void
mq_schedule_entry_get_week_hours (MqPlaylistEntry *entry,
                                  GTimeZone       *tz,
                                  GDateTime       *first_day,
                                  guint32          hours[7])
{
  Rule rule;
  gint64 day;
  gint32 unused;

  g_return_if_fail (MQ_IS_PLAYLIST_ENTRY (entry));
  g_return_if_fail (tz != NULL && first_day != NULL && hours != NULL);

  rule_init (&rule, entry);
  wall_clock_of (tz, unix_of (first_day), &day, &unused);

  for (guint d = 0; d < 7; d++)
    {
      hours[d] = 0;
      for (gint32 h = 0; h < 24; h++)
        {
          gint32 from = h * 3600, to = from + 3600;
          /* The rule is constant between 00:00, its start and its end (mod a day): it
           * plays during the hour if it plays at its start or at one of those inside. */
          gint32 probes[] = { from, rule.start, rule.end % DAY_SECONDS };

          for (guint p = 0; p < G_N_ELEMENTS (probes); p++)
            {
              if (probes[p] >= from && probes[p] < to &&
                  rule_is_active (&rule, day + d, probes[p]))
                {
                  hours[d] |= 1u << h;
                  break;
                }
            }
        }
    }
}

/* ---- expanding a playlist ---- */

typedef struct
{
  MqPlaylistResolver resolve;
  gpointer resolve_data;
  GHashTable *rules;        /* MqPlaylistEntry → Rule, parsed once per walk */
  GArray *stack;            /* gint64 ids of the playlists being expanded */
} Walk;

static void
walk_init (Walk               *walk,
           MqPlaylistResolver  resolve,
           gpointer            resolve_data)
{
  walk->resolve = resolve;
  walk->resolve_data = resolve_data;
  walk->rules = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  walk->stack = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
walk_clear (Walk *walk)
{
  g_clear_pointer (&walk->rules, g_hash_table_unref);
  g_clear_pointer (&walk->stack, g_array_unref);
}

static const Rule *
walk_get_rule (Walk            *walk,
               MqPlaylistEntry *entry)
{
  Rule *rule = g_hash_table_lookup (walk->rules, entry);

  if (rule == NULL)
    {
      rule = g_new (Rule, 1);
      rule_init (rule, entry);
      g_hash_table_insert (walk->rules, entry, rule);
    }

  return rule;
}

static gboolean
walk_is_open (Walk   *walk,
              gint64  playlist_id)
{
  for (guint i = 0; i < walk->stack->len; i++)
    if (g_array_index (walk->stack, gint64, i) == playlist_id)
      return TRUE;

  return FALSE;
}

typedef void (*VisitFunc) (MqPlaylistEntry *entry,
                           const Rule      *rule,
                           gpointer         data);

/* Calls @visit for each entry of @playlist and of the nested playlists it reaches, in
 * playback order: only through entries that play at (@day, @second), or through all
 * with ANY_DAY. The entry of a nested playlist that cannot be expanded is visited
 * as itself (the summary says why). */
static void
walk_playlist (Walk              *walk,
               MqPlaylist        *playlist,
               gint64             day,
               gint32             second,
               MqScheduleSummary *summary,
               VisitFunc          visit,
               gpointer           data)
{
  GListModel *entries = mq_playlist_get_entries (playlist);
  gint64 id = mq_playlist_get_id (playlist);
  guint n;

  if (entries == NULL)
    return;

  g_array_append_val (walk->stack, id);
  n = g_list_model_get_n_items (entries);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, i);
      const Rule *rule = walk_get_rule (walk, entry);
      gint64 nested_id = mq_playlist_entry_get_nested_playlist_id (entry);
      MqPlaylist *nested = NULL;

      if (rule->state == MQ_SCHEDULE_STATE_UNKNOWN)
        summary->n_unknown++;

      if (day != ANY_DAY && !rule_is_active (rule, day, second))
        continue;

      if (nested_id == 0)
        {
          visit (entry, rule, data);
          continue;
        }

      if (walk_is_open (walk, nested_id))
        {
          summary->n_cycles++;
          continue;
        }
      if (walk->stack->len >= MQ_SCHEDULE_MAX_DEPTH)
        {
          summary->n_too_deep++;
          continue;
        }

      if (walk->resolve != NULL)
        nested = walk->resolve (nested_id, walk->resolve_data);
      if (nested == NULL || mq_playlist_get_entries (nested) == NULL)
        {
          summary->n_unresolved++;
          visit (entry, rule, data);
          continue;
        }

      if (day == ANY_DAY)
        visit (entry, rule, data);
      walk_playlist (walk, nested, day, second, summary, visit, data);
    }
  g_array_set_size (walk->stack, walk->stack->len - 1);
}

static void
add_entry_cb (MqPlaylistEntry *entry,
              const Rule      *rule,
              gpointer         data)
{
  g_ptr_array_add (data, entry);
}

/* The playing entries (borrowed from the playlists) at a wall-clock time. */
static GPtrArray *
walk_active (Walk              *walk,
             MqPlaylist        *playlist,
             gint64             day,
             gint32             second,
             MqScheduleSummary *summary)
{
  GPtrArray *active = g_ptr_array_new ();
  MqScheduleSummary ignored;

  memset (summary != NULL ? summary : &ignored, 0, sizeof (MqScheduleSummary));
  walk_playlist (walk, playlist, day, second, summary != NULL ? summary : &ignored,
                 add_entry_cb, active);

  return active;
}

GPtrArray *
mq_schedule_active_entries (MqPlaylist         *playlist,
                            MqPlaylistResolver  resolve,
                            gpointer            resolve_data,
                            GTimeZone          *tz,
                            GDateTime          *at,
                            MqScheduleSummary  *summary)
{
  g_autoptr(GPtrArray) active = NULL;
  MqScheduleSummary local;
  GPtrArray *result;
  Walk walk;
  gint64 day;
  gint32 second;

  g_return_val_if_fail (MQ_IS_PLAYLIST (playlist), NULL);
  g_return_val_if_fail (tz != NULL, NULL);
  g_return_val_if_fail (at != NULL, NULL);

  wall_clock_of (tz, unix_of (at), &day, &second);
  walk_init (&walk, resolve, resolve_data);
  active = walk_active (&walk, playlist, day, second, &local);
  walk_clear (&walk);

  result = g_ptr_array_new_full (active->len, g_object_unref);
  local.loop_duration_ms = 0;
  for (guint i = 0; i < active->len; i++)
    {
      MqPlaylistEntry *entry = g_ptr_array_index (active, i);

      g_ptr_array_add (result, g_object_ref (entry));
      local.loop_duration_ms += (gint64) mq_playlist_entry_get_duration (entry) * 1000;
    }

  if (summary != NULL)
    *summary = local;

  return result;
}

/* ---- changes ---- */

static void
add_break (GArray *seconds,
           gint32  second)
{
  second %= DAY_SECONDS;
  for (guint i = 0; i < seconds->len; i++)
    if (g_array_index (seconds, gint32, i) == second)
      return;
  g_array_append_val (seconds, second);
}

static void
collect_breaks_cb (MqPlaylistEntry *entry,
                   const Rule      *rule,
                   gpointer         data)
{
  GArray *seconds = data;

  if (rule->state != MQ_SCHEDULE_STATE_SCHEDULED)
    return;

  /* Midnight: a new day may be out of the range or another weekday. */
  add_break (seconds, 0);
  add_break (seconds, rule->start);
  add_break (seconds, rule->end);
}

static gint
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The instant in (@from, @to] at which the offset changes, the offsets differing at
 * the two ends; there is at most one in the few hours searched. */
static gint64
find_transition (GTimeZone *tz,
                 gint64     from,
                 gint64     to)
{
  gint64 offset_from = wall_seconds_of (tz, from) - from;

  while (to - from > 1)
    {
      gint64 middle = from + (to - from) / 2;

      if (wall_seconds_of (tz, middle) - middle == offset_from)
        from = middle;
      else
        to = middle;
    }

  return to;
}

/* Every instant in (@after, @until] at which the wall clock reaches one of @seconds,
 * or jumps, sorted. */
static GArray *
candidate_instants (GTimeZone *tz,
                    GArray    *seconds,
                    gint64     after,
                    gint64     until)
{
  GArray *instants = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 first_day, last_day;
  gint32 unused;

  wall_clock_of (tz, after, &first_day, &unused);
  wall_clock_of (tz, until, &last_day, &unused);

  for (gint64 day = first_day - 1; day <= last_day + 1; day++)
    {
      /* The offsets in effect around this day: real zones are at most 14 hours off
       * and change at most once in such a span. */
      gint64 from = day * DAY_SECONDS - 16 * 3600;
      gint64 to = (day + 1) * DAY_SECONDS + 16 * 3600;
      gint64 offsets[2] = { wall_seconds_of (tz, from) - from, wall_seconds_of (tz, to) - to };

      if (offsets[0] != offsets[1])
        {
          gint64 transition = find_transition (tz, from, to);

          g_array_append_val (instants, transition);
        }

      for (guint i = 0; i < seconds->len; i++)
        for (guint o = 0; o < G_N_ELEMENTS (offsets); o++)
          {
            gint64 instant = day * DAY_SECONDS + g_array_index (seconds, gint32, i) - offsets[o];

            g_array_append_val (instants, instant);
          }
    }

  g_array_sort (instants, compare_int64);

  /* In range, once each. */
  {
    guint kept = 0;

    for (guint i = 0; i < instants->len; i++)
      {
        gint64 instant = g_array_index (instants, gint64, i);

        if (instant <= after || instant > until ||
            (kept > 0 && g_array_index (instants, gint64, kept - 1) == instant))
          continue;
        g_array_index (instants, gint64, kept++) = instant;
      }
    g_array_set_size (instants, kept);
  }

  return instants;
}

static gboolean
same_entries (GPtrArray *a,
              GPtrArray *b)
{
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->pdata, b->pdata, a->len * sizeof (gpointer)) == 0);
}

/* The changes in (@after, @until], at most @max of them. */
static GPtrArray *
find_changes (MqPlaylist         *playlist,
              MqPlaylistResolver  resolve,
              gpointer            resolve_data,
              GTimeZone          *tz,
              gint64              after,
              gint64              until,
              guint               max)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  /* The seconds of the day at which some rule can change. */
  g_autoptr(GArray) seconds = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) instants = NULL;
  g_autoptr(GPtrArray) current = NULL;
  MqScheduleSummary summary = { 0, };
  Walk walk;
  gint64 day;
  gint32 second;

  if (until <= after)
    return changes;

  walk_init (&walk, resolve, resolve_data);

  /* Nothing scheduled anywhere below: nothing ever changes. */
  walk_playlist (&walk, playlist, ANY_DAY, 0, &summary, collect_breaks_cb, seconds);
  if (seconds->len == 0)
    {
      walk_clear (&walk);
      return changes;
    }

  instants = candidate_instants (tz, seconds, after, until);
  wall_clock_of (tz, after, &day, &second);
  current = walk_active (&walk, playlist, day, second, NULL);

  for (guint i = 0; i < instants->len && changes->len < max; i++)
    {
      gint64 instant = g_array_index (instants, gint64, i);
      g_autoptr(GPtrArray) active = NULL;

      wall_clock_of (tz, instant, &day, &second);
      active = walk_active (&walk, playlist, day, second, NULL);
      if (!same_entries (active, current))
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);

          g_ptr_array_add (changes, g_date_time_to_timezone (utc, tz));
          g_ptr_array_unref (current);
          current = g_steal_pointer (&active);
        }
    }

  walk_clear (&walk);
  return changes;
}

GDateTime *
mq_schedule_next_change (MqPlaylist         *playlist,
                         MqPlaylistResolver  resolve,
                         gpointer            resolve_data,
                         GTimeZone          *tz,
                         GDateTime          *after,
                         GDateTime          *until)
{
  g_autoptr(GPtrArray) changes = NULL;

  g_return_val_if_fail (MQ_IS_PLAYLIST (playlist), NULL);
  g_return_val_if_fail (tz != NULL && after != NULL && until != NULL, NULL);

  changes = find_changes (playlist, resolve, resolve_data, tz,
                          unix_of (after), unix_of (until), 1);
  return changes->len > 0 ? g_date_time_ref (g_ptr_array_index (changes, 0)) : NULL;
}

GPtrArray *
mq_schedule_changes (MqPlaylist         *playlist,
                     MqPlaylistResolver  resolve,
                     gpointer            resolve_data,
                     GTimeZone          *tz,
                     GDateTime          *from,
                     GDateTime          *to)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (playlist), NULL);
  g_return_val_if_fail (tz != NULL && from != NULL && to != NULL, NULL);

  return find_changes (playlist, resolve, resolve_data, tz,
                       unix_of (from), unix_of (to), G_MAXUINT);
}

char *
mq_schedule_dup_zone_name (GTimeZone *tz,
                           GDateTime *at)
{
  g_autoptr(GDateTime) local = NULL;
  const char *identifier;
  const char *abbreviation;

  g_return_val_if_fail (tz != NULL && at != NULL, NULL);

  local = g_date_time_to_timezone (at, tz);
  abbreviation = g_date_time_get_timezone_abbreviation (local);
  identifier = g_time_zone_get_identifier (tz);

  /* "Local", "/etc/localtime" or ":/path" say nothing to a reader; "Etc/UTC" or
   * "Etc/GMT+5" say only what the abbreviation says. */
  if (identifier == NULL || identifier[0] == '\0' || identifier[0] == '/' ||
      identifier[0] == ':' || g_strcmp0 (identifier, "Local") == 0 ||
      g_str_has_prefix (identifier, "Etc/") ||
      g_strcmp0 (identifier, abbreviation) == 0)
    return g_strdup (abbreviation);

  return g_strdup_printf ("%s (%s)", identifier, abbreviation);
}
