/* mq-test-http.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "mq-random.h"
#include "mq-test-async.h"
#include "mq-test-http.h"

guint
mq_test_free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

char *
mq_test_request (SoupSession  *session,
                 SoupMessage  *message,
                 guint        *status,
                 GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  GAsyncResult *pending = NULL;

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    mq_test_store_result, &pending);
  result = mq_test_wait_result (&pending);
  body = soup_session_send_and_read_finish (session, result, error);

  *status = body != NULL ? soup_message_get_status (message) : 0;
  if (body == NULL)
    return NULL;

  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

char *
mq_test_get (SoupSession  *session,
             const char   *url,
             guint        *status,
             GError      **error)
{
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);

  g_assert_nonnull (message);
  return mq_test_request (session, message, status, error);
}

char *
mq_test_query_param (const char *url,
                     const char *name)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (uri);
  if (g_uri_get_query (uri) == NULL)
    return NULL;

  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (params);

  return g_strdup (g_hash_table_lookup (params, name));
}

char *
mq_test_authorize (SoupSession *session,
                   const char  *authorize_url)
{
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, authorize_url);
  g_autofree char *body = NULL;
  const char *location;
  guint status;

  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  body = mq_test_request (session, message, &status, NULL);
  g_assert_cmpuint (status, ==, SOUP_STATUS_FOUND);

  location = soup_message_headers_get_one (soup_message_get_response_headers (message), "Location");
  g_assert_nonnull (location);

  return mq_test_query_param (location, "code");
}

char *
mq_test_make_jwt (const char *payload_json)
{
  const char *header = "{\"typ\":\"JWT\",\"alg\":\"RS256\"}";
  g_autofree char *header_b64 = mq_base64url_encode ((const guint8 *) header, strlen (header));
  g_autofree char *payload_b64 = mq_base64url_encode ((const guint8 *) payload_json,
                                                      strlen (payload_json));

  return g_strconcat (header_b64, ".", payload_b64, ".c2lnbmF0dXJl", NULL);
}
