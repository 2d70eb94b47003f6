/* mq-format-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <glib/gi18n.h>

#include "mq-format-time.h"

/* The desktop's 12/24-hour choice, set by MqDesktopSettings. */
static MqClockFormat clock_format = MQ_CLOCK_FORMAT_24H;

/* The localized short name of a day, Sunday being 0 as in viewneo's bitmask. */
static char *
dup_short_day_name (guint day)
{
  /* 1 January 2023 was a Sunday. */
  g_autoptr(GDateTime) date = g_date_time_new_utc (2023, 1, 1 + day, 12, 0, 0);

  return g_date_time_format (date, "%a");
}

static void
append_day_run (GString *string,
                guint    first,
                guint    length)
{
  /* Monday-first position back to viewneo's day number. */
  g_autofree char *first_name = dup_short_day_name ((first + 1) % 7);

  if (string->len > 0)
    g_string_append (string, ", ");

  g_string_append (string, first_name);
  if (length == 2)
    {
      g_autofree char *second_name = dup_short_day_name ((first + 2) % 7);

      g_string_append_printf (string, ", %s", second_name);
    }
  else if (length > 2)
    {
      g_autofree char *last_name = dup_short_day_name ((first + length) % 7);

      g_string_append_printf (string, "–%s", last_name);
    }
}

char *
mq_format_weekdays (MqWeekdays weekdays)
{
  g_autoptr(GString) string = g_string_new (NULL);
  guint run_start = 0;
  guint run_length = 0;

  weekdays &= MQ_WEEKDAYS_ALL;
  if (weekdays == MQ_WEEKDAYS_ALL)
    return g_strdup (_("Every day"));
  if (weekdays == MQ_WEEKDAYS_NONE)
    return g_strdup (_("No days"));

  /* Position 0 is Monday (bit 1), position 6 Sunday (bit 0). */
  for (guint position = 0; position < 7; position++)
    {
      guint bit = 1u << ((position + 1) % 7);

      if (weekdays & bit)
        {
          if (run_length == 0)
            run_start = position;
          run_length++;
        }
      else if (run_length > 0)
        {
          append_day_run (string, run_start, run_length);
          run_length = 0;
        }
    }
  if (run_length > 0)
    append_day_run (string, run_start, run_length);

  return g_string_free (g_steal_pointer (&string), FALSE);
}

static void
date_of (GDateTime *time,
         GDate     *date)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (time), g_date_time_get_month (time),
                  g_date_time_get_year (time));
}

char *
mq_format_relative_time (GDateTime *time,
                         GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  GTimeSpan span;
  GDate day, today;
  int days, months;

  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  span = g_date_time_difference (now, time);
  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("just now"));

  /* Days, months and years are counted on the calendar of @now's time zone. */
  local = g_date_time_to_timezone (time, g_date_time_get_timezone (now));
  date_of (local, &day);
  date_of (now, &today);
  days = g_date_days_between (&day, &today);

  if (days == 0)
    {
      gint64 minutes = span / G_TIME_SPAN_MINUTE;
      gint64 hours = span / G_TIME_SPAN_HOUR;

      if (hours < 1)
        return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", minutes),
                                (int) minutes);

      return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", hours), (int) hours);
    }
  if (days == 1)
    return g_strdup (_("yesterday"));

  /* Whole months: 31 January to 1 March is one, to 28 February none. */
  months = (g_date_get_year (&today) - g_date_get_year (&day)) * 12 +
           ((int) g_date_get_month (&today) - (int) g_date_get_month (&day));
  if (g_date_get_day (&today) < g_date_get_day (&day))
    months--;

  if (months < 1)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", days), days);
  if (months < 12)
    return g_strdup_printf (ngettext ("%d month ago", "%d months ago", months), months);

  return g_strdup_printf (ngettext ("%d year ago", "%d years ago", months / 12), months / 12);
}

char *
mq_format_date (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);

  /* The locale's own way of writing a date (D_FMT). */
  return g_date_time_format (time, "%x");
}

void
mq_format_set_clock_format (MqClockFormat format)
{
  clock_format = format;
}

MqClockFormat
mq_format_get_clock_format (void)
{
  return clock_format;
}

char *
mq_format_time_of_day (GDateTime *time)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  if (clock_format == MQ_CLOCK_FORMAT_12H)
    /* Translators: a time on a 12-hour clock, see strftime(3): "3:05 PM" */
    text = g_date_time_format (time, C_("12-hour time", "%-l:%M %p"));
  else
    /* Translators: a time on a 24-hour clock, see strftime(3): "15:05" */
    text = g_date_time_format (time, C_("24-hour time", "%H:%M"));

  /* A locale without AM/PM leaves a space at the end. */
  return g_strstrip (g_steal_pointer (&text));
}

char *
mq_format_date_time (GDateTime *time)
{
  g_autofree char *date = NULL;
  g_autofree char *time_of_day = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  date = mq_format_date (time);
  time_of_day = mq_format_time_of_day (time);

  /* Translators: an exact date (%1$s) and time of day (%2$s) */
  return g_strdup_printf (C_("exact date", "%1$s, %2$s"), date, time_of_day);
}

char *
mq_format_clock (GDateTime *time,
                 gboolean   twelve_hour)
{
  g_return_val_if_fail (time != NULL, NULL);

  if (twelve_hour)
    /* Translators: a time on a 12-hour clock, see strftime(3) */
    return g_date_time_format (time, C_("12-hour clock", "%-I:%M %p"));

  /* Translators: a time on a 24-hour clock, see strftime(3) */
  return g_date_time_format (time, C_("24-hour clock", "%H:%M"));
}

char *
mq_format_moment (GDateTime *time,
                  gboolean   twelve_hour)
{
  g_autofree char *date = NULL;
  g_autofree char *clock = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  /* Translators: the date of a moment to play at, see strftime(3); keep it short */
  date = g_date_time_format (time, C_("moment date", "%a %-d %b %Y"));
  clock = mq_format_clock (time, twelve_hour);

  /* Translators: a moment to play at: its date, then its time, "Wed 12 Mar 2025, 14:05" */
  return g_strdup_printf (C_("moment", "%s, %s"), date, clock);
}

char *
mq_format_day_name (guint monday_based_day)
{
  /* 2 January 2023 was a Monday. */
  g_autoptr(GDateTime) date = g_date_time_new_utc (2023, 1, 2 + monday_based_day % 7, 12, 0, 0);

  return g_date_time_format (date, "%A");
}
