/* mq-http-exchange.h: one HTTP exchange, written once for MqClient and MqOAuth
 *
 * Send a SoupMessage (never following a redirect) → the response stream → the body,
 * read in chunks up to a size cap → the stream closed asynchronously → the body parsed
 * in a worker thread. Transport failures become MQ_API_ERROR naming the host. What a
 * status means (a 401 to retry, a 429 to wait for, an OAuth error body) is the caller's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Runs in a worker thread on the whole body; returns the result, or NULL with @error
 * set. Never NULL without an error: a parse function that does so gets a critical and
 * a generic MQ_API_ERROR_PROTOCOL. */
typedef gpointer (*MqHttpParseFunc) (GBytes      *body,
                                     const char  *host,
                                     gpointer     parse_data,
                                     GError     **error);

typedef enum
{
  MQ_HTTP_READ_NONE = 0,
  /* The body holds secrets (tokens): its bytes are wiped before they are freed. */
  MQ_HTTP_READ_WIPE = 1 << 0,
} MqHttpReadFlags;

/* Sends @message with SOUP_MESSAGE_NO_REDIRECT. */
void          mq_http_send_async     (SoupSession          *session,
                                      SoupMessage          *message,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
/* The response stream (the status is in the message), or NULL with a transport error
 * (see mq_api_error_from_transport()) naming @host. */
GInputStream *mq_http_send_finish    (SoupSession          *session,
                                      GAsyncResult         *result,
                                      const char           *host,
                                      GError              **error);

/* Closes *@stream asynchronously and clears it. Closing a libsoup body stream reads the
 * rest of the body, and the synchronous close that finalizing an open stream does would
 * block the main thread: so no stream is ever just unreffed. @abort (a body unread or
 * failed) drops the connection instead of draining it. NULL is fine. */
void          mq_http_close_stream   (GInputStream        **stream,
                                      gboolean              abort);

/* Reads the body of @message from @stream (referenced) up to @max_size bytes, closes the
 * stream, then parses the body with @parse in a worker thread, or, @parse NULL, returns
 * it as GBytes. A body over @max_size, or a Content-Length over it, is
 * MQ_API_ERROR_TOO_LARGE. @parse_data must live until the call finishes. */
void          mq_http_read_async     (SoupMessage          *message,
                                      GInputStream         *stream,
                                      guint64               max_size,
                                      const char           *host,
                                      MqHttpReadFlags       flags,
                                      MqHttpParseFunc       parse,
                                      gpointer              parse_data,
                                      GDestroyNotify        result_free,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
/* What @parse returned (or the GBytes), owned by the caller. */
gpointer      mq_http_read_finish    (GAsyncResult         *result,
                                      GError              **error);

/* The MQ_API_ERROR_TOO_LARGE of a response over @max_size. */
GError       *mq_http_new_too_large_error (const char     *host,
                                           guint64         max_size);

G_END_DECLS
