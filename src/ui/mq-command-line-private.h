/* mq-command-line-private.h: what the commands of `marquee` share: the one deadline,
 * the account's session and client, the errors and the output's formats.
 * mq-command-line.c holds these and --list-playlists, mq-command-line-now-playing.c
 * --now-playing, and mq-command-line-accounts.c the options for accounts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mq-accounts.h"
#include "mq-command-line.h"
#include "mq-playlist-export.h"

G_BEGIN_DECLS

/* What a command waits for: the main loop runs until a callback quits it. */
typedef struct
{
  GMainLoop    *loop;
  GError       *error;
  GPtrArray    *playlists;
  guint         n_skipped;
  GCancellable *cancellable;  /* cancelled by the deadline */
  gboolean      timed_out;
} MqCommandWait;

/* What every command holds while it runs: the account, its session and client, and
 * one deadline for the keyring and every request. */
typedef struct
{
  MqAccounts       *accounts;
  MqAccount        *account;
  MqSession        *session;
  MqClient         *client;
  GMainLoop        *loop;
  GCancellable     *cancellable;
  GSource          *deadline;
  guint             timeout_seconds;
  MqCommandWait     wait;
} MqCommand;

/* Starts the main loop's deadline of @timeout_seconds for all @command waits for. */
void          mq_command_begin                (MqCommand      *command,
                                               MqAccounts     *accounts,
                                               guint           timeout_seconds);
/* Finds @account_id (NULL: the current account), loads its session and makes its
 * client; MQ_EXIT_OK when the command can ask the server, else the error was printed. */
MqExitStatus  mq_command_start                (MqCommand      *command,
                                               MqAccounts     *accounts,
                                               const char     *account_id,
                                               guint           timeout_seconds);
/* Writing goes at the reader's pace (a pager, a slow pipe), not the server's. */
void          mq_command_stop_deadline        (MqCommand      *command);
void          mq_command_clear                (MqCommand      *command);
/* Prints the error @wait ended with (a cancellation as the deadline's); its status. */
MqExitStatus  mq_command_print_wait_error     (MqCommandWait  *wait,
                                               guint           timeout_seconds,
                                               MqAccount      *account,
                                               gboolean        listing);
/* A GAsyncReadyCallback for mq_accounts_load_session_async(), @user_data a wait. */
void          mq_command_session_loaded_cb    (GObject        *object,
                                               GAsyncResult   *result,
                                               gpointer        user_data);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MqCommand, mq_command_clear)

/* $COLUMNS, else the terminal's width when stdout is one, else a default. */
guint         mq_command_line_get_table_width (void);
/* The account @account_id, or NULL after saying which accounts there are. */
MqAccount    *mq_command_line_lookup_account  (MqAccounts     *accounts,
                                               const char     *account_id);
/* @format_name (NULL: table) as a format, or FALSE after saying which there are. */
gboolean      mq_command_line_parse_format    (const char     *format_name,
                                               MqExportFormat *format);
/* Prints "PROGRAM: MESSAGE" on stderr, the message made as by printf(). */
void          mq_command_line_print_errorf    (const char     *format,
                                               ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
