/* mq-media-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mq-api-error.h"
#include "mq-json-private.h"
#include "mq-media-file.h"

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
kind_from_json (JsonObject *object,
                const char *mime_type)
{
  JsonNode *node = json_object_get_member (object, "attachable_type");
  const char *type;
  const char *slash;

  if (node == NULL)
    return MQ_MEDIA_KIND_UNKNOWN;
  if (JSON_NODE_HOLDS_NULL (node))
    return MQ_MEDIA_KIND_FOLDER;

  type = mq_json_get_string (object, "attachable_type");
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

MqMediaFile *
mq_media_file_new_from_json (JsonObject  *object,
                             GError     **error)
{
  MqMediaFile *self;
  gint64 id;
  gint64 status;
  const char *mime_type;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!mq_json_get_int (object, "id", &id) || id <= 0)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("A media file from the server has no valid id."));
      return NULL;
    }

  self = g_object_new (MQ_TYPE_MEDIA_FILE, NULL);
  self->id = id;
  self->name = g_strdup (mq_json_get_string (object, "name"));
  self->original_name = g_strdup (mq_json_get_string (object, "original_name"));
  mime_type = mq_json_get_string (object, "mime_type");
  self->mime_type = mime_type != NULL ? g_ref_string_new_intern (mime_type) : NULL;
  self->file_size = (guint64) MAX (mq_json_get_int_or (object, "file_size", 0), 0);
  self->duration = mq_json_get_uint_or (object, "duration", 0);
  self->width = mq_json_get_uint_or (object, "width", 0);
  self->height = mq_json_get_uint_or (object, "height", 0);

  status = mq_json_get_int_or (object, "status", MQ_MEDIA_STATUS_CONVERTED);
  /* A status this client does not know cannot be shown as ready. */
  self->status = (status >= MQ_MEDIA_STATUS_WAITING && status <= MQ_MEDIA_STATUS_CONVERTED)
                 ? status : MQ_MEDIA_STATUS_ERROR;
  self->kind = kind_from_json (object, mime_type);

  return self;
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
