/* mq-entry-row.h: one entry of a playlist in the detail pane
 *
 * Its position, thumbnail (or the kind's icon until one arrives), name, and a subtitle
 * with kind, duration, play rule and weekdays; a sound icon; a nested playlist's row is
 * activatable and leads to that playlist. An entry whose schedule Marquee cannot read
 * is marked "Unknown schedule".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mq-playlist-entry.h"
#include "mq-thumbnail-cache.h"

G_BEGIN_DECLS

#define MQ_TYPE_ENTRY_ROW (mq_entry_row_get_type ())

G_DECLARE_FINAL_TYPE (MqEntryRow, mq_entry_row, MQ, ENTRY_ROW, AdwActionRow)

/* @position: 1-based place in playback order. @nested_playlist_name: the name of the
 * nested playlist, when the entry is one and the name is known. */
GtkWidget       *mq_entry_row_new               (MqPlaylistEntry  *entry,
                                                 guint             position,
                                                 const char       *nested_playlist_name);
MqPlaylistEntry *mq_entry_row_get_entry         (MqEntryRow       *self);

/* Starts loading the media file's thumbnail, once; a no-op for nested playlists. The
 * load is abandoned when the row goes away. */
void             mq_entry_row_request_thumbnail (MqEntryRow       *self,
                                                 MqThumbnailCache *cache);
gboolean         mq_entry_row_has_thumbnail     (MqEntryRow       *self);

/* Whether the entry plays at the moment the detail shows. One that does not is dimmed
 * and says why in its accessible description: @note, "Not playing at …". */
void             mq_entry_row_set_playing       (MqEntryRow       *self,
                                                 gboolean          playing,
                                                 const char       *note);
gboolean         mq_entry_row_get_playing       (MqEntryRow       *self);

G_END_DECLS
