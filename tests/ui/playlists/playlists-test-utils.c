/* playlists-test-utils.c: a fake viewneo, a signed-in session and a window, for the
 * playlists view's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-test"

#include "mq-account.h"
#include "mq-test-async.h"
#include "mq-token-store.h"
#include "mq-token.h"
#include "playlists-test-utils.h"

static gboolean
wake_up (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
test_iterate (void)
{
  gboolean woken = FALSE;
  guint id = g_timeout_add (10, wake_up, &woken);

  g_main_context_iteration (NULL, TRUE);
  if (!woken)
    g_source_remove (id);
}

FakeViewneo *
test_fake_new (guint n_playlists)
{
  g_autoptr(GError) error = NULL;
  FakeViewneo *fake = fake_viewneo_new ();

  fake_viewneo_listen (fake, 0, &error);
  g_assert_no_error (error);
  fake_viewneo_add_token (fake, TEST_TOKEN);
  fake_viewneo_set_user (fake, 1, "Jane Doe", "jane@example.com");
  fake_viewneo_generate (fake, n_playlists, 42);

  return fake;
}

MqSession *
test_session_new (const char *server,
                  gint64      user_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqAccount) account = mq_account_new (server, user_id, "Jane Doe",
                                                 MQ_TOKEN_KIND_PERSONAL, NULL);
  g_autoptr(MqTokenStore) store = mq_token_store_new ();
  g_autoptr(MqToken) token = mq_token_new_personal (TEST_TOKEN, &error);
  g_autoptr(GAsyncResult) result = NULL;
  MqSession *session;

  g_assert_no_error (error);
  session = mq_session_new (account, store);
  mq_session_sign_in_async (session, token, NULL, NULL, mq_test_store_result, &result);
  mq_session_sign_in_finish (session, mq_test_await (&result), &error);
  g_assert_no_error (error);

  return session;
}

MqClient *
test_client_new (const char *server,
                 MqSession  *session)
{
  return mq_client_new (server, MQ_TOKEN_PROVIDER (session));
}

GPtrArray *
test_list_playlists (MqClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *playlists;

  mq_client_list_playlists_async (client, NULL, NULL, NULL, NULL, mq_test_store_result, &result);
  playlists = mq_client_list_playlists_finish (client, mq_test_await (&result), NULL, &error);
  g_assert_no_error (error);

  return playlists;
}

MqPlaylist *
test_get_playlist (MqClient *client,
                   gint64    id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MqPlaylist *playlist;

  mq_client_get_playlist_async (client, id, NULL, mq_test_store_result, &result);
  playlist = mq_client_get_playlist_finish (client, mq_test_await (&result), &error);
  g_assert_no_error (error);

  return playlist;
}

GPtrArray *
test_list_device_groups (MqClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *groups;

  mq_client_list_device_groups_async (client, NULL, mq_test_store_result, &result);
  groups = mq_client_list_device_groups_finish (client, mq_test_await (&result), &error);
  g_assert_no_error (error);

  return groups;
}

GtkWindow *
test_window_new (GtkWidget *child,
                 int        width,
                 int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  WAIT_FOR (gtk_widget_get_mapped (child) && gtk_widget_get_width (child) > 0);

  return window;
}

void
test_window_destroy (GtkWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &widget);
  gtk_window_destroy (window);
  WAIT_FOR (widget == NULL);
}

static void
collect_widgets (GtkWidget  *widget,
                 GType       type,
                 gboolean  (*match) (GtkWidget *widget,
                                     gpointer   data),
                 gpointer    data,
                 GPtrArray  *found,
                 gboolean    first_only)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (first_only && found->len > 0)
        return;
      if (g_type_is_a (G_OBJECT_TYPE (child), type) && (match == NULL || match (child, data)))
        g_ptr_array_add (found, child);
      collect_widgets (child, type, match, data, found, first_only);
    }
}

GtkWidget *
test_find_widget (GtkWidget  *root,
                  GType       type,
                  gboolean  (*match) (GtkWidget *widget,
                                      gpointer   data),
                  gpointer    data)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, type, match, data, found, TRUE);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

GPtrArray *
test_find_widgets (GtkWidget  *root,
                   GType       type,
                   gboolean  (*match) (GtkWidget *widget,
                                       gpointer   data),
                   gpointer    data)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_widgets (root, type, match, data, found, FALSE);

  return found;
}

gboolean
test_widget_is_mapped (GtkWidget *widget,
                       gpointer   data)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
status_page_is_shown (GtkWidget *widget,
                      gpointer   title)
{
  return gtk_widget_get_mapped (widget)
         && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

AdwStatusPage *
test_find_shown_status_page (GtkWidget  *root,
                             const char *title)
{
  return ADW_STATUS_PAGE (test_find_widget (root, ADW_TYPE_STATUS_PAGE, status_page_is_shown,
                                            (gpointer) title));
}
