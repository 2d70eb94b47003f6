/* mq-application.h: the Marquee application
 *
 * Owns the settings, the accounts (MqAccounts), the windows and the account menu.
 * Actions: app.sign-in (s: the id of an account to sign in to again, "" for a new one),
 * app.sign-out (s), app.switch-account (s, stateful: the current account),
 * app.show-account (s: switch to it and present the window, for notifications),
 * app.preferences, app.shortcuts, app.about, app.quit.
 * `marquee --list-playlists` is answered in handle-local-options, without a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mq-accounts.h"

G_BEGIN_DECLS

#define MQ_TYPE_APPLICATION (mq_application_get_type ())

G_DECLARE_FINAL_TYPE (MqApplication, mq_application, MQ, APPLICATION, AdwApplication)

/* @flags: G_APPLICATION_DEFAULT_FLAGS, or G_APPLICATION_NON_UNIQUE for tests. */
MqApplication    *mq_application_new                 (GApplicationFlags    flags);

GSettings        *mq_application_get_settings        (MqApplication       *self);
/* The accounts, their sessions and clients; signing in and out. */
MqAccounts       *mq_application_get_accounts        (MqApplication       *self);
/* One radio item per account, "Add Account…" and "Sign Out…"; kept up to date. */
GMenuModel       *mq_application_get_account_menu    (MqApplication       *self);

/* "current-account": the account the window shows, or NULL (the accounts' own). */
MqAccount        *mq_application_get_current_account (MqApplication       *self);
/* @account_id: a known account, or NULL for none. */
void              mq_application_switch_account      (MqApplication       *self,
                                                      const char          *account_id);

G_END_DECLS
