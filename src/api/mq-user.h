/* mq-user.h: the account a token belongs to (GET /api/v1.0/user)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MQ_TYPE_USER (mq_user_get_type ())

G_DECLARE_FINAL_TYPE (MqUser, mq_user, MQ, USER, GObject)

/* Accepts the object bare or inside {"data": {...}}. Fails (MQ_API_ERROR_PROTOCOL) without
 * a usable `id`; NULL only with @error set, as every parse function (mq-models-private.h). */
MqUser     *mq_user_new_from_json   (JsonNode   *node,
                                     GError    **error);

gint64      mq_user_get_id          (MqUser     *self);
/* `name`, else first_name + last_name, else the e-mail address; never NULL. */
const char *mq_user_get_display_name (MqUser    *self);
const char *mq_user_get_email       (MqUser     *self);
gint64      mq_user_get_company_id  (MqUser     *self);
const char *mq_user_get_company_name (MqUser    *self);

G_END_DECLS
