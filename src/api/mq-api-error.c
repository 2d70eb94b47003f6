/* mq-api-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "mq-api-error-private.h"

G_DEFINE_QUARK (mq-api-error-quark, mq_api_error)

static GError *
new_network_error (const GError *error,
                   const char   *host)
{
  switch ((GIOErrorEnum) error->code)
    {
    case G_IO_ERROR_TIMED_OUT:
      return g_error_new (MQ_API_ERROR, MQ_API_ERROR_NETWORK,
                          _("%s did not answer in time. Check your internet connection "
                            "and try again."), host);

    case G_IO_ERROR_CONNECTION_CLOSED:
    case G_IO_ERROR_PARTIAL_INPUT:
    case G_IO_ERROR_NOT_CONNECTED:
      return g_error_new (MQ_API_ERROR, MQ_API_ERROR_NETWORK,
                          _("The connection to %s broke off. Check your internet "
                            "connection and try again."), host);

    case G_IO_ERROR_PROXY_FAILED:
    case G_IO_ERROR_PROXY_AUTH_FAILED:
    case G_IO_ERROR_PROXY_NEED_AUTH:
    case G_IO_ERROR_PROXY_NOT_ALLOWED:
      return g_error_new (MQ_API_ERROR, MQ_API_ERROR_NETWORK,
                          _("Could not reach %s through the proxy. Check the proxy "
                            "settings of this computer."), host);

    default:
      return g_error_new (MQ_API_ERROR, MQ_API_ERROR_NETWORK,
                          _("Could not reach %s. Check your internet connection."), host);
    }
}

static gboolean
is_network_error (const GError *error)
{
  if (error->domain != G_IO_ERROR)
    return FALSE;

  switch ((GIOErrorEnum) error->code)
    {
    case G_IO_ERROR_TIMED_OUT:
    case G_IO_ERROR_CONNECTION_REFUSED:
    case G_IO_ERROR_CONNECTION_CLOSED:
    case G_IO_ERROR_PARTIAL_INPUT:
    case G_IO_ERROR_NOT_CONNECTED:
    case G_IO_ERROR_HOST_NOT_FOUND:
    case G_IO_ERROR_HOST_UNREACHABLE:
    case G_IO_ERROR_NETWORK_UNREACHABLE:
    case G_IO_ERROR_PROXY_FAILED:
    case G_IO_ERROR_PROXY_AUTH_FAILED:
    case G_IO_ERROR_PROXY_NEED_AUTH:
    case G_IO_ERROR_PROXY_NOT_ALLOWED:
    /* What a socket error without a closer GIO code becomes (ECONNRESET on older GLib). */
    case G_IO_ERROR_FAILED:
      return TRUE;
    default:
      return FALSE;
    }
}

GError *
mq_api_error_from_transport (const GError *error,
                             const char   *host)
{
  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (host != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  /* The original message may name a URL: only for the debug log. */
  g_debug ("Request to %s failed: %s (%s %d)", host, error->message,
           g_quark_to_string (error->domain), error->code);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (MQ_API_ERROR, MQ_API_ERROR_NETWORK,
                        _("Could not find the server %s. Check your internet connection "
                          "and the server address."), host);

  if (error->domain == G_TLS_ERROR)
    {
      if (error->code == G_TLS_ERROR_BAD_CERTIFICATE)
        return g_error_new (MQ_API_ERROR, MQ_API_ERROR_TLS,
                            _("The certificate of %s is not trusted, so Marquee did not "
                              "connect. Check the server address and the date and time "
                              "of this computer."), host);
      return g_error_new (MQ_API_ERROR, MQ_API_ERROR_TLS,
                          _("Could not make a secure connection to %s. Check the server "
                            "address; a network that intercepts connections can also "
                            "cause this."), host);
    }

  if (is_network_error (error))
    return new_network_error (error, host);

  return g_error_new (MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                      _("%s sent a response Marquee cannot read. Check the server "
                        "address, or try again later."), host);
}

/* Past this, a Retry-After is not told in seconds. */
#define MAX_RETRY_AFTER_SHOWN (60 * 60)

GError *
mq_api_error_from_status (guint       status,
                          const char *host,
                          guint       retry_after)
{
  g_return_val_if_fail (host != NULL, NULL);

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return g_error_new_literal (MQ_API_ERROR, MQ_API_ERROR_UNAUTHORIZED,
                                  _("viewneo no longer accepts this sign-in. Sign in again."));

    case SOUP_STATUS_FORBIDDEN:
      return g_error_new_literal (MQ_API_ERROR, MQ_API_ERROR_FORBIDDEN,
                                  _("This viewneo account may not see this. Ask the "
                                    "administrator of your viewneo account for access."));

    case SOUP_STATUS_NOT_FOUND:
      return g_error_new (MQ_API_ERROR, MQ_API_ERROR_NOT_FOUND,
                          _("%s does not know what was asked for: it may have been "
                            "deleted, or the server address may be wrong. Reload, or "
                            "check the server address."), host);

    case HTTP_TOO_MANY_REQUESTS:
      /* A wait of hours or years in seconds helps nobody, and may be made up. */
      if (retry_after > MAX_RETRY_AFTER_SHOWN)
        return g_error_new_literal (MQ_API_ERROR, MQ_API_ERROR_RATE_LIMITED,
                                    _("viewneo received too many requests from this "
                                      "account. Try again later."));
      if (retry_after > 0)
        return g_error_new (MQ_API_ERROR, MQ_API_ERROR_RATE_LIMITED,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "viewneo received too many requests from this "
                                         "account. Try again in %u second.",
                                         "viewneo received too many requests from this "
                                         "account. Try again in %u seconds.",
                                         retry_after),
                            retry_after);
      return g_error_new_literal (MQ_API_ERROR, MQ_API_ERROR_RATE_LIMITED,
                                  _("viewneo received too many requests from this "
                                    "account. Wait a minute, then try again."));

    default:
      if (SOUP_STATUS_IS_SERVER_ERROR (status))
        return g_error_new (MQ_API_ERROR, MQ_API_ERROR_SERVER,
                            _("%s has a problem (HTTP %u). Try again later."), host, status);
      if (SOUP_STATUS_IS_REDIRECTION (status))
        return mq_api_error_new_login_page (host);
      return g_error_new (MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                          _("%s answered with the unexpected status HTTP %u. Check the "
                            "server address, or try again later."), host, status);
    }
}

GError *
mq_api_error_new_login_page (const char *host)
{
  g_return_val_if_fail (host != NULL, NULL);

  return g_error_new (MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                      _("%s sent a login page instead of data. Check that the server "
                        "address is that of viewneo’s API, such as "
                        "https://cloud.viewneo.com."), host);
}

MqBodyShape
mq_api_body_get_shape (const char *data,
                       gsize       length)
{
  g_return_val_if_fail (data != NULL || length == 0, MQ_BODY_OTHER);

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isspace (data[i]))
        return data[i] == '<' ? MQ_BODY_HTML : MQ_BODY_OTHER;
    }

  return MQ_BODY_EMPTY;
}

GError *
mq_api_error_new_unusable_body (const char *data,
                                gsize       length,
                                const char *host)
{
  g_return_val_if_fail (host != NULL, NULL);

  switch (mq_api_body_get_shape (data, length))
    {
    case MQ_BODY_EMPTY:
      return g_error_new (MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                          _("%s sent an empty response. Try again later."), host);
    case MQ_BODY_HTML:
      return mq_api_error_new_login_page (host);
    case MQ_BODY_OTHER:
    default:
      return g_error_new (MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                          _("%s sent a damaged response. Try again later."), host);
    }
}
