/* mq-test-browser.h: tests/auth/fake-browser as the desktop's web browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MQ_TEST_BROWSER_DESKTOP_ID "marquee-test-browser.desktop"

/* Installs the fake browser's .desktop file (built in tests/auth) in the user data dir
 * (XDG_DATA_HOME, a throw-away one in the headless session) as the http and https
 * handler, and asserts that GIO now sees it as the browser. Call from main(), before
 * anything asks GIO for applications. */
void mq_test_register_fake_browser (void);

G_END_DECLS
