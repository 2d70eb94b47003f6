/* mq-playlist-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <glib/gi18n-lib.h>

#include "mq-api-error.h"
#include "mq-models-private.h"

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
  /* A schedule that was sent but cannot be read (see mq_playlist_entry_has_valid_rule()):
   * the getters give a harmless reading, the schedule says it cannot tell. */
  guint unreadable_rule : 1;
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

enum {
  KEY_ID, KEY_INDEX, KEY_DURATION, KEY_IS_SOUND_PLAYED, KEY_PLAY_RULE, KEY_START_DATE,
  KEY_END_DATE, KEY_START_TIME, KEY_END_TIME, KEY_WEEKDAYS, KEY_PLAYLIST_ID,
  KEY_MEDIA_FILE_ID, KEY_NESTED_PLAYLIST_ID, KEY_MEDIA_FILE,
};

static const char * const keys[] = {
  "id", "index", "duration", "is_sound_played", "play_rule", "start_date", "end_date",
  "start_time", "end_time", "weekdays", "playlist_id", "media_file_id",
  "playlist_id_as_nested_playlist", "media_file", NULL
};

static void
replace_string (char              **field,
                const MqJsonValue  *value,
                gboolean           *unreadable)
{
  g_free (*field);
  *field = mq_json_value_dup_string (value);
  if (*field == NULL && value->kind != MQ_JSON_KIND_NULL)
    *unreadable = TRUE;
}

MqPlaylistEntry *
mq_playlist_entry_new_from_value (const MqJsonValue  *object,
                                  GError            **error)
{
  g_autoptr(MqPlaylistEntry) self = g_object_new (MQ_TYPE_PLAYLIST_ENTRY, NULL);
  gint64 play_rule = MQ_PLAY_RULE_ALWAYS;
  gboolean bad_fields = FALSE;
  MqJsonValue media_file = { 0, };
  MqJsonIter iter;
  MqJsonValue value;
  const char *key;

  g_return_val_if_fail (object != NULL && object->kind == MQ_JSON_KIND_OBJECT, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->weekdays = MQ_WEEKDAYS_ALL;

  mq_json_iter_init (&iter, object);
  while (mq_json_iter_next_member (&iter, &key, &value))
    {
      switch (mq_json_key_index (key, keys))
        {
        case KEY_ID:
          self->id = mq_json_value_get_id (&value);
          break;
        case KEY_INDEX:
          self->index = (int) CLAMP (mq_json_value_get_int_or (&value, 0), G_MININT, G_MAXINT);
          break;
        case KEY_DURATION:
          self->duration = mq_json_value_get_uint_or (&value, 0);
          break;
        case KEY_IS_SOUND_PLAYED:
          self->sound_played = mq_json_value_get_bool (&value, FALSE);
          break;
        case KEY_PLAY_RULE:
          if (value.kind != MQ_JSON_KIND_NULL && !mq_json_value_get_int (&value, &play_rule))
            play_rule = -1;
          else if (value.kind == MQ_JSON_KIND_NULL)
            play_rule = MQ_PLAY_RULE_ALWAYS;
          break;
        case KEY_START_DATE:
          replace_string (&self->start_date, &value, &bad_fields);
          break;
        case KEY_END_DATE:
          replace_string (&self->end_date, &value, &bad_fields);
          break;
        case KEY_START_TIME:
          replace_string (&self->start_time, &value, &bad_fields);
          break;
        case KEY_END_TIME:
          replace_string (&self->end_time, &value, &bad_fields);
          break;
        case KEY_WEEKDAYS:
          {
            gint64 weekdays = MQ_WEEKDAYS_ALL;

            if (value.kind != MQ_JSON_KIND_NULL &&
                (!mq_json_value_get_int (&value, &weekdays) ||
                 weekdays < 0 || weekdays > MQ_WEEKDAYS_ALL))
              bad_fields = TRUE;
            self->weekdays = weekdays & MQ_WEEKDAYS_ALL;
          }
          break;
        case KEY_PLAYLIST_ID:
          self->playlist_id = mq_json_value_get_id (&value);
          break;
        case KEY_MEDIA_FILE_ID:
          self->media_file_id = mq_json_value_get_id (&value);
          break;
        case KEY_NESTED_PLAYLIST_ID:
          self->nested_playlist_id = mq_json_value_get_id (&value);
          break;
        case KEY_MEDIA_FILE:
          media_file = value;
          break;
        default:
          break;
        }
    }
  mq_json_iter_clear (&iter);

  if (self->id <= 0)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("A playlist entry from the server has no valid id."));
      return NULL;
    }

  /* Missing or unknown rules play always: that is what an entry without a schedule does. */
  if (play_rule >= MQ_PLAY_RULE_SCHEDULED && play_rule <= MQ_PLAY_RULE_NEVER)
    {
      self->play_rule = play_rule;
      /* The other fields only matter on a schedule. */
      self->unreadable_rule = play_rule == MQ_PLAY_RULE_SCHEDULED && bad_fields;
    }
  else
    {
      self->play_rule = MQ_PLAY_RULE_ALWAYS;
      self->unreadable_rule = TRUE;
    }

  if (media_file.kind == MQ_JSON_KIND_OBJECT)
    {
      g_autoptr(GError) media_error = NULL;

      self->media_file = mq_media_file_new_from_value (&media_file, &media_error);
      if (self->media_file == NULL)
        g_debug ("Entry %" G_GINT64_FORMAT ": ignoring its media file: %s", self->id, media_error->message);
      else if (self->media_file_id == 0)
        self->media_file_id = mq_media_file_get_id (self->media_file);
    }

  return g_steal_pointer (&self);
}

MqPlaylistEntry *
mq_playlist_entry_new_from_json (JsonObject  *object,
                                 GError     **error)
{
  MqJsonValue value;

  g_return_val_if_fail (object != NULL, NULL);

  mq_json_value_init_object (&value, object);
  return mq_playlist_entry_new_from_value (&value, error);
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
  /* -1 for what was unreadable, so that it reads back as unreadable. */
  mq_json_builder_add_int (builder, "play_rule", self->unreadable_rule ? -1 : self->play_rule);
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

gboolean
mq_playlist_entry_has_valid_rule (MqPlaylistEntry *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (self), FALSE);
  return !self->unreadable_rule;
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
