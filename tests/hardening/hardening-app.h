/* hardening-app.h: the real application and its window, driven as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-application.h"
#include "mq-test-async.h"
#include "mq-window.h"

G_BEGIN_DECLS

#define HARDENING_WAIT_SECONDS 30

/* Iterates the main context until @cond holds; fails the test after
 * HARDENING_WAIT_SECONDS. */
#define hardening_wait_until(cond) mq_test_wait_until_within (cond, HARDENING_WAIT_SECONDS)

/* gtk_init_check() once; fails the test without a display. */
void     hardening_require_display (void);

/* A template child of @widget (of @type), which must exist. */
gpointer hardening_child         (gpointer      widget,
                                  GType         type,
                                  const char   *name);

/* Clicks @button, which must be visible and sensitive. */
void     hardening_click         (gpointer      button);

typedef void (*HardeningAppBody) (MqApplication *app,
                                  MqWindow      *window,
                                  gpointer       user_data);

/* Runs @app as the program does (g_application_run()), calls @body once its window is
 * up, then closes every window and lets the application end. */
void     hardening_run_app       (MqApplication    *app,
                                  HardeningAppBody  body,
                                  gpointer          user_data);

/* Drops the last reference to @app and waits until it is finalized: nothing may keep
 * it alive, exported on the bus. */
void     hardening_finalize_app  (MqApplication    *app);

G_END_DECLS
