/* mq-json.c: tolerant getters for viewneo's JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <math.h>
#include <string.h>

#include "mq-json-private.h"

static gboolean
parse_decimal (const char *text,
               gint64     *value)
{
  gint64 parsed;

  /* g_ascii_string_to_signed() refuses whitespace, signs other than '-' alone and
   * anything after the digits: exactly the strictness wanted for ids. */
  if (text[0] == '+')
    return FALSE;
  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &parsed, NULL))
    return FALSE;

  *value = parsed;
  return TRUE;
}

gboolean
mq_json_node_get_int (JsonNode *node,
                      gint64   *value)
{
  GType type;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* 2^63 is exactly representable; anything at or beyond it is not an int64. */
      if (!isfinite (d) || d != floor (d) || d < -9223372036854775808.0 || d >= 9223372036854775808.0)
        return FALSE;
      *value = (gint64) d;
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    return parse_decimal (json_node_get_string (node), value);

  return FALSE;
}

gboolean
mq_json_get_int (JsonObject *object,
                 const char *member,
                 gint64     *value)
{
  return mq_json_node_get_int (json_object_get_member (object, member), value);
}

gint64
mq_json_get_int_or (JsonObject *object,
                    const char *member,
                    gint64      fallback)
{
  gint64 value;

  if (mq_json_get_int (object, member, &value))
    return value;
  return fallback;
}

guint
mq_json_get_uint_or (JsonObject *object,
                     const char *member,
                     guint       fallback)
{
  gint64 value;

  if (!mq_json_get_int (object, member, &value) || value < 0)
    return fallback;
  return (guint) MIN (value, (gint64) G_MAXUINT);
}

gboolean
mq_json_get_bool (JsonObject *object,
                  const char *member,
                  gboolean    fallback)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return fallback;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node) != 0;
  if (type == G_TYPE_DOUBLE)
    return json_node_get_double (node) != 0.0;
  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (g_str_equal (text, "1") || g_ascii_strcasecmp (text, "true") == 0)
        return TRUE;
      if (g_str_equal (text, "0") || g_ascii_strcasecmp (text, "false") == 0)
        return FALSE;
    }

  return fallback;
}

const char *
mq_json_get_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

JsonArray *
mq_json_get_array (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    return NULL;

  return json_node_get_array (node);
}

JsonObject *
mq_json_get_object (JsonObject *object,
                    const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    return NULL;

  return json_node_get_object (node);
}

static gboolean
read_digits (const char *text,
             guint       n_digits,
             int        *value)
{
  int result = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      result = result * 10 + (text[i] - '0');
    }

  *value = result;
  return TRUE;
}

static GTimeZone *
get_local_time_zone (void)
{
  static GTimeZone *local;

  /* One zone for the life of the process: looking it up for each of 100,000
   * playlists (twice) costs more than the rest of the parsing. */
  if (g_once_init_enter (&local))
    g_once_init_leave (&local, g_time_zone_new_local ());

  return local;
}

GDateTime *
mq_json_parse_datetime (const char *text)
{
  int year, month, day, hour, minute, second;

  if (text == NULL)
    return NULL;

  /* The common case, "YYYY-MM-DD HH:MM:SS", read by hand: it is most of the cost of
   * a playlist otherwise. */
  if (strlen (text) == 19 &&
      read_digits (text, 4, &year) && text[4] == '-' &&
      read_digits (text + 5, 2, &month) && text[7] == '-' &&
      read_digits (text + 8, 2, &day) && text[10] == ' ' &&
      read_digits (text + 11, 2, &hour) && text[13] == ':' &&
      read_digits (text + 14, 2, &minute) && text[16] == ':' &&
      read_digits (text + 17, 2, &second))
    {
      /* g_date_time_new() checks the ranges and returns NULL for a bad date. */
      if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31 ||
          hour > 23 || minute > 59 || second > 59)
        return NULL;
      return g_date_time_new (get_local_time_zone (), year, month, day, hour, minute, second);
    }

  /* ISO 8601 with a time zone, as Laravel 7+ serialises dates by default. */
  if (strchr (text, 'T') != NULL)
    {
      g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (text, get_local_time_zone ());

      if (parsed != NULL)
        return g_date_time_to_timezone (parsed, get_local_time_zone ());
    }

  return NULL;
}

GDateTime *
mq_json_get_datetime (JsonObject *object,
                      const char *member)
{
  return mq_json_parse_datetime (mq_json_get_string (object, member));
}

char *
mq_json_format_datetime (GDateTime *datetime)
{
  g_autoptr(GDateTime) local = NULL;

  if (datetime == NULL)
    return NULL;

  local = g_date_time_to_timezone (datetime, get_local_time_zone ());
  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d:%02d",
                          g_date_time_get_year (local),
                          g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local),
                          g_date_time_get_hour (local),
                          g_date_time_get_minute (local),
                          g_date_time_get_second (local));
}

void
mq_json_builder_add_string (JsonBuilder *builder,
                            const char  *member,
                            const char  *value,
                            gboolean     write_null)
{
  if (value == NULL && !write_null)
    return;

  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
mq_json_builder_add_int (JsonBuilder *builder,
                         const char  *member,
                         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

void
mq_json_builder_add_datetime (JsonBuilder *builder,
                              const char  *member,
                              GDateTime   *value)
{
  g_autofree char *text = mq_json_format_datetime (value);

  mq_json_builder_add_string (builder, member, text, TRUE);
}
