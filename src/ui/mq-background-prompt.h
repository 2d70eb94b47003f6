/* mq-background-prompt.h: asks once whether Marquee may warn about a sign-in's end
 * while it is closed
 *
 * A bar across the window, "Marquee can warn you before this sign-in ends, even when
 * it is closed", with Not Now and Allow. Two buttons, which AdwBanner does not have: the
 * look of MqBanner (.mq-banner) on every libadwaita. Offered after a sign-in whose
 * token can end (OAuth, or a token with an expiry); shown only while the
 * `background-prompt-answered` key is FALSE and `run-in-background` is off. Allow turns
 * `run-in-background` on (the application's MqExpiryNotifier, bound to it, then asks the
 * Background portal for background and autostart), Not Now leaves it; both set
 * `background-prompt-answered`, so the question is never put again. Preferences keeps
 * the setting changeable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mq-session.h"

G_BEGIN_DECLS

#define MQ_TYPE_BACKGROUND_PROMPT (mq_background_prompt_get_type ())

G_DECLARE_FINAL_TYPE (MqBackgroundPrompt, mq_background_prompt, MQ, BACKGROUND_PROMPT, AdwBin)

GtkWidget *mq_background_prompt_new          (void);

/* The app's settings; until set, nothing is shown. */
void       mq_background_prompt_set_settings (MqBackgroundPrompt *self,
                                              GSettings          *settings);

/* Shows the question if @session's sign-in can end and it was never answered. */
void       mq_background_prompt_offer        (MqBackgroundPrompt *self,
                                              MqSession          *session);

gboolean   mq_background_prompt_get_revealed (MqBackgroundPrompt *self);

G_END_DECLS
