/* mq-entry-kind.h: what a playlist entry plays, and its title
 *
 * Pure functions, tested without a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mq-playlist-entry.h"

G_BEGIN_DECLS

/* What an entry plays, as the detail and the timeline tell it apart. */
typedef enum
{
  MQ_ENTRY_KIND_IMAGE,
  MQ_ENTRY_KIND_VIDEO,
  MQ_ENTRY_KIND_WEBSITE,
  MQ_ENTRY_KIND_TEMPLATE,
  MQ_ENTRY_KIND_CONTENT,
  MQ_ENTRY_KIND_FOLDER,
  MQ_ENTRY_KIND_FILE,
  MQ_ENTRY_KIND_PLAYLIST,
  MQ_ENTRY_KIND_UNKNOWN,
  MQ_N_ENTRY_KINDS,
} MqEntryKind;

MqEntryKind  mq_entry_kind_of               (MqPlaylistEntry *entry);
/* Translated, capitalised: "Video". */
const char  *mq_entry_kind_get_label        (MqEntryKind      kind);
const char  *mq_entry_kind_get_icon_name    (MqEntryKind      kind);
/* A CSS-safe name ("video"): the style class of its legend swatch and, prefixed with
 * "mq_kind_", the named color of its timeline blocks. */
const char  *mq_entry_kind_get_style_name   (MqEntryKind      kind);

/* The media file's name, "Playlist 42", or "Media file 17" when nothing better is known. */
char        *mq_entry_dup_title             (MqPlaylistEntry *entry,
                                             const char      *nested_playlist_name);

G_END_DECLS
