/* mq-playlists-view-private.h: what the files of MqPlaylistsView share
 *
 * MqPlaylistsView is one class spread over several files, as GNOME Text Editor's
 * EditorWindow is: mq-playlists-view.c (the widget, the list and its loading),
 * mq-playlists-view-columns.c (the column factories) and mq-playlists-view-export.c
 * (playlists.export and its dialogs). The instance struct is here for them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-banner.h"
#include "mq-playlist-detail.h"
#include "mq-playlist-filter.h"
#include "mq-playlist-list.h"
#include "mq-playlist-sorter.h"
#include "mq-playlists-loader.h"
#include "mq-playlists-view.h"
#include "mq-spinner.h"
#include "mq-split-view.h"

G_BEGIN_DECLS

struct _MqPlaylistsView
{
  AdwBin               parent_instance;

  MqSession           *session;
  MqClient            *client;

  /* store (filtered by filter) -> shown_model -> selection. The store holds the list
   * in the order of the column view's sorter, sorted in a worker, and shown_model's
   * sorter then has no order: a load or a keystroke costs no sorting on the main
   * thread. Only while the store is not in order (the user chose another order; a
   * load whose order was not known) does shown_model sort, incrementally, until a
   * worker has the list in the new order. */
  MqPlaylistFilter    *filter;
  MqPlaylistList      *store;
  GtkCustomSorter     *shown_sorter;
  GtkSortListModel    *shown_model;
  /* shown_model as the column view has it, see show_rows_gradually(). */
  GtkSliceListModel   *rows;
  guint                rows_tick;
  gboolean             rows_drawn;
  GtkSingleSelection  *selection;
  /* The order the store is in, when it is that of the column view. */
  gboolean             store_in_order;
  MqPlaylistColumn     store_column;
  GtkSortType          store_direction;
  GCancellable        *resort_cancellable;

  /* Loads the list; the state of it this view shows, and whether the loader's list
   * is not shown yet. */
  MqPlaylistsLoader   *loader;
  MqPlaylistsLoaderState shown_state;
  gboolean             list_is_new;
  gboolean             search_mode;
  /* A new list is being sorted: scroll to its top (or its selection) when done. */
  gboolean             scroll_when_sorted;
  /* GTK 4.8 cannot tell which column the list is sorted by: known until the user
   * picks another. */
  gboolean             sort_changed_by_user;

  AdwToastOverlay     *toast_overlay;
  GtkStack            *main_stack;
  GtkStack            *status_stack;
  AdwStatusPage       *loading_page;
  MqSpinner           *loading_spinner;
  AdwStatusPage       *offline_page;
  AdwStatusPage       *error_page;
  AdwStatusPage       *sign_in_page;
  GtkWidget           *sign_in_button;
  AdwStatusPage       *server_refused_page;
  GtkWidget           *sign_out_button;
  GtkMenuButton       *status_main_menu_button;
  GtkMenuButton       *status_account_menu_button;
  MqSplitView         *split_view;
  AdwViewSwitcherTitle *list_title;
  GtkMenuButton       *list_main_menu_button;
  GtkMenuButton       *list_account_menu_button;
  MqBanner            *banner;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  AdwStatusPage       *no_results_page;
  AdwWindowTitle      *detail_title;
  GtkWidget           *back_button;
  MqPlaylistDetail    *detail;
  GtkColumnViewColumn *type_column;
};

/* mq-playlists-view.c */
void _mq_playlists_view_show_toast      (MqPlaylistsView *self,
                                         const char      *text);

/* mq-playlists-view-columns.c: appends the columns, sorted by name. */
void _mq_playlists_view_columns_init    (MqPlaylistsView *self);

/* mq-playlists-view-export.c: playlists.export */
void _mq_playlists_view_export_action   (GtkWidget       *widget,
                                         const char      *action_name,
                                         GVariant        *parameter);

G_END_DECLS
