/* mq-format-duration.h: durations in words and numbers
 *
 * Pure functions, tested without a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "0:05", "1:30", "1:02:03" */
char        *mq_format_duration             (guint            seconds);
/* "45 s", "8 min 30 s", "1 h 2 min": for totals and accessible text. */
char        *mq_format_duration_long        (guint            seconds);

G_END_DECLS
