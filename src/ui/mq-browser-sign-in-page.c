/* mq-browser-sign-in-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-ui"

#include <glib/gi18n.h>

#include "mq-auth-error.h"
#include "mq-browser-sign-in-page.h"
#include "mq-browser-sign-in.h"
#include "mq-client.h"
#include "mq-loopback-receiver.h"
#include "mq-sign-in-page.h"
#include "mq-ui-utils.h"

struct _MqBrowserSignInPage
{
  AdwBin               parent_instance;

  GtkButton           *back_button;
  GtkStack            *state_stack;
  GtkLabel            *reason_label;
  AdwActionRow        *redirect_row;
  AdwEntryRow         *client_id_row;
  AdwPasswordEntryRow *client_secret_row;
  GtkLabel            *error_label;
  GtkButton           *sign_in_button;
  GtkLabel            *server_label;
  GtkSpinner          *spinner;
  GtkLabel            *waiting_title;
  GtkLabel            *waiting_description;
  GtkLabel            *link_label;
  GtkButton           *copy_link_button;

  MqApplication       *application;
  char                *server;

  /* The sign-in under way; all NULL when there is none. */
  MqBrowserSignIn     *attempt;
  GCancellable        *cancellable;
  char                *authorize_url;
  char                *client_id;
  char                *client_secret;

  GCancellable        *secret_lookup;
};

static void mq_browser_sign_in_page_sign_in_page_init (MqSignInPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MqBrowserSignInPage, mq_browser_sign_in_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (MQ_TYPE_SIGN_IN_PAGE,
                                                      mq_browser_sign_in_page_sign_in_page_init))

enum {
  PROP_0,
  PROP_BUSY,
};


static guint
redirect_port (MqBrowserSignInPage *self)
{
  if (self->application == NULL)
    return MQ_DEFAULT_REDIRECT_PORT;

  return g_settings_get_uint (mq_application_get_settings (self->application), "redirect-port");
}

static void
update_redirect_uri (MqBrowserSignInPage *self)
{
  g_autofree char *uri = mq_loopback_redirect_uri (redirect_port (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->redirect_row), uri);
}

static char *
dup_stripped_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

/* A Client ID or secret is one word. One with a space or a line break inside was
 * pasted wrong: viewneo would refuse it in the browser, after the attempt began. */
static gboolean
is_one_word (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
        return FALSE;
    }

  return TRUE;
}

static void
form_changed_cb (MqBrowserSignInPage *self)
{
  g_autofree char *client_id = dup_stripped_text (self->client_id_row);
  g_autofree char *client_secret = dup_stripped_text (self->client_secret_row);

  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button),
                            client_id[0] != '\0' && client_secret[0] != '\0');
}

/* Forgets the sign-in under way (its port is freed once its wait has finished). */
static void
end_attempt (MqBrowserSignInPage *self)
{
  gboolean was_busy = self->cancellable != NULL;

  g_clear_object (&self->attempt);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->authorize_url, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->client_secret, g_free);

  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), TRUE);
  gtk_stack_set_visible_child_name (self->state_stack, "form");

  /* The focus was on a button of the waiting state, now hidden. */
  if (was_busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->sign_in_button));

  if (was_busy)
    mq_sign_in_page_notify_busy (MQ_SIGN_IN_PAGE (self));
}

static void
show_error (MqBrowserSignInPage *self,
            const char          *message)
{
  end_attempt (self);
  mq_label_set_or_hide (self->error_label, message);
}

static void
show_waiting (MqBrowserSignInPage *self,
              const char          *title,
              const char          *description,
              gboolean             show_link)
{
  gtk_label_set_text (self->waiting_title, title);
  gtk_label_set_text (self->waiting_description, description);
  gtk_label_set_text (self->link_label, show_link ? self->authorize_url : "");
  gtk_widget_set_visible (GTK_WIDGET (self->link_label), show_link);
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MqBrowserSignInPage) self = user_data;
  g_autoptr(MqAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = mq_application_sign_in_finish (MQ_APPLICATION (object), result, &error);

  /* Cancelled, or another attempt has begun since. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (account == NULL)
    {
      show_error (self, error->message);
      return;
    }

  end_attempt (self);
  mq_sign_in_page_emit_signed_in (MQ_SIGN_IN_PAGE (self), account);
}

static void
waited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MqBrowserSignInPage) self = user_data;
  MqBrowserSignIn *attempt = MQ_BROWSER_SIGN_IN (object);
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = mq_browser_sign_in_wait_finish (attempt, result, &error);

  if (attempt != self->attempt || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (token == NULL)
    {
      show_error (self, error->message);
      return;
    }

  show_waiting (self, _("Signing In…"),
                _("viewneo has approved the sign-in. Marquee is fetching your account."),
                FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_link_button), FALSE);

  mq_application_sign_in_async (self->application, self->server, token,
                                self->client_id, self->client_secret, self->cancellable,
                                signed_in_cb, g_object_ref (self));
}

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MqBrowserSignInPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (mq_launch_uri_finish (result, &error))
    {
      if (g_task_get_cancellable (G_TASK (result)) == self->cancellable)
        show_waiting (self, _("Continue in Your Browser"),
                      _("viewneo is open in your browser. Sign in there and approve Marquee; this window continues by itself."),
                      FALSE);
      return;
    }

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The message may quote the link, which carries the state: not logged. */
  g_debug ("No browser could be opened (%s %d)", g_quark_to_string (error->domain), error->code);
  show_waiting (self, _("Continue in Your Browser"),
                _("No browser could be opened. Open this link in a browser, sign in and approve Marquee; this window continues by itself."),
                TRUE);
}

static void
sign_in_cb (MqBrowserSignInPage *self)
{
  g_autoptr(MqOAuth) oauth = NULL;
  g_autoptr(MqBrowserSignIn) attempt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *client_secret = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autofree char *url = NULL;
  guint port;

  if (self->cancellable != NULL || self->application == NULL ||
      !gtk_widget_get_sensitive (GTK_WIDGET (self->sign_in_button)))
    return;

  client_id = dup_stripped_text (self->client_id_row);
  client_secret = dup_stripped_text (self->client_secret_row);

  if (!is_one_word (client_id))
    {
      show_error (self, _("The Client ID cannot contain spaces or line breaks. Copy it again from Settings › API in viewneo."));
      mq_entry_row_focus (self->client_id_row);
      return;
    }

  if (!is_one_word (client_secret))
    {
      show_error (self, _("The client secret cannot contain spaces or line breaks. Copy it again from Settings › API in viewneo."));
      mq_entry_row_focus (ADW_ENTRY_ROW (self->client_secret_row));
      return;
    }

  port = redirect_port (self);
  redirect_uri = mq_loopback_redirect_uri (port);

  oauth = mq_oauth_new (self->server, client_id, client_secret, redirect_uri);
  attempt = mq_browser_sign_in_new (oauth, port, MQ_SIGN_IN_TIMEOUT_SECONDS);

  url = mq_browser_sign_in_start (attempt, &error);
  if (url == NULL)
    {
      if (g_error_matches (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_PORT_IN_USE))
        {
          g_autofree char *message =
            g_strdup_printf (_("Port %u is in use by another program, so Marquee cannot receive viewneo’s answer. "
                               "Close that program and try again, or choose another port in Preferences "
                               "and register the new Redirect URL for your client in viewneo."),
                             port);
          show_error (self, message);
        }
      else
        {
          show_error (self, error->message);
        }
      return;
    }

  mq_label_set_or_hide (self->error_label, NULL);

  self->attempt = g_steal_pointer (&attempt);
  self->cancellable = g_cancellable_new ();
  self->authorize_url = g_steal_pointer (&url);
  self->client_id = g_steal_pointer (&client_id);
  self->client_secret = g_steal_pointer (&client_secret);

  show_waiting (self, _("Continue in Your Browser"),
                _("Opening viewneo in your browser…"), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_link_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), FALSE);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->state_stack, "waiting");
  gtk_widget_grab_focus (GTK_WIDGET (self->copy_link_button));
  mq_sign_in_page_notify_busy (MQ_SIGN_IN_PAGE (self));

  mq_launch_uri_async (GTK_WIDGET (self), self->authorize_url, self->cancellable,
                       launched_cb, g_object_ref (self));
  mq_browser_sign_in_wait_async (self->attempt, self->cancellable,
                                 waited_cb, g_object_ref (self));
}

static void
cancel_cb (MqBrowserSignInPage *self)
{
  mq_browser_sign_in_page_cancel (self);
}

static void
copy_link_cb (MqBrowserSignInPage *self)
{
  if (self->authorize_url != NULL)
    mq_widget_copy_text (GTK_WIDGET (self), self->authorize_url, _("Link copied"));
}

static void
copy_redirect_uri_cb (MqBrowserSignInPage *self)
{
  g_autofree char *uri = mq_loopback_redirect_uri (redirect_port (self));

  mq_widget_copy_text (GTK_WIDGET (self), uri, _("Redirect URL copied"));
}

static void
mq_browser_sign_in_page_dispose (GObject *object)
{
  MqBrowserSignInPage *self = MQ_BROWSER_SIGN_IN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->secret_lookup);
  g_clear_object (&self->secret_lookup);
  g_clear_object (&self->attempt);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->authorize_url, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->client_secret, g_free);
  g_clear_pointer (&self->server, g_free);
  g_clear_object (&self->application);

  gtk_widget_dispose_template (GTK_WIDGET (self), MQ_TYPE_BROWSER_SIGN_IN_PAGE);

  G_OBJECT_CLASS (mq_browser_sign_in_page_parent_class)->dispose (object);
}

static void
mq_browser_sign_in_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  MqBrowserSignInPage *self = MQ_BROWSER_SIGN_IN_PAGE (object);

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
mq_browser_sign_in_page_get_busy (MqSignInPage *page)
{
  return MQ_BROWSER_SIGN_IN_PAGE (page)->cancellable != NULL;
}

static void
mq_browser_sign_in_page_sign_in_page_init (MqSignInPageInterface *iface)
{
  iface->get_busy = mq_browser_sign_in_page_get_busy;
}

static void
mq_browser_sign_in_page_class_init (MqBrowserSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mq_browser_sign_in_page_dispose;
  object_class->get_property = mq_browser_sign_in_page_get_property;

  g_object_class_override_property (object_class, PROP_BUSY, "busy");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marqueesignage/Marquee/mq-browser-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MqBrowserSignInPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, MqBrowserSignInPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, MqBrowserSignInPage, reason_label);
  gtk_widget_class_bind_template_child (widget_class, MqBrowserSignInPage, redirect_row);
  gtk_widget_class_bind_template_child (widget_class, MqBrowserSignInPage, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, MqBrowserSignInPage, client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, MqBrowserSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, MqBrowserSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, MqBrowserSignInPage, server_label);
  gtk_widget_class_bind_template_child (widget_class, MqBrowserSignInPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MqBrowserSignInPage, waiting_title);
  gtk_widget_class_bind_template_child (widget_class, MqBrowserSignInPage, waiting_description);
  gtk_widget_class_bind_template_child (widget_class, MqBrowserSignInPage, link_label);
  gtk_widget_class_bind_template_child (widget_class, MqBrowserSignInPage, copy_link_button);
  /* Not kept, but reachable with gtk_widget_get_template_child() (tests). */
  gtk_widget_class_bind_template_child_full (widget_class, "cancel_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_link_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_redirect_uri_cb);
}

static void
mq_browser_sign_in_page_init (MqBrowserSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_redirect_uri (self);
}

void
mq_browser_sign_in_page_set_application (MqBrowserSignInPage *self,
                                         MqApplication       *application)
{
  g_return_if_fail (MQ_IS_BROWSER_SIGN_IN_PAGE (self));
  g_return_if_fail (MQ_IS_APPLICATION (application));

  if (!g_set_object (&self->application, application))
    return;

  g_signal_connect_object (mq_application_get_settings (application), "changed::redirect-port",
                           G_CALLBACK (update_redirect_uri), self, G_CONNECT_SWAPPED);
  update_redirect_uri (self);
}

static void
client_secret_found_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(MqBrowserSignInPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *client_secret = NULL;

  client_secret = mq_token_store_lookup_finish (MQ_TOKEN_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->secret_lookup);

  /* Not found, or the keyring fails: the user types the secret, as for a new client. */
  if (client_secret == NULL)
    return;

  if (gtk_editable_get_text (GTK_EDITABLE (self->client_secret_row))[0] == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->client_secret_row), client_secret);
}

void
mq_browser_sign_in_page_prepare (MqBrowserSignInPage *self,
                                 const char          *server,
                                 MqAccount           *again,
                                 const char          *reason)
{
  const char *client_id = NULL;

  g_return_if_fail (MQ_IS_BROWSER_SIGN_IN_PAGE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (!again || MQ_IS_ACCOUNT (again));

  mq_browser_sign_in_page_cancel (self);
  g_cancellable_cancel (self->secret_lookup);
  g_clear_object (&self->secret_lookup);

  g_free (self->server);
  self->server = g_strdup (server);

  if (again != NULL)
    client_id = mq_account_get_client_id (again);

  gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), client_id != NULL ? client_id : "");
  gtk_editable_set_text (GTK_EDITABLE (self->client_secret_row), "");
  mq_label_set_or_hide (self->error_label, NULL);

  mq_label_set_or_hide (self->reason_label, reason);
  mq_server_label_set (self->server_label, server);

  update_redirect_uri (self);

  if (again != NULL && client_id != NULL && self->application != NULL)
    {
      self->secret_lookup = g_cancellable_new ();
      mq_token_store_lookup_async (mq_application_get_token_store (self->application),
                                   mq_account_get_server (again),
                                   mq_account_get_id (again),
                                   MQ_SECRET_KIND_CLIENT_SECRET,
                                   self->secret_lookup,
                                   client_secret_found_cb, g_object_ref (self));
    }
}

void
mq_browser_sign_in_page_cancel (MqBrowserSignInPage *self)
{
  g_return_if_fail (MQ_IS_BROWSER_SIGN_IN_PAGE (self));

  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  end_attempt (self);
}
