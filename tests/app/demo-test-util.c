/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "demo-test-util.h"

#include <string.h>

void
demo_test_start (DemoTest *test,
                 gboolean  simulation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  test->demo = g_object_new (AD_TYPE_DEMO,
                             "seed", 4242,
                             "simulation-enabled", simulation,
                             NULL);
  ad_demo_start_async (test->demo, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  ad_demo_start_finish (test->demo, result, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (ad_demo_get_base_url (test->demo), "http://127.0.0.1:"));

  test->ts.server = ad_demo_get_server (test->demo);
  test->ts.base_url = (char *) ad_demo_get_base_url (test->demo);
  test->agent1 = NULL;
}

void
demo_test_sign_in (DemoTest *test,
                   gboolean  ready)
{
  g_assert_null (test->agent1);
  test->agent1 = client_test_session_new (&test->ts, "agent1", "place1001", ready);
}

void
demo_test_stop (DemoTest *test)
{
  g_clear_object (&test->agent1);
  /* Disposing demo mode stops everything: nothing may keep it alive. */
  g_assert_finalize_object (g_steal_pointer (&test->demo));
}

AdAgentStatus
demo_test_agent_status (DemoTest   *test,
                        const char *agent_id)
{
  AdCallCenter *center = ad_switch_server_get_call_center (test->ts.server);
  g_autoptr(JsonObject) dto = ad_call_center_get_agent (center, agent_id, NULL);

  g_assert_nonnull (dto);
  return ad_agent_status_from_string (json_object_get_string_member (dto, AD_AGENT_ATTR_STATUS));
}

AdInteraction *
demo_test_call_out (DemoTest *test)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  AdInteraction *call;

  ad_session_create_interaction_async (test->agent1, NULL, "+15550100200", NULL,
                                       client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  call = ad_session_create_interaction_finish (test->agent1, result, &error);
  g_assert_no_error (error);
  client_test_wait_status (call, AD_INTERACTION_STATUS_TALKING);
  return call;
}

GtkWidget *
demo_test_find (GtkWidget     *root,
                DemoTestMatch  match,
                gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = demo_test_find (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_button_for (GtkWidget     *widget,
               gconstpointer  action_name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

GtkWidget *
demo_test_find_button (GtkWidget  *root,
                       const char *action_name)
{
  return demo_test_find (root, is_button_for, action_name);
}

static gboolean
is_labelled (GtkWidget     *widget,
             gconstpointer  label)
{
  return (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), label) == 0) ||
         (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0);
}

typedef struct {
  GType       type;
  const char *label;
} TypeAndLabel;

static gboolean
is_type_with_label (GtkWidget     *widget,
                    gconstpointer  data)
{
  const TypeAndLabel *sought = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, sought->type) &&
         (sought->label == NULL || demo_test_find (widget, is_labelled, sought->label) != NULL);
}

GtkWidget *
demo_test_find_widget (GtkWidget  *root,
                       GType       type,
                       const char *label)
{
  TypeAndLabel sought = { type, label };

  return demo_test_find (root, is_type_with_label, &sought);
}

static gboolean
is_label_showing (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

gboolean
demo_test_shows_text (GtkWidget  *root,
                      const char *text)
{
  return demo_test_find (root, is_label_showing, text) != NULL;
}

GtkWidget *
demo_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWidget *window = g_list_model_get_item (toplevels, i);

      /* The list keeps its windows alive. */
      g_object_unref (window);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

void
demo_test_click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  CLIENT_TEST_WAIT_UNTIL (gtk_widget_is_visible (button) && gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

AdSession *
demo_test_sign_in_window (AdWindow   *window,
                          const char *base_url)
{
  AdSignInPage *page = ad_window_get_sign_in_page (window);
  AdSession *session;

  ad_sign_in_page_set_remember (page, FALSE);
  ad_sign_in_page_fill (page, base_url, "agent1", "demo", "place1001");
  ad_sign_in_page_submit (page);
  CLIENT_TEST_WAIT_UNTIL (!ad_sign_in_page_get_busy (page));
  g_assert_null (ad_sign_in_page_get_error (page));
  session = ad_window_get_session (window);
  g_assert_nonnull (session);
  return session;
}
