/* mq-envelope.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <glib/gi18n-lib.h>

#include "mq-api-error.h"
#include "mq-envelope.h"
#include "mq-json-private.h"

static guint
get_page_number (JsonObject *object,
                 const char *member)
{
  gint64 value;

  if (object == NULL || !mq_json_get_int (object, member, &value) || value < 1)
    return 0;

  return (guint) MIN (value, (gint64) G_MAXUINT);
}

JsonArray *
mq_envelope_parse (JsonNode    *root,
                   const char **next_url,
                   guint       *current_page,
                   guint       *last_page,
                   GError     **error)
{
  JsonObject *object;
  JsonObject *links;
  JsonObject *meta;
  JsonArray *items;
  const char *next = NULL;
  guint current = 0;
  guint last = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      items = json_node_get_array (root);
      goto out;
    }

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("The server sent something other than a list."));
      return NULL;
    }

  object = json_node_get_object (root);
  items = mq_json_get_array (object, "data");
  if (items == NULL)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("The server sent an object where a list was expected."));
      return NULL;
    }

  /* An API resource paginator: links.next and meta.{current,last}_page. In a plain
   * paginator "links" is an array of page links instead, and the members are flat. */
  links = mq_json_get_object (object, "links");
  meta = mq_json_get_object (object, "meta");
  if (links != NULL)
    next = mq_json_get_string (links, "next");
  if (next == NULL)
    next = mq_json_get_string (object, "next_page_url");

  current = get_page_number (meta, "current_page");
  if (current == 0)
    current = get_page_number (object, "current_page");
  last = get_page_number (meta, "last_page");
  if (last == 0)
    last = get_page_number (object, "last_page");

  /* Numbers that contradict each other are no basis for fetching pages by number. */
  if (current > last)
    current = last = 0;

  if (next != NULL && *next == '\0')
    next = NULL;

out:
  if (next_url != NULL)
    *next_url = next;
  if (current_page != NULL)
    *current_page = current;
  if (last_page != NULL)
    *last_page = last;

  return items;
}
