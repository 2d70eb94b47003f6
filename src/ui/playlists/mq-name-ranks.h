/* mq-name-ranks.h: the order of the names of one list of playlists, made once
 *
 * Collating 100,000 names takes a worker a while; comparing two numbers takes nothing.
 * A list's playlists are ranked by name in one go, in a worker, and the ranks kept
 * with the list, not with the playlists: lists share playlists (a new list keeps those
 * that did not change), and a playlist must not change while another thread reads it.
 * Immutable once made: share it between threads by reference.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-playlist.h"

G_BEGIN_DECLS

typedef struct _MqNameRanks MqNameRanks;

/* Ranks the names of @by_id, playlists sorted by id (mq_playlist_index_new()),
 * ignoring case; names that collate alike share a rank. @by_id is referenced, not
 * copied: no one may change it, and it must hold references to its playlists. */
MqNameRanks *mq_name_ranks_new     (GPtrArray   *by_id);
MqNameRanks *mq_name_ranks_ref     (MqNameRanks *self);
void         mq_name_ranks_unref   (MqNameRanks *self);

/* The rank of @playlist (this very object), or FALSE when it was not ranked. */
gboolean     mq_name_ranks_lookup  (MqNameRanks *self,
                                    MqPlaylist  *playlist,
                                    guint32     *rank);
/* <0, 0, >0 as the name of @a collates before, with or after that of @b, ignoring
 * case: by rank when @self (or NULL) ranked both, else by collation key. */
int          mq_name_ranks_compare (MqNameRanks *self,
                                    MqPlaylist  *a,
                                    MqPlaylist  *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqNameRanks, mq_name_ranks_unref)

G_END_DECLS
