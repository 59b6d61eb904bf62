/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "TestWindowTls"

#include "config.h"

#include <adwaita.h>

#include "demo-test-util.h"
#include "tls-test-util.h"

#include <string.h>

/* The desktop's window signed in to an https:// switch whose certificate
 * then changes to one of an authority it does not trust: the window says
 * it is offline, and why, in its connection banner. */

typedef struct {
  TlsTestPki       *pki;
  TlsTestPki       *untrusted;
  ClientTestSwitch *ts;
  GSettings        *settings;
  AdWindow         *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->pki = tls_test_pki_new ();
  f->untrusted = tls_test_pki_new ();
  f->ts = tls_test_switch_new (f->pki->cert_file, f->pki->key_file);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_string (f->settings, "tls-ca-file", f->pki->ca_file);
  f->window = g_object_ref_sink (ad_window_new (NULL));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  g_settings_reset (f->settings, "tls-ca-file");
  g_clear_object (&f->settings);
  g_clear_pointer (&f->ts, client_test_switch_free);
  g_clear_pointer (&f->untrusted, tls_test_pki_free);
  g_clear_pointer (&f->pki, tls_test_pki_free);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
label_holds (GtkWidget     *widget,
             gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

/* The label below @widget whose text holds @text, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  return GTK_LABEL (demo_test_find (widget, label_holds, text));
}

static void
test_certificate_changes (Fixture       *f,
                          gconstpointer  data)
{
  AdSession *session;
  GtkLabel *banner;
  GtkWidget *revealer;
  g_autofree char *offline = NULL;
  guint *n_giving_up;

  session = demo_test_sign_in_window (f->window, f->ts->base_url);
  ad_session_set_stream_timing (session, 20000, 20, 100);
  CLIENT_TEST_WAIT_UNTIL (ad_session_get_connection_state (session) ==
                          AD_CONNECTION_STATE_CONNECTED);
  g_assert_null (find_label (GTK_WIDGET (f->window), "Offline"));

  n_giving_up = client_test_count_giving_up ();
  f->ts->options.tls_certificate_file = f->untrusted->cert_file;
  f->ts->options.tls_key_file = f->untrusted->key_file;
  client_test_switch_restart (f->ts);
  CLIENT_TEST_WAIT_UNTIL (ad_session_get_connection_state (session) ==
                          AD_CONNECTION_STATE_OFFLINE);
  g_assert_cmpuint (*n_giving_up, ==, 1);

  /* The banner is down and says why, with the switch's address. */
  banner = find_label (GTK_WIDGET (f->window), "signed by an authority this computer does not trust");
  g_assert_nonnull (banner);
  offline = g_strdup_printf ("Offline. The security certificate of the switch at %s",
                             f->ts->base_url);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (banner), offline));
  revealer = gtk_widget_get_ancestor (GTK_WIDGET (banner), GTK_TYPE_REVEALER);
  g_assert_nonnull (revealer);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  /* Signing out clears it. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "sign-out", NULL);
  g_assert_null (ad_window_get_session (f->window));
  g_assert_cmpstr (gtk_label_get_label (banner), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/tls/window/certificate-changes", Fixture, NULL,
              fixture_set_up, test_certificate_changes, fixture_tear_down);

  return g_test_run ();
}
