/* mq-playlists-resources.c: the playlists view's templates and stylesheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <gtk/gtk.h>

#include "mq-playlists-resources.h"
#include "mq-playlists-gresource.h"
#include "mq-widgets-resources.h"

void
mq_playlists_ensure_resources (void)
{
  static gsize registered = 0;
  static gpointer styled_display = NULL;

  if (g_once_init_enter (&registered))
    {
      mq_playlists_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  mq_style_default_display ("/io/github/marqueesignage/Marquee/playlists/mq-playlists.css",
                            &styled_display);
}
