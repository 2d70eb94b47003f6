/* mq-device.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <glib/gi18n-lib.h>

#include "mq-api-error.h"
#include "mq-models-private.h"

#define NO_DATE G_MININT64

struct _MqDevice
{
  GObject parent_instance;

  gint64 id;
  gint64 device_group_id;
  gint64 last_seen_usec;
  char *name;
  char *comment;
  MqDeviceOnline online;
};

G_DEFINE_FINAL_TYPE (MqDevice, mq_device, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DEVICE_GROUP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mq_device_finalize (GObject *object)
{
  MqDevice *self = (MqDevice *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->comment, g_free);

  G_OBJECT_CLASS (mq_device_parent_class)->finalize (object);
}

static void
mq_device_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MqDevice *self = MQ_DEVICE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DEVICE_GROUP_ID:
      g_value_set_int64 (value, self->device_group_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_device_class_init (MqDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = mq_device_finalize;
  object_class->get_property = mq_device_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DEVICE_GROUP_ID] =
    g_param_spec_int64 ("device-group-id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mq_device_init (MqDevice *self)
{
  self->online = MQ_DEVICE_ONLINE_UNKNOWN;
  self->last_seen_usec = NO_DATE;
}

enum {
  KEY_ID, KEY_NAME, KEY_COMMENT, KEY_DEVICE_GROUP_ID, KEY_DEVICEGROUP_ID, KEY_DEVICE_GROUP,
  KEY_DEVICEGROUP, KEY_IS_ONLINE, KEY_ONLINE, KEY_LAST_SEEN_AT, KEY_LAST_ONLINE_AT,
  KEY_LAST_CONTACT_AT,
};

static const char * const keys[] = {
  "id", "name", "comment", "device_group_id", "devicegroup_id", "device_group", "devicegroup",
  "is_online", "online", "last_seen_at", "last_online_at", "last_contact_at", NULL
};

/* The `id` of an embedded object, 0 without one. */
static gint64
read_embedded_id (const MqJsonValue *object)
{
  static const char * const id_key[] = { "id", NULL };
  gint64 id = 0;
  MqJsonIter iter;
  MqJsonValue value;
  const char *key;

  if (object->kind != MQ_JSON_KIND_OBJECT)
    return 0;

  mq_json_iter_init (&iter, object);
  while (mq_json_iter_next_member (&iter, &key, &value))
    if (mq_json_key_index (key, id_key) == 0)
      id = mq_json_value_get_id (&value);
  mq_json_iter_clear (&iter);

  return id;
}

static MqDeviceOnline
read_online (const MqJsonValue *value)
{
  /* Neither true nor false: not a flag, unknown. */
  if (!mq_json_value_get_bool (value, FALSE) && mq_json_value_get_bool (value, TRUE))
    return MQ_DEVICE_ONLINE_UNKNOWN;

  return mq_json_value_get_bool (value, FALSE) ? MQ_DEVICE_ONLINE : MQ_DEVICE_OFFLINE;
}

MqDevice *
mq_device_new_from_value (const MqJsonValue  *object,
                          GError            **error)
{
  g_autoptr(MqDevice) self = g_object_new (MQ_TYPE_DEVICE, NULL);
  gint64 group_id = 0, embedded_group_id = 0;
  MqJsonIter iter;
  MqJsonValue value;
  const char *key;

  g_return_val_if_fail (object != NULL && object->kind == MQ_JSON_KIND_OBJECT, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

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
        case KEY_COMMENT:
          g_free (self->comment);
          self->comment = mq_json_value_dup_string (&value);
          break;
        case KEY_DEVICE_GROUP_ID:
        case KEY_DEVICEGROUP_ID:
          if (group_id == 0)
            group_id = mq_json_value_get_id (&value);
          break;
        case KEY_DEVICE_GROUP:
        case KEY_DEVICEGROUP:
          if (embedded_group_id == 0)
            embedded_group_id = read_embedded_id (&value);
          break;
        case KEY_IS_ONLINE:
        case KEY_ONLINE:
          if (value.kind != MQ_JSON_KIND_NULL)
            self->online = read_online (&value);
          break;
        case KEY_LAST_SEEN_AT:
        case KEY_LAST_ONLINE_AT:
        case KEY_LAST_CONTACT_AT:
          if (self->last_seen_usec == NO_DATE &&
              !mq_json_value_get_datetime_usec (&value, &self->last_seen_usec))
            self->last_seen_usec = NO_DATE;
          break;
        default:
          break;
        }
    }
  mq_json_iter_clear (&iter);

  if (self->id <= 0)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("A screen from the server has no valid id."));
      return NULL;
    }

  if (self->name == NULL)
    {
      /* The number outside the message: xgettext cannot see through G_GINT64_FORMAT. */
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, self->id);

      g_set_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                   _("Screen %s from the server has no name."), id);
      return NULL;
    }

  self->device_group_id = group_id != 0 ? group_id : embedded_group_id;

  return g_steal_pointer (&self);
}

MqDevice *
mq_device_new_from_json (JsonObject  *object,
                         GError     **error)
{
  MqJsonValue value;

  g_return_val_if_fail (object != NULL, NULL);

  mq_json_value_init_object (&value, object);
  return mq_device_new_from_value (&value, error);
}

gint64
mq_device_get_id (MqDevice *self)
{
  g_return_val_if_fail (MQ_IS_DEVICE (self), 0);
  return self->id;
}

const char *
mq_device_get_name (MqDevice *self)
{
  g_return_val_if_fail (MQ_IS_DEVICE (self), NULL);
  return self->name;
}

const char *
mq_device_get_comment (MqDevice *self)
{
  g_return_val_if_fail (MQ_IS_DEVICE (self), NULL);
  return self->comment;
}

gint64
mq_device_get_device_group_id (MqDevice *self)
{
  g_return_val_if_fail (MQ_IS_DEVICE (self), 0);
  return self->device_group_id;
}

MqDeviceOnline
mq_device_get_online (MqDevice *self)
{
  g_return_val_if_fail (MQ_IS_DEVICE (self), MQ_DEVICE_ONLINE_UNKNOWN);
  return self->online;
}

GDateTime *
mq_device_dup_last_seen (MqDevice *self)
{
  g_return_val_if_fail (MQ_IS_DEVICE (self), NULL);
  return self->last_seen_usec != NO_DATE ? mq_json_datetime_new_from_usec (self->last_seen_usec) : NULL;
}

void
mq_device_serialize (MqDevice    *self,
                     JsonBuilder *builder)
{
  g_return_if_fail (MQ_IS_DEVICE (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  mq_json_builder_add_int (builder, "id", self->id);
  mq_json_builder_add_string (builder, "name", self->name, TRUE);
  mq_json_builder_add_string (builder, "comment", self->comment, FALSE);
  if (self->device_group_id != 0)
    mq_json_builder_add_int (builder, "device_group_id", self->device_group_id);
  if (self->online != MQ_DEVICE_ONLINE_UNKNOWN)
    {
      json_builder_set_member_name (builder, "is_online");
      json_builder_add_boolean_value (builder, self->online == MQ_DEVICE_ONLINE);
    }
  if (self->last_seen_usec != NO_DATE)
    {
      g_autoptr(GDateTime) last_seen = mq_json_datetime_new_from_usec (self->last_seen_usec);

      mq_json_builder_add_datetime (builder, "last_seen_at", last_seen);
    }
  json_builder_end_object (builder);
}
