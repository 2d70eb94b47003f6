/* mq-command-line-now-playing.c: `marquee --now-playing`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-cli"

#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>

#include "mq-client.h"
#include "mq-command-line-private.h"
#include "mq-nested-playlists.h"
#include "mq-playlist.h"
#include "mq-schedule.h"

/* The playlists --now-playing needs: each group's, and those nested in them. */
typedef struct
{
  MqCommand  *command;
  GPtrArray  *groups;
  GHashTable *playlists;  /* gint64 id -> MqPlaylist, with entries */
} Fetch;

static void
playlists_fetched_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Fetch *fetch = user_data;
  MqCommandWait *wait = &fetch->command->wait;

  fetch->playlists = mq_nested_playlists_fetch_finish (result, NULL, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
device_groups_listed_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Fetch *fetch = user_data;
  MqCommandWait *wait = &fetch->command->wait;

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
          mq_command_line_print_errorf (_("--at takes a date and time in ISO 8601, such as 2025-12-24T18:00 or 2025-12-24T18:00+01:00, not “%s”."),
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
  g_auto(MqCommand) command = { NULL, };
  g_auto(Fetch) fetch = { NULL, };
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  MqExportFormat format;
  MqExitStatus status;
  MqCommandWait *wait = &command.wait;

  g_return_val_if_fail (MQ_IS_ACCOUNTS (accounts), MQ_EXIT_FAILURE);
  g_return_val_if_fail (timeout_seconds > 0, MQ_EXIT_FAILURE);

  if (!mq_command_line_parse_format (format_name, &format))
    return MQ_EXIT_USAGE;

  at = parse_moment (at_text, local);
  if (at == NULL)
    return MQ_EXIT_USAGE;

  status = mq_command_start (&command, accounts, account_id, timeout_seconds);
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
  mq_command_stop_deadline (&command);

  if (wait->error != NULL)
    return mq_command_print_wait_error (wait, timeout_seconds, command.account, TRUE);

  output = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (!mq_now_playing_write (fetch.groups, resolve_fetched_cb, &fetch, local, at, format,
                             mq_command_line_get_table_width (), output, NULL, &error))
    {
      g_debug ("Writing to stdout: %s", error->message);
      mq_command_line_print_error (_("What plays could not be written to the standard output."));
      return MQ_EXIT_FAILURE;
    }

  return MQ_EXIT_OK;
}
