/* mq-command-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-cli"

#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>

#include "mq-account-manager.h"
#include "mq-api-error.h"
#include "mq-auth-error.h"
#include "mq-client.h"
#include "mq-command-line.h"
#include "mq-playlist-export.h"
#include "mq-playlist.h"
#include "mq-session.h"
#include "mq-token-store.h"

char *
mq_command_line_dup_description (void)
{
  return g_strjoin ("\n",
                    _("Exit status of --list-playlists:"),
                    _("  0  the playlists were printed"),
                    _("  2  a bad option, an unknown account or an unknown format"),
                    _("  3  not signed in, or the sign-in has ended: sign in again in Marquee"),
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

  mq_session_load_finish (MQ_SESSION (object), result, &wait->error);
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
dup_known_accounts (MqAccountManager *manager)
{
  GListModel *accounts = mq_account_manager_get_accounts (manager);
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

MqExitStatus
mq_command_line_list_playlists (GSettings  *settings,
                                const char *account_id,
                                const char *format_name,
                                guint       timeout_seconds)
{
  g_autoptr(MqAccountManager) manager = NULL;
  g_autoptr(MqAccount) account = NULL;
  g_autoptr(MqTokenStore) store = NULL;
  g_autoptr(MqSession) session = NULL;
  g_autoptr(MqClient) client = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GSource) deadline = NULL;
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  MqExportFormat format = MQ_EXPORT_FORMAT_TABLE;
  Wait wait = { NULL, };

  g_return_val_if_fail (G_IS_SETTINGS (settings), MQ_EXIT_FAILURE);
  g_return_val_if_fail (timeout_seconds > 0, MQ_EXIT_FAILURE);

  if (format_name != NULL && !mq_export_format_from_string (format_name, &format))
    {
      print_error_printf (_("Unknown format “%s”. Use table, json or csv."), format_name);
      return MQ_EXIT_USAGE;
    }

  manager = mq_account_manager_new (settings);

  if (account_id != NULL)
    {
      account = mq_account_manager_lookup (manager, account_id);
      if (account != NULL)
        g_object_ref (account);
      else if (g_list_model_get_n_items (mq_account_manager_get_accounts (manager)) == 0)
        {
          print_error_printf (_("There is no account “%s”: Marquee is not signed in to any account. Open Marquee and sign in first."),
                              account_id);
          return MQ_EXIT_USAGE;
        }
      else
        {
          g_autofree char *known = dup_known_accounts (manager);

          print_error_printf (_("There is no account “%s”. The accounts are: %s."),
                              account_id, known);
          return MQ_EXIT_USAGE;
        }
    }
  else
    {
      account = mq_account_manager_get_current (manager);
      if (account != NULL)
        g_object_ref (account);
      else
        {
          mq_command_line_print_error (_("Not signed in. Open Marquee and sign in first."));
          return MQ_EXIT_NOT_SIGNED_IN;
        }
    }

  loop = g_main_loop_new (g_main_context_get_thread_default (), FALSE);
  cancellable = g_cancellable_new ();
  wait.loop = loop;
  wait.cancellable = cancellable;

  /* One deadline for the keyring and every page: the client's own timeout is per read,
   * and a server sending a byte now and then never meets it. */
  deadline = g_timeout_source_new_seconds (timeout_seconds);
  g_source_set_callback (deadline, deadline_cb, &wait, NULL);
  g_source_set_static_name (deadline, "[marquee] --timeout");
  g_source_attach (deadline, g_main_context_get_thread_default ());

  store = mq_token_store_new ();
  session = mq_session_new (account, store);
  mq_session_load_async (session, cancellable, session_loaded_cb, &wait);
  g_main_loop_run (loop);

  if (wait.error != NULL)
    {
      g_source_destroy (deadline);
      return print_wait_error (&wait, timeout_seconds, account, FALSE);
    }

  if (mq_session_get_token (session) == NULL)
    {
      const GError *keyring_error = mq_session_get_keyring_error (session);

      if (keyring_error != NULL)
        {
          mq_command_line_print_error (keyring_error->message);
          return MQ_EXIT_KEYRING;
        }

      print_error_printf (_("Marquee has no saved sign-in for %s. Open Marquee and sign in again."),
                          mq_account_get_display_name (account));
      return MQ_EXIT_NOT_SIGNED_IN;
    }

  /* The whole list is read before anything is printed, rather than each page as it
   * comes: a failure on any page then prints nothing at all, so that a script never
   * takes part of a list (csv and table have no end to miss) for the whole. What that
   * holds is bounded by the client's "item-limit", checked item by item, and each page
   * by its "max-response-size". The output is what must not be held: it is written
   * item by item. */
  client = mq_client_new (mq_account_get_server (account), MQ_TOKEN_PROVIDER (session));
  g_object_set (client, "item-limit", MQ_COMMAND_LINE_MAX_PLAYLISTS, NULL);
  mq_client_list_playlists_async (client, NULL, NULL, NULL, cancellable,
                                  playlists_listed_cb, &wait);
  g_main_loop_run (loop);
  /* Writing goes at the reader's pace (a pager, a slow pipe), not the server's. */
  g_source_destroy (deadline);

  if (wait.error != NULL)
    return print_wait_error (&wait, timeout_seconds, account, TRUE);

  playlists = g_steal_pointer (&wait.playlists);
  output = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (!mq_playlists_write (playlists, format, get_table_width (), output, NULL, &error))
    {
      g_debug ("Writing to stdout: %s", error->message);
      mq_command_line_print_error (_("The playlists could not be written to the standard output."));
      return MQ_EXIT_FAILURE;
    }

  if (wait.n_skipped > 0)
    print_error_printf (ngettext ("%u playlist could not be read and was left out.",
                                  "%u playlists could not be read and were left out.",
                                  wait.n_skipped),
                        wait.n_skipped);

  return MQ_EXIT_OK;
}
