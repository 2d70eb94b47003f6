/* test-random.c: base64url, random secrets, the PKCE challenge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mq-oauth.h"
#include "mq-random.h"

static void
test_base64url_encode (void)
{
  static const struct {
    const char *input;
    const char *expected;
  } cases[] = {
    { "", "" },
    { "f", "Zg" },
    { "fo", "Zm8" },
    { "foo", "Zm9v" },
    { "foob", "Zm9vYg" },
    /* The bytes base64 writes as + and / become - and _. */
    { "\xfb\xff\xbf", "-_-_" },
    { "\xff\xfe", "__4" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *encoded = mq_base64url_encode ((const guint8 *) cases[i].input,
                                                      strlen (cases[i].input));
      g_assert_cmpstr (encoded, ==, cases[i].expected);
    }
}

static void
test_base64url_decode (void)
{
  static const struct {
    const char *input;
    const char *expected; /* NULL: invalid */
  } cases[] = {
    { "", "" },
    { "Zg", "f" },
    { "Zg==", "f" },
    { "Zm8", "fo" },
    { "Zm8=", "fo" },
    { "Zm9v", "foo" },
    { "-_-_", "\xfb\xff\xbf" },
    /* Standard base64's alphabet is not base64url's. */
    { "+/+/", NULL },
    { "Zm9v\n", NULL },
    { "Zm 9v", NULL },
    /* One character left over carries no whole byte. */
    { "Zm9vY", NULL },
    /* Padding that does not complete the group, or too much of it. */
    { "Zg=", NULL },
    { "Zg===", NULL },
    { "Z===", NULL },
    { "=", NULL },
    { "Zg==Zg==", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = 12345;
      g_autofree guint8 *decoded = mq_base64url_decode (cases[i].input, &len);

      g_test_message ("decoding “%s”", cases[i].input);
      if (cases[i].expected == NULL)
        {
          g_assert_null (decoded);
          g_assert_cmpuint (len, ==, 0);
        }
      else
        {
          g_assert_nonnull (decoded);
          g_assert_cmpmem (decoded, len, cases[i].expected, strlen (cases[i].expected));
        }
    }
}

static void
test_base64url_round_trip (void)
{
  guint8 data[256];

  for (gsize i = 0; i < sizeof data; i++)
    data[i] = (guint8) i;

  for (gsize len = 0; len <= sizeof data; len += 17)
    {
      g_autofree char *encoded = mq_base64url_encode (data, len);
      g_autofree guint8 *decoded = NULL;
      gsize decoded_len;

      g_assert_null (strpbrk (encoded, "+/="));
      decoded = mq_base64url_decode (encoded, &decoded_len);
      g_assert_cmpmem (decoded, decoded_len, data, len);
    }
}

static void
test_random_secrets (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 100; i++)
    {
      char *secret = mq_random_base64url (32);
      gsize len;
      g_autofree guint8 *raw = mq_base64url_decode (secret, &len);

      /* 32 bytes: 43 characters, RFC 7636's recommended verifier. */
      g_assert_cmpuint (strlen (secret), ==, 43);
      g_assert_cmpuint (len, ==, 32);
      g_assert_null (strpbrk (secret, "+/="));
      g_assert_true (g_hash_table_add (seen, secret));
    }
}

/* RFC 7636, Appendix B. */
static void
test_pkce_rfc7636_vector (void)
{
  g_autofree char *challenge = mq_pkce_challenge_s256 ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

static void
test_pkce_challenge_shape (void)
{
  g_autofree char *verifier = mq_random_base64url (32);
  g_autofree char *challenge = mq_pkce_challenge_s256 (verifier);
  g_autofree char *again = mq_pkce_challenge_s256 (verifier);

  /* SHA-256: 32 bytes, 43 characters; the same verifier, the same challenge. */
  g_assert_cmpuint (strlen (challenge), ==, 43);
  g_assert_cmpstr (challenge, ==, again);
  g_assert_cmpstr (challenge, !=, verifier);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/random/base64url/encode", test_base64url_encode);
  g_test_add_func ("/random/base64url/decode", test_base64url_decode);
  g_test_add_func ("/random/base64url/round-trip", test_base64url_round_trip);
  g_test_add_func ("/random/secrets", test_random_secrets);
  g_test_add_func ("/random/pkce/rfc7636-vector", test_pkce_rfc7636_vector);
  g_test_add_func ("/random/pkce/shape", test_pkce_challenge_shape);

  return g_test_run ();
}
