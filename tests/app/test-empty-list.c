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

/* The first widget below @root that is shown (mapped) and of @type (and
 * a button for win.agent-login when @log_in), or NULL. */
static GtkWidget *
find_shown (GtkWidget *root,
            GType      type,
            gboolean   log_in)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root) &&
      (!log_in || g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)),
                             "win.agent-login") == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown (child, type, log_in);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The empty list's page shown now. */
static GtkWidget *
shown_page (Fixture *f)
{
  GtkWidget *page = find_shown (GTK_WIDGET (f->window), ADW_TYPE_STATUS_PAGE, FALSE);

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
  g_assert_null (find_shown (shown_page (f), GTK_TYPE_BUTTON, TRUE));

  /* Logged out by a supervisor: no more "place one", but a way back. */
  dto = ad_call_center_agent_logout (center, "agent1", &error);
  g_assert_no_error (error);
  CLIENT_TEST_WAIT_UNTIL (ad_agent_get_status (agent) == AD_AGENT_STATUS_LOGGED_OUT);
  CLIENT_TEST_WAIT_UNTIL (demo_test_shows_text (shown_page (f), LOGGED_OUT_TEXT));
  g_assert_false (demo_test_shows_text (GTK_WIDGET (f->window), ON_PLACE_TEXT));
  button = find_shown (shown_page (f), GTK_TYPE_BUTTON, TRUE);
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
