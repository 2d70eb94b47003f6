/* fuzz-playlist.c: a playlist as GET /playlist/{id}, a list page or the cache holds it
 *
 * The input is a response body or a cache file. An object is one playlist (bare or in
 * {"data": {...}}, with or without entries); an array is a page of them; an object with
 * a "playlists" array is the cache. Each playlist that parses must keep the model's
 * invariants and survive a trip through the cache's format unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-fuzz"

#include "mq-api-error.h"
#include "mq-models-private.h"

#include "fuzz-common.h"

static void
fuzz_playlist (JsonObject *object,
               gboolean    is_detail)
{
  g_autoptr(MqPlaylist) playlist = NULL;
  g_autoptr(GError) error = NULL;

  playlist = mq_playlist_new_from_json (object, &error);
  fuzz_assert_parse_result (playlist, error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
  if (playlist == NULL)
    return;

  /* What the client does with GET /playlist/{id}. */
  if (is_detail)
    {
      mq_playlist_ensure_entries (playlist);
      g_assert_nonnull (mq_playlist_get_entries (playlist));
    }

  fuzz_check_playlist (playlist);
  fuzz_check_playlist_round_trip (playlist);
}

static void
fuzz_playlist_array (JsonArray *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        fuzz_playlist (json_node_get_object (element), FALSE);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  root = fuzz_parse_json (data, size);
  if (root == NULL)
    return 0;

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      fuzz_playlist_array (json_node_get_array (root));
      return 0;
    }

  /* The cache: {"version": n, "saved_at": t, "playlists": [...]}. */
  if (JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_has_member (json_node_get_object (root), "playlists"))
    {
      JsonNode *playlists = json_object_get_member (json_node_get_object (root), "playlists");

      if (JSON_NODE_HOLDS_ARRAY (playlists))
        fuzz_playlist_array (json_node_get_array (playlists));
    }

  object = fuzz_unwrap_object (root);
  if (object != NULL)
    fuzz_playlist (object, TRUE);

  return 0;
}
