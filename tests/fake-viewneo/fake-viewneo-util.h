/* fake-viewneo-util.h: small helpers shared by the parts of the fake viewneo server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* RFC 6585; libsoup 3.2 has no name for it. */
#define FAKE_STATUS_TOO_MANY_REQUESTS 429

/* Appends @text as a JSON string literal (quoted and escaped), or `null` for NULL. */
void     fake_json_append_string   (GString           *out,
                                    const char        *text);
/* URL-safe base64 without padding (RFC 7515, appendix C). */
char    *fake_base64url_encode     (const guint8      *data,
                                    gsize              len);
/* @n_bytes random bytes as lower-case hex. Not a CSPRNG: these are a fake's tokens. */
char    *fake_random_hex           (gsize              n_bytes);

/* @data compressed whole, in @format (zlib for PNG, gzip for Content-Encoding). */
GBytes  *fake_compress             (GZlibCompressorFormat format,
                                    const guint8      *data,
                                    gsize              len);

/* Sets status, Content-Type and body (taking @body) of @msg. */
void     fake_reply                (SoupServerMessage *msg,
                                    guint              status,
                                    const char        *content_type,
                                    GBytes            *body);
void     fake_reply_json           (SoupServerMessage *msg,
                                    guint              status,
                                    GString           *json);
/* {"message": @message} as Laravel sends its errors. */
void     fake_reply_message        (SoupServerMessage *msg,
                                    guint              status,
                                    const char        *message);
/* A small HTML page with @title and a paragraph of @text (both escaped here). */
void     fake_reply_html           (SoupServerMessage *msg,
                                    guint              status,
                                    const char        *title,
                                    const char        *text);
/* A 302 to @location with the body Symfony's RedirectResponse sends. */
void     fake_reply_redirect       (SoupServerMessage *msg,
                                    const char        *location);

/* TRUE when the header @name of @headers lists @value with a non-zero quality. */
gboolean fake_header_accepts       (SoupMessageHeaders *headers,
                                    const char         *name,
                                    const char         *value);

G_END_DECLS
