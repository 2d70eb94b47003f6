/* mq-week-grid.c: one entry's week as 7 × 24 cells, days down and hours across
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <glib/gi18n.h>
#include <string.h>

#include "mq-format-time.h"
#include "mq-week-grid.h"

#define N_DAYS        7
#define N_HOURS       24
#define MIN_CELL      10
#define NATURAL_CELL  22
#define CELL_HEIGHT   14
#define CELL_GAP      1
#define LABEL_PADDING 8
#define HEADER_GAP    2

struct _MqWeekGrid
{
  GtkWidget  parent_instance;

  guint32    hours[N_DAYS];
  int        today;
  int        current_hour;
  gboolean   twelve_hour;
  guint      cursor_day;
  guint      cursor_hour;
  char      *summary;
  char      *cursor_text;
};

G_DEFINE_FINAL_TYPE (MqWeekGrid, mq_week_grid, GTK_TYPE_WIDGET)

static PangoLayout *
new_day_layout (MqWeekGrid *self,
                guint       day)
{
  /* 2 January 2023 was a Monday. */
  g_autoptr(GDateTime) date = g_date_time_new_utc (2023, 1, 2 + day, 12, 0, 0);
  g_autofree char *name = g_date_time_format (date, "%a");

  return gtk_widget_create_pango_layout (GTK_WIDGET (self), name);
}

static PangoLayout *
new_hour_layout (MqWeekGrid *self,
                 guint       hour)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2023, 1, 2, hour, 0, 0);
  g_autofree char *text = mq_format_clock (time, self->twelve_hour);
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);

  return layout;
}

static int
get_label_width (MqWeekGrid *self)
{
  int widest = 0;

  for (guint day = 0; day < N_DAYS; day++)
    {
      g_autoptr(PangoLayout) layout = new_day_layout (self, day);
      int width;

      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }

  return widest + LABEL_PADDING;
}

static int
get_header_height (MqWeekGrid *self)
{
  g_autoptr(PangoLayout) layout = new_hour_layout (self, 0);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);

  return height + HEADER_GAP;
}

static void
get_cell_rect (MqWeekGrid      *self,
               guint            day,
               guint            hour,
               graphene_rect_t *rect)
{
  int label_width = get_label_width (self);
  double cell_width = (gtk_widget_get_width (GTK_WIDGET (self)) - label_width) / (double) N_HOURS;

  graphene_rect_init (rect,
                      label_width + hour * cell_width,
                      get_header_height (self) + day * (CELL_HEIGHT + CELL_GAP),
                      cell_width - CELL_GAP,
                      CELL_HEIGHT);
}

static void
lookup_color (MqWeekGrid *self,
              const char *name,
              GdkRGBA    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  if (name == NULL || !gtk_style_context_lookup_color (context, name, color))
    gtk_style_context_get_color (context, color);
}

static void
append_outline (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                float                  width,
                const GdkRGBA         *color)
{
  GskRoundedRect outline;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, rect, 2);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
append_layout (GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               float          x,
               float          y,
               const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
mq_week_grid_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  MqWeekGrid *self = MQ_WEEK_GRID (widget);
  GdkRGBA foreground, accent, accent_text, now_color, empty, band;
  int label_width = get_label_width (self);
  double cell_width = (gtk_widget_get_width (widget) - label_width) / (double) N_HOURS;
  int header_height = get_header_height (self);

  lookup_color (self, NULL, &foreground);
  lookup_color (self, "accent_bg_color", &accent);
  lookup_color (self, "accent_color", &accent_text);
  lookup_color (self, "destructive_color", &now_color);
  empty = foreground;
  empty.alpha *= 0.1;
  band = foreground;
  band.alpha *= 0.06;

  /* The hours across the top, every six. */
  for (guint hour = 0; hour < N_HOURS; hour += 6)
    {
      g_autoptr(PangoLayout) layout = new_hour_layout (self, hour);
      GdkRGBA dim = foreground;

      dim.alpha *= 0.7;
      append_layout (snapshot, layout, label_width + hour * cell_width, 0, &dim);
    }

  for (guint day = 0; day < N_DAYS; day++)
    {
      g_autoptr(PangoLayout) label = new_day_layout (self, day);
      gboolean is_today = (int) day == self->today;
      graphene_rect_t row;
      int label_height;

      graphene_rect_init (&row, 0, header_height + day * (CELL_HEIGHT + CELL_GAP),
                          gtk_widget_get_width (widget), CELL_HEIGHT);
      if (is_today)
        {
          PangoAttrList *attributes = pango_attr_list_new ();

          pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
          pango_layout_set_attributes (label, attributes);
          pango_attr_list_unref (attributes);
          gtk_snapshot_append_color (snapshot, &band, &row);
        }

      pango_layout_get_pixel_size (label, NULL, &label_height);
      append_layout (snapshot, label, 0, row.origin.y + (CELL_HEIGHT - label_height) / 2.0,
                     is_today ? &accent_text : &foreground);

      for (guint hour = 0; hour < N_HOURS; hour++)
        {
          graphene_rect_t cell;

          get_cell_rect (self, day, hour, &cell);
          gtk_snapshot_append_color (snapshot,
                                     (self->hours[day] & (1u << hour)) != 0 ? &accent : &empty,
                                     &cell);
        }
    }

  /* Today and the current hour, as GNOME Calendar marks them. */
  if (self->today >= 0 && self->current_hour >= 0)
    {
      graphene_rect_t cell;

      get_cell_rect (self, self->today, self->current_hour, &cell);
      append_outline (snapshot, &cell, 2, &now_color);
    }

  if (gtk_widget_has_visible_focus (widget))
    {
      graphene_rect_t cell;

      get_cell_rect (self, self->cursor_day, self->cursor_hour, &cell);
      graphene_rect_inset (&cell, -2, -2);
      append_outline (snapshot, &cell, 2, &foreground);
    }
}

static void
mq_week_grid_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  MqWeekGrid *self = MQ_WEEK_GRID (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int label_width = get_label_width (self);

      *minimum = label_width + N_HOURS * MIN_CELL;
      *natural = label_width + N_HOURS * NATURAL_CELL;
    }
  else
    {
      *minimum = *natural = get_header_height (self) + N_DAYS * (CELL_HEIGHT + CELL_GAP);
    }
}

static void
update_cursor_text (MqWeekGrid *self)
{
  g_autofree char *day = mq_format_day_name (self->cursor_day);
  g_autoptr(GDateTime) start = g_date_time_new_utc (2023, 1, 2, self->cursor_hour, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_add_hours (start, 1);
  g_autofree char *start_text = mq_format_clock (start, self->twelve_hour);
  g_autofree char *end_text = self->cursor_hour == 23 && !self->twelve_hour
                              ? g_strdup ("24:00") : mq_format_clock (end, self->twelve_hour);
  gboolean plays = (self->hours[self->cursor_day] & (1u << self->cursor_hour)) != 0;
  g_autofree char *day_text = NULL;

  if ((int) self->cursor_day == self->today)
    /* Translators: a day in the week view that is today, "Wednesday (today)" */
    day_text = g_strdup_printf (_("%s (today)"), day);
  else
    day_text = g_steal_pointer (&day);

  g_free (self->cursor_text);
  self->cursor_text = g_strdup_printf (plays
                                       /* Translators: a cell of the week view, "Wednesday, 07:00–08:00: plays" */
                                       ? _("%s, %s–%s: plays")
                                       /* Translators: a cell of the week view, "Wednesday, 07:00–08:00: does not play" */
                                       : _("%s, %s–%s: does not play"),
                                       day_text, start_text, end_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->cursor_text,
                                  -1);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MqWeekGrid            *self)
{
  int day = self->cursor_day;
  int hour = self->cursor_hour;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      hour--;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      hour++;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (day == 0)
        return gtk_widget_keynav_failed (GTK_WIDGET (self), GTK_DIR_UP);
      day--;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (day == N_DAYS - 1)
        return gtk_widget_keynav_failed (GTK_WIDGET (self), GTK_DIR_DOWN);
      day++;
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      hour = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      hour = N_HOURS - 1;
      break;
    default:
      return FALSE;
    }

  if (hour < 0 || hour >= N_HOURS)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    }

  mq_week_grid_set_cursor (self, day, hour);

  return TRUE;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            MqWeekGrid      *self)
{
  for (guint day = 0; day < N_DAYS; day++)
    for (guint hour = 0; hour < N_HOURS; hour++)
      {
        graphene_rect_t cell;

        get_cell_rect (self, day, hour, &cell);
        graphene_rect_inset (&cell, -CELL_GAP, -CELL_GAP);
        if (graphene_rect_contains_point (&cell, &GRAPHENE_POINT_INIT (x, y)))
          {
            mq_week_grid_set_cursor (self, day, hour);
            gtk_widget_grab_focus (GTK_WIDGET (self));
            return;
          }
      }
}

static gboolean
mq_week_grid_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard_mode,
                            GtkTooltip *tooltip)
{
  MqWeekGrid *self = MQ_WEEK_GRID (widget);

  if (keyboard_mode)
    {
      gtk_tooltip_set_text (tooltip, self->cursor_text);
      return TRUE;
    }

  gtk_tooltip_set_text (tooltip, self->summary);

  return self->summary != NULL && *self->summary != '\0';
}

static void
mq_week_grid_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (mq_week_grid_parent_class)->css_changed (widget, change);

  gtk_widget_queue_resize (widget);
}

static void
mq_week_grid_state_flags_changed (GtkWidget     *widget,
                                  GtkStateFlags  previous)
{
  GTK_WIDGET_CLASS (mq_week_grid_parent_class)->state_flags_changed (widget, previous);

  /* The cursor is drawn only with the focus. */
  gtk_widget_queue_draw (widget);
}

static void
mq_week_grid_finalize (GObject *object)
{
  MqWeekGrid *self = MQ_WEEK_GRID (object);

  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->cursor_text, g_free);

  G_OBJECT_CLASS (mq_week_grid_parent_class)->finalize (object);
}

static void
mq_week_grid_class_init (MqWeekGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mq_week_grid_finalize;

  widget_class->snapshot = mq_week_grid_snapshot;
  widget_class->measure = mq_week_grid_measure;
  widget_class->query_tooltip = mq_week_grid_query_tooltip;
  widget_class->css_changed = mq_week_grid_css_changed;
  widget_class->state_flags_changed = mq_week_grid_state_flags_changed;

  gtk_widget_class_set_css_name (widget_class, "mq-week-grid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mq_week_grid_init (MqWeekGrid *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->today = -1;
  self->current_hour = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  update_cursor_text (self);
}

GtkWidget *
mq_week_grid_new (void)
{
  return g_object_new (MQ_TYPE_WEEK_GRID, NULL);
}

void
mq_week_grid_set_hours (MqWeekGrid    *self,
                        const guint32  hours[7],
                        int            today,
                        int            current_hour,
                        gboolean       twelve_hour,
                        const char    *summary)
{
  g_return_if_fail (MQ_IS_WEEK_GRID (self));
  g_return_if_fail (hours != NULL);

  memcpy (self->hours, hours, sizeof self->hours);
  self->today = today >= 0 && today < N_DAYS ? today : -1;
  self->current_hour = current_hour >= 0 && current_hour < N_HOURS ? current_hour : -1;
  self->twelve_hour = twelve_hour;
  g_free (self->summary);
  self->summary = g_strdup (summary);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                  -1);
  /* The cursor starts where the eye does: today, at the current hour. */
  if (self->today >= 0 && self->current_hour >= 0 && !gtk_widget_has_focus (GTK_WIDGET (self)))
    {
      self->cursor_day = self->today;
      self->cursor_hour = self->current_hour;
    }
  update_cursor_text (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gboolean
mq_week_grid_get_cell (MqWeekGrid *self,
                       guint       day,
                       guint       hour)
{
  g_return_val_if_fail (MQ_IS_WEEK_GRID (self), FALSE);
  g_return_val_if_fail (day < N_DAYS && hour < N_HOURS, FALSE);

  return (self->hours[day] & (1u << hour)) != 0;
}

int
mq_week_grid_get_today (MqWeekGrid *self)
{
  g_return_val_if_fail (MQ_IS_WEEK_GRID (self), -1);

  return self->today;
}

void
mq_week_grid_get_cursor (MqWeekGrid *self,
                         guint      *day,
                         guint      *hour)
{
  g_return_if_fail (MQ_IS_WEEK_GRID (self));

  if (day != NULL)
    *day = self->cursor_day;
  if (hour != NULL)
    *hour = self->cursor_hour;
}

void
mq_week_grid_set_cursor (MqWeekGrid *self,
                         guint       day,
                         guint       hour)
{
  g_return_if_fail (MQ_IS_WEEK_GRID (self));
  g_return_if_fail (day < N_DAYS && hour < N_HOURS);

  self->cursor_day = day;
  self->cursor_hour = hour;
  update_cursor_text (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
mq_week_grid_get_cursor_text (MqWeekGrid *self)
{
  g_return_val_if_fail (MQ_IS_WEEK_GRID (self), NULL);

  return self->cursor_text;
}

const char *
mq_week_grid_get_summary (MqWeekGrid *self)
{
  g_return_val_if_fail (MQ_IS_WEEK_GRID (self), NULL);

  return self->summary;
}
