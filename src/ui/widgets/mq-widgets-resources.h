/* mq-widgets-resources.h: the shared widgets' stylesheet
 *
 * mq_widgets_ensure_resources() registers the gresource of src/ui/widgets (manually: a
 * constructor in a static library is dropped by the linker when nothing refers to its
 * object file) and adds mq-widgets.css to the default display, once. Every widget of
 * this folder calls it in its class_init.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void mq_widgets_ensure_resources (void);

/* Adds the stylesheet at @resource_path to the default display, unless *@styled_display
 * is that display already (then it has it). */
void mq_style_default_display    (const char  *resource_path,
                                  gpointer    *styled_display);

G_END_DECLS
