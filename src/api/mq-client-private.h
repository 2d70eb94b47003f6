/* mq-client-private.h: the client's parsers of single objects, for the fuzz harnesses
 *
 * Each runs in a worker thread on a whole response body and returns the object, or
 * NULL with @error set (never NULL without: see mq-models-private.h). @parse_data is
 * unused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* GET /user: an MqUser. */
gpointer mq_client_parse_user            (GBytes      *body,
                                          const char  *host,
                                          gpointer     parse_data,
                                          GError     **error);
/* GET /playlist/{id}: an MqPlaylist with its entries. */
gpointer mq_client_parse_playlist_detail (GBytes      *body,
                                          const char  *host,
                                          gpointer     parse_data,
                                          GError     **error);

G_END_DECLS
