/* mq-expiry-monitor.h: when each account's sign-in needs a warning
 *
 * Follows the accounts of an MqAccounts, the MqSession of each (its token as it is
 * loaded), the `expiry-warning-days` key and the clock (mq_clock_now()), and says when
 * an account needs a warning and when that warning no longer applies. It shows nothing itself:
 * MqExpiryNotifier turns its signals into desktop notifications.
 *
 * - A token that cannot be refreshed (a personal access token, an OAuth token without a
 *   refresh token) gets MQ_EXPIRY_KIND_ENDING_SOON `expiry-warning-days` days before it
 *   ends, and MQ_EXPIRY_KIND_ENDED when it has ended.
 * - A refreshable OAuth token is refreshed silently (mq_session_refresh_if_due_async()
 *   at every check): it raises nothing while a refresh can still renew it, and
 *   MQ_EXPIRY_KIND_ENDED only when it has ended and a refresh tried since did not renew
 *   it (offline for longer than the token lasts, say).
 * - A session that needs a new sign-in (a refused refresh, a 401 a refresh could not
 *   cure, nothing in the keyring) gets MQ_EXPIRY_KIND_SIGN_IN_REQUIRED.
 * - A token whose end is unknown warns only when it needs a new sign-in.
 *
 * An account has at most one warning at a time; the same warning is never raised twice
 * (re-checking is free), a different one replaces it, and ::withdraw says when none
 * applies any more: after a refresh or a new sign-in, a sign-out, or when the account
 * is removed.
 *
 * Checks happen at start-up, when a session, the accounts or the setting change, at the
 * next deadline (a single timer, at most an hour away, so that changes of the wall
 * clock are noticed), after a resume from suspend (logind's PrepareForSleep on the
 * system bus, when there is one), and on mq_expiry_monitor_check_now().
 *
 * Signals:
 *   ::warn (MqAccount *account, MqExpiryKind kind, gint64 expires_at)
 *                      @account needs this warning; @expires_at is the end of its
 *                      sign-in (Unix time), 0 when unknown.
 *   ::withdraw (MqAccount *account)
 *                      the warning of @account no longer applies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mq-accounts.h"

G_BEGIN_DECLS

typedef enum
{
  MQ_EXPIRY_KIND_ENDING_SOON,      /* ends within `expiry-warning-days` */
  MQ_EXPIRY_KIND_ENDED,            /* has ended */
  MQ_EXPIRY_KIND_SIGN_IN_REQUIRED, /* viewneo no longer accepts it */
} MqExpiryKind;

#define MQ_TYPE_EXPIRY_KIND (mq_expiry_kind_get_type ())
GType mq_expiry_kind_get_type (void);

#define MQ_TYPE_EXPIRY_MONITOR (mq_expiry_monitor_get_type ())

G_DECLARE_FINAL_TYPE (MqExpiryMonitor, mq_expiry_monitor, MQ, EXPIRY_MONITOR, GObject)

/* @settings: the app's GSettings, for `expiry-warning-days`. The first check runs from
 * an idle, so that handlers connected right after this call see its warnings. */
MqExpiryMonitor *mq_expiry_monitor_new               (GSettings           *settings,
                                                      MqAccounts          *accounts);

/* Checks every account now, as after a resume from suspend, and re-arms the timer. */
void             mq_expiry_monitor_check_now         (MqExpiryMonitor     *self);

/* The next time (Unix) at which a warning becomes due, 0 when none is foreseen. The
 * timer fires then, or an hour from now if that is sooner. */
gint64           mq_expiry_monitor_get_next_deadline (MqExpiryMonitor     *self);

G_END_DECLS
