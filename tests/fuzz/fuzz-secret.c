/* fuzz-secret.c: the token JSON Marquee reads back: the keyring's secret and the
 * /oauth/token answer
 *
 * The same input is read as a stored secret (mq_token_new_from_secret) and, when it is
 * an object, as the body of a token response. Every token that comes out keeps its
 * invariants and is stored and read back unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-fuzz"

#include <string.h>

#include "mq-api-error.h"
#include "mq-auth-error.h"

#include "fuzz-common.h"

/* 2023-11-14 22:13:20 UTC, a fixed "now" so that a crash reproduces. */
#define NOW_UNIX G_GINT64_CONSTANT (1700000000)

static void
fuzz_secret (const char *secret)
{
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = mq_token_new_from_secret (secret, &error);
  fuzz_assert_parse_result (token, error, MQ_KEYRING_ERROR, MQ_KEYRING_ERROR_CORRUPT);
  if (token != NULL)
    fuzz_check_token (token);
}

static void
fuzz_oauth_response (JsonObject *object)
{
  g_autoptr(MqToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = mq_token_new_from_oauth_response (object, NOW_UNIX, &error);
  fuzz_assert_parse_result (token, error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
  if (token == NULL)
    return;

  g_assert_true (mq_token_get_kind (token) == MQ_TOKEN_KIND_OAUTH);
  g_assert_cmpstr (mq_token_get_token_type (token), ==, "Bearer");
  g_assert_cmpint (mq_token_get_issued_at (token), ==, NOW_UNIX);
  fuzz_check_token (token);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_dup_string (data, size);
  g_autoptr(JsonNode) root = NULL;

  /* The secret is read up to the first NUL. */
  if (fuzz_json_is_clean ((const uint8_t *) text, strlen (text)))
    fuzz_secret (text);
  else
    {
      fuzz_leak_check_pause ();
      fuzz_secret (text);
      fuzz_leak_check_resume ();
    }

  root = fuzz_parse_json (data, size);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonNode *access_token = json_object_get_member (object, "access_token");
      gboolean clean = TRUE;

      /* Without expires_in, the expiry comes from the access token's JWT claims. */
      if (access_token != NULL && JSON_NODE_HOLDS_VALUE (access_token) &&
          json_node_get_value_type (access_token) == G_TYPE_STRING)
        clean = fuzz_jwt_claims_are_clean (json_node_get_string (access_token));

      if (!clean)
        fuzz_leak_check_pause ();
      fuzz_oauth_response (object);
      if (!clean)
        fuzz_leak_check_resume ();
    }

  return 0;
}
