/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "TestWallboardSignIn"

#include "config.h"

#include <adwaita.h>
#include <libsecret/secret.h>

#include "ad-sign-in-page.h"
#include "ad-wallboard-host.h"
#include "ad-wallboard-sign-in.h"
#include "ad-wallboard-window.h"
#include "wallboard-test-util.h"

/* `agentdesk --wallboard` against a real switch: the sign-in screen under
 * Xvfb, its errors, and the board it opens; a password remembered in a
 * real keyring opening the board at once. */

static GtkApplication *app;
static gboolean have_keyring;

typedef struct {
  AdSwitchOptions  options;
  ClientTestSwitch *ts;
  GSettings        *settings;
  AdWallboardHost  *host;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  wallboard_test_options_init (&f->options, 30);
  f->ts = client_test_switch_new (&f->options);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_boolean (f->settings, "wallboard-fullscreen", FALSE);
  f->host = ad_wallboard_host_new (app, f->settings, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *window = ad_wallboard_host_get_window (f->host);

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&f->host);
  g_settings_reset (f->settings, "server-url");
  g_settings_reset (f->settings, "username");
  g_clear_object (&f->settings);
  client_test_switch_free (f->ts);
  wallboard_test_options_clear (&f->options);
  wallboard_test_flush ();
}

static AdWallboardSignIn *
sign_in_window (Fixture *f)
{
  GtkWidget *window = ad_wallboard_host_get_window (f->host);

  return AD_IS_WALLBOARD_SIGN_IN (window) ? AD_WALLBOARD_SIGN_IN (window) : NULL;
}

static AdWallboardWindow *
board_window (Fixture *f)
{
  GtkWidget *window = ad_wallboard_host_get_window (f->host);

  return AD_IS_WALLBOARD_WINDOW (window) ? AD_WALLBOARD_WINDOW (window) : NULL;
}

static gboolean
board_live (Fixture *f)
{
  return board_window (f) != NULL &&
         !ad_wallboard_get_stale (ad_wallboard_window_get_board (board_window (f))) &&
         gtk_widget_get_mapped (GTK_WIDGET (board_window (f)));
}

/* Fills the form in, submits it and waits for the answer; returns the
 * error shown (NULL: none, the board is shown). */
static const char *
submit (Fixture    *f,
        const char *server_url,
        const char *username,
        const char *password)
{
  AdWallboardSignIn *sign_in = sign_in_window (f);

  g_assert_nonnull (sign_in);
  ad_wallboard_sign_in_fill (sign_in, server_url, username, password);
  ad_wallboard_sign_in_submit (sign_in);
  CLIENT_TEST_WAIT_UNTIL (board_window (f) != NULL ||
                          (!ad_wallboard_sign_in_get_busy (sign_in_window (f)) &&
                           ad_wallboard_sign_in_get_error (sign_in_window (f)) != NULL));
  return board_window (f) == NULL ? ad_wallboard_sign_in_get_error (sign_in_window (f)) : NULL;
}

static void
assert_refused (Fixture    *f,
                const char *server_url,
                const char *username,
                const char *password,
                const char *expected)
{
  const char *error = submit (f, server_url, username, password);

  g_assert_nonnull (error);
  if (strstr (error, expected) == NULL)
    g_error ("“%s” does not say “%s”", error, expected);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (sign_in_window (f))));
}

static char *
lookup_password (Fixture *f)
{
  return secret_password_lookup_sync (ad_sign_in_page_get_secret_schema (), NULL, NULL,
                                      "server", f->ts->base_url, "username", "supervisor", NULL);
}

/* Nobody has signed in on this machine: the sign-in screen, its errors in
 * words that say what to fix, then the board; the sign-in is remembered. */
static void
test_sign_in_form (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *unreachable = NULL;
  g_autofree char *username = NULL;
  g_autofree char *server_url = NULL;
  ClientTestSwitch *gone;
  AdSwitchOptions options;

  ad_wallboard_host_present (f->host);
  CLIENT_TEST_WAIT_UNTIL (sign_in_window (f) != NULL &&
                          gtk_widget_get_mapped (GTK_WIDGET (sign_in_window (f))));
  g_assert_null (ad_wallboard_sign_in_get_error (sign_in_window (f)));

  assert_refused (f, "switch.example.com", "supervisor", "demo", "Enter the switch’s address");
  assert_refused (f, f->ts->base_url, "", "demo", "Enter your user name");
  assert_refused (f, f->ts->base_url, "supervisor", "wrong", "Wrong user name or password");
  assert_refused (f, f->ts->base_url, "agent1", "demo", "not a supervisor’s");

  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);
  gone = client_test_switch_new (&options);
  unreachable = g_strdup (gone->base_url);
  client_test_switch_free (gone);
  assert_refused (f, unreachable, "supervisor", "demo", "Cannot reach the switch at");
  g_assert_nonnull (strstr (ad_wallboard_sign_in_get_error (sign_in_window (f)), unreachable));

  /* Nothing was remembered from the failures. */
  username = g_settings_get_string (f->settings, "username");
  g_assert_cmpstr (username, ==, "");

  g_assert_null (submit (f, f->ts->base_url, "supervisor", "demo"));
  CLIENT_TEST_WAIT_UNTIL (board_live (f));
  /* One window at a time: the sign-in screen is gone. */
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    g_assert_false (AD_IS_WALLBOARD_SIGN_IN (l->data));

  g_clear_pointer (&username, g_free);
  username = g_settings_get_string (f->settings, "username");
  server_url = g_settings_get_string (f->settings, "server-url");
  g_assert_cmpstr (username, ==, "supervisor");
  g_assert_cmpstr (server_url, ==, f->ts->base_url);
  if (have_keyring)
    {
      g_autofree char *password = NULL;

      CLIENT_TEST_WAIT_UNTIL ((password = lookup_password (f)) != NULL);
      g_assert_cmpstr (password, ==, "demo");
    }
}

static void
remember (Fixture    *f,
          const char *password)
{
  g_autoptr(GError) error = NULL;

  g_settings_set_string (f->settings, "server-url", f->ts->base_url);
  g_settings_set_string (f->settings, "username", "supervisor");
  g_assert_true (secret_password_store_sync (ad_sign_in_page_get_secret_schema (),
                                             SECRET_COLLECTION_DEFAULT, "wallboard test",
                                             password, NULL, &error,
                                             "server", f->ts->base_url,
                                             "username", "supervisor",
                                             NULL));
  g_assert_no_error (error);
}

/* A remembered password: the board opens straight away, no sign-in. */
static void
test_sign_in_remembered (Fixture       *f,
                         gconstpointer  data)
{
  if (!have_keyring)
    {
      g_test_skip ("no keyring daemon");
      return;
    }

  remember (f, "demo");
  ad_wallboard_host_present (f->host);
  CLIENT_TEST_WAIT_UNTIL (ad_wallboard_host_get_window (f->host) != NULL);
  g_assert_nonnull (board_window (f));
  CLIENT_TEST_WAIT_UNTIL (board_live (f));
  g_assert_nonnull (board_window (f));
}

/* The remembered password is no longer right: the switch refuses it and
 * the sign-in screen says so. */
static void
test_sign_in_remembered_refused (Fixture       *f,
                                 gconstpointer  data)
{
  if (!have_keyring)
    {
      g_test_skip ("no keyring daemon");
      return;
    }

  remember (f, "changed");
  ad_wallboard_host_present (f->host);
  CLIENT_TEST_WAIT_UNTIL (sign_in_window (f) != NULL &&
                          ad_wallboard_sign_in_get_error (sign_in_window (f)) != NULL);
  g_assert_cmpstr (ad_wallboard_sign_in_get_error (sign_in_window (f)), ==,
                   "Wrong user name or password.");

  g_assert_null (submit (f, f->ts->base_url, "supervisor", "demo"));
  CLIENT_TEST_WAIT_UNTIL (board_live (f));
}

/* "Remember" off: the board opens, and neither the sign-in nor a password
 * kept from before is left behind. */
static void
test_sign_in_forget (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;

  if (!have_keyring)
    {
      g_test_skip ("no keyring daemon");
      return;
    }

  remember (f, "demo");
  g_settings_reset (f->settings, "username");
  ad_wallboard_host_present (f->host);
  CLIENT_TEST_WAIT_UNTIL (sign_in_window (f) != NULL);
  ad_wallboard_sign_in_set_remember (sign_in_window (f), FALSE);
  g_assert_null (submit (f, f->ts->base_url, "supervisor", "demo"));
  CLIENT_TEST_WAIT_UNTIL (board_live (f));

  CLIENT_TEST_WAIT_UNTIL ((password = lookup_password (f)) == NULL);
  username = g_settings_get_string (f->settings, "username");
  g_assert_cmpstr (username, ==, "");
}

static gboolean
ignore_keyring_warnings (const char     *log_domain,
                         GLogLevelFlags  log_level,
                         const char     *message,
                         gpointer        user_data)
{
  return !(g_strcmp0 (log_domain, "AdWallboardSignIn") == 0 && strstr (message, "keyring") != NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Without a keyring, keeping the password fails with a warning. */
  g_test_log_set_fatal_handler (ignore_keyring_warnings, NULL);
  have_keyring = wallboard_test_keyring_start ();

  app = GTK_APPLICATION (adw_application_new (APP_ID ".WallboardTest", G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/wallboard/sign-in/form", Fixture, NULL,
              fixture_set_up, test_sign_in_form, fixture_tear_down);
  g_test_add ("/wallboard/sign-in/remembered", Fixture, NULL,
              fixture_set_up, test_sign_in_remembered, fixture_tear_down);
  g_test_add ("/wallboard/sign-in/remembered-refused", Fixture, NULL,
              fixture_set_up, test_sign_in_remembered_refused, fixture_tear_down);
  g_test_add ("/wallboard/sign-in/forget", Fixture, NULL,
              fixture_set_up, test_sign_in_forget, fixture_tear_down);

  result = g_test_run ();
  g_clear_object (&app);
  wallboard_test_keyring_stop ();
  return result;
}
