/* test-session.c: one account's token, its refresh and its keyring copy, against the
 * fake viewneo and the headless session's gnome-keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <libsecret/secret.h>

#include "mq-api-error.h"
#include "mq-auth-error.h"
#include "mq-client.h"
#include "mq-clock.h"
#include "mq-oauth.h"
#include "mq-test-async.h"
#include "mq-test-session.h"

#define DAY (24 * 60 * 60)
#define LIFETIME 1296000 /* viewneo's 15 days */

typedef MqTestSession Fixture;

static const SecretSchema schema = {
  "io.github.marqueesignage.Marquee", SECRET_SCHEMA_NONE,
  {
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* The keyring as another program sees it, not through MqTokenStore. */
static char *
keyring_lookup (Fixture    *fixture,
                const char *kind)
{
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_sync (&schema, NULL, &error,
                                        "server", mq_account_get_server (fixture->account),
                                        "account", mq_account_get_id (fixture->account),
                                        "kind", kind,
                                        NULL);
  g_assert_no_error (error);

  return secret;
}

static MqToken *
keyring_token (Fixture *fixture)
{
  g_autofree char *secret = keyring_lookup (fixture, "token");

  return secret != NULL ? mq_token_new_from_secret (secret, NULL) : NULL;
}

/* What another Marquee process does after a refresh. */
static void
keyring_store_token (Fixture *fixture,
                     MqToken *token)
{
  g_autofree char *secret = mq_token_to_secret (token);
  g_autoptr(GError) error = NULL;

  secret_password_store_sync (&schema, SECRET_COLLECTION_DEFAULT, "Marquee: another process",
                              secret, NULL, &error,
                              "server", mq_account_get_server (fixture->account),
                              "account", mq_account_get_id (fixture->account),
                              "kind", "token",
                              NULL);
  g_assert_no_error (error);
}

static const char *
current_token (Fixture *fixture)
{
  return mq_token_get_access_token (mq_session_get_token (fixture->session));
}

/* Signs in: a copy of the access token it brought, to compare later ones with. */
static char *
sign_in (Fixture *fixture)
{
  mq_test_session_sign_in (fixture);

  return g_strdup (current_token (fixture));
}

static MqToken *
refresh_elsewhere (Fixture    *fixture,
                   const char *refresh_token,
                   GError    **error)
{
  g_autoptr(MqOAuth) oauth = mq_oauth_new (fixture->url, MQ_TEST_CLIENT_ID,
                                           MQ_TEST_CLIENT_SECRET, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  mq_oauth_refresh_async (oauth, refresh_token, mq_clock_now (), NULL,
                          mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);

  return mq_oauth_refresh_finish (oauth, result, error);
}

static void
count_signal (gpointer  instance,
              gpointer  data_or_arg,
              gpointer  maybe_data)
{
  /* ::refreshed has no argument, ::sign-in-required one. */
  guint *count = g_object_get_data (instance, "marquee-test-count");

  (*count)++;
}

static guint *
count_emissions (Fixture    *fixture,
                 const char *signal)
{
  guint *count = g_new0 (guint, 1);

  g_object_set_data_full (G_OBJECT (fixture->session), "marquee-test-count", count, g_free);
  g_signal_connect (fixture->session, signal, G_CALLBACK (count_signal), NULL);

  return count;
}

/* One of the session's own steps (load, refresh if due, sign out), run to its end:
 * what its _finish() says. */
typedef void     (*StepAsync)  (MqSession           *session,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
typedef gboolean (*StepFinish) (MqSession           *session,
                                GAsyncResult        *result,
                                GError             **error);

static gboolean
run_step (MqSession   *session,
          StepAsync    step_async,
          StepFinish   step_finish,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  step_async (session, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);

  return step_finish (session, result, error);
}

#define load_session(session, error) \
  run_step (session, mq_session_load_async, mq_session_load_finish, error)
#define refresh_if_due(session, error) \
  run_step (session, mq_session_refresh_if_due_async, mq_session_refresh_if_due_finish, error)
#define sign_out(session, error) \
  run_step (session, mq_session_sign_out_async, mq_session_sign_out_finish, error)

/* Asks @session and @other for a token at the same moment, each after a 401 for
 * @rejected (NULL: none), and waits for both answers. */
static void
get_tokens_at_once (MqSession   *session,
                    MqSession   *other,
                    const char  *rejected,
                    char       **token,
                    GError     **error,
                    char       **other_token,
                    GError     **other_error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) other_result = NULL;
  GAsyncResult *pending = NULL;
  GAsyncResult *other_pending = NULL;

  mq_token_provider_get_token_async (MQ_TOKEN_PROVIDER (session), rejected, NULL,
                                     mq_test_store_result, &pending);
  mq_token_provider_get_token_async (MQ_TOKEN_PROVIDER (other), rejected, NULL,
                                     mq_test_store_result, &other_pending);
  result = mq_test_wait_result (&pending);
  other_result = mq_test_wait_result (&other_pending);
  *token = mq_token_provider_get_token_finish (MQ_TOKEN_PROVIDER (session), result, error);
  *other_token = mq_token_provider_get_token_finish (MQ_TOKEN_PROVIDER (other), other_result, other_error);
}

/* ---- signing in and out ---- */

static void
test_sign_in_stores (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MqToken) stored = NULL;
  g_autofree char *client_secret = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  mq_test_session_sign_in (fixture);

  g_assert_false (mq_session_get_needs_sign_in (fixture->session));
  g_assert_null (mq_session_get_keyring_error (fixture->session));
  g_assert_cmpint (mq_session_get_expires_at (fixture->session), >, mq_clock_now () + LIFETIME - 60);

  /* Both secrets are in the keyring. */
  stored = keyring_token (fixture);
  g_assert_nonnull (stored);
  g_assert_cmpstr (mq_token_get_access_token (stored), ==, current_token (fixture));
  g_assert_cmpstr (mq_token_get_refresh_token (stored), ==,
                   mq_token_get_refresh_token (mq_session_get_token (fixture->session)));
  client_secret = keyring_lookup (fixture, "client-secret");
  g_assert_cmpstr (client_secret, ==, MQ_TEST_CLIENT_SECRET);

  /* A fresh token is handed out as it is. */
  token = mq_test_session_get_token (fixture->session, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, current_token (fixture));
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 0);
}

static void
test_labels (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autolist(SecretItem) items = NULL;
  g_autofree char *token_label = NULL;
  g_autofree char *secret_label = NULL;

  mq_test_session_sign_in (fixture);

  g_hash_table_insert (attributes, "account", (gpointer) mq_account_get_id (fixture->account));
  items = secret_service_search_sync (NULL, NULL, attributes, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 2);

  /* What Passwords and Keys shows. */
  token_label = g_strdup_printf ("Marquee: Jane Doe on %s", mq_account_get_server_host (fixture->account));
  secret_label = g_strdup_printf ("Marquee: OAuth client secret for Jane Doe on %s",
                                  mq_account_get_server_host (fixture->account));
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autofree char *label = secret_item_get_label (l->data);
      g_autoptr(GHashTable) item_attributes = secret_item_get_attributes (l->data);
      const char *kind = g_hash_table_lookup (item_attributes, "kind");

      g_assert_cmpstr (label, ==, g_str_equal (kind, "token") ? token_label : secret_label);
    }
}

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(MqSession) restarted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  mq_test_session_sign_in (fixture);

  /* A restart: a new session finds both secrets. */
  restarted = mq_session_new (fixture->account, fixture->store);
  g_assert_null (mq_session_get_token (restarted));
  g_assert_true (load_session (restarted, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (mq_token_get_access_token (mq_session_get_token (restarted)), ==, current_token (fixture));
  g_assert_false (mq_session_get_needs_sign_in (restarted));
  g_assert_cmpint (mq_session_get_expires_at (restarted), ==, mq_session_get_expires_at (fixture->session));

  /* And can refresh with the client secret it found. */
  token = mq_test_session_get_token (restarted, current_token (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, !=, current_token (fixture));
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 1);
}

static void
test_load_nothing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  guint *n_required = count_emissions (fixture, "sign-in-required");

  /* The keyring works; it just has no sign-in for this account. */
  g_assert_true (load_session (fixture->session, &error));
  g_assert_no_error (error);
  g_assert_null (mq_session_get_token (fixture->session));
  g_assert_null (mq_session_get_keyring_error (fixture->session));
  g_assert_true (mq_session_get_needs_sign_in (fixture->session));
  g_assert_cmpuint (*n_required, ==, 1);

  token = mq_test_session_get_token (fixture->session, NULL, &error);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED);
  g_assert_null (token);
}

static void
test_load_corrupt (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;

  mq_token_store_store_async (fixture->store, mq_account_get_server (fixture->account),
                              mq_account_get_id (fixture->account), MQ_SECRET_KIND_TOKEN,
                              "not Marquee's", "{\"token\": \"from another program\"}", NULL,
                              mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  g_assert_true (mq_token_store_store_finish (fixture->store, result, NULL));

  g_assert_false (load_session (fixture->session, &error));
  g_assert_error (error, MQ_KEYRING_ERROR, MQ_KEYRING_ERROR_CORRUPT);
  g_assert_error ((GError *) mq_session_get_keyring_error (fixture->session),
                  MQ_KEYRING_ERROR, MQ_KEYRING_ERROR_CORRUPT);
  g_assert_true (mq_session_get_needs_sign_in (fixture->session));
}

static void
test_sign_out (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *client_secret = NULL;
  g_autoptr(MqToken) stored = NULL;

  mq_test_session_sign_in (fixture);

  g_assert_true (sign_out (fixture->session, &error));
  g_assert_no_error (error);

  g_assert_null (mq_session_get_token (fixture->session));
  g_assert_cmpint (mq_session_get_expires_at (fixture->session), ==, 0);
  stored = keyring_token (fixture);
  g_assert_null (stored);
  client_secret = keyring_lookup (fixture, "client-secret");
  g_assert_null (client_secret);

  token = mq_test_session_get_token (fixture->session, NULL, &error);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED);
}

/* ---- refresh ---- */

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_refresh_on_expiry (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *token = NULL;
  gint64 expires_at;
  guint *n_refreshed = count_emissions (fixture, "refreshed");
  guint n_expires_notifies = 0;

  first = sign_in (fixture);
  expires_at = mq_session_get_expires_at (fixture->session);
  g_signal_connect (fixture->session, "notify::expires-at", G_CALLBACK (notify_cb), &n_expires_notifies);

  /* Two days before the end of fifteen: not yet (a tenth is a day and a half). */
  mq_clock_set_fake_now (expires_at - 2 * DAY);
  token = mq_test_session_get_token (fixture->session, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, first);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 0);
  g_clear_pointer (&token, g_free);

  /* A day and a bit before: within the last tenth. */
  mq_clock_set_fake_now (expires_at - DAY - 3600);
  token = mq_test_session_get_token (fixture->session, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, !=, first);
  g_assert_cmpstr (token, ==, current_token (fixture));
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 1);
  g_assert_cmpuint (*n_refreshed, ==, 1);
  g_assert_cmpuint (n_expires_notifies, ==, 1);
  g_assert_cmpint (mq_session_get_expires_at (fixture->session), ==, mq_clock_now () + LIFETIME);
}

static void
test_refresh_window_short_lifetime (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *token = NULL;
  gint64 expires_at;

  /* An hour: the day rule alone would refresh for every request. */
  fake_viewneo_set_token_lifetime (fixture->fake, 3600);
  first = sign_in (fixture);
  expires_at = mq_session_get_expires_at (fixture->session);

  mq_clock_set_fake_now (expires_at - 3600 + 60);
  token = mq_test_session_get_token (fixture->session, NULL, &error);
  g_assert_cmpstr (token, ==, first);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 0);
  g_clear_pointer (&token, g_free);

  /* In the second half of its life it is due. */
  mq_clock_set_fake_now (expires_at - 1700);
  token = mq_test_session_get_token (fixture->session, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, !=, first);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 1);
}

static void
test_refresh_if_due (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  mq_test_session_sign_in (fixture);

  g_assert_true (refresh_if_due (fixture->session, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 0);

  mq_clock_set_fake_now (mq_session_get_expires_at (fixture->session) - 3600);
  /* FALSE: it had something to do, and did it. */
  g_assert_false (refresh_if_due (fixture->session, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 1);
}

static void
test_refresh_on_401 (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *token = NULL;
  g_autofree char *again = NULL;

  first = sign_in (fixture);

  /* The server refused the current token: a new one. */
  token = mq_test_session_get_token (fixture->session, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, !=, first);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 1);

  /* A request that went out with the old one comes back: the new one, no refresh. */
  again = mq_test_session_get_token (fixture->session, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, token);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 1);
}

static void
test_single_flight (Fixture       *fixture,
                    gconstpointer  data)
{
  GAsyncResult *results[10] = { NULL, };
  g_autofree char *rejected = NULL;
  guint *n_refreshed = count_emissions (fixture, "refreshed");

  mq_test_session_sign_in (fixture);
  rejected = g_strdup (current_token (fixture));

  /* Ten requests got a 401 for the same token at once. */
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    mq_token_provider_get_token_async (MQ_TOKEN_PROVIDER (fixture->session), rejected, NULL,
                                       mq_test_store_result, &results[i]);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GAsyncResult) result = mq_test_wait_result (&results[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *token = NULL;

      token = mq_token_provider_get_token_finish (MQ_TOKEN_PROVIDER (fixture->session), result, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (token, !=, rejected);
      g_assert_cmpstr (token, ==, current_token (fixture));
    }

  /* One refresh grant for all ten. */
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 1);
  g_assert_cmpuint (*n_refreshed, ==, 1);
}

static void
test_single_flight_due (Fixture       *fixture,
                        gconstpointer  data)
{
  GAsyncResult *results[10] = { NULL, };

  mq_test_session_sign_in (fixture);
  mq_clock_set_fake_now (mq_session_get_expires_at (fixture->session) - 3600);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    mq_token_provider_get_token_async (MQ_TOKEN_PROVIDER (fixture->session), NULL, NULL,
                                       mq_test_store_result, &results[i]);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GAsyncResult) result = mq_test_wait_result (&results[i]);
      g_autofree char *token = NULL;

      token = mq_token_provider_get_token_finish (MQ_TOKEN_PROVIDER (fixture->session), result, NULL);
      g_assert_cmpstr (token, ==, current_token (fixture));
    }

  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 1);
}

typedef struct
{
  Fixture  *fixture;
  guint     n_checks;
} RotationCheck;

/* At the moment the session swaps the new pair in, the keyring already has it. */
static void
token_swapped_cb (MqSession     *session,
                  GParamSpec    *pspec,
                  RotationCheck *check)
{
  g_autoptr(MqToken) stored = keyring_token (check->fixture);

  g_assert_nonnull (stored);
  g_assert_cmpstr (mq_token_get_access_token (stored), ==, current_token (check->fixture));
  g_assert_cmpstr (mq_token_get_refresh_token (stored), ==,
                   mq_token_get_refresh_token (mq_session_get_token (session)));
  check->n_checks++;
}

static void
test_rotation_stored_first (Fixture       *fixture,
                            gconstpointer  data)
{
  RotationCheck check = { fixture, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) old = NULL;
  g_autoptr(MqToken) reused = NULL;
  g_autofree char *token = NULL;

  mq_test_session_sign_in (fixture);
  old = g_object_ref (mq_session_get_token (fixture->session));
  g_signal_connect (fixture->session, "notify::token", G_CALLBACK (token_swapped_cb), &check);

  token = mq_test_session_get_token (fixture->session, mq_token_get_access_token (old), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check.n_checks, ==, 1);
  g_assert_cmpstr (mq_token_get_refresh_token (mq_session_get_token (fixture->session)), !=,
                   mq_token_get_refresh_token (old));

  /* The server revoked the old refresh token: the keyring's copy is the only valid one. */
  reused = refresh_elsewhere (fixture, mq_token_get_refresh_token (old), &error);
  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_GRANT);
  g_assert_null (reused);
}

static void
sign_in_required_cb (MqSession    *session,
                     const GError *why,
                     GError      **out)
{
  g_assert_null (*out);
  *out = g_error_copy (why);
}

static void
test_refused_refresh (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) why = NULL;
  g_autoptr(MqToken) stolen = NULL;
  g_autofree char *first = NULL;
  g_autofree char *token = NULL;
  guint n_needs_notifies = 0;

  first = sign_in (fixture);
  g_signal_connect (fixture->session, "sign-in-required", G_CALLBACK (sign_in_required_cb), &why);
  g_signal_connect (fixture->session, "notify::needs-sign-in", G_CALLBACK (notify_cb), &n_needs_notifies);

  /* Someone else used the refresh token: the session's copy is revoked. */
  stolen = refresh_elsewhere (fixture, mq_token_get_refresh_token (mq_session_get_token (fixture->session)), NULL);
  g_assert_nonnull (stolen);

  token = mq_test_session_get_token (fixture->session, first, &error);
  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_GRANT);
  g_assert_null (token);
  g_assert_true (mq_session_get_needs_sign_in (fixture->session));
  g_assert_cmpuint (n_needs_notifies, ==, 1);
  g_assert_error (why, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_GRANT);
  g_assert_nonnull (strstr (why->message, "Jane Doe"));
  g_assert_nonnull (strstr (why->message, "Sign in again"));
  g_clear_error (&error);

  /* No more refresh attempts: signing in again is the only way. */
  token = mq_test_session_get_token (fixture->session, first, &error);
  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_GRANT);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 1);
  g_clear_error (&error);

  /* A new sign-in clears it. */
  mq_test_session_sign_in (fixture);
  g_assert_false (mq_session_get_needs_sign_in (fixture->session));
  g_assert_cmpuint (n_needs_notifies, ==, 2);
}

static void
test_refused_client (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) why = NULL;
  g_autofree char *token = NULL;

  mq_test_session_sign_in (fixture);
  g_signal_connect (fixture->session, "sign-in-required", G_CALLBACK (sign_in_required_cb), &why);

  /* The client's secret was regenerated in viewneo. */
  fake_viewneo_add_client (fixture->fake, MQ_TEST_CLIENT_ID, "a-new-secret", fixture->redirect_uri);

  token = mq_test_session_get_token (fixture->session, current_token (fixture), &error);
  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_CLIENT);
  g_assert_error (why, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_CLIENT);
  g_assert_true (mq_session_get_needs_sign_in (fixture->session));
}

static void
test_unauthorized_after_refresh (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) why = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  first = sign_in (fixture);
  g_signal_connect (fixture->session, "sign-in-required", G_CALLBACK (sign_in_required_cb), &why);

  second = mq_test_session_get_token (fixture->session, first, &error);
  g_assert_no_error (error);

  /* The brand-new token is refused too: refreshing again would not help. */
  third = mq_test_session_get_token (fixture->session, second, &error);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED);
  g_assert_null (third);
  g_assert_error (why, MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED);
  g_assert_true (mq_session_get_needs_sign_in (fixture->session));
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 1);
}

static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) before = NULL;
  g_autoptr(MqToken) stored = NULL;
  g_autofree char *token = NULL;
  guint *n_required = count_emissions (fixture, "sign-in-required");

  mq_test_session_sign_in (fixture);
  before = g_object_ref (mq_session_get_token (fixture->session));

  fake_viewneo_shutdown (fixture->fake);

  /* A 401 while the server cannot be reached for a refresh: offline, not signed out. */
  token = mq_test_session_get_token (fixture->session, mq_token_get_access_token (before), &error);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_NETWORK);
  g_assert_null (token);
  g_assert_false (mq_session_get_needs_sign_in (fixture->session));
  g_assert_cmpuint (*n_required, ==, 0);
  g_assert_true (mq_session_get_token (fixture->session) == before);
  stored = keyring_token (fixture);
  g_assert_cmpstr (mq_token_get_refresh_token (stored), ==, mq_token_get_refresh_token (before));
  g_clear_error (&error);

  /* Due for a refresh but not expired: the current token does meanwhile. */
  mq_clock_set_fake_now (mq_token_get_expires_at (before) - 3600);
  token = mq_test_session_get_token (fixture->session, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, mq_token_get_access_token (before));
  g_clear_pointer (&token, g_free);

  /* Expired: nothing to hand out. */
  mq_clock_set_fake_now (mq_token_get_expires_at (before) + 1);
  token = mq_test_session_get_token (fixture->session, NULL, &error);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_NETWORK);
  g_assert_false (mq_session_get_needs_sign_in (fixture->session));
}

static void
test_waiter_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GAsyncResult) other_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rejected = NULL;
  g_autofree char *token = NULL;
  GAsyncResult *cancelled_pending = NULL;
  GAsyncResult *other_pending = NULL;

  mq_test_session_sign_in (fixture);
  rejected = g_strdup (current_token (fixture));
  fake_viewneo_set_latency (fixture->fake, 300);

  mq_token_provider_get_token_async (MQ_TOKEN_PROVIDER (fixture->session), rejected, cancellable,
                                     mq_test_store_result, &cancelled_pending);
  mq_token_provider_get_token_async (MQ_TOKEN_PROVIDER (fixture->session), rejected, NULL,
                                     mq_test_store_result, &other_pending);
  g_cancellable_cancel (cancellable);

  /* The one that gave up is told at once; the refresh goes on for the other. */
  cancelled_result = mq_test_wait_result (&cancelled_pending);
  g_assert_null (other_pending);
  token = mq_token_provider_get_token_finish (MQ_TOKEN_PROVIDER (fixture->session), cancelled_result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  other_result = mq_test_wait_result (&other_pending);
  token = mq_token_provider_get_token_finish (MQ_TOKEN_PROVIDER (fixture->session), other_result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, !=, rejected);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 1);
}

static void
test_client_refreshes_on_401 (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(MqClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqUser) user = NULL;
  g_autofree char *first = NULL;
  GAsyncResult *pending = NULL;

  first = sign_in (fixture);
  fake_viewneo_set_user (fixture->fake, 42, "Jane Doe", "jane@example.com");

  /* viewneo no longer takes the token: the client's 401 gets a new one from the session. */
  fake_viewneo_revoke_token (fixture->fake, first);
  client = mq_client_new (fixture->url, MQ_TOKEN_PROVIDER (fixture->session));
  mq_client_get_user_async (client, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  user = mq_client_get_user_finish (client, result, &error);

  g_assert_no_error (error);
  g_assert_cmpint (mq_user_get_id (user), ==, 42);
  g_assert_cmpstr (current_token (fixture), !=, first);
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 1);
}

/* ---- more than one process ---- */

/* The same account as another Marquee process has it: its own objects, loaded from the
 * keyring. */
static MqSession *
load_other_session (Fixture *fixture)
{
  g_autoptr(MqAccount) account = mq_account_new (fixture->url, 42, "Jane Doe", MQ_TOKEN_KIND_OAUTH,
                                                 MQ_TEST_CLIENT_ID);
  g_autoptr(MqTokenStore) store = mq_token_store_new ();
  g_autoptr(GError) error = NULL;
  MqSession *session = mq_session_new (account, store);

  g_assert_true (load_session (session, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mq_token_get_access_token (mq_session_get_token (session)), ==, current_token (fixture));

  return session;
}

static guint
refresh_requests (Fixture *fixture)
{
  return fake_viewneo_get_token_requests (fixture->fake, "refresh_token");
}

static void
test_two_sessions_at_once (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(MqSession) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) other_error = NULL;
  g_autoptr(MqToken) stored = NULL;
  g_autofree char *first = NULL;
  g_autofree char *token = NULL;
  g_autofree char *other_token = NULL;
  guint *n_required = count_emissions (fixture, "sign-in-required");

  first = sign_in (fixture);
  other = load_other_session (fixture);

  /* Both find the token expired, and ask for one at the same moment. */
  mq_clock_set_fake_now (mq_session_get_expires_at (fixture->session) + 60);
  get_tokens_at_once (fixture->session, other, NULL, &token, &error, &other_token, &other_error);

  /* One refresh at the server; both have its pair. */
  g_assert_no_error (error);
  g_assert_no_error (other_error);
  g_assert_cmpuint (refresh_requests (fixture), ==, 1);
  g_assert_cmpstr (token, !=, first);
  g_assert_cmpstr (token, ==, other_token);
  g_assert_cmpstr (mq_token_get_refresh_token (mq_session_get_token (fixture->session)), ==,
                   mq_token_get_refresh_token (mq_session_get_token (other)));
  stored = keyring_token (fixture);
  g_assert_cmpstr (mq_token_get_access_token (stored), ==, token);
  g_assert_cmpstr (mq_token_get_refresh_token (stored), ==,
                   mq_token_get_refresh_token (mq_session_get_token (other)));
  g_assert_false (mq_session_get_needs_sign_in (fixture->session));
  g_assert_false (mq_session_get_needs_sign_in (other));
  g_assert_cmpuint (*n_required, ==, 0);
}

static void
test_rotated_elsewhere (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MqSession) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *rotated = NULL;
  g_autofree char *token = NULL;
  guint *n_required = count_emissions (fixture, "sign-in-required");

  first = sign_in (fixture);
  other = load_other_session (fixture);

  /* The other process refreshes, which revokes the pair this session holds. */
  rotated = mq_test_session_get_token (other, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rotated, !=, first);
  g_assert_cmpuint (refresh_requests (fixture), ==, 1);

  /* This session's old token gets a 401: it takes the rotated pair, sends nothing. */
  token = mq_test_session_get_token (fixture->session, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, rotated);
  g_assert_cmpstr (mq_token_get_refresh_token (mq_session_get_token (fixture->session)), ==,
                   mq_token_get_refresh_token (mq_session_get_token (other)));
  g_assert_cmpuint (refresh_requests (fixture), ==, 1);
  g_assert_false (mq_session_get_needs_sign_in (fixture->session));
  g_assert_cmpuint (*n_required, ==, 0);
}

static void
test_rotated_elsewhere_due (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MqSession) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) stored = NULL;
  g_autofree char *first = NULL;
  g_autofree char *rotated = NULL;
  guint *n_refreshed = count_emissions (fixture, "refreshed");

  /* A window left open; a command line refreshes meanwhile. */
  first = sign_in (fixture);
  other = load_other_session (fixture);

  /* Near the end of its life, on the server's clock too, so that the rotated pair is
   * fresh. */
  mq_clock_set_fake_now (mq_session_get_expires_at (fixture->session) - 3600);
  fake_viewneo_set_now (fixture->fake, mq_clock_now ());
  rotated = mq_test_session_get_token (other, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rotated, !=, first);

  /* The window's timer: its own pair is due. It finds the rotated one instead. */
  g_assert_false (refresh_if_due (fixture->session, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (current_token (fixture), ==, rotated);
  g_assert_cmpint (mq_session_get_expires_at (fixture->session), ==, mq_session_get_expires_at (other));
  g_assert_cmpuint (refresh_requests (fixture), ==, 1);
  g_assert_cmpuint (*n_refreshed, ==, 1);

  /* And never put its older pair back. */
  stored = keyring_token (fixture);
  g_assert_cmpstr (mq_token_get_access_token (stored), ==, rotated);
}

static void
test_refused_then_found_rotated (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(MqToken) old = NULL;
  g_autoptr(MqToken) rotated = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  GAsyncResult *pending = NULL;
  guint *n_required = count_emissions (fixture, "sign-in-required");

  mq_test_session_sign_in (fixture);
  old = g_object_ref (mq_session_get_token (fixture->session));

  /* A process that takes no lock (an older Marquee) rotated the pair, and has not
   * stored the new one yet. */
  rotated = refresh_elsewhere (fixture, mq_token_get_refresh_token (old), &error);
  g_assert_no_error (error);

  /* This session's refresh is refused; the refusal is held back until the other
   * process has stored its pair. */
  fake_viewneo_set_latency (fixture->fake, 1000);
  mq_token_provider_get_token_async (MQ_TOKEN_PROVIDER (fixture->session),
                                     mq_token_get_access_token (old), NULL,
                                     mq_test_store_result, &pending);
  while (refresh_requests (fixture) < 2)
    g_main_context_iteration (NULL, TRUE);
  keyring_store_token (fixture, rotated);

  /* Not the end of the sign-in: the keyring has a newer pair, and it is used. */
  result = mq_test_wait_result (&pending);
  token = mq_token_provider_get_token_finish (MQ_TOKEN_PROVIDER (fixture->session), result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, mq_token_get_access_token (rotated));
  g_assert_cmpuint (refresh_requests (fixture), ==, 2);
  g_assert_false (mq_session_get_needs_sign_in (fixture->session));
  g_assert_cmpuint (*n_required, ==, 0);
}

static void
test_revoked_at_once (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MqSession) other = NULL;
  g_autoptr(MqToken) stolen = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) other_error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *token = NULL;
  g_autofree char *other_token = NULL;
  guint *n_required = count_emissions (fixture, "sign-in-required");
  guint *n_other_required = g_new0 (guint, 1);

  first = sign_in (fixture);
  other = load_other_session (fixture);
  g_object_set_data_full (G_OBJECT (other), "marquee-test-count", n_other_required, g_free);
  g_signal_connect (other, "sign-in-required", G_CALLBACK (count_signal), NULL);

  /* The refresh token is revoked for real: used by someone who keeps the new pair. */
  stolen = refresh_elsewhere (fixture, mq_token_get_refresh_token (mq_session_get_token (fixture->session)), NULL);
  g_assert_nonnull (stolen);

  get_tokens_at_once (fixture->session, other, first, &token, &error, &other_token, &other_error);
  g_assert_null (token);
  g_assert_null (other_token);

  /* The keyring, read again, still has the refused pair: each says so once, and no
   * one retries. */
  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_GRANT);
  g_assert_error (other_error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_GRANT);
  g_assert_cmpuint (*n_required, ==, 1);
  g_assert_cmpuint (*n_other_required, ==, 1);
  g_assert_true (mq_session_get_needs_sign_in (fixture->session));
  g_assert_true (mq_session_get_needs_sign_in (other));
  /* The thief's, then one for each session. */
  g_assert_cmpuint (refresh_requests (fixture), ==, 3);
  g_clear_error (&error);

  /* Asked again: still no request and no second notification. */
  token = mq_test_session_get_token (fixture->session, first, &error);
  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_GRANT);
  g_assert_cmpuint (*n_required, ==, 1);
  g_assert_cmpuint (refresh_requests (fixture), ==, 3);
}

/* ---- personal access tokens ---- */

static void
test_personal_rejected (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MqAccount) account = mq_account_new (fixture->url, 43, "Bob", MQ_TOKEN_KIND_PERSONAL, NULL);
  g_autoptr(MqSession) session = mq_session_new (account, fixture->store);
  g_autoptr(MqToken) pasted = mq_token_new_personal ("Bearer personal-access-token", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) why = NULL;
  g_autofree char *token = NULL;
  GAsyncResult *pending = NULL;

  g_signal_connect (session, "sign-in-required", G_CALLBACK (sign_in_required_cb), &why);
  mq_session_sign_in_async (session, pasted, NULL, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  g_assert_true (mq_session_sign_in_finish (session, result, &error));
  g_clear_object (&result);

  token = mq_test_session_get_token (session, NULL, &error);
  g_assert_cmpstr (token, ==, "personal-access-token");
  g_clear_pointer (&token, g_free);

  /* Nothing to refresh it with: a new token is needed. */
  token = mq_test_session_get_token (session, "personal-access-token", &error);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "Settings › API"));
  g_assert_error (why, MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED);
  g_assert_true (mq_session_get_needs_sign_in (session));
  g_assert_cmpuint (fake_viewneo_get_token_grants (fixture->fake, "refresh_token"), ==, 0);

  g_assert_true (sign_out (session, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/session/" path, Fixture, NULL, mq_test_session_set_up, func, mq_test_session_tear_down)

  ADD ("sign-in-stores", test_sign_in_stores);
  ADD ("labels", test_labels);
  ADD ("load", test_load);
  ADD ("load-nothing", test_load_nothing);
  ADD ("load-corrupt", test_load_corrupt);
  ADD ("sign-out", test_sign_out);
  ADD ("refresh/on-expiry", test_refresh_on_expiry);
  ADD ("refresh/short-lifetime", test_refresh_window_short_lifetime);
  ADD ("refresh/if-due", test_refresh_if_due);
  ADD ("refresh/on-401", test_refresh_on_401);
  ADD ("refresh/single-flight", test_single_flight);
  ADD ("refresh/single-flight-due", test_single_flight_due);
  ADD ("refresh/rotation-stored-first", test_rotation_stored_first);
  ADD ("refresh/refused", test_refused_refresh);
  ADD ("refresh/refused-client", test_refused_client);
  ADD ("refresh/unauthorized-after-refresh", test_unauthorized_after_refresh);
  ADD ("refresh/offline", test_offline);
  ADD ("refresh/waiter-cancelled", test_waiter_cancelled);
  ADD ("refresh/client-401", test_client_refreshes_on_401);
  ADD ("refresh/two-sessions-at-once", test_two_sessions_at_once);
  ADD ("refresh/rotated-elsewhere", test_rotated_elsewhere);
  ADD ("refresh/rotated-elsewhere-due", test_rotated_elsewhere_due);
  ADD ("refresh/refused-then-found-rotated", test_refused_then_found_rotated);
  ADD ("refresh/revoked-at-once", test_revoked_at_once);
  ADD ("personal-rejected", test_personal_rejected);

#undef ADD

  return g_test_run ();
}
