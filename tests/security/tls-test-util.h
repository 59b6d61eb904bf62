/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "client-test-util.h"

G_BEGIN_DECLS

/* A certificate authority made for one test with GnuTLS, and certificates
 * it signs, as PEM files in a directory of their own: nothing depends on
 * the machine's trust store, except that it does not hold a CA made a
 * moment ago. The paths handed out belong to the TlsTestPki. */

#define TLS_TEST_DAY_S (24 * 60 * 60)

typedef struct _TlsTestCa TlsTestCa;

typedef struct {
  char         *dir;
  GPtrArray    *files;        /* written into dir, removed with it */
  TlsTestCa    *ca;           /* the center's own authority */
  const char   *ca_file;
  GTlsDatabase *ca_database;  /* trusting ca alone */
  const char   *cert_file;    /* for 127.0.0.1, signed by ca, valid a week */
  const char   *key_file;
  const char   *other_host_cert_file; /* the same for switch.example.com */
  const char   *other_host_key_file;
} TlsTestPki;

TlsTestPki *tls_test_pki_new            (void);
/* Removes the files and the directory. */
void        tls_test_pki_free           (TlsTestPki  *pki);
/* Another authority's certificate, into NAME.pem; returns its path. */
const char *tls_test_pki_write_other_ca (TlsTestPki  *pki,
                                         const char  *name);
/* A server certificate signed by pki->ca, for @ip_address (an IP address
 * in the subjectAltName) or else @dns_name, valid from @not_before to
 * @not_after (seconds from now), into NAME.pem and its key into
 * NAME-key.pem (PKCS #8). */
void        tls_test_pki_write_server   (TlsTestPki  *pki,
                                         const char  *name,
                                         const char  *ip_address,
                                         const char  *dns_name,
                                         gint64       not_before,
                                         gint64       not_after,
                                         const char **cert_file,
                                         const char **key_file);
/* The switch in this process on 127.0.0.1:0, serving HTTPS with these. */
ClientTestSwitch *tls_test_switch_new   (const char  *cert_file,
                                         const char  *key_file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlsTestPki, tls_test_pki_free)

G_END_DECLS
