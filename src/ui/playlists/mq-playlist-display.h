/* mq-playlist-display.h: what the list shows and searches for a playlist, made once
 *
 * The search and sort keys are computed by mq_playlist_display_prepare(), in a worker
 * thread before the playlist is shown, so that neither a keystroke nor a sort does any
 * Unicode work per playlist. The texts of the Type and Updated columns are made the
 * first time a row shows them, on the main thread, and kept with the playlist.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-playlist.h"

G_BEGIN_DECLS

/* Safe in any thread for a playlist that no other thread uses yet. */
void        mq_playlist_display_prepare            (MqPlaylist *playlist);

/* Name, comment, label and id, folded with mq_search_fold(), one per line. */
const char *mq_playlist_display_get_search_key     (MqPlaylist *playlist);
/* g_utf8_collate_key() of the case-folded name: compare with strcmp(). */
const char *mq_playlist_display_get_collate_key    (MqPlaylist *playlist);

const char *mq_playlist_display_get_type_text      (MqPlaylist *playlist);
/* Relative to @now_unix, remade at most once a minute; "" without a date. */
const char *mq_playlist_display_get_updated_text   (MqPlaylist *playlist,
                                                    gint64      now_unix);
/* The exact date and time; NULL without a date. */
const char *mq_playlist_display_get_updated_tooltip (MqPlaylist *playlist);

G_END_DECLS
