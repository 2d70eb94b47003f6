/* mq-static-token-provider.h: a token provider for one fixed token
 *
 * Used to check a pasted personal access token before it is stored, by the command
 * line and by tests. It cannot refresh: a rejected token is %MQ_API_ERROR_UNAUTHORIZED.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-token-provider.h"

G_BEGIN_DECLS

#define MQ_TYPE_STATIC_TOKEN_PROVIDER (mq_static_token_provider_get_type ())

G_DECLARE_FINAL_TYPE (MqStaticTokenProvider, mq_static_token_provider, MQ, STATIC_TOKEN_PROVIDER, GObject)

MqStaticTokenProvider *mq_static_token_provider_new (const char *token);

G_END_DECLS
