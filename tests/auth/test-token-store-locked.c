/* test-token-store-locked.c: a locked keyring, told apart from "nothing stored"
 *
 * Its own program with its own bus and gnome-keyring-daemon: locking the headless
 * session's keyring would break the tests running beside it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mq-auth-error.h"
#include "mq-test-bus.h"
#include "mq-test-keyring.h"

#define SERVER "https://locked-test.invalid"
#define PASSWORD "locked-test-password"

/* A keyring of our own, unlocked with a password we know, on a bus of our own. */
static MqTestKeyring *keyring;

static void
test_locked (void)
{
  g_autoptr(MqTokenStore) store = mq_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  g_assert_true (mq_test_store_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, "the token", &error));
  g_assert_no_error (error);

  mq_test_keyring_lock (keyring);

  /* libsecret finds nothing in a locked collection; the store says why. */
  found = mq_test_lookup_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, &error);
  g_assert_error (error, MQ_KEYRING_ERROR, MQ_KEYRING_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "The keyring is locked"));
  g_assert_nonnull (strstr (error->message, "only while it runs"));
  g_assert_null (found);
  g_clear_error (&error);

  /* Nobody here can answer the unlock prompt: storing fails the same way. */
  g_assert_false (mq_test_store_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, "another", &error));
  g_assert_error (error, MQ_KEYRING_ERROR, MQ_KEYRING_ERROR_LOCKED);
  g_clear_error (&error);

  mq_test_keyring_unlock (keyring);

  /* Unlocked again, the token is there, unchanged. */
  found = mq_test_lookup_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "the token");

  g_assert_true (mq_test_clear_secrets (store, SERVER, "1@a", NULL));
}

int
main (int   argc,
      char *argv[])
{
  /* Left for the system's tmp cleaning; the keyring files are throw-away. */
  g_autofree char *keyring_home = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/token-store/locked", test_locked);

  keyring_home = g_dir_make_tmp ("marquee-locked-XXXXXX", NULL);
  g_assert_nonnull (keyring_home);
  keyring = mq_test_keyring_start (keyring_home, PASSWORD);
  status = g_test_run ();
  mq_test_keyring_stop (keyring);
  mq_test_bus_stop ();

  return status;
}
