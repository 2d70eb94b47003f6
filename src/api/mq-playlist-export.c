/* mq-playlist-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mq-device-group.h"
#include "mq-json-private.h"
#include "mq-media-file.h"
#include "mq-models-private.h"
#include "mq-playlist.h"
#include "mq-playlist-entry.h"
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

/* ---- output ---- */

/* Items are written to a buffer of this size, then it goes to the stream. */
#define CHUNK_SIZE (64 * 1024)

typedef struct
{
  GString       *buffer;
  GOutputStream *output;
  GCancellable  *cancellable;
} Writer;

static gboolean
writer_flush (Writer  *writer,
              GError **error)
{
  if (writer->buffer->len > 0 &&
      !g_output_stream_write_all (writer->output, writer->buffer->str, writer->buffer->len,
                                  NULL, writer->cancellable, error))
    return FALSE;

  g_string_truncate (writer->buffer, 0);
  return TRUE;
}

/* After each item: the buffer goes out once it is full. */
static gboolean
writer_item_done (Writer  *writer,
                  GError **error)
{
  return writer->buffer->len < CHUNK_SIZE || writer_flush (writer, error);
}

/* A number in decimal; printf costs more than the rest of a CSV row. */
static void
append_int (GString *out,
            gint64   value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';

  g_string_append_len (out, p, digits + sizeof digits - p);
}

/* ---- characters ---- */

#define REPLACEMENT_CHARACTER "\xef\xbf\xbd" /* U+FFFD */

/* C0, DEL, C1, and the bidirectional overrides and isolates: what a terminal would act
 * on, or what would make a line read other than it is. */
static inline gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c < 0xa0) ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* @text, or a copy of it with U+FFFD for each sequence that is not UTF-8 (in @copy).
 * The client only keeps valid text; this is for whatever else calls. */
static const char *
ensure_utf8 (const char  *text,
             char       **copy)
{
  if (G_LIKELY (g_utf8_validate (text, -1, NULL)))
    return text;

  *copy = g_utf8_make_valid (text, -1);
  return *copy;
}

/* ---- CSV (RFC 4180) ---- */

/* A text cell that a spreadsheet would take for a formula (= + - @, and the tab and
 * carriage return OWASP lists) gets a leading apostrophe, so that opening an export
 * never runs what a playlist's name says. Tab and line breaks stay (quoted, as RFC 4180
 * allows: a spreadsheet shows a cell of several lines); a carriage return only as part
 * of CRLF, since alone it would send the terminal's cursor back over the line. */
static void
append_csv_text (GString    *csv,
                 const char *text)
{
  g_autofree char *valid = NULL;
  gboolean needs_quotes;
  gboolean is_formula;

  if (text == NULL)
    return;

  text = ensure_utf8 (text, &valid);
  is_formula = strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0';
  needs_quotes = strpbrk (text, ",\"\r\n") != NULL;

  if (needs_quotes)
    g_string_append_c (csv, '"');
  if (is_formula)
    g_string_append_c (csv, '\'');

  for (const char *p = text; *p != '\0';)
    {
      guchar b = (guchar) *p;
      const char *next;
      gunichar c;

      if (G_LIKELY (b >= 0x20 && b < 0x7f))
        {
          if (b == '"')
            g_string_append_c (csv, '"');
          g_string_append_c (csv, b);
          p++;
          continue;
        }

      if (b == '\t' || b == '\n' || (b == '\r' && p[1] == '\n'))
        {
          g_string_append_c (csv, b);
          p++;
          continue;
        }

      c = g_utf8_get_char (p);
      next = g_utf8_next_char (p);
      if (is_control (c))
        g_string_append (csv, REPLACEMENT_CHARACTER);
      else
        g_string_append_len (csv, p, next - p);
      p = next;
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

static gboolean
write_csv (Writer     *writer,
           GPtrArray  *playlists,
           GError    **error)
{
  GString *csv = writer->buffer;

  g_string_append (csv, "id,name,entries,type,shared,default,demo,"
                        "advertised,label,comment,updated_at\r\n");

  for (guint i = 0; i < playlists->len; i++)
    {
      MqPlaylist *playlist = g_ptr_array_index (playlists, i);
      /* Not kept by the playlist: an export may write 100,000. */
      g_autoptr(GDateTime) updated = mq_playlist_dup_updated_at (playlist);
      g_autofree char *updated_at = mq_json_format_datetime (updated);
      MqPlaylistFlags flags = mq_playlist_get_flags (playlist);

      append_int (csv, mq_playlist_get_id (playlist));
      g_string_append_c (csv, ',');
      append_csv_text (csv, mq_playlist_get_name (playlist));
      g_string_append_c (csv, ',');
      append_int (csv, mq_playlist_get_number_of_entries (playlist));
      g_string_append_c (csv, ',');
      append_int (csv, mq_playlist_get_playlist_type (playlist));
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

      if (!writer_item_done (writer, error))
        return FALSE;
    }

  return TRUE;
}

/* ---- JSON ---- */

/* The bytes json-glib 1.6 writes for a playlist with mq_playlist_serialize() and the
 * pretty generator (indent 2), written here directly: a JsonBuilder tree per item
 * costs more than fetching it. Only what json-glib leaves raw is escaped as well: DEL
 * (escaped there too), U+001F (missed there), C1 and the bidirectional controls. The
 * member names and order are mq_playlist_serialize()'s; /export/json-as-json-glib
 * checks that both agree. */

static void
append_json_escape (GString  *json,
                    gunichar  c)
{
  switch (c)
    {
    case '\b': g_string_append (json, "\\b"); break;
    case '\t': g_string_append (json, "\\t"); break;
    case '\n': g_string_append (json, "\\n"); break;
    case '\f': g_string_append (json, "\\f"); break;
    case '\r': g_string_append (json, "\\r"); break;
    default: g_string_append_printf (json, "\\u%04x", c); break;
    }
}

static void
append_json_string (GString    *json,
                    const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    {
      g_string_append (json, "null");
      return;
    }

  text = ensure_utf8 (text, &valid);
  g_string_append_c (json, '"');
  for (const char *p = text; *p != '\0';)
    {
      guchar b = (guchar) *p;
      const char *next;
      gunichar c;

      if (G_LIKELY (b >= 0x20 && b < 0x7f))
        {
          if (b == '"' || b == '\\')
            g_string_append_c (json, '\\');
          g_string_append_c (json, b);
          p++;
          continue;
        }

      c = g_utf8_get_char (p);
      next = g_utf8_next_char (p);
      if (is_control (c))
        append_json_escape (json, c);
      else
        g_string_append_len (json, p, next - p);
      p = next;
    }
  g_string_append_c (json, '"');
}

/* Text json-glib generated (its strings escaped as it does, no raw line break in them),
 * with what it leaves raw escaped, and each line after the first indented by @indent. */
static void
append_json_glib_text (GString    *json,
                       const char *text,
                       const char *indent)
{
  for (const char *p = text; *p != '\0';)
    {
      guchar b = (guchar) *p;
      const char *next;
      gunichar c;

      if (b == '\n')
        {
          g_string_append_c (json, '\n');
          g_string_append (json, indent);
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append (json, REPLACEMENT_CHARACTER);
          p++;
          continue;
        }

      next = g_utf8_next_char (p);
      if (is_control (c))
        append_json_escape (json, c);
      else
        g_string_append_len (json, p, next - p);
      p = next;
    }
}

/* Entries are only there for a playlist opened in the window: rare enough for
 * json-glib, and their fields stay mq_playlist_entry_serialize()'s alone. */
static void
append_json_entries (GString    *json,
                     GListModel *entries)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  guint n_entries = g_list_model_get_n_items (entries);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, i);

      mq_playlist_entry_serialize (entry, builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);

  append_json_glib_text (json, text, "    ");
}

static void
append_json_member (GString    *json,
                    const char *name)
{
  g_string_append (json, ",\n    \"");
  g_string_append (json, name);
  g_string_append (json, "\" : ");
}

static void
append_json_int (GString    *json,
                 const char *name,
                 gint64      value)
{
  append_json_member (json, name);
  append_int (json, value);
}

static void
append_json_datetime (GString    *json,
                      const char *name,
                      GDateTime  *value)
{
  g_autofree char *text = mq_json_format_datetime (value);

  append_json_member (json, name);
  append_json_string (json, text);
}

static void
append_json_playlist (GString    *json,
                      MqPlaylist *playlist)
{
  /* Not kept by the playlist: an export may write 100,000. */
  g_autoptr(GDateTime) created_at = mq_playlist_dup_created_at (playlist);
  g_autoptr(GDateTime) updated_at = mq_playlist_dup_updated_at (playlist);
  MqPlaylistFlags flags = mq_playlist_get_flags (playlist);
  gint64 company_id = mq_playlist_get_company_id (playlist);
  GListModel *entries = mq_playlist_get_entries (playlist);

  g_string_append (json, "  {\n    \"id\" : ");
  append_int (json, mq_playlist_get_id (playlist));
  append_json_member (json, "name");
  append_json_string (json, mq_playlist_get_name (playlist));
  append_json_member (json, "comment");
  append_json_string (json, mq_playlist_get_comment (playlist));
  append_json_member (json, "label");
  append_json_string (json, mq_playlist_get_label (playlist));
  append_json_member (json, "company_id");
  if (company_id != 0)
    append_int (json, company_id);
  else
    g_string_append (json, "null");
  append_json_datetime (json, "created_at", created_at);
  append_json_datetime (json, "updated_at", updated_at);
  append_json_int (json, "number_of_entries", mq_playlist_get_number_of_entries (playlist));
  append_json_int (json, "playback_entry_count", mq_playlist_get_playback_entry_count (playlist));
  append_json_int (json, "playback_order", mq_playlist_get_playback_order (playlist));
  append_json_int (json, "playback_rule", mq_playlist_get_playback_rule (playlist));
  append_json_int (json, "type", mq_playlist_get_playlist_type (playlist));
  append_json_int (json, "is_shared", (flags & MQ_PLAYLIST_FLAGS_SHARED) != 0);
  append_json_int (json, "is_default", (flags & MQ_PLAYLIST_FLAGS_DEFAULT) != 0);
  append_json_int (json, "is_demo", (flags & MQ_PLAYLIST_FLAGS_DEMO) != 0);
  append_json_int (json, "is_advertised", (flags & MQ_PLAYLIST_FLAGS_ADVERTISED) != 0);
  append_json_int (json, "events_count", mq_playlist_get_events_count (playlist));
  if (entries != NULL)
    {
      append_json_member (json, "entries");
      append_json_entries (json, entries);
    }
  g_string_append (json, "\n  }");
}

/* Every JSON output is an array of objects, one item at a time: "[]" when there are
 * none, else "[", the items apart by ",", then "]". */
static void
append_json_array_start (GString *json,
                         guint    n_items)
{
  g_string_append (json, n_items == 0 ? "[]\n" : "[\n");
}

/* After item @i of @n_items. */
static void
append_json_array_next (GString *json,
                        guint    i,
                        guint    n_items)
{
  g_string_append (json, i + 1 < n_items ? ",\n" : "\n]\n");
}

static gboolean
write_json (Writer     *writer,
            GPtrArray  *playlists,
            GError    **error)
{
  append_json_array_start (writer->buffer, playlists->len);
  for (guint i = 0; i < playlists->len; i++)
    {
      append_json_playlist (writer->buffer, g_ptr_array_index (playlists, i));
      append_json_array_next (writer->buffer, i, playlists->len);

      if (!writer_item_done (writer, error))
        return FALSE;
    }

  return TRUE;
}

/* ---- table ---- */

/* The fewest columns a name gets, however narrow the terminal. */
#define MIN_NAME_WIDTH 10
#define ELLIPSIS "\xe2\x80\xa6" /* … */

/* How a character shows in a table: line breaks and tabs as a space (a row is one line
 * and its columns line up), other controls as U+FFFD, everything else as itself. */
static const char *
table_char (const char  *p,
            gunichar     c,
            gsize       *length,
            guint       *width)
{
  if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
    {
      *length = 1;
      *width = 1;
      return " ";
    }

  if (is_control (c))
    {
      *length = strlen (REPLACEMENT_CHARACTER);
      *width = 1;
      return REPLACEMENT_CHARACTER;
    }

  *length = g_utf8_next_char (p) - p;
  *width = g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;
  return p;
}

/* The width of valid UTF-8 @text in terminal columns, counted no further than
 * @limit + 1: a name of megabytes costs what the table shows of it. */
static guint
valid_text_width (const char *text,
                  guint       limit)
{
  guint width = 0;

  for (const char *p = text; *p != '\0' && width <= limit; p = g_utf8_next_char (p))
    {
      gsize length;
      guint char_width;

      table_char (p, g_utf8_get_char (p), &length, &char_width);
      width += char_width;
    }

  return width;
}

static guint
text_width (const char *text,
            guint       limit)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return 0;

  return valid_text_width (ensure_utf8 (text, &valid), limit);
}

/* Appends @text, at most @max_width columns of it: when longer, cut at a character
 * (never inside one, nor a wide one halved) and "…" in the last column. Returns the
 * columns written. */
static guint
append_table_text (GString    *out,
                   const char *text,
                   guint       max_width)
{
  g_autofree char *valid = NULL;
  gboolean cut;
  guint room;
  guint width = 0;

  if (text == NULL)
    return 0;

  text = ensure_utf8 (text, &valid);
  cut = valid_text_width (text, max_width) > max_width;
  room = cut ? max_width - 1 : max_width;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize length;
      guint char_width;
      const char *shown = table_char (p, g_utf8_get_char (p), &length, &char_width);

      if (width + char_width > room)
        break;
      g_string_append_len (out, shown, length);
      width += char_width;
    }

  if (cut)
    {
      g_string_append (out, ELLIPSIS);
      width++;
    }

  return width;
}

enum { COLUMN_ID, COLUMN_NAME, COLUMN_ENTRIES, COLUMN_UPDATED, N_COLUMNS };

/* One row's cells; only the name is cut, the others are short. */
typedef struct
{
  char        id[24];
  const char *name;
  char        entries[16];
  char        updated[24];
} Row;

static void
row_init (Row        *row,
          MqPlaylist *playlist)
{
  g_autoptr(GDateTime) updated_at = mq_playlist_dup_updated_at (playlist);

  g_snprintf (row->id, sizeof row->id, "%" G_GINT64_FORMAT, mq_playlist_get_id (playlist));
  row->name = mq_playlist_get_name (playlist);
  g_snprintf (row->entries, sizeof row->entries, "%u", mq_playlist_get_number_of_entries (playlist));
  row->updated[0] = '\0';
  if (updated_at != NULL)
    {
      g_autofree char *full = mq_json_format_datetime (updated_at);

      /* Minutes are enough to read; "YYYY-MM-DD HH:MM". */
      g_strlcpy (row->updated, full, MIN (sizeof row->updated, 17));
    }
}

static void
append_padding (GString *out,
                guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (out, ' ');
}

/* One line of @n_columns cells two spaces apart, each @widths[c] wide: numbers (where
 * @right_aligned) on the right, text on the left and cut with "…" to fit. */
static void
append_row (GString        *out,
            guint           n_columns,
            const char    **cells,
            const guint    *widths,
            const gboolean *right_aligned)
{
  guint pending = 0; /* spaces owed to the left-aligned cell before, not yet written */

  for (guint c = 0; c < n_columns; c++)
    {
      guint width;

      if (c > 0)
        pending += 2;

      if (right_aligned[c])
        {
          /* A number, or a header no wider than its column. */
          width = text_width (cells[c], widths[c]);
          append_padding (out, pending + widths[c] - MIN (width, widths[c]));
          if (width <= widths[c] && g_str_is_ascii (cells[c]))
            g_string_append (out, cells[c]);
          else
            append_table_text (out, cells[c], widths[c]);
          pending = 0;
        }
      else if (cells[c] != NULL && *cells[c] != '\0')
        {
          append_padding (out, pending);
          width = append_table_text (out, cells[c], widths[c]);
          pending = widths[c] - width;
        }
      else
        pending += widths[c];
    }

  /* No trailing spaces: the padding owed at the end of the line is dropped. */
  g_string_append_c (out, '\n');
}

/* The columns a name gets: what the others (@others, gaps included) leave of
 * @table_width, and never fewer than MIN_NAME_WIDTH. */
static guint
name_room_for (guint table_width,
               guint others)
{
  return table_width > others + MIN_NAME_WIDTH ? table_width - others : MIN_NAME_WIDTH;
}

/* Two passes over the playlists, none of them copied: the column widths, then the
 * rows. The name column takes what the others leave of @table_width. */
static gboolean
write_table (Writer     *writer,
             GPtrArray  *playlists,
             guint       table_width,
             GError    **error)
{
  const char *header[N_COLUMNS] = { _("ID"), _("NAME"), _("ENTRIES"), _("UPDATED") };
  /* Numbers line up on the right, text on the left. */
  const gboolean right_aligned[N_COLUMNS] = { TRUE, FALSE, TRUE, FALSE };
  guint widths[N_COLUMNS];
  guint others;
  guint name_room;

  for (guint c = 0; c < N_COLUMNS; c++)
    widths[c] = text_width (header[c], G_MAXUINT);

  for (guint i = 0; i < playlists->len; i++)
    {
      MqPlaylist *playlist = g_ptr_array_index (playlists, i);
      char number[24];

      widths[COLUMN_ID] = MAX (widths[COLUMN_ID],
                               (guint) g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT,
                                                   mq_playlist_get_id (playlist)));
      widths[COLUMN_ENTRIES] = MAX (widths[COLUMN_ENTRIES],
                                    (guint) g_snprintf (number, sizeof number, "%u",
                                                        mq_playlist_get_number_of_entries (playlist)));
      /* "YYYY-MM-DD HH:MM", as row_init() writes it. */
      if (mq_playlist_get_updated_at_unix (playlist) != G_MININT64)
        widths[COLUMN_UPDATED] = MAX (widths[COLUMN_UPDATED], 16);
    }

  others = widths[COLUMN_ID] + widths[COLUMN_ENTRIES] + widths[COLUMN_UPDATED] + 2 * (N_COLUMNS - 1);
  name_room = name_room_for (table_width, others);
  for (guint i = 0; i < playlists->len && widths[COLUMN_NAME] < name_room; i++)
    {
      const char *name = mq_playlist_get_name (g_ptr_array_index (playlists, i));

      widths[COLUMN_NAME] = MAX (widths[COLUMN_NAME], text_width (name, name_room));
    }
  widths[COLUMN_NAME] = MIN (widths[COLUMN_NAME], name_room);

  append_row (writer->buffer, N_COLUMNS, header, widths, right_aligned);

  for (guint i = 0; i < playlists->len; i++)
    {
      Row row;
      const char *cells[N_COLUMNS];

      row_init (&row, g_ptr_array_index (playlists, i));
      cells[COLUMN_ID] = row.id;
      cells[COLUMN_NAME] = row.name;
      cells[COLUMN_ENTRIES] = row.entries;
      cells[COLUMN_UPDATED] = row.updated;
      append_row (writer->buffer, N_COLUMNS, cells, widths, right_aligned);

      if (!writer_item_done (writer, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
mq_playlists_write (GPtrArray      *playlists,
                    MqExportFormat  format,
                    guint           table_width,
                    GOutputStream  *output,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autoptr(GString) buffer = NULL;
  Writer writer;
  gboolean written = FALSE;

  g_return_val_if_fail (playlists != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  buffer = g_string_sized_new (CHUNK_SIZE + 4096);
  writer.buffer = buffer;
  writer.output = output;
  writer.cancellable = cancellable;

  switch (format)
    {
    case MQ_EXPORT_FORMAT_CSV:
      written = write_csv (&writer, playlists, error);
      break;
    case MQ_EXPORT_FORMAT_JSON:
      written = write_json (&writer, playlists, error);
      break;
    case MQ_EXPORT_FORMAT_TABLE:
      written = write_table (&writer, playlists,
                             table_width > 0 ? table_width : MQ_EXPORT_DEFAULT_TABLE_WIDTH,
                             error);
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  return written && writer_flush (&writer, error) &&
         g_output_stream_flush (output, cancellable, error);
}

/* ---- now playing ---- */

/* One screen group at the moment, worked out just before it is written. */
typedef struct
{
  MqDeviceGroup     *group;
  MqPlaylist        *playlist;      /* the resolver's, or NULL */
  gint64             playlist_id;   /* 0: the group plays none */
  const char        *playlist_name;
  GPtrArray         *entries;       /* MqPlaylistEntry playing, in order */
  MqScheduleSummary  summary;
  GDateTime         *next_change;   /* NULL: none within the horizon */
  char              *next_text;     /* ISO 8601, or NULL */
  char              *next_zone;     /* the zone's name at the change, or NULL */
} NowPlaying;

/* What all groups share: the moment and its zone. */
typedef struct
{
  MqPlaylistResolver  resolve;
  gpointer            resolve_data;
  GTimeZone          *tz;
  GDateTime          *at;
  char               *at_text;
  char               *zone;
} NowPlayingContext;

/* ISO 8601 with the offset in full ("+01:00"): g_date_time_format_iso8601() of GLib
 * 2.74 writes "+01", which not every reader takes. */
static char *
format_iso8601 (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
now_playing_init (NowPlaying        *now,
                  NowPlayingContext *context,
                  MqDeviceGroup     *group)
{
  memset (now, 0, sizeof *now);
  now->group = group;
  now->playlist_id = mq_device_group_get_playlist_id (group);
  now->playlist_name = mq_device_group_get_playlist_name (group);

  if (now->playlist_id != 0)
    now->playlist = context->resolve (now->playlist_id, context->resolve_data);

  if (now->playlist != NULL && mq_playlist_get_entries (now->playlist) != NULL)
    {
      g_autoptr(GDateTime) until = g_date_time_add_days (context->at, MQ_NOW_PLAYING_HORIZON_DAYS);

      now->playlist_name = mq_playlist_get_name (now->playlist);
      now->entries = mq_schedule_active_entries (now->playlist, context->resolve,
                                                 context->resolve_data, context->tz,
                                                 context->at, &now->summary);
      now->next_change = mq_schedule_next_change (now->playlist, context->resolve,
                                                  context->resolve_data, context->tz,
                                                  context->at, until);
    }
  else
    {
      now->entries = g_ptr_array_new ();
      /* A playlist that could not be read: what it plays is not known. */
      if (now->playlist_id != 0)
        now->summary.n_unresolved = 1;
    }

  if (now->next_change != NULL)
    {
      now->next_text = format_iso8601 (now->next_change);
      now->next_zone = mq_schedule_dup_zone_name (context->tz, now->next_change);
    }
}

static void
now_playing_clear (NowPlaying *now)
{
  g_clear_pointer (&now->entries, g_ptr_array_unref);
  g_clear_pointer (&now->next_change, g_date_time_unref);
  g_clear_pointer (&now->next_text, g_free);
  g_clear_pointer (&now->next_zone, g_free);
}

/* An entry's name: its media file's, or its nested playlist's when the resolver has it. */
static const char *
entry_name (NowPlayingContext *context,
            MqPlaylistEntry   *entry)
{
  MqMediaFile *media_file = mq_playlist_entry_get_media_file (entry);
  gint64 nested_id = mq_playlist_entry_get_nested_playlist_id (entry);

  if (media_file != NULL)
    return mq_media_file_get_name (media_file);

  if (nested_id != 0)
    {
      MqPlaylist *nested = context->resolve (nested_id, context->resolve_data);

      if (nested != NULL)
        return mq_playlist_get_name (nested);
    }

  return NULL;
}

static void
append_csv_id (GString *csv,
               gint64   id)
{
  if (id != 0)
    append_int (csv, id);
}

static gboolean
write_now_playing_csv (Writer            *writer,
                       NowPlayingContext *context,
                       GPtrArray         *groups,
                       GError           **error)
{
  GString *csv = writer->buffer;

  g_string_append (csv, "group_id,group_name,playlist_id,playlist_name,at,zone,position,"
                        "entry_id,media_file_id,nested_playlist_id,name,duration,"
                        "loop_duration_ms,next_change,unknown_count,unresolved_count\r\n");

  for (guint i = 0; i < groups->len; i++)
    {
      NowPlaying now;
      guint n_rows;

      now_playing_init (&now, context, g_ptr_array_index (groups, i));
      n_rows = MAX (now.entries->len, 1);
      for (guint e = 0; e < n_rows; e++)
        {
          MqPlaylistEntry *entry = e < now.entries->len ? g_ptr_array_index (now.entries, e) : NULL;

          append_int (csv, mq_device_group_get_id (now.group));
          g_string_append_c (csv, ',');
          append_csv_text (csv, mq_device_group_get_name (now.group));
          g_string_append_c (csv, ',');
          append_csv_id (csv, now.playlist_id);
          g_string_append_c (csv, ',');
          append_csv_text (csv, now.playlist_name);
          g_string_append_c (csv, ',');
          g_string_append (csv, context->at_text);
          g_string_append_c (csv, ',');
          append_csv_text (csv, context->zone);
          g_string_append_c (csv, ',');
          if (entry != NULL)
            {
              append_int (csv, e + 1);
              g_string_append_c (csv, ',');
              append_int (csv, mq_playlist_entry_get_id (entry));
              g_string_append_c (csv, ',');
              append_csv_id (csv, mq_playlist_entry_get_media_file_id (entry));
              g_string_append_c (csv, ',');
              append_csv_id (csv, mq_playlist_entry_get_nested_playlist_id (entry));
              g_string_append_c (csv, ',');
              append_csv_text (csv, entry_name (context, entry));
              g_string_append_c (csv, ',');
              append_int (csv, mq_playlist_entry_get_duration (entry));
              g_string_append_c (csv, ',');
            }
          else
            g_string_append (csv, ",,,,,,");
          append_int (csv, now.summary.loop_duration_ms);
          g_string_append_c (csv, ',');
          if (now.next_text != NULL)
            g_string_append (csv, now.next_text);
          g_string_append_c (csv, ',');
          append_int (csv, now.summary.n_unknown);
          g_string_append_c (csv, ',');
          append_int (csv, now.summary.n_unresolved);
          g_string_append (csv, "\r\n");
        }
      now_playing_clear (&now);

      if (!writer_item_done (writer, error))
        return FALSE;
    }

  return TRUE;
}

static void
append_json_id (GString    *json,
                const char *name,
                gint64      id)
{
  append_json_member (json, name);
  if (id != 0)
    append_int (json, id);
  else
    g_string_append (json, "null");
}

static void
append_json_text (GString    *json,
                  const char *name,
                  const char *text)
{
  append_json_member (json, name);
  append_json_string (json, text);
}

static void
append_json_now_playing (GString           *json,
                         NowPlayingContext *context,
                         NowPlaying        *now)
{
  g_string_append (json, "  {\n    \"id\" : ");
  append_int (json, mq_device_group_get_id (now->group));
  append_json_text (json, "name", mq_device_group_get_name (now->group));
  append_json_id (json, "playlist_id", now->playlist_id);
  append_json_text (json, "playlist_name", now->playlist_name);
  append_json_text (json, "at", context->at_text);
  append_json_text (json, "zone", context->zone);
  append_json_member (json, "entries");
  if (now->entries->len == 0)
    g_string_append (json, "[]");
  else
    {
      g_string_append (json, "[\n");
      for (guint e = 0; e < now->entries->len; e++)
        {
          MqPlaylistEntry *entry = g_ptr_array_index (now->entries, e);

          g_string_append (json, "      {\n        \"id\" : ");
          append_int (json, mq_playlist_entry_get_id (entry));
          g_string_append (json, ",\n        \"index\" : ");
          append_int (json, mq_playlist_entry_get_index (entry));
          g_string_append (json, ",\n        \"media_file_id\" : ");
          if (mq_playlist_entry_get_media_file_id (entry) != 0)
            append_int (json, mq_playlist_entry_get_media_file_id (entry));
          else
            g_string_append (json, "null");
          g_string_append (json, ",\n        \"playlist_id_as_nested_playlist\" : ");
          if (mq_playlist_entry_get_nested_playlist_id (entry) != 0)
            append_int (json, mq_playlist_entry_get_nested_playlist_id (entry));
          else
            g_string_append (json, "null");
          g_string_append (json, ",\n        \"name\" : ");
          append_json_string (json, entry_name (context, entry));
          g_string_append (json, ",\n        \"duration\" : ");
          append_int (json, mq_playlist_entry_get_duration (entry));
          g_string_append (json, e + 1 < now->entries->len ? "\n      },\n" : "\n      }\n");
        }
      g_string_append (json, "    ]");
    }
  append_json_int (json, "loop_duration_ms", now->summary.loop_duration_ms);
  append_json_text (json, "next_change", now->next_text);
  append_json_int (json, "unknown_count", now->summary.n_unknown);
  append_json_int (json, "unresolved_count", now->summary.n_unresolved);
  g_string_append (json, "\n  }");
}

static gboolean
write_now_playing_json (Writer            *writer,
                        NowPlayingContext *context,
                        GPtrArray         *groups,
                        GError           **error)
{
  append_json_array_start (writer->buffer, groups->len);
  for (guint i = 0; i < groups->len; i++)
    {
      NowPlaying now;

      now_playing_init (&now, context, g_ptr_array_index (groups, i));
      append_json_now_playing (writer->buffer, context, &now);
      now_playing_clear (&now);
      append_json_array_next (writer->buffer, i, groups->len);

      if (!writer_item_done (writer, error))
        return FALSE;
    }

  return TRUE;
}

/* A line of text, made plain and cut to @table_width as a table's cells are. */
static void
append_table_line (GString    *out,
                   const char *text,
                   guint       table_width)
{
  append_table_text (out, text, table_width);
  g_string_append_c (out, '\n');
}

/* "YYYY-MM-DD HH:MM:SS, ZONE": what a person reads in a table. */
static char *
format_table_time (GDateTime  *time,
                   const char *zone)
{
  g_autofree char *clock = g_date_time_format (time, "%Y-%m-%d %H:%M:%S");

  /* Translators: a date and time, then the time zone, "Europe/Berlin (CET)" */
  return g_strdup_printf (C_("time and zone", "%s, %s"), clock, zone);
}

enum { NOW_INDENT, NOW_POSITION, NOW_ID, NOW_NAME, NOW_DURATION, N_NOW_COLUMNS };

static void
append_now_playing_block (GString           *out,
                          NowPlayingContext *context,
                          NowPlaying        *now,
                          guint              table_width)
{
  const gboolean right_aligned[N_NOW_COLUMNS] = { FALSE, TRUE, TRUE, FALSE, TRUE };
  guint widths[N_NOW_COLUMNS] = { 0, 1, 1, 0, 1 };
  g_autofree char *group_line = NULL;
  g_autofree char *playlist_line = NULL;
  g_autofree char *seconds = NULL;
  g_autofree char *loop = NULL;
  g_autofree char *next = NULL;
  g_autofree char *loop_line = NULL;
  g_autofree char *group_id = g_strdup_printf ("%" G_GINT64_FORMAT, mq_device_group_get_id (now->group));
  gint64 loop_seconds = (now->summary.loop_duration_ms + 999) / 1000;
  guint others;
  guint name_room;

  /* Translators: a screen group's id and name */
  group_line = g_strdup_printf (_("Screen group %s: %s"), group_id,
                                mq_device_group_get_name (now->group));
  append_table_line (out, group_line, table_width);

  if (now->playlist_id == 0)
    {
      append_table_line (out, _("  Plays no playlist."), table_width);
      return;
    }

  {
    g_autofree char *playlist_id = g_strdup_printf ("%" G_GINT64_FORMAT, now->playlist_id);

    /* Translators: a playlist's id and name */
    playlist_line = g_strdup_printf (_("  Playlist %s: %s"), playlist_id,
                                     now->playlist_name != NULL ? now->playlist_name : "");
    append_table_line (out, playlist_line, table_width);
  }

  /* The narrow columns first; the name takes what they leave. */
  for (guint e = 0; e < now->entries->len; e++)
    {
      MqPlaylistEntry *entry = g_ptr_array_index (now->entries, e);
      char number[32];

      widths[NOW_POSITION] = MAX (widths[NOW_POSITION],
                                  (guint) g_snprintf (number, sizeof number, "%u", e + 1));
      widths[NOW_ID] = MAX (widths[NOW_ID],
                            (guint) g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT,
                                                mq_playlist_entry_get_id (entry)));
      widths[NOW_DURATION] = MAX (widths[NOW_DURATION],
                                  (guint) g_snprintf (number, sizeof number, _("%u s"),
                                                      mq_playlist_entry_get_duration (entry)));
    }
  others = widths[NOW_POSITION] + widths[NOW_ID] + widths[NOW_DURATION] + 2 * (N_NOW_COLUMNS - 1);
  name_room = name_room_for (table_width, others);
  for (guint e = 0; e < now->entries->len && widths[NOW_NAME] < name_room; e++)
    widths[NOW_NAME] = MAX (widths[NOW_NAME],
                            text_width (entry_name (context, g_ptr_array_index (now->entries, e)), name_room));
  widths[NOW_NAME] = MIN (widths[NOW_NAME], name_room);

  for (guint e = 0; e < now->entries->len; e++)
    {
      MqPlaylistEntry *entry = g_ptr_array_index (now->entries, e);
      char position[16], id[24], duration[32];
      const char *cells[N_NOW_COLUMNS] = { "", position, id, entry_name (context, entry), duration };

      g_snprintf (position, sizeof position, "%u", e + 1);
      g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, mq_playlist_entry_get_id (entry));
      g_snprintf (duration, sizeof duration, _("%u s"), mq_playlist_entry_get_duration (entry));
      append_row (out, N_NOW_COLUMNS, cells, widths, right_aligned);
    }

  seconds = g_strdup_printf ("%" G_GINT64_FORMAT, loop_seconds);
  if (now->summary.n_unresolved > 0)
    /* Translators: a number of seconds, a lower bound: a nested playlist was not read */
    loop = g_strdup_printf (_("at least %s s"), seconds);
  else
    /* Translators: a number of seconds */
    loop = g_strdup_printf (_("%s s"), seconds);

  if (now->next_change != NULL)
    next = format_table_time (now->next_change, now->next_zone);
  else
    next = g_strdup_printf (ngettext ("none within %u day", "none within %u days",
                                      MQ_NOW_PLAYING_HORIZON_DAYS),
                            MQ_NOW_PLAYING_HORIZON_DAYS);

  if (now->entries->len == 0)
    /* Translators: when something next plays, or "none within 7 days" */
    loop_line = g_strdup_printf (_("  Nothing plays. Next change: %s."), next);
  else
    /* Translators: the loop's duration, then when the entries playing next change */
    loop_line = g_strdup_printf (_("  Loop: %s. Next change: %s."), loop, next);
  append_table_line (out, loop_line, table_width);

  if (now->summary.n_unknown > 0)
    {
      g_autofree char *line = g_strdup_printf (ngettext ("  Left out: %u entry with a schedule Marquee cannot read.",
                                                         "  Left out: %u entries with a schedule Marquee cannot read.",
                                                         now->summary.n_unknown),
                                               now->summary.n_unknown);

      append_table_line (out, line, table_width);
    }

  if (now->summary.n_unresolved > 0)
    {
      g_autofree char *line = g_strdup_printf (ngettext ("  Not read: %u playlist, its entries not shown.",
                                                         "  Not read: %u playlists, their entries not shown.",
                                                         now->summary.n_unresolved),
                                               now->summary.n_unresolved);

      append_table_line (out, line, table_width);
    }
}

static gboolean
write_now_playing_table (Writer            *writer,
                         NowPlayingContext *context,
                         GPtrArray         *groups,
                         guint              table_width,
                         GError           **error)
{
  g_autofree char *at = format_table_time (context->at, context->zone);
  /* Translators: a date, time and zone */
  g_autofree char *heading = g_strdup_printf (_("Playing at %s"), at);

  append_table_line (writer->buffer, heading, table_width);

  for (guint i = 0; i < groups->len; i++)
    {
      NowPlaying now;

      now_playing_init (&now, context, g_ptr_array_index (groups, i));
      g_string_append_c (writer->buffer, '\n');
      append_now_playing_block (writer->buffer, context, &now, table_width);
      now_playing_clear (&now);

      if (!writer_item_done (writer, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
mq_now_playing_write (GPtrArray          *groups,
                      MqPlaylistResolver  resolve,
                      gpointer            resolve_data,
                      GTimeZone          *tz,
                      GDateTime          *at,
                      MqExportFormat      format,
                      guint               table_width,
                      GOutputStream      *output,
                      GCancellable       *cancellable,
                      GError            **error)
{
  g_autoptr(GString) buffer = NULL;
  g_autoptr(GDateTime) moment = NULL;
  g_autofree char *at_text = NULL;
  g_autofree char *zone = NULL;
  NowPlayingContext context;
  Writer writer;
  gboolean written = FALSE;

  g_return_val_if_fail (groups != NULL, FALSE);
  g_return_val_if_fail (resolve != NULL, FALSE);
  g_return_val_if_fail (tz != NULL, FALSE);
  g_return_val_if_fail (at != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Read in @tz, so that the times written carry its offset. */
  moment = g_date_time_to_timezone (at, tz);
  at_text = format_iso8601 (moment);
  zone = mq_schedule_dup_zone_name (tz, moment);
  context.resolve = resolve;
  context.resolve_data = resolve_data;
  context.tz = tz;
  context.at = moment;
  context.at_text = at_text;
  context.zone = zone;

  buffer = g_string_sized_new (CHUNK_SIZE + 4096);
  writer.buffer = buffer;
  writer.output = output;
  writer.cancellable = cancellable;

  switch (format)
    {
    case MQ_EXPORT_FORMAT_CSV:
      written = write_now_playing_csv (&writer, &context, groups, error);
      break;
    case MQ_EXPORT_FORMAT_JSON:
      written = write_now_playing_json (&writer, &context, groups, error);
      break;
    case MQ_EXPORT_FORMAT_TABLE:
      written = write_now_playing_table (&writer, &context, groups,
                                         table_width > 0 ? table_width : MQ_EXPORT_DEFAULT_TABLE_WIDTH,
                                         error);
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  return written && writer_flush (&writer, error) &&
         g_output_stream_flush (output, cancellable, error);
}

/* The playlists of @model, referenced, in an array of their own. */
static GPtrArray *
snapshot_model (GListModel *model)
{
  guint n_items = g_list_model_get_n_items (model);
  GPtrArray *items = g_ptr_array_new_full (n_items, g_object_unref);

  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));

  return items;
}

GBytes *
mq_playlists_export (GListModel     *playlists,
                     MqExportFormat  format)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (playlists), NULL);

  items = snapshot_model (playlists);
  output = g_memory_output_stream_new_resizable ();
  /* Memory takes everything: no error to expect. */
  if (!mq_playlists_write (items, format, 0, output, NULL, &error) ||
      !g_output_stream_close (output, NULL, &error))
    g_return_val_if_reached (NULL);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
}

typedef struct
{
  GPtrArray *playlists;
  MqExportFormat format;
  GFile *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->playlists, g_ptr_array_unref);
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
  g_autoptr(GFileOutputStream) output = NULL;
  GError *error = NULL;

  /* g_file_replace() writes a temporary file and renames it over the old one on close. */
  output = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &error);
  if (output == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!mq_playlists_write (job->playlists, job->format, 0, G_OUTPUT_STREAM (output),
                           cancellable, &error))
    {
      g_autoptr(GCancellable) discard = g_cancellable_new ();

      /* Closed cancelled, the temporary file is dropped and the old one stays. */
      g_cancellable_cancel (discard);
      g_output_stream_close (G_OUTPUT_STREAM (output), discard, NULL);
      g_task_return_error (task, error);
      return;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (output), cancellable, &error))
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
  ExportJob *job;

  g_return_if_fail (G_IS_LIST_MODEL (playlists));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_playlists_export_to_file_async);

  /* The worker gets a list of its own: the caller's model (a filter or a sort model)
   * belongs to the main thread and may change meanwhile. */
  job = g_new0 (ExportJob, 1);
  job->playlists = snapshot_model (playlists);
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

/* ---- records ---- */

/* One line of csv: @cells quoted where they must be, apart by commas. */
static void
append_csv_row (GString            *csv,
                guint               n_cells,
                const char * const *cells)
{
  for (guint c = 0; c < n_cells; c++)
    {
      if (c > 0)
        g_string_append_c (csv, ',');
      append_csv_text (csv, cells[c]);
    }
  g_string_append (csv, "\r\n");
}

static void
append_record (GString              *out,
               const MqExportColumn *columns,
               guint                 n_columns,
               const char * const   *cells,
               MqExportFormat        format,
               const guint          *widths,
               const gboolean       *right_aligned)
{
  switch (format)
    {
    case MQ_EXPORT_FORMAT_CSV:
      append_csv_row (out, n_columns, cells);
      break;

    case MQ_EXPORT_FORMAT_JSON:
      g_string_append (out, "  {");
      for (guint c = 0; c < n_columns; c++)
        {
          g_string_append (out, c > 0 ? ",\n    \"" : "\n    \"");
          g_string_append (out, columns[c].key);
          g_string_append (out, "\" : ");
          if (columns[c].is_literal && cells[c] != NULL)
            g_string_append (out, cells[c]);
          else
            append_json_string (out, cells[c]);
        }
      g_string_append (out, "\n  }");
      break;

    case MQ_EXPORT_FORMAT_TABLE:
      append_row (out, n_columns, (const char **) cells, widths, right_aligned);
      break;

    default:
      g_return_if_reached ();
    }
}

gboolean
mq_records_write (const MqExportColumn  *columns,
                  guint                  n_columns,
                  GPtrArray             *rows,
                  MqExportFormat         format,
                  guint                  table_width,
                  GOutputStream         *output,
                  GCancellable          *cancellable,
                  GError               **error)
{
  g_autoptr(GString) buffer = NULL;
  g_autofree guint *widths = NULL;
  g_autofree gboolean *right_aligned = NULL;
  g_autofree const char **header = NULL;
  Writer writer;

  g_return_val_if_fail (columns != NULL && n_columns > 0, FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  buffer = g_string_sized_new (CHUNK_SIZE + 4096);
  writer.buffer = buffer;
  writer.output = output;
  writer.cancellable = cancellable;

  widths = g_new0 (guint, n_columns);
  right_aligned = g_new0 (gboolean, n_columns);
  header = g_new0 (const char *, n_columns);

  if (format == MQ_EXPORT_FORMAT_TABLE)
    {
      guint others = 2 * (n_columns - 1);
      guint room;
      guint fills = G_MAXUINT;

      if (table_width == 0)
        table_width = MQ_EXPORT_DEFAULT_TABLE_WIDTH;

      /* Every column as wide as its widest cell, but the one that fills: it gets what
       * the others leave, as the name of a playlist does. */
      for (guint c = 0; c < n_columns; c++)
        {
          header[c] = columns[c].heading;
          widths[c] = text_width (header[c], G_MAXUINT);
          if (columns[c].fills)
            {
              fills = c;
              continue;
            }
          for (guint i = 0; i < rows->len; i++)
            {
              const char * const *cells = g_ptr_array_index (rows, i);

              widths[c] = MAX (widths[c], text_width (cells[c], G_MAXUINT));
            }
          others += widths[c];
        }

      if (fills != G_MAXUINT)
        {
          room = name_room_for (table_width, others);
          for (guint i = 0; i < rows->len && widths[fills] < room; i++)
            {
              const char * const *cells = g_ptr_array_index (rows, i);

              widths[fills] = MAX (widths[fills], text_width (cells[fills], room));
            }
          widths[fills] = MIN (widths[fills], room);
        }

      append_row (buffer, n_columns, header, widths, right_aligned);
    }
  else if (format == MQ_EXPORT_FORMAT_CSV)
    {
      for (guint c = 0; c < n_columns; c++)
        header[c] = columns[c].key;
      append_csv_row (buffer, n_columns, header);
    }
  else if (format == MQ_EXPORT_FORMAT_JSON)
    append_json_array_start (buffer, rows->len);

  for (guint i = 0; i < rows->len; i++)
    {
      append_record (buffer, columns, n_columns, g_ptr_array_index (rows, i), format,
                     widths, right_aligned);
      if (format == MQ_EXPORT_FORMAT_JSON)
        append_json_array_next (buffer, i, rows->len);

      if (!writer_item_done (&writer, error))
        return FALSE;
    }

  return writer_flush (&writer, error) && g_output_stream_flush (output, cancellable, error);
}
