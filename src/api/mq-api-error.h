/* mq-api-error.h: the error domain of the viewneo API client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MQ_API_ERROR (mq_api_error_quark ())

/**
 * MqApiError:
 * @MQ_API_ERROR_NETWORK: the server could not be reached (offline, DNS, refused, reset,
 *   timed out). Never a reason to sign the user out.
 * @MQ_API_ERROR_TLS: the TLS handshake failed or the certificate is not trusted.
 * @MQ_API_ERROR_UNAUTHORIZED: 401, also after one token refresh: sign in again.
 * @MQ_API_ERROR_FORBIDDEN: 403.
 * @MQ_API_ERROR_NOT_FOUND: 404.
 * @MQ_API_ERROR_RATE_LIMITED: 429 still after the bounded number of retries.
 * @MQ_API_ERROR_SERVER: 5xx.
 * @MQ_API_ERROR_PROTOCOL: malformed or unexpected JSON, an HTML login page instead of
 *   JSON, any other unexpected status.
 * @MQ_API_ERROR_TOO_LARGE: a response larger than the client's size cap.
 * @MQ_API_ERROR_INVALID_SERVER: the server URL is unusable (not https, or http to a
 *   host that is not a loopback address, credentials in it, no host).
 *
 * Cancellation is reported as %G_IO_ERROR_CANCELLED, never as one of these.
 */
typedef enum
{
  MQ_API_ERROR_NETWORK,
  MQ_API_ERROR_TLS,
  MQ_API_ERROR_UNAUTHORIZED,
  MQ_API_ERROR_FORBIDDEN,
  MQ_API_ERROR_NOT_FOUND,
  MQ_API_ERROR_RATE_LIMITED,
  MQ_API_ERROR_SERVER,
  MQ_API_ERROR_PROTOCOL,
  MQ_API_ERROR_TOO_LARGE,
  MQ_API_ERROR_INVALID_SERVER,
} MqApiError;

GQuark mq_api_error_quark (void);

G_END_DECLS
