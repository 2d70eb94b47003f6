/* mq-secret.h: wiping secrets (tokens, codes, verifiers, client secrets) from memory
 *
 * A memset() before a free may be removed by the compiler, as the memory is never read
 * again; explicit_bzero() never is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Overwrites @len bytes at @data with zeros. @data may be NULL when @len is 0. */
void mq_secret_wipe (gpointer data,
                     gsize    len);
/* Wipes the string @secret, then frees it; NULL is fine. A GDestroyNotify, so that
 * g_clear_pointer (&secret, mq_secret_free) works. */
void mq_secret_free (char    *secret);

G_END_DECLS
