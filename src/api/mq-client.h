/* mq-client.h: the viewneo REST client
 *
 * One SoupSession, async calls only. Every call sends `Accept: application/json`,
 * `Authorization: Bearer` (from the token provider), and a User-Agent with the version.
 * Responses are read with a size cap and parsed in a worker thread; results arrive
 * whole, never item by item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mq-device-group.h"
#include "mq-playlist.h"
#include "mq-server-url.h"
#include "mq-token-provider.h"
#include "mq-user.h"

G_BEGIN_DECLS

#define MQ_DEFAULT_SERVER "https://cloud.viewneo.com"

#define MQ_TYPE_CLIENT (mq_client_get_type ())

G_DECLARE_FINAL_TYPE (MqClient, mq_client, MQ, CLIENT, GObject)

/* Called on the thread-default main context of the caller of the _async function,
 * after each page. @n_pages is 0 while the total is unknown. */
typedef void (*MqPageProgressFunc) (guint    page,
                                    guint    n_pages,
                                    guint    n_items_so_far,
                                    gpointer user_data);

MqClient   *mq_client_new                  (const char       *server_url,
                                            MqTokenProvider  *token_provider);

const char *mq_client_get_server_url       (MqClient         *self);
MqTokenProvider *mq_client_get_token_provider (MqClient      *self);

/* The most items of one list (playlists, screen groups, screens) a client reads. */
#define MQ_CLIENT_DEFAULT_ITEM_LIMIT 1000000

/* Properties with the defaults in brackets: "page-limit" (1000), "item-limit"
 * (MQ_CLIENT_DEFAULT_ITEM_LIMIT: a longer list fails with MQ_API_ERROR_TOO_LARGE, checked
 * item by item, so that memory stays bounded), "max-response-size"
 * (64 MiB), "max-retries" for 429 (3), "timeout" in seconds (30), "max-retry-after"
 * seconds honoured before giving up (60). The timeout is of socket I/O (connecting,
 * and each read or write), 0 for none. A Retry-After longer than "max-retry-after"
 * fails at once with MQ_API_ERROR_RATE_LIMITED.
 *
 * "tls-database" (construct-only, for tests): the certificates to trust in place of
 * the system's, such as a test CA's from g_tls_file_database_new(). NULL (the default)
 * is the system's trust store. It only changes whom to trust, never whether to check. */
void        mq_client_set_timeout          (MqClient         *self,
                                            guint             seconds);

/* All pages of GET /api/v1.0/playlist. Returns a GPtrArray of MqPlaylist (owning);
 * @n_skipped receives the number of items that had no usable id or name. */
void        mq_client_list_playlists_async (MqClient            *self,
                                            MqPageProgressFunc   progress,
                                            gpointer             progress_data,
                                            GDestroyNotify       progress_data_free,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* The same list, reusing the playlists the caller already has: where one in @known
 * (an index: MqPlaylist sorted by id, mq_playlist_index_new()) is mq_playlist_equal()
 * to the server's, the result holds a reference to it, and the server's copy is
 * dropped as soon as it is read, so that unchanged playlists never exist twice. @known is
 * referenced and read from worker threads until the call finishes: neither the array
 * nor its playlists may change or go before then (an array that does not own its
 * playlists needs them kept by the caller). NULL or empty: exactly as
 * mq_client_list_playlists_async(). Finished by mq_client_list_playlists_finish(). */
void        mq_client_list_playlists_reusing_async (MqClient            *self,
                                                    GPtrArray           *known,
                                                    MqPageProgressFunc   progress,
                                                    gpointer             progress_data,
                                                    GDestroyNotify       progress_data_free,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray  *mq_client_list_playlists_finish (MqClient           *self,
                                             GAsyncResult       *result,
                                             guint              *n_skipped,
                                             GError            **error);

/* GET /api/v1.0/playlist/{id}, with its entries. */
void        mq_client_get_playlist_async   (MqClient            *self,
                                            gint64               id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
MqPlaylist *mq_client_get_playlist_finish  (MqClient            *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* All pages of GET /api/v1.0/devicegroup: a GPtrArray of MqDeviceGroup. */
void        mq_client_list_device_groups_async  (MqClient            *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GPtrArray  *mq_client_list_device_groups_finish (MqClient            *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* All pages of GET /api/v1.0/device: a GPtrArray of MqDevice; @n_skipped (may be NULL)
 * receives the number of items without a usable id or name. */
void        mq_client_list_devices_async   (MqClient            *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GPtrArray  *mq_client_list_devices_finish  (MqClient            *self,
                                            GAsyncResult        *result,
                                            guint               *n_skipped,
                                            GError             **error);

/* GET /api/v1.0/user */
void        mq_client_get_user_async       (MqClient            *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
MqUser     *mq_client_get_user_finish      (MqClient            *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* GET /api/v1.0/mediafile/{id}/thumbnail: the image bytes. */
void        mq_client_get_thumbnail_async  (MqClient            *self,
                                            gint64               media_file_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GBytes     *mq_client_get_thumbnail_finish (MqClient            *self,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
