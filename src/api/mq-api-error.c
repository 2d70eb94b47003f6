/* mq-api-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mq-api-error.h"

G_DEFINE_QUARK (mq-api-error-quark, mq_api_error)
