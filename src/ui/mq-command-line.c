/* mq-command-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-cli"

#include <stdio.h>

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
                    _("  4  the server cannot be reached, or the secure connection failed"),
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
  GMainLoop *loop;
  GError    *error;
  GPtrArray *playlists;
  guint      n_skipped;
} Wait;

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

static gboolean
write_stdout (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (size > 0 && fwrite (data, 1, size, stdout) != size)
    return FALSE;

  return fflush (stdout) == 0;
}

MqExitStatus
mq_command_line_list_playlists (GSettings  *settings,
                                const char *account_id,
                                const char *format_name)
{
  g_autoptr(MqAccountManager) manager = NULL;
  g_autoptr(MqAccount) account = NULL;
  g_autoptr(MqTokenStore) store = NULL;
  g_autoptr(MqSession) session = NULL;
  g_autoptr(MqClient) client = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GListStore) shown = NULL;
  g_autoptr(GBytes) output = NULL;
  MqExportFormat format = MQ_EXPORT_FORMAT_TABLE;
  Wait wait = { NULL, };

  g_return_val_if_fail (G_IS_SETTINGS (settings), MQ_EXIT_FAILURE);

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
  wait.loop = loop;

  store = mq_token_store_new ();
  session = mq_session_new (account, store);
  mq_session_load_async (session, NULL, session_loaded_cb, &wait);
  g_main_loop_run (loop);

  if (wait.error != NULL)
    {
      MqExitStatus status = mq_exit_status_for_error (wait.error);

      mq_command_line_print_error (wait.error->message);
      g_clear_error (&wait.error);
      return status;
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

  client = mq_client_new (mq_account_get_server (account), MQ_TOKEN_PROVIDER (session));
  mq_client_list_playlists_async (client, NULL, NULL, NULL, NULL, playlists_listed_cb, &wait);
  g_main_loop_run (loop);

  if (wait.error != NULL)
    {
      MqExitStatus status = mq_exit_status_for_error (wait.error);

      mq_command_line_print_error (wait.error->message);
      g_clear_error (&wait.error);
      return status;
    }

  shown = g_list_store_new (MQ_TYPE_PLAYLIST);
  g_list_store_splice (shown, 0, 0, wait.playlists->pdata, wait.playlists->len);
  g_clear_pointer (&wait.playlists, g_ptr_array_unref);

  output = mq_playlists_export (G_LIST_MODEL (shown), format);
  if (!write_stdout (output))
    {
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
