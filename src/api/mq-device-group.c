/* mq-device-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <glib/gi18n-lib.h>

#include "mq-api-error.h"
#include "mq-device-group.h"
#include "mq-json-private.h"

struct _MqDeviceGroup
{
  GObject parent_instance;

  gint64 id;
  gint64 playlist_id;
  char *name;
  char *playlist_name;
  int device_count;
};

G_DEFINE_FINAL_TYPE (MqDeviceGroup, mq_device_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PLAYLIST_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mq_device_group_finalize (GObject *object)
{
  MqDeviceGroup *self = (MqDeviceGroup *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->playlist_name, g_free);

  G_OBJECT_CLASS (mq_device_group_parent_class)->finalize (object);
}

static void
mq_device_group_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MqDeviceGroup *self = MQ_DEVICE_GROUP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PLAYLIST_ID:
      g_value_set_int64 (value, self->playlist_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_device_group_class_init (MqDeviceGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = mq_device_group_finalize;
  object_class->get_property = mq_device_group_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_PLAYLIST_ID] =
    g_param_spec_int64 ("playlist-id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mq_device_group_init (MqDeviceGroup *self)
{
  self->device_count = -1;
}

MqDeviceGroup *
mq_device_group_new_from_json (JsonObject  *object,
                               GError     **error)
{
  MqDeviceGroup *self;
  JsonObject *playlist;
  JsonArray *devices;
  const char *name;
  gint64 id;
  gint64 value;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!mq_json_get_int (object, "id", &id) || id <= 0)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("A screen group from the server has no valid id."));
      return NULL;
    }

  name = mq_json_get_string (object, "name");
  if (name == NULL)
    {
      g_set_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                   _("Screen group %" G_GINT64_FORMAT " from the server has no name."), id);
      return NULL;
    }

  self = g_object_new (MQ_TYPE_DEVICE_GROUP, NULL);
  self->id = id;
  self->name = g_strdup (name);

  playlist = mq_json_get_object (object, "playlist");
  if (mq_json_get_int (object, "playlist_id", &value) && value > 0)
    self->playlist_id = value;
  else if (playlist != NULL && mq_json_get_int (playlist, "id", &value) && value > 0)
    self->playlist_id = value;

  /* The embedded playlist's name only when it is the playlist the group plays. */
  if (playlist != NULL && self->playlist_id != 0 &&
      mq_json_get_int_or (playlist, "id", self->playlist_id) == self->playlist_id)
    self->playlist_name = g_strdup (mq_json_get_string (playlist, "name"));

  devices = mq_json_get_array (object, "devices");
  if (mq_json_get_int (object, "devices_count", &value) && value >= 0)
    self->device_count = (int) MIN (value, G_MAXINT);
  else if (devices != NULL)
    self->device_count = (int) MIN (json_array_get_length (devices), G_MAXINT);

  return self;
}

gint64
mq_device_group_get_id (MqDeviceGroup *self)
{
  g_return_val_if_fail (MQ_IS_DEVICE_GROUP (self), 0);
  return self->id;
}

const char *
mq_device_group_get_name (MqDeviceGroup *self)
{
  g_return_val_if_fail (MQ_IS_DEVICE_GROUP (self), NULL);
  return self->name;
}

gint64
mq_device_group_get_playlist_id (MqDeviceGroup *self)
{
  g_return_val_if_fail (MQ_IS_DEVICE_GROUP (self), 0);
  return self->playlist_id;
}

const char *
mq_device_group_get_playlist_name (MqDeviceGroup *self)
{
  g_return_val_if_fail (MQ_IS_DEVICE_GROUP (self), NULL);
  return self->playlist_name;
}

int
mq_device_group_get_device_count (MqDeviceGroup *self)
{
  g_return_val_if_fail (MQ_IS_DEVICE_GROUP (self), -1);
  return self->device_count;
}
