/* mq-format-duration.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <glib/gi18n.h>

#include "mq-format-duration.h"

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
