/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee"

#include <locale.h>

#include <glib/gi18n.h>

#include "mq-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MqApplication) application = NULL;

  /* stdout is for what `--list-playlists` prints, which scripts read: every log
   * message, G_MESSAGES_DEBUG's included, goes to stderr. */
  g_log_writer_default_set_use_stderr (TRUE);

  /* Before GTK starts: `--list-playlists` speaks the user's language without it. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Marquee"));

  application = mq_application_new (G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (application), argc, argv);
}
