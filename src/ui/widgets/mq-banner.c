/* mq-banner.c: a persistent message across the top of a page, with one optional button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-widgets"

#include "mq-banner.h"
#include "mq-widgets-resources.h"

/* AdwBanner arrived in libadwaita 1.3; before, the same look (mq-widgets.css) from a
 * revealer, a label and a button. */
#define HAVE_ADW_BANNER ADW_CHECK_VERSION (1, 3, 0)

struct _MqBanner
{
  AdwBin      parent_instance;

  char       *title;
  char       *button_label;
  gboolean    revealed;

#if HAVE_ADW_BANNER
  AdwBanner  *banner;
#else
  GtkRevealer *revealer;
  GtkLabel   *label;
  GtkButton  *button;
#endif
};

G_DEFINE_FINAL_TYPE (MqBanner, mq_banner, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_BUTTON_LABEL,
  PROP_REVEALED,
  N_PROPS
};

enum {
  BUTTON_CLICKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* g_set_str() is GLib 2.76. */
static gboolean
replace_string (char       **slot,
                const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (value);

  return TRUE;
}

static void
button_clicked_cb (MqBanner *self)
{
  g_signal_emit (self, signals[BUTTON_CLICKED], 0);
}

static void
mq_banner_finalize (GObject *object)
{
  MqBanner *self = MQ_BANNER (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->button_label, g_free);

  G_OBJECT_CLASS (mq_banner_parent_class)->finalize (object);
}

static void
mq_banner_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MqBanner *self = MQ_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_BUTTON_LABEL:
      g_value_set_string (value, self->button_label);
      break;
    case PROP_REVEALED:
      g_value_set_boolean (value, self->revealed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_banner_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MqBanner *self = MQ_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      mq_banner_set_title (self, g_value_get_string (value));
      break;
    case PROP_BUTTON_LABEL:
      mq_banner_set_button_label (self, g_value_get_string (value));
      break;
    case PROP_REVEALED:
      mq_banner_set_revealed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_banner_class_init (MqBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mq_banner_finalize;
  object_class->get_property = mq_banner_get_property;
  object_class->set_property = mq_banner_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUTTON_LABEL] =
    g_param_spec_string ("button-label", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[BUTTON_CLICKED] =
    g_signal_new ("button-clicked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  mq_widgets_ensure_resources ();
}

static void
mq_banner_init (MqBanner *self)
{
#if HAVE_ADW_BANNER
  self->banner = ADW_BANNER (adw_banner_new (""));
  g_signal_connect_swapped (self->banner, "button-clicked",
                            G_CALLBACK (button_clicked_cb), self);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->banner));
#else
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (self->label, GTK_JUSTIFY_CENTER);
  gtk_label_set_xalign (self->label, 0.5);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "heading");

  self->button = GTK_BUTTON (gtk_button_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->button), FALSE);
  g_signal_connect_swapped (self->button, "clicked", G_CALLBACK (button_clicked_cb), self);

  gtk_widget_add_css_class (box, "mq-banner");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->button));
  gtk_revealer_set_child (self->revealer, box);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->revealer));
#endif
}

GtkWidget *
mq_banner_new (const char *title)
{
  return g_object_new (MQ_TYPE_BANNER, "title", title, NULL);
}

const char *
mq_banner_get_title (MqBanner *self)
{
  g_return_val_if_fail (MQ_IS_BANNER (self), NULL);

  return self->title;
}

void
mq_banner_set_title (MqBanner   *self,
                     const char *title)
{
  g_return_if_fail (MQ_IS_BANNER (self));

  if (!replace_string (&self->title, title))
    return;

#if HAVE_ADW_BANNER
  {
    /* AdwBanner reads its title as markup. */
    g_autofree char *markup = g_markup_escape_text (title != NULL ? title : "", -1);

    adw_banner_set_title (self->banner, markup);
  }
#else
  gtk_label_set_text (self->label, title);
#endif

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
mq_banner_get_button_label (MqBanner *self)
{
  g_return_val_if_fail (MQ_IS_BANNER (self), NULL);

  return self->button_label;
}

void
mq_banner_set_button_label (MqBanner   *self,
                            const char *label)
{
  g_return_if_fail (MQ_IS_BANNER (self));

  if (!replace_string (&self->button_label, label))
    return;

#if HAVE_ADW_BANNER
  adw_banner_set_button_label (self->banner, label);
#else
  gtk_button_set_label (self->button, label);
  gtk_button_set_use_underline (self->button, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->button), label != NULL && *label != '\0');
#endif

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUTTON_LABEL]);
}

gboolean
mq_banner_get_revealed (MqBanner *self)
{
  g_return_val_if_fail (MQ_IS_BANNER (self), FALSE);

  return self->revealed;
}

void
mq_banner_set_revealed (MqBanner *self,
                        gboolean  revealed)
{
  g_return_if_fail (MQ_IS_BANNER (self));

  revealed = !!revealed;
  if (self->revealed == revealed)
    return;

  self->revealed = revealed;
#if HAVE_ADW_BANNER
  adw_banner_set_revealed (self->banner, revealed);
#else
  gtk_revealer_set_reveal_child (self->revealer, revealed);
#endif

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}
