/* hardening-app.h: the real application and its window, driven as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mq-application.h"
#include "mq-window.h"

G_BEGIN_DECLS

#define HARDENING_WAIT_SECONDS 30

gboolean hardening_tick          (gpointer      user_data);

/* Iterates the main context until @cond holds; fails the test after
 * HARDENING_WAIT_SECONDS. */
#define hardening_wait_until(cond) \
  G_STMT_START { \
    guint tick_ = g_timeout_add (20, hardening_tick, NULL); \
    gint64 deadline_ = g_get_monotonic_time () + HARDENING_WAIT_SECONDS * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time () < deadline_) \
      g_main_context_iteration (NULL, TRUE); \
    g_source_remove (tick_); \
    g_assert_true (cond); \
  } G_STMT_END

/* Lets the main context run for @ms, to show that something does not happen. */
void     hardening_iterate_for   (guint         ms);

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
