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
#include "mq-spinner.h"
#include "mq-ui-utils.h"

struct _MqBrowserSignInPage
{
  MqSignInPage         parent_instance;

  GtkButton           *back_button;
  GtkStack            *state_stack;
  GtkLabel            *reason_label;
  AdwActionRow        *redirect_row;
  AdwEntryRow         *client_id_row;
  AdwPasswordEntryRow *client_secret_row;
  GtkLabel            *error_label;
  GtkButton           *sign_in_button;
  GtkLabel            *server_label;
  MqSpinner           *spinner;
  GtkLabel            *waiting_title;
  GtkLabel            *waiting_description;
  GtkLabel            *link_label;
  GtkButton           *copy_link_button;

  /* The sign-in under way; all NULL when there is none (no cancellable). */
  MqBrowserSignIn     *attempt;
  char                *authorize_url;
  char                *client_id;
  char                *client_secret;

  GCancellable        *secret_lookup;
};

G_DEFINE_FINAL_TYPE (MqBrowserSignInPage, mq_browser_sign_in_page, MQ_TYPE_SIGN_IN_PAGE)

static GCancellable *
get_cancellable (MqBrowserSignInPage *self)
{
  return mq_sign_in_page_get_cancellable (MQ_SIGN_IN_PAGE (self));
}

static guint
redirect_port (MqBrowserSignInPage *self)
{
  MqAccounts *accounts = mq_sign_in_page_get_accounts (MQ_SIGN_IN_PAGE (self));

  if (accounts == NULL)
    return MQ_DEFAULT_REDIRECT_PORT;

  return g_settings_get_uint (mq_accounts_get_settings (accounts), "redirect-port");
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
  gboolean was_busy = mq_sign_in_page_end_attempt (MQ_SIGN_IN_PAGE (self));

  g_clear_object (&self->attempt);
  g_clear_pointer (&self->authorize_url, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->client_secret, g_free);

  mq_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), TRUE);
  gtk_stack_set_visible_child_name (self->state_stack, "form");

  /* The focus was on a button of the waiting state, now hidden. */
  if (was_busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->sign_in_button));
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
mq_browser_sign_in_page_sign_in_cb (MqSignInPage *page,
                                    MqAccount    *account,
                                    const GError *error)
{
  MqBrowserSignInPage *self = MQ_BROWSER_SIGN_IN_PAGE (page);

  if (account == NULL)
    show_error (self, error->message);
  else
    end_attempt (self);
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

  mq_sign_in_page_finish_sign_in (MQ_SIGN_IN_PAGE (self), token,
                                  self->client_id, self->client_secret);
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
      if (g_task_get_cancellable (G_TASK (result)) == get_cancellable (self))
        show_waiting (self, _("Continue in Your Browser"),
                      _("viewneo is open in your browser. Sign in there and approve Marquee; this window continues by itself."),
                      FALSE);
      return;
    }

  if (g_task_get_cancellable (G_TASK (result)) != get_cancellable (self) ||
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

  if (mq_sign_in_page_get_busy (MQ_SIGN_IN_PAGE (self)) ||
      mq_sign_in_page_get_accounts (MQ_SIGN_IN_PAGE (self)) == NULL ||
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

  oauth = mq_oauth_new (mq_sign_in_page_get_server (MQ_SIGN_IN_PAGE (self)), client_id, client_secret, redirect_uri);
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
  mq_sign_in_page_begin_attempt (MQ_SIGN_IN_PAGE (self));
  self->authorize_url = g_steal_pointer (&url);
  self->client_id = g_steal_pointer (&client_id);
  self->client_secret = g_steal_pointer (&client_secret);

  show_waiting (self, _("Continue in Your Browser"),
                _("Opening viewneo in your browser…"), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_link_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), FALSE);
  mq_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->state_stack, "waiting");
  gtk_widget_grab_focus (GTK_WIDGET (self->copy_link_button));

  mq_launch_uri_async (GTK_WIDGET (self), self->authorize_url, get_cancellable (self),
                       launched_cb, g_object_ref (self));
  mq_browser_sign_in_wait_async (self->attempt, get_cancellable (self),
                                 waited_cb, g_object_ref (self));
}

static void
cancel_cb (MqBrowserSignInPage *self)
{
  mq_sign_in_page_cancel (MQ_SIGN_IN_PAGE (self));
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

/* The Redirect URL follows the port in the settings of the accounts. */
static void
accounts_changed_cb (MqBrowserSignInPage *self)
{
  MqAccounts *accounts = mq_sign_in_page_get_accounts (MQ_SIGN_IN_PAGE (self));

  if (accounts != NULL)
    g_signal_connect_object (mq_accounts_get_settings (accounts), "changed::redirect-port",
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

static void
mq_browser_sign_in_page_prepare (MqSignInPage *page,
                                 const char   *server,
                                 MqAccount    *again,
                                 const char   *reason)
{
  MqBrowserSignInPage *self = MQ_BROWSER_SIGN_IN_PAGE (page);
  MqAccounts *accounts = mq_sign_in_page_get_accounts (page);
  const char *client_id = NULL;

  g_cancellable_cancel (self->secret_lookup);
  g_clear_object (&self->secret_lookup);

  if (again != NULL)
    client_id = mq_account_get_client_id (again);

  gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), client_id != NULL ? client_id : "");
  gtk_editable_set_text (GTK_EDITABLE (self->client_secret_row), "");
  mq_label_set_or_hide (self->error_label, NULL);

  mq_label_set_or_hide (self->reason_label, reason);
  mq_server_label_set (self->server_label, server);

  update_redirect_uri (self);

  if (again != NULL && client_id != NULL && accounts != NULL)
    {
      self->secret_lookup = g_cancellable_new ();
      mq_token_store_lookup_async (mq_accounts_get_token_store (accounts),
                                   mq_account_get_server (again),
                                   mq_account_get_id (again),
                                   MQ_SECRET_KIND_CLIENT_SECRET,
                                   self->secret_lookup,
                                   client_secret_found_cb, g_object_ref (self));
    }
}

static void
mq_browser_sign_in_page_cancel (MqSignInPage *page)
{
  end_attempt (MQ_BROWSER_SIGN_IN_PAGE (page));
}

static void
mq_browser_sign_in_page_dispose (GObject *object)
{
  MqBrowserSignInPage *self = MQ_BROWSER_SIGN_IN_PAGE (object);

  g_cancellable_cancel (self->secret_lookup);
  g_clear_object (&self->secret_lookup);
  g_clear_object (&self->attempt);
  g_clear_pointer (&self->authorize_url, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->client_secret, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), MQ_TYPE_BROWSER_SIGN_IN_PAGE);

  G_OBJECT_CLASS (mq_browser_sign_in_page_parent_class)->dispose (object);
}

static void
mq_browser_sign_in_page_class_init (MqBrowserSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  MqSignInPageClass *page_class = MQ_SIGN_IN_PAGE_CLASS (klass);

  object_class->dispose = mq_browser_sign_in_page_dispose;

  page_class->prepare = mq_browser_sign_in_page_prepare;
  page_class->cancel = mq_browser_sign_in_page_cancel;
  page_class->sign_in_done = mq_browser_sign_in_page_sign_in_cb;

  g_type_ensure (MQ_TYPE_SPINNER);
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
  g_signal_connect (self, "notify::accounts", G_CALLBACK (accounts_changed_cb), NULL);
}
