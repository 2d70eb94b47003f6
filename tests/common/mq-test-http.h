/* mq-test-http.h: ports, requests and URLs, as a browser would see them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A port on 127.0.0.1 that was free a moment ago. */
guint         mq_test_free_port           (void);

/* A request made while the main context keeps running, as a browser would make it.
 * Returns the body; *@status gets the status, or 0 when the connection failed (then
 * *@error is set, if not NULL). */
char         *mq_test_request             (SoupSession   *session,
                                           SoupMessage   *message,
                                           guint         *status,
                                           GError       **error);
char         *mq_test_get                 (SoupSession   *session,
                                           const char    *url,
                                           guint         *status,
                                           GError       **error);

/* The value of @name in the query of @url, decoded; NULL when absent. */
char         *mq_test_query_param         (const char    *url,
                                           const char    *name);

/* Follows the fake viewneo's authorize endpoint (in auto-consent mode) without following
 * the redirect; returns the code in the Location it answers with. */
char         *mq_test_authorize           (SoupSession   *session,
                                           const char    *authorize_url);

/* A JWT whose payload is @payload_json (signature not meaningful). */
char         *mq_test_make_jwt            (const char    *payload_json);

G_END_DECLS
