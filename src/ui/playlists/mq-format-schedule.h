/* mq-format-schedule.h: when an entry plays, and a week of hours, in words
 *
 * Pure functions, tested without a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mq-playlist-entry.h"

G_BEGIN_DECLS

/* "Always", "Never", or "Scheduled" followed by the parts of the schedule that are set:
 * "Scheduled: 03/01/24 – 04/30/24, 08:00–18:00" (dates and times as mq-format-time.h writes them). */
char        *mq_format_play_rule            (MqPlaylistEntry *entry);

/* A week of a 7 × 24 schedule (@hours[0] Monday, bit h for hour h) in words:
 * "Monday to Friday, 07:00–09:00; Saturday, all day", "Every day, all day",
 * "Not this week". */
char        *mq_format_week_hours           (const guint32    hours[7],
                                             gboolean         twelve_hour);

G_END_DECLS
