/* mq-token-sign-in-page.h: sign-in with a personal access token
 *
 * The token is checked with one GET /user before anything is stored. Errors stay on the
 * page, inline, and never contain the token.
 *
 * An MqSignInPage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-sign-in-page.h"

G_BEGIN_DECLS

#define MQ_TYPE_TOKEN_SIGN_IN_PAGE (mq_token_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (MqTokenSignInPage, mq_token_sign_in_page, MQ, TOKEN_SIGN_IN_PAGE, MqSignInPage)

G_END_DECLS
