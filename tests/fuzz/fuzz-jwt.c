/* fuzz-jwt.c: pasted personal access tokens and the JWT claims read from them
 *
 * The input is read twice: as the text a user pastes, and as the claims of a JWT built
 * around it, so that the claims' JSON is reached without the fuzzer having to learn
 * base64url.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-fuzz"

#include <string.h>

#include "mq-auth-error.h"
#include "mq-random.h"

#include "fuzz-common.h"

/* {"typ":"JWT","alg":"RS256"} and a signature nobody checks. */
#define JWT_HEADER "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9"
#define JWT_SIGNATURE "c2lnbmF0dXJl"

static MqToken *
paste (const char *text)
{
  g_autoptr(GError) error = NULL;
  MqToken *token;

  token = mq_token_new_personal (text, &error);
  fuzz_assert_parse_result (token, error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_INPUT);
  if (token == NULL)
    return NULL;

  g_assert_true (mq_token_get_kind (token) == MQ_TOKEN_KIND_PERSONAL);
  g_assert_null (mq_token_get_refresh_token (token));
  g_assert_cmpint (mq_token_get_expires_at (token), ==,
                   mq_jwt_get_expiry (mq_token_get_access_token (token)));
  fuzz_check_token (token);

  return token;
}

/* What is pasted around a token does not change it. */
static void
check_pasted_with_noise (const char *access_token)
{
  static const struct {
    const char *before;
    const char *after;
  } noise[] = {
    { "Bearer ", "" },
    { " \t", "\r\n" },
    { "\nbearer\t ", " " },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (noise); i++)
    {
      g_autofree char *text = g_strconcat (noise[i].before, access_token, noise[i].after, NULL);
      g_autoptr(MqToken) token = paste (text);

      g_assert_nonnull (token);
      g_assert_cmpstr (mq_token_get_access_token (token), ==, access_token);
    }
}

/* The claim as a JSON integer says what the expiry must be; other spellings are checked
 * by the invariants only. */
static gboolean
get_int_claim (JsonNode   *claims,
               const char *name,
               gint64     *value)
{
  JsonNode *member;

  if (claims == NULL || !JSON_NODE_HOLDS_OBJECT (claims))
    return FALSE;

  member = json_object_get_member (json_node_get_object (claims), name);
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_INT64)
    return FALSE;

  *value = MAX (json_node_get_int (member), 0);
  return TRUE;
}

static void
fuzz_pasted (const char *text)
{
  g_autoptr(MqToken) pasted = NULL;
  const char *access_token;

  g_assert_cmpint (mq_jwt_get_expiry (text), >=, 0);

  pasted = paste (text);
  if (pasted == NULL)
    return;

  access_token = mq_token_get_access_token (pasted);
  g_assert_nonnull (strstr (text, access_token));

  /* "Bearer" alone is what is left of a pasted "Bearer ", not a token; so a token that
   * is the word itself ("bearer Bearer") cannot be pasted with noise. */
  if (g_ascii_strcasecmp (access_token, "Bearer") != 0)
    check_pasted_with_noise (access_token);
}

static void
fuzz_claims (const uint8_t *data,
             size_t         size,
             gboolean       clean)
{
  g_autofree char *payload = mq_base64url_encode (data, size);
  g_autofree char *jwt = g_strjoin (".", JWT_HEADER, payload, JWT_SIGNATURE, NULL);
  g_autoptr(JsonNode) claims = NULL;
  g_autoptr(MqToken) token = NULL;
  gint64 expiry;
  gint64 claim;

  expiry = mq_jwt_get_expiry (jwt);
  g_assert_cmpint (expiry, >=, 0);

  token = paste (jwt);
  g_assert_nonnull (token);
  g_assert_cmpstr (mq_token_get_access_token (token), ==, jwt);
  g_assert_cmpint (mq_token_get_expires_at (token), ==, expiry);

  /* An empty payload is no JWT. What json-glib does with JSON that is not clean is its
   * own affair; clean claims say what the dates must be. */
  if (size == 0)
    g_assert_cmpint (expiry, ==, 0);
  if (!clean)
    return;

  claims = fuzz_parse_json (data, size);
  if (claims == NULL || !JSON_NODE_HOLDS_OBJECT (claims))
    g_assert_cmpint (expiry, ==, 0);
  if (get_int_claim (claims, "exp", &claim))
    g_assert_cmpint (expiry, ==, claim);
  if (get_int_claim (claims, "iat", &claim))
    g_assert_cmpint (mq_token_get_issued_at (token), ==, claim);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_dup_string (data, size);
  gboolean clean;

  clean = fuzz_jwt_claims_are_clean (text);
  if (!clean)
    fuzz_leak_check_pause ();
  fuzz_pasted (text);
  if (!clean)
    fuzz_leak_check_resume ();

  clean = fuzz_json_is_clean (data, size);
  if (!clean)
    fuzz_leak_check_pause ();
  fuzz_claims (data, size, clean);
  if (!clean)
    fuzz_leak_check_resume ();

  return 0;
}
