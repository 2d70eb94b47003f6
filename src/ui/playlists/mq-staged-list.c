/* mq-staged-list.c: a list model that passes a change on to the rows in sight at once
 * and to the rest of the rows a list view keeps a few at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include "mq-staged-list.h"

struct _MqStagedList
{
  GObject     parent_instance;

  GListModel *model;
  /* Staged: the items shown, of which the first n_current are the model's at the same
   * positions and the rest stale, left from before. NULL: the model as it is. */
  GPtrArray  *shown;
  guint       n_current;
  guint       n_in_sight;
  guint       n_kept;
  gboolean    at_top;
  /* Held: the model's changes wait for the release, from restage_from on. */
  guint       hold_count;
  gboolean    restage_pending;
  guint       restage_from;
};

enum {
  PROP_0,
  PROP_MODEL,
  PROP_STAGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void mq_staged_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MqStagedList, mq_staged_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mq_staged_list_model_init))

static GType
mq_staged_list_get_item_type (GListModel *model)
{
  MqStagedList *self = MQ_STAGED_LIST (model);

  return g_list_model_get_item_type (self->model);
}

static guint
mq_staged_list_get_n_items (GListModel *model)
{
  MqStagedList *self = MQ_STAGED_LIST (model);

  return self->shown != NULL ? self->shown->len : g_list_model_get_n_items (self->model);
}

static gpointer
mq_staged_list_get_item (GListModel *model,
                         guint       position)
{
  MqStagedList *self = MQ_STAGED_LIST (model);

  if (self->shown == NULL)
    return g_list_model_get_item (self->model, position);

  return position < self->shown->len ? g_object_ref (g_ptr_array_index (self->shown, position)) : NULL;
}

static void
mq_staged_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mq_staged_list_get_item_type;
  iface->get_n_items = mq_staged_list_get_n_items;
  iface->get_item = mq_staged_list_get_item;
}

/* Shown from now on: the first @start of what is shown, the model's items from @start
 * to @current_end, then what was shown from @stale_from on (none if G_MAXUINT). Tells
 * of the change. */
static void
replace_shown (MqStagedList *self,
               guint         start,
               guint         current_end,
               guint         stale_from)
{
  GPtrArray *old = self->shown;
  guint old_end = stale_from != G_MAXUINT ? stale_from : old->len;
  guint n_stale = stale_from != G_MAXUINT ? old->len - stale_from : 0;
  GPtrArray *shown = g_ptr_array_new_full (current_end + n_stale, g_object_unref);

  g_assert (start <= current_end && start <= old_end && old_end <= old->len);

  for (guint i = 0; i < start; i++)
    g_ptr_array_add (shown, g_object_ref (g_ptr_array_index (old, i)));
  for (guint i = start; i < current_end; i++)
    g_ptr_array_add (shown, g_list_model_get_item (self->model, i));
  for (guint i = 0; i < n_stale; i++)
    g_ptr_array_add (shown, g_object_ref (g_ptr_array_index (old, stale_from + i)));

  self->shown = shown;
  self->n_current = current_end;
  g_ptr_array_unref (old);

  if (old_end > start || current_end > start)
    g_list_model_items_changed (G_LIST_MODEL (self), start, old_end - start, current_end - start);
}

static void
unstage (MqStagedList *self)
{
  g_autoptr(GPtrArray) shown = g_steal_pointer (&self->shown);
  guint n_items = g_list_model_get_n_items (self->model);

  /* Held changes: what is current ends where they start. */
  if (self->restage_pending)
    self->n_current = MIN (self->n_current, self->restage_from);
  self->restage_pending = FALSE;

  /* Everything from the first position not current: the model shows through now. */
  if (shown->len > self->n_current || n_items > self->n_current)
    g_list_model_items_changed (G_LIST_MODEL (self), self->n_current,
                                shown->len - self->n_current, n_items - self->n_current);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGED]);
}

/* The model changed from @position on: the positions in sight are made current again
 * and the stale ones stay behind them; away from the top, as many as were current. */
static void
restage (MqStagedList *self,
         guint         position)
{
  guint n_items = g_list_model_get_n_items (self->model);
  guint start = MIN (self->n_current, position);
  /* What stayed current stays so: the change may be below the rows in sight. */
  guint target = MAX (start, MIN (n_items, self->at_top ? self->n_in_sight
                                                         : MAX (self->n_in_sight, self->n_current)));

  /* What stayed the same at the start keeps its rows. */
  while (start < MIN (target, self->shown->len))
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->model, start);

      if (item != g_ptr_array_index (self->shown, start))
        break;
      start++;
    }

  /* Too few current items to fill the view: anything stale would be in sight. */
  if (!self->at_top || target < self->n_in_sight || self->shown->len <= target)
    replace_shown (self, start, target, G_MAXUINT);
  else
    replace_shown (self, start, target, target);
}

static void
model_items_changed_cb (MqStagedList *self,
                        guint         position,
                        guint         removed,
                        guint         added)
{
  if (self->shown == NULL)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
    }
  else if (self->hold_count > 0)
    {
      self->restage_from = self->restage_pending ? MIN (self->restage_from, position) : position;
      self->restage_pending = TRUE;
    }
  else
    {
      restage (self, position);
    }
}

static void
mq_staged_list_dispose (GObject *object)
{
  MqStagedList *self = MQ_STAGED_LIST (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->shown, g_ptr_array_unref);

  G_OBJECT_CLASS (mq_staged_list_parent_class)->dispose (object);
}

static void
mq_staged_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MqStagedList *self = MQ_STAGED_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_STAGED:
      g_value_set_boolean (value, mq_staged_list_get_staged (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_staged_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MqStagedList *self = MQ_STAGED_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      self->model = g_value_dup_object (value);
      g_signal_connect_swapped (self->model, "items-changed",
                                G_CALLBACK (model_items_changed_cb), self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_staged_list_class_init (MqStagedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mq_staged_list_dispose;
  object_class->get_property = mq_staged_list_get_property;
  object_class->set_property = mq_staged_list_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STAGED] =
    g_param_spec_boolean ("staged", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mq_staged_list_init (MqStagedList *self)
{
}

MqStagedList *
mq_staged_list_new (GListModel *model)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  return g_object_new (MQ_TYPE_STAGED_LIST, "model", model, NULL);
}

GListModel *
mq_staged_list_get_model (MqStagedList *self)
{
  g_return_val_if_fail (MQ_IS_STAGED_LIST (self), NULL);

  return self->model;
}

void
mq_staged_list_stage (MqStagedList *self,
                      guint         n_in_sight,
                      guint         n_kept,
                      gboolean      at_top)
{
  guint n_items;
  guint n_shown;

  g_return_if_fail (MQ_IS_STAGED_LIST (self));
  g_return_if_fail (n_in_sight > 0 && n_in_sight <= n_kept);

  self->n_in_sight = n_in_sight;
  self->n_kept = n_kept;
  self->at_top = !!at_top;
  if (self->shown != NULL)
    return;

  n_items = g_list_model_get_n_items (self->model);
  n_shown = MIN (n_items, at_top ? n_kept : n_in_sight);
  self->shown = g_ptr_array_new_full (n_shown, g_object_unref);
  for (guint i = 0; i < n_shown; i++)
    g_ptr_array_add (self->shown, g_list_model_get_item (self->model, i));
  self->n_current = n_shown;

  /* At the top, beyond what the view keeps rows for: no row goes. */
  if (n_items > n_shown)
    g_list_model_items_changed (G_LIST_MODEL (self), n_shown, n_items - n_shown, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGED]);
}

/* The last @n_stale of what is shown go. */
static void
drop_stale (MqStagedList *self,
            guint         n_stale)
{
  guint position = self->shown->len - n_stale;

  g_assert (position >= self->n_current);

  g_ptr_array_remove_range (self->shown, position, n_stale);
  g_list_model_items_changed (G_LIST_MODEL (self), position, n_stale, 0);
}

gboolean
mq_staged_list_advance (MqStagedList *self,
                        guint         n_items,
                        guint         n_stale)
{
  guint n_model;

  g_return_val_if_fail (MQ_IS_STAGED_LIST (self), TRUE);

  if (self->shown == NULL)
    return TRUE;
  /* Held: what is current is only known at the release. */
  if (self->restage_pending)
    return FALSE;

  n_model = g_list_model_get_n_items (self->model);
  if (self->n_current < self->shown->len)
    {
      /* Stale ones first, as many current ones in their place. */
      guint n_replaced = MIN (n_items, self->shown->len - self->n_current);
      guint current_end = MIN (self->n_current + n_replaced, n_model);

      if (current_end < self->n_current + n_replaced)
        replace_shown (self, self->n_current, current_end, G_MAXUINT);
      else
        replace_shown (self, self->n_current, current_end, current_end);

      n_stale = MIN (n_stale, self->shown->len - self->n_current);
      if (n_stale > 0)
        drop_stale (self, n_stale);
    }
  else
    {
      replace_shown (self, self->n_current, MIN (self->n_current + n_items, n_model), G_MAXUINT);
    }

  if (self->n_current == self->shown->len && self->n_current >= MIN (n_model, self->n_kept))
    {
      unstage (self);
      return TRUE;
    }

  return FALSE;
}

void
mq_staged_list_show_all (MqStagedList *self)
{
  g_return_if_fail (MQ_IS_STAGED_LIST (self));

  if (self->shown != NULL)
    unstage (self);
}

void
mq_staged_list_hold (MqStagedList *self)
{
  g_return_if_fail (MQ_IS_STAGED_LIST (self));

  self->hold_count++;
}

void
mq_staged_list_release (MqStagedList *self)
{
  g_return_if_fail (MQ_IS_STAGED_LIST (self));
  g_return_if_fail (self->hold_count > 0);

  if (--self->hold_count > 0 || !self->restage_pending)
    return;

  self->restage_pending = FALSE;
  if (self->shown != NULL)
    restage (self, self->restage_from);
}

gboolean
mq_staged_list_get_staged (MqStagedList *self)
{
  g_return_val_if_fail (MQ_IS_STAGED_LIST (self), FALSE);

  return self->shown != NULL;
}

guint
mq_staged_list_get_n_current (MqStagedList *self)
{
  g_return_val_if_fail (MQ_IS_STAGED_LIST (self), 0);

  return self->shown != NULL ? self->n_current : g_list_model_get_n_items (self->model);
}
