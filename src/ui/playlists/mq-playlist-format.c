/* mq-playlist-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <glib/gi18n.h>

#include "mq-playlist-format.h"

char *
mq_format_playlist_type (int type)
{
  /* viewneo documents no names for its type codes; 0 is the type of every playlist
   * made in its editor. */
  if (type == 0)
    return g_strdup (_("Standard"));

  /* Translators: a playlist type that has no name, with its code */
  return g_strdup_printf (_("Type %d"), type);
}

char *
mq_format_playlist_flags (MqPlaylistFlags flags)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  if (flags & MQ_PLAYLIST_FLAGS_SHARED)
    g_strv_builder_add (builder, _("Shared"));
  if (flags & MQ_PLAYLIST_FLAGS_DEFAULT)
    g_strv_builder_add (builder, _("Default"));
  if (flags & MQ_PLAYLIST_FLAGS_DEMO)
    g_strv_builder_add (builder, _("Demo"));
  if (flags & MQ_PLAYLIST_FLAGS_ADVERTISED)
    g_strv_builder_add (builder, _("Advertised"));

  names = g_strv_builder_end (builder);
  if (names[0] == NULL)
    return g_strdup (_("None"));

  /* Translators: the separator between a playlist's flags */
  return g_strjoinv (_(", "), names);
}

char *
mq_format_playlist_count (guint shown,
                          guint total)
{
  if (shown == total)
    /* Translators: the number of playlists, with thousands separators */
    return g_strdup_printf (ngettext ("%'u playlist", "%'u playlists", total), total);

  /* Translators: how many playlists match the search, of how many */
  return g_strdup_printf (ngettext ("%'u of %'u playlist", "%'u of %'u playlists", total),
                          shown, total);
}
