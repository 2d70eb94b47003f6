/* mq-sign-in-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-ui"

#include "mq-sign-in-page.h"

typedef struct
{
  MqAccounts   *accounts;
  char         *server;
  /* The attempt under way, or NULL. */
  GCancellable *cancellable;
} MqSignInPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (MqSignInPage, mq_sign_in_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ACCOUNTS,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
mq_sign_in_page_real_cancel (MqSignInPage *self)
{
  mq_sign_in_page_end_attempt (self);
}

static void
mq_sign_in_page_dispose (GObject *object)
{
  MqSignInPage *self = MQ_SIGN_IN_PAGE (object);
  MqSignInPagePrivate *priv = mq_sign_in_page_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  g_clear_object (&priv->accounts);

  G_OBJECT_CLASS (mq_sign_in_page_parent_class)->dispose (object);
}

static void
mq_sign_in_page_finalize (GObject *object)
{
  MqSignInPage *self = MQ_SIGN_IN_PAGE (object);
  MqSignInPagePrivate *priv = mq_sign_in_page_get_instance_private (self);

  g_free (priv->server);

  G_OBJECT_CLASS (mq_sign_in_page_parent_class)->finalize (object);
}

static void
mq_sign_in_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MqSignInPage *self = MQ_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS:
      g_value_set_object (value, mq_sign_in_page_get_accounts (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, mq_sign_in_page_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_sign_in_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MqSignInPage *self = MQ_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS:
      mq_sign_in_page_set_accounts (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_sign_in_page_class_init (MqSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mq_sign_in_page_dispose;
  object_class->finalize = mq_sign_in_page_finalize;
  object_class->get_property = mq_sign_in_page_get_property;
  object_class->set_property = mq_sign_in_page_set_property;

  klass->cancel = mq_sign_in_page_real_cancel;

  properties[PROP_ACCOUNTS] =
    g_param_spec_object ("accounts", NULL, NULL,
                         MQ_TYPE_ACCOUNTS,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MQ_TYPE_ACCOUNT);
}

static void
mq_sign_in_page_init (MqSignInPage *self)
{
}

MqAccounts *
mq_sign_in_page_get_accounts (MqSignInPage *self)
{
  MqSignInPagePrivate *priv = mq_sign_in_page_get_instance_private (self);

  g_return_val_if_fail (MQ_IS_SIGN_IN_PAGE (self), NULL);

  return priv->accounts;
}

void
mq_sign_in_page_set_accounts (MqSignInPage *self,
                              MqAccounts   *accounts)
{
  MqSignInPagePrivate *priv = mq_sign_in_page_get_instance_private (self);

  g_return_if_fail (MQ_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (!accounts || MQ_IS_ACCOUNTS (accounts));

  if (g_set_object (&priv->accounts, accounts))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNTS]);
}

gboolean
mq_sign_in_page_get_busy (MqSignInPage *self)
{
  MqSignInPagePrivate *priv = mq_sign_in_page_get_instance_private (self);

  g_return_val_if_fail (MQ_IS_SIGN_IN_PAGE (self), FALSE);

  return priv->cancellable != NULL;
}

void
mq_sign_in_page_prepare (MqSignInPage *self,
                         const char   *server,
                         MqAccount    *again,
                         const char   *reason)
{
  MqSignInPagePrivate *priv = mq_sign_in_page_get_instance_private (self);

  g_return_if_fail (MQ_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (!again || MQ_IS_ACCOUNT (again));

  mq_sign_in_page_cancel (self);

  g_free (priv->server);
  priv->server = g_strdup (server);

  MQ_SIGN_IN_PAGE_GET_CLASS (self)->prepare (self, server, again, reason);
}

void
mq_sign_in_page_cancel (MqSignInPage *self)
{
  MqSignInPagePrivate *priv = mq_sign_in_page_get_instance_private (self);

  g_return_if_fail (MQ_IS_SIGN_IN_PAGE (self));

  if (!mq_sign_in_page_get_busy (self))
    return;

  g_cancellable_cancel (priv->cancellable);
  MQ_SIGN_IN_PAGE_GET_CLASS (self)->cancel (self);
}

const char *
mq_sign_in_page_get_server (MqSignInPage *self)
{
  MqSignInPagePrivate *priv = mq_sign_in_page_get_instance_private (self);

  g_return_val_if_fail (MQ_IS_SIGN_IN_PAGE (self), NULL);

  return priv->server;
}

GCancellable *
mq_sign_in_page_get_cancellable (MqSignInPage *self)
{
  MqSignInPagePrivate *priv = mq_sign_in_page_get_instance_private (self);

  g_return_val_if_fail (MQ_IS_SIGN_IN_PAGE (self), NULL);

  return priv->cancellable;
}

GCancellable *
mq_sign_in_page_begin_attempt (MqSignInPage *self)
{
  MqSignInPagePrivate *priv = mq_sign_in_page_get_instance_private (self);

  g_return_val_if_fail (MQ_IS_SIGN_IN_PAGE (self), NULL);
  g_return_val_if_fail (priv->cancellable == NULL, priv->cancellable);

  priv->cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  return priv->cancellable;
}

gboolean
mq_sign_in_page_end_attempt (MqSignInPage *self)
{
  MqSignInPagePrivate *priv = mq_sign_in_page_get_instance_private (self);

  g_return_val_if_fail (MQ_IS_SIGN_IN_PAGE (self), FALSE);

  if (priv->cancellable == NULL)
    return FALSE;

  g_clear_object (&priv->cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  return TRUE;
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MqSignInPage) self = user_data;
  MqSignInPagePrivate *priv = mq_sign_in_page_get_instance_private (self);
  g_autoptr(MqAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = mq_accounts_sign_in_finish (MQ_ACCOUNTS (object), result, &error);

  /* Cancelled, or another attempt has begun since. */
  if (g_task_get_cancellable (G_TASK (result)) != priv->cancellable ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  MQ_SIGN_IN_PAGE_GET_CLASS (self)->sign_in_done (self, account, error);

  if (account != NULL)
    g_signal_emit (self, signals[SIGNED_IN], 0, account);
}

void
mq_sign_in_page_finish_sign_in (MqSignInPage *self,
                                MqToken      *token,
                                const char   *client_id,
                                const char   *client_secret)
{
  MqSignInPagePrivate *priv = mq_sign_in_page_get_instance_private (self);

  g_return_if_fail (MQ_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (MQ_IS_TOKEN (token));
  g_return_if_fail (priv->accounts != NULL && priv->server != NULL && priv->cancellable != NULL);

  mq_accounts_sign_in_async (priv->accounts, priv->server, token, client_id, client_secret,
                             priv->cancellable, signed_in_cb, g_object_ref (self));
}
