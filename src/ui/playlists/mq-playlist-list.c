/* mq-playlist-list.c: the playlists of one load, filtered, as a list model and by id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <string.h>

#include "mq-playlist-display.h"
#include "mq-playlist-list.h"

struct _MqPlaylistList
{
  GObject           parent_instance;

  GPtrArray        *playlists;  /* of MqPlaylist, in the order shown */
  GBytes           *keys;       /* their search keys, one after the other */
  GArray           *key_starts; /* of guint32: where each key starts; made at the first search */
  GPtrArray        *by_id;      /* the same playlists, by id */
  MqNameRanks      *name_ranks; /* of their names */

  MqPlaylistFilter *filter;
  /* Positions in playlists of those that match, ascending; NULL: all match. */
  GArray           *matches;
  /* The matches of the last queries, of Kept, each narrower than the one before:
   * what the query as it is typed on narrows, or what a backspace goes back to. */
  GPtrArray        *kept;
  /* The matches about to be shown, during ::matches-found. */
  GArray           *found;
  gboolean          finding;
  /* Set during ::matches-found: tell of the change in one step, see set_matches(). */
  gboolean          at_once;
};

enum {
  MATCHES_FOUND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Beyond this many queries typed on, the first ones are forgotten. */
#define KEPT_MAX 16

typedef struct
{
  char   *folded;
  GArray *matches;
} Kept;

static void
kept_free (gpointer data)
{
  Kept *kept = data;

  g_free (kept->folded);
  g_array_unref (kept->matches);
  g_free (kept);
}

static void mq_playlist_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MqPlaylistList, mq_playlist_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mq_playlist_list_model_init))

static GType
mq_playlist_list_get_item_type (GListModel *model)
{
  return MQ_TYPE_PLAYLIST;
}

static guint
mq_playlist_list_get_n_items (GListModel *model)
{
  MqPlaylistList *self = MQ_PLAYLIST_LIST (model);

  return self->matches != NULL ? self->matches->len : self->playlists->len;
}

static gpointer
mq_playlist_list_get_item (GListModel *model,
                           guint       position)
{
  MqPlaylistList *self = MQ_PLAYLIST_LIST (model);

  if (self->matches != NULL)
    {
      if (position >= self->matches->len)
        return NULL;
      position = g_array_index (self->matches, guint, position);
    }

  if (position >= self->playlists->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->playlists, position));
}

static void
mq_playlist_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mq_playlist_list_get_item_type;
  iface->get_n_items = mq_playlist_list_get_n_items;
  iface->get_item = mq_playlist_list_get_item;
}

/* ---- filtering ---- */

/* The matching positions, or NULL when everything matches. The keys are read in a
 * row, each ended by a NUL. The result is kept: it must not change. */
static GArray *
find_matches (MqPlaylistList *self)
{
  gsize length;
  const char *keys = g_bytes_get_data (self->keys, &length);
  const char *folded;
  GArray *matches;
  Kept *base;

  if (self->filter == NULL ||
      gtk_filter_get_strictness (GTK_FILTER (self->filter)) == GTK_FILTER_MATCH_ALL)
    {
      /* No search: nothing to hold on to. */
      g_ptr_array_set_size (self->kept, 0);
      return NULL;
    }

  if (self->key_starts == NULL)
    {
      guint32 start = 0;

      g_assert (length <= G_MAXUINT32);
      self->key_starts = g_array_sized_new (FALSE, FALSE, sizeof (guint32), self->playlists->len);
      for (guint i = 0; i < self->playlists->len; i++)
        {
          g_array_append_val (self->key_starts, start);
          start += strlen (keys + start) + 1;
        }
    }

  /* The queries the new one does not narrow have nothing to give it. */
  folded = mq_playlist_filter_get_folded (self->filter);
  base = NULL;
  for (guint i = self->kept->len; i > 0; i--)
    {
      Kept *kept = g_ptr_array_index (self->kept, i - 1);

      if (!mq_playlist_filter_narrows (self->filter, kept->folded))
        g_ptr_array_remove_index (self->kept, i - 1);
      else if (g_str_equal (kept->folded, folded))
        return g_array_ref (kept->matches);
      else if (base == NULL || kept->matches->len < base->matches->len)
        base = kept;
    }

  /* A narrower query looks only at what the one before matched, when that is few:
   * one pass over all the keys is faster than a search in each of very many. */
  matches = g_array_sized_new (FALSE, FALSE, sizeof (guint), MIN (self->playlists->len, 1024));
  if (base != NULL && base->matches->len <= self->playlists->len / 8)
    mq_playlist_filter_match_some (self->filter, keys,
                                   (const guint32 *) (gpointer) self->key_starts->data,
                                   base->matches, matches);
  else
    mq_playlist_filter_match_keys (self->filter, keys, length,
                                   (const guint32 *) (gpointer) self->key_starts->data,
                                   self->playlists->len, matches);

  if (self->kept->len >= KEPT_MAX)
    g_ptr_array_remove_index (self->kept, 0);
  base = g_new0 (Kept, 1);
  base->folded = g_strdup (folded);
  base->matches = g_array_ref (matches);
  g_ptr_array_add (self->kept, base);

  return matches;
}

static guint
get_match (GArray *matches,
           guint   i)
{
  return matches != NULL ? g_array_index (matches, guint, i) : i;
}

/* Where @position is in @matches (NULL: all of 0 .. @n - 1), from @from on, or
 * G_MAXUINT. */
static guint
find_match (GArray *matches,
            guint   n,
            guint   from,
            guint   position)
{
  guint low = from;
  guint high = n;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      guint value = get_match (matches, middle);

      if (value == position)
        return middle;
      if (value < position)
        low = middle + 1;
      else
        high = middle;
    }

  return G_MAXUINT;
}

/* The first @n_head of @head, then @tail from @tail_from to @tail_n. */
static GArray *
join_matches (GArray *head,
              guint   n_head,
              GArray *tail,
              guint   tail_from,
              guint   tail_n)
{
  GArray *joined = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_head + tail_n - tail_from);

  for (guint i = 0; i < n_head; i++)
    {
      guint position = get_match (head, i);

      g_array_append_val (joined, position);
    }
  for (guint i = tail_from; i < tail_n; i++)
    {
      guint position = get_match (tail, i);

      g_array_append_val (joined, position);
    }

  return joined;
}

/* Takes @matches and tells of the change: only the part between what stayed the same
 * at the start and at the end, so that the rows in sight outside it stay as they are. */
static void
announce_matches (MqPlaylistList *self,
                  GArray         *matches)
{
  guint n_all = self->playlists->len;
  guint old_n = self->matches != NULL ? self->matches->len : n_all;
  guint new_n = matches != NULL ? matches->len : n_all;
  guint start = 0;
  guint end = 0;

  while (start < old_n && start < new_n &&
         get_match (self->matches, start) == get_match (matches, start))
    start++;
  while (end < old_n - start && end < new_n - start &&
         get_match (self->matches, old_n - 1 - end) == get_match (matches, new_n - 1 - end))
    end++;

  g_clear_pointer (&self->matches, g_array_unref);
  self->matches = matches;

  if (old_n - start - end > 0 || new_n - start - end > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), start, old_n - start - end, new_n - start - end);
}

/* Where the lists first differ, new matches that come before the old one there are
 * inserted first, or old ones before the new one there removed first, each as a
 * change of its own; then the rest. So the row where they differ, often the one at
 * the top of the view, stays: GTK keeps its widget, and GTK 4.8 does not look
 * through every added item for the rows it tracks, which it does when one of them is
 * among the removed (100,000 lookups when a search is cleared). */
static void
set_matches (MqPlaylistList *self,
             GArray         *matches)
{
  guint n_all = self->playlists->len;
  guint old_n = self->matches != NULL ? self->matches->len : n_all;
  guint new_n = matches != NULL ? matches->len : n_all;
  guint start = 0;

  while (start < old_n && start < new_n &&
         get_match (self->matches, start) == get_match (matches, start))
    start++;

  if (start < old_n && start < new_n && !self->at_once)
    {
      guint inserted_until = find_match (matches, new_n, start + 1, get_match (self->matches, start));
      guint removed_until = find_match (self->matches, old_n, start + 1, get_match (matches, start));

      if (inserted_until != G_MAXUINT)
        announce_matches (self, join_matches (matches, inserted_until, self->matches, start, old_n));
      else if (removed_until != G_MAXUINT)
        announce_matches (self, join_matches (matches, start, self->matches, removed_until, old_n));
    }

  announce_matches (self, matches);
}

static void
filter_changed_cb (MqPlaylistList *self)
{
  GArray *matches = find_matches (self);

  self->found = matches;
  self->finding = TRUE;
  self->at_once = FALSE;
  g_signal_emit (self, signals[MATCHES_FOUND], 0);
  self->finding = FALSE;
  self->found = NULL;

  set_matches (self, matches);
  self->at_once = FALSE;
}

/* ---- letting go ---- */

/* What a list held: freeing 100,000 playlists takes 20 ms or more, a stall on the
 * main thread, so a thread of its own lets go of them. Playlists are freed wherever
 * their last reference goes, and nothing else holds these arrays. */
typedef struct
{
  GPtrArray   *playlists;
  GBytes      *keys;
  GPtrArray   *by_id;
  MqNameRanks *name_ranks;
} Held;

static void
release_held (gpointer data,
              gpointer user_data)
{
  Held *held = data;

  g_clear_pointer (&held->playlists, g_ptr_array_unref);
  g_clear_pointer (&held->keys, g_bytes_unref);
  g_clear_pointer (&held->by_id, g_ptr_array_unref);
  g_clear_pointer (&held->name_ranks, mq_name_ranks_unref);
  g_free (held);
}

static void
release_in_background (MqPlaylistList *self)
{
  static GThreadPool *pool;
  Held *held = g_new0 (Held, 1);

  held->playlists = g_steal_pointer (&self->playlists);
  held->keys = g_steal_pointer (&self->keys);
  held->by_id = g_steal_pointer (&self->by_id);
  held->name_ranks = g_steal_pointer (&self->name_ranks);

  /* A small list is let go of at once. */
  if (held->by_id == NULL || held->by_id->len < 1000)
    {
      release_held (held, NULL);
      return;
    }

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (release_held, NULL, 1, FALSE, NULL));

  g_thread_pool_push (pool, held, NULL);
}

/* ---- the object ---- */

static void
mq_playlist_list_dispose (GObject *object)
{
  MqPlaylistList *self = MQ_PLAYLIST_LIST (object);

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (mq_playlist_list_parent_class)->dispose (object);
}

static void
mq_playlist_list_finalize (GObject *object)
{
  MqPlaylistList *self = MQ_PLAYLIST_LIST (object);

  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->kept, g_ptr_array_unref);
  g_clear_pointer (&self->key_starts, g_array_unref);
  release_in_background (self);

  G_OBJECT_CLASS (mq_playlist_list_parent_class)->finalize (object);
}

static void
mq_playlist_list_class_init (MqPlaylistListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mq_playlist_list_dispose;
  object_class->finalize = mq_playlist_list_finalize;

  signals[MATCHES_FOUND] =
    g_signal_new ("matches-found",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
mq_playlist_list_init (MqPlaylistList *self)
{
  self->playlists = g_ptr_array_new ();
  self->keys = g_bytes_new_static ("", 0);
  self->by_id = g_ptr_array_new ();
  self->name_ranks = mq_name_ranks_new (self->by_id);
  self->kept = g_ptr_array_new_with_free_func (kept_free);
}

MqPlaylistList *
mq_playlist_list_new (MqPlaylistFilter *filter)
{
  MqPlaylistList *self;

  g_return_val_if_fail (filter == NULL || MQ_IS_PLAYLIST_FILTER (filter), NULL);

  self = g_object_new (MQ_TYPE_PLAYLIST_LIST, NULL);
  if (filter != NULL)
    {
      self->filter = g_object_ref (filter);
      g_signal_connect_swapped (filter, "changed", G_CALLBACK (filter_changed_cb), self);
    }

  return self;
}

GBytes *
mq_playlist_list_make_keys (GPtrArray *playlists)
{
  GString *keys;

  g_return_val_if_fail (playlists != NULL, NULL);

  keys = g_string_sized_new (playlists->len * 64);
  for (guint i = 0; i < playlists->len; i++)
    {
      mq_playlist_display_append_search_key (g_ptr_array_index (playlists, i), keys);
      g_string_append_c (keys, '\0');
    }

  return g_string_free_to_bytes (keys);
}

void
mq_playlist_list_set (MqPlaylistList *self,
                      GPtrArray      *playlists,
                      GBytes         *keys,
                      GPtrArray      *by_id,
                      MqNameRanks    *name_ranks)
{
  guint removed;

  g_return_if_fail (MQ_IS_PLAYLIST_LIST (self));
  g_return_if_fail ((keys == NULL && by_id == NULL && name_ranks == NULL) || playlists != NULL);
  g_return_if_fail (by_id == NULL || by_id->len == playlists->len);
  g_return_if_fail (name_ranks == NULL || by_id != NULL);

  removed = mq_playlist_list_get_n_items (G_LIST_MODEL (self));

  /* Taken before the old ones go: they may be the current ones. */
  if (playlists == NULL)
    {
      playlists = g_ptr_array_new ();
      keys = g_bytes_new_static ("", 0);
      by_id = g_ptr_array_new ();
    }
  else
    {
      g_ptr_array_ref (playlists);
      keys = keys != NULL ? g_bytes_ref (keys) : mq_playlist_list_make_keys (playlists);
      by_id = by_id != NULL ? g_ptr_array_ref (by_id) : mq_playlist_index_new (playlists);
    }
  name_ranks = name_ranks != NULL ? mq_name_ranks_ref (name_ranks) : mq_name_ranks_new (by_id);

  release_in_background (self);
  self->playlists = playlists;
  self->keys = keys;
  self->by_id = by_id;
  self->name_ranks = name_ranks;
  g_clear_pointer (&self->key_starts, g_array_unref);
  g_ptr_array_set_size (self->kept, 0);

  g_clear_pointer (&self->matches, g_array_unref);
  self->matches = find_matches (self);

  if (removed > 0 || mq_playlist_list_get_n_items (G_LIST_MODEL (self)) > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed,
                                mq_playlist_list_get_n_items (G_LIST_MODEL (self)));
}

guint
mq_playlist_list_count_kept_head (MqPlaylistList *self,
                                  guint           n,
                                  guint          *n_found)
{
  guint old_n;
  guint new_n;
  guint i = 0;
  guint j = 0;
  guint kept = 0;

  g_return_val_if_fail (MQ_IS_PLAYLIST_LIST (self), 0);
  g_return_val_if_fail (self->finding, 0);

  old_n = MIN (n, mq_playlist_list_get_n_items (G_LIST_MODEL (self)));
  new_n = self->found != NULL ? self->found->len : self->playlists->len;
  if (n_found != NULL)
    *n_found = new_n;
  new_n = MIN (n, new_n);

  /* Both ascending positions in playlists: one merge. */
  while (i < old_n && j < new_n)
    {
      guint old_position = get_match (self->matches, i);
      guint new_position = get_match (self->found, j);

      if (old_position == new_position)
        kept++;
      if (old_position <= new_position)
        i++;
      if (new_position <= old_position)
        j++;
    }

  return kept;
}

void
mq_playlist_list_announce_at_once (MqPlaylistList *self)
{
  g_return_if_fail (MQ_IS_PLAYLIST_LIST (self));
  g_return_if_fail (self->finding);

  self->at_once = TRUE;
}

guint
mq_playlist_list_get_n_playlists (MqPlaylistList *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_LIST (self), 0);

  return self->playlists->len;
}

GPtrArray *
mq_playlist_list_get_playlists (MqPlaylistList *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_LIST (self), NULL);

  return self->playlists;
}

GPtrArray *
mq_playlist_list_get_index (MqPlaylistList *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_LIST (self), NULL);

  return self->by_id;
}

GBytes *
mq_playlist_list_get_keys (MqPlaylistList *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_LIST (self), NULL);

  return self->keys;
}

MqNameRanks *
mq_playlist_list_get_name_ranks (MqPlaylistList *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_LIST (self), NULL);

  return self->name_ranks;
}

MqPlaylist *
mq_playlist_list_lookup (MqPlaylistList *self,
                         gint64          id)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_LIST (self), NULL);

  return mq_playlist_index_lookup (self->by_id, id);
}
