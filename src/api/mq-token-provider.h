/* mq-token-provider.h: where MqClient gets its bearer token from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MQ_TYPE_TOKEN_PROVIDER (mq_token_provider_get_type ())

G_DECLARE_INTERFACE (MqTokenProvider, mq_token_provider, MQ, TOKEN_PROVIDER, GObject)

/**
 * MqTokenProviderInterface:
 * @get_token_async: hands out the current access token. When @rejected_token is not
 *   %NULL the server has just answered 401 to it: the provider refreshes the token
 *   (once, shared by every caller that reports the same rejected token) unless the
 *   current token already differs from it, and hands out the new one. A provider that
 *   cannot refresh fails with %MQ_API_ERROR_UNAUTHORIZED.
 * @get_token_finish: the token (never logged by anyone), or %NULL and an error.
 */
struct _MqTokenProviderInterface
{
  GTypeInterface parent_iface;

  void   (*get_token_async)  (MqTokenProvider     *self,
                              const char          *rejected_token,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
  char * (*get_token_finish) (MqTokenProvider     *self,
                              GAsyncResult        *result,
                              GError             **error);
};

void  mq_token_provider_get_token_async  (MqTokenProvider     *self,
                                          const char          *rejected_token,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
char *mq_token_provider_get_token_finish (MqTokenProvider     *self,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
