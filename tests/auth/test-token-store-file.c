/* test-token-store-file.c: libsecret's file backend, what Flatpak uses
 *
 * Its own program: the backend is chosen once per process, from the environment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "mq-auth-error.h"
#include "mq-test-keyring.h"

#define SERVER "https://file-backend-test.invalid"
#define TOKEN "{\"kind\":\"oauth\",\"access_token\":\"file-backend-access-token\"}"

static char *keyring_path;

static void
test_store_and_find (void)
{
  g_autoptr(MqTokenStore) store = mq_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (mq_test_store_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, TOKEN, &error));
  g_assert_no_error (error);
  g_assert_true (mq_test_store_secret (store, SERVER, "1@a", MQ_SECRET_KIND_CLIENT_SECRET, "client secret", &error));
  g_assert_true (mq_test_store_secret (store, SERVER, "2@a", MQ_SECRET_KIND_TOKEN, "other token", &error));

  found = mq_test_lookup_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, TOKEN);
  g_clear_pointer (&found, g_free);

  found = mq_test_lookup_secret (store, SERVER, "1@a", MQ_SECRET_KIND_CLIENT_SECRET, &error);
  g_assert_cmpstr (found, ==, "client secret");
  g_clear_pointer (&found, g_free);

  /* In the file, encrypted. */
  g_file_get_contents (keyring_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);
  g_assert_null (g_strstr_len (contents, (gssize) length, "file-backend-access-token"));
  g_assert_null (g_strstr_len (contents, (gssize) length, "client secret"));

  /* Replaced, then cleared, one account only. */
  g_assert_true (mq_test_store_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, "newer", &error));
  found = mq_test_lookup_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, &error);
  g_assert_cmpstr (found, ==, "newer");
  g_clear_pointer (&found, g_free);

  g_assert_true (mq_test_clear_secrets (store, SERVER, "1@a", &error));
  g_assert_no_error (error);
  found = mq_test_lookup_secret (store, SERVER, "1@a", MQ_SECRET_KIND_TOKEN, &error);
  g_assert_no_error (error);
  g_assert_null (found);
  found = mq_test_lookup_secret (store, SERVER, "2@a", MQ_SECRET_KIND_TOKEN, &error);
  g_assert_cmpstr (found, ==, "other token");
}

static void
test_not_in_secret_service (void)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GError) error = NULL;
  g_autolist(SecretItem) items = NULL;

  /* The session's gnome-keyring is there, and untouched: the file is where it went. */
  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_hash_table_insert (attributes, "server", SERVER);
  items = secret_service_search_sync (service, NULL, attributes, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (items);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* Before libsecret picks its backend. */
  dir = g_dir_make_tmp ("marquee-file-backend-XXXXXX", NULL);
  keyring_path = g_build_filename (dir, "keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring_path, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "file-backend-password", TRUE);

  g_test_add_func ("/token-store/file-backend/store-and-find", test_store_and_find);
  g_test_add_func ("/token-store/file-backend/not-in-secret-service", test_not_in_secret_service);

  status = g_test_run ();

  g_remove (keyring_path);
  g_rmdir (dir);
  g_free (keyring_path);

  return status;
}
