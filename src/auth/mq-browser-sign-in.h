/* mq-browser-sign-in.h: one browser sign-in attempt, from authorize URL to token
 *
 * Owns the state and PKCE verifier (never shown or logged) and the loopback receiver.
 * The UI opens the returned URL in the browser itself (GtkUriLauncher, or GIO), and
 * shows it for copying when no browser opens; the attempt waits either way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-oauth.h"
#include "mq-token.h"

G_BEGIN_DECLS

#define MQ_TYPE_BROWSER_SIGN_IN (mq_browser_sign_in_get_type ())

G_DECLARE_FINAL_TYPE (MqBrowserSignIn, mq_browser_sign_in, MQ, BROWSER_SIGN_IN, GObject)

/* @oauth's redirect URI must be mq_loopback_redirect_uri (@port): Passport wants the
 * same one at the authorize step and at the code exchange. */
MqBrowserSignIn *mq_browser_sign_in_new          (MqOAuth             *oauth,
                                                  guint                port,
                                                  guint                timeout_seconds);

/* Listens on the port and returns the authorize URL to open, or NULL and
 * MQ_AUTH_ERROR_PORT_IN_USE. */
char            *mq_browser_sign_in_start        (MqBrowserSignIn     *self,
                                                  GError             **error);

/* Waits for the callback, then exchanges the code. */
void             mq_browser_sign_in_wait_async   (MqBrowserSignIn     *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
MqToken         *mq_browser_sign_in_wait_finish  (MqBrowserSignIn     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
