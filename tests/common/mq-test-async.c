/* mq-test-async.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mq-test-async.h"

static gboolean
wait_limit_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
flag_is_set (gconstpointer data)
{
  return *(const gboolean *) data;
}

static gboolean
result_is_set (gconstpointer data)
{
  return *(GAsyncResult * const *) data != NULL;
}

/* Iterates until @is_done holds for @data, or the limit; returns whether it holds. */
static gboolean
wait_until (gboolean    (*is_done) (gconstpointer data),
            gconstpointer data)
{
  GMainContext *context = g_main_context_get_thread_default ();
  gboolean expired = FALSE;
  GSource *limit;

  limit = g_timeout_source_new_seconds (MQ_TEST_WAIT_SECONDS);
  g_source_set_callback (limit, wait_limit_cb, &expired, NULL);
  g_source_attach (limit, context);

  while (!is_done (data) && !expired)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (limit);
  g_source_unref (limit);

  return is_done (data);
}

void
mq_test_wait_for (gboolean *flag)
{
  if (!wait_until (flag_is_set, flag))
    g_error ("Waited more than %d seconds", MQ_TEST_WAIT_SECONDS);
}

void
mq_test_store_result (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

GAsyncResult *
mq_test_await (GAsyncResult **result)
{
  if (!wait_until (result_is_set, result))
    g_error ("Waited more than %d seconds for a result", MQ_TEST_WAIT_SECONDS);

  return *result;
}

GAsyncResult *
mq_test_wait_result (GAsyncResult **result)
{
  mq_test_await (result);

  return g_steal_pointer (result);
}

typedef struct
{
  gboolean   done;
  char     **out;
  char     **err;
} Communication;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Communication *communication = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result,
                                        communication->out, communication->err, &error);
  g_assert_no_error (error);
  communication->done = TRUE;
}

void
mq_test_communicate (GSubprocess  *process,
                     char        **out,
                     char        **err)
{
  Communication communication = { FALSE, out, err };

  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &communication);
  mq_test_wait_for (&communication.done);
}

gboolean
mq_test_tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
mq_test_iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  guint tick = g_timeout_add (10, mq_test_tick_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}
