/* mq-sign-in-page.h: a way to sign in, one page of the sign-in view
 *
 * The base of the browser and the token page. It keeps what they share: the accounts
 * to sign in to, the server of the sign-in, and the attempt under way (its
 * cancellable), and it finishes a sign-in with the token a page obtained.
 *
 * Property "accounts" (MqAccounts): where sign-ins go; set by the view.
 * Property "busy" (boolean, read-only): a sign-in is under way (a browser is about to
 * call back, a token is being checked); the view then keeps the user from leaving.
 * Signal ::signed-in (MqAccount *account): the account is signed in and current.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mq-account.h"
#include "mq-accounts.h"
#include "mq-token.h"

G_BEGIN_DECLS

#define MQ_TYPE_SIGN_IN_PAGE (mq_sign_in_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (MqSignInPage, mq_sign_in_page, MQ, SIGN_IN_PAGE, AdwBin)

struct _MqSignInPageClass
{
  AdwBinClass parent_class;

  /* Empties the form for a sign-in to @server (mq_sign_in_page_get_server()); @again:
   * the account to sign in to again, or NULL; @reason (or NULL) goes above the form. */
  void (*prepare)      (MqSignInPage *self,
                        const char   *server,
                        MqAccount    *again,
                        const char   *reason);
  /* The attempt under way was cancelled: end it (mq_sign_in_page_end_attempt()) and
   * show the form. The default only ends it. */
  void (*cancel)       (MqSignInPage *self);
  /* mq_sign_in_page_finish_sign_in() is done, unless it was cancelled or another
   * attempt began since: @account, or NULL and @error. The attempt has ended; the
   * page shows the outcome. ::signed-in follows for an @account. */
  void (*sign_in_done) (MqSignInPage *self,
                        MqAccount    *account,
                        const GError *error);
};

MqAccounts   *mq_sign_in_page_get_accounts    (MqSignInPage *self);
void          mq_sign_in_page_set_accounts    (MqSignInPage *self,
                                               MqAccounts   *accounts);
gboolean      mq_sign_in_page_get_busy        (MqSignInPage *self);

/* Stops an attempt under way, then empties the form for a sign-in to @server. */
void          mq_sign_in_page_prepare         (MqSignInPage *self,
                                               const char   *server,
                                               MqAccount    *again,
                                               const char   *reason);
/* Stops a sign-in under way (for the browser page, the loopback port is freed) and
 * shows the form. */
void          mq_sign_in_page_cancel          (MqSignInPage *self);

/* For the pages. The server of the sign-in, set by mq_sign_in_page_prepare(). */
const char   *mq_sign_in_page_get_server      (MqSignInPage *self);
/* The attempt under way, or NULL: begin makes it (the page turns busy), end drops it
 * (mq_sign_in_page_cancel() cancels it first) and returns whether there was one. */
GCancellable *mq_sign_in_page_get_cancellable (MqSignInPage *self);
GCancellable *mq_sign_in_page_begin_attempt   (MqSignInPage *self);
gboolean      mq_sign_in_page_end_attempt     (MqSignInPage *self);
/* Signs in to the accounts with @token (see mq_accounts_sign_in_async()) as part of
 * the attempt under way; ->sign_in_done tells the outcome. */
void          mq_sign_in_page_finish_sign_in  (MqSignInPage *self,
                                               MqToken      *token,
                                               const char   *client_id,
                                               const char   *client_secret);

G_END_DECLS
