/* mq-split-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-ui"

#include <adwaita.h>

#include "mq-split-view.h"

/* From libadwaita 1.4 on an AdwNavigationSplitView, collapsed by a breakpoint where an
 * AdwLeaflet of two 360-pixel panes would fold; the header bars in its pages
 * then get their back and window buttons by themselves. Before 1.4, that leaflet, with a
 * separator between the panes. In .ui files the panes are children of type "sidebar"
 * and "content", titled by the "sidebar-title" and "content-title" properties, which are
 * set first. */
#define HAVE_SPLIT_VIEW ADW_CHECK_VERSION (1, 4, 0)
#define PANE_WIDTH 360

struct _MqSplitView
{
  GtkWidget  parent_instance;

#if HAVE_SPLIT_VIEW
  AdwBreakpointBin       *bin;
  AdwNavigationSplitView *split_view;
#else
  AdwLeaflet             *leaflet;
#endif
  GtkWidget              *sidebar;
  GtkWidget              *content;
  char                   *sidebar_title;
  char                   *content_title;
};

static void mq_split_view_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MqSplitView, mq_split_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, mq_split_view_buildable_init))

enum {
  PROP_0,
  PROP_FOLDED,
  PROP_SHOW_CONTENT,
  PROP_SIDEBAR_TITLE,
  PROP_CONTENT_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

static void
mq_split_view_buildable_add_child (GtkBuildable *buildable,
                                   GtkBuilder   *builder,
                                   GObject      *child,
                                   const char   *type)
{
  MqSplitView *self = MQ_SPLIT_VIEW (buildable);

  if (g_strcmp0 (type, "sidebar") == 0 && GTK_IS_WIDGET (child))
    mq_split_view_set_sidebar (self, GTK_WIDGET (child), self->sidebar_title);
  else if (g_strcmp0 (type, "content") == 0 && GTK_IS_WIDGET (child))
    mq_split_view_set_content (self, GTK_WIDGET (child), self->content_title);
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
mq_split_view_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = mq_split_view_buildable_add_child;
}

static void
notify_folded_cb (MqSplitView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

static void
notify_show_content_cb (MqSplitView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_CONTENT]);
}

static void
mq_split_view_dispose (GObject *object)
{
  MqSplitView *self = MQ_SPLIT_VIEW (object);

#if HAVE_SPLIT_VIEW
  g_clear_pointer ((GtkWidget **) &self->bin, gtk_widget_unparent);
  self->split_view = NULL;
#else
  g_clear_pointer ((GtkWidget **) &self->leaflet, gtk_widget_unparent);
#endif
  self->sidebar = NULL;
  self->content = NULL;

  G_OBJECT_CLASS (mq_split_view_parent_class)->dispose (object);
}

static void
mq_split_view_finalize (GObject *object)
{
  MqSplitView *self = MQ_SPLIT_VIEW (object);

  g_free (self->sidebar_title);
  g_free (self->content_title);

  G_OBJECT_CLASS (mq_split_view_parent_class)->finalize (object);
}

static void
mq_split_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MqSplitView *self = MQ_SPLIT_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, mq_split_view_get_folded (self));
      break;

    case PROP_SHOW_CONTENT:
      g_value_set_boolean (value, mq_split_view_get_show_content (self));
      break;

    case PROP_SIDEBAR_TITLE:
      g_value_set_string (value, self->sidebar_title);
      break;

    case PROP_CONTENT_TITLE:
      g_value_set_string (value, self->content_title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_split_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MqSplitView *self = MQ_SPLIT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_CONTENT:
      mq_split_view_set_show_content (self, g_value_get_boolean (value));
      break;

    case PROP_SIDEBAR_TITLE:
      g_free (self->sidebar_title);
      self->sidebar_title = g_value_dup_string (value);
      break;

    case PROP_CONTENT_TITLE:
      g_free (self->content_title);
      self->content_title = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_split_view_class_init (MqSplitViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mq_split_view_dispose;
  object_class->finalize = mq_split_view_finalize;
  object_class->get_property = mq_split_view_get_property;
  object_class->set_property = mq_split_view_set_property;

  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_CONTENT] =
    g_param_spec_boolean ("show-content", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* For the panes added after them (a navigation page needs a title). */
  properties[PROP_SIDEBAR_TITLE] =
    g_param_spec_string ("sidebar-title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONTENT_TITLE] =
    g_param_spec_string ("content-title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mq-split-view");
}

static void
mq_split_view_init (MqSplitView *self)
{
#if HAVE_SPLIT_VIEW
  g_auto(GValue) collapsed = G_VALUE_INIT;
  AdwBreakpoint *breakpoint;

  self->bin = ADW_BREAKPOINT_BIN (adw_breakpoint_bin_new ());
  /* A breakpoint bin needs a minimum size. */
  gtk_widget_set_size_request (GTK_WIDGET (self->bin), PANE_WIDTH, 200);
  self->split_view = ADW_NAVIGATION_SPLIT_VIEW (adw_navigation_split_view_new ());
  /* Two halves, as the leaflet had them, not a narrow sidebar: the list is the page. */
  adw_navigation_split_view_set_sidebar_width_unit (self->split_view, ADW_LENGTH_UNIT_PX);
  adw_navigation_split_view_set_sidebar_width_fraction (self->split_view, 0.5);
  adw_navigation_split_view_set_min_sidebar_width (self->split_view, PANE_WIDTH);
  adw_navigation_split_view_set_max_sidebar_width (self->split_view, G_MAXINT / 2);
  adw_breakpoint_bin_set_child (self->bin, GTK_WIDGET (self->split_view));

  /* Where the leaflet's two panes and its separator no longer fit. */
  breakpoint = adw_breakpoint_new (adw_breakpoint_condition_new_length (ADW_BREAKPOINT_CONDITION_MAX_WIDTH,
                                                                       2 * PANE_WIDTH,
                                                                       ADW_LENGTH_UNIT_PX));
  g_value_init (&collapsed, G_TYPE_BOOLEAN);
  g_value_set_boolean (&collapsed, TRUE);
  adw_breakpoint_add_setter (breakpoint, G_OBJECT (self->split_view), "collapsed", &collapsed);
  adw_breakpoint_bin_add_breakpoint (self->bin, breakpoint);

  g_signal_connect_object (self->split_view, "notify::collapsed",
                           G_CALLBACK (notify_folded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->split_view, "notify::show-content",
                           G_CALLBACK (notify_show_content_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_parent (GTK_WIDGET (self->bin), GTK_WIDGET (self));
#else
  GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);

  self->leaflet = ADW_LEAFLET (adw_leaflet_new ());
  adw_leaflet_set_can_navigate_back (self->leaflet, TRUE);
  adw_leaflet_page_set_navigatable (adw_leaflet_append (self->leaflet, separator), FALSE);

  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (notify_folded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child",
                           G_CALLBACK (notify_show_content_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_parent (GTK_WIDGET (self->leaflet), GTK_WIDGET (self));
#endif
}

GtkWidget *
mq_split_view_new (void)
{
  return g_object_new (MQ_TYPE_SPLIT_VIEW, NULL);
}

/* Each pane is set once. */
void
mq_split_view_set_sidebar (MqSplitView *self,
                           GtkWidget   *sidebar,
                           const char  *title)
{
  g_return_if_fail (MQ_IS_SPLIT_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (sidebar));
  g_return_if_fail (self->sidebar == NULL);

  self->sidebar = sidebar;
#if HAVE_SPLIT_VIEW
  adw_navigation_split_view_set_sidebar (self->split_view,
                                         adw_navigation_page_new (sidebar, title != NULL ? title : ""));
#else
  adw_leaflet_prepend (self->leaflet, sidebar);
  adw_leaflet_set_visible_child (self->leaflet, sidebar);
#endif
}

void
mq_split_view_set_content (MqSplitView *self,
                           GtkWidget   *content,
                           const char  *title)
{
  g_return_if_fail (MQ_IS_SPLIT_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (content));
  g_return_if_fail (self->content == NULL);

  self->content = content;
#if HAVE_SPLIT_VIEW
  adw_navigation_split_view_set_content (self->split_view,
                                         adw_navigation_page_new (content, title != NULL ? title : ""));
#else
  adw_leaflet_append (self->leaflet, content);
#endif
}

/* Whether one pane shows at a time. */
gboolean
mq_split_view_get_folded (MqSplitView *self)
{
  g_return_val_if_fail (MQ_IS_SPLIT_VIEW (self), FALSE);

#if HAVE_SPLIT_VIEW
  return adw_navigation_split_view_get_collapsed (self->split_view);
#else
  return adw_leaflet_get_folded (self->leaflet);
#endif
}

/* Whether the content is the pane shown when folded. */
gboolean
mq_split_view_get_show_content (MqSplitView *self)
{
  g_return_val_if_fail (MQ_IS_SPLIT_VIEW (self), FALSE);

#if HAVE_SPLIT_VIEW
  return adw_navigation_split_view_get_show_content (self->split_view);
#else
  return self->content != NULL && adw_leaflet_get_visible_child (self->leaflet) == self->content;
#endif
}

void
mq_split_view_set_show_content (MqSplitView *self,
                                gboolean     show_content)
{
  g_return_if_fail (MQ_IS_SPLIT_VIEW (self));

#if HAVE_SPLIT_VIEW
  adw_navigation_split_view_set_show_content (self->split_view, show_content);
#else
  if (show_content && self->content != NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->content);
  else if (!show_content && self->sidebar != NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
#endif
}
