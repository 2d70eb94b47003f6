/* mq-week-view.c: a playlist's week, one 7 × 24 grid per entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <glib/gi18n.h>

#include "mq-playing-at.h"
#include "mq-playlist-entry.h"
#include "mq-entry-kind.h"
#include "mq-format-schedule.h"
#include "mq-playlists-resources.h"
#include "mq-schedule.h"
#include "mq-week-view.h"

struct _MqWeekView
{
  AdwBin     parent_instance;

  GPtrArray *grids;

  GtkStack  *stack;
  GtkBox    *rows_box;
};

G_DEFINE_FINAL_TYPE (MqWeekView, mq_week_view, ADW_TYPE_BIN)

static gboolean
grid_keynav_failed_cb (MqWeekGrid      *grid,
                       GtkDirectionType direction,
                       MqWeekView      *self)
{
  guint index, hour;
  MqWeekGrid *next;

  if (!g_ptr_array_find (self->grids, grid, &index))
    return FALSE;

  if (direction == GTK_DIR_DOWN && index + 1 < self->grids->len)
    next = g_ptr_array_index (self->grids, index + 1);
  else if (direction == GTK_DIR_UP && index > 0)
    next = g_ptr_array_index (self->grids, index - 1);
  else
    return FALSE;

  /* Into the next row at the same hour, as if the grids were one. */
  mq_week_grid_get_cursor (grid, NULL, &hour);
  mq_week_grid_set_cursor (next, direction == GTK_DIR_DOWN ? 0 : 6, hour);
  gtk_widget_grab_focus (GTK_WIDGET (next));

  return TRUE;
}

static void
mq_week_view_dispose (GObject *object)
{
  MqWeekView *self = MQ_WEEK_VIEW (object);

  g_clear_pointer (&self->grids, g_ptr_array_unref);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MQ_TYPE_WEEK_VIEW);

  G_OBJECT_CLASS (mq_week_view_parent_class)->dispose (object);
}

static void
mq_week_view_class_init (MqWeekViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mq_week_view_dispose;

  mq_playlists_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marqueesignage/Marquee/playlists/mq-week-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MqWeekView, stack);
  gtk_widget_class_bind_template_child (widget_class, MqWeekView, rows_box);
}

static void
mq_week_view_init (MqWeekView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->grids = g_ptr_array_new ();
}

GtkWidget *
mq_week_view_new (void)
{
  return g_object_new (MQ_TYPE_WEEK_VIEW, NULL);
}

static GtkWidget *
new_row (MqWeekView    *self,
         const char    *title,
         const guint32  hours[7],
         int            today,
         int            current_hour,
         const char    *schedule)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *grid = mq_week_grid_new ();
  gboolean twelve_hour = mq_playing_at_clock_is_12h ();
  /* Translators: a row of the week view: the entry, then when it plays, "Morning news:
   * Monday to Friday, 07:00–09:00" */
  g_autofree char *summary = g_strdup_printf (_("%s: %s"), title, schedule);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (label, title);
  gtk_widget_add_css_class (label, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  mq_week_grid_set_hours (MQ_WEEK_GRID (grid), hours, today, current_hour, twelve_hour, summary);
  g_signal_connect_object (grid, "keynav-failed", G_CALLBACK (grid_keynav_failed_cb),
                           self, 0);
  g_ptr_array_add (self->grids, grid);

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), grid);

  return box;
}

void
mq_week_view_set_entries (MqWeekView         *self,
                          GListModel         *entries,
                          const char * const *titles,
                          GTimeZone          *tz,
                          GDateTime          *first_day,
                          GDateTime          *now)
{
  g_autoptr(GDateTime) now_there = NULL;
  guint n_entries;
  int today = -1;
  int current_hour = -1;
  GtkWidget *child;

  g_return_if_fail (MQ_IS_WEEK_VIEW (self));
  g_return_if_fail (entries == NULL || G_IS_LIST_MODEL (entries));

  g_ptr_array_set_size (self->grids, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box))) != NULL)
    gtk_box_remove (self->rows_box, child);

  n_entries = entries != NULL ? g_list_model_get_n_items (entries) : 0;
  if (n_entries > 0)
    {
      g_return_if_fail (tz != NULL && first_day != NULL && now != NULL);

      now_there = g_date_time_to_timezone (now, tz);
      for (int day = 0; day < 7; day++)
        {
          g_autoptr(GDateTime) date = g_date_time_add_days (first_day, day);

          if (g_date_time_get_year (date) == g_date_time_get_year (now_there)
              && g_date_time_get_day_of_year (date) == g_date_time_get_day_of_year (now_there))
            {
              today = day;
              current_hour = g_date_time_get_hour (now_there);
            }
        }
    }

  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, i);
      g_autofree char *default_title = NULL;
      g_autofree char *schedule = NULL;
      const char *title = titles != NULL ? titles[i] : NULL;
      guint32 hours[7] = { 0, };

      if (title == NULL)
        title = default_title = mq_entry_dup_title (entry, NULL);

      switch (mq_schedule_entry_get_state (entry))
        {
        case MQ_SCHEDULE_STATE_NEVER:
          continue;
        case MQ_SCHEDULE_STATE_UNKNOWN:
          schedule = g_strdup (_("Unknown schedule"));
          break;
        case MQ_SCHEDULE_STATE_ALWAYS:
        case MQ_SCHEDULE_STATE_SCHEDULED:
        default:
          mq_schedule_entry_get_week_hours (entry, tz, first_day, hours);
          schedule = mq_format_week_hours (hours, mq_playing_at_clock_is_12h ());
          break;
        }

      gtk_box_append (self->rows_box, new_row (self, title, hours, today, current_hour, schedule));
    }

  gtk_stack_set_visible_child_name (self->stack, self->grids->len > 0 ? "rows" : "empty");
}

guint
mq_week_view_get_n_rows (MqWeekView *self)
{
  g_return_val_if_fail (MQ_IS_WEEK_VIEW (self), 0);

  return self->grids->len;
}

MqWeekGrid *
mq_week_view_get_grid (MqWeekView *self,
                       guint       row)
{
  g_return_val_if_fail (MQ_IS_WEEK_VIEW (self), NULL);

  return row < self->grids->len ? g_ptr_array_index (self->grids, row) : NULL;
}
