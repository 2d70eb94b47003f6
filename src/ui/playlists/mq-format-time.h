/* mq-format-time.h: times of day, dates, weekdays and how long ago
 *
 * Pure functions, tested without a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mq-playlist-entry.h"

G_BEGIN_DECLS

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
/* "just now", "5 minutes ago", "3 hours ago" (the same day), "yesterday" (the calendar
 * day before, at any hour), "3 days ago", "2 months ago", "1 year ago" (whole calendar
 * months and years, in @now's time zone); a time ahead of @now (clock skew) reads as
 * "just now". */
char        *mq_format_relative_time        (GDateTime       *time,
                                             GDateTime       *now);

/* Short localized day names, Monday first; contiguous runs of three or more as a range:
 * "Mon–Fri", "Sat, Sun", "Mon, Wed–Fri", "Every day", "No days". */
char        *mq_format_weekdays             (MqWeekdays       weekdays);

/* The localized full name of a day, Monday being 0: "Monday". */
char        *mq_format_day_name             (guint            monday_based_day);

G_END_DECLS
