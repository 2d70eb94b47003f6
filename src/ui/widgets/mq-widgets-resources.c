/* mq-widgets-resources.c: the shared widgets' stylesheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-widgets"

#include <gtk/gtk.h>

#include "mq-widgets-resources.h"
#include "mq-widgets-gresource.h"

void
mq_style_default_display (const char *resource_path,
                          gpointer   *styled_display)
{
  /* Tests and the app use the default display only. */
  GdkDisplay *display = gdk_display_get_default ();

  if (display != NULL && display != *styled_display)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, resource_path);
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      *styled_display = display;
    }
}

void
mq_widgets_ensure_resources (void)
{
  static gsize registered = 0;
  static gpointer styled_display = NULL;

  if (g_once_init_enter (&registered))
    {
      mq_widgets_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  mq_style_default_display ("/io/github/marqueesignage/Marquee/widgets/mq-widgets.css",
                            &styled_display);
}
