/* mq-json-private.h: tolerant getters for viewneo's JSON
 *
 * viewneo is a Laravel application: numbers may arrive as numeric strings, flags as
 * 0/1, booleans or "1", any optional member may be null or missing. These getters
 * accept every such spelling and never fail loudly: a member that cannot be read is
 * reported as absent, and the caller decides whether that makes the item invalid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* An integer from a JSON integer, an integral double or a decimal string ("42",
 * "-7"). FALSE, leaving @value alone, for anything else. */
gboolean     mq_json_node_get_int       (JsonNode     *node,
                                         gint64       *value);
gboolean     mq_json_get_int            (JsonObject   *object,
                                         const char   *member,
                                         gint64       *value);
gint64       mq_json_get_int_or         (JsonObject   *object,
                                         const char   *member,
                                         gint64        fallback);
/* As above, clamped to 0..G_MAXUINT; negative numbers give @fallback. */
guint        mq_json_get_uint_or        (JsonObject   *object,
                                         const char   *member,
                                         guint         fallback);
/* true/false, 0/1 (any non-zero number is true), "1"/"0"/"true"/"false". */
gboolean     mq_json_get_bool           (JsonObject   *object,
                                         const char   *member,
                                         gboolean      fallback);
/* The string, or NULL when the member is missing, null or not a string. */
const char  *mq_json_get_string         (JsonObject   *object,
                                         const char   *member);
/* The array or object, or NULL when missing, null or of another type. */
JsonArray   *mq_json_get_array          (JsonObject   *object,
                                         const char   *member);
JsonObject  *mq_json_get_object         (JsonObject   *object,
                                         const char   *member);

/* "YYYY-MM-DD HH:MM:SS" as local time (what viewneo sends); an ISO 8601 date-time
 * with a zone (what newer Laravel versions send) converted to local time. NULL for
 * anything else. */
GDateTime   *mq_json_parse_datetime     (const char   *text);
GDateTime   *mq_json_get_datetime       (JsonObject   *object,
                                         const char   *member);
/* The inverse: "YYYY-MM-DD HH:MM:SS" in local time. */
char        *mq_json_format_datetime    (GDateTime    *datetime);

/* Builder helpers for the serialize functions: nothing is written for a NULL string
 * or datetime unless @write_null. */
void         mq_json_builder_add_string (JsonBuilder  *builder,
                                         const char   *member,
                                         const char   *value,
                                         gboolean      write_null);
void         mq_json_builder_add_int    (JsonBuilder  *builder,
                                         const char   *member,
                                         gint64        value);
void         mq_json_builder_add_datetime (JsonBuilder *builder,
                                           const char  *member,
                                           GDateTime   *value);

G_END_DECLS
