/* mq-window.h: the main window
 *
 * A stack of the sign-in pages and the playlists of the current account of an
 * MqAccounts. Remembers its size. Shows a banner when the keyring fails and the
 * sign-in is kept in memory only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mq-account.h"
#include "mq-accounts.h"

G_BEGIN_DECLS

#define MQ_TYPE_WINDOW (mq_window_get_type ())

G_DECLARE_FINAL_TYPE (MqWindow, mq_window, MQ, WINDOW, AdwApplicationWindow)

/* A window of @application, showing the current account of @accounts, with
 * @account_menu in its header bars. */
MqWindow *mq_window_new             (GtkApplication *application,
                                     MqAccounts     *accounts,
                                     GMenuModel     *account_menu);

/* The welcome page, to sign in to one more account. */
void      mq_window_add_account     (MqWindow       *self);
/* The sign-in page for @account, prefilled, under @reason ("Your sign-in to … has
 * ended."). Does nothing while another sign-in is under way. */
void      mq_window_sign_in_again   (MqWindow       *self,
                                     MqAccount      *account,
                                     const char     *reason);
void      mq_window_add_toast       (MqWindow       *self,
                                     const char     *title);

G_END_DECLS
