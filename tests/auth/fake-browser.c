/* fake-browser.c: a browser for the end-to-end sign-in test
 *
 * Registered as the handler of http URLs in the test's own XDG dirs, so that the real
 * launch path (g_app_info_launch_default_for_uri_async()) starts it. Fetches the URL
 * it is given, following redirects as a browser does: the fake viewneo's authorize
 * endpoint (with automatic consent) sends it on to Marquee's loopback callback.
 *
 * Prints nothing on stdout, which it shares with the test's TAP output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libsoup/soup.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  if (argc != 2)
    {
      g_printerr ("Usage: fake-browser URL\n");
      return 2;
    }

  message = soup_message_new (SOUP_METHOD_GET, argv[1]);
  if (message == NULL)
    {
      g_printerr ("fake-browser: not a URL\n");
      return 2;
    }

  /* No proxy to look up: everything is on 127.0.0.1, and the lookup would want
   * GSettings schemas that the test's throw-away XDG dirs do not have. */
  session = g_object_new (SOUP_TYPE_SESSION, "proxy-resolver", NULL, NULL);
  page = soup_session_send_and_read (session, message, NULL, &error);
  if (page == NULL)
    {
      g_printerr ("fake-browser: %s\n", error->message);
      return 1;
    }

  /* The URL carries the state: only the status is worth telling. */
  status = soup_message_get_status (message);
  if (status != SOUP_STATUS_OK)
    {
      g_printerr ("fake-browser: HTTP %u\n", status);
      return 1;
    }

  return 0;
}
