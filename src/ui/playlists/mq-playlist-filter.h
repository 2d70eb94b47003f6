/* mq-playlist-filter.h: search as you type over name, comment, label and id
 *
 * Every whitespace-separated term of the query must occur in the playlist's search key
 * (mq-playlist-display.h), case- and accent-insensitively. A query that only grows
 * (more letters, more terms) is announced as GTK_FILTER_CHANGE_MORE_STRICT and one that
 * only shrinks as LESS_STRICT, so that the filter model re-checks only what can change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MQ_TYPE_PLAYLIST_FILTER (mq_playlist_filter_get_type ())

G_DECLARE_FINAL_TYPE (MqPlaylistFilter, mq_playlist_filter, MQ, PLAYLIST_FILTER, GtkFilter)

MqPlaylistFilter *mq_playlist_filter_new       (void);

/* Property "query" (string): as typed. */
const char       *mq_playlist_filter_get_query (MqPlaylistFilter *self);
void              mq_playlist_filter_set_query (MqPlaylistFilter *self,
                                                const char       *query);
/* What gtk_filter_match() does with a playlist, on its search key
 * (mq_playlist_display_get_search_key()): for lists that keep the keys at hand. */
gboolean          mq_playlist_filter_match_key (MqPlaylistFilter *self,
                                                const char       *search_key);
/* The same for @n_keys keys laid one after the other in @keys, each ended by a NUL,
 * the i-th at @keys + @starts[i]: appends the indexes of those that match to @matches
 * (of guint), ascending. */
void              mq_playlist_filter_match_keys (MqPlaylistFilter *self,
                                                 const char       *keys,
                                                 gsize             length,
                                                 const guint32    *starts,
                                                 guint             n_keys,
                                                 GArray           *matches);

/* The same for the keys at the indexes in @candidates (of guint, ascending): appends
 * those that match to @matches. */
void              mq_playlist_filter_match_some (MqPlaylistFilter *self,
                                                 const char       *keys,
                                                 const guint32    *starts,
                                                 GArray           *candidates,
                                                 GArray           *matches);
/* The query folded (mq_search_fold()), its terms joined by single spaces: "" for none. */
const char       *mq_playlist_filter_get_folded (MqPlaylistFilter *self);
/* Whether the query is @folded (as mq_playlist_filter_get_folded() gives it) or
 * narrower: whatever it matches, @folded matches too. */
gboolean          mq_playlist_filter_narrows    (MqPlaylistFilter *self,
                                                 const char       *folded);

G_END_DECLS
