/* mq-sign-in-view.h: the welcome page and the two ways to sign in
 *
 * A leaflet of three pages with back navigation: the welcome page (or "Add an Account"),
 * browser sign-in with an OAuth client, and a pasted access token. The server for a new
 * sign-in is under "Advanced" on the welcome page.
 *
 * Signals:
 *   ::signed-in (MqAccount *account)   an account is signed in and is now current.
 *   ::cancelled ()                     Cancel, shown when another account is signed in.
 * Property: "busy" (a sign-in is under way).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mq-account.h"
#include "mq-accounts.h"

G_BEGIN_DECLS

#define MQ_TYPE_SIGN_IN_VIEW (mq_sign_in_view_get_type ())

G_DECLARE_FINAL_TYPE (MqSignInView, mq_sign_in_view, MQ, SIGN_IN_VIEW, AdwBin)

GtkWidget *mq_sign_in_view_new             (void);

/* Where sign-ins go; also the settings of the server and the redirect port. */
void       mq_sign_in_view_set_accounts    (MqSignInView  *self,
                                            MqAccounts    *accounts);
void       mq_sign_in_view_set_main_menu   (MqSignInView  *self,
                                            GMenuModel    *menu);

/* Stops a sign-in under way and returns to the welcome page with empty fields and the
 * server from the settings. @can_cancel: another account is signed in, offer Cancel. */
void       mq_sign_in_view_reset           (MqSignInView  *self,
                                            gboolean       can_cancel);
/* Opens the page @account signed in with, prefilled (server, Client ID and secret),
 * with @reason above it. */
void       mq_sign_in_view_sign_in_again   (MqSignInView  *self,
                                            MqAccount     *account,
                                            const char    *reason,
                                            gboolean       can_cancel);
gboolean   mq_sign_in_view_get_busy        (MqSignInView  *self);

G_END_DECLS
