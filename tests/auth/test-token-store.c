/* test-token-store.c: tokens in the headless session's real gnome-keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <libsecret/secret.h>

#include "mq-auth-error.h"
#include "mq-test-async.h"
#include "mq-test-keyring.h"

/* Test servers of their own: other tests share the keyring. */
#define SERVER "https://token-store-test.invalid"
#define OTHER_SERVER "https://token-store-other.invalid"

static void
clear_all (MqTokenStore *store)
{
  const char *accounts[] = { "1@a", "2@a", "3@a" };

  for (gsize i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      g_assert_true (mq_test_clear_secrets (store, SERVER, accounts[i], NULL));
      g_assert_true (mq_test_clear_secrets (store, OTHER_SERVER, accounts[i], NULL));
    }
}

static void
test_store_lookup (void)
{
  g_autoptr(MqTokenStore) store = mq_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  clear_all (store);

  g_assert_true (mq_test_store_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, "{\"t\":1}", &error));
  g_assert_no_error (error);

  found = mq_test_lookup_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "{\"t\":1}");

  clear_all (store);
}

static void
test_lookup_nothing (void)
{
  g_autoptr(MqTokenStore) store = mq_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  clear_all (store);

  /* Nothing stored is no error: the keyring is unlocked. */
  found = mq_test_lookup_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, &error);
  g_assert_no_error (error);
  g_assert_null (found);
}

/* The items of any program with these attributes. */
static GList *
search_items (const char *server,
              const char *account)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GList *items;

  g_hash_table_insert (attributes, "server", (gpointer) server);
  g_hash_table_insert (attributes, "account", (gpointer) account);
  items = secret_service_search_sync (NULL, NULL, attributes, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);

  return items;
}

static guint
count_items (const char *server,
             const char *account)
{
  g_autolist(SecretItem) items = search_items (server, account);

  return g_list_length (items);
}

static void
test_replace (void)
{
  g_autoptr(MqTokenStore) store = mq_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  clear_all (store);

  g_assert_true (mq_test_store_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, "old", &error));
  g_assert_true (mq_test_store_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, "new", &error));
  g_assert_no_error (error);

  found = mq_test_lookup_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, &error);
  g_assert_cmpstr (found, ==, "new");
  /* Replaced, not added beside. */
  g_assert_cmpuint (count_items (SERVER, "1@a"), ==, 1);

  clear_all (store);
}

static void
test_kept_apart (void)
{
  g_autoptr(MqTokenStore) store = mq_token_store_new ();
  g_autoptr(GError) error = NULL;
  static const struct {
    const char *server;
    const char *account;
    MqSecretKind kind;
    const char *secret;
  } items[] = {
    { SERVER, "1@a", MQ_SECRET_KIND_TOKEN, "token of 1" },
    { SERVER, "1@a", MQ_SECRET_KIND_CLIENT_SECRET, "client secret of 1" },
    { SERVER, "2@a", MQ_SECRET_KIND_TOKEN, "token of 2" },
    { OTHER_SERVER, "1@a", MQ_SECRET_KIND_TOKEN, "token of 1 elsewhere" },
  };

  clear_all (store);

  for (gsize i = 0; i < G_N_ELEMENTS (items); i++)
    g_assert_true (mq_test_store_secret (store, items[i].server, items[i].account, items[i].kind,
                                         items[i].secret, NULL));

  for (gsize i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autofree char *found = mq_test_lookup_secret (store, items[i].server, items[i].account,
                                                      items[i].kind, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (found, ==, items[i].secret);
    }

  /* Clearing one account takes its token and client secret, nothing else. */
  g_assert_true (mq_test_clear_secrets (store, SERVER, "1@a", &error));
  g_assert_no_error (error);
  g_assert_null (mq_test_lookup_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, NULL));
  g_assert_null (mq_test_lookup_secret (store, SERVER, "1@a", MQ_SECRET_KIND_CLIENT_SECRET, NULL));

  for (gsize i = 2; i < G_N_ELEMENTS (items); i++)
    {
      g_autofree char *found = mq_test_lookup_secret (store, items[i].server, items[i].account,
                                                      items[i].kind, NULL);

      g_assert_cmpstr (found, ==, items[i].secret);
    }

  /* Clearing what is not there is fine. */
  g_assert_true (mq_test_clear_secrets (store, SERVER, "1@a", &error));
  g_assert_no_error (error);

  clear_all (store);
}

static void
test_schema (void)
{
  static const SecretSchema other_app = {
    "org.example.OtherApp", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  g_autoptr(MqTokenStore) store = mq_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_autolist(SecretItem) items = NULL;
  g_autofree char *found = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  clear_all (store);
  g_assert_true (mq_test_store_secret (store, SERVER, "3@a", MQ_SECRET_KIND_CLIENT_SECRET, "s", NULL));

  items = search_items (SERVER, "3@a");
  g_assert_cmpuint (g_list_length (items), ==, 1);

  /* Named after the app: what another program with the same attributes stores is not
   * ours, and ours is not its. */
  attributes = secret_item_get_attributes (items->data);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "xdg:schema"), ==, "io.github.marqueesignage.Marquee");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "kind"), ==, "client-secret");
  g_assert_cmpuint (g_hash_table_size (attributes), ==, 4);
  label = secret_item_get_label (items->data);
  g_assert_cmpstr (label, ==, "Marquee test: 3@a on " SERVER);

  found = secret_password_lookup_sync (&other_app, NULL, &error,
                                       "server", SERVER, "account", "3@a", "kind", "client-secret",
                                       NULL);
  g_assert_no_error (error);
  g_assert_null (found);

  secret_password_store_sync (&other_app, SECRET_COLLECTION_DEFAULT, "other", "not ours", NULL, &error,
                              "server", SERVER, "account", "2@a", "kind", "token", NULL);
  g_assert_no_error (error);
  g_assert_null (mq_test_lookup_secret (store, SERVER, "2@a", MQ_SECRET_KIND_TOKEN, NULL));
  secret_password_clear_sync (&other_app, NULL, NULL, "server", SERVER, NULL);

  clear_all (store);
}

static void
test_cancelled (void)
{
  g_autoptr(MqTokenStore) store = mq_token_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;

  g_cancellable_cancel (cancellable);
  mq_token_store_store_async (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, "label", "secret",
                              cancellable, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);

  /* The caller's own cancellation stays what it is. */
  g_assert_false (mq_token_store_store_finish (store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_error_mapping (void)
{
  static const struct {
    GQuark (*domain) (void);
    int code;
    const char *message;
    int expected;
  } cases[] = {
    { g_dbus_error_quark, G_DBUS_ERROR_SERVICE_UNKNOWN,
      "The name org.freedesktop.secrets was not provided by any .service files",
      MQ_KEYRING_ERROR_NO_SERVICE },
    { g_dbus_error_quark, G_DBUS_ERROR_NAME_HAS_NO_OWNER, "no owner", MQ_KEYRING_ERROR_NO_SERVICE },
    { g_dbus_error_quark, G_DBUS_ERROR_UNKNOWN_METHOD,
      "Object does not exist at path “/org/freedesktop/secrets/collection/login”",
      MQ_KEYRING_ERROR_NO_COLLECTION },
    { g_dbus_error_quark, G_DBUS_ERROR_UNKNOWN_METHOD, "No such interface “org.example”",
      MQ_KEYRING_ERROR_FAILED },
    { secret_error_get_quark, SECRET_ERROR_IS_LOCKED,
      "Cannot create an item in a locked collection", MQ_KEYRING_ERROR_LOCKED },
    { g_io_error_quark, G_IO_ERROR_CANCELLED, "user interaction cancelled", MQ_KEYRING_ERROR_CANCELLED },
    { secret_error_get_quark, SECRET_ERROR_PROTOCOL, "bad reply", MQ_KEYRING_ERROR_FAILED },
    { mq_keyring_error_quark, MQ_KEYRING_ERROR_CORRUPT, "kept", MQ_KEYRING_ERROR_CORRUPT },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) input = g_error_new_literal (cases[i].domain (), cases[i].code,
                                                     cases[i].message);
      g_autoptr(GError) error = mq_keyring_error_from_libsecret (input);

      g_test_message ("%s", cases[i].message);
      g_assert_error (error, MQ_KEYRING_ERROR, cases[i].expected);
      /* Each says the sign-in lasts while Marquee runs, except a damaged one. */
      if (cases[i].expected != MQ_KEYRING_ERROR_CORRUPT)
        g_assert_nonnull (strstr (error->message, "Marquee keeps the sign-in only while it runs"));
    }

  /* The remote error's D-Bus name is not for users. */
  {
    g_autoptr(GError) input = g_dbus_error_new_for_dbus_error ("org.freedesktop.Secret.Error.Weird",
                                                               "it broke");
    g_autoptr(GError) error = mq_keyring_error_from_libsecret (input);

    g_assert_error (error, MQ_KEYRING_ERROR, MQ_KEYRING_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "(it broke)"));
    g_assert_null (strstr (error->message, "GDBus"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/token-store/store-lookup", test_store_lookup);
  g_test_add_func ("/token-store/lookup-nothing", test_lookup_nothing);
  g_test_add_func ("/token-store/replace", test_replace);
  g_test_add_func ("/token-store/kept-apart", test_kept_apart);
  g_test_add_func ("/token-store/schema", test_schema);
  g_test_add_func ("/token-store/cancelled", test_cancelled);
  g_test_add_func ("/token-store/error-mapping", test_error_mapping);

  return g_test_run ();
}
