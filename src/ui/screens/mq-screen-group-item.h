/* mq-screen-group-item.h: one screen group as the Screens page shows it
 *
 * The group, its screens, the playlist it plays and what plays on it at the moment of
 * the last mq_screen_group_item_update(). An item of the page's GListModel: "changed"
 * tells its row to show it again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-device-group.h"
#include "mq-playlist.h"
#include "mq-schedule.h"

G_BEGIN_DECLS

#define MQ_TYPE_SCREEN_GROUP_ITEM (mq_screen_group_item_get_type ())

G_DECLARE_FINAL_TYPE (MqScreenGroupItem, mq_screen_group_item, MQ, SCREEN_GROUP_ITEM, GObject)

typedef enum
{
  MQ_SCREEN_GROUP_NO_PLAYLIST,  /* the group plays no playlist */
  MQ_SCREEN_GROUP_LOADING,      /* its playlist is being fetched */
  MQ_SCREEN_GROUP_FAILED,       /* its playlist could not be fetched */
  MQ_SCREEN_GROUP_KNOWN,        /* what plays is known */
} MqScreenGroupState;

/* @devices: the group's MqDevice, in the order to show (may be empty). */
MqScreenGroupItem  *mq_screen_group_item_new            (MqDeviceGroup      *group,
                                                         GPtrArray          *devices);

MqDeviceGroup      *mq_screen_group_item_get_group      (MqScreenGroupItem  *self);
GPtrArray          *mq_screen_group_item_get_devices    (MqScreenGroupItem  *self);
MqScreenGroupState  mq_screen_group_item_get_state      (MqScreenGroupItem  *self);
/* The playlist with its entries, once fetched, else NULL. */
MqPlaylist         *mq_screen_group_item_get_playlist   (MqScreenGroupItem  *self);
/* Why the playlist could not be fetched (state FAILED). */
const GError       *mq_screen_group_item_get_error      (MqScreenGroupItem  *self);
/* The entries playing at the moment of the last update, in playback order. */
GPtrArray          *mq_screen_group_item_get_active     (MqScreenGroupItem  *self);
const MqScheduleSummary *mq_screen_group_item_get_summary (MqScreenGroupItem *self);
/* When they next change (in the zone they were computed in), or NULL: not within the
 * range the page looks ahead. */
GDateTime          *mq_screen_group_item_get_next_change (MqScreenGroupItem *self);
GTimeZone          *mq_screen_group_item_get_time_zone  (MqScreenGroupItem  *self);

void                mq_screen_group_item_set_loading    (MqScreenGroupItem  *self);
void                mq_screen_group_item_set_failed     (MqScreenGroupItem  *self,
                                                         const GError       *error);
/* What plays at @now (in @tz) and when it changes before @until; emits "changed".
 * @playlist NULL keeps the one set before. */
void                mq_screen_group_item_update         (MqScreenGroupItem  *self,
                                                         MqPlaylist         *playlist,
                                                         MqPlaylistResolver  resolve,
                                                         gpointer            resolve_data,
                                                         GTimeZone          *tz,
                                                         GDateTime          *now,
                                                         GDateTime          *until);

G_END_DECLS
