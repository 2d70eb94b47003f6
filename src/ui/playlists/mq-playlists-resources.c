/* mq-playlists-resources.c: the playlists view's templates and stylesheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <gtk/gtk.h>

#include "mq-playlists-resources.h"
#include "mq-playlists-gresource.h"

void
mq_playlists_ensure_resources (void)
{
  static gsize registered = 0;
  static GdkDisplay *styled_display = NULL;
  GdkDisplay *display;

  if (g_once_init_enter (&registered))
    {
      mq_playlists_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  /* Tests and the app use the default display only. */
  display = gdk_display_get_default ();
  if (display != NULL && display != styled_display)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider,
                                           "/io/github/marqueesignage/Marquee/playlists/mq-playlists.css");
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      styled_display = display;
    }
}
