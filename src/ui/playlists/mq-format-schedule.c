/* mq-format-schedule.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <glib/gi18n.h>
#include <stdio.h>

#include "mq-format-schedule.h"
#include "mq-format-time.h"

static char *
dup_date_text (const char *iso_date)
{
  int year, month, day;
  g_autoptr(GDateTime) date = NULL;

  if (iso_date == NULL || sscanf (iso_date, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return NULL;

  date = g_date_time_new_local (year, month, day, 0, 0, 0);
  if (date == NULL)
    return NULL;

  return mq_format_date (date);
}

static char *
dup_time_text (const char *iso_time)
{
  int hour, minute;
  g_autoptr(GDateTime) time = NULL;

  if (iso_time == NULL || sscanf (iso_time, "%2d:%2d", &hour, &minute) != 2
      || hour < 0 || hour > 24 || minute < 0 || minute > 59)
    return NULL;

  /* "24:00", the end of a day, stays so on a 24-hour clock. */
  if (hour == 24 && mq_format_get_clock_format () == MQ_CLOCK_FORMAT_24H)
    return g_strdup_printf ("24:%02d", minute);

  time = g_date_time_new_utc (2000, 1, 1, hour % 24, minute, 0);

  return mq_format_time_of_day (time);
}

/* "A – B", "from A", "until B", or NULL; @separator between the two ends. */
static char *
dup_range_text (char       *start,
                char       *end,
                const char *separator)
{
  g_autofree char *owned_start = start;
  g_autofree char *owned_end = end;

  if (start != NULL && end != NULL)
    return g_strconcat (start, separator, end, NULL);
  if (start != NULL)
    /* Translators: the start of a schedule without an end, "from 08:00" */
    return g_strdup_printf (_("from %s"), start);
  if (end != NULL)
    /* Translators: the end of a schedule without a start, "until 18:00" */
    return g_strdup_printf (_("until %s"), end);

  return NULL;
}

char *
mq_format_play_rule (MqPlaylistEntry *entry)
{
  g_autofree char *dates = NULL;
  g_autofree char *times = NULL;

  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (entry), NULL);

  switch (mq_playlist_entry_get_play_rule (entry))
    {
    case MQ_PLAY_RULE_ALWAYS:
      return g_strdup (_("Always"));
    case MQ_PLAY_RULE_NEVER:
      return g_strdup (_("Never"));
    case MQ_PLAY_RULE_SCHEDULED:
    default:
      break;
    }

  dates = dup_range_text (dup_date_text (mq_playlist_entry_get_start_date (entry)),
                          dup_date_text (mq_playlist_entry_get_end_date (entry)),
                          " – ");
  times = dup_range_text (dup_time_text (mq_playlist_entry_get_start_time (entry)),
                          dup_time_text (mq_playlist_entry_get_end_time (entry)),
                          "–");

  if (dates != NULL && times != NULL)
    /* Translators: a scheduled entry: its dates, then its daily time window */
    return g_strdup_printf (_("Scheduled: %s, %s"), dates, times);
  if (dates != NULL || times != NULL)
    /* Translators: a scheduled entry: its dates or its daily time window */
    return g_strdup_printf (_("Scheduled: %s"), dates != NULL ? dates : times);

  return g_strdup (_("Scheduled"));
}

/* Hour @hour (0 to 24) of a day as the clock shows it: 24 is the end of the day. */
static char *
dup_hour_text (guint    hour,
               gboolean twelve_hour)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2023, 1, 2, hour % 24, 0, 0);

  /* "22:00–24:00" reads as the end of the day; a 12-hour clock says "12:00 AM". */
  if (hour == 24 && !twelve_hour)
    return g_strdup ("24:00");

  return mq_format_clock (time, twelve_hour);
}

static char *
dup_hours_text (guint32  mask,
                gboolean twelve_hour)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint hour = 0;

  if ((mask & 0xffffff) == 0xffffff)
    return g_strdup (_("all day"));

  while (hour < 24)
    {
      guint end;
      g_autofree char *start_text = NULL;
      g_autofree char *end_text = NULL;

      if ((mask & (1u << hour)) == 0)
        {
          hour++;
          continue;
        }

      for (end = hour; end < 24 && (mask & (1u << end)) != 0; end++)
        ;

      start_text = dup_hour_text (hour, twelve_hour);
      end_text = dup_hour_text (end, twelve_hour);
      if (text->len > 0)
        g_string_append (text, ", ");
      /* Translators: a span of hours in a week view, "07:00–09:00" */
      g_string_append_printf (text, C_("hours", "%s–%s"), start_text, end_text);
      hour = end;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "Monday to Friday", "Monday, Wednesday", "Saturday and Sunday", "Every day". */
static char *
dup_days_text (const gboolean days[7])
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_free);
  guint n_days = 0;
  guint day = 0;

  for (guint i = 0; i < 7; i++)
    n_days += days[i] ? 1 : 0;
  if (n_days == 7)
    return g_strdup (_("Every day"));

  while (day < 7)
    {
      guint end;
      g_autofree char *first = NULL;

      if (!days[day])
        {
          day++;
          continue;
        }

      for (end = day; end < 7 && days[end]; end++)
        ;

      first = mq_format_day_name (day);
      if (end - day >= 3)
        {
          g_autofree char *last = mq_format_day_name (end - 1);

          /* Translators: a run of days in a week view, "Monday to Friday" */
          g_ptr_array_add (runs, g_strdup_printf (_("%s to %s"), first, last));
          day = end;
        }
      else
        {
          g_ptr_array_add (runs, g_steal_pointer (&first));
          day++;
        }
    }

  for (guint i = 0; i < runs->len; i++)
    {
      if (i > 0 && i == runs->len - 1)
        /* Translators: before the last of several days, "Monday, Wednesday and Friday" */
        g_string_append (text, _(" and "));
      else if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_ptr_array_index (runs, i));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
mq_format_week_hours (const guint32 hours[7],
                      gboolean      twelve_hour)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean done[7] = { FALSE, };

  g_return_val_if_fail (hours != NULL, NULL);

  /* Days with the same hours are told together, in the order of their first day. */
  for (guint day = 0; day < 7; day++)
    {
      gboolean same[7] = { FALSE, };
      g_autofree char *days_text = NULL;
      g_autofree char *hours_text = NULL;

      if (done[day] || (hours[day] & 0xffffff) == 0)
        continue;

      for (guint other = day; other < 7; other++)
        {
          if ((hours[other] & 0xffffff) == (hours[day] & 0xffffff))
            same[other] = done[other] = TRUE;
        }

      days_text = dup_days_text (same);
      hours_text = dup_hours_text (hours[day], twelve_hour);
      if (text->len > 0)
        g_string_append (text, "; ");
      /* Translators: days, then hours, in a week view: "Monday to Friday, 07:00–09:00" */
      g_string_append_printf (text, C_("week", "%s, %s"), days_text, hours_text);
    }

  if (text->len == 0)
    return g_strdup (_("Not this week"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}
