/* mq-nested-playlists.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include "mq-api-error.h"
#include "mq-nested-playlists.h"
#include "mq-playlist.h"
#include "mq-playlist-entry.h"
#include "mq-schedule.h"

typedef struct
{
  gint64 id;
  guint  depth;  /* 0 for one named, 1 for one nested in it, ... */
} Item;

typedef struct
{
  MqClient               *client;
  MqNestedPlaylistsFlags  flags;
  /* Cancelled with the caller's, and on the first failure with FAIL_FAST. */
  GCancellable           *cancellable;
  GCancellable           *outer;      /* the caller's, or NULL */
  gulong                  cancelled_id;
  GHashTable             *playlists;  /* gint64 id -> MqPlaylist */
  GHashTable             *failures;   /* gint64 id -> GError */
  GHashTable             *asked;      /* gint64 ids asked for (or queued) */
  GQueue                  queue;      /* Item */
  guint                   n_in_flight;
  GError                 *error;      /* the one that stopped a FAIL_FAST fetch */
  /* The task has returned. Cancelling the calls in flight may finish them at once,
   * inside g_cancellable_cancel() (libsoup 3.6 does): the last of them returns the
   * task, before the call that cancelled them goes on. */
  gboolean                returned;
} Fetch;

typedef struct
{
  GTask *task;
  Item   item;
} Call;

typedef struct
{
  GHashTable *playlists;
  GHashTable *failures;
} Result;

static void
fetch_free (Fetch *fetch)
{
  if (fetch->outer != NULL)
    g_cancellable_disconnect (fetch->outer, fetch->cancelled_id);
  g_clear_object (&fetch->outer);
  g_queue_clear_full (&fetch->queue, g_free);
  g_clear_object (&fetch->client);
  g_clear_object (&fetch->cancellable);
  g_clear_pointer (&fetch->playlists, g_hash_table_unref);
  g_clear_pointer (&fetch->failures, g_hash_table_unref);
  g_clear_pointer (&fetch->asked, g_hash_table_unref);
  g_clear_error (&fetch->error);
  g_free (fetch);
}

static void
result_free (Result *result)
{
  g_clear_pointer (&result->playlists, g_hash_table_unref);
  g_clear_pointer (&result->failures, g_hash_table_unref);
  g_free (result);
}

static void
fetch_queue (Fetch  *fetch,
             gint64  id,
             guint   depth)
{
  Item *item;

  if (id == 0 || depth >= MQ_SCHEDULE_MAX_DEPTH || g_hash_table_contains (fetch->asked, &id))
    return;

  g_hash_table_add (fetch->asked, g_memdup2 (&id, sizeof id));
  item = g_new (Item, 1);
  item->id = id;
  item->depth = depth;
  g_queue_push_tail (&fetch->queue, item);
}

static void fetch_next (GTask *task);

static void
playlist_fetched_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autofree Call *call = user_data;
  g_autoptr(GTask) task = call->task;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(MqPlaylist) playlist = NULL;
  g_autoptr(GError) error = NULL;

  fetch->n_in_flight--;
  playlist = mq_client_get_playlist_finish (MQ_CLIENT (object), result, &error);

  if (playlist != NULL)
    {
      GListModel *entries = mq_playlist_get_entries (playlist);
      guint n_entries = entries != NULL ? g_list_model_get_n_items (entries) : 0;

      for (guint i = 0; i < n_entries; i++)
        {
          g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, i);

          fetch_queue (fetch, mq_playlist_entry_get_nested_playlist_id (entry), call->item.depth + 1);
        }
      g_hash_table_insert (fetch->playlists, g_memdup2 (&call->item.id, sizeof call->item.id),
                           g_steal_pointer (&playlist));
    }
  else if (g_cancellable_is_cancelled (fetch->cancellable))
    ;  /* said once, at the end */
  else if ((fetch->flags & MQ_NESTED_PLAYLISTS_FAIL_FAST) != 0 &&
           !g_error_matches (error, MQ_API_ERROR, MQ_API_ERROR_NOT_FOUND))
    {
      fetch->error = g_steal_pointer (&error);
      g_cancellable_cancel (fetch->cancellable);
    }
  else
    {
      g_debug ("Playlist %" G_GINT64_FORMAT " could not be fetched: %s", call->item.id, error->message);
      g_hash_table_insert (fetch->failures, g_memdup2 (&call->item.id, sizeof call->item.id),
                           g_steal_pointer (&error));
    }

  fetch_next (task);
}

/* Starts what may start; returns once nothing is left or under way. */
static void
fetch_next (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  Result *result;

  if (fetch->returned)
    return;

  while (!g_cancellable_is_cancelled (fetch->cancellable) &&
         fetch->n_in_flight < MQ_NESTED_PLAYLISTS_MAX_IN_FLIGHT &&
         !g_queue_is_empty (&fetch->queue))
    {
      g_autofree Item *item = g_queue_pop_head (&fetch->queue);
      Call *call = g_new (Call, 1);

      call->task = g_object_ref (task);
      call->item = *item;
      fetch->n_in_flight++;
      mq_client_get_playlist_async (fetch->client, item->id, fetch->cancellable,
                                    playlist_fetched_cb, call);
    }

  if (fetch->n_in_flight > 0)
    return;

  fetch->returned = TRUE;
  if (fetch->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&fetch->error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  result = g_new (Result, 1);
  result->playlists = g_steal_pointer (&fetch->playlists);
  result->failures = g_steal_pointer (&fetch->failures);
  g_task_return_pointer (task, result, (GDestroyNotify) result_free);
}

static void
outer_cancelled_cb (GCancellable *outer,
                    gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

void
mq_nested_playlists_fetch_async (MqClient               *client,
                                 const gint64           *playlist_ids,
                                 gsize                   n_playlist_ids,
                                 MqNestedPlaylistsFlags  flags,
                                 GCancellable           *cancellable,
                                 GAsyncReadyCallback     callback,
                                 gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  Fetch *fetch;

  g_return_if_fail (MQ_IS_CLIENT (client));
  g_return_if_fail (playlist_ids != NULL || n_playlist_ids == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_nested_playlists_fetch_async);

  fetch = g_new0 (Fetch, 1);
  fetch->client = g_object_ref (client);
  fetch->flags = flags;
  fetch->cancellable = g_cancellable_new ();
  fetch->playlists = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  fetch->failures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) g_error_free);
  fetch->asked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_queue_init (&fetch->queue);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  /* Ours can also be cancelled alone, to stop the others on a failure. */
  if (cancellable != NULL)
    {
      fetch->outer = g_object_ref (cancellable);
      fetch->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled_cb),
                                                   fetch->cancellable, NULL);
    }

  for (gsize i = 0; i < n_playlist_ids; i++)
    fetch_queue (fetch, playlist_ids[i], 0);

  fetch_next (task);
}

GHashTable *
mq_nested_playlists_fetch_finish (GAsyncResult  *result,
                                  GHashTable   **failures,
                                  GError       **error)
{
  Result *fetched;
  GHashTable *playlists;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, mq_nested_playlists_fetch_async), NULL);

  if (failures != NULL)
    *failures = NULL;

  fetched = g_task_propagate_pointer (G_TASK (result), error);
  if (fetched == NULL)
    return NULL;

  playlists = g_steal_pointer (&fetched->playlists);
  if (failures != NULL)
    *failures = g_steal_pointer (&fetched->failures);
  result_free (fetched);

  return playlists;
}
