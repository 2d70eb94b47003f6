/* mq-test-session.h: a signed-in MqSession against the fake viewneo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fake-viewneo.h"
#include "mq-session.h"
#include "mq-token-provider.h"

G_BEGIN_DECLS

#define MQ_TEST_CLIENT_ID "5"
#define MQ_TEST_CLIENT_SECRET "sEsSiOn-client-secret"

typedef struct
{
  FakeViewneo  *fake;
  char         *url;
  char         *redirect_uri;
  MqAccount    *account;
  MqTokenStore *store;
  MqSession    *session;
} MqTestSession;

/* A fake viewneo with an OAuth client, and an OAuth account on it (not signed in). */
void     mq_test_session_set_up       (MqTestSession  *fixture,
                                       gconstpointer   data);
void     mq_test_session_tear_down    (MqTestSession  *fixture,
                                       gconstpointer   data);

/* A token from the fake, through the authorize and token endpoints. */
MqToken *mq_test_session_obtain_token (MqTestSession  *fixture);
/* Signs the session in with a fresh token and the client secret. */
void     mq_test_session_sign_in      (MqTestSession  *fixture);
/* Signs @session in with @token (and @client_secret, or NULL), which must succeed. */
void     mq_test_session_sign_in_with (MqSession      *session,
                                       MqToken        *token,
                                       const char     *client_secret);

char    *mq_test_session_get_token    (MqSession      *session,
                                       const char     *rejected_token,
                                       GError        **error);

G_END_DECLS
