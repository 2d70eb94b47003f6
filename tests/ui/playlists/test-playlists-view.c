/* test-playlists-view.c: the playlists view against the fake viewneo, in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-test"

#include <glib/gstdio.h>
#include <locale.h>

#include "mq-account.h"
#include "mq-api-error.h"
#include "mq-banner.h"
#include "mq-device-group.h"
#include "mq-entry-row.h"
#include "mq-playlist-cache.h"
#include "mq-playlist-detail.h"
#include "mq-playlist-entry.h"
#include "mq-playlist-export.h"
#include "mq-entry-kind.h"
#include "mq-playlists-view.h"
#include "mq-split-view.h"
#include "mq-test-viewneo.h"
#include "mq-timeline.h"
#include "playlists-test-utils.h"

#define N_PLAYLISTS 120

typedef struct
{
  FakeViewneo     *fake;
  char            *url;
  MqSession       *session;
  MqClient        *client;
  GtkWindow       *window;
  MqPlaylistsView *view;
} Fixture;

static gint64 next_user_id = 100;

static void
fixture_set_up_with (Fixture *f,
                     guint    n_playlists)
{
  f->fake = test_fake_new (n_playlists);
  f->url = fake_viewneo_get_url (f->fake);
  /* A user of its own for every test: its own cache file. */
  f->session = test_session_new (f->url, next_user_id++);
  f->client = test_client_new (f->url, f->session);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  fixture_set_up_with (f, GPOINTER_TO_UINT (data) != 0 ? GPOINTER_TO_UINT (data) : N_PLAYLISTS);
}

static void
open_view (Fixture *f,
           int      width)
{
  f->view = MQ_PLAYLISTS_VIEW (mq_playlists_view_new ());
  f->window = test_window_new (GTK_WIDGET (f->view), width, 800);
}

static void
close_view (Fixture *f)
{
  if (f->window != NULL)
    test_window_destroy (f->window);
  f->window = NULL;
  f->view = NULL;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_view (f);
  g_clear_object (&f->client);
  g_clear_object (&f->session);
  mq_test_viewneo_stop (&f->fake);
  g_clear_pointer (&f->url, g_free);
}

static GListModel *
shown (Fixture *f)
{
  return mq_playlists_view_get_shown (f->view);
}

static gboolean
is_sorted (Fixture *f)
{
  return gtk_sort_list_model_get_pending (GTK_SORT_LIST_MODEL (shown (f))) == 0;
}

static gboolean
list_is_shown (Fixture *f)
{
  GtkWidget *column_view = test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW,
                                             NULL, NULL);

  return gtk_widget_get_mapped (column_view);
}

/* The column view gets a new list's rows a few each frame: positions in it are the
 * list's once it has all of them. */
static gboolean
has_all_rows (Fixture *f)
{
  GtkWidget *column_view = test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW,
                                             NULL, NULL);
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));

  return g_list_model_get_n_items (rows) == g_list_model_get_n_items (shown (f));
}

static void
wait_for_list (Fixture *f,
               guint    n_playlists)
{
  WAIT_FOR (list_is_shown (f) && is_sorted (f)
            && g_list_model_get_n_items (shown (f)) == n_playlists && has_all_rows (f));
}

static gboolean
title_is (GtkWidget *widget,
          gpointer   data)
{
  return gtk_widget_get_mapped (widget)
         && g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), data) == 0;
}

static const char *
count_label (Fixture *f)
{
  GtkWidget *title = test_find_widget (GTK_WIDGET (f->view), ADW_TYPE_WINDOW_TITLE,
                                       title_is, (gpointer) "Playlists");

  g_assert_nonnull (title);

  return adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title));
}

static MqPlaylist *
shown_item (Fixture *f,
            guint    position)
{
  MqPlaylist *playlist = g_list_model_get_item (shown (f), position);

  g_object_unref (playlist);

  return playlist;
}

static guint
shown_position_of (Fixture *f,
                   gint64   id)
{
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    {
      if (mq_playlist_get_id (shown_item (f, i)) == id)
        return i;
    }

  g_error ("Playlist %" G_GINT64_FORMAT " is not shown", id);
}

static GtkColumnView *
column_view (Fixture *f)
{
  return GTK_COLUMN_VIEW (test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW, NULL, NULL));
}

static MqPlaylistDetail *
detail (Fixture *f)
{
  return MQ_PLAYLIST_DETAIL (test_find_widget (GTK_WIDGET (f->view), MQ_TYPE_PLAYLIST_DETAIL,
                                               NULL, NULL));
}

static char *
dup_id_and_name (MqPlaylist *playlist)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " %s", mq_playlist_get_id (playlist),
                          mq_playlist_get_name (playlist));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
label_has_text (GtkWidget *widget,
                gpointer   data)
{
  return gtk_widget_get_mapped (widget)
         && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

/* ---- the list ---- */

typedef struct
{
  Fixture *f;
  guint    rows_at_first;   /* the column view's items when the list arrived */
  gint64   last_id;         /* the list's last playlist, asked for then */
} RowsProbe;

/* Before any frame after the list arrived: a nested playlist's row asks for the last. */
static gboolean
activate_last (gpointer user_data)
{
  RowsProbe *probe = user_data;
  g_autoptr(MqPlaylist) last = g_list_model_get_item (shown (probe->f),
                                                      g_list_model_get_n_items (shown (probe->f)) - 1);

  probe->last_id = mq_playlist_get_id (last);
  g_signal_emit_by_name (detail (probe->f), "playlist-activated", probe->last_id);

  return G_SOURCE_REMOVE;
}

static void
list_arrived_cb (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 RowsProbe  *probe)
{
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (column_view (probe->f)));

  if (added == 0 || probe->rows_at_first != 0)
    return;

  probe->rows_at_first = g_list_model_get_n_items (rows);
  g_idle_add_full (G_PRIORITY_HIGH, activate_last, probe, NULL);
}

static void
test_rows_in_sight_first (Fixture       *f,
                          gconstpointer  data)
{
  RowsProbe probe = { f, 0, 0 };
  GtkSingleSelection *selection;

  open_view (f, 1280);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->view)));
  g_signal_connect (shown (f), "items-changed", G_CALLBACK (list_arrived_cb), &probe);
  mq_playlists_view_set_session (f->view, f->session, f->client);

  /* The rows an 800 pixels high window shows come with the list, not all 120 of it. */
  WAIT_FOR (probe.rows_at_first > 0);
  g_assert_cmpuint (probe.rows_at_first, >=, 800 / 20);
  g_assert_cmpuint (probe.rows_at_first, <, N_PLAYLISTS);

  /* A playlist further down is selected all the same, and then all rows follow. */
  WAIT_FOR (probe.last_id != 0);
  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view (f)));
  g_assert_nonnull (gtk_single_selection_get_selected_item (selection));
  g_assert_cmpint (mq_playlist_get_id (gtk_single_selection_get_selected_item (selection)), ==,
                   probe.last_id);
  wait_for_list (f, N_PLAYLISTS);
  g_signal_handlers_disconnect_by_func (shown (f), list_arrived_cb, &probe);
}

static void
test_list_shows_server_playlists (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) server = test_list_playlists (f->client);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actual = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *count = NULL;

  g_assert_cmpuint (server->len, ==, N_PLAYLISTS);

  open_view (f, 1280);
  mq_playlists_view_set_session (f->view, f->session, f->client);
  g_assert_true (mq_playlists_view_get_session (f->view) == f->session);
  wait_for_list (f, N_PLAYLISTS);

  for (guint i = 0; i < server->len; i++)
    g_ptr_array_add (expected, dup_id_and_name (g_ptr_array_index (server, i)));
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    g_ptr_array_add (actual, dup_id_and_name (shown_item (f, i)));
  g_ptr_array_sort (expected, compare_strings);
  g_ptr_array_sort (actual, compare_strings);
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (actual, i), ==, g_ptr_array_index (expected, i));

  count = g_strdup_printf ("%u playlists", N_PLAYLISTS);
  g_assert_cmpstr (count_label (f), ==, count);

  /* The first rows are on screen. */
  WAIT_FOR (test_find_widget (GTK_WIDGET (column_view (f)), GTK_TYPE_LABEL, label_has_text,
                              (gpointer) mq_playlist_get_name (shown_item (f, 0))) != NULL);
  WAIT_FOR (test_find_widget (GTK_WIDGET (column_view (f)), GTK_TYPE_LABEL, label_has_text,
                              (gpointer) mq_playlist_get_name (shown_item (f, 5))) != NULL);
}

/* ---- search ---- */

static GtkEditable *
search_entry (Fixture *f)
{
  return GTK_EDITABLE (test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_SEARCH_ENTRY, NULL, NULL));
}

static gboolean
field_contains (const char *field,
                const char *needle)
{
  g_autofree char *folded = field != NULL ? g_utf8_casefold (field, -1) : NULL;

  return folded != NULL && strstr (folded, needle) != NULL;
}

/* Which of @server match @query (one term), by name, comment, label and id. */
static guint
count_matches (GPtrArray  *server,
               const char *query)
{
  g_autofree char *needle = g_utf8_casefold (query, -1);
  guint n = 0;

  for (guint i = 0; i < server->len; i++)
    {
      MqPlaylist *playlist = g_ptr_array_index (server, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, mq_playlist_get_id (playlist));

      if (field_contains (mq_playlist_get_name (playlist), needle)
          || field_contains (mq_playlist_get_comment (playlist), needle)
          || field_contains (mq_playlist_get_label (playlist), needle)
          || field_contains (id, needle))
        n++;
    }

  return n;
}

static void
search_for (Fixture    *f,
            GPtrArray  *server,
            const char *query)
{
  guint expected = count_matches (server, query);
  g_autofree char *count = g_strdup_printf ("%u of %u playlists", expected, server->len);

  g_assert_cmpuint (expected, >, 0);
  gtk_editable_set_text (search_entry (f), query);
  /* The entry waits a moment before it searches. */
  WAIT_FOR (g_list_model_get_n_items (shown (f)) == expected && is_sorted (f));
  if (expected < server->len)
    g_assert_cmpstr (count_label (f), ==, count);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) server = test_list_playlists (f->client);
  MqPlaylist *labelled = NULL;
  MqPlaylist *target = g_ptr_array_index (server, 17);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, mq_playlist_get_id (target));
  g_autofree char *upper_name = g_utf8_strup (mq_playlist_get_name (target), -1);
  GtkWidget *search_bar;

  for (guint i = 0; i < server->len && labelled == NULL; i++)
    {
      const char *label = mq_playlist_get_label (g_ptr_array_index (server, i));

      if (label != NULL && *label != '\0')
        labelled = g_ptr_array_index (server, i);
    }
  g_assert_nonnull (labelled);

  open_view (f, 1280);
  mq_playlists_view_set_session (f->view, f->session, f->client);
  wait_for_list (f, N_PLAYLISTS);

  search_bar = test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_SEARCH_BAR, NULL, NULL);
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  gtk_widget_activate_action (GTK_WIDGET (f->view), "playlists.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));

  /* By name, whatever the case; the playlist searched for is among the results. */
  search_for (f, server, upper_name);
  shown_position_of (f, mq_playlist_get_id (target));
  search_for (f, server, mq_playlist_get_label (labelled));
  shown_position_of (f, mq_playlist_get_id (labelled));
  search_for (f, server, id);
  shown_position_of (f, mq_playlist_get_id (target));

  /* Nothing: its own page, which says what was searched for. */
  gtk_editable_set_text (search_entry (f), "qqq-no-such-playlist");
  WAIT_FOR (test_find_shown_status_page (GTK_WIDGET (f->view), "No Results Found") != NULL);
  g_assert_cmpstr (count_label (f), ==, "0 of 120 playlists");
  g_assert_nonnull (strstr (adw_status_page_get_description (test_find_shown_status_page (GTK_WIDGET (f->view), "No Results Found")),
                            "qqq-no-such-playlist"));

  /* Typing on still finds nothing, and the page says what is typed now. */
  gtk_editable_set_text (search_entry (f), "qqq-no-such-playlist-either");
  WAIT_FOR (strstr (adw_status_page_get_description (test_find_shown_status_page (GTK_WIDGET (f->view), "No Results Found")),
                    "qqq-no-such-playlist-either") != NULL);

  /* Closing the search shows everything again. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "playlists.search", NULL);
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  WAIT_FOR (g_list_model_get_n_items (shown (f)) == N_PLAYLISTS);
  g_assert_cmpstr (gtk_editable_get_text (search_entry (f)), ==, "");
  g_assert_cmpstr (count_label (f), ==, "120 playlists");
}

/* A search whose first matches GTK has rows for but a screenful goes to the column
 * view whole, keeping them; one that needs many new rows (back to all after a narrow
 * one) brings the rows in sight first, as a new list does. The selected playlist
 * stays selected while it matches, however far down it is. */
static void
test_search_rows_in_sight_first (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) server = test_list_playlists (f->client);
  static const char * const letters[] = { "e", "a", "o", "i", "n", "r", "s", "t", "l" };
  GtkSingleSelection *selection;
  MqPlaylist *chosen;
  const char *query = NULL;
  guint expected;

  open_view (f, 1280);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->view)));
  mq_playlists_view_set_session (f->view, f->session, f->client);
  wait_for_list (f, N_PLAYLISTS);
  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view (f)));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);

  /* The last playlist, and a letter of its name that sixty playlists before it have
   * too: it stays below the rows in sight of the matches. */
  chosen = shown_item (f, N_PLAYLISTS - 1);
  for (guint i = 0; i < G_N_ELEMENTS (letters) && query == NULL; i++)
    {
      guint before = 0;

      if (!field_contains (mq_playlist_get_name (chosen), letters[i]))
        continue;
      for (guint j = 0; j < N_PLAYLISTS - 1; j++)
        before += field_contains (mq_playlist_get_name (shown_item (f, j)), letters[i]);
      if (before >= 60)
        query = letters[i];
    }
  g_assert_nonnull (query);
  expected = count_matches (server, query);

  gtk_widget_activate_action (GTK_WIDGET (f->view), "playlists.search", NULL);
  gtk_editable_set_text (search_entry (f), query);
  WAIT_FOR (g_list_model_get_n_items (shown (f)) == expected && is_sorted (f));
  /* GTK has rows for all of them: all at once. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, expected);

  /* One playlist, then all again: rows to make for nearly all in sight and below. */
  gtk_editable_set_text (search_entry (f), mq_playlist_get_name (chosen));
  WAIT_FOR (g_list_model_get_n_items (shown (f)) < 10 && has_all_rows (f));
  gtk_editable_set_text (search_entry (f), "");
  WAIT_FOR (g_list_model_get_n_items (shown (f)) == N_PLAYLISTS && is_sorted (f));
  /* The rows an 800 pixels high window shows, not all at once... */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), <, N_PLAYLISTS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), >=, 800 / 20);
  /* ...and the rest a few a frame. */
  WAIT_FOR (has_all_rows (f));
  gtk_single_selection_set_selected (selection, N_PLAYLISTS - 1);
  g_assert_true (mq_playlist_detail_get_playlist (detail (f)) == chosen);

  gtk_editable_set_text (search_entry (f), query);
  WAIT_FOR (g_list_model_get_n_items (shown (f)) == expected && is_sorted (f));
  g_assert_true (gtk_single_selection_get_selected_item (selection) == chosen);
  g_assert_true (mq_playlist_detail_get_playlist (detail (f)) == chosen);
}

/* ---- sorting ---- */

static gint64
updated_unix (MqPlaylist *playlist)
{
  g_autoptr(GDateTime) updated = mq_playlist_dup_updated_at (playlist);

  return updated != NULL ? g_date_time_to_unix (updated) : G_MININT64;
}

/* <0, 0, >0 as @a comes before, with or after @b in column @column. */
static int
compare_in_column (guint       column,
                   MqPlaylist *a,
                   MqPlaylist *b)
{
  switch (column)
    {
    case 0:
      {
        g_autofree char *folded_a = g_utf8_casefold (mq_playlist_get_name (a), -1);
        g_autofree char *folded_b = g_utf8_casefold (mq_playlist_get_name (b), -1);

        return g_utf8_collate (folded_a, folded_b);
      }
    case 1:
      return (int) mq_playlist_get_number_of_entries (a) - (int) mq_playlist_get_number_of_entries (b);
    case 2:
      return mq_playlist_get_playlist_type (a) - mq_playlist_get_playlist_type (b);
    case 3:
      return updated_unix (a) < updated_unix (b) ? -1 : updated_unix (a) > updated_unix (b);
    default:
      g_assert_not_reached ();
    }
}

static void
test_sort_by_each_column (Fixture       *f,
                          gconstpointer  data)
{
  GListModel *columns;
  const char *titles[] = { "Name", "Entries", "Type & Flags", "Updated" };

  open_view (f, 1280);
  mq_playlists_view_set_session (f->view, f->session, f->client);
  wait_for_list (f, N_PLAYLISTS);

  columns = gtk_column_view_get_columns (column_view (f));
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, G_N_ELEMENTS (titles));

  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[c]);

      for (int direction = GTK_SORT_ASCENDING; direction <= GTK_SORT_DESCENDING; direction++)
        {
          gtk_column_view_sort_by_column (column_view (f), column, direction);
          WAIT_FOR (is_sorted (f));

          /* The first rows, and for the numbers the whole list. */
          for (guint i = 1; i < (c == 0 ? 20 : N_PLAYLISTS); i++)
            {
              int order = compare_in_column (c, shown_item (f, i - 1), shown_item (f, i));

              if (direction == GTK_SORT_ASCENDING)
                g_assert_cmpint (order, <=, 0);
              else
                g_assert_cmpint (order, >=, 0);
            }
        }
    }
}

/* ---- the detail ---- */

static gboolean
group_is_titled (GtkWidget *widget,
                 gpointer   data)
{
  return g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), data) == 0;
}

static GPtrArray *
row_titles_in_group (Fixture    *f,
                     const char *group_title)
{
  GtkWidget *group = test_find_widget (GTK_WIDGET (detail (f)), ADW_TYPE_PREFERENCES_GROUP,
                                       group_is_titled, (gpointer) group_title);
  g_autoptr(GPtrArray) rows = test_find_widgets (group, ADW_TYPE_ACTION_ROW, NULL, NULL);
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (titles, g_strdup (adw_preferences_row_get_title (g_ptr_array_index (rows, i))));

  return titles;
}

/* The rows of "Screen Groups" once loaded, in @titles. */
static gboolean
screen_groups_loaded (Fixture    *f,
                      GPtrArray **titles)
{
  g_autoptr(GPtrArray) shown_titles = row_titles_in_group (f, "Screen Groups");

  if (shown_titles->len == 1
      && g_str_equal (g_ptr_array_index (shown_titles, 0), "Loading screen groups…"))
    return FALSE;

  g_clear_pointer (titles, g_ptr_array_unref);
  *titles = g_steal_pointer (&shown_titles);

  return TRUE;
}

static void
select_playlist (Fixture *f,
                 gint64   id)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (column_view (f));

  gtk_selection_model_select_item (selection, shown_position_of (f, id), TRUE);
  WAIT_FOR (mq_playlist_detail_get_playlist (detail (f)) != NULL
            && mq_playlist_get_id (mq_playlist_detail_get_playlist (detail (f))) == id
            && !mq_playlist_detail_get_loading (detail (f)));
}

/* A playlist with entries of both kinds that a screen group plays. */
static gint64
pick_detailed_playlist (Fixture    *f,
                        GPtrArray  *groups,
                        MqPlaylist **full)
{
  for (guint i = 0; i < groups->len; i++)
    {
      gint64 id = mq_device_group_get_playlist_id (g_ptr_array_index (groups, i));
      g_autoptr(MqPlaylist) candidate = NULL;
      GListModel *entries;
      gboolean has_nested = FALSE, has_media = FALSE;

      if (id == 0)
        continue;

      candidate = test_get_playlist (f->client, id);
      entries = mq_playlist_get_entries (candidate);
      for (guint j = 0; entries != NULL && j < g_list_model_get_n_items (entries); j++)
        {
          g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, j);

          has_nested |= mq_playlist_entry_get_nested_playlist_id (entry) != 0;
          has_media |= mq_playlist_entry_get_media_file_id (entry) != 0;
        }

      if (has_nested && has_media)
        {
          *full = g_steal_pointer (&candidate);
          return id;
        }
    }

  g_error ("No playlist with nested and media entries played by a screen group");
}

static void
test_detail (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) server = test_list_playlists (f->client);
  g_autoptr(GPtrArray) groups = test_list_device_groups (f->client);
  g_autoptr(MqPlaylist) full = NULL;
  g_autoptr(GPtrArray) group_titles = NULL;
  g_autoptr(GPtrArray) entry_rows = NULL;
  g_autoptr(GPtrArray) expected_groups = g_ptr_array_new ();
  GListModel *entries;
  gint64 id = pick_detailed_playlist (f, groups, &full);
  guint n_entries;
  MqTimeline *timeline;
  double width;
  guint total = 0;
  gint64 nested_id = 0;
  MqEntryRow *nested_row = NULL;

  open_view (f, 1280);
  mq_playlists_view_set_session (f->view, f->session, f->client);
  wait_for_list (f, N_PLAYLISTS);
  select_playlist (f, id);

  /* The entries in playback order, with the server's names. */
  entries = mq_playlist_get_entries (full);
  n_entries = g_list_model_get_n_items (entries);
  entry_rows = test_find_widgets (GTK_WIDGET (detail (f)), MQ_TYPE_ENTRY_ROW, NULL, NULL);
  g_assert_cmpuint (entry_rows->len, ==, n_entries);
  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, i);
      MqEntryRow *row = g_ptr_array_index (entry_rows, i);
      MqPlaylistEntry *shown_entry = mq_entry_row_get_entry (row);
      gint64 nested = mq_playlist_entry_get_nested_playlist_id (entry);
      const char *nested_name = NULL;
      g_autofree char *title = NULL;

      for (guint j = 0; nested != 0 && j < server->len; j++)
        {
          if (mq_playlist_get_id (g_ptr_array_index (server, j)) == nested)
            nested_name = mq_playlist_get_name (g_ptr_array_index (server, j));
        }
      title = mq_entry_dup_title (entry, nested_name);

      g_assert_cmpint (mq_playlist_entry_get_id (shown_entry), ==, mq_playlist_entry_get_id (entry));
      if (i > 0)
        g_assert_cmpint (mq_playlist_entry_get_index (shown_entry), >=,
                         mq_playlist_entry_get_index (mq_entry_row_get_entry (g_ptr_array_index (entry_rows, i - 1))));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
      total += mq_playlist_entry_get_duration (entry);

      if (nested != 0 && nested_name != NULL && nested_row == NULL)
        {
          nested_row = row;
          nested_id = nested;
        }
    }

  /* The screen groups that play it. */
  for (guint i = 0; i < groups->len; i++)
    {
      if (mq_device_group_get_playlist_id (g_ptr_array_index (groups, i)) == id)
        g_ptr_array_add (expected_groups,
                         (gpointer) mq_device_group_get_name (g_ptr_array_index (groups, i)));
    }
  g_assert_cmpuint (expected_groups->len, >, 0);
  WAIT_FOR (screen_groups_loaded (f, &group_titles));
  g_assert_cmpuint (group_titles->len, ==, expected_groups->len);
  for (guint i = 0; i < expected_groups->len; i++)
    g_assert_cmpstr (g_ptr_array_index (group_titles, i), ==, g_ptr_array_index (expected_groups, i));

  /* The timeline: as many blocks as entries, as wide as they play. */
  timeline = MQ_TIMELINE (test_find_widget (GTK_WIDGET (detail (f)), MQ_TYPE_TIMELINE, NULL, NULL));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (timeline)) && gtk_widget_get_width (GTK_WIDGET (timeline)) > 0);
  width = gtk_widget_get_width (GTK_WIDGET (timeline));
  g_assert_cmpuint (mq_timeline_get_n_blocks (timeline), ==, n_entries);
  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, i);
      graphene_rect_t block;

      g_assert_true (mq_timeline_get_block_geometry (timeline, i, &block));
      if (total > 0)
        g_assert_cmpfloat_with_epsilon (block.size.width,
                                        width * mq_playlist_entry_get_duration (entry) / total, 0.01);
    }

  /* Thumbnails arrive for the rows in sight. */
  WAIT_FOR (mq_entry_row_has_thumbnail (g_ptr_array_index (entry_rows, 0))
            || mq_playlist_entry_get_media_file_id (mq_entry_row_get_entry (g_ptr_array_index (entry_rows, 0))) == 0);
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/mediafile/"), <=, n_entries);

  /* A nested playlist's row leads to that playlist. */
  g_assert_nonnull (nested_row);
  g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (nested_row)), "row-activated", nested_row);
  WAIT_FOR (mq_playlist_detail_get_playlist (detail (f)) != NULL
            && mq_playlist_get_id (mq_playlist_detail_get_playlist (detail (f))) == nested_id
            && !mq_playlist_detail_get_loading (detail (f)));
  g_assert_cmpint (mq_playlist_get_id (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view (f))))),
                   ==, nested_id);
}

static void
test_detail_without_screen_group (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) groups = test_list_device_groups (f->client);
  g_autoptr(GPtrArray) titles = NULL;
  guint group_requests = fake_viewneo_get_request_count (f->fake, "/api/v1.0/devicegroup");
  gint64 id = 0;

  open_view (f, 1280);
  mq_playlists_view_set_session (f->view, f->session, f->client);
  wait_for_list (f, N_PLAYLISTS);

  for (guint i = 0; i < g_list_model_get_n_items (shown (f)) && id == 0; i++)
    {
      gint64 candidate = mq_playlist_get_id (shown_item (f, i));
      gboolean played = FALSE;

      for (guint j = 0; j < groups->len; j++)
        played |= mq_device_group_get_playlist_id (g_ptr_array_index (groups, j)) == candidate;
      if (!played)
        id = candidate;
    }
  g_assert_cmpint (id, !=, 0);

  select_playlist (f, id);
  WAIT_FOR (screen_groups_loaded (f, &titles));
  g_assert_cmpuint (titles->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "No screen group plays this playlist");

  /* Loaded once for the account, not once per playlist. */
  select_playlist (f, mq_playlist_get_id (shown_item (f, shown_position_of (f, id) == 0 ? 1 : 0)));
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/devicegroup"), ==,
                    group_requests + 1);
}

/* ---- narrow ---- */

#if !ADW_CHECK_VERSION (1, 4, 0)
static gboolean
is_mapped_back_button (GtkWidget *widget,
                       gpointer   data)
{
  return gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "go-previous-symbolic") == 0;
}
#endif

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  MqSplitView *split_view;

  open_view (f, 360);
  mq_playlists_view_set_session (f->view, f->session, f->client);
  wait_for_list (f, N_PLAYLISTS);

  split_view = MQ_SPLIT_VIEW (test_find_widget (GTK_WIDGET (f->view), MQ_TYPE_SPLIT_VIEW, NULL, NULL));
  WAIT_FOR (mq_split_view_get_folded (split_view));
  g_assert_false (mq_split_view_get_show_content (split_view));

  /* Activating a row (Enter, a tap) opens its detail; Back returns. */
  g_signal_emit_by_name (column_view (f), "activate", 3);
  g_assert_true (mq_split_view_get_show_content (split_view));
  WAIT_FOR (mq_playlist_detail_get_playlist (detail (f)) != NULL
            && mq_playlist_get_id (mq_playlist_detail_get_playlist (detail (f))) == mq_playlist_get_id (shown_item (f, 3)));
#if ADW_CHECK_VERSION (1, 4, 0)
  /* What the header bar's own back button does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail (f)), "navigation.pop", NULL));
#else
  gtk_widget_activate (test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_BUTTON, is_mapped_back_button, NULL));
#endif
  WAIT_FOR (!mq_split_view_get_show_content (split_view));

  /* Wide again: side by side. */
  gtk_window_set_default_size (f->window, 1280, 800);
  WAIT_FOR (!mq_split_view_get_folded (split_view));
#if ADW_CHECK_VERSION (1, 4, 0)
  /* From libadwaita 1.4 on an AdwNavigationSplitView, which collapses when narrow. */
  g_assert_nonnull (test_find_widget (GTK_WIDGET (f->view), ADW_TYPE_NAVIGATION_SPLIT_VIEW, NULL, NULL));
#endif
}

/* ---- states ---- */

static void
test_loading_progress (Fixture       *f,
                       gconstpointer  data)
{
  AdwStatusPage *page;

  fake_viewneo_set_envelope (f->fake, FAKE_ENVELOPE_PAGINATOR_LINKS);
  fake_viewneo_set_page_size (f->fake, 40);
  fake_viewneo_set_latency (f->fake, 150);

  open_view (f, 1280);
  mq_playlists_view_set_session (f->view, f->session, f->client);
  WAIT_FOR (test_find_shown_status_page (GTK_WIDGET (f->view), "Loading Playlists") != NULL);
  page = test_find_shown_status_page (GTK_WIDGET (f->view), "Loading Playlists");
  WAIT_FOR (g_str_has_prefix (adw_status_page_get_description (page), "Loading page ")
            && g_str_has_suffix (adw_status_page_get_description (page), " of 3…"));
  wait_for_list (f, N_PLAYLISTS);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  fake_viewneo_generate (f->fake, 0, 1);

  open_view (f, 1280);
  mq_playlists_view_set_session (f->view, f->session, f->client);
  WAIT_FOR (test_find_shown_status_page (GTK_WIDGET (f->view), "No Playlists Yet") != NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 0);
}

static void
test_error_then_retry (Fixture       *f,
                       gconstpointer  data)
{
  AdwStatusPage *page;

  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_SERVER_ERROR, 0, 0);

  open_view (f, 1280);
  mq_playlists_view_set_session (f->view, f->session, f->client);
  WAIT_FOR (test_find_shown_status_page (GTK_WIDGET (f->view), "Could Not Load Playlists") != NULL);
  page = test_find_shown_status_page (GTK_WIDGET (f->view), "Could Not Load Playlists");
  /* The error's own message says what happened. */
  g_assert_cmpuint (strlen (adw_status_page_get_description (page)), >, 0);

  fake_viewneo_clear_faults (f->fake);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "playlists.reload", NULL);
  wait_for_list (f, N_PLAYLISTS);
}

static gboolean
button_is_labelled (GtkWidget *widget,
                    gpointer   data)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *button;
  GVariant *target;

  fake_viewneo_add_fault (f->fake, "/api/v1.0/playlist", FAKE_FAULT_UNAUTHORIZED, 0, 0);

  open_view (f, 1280);
  mq_playlists_view_set_session (f->view, f->session, f->client);
  WAIT_FOR (test_find_shown_status_page (GTK_WIDGET (f->view), "Your Sign-In Has Ended") != NULL);

  /* Its button signs this account in again. */
  button = test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_BUTTON, button_is_labelled,
                             (gpointer) "_Sign In Again");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "app.sign-in");
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==,
                   mq_account_get_id (mq_session_get_account (f->session)));
}

static void
cache_loaded (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray **playlists = user_data;

  *playlists = mq_playlist_cache_load_finish (result, NULL, &error);
  g_assert_no_error (error);
  if (*playlists == NULL)
    *playlists = g_ptr_array_new ();
}

static guint
count_cached (Fixture *f)
{
  g_autoptr(GPtrArray) cached = NULL;

  mq_playlist_cache_load_async (mq_account_get_id (mq_session_get_account (f->session)), NULL,
                                cache_loaded, &cached);
  WAIT_FOR (cached != NULL);

  return cached->len;
}

static gboolean
banner_is_revealed (Fixture *f)
{
  MqBanner *banner = MQ_BANNER (test_find_widget (GTK_WIDGET (f->view), MQ_TYPE_BANNER, NULL, NULL));

  return mq_banner_get_revealed (banner);
}

static const char *
banner_title (Fixture *f)
{
  return mq_banner_get_title (MQ_BANNER (test_find_widget (GTK_WIDGET (f->view), MQ_TYPE_BANNER,
                                                           NULL, NULL)));
}

static void
test_offline_shows_cache (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  /* A first run online saves the list. */
  open_view (f, 1280);
  mq_playlists_view_set_session (f->view, f->session, f->client);
  wait_for_list (f, N_PLAYLISTS);
  g_assert_false (banner_is_revealed (f));
  WAIT_FOR (count_cached (f) == N_PLAYLISTS);
  for (guint i = 0; i < N_PLAYLISTS; i++)
    g_ptr_array_add (names, dup_id_and_name (shown_item (f, i)));
  close_view (f);

  /* Offline, the next start shows it, and says so, with a way to try again. */
  fake_viewneo_shutdown (f->fake);
  open_view (f, 1280);
  mq_playlists_view_set_session (f->view, f->session, f->client);
  wait_for_list (f, N_PLAYLISTS);
  WAIT_FOR (g_str_has_prefix (banner_title (f), "Offline — showing playlists saved "));
  g_assert_true (banner_is_revealed (f));
  for (guint i = 0; i < N_PLAYLISTS; i++)
    {
      g_autofree char *name = dup_id_and_name (shown_item (f, i));

      g_assert_cmpstr (name, ==, g_ptr_array_index (names, i));
    }
  g_assert_nonnull (test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_BUTTON, button_is_labelled,
                                      (gpointer) "_Retry"));
}

/* The shown playlist with @id, or NULL. */
static MqPlaylist *
shown_with_id (Fixture *f,
               gint64   id)
{
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    {
      if (mq_playlist_get_id (shown_item (f, i)) == id)
        return shown_item (f, i);
    }

  return NULL;
}

/* A start shows the saved list, then asks the server, whose unchanged playlists are
 * the objects already shown (not a second copy of each); @change_server: whether the
 * server has one more playlist than was saved. */
static void
check_cache_then_server (Fixture  *f,
                         gboolean  change_server)
{
  g_autoptr(GHashTable) cached = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  guint n_server = N_PLAYLISTS + (change_server ? 1 : 0);
  guint requests;

  /* A first run online saves the list. */
  open_view (f, 1280);
  mq_playlists_view_set_session (f->view, f->session, f->client);
  wait_for_list (f, N_PLAYLISTS);
  WAIT_FOR (count_cached (f) == N_PLAYLISTS);
  close_view (f);

  if (change_server)
    fake_viewneo_add_raw_playlist (f->fake, "{\"id\": 99999, \"name\": \"Zz New Arrival\"}");
  /* Slow enough to see the saved list first. */
  fake_viewneo_set_latency (f->fake, 300);
  requests = fake_viewneo_get_request_count (f->fake, "/api/v1.0/playlist");

  open_view (f, 1280);
  mq_playlists_view_set_session (f->view, f->session, f->client);
  wait_for_list (f, N_PLAYLISTS);
  g_assert_true (g_str_has_prefix (banner_title (f), "Showing playlists saved "));
  for (guint i = 0; i < N_PLAYLISTS; i++)
    {
      MqPlaylist *playlist = shown_item (f, i);
      gint64 *id = g_memdup2 (&(gint64) { mq_playlist_get_id (playlist) }, sizeof (gint64));

      g_ptr_array_add (ids, id);
      g_hash_table_insert (cached, id, playlist);
    }

  /* The server's answer, asked for once the saved list was shown. */
  WAIT_FOR (!banner_is_revealed (f) && g_list_model_get_n_items (shown (f)) == n_server &&
            is_sorted (f));
  g_assert_cmpuint (fake_viewneo_get_request_count (f->fake, "/api/v1.0/playlist"), >, requests);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 *id = g_ptr_array_index (ids, i);

      g_assert_true (shown_with_id (f, *id) == g_hash_table_lookup (cached, id));
    }
  if (change_server)
    g_assert_nonnull (shown_with_id (f, 99999));
}

static void
test_cache_then_same_server (Fixture       *f,
                             gconstpointer  data)
{
  check_cache_then_server (f, FALSE);
}

static void
test_cache_then_changed_server (Fixture       *f,
                                gconstpointer  data)
{
  check_cache_then_server (f, TRUE);
}

static void
test_offline_without_cache (Fixture       *f,
                            gconstpointer  data)
{
  fake_viewneo_shutdown (f->fake);

  open_view (f, 1280);
  mq_playlists_view_set_session (f->view, f->session, f->client);
  WAIT_FOR (test_find_shown_status_page (GTK_WIDGET (f->view), "Can’t Reach viewneo") != NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 0);
}

/* ---- export ---- */

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  mq_playlists_view_export_finish (MQ_PLAYLISTS_VIEW (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static GBytes *
export_to (Fixture        *f,
           GFile          *file,
           MqExportFormat  format)
{
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  GBytes *bytes;

  mq_playlists_view_export_async (f->view, file, format, NULL, export_cb, &done);
  WAIT_FOR (done);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);

  return bytes;
}

static void
test_export_shown (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) server = test_list_playlists (f->client);
  g_autofree char *dir = g_dir_make_tmp ("marquee-export-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "playlists.csv", NULL);
  g_autofree char *json_path = g_build_filename (dir, "playlists.json", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GFile) json_file = g_file_new_for_path (json_path);
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GBytes) expected_csv = NULL;
  g_autoptr(GBytes) expected_json = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkColumnViewColumn) entries_column = NULL;
  const char *query = "a";
  guint n_shown;
  JsonArray *array;

  open_view (f, 1280);
  mq_playlists_view_set_session (f->view, f->session, f->client);
  wait_for_list (f, N_PLAYLISTS);

  /* Searched and sorted: some, in an order of their own. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "playlists.search", NULL);
  search_for (f, server, query);
  entries_column = g_list_model_get_item (gtk_column_view_get_columns (column_view (f)), 1);
  gtk_column_view_sort_by_column (column_view (f), entries_column, GTK_SORT_DESCENDING);
  WAIT_FOR (is_sorted (f));
  n_shown = g_list_model_get_n_items (shown (f));
  g_assert_cmpuint (n_shown, <, N_PLAYLISTS);

  csv = export_to (f, csv_file, MQ_EXPORT_FORMAT_CSV);
  json = export_to (f, json_file, MQ_EXPORT_FORMAT_JSON);

  /* Exactly the shown rows, in the shown order. */
  expected_csv = mq_playlists_export (shown (f), MQ_EXPORT_FORMAT_CSV);
  expected_json = mq_playlists_export (shown (f), MQ_EXPORT_FORMAT_JSON);
  g_assert_true (g_bytes_equal (csv, expected_csv));
  g_assert_true (g_bytes_equal (json, expected_json));

  root = json_from_string (g_bytes_get_data (json, NULL), &error);
  g_assert_no_error (error);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, n_shown);
  for (guint i = 0; i < n_shown; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      g_assert_cmpint (json_object_get_int_member (object, "id"), ==,
                       mq_playlist_get_id (shown_item (f, i)));
    }
  {
    g_autofree char *first_row = g_strdup_printf ("\n%" G_GINT64_FORMAT ",",
                                                  mq_playlist_get_id (shown_item (f, 0)));
    g_autofree char *text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));

    g_assert_true (g_str_has_prefix (text, "id,name,"));
    g_assert_nonnull (strstr (text, first_row));
    g_assert_true (strstr (text, first_row) == strchr (text, '\n'));
  }

  g_unlink (csv_path);
  g_unlink (json_path);
  g_rmdir (dir);
}

/* ---- a big list does not freeze the window ---- */

typedef struct
{
  FakeViewneo  *fake;
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  GMutex        mutex;
  GCond         cond;
  gboolean      listening;
} ServerThread;

/* The fake serves from a thread of its own, so that its work is not counted as the
 * view's. */
static gpointer
server_thread_main (gpointer data)
{
  ServerThread *server = data;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (server->context);
  fake_viewneo_listen (server->fake, 0, &error);
  g_assert_no_error (error);

  g_mutex_lock (&server->mutex);
  server->listening = TRUE;
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->mutex);

  g_main_loop_run (server->loop);
  fake_viewneo_shutdown (server->fake);
  g_main_context_pop_thread_default (server->context);

  return NULL;
}

typedef struct
{
  gint64 expected;
  gint64 max_late;
} Lateness;

static gboolean
measure_lateness (gpointer user_data)
{
  Lateness *lateness = user_data;
  gint64 now = g_get_monotonic_time ();

  lateness->max_late = MAX (lateness->max_late, now - lateness->expected);
  lateness->expected = now + 5000;

  return G_SOURCE_CONTINUE;
}

/* How long the main loop was busy at most while the view loaded and showed
 * @n_playlists playlists. */
static gint64
measure_load (guint n_playlists)
{
  ServerThread server = { 0 };
  g_autoptr(MqSession) session = NULL;
  g_autoptr(MqClient) client = NULL;
  g_autofree char *url = NULL;
  Lateness lateness = { 0 };
  MqPlaylistsView *view;
  GtkWindow *window;
  guint timer;
  gint64 start, settle;

  server.fake = fake_viewneo_new ();
  fake_viewneo_add_token (server.fake, TEST_TOKEN);
  fake_viewneo_generate (server.fake, n_playlists, 3);
  server.context = g_main_context_new ();
  server.loop = g_main_loop_new (server.context, FALSE);
  g_mutex_init (&server.mutex);
  g_cond_init (&server.cond);
  server.thread = g_thread_new ("fake-viewneo", server_thread_main, &server);
  g_mutex_lock (&server.mutex);
  while (!server.listening)
    g_cond_wait (&server.cond, &server.mutex);
  g_mutex_unlock (&server.mutex);

  url = g_strdup_printf ("http://127.0.0.1:%u", fake_viewneo_get_port (server.fake));
  session = test_session_new (url, next_user_id++);
  client = test_client_new (url, session);

  view = MQ_PLAYLISTS_VIEW (mq_playlists_view_new ());
  window = test_window_new (GTK_WIDGET (view), 1280, 800);

  /* A 5 ms timer notes how late it runs: how long the main loop was busy. */
  lateness.expected = g_get_monotonic_time () + 5000;
  timer = g_timeout_add (5, measure_lateness, &lateness);
  start = g_get_monotonic_time ();

  mq_playlists_view_set_session (view, session, client);
  WAIT_FOR (g_list_model_get_n_items (mq_playlists_view_get_shown (view)) == n_playlists
            && gtk_sort_list_model_get_pending (GTK_SORT_LIST_MODEL (mq_playlists_view_get_shown (view))) == 0);
  /* And the frames that draw it. */
  settle = g_get_monotonic_time () + 300 * 1000;
  WAIT_FOR (g_get_monotonic_time () > settle);
  g_source_remove (timer);

  g_test_message ("%u playlists shown and sorted in %.0f ms; the main loop was busy for at most %.1f ms",
                  n_playlists, (settle - 300 * 1000 - start) / 1000.0, lateness.max_late / 1000.0);

  test_window_destroy (window);
  g_main_loop_quit (server.loop);
  g_thread_join (server.thread);
  g_main_loop_unref (server.loop);
  g_main_context_unref (server.context);
  g_mutex_clear (&server.mutex);
  g_cond_clear (&server.cond);
  g_object_unref (server.fake);

  return lateness.max_late;
}

static gboolean
is_tooltip (GtkWidget *widget,
            gpointer   data)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static gboolean
is_menu_of_bars (GtkWidget *widget,
                 gpointer   data)
{
  return is_tooltip (widget, "Main Menu") || is_tooltip (widget, "Account");
}

/* The menus in the header bars are built when first opened, with what was given; the
 * window's first frame shows none of them. */
static void
test_menus_built_when_opened (void)
{
  g_autoptr(GMenu) main_menu = g_menu_new ();
  g_autoptr(GMenu) account_menu = g_menu_new ();
  MqPlaylistsView *view = MQ_PLAYLISTS_VIEW (mq_playlists_view_new ());
  GtkWindow *window = test_window_new (GTK_WIDGET (view), 1280, 800);
  g_autoptr(GPtrArray) buttons = NULL;
  guint n_opened = 0;

  g_menu_append (main_menu, "About", "app.about");
  g_menu_append (account_menu, "Sign Out", "app.sign-out");
  mq_playlists_view_set_main_menu (view, G_MENU_MODEL (main_menu));
  mq_playlists_view_set_account_menu (view, G_MENU_MODEL (account_menu));

  buttons = test_find_widgets (GTK_WIDGET (view), GTK_TYPE_MENU_BUTTON, is_menu_of_bars, NULL);
  g_assert_cmpuint (buttons->len, ==, 4);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);

      g_assert_null (gtk_menu_button_get_popover (button));
      g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
    }

  /* The one in sight opens, with its menu. */
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);
      GMenuModel *model = is_tooltip (GTK_WIDGET (button), "Main Menu") ? G_MENU_MODEL (main_menu)
                                                                        : G_MENU_MODEL (account_menu);

      if (!gtk_widget_get_mapped (GTK_WIDGET (button)))
        continue;

      gtk_menu_button_popup (button);
      g_assert_nonnull (gtk_menu_button_get_popover (button));
      g_assert_true (gtk_menu_button_get_menu_model (button) == model);
      WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (button))));
      gtk_menu_button_popdown (button);
      n_opened++;
    }
  g_assert_cmpuint (n_opened, ==, 2);

  /* A menu given after it was built replaces it. */
  mq_playlists_view_set_main_menu (view, G_MENU_MODEL (account_menu));
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);

      if (gtk_menu_button_get_popover (button) != NULL && is_tooltip (GTK_WIDGET (button), "Main Menu"))
        g_assert_true (gtk_menu_button_get_menu_model (button) == G_MENU_MODEL (account_menu));
    }

  test_window_destroy (window);
}

static void
test_big_list_stays_responsive (void)
{
  /* Showing the panes for the first time costs the same for any number of playlists
   * (rows, styles, text); parsing, indexing and sorting happen in worker threads, so
   * 20,000 playlists add little on top of 200. The bound is loose because these
   * machines are shared, but catches any per-playlist work on the main thread
   * (parsing 20,000 alone takes several times longer). */
  gint64 few = measure_load (200);
  gint64 many = measure_load (20000);

  g_test_message ("20,000 playlists kept the main loop busy %.1f ms longer than 200",
                  (many - few) / 1000.0);
  g_assert_cmpint (many - few, <, 250 * 1000);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();
  /* No transitions: what is shown is shown at once (and the other page is unmapped). */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/playlists/view/list", test_list_shows_server_playlists);
  ADD ("/playlists/view/rows-in-sight-first", test_rows_in_sight_first);
  ADD ("/playlists/view/search", test_search);
  ADD ("/playlists/view/search-rows-in-sight-first", test_search_rows_in_sight_first);
  ADD ("/playlists/view/sort", test_sort_by_each_column);
  ADD ("/playlists/view/detail", test_detail);
  ADD ("/playlists/view/detail-without-screen-group", test_detail_without_screen_group);
  ADD ("/playlists/view/narrow", test_narrow);
  ADD ("/playlists/view/loading-progress", test_loading_progress);
  ADD ("/playlists/view/empty", test_empty);
  ADD ("/playlists/view/error-then-retry", test_error_then_retry);
  ADD ("/playlists/view/unauthorized", test_unauthorized);
  ADD ("/playlists/view/offline-shows-cache", test_offline_shows_cache);
  ADD ("/playlists/view/offline-without-cache", test_offline_without_cache);
  ADD ("/playlists/view/cache-then-same-server", test_cache_then_same_server);
  ADD ("/playlists/view/cache-then-changed-server", test_cache_then_changed_server);
  ADD ("/playlists/view/export-shown", test_export_shown);
  g_test_add_func ("/playlists/view/menus-built-when-opened", test_menus_built_when_opened);
  g_test_add_func ("/playlists/view/big-list-stays-responsive", test_big_list_stays_responsive);

  return g_test_run ();
}
