/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "TestOffline"

#include "config.h"

#include <glib/gstdio.h>

#include "ad-agent-status-button.h"
#include "ad-auth.h"
#include "ad-center-config.h"
#include "ad-new-call-dialog.h"
#include "ad-window.h"
#include "demo-test-util.h"

/* The window's session-level controls (the agent state button and
 * win.agent-state, win.new-call, win.agent-login) while the session is
 * not in step with the switch: off while the switch cannot be reached
 * (requests would fail at once) and on again once the session is back;
 * off for good once the session went OFFLINE because the switch no longer
 * takes the kept password. Signing out stays possible throughout. */

typedef struct {
  ClientTestSwitch *ts;
  AdWindow         *window;
  AdSession        *session;
  char             *config_dir;
  char             *config_file;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  AdSwitchOptions options;

  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);
  f->ts = client_test_switch_new (&options);
  f->window = g_object_ref_sink (ad_window_new (NULL));
  gtk_window_present (GTK_WINDOW (f->window));

  f->session = demo_test_sign_in_window (f->window, f->ts->base_url);
  /* Reconnects come quickly; the switch sends keepalives often enough. */
  ad_session_set_stream_timing (f->session, 20000, 20, 100);
  CLIENT_TEST_WAIT_UNTIL (ad_session_get_connection_state (f->session) ==
                          AD_CONNECTION_STATE_CONNECTED);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  g_clear_pointer (&f->ts, client_test_switch_free);
  if (f->config_file != NULL)
    g_unlink (f->config_file);
  if (f->config_dir != NULL)
    g_rmdir (f->config_dir);
  g_clear_pointer (&f->config_file, g_free);
  g_clear_pointer (&f->config_dir, g_free);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
enabled (Fixture    *f,
         const char *action)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), action);
}

/* The agent state button's menu button. */
static GtkWidget *
state_button (Fixture *f)
{
  GtkWidget *button = demo_test_find_widget (GTK_WIDGET (f->window),
                                             AD_TYPE_AGENT_STATUS_BUTTON, NULL);

  g_assert_nonnull (button);
  button = demo_test_find_widget (button, GTK_TYPE_MENU_BUTTON, NULL);
  g_assert_nonnull (button);
  return button;
}

/* The agent on its place, in step with the switch: everything on. */
static void
assert_controls_on (Fixture *f)
{
  g_assert_true (enabled (f, "agent-state"));
  g_assert_true (enabled (f, "new-call"));
  g_assert_true (enabled (f, "sign-out"));
  g_assert_true (gtk_widget_get_sensitive (state_button (f)));
}

static void
assert_controls_off (Fixture *f)
{
  g_assert_false (enabled (f, "agent-state"));
  g_assert_false (enabled (f, "new-call"));
  g_assert_false (enabled (f, "agent-login"));
  g_assert_true (enabled (f, "sign-out"));
  g_assert_false (gtk_widget_get_sensitive (state_button (f)));
}

/* A center where every account's password is @password. */
static void
write_config (Fixture    *f,
              const char *password)
{
  g_autoptr(JsonObject) config = ad_center_config_new_demo ();
  JsonArray *agents = json_object_get_array_member (config, "agents");
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *text = NULL;

  f->config_dir = g_dir_make_tmp ("offline-test-XXXXXX", &error);
  g_assert_no_error (error);
  /* Few iterations: the test's own throwaway accounts. */
  hash = ad_auth_hash_password (password, 1000);
  for (guint i = 0; i < json_array_get_length (agents); i++)
    json_object_set_string_member (json_array_get_object_element (agents, i), "password", hash);

  f->config_file = g_build_filename (f->config_dir, "center.json", NULL);
  text = ad_json_object_to_string (config);
  g_assert_true (g_file_set_contents (f->config_file, text, -1, &error));
  g_assert_no_error (error);
}

/* The switch goes away and comes back on the same port: while it cannot
 * be reached the controls are off, and on again once the session is back
 * in step (signed in again, the agent back on its place). */
static void
test_reconnecting (Fixture       *f,
                   gconstpointer  data)
{
  AdAgent *agent = ad_session_get_agent (f->session);

  assert_controls_on (f);

  ad_switch_server_shutdown (f->ts->server);
  CLIENT_TEST_WAIT_UNTIL (ad_session_get_connection_state (f->session) ==
                          AD_CONNECTION_STATE_RECONNECTING);
  assert_controls_off (f);
  g_assert_null (ad_session_get_connection_error (f->session));

  client_test_switch_restart (f->ts);
  CLIENT_TEST_WAIT_UNTIL (ad_session_get_connection_state (f->session) ==
                          AD_CONNECTION_STATE_CONNECTED);
  CLIENT_TEST_WAIT_UNTIL (ad_agent_get_status (agent) != AD_AGENT_STATUS_LOGGED_OUT);
  assert_controls_on (f);

  /* And they work: the agent's state goes through to the switch. */
  g_action_group_change_action_state (G_ACTION_GROUP (f->window), "agent-state",
                                      g_variant_new_string ("ready"));
  CLIENT_TEST_WAIT_UNTIL (ad_agent_get_status (agent) == AD_AGENT_STATUS_READY);
  g_assert_cmpint (ad_agent_get_status (agent), ==, AD_AGENT_STATUS_READY);
}

/* The New Call dialog follows the session as the window's controls do: its
 * Call button is off, with the reason shown, while the switch cannot be
 * reached, and on again, the number still typed in, once it is back. */
static void
test_new_call_dialog (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *dialog, *entry, *call;

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "new-call", NULL);
  dialog = demo_test_find_window (AD_TYPE_NEW_CALL_DIALOG);
  g_assert_nonnull (dialog);
  entry = demo_test_find_widget (dialog, GTK_TYPE_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "5550100");
  call = demo_test_find_widget (dialog, GTK_TYPE_BUTTON, "Call");
  g_assert_true (gtk_widget_get_sensitive (call));

  ad_switch_server_shutdown (f->ts->server);
  CLIENT_TEST_WAIT_UNTIL (ad_session_get_connection_state (f->session) ==
                          AD_CONNECTION_STATE_RECONNECTING);
  g_assert_false (gtk_widget_get_sensitive (call));
  CLIENT_TEST_WAIT_UNTIL (demo_test_shows_text (dialog, "The switch cannot be reached"));

  client_test_switch_restart (f->ts);
  CLIENT_TEST_WAIT_UNTIL (ad_session_get_connection_state (f->session) ==
                          AD_CONNECTION_STATE_CONNECTED);
  g_assert_true (gtk_widget_get_sensitive (call));
  g_assert_false (demo_test_shows_text (dialog, "The switch cannot be reached"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "5550100");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The switch comes back with another password: the session gives up and
 * stays OFFLINE, and the controls stay off. The banner says the password
 * was refused and offers to sign in again. */
static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *sign_in_again;
  guint *n_giving_up;

  assert_controls_on (f);

  write_config (f, "changed");
  f->ts->options.config_file = f->config_file;
  n_giving_up = client_test_count_giving_up ();
  client_test_switch_restart (f->ts);
  CLIENT_TEST_WAIT_UNTIL (ad_session_get_connection_state (f->session) ==
                          AD_CONNECTION_STATE_OFFLINE);
  g_assert_cmpuint (*n_giving_up, ==, 1);
  g_assert_error (ad_session_get_connection_error (f->session), AD_ERROR, AD_ERROR_UNAUTHORIZED);
  assert_controls_off (f);

  /* Ctrl+N opens no dialog for a call that could not be placed. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "new-call", NULL);
  g_assert_null (demo_test_find_window (AD_TYPE_NEW_CALL_DIALOG));

  CLIENT_TEST_WAIT_UNTIL (demo_test_shows_text (GTK_WIDGET (f->window),
                                                "the switch no longer accepts your password"));
  sign_in_again = demo_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "Sign In Again");
  g_assert_nonnull (sign_in_again);

  /* Signing out is still possible: the banner's button leads back to the
   * sign-in page. */
  demo_test_click (sign_in_again);
  g_assert_null (ad_window_get_session (f->window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/offline/reconnecting", test_reconnecting);
  ADD ("/offline/new-call-dialog", test_new_call_dialog);
  ADD ("/offline/password-refused", test_offline);

#undef ADD

  return g_test_run ();
}
