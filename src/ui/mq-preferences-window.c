/* mq-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-ui"

#include <glib/gi18n.h>

#include "mq-client.h"
#include "mq-loopback-receiver.h"
#include "mq-preferences-window.h"
#include "mq-ui-utils.h"

#if ADW_CHECK_VERSION (1, 5, 0)
#define PARENT_TYPE ADW_TYPE_PREFERENCES_DIALOG
typedef AdwPreferencesDialog MqPreferencesParent;
#define add_toast(self, toast) adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (self), toast)
#else
#define PARENT_TYPE ADW_TYPE_PREFERENCES_WINDOW
typedef AdwPreferencesWindow MqPreferencesParent;
#define add_toast(self, toast) adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast)
#endif

struct _MqPreferencesWindow
{
  MqPreferencesParent   parent_instance;

  AdwEntryRow          *server_row;
  AdwActionRow         *redirect_row;
  GtkSpinButton        *port_spin;
  GtkSpinButton        *warning_days_spin;
  GtkSwitch            *background_switch;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (MqPreferencesWindow, mq_preferences_window, PARENT_TYPE)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
server_changed_cb (MqPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
}

static void
server_apply_cb (MqPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;

  server = mq_server_url_normalize (gtk_editable_get_text (GTK_EDITABLE (self->server_row)), &error);
  if (server == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
      add_toast (self, mq_toast_new (error->message));
      return;
    }

  g_settings_set_string (self->settings, "server", server);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
}

static char *
dup_redirect_uri (MqPreferencesWindow *self)
{
  return mq_loopback_redirect_uri (gtk_spin_button_get_value_as_int (self->port_spin));
}

static void
update_redirect_uri (MqPreferencesWindow *self)
{
  g_autofree char *uri = dup_redirect_uri (self);

  adw_action_row_set_subtitle (self->redirect_row, uri);
}

static void
copy_redirect_uri_cb (MqPreferencesWindow *self)
{
  g_autofree char *uri = dup_redirect_uri (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), uri);
  add_toast (self, mq_toast_new (_("Redirect URL copied")));
}

static void
mq_preferences_window_constructed (GObject *object)
{
  MqPreferencesWindow *self = MQ_PREFERENCES_WINDOW (object);
  g_autofree char *server = g_settings_get_string (self->settings, "server");

  G_OBJECT_CLASS (mq_preferences_window_parent_class)->constructed (object);

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");

  g_settings_bind (self->settings, "redirect-port", self->port_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "expiry-warning-days", self->warning_days_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  update_redirect_uri (self);
}

static void
mq_preferences_window_dispose (GObject *object)
{
  MqPreferencesWindow *self = MQ_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MQ_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mq_preferences_window_parent_class)->dispose (object);
}

static void
mq_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MqPreferencesWindow *self = MQ_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_preferences_window_class_init (MqPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mq_preferences_window_constructed;
  object_class->dispose = mq_preferences_window_dispose;
  object_class->set_property = mq_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/marqueesignage/Marquee/mq-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MqPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, MqPreferencesWindow, redirect_row);
  gtk_widget_class_bind_template_child (widget_class, MqPreferencesWindow, port_spin);
  gtk_widget_class_bind_template_child (widget_class, MqPreferencesWindow, warning_days_spin);
  gtk_widget_class_bind_template_child (widget_class, MqPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_callback (widget_class, server_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_redirect_uri);
  gtk_widget_class_bind_template_callback (widget_class, copy_redirect_uri_cb);
}

static void
mq_preferences_window_init (MqPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The template names no parent, as it serves both: what only a window has is set here. */
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_set_content_height (ADW_DIALOG (self), 600);
#else
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 600);
#endif
}

GtkWidget *
mq_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (MQ_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}
