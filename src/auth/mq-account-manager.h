/* mq-account-manager.h: the accounts, kept in GSettings (`accounts`), as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mq-account.h"

G_BEGIN_DECLS

#define MQ_TYPE_ACCOUNT_MANAGER (mq_account_manager_get_type ())

G_DECLARE_FINAL_TYPE (MqAccountManager, mq_account_manager, MQ, ACCOUNT_MANAGER, GObject)

/* @settings: the app's GSettings (schema io.github.marqueesignage.Marquee). */
MqAccountManager *mq_account_manager_new     (GSettings        *settings);

/* A GListModel of MqAccount, in the order they were added. */
GListModel       *mq_account_manager_get_accounts (MqAccountManager *self);
MqAccount        *mq_account_manager_lookup  (MqAccountManager *self,
                                              const char       *account_id);
/* Adds, or replaces the account with the same id; saves. */
void              mq_account_manager_add     (MqAccountManager *self,
                                              MqAccount        *account);
void              mq_account_manager_remove  (MqAccountManager *self,
                                              const char       *account_id);

/* "current-account": the one the window shows; NULL when there is none. */
MqAccount        *mq_account_manager_get_current (MqAccountManager *self);
void              mq_account_manager_set_current (MqAccountManager *self,
                                                  const char       *account_id);

G_END_DECLS
