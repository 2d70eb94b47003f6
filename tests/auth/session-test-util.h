/* session-test-util.h: a signed-in MqSession against the fake viewneo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fake-viewneo.h"
#include "mq-session.h"
#include "mq-token-provider.h"

G_BEGIN_DECLS

#define SESSION_TEST_CLIENT_ID "5"
#define SESSION_TEST_CLIENT_SECRET "sEsSiOn-client-secret"

typedef struct
{
  FakeViewneo  *fake;
  char         *url;
  char         *redirect_uri;
  MqAccount    *account;
  MqTokenStore *store;
  MqSession    *session;
} SessionFixture;

/* A fake viewneo with an OAuth client, and an OAuth account on it (not signed in). */
void     session_fixture_set_up    (SessionFixture *fixture,
                                    gconstpointer   data);
void     session_fixture_tear_down (SessionFixture *fixture,
                                    gconstpointer   data);

/* A token from the fake, through the authorize and token endpoints. */
MqToken *session_test_obtain_token (SessionFixture *fixture);
/* Signs the session in with a fresh token and the client secret. */
void     session_test_sign_in      (SessionFixture *fixture);

char    *session_test_get_token    (MqSession      *session,
                                    const char     *rejected_token,
                                    GError        **error);

G_END_DECLS
