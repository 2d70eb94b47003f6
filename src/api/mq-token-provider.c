/* mq-token-provider.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mq-token-provider.h"

G_DEFINE_INTERFACE (MqTokenProvider, mq_token_provider, G_TYPE_OBJECT)

static void
mq_token_provider_default_init (MqTokenProviderInterface *iface)
{
}

void
mq_token_provider_get_token_async (MqTokenProvider     *self,
                                   const char          *rejected_token,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (MQ_IS_TOKEN_PROVIDER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  MQ_TOKEN_PROVIDER_GET_IFACE (self)->get_token_async (self, rejected_token, cancellable,
                                                       callback, user_data);
}

char *
mq_token_provider_get_token_finish (MqTokenProvider  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (MQ_IS_TOKEN_PROVIDER (self), NULL);

  return MQ_TOKEN_PROVIDER_GET_IFACE (self)->get_token_finish (self, result, error);
}
