/* fake-viewneo.c: a fake viewneo server for tests, benchmarks and the demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fake-viewneo"

#include "fake-viewneo.h"

#include <libsoup/soup.h>
#include <string.h>

#include "fake-viewneo-dataset.h"
#include "fake-viewneo-oauth.h"
#include "fake-viewneo-png.h"
#include "fake-viewneo-util.h"

#define API_PREFIX         "/api/v1.0/"
#define DEFAULT_PAGE_SIZE  100
#define RATE_LIMIT         60

typedef struct
{
  char     *path_prefix;  /* NULL: any /api path */
  FakeFault fault;
  guint     fault_arg;
  guint     remaining;    /* 0: for ever */
  /* A canned answer (fault FAKE_FAULT_NONE): status, type and body as they are. */
  guint     status;
  char     *content_type;
  GBytes   *body;
  char     *location;     /* and this Location header, when not NULL */
} FaultRule;

/* An answer held back by latency or a slow fault, or a connection to drop. */
typedef struct
{
  FakeViewneo       *self;
  SoupServerMessage *msg;
  GSource           *source;
  gulong             disconnected_id;
  GBytes            *partial_response;  /* set: steal the connection and send this */
  guint              trickle_ms;        /* and then send it a byte at a time */
} Pending;

/* A stolen connection that gets a whole answer, one byte per tick. */
typedef struct
{
  FakeViewneo *self;
  GIOStream   *stream;
  GBytes      *response;
  gsize        offset;
  GSource     *source;
} Trickle;

struct _FakeViewneo
{
  GObject       parent_instance;

  SoupServer   *server;
  GMainContext *context;
  guint         port;
  gboolean      tls;

  FakeDataset  *dataset;
  FakeOAuth    *oauth;
  FakeEnvelope  envelope;
  guint         page_size;
  char         *next_link_origin;
  char         *entries_key;
  gint64        user_id;
  char         *user_name;
  char         *user_email;
  gboolean      gzip;
  guint         latency_ms;

  GQueue        faults;         /* FaultRule */
  GPtrArray    *request_paths;
  /* The last request as it came, for tests of what a client sends. It can hold a
   * secret: never logged. */
  char               *last_method;
  SoupMessageHeaders *last_headers;
  GBytes             *last_body;
  GList        *pending;        /* Pending */
  GList        *trickles;       /* Trickle */
  gint64        rate_window;    /* the minute the rate counter is for */
  guint         rate_count;
};

G_DEFINE_FINAL_TYPE (FakeViewneo, fake_viewneo, G_TYPE_OBJECT)

static void
fault_rule_free (gpointer data)
{
  FaultRule *rule = data;

  g_free (rule->path_prefix);
  g_free (rule->content_type);
  g_clear_pointer (&rule->body, g_bytes_unref);
  g_free (rule->location);
  g_free (rule);
}

static void
pending_free (Pending *pending)
{
  if (pending->source != NULL)
    {
      g_source_destroy (pending->source);
      g_source_unref (pending->source);
    }
  g_clear_signal_handler (&pending->disconnected_id, pending->msg);
  g_clear_object (&pending->msg);
  g_clear_pointer (&pending->partial_response, g_bytes_unref);
  g_free (pending);
}

static void
trickle_free (Trickle *trickle)
{
  g_source_destroy (trickle->source);
  g_source_unref (trickle->source);
  g_io_stream_close (trickle->stream, NULL, NULL);
  g_object_unref (trickle->stream);
  g_bytes_unref (trickle->response);
  g_free (trickle);
}

static void
fake_viewneo_dispose (GObject *object)
{
  FakeViewneo *self = FAKE_VIEWNEO (object);

  fake_viewneo_shutdown (self);

  G_OBJECT_CLASS (fake_viewneo_parent_class)->dispose (object);
}

static void
fake_viewneo_finalize (GObject *object)
{
  FakeViewneo *self = FAKE_VIEWNEO (object);

  g_clear_pointer (&self->dataset, fake_dataset_free);
  g_clear_pointer (&self->oauth, fake_oauth_free);
  g_clear_pointer (&self->next_link_origin, g_free);
  g_clear_pointer (&self->entries_key, g_free);
  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->user_email, g_free);
  g_queue_clear_full (&self->faults, fault_rule_free);
  g_clear_pointer (&self->request_paths, g_ptr_array_unref);
  g_clear_pointer (&self->last_method, g_free);
  g_clear_pointer (&self->last_headers, soup_message_headers_unref);
  g_clear_pointer (&self->last_body, g_bytes_unref);

  G_OBJECT_CLASS (fake_viewneo_parent_class)->finalize (object);
}

static void
fake_viewneo_class_init (FakeViewneoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fake_viewneo_dispose;
  object_class->finalize = fake_viewneo_finalize;
}

static void
fake_viewneo_init (FakeViewneo *self)
{
  self->dataset = fake_dataset_new ();
  self->oauth = fake_oauth_new ();
  self->envelope = FAKE_ENVELOPE_PAGINATOR_LINKS;
  self->page_size = DEFAULT_PAGE_SIZE;
  self->entries_key = g_strdup ("entries");
  self->request_paths = g_ptr_array_new_with_free_func (g_free);
  g_queue_init (&self->faults);
  fake_viewneo_set_user (self, 42, "Erika Mustermann", "erika.mustermann@example.com");
}

FakeViewneo *
fake_viewneo_new (void)
{
  return g_object_new (FAKE_TYPE_VIEWNEO, NULL);
}

/* ---- answers held back ---- */

static void
pending_drop (FakeViewneo *self,
              Pending     *pending)
{
  self->pending = g_list_remove (self->pending, pending);
  pending_free (pending);
}

static void
pending_disconnected_cb (SoupServerMessage *msg,
                         Pending           *pending)
{
  pending_drop (pending->self, pending);
}

/* A stolen connection that gets half an answer, then is closed. */
typedef struct
{
  GIOStream *stream;
  GBytes    *partial_response;
} Drop;

static void
drop_free (Drop *drop)
{
  g_object_unref (drop->stream);
  g_bytes_unref (drop->partial_response);
  g_free (drop);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Drop, drop_free)

static void
drop_closed_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (source_object), result, NULL);
}

static void
partial_written_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Drop) drop = user_data;

  /* The client may well have gone first; either way the connection ends here. */
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source_object), result, NULL, NULL);
  g_io_stream_close_async (drop->stream, G_PRIORITY_DEFAULT, NULL, drop_closed_cb, NULL);
}

static gboolean
trickle_tick_cb (gpointer user_data)
{
  Trickle *trickle = user_data;
  GOutputStream *output = g_io_stream_get_output_stream (trickle->stream);
  g_autoptr(GError) error = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (trickle->response, &size);
  gssize written;

  /* Never blocks: a byte the socket cannot take now goes on the next tick. */
  written = g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (output),
                                                        data + trickle->offset, 1, NULL, &error);
  if (written > 0)
    trickle->offset++;

  if (trickle->offset < size &&
      (written > 0 || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)))
    return G_SOURCE_CONTINUE;

  /* Done, or the client has gone. */
  trickle->self->trickles = g_list_remove (trickle->self->trickles, trickle);
  trickle_free (trickle);
  return G_SOURCE_REMOVE;
}

static void
trickle_start (FakeViewneo *self,
               GIOStream   *stream,
               GBytes      *response,
               guint        interval_ms)
{
  Trickle *trickle = g_new0 (Trickle, 1);

  trickle->self = self;
  trickle->stream = stream;
  trickle->response = g_bytes_ref (response);
  trickle->source = g_timeout_source_new (interval_ms);
  g_source_set_callback (trickle->source, trickle_tick_cb, trickle, NULL);
  g_source_set_static_name (trickle->source, "[fake-viewneo] trickle");
  g_source_attach (trickle->source, self->context);
  self->trickles = g_list_prepend (self->trickles, trickle);
}

static gboolean
pending_ready_cb (gpointer user_data)
{
  Pending *pending = user_data;
  FakeViewneo *self = pending->self;
  g_autoptr(SoupServerMessage) msg = g_object_ref (pending->msg);
  g_autoptr(GBytes) partial = pending->partial_response
                                ? g_bytes_ref (pending->partial_response) : NULL;
  guint trickle_ms = pending->trickle_ms;

  pending_drop (self, pending);

  if (partial != NULL && trickle_ms > 0)
    {
      GIOStream *stream = soup_server_message_steal_connection (msg);

      if (stream != NULL)
        trickle_start (self, stream, partial, trickle_ms);
      return G_SOURCE_REMOVE;
    }

  if (partial != NULL)
    {
      GIOStream *stream = soup_server_message_steal_connection (msg);
      Drop *drop;

      if (stream == NULL)
        return G_SOURCE_REMOVE;

      drop = g_new0 (Drop, 1);
      drop->stream = stream;
      drop->partial_response = g_steal_pointer (&partial);
      g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                       g_bytes_get_data (drop->partial_response, NULL),
                                       g_bytes_get_size (drop->partial_response),
                                       G_PRIORITY_DEFAULT, NULL,
                                       partial_written_cb, drop);
    }
  else
    {
      soup_server_message_unpause (msg);
    }

  return G_SOURCE_REMOVE;
}

/* Pauses @msg and resumes it after @delay_ms, or then drops its connection after
 * sending @partial_response (with @trickle_ms, one byte every @trickle_ms ms); never
 * blocks the loop. */
static void
hold_back (FakeViewneo       *self,
           SoupServerMessage *msg,
           guint              delay_ms,
           GBytes            *partial_response,
           guint              trickle_ms)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = self;
  pending->trickle_ms = trickle_ms;
  pending->msg = g_object_ref (msg);
  pending->partial_response = partial_response ? g_bytes_ref (partial_response) : NULL;
  pending->source = delay_ms > 0 ? g_timeout_source_new (delay_ms) : g_idle_source_new ();
  g_source_set_callback (pending->source, pending_ready_cb, pending, NULL);
  g_source_set_static_name (pending->source, "[fake-viewneo] held-back answer");
  pending->disconnected_id = g_signal_connect (msg, "disconnected",
                                               G_CALLBACK (pending_disconnected_cb),
                                               pending);
  self->pending = g_list_prepend (self->pending, pending);

  soup_server_message_pause (msg);
  g_source_attach (pending->source, self->context);
}

/* ---- responses ---- */

static GBytes *
response_body (SoupServerMessage *msg)
{
  return soup_message_body_flatten (soup_server_message_get_response_body (msg));
}

static void
replace_response_body (SoupServerMessage *msg,
                       GBytes            *body)
{
  SoupMessageBody *response_body = soup_server_message_get_response_body (msg);

  soup_message_body_truncate (response_body);
  soup_message_body_append_bytes (response_body, body);
}

/* Only text is compressed, as web servers do; a PNG stays as it is. */
static void
maybe_compress (FakeViewneo       *self,
                SoupServerMessage *msg)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  const char *content_type = soup_message_headers_get_content_type (response_headers, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) compressed = NULL;

  if (!self->gzip || content_type == NULL ||
      (!g_str_has_prefix (content_type, "application/json") &&
       !g_str_has_prefix (content_type, "text/")))
    return;

  soup_message_headers_append (response_headers, "Vary", "Accept-Encoding");
  if (!fake_header_accepts (request_headers, "Accept-Encoding", "gzip"))
    return;

  body = response_body (msg);
  if (g_bytes_get_size (body) == 0)
    return;

  compressed = fake_compress (G_ZLIB_COMPRESSOR_FORMAT_GZIP,
                              g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  replace_response_body (msg, compressed);
  soup_message_headers_replace (response_headers, "Content-Encoding", "gzip");
}

static void
add_rate_limit_headers (FakeViewneo       *self,
                        SoupServerMessage *msg,
                        gboolean           exhausted)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gint64 minute = fake_oauth_get_now (self->oauth) / 60;
  g_autofree char *limit = g_strdup_printf ("%d", RATE_LIMIT);
  g_autofree char *remaining = NULL;

  if (minute != self->rate_window)
    {
      self->rate_window = minute;
      self->rate_count = 0;
    }
  self->rate_count++;

  /* Counted and shown, never enforced: benchmarks send thousands of requests. Use
   * FAKE_FAULT_RATE_LIMIT for a 429. */
  remaining = g_strdup_printf ("%d", exhausted ? 0 : MAX (0, RATE_LIMIT - (int) self->rate_count));
  soup_message_headers_replace (headers, "X-RateLimit-Limit", limit);
  soup_message_headers_replace (headers, "X-RateLimit-Remaining", remaining);
}

static void
reply_unauthenticated (SoupServerMessage *msg)
{
  fake_reply_message (msg, SOUP_STATUS_UNAUTHORIZED, "Unauthenticated.");
}

static char *
origin (FakeViewneo *self)
{
  if (self->next_link_origin != NULL)
    return g_strdup (self->next_link_origin);

  return fake_viewneo_get_url (self);
}

static void
append_page_url (GString    *out,
                 const char *path_url,
                 guint       page)
{
  g_string_append_printf (out, "\"%s?page=%u\"", path_url, page);
}

static void
append_page_url_or_null (GString    *out,
                         const char *path_url,
                         guint       page,
                         gboolean    exists)
{
  if (exists)
    append_page_url (out, path_url, page);
  else
    g_string_append (out, "null");
}

static void
append_page_link (GString    *out,
                  const char *path_url,
                  guint       page,
                  gboolean    exists,
                  const char *label,
                  gboolean    active)
{
  g_string_append (out, "{\"url\":");
  append_page_url_or_null (out, path_url, page, exists);
  g_string_append (out, ",\"label\":");
  fake_json_append_string (out, label);
  g_string_append_printf (out, ",\"active\":%s}", active ? "true" : "false");
}

/* Laravel's `links` array of a LengthAwarePaginator: previous, a window of pages, next. */
static void
append_links_array (GString    *out,
                    const char *path_url,
                    guint       page,
                    guint       last_page)
{
  guint first = page > 2 ? page - 2 : 1;
  guint last = MIN (MAX (page, 1) + 2, last_page);

  g_string_append_c (out, '[');
  append_page_link (out, path_url, page - 1, page > 1, "&laquo; Previous", FALSE);
  for (guint i = first; i <= last; i++)
    {
      char label[16];

      g_snprintf (label, sizeof label, "%u", i);
      g_string_append_c (out, ',');
      append_page_link (out, path_url, i, TRUE, label, i == page);
    }
  g_string_append_c (out, ',');
  append_page_link (out, path_url, page + 1, page < last_page, "Next &raquo;", FALSE);
  g_string_append_c (out, ']');
}

typedef void (*AppendItems) (FakeDataset *dataset,
                             GString     *out,
                             guint        start,
                             guint        count);

static guint
query_page (GHashTable *query)
{
  const char *text = query ? g_hash_table_lookup (query, "page") : NULL;
  guint64 page;

  /* Laravel reads anything that is not a positive number as the first page. */
  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &page, NULL))
    return 1;

  return (guint) page;
}

static void
reply_list (FakeViewneo       *self,
            SoupServerMessage *msg,
            GHashTable        *query,
            const char        *path,
            guint              total,
            AppendItems        append_items)
{
  GString *json = g_string_new (NULL);
  g_autofree char *base = NULL;
  g_autofree char *path_url = NULL;
  guint page, last_page, start, count;

  switch (self->envelope)
    {
    case FAKE_ENVELOPE_BARE:
      g_string_append_c (json, '[');
      append_items (self->dataset, json, 0, total);
      g_string_append_c (json, ']');
      fake_reply_json (msg, SOUP_STATUS_OK, json);
      return;

    case FAKE_ENVELOPE_DATA:
      g_string_append (json, "{\"data\":[");
      append_items (self->dataset, json, 0, total);
      g_string_append (json, "]}");
      fake_reply_json (msg, SOUP_STATUS_OK, json);
      return;

    case FAKE_ENVELOPE_PAGINATOR_LINKS:
    case FAKE_ENVELOPE_PAGINATOR_FLAT:
    default:
      break;
    }

  base = origin (self);
  path_url = g_strconcat (base, path, NULL);
  page = query_page (query);
  last_page = MAX (1, (total + self->page_size - 1) / self->page_size);
  start = (guint) MIN ((guint64) (page - 1) * self->page_size, total);
  count = MIN (self->page_size, total - start);

  if (self->envelope == FAKE_ENVELOPE_PAGINATOR_FLAT)
    g_string_append_printf (json, "{\"current_page\":%u,", page);
  else
    g_string_append_c (json, '{');

  g_string_append (json, "\"data\":[");
  append_items (self->dataset, json, start, count);
  g_string_append (json, "],");

  if (self->envelope == FAKE_ENVELOPE_PAGINATOR_LINKS)
    {
      g_string_append (json, "\"links\":{\"first\":");
      append_page_url (json, path_url, 1);
      g_string_append (json, ",\"last\":");
      append_page_url (json, path_url, last_page);
      g_string_append (json, ",\"prev\":");
      append_page_url_or_null (json, path_url, page - 1, page > 1);
      g_string_append (json, ",\"next\":");
      append_page_url_or_null (json, path_url, page + 1, page < last_page);
      g_string_append_printf (json, "},\"meta\":{\"current_page\":%u,", page);
    }
  else
    {
      g_string_append (json, "\"first_page_url\":");
      append_page_url (json, path_url, 1);
      g_string_append_c (json, ',');
    }

  if (count > 0)
    g_string_append_printf (json, "\"from\":%u,", start + 1);
  else
    g_string_append (json, "\"from\":null,");
  g_string_append_printf (json, "\"last_page\":%u,", last_page);

  if (self->envelope == FAKE_ENVELOPE_PAGINATOR_FLAT)
    {
      g_string_append (json, "\"last_page_url\":");
      append_page_url (json, path_url, last_page);
      g_string_append_c (json, ',');
    }

  g_string_append (json, "\"links\":");
  append_links_array (json, path_url, page, last_page);

  if (self->envelope == FAKE_ENVELOPE_PAGINATOR_FLAT)
    {
      g_string_append (json, ",\"next_page_url\":");
      append_page_url_or_null (json, path_url, page + 1, page < last_page);
    }

  g_string_append (json, ",\"path\":");
  fake_json_append_string (json, path_url);
  g_string_append_printf (json, ",\"per_page\":%u,", self->page_size);

  if (self->envelope == FAKE_ENVELOPE_PAGINATOR_FLAT)
    {
      g_string_append (json, "\"prev_page_url\":");
      append_page_url_or_null (json, path_url, page - 1, page > 1);
      g_string_append_c (json, ',');
    }

  if (count > 0)
    g_string_append_printf (json, "\"to\":%u,", start + count);
  else
    g_string_append (json, "\"to\":null,");
  g_string_append_printf (json, "\"total\":%u}", total);

  if (self->envelope == FAKE_ENVELOPE_PAGINATOR_LINKS)
    g_string_append_c (json, '}');

  fake_reply_json (msg, SOUP_STATUS_OK, json);
}

/* API resources (the "data" and "links" styles) wrap single objects in {"data": ...};
 * plain Eloquent models (the bare and flat styles) do not. */
static gboolean
wraps_objects (FakeViewneo *self)
{
  return self->envelope == FAKE_ENVELOPE_DATA ||
         self->envelope == FAKE_ENVELOPE_PAGINATOR_LINKS;
}

static void
reply_object (FakeViewneo       *self,
              SoupServerMessage *msg,
              GString           *object)
{
  if (wraps_objects (self))
    {
      g_string_prepend (object, "{\"data\":");
      g_string_append_c (object, '}');
    }
  fake_reply_json (msg, SOUP_STATUS_OK, object);
}

static void
reply_route_not_found (SoupServerMessage *msg,
                       const char        *path)
{
  g_autofree char *message = g_strdup_printf ("The route %s could not be found.", path + 1);

  fake_reply_message (msg, SOUP_STATUS_NOT_FOUND, message);
}

static void
reply_model_not_found (SoupServerMessage *msg,
                       const char        *model,
                       const char        *id)
{
  g_autofree char *message = g_strdup_printf ("No query results for model [App\\Models\\%s] %s",
                                              model, id);

  fake_reply_message (msg, SOUP_STATUS_NOT_FOUND, message);
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *id = (gint64) value;
  return TRUE;
}

static void
reply_user (FakeViewneo       *self,
            SoupServerMessage *msg)
{
  GString *json = g_string_new (NULL);
  const char *space = strrchr (self->user_name, ' ');
  g_autofree char *first_name = space ? g_strndup (self->user_name, space - self->user_name)
                                      : g_strdup (self->user_name);

  g_string_append_printf (json, "{\"id\":%" G_GINT64_FORMAT ",\"name\":", self->user_id);
  fake_json_append_string (json, self->user_name);
  g_string_append (json, ",\"first_name\":");
  fake_json_append_string (json, first_name);
  g_string_append (json, ",\"last_name\":");
  fake_json_append_string (json, space ? space + 1 : "");
  g_string_append (json, ",\"email\":");
  fake_json_append_string (json, self->user_email);
  g_string_append_printf (json,
                          ",\"company_id\":%" G_GINT64_FORMAT ",\"company\":{\"id\":%" G_GINT64_FORMAT
                          ",\"name\":\"Musterfirma GmbH & Co. KG\"},\"locale\":\"de\","
                          "\"created_at\":\"2019-03-14 09:26:53\",\"updated_at\":\"2024-11-02 17:45:10\"}",
                          fake_dataset_get_company_id (self->dataset),
                          fake_dataset_get_company_id (self->dataset));
  reply_object (self, msg, json);
}

static void
reply_thumbnail (FakeViewneo       *self,
                 SoupServerMessage *msg,
                 const char        *id_text)
{
  gint64 id;

  if (!parse_id (id_text, &id) || !fake_dataset_has_media_file (self->dataset, id))
    {
      reply_model_not_found (msg, "MediaFile", id_text);
      return;
    }

  fake_reply (msg, SOUP_STATUS_OK, "image/png", fake_png_thumbnail (id));
}

static void
reply_playlist (FakeViewneo       *self,
                SoupServerMessage *msg,
                const char        *id_text)
{
  GString *json = g_string_new (NULL);
  gint64 id;

  if (!parse_id (id_text, &id) ||
      !fake_dataset_append_playlist_detail (self->dataset, json, id, self->entries_key))
    {
      g_string_free (json, TRUE);
      reply_model_not_found (msg, "Playlist", id_text);
      return;
    }

  reply_object (self, msg, json);
}

static void
reply_device_group (FakeViewneo       *self,
                    SoupServerMessage *msg,
                    const char        *id_text)
{
  GString *json = g_string_new (NULL);
  gint64 id;

  if (!parse_id (id_text, &id) || !fake_dataset_append_device_group (self->dataset, json, id))
    {
      g_string_free (json, TRUE);
      reply_model_not_found (msg, "DeviceGroup", id_text);
      return;
    }

  reply_object (self, msg, json);
}

typedef enum
{
  ROUTE_NONE,
  ROUTE_PLAYLISTS,
  ROUTE_PLAYLIST,
  ROUTE_DEVICE_GROUPS,
  ROUTE_DEVICE_GROUP,
  ROUTE_DEVICES,
  ROUTE_THUMBNAIL,
  ROUTE_USER,
} Route;

/* @segments: the path after API_PREFIX, split at '/'. */
static Route
match_route (char **segments)
{
  guint n = g_strv_length (segments);

  if (n == 1 && strcmp (segments[0], "playlist") == 0)
    return ROUTE_PLAYLISTS;
  if (n == 2 && strcmp (segments[0], "playlist") == 0 && segments[1][0] != '\0')
    return ROUTE_PLAYLIST;
  if (n == 1 && strcmp (segments[0], "devicegroup") == 0)
    return ROUTE_DEVICE_GROUPS;
  if (n == 2 && strcmp (segments[0], "devicegroup") == 0 && segments[1][0] != '\0')
    return ROUTE_DEVICE_GROUP;
  if (n == 1 && strcmp (segments[0], "device") == 0)
    return ROUTE_DEVICES;
  if (n == 3 && strcmp (segments[0], "mediafile") == 0 && segments[1][0] != '\0' &&
      strcmp (segments[2], "thumbnail") == 0)
    return ROUTE_THUMBNAIL;
  if (n == 1 && strcmp (segments[0], "user") == 0)
    return ROUTE_USER;

  return ROUTE_NONE;
}

static gboolean
is_authenticated (FakeViewneo       *self,
                  SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");

  return authorization != NULL &&
         g_ascii_strncasecmp (authorization, "Bearer ", 7) == 0 &&
         fake_oauth_check_bearer (self->oauth, authorization + 7);
}

static void
redirect_to_login (FakeViewneo       *self,
                   SoupServerMessage *msg)
{
  g_autofree char *url = fake_viewneo_get_url (self);
  g_autofree char *login = g_strconcat (url, "/login", NULL);

  fake_reply_redirect (msg, login);
}

static void
answer_api (FakeViewneo       *self,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *route_path = NULL;
  g_auto(GStrv) segments = NULL;
  Route route;

  /* Laravel answers a request that does not ask for JSON as a web page would. */
  if (!fake_header_accepts (soup_server_message_get_request_headers (msg),
                            "Accept", "application/json"))
    {
      redirect_to_login (self, msg);
      return;
    }

  /* Laravel's router ignores a trailing slash. */
  if (g_str_has_prefix (path, API_PREFIX))
    {
      route_path = g_strdup (path + strlen (API_PREFIX));
      if (g_str_has_suffix (route_path, "/"))
        route_path[strlen (route_path) - 1] = '\0';
      segments = g_strsplit (route_path, "/", -1);
      route = match_route (segments);
    }
  else
    {
      route = ROUTE_NONE;
    }

  if (route == ROUTE_NONE)
    {
      reply_route_not_found (msg, path);
      return;
    }

  add_rate_limit_headers (self, msg, FALSE);

  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      g_autofree char *message =
        g_strdup_printf ("The %s method is not supported for route %s. Supported methods: GET, HEAD.",
                         method, path + 1);

      fake_reply_message (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, message);
      return;
    }

  if (!is_authenticated (self, msg))
    {
      reply_unauthenticated (msg);
      return;
    }

  switch (route)
    {
    case ROUTE_PLAYLISTS:
      reply_list (self, msg, query, API_PREFIX "playlist",
                  fake_dataset_get_n_playlists (self->dataset), fake_dataset_append_playlists);
      break;
    case ROUTE_PLAYLIST:
      reply_playlist (self, msg, segments[1]);
      break;
    case ROUTE_DEVICE_GROUPS:
      reply_list (self, msg, query, API_PREFIX "devicegroup",
                  fake_dataset_get_n_device_groups (self->dataset),
                  fake_dataset_append_device_groups);
      break;
    case ROUTE_DEVICE_GROUP:
      reply_device_group (self, msg, segments[1]);
      break;
    case ROUTE_DEVICES:
      reply_list (self, msg, query, API_PREFIX "device",
                  fake_dataset_get_n_devices (self->dataset), fake_dataset_append_devices);
      break;
    case ROUTE_THUMBNAIL:
      reply_thumbnail (self, msg, segments[1]);
      break;
    case ROUTE_USER:
      reply_user (self, msg);
      break;
    case ROUTE_NONE:
    default:
      g_assert_not_reached ();
    }
}

static void
reply_login_page (SoupServerMessage *msg)
{
  static const char html[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"de\">\n"
    "<head><meta charset=\"utf-8\"><title>viewneo – Login</title></head>\n"
    "<body>\n"
    "  <h1>Anmelden</h1>\n"
    "  <form method=\"post\" action=\"/login\">\n"
    "    <label>E-Mail <input type=\"email\" name=\"email\"></label>\n"
    "    <label>Passwort <input type=\"password\" name=\"password\"></label>\n"
    "    <button type=\"submit\">Login</button>\n"
    "  </form>\n"
    "</body>\n"
    "</html>\n";

  fake_reply (msg, SOUP_STATUS_OK, "text/html; charset=UTF-8",
              g_bytes_new_static (html, sizeof html - 1));
}

static void
answer (FakeViewneo       *self,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query)
{
  if (g_str_has_prefix (path, "/api/"))
    {
      answer_api (self, msg, path, query);
      return;
    }

  if (fake_oauth_handle (self->oauth, msg, path, query))
    return;

  if (strcmp (path, "/login") == 0)
    reply_login_page (msg);
  else if (fake_header_accepts (soup_server_message_get_request_headers (msg),
                                "Accept", "application/json"))
    reply_route_not_found (msg, path);
  else
    fake_reply_html (msg, SOUP_STATUS_NOT_FOUND, "404 Not Found",
                     "The page you are looking for could not be found.");
}

/* ---- faults ---- */

static gboolean
fault_matches (const FaultRule *rule,
               const char      *path)
{
  if (rule->path_prefix == NULL)
    return g_str_has_prefix (path, "/api/");

  return g_str_has_prefix (path, rule->path_prefix);
}

/* The first rule for @path, counted down; FAKE_FAULT_NONE when none applies. A canned
 * answer is given to @msg at once, and also reads as FAKE_FAULT_NONE with @answered. */
static FakeFault
take_fault (FakeViewneo       *self,
            SoupServerMessage *msg,
            const char        *path,
            guint             *fault_arg,
            gboolean          *answered)
{
  for (GList *l = self->faults.head; l != NULL; l = l->next)
    {
      FaultRule *rule = l->data;
      FakeFault fault = rule->fault;

      if (!fault_matches (rule, path))
        continue;

      *fault_arg = rule->fault_arg;
      if (fault == FAKE_FAULT_NONE)
        {
          SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

          soup_server_message_set_status (msg, rule->status, NULL);
          soup_message_headers_remove (headers, "Content-Type");
          if (rule->content_type != NULL)
            soup_message_headers_replace (headers, "Content-Type", rule->content_type);
          if (rule->location != NULL)
            soup_message_headers_replace (headers, "Location", rule->location);
          if (g_bytes_get_size (rule->body) > 0)
            soup_message_body_append_bytes (soup_server_message_get_response_body (msg), rule->body);
          *answered = TRUE;
        }
      if (rule->remaining > 0 && --rule->remaining == 0)
        {
          g_queue_delete_link (&self->faults, l);
          fault_rule_free (rule);
        }
      return fault;
    }

  return FAKE_FAULT_NONE;
}

/* A list of playlists, or whitespace, making up exactly @mib MiB of valid JSON. */
static GBytes *
huge_body (guint mib)
{
  gsize target = (gsize) mib * 1024 * 1024;
  GString *json = g_string_sized_new (target + 1);
  g_autofree char *filler = g_strnfill (900, 'x');
  guint id = 1;

  g_string_append_c (json, '[');
  while (TRUE)
    {
      gsize before = json->len;

      if (id > 1)
        g_string_append_c (json, ',');
      g_string_append_printf (json, "{\"id\":%u,\"name\":\"Huge Playlist %u\",\"comment\":\"%s\"}",
                              id, id, filler);
      if (json->len + 1 > target)
        {
          g_string_truncate (json, before);
          break;
        }
      id++;
    }
  while (json->len + 1 < target)
    g_string_append_c (json, ' ');
  g_string_append_c (json, ']');

  return g_string_free_to_bytes (json);
}

/* A bare list of @n playlists with an id and a short name and nothing else: the most
 * items a body of its size can hold, for tests of the client's memory. */
static GBytes *
tiny_items_body (guint n)
{
  GString *json = g_string_sized_new ((gsize) n * 24 + 2);

  g_string_append_c (json, '[');
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (json, "%s{\"id\":%u,\"name\":\"P%u\"}", i > 1 ? "," : "", i, i);
  g_string_append_c (json, ']');

  return g_string_free_to_bytes (json);
}

/* Headers that promise the whole body, and the first half of it (@whole: all of it).
 * No "Connection: close": with it libsoup, like browsers, takes a short body for a
 * server's miscount. */
static GBytes *
raw_response (SoupServerMessage *msg,
              gboolean           whole)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *content_type = soup_message_headers_get_one (headers, "Content-Type");
  g_autoptr(GBytes) body = response_body (msg);
  gsize size = MAX (g_bytes_get_size (body), 2);
  GString *raw = g_string_new (NULL);
  guint status = soup_server_message_get_status (msg);

  g_string_append_printf (raw,
                          "HTTP/1.1 %u %s\r\n"
                          "Content-Type: %s\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "\r\n",
                          status, soup_status_get_phrase (status),
                          content_type ? content_type : "application/json", size);
  g_string_append_len (raw, g_bytes_get_data (body, NULL),
                       whole ? g_bytes_get_size (body) : MIN (g_bytes_get_size (body), size / 2));

  return g_string_free_to_bytes (raw);
}

static void
truncate_json (SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) half = NULL;

  /* A failed request still gets a 200 with broken JSON, as a broken proxy would send. */
  if (soup_server_message_get_status (msg) != SOUP_STATUS_OK)
    fake_reply_json (msg, SOUP_STATUS_OK,
                     g_string_new ("[{\"id\":1,\"name\":\"Lobby Morning Loop 0001\"}]"));

  /* A strict prefix of an object or array is never valid JSON. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Type", "application/json");
  body = response_body (msg);
  half = g_bytes_new_from_bytes (body, 0, MAX (g_bytes_get_size (body) / 2, 1));
  replace_response_body (msg, half);
}

static void
request_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  FakeViewneo *self = user_data;
  guint fault_arg = 0;
  FakeFault fault;
  guint delay_ms = self->latency_ms;
  gboolean answered = FALSE;

  /* Never the query: it can hold a code or a state. */
  g_debug ("%s %s", soup_server_message_get_method (msg), path);
  g_ptr_array_add (self->request_paths, g_strdup (path));
  g_free (self->last_method);
  self->last_method = g_strdup (soup_server_message_get_method (msg));
  g_clear_pointer (&self->last_headers, soup_message_headers_unref);
  self->last_headers = soup_message_headers_ref (soup_server_message_get_request_headers (msg));
  g_clear_pointer (&self->last_body, g_bytes_unref);
  self->last_body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  fault = take_fault (self, msg, path, &fault_arg, &answered);
  if (answered)
    return;

  switch (fault)
    {
    case FAKE_FAULT_SERVER_ERROR:
      fake_reply_message (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Server Error");
      break;
    case FAKE_FAULT_RATE_LIMIT:
      {
        g_autofree char *retry_after = g_strdup_printf ("%u", fault_arg);
        g_autofree char *reset = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  fake_oauth_get_now (self->oauth) + fault_arg);
        SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

        fake_reply_message (msg, FAKE_STATUS_TOO_MANY_REQUESTS, "Too Many Attempts.");
        add_rate_limit_headers (self, msg, TRUE);
        soup_message_headers_replace (headers, "Retry-After", retry_after);
        soup_message_headers_replace (headers, "X-RateLimit-Reset", reset);
      }
      break;
    case FAKE_FAULT_WRONG_TYPES:
      /* An object where the list is, and no usable id or name anywhere. */
      fake_reply_json (msg, SOUP_STATUS_OK,
                       g_string_new ("{\"data\":{\"id\":[1],\"name\":{\"de\":\"Liste\"}},"
                                     "\"links\":7,\"meta\":\"none\"}"));
      break;
    case FAKE_FAULT_UNAUTHORIZED:
      reply_unauthenticated (msg);
      break;
    case FAKE_FAULT_FORBIDDEN:
      fake_reply_message (msg, SOUP_STATUS_FORBIDDEN, "This action is unauthorized.");
      break;
    case FAKE_FAULT_NOT_FOUND:
      fake_reply_message (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
      break;
    case FAKE_FAULT_HTML_LOGIN:
      redirect_to_login (self, msg);
      break;
    case FAKE_FAULT_HUGE:
      fake_reply (msg, SOUP_STATUS_OK, "application/json", huge_body (fault_arg));
      break;
    case FAKE_FAULT_NEXT_SELF:
      {
        g_autoptr(GUri) asked = g_uri_ref (soup_server_message_get_uri (msg));
        g_autofree char *self_url = g_uri_to_string (asked);
        GString *json = g_string_new ("{\"data\":[],\"next_page_url\":");

        fake_json_append_string (json, self_url);
        g_string_append_c (json, '}');
        fake_reply_json (msg, SOUP_STATUS_OK, json);
      }
      break;
    case FAKE_FAULT_TINY_ITEMS:
      fake_reply (msg, SOUP_STATUS_OK, "application/json", tiny_items_body (fault_arg));
      break;
    case FAKE_FAULT_TRICKLE:
      answer (self, msg, path, query);
      {
        g_autoptr(GBytes) whole = raw_response (msg, TRUE);

        hold_back (self, msg, delay_ms, whole, MAX (fault_arg, 1));
      }
      return;
    case FAKE_FAULT_MALFORMED_JSON:
      answer (self, msg, path, query);
      truncate_json (msg);
      break;
    case FAKE_FAULT_SLOW:
      delay_ms += fault_arg;
      answer (self, msg, path, query);
      break;
    case FAKE_FAULT_DROP:
      answer (self, msg, path, query);
      {
        g_autoptr(GBytes) partial = raw_response (msg, FALSE);

        hold_back (self, msg, delay_ms, partial, 0);
      }
      return;
    case FAKE_FAULT_NONE:
    default:
      answer (self, msg, path, query);
      break;
    }

  maybe_compress (self, msg);

  if (delay_ms > 0)
    hold_back (self, msg, delay_ms, NULL, 0);
}

/* ---- public API ---- */

static gboolean
listen_on (FakeViewneo      *self,
           guint             port,
           GTlsCertificate  *certificate,
           GError          **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSList) uris = NULL;

  g_return_val_if_fail (FAKE_IS_VIEWNEO (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  self->server = soup_server_new ("server-header", "nginx", "tls-certificate", certificate, NULL);
  self->tls = certificate != NULL;
  soup_server_add_handler (self->server, NULL, request_cb, self, NULL);
  if (!soup_server_listen (self->server, address,
                           certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    {
      g_clear_object (&self->server);
      return FALSE;
    }

  uris = soup_server_get_uris (self->server);
  g_assert (uris != NULL);
  self->port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  self->context = g_main_context_ref_thread_default ();

  return TRUE;
}

gboolean
fake_viewneo_listen (FakeViewneo  *self,
                     guint         port,
                     GError      **error)
{
  return listen_on (self, port, NULL, error);
}

gboolean
fake_viewneo_listen_tls (FakeViewneo      *self,
                         guint             port,
                         GTlsCertificate  *certificate,
                         GError          **error)
{
  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), FALSE);

  return listen_on (self, port, certificate, error);
}

static gboolean
set_true_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs @context for @ms milliseconds. */
static void
settle (GMainContext *context,
        guint         ms)
{
  g_autoptr(GSource) timeout = g_timeout_source_new (ms);
  gboolean done = FALSE;

  g_source_set_callback (timeout, set_true_cb, &done, NULL);
  g_source_attach (timeout, context);
  while (!done)
    g_main_context_iteration (context, TRUE);
}

void
fake_viewneo_shutdown (FakeViewneo *self)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));

  g_list_free_full (g_steal_pointer (&self->pending), (GDestroyNotify) pending_free);
  g_list_free_full (g_steal_pointer (&self->trickles), (GDestroyNotify) trickle_free);
  if (self->server != NULL)
    {
      /* libsoup 3.6 frees a connection whose TLS handshake is still running in a worker
       * thread and then touches it when the handshake ends: let handshakes that clients
       * refused end first. */
      if (self->tls)
        settle (self->context, 100);
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
  g_clear_pointer (&self->context, g_main_context_unref);
  self->port = 0;
}

guint
fake_viewneo_get_port (FakeViewneo *self)
{
  g_return_val_if_fail (FAKE_IS_VIEWNEO (self), 0);

  return self->port;
}

char *
fake_viewneo_get_url (FakeViewneo *self)
{
  g_return_val_if_fail (FAKE_IS_VIEWNEO (self), NULL);

  return g_strdup_printf ("%s://127.0.0.1:%u", self->tls ? "https" : "http", self->port);
}

void
fake_viewneo_generate (FakeViewneo *self,
                       guint        n_playlists,
                       guint        seed)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));

  fake_dataset_generate (self->dataset, n_playlists, seed);
}

void
fake_viewneo_add_schedule_showcase (FakeViewneo *self,
                                    GDateTime   *now)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));
  g_return_if_fail (now != NULL);

  fake_dataset_add_showcase (self->dataset, now);
}

void
fake_viewneo_set_name_prefix (FakeViewneo *self,
                              const char  *prefix)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));

  fake_dataset_set_name_prefix (self->dataset, prefix);
}

void
fake_viewneo_add_raw_playlist (FakeViewneo *self,
                               const char  *json_object)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));
  g_return_if_fail (json_object != NULL);

  fake_dataset_add_raw_playlist (self->dataset, json_object);
}

guint
fake_viewneo_get_n_playlists (FakeViewneo *self)
{
  g_return_val_if_fail (FAKE_IS_VIEWNEO (self), 0);

  return fake_dataset_get_n_playlists (self->dataset);
}

void
fake_viewneo_set_envelope (FakeViewneo  *self,
                           FakeEnvelope  envelope)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));
  g_return_if_fail (envelope <= FAKE_ENVELOPE_PAGINATOR_FLAT);

  self->envelope = envelope;
}

void
fake_viewneo_set_page_size (FakeViewneo *self,
                            guint        page_size)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));
  g_return_if_fail (page_size > 0);

  self->page_size = page_size;
}

void
fake_viewneo_set_next_link_origin (FakeViewneo *self,
                                   const char  *origin_url)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));

  g_free (self->next_link_origin);
  self->next_link_origin = g_strdup (origin_url);
}

void
fake_viewneo_set_entries_key (FakeViewneo *self,
                              const char  *key)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));
  g_return_if_fail (key != NULL && *key != '\0');

  g_free (self->entries_key);
  self->entries_key = g_strdup (key);
}

void
fake_viewneo_set_user (FakeViewneo *self,
                       gint64       id,
                       const char  *name,
                       const char  *email)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (email != NULL);

  self->user_id = id;
  g_free (self->user_name);
  self->user_name = g_strdup (name);
  g_free (self->user_email);
  self->user_email = g_strdup (email);
  fake_oauth_set_subject (self->oauth, id);
}

void
fake_viewneo_set_gzip (FakeViewneo *self,
                       gboolean     gzip)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));

  self->gzip = !!gzip;
}

void
fake_viewneo_set_latency (FakeViewneo *self,
                          guint        latency_ms)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));

  self->latency_ms = latency_ms;
}

void
fake_viewneo_add_fault (FakeViewneo *self,
                        const char  *path_prefix,
                        FakeFault    fault,
                        guint        fault_arg,
                        guint        count)
{
  FaultRule *rule;

  g_return_if_fail (FAKE_IS_VIEWNEO (self));
  g_return_if_fail (fault <= FAKE_FAULT_TRICKLE);

  if (fault == FAKE_FAULT_NONE)
    return;

  rule = g_new0 (FaultRule, 1);
  rule->path_prefix = g_strdup (path_prefix);
  rule->fault = fault;
  rule->fault_arg = fault_arg;
  rule->remaining = count;
  g_queue_push_tail (&self->faults, rule);
}

void
fake_viewneo_add_answer (FakeViewneo *self,
                         const char  *path_prefix,
                         guint        status,
                         const char  *content_type,
                         const char  *body,
                         guint        count)
{
  FaultRule *rule;

  g_return_if_fail (FAKE_IS_VIEWNEO (self));

  rule = g_new0 (FaultRule, 1);
  rule->path_prefix = g_strdup (path_prefix);
  rule->fault = FAKE_FAULT_NONE;
  rule->remaining = count;
  rule->status = status;
  rule->content_type = g_strdup (content_type);
  rule->body = g_bytes_new (body != NULL ? body : "", body != NULL ? strlen (body) : 0);
  g_queue_push_tail (&self->faults, rule);
}

void
fake_viewneo_add_redirect (FakeViewneo *self,
                           const char  *path_prefix,
                           guint        status,
                           const char  *location,
                           guint        count)
{
  FaultRule *rule;

  g_return_if_fail (FAKE_IS_VIEWNEO (self));
  g_return_if_fail (location != NULL);

  fake_viewneo_add_answer (self, path_prefix, status, NULL, NULL, count);
  rule = g_queue_peek_tail (&self->faults);
  rule->location = g_strdup (location);
}

void
fake_viewneo_clear_faults (FakeViewneo *self)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));

  g_queue_clear_full (&self->faults, fault_rule_free);
}

guint
fake_viewneo_get_request_count (FakeViewneo *self,
                                const char  *path_prefix)
{
  guint count = 0;

  g_return_val_if_fail (FAKE_IS_VIEWNEO (self), 0);

  for (guint i = 0; i < self->request_paths->len; i++)
    if (path_prefix == NULL || g_str_has_prefix (g_ptr_array_index (self->request_paths, i),
                                                 path_prefix))
      count++;

  return count;
}

const char *
fake_viewneo_get_last_request_method (FakeViewneo *self)
{
  g_return_val_if_fail (FAKE_IS_VIEWNEO (self), NULL);

  return self->last_method;
}

const char *
fake_viewneo_get_last_request_path (FakeViewneo *self)
{
  g_return_val_if_fail (FAKE_IS_VIEWNEO (self), NULL);

  if (self->request_paths->len == 0)
    return NULL;

  return g_ptr_array_index (self->request_paths, self->request_paths->len - 1);
}

const char *
fake_viewneo_get_last_request_header (FakeViewneo *self,
                                      const char  *name)
{
  g_return_val_if_fail (FAKE_IS_VIEWNEO (self), NULL);

  if (self->last_headers == NULL)
    return NULL;

  return soup_message_headers_get_one (self->last_headers, name);
}

GBytes *
fake_viewneo_get_last_request_body (FakeViewneo *self)
{
  g_return_val_if_fail (FAKE_IS_VIEWNEO (self), NULL);

  return self->last_body;
}

void
fake_viewneo_add_token (FakeViewneo *self,
                        const char  *access_token)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));
  g_return_if_fail (access_token != NULL && *access_token != '\0');

  fake_oauth_add_token (self->oauth, access_token);
}

void
fake_viewneo_revoke_token (FakeViewneo *self,
                           const char  *access_token)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));
  g_return_if_fail (access_token != NULL);

  fake_oauth_revoke_token (self->oauth, access_token);
}

void
fake_viewneo_add_client (FakeViewneo *self,
                         const char  *client_id,
                         const char  *client_secret,
                         const char  *redirect_uri)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (client_secret != NULL);
  g_return_if_fail (redirect_uri != NULL);

  fake_oauth_add_client (self->oauth, client_id, client_secret, redirect_uri);
}

void
fake_viewneo_set_auto_consent (FakeViewneo *self,
                               gboolean     automatic,
                               gboolean     deny)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));

  fake_oauth_set_auto_consent (self->oauth, automatic, deny);
}

void
fake_viewneo_set_token_lifetime (FakeViewneo *self,
                                 guint        seconds)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));

  fake_oauth_set_token_lifetime (self->oauth, seconds);
}

guint
fake_viewneo_get_token_grants (FakeViewneo *self,
                               const char  *grant_type)
{
  g_return_val_if_fail (FAKE_IS_VIEWNEO (self), 0);
  g_return_val_if_fail (grant_type != NULL, 0);

  return fake_oauth_get_token_grants (self->oauth, grant_type);
}

guint
fake_viewneo_get_token_requests (FakeViewneo *self,
                                 const char  *grant_type)
{
  g_return_val_if_fail (FAKE_IS_VIEWNEO (self), 0);
  g_return_val_if_fail (grant_type != NULL, 0);

  return fake_oauth_get_token_requests (self->oauth, grant_type);
}

const char *
fake_viewneo_get_last_code (FakeViewneo *self)
{
  g_return_val_if_fail (FAKE_IS_VIEWNEO (self), NULL);

  return fake_oauth_get_last_code (self->oauth);
}

const char *
fake_viewneo_get_last_code_verifier (FakeViewneo *self)
{
  g_return_val_if_fail (FAKE_IS_VIEWNEO (self), NULL);

  return fake_oauth_get_last_code_verifier (self->oauth);
}

const char *
fake_viewneo_get_last_state (FakeViewneo *self)
{
  g_return_val_if_fail (FAKE_IS_VIEWNEO (self), NULL);

  return fake_oauth_get_last_state (self->oauth);
}

void
fake_viewneo_set_now (FakeViewneo *self,
                      gint64       unix_time)
{
  g_return_if_fail (FAKE_IS_VIEWNEO (self));

  fake_oauth_set_now (self->oauth, unix_time);
}
