/* mq-background-prompt.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-ui"

#include <glib/gi18n.h>

#include "mq-background-prompt.h"
#include "mq-token.h"

#define ANSWERED_KEY   "background-prompt-answered"
#define BACKGROUND_KEY "run-in-background"

struct _MqBackgroundPrompt
{
  AdwBin       parent_instance;

  GtkRevealer *revealer;
  GSettings   *settings;
};

G_DEFINE_FINAL_TYPE (MqBackgroundPrompt, mq_background_prompt, ADW_TYPE_BIN)

/* Hidden, not only concealed, while it asks nothing: a concealed revealer still has its
 * child measured, and the wrapping label took a quarter of the window's first layout. */
static void
child_revealed_cb (MqBackgroundPrompt *self)
{
  if (!gtk_revealer_get_reveal_child (self->revealer) &&
      !gtk_revealer_get_child_revealed (self->revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->revealer), FALSE);
}

static void
answer (MqBackgroundPrompt *self,
        gboolean            allow)
{
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  if (self->settings == NULL)
    return;

  g_settings_set_boolean (self->settings, ANSWERED_KEY, TRUE);
  if (allow)
    g_settings_set_boolean (self->settings, BACKGROUND_KEY, TRUE);
}

static void
allow_clicked_cb (MqBackgroundPrompt *self)
{
  answer (self, TRUE);
}

static void
not_now_clicked_cb (MqBackgroundPrompt *self)
{
  answer (self, FALSE);
}

static void
mq_background_prompt_dispose (GObject *object)
{
  MqBackgroundPrompt *self = (MqBackgroundPrompt *) object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mq_background_prompt_parent_class)->dispose (object);
}

static void
mq_background_prompt_class_init (MqBackgroundPromptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mq_background_prompt_dispose;
}

static GtkWidget *
make_button (MqBackgroundPrompt *self,
             const char         *label,
             GCallback           callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", callback, self);

  return button;
}

static void
mq_background_prompt_init (MqBackgroundPrompt *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (_("Marquee can warn you before this sign-in ends, even when it is closed"));
  GtkWidget *allow = make_button (self, _("_Allow"), G_CALLBACK (allow_clicked_cb));
  GtkWidget *not_now;

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_set_visible (GTK_WIDGET (self->revealer), FALSE);
  g_signal_connect_swapped (self->revealer, "notify::child-revealed",
                            G_CALLBACK (child_revealed_cb), self);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");

  gtk_widget_add_css_class (allow, "suggested-action");
  gtk_widget_set_name (allow, "allow");
  not_now = make_button (self, _("_Not Now"), G_CALLBACK (not_now_clicked_cb));
  gtk_widget_set_name (not_now, "not-now");
  gtk_box_append (GTK_BOX (buttons), not_now);
  gtk_box_append (GTK_BOX (buttons), allow);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);

  gtk_widget_add_css_class (box, "mq-banner");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_revealer_set_child (self->revealer, box);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->revealer));
}

GtkWidget *
mq_background_prompt_new (void)
{
  return g_object_new (MQ_TYPE_BACKGROUND_PROMPT, NULL);
}

void
mq_background_prompt_set_settings (MqBackgroundPrompt *self,
                                   GSettings          *settings)
{
  g_return_if_fail (MQ_IS_BACKGROUND_PROMPT (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
}

/* Whether the warnings have anything to warn about: a token that refreshes can still
 * fail to, and one with an expiry ends. */
static gboolean
can_end (MqSession *session)
{
  MqToken *token = mq_session_get_token (session);

  if (token == NULL)
    return FALSE;

  return mq_token_get_kind (token) == MQ_TOKEN_KIND_OAUTH || mq_token_get_expires_at (token) != 0;
}

void
mq_background_prompt_offer (MqBackgroundPrompt *self,
                            MqSession          *session)
{
  g_return_if_fail (MQ_IS_BACKGROUND_PROMPT (self));
  g_return_if_fail (session == NULL || MQ_IS_SESSION (session));

  if (self->settings == NULL || session == NULL || !can_end (session) ||
      g_settings_get_boolean (self->settings, ANSWERED_KEY) ||
      g_settings_get_boolean (self->settings, BACKGROUND_KEY))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->revealer), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

gboolean
mq_background_prompt_get_revealed (MqBackgroundPrompt *self)
{
  g_return_val_if_fail (MQ_IS_BACKGROUND_PROMPT (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}
