/* mq-account-manager.c
 *
 * The `accounts` key is the truth: the list model is rebuilt from it whenever it
 * changes, also from outside (another instance, dconf-editor), reusing the MqAccount
 * objects that are still there so that views and sessions bound to them stay valid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-auth"

#include "mq-account-manager.h"

struct _MqAccountManager
{
  GObject     parent_instance;

  GSettings  *settings;
  GListStore *accounts;
  MqAccount  *current;
  gboolean    loading;
};

G_DEFINE_FINAL_TYPE (MqAccountManager, mq_account_manager, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_CURRENT_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
kind_to_setting (MqTokenKind kind)
{
  return kind == MQ_TOKEN_KIND_OAUTH ? "oauth" : "token";
}

static void
save_accounts (MqAccountManager *self)
{
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a(sxsss)"));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MqAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);
      const char *display_name = mq_account_get_display_name (account);
      const char *client_id = mq_account_get_client_id (account);

      g_variant_builder_add (builder, "(sxsss)",
                             mq_account_get_server (account),
                             mq_account_get_user_id (account),
                             display_name != NULL ? display_name : "",
                             kind_to_setting (mq_account_get_kind (account)),
                             client_id != NULL ? client_id : "");
    }

  g_settings_set_value (self->settings, "accounts", g_variant_builder_end (builder));
}

static void
display_name_changed_cb (MqAccountManager *self)
{
  if (!self->loading)
    save_accounts (self);
}

/* A renamed account (the user's name changed in viewneo) is saved at once. */
static void
track_account (MqAccountManager *self,
               MqAccount        *account)
{
  g_signal_connect_object (account, "notify::display-name",
                           G_CALLBACK (display_name_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
untrack_account (MqAccountManager *self,
                 MqAccount        *account)
{
  g_signal_handlers_disconnect_by_func (account, display_name_changed_cb, self);
}

static void
untrack_all (MqAccountManager *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MqAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      untrack_account (self, account);
    }
}

/* The account the `current-account` key names, or NULL. */
static void
update_current (MqAccountManager *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "current-account");
  MqAccount *current = *id != '\0' ? mq_account_manager_lookup (self, id) : NULL;

  if (g_set_object (&self->current, current))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_ACCOUNT]);
}

static gboolean
same_account (MqAccount  *account,
              const char *server,
              gint64      user_id,
              MqTokenKind kind,
              const char *client_id)
{
  return g_strcmp0 (mq_account_get_server (account), server) == 0 &&
         mq_account_get_user_id (account) == user_id &&
         mq_account_get_kind (account) == kind &&
         g_strcmp0 (mq_account_get_client_id (account), client_id) == 0;
}

static void
load_accounts (MqAccountManager *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, "accounts");
  GListModel *model = G_LIST_MODEL (self->accounts);
  guint n_old = g_list_model_get_n_items (model);
  gboolean changed;
  GVariantIter iter;
  const char *server;
  const char *display_name;
  const char *kind_text;
  const char *client_id;
  gint64 user_id;

  self->loading = TRUE;

  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&sx&s&s&s)",
                              &server, &user_id, &display_name, &kind_text, &client_id))
    {
      g_autoptr(MqAccount) account = NULL;
      MqTokenKind kind;

      if (g_str_equal (kind_text, "oauth"))
        kind = MQ_TOKEN_KIND_OAUTH;
      else if (g_str_equal (kind_text, "token"))
        kind = MQ_TOKEN_KIND_PERSONAL;
      else
        {
          g_debug ("Ignoring an account of unknown kind “%s”", kind_text);
          continue;
        }

      if (*server == '\0' || (kind == MQ_TOKEN_KIND_OAUTH && *client_id == '\0'))
        {
          g_debug ("Ignoring an account without a server or Client ID");
          continue;
        }

      if (kind == MQ_TOKEN_KIND_PERSONAL)
        client_id = NULL;

      for (guint i = 0; i < n_old && account == NULL; i++)
        {
          g_autoptr(MqAccount) old = g_list_model_get_item (model, i);

          if (same_account (old, server, user_id, kind, client_id))
            account = g_steal_pointer (&old);
        }

      if (account != NULL)
        mq_account_set_display_name (account, display_name);
      else
        account = mq_account_new (server, user_id, display_name, kind, client_id);

      /* Two entries for one account: the first wins, as add() would have replaced. */
      if (!g_hash_table_add (seen, (gpointer) mq_account_get_id (account)))
        continue;

      g_ptr_array_add (items, g_steal_pointer (&account));
    }

  changed = items->len != n_old;
  for (guint i = 0; i < n_old && !changed; i++)
    {
      g_autoptr(MqAccount) old = g_list_model_get_item (model, i);

      changed = old != g_ptr_array_index (items, i);
    }

  if (changed)
    {
      untrack_all (self);
      for (guint i = 0; i < items->len; i++)
        track_account (self, g_ptr_array_index (items, i));

      g_list_store_splice (self->accounts, 0, n_old, items->pdata, items->len);
    }

  self->loading = FALSE;

  update_current (self);
}

static void
mq_account_manager_constructed (GObject *object)
{
  MqAccountManager *self = (MqAccountManager *) object;

  G_OBJECT_CLASS (mq_account_manager_parent_class)->constructed (object);

  g_signal_connect_object (self->settings, "changed::accounts",
                           G_CALLBACK (load_accounts), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::current-account",
                           G_CALLBACK (update_current), self, G_CONNECT_SWAPPED);
  load_accounts (self);
}

static void
mq_account_manager_dispose (GObject *object)
{
  MqAccountManager *self = (MqAccountManager *) object;

  if (self->accounts != NULL)
    untrack_all (self);

  g_clear_object (&self->current);
  g_clear_object (&self->accounts);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mq_account_manager_parent_class)->dispose (object);
}

static void
mq_account_manager_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MqAccountManager *self = MQ_ACCOUNT_MANAGER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_CURRENT_ACCOUNT:
      g_value_set_object (value, self->current);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_account_manager_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MqAccountManager *self = MQ_ACCOUNT_MANAGER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_account_manager_class_init (MqAccountManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mq_account_manager_constructed;
  object_class->dispose = mq_account_manager_dispose;
  object_class->get_property = mq_account_manager_get_property;
  object_class->set_property = mq_account_manager_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * MqAccountManager:current-account:
   *
   * The account the window shows, or %NULL. Follows the `current-account` key, and
   * becomes %NULL when that names no known account.
   */
  properties[PROP_CURRENT_ACCOUNT] =
    g_param_spec_object ("current-account", NULL, NULL,
                         MQ_TYPE_ACCOUNT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mq_account_manager_init (MqAccountManager *self)
{
  self->accounts = g_list_store_new (MQ_TYPE_ACCOUNT);
}

MqAccountManager *
mq_account_manager_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (MQ_TYPE_ACCOUNT_MANAGER,
                       "settings", settings,
                       NULL);
}

GListModel *
mq_account_manager_get_accounts (MqAccountManager *self)
{
  g_return_val_if_fail (MQ_IS_ACCOUNT_MANAGER (self), NULL);

  return G_LIST_MODEL (self->accounts);
}

static gboolean
find_account (MqAccountManager *self,
              const char       *account_id,
              guint            *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MqAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      if (g_strcmp0 (mq_account_get_id (account), account_id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * mq_account_manager_lookup:
 *
 * Returns: (transfer none) (nullable): the account with this id.
 */
MqAccount *
mq_account_manager_lookup (MqAccountManager *self,
                           const char       *account_id)
{
  g_autoptr(MqAccount) account = NULL;
  guint position;

  g_return_val_if_fail (MQ_IS_ACCOUNT_MANAGER (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  if (!find_account (self, account_id, &position))
    return NULL;

  account = g_list_model_get_item (G_LIST_MODEL (self->accounts), position);

  /* The store keeps its reference. */
  return account;
}

void
mq_account_manager_add (MqAccountManager *self,
                        MqAccount        *account)
{
  guint position;

  g_return_if_fail (MQ_IS_ACCOUNT_MANAGER (self));
  g_return_if_fail (MQ_IS_ACCOUNT (account));

  /* A new sign-in to a known account takes its place in the list. */
  if (find_account (self, mq_account_get_id (account), &position))
    {
      g_autoptr(MqAccount) old = g_list_model_get_item (G_LIST_MODEL (self->accounts), position);

      untrack_account (self, old);
      g_list_store_splice (self->accounts, position, 1, (gpointer *) &account, 1);
    }
  else
    g_list_store_append (self->accounts, account);

  track_account (self, account);
  save_accounts (self);
  /* The current account may be the one replaced. */
  update_current (self);
}

void
mq_account_manager_remove (MqAccountManager *self,
                           const char       *account_id)
{
  g_autoptr(MqAccount) removed = NULL;
  gboolean was_current;
  guint position;

  g_return_if_fail (MQ_IS_ACCOUNT_MANAGER (self));
  g_return_if_fail (account_id != NULL);

  if (!find_account (self, account_id, &position))
    return;

  removed = g_list_model_get_item (G_LIST_MODEL (self->accounts), position);
  was_current = removed == self->current;
  untrack_account (self, removed);
  g_list_store_remove (self->accounts, position);
  save_accounts (self);

  /* The window goes on with another account rather than with none. */
  if (was_current)
    {
      g_autoptr(MqAccount) first = g_list_model_get_item (G_LIST_MODEL (self->accounts), 0);

      mq_account_manager_set_current (self, first != NULL ? mq_account_get_id (first) : NULL);
    }
}

/**
 * mq_account_manager_get_current:
 *
 * Returns: (transfer none) (nullable): the account the window shows.
 */
MqAccount *
mq_account_manager_get_current (MqAccountManager *self)
{
  g_return_val_if_fail (MQ_IS_ACCOUNT_MANAGER (self), NULL);

  return self->current;
}

void
mq_account_manager_set_current (MqAccountManager *self,
                                const char       *account_id)
{
  g_return_if_fail (MQ_IS_ACCOUNT_MANAGER (self));

  g_settings_set_string (self->settings, "current-account",
                         account_id != NULL ? account_id : "");
  /* Not left to changed::current-account alone: a delayed-apply settings object
   * would only tell later. */
  update_current (self);
}
