/* mq-command-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-cli"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>
#include <glib-unix.h>
#include <glib/gi18n.h>

#include "mq-accounts.h"
#include "mq-api-error.h"
#include "mq-auth-error.h"
#include "mq-client.h"
#include "mq-command-line.h"
#include "mq-nested-playlists.h"
#include "mq-playlist-export.h"
#include "mq-playlist.h"
#include "mq-playlist-entry.h"
#include "mq-schedule.h"
#include "mq-secret.h"
#include "mq-session.h"
#include "mq-token.h"

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

G_GNUC_PRINTF (1, 2)
static void
print_error_printf (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  mq_command_line_print_error (message);
}

typedef struct
{
  GMainLoop    *loop;
  GError       *error;
  GPtrArray    *playlists;
  guint         n_skipped;
  GCancellable *cancellable;  /* cancelled by the deadline */
  gboolean      timed_out;
} Wait;

static gboolean
deadline_cb (gpointer user_data)
{
  Wait *wait = user_data;

  wait->timed_out = TRUE;
  g_cancellable_cancel (wait->cancellable);
  return G_SOURCE_REMOVE;
}

static void
session_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Wait *wait = user_data;
  g_autoptr(MqSession) session = NULL;

  session = mq_accounts_load_session_finish (MQ_ACCOUNTS (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
playlists_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Wait *wait = user_data;

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
static guint
get_table_width (void)
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
static MqExitStatus
print_wait_error (Wait       *wait,
                  guint       timeout_seconds,
                  MqAccount  *account,
                  gboolean    listing)
{
  MqExitStatus status = mq_exit_status_for_error (wait->error);

  if (g_error_matches (wait->error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && wait->timed_out)
    {
      if (listing)
        print_error_printf (ngettext ("Gave up after %u second: %s did not send the playlists in time. Try again later, or allow more time with --timeout.",
                                      "Gave up after %u seconds: %s did not send the playlists in time. Try again later, or allow more time with --timeout.",
                                      timeout_seconds),
                            timeout_seconds, mq_account_get_server_host (account));
      else
        print_error_printf (ngettext ("Gave up after %u second waiting for the keyring. Try again, or allow more time with --timeout.",
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
static MqAccount *
lookup_account (MqAccounts *accounts,
                const char *account_id)
{
  MqAccount *account = mq_accounts_lookup (accounts, account_id);

  if (account != NULL)
    return account;

  if (g_list_model_get_n_items (mq_accounts_get_list (accounts)) == 0)
    print_error_printf (_("There is no account “%s”: Marquee is not signed in to any account. Open Marquee and sign in first."),
                        account_id);
  else
    {
      g_autofree char *known = dup_known_accounts (accounts);

      print_error_printf (_("There is no account “%s”. The accounts are: %s."),
                          account_id, known);
    }

  return NULL;
}

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
  Wait              wait;
} Command;

static void
command_clear (Command *command)
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

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Command, command_clear)

/* Writing goes at the reader's pace (a pager, a slow pipe), not the server's. */
static void
command_stop_deadline (Command *command)
{
  if (command->deadline != NULL)
    g_source_destroy (command->deadline);
}

/* The main loop and the one deadline for the keyring and every request: the client's
 * own timeout is per read, and a server sending a byte now and then never meets it. */
static void
command_begin (Command    *command,
               MqAccounts *accounts,
               guint       timeout_seconds)
{
  Wait *wait = &command->wait;

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
static MqExitStatus
command_start (Command    *command,
               MqAccounts *accounts,
               const char *account_id,
               guint       timeout_seconds)
{
  Wait *wait = &command->wait;

  if (account_id != NULL)
    {
      MqAccount *account = lookup_account (accounts, account_id);

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

  command_begin (command, accounts, timeout_seconds);
  command->session = g_object_ref (mq_accounts_get_session (accounts, command->account));
  mq_accounts_load_session_async (accounts, command->account, command->cancellable,
                                  session_loaded_cb, wait);
  g_main_loop_run (command->loop);

  if (wait->error != NULL)
    return print_wait_error (wait, timeout_seconds, command->account, FALSE);

  if (mq_session_get_token (command->session) == NULL)
    {
      const GError *keyring_error = mq_session_get_keyring_error (command->session);

      if (keyring_error != NULL)
        {
          mq_command_line_print_error (keyring_error->message);
          return MQ_EXIT_KEYRING;
        }

      print_error_printf (_("Marquee has no saved sign-in for %s. Open Marquee and sign in again."),
                          mq_account_get_display_name (command->account));
      return MQ_EXIT_NOT_SIGNED_IN;
    }

  command->client = g_object_ref (mq_accounts_get_client (accounts, command->account));
  return MQ_EXIT_OK;
}

static gboolean
parse_format (const char     *format_name,
              MqExportFormat *format)
{
  *format = MQ_EXPORT_FORMAT_TABLE;
  if (format_name != NULL && !mq_export_format_from_string (format_name, format))
    {
      print_error_printf (_("Unknown format “%s”. Use table, json or csv."), format_name);
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
  g_auto(Command) command = { NULL, };
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  MqExportFormat format;
  MqExitStatus status;
  Wait *wait = &command.wait;

  g_return_val_if_fail (MQ_IS_ACCOUNTS (accounts), MQ_EXIT_FAILURE);
  g_return_val_if_fail (timeout_seconds > 0, MQ_EXIT_FAILURE);

  if (!parse_format (format_name, &format))
    return MQ_EXIT_USAGE;

  status = command_start (&command, accounts, account_id, timeout_seconds);
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
  command_stop_deadline (&command);

  if (wait->error != NULL)
    return print_wait_error (wait, timeout_seconds, command.account, TRUE);

  playlists = g_steal_pointer (&wait->playlists);
  output = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (!mq_playlists_write (playlists, format, get_table_width (), output, NULL, &error))
    {
      g_debug ("Writing to stdout: %s", error->message);
      mq_command_line_print_error (_("The playlists could not be written to the standard output."));
      return MQ_EXIT_FAILURE;
    }

  if (wait->n_skipped > 0)
    print_error_printf (ngettext ("%u playlist could not be read and was left out.",
                                  "%u playlists could not be read and were left out.",
                                  wait->n_skipped),
                        wait->n_skipped);

  return MQ_EXIT_OK;
}

/* ---- --now-playing ---- */

/* The playlists --now-playing needs: each group's, and those nested in them. */
typedef struct
{
  Command    *command;
  GPtrArray  *groups;
  GHashTable *playlists;  /* gint64 id -> MqPlaylist, with entries */
} Fetch;

static void
playlists_fetched_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Fetch *fetch = user_data;
  Wait *wait = &fetch->command->wait;

  fetch->playlists = mq_nested_playlists_fetch_finish (result, NULL, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
device_groups_listed_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Fetch *fetch = user_data;
  Wait *wait = &fetch->command->wait;

  fetch->groups = mq_client_list_device_groups_finish (MQ_CLIENT (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static MqPlaylist *
resolve_fetched_cb (gint64   playlist_id,
                    gpointer user_data)
{
  Fetch *fetch = user_data;

  return g_hash_table_lookup (fetch->playlists, &playlist_id);
}

static void
fetch_clear (Fetch *fetch)
{
  g_clear_pointer (&fetch->groups, g_ptr_array_unref);
  g_clear_pointer (&fetch->playlists, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fetch, fetch_clear)

/* --at: ISO 8601; without an offset a local time, with one converted to local time.
 * Now without it. */
static GDateTime *
parse_moment (const char *at_text,
              GTimeZone  *local)
{
  g_autoptr(GDateTime) moment = NULL;
  g_autoptr(GDateTime) whole = NULL;

  if (at_text == NULL)
    moment = g_date_time_new_now (local);
  else
    {
      moment = g_date_time_new_from_iso8601 (at_text, local);
      if (moment == NULL)
        {
          print_error_printf (_("--at takes a date and time in ISO 8601, such as 2025-12-24T18:00 or 2025-12-24T18:00+01:00, not “%s”."),
                              at_text);
          return NULL;
        }
    }

  /* To the second: what the schedule reads, and what is printed. */
  whole = g_date_time_add (moment, -(GTimeSpan) g_date_time_get_microsecond (moment));
  return g_date_time_to_timezone (whole, local);
}

MqExitStatus
mq_command_line_now_playing (MqAccounts *accounts,
                             const char *account_id,
                             const char *format_name,
                             const char *at_text,
                             guint       timeout_seconds)
{
  g_auto(Command) command = { NULL, };
  g_auto(Fetch) fetch = { NULL, };
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  MqExportFormat format;
  MqExitStatus status;
  Wait *wait = &command.wait;

  g_return_val_if_fail (MQ_IS_ACCOUNTS (accounts), MQ_EXIT_FAILURE);
  g_return_val_if_fail (timeout_seconds > 0, MQ_EXIT_FAILURE);

  if (!parse_format (format_name, &format))
    return MQ_EXIT_USAGE;

  at = parse_moment (at_text, local);
  if (at == NULL)
    return MQ_EXIT_USAGE;

  status = command_start (&command, accounts, account_id, timeout_seconds);
  if (status != MQ_EXIT_OK)
    return status;

  /* Everything is read before anything is printed, as for --list-playlists. */
  fetch.command = &command;

  mq_client_list_device_groups_async (command.client, command.cancellable,
                                      device_groups_listed_cb, &fetch);
  g_main_loop_run (command.loop);

  if (wait->error == NULL)
    {
      g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), fetch.groups->len);

      for (guint i = 0; i < fetch.groups->len; i++)
        {
          gint64 id = mq_device_group_get_playlist_id (g_ptr_array_index (fetch.groups, i));

          g_array_append_val (ids, id);
        }

      /* A playlist deleted since it was named is not read, and said so; anything else
       * ends the command, as a failure of --list-playlists does. */
      mq_nested_playlists_fetch_async (command.client, (const gint64 *) ids->data, ids->len,
                                       MQ_NESTED_PLAYLISTS_FAIL_FAST, command.cancellable,
                                       playlists_fetched_cb, &fetch);
      g_main_loop_run (command.loop);
    }
  command_stop_deadline (&command);

  if (wait->error != NULL)
    return print_wait_error (wait, timeout_seconds, command.account, TRUE);

  output = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (!mq_now_playing_write (fetch.groups, resolve_fetched_cb, &fetch, local, at, format,
                             get_table_width (), output, NULL, &error))
    {
      g_debug ("Writing to stdout: %s", error->message);
      mq_command_line_print_error (_("What plays could not be written to the standard output."));
      return MQ_EXIT_FAILURE;
    }

  return MQ_EXIT_OK;
}

/* ---- accounts ---- */

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
  g_auto(Command) command = { NULL, };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (account_row_free);
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list = mq_accounts_get_list (accounts);
  MqAccount *current = mq_accounts_get_current (accounts);
  MqExportFormat format;
  Wait *wait = &command.wait;

  g_return_val_if_fail (MQ_IS_ACCOUNTS (accounts), MQ_EXIT_FAILURE);
  g_return_val_if_fail (timeout_seconds > 0, MQ_EXIT_FAILURE);

  if (!parse_format (format_name, &format))
    return MQ_EXIT_USAGE;

  /* The keyring says which sign-ins are still there and when they end; every account
   * is read before anything is printed, as the playlists are. */
  command_begin (&command, accounts, timeout_seconds);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MqAccount) account = g_list_model_get_item (list, i);
      MqSession *session = mq_accounts_get_session (accounts, account);
      const GError *keyring_error;
      MqToken *token;
      char **cells;

      mq_accounts_load_session_async (accounts, account, command.cancellable,
                                      session_loaded_cb, wait);
      g_main_loop_run (command.loop);
      if (wait->error != NULL)
        return print_wait_error (wait, timeout_seconds, account, FALSE);

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
  command_stop_deadline (&command);

  output = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (!mq_records_write (columns, N_ACCOUNT_COLUMNS, rows, format, get_table_width (),
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
  Wait *wait = user_data;

  mq_accounts_sign_out_finish (MQ_ACCOUNTS (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* Signs @account_id out, under @command's deadline; FALSE with wait.error set. */
static gboolean
command_sign_out (Command    *command,
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
  g_auto(Command) command = { NULL, };
  MqAccount *account;

  g_return_val_if_fail (MQ_IS_ACCOUNTS (accounts), MQ_EXIT_FAILURE);
  g_return_val_if_fail (account_id != NULL, MQ_EXIT_FAILURE);
  g_return_val_if_fail (timeout_seconds > 0, MQ_EXIT_FAILURE);

  account = lookup_account (accounts, account_id);
  if (account == NULL)
    return MQ_EXIT_USAGE;

  command_begin (&command, accounts, timeout_seconds);
  command.account = g_object_ref (account);
  if (!command_sign_out (&command, account_id))
    {
      /* The account is gone from the settings even so; the keyring may keep its token. */
      return print_wait_error (&command.wait, timeout_seconds, command.account, FALSE);
    }

  return MQ_EXIT_OK;
}

/* Reading the token from standard input. */
typedef struct
{
  Wait         *wait;
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
  Wait *wait = user_data;

  g_cancellable_cancel (wait->cancellable);
  return G_SOURCE_REMOVE;
}

/* The token on standard input, NULL after saying why not. Up to the end of the input,
 * or on a terminal of the first line (typed without echo); one line break at the end
 * is not part of it. */
static char *
read_token (Command       *command,
            MqExitStatus  *status)
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
          print_error_printf (ngettext ("Gave up after %u second waiting for the token on the standard input.",
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
  Wait      *wait;
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
  g_auto(Command) command = { NULL, };
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

  command_begin (&command, accounts, timeout_seconds);
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
          print_error_printf (ngettext ("Gave up after %u second: %s did not answer in time. Try again later, or allow more time with --timeout.",
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
  command_stop_deadline (&command);

  g_print ("%s\n", mq_account_get_id (add.account));
  if (fflush (stdout) != 0)
    return MQ_EXIT_FAILURE;

  return MQ_EXIT_OK;
}
