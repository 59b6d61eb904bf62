/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ad-transfer-dialog.h"
#include "demo-test-util.h"

/* Transfers and conferences driven through the dialog's own widgets, with
 * demo mode's colleague agent3 (Carla Mendes, DN 1003) answering, checked
 * on agent1's model and on a second session of agent3. */

typedef struct {
  DemoTest       demo;
  AdInteraction *call1;
  AdSession     *agent3;   /* watches agent3's side */
  GtkWidget     *dialog;
} Fixture;

static GtkWidget *
find_dialog (void)
{
  return demo_test_find_window (AD_TYPE_TRANSFER_DIALOG);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  demo_test_start (&fixture->demo, FALSE);
  demo_test_sign_in (&fixture->demo, FALSE);
  /* agent3 is on its place already: this session only watches. */
  fixture->agent3 = client_test_session_new (&fixture->demo.ts, "agent3", NULL, FALSE);
  fixture->call1 = demo_test_call_out (&fixture->demo);

  ad_transfer_dialog_present (NULL, fixture->demo.agent1, fixture->call1, GPOINTER_TO_INT (data));
  fixture->dialog = find_dialog ();
  g_assert_nonnull (fixture->dialog);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *dialog = find_dialog ();

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&fixture->call1);
  g_clear_object (&fixture->agent3);
  demo_test_stop (&fixture->demo);
}

static GtkWidget *
button (Fixture    *fixture,
        const char *label)
{
  GtkWidget *found = demo_test_find_widget (fixture->dialog, GTK_TYPE_BUTTON, label);

  g_assert_nonnull (found);
  return found;
}

static gboolean
button_shown (GtkWidget  *dialog,
              const char *label)
{
  return gtk_widget_get_visible (demo_test_find_widget (dialog, GTK_TYPE_BUTTON, label));
}

/* Picks a colleague the way a user does: search, then activate the row. */
static void
pick_colleague (Fixture    *fixture,
                const char *query,
                const char *name,
                const char *number)
{
  GtkWidget *search = demo_test_find_widget (fixture->dialog, GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkWidget *number_row = demo_test_find_widget (fixture->dialog, ADW_TYPE_ENTRY_ROW, NULL);
  GtkWidget *list, *row;

  /* The directory comes from the switch on open. */
  CLIENT_TEST_WAIT_UNTIL ((row = demo_test_find_widget (fixture->dialog, ADW_TYPE_ACTION_ROW, name)) != NULL);
  list = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX);
  gtk_editable_set_text (GTK_EDITABLE (search), query);
  /* Only the match is left (filtering applies on the search's timeout). */
  CLIENT_TEST_WAIT_UNTIL (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1) == NULL);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_nonnull (demo_test_find_widget (row, ADW_TYPE_ACTION_ROW, name));

  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number_row)), ==, number);
}

/* agent3's interaction on its watching session, once there is one. */
static AdInteraction *
agent3_call (Fixture *fixture)
{
  return client_test_wait_interaction (fixture->agent3, 1);
}

static guint
n_parties (AdInteraction *interaction)
{
  return g_list_model_get_n_items (ad_interaction_get_parties (interaction));
}

static void
test_transfer_consult (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *consult = button (fixture, "Consult");
  AdInteraction *call3;

  /* Nothing to transfer to yet. */
  g_assert_false (gtk_widget_is_sensitive (consult));
  /* The transfer flows of a talking call, no conference one. */
  g_assert_true (gtk_widget_get_visible (button (fixture, "Transfer")));
  g_assert_true (gtk_widget_get_visible (button (fixture, "Mute Transfer")));
  g_assert_false (gtk_widget_get_visible (button (fixture, "Add to Call")));

  pick_colleague (fixture, "carla", "Carla Mendes", "1003");
  demo_test_click (consult);

  /* Consulting: agent3 answers by itself, then the transfer can complete. */
  CLIENT_TEST_WAIT_UNTIL (demo_test_shows_text (fixture->dialog, "Consulting Carla Mendes"));
  client_test_wait_status (fixture->call1, AD_INTERACTION_STATUS_HELD);
  call3 = agent3_call (fixture);
  client_test_wait_status (call3, AD_INTERACTION_STATUS_TALKING);
  g_assert_cmpint (ad_interaction_get_call_type (call3), ==, AD_CALL_TYPE_CONSULT);
  demo_test_click (button (fixture, "Complete Transfer"));

  client_test_wait_status (fixture->call1, AD_INTERACTION_STATUS_IDLE);
  CLIENT_TEST_WAIT_UNTIL (find_dialog () == NULL);
  /* agent3 now talks to the caller; agent1's consult call is over too. */
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_get_phone_numbers (call3)[0] != NULL &&
                          g_strcmp0 (ad_interaction_get_phone_numbers (call3)[0], "+15550100200") == 0);
  g_assert_cmpint (ad_interaction_get_status (call3), ==, AD_INTERACTION_STATUS_TALKING);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (fixture->demo.agent1)), ==, 2);
  client_test_wait_status (client_test_nth_interaction (fixture->demo.agent1, 1),
                           AD_INTERACTION_STATUS_IDLE);
}

static void
test_conference_consult (Fixture       *fixture,
                         gconstpointer  data)
{
  AdInteraction *call3;

  g_assert_true (gtk_widget_get_visible (button (fixture, "Add to Call")));
  g_assert_false (gtk_widget_get_visible (button (fixture, "Transfer")));
  g_assert_false (gtk_widget_get_visible (button (fixture, "Mute Transfer")));

  pick_colleague (fixture, "1003", "Carla Mendes", "1003");
  demo_test_click (button (fixture, "Consult"));

  CLIENT_TEST_WAIT_UNTIL (demo_test_shows_text (fixture->dialog, "Consulting Carla Mendes"));
  call3 = agent3_call (fixture);
  client_test_wait_status (call3, AD_INTERACTION_STATUS_TALKING);
  demo_test_click (button (fixture, "Complete Conference"));

  /* Call_1 comes back with everybody in it; the dialog is done. */
  CLIENT_TEST_WAIT_UNTIL (find_dialog () == NULL);
  client_test_wait_status (fixture->call1, AD_INTERACTION_STATUS_TALKING);
  CLIENT_TEST_WAIT_UNTIL (n_parties (fixture->call1) == 3);
  CLIENT_TEST_WAIT_UNTIL (n_parties (call3) == 3);
  g_assert_cmpint (ad_interaction_get_status (call3), ==, AD_INTERACTION_STATUS_TALKING);
  g_assert_true (ad_interaction_can (fixture->call1, AD_VOICE_ACTION_LEAVE_CONFERENCE));
}

static void
test_transfer_reconnect (Fixture       *fixture,
                         gconstpointer  data)
{
  AdInteraction *call3;

  pick_colleague (fixture, "Carla", "Carla Mendes", "1003");
  demo_test_click (button (fixture, "Consult"));
  call3 = agent3_call (fixture);
  client_test_wait_status (call3, AD_INTERACTION_STATUS_TALKING);

  demo_test_click (button (fixture, "Reconnect"));
  client_test_wait_status (fixture->call1, AD_INTERACTION_STATUS_TALKING);
  CLIENT_TEST_WAIT_UNTIL (find_dialog () == NULL);
  client_test_wait_status (call3, AD_INTERACTION_STATUS_IDLE);
}

/* Opens the dialog again on @interaction, as the window does. */
static void
reopen (Fixture       *fixture,
        AdInteraction *interaction,
        gboolean       conference)
{
  gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  g_assert_null (find_dialog ());
  ad_transfer_dialog_present (NULL, fixture->demo.agent1, interaction, conference);
  fixture->dialog = find_dialog ();
  g_assert_nonnull (fixture->dialog);
}

/* The dialog closed mid-consultation and opened again, on either leg,
 * shows the consultation with Complete and Reconnect, not the flows of a
 * talking call. */
static void
test_reopen_consult (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AdInteraction) call2 = NULL;
  AdInteraction *call3;

  pick_colleague (fixture, "carla", "Carla Mendes", "1003");
  demo_test_click (button (fixture, "Consult"));
  CLIENT_TEST_WAIT_UNTIL (demo_test_shows_text (fixture->dialog, "Consulting Carla Mendes"));
  call3 = agent3_call (fixture);
  client_test_wait_status (call3, AD_INTERACTION_STATUS_TALKING);
  client_test_wait_status (fixture->call1, AD_INTERACTION_STATUS_HELD);
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_can (fixture->call1, AD_VOICE_ACTION_COMPLETE_TRANSFER));

  reopen (fixture, fixture->call1, FALSE);
  g_assert_true (demo_test_shows_text (fixture->dialog, "Consulting Carla Mendes"));
  g_assert_false (demo_test_shows_text (fixture->dialog, "offers nothing"));
  g_assert_true (button_shown (fixture->dialog, "Complete Transfer"));
  g_assert_true (button_shown (fixture->dialog, "Reconnect"));

  /* From the consult call, and asked for a conference: still this
   * consultation, a transfer. */
  call2 = g_list_model_get_item (ad_session_get_interactions (fixture->demo.agent1), 1);
  g_assert_cmpint (ad_interaction_get_call_type (call2), ==, AD_CALL_TYPE_CONSULT);
  reopen (fixture, call2, TRUE);
  g_assert_true (demo_test_shows_text (fixture->dialog, "Consulting Carla Mendes"));
  g_assert_true (button_shown (fixture->dialog, "Complete Transfer"));
  g_assert_null (demo_test_find_widget (fixture->dialog, GTK_TYPE_BUTTON, "Complete Conference"));

  demo_test_click (button (fixture, "Complete Transfer"));
  client_test_wait_status (fixture->call1, AD_INTERACTION_STATUS_IDLE);
  CLIENT_TEST_WAIT_UNTIL (find_dialog () == NULL);
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_get_phone_numbers (call3)[0] != NULL &&
                          g_strcmp0 (ad_interaction_get_phone_numbers (call3)[0], "+15550100200") == 0);
}

/* Transfer or Mute Transfer (@label) to agent3, who answers the caller. */
static void
transfer_single_step (Fixture    *fixture,
                      const char *label)
{
  AdInteraction *call3;

  pick_colleague (fixture, "Mendes", "Carla Mendes", "1003");
  demo_test_click (button (fixture, label));

  CLIENT_TEST_WAIT_UNTIL (find_dialog () == NULL);
  client_test_wait_status (fixture->call1, AD_INTERACTION_STATUS_IDLE);
  call3 = agent3_call (fixture);
  client_test_wait_status (call3, AD_INTERACTION_STATUS_TALKING);
  g_assert_cmpstr (ad_interaction_get_ani (call3), ==, ad_interaction_get_ani (fixture->call1));
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_get_phone_numbers (call3)[0] != NULL &&
                          g_strcmp0 (ad_interaction_get_phone_numbers (call3)[0], "+15550100200") == 0);
}

static void
test_transfer_single_step (Fixture       *fixture,
                           gconstpointer  data)
{
  transfer_single_step (fixture, "Transfer");
}

static void
test_transfer_mute (Fixture       *fixture,
                    gconstpointer  data)
{
  transfer_single_step (fixture, "Mute Transfer");
}

static void
test_conference_single_step (Fixture       *fixture,
                             gconstpointer  data)
{
  AdInteraction *call3;

  pick_colleague (fixture, "carla", "Carla Mendes", "1003");
  demo_test_click (button (fixture, "Add to Call"));

  CLIENT_TEST_WAIT_UNTIL (find_dialog () == NULL);
  call3 = agent3_call (fixture);
  client_test_wait_status (call3, AD_INTERACTION_STATUS_TALKING);
  /* Everybody is in one call. */
  CLIENT_TEST_WAIT_UNTIL (n_parties (fixture->call1) == 3);
  CLIENT_TEST_WAIT_UNTIL (n_parties (call3) == 3);
  g_assert_cmpint (ad_interaction_get_status (fixture->call1), ==, AD_INTERACTION_STATUS_TALKING);
}

static void
test_transfer_invalid_destination (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *number_row = demo_test_find_widget (fixture->dialog, ADW_TYPE_ENTRY_ROW, NULL);

  gtk_editable_set_text (GTK_EDITABLE (number_row), "12");
  demo_test_click (button (fixture, "Transfer"));

  /* The switch's words; the call stays where it was. */
  CLIENT_TEST_WAIT_UNTIL (demo_test_shows_text (fixture->dialog, "“12”"));
  g_assert_true (find_dialog () == fixture->dialog);
  g_assert_cmpint (ad_interaction_get_status (fixture->call1), ==, AD_INTERACTION_STATUS_TALKING);
}

static void
test_transfer_follows_actions (Fixture       *fixture,
                               gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  /* A held call offers no transfer at all: the dialog says so. */
  ad_interaction_hold_async (fixture->call1, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  client_test_expect_accepted (fixture->call1, result);
  client_test_wait_status (fixture->call1, AD_INTERACTION_STATUS_HELD);

  g_assert_false (gtk_widget_get_visible (button (fixture, "Transfer")));
  g_assert_false (gtk_widget_get_visible (button (fixture, "Mute Transfer")));
  g_assert_false (gtk_widget_get_visible (button (fixture, "Consult")));
  g_assert_true (demo_test_shows_text (fixture->dialog, "offers nothing"));
}

/* In every switch profile, the dialog offers exactly the talking call's
 * flows: no button for what the switch lacks, and a fallback to mute
 * transfer where it has no single-step one. */
static void
test_transfer_profiles (void)
{
  for (AdSwitchProfile profile = AD_SWITCH_PROFILE_FULL;
       profile <= AD_SWITCH_PROFILE_BASIC;
       profile++)
    {
      AdSwitchOptions options;
      ClientTestSwitch *ts;
      g_autoptr(AdSession) session = NULL;
      g_autoptr(AdInteraction) call = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      GAsyncResult *slot = NULL;
      AdVoiceAction actions;

      client_test_switch_options_init (&options, profile);
      ts = client_test_switch_new (&options);
      session = client_test_session_new (ts, "agent1", "place1001", FALSE);
      ad_session_create_interaction_async (session, NULL, "+15550100200", NULL,
                                           client_test_store_result, &slot);
      result = client_test_wait_result (&slot);
      call = ad_session_create_interaction_finish (session, result, NULL);
      client_test_wait_status (call, AD_INTERACTION_STATUS_TALKING);
      actions = ad_interaction_get_actions_possible (call);

      for (guint conference = 0; conference <= 1; conference++)
        {
          GtkWidget *dialog;
          gboolean transfer, mute, add, consult;

          ad_transfer_dialog_present (NULL, session, call, conference);
          dialog = find_dialog ();

          transfer = !conference && (actions & (AD_VOICE_ACTION_SINGLE_STEP_TRANSFER |
                                                AD_VOICE_ACTION_MUTE_TRANSFER));
          mute = !conference && (actions & AD_VOICE_ACTION_SINGLE_STEP_TRANSFER) &&
                 (actions & AD_VOICE_ACTION_MUTE_TRANSFER);
          add = conference && (actions & AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE);
          consult = (actions & (conference ? AD_VOICE_ACTION_INIT_CONFERENCE
                                           : AD_VOICE_ACTION_INIT_TRANSFER)) != 0;
          g_assert_cmpint (button_shown (dialog, "Transfer"), ==, transfer);
          g_assert_cmpint (button_shown (dialog, "Mute Transfer"), ==, mute);
          g_assert_cmpint (button_shown (dialog, "Add to Call"), ==, add);
          g_assert_cmpint (button_shown (dialog, "Consult"), ==, consult);
          g_assert_cmpint (demo_test_shows_text (dialog, "offers nothing"), ==,
                           !transfer && !mute && !add && !consult);
          gtk_window_destroy (GTK_WINDOW (dialog));
        }

      if (profile == AD_SWITCH_PROFILE_NO_SINGLE_STEP_TRANSFER)
        g_assert_true (!(actions & AD_VOICE_ACTION_SINGLE_STEP_TRANSFER) &&
                       (actions & AD_VOICE_ACTION_MUTE_TRANSFER));
      if (profile == AD_SWITCH_PROFILE_BASIC)
        g_assert_false (actions & (AD_VOICE_ACTION_SINGLE_STEP_TRANSFER |
                                   AD_VOICE_ACTION_INIT_CONFERENCE));

      g_clear_object (&call);
      g_clear_object (&session);
      client_test_switch_free (ts);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/transfer-dialog/profiles", test_transfer_profiles);
  g_test_add ("/transfer-dialog/consult-transfer", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_transfer_consult, fixture_tear_down);
  g_test_add ("/transfer-dialog/consult-conference", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_conference_consult, fixture_tear_down);
  g_test_add ("/transfer-dialog/reconnect", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_transfer_reconnect, fixture_tear_down);
  g_test_add ("/transfer-dialog/reopen-consult", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_reopen_consult, fixture_tear_down);
  g_test_add ("/transfer-dialog/single-step", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_transfer_single_step, fixture_tear_down);
  g_test_add ("/transfer-dialog/mute", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_transfer_mute, fixture_tear_down);
  g_test_add ("/transfer-dialog/single-step-conference", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_conference_single_step, fixture_tear_down);
  g_test_add ("/transfer-dialog/invalid-destination", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_transfer_invalid_destination, fixture_tear_down);
  g_test_add ("/transfer-dialog/follows-actions", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_transfer_follows_actions, fixture_tear_down);

  return g_test_run ();
}
