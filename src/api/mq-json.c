/* mq-json.c: tolerant reading of viewneo's JSON, from json-glib or scanned
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mq-api-error.h"
#include "mq-json-private.h"
#include "mq-models-private.h"

#define MAX_DEPTH 512

/* ---- text → values, shared by both sources ---- */

static gboolean
parse_decimal (const char *text,
               gint64     *value)
{
  gint64 parsed;

  /* g_ascii_string_to_signed() refuses whitespace and anything after the digits:
   * exactly the strictness wanted for ids. It takes a '+', which JSON never writes. */
  if (text[0] == '+')
    return FALSE;
  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &parsed, NULL))
    return FALSE;

  *value = parsed;
  return TRUE;
}

static gboolean
double_to_int (double  d,
               gint64 *value)
{
  /* 2^63 is exactly representable; anything at or beyond it is not an int64. */
  if (!isfinite (d) || d != floor (d) || d < -9223372036854775808.0 || d >= 9223372036854775808.0)
    return FALSE;

  *value = (gint64) d;
  return TRUE;
}

/* -1 when @text is none of the spellings of a flag. */
static int
parse_flag (const char *text)
{
  if (g_str_equal (text, "1") || g_ascii_strcasecmp (text, "true") == 0)
    return TRUE;
  if (g_str_equal (text, "0") || g_ascii_strcasecmp (text, "false") == 0)
    return FALSE;
  return -1;
}

/* ---- json-glib objects ---- */

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
    return double_to_int (json_node_get_double (node), value);
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

static gboolean
node_get_bool (JsonNode *node,
               gboolean  fallback)
{
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
      int flag = parse_flag (json_node_get_string (node));

      if (flag >= 0)
        return flag;
    }

  return fallback;
}

gboolean
mq_json_get_bool (JsonObject *object,
                  const char *member,
                  gboolean    fallback)
{
  return node_get_bool (json_object_get_member (object, member), fallback);
}

static const char *
node_get_string (JsonNode *node)
{
  const char *text;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  /* json-glib 1.6 decodes a lone surrogate escape ("\ud800") to bytes that are not
   * UTF-8, where the scanner refuses the text: such a string is unusable either way. */
  text = json_node_get_string (node);
  return g_utf8_validate (text, -1, NULL) ? text : NULL;
}

const char *
mq_json_get_string (JsonObject *object,
                    const char *member)
{
  return node_get_string (json_object_get_member (object, member));
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

/* ---- the scanner ---- */

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && is_space (*p))
    p++;
  return p;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits at @p, or -1. */
static int
read_hex4 (const char *p,
           const char *end)
{
  int result = 0;

  if (end - p < 4)
    return -1;

  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return -1;
      result = result * 16 + digit;
    }

  return result;
}

#define WORD_ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define WORD_HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* The high bit of each byte of @word below @limit, 1 to 0x80. (x - 0x01…) & ~x has a
 * high bit set where some byte of x is 0, (x - 0x20…) & ~x where some byte is below
 * 0x20: never missed, at worst a false alarm. */
static inline guint64
word_bytes_below (guint64       word,
                  unsigned char limit)
{
  return (word - WORD_ONES * limit) & ~word & WORD_HIGHS;
}

/* Flags the bytes of @word that are '"' or '\\'. */
static inline guint64
word_has_quote_or_backslash (guint64 word)
{
  return word_bytes_below (word ^ (WORD_ONES * '"'), 1) |
         word_bytes_below (word ^ (WORD_ONES * '\\'), 1);
}

/* Whether any byte of @word is '"', '\\', a control character or not ASCII: a word of
 * none of them is plain string text, checked eight bytes at a time. */
static inline guint64
word_has_special (guint64 word)
{
  return word_bytes_below (word, 0x20) | word_has_quote_or_backslash (word) | (word & WORD_HIGHS);
}

/* The index of the first byte (in memory order) flagged in a mask of word_has_special()
 * or find_string_end(). On a little-endian machine the first one flagged is always a
 * true one, as a false alarm only comes from a borrow out of a byte before it; a false
 * one is an ordinary byte, which the callers' byte-wise step takes as such. */
static inline guint
first_flagged_byte (guint64 mask)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  return __builtin_ctzll (mask) / 8;
#else
  return __builtin_clzll (mask) / 8;
#endif
}

/* The length of the well-formed UTF-8 sequence of more than one byte at @p (RFC 3629:
 * no overlong forms, no surrogates, nothing past U+10FFFF), or 0. */
static inline int
utf8_sequence_length (const unsigned char *p,
                      const unsigned char *end)
{
  unsigned char c = p[0];
  unsigned char low = 0x80;
  unsigned char high = 0xbf;
  int length;

  if (c < 0xc2 || c > 0xf4)
    return 0;
  if (c < 0xe0)
    length = 2;
  else if (c < 0xf0)
    {
      length = 3;
      if (c == 0xe0)
        low = 0xa0;
      else if (c == 0xed)
        high = 0x9f;
    }
  else
    {
      length = 4;
      if (c == 0xf0)
        low = 0x90;
      else if (c == 0xf4)
        high = 0x8f;
    }

  if (end - p < length || p[1] < low || p[1] > high)
    return 0;
  for (int i = 2; i < length; i++)
    {
      if (p[i] < 0x80 || p[i] > 0xbf)
        return 0;
    }

  return length;
}

/* @p is just past the opening quote; returns the closing quote, or NULL. The text must
 * be UTF-8 (outside strings the grammar allows only ASCII, so this checks all of a
 * response's UTF-8). Surrogate escapes must come in pairs, so that decoding later
 * cannot fail. */
static const char *
check_string (const char *p,
              const char *end)
{
  while (p < end)
    {
      unsigned char c;
      guint64 word;

      if (end - p >= 8)
        {
          guint64 special;

          memcpy (&word, p, sizeof word);
          special = word_has_special (word);
          if (special == 0)
            {
              p += 8;
              continue;
            }
          p += first_flagged_byte (special);
        }

      c = (unsigned char) *p;
      if (c == '"')
        return p;
      if (c < 0x20)
        return NULL;
      if (c >= 0x80)
        {
          int length = utf8_sequence_length ((const unsigned char *) p,
                                             (const unsigned char *) end);

          if (length == 0)
            return NULL;
          p += length;
          continue;
        }
      if (c != '\\')
        {
          p++;
          continue;
        }

      if (++p >= end)
        return NULL;
      switch (*p)
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          p++;
          break;
        case 'u':
          {
            int unit = read_hex4 (p + 1, end);

            if (unit < 0 || (unit >= 0xdc00 && unit <= 0xdfff))
              return NULL;
            p += 5;
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                int low;

                if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
                  return NULL;
                low = read_hex4 (p + 2, end);
                if (low < 0xdc00 || low > 0xdfff)
                  return NULL;
                p += 6;
              }
          }
          break;
        default:
          return NULL;
        }
    }

  return NULL;
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? ; returns the end, or NULL. */
static const char *
check_number (const char *p,
              const char *end)
{
  if (p < end && *p == '-')
    p++;
  if (p >= end || !g_ascii_isdigit (*p))
    return NULL;
  if (*p == '0')
    p++;
  else
    while (p < end && g_ascii_isdigit (*p))
      p++;

  if (p < end && *p == '.')
    {
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return NULL;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return NULL;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  return p;
}

static const char *
check_literal (const char *p,
               const char *end,
               const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (end - p) < length || memcmp (p, word, length) != 0)
    return NULL;
  return p + length;
}

typedef enum
{
  EXPECT_VALUE,
  EXPECT_VALUE_OR_CLOSE,
  EXPECT_KEY,
  EXPECT_KEY_OR_CLOSE,
  AFTER_VALUE,
} ScanState;

/* One pass over the whole text, without recursion, checking the grammar. */
static gboolean
check_json (const char *data,
            gsize       length)
{
  const char *p = data;
  const char *end = data + length;
  char stack[MAX_DEPTH];
  int depth = 0;
  ScanState state = EXPECT_VALUE;

  while (TRUE)
    {
      p = skip_space (p, end);

      switch (state)
        {
        case EXPECT_VALUE_OR_CLOSE:
          if (p < end && *p == ']')
            {
              p++;
              depth--;
              state = AFTER_VALUE;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case EXPECT_VALUE:
          if (p >= end)
            return FALSE;
          switch (*p)
            {
            case '{':
            case '[':
              if (depth == MAX_DEPTH)
                return FALSE;
              stack[depth++] = *p;
              state = *p == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
              p++;
              break;
            case '"':
              p = check_string (p + 1, end);
              if (p == NULL)
                return FALSE;
              p++;
              state = AFTER_VALUE;
              break;
            case 't':
              p = check_literal (p, end, "true");
              state = AFTER_VALUE;
              break;
            case 'f':
              p = check_literal (p, end, "false");
              state = AFTER_VALUE;
              break;
            case 'n':
              p = check_literal (p, end, "null");
              state = AFTER_VALUE;
              break;
            default:
              p = check_number (p, end);
              state = AFTER_VALUE;
              break;
            }
          if (p == NULL)
            return FALSE;
          break;

        case EXPECT_KEY_OR_CLOSE:
          if (p < end && *p == '}')
            {
              p++;
              depth--;
              state = AFTER_VALUE;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case EXPECT_KEY:
          if (p >= end || *p != '"')
            return FALSE;
          p = check_string (p + 1, end);
          if (p == NULL)
            return FALSE;
          p = skip_space (p + 1, end);
          if (p >= end || *p != ':')
            return FALSE;
          p++;
          state = EXPECT_VALUE;
          break;

        case AFTER_VALUE:
          if (depth == 0)
            return p == end;
          if (p >= end)
            return FALSE;
          if (*p == ',')
            state = stack[depth - 1] == '{' ? EXPECT_KEY : EXPECT_VALUE;
          else if ((*p == '}' && stack[depth - 1] == '{') || (*p == ']' && stack[depth - 1] == '['))
            depth--;
          else
            return FALSE;
          p++;
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/* In checked text, @p just past an opening quote: the closing quote. Most of a
 * response is strings (keys, names), most of them short, so this is where skipping
 * spends its time: eight bytes at a time while none is a quote or a backslash. */
static inline const char *
find_string_end (const char *p,
                 const char *end)
{
  while (TRUE)
    {
      if (end - p >= 8)
        {
          guint64 word;
          guint64 mask;

          memcpy (&word, p, sizeof word);
          mask = word_has_quote_or_backslash (word);
          if (mask == 0)
            {
              p += 8;
              continue;
            }
          p += first_flagged_byte (mask);
        }

      if (*p == '"')
        return p;
      /* An escape is at least two characters; those after "\\u" are hex digits. */
      p += *p == '\\' ? 2 : 1;
    }
}

/* In checked text: the value at @p, and what follows it. */
static const char *
read_value (const char  *p,
            const char  *end,
            MqJsonValue *value)
{
  const char *start;

  p = skip_space (p, end);
  start = p;
  memset (value, 0, sizeof *value);

  switch (*p)
    {
    case '"':
      p = find_string_end (p + 1, end);
      value->kind = MQ_JSON_KIND_STRING;
      value->text = start + 1;
      value->length = p - start - 1;
      return p + 1;

    case '{':
    case '[':
      {
        int depth = 0;

        do
          {
            switch (*p)
              {
              case '"':
                p = find_string_end (p + 1, end);
                break;
              case '{':
              case '[':
                depth++;
                break;
              case '}':
              case ']':
                depth--;
                break;
              default:
                break;
              }
            p++;
          }
        while (depth > 0);
        value->kind = *start == '{' ? MQ_JSON_KIND_OBJECT : MQ_JSON_KIND_ARRAY;
        break;
      }

    case 't':
    case 'f':
      value->kind = MQ_JSON_KIND_BOOLEAN;
      p += *p == 't' ? 4 : 5;
      break;

    case 'n':
      value->kind = MQ_JSON_KIND_NULL;
      p += 4;
      break;

    default:
      value->kind = MQ_JSON_KIND_NUMBER;
      while (p < end && (g_ascii_isdigit (*p) || *p == '-' || *p == '+' || *p == '.' ||
                         *p == 'e' || *p == 'E'))
        p++;
      break;
    }

  value->text = start;
  value->length = p - start;
  return p;
}

gboolean
mq_json_scan (const char   *data,
              gsize         length,
              MqJsonValue  *root,
              GError      **error)
{
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (root != NULL, FALSE);

  /* check_json() checks the UTF-8 as well: in its strings, as nothing else may have
   * bytes beyond ASCII. */
  if (length == 0 || !check_json (data, length))
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("The server sent a response that is not valid JSON."));
      return FALSE;
    }

  /* A container is all of the text but the space around it: not walked again just to
   * find its end (a list page is mostly its one "data" array). */
  {
    const char *start = skip_space (data, data + length);
    const char *end = data + length;

    while (is_space (end[-1]))
      end--;

    if (*start == '{' || *start == '[')
      {
        memset (root, 0, sizeof *root);
        root->kind = *start == '{' ? MQ_JSON_KIND_OBJECT : MQ_JSON_KIND_ARRAY;
        root->text = start;
        root->length = end - start;
        return TRUE;
      }
  }

  read_value (data, data + length, root);
  return TRUE;
}

/* A checked string's contents, escapes decoded. */
static char *
decode_string (const char *text,
               gsize       length)
{
  const char *end = text + length;
  const char *backslash = memchr (text, '\\', length);
  GString *out;

  if (backslash == NULL)
    return g_strndup (text, length);

  out = g_string_sized_new (length);
  g_string_append_len (out, text, backslash - text);

  for (const char *p = backslash; p < end; )
    {
      gunichar c;

      if (*p != '\\')
        {
          g_string_append_c (out, *p++);
          continue;
        }

      switch (p[1])
        {
        case 'b': g_string_append_c (out, '\b'); p += 2; continue;
        case 'f': g_string_append_c (out, '\f'); p += 2; continue;
        case 'n': g_string_append_c (out, '\n'); p += 2; continue;
        case 'r': g_string_append_c (out, '\r'); p += 2; continue;
        case 't': g_string_append_c (out, '\t'); p += 2; continue;
        case 'u': break;
        default: g_string_append_c (out, p[1]); p += 2; continue;
        }

      c = read_hex4 (p + 2, end);
      p += 6;
      if (c >= 0xd800 && c <= 0xdbff)
        {
          c = 0x10000 + ((c - 0xd800) << 10) + (read_hex4 (p + 2, end) - 0xdc00);
          p += 6;
        }
      g_string_append_unichar (out, c);
    }

  /* As long as the text and no longer: it is kept, and the buffer grew in powers of
   * two (PHP escapes every non-ASCII character, so most names with one come here). */
  length = out->len;
  return g_realloc (g_string_free (out, FALSE), length + 1);
}

/* The string of a scanned value into @buffer when it fits, else allocated in @heap. */
static const char *
scanned_string (const MqJsonValue *value,
                char              *buffer,
                gsize              size,
                char             **heap)
{
  if (value->length < size && memchr (value->text, '\\', value->length) == NULL)
    {
      memcpy (buffer, value->text, value->length);
      buffer[value->length] = '\0';
      return buffer;
    }

  *heap = decode_string (value->text, value->length);
  return *heap;
}

/* ---- values ---- */

void
mq_json_value_init_node (MqJsonValue *value,
                         JsonNode    *node)
{
  memset (value, 0, sizeof *value);
  value->node = node;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      value->kind = MQ_JSON_KIND_OBJECT;
      value->object = json_node_get_object (node);
      break;
    case JSON_NODE_ARRAY:
      value->kind = MQ_JSON_KIND_ARRAY;
      break;
    case JSON_NODE_NULL:
      value->kind = MQ_JSON_KIND_NULL;
      break;
    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          value->kind = MQ_JSON_KIND_STRING;
        else if (type == G_TYPE_BOOLEAN)
          value->kind = MQ_JSON_KIND_BOOLEAN;
        else
          value->kind = MQ_JSON_KIND_NUMBER;
      }
      break;
    }
}

void
mq_json_value_init_object (MqJsonValue *value,
                           JsonObject  *object)
{
  memset (value, 0, sizeof *value);
  value->kind = MQ_JSON_KIND_OBJECT;
  value->object = object;
}

/* A scanned number of up to 18 digits, which cannot overflow, and no fraction or
 * exponent, read by hand: how viewneo sends ids, counts and flags. FALSE for any other,
 * left to the general way. In checked text a '-' can only come first. */
static gboolean
read_plain_integer (const MqJsonValue *value,
                    gint64            *out)
{
  const char *p = value->text;
  const char *end = p + value->length;
  gboolean negative;
  gint64 result = 0;

  if (value->length == 0 || value->length > 18)
    return FALSE;

  negative = *p == '-';
  for (p += negative; p < end && g_ascii_isdigit (*p); p++)
    result = result * 10 + (*p - '0');
  if (p != end || end == value->text + negative)
    return FALSE;

  *out = negative ? -result : result;
  return TRUE;
}

static gboolean
scanned_number_get_int (const MqJsonValue *value,
                        gint64            *out)
{
  char buffer[64];

  if (read_plain_integer (value, out))
    return TRUE;

  /* No int64 needs that many characters; a double written that long is no id. */
  if (value->length >= sizeof buffer)
    return FALSE;
  memcpy (buffer, value->text, value->length);
  buffer[value->length] = '\0';

  if (strpbrk (buffer, ".eE") == NULL)
    return parse_decimal (buffer, out);

  return double_to_int (g_ascii_strtod (buffer, NULL), out);
}

gboolean
mq_json_value_get_int (const MqJsonValue *value,
                       gint64            *out)
{
  if (value->node != NULL)
    return mq_json_node_get_int (value->node, out);

  if (value->kind == MQ_JSON_KIND_NUMBER && value->text != NULL)
    return scanned_number_get_int (value, out);

  if (value->kind == MQ_JSON_KIND_STRING && value->text != NULL)
    {
      char buffer[64];
      g_autofree char *heap = NULL;

      return parse_decimal (scanned_string (value, buffer, sizeof buffer, &heap), out);
    }

  return FALSE;
}

gint64
mq_json_value_get_int_or (const MqJsonValue *value,
                          gint64             fallback)
{
  gint64 result;

  if (mq_json_value_get_int (value, &result))
    return result;
  return fallback;
}

gint64
mq_json_value_get_id (const MqJsonValue *value)
{
  return MAX (mq_json_value_get_int_or (value, 0), 0);
}

guint
mq_json_value_get_uint_or (const MqJsonValue *value,
                           guint              fallback)
{
  gint64 result;

  if (!mq_json_value_get_int (value, &result) || result < 0)
    return fallback;
  return (guint) MIN (result, (gint64) G_MAXUINT);
}

gboolean
mq_json_value_get_bool (const MqJsonValue *value,
                        gboolean           fallback)
{
  if (value->node != NULL)
    return node_get_bool (value->node, fallback);

  if (value->text == NULL)
    return fallback;

  switch (value->kind)
    {
    case MQ_JSON_KIND_BOOLEAN:
      return value->text[0] == 't';

    case MQ_JSON_KIND_NUMBER:
      {
        char buffer[64];
        gint64 integer;

        /* 0 and 1, as viewneo sends flags, without strtod(). */
        if (read_plain_integer (value, &integer))
          return integer != 0;
        if (value->length >= sizeof buffer)
          return fallback;
        memcpy (buffer, value->text, value->length);
        buffer[value->length] = '\0';
        return g_ascii_strtod (buffer, NULL) != 0.0;
      }

    case MQ_JSON_KIND_STRING:
      {
        char buffer[16];
        g_autofree char *heap = NULL;
        int flag = parse_flag (scanned_string (value, buffer, sizeof buffer, &heap));

        return flag >= 0 ? flag : fallback;
      }

    case MQ_JSON_KIND_NULL:
    case MQ_JSON_KIND_ARRAY:
    case MQ_JSON_KIND_OBJECT:
    default:
      return fallback;
    }
}

char *
mq_json_value_dup_string (const MqJsonValue *value)
{
  if (value->node != NULL)
    return g_strdup (node_get_string (value->node));

  if (value->kind != MQ_JSON_KIND_STRING || value->text == NULL)
    return NULL;

  return decode_string (value->text, value->length);
}

char *
mq_json_value_dup_interned (const MqJsonValue *value)
{
  g_autofree char *text = mq_json_value_dup_string (value);

  return text != NULL ? g_ref_string_new_intern (text) : NULL;
}

GDateTime *
mq_json_value_get_datetime (const MqJsonValue *value)
{
  char buffer[64];
  g_autofree char *heap = NULL;

  if (value->node != NULL)
    return mq_json_parse_datetime (node_get_string (value->node));

  if (value->kind != MQ_JSON_KIND_STRING || value->text == NULL)
    return NULL;

  return mq_json_parse_datetime (scanned_string (value, buffer, sizeof buffer, &heap));
}

gboolean
mq_json_value_get_datetime_usec (const MqJsonValue *value,
                                 gint64            *usec)
{
  g_autoptr(GDateTime) datetime = mq_json_value_get_datetime (value);

  if (datetime == NULL)
    return FALSE;

  *usec = g_date_time_to_unix (datetime) * G_USEC_PER_SEC + g_date_time_get_microsecond (datetime);
  return TRUE;
}

/* ---- iterating ---- */

void
mq_json_iter_init (MqJsonIter        *iter,
                   const MqJsonValue *container)
{
  memset (iter, 0, sizeof *iter);

  g_return_if_fail (container->kind == MQ_JSON_KIND_OBJECT ||
                    container->kind == MQ_JSON_KIND_ARRAY);

  if (container->object != NULL)
    json_object_iter_init (&iter->object_iter, container->object);
  else if (container->node != NULL)
    iter->array = json_node_get_array (container->node);
  else
    {
      iter->scanned = TRUE;
      /* Inside the brackets. */
      iter->p = container->text + 1;
      iter->end = container->text + container->length - 1;
    }
}

/* Scanned: past the separator to the next item, FALSE at the end. */
static gboolean
scanned_advance (MqJsonIter *iter)
{
  iter->p = skip_space (iter->p, iter->end);
  if (iter->p < iter->end && *iter->p == ',')
    iter->p = skip_space (iter->p + 1, iter->end);

  return iter->p < iter->end;
}

gboolean
mq_json_iter_next_member (MqJsonIter   *iter,
                          const char  **key,
                          MqJsonValue  *value)
{
  if (!iter->scanned)
    {
      const char *name;
      JsonNode *node;

      if (!json_object_iter_next (&iter->object_iter, &name, &node))
        return FALSE;
      *key = name;
      mq_json_value_init_node (value, node);
      return TRUE;
    }

  if (!scanned_advance (iter))
    return FALSE;

  {
    MqJsonValue key_value;

    iter->p = read_value (iter->p, iter->end, &key_value);
    g_clear_pointer (&iter->long_key, g_free);
    *key = scanned_string (&key_value, iter->key_buffer, sizeof iter->key_buffer, &iter->long_key);

    /* Past the colon. */
    iter->p = skip_space (iter->p, iter->end) + 1;
    iter->p = read_value (iter->p, iter->end, value);
  }

  return TRUE;
}

gboolean
mq_json_iter_next_element (MqJsonIter  *iter,
                           MqJsonValue *value)
{
  if (!iter->scanned)
    {
      if (iter->array == NULL || iter->index >= json_array_get_length (iter->array))
        return FALSE;
      mq_json_value_init_node (value, json_array_get_element (iter->array, iter->index++));
      return TRUE;
    }

  if (!scanned_advance (iter))
    return FALSE;

  iter->p = read_value (iter->p, iter->end, value);
  return TRUE;
}

void
mq_json_iter_clear (MqJsonIter *iter)
{
  g_clear_pointer (&iter->long_key, g_free);
}

int
mq_json_key_index (const char         *key,
                   const char * const *names)
{
  return mq_json_key_index_from (key, names, 0);
}

int
mq_json_key_index_from (const char         *key,
                        const char * const *names,
                        int                 first)
{
  /* Comparing the first character first: a model looks up each member of each of
   * 100,000 items. From @first to the end, then from the start. */
  for (int i = first; i >= 0 && names[i] != NULL; i++)
    {
      if (names[i][0] == key[0] && strcmp (names[i], key) == 0)
        return i;
    }
  for (int i = 0; i < first && names[i] != NULL; i++)
    {
      if (names[i][0] == key[0] && strcmp (names[i], key) == 0)
        return i;
    }

  return -1;
}

/* ---- dates ---- */

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

  /* The common case, "YYYY-MM-DD HH:MM:SS", read by hand. */
  if (strlen (text) == 19 &&
      read_digits (text, 4, &year) && text[4] == '-' &&
      read_digits (text + 5, 2, &month) && text[7] == '-' &&
      read_digits (text + 8, 2, &day) && text[10] == ' ' &&
      read_digits (text + 11, 2, &hour) && text[13] == ':' &&
      read_digits (text + 14, 2, &minute) && text[16] == ':' &&
      read_digits (text + 17, 2, &second))
    {
      /* g_date_time_new() refuses impossible dates (30 February) itself. */
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
mq_json_datetime_new_from_usec (gint64 usec)
{
  g_autoptr(GDateTime) utc = NULL;
  gint64 seconds = usec / G_USEC_PER_SEC;
  gint64 rest = usec % G_USEC_PER_SEC;

  if (rest < 0)
    {
      rest += G_USEC_PER_SEC;
      seconds--;
    }

  utc = g_date_time_new_from_unix_utc (seconds);
  if (utc == NULL)
    return NULL;
  if (rest != 0)
    {
      GDateTime *exact = g_date_time_add (utc, rest);

      g_date_time_unref (utc);
      utc = exact;
    }

  return g_date_time_to_timezone (utc, get_local_time_zone ());
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

/* ---- writing ---- */

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
