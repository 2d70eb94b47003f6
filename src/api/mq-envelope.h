/* mq-envelope.h: the list envelopes a Laravel API may answer with
 *
 * viewneo does not document its list envelope, so every shape Laravel produces is
 * accepted (see viewneo/API.md):
 *   - a bare array: [ ... ]
 *   - {"data": [ ... ]}
 *   - an API resource paginator: {"data": [...], "links": {"next": URL|null},
 *     "meta": {"current_page": n, "last_page": n, ...}}
 *   - a plain paginator: {"data": [...], "next_page_url": URL|null, "current_page": n,
 *     "last_page": n, ...} (whose "links" is an array of page links, ignored)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * mq_envelope_parse:
 * @root: the parsed response body
 * @next_url: (out) (optional) (transfer none): the next page's URL as sent (not yet
 *   checked in any way), or %NULL on the last page or when the envelope has no links
 * @current_page: (out) (optional): the page number, 0 when the envelope does not say
 * @last_page: (out) (optional): the number of pages, 0 when the envelope does not say
 * @error: %MQ_API_ERROR_PROTOCOL when @root is %NULL or none of the shapes above
 *
 * Returns: (transfer none): the items, owned by @root; they are not looked at. %NULL
 *   only with @error set (the rule of every parse function, see mq-models-private.h).
 */
JsonArray *mq_envelope_parse (JsonNode    *root,
                              const char **next_url,
                              guint       *current_page,
                              guint       *last_page,
                              GError     **error);

G_END_DECLS
