/* mq-playlist-format.h: a playlist's type, flags and count in words
 *
 * Pure functions, tested without a window. Entries, durations, times and search have
 * files of their own: mq-entry-kind.h, mq-format-duration.h, mq-format-time.h,
 * mq-format-schedule.h, mq-search-fold.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mq-playlist.h"

G_BEGIN_DECLS

/* The playlist's type code, named where viewneo documents it. */
char        *mq_format_playlist_type        (int              type);

/* "Shared, Default", or "None". */
char        *mq_format_playlist_flags       (MqPlaylistFlags  flags);

/* "3,402 playlists" or "12 of 3,402 playlists" (@shown == @total: the first). */
char        *mq_format_playlist_count       (guint            shown,
                                             guint            total);

G_END_DECLS
