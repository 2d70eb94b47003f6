/* test-token-store-no-service.c: no session bus at all, then a bus without a Secret
 * Service: both are "no keyring", and a sign-in still works for the session
 *
 * Its own program: it points the session bus elsewhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "mq-account.h"
#include "mq-auth-error.h"
#include "mq-session.h"
#include "mq-test-async.h"
#include "mq-test-bus.h"
#include "mq-test-keyring.h"
#include "mq-test-session.h"

#define SERVER "https://no-service-test.invalid"

/* A private bus where nothing provides org.freedesktop.secrets. */
static void
ensure_private_bus (void)
{
  if (!mq_test_bus_is_up ())
    mq_test_bus_start (G_BUS_TYPE_SESSION, NULL);
}

static void
assert_no_service (void)
{
  g_autoptr(MqTokenStore) store = mq_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  g_assert_false (mq_test_store_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, "secret", &error));
  g_assert_error (error, MQ_KEYRING_ERROR, MQ_KEYRING_ERROR_NO_SERVICE);
  /* What it means, what to do, and that the sign-in lasts while Marquee runs. */
  g_assert_nonnull (strstr (error->message, "no Secret Service is running"));
  g_assert_nonnull (strstr (error->message, "GNOME Keyring"));
  g_assert_nonnull (strstr (error->message, "only while it runs"));
  g_clear_error (&error);

  found = mq_test_lookup_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, &error);
  g_assert_error (error, MQ_KEYRING_ERROR, MQ_KEYRING_ERROR_NO_SERVICE);
  g_assert_null (found);
  g_clear_error (&error);

  g_assert_false (mq_test_clear_secrets (store, SERVER, "1@a", &error));
  g_assert_error (error, MQ_KEYRING_ERROR, MQ_KEYRING_ERROR_NO_SERVICE);
}

static void
test_no_bus (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *address = NULL;

  /* GDBus keeps the session bus it connected to. */
  if (mq_test_bus_is_up ())
    {
      g_test_skip ("Runs only before the private bus is up");
      return;
    }

  dir = g_dir_make_tmp ("marquee-no-bus-XXXXXX", NULL);
  address = g_strdup_printf ("unix:path=%s/no-bus-here", dir);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  g_unsetenv ("DISPLAY");

  assert_no_service ();

  g_rmdir (dir);
}

static void
test_bus_without_keyring (void)
{
  ensure_private_bus ();
  assert_no_service ();
}

static void
test_session_keeps_token_in_memory (void)
{
  g_autoptr(MqAccount) account = mq_account_new (SERVER, 1, "Jane Doe", MQ_TOKEN_KIND_PERSONAL, NULL);
  g_autoptr(MqTokenStore) store = mq_token_store_new ();
  g_autoptr(MqSession) session = mq_session_new (account, store);
  g_autoptr(MqToken) token = mq_token_new_personal ("personal-token", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;
  const GError *keyring_error;

  ensure_private_bus ();
  mq_session_sign_in_async (session, token, NULL, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);

  /* Signed in all the same, for as long as Marquee runs. */
  g_assert_true (mq_session_sign_in_finish (session, result, &error));
  g_assert_no_error (error);
  g_assert_true (mq_session_get_token (session) == token);
  keyring_error = mq_session_get_keyring_error (session);
  g_assert_error ((GError *) keyring_error, MQ_KEYRING_ERROR, MQ_KEYRING_ERROR_NO_SERVICE);
  g_assert_false (mq_session_get_needs_sign_in (session));
}

static void
refreshed_cb (MqSession *session,
              guint     *count)
{
  (*count)++;
}

static void
test_refresh_kept_in_memory (MqTestSession *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *token = NULL;
  guint n_refreshed = 0;

  mq_test_session_sign_in (fixture);
  g_assert_error ((GError *) mq_session_get_keyring_error (fixture->session),
                  MQ_KEYRING_ERROR, MQ_KEYRING_ERROR_NO_SERVICE);
  first = g_strdup (mq_token_get_access_token (mq_session_get_token (fixture->session)));
  g_signal_connect (fixture->session, "refreshed", G_CALLBACK (refreshed_cb), &n_refreshed);

  /* The rotated pair cannot be stored; it is the only valid one, so it is kept. */
  token = mq_test_session_get_token (fixture->session, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, !=, first);
  g_assert_cmpstr (token, ==, mq_token_get_access_token (mq_session_get_token (fixture->session)));
  g_assert_cmpuint (n_refreshed, ==, 1);
  g_assert_error ((GError *) mq_session_get_keyring_error (fixture->session),
                  MQ_KEYRING_ERROR, MQ_KEYRING_ERROR_NO_SERVICE);
  g_assert_false (mq_session_get_needs_sign_in (fixture->session));
}

static void
refresh_fixture_set_up (MqTestSession *fixture,
                        gconstpointer  data)
{
  ensure_private_bus ();
  mq_test_session_set_up (fixture, data);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/token-store/no-service/no-bus", test_no_bus);
  g_test_add_func ("/token-store/no-service/bus-without-keyring", test_bus_without_keyring);
  g_test_add_func ("/token-store/no-service/session-keeps-token", test_session_keeps_token_in_memory);
  g_test_add ("/token-store/no-service/refresh-kept-in-memory", MqTestSession, NULL,
              refresh_fixture_set_up, test_refresh_kept_in_memory, mq_test_session_tear_down);

  status = g_test_run ();

  if (mq_test_bus_is_up ())
    mq_test_bus_stop ();

  return status;
}
