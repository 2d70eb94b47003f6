/* mq-server-url.h: what a viewneo server address may be
 *
 * The rules every entry field, MqClient and MqOAuth share: which addresses are refused
 * and what to suggest instead, the normal form, and whether two URIs share an origin
 * (the bearer token and the sign-in are only ever sent to the server's own).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Checks the URL (see MQ_API_ERROR_INVALID_SERVER) and normalises it: no trailing slash,
 * no path. Used by the client and by every entry field for a server. A missing scheme
 * means https ("cloud.viewneo.com"); scheme and host are lowercased, the default port
 * dropped, a non-ASCII host turned to punycode. A path other than "/" is refused with
 * a message saying to remove it, not dropped: a pasted "…/dashboard" is a mistake to
 * point out, and an API under a path is not one viewneo has. */
char       *mq_server_url_normalize        (const char       *url,
                                            GError          **error);

/* TRUE when @a and @b have the same scheme, host and (effective) port. */
gboolean    mq_server_url_same_origin      (GUri             *a,
                                            GUri             *b);

G_END_DECLS
