/* mq-client-private.h: MqClient's insides, for its own files and the fuzz harnesses
 *
 * mq-client.c holds the object and the single request (token, 401 retry, 429 wait);
 * mq-client-pages.c follows a list's pages with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mq-client.h"
#include "mq-http-exchange.h"
#include "mq-json-private.h"

G_BEGIN_DECLS

#define MQ_CLIENT_ACCEPT_JSON "application/json"
/* Pages of one list fetched at once. */
#define MQ_CLIENT_MAX_CONCURRENT_PAGES 4

/* The single objects' parsers. Each runs in a worker thread on a whole response body
 * and returns the object, or NULL with @error set (never NULL without: see
 * mq-models-private.h). @parse_data is unused. */

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

/* The host for messages ("the server" when the URL is unusable), the parsed server
 * URL (NULL then), and the limits as they are now. */
const char *mq_client_get_host           (MqClient    *self);
GUri       *mq_client_get_server_uri     (MqClient    *self);
guint       mq_client_get_page_limit     (MqClient    *self);
guint       mq_client_get_item_limit     (MqClient    *self);

/* FALSE, having reported the error to @callback, when the server URL is unusable. */
gboolean    mq_client_check_server       (MqClient            *self,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data,
                                          gpointer             source_tag);
/* The server URL with the API prefix and @path. */
char       *mq_client_build_api_url      (MqClient            *self,
                                          const char          *path);

/* Starts a GET of @url (absolute, already checked to be on the server's origin). The
 * result is what @parse returns, or the body as GBytes when @parse is NULL. */
void        mq_client_request_async      (MqClient            *self,
                                          const char          *url,
                                          const char          *accept,
                                          MqHttpParseFunc      parse,
                                          gpointer             parse_data,
                                          GDestroyNotify       result_free,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data,
                                          gpointer             source_tag);
/* Also the _finish of every public call of one request. */
gpointer    mq_client_request_finish     (MqClient            *self,
                                          GAsyncResult        *result,
                                          gpointer             source_tag,
                                          GError             **error);

/* mq-client-pages.c: every page of the list at @path, each item read with @parse_item
 * (reusing @known's playlists, see mq_client_list_playlists_reusing_async()). The
 * result is a GPtrArray of the items. */
typedef gpointer (*MqItemParseFunc) (const MqJsonValue  *object,
                                     GError            **error);

void        mq_client_list_async         (MqClient            *self,
                                          const char          *path,
                                          MqItemParseFunc      parse_item,
                                          GPtrArray           *known,
                                          MqPageProgressFunc   progress,
                                          gpointer             progress_data,
                                          GDestroyNotify       progress_data_free,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data,
                                          gpointer             source_tag);
GPtrArray  *mq_client_list_finish        (MqClient            *self,
                                          GAsyncResult        *result,
                                          gpointer             source_tag,
                                          guint               *n_skipped,
                                          GError             **error);

G_END_DECLS
