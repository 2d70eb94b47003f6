/* mq-test-keyring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define SECRET_API_SUBJECT_TO_CHANGE

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libsecret/secret.h>

#include "mq-test-async.h"
#include "mq-test-bus.h"
#include "mq-test-keyring.h"

gboolean
mq_test_store_secret (MqTokenStore  *store,
                      const char    *server,
                      const char    *account,
                      MqSecretKind   kind,
                      const char    *secret,
                      GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *label = g_strdup_printf ("Marquee test: %s on %s", account, server);
  GAsyncResult *pending = NULL;

  mq_token_store_store_async (store, server, account, kind, label, secret, NULL,
                              mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);

  return mq_token_store_store_finish (store, result, error);
}

char *
mq_test_lookup_secret (MqTokenStore  *store,
                       const char    *server,
                       const char    *account,
                       MqSecretKind   kind,
                       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  mq_token_store_lookup_async (store, server, account, kind, NULL,
                               mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);

  return mq_token_store_lookup_finish (store, result, error);
}

gboolean
mq_test_clear_secrets (MqTokenStore  *store,
                       const char    *server,
                       const char    *account,
                       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  mq_token_store_clear_async (store, server, account, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);

  return mq_token_store_clear_finish (store, result, error);
}

/* ---- the keyring, as another program sees it ---- */

static const SecretSchema *
marquee_schema (void)
{
  static const SecretSchema schema = {
    APP_ID, SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

char *
mq_test_keyring_lookup (const char *server,
                        const char *account,
                        const char *kind)
{
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_sync (marquee_schema (), NULL, &error,
                                        "server", server,
                                        "account", account,
                                        "kind", kind,
                                        NULL);
  g_assert_no_error (error);

  return secret;
}

struct _MqTestKeyring
{
  GPid       pid;
  char      *password;
};

static gboolean
secret_service_is_up (void)
{
  g_autoptr(GDBusConnection) connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  if (connection == NULL)
    return FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  return has_owner;
}

MqTestKeyring *
mq_test_keyring_start (const char *home,
                       const char *password)
{
  /* The window tests need the display; the daemon below goes without it. */
  static const char * const keep[] = { "DISPLAY", NULL };
  const char *argv[] = { "gnome-keyring-daemon", "--foreground", "--unlock",
                         "--components=secrets", NULL };
  g_autofree char *runtime_dir = g_build_filename (home, "run", NULL);
  g_autofree char *data_dir = g_build_filename (home, "data", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = NULL;
  MqTestKeyring *keyring;
  int stdin_fd;

  keyring = g_new0 (MqTestKeyring, 1);
  keyring->password = g_strdup (password != NULL ? password : "");

  mq_test_bus_start (G_BUS_TYPE_SESSION, keep);

  g_assert_cmpint (g_mkdir_with_parents (runtime_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);

  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "HOME", home, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_dir, TRUE);
  envp = g_environ_setenv (envp, "XDG_RUNTIME_DIR", runtime_dir, TRUE);
  /* An unlock prompt must fail at once instead of waiting on a display. */
  envp = g_environ_unsetenv (envp, "DISPLAY");

  /* Its output would break the TAP stream. */
  g_spawn_async_with_pipes (NULL, (char **) argv, envp,
                            G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                            G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &keyring->pid, &stdin_fd, NULL, NULL, &error);
  g_assert_no_error (error);
  if (*keyring->password != '\0')
    g_assert_cmpint (write (stdin_fd, keyring->password, strlen (keyring->password)), ==,
                     (gssize) strlen (keyring->password));
  close (stdin_fd);

  for (guint i = 0; i < 200 && !secret_service_is_up (); i++)
    g_usleep (50 * 1000);
  g_assert_true (secret_service_is_up ());

  return keyring;
}

static SecretCollection *
default_collection (SecretService *service)
{
  g_autoptr(GError) error = NULL;
  SecretCollection *collection;

  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);

  return collection;
}

void
mq_test_keyring_lock (MqTestKeyring *keyring)
{
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, NULL);
  g_autoptr(SecretCollection) collection = default_collection (service);
  g_autoptr(GError) error = NULL;
  GList objects = { collection, NULL, NULL };

  secret_service_lock_sync (service, &objects, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (secret_collection_get_locked (collection));
}

void
mq_test_keyring_unlock (MqTestKeyring *keyring)
{
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, NULL);
  g_autoptr(SecretCollection) collection = default_collection (service);
  g_autoptr(SecretValue) password = secret_value_new (keyring->password, -1, "text/plain");
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_proxy_call_sync (G_DBUS_PROXY (service),
                                  "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface.UnlockWithMasterPassword",
                                  g_variant_new ("(o@(oayays))",
                                                 g_dbus_proxy_get_object_path (G_DBUS_PROXY (collection)),
                                                 secret_service_encode_dbus_secret (service, password)),
                                  G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  /* The proxy learns of it through a signal. */
  for (guint i = 0; i < 100 && secret_collection_get_locked (collection); i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  g_assert_false (secret_collection_get_locked (collection));
}

void
mq_test_keyring_stop (MqTestKeyring *keyring)
{
  kill (keyring->pid, SIGTERM);
  waitpid (keyring->pid, NULL, 0);
  g_spawn_close_pid (keyring->pid);

  g_free (keyring->password);
  g_free (keyring);
}
