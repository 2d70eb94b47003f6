/* mq-browser-sign-in-page.h: sign-in in the browser with the user's OAuth client
 *
 * The form (Client ID, Client Secret, the Redirect URL to register), then the waiting
 * state: the browser opened, or the link to open by hand when none could be. Errors
 * stay on the page, inline.
 *
 * An MqSignInPage. Prepared with an account to sign in to again, its Client ID is
 * filled in and its client secret read from the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-sign-in-page.h"

G_BEGIN_DECLS

#define MQ_TYPE_BROWSER_SIGN_IN_PAGE (mq_browser_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (MqBrowserSignInPage, mq_browser_sign_in_page, MQ, BROWSER_SIGN_IN_PAGE, MqSignInPage)

G_END_DECLS
