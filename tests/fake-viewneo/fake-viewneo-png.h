/* fake-viewneo-png.h: the small PNG thumbnails of the fake viewneo server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FAKE_THUMBNAIL_WIDTH  64
#define FAKE_THUMBNAIL_HEIGHT 36

/* A real 8-bit RGB PNG of FAKE_THUMBNAIL_WIDTH x FAKE_THUMBNAIL_HEIGHT pixels whose
 * colours derive from @media_file_id: each media file has its own. */
GBytes  *fake_png_thumbnail            (gint64 media_file_id);
/* The background colour fake_png_thumbnail() paints for @media_file_id, 0xRRGGBB. */
guint32  fake_png_thumbnail_background (gint64 media_file_id);

G_END_DECLS
