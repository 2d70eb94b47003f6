/* mq-entry-row.c: one entry of a playlist in the detail pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <glib/gi18n.h>

#include "mq-entry-row.h"
#include "mq-entry-kind.h"
#include "mq-format-duration.h"
#include "mq-format-schedule.h"
#include "mq-format-time.h"
#include "mq-playlists-resources.h"
#include "mq-schedule.h"

struct _MqEntryRow
{
  AdwActionRow     parent_instance;

  MqPlaylistEntry *entry;
  GCancellable    *cancellable;
  gboolean         thumbnail_requested;
  gboolean         not_playing;

  GtkLabel        *position_label;
  GtkStack        *preview_stack;
  GtkImage        *kind_image;
  GtkImage        *thumbnail;
  GtkLabel        *duration_label;
  GtkImage        *sound_image;
  GtkImage        *go_image;
  GtkImage        *unknown_image;
};

G_DEFINE_FINAL_TYPE (MqEntryRow, mq_entry_row, ADW_TYPE_ACTION_ROW)

static void
mq_entry_row_dispose (GObject *object)
{
  MqEntryRow *self = MQ_ENTRY_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->entry);

  gtk_widget_dispose_template (GTK_WIDGET (self), MQ_TYPE_ENTRY_ROW);

  G_OBJECT_CLASS (mq_entry_row_parent_class)->dispose (object);
}

static void
mq_entry_row_class_init (MqEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mq_entry_row_dispose;

  mq_playlists_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marqueesignage/Marquee/playlists/mq-entry-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MqEntryRow, position_label);
  gtk_widget_class_bind_template_child (widget_class, MqEntryRow, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, MqEntryRow, kind_image);
  gtk_widget_class_bind_template_child (widget_class, MqEntryRow, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, MqEntryRow, duration_label);
  gtk_widget_class_bind_template_child (widget_class, MqEntryRow, sound_image);
  gtk_widget_class_bind_template_child (widget_class, MqEntryRow, go_image);
  gtk_widget_class_bind_template_child (widget_class, MqEntryRow, unknown_image);
}

static void
mq_entry_row_init (MqEntryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* "Video · Scheduled: 1 Mar 2024 – 30 Apr 2024, 08:00–18:00 · Mon–Fri" */
static char *
dup_subtitle (MqPlaylistEntry *entry,
              MqEntryKind      kind)
{
  g_autoptr(GString) subtitle = g_string_new (mq_entry_kind_get_label (kind));
  g_autofree char *rule = mq_format_play_rule (entry);

  g_string_append_printf (subtitle, " · %s", rule);
  if (mq_playlist_entry_get_play_rule (entry) == MQ_PLAY_RULE_SCHEDULED)
    {
      g_autofree char *weekdays = mq_format_weekdays (mq_playlist_entry_get_weekdays (entry));

      g_string_append_printf (subtitle, " · %s", weekdays);
    }

  return g_string_free (g_steal_pointer (&subtitle), FALSE);
}

GtkWidget *
mq_entry_row_new (MqPlaylistEntry *entry,
                  guint            position,
                  const char      *nested_playlist_name)
{
  MqEntryRow *self;
  MqEntryKind kind;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *position_text = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *duration_long = NULL;
  const char *sound_text;

  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (entry), NULL);

  self = g_object_new (MQ_TYPE_ENTRY_ROW, NULL);
  self->entry = g_object_ref (entry);
  kind = mq_entry_kind_of (entry);

  title = mq_entry_dup_title (entry, nested_playlist_name);
  subtitle = dup_subtitle (entry, kind);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  position_text = g_strdup_printf ("%u", position);
  gtk_label_set_text (self->position_label, position_text);

  gtk_image_set_from_icon_name (self->kind_image, mq_entry_kind_get_icon_name (kind));

  duration = mq_format_duration (mq_playlist_entry_get_duration (entry));
  duration_long = mq_format_duration_long (mq_playlist_entry_get_duration (entry));
  gtk_label_set_text (self->duration_label, duration);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->duration_label), _("Duration"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->duration_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, duration_long,
                                  -1);

  if (mq_playlist_entry_get_sound_played (entry))
    {
      gtk_image_set_from_icon_name (self->sound_image, "audio-volume-high-symbolic");
      sound_text = _("Sound on");
    }
  else
    {
      gtk_image_set_from_icon_name (self->sound_image, "audio-volume-muted-symbolic");
      sound_text = _("Sound off");
      gtk_widget_add_css_class (GTK_WIDGET (self->sound_image), "dim-label");
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sound_image), sound_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sound_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sound_text,
                                  -1);

  if (mq_schedule_entry_get_state (entry) == MQ_SCHEDULE_STATE_UNKNOWN)
    gtk_widget_set_visible (GTK_WIDGET (self->unknown_image), TRUE);

  if (kind == MQ_ENTRY_KIND_PLAYLIST)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->go_image), TRUE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("Show this playlist"));
    }

  return GTK_WIDGET (self);
}

MqPlaylistEntry *
mq_entry_row_get_entry (MqEntryRow *self)
{
  g_return_val_if_fail (MQ_IS_ENTRY_ROW (self), NULL);

  return self->entry;
}

void
mq_entry_row_set_playing (MqEntryRow *self,
                          gboolean    playing,
                          const char *note)
{
  g_return_if_fail (MQ_IS_ENTRY_ROW (self));

  self->not_playing = !playing;
  if (playing)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "mq-not-playing");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "mq-not-playing");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, note,
                                      -1);
    }
}

gboolean
mq_entry_row_get_playing (MqEntryRow *self)
{
  g_return_val_if_fail (MQ_IS_ENTRY_ROW (self), FALSE);

  return !self->not_playing;
}

static void
show_thumbnail (MqEntryRow *self,
                GdkTexture *texture)
{
  /* An image, not a picture: it keeps to its pixel size whatever the texture's. */
  gtk_image_set_from_paintable (self->thumbnail, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->preview_stack, "thumbnail");
}

static void
thumbnail_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  MqEntryRow *self;

  texture = mq_thumbnail_cache_load_finish (MQ_THUMBNAIL_CACHE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = MQ_ENTRY_ROW (user_data);
  if (texture == NULL)
    {
      /* The kind's icon stays: a missing thumbnail is not worth a message. */
      g_debug ("No thumbnail for entry %" G_GINT64_FORMAT ": %s",
               mq_playlist_entry_get_id (self->entry), error->message);
      return;
    }

  show_thumbnail (self, texture);
}

void
mq_entry_row_request_thumbnail (MqEntryRow       *self,
                                MqThumbnailCache *cache)
{
  gint64 media_file_id;
  GdkTexture *texture;

  g_return_if_fail (MQ_IS_ENTRY_ROW (self));
  g_return_if_fail (MQ_IS_THUMBNAIL_CACHE (cache));

  media_file_id = mq_playlist_entry_get_media_file_id (self->entry);
  if (self->thumbnail_requested || media_file_id == 0)
    return;

  self->thumbnail_requested = TRUE;

  texture = mq_thumbnail_cache_lookup (cache, media_file_id);
  if (texture != NULL)
    {
      show_thumbnail (self, texture);
      return;
    }

  mq_thumbnail_cache_load_async (cache, media_file_id, self->cancellable,
                                 thumbnail_loaded, self);
}

gboolean
mq_entry_row_has_thumbnail (MqEntryRow *self)
{
  g_return_val_if_fail (MQ_IS_ENTRY_ROW (self), FALSE);

  return gtk_image_get_storage_type (self->thumbnail) == GTK_IMAGE_PAINTABLE;
}
