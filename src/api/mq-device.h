/* mq-device.h: one screen (a viewneo device), as GET /device lists it
 *
 * viewneo documents the endpoint, not the object. The parser reads the Laravel
 * spellings that are likely and ignores everything else (see mq_device_new_from_json()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MQ_TYPE_DEVICE (mq_device_get_type ())

G_DECLARE_FINAL_TYPE (MqDevice, mq_device, MQ, DEVICE, GObject)

typedef enum
{
  MQ_DEVICE_ONLINE_UNKNOWN = -1,  /* the server did not say */
  MQ_DEVICE_OFFLINE        = 0,
  MQ_DEVICE_ONLINE         = 1,
} MqDeviceOnline;

/* `id` and `name` (a missing or unusable one fails with MQ_API_ERROR_PROTOCOL, so that
 * a list skips and counts the item); the screen group from `device_group_id`,
 * `devicegroup_id` or the `id` of an embedded `device_group`/`devicegroup` object;
 * `comment`; online from `is_online` or `online` (0/1, booleans, "1"); the last contact
 * from `last_seen_at`, `last_online_at` or `last_contact_at`. A member of the wrong
 * type is read as missing. */
MqDevice      *mq_device_new_from_json        (JsonObject  *object,
                                               GError     **error);

gint64         mq_device_get_id               (MqDevice    *self);
const char    *mq_device_get_name             (MqDevice    *self);
const char    *mq_device_get_comment          (MqDevice    *self);
/* 0 when the device is in no group (or the server did not say). */
gint64         mq_device_get_device_group_id  (MqDevice    *self);
MqDeviceOnline mq_device_get_online           (MqDevice    *self);
/* Local time, a new GDateTime, or NULL. */
GDateTime     *mq_device_dup_last_seen        (MqDevice    *self);

G_END_DECLS
