/* mq-token-sign-in-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-ui"

#include <glib/gi18n.h>

#include "mq-api-error.h"
#include "mq-spinner.h"
#include "mq-token-sign-in-page.h"
#include "mq-token.h"
#include "mq-ui-utils.h"

struct _MqTokenSignInPage
{
  MqSignInPage         parent_instance;

  GtkButton           *back_button;
  GtkLabel            *reason_label;
  AdwPasswordEntryRow *token_row;
  GtkBox              *checking_box;
  MqSpinner           *spinner;
  GtkLabel            *error_label;
  GtkButton           *sign_in_button;
  GtkLabel            *server_label;
};

G_DEFINE_FINAL_TYPE (MqTokenSignInPage, mq_token_sign_in_page, MQ_TYPE_SIGN_IN_PAGE)

static void
update_sensitivity (MqTokenSignInPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row))));
  gboolean idle = !mq_sign_in_page_get_busy (MQ_SIGN_IN_PAGE (self));

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

/* Shows the attempt's state, begun or ended. */
static void
show_checking (MqTokenSignInPage *self,
               gboolean           checking)
{
  if (checking)
    mq_spinner_set_spinning (self->spinner, TRUE);
  else
    mq_spinner_set_spinning (self->spinner, FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->checking_box), checking);
  update_sensitivity (self);
}

static void
sign_in_cb (MqTokenSignInPage *self)
{
  MqSignInPage *page = MQ_SIGN_IN_PAGE (self);
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;

  if (mq_sign_in_page_get_busy (page) || mq_sign_in_page_get_accounts (page) == NULL ||
      !gtk_widget_get_sensitive (GTK_WIDGET (self->sign_in_button)))
    return;

  token = mq_token_new_personal (gtk_editable_get_text (GTK_EDITABLE (self->token_row)), &error);
  if (token == NULL)
    {
      mq_label_set_or_hide (self->error_label, error->message);
      return;
    }

  mq_label_set_or_hide (self->error_label, NULL);
  mq_sign_in_page_begin_attempt (page);
  show_checking (self, TRUE);

  mq_sign_in_page_finish_sign_in (page, token, NULL, NULL);
}

static void
mq_token_sign_in_page_sign_in_cb (MqSignInPage *page,
                                  MqAccount    *account,
                                  const GError *error)
{
  MqTokenSignInPage *self = MQ_TOKEN_SIGN_IN_PAGE (page);

  mq_sign_in_page_end_attempt (page);
  show_checking (self, FALSE);

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
}

static void
mq_token_sign_in_page_prepare (MqSignInPage *page,
                               const char   *server,
                               MqAccount    *again,
                               const char   *reason)
{
  MqTokenSignInPage *self = MQ_TOKEN_SIGN_IN_PAGE (page);

  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  mq_label_set_or_hide (self->error_label, NULL);
  mq_label_set_or_hide (self->reason_label, reason);
  mq_server_label_set (self->server_label, server);
}

static void
mq_token_sign_in_page_cancel (MqSignInPage *page)
{
  mq_sign_in_page_end_attempt (page);
  show_checking (MQ_TOKEN_SIGN_IN_PAGE (page), FALSE);
}

static void
mq_token_sign_in_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MQ_TYPE_TOKEN_SIGN_IN_PAGE);

  G_OBJECT_CLASS (mq_token_sign_in_page_parent_class)->dispose (object);
}

static void
mq_token_sign_in_page_class_init (MqTokenSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MqSignInPageClass *page_class = MQ_SIGN_IN_PAGE_CLASS (klass);

  object_class->dispose = mq_token_sign_in_page_dispose;

  page_class->prepare = mq_token_sign_in_page_prepare;
  page_class->cancel = mq_token_sign_in_page_cancel;
  page_class->sign_in_done = mq_token_sign_in_page_sign_in_cb;

  g_type_ensure (MQ_TYPE_SPINNER);
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
