/* test-regressions.c: the bugs the hardening work found, one test each
 *
 * Each test fails without its fix. Paths start with the suite they run in (see
 * meson.build): /regressions/api/, /regressions/auth/, /regressions/ui/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fake-viewneo.h"
#include "mq-api-error.h"
#include "mq-client.h"
#include "mq-static-token-provider.h"
#include "mq-token-store.h"

#define TOKEN "regression-token"

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (result);
}

/* A 429 on every try: once the retries run out, the request was kept alive for ever,
 * and with it the client, its SoupSession and its token provider. */
static void
test_rate_limit_exhausted_frees_request (void)
{
  g_autoptr(FakeViewneo) fake = fake_viewneo_new ();
  g_autoptr(MqStaticTokenProvider) provider = mq_static_token_provider_new (TOKEN);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) playlists = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GAsyncResult *pending = NULL;
  MqClient *client;

  fake_viewneo_add_token (fake, TOKEN);
  fake_viewneo_listen (fake, 0, &error);
  g_assert_no_error (error);
  url = fake_viewneo_get_url (fake);
  fake_viewneo_add_fault (fake, "/api/v1.0/playlist", FAKE_FAULT_RATE_LIMIT, 0, 0);

  client = mq_client_new (url, MQ_TOKEN_PROVIDER (provider));
  g_object_set (client, "max-retries", 1, NULL);
  mq_client_list_playlists_async (client, NULL, NULL, NULL, NULL, store_result, &pending);
  result = wait_result (&pending);
  playlists = mq_client_list_playlists_finish (client, result, NULL, &error);
  g_assert_error (error, MQ_API_ERROR, MQ_API_ERROR_RATE_LIMITED);
  g_clear_object (&result);

  /* Nothing holds the client once its caller is done with it. */
  g_assert_finalize_object (client);
  g_assert_finalize_object (g_steal_pointer (&provider));

  fake_viewneo_shutdown (fake);
}

/* A keyring call cancelled before libsecret had connected to the Secret Service (the
 * first call of a process): its task was never freed, nor the store with it. */
static void
test_cancelled_keyring_call_frees_task (void)
{
  MqTokenStore *store = mq_token_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  GAsyncResult *pending = NULL;

  g_cancellable_cancel (cancellable);
  mq_token_store_lookup_async (store, "https://regressions.invalid", "1@regressions",
                               MQ_SECRET_KIND_TOKEN, cancellable, store_result, &pending);
  result = wait_result (&pending);
  secret = mq_token_store_lookup_finish (store, result, &error);
  g_assert_null (secret);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&result);

  g_assert_finalize_object (store);
}

typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
} Output;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Output *output = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result,
                                        &output->out, &output->err, &error);
  g_assert_no_error (error);
  output->done = TRUE;
}

/* `G_MESSAGES_DEBUG=all marquee --list-playlists --format=json > list.json` wrote
 * GLib's debug lines into list.json: the default log writer puts debug and info
 * messages on stdout. */
static void
test_command_line_messages_on_stderr (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Output output = { FALSE, NULL, NULL };
  const char *last_line;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");

  /* No account in the settings (memory backend): it fails, having logged. */
  process = g_subprocess_launcher_spawn (launcher, &error, MARQUEE_PROGRAM,
                                         "--list-playlists", "--format=json", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &output);
  while (!output.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 3);

  /* Nothing on stdout but what a script asked for; the debug lines and the error on
   * stderr, the error last. */
  g_assert_cmpstr (output.out, ==, "");
  g_assert_nonnull (strstr (output.err, "-DEBUG: "));
  g_assert_true (g_str_has_suffix (output.err, "\n"));
  last_line = g_strrstr_len (output.err, strlen (output.err) - 1, "\n");
  g_assert_nonnull (last_line);
  g_assert_true (g_str_has_prefix (last_line + 1, "marquee: "));

  g_free (output.out);
  g_free (output.err);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/regressions/api/rate-limit-exhausted-frees-request",
                   test_rate_limit_exhausted_frees_request);
  g_test_add_func ("/regressions/auth/cancelled-keyring-call-frees-task",
                   test_cancelled_keyring_call_frees_task);
  g_test_add_func ("/regressions/ui/command-line-messages-on-stderr",
                   test_command_line_messages_on_stderr);

  return g_test_run ();
}
