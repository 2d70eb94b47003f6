/* mq-playing-at.h: "Playing at": now, or a date and time chosen by the user
 *
 * A menu button whose popover has "Now" (follow the clock) and a calendar with hour and
 * minute. Property "moment" (GDateTime, notifies): NULL while following the clock, else
 * the chosen local time. The button shows "Now" or the moment, as the desktop's clock
 * does (12 or 24 hours).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MQ_TYPE_PLAYING_AT (mq_playing_at_get_type ())

G_DECLARE_FINAL_TYPE (MqPlayingAt, mq_playing_at, MQ, PLAYING_AT, AdwBin)

GtkWidget *mq_playing_at_new            (void);

/* NULL: now, following the clock. */
GDateTime *mq_playing_at_get_moment     (MqPlayingAt *self);
void       mq_playing_at_set_moment     (MqPlayingAt *self,
                                         GDateTime   *moment);

/* Whether the desktop's clock shows 12 hours (org.gnome.desktop.interface
 * clock-format), FALSE where that setting is not installed. */
gboolean   mq_playing_at_clock_is_12h   (void);

G_END_DECLS
