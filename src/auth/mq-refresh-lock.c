/* mq-refresh-lock.c
 *
 * flock() rather than fcntl() locks: an flock belongs to the open file, so two sessions
 * of one process (each opening the file) exclude each other as two processes do, and
 * closing one descriptor never drops a lock another part of the process holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-auth"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mq-refresh-lock.h"

/* The first retry comes soon (a refresh takes a round trip), later ones less often. */
#define FIRST_WAIT_MS 5
#define LONGEST_WAIT_MS 250

struct _MqRefreshLock
{
  int fd;
};

typedef struct
{
  char  *path;
  guint  timeout_ms;
} Request;

static void
request_free (Request *request)
{
  g_free (request->path);
  g_free (request);
}

static char *
dup_lock_directory (void)
{
  const char *app_id = g_getenv ("FLATPAK_ID");

  /* A Flatpak sandbox's own $XDG_RUNTIME_DIR is private to that one instance;
   * app/$FLATPAK_ID below it is the directory all instances of the app share. */
  if (app_id != NULL && *app_id != '\0')
    return g_build_filename (g_get_user_runtime_dir (), "app", app_id, "marquee", NULL);

  return g_build_filename (g_get_user_runtime_dir (), "marquee", NULL);
}

char *
mq_refresh_lock_dup_path (const char *server,
                          const char *account_id)
{
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  /* The same account as the keyring's attributes name it. */
  key = g_strconcat (server, "\n", account_id, NULL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  name = g_strdup_printf ("refresh-%.32s.lock", hash);

  dir = dup_lock_directory ();

  return g_build_filename (dir, name, NULL);
}

static MqRefreshLock *
lock_new (int fd)
{
  MqRefreshLock *lock = g_new0 (MqRefreshLock, 1);

  lock->fd = fd;

  return lock;
}

static int
open_lock_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_debug ("Cannot make the directory of the refresh lock: %s", g_strerror (saved_errno));
      return -1;
    }

  /* O_NOFOLLOW: a link planted in its place does not make us create a file elsewhere. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_debug ("Cannot open the refresh lock %s: %s", path, g_strerror (saved_errno));
    }

  return fd;
}

/* Sleeps @ms, or less when @cancellable is cancelled meanwhile. */
static void
wait_ms (GCancellable *cancellable,
         guint         ms)
{
  GPollFD pollfd;

  if (cancellable != NULL && g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      g_poll (&pollfd, 1, (int) ms);
      g_cancellable_release_fd (cancellable);
    }
  else
    g_usleep ((gulong) ms * 1000);
}

static void
acquire_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  const char *path = request->path;
  gint64 deadline = g_get_monotonic_time () + (gint64) request->timeout_ms * 1000;
  guint next_wait_ms = FIRST_WAIT_MS;
  int fd;

  fd = open_lock_file (path);
  if (fd < 0)
    {
      g_task_return_pointer (task, lock_new (-1), (GDestroyNotify) mq_refresh_lock_release);
      return;
    }

  for (;;)
    {
      gint64 left_ms;

      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          g_task_return_pointer (task, lock_new (fd), (GDestroyNotify) mq_refresh_lock_release);
          return;
        }

      if (errno == EINTR)
        continue;

      if (errno != EWOULDBLOCK)
        {
          int saved_errno = errno;

          /* A file system without flock: go on as if there were no lock. */
          g_debug ("Cannot lock %s: %s", path, g_strerror (saved_errno));
          close (fd);
          g_task_return_pointer (task, lock_new (-1), (GDestroyNotify) mq_refresh_lock_release);
          return;
        }

      if (g_task_return_error_if_cancelled (task))
        {
          close (fd);
          return;
        }

      left_ms = (deadline - g_get_monotonic_time ()) / 1000;
      if (left_ms <= 0)
        {
          close (fd);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                                   _("Another Marquee is renewing this sign-in and has not finished. Try again in a moment."));
          return;
        }

      wait_ms (cancellable, (guint) MIN (left_ms, (gint64) next_wait_ms));
      next_wait_ms = MIN (next_wait_ms * 2, LONGEST_WAIT_MS);
    }
}

void
mq_refresh_lock_acquire_async (const char          *server,
                               const char          *account_id,
                               guint                timeout_ms,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (server != NULL);
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_refresh_lock_acquire_async);
  request = g_new0 (Request, 1);
  request->path = mq_refresh_lock_dup_path (server, account_id);
  request->timeout_ms = timeout_ms;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  /* Not return-on-cancel: the thread itself stops waiting, so that a lock it took
   * always reaches a result, and is released with it. */
  g_task_run_in_thread (task, acquire_thread);
}

MqRefreshLock *
mq_refresh_lock_acquire_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_refresh_lock_acquire_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
mq_refresh_lock_is_held (MqRefreshLock *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->fd >= 0;
}

void
mq_refresh_lock_release (MqRefreshLock *self)
{
  if (self == NULL)
    return;

  /* Closing the only descriptor of the open file drops its flock. */
  if (self->fd >= 0)
    close (self->fd);
  g_free (self);
}
