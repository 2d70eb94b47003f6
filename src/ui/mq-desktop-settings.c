/* mq-desktop-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-ui"

#include "mq-desktop-settings.h"
#include "mq-ui-utils.h"

#define INTERFACE_SCHEMA  "org.gnome.desktop.interface"
#define CLOCK_FORMAT_KEY  "clock-format"

#define PORTAL_NAME       "org.freedesktop.portal.Desktop"
#define PORTAL_PATH       "/org/freedesktop/portal/desktop"
#define PORTAL_SETTINGS   "org.freedesktop.portal.Settings"

struct _MqDesktopSettings
{
  GObject          parent_instance;

  MqClockFormat    clock_format;

  GSettings       *interface_settings;
  GDBusConnection *connection;
  guint            changed_id;
  gboolean         tried_read;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (MqDesktopSettings, mq_desktop_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLOCK_FORMAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_clock_format (MqDesktopSettings *self,
                  const char        *value)
{
  MqClockFormat format = g_strcmp0 (value, "12h") == 0 ? MQ_CLOCK_FORMAT_12H
                                                       : MQ_CLOCK_FORMAT_24H;

  mq_format_set_clock_format (format);
  if (self->clock_format == format)
    return;

  self->clock_format = format;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK_FORMAT]);
}

/* ---- GSettings ---- */

static void
interface_changed_cb (MqDesktopSettings *self,
                      const char        *key,
                      GSettings         *settings)
{
  g_autofree char *value = g_settings_get_string (settings, CLOCK_FORMAT_KEY);

  set_clock_format (self, value);
}

static void
watch_gsettings (MqDesktopSettings *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, INTERFACE_SCHEMA, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, CLOCK_FORMAT_KEY))
    {
      g_debug ("No %s schema with %s: a 24-hour clock", INTERFACE_SCHEMA, CLOCK_FORMAT_KEY);
      return;
    }

  self->interface_settings = g_settings_new_full (schema, NULL, NULL);
  g_signal_connect_object (self->interface_settings, "changed::" CLOCK_FORMAT_KEY,
                           G_CALLBACK (interface_changed_cb), self, G_CONNECT_SWAPPED);
  interface_changed_cb (self, CLOCK_FORMAT_KEY, self->interface_settings);
}

/* ---- the Settings portal ---- */

/* A string inside however many variants the portal wrapped it in (Read adds one). */
static const char *
unwrap_string (GVariant *value)
{
  g_autoptr(GVariant) inner = g_variant_ref (value);

  while (g_variant_is_of_type (inner, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *child = g_variant_get_variant (inner);

      g_variant_unref (inner);
      inner = child;
    }

  return g_variant_is_of_type (inner, G_VARIANT_TYPE_STRING) ? g_variant_get_string (inner, NULL)
                                                             : NULL;
}

static void
portal_setting_changed_cb (GDBusConnection *connection,
                           const char      *sender_name,
                           const char      *object_path,
                           const char      *interface_name,
                           const char      *signal_name,
                           GVariant        *parameters,
                           gpointer         user_data)
{
  MqDesktopSettings *self = user_data;
  g_autoptr(GVariant) value = NULL;
  const char *namespace;
  const char *key;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ssv)")))
    return;

  g_variant_get (parameters, "(&s&sv)", &namespace, &key, &value);
  if (g_strcmp0 (namespace, INTERFACE_SCHEMA) == 0 && g_strcmp0 (key, CLOCK_FORMAT_KEY) == 0)
    set_clock_format (self, unwrap_string (value));
}

static void read_setting (MqDesktopSettings *self,
                          const char        *method);

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;
  MqDesktopSettings *self;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;

  /* ReadOne came with version 2 of the interface; before, Read. */
  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) && !self->tried_read)
    {
      self->tried_read = TRUE;
      read_setting (self, "Read");
      return;
    }

  if (reply == NULL)
    {
      g_debug ("The Settings portal has no %s: %s", CLOCK_FORMAT_KEY, error->message);
      return;
    }

  value = g_variant_get_child_value (reply, 0);
  set_clock_format (self, unwrap_string (value));
}

static void
read_setting (MqDesktopSettings *self,
              const char        *method)
{
  g_dbus_connection_call (self->connection, PORTAL_NAME, PORTAL_PATH, PORTAL_SETTINGS, method,
                          g_variant_new ("(ss)", INTERFACE_SCHEMA, CLOCK_FORMAT_KEY),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE,
                          5000, self->cancellable, read_cb, self);
}

static void
bus_get_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  MqDesktopSettings *self;

  connection = g_bus_get_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  if (connection == NULL)
    {
      g_debug ("No session bus for the Settings portal: %s", error->message);
      return;
    }

  self->connection = g_steal_pointer (&connection);

  /* Subscribed before reading, so that no change falls between the two. */
  self->changed_id =
    g_dbus_connection_signal_subscribe (self->connection, PORTAL_NAME, PORTAL_SETTINGS,
                                        "SettingChanged", PORTAL_PATH, INTERFACE_SCHEMA,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        portal_setting_changed_cb, self, NULL);
  read_setting (self, "ReadOne");
}

static void
watch_portal (MqDesktopSettings *self)
{
  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, bus_get_cb, self);
}

/* ---- GObject ---- */

static void
mq_desktop_settings_dispose (GObject *object)
{
  MqDesktopSettings *self = (MqDesktopSettings *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->changed_id != 0)
    g_dbus_connection_signal_unsubscribe (self->connection, self->changed_id);
  self->changed_id = 0;
  g_clear_object (&self->connection);
  g_clear_object (&self->interface_settings);

  G_OBJECT_CLASS (mq_desktop_settings_parent_class)->dispose (object);
}

static void
mq_desktop_settings_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MqDesktopSettings *self = MQ_DESKTOP_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_CLOCK_FORMAT:
      g_value_set_int (value, self->clock_format);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_desktop_settings_class_init (MqDesktopSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mq_desktop_settings_dispose;
  object_class->get_property = mq_desktop_settings_get_property;

  /**
   * MqDesktopSettings:clock-format:
   *
   * The desktop's clock, an MqClockFormat.
   */
  properties[PROP_CLOCK_FORMAT] =
    g_param_spec_int ("clock-format", NULL, NULL,
                      MQ_CLOCK_FORMAT_24H, MQ_CLOCK_FORMAT_12H, MQ_CLOCK_FORMAT_24H,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mq_desktop_settings_init (MqDesktopSettings *self)
{
  self->clock_format = MQ_CLOCK_FORMAT_24H;
  self->cancellable = g_cancellable_new ();
  mq_format_set_clock_format (self->clock_format);

  if (mq_is_sandboxed ())
    watch_portal (self);
  else
    watch_gsettings (self);
}

MqDesktopSettings *
mq_desktop_settings_get_default (void)
{
  static MqDesktopSettings *instance;

  if (instance == NULL)
    instance = g_object_new (MQ_TYPE_DESKTOP_SETTINGS, NULL);

  return instance;
}

MqClockFormat
mq_desktop_settings_get_clock_format (MqDesktopSettings *self)
{
  g_return_val_if_fail (MQ_IS_DESKTOP_SETTINGS (self), MQ_CLOCK_FORMAT_24H);

  return self->clock_format;
}
