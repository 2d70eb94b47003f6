/* mq-week-view.h: a playlist's week, one 7 × 24 grid (MqWeekGrid) per entry
 *
 * One row for each entry that plays on a schedule or always (never-playing entries
 * are left out; one with an unknown schedule gets an empty row that says so), with its
 * title above and an accessible summary ("Morning news: Monday to Friday,
 * 07:00–09:00"). Up and Down past a grid's first or last day move to the row above or
 * below, at the same hour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mq-week-grid.h"

G_BEGIN_DECLS

#define MQ_TYPE_WEEK_VIEW (mq_week_view_get_type ())

G_DECLARE_FINAL_TYPE (MqWeekView, mq_week_view, MQ, WEEK_VIEW, AdwBin)

GtkWidget  *mq_week_view_new            (void);

/* @entries: MqPlaylistEntry in playback order, or NULL; @titles: one per entry.
 * @first_day: the Monday, 00:00 in @tz, the week starts at; @now: marks today and the
 * current hour when they are in that week. */
void        mq_week_view_set_entries    (MqWeekView         *self,
                                         GListModel         *entries,
                                         const char * const *titles,
                                         GTimeZone          *tz,
                                         GDateTime          *first_day,
                                         GDateTime          *now);
guint       mq_week_view_get_n_rows     (MqWeekView         *self);
MqWeekGrid *mq_week_view_get_grid       (MqWeekView         *self,
                                         guint               row);

G_END_DECLS
