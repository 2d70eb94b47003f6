/* mq-session.c
 *
 * The current token of one account, handed to MqClient through MqTokenProvider.
 *
 * Refresh: one at a time (a "Refresh" below), shared by every caller that needs a new
 * token meanwhile. The rotated pair is written to the keyring first and swapped in
 * after, so that the keyring never holds a refresh token the server has revoked while
 * the valid one exists only in memory; if writing fails, the new pair stays in memory
 * all the same ("keyring-error" says so): the old one is revoked and useless.
 *
 * Between processes (the window, `--background`, `marquee --list-playlists`), a
 * refresh runs under the account's MqRefreshLock: with it held, the keyring is read
 * again, and a pair another process rotated meanwhile is taken as it is, instead of
 * sending a refresh token the server has already revoked. The rotated pair is stored
 * before the lock is let go, so the keyring always has the newest pair. A refusal
 * (invalid_grant) is only believed once the keyring, read again, still has the pair
 * that was refused.
 *
 * The session's MqOAuth has no redirect URI: it only refreshes, and the refresh grant
 * carries none. The client secret comes from the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-auth"

#include <glib/gi18n-lib.h>

#include "mq-api-error.h"
#include "mq-auth-error.h"
#include "mq-clock.h"
#include "mq-oauth.h"
#include "mq-refresh-lock.h"
#include "mq-session.h"
#include "mq-token-provider.h"

#define SECONDS_PER_DAY (24 * 60 * 60)
/* A 401 for a token this young means refreshing does not help. */
#define FRESH_TOKEN_USEC (60 * G_USEC_PER_SEC)
/* Longer than a holder can need: the token request gives up after 30 s, the keyring
 * write takes moments. A holder still busy after that is stuck, and waiting on would
 * only stall this process too; it fails (G_IO_ERROR_BUSY, not a sign-in matter) rather
 * than refresh alongside and risk burning the pair the holder is about to store. */
#define REFRESH_LOCK_TIMEOUT_MS (45 * 1000)

typedef struct _Refresh Refresh;

struct _MqSession
{
  GObject       parent_instance;

  MqAccount    *account;
  MqTokenStore *store;

  MqToken      *token;
  char         *client_secret;
  MqOAuth      *oauth;
  /* g_get_monotonic_time() when the token came from a refresh, else 0. */
  gint64        refreshed_at;

  GError       *keyring_error;
  gboolean      needs_sign_in;
  GError       *sign_in_error;

  Refresh      *refresh;

  /* Keyring writes run one after the other, in the order they were asked for: a
   * sign-out's clear never overtakes the store of a refresh or a sign-in. */
  GQueue        writes;
  gboolean      writing;
};

static void mq_session_token_provider_iface_init (MqTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MqSession, mq_session, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MQ_TYPE_TOKEN_PROVIDER,
                                                      mq_session_token_provider_iface_init))

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_STORE,
  PROP_TOKEN,
  PROP_EXPIRES_AT,
  PROP_KEYRING_ERROR,
  PROP_NEEDS_SIGN_IN,
  N_PROPS
};

enum {
  REFRESHED,
  SIGN_IN_REQUIRED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A caller of get_token() waiting for the refresh. */
typedef struct
{
  GTask   *task;
  /* TRUE: it reported a 401, only a new token helps. FALSE: the token was due for a
   * refresh, and the current one does while it lasts. */
  gboolean rejected;
  GSource *cancel_source;
  Refresh *refresh;
} Waiter;

struct _Refresh
{
  MqSession     *session;
  GCancellable  *cancellable;
  GPtrArray     *waiters;
  MqToken       *token;
  /* Held from before the keyring is read until the rotated pair is stored. */
  MqRefreshLock *lock;
  /* The pair whose refresh token went to the server. */
  MqToken       *sent;
  /* The server's refusal of @sent, while the keyring is read again. */
  GError        *refused;
  /* A pair from the keyring was tried after a refusal: the next refusal is final. */
  gboolean       retried;
};

static void
waiter_free (Waiter *waiter)
{
  if (waiter->cancel_source != NULL)
    {
      g_source_destroy (waiter->cancel_source);
      g_source_unref (waiter->cancel_source);
    }
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static void
refresh_free (Refresh *refresh)
{
  g_clear_object (&refresh->session);
  g_clear_object (&refresh->cancellable);
  g_clear_pointer (&refresh->waiters, g_ptr_array_unref);
  g_clear_object (&refresh->token);
  g_clear_pointer (&refresh->lock, mq_refresh_lock_release);
  g_clear_object (&refresh->sent);
  g_clear_error (&refresh->refused);
  g_free (refresh);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Refresh, refresh_free)

static const char *
account_name (MqSession *self)
{
  const char *name = mq_account_get_display_name (self->account);

  return name != NULL && *name != '\0' ? name : mq_account_get_id (self->account);
}

static char *
token_label (MqSession *self)
{
  /* Translators: a keyring item, as Passwords and Keys lists it. The first %s is a
   * person's name, the second a server such as cloud.viewneo.com. */
  return g_strdup_printf (_("Marquee: %s on %s"),
                          account_name (self), mq_account_get_server_host (self->account));
}

static char *
client_secret_label (MqSession *self)
{
  /* Translators: a keyring item, as Passwords and Keys lists it. The first %s is a
   * person's name, the second a server such as cloud.viewneo.com. */
  return g_strdup_printf (_("Marquee: OAuth client secret for %s on %s"),
                          account_name (self), mq_account_get_server_host (self->account));
}

static void
set_keyring_error (MqSession    *self,
                   const GError *error)
{
  if (self->keyring_error == NULL && error == NULL)
    return;

  g_clear_error (&self->keyring_error);
  if (error != NULL)
    self->keyring_error = g_error_copy (error);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_ERROR]);
}

typedef struct
{
  MqSession           *session;
  gboolean             clear;
  MqSecretKind         kind;
  char                *label;
  char                *secret;
  GCancellable        *cancellable;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
} KeyringWrite;

static void
keyring_write_free (KeyringWrite *write)
{
  g_clear_object (&write->session);
  g_clear_pointer (&write->label, g_free);
  g_clear_pointer (&write->secret, g_free);
  g_clear_object (&write->cancellable);
  g_free (write);
}

static void run_next_write (MqSession *self);

static void
keyring_written_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  KeyringWrite *write = user_data;
  MqSession *self = write->session;

  write->callback (source, result, write->user_data);

  self->writing = FALSE;
  run_next_write (self);
  keyring_write_free (write);
}

static void
run_next_write (MqSession *self)
{
  KeyringWrite *write;
  const char *server;
  const char *account_id;

  if (self->writing || (write = g_queue_pop_head (&self->writes)) == NULL)
    return;

  self->writing = TRUE;
  server = mq_account_get_server (self->account);
  account_id = mq_account_get_id (self->account);

  if (write->clear)
    mq_token_store_clear_async (self->store, server, account_id,
                                write->cancellable, keyring_written_cb, write);
  else
    mq_token_store_store_async (self->store, server, account_id,
                                write->kind, write->label, write->secret,
                                write->cancellable, keyring_written_cb, write);
}

/* Like mq_token_store_store_async() or, with @clear, _clear_async() (@callback gets
 * the store's result), once the writes asked for before are done. */
static void
keyring_write (MqSession           *self,
               gboolean             clear,
               MqSecretKind         kind,
               const char          *label,
               const char          *secret,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  KeyringWrite *write = g_new0 (KeyringWrite, 1);

  write->session = g_object_ref (self);
  write->clear = clear;
  write->kind = kind;
  write->label = g_strdup (label);
  write->secret = g_strdup (secret);
  write->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  write->callback = callback;
  write->user_data = user_data;

  g_queue_push_tail (&self->writes, write);
  run_next_write (self);
}

static void
set_token (MqSession *self,
           MqToken   *token)
{
  gint64 old_expires_at = mq_session_get_expires_at (self);

  if (!g_set_object (&self->token, token))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
  if (old_expires_at != mq_session_get_expires_at (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPIRES_AT]);
}

static void
set_client_secret (MqSession  *self,
                   const char *client_secret)
{
  g_clear_object (&self->oauth);
  g_free (self->client_secret);
  self->client_secret = g_strdup (client_secret);

  if (client_secret != NULL && mq_account_get_kind (self->account) == MQ_TOKEN_KIND_OAUTH)
    self->oauth = mq_oauth_new (mq_account_get_server (self->account),
                                mq_account_get_client_id (self->account),
                                client_secret, NULL);
}

static void
clear_needs_sign_in (MqSession *self)
{
  g_clear_error (&self->sign_in_error);

  if (self->needs_sign_in)
    {
      self->needs_sign_in = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_SIGN_IN]);
    }
}

static void
require_sign_in (MqSession    *self,
                 const GError *why)
{
  if (self->needs_sign_in)
    return;

  g_debug ("Account %s needs a new sign-in: %s %d",
           mq_account_get_id (self->account), g_quark_to_string (why->domain), why->code);

  self->sign_in_error = g_error_copy (why);
  self->needs_sign_in = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_SIGN_IN]);
  g_signal_emit (self, signals[SIGN_IN_REQUIRED], 0, why);
}

static GError *unauthorized_error_new (const char *format,
                                       ...) G_GNUC_PRINTF (1, 2);

static GError *
unauthorized_error_new (const char *format,
                        ...)
{
  GError *error;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED, format, args);
  va_end (args);

  return error;
}

static GError *
signed_out_error_new (MqSession *self)
{
  return unauthorized_error_new (_("You are signed out of the viewneo account of %s. Sign in again."),
                                 account_name (self));
}

/* ---- refresh ---- */

static gboolean
is_expired (MqToken *token)
{
  gint64 expires_at = mq_token_get_expires_at (token);

  return expires_at != 0 && mq_clock_now () >= expires_at;
}

/* Less than a tenth of its lifetime or a day left, whichever comes first; but never in
 * the first half of its life, or a token that lives less than two days would be
 * refreshed for every request. */
static gboolean
is_due (MqToken *token)
{
  gint64 expires_at = mq_token_get_expires_at (token);
  gint64 issued_at = mq_token_get_issued_at (token);
  gint64 window = SECONDS_PER_DAY;

  if (expires_at == 0)
    return FALSE;

  if (issued_at != 0 && issued_at < expires_at)
    {
      gint64 lifetime = expires_at - issued_at;

      window = MIN (MAX (lifetime / 10, SECONDS_PER_DAY), lifetime / 2);
    }

  return expires_at - mq_clock_now () < window;
}

static void
waiter_return (Waiter       *waiter,
               MqSession    *self,
               const GError *error)
{
  /* A token due for a refresh still works until it expires, whatever kept the refresh
   * from happening (offline, a busy server); one that was refused does not. */
  if (error != NULL &&
      !waiter->rejected &&
      !self->needs_sign_in &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      self->token != NULL &&
      !is_expired (self->token))
    error = NULL;

  if (error != NULL)
    g_task_return_error (waiter->task, g_error_copy (error));
  else if (self->token == NULL)
    g_task_return_error (waiter->task, signed_out_error_new (self));
  else
    g_task_return_pointer (waiter->task, g_strdup (mq_token_get_access_token (self->token)), g_free);
}

/* Ends the refresh for everyone waiting on it. */
static void
refresh_finish (Refresh      *refresh,
                const GError *error)
{
  MqSession *self = refresh->session;
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&refresh->waiters);

  g_assert (self->refresh == refresh);
  self->refresh = NULL;

  if (error != NULL && error->domain == MQ_AUTH_ERROR)
    require_sign_in (self, error);

  for (guint i = 0; i < waiters->len; i++)
    waiter_return (g_ptr_array_index (waiters, i), self, error);
}

/* Sign-out, a new sign-in, dispose: the refresh in flight no longer matters. */
static void
refresh_abort (MqSession *self)
{
  Refresh *refresh = self->refresh;
  g_autoptr(GError) error = NULL;

  if (refresh == NULL)
    return;

  g_cancellable_cancel (refresh->cancellable);
  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The sign-in changed."));
  refresh_finish (refresh, error);
}

static void
refresh_stored_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Refresh) refresh = user_data;
  MqSession *self = refresh->session;
  g_autoptr(GError) error = NULL;

  mq_token_store_store_finish (MQ_TOKEN_STORE (source), result, &error);

  /* Aborted by a sign-out or a new sign-in meanwhile. */
  if (self->refresh != refresh)
    return;

  if (error != NULL)
    {
      g_debug ("The refreshed token stays in memory only: %s", error->message);
      set_keyring_error (self, error);
    }
  else
    set_keyring_error (self, NULL);

  self->refreshed_at = g_get_monotonic_time ();
  set_token (self, refresh->token);
  g_signal_emit (self, signals[REFRESHED], 0);
  refresh_finish (refresh, NULL);
}

static void read_stored_pair (Refresh *refresh);

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Refresh) refresh = user_data;
  MqSession *self = refresh->session;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *secret = NULL;

  refresh->token = mq_oauth_refresh_finish (MQ_OAUTH (source), result, &error);

  if (self->refresh != refresh)
    return;

  if (refresh->token == NULL)
    {
      g_debug ("Refreshing the token of %s failed: %s %d",
               mq_account_get_id (self->account), g_quark_to_string (error->domain), error->code);

      /* A refused refresh gets words about this account, not about a sign-in. */
      if (g_error_matches (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_GRANT) ||
          g_error_matches (error, MQ_AUTH_ERROR, MQ_AUTH_ERROR_INVALID_REQUEST))
        {
          MqAuthError code = error->code;

          g_clear_error (&error);
          error = g_error_new (MQ_AUTH_ERROR, code,
                               _("viewneo no longer accepts the sign-in of %s: it has ended or was revoked. Sign in again."),
                               account_name (self));

          /* Another Marquee may have rotated the pair without this one knowing (one
           * that took no lock): the keyring tells. */
          if (!refresh->retried)
            {
              refresh->refused = g_steal_pointer (&error);
              read_stored_pair (g_steal_pointer (&refresh));
              return;
            }
        }

      refresh_finish (refresh, error);
      return;
    }

  g_debug ("Refreshed the token of %s; storing it", mq_account_get_id (self->account));

  label = token_label (self);
  secret = mq_token_to_secret (refresh->token);
  /* Not refresh->cancellable: once the server has rotated the pair, the new one must
   * reach the keyring even if the session moves on. */
  keyring_write (self, FALSE, MQ_SECRET_KIND_TOKEN, label, secret, NULL,
                 refresh_stored_cb, g_steal_pointer (&refresh));
}

static void
send_refresh (Refresh *refresh)
{
  MqSession *self = refresh->session;

  g_set_object (&refresh->sent, self->token);
  mq_oauth_refresh_async (self->oauth,
                          mq_token_get_refresh_token (self->token),
                          mq_clock_now (),
                          refresh->cancellable,
                          refreshed_cb, refresh);
}

static gboolean
same_pair (MqToken *a,
           MqToken *b)
{
  return g_strcmp0 (mq_token_get_access_token (a), mq_token_get_access_token (b)) == 0 &&
         g_strcmp0 (mq_token_get_refresh_token (a), mq_token_get_refresh_token (b)) == 0;
}

/* Under the lock, a different pair in the keyring is another process's refresh or
 * sign-in, so newer; unless it ends before ours, which only happens when storing our
 * last one failed. */
static gboolean
is_newer_pair (MqSession *self,
               MqToken   *stored,
               MqToken   *than)
{
  return stored != NULL &&
         mq_token_get_kind (stored) == mq_account_get_kind (self->account) &&
         mq_token_can_refresh (stored) &&
         !same_pair (stored, than) &&
         mq_token_get_expires_at (stored) >= mq_token_get_expires_at (than);
}

static void
stored_pair_read_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Refresh) refresh = user_data;
  MqSession *self = refresh->session;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) stored = NULL;
  g_autofree char *secret = NULL;

  secret = mq_token_store_lookup_finish (MQ_TOKEN_STORE (source), result, &error);

  if (self->refresh != refresh)
    return;

  /* Without it, the pair in memory is all there is to go on. */
  if (error != NULL)
    g_debug ("Cannot read the stored token of %s again: %s %d",
             mq_account_get_id (self->account), g_quark_to_string (error->domain), error->code);
  else if (secret != NULL)
    stored = mq_token_new_from_secret (secret, NULL);

  if (refresh->refused != NULL)
    {
      g_autoptr(GError) refused = g_steal_pointer (&refresh->refused);

      /* Unchanged: the sign-in has really ended. */
      if (!is_newer_pair (self, stored, refresh->sent))
        {
          refresh_finish (refresh, refused);
          return;
        }

      refresh->retried = TRUE;
    }
  else if (!is_newer_pair (self, stored, self->token))
    {
      send_refresh (g_steal_pointer (&refresh));
      return;
    }

  g_debug ("Another Marquee renewed the sign-in of %s; using its token",
           mq_account_get_id (self->account));
  /* Not a refresh of ours: a 401 for it may still try one. */
  self->refreshed_at = 0;
  set_token (self, stored);

  if (is_due (stored))
    {
      send_refresh (g_steal_pointer (&refresh));
      return;
    }

  g_signal_emit (self, signals[REFRESHED], 0);
  refresh_finish (refresh, NULL);
}

/* The keyring as the other processes left it. */
static void
read_stored_pair (Refresh *refresh)
{
  MqSession *self = refresh->session;

  mq_token_store_lookup_async (self->store,
                               mq_account_get_server (self->account),
                               mq_account_get_id (self->account),
                               MQ_SECRET_KIND_TOKEN,
                               refresh->cancellable,
                               stored_pair_read_cb, refresh);
}

static void
refresh_locked_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Refresh) refresh = user_data;
  MqSession *self = refresh->session;
  g_autoptr(GError) error = NULL;

  refresh->lock = mq_refresh_lock_acquire_finish (result, &error);

  if (self->refresh != refresh)
    return;

  if (refresh->lock == NULL)
    {
      g_debug ("No refresh lock for %s: %s %d", mq_account_get_id (self->account),
               g_quark_to_string (error->domain), error->code);
      refresh_finish (refresh, error);
      return;
    }

  read_stored_pair (g_steal_pointer (&refresh));
}

static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;

  g_clear_pointer (&waiter->cancel_source, g_source_unref);
  g_task_return_error_if_cancelled (waiter->task);
  /* Frees the waiter; the refresh goes on for the others. */
  g_ptr_array_remove (waiter->refresh->waiters, waiter);

  return G_SOURCE_REMOVE;
}

/* Queues @task on the refresh in flight, starting one if there is none. */
static void
join_refresh (MqSession *self,
              GTask     *task,
              gboolean   rejected)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  Waiter *waiter;

  if (self->refresh == NULL)
    {
      Refresh *refresh = g_new0 (Refresh, 1);

      refresh->session = g_object_ref (self);
      refresh->cancellable = g_cancellable_new ();
      refresh->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
      self->refresh = refresh;

      g_debug ("Refreshing the token of %s", mq_account_get_id (self->account));
      mq_refresh_lock_acquire_async (mq_account_get_server (self->account),
                                     mq_account_get_id (self->account),
                                     REFRESH_LOCK_TIMEOUT_MS,
                                     refresh->cancellable,
                                     refresh_locked_cb, refresh);
    }

  waiter = g_new0 (Waiter, 1);
  waiter->task = g_object_ref (task);
  waiter->rejected = rejected;
  waiter->refresh = self->refresh;
  g_ptr_array_add (self->refresh->waiters, waiter);

  if (cancellable != NULL)
    {
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiter->cancel_source, G_SOURCE_FUNC (waiter_cancelled_cb),
                             waiter, NULL);
      g_source_attach (waiter->cancel_source, g_task_get_context (task));
    }
}

static gboolean
can_refresh (MqSession *self)
{
  return self->oauth != NULL && mq_token_can_refresh (self->token);
}

static void
mq_session_get_token_async (MqTokenProvider     *provider,
                            const char          *rejected_token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  MqSession *self = MQ_SESSION (provider);
  g_autoptr(GTask) task = NULL;
  const char *current;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_session_get_token_async);

  if (self->token == NULL)
    {
      g_task_return_error (task, signed_out_error_new (self));
      return;
    }

  current = mq_token_get_access_token (self->token);

  /* Someone refreshed since that request went out: the new token is the answer. */
  if (rejected_token != NULL && !g_str_equal (rejected_token, current))
    {
      g_task_return_pointer (task, g_strdup (current), g_free);
      return;
    }

  /* Refreshing already: the new token is moments away. */
  if (self->refresh != NULL)
    {
      join_refresh (self, task, rejected_token != NULL);
      return;
    }

  if (rejected_token != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (self->needs_sign_in)
        error = g_error_copy (self->sign_in_error);
      else if (mq_token_get_kind (self->token) == MQ_TOKEN_KIND_PERSONAL)
        error = unauthorized_error_new (_("viewneo no longer accepts the access token of %s: it has expired or was removed. Generate a new one in viewneo under Settings › API and sign in with it."),
                                        account_name (self));
      else if (!can_refresh (self))
        error = unauthorized_error_new (_("viewneo no longer accepts the sign-in of %s, and Marquee cannot renew it. Sign in again."),
                                        account_name (self));
      else if (self->refreshed_at != 0 &&
               g_get_monotonic_time () - self->refreshed_at < FRESH_TOKEN_USEC)
        error = unauthorized_error_new (_("viewneo refused the sign-in of %s even after renewing it. Sign in again."),
                                        account_name (self));

      if (error != NULL)
        {
          require_sign_in (self, error);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      join_refresh (self, task, TRUE);
      return;
    }

  if (self->needs_sign_in && is_expired (self->token))
    {
      g_task_return_error (task, g_error_copy (self->sign_in_error));
      return;
    }

  if (!self->needs_sign_in && can_refresh (self) && is_due (self->token))
    {
      join_refresh (self, task, FALSE);
      return;
    }

  g_task_return_pointer (task, g_strdup (current), g_free);
}

static char *
mq_session_get_token_finish (MqTokenProvider  *provider,
                             GAsyncResult     *result,
                             GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_session_get_token_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mq_session_token_provider_iface_init (MqTokenProviderInterface *iface)
{
  iface->get_token_async = mq_session_get_token_async;
  iface->get_token_finish = mq_session_get_token_finish;
}

/* ---- GObject ---- */

static void
mq_session_dispose (GObject *object)
{
  MqSession *self = (MqSession *) object;

  refresh_abort (self);

  g_clear_object (&self->token);
  g_clear_object (&self->oauth);
  g_clear_object (&self->store);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (mq_session_parent_class)->dispose (object);
}

static void
mq_session_finalize (GObject *object)
{
  MqSession *self = (MqSession *) object;

  g_clear_pointer (&self->client_secret, g_free);
  g_clear_error (&self->keyring_error);
  g_clear_error (&self->sign_in_error);
  /* Every queued write holds a reference: none can be left. */
  g_assert (g_queue_is_empty (&self->writes));

  G_OBJECT_CLASS (mq_session_parent_class)->finalize (object);
}

static void
mq_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MqSession *self = MQ_SESSION (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_TOKEN:
      g_value_set_object (value, self->token);
      break;

    case PROP_EXPIRES_AT:
      g_value_set_int64 (value, mq_session_get_expires_at (self));
      break;

    case PROP_KEYRING_ERROR:
      g_value_set_boxed (value, self->keyring_error);
      break;

    case PROP_NEEDS_SIGN_IN:
      g_value_set_boolean (value, self->needs_sign_in);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MqSession *self = MQ_SESSION (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_session_class_init (MqSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mq_session_dispose;
  object_class->finalize = mq_session_finalize;
  object_class->get_property = mq_session_get_property;
  object_class->set_property = mq_session_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         MQ_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         MQ_TYPE_TOKEN_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_TOKEN] =
    g_param_spec_object ("token", NULL, NULL,
                         MQ_TYPE_TOKEN,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_EXPIRES_AT] =
    g_param_spec_int64 ("expires-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_KEYRING_ERROR] =
    g_param_spec_boxed ("keyring-error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_NEEDS_SIGN_IN] =
    g_param_spec_boolean ("needs-sign-in", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REFRESHED] =
    g_signal_new ("refreshed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[SIGN_IN_REQUIRED] =
    g_signal_new ("sign-in-required",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
mq_session_init (MqSession *self)
{
}

MqSession *
mq_session_new (MqAccount    *account,
                MqTokenStore *store)
{
  g_return_val_if_fail (MQ_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (MQ_IS_TOKEN_STORE (store), NULL);

  return g_object_new (MQ_TYPE_SESSION,
                       "account", account,
                       "store", store,
                       NULL);
}

MqAccount *
mq_session_get_account (MqSession *self)
{
  g_return_val_if_fail (MQ_IS_SESSION (self), NULL);

  return self->account;
}

MqToken *
mq_session_get_token (MqSession *self)
{
  g_return_val_if_fail (MQ_IS_SESSION (self), NULL);

  return self->token;
}

gint64
mq_session_get_expires_at (MqSession *self)
{
  g_return_val_if_fail (MQ_IS_SESSION (self), 0);

  return self->token != NULL ? mq_token_get_expires_at (self->token) : 0;
}

const GError *
mq_session_get_keyring_error (MqSession *self)
{
  g_return_val_if_fail (MQ_IS_SESSION (self), NULL);

  return self->keyring_error;
}

gboolean
mq_session_get_needs_sign_in (MqSession *self)
{
  g_return_val_if_fail (MQ_IS_SESSION (self), FALSE);

  return self->needs_sign_in;
}

/* ---- load ---- */

static void
client_secret_loaded_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MqSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *client_secret = NULL;

  client_secret = mq_token_store_lookup_finish (MQ_TOKEN_STORE (source), result, &error);

  /* The token works without it until it expires; only refreshing needs it. */
  if (error != NULL)
    set_keyring_error (self, error);
  else if (client_secret == NULL)
    g_debug ("No client secret stored for %s: its token cannot be refreshed",
             mq_account_get_id (self->account));

  set_client_secret (self, client_secret);
  g_task_return_boolean (task, TRUE);
}

static void
token_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MqSession *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqToken) token = NULL;
  g_autofree char *secret = NULL;

  secret = mq_token_store_lookup_finish (MQ_TOKEN_STORE (source), result, &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_keyring_error (self, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  set_keyring_error (self, NULL);

  if (secret == NULL)
    {
      g_autoptr(GError) why = unauthorized_error_new (_("Marquee has no saved sign-in for %s. Sign in again."),
                                                      account_name (self));

      require_sign_in (self, why);
      g_task_return_boolean (task, TRUE);
      return;
    }

  token = mq_token_new_from_secret (secret, &error);
  if (token == NULL)
    {
      set_keyring_error (self, error);
      require_sign_in (self, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  clear_needs_sign_in (self);
  self->refreshed_at = 0;
  set_token (self, token);

  if (mq_account_get_kind (self->account) != MQ_TOKEN_KIND_OAUTH)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  mq_token_store_lookup_async (self->store,
                               mq_account_get_server (self->account),
                               mq_account_get_id (self->account),
                               MQ_SECRET_KIND_CLIENT_SECRET,
                               cancellable, client_secret_loaded_cb, g_steal_pointer (&task));
}

void
mq_session_load_async (MqSession           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MQ_IS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_session_load_async);

  mq_token_store_lookup_async (self->store,
                               mq_account_get_server (self->account),
                               mq_account_get_id (self->account),
                               MQ_SECRET_KIND_TOKEN,
                               cancellable,
                               token_loaded_cb, g_steal_pointer (&task));
}

gboolean
mq_session_load_finish (MqSession     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_session_load_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- sign-in ---- */

typedef struct
{
  guint   n_pending;
  GError *error;
} SignInData;

static void
sign_in_data_free (SignInData *data)
{
  g_clear_error (&data->error);
  g_free (data);
}

static void
sign_in_stored_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MqSession *self = g_task_get_source_object (task);
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!mq_token_store_store_finish (MQ_TOKEN_STORE (source), result, &error) &&
      data->error == NULL)
    data->error = g_steal_pointer (&error);

  if (--data->n_pending > 0)
    return;

  /* The token is in memory either way: a keyring failure costs the sign-in after a
   * restart, not now. */
  if (data->error != NULL && !g_error_matches (data->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("The sign-in of %s stays in memory only: %s",
               mq_account_get_id (self->account), data->error->message);
      set_keyring_error (self, data->error);
    }
  else if (data->error == NULL)
    set_keyring_error (self, NULL);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_boolean (task, TRUE);
}

void
mq_session_sign_in_async (MqSession           *self,
                          MqToken             *token,
                          const char          *client_secret,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  g_autofree char *secret = NULL;
  SignInData *data;

  g_return_if_fail (MQ_IS_SESSION (self));
  g_return_if_fail (MQ_IS_TOKEN (token));
  g_return_if_fail (mq_token_get_kind (token) == mq_account_get_kind (self->account));
  g_return_if_fail (mq_token_get_kind (token) == MQ_TOKEN_KIND_PERSONAL || client_secret != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_session_sign_in_async);
  data = g_new0 (SignInData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_data_free);

  refresh_abort (self);
  self->refreshed_at = 0;
  set_client_secret (self, client_secret);
  set_token (self, token);
  clear_needs_sign_in (self);

  label = token_label (self);
  secret = mq_token_to_secret (token);
  data->n_pending++;
  keyring_write (self, FALSE, MQ_SECRET_KIND_TOKEN, label, secret,
                 cancellable, sign_in_stored_cb, g_object_ref (task));

  if (client_secret != NULL)
    {
      g_autofree char *secret_label = client_secret_label (self);

      data->n_pending++;
      keyring_write (self, FALSE, MQ_SECRET_KIND_CLIENT_SECRET, secret_label, client_secret,
                     cancellable, sign_in_stored_cb, g_object_ref (task));
    }
}

gboolean
mq_session_sign_in_finish (MqSession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_session_sign_in_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- sign-out ---- */

static void
cleared_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!mq_token_store_clear_finish (MQ_TOKEN_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
mq_session_sign_out_async (MqSession           *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MQ_IS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_session_sign_out_async);

  g_debug ("Signing out of %s", mq_account_get_id (self->account));

  refresh_abort (self);
  self->refreshed_at = 0;
  set_client_secret (self, NULL);
  set_token (self, NULL);

  keyring_write (self, TRUE, MQ_SECRET_KIND_TOKEN, NULL, NULL,
                 cancellable, cleared_cb, g_steal_pointer (&task));
}

gboolean
mq_session_sign_out_finish (MqSession     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_session_sign_out_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- refresh ahead of expiry ---- */

static void
due_refreshed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autofree char *token = NULL;
  GError *error = NULL;

  token = mq_session_get_token_finish (MQ_TOKEN_PROVIDER (source), result, &error);
  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, FALSE);
}

void
mq_session_refresh_if_due_async (MqSession           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (MQ_IS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_session_refresh_if_due_async);

  if (self->token == NULL || self->needs_sign_in || !can_refresh (self) ||
      (self->refresh == NULL && !is_due (self->token)))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A refresh that fails here is reported, even while the old token still works. */
  inner = g_task_new (self, cancellable, due_refreshed_cb, g_steal_pointer (&task));
  g_task_set_source_tag (inner, mq_session_get_token_async);
  join_refresh (self, inner, TRUE);
}

gboolean
mq_session_refresh_if_due_finish (MqSession     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_session_refresh_if_due_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
