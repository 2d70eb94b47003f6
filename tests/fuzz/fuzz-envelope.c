/* fuzz-envelope.c: list pages, read both ways
 *
 * The input is a list response body: a bare array or one of Laravel's paginators. It is
 * read as parse_page() in mq-client-pages.c reads it (mq_json_scan(), mq_envelope_read(),
 * then each item read in place as a playlist and as a device group) and through
 * json-glib's tree with mq_envelope_parse(). Each way keeps its own invariants; where
 * both accept the input, they must agree on every page number, link and item. JSON
 * that json-glib writes must scan, and scan to the same. What scans is UTF-8, and any
 * bytes made a JSON string scan exactly when GLib finds them UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-fuzz"

#include <string.h>

#include "mq-api-error.h"
#include "mq-envelope-private.h"
#include "mq-models-private.h"

#include "fuzz-common.h"

typedef struct
{
  gboolean ok;
  char *next_url;
  guint current_page;
  guint last_page;
  /* Per item: the playlist and device group read from it, NULL when not one. */
  GPtrArray *playlists;
  GPtrArray *device_groups;
} Page;

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->next_url, g_free);
  g_clear_pointer (&page->playlists, g_ptr_array_unref);
  g_clear_pointer (&page->device_groups, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Page, page_clear)

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
check_page_numbers (const char *next_url,
                    guint       current_page,
                    guint       last_page)
{
  /* The page numbers never contradict each other; a next URL is never empty. */
  g_assert_cmpuint (current_page, <=, last_page);
  if (next_url != NULL)
    {
      g_assert_cmpstr (next_url, !=, "");
      g_assert_true (g_utf8_validate (next_url, -1, NULL));
    }
}

static void
check_device_group (MqDeviceGroup *group)
{
  const char *playlist_name = mq_device_group_get_playlist_name (group);

  g_assert_cmpint (mq_device_group_get_id (group), >, 0);
  g_assert_nonnull (mq_device_group_get_name (group));
  g_assert_true (g_utf8_validate (mq_device_group_get_name (group), -1, NULL));
  g_assert_cmpint (mq_device_group_get_playlist_id (group), >=, 0);
  g_assert_true (playlist_name == NULL || g_utf8_validate (playlist_name, -1, NULL));
  g_assert_cmpint (mq_device_group_get_device_count (group), >=, -1);
}

/* One item, as the client's ItemParseFunc reads it. */
static void
read_item (Page              *page,
           const MqJsonValue *item)
{
  g_autoptr(GError) playlist_error = NULL;
  g_autoptr(GError) group_error = NULL;
  MqPlaylist *playlist = NULL;
  MqDeviceGroup *group = NULL;

  if (item->kind == MQ_JSON_KIND_OBJECT)
    {
      playlist = mq_playlist_new_from_value (item, &playlist_error);
      fuzz_assert_parse_result (playlist, playlist_error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
      if (playlist != NULL)
        fuzz_check_playlist (playlist);

      group = mq_device_group_new_from_value (item, &group_error);
      fuzz_assert_parse_result (group, group_error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
      if (group != NULL)
        check_device_group (group);
    }

  g_ptr_array_add (page->playlists, playlist);
  g_ptr_array_add (page->device_groups, group);
}

static void
read_page (Page              *page,
           const MqJsonValue *root)
{
  g_autoptr(GError) error = NULL;
  MqJsonValue items;
  MqJsonValue item;
  MqJsonIter iter;

  page->current_page = page->last_page = G_MAXUINT;
  page->ok = mq_envelope_read (root, &items, &page->next_url, &page->current_page,
                               &page->last_page, &error);
  fuzz_assert_parse_result (page->ok ? root : NULL, error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
  if (!page->ok)
    return;

  g_assert_true (items.kind == MQ_JSON_KIND_ARRAY);
  check_page_numbers (page->next_url, page->current_page, page->last_page);
  if (root->kind == MQ_JSON_KIND_ARRAY)
    {
      /* A bare array is the list, with no links and no page numbers. */
      g_assert_null (page->next_url);
      g_assert_cmpuint (page->current_page, ==, 0);
      g_assert_cmpuint (page->last_page, ==, 0);
    }

  page->playlists = g_ptr_array_new_with_free_func (unref_if_set);
  page->device_groups = g_ptr_array_new_with_free_func (unref_if_set);

  mq_json_iter_init (&iter, &items);
  while (mq_json_iter_next_element (&iter, &item))
    read_item (page, &item);
  mq_json_iter_clear (&iter);
}

/* The text json-glib writes for a model, or NULL when that is not UTF-8: json-glib 1.6
 * turns a lone surrogate escape ("\ud800") into invalid UTF-8, which the scanner
 * refuses, so such items cannot be compared. */
static char *
serialize_playlist (MqPlaylist *playlist)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  mq_playlist_serialize (playlist, builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  return g_utf8_validate (text, -1, NULL) ? g_steal_pointer (&text) : NULL;
}

static void
assert_same_page (const Page *scanned,
                  const Page *tree)
{
  g_assert_true (scanned->ok == tree->ok);
  if (!scanned->ok)
    return;

  g_assert_cmpstr (scanned->next_url, ==, tree->next_url);
  g_assert_cmpuint (scanned->current_page, ==, tree->current_page);
  g_assert_cmpuint (scanned->last_page, ==, tree->last_page);
  g_assert_cmpuint (scanned->playlists->len, ==, tree->playlists->len);

  for (guint i = 0; i < scanned->playlists->len; i++)
    {
      MqPlaylist *scanned_playlist = g_ptr_array_index (scanned->playlists, i);
      MqPlaylist *tree_playlist = g_ptr_array_index (tree->playlists, i);
      MqDeviceGroup *scanned_group = g_ptr_array_index (scanned->device_groups, i);
      MqDeviceGroup *tree_group = g_ptr_array_index (tree->device_groups, i);
      g_autofree char *tree_text = NULL;

      g_assert_true ((scanned_playlist == NULL) == (tree_playlist == NULL));
      if (tree_playlist != NULL && (tree_text = serialize_playlist (tree_playlist)) != NULL)
        {
          g_autofree char *scanned_text = serialize_playlist (scanned_playlist);

          g_assert_cmpstr (scanned_text, ==, tree_text);
        }

      g_assert_true ((scanned_group == NULL) == (tree_group == NULL));
      if (tree_group != NULL && tree_text != NULL)
        {
          g_assert_cmpint (mq_device_group_get_id (scanned_group), ==, mq_device_group_get_id (tree_group));
          g_assert_cmpstr (mq_device_group_get_name (scanned_group), ==, mq_device_group_get_name (tree_group));
          g_assert_cmpint (mq_device_group_get_playlist_id (scanned_group), ==,
                           mq_device_group_get_playlist_id (tree_group));
          g_assert_cmpstr (mq_device_group_get_playlist_name (scanned_group), ==,
                           mq_device_group_get_playlist_name (tree_group));
          g_assert_cmpint (mq_device_group_get_device_count (scanned_group), ==,
                           mq_device_group_get_device_count (tree_group));
        }
    }
}

/* mq_envelope_parse(), the tree's public entry point, against mq_envelope_read(). */
static void
check_envelope_parse (JsonNode   *root,
                      const Page *tree)
{
  g_autoptr(GError) error = NULL;
  const char *next_url = NULL;
  guint current_page = G_MAXUINT;
  guint last_page = G_MAXUINT;
  JsonArray *items;

  items = mq_envelope_parse (root, &next_url, &current_page, &last_page, &error);
  fuzz_assert_parse_result (items, error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
  g_assert_true ((items != NULL) == tree->ok);
  if (items == NULL)
    return;

  if (JSON_NODE_HOLDS_ARRAY (root))
    g_assert_true (items == json_node_get_array (root));
  g_assert_cmpstr (next_url, ==, tree->next_url);
  g_assert_cmpuint (current_page, ==, tree->current_page);
  g_assert_cmpuint (last_page, ==, tree->last_page);
  g_assert_cmpuint (json_array_get_length (items), ==, tree->playlists->len);

  /* The optional outputs are optional. */
  g_clear_error (&error);
  g_assert_true (mq_envelope_parse (root, NULL, NULL, NULL, &error) == items);
  g_assert_no_error (error);
}

/* json-glib 1.6 writes what is not JSON for things it reads: U+001F unescaped, and
 * numbers it writes with an exponent with ".0" after it ("1e+30.0", "inf.0"). */
static gboolean
generates_json (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            if (strchr (name, '\x1f') != NULL || !generates_json (member))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (!generates_json (json_array_get_element (array, i)))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        {
          char text[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_dtostr (text, sizeof text, json_node_get_double (node));
          return strpbrk (text, "eEn") == NULL;
        }
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return strchr (json_node_get_string (node), '\x1f') == NULL;
      return TRUE;

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/* json-glib 1.6 reads an integer from 2^63 to 2^64 - 1 as a negative number, where the
 * scanner sees it is out of range: the two ways cannot agree on input with one. */
static gboolean
has_huge_integer (const uint8_t *data,
                  size_t         size)
{
  size_t digits = 0;

  for (size_t i = 0; i < size; i++)
    {
      digits = g_ascii_isdigit (data[i]) ? digits + 1 : 0;
      if (digits >= 19)
        return TRUE;
    }

  return FALSE;
}

static void
check_regenerated (JsonNode   *root,
                   const Page *tree)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_auto(Page) again = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;
  MqJsonValue value;

  if (!generates_json (root))
    return;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  if (!g_utf8_validate_len (text, length, NULL))
    return;

  g_assert_true (mq_json_scan (text, length, &value, &error));
  g_assert_no_error (error);
  read_page (&again, &value);
  assert_same_page (&again, tree);
}

/* The input's bytes as one JSON string, quotes, backslashes and control characters
 * escaped: the scanner takes it exactly when the bytes are UTF-8 as GLib judges it (the
 * scanner checks UTF-8 itself, in its strings), and gives the bytes back. */
static void
check_as_string (const uint8_t *data,
                 size_t         size)
{
  g_autoptr(GString) json = g_string_new ("\"");
  g_autofree char *decoded = NULL;
  gboolean scan_ok;
  MqJsonValue value;

  /* GLib's check refuses a NUL, which the string would hold as "\u0000". */
  if (memchr (data, '\0', size) != NULL)
    return;

  for (size_t i = 0; i < size; i++)
    {
      if (data[i] == '"' || data[i] == '\\')
        g_string_append_printf (json, "\\%c", data[i]);
      else if (data[i] < 0x20)
        g_string_append_printf (json, "\\u%04x", data[i]);
      else
        g_string_append_c (json, (char) data[i]);
    }
  g_string_append_c (json, '"');

  scan_ok = mq_json_scan (json->str, json->len, &value, NULL);
  g_assert_true (scan_ok == g_utf8_validate_len ((const char *) data, size, NULL));
  if (!scan_ok)
    return;

  g_assert_true (value.kind == MQ_JSON_KIND_STRING);
  decoded = mq_json_value_dup_string (&value);
  g_assert_true (strlen (decoded) == size && memcmp (decoded, data, size) == 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Page) scanned = { 0, };
  g_auto(Page) tree = { 0, };
  gboolean scan_ok;
  MqJsonValue value;

  /* As parse_page() does: the response body, its length, no terminating NUL. */
  scan_ok = mq_json_scan ((const char *) data, size, &value, &error);
  fuzz_assert_parse_result (scan_ok ? data : NULL, error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
  /* Nothing that is not UTF-8 is ever taken. */
  if (scan_ok)
    g_assert_true (g_utf8_validate_len ((const char *) data, size, NULL));
  if (scan_ok)
    read_page (&scanned, &value);
  check_as_string (data, size);

  root = fuzz_parse_json (data, size);
  if (root == NULL)
    return 0;

  mq_json_value_init_node (&value, root);
  read_page (&tree, &value);
  check_envelope_parse (root, &tree);
  check_regenerated (root, &tree);

  if (scan_ok && !has_huge_integer (data, size))
    assert_same_page (&scanned, &tree);

  return 0;
}
