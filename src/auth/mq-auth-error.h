/* mq-auth-error.h: errors of signing in and of keeping tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MQ_AUTH_ERROR (mq_auth_error_quark ())

/**
 * MqAuthError:
 * @MQ_AUTH_ERROR_INVALID_CLIENT: Passport's invalid_client: wrong Client ID or secret.
 * @MQ_AUTH_ERROR_INVALID_GRANT: invalid_grant: a bad, expired or reused code, a redirect
 *   URL that does not match, or a refused refresh token. Sign in again.
 * @MQ_AUTH_ERROR_INVALID_REQUEST: invalid_request and any other OAuth error body.
 * @MQ_AUTH_ERROR_ACCESS_DENIED: the user pressed Deny (error=access_denied).
 * @MQ_AUTH_ERROR_STATE_MISMATCH: a callback whose state is not ours.
 * @MQ_AUTH_ERROR_TIMED_OUT: no callback arrived in time.
 * @MQ_AUTH_ERROR_PORT_IN_USE: the redirect port is taken by another program.
 * @MQ_AUTH_ERROR_INVALID_INPUT: an empty or malformed field (client id, port, token).
 */
typedef enum
{
  MQ_AUTH_ERROR_INVALID_CLIENT,
  MQ_AUTH_ERROR_INVALID_GRANT,
  MQ_AUTH_ERROR_INVALID_REQUEST,
  MQ_AUTH_ERROR_ACCESS_DENIED,
  MQ_AUTH_ERROR_STATE_MISMATCH,
  MQ_AUTH_ERROR_TIMED_OUT,
  MQ_AUTH_ERROR_PORT_IN_USE,
  MQ_AUTH_ERROR_INVALID_INPUT,
} MqAuthError;

#define MQ_KEYRING_ERROR (mq_keyring_error_quark ())

/**
 * MqKeyringError: why a token could not be kept in the keyring. In every case the app
 * goes on with the token held in memory for this session.
 * @MQ_KEYRING_ERROR_NO_SERVICE: no Secret Service on the session bus (nor a portal).
 * @MQ_KEYRING_ERROR_NO_COLLECTION: the service has no default ("login") collection.
 * @MQ_KEYRING_ERROR_LOCKED: the keyring is locked and was not unlocked.
 * @MQ_KEYRING_ERROR_CANCELLED: the user dismissed the unlock prompt.
 * @MQ_KEYRING_ERROR_CORRUPT: the stored secret is not what Marquee wrote.
 * @MQ_KEYRING_ERROR_FAILED: anything else the secret service reported.
 */
typedef enum
{
  MQ_KEYRING_ERROR_NO_SERVICE,
  MQ_KEYRING_ERROR_NO_COLLECTION,
  MQ_KEYRING_ERROR_LOCKED,
  MQ_KEYRING_ERROR_CANCELLED,
  MQ_KEYRING_ERROR_CORRUPT,
  MQ_KEYRING_ERROR_FAILED,
} MqKeyringError;

GQuark mq_auth_error_quark    (void);
GQuark mq_keyring_error_quark (void);

G_END_DECLS
