/* test-staged-list.c: MqStagedList, the column view's rows of a changing list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>

#include "mq-staged-list.h"

#define N_IN_SIGHT 4
#define N_KEPT     10

/* What a list view sees: a copy kept by the staged list's items-changed alone. Every
 * signal is checked against the list's own count, so a wrong one shows. */
typedef struct
{
  GListStore   *model;    /* what the view is to show in the end */
  MqStagedList *staged;
  GListStore   *mirror;   /* the view's idea of it */
  guint         removed;  /* items the view let go of, in all */
  guint         added;
} Fixture;

static void
mirror_items_changed_cb (GListModel *staged,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Fixture    *f)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_cmpuint (position + removed, <=, g_list_model_get_n_items (G_LIST_MODEL (f->mirror)));
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (items, g_list_model_get_item (staged, position + i));
  g_list_store_splice (f->mirror, position, removed, items->pdata, items->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->mirror)), ==,
                    g_list_model_get_n_items (staged));
  f->removed += removed;
  f->added += added;
}

static GObject *
new_item (guint i)
{
  GObject *item = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (item, "number", GUINT_TO_POINTER (i));

  return item;
}

/* Items first .. first + n - 1, fresh objects. */
static void
fill (Fixture *f,
      guint    first,
      guint    n)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, new_item (first + i));
  g_list_store_splice (f->model, 0, g_list_model_get_n_items (G_LIST_MODEL (f->model)),
                       items->pdata, items->len);
}

static guint
number_at (GListModel *model,
           guint       position)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, position);

  return GPOINTER_TO_UINT (g_object_get_data (item, "number"));
}

/* The mirror holds what the staged list says it holds, item for item. */
static void
assert_mirror (Fixture *f)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (f->staged));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->mirror)), ==, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (G_LIST_MODEL (f->mirror), i);
      g_autoptr(GObject) b = g_list_model_get_item (G_LIST_MODEL (f->staged), i);

      g_assert_true (a == b);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->staged), n_items));
}

/* The first @n_current positions hold the model's items. */
static void
assert_current (Fixture *f,
                guint    n_current)
{
  g_assert_cmpuint (mq_staged_list_get_n_current (f->staged), ==, n_current);
  for (guint i = 0; i < n_current; i++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (G_LIST_MODEL (f->model), i);
      g_autoptr(GObject) b = g_list_model_get_item (G_LIST_MODEL (f->staged), i);

      g_assert_true (a == b);
    }
  assert_mirror (f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->model = g_list_store_new (G_TYPE_OBJECT);
  f->staged = mq_staged_list_new (G_LIST_MODEL (f->model));
  f->mirror = g_list_store_new (G_TYPE_OBJECT);
  g_signal_connect (f->staged, "items-changed", G_CALLBACK (mirror_items_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->staged);
  g_clear_object (&f->model);
  g_clear_object (&f->mirror);
}

/* Not staged, it is the model, changes and all. */
static void
test_passes_through (Fixture       *f,
                     gconstpointer  data)
{
  fill (f, 0, 30);
  g_assert_false (mq_staged_list_get_staged (f->staged));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->staged)) == G_TYPE_OBJECT);
  g_assert_true (mq_staged_list_get_model (f->staged) == G_LIST_MODEL (f->model));
  assert_current (f, 30);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->staged)), ==, 30);
  g_list_store_remove (f->model, 3);
  assert_current (f, 29);
  g_assert_true (mq_staged_list_advance (f->staged, 5, 0));
}

/* A new list at the top: the rows in sight change at once, the view's other rows stay
 * below them, stale, and go a few at a time; no row is dropped and made again. */
static void
test_stale_rows_go_a_few_at_a_time (Fixture       *f,
                                    gconstpointer  data)
{
  gboolean done = FALSE;
  guint advances = 0;

  fill (f, 0, 30);
  mq_staged_list_stage (f->staged, N_IN_SIGHT, N_KEPT, TRUE);
  g_assert_true (mq_staged_list_get_staged (f->staged));
  /* Beyond what the view keeps rows for, the items went: no row did. */
  assert_current (f, N_KEPT);
  g_assert_cmpuint (f->removed, ==, 30 - N_KEPT);
  f->removed = f->added = 0;

  fill (f, 100, 50);
  assert_current (f, N_IN_SIGHT);
  /* The rows in sight went, and the old ones below the screen stay. */
  g_assert_cmpuint (f->removed, ==, N_IN_SIGHT);
  g_assert_cmpuint (f->added, ==, N_IN_SIGHT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->staged)), ==, N_KEPT);
  for (guint i = N_IN_SIGHT; i < N_KEPT; i++)
    g_assert_cmpuint (number_at (G_LIST_MODEL (f->staged), i), ==, i);

  /* Each advance replaces up to 3 stale rows, then adds, each row made once. */
  while (!done)
    {
      guint before = mq_staged_list_get_n_current (f->staged);

      done = mq_staged_list_advance (f->staged, 3, 0);
      advances++;
      if (!done)
        {
          assert_current (f, MIN (before + 3, N_KEPT));
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->staged)), ==, N_KEPT);
        }
    }
  g_assert_cmpuint (advances, ==, 2);
  g_assert_false (mq_staged_list_get_staged (f->staged));
  assert_current (f, 50);
  /* Every old row went once, every new one came once, none in between. */
  g_assert_cmpuint (f->removed, ==, N_KEPT);
  g_assert_cmpuint (f->added, ==, 50);
}

/* Stale rows also go from the end, more of them than are made current. */
static void
test_stale_rows_dropped_from_the_end (Fixture       *f,
                                      gconstpointer  data)
{
  fill (f, 0, 30);
  mq_staged_list_stage (f->staged, N_IN_SIGHT, N_KEPT, TRUE);
  fill (f, 100, 50);
  f->removed = f->added = 0;

  /* 6 stale: 2 replaced, 2 dropped from the end, the last of them first. */
  g_assert_false (mq_staged_list_advance (f->staged, 2, 2));
  assert_current (f, N_IN_SIGHT + 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->staged)), ==, N_KEPT - 2);
  g_assert_cmpuint (number_at (G_LIST_MODEL (f->staged), N_KEPT - 3), ==, N_KEPT - 3);
  g_assert_cmpuint (f->removed, ==, 4);
  g_assert_cmpuint (f->added, ==, 2);

  /* 2 stale left: replaced, and none to drop; then more current ones. */
  g_assert_false (mq_staged_list_advance (f->staged, 2, 2));
  assert_current (f, N_KEPT - 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->staged)), ==, N_KEPT - 2);
  g_assert_true (mq_staged_list_advance (f->staged, 2, 2));
  assert_current (f, 50);
}

/* Fewer new items than fill the view: stale ones would be in sight, so none stay. */
static void
test_few_items_leave_nothing_stale (Fixture       *f,
                                    gconstpointer  data)
{
  fill (f, 0, 30);
  mq_staged_list_stage (f->staged, N_IN_SIGHT, N_KEPT, TRUE);
  fill (f, 100, N_IN_SIGHT - 1);
  assert_current (f, N_IN_SIGHT - 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->staged)), ==, N_IN_SIGHT - 1);
  g_assert_true (mq_staged_list_advance (f->staged, 3, 0));
  g_assert_false (mq_staged_list_get_staged (f->staged));
  assert_current (f, N_IN_SIGHT - 1);
}

/* The model shrinking while stale rows wait: they go when there is nothing for their
 * positions, and the list ends as the model. */
static void
test_model_runs_out_under_stale_rows (Fixture       *f,
                                      gconstpointer  data)
{
  fill (f, 0, 30);
  mq_staged_list_stage (f->staged, N_IN_SIGHT, N_KEPT, TRUE);
  fill (f, 100, 50);
  assert_current (f, N_IN_SIGHT);
  fill (f, 200, N_IN_SIGHT + 2);
  assert_current (f, N_IN_SIGHT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->staged)), ==, N_KEPT);
  g_assert_true (mq_staged_list_advance (f->staged, 3, 0));
  assert_current (f, N_IN_SIGHT + 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->staged)), ==, N_IN_SIGHT + 2);
}

/* What stayed at the top keeps its rows: a change below it leaves them alone. */
static void
test_same_head_kept (Fixture       *f,
                     gconstpointer  data)
{
  fill (f, 0, 30);
  mq_staged_list_stage (f->staged, N_IN_SIGHT, N_KEPT, TRUE);
  f->removed = f->added = 0;
  g_list_store_remove (f->model, 2);
  assert_current (f, N_IN_SIGHT);
  /* Positions 2 and 3 changed, nothing else. */
  g_assert_cmpuint (f->removed, ==, N_IN_SIGHT - 2);
  g_assert_cmpuint (f->added, ==, N_IN_SIGHT - 2);
  mq_staged_list_show_all (f->staged);
  g_assert_false (mq_staged_list_get_staged (f->staged));
  assert_current (f, 29);
}

/* A change below the rows in sight, once more are current: those before it stay
 * current, those after it go stale. */
static void
test_change_below_rows_in_sight (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GObject) item = new_item (500);

  fill (f, 0, 30);
  mq_staged_list_stage (f->staged, N_IN_SIGHT, N_KEPT, TRUE);
  fill (f, 100, 50);
  g_assert_false (mq_staged_list_advance (f->staged, 3, 0));
  assert_current (f, N_IN_SIGHT + 3);
  g_list_store_insert (f->model, N_IN_SIGHT + 1, item);
  assert_current (f, N_IN_SIGHT + 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->staged)), ==, N_KEPT);
  while (!mq_staged_list_advance (f->staged, 3, 0))
    ;
  assert_current (f, 51);
}

/* Held, a change in two steps makes the rows in sight once, for the second. */
static void
test_held_changes_taken_up_once (Fixture       *f,
                                 gconstpointer  data)
{
  fill (f, 0, 30);
  mq_staged_list_stage (f->staged, N_IN_SIGHT, N_KEPT, TRUE);
  f->removed = f->added = 0;

  mq_staged_list_hold (f->staged);
  fill (f, 100, 50);
  /* Not taken up yet: the list is as it was, and cannot advance. */
  g_assert_cmpuint (f->added, ==, 0);
  g_assert_false (mq_staged_list_advance (f->staged, 3, 0));
  fill (f, 200, 50);
  mq_staged_list_release (f->staged);

  assert_current (f, N_IN_SIGHT);
  g_assert_cmpuint (f->removed, ==, N_IN_SIGHT);
  g_assert_cmpuint (f->added, ==, N_IN_SIGHT);
  g_assert_cmpuint (number_at (G_LIST_MODEL (f->staged), 0), ==, 200);

  /* Not staged, nothing waits. */
  mq_staged_list_show_all (f->staged);
  mq_staged_list_hold (f->staged);
  fill (f, 300, 5);
  assert_current (f, 5);
  mq_staged_list_release (f->staged);
  assert_current (f, 5);
}

/* Away from the top a stale row might be in sight: the model's first rows in sight
 * are all that is shown, then more a few at a time. */
static void
test_away_from_top_nothing_stale (Fixture       *f,
                                  gconstpointer  data)
{
  fill (f, 0, 30);
  mq_staged_list_stage (f->staged, N_IN_SIGHT, N_KEPT, FALSE);
  assert_current (f, N_IN_SIGHT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->staged)), ==, N_IN_SIGHT);
  g_assert_false (mq_staged_list_advance (f->staged, 3, 0));
  assert_current (f, N_IN_SIGHT + 3);
  fill (f, 100, 50);
  /* As many as were current stay so. */
  assert_current (f, N_IN_SIGHT + 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->staged)), ==, N_IN_SIGHT + 3);
  while (!mq_staged_list_advance (f->staged, 3, 0))
    ;
  assert_current (f, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/staged-list/passes-through", test_passes_through);
  ADD ("/staged-list/stale-rows-go-a-few-at-a-time", test_stale_rows_go_a_few_at_a_time);
  ADD ("/staged-list/stale-rows-dropped-from-the-end", test_stale_rows_dropped_from_the_end);
  ADD ("/staged-list/few-items-leave-nothing-stale", test_few_items_leave_nothing_stale);
  ADD ("/staged-list/model-runs-out-under-stale-rows", test_model_runs_out_under_stale_rows);
  ADD ("/staged-list/same-head-kept", test_same_head_kept);
  ADD ("/staged-list/change-below-rows-in-sight", test_change_below_rows_in_sight);
  ADD ("/staged-list/held-changes-taken-up-once", test_held_changes_taken_up_once);
  ADD ("/staged-list/away-from-top-nothing-stale", test_away_from_top_nothing_stale);

  return g_test_run ();
}
