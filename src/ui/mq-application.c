/* mq-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-ui"

#ifdef HAVE_MALLOPT
#include <malloc.h>
#endif

#include <glib/gi18n.h>

#include "mq-application.h"
#include "mq-auth-error.h"
#include "mq-clock.h"
#include "mq-command-line.h"
#include "mq-desktop-settings.h"
#include "mq-expiry-monitor.h"
#include "mq-expiry-notifier.h"
#include "mq-preferences-window.h"
#include "mq-ui-resources.h"
#include "mq-ui-utils.h"
#include "mq-window.h"

#define WEBSITE "https://github.com/marqueesignage/marquee"

struct _MqApplication
{
  AdwApplication    parent_instance;

  GSettings        *settings;
  MqAccounts       *accounts;
  GMenu            *account_menu;
  MqExpiryMonitor  *expiry_monitor;
  MqExpiryNotifier *expiry_notifier;
  /* The options were parsed and handle-local-options ran. */
  gboolean          options_handled;
  /* Started with --background: the first activation opens no window. */
  gboolean          start_in_background;
  /* For tests, handed to the accounts: whom the API clients trust (see MqClient). */
  GTlsDatabase     *tls_database;
};

G_DEFINE_FINAL_TYPE (MqApplication, mq_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_CURRENT_ACCOUNT,
  PROP_TLS_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "list-playlists", 'l', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the playlists of the signed-in account and exit"), NULL },
  { "now-playing", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print what each screen group plays, and when that changes, and exit"), NULL },
  { "at", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("With --now-playing: the moment to ask about, in ISO 8601 (now by default)"), N_("DATE-TIME") },
  { "account", 'a', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("The account to list (the current one by default)"), N_("ID") },
  { "format", 'f', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("How to print the list: table (the default), json or csv"), N_("FORMAT") },
  /* A string, read here: GApplication leaves out an int option given as 0. */
  { "timeout", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Give up listing after this many seconds (120 by default)"), N_("SECONDS") },
  { "add-account", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Sign in with a personal access token read from the standard input, print the account’s id and exit"), NULL },
  { "server", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("With --add-account: the viewneo server (the one set in Marquee by default)"), N_("URL") },
  { "list-accounts", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the accounts and exit"), NULL },
  { "remove-account", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Sign out of the account and exit"), N_("ID") },
  { "background", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Start without a window, to warn about expiring sign-ins"), NULL },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

/* ---- the account menu and the current account ---- */

static char *
escape_mnemonic (const char *label)
{
  g_auto(GStrv) parts = g_strsplit (label, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
rebuild_account_menu (MqApplication *self)
{
  GListModel *accounts = mq_accounts_get_list (self->accounts);
  g_autoptr(GMenu) accounts_section = g_menu_new ();
  g_autoptr(GMenu) actions_section = g_menu_new ();
  g_autoptr(GMenuItem) add_item = NULL;
  MqAccount *current = mq_accounts_get_current (self->accounts);
  guint n = g_list_model_get_n_items (accounts);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MqAccount) account = g_list_model_get_item (accounts, i);
      g_autofree char *label = mq_account_dup_label (account);
      g_autofree char *escaped = escape_mnemonic (label);
      g_autoptr(GMenuItem) item = g_menu_item_new (escaped, NULL);

      g_menu_item_set_action_and_target_value (item, "app.switch-account",
                                               g_variant_new_string (mq_account_get_id (account)));
      g_menu_append_item (accounts_section, item);
    }

  add_item = g_menu_item_new (_("_Add Account…"), NULL);
  g_menu_item_set_action_and_target_value (add_item, "app.sign-in", g_variant_new_string (""));
  g_menu_append_item (actions_section, add_item);

  if (current != NULL)
    {
      g_autoptr(GMenuItem) sign_out_item = g_menu_item_new (_("_Sign Out…"), NULL);

      g_menu_item_set_action_and_target_value (sign_out_item, "app.sign-out",
                                               g_variant_new_string (mq_account_get_id (current)));
      g_menu_append_item (actions_section, sign_out_item);
    }

  g_menu_remove_all (self->account_menu);
  g_menu_append_section (self->account_menu, NULL, G_MENU_MODEL (accounts_section));
  g_menu_append_section (self->account_menu, NULL, G_MENU_MODEL (actions_section));
}

static void
update_switch_account_state (MqApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "switch-account");
  MqAccount *current = self->accounts != NULL ? mq_accounts_get_current (self->accounts) : NULL;
  const char *id = current != NULL ? mq_account_get_id (current) : "";

  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (id));
}

/* Every account's token is read from the keyring from the start, not only when the
 * window shows it: the expiry monitor may have a warning due. */
static void
load_sessions (MqApplication *self)
{
  GListModel *accounts = mq_accounts_get_list (self->accounts);
  guint n = g_list_model_get_n_items (accounts);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MqAccount) account = g_list_model_get_item (accounts, i);

      mq_accounts_load_session_async (self->accounts, account, NULL, NULL, NULL);
    }
}

static void
accounts_changed_cb (GListModel    *accounts,
                     guint          position,
                     guint          removed,
                     guint          added,
                     MqApplication *self)
{
  load_sessions (self);
  rebuild_account_menu (self);
}

static void
current_account_changed_cb (MqApplication *self)
{
  update_switch_account_state (self);
  rebuild_account_menu (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_ACCOUNT]);
}

void
mq_application_switch_account (MqApplication *self,
                               const char    *account_id)
{
  g_return_if_fail (MQ_IS_APPLICATION (self));

  mq_accounts_set_current (self->accounts, account_id);
}

/* ---- windows ---- */

static MqWindow *
ensure_window (MqApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (MQ_IS_WINDOW (window))
    return MQ_WINDOW (window);

  return mq_window_new (GTK_APPLICATION (self), self->accounts, G_MENU_MODEL (self->account_menu));
}

static MqWindow *
find_window (MqApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return MQ_IS_WINDOW (window) ? MQ_WINDOW (window) : NULL;
}

/* ---- sessions ---- */

/* Without a window the desktop notification does the asking. */
static void
sign_in_required_cb (MqApplication *self,
                     MqAccount     *account,
                     const GError  *why)
{
  g_autofree char *label = mq_account_dup_label (account);
  g_autofree char *reason = NULL;
  MqWindow *window;

  if ((window = find_window (self)) == NULL)
    return;

  reason = g_strdup_printf (_("Your sign-in to %s has ended. Sign in again to see its playlists."),
                            label);
  mq_window_sign_in_again (window, account, reason);
}

/* ---- actions ---- */

static void
sign_in_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MqApplication *self = user_data;
  const char *account_id = g_variant_get_string (parameter, NULL);
  MqWindow *window = ensure_window (self);
  MqAccount *account = NULL;

  if (account_id[0] != '\0')
    account = mq_accounts_lookup (self->accounts, account_id);

  if (account == NULL)
    {
      mq_window_add_account (window);
    }
  else
    {
      MqSession *session = mq_accounts_get_session (self->accounts, account);
      g_autofree char *label = mq_account_dup_label (account);
      g_autofree char *reason = NULL;
      gint64 expires_at = mq_session_get_expires_at (session);

      if (mq_session_get_needs_sign_in (session) ||
          (expires_at != 0 && expires_at <= mq_clock_now ()))
        reason = g_strdup_printf (_("Your sign-in to %s has ended. Sign in again to see its playlists."),
                                  label);
      else
        reason = g_strdup_printf (_("Sign in to %s again before your sign-in ends."), label);

      mq_window_sign_in_again (window, account, reason);
    }

  gtk_window_present (GTK_WINDOW (window));
}

typedef struct
{
  MqApplication *app;
  char          *label;
} SignOut;

static void
sign_out_free (SignOut *sign_out)
{
  g_object_unref (sign_out->app);
  g_free (sign_out->label);
  g_free (sign_out);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignOut, sign_out_free)

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  MqAccounts *accounts = MQ_ACCOUNTS (object);
  g_autoptr(SignOut) sign_out = user_data;
  MqApplication *self = sign_out->app;
  const char *label = sign_out->label;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  MqWindow *window;

  if (mq_accounts_sign_out_finish (accounts, result, &error))
    message = g_strdup_printf (_("Signed out of %s"), label);
  else if (error->domain == MQ_KEYRING_ERROR)
    message = g_strdup_printf (_("Signed out of %s, but its token could not be removed from the keyring: %s"),
                               label, error->message);
  else
    message = g_strdup (error->message);

  if ((window = find_window (self)) != NULL)
    mq_window_add_toast (window, message);
}

static void
sign_out_response_cb (GtkWidget     *dialog,
                      const char    *response,
                      MqApplication *self)
{
  const char *account_id = g_object_get_data (G_OBJECT (dialog), "account-id");
  MqAccount *account;
  SignOut *sign_out;

  if (g_strcmp0 (response, "sign-out") != 0)
    return;

  account = mq_accounts_lookup (self->accounts, account_id);
  if (account == NULL)
    return;

  sign_out = g_new0 (SignOut, 1);
  sign_out->app = g_object_ref (self);
  sign_out->label = mq_account_dup_label (account);
  mq_accounts_sign_out_async (self->accounts, account_id, NULL, signed_out_cb, sign_out);
}

static void
sign_out_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  MqApplication *self = user_data;
  const char *account_id = g_variant_get_string (parameter, NULL);
  MqAccount *account = mq_accounts_lookup (self->accounts, account_id);
  g_autofree char *label = NULL;
  g_autofree char *body = NULL;
  MqWindow *window;
  GtkWidget *dialog;

  if (account == NULL)
    return;

  window = ensure_window (self);
  gtk_window_present (GTK_WINDOW (window));

  label = mq_account_dup_label (account);
  /* Translators: the account, as in "Jane Doe (cloud.viewneo.com)" */
  body = g_strdup_printf (_("Marquee will forget %s and remove its token from the keyring of this computer. "
                            "The token itself stays valid until you revoke it in viewneo under Settings › API."),
                          label);
  /* The account goes in the body: a heading with its name would often be too wide. */
  dialog = mq_alert_new (_("Sign Out?"), body);
  mq_alert_add_response (dialog, "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT);
  mq_alert_add_response (dialog, "sign-out", _("_Sign Out"), ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "account-id", g_strdup (account_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_out_response_cb), self, 0);
  mq_dialog_present (dialog, GTK_WINDOW (window));
}

static void
switch_account_change_state (GSimpleAction *action,
                             GVariant      *state,
                             gpointer       user_data)
{
  mq_application_switch_account (MQ_APPLICATION (user_data), g_variant_get_string (state, NULL));
}

static void
show_account_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  MqApplication *self = user_data;
  const char *account_id = g_variant_get_string (parameter, NULL);
  MqWindow *window = ensure_window (self);

  if (mq_accounts_lookup (self->accounts, account_id) != NULL)
    mq_application_switch_account (self, account_id);

  gtk_window_present (GTK_WINDOW (window));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MqApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  mq_dialog_present (mq_preferences_window_new (self->settings), parent);
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  MqWindow *window = find_window (MQ_APPLICATION (user_data));

  if (window == NULL)
    return;

#if ADW_CHECK_VERSION (1, 8, 0)
  /* GtkShortcutsWindow is deprecated since GTK 4.18; AdwShortcutsDialog took over.
   * Written from libadwaita's documentation: Debian 13 has 1.7, so not yet built. */
  {
    g_autoptr(GtkBuilder) builder = NULL;

    /* Once, not a second one over it when the shortcut is pressed again. */
    if (ADW_IS_SHORTCUTS_DIALOG (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window))))
      return;

    builder = gtk_builder_new_from_resource ("/io/github/marqueesignage/Marquee/mq-shortcuts-dialog.ui");
    mq_dialog_present (GTK_WIDGET (gtk_builder_get_object (builder, "shortcuts_dialog")), GTK_WINDOW (window));
  }
#else
  /* Built when first asked for, not with the window: it is not needed to show it. */
  if (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/marqueesignage/Marquee/help-overlay.ui");

      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (window),
                                               GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
#endif
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  MqApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  /* AdwAboutDialog took over from AdwAboutWindow in libadwaita 1.5, with the same
   * properties. Made from the metainfo, it shows this version's release notes. */
#if ADW_CHECK_VERSION (1, 5, 0)
  about = GTK_WIDGET (adw_about_dialog_new_from_appdata ("/io/github/marqueesignage/Marquee/" APP_ID ".metainfo.xml",
                                                         PACKAGE_VERSION));
#else
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-name", _("Marquee"),
                        "developer-name", _("Marquee developers"),
                        "website", WEBSITE,
                        "issue-url", WEBSITE "/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        NULL);
#endif
  g_object_set (about,
                "application-icon", APP_ID,
                "version", PACKAGE_VERSION,
                "copyright", _("© The Marquee developers"),
                "translator-credits", _("translator-credits"),
                "comments", _("Inspect the playlists of your viewneo digital signage: "
                              "what plays, in what order, on which schedule, and where."),
                NULL);
  mq_dialog_present (about, parent);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  MqApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing (not destroying) lets each window save its size. */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "sign-in", sign_in_action, "s" },
  { "sign-out", sign_out_action, "s" },
  { "switch-account", NULL, "s", "''", switch_account_change_state },
  { "show-account", show_account_action, "s" },
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
  { "about", about_action },
  { "quit", quit_action },
};

/* ---- GApplication ---- */

static int
mq_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  MqApplication *self = MQ_APPLICATION (application);
  gboolean list_playlists = FALSE;
  gboolean now_playing = FALSE;
  gboolean add_account = FALSE;
  gboolean list_accounts = FALSE;
  const char *remove_account = NULL;
  const char *server = NULL;
  const char *at_text = NULL;
  gboolean background = FALSE;
  gboolean version = FALSE;
  const char *account_id = NULL;
  const char *format = NULL;
  const char *timeout_text = NULL;
  guint64 timeout = MQ_COMMAND_LINE_DEFAULT_TIMEOUT;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(MqAccounts) accounts = NULL;
  MqExitStatus status;
  guint n_commands;

  self->options_handled = TRUE;

  g_variant_dict_lookup (options, "version", "b", &version);
  g_variant_dict_lookup (options, "background", "b", &background);
  g_variant_dict_lookup (options, "list-playlists", "b", &list_playlists);
  g_variant_dict_lookup (options, "now-playing", "b", &now_playing);
  g_variant_dict_lookup (options, "add-account", "b", &add_account);
  g_variant_dict_lookup (options, "list-accounts", "b", &list_accounts);
  g_variant_dict_lookup (options, "remove-account", "&s", &remove_account);
  g_variant_dict_lookup (options, "server", "&s", &server);
  g_variant_dict_lookup (options, "at", "&s", &at_text);
  g_variant_dict_lookup (options, "account", "&s", &account_id);
  g_variant_dict_lookup (options, "format", "&s", &format);
  g_variant_dict_lookup (options, "timeout", "&s", &timeout_text);

  if (version)
    {
      g_print ("%s %s\n", "marquee", PACKAGE_VERSION);
      return MQ_EXIT_OK;
    }

  n_commands = list_playlists + now_playing + add_account + list_accounts + (remove_account != NULL);
  if (n_commands > 1)
    {
      mq_command_line_print_error (_("--list-playlists, --now-playing, --add-account, --list-accounts and --remove-account do not go together: use one of them."));
      return MQ_EXIT_USAGE;
    }

  if (at_text != NULL && !now_playing)
    {
      mq_command_line_print_error (_("--at only goes with --now-playing."));
      return MQ_EXIT_USAGE;
    }

  if (server != NULL && !add_account)
    {
      mq_command_line_print_error (_("--server only goes with --add-account."));
      return MQ_EXIT_USAGE;
    }

  if (account_id != NULL && !list_playlists && !now_playing)
    {
      mq_command_line_print_error (_("--account only goes with --list-playlists or --now-playing."));
      return MQ_EXIT_USAGE;
    }

  if (format != NULL && !list_playlists && !now_playing && !list_accounts)
    {
      mq_command_line_print_error (_("--format only goes with --list-playlists, --now-playing or --list-accounts."));
      return MQ_EXIT_USAGE;
    }

  if (n_commands == 0)
    {
      if (timeout_text != NULL)
        {
          mq_command_line_print_error (_("--timeout only goes with --list-playlists, --now-playing or the options for accounts."));
          return MQ_EXIT_USAGE;
        }

      self->start_in_background = background;
      return -1;
    }

  /* Up to a week: any longer is no deadline at all. */
  if (timeout_text != NULL &&
      !g_ascii_string_to_unsigned (timeout_text, 10, 1, 7 * 24 * 3600, &timeout, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("--timeout takes a whole number of seconds from 1 to 604800, not “%s”."),
                                                  timeout_text);

      mq_command_line_print_error (message);
      return MQ_EXIT_USAGE;
    }

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE);
  if (schema == NULL)
    {
      mq_command_line_print_error (_("Marquee is not installed correctly: its settings schema is missing."));
      return MQ_EXIT_FAILURE;
    }

  settings = g_settings_new_full (schema, NULL, NULL);
  accounts = mq_accounts_new (settings, NULL);
  if (now_playing)
    return mq_command_line_now_playing (accounts, account_id, format, at_text, (guint) timeout);
  if (list_playlists)
    return mq_command_line_list_playlists (accounts, account_id, format, (guint) timeout);
  if (list_accounts)
    return mq_command_line_list_accounts (accounts, format, (guint) timeout);

  if (add_account)
    status = mq_command_line_add_account (accounts, server, (guint) timeout);
  else
    status = mq_command_line_remove_account (accounts, remove_account, (guint) timeout);

  /* The accounts changed: written before the process ends. */
  g_settings_sync ();
  return status;
}

static gboolean
mq_application_local_command_line (GApplication   *application,
                                   char         ***arguments,
                                   int            *exit_status)
{
  MqApplication *self = MQ_APPLICATION (application);
  gboolean handled;

  handled = G_APPLICATION_CLASS (mq_application_parent_class)->local_command_line (application,
                                                                                    arguments,
                                                                                    exit_status);

  /* GApplication has printed why the options could not be parsed: a usage error. */
  if (handled && !self->options_handled && *exit_status == EXIT_FAILURE)
    *exit_status = MQ_EXIT_USAGE;

  return handled;
}

static void
mq_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  MqApplication *self = MQ_APPLICATION (application);

  G_APPLICATION_CLASS (mq_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (APP_ID);
  /* Times of day follow the desktop's clock from here on. */
  mq_desktop_settings_get_default ();

  self->settings = g_settings_new (APP_ID);
  self->accounts = mq_accounts_new (self->settings, NULL);
  if (self->tls_database != NULL)
    g_object_set (self->accounts, "tls-database", self->tls_database, NULL);
  g_signal_connect_object (self->accounts, "notify::current-account",
                           G_CALLBACK (current_account_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->accounts, "sign-in-required",
                           G_CALLBACK (sign_in_required_cb), self, G_CONNECT_SWAPPED);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  update_switch_account_state (self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts", shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);

  g_signal_connect_object (mq_accounts_get_list (self->accounts), "items-changed",
                           G_CALLBACK (accounts_changed_cb), self, 0);
  rebuild_account_menu (self);

  load_sessions (self);
  self->expiry_monitor = mq_expiry_monitor_new (self->settings, self->accounts);
  self->expiry_notifier = mq_expiry_notifier_new (application, self->expiry_monitor);
  g_settings_bind (self->settings, "run-in-background", self->expiry_notifier, "background",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
mq_application_shutdown (GApplication *application)
{
  MqApplication *self = MQ_APPLICATION (application);

  /* The notifier listens to the monitor, which listens to the sessions. */
  if (self->expiry_notifier != NULL)
    g_settings_unbind (self->expiry_notifier, "background");
  g_clear_object (&self->expiry_notifier);
  g_clear_object (&self->expiry_monitor);

  G_APPLICATION_CLASS (mq_application_parent_class)->shutdown (application);
}

static void
mq_application_activate (GApplication *application)
{
  MqApplication *self = MQ_APPLICATION (application);

  /* Autostarted to warn about expiring sign-ins: the notifier holds the application
   * while "run-in-background" is on; any later activation opens the window. */
  if (self->start_in_background)
    {
      self->start_in_background = FALSE;
      return;
    }

  gtk_window_present (GTK_WINDOW (ensure_window (self)));
}

static void
mq_application_dispose (GObject *object)
{
  MqApplication *self = MQ_APPLICATION (object);

  g_clear_object (&self->expiry_notifier);
  g_clear_object (&self->expiry_monitor);
  g_clear_object (&self->accounts);
  g_clear_object (&self->settings);
  g_clear_object (&self->account_menu);
  g_clear_object (&self->tls_database);

  G_OBJECT_CLASS (mq_application_parent_class)->dispose (object);
}

static void
mq_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MqApplication *self = MQ_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CURRENT_ACCOUNT:
      g_value_set_object (value, mq_application_get_current_account (self));
      break;

    case PROP_TLS_DATABASE:
      g_value_set_object (value, self->tls_database);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MqApplication *self = MQ_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_TLS_DATABASE:
      if (g_set_object (&self->tls_database, g_value_get_object (value)))
        {
          if (self->accounts != NULL)
            g_object_set (self->accounts, "tls-database", self->tls_database, NULL);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_application_class_init (MqApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  /* Registered by hand: the resource lives in a static library, whose constructor the
   * linker would drop. The templates need it before any widget class is created. */
  mq_ui_register_resource ();

  object_class->dispose = mq_application_dispose;
  object_class->get_property = mq_application_get_property;
  object_class->set_property = mq_application_set_property;

  application_class->local_command_line = mq_application_local_command_line;
  application_class->handle_local_options = mq_application_handle_local_options;
  application_class->startup = mq_application_startup;
  application_class->shutdown = mq_application_shutdown;
  application_class->activate = mq_application_activate;

  properties[PROP_CURRENT_ACCOUNT] =
    g_param_spec_object ("current-account", NULL, NULL,
                         MQ_TYPE_ACCOUNT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* For tests: the certificates the clients of accounts made from now on trust in
   * place of the system's. Only whom to trust, never whether to check. */
  properties[PROP_TLS_DATABASE] =
    g_param_spec_object ("tls-database", NULL, NULL,
                         G_TYPE_TLS_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mq_application_init (MqApplication *self)
{
  g_autofree char *description = mq_command_line_dup_description ();

  self->account_menu = g_menu_new ();

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), "");
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Inspect the playlists of your viewneo digital signage."));
  g_application_set_option_context_description (G_APPLICATION (self), description);
}

MqApplication *
mq_application_new (GApplicationFlags flags)
{
#ifdef HAVE_MALLOPT
  /* Response bodies and cache chunks of a few hundred KiB come and go while 100,000
   * playlists load. glibc raises its mmap threshold to the size of each such block
   * freed, after which they come from the heap and their pages stay with the
   * process; a fixed threshold gives them back as they are freed. */
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
#endif

  return g_object_new (MQ_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", "/io/github/marqueesignage/Marquee",
                       NULL);
}

GSettings *
mq_application_get_settings (MqApplication *self)
{
  g_return_val_if_fail (MQ_IS_APPLICATION (self), NULL);

  return self->settings;
}

MqAccounts *
mq_application_get_accounts (MqApplication *self)
{
  g_return_val_if_fail (MQ_IS_APPLICATION (self), NULL);

  return self->accounts;
}

GMenuModel *
mq_application_get_account_menu (MqApplication *self)
{
  g_return_val_if_fail (MQ_IS_APPLICATION (self), NULL);

  return G_MENU_MODEL (self->account_menu);
}

MqAccount *
mq_application_get_current_account (MqApplication *self)
{
  g_return_val_if_fail (MQ_IS_APPLICATION (self), NULL);

  return self->accounts != NULL ? mq_accounts_get_current (self->accounts) : NULL;
}
