/* mq-playlist-private.h: what the client needs beyond the public playlist API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-playlist.h"

G_BEGIN_DECLS

/* The members GET /playlist/{id} may carry the entries under (API.md). */
extern const char * const mq_playlist_entries_keys[];

/* For a playlist from GET /playlist/{id} that came without any entries member: it
 * has no entries, which is not the same as "not loaded" (NULL). */
void mq_playlist_ensure_entries (MqPlaylist *self);

G_END_DECLS
