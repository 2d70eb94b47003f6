/* mq-playlist-export.h: a list of playlists, or what screen groups play, as CSV
 * (RFC 4180), JSON or a table
 *
 * Used by the window's Export, `marquee --list-playlists` and `--now-playing`. Written
 * as a stream, item by item: what is held besides the input is one item and a 64 KiB
 * buffer.
 *
 * Text from a server never reaches a terminal as a control: CSV and table carry no C0
 * control but tab and line break (CSV keeps them inside quoted cells, where RFC 4180
 * allows them; the table shows them as spaces), no DEL, no C1 control and no
 * bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069): each becomes
 * U+FFFD. JSON escapes all of them as \uXXXX. Text that is not UTF-8 has U+FFFD for
 * each bad sequence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mq-schedule.h"

G_BEGIN_DECLS

typedef enum
{
  MQ_EXPORT_FORMAT_CSV,
  MQ_EXPORT_FORMAT_JSON,
  MQ_EXPORT_FORMAT_TABLE, /* aligned plain text for a terminal */
} MqExportFormat;

/* "csv", "json", "table"; FALSE for anything else. */
gboolean  mq_export_format_from_string (const char     *name,
                                        MqExportFormat *format);

/* The width of a table when the caller knows none (a pipe, a file). */
#define MQ_EXPORT_DEFAULT_TABLE_WIDTH 120

/* Writes @playlists (MqPlaylist, in the order to write) to @output. CSV columns: id,
 * name, entries, type, shared, default, demo, advertised, label, comment, updated_at.
 * JSON: an array of objects with viewneo's field names, as json-glib pretty-prints
 * them. Table: at most @table_width columns wide (0: MQ_EXPORT_DEFAULT_TABLE_WIDTH),
 * names cut with "…" to fit (at least 10 columns are kept for them). */
gboolean  mq_playlists_write           (GPtrArray      *playlists,
                                        MqExportFormat  format,
                                        guint           table_width,
                                        GOutputStream  *output,
                                        GCancellable   *cancellable,
                                        GError        **error);

/* The same, in memory (a table MQ_EXPORT_DEFAULT_TABLE_WIDTH wide). */
GBytes   *mq_playlists_export          (GListModel     *playlists,
                                        MqExportFormat  format);

/* Writes the export to @file in a worker thread, as a stream; an existing file is
 * replaced only once the whole export is written. */
void      mq_playlists_export_to_file_async  (GListModel          *playlists,
                                              MqExportFormat       format,
                                              GFile               *file,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean  mq_playlists_export_to_file_finish (GAsyncResult        *result,
                                              GError             **error);

/* How far ahead mq_now_playing_write() looks for the next change. */
#define MQ_NOW_PLAYING_HORIZON_DAYS 7

/* Writes what each screen group of @groups (MqDeviceGroup, in the order to write) plays
 * at @at in @tz: its playlist, the entries mq_schedule_active_entries() gives (nested
 * playlists expanded through @resolve, which also gives each group's playlist), the
 * loop's duration, and mq_schedule_next_change() up to MQ_NOW_PLAYING_HORIZON_DAYS
 * later. Each group is worked out just before it is written. A playlist @resolve does
 * not have is written as not read (its entries missing, counted as unresolved).
 *
 * Times are ISO 8601 with the offset, and the zone is named (mq_schedule_dup_zone_name()).
 * CSV: one row per playing entry (a group with none: one row, the entry's cells empty);
 * columns group_id, group_name, playlist_id, playlist_name, at, zone, position,
 * entry_id, media_file_id, nested_playlist_id, name, duration, loop_duration_ms,
 * next_change, unknown_count, unresolved_count. JSON: an array with an object per
 * group: id, name, playlist_id, playlist_name, at, zone, entries [{id, index,
 * media_file_id, playlist_id_as_nested_playlist, name, duration}], loop_duration_ms,
 * next_change (null: none within the horizon), unknown_count, unresolved_count. Table:
 * a block per group, every line at most @table_width columns (0:
 * MQ_EXPORT_DEFAULT_TABLE_WIDTH). The rules for text are those above. */
gboolean  mq_now_playing_write         (GPtrArray          *groups,
                                        MqPlaylistResolver  resolve,
                                        gpointer            resolve_data,
                                        GTimeZone          *tz,
                                        GDateTime          *at,
                                        MqExportFormat      format,
                                        guint               table_width,
                                        GOutputStream      *output,
                                        GCancellable       *cancellable,
                                        GError            **error);

/* A column of mq_records_write(): @key names it in CSV's header and as JSON's member;
 * @heading is the table's (translated). A @is_literal cell is written to JSON as it is
 * (true, false, a number); other cells are JSON strings. The table's @fills column
 * gets the width the others leave, and is cut with "…" to fit. */
typedef struct
{
  const char *key;
  const char *heading;
  gboolean    is_literal;
  gboolean    fills;
} MqExportColumn;

/* Writes @rows (each an array of @n_columns cells; a NULL cell is JSON's null and empty
 * elsewhere) as mq_playlists_write() writes playlists: the same rules for text, a CSV
 * header of the keys, a JSON array of objects, a table at most @table_width wide (0:
 * MQ_EXPORT_DEFAULT_TABLE_WIDTH) when the cells fit, row by row. */
gboolean  mq_records_write             (const MqExportColumn  *columns,
                                        guint                  n_columns,
                                        GPtrArray             *rows,
                                        MqExportFormat         format,
                                        guint                  table_width,
                                        GOutputStream         *output,
                                        GCancellable          *cancellable,
                                        GError               **error);

G_END_DECLS
