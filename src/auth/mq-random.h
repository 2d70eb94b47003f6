/* mq-random.h: secrets from the kernel's CSPRNG (getrandom), never from g_random
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @n_bytes random bytes, base64url without padding. Aborts if the kernel has none to
 * give, as a sign-in without entropy must not happen. */
char *mq_random_base64url (gsize n_bytes);

/* base64url without padding, as PKCE and JWTs use it. */
char *mq_base64url_encode (const guint8 *data,
                           gsize         len);
/* Accepts padded or unpadded input; NULL on anything that is not base64url. */
guint8 *mq_base64url_decode (const char *text,
                             gsize      *out_len);

G_END_DECLS
