/* mq-sign-in-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-ui"

#include "mq-sign-in-page.h"

G_DEFINE_INTERFACE (MqSignInPage, mq_sign_in_page, GTK_TYPE_WIDGET)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static GParamSpec *busy_pspec;
static guint signals[N_SIGNALS];

static void
mq_sign_in_page_default_init (MqSignInPageInterface *iface)
{
  busy_pspec = g_param_spec_boolean ("busy", NULL, NULL,
                                     FALSE,
                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_interface_install_property (iface, busy_pspec);

  signals[SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MQ_TYPE_ACCOUNT);
}

gboolean
mq_sign_in_page_get_busy (MqSignInPage *self)
{
  g_return_val_if_fail (MQ_IS_SIGN_IN_PAGE (self), FALSE);

  return MQ_SIGN_IN_PAGE_GET_IFACE (self)->get_busy (self);
}

void
mq_sign_in_page_notify_busy (MqSignInPage *self)
{
  g_return_if_fail (MQ_IS_SIGN_IN_PAGE (self));

  /* The implementation's own pspec, overriding the interface's, is the one notified. */
  g_object_notify (G_OBJECT (self), g_param_spec_get_name (busy_pspec));
}

void
mq_sign_in_page_emit_signed_in (MqSignInPage *self,
                                MqAccount    *account)
{
  g_return_if_fail (MQ_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (MQ_IS_ACCOUNT (account));

  g_signal_emit (self, signals[SIGNED_IN], 0, account);
}
