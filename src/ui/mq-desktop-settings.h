/* mq-desktop-settings.h: the desktop's settings the app follows
 *
 * The 12/24-hour clock, `clock-format` of org.gnome.desktop.interface: in a sandbox
 * (see mq_is_sandboxed()) read through the Settings portal (ReadOne, or Read before
 * version 2), else from GSettings when the schema is installed; 24-hour when neither
 * answers. Changes are followed (SettingChanged, changed::clock-format). Every change
 * is passed to mq_format_set_clock_format(), so mq_format_time_of_day() follows it,
 * and notified on "clock-format" for widgets to redraw their times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mq-format-time.h"

G_BEGIN_DECLS

#define MQ_TYPE_DESKTOP_SETTINGS (mq_desktop_settings_get_type ())

G_DECLARE_FINAL_TYPE (MqDesktopSettings, mq_desktop_settings, MQ, DESKTOP_SETTINGS, GObject)

/* The one instance, made on first use (on the main thread). */
MqDesktopSettings *mq_desktop_settings_get_default      (void);

MqClockFormat      mq_desktop_settings_get_clock_format (MqDesktopSettings *self);

G_END_DECLS
