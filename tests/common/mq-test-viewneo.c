/* mq-test-viewneo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mq-test-viewneo.h"

char *
mq_test_viewneo_listen (FakeViewneo *fake)
{
  g_autoptr(GError) error = NULL;

  fake_viewneo_listen (fake, 0, &error);
  g_assert_no_error (error);

  return fake_viewneo_get_url (fake);
}

void
mq_test_viewneo_stop (FakeViewneo **fake)
{
  if (*fake == NULL)
    return;

  fake_viewneo_shutdown (*fake);
  g_clear_object (fake);
}
