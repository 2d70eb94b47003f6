/* mq-token-sign-in-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-ui"

#include <glib/gi18n.h>

#include "mq-api-error.h"
#include "mq-sign-in-page.h"
#include "mq-token-sign-in-page.h"
#include "mq-token.h"
#include "mq-ui-utils.h"

struct _MqTokenSignInPage
{
  AdwBin               parent_instance;

  GtkButton           *back_button;
  GtkLabel            *reason_label;
  AdwPasswordEntryRow *token_row;
  GtkBox              *checking_box;
  GtkSpinner          *spinner;
  GtkLabel            *error_label;
  GtkButton           *sign_in_button;
  GtkLabel            *server_label;

  MqApplication       *application;
  char                *server;
  /* The check under way, or NULL. */
  GCancellable        *cancellable;
};

static void mq_token_sign_in_page_sign_in_page_init (MqSignInPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MqTokenSignInPage, mq_token_sign_in_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (MQ_TYPE_SIGN_IN_PAGE,
                                                      mq_token_sign_in_page_sign_in_page_init))

enum {
  PROP_0,
  PROP_BUSY,
};


static void
update_sensitivity (MqTokenSignInPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row))));
  gboolean idle = self->cancellable == NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), idle && text[0] != '\0');
  /* Not insensitive: the row keeps the focus (and its cursor) while the token is checked. */
  gtk_editable_set_editable (GTK_EDITABLE (self->token_row), idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), idle);
}

static void
form_changed_cb (MqTokenSignInPage *self)
{
  update_sensitivity (self);
}

static void
set_checking (MqTokenSignInPage *self,
              gboolean           checking)
{
  if (checking)
    {
      self->cancellable = g_cancellable_new ();
      gtk_spinner_start (self->spinner);
    }
  else
    {
      g_clear_object (&self->cancellable);
      gtk_spinner_stop (self->spinner);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->checking_box), checking);
  update_sensitivity (self);
  mq_sign_in_page_notify_busy (MQ_SIGN_IN_PAGE (self));
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MqTokenSignInPage) self = user_data;
  g_autoptr(MqAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = mq_application_sign_in_finish (MQ_APPLICATION (object), result, &error);

  /* Cancelled, or another check has begun since. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_checking (self, FALSE);

  if (account == NULL)
    {
      if (g_error_matches (error, MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED))
        mq_label_set_or_hide (self->error_label,
                              _("viewneo did not accept this token. Check that you pasted all of it, "
                                "and that it has not been deleted in viewneo under Settings › API."));
      else
        mq_label_set_or_hide (self->error_label, error->message);

      mq_entry_row_focus (ADW_ENTRY_ROW (self->token_row));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  mq_sign_in_page_emit_signed_in (MQ_SIGN_IN_PAGE (self), account);
}

static void
sign_in_cb (MqTokenSignInPage *self)
{
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;

  if (self->cancellable != NULL || self->application == NULL ||
      !gtk_widget_get_sensitive (GTK_WIDGET (self->sign_in_button)))
    return;

  token = mq_token_new_personal (gtk_editable_get_text (GTK_EDITABLE (self->token_row)), &error);
  if (token == NULL)
    {
      mq_label_set_or_hide (self->error_label, error->message);
      return;
    }

  mq_label_set_or_hide (self->error_label, NULL);
  set_checking (self, TRUE);

  mq_application_sign_in_async (self->application, self->server, token, NULL, NULL,
                                self->cancellable, signed_in_cb, g_object_ref (self));
}

static void
mq_token_sign_in_page_dispose (GObject *object)
{
  MqTokenSignInPage *self = MQ_TOKEN_SIGN_IN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->server, g_free);
  g_clear_object (&self->application);

  gtk_widget_dispose_template (GTK_WIDGET (self), MQ_TYPE_TOKEN_SIGN_IN_PAGE);

  G_OBJECT_CLASS (mq_token_sign_in_page_parent_class)->dispose (object);
}

static void
mq_token_sign_in_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MqTokenSignInPage *self = MQ_TOKEN_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, mq_sign_in_page_get_busy (MQ_SIGN_IN_PAGE (self)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* An attempt under way has a cancellable. */
static gboolean
mq_token_sign_in_page_get_busy (MqSignInPage *page)
{
  return MQ_TOKEN_SIGN_IN_PAGE (page)->cancellable != NULL;
}

static void
mq_token_sign_in_page_sign_in_page_init (MqSignInPageInterface *iface)
{
  iface->get_busy = mq_token_sign_in_page_get_busy;
}

static void
mq_token_sign_in_page_class_init (MqTokenSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mq_token_sign_in_page_dispose;
  object_class->get_property = mq_token_sign_in_page_get_property;

  g_object_class_override_property (object_class, PROP_BUSY, "busy");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marqueesignage/Marquee/mq-token-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MqTokenSignInPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, MqTokenSignInPage, reason_label);
  gtk_widget_class_bind_template_child (widget_class, MqTokenSignInPage, token_row);
  gtk_widget_class_bind_template_child (widget_class, MqTokenSignInPage, checking_box);
  gtk_widget_class_bind_template_child (widget_class, MqTokenSignInPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MqTokenSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, MqTokenSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, MqTokenSignInPage, server_label);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_cb);
}

static void
mq_token_sign_in_page_init (MqTokenSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
mq_token_sign_in_page_set_application (MqTokenSignInPage *self,
                                       MqApplication     *application)
{
  g_return_if_fail (MQ_IS_TOKEN_SIGN_IN_PAGE (self));
  g_return_if_fail (MQ_IS_APPLICATION (application));

  g_set_object (&self->application, application);
}

void
mq_token_sign_in_page_prepare (MqTokenSignInPage *self,
                               const char        *server,
                               const char        *reason)
{
  g_return_if_fail (MQ_IS_TOKEN_SIGN_IN_PAGE (self));
  g_return_if_fail (server != NULL);

  mq_token_sign_in_page_cancel (self);

  g_free (self->server);
  self->server = g_strdup (server);

  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  mq_label_set_or_hide (self->error_label, NULL);
  mq_label_set_or_hide (self->reason_label, reason);
  mq_server_label_set (self->server_label, server);
}

void
mq_token_sign_in_page_cancel (MqTokenSignInPage *self)
{
  g_return_if_fail (MQ_IS_TOKEN_SIGN_IN_PAGE (self));

  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  set_checking (self, FALSE);
}
