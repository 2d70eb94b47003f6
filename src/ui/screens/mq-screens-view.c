/* mq-screens-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-screens"

#include <glib/gi18n.h>

#include "mq-api-error.h"
#include "mq-banner.h"
#include "mq-clock.h"
#include "mq-nested-playlists.h"
#include "mq-format-time.h"
#include "mq-playlists-resources.h"
#include "mq-screen-group-item.h"
#include "mq-screen-group-row.h"
#include "mq-screens-cache.h"
#include "mq-screens-view.h"
#include "mq-ui-utils.h"
#include "mq-spinner.h"

/* GLib has no signal for a wall-clock jump or a resume, and its timeouts run on the
 * monotonic clock, which stands still while the machine sleeps: a timeout set for the
 * next change would fire late by the time asleep. So every CLOCK_CHECK_SECONDS the page
 * compares how far the wall clock went against the monotonic one, and computes again
 * when they differ by more than CLOCK_JUMP_SECONDS. That catches a resume, a clock set
 * by hand and an NTP step alike, costs two clock reads, and needs no system bus
 * (logind's PrepareForSleep would miss clock changes and is absent in some sandboxes).
 * It runs only while the page is shown. */
#define CLOCK_CHECK_SECONDS 10
#define CLOCK_JUMP_SECONDS  2

struct _MqScreensView
{
  AdwBin                parent_instance;

  AdwViewSwitcherTitle *switcher_title;
  MqBanner             *banner;
  GtkMenuButton        *main_menu_button;
  GtkMenuButton        *account_menu_button;
  GtkStack             *stack;
  AdwStatusPage        *loading_page;
  MqSpinner            *loading_spinner;
  AdwStatusPage        *offline_page;
  AdwStatusPage        *error_page;
  GtkListBox           *list_box;

  MqClient             *client;
  char                 *account_id;  /* whose cache, or NULL for none */
  /* When the groups shown were saved (Unix time), 0 while they are the server's. */
  gint64                saved_at;
  /* A load was started for this client (it is not started again on every map). */
  gboolean              loaded;
  GCancellable         *cancellable;
  GListStore           *groups;

  /* One load: the two lists, then the playlists the groups play, nested ones too. */
  guint                 n_lists_pending;
  GPtrArray            *listed_groups;
  GPtrArray            *listed_devices;
  GError               *groups_error;
  GHashTable           *playlists;  /* id -> MqPlaylist, with its entries */
  GHashTable           *failures;   /* id -> GError */

  guint                 change_source;
  guint                 clock_source;
  gint64                checked_wall;
  gint64                checked_monotonic;
};

G_DEFINE_FINAL_TYPE (MqScreensView, mq_screens_view, ADW_TYPE_BIN)

enum {
  PLAYLIST_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  MqScreensView *self;
  GCancellable  *cancellable;
  gint64         id;
} Call;

static Call *
call_new (MqScreensView *self,
          gint64         id)
{
  Call *call = g_new0 (Call, 1);

  call->self = g_object_ref (self);
  call->cancellable = g_object_ref (self->cancellable);
  call->id = id;

  return call;
}

static void
call_free (Call *call)
{
  g_object_unref (call->self);
  g_object_unref (call->cancellable);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

/* ---- states ---- */

static void
show_status (MqScreensView *self,
             const char    *name)
{
  mq_spinner_set_spinning (self->loading_spinner, g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
show_error (MqScreensView *self,
            const GError  *error)
{
  /* Status page descriptions are markup. */
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  if (g_error_matches (error, MQ_API_ERROR, MQ_API_ERROR_NETWORK))
    {
      adw_status_page_set_description (self->offline_page, escaped);
      show_status (self, "offline");
    }
  else
    {
      adw_status_page_set_description (self->error_page, escaped);
      show_status (self, "error");
    }
}

static void
update_subtitle (MqScreensView *self)
{
  guint n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  g_autofree char *count = NULL;

  if (n_groups > 0)
    count = g_strdup_printf (ngettext ("%u screen group", "%u screen groups", n_groups), n_groups);
  adw_view_switcher_title_set_subtitle (self->switcher_title, count);
}

/* ---- what plays, and when it changes ---- */

static MqPlaylist *
resolve_cb (gint64   playlist_id,
            gpointer user_data)
{
  MqScreensView *self = user_data;

  return g_hash_table_lookup (self->playlists, &playlist_id);
}

static void update_now_playing (MqScreensView *self);

static gboolean
change_due_cb (gpointer user_data)
{
  MqScreensView *self = user_data;

  self->change_source = 0;
  update_now_playing (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_change (MqScreensView *self,
                 GDateTime     *at)
{
  gint64 wait_us;

  g_clear_handle_id (&self->change_source, g_source_remove);
  if (at == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  /* From the clock's second (which tests may set) and the real clock's fraction of it;
   * a little after the change, so that the moment computed is the change's own. */
  wait_us = (g_date_time_to_unix (at) - mq_clock_now ()) * G_USEC_PER_SEC
            - g_get_real_time () % G_USEC_PER_SEC + 100 * 1000;
  wait_us = MAX (wait_us, 100 * 1000);
  g_debug ("Next change in %" G_GINT64_FORMAT " ms", wait_us / 1000);

  self->change_source = g_timeout_add_full (G_PRIORITY_DEFAULT, wait_us / 1000,
                                            change_due_cb, self, NULL);
}

static void
update_now_playing (MqScreensView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (mq_clock_now ());
  g_autoptr(GDateTime) now = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) until = g_date_time_add_days (now, MQ_SCREENS_LOOK_AHEAD_DAYS);
  g_autoptr(GDateTime) earliest = NULL;

  self->checked_wall = mq_clock_now ();
  self->checked_monotonic = g_get_monotonic_time ();

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MqScreenGroupItem) item = g_list_model_get_item (G_LIST_MODEL (self->groups), i);
      gint64 id = mq_device_group_get_playlist_id (mq_screen_group_item_get_group (item));
      MqPlaylist *playlist = id != 0 ? g_hash_table_lookup (self->playlists, &id) : NULL;
      GDateTime *next;

      if (playlist == NULL)
        continue;

      mq_screen_group_item_update (item, playlist, resolve_cb, self, tz, now, until);
      next = mq_screen_group_item_get_next_change (item);
      if (next != NULL && (earliest == NULL || g_date_time_compare (next, earliest) < 0))
        {
          g_clear_pointer (&earliest, g_date_time_unref);
          earliest = g_date_time_ref (next);
        }
    }

  schedule_change (self, earliest);
}

static gboolean
clock_check_cb (gpointer user_data)
{
  MqScreensView *self = user_data;
  gint64 wall = mq_clock_now ();
  gint64 expected = self->checked_wall
                    + (g_get_monotonic_time () - self->checked_monotonic) / G_USEC_PER_SEC;

  if (ABS (wall - expected) > CLOCK_JUMP_SECONDS)
    {
      g_debug ("The wall clock jumped by %" G_GINT64_FORMAT " s: computing again", wall - expected);
      update_now_playing (self);
    }
  else
    {
      self->checked_wall = wall;
      self->checked_monotonic = g_get_monotonic_time ();
    }

  return G_SOURCE_CONTINUE;
}

/* ---- loading ---- */

static void
all_fetched (MqScreensView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->groups));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MqScreenGroupItem) item = g_list_model_get_item (G_LIST_MODEL (self->groups), i);
      gint64 id = mq_device_group_get_playlist_id (mq_screen_group_item_get_group (item));
      const GError *failure = g_hash_table_lookup (self->failures, &id);

      if (failure != NULL)
        mq_screen_group_item_set_failed (item, failure);
    }

  update_now_playing (self);
}

static void
playlists_fetched_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  MqScreensView *self = call->self;
  g_autoptr(GHashTable) playlists = NULL;
  g_autoptr(GHashTable) failures = NULL;
  g_autoptr(GError) error = NULL;

  playlists = mq_nested_playlists_fetch_finish (result, &failures, &error);
  if (g_cancellable_is_cancelled (call->cancellable))
    return;

  /* Without MQ_NESTED_PLAYLISTS_FAIL_FAST only a cancellation fails. */
  if (playlists == NULL)
    {
      g_debug ("The playlists could not be fetched: %s", error->message);
      return;
    }

  g_hash_table_unref (self->playlists);
  self->playlists = g_steal_pointer (&playlists);
  g_hash_table_unref (self->failures);
  self->failures = g_steal_pointer (&failures);
  all_fetched (self);
}

/* The playlists the groups play, and those nested in them. */
static void
fetch_playlists (MqScreensView *self,
                 GPtrArray     *listed_groups)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), listed_groups->len);

  for (guint i = 0; i < listed_groups->len; i++)
    {
      gint64 id = mq_device_group_get_playlist_id (g_ptr_array_index (listed_groups, i));

      g_array_append_val (ids, id);
    }

  mq_nested_playlists_fetch_async (self->client, (const gint64 *) ids->data, ids->len,
                                   MQ_NESTED_PLAYLISTS_NONE, self->cancellable,
                                   playlists_fetched_cb, call_new (self, 0));
}

static GPtrArray *
dup_group_devices (GPtrArray     *listed_devices,
                   MqDeviceGroup *group)
{
  GPtrArray *embedded = mq_device_group_get_devices (group);
  GPtrArray *devices;

  if (embedded != NULL)
    return g_ptr_array_ref (embedded);

  devices = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; listed_devices != NULL && i < listed_devices->len; i++)
    {
      MqDevice *device = g_ptr_array_index (listed_devices, i);

      if (mq_device_get_device_group_id (device) == mq_device_group_get_id (group))
        g_ptr_array_add (devices, g_object_ref (device));
    }

  return devices;
}

/* The groups of @listed_groups, in place of those shown, each saying that what it plays
 * is being found out. */
static guint
show_groups (MqScreensView *self,
             GPtrArray     *listed_groups,
             GPtrArray     *listed_devices)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < listed_groups->len; i++)
    {
      MqDeviceGroup *group = g_ptr_array_index (listed_groups, i);
      g_autoptr(GPtrArray) devices = dup_group_devices (listed_devices, group);

      g_ptr_array_add (items, mq_screen_group_item_new (group, devices));
    }

  g_list_store_splice (self->groups, 0, g_list_model_get_n_items (G_LIST_MODEL (self->groups)),
                       items->pdata, items->len);
  update_subtitle (self);
  show_status (self, items->len > 0 ? "groups" : "empty");

  return items->len;
}

static char *
dup_saved_age (MqScreensView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) since = g_date_time_new_from_unix_local (self->saved_at);

  return mq_format_relative_time (since, now);
}

static void
cache_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mq_screens_cache_save_finish (result, &error))
    g_debug ("The screens could not be saved: %s", error->message);
}

static void
cache_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  MqScreensView *self = call->self;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *age = NULL;
  g_autofree char *title = NULL;
  gint64 saved_at = 0;

  /* A damaged cache is as good as none. */
  if (!mq_screens_cache_load_finish (result, &groups, &devices, &saved_at, &error))
    g_debug ("The saved screens could not be read: %s", error->message);
  if (g_cancellable_is_cancelled (call->cancellable))
    return;

  /* The server answered first, or nothing was saved: nothing older to show. */
  if (groups == NULL || groups->len == 0 || self->n_lists_pending == 0)
    return;

  self->saved_at = MAX (saved_at, 1);
  show_groups (self, groups, devices);

  age = dup_saved_age (self);
  /* Translators: %s is how long ago, "2 hours ago" */
  title = g_strdup_printf (_("Showing screens saved %s — updating…"), age);
  mq_banner_set_title (self->banner, title);
  mq_banner_set_button_label (self->banner, NULL);
  mq_banner_set_revealed (self->banner, TRUE);
}

/* The server failed while saved groups are shown: they stay, with a banner. */
static void
show_saved_after_error (MqScreensView *self,
                        const GError  *error)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  g_autofree char *age = dup_saved_age (self);
  g_autofree char *title = NULL;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MqScreenGroupItem) item = g_list_model_get_item (G_LIST_MODEL (self->groups), i);

      mq_screen_group_item_set_failed (item, error);
    }

  if (g_error_matches (error, MQ_API_ERROR, MQ_API_ERROR_NETWORK))
    /* Translators: %s is how long ago, "2 hours ago" */
    title = g_strdup_printf (_("Offline — showing screens saved %s"), age);
  else
    /* Translators: %s is how long ago, "2 hours ago" */
    title = g_strdup_printf (_("Could not update — showing screens saved %s"), age);

  mq_banner_set_title (self->banner, title);
  mq_banner_set_button_label (self->banner, _("_Retry"));
  mq_banner_set_revealed (self->banner, TRUE);
}

static void
lists_done (MqScreensView *self)
{
  if (self->groups_error != NULL && self->saved_at != 0)
    {
      show_saved_after_error (self, self->groups_error);
      return;
    }

  if (self->groups_error != NULL)
    {
      g_list_store_remove_all (self->groups);
      update_subtitle (self);
      show_error (self, self->groups_error);
      return;
    }

  /* The server's groups in place of the saved ones, and saved for next time. */
  self->saved_at = 0;
  mq_banner_set_revealed (self->banner, FALSE);
  show_groups (self, self->listed_groups, self->listed_devices);
  if (self->account_id != NULL)
    mq_screens_cache_save_async (self->account_id, self->listed_groups, self->listed_devices,
                                 NULL, cache_saved_cb, NULL);

  fetch_playlists (self, self->listed_groups);
}

static void
groups_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  MqScreensView *self = call->self;
  g_autoptr(GError) error = NULL;
  GPtrArray *groups;

  groups = mq_client_list_device_groups_finish (MQ_CLIENT (object), result, &error);
  if (g_cancellable_is_cancelled (call->cancellable))
    {
      g_clear_pointer (&groups, g_ptr_array_unref);
      return;
    }

  self->listed_groups = groups;
  self->groups_error = g_steal_pointer (&error);
  if (--self->n_lists_pending == 0)
    lists_done (self);
}

static void
devices_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  MqScreensView *self = call->self;
  g_autoptr(GError) error = NULL;
  GPtrArray *devices;

  devices = mq_client_list_devices_finish (MQ_CLIENT (object), result, NULL, &error);
  if (g_cancellable_is_cancelled (call->cancellable))
    {
      g_clear_pointer (&devices, g_ptr_array_unref);
      return;
    }

  /* Without the list, groups show the screens they embed, if any. */
  if (devices == NULL)
    g_debug ("The screens could not be listed: %s", error->message);
  self->listed_devices = devices;
  if (--self->n_lists_pending == 0)
    lists_done (self);
}

static void
reset_load (MqScreensView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->listed_groups, g_ptr_array_unref);
  g_clear_pointer (&self->listed_devices, g_ptr_array_unref);
  g_clear_error (&self->groups_error);
  g_hash_table_remove_all (self->playlists);
  g_hash_table_remove_all (self->failures);
  self->n_lists_pending = 0;
  g_clear_handle_id (&self->change_source, g_source_remove);
}

/* Two small lists, asked for only when the page is first shown; the groups saved last
 * time show meanwhile. */
static void
load (MqScreensView *self)
{
  reset_load (self);
  if (self->client == NULL)
    return;

  self->loaded = TRUE;
  self->cancellable = g_cancellable_new ();

  if (g_list_model_get_n_items (G_LIST_MODEL (self->groups)) == 0)
    show_status (self, "loading");
  else
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->groups)); i++)
      {
        g_autoptr(MqScreenGroupItem) item = g_list_model_get_item (G_LIST_MODEL (self->groups), i);

        mq_screen_group_item_set_loading (item);
      }

  /* Cache first, then the server: the saved groups show while the lists load. */
  if (self->account_id != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->groups)) == 0)
    mq_screens_cache_load_async (self->account_id, self->cancellable, cache_loaded_cb,
                                 call_new (self, 0));

  self->n_lists_pending = 2;
  mq_client_list_device_groups_async (self->client, self->cancellable, groups_listed_cb,
                                      call_new (self, 0));
  mq_client_list_devices_async (self->client, self->cancellable, devices_listed_cb,
                                call_new (self, 0));
}

static void
banner_button_clicked_cb (MqScreensView *self)
{
  mq_banner_set_title (self->banner, _("Updating…"));
  mq_banner_set_button_label (self->banner, NULL);
  load (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  load (MQ_SCREENS_VIEW (widget));
}

static void
row_activated_cb (MqScreensView *self,
                  GtkListBoxRow *row)
{
  MqScreenGroupItem *item = mq_screen_group_row_get_item (MQ_SCREEN_GROUP_ROW (row));
  gint64 id = mq_device_group_get_playlist_id (mq_screen_group_item_get_group (item));

  if (id != 0)
    g_signal_emit (self, signals[PLAYLIST_ACTIVATED], 0, id);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return mq_screen_group_row_new (MQ_SCREEN_GROUP_ITEM (item));
}

/* ---- GtkWidget ---- */

static void
mq_screens_view_map (GtkWidget *widget)
{
  MqScreensView *self = MQ_SCREENS_VIEW (widget);

  GTK_WIDGET_CLASS (mq_screens_view_parent_class)->map (widget);

  if (!self->loaded && self->client != NULL)
    load (self);
  else
    update_now_playing (self);  /* what changed while hidden */

  if (self->clock_source == 0)
    self->clock_source = g_timeout_add_seconds (CLOCK_CHECK_SECONDS, clock_check_cb, self);
}

static void
mq_screens_view_unmap (GtkWidget *widget)
{
  MqScreensView *self = MQ_SCREENS_VIEW (widget);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  g_clear_handle_id (&self->change_source, g_source_remove);

  GTK_WIDGET_CLASS (mq_screens_view_parent_class)->unmap (widget);
}

static void
mq_screens_view_dispose (GObject *object)
{
  MqScreensView *self = MQ_SCREENS_VIEW (object);

  reset_load (self);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MQ_TYPE_SCREENS_VIEW);
  g_clear_object (&self->client);
  g_clear_object (&self->groups);

  G_OBJECT_CLASS (mq_screens_view_parent_class)->dispose (object);
}

static void
mq_screens_view_finalize (GObject *object)
{
  MqScreensView *self = MQ_SCREENS_VIEW (object);

  g_clear_pointer (&self->playlists, g_hash_table_unref);
  g_clear_pointer (&self->failures, g_hash_table_unref);
  g_clear_pointer (&self->account_id, g_free);

  G_OBJECT_CLASS (mq_screens_view_parent_class)->finalize (object);
}

static void
mq_screens_view_class_init (MqScreensViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mq_screens_view_dispose;
  object_class->finalize = mq_screens_view_finalize;
  widget_class->map = mq_screens_view_map;
  widget_class->unmap = mq_screens_view_unmap;

  /**
   * MqScreensView::playlist-activated:
   * @id: the playlist's id
   *
   * A screen group was chosen: its playlist should be shown.
   */
  signals[PLAYLIST_ACTIVATED] = g_signal_new ("playlist-activated",
                                              G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (MQ_TYPE_BANNER);
  mq_playlists_ensure_resources ();
  g_type_ensure (MQ_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marqueesignage/Marquee/screens/mq-screens-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MqScreensView, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, MqScreensView, banner);
  gtk_widget_class_bind_template_child (widget_class, MqScreensView, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, MqScreensView, account_menu_button);
  gtk_widget_class_bind_template_child (widget_class, MqScreensView, stack);
  gtk_widget_class_bind_template_child (widget_class, MqScreensView, loading_page);
  gtk_widget_class_bind_template_child (widget_class, MqScreensView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, MqScreensView, offline_page);
  gtk_widget_class_bind_template_child (widget_class, MqScreensView, error_page);
  gtk_widget_class_bind_template_child (widget_class, MqScreensView, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, banner_button_clicked_cb);

  gtk_widget_class_install_action (widget_class, "screens.reload", NULL, reload_action);
}

static void
mq_screens_view_init (MqScreensView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = g_list_store_new (MQ_TYPE_SCREEN_GROUP_ITEM);
  self->playlists = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->failures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                          (GDestroyNotify) g_error_free);

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->groups), create_row, NULL, NULL);
  show_status (self, "loading");
}

GtkWidget *
mq_screens_view_new (void)
{
  return g_object_new (MQ_TYPE_SCREENS_VIEW, NULL);
}

void
mq_screens_view_set_client (MqScreensView *self,
                            MqClient      *client)
{
  g_return_if_fail (MQ_IS_SCREENS_VIEW (self));
  g_return_if_fail (client == NULL || MQ_IS_CLIENT (client));

  if (self->client == client)
    return;

  reset_load (self);
  g_set_object (&self->client, client);
  self->loaded = FALSE;
  self->saved_at = 0;
  mq_banner_set_revealed (self->banner, FALSE);
  g_list_store_remove_all (self->groups);
  update_subtitle (self);
  show_status (self, "loading");

  if (client != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

/* The account whose screens are saved for next time; NULL saves none. Set before the
 * client. */
void
mq_screens_view_set_account_id (MqScreensView *self,
                                const char    *account_id)
{
  g_return_if_fail (MQ_IS_SCREENS_VIEW (self));

  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
}

MqClient *
mq_screens_view_get_client (MqScreensView *self)
{
  g_return_val_if_fail (MQ_IS_SCREENS_VIEW (self), NULL);

  return self->client;
}

void
mq_screens_view_set_main_menu (MqScreensView *self,
                               GMenuModel    *menu)
{
  g_return_if_fail (MQ_IS_SCREENS_VIEW (self));

  mq_menu_button_set_menu_lazily (self->main_menu_button, menu);
}

void
mq_screens_view_set_account_menu (MqScreensView *self,
                                  GMenuModel    *menu)
{
  g_return_if_fail (MQ_IS_SCREENS_VIEW (self));

  mq_menu_button_set_menu_lazily (self->account_menu_button, menu);
}

GListModel *
mq_screens_view_get_groups (MqScreensView *self)
{
  g_return_val_if_fail (MQ_IS_SCREENS_VIEW (self), NULL);

  return G_LIST_MODEL (self->groups);
}
