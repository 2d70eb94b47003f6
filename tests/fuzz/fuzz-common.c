/* fuzz-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-fuzz"

#include <stdlib.h>
#include <string.h>

#if defined(__has_feature)
# if __has_feature(address_sanitizer)
#  include <sanitizer/lsan_interface.h>
#  define HAVE_LSAN 1
# endif
#endif

#include "mq-random.h"

#include "fuzz-common.h"

static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  /* The models explain every skipped item with g_debug: millions of inputs' worth is
   * noise. A warning or a critical is a finding, so it ends the run like a crash. */
  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;

  g_log_writer_standard_streams (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();

  return G_LOG_WRITER_HANDLED;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* The zone of viewneo's customers: dates meet its DST gaps and folds. Set before the
   * core looks the local zone up, once per process. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);

  return 0;
}

char *
fuzz_dup_string (const uint8_t *data,
                 size_t         size)
{
  return g_strndup ((const char *) data, size);
}

void
fuzz_leak_check_pause (void)
{
#ifdef HAVE_LSAN
  __lsan_disable ();
#endif
}

void
fuzz_leak_check_resume (void)
{
#ifdef HAVE_LSAN
  __lsan_enable ();
#endif
}

static void
container_start_cb (JsonParser *parser,
                    gpointer    container,
                    gpointer    user_data)
{
  gboolean *several_roots = user_data;

  /* The root is set once the first value is complete: a container that starts after
   * that is a second top-level value. */
  if (json_parser_get_root (parser) != NULL)
    *several_roots = TRUE;
}

gboolean
fuzz_json_is_clean (const uint8_t *data,
                    size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gboolean several_roots = FALSE;
  gboolean parsed;

  if (size > G_MAXSSIZE)
    return FALSE;

  g_signal_connect (parser, "object-start", G_CALLBACK (container_start_cb), &several_roots);
  g_signal_connect (parser, "array-start", G_CALLBACK (container_start_cb), &several_roots);

  fuzz_leak_check_pause ();
  parsed = json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL);
  fuzz_leak_check_resume ();

  return parsed && !several_roots;
}

gboolean
fuzz_jwt_claims_are_clean (const char *token)
{
  g_auto(GStrv) parts = g_strsplit (token, ".", 0);
  g_autofree guint8 *claims = NULL;
  gsize length;

  if (g_strv_length (parts) != 3)
    return TRUE;

  claims = mq_base64url_decode (parts[1], &length);
  return claims == NULL || fuzz_json_is_clean (claims, length);
}

JsonNode *
fuzz_parse_json (const uint8_t *data,
                 size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!fuzz_json_is_clean (data, size))
    return NULL;

  /* As mq-client.c does with a response body: the length, no terminating NUL. */
  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  return root != NULL ? json_node_ref (root) : NULL;
}

JsonNode *
fuzz_parse_json_text (const char *text)
{
  return fuzz_parse_json ((const uint8_t *) text, strlen (text));
}

JsonObject *
fuzz_unwrap_object (JsonNode *root)
{
  JsonObject *object;
  JsonNode *data;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  /* The same rule as unwrap_object() in mq-client.c. */
  object = json_node_get_object (root);
  data = json_object_get_member (object, "data");
  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data) && !json_object_has_member (object, "id"))
    return json_node_get_object (data);

  return object;
}

char *
fuzz_serialize (gpointer          object,
                FuzzSerializeFunc serialize)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  serialize (object, builder);

  /* NULL when the serializer left an object or array open. */
  root = json_builder_get_root (builder);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
check_string (const char *text)
{
  /* Every string a model gives out ends up in a label or a file. */
  if (text != NULL)
    g_assert_true (g_utf8_validate (text, -1, NULL));
}

void
fuzz_read_properties (gpointer object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_READABLE))
        continue;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (object, pspecs[i]->name, &value);
      g_assert_false (g_param_value_validate (pspecs[i], &value));
      if (G_VALUE_HOLDS_STRING (&value))
        check_string (g_value_get_string (&value));
    }
}

void
fuzz_check_media_file (MqMediaFile *media_file)
{
  MqMediaKind kind = mq_media_file_get_kind (media_file);
  const char *mime_type = mq_media_file_get_mime_type (media_file);

  g_assert_cmpint (mq_media_file_get_id (media_file), >, 0);
  g_assert_cmpint (mq_media_file_get_status (media_file), >=, MQ_MEDIA_STATUS_WAITING);
  g_assert_cmpint (mq_media_file_get_status (media_file), <=, MQ_MEDIA_STATUS_CONVERTED);
  g_assert_cmpint (kind, >=, MQ_MEDIA_KIND_UNKNOWN);
  g_assert_cmpint (kind, <=, MQ_MEDIA_KIND_FILE);
  g_assert_cmpuint (mq_media_file_get_file_size (media_file), <=, (guint64) G_MAXINT64);

  if (kind == MQ_MEDIA_KIND_IMAGE)
    g_assert_true (mime_type != NULL && g_ascii_strncasecmp (mime_type, "image/", 6) == 0);
  if (kind == MQ_MEDIA_KIND_VIDEO)
    g_assert_true (mime_type != NULL && g_ascii_strncasecmp (mime_type, "video/", 6) == 0);

  check_string (mq_media_file_get_name (media_file));
  check_string (mq_media_file_get_original_name (media_file));
  check_string (mime_type);
  fuzz_read_properties (media_file);
}

void
fuzz_check_entry (MqPlaylistEntry *entry)
{
  MqMediaFile *media_file = mq_playlist_entry_get_media_file (entry);

  g_assert_cmpint (mq_playlist_entry_get_id (entry), >, 0);
  g_assert_cmpint (mq_playlist_entry_get_play_rule (entry), >=, MQ_PLAY_RULE_SCHEDULED);
  g_assert_cmpint (mq_playlist_entry_get_play_rule (entry), <=, MQ_PLAY_RULE_NEVER);
  g_assert_cmpint (mq_playlist_entry_get_weekdays (entry) & ~MQ_WEEKDAYS_ALL, ==, 0);
  g_assert_cmpint (mq_playlist_entry_get_playlist_id (entry), >=, 0);
  g_assert_cmpint (mq_playlist_entry_get_media_file_id (entry), >=, 0);
  g_assert_cmpint (mq_playlist_entry_get_nested_playlist_id (entry), >=, 0);
  (void) mq_playlist_entry_get_index (entry);
  (void) mq_playlist_entry_get_duration (entry);
  (void) mq_playlist_entry_get_sound_played (entry);

  check_string (mq_playlist_entry_get_start_date (entry));
  check_string (mq_playlist_entry_get_end_date (entry));
  check_string (mq_playlist_entry_get_start_time (entry));
  check_string (mq_playlist_entry_get_end_time (entry));

  if (media_file != NULL)
    fuzz_check_media_file (media_file);

  fuzz_read_properties (entry);
}

void
fuzz_check_playlist (MqPlaylist *playlist)
{
  GListModel *entries = mq_playlist_get_entries (playlist);
  GDateTime *created_at = mq_playlist_dup_created_at (playlist);
  GDateTime *updated_at = mq_playlist_dup_updated_at (playlist);
  guint64 total = 0;

  g_assert_cmpint (mq_playlist_get_id (playlist), >, 0);
  g_assert_nonnull (mq_playlist_get_name (playlist));
  g_assert_cmpint (mq_playlist_get_company_id (playlist), >=, 0);
  g_assert_cmpint (mq_playlist_get_flags (playlist) & ~(MQ_PLAYLIST_FLAGS_SHARED |
                                                       MQ_PLAYLIST_FLAGS_DEFAULT |
                                                       MQ_PLAYLIST_FLAGS_DEMO |
                                                       MQ_PLAYLIST_FLAGS_ADVERTISED), ==, 0);
  check_string (mq_playlist_get_name (playlist));
  check_string (mq_playlist_get_comment (playlist));
  check_string (mq_playlist_get_label (playlist));
  g_clear_pointer (&created_at, g_date_time_unref);
  g_clear_pointer (&updated_at, g_date_time_unref);
  (void) mq_playlist_get_playback_entry_count (playlist);
  (void) mq_playlist_get_playback_order (playlist);
  (void) mq_playlist_get_playback_rule (playlist);
  (void) mq_playlist_get_playlist_type (playlist);
  (void) mq_playlist_get_events_count (playlist);

  if (entries != NULL)
    {
      guint n_entries = g_list_model_get_n_items (entries);
      g_autoptr(MqPlaylistEntry) previous = NULL;

      g_assert_cmpuint (mq_playlist_get_number_of_entries (playlist), ==, n_entries);
      g_assert_true (g_list_model_get_item_type (entries) == MQ_TYPE_PLAYLIST_ENTRY);

      for (guint i = 0; i < n_entries; i++)
        {
          g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, i);

          g_assert_nonnull (entry);
          fuzz_check_entry (entry);
          total += mq_playlist_entry_get_duration (entry);

          /* Playback order: ascending index, equal indexes by id. */
          if (previous != NULL)
            {
              int previous_index = mq_playlist_entry_get_index (previous);
              int index = mq_playlist_entry_get_index (entry);

              g_assert_cmpint (previous_index, <=, index);
              if (previous_index == index)
                g_assert_cmpint (mq_playlist_entry_get_id (previous), <=,
                                 mq_playlist_entry_get_id (entry));
            }
          g_set_object (&previous, entry);
        }
    }

  g_assert_cmpuint (mq_playlist_get_total_duration (playlist), ==, MIN (total, G_MAXUINT));
  fuzz_read_properties (playlist);
}

/* What may stand in an Authorization header (mq-token.c's own rule). */
static void
assert_token_text (const char *text)
{
  g_assert_nonnull (text);
  g_assert_cmpstr (text, !=, "");
  for (const char *p = text; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x21 && (guchar) *p <= 0x7e);
}

void
fuzz_check_token (MqToken *token)
{
  g_autoptr(MqToken) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  MqTokenKind kind = mq_token_get_kind (token);
  const char *refresh_token = mq_token_get_refresh_token (token);

  g_assert_true (kind == MQ_TOKEN_KIND_PERSONAL || kind == MQ_TOKEN_KIND_OAUTH);
  assert_token_text (mq_token_get_access_token (token));
  if (refresh_token != NULL)
    assert_token_text (refresh_token);
  if (kind == MQ_TOKEN_KIND_PERSONAL)
    g_assert_null (refresh_token);
  /* Only checked for being there: nothing shows or sends it (a stored one is not even
   * checked for being "Bearer"). */
  g_assert_nonnull (mq_token_get_token_type (token));
  g_assert_cmpint (mq_token_get_expires_at (token), >=, 0);
  g_assert_cmpint (mq_token_get_issued_at (token), >=, 0);
  g_assert_true (mq_token_can_refresh (token) ==
                 (kind == MQ_TOKEN_KIND_OAUTH && refresh_token != NULL));

  secret = mq_token_to_secret (token);
  g_assert_nonnull (secret);
  restored = mq_token_new_from_secret (secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);

  g_assert_true (mq_token_get_kind (restored) == kind);
  g_assert_cmpstr (mq_token_get_access_token (restored), ==, mq_token_get_access_token (token));
  g_assert_cmpstr (mq_token_get_refresh_token (restored), ==, refresh_token);
  g_assert_cmpstr (mq_token_get_token_type (restored), ==, mq_token_get_token_type (token));
  g_assert_cmpint (mq_token_get_expires_at (restored), ==, mq_token_get_expires_at (token));
  g_assert_cmpint (mq_token_get_issued_at (restored), ==, mq_token_get_issued_at (token));
}

typedef gpointer (*ParseFunc) (JsonObject  *object,
                               GError     **error);

static void
check_round_trip (gpointer          object,
                  FuzzSerializeFunc serialize,
                  ParseFunc         parse)
{
  g_autofree char *text = fuzz_serialize (object, serialize);
  g_autofree char *text_again = NULL;
  g_autoptr(JsonNode) root = fuzz_parse_json_text (text);
  g_autoptr(GObject) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  /* What was valid once stays valid. */
  again = parse (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);

  text_again = fuzz_serialize (again, serialize);
  g_assert_cmpstr (text, ==, text_again);
}

/* Adapters, so that no function is called through a pointer of another type. */
static void
serialize_media_file (gpointer     object,
                      JsonBuilder *builder)
{
  mq_media_file_serialize (object, builder);
}

static gpointer
parse_media_file (JsonObject  *object,
                  GError     **error)
{
  return mq_media_file_new_from_json (object, error);
}

static void
serialize_entry (gpointer     object,
                 JsonBuilder *builder)
{
  mq_playlist_entry_serialize (object, builder);
}

static gpointer
parse_entry (JsonObject  *object,
             GError     **error)
{
  return mq_playlist_entry_new_from_json (object, error);
}

static void
serialize_playlist (gpointer     object,
                    JsonBuilder *builder)
{
  mq_playlist_serialize (object, builder);
}

static gpointer
parse_playlist (JsonObject  *object,
                GError     **error)
{
  return mq_playlist_new_from_json (object, error);
}

void
fuzz_check_media_file_round_trip (MqMediaFile *media_file)
{
  check_round_trip (media_file, serialize_media_file, parse_media_file);
}

void
fuzz_check_entry_round_trip (MqPlaylistEntry *entry)
{
  check_round_trip (entry, serialize_entry, parse_entry);
}

void
fuzz_check_playlist_round_trip (MqPlaylist *playlist)
{
  check_round_trip (playlist, serialize_playlist, parse_playlist);
}
