/* mq-expiry-monitor.c
 *
 * Changes (a session's token or state, the accounts, the setting) do not act at once:
 * they queue a check in an idle, so that the burst of notifications a sign-in makes
 * (new token, then needs-sign-in cleared) is judged once, on the final state, and no
 * warning is raised for a moment that never was.
 *
 * A single GSource does all the waiting: that idle, or the timer to the next deadline.
 * The timer runs on the monotonic clock, which stands still during suspend; resume
 * (logind's PrepareForSleep(false)) and the one-hour cap catch up with the wall clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-auth"

#include "mq-clock.h"
#include "mq-expiry-monitor.h"

#define SECONDS_PER_DAY (24 * 60 * 60)
/* The longest the timer sleeps: wall-clock changes, and refreshes that failed (offline),
 * are looked at again within this. */
#define MAX_TIMER_SECONDS (60 * 60)

#define LOGIND_NAME      "org.freedesktop.login1"
#define LOGIND_PATH      "/org/freedesktop/login1"
#define LOGIND_INTERFACE "org.freedesktop.login1.Manager"

G_DEFINE_ENUM_TYPE (MqExpiryKind, mq_expiry_kind,
                    G_DEFINE_ENUM_VALUE (MQ_EXPIRY_KIND_ENDING_SOON, "ending-soon"),
                    G_DEFINE_ENUM_VALUE (MQ_EXPIRY_KIND_ENDED, "ended"),
                    G_DEFINE_ENUM_VALUE (MQ_EXPIRY_KIND_SIGN_IN_REQUIRED, "sign-in-required"))

/* One account and its session. */
typedef struct
{
  MqExpiryMonitor *monitor; /* unowned: the monitor owns the watch */
  MqAccount       *account;
  MqSession       *session;

  /* Counts the session's tokens, to tell whether a refresh attempt concerned the
   * current one. */
  guint            token_serial;
  /* The token_serial of the last refresh attempt. */
  guint            attempted_serial;
  /* The refresh attempt in flight, or NULL. */
  GCancellable    *refresh_cancellable;
  /* When a refresh attempt that did not renew the current token began; 0 if none. */
  gint64           unrenewed_at;

  /* The warning raised last, if any. */
  gboolean         warned;
  MqExpiryKind     kind;
  gint64           expires_at;
} Watch;

struct _MqExpiryMonitor
{
  GObject              parent_instance;

  GSettings           *settings;
  MqAccounts          *accounts;

  /* account id -> Watch */
  GHashTable          *watches;

  /* The idle of a queued check, or the timer to the next deadline. */
  guint                source_id;
  gint64               next_deadline;

  GCancellable        *cancellable;
  GDBusConnection     *system_bus;
  guint                sleep_subscription;
};

G_DEFINE_FINAL_TYPE (MqExpiryMonitor, mq_expiry_monitor, G_TYPE_OBJECT)

enum {
  WARN,
  WITHDRAW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void queue_check (MqExpiryMonitor *self);

static void
watch_cancel_refresh (Watch *watch)
{
  if (watch->refresh_cancellable != NULL)
    {
      g_cancellable_cancel (watch->refresh_cancellable);
      g_clear_object (&watch->refresh_cancellable);
    }
}

static void
watch_free (Watch *watch)
{
  watch_cancel_refresh (watch);
  g_signal_handlers_disconnect_by_data (watch->session, watch);
  g_clear_object (&watch->session);
  g_clear_object (&watch->account);
  g_free (watch);
}

static gboolean
can_refresh (MqToken *token)
{
  return token != NULL && mq_token_can_refresh (token);
}

static gint64
warning_seconds (MqExpiryMonitor *self)
{
  return (gint64) g_settings_get_uint (self->settings, "expiry-warning-days") * SECONDS_PER_DAY;
}

/* ---- the session's side ---- */

static void
token_changed_cb (Watch *watch)
{
  /* A new token: whatever was tried for the old one says nothing about it. */
  watch->token_serial++;
  watch->unrenewed_at = 0;
  queue_check (watch->monitor);
}

static void
session_changed_cb (Watch *watch)
{
  queue_check (watch->monitor);
}

static void
watch_set_session (Watch     *watch,
                   MqSession *session)
{
  if (watch->session != NULL)
    {
      watch_cancel_refresh (watch);
      g_signal_handlers_disconnect_by_data (watch->session, watch);
    }

  g_set_object (&watch->session, session);
  watch->token_serial++;
  watch->unrenewed_at = 0;

  g_signal_connect_swapped (session, "notify::token", G_CALLBACK (token_changed_cb), watch);
  g_signal_connect_swapped (session, "notify::expires-at", G_CALLBACK (session_changed_cb), watch);
  g_signal_connect_swapped (session, "notify::needs-sign-in", G_CALLBACK (session_changed_cb), watch);
  g_signal_connect_swapped (session, "refreshed", G_CALLBACK (session_changed_cb), watch);
  g_signal_connect_swapped (session, "sign-in-required", G_CALLBACK (session_changed_cb), watch);
}

typedef struct
{
  Watch        *watch; /* valid while cancellable is not cancelled */
  GCancellable *cancellable;
  guint         serial;
  gint64        started_at;
} RefreshAttempt;

static void
refresh_attempt_free (RefreshAttempt *attempt)
{
  g_clear_object (&attempt->cancellable);
  g_free (attempt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefreshAttempt, refresh_attempt_free)

static void
refresh_attempted_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(RefreshAttempt) attempt = user_data;
  g_autoptr(GError) error = NULL;
  gboolean renewed;
  Watch *watch;

  /* FALSE without an error: it refreshed. TRUE: there was nothing it could do. */
  renewed = !mq_session_refresh_if_due_finish (MQ_SESSION (source), result, &error) && error == NULL;

  /* The watch is gone (account removed, monitor disposed). */
  if (g_cancellable_is_cancelled (attempt->cancellable))
    return;

  watch = attempt->watch;
  g_clear_object (&watch->refresh_cancellable);

  if (error != NULL)
    g_debug ("Refreshing the sign-in of %s ahead of its end failed: %s %d",
             mq_account_get_id (watch->account), g_quark_to_string (error->domain), error->code);

  /* A refused refresh shows as needs-sign-in; any other failure (offline, a server
   * error) is tried again at the next check. */
  if (!renewed && attempt->serial == watch->token_serial)
    watch->unrenewed_at = attempt->started_at;

  queue_check (watch->monitor);
}

static void
watch_refresh_if_due (Watch *watch)
{
  RefreshAttempt *attempt;

  if (watch->refresh_cancellable != NULL ||
      mq_session_get_needs_sign_in (watch->session) ||
      !can_refresh (mq_session_get_token (watch->session)))
    return;

  attempt = g_new0 (RefreshAttempt, 1);
  attempt->watch = watch;
  attempt->cancellable = g_cancellable_new ();
  attempt->serial = watch->token_serial;
  attempt->started_at = mq_clock_now ();

  watch->attempted_serial = watch->token_serial;
  watch->refresh_cancellable = g_object_ref (attempt->cancellable);

  mq_session_refresh_if_due_async (watch->session, attempt->cancellable,
                                   refresh_attempted_cb, attempt);
}

/* ---- deciding ---- */

/* The warning @watch's account needs now, if any. */
static gboolean
watch_get_warning (Watch        *watch,
                   gint64        now,
                   MqExpiryKind *kind,
                   gint64       *expires_at)
{
  MqToken *token = mq_session_get_token (watch->session);
  gint64 end = mq_session_get_expires_at (watch->session);

  *expires_at = end;

  if (mq_session_get_needs_sign_in (watch->session))
    {
      *kind = MQ_EXPIRY_KIND_SIGN_IN_REQUIRED;
      return TRUE;
    }

  if (token == NULL || end == 0)
    return FALSE;

  if (now >= end)
    {
      /* Ended, but a refresh may still renew it: only once one has been tried since. */
      if (can_refresh (token) && watch->unrenewed_at < end)
        return FALSE;

      *kind = MQ_EXPIRY_KIND_ENDED;
      return TRUE;
    }

  if (!can_refresh (token) && now >= end - warning_seconds (watch->monitor))
    {
      *kind = MQ_EXPIRY_KIND_ENDING_SOON;
      return TRUE;
    }

  return FALSE;
}

/* The next time the warning of @watch may change by the clock alone; 0 when never. */
static gint64
watch_get_next_deadline (Watch  *watch,
                         gint64  now)
{
  MqToken *token = mq_session_get_token (watch->session);
  gint64 end = mq_session_get_expires_at (watch->session);

  if (token == NULL || end == 0 || mq_session_get_needs_sign_in (watch->session))
    return 0;

  if (!can_refresh (token) && now < end - warning_seconds (watch->monitor))
    return end - warning_seconds (watch->monitor);

  return now < end ? end : 0;
}

static void
watch_update (Watch  *watch,
              gint64  now)
{
  MqExpiryMonitor *self = watch->monitor;
  g_autoptr(MqAccount) account = g_object_ref (watch->account);
  MqExpiryKind kind;
  gint64 expires_at;

  if (watch_get_warning (watch, now, &kind, &expires_at))
    {
      g_autofree char *kind_name = NULL;

      if (watch->warned && watch->kind == kind && watch->expires_at == expires_at)
        return;

      kind_name = g_enum_to_string (MQ_TYPE_EXPIRY_KIND, kind);
      watch->warned = TRUE;
      watch->kind = kind;
      watch->expires_at = expires_at;

      g_debug ("Warning about the sign-in of %s: %s, ends at %" G_GINT64_FORMAT,
               mq_account_get_id (account), kind_name, expires_at);
      g_signal_emit (self, signals[WARN], 0, account, kind, expires_at);
    }
  else if (watch->warned)
    {
      watch->warned = FALSE;

      g_debug ("Withdrawing the warning about the sign-in of %s", mq_account_get_id (account));
      g_signal_emit (self, signals[WITHDRAW], 0, account);
    }
}

static gboolean timer_cb (gpointer user_data);

static void
rearm (MqExpiryMonitor *self,
       gint64           now)
{
  GHashTableIter iter;
  Watch *watch;
  gint64 next = 0;
  gboolean may_refresh = FALSE;
  gint64 seconds = 0;

  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &watch))
    {
      gint64 deadline = watch_get_next_deadline (watch, now);

      if (deadline != 0 && (next == 0 || deadline < next))
        next = deadline;

      /* Refreshable tokens are offered a refresh at every check. */
      if (!mq_session_get_needs_sign_in (watch->session) &&
          can_refresh (mq_session_get_token (watch->session)))
        may_refresh = TRUE;
    }

  self->next_deadline = next;
  g_clear_handle_id (&self->source_id, g_source_remove);

  if (next != 0)
    seconds = CLAMP (next - now, 1, MAX_TIMER_SECONDS);
  else if (may_refresh)
    seconds = MAX_TIMER_SECONDS;

  if (seconds > 0)
    self->source_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, (guint) seconds,
                                                  timer_cb, self, NULL);
}

/* @refresh: offer every refreshable token a refresh; without it only new tokens get one. */
static void
check (MqExpiryMonitor *self,
       gboolean         refresh)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  const char *id;
  gint64 now = mq_clock_now ();

  /* A handler of ::warn may change the accounts: go by ids, not by the table. */
  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    g_ptr_array_add (ids, g_strdup (id));

  for (guint i = 0; i < ids->len; i++)
    {
      Watch *watch = g_hash_table_lookup (self->watches, g_ptr_array_index (ids, i));

      if (watch == NULL)
        continue;

      if (refresh || watch->attempted_serial != watch->token_serial)
        watch_refresh_if_due (watch);

      watch_update (watch, now);
    }

  rearm (self, now);
}

static gboolean
timer_cb (gpointer user_data)
{
  MqExpiryMonitor *self = user_data;

  self->source_id = 0;
  check (self, TRUE);

  return G_SOURCE_REMOVE;
}

static gboolean
queued_check_cb (gpointer user_data)
{
  MqExpiryMonitor *self = user_data;

  self->source_id = 0;
  check (self, FALSE);

  return G_SOURCE_REMOVE;
}

static void
queue_check (MqExpiryMonitor *self)
{
  /* Replaces the timer: the check re-arms it. */
  g_clear_handle_id (&self->source_id, g_source_remove);
  self->source_id = g_idle_add (queued_check_cb, self);
}

/* ---- the accounts ---- */

static void
sync_accounts (MqExpiryMonitor *self)
{
  GListModel *accounts = mq_accounts_get_list (self->accounts);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func ((GDestroyNotify) watch_free);
  guint n = g_list_model_get_n_items (accounts);
  GHashTableIter iter;
  char *watch_id;
  Watch *watch;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MqAccount) account = g_list_model_get_item (accounts, i);
      const char *id = mq_account_get_id (account);
      /* Maybe not loaded yet: the monitor follows the token as it arrives. */
      MqSession *session = mq_accounts_get_session (self->accounts, account);

      g_hash_table_add (seen, (gpointer) id);
      watch = g_hash_table_lookup (self->watches, id);

      if (watch == NULL)
        {
          watch = g_new0 (Watch, 1);
          watch->monitor = self;
          g_hash_table_insert (self->watches, g_strdup (id), watch);
        }

      /* A new sign-in to a known account brings a new MqAccount, maybe a new session. */
      g_set_object (&watch->account, account);
      if (watch->session != session)
        watch_set_session (watch, session);
    }

  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, (gpointer *) &watch_id, (gpointer *) &watch))
    if (!g_hash_table_contains (seen, mq_account_get_id (watch->account)))
      {
        /* Stolen, so that the watch outlives the table; its key is ours to free. */
        g_hash_table_iter_steal (&iter);
        g_free (watch_id);
        g_ptr_array_add (removed, watch);
      }

  /* Signed out and forgotten: its warning is moot. */
  for (guint i = 0; i < removed->len; i++)
    {
      watch = g_ptr_array_index (removed, i);

      if (watch->warned)
        g_signal_emit (self, signals[WITHDRAW], 0, watch->account);
    }
}

static void
accounts_changed_cb (MqExpiryMonitor *self)
{
  sync_accounts (self);
  queue_check (self);
}

/* ---- suspend and resume ---- */

static void
prepare_for_sleep_cb (GDBusConnection *connection,
                      const char      *sender_name,
                      const char      *object_path,
                      const char      *interface_name,
                      const char      *signal_name,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  MqExpiryMonitor *self = user_data;
  gboolean start;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  g_variant_get (parameters, "(b)", &start);
  if (start)
    return;

  g_debug ("Resumed from suspend: checking the sign-ins");
  mq_expiry_monitor_check_now (self);
}

static void
system_bus_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  MqExpiryMonitor *self;

  bus = g_bus_get_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;

  /* No system bus (a container, a test): the hourly check has to do. */
  if (bus == NULL)
    {
      g_debug ("No system bus, so no word of resumes from suspend: %s", error->message);
      return;
    }

  self->system_bus = g_steal_pointer (&bus);
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (self->system_bus,
                                        LOGIND_NAME, LOGIND_INTERFACE, "PrepareForSleep",
                                        LOGIND_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        prepare_for_sleep_cb, self, NULL);
}

/* ---- GObject ---- */

static void
mq_expiry_monitor_dispose (GObject *object)
{
  MqExpiryMonitor *self = (MqExpiryMonitor *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->source_id, g_source_remove);

  if (self->sleep_subscription != 0)
    {
      g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
      self->sleep_subscription = 0;
    }
  g_clear_object (&self->system_bus);

  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_data (mq_accounts_get_list (self->accounts), self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  g_hash_table_remove_all (self->watches);

  g_clear_object (&self->accounts);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mq_expiry_monitor_parent_class)->dispose (object);
}

static void
mq_expiry_monitor_finalize (GObject *object)
{
  MqExpiryMonitor *self = (MqExpiryMonitor *) object;

  g_clear_pointer (&self->watches, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mq_expiry_monitor_parent_class)->finalize (object);
}

static void
mq_expiry_monitor_class_init (MqExpiryMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mq_expiry_monitor_dispose;
  object_class->finalize = mq_expiry_monitor_finalize;

  /**
   * MqExpiryMonitor::warn:
   * @account: the account whose sign-in needs a warning
   * @kind: an #MqExpiryKind
   * @expires_at: when the sign-in ends, Unix time; 0 when unknown
   *
   * Replaces the earlier warning of @account, if any.
   */
  signals[WARN] =
    g_signal_new ("warn",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  MQ_TYPE_ACCOUNT, MQ_TYPE_EXPIRY_KIND, G_TYPE_INT64);

  /**
   * MqExpiryMonitor::withdraw:
   * @account: the account whose warning no longer applies
   */
  signals[WITHDRAW] =
    g_signal_new ("withdraw",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  MQ_TYPE_ACCOUNT);
}

static void
mq_expiry_monitor_init (MqExpiryMonitor *self)
{
  self->watches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) watch_free);
  self->cancellable = g_cancellable_new ();
}

MqExpiryMonitor *
mq_expiry_monitor_new (GSettings  *settings,
                       MqAccounts *accounts)
{
  MqExpiryMonitor *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (MQ_IS_ACCOUNTS (accounts), NULL);

  self = g_object_new (MQ_TYPE_EXPIRY_MONITOR, NULL);
  self->settings = g_object_ref (settings);
  self->accounts = g_object_ref (accounts);

  g_signal_connect_swapped (settings, "changed::expiry-warning-days",
                            G_CALLBACK (queue_check), self);
  /* GSettings only reports changes of keys read since a handler was connected. */
  g_settings_get_uint (settings, "expiry-warning-days");

  g_signal_connect_swapped (mq_accounts_get_list (accounts), "items-changed",
                            G_CALLBACK (accounts_changed_cb), self);
  sync_accounts (self);

  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, system_bus_cb, self);

  /* The first check, from an idle: see the header. Every session's token is new to the
   * monitor, so it is offered a refresh there. */
  queue_check (self);

  return self;
}

void
mq_expiry_monitor_check_now (MqExpiryMonitor *self)
{
  g_return_if_fail (MQ_IS_EXPIRY_MONITOR (self));

  check (self, TRUE);
}

gint64
mq_expiry_monitor_get_next_deadline (MqExpiryMonitor *self)
{
  g_return_val_if_fail (MQ_IS_EXPIRY_MONITOR (self), 0);

  return self->next_deadline;
}
