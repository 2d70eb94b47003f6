/* mq-screen-group-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-screens"

#include "mq-screen-group-item.h"

struct _MqScreenGroupItem
{
  GObject             parent_instance;

  MqDeviceGroup      *group;
  GPtrArray          *devices;
  MqScreenGroupState  state;
  MqPlaylist         *playlist;
  GError             *error;
  GPtrArray          *active;
  MqScheduleSummary   summary;
  GDateTime          *next_change;
  GTimeZone          *tz;
};

G_DEFINE_FINAL_TYPE (MqScreenGroupItem, mq_screen_group_item, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mq_screen_group_item_finalize (GObject *object)
{
  MqScreenGroupItem *self = MQ_SCREEN_GROUP_ITEM (object);

  g_clear_object (&self->group);
  g_clear_pointer (&self->devices, g_ptr_array_unref);
  g_clear_object (&self->playlist);
  g_clear_error (&self->error);
  g_clear_pointer (&self->active, g_ptr_array_unref);
  g_clear_pointer (&self->next_change, g_date_time_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (mq_screen_group_item_parent_class)->finalize (object);
}

static void
mq_screen_group_item_class_init (MqScreenGroupItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mq_screen_group_item_finalize;

  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
mq_screen_group_item_init (MqScreenGroupItem *self)
{
  self->active = g_ptr_array_new_with_free_func (g_object_unref);
}

MqScreenGroupItem *
mq_screen_group_item_new (MqDeviceGroup *group,
                          GPtrArray     *devices)
{
  MqScreenGroupItem *self;

  g_return_val_if_fail (MQ_IS_DEVICE_GROUP (group), NULL);
  g_return_val_if_fail (devices != NULL, NULL);

  self = g_object_new (MQ_TYPE_SCREEN_GROUP_ITEM, NULL);
  self->group = g_object_ref (group);
  self->devices = g_ptr_array_ref (devices);
  self->state = mq_device_group_get_playlist_id (group) != 0 ? MQ_SCREEN_GROUP_LOADING
                                                              : MQ_SCREEN_GROUP_NO_PLAYLIST;

  return self;
}

MqDeviceGroup *
mq_screen_group_item_get_group (MqScreenGroupItem *self)
{
  g_return_val_if_fail (MQ_IS_SCREEN_GROUP_ITEM (self), NULL);

  return self->group;
}

GPtrArray *
mq_screen_group_item_get_devices (MqScreenGroupItem *self)
{
  g_return_val_if_fail (MQ_IS_SCREEN_GROUP_ITEM (self), NULL);

  return self->devices;
}

MqScreenGroupState
mq_screen_group_item_get_state (MqScreenGroupItem *self)
{
  g_return_val_if_fail (MQ_IS_SCREEN_GROUP_ITEM (self), MQ_SCREEN_GROUP_NO_PLAYLIST);

  return self->state;
}

MqPlaylist *
mq_screen_group_item_get_playlist (MqScreenGroupItem *self)
{
  g_return_val_if_fail (MQ_IS_SCREEN_GROUP_ITEM (self), NULL);

  return self->playlist;
}

const GError *
mq_screen_group_item_get_error (MqScreenGroupItem *self)
{
  g_return_val_if_fail (MQ_IS_SCREEN_GROUP_ITEM (self), NULL);

  return self->error;
}

GPtrArray *
mq_screen_group_item_get_active (MqScreenGroupItem *self)
{
  g_return_val_if_fail (MQ_IS_SCREEN_GROUP_ITEM (self), NULL);

  return self->active;
}

const MqScheduleSummary *
mq_screen_group_item_get_summary (MqScreenGroupItem *self)
{
  g_return_val_if_fail (MQ_IS_SCREEN_GROUP_ITEM (self), NULL);

  return &self->summary;
}

GDateTime *
mq_screen_group_item_get_next_change (MqScreenGroupItem *self)
{
  g_return_val_if_fail (MQ_IS_SCREEN_GROUP_ITEM (self), NULL);

  return self->next_change;
}

GTimeZone *
mq_screen_group_item_get_time_zone (MqScreenGroupItem *self)
{
  g_return_val_if_fail (MQ_IS_SCREEN_GROUP_ITEM (self), NULL);

  return self->tz;
}

void
mq_screen_group_item_set_loading (MqScreenGroupItem *self)
{
  g_return_if_fail (MQ_IS_SCREEN_GROUP_ITEM (self));

  if (self->state == MQ_SCREEN_GROUP_NO_PLAYLIST || self->state == MQ_SCREEN_GROUP_LOADING)
    return;

  self->state = MQ_SCREEN_GROUP_LOADING;
  g_signal_emit (self, signals[CHANGED], 0);
}

void
mq_screen_group_item_set_failed (MqScreenGroupItem *self,
                                 const GError      *error)
{
  g_return_if_fail (MQ_IS_SCREEN_GROUP_ITEM (self));
  g_return_if_fail (error != NULL);

  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  self->state = MQ_SCREEN_GROUP_FAILED;
  g_signal_emit (self, signals[CHANGED], 0);
}

void
mq_screen_group_item_update (MqScreenGroupItem  *self,
                             MqPlaylist         *playlist,
                             MqPlaylistResolver  resolve,
                             gpointer            resolve_data,
                             GTimeZone          *tz,
                             GDateTime          *now,
                             GDateTime          *until)
{
  g_return_if_fail (MQ_IS_SCREEN_GROUP_ITEM (self));
  g_return_if_fail (playlist == NULL || MQ_IS_PLAYLIST (playlist));
  g_return_if_fail (tz != NULL && now != NULL && until != NULL);

  if (playlist != NULL)
    g_set_object (&self->playlist, playlist);
  if (self->playlist == NULL)
    return;

  g_clear_error (&self->error);
  g_clear_pointer (&self->active, g_ptr_array_unref);
  g_clear_pointer (&self->next_change, g_date_time_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  self->state = MQ_SCREEN_GROUP_KNOWN;
  self->tz = g_time_zone_ref (tz);
  self->active = mq_schedule_active_entries (self->playlist, resolve, resolve_data, tz, now,
                                             &self->summary);
  self->next_change = mq_schedule_next_change (self->playlist, resolve, resolve_data, tz,
                                               now, until);
  g_signal_emit (self, signals[CHANGED], 0);
}
