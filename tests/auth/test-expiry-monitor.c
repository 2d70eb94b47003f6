/* test-expiry-monitor.c: when a sign-in needs a warning, with a fake clock, tokens from
 * the fake viewneo, the headless session's keyring, and a throw-away system bus that
 * plays logind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mq-account-manager.h"
#include "mq-accounts.h"
#include "mq-api-error.h"
#include "mq-clock.h"
#include "mq-expiry-monitor.h"
#include "mq-oauth.h"
#include "mq-test-async.h"
#include "mq-test-bus.h"
#include "mq-test-http.h"
#include "mq-test-session.h"

#define DAY (24 * 60 * 60)
/* 2027-01-15 08:00 UTC: any fixed time does. */
#define T0 G_GINT64_CONSTANT (1800000000)
#define LIFETIME 1296000 /* the fake's tokens last 15 days, as viewneo's */

typedef struct
{
  char         *account_id;
  gboolean      warn;
  MqExpiryKind  kind;
  gint64        expires_at;
} Event;

typedef struct
{
  /* The fake viewneo, an OAuth account (Jane Doe, 42) and its session, not yet
   * signed in nor among the accounts: add_oauth_account() does both. */
  MqTestSession     base;
  GSettings        *settings;
  MqAccountManager *accounts;
  /* Where the monitor takes the sessions from; base.session is its session. */
  MqAccounts       *registry;
  /* account id -> MqSession, what the monitor's session function hands out */
  GHashTable       *sessions;
  MqExpiryMonitor  *monitor;
  GPtrArray        *events;
} Fixture;

static void
event_free (Event *event)
{
  g_free (event->account_id);
  g_free (event);
}

static void
warn_cb (MqExpiryMonitor *monitor,
         MqAccount       *account,
         MqExpiryKind     kind,
         gint64           expires_at,
         Fixture         *fixture)
{
  Event *event = g_new0 (Event, 1);

  event->account_id = g_strdup (mq_account_get_id (account));
  event->warn = TRUE;
  event->kind = kind;
  event->expires_at = expires_at;
  g_ptr_array_add (fixture->events, event);
}

static void
withdraw_cb (MqExpiryMonitor *monitor,
             MqAccount       *account,
             Fixture         *fixture)
{
  Event *event = g_new0 (Event, 1);

  event->account_id = g_strdup (mq_account_get_id (account));
  g_ptr_array_add (fixture->events, event);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  mq_clock_set_fake_now (T0);
  mq_test_session_set_up (&fixture->base, data);

  fixture->settings = g_settings_new (APP_ID);
  fixture->accounts = mq_account_manager_new (fixture->settings);
  fixture->registry = mq_accounts_new (fixture->settings, fixture->base.store);
  g_set_object (&fixture->base.session,
                mq_accounts_get_session (fixture->registry, fixture->base.account));
  fixture->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  fixture->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);

  fixture->monitor = mq_expiry_monitor_new (fixture->settings, fixture->registry);
  g_signal_connect (fixture->monitor, "warn", G_CALLBACK (warn_cb), fixture);
  g_signal_connect (fixture->monitor, "withdraw", G_CALLBACK (withdraw_cb), fixture);
}

/* Runs what is ready to run: the monitor's queued check, finished keyring calls. */
static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
sign_out (MqSession *session)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  mq_session_sign_out_async (session, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  mq_session_sign_out_finish (session, result, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GHashTableIter iter;
  MqSession *session;

  g_assert_finalize_object (fixture->monitor);

  /* Leave the keyring as it was. */
  g_hash_table_iter_init (&iter, fixture->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &session))
    if (session != fixture->base.session)
      sign_out (session);

  g_clear_pointer (&fixture->sessions, g_hash_table_unref);
  g_clear_pointer (&fixture->events, g_ptr_array_unref);
  g_settings_reset (fixture->settings, "accounts");
  g_settings_reset (fixture->settings, "current-account");
  g_settings_reset (fixture->settings, "expiry-warning-days");
  g_clear_object (&fixture->accounts);
  g_clear_object (&fixture->registry);
  g_clear_object (&fixture->settings);
  drain ();

  mq_test_session_tear_down (&fixture->base, data);
}

static gboolean
tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop for this long. */
static void
run_for (guint milliseconds)
{
  gint64 until = g_get_monotonic_time () + milliseconds * 1000;
  guint tick_id = g_timeout_add (10, tick, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick_id);
}

/* Runs the main loop until @n events in all were seen; fails after 30 seconds. */
static void
wait_for_events (Fixture *fixture,
                 guint    n)
{
  gint64 limit = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint tick_id = g_timeout_add (50, tick, NULL);

  while (fixture->events->len < n && g_get_monotonic_time () < limit)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick_id);
  g_assert_cmpuint (fixture->events->len, >=, n);
}

static void
assert_warning (Fixture      *fixture,
                guint         index,
                MqAccount    *account,
                MqExpiryKind  kind,
                gint64        expires_at)
{
  Event *event;

  g_assert_cmpuint (index, <, fixture->events->len);
  event = g_ptr_array_index (fixture->events, index);
  g_assert_cmpstr (event->account_id, ==, mq_account_get_id (account));
  g_assert_true (event->warn);
  g_assert_cmpint (event->kind, ==, kind);
  g_assert_cmpint (event->expires_at, ==, expires_at);
}

static void
assert_withdrawal (Fixture   *fixture,
                   guint      index,
                   MqAccount *account)
{
  Event *event;

  g_assert_cmpuint (index, <, fixture->events->len);
  event = g_ptr_array_index (fixture->events, index);
  g_assert_cmpstr (event->account_id, ==, mq_account_get_id (account));
  g_assert_false (event->warn);
}

/* Runs what is ready to run, then asserts that @n events in all were seen. */
static void
assert_events_when_idle (Fixture *fixture,
                         guint    n)
{
  drain ();
  g_assert_cmpuint (fixture->events->len, ==, n);
}

/* Moves the clock to @now and has the monitor look at once, as after a resume. */
static void
check_at (Fixture *fixture,
          gint64   now)
{
  mq_clock_set_fake_now (now);
  mq_expiry_monitor_check_now (fixture->monitor);
}

/* The first event about @account from @from on: the order between accounts is not
 * given. */
static guint
find_event (Fixture   *fixture,
            guint      from,
            MqAccount *account)
{
  for (guint i = from; i < fixture->events->len; i++)
    {
      Event *event = g_ptr_array_index (fixture->events, i);

      if (g_str_equal (event->account_id, mq_account_get_id (account)))
        return i;
    }

  g_assert_not_reached ();
}

/* A personal access token; a JWT that ends at @expires_at, or an opaque one for 0. */
static void
sign_in_personal (MqSession *session,
                  gint64     expires_at)
{
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (expires_at != 0)
    {
      g_autofree char *payload = NULL;

      payload = g_strdup_printf ("{\"sub\":\"%" G_GINT64_FORMAT "\",\"iat\":%" G_GINT64_FORMAT ",\"exp\":%" G_GINT64_FORMAT "}",
                                 mq_account_get_user_id (mq_session_get_account (session)),
                                 mq_clock_now (), expires_at);
      text = mq_test_make_jwt (payload);
    }
  else
    text = g_strdup ("an-opaque-personal-access-token");

  token = mq_token_new_personal (text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mq_token_get_expires_at (token), ==, expires_at);

  mq_test_session_sign_in_with (session, token, NULL);
}

/* A signed-in account with a personal access token, among the accounts. */
static MqSession *
add_personal_account (Fixture    *fixture,
                      gint64      user_id,
                      const char *name,
                      gint64      expires_at)
{
  g_autoptr(MqAccount) account = mq_account_new (fixture->base.url, user_id, name,
                                                 MQ_TOKEN_KIND_PERSONAL, NULL);
  MqSession *session = g_object_ref (mq_accounts_get_session (fixture->registry, account));

  g_hash_table_insert (fixture->sessions, g_strdup (mq_account_get_id (account)), session);
  sign_in_personal (session, expires_at);
  mq_account_manager_add (fixture->accounts, account);

  return session;
}

/* The fixture's OAuth account, signed in now for LIFETIME, among the accounts. */
static MqSession *
add_oauth_account (Fixture *fixture)
{
  g_hash_table_insert (fixture->sessions, g_strdup (mq_account_get_id (fixture->base.account)),
                       g_object_ref (fixture->base.session));
  mq_test_session_sign_in (&fixture->base);
  mq_account_manager_add (fixture->accounts, fixture->base.account);

  return fixture->base.session;
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

/* ---- tokens that cannot be refreshed ---- */

static void
test_warns_once (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 expires_at = T0 + 10 * DAY;
  MqSession *session = add_personal_account (fixture, 7, "Erika", expires_at);
  MqAccount *account = mq_session_get_account (session);

  assert_events_when_idle (fixture, 0);
  /* Three days ahead by default. */
  g_assert_cmpint (mq_expiry_monitor_get_next_deadline (fixture->monitor), ==, expires_at - 3 * DAY);

  check_at (fixture, expires_at - 3 * DAY - 1);
  g_assert_cmpuint (fixture->events->len, ==, 0);

  check_at (fixture, expires_at - 3 * DAY);
  g_assert_cmpuint (fixture->events->len, ==, 1);
  assert_warning (fixture, 0, account, MQ_EXPIRY_KIND_ENDING_SOON, expires_at);

  /* Checking again, now or later, raises nothing new. */
  mq_expiry_monitor_check_now (fixture->monitor);
  check_at (fixture, expires_at - DAY);
  assert_events_when_idle (fixture, 1);
  g_assert_cmpint (mq_expiry_monitor_get_next_deadline (fixture->monitor), ==, expires_at);
}

static void
test_ended (Fixture       *fixture,
            gconstpointer  data)
{
  gint64 expires_at = T0 + 2 * DAY;
  MqSession *session = add_personal_account (fixture, 7, "Erika", expires_at);
  MqAccount *account = mq_session_get_account (session);

  /* Within the three days already: the first check warns. */
  assert_events_when_idle (fixture, 1);
  assert_warning (fixture, 0, account, MQ_EXPIRY_KIND_ENDING_SOON, expires_at);

  check_at (fixture, expires_at);
  g_assert_cmpuint (fixture->events->len, ==, 2);
  assert_warning (fixture, 1, account, MQ_EXPIRY_KIND_ENDED, expires_at);

  check_at (fixture, expires_at + 5 * DAY);
  assert_events_when_idle (fixture, 2);
  /* Nothing more can happen by the clock. */
  g_assert_cmpint (mq_expiry_monitor_get_next_deadline (fixture->monitor), ==, 0);
}

static void
test_resume (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 expires_at = T0 + 10 * DAY;
  MqSession *session = add_personal_account (fixture, 7, "Erika", expires_at);
  MqAccount *account = mq_session_get_account (session);

  assert_events_when_idle (fixture, 0);

  /* Asleep past the warning time: the timer never saw it pass. */
  check_at (fixture, expires_at - DAY);
  g_assert_cmpuint (fixture->events->len, ==, 1);
  assert_warning (fixture, 0, account, MQ_EXPIRY_KIND_ENDING_SOON, expires_at);
}

static void
test_resume_after_end (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 expires_at = T0 + 10 * DAY;
  MqSession *session = add_personal_account (fixture, 7, "Erika", expires_at);
  MqAccount *account = mq_session_get_account (session);

  drain ();

  /* Asleep past the end: it has ended, there is no "soon" any more. */
  check_at (fixture, expires_at + DAY);
  assert_events_when_idle (fixture, 1);
  assert_warning (fixture, 0, account, MQ_EXPIRY_KIND_ENDED, expires_at);
}

static void
test_timer (Fixture       *fixture,
            gconstpointer  data)
{
  gint64 expires_at = T0 + 10 * DAY;
  MqSession *session = add_personal_account (fixture, 7, "Erika", expires_at);
  MqAccount *account = mq_session_get_account (session);

  /* A second before the warning is due: the timer is set to fire in a second. */
  mq_clock_set_fake_now (expires_at - 3 * DAY - 1);
  assert_events_when_idle (fixture, 0);
  g_assert_cmpint (mq_expiry_monitor_get_next_deadline (fixture->monitor), ==, expires_at - 3 * DAY);

  /* The wall clock moves on; no one calls check_now(). */
  mq_clock_set_fake_now (expires_at - 3 * DAY);
  wait_for_events (fixture, 1);
  assert_warning (fixture, 0, account, MQ_EXPIRY_KIND_ENDING_SOON, expires_at);
}

static void
test_unknown_expiry (Fixture       *fixture,
                     gconstpointer  data)
{
  MqSession *session = add_personal_account (fixture, 7, "Erika", 0);
  MqAccount *account = mq_session_get_account (session);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  drain ();
  check_at (fixture, T0 + 1000 * DAY);
  assert_events_when_idle (fixture, 0);
  g_assert_cmpint (mq_expiry_monitor_get_next_deadline (fixture->monitor), ==, 0);

  /* viewneo refuses it (a 401): now it needs a new sign-in. */
  token = mq_test_session_get_token (session, "an-opaque-personal-access-token", &error);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED);
  g_assert_true (mq_session_get_needs_sign_in (session));
  wait_for_events (fixture, 1);
  assert_events_when_idle (fixture, 1);
  assert_warning (fixture, 0, account, MQ_EXPIRY_KIND_SIGN_IN_REQUIRED, 0);
}

static void
test_two_accounts (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 first_end = T0 + 2 * DAY;
  gint64 second_end = T0 + 10 * DAY;
  MqSession *first = add_personal_account (fixture, 7, "Erika", first_end);
  MqSession *second = add_personal_account (fixture, 8, "Max", second_end);

  assert_events_when_idle (fixture, 1);
  assert_warning (fixture, 0, mq_session_get_account (first), MQ_EXPIRY_KIND_ENDING_SOON, first_end);
  g_assert_cmpint (mq_expiry_monitor_get_next_deadline (fixture->monitor), ==, first_end);

  check_at (fixture, T0 + 8 * DAY);
  g_assert_cmpuint (fixture->events->len, ==, 3);
  assert_warning (fixture, find_event (fixture, 1, mq_session_get_account (first)),
                  mq_session_get_account (first), MQ_EXPIRY_KIND_ENDED, first_end);
  assert_warning (fixture, find_event (fixture, 1, mq_session_get_account (second)),
                  mq_session_get_account (second), MQ_EXPIRY_KIND_ENDING_SOON, second_end);

  /* A new token for the first: its warning goes, the second's stays. */
  sign_in_personal (first, T0 + 40 * DAY);
  assert_events_when_idle (fixture, 4);
  assert_withdrawal (fixture, 3, mq_session_get_account (first));
  g_assert_cmpint (mq_expiry_monitor_get_next_deadline (fixture->monitor), ==, second_end);

  mq_expiry_monitor_check_now (fixture->monitor);
  g_assert_cmpuint (fixture->events->len, ==, 4);
}

static void
test_setting_change (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 expires_at = T0 + 4 * DAY;
  MqSession *session = add_personal_account (fixture, 7, "Erika", expires_at);
  MqAccount *account = mq_session_get_account (session);

  assert_events_when_idle (fixture, 0);
  g_assert_cmpint (mq_expiry_monitor_get_next_deadline (fixture->monitor), ==, expires_at - 3 * DAY);

  /* Five days ahead: due already. */
  g_settings_set_uint (fixture->settings, "expiry-warning-days", 5);
  wait_for_events (fixture, 1);
  assert_warning (fixture, 0, account, MQ_EXPIRY_KIND_ENDING_SOON, expires_at);
  g_assert_cmpint (mq_expiry_monitor_get_next_deadline (fixture->monitor), ==, expires_at);

  /* Back to one day: not due any more, and the timer goes by the new value. */
  g_settings_set_uint (fixture->settings, "expiry-warning-days", 1);
  wait_for_events (fixture, 2);
  assert_withdrawal (fixture, 1, account);
  g_assert_cmpint (mq_expiry_monitor_get_next_deadline (fixture->monitor), ==, expires_at - DAY);

  check_at (fixture, expires_at - DAY);
  g_assert_cmpuint (fixture->events->len, ==, 3);
  assert_warning (fixture, 2, account, MQ_EXPIRY_KIND_ENDING_SOON, expires_at);
}

static void
test_account_removed (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 expires_at = T0 + DAY;
  MqSession *session = add_personal_account (fixture, 7, "Erika", expires_at);
  g_autoptr(MqAccount) account = g_object_ref (mq_session_get_account (session));

  assert_events_when_idle (fixture, 1);
  assert_warning (fixture, 0, account, MQ_EXPIRY_KIND_ENDING_SOON, expires_at);

  mq_account_manager_remove (fixture->accounts, mq_account_get_id (account));
  g_assert_cmpuint (fixture->events->len, ==, 2);
  assert_withdrawal (fixture, 1, account);

  /* It is no longer watched. */
  check_at (fixture, expires_at);
  assert_events_when_idle (fixture, 2);
  g_assert_cmpint (mq_expiry_monitor_get_next_deadline (fixture->monitor), ==, 0);
}

static void
test_signed_out (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 expires_at = T0 + DAY;
  MqSession *session = add_personal_account (fixture, 7, "Erika", expires_at);
  MqAccount *account = mq_session_get_account (session);

  assert_events_when_idle (fixture, 1);

  sign_out (session);
  assert_events_when_idle (fixture, 2);
  assert_withdrawal (fixture, 1, account);
}

/* ---- OAuth tokens ---- */

static void
test_silent_refresh (Fixture       *fixture,
                     gconstpointer  data)
{
  MqSession *session = add_oauth_account (fixture);
  gint64 expires_at = mq_session_get_expires_at (session);
  gboolean refreshed = FALSE;

  g_assert_cmpint (expires_at, ==, T0 + LIFETIME);
  g_signal_connect_swapped (session, "refreshed", G_CALLBACK (set_flag), &refreshed);
  drain ();
  /* It ends at the end; a refresh comes before. */
  g_assert_cmpint (mq_expiry_monitor_get_next_deadline (fixture->monitor), ==, expires_at);

  /* Three days before: a refreshable token warns of nothing, and is not due yet. */
  check_at (fixture, expires_at - 3 * DAY);
  assert_events_when_idle (fixture, 0);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->base.fake, "refresh_token"), ==, 0);

  /* In its refresh window: the check refreshes it. */
  check_at (fixture, expires_at - 3600);
  mq_test_wait_for (&refreshed);
  drain ();
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->base.fake, "refresh_token"), ==, 1);
  g_assert_cmpint (mq_session_get_expires_at (session), ==, expires_at - 3600 + LIFETIME);
  g_assert_cmpint (mq_expiry_monitor_get_next_deadline (fixture->monitor), ==, expires_at - 3600 + LIFETIME);

  mq_expiry_monitor_check_now (fixture->monitor);
  assert_events_when_idle (fixture, 0);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->base.fake, "refresh_token"), ==, 1);
}

static void
test_refresh_fails_then_succeeds (Fixture       *fixture,
                                  gconstpointer  data)
{
  MqSession *session = add_oauth_account (fixture);
  MqAccount *account = mq_session_get_account (session);
  gint64 expires_at = mq_session_get_expires_at (session);
  gint64 limit;
  guint n_requests;

  drain ();
  /* The sign-in's own, for the code. */
  n_requests = fake_viewneo_get_request_count (fixture->base.fake, "/oauth/token");

  /* The token server fails twice, past the end of the token: it has ended. */
  fake_viewneo_add_fault (fixture->base.fake, "/oauth/token", FAKE_FAULT_SERVER_ERROR, 0, 2);
  check_at (fixture, expires_at + 60);
  wait_for_events (fixture, 1);
  assert_warning (fixture, 0, account, MQ_EXPIRY_KIND_ENDED, expires_at);
  g_assert_false (mq_session_get_needs_sign_in (session));
  g_assert_cmpuint (fake_viewneo_get_request_count (fixture->base.fake, "/oauth/token"), ==, n_requests + 1);

  /* Checks go on: one fails again, which changes nothing; the next renews it and the
   * warning is withdrawn. A check while a refresh is under way starts no other. */
  limit = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (fixture->events->len < 2 && g_get_monotonic_time () < limit)
    {
      mq_expiry_monitor_check_now (fixture->monitor);
      run_for (20);
    }
  assert_events_when_idle (fixture, 2);
  assert_withdrawal (fixture, 1, account);
  g_assert_cmpuint (fake_viewneo_get_request_count (fixture->base.fake, "/oauth/token"), ==, n_requests + 3);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->base.fake, "refresh_token"), ==, 1);
  g_assert_cmpint (mq_session_get_expires_at (session), ==, expires_at + 60 + LIFETIME);
}

/* Uses the session's refresh token elsewhere: viewneo rotates it, and the session's
 * copy is revoked. */
static void
spend_refresh_token (Fixture *fixture)
{
  MqToken *token = mq_session_get_token (fixture->base.session);
  g_autoptr(MqOAuth) oauth = mq_oauth_new (fixture->base.url, MQ_TEST_CLIENT_ID,
                                           MQ_TEST_CLIENT_SECRET, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MqToken) rotated = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;

  mq_oauth_refresh_async (oauth, mq_token_get_refresh_token (token), mq_clock_now (), NULL,
                          mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  rotated = mq_oauth_refresh_finish (oauth, result, &error);
  g_assert_no_error (error);
}

static void
test_refresh_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  MqSession *session = add_oauth_account (fixture);
  MqAccount *account = mq_session_get_account (session);
  gint64 expires_at = mq_session_get_expires_at (session);

  drain ();
  spend_refresh_token (fixture);

  check_at (fixture, expires_at - 3600);
  wait_for_events (fixture, 1);
  g_assert_true (mq_session_get_needs_sign_in (session));
  assert_warning (fixture, 0, account, MQ_EXPIRY_KIND_SIGN_IN_REQUIRED, expires_at);

  /* Nothing more to try, nothing new to say. */
  mq_expiry_monitor_check_now (fixture->monitor);
  check_at (fixture, expires_at + DAY);
  assert_events_when_idle (fixture, 1);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->base.fake, "refresh_token"), ==, 1);

  /* Signed in again: withdrawn, once, and no warning for the new token in between. */
  mq_test_session_sign_in (&fixture->base);
  assert_events_when_idle (fixture, 2);
  assert_withdrawal (fixture, 1, account);
}

/* ---- resume from suspend ---- */

static void
emit_prepare_for_sleep (GDBusConnection *logind,
                        gboolean         start)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (logind, NULL, "/org/freedesktop/login1",
                                 "org.freedesktop.login1.Manager", "PrepareForSleep",
                                 g_variant_new ("(b)", start), &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (logind, NULL, &error);
  g_assert_no_error (error);
}

static void
test_logind_resume (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 expires_at = T0 + 10 * DAY;
  MqSession *session = add_personal_account (fixture, 7, "Erika", expires_at);
  MqAccount *account = mq_session_get_account (session);
  g_autoptr(GDBusConnection) logind = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gint64 limit;
  guint owned;

  /* logind, on the system bus the monitor uses. */
  logind = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SYSTEM_BUS_ADDRESS"),
                                                   G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                   G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                   NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (logind, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.login1", 4 /* DO_NOT_QUEUE */),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &owned);
  g_assert_cmpuint (owned, ==, 1 /* PRIMARY_OWNER */);

  assert_events_when_idle (fixture, 0);

  /* Asleep past the warning time. The monitor subscribes asynchronously: say "resumed"
   * until it has heard. */
  mq_clock_set_fake_now (expires_at - DAY);
  limit = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (fixture->events->len == 0 && g_get_monotonic_time () < limit)
    {
      emit_prepare_for_sleep (logind, FALSE);
      run_for (50);
    }
  g_assert_cmpuint (fixture->events->len, ==, 1);
  assert_warning (fixture, 0, account, MQ_EXPIRY_KIND_ENDING_SOON, expires_at);

  /* Going to sleep is no reason to check. */
  mq_clock_set_fake_now (expires_at + DAY);
  emit_prepare_for_sleep (logind, TRUE);
  run_for (300);
  g_assert_cmpuint (fixture->events->len, ==, 1);

  emit_prepare_for_sleep (logind, FALSE);
  wait_for_events (fixture, 2);
  assert_warning (fixture, 1, account, MQ_EXPIRY_KIND_ENDED, expires_at);

  /* Resumed again: nothing new. */
  emit_prepare_for_sleep (logind, FALSE);
  run_for (300);
  g_assert_cmpuint (fixture->events->len, ==, 2);

  g_dbus_connection_close_sync (logind, NULL, NULL);
}

/* A dbus-daemon for the system bus. GTestDBus clears the session's variables (the bus,
 * the keyring's runtime dir, the display); the tests still need them. */
static const char * const session_variables[] = {
  "DBUS_SESSION_BUS_ADDRESS", "DBUS_STARTER_ADDRESS", "DBUS_STARTER_BUS_TYPE",
  "DISPLAY", "XDG_RUNTIME_DIR", NULL
};

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  mq_test_bus_start (G_BUS_TYPE_SYSTEM, session_variables);

#define ADD(path, func) \
  g_test_add ("/expiry-monitor/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("warns-once", test_warns_once);
  ADD ("ended", test_ended);
  ADD ("resume", test_resume);
  ADD ("resume-after-end", test_resume_after_end);
  ADD ("timer", test_timer);
  ADD ("unknown-expiry", test_unknown_expiry);
  ADD ("two-accounts", test_two_accounts);
  ADD ("setting-change", test_setting_change);
  ADD ("account-removed", test_account_removed);
  ADD ("signed-out", test_signed_out);
  ADD ("silent-refresh", test_silent_refresh);
  ADD ("refresh-fails-then-succeeds", test_refresh_fails_then_succeeds);
  ADD ("refresh-refused", test_refresh_refused);
  ADD ("logind-resume", test_logind_resume);

#undef ADD

  status = g_test_run ();
  mq_test_bus_stop ();

  return status;
}
