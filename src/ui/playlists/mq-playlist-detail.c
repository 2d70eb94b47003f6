/* mq-playlist-detail.c: the detail pane of one playlist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <glib/gi18n.h>

#include "mq-clock.h"
#include "mq-device-group.h"
#include "mq-entry-row.h"
#include "mq-playing-at.h"
#include "mq-playlist-detail.h"
#include "mq-playlist-entry.h"
#include "mq-entry-kind.h"
#include "mq-format-duration.h"
#include "mq-format-time.h"
#include "mq-playlist-format.h"
#include "mq-playlists-resources.h"
#include "mq-schedule.h"
#include "mq-spinner.h"
#include "mq-timeline.h"
#include "mq-ui-utils.h"
#include "mq-week-view.h"

/* Thumbnails kept for the whole account: a few pages of entries. */
#define THUMBNAIL_CACHE_SIZE 64
/* Playlists loaded with their entries, kept to expand nested ones: forgotten all at
 * once past this many. */
#define LOADED_PLAYLISTS_SIZE 64
/* How far ahead "Now" looks for the next change of what plays: a week is cheap. */
#define NEXT_CHANGE_HORIZON_DAYS 7

struct _MqPlaylistDetail
{
  AdwBin            parent_instance;

  MqClient         *client;
  MqThumbnailCache *thumbnails;
  MqPlaylistList   *playlists;
  GHashTable       *groups_by_playlist;
  GError           *groups_error;

  MqPlaylist       *playlist;
  GCancellable     *cancellable;
  gboolean          loading;
  guint             thumbnail_check_id;
  /* gint64 id -> MqPlaylist with entries: what nested entries expand into. */
  GHashTable       *loaded_playlists;
  GStrv             titles;
  guint             moment_timeout_id;

  GtkStack         *stack;
  GtkScrolledWindow *scrolled_window;
  AdwPreferencesGroup *timeline_group;
  MqTimeline       *timeline;
  GtkFlowBox       *legend;
  MqPlayingAt      *playing_at;
  GtkLabel         *loop_label;
  AdwPreferencesGroup *week_group;
  MqWeekView       *week_view;
  AdwPreferencesGroup *entries_group;
  GtkStack         *entries_stack;
  MqSpinner        *entries_spinner;
  GtkLabel         *entries_error_label;
  GtkListBox       *entries_list;
  GtkListBox       *groups_list;
  AdwActionRow     *id_row;
  AdwActionRow     *name_row;
  AdwActionRow     *comment_row;
  AdwActionRow     *label_row;
  AdwActionRow     *type_row;
  AdwActionRow     *order_row;
  AdwActionRow     *rule_row;
  AdwActionRow     *flags_row;
  AdwActionRow     *created_row;
  AdwActionRow     *updated_row;
  AdwActionRow     *events_row;
};

G_DEFINE_FINAL_TYPE (MqPlaylistDetail, mq_playlist_detail, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

enum {
  PLAYLIST_ACTIVATED,
  LOAD_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
remove_all_children (GtkWidget *container,
                     void     (*remove) (GtkWidget *container, GtkWidget *child))
{
  GtkWidget *child;

  /* gtk_list_box_remove_all() and gtk_flow_box_remove_all() are GTK 4.12. */
  while ((child = gtk_widget_get_first_child (container)) != NULL)
    remove (container, child);
}

static void
list_box_remove (GtkWidget *container,
                 GtkWidget *child)
{
  gtk_list_box_remove (GTK_LIST_BOX (container), child);
}

static void
flow_box_remove (GtkWidget *container,
                 GtkWidget *child)
{
  gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
}

static void
set_loading (MqPlaylistDetail *self,
             gboolean          loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  mq_spinner_set_spinning (self->entries_spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_row_value (AdwActionRow *row,
               const char   *value)
{
  adw_action_row_set_subtitle (row, value != NULL && *value != '\0' ? value : _("None"));
}

static void
set_row_date (AdwActionRow *row,
              GDateTime    *date)
{
  g_autofree char *exact = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (date == NULL)
    {
      set_row_value (row, NULL);
      return;
    }

  now = g_date_time_new_now_local ();
  exact = mq_format_date_time (date);
  relative = mq_format_relative_time (date, now);
  /* Translators: an exact date, then how long ago: "12 March 2024, 14:05 (3 days ago)" */
  text = g_strdup_printf (_("%s (%s)"), exact, relative);
  set_row_value (row, text);
}

static void
show_fields (MqPlaylistDetail *self)
{
  MqPlaylist *playlist = self->playlist;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, mq_playlist_get_id (playlist));
  g_autofree char *type = mq_format_playlist_type (mq_playlist_get_playlist_type (playlist));
  g_autofree char *order = g_strdup_printf ("%d", mq_playlist_get_playback_order (playlist));
  g_autofree char *rule = g_strdup_printf ("%d", mq_playlist_get_playback_rule (playlist));
  g_autofree char *flags = mq_format_playlist_flags (mq_playlist_get_flags (playlist));
  g_autofree char *events = g_strdup_printf ("%u", mq_playlist_get_events_count (playlist));
  g_autoptr(GDateTime) created_at = mq_playlist_dup_created_at (playlist);
  g_autoptr(GDateTime) updated_at = mq_playlist_dup_updated_at (playlist);

  set_row_value (self->id_row, id);
  set_row_value (self->name_row, mq_playlist_get_name (playlist));
  set_row_value (self->comment_row, mq_playlist_get_comment (playlist));
  set_row_value (self->label_row, mq_playlist_get_label (playlist));
  set_row_value (self->type_row, type);
  set_row_value (self->order_row, order);
  set_row_value (self->rule_row, rule);
  set_row_value (self->flags_row, flags);
  set_row_date (self->created_row, created_at);
  set_row_date (self->updated_row, updated_at);
  set_row_value (self->events_row, events);
}

static GtkWidget *
new_message_row (const char *text,
                 gboolean    spinning)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "dim-label");
  if (spinning)
    {
      GtkWidget *spinner = mq_spinner_new ();

      mq_spinner_set_spinning (MQ_SPINNER (spinner), TRUE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), spinner);
    }

  return row;
}

static GtkWidget *
new_group_row (MqDeviceGroup *group)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("video-display-symbolic");
  int n_devices = mq_device_group_get_device_count (group);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mq_device_group_get_name (group));
  if (n_devices >= 0)
    {
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%d screen", "%d screens",
                                                             n_devices), n_devices);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Screen group"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  return row;
}

static void
show_screen_groups (MqPlaylistDetail *self)
{
  GPtrArray *groups = NULL;
  gint64 id;

  remove_all_children (GTK_WIDGET (self->groups_list), list_box_remove);
  if (self->playlist == NULL)
    return;

  if (self->groups_error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not load the screen groups: %s"),
                                               self->groups_error->message);

      gtk_list_box_append (self->groups_list, new_message_row (text, FALSE));
      return;
    }

  if (self->groups_by_playlist == NULL)
    {
      gtk_list_box_append (self->groups_list,
                           new_message_row (_("Loading screen groups…"), TRUE));
      return;
    }

  id = mq_playlist_get_id (self->playlist);
  groups = g_hash_table_lookup (self->groups_by_playlist, &id);
  if (groups == NULL || groups->len == 0)
    {
      gtk_list_box_append (self->groups_list,
                           new_message_row (_("No screen group plays this playlist"), FALSE));
      return;
    }

  for (guint i = 0; i < groups->len; i++)
    gtk_list_box_append (self->groups_list, new_group_row (g_ptr_array_index (groups, i)));
}

static const char *
lookup_playlist_name (MqPlaylistDetail *self,
                      gint64            id)
{
  MqPlaylist *playlist;

  if (id == 0 || self->playlists == NULL)
    return NULL;

  playlist = mq_playlist_list_lookup (self->playlists, id);

  return playlist != NULL ? mq_playlist_get_name (playlist) : NULL;
}

static GtkWidget *
new_legend_item (const char *style_name,
                 const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (swatch, "mq-swatch");
  gtk_widget_add_css_class (swatch, style_name);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (swatch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

/* One title per entry, nested playlists by name: the timeline's and the week's. */
static GStrv
dup_titles (MqPlaylistDetail *self,
            GListModel       *entries)
{
  guint n_entries = g_list_model_get_n_items (entries);
  GStrv titles = g_new0 (char *, n_entries + 1);

  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, i);
      gint64 nested_id = mq_playlist_entry_get_nested_playlist_id (entry);

      titles[i] = mq_entry_dup_title (entry, lookup_playlist_name (self, nested_id));
    }

  return titles;
}

static void
show_timeline (MqPlaylistDetail *self,
               GListModel       *entries)
{
  guint n_entries = g_list_model_get_n_items (entries);
  gboolean kinds_seen[MQ_N_ENTRY_KINDS] = { FALSE, };
  gboolean any_scheduled = FALSE;

  remove_all_children (GTK_WIDGET (self->legend), flow_box_remove);

  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, i);

      kinds_seen[mq_entry_kind_of (entry)] = TRUE;
      any_scheduled |= mq_playlist_entry_get_play_rule (entry) == MQ_PLAY_RULE_SCHEDULED;
    }

  mq_timeline_set_entries (self->timeline, entries, (const char * const *) self->titles);
  adw_preferences_group_set_description (self->timeline_group,
                                         mq_timeline_get_summary (self->timeline));

  for (MqEntryKind kind = 0; kind < MQ_N_ENTRY_KINDS; kind++)
    {
      if (kinds_seen[kind])
        gtk_flow_box_append (self->legend,
                             new_legend_item (mq_entry_kind_get_style_name (kind),
                                              mq_entry_kind_get_label (kind)));
    }
  if (any_scheduled)
    gtk_flow_box_append (self->legend, new_legend_item ("scheduled", _("Scheduled")));

  gtk_widget_set_visible (GTK_WIDGET (self->timeline_group), n_entries > 0);
}

/* The playlist nested as @playlist_id, if it was loaded with its entries: borrowed. */
static MqPlaylist *
resolve_playlist_cb (gint64   playlist_id,
                     gpointer user_data)
{
  MqPlaylistDetail *self = user_data;

  return g_hash_table_lookup (self->loaded_playlists, &playlist_id);
}

static void
remember_loaded_playlist (MqPlaylistDetail *self,
                          MqPlaylist       *playlist)
{
  gint64 *id = g_new (gint64, 1);

  if (g_hash_table_size (self->loaded_playlists) >= LOADED_PLAYLISTS_SIZE)
    g_hash_table_remove_all (self->loaded_playlists);

  *id = mq_playlist_get_id (playlist);
  g_hash_table_replace (self->loaded_playlists, id, g_object_ref (playlist));
}

static GDateTime *
dup_clock_now (GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (mq_clock_now ());

  return g_date_time_to_timezone (utc, tz);
}

/* The Monday, 00:00, of the week @at is in. */
static GDateTime *
dup_week_start (GTimeZone *tz,
                GDateTime *at)
{
  g_autoptr(GDateTime) day = g_date_time_new (tz, g_date_time_get_year (at),
                                              g_date_time_get_month (at),
                                              g_date_time_get_day_of_month (at), 0, 0, 0);
  g_autoptr(GDateTime) monday = g_date_time_add_days (day, 1 - g_date_time_get_day_of_week (at));

  /* Midnight may not exist on the day clocks go forward: the day is what matters. */
  return g_date_time_new (tz, g_date_time_get_year (monday), g_date_time_get_month (monday),
                          g_date_time_get_day_of_month (monday), 0, 0, 0);
}

static void
show_week (MqPlaylistDetail *self,
           GTimeZone        *tz,
           GDateTime        *at,
           GDateTime        *now)
{
  GListModel *entries = mq_playlist_get_entries (self->playlist);
  g_autoptr(GDateTime) first_day = dup_week_start (tz, at);
  g_autofree char *date = NULL;
  g_autofree char *zone = mq_schedule_dup_zone_name (tz, at);
  g_autofree char *description = NULL;

  mq_week_view_set_entries (self->week_view, entries, (const char * const *) self->titles,
                            tz, first_day, now);

  /* Translators: the first day of the week view, see strftime(3) */
  date = g_date_time_format (first_day, C_("week date", "%-d %B %Y"));
  /* Translators: below "Week": the Monday it starts on, then the time zone, "Week of
   * 10 March 2025, hours in Europe/Berlin (CET)" */
  description = g_strdup_printf (_("Week of %s, hours in %s"), date, zone);
  adw_preferences_group_set_description (self->week_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->week_group), g_list_model_get_n_items (entries) > 0);
}

static char *
dup_loop_text (GDateTime               *chosen,
               const char              *moment,
               const char              *zone,
               GPtrArray               *active,
               const MqScheduleSummary *summary)
{
  g_autofree char *duration = NULL;
  g_autofree char *bound = NULL;

  if (active->len == 0)
    {
      if (chosen == NULL)
        /* Translators: the loop now, when no entry plays; %s is the time zone */
        return g_strdup_printf (_("Nothing plays now, %s"), zone);
      /* Translators: the loop at a chosen moment, when no entry plays: the moment,
       * then the time zone */
      return g_strdup_printf (_("Nothing plays at %s, %s"), moment, zone);
    }

  duration = mq_format_duration_long (MIN (summary->loop_duration_ms / 1000, G_MAXUINT));
  if (summary->n_unresolved > 0)
    /* Translators: a loop's duration when some nested playlists are not loaded yet */
    bound = g_strdup_printf (_("at least %s"), duration);
  else
    bound = g_steal_pointer (&duration);

  if (chosen == NULL)
    /* Translators: the loop as it plays now: the time zone, then its duration,
     * "Loop now, Europe/Berlin (CET): 3 min 20 s" */
    return g_strdup_printf (_("Loop now, %s: %s"), zone, bound);

  /* Translators: the loop at a chosen moment: the moment, the time zone, the duration,
   * "Loop at Wed 12 Mar 2025, 14:05, Europe/Berlin (CET): 3 min 20 s" */
  return g_strdup_printf (_("Loop at %s, %s: %s"), moment, zone, bound);
}

static gboolean moment_timeout_cb (gpointer user_data);

/* Greys out what does not play at the moment chosen (or now), says how long the loop is
 * then, shows that moment's week, and, following the clock, comes back at the next
 * change. */
static void
show_moment (MqPlaylistDetail *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  GDateTime *chosen = mq_playing_at_get_moment (self->playing_at);
  g_autoptr(GDateTime) now = dup_clock_now (tz);
  g_autoptr(GDateTime) at = chosen != NULL ? g_date_time_to_timezone (chosen, tz)
                                           : g_date_time_ref (now);
  g_autoptr(GPtrArray) active = NULL;
  g_autofree char *moment = mq_format_moment (at, mq_playing_at_clock_is_12h ());
  g_autofree char *zone = mq_schedule_dup_zone_name (tz, at);
  g_autofree char *not_playing = NULL;
  g_autofree char *loop = NULL;
  MqScheduleSummary summary = { 0, };
  GListModel *entries;
  guint index = 0;

  g_clear_handle_id (&self->moment_timeout_id, g_source_remove);
  if (self->playlist == NULL || (entries = mq_playlist_get_entries (self->playlist)) == NULL)
    return;

  if (chosen == NULL)
    not_playing = g_strdup (_("Not playing now"));
  else
    /* Translators: why an entry is greyed out: the moment chosen, then the time zone */
    not_playing = g_strdup_printf (_("Not playing at %s, %s"), moment, zone);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->entries_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      MqPlaylistEntry *entry;
      gboolean playing;

      if (!MQ_IS_ENTRY_ROW (row))
        continue;

      entry = mq_entry_row_get_entry (MQ_ENTRY_ROW (row));
      playing = mq_schedule_entry_is_active (entry, tz, at);
      mq_entry_row_set_playing (MQ_ENTRY_ROW (row), playing, not_playing);
      if (index < mq_timeline_get_n_blocks (self->timeline))
        mq_timeline_set_block_playing (self->timeline, index, playing, not_playing);
      index++;
    }

  active = mq_schedule_active_entries (self->playlist, resolve_playlist_cb, self, tz, at,
                                       &summary);
  loop = dup_loop_text (chosen, moment, zone, active, &summary);
  gtk_label_set_text (self->loop_label, loop);

  show_week (self, tz, at, now);

  if (chosen == NULL)
    {
      g_autoptr(GDateTime) until = g_date_time_add_days (now, NEXT_CHANGE_HORIZON_DAYS);
      g_autoptr(GDateTime) next = mq_schedule_next_change (self->playlist, resolve_playlist_cb,
                                                           self, tz, now, until);
      g_autoptr(GDateTime) next_hour = g_date_time_add_minutes (now, 60 - g_date_time_get_minute (now));
      GTimeSpan wait;

      /* The week marks the current hour: at the latest, come back when it ends. */
      wait = g_date_time_difference (next != NULL ? next : until, now);
      wait = MIN (wait, g_date_time_difference (next_hour, now)
                        - g_date_time_get_second (now) * G_TIME_SPAN_SECOND);
      self->moment_timeout_id = g_timeout_add (MAX (wait / 1000, 1), moment_timeout_cb, self);
    }
}

static gboolean
moment_timeout_cb (gpointer user_data)
{
  MqPlaylistDetail *self = user_data;

  self->moment_timeout_id = 0;
  show_moment (self);

  return G_SOURCE_REMOVE;
}

static void
moment_changed_cb (MqPlaylistDetail *self)
{
  show_moment (self);
}

static gboolean
check_visible_thumbnails (gpointer user_data)
{
  MqPlaylistDetail *self = user_data;
  GtkWidget *viewport = GTK_WIDGET (self->scrolled_window);
  graphene_rect_t visible;

  self->thumbnail_check_id = 0;
  if (self->thumbnails == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->entries_list)))
    return G_SOURCE_REMOVE;

  graphene_rect_init (&visible, 0, 0, gtk_widget_get_width (viewport),
                      gtk_widget_get_height (viewport));

  /* Only the rows in sight ask for their thumbnail. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->entries_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;

      if (MQ_IS_ENTRY_ROW (row)
          && gtk_widget_compute_bounds (row, viewport, &bounds)
          && graphene_rect_intersection (&visible, &bounds, NULL))
        mq_entry_row_request_thumbnail (MQ_ENTRY_ROW (row), self->thumbnails);
    }

  return G_SOURCE_REMOVE;
}

static void
queue_thumbnail_check (MqPlaylistDetail *self)
{
  if (self->thumbnail_check_id == 0)
    self->thumbnail_check_id = g_idle_add_full (G_PRIORITY_LOW, check_visible_thumbnails,
                                                self, NULL);
}

static void
show_entries (MqPlaylistDetail *self)
{
  GListModel *entries = mq_playlist_get_entries (self->playlist);
  guint n_entries = entries != NULL ? g_list_model_get_n_items (entries) : 0;
  g_autofree char *total = NULL;
  g_autofree char *description = NULL;

  remove_all_children (GTK_WIDGET (self->entries_list), list_box_remove);
  g_clear_pointer (&self->titles, g_strfreev);
  if (entries != NULL)
    self->titles = dup_titles (self, entries);

  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, i);
      gint64 nested_id = mq_playlist_entry_get_nested_playlist_id (entry);

      gtk_list_box_append (self->entries_list,
                           mq_entry_row_new (entry, i + 1, lookup_playlist_name (self, nested_id)));
    }

  total = mq_format_duration_long (mq_playlist_get_total_duration (self->playlist));
  /* Translators: below "Entries": the total playing time of the playlist */
  description = g_strdup_printf (_("In playback order, %s in total"), total);
  adw_preferences_group_set_description (self->entries_group,
                                         n_entries > 0 ? description : NULL);

  if (entries != NULL)
    {
      show_timeline (self, entries);
      show_moment (self);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->timeline_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->week_group), FALSE);
    }

  gtk_stack_set_visible_child_name (self->entries_stack, n_entries > 0 ? "list" : "empty");
  queue_thumbnail_check (self);
}

static void
playlist_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MqPlaylistDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqPlaylist) playlist = NULL;

  playlist = mq_client_get_playlist_finish (MQ_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);

  if (playlist == NULL)
    {
      gtk_label_set_text (self->entries_error_label, error->message);
      gtk_stack_set_visible_child_name (self->entries_stack, "error");
      g_signal_emit (self, signals[LOAD_FAILED], 0, error);
      return;
    }

  g_set_object (&self->playlist, playlist);
  remember_loaded_playlist (self, playlist);
  show_fields (self);
  show_entries (self);
}

static void
load_entries (MqPlaylistDetail *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->playlist == NULL || self->client == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->entries_stack, "loading");
  set_loading (self, TRUE);
  mq_client_get_playlist_async (self->client, mq_playlist_get_id (self->playlist),
                                self->cancellable, playlist_loaded, g_object_ref (self));
}

static void
retry_clicked_cb (MqPlaylistDetail *self)
{
  load_entries (self);
}

static void
entry_activated_cb (MqPlaylistDetail *self,
                    GtkListBoxRow    *row)
{
  gint64 nested_id;

  if (!MQ_IS_ENTRY_ROW (row))
    return;

  nested_id = mq_playlist_entry_get_nested_playlist_id (mq_entry_row_get_entry (MQ_ENTRY_ROW (row)));
  if (nested_id != 0)
    g_signal_emit (self, signals[PLAYLIST_ACTIVATED], 0, nested_id);
}

static void
copy_id_clicked_cb (MqPlaylistDetail *self)
{
  g_autofree char *id = NULL;
  GtkWidget *overlay;

  if (self->playlist == NULL)
    return;

  id = g_strdup_printf ("%" G_GINT64_FORMAT, mq_playlist_get_id (self->playlist));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), id);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), mq_toast_new (_("ID copied")));
}

static void
adjustment_changed_cb (MqPlaylistDetail *self)
{
  queue_thumbnail_check (self);
}

static void
mq_playlist_detail_dispose (GObject *object)
{
  MqPlaylistDetail *self = MQ_PLAYLIST_DETAIL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->thumbnail_check_id, g_source_remove);
  g_clear_handle_id (&self->moment_timeout_id, g_source_remove);

  /* AdwBin unparents its child itself: let it, before the template lets go of it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MQ_TYPE_PLAYLIST_DETAIL);

  g_clear_object (&self->playlist);
  g_clear_object (&self->thumbnails);
  g_clear_object (&self->client);
  g_clear_object (&self->playlists);
  g_clear_pointer (&self->groups_by_playlist, g_hash_table_unref);
  g_clear_error (&self->groups_error);
  g_clear_pointer (&self->loaded_playlists, g_hash_table_unref);
  g_clear_pointer (&self->titles, g_strfreev);

  G_OBJECT_CLASS (mq_playlist_detail_parent_class)->dispose (object);
}

static void
mq_playlist_detail_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MqPlaylistDetail *self = MQ_PLAYLIST_DETAIL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_playlist_detail_class_init (MqPlaylistDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mq_playlist_detail_dispose;
  object_class->get_property = mq_playlist_detail_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PLAYLIST_ACTIVATED] =
    g_signal_new ("playlist-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[LOAD_FAILED] =
    g_signal_new ("load-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  g_type_ensure (MQ_TYPE_TIMELINE);
  g_type_ensure (MQ_TYPE_PLAYING_AT);
  g_type_ensure (MQ_TYPE_WEEK_VIEW);
  mq_playlists_ensure_resources ();
  g_type_ensure (MQ_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marqueesignage/Marquee/playlists/mq-playlist-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, timeline);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, legend);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, playing_at);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, loop_label);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, week_group);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, week_view);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, entries_group);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, entries_stack);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, entries_spinner);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, entries_error_label);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, entries_list);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, groups_list);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, id_row);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, name_row);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, comment_row);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, label_row);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, type_row);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, order_row);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, rule_row);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, flags_row);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, created_row);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, updated_row);
  gtk_widget_class_bind_template_child (widget_class, MqPlaylistDetail, events_row);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_id_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, moment_changed_cb);
}

static void
mq_playlist_detail_init (MqPlaylistDetail *self)
{
  GtkAdjustment *adjustment;

  self->loaded_playlists = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                  g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (adjustment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed",
                           G_CALLBACK (adjustment_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
mq_playlist_detail_new (void)
{
  return g_object_new (MQ_TYPE_PLAYLIST_DETAIL, NULL);
}

void
mq_playlist_detail_set_client (MqPlaylistDetail *self,
                               MqClient         *client)
{
  g_return_if_fail (MQ_IS_PLAYLIST_DETAIL (self));
  g_return_if_fail (client == NULL || MQ_IS_CLIENT (client));

  if (self->client == client)
    return;

  mq_playlist_detail_show (self, NULL);
  g_hash_table_remove_all (self->loaded_playlists);
  g_set_object (&self->client, client);
  g_clear_object (&self->thumbnails);
  if (client != NULL)
    self->thumbnails = mq_thumbnail_cache_new (client, THUMBNAIL_CACHE_SIZE);
}

void
mq_playlist_detail_set_playlist_index (MqPlaylistDetail *self,
                                       MqPlaylistList   *playlists)
{
  g_return_if_fail (MQ_IS_PLAYLIST_DETAIL (self));
  g_return_if_fail (playlists == NULL || MQ_IS_PLAYLIST_LIST (playlists));

  g_set_object (&self->playlists, playlists);
}

void
mq_playlist_detail_set_screen_groups (MqPlaylistDetail *self,
                                      GHashTable       *groups_by_playlist,
                                      const GError     *error)
{
  g_return_if_fail (MQ_IS_PLAYLIST_DETAIL (self));

  if (groups_by_playlist != NULL)
    g_hash_table_ref (groups_by_playlist);
  g_clear_pointer (&self->groups_by_playlist, g_hash_table_unref);
  self->groups_by_playlist = groups_by_playlist;

  g_clear_error (&self->groups_error);
  if (error != NULL)
    self->groups_error = g_error_copy (error);

  show_screen_groups (self);
}

void
mq_playlist_detail_show (MqPlaylistDetail *self,
                         MqPlaylist       *playlist)
{
  g_return_if_fail (MQ_IS_PLAYLIST_DETAIL (self));
  g_return_if_fail (playlist == NULL || MQ_IS_PLAYLIST (playlist));

  if (playlist != NULL && self->playlist != NULL
      && mq_playlist_get_id (playlist) == mq_playlist_get_id (self->playlist))
    return;

  g_set_object (&self->playlist, playlist);
  if (playlist == NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      set_loading (self, FALSE);
      remove_all_children (GTK_WIDGET (self->entries_list), list_box_remove);
      remove_all_children (GTK_WIDGET (self->groups_list), list_box_remove);
      mq_timeline_set_entries (self->timeline, NULL, NULL);
      mq_week_view_set_entries (self->week_view, NULL, NULL, NULL, NULL, NULL);
      g_clear_handle_id (&self->moment_timeout_id, g_source_remove);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  show_fields (self);
  show_screen_groups (self);
  remove_all_children (GTK_WIDGET (self->entries_list), list_box_remove);
  mq_timeline_set_entries (self->timeline, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->timeline_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->week_group), FALSE);
  g_clear_handle_id (&self->moment_timeout_id, g_source_remove);
  adw_preferences_group_set_description (self->entries_group, NULL);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  gtk_stack_set_visible_child_name (self->stack, "playlist");

  load_entries (self);
}

MqPlaylist *
mq_playlist_detail_get_playlist (MqPlaylistDetail *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_DETAIL (self), NULL);

  return self->playlist;
}

gboolean
mq_playlist_detail_get_loading (MqPlaylistDetail *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_DETAIL (self), FALSE);

  return self->loading;
}

void
mq_playlist_detail_reload (MqPlaylistDetail *self)
{
  g_return_if_fail (MQ_IS_PLAYLIST_DETAIL (self));

  load_entries (self);
}

GtkWidget *
mq_playlist_detail_get_playing_at (MqPlaylistDetail *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_DETAIL (self), NULL);

  return GTK_WIDGET (self->playing_at);
}
