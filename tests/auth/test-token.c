/* test-token.c: pasted tokens, JWT expiry, OAuth answers, the keyring secret
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mq-api-error.h"
#include "mq-auth-error.h"
#include "mq-test-http.h"
#include "mq-token.h"

static void
test_personal_normalized (void)
{
  static const struct {
    const char *pasted;
    const char *expected;
  } cases[] = {
    { "abc.DEF-123_~+/=", "abc.DEF-123_~+/=" },
    { "  abc\n", "abc" },
    { "\t\r\nabc \r\n", "abc" },
    { "Bearer abc", "abc" },
    { "bearer abc", "abc" },
    { "BEARER\tabc", "abc" },
    { "  Bearer   abc  ", "abc" },
    /* Not a prefix: part of the token. */
    { "Bearerabc", "Bearerabc" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MqToken) token = mq_token_new_personal (cases[i].pasted, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (mq_token_get_access_token (token), ==, cases[i].expected);
      g_assert_cmpint (mq_token_get_kind (token), ==, MQ_TOKEN_KIND_PERSONAL);
      g_assert_null (mq_token_get_refresh_token (token));
      g_assert_cmpstr (mq_token_get_token_type (token), ==, "Bearer");
      g_assert_false (mq_token_can_refresh (token));
      g_assert_cmpint (mq_token_get_expires_at (token), ==, 0);
    }
}

static void
test_personal_invalid (void)
{
  static const char *cases[] = {
    "",
    "   ",
    "\n\t",
    "Bearer ",
    "Bearer    \n",
    "abc def",
    "abc\ndef",
    "Bearer abc def",
    "abc\001def",
    "t\xc3\xb6ken",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MqToken) token = mq_token_new_personal (cases[i], &error);

      g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_INPUT);
      g_assert_null (token);
      /* The message says where a token comes from. */
      g_assert_nonnull (strstr (error->message, "Settings › API"));
    }
}

static void
test_personal_jwt_expiry (void)
{
  g_autofree char *jwt = mq_test_make_jwt ("{\"aud\":\"3\",\"jti\":\"x\",\"iat\":1700000000,"
                                           "\"exp\":1731536000,\"sub\":\"42\",\"scopes\":[]}");
  g_autofree char *pasted = g_strdup_printf ("Bearer %s\n", jwt);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) token = mq_token_new_personal (pasted, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (mq_token_get_access_token (token), ==, jwt);
  g_assert_cmpint (mq_token_get_expires_at (token), ==, 1731536000);
  g_assert_cmpint (mq_token_get_issued_at (token), ==, 1700000000);
}

static void
test_jwt_expiry (void)
{
  static const struct {
    const char *payload;
    gint64 expected;
  } cases[] = {
    { "{\"exp\":1731536000}", 1731536000 },
    { "{\"exp\":1731536000.75}", 1731536000 },
    { "{\"sub\":\"1\",\"exp\":2000000000,\"nbf\":1}", 2000000000 },
    { "{\"sub\":\"1\"}", 0 },
    { "{\"exp\":\"1731536000\"}", 0 },
    { "{\"exp\":null}", 0 },
    { "{\"exp\":-5}", 0 },
    { "{\"exp\":{}}", 0 },
    { "[1731536000]", 0 },
    { "1731536000", 0 },
    { "not json", 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *jwt = mq_test_make_jwt (cases[i].payload);

      g_test_message ("payload %s", cases[i].payload);
      g_assert_cmpint (mq_jwt_get_expiry (jwt), ==, cases[i].expected);
    }

  /* Not JWTs at all. */
  g_assert_cmpint (mq_jwt_get_expiry ("abcdef"), ==, 0);
  g_assert_cmpint (mq_jwt_get_expiry ("a.b"), ==, 0);
  g_assert_cmpint (mq_jwt_get_expiry ("a.b.c.d"), ==, 0);
  g_assert_cmpint (mq_jwt_get_expiry ("eyJhbGciOiJub25lIn0..sig"), ==, 0);
  g_assert_cmpint (mq_jwt_get_expiry ("eyJhbGciOiJub25lIn0.!!!.sig"), ==, 0);
  g_assert_cmpint (mq_jwt_get_expiry (""), ==, 0);
  g_assert_cmpint (mq_jwt_get_expiry (NULL), ==, 0);
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_oauth_response (void)
{
  g_autoptr(JsonObject) object = parse_object ("{\"token_type\":\"Bearer\",\"expires_in\":1296000,"
                                               "\"access_token\":\"acc.ess\",\"refresh_token\":\"def502\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) token = mq_token_new_from_oauth_response (object, 1700000000, &error);

  g_assert_no_error (error);
  g_assert_cmpint (mq_token_get_kind (token), ==, MQ_TOKEN_KIND_OAUTH);
  g_assert_cmpstr (mq_token_get_access_token (token), ==, "acc.ess");
  g_assert_cmpstr (mq_token_get_refresh_token (token), ==, "def502");
  g_assert_cmpstr (mq_token_get_token_type (token), ==, "Bearer");
  g_assert_cmpint (mq_token_get_expires_at (token), ==, 1700000000 + 1296000);
  g_assert_cmpint (mq_token_get_issued_at (token), ==, 1700000000);
  g_assert_true (mq_token_can_refresh (token));
}

static void
test_oauth_response_variants (void)
{
  g_autofree char *jwt = mq_test_make_jwt ("{\"exp\":1800000000}");
  g_autofree char *without_expires_in = g_strdup_printf ("{\"access_token\":\"%s\"}", jwt);
  static const struct {
    const char *json;
    gint64 expires_at;
    gboolean can_refresh;
  } cases[] = {
    /* expires_in as a string, token_type in lower case, no refresh token. */
    { "{\"access_token\":\"a\",\"expires_in\":\"3600\",\"token_type\":\"bearer\"}", 1700003600, FALSE },
    { "{\"access_token\":\"a\",\"refresh_token\":null}", 0, FALSE },
    { "{\"access_token\":\"a\",\"refresh_token\":\"\"}", 0, FALSE },
    { "{\"access_token\":\"a\",\"refresh_token\":\"r\",\"unknown\":[1]}", 0, TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) object = parse_object (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(MqToken) token = mq_token_new_from_oauth_response (object, 1700000000, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_no_error (error);
      g_assert_cmpint (mq_token_get_expires_at (token), ==, cases[i].expires_at);
      g_assert_cmpint (mq_token_can_refresh (token), ==, cases[i].can_refresh);
    }

  /* Without expires_in, the JWT's own exp. */
  {
    g_autoptr(JsonObject) object = parse_object (without_expires_in);
    g_autoptr(MqToken) token = mq_token_new_from_oauth_response (object, 1700000000, NULL);

    g_assert_cmpint (mq_token_get_expires_at (token), ==, 1800000000);
  }
}

static void
test_oauth_response_invalid (void)
{
  static const char *cases[] = {
    "{}",
    "{\"token_type\":\"Bearer\",\"expires_in\":3600}",
    "{\"access_token\":\"\"}",
    "{\"access_token\":42}",
    "{\"access_token\":\"a b\"}",
    "{\"access_token\":\"a\\r\\nX-Injected: 1\"}",
    "{\"access_token\":\"a\",\"refresh_token\":7}",
    "{\"access_token\":\"a\",\"expires_in\":-1}",
    "{\"access_token\":\"a\",\"expires_in\":\"soon\"}",
    "{\"access_token\":\"a\",\"expires_in\":[]}",
    "{\"access_token\":\"a\",\"token_type\":\"MAC\"}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) object = parse_object (cases[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(MqToken) token = mq_token_new_from_oauth_response (object, 1700000000, &error);

      g_test_message ("%s", cases[i]);
      g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
      g_assert_null (token);
    }
}

static void
assert_same_token (MqToken *a,
                   MqToken *b)
{
  g_assert_cmpint (mq_token_get_kind (a), ==, mq_token_get_kind (b));
  g_assert_cmpstr (mq_token_get_access_token (a), ==, mq_token_get_access_token (b));
  g_assert_cmpstr (mq_token_get_refresh_token (a), ==, mq_token_get_refresh_token (b));
  g_assert_cmpstr (mq_token_get_token_type (a), ==, mq_token_get_token_type (b));
  g_assert_cmpint (mq_token_get_expires_at (a), ==, mq_token_get_expires_at (b));
  g_assert_cmpint (mq_token_get_issued_at (a), ==, mq_token_get_issued_at (b));
}

static void
test_secret_round_trip (void)
{
  g_autoptr(JsonObject) object = parse_object ("{\"expires_in\":60,\"access_token\":\"A\\\"b\\\\c\","
                                               "\"refresh_token\":\"R/1+\"}");
  g_autoptr(MqToken) oauth = mq_token_new_from_oauth_response (object, 1700000000, NULL);
  g_autofree char *jwt = mq_test_make_jwt ("{\"exp\":1800000000}");
  g_autoptr(MqToken) personal = mq_token_new_personal (jwt, NULL);
  MqToken *tokens[] = { oauth, personal };

  for (gsize i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autofree char *secret = mq_token_to_secret (tokens[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(MqToken) back = mq_token_new_from_secret (secret, &error);
      g_autoptr(JsonObject) fields = parse_object (secret);

      g_assert_no_error (error);
      assert_same_token (tokens[i], back);

      /* The documented fields. */
      g_assert_true (json_object_has_member (fields, "access_token"));
      g_assert_true (json_object_has_member (fields, "expires_at"));
      g_assert_true (json_object_has_member (fields, "token_type"));
      g_assert_true (json_object_has_member (fields, "kind"));
      g_assert_cmpint (json_object_has_member (fields, "refresh_token"), ==, tokens[i] == oauth);
    }
}

static void
test_secret_corrupt (void)
{
  static const char *cases[] = {
    "",
    "not json",
    "[]",
    "\"a\"",
    "{}",
    "{\"kind\":\"oauth\"}",
    "{\"kind\":\"oauth\",\"access_token\":\"\"}",
    "{\"kind\":\"oauth\",\"access_token\":5}",
    "{\"kind\":\"password\",\"access_token\":\"a\"}",
    "{\"access_token\":\"a\"}",
    "{\"kind\":\"oauth\",\"access_token\":\"a\",\"expires_at\":\"tomorrow\"}",
    "{\"kind\":\"oauth\",\"access_token\":\"a\",\"refresh_token\":[]}",
    "{\"kind\":\"personal\",\"access_token\":\"a\",\"refresh_token\":\"r\"}",
    "{\"kind\":\"personal\",\"access_token\":\"a b\"}",
    "{\"kind\":\"personal\",\"access_token\":\"a\"",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MqToken) token = mq_token_new_from_secret (cases[i], &error);

      g_test_message ("%s", cases[i]);
      g_assert_error (error, MQ_KEYRING_ERROR, MQ_KEYRING_ERROR_CORRUPT);
      g_assert_null (token);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/token/personal/normalized", test_personal_normalized);
  g_test_add_func ("/token/personal/invalid", test_personal_invalid);
  g_test_add_func ("/token/personal/jwt-expiry", test_personal_jwt_expiry);
  g_test_add_func ("/token/jwt-expiry", test_jwt_expiry);
  g_test_add_func ("/token/oauth-response", test_oauth_response);
  g_test_add_func ("/token/oauth-response/variants", test_oauth_response_variants);
  g_test_add_func ("/token/oauth-response/invalid", test_oauth_response_invalid);
  g_test_add_func ("/token/secret/round-trip", test_secret_round_trip);
  g_test_add_func ("/token/secret/corrupt", test_secret_corrupt);

  return g_test_run ();
}
