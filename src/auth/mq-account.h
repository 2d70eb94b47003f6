/* mq-account.h: what Marquee knows about a signed-in account, without any secret
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mq-token.h"

G_BEGIN_DECLS

#define MQ_TYPE_ACCOUNT (mq_account_get_type ())

G_DECLARE_FINAL_TYPE (MqAccount, mq_account, MQ, ACCOUNT, GObject)

/* @user_id is viewneo's user id; the account id is derived from server and user id so
 * that signing in to the same account twice replaces it. @client_id is NULL for
 * personal tokens. */
MqAccount   *mq_account_new              (const char  *server,
                                          gint64       user_id,
                                          const char  *display_name,
                                          MqTokenKind  kind,
                                          const char  *client_id);

const char  *mq_account_get_id           (MqAccount   *self);
const char  *mq_account_get_server       (MqAccount   *self);
gint64       mq_account_get_user_id      (MqAccount   *self);
const char  *mq_account_get_display_name (MqAccount   *self);
void         mq_account_set_display_name (MqAccount   *self,
                                          const char  *display_name);
MqTokenKind  mq_account_get_kind         (MqAccount   *self);
const char  *mq_account_get_client_id    (MqAccount   *self);
/* The server's host, for labels such as "Jane Doe (cloud.viewneo.com)". */
const char  *mq_account_get_server_host  (MqAccount   *self);

G_END_DECLS
