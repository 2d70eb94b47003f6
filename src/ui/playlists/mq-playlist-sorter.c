/* mq-playlist-sorter.c: the order of one column of the playlists list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <stdlib.h>

#include "mq-playlist.h"
#include "mq-playlist-sorter.h"

struct _MqPlaylistSorter
{
  GtkSorter         parent_instance;

  MqPlaylistColumn  column;
  MqNameRanks      *name_ranks;  /* of the list sorted, or NULL */
};

G_DEFINE_FINAL_TYPE (MqPlaylistSorter, mq_playlist_sorter, GTK_TYPE_SORTER)

static GtkOrdering
compare_numbers (gint64 a,
                 gint64 b)
{
  return a < b ? GTK_ORDERING_SMALLER : a > b ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static gint64
get_updated_unix (MqPlaylist *playlist)
{
  /* Playlists without a date (G_MININT64) sort before every dated one. */
  return mq_playlist_get_updated_at_unix (playlist);
}

static GtkOrdering
compare_names (MqPlaylistSorter *self,
               MqPlaylist       *a,
               MqPlaylist       *b)
{
  return gtk_ordering_from_cmpfunc (mq_name_ranks_compare (self->name_ranks, a, b));
}

static GtkOrdering
mq_playlist_sorter_compare (GtkSorter *sorter,
                            gpointer   item1,
                            gpointer   item2)
{
  MqPlaylistSorter *self = MQ_PLAYLIST_SORTER (sorter);
  MqPlaylist *a = item1;
  MqPlaylist *b = item2;
  GtkOrdering order = GTK_ORDERING_EQUAL;

  switch (self->column)
    {
    case MQ_PLAYLIST_COLUMN_NAME:
      order = compare_names (self, a, b);
      break;
    case MQ_PLAYLIST_COLUMN_ENTRIES:
      order = compare_numbers (mq_playlist_get_number_of_entries (a),
                               mq_playlist_get_number_of_entries (b));
      break;
    case MQ_PLAYLIST_COLUMN_TYPE:
      order = compare_numbers (mq_playlist_get_playlist_type (a),
                               mq_playlist_get_playlist_type (b));
      if (order == GTK_ORDERING_EQUAL)
        order = compare_numbers (mq_playlist_get_flags (a), mq_playlist_get_flags (b));
      break;
    case MQ_PLAYLIST_COLUMN_UPDATED:
      order = compare_numbers (get_updated_unix (a), get_updated_unix (b));
      break;
    default:
      g_assert_not_reached ();
    }

  /* Equal values keep a meaningful, stable order: by name, then by id. */
  if (order == GTK_ORDERING_EQUAL && self->column != MQ_PLAYLIST_COLUMN_NAME)
    order = compare_names (self, a, b);
  if (order == GTK_ORDERING_EQUAL)
    order = compare_numbers (mq_playlist_get_id (a), mq_playlist_get_id (b));

  return order;
}

static GtkSorterOrder
mq_playlist_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_TOTAL;
}

static void
mq_playlist_sorter_finalize (GObject *object)
{
  MqPlaylistSorter *self = MQ_PLAYLIST_SORTER (object);

  g_clear_pointer (&self->name_ranks, mq_name_ranks_unref);

  G_OBJECT_CLASS (mq_playlist_sorter_parent_class)->finalize (object);
}

static void
mq_playlist_sorter_class_init (MqPlaylistSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->finalize = mq_playlist_sorter_finalize;
  sorter_class->compare = mq_playlist_sorter_compare;
  sorter_class->get_order = mq_playlist_sorter_get_order;
}

static void
mq_playlist_sorter_init (MqPlaylistSorter *self)
{
}

MqPlaylistSorter *
mq_playlist_sorter_new (MqPlaylistColumn column)
{
  MqPlaylistSorter *self = g_object_new (MQ_TYPE_PLAYLIST_SORTER, NULL);

  self->column = column;

  return self;
}

/* The order stays the same (by name), only faster to find: no ::changed. */
void
mq_playlist_sorter_set_name_ranks (MqPlaylistSorter *self,
                                   MqNameRanks      *name_ranks)
{
  g_return_if_fail (MQ_IS_PLAYLIST_SORTER (self));

  if (name_ranks != NULL)
    mq_name_ranks_ref (name_ranks);
  g_clear_pointer (&self->name_ranks, mq_name_ranks_unref);
  self->name_ranks = name_ranks;
}

MqPlaylistColumn
mq_playlist_sorter_get_column (MqPlaylistSorter *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_SORTER (self), MQ_PLAYLIST_COLUMN_NAME);

  return self->column;
}

/* The comparison of mq_playlist_sorter_compare(), flattened: what it reads of each
 * playlist, read once. */
typedef struct
{
  gint64      primary;
  gint64      secondary;
  gint64      id;
  guint32     name_rank;
  MqPlaylist *playlist;
  gpointer    companion;
} SortKey;

static int
compare_sort_keys (gconstpointer a,
                   gconstpointer b)
{
  const SortKey *x = a;
  const SortKey *y = b;

  if (x->primary != y->primary)
    return x->primary < y->primary ? -1 : 1;
  if (x->secondary != y->secondary)
    return x->secondary < y->secondary ? -1 : 1;
  if (x->name_rank != y->name_rank)
    return x->name_rank < y->name_rank ? -1 : 1;

  return (x->id > y->id) - (x->id < y->id);
}

/* The keys; FALSE when @name_ranks (or NULL) did not rank every name. */
static gboolean
make_sort_keys (GPtrArray        *playlists,
                gpointer         *companions,
                MqNameRanks      *name_ranks,
                MqPlaylistColumn  column,
                SortKey          *keys)
{
  gboolean ranked = name_ranks != NULL;

  for (guint i = 0; i < playlists->len; i++)
    {
      MqPlaylist *playlist = g_ptr_array_index (playlists, i);
      SortKey *key = &keys[i];

      key->playlist = playlist;
      key->companion = companions != NULL ? companions[i] : NULL;
      if (!ranked)
        continue;

      if (!mq_name_ranks_lookup (name_ranks, playlist, &key->name_rank))
        {
          ranked = FALSE;
          continue;
        }

      key->id = mq_playlist_get_id (playlist);
      key->secondary = 0;
      switch (column)
        {
        case MQ_PLAYLIST_COLUMN_NAME:
          key->primary = 0;
          break;
        case MQ_PLAYLIST_COLUMN_ENTRIES:
          key->primary = mq_playlist_get_number_of_entries (playlist);
          break;
        case MQ_PLAYLIST_COLUMN_TYPE:
          key->primary = mq_playlist_get_playlist_type (playlist);
          key->secondary = mq_playlist_get_flags (playlist);
          break;
        case MQ_PLAYLIST_COLUMN_UPDATED:
          key->primary = get_updated_unix (playlist);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return ranked;
}

void
mq_playlist_sort (GPtrArray        *playlists,
                  gpointer         *companions,
                  MqNameRanks      *name_ranks,
                  MqPlaylistColumn  column,
                  GtkSortType       direction)
{
  g_autofree SortKey *keys = NULL;
  guint n;

  g_return_if_fail (playlists != NULL);

  /* qsort () may not be passed the NULL that g_new () returns for no items. */
  if (playlists->len == 0)
    return;

  n = playlists->len;
  keys = g_new (SortKey, n);
  if (!make_sort_keys (playlists, companions, name_ranks, column, keys))
    {
      /* Names not ranked together: ranked here, which any thread may do. */
      g_autoptr(GPtrArray) by_id = mq_playlist_index_new (playlists);
      g_autoptr(MqNameRanks) own_ranks = mq_name_ranks_new (by_id);

      make_sort_keys (playlists, companions, own_ranks, column, keys);
    }
  qsort (keys, n, sizeof (SortKey), compare_sort_keys);

  /* The order is total (ids differ), so the descending order is the ascending one
   * reversed, as a column view sorter makes it. */
  for (guint i = 0; i < n; i++)
    {
      const SortKey *key = &keys[direction == GTK_SORT_DESCENDING ? n - 1 - i : i];

      playlists->pdata[i] = key->playlist;
      if (companions != NULL)
        companions[i] = key->companion;
    }
}
