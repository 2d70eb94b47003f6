/* mq-entry-kind.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <glib/gi18n.h>

#include "mq-entry-kind.h"

static const struct
{
  const char *label;
  const char *icon_name;
  const char *style_name;
} entry_kinds[MQ_N_ENTRY_KINDS] = {
  [MQ_ENTRY_KIND_IMAGE]    = { N_("Image"),    "image-x-generic-symbolic",       "image" },
  [MQ_ENTRY_KIND_VIDEO]    = { N_("Video"),    "video-x-generic-symbolic",       "video" },
  [MQ_ENTRY_KIND_WEBSITE]  = { N_("Website"),  "web-browser-symbolic",           "website" },
  [MQ_ENTRY_KIND_TEMPLATE] = { N_("Template"), "x-office-presentation-symbolic", "template" },
  [MQ_ENTRY_KIND_CONTENT]  = { N_("Content"),  "x-office-document-symbolic",     "content" },
  [MQ_ENTRY_KIND_FOLDER]   = { N_("Folder"),   "folder-symbolic",                "folder" },
  [MQ_ENTRY_KIND_FILE]     = { N_("File"),     "text-x-generic-symbolic",        "file" },
  [MQ_ENTRY_KIND_PLAYLIST] = { N_("Playlist"), "view-list-ordered-symbolic",     "playlist" },
  [MQ_ENTRY_KIND_UNKNOWN]  = { N_("Media"),    "text-x-generic-symbolic",        "unknown" },
};

MqEntryKind
mq_entry_kind_of (MqPlaylistEntry *entry)
{
  MqMediaFile *media;

  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (entry), MQ_ENTRY_KIND_UNKNOWN);

  if (mq_playlist_entry_get_nested_playlist_id (entry) != 0)
    return MQ_ENTRY_KIND_PLAYLIST;

  media = mq_playlist_entry_get_media_file (entry);
  if (media == NULL)
    return MQ_ENTRY_KIND_UNKNOWN;

  switch (mq_media_file_get_kind (media))
    {
    case MQ_MEDIA_KIND_FOLDER:   return MQ_ENTRY_KIND_FOLDER;
    case MQ_MEDIA_KIND_WEBSITE:  return MQ_ENTRY_KIND_WEBSITE;
    case MQ_MEDIA_KIND_TEMPLATE: return MQ_ENTRY_KIND_TEMPLATE;
    case MQ_MEDIA_KIND_CONTENT:  return MQ_ENTRY_KIND_CONTENT;
    case MQ_MEDIA_KIND_IMAGE:    return MQ_ENTRY_KIND_IMAGE;
    case MQ_MEDIA_KIND_VIDEO:    return MQ_ENTRY_KIND_VIDEO;
    case MQ_MEDIA_KIND_FILE:     return MQ_ENTRY_KIND_FILE;
    case MQ_MEDIA_KIND_UNKNOWN:
    default:                     return MQ_ENTRY_KIND_UNKNOWN;
    }
}

const char *
mq_entry_kind_get_label (MqEntryKind kind)
{
  g_return_val_if_fail (kind < MQ_N_ENTRY_KINDS, NULL);

  return _(entry_kinds[kind].label);
}

const char *
mq_entry_kind_get_icon_name (MqEntryKind kind)
{
  g_return_val_if_fail (kind < MQ_N_ENTRY_KINDS, NULL);

  return entry_kinds[kind].icon_name;
}

const char *
mq_entry_kind_get_style_name (MqEntryKind kind)
{
  g_return_val_if_fail (kind < MQ_N_ENTRY_KINDS, NULL);

  return entry_kinds[kind].style_name;
}

char *
mq_entry_dup_title (MqPlaylistEntry *entry,
                    const char      *nested_playlist_name)
{
  gint64 nested_id;
  MqMediaFile *media;

  g_return_val_if_fail (MQ_IS_PLAYLIST_ENTRY (entry), NULL);

  nested_id = mq_playlist_entry_get_nested_playlist_id (entry);
  if (nested_id != 0)
    {
      if (nested_playlist_name != NULL && *nested_playlist_name != '\0')
        return g_strdup (nested_playlist_name);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, nested_id);

      /* Translators: a nested playlist whose name is not known; %s is its id */
      return g_strdup_printf (_("Playlist %s"), id);
    }

  media = mq_playlist_entry_get_media_file (entry);
  if (media != NULL)
    {
      const char *name = mq_media_file_get_name (media);

      if (name == NULL || *name == '\0')
        name = mq_media_file_get_original_name (media);
      if (name != NULL && *name != '\0')
        return g_strdup (name);
    }

  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           mq_playlist_entry_get_media_file_id (entry));

    /* Translators: a media file whose name is not known; %s is its id */
    return g_strdup_printf (_("Media file %s"), id);
  }
}
