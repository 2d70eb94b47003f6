/* mq-playlist-sorter.h: the order of one column of the playlists list
 *
 * One sorter for every column, comparing what mq-playlist-display.h precomputed (the
 * name's collation key) or plain numbers, with the id as the final tie-break so that the
 * order is total and stable across reloads.
 *
 * GtkStringSorter would collate every name again on the main thread each time the
 * list is sorted (GTK 4.8 builds all sort keys in one go, not incrementally): with
 * 100,000 playlists that is a visible stall, while strcmp() on keys made in a worker
 * thread is not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mq-name-ranks.h"

G_BEGIN_DECLS

typedef enum
{
  MQ_PLAYLIST_COLUMN_NAME,
  MQ_PLAYLIST_COLUMN_ENTRIES,
  MQ_PLAYLIST_COLUMN_TYPE,
  MQ_PLAYLIST_COLUMN_UPDATED,
} MqPlaylistColumn;

#define MQ_TYPE_PLAYLIST_SORTER (mq_playlist_sorter_get_type ())

G_DECLARE_FINAL_TYPE (MqPlaylistSorter, mq_playlist_sorter, MQ, PLAYLIST_SORTER, GtkSorter)

MqPlaylistSorter *mq_playlist_sorter_new        (MqPlaylistColumn  column);
MqPlaylistColumn  mq_playlist_sorter_get_column (MqPlaylistSorter *self);
/* The ranks of the names of the list sorted (or NULL): names then compare by rank, and
 * only names not ranked by collation key. */
void              mq_playlist_sorter_set_name_ranks (MqPlaylistSorter *self,
                                                     MqNameRanks      *name_ranks);

/* Sorts @playlists as a column view sorted by @column in @direction shows them, with
 * sort keys made once (a list of 100,000 in milliseconds, when @name_ranks ranked them
 * all), and @companions (NULL, or as many pointers, one per playlist) in the same way.
 * Any thread. */
void              mq_playlist_sort              (GPtrArray        *playlists,
                                                 gpointer         *companions,
                                                 MqNameRanks      *name_ranks,
                                                 MqPlaylistColumn  column,
                                                 GtkSortType       direction);

G_END_DECLS
