/* mq-name-ranks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <stdlib.h>
#include <string.h>

#include "mq-name-ranks.h"
#include "mq-playlist-display.h"

struct _MqNameRanks
{
  GPtrArray *by_id;
  guint32   *ranks;  /* of by_id's playlists, in its order */
};

typedef struct
{
  char  *key;
  guint  index;
} RankItem;

static int
compare_rank_items (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (((const RankItem *) a)->key, ((const RankItem *) b)->key);
}

MqNameRanks *
mq_name_ranks_new (GPtrArray *by_id)
{
  MqNameRanks *self;
  g_autofree RankItem *items = NULL;
  guint32 rank = 0;

  g_return_val_if_fail (by_id != NULL, NULL);

  self = g_atomic_rc_box_new0 (MqNameRanks);
  self->by_id = g_ptr_array_ref (by_id);
  self->ranks = g_new (guint32, MAX (by_id->len, 1));

  /* qsort () may not be passed the NULL that g_new () returns for no items. */
  if (by_id->len == 0)
    return self;

  /* The collation keys only while ranking: in most locales they are several times
   * the name's size. */
  items = g_new (RankItem, by_id->len);
  for (guint i = 0; i < by_id->len; i++)
    {
      items[i].key = mq_playlist_display_dup_collate_key (g_ptr_array_index (by_id, i));
      items[i].index = i;
    }

  qsort (items, by_id->len, sizeof (RankItem), compare_rank_items);

  for (guint i = 0; i < by_id->len; i++)
    {
      if (i > 0 && strcmp (items[i - 1].key, items[i].key) != 0)
        rank++;
      self->ranks[items[i].index] = rank;
    }

  for (guint i = 0; i < by_id->len; i++)
    g_free (items[i].key);

  return self;
}

MqNameRanks *
mq_name_ranks_ref (MqNameRanks *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
name_ranks_clear (MqNameRanks *self)
{
  g_ptr_array_unref (self->by_id);
  g_free (self->ranks);
}

void
mq_name_ranks_unref (MqNameRanks *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) name_ranks_clear);
}

gboolean
mq_name_ranks_lookup (MqNameRanks *self,
                      MqPlaylist  *playlist,
                      guint32     *rank)
{
  gint64 id;
  guint low;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (MQ_IS_PLAYLIST (playlist), FALSE);

  /* Among the playlists with its id (a server may repeat one), this very one. */
  id = mq_playlist_get_id (playlist);
  low = mq_playlist_index_bisect (self->by_id, id);
  for (guint i = low; i < self->by_id->len; i++)
    {
      MqPlaylist *candidate = g_ptr_array_index (self->by_id, i);

      if (mq_playlist_get_id (candidate) != id)
        break;
      if (candidate == playlist)
        {
          *rank = self->ranks[i];
          return TRUE;
        }
    }

  return FALSE;
}

int
mq_name_ranks_compare (MqNameRanks *self,
                       MqPlaylist  *a,
                       MqPlaylist  *b)
{
  guint32 rank_a, rank_b;

  if (self != NULL && mq_name_ranks_lookup (self, a, &rank_a) && mq_name_ranks_lookup (self, b, &rank_b))
    return (rank_a > rank_b) - (rank_a < rank_b);

  return strcmp (mq_playlist_display_get_collate_key (a), mq_playlist_display_get_collate_key (b));
}
