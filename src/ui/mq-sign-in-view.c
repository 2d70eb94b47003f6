/* mq-sign-in-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-ui"

#include <glib/gi18n.h>

#include "mq-browser-sign-in-page.h"
#include "mq-client.h"
#include "mq-sign-in-page.h"
#include "mq-sign-in-view.h"
#include "mq-token-sign-in-page.h"
#include "mq-ui-utils.h"

struct _MqSignInView
{
  AdwBin               parent_instance;

  AdwLeaflet          *leaflet;
  GtkButton           *cancel_button;
  GtkMenuButton       *menu_button;
  AdwStatusPage       *welcome_page;
  AdwExpanderRow      *advanced_row;
  AdwEntryRow         *server_row;
  GtkLabel            *server_error_label;
  MqBrowserSignInPage *browser_page;
  MqTokenSignInPage   *token_page;

  MqAccounts          *accounts;
};

G_DEFINE_FINAL_TYPE (MqSignInView, mq_sign_in_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNED_IN,
  CANCELLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_server_error (MqSignInView *self,
                  const char   *message)
{
  mq_label_set_or_hide (self->server_error_label, message);

  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
}

static void
server_changed_cb (MqSignInView *self)
{
  set_server_error (self, NULL);
}

/* The server the welcome page names, checked; NULL (and an inline error) when it is not
 * usable. A usable one becomes the default for later sign-ins. */
static char *
take_server (MqSignInView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->server_row));

  server = mq_server_url_normalize (text, &error);
  if (server == NULL)
    {
      set_server_error (self, error->message);
      adw_expander_row_set_expanded (self->advanced_row, TRUE);
      mq_entry_row_focus (self->server_row);
      return NULL;
    }

  set_server_error (self, NULL);

  if (self->accounts != NULL)
    g_settings_set_string (mq_accounts_get_settings (self->accounts), "server", server);

  return g_steal_pointer (&server);
}

static void
cancel_pages (MqSignInView *self)
{
  mq_sign_in_page_cancel (MQ_SIGN_IN_PAGE (self->browser_page));
  mq_sign_in_page_cancel (MQ_SIGN_IN_PAGE (self->token_page));
}

static void
visible_child_changed_cb (MqSignInView *self)
{
  /* Going back (button, swipe, Alt+Left) abandons the sign-in of the page left. */
  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "welcome") == 0)
    cancel_pages (self);
}

static void
page_busy_changed_cb (MqSignInView *self)
{
  gboolean busy = mq_sign_in_view_get_busy (self);

  /* No swipe back from a browser that is about to call back. */
  adw_leaflet_set_can_navigate_back (self->leaflet, !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
page_signed_in_cb (MqSignInView *self,
                   MqAccount    *account)
{
  g_signal_emit (self, signals[SIGNED_IN], 0, account);
}

static void
browser_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MqSignInView *self = MQ_SIGN_IN_VIEW (widget);
  g_autofree char *server = take_server (self);

  if (server == NULL)
    return;

  mq_sign_in_page_prepare (MQ_SIGN_IN_PAGE (self->browser_page), server, NULL, NULL);
  adw_leaflet_set_visible_child_name (self->leaflet, "browser");
}

static void
token_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MqSignInView *self = MQ_SIGN_IN_VIEW (widget);
  g_autofree char *server = take_server (self);

  if (server == NULL)
    return;

  mq_sign_in_page_prepare (MQ_SIGN_IN_PAGE (self->token_page), server, NULL, NULL);
  adw_leaflet_set_visible_child_name (self->leaflet, "token");
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MqSignInView *self = MQ_SIGN_IN_VIEW (widget);

  cancel_pages (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MqSignInView *self = MQ_SIGN_IN_VIEW (widget);

  cancel_pages (self);
  g_signal_emit (self, signals[CANCELLED], 0);
}

static void
mq_sign_in_view_dispose (GObject *object)
{
  MqSignInView *self = MQ_SIGN_IN_VIEW (object);

  /* The leaflet is the bin's child and a template child: the bin lets go of it first,
   * or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MQ_TYPE_SIGN_IN_VIEW);
  g_clear_object (&self->accounts);

  G_OBJECT_CLASS (mq_sign_in_view_parent_class)->dispose (object);
}

static void
mq_sign_in_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MqSignInView *self = MQ_SIGN_IN_VIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, mq_sign_in_view_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_sign_in_view_class_init (MqSignInViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mq_sign_in_view_dispose;
  object_class->get_property = mq_sign_in_view_get_property;

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

  signals[CANCELLED] =
    g_signal_new ("cancelled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (MQ_TYPE_BROWSER_SIGN_IN_PAGE);
  g_type_ensure (MQ_TYPE_TOKEN_SIGN_IN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marqueesignage/Marquee/mq-sign-in-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MqSignInView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MqSignInView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MqSignInView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, MqSignInView, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, MqSignInView, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, MqSignInView, server_row);
  gtk_widget_class_bind_template_child (widget_class, MqSignInView, server_error_label);
  gtk_widget_class_bind_template_child (widget_class, MqSignInView, browser_page);
  gtk_widget_class_bind_template_child (widget_class, MqSignInView, token_page);
  /* Not kept, but reachable with gtk_widget_get_template_child() (tests). */
  gtk_widget_class_bind_template_child_full (widget_class, "browser_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "token_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, server_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_child_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_busy_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_signed_in_cb);

  gtk_widget_class_install_action (widget_class, "sign-in.browser", NULL, browser_action);
  gtk_widget_class_install_action (widget_class, "sign-in.token", NULL, token_action);
  gtk_widget_class_install_action (widget_class, "sign-in.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "sign-in.cancel", NULL, cancel_action);
}

static void
mq_sign_in_view_init (MqSignInView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mq_sign_in_view_new (void)
{
  return g_object_new (MQ_TYPE_SIGN_IN_VIEW, NULL);
}

void
mq_sign_in_view_set_accounts (MqSignInView *self,
                              MqAccounts   *accounts)
{
  g_return_if_fail (MQ_IS_SIGN_IN_VIEW (self));
  g_return_if_fail (MQ_IS_ACCOUNTS (accounts));

  g_set_object (&self->accounts, accounts);
  mq_sign_in_page_set_accounts (MQ_SIGN_IN_PAGE (self->browser_page), accounts);
  mq_sign_in_page_set_accounts (MQ_SIGN_IN_PAGE (self->token_page), accounts);
}

void
mq_sign_in_view_set_main_menu (MqSignInView *self,
                               GMenuModel   *menu)
{
  g_return_if_fail (MQ_IS_SIGN_IN_VIEW (self));

  mq_menu_button_set_menu_lazily (self->menu_button, menu);
}

void
mq_sign_in_view_reset (MqSignInView *self,
                       gboolean      can_cancel)
{
  const char *server = MQ_DEFAULT_SERVER;
  g_autofree char *saved_server = NULL;

  g_return_if_fail (MQ_IS_SIGN_IN_VIEW (self));

  cancel_pages (self);

  if (self->accounts != NULL)
    server = saved_server = g_settings_get_string (mq_accounts_get_settings (self->accounts),
                                                   "server");

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
  set_server_error (self, NULL);
  adw_expander_row_set_expanded (self->advanced_row, FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), can_cancel);
  if (can_cancel)
    {
      adw_status_page_set_title (self->welcome_page, _("Add an Account"));
      adw_status_page_set_description (self->welcome_page,
                                       _("Sign in to one more viewneo account. You can switch between your accounts in the account menu."));
    }
  else
    {
      adw_status_page_set_title (self->welcome_page, _("Welcome to Marquee"));
      adw_status_page_set_description (self->welcome_page,
                                       _("See what your viewneo screens play: every playlist, its entries in order, their schedules, and the screen groups that play it."));
    }

  adw_leaflet_set_visible_child_name (self->leaflet, "welcome");
}

void
mq_sign_in_view_sign_in_again (MqSignInView *self,
                               MqAccount    *account,
                               const char   *reason,
                               gboolean      can_cancel)
{
  const char *server;

  g_return_if_fail (MQ_IS_SIGN_IN_VIEW (self));
  g_return_if_fail (MQ_IS_ACCOUNT (account));

  mq_sign_in_view_reset (self, can_cancel);

  /* Back on the welcome page, the other way in goes to the same server. */
  server = mq_account_get_server (account);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);

  if (mq_account_get_kind (account) == MQ_TOKEN_KIND_OAUTH)
    {
      mq_sign_in_page_prepare (MQ_SIGN_IN_PAGE (self->browser_page), server, account, reason);
      adw_leaflet_set_visible_child_name (self->leaflet, "browser");
    }
  else
    {
      mq_sign_in_page_prepare (MQ_SIGN_IN_PAGE (self->token_page), server, account, reason);
      adw_leaflet_set_visible_child_name (self->leaflet, "token");
    }
}

gboolean
mq_sign_in_view_get_busy (MqSignInView *self)
{
  g_return_val_if_fail (MQ_IS_SIGN_IN_VIEW (self), FALSE);

  return mq_sign_in_page_get_busy (MQ_SIGN_IN_PAGE (self->browser_page)) ||
         mq_sign_in_page_get_busy (MQ_SIGN_IN_PAGE (self->token_page));
}
