/* test-inputs.c: what a user types into the window, and what becomes of it
 *
 * Each field either takes what is typed, normalised, or says inline what is wrong
 * with it, in the user's language, without repeating a secret; nothing wrong reaches
 * the network. What tests/ui/test-sign-in.c and the core tests already check is not
 * repeated here: http:// to another host (insecure-server-refused), a token with
 * spaces inside or with "Bearer " around it (token-invalid, token), blank Client ID
 * and secret fields (browser forms), and every server address form
 * (tests/api/test-json.c /json/server-url).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fake-viewneo.h"
#include "hardening-app.h"
#include "hardening-util.h"
#include "mq-browser-sign-in-page.h"
#include "mq-loopback-receiver.h"
#include "mq-preferences-window.h"
#include "mq-sign-in-view.h"
#include "mq-test-files.h"
#include "mq-test-viewneo.h"
#include "mq-token-sign-in-page.h"
#include "mq-ui-utils.h"

#define CLIENT_ID "12"
#define CLIENT_SECRET "inputs-client-secret"

typedef struct _Fixture Fixture;
typedef void (*Body) (Fixture *f);

struct _Fixture
{
  FakeViewneo   *fake;
  char          *server;
  GSettings     *settings;
  MqApplication *app;
  GtkWidget     *view;   /* the sign-in view */
  Body           body;
};

#define view_child(f, name) hardening_child ((f)->view, MQ_TYPE_SIGN_IN_VIEW, name)
#define browser_child(f, name) \
  hardening_child (view_child (f, "browser_page"), MQ_TYPE_BROWSER_SIGN_IN_PAGE, name)
#define token_child(f, name) \
  hardening_child (view_child (f, "token_page"), MQ_TYPE_TOKEN_SIGN_IN_PAGE, name)

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
port_refuses (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);

  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  hardening_require_display ();

  f->fake = fake_viewneo_new ();
  f->server = mq_test_viewneo_listen (f->fake);

  /* The memory backend lives as long as the process: start from the defaults. */
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "accounts");
  g_settings_reset (f->settings, "current-account");
  g_settings_reset (f->settings, "redirect-port");
  g_settings_set_string (f->settings, "server", f->server);

  f->app = mq_application_new (G_APPLICATION_NON_UNIQUE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  hardening_finalize_app (g_steal_pointer (&f->app));
  g_settings_reset (f->settings, "redirect-port");
  g_clear_object (&f->settings);
  mq_test_viewneo_stop (&f->fake);
  g_clear_pointer (&f->server, g_free);
}

static void
run_body (MqApplication *app,
          MqWindow      *window,
          gpointer       user_data)
{
  Fixture *f = user_data;

  f->view = hardening_child (window, MQ_TYPE_WINDOW, "sign_in_view");
  f->body (f);
}

static void
run_test (Fixture       *f,
          gconstpointer  data)
{
  f->body = (Body) data;
  hardening_run_app (f->app, run_body, f);
}

static const char *
sign_in_page (Fixture *f)
{
  return adw_leaflet_get_visible_child_name (view_child (f, "leaflet"));
}

static char *
saved_server (Fixture *f)
{
  return g_settings_get_string (f->settings, "server");
}

/* ---- the server under Advanced ---- */

static void
test_server_credentials (Fixture *f)
{
  g_autofree char *saved = NULL;
  GtkLabel *error_label = view_child (f, "server_error_label");

  /* A password in the address is refused, and not shown back. */
  gtk_editable_set_text (view_child (f, "server_row"), "https://admin:hunter2@signage.example.com");
  hardening_click (view_child (f, "token_button"));

  g_assert_cmpstr (sign_in_page (f), ==, "welcome");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), ==,
                   hardening_translate ("Remove the user name and password from the server address: "
                                        "you sign in separately."));
  g_assert_null (strstr (gtk_label_get_text (error_label), "hunter2"));
  g_assert_true (gtk_widget_has_css_class (view_child (f, "server_row"), "error"));

  saved = saved_server (f);
  g_assert_cmpstr (saved, ==, f->server);
}

static void
test_server_blank (Fixture *f)
{
  GtkLabel *error_label = view_child (f, "server_error_label");

  gtk_editable_set_text (view_child (f, "server_row"), " \t ");
  hardening_click (view_child (f, "browser_button"));

  g_assert_cmpstr (sign_in_page (f), ==, "welcome");
  g_assert_cmpstr (gtk_label_get_text (error_label), ==,
                   hardening_translate ("Enter the address of the viewneo server, such as "
                                        "https://cloud.viewneo.com."));
}

static void
test_server_normalised (Fixture *f)
{
  g_autofree char *typed = NULL;
  g_autofree char *saved = NULL;

  /* White space, a capital scheme and a trailing slash: taken, and saved clean. */
  typed = g_strdup_printf ("  HTTP://127.0.0.1:%u/  ", fake_viewneo_get_port (f->fake));
  gtk_editable_set_text (view_child (f, "server_row"), typed);
  hardening_click (view_child (f, "token_button"));

  g_assert_cmpstr (sign_in_page (f), ==, "token");
  g_assert_false (gtk_widget_get_visible (view_child (f, "server_error_label")));
  saved = saved_server (f);
  g_assert_cmpstr (saved, ==, f->server);
}

/* ---- a pasted token ---- */

static void
test_token_blank (Fixture *f)
{
  hardening_click (view_child (f, "token_button"));

  gtk_editable_set_text (token_child (f, "token_row"), " \n\t ");
  g_assert_false (gtk_widget_get_sensitive (token_child (f, "sign_in_button")));
  gtk_editable_set_text (token_child (f, "token_row"), "x");
  g_assert_true (gtk_widget_get_sensitive (token_child (f, "sign_in_button")));
}

static void
test_token_bearer_alone (Fixture *f)
{
  GtkLabel *error_label;

  hardening_click (view_child (f, "token_button"));
  error_label = token_child (f, "error_label");

  /* "Bearer " copied without the token after it. */
  gtk_editable_set_text (token_child (f, "token_row"), "Bearer ");
  hardening_click (token_child (f, "sign_in_button"));

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), ==,
                   hardening_translate ("Paste the personal access token you generated in viewneo "
                                        "under Settings › API."));
  g_assert_false (mq_sign_in_view_get_busy (MQ_SIGN_IN_VIEW (f->view)));
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, NULL), ==, 0);
}

/* ---- the browser sign-in form ---- */

static void
assert_form_refused (Fixture    *f,
                     const char *client_id,
                     const char *client_secret,
                     const char *expected)
{
  GtkLabel *error_label = browser_child (f, "error_label");
  guint port = free_port ();

  g_settings_set_uint (f->settings, "redirect-port", port);
  hardening_click (view_child (f, "browser_button"));
  gtk_editable_set_text (browser_child (f, "client_id_row"), client_id);
  gtk_editable_set_text (browser_child (f, "client_secret_row"), client_secret);
  hardening_click (browser_child (f, "sign_in_button"));

  /* Said at once, on the form; no sign-in started, nothing sent, no port opened. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), ==, expected);
  g_assert_null (strstr (gtk_label_get_text (error_label), client_secret));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (browser_child (f, "state_stack")), ==, "form");
  g_assert_false (mq_sign_in_view_get_busy (MQ_SIGN_IN_VIEW (f->view)));
  mq_test_iterate_for (100);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, NULL), ==, 0);
  g_assert_true (port_refuses (port));
}

static void
test_client_id_with_space (Fixture *f)
{
  /* Copied across a line break of the page, or two fields at once. */
  assert_form_refused (f, "12 13", CLIENT_SECRET,
                       hardening_translate ("The Client ID cannot contain spaces or line breaks. "
                                            "Copy it again from Settings › API in viewneo."));
}

static void
test_client_secret_with_break (Fixture *f)
{
  assert_form_refused (f, CLIENT_ID, "inputs-client\nsecret",
                       hardening_translate ("The client secret cannot contain spaces or line breaks. "
                                            "Copy it again from Settings › API in viewneo."));
}

static void
test_client_fields_trimmed (Fixture *f)
{
  g_autofree char *redirect_uri = NULL;
  g_autofree char *link = NULL;
  guint port = free_port ();

  /* White space around both is dropped; the sign-in starts with the clean values. */
  g_settings_set_uint (f->settings, "redirect-port", port);
  redirect_uri = mq_loopback_redirect_uri (port);
  hardening_click (view_child (f, "browser_button"));
  gtk_editable_set_text (browser_child (f, "client_id_row"), "  " CLIENT_ID "\n");
  gtk_editable_set_text (browser_child (f, "client_secret_row"), "\t" CLIENT_SECRET "  ");
  hardening_click (browser_child (f, "sign_in_button"));

  g_assert_true (mq_sign_in_view_get_busy (MQ_SIGN_IN_VIEW (f->view)));
  hardening_wait_until (gtk_widget_get_visible (browser_child (f, "link_label")));
  link = g_strdup (gtk_label_get_text (browser_child (f, "link_label")));
  g_assert_nonnull (strstr (link, "client_id=" CLIENT_ID "&"));
  g_assert_false (port_refuses (port));

  hardening_click (browser_child (f, "cancel_button"));
  hardening_wait_until (port_refuses (port));
}

/* ---- Preferences ---- */

/* A dialog of its own window from libadwaita 1.5 on, a window before. */
static GtkWidget *
open_preferences (Fixture *f)
{
  GtkWidget *preferences = mq_preferences_window_new (f->settings);

  mq_dialog_present (preferences, NULL);
  return preferences;
}

static void
close_preferences (GtkWidget *preferences)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_force_close (ADW_DIALOG (preferences));
#else
  gtk_window_destroy (GTK_WINDOW (preferences));
#endif
}

#define preferences_child(w, name) hardening_child ((w), MQ_TYPE_PREFERENCES_WINDOW, name)

static void
test_preferences_server (Fixture *f)
{
  GtkWidget *preferences = open_preferences (f);
  GtkWidget *row = preferences_child (preferences, "server_row");
  g_autofree char *saved = NULL;

  /* Refused: marked, and the setting keeps the last good server. */
  gtk_editable_set_text (GTK_EDITABLE (row), "ftp://admin:hunter2@signage.example.com");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  saved = saved_server (f);
  g_assert_cmpstr (saved, ==, f->server);
  g_clear_pointer (&saved, g_free);

  /* Taken: normalised, saved, and shown as saved. */
  gtk_editable_set_text (GTK_EDITABLE (row), "  Signage.Example.COM/ ");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_signal_emit_by_name (row, "apply");
  saved = saved_server (f);
  g_assert_cmpstr (saved, ==, "https://signage.example.com");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "https://signage.example.com");

  close_preferences (preferences);
}

static void
test_preferences_port_range (Fixture *f)
{
  GtkWidget *preferences = open_preferences (f);
  GtkSpinButton *spin = preferences_child (preferences, "port_spin");
  AdwActionRow *redirect_row = preferences_child (preferences, "redirect_row");
  const struct {
    const char *typed;
    guint       port;
  } cases[] = {
    { "28000", 28000 },
    /* Below 1024 and above 65535: brought into the range. */
    { "80", 1024 },
    { "70000", 65535 },
    { "0", 1024 },
    /* Not a number: the last value stays. */
    { "http", 1024 },
    { "", 1024 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *expected = mq_loopback_redirect_uri (cases[i].port);

      g_test_message ("“%s”", cases[i].typed);
      gtk_editable_set_text (GTK_EDITABLE (spin), cases[i].typed);
      gtk_spin_button_update (spin);

      g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, cases[i].port);
      g_assert_cmpuint (g_settings_get_uint (f->settings, "redirect-port"), ==, cases[i].port);
      /* The Redirect URL to register follows. */
      g_assert_cmpstr (adw_action_row_get_subtitle (redirect_row), ==, expected);
    }

  close_preferences (preferences);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dirs = NULL;
  int status;

  hardening_use_translations ();
  g_test_init (&argc, &argv, NULL);

  /* No browser opens the link of a sign-in started here. Before anything reads them. */
  data_dirs = mq_test_data_dirs_without_apps ();
  g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);
  g_unsetenv ("GIO_USE_PORTALS");

#define ADD(path, body) \
  g_test_add ("/inputs/ui/" path, Fixture, (gconstpointer) body, fixture_set_up, run_test, fixture_tear_down)

  ADD ("server-credentials", test_server_credentials);
  ADD ("server-blank", test_server_blank);
  ADD ("server-normalised", test_server_normalised);
  ADD ("token-blank", test_token_blank);
  ADD ("token-bearer-alone", test_token_bearer_alone);
  ADD ("client-id-with-space", test_client_id_with_space);
  ADD ("client-secret-with-break", test_client_secret_with_break);
  ADD ("client-fields-trimmed", test_client_fields_trimmed);
  ADD ("preferences-server", test_preferences_server);
  ADD ("preferences-port-range", test_preferences_port_range);

#undef ADD

  status = g_test_run ();
  mq_test_remove_tree (data_dirs);

  return status;
}
