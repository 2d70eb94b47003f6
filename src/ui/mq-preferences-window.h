/* mq-preferences-window.h: the server for new sign-ins, the redirect port, warnings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MQ_TYPE_PREFERENCES_WINDOW (mq_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (MqPreferencesWindow, mq_preferences_window, MQ, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @settings: the application's settings. */
GtkWindow *mq_preferences_window_new (GSettings *settings);

G_END_DECLS
