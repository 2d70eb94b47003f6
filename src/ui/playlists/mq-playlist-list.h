/* mq-playlist-list.h: the playlists of one load, filtered, as a list model and by id
 *
 * A GListModel over arrays made in a worker: the whole list is replaced at once (one
 * items-changed, no per-item work on the main thread), items are reached in constant
 * time, and each takes two pointers. It filters itself with an MqPlaylistFilter on the
 * search keys it is given beside the playlists, one block of text in list order
 * (mq_playlist_list_make_keys()), so that a keystroke reads them in a row and touches
 * no playlist: 100,000 are filtered in milliseconds. The matches of a query are kept
 * while it is typed on: a longer query looks only at what the shorter matched, when
 * that is few, and a backspace takes up the shorter one's again. The index by id is an
 * array sorted by id (mq_playlist_index_new()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mq-name-ranks.h"
#include "mq-playlist.h"
#include "mq-playlist-filter.h"

G_BEGIN_DECLS

#define MQ_TYPE_PLAYLIST_LIST (mq_playlist_list_get_type ())

G_DECLARE_FINAL_TYPE (MqPlaylistList, mq_playlist_list, MQ, PLAYLIST_LIST, GObject)

/* @filter: what the list shows of its playlists, or NULL for all. */
MqPlaylistList *mq_playlist_list_new            (MqPlaylistFilter *filter);

/* Replaces the contents with @playlists in that order, @keys their search keys (or
 * NULL to make them here), @by_id the same playlists sorted by id, holding references
 * (or NULL to sort them here), and @name_ranks the ranks of their names made from
 * @by_id (or NULL to rank them here, slow for a large list). What is given is kept:
 * none may change afterwards. NULL for all four empties the list. */
void            mq_playlist_list_set            (MqPlaylistList   *self,
                                                 GPtrArray        *playlists,
                                                 GBytes           *keys,
                                                 GPtrArray        *by_id,
                                                 MqNameRanks      *name_ranks);

/* Signal ::matches-found, before a change of the filter changes the items: the
 * moment for mq_playlist_list_count_kept_head(). */
/* Of the first @n items the list is about to show, how many are among its first @n
 * now; @n_found: where to put how many it is about to show, or NULL. Only in a
 * handler of ::matches-found. */
guint           mq_playlist_list_count_kept_head (MqPlaylistList *self,
                                                  guint           n,
                                                  guint          *n_found);

/* Only in a handler of ::matches-found: the change is told in one items-changed, not
 * in two that keep the row where the lists first differ. For a view that shows only
 * the first rows of the list (a slice of it), where the first step would make rows
 * that the second drops. */
void            mq_playlist_list_announce_at_once (MqPlaylistList *self);

/* All the playlists, whether they match the filter or not. */
guint           mq_playlist_list_get_n_playlists (MqPlaylistList  *self);
/* The arrays given to mq_playlist_list_set(), not to be changed. */
GPtrArray      *mq_playlist_list_get_playlists  (MqPlaylistList   *self);
GPtrArray      *mq_playlist_list_get_index      (MqPlaylistList   *self);
GBytes         *mq_playlist_list_get_keys       (MqPlaylistList   *self);
MqNameRanks    *mq_playlist_list_get_name_ranks (MqPlaylistList   *self);
/* The playlist with @id, shown or not, or NULL. */
MqPlaylist     *mq_playlist_list_lookup         (MqPlaylistList   *self,
                                                 gint64            id);

/* The search keys of @playlists, as mq_playlist_list_set() wants @keys
 * (mq_playlist_display_append_search_key(), each ended by a NUL). Any thread, for
 * arrays no other thread changes. */
GBytes         *mq_playlist_list_make_keys      (GPtrArray        *playlists);

G_END_DECLS
