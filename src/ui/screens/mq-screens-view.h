/* mq-screens-view.h: the Screens page: screen groups, their screens, and what plays
 *
 * Lists the account's screen groups with their devices, and for each the playlist it
 * plays, the entries playing now (mq-schedule.h, in the local time zone, named) and
 * when that changes; it updates itself at each change and after a clock jump or a
 * resume. Loads when first shown, through the client; "playlist-activated" asks to
 * show a group's playlist.
 *
 * Widget actions: screens.reload
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mq-client.h"

G_BEGIN_DECLS

#define MQ_TYPE_SCREENS_VIEW (mq_screens_view_get_type ())

G_DECLARE_FINAL_TYPE (MqScreensView, mq_screens_view, MQ, SCREENS_VIEW, AdwBin)

/* How far ahead the page looks for the next change. */
#define MQ_SCREENS_LOOK_AHEAD_DAYS 7

GtkWidget  *mq_screens_view_new              (void);

/* The account's client; NULL clears the page. Loads when the page is (or next gets)
 * shown. */
void        mq_screens_view_set_account_id   (MqScreensView *self,
                                              const char    *account_id);
void        mq_screens_view_set_client       (MqScreensView *self,
                                              MqClient      *client);
MqClient   *mq_screens_view_get_client       (MqScreensView *self);

void        mq_screens_view_set_main_menu    (MqScreensView *self,
                                              GMenuModel    *menu);
void        mq_screens_view_set_account_menu (MqScreensView *self,
                                              GMenuModel    *menu);

/* The groups shown (MqScreenGroupItem), for tests. */
GListModel *mq_screens_view_get_groups       (MqScreensView *self);

G_END_DECLS
