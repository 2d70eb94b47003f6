/* mq-schedule.h: what a playlist plays at a moment, and when that changes
 *
 * Pure functions over the models: no I/O, no main loop, any thread (for objects no
 * other thread changes). Every moment is read as a wall-clock time in the GTimeZone
 * the caller passes: the UI and the command line pass g_time_zone_new_local () and show
 * mq_schedule_dup_zone_name () beside every time; tests pass "Europe/Berlin".
 *
 * The rules, from viewneo's fields (../shared/viewneo/API.md) and, where viewneo says
 * nothing, from what Marquee assumes (marked ASSUMED):
 * - `play_rule` 1 plays always and 2 never, whatever the other fields say; 0 plays on
 *   the schedule below. A missing play rule is 1.
 * - `start_date`/`end_date` ("YYYY-MM-DD") bound the days, both inclusive; either may be
 *   missing (null or ""), leaving that side open. ASSUMED: a time after the date
 *   ("YYYY-MM-DD HH:MM:SS", "YYYY-MM-DDTHH:MM:SS…") is ignored, the date is a local one.
 * - `start_time`/`end_time` ("HH:MM:SS" or "HH:MM") bound the time of day: the start
 *   inclusive, the end exclusive (ASSUMED). A missing start is 00:00, a missing end the
 *   end of the day; "24:00:00" is accepted as an end.
 * - ASSUMED (viewneo does not document it): an end at or before the start runs past
 *   midnight: 22:00–02:00 plays from 22:00 to 02:00 the next morning; an end equal to the
 *   start plays 24 hours. The part after midnight belongs to the day the window started:
 *   that day's weekday bit and that day's place in the date range decide it. So a
 *   Friday-only 22:00–02:00 plays early on Saturday, and on the `end_date` the window
 *   still runs to 02:00 the day after, while the small hours of the `start_date` (which
 *   belong to the day before) do not play.
 * - Times are wall-clock times: on the day clocks go forward, a window that starts at
 *   the missing 02:30 starts at 03:00; on the day they go back, 02:00–03:00 happens twice
 *   and plays both times.
 * - `weekdays`: Sun=1, Mon=2, … Sat=64; 0 or missing is every day.
 * - An entry of a nested playlist plays when it and every entry above it plays. Nesting
 *   is followed at most MQ_SCHEDULE_MAX_DEPTH deep; an entry leading back into a playlist
 *   it is already inside is skipped (a cycle).
 * - A field that is there but cannot be read (a date that is not a date, a play rule of
 *   7, a mask of 300, a start date after the end date) makes the entry's schedule
 *   MQ_SCHEDULE_STATE_UNKNOWN: it is never counted as playing, and it is reported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-playlist.h"
#include "mq-playlist-entry.h"

G_BEGIN_DECLS

#define MQ_SCHEDULE_MAX_DEPTH 8

typedef enum
{
  MQ_SCHEDULE_STATE_UNKNOWN = 0, /* malformed: Marquee cannot tell when it plays */
  MQ_SCHEDULE_STATE_ALWAYS,      /* play rule 1 (or none) */
  MQ_SCHEDULE_STATE_NEVER,       /* play rule 2 */
  MQ_SCHEDULE_STATE_SCHEDULED,   /* play rule 0, with readable dates, times and weekdays */
} MqScheduleState;

/* The playlist with the id, with its entries (mq_playlist_get_entries() not NULL), or
 * NULL when the caller does not have it (yet): owned by the caller, not by the callee. */
typedef MqPlaylist *(*MqPlaylistResolver) (gint64   playlist_id,
                                           gpointer user_data);

/* What else mq_schedule_active_entries() found. */
typedef struct
{
  /* The loop as it plays at that moment: the sum of the `duration`s of the entries
   * returned, in milliseconds. A lower bound when n_unresolved > 0. */
  gint64 loop_duration_ms;
  /* Playing entries of nested playlists the resolver did not have: each is returned
   * itself, with its own `duration`, in place of the playlist's entries. */
  guint  n_unresolved;
  /* Nested entries skipped because they lead back into a playlist above them, or
   * deeper than MQ_SCHEDULE_MAX_DEPTH. */
  guint  n_cycles;
  guint  n_too_deep;
  /* Entries met on the way with an unknown schedule (not playing). */
  guint  n_unknown;
} MqScheduleSummary;

/* What kind of schedule the entry has; UNKNOWN never crashes anything, it is a state. */
MqScheduleState mq_schedule_entry_get_state   (MqPlaylistEntry    *entry);

/* Whether the entry itself plays at @at read in @tz (its nested playlist not looked
 * into). FALSE for an unknown schedule. */
gboolean        mq_schedule_entry_is_active   (MqPlaylistEntry    *entry,
                                               GTimeZone          *tz,
                                               GDateTime          *at);

/* For a 7 × 24 week view: @hours[d] has bit h set when the entry plays at any moment of
 * hour h (wall clock) of the day @first_day + d, the days read in @tz. All zero for a
 * schedule that is unknown or never plays; all set (0xffffff) for one that plays
 * always. Wall-clock hours of calendar days: an hour the clock skips or repeats is
 * not told apart. */
void            mq_schedule_entry_get_week_hours (MqPlaylistEntry *entry,
                                                  GTimeZone       *tz,
                                                  GDateTime       *first_day,
                                                  guint32          hours[7]);

/* The entries @playlist plays at @at, in playback order, nested playlists expanded in
 * place (through @resolve, which may be NULL: then no playlist is expanded): a new
 * array of MqPlaylistEntry (references), empty when nothing plays. @summary, if not
 * NULL, is filled. @playlist without entries (a list item) gives an empty array. */
GPtrArray      *mq_schedule_active_entries    (MqPlaylist         *playlist,
                                               MqPlaylistResolver  resolve,
                                               gpointer            resolve_data,
                                               GTimeZone          *tz,
                                               GDateTime          *at,
                                               MqScheduleSummary  *summary);

/* The first moment in (@after, @until] at which the entries mq_schedule_active_entries()
 * gives change, in @tz, or NULL when they stay the same until @until. Exact to the
 * second, across midnight, date-range ends and clock changes. The cost grows with the
 * number of days between @after and @until: a week or a month is cheap, ten years are
 * not. */
GDateTime      *mq_schedule_next_change       (MqPlaylist         *playlist,
                                               MqPlaylistResolver  resolve,
                                               gpointer            resolve_data,
                                               GTimeZone          *tz,
                                               GDateTime          *after,
                                               GDateTime          *until);

/* Every such moment in (@from, @to], ascending: a GPtrArray of GDateTime in @tz. */
GPtrArray      *mq_schedule_changes           (MqPlaylist         *playlist,
                                               MqPlaylistResolver  resolve,
                                               gpointer            resolve_data,
                                               GTimeZone          *tz,
                                               GDateTime          *from,
                                               GDateTime          *to);

/* The zone to show beside a time: "Europe/Berlin (CEST)", the abbreviation in effect at
 * @at; just "CEST" when the zone has no readable name (a path, "Local"). */
char           *mq_schedule_dup_zone_name     (GTimeZone          *tz,
                                               GDateTime          *at);

G_END_DECLS
