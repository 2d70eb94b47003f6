/* mq-static-token-provider.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mq-api-error.h"
#include "mq-secret.h"
#include "mq-static-token-provider.h"

struct _MqStaticTokenProvider
{
  GObject parent_instance;

  char *token;
};

static void mq_static_token_provider_iface_init (MqTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MqStaticTokenProvider, mq_static_token_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MQ_TYPE_TOKEN_PROVIDER,
                                                      mq_static_token_provider_iface_init))

static void
mq_static_token_provider_get_token_async (MqTokenProvider     *provider,
                                          const char          *rejected_token,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  MqStaticTokenProvider *self = MQ_STATIC_TOKEN_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_static_token_provider_get_token_async);

  if (rejected_token != NULL && g_str_equal (rejected_token, self->token))
    g_task_return_new_error (task, MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED,
                             _("viewneo did not accept the access token. Create a new "
                               "token in viewneo under Settings › API and sign in again."));
  else
    g_task_return_pointer (task, g_strdup (self->token), g_free);
}

static char *
mq_static_token_provider_get_token_finish (MqTokenProvider  *provider,
                                           GAsyncResult     *result,
                                           GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mq_static_token_provider_iface_init (MqTokenProviderInterface *iface)
{
  iface->get_token_async = mq_static_token_provider_get_token_async;
  iface->get_token_finish = mq_static_token_provider_get_token_finish;
}

static void
mq_static_token_provider_finalize (GObject *object)
{
  MqStaticTokenProvider *self = (MqStaticTokenProvider *) object;

  /* Do not leave the secret in freed memory for the next allocation to reveal. */
  g_clear_pointer (&self->token, mq_secret_free);

  G_OBJECT_CLASS (mq_static_token_provider_parent_class)->finalize (object);
}

static void
mq_static_token_provider_class_init (MqStaticTokenProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mq_static_token_provider_finalize;
}

static void
mq_static_token_provider_init (MqStaticTokenProvider *self)
{
}

MqStaticTokenProvider *
mq_static_token_provider_new (const char *token)
{
  MqStaticTokenProvider *self;

  g_return_val_if_fail (token != NULL, NULL);

  self = g_object_new (MQ_TYPE_STATIC_TOKEN_PROVIDER, NULL);
  self->token = g_strdup (token);

  return self;
}
