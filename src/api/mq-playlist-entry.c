/* mq-playlist-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <glib/gi18n-lib.h>

#include "mq-api-error.h"
#include "mq-json-private.h"
#include "mq-playlist-entry.h"

struct _MqPlaylistEntry
{
  GObject parent_instance;

  gint64 id;
  gint64 playlist_id;
  gint64 media_file_id;
  gint64 nested_playlist_id;
  MqMediaFile *media_file;
  char *start_date;
  char *end_date;
  char *start_time;
  char *end_time;
  int index;
  guint duration;
  guint8 play_rule;
  guint8 weekdays;
  guint sound_played : 1;
};

G_DEFINE_FINAL_TYPE (MqPlaylistEntry, mq_playlist_entry, G_TYPE_OBJECT)

static void
mq_playlist_entry_finalize (GObject *object)
{
  MqPlaylistEntry *self = (MqPlaylistEntry *) object;

  g_clear_object (&self->media_file);
  g_clear_pointer (&self->start_date, g_free);
  g_clear_pointer (&self->end_date, g_free);
  g_clear_pointer (&self->start_time, g_free);
  g_clear_pointer (&self->end_time, g_free);

  G_OBJECT_CLASS (mq_playlist_entry_parent_class)->finalize (object);
}

static void
mq_playlist_entry_class_init (MqPlaylistEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mq_playlist_entry_finalize;
}

static void
mq_playlist_entry_init (MqPlaylistEntry *self)
{
}

MqPlaylistEntry *
mq_playlist_entry_new_from_json (JsonObject  *object,
                                 GError     **error)
{
  MqPlaylistEntry *self;
  JsonObject *media_file;
  gint64 id;
  gint64 value;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!mq_json_get_int (object, "id", &id) || id <= 0)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("A playlist entry from the server has no valid id."));
      return NULL;
    }

  self = g_object_new (MQ_TYPE_PLAYLIST_ENTRY, NULL);
  self->id = id;
  self->index = (int) CLAMP (mq_json_get_int_or (object, "index", 0), G_MININT, G_MAXINT);
  self->duration = mq_json_get_uint_or (object, "duration", 0);
  self->sound_played = mq_json_get_bool (object, "is_sound_played", FALSE);

  /* Missing or unknown rules play always: that is what an entry without a schedule does. */
  value = mq_json_get_int_or (object, "play_rule", MQ_PLAY_RULE_ALWAYS);
  self->play_rule = (value >= MQ_PLAY_RULE_SCHEDULED && value <= MQ_PLAY_RULE_NEVER)
                    ? value : MQ_PLAY_RULE_ALWAYS;

  self->start_date = g_strdup (mq_json_get_string (object, "start_date"));
  self->end_date = g_strdup (mq_json_get_string (object, "end_date"));
  self->start_time = g_strdup (mq_json_get_string (object, "start_time"));
  self->end_time = g_strdup (mq_json_get_string (object, "end_time"));
  self->weekdays = mq_json_get_int_or (object, "weekdays", MQ_WEEKDAYS_ALL) & MQ_WEEKDAYS_ALL;
  self->playlist_id = MAX (mq_json_get_int_or (object, "playlist_id", 0), 0);
  self->media_file_id = MAX (mq_json_get_int_or (object, "media_file_id", 0), 0);
  self->nested_playlist_id = MAX (mq_json_get_int_or (object, "playlist_id_as_nested_playlist", 0), 0);

  media_file = mq_json_get_object (object, "media_file");
  if (media_file != NULL)
    {
      g_autoptr(GError) media_error = NULL;

      self->media_file = mq_media_file_new_from_json (media_file, &media_error);
      if (self->media_file == NULL)
        g_debug ("Entry %" G_GINT64_FORMAT ": ignoring its media file: %s", id, media_error->message);
      else if (self->media_file_id == 0)
        self->media_file_id = mq_media_file_get_id (self->media_file);
    }

  return self;
}

void
mq_playlist_entry_serialize (MqPlaylistEntry *self,
                             JsonBuilder     *builder)
{
  g_return_if_fail (MQ_IS_PLAYLIST_ENTRY (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  mq_json_builder_add_int (builder, "id", self->id);
  mq_json_builder_add_int (builder, "index", self->index);
  mq_json_builder_add_int (builder, "duration", self->duration);
  mq_json_builder_add_int (builder, "is_sound_played", self->sound_played);
  mq_json_builder_add_int (builder, "play_rule", self->play_rule);
  mq_json_builder_add_string (builder, "start_date", self->start_date, TRUE);
  mq_json_builder_add_string (builder, "end_date", self->end_date, TRUE);
  mq_json_builder_add_string (builder, "start_time", self->start_time, TRUE);
  mq_json_builder_add_string (builder, "end_time", self->end_time, TRUE);
  mq_json_builder_add_int (builder, "weekdays", self->weekdays);
  if (self->playlist_id != 0)
    mq_json_builder_add_int (builder, "playlist_id", self->playlist_id);
  json_builder_set_member_name (builder, "media_file_id");
  if (self->media_file_id != 0)
    json_builder_add_int_value (builder, self->media_file_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "playlist_id_as_nested_playlist");
  if (self->nested_playlist_id != 0)
    json_builder_add_int_value (builder, self->nested_playlist_id);
  else
    json_builder_add_null_value (builder);
  if (self->media_file != NULL)
    {
      json_builder_set_member_name (builder, "media_file");
      mq_media_file_serialize (self->media_file, builder);
    }
  json_builder_end_object (builder);
}

gint64
mq_playlist_entry_get_id (MqPlaylistEntry *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (self), 0);
  return self->id;
}

int
mq_playlist_entry_get_index (MqPlaylistEntry *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (self), 0);
  return self->index;
}

guint
mq_playlist_entry_get_duration (MqPlaylistEntry *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (self), 0);
  return self->duration;
}

gboolean
mq_playlist_entry_get_sound_played (MqPlaylistEntry *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (self), FALSE);
  return self->sound_played;
}

MqPlayRule
mq_playlist_entry_get_play_rule (MqPlaylistEntry *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (self), MQ_PLAY_RULE_ALWAYS);
  return self->play_rule;
}

const char *
mq_playlist_entry_get_start_date (MqPlaylistEntry *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (self), NULL);
  return self->start_date;
}

const char *
mq_playlist_entry_get_end_date (MqPlaylistEntry *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (self), NULL);
  return self->end_date;
}

const char *
mq_playlist_entry_get_start_time (MqPlaylistEntry *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (self), NULL);
  return self->start_time;
}

const char *
mq_playlist_entry_get_end_time (MqPlaylistEntry *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (self), NULL);
  return self->end_time;
}

MqWeekdays
mq_playlist_entry_get_weekdays (MqPlaylistEntry *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (self), MQ_WEEKDAYS_NONE);
  return self->weekdays;
}

gint64
mq_playlist_entry_get_playlist_id (MqPlaylistEntry *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (self), 0);
  return self->playlist_id;
}

gint64
mq_playlist_entry_get_media_file_id (MqPlaylistEntry *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (self), 0);
  return self->media_file_id;
}

gint64
mq_playlist_entry_get_nested_playlist_id (MqPlaylistEntry *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (self), 0);
  return self->nested_playlist_id;
}

MqMediaFile *
mq_playlist_entry_get_media_file (MqPlaylistEntry *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (self), NULL);
  return self->media_file;
}
