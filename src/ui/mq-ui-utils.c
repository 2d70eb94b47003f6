/* mq-ui-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-ui"

#include <glib/gi18n.h>

#include "mq-client.h"
#include "mq-ui-utils.h"

AdwToast *
mq_toast_new (const char *text)
{
  g_autofree char *markup = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  markup = g_markup_escape_text (text, -1);
  return adw_toast_new (markup);
}

void
mq_widget_add_toast (GtkWidget  *widget,
                     const char *title)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), mq_toast_new (title));
}

void
mq_widget_copy_text (GtkWidget  *widget,
                     const char *text,
                     const char *toast_title)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (text != NULL);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  if (toast_title != NULL)
    mq_widget_add_toast (widget, toast_title);
}

void
mq_label_set_or_hide (GtkLabel   *label,
                      const char *text)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

void
mq_server_label_set (GtkLabel   *label,
                     const char *server)
{
  g_autofree char *text = NULL;

  g_return_if_fail (GTK_IS_LABEL (label));

  if (server != NULL && g_strcmp0 (server, MQ_DEFAULT_SERVER) != 0)
    text = g_strdup_printf (_("Server: %s"), server);

  mq_label_set_or_hide (label, text);
}

void
mq_entry_row_focus (AdwEntryRow *row)
{
  GtkEditable *delegate;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));
  if (GTK_IS_TEXT (delegate))
    gtk_text_grab_focus_without_selecting (GTK_TEXT (delegate));
  else
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
uri_launched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}
#else
static void
uri_launched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}
#endif

void
mq_launch_uri_async (GtkWidget           *widget,
                     const char          *uri,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (uri != NULL);

  task = g_task_new (widget, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_launch_uri_async);

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);
    GtkRoot *root = gtk_widget_get_root (widget);
    GtkWindow *parent = NULL;

    if (GTK_IS_WINDOW (root) && gtk_widget_get_mapped (GTK_WIDGET (root)))
      parent = GTK_WINDOW (root);

    gtk_uri_launcher_launch (launcher, parent, cancellable,
                             uri_launched_cb, g_steal_pointer (&task));
  }
#else
  {
    g_autoptr(GdkAppLaunchContext) context =
      gdk_display_get_app_launch_context (gtk_widget_get_display (widget));

    /* No parent window at all on this path: GTK 4.8 crashes on an unrealized one. */
    g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context),
                                             cancellable, uri_launched_cb,
                                             g_steal_pointer (&task));
  }
#endif
}

gboolean
mq_launch_uri_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_launch_uri_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
mq_account_dup_label (MqAccount *account)
{
  g_return_val_if_fail (MQ_IS_ACCOUNT (account), NULL);

  /* Translators: an account's name, then its server, as in "Jane Doe (cloud.viewneo.com)" */
  return g_strdup_printf (_("%s (%s)"),
                          mq_account_get_display_name (account),
                          mq_account_get_server_host (account));
}

GtkWidget *
mq_alert_new (const char *heading,
              const char *body)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return GTK_WIDGET (adw_alert_dialog_new (heading, body));
#else
  return adw_message_dialog_new (NULL, heading, body);
#endif
}

void
mq_alert_add_response (GtkWidget             *alert,
                       const char            *id,
                       const char            *label,
                       AdwResponseAppearance  appearance)
{
  g_autofree char *default_response = NULL;

  g_return_if_fail (id != NULL);
  g_return_if_fail (label != NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  g_return_if_fail (ADW_IS_ALERT_DIALOG (alert));

  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (alert), id, label);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (alert), id, appearance);
#else
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (alert));

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), id, label);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (alert), id, appearance);
#endif

  /* The two classes name these properties alike. */
  g_object_get (alert, "default-response", &default_response, NULL);
  if (default_response == NULL)
    g_object_set (alert, "default-response", id, "close-response", id, NULL);
}

void
mq_dialog_present (GtkWidget *dialog,
                   GtkWindow *parent)
{
  g_return_if_fail (GTK_IS_WIDGET (dialog));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

#if ADW_CHECK_VERSION (1, 5, 0)
  if (ADW_IS_DIALOG (dialog))
    {
      adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (parent));
      return;
    }
#endif

  g_return_if_fail (GTK_IS_WINDOW (dialog));

  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
mq_is_sandboxed (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ||
         g_strcmp0 (g_getenv ("GTK_USE_PORTAL"), "1") == 0;
}

#define LAZY_MENU_KEY "mq-lazy-menu"

static void
lazy_menu_popup_cb (GtkMenuButton *button,
                    gpointer       user_data)
{
  GMenuModel *model = g_object_get_data (G_OBJECT (button), LAZY_MENU_KEY);

  if (model != NULL && gtk_menu_button_get_menu_model (button) != model)
    gtk_menu_button_set_menu_model (button, model);
}

void
mq_menu_button_set_menu_lazily (GtkMenuButton *button,
                                GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (model == NULL || G_IS_MENU_MODEL (model));

  /* Built already (or none): changed at once. */
  if (model == NULL || gtk_menu_button_get_menu_model (button) != NULL)
    {
      gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
      g_object_set_data (G_OBJECT (button), LAZY_MENU_KEY, NULL);
      gtk_menu_button_set_menu_model (button, model);
      return;
    }

  g_object_set_data_full (G_OBJECT (button), LAZY_MENU_KEY, g_object_ref (model), g_object_unref);
  gtk_menu_button_set_create_popup_func (button, lazy_menu_popup_cb, NULL, NULL);
}
