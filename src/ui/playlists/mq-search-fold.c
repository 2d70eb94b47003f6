/* mq-search-fold.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <string.h>

#include "mq-search-fold.h"

/* The whole text at once: what mq_search_fold_append() does a character at a time. */
static void
append_folded_whole (GString    *out,
                     const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  g_autoptr(GString) bare = NULL;
  g_autofree char *folded = NULL;

  if (decomposed == NULL)
    return;

  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }

  folded = g_utf8_casefold (bare->str, bare->len);
  g_string_append (out, folded);
}

void
mq_search_fold_append (GString    *out,
                       const char *text)
{
  gsize start = out->len;

  if (text == NULL)
    return;

  /* Most of a name is ASCII, where all of it is lowercasing: 100,000 playlists are
   * folded on every load, in the worker that the list waits for. Other characters
   * are decomposed and folded one by one, as the whole text would be: decomposing
   * and case-folding work a character at a time, and the reordering of combining
   * marks that decomposing adds does not matter once they are dropped. */
  for (const char *p = text; *p != '\0';)
    {
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gunichar c;
      gsize n;

      if ((guchar) *p < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower (*p));
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: folded whole, which gives nothing for it. */
          g_string_truncate (out, start);
          append_folded_whole (out, text);
          return;
        }
      p = g_utf8_next_char (p);

      n = g_unichar_fully_decompose (c, TRUE, decomposed, G_N_ELEMENTS (decomposed));
      for (gsize i = 0; i < n; i++)
        {
          char utf8[8];
          int length;
          g_autofree char *folded = NULL;

          if (g_unichar_ismark (decomposed[i]))
            continue;

          length = g_unichar_to_utf8 (decomposed[i], utf8);
          folded = g_utf8_casefold (utf8, length);
          g_string_append (out, folded);
        }
    }
}

char *
mq_search_fold (const char *text)
{
  GString *out = g_string_new (NULL);

  mq_search_fold_append (out, text);

  return g_string_free (out, FALSE);
}
