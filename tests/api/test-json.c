/* test-json.c: the tolerant JSON getters, list envelopes and server URLs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <json-glib/json-glib.h>

#include "mq-api-error.h"
#include "mq-client.h"
#include "mq-envelope-private.h"
#include "mq-json-private.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
test_int (void)
{
  g_autoptr(JsonNode) node = parse ("{\"number\": 42, \"string\": \"17\", \"negative\": \"-3\","
                                    " \"double\": 12.0, \"fraction\": 1.5, \"huge\": 1e300,"
                                    " \"max\": 9223372036854775807, \"padded\": \" 5\","
                                    " \"plus\": \"+5\", \"hex\": \"0x10\", \"empty\": \"\","
                                    " \"words\": \"12 monkeys\", \"null\": null, \"bool\": true,"
                                    " \"array\": [1], \"object\": {\"a\": 1},"
                                    " \"overflow\": \"92233720368547758070\"}");
  JsonObject *object = json_node_get_object (node);
  static const char * const bad[] = {
    "fraction", "huge", "padded", "plus", "hex", "empty", "words", "null", "bool",
    "array", "object", "overflow", "missing",
  };
  gint64 value = 0;

  g_assert_true (mq_json_get_int (object, "number", &value));
  g_assert_cmpint (value, ==, 42);
  g_assert_true (mq_json_get_int (object, "string", &value));
  g_assert_cmpint (value, ==, 17);
  g_assert_true (mq_json_get_int (object, "negative", &value));
  g_assert_cmpint (value, ==, -3);
  g_assert_true (mq_json_get_int (object, "double", &value));
  g_assert_cmpint (value, ==, 12);
  g_assert_true (mq_json_get_int (object, "max", &value));
  g_assert_cmpint (value, ==, G_MAXINT64);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      value = 99;
      g_assert_false (mq_json_get_int (object, bad[i], &value));
      g_assert_cmpint (value, ==, 99);
      g_assert_cmpint (mq_json_get_int_or (object, bad[i], -1), ==, -1);
    }

  {
    MqJsonValue member;

    mq_json_value_init_node (&member, json_object_get_member (object, "negative"));
    g_assert_cmpuint (mq_json_value_get_uint_or (&member, 7), ==, 7);
    mq_json_value_init_node (&member, json_object_get_member (object, "max"));
    g_assert_cmpuint (mq_json_value_get_uint_or (&member, 7), ==, G_MAXUINT);
    mq_json_value_init_node (&member, json_object_get_member (object, "string"));
    g_assert_cmpuint (mq_json_value_get_uint_or (&member, 7), ==, 17);
  }
}

static void
test_bool (void)
{
  g_autoptr(JsonNode) node = parse ("{\"t\": true, \"f\": false, \"one\": 1, \"zero\": 0,"
                                    " \"two\": 2, \"s1\": \"1\", \"s0\": \"0\","
                                    " \"strue\": \"TRUE\", \"sfalse\": \"false\", \"yes\": \"yes\","
                                    " \"null\": null, \"list\": []}");
  JsonObject *object = json_node_get_object (node);

  for (int fallback = 0; fallback <= 1; fallback++)
    {
      g_assert_true (mq_json_get_bool (object, "t", fallback));
      g_assert_false (mq_json_get_bool (object, "f", fallback));
      g_assert_true (mq_json_get_bool (object, "one", fallback));
      g_assert_false (mq_json_get_bool (object, "zero", fallback));
      g_assert_true (mq_json_get_bool (object, "two", fallback));
      g_assert_true (mq_json_get_bool (object, "s1", fallback));
      g_assert_false (mq_json_get_bool (object, "s0", fallback));
      g_assert_true (mq_json_get_bool (object, "strue", fallback));
      g_assert_false (mq_json_get_bool (object, "sfalse", fallback));
      /* Anything else is no answer: the fallback. */
      g_assert_cmpint (mq_json_get_bool (object, "yes", fallback), ==, fallback);
      g_assert_cmpint (mq_json_get_bool (object, "null", fallback), ==, fallback);
      g_assert_cmpint (mq_json_get_bool (object, "list", fallback), ==, fallback);
      g_assert_cmpint (mq_json_get_bool (object, "missing", fallback), ==, fallback);
    }
}

static void
test_string (void)
{
  g_autoptr(JsonNode) node = parse ("{\"s\": \"Grüße\", \"empty\": \"\", \"null\": null,"
                                    " \"number\": 5, \"array\": [\"x\"], \"object\": {}}");
  JsonObject *object = json_node_get_object (node);

  g_assert_cmpstr (mq_json_get_string (object, "s"), ==, "Grüße");
  g_assert_cmpstr (mq_json_get_string (object, "empty"), ==, "");
  g_assert_null (mq_json_get_string (object, "null"));
  g_assert_null (mq_json_get_string (object, "number"));
  g_assert_null (mq_json_get_string (object, "array"));
  g_assert_null (mq_json_get_string (object, "missing"));

  g_assert_nonnull (mq_json_get_array (object, "array"));
  g_assert_null (mq_json_get_array (object, "object"));
  g_assert_null (mq_json_get_array (object, "null"));
  g_assert_nonnull (mq_json_get_object (object, "object"));
  g_assert_null (mq_json_get_object (object, "array"));
  g_assert_null (mq_json_get_object (object, "s"));
}

static void
test_datetime (void)
{
  g_autoptr(GDateTime) local = mq_json_parse_datetime ("2024-02-29 23:59:58");
  g_autoptr(GDateTime) iso = NULL;
  g_autoptr(GDateTime) expected = NULL;
  g_autofree char *formatted = NULL;
  static const char * const bad[] = {
    "2024-02-30 10:00:00", "2023-02-29 10:00:00", "2024-13-01 10:00:00",
    "2024-01-01 24:00:00", "2024-01-01 10:60:00", "2024-01-01 10:00:60",
    "2024-01-01", "2024-01-01 10:00", "2024-01-01 10:00:00 ", "2024/01/01 10:00:00",
    "0000-01-01 00:00:00", "yesterday", "", "2024-01-01T10:00:00+25:00",
  };

  /* The test environment runs in UTC unless TZ says otherwise: compare in local time. */
  g_assert_nonnull (local);
  g_assert_cmpint (g_date_time_get_year (local), ==, 2024);
  g_assert_cmpint (g_date_time_get_month (local), ==, 2);
  g_assert_cmpint (g_date_time_get_day_of_month (local), ==, 29);
  g_assert_cmpint (g_date_time_get_hour (local), ==, 23);
  g_assert_cmpint (g_date_time_get_minute (local), ==, 59);
  g_assert_cmpint (g_date_time_get_second (local), ==, 58);

  formatted = mq_json_format_datetime (local);
  g_assert_cmpstr (formatted, ==, "2024-02-29 23:59:58");

  /* Laravel 7+: ISO 8601 in UTC, shown in local time. */
  iso = mq_json_parse_datetime ("2024-03-01T10:15:30.000000Z");
  expected = g_date_time_new_utc (2024, 3, 1, 10, 15, 30);
  g_assert_nonnull (iso);
  g_assert_cmpint (g_date_time_compare (iso, expected), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GDateTime) parsed = mq_json_parse_datetime (bad[i]);

      if (parsed != NULL)
        g_test_message ("parsed what should not be: %s", bad[i]);
      g_assert_null (parsed);
    }

  g_assert_null (mq_json_parse_datetime (NULL));
  g_assert_null (mq_json_format_datetime (NULL));
}

typedef struct
{
  const char *json;
  guint n_items;
  const char *next_url;
  guint current_page;
  guint last_page;
} EnvelopeCase;

static void
test_envelope (void)
{
  static const EnvelopeCase cases[] = {
    { "[]", 0, NULL, 0, 0 },
    { "[{\"id\": 1}, {\"id\": 2}]", 2, NULL, 0, 0 },
    { "{\"data\": [{\"id\": 1}]}", 1, NULL, 0, 0 },
    /* An API resource paginator. */
    { "{\"data\": [{}, {}], \"links\": {\"first\": \"https://x/p?page=1\", \"next\": \"https://x/p?page=2\"},"
      " \"meta\": {\"current_page\": 1, \"last_page\": 3, \"total\": 5}}", 2, "https://x/p?page=2", 1, 3 },
    { "{\"data\": [{}], \"links\": {\"next\": null}, \"meta\": {\"current_page\": 3, \"last_page\": 3}}",
      1, NULL, 3, 3 },
    /* A plain paginator, with Laravel 8's array of page links. */
    { "{\"current_page\": 2, \"data\": [{}], \"next_page_url\": \"/p?page=3\", \"last_page\": \"4\","
      " \"links\": [{\"url\": null, \"label\": \"&laquo; Previous\", \"active\": false}]}",
      1, "/p?page=3", 2, 4 },
    { "{\"current_page\": 1, \"data\": [], \"next_page_url\": null, \"last_page\": 1}", 0, NULL, 1, 1 },
    /* Numbers that make no sense are no numbers. */
    { "{\"current_page\": 5, \"data\": [], \"last_page\": 2}", 0, NULL, 0, 0 },
    { "{\"current_page\": -1, \"data\": [], \"last_page\": \"many\"}", 0, NULL, 0, 0 },
    { "{\"data\": [], \"next_page_url\": \"\"}", 0, NULL, 0, 0 },
    { "{\"data\": [], \"links\": 7, \"meta\": \"none\", \"next_page_url\": 12}", 0, NULL, 0, 0 },
  };
  static const char * const bad[] = {
    "{}", "{\"data\": {\"id\": 1}}", "{\"data\": null}", "{\"items\": []}", "42", "\"list\"",
    "null", "true",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      const char *next_url = "unset";
      guint current_page = 99, last_page = 99;
      JsonArray *items;

      items = mq_envelope_parse (root, &next_url, &current_page, &last_page, &error);
      g_assert_no_error (error);
      g_assert_nonnull (items);
      g_assert_cmpuint (json_array_get_length (items), ==, cases[i].n_items);
      g_assert_cmpstr (next_url, ==, cases[i].next_url);
      g_assert_cmpuint (current_page, ==, cases[i].current_page);
      g_assert_cmpuint (last_page, ==, cases[i].last_page);

      /* Every out argument is optional. */
      g_assert_true (mq_envelope_parse (root, NULL, NULL, NULL, NULL) == items);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) root = parse (bad[i]);
      g_autoptr(GError) error = NULL;

      g_assert_null (mq_envelope_parse (root, NULL, NULL, NULL, &error));
      g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (mq_envelope_parse (NULL, NULL, NULL, NULL, &error));
    g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
  }
}

static void
test_scan_grammar (void)
{
  static const char * const valid[] = {
    "[]", "{}", " [ ] ", "0", "-0", "12", "-1.5e+10", "1E5", "0.25", "true", "false", "null",
    "\"\"", "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", "\"\\u00fc\\uD83D\\uDE00\"",
    "{\"a\": [1, {\"b\": null}, \"x\"], \"c\": {}}", "\"Grüße 日本\"",
    "\n\t\r {\"a\" : 1 , \"b\" :2}\n",
  };
  static const char * const invalid[] = {
    "", " ", "[", "]", "{", "[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{a: 1}", "{'a': 1}",
    "[1 2]", "01", "1.", ".5", "+1", "-", "1e", "1e+", "NaN", "Infinity", "tru", "nul", "True",
    "\"abc", "\"a\\x\"", "\"\\u12\"", "\"\\uD83D\"", "\"\\uDE00\"", "\"\\uD83D\\u0041\"",
    "\"tab\there\"", "[1] [2]", "[1] x", "/* no */ []", "[1]//", "{\"a\":}", "{\"a\"}", "[}", "{]",
    "\"\xff\"", "\"\xc3\"",
  };
  g_autoptr(GString) deep = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      MqJsonValue root;

      g_test_message ("valid: %s", valid[i]);
      g_assert_true (mq_json_scan (valid[i], strlen (valid[i]), &root, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      MqJsonValue root;
      g_autofree char *escaped = g_strescape (invalid[i], NULL);

      g_test_message ("invalid: %s", escaped);
      g_assert_false (mq_json_scan (invalid[i], strlen (invalid[i]), &root, &error));
      g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
    }

  /* A NUL inside is not the end of the text; no text at all is no JSON. */
  {
    MqJsonValue root;

    g_assert_false (mq_json_scan (NULL, 0, &root, NULL));

    g_assert_false (mq_json_scan ("[1]\0", 4, &root, NULL));
    g_assert_true (mq_json_scan ("[1]", 3, &root, NULL));
  }

  /* Nesting: 512 levels are fine, 513 are not (and nothing recurses either way). */
  for (guint i = 0; i < 512; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 512; i++)
    g_string_append_c (deep, ']');
  {
    MqJsonValue root;

    g_assert_true (mq_json_scan (deep->str, deep->len, &root, NULL));
    g_string_prepend_c (deep, '[');
    g_string_append_c (deep, ']');
    g_assert_false (mq_json_scan (deep->str, deep->len, &root, NULL));
  }
}

static void
test_scan_values (void)
{
  static const char json[] =
    "{\"s\": \"Gr\\u00fc\\u00dfe \\\"quoted\\\" \\uD83D\\uDE00\\n\", \"plain\": \"plain\","
    " \"num\": 42, \"neg\": -7, \"dbl\": 12.0, \"frac\": 1.5, \"big\": 1e300,"
    " \"numstr\": \"17\", \"escnum\": \"\\u0031\\u0032\", \"t\": true, \"f\": false,"
    " \"one\": \"1\", \"TRUE\": \"TRUE\", \"zero\": 0, \"n\": null,"
    " \"date\": \"2024-02-29 23:59:58\", \"arr\": [1, [2, 3], {\"x\": \"]}\"}, \"\\\"\"],"
    " \"obj\": {\"k\": {\"deep\": [\"}\"]}},"
    " \"\\u0069d\": 5, \"a-very-long-key-that-does-not-fit-the-small-buffer-of-sixty-four-bytes\": 1}";
  MqJsonValue root;
  MqJsonIter iter;
  MqJsonValue value;
  const char *key;
  guint n_members = 0;
  gboolean saw_id = FALSE, saw_long = FALSE;

  g_assert_true (mq_json_scan (json, strlen (json), &root, NULL));
  g_assert_cmpint (root.kind, ==, MQ_JSON_KIND_OBJECT);

  mq_json_iter_init (&iter, &root);
  while (mq_json_iter_next_member (&iter, &key, &value))
    {
      gint64 number = 0;

      n_members++;
      if (g_str_equal (key, "s"))
        {
          g_autofree char *text = mq_json_value_dup_string (&value);

          g_assert_cmpstr (text, ==, "Grüße \"quoted\" 😀\n");
        }
      else if (g_str_equal (key, "plain"))
        {
          g_autofree char *text = mq_json_value_dup_string (&value);

          g_assert_cmpstr (text, ==, "plain");
          g_assert_false (mq_json_value_get_int (&value, &number));
        }
      else if (g_str_equal (key, "num"))
        {
          g_assert_true (mq_json_value_get_int (&value, &number));
          g_assert_cmpint (number, ==, 42);
          g_assert_null (mq_json_value_dup_string (&value));
          g_assert_true (mq_json_value_get_bool (&value, FALSE));
        }
      else if (g_str_equal (key, "neg"))
        g_assert_cmpint (mq_json_value_get_int_or (&value, 0), ==, -7);
      else if (g_str_equal (key, "dbl"))
        g_assert_cmpint (mq_json_value_get_int_or (&value, 0), ==, 12);
      else if (g_str_equal (key, "frac") || g_str_equal (key, "big"))
        g_assert_false (mq_json_value_get_int (&value, &number));
      else if (g_str_equal (key, "numstr"))
        g_assert_cmpint (mq_json_value_get_int_or (&value, 0), ==, 17);
      else if (g_str_equal (key, "escnum"))
        g_assert_cmpint (mq_json_value_get_int_or (&value, 0), ==, 12);
      else if (g_str_equal (key, "t") || g_str_equal (key, "one") || g_str_equal (key, "TRUE"))
        g_assert_true (mq_json_value_get_bool (&value, FALSE));
      else if (g_str_equal (key, "f") || g_str_equal (key, "zero"))
        g_assert_false (mq_json_value_get_bool (&value, TRUE));
      else if (g_str_equal (key, "n"))
        {
          g_assert_cmpint (value.kind, ==, MQ_JSON_KIND_NULL);
          g_assert_true (mq_json_value_get_bool (&value, TRUE));
          g_assert_null (mq_json_value_dup_string (&value));
          g_assert_false (mq_json_value_get_int (&value, &number));
        }
      else if (g_str_equal (key, "date"))
        {
          g_autoptr(GDateTime) date = mq_json_value_get_datetime (&value);
          g_autofree char *text = mq_json_format_datetime (date);

          g_assert_cmpstr (text, ==, "2024-02-29 23:59:58");
        }
      else if (g_str_equal (key, "arr"))
        {
          MqJsonIter elements;
          MqJsonValue element;
          guint n = 0;
          static const MqJsonKind kinds[] = {
            MQ_JSON_KIND_NUMBER, MQ_JSON_KIND_ARRAY, MQ_JSON_KIND_OBJECT, MQ_JSON_KIND_STRING,
          };

          g_assert_cmpint (value.kind, ==, MQ_JSON_KIND_ARRAY);
          mq_json_iter_init (&elements, &value);
          while (mq_json_iter_next_element (&elements, &element))
            {
              g_assert_cmpuint (n, <, G_N_ELEMENTS (kinds));
              g_assert_cmpint (element.kind, ==, kinds[n]);
              n++;
            }
          mq_json_iter_clear (&elements);
          g_assert_cmpuint (n, ==, 4);
        }
      else if (g_str_equal (key, "obj"))
        g_assert_cmpint (value.kind, ==, MQ_JSON_KIND_OBJECT);
      else if (g_str_equal (key, "id"))
        {
          /* The key was written with an escape. */
          saw_id = TRUE;
          g_assert_cmpint (mq_json_value_get_int_or (&value, 0), ==, 5);
        }
      else if (g_str_has_prefix (key, "a-very-long-key"))
        saw_long = TRUE;
      else
        g_assert_not_reached ();
    }
  mq_json_iter_clear (&iter);

  g_assert_cmpuint (n_members, ==, 20);
  g_assert_true (saw_id);
  g_assert_true (saw_long);
}

/* Strings are checked for UTF-8 where they are scanned, eight bytes at a time while
 * nothing in them needs a look: every kind of bad byte, at every place in a word, is
 * refused, and every well-formed sequence is taken, as g_utf8_validate() judges. */
static void
test_scan_utf8 (void)
{
  static const char * const good[] = {
    "\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf",
    "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "\xc3\xbc", "\xe6\x97\xa5", "\xf0\x9f\x98\x80",
    "\x7f",
  };
  static const char * const bad[] = {
    /* overlong forms, surrogates, past U+10FFFF, stray and missing continuations */
    "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf",
    "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff",
    "\xfe", "\x80", "\xbf", "\xc3", "\xe6\x97", "\xf0\x9f\x98", "\xc3\x28", "\xe6\x28\xa5",
    "\xf0\x9f\x28\x80", "\xf0\x9f\x98\x28",
    /* what JSON does not allow unescaped, and bad escapes */
    "\x01", "\x1f", "\n", "\t", "\\x", "\\u12g", "\\uD800", "\\uDC00", "\\uD800\\u0041",
  };
  static const char padding[] = "abcdefghijklmnopq";

  for (guint offset = 0; offset <= 17; offset++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (good) + G_N_ELEMENTS (bad); i++)
        {
          gboolean is_good = i < G_N_ELEMENTS (good);
          const char *piece = is_good ? good[i] : bad[i - G_N_ELEMENTS (good)];
          /* In the value and in a key, then at the very end of the text. */
          g_autofree char *value = g_strdup_printf ("[\"%.*s%s%s\"]", offset, padding, piece, padding);
          g_autofree char *key = g_strdup_printf ("{\"%.*s%s\": 1}", offset, padding, piece);
          g_autofree char *last = g_strdup_printf ("\"%.*s%s", offset, padding, piece);
          g_autofree char *escaped = g_strescape (value, NULL);
          MqJsonValue root;

          g_test_message ("%s", escaped);
          g_assert_cmpint (mq_json_scan (value, strlen (value), &root, NULL), ==, is_good);
          g_assert_cmpint (mq_json_scan (key, strlen (key), &root, NULL), ==, is_good);
          g_assert_false (mq_json_scan (last, strlen (last), &root, NULL));

          if (is_good)
            {
              g_autofree char *expected = g_strdup_printf ("%.*s%s%s", offset, padding, piece, padding);
              g_autofree char *text = NULL;
              MqJsonIter iter;
              MqJsonValue element;

              /* The string's end is found as the check found it. */
              mq_json_scan (value, strlen (value), &root, NULL);
              mq_json_iter_init (&iter, &root);
              g_assert_true (mq_json_iter_next_element (&iter, &element));
              text = mq_json_value_dup_string (&element);
              g_assert_cmpstr (text, ==, expected);
              g_assert_false (mq_json_iter_next_element (&iter, &element));
              mq_json_iter_clear (&iter);
            }
        }
    }

  /* Outside strings nothing but ASCII. */
  {
    MqJsonValue root;

    g_assert_false (mq_json_scan ("[1,\xc2\xa0" "2]", 7, &root, NULL));
    g_assert_false (mq_json_scan ("\xef\xbb\xbf[]", 5, &root, NULL));
  }
}

/* Escaped quotes and backslashes on either side of a word's edge end no string early
 * when a container is skipped. */
static void
test_scan_escapes_skipped (void)
{
  static const char padding[] = "0123456789abcdef";
  static const char * const pieces[] = { "\\\"", "\\\\", "\\\\\\\"", "\\u0022", "\\/" };
  static const char * const decoded[] = { "\"", "\\", "\\\"", "\"", "/" };

  for (guint offset = 0; offset <= 16; offset++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
        {
          g_autofree char *json = g_strdup_printf ("{\"skip\": [{\"s\": \"%.*s%s%s\"}, \"]\"], "
                                                   "\"after\": \"%.*s%s\"}",
                                                   offset, padding, pieces[i], padding,
                                                   offset, padding, pieces[i]);
          g_autofree char *expected = g_strdup_printf ("%.*s%s", offset, padding, decoded[i]);
          g_autofree char *text = NULL;
          MqJsonValue root;
          MqJsonValue value;
          MqJsonIter iter;
          const char *key;

          g_test_message ("%s", json);
          g_assert_true (mq_json_scan (json, strlen (json), &root, NULL));
          mq_json_iter_init (&iter, &root);
          g_assert_true (mq_json_iter_next_member (&iter, &key, &value));
          g_assert_cmpstr (key, ==, "skip");
          g_assert_cmpint (value.kind, ==, MQ_JSON_KIND_ARRAY);
          g_assert_true (mq_json_iter_next_member (&iter, &key, &value));
          g_assert_cmpstr (key, ==, "after");
          text = mq_json_value_dup_string (&value);
          g_assert_cmpstr (text, ==, expected);
          g_assert_false (mq_json_iter_next_member (&iter, &key, &value));
          mq_json_iter_clear (&iter);
        }
    }
}

/* Integers read by hand (up to 18 digits) and the rest as before. */
static void
test_scan_integers (void)
{
  static const struct { const char *text; gboolean is_int; gint64 value; gboolean flag; } cases[] = {
    { "0", TRUE, 0, FALSE }, { "-0", TRUE, 0, FALSE }, { "7", TRUE, 7, TRUE },
    { "-7", TRUE, -7, TRUE }, { "123456789012345678", TRUE, G_GINT64_CONSTANT (123456789012345678), TRUE },
    { "-123456789012345678", TRUE, G_GINT64_CONSTANT (-123456789012345678), TRUE },
    { "9223372036854775807", TRUE, G_MAXINT64, TRUE },
    { "-9223372036854775808", TRUE, G_MININT64, TRUE },
    { "9223372036854775808", FALSE, 0, TRUE }, { "2.0", TRUE, 2, TRUE }, { "0.0", TRUE, 0, FALSE },
    { "0.5", FALSE, 0, TRUE }, { "1e2", TRUE, 100, TRUE }, { "1e-400", TRUE, 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("[%s]", cases[i].text);
      MqJsonValue root;
      MqJsonValue value;
      MqJsonIter iter;
      gint64 number = 0;

      g_test_message ("%s", cases[i].text);
      g_assert_true (mq_json_scan (json, strlen (json), &root, NULL));
      mq_json_iter_init (&iter, &root);
      g_assert_true (mq_json_iter_next_element (&iter, &value));
      g_assert_cmpint (mq_json_value_get_int (&value, &number), ==, cases[i].is_int);
      if (cases[i].is_int)
        g_assert_cmpint (number, ==, cases[i].value);
      g_assert_cmpint (mq_json_value_get_bool (&value, !cases[i].flag), ==, cases[i].flag);
      mq_json_iter_clear (&iter);
    }
}

/* The same envelope, read from a json-glib tree and scanned, gives the same answer. */
static void
test_envelope_scanned (void)
{
  static const char * const documents[] = {
    "[{\"id\": 1}]",
    "{\"data\": [{}, {}], \"links\": {\"next\": \"https://x/p?page=2\"},"
    " \"meta\": {\"current_page\": 1, \"last_page\": 3}}",
    "{\"current_page\": \"2\", \"data\": [{}], \"next_page_url\": \"/p?page=3\", \"last_page\": 4,"
    " \"links\": [{\"url\": null}]}",
    "{\"data\": [], \"links\": {\"next\": null}, \"next_page_url\": \"/p?page=\\u0032\"}",
    "{\"data\": [], \"links\": {\"next\": \"\"}, \"next_page_url\": \"/x\"}",
    "{\"current_page\": 5, \"data\": [1, 2, 3], \"last_page\": 2}",
    "{\"data\": [], \"data\": [1]}",
    "{\"data\": {\"id\": 1}}",
    "{\"items\": []}",
    "\"text\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(JsonNode) tree = parse (documents[i]);
      g_autoptr(GError) tree_error = NULL;
      g_autoptr(GError) scan_error = NULL;
      g_autofree char *scanned_next = NULL;
      const char *tree_next = NULL;
      guint tree_current = 0, tree_last = 0, scanned_current = 0, scanned_last = 0;
      MqJsonValue root, items;
      JsonArray *tree_items;
      gboolean scanned_ok;

      g_test_message ("%s", documents[i]);
      tree_items = mq_envelope_parse (tree, &tree_next, &tree_current, &tree_last, &tree_error);

      g_assert_true (mq_json_scan (documents[i], strlen (documents[i]), &root, NULL));
      scanned_ok = mq_envelope_read (&root, &items, &scanned_next, &scanned_current,
                                     &scanned_last, &scan_error);

      g_assert_cmpint (scanned_ok, ==, tree_items != NULL);
      if (!scanned_ok)
        {
          g_assert_cmpint (scan_error->code, ==, tree_error->code);
          continue;
        }

      g_assert_cmpstr (scanned_next, ==, tree_next);
      g_assert_cmpuint (scanned_current, ==, tree_current);
      g_assert_cmpuint (scanned_last, ==, tree_last);
      {
        MqJsonIter iter;
        MqJsonValue element;
        guint n = 0;

        mq_json_iter_init (&iter, &items);
        while (mq_json_iter_next_element (&iter, &element))
          n++;
        mq_json_iter_clear (&iter);
        g_assert_cmpuint (n, ==, json_array_get_length (tree_items));
      }
    }
}

typedef struct
{
  const char *url;
  const char *normalized; /* NULL: refused */
  const char *secret;     /* never in the message */
} UrlCase;

/* A refused address whose message suggests the one to use: an IPv6 host keeps its
 * brackets there. */
static void
test_server_url_suggestion (void)
{
  static const struct { const char *url; const char *suggested; } cases[] = {
    { "http://[::ffff:127.0.0.1]", "https://[::ffff:127.0.0.1]" },
    { "http://[2001:db8::1]:8080", "https://[2001:db8::1]:" },
    { "http://cloud.viewneo.com", "https://cloud.viewneo.com:" },
    { "https://[2001:db8::1]:8443/dashboard", "enter only https://[2001:db8::1]:8443." },
    { "https://cloud.viewneo.com/dashboard", "enter only https://cloud.viewneo.com." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = mq_server_url_normalize (cases[i].url, &error);

      g_test_message ("“%s”: %s", cases[i].url, error != NULL ? error->message : "accepted");
      g_assert_null (normalized);
      g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER);
      g_assert_nonnull (strstr (error->message, cases[i].suggested));
    }
}

static void
test_server_url (void)
{
  static const UrlCase cases[] = {
    { "https://cloud.viewneo.com", "https://cloud.viewneo.com", NULL },
    { "https://cloud.viewneo.com/", "https://cloud.viewneo.com", NULL },
    { "  HTTPS://Cloud.Viewneo.COM/  ", "https://cloud.viewneo.com", NULL },
    { "cloud.viewneo.com", "https://cloud.viewneo.com", NULL },
    { "https://cloud.viewneo.com:443", "https://cloud.viewneo.com", NULL },
    { "https://cloud.viewneo.com:8443/", "https://cloud.viewneo.com:8443", NULL },
    { "https://signage.example.co.uk.", "https://signage.example.co.uk.", NULL },
    { "https://bücher.example", "https://xn--bcher-kva.example", NULL },
    { "https://192.0.2.10", "https://192.0.2.10", NULL },
    { "https://[2001:db8::1]:8443", "https://[2001:db8::1]:8443", NULL },
    /* http only to this computer. */
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080", NULL },
    { "http://127.1.2.3", "http://127.1.2.3", NULL },
    { "http://localhost:3000/", "http://localhost:3000", NULL },
    { "http://LOCALHOST", "http://localhost", NULL },
    { "http://[::1]:8080", "http://[::1]:8080", NULL },
    { "http://127.0.0.1:80", "http://127.0.0.1", NULL },
    { "http://cloud.viewneo.com", NULL, NULL },
    { "http://10.0.0.1", NULL, NULL },
    { "http://128.0.0.1", NULL, NULL },
    { "http://[::2]", NULL, NULL },
    { "http://localhost.example.com", NULL, NULL },
    { "http://127.0.0.1.nip.io", NULL, NULL },
    /* Other schemes, credentials, queries, fragments, paths. */
    { "ftp://cloud.viewneo.com", NULL, NULL },
    { "file:///etc/passwd", NULL, NULL },
    { "https://admin:hunter2@cloud.viewneo.com", NULL, "hunter2" },
    { "https://admin@cloud.viewneo.com", NULL, "admin" },
    { "https://cloud.viewneo.com/?access_token=s3cr3t", NULL, "s3cr3t" },
    { "https://cloud.viewneo.com?", NULL, NULL },
    { "https://cloud.viewneo.com/#s3cr3t", NULL, "s3cr3t" },
    { "https://cloud.viewneo.com/dashboard", NULL, "dashboard" },
    { "https://cloud.viewneo.com/api/v1.0", NULL, NULL },
    /* No host, or not a host. */
    { "", NULL, NULL },
    { "   ", NULL, NULL },
    { "https://", NULL, NULL },
    { "https:///path", NULL, NULL },
    { "https://exa mple.com", NULL, NULL },
    { "https://exa%20mple.com", NULL, NULL },
    { "https://under_score.example", NULL, NULL },
    { "https://cloud.viewneo.com:99999", NULL, NULL },
    { "https://-cloud.viewneo.com", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = mq_server_url_normalize (cases[i].url, &error);

      g_test_message ("“%s”", cases[i].url);
      if (cases[i].normalized != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (normalized, ==, cases[i].normalized);

          /* Normalising is idempotent. */
          {
            g_autofree char *again = mq_server_url_normalize (normalized, &error);

            g_assert_no_error (error);
            g_assert_cmpstr (again, ==, normalized);
          }
        }
      else
        {
          g_assert_null (normalized);
          g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER);
          g_assert_cmpstr (error->message, !=, "");
          if (cases[i].secret != NULL)
            g_assert_null (strstr (error->message, cases[i].secret));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/int", test_int);
  g_test_add_func ("/json/bool", test_bool);
  g_test_add_func ("/json/string", test_string);
  g_test_add_func ("/json/datetime", test_datetime);
  g_test_add_func ("/json/envelope", test_envelope);
  g_test_add_func ("/json/scan/grammar", test_scan_grammar);
  g_test_add_func ("/json/scan/values", test_scan_values);
  g_test_add_func ("/json/scan/utf8", test_scan_utf8);
  g_test_add_func ("/json/scan/escapes-skipped", test_scan_escapes_skipped);
  g_test_add_func ("/json/scan/integers", test_scan_integers);
  g_test_add_func ("/json/scan/envelope", test_envelope_scanned);
  g_test_add_func ("/json/server-url", test_server_url);
  g_test_add_func ("/json/server-url/suggestion", test_server_url_suggestion);

  return g_test_run ();
}
