/* mq-media-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mq-api-error.h"
#include "mq-media-file.h"
#include "mq-models-private.h"

struct _MqMediaFile
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *original_name;
  GRefString *mime_type; /* interned: a few distinct values across many files */
  guint64 file_size;
  guint duration;
  guint width;
  guint height;
  guint8 status;
  guint8 kind;
};

G_DEFINE_FINAL_TYPE (MqMediaFile, mq_media_file, G_TYPE_OBJECT)

static void
mq_media_file_finalize (GObject *object)
{
  MqMediaFile *self = (MqMediaFile *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->original_name, g_free);
  g_clear_pointer (&self->mime_type, g_ref_string_release);

  G_OBJECT_CLASS (mq_media_file_parent_class)->finalize (object);
}

static void
mq_media_file_class_init (MqMediaFileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mq_media_file_finalize;
}

static void
mq_media_file_init (MqMediaFile *self)
{
}

static MqMediaKind
kind_from_type (gboolean    has_type,
                gboolean    type_is_null,
                const char *type,
                const char *mime_type)
{
  const char *slash;

  if (!has_type)
    return MQ_MEDIA_KIND_UNKNOWN;
  if (type_is_null)
    return MQ_MEDIA_KIND_FOLDER;
  if (type == NULL)
    return MQ_MEDIA_KIND_UNKNOWN;

  /* Laravel morph types may be class names, "App\\Models\\PhysicalFile". */
  slash = strrchr (type, '\\');
  if (slash != NULL)
    type = slash + 1;

  if (g_str_equal (type, "Website"))
    return MQ_MEDIA_KIND_WEBSITE;
  if (g_str_equal (type, "Template"))
    return MQ_MEDIA_KIND_TEMPLATE;
  if (g_str_equal (type, "Content"))
    return MQ_MEDIA_KIND_CONTENT;
  if (g_str_equal (type, "PhysicalFile"))
    {
      if (mime_type != NULL && g_ascii_strncasecmp (mime_type, "image/", 6) == 0)
        return MQ_MEDIA_KIND_IMAGE;
      if (mime_type != NULL && g_ascii_strncasecmp (mime_type, "video/", 6) == 0)
        return MQ_MEDIA_KIND_VIDEO;
      return MQ_MEDIA_KIND_FILE;
    }

  return MQ_MEDIA_KIND_UNKNOWN;
}

enum {
  KEY_ID, KEY_NAME, KEY_ORIGINAL_NAME, KEY_MIME_TYPE, KEY_FILE_SIZE, KEY_DURATION,
  KEY_WIDTH, KEY_HEIGHT, KEY_STATUS, KEY_ATTACHABLE_TYPE,
};

static const char * const keys[] = {
  "id", "name", "original_name", "mime_type", "file_size", "duration", "width", "height",
  "status", "attachable_type", NULL
};

MqMediaFile *
mq_media_file_new_from_value (const MqJsonValue  *object,
                              GError            **error)
{
  g_autoptr(MqMediaFile) self = g_object_new (MQ_TYPE_MEDIA_FILE, NULL);
  g_autofree char *type = NULL;
  gboolean has_type = FALSE;
  gboolean type_is_null = FALSE;
  gint64 status = MQ_MEDIA_STATUS_CONVERTED;
  MqJsonIter iter;
  MqJsonValue value;
  const char *key;

  g_return_val_if_fail (object != NULL && object->kind == MQ_JSON_KIND_OBJECT, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A member given twice counts as its last value, as in json-glib. */
  mq_json_iter_init (&iter, object);
  while (mq_json_iter_next_member (&iter, &key, &value))
    {
      switch (mq_json_key_index (key, keys))
        {
        case KEY_ID:
          self->id = mq_json_value_get_id (&value);
          break;
        case KEY_NAME:
          g_free (self->name);
          self->name = mq_json_value_dup_string (&value);
          break;
        case KEY_ORIGINAL_NAME:
          g_free (self->original_name);
          self->original_name = mq_json_value_dup_string (&value);
          break;
        case KEY_MIME_TYPE:
          g_clear_pointer (&self->mime_type, g_ref_string_release);
          self->mime_type = mq_json_value_dup_interned (&value);
          break;
        case KEY_FILE_SIZE:
          self->file_size = (guint64) mq_json_value_get_id (&value);
          break;
        case KEY_DURATION:
          self->duration = mq_json_value_get_uint_or (&value, 0);
          break;
        case KEY_WIDTH:
          self->width = mq_json_value_get_uint_or (&value, 0);
          break;
        case KEY_HEIGHT:
          self->height = mq_json_value_get_uint_or (&value, 0);
          break;
        case KEY_STATUS:
          status = mq_json_value_get_int_or (&value, MQ_MEDIA_STATUS_CONVERTED);
          break;
        case KEY_ATTACHABLE_TYPE:
          has_type = TRUE;
          type_is_null = value.kind == MQ_JSON_KIND_NULL;
          g_free (type);
          type = mq_json_value_dup_string (&value);
          break;
        default:
          break;
        }
    }
  mq_json_iter_clear (&iter);

  if (self->id <= 0)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("A media file from the server has no valid id."));
      return NULL;
    }

  /* A status this client does not know cannot be shown as ready. */
  self->status = (status >= MQ_MEDIA_STATUS_WAITING && status <= MQ_MEDIA_STATUS_CONVERTED)
                 ? status : MQ_MEDIA_STATUS_ERROR;
  self->kind = kind_from_type (has_type, type_is_null, type, self->mime_type);

  return g_steal_pointer (&self);
}

MqMediaFile *
mq_media_file_new_from_json (JsonObject  *object,
                             GError     **error)
{
  MqJsonValue value;

  g_return_val_if_fail (object != NULL, NULL);

  mq_json_value_init_object (&value, object);
  return mq_media_file_new_from_value (&value, error);
}

static const char *
kind_to_attachable_type (MqMediaKind kind)
{
  switch (kind)
    {
    case MQ_MEDIA_KIND_WEBSITE:
      return "Website";
    case MQ_MEDIA_KIND_TEMPLATE:
      return "Template";
    case MQ_MEDIA_KIND_CONTENT:
      return "Content";
    case MQ_MEDIA_KIND_IMAGE:
    case MQ_MEDIA_KIND_VIDEO:
    case MQ_MEDIA_KIND_FILE:
      return "PhysicalFile";
    case MQ_MEDIA_KIND_FOLDER:
    case MQ_MEDIA_KIND_UNKNOWN:
    default:
      return NULL;
    }
}

void
mq_media_file_serialize (MqMediaFile *self,
                         JsonBuilder *builder)
{
  g_return_if_fail (MQ_IS_MEDIA_FILE (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  mq_json_builder_add_int (builder, "id", self->id);
  mq_json_builder_add_string (builder, "name", self->name, TRUE);
  mq_json_builder_add_int (builder, "status", self->status);
  /* An unknown kind writes no member at all, so that it reads back as unknown. */
  if (self->kind != MQ_MEDIA_KIND_UNKNOWN)
    mq_json_builder_add_string (builder, "attachable_type",
                                kind_to_attachable_type (self->kind), TRUE);
  mq_json_builder_add_string (builder, "original_name", self->original_name, FALSE);
  mq_json_builder_add_string (builder, "mime_type", self->mime_type, FALSE);
  mq_json_builder_add_int (builder, "file_size", (gint64) MIN (self->file_size, (guint64) G_MAXINT64));
  mq_json_builder_add_int (builder, "duration", self->duration);
  mq_json_builder_add_int (builder, "width", self->width);
  mq_json_builder_add_int (builder, "height", self->height);
  json_builder_end_object (builder);
}

gint64
mq_media_file_get_id (MqMediaFile *self)
{
  g_return_val_if_fail (MQ_IS_MEDIA_FILE (self), 0);
  return self->id;
}

const char *
mq_media_file_get_name (MqMediaFile *self)
{
  g_return_val_if_fail (MQ_IS_MEDIA_FILE (self), NULL);
  return self->name;
}

MqMediaStatus
mq_media_file_get_status (MqMediaFile *self)
{
  g_return_val_if_fail (MQ_IS_MEDIA_FILE (self), MQ_MEDIA_STATUS_ERROR);
  return self->status;
}

MqMediaKind
mq_media_file_get_kind (MqMediaFile *self)
{
  g_return_val_if_fail (MQ_IS_MEDIA_FILE (self), MQ_MEDIA_KIND_UNKNOWN);
  return self->kind;
}

const char *
mq_media_file_get_original_name (MqMediaFile *self)
{
  g_return_val_if_fail (MQ_IS_MEDIA_FILE (self), NULL);
  return self->original_name;
}

const char *
mq_media_file_get_mime_type (MqMediaFile *self)
{
  g_return_val_if_fail (MQ_IS_MEDIA_FILE (self), NULL);
  return self->mime_type;
}

guint64
mq_media_file_get_file_size (MqMediaFile *self)
{
  g_return_val_if_fail (MQ_IS_MEDIA_FILE (self), 0);
  return self->file_size;
}

guint
mq_media_file_get_duration (MqMediaFile *self)
{
  g_return_val_if_fail (MQ_IS_MEDIA_FILE (self), 0);
  return self->duration;
}

guint
mq_media_file_get_width (MqMediaFile *self)
{
  g_return_val_if_fail (MQ_IS_MEDIA_FILE (self), 0);
  return self->width;
}

guint
mq_media_file_get_height (MqMediaFile *self)
{
  g_return_val_if_fail (MQ_IS_MEDIA_FILE (self), 0);
  return self->height;
}
