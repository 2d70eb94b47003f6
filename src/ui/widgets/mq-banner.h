/* mq-banner.h: a persistent message across the top of a page, with one optional button
 *
 * AdwBanner where libadwaita >= 1.3 has it; the same look built from a GtkRevealer on
 * libadwaita 1.2. Used for "Showing saved playlists from 2 hours ago — Offline" and
 * "Your sign-in is kept for this session only".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MQ_TYPE_BANNER (mq_banner_get_type ())

G_DECLARE_FINAL_TYPE (MqBanner, mq_banner, MQ, BANNER, AdwBin)

/* Properties: "title" (string), "button-label" (string, NULL for no button),
 * "revealed" (boolean). Signal: ::button-clicked. */
GtkWidget  *mq_banner_new              (const char *title);
const char *mq_banner_get_title        (MqBanner   *self);
void        mq_banner_set_title        (MqBanner   *self,
                                        const char *title);
const char *mq_banner_get_button_label (MqBanner   *self);
void        mq_banner_set_button_label (MqBanner   *self,
                                        const char *label);
gboolean    mq_banner_get_revealed     (MqBanner   *self);
void        mq_banner_set_revealed     (MqBanner   *self,
                                        gboolean    revealed);

G_END_DECLS
