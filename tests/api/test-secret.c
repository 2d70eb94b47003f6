/* test-secret.c: wiping secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mq-secret.h"

/* Every byte asked for is zero afterwards, and none beyond. */
static void
test_wipe (void)
{
  char buffer[] = "refresh-token-0123456789";
  gsize len = strlen (buffer);

  mq_secret_wipe (buffer, len - 4);
  for (gsize i = 0; i < len - 4; i++)
    g_assert_cmpint (buffer[i], ==, 0);
  g_assert_cmpstr (buffer + len - 4, ==, "6789");

  mq_secret_wipe (NULL, 0);
  mq_secret_wipe (buffer, 0);
  g_assert_cmpstr (buffer + len - 4, ==, "6789");
}

/* A GDestroyNotify that takes NULL, for g_clear_pointer(). */
static void
test_free (void)
{
  char *secret = g_strdup ("client-secret");
  char *none = NULL;

  g_clear_pointer (&secret, mq_secret_free);
  g_assert_null (secret);
  g_clear_pointer (&none, mq_secret_free);
  mq_secret_free (NULL);
  mq_secret_free (g_strdup (""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api/secret/wipe", test_wipe);
  g_test_add_func ("/api/secret/free", test_free);

  return g_test_run ();
}
