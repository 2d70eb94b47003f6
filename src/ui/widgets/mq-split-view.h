/* mq-split-view.h: a sidebar beside its content, one at a time when narrow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MQ_TYPE_SPLIT_VIEW (mq_split_view_get_type ())

G_DECLARE_FINAL_TYPE (MqSplitView, mq_split_view, MQ, SPLIT_VIEW, GtkWidget)

GtkWidget *mq_split_view_new              (void);
void       mq_split_view_set_sidebar      (MqSplitView *self,
                                           GtkWidget   *sidebar,
                                           const char  *title);
void       mq_split_view_set_content      (MqSplitView *self,
                                           GtkWidget   *content,
                                           const char  *title);
gboolean   mq_split_view_get_folded       (MqSplitView *self);
gboolean   mq_split_view_get_show_content (MqSplitView *self);
void       mq_split_view_set_show_content (MqSplitView *self,
                                           gboolean     show_content);

G_END_DECLS
