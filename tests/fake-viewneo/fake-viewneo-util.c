/* fake-viewneo-util.c: small helpers shared by the parts of the fake viewneo server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fake-viewneo"

#include "fake-viewneo-util.h"

#include <string.h>

void
fake_json_append_string (GString    *out,
                         const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

char *
fake_base64url_encode (const guint8 *data,
                       gsize         len)
{
  char *encoded = g_base64_encode (data, len);
  gsize out = 0;

  for (gsize in = 0; encoded[in] != '\0'; in++)
    {
      switch (encoded[in])
        {
        case '+':
          encoded[out++] = '-';
          break;
        case '/':
          encoded[out++] = '_';
          break;
        case '=':
          break;
        default:
          encoded[out++] = encoded[in];
          break;
        }
    }
  encoded[out] = '\0';

  return encoded;
}

char *
fake_random_hex (gsize n_bytes)
{
  static const char digits[] = "0123456789abcdef";
  GString *hex = g_string_sized_new (n_bytes * 2);

  for (gsize i = 0; i < n_bytes; i++)
    {
      guint byte = g_random_int_range (0, 256);

      g_string_append_c (hex, digits[byte >> 4]);
      g_string_append_c (hex, digits[byte & 0xf]);
    }

  return g_string_free (hex, FALSE);
}

GBytes *
fake_compress (GZlibCompressorFormat  format,
               const guint8          *data,
               gsize                  len)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (format, -1);
  GByteArray *out = g_byte_array_sized_new (len / 4 + 64);
  gsize in_offset = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      guint8 buffer[16384];
      gsize bytes_read = 0;
      gsize bytes_written = 0;
      GConverterResult result;

      result = g_converter_convert (G_CONVERTER (compressor),
                                    data + in_offset, len - in_offset,
                                    buffer, sizeof buffer,
                                    G_CONVERTER_INPUT_AT_END,
                                    &bytes_read, &bytes_written, &error);
      /* Compressing memory into memory only fails on a bug. */
      g_assert_no_error (error);
      in_offset += bytes_read;
      g_byte_array_append (out, buffer, bytes_written);
      if (result == G_CONVERTER_FINISHED)
        break;
    }

  return g_byte_array_free_to_bytes (out);
}

void
fake_reply (SoupServerMessage *msg,
            guint              status,
            const char        *content_type,
            GBytes            *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *response_body = soup_server_message_get_response_body (msg);

  soup_server_message_set_status (msg, status,
                                  status == FAKE_STATUS_TOO_MANY_REQUESTS ? "Too Many Requests" : NULL);
  soup_message_headers_replace (headers, "Content-Type", content_type);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache, private");
  soup_message_body_truncate (response_body);
  soup_message_body_append_bytes (response_body, body);
  g_bytes_unref (body);
}

void
fake_reply_json (SoupServerMessage *msg,
                 guint              status,
                 GString           *json)
{
  fake_reply (msg, status, "application/json", g_string_free_to_bytes (json));
}

void
fake_reply_message (SoupServerMessage *msg,
                    guint              status,
                    const char        *message)
{
  GString *json = g_string_new ("{\"message\":");

  fake_json_append_string (json, message);
  g_string_append_c (json, '}');
  fake_reply_json (msg, status, json);
}

void
fake_reply_html (SoupServerMessage *msg,
                 guint              status,
                 const char        *title,
                 const char        *text)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_text = g_markup_escape_text (text, -1);
  char *html;

  html = g_strdup_printf ("<!DOCTYPE html>\n"
                          "<html lang=\"en\">\n"
                          "<head><meta charset=\"utf-8\"><title>%s</title></head>\n"
                          "<body>\n<h1>%s</h1>\n<p>%s</p>\n</body>\n"
                          "</html>\n",
                          escaped_title, escaped_title, escaped_text);
  fake_reply (msg, status, "text/html; charset=UTF-8",
              g_bytes_new_take (html, strlen (html)));
}

void
fake_reply_redirect (SoupServerMessage *msg,
                     const char        *location)
{
  g_autofree char *escaped = g_markup_escape_text (location, -1);
  char *html;

  html = g_strdup_printf ("<!DOCTYPE html>\n"
                          "<html>\n"
                          "    <head>\n"
                          "        <meta charset=\"UTF-8\" />\n"
                          "        <meta http-equiv=\"refresh\" content=\"0;url='%s'\" />\n"
                          "\n"
                          "        <title>Redirecting to %s</title>\n"
                          "    </head>\n"
                          "    <body>\n"
                          "        Redirecting to <a href=\"%s\">%s</a>.\n"
                          "    </body>\n"
                          "</html>",
                          escaped, escaped, escaped, escaped);
  fake_reply (msg, SOUP_STATUS_FOUND, "text/html; charset=UTF-8",
              g_bytes_new_take (html, strlen (html)));
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Location", location);
}

gboolean
fake_header_accepts (SoupMessageHeaders *headers,
                     const char         *name,
                     const char         *value)
{
  const char *header = soup_message_headers_get_list (headers, name);
  GSList *acceptable;
  gboolean found = FALSE;

  if (header == NULL)
    return FALSE;

  /* Drops the entries with q=0; other parameters stay ("application/json; charset=utf-8"). */
  acceptable = soup_header_parse_quality_list (header, NULL);
  for (GSList *l = acceptable; l != NULL && !found; l = l->next)
    {
      const char *item = l->data;
      gsize len = strcspn (item, ";");

      while (len > 0 && g_ascii_isspace (item[len - 1]))
        len--;
      found = len == strlen (value) && g_ascii_strncasecmp (item, value, len) == 0;
    }
  soup_header_free_list (acceptable);

  return found;
}
