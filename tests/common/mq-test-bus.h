/* mq-test-bus.h: a D-Bus bus of the test's own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Starts a dbus-daemon of this process's own (GTestDBus) as its @bus_type bus: the
 * session bus, or the system bus (then DBUS_SYSTEM_BUS_ADDRESS points at it). GTestDBus
 * clears the session's variables (the bus, the display, the runtime dir); those named
 * in @keep (NULL-terminated, or NULL) keep their values, or stay unset. Once per
 * process, before anything connects to that bus. It runs until mq_test_bus_stop(),
 * or until the process ends and GTestDBus's watcher stops it. */
void     mq_test_bus_start  (GBusType             bus_type,
                             const char * const  *keep);
gboolean mq_test_bus_is_up  (void);

/* Stops the bus, first closing GLib's shared connection to it, which would otherwise
 * end the process when the bus goes. Stopped, never taken down or released:
 * g_test_dbus_down() and its dispose wait for every connection to the bus to go, and
 * libsecret keeps one for the life of the process. */
void     mq_test_bus_stop   (void);

G_END_DECLS
