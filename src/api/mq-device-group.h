/* mq-device-group.h: a screen group, and the playlist it plays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-device.h"

G_BEGIN_DECLS

#define MQ_TYPE_DEVICE_GROUP (mq_device_group_get_type ())

G_DECLARE_FINAL_TYPE (MqDeviceGroup, mq_device_group, MQ, DEVICE_GROUP, GObject)

/* `playlist_id`, or the `id` of an embedded `playlist` object. Fails (MQ_API_ERROR_PROTOCOL)
 * without a usable `id` or `name`. */
MqDeviceGroup *mq_device_group_new_from_json       (JsonObject    *object,
                                                    GError       **error);

gint64         mq_device_group_get_id              (MqDeviceGroup *self);
const char    *mq_device_group_get_name            (MqDeviceGroup *self);
/* The playlist the group's screens play: what the schedule (mq-schedule.h) is asked
 * about, after GET /playlist/{id} for its entries. 0 when the group plays none. */
gint64         mq_device_group_get_playlist_id     (MqDeviceGroup *self);
/* The embedded playlist's name, or NULL. */
const char    *mq_device_group_get_playlist_name   (MqDeviceGroup *self);
/* Number of devices when the server says (`devices_count` or a `devices` array), else -1. */
int            mq_device_group_get_device_count    (MqDeviceGroup *self);
/* The devices of an embedded `devices` array that could be read (MqDevice), or NULL
 * when the group came without one: then GET /device (mq_client_list_devices_async()) and
 * mq_device_get_device_group_id() tell which screens are in the group. */
GPtrArray     *mq_device_group_get_devices         (MqDeviceGroup *self);

G_END_DECLS
