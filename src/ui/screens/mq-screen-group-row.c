/* mq-screen-group-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-screens"

#include <glib/gi18n.h>

#include "mq-clock.h"
#include "mq-entry-kind.h"
#include "mq-format-duration.h"
#include "mq-playlists-resources.h"
#include "mq-screen-group-row.h"
#include "mq-ui-utils.h"

/* Entries named after the current one; the rest are counted. */
#define MAX_FOLLOWING 4

struct _MqScreenGroupRow
{
  GtkListBoxRow      parent_instance;

  GtkLabel          *name_label;
  GtkLabel          *playlist_label;
  GtkImage          *go_image;
  GtkLabel          *now_label;
  GtkLabel          *following_label;
  GtkLabel          *change_label;
  GtkBox            *devices_box;

  MqScreenGroupItem *item;
};

G_DEFINE_FINAL_TYPE (MqScreenGroupRow, mq_screen_group_row, GTK_TYPE_LIST_BOX_ROW)

char *
mq_format_time_in_zone (GDateTime *time,
                        GDateTime *now,
                        GTimeZone *tz)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *zone = NULL;

  g_return_val_if_fail (time != NULL && now != NULL && tz != NULL, NULL);

  local = g_date_time_to_timezone (time, tz);
  /* The locale's own time of day (%X), seconds included: changes are exact to them. */
  clock = g_date_time_format (local, "%X");
  zone = mq_schedule_dup_zone_name (tz, local);

  {
    g_autoptr(GDateTime) now_local = g_date_time_to_timezone (now, tz);

    if (g_date_time_get_year (local) != g_date_time_get_year (now_local) ||
        g_date_time_get_day_of_year (local) != g_date_time_get_day_of_year (now_local))
      {
        g_autofree char *day = NULL;

        if (g_date_time_get_year (local) == g_date_time_get_year (now_local))
          /* Translators: the day of a time in this year, see strftime(3) */
          day = g_date_time_format (local, C_("day of a time", "%A, %-d %B"));
        else
          /* Translators: the day of a time in another year, see strftime(3) */
          day = g_date_time_format (local, C_("day of a time", "%-d %B %Y"));

        /* Translators: a day, a time of day, a time zone: "Saturday, 12 December, 17:00:00 Europe/Berlin (CET)" */
        return g_strdup_printf (C_("day time zone", "%s, %s %s"), day, clock, zone);
      }
  }

  /* Translators: a time of day and its time zone: "14:05:00 Europe/Berlin (CET)" */
  return g_strdup_printf (C_("time zone", "%s %s"), clock, zone);
}

static GtkWidget *
new_device_line (MqDevice  *device,
                 GDateTime *now)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *image = gtk_image_new_from_icon_name ("video-display-symbolic");
  GtkWidget *name = gtk_label_new (mq_device_get_name (device));
  GtkWidget *state = gtk_label_new (NULL);
  g_autoptr(GDateTime) last_seen = mq_device_dup_last_seen (device);
  g_autofree char *seen = NULL;
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;
  const char *online = NULL;

  if (last_seen != NULL)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

      seen = mq_format_time_in_zone (last_seen, now, tz);
    }

  switch (mq_device_get_online (device))
    {
    case MQ_DEVICE_ONLINE:
      online = _("Online");
      gtk_widget_add_css_class (state, "success");
      break;
    case MQ_DEVICE_OFFLINE:
      online = _("Offline");
      gtk_widget_add_css_class (state, "error");
      break;
    case MQ_DEVICE_ONLINE_UNKNOWN:
    default:
      gtk_widget_add_css_class (state, "dim-label");
      break;
    }

  if (online != NULL && seen != NULL)
    /* Translators: a screen's state, then when it last contacted viewneo */
    text = g_strdup_printf (_("%s · last seen %s"), online, seen);
  else if (seen != NULL)
    /* Translators: when a screen last contacted viewneo */
    text = g_strdup_printf (_("Last seen %s"), seen);
  else
    text = g_strdup (online != NULL ? online : _("State unknown"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Screen"), -1);
  gtk_widget_set_valign (image, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_text (GTK_LABEL (state), text);
  gtk_label_set_xalign (GTK_LABEL (state), 0);
  gtk_label_set_wrap (GTK_LABEL (state), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (state), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (state, "caption");
  gtk_widget_set_hexpand (state, TRUE);

  {
    GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_box_append (GTK_BOX (texts), name);
    gtk_box_append (GTK_BOX (texts), state);
    gtk_box_append (GTK_BOX (box), image);
    gtk_box_append (GTK_BOX (box), texts);
  }

  /* Translators: a screen's name, then its state */
  accessible = g_strdup_printf (C_("screen state", "%s: %s"), mq_device_get_name (device), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  return box;
}

static void
update_devices (MqScreenGroupRow *self,
                GDateTime        *now)
{
  GPtrArray *devices = mq_screen_group_item_get_devices (self->item);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->devices_box))) != NULL)
    gtk_box_remove (self->devices_box, child);

  for (guint i = 0; i < devices->len; i++)
    gtk_box_append (self->devices_box, new_device_line (g_ptr_array_index (devices, i), now));

  gtk_widget_set_visible (GTK_WIDGET (self->devices_box), devices->len > 0);
}

static char *
dup_following (GPtrArray *active)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint shown = MIN (active->len, 1 + MAX_FOLLOWING);

  if (active->len < 2)
    return NULL;

  for (guint i = 1; i < shown; i++)
    {
      g_autofree char *title = mq_entry_dup_title (g_ptr_array_index (active, i), NULL);

      if (i > 1)
        /* Translators: between the names of entries that follow one another */
        g_string_append (text, C_("entry list", ", "));
      g_string_append (text, title);
    }

  if (active->len > shown)
    {
      guint rest = active->len - shown;
      /* Translators: after the names of the next entries; %u is how many more follow */
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more", "and %u more", rest), rest);

      g_string_append_c (text, ' ');
      g_string_append (text, more);
    }

  /* Translators: the entries that play after the current one, in order */
  return g_strdup_printf (_("Then: %s"), text->str);
}

static void
update (MqScreenGroupRow *self)
{
  MqDeviceGroup *group = mq_screen_group_item_get_group (self->item);
  MqPlaylist *playlist = mq_screen_group_item_get_playlist (self->item);
  MqScreenGroupState state = mq_screen_group_item_get_state (self->item);
  const char *playlist_name = playlist != NULL ? mq_playlist_get_name (playlist)
                                               : mq_device_group_get_playlist_name (group);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (mq_clock_now ());
  g_autofree char *plays = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *following = NULL;
  g_autofree char *change = NULL;
  g_autofree char *accessible = NULL;

  gtk_label_set_text (self->name_label, mq_device_group_get_name (group));

  if (state == MQ_SCREEN_GROUP_NO_PLAYLIST)
    plays = g_strdup (_("Plays no playlist"));
  else if (playlist_name != NULL && *playlist_name != '\0')
    /* Translators: the playlist a screen group plays */
    plays = g_strdup_printf (_("Plays “%s”"), playlist_name);
  else
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             mq_device_group_get_playlist_id (group));

      /* Translators: the playlist a screen group plays, by its id */
      plays = g_strdup_printf (_("Plays playlist %s"), id);
    }
  gtk_label_set_text (self->playlist_label, plays);

  switch (state)
    {
    case MQ_SCREEN_GROUP_NO_PLAYLIST:
      break;

    case MQ_SCREEN_GROUP_LOADING:
      now_text = g_strdup (_("Finding out what plays…"));
      break;

    case MQ_SCREEN_GROUP_FAILED:
      /* Translators: %s says why (the error's message) */
      now_text = g_strdup_printf (_("Could not find out what plays: %s"),
                                  mq_screen_group_item_get_error (self->item)->message);
      break;

    case MQ_SCREEN_GROUP_KNOWN:
    default:
      {
        GPtrArray *active = mq_screen_group_item_get_active (self->item);
        const MqScheduleSummary *summary = mq_screen_group_item_get_summary (self->item);
        GDateTime *next = mq_screen_group_item_get_next_change (self->item);

        if (active->len > 0)
          {
            g_autofree char *title = mq_entry_dup_title (g_ptr_array_index (active, 0), NULL);
            g_autofree char *loop = mq_format_duration_long (summary->loop_duration_ms / 1000);

            /* Translators: the entry playing now, then how long the whole loop is */
            now_text = g_strdup_printf (_("Now: %s (loop of %s)"), title, loop);
            following = dup_following (active);
          }
        else
          {
            now_text = g_strdup (_("Nothing plays now"));
          }

        if (next != NULL)
          {
            g_autofree char *when = mq_format_time_in_zone (next, now,
                                                            mq_screen_group_item_get_time_zone (self->item));

            /* Translators: when what plays next changes: "14:05:00 Europe/Berlin (CET)" */
            change = g_strdup_printf (_("Changes at %s"), when);
          }
        else
          {
            change = g_strdup (_("No change in the next 7 days"));
          }

        if (summary->n_unknown > 0)
          {
            g_autofree char *unknown = g_strdup_printf (ngettext ("%u entry has a schedule Marquee cannot read",
                                                                  "%u entries have a schedule Marquee cannot read",
                                                                  summary->n_unknown),
                                                        summary->n_unknown);
            char *both = g_strconcat (change, "\n", unknown, NULL);

            g_free (change);
            change = both;
          }
      }
      break;
    }

  mq_label_set_or_hide (self->now_label, now_text);
  mq_label_set_or_hide (self->following_label, following);
  mq_label_set_or_hide (self->change_label, change);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), state != MQ_SCREEN_GROUP_NO_PLAYLIST);
  gtk_widget_set_visible (GTK_WIDGET (self->go_image), state != MQ_SCREEN_GROUP_NO_PLAYLIST);

  /* The row is read as one: its name, the playlist, what plays, when it changes. */
  accessible = g_strjoin (". ", mq_device_group_get_name (group), plays,
                          now_text != NULL ? now_text : "", change != NULL ? change : "", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  update_devices (self, now);
}

static void
mq_screen_group_row_dispose (GObject *object)
{
  MqScreenGroupRow *self = MQ_SCREEN_GROUP_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MQ_TYPE_SCREEN_GROUP_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (mq_screen_group_row_parent_class)->dispose (object);
}

static void
mq_screen_group_row_class_init (MqScreenGroupRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mq_screen_group_row_dispose;

  mq_playlists_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marqueesignage/Marquee/screens/mq-screen-group-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MqScreenGroupRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, MqScreenGroupRow, playlist_label);
  gtk_widget_class_bind_template_child (widget_class, MqScreenGroupRow, go_image);
  gtk_widget_class_bind_template_child (widget_class, MqScreenGroupRow, now_label);
  gtk_widget_class_bind_template_child (widget_class, MqScreenGroupRow, following_label);
  gtk_widget_class_bind_template_child (widget_class, MqScreenGroupRow, change_label);
  gtk_widget_class_bind_template_child (widget_class, MqScreenGroupRow, devices_box);
}

static void
mq_screen_group_row_init (MqScreenGroupRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mq_screen_group_row_new (MqScreenGroupItem *item)
{
  MqScreenGroupRow *self;

  g_return_val_if_fail (MQ_IS_SCREEN_GROUP_ITEM (item), NULL);

  self = g_object_new (MQ_TYPE_SCREEN_GROUP_ROW, NULL);
  self->item = g_object_ref (item);
  g_signal_connect_object (item, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

MqScreenGroupItem *
mq_screen_group_row_get_item (MqScreenGroupRow *self)
{
  g_return_val_if_fail (MQ_IS_SCREEN_GROUP_ROW (self), NULL);

  return self->item;
}
