/* mq-thumbnail-cache.h: media thumbnails, fetched on demand and kept in a small LRU
 *
 * Thumbnails come from GET /mediafile/{id}/thumbnail and are decoded in a worker thread.
 * At most a few requests run at once (viewneo allows 60 a minute); the others wait in
 * the order asked, and one whose every asker has gone is never sent. Concurrent asks
 * for the same media file share one request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mq-client.h"

G_BEGIN_DECLS

#define MQ_TYPE_THUMBNAIL_CACHE (mq_thumbnail_cache_get_type ())

G_DECLARE_FINAL_TYPE (MqThumbnailCache, mq_thumbnail_cache, MQ, THUMBNAIL_CACHE, GObject)

MqThumbnailCache *mq_thumbnail_cache_new         (MqClient            *client,
                                                  guint                capacity);

/* A cached texture (and it becomes the most recently used), or NULL. */
GdkTexture       *mq_thumbnail_cache_lookup      (MqThumbnailCache    *self,
                                                  gint64               media_file_id);
guint             mq_thumbnail_cache_get_size    (MqThumbnailCache    *self);

void              mq_thumbnail_cache_load_async  (MqThumbnailCache    *self,
                                                  gint64               media_file_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GdkTexture       *mq_thumbnail_cache_load_finish (MqThumbnailCache    *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
