/* mq-playlists-view-columns.c: MqPlaylistsView's columns, their cells and sorters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <glib/gi18n.h>

#include "mq-playlist-display.h"
#include "mq-playlist-sorter.h"
#include "mq-playlists-view-private.h"


static GtkWidget *
new_cell_label (GtkListItem *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);

  return label;
}

static void
setup_text (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  new_cell_label (item);
}

static void
setup_number (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *label = new_cell_label (item);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
}

static void
bind_name (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  MqPlaylist *playlist = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), mq_playlist_get_name (playlist));
}

static void
bind_entries (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  MqPlaylist *playlist = gtk_list_item_get_item (item);
  char text[16];

  g_snprintf (text, sizeof text, "%u", mq_playlist_get_number_of_entries (playlist));
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static const struct
{
  MqPlaylistFlags  flag;
  const char      *style_class;
  const char      *label;
} flag_tags[] = {
  { MQ_PLAYLIST_FLAGS_SHARED,     "shared",     N_("Shared") },
  { MQ_PLAYLIST_FLAGS_DEFAULT,    "default",    N_("Default") },
  { MQ_PLAYLIST_FLAGS_DEMO,       "demo",       N_("Demo") },
  { MQ_PLAYLIST_FLAGS_ADVERTISED, "advertised", N_("Advertised") },
};

/* The widgets of a Type & Flags cell: a tag is made the first time a row needs it, as
 * rows are made all at once when a list first shows. */
typedef struct
{
  GtkWidget *type_label;
  GtkWidget *tags[G_N_ELEMENTS (flag_tags)];
} TypeCell;

static G_DEFINE_QUARK (mq-type-cell, type_cell)

static void
setup_type (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  TypeCell *cell = g_new0 (TypeCell, 1);

  cell->type_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (cell->type_label), 0);
  gtk_box_append (GTK_BOX (box), cell->type_label);
  g_object_set_qdata_full (G_OBJECT (box), type_cell_quark (), cell, g_free);
  gtk_list_item_set_child (item, box);
}

static void
bind_type (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  MqPlaylist *playlist = gtk_list_item_get_item (item);
  MqPlaylistFlags flags = mq_playlist_get_flags (playlist);
  GtkWidget *box = gtk_list_item_get_child (item);
  TypeCell *cell = g_object_get_qdata (G_OBJECT (box), type_cell_quark ());
  GtkWidget *previous = cell->type_label;

  gtk_label_set_text (GTK_LABEL (cell->type_label), mq_playlist_display_get_type_text (playlist));
  for (guint i = 0; i < G_N_ELEMENTS (flag_tags); i++)
    {
      gboolean shown = (flags & flag_tags[i].flag) != 0;

      if (shown && cell->tags[i] == NULL)
        {
          cell->tags[i] = gtk_label_new (_(flag_tags[i].label));
          gtk_widget_add_css_class (cell->tags[i], "mq-tag");
          gtk_widget_add_css_class (cell->tags[i], flag_tags[i].style_class);
          gtk_widget_set_valign (cell->tags[i], GTK_ALIGN_CENTER);
          gtk_box_insert_child_after (GTK_BOX (box), cell->tags[i], previous);
        }

      if (cell->tags[i] != NULL)
        {
          gtk_widget_set_visible (cell->tags[i], shown);
          previous = cell->tags[i];
        }
    }
}

/* The Updated cell's label knows its list item, for the tooltip. */
static G_DEFINE_QUARK (mq-updated-cell, updated_cell)

static void
setup_updated (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = new_cell_label (item);

  /* The list item owns the label: it outlives it. */
  g_object_set_qdata (G_OBJECT (label), updated_cell_quark (), item);
}

static void
bind_updated (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  MqPlaylist *playlist = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  gtk_label_set_text (GTK_LABEL (label), mq_playlist_display_get_updated_text (playlist, now));
}

/* The exact date of the Updated cell under the pointer. One handler on the column
 * view, not a tooltip set on each cell as it is bound: under X11 each of those asks
 * the X server where the pointer is, a round trip per row shown. */
static gboolean
column_view_query_tooltip_cb (GtkWidget  *column_view,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip,
                              gpointer    user_data)
{
  GtkWidget *widget;

  if (keyboard_mode)
    return FALSE;

  for (widget = gtk_widget_pick (column_view, x, y, GTK_PICK_DEFAULT);
       widget != NULL && widget != column_view;
       widget = gtk_widget_get_parent (widget))
    {
      GtkListItem *item = g_object_get_qdata (G_OBJECT (widget), updated_cell_quark ());
      const char *text;

      if (item == NULL || gtk_list_item_get_item (item) == NULL)
        continue;

      text = mq_playlist_display_get_updated_tooltip (gtk_list_item_get_item (item));
      if (text == NULL)
        return FALSE;

      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }

  return FALSE;
}

static GtkColumnViewColumn *
add_column (MqPlaylistsView  *self,
            const char       *title,
            MqPlaylistColumn  column,
            GCallback         setup,
            GCallback         bind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  g_autoptr(MqPlaylistSorter) sorter = mq_playlist_sorter_new (column);

  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind, NULL);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);

  return view_column;
}

void
_mq_playlists_view_columns_init (MqPlaylistsView *self)
{
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *entries_column;

  name_column = add_column (self, _("Name"), MQ_PLAYLIST_COLUMN_NAME,
                            G_CALLBACK (setup_text), G_CALLBACK (bind_name));
  gtk_column_view_column_set_expand (name_column, TRUE);

  entries_column = add_column (self, _("Entries"), MQ_PLAYLIST_COLUMN_ENTRIES,
                               G_CALLBACK (setup_number), G_CALLBACK (bind_entries));
  gtk_column_view_column_set_fixed_width (entries_column, 72);

  self->type_column = add_column (self, _("Type & Flags"), MQ_PLAYLIST_COLUMN_TYPE,
                                  G_CALLBACK (setup_type), G_CALLBACK (bind_type));
  add_column (self, _("Updated"), MQ_PLAYLIST_COLUMN_UPDATED,
              G_CALLBACK (setup_updated), G_CALLBACK (bind_updated));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->column_view), TRUE);
  g_signal_connect (self->column_view, "query-tooltip",
                    G_CALLBACK (column_view_query_tooltip_cb), NULL);

  gtk_column_view_sort_by_column (self->column_view, name_column, GTK_SORT_ASCENDING);
}
