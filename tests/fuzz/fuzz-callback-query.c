/* fuzz-callback-query.c: the query of the OAuth redirect to the loopback receiver
 *
 * The input is "EXPECTED-STATE\nQUERY", or a bare QUERY checked against the state of the
 * seed corpus. Whatever a browser (or anything else on 127.0.0.1) sends, the parse gives
 * exactly a code, exactly an error, or a GError, and a code it accepts is accepted again
 * when sent the way a browser would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-fuzz"

#include <string.h>

#include "mq-auth-error.h"
#include "mq-loopback-receiver.h"

#include "fuzz-common.h"

#define SEED_STATE "St4te-xyz"

/* RFC 6749's VSCHAR. */
static void
assert_vschar (const char *text)
{
  g_assert_nonnull (text);
  g_assert_cmpstr (text, !=, "");
  for (const char *p = text; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 && (guchar) *p <= 0x7e);
}

static void
check_encoded_again (const char *state,
                     const char *name,
                     const char *value)
{
  g_autofree char *escaped_state = g_uri_escape_string (state, NULL, FALSE);
  g_autofree char *escaped_value = g_uri_escape_string (value, NULL, FALSE);
  g_autofree char *query = g_strdup_printf ("%s=%s&state=%s", name, escaped_value, escaped_state);
  g_autofree char *code = NULL;
  g_autofree char *error_code = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mq_callback_query_parse (query, state, &code, &error_code, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_str_equal (name, "code") ? code : error_code, ==, value);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = fuzz_dup_string (data, size);
  g_autofree char *code = NULL;
  g_autofree char *error_code = NULL;
  g_autofree char *error_description = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error_again = NULL;
  const char *state = SEED_STATE;
  const char *query = input;
  char *newline = strchr (input, '\n');
  gboolean ok;

  if (newline != NULL)
    {
      *newline = '\0';
      state = input;
      query = newline + 1;
    }

  ok = mq_callback_query_parse (query, state, &code, &error_code, &error_description, &error);

  /* The outputs are optional and change nothing. */
  g_assert_true (mq_callback_query_parse (query, state, NULL, NULL, NULL, &error_again) == ok);
  g_assert_true ((error == NULL) == (error_again == NULL));

  if (!ok)
    {
      g_assert_null (code);
      g_assert_null (error_code);
      g_assert_null (error_description);
      g_assert_nonnull (error);
      g_assert_true (g_error_matches (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_STATE_MISMATCH) ||
                     g_error_matches (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_REQUEST));
      return 0;
    }

  g_assert_no_error (error);

  /* Exactly one of a code and an error, each usable as it is. */
  g_assert_true ((code != NULL) != (error_code != NULL));
  if (code != NULL)
    {
      assert_vschar (code);
      g_assert_null (error_description);
      check_encoded_again (state, "code", code);
    }
  else
    {
      assert_vschar (error_code);
      if (error_description != NULL)
        g_assert_true (g_utf8_validate (error_description, -1, NULL));
      check_encoded_again (state, "error", error_code);
    }

  /* Any other state is refused. */
  {
    g_autofree char *other_state = g_strconcat (state, "x", NULL);
    g_autoptr(GError) mismatch = NULL;

    g_assert_false (mq_callback_query_parse (query, other_state, NULL, NULL, NULL, &mismatch));
    g_assert_error (mismatch, MQ_AUTH_ERROR, MQ_AUTH_ERROR_STATE_MISMATCH);
  }

  return 0;
}
