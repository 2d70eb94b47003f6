/* playlists-test-utils.h: a fake viewneo, a signed-in session and a window, for the
 * playlists view's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fake-viewneo.h"
#include "mq-client.h"
#include "mq-playlist.h"
#include "mq-session.h"
#include "mq-test-async.h"

G_BEGIN_DECLS

#define TEST_TOKEN "playlists-test-personal-token"

/* Iterates the main context until @condition holds; fails the test after 60 s, which a
 * list of a few hundred rows only needs on a loaded machine under the sanitizers. */
#define WAIT_FOR(condition) mq_test_wait_until_within (condition, 60)

/* One main context iteration, never blocking for more than 10 ms. */
void          test_iterate               (void);

/* A fake viewneo on 127.0.0.1 accepting TEST_TOKEN, with @n_playlists generated. */
FakeViewneo  *test_fake_new              (guint          n_playlists);

/* A session signed in with TEST_TOKEN to @server as user @user_id. */
MqSession    *test_session_new           (const char    *server,
                                          gint64         user_id);
/* A client using @session as its token provider. */
MqClient     *test_client_new            (const char    *server,
                                          MqSession     *session);

/* Independent of the view: what the server has. */
GPtrArray    *test_list_playlists        (MqClient      *client);
MqPlaylist   *test_get_playlist          (MqClient      *client,
                                          gint64         id);
GPtrArray    *test_list_device_groups    (MqClient      *client);

/* A window of @width x @height showing @child, presented. */
GtkWindow    *test_window_new            (GtkWidget     *child,
                                          int            width,
                                          int            height);
/* Destroys it and waits until it is gone. */
void          test_window_destroy        (GtkWindow     *window);

/* The first descendant of @root (depth first) of @type for which @match is TRUE (or
 * any, with @match NULL). */
GtkWidget    *test_find_widget           (GtkWidget     *root,
                                          GType          type,
                                          gboolean     (*match) (GtkWidget *widget,
                                                                   gpointer   data),
                                          gpointer       data);
/* Every such descendant, in tree order. */
GPtrArray    *test_find_widgets          (GtkWidget     *root,
                                          GType          type,
                                          gboolean     (*match) (GtkWidget *widget,
                                                                   gpointer   data),
                                          gpointer       data);
gboolean      test_widget_is_mapped      (GtkWidget     *widget,
                                          gpointer       data);

/* The AdwStatusPage titled @title that a user sees in @root, or NULL. */
AdwStatusPage *test_find_shown_status_page (GtkWidget   *root,
                                            const char  *title);

G_END_DECLS
