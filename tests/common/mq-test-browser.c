/* mq-test-browser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mq-test-browser.h"

void
mq_test_register_fake_browser (void)
{
  g_autofree char *applications = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *desktop_file = g_build_filename (applications, MQ_TEST_BROWSER_DESKTOP_ID, NULL);
  g_autofree char *mimeapps = g_build_filename (applications, "mimeapps.list", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GAppInfo) handler = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  g_file_get_contents (MQ_TEST_FAKE_BROWSER_DESKTOP, &contents, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (desktop_file, contents, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (mimeapps,
                       "[Default Applications]\n"
                       "x-scheme-handler/http=" MQ_TEST_BROWSER_DESKTOP_ID "\n"
                       "x-scheme-handler/https=" MQ_TEST_BROWSER_DESKTOP_ID "\n",
                       -1, &error);
  g_assert_no_error (error);

  /* GIO sees it as the browser. */
  handler = g_app_info_get_default_for_uri_scheme ("http");
  g_assert_nonnull (handler);
  g_assert_cmpstr (g_app_info_get_id (handler), ==, MQ_TEST_BROWSER_DESKTOP_ID);
}
