/* mq-envelope.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <glib/gi18n-lib.h>

#include "mq-api-error.h"
#include "mq-envelope-private.h"

static guint
get_page_number (const MqJsonValue *value)
{
  gint64 number;

  if (value == NULL || !mq_json_value_get_int (value, &number) || number < 1)
    return 0;

  return (guint) MIN (number, (gint64) G_MAXUINT);
}

/* The members of the object @value that are wanted, each at most once (the last). */
static void
find_members (const MqJsonValue  *value,
              const char * const *names,
              MqJsonValue        *found,
              gboolean           *present)
{
  MqJsonIter iter;
  const char *key;
  MqJsonValue member;

  mq_json_iter_init (&iter, value);
  while (mq_json_iter_next_member (&iter, &key, &member))
    {
      for (guint i = 0; names[i] != NULL; i++)
        {
          if (g_str_equal (key, names[i]))
            {
              found[i] = member;
              present[i] = TRUE;
              break;
            }
        }
    }
  mq_json_iter_clear (&iter);
}

enum { DATA, LINKS, META, NEXT_PAGE_URL, CURRENT_PAGE, LAST_PAGE, N_TOP };
enum { LINKS_NEXT, N_LINKS };
enum { META_CURRENT_PAGE, META_LAST_PAGE, N_META };

gboolean
mq_envelope_read (const MqJsonValue  *root,
                  MqJsonValue        *items,
                  char              **next_url,
                  guint              *current_page,
                  guint              *last_page,
                  GError            **error)
{
  static const char * const top_names[] = {
    "data", "links", "meta", "next_page_url", "current_page", "last_page", NULL
  };
  static const char * const links_names[] = { "next", NULL };
  static const char * const meta_names[] = { "current_page", "last_page", NULL };
  MqJsonValue top[N_TOP], links[N_LINKS], meta[N_META];
  gboolean has_top[N_TOP] = { FALSE, }, has_links[N_LINKS] = { FALSE, }, has_meta[N_META] = { FALSE, };
  g_autofree char *next = NULL;
  guint current = 0;
  guint last = 0;

  if (root->kind == MQ_JSON_KIND_ARRAY)
    {
      *items = *root;
      goto out;
    }

  if (root->kind != MQ_JSON_KIND_OBJECT)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("The server sent something other than a list."));
      return FALSE;
    }

  find_members (root, top_names, top, has_top);
  if (!has_top[DATA] || top[DATA].kind != MQ_JSON_KIND_ARRAY)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("The server sent an object where a list was expected."));
      return FALSE;
    }
  *items = top[DATA];

  /* An API resource paginator: links.next and meta.{current,last}_page. In a plain
   * paginator "links" is an array of page links instead, and the members are flat. */
  if (has_top[LINKS] && top[LINKS].kind == MQ_JSON_KIND_OBJECT)
    {
      find_members (&top[LINKS], links_names, links, has_links);
      if (has_links[LINKS_NEXT])
        next = mq_json_value_dup_string (&links[LINKS_NEXT]);
    }
  if (next == NULL && has_top[NEXT_PAGE_URL])
    next = mq_json_value_dup_string (&top[NEXT_PAGE_URL]);

  if (has_top[META] && top[META].kind == MQ_JSON_KIND_OBJECT)
    find_members (&top[META], meta_names, meta, has_meta);

  current = get_page_number (has_meta[META_CURRENT_PAGE] ? &meta[META_CURRENT_PAGE] : NULL);
  if (current == 0)
    current = get_page_number (has_top[CURRENT_PAGE] ? &top[CURRENT_PAGE] : NULL);
  last = get_page_number (has_meta[META_LAST_PAGE] ? &meta[META_LAST_PAGE] : NULL);
  if (last == 0)
    last = get_page_number (has_top[LAST_PAGE] ? &top[LAST_PAGE] : NULL);

  /* Numbers that contradict each other are no basis for fetching pages by number. */
  if (current > last)
    current = last = 0;

  if (next != NULL && *next == '\0')
    g_clear_pointer (&next, g_free);

out:
  if (next_url != NULL)
    *next_url = g_steal_pointer (&next);
  if (current_page != NULL)
    *current_page = current;
  if (last_page != NULL)
    *last_page = last;

  return TRUE;
}

JsonArray *
mq_envelope_parse (JsonNode    *root,
                   const char **next_url,
                   guint       *current_page,
                   guint       *last_page,
                   GError     **error)
{
  g_autofree char *next = NULL;
  MqJsonValue root_value;
  MqJsonValue items;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (root == NULL)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("The server sent something other than a list."));
      return NULL;
    }

  mq_json_value_init_node (&root_value, root);
  if (!mq_envelope_read (&root_value, &items, &next, current_page, last_page, error))
    return NULL;

  /* The link as the tree holds it, so that it lives as long as @root. */
  if (next_url != NULL)
    {
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
      JsonObject *links = object != NULL ? mq_json_get_object (object, "links") : NULL;
      const char *link = links != NULL ? mq_json_get_string (links, "next") : NULL;

      if (link == NULL || *link == '\0')
        link = object != NULL ? mq_json_get_string (object, "next_page_url") : NULL;
      *next_url = next != NULL ? link : NULL;
    }

  return json_node_get_array (items.node);
}
