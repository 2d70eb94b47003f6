/* mq-playlist.h: a viewneo playlist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MQ_TYPE_PLAYLIST (mq_playlist_get_type ())

G_DECLARE_FINAL_TYPE (MqPlaylist, mq_playlist, MQ, PLAYLIST, GObject)

/**
 * MqPlaylistFlags: the 0|1 (or boolean) flags of a playlist, in one field so that
 * 100,000 playlists stay small.
 */
typedef enum /*< flags >*/
{
  MQ_PLAYLIST_FLAGS_NONE       = 0,
  MQ_PLAYLIST_FLAGS_SHARED     = 1 << 0,
  MQ_PLAYLIST_FLAGS_DEFAULT    = 1 << 1,
  MQ_PLAYLIST_FLAGS_DEMO       = 1 << 2,
  MQ_PLAYLIST_FLAGS_ADVERTISED = 1 << 3,
} MqPlaylistFlags;

/* Parsing is tolerant (see API.md): numbers or numeric strings, 0/1 or booleans, nulls,
 * unknown members ignored. Only a missing or unusable `id` or `name` fails, with
 * MQ_API_ERROR_PROTOCOL, so that the caller can skip and count the item. */
MqPlaylist      *mq_playlist_new_from_json        (JsonObject   *object,
                                                   GError      **error);
/* Writes the object back in viewneo's own field names (cache and JSON export). */
void             mq_playlist_serialize            (MqPlaylist   *self,
                                                   JsonBuilder  *builder);

gint64           mq_playlist_get_id               (MqPlaylist   *self);
const char      *mq_playlist_get_name             (MqPlaylist   *self);
const char      *mq_playlist_get_comment          (MqPlaylist   *self);
const char      *mq_playlist_get_label            (MqPlaylist   *self);
gint64           mq_playlist_get_company_id       (MqPlaylist   *self);
/* Local time as sent by the server ("YYYY-MM-DD HH:MM:SS"), or NULL; a new
 * GDateTime each time: a playlist keeps only the number, 100,000 of them being small. */
GDateTime       *mq_playlist_dup_created_at       (MqPlaylist   *self);
GDateTime       *mq_playlist_dup_updated_at       (MqPlaylist   *self);
/* g_date_time_to_unix() of the above, or G_MININT64 without a date: for sorting
 * 100,000 playlists by date without a GDateTime for each. */
gint64           mq_playlist_get_updated_at_unix  (MqPlaylist   *self);
guint            mq_playlist_get_number_of_entries (MqPlaylist  *self);
guint            mq_playlist_get_playback_entry_count (MqPlaylist *self);
int              mq_playlist_get_playback_order   (MqPlaylist   *self);
int              mq_playlist_get_playback_rule    (MqPlaylist   *self);
int              mq_playlist_get_playlist_type    (MqPlaylist   *self);
MqPlaylistFlags  mq_playlist_get_flags            (MqPlaylist   *self);
guint            mq_playlist_get_events_count     (MqPlaylist   *self);
/* A GListModel of MqPlaylistEntry in playback order (ascending `index`), or NULL when
 * the object came from the list call, which does not carry entries. */
GListModel      *mq_playlist_get_entries          (MqPlaylist   *self);
/* Sum of the entries' durations in seconds, 0 without entries. */
guint            mq_playlist_get_total_duration   (MqPlaylist   *self);

/* TRUE when both have the same value in every field that parsing sets (a NULL comment
 * is not an empty one). FALSE when either has entries: a full playlist is never taken
 * for a list item. What whoever holds the playlist sets later is not compared. */
gboolean         mq_playlist_equal                (MqPlaylist   *a,
                                                   MqPlaylist   *b);

/* An index: an array of playlists sorted by ascending id (a server may repeat an id;
 * those keep their order), holding a reference to each. Any thread, for arrays no
 * other thread changes. */
GPtrArray       *mq_playlist_index_new            (GPtrArray    *playlists);
/* The position of the first playlist of @index with @id, or of the first after it. */
guint            mq_playlist_index_bisect         (GPtrArray    *index,
                                                   gint64        id);
/* The first playlist of @index with @id, or NULL. */
MqPlaylist      *mq_playlist_index_lookup         (GPtrArray    *index,
                                                   gint64        id);

G_END_DECLS
