/* mq-secret.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <string.h>

#include "mq-secret.h"

void
mq_secret_wipe (gpointer data,
                gsize    len)
{
  g_return_if_fail (data != NULL || len == 0);

  if (len > 0)
    explicit_bzero (data, len);
}

void
mq_secret_free (char *secret)
{
  if (secret == NULL)
    return;

  mq_secret_wipe (secret, strlen (secret));
  g_free (secret);
}
