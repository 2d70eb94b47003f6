/* mq-token-store.c
 *
 * The secret_password_*() calls go to libsecret's backend: the Secret Service on the
 * session bus, or the file backend inside Flatpak. With the Secret Service, every call
 * first connects to it, so that "there is no keyring at all" gets its own message, and
 * the service tells whether a lookup that found nothing found nothing because the
 * collection is locked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-auth"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "mq-auth-error.h"
#include "mq-secret.h"
#include "mq-token-store.h"

struct _MqTokenStore
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (MqTokenStore, mq_token_store, G_TYPE_OBJECT)

typedef enum
{
  OPERATION_STORE,
  OPERATION_LOOKUP,
  OPERATION_CLEAR,
} Operation;

typedef struct
{
  Operation      operation;
  GHashTable    *attributes;
  char          *label;
  char          *secret;
  SecretService *service;
} Request;

static void
request_free (Request *request)
{
  g_clear_pointer (&request->attributes, g_hash_table_unref);
  g_clear_pointer (&request->label, g_free);
  g_clear_pointer (&request->secret, mq_secret_free);
  g_clear_object (&request->service);
  g_free (request);
}

/* Named after the app, and matched by that name (SECRET_SCHEMA_NONE): other
 * programs' items with the same attributes must not match ours. */
static const SecretSchema *
get_schema (void)
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

static const char *
kind_to_attribute (MqSecretKind kind)
{
  return kind == MQ_SECRET_KIND_CLIENT_SECRET ? "client-secret" : "token";
}

static GError *
keyring_error_new (MqKeyringError  code,
                   const char     *detail)
{
  /* The same closing sentence everywhere: the user keeps working either way. */
  const char *session_only = _("Until then, Marquee keeps the sign-in only while it runs.");
  g_autofree char *what = NULL;

  switch (code)
    {
    case MQ_KEYRING_ERROR_NO_SERVICE:
      what = g_strdup (_("Marquee cannot reach a keyring: no Secret Service is running. To stay signed in after Marquee quits, install or start GNOME Keyring or another Secret Service."));
      break;

    case MQ_KEYRING_ERROR_NO_COLLECTION:
      what = g_strdup (_("The keyring has no default collection to keep the sign-in in. Create a “Login” keyring, for example in Passwords and Keys, to stay signed in after Marquee quits."));
      break;

    case MQ_KEYRING_ERROR_LOCKED:
      what = g_strdup (_("The keyring is locked. Unlock it, for example in Passwords and Keys, then sign in again to stay signed in after Marquee quits."));
      break;

    case MQ_KEYRING_ERROR_CANCELLED:
      what = g_strdup (_("The keyring stayed locked because its unlock prompt was dismissed. Sign in again and unlock the keyring when asked to stay signed in after Marquee quits."));
      break;

    case MQ_KEYRING_ERROR_CORRUPT:
      what = g_strdup (_("The sign-in saved in the keyring is damaged or was not written by Marquee. Sign in again."));
      break;

    case MQ_KEYRING_ERROR_FAILED:
    default:
      code = MQ_KEYRING_ERROR_FAILED;
      what = g_strdup_printf (_("The keyring could not keep the sign-in (%s). Check that the keyring works, for example in Passwords and Keys, then sign in again."),
                              detail != NULL ? detail : _("unknown error"));
      break;
    }

  if (code == MQ_KEYRING_ERROR_CORRUPT)
    return g_error_new_literal (MQ_KEYRING_ERROR, code, what);

  return g_error_new (MQ_KEYRING_ERROR, code, "%s %s", what, session_only);
}

static gboolean
is_missing_collection (const GError *error)
{
  /* gnome-keyring without a login collection answers the "default" alias with the
   * path of one that does not exist. */
  return (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
          g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT)) &&
         strstr (error->message, "/collection/") != NULL;
}

static MqKeyringError
keyring_error_code (const GError *error)
{
  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_SERVER) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_EXEC_FAILED) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_CHILD_EXITED) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_FAILED))
    return MQ_KEYRING_ERROR_NO_SERVICE;

  if (is_missing_collection (error))
    return MQ_KEYRING_ERROR_NO_COLLECTION;

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return MQ_KEYRING_ERROR_LOCKED;

  /* The caller's own cancellation is passed on before this is reached: what is left is
   * a prompt (or the portal's dialog) the user dismissed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return MQ_KEYRING_ERROR_CANCELLED;

  return MQ_KEYRING_ERROR_FAILED;
}

GError *
mq_keyring_error_from_libsecret (const GError *error)
{
  g_autoptr(GError) stripped = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == MQ_KEYRING_ERROR)
    return g_error_copy (error);

  /* "GDBus.Error:org.freedesktop...: " is not for users. */
  stripped = g_error_copy (error);
  g_dbus_error_strip_remote_error (stripped);

  return keyring_error_new (keyring_error_code (error), stripped->message);
}

static const char *
operation_name (Operation operation)
{
  switch (operation)
    {
    case OPERATION_STORE:
      return "store";
    case OPERATION_LOOKUP:
      return "lookup";
    case OPERATION_CLEAR:
      return "clear";
    default:
      g_assert_not_reached ();
    }
}

/* Our own cancellation stays G_IO_ERROR_CANCELLED; everything else is told apart. */
static void
return_keyring_error (GTask  *task,
                      GError *error)
{
  g_autoptr(GError) owned = error;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "%s", _("The operation was cancelled."));
      return;
    }

  g_debug ("Keyring %s failed: %s %d: %s",
           operation_name (((Request *) g_task_get_task_data (task))->operation),
           g_quark_to_string (owned->domain), owned->code,
           owned->message);
  g_task_return_error (task, mq_keyring_error_from_libsecret (owned));
}

static void
mq_token_store_class_init (MqTokenStoreClass *klass)
{
}

static void
mq_token_store_init (MqTokenStore *self)
{
}

MqTokenStore *
mq_token_store_new (void)
{
  return g_object_new (MQ_TYPE_TOKEN_STORE, NULL);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    return_keyring_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
collection_checked_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SecretCollection) collection = NULL;
  GError *error = NULL;

  collection = secret_collection_for_alias_finish (result, &error);

  if (error != NULL)
    return_keyring_error (task, error);
  else if (collection == NULL)
    g_task_return_error (task, keyring_error_new (MQ_KEYRING_ERROR_NO_COLLECTION, NULL));
  else if (secret_collection_get_locked (collection))
    g_task_return_error (task, keyring_error_new (MQ_KEYRING_ERROR_LOCKED, NULL));
  else
    g_task_return_pointer (task, NULL, NULL);
}

static void
looked_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      return_keyring_error (task, error);
      return;
    }

  if (secret != NULL)
    {
      g_task_return_pointer (task, secret, (GDestroyNotify) secret_password_free);
      return;
    }

  /* The Secret Service does not search locked collections: "nothing" may mean
   * "locked". The file backend has no such state. */
  if (request->service != NULL)
    {
      secret_collection_for_alias (request->service,
                                   SECRET_COLLECTION_DEFAULT,
                                   SECRET_COLLECTION_NONE,
                                   g_task_get_cancellable (task),
                                   collection_checked_cb,
                                   g_object_ref (task));
      return;
    }

  g_task_return_pointer (task, NULL, NULL);
}

static void
cleared_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to remove, which is fine. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    return_keyring_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_operation (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  switch (request->operation)
    {
    case OPERATION_STORE:
      secret_password_storev (get_schema (), request->attributes, SECRET_COLLECTION_DEFAULT,
                              request->label, request->secret, cancellable,
                              stored_cb, task);
      break;

    case OPERATION_LOOKUP:
      secret_password_lookupv (get_schema (), request->attributes, cancellable,
                               looked_up_cb, task);
      break;

    case OPERATION_CLEAR:
      secret_password_clearv (get_schema (), request->attributes, cancellable,
                              cleared_cb, task);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
service_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  request->service = secret_service_get_finish (result, &error);

  if (request->service == NULL)
    {
      if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        {
          return_keyring_error (task, g_steal_pointer (&error));
          return;
        }

      /* Whatever failed on the way (no bus, no service, a service that does not
       * answer), there is no keyring to use. */
      g_debug ("No Secret Service: %s %d: %s",
               g_quark_to_string (error->domain), error->code, error->message);
      g_task_return_error (task, keyring_error_new (MQ_KEYRING_ERROR_NO_SERVICE, NULL));
      return;
    }

  run_operation (g_steal_pointer (&task));
}

/* libsecret's own choice of backend (secret-backend.c): its file backend inside a
 * Flatpak or Snap sandbox, or when SECRET_BACKEND asks for it; the Secret Service
 * otherwise. */
static gboolean
uses_secret_service (void)
{
  const char *backend = g_getenv ("SECRET_BACKEND");

  if (g_getenv ("FLATPAK_ID") != NULL || g_getenv ("SNAP_NAME") != NULL)
    return FALSE;

  return backend == NULL || *backend == '\0' || g_str_equal (backend, "service");
}

static void
start_request (MqTokenStore        *self,
               Operation            operation,
               const char          *server,
               const char          *account,
               const MqSecretKind  *kind,
               const char          *label,
               const char          *secret,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  request = g_new0 (Request, 1);
  request->operation = operation;
  request->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (request->attributes, "server", g_strdup (server));
  g_hash_table_insert (request->attributes, "account", g_strdup (account));
  if (kind != NULL)
    g_hash_table_insert (request->attributes, "kind", g_strdup (kind_to_attribute (*kind)));
  request->label = g_strdup (label);
  request->secret = g_strdup (secret);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if (uses_secret_service ())
    secret_service_get (SECRET_SERVICE_OPEN_SESSION, cancellable,
                        service_cb, g_steal_pointer (&task));
  else
    run_operation (g_steal_pointer (&task));
}

void
mq_token_store_store_async (MqTokenStore        *self,
                            const char          *server,
                            const char          *account,
                            MqSecretKind         kind,
                            const char          *label,
                            const char          *secret,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (MQ_IS_TOKEN_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (label != NULL);
  g_return_if_fail (secret != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_request (self, OPERATION_STORE, server, account, &kind, label, secret,
                 cancellable, callback, user_data, mq_token_store_store_async);
}

gboolean
mq_token_store_store_finish (MqTokenStore  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_token_store_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mq_token_store_lookup_async (MqTokenStore        *self,
                             const char          *server,
                             const char          *account,
                             MqSecretKind         kind,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (MQ_IS_TOKEN_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_request (self, OPERATION_LOOKUP, server, account, &kind, NULL, NULL,
                 cancellable, callback, user_data, mq_token_store_lookup_async);
}

char *
mq_token_store_lookup_finish (MqTokenStore  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_token_store_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mq_token_store_clear_async (MqTokenStore        *self,
                            const char          *server,
                            const char          *account,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (MQ_IS_TOKEN_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  /* Without a kind: the token and the client secret both go. */
  start_request (self, OPERATION_CLEAR, server, account, NULL, NULL, NULL,
                 cancellable, callback, user_data, mq_token_store_clear_async);
}

gboolean
mq_token_store_clear_finish (MqTokenStore  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_token_store_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
