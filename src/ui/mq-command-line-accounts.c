/* mq-command-line-accounts.c: `marquee --add-account`, `--list-accounts` and
 * `--remove-account`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-cli"

#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>
#include <glib-unix.h>
#include <glib/gi18n.h>

#include "mq-api-error.h"
#include "mq-command-line-private.h"
#include "mq-secret.h"
#include "mq-session.h"
#include "mq-token.h"

/* The most a token on standard input may take: a JWT is a few KiB. */
#define MAX_TOKEN_INPUT (64 * 1024)

/* ISO 8601 with the offset, in local time; a table's "YYYY-MM-DD HH:MM". */
static char *
format_expiry (gint64         expires_at,
               MqExportFormat format)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (expires_at);

  if (time == NULL)
    return NULL;

  return g_date_time_format (time, format == MQ_EXPORT_FORMAT_TABLE ? "%Y-%m-%d %H:%M"
                                                                    : "%Y-%m-%dT%H:%M:%S%:z");
}

enum { ACCOUNT_ID, ACCOUNT_NAME, ACCOUNT_SERVER, ACCOUNT_KIND, ACCOUNT_CURRENT,
       ACCOUNT_SIGNED_IN, ACCOUNT_EXPIRES, N_ACCOUNT_COLUMNS };

static void
account_row_free (gpointer data)
{
  char **cells = data;

  for (guint c = 0; c < N_ACCOUNT_COLUMNS; c++)
    g_free (cells[c]);
  g_free (cells);
}

MqExitStatus
mq_command_line_list_accounts (MqAccounts *accounts,
                               const char *format_name,
                               guint       timeout_seconds)
{
  const MqExportColumn columns[N_ACCOUNT_COLUMNS] = {
    { "id", _("ID"), FALSE, FALSE },
    { "name", _("NAME"), FALSE, TRUE },
    { "server", _("SERVER"), FALSE, FALSE },
    { "kind", _("SIGN-IN"), FALSE, FALSE },
    { "current", _("CURRENT"), TRUE, FALSE },
    { "signed_in", _("SIGNED IN"), TRUE, FALSE },
    { "expires", _("EXPIRES"), FALSE, FALSE },
  };
  g_auto(MqCommand) command = { NULL, };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (account_row_free);
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list = mq_accounts_get_list (accounts);
  MqAccount *current = mq_accounts_get_current (accounts);
  MqExportFormat format;
  MqCommandWait *wait = &command.wait;

  g_return_val_if_fail (MQ_IS_ACCOUNTS (accounts), MQ_EXIT_FAILURE);
  g_return_val_if_fail (timeout_seconds > 0, MQ_EXIT_FAILURE);

  if (!mq_command_line_parse_format (format_name, &format))
    return MQ_EXIT_USAGE;

  /* The keyring says which sign-ins are still there and when they end; every account
   * is read before anything is printed, as the playlists are. */
  mq_command_begin (&command, accounts, timeout_seconds);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MqAccount) account = g_list_model_get_item (list, i);
      MqSession *session = mq_accounts_get_session (accounts, account);
      const GError *keyring_error;
      MqToken *token;
      char **cells;

      mq_accounts_load_session_async (accounts, account, command.cancellable,
                                      mq_command_session_loaded_cb, wait);
      g_main_loop_run (command.loop);
      if (wait->error != NULL)
        return mq_command_print_wait_error (wait, timeout_seconds, account, FALSE);

      keyring_error = mq_session_get_keyring_error (session);
      token = mq_session_get_token (session);
      if (token == NULL && keyring_error != NULL)
        {
          mq_command_line_print_error (keyring_error->message);
          return MQ_EXIT_KEYRING;
        }

      cells = g_new0 (char *, N_ACCOUNT_COLUMNS);
      cells[ACCOUNT_ID] = g_strdup (mq_account_get_id (account));
      cells[ACCOUNT_NAME] = g_strdup (mq_account_get_display_name (account));
      cells[ACCOUNT_SERVER] = g_strdup (mq_account_get_server (account));
      /* The names the settings use. */
      cells[ACCOUNT_KIND] = g_strdup (mq_account_get_kind (account) == MQ_TOKEN_KIND_OAUTH ? "oauth" : "token");
      cells[ACCOUNT_CURRENT] = g_strdup (account == current ? "true" : "false");
      cells[ACCOUNT_SIGNED_IN] = g_strdup (token != NULL ? "true" : "false");
      /* A sign-in that renews itself has no end to tell. */
      if (token != NULL && !mq_token_can_refresh (token) && mq_token_get_expires_at (token) != 0)
        cells[ACCOUNT_EXPIRES] = format_expiry (mq_token_get_expires_at (token), format);
      g_ptr_array_add (rows, cells);
    }
  mq_command_stop_deadline (&command);

  output = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (!mq_records_write (columns, N_ACCOUNT_COLUMNS, rows, format, mq_command_line_get_table_width (),
                         output, NULL, &error))
    {
      g_debug ("Writing to stdout: %s", error->message);
      mq_command_line_print_error (_("The accounts could not be written to the standard output."));
      return MQ_EXIT_FAILURE;
    }

  return MQ_EXIT_OK;
}

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  MqCommandWait *wait = user_data;

  mq_accounts_sign_out_finish (MQ_ACCOUNTS (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* Signs @account_id out, under @command's deadline; FALSE with wait.error set. */
static gboolean
command_sign_out (MqCommand  *command,
                  const char *account_id)
{
  mq_accounts_sign_out_async (command->accounts, account_id, command->cancellable,
                              signed_out_cb, &command->wait);
  g_main_loop_run (command->loop);

  return command->wait.error == NULL;
}

MqExitStatus
mq_command_line_remove_account (MqAccounts *accounts,
                                const char *account_id,
                                guint       timeout_seconds)
{
  g_auto(MqCommand) command = { NULL, };
  MqAccount *account;

  g_return_val_if_fail (MQ_IS_ACCOUNTS (accounts), MQ_EXIT_FAILURE);
  g_return_val_if_fail (account_id != NULL, MQ_EXIT_FAILURE);
  g_return_val_if_fail (timeout_seconds > 0, MQ_EXIT_FAILURE);

  account = mq_command_line_lookup_account (accounts, account_id);
  if (account == NULL)
    return MQ_EXIT_USAGE;

  mq_command_begin (&command, accounts, timeout_seconds);
  command.account = g_object_ref (account);
  if (!command_sign_out (&command, account_id))
    {
      /* The account is gone from the settings even so; the keyring may keep its token. */
      return mq_command_print_wait_error (&command.wait, timeout_seconds, command.account, FALSE);
    }

  return MQ_EXIT_OK;
}

/* Reading the token from standard input. */
typedef struct
{
  MqCommandWait         *wait;
  GInputStream *input;
  GByteArray   *text;       /* a secret: wiped before it is freed */
  guint8        chunk[4096];
  gboolean      one_line;   /* a terminal: the first line is all */
  gboolean      too_long;
} TokenRead;

static void token_read_next (TokenRead *read);

static void
token_chunk_read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  TokenRead *read = user_data;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &read->wait->error);
  if (n > 0)
    {
      g_byte_array_append (read->text, read->chunk, n);
      mq_secret_wipe (read->chunk, n);
    }

  if (n <= 0 || (read->one_line && memchr (read->text->data, '\n', read->text->len) != NULL))
    {
      g_main_loop_quit (read->wait->loop);
      return;
    }

  if (read->text->len > MAX_TOKEN_INPUT)
    {
      read->too_long = TRUE;
      g_main_loop_quit (read->wait->loop);
      return;
    }

  token_read_next (read);
}

static void
token_read_next (TokenRead *read)
{
  g_input_stream_read_async (read->input, read->chunk, sizeof read->chunk, G_PRIORITY_DEFAULT,
                             read->wait->cancellable, token_chunk_read_cb, read);
}

static gboolean
interrupted_cb (gpointer user_data)
{
  MqCommandWait *wait = user_data;

  g_cancellable_cancel (wait->cancellable);
  return G_SOURCE_REMOVE;
}

/* The token on standard input, NULL after saying why not. Up to the end of the input,
 * or on a terminal of the first line (typed without echo); one line break at the end
 * is not part of it. */
static char *
read_token (MqCommand    *command,
            MqExitStatus *status)
{
  TokenRead read = { &command->wait, NULL, NULL, { 0, }, FALSE, FALSE };
  gboolean terminal = isatty (STDIN_FILENO);
  struct termios saved;
  gboolean echo_off = FALSE;
  guint interrupt_id = 0;
  char *token = NULL;

  read.input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  read.text = g_byte_array_new ();
  read.one_line = terminal;

  if (terminal)
    {
      g_printerr ("%s ", _("Personal access token (from Settings › API in viewneo):"));
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          struct termios quiet = saved;

          quiet.c_lflag &= ~ECHO;
          quiet.c_lflag |= ECHONL;
          echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
      /* Ctrl+C must not leave the terminal without echo. */
      interrupt_id = g_unix_signal_add (SIGINT, interrupted_cb, &command->wait);
    }

  token_read_next (&read);
  g_main_loop_run (command->loop);

  if (echo_off)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  if (interrupt_id != 0)
    g_source_remove (interrupt_id);

  if (command->wait.error != NULL)
    {
      if (g_error_matches (command->wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          command->wait.timed_out)
        {
          mq_command_line_print_errorf (ngettext ("Gave up after %u second waiting for the token on the standard input.",
                                        "Gave up after %u seconds waiting for the token on the standard input.",
                                        command->timeout_seconds),
                              command->timeout_seconds);
          *status = MQ_EXIT_NETWORK;
        }
      else if (g_error_matches (command->wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        *status = MQ_EXIT_FAILURE;
      else
        {
          g_debug ("Reading stdin: %s", command->wait.error->message);
          mq_command_line_print_error (_("The token could not be read from the standard input."));
          *status = MQ_EXIT_FAILURE;
        }
      g_clear_error (&command->wait.error);
    }
  else if (read.too_long)
    {
      mq_command_line_print_error (_("The standard input is too long for a personal access token."));
      *status = MQ_EXIT_USAGE;
    }
  else
    {
      guint len = read.text->len;

      /* What follows the first line on a terminal was never asked for. */
      if (terminal)
        {
          const guint8 *end = memchr (read.text->data, '\n', len);

          if (end != NULL)
            len = end - read.text->data + 1;
        }
      if (len > 0 && read.text->data[len - 1] == '\n')
        len--;
      if (len > 0 && read.text->data[len - 1] == '\r')
        len--;

      if (len == 0)
        {
          mq_command_line_print_error (_("No token on the standard input. Give Marquee the personal access token from Settings › API in viewneo on its standard input."));
          *status = MQ_EXIT_USAGE;
        }
      else if (memchr (read.text->data, '\0', len) != NULL)
        {
          mq_command_line_print_error (_("This is not a personal access token: it contains characters a token cannot have."));
          *status = MQ_EXIT_USAGE;
        }
      else
        token = g_strndup ((const char *) read.text->data, len);
    }

  mq_secret_wipe (read.text->data, read.text->len);
  g_byte_array_unref (read.text);
  g_object_unref (read.input);

  return token;
}

typedef struct
{
  MqCommandWait      *wait;
  MqAccount *account;
} AddAccount;

static void
account_signed_in_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  AddAccount *add = user_data;

  add->account = mq_accounts_sign_in_finish (MQ_ACCOUNTS (object), result, &add->wait->error);
  g_main_loop_quit (add->wait->loop);
}

MqExitStatus
mq_command_line_add_account (MqAccounts *accounts,
                             const char *server_text,
                             guint       timeout_seconds)
{
  g_auto(MqCommand) command = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *default_server = NULL;
  g_autoptr(MqToken) token = NULL;
  AddAccount add = { NULL, NULL };
  MqExitStatus status = MQ_EXIT_OK;
  const GError *keyring_error;
  char *text;
  guint n_before;

  g_return_val_if_fail (MQ_IS_ACCOUNTS (accounts), MQ_EXIT_FAILURE);
  g_return_val_if_fail (timeout_seconds > 0, MQ_EXIT_FAILURE);

  /* Where the window would sign in: the same checks, the same default. */
  if (server_text == NULL)
    server_text = default_server = g_settings_get_string (mq_accounts_get_settings (accounts), "server");
  server = mq_server_url_normalize (server_text, &error);
  if (server == NULL)
    {
      mq_command_line_print_error (error->message);
      return MQ_EXIT_USAGE;
    }

  mq_command_begin (&command, accounts, timeout_seconds);
  add.wait = &command.wait;

  text = read_token (&command, &status);
  if (text == NULL)
    return status;
  token = mq_token_new_personal (text, &error);
  mq_secret_free (text);
  if (token == NULL)
    {
      mq_command_line_print_error (error->message);
      return MQ_EXIT_USAGE;
    }

  n_before = g_list_model_get_n_items (mq_accounts_get_list (accounts));
  mq_accounts_sign_in_async (accounts, server, token, NULL, NULL, command.cancellable,
                             account_signed_in_cb, &add);
  g_main_loop_run (command.loop);

  if (command.wait.error != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);

      if (g_error_matches (command.wait.error, MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED))
        {
          mq_command_line_print_error (_("viewneo did not accept this token. Check that you pasted all of it, "
                                         "and that it has not been deleted in viewneo under Settings › API."));
          g_clear_error (&command.wait.error);
          return MQ_EXIT_NOT_SIGNED_IN;
        }

      if (g_error_matches (command.wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          command.wait.timed_out)
        {
          mq_command_line_print_errorf (ngettext ("Gave up after %u second: %s did not answer in time. Try again later, or allow more time with --timeout.",
                                        "Gave up after %u seconds: %s did not answer in time. Try again later, or allow more time with --timeout.",
                                        timeout_seconds),
                              timeout_seconds, uri != NULL ? g_uri_get_host (uri) : server);
          g_clear_error (&command.wait.error);
          return MQ_EXIT_NETWORK;
        }

      mq_command_line_print_error (command.wait.error->message);
      status = mq_exit_status_for_error (command.wait.error);
      g_clear_error (&command.wait.error);
      return status;
    }

  command.account = add.account;
  keyring_error = mq_session_get_keyring_error (mq_accounts_get_session (accounts, add.account));
  if (keyring_error != NULL)
    {
      /* A sign-in that lasts only as long as this process is none: a new account is
       * not kept without its token. */
      mq_command_line_print_error (keyring_error->message);
      if (g_list_model_get_n_items (mq_accounts_get_list (accounts)) > n_before)
        {
          g_autoptr(GError) ignored = NULL;

          command_sign_out (&command, mq_account_get_id (add.account));
          ignored = g_steal_pointer (&command.wait.error);
        }
      return MQ_EXIT_KEYRING;
    }
  mq_command_stop_deadline (&command);

  g_print ("%s\n", mq_account_get_id (add.account));
  if (fflush (stdout) != 0)
    return MQ_EXIT_FAILURE;

  return MQ_EXIT_OK;
}
