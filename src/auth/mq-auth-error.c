/* mq-auth-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mq-auth-error.h"

G_DEFINE_QUARK (mq-auth-error-quark, mq_auth_error)
G_DEFINE_QUARK (mq-keyring-error-quark, mq_keyring_error)
