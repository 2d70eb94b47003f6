/* mq-api-error-private.h: turning HTTP failures into MQ_API_ERROR
 *
 * Shared by the API client and the OAuth token requests, so that a failure reads the
 * same wherever it happens. The messages name the host, never a URL (a URL may carry a
 * code or a state) and never a token.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-api-error.h"

G_BEGIN_DECLS

/* Not in libsoup before 3.4's SOUP_STATUS_TOO_MANY_REQUESTS. */
#define HTTP_TOO_MANY_REQUESTS 429

/* A failure of the transport (resolver, socket, TLS, HTTP framing) as MQ_API_ERROR_NETWORK,
 * _TLS or _PROTOCOL; a cancellation is copied unchanged (G_IO_ERROR_CANCELLED). */
GError *mq_api_error_from_transport (const GError *error,
                                     const char   *host);

/* An HTTP status that is not a success. @retry_after is the seconds a 429 asked for
 * (0 when unknown). */
GError *mq_api_error_from_status    (guint         status,
                                     const char   *host,
                                     guint         retry_after);

/* The server answered with its HTML login page (a redirect, or text/html). */
GError *mq_api_error_new_login_page (const char   *host);

typedef enum
{
  MQ_BODY_EMPTY,   /* nothing, or only whitespace */
  MQ_BODY_HTML,    /* starts with '<': a web page, most likely the login page */
  MQ_BODY_OTHER,
} MqBodyShape;

MqBodyShape mq_api_body_get_shape   (const char   *data,
                                     gsize         length);

/* A successful answer whose body holds nothing usable, as MQ_API_ERROR_PROTOCOL that
 * says which of the shapes above it had. */
GError *mq_api_error_new_unusable_body (const char   *data,
                                        gsize         length,
                                        const char   *host);

G_END_DECLS
