/* mq-media-file.h: a viewneo media file, as embedded in a playlist entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MQ_TYPE_MEDIA_FILE (mq_media_file_get_type ())

G_DECLARE_FINAL_TYPE (MqMediaFile, mq_media_file, MQ, MEDIA_FILE, GObject)

typedef enum
{
  MQ_MEDIA_STATUS_WAITING    = 0,
  MQ_MEDIA_STATUS_CONVERTING = 1,
  MQ_MEDIA_STATUS_ERROR      = 2,
  MQ_MEDIA_STATUS_CONVERTED  = 3,
} MqMediaStatus;

/* From `attachable_type`: null is a folder. */
typedef enum
{
  MQ_MEDIA_KIND_UNKNOWN,
  MQ_MEDIA_KIND_FOLDER,
  MQ_MEDIA_KIND_WEBSITE,
  MQ_MEDIA_KIND_TEMPLATE,
  MQ_MEDIA_KIND_CONTENT,
  MQ_MEDIA_KIND_IMAGE,   /* PhysicalFile with an image/ mime type */
  MQ_MEDIA_KIND_VIDEO,   /* PhysicalFile with a video/ mime type */
  MQ_MEDIA_KIND_FILE,    /* any other PhysicalFile */
} MqMediaKind;

MqMediaFile   *mq_media_file_new_from_json    (JsonObject   *object,
                                               GError      **error);
void           mq_media_file_serialize        (MqMediaFile  *self,
                                               JsonBuilder  *builder);

gint64         mq_media_file_get_id            (MqMediaFile *self);
const char    *mq_media_file_get_name          (MqMediaFile *self);
MqMediaStatus  mq_media_file_get_status        (MqMediaFile *self);
MqMediaKind    mq_media_file_get_kind          (MqMediaFile *self);
const char    *mq_media_file_get_original_name (MqMediaFile *self);
const char    *mq_media_file_get_mime_type     (MqMediaFile *self);
guint64        mq_media_file_get_file_size     (MqMediaFile *self);
guint          mq_media_file_get_duration      (MqMediaFile *self);
guint          mq_media_file_get_width         (MqMediaFile *self);
guint          mq_media_file_get_height        (MqMediaFile *self);

G_END_DECLS
