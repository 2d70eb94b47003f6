/* mq-thumbnail-cache.c: media thumbnails, fetched on demand and kept in a small LRU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include "mq-thumbnail-cache.h"

/* Requests in flight at once: a detail page scrolled quickly must not spend the
 * account's rate limit on thumbnails that are already out of sight. */
#define MAX_RUNNING 3

typedef struct
{
  gint64      media_file_id;
  GdkTexture *texture;
} CacheEntry;

typedef struct
{
  MqThumbnailCache *cache;
  gint64            media_file_id;
  GPtrArray        *waiters;   /* GTask */
} Request;

struct _MqThumbnailCache
{
  GObject       parent_instance;

  MqClient     *client;
  guint         capacity;
  GCancellable *cancellable;

  /* Most recently used first; the hash table maps an id to its link. */
  GQueue        lru;
  GHashTable   *entries;
  /* id -> Request, whether waiting or running. */
  GHashTable   *requests;
  GQueue        waiting;
  guint         n_running;
};

G_DEFINE_FINAL_TYPE (MqThumbnailCache, mq_thumbnail_cache, G_TYPE_OBJECT)

static void
cache_entry_free (CacheEntry *entry)
{
  g_clear_object (&entry->texture);
  g_free (entry);
}

static void
request_free (Request *request)
{
  g_clear_pointer (&request->waiters, g_ptr_array_unref);
  g_free (request);
}

static void
mq_thumbnail_cache_dispose (GObject *object)
{
  MqThumbnailCache *self = MQ_THUMBNAIL_CACHE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_queue_clear_full (&self->lru, (GDestroyNotify) cache_entry_free);

  G_OBJECT_CLASS (mq_thumbnail_cache_parent_class)->dispose (object);
}

static void
mq_thumbnail_cache_finalize (GObject *object)
{
  MqThumbnailCache *self = MQ_THUMBNAIL_CACHE (object);

  /* Every request holds a task, and every task a reference: none is left here. */
  g_warn_if_fail (g_queue_is_empty (&self->waiting));
  g_clear_pointer (&self->requests, g_hash_table_unref);

  G_OBJECT_CLASS (mq_thumbnail_cache_parent_class)->finalize (object);
}

static void
mq_thumbnail_cache_class_init (MqThumbnailCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mq_thumbnail_cache_dispose;
  object_class->finalize = mq_thumbnail_cache_finalize;
}

static void
mq_thumbnail_cache_init (MqThumbnailCache *self)
{
  self->cancellable = g_cancellable_new ();
  self->entries = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->requests = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_queue_init (&self->lru);
  g_queue_init (&self->waiting);
}

MqThumbnailCache *
mq_thumbnail_cache_new (MqClient *client,
                        guint     capacity)
{
  MqThumbnailCache *self;

  g_return_val_if_fail (MQ_IS_CLIENT (client), NULL);
  g_return_val_if_fail (capacity > 0, NULL);

  self = g_object_new (MQ_TYPE_THUMBNAIL_CACHE, NULL);
  self->client = g_object_ref (client);
  self->capacity = capacity;

  return self;
}

GdkTexture *
mq_thumbnail_cache_lookup (MqThumbnailCache *self,
                           gint64            media_file_id)
{
  GList *link;

  g_return_val_if_fail (MQ_IS_THUMBNAIL_CACHE (self), NULL);

  link = g_hash_table_lookup (self->entries, &media_file_id);
  if (link == NULL)
    return NULL;

  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);

  return ((CacheEntry *) link->data)->texture;
}

guint
mq_thumbnail_cache_get_size (MqThumbnailCache *self)
{
  g_return_val_if_fail (MQ_IS_THUMBNAIL_CACHE (self), 0);

  return g_queue_get_length (&self->lru);
}

static void
cache_insert (MqThumbnailCache *self,
              gint64            media_file_id,
              GdkTexture       *texture)
{
  CacheEntry *entry;

  if (mq_thumbnail_cache_lookup (self, media_file_id) != NULL)
    {
      entry = g_queue_peek_head (&self->lru);
      g_set_object (&entry->texture, texture);
      return;
    }

  entry = g_new0 (CacheEntry, 1);
  entry->media_file_id = media_file_id;
  entry->texture = g_object_ref (texture);
  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->entries, &entry->media_file_id, self->lru.head);

  while (g_queue_get_length (&self->lru) > self->capacity)
    {
      CacheEntry *oldest = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->entries, &oldest->media_file_id);
      cache_entry_free (oldest);
    }
}

static void start_waiting_requests (MqThumbnailCache *self);

/* Hands the result to every asker, forgets the request and starts the next ones. */
static void
request_complete (Request    *request,
                  GdkTexture *texture,
                  GError     *error)
{
  MqThumbnailCache *self = request->cache;
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&request->waiters);

  g_hash_table_remove (self->requests, &request->media_file_id);
  request_free (request);

  self->n_running--;
  start_waiting_requests (self);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (texture != NULL)
        g_task_return_pointer (task, g_object_ref (texture), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  GError *error = NULL;
  GdkTexture *texture = gdk_texture_new_from_bytes (bytes, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
decode_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (texture != NULL)
    cache_insert (request->cache, request->media_file_id, texture);
  else
    g_debug ("Thumbnail of media file %" G_GINT64_FORMAT " is not an image: %s",
             request->media_file_id, error->message);

  request_complete (request, texture, error);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Request *request = user_data;
  MqThumbnailCache *self = request->cache;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GTask) decode = NULL;

  bytes = mq_client_get_thumbnail_finish (MQ_CLIENT (object), result, &error);
  if (bytes == NULL)
    {
      request_complete (request, NULL, error);
      return;
    }

  decode = g_task_new (self, self->cancellable, decode_cb, request);
  g_task_set_source_tag (decode, fetch_cb);
  g_task_set_task_data (decode, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (decode, decode_thread);
}

/* Completes the askers that have gone (scrolled away, page closed); TRUE when none is
 * left, and the request need not be sent. */
static gboolean
drop_cancelled_waiters (Request *request)
{
  for (guint i = request->waiters->len; i > 0; i--)
    {
      if (g_task_return_error_if_cancelled (g_ptr_array_index (request->waiters, i - 1)))
        g_ptr_array_remove_index (request->waiters, i - 1);
    }

  return request->waiters->len == 0;
}

static void
start_waiting_requests (MqThumbnailCache *self)
{
  while (self->n_running < MAX_RUNNING && !g_queue_is_empty (&self->waiting))
    {
      Request *request = g_queue_pop_head (&self->waiting);

      if (drop_cancelled_waiters (request))
        {
          g_hash_table_remove (self->requests, &request->media_file_id);
          request_free (request);
          continue;
        }

      self->n_running++;
      mq_client_get_thumbnail_async (self->client, request->media_file_id,
                                     self->cancellable, fetch_cb, request);
    }
}

void
mq_thumbnail_cache_load_async (MqThumbnailCache    *self,
                               gint64               media_file_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GdkTexture *texture;
  Request *request;

  g_return_if_fail (MQ_IS_THUMBNAIL_CACHE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_thumbnail_cache_load_async);

  texture = mq_thumbnail_cache_lookup (self, media_file_id);
  if (texture != NULL)
    {
      g_task_return_pointer (task, g_object_ref (texture), g_object_unref);
      return;
    }

  request = g_hash_table_lookup (self->requests, &media_file_id);
  if (request == NULL)
    {
      request = g_new0 (Request, 1);
      request->cache = self;
      request->media_file_id = media_file_id;
      request->waiters = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->requests, &request->media_file_id, request);
      g_queue_push_tail (&self->waiting, request);
    }

  g_ptr_array_add (request->waiters, g_steal_pointer (&task));
  start_waiting_requests (self);
}

GdkTexture *
mq_thumbnail_cache_load_finish (MqThumbnailCache  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (MQ_IS_THUMBNAIL_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
