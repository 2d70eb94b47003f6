/* mq-loopback-receiver.h: the one-shot http://127.0.0.1:PORT/callback server
 *
 * Listens on 127.0.0.1 only, for one sign-in. A callback with the wrong state is answered
 * with an error page and ignored (the attempt goes on); the first callback with our state
 * ends the attempt, with the code or with the error it carries, and the server stops
 * listening. Other paths get 404. The browser gets a small self-contained HTML page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MQ_DEFAULT_REDIRECT_PORT 27839
#define MQ_SIGN_IN_TIMEOUT_SECONDS (10 * 60)

#define MQ_TYPE_LOOPBACK_RECEIVER (mq_loopback_receiver_get_type ())

G_DECLARE_FINAL_TYPE (MqLoopbackReceiver, mq_loopback_receiver, MQ, LOOPBACK_RECEIVER, GObject)

/* "http://127.0.0.1:PORT/callback", what the user registers as Redirect URL. */
char               *mq_loopback_redirect_uri         (guint                port);

MqLoopbackReceiver *mq_loopback_receiver_new         (guint                port,
                                                      const char          *expected_state,
                                                      guint                timeout_seconds);

/* Binds the port now, so that a port in use is reported before the browser opens
 * (MQ_AUTH_ERROR_PORT_IN_USE). */
gboolean            mq_loopback_receiver_listen      (MqLoopbackReceiver  *self,
                                                      GError             **error);

const char         *mq_loopback_receiver_get_redirect_uri (MqLoopbackReceiver *self);

/* Completes with the authorization code, or MQ_AUTH_ERROR_ACCESS_DENIED,
 * _INVALID_REQUEST (another error= from the server), _TIMED_OUT, or G_IO_ERROR_CANCELLED.
 * In every case the server has stopped listening when the callback runs. */
void                mq_loopback_receiver_wait_async  (MqLoopbackReceiver  *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
char               *mq_loopback_receiver_wait_finish (MqLoopbackReceiver  *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* The query of a callback, parsed: exactly one of @code or @error_code is set on TRUE.
 * FALSE (with MQ_AUTH_ERROR_STATE_MISMATCH or _INVALID_REQUEST) when the state is not
 * @expected_state or the query is malformed. Exposed for the fuzzer and tests. */
gboolean            mq_callback_query_parse          (const char          *query,
                                                      const char          *expected_state,
                                                      char               **code,
                                                      char               **error_code,
                                                      char               **error_description,
                                                      GError             **error);

G_END_DECLS
