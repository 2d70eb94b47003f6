/* mq-random.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-auth"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "mq-random.h"
#include "mq-secret.h"

static void
fill_random (guint8 *buffer,
             gsize   len)
{
  gsize filled = 0;

  while (filled < len)
    {
      ssize_t n = getrandom (buffer + filled, len - filled, 0);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;

          g_error ("The kernel's random number generator failed: %s", g_strerror (saved_errno));
        }

      filled += (gsize) n;
    }
}

char *
mq_random_base64url (gsize n_bytes)
{
  g_autofree guint8 *buffer = NULL;
  char *encoded;

  g_return_val_if_fail (n_bytes > 0, NULL);

  buffer = g_malloc (n_bytes);
  fill_random (buffer, n_bytes);
  encoded = mq_base64url_encode (buffer, n_bytes);
  mq_secret_wipe (buffer, n_bytes);

  return encoded;
}

char *
mq_base64url_encode (const guint8 *data,
                     gsize         len)
{
  char *encoded;
  char *p;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len == 0)
    return g_strdup ("");

  encoded = g_base64_encode (data, len);

  for (p = encoded; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }

  return encoded;
}

guint8 *
mq_base64url_decode (const char *text,
                     gsize      *out_len)
{
  g_autofree char *standard = NULL;
  gsize len;
  gsize n_data;
  gsize i;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (out_len != NULL, NULL);

  *out_len = 0;
  len = strlen (text);

  /* Padding, when present, must complete the last group and nothing else. */
  n_data = len;
  while (n_data > 0 && text[n_data - 1] == '=')
    n_data--;
  if (n_data != len && (len % 4 != 0 || len - n_data > 2))
    return NULL;

  /* A single character left over carries fewer than 8 bits. */
  if (n_data % 4 == 1)
    return NULL;

  if (n_data == 0)
    return g_malloc0 (1);

  /* g_base64_decode() skips what it does not know; base64url must not. */
  standard = g_malloc (n_data + 3);
  for (i = 0; i < n_data; i++)
    {
      char c = text[i];

      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;

      standard[i] = c;
    }
  while (i % 4 != 0)
    standard[i++] = '=';
  standard[i] = '\0';

  return g_base64_decode (standard, out_len);
}
