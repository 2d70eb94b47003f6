/* mq-json-private.h: tolerant reading of viewneo's JSON, from json-glib or scanned
 *
 * viewneo is a Laravel application: numbers may arrive as numeric strings, flags as
 * 0/1, booleans or "1", any optional member may be null or missing. The getters here
 * accept every such spelling and never fail loudly: a member that cannot be read is
 * reported as absent, and the caller decides whether that makes the item invalid.
 *
 * Values come from two places behind one MqJsonValue: a json-glib tree (single objects,
 * the cache) or mq_json_scan(), which checks a whole response once and then reads it in
 * place without building a tree (list pages: 100,000 playlists). Each model reads its
 * members through the same code either way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* ---- json-glib objects ---- */

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
/* true/false, 0/1 (any non-zero number is true), "1"/"0"/"true"/"false". */
gboolean     mq_json_get_bool           (JsonObject   *object,
                                         const char   *member,
                                         gboolean      fallback);
/* The string, or NULL when the member is missing, null, not a string or not UTF-8. */
const char  *mq_json_get_string         (JsonObject   *object,
                                         const char   *member);
/* The array or object, or NULL when missing, null or of another type. */
JsonArray   *mq_json_get_array          (JsonObject   *object,
                                         const char   *member);
JsonObject  *mq_json_get_object         (JsonObject   *object,
                                         const char   *member);

/* ---- values, from either source ---- */

typedef enum
{
  MQ_JSON_KIND_NULL,
  MQ_JSON_KIND_BOOLEAN,
  MQ_JSON_KIND_NUMBER,
  MQ_JSON_KIND_STRING,
  MQ_JSON_KIND_ARRAY,
  MQ_JSON_KIND_OBJECT,
} MqJsonKind;

typedef struct
{
  MqJsonKind kind;
  /* From json-glib: the node, or the object itself. */
  JsonNode *node;
  JsonObject *object;
  /* Scanned: the token in the checked text; a string without its quotes (escapes
   * still in it), a container with its brackets. */
  const char *text;
  gsize length;
} MqJsonValue;

void         mq_json_value_init_node    (MqJsonValue       *value,
                                         JsonNode          *node);
void         mq_json_value_init_object  (MqJsonValue       *value,
                                         JsonObject        *object);
gboolean     mq_json_value_get_int      (const MqJsonValue *value,
                                         gint64            *out);
gint64       mq_json_value_get_int_or   (const MqJsonValue *value,
                                         gint64             fallback);
/* Clamped to 0..G_MAXUINT; negative numbers give @fallback. */
guint        mq_json_value_get_uint_or  (const MqJsonValue *value,
                                         guint              fallback);
gboolean     mq_json_value_get_bool     (const MqJsonValue *value,
                                         gboolean           fallback);
/* An id as viewneo sends it: a positive number or numeric string; 0 for anything else. */
gint64       mq_json_value_get_id       (const MqJsonValue *value);
/* A copy of the string, or NULL for anything that is not a string (or not UTF-8). */
char        *mq_json_value_dup_string   (const MqJsonValue *value);
/* The string as an interned GRefString, for values that repeat across thousands of
 * items (labels, MIME types), or NULL as mq_json_value_dup_string() would. */
char        *mq_json_value_dup_interned (const MqJsonValue *value);
GDateTime   *mq_json_value_get_datetime (const MqJsonValue *value);

/* Walks the members of an object value, or the elements of an array value. A key is
 * valid until the next call. */
typedef struct
{
  /*< private >*/
  JsonObjectIter object_iter;
  JsonArray *array;
  guint index;
  const char *p;
  const char *end;
  char key_buffer[64];
  char *long_key;
  gboolean scanned;
} MqJsonIter;

void         mq_json_iter_init          (MqJsonIter        *iter,
                                         const MqJsonValue *container);
gboolean     mq_json_iter_next_member   (MqJsonIter        *iter,
                                         const char       **key,
                                         MqJsonValue       *value);
gboolean     mq_json_iter_next_element  (MqJsonIter        *iter,
                                         MqJsonValue       *value);
void         mq_json_iter_clear         (MqJsonIter        *iter);

/* Checks that @data is one JSON value (RFC 8259, UTF-8, nesting at most 512 deep)
 * and gives it as @root, which points into @data. FALSE only with @error set. */
gboolean     mq_json_scan               (const char        *data,
                                         gsize              length,
                                         MqJsonValue       *root,
                                         GError           **error);

/* ---- dates ---- */

/* "YYYY-MM-DD HH:MM:SS" as local time (what viewneo sends); an ISO 8601 date-time
 * with a zone (what newer Laravel versions send) converted to local time. NULL for
 * anything else. */
GDateTime   *mq_json_parse_datetime     (const char   *text);
/* The inverse: "YYYY-MM-DD HH:MM:SS" in local time. */
char        *mq_json_format_datetime    (GDateTime    *datetime);
/* A date of @value (as mq_json_value_get_datetime() reads it) as microseconds since
 * 1970, which takes 8 bytes where a GDateTime takes 48; FALSE for none. And back, in
 * local time. */
gboolean     mq_json_value_get_datetime_usec (const MqJsonValue *value,
                                              gint64            *usec);
GDateTime   *mq_json_datetime_new_from_usec  (gint64             usec);

/* ---- writing ---- */

/* Nothing is written for a NULL string unless @write_null. */
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
