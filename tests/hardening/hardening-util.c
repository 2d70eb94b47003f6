/* hardening-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hardening-util.h"
#include "mq-api-error.h"
#include "mq-auth-error.h"
#include "mq-core-enums.h"

/* ---- messages in the user's language ---- */

void
hardening_use_translations (void)
{
  /* The German locale built in the build tree (see meson.build): LANGUAGE alone is
   * ignored under the C locales by newer glibc. */
  g_setenv ("LOCPATH", HARDENING_LOCPATH, TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  /* In the environment too: gtk_init() calls setlocale (LC_ALL, "") again. */
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, "de_DE.UTF-8"));
  bindtextdomain (GETTEXT_PACKAGE, HARDENING_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static void
assert_translated (const char *msgid,
                   const char *translated)
{
  /* Equal: no catalog at HARDENING_LOCALEDIR, or no translation of this message. */
  if (g_strcmp0 (msgid, translated) == 0)
    g_error ("No German translation of “%s” in %s/de: build the po files, and keep "
             "po/de.po up to date", msgid, HARDENING_LOCALEDIR);
}

const char *
hardening_translate (const char *msgid)
{
  const char *translated = g_dgettext (GETTEXT_PACKAGE, msgid);

  assert_translated (msgid, translated);
  return translated;
}

const char *
hardening_translate_plural (const char *msgid,
                            const char *msgid_plural,
                            gulong      n)
{
  const char *translated = g_dngettext (GETTEXT_PACKAGE, msgid, msgid_plural, n);

  assert_translated (n == 1 ? msgid : msgid_plural, translated);
  return translated;
}

char *
hardening_error_name (const GError *error)
{
  GType type = G_TYPE_INVALID;

  if (error->domain == MQ_API_ERROR)
    type = MQ_TYPE_API_ERROR;
  else if (error->domain == MQ_AUTH_ERROR)
    type = MQ_TYPE_AUTH_ERROR;
  else if (error->domain == MQ_KEYRING_ERROR)
    type = MQ_TYPE_KEYRING_ERROR;
  else if (error->domain == G_IO_ERROR)
    type = G_TYPE_IO_ERROR_ENUM;
  else if (error->domain == G_TLS_ERROR)
    type = G_TYPE_TLS_ERROR;

  if (type != G_TYPE_INVALID)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *value = g_enum_get_value (klass, error->code);

      if (value != NULL)
        return g_strdup (value->value_name);
    }

  return g_strdup_printf ("%s %d", g_quark_to_string (error->domain), error->code);
}

void
hardening_assert_error (const GError  *error,
                        GQuark         domain,
                        int            code,
                        const char    *expected,
                        const char   **secrets,
                        gsize          n_secrets)
{
  g_assert_error ((GError *) error, domain, code);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpstr (error->message, ==, expected);

  /* Not with g_assert_cmpstr(), which would print the secret. */
  for (gsize i = 0; i < n_secrets; i++)
    if (secrets[i] != NULL && strstr (error->message, secrets[i]) != NULL)
      g_error ("An error message holds secret number %" G_GSIZE_FORMAT " of its list (the "
               "message is not shown here, as it would show the secret)", i);
}

void
hardening_print_row (const char   *row,
                     const GError *error,
                     const char   *shown)
{
  g_autofree char *name = hardening_error_name (error);

  g_test_message ("| %s | %s | %s |", row, name, shown);
}
