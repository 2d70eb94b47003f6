/* mq-token-store.h: tokens and client secrets in the keyring (libsecret)
 *
 * One schema named after the app ID, attributes `server`, `account`, `kind`
 * ("token" or "client-secret"). Errors are MQ_KEYRING_ERROR_*; a lookup in a locked
 * collection, which libsecret reports as "not found", is told apart and reported as
 * MQ_KEYRING_ERROR_LOCKED.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  MQ_SECRET_KIND_TOKEN,
  MQ_SECRET_KIND_CLIENT_SECRET,
} MqSecretKind;

#define MQ_TYPE_TOKEN_STORE (mq_token_store_get_type ())

G_DECLARE_FINAL_TYPE (MqTokenStore, mq_token_store, MQ, TOKEN_STORE, GObject)

MqTokenStore *mq_token_store_new            (void);

/* Creates or replaces the item. @label is what a keyring manager (Seahorse) shows. */
void      mq_token_store_store_async        (MqTokenStore        *self,
                                             const char          *server,
                                             const char          *account,
                                             MqSecretKind         kind,
                                             const char          *label,
                                             const char          *secret,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  mq_token_store_store_finish       (MqTokenStore        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* The secret, or NULL with no error when there is none. */
void      mq_token_store_lookup_async       (MqTokenStore        *self,
                                             const char          *server,
                                             const char          *account,
                                             MqSecretKind         kind,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
char     *mq_token_store_lookup_finish      (MqTokenStore        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Removes the token and the client secret of the account. Nothing stored is no error. */
void      mq_token_store_clear_async        (MqTokenStore        *self,
                                             const char          *server,
                                             const char          *account,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  mq_token_store_clear_finish       (MqTokenStore        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Maps a libsecret / D-Bus error to MQ_KEYRING_ERROR_* with a translated message. */
GError   *mq_keyring_error_from_libsecret   (const GError        *error);

G_END_DECLS
