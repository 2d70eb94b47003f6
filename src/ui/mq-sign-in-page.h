/* mq-sign-in-page.h: what the sign-in view asks of each way to sign in
 *
 * Property "busy" (boolean, read-only): a sign-in is under way (a browser is about to
 * call back, a token is being checked); the view then keeps the user from leaving.
 * Signal ::signed-in (MqAccount *account): the account is signed in and current.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mq-account.h"

G_BEGIN_DECLS

#define MQ_TYPE_SIGN_IN_PAGE (mq_sign_in_page_get_type ())

G_DECLARE_INTERFACE (MqSignInPage, mq_sign_in_page, MQ, SIGN_IN_PAGE, GtkWidget)

struct _MqSignInPageInterface
{
  GTypeInterface parent_iface;

  gboolean (*get_busy) (MqSignInPage *self);
};

gboolean mq_sign_in_page_get_busy       (MqSignInPage *self);

/* For the pages: "busy" changed; an account is signed in. */
void     mq_sign_in_page_notify_busy    (MqSignInPage *self);
void     mq_sign_in_page_emit_signed_in (MqSignInPage *self,
                                         MqAccount    *account);

G_END_DECLS
