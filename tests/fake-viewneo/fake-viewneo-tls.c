/* fake-viewneo-tls.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fake-viewneo"

#include <glib/gstdio.h>

#include "fake-viewneo-tls.h"

struct _FakeTestCa
{
  char            *dir;
  char            *ca_file;
  GTlsCertificate *server_certificate;
  GTlsDatabase    *database;
};

static gboolean
run_openssl (const char * const  *args,
             GError             **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  int status;

  g_ptr_array_add (argv, (char *) OPENSSL_PROGRAM);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, error))
    return FALSE;

  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "openssl %s: %s: ", args[0], err);
      return FALSE;
    }

  return TRUE;
}

FakeTestCa *
fake_test_ca_new (GError **error)
{
  g_autoptr(FakeTestCa) ca = g_new0 (FakeTestCa, 1);
  g_autofree char *ca_key = NULL;
  g_autofree char *key = NULL;
  g_autofree char *csr = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *ext = NULL;

  ca->dir = g_dir_make_tmp ("fake-viewneo-ca-XXXXXX", error);
  if (ca->dir == NULL)
    return NULL;

  ca->ca_file = g_build_filename (ca->dir, "ca.pem", NULL);
  ca_key = g_build_filename (ca->dir, "ca-key.pem", NULL);
  key = g_build_filename (ca->dir, "key.pem", NULL);
  csr = g_build_filename (ca->dir, "server.csr", NULL);
  cert = g_build_filename (ca->dir, "server.pem", NULL);
  ext = g_build_filename (ca->dir, "server.ext", NULL);

  if (!g_file_set_contents (ext,
                            "basicConstraints=critical,CA:FALSE\n"
                            "keyUsage=critical,digitalSignature\n"
                            "extendedKeyUsage=serverAuth\n"
                            "subjectAltName=IP:127.0.0.1\n", -1, error))
    return NULL;

  {
    const char * const make_ca[] = {
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", ca_key, "-out", ca->ca_file, "-days", "2", "-subj", "/CN=Marquee Test CA",
      "-addext", "basicConstraints=critical,CA:TRUE",
      "-addext", "keyUsage=critical,keyCertSign,cRLSign", NULL
    };
    const char * const make_request[] = {
      "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1", NULL
    };
    const char * const sign[] = {
      "x509", "-req", "-in", csr, "-CA", ca->ca_file, "-CAkey", ca_key, "-CAcreateserial",
      "-out", cert, "-days", "2", "-extfile", ext, NULL
    };

    if (!run_openssl (make_ca, error) || !run_openssl (make_request, error) ||
        !run_openssl (sign, error))
      return NULL;
  }

  ca->server_certificate = g_tls_certificate_new_from_files (cert, key, error);
  if (ca->server_certificate == NULL)
    return NULL;

  ca->database = g_tls_file_database_new (ca->ca_file, error);
  if (ca->database == NULL)
    return NULL;

  return g_steal_pointer (&ca);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

void
fake_test_ca_free (FakeTestCa *ca)
{
  if (ca == NULL)
    return;

  if (ca->dir != NULL)
    remove_dir (ca->dir);
  g_clear_object (&ca->server_certificate);
  g_clear_object (&ca->database);
  g_free (ca->ca_file);
  g_free (ca->dir);
  g_free (ca);
}

GTlsCertificate *
fake_test_ca_get_server_certificate (FakeTestCa *ca)
{
  return ca->server_certificate;
}

GTlsDatabase *
fake_test_ca_get_database (FakeTestCa *ca)
{
  return ca->database;
}

const char *
fake_test_ca_get_ca_file (FakeTestCa *ca)
{
  return ca->ca_file;
}
