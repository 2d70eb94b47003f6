/* mq-device-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <glib/gi18n-lib.h>

#include "mq-api-error.h"
#include "mq-models-private.h"

struct _MqDeviceGroup
{
  GObject parent_instance;

  gint64 id;
  gint64 playlist_id;
  char *name;
  char *playlist_name;
  GPtrArray *devices;
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
  g_clear_pointer (&self->devices, g_ptr_array_unref);

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

enum { KEY_ID, KEY_NAME, KEY_PLAYLIST_ID, KEY_PLAYLIST, KEY_DEVICES_COUNT, KEY_DEVICES, N_KEYS };

static const char * const keys[] = {
  "id", "name", "playlist_id", "playlist", "devices_count", "devices", NULL
};

/* The id and name of the embedded playlist object. */
static gint64
read_playlist (const MqJsonValue  *playlist,
               char              **name)
{
  static const char * const playlist_keys[] = { "id", "name", NULL };
  gint64 id = 0;
  MqJsonIter iter;
  MqJsonValue value;
  const char *key;

  mq_json_iter_init (&iter, playlist);
  while (mq_json_iter_next_member (&iter, &key, &value))
    {
      switch (mq_json_key_index (key, playlist_keys))
        {
        case 0:
          id = mq_json_value_get_id (&value);
          break;
        case 1:
          g_free (*name);
          *name = mq_json_value_dup_string (&value);
          break;
        default:
          break;
        }
    }
  mq_json_iter_clear (&iter);

  return id;
}

/* The devices of an embedded array that can be read; the number of elements. */
static guint
read_devices (const MqJsonValue  *array,
              GPtrArray         **devices)
{
  MqJsonIter iter;
  MqJsonValue value;
  guint n = 0;

  *devices = g_ptr_array_new_with_free_func (g_object_unref);
  mq_json_iter_init (&iter, array);
  while (mq_json_iter_next_element (&iter, &value))
    {
      n++;
      if (value.kind == MQ_JSON_KIND_OBJECT)
        {
          g_autoptr(GError) device_error = NULL;
          MqDevice *device = mq_device_new_from_value (&value, &device_error);

          if (device != NULL)
            g_ptr_array_add (*devices, device);
          else
            g_debug ("Skipping a device of a screen group: %s", device_error->message);
        }
    }
  mq_json_iter_clear (&iter);

  return n;
}

MqDeviceGroup *
mq_device_group_new_from_value (const MqJsonValue  *object,
                                GError            **error)
{
  g_autoptr(MqDeviceGroup) self = g_object_new (MQ_TYPE_DEVICE_GROUP, NULL);
  MqJsonValue found[N_KEYS] = { { 0, }, };
  gboolean present[N_KEYS] = { FALSE, };
  g_autofree char *playlist_name = NULL;
  gint64 embedded_id = 0;
  gint64 value;
  MqJsonIter iter;
  MqJsonValue member;
  const char *key;

  g_return_val_if_fail (object != NULL && object->kind == MQ_JSON_KIND_OBJECT, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The members depend on each other: collect them first (the last of each). */
  mq_json_iter_init (&iter, object);
  while (mq_json_iter_next_member (&iter, &key, &member))
    {
      int index = mq_json_key_index (key, keys);

      if (index >= 0)
        {
          found[index] = member;
          present[index] = TRUE;
        }
    }
  mq_json_iter_clear (&iter);

  if (!present[KEY_ID] || !mq_json_value_get_int (&found[KEY_ID], &value) || value <= 0)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("A screen group from the server has no valid id."));
      return NULL;
    }
  self->id = value;

  self->name = present[KEY_NAME] ? mq_json_value_dup_string (&found[KEY_NAME]) : NULL;
  if (self->name == NULL)
    {
      /* The number outside the message: xgettext cannot see through G_GINT64_FORMAT. */
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, self->id);

      g_set_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                   _("Screen group %s from the server has no name."), id);
      return NULL;
    }

  if (present[KEY_PLAYLIST] && found[KEY_PLAYLIST].kind == MQ_JSON_KIND_OBJECT)
    embedded_id = read_playlist (&found[KEY_PLAYLIST], &playlist_name);

  if (present[KEY_PLAYLIST_ID] && mq_json_value_get_int (&found[KEY_PLAYLIST_ID], &value) && value > 0)
    self->playlist_id = value;
  else
    self->playlist_id = embedded_id;

  /* The embedded playlist's name only when it is the playlist the group plays. */
  if (self->playlist_id != 0 && (embedded_id == 0 || embedded_id == self->playlist_id))
    self->playlist_name = g_steal_pointer (&playlist_name);

  if (present[KEY_DEVICES] && found[KEY_DEVICES].kind == MQ_JSON_KIND_ARRAY)
    {
      guint n = read_devices (&found[KEY_DEVICES], &self->devices);

      self->device_count = (int) MIN (n, G_MAXINT);
    }
  if (present[KEY_DEVICES_COUNT] && mq_json_value_get_int (&found[KEY_DEVICES_COUNT], &value) && value >= 0)
    self->device_count = (int) MIN (value, G_MAXINT);

  return g_steal_pointer (&self);
}

MqDeviceGroup *
mq_device_group_new_from_json (JsonObject  *object,
                               GError     **error)
{
  MqJsonValue value;

  g_return_val_if_fail (object != NULL, NULL);

  mq_json_value_init_object (&value, object);
  return mq_device_group_new_from_value (&value, error);
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

GPtrArray *
mq_device_group_get_devices (MqDeviceGroup *self)
{
  g_return_val_if_fail (MQ_IS_DEVICE_GROUP (self), NULL);
  return self->devices;
}

int
mq_device_group_get_device_count (MqDeviceGroup *self)
{
  g_return_val_if_fail (MQ_IS_DEVICE_GROUP (self), -1);
  return self->device_count;
}

void
mq_device_group_serialize (MqDeviceGroup *self,
                           JsonBuilder   *builder)
{
  g_return_if_fail (MQ_IS_DEVICE_GROUP (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  mq_json_builder_add_int (builder, "id", self->id);
  mq_json_builder_add_string (builder, "name", self->name, TRUE);
  if (self->playlist_id != 0)
    {
      mq_json_builder_add_int (builder, "playlist_id", self->playlist_id);
      json_builder_set_member_name (builder, "playlist");
      json_builder_begin_object (builder);
      mq_json_builder_add_int (builder, "id", self->playlist_id);
      mq_json_builder_add_string (builder, "name", self->playlist_name, FALSE);
      json_builder_end_object (builder);
    }
  if (self->devices != NULL)
    {
      json_builder_set_member_name (builder, "devices");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->devices->len; i++)
        mq_device_serialize (g_ptr_array_index (self->devices, i), builder);
      json_builder_end_array (builder);
    }
  if (self->device_count >= 0)
    mq_json_builder_add_int (builder, "devices_count", self->device_count);
  json_builder_end_object (builder);
}
