/* mq-playlist-export.h: a list of playlists as CSV (RFC 4180) or JSON
 *
 * Used by the window's Export and by `marquee --list-playlists`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

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

/* @playlists: a GListModel of MqPlaylist, in the order to write. CSV columns: id, name,
 * entries, type, shared, default, demo, advertised, label, comment, updated_at. JSON: an
 * array of objects with viewneo's field names. */
GBytes   *mq_playlists_export          (GListModel     *playlists,
                                        MqExportFormat  format);

/* Writes the export to @file in a worker thread (atomically, replacing it). */
void      mq_playlists_export_to_file_async  (GListModel          *playlists,
                                              MqExportFormat       format,
                                              GFile               *file,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean  mq_playlists_export_to_file_finish (GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
