/* test-window-text.c: text from the server and the keyring, as the window shows it
 *
 * libadwaita reads toast titles and the titles and subtitles of preference rows as
 * Pango markup. Names that are markup, valid or not, must be shown as they are: each
 * test asserts the text of the GtkLabel a user sees, not only a property. GLib's test
 * framework makes Gtk-WARNINGs (markup that does not parse) fatal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fake-viewneo.h"
#include "hardening-app.h"
#include "mq-account-manager.h"
#include "mq-playlist-detail.h"
#include "mq-playlists-view.h"
#include "mq-sign-in-view.h"
#include "mq-test-viewneo.h"
#include "mq-token-sign-in-page.h"
#include "mq-token-store.h"
#include "mq-token.h"

#define TOKEN "window-text-token"

/* A user name that breaks markup, and one that is valid markup. */
static const char * const user_names[] = {
  "Tom & Jerry <Kiosk>",
  "<span foreground=\"red\" size=\"xx-large\">EVIL</span> Admin",
};

/* Before every playlist, media file and screen group name. */
static const char * const name_prefixes[] = {
  "<b>x</b> & <i>",
  "<span foreground=\"red\">EVIL</span> ",
};

typedef struct _Fixture Fixture;
typedef void (*Body) (Fixture *f, MqWindow *window);

struct _Fixture
{
  FakeViewneo   *fake;
  char          *server;
  GSettings     *settings;
  MqTokenStore  *store;
  MqApplication *app;
  Body           body;
  guint          variant;
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  hardening_require_display ();

  f->variant = GPOINTER_TO_UINT (data);
  f->fake = fake_viewneo_new ();
  fake_viewneo_add_token (f->fake, TOKEN);
  f->server = mq_test_viewneo_listen (f->fake);

  /* The memory backend lives as long as the process: start from the defaults. */
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "accounts");
  g_settings_reset (f->settings, "current-account");
  g_settings_set_string (f->settings, "server", f->server);

  f->store = mq_token_store_new ();
  f->app = mq_application_new (G_APPLICATION_NON_UNIQUE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  hardening_finalize_app (g_steal_pointer (&f->app));
  g_settings_reset (f->settings, "accounts");
  g_settings_reset (f->settings, "current-account");
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  mq_test_viewneo_stop (&f->fake);
  g_clear_pointer (&f->server, g_free);
}

static void
run_body (MqApplication *app,
          MqWindow      *window,
          gpointer       user_data)
{
  Fixture *f = user_data;

  f->body (f, window);
}

static void
run_window (Fixture *f,
            Body     body)
{
  f->body = body;
  hardening_run_app (f->app, run_body, f);
}

/* ---- what is shown ---- */

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

/* Whether a label under @widget shows exactly @text. */
static gboolean
shows_text (gpointer    widget,
            const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_labels (widget, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return TRUE;

  return FALSE;
}

/* Whether a label under @widget shows text that starts with @prefix. */
static gboolean
shows_prefix (gpointer    widget,
              const char *prefix)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_labels (widget, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (texts, i), prefix))
      return TRUE;

  return FALSE;
}

/* ---- set-up steps ---- */

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (mq_token_store_store_finish (MQ_TOKEN_STORE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* An account as a hand-edited setting may hold it, its token in the keyring. */
static void
save_account (Fixture    *f,
              const char *server,
              const char *display_name)
{
  g_autoptr(MqAccount) account = mq_account_new (server, 7, display_name, MQ_TOKEN_KIND_PERSONAL, NULL);
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  gboolean done = FALSE;

  token = mq_token_new_personal (TOKEN, &error);
  g_assert_no_error (error);
  secret = mq_token_to_secret (token);
  mq_token_store_store_async (f->store, server, mq_account_get_id (account), MQ_SECRET_KIND_TOKEN,
                              "Marquee test", secret, NULL, stored_cb, &done);
  hardening_wait_until (done);

  g_settings_set_value (f->settings, "accounts",
                        g_variant_new_parsed ("[(%s, %x, %s, 'token', '')]", server, (gint64) 7,
                                              display_name));
  g_settings_set_string (f->settings, "current-account", mq_account_get_id (account));
}

/* ---- an account whose server address is refused ---- */

static GtkWidget *
find_alert (MqWindow *window)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));

  return ADW_IS_ALERT_DIALOG (dialog) ? GTK_WIDGET (dialog) : NULL;
#else
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        return toplevel;
    }

  return NULL;
#endif
}

/* Answers @alert with @response, as its button would. */
static void
respond (GtkWidget  *alert,
         const char *response)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  g_autofree char *detailed = g_strconcat ("response::", response, NULL);

  g_signal_emit_by_name (alert, detailed, response);
  adw_dialog_close (ADW_DIALOG (alert));
#else
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (alert), response);
#endif
}

static void
refused_server_body (Fixture  *f,
                     MqWindow *window)
{
  GtkWidget *view = hardening_child (window, MQ_TYPE_WINDOW, "playlists_view");
  GtkWidget *toast_overlay = hardening_child (window, MQ_TYPE_WINDOW, "toast_overlay");
  GtkStack *status_stack = hardening_child (view, MQ_TYPE_PLAYLISTS_VIEW, "status_stack");
  GtkWidget *page = hardening_child (view, MQ_TYPE_PLAYLISTS_VIEW, "server_refused_page");
  GtkWidget *button = hardening_child (view, MQ_TYPE_PLAYLISTS_VIEW, "sign_out_button");
  g_autofree char *toast = g_strdup_printf ("Signed out of %s (example.invalid)", user_names[0]);
  g_autoptr(GVariant) accounts = NULL;
  GtkWidget *dialog;

  /* The page says the address is not accepted, and why. */
  hardening_wait_until (g_strcmp0 (gtk_stack_get_visible_child_name (status_stack), "server-refused") == 0);
  g_assert_true (shows_text (page, "Server Address Not Accepted"));
  g_assert_true (shows_text (page, "Use https://example.invalid: an unencrypted http:// address is "
                                   "only allowed for a server on this computer."));

  /* It offers to sign out of that account. */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "app.sign-out");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)), NULL),
                   ==, "7@example.invalid");
  hardening_click (button);
  hardening_wait_until ((dialog = find_alert (window)) != NULL);
  respond (dialog, "sign-out");

  /* Gone, and the toast names the account as it is. */
  hardening_wait_until (shows_text (toast_overlay, toast));
  accounts = g_settings_get_value (f->settings, "accounts");
  g_assert_cmpuint (g_variant_n_children (accounts), ==, 0);
}

static void
test_refused_server_page (Fixture       *f,
                          gconstpointer  data)
{
  save_account (f, "http://example.invalid", user_names[0]);
  run_window (f, refused_server_body);
}

/* ---- the "Signed in as" toast ---- */

static void
signed_in_body (Fixture  *f,
                MqWindow *window)
{
  GtkWidget *sign_in_view = hardening_child (window, MQ_TYPE_WINDOW, "sign_in_view");
  GtkWidget *token_page = hardening_child (sign_in_view, MQ_TYPE_SIGN_IN_VIEW, "token_page");
  GtkWidget *toast_overlay = hardening_child (window, MQ_TYPE_WINDOW, "toast_overlay");
  g_autofree char *toast = g_strdup_printf ("Signed in as %s", user_names[f->variant]);

  hardening_click (hardening_child (sign_in_view, MQ_TYPE_SIGN_IN_VIEW, "token_button"));
  gtk_editable_set_text (hardening_child (token_page, MQ_TYPE_TOKEN_SIGN_IN_PAGE, "token_row"), TOKEN);
  hardening_click (hardening_child (token_page, MQ_TYPE_TOKEN_SIGN_IN_PAGE, "sign_in_button"));

  hardening_wait_until (shows_text (toast_overlay, toast));
}

static void
test_signed_in_toast (Fixture       *f,
                      gconstpointer  data)
{
  fake_viewneo_set_user (f->fake, 42, user_names[f->variant], "kiosk@example.com");
  run_window (f, signed_in_body);
}

/* ---- the list and the detail ---- */

static gboolean
shows_in_rows (GtkWidget  *list,
               GType       row_type,
               const char *prefix)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_type_is_a (G_OBJECT_TYPE (row), row_type) && shows_prefix (row, prefix))
      return TRUE;

  return FALSE;
}

static void
detail_body (Fixture  *f,
             MqWindow *window)
{
  const char *prefix = name_prefixes[f->variant];
  GtkWidget *view = hardening_child (window, MQ_TYPE_WINDOW, "playlists_view");
  GtkStack *main_stack = hardening_child (view, MQ_TYPE_PLAYLISTS_VIEW, "main_stack");
  GtkColumnView *column_view = hardening_child (view, MQ_TYPE_PLAYLISTS_VIEW, "column_view");
  GtkWidget *detail_title = hardening_child (view, MQ_TYPE_PLAYLISTS_VIEW, "detail_title");
  GtkWidget *detail = hardening_child (view, MQ_TYPE_PLAYLISTS_VIEW, "detail");
  GtkWidget *name_row = hardening_child (detail, MQ_TYPE_PLAYLIST_DETAIL, "name_row");
  GtkWidget *entries_list = hardening_child (detail, MQ_TYPE_PLAYLIST_DETAIL, "entries_list");
  GtkWidget *groups_list = hardening_child (detail, MQ_TYPE_PLAYLIST_DETAIL, "groups_list");
  GtkSingleSelection *selection;
  gboolean seen_entry = FALSE;
  gboolean seen_group = FALSE;
  guint n_items;

  hardening_wait_until (g_strcmp0 (gtk_stack_get_visible_child_name (main_stack), "playlists") == 0);
  hardening_wait_until (shows_prefix (column_view, prefix));

  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view));
  n_items = g_list_model_get_n_items (G_LIST_MODEL (selection));
  g_assert_cmpuint (n_items, >, 0);

  /* Until one playlist has shown a media file entry and another (or the same) a screen
   * group playing it. */
  for (guint i = 0; i < n_items && !(seen_entry && seen_group); i++)
    {
      gtk_single_selection_set_selected (selection, i);
      hardening_wait_until (shows_prefix (detail_title, prefix));
      g_assert_true (shows_prefix (name_row, prefix));

      /* Entries and screen groups come from requests of their own. */
      mq_test_iterate_for (300);
      seen_entry = seen_entry || shows_in_rows (entries_list, ADW_TYPE_ACTION_ROW, prefix);
      seen_group = seen_group || shows_in_rows (groups_list, ADW_TYPE_ACTION_ROW, prefix);
    }

  g_assert_true (seen_entry);
  g_assert_true (seen_group);
}

static void
test_detail_names (Fixture       *f,
                   gconstpointer  data)
{
  fake_viewneo_set_name_prefix (f->fake, name_prefixes[f->variant]);
  fake_viewneo_generate (f->fake, 12, 5);
  save_account (f, f->server, "Kiosk Team");
  run_window (f, detail_body);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("GIO_USE_PORTALS");

#define ADD(path, variant, func) \
  g_test_add ("/window-text/ui/" path, Fixture, GUINT_TO_POINTER (variant), \
              fixture_set_up, func, fixture_tear_down)

  ADD ("refused-server-page-offers-sign-out", 0, test_refused_server_page);
  ADD ("signed-in-toast-shows-ampersand-name", 0, test_signed_in_toast);
  ADD ("signed-in-toast-shows-markup-name", 1, test_signed_in_toast);
  ADD ("detail-shows-invalid-markup-names", 0, test_detail_names);
  ADD ("detail-shows-valid-markup-names", 1, test_detail_names);

#undef ADD

  return g_test_run ();
}
