/* mq-playlist-sorter.c: the order of one column of the playlists list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <string.h>

#include "mq-playlist.h"
#include "mq-playlist-display.h"
#include "mq-playlist-sorter.h"

struct _MqPlaylistSorter
{
  GtkSorter         parent_instance;

  MqPlaylistColumn  column;
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
  GDateTime *updated = mq_playlist_get_updated_at (playlist);

  /* Playlists without a date sort before every dated one. */
  return updated != NULL ? g_date_time_to_unix (updated) : G_MININT64;
}

static GtkOrdering
compare_names (MqPlaylist *a,
               MqPlaylist *b)
{
  return gtk_ordering_from_cmpfunc (strcmp (mq_playlist_display_get_collate_key (a),
                                            mq_playlist_display_get_collate_key (b)));
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
      order = compare_names (a, b);
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
    order = compare_names (a, b);
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
mq_playlist_sorter_class_init (MqPlaylistSorterClass *klass)
{
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

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

MqPlaylistColumn
mq_playlist_sorter_get_column (MqPlaylistSorter *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_SORTER (self), MQ_PLAYLIST_COLUMN_NAME);

  return self->column;
}
