/* mq-command-line.h: `marquee --list-playlists`, `--now-playing` and the accounts, with the core
 * only (no display)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mq-accounts.h"

G_BEGIN_DECLS

/* Exit statuses, by class of failure; --help lists them. */
typedef enum
{
  MQ_EXIT_OK            = 0,
  MQ_EXIT_FAILURE       = 1, /* anything not in a class below (writing to stdout failed) */
  MQ_EXIT_USAGE         = 2, /* bad option, unknown account or format */
  MQ_EXIT_NOT_SIGNED_IN = 3, /* no account, no token, or the sign-in has ended */
  MQ_EXIT_NETWORK       = 4, /* the server cannot be reached, or TLS failed */
  MQ_EXIT_SERVER        = 5, /* the server answered with an error or something unreadable */
  MQ_EXIT_KEYRING       = 6, /* the keyring is not available */
} MqExitStatus;

/* --timeout: how long --list-playlists waits for the keyring and the server in all,
 * unless told otherwise. */
#define MQ_COMMAND_LINE_DEFAULT_TIMEOUT 120

/* The most playlists --list-playlists prints: past it, an error (exit 5) instead of
 * ever more memory. */
#define MQ_COMMAND_LINE_MAX_PLAYLISTS 1000000

/* The text --help shows below the options: what the exit statuses mean. */
char         *mq_command_line_dup_description (void);

MqExitStatus  mq_exit_status_for_error        (const GError *error);

/* Prints "PROGRAM: MESSAGE" on stderr, on one line. */
void          mq_command_line_print_error     (const char   *message);

/* Prints the playlists of @account_id (NULL: the current account) on stdout in
 * @format_name ("table", "json", "csv"; NULL: table), giving up after
 * @timeout_seconds (exit 4). Runs a main loop on the thread-default context while it
 * waits. A table is as wide as $COLUMNS, else the terminal, else 120 columns. */
MqExitStatus  mq_command_line_list_playlists  (MqAccounts   *accounts,
                                               const char   *account_id,
                                               const char   *format_name,
                                               guint         timeout_seconds);

/* Prints what each screen group of @account_id plays at @at_text (ISO 8601; without an
 * offset a local time; NULL: now) in @format_name, the times in the local zone, as
 * mq_now_playing_write() writes them; the rest as mq_command_line_list_playlists().
 * An @at_text that is not ISO 8601 is a usage error (exit 2). */
MqExitStatus  mq_command_line_now_playing     (MqAccounts   *accounts,
                                               const char   *account_id,
                                               const char   *format_name,
                                               const char   *at_text,
                                               guint         timeout_seconds);

/* Prints the accounts in @format_name: id, name, server, kind ("token" or "oauth"),
 * whether it is the current one, whether the keyring has its sign-in, and when that
 * sign-in ends (none when it renews itself or its end is unknown). The keyring is read
 * for that: unavailable, exit 6. */
MqExitStatus  mq_command_line_list_accounts   (MqAccounts   *accounts,
                                               const char   *format_name,
                                               guint         timeout_seconds);

/* Reads a personal access token from standard input (never an argument: it would show
 * in `ps` and the shell's history), signs in with it to @server_text (NULL: the
 * `server` setting) as the window does, and prints the account's id. Reading the input
 * counts against @timeout_seconds too. */
MqExitStatus  mq_command_line_add_account     (MqAccounts   *accounts,
                                               const char   *server_text,
                                               guint         timeout_seconds);

/* Signs @account_id out: its tokens leave the keyring, the account the settings. */
MqExitStatus  mq_command_line_remove_account  (MqAccounts   *accounts,
                                               const char   *account_id,
                                               guint         timeout_seconds);

G_END_DECLS
