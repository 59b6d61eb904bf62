/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ad-dialpad.h"
#include "ad-new-call-dialog.h"
#include "demo-test-util.h"

/* The new-call dialog on a real window, against demo mode's switch. */

static GtkWidget *
find_dialog (void)
{
  return demo_test_find_window (AD_TYPE_NEW_CALL_DIALOG);
}

static void
dial (GtkWidget  *dialog,
      const char *digits)
{
  GtkWidget *dialpad = demo_test_find_widget (dialog, AD_TYPE_DIALPAD, NULL);

  g_assert_nonnull (dialpad);
  for (const char *d = digits; *d != '\0'; d++)
    {
      char digit[2] = { *d, '\0' };

      demo_test_click (demo_test_find_widget (dialpad, GTK_TYPE_BUTTON, digit));
    }
}

static void
test_new_call_invalid_number (void)
{
  DemoTest test;
  AdCallCenter *center;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(GError) expected = NULL;
  GtkWidget *dialog, *entry;

  demo_test_start (&test, FALSE);
  demo_test_sign_in (&test, FALSE);

  ad_new_call_dialog_present (NULL, test.agent1);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);

  /* Nothing to call yet. */
  g_assert_false (gtk_widget_is_sensitive (demo_test_find_widget (dialog, GTK_TYPE_BUTTON, "Call")));
  dial (dialog, "12");
  entry = demo_test_find_widget (dialog, GTK_TYPE_ENTRY, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "12");
  demo_test_click (demo_test_find_widget (dialog, GTK_TYPE_BUTTON, "Call"));

  /* What the switch answers such a request, word for word. */
  center = ad_switch_server_get_call_center (test.ts.server);
  json_object_set_string_member (body, "dnId", "1001");
  json_object_set_string_member (body, "destination", "12");
  created = ad_call_center_create_interaction (center, "agent1", body, &expected);
  g_assert_error (expected, AD_ERROR, AD_ERROR_INVALID_DESTINATION);

  CLIENT_TEST_WAIT_UNTIL (demo_test_shows_text (dialog, expected->message));
  /* The dialog stays for a corrected number. */
  g_assert_true (find_dialog () == dialog);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (test.agent1)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  demo_test_stop (&test);
}

static void
test_new_call_dials (void)
{
  DemoTest test;
  GtkWidget *dialog, *entry;
  AdInteraction *call;

  demo_test_start (&test, FALSE);
  demo_test_sign_in (&test, FALSE);

  ad_new_call_dialog_present (NULL, test.agent1);
  dialog = find_dialog ();
  entry = demo_test_find_widget (dialog, GTK_TYPE_ENTRY, NULL);
  /* Typed as people write numbers. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "+1 (555) 010-0200");
  demo_test_click (demo_test_find_widget (dialog, GTK_TYPE_BUTTON, "Call"));

  CLIENT_TEST_WAIT_UNTIL (find_dialog () == NULL);
  call = client_test_wait_interaction (test.agent1, 1);
  g_assert_cmpstr (ad_interaction_get_dn_id (call), ==, "1001");
  client_test_wait_status (call, AD_INTERACTION_STATUS_TALKING);
  g_assert_cmpstr (ad_interaction_get_phone_numbers (call)[0], ==, "+15550100200");

  demo_test_stop (&test);
}

static void
test_new_call_agent_logged_out (void)
{
  DemoTest test;
  GtkWidget *dialog;
  g_autoptr(AdSession) session = NULL;

  demo_test_start (&test, FALSE);
  /* Signed in, but on no place: the switch has no DN to call from. */
  session = client_test_session_new (&test.ts, "agent1", NULL, FALSE);

  ad_new_call_dialog_present (NULL, session);
  dialog = find_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (demo_test_find_widget (dialog, GTK_TYPE_ENTRY, NULL)),
                         "1003");
  demo_test_click (demo_test_find_widget (dialog, GTK_TYPE_BUTTON, "Call"));
  CLIENT_TEST_WAIT_UNTIL (demo_test_shows_text (dialog, "cannot make a call"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  demo_test_stop (&test);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/new-call-dialog/invalid-number", test_new_call_invalid_number);
  g_test_add_func ("/new-call-dialog/dials", test_new_call_dials);
  g_test_add_func ("/new-call-dialog/agent-logged-out", test_new_call_agent_logged_out);

  return g_test_run ();
}
