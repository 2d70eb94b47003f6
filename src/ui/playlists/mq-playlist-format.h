/* mq-playlist-format.h: the words and numbers the playlists view shows
 *
 * Pure functions, so that every string the list, the detail and the timeline show is
 * made in one place and tested without a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mq-playlist.h"
#include "mq-playlist-entry.h"

G_BEGIN_DECLS

/* What an entry plays, as the detail and the timeline tell it apart. */
typedef enum
{
  MQ_ENTRY_KIND_IMAGE,
  MQ_ENTRY_KIND_VIDEO,
  MQ_ENTRY_KIND_WEBSITE,
  MQ_ENTRY_KIND_TEMPLATE,
  MQ_ENTRY_KIND_CONTENT,
  MQ_ENTRY_KIND_FOLDER,
  MQ_ENTRY_KIND_FILE,
  MQ_ENTRY_KIND_PLAYLIST,
  MQ_ENTRY_KIND_UNKNOWN,
  MQ_N_ENTRY_KINDS,
} MqEntryKind;

MqEntryKind  mq_entry_kind_of               (MqPlaylistEntry *entry);
/* Translated, capitalised: "Video". */
const char  *mq_entry_kind_get_label        (MqEntryKind      kind);
const char  *mq_entry_kind_get_icon_name    (MqEntryKind      kind);
/* A CSS-safe name ("video"): the style class of its legend swatch and, prefixed with
 * "mq_kind_", the named color of its timeline blocks. */
const char  *mq_entry_kind_get_style_name   (MqEntryKind      kind);

/* The media file's name, "Playlist 42", or "Media file 17" when nothing better is known. */
char        *mq_entry_dup_title             (MqPlaylistEntry *entry,
                                             const char      *nested_playlist_name);

/* "0:05", "1:30", "1:02:03" */
char        *mq_format_duration             (guint            seconds);
/* "45 s", "8 min 30 s", "1 h 2 min": for totals and accessible text. */
char        *mq_format_duration_long        (guint            seconds);

/* Short localized day names, Monday first; contiguous runs of three or more as a range:
 * "Mon–Fri", "Sat, Sun", "Mon, Wed–Fri", "Every day", "No days". */
char        *mq_format_weekdays             (MqWeekdays       weekdays);

/* "Always", "Never", or "Scheduled" followed by the parts of the schedule that are set:
 * "Scheduled: 03/01/24 – 04/30/24, 08:00–18:00" (dates and times as above). */
char        *mq_format_play_rule            (MqPlaylistEntry *entry);

/* "just now", "5 minutes ago", "3 hours ago" (the same day), "yesterday" (the calendar
 * day before, at any hour), "3 days ago", "2 months ago", "1 year ago" (whole calendar
 * months and years, in @now's time zone); a time ahead of @now (clock skew) reads as
 * "just now". */
char        *mq_format_relative_time        (GDateTime       *time,
                                             GDateTime       *now);

/* The desktop's clock: 24-hour unless MqDesktopSettings learned otherwise. */
typedef enum
{
  MQ_CLOCK_FORMAT_24H,
  MQ_CLOCK_FORMAT_12H,
} MqClockFormat;

void          mq_format_set_clock_format    (MqClockFormat    format);
MqClockFormat mq_format_get_clock_format    (void);

/* A time of day on the desktop's clock: "15:05" or "3:05 PM". Every time of day the
 * UI shows goes through here; listen to MqDesktopSettings:clock-format to redraw. */
char        *mq_format_time_of_day          (GDateTime       *time);
/* A date in the locale's format (%x): "06/15/2024" in en_US, "15.06.2024" in de_DE. */
char        *mq_format_date                 (GDateTime       *time);
/* The exact date and time of day, for tooltips and the detail. */
char        *mq_format_date_time            (GDateTime       *time);

/* A time of day as the desktop's clock shows it: "14:05", or "2:05 PM" with
 * @twelve_hour. */
char        *mq_format_clock                (GDateTime       *time,
                                             gboolean         twelve_hour);
/* A moment to play at, short and in the locale's words: "Wed 12 Mar 2025, 14:05". */
char        *mq_format_moment               (GDateTime       *time,
                                             gboolean         twelve_hour);
/* A week of a 7 × 24 schedule (@hours[0] Monday, bit h for hour h) in words:
 * "Monday to Friday, 07:00–09:00; Saturday, all day", "Every day, all day",
 * "Not this week". */
char        *mq_format_week_hours           (const guint32    hours[7],
                                             gboolean         twelve_hour);
/* The localized full name of a day, Monday being 0: "Monday". */
char        *mq_format_day_name             (guint            monday_based_day);

/* The playlist's type code, named where viewneo documents it. */
char        *mq_format_playlist_type        (int              type);

/* "Shared, Default", or "None". */
char        *mq_format_playlist_flags       (MqPlaylistFlags  flags);

/* "3,402 playlists" or "12 of 3,402 playlists" (@shown == @total: the first). */
char        *mq_format_playlist_count       (guint            shown,
                                             guint            total);

/* Text folded for search: canonically decomposed, combining marks dropped, case-folded,
 * so that "Café" and "CAFE" fold to the same key. */
char        *mq_search_fold                 (const char      *text);

G_END_DECLS
