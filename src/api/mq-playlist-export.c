/* mq-playlist-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mq-json-private.h"
#include "mq-models-private.h"
#include "mq-playlist.h"
#include "mq-playlist-export.h"

gboolean
mq_export_format_from_string (const char     *name,
                              MqExportFormat *format)
{
  static const struct {
    const char *name;
    MqExportFormat format;
  } formats[] = {
    { "csv", MQ_EXPORT_FORMAT_CSV },
    { "json", MQ_EXPORT_FORMAT_JSON },
    { "table", MQ_EXPORT_FORMAT_TABLE },
  };

  g_return_val_if_fail (format != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_ascii_strcasecmp (name, formats[i].name) == 0)
        {
          *format = formats[i].format;
          return TRUE;
        }
    }

  return FALSE;
}

/* ---- CSV (RFC 4180) ---- */

/* A text cell that a spreadsheet would take for a formula (= + - @, and the tab and
 * carriage return OWASP lists) gets a leading apostrophe, so that opening an export
 * never runs what a playlist's name says. */
static void
append_csv_text (GString    *csv,
                 const char *text)
{
  gboolean needs_quotes;
  gboolean is_formula;

  if (text == NULL)
    return;

  is_formula = strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0';
  needs_quotes = strpbrk (text, ",\"\r\n") != NULL;

  if (needs_quotes)
    g_string_append_c (csv, '"');
  if (is_formula)
    g_string_append_c (csv, '\'');

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }

  if (needs_quotes)
    g_string_append_c (csv, '"');
}

static void
append_csv_flag (GString         *csv,
                 MqPlaylistFlags  flags,
                 MqPlaylistFlags  flag)
{
  g_string_append (csv, (flags & flag) ? ",1" : ",0");
}

static GBytes *
export_csv (GListModel *playlists)
{
  g_autoptr(GString) csv = g_string_new ("id,name,entries,type,shared,default,demo,"
                                         "advertised,label,comment,updated_at\r\n");
  guint n_items = g_list_model_get_n_items (playlists);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MqPlaylist) playlist = g_list_model_get_item (playlists, i);
      /* Not kept by the playlist: an export may write 100,000. */
      g_autoptr(GDateTime) updated = mq_playlist_dup_updated_at (playlist);
      g_autofree char *updated_at = mq_json_format_datetime (updated);
      MqPlaylistFlags flags = mq_playlist_get_flags (playlist);

      g_string_append_printf (csv, "%" G_GINT64_FORMAT ",", mq_playlist_get_id (playlist));
      append_csv_text (csv, mq_playlist_get_name (playlist));
      g_string_append_printf (csv, ",%u,%d",
                              mq_playlist_get_number_of_entries (playlist),
                              mq_playlist_get_playlist_type (playlist));
      append_csv_flag (csv, flags, MQ_PLAYLIST_FLAGS_SHARED);
      append_csv_flag (csv, flags, MQ_PLAYLIST_FLAGS_DEFAULT);
      append_csv_flag (csv, flags, MQ_PLAYLIST_FLAGS_DEMO);
      append_csv_flag (csv, flags, MQ_PLAYLIST_FLAGS_ADVERTISED);
      g_string_append_c (csv, ',');
      append_csv_text (csv, mq_playlist_get_label (playlist));
      g_string_append_c (csv, ',');
      append_csv_text (csv, mq_playlist_get_comment (playlist));
      g_string_append_c (csv, ',');
      if (updated_at != NULL)
        g_string_append (csv, updated_at);
      g_string_append (csv, "\r\n");
    }

  return g_string_free_to_bytes (g_steal_pointer (&csv));
}

/* ---- JSON ---- */

static GBytes *
export_json (GListModel *playlists)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n_items = g_list_model_get_n_items (playlists);
  GString *json;

  json_builder_begin_array (builder);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MqPlaylist) playlist = g_list_model_get_item (playlists, i);

      mq_playlist_serialize (playlist, builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  json = g_string_new (NULL);
  json_generator_to_gstring (generator, json);
  g_string_append_c (json, '\n');

  return g_string_free_to_bytes (json);
}

/* ---- table ---- */

/* What a terminal would do with a character: control characters (a name with a line
 * break, or an escape sequence) become a space, bidirectional overrides are dropped
 * (they could make the line read other than it is). */
static char *
sanitize_for_terminal (const char *text,
                       guint      *width)
{
  GString *clean = g_string_new (NULL);
  guint columns = 0;

  if (text == NULL)
    text = "";

  if (!g_utf8_validate (text, -1, NULL))
    text = "?";

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
        continue;

      if (g_unichar_iscntrl (c))
        {
          g_string_append_c (clean, ' ');
          columns++;
          continue;
        }

      g_string_append_unichar (clean, c);
      if (g_unichar_iszerowidth (c))
        continue;
      columns += g_unichar_iswide (c) ? 2 : 1;
    }

  *width = columns;
  return g_string_free (clean, FALSE);
}

typedef struct
{
  char *text;
  guint width;
} Cell;

enum { COLUMN_ID, COLUMN_NAME, COLUMN_ENTRIES, COLUMN_UPDATED, N_COLUMNS };

static void
set_cell (Cell       *cell,
          const char *text)
{
  cell->text = sanitize_for_terminal (text, &cell->width);
}

static void
append_padding (GString *out,
                guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (out, ' ');
}

static GBytes *
export_table (GListModel *playlists)
{
  guint n_items = g_list_model_get_n_items (playlists);
  guint n_rows = n_items + 1;
  g_autofree Cell *cells = g_new0 (Cell, (gsize) n_rows * N_COLUMNS);
  guint widths[N_COLUMNS] = { 0, };
  /* Numbers line up on the right, text on the left. */
  const gboolean right_aligned[N_COLUMNS] = { TRUE, FALSE, TRUE, FALSE };
  GString *out = g_string_new (NULL);

  set_cell (&cells[COLUMN_ID], _("ID"));
  set_cell (&cells[COLUMN_NAME], _("NAME"));
  set_cell (&cells[COLUMN_ENTRIES], _("ENTRIES"));
  set_cell (&cells[COLUMN_UPDATED], _("UPDATED"));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MqPlaylist) playlist = g_list_model_get_item (playlists, i);
      Cell *row = &cells[(gsize) (i + 1) * N_COLUMNS];
      g_autoptr(GDateTime) updated_at = mq_playlist_dup_updated_at (playlist);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, mq_playlist_get_id (playlist));
      g_autofree char *entries = g_strdup_printf ("%u", mq_playlist_get_number_of_entries (playlist));
      g_autofree char *updated = NULL;

      if (updated_at != NULL)
        {
          g_autofree char *full = mq_json_format_datetime (updated_at);

          /* Minutes are enough to read; "YYYY-MM-DD HH:MM". */
          updated = g_strndup (full, 16);
        }

      set_cell (&row[COLUMN_ID], id);
      set_cell (&row[COLUMN_NAME], mq_playlist_get_name (playlist));
      set_cell (&row[COLUMN_ENTRIES], entries);
      set_cell (&row[COLUMN_UPDATED], updated);
    }

  for (gsize i = 0; i < (gsize) n_rows * N_COLUMNS; i++)
    widths[i % N_COLUMNS] = MAX (widths[i % N_COLUMNS], cells[i].width);

  for (guint r = 0; r < n_rows; r++)
    {
      Cell *row = &cells[(gsize) r * N_COLUMNS];
      guint pending = 0; /* spaces owed to the left-aligned cell before, not yet written */

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          guint padding = widths[c] - row[c].width;

          if (c > 0)
            pending += 2;

          if (right_aligned[c])
            {
              append_padding (out, pending + padding);
              g_string_append (out, row[c].text);
              pending = 0;
            }
          else if (*row[c].text != '\0')
            {
              append_padding (out, pending);
              g_string_append (out, row[c].text);
              pending = padding;
            }
          else
            pending += padding;
        }

      /* No trailing spaces: the padding owed at the end of the line is dropped. */
      g_string_append_c (out, '\n');
    }

  for (gsize i = 0; i < (gsize) n_rows * N_COLUMNS; i++)
    g_free (cells[i].text);

  return g_string_free_to_bytes (out);
}

GBytes *
mq_playlists_export (GListModel     *playlists,
                     MqExportFormat  format)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (playlists), NULL);

  switch (format)
    {
    case MQ_EXPORT_FORMAT_CSV:
      return export_csv (playlists);
    case MQ_EXPORT_FORMAT_JSON:
      return export_json (playlists);
    case MQ_EXPORT_FORMAT_TABLE:
      return export_table (playlists);
    default:
      g_return_val_if_reached (NULL);
    }
}

typedef struct
{
  GListModel *playlists;
  MqExportFormat format;
  GFile *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->playlists);
  g_clear_object (&job->file);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GBytes) bytes = mq_playlists_export (job->playlists, job->format);
  GError *error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  /* g_file_replace_contents() writes a temporary file and renames it over the old one. */
  if (!g_file_replace_contents (job->file, data, length, NULL, FALSE, G_FILE_CREATE_NONE,
                                NULL, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
mq_playlists_export_to_file_async (GListModel          *playlists,
                                   MqExportFormat       format,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GListStore *snapshot;
  ExportJob *job;
  guint n_items;

  g_return_if_fail (G_IS_LIST_MODEL (playlists));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_playlists_export_to_file_async);

  /* The worker gets a list of its own: the caller's model (a filter or a sort model)
   * belongs to the main thread and may change meanwhile. */
  n_items = g_list_model_get_n_items (playlists);
  items = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (items, g_list_model_get_item (playlists, i));
  snapshot = g_list_store_new (MQ_TYPE_PLAYLIST);
  g_list_store_splice (snapshot, 0, 0, items->pdata, items->len);

  job = g_new0 (ExportJob, 1);
  job->playlists = G_LIST_MODEL (snapshot);
  job->format = format;
  job->file = g_object_ref (file);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);

  g_task_run_in_thread (task, export_thread);
}

gboolean
mq_playlists_export_to_file_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_playlists_export_to_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
