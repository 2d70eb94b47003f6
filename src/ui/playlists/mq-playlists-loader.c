/* mq-playlists-loader.c: the playlists of one account, from the cache and the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <string.h>

#include <glib/gi18n.h>

#include "mq-api-error.h"
#include "mq-device-group.h"
#include "mq-playlist-cache.h"
#include "mq-playlist-list.h"
#include "mq-playlists-loader.h"

struct _MqPlaylistsLoader
{
  GObject                 parent_instance;

  MqSession              *session;
  MqClient               *client;
  /* Cancels everything of the current session; the load from the server and the
   * screen groups have their own too. */
  GCancellable           *cancellable;
  GCancellable           *load_cancellable;
  GCancellable           *groups_cancellable;

  MqPlaylistsLoaderState  state;
  GError                 *error;
  gint64                  since;
  /* The server's list came (or is being prepared): a saved one is older. */
  gboolean                have_fresh;

  GPtrArray              *playlists;
  GBytes                 *keys;
  GPtrArray              *index;
  MqNameRanks            *name_ranks;
  gboolean                presorted;
  MqPlaylistColumn        column;
  GtkSortType             direction;

  /* The order wanted for the next list. */
  gboolean                order_known;
  MqPlaylistColumn        order_column;
  GtkSortType             order_direction;

  GHashTable             *screen_groups;
  GError                 *screen_groups_error;
  gboolean                groups_requested;

  /* The saved list of an account read before its session (mq_playlists_loader_read_ahead()). */
  struct _Ahead          *ahead;
};

G_DEFINE_FINAL_TYPE (MqPlaylistsLoader, mq_playlists_loader, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (MqPlaylistsLoaderState, mq_playlists_loader_state,
                    G_DEFINE_ENUM_VALUE (MQ_PLAYLISTS_LOADER_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (MQ_PLAYLISTS_LOADER_STATE_SHOWING_CACHE, "showing-cache"),
                    G_DEFINE_ENUM_VALUE (MQ_PLAYLISTS_LOADER_STATE_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (MQ_PLAYLISTS_LOADER_STATE_FRESH, "fresh"),
                    G_DEFINE_ENUM_VALUE (MQ_PLAYLISTS_LOADER_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (MQ_PLAYLISTS_LOADER_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_ERROR,
  PROP_SINCE,
  PROP_PLAYLISTS,
  PROP_SCREEN_GROUPS,
  PROP_SCREEN_GROUPS_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- state ---- */

static void
set_state (MqPlaylistsLoader      *self,
           MqPlaylistsLoaderState  state)
{
  g_autofree char *name = NULL;

  if (self->state == state)
    return;

  name = g_enum_to_string (MQ_TYPE_PLAYLISTS_LOADER_STATE, state);
  g_debug ("Playlists: %s", name);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error (MqPlaylistsLoader *self,
           const GError      *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_since (MqPlaylistsLoader *self,
           gint64             since)
{
  if (self->since == since)
    return;

  self->since = since;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SINCE]);
}

static void
set_screen_groups (MqPlaylistsLoader *self,
                   GHashTable        *by_playlist,
                   const GError      *error)
{
  if (self->screen_groups_error != NULL || error != NULL)
    {
      g_clear_error (&self->screen_groups_error);
      if (error != NULL)
        self->screen_groups_error = g_error_copy (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCREEN_GROUPS_ERROR]);
    }

  if (self->screen_groups != by_playlist)
    {
      g_clear_pointer (&self->screen_groups, g_hash_table_unref);
      if (by_playlist != NULL)
        self->screen_groups = g_hash_table_ref (by_playlist);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCREEN_GROUPS]);
    }
}

/* ---- screen groups, once per account ---- */

/* The groups by the playlist they play; those that play none are left out. */
static GHashTable *
group_by_playlist (GPtrArray *groups)
{
  GHashTable *by_playlist = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                   (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < groups->len; i++)
    {
      MqDeviceGroup *group = g_ptr_array_index (groups, i);
      gint64 playlist_id = mq_device_group_get_playlist_id (group);
      GPtrArray *playing;

      if (playlist_id == 0)
        continue;

      playing = g_hash_table_lookup (by_playlist, &playlist_id);
      if (playing == NULL)
        {
          playing = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_playlist, g_memdup2 (&playlist_id, sizeof playlist_id), playing);
        }
      g_ptr_array_add (playing, g_object_ref (group));
    }

  return by_playlist;
}

static void
groups_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MqPlaylistsLoader) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GHashTable) by_playlist = NULL;

  groups = mq_client_list_device_groups_finish (MQ_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (groups == NULL)
    {
      /* Asked again with the next playlist shown. */
      self->groups_requested = FALSE;
      set_screen_groups (self, NULL, error);
      return;
    }

  by_playlist = group_by_playlist (groups);
  set_screen_groups (self, by_playlist, NULL);
}

void
mq_playlists_loader_ensure_screen_groups (MqPlaylistsLoader *self)
{
  g_return_if_fail (MQ_IS_PLAYLISTS_LOADER (self));

  if (self->groups_requested || self->client == NULL)
    return;

  self->groups_requested = TRUE;
  g_cancellable_cancel (self->groups_cancellable);
  g_clear_object (&self->groups_cancellable);
  self->groups_cancellable = g_cancellable_new ();

  set_screen_groups (self, NULL, NULL);
  mq_client_list_device_groups_async (self->client, self->groups_cancellable,
                                      groups_loaded_cb, g_object_ref (self));
}

void
mq_playlists_loader_forget_screen_groups (MqPlaylistsLoader *self)
{
  g_return_if_fail (MQ_IS_PLAYLISTS_LOADER (self));

  self->groups_requested = FALSE;
}

/* ---- preparing a list ---- */

typedef struct
{
  GPtrArray        *playlists;
  GBytes           *keys;      /* their search keys */
  GPtrArray        *by_id;     /* the same, by id */
  MqNameRanks      *name_ranks;
  /* The index of the list there was when the server's was asked for, and whether the
   * server's holds exactly its playlists (then nothing else is made). */
  GPtrArray        *shown_by_id;
  gboolean          unchanged;
  gboolean          from_cache;
  gint64            since;
  /* The order the list is shown in, when known, to hand it over sorted. */
  gboolean          presort;
  MqPlaylistColumn  sort_column;
  GtkSortType       sort_direction;
} Prepared;

static void
prepared_clear (Prepared *prepared)
{
  g_clear_pointer (&prepared->playlists, g_ptr_array_unref);
  g_clear_pointer (&prepared->keys, g_bytes_unref);
  g_clear_pointer (&prepared->by_id, g_ptr_array_unref);
  g_clear_pointer (&prepared->name_ranks, mq_name_ranks_unref);
  g_clear_pointer (&prepared->shown_by_id, g_ptr_array_unref);
}

/* Shared: a list read ahead outlives the task that prepared it. */
static void
prepared_unref (Prepared *prepared)
{
  g_atomic_rc_box_release_full (prepared, (GDestroyNotify) prepared_clear);
}

/* In a worker: the search keys, the order of names, the index by id, and the order
 * the list is shown in, so that showing 100,000 playlists costs the main thread one
 * items-changed and a sort that finds everything in place. */
static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Prepared *prepared = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;

  prepared->by_id = mq_playlist_index_new (prepared->playlists);

  /* The server sent what is there (the playlists it did not change are the ones
   * there, see load_playlists()): the list stays, keys, ranks and all. */
  if (prepared->shown_by_id != NULL && prepared->shown_by_id->len == prepared->by_id->len &&
      (prepared->by_id->len == 0 ||
       memcmp (prepared->shown_by_id->pdata, prepared->by_id->pdata,
               prepared->by_id->len * sizeof (gpointer)) == 0))
    {
      prepared->unchanged = TRUE;
      g_clear_pointer (&prepared->by_id, g_ptr_array_unref);
      g_task_return_boolean (task, TRUE);
      return;
    }

  prepared->name_ranks = mq_name_ranks_new (prepared->by_id);

  if (prepared->presort)
    mq_playlist_sort (prepared->playlists, NULL, prepared->name_ranks,
                      prepared->sort_column, prepared->sort_direction);
  prepared->keys = mq_playlist_list_make_keys (prepared->playlists);

  g_task_return_boolean (task, TRUE);
}

static void playlists_prepared_cb (GObject           *object,
                                   GAsyncResult      *result,
                                   gpointer           user_data);
static void load_playlists        (MqPlaylistsLoader *self);

static void
start_prepare (MqPlaylistsLoader   *self,
               GPtrArray           *playlists,
               gboolean             from_cache,
               gint64               since,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = NULL;
  Prepared *prepared = g_atomic_rc_box_new0 (Prepared);

  /* The worker sorts it in place: the caller's is no longer used. */
  prepared->playlists = g_ptr_array_ref (playlists);
  prepared->from_cache = from_cache;
  prepared->since = since;
  prepared->presort = self->order_known;
  prepared->sort_column = self->order_column;
  prepared->sort_direction = self->order_direction;
  if (!from_cache)
    prepared->shown_by_id = self->index != NULL ? g_ptr_array_ref (self->index)
                                                : g_ptr_array_new ();

  task = g_task_new (self, cancellable, callback, NULL);
  g_task_set_source_tag (task, start_prepare);
  g_task_set_task_data (task, prepared, (GDestroyNotify) prepared_unref);
  g_task_run_in_thread (task, prepare_thread);
}

static void
prepare_playlists (MqPlaylistsLoader *self,
                   GPtrArray         *playlists,
                   gboolean           from_cache,
                   gint64             since)
{
  start_prepare (self, playlists, from_cache, since,
                 from_cache ? self->cancellable : self->load_cancellable,
                 playlists_prepared_cb);
}

static void
set_playlists (MqPlaylistsLoader *self,
               Prepared          *prepared)
{
  g_clear_pointer (&self->playlists, g_ptr_array_unref);
  g_clear_pointer (&self->keys, g_bytes_unref);
  g_clear_pointer (&self->index, g_ptr_array_unref);
  g_clear_pointer (&self->name_ranks, mq_name_ranks_unref);

  if (prepared != NULL)
    {
      self->playlists = g_ptr_array_ref (prepared->playlists);
      self->keys = g_bytes_ref (prepared->keys);
      self->index = g_ptr_array_ref (prepared->by_id);
      self->name_ranks = mq_name_ranks_ref (prepared->name_ranks);
      self->presorted = prepared->presort;
      self->column = prepared->sort_column;
      self->direction = prepared->sort_direction;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYLISTS]);
}

static void
cache_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mq_playlist_cache_save_finish (result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not save the playlists for offline use: %s", error->message);
}

typedef struct
{
  char         *account_id;
  GPtrArray    *playlists;
  GCancellable *cancellable;
} SaveLater;

static void
save_later_free (SaveLater *save)
{
  g_free (save->account_id);
  g_ptr_array_unref (save->playlists);
  g_object_unref (save->cancellable);
  g_free (save);
}

/* After the frame that shows the list, whose wait nothing else should lengthen. The
 * array is the list's, which no one changes (a sort makes a new one). */
static gboolean
save_cache_cb (gpointer user_data)
{
  SaveLater *save = user_data;

  if (!g_cancellable_is_cancelled (save->cancellable))
    mq_playlist_cache_save_async (save->account_id, save->playlists, save->cancellable,
                                  cache_saved_cb, NULL);

  return G_SOURCE_REMOVE;
}

/* The saved list, prepared (NULL: there is none), then the server's. */
static void
show_saved (MqPlaylistsLoader *self,
            Prepared          *prepared)
{
  /* The cache arrived after the server's answer: it is older, drop it. */
  if (self->have_fresh)
    return;

  if (prepared == NULL)
    {
      load_playlists (self);
      return;
    }

  set_playlists (self, prepared);
  set_since (self, prepared->since);
  /* The server failed before the saved list was ready: the list is an old one. */
  set_state (self, self->error != NULL ? MQ_PLAYLISTS_LOADER_STATE_OFFLINE
                                       : MQ_PLAYLISTS_LOADER_STATE_SHOWING_CACHE);
  load_playlists (self);
}

static void
playlists_prepared_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  MqPlaylistsLoader *self = MQ_PLAYLISTS_LOADER (object);
  Prepared *prepared = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return;

  if (prepared->from_cache)
    {
      show_saved (self, prepared);
      return;
    }

  /* Unchanged from a list no longer there: made after all. */
  if (prepared->unchanged && self->index != prepared->shown_by_id &&
      !(self->index == NULL && prepared->shown_by_id->len == 0))
    {
      prepare_playlists (self, prepared->playlists, FALSE, prepared->since);
      return;
    }

  if (!prepared->unchanged)
    set_playlists (self, prepared);
  set_since (self, prepared->since);
  set_state (self, MQ_PLAYLISTS_LOADER_STATE_FRESH);

  if (self->session != NULL)
    {
      SaveLater *save = g_new0 (SaveLater, 1);

      save->account_id = g_strdup (mq_account_get_id (mq_session_get_account (self->session)));
      save->playlists = g_ptr_array_ref (prepared->playlists);
      save->cancellable = g_object_ref (self->cancellable);
      g_idle_add_full (G_PRIORITY_LOW, save_cache_cb, save, (GDestroyNotify) save_later_free);
    }
}

/* ---- loading ---- */

/* The saved playlists read, NULL when there are none (or none readable, which is no
 * error to show: the server's list follows); FALSE when the read was cancelled. */
static gboolean
finish_cache_load (GAsyncResult  *result,
                   GPtrArray    **playlists,
                   gint64        *saved_at)
{
  g_autoptr(GError) error = NULL;

  *playlists = mq_playlist_cache_load_finish (result, saved_at, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  if (error != NULL)
    g_debug ("Ignoring the saved playlists: %s", error->message);
  if (*playlists != NULL && (*playlists)->len == 0)
    g_clear_pointer (playlists, g_ptr_array_unref);

  return TRUE;
}

static void
cache_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MqPlaylistsLoader) self = user_data;
  g_autoptr(GPtrArray) playlists = NULL;
  gint64 saved_at = 0;

  if (!finish_cache_load (result, &playlists, &saved_at))
    return;

  if (playlists == NULL)
    {
      show_saved (self, NULL);
      return;
    }

  /* The server's list came first (a reload asked for meanwhile): nothing to add. */
  if (self->have_fresh)
    return;

  /* The server's list once this one is there (playlists_prepared_cb()). */
  prepare_playlists (self, playlists, TRUE, saved_at);
}

typedef struct
{
  MqPlaylistsLoader *self;
  GCancellable      *cancellable;
} ProgressData;

static void
progress_data_free (gpointer data)
{
  ProgressData *progress = data;

  g_clear_object (&progress->self);
  g_clear_object (&progress->cancellable);
  g_free (progress);
}

static void
load_progress_cb (guint    page,
                  guint    n_pages,
                  guint    n_items_so_far,
                  gpointer user_data)
{
  ProgressData *progress = user_data;

  if (g_cancellable_is_cancelled (progress->cancellable))
    return;

  g_signal_emit (progress->self, signals[PROGRESS], 0, page, n_pages, n_items_so_far);
}

static void
fail (MqPlaylistsLoader *self,
      const GError      *error)
{
  set_error (self, error);
  set_state (self, self->since != 0 ? MQ_PLAYLISTS_LOADER_STATE_OFFLINE
                                    : MQ_PLAYLISTS_LOADER_STATE_FAILED);
}

static void
playlists_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MqPlaylistsLoader) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) playlists = NULL;
  guint n_skipped = 0;

  playlists = mq_client_list_playlists_finish (MQ_CLIENT (object), result, &n_skipped, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (playlists == NULL)
    {
      fail (self, error);
      return;
    }

  if (n_skipped > 0)
    g_debug ("%u playlists had no usable id or name", n_skipped);

  self->have_fresh = TRUE;
  prepare_playlists (self, playlists, FALSE, g_get_real_time () / G_USEC_PER_SEC);
}

static void
load_playlists (MqPlaylistsLoader *self)
{
  ProgressData *progress;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (self->client == NULL || self->session == NULL)
    return;

  if (mq_session_get_needs_sign_in (self->session))
    {
      g_autoptr(GError) error = g_error_new_literal (MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED,
                                                     _("Sign in again to load the playlists."));

      fail (self, error);
      return;
    }

  self->load_cancellable = g_cancellable_new ();
  set_error (self, NULL);
  /* Over the saved list, that state says it is being updated already. */
  if (self->state != MQ_PLAYLISTS_LOADER_STATE_SHOWING_CACHE)
    set_state (self, MQ_PLAYLISTS_LOADER_STATE_LOADING);

  progress = g_new0 (ProgressData, 1);
  progress->self = g_object_ref (self);
  progress->cancellable = g_object_ref (self->load_cancellable);

  /* The playlists there that the server did not change are kept, not made twice: a
   * start from the cache would otherwise hold 100,000 twice. The index holds them and
   * is never changed (a new list brings a new one). */
  mq_client_list_playlists_reusing_async (self->client, self->index,
                                          load_progress_cb, progress, progress_data_free,
                                          self->load_cancellable, playlists_loaded_cb,
                                          g_object_ref (self));
}

/* ---- reading ahead ---- */

/* The saved list of an account whose session is not there yet: read and prepared in
 * workers while the window starts and the keyring answers, so that the session finds
 * it ready. */
typedef struct _Ahead
{
  char         *account_id;
  GCancellable *cancellable;
  gboolean      done;
  Prepared     *prepared;   /* once done; NULL: nothing saved */
  GTask        *waiting;    /* the session's, taking the list once done */
} Ahead;

static void
ahead_stop_waiting (Ahead *ahead)
{
  if (ahead->waiting == NULL)
    return;

  g_task_return_new_error (ahead->waiting, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "The saved list was not read");
  g_clear_object (&ahead->waiting);
}

static void
ahead_free (Ahead *ahead)
{
  g_cancellable_cancel (ahead->cancellable);
  ahead_stop_waiting (ahead);
  g_clear_object (&ahead->cancellable);
  g_clear_pointer (&ahead->prepared, prepared_unref);
  g_free (ahead->account_id);
  g_free (ahead);
}

static void
ahead_done (MqPlaylistsLoader *self,
            Prepared          *prepared)
{
  Ahead *ahead = self->ahead;

  ahead->done = TRUE;
  ahead->prepared = prepared != NULL ? g_atomic_rc_box_acquire (prepared) : NULL;

  if (ahead->waiting != NULL)
    {
      g_task_return_pointer (ahead->waiting, g_steal_pointer (&ahead->prepared),
                             (GDestroyNotify) prepared_unref);
      g_clear_object (&ahead->waiting);
      g_clear_pointer (&self->ahead, ahead_free);
    }
}

static void
ahead_prepared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  MqPlaylistsLoader *self = MQ_PLAYLISTS_LOADER (object);

  /* Cancelled: dropped, and another may have come meanwhile. */
  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;

  ahead_done (self, g_task_get_task_data (G_TASK (result)));
}

static void
ahead_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MqPlaylistsLoader) self = user_data;
  g_autoptr(GPtrArray) playlists = NULL;
  gint64 saved_at = 0;

  if (!finish_cache_load (result, &playlists, &saved_at))
    return;

  if (playlists == NULL)
    {
      ahead_done (self, NULL);
      return;
    }

  start_prepare (self, playlists, TRUE, saved_at, self->ahead->cancellable, ahead_prepared_cb);
}

static void
ahead_taken_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  MqPlaylistsLoader *self = MQ_PLAYLISTS_LOADER (object);
  g_autoptr(GError) error = NULL;
  Prepared *prepared;

  prepared = g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    return;

  show_saved (self, prepared);
  g_clear_pointer (&prepared, prepared_unref);
}

/* The session's saved list: the one read ahead when it is that account's, once ready. */
static void
take_ahead (MqPlaylistsLoader *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, ahead_taken_cb, NULL);

  g_task_set_source_tag (task, take_ahead);
  if (!self->ahead->done)
    {
      /* A session before, of the same account, took it no more. */
      ahead_stop_waiting (self->ahead);
      self->ahead->waiting = g_steal_pointer (&task);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&self->ahead->prepared),
                         (GDestroyNotify) prepared_unref);
  g_clear_pointer (&self->ahead, ahead_free);
}

/* ---- GObject ---- */

static void
mq_playlists_loader_dispose (GObject *object)
{
  MqPlaylistsLoader *self = MQ_PLAYLISTS_LOADER (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->groups_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->groups_cancellable);
  g_clear_pointer (&self->ahead, ahead_free);

  g_clear_pointer (&self->playlists, g_ptr_array_unref);
  g_clear_pointer (&self->keys, g_bytes_unref);
  g_clear_pointer (&self->index, g_ptr_array_unref);
  g_clear_pointer (&self->name_ranks, mq_name_ranks_unref);
  g_clear_pointer (&self->screen_groups, g_hash_table_unref);
  g_clear_error (&self->screen_groups_error);
  g_clear_error (&self->error);
  g_clear_object (&self->session);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (mq_playlists_loader_parent_class)->dispose (object);
}

static void
mq_playlists_loader_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MqPlaylistsLoader *self = MQ_PLAYLISTS_LOADER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_SINCE:
      g_value_set_int64 (value, self->since);
      break;
    case PROP_PLAYLISTS:
      g_value_set_boxed (value, self->playlists);
      break;
    case PROP_SCREEN_GROUPS:
      g_value_set_boxed (value, self->screen_groups);
      break;
    case PROP_SCREEN_GROUPS_ERROR:
      g_value_set_boxed (value, self->screen_groups_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_playlists_loader_class_init (MqPlaylistsLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mq_playlists_loader_dispose;
  object_class->get_property = mq_playlists_loader_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       MQ_TYPE_PLAYLISTS_LOADER_STATE, MQ_PLAYLISTS_LOADER_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SINCE] =
    g_param_spec_int64 ("since", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Notified for each new list, the same or not. */
  properties[PROP_PLAYLISTS] =
    g_param_spec_boxed ("playlists", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCREEN_GROUPS] =
    g_param_spec_boxed ("screen-groups", NULL, NULL,
                        G_TYPE_HASH_TABLE,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCREEN_GROUPS_ERROR] =
    g_param_spec_boxed ("screen-groups-error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* While the server's list loads: @page of @n_pages (0: not known), @n_items so far. */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
}

static void
mq_playlists_loader_init (MqPlaylistsLoader *self)
{
  self->cancellable = g_cancellable_new ();
}

MqPlaylistsLoader *
mq_playlists_loader_new (void)
{
  return g_object_new (MQ_TYPE_PLAYLISTS_LOADER, NULL);
}

void
mq_playlists_loader_set_session (MqPlaylistsLoader *self,
                                 MqSession         *session,
                                 MqClient          *client)
{
  const char *account_id;

  g_return_if_fail (MQ_IS_PLAYLISTS_LOADER (self));
  g_return_if_fail (session == NULL || MQ_IS_SESSION (session));
  g_return_if_fail (client == NULL || MQ_IS_CLIENT (client));
  g_return_if_fail ((session == NULL) == (client == NULL));

  /* Everything of the previous account goes. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_cancellable_cancel (self->groups_cancellable);

  g_set_object (&self->client, client);
  g_set_object (&self->session, session);

  self->have_fresh = FALSE;
  self->groups_requested = FALSE;
  set_screen_groups (self, NULL, NULL);
  if (self->playlists != NULL)
    set_playlists (self, NULL);
  set_since (self, 0);
  set_error (self, NULL);
  set_state (self, MQ_PLAYLISTS_LOADER_STATE_IDLE);

  if (session == NULL)
    {
      g_clear_pointer (&self->ahead, ahead_free);
      return;
    }

  /* The saved list at once, then the server's. Asked for once the saved one is there,
   * the server's list keeps the playlists it did not change (load_playlists()):
   * fetched at the same time, 100,000 unchanged playlists would exist twice. */
  account_id = mq_account_get_id (mq_session_get_account (session));
  if (self->ahead != NULL && g_str_equal (self->ahead->account_id, account_id))
    {
      take_ahead (self);
      return;
    }

  g_clear_pointer (&self->ahead, ahead_free);
  mq_playlist_cache_load_async (account_id, self->cancellable, cache_loaded_cb, g_object_ref (self));
}

void
mq_playlists_loader_read_ahead (MqPlaylistsLoader *self,
                                const char        *account_id)
{
  g_return_if_fail (MQ_IS_PLAYLISTS_LOADER (self));
  g_return_if_fail (account_id != NULL);

  if (self->ahead != NULL && g_str_equal (self->ahead->account_id, account_id))
    return;

  g_clear_pointer (&self->ahead, ahead_free);
  self->ahead = g_new0 (Ahead, 1);
  self->ahead->account_id = g_strdup (account_id);
  self->ahead->cancellable = g_cancellable_new ();
  mq_playlist_cache_load_async (account_id, self->ahead->cancellable, ahead_loaded_cb,
                                g_object_ref (self));
}

gboolean
mq_playlists_loader_has_read_ahead (MqPlaylistsLoader *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLISTS_LOADER (self), FALSE);

  return self->ahead != NULL && self->ahead->done;
}

void
mq_playlists_loader_reload (MqPlaylistsLoader *self)
{
  g_return_if_fail (MQ_IS_PLAYLISTS_LOADER (self));

  load_playlists (self);
}

void
mq_playlists_loader_cancel (MqPlaylistsLoader *self)
{
  g_return_if_fail (MQ_IS_PLAYLISTS_LOADER (self));

  g_cancellable_cancel (self->load_cancellable);
}

void
mq_playlists_loader_set_order (MqPlaylistsLoader *self,
                               gboolean           known,
                               MqPlaylistColumn   column,
                               GtkSortType        direction)
{
  g_return_if_fail (MQ_IS_PLAYLISTS_LOADER (self));

  self->order_known = known;
  self->order_column = known ? column : 0;
  self->order_direction = known ? direction : 0;
}

MqPlaylistsLoaderState
mq_playlists_loader_get_state (MqPlaylistsLoader *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLISTS_LOADER (self), MQ_PLAYLISTS_LOADER_STATE_IDLE);

  return self->state;
}

const GError *
mq_playlists_loader_get_error (MqPlaylistsLoader *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLISTS_LOADER (self), NULL);

  return self->error;
}

gint64
mq_playlists_loader_get_since (MqPlaylistsLoader *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLISTS_LOADER (self), 0);

  return self->since;
}

GPtrArray *
mq_playlists_loader_get_playlists (MqPlaylistsLoader *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLISTS_LOADER (self), NULL);

  return self->playlists;
}

GBytes *
mq_playlists_loader_get_keys (MqPlaylistsLoader *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLISTS_LOADER (self), NULL);

  return self->keys;
}

GPtrArray *
mq_playlists_loader_get_index (MqPlaylistsLoader *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLISTS_LOADER (self), NULL);

  return self->index;
}

MqNameRanks *
mq_playlists_loader_get_name_ranks (MqPlaylistsLoader *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLISTS_LOADER (self), NULL);

  return self->name_ranks;
}

gboolean
mq_playlists_loader_get_order (MqPlaylistsLoader *self,
                               MqPlaylistColumn  *column,
                               GtkSortType       *direction)
{
  g_return_val_if_fail (MQ_IS_PLAYLISTS_LOADER (self), FALSE);

  *column = self->column;
  *direction = self->direction;

  return self->presorted;
}

GHashTable *
mq_playlists_loader_get_screen_groups (MqPlaylistsLoader *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLISTS_LOADER (self), NULL);

  return self->screen_groups;
}

const GError *
mq_playlists_loader_get_screen_groups_error (MqPlaylistsLoader *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLISTS_LOADER (self), NULL);

  return self->screen_groups_error;
}
