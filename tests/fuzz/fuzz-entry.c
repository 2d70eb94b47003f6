/* fuzz-entry.c: one playlist entry and one media file
 *
 * The input object is read both as an entry (whose "media_file" member embeds a media
 * file) and as a media file on its own, as the treeview and mediafile calls send them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-fuzz"

#include "mq-api-error.h"

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MqPlaylistEntry) entry = NULL;
  g_autoptr(MqMediaFile) media_file = NULL;
  g_autoptr(GError) entry_error = NULL;
  g_autoptr(GError) media_file_error = NULL;
  JsonObject *object;

  root = fuzz_parse_json (data, size);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  object = json_node_get_object (root);

  entry = mq_playlist_entry_new_from_json (object, &entry_error);
  fuzz_assert_parse_result (entry, entry_error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
  if (entry != NULL)
    {
      fuzz_check_entry (entry);
      fuzz_check_entry_round_trip (entry);
    }

  media_file = mq_media_file_new_from_json (object, &media_file_error);
  fuzz_assert_parse_result (media_file, media_file_error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
  if (media_file != NULL)
    {
      fuzz_check_media_file (media_file);
      fuzz_check_media_file_round_trip (media_file);
    }

  return 0;
}
