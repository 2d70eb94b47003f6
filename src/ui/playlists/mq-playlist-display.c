/* mq-playlist-display.c: what the list shows and searches for a playlist, made once
 *
 * Memory counts here: a list may hold 100,000 playlists. Lists keep the search keys
 * of their playlists together (mq_playlist_display_append_search_key()) and the order
 * of their names (mq-name-ranks.h); the texts of the Type and Updated columns exist
 * only for playlists that were shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <stdlib.h>
#include <string.h>

#include "mq-playlist-display.h"
#include "mq-format-time.h"
#include "mq-playlist-format.h"
#include "mq-search-fold.h"

/* Made on the main thread, for playlists a row showed (or a sort without ranks, or a
 * filter that asks a playlist for its key). */
typedef struct
{
  char   *search_key;
  char   *collate_key;
  char   *type_text;
  char   *updated_text;
  gint64  updated_text_minute;
  char   *updated_tooltip;
} DisplayTexts;

static G_DEFINE_QUARK (mq-playlist-display, display_texts)

static void
display_texts_free (gpointer data)
{
  DisplayTexts *texts = data;

  g_free (texts->search_key);
  g_free (texts->collate_key);
  g_free (texts->type_text);
  g_free (texts->updated_text);
  g_free (texts->updated_tooltip);
  g_free (texts);
}

void
mq_playlist_display_append_search_key (MqPlaylist *playlist,
                                       GString    *out)
{
  g_return_if_fail (MQ_IS_PLAYLIST (playlist));

  /* One field per line: a search term never matches across two fields. */
  mq_search_fold_append (out, mq_playlist_get_name (playlist));
  g_string_append_c (out, '\n');
  mq_search_fold_append (out, mq_playlist_get_comment (playlist));
  g_string_append_c (out, '\n');
  mq_search_fold_append (out, mq_playlist_get_label (playlist));
  g_string_append_printf (out, "\n%" G_GINT64_FORMAT, mq_playlist_get_id (playlist));
}

static DisplayTexts *
get_texts (MqPlaylist *playlist)
{
  DisplayTexts *texts = g_object_get_qdata (G_OBJECT (playlist), display_texts_quark ());

  if (texts == NULL)
    {
      texts = g_new0 (DisplayTexts, 1);
      texts->updated_text_minute = G_MININT64;
      g_object_set_qdata_full (G_OBJECT (playlist), display_texts_quark (), texts,
                               display_texts_free);
    }

  return texts;
}

char *
mq_playlist_display_dup_collate_key (MqPlaylist *playlist)
{
  g_autofree char *casefolded = NULL;

  g_return_val_if_fail (MQ_IS_PLAYLIST (playlist), NULL);

  casefolded = g_utf8_casefold (mq_playlist_get_name (playlist), -1);
  return g_utf8_collate_key (casefolded, -1);
}

const char *
mq_playlist_display_get_search_key (MqPlaylist *playlist)
{
  DisplayTexts *texts;

  g_return_val_if_fail (MQ_IS_PLAYLIST (playlist), NULL);

  texts = get_texts (playlist);
  if (texts->search_key == NULL)
    {
      GString *key = g_string_new (NULL);

      mq_playlist_display_append_search_key (playlist, key);
      texts->search_key = g_string_free (key, FALSE);
    }

  return texts->search_key;
}

const char *
mq_playlist_display_get_collate_key (MqPlaylist *playlist)
{
  DisplayTexts *texts;

  g_return_val_if_fail (MQ_IS_PLAYLIST (playlist), NULL);

  texts = get_texts (playlist);
  if (texts->collate_key == NULL)
    texts->collate_key = mq_playlist_display_dup_collate_key (playlist);

  return texts->collate_key;
}

const char *
mq_playlist_display_get_type_text (MqPlaylist *playlist)
{
  DisplayTexts *texts;

  g_return_val_if_fail (MQ_IS_PLAYLIST (playlist), NULL);

  texts = get_texts (playlist);
  if (texts->type_text == NULL)
    texts->type_text = mq_format_playlist_type (mq_playlist_get_playlist_type (playlist));

  return texts->type_text;
}

const char *
mq_playlist_display_get_updated_text (MqPlaylist *playlist,
                                      gint64      now_unix)
{
  DisplayTexts *texts;

  g_return_val_if_fail (MQ_IS_PLAYLIST (playlist), NULL);

  if (mq_playlist_get_updated_at_unix (playlist) == G_MININT64)
    return "";

  texts = get_texts (playlist);
  if (texts->updated_text == NULL || texts->updated_text_minute != now_unix / 60)
    {
      g_autoptr(GDateTime) updated = mq_playlist_dup_updated_at (playlist);
      g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (now_unix);

      g_free (texts->updated_text);
      texts->updated_text = mq_format_relative_time (updated, now);
      texts->updated_text_minute = now_unix / 60;
    }

  return texts->updated_text;
}

const char *
mq_playlist_display_get_updated_tooltip (MqPlaylist *playlist)
{
  DisplayTexts *texts;

  g_return_val_if_fail (MQ_IS_PLAYLIST (playlist), NULL);

  if (mq_playlist_get_updated_at_unix (playlist) == G_MININT64)
    return NULL;

  texts = get_texts (playlist);
  if (texts->updated_tooltip == NULL)
    {
      g_autoptr(GDateTime) updated = mq_playlist_dup_updated_at (playlist);

      texts->updated_tooltip = mq_format_date_time (updated);
    }

  return texts->updated_tooltip;
}
