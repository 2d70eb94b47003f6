/* mq-client-pages.c: MqClient's lists, page by page
 *
 * A list follows the server's pagination: when the first page says how many pages there
 * are, the rest are fetched by number, a few at once, and put back in order; otherwise
 * the next links are followed one by one. A link is followed only to the server's own
 * origin: the bearer token never goes anywhere else. A link back to a page already read
 * stops the list, and the item limit is checked item by item, so that memory stays
 * bounded whatever the server sends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <glib/gi18n-lib.h>

#include "mq-api-error-private.h"
#include "mq-client-private.h"
#include "mq-envelope-private.h"
#include "mq-models-private.h"

/* A list longer than the client's "item-limit": read no further, whatever it costs the
 * server nothing to send. */
static GError *
new_too_many_items_error (const char *host,
                          guint       item_limit)
{
  return g_error_new (MQ_API_ERROR, MQ_API_ERROR_TOO_LARGE,
                      _("%s sent a list of more than %u items, more than Marquee reads. "
                        "Open the account on viewneo’s website instead."),
                      host, item_limit);
}

/* What the workers read a list's items with. Part of the list, which outlives every
 * worker of its pages: a page's request returns to the list only once its worker has
 * parsed. Only read once the list has started, so shared by workers without a lock. */
typedef struct
{
  MqItemParseFunc parse_item;
  GPtrArray *known;         /* MqPlaylist by ascending id, or NULL; never changed */
  guint item_limit;         /* the client's "item-limit" when the list started */
} ItemParser;

typedef struct
{
  GPtrArray *items;
  guint n_skipped;
  char *next_url;
  guint current_page;
  guint last_page;
} Page;

static void
page_free (Page *page)
{
  /* Pages fetched by number have their slots before they arrive. */
  if (page == NULL)
    return;

  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_clear_pointer (&page->next_url, g_free);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Page, page_free)

static gpointer
item_parser_parse (const ItemParser   *parser,
                   const MqJsonValue  *object,
                   GError            **error)
{
  gpointer parsed = parser->parse_item (object, error);
  MqPlaylist *known;

  if (parsed == NULL || parser->known == NULL)
    return parsed;

  /* An unchanged playlist: the caller's, and the copy gone at once, so that a whole
   * second list of them never exists. */
  known = mq_playlist_index_lookup (parser->known, mq_playlist_get_id (parsed));
  if (known != NULL && mq_playlist_equal (known, parsed))
    {
      g_object_unref (parsed);
      return g_object_ref (known);
    }

  return parsed;
}

/* In the worker, as the page arrives: the envelope, then each item, read in place
 * from the checked text. A json-glib tree of a page of 1,000 playlists costs more than
 * everything else together, and more again with several pages at once. */
static gpointer
parse_page (GBytes      *body,
            const char  *host,
            gpointer     parse_data,
            GError     **error)
{
  const ItemParser *parser = parse_data;
  g_autoptr(Page) page = g_new0 (Page, 1);
  g_autoptr(GError) scan_error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  MqJsonValue root;
  MqJsonValue items;
  MqJsonValue item;
  MqJsonIter iter;

  if (!mq_json_scan (data, length, &root, &scan_error))
    {
      g_debug ("Response from %s is not JSON: %s", host, scan_error->message);
      g_propagate_error (error, mq_api_error_new_unusable_body (data, length, host));
      return NULL;
    }

  if (!mq_envelope_read (&root, &items, &page->next_url, &page->current_page,
                         &page->last_page, error))
    return NULL;

  page->items = g_ptr_array_new_with_free_func (g_object_unref);
  mq_json_iter_init (&iter, &items);
  while (mq_json_iter_next_element (&iter, &item))
    {
      g_autoptr(GError) item_error = NULL;
      gpointer parsed = NULL;

      /* Checked item by item: one page of tiny items can hold millions. */
      if (page->items->len + page->n_skipped >= parser->item_limit)
        {
          mq_json_iter_clear (&iter);
          g_propagate_error (error, new_too_many_items_error (host, parser->item_limit));
          return NULL;
        }

      if (item.kind == MQ_JSON_KIND_OBJECT)
        parsed = item_parser_parse (parser, &item, &item_error);

      if (parsed != NULL)
        g_ptr_array_add (page->items, parsed);
      else
        {
          g_debug ("Skipping an item: %s", item_error ? item_error->message : "not an object");
          page->n_skipped++;
        }
    }
  mq_json_iter_clear (&iter);

  return g_steal_pointer (&page);
}

typedef struct
{
  MqClient *client;
  ItemParser parser;
  MqPageProgressFunc progress;
  gpointer progress_data;
  GDestroyNotify progress_data_free;

  GPtrArray *pages;         /* Page, by number - 1 */
  GCancellable *cancellable; /* ours: cancelled on the first failure */
  GCancellable *caller_cancellable;
  gulong caller_cancelled_id;
  GError *error;            /* the first failure */
  GUri *last_uri;           /* of the page fetched last (sequential), for relative links */
  GUri *page_uri;           /* where pages are fetched by number (concurrent) */
  GHashTable *followed;     /* URLs fetched one after the other, to stop at a loop */
  guint n_pages;            /* known number of pages, 0 while unknown */
  guint n_pages_done;
  guint n_items;
  guint n_skipped;
  guint next_page;          /* the next page number to start (concurrent) */
  guint n_in_flight;
} List;

typedef struct
{
  GTask *task;
  guint page_number;        /* 0: sequential */
} PageRequest;

/* No progress is reported after the result: the caller's data goes at once, not
 * whenever the last reference to the result does. */
static void
list_release_progress (List *list)
{
  GDestroyNotify progress_data_free = g_steal_pointer (&list->progress_data_free);

  list->progress = NULL;
  if (progress_data_free != NULL)
    progress_data_free (g_steal_pointer (&list->progress_data));
}

static void
list_free (List *list)
{
  if (list->caller_cancelled_id != 0)
    g_cancellable_disconnect (list->caller_cancellable, list->caller_cancelled_id);
  g_clear_object (&list->caller_cancellable);
  g_clear_object (&list->cancellable);
  list_release_progress (list);
  g_clear_pointer (&list->pages, g_ptr_array_unref);
  g_clear_error (&list->error);
  g_clear_pointer (&list->last_uri, g_uri_unref);
  g_clear_pointer (&list->page_uri, g_uri_unref);
  g_clear_pointer (&list->followed, g_hash_table_unref);
  g_clear_pointer (&list->parser.known, g_ptr_array_unref);
  g_clear_object (&list->client);
  g_free (list);
}

static void
list_caller_cancelled (GCancellable *cancellable,
                       gpointer      user_data)
{
  /* May run in any thread; cancelling a GCancellable is thread-safe. */
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static GError *
new_too_many_pages_error (MqClient *client)
{
  return g_error_new (MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                      _("%s has more than %u pages of results, more than Marquee reads."),
                      mq_client_get_host (client), mq_client_get_page_limit (client));
}

static GError *
new_cross_origin_error (const char *host)
{
  return g_error_new (MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                      _("%s sent a link to the next page on another server, which "
                        "Marquee does not follow: your sign-in is only sent to %s. "
                        "Check the server address."),
                      host, host);
}

/* The absolute URI of a next link, or NULL and an error when it leaves the origin. */
static GUri *
resolve_next_link (List        *list,
                   GUri        *base,
                   const char  *link,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  uri = g_uri_parse_relative (base, link, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    {
      g_set_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                   _("%s sent a link Marquee cannot follow. Try again later."),
                   mq_client_get_host (list->client));
      return NULL;
    }

  /* A user name in a link would have libsoup send credentials of its own. */
  if (!mq_server_url_same_origin (uri, mq_client_get_server_uri (list->client)) ||
      g_uri_get_userinfo (uri) != NULL)
    {
      g_debug ("Refusing a next link to another origin");
      g_propagate_error (error, new_cross_origin_error (mq_client_get_host (list->client)));
      return NULL;
    }

  return g_steal_pointer (&uri);
}

/* @base with its "page" query parameter set to @page_number, others kept. */
static char *
build_page_url (GUri  *base,
                guint  page_number)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GUri) uri = NULL;
  const char *old_query = g_uri_get_query (base);

  if (old_query != NULL)
    {
      g_auto(GStrv) params = g_strsplit (old_query, "&", -1);

      for (guint i = 0; params[i] != NULL; i++)
        {
          if (*params[i] == '\0' || g_str_has_prefix (params[i], "page=") ||
              g_str_equal (params[i], "page"))
            continue;
          g_string_append_printf (query, "%s&", params[i]);
        }
    }
  g_string_append_printf (query, "page=%u", page_number);

  uri = g_uri_build (G_URI_FLAGS_ENCODED,
                     g_uri_get_scheme (base), NULL, g_uri_get_host (base), g_uri_get_port (base),
                     g_uri_get_path (base), query->str, NULL);
  return g_uri_to_string (uri);
}

static void list_start_page (GTask      *task,
                             const char *url,
                             guint       page_number);

static void
list_complete (GTask *task)
{
  List *list = g_task_get_task_data (task);
  GPtrArray *items;

  list_release_progress (list);

  if (list->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&list->error));
      return;
    }

  items = g_ptr_array_new_full (list->n_items, g_object_unref);
  for (guint i = 0; i < list->pages->len; i++)
    {
      Page *page = g_ptr_array_index (list->pages, i);

      /* Move the items over; the page array lets go without unreffing them. */
      for (guint j = 0; j < page->items->len; j++)
        g_ptr_array_add (items, g_ptr_array_index (page->items, j));
      g_ptr_array_set_free_func (page->items, NULL);
    }

  g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_fail (List   *list,
           GError *error)
{
  /* The first failure is the one to report; the cancellations it causes are not. */
  if (list->error == NULL)
    list->error = error;
  else
    g_error_free (error);

  g_cancellable_cancel (list->cancellable);
}

static void
list_report_progress (List *list)
{
  if (list->progress != NULL)
    list->progress (list->n_pages_done, list->n_pages, list->n_items, list->progress_data);
}

static void
list_start_concurrent (GTask *task)
{
  List *list = g_task_get_task_data (task);

  while (list->error == NULL &&
         list->n_in_flight < MQ_CLIENT_MAX_CONCURRENT_PAGES &&
         list->next_page <= list->n_pages)
    {
      g_autofree char *url = build_page_url (list->page_uri, list->next_page);

      list_start_page (task, url, list->next_page);
      list->next_page++;
    }
}

static void
list_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PageRequest *page_request = user_data;
  g_autoptr(GTask) task = page_request->task;
  guint page_number = page_request->page_number;
  List *list = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) next_uri = NULL;
  Page *page;

  g_free (page_request);
  list->n_in_flight--;

  page = mq_client_request_finish (MQ_CLIENT (object), result, parse_page, &error);
  if (page == NULL)
    {
      list_fail (list, g_steal_pointer (&error));
      goto out;
    }

  if (list->error != NULL)
    {
      page_free (page);
      goto out;
    }

  list->n_pages_done++;
  list->n_items += page->items->len;
  list->n_skipped += page->n_skipped;

  if (list->n_items + list->n_skipped > list->parser.item_limit)
    {
      page_free (page);
      list_fail (list, new_too_many_items_error (mq_client_get_host (list->client),
                                                 list->parser.item_limit));
      goto out;
    }

  if (page_number == 0)
    {
      guint fetched = list->pages->len + 1;

      g_ptr_array_add (list->pages, page);

      if (page->next_url != NULL)
        {
          next_uri = resolve_next_link (list, list->last_uri, page->next_url, &error);
          if (next_uri == NULL)
            {
              list_fail (list, g_steal_pointer (&error));
              goto out;
            }
        }

      /* The first page tells how many there are: fetch the rest by number, at once. */
      if (fetched == 1 && page->current_page == 1 && page->last_page > 1)
        {
          list->n_pages = page->last_page;
          if (list->n_pages > mq_client_get_page_limit (list->client))
            {
              list_fail (list, new_too_many_pages_error (list->client));
              goto out;
            }
          g_ptr_array_set_size (list->pages, list->n_pages);
          list->page_uri = next_uri != NULL ? g_steal_pointer (&next_uri)
                                            : g_uri_ref (list->last_uri);
          list->next_page = 2;
          list_report_progress (list);
          list_start_concurrent (task);
          goto out;
        }

      list_report_progress (list);

      if (next_uri != NULL)
        {
          g_autofree char *url = NULL;

          if (fetched >= mq_client_get_page_limit (list->client))
            {
              list_fail (list, new_too_many_pages_error (list->client));
              goto out;
            }

          /* A link back to a page already read would be followed up to the page
           * limit, fetching the same items again and again. */
          url = g_uri_to_string (next_uri);
          if (!g_hash_table_add (list->followed, g_strdup (url)))
            {
              g_debug ("A next link points at a page already fetched");
              list_fail (list, g_error_new (MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                                            _("%s sent a link back to a page Marquee has "
                                              "already read. Try again later."),
                                            mq_client_get_host (list->client)));
              goto out;
            }

          g_clear_pointer (&list->last_uri, g_uri_unref);
          list->last_uri = g_steal_pointer (&next_uri);
          list_start_page (task, url, 0);
        }
      goto out;
    }

  /* A page fetched by number must be that page, or items would repeat or go missing. */
  if (page->current_page != 0 && page->current_page != page_number)
    {
      page_free (page);
      list_fail (list, g_error_new (MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                                    _("%s sent page %u when asked for another one. Try "
                                      "again later."),
                                    mq_client_get_host (list->client), page_number));
      goto out;
    }

  g_ptr_array_index (list->pages, page_number - 1) = page;
  list_report_progress (list);
  list_start_concurrent (task);

out:
  if (list->n_in_flight == 0 && (list->error != NULL || list->next_page == 0 ||
                                 list->next_page > list->n_pages))
    list_complete (task);
}

static void
list_start_page (GTask      *task,
                 const char *url,
                 guint       page_number)
{
  List *list = g_task_get_task_data (task);
  PageRequest *page_request = g_new0 (PageRequest, 1);

  page_request->task = g_object_ref (task);
  page_request->page_number = page_number;
  list->n_in_flight++;

  mq_client_request_async (list->client, url, MQ_CLIENT_ACCEPT_JSON,
                           parse_page, &list->parser, (GDestroyNotify) page_free,
                           list->cancellable, list_page_cb, page_request, parse_page);
}

void
mq_client_list_async (MqClient            *self,
                      const char          *path,
                      MqItemParseFunc      parse_item,
                      GPtrArray           *known,
                      MqPageProgressFunc   progress,
                      gpointer             progress_data,
                      GDestroyNotify       progress_data_free,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data,
                      gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  List *list;

  if (!mq_client_check_server (self, callback, user_data, source_tag))
    {
      if (progress_data_free != NULL)
        progress_data_free (progress_data);
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  list = g_new0 (List, 1);
  list->client = g_object_ref (self);
  list->parser.parse_item = parse_item;
  list->parser.item_limit = mq_client_get_item_limit (self);
  if (known != NULL && known->len > 0)
    list->parser.known = g_ptr_array_ref (known);
  list->progress = progress;
  list->progress_data = progress_data;
  list->progress_data_free = progress_data_free;
  list->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  list->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, list, (GDestroyNotify) list_free);

  if (cancellable != NULL)
    {
      list->caller_cancellable = g_object_ref (cancellable);
      list->caller_cancelled_id = g_cancellable_connect (cancellable,
                                                         G_CALLBACK (list_caller_cancelled),
                                                         g_object_ref (list->cancellable),
                                                         g_object_unref);
    }

  url = mq_client_build_api_url (self, path);
  list->last_uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  list->followed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (list->last_uri != NULL)
    g_hash_table_add (list->followed, g_uri_to_string (list->last_uri));
  list_start_page (task, url, 0);
}

GPtrArray *
mq_client_list_finish (MqClient      *self,
                       GAsyncResult  *result,
                       gpointer       source_tag,
                       guint         *n_skipped,
                       GError       **error)
{
  List *list;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  /* A call refused before it started (an unusable server URL) has no list. */
  list = g_task_get_task_data (G_TASK (result));
  if (n_skipped != NULL)
    *n_skipped = list != NULL ? list->n_skipped : 0;

  return g_task_propagate_pointer (G_TASK (result), error);
}
