/* test-fake-viewneo.c: the fake viewneo server behaves as the API and Passport do
 *
 * Everything goes through a plain SoupSession over 127.0.0.1, as a client would see it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-fake-viewneo"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

#include "fake-viewneo.h"

#define TOKEN         "test-personal-access-token"
#define CLIENT_ID     "7"
#define CLIENT_SECRET "client-secret-Xq9"
#define REDIRECT_URI  "http://127.0.0.1:28517/callback"
#define VERIFIER      "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
/* BASE64URL (SHA256 (VERIFIER)), RFC 7636 appendix B */
#define CHALLENGE     "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

typedef struct
{
  FakeViewneo *fake;
  SoupSession *session;
  char        *url;
} Fixture;

typedef struct
{
  guint               status;
  GBytes             *body;
  char               *text;  /* the body as a string */
  SoupMessageHeaders *headers;
  GError             *error;
  gint64              elapsed_usec;
} Reply;

typedef struct
{
  SoupMessage *msg;
  Reply       *reply;
  gint64       start;
  gboolean     done;
} Call;

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->text, g_free);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_error (&reply->error);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->fake = fake_viewneo_new ();
  g_assert_true (fake_viewneo_listen (f->fake, 0, &error));
  g_assert_no_error (error);
  fake_viewneo_add_token (f->fake, TOKEN);
  fake_viewneo_add_client (f->fake, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI);
  f->session = soup_session_new ();
  f->url = fake_viewneo_get_url (f->fake);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->fake);
  g_clear_pointer (&f->url, g_free);
}

/* ---- requests ---- */

static char *
absolute (Fixture    *f,
          const char *path_or_url)
{
  if (g_str_has_prefix (path_or_url, "http"))
    return g_strdup (path_or_url);

  return g_strconcat (f->url, path_or_url, NULL);
}

/* Redirects are never followed: the tests look at what the server sent. */
static SoupMessage *
new_message (Fixture    *f,
             const char *method,
             const char *path_or_url,
             const char *token)
{
  g_autofree char *uri = absolute (f, path_or_url);
  SoupMessage *msg = soup_message_new (method, uri);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  g_assert_nonnull (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
    }

  return msg;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;

  call->reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                         &call->reply->error);
  if (call->reply->body != NULL)
    call->reply->text = g_strndup (g_bytes_get_data (call->reply->body, NULL),
                                   g_bytes_get_size (call->reply->body));
  call->reply->status = soup_message_get_status (call->msg);
  call->reply->headers = soup_message_headers_ref (soup_message_get_response_headers (call->msg));
  call->reply->elapsed_usec = g_get_monotonic_time () - call->start;
  call->done = TRUE;
}

static Call *
start_call (Fixture     *f,
            SoupMessage *msg)
{
  Call *call = g_new0 (Call, 1);

  call->msg = msg;
  call->reply = g_new0 (Reply, 1);
  call->start = g_get_monotonic_time ();
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, call);

  return call;
}

static Reply *
finish_call (Call *call)
{
  Reply *reply;

  while (!call->done)
    g_main_context_iteration (NULL, TRUE);

  reply = call->reply;
  g_object_unref (call->msg);
  g_free (call);

  return reply;
}

/* Takes @msg. */
static Reply *
send_message (Fixture     *f,
              SoupMessage *msg)
{
  return finish_call (start_call (f, msg));
}

static Reply *
get_as (Fixture    *f,
        const char *path_or_url,
        const char *token)
{
  return send_message (f, new_message (f, "GET", path_or_url, token));
}

static Reply *
get (Fixture    *f,
     const char *path_or_url)
{
  return get_as (f, path_or_url, TOKEN);
}

static Reply *
post (Fixture    *f,
      const char *path,
      const char *content_type,
      const char *body)
{
  SoupMessage *msg = new_message (f, "POST", path, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  soup_message_set_request_body_from_bytes (msg, content_type, bytes);

  return send_message (f, msg);
}

static const char *
body_text (Reply *reply)
{
  g_assert_no_error (reply->error);
  g_assert_nonnull (reply->text);

  return reply->text;
}

static JsonNode *
parse_json (Reply *reply)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_no_error (reply->error);
  json_parser_load_from_data (parser, g_bytes_get_data (reply->body, NULL),
                              g_bytes_get_size (reply->body), &error);
  g_assert_no_error (error);

  return json_node_ref (json_parser_get_root (parser));
}

static void
assert_message (Reply      *reply,
                guint       status,
                const char *message)
{
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==,
                   "application/json");
  root = parse_json (reply);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "message"), ==,
                   message);
}

/* The list of any envelope. */
static JsonArray *
items_of (JsonNode *root)
{
  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_get_array_member (json_node_get_object (root), "data");
}

static gint64
id_of (JsonObject *object)
{
  JsonNode *id = json_object_get_member (object, "id");

  g_assert_nonnull (id);
  if (json_node_get_value_type (id) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (id), NULL, 10);

  return json_node_get_int (id);
}

static const char *
nullable_string_member (JsonObject *object,
                        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node);
}

/* ---- envelopes and pagination ---- */

/* All ids of a list, following next links the way the envelope gives them. */
static GArray *
collect_ids (Fixture    *f,
             const char *path,
             guint      *n_pages)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *next = g_strdup (path);

  *n_pages = 0;
  while (next != NULL)
    {
      g_autoptr(Reply) reply = get (f, next);
      g_autoptr(JsonNode) root = NULL;
      JsonArray *items;
      JsonObject *object;

      g_assert_cmpuint (reply->status, ==, 200);
      root = parse_json (reply);
      items = items_of (root);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          gint64 id = id_of (json_array_get_object_element (items, i));

          g_array_append_val (ids, id);
        }
      (*n_pages)++;

      g_clear_pointer (&next, g_free);
      if (!JSON_NODE_HOLDS_OBJECT (root))
        break;

      object = json_node_get_object (root);
      if (json_object_has_member (object, "next_page_url"))
        next = g_strdup (nullable_string_member (object, "next_page_url"));
      else if (json_object_has_member (object, "meta"))
        next = g_strdup (nullable_string_member (json_object_get_object_member (object, "links"),
                                                 "next"));
      if (next != NULL)
        g_assert_true (g_str_has_prefix (next, f->url));
    }

  return ids;
}

static void
assert_same_ids (GArray *a,
                 GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpint (g_array_index (a, gint64, i), ==, g_array_index (b, gint64, i));
}

static void
test_envelope_bare_and_data (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GArray) bare_ids = NULL;
  g_autoptr(GArray) data_ids = NULL;
  guint n_pages;

  fake_viewneo_generate (f->fake, 250, 7);
  g_assert_cmpuint (fake_viewneo_get_n_playlists (f->fake), ==, 250);

  /* Never paginated, whatever the page size. */
  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_BARE);
  bare_ids = collect_ids (f, "/api/v1.0/playlist", &n_pages);
  g_assert_cmpuint (bare_ids->len, ==, 250);
  g_assert_cmpuint (n_pages, ==, 1);
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist");
    g_autoptr(JsonNode) root = parse_json (reply);

    g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  }

  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_DATA);
  data_ids = collect_ids (f, "/api/v1.0/playlist", &n_pages);
  g_assert_cmpuint (n_pages, ==, 1);
  assert_same_ids (bare_ids, data_ids);
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist");
    g_autoptr(JsonNode) root = parse_json (reply);
    JsonObject *object = json_node_get_object (root);

    g_assert_cmpuint (json_object_get_size (object), ==, 1);
    g_assert_true (json_object_has_member (object, "data"));
  }

  /* Ids ascend and are unique. */
  for (guint i = 1; i < bare_ids->len; i++)
    g_assert_cmpint (g_array_index (bare_ids, gint64, i - 1), <, g_array_index (bare_ids, gint64, i));
}

static void
test_envelope_paginator_links (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GArray) all_ids = NULL;
  g_autoptr(GArray) paged_ids = NULL;
  g_autofree char *path_url = g_strconcat (f->url, "/api/v1.0/playlist", NULL);
  g_autofree char *page2_url = g_strconcat (path_url, "?page=2", NULL);
  g_autofree char *page3_url = g_strconcat (path_url, "?page=3", NULL);
  guint n_pages;

  fake_viewneo_generate (f->fake, 250, 7);
  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_BARE);
  all_ids = collect_ids (f, "/api/v1.0/playlist", &n_pages);

  /* The default: links and meta, 100 a page. */
  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_PAGINATOR_LINKS);
  paged_ids = collect_ids (f, "/api/v1.0/playlist", &n_pages);
  g_assert_cmpuint (n_pages, ==, 3);
  assert_same_ids (all_ids, paged_ids);

  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist?page=2");
    g_autoptr(JsonNode) root = parse_json (reply);
    JsonObject *object = json_node_get_object (root);
    JsonObject *links = json_object_get_object_member (object, "links");
    JsonObject *meta = json_object_get_object_member (object, "meta");

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "data")), ==, 100);
    g_assert_cmpstr (nullable_string_member (links, "next"), ==, page3_url);
    g_assert_cmpstr (nullable_string_member (links, "prev"), !=, NULL);
    g_assert_cmpint (json_object_get_int_member (meta, "current_page"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (meta, "last_page"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (meta, "total"), ==, 250);
    g_assert_cmpint (json_object_get_int_member (meta, "per_page"), ==, 100);
    g_assert_cmpint (json_object_get_int_member (meta, "from"), ==, 101);
    g_assert_cmpint (json_object_get_int_member (meta, "to"), ==, 200);
    g_assert_cmpstr (json_object_get_string_member (meta, "path"), ==, path_url);
  }

  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist?page=3");
    g_autoptr(JsonNode) root = parse_json (reply);
    JsonObject *object = json_node_get_object (root);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "data")), ==, 50);
    g_assert_null (nullable_string_member (json_object_get_object_member (object, "links"), "next"));
  }

  /* Past the end: an empty page, as Laravel sends it. */
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist?page=9");
    g_autoptr(JsonNode) root = parse_json (reply);
    JsonObject *object = json_node_get_object (root);
    JsonObject *meta = json_object_get_object_member (object, "meta");

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "data")), ==, 0);
    g_assert_null (nullable_string_member (json_object_get_object_member (object, "links"), "next"));
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (meta, "from")));
  }

  /* Not a page number: the first page. */
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist?page=abc");
    g_autoptr(JsonNode) root = parse_json (reply);
    JsonObject *links = json_object_get_object_member (json_node_get_object (root), "links");

    g_assert_cmpstr (nullable_string_member (links, "next"), ==, page2_url);
  }
}

static void
test_envelope_paginator_flat (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GArray) all_ids = NULL;
  g_autoptr(GArray) paged_ids = NULL;
  guint n_pages;

  fake_viewneo_generate (f->fake, 250, 7);
  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_BARE);
  all_ids = collect_ids (f, "/api/v1.0/playlist", &n_pages);

  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_PAGINATOR_FLAT);
  fake_viewneo_set_page_size (f->fake, 7);
  paged_ids = collect_ids (f, "/api/v1.0/playlist", &n_pages);
  g_assert_cmpuint (n_pages, ==, 36);
  assert_same_ids (all_ids, paged_ids);

  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist?page=36");
    g_autoptr(JsonNode) root = parse_json (reply);
    JsonObject *object = json_node_get_object (root);

    g_assert_false (json_object_has_member (object, "meta"));
    /* Laravel's flat paginator has a `links` array, not the object of API resources. */
    g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "links")));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "data")), ==, 5);
    g_assert_null (nullable_string_member (object, "next_page_url"));
    g_assert_nonnull (nullable_string_member (object, "prev_page_url"));
    g_assert_cmpint (json_object_get_int_member (object, "current_page"), ==, 36);
    g_assert_cmpint (json_object_get_int_member (object, "last_page"), ==, 36);
    g_assert_cmpint (json_object_get_int_member (object, "total"), ==, 250);
    g_assert_cmpint (json_object_get_int_member (object, "per_page"), ==, 7);
  }
}

static void
test_next_link_origin (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  fake_viewneo_generate (f->fake, 30, 1);
  fake_viewneo_set_page_size (f->fake, 10);
  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_PAGINATOR_FLAT);
  fake_viewneo_set_next_link_origin (f->fake, "https://evil.example.net");

  reply = get (f, "/api/v1.0/playlist");
  root = parse_json (reply);
  object = json_node_get_object (root);
  g_assert_cmpstr (nullable_string_member (object, "next_page_url"), ==,
                   "https://evil.example.net/api/v1.0/playlist?page=2");
}

static void
test_empty_list (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist");
  g_autoptr(JsonNode) root = parse_json (reply);
  JsonObject *object = json_node_get_object (root);
  JsonObject *meta = json_object_get_object_member (object, "meta");

  g_assert_cmpuint (fake_viewneo_get_n_playlists (f->fake), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "data")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (meta, "last_page"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (meta, "total"), ==, 0);
}

/* ---- data ---- */

static GBytes *
bare_list (Fixture *f)
{
  g_autoptr(Reply) reply = NULL;

  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_BARE);
  reply = get (f, "/api/v1.0/playlist");
  g_assert_cmpuint (reply->status, ==, 200);

  return g_bytes_ref (reply->body);
}

static void
test_generate_deterministic (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) other_seed = NULL;

  fake_viewneo_generate (f->fake, 120, 42);
  first = bare_list (f);
  fake_viewneo_generate (f->fake, 120, 43);
  other_seed = bare_list (f);
  fake_viewneo_generate (f->fake, 120, 42);
  again = bare_list (f);

  g_assert_true (g_bytes_equal (first, again));
  g_assert_false (g_bytes_equal (first, other_seed));
}

typedef struct
{
  GHashTable *playlist_names;  /* id -> name */
  GHashTable *attachable_types;
  GHashTable *mime_types;
  guint       play_rules[3];
  guint       n_nested;
  guint       n_reordered;
  guint       n_empty;
  guint       n_boolean_flags;
  guint       n_string_ids;
  guint       n_umlaut_names;
  guint       n_dash_names;
  guint       n_labels;
  guint       n_comments;
} Census;

static void
check_entry (Census     *census,
             JsonObject *entry,
             gint64      playlist_id)
{
  JsonNode *media_id = json_object_get_member (entry, "media_file_id");
  JsonNode *nested_id = json_object_get_member (entry, "playlist_id_as_nested_playlist");
  JsonNode *media = json_object_get_member (entry, "media_file");
  gint64 play_rule = json_object_get_int_member (entry, "play_rule");
  gint64 weekdays = json_object_get_int_member (entry, "weekdays");
  gint64 duration = json_object_get_int_member (entry, "duration");

  g_assert_cmpint (json_object_get_int_member (entry, "playlist_id"), ==, playlist_id);
  g_assert_cmpint (duration, >=, 5);
  g_assert_cmpint (duration, <=, 120);
  g_assert_cmpint (weekdays, >=, 1);
  g_assert_cmpint (weekdays, <=, 127);
  g_assert_cmpint (play_rule, >=, 0);
  g_assert_cmpint (play_rule, <=, 2);
  g_assert_cmpint (json_object_get_int_member (entry, "is_sound_played"), <=, 1);
  census->play_rules[play_rule]++;

  /* A scheduled entry has a window of days, of hours, or both; the others have none. */
  if (play_rule == 0)
    {
      const char *start_date = nullable_string_member (entry, "start_date");
      const char *end_date = nullable_string_member (entry, "end_date");
      const char *start_time = nullable_string_member (entry, "start_time");
      const char *end_time = nullable_string_member (entry, "end_time");

      g_assert_true (start_date != NULL || start_time != NULL);
      g_assert_true ((start_date == NULL) == (end_date == NULL));
      g_assert_true ((start_time == NULL) == (end_time == NULL));
      if (start_date != NULL)
        {
          g_assert_cmpuint (strlen (start_date), ==, 10);
          g_assert_cmpstr (start_date, <, end_date);
        }
      if (start_time != NULL)
        {
          g_assert_cmpuint (strlen (start_time), ==, 8);
          g_assert_cmpstr (start_time, <, end_time);
        }
    }
  else
    {
      g_assert_null (nullable_string_member (entry, "start_date"));
      g_assert_null (nullable_string_member (entry, "start_time"));
      g_assert_cmpint (weekdays, ==, 127);
    }

  /* Exactly one of a media file (embedded) or a nested playlist that exists. */
  g_assert_true (JSON_NODE_HOLDS_NULL (media_id) != JSON_NODE_HOLDS_NULL (nested_id));
  if (JSON_NODE_HOLDS_NULL (media_id))
    {
      gint64 nested = json_node_get_int (nested_id);

      g_assert_true (JSON_NODE_HOLDS_NULL (media));
      g_assert_true (g_hash_table_contains (census->playlist_names, &nested));
      g_assert_cmpint (nested, !=, playlist_id);
      census->n_nested++;
    }
  else
    {
      JsonObject *file = json_node_get_object (media);
      const char *type = nullable_string_member (file, "attachable_type");
      const char *mime = nullable_string_member (file, "mime_type");
      gint64 status = json_object_get_int_member (file, "status");

      g_assert_cmpint (json_object_get_int_member (file, "id"), ==, json_node_get_int (media_id));
      g_assert_nonnull (json_object_get_string_member (file, "name"));
      g_assert_cmpint (status, >=, 0);
      g_assert_cmpint (status, <=, 3);
      g_hash_table_add (census->attachable_types, g_strdup (type ? type : "(folder)"));
      if (g_strcmp0 (type, "PhysicalFile") == 0)
        {
          g_assert_nonnull (mime);
          g_assert_nonnull (nullable_string_member (file, "original_name"));
          g_assert_cmpint (json_object_get_int_member (file, "file_size"), >, 0);
          g_hash_table_add (census->mime_types, g_strdup (mime));
          if (g_str_has_prefix (mime, "image/") || g_str_has_prefix (mime, "video/"))
            g_assert_cmpint (json_object_get_int_member (file, "width"), >, 0);
          if (g_str_has_prefix (mime, "video/"))
            g_assert_cmpint (json_object_get_int_member (file, "duration"), >, 0);
        }
      else
        {
          g_assert_null (mime);
        }
    }
}

static void
check_playlist_detail (Fixture    *f,
                       Census     *census,
                       JsonObject *summary,
                       const char *entries_key)
{
  gint64 id = id_of (summary);
  g_autofree char *path = g_strdup_printf ("/api/v1.0/playlist/%" G_GINT64_FORMAT, id);
  g_autoptr(Reply) reply = get (f, path);
  g_autoptr(JsonNode) root = parse_json (reply);
  JsonObject *detail;
  JsonArray *entries;
  guint n_entries, n_playback = 0;
  g_autofree gboolean *seen_index = NULL;
  gboolean in_order = TRUE;

  g_assert_cmpuint (reply->status, ==, 200);
  detail = json_object_get_object_member (json_node_get_object (root), "data");
  g_assert_cmpint (id_of (detail), ==, id);
  g_assert_cmpstr (json_object_get_string_member (detail, "name"), ==,
                   json_object_get_string_member (summary, "name"));

  entries = json_object_get_array_member (detail, entries_key);
  g_assert_nonnull (entries);
  n_entries = json_array_get_length (entries);
  g_assert_cmpint (json_object_get_int_member (summary, "number_of_entries"), ==, n_entries);
  g_assert_cmpuint (n_entries, <=, 12);
  if (n_entries == 0)
    census->n_empty++;

  /* Indices are a permutation of 0..n-1. */
  seen_index = g_new0 (gboolean, n_entries + 1);
  for (guint i = 0; i < n_entries; i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      gint64 index = json_object_get_int_member (entry, "index");

      g_assert_cmpint (index, >=, 0);
      g_assert_cmpint (index, <, n_entries);
      g_assert_false (seen_index[index]);
      seen_index[index] = TRUE;
      in_order = in_order && index == i;
      n_playback += json_object_get_int_member (entry, "play_rule") != 2;
      check_entry (census, entry, id);
    }
  if (!in_order)
    census->n_reordered++;
  g_assert_cmpint (json_object_get_int_member (summary, "playback_entry_count"), ==, n_playback);
}

static void
census_playlist (Census     *census,
                 JsonObject *playlist)
{
  const char *name = json_object_get_string_member (playlist, "name");
  const char *created = json_object_get_string_member (playlist, "created_at");
  const char *updated = json_object_get_string_member (playlist, "updated_at");
  JsonNode *shared = json_object_get_member (playlist, "is_shared");

  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_cmpuint (strlen (created), ==, 19);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$", created, 0, 0));
  g_assert_cmpstr (created, <=, updated);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (playlist, "deleted_at")));
  g_assert_true (json_object_has_member (playlist, "events_count"));
  g_assert_true (json_object_has_member (playlist, "company_id"));

  if (json_node_get_value_type (shared) == G_TYPE_BOOLEAN)
    census->n_boolean_flags++;
  else
    g_assert_cmpint (json_node_get_int (shared), <=, 1);
  if (json_node_get_value_type (json_object_get_member (playlist, "id")) == G_TYPE_STRING)
    census->n_string_ids++;
  if (strstr (name, "ä") || strstr (name, "ö") || strstr (name, "ü") || strstr (name, "ß") ||
      strstr (name, "Ö") || strstr (name, "Ä"))
    census->n_umlaut_names++;
  if (strstr (name, " – "))
    census->n_dash_names++;
  if (nullable_string_member (playlist, "label") != NULL)
    census->n_labels++;
  if (nullable_string_member (playlist, "comment") != NULL)
    census->n_comments++;
}

static void
test_playlist_details (Fixture       *f,
                       gconstpointer  data)
{
  const char *entries_key = data;
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *items;
  Census census = { 0 };

  fake_viewneo_generate (f->fake, 200, 3);
  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_DATA);
  if (entries_key != NULL)
    fake_viewneo_set_entries_key (f->fake, entries_key);
  else
    entries_key = "entries";

  census.playlist_names = g_hash_table_new (g_int64_hash, g_int64_equal);
  census.attachable_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  census.mime_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  reply = get (f, "/api/v1.0/playlist");
  root = parse_json (reply);
  items = items_of (root);
  g_assert_cmpuint (json_array_get_length (items), ==, 200);

  {
    g_autofree gint64 *ids = g_new (gint64, 200);

    for (guint i = 0; i < 200; i++)
      {
        JsonObject *playlist = json_array_get_object_element (items, i);

        ids[i] = id_of (playlist);
        g_hash_table_insert (census.playlist_names, &ids[i],
                             (gpointer) json_object_get_string_member (playlist, "name"));
        census_playlist (&census, playlist);
      }

    for (guint i = 0; i < 200; i++)
      check_playlist_detail (f, &census, json_array_get_object_element (items, i), entries_key);
  }

  /* The variety fake-viewneo.h promises, for this seed and size. */
  g_assert_cmpuint (g_hash_table_size (census.attachable_types), ==, 5);
  g_assert_true (g_hash_table_contains (census.attachable_types, "(folder)"));
  g_assert_true (g_hash_table_contains (census.attachable_types, "Website"));
  g_assert_true (g_hash_table_contains (census.attachable_types, "Template"));
  g_assert_true (g_hash_table_contains (census.attachable_types, "Content"));
  g_assert_true (g_hash_table_contains (census.mime_types, "image/png"));
  g_assert_true (g_hash_table_contains (census.mime_types, "image/jpeg"));
  g_assert_true (g_hash_table_contains (census.mime_types, "video/mp4"));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (census.play_rules[i], >, 0);
  g_assert_cmpuint (census.n_nested, >, 0);
  g_assert_cmpuint (census.n_reordered, >, 0);
  g_assert_cmpuint (census.n_empty, >, 0);
  g_assert_cmpuint (census.n_boolean_flags, >, 0);
  g_assert_cmpuint (census.n_boolean_flags, <, 100);
  g_assert_cmpuint (census.n_string_ids, >, 0);
  g_assert_cmpuint (census.n_string_ids, <, 20);
  g_assert_cmpuint (census.n_umlaut_names, >, 0);
  g_assert_cmpuint (census.n_dash_names, >, 0);
  g_assert_cmpuint (census.n_labels, >, 0);
  g_assert_cmpuint (census.n_labels, <, 200);
  g_assert_cmpuint (census.n_comments, >, 0);
  g_assert_cmpuint (census.n_comments, <, 200);

  g_hash_table_unref (census.playlist_names);
  g_hash_table_unref (census.attachable_types);
  g_hash_table_unref (census.mime_types);
}

static void
test_playlist_not_found (Fixture       *f,
                         gconstpointer  data)
{
  fake_viewneo_generate (f->fake, 5, 1);

  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist/999999");

    assert_message (reply, 404, "No query results for model [App\\Models\\Playlist] 999999");
  }
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist/abc");

    g_assert_cmpuint (reply->status, ==, 404);
  }
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist/-1001");

    g_assert_cmpuint (reply->status, ==, 404);
  }
  /* The first generated playlist, and Laravel's tolerance of a trailing slash. */
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist/1001/");

    g_assert_cmpuint (reply->status, ==, 200);
  }
}

static void
test_raw_playlists (Fixture       *f,
                    gconstpointer  data)
{
  static const char raw[] = "{\"id\":\"90001\",\"name\":null,\"is_shared\":true,\"x-unknown\":[1,2]}";
  g_autoptr(Reply) list = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) expected = json_from_string (raw, NULL);
  JsonArray *items;

  fake_viewneo_generate (f->fake, 3, 1);
  fake_viewneo_add_raw_playlist (f->fake, raw);
  fake_viewneo_add_raw_playlist (f->fake, "{\"name\":\"No id at all\"}");
  g_assert_cmpuint (fake_viewneo_get_n_playlists (f->fake), ==, 5);

  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_BARE);
  list = get (f, "/api/v1.0/playlist");
  g_assert_nonnull (strstr (body_text (list), raw));
  root = parse_json (list);
  items = items_of (root);
  g_assert_cmpuint (json_array_get_length (items), ==, 5);
  g_assert_true (json_node_equal (json_array_get_element (items, 3), expected));

  /* Its detail is the object as given, under a numeric-string id. */
  {
    g_autoptr(Reply) detail = get (f, "/api/v1.0/playlist/90001");

    g_assert_cmpuint (detail->status, ==, 200);
    g_assert_cmpstr (body_text (detail), ==, raw);
  }

  /* generate() replaces everything, raw playlists too. */
  fake_viewneo_generate (f->fake, 3, 1);
  g_assert_cmpuint (fake_viewneo_get_n_playlists (f->fake), ==, 3);
}

static void
test_large_dataset (Fixture       *f,
                    gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  fake_viewneo_generate (f->fake, 100000, 1);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("generated 100000 playlists in %" G_GINT64_FORMAT " ms", elapsed / 1000);
  g_assert_cmpuint (fake_viewneo_get_n_playlists (f->fake), ==, 100000);
#if !defined (__SANITIZE_ADDRESS__)
  /* The benchmarks start the fake with this many; sanitizers make it slower. */
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
#endif

  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist?page=1000");
    g_autoptr(JsonNode) root = parse_json (reply);
    JsonObject *object = json_node_get_object (root);
    JsonObject *meta = json_object_get_object_member (object, "meta");

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "data")), ==, 100);
    g_assert_cmpint (json_object_get_int_member (meta, "total"), ==, 100000);
    g_assert_null (nullable_string_member (json_object_get_object_member (object, "links"), "next"));
  }
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/devicegroup?page=100");
    g_autoptr(JsonNode) root = parse_json (reply);
    JsonObject *meta = json_object_get_object_member (json_node_get_object (root), "meta");

    g_assert_cmpint (json_object_get_int_member (meta, "total"), ==, 10000);
  }
}

static void
test_device_groups (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Reply) playlists = NULL;
  g_autoptr(Reply) groups = NULL;
  g_autoptr(JsonNode) playlists_root = NULL;
  g_autoptr(JsonNode) groups_root = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *ids = g_new (gint64, 300);
  JsonArray *items;
  guint n_playing = 0, n_idle = 0;

  fake_viewneo_generate (f->fake, 300, 11);
  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_BARE);
  playlists = get (f, "/api/v1.0/playlist");
  playlists_root = parse_json (playlists);
  items = items_of (playlists_root);
  for (guint i = 0; i < 300; i++)
    {
      JsonObject *playlist = json_array_get_object_element (items, i);

      ids[i] = id_of (playlist);
      g_hash_table_insert (names, &ids[i], (gpointer) json_object_get_string_member (playlist, "name"));
    }

  /* Paginated the same way as playlists. */
  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_PAGINATOR_LINKS);
  fake_viewneo_set_page_size (f->fake, 8);
  {
    guint n_pages;
    g_autoptr(GArray) group_ids = collect_ids (f, "/api/v1.0/devicegroup", &n_pages);

    g_assert_cmpuint (group_ids->len, ==, 30);
    g_assert_cmpuint (n_pages, ==, 4);
  }

  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_DATA);
  groups = get (f, "/api/v1.0/devicegroup");
  groups_root = parse_json (groups);
  items = items_of (groups_root);
  g_assert_cmpuint (json_array_get_length (items), ==, 30);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *group = json_array_get_object_element (items, i);
      JsonNode *playlist_id = json_object_get_member (group, "playlist_id");
      JsonNode *playlist = json_object_get_member (group, "playlist");

      g_assert_nonnull (json_object_get_string_member (group, "name"));
      g_assert_true (JSON_NODE_HOLDS_NULL (playlist_id) == JSON_NODE_HOLDS_NULL (playlist));
      if (JSON_NODE_HOLDS_NULL (playlist_id))
        {
          n_idle++;
        }
      else
        {
          gint64 id = json_node_get_int (playlist_id);
          JsonObject *embedded = json_node_get_object (playlist);

          g_assert_cmpint (json_object_get_int_member (embedded, "id"), ==, id);
          g_assert_cmpstr (json_object_get_string_member (embedded, "name"), ==,
                           g_hash_table_lookup (names, &id));
          n_playing++;
        }

      /* And each on its own. */
      if (i == 0)
        {
          g_autofree char *path = g_strdup_printf ("/api/v1.0/devicegroup/%" G_GINT64_FORMAT,
                                                   json_object_get_int_member (group, "id"));
          g_autoptr(Reply) detail = get (f, path);
          g_autoptr(JsonNode) detail_root = parse_json (detail);
          g_autoptr(JsonNode) group_node = json_node_init_object (json_node_alloc (), group);

          g_assert_true (json_node_equal (json_object_get_member (json_node_get_object (detail_root), "data"),
                                          group_node));
        }
    }
  g_assert_cmpuint (n_playing, >, 0);
  g_assert_cmpuint (n_idle, >, 0);

  /* At least three, even for tiny datasets. */
  fake_viewneo_generate (f->fake, 4, 11);
  {
    g_autoptr(Reply) few = get (f, "/api/v1.0/devicegroup");
    g_autoptr(JsonNode) few_root = parse_json (few);

    g_assert_cmpuint (json_array_get_length (items_of (few_root)), ==, 3);
  }
  {
    g_autoptr(Reply) missing = get (f, "/api/v1.0/devicegroup/1");

    g_assert_cmpuint (missing->status, ==, 404);
  }
}

/* ---- thumbnails ---- */

/* Written again here rather than shared, so that the check is independent. */
static guint32
png_crc (const guint8 *data,
         gsize         len)
{
  guint32 crc = 0xffffffffu;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }

  return crc ^ 0xffffffffu;
}

static guint32
read_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* Checks the PNG's structure and CRCs; returns its first pixel as 0xRRGGBB. */
static guint32
check_png (GBytes *png)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (png, &size);
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
  guint8 pixels[(64 * 3 + 1) * 36 + 16];
  gsize bytes_read, bytes_written;
  g_autoptr(GError) error = NULL;
  gsize offset = 8;
  guint32 width = 0, height = 0;
  gboolean ended = FALSE;

  g_assert_cmpuint (size, >, 8);
  g_assert_cmpmem (data, 8, signature, 8);

  while (offset + 12 <= size && !ended)
    {
      guint32 length = read_be32 (data + offset);
      const guint8 *type = data + offset + 4;
      guint32 crc;

      g_assert_cmpuint (offset + 12 + length, <=, size);
      crc = png_crc (type, length + 4);
      g_assert_cmpuint (crc, ==, read_be32 (data + offset + 8 + length));

      if (memcmp (type, "IHDR", 4) == 0)
        {
          width = read_be32 (type + 4);
          height = read_be32 (type + 8);
          g_assert_cmpuint (type[12], ==, 8);
          g_assert_cmpuint (type[13], ==, 2);
        }
      else if (memcmp (type, "IDAT", 4) == 0)
        {
          g_byte_array_append (idat, type + 4, length);
        }
      else if (memcmp (type, "IEND", 4) == 0)
        {
          ended = TRUE;
        }
      offset += 12 + length;
    }

  g_assert_true (ended);
  g_assert_cmpuint (offset, ==, size);
  g_assert_cmpuint (width, ==, 64);
  g_assert_cmpuint (height, ==, 36);

  g_assert_cmpint (g_converter_convert (G_CONVERTER (decompressor), idat->data, idat->len,
                                        pixels, sizeof pixels, G_CONVERTER_INPUT_AT_END,
                                        &bytes_read, &bytes_written, &error),
                   ==, G_CONVERTER_FINISHED);
  g_assert_no_error (error);
  g_assert_cmpuint (bytes_written, ==, (64 * 3 + 1) * 36);

  return (guint32) pixels[1] << 16 | (guint32) pixels[2] << 8 | pixels[3];
}

static void
test_thumbnail (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Reply) first = NULL;
  g_autoptr(Reply) second = NULL;
  g_autoptr(Reply) first_again = NULL;

  fake_viewneo_generate (f->fake, 10, 1);
  first = get (f, "/api/v1.0/mediafile/5001/thumbnail");
  second = get (f, "/api/v1.0/mediafile/5002/thumbnail");
  first_again = get (f, "/api/v1.0/mediafile/5001/thumbnail");

  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (first->headers, NULL), ==, "image/png");
  g_assert_cmphex (check_png (first->body), !=, check_png (second->body));
  g_assert_true (g_bytes_equal (first->body, first_again->body));

  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/mediafile/4/thumbnail");

    assert_message (reply, 404, "No query results for model [App\\Models\\MediaFile] 4");
  }
  {
    g_autoptr(Reply) reply = get_as (f, "/api/v1.0/mediafile/5001/thumbnail", NULL);

    assert_message (reply, 401, "Unauthenticated.");
  }
}

/* ---- user ---- */

static void
test_user (Fixture       *f,
           gconstpointer  data)
{
  fake_viewneo_set_user (f->fake, 4711, "Jürgen Müller", "juergen@example.com");

  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/user");
    g_autoptr(JsonNode) root = parse_json (reply);
    JsonObject *user = json_object_get_object_member (json_node_get_object (root), "data");

    g_assert_cmpint (json_object_get_int_member (user, "id"), ==, 4711);
    g_assert_cmpstr (json_object_get_string_member (user, "name"), ==, "Jürgen Müller");
    g_assert_cmpstr (json_object_get_string_member (user, "email"), ==, "juergen@example.com");
    g_assert_cmpstr (json_object_get_string_member (user, "last_name"), ==, "Müller");
  }

  /* Plain models, unwrapped, with the bare and flat styles. */
  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_BARE);
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/user");
    g_autoptr(JsonNode) root = parse_json (reply);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "id"), ==, 4711);
  }
}

/* ---- Laravel's answers to bad requests ---- */

static void
test_accept_redirect (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const not_json[] = { NULL, "text/html", "*/*", "application/json;q=0" };
  g_autofree char *login = g_strconcat (f->url, "/login", NULL);

  fake_viewneo_generate (f->fake, 3, 1);

  for (gsize i = 0; i < G_N_ELEMENTS (not_json); i++)
    {
      SoupMessage *msg = new_message (f, "GET", "/api/v1.0/playlist", TOKEN);
      g_autoptr(Reply) reply = NULL;

      if (not_json[i] != NULL)
        soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", not_json[i]);
      else
        soup_message_headers_remove (soup_message_get_request_headers (msg), "Accept");

      /* Even with a valid token. */
      reply = send_message (f, msg);
      g_assert_cmpuint (reply->status, ==, 302);
      g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Location"), ==, login);
      g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==, "text/html");
      g_assert_nonnull (strstr (body_text (reply), "Redirecting to"));
    }

  /* JSON among others is enough; the login page itself is HTML. */
  {
    SoupMessage *msg = new_message (f, "GET", "/api/v1.0/playlist", TOKEN);
    g_autoptr(Reply) reply = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                  "text/html, application/json; charset=utf-8;q=0.9");
    reply = send_message (f, msg);
    g_assert_cmpuint (reply->status, ==, 200);
  }
  {
    g_autoptr(Reply) reply = get_as (f, "/login", NULL);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==, "text/html");
  }
}

static void
test_unauthenticated (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const paths[] = {
    "/api/v1.0/playlist", "/api/v1.0/playlist/1001", "/api/v1.0/devicegroup", "/api/v1.0/user",
  };

  fake_viewneo_generate (f->fake, 3, 1);
  fake_viewneo_add_token (f->fake, "soon-revoked");

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(Reply) none = get_as (f, paths[i], NULL);
      g_autoptr(Reply) wrong = get_as (f, paths[i], "not-a-known-token");
      g_autoptr(Reply) good = get_as (f, paths[i], "soon-revoked");

      assert_message (none, 401, "Unauthenticated.");
      g_assert_cmpstr (body_text (none), ==, "{\"message\":\"Unauthenticated.\"}");
      assert_message (wrong, 401, "Unauthenticated.");
      g_assert_cmpuint (good->status, ==, 200);
    }

  /* Another scheme is no bearer token. */
  {
    SoupMessage *msg = new_message (f, "GET", "/api/v1.0/user", NULL);
    g_autoptr(Reply) reply = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  "Basic " TOKEN);
    reply = send_message (f, msg);
    assert_message (reply, 401, "Unauthenticated.");
  }

  fake_viewneo_revoke_token (f->fake, "soon-revoked");
  {
    g_autoptr(Reply) reply = get_as (f, "/api/v1.0/user", "soon-revoked");

    assert_message (reply, 401, "Unauthenticated.");
  }
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/user");

    g_assert_cmpuint (reply->status, ==, 200);
  }
}

static void
test_unknown_routes (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const paths[] = {
    "/api/v1.0/playlistx", "/api/v1.0/playlist-x", "/api/v1.0/nothing", "/api/v2.0/playlist",
    "/api/v1.0/playlist/1001/entries", "/api/v1.0/mediafile/5001", "/api/v1.0/", "/api/",
    "/api/v1.0/user/1",
  };

  fake_viewneo_generate (f->fake, 3, 1);

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(Reply) reply = get (f, paths[i]);
      g_autofree char *message = g_strdup_printf ("The route %s could not be found.", paths[i] + 1);

      assert_message (reply, 404, message);
    }

  {
    g_autoptr(Reply) reply = post (f, "/api/v1.0/playlist", "application/json", "{}");

    g_assert_cmpuint (reply->status, ==, 405);
  }
  /* Elsewhere, JSON to who asks for it and a web page to the others. */
  {
    g_autoptr(Reply) reply = get (f, "/somewhere-else");

    assert_message (reply, 404, "The route somewhere-else could not be found.");
  }
  {
    SoupMessage *msg = new_message (f, "GET", "/somewhere-else", NULL);
    g_autoptr(Reply) reply = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "text/html");
    reply = send_message (f, msg);
    g_assert_cmpuint (reply->status, ==, 404);
    g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==, "text/html");
  }
}

static void
test_rate_limit_headers (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Reply) first = NULL;
  g_autoptr(Reply) second = NULL;
  guint64 remaining_first, remaining_second;

  fake_viewneo_set_now (f->fake, 1700000000);
  first = get (f, "/api/v1.0/user");
  second = get (f, "/api/v1.0/playlist");

  g_assert_cmpstr (soup_message_headers_get_one (first->headers, "X-RateLimit-Limit"), ==, "60");
  remaining_first = g_ascii_strtoull (soup_message_headers_get_one (first->headers, "X-RateLimit-Remaining"), NULL, 10);
  remaining_second = g_ascii_strtoull (soup_message_headers_get_one (second->headers, "X-RateLimit-Remaining"), NULL, 10);
  g_assert_cmpuint (remaining_first, ==, 59);
  g_assert_cmpuint (remaining_second, ==, 58);

  /* A new minute, a new allowance. */
  fake_viewneo_set_now (f->fake, 1700000060);
  {
    g_autoptr(Reply) later = get (f, "/api/v1.0/user");

    g_assert_cmpstr (soup_message_headers_get_one (later->headers, "X-RateLimit-Remaining"), ==, "59");
  }
}

/* ---- faults ---- */

/* The next request for the playlists gets @fault: asserts its status and message. */
static void
assert_fault_message (Fixture    *f,
                      FakeFault   fault,
                      guint       status,
                      const char *message)
{
  g_autoptr(Reply) reply = NULL;

  fake_viewneo_add_fault (f->fake, NULL, fault, 0, 1);
  reply = get (f, "/api/v1.0/playlist");
  assert_message (reply, status, message);
}

static void
test_fault_statuses (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *login = g_strconcat (f->url, "/login", NULL);

  fake_viewneo_generate (f->fake, 3, 1);

  assert_fault_message (f, FAKE_FAULT_SERVER_ERROR, 500, "Server Error");

  fake_viewneo_add_fault (f->fake, NULL, FAKE_FAULT_RATE_LIMIT, 17, 1);
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist");

    assert_message (reply, 429, "Too Many Attempts.");
    g_assert_cmpstr (body_text (reply), ==, "{\"message\":\"Too Many Attempts.\"}");
    g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Retry-After"), ==, "17");
    g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "X-RateLimit-Remaining"), ==, "0");
  }

  assert_fault_message (f, FAKE_FAULT_UNAUTHORIZED, 401, "Unauthenticated.");
  assert_fault_message (f, FAKE_FAULT_FORBIDDEN, 403, "This action is unauthorized.");
  assert_fault_message (f, FAKE_FAULT_NOT_FOUND, 404, "Not Found");

  fake_viewneo_add_fault (f->fake, NULL, FAKE_FAULT_HTML_LOGIN, 0, 1);
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist");

    g_assert_cmpuint (reply->status, ==, 302);
    g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Location"), ==, login);
  }

  /* Each fault was for one request. */
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist");

    g_assert_cmpuint (reply->status, ==, 200);
  }
}

static void
test_fault_bodies (Fixture       *f,
                   gconstpointer  data)
{
  fake_viewneo_generate (f->fake, 20, 1);

  fake_viewneo_add_fault (f->fake, NULL, FAKE_FAULT_MALFORMED_JSON, 0, 1);
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist");
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpuint (g_bytes_get_size (reply->body), >, 0);
    g_assert_false (json_parser_load_from_data (parser, g_bytes_get_data (reply->body, NULL),
                                                g_bytes_get_size (reply->body), NULL));
  }

  /* Even where the request itself would have failed. */
  fake_viewneo_add_fault (f->fake, NULL, FAKE_FAULT_MALFORMED_JSON, 0, 1);
  {
    g_autoptr(Reply) reply = get_as (f, "/api/v1.0/user", NULL);
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_false (json_parser_load_from_data (parser, g_bytes_get_data (reply->body, NULL),
                                                g_bytes_get_size (reply->body), NULL));
  }

  fake_viewneo_add_fault (f->fake, NULL, FAKE_FAULT_WRONG_TYPES, 0, 1);
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist");
    g_autoptr(JsonNode) root = parse_json (reply);
    JsonObject *object = json_node_get_object (root);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "data")));
  }

  fake_viewneo_add_fault (f->fake, NULL, FAKE_FAULT_HUGE, 3, 1);
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist");
    g_autoptr(JsonNode) root = parse_json (reply);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpuint (g_bytes_get_size (reply->body), ==, 3 * 1024 * 1024);
    g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), >, 1000);
  }

  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist");
    g_autoptr(JsonNode) root = parse_json (reply);

    g_assert_cmpuint (json_array_get_length (items_of (root)), ==, 20);
  }
}

static void
test_fault_drop (Fixture       *f,
                 gconstpointer  data)
{
  fake_viewneo_generate (f->fake, 50, 1);
  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_DROP, 0, 1);

  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist");

    g_assert_nonnull (reply->error);
    g_assert_cmpuint (reply->status, ==, 200);
  }
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist");

    g_assert_no_error (reply->error);
    g_assert_cmpuint (reply->status, ==, 200);
  }
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/playlist"), ==, 2);

  /* With latency too. */
  fake_viewneo_set_latency (f->fake, 50);
  fake_viewneo_add_fault (f->fake, "/api/v1.0/user", FAKE_FAULT_DROP, 0, 1);
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/user");

    g_assert_nonnull (reply->error);
    g_assert_cmpint (reply->elapsed_usec, >=, 50 * 1000);
  }
}

static void
test_fault_slow (Fixture       *f,
                 gconstpointer  data)
{
  Call *slow;
  Call *quick;
  g_autoptr(Reply) slow_reply = NULL;
  g_autoptr(Reply) quick_reply = NULL;

  fake_viewneo_generate (f->fake, 5, 1);
  fake_viewneo_add_fault (f->fake, "/api/v1.0/user", FAKE_FAULT_SLOW, 1000, 1);

  /* The slow answer does not hold up another one. */
  slow = start_call (f, new_message (f, "GET", "/api/v1.0/user", TOKEN));
  quick = start_call (f, new_message (f, "GET", "/api/v1.0/playlist", TOKEN));
  quick_reply = finish_call (quick);
  g_assert_cmpuint (quick_reply->status, ==, 200);
  g_assert_false (slow->done);
  slow_reply = finish_call (slow);

  g_assert_cmpuint (slow_reply->status, ==, 200);
  g_assert_cmpint (slow_reply->elapsed_usec, >=, 1000 * 1000);
  g_assert_cmpint (quick_reply->elapsed_usec, <, slow_reply->elapsed_usec);
}

static void
test_fault_matching (Fixture       *f,
                     gconstpointer  data)
{
  fake_viewneo_generate (f->fake, 5, 1);

  /* Twice on one path only. */
  fake_viewneo_add_fault (f->fake, "/api/v1.0/user", FAKE_FAULT_SERVER_ERROR, 0, 2);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(Reply) playlist = get (f, "/api/v1.0/playlist");
      g_autoptr(Reply) user = get (f, "/api/v1.0/user");

      g_assert_cmpuint (playlist->status, ==, 200);
      g_assert_cmpuint (user->status, ==, i < 2 ? 500 : 200);
    }

  /* For ever until cleared; NULL means the API only, not OAuth. */
  fake_viewneo_add_fault (f->fake, NULL, FAKE_FAULT_FORBIDDEN, 0, 0);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist");

      g_assert_cmpuint (reply->status, ==, 403);
    }
  {
    g_autoptr(Reply) reply = post (f, "/oauth/token", "application/json", "{}");

    g_assert_cmpuint (reply->status, ==, 400);
  }
  fake_viewneo_clear_faults (f->fake);
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist");

    g_assert_cmpuint (reply->status, ==, 200);
  }

  /* An explicit prefix reaches OAuth too. */
  fake_viewneo_add_fault (f->fake, "/oauth/token", FAKE_FAULT_SERVER_ERROR, 0, 1);
  {
    g_autoptr(Reply) reply = post (f, "/oauth/token", "application/json", "{}");

    g_assert_cmpuint (reply->status, ==, 500);
  }

  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/user"), ==, 3);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/playlist"), ==, 9);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/oauth/"), ==, 2);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, NULL), ==, 14);
}

/* What a client sent, as the tests of clients read it back; a canned redirect. */
static void
test_last_request (Fixture       *f,
                   gconstpointer  data)
{
  GBytes *body;

  g_assert_null (fake_viewneo_get_last_request_method (f->fake));
  g_assert_null (fake_viewneo_get_last_request_path (f->fake));
  g_assert_null (fake_viewneo_get_last_request_header (f->fake, "Accept"));
  g_assert_null (fake_viewneo_get_last_request_body (f->fake));

  fake_viewneo_add_redirect (f->fake, "/oauth/token", 307, "/elsewhere", 1);
  {
    g_autoptr(Reply) reply = post (f, "/oauth/token", "application/json", "{\"grant_type\":\"x\"}");

    g_assert_cmpuint (reply->status, ==, 307);
    g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Location"), ==, "/elsewhere");
  }

  g_assert_cmpstr (fake_viewneo_get_last_request_method (f->fake), ==, "POST");
  g_assert_cmpstr (fake_viewneo_get_last_request_path (f->fake), ==, "/oauth/token");
  g_assert_cmpstr (fake_viewneo_get_last_request_header (f->fake, "Content-Type"), ==, "application/json");
  body = fake_viewneo_get_last_request_body (f->fake);
  g_assert_nonnull (body);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                   "{\"grant_type\":\"x\"}", strlen ("{\"grant_type\":\"x\"}"));

  /* Each request replaces the last. */
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/user");

    g_assert_cmpuint (reply->status, ==, 200);
  }
  g_assert_cmpstr (fake_viewneo_get_last_request_method (f->fake), ==, "GET");
  g_assert_cmpstr (fake_viewneo_get_last_request_path (f->fake), ==, "/api/v1.0/user");
}

/* ---- transport ---- */

static void
test_gzip (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Reply) plain = NULL;
  g_autoptr(GBytes) inflated = NULL;

  fake_viewneo_generate (f->fake, 100, 1);
  plain = get (f, "/api/v1.0/playlist");
  g_assert_null (soup_message_headers_get_one (plain->headers, "Content-Encoding"));

  fake_viewneo_set_gzip (f->fake, TRUE);

  /* A client that does not accept gzip gets it plain. */
  soup_session_remove_feature_by_type (f->session, SOUP_TYPE_CONTENT_DECODER);
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist");

    g_assert_null (soup_message_headers_get_one (reply->headers, "Content-Encoding"));
    g_assert_true (g_bytes_equal (reply->body, plain->body));
  }

  {
    SoupMessage *msg = new_message (f, "GET", "/api/v1.0/playlist", TOKEN);
    g_autoptr(Reply) reply = NULL;
    g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
    g_autoptr(GInputStream) compressed = NULL;
    g_autoptr(GInputStream) stream = NULL;
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
    g_autoptr(GError) error = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept-Encoding", "gzip");
    reply = send_message (f, msg);
    g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Content-Encoding"), ==, "gzip");
    g_assert_cmpuint (g_bytes_get_size (reply->body), <, g_bytes_get_size (plain->body));

    compressed = g_memory_input_stream_new_from_bytes (reply->body);
    stream = g_converter_input_stream_new (compressed, G_CONVERTER (decompressor));
    g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
    g_assert_no_error (error);
    inflated = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
    g_assert_true (g_bytes_equal (inflated, plain->body));
  }

  /* A PNG is left as it is. */
  {
    SoupMessage *msg = new_message (f, "GET", "/api/v1.0/mediafile/5001/thumbnail", TOKEN);
    g_autoptr(Reply) reply = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept-Encoding", "gzip");
    reply = send_message (f, msg);
    g_assert_null (soup_message_headers_get_one (reply->headers, "Content-Encoding"));
    check_png (reply->body);
  }

  /* And libsoup's own decoder understands it. */
  soup_session_add_feature_by_type (f->session, SOUP_TYPE_CONTENT_DECODER);
  {
    g_autoptr(Reply) reply = get (f, "/api/v1.0/playlist");

    g_assert_true (g_bytes_equal (reply->body, plain->body));
  }
}

static void
test_latency (Fixture       *f,
              gconstpointer  data)
{
  Call *calls[3];

  fake_viewneo_generate (f->fake, 5, 1);
  fake_viewneo_set_latency (f->fake, 300);

  /* Answers wait side by side, not one after the other. */
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    calls[i] = start_call (f, new_message (f, "GET", "/api/v1.0/playlist", TOKEN));
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr(Reply) reply = finish_call (calls[i]);

      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_cmpint (reply->elapsed_usec, >=, 300 * 1000);
    }
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, NULL), ==, 3);

  /* OAuth answers wait too. */
  {
    g_autoptr(Reply) reply = post (f, "/oauth/token", "application/json", "{}");

    g_assert_cmpint (reply->elapsed_usec, >=, 300 * 1000);
  }
}

static void
test_shutdown_with_held_answers (Fixture       *f,
                                 gconstpointer  data)
{
  Call *call;
  g_autoptr(Reply) reply = NULL;

  fake_viewneo_set_latency (f->fake, 5000);
  call = start_call (f, new_message (f, "GET", "/api/v1.0/user", TOKEN));
  while (fake_viewneo_get_request_count (f->fake, NULL) == 0)
    g_main_context_iteration (NULL, TRUE);

  fake_viewneo_shutdown (f->fake);
  g_assert_cmpuint (fake_viewneo_get_port (f->fake), ==, 0);
  reply = finish_call (call);
  g_assert_nonnull (reply->error);
  g_assert_cmpint (reply->elapsed_usec, <, 5 * G_USEC_PER_SEC);
}

/* ---- OAuth ---- */

static char *
authorize_path (const char *client_id,
                const char *redirect_uri,
                const char *response_type,
                const char *state,
                const char *challenge)
{
  GString *path = g_string_new ("/oauth/authorize?client_id=");
  g_autofree char *escaped_redirect = g_uri_escape_string (redirect_uri, NULL, FALSE);

  g_string_append (path, client_id);
  g_string_append_printf (path, "&redirect_uri=%s&response_type=%s", escaped_redirect, response_type);
  if (state != NULL)
    g_string_append_printf (path, "&state=%s", state);
  if (challenge != NULL)
    g_string_append_printf (path, "&code_challenge=%s&code_challenge_method=S256", challenge);

  return g_string_free (path, FALSE);
}

static char *
hidden_input (const char *html,
              const char *name)
{
  g_autofree char *pattern = g_strdup_printf ("name=\"%s\" value=\"([^\"]*)\"", name);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (regex, html, 0, &match))
    return NULL;

  return g_match_info_fetch (match, 1);
}

/* The query of a redirect to REDIRECT_URI. */
static GHashTable *
redirect_query (Reply *reply)
{
  const char *location = soup_message_headers_get_one (reply->headers, "Location");

  g_assert_cmpuint (reply->status, ==, 302);
  g_assert_nonnull (location);
  g_assert_true (g_str_has_prefix (location, REDIRECT_URI "?"));

  return soup_form_decode (location + strlen (REDIRECT_URI "?"));
}

static Reply *
decide (Fixture    *f,
        const char *consent_html,
        gboolean    approve)
{
  g_autofree char *auth_token = hidden_input (consent_html, "auth_token");
  g_autofree char *state = hidden_input (consent_html, "state");
  g_autofree char *client_id = hidden_input (consent_html, "client_id");
  g_autofree char *form = NULL;

  g_assert_nonnull (auth_token);
  form = soup_form_encode ("state", state, "client_id", client_id, "auth_token", auth_token,
                           approve ? NULL : "_method", "DELETE", NULL);

  return post (f, "/oauth/authorize", "application/x-www-form-urlencoded", form);
}

/* A code through the consent page, with PKCE. */
static char *
obtain_code (Fixture *f)
{
  g_autofree char *path = authorize_path (CLIENT_ID, REDIRECT_URI, "code", "st4te", CHALLENGE);
  g_autoptr(Reply) page = get_as (f, path, NULL);
  g_autoptr(Reply) decision = NULL;
  g_autoptr(GHashTable) query = NULL;

  g_assert_cmpuint (page->status, ==, 200);
  decision = decide (f, body_text (page), TRUE);
  query = redirect_query (decision);
  g_assert_cmpstr (g_hash_table_lookup (query, "state"), ==, "st4te");

  return g_strdup (g_hash_table_lookup (query, "code"));
}

static char *
token_request_json (const char *first_name,
                    ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, value);
    }
  va_end (args);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static Reply *
exchange_code (Fixture    *f,
               const char *code,
               const char *verifier)
{
  g_autofree char *json = token_request_json ("grant_type", "authorization_code",
                                              "client_id", CLIENT_ID,
                                              "client_secret", CLIENT_SECRET,
                                              "redirect_uri", REDIRECT_URI,
                                              "code", code,
                                              "code_verifier", verifier,
                                              NULL);

  return post (f, "/oauth/token", "application/json", json);
}

static Reply *
refresh (Fixture    *f,
         const char *refresh_token)
{
  g_autofree char *json = token_request_json ("grant_type", "refresh_token",
                                              "refresh_token", refresh_token,
                                              "client_id", CLIENT_ID,
                                              "client_secret", CLIENT_SECRET,
                                              NULL);

  return post (f, "/oauth/token", "application/json", json);
}

static void
assert_oauth_error (Reply      *reply,
                    guint       status,
                    const char *error,
                    const char *hint)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  g_assert_cmpuint (reply->status, ==, status);
  root = parse_json (reply);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "error"), ==, error);
  g_assert_nonnull (json_object_get_string_member (object, "error_description"));
  g_assert_cmpstr (json_object_get_string_member (object, "message"), ==,
                   json_object_get_string_member (object, "error_description"));
  if (hint != NULL)
    g_assert_cmpstr (json_object_get_string_member (object, "hint"), ==, hint);
}

typedef struct
{
  char   *access_token;
  char   *refresh_token;
  gint64  expires_in;
} Tokens;

static void
tokens_clear (Tokens *tokens)
{
  g_clear_pointer (&tokens->access_token, g_free);
  g_clear_pointer (&tokens->refresh_token, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Tokens, tokens_clear)

static void
read_tokens (Reply  *reply,
             Tokens *tokens)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  g_autoptr(GList) members = NULL;
  static const char * const expected_members[] = {
    "token_type", "expires_in", "access_token", "refresh_token",
  };
  guint i = 0;

  if (reply->status != 200)
    g_test_message ("token request failed: %s", body_text (reply));
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Cache-Control"), ==, "no-store");
  root = parse_json (reply);
  object = json_node_get_object (root);

  /* Exactly the fields of viewneo's Authentication page, in its order. */
  members = json_object_get_members (object);
  g_assert_cmpuint (g_list_length (members), ==, G_N_ELEMENTS (expected_members));
  for (GList *l = members; l != NULL; l = l->next)
    g_assert_cmpstr (l->data, ==, expected_members[i++]);

  g_assert_cmpstr (json_object_get_string_member (object, "token_type"), ==, "Bearer");
  tokens_clear (tokens);
  tokens->expires_in = json_object_get_int_member (object, "expires_in");
  tokens->access_token = g_strdup (json_object_get_string_member (object, "access_token"));
  tokens->refresh_token = g_strdup (json_object_get_string_member (object, "refresh_token"));
  g_assert_cmpstr (tokens->access_token, !=, tokens->refresh_token);
}

static JsonObject *
jwt_payload (const char *token)
{
  g_auto(GStrv) parts = g_strsplit (token, ".", -1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree guchar *decoded = NULL;
  GString *base64;
  gsize len;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  base64 = g_string_new (parts[1]);
  g_strdelimit (base64->str, "-", '+');
  g_strdelimit (base64->str, "_", '/');
  while (base64->len % 4 != 0)
    g_string_append_c (base64, '=');
  decoded = g_base64_decode (base64->str, &len);
  g_string_free (base64, TRUE);

  json_parser_load_from_data (parser, (const char *) decoded, len, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_oauth_code_flow (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *code = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_auto(Tokens) tokens = { 0 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  fake_viewneo_set_user (f->fake, 4711, "Erika Mustermann", "erika@example.com");
  code = obtain_code (f);
  g_assert_nonnull (code);
  g_assert_cmpuint (strlen (code), >, 40);

  reply = exchange_code (f, code, VERIFIER);
  read_tokens (reply, &tokens);
  g_assert_cmpint (tokens.expires_in, ==, 1296000);
  g_assert_cmpuint (fake_viewneo_get_token_grants (f->fake, "authorization_code"), ==, 1);
  g_assert_cmpuint (fake_viewneo_get_token_grants (f->fake, "refresh_token"), ==, 0);

  /* A JWT a client can read its expiry from. */
  payload = jwt_payload (tokens.access_token);
  g_assert_cmpstr (json_object_get_string_member (payload, "aud"), ==, CLIENT_ID);
  g_assert_cmpstr (json_object_get_string_member (payload, "sub"), ==, "4711");
  g_assert_nonnull (json_object_get_string_member (payload, "jti"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (payload, "scopes")));
  g_assert_cmpint ((gint64) json_object_get_double_member (payload, "iat"), >=, now - 1);
  g_assert_cmpint ((gint64) json_object_get_double_member (payload, "iat"), <=, now + 5);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (payload, "exp") -
                                    json_object_get_double_member (payload, "iat"),
                                  1296000, 0.001);

  {
    g_autoptr(Reply) user = get_as (f, "/api/v1.0/user", tokens.access_token);

    g_assert_cmpuint (user->status, ==, 200);
  }
}

static void
test_oauth_form_encoded (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *code = obtain_code (f);
  g_autofree char *form = soup_form_encode ("grant_type", "authorization_code",
                                            "client_id", CLIENT_ID,
                                            "client_secret", CLIENT_SECRET,
                                            "redirect_uri", REDIRECT_URI,
                                            "code", code,
                                            "code_verifier", VERIFIER,
                                            NULL);
  g_autoptr(Reply) reply = post (f, "/oauth/token", "application/x-www-form-urlencoded", form);
  g_auto(Tokens) tokens = { 0 };

  read_tokens (reply, &tokens);
}

static void
test_oauth_deny (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = authorize_path (CLIENT_ID, REDIRECT_URI, "code", "xyz", CHALLENGE);
  g_autoptr(Reply) page = get_as (f, path, NULL);
  g_autoptr(Reply) denial = NULL;
  g_autoptr(GHashTable) query = NULL;

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (body_text (page), "Approve"));
  g_assert_nonnull (strstr (body_text (page), "Deny"));

  denial = decide (f, body_text (page), FALSE);
  query = redirect_query (denial);
  g_assert_cmpstr (g_hash_table_lookup (query, "error"), ==, "access_denied");
  g_assert_nonnull (g_hash_table_lookup (query, "error_description"));
  g_assert_cmpstr (g_hash_table_lookup (query, "state"), ==, "xyz");
  g_assert_false (g_hash_table_contains (query, "code"));

  /* A decision is taken once. */
  {
    g_autoptr(Reply) again = decide (f, body_text (page), TRUE);

    g_assert_cmpuint (again->status, ==, 400);
    g_assert_null (soup_message_headers_get_one (again->headers, "Location"));
  }
  g_assert_cmpuint (fake_viewneo_get_token_grants (f->fake, "authorization_code"), ==, 0);
}

static void
test_oauth_auto_consent (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = authorize_path (CLIENT_ID, REDIRECT_URI, "code", "s1", NULL);

  fake_viewneo_set_auto_consent (f->fake, TRUE, FALSE);
  {
    g_autoptr(Reply) reply = get_as (f, path, NULL);
    g_autoptr(GHashTable) query = redirect_query (reply);
    g_autoptr(Reply) token = NULL;
    g_auto(Tokens) tokens = { 0 };

    g_assert_cmpstr (g_hash_table_lookup (query, "state"), ==, "s1");
    /* No challenge was sent, so no verifier is needed. */
    token = exchange_code (f, g_hash_table_lookup (query, "code"), NULL);
    read_tokens (token, &tokens);
  }

  fake_viewneo_set_auto_consent (f->fake, TRUE, TRUE);
  {
    g_autoptr(Reply) reply = get_as (f, path, NULL);
    g_autoptr(GHashTable) query = redirect_query (reply);

    g_assert_cmpstr (g_hash_table_lookup (query, "error"), ==, "access_denied");
    g_assert_cmpstr (g_hash_table_lookup (query, "state"), ==, "s1");
  }
}

static void
test_oauth_authorize_errors (Fixture       *f,
                             gconstpointer  data)
{
  static const struct {
    const char *client_id;
    const char *redirect_uri;
    const char *response_type;
    guint       status;
  } cases[] = {
    { "999", REDIRECT_URI, "code", 401 },
    { CLIENT_ID, "http://127.0.0.1:28517/callback/", "code", 401 },
    { CLIENT_ID, "http://127.0.0.1:28518/callback", "code", 401 },
    { CLIENT_ID, "http://localhost:28517/callback", "code", 401 },
    { CLIENT_ID, "http://127.0.0.1:28517/callback?x=1", "code", 401 },
    { CLIENT_ID, "https://attacker.example.com/", "code", 401 },
    { CLIENT_ID, REDIRECT_URI, "token", 400 },
    { CLIENT_ID, REDIRECT_URI, "", 400 },
  };

  fake_viewneo_set_auto_consent (f->fake, TRUE, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = authorize_path (cases[i].client_id, cases[i].redirect_uri,
                                              cases[i].response_type, "s", NULL);
      g_autoptr(Reply) reply = get_as (f, path, NULL);

      /* A page for the user, never a redirect anywhere. */
      g_assert_cmpuint (reply->status, ==, cases[i].status);
      g_assert_null (soup_message_headers_get_one (reply->headers, "Location"));
      g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==, "text/html");
    }

  {
    g_autoptr(Reply) reply = get_as (f, "/oauth/authorize?response_type=code", NULL);

    g_assert_cmpuint (reply->status, ==, 400);
  }
  {
    g_autofree char *path = authorize_path (CLIENT_ID, REDIRECT_URI, "code", "s", NULL);
    g_autofree char *bad_method = g_strconcat (path, "&code_challenge=" CHALLENGE "&code_challenge_method=S512", NULL);
    g_autofree char *short_challenge = g_strconcat (path, "&code_challenge=abc&code_challenge_method=S256", NULL);
    g_autoptr(Reply) method_reply = get_as (f, bad_method, NULL);
    g_autoptr(Reply) short_reply = get_as (f, short_challenge, NULL);

    g_assert_cmpuint (method_reply->status, ==, 400);
    g_assert_cmpuint (short_reply->status, ==, 400);
  }
}

static void
test_oauth_code_single_use (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *code = obtain_code (f);
  g_autoptr(Reply) first = exchange_code (f, code, VERIFIER);
  g_autoptr(Reply) second = exchange_code (f, code, VERIFIER);
  g_auto(Tokens) tokens = { 0 };

  read_tokens (first, &tokens);
  assert_oauth_error (second, 400, "invalid_grant", "Authorization code has been revoked");
  g_assert_cmpuint (fake_viewneo_get_token_grants (f->fake, "authorization_code"), ==, 1);

  {
    g_autoptr(Reply) unknown = exchange_code (f, "def50200not-a-code", VERIFIER);

    assert_oauth_error (unknown, 400, "invalid_grant", NULL);
  }
}

static void
test_oauth_code_expiry (Fixture       *f,
                        gconstpointer  data)
{
  gint64 start = 1700000000;

  fake_viewneo_set_now (f->fake, start);
  {
    g_autofree char *code = obtain_code (f);
    g_autoptr(Reply) reply = NULL;

    fake_viewneo_set_now (f->fake, start + 600);
    reply = exchange_code (f, code, VERIFIER);
    assert_oauth_error (reply, 400, "invalid_grant", "Authorization code has expired");
  }

  fake_viewneo_set_now (f->fake, start);
  {
    g_autofree char *code = obtain_code (f);
    g_autoptr(Reply) reply = NULL;
    g_autoptr(JsonObject) payload = NULL;
    g_auto(Tokens) tokens = { 0 };

    fake_viewneo_set_now (f->fake, start + 599);
    reply = exchange_code (f, code, VERIFIER);
    read_tokens (reply, &tokens);

    /* The server clock sets iat and exp; whole seconds are integers, as lcobucci/jwt writes them. */
    payload = jwt_payload (tokens.access_token);
    g_assert_cmpuint (json_node_get_value_type (json_object_get_member (payload, "exp")), ==, G_TYPE_INT64);
    g_assert_cmpint (json_object_get_int_member (payload, "iat"), ==, start + 599);
    g_assert_cmpint (json_object_get_int_member (payload, "exp"), ==, start + 599 + 1296000);
  }
}

static void
test_oauth_pkce (Fixture       *f,
                 gconstpointer  data)
{
  {
    g_autofree char *code = obtain_code (f);
    g_autoptr(Reply) wrong = exchange_code (f, code, "A" VERIFIER);
    g_autoptr(Reply) missing = exchange_code (f, code, NULL);
    g_autoptr(Reply) malformed = exchange_code (f, code, "short");
    g_autoptr(Reply) right = NULL;
    g_auto(Tokens) tokens = { 0 };

    assert_oauth_error (wrong, 400, "invalid_grant", "Failed to verify `code_verifier`.");
    assert_oauth_error (missing, 400, "invalid_request", "Check the `code_verifier` parameter");
    assert_oauth_error (malformed, 400, "invalid_request", NULL);

    /* Failed attempts do not use the code up. */
    right = exchange_code (f, code, VERIFIER);
    read_tokens (right, &tokens);
  }

  /* No downgrade: a verifier for a code issued without a challenge. */
  fake_viewneo_set_auto_consent (f->fake, TRUE, FALSE);
  {
    g_autofree char *path = authorize_path (CLIENT_ID, REDIRECT_URI, "code", "s", NULL);
    g_autoptr(Reply) authorize = get_as (f, path, NULL);
    g_autoptr(GHashTable) query = redirect_query (authorize);
    g_autoptr(Reply) reply = exchange_code (f, g_hash_table_lookup (query, "code"), VERIFIER);

    assert_oauth_error (reply, 400, "invalid_request", NULL);
  }
}

static void
test_oauth_token_errors (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *code = obtain_code (f);

  fake_viewneo_add_client (f->fake, "8", "other-secret", "http://127.0.0.1:9/cb");

  {
    g_autofree char *json = token_request_json ("grant_type", "authorization_code",
                                                "client_id", CLIENT_ID, "client_secret", "wrong",
                                                "redirect_uri", REDIRECT_URI, "code", code,
                                                "code_verifier", VERIFIER, NULL);
    g_autoptr(Reply) reply = post (f, "/oauth/token", "application/json", json);

    assert_oauth_error (reply, 401, "invalid_client", NULL);
    g_assert_cmpstr (body_text (reply), ==,
                     "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\","
                     "\"message\":\"Client authentication failed\"}");
  }
  {
    g_autofree char *json = token_request_json ("grant_type", "authorization_code",
                                                "client_id", "404", "client_secret", CLIENT_SECRET,
                                                "redirect_uri", REDIRECT_URI, "code", code, NULL);
    g_autoptr(Reply) reply = post (f, "/oauth/token", "application/json", json);

    assert_oauth_error (reply, 401, "invalid_client", NULL);
  }
  {
    g_autofree char *json = token_request_json ("grant_type", "authorization_code",
                                                "client_secret", CLIENT_SECRET,
                                                "redirect_uri", REDIRECT_URI, "code", code, NULL);
    g_autoptr(Reply) reply = post (f, "/oauth/token", "application/json", json);

    assert_oauth_error (reply, 400, "invalid_request", "Check the `client_id` parameter");
  }
  /* Another client's code. */
  {
    g_autofree char *json = token_request_json ("grant_type", "authorization_code",
                                                "client_id", "8", "client_secret", "other-secret",
                                                "redirect_uri", "http://127.0.0.1:9/cb", "code", code,
                                                "code_verifier", VERIFIER, NULL);
    g_autoptr(Reply) reply = post (f, "/oauth/token", "application/json", json);

    assert_oauth_error (reply, 400, "invalid_grant", "Authorization code was not issued to this client");
  }
  {
    g_autofree char *json = token_request_json ("grant_type", "authorization_code",
                                                "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET,
                                                "redirect_uri", REDIRECT_URI "/", "code", code,
                                                "code_verifier", VERIFIER, NULL);
    g_autoptr(Reply) reply = post (f, "/oauth/token", "application/json", json);

    assert_oauth_error (reply, 400, "invalid_grant", "Invalid redirect URI");
  }
  {
    g_autofree char *json = token_request_json ("grant_type", "authorization_code",
                                                "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET,
                                                "code", code, "code_verifier", VERIFIER, NULL);
    g_autoptr(Reply) reply = post (f, "/oauth/token", "application/json", json);

    assert_oauth_error (reply, 400, "invalid_request", "Check the `redirect_uri` parameter");
  }
  {
    g_autofree char *json = token_request_json ("grant_type", "authorization_code",
                                                "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET,
                                                "redirect_uri", REDIRECT_URI, NULL);
    g_autoptr(Reply) reply = post (f, "/oauth/token", "application/json", json);

    assert_oauth_error (reply, 400, "invalid_request", "Check the `code` parameter");
  }
  {
    g_autofree char *json = token_request_json ("grant_type", "password",
                                                "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET,
                                                NULL);
    g_autoptr(Reply) reply = post (f, "/oauth/token", "application/json", json);
    g_autoptr(Reply) empty = post (f, "/oauth/token", "application/json", "not json");

    assert_oauth_error (reply, 400, "unsupported_grant_type", NULL);
    assert_oauth_error (empty, 400, "unsupported_grant_type", NULL);
  }
  {
    g_autoptr(Reply) reply = get_as (f, "/oauth/token", NULL);

    g_assert_cmpuint (reply->status, ==, 405);
  }

  /* Client credentials may come as HTTP Basic authentication, and the code is still good. */
  {
    g_autofree char *json = token_request_json ("grant_type", "authorization_code",
                                                "redirect_uri", REDIRECT_URI, "code", code,
                                                "code_verifier", VERIFIER, NULL);
    g_autofree char *credentials = g_base64_encode ((const guchar *) CLIENT_ID ":" CLIENT_SECRET,
                                                    strlen (CLIENT_ID ":" CLIENT_SECRET));
    g_autofree char *authorization = g_strconcat ("Basic ", credentials, NULL);
    SoupMessage *msg = new_message (f, "POST", "/oauth/token", NULL);
    g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
    g_autoptr(Reply) reply = NULL;
    g_auto(Tokens) tokens = { 0 };

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
    reply = send_message (f, msg);
    read_tokens (reply, &tokens);
  }
}

static void
test_oauth_refresh_rotation (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *code = obtain_code (f);
  g_autoptr(Reply) exchange = exchange_code (f, code, VERIFIER);
  g_auto(Tokens) first = { 0 };
  g_auto(Tokens) second = { 0 };
  g_auto(Tokens) third = { 0 };

  read_tokens (exchange, &first);

  {
    g_autoptr(Reply) reply = refresh (f, first.refresh_token);

    read_tokens (reply, &second);
  }
  g_assert_cmpstr (second.access_token, !=, first.access_token);
  g_assert_cmpstr (second.refresh_token, !=, first.refresh_token);

  /* The old pair is revoked at once, the new one works. */
  {
    g_autoptr(Reply) old_access = get_as (f, "/api/v1.0/user", first.access_token);
    g_autoptr(Reply) new_access = get_as (f, "/api/v1.0/user", second.access_token);
    g_autoptr(Reply) old_refresh = refresh (f, first.refresh_token);

    assert_message (old_access, 401, "Unauthenticated.");
    g_assert_cmpuint (new_access->status, ==, 200);
    g_assert_cmpuint (old_refresh->status, ==, 400);
    g_assert_cmpstr (body_text (old_refresh), ==,
                     "{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token is invalid.\","
                     "\"hint\":\"Token has been revoked\",\"message\":\"The refresh token is invalid.\"}");
  }

  {
    g_autoptr(Reply) reply = refresh (f, second.refresh_token);

    read_tokens (reply, &third);
  }
  g_assert_cmpuint (fake_viewneo_get_token_grants (f->fake, "refresh_token"), ==, 2);
  g_assert_cmpuint (fake_viewneo_get_token_grants (f->fake, "authorization_code"), ==, 1);

  {
    g_autoptr(Reply) unknown = refresh (f, "def50200unknown");
    g_autofree char *json = token_request_json ("grant_type", "refresh_token",
                                                "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET,
                                                NULL);
    g_autoptr(Reply) missing = post (f, "/oauth/token", "application/json", json);

    assert_oauth_error (unknown, 400, "invalid_grant", "Cannot decrypt the refresh token");
    assert_oauth_error (missing, 400, "invalid_request", "Check the `refresh_token` parameter");
  }

  /* Another client cannot use it. */
  fake_viewneo_add_client (f->fake, "8", "other-secret", "http://127.0.0.1:9/cb");
  {
    g_autofree char *json = token_request_json ("grant_type", "refresh_token",
                                                "refresh_token", third.refresh_token,
                                                "client_id", "8", "client_secret", "other-secret",
                                                NULL);
    g_autoptr(Reply) reply = post (f, "/oauth/token", "application/json", json);

    assert_oauth_error (reply, 400, "invalid_grant", "Token is not linked to client");
  }
}

static void
test_oauth_token_expiry (Fixture       *f,
                         gconstpointer  data)
{
  gint64 start = 1700000000;
  g_autofree char *code = NULL;
  g_autoptr(Reply) exchange = NULL;
  g_auto(Tokens) tokens = { 0 };

  fake_viewneo_set_now (f->fake, start);
  fake_viewneo_set_token_lifetime (f->fake, 60);
  code = obtain_code (f);
  exchange = exchange_code (f, code, VERIFIER);
  read_tokens (exchange, &tokens);
  g_assert_cmpint (tokens.expires_in, ==, 60);

  fake_viewneo_set_now (f->fake, start + 59);
  {
    g_autoptr(Reply) reply = get_as (f, "/api/v1.0/user", tokens.access_token);

    g_assert_cmpuint (reply->status, ==, 200);
  }

  fake_viewneo_set_now (f->fake, start + 60);
  {
    g_autoptr(Reply) reply = get_as (f, "/api/v1.0/user", tokens.access_token);

    assert_message (reply, 401, "Unauthenticated.");
  }

  /* The refresh token outlives it, for 30 days. */
  {
    g_autoptr(Reply) reply = refresh (f, tokens.refresh_token);
    g_auto(Tokens) renewed = { 0 };

    read_tokens (reply, &renewed);
    fake_viewneo_set_now (f->fake, start + 60 + 30 * 86400);
    {
      g_autoptr(Reply) late = refresh (f, renewed.refresh_token);

      assert_oauth_error (late, 400, "invalid_grant", "Token has expired");
    }
  }

  /* A revoked issued token stops working too. */
  fake_viewneo_set_now (f->fake, 0);
  fake_viewneo_set_token_lifetime (f->fake, 3600);
  {
    g_autofree char *second_code = obtain_code (f);
    g_autoptr(Reply) reply = exchange_code (f, second_code, VERIFIER);
    g_auto(Tokens) fresh = { 0 };

    read_tokens (reply, &fresh);
    fake_viewneo_revoke_token (f->fake, fresh.access_token);
    {
      g_autoptr(Reply) user = get_as (f, "/api/v1.0/user", fresh.access_token);

      assert_message (user, 401, "Unauthenticated.");
    }
  }
}

/* ---- the program ---- */

static void
line_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **line = user_data;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, NULL);
  if (*line == NULL)
    *line = g_strdup ("");
}

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, NULL, NULL, NULL);
  *done = TRUE;
}

static void
waited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static void
test_program (Fixture       *f,
              gconstpointer  data)
{
  const char *program = FAKE_VIEWNEO_PROGRAM;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *line = NULL;
  gboolean exited = FALSE;

  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "fake-viewneo", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, program,
                                         "--playlists", "12", "--token", "token-one-Qz", "--token", "token-two-Qz",
                                         "--envelope", "flat", "--page-size", "5",
                                         "--client-id", "3", "--client-secret", "s",
                                         "--redirect-uri", REDIRECT_URI, "--auto-approve",
                                         "--user-name", "Demo Nutzer", NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, line_read_cb, &line);
  while (line == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_regex_match_simple ("^http://127\\.0\\.0\\.1:[0-9]+$", line, 0, 0));
  g_free (f->url);
  f->url = g_strdup (line);

  {
    g_autoptr(Reply) reply = get_as (f, "/api/v1.0/playlist?page=3", "token-two-Qz");
    g_autoptr(JsonNode) root = parse_json (reply);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "total"), ==, 12);
  }
  {
    g_autoptr(Reply) reply = get_as (f, "/api/v1.0/user", "token-one-Qz");
    g_autoptr(JsonNode) root = parse_json (reply);

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "name"), ==, "Demo Nutzer");
  }
  {
    g_autofree char *path = authorize_path ("3", REDIRECT_URI, "code", "secret-state", NULL);
    g_autoptr(Reply) reply = get_as (f, path, NULL);
    g_autoptr(GHashTable) query = redirect_query (reply);

    g_assert_cmpstr (g_hash_table_lookup (query, "state"), ==, "secret-state");
  }

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait_async (process, NULL, waited_cb, &exited);
  while (!exited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  /* One line on stdout, nothing after it. */
  {
    g_autoptr(GBytes) remaining = g_input_stream_read_bytes (G_INPUT_STREAM (out), 4096, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (remaining), ==, 0);
  }

  /* Requests are logged with their path, never their query. */
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  for (;;)
    {
      g_autofree char *err_line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error);

      g_assert_no_error (error);
      if (err_line == NULL)
        break;
      g_string_append (log, err_line);
      g_string_append_c (log, '\n');
    }
  g_assert_nonnull (strstr (log->str, "GET /api/v1.0/playlist"));
  g_assert_nonnull (strstr (log->str, "GET /oauth/authorize"));
  g_assert_null (strstr (log->str, "page=3"));
  g_assert_null (strstr (log->str, "secret-state"));
  g_assert_null (strstr (log->str, "-Qz"));
}

static void
test_program_bad_arguments (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const bad[][3] = {
    { "--envelope", "xml", NULL },
    { "--client-id", "3", NULL },
    { "--page-size", "0", NULL },
    { "--port", "70000", NULL },
  };
  const char *program = FAKE_VIEWNEO_PROGRAM;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                         G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                                         &error, program, bad[i][0], bad[i][1], NULL);
      gboolean done = FALSE;

      g_assert_no_error (error);
      g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/fake-viewneo/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("envelope/bare-and-data", test_envelope_bare_and_data, NULL);
  ADD ("envelope/paginator-links", test_envelope_paginator_links, NULL);
  ADD ("envelope/paginator-flat", test_envelope_paginator_flat, NULL);
  ADD ("envelope/next-link-origin", test_next_link_origin, NULL);
  ADD ("envelope/empty", test_empty_list, NULL);
  ADD ("data/deterministic", test_generate_deterministic, NULL);
  ADD ("data/playlist-details", test_playlist_details, NULL);
  ADD ("data/entries-key/playlist_entries", test_playlist_details, "playlist_entries");
  ADD ("data/entries-key/playlistEntries", test_playlist_details, "playlistEntries");
  ADD ("data/playlist-not-found", test_playlist_not_found, NULL);
  ADD ("data/raw-playlists", test_raw_playlists, NULL);
  ADD ("data/large", test_large_dataset, NULL);
  ADD ("data/device-groups", test_device_groups, NULL);
  ADD ("data/thumbnail", test_thumbnail, NULL);
  ADD ("data/user", test_user, NULL);
  ADD ("laravel/accept-redirect", test_accept_redirect, NULL);
  ADD ("laravel/unauthenticated", test_unauthenticated, NULL);
  ADD ("laravel/unknown-routes", test_unknown_routes, NULL);
  ADD ("laravel/rate-limit-headers", test_rate_limit_headers, NULL);
  ADD ("fault/statuses", test_fault_statuses, NULL);
  ADD ("fault/bodies", test_fault_bodies, NULL);
  ADD ("fault/drop", test_fault_drop, NULL);
  ADD ("fault/slow", test_fault_slow, NULL);
  ADD ("fault/matching", test_fault_matching, NULL);
  ADD ("fault/last-request", test_last_request, NULL);
  ADD ("transport/gzip", test_gzip, NULL);
  ADD ("transport/latency", test_latency, NULL);
  ADD ("transport/shutdown-with-held-answers", test_shutdown_with_held_answers, NULL);
  ADD ("oauth/code-flow", test_oauth_code_flow, NULL);
  ADD ("oauth/form-encoded", test_oauth_form_encoded, NULL);
  ADD ("oauth/deny", test_oauth_deny, NULL);
  ADD ("oauth/auto-consent", test_oauth_auto_consent, NULL);
  ADD ("oauth/authorize-errors", test_oauth_authorize_errors, NULL);
  ADD ("oauth/code-single-use", test_oauth_code_single_use, NULL);
  ADD ("oauth/code-expiry", test_oauth_code_expiry, NULL);
  ADD ("oauth/pkce", test_oauth_pkce, NULL);
  ADD ("oauth/token-errors", test_oauth_token_errors, NULL);
  ADD ("oauth/refresh-rotation", test_oauth_refresh_rotation, NULL);
  ADD ("oauth/token-expiry", test_oauth_token_expiry, NULL);
  ADD ("program/serves-and-exits", test_program, NULL);
  ADD ("program/bad-arguments", test_program_bad_arguments, NULL);

#undef ADD

  return g_test_run ();
}
