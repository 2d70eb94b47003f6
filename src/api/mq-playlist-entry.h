/* mq-playlist-entry.h: one entry of a playlist, a media file or a nested playlist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-media-file.h"

G_BEGIN_DECLS

#define MQ_TYPE_PLAYLIST_ENTRY (mq_playlist_entry_get_type ())

G_DECLARE_FINAL_TYPE (MqPlaylistEntry, mq_playlist_entry, MQ, PLAYLIST_ENTRY, GObject)

typedef enum
{
  MQ_PLAY_RULE_SCHEDULED = 0,
  MQ_PLAY_RULE_ALWAYS    = 1,
  MQ_PLAY_RULE_NEVER     = 2,
} MqPlayRule;

/* viewneo's weekday bitmask: Sun=1, Mon=2, ... Sat=64. */
typedef enum /*< flags >*/
{
  MQ_WEEKDAYS_NONE      = 0,
  MQ_WEEKDAYS_SUNDAY    = 1 << 0,
  MQ_WEEKDAYS_MONDAY    = 1 << 1,
  MQ_WEEKDAYS_TUESDAY   = 1 << 2,
  MQ_WEEKDAYS_WEDNESDAY = 1 << 3,
  MQ_WEEKDAYS_THURSDAY  = 1 << 4,
  MQ_WEEKDAYS_FRIDAY    = 1 << 5,
  MQ_WEEKDAYS_SATURDAY  = 1 << 6,
  MQ_WEEKDAYS_ALL       = 0x7f,
} MqWeekdays;

/* Fails (MQ_API_ERROR_PROTOCOL) only without a usable `id`. */
MqPlaylistEntry *mq_playlist_entry_new_from_json   (JsonObject      *object,
                                                    GError         **error);
void             mq_playlist_entry_serialize       (MqPlaylistEntry *self,
                                                    JsonBuilder     *builder);

gint64           mq_playlist_entry_get_id          (MqPlaylistEntry *self);
int              mq_playlist_entry_get_index       (MqPlaylistEntry *self);
guint            mq_playlist_entry_get_duration    (MqPlaylistEntry *self);
gboolean         mq_playlist_entry_get_sound_played (MqPlaylistEntry *self);
/* MQ_PLAY_RULE_ALWAYS when missing or unreadable. */
MqPlayRule       mq_playlist_entry_get_play_rule   (MqPlaylistEntry *self);
/* "YYYY-MM-DD" / "HH:MM:SS" as sent, or NULL. */
const char      *mq_playlist_entry_get_start_date  (MqPlaylistEntry *self);
const char      *mq_playlist_entry_get_end_date    (MqPlaylistEntry *self);
const char      *mq_playlist_entry_get_start_time  (MqPlaylistEntry *self);
const char      *mq_playlist_entry_get_end_time    (MqPlaylistEntry *self);
/* As sent (0 means every day, as missing does), bits above Saturday dropped. */
MqWeekdays       mq_playlist_entry_get_weekdays    (MqPlaylistEntry *self);
/* FALSE when `play_rule` came but is not 0, 1 or 2, or when the play rule is 0 and
 * `weekdays` is not a mask of 0..127 or a date or time member is not a string: the
 * getters above then give a harmless reading, and the schedule (mq-schedule.h) calls
 * the entry unknown. Written back (serialize) as `play_rule` -1, to read back the same. */
gboolean         mq_playlist_entry_has_valid_rule  (MqPlaylistEntry *self);
gint64           mq_playlist_entry_get_playlist_id (MqPlaylistEntry *self);
/* Exactly one of these two is non-zero for a well-formed entry. */
gint64           mq_playlist_entry_get_media_file_id (MqPlaylistEntry *self);
gint64           mq_playlist_entry_get_nested_playlist_id (MqPlaylistEntry *self);
/* The embedded `media_file`, or NULL. */
MqMediaFile     *mq_playlist_entry_get_media_file  (MqPlaylistEntry *self);

G_END_DECLS
