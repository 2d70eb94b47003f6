/* hardening-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define SECRET_API_SUBJECT_TO_CHANGE

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "hardening-util.h"
#include "mq-api-error.h"
#include "mq-auth-error.h"
#include "mq-core-enums.h"

/* ---- messages in the user's language ---- */

void
hardening_use_translations (void)
{
  /* The German locale built in the build tree (see meson.build): LANGUAGE alone is
   * ignored under the C locales by newer glibc. */
  g_setenv ("LOCPATH", HARDENING_LOCPATH, TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  /* In the environment too: gtk_init() calls setlocale (LC_ALL, "") again. */
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, "de_DE.UTF-8"));
  bindtextdomain (GETTEXT_PACKAGE, HARDENING_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static void
assert_translated (const char *msgid,
                   const char *translated)
{
  /* Equal: no catalog at HARDENING_LOCALEDIR, or no translation of this message. */
  if (g_strcmp0 (msgid, translated) == 0)
    g_error ("No German translation of “%s” in %s/de: build the po files, and keep "
             "po/de.po up to date", msgid, HARDENING_LOCALEDIR);
}

const char *
hardening_translate (const char *msgid)
{
  const char *translated = g_dgettext (GETTEXT_PACKAGE, msgid);

  assert_translated (msgid, translated);
  return translated;
}

const char *
hardening_translate_plural (const char *msgid,
                            const char *msgid_plural,
                            gulong      n)
{
  const char *translated = g_dngettext (GETTEXT_PACKAGE, msgid, msgid_plural, n);

  assert_translated (n == 1 ? msgid : msgid_plural, translated);
  return translated;
}

char *
hardening_error_name (const GError *error)
{
  GType type = G_TYPE_INVALID;

  if (error->domain == MQ_API_ERROR)
    type = MQ_TYPE_API_ERROR;
  else if (error->domain == MQ_AUTH_ERROR)
    type = MQ_TYPE_AUTH_ERROR;
  else if (error->domain == MQ_KEYRING_ERROR)
    type = MQ_TYPE_KEYRING_ERROR;
  else if (error->domain == G_IO_ERROR)
    type = G_TYPE_IO_ERROR_ENUM;
  else if (error->domain == G_TLS_ERROR)
    type = G_TYPE_TLS_ERROR;

  if (type != G_TYPE_INVALID)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *value = g_enum_get_value (klass, error->code);

      if (value != NULL)
        return g_strdup (value->value_name);
    }

  return g_strdup_printf ("%s %d", g_quark_to_string (error->domain), error->code);
}

void
hardening_assert_error (const GError  *error,
                        GQuark         domain,
                        int            code,
                        const char    *expected,
                        const char   **secrets,
                        gsize          n_secrets)
{
  g_assert_error ((GError *) error, domain, code);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpstr (error->message, ==, expected);

  /* Not with g_assert_cmpstr(), which would print the secret. */
  for (gsize i = 0; i < n_secrets; i++)
    if (secrets[i] != NULL && strstr (error->message, secrets[i]) != NULL)
      g_error ("An error message holds secret number %" G_GSIZE_FORMAT " of its list (the "
               "message is not shown here, as it would show the secret)", i);
}

void
hardening_print_row (const char   *row,
                     const GError *error,
                     const char   *shown)
{
  g_autofree char *name = hardening_error_name (error);

  g_test_message ("| %s | %s | %s |", row, name, shown);
}

/* ---- the keyring ---- */

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
hardening_keyring_lookup (const char *server,
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

/* Up until the process ends, when GTestDBus's watcher stops its daemon. Never stopped
 * before: libsecret and GDBus keep their connection to the session bus, and would
 * fail loudly (or end the process) once it is gone. Never unreferenced: disposing a
 * GTestDBus waits for every connection to its bus to close. */
static GTestDBus *private_bus;

void
hardening_private_bus_start (void)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  g_assert_null (private_bus);

  private_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (private_bus);

  /* g_test_dbus_up() unsets DISPLAY too: the window tests need it. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
}

struct _HardeningKeyring
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

HardeningKeyring *
hardening_keyring_start (const char *home,
                         const char *password)
{
  const char *argv[] = { "gnome-keyring-daemon", "--foreground", "--unlock",
                         "--components=secrets", NULL };
  g_autofree char *runtime_dir = g_build_filename (home, "run", NULL);
  g_autofree char *data_dir = g_build_filename (home, "data", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = NULL;
  HardeningKeyring *keyring;
  int stdin_fd;

  keyring = g_new0 (HardeningKeyring, 1);
  keyring->password = g_strdup (password != NULL ? password : "");

  hardening_private_bus_start ();

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
hardening_keyring_lock (HardeningKeyring *keyring)
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
hardening_keyring_unlock (HardeningKeyring *keyring)
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
hardening_keyring_stop (HardeningKeyring *keyring)
{
  kill (keyring->pid, SIGTERM);
  waitpid (keyring->pid, NULL, 0);
  g_spawn_close_pid (keyring->pid);

  g_free (keyring->password);
  g_free (keyring);
}

/* ---- files ---- */

char *
hardening_data_dirs_without_apps (void)
{
  static const char * const shared[] = { "glib-2.0", "mime", "icons", "themes", "fonts" };
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("marquee-no-apps-XXXXXX", &error);

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
    {
      g_autofree char *target = g_build_filename ("/usr/share", shared[i], NULL);
      g_autofree char *link = g_build_filename (dir, shared[i], NULL);

      if (g_file_test (target, G_FILE_TEST_IS_DIR) && symlink (target, link) != 0)
        g_error ("Cannot link %s: %s", link, g_strerror (errno));
    }

  return dir;
}

void
hardening_remove_tree (const char *path)
{
  GStatBuf info;

  /* lstat: a symbolic link is removed, never followed. */
  if (g_lstat (path, &info) != 0)
    return;

  if (S_ISDIR (info.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          hardening_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}
