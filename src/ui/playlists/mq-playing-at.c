/* mq-playing-at.c: "Playing at": now, or a date and time chosen by the user
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <glib/gi18n.h>

#include "mq-clock.h"
#include "mq-playing-at.h"
#include "mq-format-time.h"
#include "mq-playlists-resources.h"
#include "mq-schedule.h"

struct _MqPlayingAt
{
  AdwBin         parent_instance;

  GDateTime     *moment;
  /* The popover's widgets are being set from the moment, not by the user. */
  gboolean       syncing;

  GtkMenuButton *button;
  GtkButton     *now_button;
  GtkCalendar   *calendar;
  GtkSpinButton *hour_spin;
  GtkSpinButton *minute_spin;
  GtkLabel      *zone_label;
};

G_DEFINE_FINAL_TYPE (MqPlayingAt, mq_playing_at, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MOMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
mq_playing_at_clock_is_12h (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *format = NULL;

  /* Not every system (nor a Flatpak without the desktop's schemas) has the key. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "clock-format"))
    return FALSE;

  settings = g_settings_new_full (schema, NULL, NULL);
  format = g_settings_get_string (settings, "clock-format");

  return g_strcmp0 (format, "12h") == 0;
}

static void
update_button (MqPlayingAt *self)
{
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;

  if (self->moment == NULL)
    text = g_strdup (_("Now"));
  else
    text = mq_format_moment (self->moment, mq_playing_at_clock_is_12h ());

  gtk_menu_button_set_label (self->button, text);
  /* Translators: the accessible name of the "Playing at" button, "Playing at: Now" */
  accessible = g_strdup_printf (_("Playing at: %s"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static GDateTime *
dup_now (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (mq_clock_now ());

  return g_date_time_to_local (utc);
}

static void
popover_show_cb (MqPlayingAt *self)
{
  g_autoptr(GDateTime) shown = self->moment != NULL ? g_date_time_ref (self->moment) : dup_now ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autofree char *zone = mq_schedule_dup_zone_name (tz, shown);
  g_autofree char *zone_text = NULL;

  self->syncing = TRUE;
  gtk_calendar_select_day (self->calendar, shown);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (shown));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (shown));
  self->syncing = FALSE;

  /* Translators: below the "Playing at" calendar: the time zone the time is read in */
  zone_text = g_strdup_printf (_("Time zone: %s"), zone);
  gtk_label_set_text (self->zone_label, zone_text);
}

static void
now_clicked_cb (MqPlayingAt *self)
{
  mq_playing_at_set_moment (self, NULL);
  gtk_menu_button_popdown (self->button);
}

static void
chosen_cb (MqPlayingAt *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) moment = NULL;

  if (self->syncing)
    return;

  day = gtk_calendar_get_date (self->calendar);
  moment = g_date_time_new_local (g_date_time_get_year (day),
                                  g_date_time_get_month (day),
                                  g_date_time_get_day_of_month (day),
                                  gtk_spin_button_get_value_as_int (self->hour_spin),
                                  gtk_spin_button_get_value_as_int (self->minute_spin),
                                  0);
  if (moment != NULL)
    mq_playing_at_set_moment (self, moment);
}

static gboolean
spin_output_cb (GtkSpinButton *spin,
                gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  /* Two digits, as a clock shows minutes. */
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
mq_playing_at_dispose (GObject *object)
{
  MqPlayingAt *self = MQ_PLAYING_AT (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MQ_TYPE_PLAYING_AT);
  g_clear_pointer (&self->moment, g_date_time_unref);

  G_OBJECT_CLASS (mq_playing_at_parent_class)->dispose (object);
}

static void
mq_playing_at_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MqPlayingAt *self = MQ_PLAYING_AT (object);

  switch (prop_id)
    {
    case PROP_MOMENT:
      g_value_set_boxed (value, self->moment);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_playing_at_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MqPlayingAt *self = MQ_PLAYING_AT (object);

  switch (prop_id)
    {
    case PROP_MOMENT:
      mq_playing_at_set_moment (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_playing_at_class_init (MqPlayingAtClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mq_playing_at_dispose;
  object_class->get_property = mq_playing_at_get_property;
  object_class->set_property = mq_playing_at_set_property;

  properties[PROP_MOMENT] =
    g_param_spec_boxed ("moment", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  mq_playlists_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marqueesignage/Marquee/playlists/mq-playing-at.ui");
  gtk_widget_class_bind_template_child (widget_class, MqPlayingAt, button);
  gtk_widget_class_bind_template_child (widget_class, MqPlayingAt, now_button);
  gtk_widget_class_bind_template_child (widget_class, MqPlayingAt, calendar);
  gtk_widget_class_bind_template_child (widget_class, MqPlayingAt, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, MqPlayingAt, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, MqPlayingAt, zone_label);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, now_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_output_cb);
}

static void
mq_playing_at_init (MqPlayingAt *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_button (self);
}

GtkWidget *
mq_playing_at_new (void)
{
  return g_object_new (MQ_TYPE_PLAYING_AT, NULL);
}

GDateTime *
mq_playing_at_get_moment (MqPlayingAt *self)
{
  g_return_val_if_fail (MQ_IS_PLAYING_AT (self), NULL);

  return self->moment;
}

void
mq_playing_at_set_moment (MqPlayingAt *self,
                          GDateTime   *moment)
{
  g_return_if_fail (MQ_IS_PLAYING_AT (self));

  if (self->moment == moment
      || (self->moment != NULL && moment != NULL && g_date_time_equal (self->moment, moment)))
    return;

  g_clear_pointer (&self->moment, g_date_time_unref);
  if (moment != NULL)
    self->moment = g_date_time_ref (moment);

  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOMENT]);
}
