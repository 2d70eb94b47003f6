/* mq-timeline.c: a playlist's entries as blocks in a strip, as wide as they play
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <glib/gi18n.h>

#include "mq-playlist-entry.h"
#include "mq-entry-kind.h"
#include "mq-format-duration.h"
#include "mq-format-schedule.h"
#include "mq-timeline.h"

#define STRIP_HEIGHT   28
#define BLOCK_GAP      2
#define CORNER_RADIUS  4
#define HATCH_SPACING  8

typedef struct
{
  MqEntryKind  kind;
  guint        duration;
  guint64      offset;     /* sum of the durations before it */
  MqPlayRule   rule;
  gboolean     not_playing;
  char        *tooltip;
  char        *note;
} Block;

struct _MqTimeline
{
  GtkWidget  parent_instance;

  GArray    *blocks;
  guint64    total_duration;
  char      *summary;
};

G_DEFINE_FINAL_TYPE (MqTimeline, mq_timeline, GTK_TYPE_WIDGET)

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_clear_pointer (&block->tooltip, g_free);
  g_clear_pointer (&block->note, g_free);
}

/* Where block @index starts and ends along @width. */
static void
get_block_span (MqTimeline *self,
                guint       index,
                double      width,
                double     *start,
                double     *end)
{
  const Block *block = &g_array_index (self->blocks, Block, index);

  if (self->total_duration == 0)
    {
      *start = width * index / self->blocks->len;
      *end = width * (index + 1) / self->blocks->len;
      return;
    }

  *start = width * block->offset / self->total_duration;
  *end = width * (block->offset + block->duration) / self->total_duration;
}

gboolean
mq_timeline_get_block_geometry (MqTimeline      *self,
                                guint            index,
                                graphene_rect_t *rect)
{
  double start, end;

  g_return_val_if_fail (MQ_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  if (index >= self->blocks->len)
    return FALSE;

  get_block_span (self, index, gtk_widget_get_width (GTK_WIDGET (self)), &start, &end);
  graphene_rect_init (rect, start, 0, end - start, gtk_widget_get_height (GTK_WIDGET (self)));

  return TRUE;
}

static void
lookup_kind_color (MqTimeline  *self,
                   MqEntryKind  kind,
                   GdkRGBA     *color)
{
  g_autofree char *name = g_strconcat ("mq_kind_", mq_entry_kind_get_style_name (kind), NULL);
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  if (!gtk_style_context_lookup_color (context, name, color))
    gtk_style_context_get_color (context, color);
}

static void
append_hatch (GtkSnapshot           *snapshot,
              const graphene_rect_t *bounds,
              const GdkRGBA         *stripe)
{
  const GdkRGBA clear = { stripe->red, stripe->green, stripe->blue, 0 };
  const GskColorStop stops[] = {
    { 0.0, clear }, { 0.5, clear }, { 0.5, *stripe }, { 1.0, *stripe },
  };
  graphene_point_t start, end;

  /* One period of a 45° stripe pattern, repeated over the block. */
  graphene_point_init (&start, bounds->origin.x, bounds->origin.y);
  graphene_point_init (&end, bounds->origin.x + HATCH_SPACING / 2.0,
                       bounds->origin.y + HATCH_SPACING / 2.0);
  gtk_snapshot_append_repeating_linear_gradient (snapshot, bounds, &start, &end,
                                                 stops, G_N_ELEMENTS (stops));
}

static void
mq_timeline_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  MqTimeline *self = MQ_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  const GdkRGBA stripe = { 1, 1, 1, 0.45 };

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);
      double start, end;
      graphene_rect_t bounds;
      GskRoundedRect outline;
      GdkRGBA color;

      get_block_span (self, i, width, &start, &end);
      /* A gap between neighbours, unless the block is too thin to spare it. */
      if (end - start > 2 * BLOCK_GAP)
        end -= BLOCK_GAP;
      if (end - start < 1)
        continue;

      graphene_rect_init (&bounds, start, 0, end - start, height);
      gsk_rounded_rect_init_from_rect (&outline, &bounds,
                                       MIN (CORNER_RADIUS, (end - start) / 2));

      lookup_kind_color (self, block->kind, &color);
      if (block->rule == MQ_PLAY_RULE_NEVER || block->not_playing)
        color.alpha *= 0.3;

      gtk_snapshot_push_rounded_clip (snapshot, &outline);
      gtk_snapshot_append_color (snapshot, &color, &bounds);
      if (block->rule == MQ_PLAY_RULE_SCHEDULED)
        append_hatch (snapshot, &bounds, &stripe);
      gtk_snapshot_pop (snapshot);
    }
}

static void
mq_timeline_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 0;
      *natural = 480;
    }
  else
    {
      *minimum = *natural = STRIP_HEIGHT;
    }
}

static gboolean
mq_timeline_query_tooltip (GtkWidget  *widget,
                           int         x,
                           int         y,
                           gboolean    keyboard_mode,
                           GtkTooltip *tooltip)
{
  MqTimeline *self = MQ_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);

  if (keyboard_mode)
    {
      gtk_tooltip_set_text (tooltip, self->summary);
      return self->blocks->len > 0;
    }

  for (guint i = 0; i < self->blocks->len; i++)
    {
      double start, end;

      get_block_span (self, i, width, &start, &end);
      if (x >= start && x < end)
        {
          GdkRectangle area = { (int) start, 0, MAX ((int) (end - start), 1),
                                gtk_widget_get_height (widget) };

          const Block *block = &g_array_index (self->blocks, Block, i);
          g_autofree char *text = NULL;

          if (block->not_playing && block->note != NULL)
            text = g_strconcat (block->tooltip, "\n", block->note, NULL);
          gtk_tooltip_set_text (tooltip, text != NULL ? text : block->tooltip);
          gtk_tooltip_set_tip_area (tooltip, &area);
          return TRUE;
        }
    }

  return FALSE;
}

static void
mq_timeline_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (mq_timeline_parent_class)->css_changed (widget, change);

  /* The kind colors are named colors of the style: a new style, new colors. */
  gtk_widget_queue_draw (widget);
}

static void
mq_timeline_finalize (GObject *object)
{
  MqTimeline *self = MQ_TIMELINE (object);

  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (mq_timeline_parent_class)->finalize (object);
}

static void
mq_timeline_class_init (MqTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mq_timeline_finalize;

  widget_class->snapshot = mq_timeline_snapshot;
  widget_class->measure = mq_timeline_measure;
  widget_class->query_tooltip = mq_timeline_query_tooltip;
  widget_class->css_changed = mq_timeline_css_changed;

  gtk_widget_class_set_css_name (widget_class, "mq-timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mq_timeline_init (MqTimeline *self)
{
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);
  self->summary = g_strdup ("");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
mq_timeline_new (void)
{
  return g_object_new (MQ_TYPE_TIMELINE, NULL);
}

static char *
dup_block_tooltip (MqPlaylistEntry *entry,
                   MqEntryKind      kind,
                   const char      *title)
{
  g_autofree char *duration = mq_format_duration (mq_playlist_entry_get_duration (entry));
  g_autofree char *rule = mq_format_play_rule (entry);

  /* Translators: a timeline block's tooltip: name, then kind · duration · play rule */
  return g_strdup_printf (_("%s\n%s · %s · %s"), title, mq_entry_kind_get_label (kind),
                          duration, rule);
}

void
mq_timeline_set_entries (MqTimeline         *self,
                         GListModel         *entries,
                         const char * const *titles)
{
  guint n_entries;
  g_autofree char *total_text = NULL;

  g_return_if_fail (MQ_IS_TIMELINE (self));
  g_return_if_fail (entries == NULL || G_IS_LIST_MODEL (entries));

  g_array_set_size (self->blocks, 0);
  self->total_duration = 0;

  n_entries = entries != NULL ? g_list_model_get_n_items (entries) : 0;
  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, i);
      g_autofree char *default_title = NULL;
      Block block = { 0 };

      if (titles == NULL || titles[i] == NULL)
        default_title = mq_entry_dup_title (entry, NULL);

      block.kind = mq_entry_kind_of (entry);
      block.duration = mq_playlist_entry_get_duration (entry);
      block.offset = self->total_duration;
      block.rule = mq_playlist_entry_get_play_rule (entry);
      block.tooltip = dup_block_tooltip (entry, block.kind,
                                         default_title != NULL ? default_title : titles[i]);
      g_array_append_val (self->blocks, block);
      self->total_duration += block.duration;
    }

  total_text = mq_format_duration_long (MIN (self->total_duration, G_MAXUINT));
  g_free (self->summary);
  /* Translators: the timeline's accessible summary, "12 entries, 8 min 30 s" */
  self->summary = g_strdup_printf (ngettext ("%u entry, %s", "%u entries, %s", n_entries),
                                   n_entries, total_text);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
mq_timeline_get_n_blocks (MqTimeline *self)
{
  g_return_val_if_fail (MQ_IS_TIMELINE (self), 0);

  return self->blocks->len;
}

void
mq_timeline_set_block_playing (MqTimeline *self,
                               guint       index,
                               gboolean    playing,
                               const char *note)
{
  Block *block;

  g_return_if_fail (MQ_IS_TIMELINE (self));
  g_return_if_fail (index < self->blocks->len);

  block = &g_array_index (self->blocks, Block, index);
  if (block->not_playing == !playing && g_strcmp0 (block->note, note) == 0)
    return;

  block->not_playing = !playing;
  g_free (block->note);
  block->note = g_strdup (note);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
mq_timeline_get_block_playing (MqTimeline *self,
                               guint       index)
{
  g_return_val_if_fail (MQ_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (index < self->blocks->len, FALSE);

  return !g_array_index (self->blocks, Block, index).not_playing;
}

const char *
mq_timeline_get_summary (MqTimeline *self)
{
  g_return_val_if_fail (MQ_IS_TIMELINE (self), NULL);

  return self->summary;
}
