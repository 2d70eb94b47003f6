/* fake-viewneo-dataset.h: the playlists, entries, media files and device groups the fake
 * viewneo server answers with
 *
 * Every item is serialised once, when it is generated or added, so that a page of the
 * list is only a matter of joining strings, even with 100 000 playlists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FAKE_MAX_ENTRIES 12

typedef struct _FakeDataset FakeDataset;

FakeDataset *fake_dataset_new                    (void);
void         fake_dataset_free                   (FakeDataset *self);

/* Replaces everything (raw playlists too) with @n_playlists generated playlists and
 * MAX (3, @n_playlists / 10) device groups; the same @seed gives the same data. */
void         fake_dataset_generate               (FakeDataset *self,
                                                  guint        n_playlists,
                                                  guint        seed);
/* Put before every generated playlist, media file and device group name; takes effect
 * with the next fake_dataset_generate(). */
void         fake_dataset_set_name_prefix        (FakeDataset *self,
                                                  const char  *prefix);
void         fake_dataset_add_raw_playlist       (FakeDataset *self,
                                                  const char  *json_object);
/* The company every generated item belongs to, for GET /user. */
gint64       fake_dataset_get_company_id         (FakeDataset *self);

guint        fake_dataset_get_n_playlists        (FakeDataset *self);
guint        fake_dataset_get_n_device_groups    (FakeDataset *self);

/* Append the serialised items [@start, @start + @count), separated by commas. */
void         fake_dataset_append_playlists       (FakeDataset *self,
                                                  GString     *out,
                                                  guint        start,
                                                  guint        count);
void         fake_dataset_append_device_groups   (FakeDataset *self,
                                                  GString     *out,
                                                  guint        start,
                                                  guint        count);

/* Append one object with its details; FALSE (and nothing appended) when there is none
 * with @id. A generated playlist gets its entries under @entries_key; a raw one is
 * appended as it was added. */
gboolean     fake_dataset_append_playlist_detail (FakeDataset *self,
                                                  GString     *out,
                                                  gint64       id,
                                                  const char  *entries_key);
gboolean     fake_dataset_append_device_group    (FakeDataset *self,
                                                  GString     *out,
                                                  gint64       id);
/* Devices: each generated group's `devices_count` of them, made when asked for, then
 * the showcase's. */
guint        fake_dataset_get_n_devices          (FakeDataset *self);
void         fake_dataset_append_devices         (FakeDataset *self,
                                                  GString     *out,
                                                  guint        start,
                                                  guint        count);
/* Adds, after fake_dataset_generate(), playlist 900 "Zeitplan-Demo" with an entry of
 * each kind of schedule (times in local time: one starts and one ends at the next full
 * minute after @now), screen group 300 playing it, first in the list, and its two
 * devices. */
void         fake_dataset_add_showcase           (FakeDataset *self,
                                                  GDateTime   *now);
gboolean     fake_dataset_has_media_file         (FakeDataset *self,
                                                  gint64       id);

G_END_DECLS
