/* mq-screen-group-row.h: a screen group in the Screens page's list
 *
 * Its name and playlist, what plays now and what follows, when that changes (with the
 * time zone named), and its screens with their state. Plain labels throughout: every
 * text here comes from the server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mq-screen-group-item.h"

G_BEGIN_DECLS

#define MQ_TYPE_SCREEN_GROUP_ROW (mq_screen_group_row_get_type ())

G_DECLARE_FINAL_TYPE (MqScreenGroupRow, mq_screen_group_row, MQ, SCREEN_GROUP_ROW, GtkListBoxRow)

GtkWidget         *mq_screen_group_row_new      (MqScreenGroupItem *item);
MqScreenGroupItem *mq_screen_group_row_get_item (MqScreenGroupRow  *self);

/* "14:05:00 Europe/Berlin (CET)", or with the day when @time is not on @now's day:
 * "Saturday, 12 December, 17:00:00 Europe/Berlin (CET)", or "3 June 2025, …" in another
 * year. In the locale's time format. */
char              *mq_format_time_in_zone       (GDateTime         *time,
                                                 GDateTime         *now,
                                                 GTimeZone         *tz);

G_END_DECLS
