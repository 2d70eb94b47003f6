/* mq-server-url.c
 *
 * Server addresses: the rules are in mq-server-url.h. The messages never repeat the parts
 * of an address that are refused, which may hold a secret.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "mq-api-error.h"
#include "mq-server-url.h"

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
is_valid_host_name (const char *host)
{
  if (*host == '\0' || *host == '.' || *host == '-')
    return FALSE;

  for (const char *p = host; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
        return FALSE;
    }

  return TRUE;
}

/* Accepted: https to any host; http to loopback only. A missing scheme means https
 * ("cloud.viewneo.com"). Refused: user names and passwords, queries, fragments, and
 * paths: the server is viewneo's root, and a pasted path ("…/dashboard") is more likely
 * a mistake to point out than something to drop silently. The messages never repeat
 * the parts refused, which may hold a secret. */
char *
mq_server_url_normalize (const char  *url,
                         GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *host = NULL;
  g_autofree char *scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *path;
  int port;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_strstrip (g_strdup (url));
  if (*text == '\0')
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER,
                           _("Enter the address of the viewneo server, such as "
                             "https://cloud.viewneo.com."));
      return NULL;
    }

  if (strstr (text, "://") == NULL)
    {
      char *with_scheme = g_strconcat ("https://", text, NULL);

      g_free (text);
      text = with_scheme;
    }

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER,
                           _("This is not a web address. Enter an address such as "
                             "https://cloud.viewneo.com."));
      return NULL;
    }

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  if (!g_str_equal (scheme, "https") && !g_str_equal (scheme, "http"))
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER,
                           _("The server address must start with https://, such as "
                             "https://cloud.viewneo.com."));
      return NULL;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER,
                           _("Remove the user name and password from the server address: "
                             "you sign in separately."));
      return NULL;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER,
                           _("Remove everything from “?” or “#” on from the server "
                             "address: enter only an address such as "
                             "https://cloud.viewneo.com."));
      return NULL;
    }

  if (g_hostname_is_non_ascii (g_uri_get_host (uri)))
    host = g_hostname_to_ascii (g_uri_get_host (uri));
  else
    host = g_ascii_strdown (g_uri_get_host (uri), -1);

  if (host == NULL || (!g_hostname_is_ip_address (host) && !is_valid_host_name (host)))
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER,
                           _("The server name is not valid. Enter an address such as "
                             "https://cloud.viewneo.com."));
      return NULL;
    }

  port = g_uri_get_port (uri);

  /* The addresses suggested below are joined as URIs, so that an IPv6 host keeps its
   * brackets. */
  path = g_uri_get_path (uri);
  if (*path != '\0' && !g_str_equal (path, "/"))
    {
      g_autofree char *root = g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, host, port,
                                          "", NULL, NULL);

      g_set_error (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER,
                   _("Remove the path after the server name: enter only %s."), root);
      return NULL;
    }

  if (g_str_equal (scheme, "http") && !is_loopback_host (host))
    {
      g_autofree char *https = g_uri_join (G_URI_FLAGS_NONE, "https", NULL, host, -1,
                                           "", NULL, NULL);

      g_set_error (error, MQ_API_ERROR, MQ_API_ERROR_INVALID_SERVER,
                   _("Use %s: an unencrypted http:// address is only allowed for "
                     "a server on this computer."), https);
      return NULL;
    }

  if ((port == 443 && g_str_equal (scheme, "https")) ||
      (port == 80 && g_str_equal (scheme, "http")))
    port = -1;

  return g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, host, port, "", NULL, NULL);
}

static int
effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port != -1)
    return port;

  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

gboolean
mq_server_url_same_origin (GUri *a,
                           GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_uri_get_host (a) != NULL && g_uri_get_host (b) != NULL &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         effective_port (a) == effective_port (b);
}
