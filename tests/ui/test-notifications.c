/* test-notifications.c: the expiry warnings as desktop notifications, seen by
 * python3-dbusmock's notification daemon on a private session bus, with a fake clock
 * and the fake viewneo; and staying in the background, with a mock Background portal
 *
 * GLib 2.74 sends a GApplication's notifications to org.freedesktop.Notifications
 * when it is not sandboxed and no one owns org.gtk.Notifications (GNOME Shell): the
 * private bus has neither, only the mock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "mq-account-manager.h"
#include "mq-accounts.h"
#include "mq-background-prompt.h"
#include "mq-clock.h"
#include "mq-expiry-monitor.h"
#include "mq-expiry-notifier.h"
#include "mq-oauth.h"
#include "mq-test-async.h"
#include "mq-test-bus.h"
#include "mq-test-http.h"
#include "mq-test-session.h"

#define DAY (24 * 60 * 60)
/* 2027-01-15 08:00 UTC, "01/15/27" as %x in the C locale. */
#define END G_GINT64_CONSTANT (1800000000)
#define END_DATE "01/15/27"
#define LIFETIME 1296000 /* the fake's tokens last 15 days, as viewneo's */

#define TEST_APP_ID "io.github.marqueesignage.Marquee.Test"

#define MOCK_INTERFACE       "org.freedesktop.DBus.Mock"
#define NOTIFICATIONS_NAME   "org.freedesktop.Notifications"
#define NOTIFICATIONS_PATH   "/org/freedesktop/Notifications"
#define PORTAL_NAME          "org.freedesktop.portal.Desktop"
#define PORTAL_PATH          "/org/freedesktop/portal/desktop"

static GSubprocess *notification_daemon;
/* Registered on the private bus; its app.sign-in and app.show-account record here. */
static GApplication *application;
static GPtrArray *activations;

typedef struct
{
  guint32  replaces_id;
  char    *summary;
  char    *body;
  GStrv    actions;
  char    *desktop_entry;
} NotifyCall;

typedef struct
{
  /* The fake viewneo, an OAuth account (Jane Doe, 42) and its session, not signed in
   * nor among the accounts: add_oauth_account() does both. */
  MqTestSession     base;
  GSettings        *settings;
  MqAccountManager *accounts;
  /* Where the monitor takes the sessions from; base.session is its session. */
  MqAccounts       *registry;
  GHashTable       *sessions;
  MqExpiryMonitor  *monitor;
  MqExpiryNotifier *notifier;
} Fixture;

static void
notify_call_free (NotifyCall *call)
{
  g_free (call->summary);
  g_free (call->body);
  g_strfreev (call->actions);
  g_free (call->desktop_entry);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NotifyCall, notify_call_free)

/* ---- the bus and the mocks ---- */

static GDBusConnection *
bus (void)
{
  return g_application_get_dbus_connection (application);
}

/* A call made while the main loop runs, so that replies to earlier calls on the same
 * connection (the application's Notify) are handled before this one's. */
static GVariant *
call (const char         *name,
      const char         *path,
      const char         *interface,
      const char         *method,
      GVariant           *parameters,
      const GVariantType *reply_type)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;
  GVariant *reply;

  g_dbus_connection_call (bus (), name, path, interface, method, parameters, reply_type,
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  reply = g_dbus_connection_call_finish (bus (), result, &error);
  g_assert_no_error (error);

  return reply;
}

static gboolean
name_has_owner (GDBusConnection *connection,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_owner;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &has_owner);

  return has_owner;
}

/* python3-dbusmock, quiet (meson reads stdout as TAP), once it owns @name. */
static GSubprocess *
start_mock (const char * const *arguments,
            const char         *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  GSubprocess *mock;
  gint64 limit = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_strv_builder_add_many (builder, "/usr/bin/python3", "-m", "dbusmock", NULL);
  g_strv_builder_addv (builder, (const char **) arguments);
  argv = g_strv_builder_end (builder);

  mock = g_subprocess_newv ((const char * const *) argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);

  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  while (!name_has_owner (connection, name))
    {
      if (g_get_monotonic_time () > limit)
        g_error ("python3-dbusmock did not take %s within 30 seconds", name);
      g_usleep (20 * 1000);
    }

  return mock;
}

static void
stop_mock (GSubprocess *mock)
{
  g_subprocess_force_exit (mock);
  g_subprocess_wait (mock, NULL, NULL);
  g_object_unref (mock);
}

static void
reset_notification_daemon (void)
{
  g_autoptr(GVariant) reset = NULL;
  g_autoptr(GVariant) cleared = NULL;

  /* The template again: notification ids start at 1. */
  reset = call (NOTIFICATIONS_NAME, NOTIFICATIONS_PATH, MOCK_INTERFACE, "Reset", NULL, NULL);
  cleared = call (NOTIFICATIONS_NAME, NOTIFICATIONS_PATH, MOCK_INTERFACE, "ClearCalls", NULL, NULL);
}

/* The arguments of every call of @method, as the mock recorded them. */
static GVariant *
get_method_calls (const char *name,
                  const char *path,
                  const char *method)
{
  g_autoptr(GVariant) reply = call (name, path, MOCK_INTERFACE, "GetMethodCalls",
                                    g_variant_new ("(s)", method), G_VARIANT_TYPE ("(a(tav))"));

  return g_variant_get_child_value (reply, 0);
}

/* Argument @index of recorded call @i. */
static GVariant *
get_argument (GVariant *calls,
              gsize     i,
              gsize     index)
{
  g_autoptr(GVariant) row = g_variant_get_child_value (calls, i);
  g_autoptr(GVariant) arguments = g_variant_get_child_value (row, 1);
  g_autoptr(GVariant) boxed = g_variant_get_child_value (arguments, index);

  return g_variant_get_variant (boxed);
}

static GPtrArray *
get_notify_calls (void)
{
  g_autoptr(GVariant) calls = get_method_calls (NOTIFICATIONS_NAME, NOTIFICATIONS_PATH, "Notify");
  GPtrArray *notify_calls = g_ptr_array_new_with_free_func ((GDestroyNotify) notify_call_free);

  for (gsize i = 0; i < g_variant_n_children (calls); i++)
    {
      /* Notify (app_name, replaces_id, app_icon, summary, body, actions, hints, timeout) */
      g_autoptr(GVariant) replaces_id = get_argument (calls, i, 1);
      g_autoptr(GVariant) summary = get_argument (calls, i, 3);
      g_autoptr(GVariant) body = get_argument (calls, i, 4);
      g_autoptr(GVariant) actions = get_argument (calls, i, 5);
      g_autoptr(GVariant) hints = get_argument (calls, i, 6);
      NotifyCall *notify = g_new0 (NotifyCall, 1);

      notify->replaces_id = g_variant_get_uint32 (replaces_id);
      notify->summary = g_variant_dup_string (summary, NULL);
      notify->body = g_variant_dup_string (body, NULL);
      notify->actions = g_variant_dup_strv (actions, NULL);
      g_variant_lookup (hints, "desktop-entry", "s", &notify->desktop_entry);
      g_ptr_array_add (notify_calls, notify);
    }

  return notify_calls;
}

/* The Notify calls, once there are @n; fails after 30 seconds. */
static GPtrArray *
wait_for_notify_calls (guint n)
{
  gint64 limit = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  GPtrArray *calls = get_notify_calls ();

  /* Each look runs the main loop while it waits for the answer. */
  while (calls->len < n && g_get_monotonic_time () < limit)
    {
      g_ptr_array_unref (calls);
      calls = get_notify_calls ();
    }

  g_assert_cmpuint (calls->len, >=, n);

  return calls;
}

/* Replaces *@calls with the Notify calls so far, and asserts that there are @n. */
static void
take_notify_calls (GPtrArray **calls,
                   guint       n)
{
  g_clear_pointer (calls, g_ptr_array_unref);
  *calls = get_notify_calls ();
  g_assert_cmpuint ((*calls)->len, ==, n);
}

/* The ids of the notifications closed. */
static GArray *
get_close_calls (void)
{
  g_autoptr(GVariant) calls = get_method_calls (NOTIFICATIONS_NAME, NOTIFICATIONS_PATH, "CloseNotification");
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (gsize i = 0; i < g_variant_n_children (calls); i++)
    {
      g_autoptr(GVariant) id = get_argument (calls, i, 0);
      /* The template declares it "i"; the specification and GLib say "u". */
      guint32 value = g_variant_is_of_type (id, G_VARIANT_TYPE_INT32) ? (guint32) g_variant_get_int32 (id)
                                                                      : g_variant_get_uint32 (id);

      g_array_append_val (ids, value);
    }

  return ids;
}

static void
emit_action_invoked (guint32     id,
                     const char *action)
{
  GVariant *arguments[] = { g_variant_new_variant (g_variant_new_uint32 (id)),
                            g_variant_new_variant (g_variant_new_string (action)) };
  g_autoptr(GVariant) reply = NULL;

  reply = call (NOTIFICATIONS_NAME, NOTIFICATIONS_PATH, MOCK_INTERFACE, "EmitSignal",
                g_variant_new ("(sss@av)", NOTIFICATIONS_NAME, "ActionInvoked", "us",
                               g_variant_new_array (G_VARIANT_TYPE_VARIANT, arguments, 2)),
                NULL);
}

/* ---- the application ---- */

static void
record_activation (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_ptr_array_add (activations, g_strdup_printf ("%s %s", g_action_get_name (G_ACTION (action)),
                                                 g_variant_get_string (parameter, NULL)));
}

static void
start_application (void)
{
  static const GActionEntry entries[] = {
    { "sign-in", record_activation, "s" },
    { "show-account", record_activation, "s" },
  };
  g_autoptr(GError) error = NULL;

  activations = g_ptr_array_new_with_free_func (g_free);
  application = g_application_new (TEST_APP_ID, G_APPLICATION_DEFAULT_FLAGS);
  g_action_map_add_action_entries (G_ACTION_MAP (application), entries, G_N_ELEMENTS (entries), NULL);
  g_assert_true (g_application_register (application, NULL, &error));
  g_assert_no_error (error);
}

/* ---- fixture ---- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  mq_clock_set_fake_now (END - 10 * DAY);
  mq_test_session_set_up (&fixture->base, data);
  reset_notification_daemon ();
  g_ptr_array_set_size (activations, 0);

  fixture->settings = g_settings_new (APP_ID);
  fixture->accounts = mq_account_manager_new (fixture->settings);
  fixture->registry = mq_accounts_new (fixture->settings, fixture->base.store);
  g_set_object (&fixture->base.session,
                mq_accounts_get_session (fixture->registry, fixture->base.account));
  fixture->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  fixture->monitor = mq_expiry_monitor_new (fixture->settings, fixture->registry);
  fixture->notifier = mq_expiry_notifier_new (application, fixture->monitor);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->notifier);
  g_assert_finalize_object (fixture->monitor);
  g_clear_pointer (&fixture->sessions, g_hash_table_unref);
  g_settings_reset (fixture->settings, "accounts");
  g_settings_reset (fixture->settings, "current-account");
  g_clear_object (&fixture->accounts);
  g_clear_object (&fixture->registry);
  g_clear_object (&fixture->settings);
  drain ();

  mq_test_session_tear_down (&fixture->base, data);
}

static void
count_up (guint *count)
{
  (*count)++;
}

static gboolean
tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until *@count reaches @n; fails after 30 seconds. */
static void
wait_for_count (const guint *count,
                guint        n)
{
  gint64 limit = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint tick_id = g_timeout_add (20, tick, NULL);

  while (*count < n && g_get_monotonic_time () < limit)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick_id);
  g_assert_cmpuint (*count, >=, n);
}

/* There is no keyring on the private bus: the sessions keep their tokens in memory,
 * which is all these tests need. */
static void
sign_in (MqSession *session,
         MqToken   *token)
{
  mq_test_session_sign_in_with (session, token, NULL);
}

static MqToken *
personal_token (gint64 user_id,
                gint64 expires_at)
{
  g_autofree char *payload = g_strdup_printf ("{\"sub\":\"%" G_GINT64_FORMAT "\",\"exp\":%" G_GINT64_FORMAT "}",
                                              user_id, expires_at);
  g_autofree char *jwt = mq_test_make_jwt (payload);
  g_autoptr(GError) error = NULL;
  MqToken *token;

  token = mq_token_new_personal (jwt, &error);
  g_assert_no_error (error);

  return token;
}

static MqSession *
add_personal_account (Fixture    *fixture,
                      gint64      user_id,
                      const char *name,
                      gint64      expires_at)
{
  g_autoptr(MqAccount) account = mq_account_new (fixture->base.url, user_id, name,
                                                 MQ_TOKEN_KIND_PERSONAL, NULL);
  g_autoptr(MqToken) token = personal_token (user_id, expires_at);
  MqSession *session = g_object_ref (mq_accounts_get_session (fixture->registry, account));

  g_hash_table_insert (fixture->sessions, g_strdup (mq_account_get_id (account)), session);
  sign_in (session, token);
  mq_account_manager_add (fixture->accounts, account);

  return session;
}

static MqSession *
add_oauth_account (Fixture *fixture)
{
  g_hash_table_insert (fixture->sessions, g_strdup (mq_account_get_id (fixture->base.account)),
                       g_object_ref (fixture->base.session));
  mq_test_session_sign_in (&fixture->base);
  mq_account_manager_add (fixture->accounts, fixture->base.account);

  return fixture->base.session;
}

static char *
expected_sign_in_action (MqAccount *account)
{
  /* How GLib's freedesktop backend names an action with a target it cannot put after
   * "::" (the id has '@' and ':'). */
  return g_strdup_printf ("app.sign-in('%s')", mq_account_get_id (account));
}

static void
assert_actions (NotifyCall *notify,
                MqAccount  *account)
{
  g_autofree char *sign_in_action = expected_sign_in_action (account);
  const char *expected[] = { "default", "", sign_in_action, "Sign In Again", NULL };

  g_assert_cmpstrv (notify->actions, expected);
}

/* ---- notifications ---- */

static void
test_warning (Fixture       *fixture,
              gconstpointer  data)
{
  MqSession *session = add_personal_account (fixture, 7, "Erika Mustermann", END);
  MqAccount *account = mq_session_get_account (session);
  g_autoptr(GPtrArray) calls = NULL;
  g_autofree char *body = NULL;
  NotifyCall *notify;

  mq_clock_set_fake_now (END - 3 * DAY);
  drain ();
  take_notify_calls (&calls, 1);

  notify = g_ptr_array_index (calls, 0);
  body = g_strdup_printf ("Your sign-in to Erika Mustermann (%s) ends in 3 days, on " END_DATE ". "
                          "Sign in again to keep seeing its playlists.",
                          mq_account_get_server_host (account));
  g_assert_cmpuint (notify->replaces_id, ==, 0);
  g_assert_cmpstr (notify->summary, ==, "Your viewneo sign-in ends soon");
  g_assert_cmpstr (notify->body, ==, body);
  assert_actions (notify, account);
  g_assert_cmpstr (notify->desktop_entry, ==, TEST_APP_ID);

  /* Checked again: nothing new on the desktop. */
  mq_expiry_monitor_check_now (fixture->monitor);
  drain ();
  take_notify_calls (&calls, 1);
}

static void
test_ended_replaces (Fixture       *fixture,
                     gconstpointer  data)
{
  MqSession *session = add_personal_account (fixture, 7, "Erika Mustermann", END);
  MqAccount *account = mq_session_get_account (session);
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GArray) closed = NULL;
  g_autofree char *body = NULL;
  NotifyCall *notify;

  mq_clock_set_fake_now (END - DAY);
  drain ();
  take_notify_calls (&calls, 1);
  notify = g_ptr_array_index (calls, 0);
  g_assert_true (g_str_has_prefix (notify->body, "Your sign-in to Erika Mustermann ("));
  g_assert_true (g_str_has_suffix (notify->body, ") ends in 1 day, on " END_DATE ". Sign in again to keep seeing its playlists."));
  g_clear_pointer (&calls, g_ptr_array_unref);

  /* The end: the same notification, replaced (the mock's first id is 1). */
  mq_clock_set_fake_now (END);
  mq_expiry_monitor_check_now (fixture->monitor);
  drain ();
  take_notify_calls (&calls, 2);
  notify = g_ptr_array_index (calls, 1);
  body = g_strdup_printf ("Your sign-in to Erika Mustermann (%s) ended on " END_DATE ". "
                          "Sign in again to see its playlists.",
                          mq_account_get_server_host (account));
  g_assert_cmpuint (notify->replaces_id, ==, 1);
  g_assert_cmpstr (notify->summary, ==, "Your viewneo sign-in has ended");
  g_assert_cmpstr (notify->body, ==, body);
  assert_actions (notify, account);

  closed = get_close_calls ();
  g_assert_cmpuint (closed->len, ==, 0);
}

static void
test_silent_refresh (Fixture       *fixture,
                     gconstpointer  data)
{
  MqSession *session = add_oauth_account (fixture);
  gint64 expires_at = mq_session_get_expires_at (session);
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GArray) closed = NULL;
  guint n_refreshed = 0;

  g_signal_connect_swapped (session, "refreshed", G_CALLBACK (count_up), &n_refreshed);
  drain ();

  /* Three days before: nothing to say about a token that renews itself. */
  mq_clock_set_fake_now (expires_at - 3 * DAY);
  mq_expiry_monitor_check_now (fixture->monitor);
  drain ();

  /* An hour before: renewed. */
  mq_clock_set_fake_now (expires_at - 3600);
  mq_expiry_monitor_check_now (fixture->monitor);
  wait_for_count (&n_refreshed, 1);
  drain ();

  take_notify_calls (&calls, 0);
  closed = get_close_calls ();
  g_assert_cmpuint (closed->len, ==, 0);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->base.fake, "refresh_token"), ==, 1);
}

static void
test_refresh_withdraws (Fixture       *fixture,
                        gconstpointer  data)
{
  MqSession *session = add_oauth_account (fixture);
  MqAccount *account = mq_session_get_account (session);
  gint64 expires_at = mq_session_get_expires_at (session);
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GArray) closed = NULL;
  guint n_refreshed = 0;

  g_signal_connect_swapped (session, "refreshed", G_CALLBACK (count_up), &n_refreshed);
  drain ();

  /* The token server fails once, past the end: "ended". */
  fake_viewneo_add_fault (fixture->base.fake, "/oauth/token", FAKE_FAULT_SERVER_ERROR, 0, 1);
  mq_clock_set_fake_now (expires_at + 60);
  mq_expiry_monitor_check_now (fixture->monitor);
  calls = wait_for_notify_calls (1);
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_cmpstr (((NotifyCall *) g_ptr_array_index (calls, 0))->summary, ==, "Your viewneo sign-in has ended");
  assert_actions (g_ptr_array_index (calls, 0), account);
  g_clear_pointer (&calls, g_ptr_array_unref);

  /* Back: renewed silently, and the notification taken back. */
  mq_expiry_monitor_check_now (fixture->monitor);
  wait_for_count (&n_refreshed, 1);
  drain ();
  take_notify_calls (&calls, 1);
  closed = get_close_calls ();
  g_assert_cmpuint (closed->len, ==, 1);
  g_assert_cmpuint (g_array_index (closed, guint32, 0), ==, 1);
}

static void
test_refresh_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  MqSession *session = add_oauth_account (fixture);
  MqAccount *account = mq_session_get_account (session);
  gint64 expires_at = mq_session_get_expires_at (session);
  g_autoptr(MqOAuth) oauth = mq_oauth_new (fixture->base.url, MQ_TEST_CLIENT_ID,
                                           MQ_TEST_CLIENT_SECRET, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MqToken) rotated = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GAsyncResult *pending = NULL;
  guint n_required = 0;
  NotifyCall *notify;

  g_signal_connect_swapped (session, "sign-in-required", G_CALLBACK (count_up), &n_required);
  drain ();

  /* Its refresh token is used elsewhere, so viewneo revokes the session's copy. */
  mq_oauth_refresh_async (oauth, mq_token_get_refresh_token (mq_session_get_token (session)),
                          mq_clock_now (), NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  rotated = mq_oauth_refresh_finish (oauth, result, &error);
  g_assert_no_error (error);

  mq_clock_set_fake_now (expires_at - 3600);
  mq_expiry_monitor_check_now (fixture->monitor);
  wait_for_count (&n_required, 1);
  drain ();
  mq_expiry_monitor_check_now (fixture->monitor);
  drain ();

  take_notify_calls (&calls, 1);
  notify = g_ptr_array_index (calls, 0);
  body = g_strdup_printf ("viewneo no longer accepts your sign-in to Jane Doe (%s). "
                          "Sign in again to see its playlists.",
                          mq_account_get_server_host (account));
  g_assert_cmpstr (notify->summary, ==, "Sign in to viewneo again");
  g_assert_cmpstr (notify->body, ==, body);
  assert_actions (notify, account);
}

static void
test_two_accounts (Fixture       *fixture,
                   gconstpointer  data)
{
  MqSession *erika = add_personal_account (fixture, 7, "Erika Mustermann", END);
  MqSession *max = add_personal_account (fixture, 8, "Max Mustermann", END + DAY);
  g_autoptr(MqToken) renewed = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GArray) closed = NULL;
  guint32 erika_id = 0;

  mq_clock_set_fake_now (END - DAY);
  drain ();
  take_notify_calls (&calls, 2);

  /* Two notifications, not one replaced, each about its own account. The mock numbers
   * them in the order they came. */
  for (guint i = 0; i < calls->len; i++)
    {
      NotifyCall *notify = g_ptr_array_index (calls, i);
      MqSession *session = strstr (notify->body, "Erika") != NULL ? erika : max;

      g_assert_cmpuint (notify->replaces_id, ==, 0);
      assert_actions (notify, mq_session_get_account (session));
      if (session == erika)
        erika_id = i + 1;
    }
  g_assert_cmpuint (erika_id, !=, 0);
  g_assert_cmpstr (((NotifyCall *) g_ptr_array_index (calls, 0))->body, !=,
                   ((NotifyCall *) g_ptr_array_index (calls, 1))->body);

  /* Erika signs in again: only hers goes. */
  renewed = personal_token (7, END + 30 * DAY);
  sign_in (erika, renewed);
  drain ();
  closed = get_close_calls ();
  g_assert_cmpuint (closed->len, ==, 1);
  g_assert_cmpuint (g_array_index (closed, guint32, 0), ==, erika_id);
  take_notify_calls (&calls, 2);
}

static void
test_actions (Fixture       *fixture,
              gconstpointer  data)
{
  MqSession *session = add_personal_account (fixture, 7, "Erika Mustermann", END);
  MqAccount *account = mq_session_get_account (session);
  g_autoptr(GPtrArray) calls = NULL;
  g_autofree char *expected = NULL;
  NotifyCall *notify;

  mq_clock_set_fake_now (END - DAY);
  drain ();
  take_notify_calls (&calls, 1);
  notify = g_ptr_array_index (calls, 0);

  /* The desktop clicks "Sign In Again" on notification 1, naming the action as it was
   * given. */
  emit_action_invoked (1, notify->actions[2]);
  wait_for_count (&activations->len, 1);
  expected = g_strdup_printf ("sign-in %s", mq_account_get_id (account));
  g_assert_cmpstr (g_ptr_array_index (activations, 0), ==, expected);
  g_clear_pointer (&expected, g_free);

  /* GLib forgets a notification once one of its actions ran: the same warning again,
   * then a click on its body. */
  g_clear_pointer (&calls, g_ptr_array_unref);
  mq_clock_set_fake_now (END);
  mq_expiry_monitor_check_now (fixture->monitor);
  drain ();
  take_notify_calls (&calls, 2);
  emit_action_invoked (2, "default");
  wait_for_count (&activations->len, 2);
  expected = g_strdup_printf ("show-account %s", mq_account_get_id (account));
  g_assert_cmpstr (g_ptr_array_index (activations, 1), ==, expected);
}

static void
test_not_registered (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GApplication) unregistered = g_application_new (TEST_APP_ID ".Unregistered",
                                                            G_APPLICATION_DEFAULT_FLAGS);
  g_autoptr(MqExpiryNotifier) notifier = mq_expiry_notifier_new (unregistered, fixture->monitor);
  g_autoptr(GPtrArray) calls = NULL;

  g_assert_false (g_application_get_is_registered (unregistered));

  /* Both notifiers hear the warning; only the registered application's is sent, and the
   * other stays quiet (no criticals, which would end the test). */
  mq_clock_set_fake_now (END - DAY);
  add_personal_account (fixture, 7, "Erika Mustermann", END);
  drain ();
  take_notify_calls (&calls, 1);
}

/* ---- the background ---- */

static gboolean
turn_background_off (gpointer user_data)
{
  MqExpiryNotifier *notifier = user_data;

  /* Still running with no window and nothing to do: held. */
  g_object_set_data (G_OBJECT (notifier), "marquee-test-held", GINT_TO_POINTER (TRUE));
  mq_expiry_notifier_set_background (notifier, FALSE);

  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app)
{
}

static void
test_background_hold (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GApplication) app = g_application_new (TEST_APP_ID ".Background",
                                                   G_APPLICATION_NON_UNIQUE);
  g_autoptr(MqExpiryNotifier) notifier = mq_expiry_notifier_new (app, fixture->monitor);
  guint notifies = 0;

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_signal_connect_swapped (notifier, "notify::background", G_CALLBACK (count_up), &notifies);

  mq_expiry_notifier_set_background (notifier, TRUE);
  g_assert_true (mq_expiry_notifier_get_background (notifier));
  mq_expiry_notifier_set_background (notifier, TRUE);
  g_assert_cmpuint (notifies, ==, 1);

  /* An application with nothing to show returns from run() at once unless held. */
  g_timeout_add (200, turn_background_off, notifier);
  g_assert_cmpint (g_application_run (app, 0, NULL), ==, 0);
  g_assert_true (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (notifier), "marquee-test-held")));
  g_assert_false (mq_expiry_notifier_get_background (notifier));
  g_assert_cmpuint (notifies, ==, 2);
}

/* A Background portal that answers at once, with self.allow; SetAllow changes it. As
 * xdg-desktop-portal does, the Response goes to the caller alone (libportal listens
 * without a match rule), and after the method's reply: libportal 0.6 frees its request
 * on a Response that comes first, and then reads it again when the reply comes. */
static GSubprocess *
start_background_portal (void)
{
  static const char *arguments[] = {
    PORTAL_NAME, PORTAL_PATH, "org.freedesktop.portal.Background", NULL
  };
  const char *unique_name = g_dbus_connection_get_unique_name (bus ());
  g_autofree char *sender = g_strdup (unique_name + 1);
  g_autofree char *code = NULL;
  g_autoptr(GVariant) added = NULL;
  GSubprocess *portal = start_mock (arguments, PORTAL_NAME);

  g_strdelimit (sender, ".", '_');
  code = g_strdup_printf ("path = '/org/freedesktop/portal/desktop/request/%s/' + args[1]['handle_token']\n"
                          "self.AddObject(path, 'org.freedesktop.portal.Request', {}, [])\n"
                          "allow = getattr(self, 'allow', True)\n"
                          "results = {'background': dbus.Boolean(allow), 'autostart': dbus.Boolean(allow and args[1]['autostart'])}\n"
                          "from gi.repository import GLib\n"
                          "GLib.timeout_add(20, lambda request=objects[path], response=[dbus.UInt32(0), results]:\n"
                          "    request.EmitSignalDetailed('org.freedesktop.portal.Request', 'Response', 'ua{sv}',\n"
                          "                               response, {'destination': '%s'}) and False)\n"
                          "ret = dbus.ObjectPath(path)\n",
                          sender, unique_name);
  added = call (PORTAL_NAME, PORTAL_PATH, MOCK_INTERFACE, "AddMethod",
                g_variant_new ("(sssss)", "", "RequestBackground", "sa{sv}", "o", code), NULL);
  g_clear_pointer (&added, g_variant_unref);
  added = call (PORTAL_NAME, PORTAL_PATH, MOCK_INTERFACE, "AddMethod",
                g_variant_new ("(sssss)", "", "SetAllow", "b", "", "self.allow = args[0]"), NULL);

  return portal;
}

/* The options of recorded RequestBackground call @i, made for @parent_window. */
static GVariant *
get_background_request (GVariant   *calls,
                        gsize       i,
                        const char *parent_window)
{
  g_autoptr(GVariant) parent = get_argument (calls, i, 0);

  g_assert_cmpstr (g_variant_get_string (parent, NULL), ==, parent_window);

  return get_argument (calls, i, 1);
}

static void
assert_background_request (GVariant *options,
                           gboolean  autostart)
{
  const char *expected_commandline[] = { "marquee", "--background", NULL };
  g_autofree const char **commandline = NULL;
  const char *reason = NULL;
  const char *token = NULL;
  gboolean requested_autostart = !autostart;

  g_assert_true (g_variant_lookup (options, "handle_token", "&s", &token));
  g_assert_cmpstr (token, !=, "");
  g_assert_true (g_variant_lookup (options, "reason", "&s", &reason));
  g_assert_cmpstr (reason, ==, "Marquee keeps running to warn you before a sign-in to viewneo ends.");
  g_assert_true (g_variant_lookup (options, "autostart", "b", &requested_autostart));
  g_assert_cmpint (requested_autostart, ==, autostart);
  g_assert_true (g_variant_lookup (options, "commandline", "^a&s", &commandline));
  g_assert_cmpstrv (commandline, expected_commandline);
}

static void
run_background_portal (Fixture *fixture)
{
  g_autoptr(GSubprocess) portal = start_background_portal ();
  g_autoptr(GVariant) calls = NULL;
  g_autoptr(GVariant) options = NULL;
  g_autoptr(GVariant) set = NULL;
  guint notifies = 0;

  g_signal_connect_swapped (fixture->notifier, "notify::background",
                            G_CALLBACK (count_up), &notifies);

  /* Allowed: it asks once, with autostart, and stays in the background. */
  mq_expiry_notifier_set_background (fixture->notifier, TRUE);
  calls = get_method_calls (PORTAL_NAME, PORTAL_PATH, "RequestBackground");
  g_assert_cmpuint (g_variant_n_children (calls), ==, 1);
  options = get_background_request (calls, 0, "");
  assert_background_request (options, TRUE);
  drain ();
  g_assert_true (mq_expiry_notifier_get_background (fixture->notifier));
  g_assert_cmpuint (notifies, ==, 1);
  g_clear_pointer (&calls, g_variant_unref);
  g_clear_pointer (&options, g_variant_unref);

  /* Off: the autostart is taken back. */
  mq_expiry_notifier_set_background (fixture->notifier, FALSE);
  calls = get_method_calls (PORTAL_NAME, PORTAL_PATH, "RequestBackground");
  g_assert_cmpuint (g_variant_n_children (calls), ==, 2);
  options = get_background_request (calls, 1, "");
  assert_background_request (options, FALSE);
  drain ();
  g_assert_false (mq_expiry_notifier_get_background (fixture->notifier));
  g_assert_cmpuint (notifies, ==, 2);
  g_clear_pointer (&calls, g_variant_unref);
  g_clear_pointer (&options, g_variant_unref);

  /* Refused: "background" turns itself off, and nothing more is asked. */
  set = call (PORTAL_NAME, PORTAL_PATH, "org.freedesktop.portal.Background", "SetAllow",
              g_variant_new ("(b)", FALSE), NULL);
  mq_expiry_notifier_set_background (fixture->notifier, TRUE);
  wait_for_count (&notifies, 4);
  g_assert_false (mq_expiry_notifier_get_background (fixture->notifier));
  calls = get_method_calls (PORTAL_NAME, PORTAL_PATH, "RequestBackground");
  g_assert_cmpuint (g_variant_n_children (calls), ==, 3);
  options = get_background_request (calls, 2, "");
  assert_background_request (options, TRUE);

  stop_mock (g_steal_pointer (&portal));
}

static void
test_background_portal (Fixture       *fixture,
                        gconstpointer  data)
{
  /* In a process of its own, which main() puts in a "sandbox". */
  if (g_test_subprocess ())
    {
      g_assert_cmpstr (g_getenv ("GTK_USE_PORTAL"), ==, "1");
      run_background_portal (fixture);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The request names the window it is for, so that the portal's dialog belongs to it. */
static void
run_background_portal_window (Fixture *fixture)
{
  g_autoptr(GSubprocess) portal = start_background_portal ();
  g_autoptr(GtkApplication) app = gtk_application_new (TEST_APP_ID ".Window", G_APPLICATION_NON_UNIQUE);
  g_autoptr(MqExpiryNotifier) notifier = NULL;
  g_autoptr(GVariant) calls = NULL;
  g_autoptr(GVariant) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *handle = NULL;
  GtkWidget *window;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  notifier = mq_expiry_notifier_new (G_APPLICATION (app), fixture->monitor);
  window = gtk_window_new ();
  gtk_window_set_application (GTK_WINDOW (window), app);
  gtk_window_present (GTK_WINDOW (window));

#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (gtk_widget_get_display (window)))
    handle = g_strdup_printf ("x11:%x", (guint32) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
#endif
  if (handle == NULL)
    {
      g_test_skip ("Needs an X11 display, as under Xvfb");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }

  mq_expiry_notifier_set_background (notifier, TRUE);
  calls = get_method_calls (PORTAL_NAME, PORTAL_PATH, "RequestBackground");
  g_assert_cmpuint (g_variant_n_children (calls), ==, 1);
  options = get_background_request (calls, 0, handle);
  assert_background_request (options, TRUE);
  drain ();
  g_assert_true (mq_expiry_notifier_get_background (notifier));

  mq_expiry_notifier_set_background (notifier, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  stop_mock (g_steal_pointer (&portal));
}

static void
test_background_portal_window (Fixture       *fixture,
                               gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      run_background_portal_window (fixture);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether the prompt's contents take part in the window's layout: while it asks
 * nothing they must not (a concealed revealer still has its child measured, and
 * the wrapping question cost a quarter of the window's first layout). */
static gboolean
prompt_contents_visible (GtkWidget *prompt)
{
  return gtk_widget_get_visible (gtk_widget_get_first_child (prompt));
}

/* Runs the main loop until the prompt's contents are hidden (after the revealer's
 * transition); fails after 30 seconds. */
static void
wait_for_prompt_hidden (GtkWidget *prompt)
{
  gint64 limit = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint tick_id = g_timeout_add (20, tick, NULL);

  while (prompt_contents_visible (prompt) && g_get_monotonic_time () < limit)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick_id);
  g_assert_false (prompt_contents_visible (prompt));
}

static MqSession *
add_plain_token_account (Fixture *fixture)
{
  g_autoptr(MqAccount) account = mq_account_new (fixture->base.url, 9, "Plain Token",
                                                 MQ_TOKEN_KIND_PERSONAL, NULL);
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;
  MqSession *session = g_object_ref (mq_accounts_get_session (fixture->registry, account));

  /* Not a JWT: no expiry is known, so there is nothing to warn about. */
  token = mq_token_new_personal ("plain-personal-access-token", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mq_token_get_expires_at (token), ==, 0);
  g_hash_table_insert (fixture->sessions, g_strdup (mq_account_get_id (account)), session);
  sign_in (session, token);

  return session;
}

/* An OAuth sign-in made without the fake's /oauth/token: in the "sandbox" GLib would
 * ask the (absent) proxy portal for every HTTP request. */
static MqSession *
add_offline_oauth_account (Fixture *fixture)
{
  g_autoptr(MqAccount) account = mq_account_new (fixture->base.url, 10, "Max Mustermann",
                                                 MQ_TOKEN_KIND_OAUTH, "client");
  g_autoptr(JsonObject) response = json_object_new ();
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;
  MqSession *session = g_object_ref (mq_accounts_get_session (fixture->registry, account));

  json_object_set_string_member (response, "access_token", "oauth-access");
  json_object_set_string_member (response, "refresh_token", "oauth-refresh");
  json_object_set_string_member (response, "token_type", "Bearer");
  json_object_set_int_member (response, "expires_in", LIFETIME);
  token = mq_token_new_from_oauth_response (response, mq_clock_now (), &error);
  g_assert_no_error (error);
  g_hash_table_insert (fixture->sessions, g_strdup (mq_account_get_id (account)), session);
  mq_test_session_sign_in_with (session, token, "client-secret");

  return session;
}

/* The question after a sign-in that can end: shown once, Allow asks the Background
 * portal (with autostart) and turns the setting on, Not Now only remembers the answer. */
static void
run_background_prompt (Fixture *fixture)
{
  g_autoptr(GSubprocess) portal = start_background_portal ();
  g_autoptr(GtkApplication) app = gtk_application_new (TEST_APP_ID ".Prompt", G_APPLICATION_NON_UNIQUE);
  g_autoptr(MqExpiryNotifier) notifier = NULL;
  g_autoptr(GVariant) calls = NULL;
  g_autoptr(GVariant) options = NULL;
  g_autoptr(GError) error = NULL;
  MqSession *plain;
  MqSession *expiring;
  MqSession *oauth;
  GtkWidget *window;
  GtkWidget *prompt;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  notifier = mq_expiry_notifier_new (G_APPLICATION (app), fixture->monitor);
  /* As MqApplication binds them. */
  g_settings_bind (fixture->settings, "run-in-background", notifier, "background",
                   G_SETTINGS_BIND_DEFAULT);
  g_assert_false (g_settings_get_boolean (fixture->settings, "background-prompt-answered"));
  g_assert_false (g_settings_get_boolean (fixture->settings, "run-in-background"));

  window = gtk_window_new ();
  prompt = mq_background_prompt_new ();
  gtk_window_set_child (GTK_WINDOW (window), prompt);
  gtk_window_set_application (GTK_WINDOW (window), app);
  gtk_window_present (GTK_WINDOW (window));
  mq_background_prompt_set_settings (MQ_BACKGROUND_PROMPT (prompt), fixture->settings);
  drain ();
  g_assert_false (prompt_contents_visible (prompt));

  /* A token that never ends: no question. */
  plain = add_plain_token_account (fixture);
  mq_background_prompt_offer (MQ_BACKGROUND_PROMPT (prompt), plain);
  g_assert_false (mq_background_prompt_get_revealed (MQ_BACKGROUND_PROMPT (prompt)));
  g_assert_false (prompt_contents_visible (prompt));

  /* A token with an expiry: asked. Not Now remembers the answer and nothing else. */
  expiring = add_personal_account (fixture, 7, "Erika Mustermann", END);
  mq_background_prompt_offer (MQ_BACKGROUND_PROMPT (prompt), expiring);
  g_assert_true (mq_background_prompt_get_revealed (MQ_BACKGROUND_PROMPT (prompt)));
  g_assert_true (prompt_contents_visible (prompt));
  g_signal_emit_by_name (find_named (prompt, "not-now"), "clicked");
  drain ();
  g_assert_false (mq_background_prompt_get_revealed (MQ_BACKGROUND_PROMPT (prompt)));
  wait_for_prompt_hidden (prompt);
  g_assert_true (g_settings_get_boolean (fixture->settings, "background-prompt-answered"));
  g_assert_false (g_settings_get_boolean (fixture->settings, "run-in-background"));
  calls = get_method_calls (PORTAL_NAME, PORTAL_PATH, "RequestBackground");
  g_assert_cmpuint (g_variant_n_children (calls), ==, 0);
  g_clear_pointer (&calls, g_variant_unref);

  /* Never again, not even after an OAuth sign-in. */
  oauth = add_offline_oauth_account (fixture);
  mq_background_prompt_offer (MQ_BACKGROUND_PROMPT (prompt), oauth);
  g_assert_false (mq_background_prompt_get_revealed (MQ_BACKGROUND_PROMPT (prompt)));

  /* Unanswered again (another profile), an OAuth sign-in asks; Allow asks the portal
   * for background and autostart, for this window, and turns the setting on. */
  g_settings_reset (fixture->settings, "background-prompt-answered");
  mq_background_prompt_offer (MQ_BACKGROUND_PROMPT (prompt), oauth);
  g_assert_true (mq_background_prompt_get_revealed (MQ_BACKGROUND_PROMPT (prompt)));
  g_signal_emit_by_name (find_named (prompt, "allow"), "clicked");
  g_assert_true (g_settings_get_boolean (fixture->settings, "background-prompt-answered"));
  g_assert_true (g_settings_get_boolean (fixture->settings, "run-in-background"));
  calls = get_method_calls (PORTAL_NAME, PORTAL_PATH, "RequestBackground");
  g_assert_cmpuint (g_variant_n_children (calls), ==, 1);
  options = get_argument (calls, 0, 1);
  assert_background_request (options, TRUE);
  drain ();
  g_assert_true (mq_expiry_notifier_get_background (notifier));
  g_assert_false (mq_background_prompt_get_revealed (MQ_BACKGROUND_PROMPT (prompt)));

  /* Once allowed, it is not asked either. */
  g_settings_reset (fixture->settings, "background-prompt-answered");
  mq_background_prompt_offer (MQ_BACKGROUND_PROMPT (prompt), oauth);
  g_assert_false (mq_background_prompt_get_revealed (MQ_BACKGROUND_PROMPT (prompt)));

  g_settings_unbind (notifier, "background");
  mq_expiry_notifier_set_background (notifier, FALSE);
  g_settings_reset (fixture->settings, "background-prompt-answered");
  g_settings_reset (fixture->settings, "run-in-background");
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  stop_mock (g_steal_pointer (&portal));
}

static void
test_background_prompt (Fixture       *fixture,
                        gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      run_background_prompt (fixture);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ---- main ---- */

int
main (int   argc,
      char *argv[])
{
  static const char *notification_daemon_arguments[] = {
    "--template", "notification_daemon", NULL
  };
  g_autoptr(GDBusConnection) connection = NULL;
  int status;

  /* The dates in the notifications are the user's local ones. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  /* GTK_USE_PORTAL=1 stands for a sandbox, for the Background portal test. GLib also
   * reads it, once per process, for its own portals: only that test's process gets it,
   * and before any thread runs. */
  if (g_test_subprocess ())
    g_setenv ("GTK_USE_PORTAL", "1", TRUE);

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("python3-dbusmock needs /usr/bin/python3");
      return g_test_run ();
    }

  /* A private session bus, with the display and the runtime dir kept. */
  mq_test_bus_start (G_BUS_TYPE_SESSION, (const char * const[]) { "DISPLAY", "XDG_RUNTIME_DIR", NULL });
  notification_daemon = start_mock (notification_daemon_arguments, NOTIFICATIONS_NAME);
  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  /* Else GLib would send to GNOME Shell's org.gtk.Notifications. */
  g_assert_false (name_has_owner (connection, "org.gtk.Notifications"));
  start_application ();

#define ADD(path, func) \
  g_test_add ("/notifications/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("warning", test_warning);
  ADD ("ended-replaces", test_ended_replaces);
  ADD ("silent-refresh", test_silent_refresh);
  ADD ("refresh-withdraws", test_refresh_withdraws);
  ADD ("refresh-refused", test_refresh_refused);
  ADD ("two-accounts", test_two_accounts);
  ADD ("actions", test_actions);
  ADD ("not-registered", test_not_registered);
  ADD ("background-hold", test_background_hold);
  ADD ("background-portal", test_background_portal);
  ADD ("background-portal-window", test_background_portal_window);
  ADD ("background-prompt", test_background_prompt);

#undef ADD

  status = g_test_run ();

  g_clear_object (&application);
  g_clear_pointer (&activations, g_ptr_array_unref);
  stop_mock (g_steal_pointer (&notification_daemon));
  g_clear_object (&connection);
  mq_test_bus_stop ();

  return status;
}
