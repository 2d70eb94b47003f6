/* mq-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-ui"

#include <glib/gi18n.h>

#include "mq-auth-error.h"
#include "mq-background-prompt.h"
#include "mq-banner.h"
#include "mq-playlists-view.h"
#include "mq-screens-view.h"
#include "mq-sign-in-view.h"
#include "mq-ui-utils.h"
#include "mq-window.h"

struct _MqWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  MqSignInView         *sign_in_view;
  AdwViewStack         *view_stack;
  AdwViewSwitcherBar   *switcher_bar;
  MqPlaylistsView      *playlists_view;
  MqScreensView        *screens_view;
  MqBanner             *keyring_banner;
  MqBackgroundPrompt   *background_prompt;
  GMenuModel           *main_menu;

  /* The account being shown, while its token is read from the keyring. */
  GCancellable         *load_cancellable;
  /* The session shown, watched for keyring failures. */
  MqSession            *session;
  /* The AdwViewSwitcherTitles in the pages' header bars (not owned). */
  GList                *switcher_titles;

  MqAccounts           *accounts;
};

G_DEFINE_FINAL_TYPE (MqWindow, mq_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_keyring_banner (MqWindow *self)
{
  const GError *error = self->session != NULL ? mq_session_get_keyring_error (self->session) : NULL;

  /* The message itself, long, is behind Details. */
  if (g_error_matches (error, MQ_KEYRING_ERROR, MQ_KEYRING_ERROR_CORRUPT))
    mq_banner_set_title (self->keyring_banner, _("The sign-in saved in the keyring could not be read"));
  else if (error != NULL)
    mq_banner_set_title (self->keyring_banner,
                         _("The keyring cannot keep your sign-in: it is kept for this session only"));

  mq_banner_set_revealed (self->keyring_banner, error != NULL);
}

static void
keyring_details_cb (MqWindow *self)
{
  const GError *error = self->session != NULL ? mq_session_get_keyring_error (self->session) : NULL;
  GtkWidget *dialog;

  if (error == NULL)
    return;

  dialog = mq_alert_new (_("Keyring Problem"), error->message);
  mq_alert_add_response (dialog, "close", _("_Close"), ADW_RESPONSE_DEFAULT);
  mq_dialog_present (dialog, GTK_WINDOW (self));
}

static void
watch_session (MqWindow  *self,
               MqSession *session)
{
  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, update_keyring_banner, self);

  g_set_object (&self->session, session);

  if (session != NULL)
    g_signal_connect_object (session, "notify::keyring-error",
                             G_CALLBACK (update_keyring_banner), self, G_CONNECT_SWAPPED);

  update_keyring_banner (self);
}

static void
show_sign_in (MqWindow  *self,
              MqAccount *again,
              const char *reason)
{
  gboolean can_cancel = mq_accounts_get_current (self->accounts) != NULL;

  if (again != NULL)
    mq_sign_in_view_sign_in_again (self->sign_in_view, again, reason, can_cancel);
  else
    mq_sign_in_view_reset (self->sign_in_view, can_cancel);

  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_view), TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "sign-in");
}

static void
session_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MqWindow) self = user_data;
  MqAccounts *accounts = MQ_ACCOUNTS (object);
  MqAccount *account;
  g_autoptr(MqSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *reason = NULL;

  session = mq_accounts_load_session_finish (accounts, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);
  account = mq_accounts_get_current (accounts);
  if (account == NULL)
    return;

  label = mq_account_dup_label (account);
  watch_session (self, mq_accounts_get_session (accounts, account));

  if (session == NULL)
    {
      /* Translators: the account, then what went wrong with the keyring */
      reason = g_strdup_printf (_("The sign-in to %s could not be read. %s"), label, error->message);
      show_sign_in (self, account, reason);
      return;
    }

  if (mq_session_get_token (session) == NULL)
    {
      reason = g_strdup_printf (_("Marquee has no saved sign-in for %s. Sign in again to see its playlists."),
                                label);
      show_sign_in (self, account, reason);
      return;
    }

  if (mq_session_get_needs_sign_in (session))
    {
      reason = g_strdup_printf (_("Your sign-in to %s has ended. Sign in again to see its playlists."),
                                label);
      show_sign_in (self, account, reason);
      return;
    }

  mq_playlists_view_set_session (self->playlists_view, session,
                                 mq_accounts_get_client (accounts, account));
  mq_screens_view_set_account_id (self->screens_view, mq_account_get_id (account));
  mq_screens_view_set_client (self->screens_view, mq_accounts_get_client (accounts, account));

  /* The stack would give the focus back to the token field next time, cursor blinking
   * in emptied text; the next sign-in starts afresh. */
  if (gtk_widget_get_focus_child (GTK_WIDGET (self->sign_in_view)) != NULL)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  mq_sign_in_view_reset (self->sign_in_view, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "playlists");
}

/* Shows the current account, or the welcome page when there is none. */
static void
show_current_account (MqWindow *self)
{
  MqAccount *account = mq_accounts_get_current (self->accounts);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (account == NULL)
    {
      watch_session (self, NULL);
      mq_playlists_view_set_session (self->playlists_view, NULL, NULL);
      mq_screens_view_set_client (self->screens_view, NULL);
      show_sign_in (self, NULL, NULL);
      return;
    }

  /* The view shows nothing of the previous account while the next one loads. */
  if (mq_playlists_view_get_session (self->playlists_view) !=
      mq_accounts_get_session (self->accounts, account))
    {
      mq_playlists_view_set_session (self->playlists_view, NULL, NULL);
      mq_screens_view_set_client (self->screens_view, NULL);
    }

  /* Its saved list meanwhile: the keyring answers after the window's first frame. */
  mq_playlists_view_read_ahead (self->playlists_view, mq_account_get_id (account));

  self->load_cancellable = g_cancellable_new ();
  mq_accounts_load_session_async (self->accounts, account, self->load_cancellable,
                                  session_loaded_cb, g_object_ref (self));
}

static void
signed_in_cb (MqWindow  *self,
              MqAccount *account)
{
  g_autofree char *message = g_strdup_printf (_("Signed in as %s"),
                                              mq_account_get_display_name (account));

  adw_toast_overlay_add_toast (self->toast_overlay, mq_toast_new (message));
  show_current_account (self);

  /* Now that there is a sign-in to warn about: may Marquee warn when closed? */
  mq_background_prompt_set_settings (self->background_prompt,
                                     mq_accounts_get_settings (self->accounts));
  mq_background_prompt_offer (self->background_prompt,
                              mq_accounts_get_session (self->accounts, account));
}

static void
sign_in_cancelled_cb (MqWindow *self)
{
  show_current_account (self);
}

static gboolean
forward_to_playlists (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  MqWindow *self = MQ_WINDOW (widget);
  const char *action_name = g_variant_get_string (args, NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "playlists") != 0)
    return FALSE;

  /* On the Screens page, reloading reloads it; searching and exporting are the list's. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "screens") == 0)
    return g_str_equal (action_name, "playlists.reload") &&
           gtk_widget_activate_action (GTK_WIDGET (self->screens_view), "screens.reload", NULL);

  return gtk_widget_activate_action (GTK_WIDGET (self->playlists_view), action_name, NULL);
}

static void
screens_playlist_activated_cb (MqWindow *self,
                               gint64    id)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "playlists");
  mq_playlists_view_show_playlist (self->playlists_view, id);
}

/* The bar below appears when the switcher title in sight has no room for the switcher
 * and shows the page's title instead. */
static void
update_switcher_bar (MqWindow *self)
{
  gboolean reveal = FALSE;

  for (GList *l = self->switcher_titles; l != NULL; l = l->next)
    {
      GtkWidget *title = l->data;

      if (gtk_widget_get_mapped (title) &&
          adw_view_switcher_title_get_title_visible (ADW_VIEW_SWITCHER_TITLE (title)))
        reveal = TRUE;
    }

  adw_view_switcher_bar_set_reveal (self->switcher_bar, reveal);
}

/* The pages own their header bars (the playlists page has one for each pane and one for
 * its states): each holds an AdwViewSwitcherTitle, given the window's stack here. */
static void
connect_switcher_titles (MqWindow  *self,
                         GtkWidget *widget)
{
  if (ADW_IS_VIEW_SWITCHER_TITLE (widget))
    {
      adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (widget), self->view_stack);
      g_signal_connect_object (widget, "notify::title-visible",
                               G_CALLBACK (update_switcher_bar), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (widget, "map",
                               G_CALLBACK (update_switcher_bar), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (widget, "unmap",
                               G_CALLBACK (update_switcher_bar), self, G_CONNECT_SWAPPED);
      self->switcher_titles = g_list_prepend (self->switcher_titles, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    connect_switcher_titles (self, child);
}

static void
save_window_state (MqWindow *self)
{
  GSettings *settings = mq_accounts_get_settings (self->accounts);
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width, height;

  g_settings_set_boolean (settings, "window-maximized", maximized);

  /* Unmaximizing returns to the size from before. */
  if (maximized)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
}

static gboolean
mq_window_close_request (GtkWindow *window)
{
  save_window_state (MQ_WINDOW (window));

  return GTK_WINDOW_CLASS (mq_window_parent_class)->close_request (window);
}

static void
setup (MqWindow   *self,
       GMenuModel *account_menu)
{
  GSettings *settings = mq_accounts_get_settings (self->accounts);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  mq_sign_in_view_set_accounts (self->sign_in_view, self->accounts);
  mq_sign_in_view_set_main_menu (self->sign_in_view, self->main_menu);
  mq_playlists_view_set_main_menu (self->playlists_view, self->main_menu);
  mq_playlists_view_set_account_menu (self->playlists_view, account_menu);
  mq_screens_view_set_main_menu (self->screens_view, self->main_menu);
  mq_screens_view_set_account_menu (self->screens_view, account_menu);

  /* With an account, the window opens on its playlists (loading, then the saved list),
   * not on the welcome page that it would leave as soon as the keyring answers. Hidden,
   * the sign-in pages cost the first frame nothing (no styles, no icons) until needed. */
  if (mq_accounts_get_current (self->accounts) != NULL)
    {
      gtk_stack_set_visible_child_full (self->main_stack, "playlists", GTK_STACK_TRANSITION_TYPE_NONE);
      gtk_widget_set_visible (GTK_WIDGET (self->sign_in_view), FALSE);
    }

  g_signal_connect_object (self->accounts, "notify::current-account",
                           G_CALLBACK (show_current_account), self, G_CONNECT_SWAPPED);
  show_current_account (self);
}

static void
mq_window_dispose (GObject *object)
{
  MqWindow *self = MQ_WINDOW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  watch_session (self, NULL);

  g_clear_pointer (&self->switcher_titles, g_list_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), MQ_TYPE_WINDOW);
  g_clear_object (&self->accounts);

  G_OBJECT_CLASS (mq_window_parent_class)->dispose (object);
}

static void
mq_window_class_init (MqWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mq_window_dispose;
  window_class->close_request = mq_window_close_request;

  g_type_ensure (MQ_TYPE_BACKGROUND_PROMPT);
  g_type_ensure (MQ_TYPE_BANNER);
  g_type_ensure (MQ_TYPE_PLAYLISTS_VIEW);
  g_type_ensure (MQ_TYPE_SCREENS_VIEW);
  g_type_ensure (MQ_TYPE_SIGN_IN_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marqueesignage/Marquee/mq-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MqWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MqWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, MqWindow, sign_in_view);
  gtk_widget_class_bind_template_child (widget_class, MqWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MqWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, MqWindow, playlists_view);
  gtk_widget_class_bind_template_child (widget_class, MqWindow, screens_view);
  gtk_widget_class_bind_template_child (widget_class, MqWindow, keyring_banner);
  gtk_widget_class_bind_template_child (widget_class, MqWindow, background_prompt);
  gtk_widget_class_bind_template_child (widget_class, MqWindow, main_menu);
  gtk_widget_class_bind_template_callback (widget_class, signed_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_cancelled_cb);
  gtk_widget_class_bind_template_callback (widget_class, keyring_details_cb);
  gtk_widget_class_bind_template_callback (widget_class, screens_playlist_activated_cb);

  /* The playlists view's own actions, reachable from anywhere in the window. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F5, 0,
                                forward_to_playlists, "s", "playlists.reload");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                forward_to_playlists, "s", "playlists.reload");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                forward_to_playlists, "s", "playlists.search");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                forward_to_playlists, "s", "playlists.export");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                forward_to_playlists, "s", "playlists.export");
}

static void
mq_window_init (MqWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  connect_switcher_titles (self, GTK_WIDGET (self->view_stack));
}

MqWindow *
mq_window_new (GtkApplication *application,
               MqAccounts     *accounts,
               GMenuModel     *account_menu)
{
  MqWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MQ_IS_ACCOUNTS (accounts), NULL);
  g_return_val_if_fail (G_IS_MENU_MODEL (account_menu), NULL);

  self = g_object_new (MQ_TYPE_WINDOW,
                       "application", application,
                       NULL);
  self->accounts = g_object_ref (accounts);
  setup (self, account_menu);

  return self;
}

void
mq_window_add_account (MqWindow *self)
{
  g_return_if_fail (MQ_IS_WINDOW (self));

  g_cancellable_cancel (self->load_cancellable);
  show_sign_in (self, NULL, NULL);
}

void
mq_window_sign_in_again (MqWindow   *self,
                         MqAccount  *account,
                         const char *reason)
{
  g_return_if_fail (MQ_IS_WINDOW (self));
  g_return_if_fail (MQ_IS_ACCOUNT (account));

  if (mq_sign_in_view_get_busy (self->sign_in_view))
    return;

  g_cancellable_cancel (self->load_cancellable);
  show_sign_in (self, account, reason);
}

void
mq_window_add_toast (MqWindow   *self,
                     const char *title)
{
  g_return_if_fail (MQ_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, mq_toast_new (title));
}
