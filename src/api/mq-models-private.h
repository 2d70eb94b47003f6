/* mq-models-private.h: the models from any MqJsonValue, for the client's list pages
 *
 * The public *_new_from_json() functions read a json-glib object through these, so
 * that a playlist reads the same whether it came scanned in a list or in a tree.
 *
 * The rule for every function here that reads what a server sent (these, the
 * *_new_from_json() ones, mq_json_scan(), mq_envelope_*() and MqHttpParseFunc):
 * it returns a result, or NULL (FALSE) with @error set. Never NULL without an error:
 * an async call has nothing to finish with then, and its caller waits for ever. The
 * fuzz harnesses (tests/fuzz) abort when a parse breaks this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-device.h"
#include "mq-device-group.h"
#include "mq-json-private.h"
#include "mq-media-file.h"
#include "mq-playlist.h"
#include "mq-playlist-entry.h"

G_BEGIN_DECLS

/* @object: a value of kind MQ_JSON_KIND_OBJECT. */
MqMediaFile     *mq_media_file_new_from_value     (const MqJsonValue *object,
                                                   GError           **error);
MqPlaylistEntry *mq_playlist_entry_new_from_value (const MqJsonValue *object,
                                                   GError           **error);
MqPlaylist      *mq_playlist_new_from_value       (const MqJsonValue *object,
                                                   GError           **error);
MqDeviceGroup   *mq_device_group_new_from_value   (const MqJsonValue *object,
                                                   GError           **error);
MqDevice        *mq_device_new_from_value         (const MqJsonValue *object,
                                                   GError           **error);

/* The fields the models read, in viewneo's names, for the screens cache. */
void             mq_device_serialize              (MqDevice          *self,
                                                   JsonBuilder       *builder);
void             mq_device_group_serialize        (MqDeviceGroup     *self,
                                                   JsonBuilder       *builder);

/* For a playlist from GET /playlist/{id} that came without any entries member: it
 * has no entries, which is not the same as "not loaded" (NULL). */
void             mq_playlist_ensure_entries       (MqPlaylist        *self);

/* The index of @key in the NULL-terminated @names, or -1. */
int              mq_json_key_index                (const char        *key,
                                                   const char * const *names);
/* The same, looking from @first on (0 to the number of names) and then from the start:
 * the members of a list's items come in the same order, so the one after the last found
 * is the likely one. */
int              mq_json_key_index_from           (const char        *key,
                                                   const char * const *names,
                                                   int                 first);

G_END_DECLS
