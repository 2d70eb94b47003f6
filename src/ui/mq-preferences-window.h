/* mq-preferences-window.h: the server for new sign-ins, the redirect port, warnings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MQ_TYPE_PREFERENCES_WINDOW (mq_preferences_window_get_type ())

/* An AdwPreferencesDialog from libadwaita 1.5 on, an AdwPreferencesWindow before: show
 * it with mq_dialog_present(). */
#if ADW_CHECK_VERSION (1, 5, 0)
G_DECLARE_FINAL_TYPE (MqPreferencesWindow, mq_preferences_window, MQ, PREFERENCES_WINDOW, AdwPreferencesDialog)
#else
G_DECLARE_FINAL_TYPE (MqPreferencesWindow, mq_preferences_window, MQ, PREFERENCES_WINDOW, AdwPreferencesWindow)
#endif

/* @settings: the application's settings. */
GtkWidget *mq_preferences_window_new (GSettings *settings);

G_END_DECLS
