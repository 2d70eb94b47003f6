/* mq-browser-sign-in-page.h: sign-in in the browser with the user's OAuth client
 *
 * The form (Client ID, Client Secret, the Redirect URL to register), then the waiting
 * state: the browser opened, or the link to open by hand when none could be. Errors
 * stay on the page, inline.
 *
 * An MqSignInPage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mq-account.h"
#include "mq-application.h"

G_BEGIN_DECLS

#define MQ_TYPE_BROWSER_SIGN_IN_PAGE (mq_browser_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (MqBrowserSignInPage, mq_browser_sign_in_page, MQ, BROWSER_SIGN_IN_PAGE, AdwBin)

void       mq_browser_sign_in_page_set_application (MqBrowserSignInPage *self,
                                                    MqApplication       *application);
/* Empties the form for a sign-in to @server. With @again, the account to sign in to
 * again, its Client ID is filled in and its client secret read from the keyring;
 * @reason (or NULL) is shown above the form. */
void       mq_browser_sign_in_page_prepare         (MqBrowserSignInPage *self,
                                                    const char          *server,
                                                    MqAccount           *again,
                                                    const char          *reason);
/* Stops a sign-in under way (the loopback port is freed) and shows the form. */
void       mq_browser_sign_in_page_cancel          (MqBrowserSignInPage *self);

G_END_DECLS
