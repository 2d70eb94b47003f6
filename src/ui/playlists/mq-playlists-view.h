/* mq-playlists-view.h: the playlists of one account, list and detail
 *
 * An adaptive two-pane view (list beside detail when wide, one at a time with back
 * navigation when narrow), each pane with its own header bar. The window puts its
 * menus in the list pane's header bar through "main-menu" and "account-menu".
 *
 * Widget actions it installs, for the window's shortcuts:
 *   playlists.reload   playlists.search   playlists.export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mq-client.h"
#include "mq-playlist-export.h"
#include "mq-session.h"

G_BEGIN_DECLS

#define MQ_TYPE_PLAYLISTS_VIEW (mq_playlists_view_get_type ())

G_DECLARE_FINAL_TYPE (MqPlaylistsView, mq_playlists_view, MQ, PLAYLISTS_VIEW, AdwBin)

GtkWidget  *mq_playlists_view_new              (void);

/* Shows the account of @session: its cached list at once (marked with its age), then a
 * fresh load through @client. NULL for both clears the view. */
void        mq_playlists_view_set_session      (MqPlaylistsView *self,
                                                MqSession       *session,
                                                MqClient        *client);
MqSession  *mq_playlists_view_get_session      (MqPlaylistsView *self);
/* Reads the saved list of @account_id while its session loads, so that
 * mq_playlists_view_set_session() shows it at once (nothing, if it shows that account). */
void        mq_playlists_view_read_ahead       (MqPlaylistsView *self,
                                                const char      *account_id);

void        mq_playlists_view_set_main_menu    (MqPlaylistsView *self,
                                                GMenuModel      *menu);
void        mq_playlists_view_set_account_menu (MqPlaylistsView *self,
                                                GMenuModel      *menu);

/* Selects the playlist @id (clearing a search that hides it) and shows its detail; a
 * toast says so when the list does not have it. */
void        mq_playlists_view_show_playlist    (MqPlaylistsView *self,
                                                gint64           id);

/* The playlists as shown, after search and sort (for tests and export). */
GListModel *mq_playlists_view_get_shown        (MqPlaylistsView *self);

/* What playlists.export does once a file is chosen: writes the shown playlists, in the
 * shown order, to @file, and tells the user with a toast. */
void        mq_playlists_view_export_async     (MqPlaylistsView     *self,
                                                GFile               *file,
                                                MqExportFormat       format,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean    mq_playlists_view_export_finish    (MqPlaylistsView     *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
