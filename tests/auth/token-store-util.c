/* token-store-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "auth-test-util.h"
#include "token-store-util.h"

gboolean
store_secret (MqTokenStore  *store,
              const char    *server,
              const char    *account,
              MqSecretKind   kind,
              const char    *secret,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *label = g_strdup_printf ("Marquee test: %s on %s", account, server);
  GAsyncResult *pending = NULL;

  mq_token_store_store_async (store, server, account, kind, label, secret, NULL,
                              auth_test_store_result, &pending);
  result = auth_test_wait_result (&pending);

  return mq_token_store_store_finish (store, result, error);
}

char *
lookup_secret (MqTokenStore  *store,
               const char    *server,
               const char    *account,
               MqSecretKind   kind,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  mq_token_store_lookup_async (store, server, account, kind, NULL,
                               auth_test_store_result, &pending);
  result = auth_test_wait_result (&pending);

  return mq_token_store_lookup_finish (store, result, error);
}

gboolean
clear_secrets (MqTokenStore  *store,
               const char    *server,
               const char    *account,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  mq_token_store_clear_async (store, server, account, NULL, auth_test_store_result, &pending);
  result = auth_test_wait_result (&pending);

  return mq_token_store_clear_finish (store, result, error);
}
