/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "TlsTest"

#include "config.h"

#include "tls-test-util.h"

#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_privkey_t, gnutls_x509_privkey_deinit, NULL)

#define CHECK_GNUTLS(call)                                                     \
  G_STMT_START {                                                               \
    int _ret = (call);                                                         \
    if (_ret < 0)                                                              \
      g_error ("%s: %s", #call, gnutls_strerror (_ret));                       \
  } G_STMT_END

struct _TlsTestCa
{
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t     crt;
};

static gnutls_x509_privkey_t
new_key (void)
{
  gnutls_x509_privkey_t key;

  CHECK_GNUTLS (gnutls_x509_privkey_init (&key));
  CHECK_GNUTLS (gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA,
                                              GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1),
                                              0));
  return key;
}

/* A version 3 certificate of @key named @common_name, valid from
 * @not_before to @not_after (seconds from now), not yet signed. */
static gnutls_x509_crt_t
new_certificate (gnutls_x509_privkey_t  key,
                 const char            *common_name,
                 gint64                 not_before,
                 gint64                 not_after)
{
  gnutls_x509_crt_t crt;
  time_t now = time (NULL);
  guchar serial[8];
  guchar key_id[64];
  size_t key_id_size = sizeof key_id;

  for (guint i = 0; i < sizeof serial; i++)
    serial[i] = g_random_int_range (0, 256);
  serial[0] = 0x40 | (serial[0] & 0x3f);  /* positive and never zero */

  CHECK_GNUTLS (gnutls_x509_crt_init (&crt));
  CHECK_GNUTLS (gnutls_x509_crt_set_version (crt, 3));
  CHECK_GNUTLS (gnutls_x509_crt_set_serial (crt, serial, sizeof serial));
  CHECK_GNUTLS (gnutls_x509_crt_set_activation_time (crt, now + not_before));
  CHECK_GNUTLS (gnutls_x509_crt_set_expiration_time (crt, now + not_after));
  CHECK_GNUTLS (gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                               common_name, strlen (common_name)));
  CHECK_GNUTLS (gnutls_x509_crt_set_key (crt, key));
  CHECK_GNUTLS (gnutls_x509_crt_get_key_id (crt, 0, key_id, &key_id_size));
  CHECK_GNUTLS (gnutls_x509_crt_set_subject_key_id (crt, key_id, key_id_size));
  return crt;
}

static TlsTestCa *
tls_test_ca_new (const char *name)
{
  TlsTestCa *ca = g_new0 (TlsTestCa, 1);

  ca->key = new_key ();
  ca->crt = new_certificate (ca->key, name, -TLS_TEST_DAY_S, 30 * TLS_TEST_DAY_S);
  CHECK_GNUTLS (gnutls_x509_crt_set_basic_constraints (ca->crt, 1, -1));
  CHECK_GNUTLS (gnutls_x509_crt_set_key_usage (ca->crt,
                                               GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN));
  CHECK_GNUTLS (gnutls_x509_crt_sign2 (ca->crt, ca->crt, ca->key, GNUTLS_DIG_SHA256, 0));
  return ca;
}

static void
tls_test_ca_free (TlsTestCa *ca)
{
  gnutls_x509_crt_deinit (ca->crt);
  gnutls_x509_privkey_deinit (ca->key);
  g_free (ca);
}

/* Writes @datum (and frees its data) into NAME in the pki's directory;
 * returns the path. */
static const char *
write_datum (TlsTestPki     *pki,
             const char     *name,
             gnutls_datum_t *datum)
{
  char *path = g_build_filename (pki->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) datum->data, datum->size, &error);
  g_assert_no_error (error);
  gnutls_free (datum->data);
  g_ptr_array_add (pki->files, path);
  return path;
}

static const char *
write_ca (TlsTestPki *pki,
          TlsTestCa  *ca,
          const char *name)
{
  g_autofree char *file_name = g_strconcat (name, ".pem", NULL);
  gnutls_datum_t pem;

  CHECK_GNUTLS (gnutls_x509_crt_export2 (ca->crt, GNUTLS_X509_FMT_PEM, &pem));
  return write_datum (pki, file_name, &pem);
}

void
tls_test_pki_write_server (TlsTestPki  *pki,
                           const char  *name,
                           const char  *ip_address,
                           const char  *dns_name,
                           gint64       not_before,
                           gint64       not_after,
                           const char **cert_file,
                           const char **key_file)
{
  TlsTestCa *ca = pki->ca;
  g_auto(gnutls_x509_privkey_t) key = new_key ();
  g_auto(gnutls_x509_crt_t) crt = NULL;
  g_autofree char *cert_name = g_strconcat (name, ".pem", NULL);
  g_autofree char *key_name = g_strconcat (name, "-key.pem", NULL);
  guchar ca_key_id[64];
  size_t ca_key_id_size = sizeof ca_key_id;
  gnutls_datum_t pem;

  crt = new_certificate (key, ip_address != NULL ? ip_address : dns_name, not_before, not_after);
  CHECK_GNUTLS (gnutls_x509_crt_set_basic_constraints (crt, 0, -1));
  CHECK_GNUTLS (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE));
  CHECK_GNUTLS (gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_SERVER, 0));
  if (ip_address != NULL)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (ip_address);

      g_assert_nonnull (address);
      CHECK_GNUTLS (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS,
                                                          g_inet_address_to_bytes (address),
                                                          g_inet_address_get_native_size (address),
                                                          GNUTLS_FSAN_APPEND));
    }
  else
    CHECK_GNUTLS (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_DNSNAME, dns_name,
                                                        strlen (dns_name), GNUTLS_FSAN_APPEND));
  CHECK_GNUTLS (gnutls_x509_crt_get_subject_key_id (ca->crt, ca_key_id, &ca_key_id_size, NULL));
  CHECK_GNUTLS (gnutls_x509_crt_set_authority_key_id (crt, ca_key_id, ca_key_id_size));
  CHECK_GNUTLS (gnutls_x509_crt_sign2 (crt, ca->crt, ca->key, GNUTLS_DIG_SHA256, 0));

  CHECK_GNUTLS (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &pem));
  *cert_file = write_datum (pki, cert_name, &pem);

  CHECK_GNUTLS (gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL,
                                                   GNUTLS_PKCS_PLAIN, &pem));
  *key_file = write_datum (pki, key_name, &pem);
}


TlsTestPki *
tls_test_pki_new (void)
{
  TlsTestPki *pki = g_new0 (TlsTestPki, 1);
  g_autoptr(GError) error = NULL;

  pki->dir = g_dir_make_tmp ("agentdesk-tls-XXXXXX", &error);
  g_assert_no_error (error);
  pki->files = g_ptr_array_new_with_free_func (g_free);

  pki->ca = tls_test_ca_new ("Agent Desk Test CA");
  pki->ca_file = write_ca (pki, pki->ca, "ca");
  pki->ca_database = g_tls_file_database_new (pki->ca_file, &error);
  g_assert_no_error (error);

  tls_test_pki_write_server (pki, "switch", "127.0.0.1", NULL, -TLS_TEST_DAY_S,
                             7 * TLS_TEST_DAY_S, &pki->cert_file, &pki->key_file);
  tls_test_pki_write_server (pki, "other-host", NULL, "switch.example.com", -TLS_TEST_DAY_S,
                             7 * TLS_TEST_DAY_S, &pki->other_host_cert_file,
                             &pki->other_host_key_file);
  return pki;
}

void
tls_test_pki_free (TlsTestPki *pki)
{
  for (guint i = 0; i < pki->files->len; i++)
    g_assert_cmpint (g_remove (g_ptr_array_index (pki->files, i)), ==, 0);
  g_assert_cmpint (g_rmdir (pki->dir), ==, 0);

  g_ptr_array_unref (pki->files);
  g_clear_object (&pki->ca_database);
  tls_test_ca_free (pki->ca);
  g_free (pki->dir);
  g_free (pki);
}

const char *
tls_test_pki_write_other_ca (TlsTestPki *pki,
                             const char *name)
{
  TlsTestCa *other = tls_test_ca_new (name);
  const char *path = write_ca (pki, other, name);

  tls_test_ca_free (other);
  return path;
}

ClientTestSwitch *
tls_test_switch_new (const char *cert_file,
                     const char *key_file)
{
  AdSwitchOptions options;
  ClientTestSwitch *ts;

  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);
  options.tls_certificate_file = cert_file;
  options.tls_key_file = key_file;
  ts = client_test_switch_new (&options);
  g_assert_true (g_str_has_prefix (ts->base_url, "https://127.0.0.1:"));
  return ts;
}
