/* mq-playlist-display.c: what the list shows and searches for a playlist, made once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include "mq-playlist-display.h"
#include "mq-playlist-format.h"

typedef struct
{
  char   *search_key;
  char   *collate_key;
  char   *type_text;
  char   *updated_text;
  gint64  updated_text_minute;
  char   *updated_tooltip;
} DisplayData;

static G_DEFINE_QUARK (mq-playlist-display, display_data)

static void
display_data_free (gpointer data)
{
  DisplayData *display = data;

  g_free (display->search_key);
  g_free (display->collate_key);
  g_free (display->type_text);
  g_free (display->updated_text);
  g_free (display->updated_tooltip);
  g_free (display);
}

static DisplayData *
display_data_new (MqPlaylist *playlist)
{
  DisplayData *display = g_new0 (DisplayData, 1);
  g_autofree char *folded_name = mq_search_fold (mq_playlist_get_name (playlist));
  g_autofree char *folded_comment = mq_search_fold (mq_playlist_get_comment (playlist));
  g_autofree char *folded_label = mq_search_fold (mq_playlist_get_label (playlist));
  g_autofree char *casefolded_name = g_utf8_casefold (mq_playlist_get_name (playlist), -1);

  /* One field per line: a search term never matches across two fields. */
  display->search_key = g_strdup_printf ("%s\n%s\n%s\n%" G_GINT64_FORMAT,
                                         folded_name, folded_comment, folded_label,
                                         mq_playlist_get_id (playlist));
  display->collate_key = g_utf8_collate_key (casefolded_name, -1);
  display->updated_text_minute = G_MININT64;

  return display;
}

static DisplayData *
get_display_data (MqPlaylist *playlist)
{
  DisplayData *display = g_object_get_qdata (G_OBJECT (playlist), display_data_quark ());

  if (display == NULL)
    {
      display = display_data_new (playlist);
      g_object_set_qdata_full (G_OBJECT (playlist), display_data_quark (), display,
                               display_data_free);
    }

  return display;
}

void
mq_playlist_display_prepare (MqPlaylist *playlist)
{
  g_return_if_fail (MQ_IS_PLAYLIST (playlist));

  get_display_data (playlist);
}

const char *
mq_playlist_display_get_search_key (MqPlaylist *playlist)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (playlist), NULL);

  return get_display_data (playlist)->search_key;
}

const char *
mq_playlist_display_get_collate_key (MqPlaylist *playlist)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (playlist), NULL);

  return get_display_data (playlist)->collate_key;
}

const char *
mq_playlist_display_get_type_text (MqPlaylist *playlist)
{
  DisplayData *display;

  g_return_val_if_fail (MQ_IS_PLAYLIST (playlist), NULL);

  display = get_display_data (playlist);
  if (display->type_text == NULL)
    display->type_text = mq_format_playlist_type (mq_playlist_get_playlist_type (playlist));

  return display->type_text;
}

const char *
mq_playlist_display_get_updated_text (MqPlaylist *playlist,
                                      gint64      now_unix)
{
  DisplayData *display;
  GDateTime *updated;

  g_return_val_if_fail (MQ_IS_PLAYLIST (playlist), NULL);

  updated = mq_playlist_get_updated_at (playlist);
  if (updated == NULL)
    return "";

  display = get_display_data (playlist);
  if (display->updated_text == NULL || display->updated_text_minute != now_unix / 60)
    {
      g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (now_unix);

      g_free (display->updated_text);
      display->updated_text = mq_format_relative_time (updated, now);
      display->updated_text_minute = now_unix / 60;
    }

  return display->updated_text;
}

const char *
mq_playlist_display_get_updated_tooltip (MqPlaylist *playlist)
{
  DisplayData *display;
  GDateTime *updated;

  g_return_val_if_fail (MQ_IS_PLAYLIST (playlist), NULL);

  updated = mq_playlist_get_updated_at (playlist);
  if (updated == NULL)
    return NULL;

  display = get_display_data (playlist);
  if (display->updated_tooltip == NULL)
    display->updated_tooltip = mq_format_date_time (updated);

  return display->updated_tooltip;
}
