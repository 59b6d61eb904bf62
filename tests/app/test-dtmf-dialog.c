/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ad-dialpad.h"
#include "ad-dtmf-dialog.h"
#include "demo-test-util.h"

/* Tones from the dialog's keys reach the switch in order. */

static GtkWidget *
find_dialog (void)
{
  return demo_test_find_window (AD_TYPE_DTMF_DIALOG);
}

/* Collects the digits the switch played on agent1's call. */
static void
on_interaction_event (AdCallCenter *center,
                      const char   *interaction_id,
                      const char   *agent_id,
                      const char   *dn_id,
                      const char   *place_id,
                      JsonObject   *dto,
                      GString      *played)
{
  JsonObject *extensions = json_object_get_object_member (dto, AD_ATTR_EXTENSIONS);

  if (g_strcmp0 (agent_id, "agent1") == 0 && extensions != NULL &&
      json_object_has_member (extensions, "dtmfDigits"))
    g_string_append (played, json_object_get_string_member (extensions, "dtmfDigits"));
}

static void
test_dtmf_sends_keys (void)
{
  DemoTest test;
  g_autoptr(GString) played = g_string_new (NULL);
  g_autoptr(AdInteraction) call = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GtkWidget *dialog, *dialpad;

  demo_test_start (&test, FALSE);
  demo_test_sign_in (&test, FALSE);
  g_signal_connect (ad_switch_server_get_call_center (test.ts.server), "interaction-event",
                    G_CALLBACK (on_interaction_event), played);
  call = demo_test_call_out (&test);

  ad_dtmf_dialog_present (NULL, call);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  dialpad = demo_test_find_widget (dialog, AD_TYPE_DIALPAD, NULL);

  /* Clicked quickly: each waits for the one before. */
  demo_test_click (demo_test_find_widget (dialpad, GTK_TYPE_BUTTON, "1"));
  demo_test_click (demo_test_find_widget (dialpad, GTK_TYPE_BUTTON, "2"));
  g_assert_true (ad_dialpad_press_keyval (AD_DIALPAD (dialpad), GDK_KEY_numbersign));
  g_assert_false (ad_dialpad_press_keyval (AD_DIALPAD (dialpad), GDK_KEY_a));
  g_assert_true (ad_dialpad_press_keyval (AD_DIALPAD (dialpad), GDK_KEY_KP_9));
  CLIENT_TEST_WAIT_UNTIL (g_strcmp0 (played->str, "12#9") == 0);
  g_assert_true (demo_test_shows_text (dialog, "12#9"));

  /* The call ends: so does the dialog. */
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_get_pending_action (call) == AD_VOICE_ACTION_NONE);
  ad_interaction_release_async (call, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  client_test_expect_accepted (call, result);
  CLIENT_TEST_WAIT_UNTIL (find_dialog () == NULL);

  g_signal_handlers_disconnect_by_data (ad_switch_server_get_call_center (test.ts.server), played);
  demo_test_stop (&test);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/dtmf-dialog/sends-keys", test_dtmf_sends_keys);

  return g_test_run ();
}
