/* test-playlists-loader.c: the states the playlists loader goes through, against the
 * fake viewneo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-test"

#include <locale.h>

#include "mq-account.h"
#include "mq-api-error.h"
#include "mq-playlist-cache.h"
#include "mq-playlists-loader.h"
#include "playlists-test-utils.h"

#define N_PLAYLISTS 30

typedef struct
{
  FakeViewneo       *fake;
  char              *url;
  MqSession         *session;
  MqClient          *client;
  MqPlaylistsLoader *loader;
  GArray            *states;
} Fixture;

static gint64 next_user_id = 500;

static void
state_changed_cb (MqPlaylistsLoader *loader,
                  GParamSpec        *pspec,
                  Fixture           *f)
{
  MqPlaylistsLoaderState state = mq_playlists_loader_get_state (loader);

  g_array_append_val (f->states, state);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->fake = test_fake_new (N_PLAYLISTS);
  f->url = fake_viewneo_get_url (f->fake);
  /* A user of its own for every test: its own cache file. */
  f->session = test_session_new (f->url, next_user_id++);
  f->client = test_client_new (f->url, f->session);
  f->states = g_array_new (FALSE, FALSE, sizeof (MqPlaylistsLoaderState));
}

static void
close_loader (Fixture *f)
{
  if (f->loader != NULL)
    {
      g_signal_handlers_disconnect_by_data (f->loader, f);
      mq_playlists_loader_set_session (f->loader, NULL, NULL);
    }
  g_clear_object (&f->loader);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_loader (f);
  g_clear_object (&f->client);
  g_clear_object (&f->session);
  fake_viewneo_shutdown (f->fake);
  g_clear_object (&f->fake);
  g_clear_pointer (&f->url, g_free);
  g_clear_pointer (&f->states, g_array_unref);
}

/* A new loader for the fixture's account, its states recorded from now on. */
static void
open_loader (Fixture *f)
{
  close_loader (f);
  g_array_set_size (f->states, 0);
  f->loader = mq_playlists_loader_new ();
  g_signal_connect (f->loader, "notify::state", G_CALLBACK (state_changed_cb), f);
  mq_playlists_loader_set_session (f->loader, f->session, f->client);
}

static gboolean
is_settled (Fixture *f)
{
  switch (mq_playlists_loader_get_state (f->loader))
    {
    case MQ_PLAYLISTS_LOADER_STATE_FRESH:
    case MQ_PLAYLISTS_LOADER_STATE_OFFLINE:
    case MQ_PLAYLISTS_LOADER_STATE_FAILED:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
assert_states (Fixture *f,
               ...)
{
  va_list args;
  guint i = 0;
  int expected;

  va_start (args, f);
  while ((expected = va_arg (args, int)) >= 0)
    {
      g_autofree char *seen = NULL;
      g_autofree char *wanted = g_enum_to_string (MQ_TYPE_PLAYLISTS_LOADER_STATE, expected);

      g_assert_cmpuint (i, <, f->states->len);
      seen = g_enum_to_string (MQ_TYPE_PLAYLISTS_LOADER_STATE,
                               g_array_index (f->states, MqPlaylistsLoaderState, i));
      g_assert_cmpstr (seen, ==, wanted);
      i++;
    }
  va_end (args);
  g_assert_cmpuint (i, ==, f->states->len);
}

static void
cache_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  int *n_cached = user_data;
  g_autoptr(GPtrArray) playlists = mq_playlist_cache_load_finish (result, NULL, NULL);

  /* Not saved yet: none. */
  *n_cached = playlists != NULL ? (int) playlists->len : 0;
}

static int
count_cached_for (const char *account_id)
{
  int n_cached = -1;

  mq_playlist_cache_load_async (account_id, NULL, cache_loaded_cb, &n_cached);
  WAIT_FOR (n_cached >= 0);

  return n_cached;
}

static int
count_cached (Fixture *f)
{
  return count_cached_for (mq_account_get_id (mq_session_get_account (f->session)));
}

/* A new loader with no session, its states recorded from now on. */
static void
open_loader_without_session (Fixture *f)
{
  close_loader (f);
  g_array_set_size (f->states, 0);
  f->loader = mq_playlists_loader_new ();
  g_signal_connect (f->loader, "notify::state", G_CALLBACK (state_changed_cb), f);
}

/* A first load from the server, which it saves. */
static void
load_and_save (Fixture *f)
{
  open_loader (f);
  WAIT_FOR (is_settled (f));
  assert_states (f, MQ_PLAYLISTS_LOADER_STATE_LOADING, MQ_PLAYLISTS_LOADER_STATE_FRESH, -1);
  g_assert_cmpuint (mq_playlists_loader_get_playlists (f->loader)->len, ==, N_PLAYLISTS);
  g_assert_null (mq_playlists_loader_get_error (f->loader));
  WAIT_FOR (count_cached (f) == N_PLAYLISTS);
}

static void
test_cache_then_fresh (Fixture       *f,
                       gconstpointer  data)
{
  load_and_save (f);

  /* The next start: the saved list, then the server's. */
  open_loader (f);
  WAIT_FOR (is_settled (f));
  assert_states (f, MQ_PLAYLISTS_LOADER_STATE_SHOWING_CACHE, MQ_PLAYLISTS_LOADER_STATE_FRESH, -1);
  g_assert_cmpuint (mq_playlists_loader_get_playlists (f->loader)->len, ==, N_PLAYLISTS);
  g_assert_cmpint (mq_playlists_loader_get_since (f->loader), >, 0);
  g_assert_null (mq_playlists_loader_get_error (f->loader));

  /* A reload loads, over the list there is. */
  g_array_set_size (f->states, 0);
  mq_playlists_loader_reload (f->loader);
  assert_states (f, MQ_PLAYLISTS_LOADER_STATE_LOADING, -1);
  WAIT_FOR (is_settled (f));
  assert_states (f, MQ_PLAYLISTS_LOADER_STATE_LOADING, MQ_PLAYLISTS_LOADER_STATE_FRESH, -1);
  g_assert_cmpuint (mq_playlists_loader_get_playlists (f->loader)->len, ==, N_PLAYLISTS);
}

static void
test_offline_with_cache (Fixture       *f,
                         gconstpointer  data)
{
  load_and_save (f);

  /* The server is gone: the saved list stays, and the loader says why it is old. */
  fake_viewneo_shutdown (f->fake);
  open_loader (f);
  WAIT_FOR (is_settled (f));
  assert_states (f, MQ_PLAYLISTS_LOADER_STATE_SHOWING_CACHE, MQ_PLAYLISTS_LOADER_STATE_OFFLINE, -1);
  g_assert_error (mq_playlists_loader_get_error (f->loader), MQ_API_ERROR, MQ_API_ERROR_NETWORK);
  g_assert_cmpuint (mq_playlists_loader_get_playlists (f->loader)->len, ==, N_PLAYLISTS);
  g_assert_cmpint (mq_playlists_loader_get_since (f->loader), >, 0);
}

static void
test_failed_without_cache (Fixture       *f,
                           gconstpointer  data)
{
  /* Nothing saved for this account, and no server. */
  fake_viewneo_shutdown (f->fake);
  open_loader (f);
  WAIT_FOR (is_settled (f));
  assert_states (f, MQ_PLAYLISTS_LOADER_STATE_LOADING, MQ_PLAYLISTS_LOADER_STATE_FAILED, -1);
  g_assert_error (mq_playlists_loader_get_error (f->loader), MQ_API_ERROR, MQ_API_ERROR_NETWORK);
  g_assert_null (mq_playlists_loader_get_playlists (f->loader));
  g_assert_cmpint (mq_playlists_loader_get_since (f->loader), ==, 0);
}

/* A saved list read before the session, as the window does while the keyring answers:
 * the session takes that one, read before it came (the file is gone by then). */
static void
test_read_ahead (Fixture       *f,
                 gconstpointer  data)
{
  const char *account_id = mq_account_get_id (mq_session_get_account (f->session));

  load_and_save (f);

  open_loader_without_session (f);
  mq_playlists_loader_read_ahead (f->loader, account_id);
  WAIT_FOR (mq_playlists_loader_has_read_ahead (f->loader));
  /* Nothing shown before the session. */
  g_assert_null (mq_playlists_loader_get_playlists (f->loader));
  assert_states (f, -1);

  mq_playlist_cache_delete (account_id);
  mq_playlists_loader_set_session (f->loader, f->session, f->client);
  g_assert_false (mq_playlists_loader_has_read_ahead (f->loader));
  WAIT_FOR (is_settled (f));
  assert_states (f, MQ_PLAYLISTS_LOADER_STATE_SHOWING_CACHE, MQ_PLAYLISTS_LOADER_STATE_FRESH, -1);
  g_assert_cmpuint (mq_playlists_loader_get_playlists (f->loader)->len, ==, N_PLAYLISTS);

  /* Saved again from the server; the session comes before the list is read: it waits
   * for it. */
  WAIT_FOR (count_cached (f) == N_PLAYLISTS);
  open_loader_without_session (f);
  mq_playlists_loader_read_ahead (f->loader, account_id);
  mq_playlists_loader_set_session (f->loader, f->session, f->client);
  WAIT_FOR (is_settled (f));
  assert_states (f, MQ_PLAYLISTS_LOADER_STATE_SHOWING_CACHE, MQ_PLAYLISTS_LOADER_STATE_FRESH, -1);
  g_assert_cmpuint (mq_playlists_loader_get_playlists (f->loader)->len, ==, N_PLAYLISTS);
}

/* What was read ahead for one account is not shown for another. */
static void
test_read_ahead_other_account (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(MqSession) other = test_session_new (f->url, next_user_id++);
  g_autoptr(MqClient) other_client = test_client_new (f->url, other);
  const char *other_id = mq_account_get_id (mq_session_get_account (other));

  /* The other account has a saved list, the fixture's none. */
  open_loader_without_session (f);
  mq_playlists_loader_set_session (f->loader, other, other_client);
  WAIT_FOR (is_settled (f));
  WAIT_FOR (count_cached_for (other_id) == N_PLAYLISTS);
  g_assert_cmpint (count_cached (f), ==, 0);

  open_loader_without_session (f);
  mq_playlists_loader_read_ahead (f->loader, other_id);
  WAIT_FOR (mq_playlists_loader_has_read_ahead (f->loader));
  mq_playlists_loader_set_session (f->loader, f->session, f->client);
  g_assert_false (mq_playlists_loader_has_read_ahead (f->loader));
  WAIT_FOR (is_settled (f));
  assert_states (f, MQ_PLAYLISTS_LOADER_STATE_LOADING, MQ_PLAYLISTS_LOADER_STATE_FRESH, -1);
  g_assert_cmpuint (mq_playlists_loader_get_playlists (f->loader)->len, ==, N_PLAYLISTS);
  mq_playlist_cache_delete (other_id);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/playlists/loader/cache-then-fresh", Fixture, NULL,
              fixture_set_up, test_cache_then_fresh, fixture_tear_down);
  g_test_add ("/playlists/loader/offline-with-cache", Fixture, NULL,
              fixture_set_up, test_offline_with_cache, fixture_tear_down);
  g_test_add ("/playlists/loader/failed-without-cache", Fixture, NULL,
              fixture_set_up, test_failed_without_cache, fixture_tear_down);
  g_test_add ("/playlists/loader/read-ahead", Fixture, NULL,
              fixture_set_up, test_read_ahead, fixture_tear_down);
  g_test_add ("/playlists/loader/read-ahead-other-account", Fixture, NULL,
              fixture_set_up, test_read_ahead_other_account, fixture_tear_down);

  return g_test_run ();
}
