/* mq-search-fold.h: text folded for search
 *
 * Pure functions, tested without a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text folded for search: canonically decomposed, combining marks dropped, case-folded,
 * so that "Café" and "CAFE" fold to the same key. */
char        *mq_search_fold                 (const char      *text);
/* The same, appended to @out (nothing for NULL). */
void         mq_search_fold_append          (GString         *out,
                                             const char      *text);

G_END_DECLS
