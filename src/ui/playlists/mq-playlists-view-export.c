/* mq-playlists-view-export.c: MqPlaylistsView's export, the file dialog and the
 * writing of the playlists shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <glib/gi18n.h>

#include "mq-playlist-export.h"
#include "mq-playlists-view-private.h"

typedef struct
{
  GFile          *file;
  MqExportFormat  format;
  guint           n_items;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->file);
  g_free (data);
}

static void
export_written (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MqPlaylistsView *self = g_task_get_source_object (task);
  ExportData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!mq_playlists_export_to_file_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s says why */
          text = g_strdup_printf (_("Could not export the playlists: %s"), error->message);
          _mq_playlists_view_show_toast (self, text);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  {
    g_autofree char *name = g_file_get_basename (data->file);

    /* Translators: "Exported 3,402 playlists to playlists.csv" */
    text = g_strdup_printf (ngettext ("Exported %'u playlist to %s", "Exported %'u playlists to %s",
                                      data->n_items), data->n_items, name);
    _mq_playlists_view_show_toast (self, text);
  }

  g_task_return_boolean (task, TRUE);
}

static void
export_when_sorted (GTask *task)
{
  MqPlaylistsView *self = g_task_get_source_object (task);
  ExportData *data = g_task_get_task_data (task);

  /* The writer takes its own copy of the items before its thread starts. */
  data->n_items = g_list_model_get_n_items (G_LIST_MODEL (self->shown_model));
  mq_playlists_export_to_file_async (G_LIST_MODEL (self->shown_model), data->format, data->file,
                                     g_task_get_cancellable (task), export_written,
                                     g_object_ref (task));
}

static void
export_sort_pending_changed_cb (GtkSortListModel *sort_model,
                                GParamSpec       *pspec,
                                GTask            *task)
{
  if (gtk_sort_list_model_get_pending (sort_model) > 0)
    return;

  g_signal_handlers_disconnect_by_func (sort_model, export_sort_pending_changed_cb, task);
  export_when_sorted (task);
  g_object_unref (task);
}

void
mq_playlists_view_export_async (MqPlaylistsView     *self,
                                GFile               *file,
                                MqExportFormat       format,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (MQ_IS_PLAYLISTS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_playlists_view_export_async);
  data = g_new0 (ExportData, 1);
  data->file = g_object_ref (file);
  data->format = format;
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);

  /* Exactly what is shown: wait for an incremental sort to finish. */
  if (gtk_sort_list_model_get_pending (self->shown_model) > 0)
    {
      g_signal_connect (self->shown_model, "notify::pending",
                        G_CALLBACK (export_sort_pending_changed_cb), g_steal_pointer (&task));
      return;
    }

  export_when_sorted (task);
}

gboolean
mq_playlists_view_export_finish (MqPlaylistsView  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (MQ_IS_PLAYLISTS_VIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static GtkFileFilter *
new_file_filter (const char *name,
                 const char *mime_type,
                 const char *pattern)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);

  return filter;
}

static MqExportFormat
guess_export_format (GFile         *file,
                     GtkFileFilter *chosen,
                     GtkFileFilter *json_filter)
{
  g_autofree char *name = g_file_get_basename (file);

  if (chosen != NULL)
    return chosen == json_filter ? MQ_EXPORT_FORMAT_JSON : MQ_EXPORT_FORMAT_CSV;

  return name != NULL && g_str_has_suffix (name, ".json") ? MQ_EXPORT_FORMAT_JSON
                                                          : MQ_EXPORT_FORMAT_CSV;
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
export_file_chosen (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MqPlaylistsView) self = user_data;
  GtkFileDialog *dialog = GTK_FILE_DIALOG (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (dialog, result, &error);
  GtkFileFilter *json_filter = g_object_get_data (object, "json-filter");

  if (file == NULL)
    return;

  mq_playlists_view_export_async (self, file,
                                  guess_export_format (file,
                                                       gtk_file_dialog_get_default_filter (dialog),
                                                       json_filter),
                                  NULL, NULL, NULL);
}
#else
static void
export_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            MqPlaylistsView *self)
{
  g_autoptr(GFile) file = NULL;
  GtkFileFilter *json_filter = g_object_get_data (G_OBJECT (chooser), "json-filter");

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL)
    mq_playlists_view_export_async (self, file,
                                    guess_export_format (file,
                                                         gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser)),
                                                         json_filter),
                                    NULL, NULL, NULL);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}
#endif

void
_mq_playlists_view_export_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  MqPlaylistsView *self = MQ_PLAYLISTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  g_autoptr(GtkFileFilter) csv_filter = new_file_filter (_("CSV"), "text/csv", "*.csv");
  g_autoptr(GtkFileFilter) json_filter = new_file_filter (_("JSON"), "application/json", "*.json");

#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  g_list_store_append (filters, csv_filter);
  g_list_store_append (filters, json_filter);
  gtk_file_dialog_set_title (dialog, _("Export Playlists"));
  gtk_file_dialog_set_accept_label (dialog, _("_Export"));
  gtk_file_dialog_set_initial_name (dialog, "playlists.csv");
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, csv_filter);
  g_object_set_data_full (G_OBJECT (dialog), "json-filter", g_object_ref (json_filter),
                          g_object_unref);
  gtk_file_dialog_save (dialog, parent, NULL, export_file_chosen, g_object_ref (self));
#else
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Playlists"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json_filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), csv_filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "playlists.csv");
  g_object_set_data_full (G_OBJECT (chooser), "json-filter", g_object_ref (json_filter),
                          g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
#endif
}
