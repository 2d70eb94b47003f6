/* mq-test-files.h: throw-away files and directories of a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A directory to use as XDG_DATA_DIRS: the system's MIME database, icons, themes,
 * fonts and schemas, but none of its applications, so that no browser can be
 * launched, as on a machine that has none. Remove it with mq_test_remove_tree(). */
char *mq_test_data_dirs_without_apps (void);

/* Removes @path and everything under it; a symbolic link is removed, never followed. */
void  mq_test_remove_tree            (const char *path);

G_END_DECLS
