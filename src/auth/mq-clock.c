/* mq-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-auth"

#include "mq-clock.h"

/* Read from any thread: token responses are parsed in a worker. */
G_LOCK_DEFINE_STATIC (fake_now);
static gint64 fake_now;

gint64
mq_clock_now (void)
{
  gint64 now;

  G_LOCK (fake_now);
  now = fake_now;
  G_UNLOCK (fake_now);

  if (now != 0)
    return now;

  return g_get_real_time () / G_USEC_PER_SEC;
}

void
mq_clock_set_fake_now (gint64 unix_time)
{
  G_LOCK (fake_now);
  fake_now = unix_time;
  G_UNLOCK (fake_now);
}
