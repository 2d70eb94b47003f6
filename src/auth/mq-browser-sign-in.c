/* mq-browser-sign-in.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-auth"

#include <string.h>

#include "mq-browser-sign-in.h"
#include "mq-clock.h"
#include "mq-loopback-receiver.h"
#include "mq-random.h"
#include "mq-secret.h"

/* 32 bytes, 43 characters of base64url: RFC 7636's recommended verifier size. */
#define SECRET_BYTES 32

struct _MqBrowserSignIn
{
  GObject             parent_instance;

  MqOAuth            *oauth;
  guint               port;
  guint               timeout_seconds;

  /* Fresh for every attempt; never shown, never logged. */
  char               *state;
  char               *code_verifier;
  MqLoopbackReceiver *receiver;
};

G_DEFINE_FINAL_TYPE (MqBrowserSignIn, mq_browser_sign_in, G_TYPE_OBJECT)

static void
mq_browser_sign_in_dispose (GObject *object)
{
  MqBrowserSignIn *self = (MqBrowserSignIn *) object;

  g_clear_object (&self->receiver);
  g_clear_object (&self->oauth);

  G_OBJECT_CLASS (mq_browser_sign_in_parent_class)->dispose (object);
}

static void
mq_browser_sign_in_finalize (GObject *object)
{
  MqBrowserSignIn *self = (MqBrowserSignIn *) object;

  g_clear_pointer (&self->state, mq_secret_free);
  g_clear_pointer (&self->code_verifier, mq_secret_free);

  G_OBJECT_CLASS (mq_browser_sign_in_parent_class)->finalize (object);
}

static void
mq_browser_sign_in_class_init (MqBrowserSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mq_browser_sign_in_dispose;
  object_class->finalize = mq_browser_sign_in_finalize;
}

static void
mq_browser_sign_in_init (MqBrowserSignIn *self)
{
}

/**
 * mq_browser_sign_in_new:
 * @oauth: its redirect URI must be mq_loopback_redirect_uri (@port): the same URI goes
 *   to the authorize endpoint and to the code exchange, as Passport requires.
 */
MqBrowserSignIn *
mq_browser_sign_in_new (MqOAuth *oauth,
                        guint    port,
                        guint    timeout_seconds)
{
  g_autofree char *redirect_uri = NULL;
  MqBrowserSignIn *self;

  g_return_val_if_fail (MQ_IS_OAUTH (oauth), NULL);
  g_return_val_if_fail (port > 0 && port <= G_MAXUINT16, NULL);
  g_return_val_if_fail (timeout_seconds > 0, NULL);

  redirect_uri = mq_loopback_redirect_uri (port);
  g_return_val_if_fail (g_strcmp0 (mq_oauth_get_redirect_uri (oauth), redirect_uri) == 0, NULL);

  self = g_object_new (MQ_TYPE_BROWSER_SIGN_IN, NULL);
  self->oauth = g_object_ref (oauth);
  self->port = port;
  self->timeout_seconds = timeout_seconds;

  return self;
}

char *
mq_browser_sign_in_start (MqBrowserSignIn  *self,
                          GError          **error)
{
  g_autofree char *challenge = NULL;

  g_return_val_if_fail (MQ_IS_BROWSER_SIGN_IN (self), NULL);
  g_return_val_if_fail (self->receiver == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->state = mq_random_base64url (SECRET_BYTES);
  self->code_verifier = mq_random_base64url (SECRET_BYTES);
  challenge = mq_pkce_challenge_s256 (self->code_verifier);

  self->receiver = mq_loopback_receiver_new (self->port, self->state, self->timeout_seconds);
  if (!mq_loopback_receiver_listen (self->receiver, error))
    {
      g_clear_object (&self->receiver);
      return NULL;
    }

  return mq_oauth_build_authorize_url (self->oauth, self->state, challenge);
}

static void
code_exchanged_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MqToken) token = NULL;
  GError *error = NULL;

  token = mq_oauth_exchange_code_finish (MQ_OAUTH (source), result, &error);
  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&token), g_object_unref);
}

static void
callback_received_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MqBrowserSignIn *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autofree char *code = NULL;
  GError *error = NULL;

  code = mq_loopback_receiver_wait_finish (MQ_LOOPBACK_RECEIVER (source), result, &error);
  if (code == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  mq_oauth_exchange_code_async (self->oauth, code, self->code_verifier, mq_clock_now (),
                                cancellable, code_exchanged_cb, g_steal_pointer (&task));
}

void
mq_browser_sign_in_wait_async (MqBrowserSignIn     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MQ_IS_BROWSER_SIGN_IN (self));
  g_return_if_fail (self->receiver != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_browser_sign_in_wait_async);

  mq_loopback_receiver_wait_async (self->receiver, cancellable,
                                   callback_received_cb, g_steal_pointer (&task));
}

MqToken *
mq_browser_sign_in_wait_finish (MqBrowserSignIn  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_browser_sign_in_wait_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
