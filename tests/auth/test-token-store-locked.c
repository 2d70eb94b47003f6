/* test-token-store-locked.c: a locked keyring, told apart from "nothing stored"
 *
 * Its own program with its own bus and gnome-keyring-daemon: locking the headless
 * session's keyring would break the tests running beside it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define SECRET_API_SUBJECT_TO_CHANGE

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "auth-test-util.h"
#include "mq-auth-error.h"
#include "token-store-util.h"

#define SERVER "https://locked-test.invalid"
#define PASSWORD "locked-test-password"

/* Left for the end of the process: see stop_keyring(). */
static GTestDBus *bus;
static GPid keyring_pid;
static char *keyring_home;

static gboolean
secret_service_is_up (void)
{
  g_autoptr(GDBusConnection) connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  return has_owner;
}

/* A keyring of our own, unlocked with a password we know, on a bus of our own. */
static void
start_keyring (void)
{
  const char *argv[] = { "gnome-keyring-daemon", "--foreground", "--unlock",
                         "--components=secrets", NULL };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = NULL;
  g_autofree char *runtime_dir = NULL;
  g_autofree char *data_dir = NULL;
  int stdin_fd;

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

  keyring_home = g_dir_make_tmp ("marquee-locked-XXXXXX", &error);
  g_assert_no_error (error);
  runtime_dir = g_build_filename (keyring_home, "run", NULL);
  data_dir = g_build_filename (keyring_home, "data", NULL);
  g_mkdir_with_parents (runtime_dir, 0700);
  g_mkdir_with_parents (data_dir, 0700);

  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "HOME", keyring_home, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_dir, TRUE);
  envp = g_environ_setenv (envp, "XDG_RUNTIME_DIR", runtime_dir, TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");

  /* Its output would break the TAP stream. */
  g_spawn_async_with_pipes (NULL, (char **) argv, envp,
                            G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                            G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &keyring_pid, &stdin_fd, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (stdin_fd, PASSWORD, strlen (PASSWORD)), ==, (gssize) strlen (PASSWORD));
  close (stdin_fd);

  for (guint i = 0; i < 200 && !secret_service_is_up (); i++)
    g_usleep (50 * 1000);
  g_assert_true (secret_service_is_up ());
}

static void
stop_keyring (void)
{
  kill (keyring_pid, SIGTERM);
  waitpid (keyring_pid, NULL, 0);
  g_spawn_close_pid (keyring_pid);

  /* Not g_test_dbus_down(), which waits for every connection to the bus to go:
   * libsecret keeps one for the life of the process. */
  g_test_dbus_stop (bus);
  /* Leaves the keyring files for the system's tmp cleaning; they are throw-away. */
  g_clear_pointer (&keyring_home, g_free);
}

static SecretCollection *
get_default_collection (SecretService *service)
{
  g_autoptr(GError) error = NULL;
  SecretCollection *collection;

  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);

  return collection;
}

static void
lock_default_collection (void)
{
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, NULL);
  g_autoptr(SecretCollection) collection = get_default_collection (service);
  g_autoptr(GError) error = NULL;
  GList objects = { collection, NULL, NULL };

  secret_service_lock_sync (service, &objects, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (secret_collection_get_locked (collection));
}

/* Without a prompt: gnome-keyring's own interface for unlocking with the password. */
static void
unlock_default_collection (void)
{
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, NULL);
  g_autoptr(SecretCollection) collection = get_default_collection (service);
  g_autoptr(SecretValue) password = secret_value_new (PASSWORD, -1, "text/plain");
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_proxy_call_sync (G_DBUS_PROXY (service), "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface.UnlockWithMasterPassword",
                                  g_variant_new ("(o@(oayays))",
                                                 g_dbus_proxy_get_object_path (G_DBUS_PROXY (collection)),
                                                 secret_service_encode_dbus_secret (service, password)),
                                  G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  /* The proxy learns of it through a signal. */
  for (guint i = 0; i < 100 && secret_collection_get_locked (collection); i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (10 * 1000);
  g_assert_false (secret_collection_get_locked (collection));
}

static void
test_locked (void)
{
  g_autoptr(MqTokenStore) store = mq_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  g_assert_true (store_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, "the token", &error));
  g_assert_no_error (error);

  lock_default_collection ();

  /* libsecret finds nothing in a locked collection; the store says why. */
  found = lookup_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, &error);
  g_assert_error (error, MQ_KEYRING_ERROR, MQ_KEYRING_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "The keyring is locked"));
  g_assert_nonnull (strstr (error->message, "only while it runs"));
  g_assert_null (found);
  g_clear_error (&error);

  /* Nobody here can answer the unlock prompt: storing fails the same way. */
  g_assert_false (store_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, "another", &error));
  g_assert_error (error, MQ_KEYRING_ERROR, MQ_KEYRING_ERROR_LOCKED);
  g_clear_error (&error);

  unlock_default_collection ();

  /* Unlocked again, the token is there, unchanged. */
  found = lookup_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "the token");

  g_assert_true (clear_secrets (store, SERVER, "1@a", NULL));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/token-store/locked", test_locked);

  start_keyring ();
  status = g_test_run ();
  stop_keyring ();

  return status;
}
