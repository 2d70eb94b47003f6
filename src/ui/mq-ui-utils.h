/* mq-ui-utils.h: small helpers shared by the application's widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mq-account.h"

G_BEGIN_DECLS

/* A toast that shows @text as it is. AdwToast reads its title as Pango markup, and
 * a title that holds a name from the server or the keyring must not be read so. */
AdwToast *mq_toast_new              (const char          *text);

/* Shows a toast with @title (plain text) in the nearest AdwToastOverlay around
 * @widget, if there is one. */
void      mq_widget_add_toast       (GtkWidget           *widget,
                                     const char          *title);

/* Puts @text on the clipboard of @widget's display and says so in a toast. */
void      mq_widget_copy_text       (GtkWidget           *widget,
                                     const char          *text,
                                     const char          *toast_title);

/* Shows @text in @label (an inline error, a notice), or hides the label for NULL. */
void      mq_label_set_or_hide      (GtkLabel            *label,
                                     const char          *message);

/* Moves the focus into an entry row without selecting its text, to fix it after an
 * error (selecting it all would make the next keystroke erase it). */
void      mq_entry_row_focus        (AdwEntryRow         *row);

/* Opens @uri in the default browser: GtkUriLauncher where GTK has it (4.10), else GIO
 * with the display's launch context. The window of @widget is passed to the launcher
 * only once it is mapped, as GTK 4.8 crashes on an unrealized parent. Fails with
 * G_IO_ERROR_NOT_SUPPORTED when there is no browser to open. */
void      mq_launch_uri_async       (GtkWidget           *widget,
                                     const char          *uri,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean  mq_launch_uri_finish      (GAsyncResult        *result,
                                     GError             **error);

/* "Server: URL" under a sign-in form, hidden for the default server. */
void      mq_server_label_set       (GtkLabel            *label,
                                     const char          *server);

/* "Name (host)", how the app names an account to the user. */
char     *mq_account_dup_label      (MqAccount           *account);

/* A message with buttons: an AdwAlertDialog from libadwaita 1.5 on, an AdwMessageDialog
 * window before. Either emits "response" (const char *response) and closes itself.
 * Keep @heading short: libadwaita 1.6 and 1.7 measure a heading wider than the dialog
 * below its minimum width, which GTK warns about. */
GtkWidget *mq_alert_new             (const char            *heading,
                                     const char            *body);

/* Adds a button. The first response added is the safe one: the default, and the answer
 * to Escape or to closing the dialog. */
void      mq_alert_add_response     (GtkWidget             *alert,
                                     const char            *id,
                                     const char            *label,
                                     AdwResponseAppearance  appearance);

/* Shows @dialog, an AdwDialog (libadwaita 1.5) or a window, over @parent (or NULL). */
void      mq_dialog_present         (GtkWidget             *dialog,
                                     GtkWindow             *parent);

/* Gives @button the menu @model, built when it first opens: GTK builds a menu's
 * popover as soon as it has the model, and the window's first frame shows none of its
 * six menus. NULL removes it. */
void       mq_menu_button_set_menu_lazily (GtkMenuButton      *button,
                                           GMenuModel         *model);

/* Whether the app runs in a sandbox and goes through portals: /.flatpak-info, or
 * GTK_USE_PORTAL=1 as GLib 2.74 has it for its own portals (tests use that). */
gboolean   mq_is_sandboxed          (void);

G_END_DECLS
