/* test-refresh-lock.c: the per-account lock that keeps refreshes of processes apart
 *
 * Two acquisitions in one process exclude each other as two processes do (flock
 * belongs to the open file), so the behaviour is tested here without spawning.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "mq-refresh-lock.h"
#include "mq-test-async.h"

#define SERVER "https://cloud.viewneo.com"
#define ACCOUNT "42@cloud.viewneo.com"

static gboolean
tick_cb (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;

  return G_SOURCE_CONTINUE;
}

static MqRefreshLock *
acquire (const char    *account,
         guint          timeout_ms,
         GCancellable  *cancellable,
         guint         *ticks,
         GError       **error)
{
  GAsyncResult *result = NULL;
  MqRefreshLock *lock;
  guint tick = 0;

  if (ticks != NULL)
    tick = g_timeout_add (10, tick_cb, ticks);

  mq_refresh_lock_acquire_async (SERVER, account, timeout_ms, cancellable, mq_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (tick != 0)
    g_source_remove (tick);

  lock = mq_refresh_lock_acquire_finish (result, error);
  g_object_unref (result);

  return lock;
}

static void
test_path (void)
{
  g_autofree char *path = mq_refresh_lock_dup_path (SERVER, ACCOUNT);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *expected_dir = g_build_filename (g_get_user_runtime_dir (), "marquee", NULL);
  g_autofree char *other = mq_refresh_lock_dup_path (SERVER, "43@cloud.viewneo.com");
  g_autoptr(MqRefreshLock) lock = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_cmpstr (dir, ==, expected_dir);
  g_assert_cmpstr (path, !=, other);
  /* Nothing of the account shows in the name. */
  g_assert_null (strstr (path, "42"));
  g_assert_null (strstr (path, "viewneo"));

  lock = acquire (ACCOUNT, 1000, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mq_refresh_lock_is_held (lock));

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_exclusive (void)
{
  g_autoptr(MqRefreshLock) first = NULL;
  g_autoptr(MqRefreshLock) second = NULL;
  g_autoptr(MqRefreshLock) other_account = NULL;
  g_autoptr(GError) error = NULL;
  guint ticks = 0;

  first = acquire (ACCOUNT, 1000, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Another account's lock is another file. */
  other_account = acquire ("43@cloud.viewneo.com", 1000, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mq_refresh_lock_is_held (other_account));

  /* Held: the second one gives up after its deadline, and the main loop ran all the
   * while. */
  second = acquire (ACCOUNT, 300, NULL, &ticks, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_assert_null (second);
  g_assert_cmpuint (ticks, >, 1);
  g_clear_error (&error);

  /* Released: it is free at once. */
  g_clear_pointer (&first, mq_refresh_lock_release);
  second = acquire (ACCOUNT, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mq_refresh_lock_is_held (second));
}

static gboolean
release_cb (gpointer user_data)
{
  MqRefreshLock **lock = user_data;

  g_clear_pointer (lock, mq_refresh_lock_release);

  return G_SOURCE_REMOVE;
}

static void
test_waits (void)
{
  g_autoptr(MqRefreshLock) second = NULL;
  g_autoptr(GError) error = NULL;
  MqRefreshLock *first = NULL;

  first = acquire (ACCOUNT, 1000, NULL, NULL, &error);
  g_assert_no_error (error);

  /* The holder lets go while the other waits: it gets the lock. */
  g_timeout_add (100, release_cb, &first);
  second = acquire (ACCOUNT, 30000, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (first);
  g_assert_true (mq_refresh_lock_is_held (second));
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MqRefreshLock) first = NULL;
  g_autoptr(MqRefreshLock) second = NULL;
  g_autoptr(MqRefreshLock) third = NULL;
  g_autoptr(GError) error = NULL;

  first = acquire (ACCOUNT, 1000, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Cancelled while it waits (well before its deadline). */
  g_timeout_add (100, cancel_cb, cancellable);
  second = acquire (ACCOUNT, 600000, cancellable, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (second);
  g_clear_error (&error);

  /* It holds nothing: once the first lets go, the lock is free. */
  g_clear_pointer (&first, mq_refresh_lock_release);
  third = acquire (ACCOUNT, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mq_refresh_lock_is_held (third));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/refresh-lock/path", test_path);
  g_test_add_func ("/refresh-lock/exclusive", test_exclusive);
  g_test_add_func ("/refresh-lock/waits", test_waits);
  g_test_add_func ("/refresh-lock/cancelled", test_cancelled);

  return g_test_run ();
}
