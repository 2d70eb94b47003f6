/* fuzz-single.c: whole response bodies of the single-object calls, as they arrive
 *
 * GET /user, GET /playlist/{id} and POST /oauth/token read whatever a server sent,
 * including nothing at all. Each must give its object or an error: a NULL without an
 * error leaves the call's task unfinished, and sign-in waits for ever.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-fuzz"

#include "mq-api-error.h"
#include "mq-auth-error.h"
#include "mq-client-private.h"
#include "mq-oauth.h"
#include "mq-user.h"

#include "fuzz-common.h"

#define NOW_UNIX G_GINT64_CONSTANT (1700000000)

static void
fuzz_bodies (const uint8_t *data,
             size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MqUser) user = mq_client_parse_user (body, "fuzz.example", NULL, &error);

    fuzz_assert_parse_result (user, error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
    if (user != NULL)
      {
        g_assert_cmpint (mq_user_get_id (user), >, 0);
        fuzz_read_properties (user);
      }
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MqPlaylist) playlist = mq_client_parse_playlist_detail (body, "fuzz.example", NULL, &error);

    fuzz_assert_parse_result (playlist, error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
    if (playlist != NULL)
      {
        g_assert_nonnull (mq_playlist_get_entries (playlist));
        fuzz_check_playlist (playlist);
      }
  }

  for (guint status = 200; status <= 204; status += 4)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MqToken) token = NULL;

      token = mq_oauth_token_from_response (status, (const char *) data, size, "old-refresh",
                                            NOW_UNIX, &error);
      if (token != NULL)
        {
          g_assert_no_error (error);
          fuzz_check_token (token);
          continue;
        }

      /* A PROTOCOL error, or Passport's word in an error body that came with a 2xx. */
      if (error == NULL)
        g_error ("A parse returned NULL without setting its error");
      g_assert_true (error->domain == MQ_API_ERROR || error->domain == MQ_AUTH_ERROR);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* json-glib 1.6 leaks on some JSON it rejects: see fuzz_json_is_clean(). */
  if (fuzz_json_is_clean (data, size))
    fuzz_bodies (data, size);
  else
    {
      fuzz_leak_check_pause ();
      fuzz_bodies (data, size);
      fuzz_leak_check_resume ();
    }

  return 0;
}
