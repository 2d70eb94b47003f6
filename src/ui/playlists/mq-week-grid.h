/* mq-week-grid.h: one entry's week as 7 × 24 cells, days down and hours across
 *
 * Cells where the entry plays are filled, today's row is marked, and so is the current
 * hour in it. The grid takes the focus; the arrow keys move a cell cursor (Left/Right
 * an hour, Up/Down a day, Home/End the first and last hour); past the first or last day
 * it calls gtk_widget_keynav_failed(), so that its container can move on. Its
 * accessible label is the summary it is given; its description tells the cell under the
 * cursor ("Wednesday, 07:00–08:00: plays").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MQ_TYPE_WEEK_GRID (mq_week_grid_get_type ())

G_DECLARE_FINAL_TYPE (MqWeekGrid, mq_week_grid, MQ, WEEK_GRID, GtkWidget)

GtkWidget  *mq_week_grid_new            (void);

/* @hours[d]: bit h set when it plays in hour h of day d (0 is Monday). @today: the
 * day that is today, or -1 when today is not in this week; @current_hour: the hour
 * now. @summary: the accessible label. */
void        mq_week_grid_set_hours      (MqWeekGrid    *self,
                                         const guint32  hours[7],
                                         int            today,
                                         int            current_hour,
                                         gboolean       twelve_hour,
                                         const char    *summary);
gboolean    mq_week_grid_get_cell       (MqWeekGrid    *self,
                                         guint          day,
                                         guint          hour);
int         mq_week_grid_get_today      (MqWeekGrid    *self);

void        mq_week_grid_get_cursor     (MqWeekGrid    *self,
                                         guint         *day,
                                         guint         *hour);
void        mq_week_grid_set_cursor     (MqWeekGrid    *self,
                                         guint          day,
                                         guint          hour);
/* What the accessible description says of the cell under the cursor. */
const char *mq_week_grid_get_cursor_text (MqWeekGrid   *self);
const char *mq_week_grid_get_summary    (MqWeekGrid    *self);

G_END_DECLS
