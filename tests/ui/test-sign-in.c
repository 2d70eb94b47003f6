/* test-sign-in.c: the welcome page, both ways to sign in, signing out and in again
 *
 * A real MqApplication and window under Xvfb, the fake viewneo on 127.0.0.1 in this
 * process, the session's throw-away keyring. The widgets are driven as a user would:
 * text typed into the rows, buttons clicked, the main context iterated until the
 * window shows the outcome.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "fake-viewneo.h"
#include "fake-viewneo-tls.h"
#include "mq-account.h"
#include "mq-api-error.h"
#include "mq-application.h"
#include "mq-browser-sign-in-page.h"
#include "mq-loopback-receiver.h"
#include "mq-playlist-detail.h"
#include "mq-playlists-view.h"
#include "mq-preferences-window.h"
#include "mq-screen-group-item.h"
#include "mq-screens-view.h"
#include "mq-sign-in-page.h"
#include "mq-sign-in-view.h"
#include "mq-test-async.h"
#include "mq-test-files.h"
#include "mq-test-viewneo.h"
#include "mq-token-sign-in-page.h"
#include "mq-token-store.h"
#include "mq-token.h"
#include "mq-ui-utils.h"
#include "mq-window.h"

#define WAIT_SECONDS 20
#define VALID_TOKEN "demo-token-for-the-ui-tests"
#define USER_ID 42
#define USER_NAME "Demo Signage GmbH"
#define CLIENT_ID "demo-client"
#define CLIENT_SECRET "demo-secret"

static gboolean have_display;

/* Iterates the main context until @cond holds, and fails the test if it does not within
 * WAIT_SECONDS. */
#define wait_until(cond) mq_test_wait_until_within (cond, WAIT_SECONDS)

typedef struct _Fixture Fixture;
typedef void (*TestBody) (Fixture *f);

struct _Fixture
{
  FakeViewneo   *fake;
  char          *server;
  GSettings     *settings;
  MqTokenStore  *store;
  MqApplication *app;
  MqWindow      *window;
  GtkWidget     *sign_in_view;
  TestBody       body;
  gboolean       body_done;
};

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

#define window_child(f, name) child ((f)->window, MQ_TYPE_WINDOW, name)
#define view_child(f, name) child ((f)->sign_in_view, MQ_TYPE_SIGN_IN_VIEW, name)
#define browser_child(f, name) child (view_child (f, "browser_page"), MQ_TYPE_BROWSER_SIGN_IN_PAGE, name)
#define token_child(f, name) child (view_child (f, "token_page"), MQ_TYPE_TOKEN_SIGN_IN_PAGE, name)

static const char *
main_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (window_child (f, "main_stack"));
}

static const char *
sign_in_page (Fixture *f)
{
  return adw_leaflet_get_visible_child_name (view_child (f, "leaflet"));
}

static void
type_text (gpointer    editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static void
click (gpointer button)
{
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static guint
find_free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
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

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!have_display)
    return;

  f->fake = fake_viewneo_new ();
  fake_viewneo_generate (f->fake, 25, 7);
  fake_viewneo_set_user (f->fake, USER_ID, USER_NAME, "demo@example.com");
  fake_viewneo_add_token (f->fake, VALID_TOKEN);
  f->server = mq_test_viewneo_listen (f->fake);

  /* The memory backend lives as long as the process: each test starts from defaults. */
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "accounts");
  g_settings_reset (f->settings, "current-account");
  g_settings_reset (f->settings, "redirect-port");
  g_settings_reset (f->settings, "window-width");
  g_settings_reset (f->settings, "window-height");
  g_settings_reset (f->settings, "window-maximized");
  g_settings_set_string (f->settings, "server", f->server);

  f->store = mq_token_store_new ();
  f->app = mq_application_new (G_APPLICATION_NON_UNIQUE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (!have_display)
    return;

  /* Nothing may keep the application alive: it would stay exported on the bus. */
  g_object_add_weak_pointer (G_OBJECT (f->app), (gpointer *) &f->app);
  g_object_unref (f->app);
  wait_until (f->app == NULL);

  g_clear_object (&f->store);
  g_clear_object (&f->settings);
  mq_test_viewneo_stop (&f->fake);
  g_clear_pointer (&f->server, g_free);
}

static gboolean
run_body_cb (gpointer user_data)
{
  Fixture *f = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (f->app));
  GListModel *toplevels;

  g_assert_true (MQ_IS_WINDOW (window));
  f->window = MQ_WINDOW (window);
  f->sign_in_view = window_child (f, "sign_in_view");

  f->body (f);
  f->body_done = TRUE;

  toplevels = gtk_window_get_toplevels ();
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, 0);

      /* A text field destroyed with the focus still blinks its cursor (GTK warns). */
      gtk_window_set_focus (toplevel, NULL);
      gtk_window_destroy (toplevel);
    }

  g_application_release (G_APPLICATION (f->app));
  g_application_quit (G_APPLICATION (f->app));

  return G_SOURCE_REMOVE;
}

static void
activated_cb (GApplication *app,
              Fixture      *f)
{
  /* Once the window is up, as a user would find it. */
  if (f->body_done || f->window != NULL)
    return;

  g_application_hold (app);
  g_idle_add (run_body_cb, f);
}

/* Runs the test's body in the running application, which g_application_run() starts and
 * shuts down as for the real program. */
static void
run_test (Fixture       *f,
          gconstpointer  data)
{
  if (!have_display)
    {
      g_test_skip ("No display");
      return;
    }

  f->body = (TestBody) data;
  g_signal_connect_after (f->app, "activate", G_CALLBACK (activated_cb), f);
  g_assert_cmpint (g_application_run (G_APPLICATION (f->app), 0, NULL), ==, 0);
  g_assert_true (f->body_done);
}


/* ---- the keyring, as the test sees it ---- */

typedef struct
{
  gboolean  done;
  char     *secret;
  GError   *error;
} Lookup;

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lookup *lookup = user_data;

  lookup->secret = mq_token_store_lookup_finish (MQ_TOKEN_STORE (object), result, &lookup->error);
  lookup->done = TRUE;
}

static char *
keyring_lookup (Fixture      *f,
                const char   *account_id,
                MqSecretKind  kind)
{
  Lookup lookup = { FALSE, NULL, NULL };

  mq_token_store_lookup_async (f->store, f->server, account_id, kind, NULL, looked_up_cb, &lookup);
  wait_until (lookup.done);
  g_assert_no_error (lookup.error);

  return lookup.secret;
}

static char *
keyring_access_token (Fixture    *f,
                      const char *account_id)
{
  g_autofree char *secret = keyring_lookup (f, account_id, MQ_SECRET_KIND_TOKEN);
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;

  if (secret == NULL)
    return NULL;

  token = mq_token_new_from_secret (secret, &error);
  g_assert_no_error (error);

  return g_strdup (mq_token_get_access_token (token));
}

/* The id the account of the fake's user on this server gets. */
static char *
expected_account_id (Fixture     *f,
                     MqTokenKind  kind)
{
  g_autoptr(MqAccount) account = mq_account_new (f->server, USER_ID, USER_NAME, kind,
                                                 kind == MQ_TOKEN_KIND_OAUTH ? CLIENT_ID : NULL);

  return g_strdup (mq_account_get_id (account));
}

static gsize
n_saved_accounts (Fixture *f)
{
  g_autoptr(GVariant) accounts = g_settings_get_value (f->settings, "accounts");

  return g_variant_n_children (accounts);
}

static void
assert_saved_account (Fixture    *f,
                      const char *kind,
                      const char *client_id)
{
  g_autoptr(GVariant) accounts = g_settings_get_value (f->settings, "accounts");
  g_autofree char *current = g_settings_get_string (f->settings, "current-account");
  const char *server, *name, *saved_kind, *saved_client_id;
  gint64 user_id;

  g_assert_cmpuint (g_variant_n_children (accounts), ==, 1);
  g_variant_get_child (accounts, 0, "(&sx&s&s&s)", &server, &user_id, &name, &saved_kind,
                       &saved_client_id);
  g_assert_cmpstr (server, ==, f->server);
  g_assert_cmpint (user_id, ==, USER_ID);
  g_assert_cmpstr (name, ==, USER_NAME);
  g_assert_cmpstr (saved_kind, ==, kind);
  g_assert_cmpstr (saved_client_id, ==, client_id);
  g_assert_cmpstr (current, !=, "");
}

/* ---- steps ---- */

static void
sign_in_with_token (Fixture    *f,
                    const char *token)
{
  click (view_child (f, "token_button"));
  g_assert_cmpstr (sign_in_page (f), ==, "token");

  type_text (token_child (f, "token_row"), token);
  click (token_child (f, "sign_in_button"));
}

static void
fill_browser_form (Fixture *f)
{
  GtkWidget *sign_in_button;

  click (view_child (f, "browser_button"));
  g_assert_cmpstr (sign_in_page (f), ==, "browser");

  /* Sign In needs both fields. */
  sign_in_button = browser_child (f, "sign_in_button");
  g_assert_false (gtk_widget_get_sensitive (sign_in_button));
  type_text (browser_child (f, "client_id_row"), CLIENT_ID);
  g_assert_false (gtk_widget_get_sensitive (sign_in_button));
  type_text (browser_child (f, "client_secret_row"), "   ");
  g_assert_false (gtk_widget_get_sensitive (sign_in_button));
  type_text (browser_child (f, "client_secret_row"), CLIENT_SECRET);
  g_assert_true (gtk_widget_get_sensitive (sign_in_button));
}

/* ---- tests ---- */

static void
test_welcome_without_account (Fixture *f)
{
  g_assert_cmpstr (main_page (f), ==, "sign-in");
  g_assert_cmpstr (sign_in_page (f), ==, "welcome");
  g_assert_cmpstr (adw_status_page_get_title (view_child (f, "welcome_page")), ==, "Welcome to Marquee");
  g_assert_true (gtk_widget_get_visible (view_child (f, "browser_button")));
  g_assert_true (gtk_widget_get_visible (view_child (f, "token_button")));
  /* Nothing to go back to. */
  g_assert_false (gtk_widget_get_visible (view_child (f, "cancel_button")));
  /* The server under Advanced is the one from the settings. */
  g_assert_cmpstr (gtk_editable_get_text (view_child (f, "server_row")), ==, f->server);
  g_assert_false (gtk_widget_get_visible (view_child (f, "server_error_label")));
  g_assert_null (mq_application_get_current_account (f->app));
}

static void
test_token_sign_in (Fixture *f)
{
  g_autofree char *account_id = NULL;
  g_autofree char *stored = NULL;
  MqAccount *current;
  MqSession *shown;

  /* Pasted with the white space and "Bearer " a copy from a terminal may carry. */
  sign_in_with_token (f, "  Bearer " VALID_TOKEN "\n");
  wait_until (g_strcmp0 (main_page (f), "playlists") == 0);

  current = mq_application_get_current_account (f->app);
  g_assert_nonnull (current);
  g_assert_cmpstr (mq_account_get_display_name (current), ==, USER_NAME);
  g_assert_cmpint (mq_account_get_kind (current), ==, MQ_TOKEN_KIND_PERSONAL);
  account_id = expected_account_id (f, MQ_TOKEN_KIND_PERSONAL);
  g_assert_cmpstr (mq_account_get_id (current), ==, account_id);

  assert_saved_account (f, "token", "");
  stored = keyring_access_token (f, account_id);
  g_assert_cmpstr (stored, ==, VALID_TOKEN);

  /* The playlists view shows that account. */
  shown = mq_playlists_view_get_session (window_child (f, "playlists_view"));
  g_assert_nonnull (shown);
  g_assert_cmpstr (mq_account_get_id (mq_session_get_account (shown)), ==, account_id);

  /* The token page keeps nothing of the token. */
  g_assert_cmpstr (gtk_editable_get_text (token_child (f, "token_row")), ==, "");
}

static void
count_notify (guint      *count,
              GParamSpec *pspec,
              gpointer    object)
{
  (*count)++;
}

static void
test_token_invalid (Fixture *f)
{
  g_autofree char *account_id = expected_account_id (f, MQ_TOKEN_KIND_PERSONAL);
  g_autofree char *stored = NULL;
  GtkLabel *error_label;
  MqSignInPage *page;
  guint busy_notifies = 0;
  guint api_requests;

  error_label = token_child (f, "error_label");

  /* Not a token at all: refused before any request. */
  api_requests = fake_viewneo_get_request_count (f->fake, "/api");
  sign_in_with_token (f, "two words");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), !=, "");
  g_assert_null (strstr (gtk_label_get_text (error_label), "two words"));
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api"), ==, api_requests);

  /* A token viewneo does not know: the page is busy while it is checked (as an
   * MqSignInPage tells the view), then not. */
  page = MQ_SIGN_IN_PAGE (view_child (f, "token_page"));
  g_signal_connect_swapped (page, "notify::busy", G_CALLBACK (count_notify), &busy_notifies);
  type_text (token_child (f, "token_row"), "revoked-or-mistyped-token");
  click (token_child (f, "sign_in_button"));
  g_assert_true (mq_sign_in_page_get_busy (page));
  wait_until (!mq_sign_in_view_get_busy (MQ_SIGN_IN_VIEW (f->sign_in_view)));
  g_assert_false (mq_sign_in_page_get_busy (page));
  g_assert_cmpuint (busy_notifies, ==, 2);
  g_signal_handlers_disconnect_by_func (page, count_notify, &busy_notifies);

  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/user"), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), ==,
                   "viewneo did not accept this token. Check that you pasted all of it, "
                   "and that it has not been deleted in viewneo under Settings › API.");
  g_assert_null (strstr (gtk_label_get_text (error_label), "revoked-or-mistyped-token"));

  /* Still on the token page, with nothing stored anywhere. */
  g_assert_cmpstr (main_page (f), ==, "sign-in");
  g_assert_cmpstr (sign_in_page (f), ==, "token");
  g_assert_cmpuint (n_saved_accounts (f), ==, 0);
  g_assert_null (mq_application_get_current_account (f->app));
  stored = keyring_lookup (f, account_id, MQ_SECRET_KIND_TOKEN);
  g_assert_null (stored);

  /* The page takes a good token after a bad one. */
  type_text (token_child (f, "token_row"), VALID_TOKEN);
  click (token_child (f, "sign_in_button"));
  wait_until (g_strcmp0 (main_page (f), "playlists") == 0);
  g_assert_cmpuint (n_saved_accounts (f), ==, 1);
}

/* A 200 with an empty body to GET /user: the page shows what happened and takes input
 * again, instead of checking the token for ever. */
static void
test_token_empty_answer (Fixture *f)
{
  MqSignInPage *page = MQ_SIGN_IN_PAGE (view_child (f, "token_page"));
  GtkLabel *error_label = token_child (f, "error_label");

  fake_viewneo_add_answer (f->fake, "/api/v1.0/user", SOUP_STATUS_OK, "application/json", "", 1);
  sign_in_with_token (f, VALID_TOKEN);
  wait_until (!mq_sign_in_page_get_busy (page));

  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/user"), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), ==,
                   "127.0.0.1 sent an empty response. Try again later.");
  g_assert_cmpstr (main_page (f), ==, "sign-in");
  g_assert_cmpstr (sign_in_page (f), ==, "token");
  g_assert_cmpuint (n_saved_accounts (f), ==, 0);

  /* Asked again, the server answers properly and the token signs in. */
  type_text (token_child (f, "token_row"), VALID_TOKEN);
  click (token_child (f, "sign_in_button"));
  wait_until (g_strcmp0 (main_page (f), "playlists") == 0);
}

/* viewneo is https only: a token sign-in against a server whose certificate the app
 * trusts (a CA made for the test) gets to the playlists; one it does not trust shows
 * the TLS message, and no request reaches the server. */
static void
test_token_https (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FakeTestCa) ca = fake_test_ca_new (&error);
  g_autoptr(FakeTestCa) other_ca = fake_test_ca_new (&error);
  g_autofree char *url = NULL;
  MqSignInPage *page = MQ_SIGN_IN_PAGE (view_child (f, "token_page"));
  GtkLabel *error_label = token_child (f, "error_label");
  MqSession *shown;

  g_assert_no_error (error);
  fake_viewneo_shutdown (f->fake);
  fake_viewneo_listen_tls (f->fake, 0, fake_test_ca_get_server_certificate (ca), &error);
  g_assert_no_error (error);
  url = fake_viewneo_get_url (f->fake);
  g_assert_true (g_str_has_prefix (url, "https://127.0.0.1:"));
  type_text (view_child (f, "server_row"), url);

  g_object_set (f->app, "tls-database", fake_test_ca_get_database (other_ca), NULL);
  sign_in_with_token (f, VALID_TOKEN);
  wait_until (!mq_sign_in_page_get_busy (page));
  g_assert_cmpstr (gtk_label_get_text (error_label), ==,
                   "The certificate of 127.0.0.1 is not trusted, so Marquee did not connect. "
                   "Check the server address and the date and time of this computer.");
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, NULL), ==, 0);
  g_assert_cmpstr (main_page (f), ==, "sign-in");

  g_object_set (f->app, "tls-database", fake_test_ca_get_database (ca), NULL);
  type_text (token_child (f, "token_row"), VALID_TOKEN);
  click (token_child (f, "sign_in_button"));
  wait_until (g_strcmp0 (main_page (f), "playlists") == 0);
  g_assert_cmpstr (mq_account_get_server (mq_application_get_current_account (f->app)), ==, url);

  /* The playlists came over https too. */
  shown = mq_playlists_view_get_session (window_child (f, "playlists_view"));
  g_assert_nonnull (shown);
  wait_until (fake_viewneo_get_request_count (f->fake, "/api/v1.0/playlist") > 0 &&
              g_list_model_get_n_items (mq_playlists_view_get_shown (window_child (f, "playlists_view"))) == 25);
}

static void
test_insecure_server_refused (Fixture *f)
{
  g_autoptr(GError) expected = NULL;
  g_autofree char *normalized = NULL;
  GtkLabel *error_label;

  error_label = view_child (f, "server_error_label");
  normalized = mq_server_url_normalize ("http://signage.example.com", &expected);
  g_assert_null (normalized);
  g_assert_error (expected, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER);

  type_text (view_child (f, "server_row"), "http://signage.example.com");
  click (view_child (f, "token_button"));

  /* Refused inline, on the welcome page, with Advanced open to show why. */
  g_assert_cmpstr (sign_in_page (f), ==, "welcome");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), ==, expected->message);
  g_assert_true (adw_expander_row_get_expanded (view_child (f, "advanced_row")));
  g_assert_true (gtk_widget_has_css_class (view_child (f, "server_row"), "error"));

  click (view_child (f, "browser_button"));
  g_assert_cmpstr (sign_in_page (f), ==, "welcome");

  /* Editing clears the complaint; the setting kept the last usable server. */
  type_text (view_child (f, "server_row"), "https://signage.example.com");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_false (gtk_widget_has_css_class (view_child (f, "server_row"), "error"));
  {
    g_autofree char *saved = g_settings_get_string (f->settings, "server");
    g_assert_cmpstr (saved, ==, f->server);
  }

  /* http:// to a loopback address is fine. */
  type_text (view_child (f, "server_row"), f->server);
  click (view_child (f, "token_button"));
  g_assert_cmpstr (sign_in_page (f), ==, "token");
}

typedef struct
{
  gboolean  done;
  guint     status;
  GError   *error;
} Fetch;

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GBytes) body = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &fetch->error);
  fetch->status = soup_message_get_status (soup_session_get_async_result_message (SOUP_SESSION (object),
                                                                                  result));
  fetch->done = TRUE;
}

static void
test_browser_sign_in_without_browser (Fixture *f)
{
  g_autoptr(SoupSession) browser = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autofree char *authorize_prefix = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *stored_token = NULL;
  g_autofree char *stored_secret = NULL;
  g_autofree char *link = NULL;
  Fetch fetch = { FALSE, 0, NULL };
  GtkLabel *link_label;
  guint port;

  port = find_free_port ();
  g_settings_set_uint (f->settings, "redirect-port", port);
  redirect_uri = mq_loopback_redirect_uri (port);
  fake_viewneo_add_client (f->fake, CLIENT_ID, CLIENT_SECRET, redirect_uri);
  fake_viewneo_set_auto_consent (f->fake, TRUE, FALSE);

  fill_browser_form (f);

  /* The exact Redirect URL to register is on the page. */
  g_assert_cmpstr (adw_preferences_row_get_title (browser_child (f, "redirect_row")), ==, redirect_uri);

  click (browser_child (f, "sign_in_button"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (browser_child (f, "state_stack")), ==, "waiting");
  g_assert_true (mq_sign_in_view_get_busy (MQ_SIGN_IN_VIEW (f->sign_in_view)));

  /* No browser here (XDG_DATA_DIRS is empty): the link is shown, and it still waits. */
  link_label = browser_child (f, "link_label");
  wait_until (gtk_widget_get_visible (GTK_WIDGET (link_label)));
  g_assert_true (gtk_label_get_selectable (link_label));
  g_assert_true (gtk_widget_get_visible (browser_child (f, "copy_link_button")));
  g_assert_true (gtk_widget_get_visible (browser_child (f, "cancel_button")));
  g_assert_true (mq_sign_in_view_get_busy (MQ_SIGN_IN_VIEW (f->sign_in_view)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (browser_child (f, "state_stack")), ==, "waiting");

  link = g_strdup (gtk_label_get_text (link_label));
  authorize_prefix = g_strconcat (f->server, "/oauth/authorize?", NULL);
  g_assert_true (g_str_has_prefix (link, authorize_prefix));
  g_assert_nonnull (strstr (link, "client_id=" CLIENT_ID));
  g_assert_nonnull (strstr (link, "code_challenge_method=S256"));
  /* The secret never leaves for the browser. */
  g_assert_null (strstr (link, CLIENT_SECRET));

  /* Minutes may pass before someone opens the link: still waiting. */
  mq_test_iterate_for (300);
  g_assert_true (mq_sign_in_view_get_busy (MQ_SIGN_IN_VIEW (f->sign_in_view)));

  /* Someone opens it: viewneo approves and redirects to the loopback callback. */
  browser = soup_session_new ();
  message = soup_message_new (SOUP_METHOD_GET, link);
  soup_session_send_and_read_async (browser, message, G_PRIORITY_DEFAULT, NULL, fetched_cb, &fetch);
  wait_until (fetch.done);
  g_assert_no_error (fetch.error);
  g_assert_cmpuint (fetch.status, ==, SOUP_STATUS_OK);

  wait_until (g_strcmp0 (main_page (f), "playlists") == 0);
  g_assert_false (mq_sign_in_view_get_busy (MQ_SIGN_IN_VIEW (f->sign_in_view)));
  g_assert_cmpuint (fake_viewneo_get_token_grants (f->fake, "authorization_code"), ==, 1);

  assert_saved_account (f, "oauth", CLIENT_ID);
  account_id = expected_account_id (f, MQ_TOKEN_KIND_OAUTH);
  g_assert_cmpstr (mq_account_get_id (mq_application_get_current_account (f->app)), ==, account_id);

  stored_token = keyring_access_token (f, account_id);
  g_assert_nonnull (stored_token);
  g_assert_cmpstr (stored_token, !=, "");
  stored_secret = keyring_lookup (f, account_id, MQ_SECRET_KIND_CLIENT_SECRET);
  g_assert_cmpstr (stored_secret, ==, CLIENT_SECRET);
}

/* Whether nothing listens on 127.0.0.1:@port (a listener keeps a bind failing even with
 * SO_REUSEADDR). */
static gboolean
port_is_free (guint port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocket) probe = NULL;

  probe = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_assert_nonnull (probe);

  return g_socket_bind (probe, address, TRUE, NULL);
}

static void
test_browser_sign_in_cancel (Fixture *f)
{
  g_autofree char *redirect_uri = NULL;
  guint port;

  port = find_free_port ();
  g_settings_set_uint (f->settings, "redirect-port", port);
  redirect_uri = mq_loopback_redirect_uri (port);
  fake_viewneo_add_client (f->fake, CLIENT_ID, CLIENT_SECRET, redirect_uri);

  fill_browser_form (f);
  click (browser_child (f, "sign_in_button"));
  wait_until (gtk_widget_get_visible (browser_child (f, "link_label")));
  g_assert_false (port_is_free (port));

  click (browser_child (f, "cancel_button"));
  g_assert_false (mq_sign_in_view_get_busy (MQ_SIGN_IN_VIEW (f->sign_in_view)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (browser_child (f, "state_stack")), ==, "form");
  g_assert_false (gtk_widget_get_visible (browser_child (f, "error_label")));

  /* The attempt winds down and frees the port; nothing was stored. */
  wait_until (port_is_free (port));
  g_assert_cmpuint (n_saved_accounts (f), ==, 0);

  /* Back on the welcome page and in again: a fresh form. */
  click (browser_child (f, "back_button"));
  g_assert_cmpstr (sign_in_page (f), ==, "welcome");
  click (view_child (f, "browser_button"));
  g_assert_cmpstr (gtk_editable_get_text (browser_child (f, "client_id_row")), ==, "");
}

static void
test_browser_port_busy (Fixture *f)
{
  g_autoptr(GSocketListener) squatter = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  GtkLabel *error_label;
  guint port;

  /* Another program holds the redirect port. */
  port = find_free_port ();
  address = g_inet_socket_address_new (loopback, port);
  g_socket_listener_add_address (squatter, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, NULL, &error);
  g_assert_no_error (error);
  g_settings_set_uint (f->settings, "redirect-port", port);

  fill_browser_form (f);
  click (browser_child (f, "sign_in_button"));

  error_label = browser_child (f, "error_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  expected = g_strdup_printf ("Port %u is in use by another program, so Marquee cannot receive viewneo’s answer. "
                              "Close that program and try again, or choose another port in Preferences "
                              "and register the new Redirect URL for your client in viewneo.",
                              port);
  g_assert_cmpstr (gtk_label_get_text (error_label), ==, expected);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (browser_child (f, "state_stack")), ==, "form");
  g_assert_false (mq_sign_in_view_get_busy (MQ_SIGN_IN_VIEW (f->sign_in_view)));
  /* The form keeps what was typed, for another try. */
  g_assert_cmpstr (gtk_editable_get_text (browser_child (f, "client_id_row")), ==, CLIENT_ID);
  g_assert_true (gtk_widget_get_sensitive (browser_child (f, "sign_in_button")));
}

/* The dialog of @type shown over the window: from libadwaita 1.5 on an AdwDialog inside
 * it, before that (and for any window type) a window of its own, transient for it. */
static GtkWidget *
find_dialog (Fixture *f,
             GType    type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

#if ADW_CHECK_VERSION (1, 5, 0)
  if (!g_type_is_a (type, GTK_TYPE_WINDOW))
    {
      AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window));

      return G_TYPE_CHECK_INSTANCE_TYPE (dialog, type) ? GTK_WIDGET (dialog) : NULL;
    }
#endif

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (f->window))
        return GTK_WIDGET (window);
    }

  return NULL;
}

#if ADW_CHECK_VERSION (1, 5, 0)
#define ALERT_TYPE ADW_TYPE_ALERT_DIALOG
#define ABOUT_TYPE ADW_TYPE_ABOUT_DIALOG
#define PREFERENCES_TYPE ADW_TYPE_PREFERENCES_DIALOG
#else
#define ALERT_TYPE ADW_TYPE_MESSAGE_DIALOG
#define ABOUT_TYPE ADW_TYPE_ABOUT_WINDOW
#define PREFERENCES_TYPE ADW_TYPE_PREFERENCES_WINDOW
#endif

/* The button with @label (its mnemonic) that the user sees in @widget, if any. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = find_button (child, label);

      if (button != NULL)
        return button;
    }

  return NULL;
}

/* Answers the alert over the window as a user would, by its button, and waits until it
 * has gone. */
static void
answer_alert (Fixture    *f,
              const char *button_label)
{
  GtkWidget *alert = NULL;
  GtkWidget *button = NULL;

  wait_until ((alert = find_dialog (f, ALERT_TYPE)) != NULL &&
              (button = find_button (alert, button_label)) != NULL);
  click (button);
  wait_until (find_dialog (f, ALERT_TYPE) == NULL);
}

static void
test_sign_out (Fixture *f)
{
  g_autofree char *account_id = expected_account_id (f, MQ_TOKEN_KIND_PERSONAL);
  g_autofree char *stored = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *alert;

  sign_in_with_token (f, VALID_TOKEN);
  wait_until (g_strcmp0 (main_page (f), "playlists") == 0);

  /* The question names the account and says what signing out does not do. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "sign-out", g_variant_new_string (account_id));
  wait_until ((alert = find_dialog (f, ALERT_TYPE)) != NULL);
  g_object_get (alert, "heading", &heading, "body", &body, NULL);
  g_assert_cmpstr (heading, ==, "Sign Out?");
  g_assert_nonnull (strstr (body, USER_NAME " (127.0.0.1:"));
  g_assert_nonnull (strstr (body, "Settings › API"));

  /* Cancel keeps everything. */
  answer_alert (f, "_Cancel");
  mq_test_iterate_for (100);
  g_assert_cmpuint (n_saved_accounts (f), ==, 1);
  g_assert_cmpstr (main_page (f), ==, "playlists");

  /* Sign Out removes the account, its token and its cached list. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "sign-out", g_variant_new_string (account_id));
  answer_alert (f, "_Sign Out");

  wait_until (n_saved_accounts (f) == 0);
  wait_until (g_strcmp0 (main_page (f), "sign-in") == 0);
  g_assert_null (mq_application_get_current_account (f->app));
  g_assert_cmpstr (sign_in_page (f), ==, "welcome");
  g_assert_cmpstr (adw_status_page_get_title (view_child (f, "welcome_page")), ==, "Welcome to Marquee");
  g_assert_null (mq_playlists_view_get_session (window_child (f, "playlists_view")));

  stored = keyring_lookup (f, account_id, MQ_SECRET_KIND_TOKEN);
  g_assert_null (stored);
}

static void
test_sign_in_again_after_end (Fixture *f)
{
  g_autoptr(GError) why = g_error_new_literal (MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED, "Unauthenticated.");
  g_autofree char *account_id = expected_account_id (f, MQ_TOKEN_KIND_PERSONAL);
  g_autofree char *label = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *stored = NULL;
  MqAccount *account;
  GtkLabel *reason_label;

  /* A mistyped token first: the error puts the focus back into the token field. */
  sign_in_with_token (f, "mistyped");
  wait_until (gtk_widget_get_visible (token_child (f, "error_label")));
  type_text (token_child (f, "token_row"), VALID_TOKEN);
  click (token_child (f, "sign_in_button"));
  wait_until (g_strcmp0 (main_page (f), "playlists") == 0);
  account = mq_application_get_current_account (f->app);

  /* viewneo refuses the token for good. */
  fake_viewneo_add_token (f->fake, "the-new-token");
  g_signal_emit_by_name (mq_accounts_get_session (mq_application_get_accounts (f->app), account), "sign-in-required", why);

  g_assert_cmpstr (main_page (f), ==, "sign-in");
  g_assert_cmpstr (sign_in_page (f), ==, "token");
  reason_label = token_child (f, "reason_label");
  label = mq_account_dup_label (account);
  expected = g_strdup_printf ("Your sign-in to %s has ended. Sign in again to see its playlists.", label);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (reason_label)));
  g_assert_cmpstr (gtk_label_get_text (reason_label), ==, expected);
  g_assert_false (gtk_widget_get_visible (token_child (f, "error_label")));
  g_assert_cmpstr (gtk_editable_get_text (token_child (f, "token_row")), ==, "");

  type_text (token_child (f, "token_row"), "the-new-token");
  click (token_child (f, "sign_in_button"));
  wait_until (g_strcmp0 (main_page (f), "playlists") == 0);

  /* The same account, with the new token. */
  g_assert_cmpuint (n_saved_accounts (f), ==, 1);
  g_assert_true (mq_application_get_current_account (f->app) == account);
  stored = keyring_access_token (f, account_id);
  g_assert_cmpstr (stored, ==, "the-new-token");
}

static void
test_add_account_cancel (Fixture *f)
{
  sign_in_with_token (f, VALID_TOKEN);
  wait_until (g_strcmp0 (main_page (f), "playlists") == 0);

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "sign-in", g_variant_new_string (""));
  g_assert_cmpstr (main_page (f), ==, "sign-in");
  g_assert_cmpstr (sign_in_page (f), ==, "welcome");
  g_assert_cmpstr (adw_status_page_get_title (view_child (f, "welcome_page")), ==, "Add an Account");

  click (view_child (f, "cancel_button"));
  wait_until (g_strcmp0 (main_page (f), "playlists") == 0);
  g_assert_cmpuint (n_saved_accounts (f), ==, 1);
}

static void
test_account_menu (Fixture *f)
{
  GMenuModel *menu;
  GMenuModel *accounts;
  GMenuModel *actions;
  g_autofree char *label = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GVariant) state = NULL;

  sign_in_with_token (f, VALID_TOKEN);
  wait_until (g_strcmp0 (main_page (f), "playlists") == 0);

  menu = mq_application_get_account_menu (f->app);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  accounts = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  actions = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);

  /* One radio item per account, for app.switch-account. */
  g_assert_cmpint (g_menu_model_get_n_items (accounts), ==, 1);
  g_assert_true (g_menu_model_get_item_attribute (accounts, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_true (g_str_has_prefix (label, USER_NAME " ("));
  g_assert_true (g_menu_model_get_item_attribute (accounts, 0, G_MENU_ATTRIBUTE_TARGET, "s", &target));
  g_assert_cmpstr (target, ==, mq_account_get_id (mq_application_get_current_account (f->app)));
  state = g_action_group_get_action_state (G_ACTION_GROUP (f->app), "switch-account");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, target);

  /* "Add Account…" and "Sign Out…" */
  g_assert_cmpint (g_menu_model_get_n_items (actions), ==, 2);

  g_object_unref (accounts);
  g_object_unref (actions);
}

static MqAccount *
shown_account (Fixture *f)
{
  MqSession *session = mq_playlists_view_get_session (window_child (f, "playlists_view"));

  return session != NULL ? mq_session_get_account (session) : NULL;
}

typedef struct
{
  gboolean   done;
  MqAccount *account;
  GError    *error;
} SignInResult;

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SignInResult *sign_in = user_data;

  sign_in->account = mq_accounts_sign_in_finish (MQ_ACCOUNTS (object), result, &sign_in->error);
  sign_in->done = TRUE;
}

/* Signs in as the browser sign-in does once it has the token (NULL @client_id: with a
 * personal token), and returns the account. A sign-in that hangs fails the test. */
static MqAccount *
sign_in_directly (Fixture    *f,
                  MqToken    *token,
                  const char *client_id,
                  const char *client_secret)
{
  SignInResult sign_in = { FALSE, NULL, NULL };

  mq_accounts_sign_in_async (mq_application_get_accounts (f->app), f->server, token,
                             client_id, client_secret, NULL, signed_in_cb, &sign_in);
  wait_until (sign_in.done);
  g_assert_no_error (sign_in.error);
  g_assert_nonnull (sign_in.account);

  return sign_in.account;
}

/* A token like the fake's answer to the browser sign-in. */
static MqToken *
oauth_token (Fixture    *f,
             const char *access_token)
{
  g_autoptr(JsonObject) response = json_object_new ();
  g_autoptr(GError) error = NULL;
  MqToken *token;

  json_object_set_string_member (response, "access_token", access_token);
  json_object_set_string_member (response, "refresh_token", "refresh-for-the-ui-tests");
  json_object_set_string_member (response, "token_type", "Bearer");
  json_object_set_int_member (response, "expires_in", 1296000);
  token = mq_token_new_from_oauth_response (response, g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  fake_viewneo_add_token (f->fake, access_token);

  return token;
}

/* The account as the application, its session and the saved list know it. */
static void
assert_signed_in_as (Fixture     *f,
                     MqAccount   *account,
                     MqTokenKind  kind,
                     const char  *client_id)
{
  g_autofree char *account_id = expected_account_id (f, MQ_TOKEN_KIND_PERSONAL);
  MqAccount *current = mq_application_get_current_account (f->app);
  MqAccount *served = mq_session_get_account (mq_accounts_get_session (mq_application_get_accounts (f->app), current));

  /* The same account all along: still shown, not switched away from. */
  g_assert_true (current == account);
  g_assert_cmpstr (mq_account_get_id (current), ==, account_id);
  g_assert_cmpint (mq_account_get_kind (current), ==, kind);
  g_assert_cmpstr (mq_account_get_client_id (current), ==, client_id);
  /* The session refreshes with the account's kind and client. */
  g_assert_cmpint (mq_account_get_kind (served), ==, kind);
  g_assert_cmpstr (mq_account_get_client_id (served), ==, client_id);
  assert_saved_account (f, kind == MQ_TOKEN_KIND_OAUTH ? "oauth" : "token", client_id != NULL ? client_id : "");
  wait_until (shown_account (f) == current);
  g_assert_cmpstr (main_page (f), ==, "playlists");
}

/* Signing in through the browser to an account signed in with a token (and back): got
 * stuck on "Signing In…" with a critical, the session only taking its old kind. */
static void
test_sign_in_again_other_kind (Fixture *f)
{
  g_autofree char *account_id = expected_account_id (f, MQ_TOKEN_KIND_PERSONAL);
  g_autoptr(MqToken) oauth = oauth_token (f, "oauth-access-for-the-ui-tests");
  g_autoptr(MqToken) personal = NULL;
  g_autoptr(MqAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *secret = NULL;

  sign_in_with_token (f, VALID_TOKEN);
  wait_until (g_strcmp0 (main_page (f), "playlists") == 0);

  account = sign_in_directly (f, oauth, CLIENT_ID, CLIENT_SECRET);
  assert_signed_in_as (f, account, MQ_TOKEN_KIND_OAUTH, CLIENT_ID);
  stored = keyring_access_token (f, account_id);
  g_assert_cmpstr (stored, ==, "oauth-access-for-the-ui-tests");
  secret = keyring_lookup (f, account_id, MQ_SECRET_KIND_CLIENT_SECRET);
  g_assert_cmpstr (secret, ==, CLIENT_SECRET);
  g_clear_pointer (&stored, g_free);
  g_clear_pointer (&secret, g_free);
  g_clear_object (&account);

  /* Back to a token: the client secret has no use any more. */
  personal = mq_token_new_personal (VALID_TOKEN, &error);
  g_assert_no_error (error);
  account = sign_in_directly (f, personal, NULL, NULL);
  assert_signed_in_as (f, account, MQ_TOKEN_KIND_PERSONAL, NULL);
  stored = keyring_access_token (f, account_id);
  g_assert_cmpstr (stored, ==, VALID_TOKEN);
  secret = keyring_lookup (f, account_id, MQ_SECRET_KIND_CLIENT_SECRET);
  g_assert_null (secret);
}

/* Signing in again with another OAuth client: the session kept the old client id, and
 * would have refreshed the new token with the wrong client. */
static void
test_sign_in_again_other_client (Fixture *f)
{
  g_autofree char *account_id = expected_account_id (f, MQ_TOKEN_KIND_PERSONAL);
  g_autoptr(MqToken) first = oauth_token (f, "first-oauth-access");
  g_autoptr(MqToken) second = oauth_token (f, "second-oauth-access");
  g_autoptr(MqAccount) account = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *secret = NULL;

  account = sign_in_directly (f, first, CLIENT_ID, CLIENT_SECRET);
  assert_signed_in_as (f, account, MQ_TOKEN_KIND_OAUTH, CLIENT_ID);
  g_clear_object (&account);

  account = sign_in_directly (f, second, "other-client", "other-secret");
  assert_signed_in_as (f, account, MQ_TOKEN_KIND_OAUTH, "other-client");
  stored = keyring_access_token (f, account_id);
  g_assert_cmpstr (stored, ==, "second-oauth-access");
  secret = keyring_lookup (f, account_id, MQ_SECRET_KIND_CLIENT_SECRET);
  g_assert_cmpstr (secret, ==, "other-secret");
}

static void
test_two_accounts (Fixture *f)
{
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  GMenuModel *accounts;

  sign_in_with_token (f, VALID_TOKEN);
  wait_until (g_strcmp0 (main_page (f), "playlists") == 0);
  first_id = g_strdup (mq_account_get_id (mq_application_get_current_account (f->app)));

  /* Add Account…, with the token of another viewneo user. */
  fake_viewneo_set_user (f->fake, USER_ID + 1, "Second Screen Team", "second@example.com");
  fake_viewneo_add_token (f->fake, "second-token");
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "sign-in", g_variant_new_string (""));
  sign_in_with_token (f, "second-token");
  wait_until (g_strcmp0 (main_page (f), "playlists") == 0 &&
              g_strcmp0 (mq_account_get_display_name (mq_application_get_current_account (f->app)),
                         "Second Screen Team") == 0);
  second_id = g_strdup (mq_account_get_id (mq_application_get_current_account (f->app)));
  g_assert_cmpstr (first_id, !=, second_id);
  g_assert_cmpuint (n_saved_accounts (f), ==, 2);
  wait_until (shown_account (f) != NULL && g_strcmp0 (mq_account_get_id (shown_account (f)), second_id) == 0);

  accounts = g_menu_model_get_item_link (mq_application_get_account_menu (f->app), 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (accounts), ==, 2);
  g_object_unref (accounts);

  /* The radio items of the account menu switch. */
  g_action_group_change_action_state (G_ACTION_GROUP (f->app), "switch-account",
                                      g_variant_new_string (first_id));
  wait_until (shown_account (f) != NULL && g_strcmp0 (mq_account_get_id (shown_account (f)), first_id) == 0);
  {
    g_autofree char *current = g_settings_get_string (f->settings, "current-account");
    g_assert_cmpstr (current, ==, first_id);
  }

  /* A notification's click shows its account. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "show-account", g_variant_new_string (second_id));
  wait_until (shown_account (f) != NULL && g_strcmp0 (mq_account_get_id (shown_account (f)), second_id) == 0);

  /* Signing out of the shown account shows the other one. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "sign-out", g_variant_new_string (second_id));
  answer_alert (f, "_Sign Out");
  wait_until (n_saved_accounts (f) == 1);
  wait_until (shown_account (f) != NULL && g_strcmp0 (mq_account_get_id (shown_account (f)), first_id) == 0);
  g_assert_cmpstr (main_page (f), ==, "playlists");
}

static void
test_window_size_remembered (Fixture *f)
{
  gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 480);
  gtk_window_close (GTK_WINDOW (f->window));
  mq_test_iterate_for (50);

  g_assert_cmpint (g_settings_get_int (f->settings, "window-width"), ==, 640);
  g_assert_cmpint (g_settings_get_int (f->settings, "window-height"), ==, 480);
  g_assert_false (g_settings_get_boolean (f->settings, "window-maximized"));

  /* The next window starts at that size. */
  g_application_activate (G_APPLICATION (f->app));
  f->window = MQ_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (f->window), &width, &height);
    g_assert_cmpint (width, ==, 640);
    g_assert_cmpint (height, ==, 480);
  }
}

/* The account's pages are one switch apart, and a screen group chosen on the Screens page
 * opens its playlist on the Playlists page. */
static void
test_screens_open_playlist (Fixture *f)
{
  MqScreensView *screens;
  MqPlaylistsView *playlists;
  MqPlaylistDetail *detail;
  AdwViewStack *stack = window_child (f, "view_stack");
  GListModel *groups;
  gint64 playlist_id = 0;

  sign_in_with_token (f, VALID_TOKEN);
  wait_until (g_strcmp0 (main_page (f), "playlists") == 0);
  playlists = window_child (f, "playlists_view");
  screens = window_child (f, "screens_view");
  wait_until (g_list_model_get_n_items (mq_playlists_view_get_shown (playlists)) == 25);

  /* Asked for the account shown, loaded once it is shown. */
  g_assert_true (mq_screens_view_get_client (screens) != NULL);
  adw_view_stack_set_visible_child_name (stack, "screens");
  groups = mq_screens_view_get_groups (screens);
  wait_until (g_list_model_get_n_items (groups) > 0);
  for (guint i = 0; playlist_id == 0 && i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(MqScreenGroupItem) item = g_list_model_get_item (groups, i);

      playlist_id = mq_device_group_get_playlist_id (mq_screen_group_item_get_group (item));
    }
  g_assert_cmpint (playlist_id, !=, 0);

  g_signal_emit_by_name (screens, "playlist-activated", playlist_id);

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "playlists");
  detail = child (playlists, MQ_TYPE_PLAYLISTS_VIEW, "detail");
  wait_until (mq_playlist_detail_get_playlist (detail) != NULL &&
              mq_playlist_get_id (mq_playlist_detail_get_playlist (detail)) == playlist_id);
}

/* Whether some view switcher in the header bars shows its buttons (not just the title). */
static gboolean
header_switcher_shown (GtkWidget *widget)
{
  if (ADW_IS_VIEW_SWITCHER_TITLE (widget))
    return gtk_widget_get_mapped (widget) &&
           !adw_view_switcher_title_get_title_visible (ADW_VIEW_SWITCHER_TITLE (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (header_switcher_shown (child))
      return TRUE;

  return FALSE;
}

/* Wide, the pages are switched in the header bar; narrow, from a bar below: there is
 * always one way, never both. */
static void
test_switcher_bar_when_narrow (Fixture *f)
{
  AdwViewSwitcherBar *bar = window_child (f, "switcher_bar");
  AdwViewStack *stack = window_child (f, "view_stack");

  sign_in_with_token (f, VALID_TOKEN);
  wait_until (g_strcmp0 (main_page (f), "playlists") == 0);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  wait_until (!adw_view_switcher_bar_get_reveal (bar) && header_switcher_shown (GTK_WIDGET (f->window)));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 700);
  wait_until (adw_view_switcher_bar_get_reveal (bar) && !header_switcher_shown (GTK_WIDGET (f->window)));

  /* The Screens page has its own header bar, with fewer buttons: the switcher may fit
   * there in its narrow form, else the bar shows. */
  adw_view_stack_set_visible_child_name (stack, "screens");
  wait_until (adw_view_switcher_bar_get_reveal (bar) != header_switcher_shown (GTK_WIDGET (f->window)));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  wait_until (!adw_view_switcher_bar_get_reveal (bar) && header_switcher_shown (GTK_WIDGET (f->window)));
}

static void
test_about (Fixture *f)
{
  g_autofree char *name = NULL;
  g_autofree char *version = NULL;
  GtkWidget *about;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  wait_until ((about = find_dialog (f, ABOUT_TYPE)) != NULL);

  g_object_get (about, "application-name", &name, "version", &version, NULL);
  g_assert_cmpstr (name, ==, "Marquee");
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);

#if ADW_CHECK_VERSION (1, 5, 0)
  {
    g_autofree char *notes = NULL;
    g_autofree char *website = NULL;

    /* Made from the metainfo in the resources: this version's release notes, and the
     * links it names. */
    g_object_get (about, "release-notes", &notes, "website", &website, NULL);
    g_assert_nonnull (notes);
    g_assert_nonnull (strstr (notes, "<li>"));
    g_assert_cmpstr (website, ==, "https://github.com/marqueesignage/marquee");
  }
#endif
}

/* AdwShortcutsDialog from libadwaita 1.8 on (not yet run: Debian 13 has 1.7); before,
 * GtkShortcutsWindow, which must not warn on GTK 4.18, where it is deprecated. */
#if ADW_CHECK_VERSION (1, 8, 0)
#define SHORTCUTS_TYPE ADW_TYPE_SHORTCUTS_DIALOG
#else
#define SHORTCUTS_TYPE GTK_TYPE_SHORTCUTS_WINDOW
#endif

static void
test_shortcuts (Fixture *f)
{
  GtkWidget *shortcuts;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "shortcuts", NULL);
  wait_until ((shortcuts = find_dialog (f, SHORTCUTS_TYPE)) != NULL);

  /* Asked for again: the same one, not a second. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "shortcuts", NULL);
  g_assert_true (find_dialog (f, SHORTCUTS_TYPE) == shortcuts);
}

static void
test_preferences (Fixture *f)
{
  GtkWidget *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  /* An AdwPreferencesDialog over the window from libadwaita 1.5 on. */
  wait_until ((preferences = find_dialog (f, PREFERENCES_TYPE)) != NULL);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (preferences, MQ_TYPE_PREFERENCES_WINDOW));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dirs = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* Set before anything reads the data directories. */
  data_dirs = mq_test_data_dirs_without_apps ();
  g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);
  g_unsetenv ("GIO_USE_PORTALS");

  have_display = gtk_init_check ();

#define ADD(path, body) g_test_add (path, Fixture, (gconstpointer) body, fixture_set_up, run_test, fixture_tear_down)
  ADD ("/ui/sign-in/welcome-without-account", test_welcome_without_account);
  ADD ("/ui/sign-in/token", test_token_sign_in);
  ADD ("/ui/sign-in/token-invalid", test_token_invalid);
  ADD ("/ui/sign-in/token-empty-answer", test_token_empty_answer);
  ADD ("/ui/sign-in/token-https", test_token_https);
  ADD ("/ui/sign-in/insecure-server-refused", test_insecure_server_refused);
  ADD ("/ui/sign-in/browser-without-browser", test_browser_sign_in_without_browser);
  ADD ("/ui/sign-in/browser-cancel", test_browser_sign_in_cancel);
  ADD ("/ui/sign-in/browser-port-busy", test_browser_port_busy);
  ADD ("/ui/sign-in/sign-out", test_sign_out);
  ADD ("/ui/sign-in/again-after-end", test_sign_in_again_after_end);
  ADD ("/ui/sign-in/again-other-kind", test_sign_in_again_other_kind);
  ADD ("/ui/sign-in/again-other-client", test_sign_in_again_other_client);
  ADD ("/ui/sign-in/add-account-cancel", test_add_account_cancel);
  ADD ("/ui/sign-in/account-menu", test_account_menu);
  ADD ("/ui/sign-in/two-accounts", test_two_accounts);
  ADD ("/ui/window/size-remembered", test_window_size_remembered);
  ADD ("/ui/window/about", test_about);
  ADD ("/ui/window/preferences", test_preferences);
  ADD ("/ui/window/shortcuts", test_shortcuts);
  ADD ("/ui/window/screens-open-playlist", test_screens_open_playlist);
  ADD ("/ui/window/switcher-bar-when-narrow", test_switcher_bar_when_narrow);
#undef ADD

  status = g_test_run ();
  mq_test_remove_tree (data_dirs);

  return status;
}
