/* mq-nested-playlists.h: fetching playlists with the playlists nested in them
 *
 * What plays on a screen group needs its playlist and every playlist nested in it, as
 * deep as the schedule follows nesting. This asks for each of them once, a few at a
 * time, and hands back what it got:
 * - @playlist_ids are fetched at depth 0; ids of 0 and repeated ids are skipped;
 * - a playlist nested in one at depth d is fetched at d + 1 while d + 1 is less than
 *   MQ_SCHEDULE_MAX_DEPTH (deeper ones the schedule never reads);
 * - an id already asked for is not asked for again, so a cycle ends;
 * - at most MQ_NESTED_PLAYLISTS_MAX_IN_FLIGHT requests are under way at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-client.h"

G_BEGIN_DECLS

/* Enough to hide the latency, few enough not to look like a flood to a rate limit of
 * 60 requests a minute. */
#define MQ_NESTED_PLAYLISTS_MAX_IN_FLIGHT 4

typedef enum
{
  /* Every failed fetch is kept in the failures and the others go on. */
  MQ_NESTED_PLAYLISTS_NONE      = 0,
  /* The first failure other than MQ_API_ERROR_NOT_FOUND (a playlist deleted since it
   * was named) stops the fetch, cancels what is under way and is the error of
   * _finish(). A not-found one is kept in the failures. */
  MQ_NESTED_PLAYLISTS_FAIL_FAST = 1 << 0,
} MqNestedPlaylistsFlags;

void        mq_nested_playlists_fetch_async  (MqClient               *client,
                                              const gint64           *playlist_ids,
                                              gsize                   n_playlist_ids,
                                              MqNestedPlaylistsFlags  flags,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
/* A table of gint64 id -> MqPlaylist (with its entries) of every playlist fetched, and
 * in @failures (may be NULL) one of gint64 id -> GError of every one that failed.
 * NULL with @error when cancelled, or with MQ_NESTED_PLAYLISTS_FAIL_FAST on a failure. */
GHashTable *mq_nested_playlists_fetch_finish (GAsyncResult           *result,
                                              GHashTable            **failures,
                                              GError                **error);

G_END_DECLS
