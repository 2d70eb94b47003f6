/* mq-command-line.c: what the commands share, and --list-playlists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-cli"

#include <sys/ioctl.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>

#include "mq-api-error.h"
#include "mq-auth-error.h"
#include "mq-client.h"
#include "mq-command-line-private.h"
#include "mq-session.h"

char *
mq_command_line_dup_description (void)
{
  return g_strjoin ("\n",
                    _("Exit status of --list-playlists, --now-playing and the options for accounts:"),
                    _("  0  done: the list was printed, or the account added or removed"),
                    _("  2  a bad option, an unknown account or format, a server address Marquee does not use, or no token on the standard input"),
                    _("  3  not signed in, or the sign-in has ended: sign in again in Marquee (--add-account: viewneo did not accept the token)"),
                    _("  4  the server cannot be reached, the secure connection failed, or --timeout ran out"),
                    _("  5  the server answered with an error or with something Marquee cannot read"),
                    _("  6  the keyring is not available"),
                    NULL);
}

MqExitStatus
mq_exit_status_for_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, MQ_EXIT_FAILURE);

  if (error->domain == MQ_KEYRING_ERROR)
    return MQ_EXIT_KEYRING;

  /* A refused refresh, or a stored token that is no longer usable. */
  if (error->domain == MQ_AUTH_ERROR)
    return MQ_EXIT_NOT_SIGNED_IN;

  if (error->domain == MQ_API_ERROR)
    {
      switch ((MqApiError) error->code)
        {
        case MQ_API_ERROR_NETWORK:
        case MQ_API_ERROR_TLS:
          return MQ_EXIT_NETWORK;
        case MQ_API_ERROR_UNAUTHORIZED:
          return MQ_EXIT_NOT_SIGNED_IN;
        case MQ_API_ERROR_INVALID_SERVER:
          return MQ_EXIT_USAGE;
        case MQ_API_ERROR_FORBIDDEN:
        case MQ_API_ERROR_NOT_FOUND:
        case MQ_API_ERROR_RATE_LIMITED:
        case MQ_API_ERROR_SERVER:
        case MQ_API_ERROR_PROTOCOL:
        case MQ_API_ERROR_TOO_LARGE:
          return MQ_EXIT_SERVER;
        default:
          return MQ_EXIT_SERVER;
        }
    }

  if (error->domain == G_RESOLVER_ERROR || error->domain == G_TLS_ERROR)
    return MQ_EXIT_NETWORK;

  return MQ_EXIT_FAILURE;
}

void
mq_command_line_print_error (const char *message)
{
  g_autofree char *line = g_strdup (message);
  const char *program = g_get_prgname ();

  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("%s: %s\n", program != NULL ? program : "marquee", line);
}

void
mq_command_line_print_errorf (const char *format,
                              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  mq_command_line_print_error (message);
}

static gboolean
deadline_cb (gpointer user_data)
{
  MqCommandWait *wait = user_data;

  wait->timed_out = TRUE;
  g_cancellable_cancel (wait->cancellable);
  return G_SOURCE_REMOVE;
}

void
mq_command_session_loaded_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  MqCommandWait *wait = user_data;
  g_autoptr(MqSession) session = NULL;

  session = mq_accounts_load_session_finish (MQ_ACCOUNTS (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
playlists_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MqCommandWait *wait = user_data;

  wait->playlists = mq_client_list_playlists_finish (MQ_CLIENT (object), result,
                                                     &wait->n_skipped, &wait->error);
  g_main_loop_quit (wait->loop);
}

static char *
dup_known_accounts (MqAccounts *known_accounts)
{
  GListModel *accounts = mq_accounts_get_list (known_accounts);
  g_autoptr(GString) known = g_string_new (NULL);
  guint n = g_list_model_get_n_items (accounts);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MqAccount) account = g_list_model_get_item (accounts, i);

      if (known->len > 0)
        g_string_append (known, ", ");
      /* Translators: an account id, then its name and server */
      g_string_append_printf (known, _("%s (%s on %s)"),
                              mq_account_get_id (account),
                              mq_account_get_display_name (account),
                              mq_account_get_server_host (account));
    }

  return g_string_free (g_steal_pointer (&known), FALSE);
}

/* $COLUMNS, else the terminal's width when stdout is one, else a default. */
guint
mq_command_line_get_table_width (void)
{
  const char *columns = g_getenv ("COLUMNS");
  struct winsize size;
  guint64 value;

  if (columns != NULL && g_ascii_string_to_unsigned (columns, 10, 1, 100000, &value, NULL))
    return (guint) value;

  if (isatty (STDOUT_FILENO) && ioctl (STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    return size.ws_col;

  return MQ_EXPORT_DEFAULT_TABLE_WIDTH;
}

/* The error to show for a failure of @wait: a cancellation is the deadline's or the
 * limit's, said as such. */
MqExitStatus
mq_command_print_wait_error (MqCommandWait *wait,
                             guint          timeout_seconds,
                             MqAccount     *account,
                             gboolean       listing)
{
  MqExitStatus status = mq_exit_status_for_error (wait->error);

  if (g_error_matches (wait->error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && wait->timed_out)
    {
      if (listing)
        mq_command_line_print_errorf (ngettext ("Gave up after %u second: %s did not send the playlists in time. Try again later, or allow more time with --timeout.",
                                      "Gave up after %u seconds: %s did not send the playlists in time. Try again later, or allow more time with --timeout.",
                                      timeout_seconds),
                            timeout_seconds, mq_account_get_server_host (account));
      else
        mq_command_line_print_errorf (ngettext ("Gave up after %u second waiting for the keyring. Try again, or allow more time with --timeout.",
                                      "Gave up after %u seconds waiting for the keyring. Try again, or allow more time with --timeout.",
                                      timeout_seconds),
                            timeout_seconds);
      status = MQ_EXIT_NETWORK;
    }
  else
    mq_command_line_print_error (wait->error->message);

  g_clear_error (&wait->error);
  return status;
}

/* The account @account_id, or NULL after saying which accounts there are. */
MqAccount *
mq_command_line_lookup_account (MqAccounts *accounts,
                                const char *account_id)
{
  MqAccount *account = mq_accounts_lookup (accounts, account_id);

  if (account != NULL)
    return account;

  if (g_list_model_get_n_items (mq_accounts_get_list (accounts)) == 0)
    mq_command_line_print_errorf (_("There is no account “%s”: Marquee is not signed in to any account. Open Marquee and sign in first."),
                        account_id);
  else
    {
      g_autofree char *known = dup_known_accounts (accounts);

      mq_command_line_print_errorf (_("There is no account “%s”. The accounts are: %s."),
                          account_id, known);
    }

  return NULL;
}

void
mq_command_clear (MqCommand *command)
{
  if (command->deadline != NULL)
    g_source_destroy (command->deadline);
  g_clear_pointer (&command->deadline, g_source_unref);
  g_clear_object (&command->client);
  g_clear_object (&command->session);
  g_clear_object (&command->account);
  g_clear_object (&command->accounts);
  g_clear_object (&command->cancellable);
  g_clear_pointer (&command->loop, g_main_loop_unref);
  g_clear_pointer (&command->wait.playlists, g_ptr_array_unref);
  g_clear_error (&command->wait.error);
}

/* Writing goes at the reader's pace (a pager, a slow pipe), not the server's. */
void
mq_command_stop_deadline (MqCommand *command)
{
  if (command->deadline != NULL)
    g_source_destroy (command->deadline);
}

/* The main loop and the one deadline for the keyring and every request: the client's
 * own timeout is per read, and a server sending a byte now and then never meets it. */
void
mq_command_begin (MqCommand  *command,
                  MqAccounts *accounts,
                  guint       timeout_seconds)
{
  MqCommandWait *wait = &command->wait;

  command->timeout_seconds = timeout_seconds;
  command->accounts = g_object_ref (accounts);
  command->loop = g_main_loop_new (g_main_context_get_thread_default (), FALSE);
  command->cancellable = g_cancellable_new ();
  wait->loop = command->loop;
  wait->cancellable = command->cancellable;

  command->deadline = g_timeout_source_new_seconds (timeout_seconds);
  g_source_set_callback (command->deadline, deadline_cb, wait, NULL);
  g_source_set_static_name (command->deadline, "[marquee] --timeout");
  g_source_attach (command->deadline, g_main_context_get_thread_default ());
}

/* Finds the account, loads its session and makes its client; MQ_EXIT_OK when the
 * command can ask the server. */
MqExitStatus
mq_command_start (MqCommand  *command,
                  MqAccounts *accounts,
                  const char *account_id,
                  guint       timeout_seconds)
{
  MqCommandWait *wait = &command->wait;

  if (account_id != NULL)
    {
      MqAccount *account = mq_command_line_lookup_account (accounts, account_id);

      if (account == NULL)
        return MQ_EXIT_USAGE;
      command->account = g_object_ref (account);
    }
  else
    {
      MqAccount *account = mq_accounts_get_current (accounts);

      if (account != NULL)
        command->account = g_object_ref (account);
      else
        {
          mq_command_line_print_error (_("Not signed in. Open Marquee and sign in first."));
          return MQ_EXIT_NOT_SIGNED_IN;
        }
    }

  mq_command_begin (command, accounts, timeout_seconds);
  command->session = g_object_ref (mq_accounts_get_session (accounts, command->account));
  mq_accounts_load_session_async (accounts, command->account, command->cancellable,
                                  mq_command_session_loaded_cb, wait);
  g_main_loop_run (command->loop);

  if (wait->error != NULL)
    return mq_command_print_wait_error (wait, timeout_seconds, command->account, FALSE);

  if (mq_session_get_token (command->session) == NULL)
    {
      const GError *keyring_error = mq_session_get_keyring_error (command->session);

      if (keyring_error != NULL)
        {
          mq_command_line_print_error (keyring_error->message);
          return MQ_EXIT_KEYRING;
        }

      mq_command_line_print_errorf (_("Marquee has no saved sign-in for %s. Open Marquee and sign in again."),
                          mq_account_get_display_name (command->account));
      return MQ_EXIT_NOT_SIGNED_IN;
    }

  command->client = g_object_ref (mq_accounts_get_client (accounts, command->account));
  return MQ_EXIT_OK;
}

gboolean
mq_command_line_parse_format (const char     *format_name,
                              MqExportFormat *format)
{
  *format = MQ_EXPORT_FORMAT_TABLE;
  if (format_name != NULL && !mq_export_format_from_string (format_name, format))
    {
      mq_command_line_print_errorf (_("Unknown format “%s”. Use table, json or csv."), format_name);
      return FALSE;
    }

  return TRUE;
}

MqExitStatus
mq_command_line_list_playlists (MqAccounts *accounts,
                                const char *account_id,
                                const char *format_name,
                                guint       timeout_seconds)
{
  g_auto(MqCommand) command = { NULL, };
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  MqExportFormat format;
  MqExitStatus status;
  MqCommandWait *wait = &command.wait;

  g_return_val_if_fail (MQ_IS_ACCOUNTS (accounts), MQ_EXIT_FAILURE);
  g_return_val_if_fail (timeout_seconds > 0, MQ_EXIT_FAILURE);

  if (!mq_command_line_parse_format (format_name, &format))
    return MQ_EXIT_USAGE;

  status = mq_command_start (&command, accounts, account_id, timeout_seconds);
  if (status != MQ_EXIT_OK)
    return status;

  /* The whole list is read before anything is printed, rather than each page as it
   * comes: a failure on any page then prints nothing at all, so that a script never
   * takes part of a list (csv and table have no end to miss) for the whole. What that
   * holds is bounded by the client's "item-limit", checked item by item, and each page
   * by its "max-response-size". The output is what must not be held: it is written
   * item by item. */
  g_object_set (command.client, "item-limit", MQ_COMMAND_LINE_MAX_PLAYLISTS, NULL);
  mq_client_list_playlists_async (command.client, NULL, NULL, NULL, command.cancellable,
                                  playlists_listed_cb, wait);
  g_main_loop_run (command.loop);
  mq_command_stop_deadline (&command);

  if (wait->error != NULL)
    return mq_command_print_wait_error (wait, timeout_seconds, command.account, TRUE);

  playlists = g_steal_pointer (&wait->playlists);
  output = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (!mq_playlists_write (playlists, format, mq_command_line_get_table_width (), output, NULL, &error))
    {
      g_debug ("Writing to stdout: %s", error->message);
      mq_command_line_print_error (_("The playlists could not be written to the standard output."));
      return MQ_EXIT_FAILURE;
    }

  if (wait->n_skipped > 0)
    mq_command_line_print_errorf (ngettext ("%u playlist could not be read and was left out.",
                                  "%u playlists could not be read and were left out.",
                                  wait->n_skipped),
                        wait->n_skipped);

  return MQ_EXIT_OK;
}

