/* fake-viewneo-png.c: the small PNG thumbnails of the fake viewneo server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fake-viewneo"

#include "fake-viewneo-png.h"

#include "fake-viewneo-util.h"

static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         len)
{
  static guint32 table[256];
  static gsize table_ready = 0;

  if (g_once_init_enter (&table_ready))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&table_ready, 1);
    }

  crc ^= 0xffffffffu;
  for (gsize i = 0; i < len; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);

  return crc ^ 0xffffffffu;
}

static void
append_be32 (GByteArray *out,
             guint32     value)
{
  guint8 be[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (out, be, sizeof be);
}

static void
append_chunk (GByteArray   *out,
              const char   *type,
              const guint8 *data,
              gsize         len)
{
  guint32 crc;

  append_be32 (out, len);
  g_byte_array_append (out, (const guint8 *) type, 4);
  g_byte_array_append (out, data, len);
  crc = crc32_update (0, (const guint8 *) type, 4);
  crc = crc32_update (crc, data, len);
  append_be32 (out, crc);
}

static guint32
mix (guint64 value)
{
  value ^= value >> 33;
  value *= 0xff51afd7ed558ccdull;
  value ^= value >> 33;
  value *= 0xc4ceb9fe1a85ec53ull;
  value ^= value >> 33;

  return (guint32) value;
}

guint32
fake_png_thumbnail_background (gint64 media_file_id)
{
  /* Mid-tones, so that the lighter band is always visible. */
  return mix ((guint64) media_file_id) & 0x9f9f9f;
}

GBytes *
fake_png_thumbnail (gint64 media_file_id)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  const guint width = FAKE_THUMBNAIL_WIDTH;
  const guint height = FAKE_THUMBNAIL_HEIGHT;
  guint32 background = fake_png_thumbnail_background (media_file_id);
  guint32 band = background + 0x606060;
  g_autoptr(GByteArray) scanlines = g_byte_array_sized_new ((width * 3 + 1) * height);
  g_autoptr(GBytes) idat = NULL;
  GByteArray *png = g_byte_array_new ();
  guint8 ihdr[13] = {
    width >> 24, width >> 16, width >> 8, width,
    height >> 24, height >> 16, height >> 8, height,
    8,  /* bit depth */
    2,  /* colour type: RGB */
    0, 0, 0,  /* deflate, adaptive filters, no interlace */
  };

  for (guint y = 0; y < height; y++)
    {
      guint8 filter = 0;

      g_byte_array_append (scanlines, &filter, 1);
      for (guint x = 0; x < width; x++)
        {
          guint32 rgb = (x + y) % 24 < 6 ? band : background;
          guint8 pixel[3] = { rgb >> 16, rgb >> 8, rgb };

          g_byte_array_append (scanlines, pixel, sizeof pixel);
        }
    }
  idat = fake_compress (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, scanlines->data, scanlines->len);

  g_byte_array_append (png, signature, sizeof signature);
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_chunk (png, "IDAT", g_bytes_get_data (idat, NULL), g_bytes_get_size (idat));
  append_chunk (png, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (png);
}
