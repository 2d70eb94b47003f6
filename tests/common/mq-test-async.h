/* mq-test-async.h: waiting for async calls in tests, never for ever
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long a wait below runs before it fails the test instead of hanging. Generous: a
 * list of a few hundred rows needs that long only on a loaded machine under the
 * sanitizers. */
#define MQ_TEST_WAIT_SECONDS 60

/* Runs the thread-default main context until *@flag is TRUE; fails the test after
 * MQ_TEST_WAIT_SECONDS. */
void          mq_test_wait_for            (gboolean      *flag);

/* A GAsyncReadyCallback storing a reference to the result in *(GAsyncResult **) user_data. */
void          mq_test_store_result        (GObject       *source,
                                           GAsyncResult  *result,
                                           gpointer       user_data);
/* Runs the thread-default main context until *@result is set, and returns it; fails the
 * test after MQ_TEST_WAIT_SECONDS. mq_test_await() leaves the reference in *@result,
 * mq_test_wait_result() hands it over and clears *@result. */
GAsyncResult *mq_test_await               (GAsyncResult **result);
GAsyncResult *mq_test_wait_result         (GAsyncResult **result);

/* Reads @process's stdout and stderr (when piped) to their end into @out and @err (may
 * be NULL), as g_subprocess_communicate_utf8() does but with the main context running,
 * until it has exited; fails the test after MQ_TEST_WAIT_SECONDS. */
void          mq_test_communicate         (GSubprocess   *process,
                                           char         **out,
                                           char         **err);

/* A timeout source callback that only wakes the main context up. */
gboolean      mq_test_tick_cb             (gpointer       user_data);

/* Iterates the default main context until @cond holds, waking at least every 20 ms to
 * look again; fails the test when it does not hold within @seconds. */
#define mq_test_wait_until_within(cond, seconds) \
  G_STMT_START { \
    guint tick_ = g_timeout_add (20, mq_test_tick_cb, NULL); \
    gint64 deadline_ = g_get_monotonic_time () + (gint64) (seconds) * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time () < deadline_) \
      g_main_context_iteration (NULL, TRUE); \
    g_source_remove (tick_); \
    g_assert_true (cond); \
  } G_STMT_END

/* Lets the default main context run for @ms, to show that something does not happen. */
void          mq_test_iterate_for         (guint          ms);

G_END_DECLS
