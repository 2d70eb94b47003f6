/* mq-envelope-private.h: the list envelope of a scanned response
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-envelope.h"
#include "mq-json-private.h"

G_BEGIN_DECLS

/* mq_envelope_parse() for any MqJsonValue: @items receives the array value, @next_url
 * a copy of the link. */
gboolean mq_envelope_read (const MqJsonValue  *root,
                           MqJsonValue        *items,
                           char              **next_url,
                           guint              *current_page,
                           guint              *last_page,
                           GError            **error);

G_END_DECLS
