/* test-oauth.c: the authorize URL, the token requests, Passport's errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fake-viewneo.h"
#include "mq-api-error.h"
#include "mq-auth-error.h"
#include "mq-oauth.h"
#include "mq-random.h"
#include "mq-test-async.h"
#include "mq-test-http.h"
#include "mq-test-viewneo.h"

#define CLIENT_ID "3"
#define CLIENT_SECRET "Ks9dlPq0secret"
#define NOW 1700000000

/* ---- the authorize URL ---- */

static void
test_authorize_url (void)
{
  g_autoptr(MqOAuth) oauth = mq_oauth_new ("https://cloud.viewneo.com/", "id &=/?é#",
                                           CLIENT_SECRET, "http://127.0.0.1:27839/callback");
  g_autofree char *url = mq_oauth_build_authorize_url (oauth, "st+/=&x", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (uri);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, "https");
  g_assert_cmpstr (g_uri_get_host (uri), ==, "cloud.viewneo.com");
  g_assert_cmpstr (g_uri_get_path (uri), ==, "/oauth/authorize");
  g_assert_null (g_uri_get_fragment (uri));

  /* Every value escaped: nothing in one can start another parameter. */
  g_assert_cmpstr (g_uri_get_query (uri), ==,
                   "client_id=id%20%26%3D%2F%3F%C3%A9%23"
                   "&redirect_uri=http%3A%2F%2F127.0.0.1%3A27839%2Fcallback"
                   "&response_type=code"
                   "&state=st%2B%2F%3D%26x"
                   "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                   "&code_challenge_method=S256");

  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_cmpuint (g_hash_table_size (params), ==, 6);
  g_assert_cmpstr (g_hash_table_lookup (params, "client_id"), ==, "id &=/?é#");
  g_assert_cmpstr (g_hash_table_lookup (params, "redirect_uri"), ==, "http://127.0.0.1:27839/callback");
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "st+/=&x");

  /* The secret belongs in the token request only. */
  g_assert_null (strstr (url, CLIENT_SECRET));

  g_assert_cmpstr (mq_oauth_get_server_url (oauth), ==, "https://cloud.viewneo.com");
  g_assert_cmpstr (mq_oauth_get_client_id (oauth), ==, "id &=/?é#");
  g_assert_cmpstr (mq_oauth_get_redirect_uri (oauth), ==, "http://127.0.0.1:27839/callback");
}

/* ---- Passport's error bodies ---- */

static void
test_error_from_response (void)
{
  static const struct {
    guint status;
    const char *body;
    GQuark (*domain) (void);
    int code;
  } cases[] = {
    { 401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\",\"message\":\"Client authentication failed\"}",
      mq_auth_error_quark, MQ_AUTH_ERROR_INVALID_CLIENT },
    { 400, "{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant ...\",\"hint\":\"Authorization code has been revoked\"}",
      mq_auth_error_quark, MQ_AUTH_ERROR_INVALID_GRANT },
    { 400, "{\"error\":\"invalid_request\",\"hint\":\"Check the `code` parameter\"}",
      mq_auth_error_quark, MQ_AUTH_ERROR_INVALID_REQUEST },
    /* Older Passport: a bad refresh token as invalid_request with 401. */
    { 401, "{\"error\":\"invalid_request\",\"hint\":\"Token has been revoked\"}",
      mq_auth_error_quark, MQ_AUTH_ERROR_INVALID_REQUEST },
    { 400, "{\"error\":\"unsupported_grant_type\"}",
      mq_auth_error_quark, MQ_AUTH_ERROR_INVALID_REQUEST },
    { 400, "{\"error\":\"access_denied\"}",
      mq_auth_error_quark, MQ_AUTH_ERROR_ACCESS_DENIED },
    { 400, "{\"error\":\"invalid_scope\"}",
      mq_auth_error_quark, MQ_AUTH_ERROR_INVALID_REQUEST },
    /* Not OAuth error bodies: the status decides. */
    { 500, "<html><body>Server Error</body></html>", mq_api_error_quark, MQ_API_ERROR_SERVER },
    { 503, "", mq_api_error_quark, MQ_API_ERROR_SERVER },
    { 429, "{\"message\":\"Too Many Attempts.\"}", mq_api_error_quark, MQ_API_ERROR_RATE_LIMITED },
    { 400, "{\"error\":42}", mq_api_error_quark, MQ_API_ERROR_PROTOCOL },
    { 404, "<html>Not Found</html>", mq_api_error_quark, MQ_API_ERROR_NOT_FOUND },
    { 302, "", mq_api_error_quark, MQ_API_ERROR_PROTOCOL },
    { 418, "[\"error\"]", mq_api_error_quark, MQ_API_ERROR_PROTOCOL },
    /* A success without a usable token is the server's fault. */
    { 200, "{\"access_token\":", mq_api_error_quark, MQ_API_ERROR_PROTOCOL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = mq_oauth_error_from_response (cases[i].status, cases[i].body,
                                                              strlen (cases[i].body));

      g_test_message ("%u %s", cases[i].status, cases[i].body);
      g_assert_error (error, cases[i].domain (), cases[i].code);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_error_messages (void)
{
  static const char *invalid_client = "{\"error\":\"invalid_client\"}";
  g_autoptr(GError) error = mq_oauth_error_from_response (401, invalid_client, strlen (invalid_client));

  /* What happened, and where to fix it. */
  g_assert_cmpstr (error->message, ==,
                   "viewneo did not accept the Client ID or secret. Check them under Settings › API.");
}

/* ---- what goes over the wire, against the fake viewneo's canned answers ---- */

typedef struct
{
  FakeViewneo *fake;
  char        *url;
  JsonObject  *body;    /* the last request's, once asked for */
} Recorder;

/* What POST /oauth/token answers from now on. */
static void
recorder_answer (Recorder   *recorder,
                 guint       status,
                 const char *response)
{
  fake_viewneo_clear_faults (recorder->fake);
  fake_viewneo_add_answer (recorder->fake, "/oauth/token", status, "application/json", response, 0);
}

/* The JSON object the last request sent, into recorder->body (NULL when none). */
static void
recorder_read_body (Recorder *recorder)
{
  GBytes *body = fake_viewneo_get_last_request_body (recorder->fake);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_clear_pointer (&recorder->body, json_object_unref);
  if (body != NULL && g_bytes_get_size (body) > 0 &&
      json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    recorder->body = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
recorder_set_up (Recorder      *recorder,
                 gconstpointer  data)
{
  recorder->fake = fake_viewneo_new ();
  recorder->url = mq_test_viewneo_listen (recorder->fake);
  recorder_answer (recorder, SOUP_STATUS_OK,
                   "{\"token_type\":\"Bearer\",\"expires_in\":3600,"
                   "\"access_token\":\"new-access\",\"refresh_token\":\"new-refresh\"}");
}

static void
recorder_tear_down (Recorder      *recorder,
                    gconstpointer  data)
{
  mq_test_viewneo_stop (&recorder->fake);
  g_clear_pointer (&recorder->url, g_free);
  g_clear_pointer (&recorder->body, json_object_unref);
}

static void
assert_members (JsonObject         *object,
                const char * const *expected)
{
  g_autoptr(GList) members = json_object_get_members (object);

  g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((char **) expected));
  for (gsize i = 0; expected[i] != NULL; i++)
    g_assert_true (json_object_has_member (object, expected[i]));
}

static MqToken *
exchange (MqOAuth     *oauth,
          const char  *code,
          const char  *verifier,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  mq_oauth_exchange_code_async (oauth, code, verifier, NOW, NULL,
                                mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);

  return mq_oauth_exchange_code_finish (oauth, result, error);
}

/* Exchanges @code for a token, which must fail with @error_code. */
static void
assert_exchange_fails (MqOAuth     *oauth,
                       const char  *code,
                       const char  *verifier,
                       int          error_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) token = exchange (oauth, code, verifier, &error);

  g_assert_error (error, MQ_AUTH_ERROR, error_code);
  g_assert_null (token);
}

static MqToken *
refresh (MqOAuth     *oauth,
         const char  *refresh_token,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  mq_oauth_refresh_async (oauth, refresh_token, NOW, NULL, mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);

  return mq_oauth_refresh_finish (oauth, result, error);
}

static void
test_exchange_request (Recorder      *recorder,
                       gconstpointer  data)
{
  static const char * const members[] = {
    "grant_type", "client_id", "client_secret", "redirect_uri", "code", "code_verifier", NULL
  };
  g_autoptr(MqOAuth) oauth = mq_oauth_new (recorder->url, CLIENT_ID, CLIENT_SECRET,
                                           "http://127.0.0.1:27839/callback");
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) token = exchange (oauth, "the-code", "the-verifier", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (mq_token_get_access_token (token), ==, "new-access");
  g_assert_cmpstr (mq_token_get_refresh_token (token), ==, "new-refresh");
  g_assert_cmpint (mq_token_get_expires_at (token), ==, NOW + 3600);
  g_assert_cmpint (mq_token_get_kind (token), ==, MQ_TOKEN_KIND_OAUTH);

  /* As viewneo's authentication page documents it, plus PKCE. */
  recorder_read_body (recorder);
  g_assert_cmpstr (fake_viewneo_get_last_request_method (recorder->fake), ==, "POST");
  g_assert_cmpstr (fake_viewneo_get_last_request_path (recorder->fake), ==, "/oauth/token");
  g_assert_cmpstr (fake_viewneo_get_last_request_header (recorder->fake, "Content-Type"), ==, "application/json");
  g_assert_cmpstr (fake_viewneo_get_last_request_header (recorder->fake, "Accept"), ==, "application/json");
  g_assert_nonnull (recorder->body);
  assert_members (recorder->body, members);
  g_assert_cmpstr (json_object_get_string_member (recorder->body, "grant_type"), ==, "authorization_code");
  g_assert_cmpstr (json_object_get_string_member (recorder->body, "client_id"), ==, CLIENT_ID);
  g_assert_cmpstr (json_object_get_string_member (recorder->body, "client_secret"), ==, CLIENT_SECRET);
  g_assert_cmpstr (json_object_get_string_member (recorder->body, "redirect_uri"), ==, "http://127.0.0.1:27839/callback");
  g_assert_cmpstr (json_object_get_string_member (recorder->body, "code"), ==, "the-code");
  g_assert_cmpstr (json_object_get_string_member (recorder->body, "code_verifier"), ==, "the-verifier");
}

static void
test_refresh_request (Recorder      *recorder,
                      gconstpointer  data)
{
  static const char * const members[] = {
    "grant_type", "refresh_token", "client_id", "client_secret", NULL
  };
  /* A session's MqOAuth only refreshes: no redirect URI. */
  g_autoptr(MqOAuth) oauth = mq_oauth_new (recorder->url, CLIENT_ID, CLIENT_SECRET, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) token = refresh (oauth, "old-refresh", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (mq_token_get_access_token (token), ==, "new-access");
  g_assert_cmpstr (mq_token_get_refresh_token (token), ==, "new-refresh");

  recorder_read_body (recorder);
  g_assert_cmpstr (fake_viewneo_get_last_request_method (recorder->fake), ==, "POST");
  g_assert_cmpstr (fake_viewneo_get_last_request_path (recorder->fake), ==, "/oauth/token");
  g_assert_cmpstr (fake_viewneo_get_last_request_header (recorder->fake, "Content-Type"), ==, "application/json");
  g_assert_cmpstr (fake_viewneo_get_last_request_header (recorder->fake, "Accept"), ==, "application/json");
  assert_members (recorder->body, members);
  g_assert_cmpstr (json_object_get_string_member (recorder->body, "grant_type"), ==, "refresh_token");
  g_assert_cmpstr (json_object_get_string_member (recorder->body, "refresh_token"), ==, "old-refresh");
  g_assert_cmpstr (json_object_get_string_member (recorder->body, "client_id"), ==, CLIENT_ID);
  g_assert_cmpstr (json_object_get_string_member (recorder->body, "client_secret"), ==, CLIENT_SECRET);
}

static void
test_refresh_keeps_unrotated (Recorder      *recorder,
                              gconstpointer  data)
{
  g_autoptr(MqOAuth) oauth = mq_oauth_new (recorder->url, CLIENT_ID, CLIENT_SECRET, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) token = NULL;

  /* RFC 6749 §6: an answer without a refresh token leaves the old one valid. */
  recorder_answer (recorder, SOUP_STATUS_OK,
                   "{\"token_type\":\"Bearer\",\"expires_in\":60,\"access_token\":\"a2\"}");

  token = refresh (oauth, "old-refresh", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mq_token_get_access_token (token), ==, "a2");
  g_assert_cmpstr (mq_token_get_refresh_token (token), ==, "old-refresh");
}

static void
test_bad_answers (Recorder      *recorder,
                  gconstpointer  data)
{
  g_autoptr(MqOAuth) oauth = mq_oauth_new (recorder->url, CLIENT_ID, CLIENT_SECRET, NULL);
  static const struct {
    guint status;
    const char *body;
    int code;
  } cases[] = {
    { 200, "{\"token_type\":\"Bearer\",\"access_", MQ_API_ERROR_PROTOCOL },
    { 200, "[]", MQ_API_ERROR_PROTOCOL },
    { 200, "{\"token_type\":\"Bearer\"}", MQ_API_ERROR_PROTOCOL },
    { 200, "", MQ_API_ERROR_PROTOCOL },
    { 500, "{\"message\":\"Server Error\"}", MQ_API_ERROR_SERVER },
    { 429, "{\"message\":\"Too Many Attempts.\"}", MQ_API_ERROR_RATE_LIMITED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MqToken) token = NULL;

      g_test_message ("%u %s", cases[i].status, cases[i].body);
      recorder_answer (recorder, cases[i].status, cases[i].body);

      token = refresh (oauth, "old-refresh", &error);
      g_assert_error (error, MQ_API_ERROR, cases[i].code);
      g_assert_null (token);
    }
}

static void
test_oversized_answer (Recorder      *recorder,
                       gconstpointer  data)
{
  g_autoptr(MqOAuth) oauth = mq_oauth_new (recorder->url, CLIENT_ID, CLIENT_SECRET, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) token = NULL;
  gsize size = 4 * 1024 * 1024;
  g_autofree char *response = g_malloc (size + 1);

  memset (response, ' ', size);
  response[0] = '{';
  response[size - 1] = '}';
  response[size] = '\0';
  recorder_answer (recorder, SOUP_STATUS_OK, response);

  token = refresh (oauth, "old-refresh", &error);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_TOO_LARGE);
  g_assert_null (token);
}

static void
test_no_redirect (Recorder      *recorder,
                  gconstpointer  data)
{
  g_autoptr(MqOAuth) oauth = mq_oauth_new (recorder->url, CLIENT_ID, CLIENT_SECRET, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) token = NULL;

  /* A redirect would repeat the POST, secret and all, somewhere else. */
  fake_viewneo_clear_faults (recorder->fake);
  fake_viewneo_add_redirect (recorder->fake, "/oauth/token", SOUP_STATUS_TEMPORARY_REDIRECT,
                             "/elsewhere", 0);
  token = refresh (oauth, "old-refresh", &error);

  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
  g_assert_cmpuint (fake_viewneo_get_request_count (recorder->fake, NULL), ==, 1);
  g_assert_cmpstr (fake_viewneo_get_last_request_path (recorder->fake), ==, "/oauth/token");
}

static void
test_network_error (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", mq_test_free_port ());
  g_autoptr(MqOAuth) oauth = mq_oauth_new (url, CLIENT_ID, CLIENT_SECRET, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) token = refresh (oauth, "old-refresh", &error);

  /* Nothing listens there. */
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_NETWORK);
  g_assert_null (token);
}

static void
test_cancelled (Recorder      *recorder,
                gconstpointer  data)
{
  g_autoptr(MqOAuth) oauth = mq_oauth_new (recorder->url, CLIENT_ID, CLIENT_SECRET, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) token = NULL;
  GAsyncResult *pending = NULL;

  mq_oauth_refresh_async (oauth, "old-refresh", NOW, cancellable, mq_test_store_result, &pending);
  g_cancellable_cancel (cancellable);
  result = mq_test_wait_result (&pending);
  token = mq_oauth_refresh_finish (oauth, result, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (token);
}

/* ---- against the fake viewneo (Passport) ---- */

typedef struct
{
  FakeViewneo *fake;
  char        *url;
  char        *redirect_uri;
  MqOAuth     *oauth;
  SoupSession *browser;
} Passport;

static void
passport_set_up (Passport      *passport,
                 gconstpointer  data)
{
  passport->fake = fake_viewneo_new ();
  passport->url = mq_test_viewneo_listen (passport->fake);
  passport->redirect_uri = g_strdup_printf ("http://127.0.0.1:%u/callback", mq_test_free_port ());
  fake_viewneo_add_client (passport->fake, CLIENT_ID, CLIENT_SECRET, passport->redirect_uri);
  fake_viewneo_set_auto_consent (passport->fake, TRUE, FALSE);
  passport->oauth = mq_oauth_new (passport->url, CLIENT_ID, CLIENT_SECRET, passport->redirect_uri);
  passport->browser = soup_session_new ();
}

static void
passport_tear_down (Passport      *passport,
                    gconstpointer  data)
{
  g_clear_object (&passport->browser);
  g_clear_object (&passport->oauth);
  mq_test_viewneo_stop (&passport->fake);
  g_clear_pointer (&passport->url, g_free);
  g_clear_pointer (&passport->redirect_uri, g_free);
}

/* A code as the browser would bring it back, and its verifier. */
static char *
authorize (Passport  *passport,
           MqOAuth   *oauth,
           char     **verifier)
{
  g_autofree char *state = mq_random_base64url (32);
  g_autofree char *challenge = NULL;
  g_autofree char *url = NULL;

  *verifier = mq_random_base64url (32);
  challenge = mq_pkce_challenge_s256 (*verifier);
  url = mq_oauth_build_authorize_url (oauth, state, challenge);

  return mq_test_authorize (passport->browser, url);
}

static void
test_passport_exchange (Passport      *passport,
                        gconstpointer  data)
{
  g_autofree char *verifier = NULL;
  g_autofree char *code = authorize (passport, passport->oauth, &verifier);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) token = exchange (passport->oauth, code, verifier, &error);

  g_assert_no_error (error);
  g_assert_true (mq_token_can_refresh (token));
  g_assert_cmpint (mq_token_get_expires_at (token), ==, NOW + 1296000);
  g_assert_cmpuint (fake_viewneo_get_token_grants (passport->fake, "authorization_code"), ==, 1);
}

static void
test_passport_invalid_client (Passport      *passport,
                              gconstpointer  data)
{
  g_autoptr(MqOAuth) wrong_secret = mq_oauth_new (passport->url, CLIENT_ID, "not-the-secret",
                                                  passport->redirect_uri);
  g_autofree char *verifier = NULL;
  g_autofree char *code = authorize (passport, passport->oauth, &verifier);

  assert_exchange_fails (wrong_secret, code, verifier, MQ_AUTH_ERROR_INVALID_CLIENT);
}

static void
test_passport_invalid_grant (Passport      *passport,
                             gconstpointer  data)
{
  g_autofree char *verifier = mq_random_base64url (32);

  assert_exchange_fails (passport->oauth, "def50200made-up", verifier, MQ_AUTH_ERROR_INVALID_GRANT);
}

static void
test_passport_reused_code (Passport      *passport,
                           gconstpointer  data)
{
  g_autofree char *verifier = NULL;
  g_autofree char *code = authorize (passport, passport->oauth, &verifier);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) first = exchange (passport->oauth, code, verifier, &error);
  g_autoptr(MqToken) second = NULL;

  g_assert_no_error (error);
  second = exchange (passport->oauth, code, verifier, &error);
  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_GRANT);
  g_assert_null (second);
}

static void
test_passport_redirect_mismatch (Passport      *passport,
                                 gconstpointer  data)
{
  g_autofree char *other_uri = g_strdup_printf ("http://127.0.0.1:%u/callback", mq_test_free_port () + 1);
  g_autoptr(MqOAuth) other = mq_oauth_new (passport->url, CLIENT_ID, CLIENT_SECRET, other_uri);
  g_autofree char *verifier = NULL;
  g_autofree char *code = authorize (passport, passport->oauth, &verifier);

  assert_exchange_fails (other, code, verifier, MQ_AUTH_ERROR_INVALID_GRANT);
}

static void
test_passport_pkce_mismatch (Passport      *passport,
                             gconstpointer  data)
{
  g_autofree char *verifier = NULL;
  g_autofree char *code = authorize (passport, passport->oauth, &verifier);
  g_autofree char *other_verifier = mq_random_base64url (32);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) token = exchange (passport->oauth, code, other_verifier, &error);

  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_GRANT);
  g_assert_null (token);

  /* The right verifier still works: a failed attempt does not use the code up. */
  token = exchange (passport->oauth, code, verifier, NULL);
  g_assert_nonnull (token);
}

static void
test_passport_refresh_rotation (Passport      *passport,
                                gconstpointer  data)
{
  g_autofree char *verifier = NULL;
  g_autofree char *code = authorize (passport, passport->oauth, &verifier);
  g_autoptr(MqToken) first = exchange (passport->oauth, code, verifier, NULL);
  g_autoptr(MqToken) second = NULL;
  g_autoptr(MqToken) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (first);
  second = refresh (passport->oauth, mq_token_get_refresh_token (first), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mq_token_get_access_token (second), !=, mq_token_get_access_token (first));
  g_assert_cmpstr (mq_token_get_refresh_token (second), !=, mq_token_get_refresh_token (first));
  g_assert_cmpuint (fake_viewneo_get_token_grants (passport->fake, "refresh_token"), ==, 1);

  /* The old refresh token was revoked by the rotation. */
  again = refresh (passport->oauth, mq_token_get_refresh_token (first), &error);
  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_GRANT);
  g_assert_null (again);
  g_clear_error (&error);

  /* The new one works. */
  again = refresh (passport->oauth, mq_token_get_refresh_token (second), &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
}

static void
test_passport_refresh_invalid_client (Passport      *passport,
                                      gconstpointer  data)
{
  g_autoptr(MqOAuth) wrong_secret = mq_oauth_new (passport->url, CLIENT_ID, "not-the-secret", NULL);
  g_autofree char *verifier = NULL;
  g_autofree char *code = authorize (passport, passport->oauth, &verifier);
  g_autoptr(MqToken) first = exchange (passport->oauth, code, verifier, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) token = refresh (wrong_secret, mq_token_get_refresh_token (first), &error);

  g_assert_error (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_CLIENT);
  g_assert_null (token);
}

/* ---- answers no real server sends, to the token endpoint ---- */

typedef struct
{
  const char *name;
  guint status;
  const char *content_type;
  const char *body;
  const char *message_part;  /* in the error's message: says what happened */
} OddAnswer;

static const OddAnswer odd_answers[] = {
  { "empty", 200, "application/json", "", "empty response" },
  { "null", 200, "application/json", "null", "without a usable access token" },
  { "array", 200, "application/json", "[]", "without a usable access token" },
  { "string", 200, "application/json", "\"text\"", "without a usable access token" },
  { "object", 200, "application/json", "{}", "without a usable access token" },
  { "data-null", 200, "application/json", "{\"data\": null}", "without a usable access token" },
  { "no-content", 204, NULL, NULL, "empty response" },
  { "html", 200, "text/html; charset=UTF-8", "<!DOCTYPE html><html></html>", "login page" },
};

typedef struct
{
  gboolean refresh;
  const OddAnswer *answer;
} OddAnswerCase;

/* Code exchange and refresh end with a PROTOCOL error that says what happened: no
 * hang (mq_test_wait_result() has a deadline), no CRITICAL (fatal in this suite). */
static void
test_odd_answer (Passport      *passport,
                 gconstpointer  data)
{
  const OddAnswerCase *test = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) token = NULL;

  fake_viewneo_add_answer (passport->fake, "/oauth/token", test->answer->status,
                           test->answer->content_type, test->answer->body, 0);

  if (test->refresh)
    token = refresh (passport->oauth, "old-refresh", &error);
  else
    token = exchange (passport->oauth, "the-code", "the-verifier", &error);

  g_assert_null (token);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, test->answer->message_part));
  g_assert_cmpuint (fake_viewneo_get_request_count (passport->fake, "/oauth/token"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/oauth/authorize-url", test_authorize_url);
  g_test_add_func ("/oauth/error-from-response", test_error_from_response);
  g_test_add_func ("/oauth/error-messages", test_error_messages);
  g_test_add_func ("/oauth/network-error", test_network_error);

  g_test_add ("/oauth/request/exchange", Recorder, NULL,
              recorder_set_up, test_exchange_request, recorder_tear_down);
  g_test_add ("/oauth/request/refresh", Recorder, NULL,
              recorder_set_up, test_refresh_request, recorder_tear_down);
  g_test_add ("/oauth/request/refresh-not-rotated", Recorder, NULL,
              recorder_set_up, test_refresh_keeps_unrotated, recorder_tear_down);
  g_test_add ("/oauth/request/bad-answers", Recorder, NULL,
              recorder_set_up, test_bad_answers, recorder_tear_down);
  g_test_add ("/oauth/request/oversized-answer", Recorder, NULL,
              recorder_set_up, test_oversized_answer, recorder_tear_down);
  g_test_add ("/oauth/request/no-redirect", Recorder, NULL,
              recorder_set_up, test_no_redirect, recorder_tear_down);
  g_test_add ("/oauth/request/cancelled", Recorder, NULL,
              recorder_set_up, test_cancelled, recorder_tear_down);

  g_test_add ("/oauth/passport/exchange", Passport, NULL,
              passport_set_up, test_passport_exchange, passport_tear_down);
  g_test_add ("/oauth/passport/invalid-client", Passport, NULL,
              passport_set_up, test_passport_invalid_client, passport_tear_down);
  g_test_add ("/oauth/passport/invalid-grant", Passport, NULL,
              passport_set_up, test_passport_invalid_grant, passport_tear_down);
  g_test_add ("/oauth/passport/reused-code", Passport, NULL,
              passport_set_up, test_passport_reused_code, passport_tear_down);
  g_test_add ("/oauth/passport/redirect-mismatch", Passport, NULL,
              passport_set_up, test_passport_redirect_mismatch, passport_tear_down);
  g_test_add ("/oauth/passport/pkce-mismatch", Passport, NULL,
              passport_set_up, test_passport_pkce_mismatch, passport_tear_down);
  g_test_add ("/oauth/passport/refresh-rotation", Passport, NULL,
              passport_set_up, test_passport_refresh_rotation, passport_tear_down);
  g_test_add ("/oauth/passport/refresh-invalid-client", Passport, NULL,
              passport_set_up, test_passport_refresh_invalid_client, passport_tear_down);

  for (guint i = 0; i < G_N_ELEMENTS (odd_answers); i++)
    {
      static OddAnswerCase odd_cases[G_N_ELEMENTS (odd_answers)][2];

      for (guint refresh = 0; refresh <= 1; refresh++)
        {
          g_autofree char *path = g_strdup_printf ("/oauth/odd-answer/%s/%s",
                                                   refresh ? "refresh" : "exchange",
                                                   odd_answers[i].name);

          odd_cases[i][refresh].refresh = refresh;
          odd_cases[i][refresh].answer = &odd_answers[i];
          g_test_add (path, Passport, &odd_cases[i][refresh],
                      passport_set_up, test_odd_answer, passport_tear_down);
        }
    }

  return g_test_run ();
}
