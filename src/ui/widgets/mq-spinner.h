/* mq-spinner.h: an AdwSpinner from libadwaita 1.6 on, a GtkSpinner before
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MQ_TYPE_SPINNER (mq_spinner_get_type ())

G_DECLARE_FINAL_TYPE (MqSpinner, mq_spinner, MQ, SPINNER, GtkWidget)

GtkWidget *mq_spinner_new          (void);
gboolean   mq_spinner_get_spinning (MqSpinner *self);
void       mq_spinner_set_spinning (MqSpinner *self,
                                    gboolean   spinning);

G_END_DECLS
