/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "TestSignInTls"

#include "config.h"

#include <adwaita.h>

#include "ad-sign-in-page.h"
#include "client-test-util.h"
#include "tls-test-util.h"

#include <string.h>

/* The desktop's sign-in page against an https:// switch in this process:
 * a certificate refused says why in the page, and the "tls-ca-file"
 * setting makes the center's own authority trusted. */

typedef struct {
  TlsTestPki       *pki;
  ClientTestSwitch *ts;
  GSettings        *settings;
  AdSignInPage     *page;
  AdSession        *session;    /* from "signed-in" */
} Fixture;

static void
on_signed_in (AdSignInPage *page,
              AdSession    *session,
              Fixture      *f)
{
  g_set_object (&f->session, session);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->pki = tls_test_pki_new ();
  f->settings = g_settings_new (APP_ID);
  f->page = g_object_ref_sink (g_object_new (AD_TYPE_SIGN_IN_PAGE, NULL));
  ad_sign_in_page_set_remember (f->page, FALSE);
  g_signal_connect (f->page, "signed-in", G_CALLBACK (on_signed_in), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->page);
  g_settings_reset (f->settings, "tls-ca-file");
  g_clear_object (&f->settings);
  g_clear_pointer (&f->ts, client_test_switch_free);
  g_clear_pointer (&f->pki, tls_test_pki_free);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Signs agent1 in on place1001 through the page; returns the error shown
 * (NULL: signed in). */
static const char *
submit (Fixture *f)
{
  ad_sign_in_page_fill (f->page, f->ts->base_url, "agent1", "demo", "place1001");
  ad_sign_in_page_submit (f->page);
  CLIENT_TEST_WAIT_UNTIL (!ad_sign_in_page_get_busy (f->page));
  g_assert_true ((f->session == NULL) == (ad_sign_in_page_get_error (f->page) != NULL));
  return ad_sign_in_page_get_error (f->page);
}

static void
assert_says (const char *shown,
             const char *expected)
{
  g_assert_nonnull (shown);
  if (strstr (shown, expected) == NULL)
    g_error ("“%s” does not say “%s”", shown, expected);
}

static void
test_unknown_authority (Fixture       *f,
                        gconstpointer  data)
{
  const char *shown;

  f->ts = tls_test_switch_new (f->pki->cert_file, f->pki->key_file);
  shown = submit (f);
  assert_says (shown, f->ts->base_url);
  assert_says (shown, "signed by an authority this computer does not trust");
}

static void
test_ca_file_trusted (Fixture       *f,
                      gconstpointer  data)
{
  f->ts = tls_test_switch_new (f->pki->cert_file, f->pki->key_file);
  g_settings_set_string (f->settings, "tls-ca-file", f->pki->ca_file);
  g_assert_null (submit (f));
  g_assert_nonnull (f->session);
  g_assert_cmpint (ad_session_get_connection_state (f->session), ==,
                   AD_CONNECTION_STATE_CONNECTED);
  g_assert_cmpstr (ad_client_get_base_url (ad_session_get_client (f->session)), ==,
                   f->ts->base_url);
}

static void
test_wrong_host (Fixture       *f,
                 gconstpointer  data)
{
  f->ts = tls_test_switch_new (f->pki->other_host_cert_file, f->pki->other_host_key_file);
  g_settings_set_string (f->settings, "tls-ca-file", f->pki->ca_file);
  assert_says (submit (f), "is made out to another address");
}

static void
test_unreadable_ca_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->pki->dir, "missing-ca.pem", NULL);
  const char *shown;

  f->ts = tls_test_switch_new (f->pki->cert_file, f->pki->key_file);
  g_settings_set_string (f->settings, "tls-ca-file", missing);
  ad_sign_in_page_fill (f->page, f->ts->base_url, "agent1", "demo", "place1001");
  ad_sign_in_page_submit (f->page);

  /* Refused before anything is sent. */
  g_assert_false (ad_sign_in_page_get_busy (f->page));
  shown = ad_sign_in_page_get_error (f->page);
  assert_says (shown, "Cannot read the certificate authorities to trust");
  assert_says (shown, missing);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/tls/sign-in/unknown-authority", test_unknown_authority);
  ADD ("/tls/sign-in/ca-file-trusted", test_ca_file_trusted);
  ADD ("/tls/sign-in/wrong-host", test_wrong_host);
  ADD ("/tls/sign-in/unreadable-ca-file", test_unreadable_ca_file);
#undef ADD

  return g_test_run ();
}
