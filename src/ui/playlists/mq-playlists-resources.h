/* mq-playlists-resources.h: the playlists view's templates and stylesheet
 *
 * Registers the gresource of src/ui/playlists (manually: a constructor in a static
 * library is dropped by the linker when nothing refers to its object file) and adds
 * mq-playlists.css to the default display, once. Every widget of this folder calls it
 * in its class_init, before its template is read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void mq_playlists_ensure_resources (void);

G_END_DECLS
