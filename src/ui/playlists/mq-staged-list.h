/* mq-staged-list.h: a list model that passes a change on to the rows in sight at once
 * and to the rest of the rows a list view keeps a few at a time
 *
 * GTK 4.8's list view keeps a row for each of up to 200 items around what is in
 * sight, and a change of the model makes and drops them all at once: a search that
 * swaps the first 200 items costs some 400 row widgets in one keystroke. Staged, the
 * list shows the model's first items as they are, and behind them, below the screen,
 * the items it showed before, which advancing replaces a few at a time (stale, for a
 * few frames, and never in sight). Once it holds as many current items as the view
 * keeps rows for, it shows the whole model again and passes every change on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MQ_TYPE_STAGED_LIST (mq_staged_list_get_type ())

G_DECLARE_FINAL_TYPE (MqStagedList, mq_staged_list, MQ, STAGED_LIST, GObject)

MqStagedList *mq_staged_list_new            (GListModel   *model);

GListModel   *mq_staged_list_get_model      (MqStagedList *self);

/* From now on, and before the model changes: its first @n_in_sight items shown as
 * they are, and until advanced nothing beyond the @n_kept first (what the view keeps
 * rows for). @at_top: the view shows the first items, so stale ones may stay below
 * them; otherwise no stale item stays and the model's first @n_in_sight are all that
 * is shown. Staged already, it keeps what it holds. */
void          mq_staged_list_stage          (MqStagedList *self,
                                             guint         n_in_sight,
                                             guint         n_kept,
                                             gboolean      at_top);
/* Makes up to @n_items more positions current, stale ones first, and lets up to
 * @n_stale more stale ones go from the end (rows to drop cost less than rows to make,
 * and a narrow search drops every row there is); when it holds @n_kept current ones
 * (or the whole model), it shows the whole model. TRUE when it does, staged no
 * longer. */
gboolean      mq_staged_list_advance        (MqStagedList *self,
                                             guint         n_items,
                                             guint         n_stale);
/* The whole model, at once. */
void          mq_staged_list_show_all       (MqStagedList *self);
/* Between the two, staged, the model's changes are taken up once, at the release: a
 * change made in steps (a search's matches) would make rows for each step. Not
 * staged, they pass at once. */
void          mq_staged_list_hold           (MqStagedList *self);
void          mq_staged_list_release        (MqStagedList *self);
gboolean      mq_staged_list_get_staged     (MqStagedList *self);
/* How many of the first positions hold the model's items at the same positions: all
 * of them when not staged. */
guint         mq_staged_list_get_n_current  (MqStagedList *self);

G_END_DECLS
