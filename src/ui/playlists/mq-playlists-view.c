/* mq-playlists-view.c: the playlists of one account, list and detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <string.h>

#include <glib/gi18n.h>

#include "mq-api-error.h"
#include "mq-banner.h"
#include "mq-playlist-detail.h"
#include "mq-playlist-filter.h"
#include "mq-format-time.h"
#include "mq-playlist-format.h"
#include "mq-playlist-list.h"
#include "mq-playlist-sorter.h"
#include "mq-playlists-loader.h"
#include "mq-playlists-resources.h"
#include "mq-playlists-view-private.h"
#include "mq-ui-utils.h"

G_DEFINE_FINAL_TYPE (MqPlaylistsView, mq_playlists_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SEARCH_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- state ---- */

static void
show_status (MqPlaylistsView *self,
             const char      *name)
{
  mq_spinner_set_spinning (self->loading_spinner, g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (self->status_stack, name);
  gtk_stack_set_visible_child_name (self->main_stack, "status");
}

void
_mq_playlists_view_show_toast (MqPlaylistsView *self,
                               const char      *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, mq_toast_new (text));
}

static char *
dup_shown_age (MqPlaylistsView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) since = g_date_time_new_from_unix_local (mq_playlists_loader_get_since (self->loader));

  return mq_format_relative_time (since, now);
}

static void
update_count (MqPlaylistsView *self)
{
  guint total = mq_playlist_list_get_n_playlists (self->store);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autofree char *count = mq_format_playlist_count (shown, total);
  const char *query = mq_playlist_filter_get_query (self->filter);

  adw_view_switcher_title_set_subtitle (self->list_title, count);

  if (shown == 0 && total > 0)
    {
      g_autofree char *escaped = g_markup_escape_text (query != NULL ? query : "", -1);
      /* Translators: the search found nothing; %s is what was typed */
      g_autofree char *description = g_strdup_printf (_("No playlists match “%s”. Try part of a name, a label or an ID."),
                                                      escaped);

      adw_status_page_set_description (self->no_results_page, description);
      gtk_stack_set_visible_child_name (self->list_stack, "no-results");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
    }
}

static void
show_sign_in_page (MqPlaylistsView *self)
{
  MqAccount *account = self->session != NULL ? mq_session_get_account (self->session) : NULL;
  g_autofree char *description = NULL;

  mq_playlists_loader_cancel (self->loader);

  if (account != NULL)
    {
      g_autofree char *who = g_markup_escape_text (mq_account_get_display_name (account), -1);
      g_autofree char *host = g_markup_escape_text (mq_account_get_server_host (account), -1);

      /* Translators: "Jane Doe" on "cloud.viewneo.com" */
      description = g_strdup_printf (_("Sign in as %s on %s again to see the playlists."),
                                     who, host);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->sign_in_button), "s",
                                        mq_account_get_id (account));
    }

  adw_status_page_set_description (self->sign_in_page, description);
  show_status (self, "sign-in");
}

/* The account's saved server address is one the client refuses (a hand-edited
 * setting): no retry can help, and signing in again would go to the same address, so
 * the way out is signing out. Saved playlists are not shown as if they could update. */
static void
show_server_refused_page (MqPlaylistsView *self,
                          const GError    *error)
{
  MqAccount *account = self->session != NULL ? mq_session_get_account (self->session) : NULL;
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  mq_playlists_loader_cancel (self->loader);

  gtk_widget_set_visible (self->sign_out_button, account != NULL);
  if (account != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (self->sign_out_button), "s",
                                      mq_account_get_id (account));

  adw_status_page_set_description (self->server_refused_page, escaped);
  show_status (self, "server-refused");
}

/* The list could not be loaded: the cached or older list stays, with a banner, or
 * a page says why and what to do. */
static void
show_load_error (MqPlaylistsView *self,
                 const GError    *error)
{
  gboolean offline = g_error_matches (error, MQ_API_ERROR, MQ_API_ERROR_NETWORK);

  if (g_error_matches (error, MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED))
    {
      show_sign_in_page (self);
      return;
    }

  if (g_error_matches (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER))
    {
      show_server_refused_page (self, error);
      return;
    }

  if (mq_playlists_loader_get_since (self->loader) != 0)
    {
      g_autofree char *age = dup_shown_age (self);
      g_autofree char *title = NULL;

      if (offline)
        /* Translators: %s is how long ago, "2 hours ago" */
        title = g_strdup_printf (_("Offline — showing playlists saved %s"), age);
      else
        /* Translators: %s is how long ago, "2 hours ago" */
        title = g_strdup_printf (_("Could not update — showing playlists saved %s"), age);

      mq_banner_set_title (self->banner, title);
      mq_banner_set_button_label (self->banner, _("_Retry"));
      mq_banner_set_revealed (self->banner, TRUE);
      if (!offline)
        _mq_playlists_view_show_toast (self, error->message);
      return;
    }

  if (offline)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      g_autofree char *description = NULL;

      /* Translators: %s says why (the error's message) */
      description = g_strdup_printf (_("%s\nNo playlists were saved on this computer yet: connect and try again."),
                                     escaped);
      adw_status_page_set_description (self->offline_page, description);
      show_status (self, "offline");
    }
  else
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      show_status (self, "error");
    }
}

/* ---- screen groups, once per account ---- */

static void
screen_groups_changed_cb (MqPlaylistsView *self)
{
  const GError *error = mq_playlists_loader_get_screen_groups_error (self->loader);

  mq_playlist_detail_set_screen_groups (self->detail,
                                        mq_playlists_loader_get_screen_groups (self->loader),
                                        error);
  if (g_error_matches (error, MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED))
    show_sign_in_page (self);
}

/* ---- selection and navigation ---- */

static void
selected_item_changed_cb (MqPlaylistsView *self)
{
  MqPlaylist *playlist = gtk_single_selection_get_selected_item (self->selection);

  if (playlist == NULL)
    {
      /* A reload replaced the objects: the detail keeps the playlist it shows, which
       * select_playlist_by_id() selects again when it is still there. */
      return;
    }

  adw_window_title_set_title (self->detail_title, mq_playlist_get_name (playlist));
  mq_playlists_loader_ensure_screen_groups (self->loader);
  mq_playlist_detail_show (self->detail, playlist);
}

/* ---- rows ---- */

/* GTK 4.8's list view makes, binds and measures a row for each of the first 200 items
 * of a new list at once, whatever is in sight (GTK_LIST_VIEW_MAX_LIST_ITEMS): for a
 * list of hundreds, 4 cells each, that is 60 to 100 ms in one go on a slow machine.
 * The column view therefore gets a new list as a slice of it, the rows in sight first
 * and a few more each frame after, until GTK has all the rows it keeps; then all of
 * it, which makes no more rows. Positions in the slice are those in shown_model. */
#define ROWS_MIN_HEIGHT 20  /* px: a row of the list, one line of text (data-table) */
#define ROWS_PER_FRAME  8
#define ROWS_KEPT_BY_GTK 210

static void
show_all_rows (MqPlaylistsView *self)
{
  if (self->rows_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->rows_tick);
      self->rows_tick = 0;
    }
  gtk_slice_list_model_set_size (self->rows, G_MAXUINT);
}

static gboolean
add_rows (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       user_data)
{
  MqPlaylistsView *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->rows);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->shown_model));

  /* Not in the frame that first draws the list: it has enough to do. */
  if (!self->rows_drawn)
    {
      self->rows_drawn = TRUE;
      return G_SOURCE_CONTINUE;
    }

  if (size + ROWS_PER_FRAME >= MIN (n_items, ROWS_KEPT_BY_GTK))
    {
      self->rows_tick = 0;
      gtk_slice_list_model_set_size (self->rows, G_MAXUINT);
      return G_SOURCE_REMOVE;
    }

  gtk_slice_list_model_set_size (self->rows, size + ROWS_PER_FRAME);
  return G_SOURCE_CONTINUE;
}

/* As many rows as the window could show. */
static guint
get_rows_in_sight (MqPlaylistsView *self)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  int height = root != NULL ? gtk_widget_get_height (root) : 0;

  return MAX (height, 480) / ROWS_MIN_HEIGHT + 1;
}

/* Before a new list replaces the shown one: the column view gets as many rows as the
 * window could show, then ROWS_PER_FRAME more each frame. */
static void
show_rows_gradually (MqPlaylistsView *self)
{
  /* Not on screen: no frames would add the rest. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      show_all_rows (self);
      return;
    }

  gtk_slice_list_model_set_size (self->rows, get_rows_in_sight (self));
  self->rows_drawn = FALSE;
  if (self->rows_tick == 0)
    self->rows_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), add_rows, self, NULL);
}

/* Where @playlist is in the shown list, or GTK_INVALID_LIST_POSITION. Once sorted, the
 * list is in the order of the column view's sorter, a total one, so bisection finds it
 * in a few steps rather than a walk through 100,000 items. */
static guint
find_shown_position (MqPlaylistsView *self,
                     MqPlaylist      *playlist)
{
  GListModel *shown = G_LIST_MODEL (self->shown_model);
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  guint n_items = g_list_model_get_n_items (shown);
  guint low = 0;
  guint high = n_items;

  while (low < high && gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_TOTAL &&
         gtk_sort_list_model_get_pending (self->shown_model) == 0)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(MqPlaylist) item = g_list_model_get_item (shown, middle);

      if (item == playlist)
        return middle;
      if (gtk_sorter_compare (sorter, item, playlist) == GTK_ORDERING_SMALLER)
        low = middle + 1;
      else
        high = middle;
    }

  /* An order that is not total: look at each. */
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MqPlaylist) item = g_list_model_get_item (shown, i);

      if (item == playlist)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
scroll_to_position (MqPlaylistsView *self,
                    guint            position,
                    gboolean         select)
{
#if GTK_CHECK_VERSION (4, 12, 0)
  gtk_column_view_scroll_to (self->column_view, position, NULL,
                             select ? GTK_LIST_SCROLL_FOCUS | GTK_LIST_SCROLL_SELECT
                                    : GTK_LIST_SCROLL_NONE,
                             NULL);
#else
  /* Before 4.12 only the column view's inner list view knows how to scroll. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
    }
#endif
}

static void
scroll_to_selection_or_top (MqPlaylistsView *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  self->scroll_when_sorted = FALSE;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->shown_model)) == 0)
    return;

  scroll_to_position (self, selected != GTK_INVALID_LIST_POSITION ? selected : 0, FALSE);
}

/* The column the list is sorted by and its direction; FALSE when GTK cannot say. */
static gboolean
get_sort_order (MqPlaylistsView  *self,
                MqPlaylistColumn *column,
                GtkSortType      *direction)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  GtkColumnViewSorter *sorter = GTK_COLUMN_VIEW_SORTER (gtk_column_view_get_sorter (self->column_view));
  GtkColumnViewColumn *primary = gtk_column_view_sorter_get_primary_sort_column (sorter);

  if (primary == NULL || !MQ_IS_PLAYLIST_SORTER (gtk_column_view_column_get_sorter (primary)))
    return FALSE;

  *column = mq_playlist_sorter_get_column (MQ_PLAYLIST_SORTER (gtk_column_view_column_get_sorter (primary)));
  *direction = gtk_column_view_sorter_get_primary_sort_order (sorter);

  return TRUE;
#else
  if (self->sort_changed_by_user)
    return FALSE;

  /* As _mq_playlists_view_columns_init() left it. */
  *column = MQ_PLAYLIST_COLUMN_NAME;
  *direction = GTK_SORT_ASCENDING;

  return TRUE;
#endif
}

static gpointer
copy_object (gconstpointer object,
             gpointer      user_data)
{
  return g_object_ref ((gpointer) object);
}

/* Before a list with other playlists is set: the column sorters then find its
 * playlists' ranks from the start. */
static void
set_sorters_name_ranks (MqPlaylistsView *self,
                        MqNameRanks     *name_ranks)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkSorter *sorter = gtk_column_view_column_get_sorter (column);

      if (MQ_IS_PLAYLIST_SORTER (sorter))
        mq_playlist_sorter_set_name_ranks (MQ_PLAYLIST_SORTER (sorter), name_ranks);
    }
}

static int
compare_shown (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  MqPlaylistsView *self = user_data;

  return gtk_sorter_compare (gtk_column_view_get_sorter (self->column_view),
                             (gpointer) a, (gpointer) b);
}

/* Whether the store is in the order shown, or shown_model has to sort. */
static void
set_store_in_order (MqPlaylistsView  *self,
                    gboolean          in_order,
                    MqPlaylistColumn  column,
                    GtkSortType       direction)
{
  /* GTK >= 4.10 refuses user data without a function. */
  if (in_order != self->store_in_order)
    gtk_custom_sorter_set_sort_func (self->shown_sorter,
                                     in_order ? NULL : compare_shown,
                                     in_order ? NULL : self, NULL);

  self->store_in_order = in_order;
  self->store_column = column;
  self->store_direction = direction;
}

typedef struct
{
  GPtrArray        *unsorted;  /* the store's array when the sort started */
  GBytes           *unsorted_keys;
  MqNameRanks      *name_ranks;
  GPtrArray        *playlists;
  GBytes           *keys;
  MqPlaylistColumn  column;
  GtkSortType       direction;
} Resort;

static void
resort_free (Resort *resort)
{
  g_clear_pointer (&resort->unsorted, g_ptr_array_unref);
  g_clear_pointer (&resort->unsorted_keys, g_bytes_unref);
  g_clear_pointer (&resort->name_ranks, mq_name_ranks_unref);
  g_clear_pointer (&resort->playlists, g_ptr_array_unref);
  g_clear_pointer (&resort->keys, g_bytes_unref);
  g_free (resort);
}

static void
resort_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Resort *resort = task_data;
  gsize length;
  const char *key = g_bytes_get_data (resort->unsorted_keys, &length);
  g_autofree gpointer *keys = g_new (gpointer, resort->playlists->len);
  GString *sorted_keys = g_string_sized_new (length);

  /* The keys go with their playlists: nothing is folded again. */
  for (guint i = 0; i < resort->playlists->len; i++)
    {
      keys[i] = (gpointer) key;
      key += strlen (key) + 1;
    }
  mq_playlist_sort (resort->playlists, keys, resort->name_ranks, resort->column, resort->direction);
  for (guint i = 0; i < resort->playlists->len; i++)
    g_string_append_len (sorted_keys, keys[i], strlen (keys[i]) + 1);
  resort->keys = g_string_free_to_bytes (sorted_keys);

  g_task_return_boolean (task, TRUE);
}

static void
resorted (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  MqPlaylistsView *self = MQ_PLAYLISTS_VIEW (object);
  Resort *resort = g_task_get_task_data (G_TASK (result));
  MqPlaylistColumn column;
  GtkSortType direction;

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;

  /* Only for the list it was made from, and the order still wanted. */
  if (mq_playlist_list_get_playlists (self->store) != resort->unsorted ||
      !get_sort_order (self, &column, &direction) ||
      column != resort->column || direction != resort->direction)
    return;

  /* No sorting first, then the list in order: both before the next frame. */
  set_store_in_order (self, TRUE, column, direction);
  mq_playlist_list_set (self->store, resort->playlists, resort->keys,
                        mq_playlist_list_get_index (self->store), resort->name_ranks);
  if (gtk_sort_list_model_get_pending (self->shown_model) == 0)
    scroll_to_selection_or_top (self);
}

/* Puts the list in the order of the column view: @order_changed, the column view's
 * order changed, else the store's content. shown_model sorts a step at a time at once,
 * and meanwhile a worker sorts the store's array, much faster, which then replaces it. */
static void
sort_store (MqPlaylistsView *self,
            gboolean         order_changed)
{
  MqPlaylistColumn column;
  GtkSortType direction;
  gboolean known;

  g_cancellable_cancel (self->resort_cancellable);
  g_clear_object (&self->resort_cancellable);

  known = get_sort_order (self, &column, &direction);
  if (known && self->store_in_order &&
      column == self->store_column && direction == self->store_direction)
    return;

  if (self->store_in_order)
    set_store_in_order (self, FALSE, 0, 0);
  else if (order_changed)
    gtk_custom_sorter_set_sort_func (self->shown_sorter, compare_shown, self, NULL);

  if (known && g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 1)
    {
      g_autoptr(GTask) task = NULL;
      Resort *resort = g_new0 (Resort, 1);
      GPtrArray *unsorted = mq_playlist_list_get_playlists (self->store);

      resort->unsorted = g_ptr_array_ref (unsorted);
      resort->unsorted_keys = g_bytes_ref (mq_playlist_list_get_keys (self->store));
      resort->name_ranks = mq_name_ranks_ref (mq_playlist_list_get_name_ranks (self->store));
      resort->playlists = g_ptr_array_copy (unsorted, copy_object, NULL);
      g_ptr_array_set_free_func (resort->playlists, g_object_unref);
      resort->column = column;
      resort->direction = direction;

      self->resort_cancellable = g_cancellable_new ();
      task = g_task_new (self, self->resort_cancellable, resorted, NULL);
      g_task_set_source_tag (task, sort_store);
      g_task_set_task_data (task, resort, (GDestroyNotify) resort_free);
      g_task_run_in_thread (task, resort_thread);
    }
}

/* The next list comes from the loader's worker in the order shown. */
static void
update_loader_order (MqPlaylistsView *self)
{
  MqPlaylistColumn column = 0;
  GtkSortType direction = 0;
  gboolean known = get_sort_order (self, &column, &direction);

  mq_playlists_loader_set_order (self->loader, known, column, direction);
}

static void
sorter_changed_cb (MqPlaylistsView *self)
{
  /* A new order starts from its top, or shows where the selection went. */
  self->scroll_when_sorted = TRUE;
  self->sort_changed_by_user = TRUE;
  update_loader_order (self);

  sort_store (self, TRUE);

  if (gtk_sort_list_model_get_pending (self->shown_model) == 0)
    scroll_to_selection_or_top (self);
}

static void
sort_pending_changed_cb (MqPlaylistsView *self)
{
  /* While an incremental sort moves rows, the list keeps whichever row was at the top
   * in sight: a new list would end up scrolled to some middle. */
  if (self->scroll_when_sorted && gtk_sort_list_model_get_pending (self->shown_model) == 0)
    scroll_to_selection_or_top (self);
}

/* Selects the playlist @id, if it is in the list, clearing a search that hides it. */
static gboolean
select_playlist_by_id (MqPlaylistsView *self,
                       gint64           id,
                       gboolean         clear_search)
{
  MqPlaylist *playlist = mq_playlist_list_lookup (self->store, id);
  guint position;

  if (playlist == NULL)
    return FALSE;

  if (!gtk_filter_match (GTK_FILTER (self->filter), playlist))
    {
      if (!clear_search)
        return FALSE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      mq_playlist_filter_set_query (self->filter, NULL);
    }

  position = find_shown_position (self, playlist);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->rows)))
    show_all_rows (self);
  gtk_single_selection_set_selected (self->selection, position);
  scroll_to_position (self, position, TRUE);

  return TRUE;
}

static void
show_detail_pane (MqPlaylistsView *self)
{
  /* Side by side, the detail is already in sight. */
  if (!mq_split_view_get_folded (self->split_view))
    return;

  mq_split_view_set_show_content (self->split_view, TRUE);
  /* Focus at the top of the page it leads to, not on the first row further down
   * (which would scroll the page). */
  gtk_widget_grab_focus (self->back_button);
}

static void
column_view_activate_cb (MqPlaylistsView *self,
                         guint            position)
{
  gtk_single_selection_set_selected (self->selection, position);
  show_detail_pane (self);
}

static void
back_clicked_cb (MqPlaylistsView *self)
{
  mq_split_view_set_show_content (self->split_view, FALSE);
}

static void
nested_playlist_activated_cb (MqPlaylistsView *self,
                              gint64           id)
{
  if (!select_playlist_by_id (self, id, TRUE))
    _mq_playlists_view_show_toast (self, _("That playlist is not in this account’s list"));
}

static void
detail_load_failed_cb (MqPlaylistsView *self,
                       const GError    *error)
{
  if (g_error_matches (error, MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED))
    show_sign_in_page (self);
}

/* ---- search ---- */

/* GTK keeps the row of an item that stays in the list, and makes one for each new
 * item among the up to 200 it keeps rows for, 0.1 ms or more each, and drops the rows
 * of those that go, about as costly. When it has rows for all but a screenful of the
 * first matches (a broad query, a letter more), the matches go to it whole: a smaller
 * slice would drop the rows it has below the screen. Otherwise they come as a new list
 * does, the rows in sight first: GTK would make up to 200 rows in the keystroke. */
static void
matches_found_cb (MqPlaylistsView *self)
{
  guint n_found;
  guint kept;

  if (!self->store_in_order)
    {
      show_rows_gradually (self);
      return;
    }

  kept = mq_playlist_list_count_kept_head (self->store, ROWS_KEPT_BY_GTK, &n_found);
  if (MIN (n_found, ROWS_KEPT_BY_GTK) - kept > get_rows_in_sight (self))
    {
      /* A slice's rows are made once, for the matches, not first for a step
       * between the old and the new. */
      show_rows_gradually (self);
      if (gtk_slice_list_model_get_size (self->rows) != G_MAXUINT)
        mq_playlist_list_announce_at_once (self->store);
    }
}

static void
search_changed_cb (MqPlaylistsView *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* This runs on both ::changed and ::search-changed; only a new query changes rows. */
  if (g_strcmp0 (query, mq_playlist_filter_get_query (self->filter)) != 0)
    {
      MqPlaylist *selected = gtk_single_selection_get_selected_item (self->selection);
      gint64 selected_id = selected != NULL ? mq_playlist_get_id (selected) : 0;

      /* See matches_found_cb(). The selection, should a smaller slice drop it, is
       * taken up again when it still matches. */
      mq_playlist_filter_set_query (self->filter, query);
      if (selected_id != 0 &&
          gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
        select_playlist_by_id (self, selected_id, FALSE);
    }

  /* A search that finds nothing, typed on, changes no items: the page must still say
   * what is searched for now. */
  update_count (self);
}

static void
search_activate_cb (MqPlaylistsView *self)
{
  /* Enter in the search opens the first match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->shown_model)) == 0)
    return;

  gtk_single_selection_set_selected (self->selection, 0);
  show_detail_pane (self);
}

static void
set_search_mode (MqPlaylistsView *self,
                 gboolean         search_mode)
{
  search_mode = !!search_mode;
  if (self->search_mode == search_mode)
    return;

  self->search_mode = search_mode;
  if (!search_mode)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

/* ---- loading ---- */

/* A new list from the loader: into the store, before its state says how to show it. */
static void
loader_playlists_changed_cb (MqPlaylistsView *self)
{
  GPtrArray *playlists = mq_playlists_loader_get_playlists (self->loader);
  MqNameRanks *name_ranks = mq_playlists_loader_get_name_ranks (self->loader);
  MqPlaylistColumn column;
  GtkSortType direction;
  gboolean presorted;

  /* None: the account went, and mq_playlists_view_set_session() emptied the store. */
  if (playlists == NULL)
    return;

  presorted = mq_playlists_loader_get_order (self->loader, &column, &direction);
  /* In the order shown, when known: then nothing sorts it here (or, should the user
   * have chosen another order meanwhile, the worker does). */
  set_store_in_order (self, presorted, column, direction);
  /* One items-changed for the whole list, its rows a few at a time. */
  self->scroll_when_sorted = TRUE;
  show_rows_gradually (self);
  set_sorters_name_ranks (self, name_ranks);
  mq_playlist_list_set (self->store, playlists, mq_playlists_loader_get_keys (self->loader),
                        mq_playlists_loader_get_index (self->loader), name_ranks);
  sort_store (self, FALSE);
  self->list_is_new = TRUE;
}

/* The loader's list, in place of a status page; FALSE when it is empty. */
static gboolean
show_list (MqPlaylistsView *self)
{
  GPtrArray *playlists = mq_playlists_loader_get_playlists (self->loader);
  guint n_playlists = playlists != NULL ? playlists->len : 0;
  MqPlaylist *previous = mq_playlist_detail_get_playlist (self->detail);
  gint64 previous_id = previous != NULL ? mq_playlist_get_id (previous) : 0;

  self->list_is_new = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "playlists.export", n_playlists > 0);

  if (n_playlists == 0)
    {
      mq_banner_set_revealed (self->banner, FALSE);
      mq_playlist_detail_show (self->detail, NULL);
      show_status (self, "empty");
      return FALSE;
    }

  /* The spinner would go on animating, unseen. */
  mq_spinner_set_spinning (self->loading_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "playlists");
  update_count (self);

  if (previous_id != 0 && !select_playlist_by_id (self, previous_id, FALSE))
    {
      mq_playlist_detail_show (self->detail, NULL);
      adw_window_title_set_title (self->detail_title, NULL);
    }

  return TRUE;
}

static void
scroll_unless_sorting (MqPlaylistsView *self)
{
  if (gtk_sort_list_model_get_pending (self->shown_model) == 0)
    scroll_to_selection_or_top (self);
}

/* The server's list is asked for: a page says so while nothing is shown. */
static void
show_loading (MqPlaylistsView *self,
              gboolean         retrying)
{
  if (mq_playlists_loader_get_since (self->loader) == 0)
    {
      /* Translators: while connecting; %s is the server, "cloud.viewneo.com" */
      g_autofree char *text = g_strdup_printf (_("Connecting to %s…"),
                                               mq_account_get_server_host (mq_session_get_account (self->session)));

      adw_status_page_set_description (self->loading_page, text);
      show_status (self, "loading");
    }
  else if (retrying && mq_banner_get_revealed (self->banner))
    {
      /* Retrying from the offline banner: say that something happens. */
      mq_banner_set_title (self->banner, _("Updating…"));
      mq_banner_set_button_label (self->banner, NULL);
    }
}

static void
loader_state_changed_cb (MqPlaylistsView *self)
{
  MqPlaylistsLoaderState state = mq_playlists_loader_get_state (self->loader);
  MqPlaylistsLoaderState previous = self->shown_state;
  const GError *error = mq_playlists_loader_get_error (self->loader);

  self->shown_state = state;

  switch (state)
    {
    case MQ_PLAYLISTS_LOADER_STATE_IDLE:
      break;

    case MQ_PLAYLISTS_LOADER_STATE_LOADING:
      show_loading (self, previous == MQ_PLAYLISTS_LOADER_STATE_OFFLINE ||
                          previous == MQ_PLAYLISTS_LOADER_STATE_FAILED);
      break;

    case MQ_PLAYLISTS_LOADER_STATE_SHOWING_CACHE:
      if (show_list (self))
        {
          g_autofree char *age = dup_shown_age (self);
          /* Translators: %s is how long ago, "2 hours ago" */
          g_autofree char *title = g_strdup_printf (_("Showing playlists saved %s — updating…"), age);

          mq_banner_set_title (self->banner, title);
          mq_banner_set_button_label (self->banner, NULL);
          mq_banner_set_revealed (self->banner, TRUE);
          scroll_unless_sorting (self);
        }
      break;

    case MQ_PLAYLISTS_LOADER_STATE_FRESH:
      if (show_list (self))
        {
          mq_banner_set_revealed (self->banner, FALSE);
          scroll_unless_sorting (self);
        }
      break;

    case MQ_PLAYLISTS_LOADER_STATE_OFFLINE:
      /* The saved list came after the server failed: shown, and said so over it. */
      if (self->list_is_new)
        {
          if (show_list (self))
            {
              show_load_error (self, error);
              scroll_unless_sorting (self);
            }
          break;
        }
      show_load_error (self, error);
      break;

    case MQ_PLAYLISTS_LOADER_STATE_FAILED:
      show_load_error (self, error);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
loader_progress_cb (MqPlaylistsView *self,
                    guint            page,
                    guint            n_pages,
                    guint            n_items_so_far)
{
  g_autofree char *text = NULL;

  if (n_pages > 0)
    /* Translators: progress while the list loads page by page */
    text = g_strdup_printf (_("Loading page %u of %u…"), page + 1 <= n_pages ? page + 1 : n_pages,
                            n_pages);
  else
    /* Translators: progress while the list loads, the number of pages is not known */
    text = g_strdup_printf (ngettext ("%'u playlist so far…", "%'u playlists so far…",
                                      n_items_so_far), n_items_so_far);

  adw_status_page_set_description (self->loading_page, text);
}

static void
needs_sign_in_changed_cb (MqPlaylistsView *self)
{
  if (mq_session_get_needs_sign_in (self->session))
    show_sign_in_page (self);
}

static void
banner_button_clicked_cb (MqPlaylistsView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "playlists.reload", NULL);
}

/* ---- actions ---- */

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MqPlaylistsView *self = MQ_PLAYLISTS_VIEW (widget);

  MqPlaylistsLoaderState previous;

  /* Screen groups may have changed too: asked again with the next detail shown. */
  mq_playlists_loader_forget_screen_groups (self->loader);
  if (mq_playlist_detail_get_playlist (self->detail) != NULL)
    {
      mq_playlists_loader_ensure_screen_groups (self->loader);
      mq_playlist_detail_reload (self->detail);
    }

  previous = mq_playlists_loader_get_state (self->loader);
  mq_playlists_loader_reload (self->loader);
  /* Loading again, or failing again (a sign-in needed): the page says so again. */
  if (mq_playlists_loader_get_state (self->loader) == previous &&
      (previous == MQ_PLAYLISTS_LOADER_STATE_LOADING ||
       previous == MQ_PLAYLISTS_LOADER_STATE_OFFLINE ||
       previous == MQ_PLAYLISTS_LOADER_STATE_FAILED))
    loader_state_changed_cb (self);
}

static void
open_server_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MqPlaylistsView *self = MQ_PLAYLISTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->client == NULL)
    return;

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (mq_client_get_server_url (self->client));

    gtk_uri_launcher_launch (launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                             NULL, NULL, NULL);
  }
#else
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                mq_client_get_server_url (self->client), GDK_CURRENT_TIME);
#endif
}

/* ---- GObject ---- */

static void
mq_playlists_view_root (GtkWidget *widget)
{
  MqPlaylistsView *self = MQ_PLAYLISTS_VIEW (widget);

  GTK_WIDGET_CLASS (mq_playlists_view_parent_class)->root (widget);

  /* Typing anywhere in the window starts a search. */
  gtk_search_bar_set_key_capture_widget (self->search_bar,
                                         GTK_WIDGET (gtk_widget_get_root (widget)));
}

static void
mq_playlists_view_unroot (GtkWidget *widget)
{
  MqPlaylistsView *self = MQ_PLAYLISTS_VIEW (widget);

  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);

  GTK_WIDGET_CLASS (mq_playlists_view_parent_class)->unroot (widget);
}

static void
mq_playlists_view_dispose (GObject *object)
{
  MqPlaylistsView *self = MQ_PLAYLISTS_VIEW (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->rows_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->rows_tick);
      self->rows_tick = 0;
    }

  /* In-flight loads hold the loader: stop them, and hear nothing more from it. */
  if (self->loader != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->loader, self);
      mq_playlists_loader_set_session (self->loader, NULL, NULL);
      g_clear_object (&self->loader);
    }

  g_cancellable_cancel (self->resort_cancellable);
  g_clear_object (&self->resort_cancellable);

  /* Tearing down the column view changes its sorter and selection: nothing of ours
   * may react to that any more. */
  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->selection, self);
      g_signal_handlers_disconnect_by_data (self->shown_model, self);
      g_signal_handlers_disconnect_by_data (self->store, self);
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
    }

  /* AdwBin unparents its child itself: let it, before the template lets go of it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MQ_TYPE_PLAYLISTS_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->shown_model);
  g_clear_object (&self->shown_sorter);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (mq_playlists_view_parent_class)->dispose (object);
}

static void
mq_playlists_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MqPlaylistsView *self = MQ_PLAYLISTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, self->search_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_playlists_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MqPlaylistsView *self = MQ_PLAYLISTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_playlists_view_class_init (MqPlaylistsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mq_playlists_view_dispose;
  object_class->get_property = mq_playlists_view_get_property;
  object_class->set_property = mq_playlists_view_set_property;

  widget_class->root = mq_playlists_view_root;
  widget_class->unroot = mq_playlists_view_unroot;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MQ_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "playlists.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "playlists.export", NULL,
                                   _mq_playlists_view_export_action);
  gtk_widget_class_install_action (widget_class, "playlists.open-server", NULL,
                                   open_server_action);
  gtk_widget_class_install_property_action (widget_class, "playlists.search", "search-mode");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "playlists.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "playlists.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0,
                                       "playlists.reload", NULL);

  g_type_ensure (MQ_TYPE_BANNER);
  g_type_ensure (MQ_TYPE_PLAYLIST_DETAIL);
  mq_playlists_ensure_resources ();
  g_type_ensure (MQ_TYPE_SPINNER);
  g_type_ensure (MQ_TYPE_SPLIT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marqueesignage/Marquee/playlists/mq-playlists-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, status_stack);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, loading_page);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, offline_page);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, server_refused_page);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, sign_out_button);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, status_main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, status_account_menu_button);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, split_view);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, list_title);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, list_main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, list_account_menu_button);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, banner);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, detail_title);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, back_button);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistsView, detail);
  gtk_widget_class_bind_template_callback (widget_class, banner_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, nested_playlist_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_load_failed_cb);
}

static void
mq_playlists_view_init (MqPlaylistsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->loader = mq_playlists_loader_new ();
  g_signal_connect_object (self->loader, "notify::playlists",
                           G_CALLBACK (loader_playlists_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->loader, "notify::state",
                           G_CALLBACK (loader_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->loader, "notify::screen-groups",
                           G_CALLBACK (screen_groups_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->loader, "notify::screen-groups-error",
                           G_CALLBACK (screen_groups_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->loader, "progress",
                           G_CALLBACK (loader_progress_cb), self, G_CONNECT_SWAPPED);

  self->filter = mq_playlist_filter_new ();
  self->store = mq_playlist_list_new (self->filter);
  _mq_playlists_view_columns_init (self);
  /* Without a function: no order until one is needed (see set_store_in_order()). */
  self->shown_sorter = gtk_custom_sorter_new (NULL, NULL, NULL);
  self->shown_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                               g_object_ref (GTK_SORTER (self->shown_sorter)));
  /* Sorting 100,000 playlists in one go would freeze a few frames. */
  gtk_sort_list_model_set_incremental (self->shown_model, TRUE);
  /* As _mq_playlists_view_columns_init() sorts it, before any list. */
  self->store_in_order = get_sort_order (self, &self->store_column, &self->store_direction);
  mq_playlists_loader_set_order (self->loader, self->store_in_order, self->store_column,
                                 self->store_direction);
  mq_playlist_detail_set_playlist_index (self->detail, self->store);

  self->rows = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->shown_model)), 0, G_MAXUINT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selected_item_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "matches-found",
                           G_CALLBACK (matches_found_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shown_model, "notify::pending",
                           G_CALLBACK (sort_pending_changed_cb), self, G_CONNECT_SWAPPED);
  /* Filtering 100,000 playlists takes milliseconds: no need for the entry's delay
   * before ::search-changed (which then finds the query set already). */
  g_signal_connect_object (self->search_entry, "changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);

  /* The entry sits in a clamp: the bar does not find it by itself. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_object_bind_property (self, "search-mode", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->split_view, "folded", self->column_view, "single-click-activate",
                          G_BINDING_SYNC_CREATE);
  /* At 360 pixels there is room for name, entries and date only. */
  g_object_bind_property (self->split_view, "folded", self->type_column, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
#if ADW_CHECK_VERSION (1, 4, 0)
  /* The header bars of a collapsed AdwNavigationSplitView bring their own back button. */
  gtk_widget_set_visible (self->back_button, FALSE);
#else
  g_object_bind_property (self->split_view, "folded", self->back_button, "visible",
                          G_BINDING_SYNC_CREATE);
#endif

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "playlists.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "playlists.reload", FALSE);
  show_status (self, "loading");
}

GtkWidget *
mq_playlists_view_new (void)
{
  return g_object_new (MQ_TYPE_PLAYLISTS_VIEW, NULL);
}

void
mq_playlists_view_set_session (MqPlaylistsView *self,
                               MqSession       *session,
                               MqClient        *client)
{
  g_return_if_fail (MQ_IS_PLAYLISTS_VIEW (self));
  g_return_if_fail (session == NULL || MQ_IS_SESSION (session));
  g_return_if_fail (client == NULL || MQ_IS_CLIENT (client));
  g_return_if_fail ((session == NULL) == (client == NULL));

  /* Everything of the previous account goes. */
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  g_set_object (&self->client, client);
  if (g_set_object (&self->session, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);

  /* The saved list at once, then the server's. The loader lets go of the previous
   * list first, so that the store's background release is the last reference. */
  mq_playlists_loader_set_session (self->loader, session, client);
  self->shown_state = mq_playlists_loader_get_state (self->loader);
  self->list_is_new = FALSE;
  g_cancellable_cancel (self->resort_cancellable);
  set_sorters_name_ranks (self, NULL);
  mq_playlist_list_set (self->store, NULL, NULL, NULL, NULL);
  mq_playlist_detail_set_client (self->detail, client);
  mq_playlist_detail_set_screen_groups (self->detail, NULL, NULL);
  adw_window_title_set_title (self->detail_title, NULL);
  mq_banner_set_revealed (self->banner, FALSE);
  set_search_mode (self, FALSE);
  mq_split_view_set_show_content (self->split_view, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "playlists.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "playlists.reload", session != NULL);

  if (session == NULL)
    {
      adw_status_page_set_description (self->loading_page, NULL);
      show_status (self, "loading");
      mq_spinner_set_spinning (self->loading_spinner, FALSE);
      return;
    }

  g_signal_connect_swapped (session, "notify::needs-sign-in",
                            G_CALLBACK (needs_sign_in_changed_cb), self);
}

void
mq_playlists_view_read_ahead (MqPlaylistsView *self,
                              const char      *account_id)
{
  g_return_if_fail (MQ_IS_PLAYLISTS_VIEW (self));
  g_return_if_fail (account_id != NULL);

  if (self->session != NULL &&
      g_str_equal (mq_account_get_id (mq_session_get_account (self->session)), account_id))
    return;

  mq_playlists_loader_read_ahead (self->loader, account_id);
}

MqSession *
mq_playlists_view_get_session (MqPlaylistsView *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLISTS_VIEW (self), NULL);

  return self->session;
}

void
mq_playlists_view_set_main_menu (MqPlaylistsView *self,
                                 GMenuModel      *menu)
{
  g_return_if_fail (MQ_IS_PLAYLISTS_VIEW (self));

  mq_menu_button_set_menu_lazily (self->list_main_menu_button, menu);
  mq_menu_button_set_menu_lazily (self->status_main_menu_button, menu);
}

void
mq_playlists_view_set_account_menu (MqPlaylistsView *self,
                                    GMenuModel      *menu)
{
  g_return_if_fail (MQ_IS_PLAYLISTS_VIEW (self));

  mq_menu_button_set_menu_lazily (self->list_account_menu_button, menu);
  mq_menu_button_set_menu_lazily (self->status_account_menu_button, menu);
}

GListModel *
mq_playlists_view_get_shown (MqPlaylistsView *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLISTS_VIEW (self), NULL);

  return G_LIST_MODEL (self->shown_model);
}

void
mq_playlists_view_show_playlist (MqPlaylistsView *self,
                                 gint64           id)
{
  g_return_if_fail (MQ_IS_PLAYLISTS_VIEW (self));

  if (!select_playlist_by_id (self, id, TRUE))
    {
      _mq_playlists_view_show_toast (self, _("That playlist is not in this account’s list"));
      return;
    }

  show_detail_pane (self);
}
