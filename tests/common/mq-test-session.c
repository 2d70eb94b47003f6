/* mq-test-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mq-clock.h"
#include "mq-loopback-receiver.h"
#include "mq-oauth.h"
#include "mq-random.h"
#include "mq-test-async.h"
#include "mq-test-http.h"
#include "mq-test-session.h"
#include "mq-test-viewneo.h"

void
mq_test_session_set_up (MqTestSession *fixture,
                        gconstpointer  data)
{
  fixture->fake = fake_viewneo_new ();
  fixture->url = mq_test_viewneo_listen (fixture->fake);
  fixture->redirect_uri = mq_loopback_redirect_uri (mq_test_free_port ());
  fake_viewneo_add_client (fixture->fake, MQ_TEST_CLIENT_ID, MQ_TEST_CLIENT_SECRET,
                           fixture->redirect_uri);
  fake_viewneo_set_auto_consent (fixture->fake, TRUE, FALSE);

  /* The fake's port makes the account, and its keyring items, this test's own. */
  fixture->account = mq_account_new (fixture->url, 42, "Jane Doe", MQ_TOKEN_KIND_OAUTH,
                                     MQ_TEST_CLIENT_ID);
  fixture->store = mq_token_store_new ();
  fixture->session = mq_session_new (fixture->account, fixture->store);
}

void
mq_test_session_tear_down (MqTestSession *fixture,
                           gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  mq_clock_set_fake_now (0);

  /* Leave the keyring as it was. */
  mq_token_store_clear_async (fixture->store, mq_account_get_server (fixture->account),
                              mq_account_get_id (fixture->account), NULL,
                              mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  mq_token_store_clear_finish (fixture->store, result, NULL);

  g_assert_finalize_object (fixture->session);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->account);
  mq_test_viewneo_stop (&fixture->fake);
  g_clear_pointer (&fixture->url, g_free);
  g_clear_pointer (&fixture->redirect_uri, g_free);
}

MqToken *
mq_test_session_obtain_token (MqTestSession *fixture)
{
  g_autoptr(MqOAuth) oauth = mq_oauth_new (fixture->url, MQ_TEST_CLIENT_ID,
                                           MQ_TEST_CLIENT_SECRET, fixture->redirect_uri);
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autofree char *state = mq_random_base64url (32);
  g_autofree char *verifier = mq_random_base64url (32);
  g_autofree char *challenge = mq_pkce_challenge_s256 (verifier);
  g_autofree char *url = mq_oauth_build_authorize_url (oauth, state, challenge);
  g_autofree char *code = mq_test_authorize (browser, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;
  MqToken *token;

  mq_oauth_exchange_code_async (oauth, code, verifier, mq_clock_now (), NULL,
                                mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  token = mq_oauth_exchange_code_finish (oauth, result, &error);
  g_assert_no_error (error);

  return token;
}

void
mq_test_session_sign_in_with (MqSession  *session,
                              MqToken    *token,
                              const char *client_secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;

  mq_session_sign_in_async (session, token, client_secret, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  g_assert_true (mq_session_sign_in_finish (session, result, &error));
  g_assert_no_error (error);
}

void
mq_test_session_sign_in (MqTestSession *fixture)
{
  g_autoptr(MqToken) token = mq_test_session_obtain_token (fixture);

  mq_test_session_sign_in_with (fixture->session, token, MQ_TEST_CLIENT_SECRET);
}

char *
mq_test_session_get_token (MqSession   *session,
                           const char  *rejected_token,
                           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  mq_token_provider_get_token_async (MQ_TOKEN_PROVIDER (session), rejected_token, NULL,
                                     mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);

  return mq_token_provider_get_token_finish (MQ_TOKEN_PROVIDER (session), result, error);
}
