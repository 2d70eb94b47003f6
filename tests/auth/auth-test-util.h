/* auth-test-util.h: what the auth tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A port on 127.0.0.1 that was free a moment ago. */
guint         auth_test_free_port         (void);

/* Runs the thread-default main context until *@flag is TRUE; fails the test after
 * 30 seconds instead of hanging. */
void          auth_test_wait_for          (gboolean      *flag);

/* A GAsyncReadyCallback storing a reference to the result in *(GAsyncResult **) user_data. */
void          auth_test_store_result      (GObject       *source,
                                           GAsyncResult  *result,
                                           gpointer       user_data);
/* Runs the main context until *@result is set, and returns it (owned). */
GAsyncResult *auth_test_wait_result       (GAsyncResult **result);

/* A request made while the main context keeps running, as a browser would make it.
 * Returns the body; *@status gets the status, or 0 when the connection failed (then
 * *@error is set, if not NULL). */
char         *auth_test_request           (SoupSession   *session,
                                           SoupMessage   *message,
                                           guint         *status,
                                           GError       **error);
char         *auth_test_get               (SoupSession   *session,
                                           const char    *url,
                                           guint         *status,
                                           GError       **error);

/* The value of @name in the query of @url, decoded; NULL when absent. */
char         *auth_test_query_param       (const char    *url,
                                           const char    *name);

/* Follows the fake viewneo's authorize endpoint (in auto-consent mode) without following
 * the redirect; returns the code in the Location it answers with. */
char         *auth_test_authorize         (SoupSession   *session,
                                           const char    *authorize_url);

/* A JWT whose payload is @payload_json (signature not meaningful). */
char         *auth_test_make_jwt          (const char    *payload_json);

G_END_DECLS
