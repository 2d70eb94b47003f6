/* token-store-util.h: MqTokenStore calls run to completion, for the keyring tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-token-store.h"

G_BEGIN_DECLS

gboolean store_secret  (MqTokenStore  *store,
                        const char    *server,
                        const char    *account,
                        MqSecretKind   kind,
                        const char    *secret,
                        GError       **error);
char    *lookup_secret (MqTokenStore  *store,
                        const char    *server,
                        const char    *account,
                        MqSecretKind   kind,
                        GError       **error);
gboolean clear_secrets (MqTokenStore  *store,
                        const char    *server,
                        const char    *account,
                        GError       **error);

G_END_DECLS
