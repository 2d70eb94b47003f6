/* fake-viewneo-tls.h: a certificate authority made at test time, for https tests
 *
 * openssl makes a CA and a certificate for 127.0.0.1 signed by it in a temporary
 * directory; nothing of it is in the repository. A client trusts the server only
 * through the database of this CA: two of them trust each other's server not at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _FakeTestCa FakeTestCa;

FakeTestCa      *fake_test_ca_new                 (GError     **error);
void             fake_test_ca_free                (FakeTestCa  *ca);
/* The server's certificate for 127.0.0.1, with its key. */
GTlsCertificate *fake_test_ca_get_server_certificate (FakeTestCa *ca);
/* A database that trusts this CA alone, from its PEM file. */
GTlsDatabase    *fake_test_ca_get_database        (FakeTestCa  *ca);
const char      *fake_test_ca_get_ca_file         (FakeTestCa  *ca);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeTestCa, fake_test_ca_free)

G_END_DECLS
