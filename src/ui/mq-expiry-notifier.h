/* mq-expiry-notifier.h: desktop notifications for the warnings of MqExpiryMonitor, and
 * staying in the background to deliver them
 *
 * One GNotification per account, with the id "expiry-ACCOUNT-ID", so that a newer
 * warning replaces the older one and a withdrawal removes it. It names the account
 * (display name and server) and when the sign-in ends; its button "Sign In Again"
 * activates app.sign-in with the account id, and clicking it activates
 * app.show-account with the account id when the application has that action (type
 * "s"), else the application itself. Ended and refused sign-ins are sent with high
 * priority. Without a D-Bus connection (an application not registered) nothing is
 * sent.
 *
 * "background": while TRUE the application is held (g_application_hold()), so that it
 * goes on running, and warning, once its last window is closed. In a sandbox
 * (/.flatpak-info, or GTK_USE_PORTAL=1 as GLib has it) it also asks the Background
 * portal, through libportal, for permission and for autostart with `marquee
 * --background`, and takes the autostart back when turned off. The request names the
 * application's active window when there is one on screen (a GtkApplication), so that
 * the portal's dialog belongs to it; with libportal 0.7 or newer an allowed request
 * also sets the background status, "Warns before viewneo sign-ins end". If the portal refuses, the hold is dropped and
 * "background" turns FALSE again: bind it to the `run-in-background` key both ways
 * (G_SETTINGS_BIND_DEFAULT) and the setting follows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mq-expiry-monitor.h"

G_BEGIN_DECLS

#define MQ_TYPE_EXPIRY_NOTIFIER (mq_expiry_notifier_get_type ())

G_DECLARE_FINAL_TYPE (MqExpiryNotifier, mq_expiry_notifier, MQ, EXPIRY_NOTIFIER, GObject)

/* @application is not referenced: it owns the notifier. */
MqExpiryNotifier *mq_expiry_notifier_new            (GApplication     *application,
                                                     MqExpiryMonitor  *monitor);

gboolean          mq_expiry_notifier_get_background (MqExpiryNotifier *self);
void              mq_expiry_notifier_set_background (MqExpiryNotifier *self,
                                                     gboolean          background);

G_END_DECLS
