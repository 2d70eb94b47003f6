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

/* ---- the keyring, as another program sees it ---- */

/* The secret stored for @server, @account and @kind ("token" or "client-secret"),
 * read with libsecret directly, not through MqTokenStore; NULL when there is none. */
char         *hardening_keyring_lookup    (const char    *server,
                                           const char    *account,
                                           const char    *kind);

/* A D-Bus session bus of this process's own, with nothing on it, until the process
 * ends. Sets DBUS_SESSION_BUS_ADDRESS (and keeps DISPLAY): call before anything
 * connects to the session bus. Once per process. */
void          hardening_private_bus_start (void);

/* A D-Bus session bus of this process's own with a gnome-keyring-daemon on it, its
 * files under @home (as HOME, XDG_DATA_HOME=@home/data, XDG_RUNTIME_DIR=@home/run).
 * An empty @password leaves it without a login collection. Sets
 * DBUS_SESSION_BUS_ADDRESS: call before anything connects to the session bus. */
typedef struct _HardeningKeyring HardeningKeyring;

HardeningKeyring *hardening_keyring_start (const char    *home,
                                           const char    *password);
void          hardening_keyring_lock      (HardeningKeyring *keyring);
/* gnome-keyring's own call for unlocking with the password, without a prompt. */
void          hardening_keyring_unlock    (HardeningKeyring *keyring);
/* Stops the daemon (the bus stays up). */
void          hardening_keyring_stop      (HardeningKeyring *keyring);

/* ---- files ---- */

/* A directory to use as XDG_DATA_DIRS: the system's MIME database, icons, themes,
 * fonts and schemas, but none of its applications, so that no browser can be
 * launched, as on a machine that has none. Remove it with hardening_remove_tree(). */
char         *hardening_data_dirs_without_apps (void);

/* Removes @path and everything under it. */
void          hardening_remove_tree       (const char    *path);

G_END_DECLS
