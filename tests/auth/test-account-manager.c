/* test-account-manager.c: accounts in GSettings, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mq-account-manager.h"

typedef struct
{
  GSettings        *settings;
  MqAccountManager *manager;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* GSETTINGS_BACKEND=memory: every test starts from the defaults. */
  fixture->settings = g_settings_new ("io.github.marqueesignage.Marquee");
  g_settings_reset (fixture->settings, "accounts");
  g_settings_reset (fixture->settings, "current-account");
  fixture->manager = mq_account_manager_new (fixture->settings);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->manager);
  g_clear_object (&fixture->settings);
}

static MqAccount *
get_account (Fixture *fixture,
             guint    position)
{
  GListModel *accounts = mq_account_manager_get_accounts (fixture->manager);
  g_autoptr(MqAccount) account = g_list_model_get_item (accounts, position);

  return account;
}

static void
test_account_id (void)
{
  g_autoptr(MqAccount) cloud = mq_account_new ("https://cloud.viewneo.com", 42, "Jane Doe",
                                               MQ_TOKEN_KIND_OAUTH, "7");
  g_autoptr(MqAccount) local = mq_account_new ("http://127.0.0.1:8080", 42, NULL,
                                               MQ_TOKEN_KIND_PERSONAL, "ignored");
  g_autoptr(MqAccount) v6 = mq_account_new ("http://[::1]:9000", 7, "x",
                                            MQ_TOKEN_KIND_PERSONAL, NULL);

  g_assert_cmpstr (mq_account_get_id (cloud), ==, "42@cloud.viewneo.com");
  g_assert_cmpstr (mq_account_get_server_host (cloud), ==, "cloud.viewneo.com");
  g_assert_cmpstr (mq_account_get_client_id (cloud), ==, "7");
  g_assert_cmpint (mq_account_get_kind (cloud), ==, MQ_TOKEN_KIND_OAUTH);

  /* The same user on another server is another account. */
  g_assert_cmpstr (mq_account_get_id (local), ==, "42@127.0.0.1:8080");
  g_assert_cmpstr (mq_account_get_server_host (local), ==, "127.0.0.1:8080");
  /* Personal tokens have no client. */
  g_assert_null (mq_account_get_client_id (local));

  g_assert_cmpstr (mq_account_get_id (v6), ==, "7@[::1]:9000");
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  GListModel *accounts = mq_account_manager_get_accounts (fixture->manager);

  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 0);
  g_assert_true (g_list_model_get_item_type (accounts) == MQ_TYPE_ACCOUNT);
  g_assert_null (mq_account_manager_get_current (fixture->manager));
  g_assert_null (mq_account_manager_lookup (fixture->manager, "1@cloud.viewneo.com"));
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_changes)
{
  (*n_changes)++;
}

static void
test_add_saves (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MqAccount) jane = mq_account_new ("https://cloud.viewneo.com", 42, "Jane Doe",
                                              MQ_TOKEN_KIND_OAUTH, "7");
  g_autoptr(MqAccount) bob = mq_account_new ("https://cloud.viewneo.com", 43, "Bob",
                                             MQ_TOKEN_KIND_PERSONAL, NULL);
  g_autoptr(GVariant) saved = NULL;
  g_autofree char *printed = NULL;
  g_autoptr(MqAccountManager) other = NULL;
  guint n_changes = 0;

  g_signal_connect (mq_account_manager_get_accounts (fixture->manager), "items-changed",
                    G_CALLBACK (items_changed_cb), &n_changes);

  mq_account_manager_add (fixture->manager, jane);
  mq_account_manager_add (fixture->manager, bob);

  g_assert_cmpuint (n_changes, ==, 2);
  g_assert_true (get_account (fixture, 0) == jane);
  g_assert_true (get_account (fixture, 1) == bob);
  g_assert_true (mq_account_manager_lookup (fixture->manager, "43@cloud.viewneo.com") == bob);

  saved = g_settings_get_value (fixture->settings, "accounts");
  printed = g_variant_print (saved, FALSE);
  g_assert_cmpstr (printed, ==,
                   "[('https://cloud.viewneo.com', 42, 'Jane Doe', 'oauth', '7'), "
                   "('https://cloud.viewneo.com', 43, 'Bob', 'token', '')]");

  /* What a restart sees. */
  other = mq_account_manager_new (fixture->settings);
  g_assert_cmpuint (g_list_model_get_n_items (mq_account_manager_get_accounts (other)), ==, 2);
  {
    MqAccount *loaded = mq_account_manager_lookup (other, "42@cloud.viewneo.com");

    g_assert_nonnull (loaded);
    g_assert_cmpstr (mq_account_get_display_name (loaded), ==, "Jane Doe");
    g_assert_cmpint (mq_account_get_kind (loaded), ==, MQ_TOKEN_KIND_OAUTH);
    g_assert_cmpstr (mq_account_get_client_id (loaded), ==, "7");
  }
}

static void
test_add_replaces (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MqAccount) jane = mq_account_new ("https://cloud.viewneo.com", 42, "Jane",
                                              MQ_TOKEN_KIND_PERSONAL, NULL);
  g_autoptr(MqAccount) bob = mq_account_new ("https://cloud.viewneo.com", 43, "Bob",
                                             MQ_TOKEN_KIND_PERSONAL, NULL);
  g_autoptr(MqAccount) jane_again = mq_account_new ("https://cloud.viewneo.com", 42, "Jane Doe",
                                                    MQ_TOKEN_KIND_OAUTH, "9");
  GListModel *accounts = mq_account_manager_get_accounts (fixture->manager);

  mq_account_manager_add (fixture->manager, jane);
  mq_account_manager_add (fixture->manager, bob);
  mq_account_manager_add (fixture->manager, jane_again);

  /* Signing in to the same account again replaces it, in its place. */
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 2);
  g_assert_true (get_account (fixture, 0) == jane_again);
  g_assert_true (get_account (fixture, 1) == bob);
  g_assert_cmpint (mq_account_get_kind (mq_account_manager_lookup (fixture->manager, "42@cloud.viewneo.com")),
                   ==, MQ_TOKEN_KIND_OAUTH);
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(MqAccount) jane = mq_account_new ("https://cloud.viewneo.com", 42, "Jane",
                                              MQ_TOKEN_KIND_PERSONAL, NULL);
  g_autoptr(MqAccount) bob = mq_account_new ("https://cloud.viewneo.com", 43, "Bob",
                                             MQ_TOKEN_KIND_PERSONAL, NULL);
  g_autoptr(GVariant) saved = NULL;

  mq_account_manager_add (fixture->manager, jane);
  mq_account_manager_add (fixture->manager, bob);
  mq_account_manager_remove (fixture->manager, "42@cloud.viewneo.com");
  /* Unknown ids are no error. */
  mq_account_manager_remove (fixture->manager, "1@example.com");

  g_assert_cmpuint (g_list_model_get_n_items (mq_account_manager_get_accounts (fixture->manager)), ==, 1);
  g_assert_true (get_account (fixture, 0) == bob);
  g_assert_null (mq_account_manager_lookup (fixture->manager, "42@cloud.viewneo.com"));

  saved = g_settings_get_value (fixture->settings, "accounts");
  g_assert_cmpuint (g_variant_n_children (saved), ==, 1);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *n_notifies)
{
  (*n_notifies)++;
}

static void
test_current (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(MqAccount) jane = mq_account_new ("https://cloud.viewneo.com", 42, "Jane",
                                              MQ_TOKEN_KIND_PERSONAL, NULL);
  g_autoptr(MqAccount) bob = mq_account_new ("https://cloud.viewneo.com", 43, "Bob",
                                             MQ_TOKEN_KIND_PERSONAL, NULL);
  g_autofree char *saved = NULL;
  guint n_notifies = 0;

  g_signal_connect (fixture->manager, "notify::current-account", G_CALLBACK (notify_cb), &n_notifies);

  mq_account_manager_add (fixture->manager, jane);
  mq_account_manager_add (fixture->manager, bob);
  g_assert_null (mq_account_manager_get_current (fixture->manager));

  mq_account_manager_set_current (fixture->manager, "43@cloud.viewneo.com");
  g_assert_true (mq_account_manager_get_current (fixture->manager) == bob);
  g_assert_cmpuint (n_notifies, ==, 1);
  saved = g_settings_get_string (fixture->settings, "current-account");
  g_assert_cmpstr (saved, ==, "43@cloud.viewneo.com");

  /* An id that names no account is no account. */
  mq_account_manager_set_current (fixture->manager, "99@cloud.viewneo.com");
  g_assert_null (mq_account_manager_get_current (fixture->manager));
  g_assert_cmpuint (n_notifies, ==, 2);

  /* Removing the current account shows another. */
  mq_account_manager_set_current (fixture->manager, "43@cloud.viewneo.com");
  mq_account_manager_remove (fixture->manager, "43@cloud.viewneo.com");
  g_assert_true (mq_account_manager_get_current (fixture->manager) == jane);

  mq_account_manager_remove (fixture->manager, "42@cloud.viewneo.com");
  g_assert_null (mq_account_manager_get_current (fixture->manager));
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (fixture->settings, "current-account");
  g_assert_cmpstr (saved, ==, "");

  mq_account_manager_set_current (fixture->manager, NULL);
  g_assert_null (mq_account_manager_get_current (fixture->manager));
}

static void
test_external_change (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MqAccount) jane = mq_account_new ("https://cloud.viewneo.com", 42, "Jane",
                                              MQ_TOKEN_KIND_PERSONAL, NULL);
  GListModel *accounts = mq_account_manager_get_accounts (fixture->manager);
  guint n_changes = 0;

  mq_account_manager_add (fixture->manager, jane);
  g_signal_connect (accounts, "items-changed", G_CALLBACK (items_changed_cb), &n_changes);

  /* Another instance renames Jane and adds an account; entries it cannot use (an
   * unknown kind, no server, OAuth without a Client ID, a duplicate) are left out. */
  g_settings_set_value (fixture->settings, "accounts",
                        g_variant_new_parsed ("[('https://cloud.viewneo.com', int64 42, 'Jane Doe', 'token', ''),"
                                              " ('https://cloud.viewneo.com', 43, 'Bob', 'oauth', '5'),"
                                              " ('https://cloud.viewneo.com', 44, 'Eve', 'password', ''),"
                                              " ('', 45, 'Nobody', 'token', ''),"
                                              " ('https://cloud.viewneo.com', 46, 'Ann', 'oauth', ''),"
                                              " ('https://cloud.viewneo.com', 43, 'Bob again', 'oauth', '5')]"));

  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 2);
  g_assert_cmpuint (n_changes, ==, 1);
  /* Jane is the same object, renamed: views bound to it stay valid. */
  g_assert_true (get_account (fixture, 0) == jane);
  g_assert_cmpstr (mq_account_get_display_name (jane), ==, "Jane Doe");
  g_assert_cmpstr (mq_account_get_display_name (get_account (fixture, 1)), ==, "Bob");

  /* The current account follows the key too. */
  g_settings_set_string (fixture->settings, "current-account", "43@cloud.viewneo.com");
  g_assert_true (mq_account_manager_get_current (fixture->manager) == get_account (fixture, 1));

  /* Removed elsewhere: gone here, and no longer current. */
  g_settings_reset (fixture->settings, "accounts");
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 0);
  g_assert_null (mq_account_manager_get_current (fixture->manager));
}

static void
test_rename_saves (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MqAccount) jane = mq_account_new ("https://cloud.viewneo.com", 42, "Jane",
                                              MQ_TOKEN_KIND_PERSONAL, NULL);
  g_autoptr(GVariant) saved = NULL;
  const char *name;

  mq_account_manager_add (fixture->manager, jane);
  mq_account_set_display_name (jane, "Jane Doe");

  saved = g_settings_get_value (fixture->settings, "accounts");
  g_variant_get_child (saved, 0, "(&sx&s&s&s)", NULL, NULL, &name, NULL, NULL);
  g_assert_cmpstr (name, ==, "Jane Doe");

  /* A removed account no longer writes to the settings. */
  mq_account_manager_remove (fixture->manager, "42@cloud.viewneo.com");
  mq_account_set_display_name (jane, "Someone Else");
  g_clear_pointer (&saved, g_variant_unref);
  saved = g_settings_get_value (fixture->settings, "accounts");
  g_assert_cmpuint (g_variant_n_children (saved), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/account/id", test_account_id);
  g_test_add ("/account-manager/empty", Fixture, NULL,
              fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/account-manager/add-saves", Fixture, NULL,
              fixture_set_up, test_add_saves, fixture_tear_down);
  g_test_add ("/account-manager/add-replaces", Fixture, NULL,
              fixture_set_up, test_add_replaces, fixture_tear_down);
  g_test_add ("/account-manager/remove", Fixture, NULL,
              fixture_set_up, test_remove, fixture_tear_down);
  g_test_add ("/account-manager/current", Fixture, NULL,
              fixture_set_up, test_current, fixture_tear_down);
  g_test_add ("/account-manager/external-change", Fixture, NULL,
              fixture_set_up, test_external_change, fixture_tear_down);
  g_test_add ("/account-manager/rename-saves", Fixture, NULL,
              fixture_set_up, test_rename_saves, fixture_tear_down);

  return g_test_run ();
}
