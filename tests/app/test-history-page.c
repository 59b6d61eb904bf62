/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ad-history-page.h"
#include "demo-test-util.h"

/* The history page in a real window, fed by demo mode's switch. */

static void
answer (AdInteraction *call)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  client_test_wait_status (call, AD_INTERACTION_STATUS_RINGING);
  ad_interaction_answer_async (call, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  client_test_expect_accepted (call, result);
  client_test_wait_status (call, AD_INTERACTION_STATUS_TALKING);
}

static void
finish_call (AdInteraction *call,
             const char    *disposition,
             const char    *notes)
{
  GAsyncResult *slot = NULL;
  GAsyncResult *result;

  ad_interaction_release_async (call, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  client_test_expect_accepted (call, result);
  g_object_unref (result);
  client_test_wait_status (call, AD_INTERACTION_STATUS_IDLE);

  ad_interaction_mark_done_async (call, disposition, notes, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  client_test_expect_accepted (call, result);
  g_object_unref (result);
}

/* The title of the history's row @index. */
static const char *
row_title (GtkWidget *page,
           int        index)
{
  GtkWidget *list = demo_test_find_widget (page, GTK_TYPE_LIST_BOX, NULL);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index);

  return row ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
}

static void
test_history_after_mark_done (void)
{
  DemoTest test;
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = ad_history_page_new ();
  g_autoptr(AdInteraction) first = NULL;
  g_autoptr(AdInteraction) second = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *call_id = NULL;

  demo_test_start (&test, FALSE);
  demo_test_sign_in (&test, TRUE);
  adw_window_set_content (ADW_WINDOW (window), page);
  ad_history_page_set_session (AD_HISTORY_PAGE (page), test.agent1);
  gtk_window_present (GTK_WINDOW (window));

  /* Nothing yet. */
  CLIENT_TEST_WAIT_UNTIL (demo_test_shows_text (page, "No Calls Yet"));

  first = demo_test_call_out (&test);
  finish_call (first, "RESOLVED", "Explained the new plan");
  /* Marking done refreshes the page by itself. */
  CLIENT_TEST_WAIT_UNTIL (demo_test_shows_text (page, "Explained the new plan"));
  g_assert_false (demo_test_shows_text (page, "No Calls Yet"));
  g_assert_true (demo_test_shows_text (page, "Outbound"));
  g_assert_true (demo_test_shows_text (page, "Resolved"));
  g_assert_cmpstr (row_title (page, 0), ==, "+15550100200");

  /* A customer's call, with the name the caller brought along. */
  json_object_set_string_member (body, "ani", "+4930123456");
  json_object_set_string_member (body, "queue", "support");
  json_object_set_object_member (body, "attachedData", json_object_new ());
  json_object_set_string_member (json_object_get_object_member (body, "attachedData"),
                                 "CustomerName", "Ida Hansen");
  call_id = ad_call_center_sim_inbound (ad_switch_server_get_call_center (test.ts.server), body, &error);
  g_assert_no_error (error);
  second = g_object_ref (client_test_wait_interaction (test.agent1, 1));
  answer (second);
  finish_call (second, "FOLLOW_UP", NULL);

  /* Newest first. */
  CLIENT_TEST_WAIT_UNTIL (g_strcmp0 (row_title (page, 0), "Ida Hansen (+4930123456)") == 0);
  g_assert_cmpstr (row_title (page, 1), ==, "+15550100200");
  g_assert_true (demo_test_shows_text (page, "Follow-up"));
  g_assert_true (demo_test_shows_text (page, "Inbound"));

  gtk_window_destroy (GTK_WINDOW (window));
  demo_test_stop (&test);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/history-page/after-mark-done", test_history_after_mark_done);

  return g_test_run ();
}
