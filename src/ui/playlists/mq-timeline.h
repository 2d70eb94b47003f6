/* mq-timeline.h: a playlist's entries as blocks in a strip, as wide as they play
 *
 * Block widths are proportional to the entries' durations (equal when no entry has a
 * duration), coloured by kind with the named colors "mq_kind_<style name>" of
 * mq-playlists.css, scheduled entries hatched, entries that never play faded, and so
 * are those that do not play at the moment chosen. Each block
 * has a tooltip; the widget's accessible label sums it up ("12 entries, 8 min 30 s").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MQ_TYPE_TIMELINE (mq_timeline_get_type ())

G_DECLARE_FINAL_TYPE (MqTimeline, mq_timeline, MQ, TIMELINE, GtkWidget)

GtkWidget  *mq_timeline_new                (void);

/* @entries: MqPlaylistEntry in playback order, or NULL. @titles: one title per entry
 * (nested playlists by name), or NULL for mq_entry_dup_title()'s. */
void        mq_timeline_set_entries        (MqTimeline         *self,
                                            GListModel         *entries,
                                            const char * const *titles);
guint       mq_timeline_get_n_blocks       (MqTimeline         *self);
/* The block of entry @index in widget coordinates at the current size: FALSE when
 * there is no such entry. */
gboolean    mq_timeline_get_block_geometry (MqTimeline         *self,
                                            guint               index,
                                            graphene_rect_t    *rect);
/* Whether block @index plays at the moment the detail shows: a block that does not is
 * faded, and its tooltip ends with @note ("Not playing at …"). Every block plays
 * until told otherwise; mq_timeline_set_entries() resets them. */
void        mq_timeline_set_block_playing  (MqTimeline         *self,
                                            guint               index,
                                            gboolean            playing,
                                            const char         *note);
gboolean    mq_timeline_get_block_playing  (MqTimeline         *self,
                                            guint               index);
/* The accessible summary, "12 entries, 8 min 30 s". */
const char *mq_timeline_get_summary        (MqTimeline         *self);

G_END_DECLS
