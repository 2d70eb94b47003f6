/* mq-test-viewneo.h: the fake viewneo started and stopped for a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fake-viewneo.h"

G_BEGIN_DECLS

/* Makes @fake listen on a free port of 127.0.0.1 (failing the test when it cannot) and
 * returns its URL, "http://127.0.0.1:PORT". */
char *mq_test_viewneo_listen (FakeViewneo  *fake);

/* Shuts *@fake down and releases it; nothing when it is NULL. */
void  mq_test_viewneo_stop   (FakeViewneo **fake);

G_END_DECLS
