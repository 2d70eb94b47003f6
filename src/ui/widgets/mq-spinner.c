/* mq-spinner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-ui"

#include <adwaita.h>

#include "mq-spinner.h"

/* AdwSpinner (libadwaita 1.6) is the spinner of today's GNOME; it spins whenever it is
 * mapped. Below 1.6 a GtkSpinner stands in. Either way "spinning" says whether it shows,
 * and the size stays the same when it does not, as a stopped GtkSpinner's does. */
#define HAVE_ADW_SPINNER ADW_CHECK_VERSION (1, 6, 0)

struct _MqSpinner
{
  GtkWidget  parent_instance;

  GtkWidget *spinner;
  gboolean   spinning;
};

G_DEFINE_FINAL_TYPE (MqSpinner, mq_spinner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPINNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mq_spinner_dispose (GObject *object)
{
  MqSpinner *self = MQ_SPINNER (object);

  g_clear_pointer (&self->spinner, gtk_widget_unparent);

  G_OBJECT_CLASS (mq_spinner_parent_class)->dispose (object);
}

static void
mq_spinner_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MqSpinner *self = MQ_SPINNER (object);

  switch (prop_id)
    {
    case PROP_SPINNING:
      g_value_set_boolean (value, self->spinning);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_spinner_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MqSpinner *self = MQ_SPINNER (object);

  switch (prop_id)
    {
    case PROP_SPINNING:
      mq_spinner_set_spinning (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_spinner_class_init (MqSpinnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mq_spinner_dispose;
  object_class->get_property = mq_spinner_get_property;
  object_class->set_property = mq_spinner_set_property;

  properties[PROP_SPINNING] =
    g_param_spec_boolean ("spinning", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mq-spinner");
}

static void
mq_spinner_init (MqSpinner *self)
{
#if HAVE_ADW_SPINNER
  self->spinner = adw_spinner_new ();
#else
  self->spinner = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), TRUE);
#endif
  /* Not shown, not animated, but measured: stopping does not move what is around it. */
  gtk_widget_set_child_visible (self->spinner, FALSE);
  gtk_widget_set_parent (self->spinner, GTK_WIDGET (self));
}

GtkWidget *
mq_spinner_new (void)
{
  return g_object_new (MQ_TYPE_SPINNER, NULL);
}

gboolean
mq_spinner_get_spinning (MqSpinner *self)
{
  g_return_val_if_fail (MQ_IS_SPINNER (self), FALSE);

  return self->spinning;
}

void
mq_spinner_set_spinning (MqSpinner *self,
                         gboolean   spinning)
{
  g_return_if_fail (MQ_IS_SPINNER (self));

  spinning = !!spinning;
  if (self->spinning == spinning)
    return;

  self->spinning = spinning;
  gtk_widget_set_child_visible (self->spinner, spinning);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPINNING]);
}
