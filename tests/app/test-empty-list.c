/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "TestEmptyList"

#include "config.h"

#include "ad-window.h"
#include "demo-test-util.h"

/* What the window's empty call list says: how calls come while the agent
 * is logged in on its place, and, once a supervisor has logged it out,
 * that none come until it logs in again, with the button that does. */

#define ON_PLACE_TEXT "Press Ctrl+N to place one."
#define LOGGED_OUT_TEXT "Calls reach you once you log in to your place again."

typedef struct {
  ClientTestSwitch *ts;
  AdWindow         *window;
  AdSession        *session;
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
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  g_clear_pointer (&f->ts, client_test_switch_free);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The empty list's status page, and its button to log in again, when
 * shown (mapped). */
static gboolean
is_shown_page (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
is_shown_log_in_button (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                    "win.agent-login") == 0;
}

/* The empty list's page shown now. */
static GtkWidget *
shown_page (Fixture *f)
{
  GtkWidget *page = demo_test_find (GTK_WIDGET (f->window), is_shown_page, NULL);

  g_assert_nonnull (page);
  return page;
}

static void
test_logged_out (Fixture       *f,
                 gconstpointer  data)
{
  AdCallCenter *center = ad_switch_server_get_call_center (f->ts->server);
  AdAgent *agent = ad_session_get_agent (f->session);
  g_autoptr(JsonObject) dto = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button;

  /* On the place: calls come, and the agent can place one. */
  CLIENT_TEST_WAIT_UNTIL (demo_test_shows_text (shown_page (f), ON_PLACE_TEXT));
  g_assert_false (demo_test_shows_text (GTK_WIDGET (f->window), LOGGED_OUT_TEXT));
  g_assert_null (demo_test_find (shown_page (f), is_shown_log_in_button, NULL));

  /* Logged out by a supervisor: no more "place one", but a way back. */
  dto = ad_call_center_agent_logout (center, "agent1", &error);
  g_assert_no_error (error);
  CLIENT_TEST_WAIT_UNTIL (ad_agent_get_status (agent) == AD_AGENT_STATUS_LOGGED_OUT);
  CLIENT_TEST_WAIT_UNTIL (demo_test_shows_text (shown_page (f), LOGGED_OUT_TEXT));
  g_assert_false (demo_test_shows_text (GTK_WIDGET (f->window), ON_PLACE_TEXT));
  button = demo_test_find (shown_page (f), is_shown_log_in_button, NULL);
  g_assert_nonnull (button);

  demo_test_click (button);
  CLIENT_TEST_WAIT_UNTIL (ad_agent_get_status (agent) == AD_AGENT_STATUS_NOT_READY);
  g_assert_cmpstr (ad_call_center_get_place_agent (center, "place1001"), ==, "agent1");
  CLIENT_TEST_WAIT_UNTIL (demo_test_shows_text (GTK_WIDGET (f->window), ON_PLACE_TEXT));
  g_assert_false (demo_test_shows_text (GTK_WIDGET (f->window), LOGGED_OUT_TEXT));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/empty-list/logged-out", test_logged_out);

#undef ADD

  return g_test_run ();
}
