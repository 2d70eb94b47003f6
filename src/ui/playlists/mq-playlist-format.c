/* mq-playlist-format.c: the words and numbers the playlists view shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "mq-playlist-format.h"

/* The desktop's 12/24-hour choice, set by MqDesktopSettings. */
static MqClockFormat clock_format = MQ_CLOCK_FORMAT_24H;

static const struct
{
  const char *label;
  const char *icon_name;
  const char *style_name;
} entry_kinds[MQ_N_ENTRY_KINDS] = {
  [MQ_ENTRY_KIND_IMAGE]    = { N_("Image"),    "image-x-generic-symbolic",       "image" },
  [MQ_ENTRY_KIND_VIDEO]    = { N_("Video"),    "video-x-generic-symbolic",       "video" },
  [MQ_ENTRY_KIND_WEBSITE]  = { N_("Website"),  "web-browser-symbolic",           "website" },
  [MQ_ENTRY_KIND_TEMPLATE] = { N_("Template"), "x-office-presentation-symbolic", "template" },
  [MQ_ENTRY_KIND_CONTENT]  = { N_("Content"),  "x-office-document-symbolic",     "content" },
  [MQ_ENTRY_KIND_FOLDER]   = { N_("Folder"),   "folder-symbolic",                "folder" },
  [MQ_ENTRY_KIND_FILE]     = { N_("File"),     "text-x-generic-symbolic",        "file" },
  [MQ_ENTRY_KIND_PLAYLIST] = { N_("Playlist"), "view-list-ordered-symbolic",     "playlist" },
  [MQ_ENTRY_KIND_UNKNOWN]  = { N_("Media"),    "text-x-generic-symbolic",        "unknown" },
};

MqEntryKind
mq_entry_kind_of (MqPlaylistEntry *entry)
{
  MqMediaFile *media;

  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (entry), MQ_ENTRY_KIND_UNKNOWN);

  if (mq_playlist_entry_get_nested_playlist_id (entry) != 0)
    return MQ_ENTRY_KIND_PLAYLIST;

  media = mq_playlist_entry_get_media_file (entry);
  if (media == NULL)
    return MQ_ENTRY_KIND_UNKNOWN;

  switch (mq_media_file_get_kind (media))
    {
    case MQ_MEDIA_KIND_FOLDER:   return MQ_ENTRY_KIND_FOLDER;
    case MQ_MEDIA_KIND_WEBSITE:  return MQ_ENTRY_KIND_WEBSITE;
    case MQ_MEDIA_KIND_TEMPLATE: return MQ_ENTRY_KIND_TEMPLATE;
    case MQ_MEDIA_KIND_CONTENT:  return MQ_ENTRY_KIND_CONTENT;
    case MQ_MEDIA_KIND_IMAGE:    return MQ_ENTRY_KIND_IMAGE;
    case MQ_MEDIA_KIND_VIDEO:    return MQ_ENTRY_KIND_VIDEO;
    case MQ_MEDIA_KIND_FILE:     return MQ_ENTRY_KIND_FILE;
    case MQ_MEDIA_KIND_UNKNOWN:
    default:                     return MQ_ENTRY_KIND_UNKNOWN;
    }
}

const char *
mq_entry_kind_get_label (MqEntryKind kind)
{
  g_return_val_if_fail (kind < MQ_N_ENTRY_KINDS, NULL);

  return _(entry_kinds[kind].label);
}

const char *
mq_entry_kind_get_icon_name (MqEntryKind kind)
{
  g_return_val_if_fail (kind < MQ_N_ENTRY_KINDS, NULL);

  return entry_kinds[kind].icon_name;
}

const char *
mq_entry_kind_get_style_name (MqEntryKind kind)
{
  g_return_val_if_fail (kind < MQ_N_ENTRY_KINDS, NULL);

  return entry_kinds[kind].style_name;
}

char *
mq_entry_dup_title (MqPlaylistEntry *entry,
                    const char      *nested_playlist_name)
{
  gint64 nested_id;
  MqMediaFile *media;

  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (entry), NULL);

  nested_id = mq_playlist_entry_get_nested_playlist_id (entry);
  if (nested_id != 0)
    {
      if (nested_playlist_name != NULL && *nested_playlist_name != '\0')
        return g_strdup (nested_playlist_name);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, nested_id);

      /* Translators: a nested playlist whose name is not known; %s is its id */
      return g_strdup_printf (_("Playlist %s"), id);
    }

  media = mq_playlist_entry_get_media_file (entry);
  if (media != NULL)
    {
      const char *name = mq_media_file_get_name (media);

      if (name == NULL || *name == '\0')
        name = mq_media_file_get_original_name (media);
      if (name != NULL && *name != '\0')
        return g_strdup (name);
    }

  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           mq_playlist_entry_get_media_file_id (entry));

    /* Translators: a media file whose name is not known; %s is its id */
    return g_strdup_printf (_("Media file %s"), id);
  }
}

char *
mq_format_duration (guint seconds)
{
  guint hours = seconds / 3600;
  guint minutes = (seconds / 60) % 60;

  seconds %= 60;
  if (hours > 0)
    return g_strdup_printf ("%u:%02u:%02u", hours, minutes, seconds);

  return g_strdup_printf ("%u:%02u", minutes, seconds);
}

char *
mq_format_duration_long (guint seconds)
{
  guint hours = seconds / 3600;
  guint minutes = (seconds / 60) % 60;

  seconds %= 60;

  if (hours > 0 && minutes > 0)
    /* Translators: a duration, hours and minutes */
    return g_strdup_printf (_("%u h %u min"), hours, minutes);
  if (hours > 0)
    /* Translators: a duration in hours */
    return g_strdup_printf (_("%u h"), hours);
  if (minutes > 0 && seconds > 0)
    /* Translators: a duration, minutes and seconds */
    return g_strdup_printf (_("%u min %u s"), minutes, seconds);
  if (minutes > 0)
    /* Translators: a duration in minutes */
    return g_strdup_printf (_("%u min"), minutes);

  /* Translators: a duration in seconds */
  return g_strdup_printf (_("%u s"), seconds);
}

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
  if (hour == 24 && clock_format == MQ_CLOCK_FORMAT_24H)
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

char *
mq_format_playlist_type (int type)
{
  /* viewneo documents no names for its type codes; 0 is the type of every playlist
   * made in its editor. */
  if (type == 0)
    return g_strdup (_("Standard"));

  /* Translators: a playlist type that has no name, with its code */
  return g_strdup_printf (_("Type %d"), type);
}

char *
mq_format_playlist_flags (MqPlaylistFlags flags)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  if (flags & MQ_PLAYLIST_FLAGS_SHARED)
    g_strv_builder_add (builder, _("Shared"));
  if (flags & MQ_PLAYLIST_FLAGS_DEFAULT)
    g_strv_builder_add (builder, _("Default"));
  if (flags & MQ_PLAYLIST_FLAGS_DEMO)
    g_strv_builder_add (builder, _("Demo"));
  if (flags & MQ_PLAYLIST_FLAGS_ADVERTISED)
    g_strv_builder_add (builder, _("Advertised"));

  names = g_strv_builder_end (builder);
  if (names[0] == NULL)
    return g_strdup (_("None"));

  /* Translators: the separator between a playlist's flags */
  return g_strjoinv (_(", "), names);
}

char *
mq_format_playlist_count (guint shown,
                          guint total)
{
  if (shown == total)
    /* Translators: the number of playlists, with thousands separators */
    return g_strdup_printf (ngettext ("%'u playlist", "%'u playlists", total), total);

  /* Translators: how many playlists match the search, of how many */
  return g_strdup_printf (ngettext ("%'u of %'u playlist", "%'u of %'u playlists", total),
                          shown, total);
}

static gboolean
is_ascii (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p >= 0x80)
        return FALSE;
    }

  return TRUE;
}

char *
mq_search_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) bare = NULL;

  if (text == NULL)
    return g_strdup ("");

  /* Most names are ASCII, where all of the below is lowercasing: 100,000 playlists
   * are folded on every load. */
  if (is_ascii (text))
    return g_ascii_strdown (text, -1);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");

  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }

  return g_utf8_casefold (bare->str, bare->len);
}
