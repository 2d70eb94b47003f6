/* mq-accounts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-auth"

#include <glib/gi18n-lib.h>

#include "mq-accounts.h"
#include "mq-auth-error.h"
#include "mq-playlist-cache.h"
#include "mq-screens-cache.h"
#include "mq-static-token-provider.h"

/* What is kept for one account while it is in use. */
typedef struct
{
  MqAccounts *accounts; /* unowned: it owns the context */
  MqAccount  *account;
  MqSession  *session;
  MqClient   *client;
  /* Waiting mq_accounts_load_session_async() tasks while the keyring is read. */
  GPtrArray  *load_waiters;
  gboolean    loaded;
} AccountContext;

struct _MqAccounts
{
  GObject           parent_instance;

  GSettings        *settings;
  MqAccountManager *manager;
  MqTokenStore     *token_store;
  MqAccount        *current;
  /* account id -> AccountContext */
  GHashTable       *contexts;
  /* For tests: whom the API clients trust (see MqClient); NULL is the system. */
  GTlsDatabase     *tls_database;
};

G_DEFINE_FINAL_TYPE (MqAccounts, mq_accounts, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_TOKEN_STORE,
  PROP_CURRENT_ACCOUNT,
  PROP_TLS_DATABASE,
  N_PROPS
};

enum {
  ACCOUNT_ADDED,
  ACCOUNT_REMOVED,
  SIGN_IN_REQUIRED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A mq_accounts_load_session_async() call waiting for the keyring. */
typedef struct
{
  char    *account_id;
  /* Answers a cancellation at once: the keyring read itself goes on for the others. */
  GSource *cancelled_source;
} LoadWaiter;

static void
load_waiter_free (LoadWaiter *waiter)
{
  g_free (waiter->account_id);
  g_clear_pointer (&waiter->cancelled_source, g_source_unref);
  g_free (waiter);
}

/* Before the task returns: its cancellable source holds a reference to it. */
static void
load_waiter_detach (GTask *task)
{
  LoadWaiter *waiter = g_task_get_task_data (task);

  if (waiter->cancelled_source != NULL)
    g_source_destroy (waiter->cancelled_source);
}

static void
account_context_fail_waiters (AccountContext *context)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&context->load_waiters);

  if (waiters == NULL)
    return;

  for (guint i = 0; i < waiters->len; i++)
    {
      load_waiter_detach (g_ptr_array_index (waiters, i));
      g_task_return_new_error (g_ptr_array_index (waiters, i), G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The account was signed out");
    }
}

static void
account_context_free (AccountContext *context)
{
  account_context_fail_waiters (context);
  g_signal_handlers_disconnect_matched (context->session, G_SIGNAL_MATCH_DATA,
                                        0, 0, NULL, NULL, context);
  g_clear_object (&context->client);
  g_clear_object (&context->session);
  g_clear_object (&context->account);
  g_free (context);
}

static const char *
context_key (AccountContext *context)
{
  return mq_account_get_id (context->account);
}

/* ---- the current account ---- */

MqAccount *
mq_accounts_get_current (MqAccounts *self)
{
  g_return_val_if_fail (MQ_IS_ACCOUNTS (self), NULL);

  return self->current;
}

void
mq_accounts_set_current (MqAccounts *self,
                         const char *account_id)
{
  MqAccount *account = NULL;

  g_return_if_fail (MQ_IS_ACCOUNTS (self));

  if (account_id != NULL && account_id[0] != '\0')
    {
      account = mq_account_manager_lookup (self->manager, account_id);
      if (account == NULL)
        {
          g_debug ("No account %s to switch to", account_id);
          return;
        }
    }

  mq_account_manager_set_current (self->manager, account != NULL ? account_id : NULL);

  if (g_set_object (&self->current, account))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_ACCOUNT]);
}

/* ---- sessions and clients ---- */

static void
session_sign_in_required_cb (MqSession      *session,
                             const GError   *why,
                             AccountContext *context)
{
  g_debug ("The sign-in to an account has ended: %s", why != NULL ? why->message : "");

  g_signal_emit (context->accounts, signals[SIGN_IN_REQUIRED], 0, context->account, why);
}

/* The one place where a client is made. */
static MqClient *
new_client (MqAccounts      *self,
            const char      *server,
            MqTokenProvider *provider)
{
  return g_object_new (MQ_TYPE_CLIENT,
                       "server-url", server,
                       "token-provider", provider,
                       "tls-database", self->tls_database,
                       NULL);
}

static AccountContext *
lookup_context (MqAccounts *self,
                MqAccount  *account)
{
  AccountContext *context = g_hash_table_lookup (self->contexts, mq_account_get_id (account));

  if (context == NULL)
    {
      context = g_new0 (AccountContext, 1);
      context->accounts = self;
      context->account = g_object_ref (account);
      context->session = mq_session_new (account, self->token_store);
      context->client = new_client (self, mq_account_get_server (account),
                                    MQ_TOKEN_PROVIDER (context->session));
      g_signal_connect (context->session, "sign-in-required",
                        G_CALLBACK (session_sign_in_required_cb), context);
      g_hash_table_insert (self->contexts, (gpointer) context_key (context), context);
    }

  return context;
}

MqSession *
mq_accounts_get_session (MqAccounts *self,
                         MqAccount  *account)
{
  g_return_val_if_fail (MQ_IS_ACCOUNTS (self), NULL);
  g_return_val_if_fail (MQ_IS_ACCOUNT (account), NULL);

  return lookup_context (self, account)->session;
}

MqClient *
mq_accounts_get_client (MqAccounts *self,
                        MqAccount  *account)
{
  g_return_val_if_fail (MQ_IS_ACCOUNTS (self), NULL);
  g_return_val_if_fail (MQ_IS_ACCOUNT (account), NULL);

  return lookup_context (self, account)->client;
}

static void
session_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MqAccounts) self = user_data;
  MqSession *session = MQ_SESSION (object);
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GError) error = NULL;
  AccountContext *context;
  gboolean loaded;

  loaded = mq_session_load_finish (session, result, &error);

  /* Signed out meanwhile: the waiters have been told already. */
  context = g_hash_table_lookup (self->contexts,
                                 mq_account_get_id (mq_session_get_account (session)));
  if (context == NULL || context->session != session)
    return;

  context->loaded = loaded;
  waiters = g_steal_pointer (&context->load_waiters);

  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      load_waiter_detach (task);
      if (loaded)
        g_task_return_pointer (task, g_object_ref (session), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

static gboolean
load_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;
  MqAccounts *self = g_task_get_source_object (task);
  LoadWaiter *waiter = g_task_get_task_data (task);
  AccountContext *context = g_hash_table_lookup (self->contexts, waiter->account_id);

  if (context != NULL && context->load_waiters != NULL)
    {
      g_autoptr(GTask) waiting = g_object_ref (task);

      if (g_ptr_array_remove (context->load_waiters, waiting))
        {
          load_waiter_detach (waiting);
          g_task_return_error_if_cancelled (waiting);
        }
    }

  return G_SOURCE_REMOVE;
}

void
mq_accounts_load_session_async (MqAccounts          *self,
                                MqAccount           *account,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AccountContext *context;
  LoadWaiter *waiter;

  g_return_if_fail (MQ_IS_ACCOUNTS (self));
  g_return_if_fail (MQ_IS_ACCOUNT (account));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_accounts_load_session_async);
  waiter = g_new0 (LoadWaiter, 1);
  waiter->account_id = g_strdup (mq_account_get_id (account));
  g_task_set_task_data (task, waiter, (GDestroyNotify) load_waiter_free);

  context = lookup_context (self, account);

  if (context->loaded)
    {
      g_task_return_pointer (task, g_object_ref (context->session), g_object_unref);
      return;
    }

  if (context->load_waiters == NULL)
    {
      context->load_waiters = g_ptr_array_new_with_free_func (g_object_unref);
      mq_session_load_async (context->session, NULL, session_loaded_cb, g_object_ref (self));
    }

  if (cancellable != NULL)
    {
      waiter->cancelled_source = g_cancellable_source_new (cancellable);
      g_task_attach_source (task, waiter->cancelled_source, G_SOURCE_FUNC (load_cancelled_cb));
    }

  g_ptr_array_add (context->load_waiters, g_steal_pointer (&task));
}

MqSession *
mq_accounts_load_session_finish (MqAccounts    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_accounts_load_session_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
/* ---- signing in and out ---- */

typedef struct
{
  char      *server;
  MqToken   *token;
  char      *client_id;
  char      *client_secret;
  MqClient  *client;
  MqAccount *account;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_free (sign_in->server);
  g_clear_object (&sign_in->token);
  g_free (sign_in->client_id);
  g_free (sign_in->client_secret);
  g_clear_object (&sign_in->client);
  g_clear_object (&sign_in->account);
  g_free (sign_in);
}

static void
session_signed_in_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MqAccounts *self = g_task_get_source_object (task);
  MqSession *session = MQ_SESSION (object);
  SignIn *sign_in = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  AccountContext *context;

  if (!mq_session_sign_in_finish (session, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  context = g_hash_table_lookup (self->contexts, mq_account_get_id (sign_in->account));
  if (context != NULL && context->session == session)
    {
      /* The session holds the new token: nothing to read from the keyring any more. */
      account_context_fail_waiters (context);
      context->loaded = TRUE;
    }

  mq_account_manager_add (self->manager, sign_in->account);
  mq_accounts_set_current (self, mq_account_get_id (sign_in->account));
  g_signal_emit (self, signals[ACCOUNT_ADDED], 0, sign_in->account);

  g_task_return_pointer (task, g_object_ref (sign_in->account), g_object_unref);
}

static void
replaced_session_signed_out_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MqAccounts *self = g_task_get_source_object (task);
  SignIn *sign_in = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  AccountContext *context;

  /* The new sign-in goes on regardless: the old session has dropped its token already,
   * and the new one overwrites the token in the keyring. What may stay behind is an
   * unused client secret, which is better than leaving the account signed in nowhere.
   * (Written only now: the sign-out clears every item of the account, new ones too.) */
  if (!mq_session_sign_out_finish (MQ_SESSION (object), result, &error))
    g_warning ("The old sign-in of %s could not be removed from the keyring: %s",
               mq_account_get_id (sign_in->account), error->message);

  /* Its waiters are failed as at sign-out; the playlist cache stays, the account is the
   * same. Removed first: the table's key belongs to the old context's account. */
  g_hash_table_remove (self->contexts, mq_account_get_id (sign_in->account));
  context = lookup_context (self, sign_in->account);

  /* Past the point of no return: the old sign-in is gone, so the new one is finished and
   * its outcome told even if the caller cancels now. */
  g_task_set_check_cancellable (task, FALSE);
  mq_session_sign_in_async (context->session, sign_in->token, sign_in->client_secret, NULL,
                            session_signed_in_cb, g_steal_pointer (&task));
}

static void
user_fetched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MqAccounts *self = g_task_get_source_object (task);
  SignIn *sign_in = g_task_get_task_data (task);
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;
  AccountContext *context;

  user = mq_client_get_user_finish (MQ_CLIENT (object), result, &error);
  if (user == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sign_in->account = mq_account_new (sign_in->server,
                                     mq_user_get_id (user),
                                     mq_user_get_display_name (user),
                                     mq_token_get_kind (sign_in->token),
                                     sign_in->client_id);

  context = g_hash_table_lookup (self->contexts, mq_account_get_id (sign_in->account));

  /* A known account signed in another way (a token instead of the browser, another OAuth
   * client): its session only takes tokens of its own kind and refreshes with its own
   * client, so the old sign-in makes way for the new one. Only now, with the new token
   * checked, so that a cancelled or failed sign-in leaves the old one alone. */
  if (context != NULL &&
      (mq_account_get_kind (context->account) != mq_account_get_kind (sign_in->account) ||
       g_strcmp0 (mq_account_get_client_id (context->account),
                  mq_account_get_client_id (sign_in->account)) != 0))
    {
      if (g_task_return_error_if_cancelled (task))
        return;

      g_debug ("Replacing the sign-in of %s", mq_account_get_id (sign_in->account));
      /* Without the cancellable: a half-done sign-out would leave neither sign-in. */
      mq_session_sign_out_async (context->session, NULL, replaced_session_signed_out_cb,
                                 g_steal_pointer (&task));
      return;
    }

  /* Signing in to a known account again renews the session that already serves it. */
  context = lookup_context (self, sign_in->account);
  if (context->account != sign_in->account)
    {
      mq_account_set_display_name (context->account, mq_user_get_display_name (user));
      g_set_object (&sign_in->account, context->account);
    }

  cancellable = g_task_get_cancellable (task);
  mq_session_sign_in_async (context->session, sign_in->token, sign_in->client_secret, cancellable,
                            session_signed_in_cb, g_steal_pointer (&task));
}

void
mq_accounts_sign_in_async (MqAccounts          *self,
                              const char          *server,
                              MqToken             *token,
                              const char          *client_id,
                              const char          *client_secret,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(MqStaticTokenProvider) provider = NULL;
  g_autoptr(GTask) task = NULL;
  SignIn *sign_in;

  g_return_if_fail (MQ_IS_ACCOUNTS (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (MQ_IS_TOKEN (token));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  provider = mq_static_token_provider_new (mq_token_get_access_token (token));

  sign_in = g_new0 (SignIn, 1);
  sign_in->server = g_strdup (server);
  sign_in->token = g_object_ref (token);
  sign_in->client_id = g_strdup (client_id);
  sign_in->client_secret = g_strdup (client_secret);
  sign_in->client = new_client (self, server, MQ_TOKEN_PROVIDER (provider));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_accounts_sign_in_async);
  g_task_set_task_data (task, sign_in, (GDestroyNotify) sign_in_free);

  mq_client_get_user_async (sign_in->client, cancellable, user_fetched_cb, g_steal_pointer (&task));
}

MqAccount *
mq_accounts_sign_in_finish (MqAccounts     *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_accounts_sign_in_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
forget_account (MqAccounts    *self,
                const char    *account_id)
{
  gboolean was_current = self->current != NULL &&
                         g_strcmp0 (mq_account_get_id (self->current), account_id) == 0;

  mq_playlist_cache_delete (account_id);
  mq_screens_cache_delete (account_id);
  mq_account_manager_remove (self->manager, account_id);

  if (was_current)
    {
      GListModel *accounts = mq_account_manager_get_accounts (self->manager);
      g_autoptr(MqAccount) next = g_list_model_get_item (accounts, 0);

      mq_accounts_set_current (self, next != NULL ? mq_account_get_id (next) : NULL);
    }

  g_hash_table_remove (self->contexts, account_id);
  g_signal_emit (self, signals[ACCOUNT_REMOVED], 0, account_id);
}

static void
session_signed_out_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MqAccounts *self = g_task_get_source_object (task);
  const char *account_id = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  mq_session_sign_out_finish (MQ_SESSION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  forget_account (self, account_id);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
mq_accounts_sign_out_async (MqAccounts          *self,
                               const char          *account_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MqAccount *account;

  g_return_if_fail (MQ_IS_ACCOUNTS (self));
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_accounts_sign_out_async);
  g_task_set_task_data (task, g_strdup (account_id), g_free);

  account = mq_account_manager_lookup (self->manager, account_id);
  if (account == NULL)
    {
      g_task_return_new_error (task, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_INPUT,
                               _("This account is not signed in."));
      return;
    }

  mq_session_sign_out_async (mq_accounts_get_session (self, account), cancellable,
                             session_signed_out_cb, g_steal_pointer (&task));
}

gboolean
mq_accounts_sign_out_finish (MqAccounts     *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_accounts_sign_out_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- the object ---- */

static void
mq_accounts_constructed (GObject *object)
{
  MqAccounts *self = MQ_ACCOUNTS (object);

  G_OBJECT_CLASS (mq_accounts_parent_class)->constructed (object);

  g_assert (self->settings != NULL);

  if (self->token_store == NULL)
    self->token_store = mq_token_store_new ();
  self->manager = mq_account_manager_new (self->settings);
  g_set_object (&self->current, mq_account_manager_get_current (self->manager));
}

static void
mq_accounts_dispose (GObject *object)
{
  MqAccounts *self = MQ_ACCOUNTS (object);

  g_clear_pointer (&self->contexts, g_hash_table_unref);
  g_clear_object (&self->current);
  g_clear_object (&self->manager);
  g_clear_object (&self->token_store);
  g_clear_object (&self->settings);
  g_clear_object (&self->tls_database);

  G_OBJECT_CLASS (mq_accounts_parent_class)->dispose (object);
}

static void
mq_accounts_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MqAccounts *self = MQ_ACCOUNTS (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_TOKEN_STORE:
      g_value_set_object (value, self->token_store);
      break;

    case PROP_CURRENT_ACCOUNT:
      g_value_set_object (value, self->current);
      break;

    case PROP_TLS_DATABASE:
      g_value_set_object (value, self->tls_database);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_accounts_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MqAccounts *self = MQ_ACCOUNTS (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_TOKEN_STORE:
      self->token_store = g_value_dup_object (value);
      break;

    case PROP_TLS_DATABASE:
      if (g_set_object (&self->tls_database, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_accounts_class_init (MqAccountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mq_accounts_constructed;
  object_class->dispose = mq_accounts_dispose;
  object_class->get_property = mq_accounts_get_property;
  object_class->set_property = mq_accounts_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN_STORE] =
    g_param_spec_object ("token-store", NULL, NULL,
                         MQ_TYPE_TOKEN_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_ACCOUNT] =
    g_param_spec_object ("current-account", NULL, NULL,
                         MQ_TYPE_ACCOUNT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* For tests: the certificates the clients of accounts made from now on trust in
   * place of the system's. Only whom to trust, never whether to check. */
  properties[PROP_TLS_DATABASE] =
    g_param_spec_object ("tls-database", NULL, NULL,
                         G_TYPE_TLS_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACCOUNT_ADDED] =
    g_signal_new ("account-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MQ_TYPE_ACCOUNT);
  signals[ACCOUNT_REMOVED] =
    g_signal_new ("account-removed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGN_IN_REQUIRED] =
    g_signal_new ("sign-in-required",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  MQ_TYPE_ACCOUNT,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
mq_accounts_init (MqAccounts *self)
{
  self->contexts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) account_context_free);
}

MqAccounts *
mq_accounts_new (GSettings    *settings,
                 MqTokenStore *store)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (!store || MQ_IS_TOKEN_STORE (store), NULL);

  return g_object_new (MQ_TYPE_ACCOUNTS,
                       "settings", settings,
                       "token-store", store,
                       NULL);
}

GSettings *
mq_accounts_get_settings (MqAccounts *self)
{
  g_return_val_if_fail (MQ_IS_ACCOUNTS (self), NULL);

  return self->settings;
}

MqTokenStore *
mq_accounts_get_token_store (MqAccounts *self)
{
  g_return_val_if_fail (MQ_IS_ACCOUNTS (self), NULL);

  return self->token_store;
}

GListModel *
mq_accounts_get_list (MqAccounts *self)
{
  g_return_val_if_fail (MQ_IS_ACCOUNTS (self), NULL);

  return mq_account_manager_get_accounts (self->manager);
}

MqAccount *
mq_accounts_lookup (MqAccounts *self,
                    const char *account_id)
{
  g_return_val_if_fail (MQ_IS_ACCOUNTS (self), NULL);

  return mq_account_manager_lookup (self->manager, account_id);
}
