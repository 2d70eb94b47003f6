/* mq-clock.h: wall-clock time that tests can set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Unix time in seconds: g_get_real_time() unless a test has set a fake time. */
gint64 mq_clock_now          (void);
/* Tests only: 0 returns to the real clock. */
void   mq_clock_set_fake_now (gint64 unix_time);

G_END_DECLS
