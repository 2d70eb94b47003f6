/* mq-test-files.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "mq-test-files.h"

char *
mq_test_data_dirs_without_apps (void)
{
  static const char * const shared[] = { "glib-2.0", "mime", "icons", "themes", "fonts" };
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("marquee-no-apps-XXXXXX", &error);

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
    {
      g_autofree char *target = g_build_filename ("/usr/share", shared[i], NULL);
      g_autofree char *link = g_build_filename (dir, shared[i], NULL);

      if (g_file_test (target, G_FILE_TEST_IS_DIR) && symlink (target, link) != 0)
        g_error ("Cannot link %s: %s", link, g_strerror (errno));
    }

  return dir;
}

void
mq_test_remove_tree (const char *path)
{
  GStatBuf info;

  /* lstat: a symbolic link is removed, never followed. */
  if (g_lstat (path, &info) != 0)
    return;

  if (S_ISDIR (info.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          mq_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}
