/* hardening-util.h: what the hardening tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* ---- messages in the user's language ---- */

/* Switches this process to German, with the catalog built in this build tree, so that
 * a test can tell a translated message from one that never went through gettext. Call
 * first thing in main(), before anything reads the locale. */
void          hardening_use_translations  (void);

/* The German of @msgid in Marquee's catalog. Fails the test when there is none: a
 * message a user sees must be translatable and translated. */
const char   *hardening_translate         (const char    *msgid) G_GNUC_FORMAT (1);
const char   *hardening_translate_plural  (const char    *msgid,
                                           const char    *msgid_plural,
                                           gulong         n) G_GNUC_FORMAT (1);

/* "MQ_API_ERROR_SERVER", "G_IO_ERROR_NOT_SUPPORTED": the code of @error by name. */
char         *hardening_error_name        (const GError  *error);

/* Asserts that @error is @domain and @code, with @expected as its whole message, which
 * is not empty and holds none of @secrets (NULL-terminated; NULL entries are skipped
 * up to @n_secrets). */
void          hardening_assert_error      (const GError  *error,
                                           GQuark         domain,
                                           int            code,
                                           const char    *expected,
                                           const char   **secrets,
                                           gsize          n_secrets);

/* One row of the fault table, for the test log: | row | error | message shown | */
void          hardening_print_row         (const char    *row,
                                           const GError  *error,
                                           const char    *shown);

G_END_DECLS
