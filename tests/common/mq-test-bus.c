/* mq-test-bus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mq-test-bus.h"

/* Never unreferenced: see mq_test_bus_stop(). */
static GTestDBus *bus;
static GBusType bus_type;

void
mq_test_bus_start (GBusType            type,
                   const char * const *keep)
{
  guint n_keep = keep != NULL ? g_strv_length ((char **) keep) : 0;
  g_autofree char **saved = g_new0 (char *, n_keep + 1);

  g_assert_null (bus);
  g_assert_true (type == G_BUS_TYPE_SESSION || type == G_BUS_TYPE_SYSTEM);

  for (guint i = 0; i < n_keep; i++)
    saved[i] = g_strdup (g_getenv (keep[i]));

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  bus_type = type;
  g_test_dbus_up (bus);

  if (type == G_BUS_TYPE_SYSTEM)
    g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", g_test_dbus_get_bus_address (bus), TRUE);

  for (guint i = 0; i < n_keep; i++)
    {
      if (saved[i] != NULL)
        g_setenv (keep[i], saved[i], TRUE);
      else
        g_unsetenv (keep[i]);
      g_free (saved[i]);
    }
}

gboolean
mq_test_bus_is_up (void)
{
  return bus != NULL;
}

void
mq_test_bus_stop (void)
{
  g_autoptr(GDBusConnection) connection = NULL;

  g_assert_nonnull (bus);

  connection = g_bus_get_sync (bus_type, NULL, NULL);
  if (connection != NULL)
    {
      g_dbus_connection_set_exit_on_close (connection, FALSE);
      g_dbus_connection_close_sync (connection, NULL, NULL);
    }

  g_test_dbus_stop (bus);
}
