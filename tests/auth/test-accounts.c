/* test-accounts.c: MqAccounts signs in against the fake viewneo, keeps the token in the
 * headless session's keyring, loads it again, signs out, and says so in its signals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>

#include "mq-test-async.h"
#include "fake-viewneo.h"
#include "mq-accounts.h"
#include "mq-api-error.h"
#include "mq-auth-error.h"

#define USER_ID 42
#define USER_NAME "Erika Mustermann"
#define CLIENT_ID "7"

typedef struct
{
  FakeViewneo  *fake;
  char         *url;
  GSettings    *settings;
  MqTokenStore *store;
  MqAccounts   *accounts;

  /* What the signals said, in order: "added ID", "removed ID", "required ID", "current ID". */
  GPtrArray    *events;
  GError       *required_why;
} Fixture;

static void
account_added_cb (MqAccounts *accounts,
                  MqAccount  *account,
                  Fixture    *f)
{
  g_ptr_array_add (f->events, g_strdup_printf ("added %s", mq_account_get_id (account)));
}

static void
account_removed_cb (MqAccounts *accounts,
                    const char *account_id,
                    Fixture    *f)
{
  g_ptr_array_add (f->events, g_strdup_printf ("removed %s", account_id));
}

static void
sign_in_required_cb (MqAccounts   *accounts,
                     MqAccount    *account,
                     const GError *why,
                     Fixture      *f)
{
  g_ptr_array_add (f->events, g_strdup_printf ("required %s", mq_account_get_id (account)));
  g_clear_error (&f->required_why);
  f->required_why = g_error_copy (why);
}

static void
current_changed_cb (MqAccounts *accounts,
                    GParamSpec *pspec,
                    Fixture    *f)
{
  MqAccount *current = mq_accounts_get_current (accounts);

  g_ptr_array_add (f->events, g_strdup_printf ("current %s",
                                               current != NULL ? mq_account_get_id (current) : "none"));
}

static MqAccounts *
new_accounts (Fixture *f)
{
  return mq_accounts_new (f->settings, f->store);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->fake = fake_viewneo_new ();
  fake_viewneo_listen (f->fake, 0, &error);
  g_assert_no_error (error);
  fake_viewneo_set_user (f->fake, USER_ID, USER_NAME, "erika@example.com");
  f->url = fake_viewneo_get_url (f->fake);

  f->settings = g_settings_new (APP_ID);
  f->store = mq_token_store_new ();
  f->accounts = new_accounts (f);
  f->events = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (f->accounts, "account-added", G_CALLBACK (account_added_cb), f);
  g_signal_connect (f->accounts, "account-removed", G_CALLBACK (account_removed_cb), f);
  g_signal_connect (f->accounts, "sign-in-required", G_CALLBACK (sign_in_required_cb), f);
  g_signal_connect (f->accounts, "notify::current-account", G_CALLBACK (current_changed_cb), f);
}

static gboolean
sign_out (MqAccounts  *accounts,
          const char  *account_id,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  mq_accounts_sign_out_async (accounts, account_id, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);

  return mq_accounts_sign_out_finish (accounts, result, error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *list = mq_accounts_get_list (f->accounts);

  /* Leave the keyring as it was. */
  while (g_list_model_get_n_items (list) > 0)
    {
      g_autoptr(MqAccount) account = g_list_model_get_item (list, 0);

      g_assert_true (sign_out (f->accounts, mq_account_get_id (account), NULL));
    }

  g_assert_finalize_object (f->accounts);
  g_clear_object (&f->store);
  g_settings_reset (f->settings, "accounts");
  g_settings_reset (f->settings, "current-account");
  g_clear_object (&f->settings);
  g_clear_pointer (&f->events, g_ptr_array_unref);
  g_clear_error (&f->required_why);
  fake_viewneo_shutdown (f->fake);
  g_clear_object (&f->fake);
  g_clear_pointer (&f->url, g_free);
}

static MqToken *
personal_token (Fixture    *f,
                const char *access_token,
                gboolean    accepted)
{
  g_autoptr(GError) error = NULL;
  MqToken *token = mq_token_new_personal (access_token, &error);

  g_assert_no_error (error);
  if (accepted)
    fake_viewneo_add_token (f->fake, access_token);

  return token;
}

/* A token like the fake's answer to the browser sign-in. */
static MqToken *
oauth_token (Fixture    *f,
             const char *access_token)
{
  g_autoptr(JsonObject) response = json_object_new ();
  g_autoptr(GError) error = NULL;
  MqToken *token;

  json_object_set_string_member (response, "access_token", access_token);
  json_object_set_string_member (response, "refresh_token", "refresh-for-the-accounts-tests");
  json_object_set_string_member (response, "token_type", "Bearer");
  json_object_set_int_member (response, "expires_in", 1296000);
  token = mq_token_new_from_oauth_response (response, g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  fake_viewneo_add_token (f->fake, access_token);

  return token;
}

static MqAccount *
sign_in (Fixture     *f,
         MqToken     *token,
         const char  *client_id,
         const char  *client_secret,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  mq_accounts_sign_in_async (f->accounts, f->url, token, client_id, client_secret, NULL,
                             mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);

  return mq_accounts_sign_in_finish (f->accounts, result, error);
}

static char *
keyring_lookup (Fixture      *f,
                MqAccount    *account,
                MqSecretKind  kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;
  char *secret;

  mq_token_store_lookup_async (f->store, mq_account_get_server (account), mq_account_get_id (account),
                               kind, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  secret = mq_token_store_lookup_finish (f->store, result, &error);
  g_assert_no_error (error);

  return secret;
}

static MqSession *
load_session (MqAccounts *accounts,
              MqAccount  *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;
  MqSession *session;

  mq_accounts_load_session_async (accounts, account, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  session = mq_accounts_load_session_finish (accounts, result, &error);
  g_assert_no_error (error);

  return session;
}

static void
assert_events (Fixture    *f,
               const char *expected)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (f->events, NULL);
  joined = g_strjoinv ("; ", (char **) f->events->pdata);
  g_ptr_array_set_size (f->events, 0);
  g_assert_cmpstr (joined, ==, expected);
}

/* A sign-in asks viewneo whose token it is, saves the account, makes it current, keeps
 * the token in the keyring, and says so: the current account, then "account-added". */
static void
test_sign_in (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(MqToken) token = personal_token (f, "accounts-test-token", TRUE);
  g_autoptr(MqAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  MqSession *session;

  account = sign_in (f, token, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpint (mq_account_get_user_id (account), ==, USER_ID);
  g_assert_cmpstr (mq_account_get_display_name (account), ==, USER_NAME);
  g_assert_cmpint (mq_account_get_kind (account), ==, MQ_TOKEN_KIND_PERSONAL);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/user"), ==, 1);

  expected = g_strdup_printf ("current %s; added %s", mq_account_get_id (account), mq_account_get_id (account));
  assert_events (f, expected);
  g_assert_true (mq_accounts_get_current (f->accounts) == account);
  g_assert_true (mq_accounts_lookup (f->accounts, mq_account_get_id (account)) == account);
  g_assert_cmpuint (g_list_model_get_n_items (mq_accounts_get_list (f->accounts)), ==, 1);

  /* The session serves the account with the token; the client asks with it. */
  session = mq_accounts_get_session (f->accounts, account);
  g_assert_true (mq_session_get_account (session) == account);
  g_assert_cmpstr (mq_token_get_access_token (mq_session_get_token (session)), ==, "accounts-test-token");
  g_assert_true (mq_accounts_get_client (f->accounts, account) == mq_accounts_get_client (f->accounts, account));

  /* Stored as the token store writes it (JSON): with the token in it. */
  stored = keyring_lookup (f, account, MQ_SECRET_KIND_TOKEN);
  g_assert_nonnull (stored);
  g_assert_nonnull (strstr (stored, "\"accounts-test-token\""));
}

/* Another MqAccounts on the same settings and keyring (the next start) finds the
 * account and loads its token once, for every caller. */
static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(MqToken) token = personal_token (f, "accounts-load-token", TRUE);
  g_autoptr(MqAccount) account = sign_in (f, token, NULL, NULL, NULL);
  g_autoptr(MqAccounts) later = new_accounts (f);
  g_autoptr(MqSession) first = NULL;
  g_autoptr(MqSession) second = NULL;
  MqAccount *found;

  g_assert_nonnull (account);
  found = mq_accounts_get_current (later);
  g_assert_nonnull (found);
  g_assert_cmpstr (mq_account_get_id (found), ==, mq_account_get_id (account));
  g_assert_null (mq_session_get_token (mq_accounts_get_session (later, found)));

  first = load_session (later, found);
  g_assert_true (first == mq_accounts_get_session (later, found));
  g_assert_cmpstr (mq_token_get_access_token (mq_session_get_token (first)), ==, "accounts-load-token");

  /* Loaded once: the next call completes with the same session. */
  second = load_session (later, found);
  g_assert_true (second == first);
}

typedef struct
{
  GString *order;
  char     name;
  GError  *error;
} LoadCall;

static void
loaded_in_order_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LoadCall *call = user_data;
  g_autoptr(MqSession) session = NULL;

  session = mq_accounts_load_session_finish (MQ_ACCOUNTS (object), result, &call->error);
  g_string_append_c (call->order, call->name);
}

/* A cancelled load completes at once (a --timeout ends a wait for the keyring), while
 * the read goes on for a caller that did not cancel. */
static void
test_load_cancelled (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MqToken) token = personal_token (f, "accounts-cancel-token", TRUE);
  g_autoptr(MqAccount) account = sign_in (f, token, NULL, NULL, NULL);
  g_autoptr(MqAccounts) later = new_accounts (f);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) order = g_string_new (NULL);
  LoadCall waiting = { order, 'w', NULL };
  LoadCall cancelled = { order, 'c', NULL };
  MqAccount *found;

  g_assert_nonnull (account);
  found = mq_accounts_get_current (later);

  mq_accounts_load_session_async (later, found, NULL, loaded_in_order_cb, &waiting);
  mq_accounts_load_session_async (later, found, cancellable, loaded_in_order_cb, &cancelled);
  g_cancellable_cancel (cancellable);

  while (order->len < 2)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (order->str, ==, "cw");
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_no_error (waiting.error);
  g_assert_cmpstr (mq_token_get_access_token (mq_session_get_token (mq_accounts_get_session (later, found))),
                   ==, "accounts-cancel-token");
  g_clear_error (&cancelled.error);
}

/* Signing out forgets the account and its token, moves the current account on, and
 * says "account-removed". */
static void
test_sign_out (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MqToken) token = personal_token (f, "accounts-sign-out-token", TRUE);
  g_autoptr(MqAccount) account = sign_in (f, token, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *id = NULL;

  g_assert_nonnull (account);
  id = g_strdup (mq_account_get_id (account));
  g_ptr_array_set_size (f->events, 0);

  g_assert_true (sign_out (f->accounts, id, &error));
  g_assert_no_error (error);

  expected = g_strdup_printf ("current none; removed %s", id);
  assert_events (f, expected);
  g_assert_null (mq_accounts_get_current (f->accounts));
  g_assert_null (mq_accounts_lookup (f->accounts, id));
  g_assert_cmpuint (g_list_model_get_n_items (mq_accounts_get_list (f->accounts)), ==, 0);

  stored = keyring_lookup (f, account, MQ_SECRET_KIND_TOKEN);
  g_assert_null (stored);

  /* An unknown account: an error, and no signal. */
  g_assert_false (sign_out (f->accounts, id, &error));
  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_INPUT);
  assert_events (f, "");
}

/* A token viewneo refuses fails the sign-in with MQ_API_ERROR_UNAUTHORIZED, and
 * nothing is saved or said. */
static void
test_denied_token (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MqToken) token = personal_token (f, "accounts-denied-token", FALSE);
  g_autoptr(MqAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = sign_in (f, token, NULL, NULL, &error);
  g_assert_null (account);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, "accounts-denied-token"));

  assert_events (f, "");
  g_assert_null (mq_accounts_get_current (f->accounts));
  g_assert_cmpuint (g_list_model_get_n_items (mq_accounts_get_list (f->accounts)), ==, 0);
}

/* A session that needs a new sign-in is told as the accounts' "sign-in-required". */
static void
test_sign_in_required (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MqToken) token = personal_token (f, "accounts-required-token", TRUE);
  g_autoptr(MqAccount) account = sign_in (f, token, NULL, NULL, NULL);
  g_autoptr(GError) why = g_error_new_literal (MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_GRANT, "refused");
  g_autofree char *expected = NULL;

  g_assert_nonnull (account);
  g_ptr_array_set_size (f->events, 0);

  g_signal_emit_by_name (mq_accounts_get_session (f->accounts, account), "sign-in-required", why);

  expected = g_strdup_printf ("required %s", mq_account_get_id (account));
  assert_events (f, expected);
  g_assert_error (f->required_why, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_GRANT);
}

/* Signing in to a known account with another kind of token replaces the old sign-in:
 * a new session of the new kind, with the OAuth client secret in the keyring. */
static void
test_replace_sign_in (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MqToken) personal = personal_token (f, "accounts-personal-token", TRUE);
  g_autoptr(MqToken) oauth = oauth_token (f, "accounts-oauth-token");
  g_autoptr(MqAccount) first = sign_in (f, personal, NULL, NULL, NULL);
  g_autoptr(MqAccount) second = NULL;
  g_autoptr(MqSession) old_session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *expected = NULL;
  MqSession *session;

  g_assert_nonnull (first);
  old_session = g_object_ref (mq_accounts_get_session (f->accounts, first));
  g_ptr_array_set_size (f->events, 0);

  second = sign_in (f, oauth, CLIENT_ID, "accounts-client-secret", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mq_account_get_id (second), ==, mq_account_get_id (first));
  g_assert_cmpint (mq_account_get_kind (second), ==, MQ_TOKEN_KIND_OAUTH);
  g_assert_cmpstr (mq_account_get_client_id (second), ==, CLIENT_ID);

  session = mq_accounts_get_session (f->accounts, second);
  g_assert_true (session != old_session);
  g_assert_true (mq_session_get_account (session) == second);
  g_assert_cmpstr (mq_token_get_access_token (mq_session_get_token (session)), ==, "accounts-oauth-token");
  g_assert_null (mq_session_get_token (old_session));

  expected = g_strdup_printf ("current %s; added %s", mq_account_get_id (second), mq_account_get_id (second));
  assert_events (f, expected);

  secret = keyring_lookup (f, second, MQ_SECRET_KIND_CLIENT_SECRET);
  g_assert_cmpstr (secret, ==, "accounts-client-secret");
}

/* The test-only "tls-database" reaches the clients made from then on. */
static void
test_tls_database (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GTlsDatabase) database = g_tls_file_database_new ("/dev/null", NULL);
  g_autoptr(MqAccount) account = mq_account_new (f->url, 7, "Someone", MQ_TOKEN_KIND_PERSONAL, NULL);
  g_autoptr(GTlsDatabase) used = NULL;

  g_object_set (f->accounts, "tls-database", database, NULL);
  g_object_get (mq_accounts_get_client (f->accounts, account), "tls-database", &used, NULL);
  g_assert_true (used == database);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)
  ADD ("/accounts/sign-in", test_sign_in);
  ADD ("/accounts/load", test_load);
  ADD ("/accounts/load-cancelled", test_load_cancelled);
  ADD ("/accounts/sign-out", test_sign_out);
  ADD ("/accounts/denied-token", test_denied_token);
  ADD ("/accounts/sign-in-required", test_sign_in_required);
  ADD ("/accounts/replace-sign-in", test_replace_sign_in);
  ADD ("/accounts/tls-database", test_tls_database);
#undef ADD

  return g_test_run ();
}
