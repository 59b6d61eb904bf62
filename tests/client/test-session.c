/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "client-test-util.h"
#include "ad-client-private.h"

#include <string.h>

/* Two agents on their places, READY, against a switch of some profile. */
typedef struct {
  ClientTestSwitch *ts;
  AdSession        *a;   /* agent1 on place1001 */
  AdSession        *b;   /* agent2 on place1002 */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  AdSwitchOptions options;

  client_test_switch_options_init (&options, (AdSwitchProfile) GPOINTER_TO_INT (data));
  f->ts = client_test_switch_new (&options);
  f->a = client_test_session_new (f->ts, "agent1", "place1001", TRUE);
  f->b = client_test_session_new (f->ts, "agent2", "place1002", TRUE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  client_test_switch_free (f->ts);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL), \
              fixture_set_up, func, fixture_tear_down)

/* An inbound call from the sales queue rings on @session (the only READY
 * agent) and is answered. */
static AdInteraction *
answered_inbound (Fixture   *f,
                  AdSession *session,
                  char     **call_id)
{
  GListModel *model = ad_session_get_interactions (session);
  guint before = g_list_model_get_n_items (model);
  g_autofree char *id = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  AdInteraction *interaction;

  id = client_test_sim_inbound (session, NULL,
                                session == f->a ? "1001" : "1002", "+15551230000");
  interaction = client_test_wait_interaction (session, before + 1);
  client_test_wait_status (interaction, AD_INTERACTION_STATUS_RINGING);

  ad_interaction_answer_async (interaction, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  client_test_expect_accepted (interaction, result);
  client_test_wait_status (interaction, AD_INTERACTION_STATUS_TALKING);

  if (call_id != NULL)
    *call_id = g_steal_pointer (&id);
  return interaction;
}

static void
test_login (Fixture       *f,
            gconstpointer  data)
{
  AdAgent *agent = ad_session_get_agent (f->a);
  GListModel *dns = ad_agent_get_dns (agent);
  g_autoptr(AdDn) dn = NULL;

  g_assert_cmpstr (ad_agent_get_id (agent), ==, "agent1");
  g_assert_nonnull (ad_agent_get_name (agent));
  g_assert_cmpint (ad_agent_get_status (agent), ==, AD_AGENT_STATUS_READY);
  g_assert_cmpstr (ad_agent_get_place_id (agent), ==, "place1001");
  g_assert_nonnull (ad_agent_get_status_since (agent));
  g_assert_cmpuint (g_list_model_get_n_items (dns), ==, 1);
  dn = g_list_model_get_item (dns, 0);
  g_assert_true (ad_dn_get_can_create_interaction (dn));
  g_assert_cmpstr (ad_dn_get_number (dn), ==, "1001");
  g_assert_true (ad_agent_can_create_interaction (agent, NULL));
  g_assert_cmpint (ad_session_get_role (f->a), ==, AD_ROLE_AGENT);
  g_assert_cmpstr (ad_session_get_profile (f->a), ==, "full");
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_reason_codes (f->a)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_dispositions (f->a)), >, 0);
  g_assert_nonnull (ad_session_get_queues (f->a));
  g_assert_true (g_strv_contains (ad_session_get_queues (f->a), "sales"));
  g_assert_true (g_strv_contains (ad_agent_get_queues (agent), "support"));
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (f->a)), ==, 0);
}


static void
test_inbound_answer (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *call_id = NULL;
  g_autoptr(NotifyLog) log = NULL;
  AdInteraction *interaction;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GListModel *model = ad_session_get_interactions (f->a);

  /* Only agent1 is READY. */
  ad_session_not_ready_async (f->b, NULL, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  g_assert_true (ad_session_finish (f->b, result, NULL));
  g_clear_object (&result);

  call_id = client_test_sim_inbound (f->a, "sales", NULL, "+15551230000");
  interaction = client_test_wait_interaction (f->a, 1);
  client_test_wait_status (interaction, AD_INTERACTION_STATUS_RINGING);

  g_assert_cmpstr (ad_interaction_get_ani (interaction), ==, "+15551230000");
  g_assert_cmpstr (ad_interaction_get_dnis (interaction), ==, "8000");
  g_assert_cmpint (ad_interaction_get_call_type (interaction), ==, AD_CALL_TYPE_INBOUND);
  g_assert_cmpstr (ad_interaction_get_agent_id (interaction), ==, "agent1");
  g_assert_true (ad_interaction_get_actions_possible (interaction) & AD_VOICE_ACTION_ANSWER_CALL);
  CLIENT_TEST_WAIT_UNTIL (ad_agent_get_status (ad_session_get_agent (f->a)) == AD_AGENT_STATUS_BUSY);

  log = notify_log_new (interaction);
  ad_interaction_answer_async (interaction, NULL, client_test_store_result, &slot);
  g_assert_cmpint (ad_interaction_get_pending_action (interaction), ==, AD_VOICE_ACTION_ANSWER_CALL);
  g_assert_cmpstr (notify_log_last_value (log, "pending-action"), ==, "((AdVoiceAction) AD_VOICE_ACTION_ANSWER_CALL)");
  result = client_test_wait_result (&slot);
  client_test_expect_accepted (interaction, result);
  client_test_wait_status (interaction, AD_INTERACTION_STATUS_TALKING);

  g_assert_cmpuint (notify_log_count (log, "status"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "pending-action"), ==, 2);
  g_assert_cmpuint (notify_log_count (log, "actions-possible"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "ani"), ==, 0);
  g_assert_cmpuint (notify_log_count (log, "call-type"), ==, 0);
  g_assert_false (ad_interaction_get_actions_possible (interaction) & AD_VOICE_ACTION_ANSWER_CALL);
  g_assert_true (ad_interaction_get_actions_possible (interaction) & AD_VOICE_ACTION_RELEASE_CALL);
  g_assert_cmpuint (g_list_model_get_n_items (ad_interaction_get_parties (interaction)), >=, 2);

  g_assert_cmpstr (notify_log_last_value (log, "pending-action"), ==, "((AdVoiceAction) AD_VOICE_ACTION_NONE)");
  g_assert_cmpstr (notify_log_last_value (log, "status"), ==, "((AdInteractionStatus) AD_INTERACTION_STATUS_TALKING)");

  /* The clock ticks between events. */
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_get_duration (interaction) >= 1);
  g_assert_cmpstr (notify_log_last_value (log, "duration"), !=, "0");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
}


static void
expect_ok (AdInteraction  *interaction,
           GAsyncResult  **slot)
{
  g_autoptr(GAsyncResult) result = client_test_wait_result (slot);

  client_test_expect_accepted (interaction, result);
}

static void
expect_error (AdInteraction  *interaction,
              GAsyncResult  **slot,
              AdError         code)
{
  g_autoptr(GAsyncResult) result = client_test_wait_result (slot);
  g_autoptr(GError) error = NULL;

  g_assert_false (ad_interaction_action_finish (interaction, result, &error));
  g_assert_error (error, AD_ERROR, (gint) code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static void
session_ok (AdSession     *session,
            GAsyncResult **slot)
{
  g_autoptr(GAsyncResult) result = client_test_wait_result (slot);
  g_autoptr(GError) error = NULL;

  ad_session_finish (session, result, &error);
  g_assert_no_error (error);
}

static AdInteraction *
create_interaction (AdSession  *session,
                    const char *dn_id,
                    const char *destination)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AdInteraction) interaction = NULL;

  ad_session_create_interaction_async (session, dn_id, destination, NULL,
                                       client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  interaction = ad_session_create_interaction_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (interaction);
  /* The model holds it. */
  g_assert_true (ad_session_lookup_interaction (session, ad_interaction_get_id (interaction)) ==
                 interaction);
  return interaction;
}

static void
release_and_mark_done (AdSession     *session,
                       AdInteraction *interaction)
{
  GAsyncResult *slot = NULL;

  if (ad_interaction_get_status (interaction) != AD_INTERACTION_STATUS_IDLE)
    {
      ad_interaction_release_async (interaction, NULL, client_test_store_result, &slot);
      expect_ok (interaction, &slot);
      client_test_wait_status (interaction, AD_INTERACTION_STATUS_IDLE);
    }
  g_object_ref (interaction);
  ad_interaction_mark_done_async (interaction, NULL, NULL, NULL, client_test_store_result, &slot);
  expect_ok (interaction, &slot);
  CLIENT_TEST_WAIT_UNTIL (ad_session_lookup_interaction (session, ad_interaction_get_id (interaction)) == NULL);
  g_assert_cmpint (ad_interaction_get_status (interaction), ==, AD_INTERACTION_STATUS_MARKED_DONE);
  g_object_unref (interaction);
}

static void
on_removed (AdSession     *session,
            AdInteraction *interaction,
            guint         *count)
{
  (*count)++;
}

/* Every id in the model once, and the same set as the switch's. */
static void
assert_model_matches_switch (Fixture   *f,
                             AdSession *session)
{
  AdCallCenter *center = ad_switch_server_get_call_center (f->ts->server);
  const char *agent_id = ad_agent_get_id (ad_session_get_agent (session));
  g_autoptr(GPtrArray) dtos = ad_call_center_list_interactions (center, agent_id);
  GListModel *model = ad_session_get_interactions (session);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, dtos->len);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      AdInteraction *interaction = client_test_nth_interaction (session, i);

      g_assert_true (g_hash_table_add (ids, (gpointer) ad_interaction_get_id (interaction)));
    }
  for (guint i = 0; i < dtos->len; i++)
    {
      JsonObject *dto = g_ptr_array_index (dtos, i);
      const char *id = ad_json_string_or_null (dto, AD_ATTR_INTERACTION_ID);
      AdInteraction *interaction = ad_session_lookup_interaction (session, id);

      g_assert_nonnull (interaction);
      g_assert_cmpint (ad_interaction_get_status (interaction), ==,
                       ad_interaction_status_from_string (ad_json_string_or_null (dto, AD_ATTR_STATUS)));
    }
}

static gboolean
model_converged (Fixture   *f,
                 AdSession *session)
{
  AdCallCenter *center = ad_switch_server_get_call_center (f->ts->server);
  g_autoptr(GPtrArray) dtos = ad_call_center_list_interactions (center,
                                                                ad_agent_get_id (ad_session_get_agent (session)));

  if (ad_session_get_connection_state (session) != AD_CONNECTION_STATE_CONNECTED ||
      g_list_model_get_n_items (ad_session_get_interactions (session)) != dtos->len)
    return FALSE;

  for (guint i = 0; i < dtos->len; i++)
    {
      JsonObject *dto = g_ptr_array_index (dtos, i);
      AdInteraction *interaction =
        ad_session_lookup_interaction (session, ad_json_string_or_null (dto, AD_ATTR_INTERACTION_ID));

      if (interaction == NULL ||
          ad_interaction_get_status (interaction) !=
            ad_interaction_status_from_string (ad_json_string_or_null (dto, AD_ATTR_STATUS)))
        return FALSE;
    }
  return TRUE;
}

static void
test_make_call_then_dial (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(AdInteraction) interaction = NULL;
  g_autoptr(NotifyLog) log = NULL;
  GAsyncResult *slot = NULL;
  guint removed = 0;
  AdDn *dn;
  AdHistoryRecord *record;
  g_autoptr(GObject) first_record = NULL;
  AdCode *disposition;

  dn = g_list_model_get_item (ad_agent_get_dns (ad_session_get_agent (f->a)), 0);
  g_object_unref (dn);
  interaction = g_object_ref (create_interaction (f->a, ad_dn_get_id (dn), NULL));
  g_assert_cmpint (ad_interaction_get_status (interaction), ==, AD_INTERACTION_STATUS_NEW);
  g_assert_true (ad_interaction_get_actions_possible (interaction) & AD_VOICE_ACTION_MAKE_CALL);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (f->a)), ==, 1);

  log = notify_log_new (interaction);
  ad_interaction_make_call_async (interaction, "5551234567", NULL, client_test_store_result, &slot);
  expect_ok (interaction, &slot);
  client_test_wait_status (interaction, AD_INTERACTION_STATUS_TALKING);
  g_assert_cmpuint (notify_log_count (log, "status"), ==, 2);   /* DIALING, TALKING */
  g_assert_cmpint (ad_interaction_get_call_type (interaction), ==, AD_CALL_TYPE_OUTBOUND);
  g_assert_true (g_strv_contains (ad_interaction_get_phone_numbers (interaction), "5551234567"));
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (f->a)), ==, 1);

  g_signal_connect (f->a, "interaction-removed", G_CALLBACK (on_removed), &removed);
  ad_interaction_release_async (interaction, NULL, client_test_store_result, &slot);
  expect_ok (interaction, &slot);
  client_test_wait_status (interaction, AD_INTERACTION_STATUS_IDLE);
  g_assert_cmpint (ad_interaction_get_actions_possible (interaction) & AD_VOICE_ACTION_RELEASE_CALL, ==, 0);

  disposition = g_list_model_get_item (ad_session_get_dispositions (f->a), 0);
  g_object_unref (disposition);
  ad_interaction_mark_done_async (interaction, ad_code_get_code (disposition), "Called back",
                                  NULL, client_test_store_result, &slot);
  expect_ok (interaction, &slot);
  CLIENT_TEST_WAIT_UNTIL (removed == 1);
  g_assert_cmpint (ad_interaction_get_status (interaction), ==, AD_INTERACTION_STATUS_MARKED_DONE);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (f->a)), ==, 0);
  g_assert_null (ad_session_lookup_interaction (f->a, ad_interaction_get_id (interaction)));

  ad_session_refresh_history_async (f->a, 10, NULL, client_test_store_result, &slot);
  session_ok (f->a, &slot);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_history (f->a)), ==, 1);
  first_record = g_list_model_get_item (ad_session_get_history (f->a), 0);
  record = AD_HISTORY_RECORD (first_record);
  g_assert_cmpstr (ad_history_record_get_interaction_id (record), ==, ad_interaction_get_id (interaction));
  g_assert_cmpstr (ad_history_record_get_disposition (record), ==, ad_code_get_code (disposition));
  g_assert_cmpstr (ad_history_record_get_notes (record), ==, "Called back");
  g_assert_cmpint (ad_history_record_get_call_type (record), ==, AD_CALL_TYPE_OUTBOUND);
  g_assert_nonnull (ad_history_record_get_started_at (record));
}

static void
test_make_call_with_destination (Fixture       *f,
                                 gconstpointer  data)
{
  AdInteraction *interaction = create_interaction (f->a, NULL, "+15559876543");

  client_test_wait_status (interaction, AD_INTERACTION_STATUS_TALKING);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (f->a)), ==, 1);
  CLIENT_TEST_WAIT_UNTIL (ad_agent_get_status (ad_session_get_agent (f->a)) == AD_AGENT_STATUS_BUSY);
  release_and_mark_done (f->a, interaction);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (f->a)), ==, 0);
}

static void
test_contact_hangs_up (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *call_id = NULL;
  AdInteraction *interaction = answered_inbound (f, f->a, &call_id);

  client_test_sim_hangup (f->a, call_id);
  client_test_wait_status (interaction, AD_INTERACTION_STATUS_IDLE);
  g_assert_true (ad_interaction_get_actions_possible (interaction) & AD_VOICE_ACTION_MARK_DONE);
  g_assert_false (ad_interaction_get_actions_possible (interaction) & AD_VOICE_ACTION_RELEASE_CALL);
  release_and_mark_done (f->a, interaction);
}

static void
blind_transfer (Fixture       *f,
                gboolean       mute)
{
  AdInteraction *call = answered_inbound (f, f->a, NULL);
  AdInteraction *target;
  GAsyncResult *slot = NULL;

  if (mute)
    ad_interaction_mute_transfer_async (call, "1002", NULL, client_test_store_result, &slot);
  else
    ad_interaction_transfer_async (call, "1002", NULL, client_test_store_result, &slot);
  expect_ok (call, &slot);
  client_test_wait_status (call, AD_INTERACTION_STATUS_IDLE);

  target = client_test_wait_interaction (f->b, 1);
  client_test_wait_status (target, AD_INTERACTION_STATUS_RINGING);
  ad_interaction_answer_async (target, NULL, client_test_store_result, &slot);
  expect_ok (target, &slot);
  client_test_wait_status (target, AD_INTERACTION_STATUS_TALKING);
  g_assert_cmpstr (ad_interaction_get_ani (target), ==, "+15551230000");

  release_and_mark_done (f->a, call);
  release_and_mark_done (f->b, target);
}

static void
test_single_step_transfer (Fixture       *f,
                           gconstpointer  data)
{
  blind_transfer (f, FALSE);
}

static void
test_mute_transfer (Fixture       *f,
                    gconstpointer  data)
{
  blind_transfer (f, TRUE);
}

/* Call_1 talking on agent1, consulting agent2 (Call_2 on agent1, Call_3
 * ringing then talking on agent2). */
static void
consult (Fixture         *f,
         gboolean         conference,
         AdInteraction  **call1,
         AdInteraction  **call2,
         AdInteraction  **call3)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  *call1 = answered_inbound (f, f->a, NULL);

  if (conference)
    ad_interaction_initiate_conference_async (*call1, "1002", NULL, client_test_store_result, &slot);
  else
    ad_interaction_initiate_transfer_async (*call1, "1002", NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  *call2 = ad_interaction_initiate_finish (*call1, result, &error);
  g_assert_no_error (error);
  g_object_unref (*call2);   /* the model keeps it */

  /* Added to the model once, whichever came first: its event or the answer. */
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (f->a)), ==, 2);
  g_assert_true (client_test_nth_interaction (f->a, 1) == *call2);
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_get_call_type (*call2) == AD_CALL_TYPE_CONSULT);
  client_test_wait_status (*call1, AD_INTERACTION_STATUS_HELD);

  *call3 = client_test_wait_interaction (f->b, 1);
  client_test_wait_status (*call3, AD_INTERACTION_STATUS_RINGING);
  ad_interaction_answer_async (*call3, NULL, client_test_store_result, &slot);
  expect_ok (*call3, &slot);
  client_test_wait_status (*call3, AD_INTERACTION_STATUS_TALKING);
  client_test_wait_status (*call2, AD_INTERACTION_STATUS_TALKING);
}

static gboolean
has_party (AdInteraction *interaction,
           const char    *number)
{
  GListModel *parties = ad_interaction_get_parties (interaction);

  for (guint i = 0; i < g_list_model_get_n_items (parties); i++)
    {
      g_autoptr(AdParty) party = g_list_model_get_item (parties, i);

      if (g_strcmp0 (ad_party_get_number (party), number) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_dual_step_transfer (Fixture       *f,
                         gconstpointer  data)
{
  AdInteraction *call1, *call2, *call3;
  g_autoptr(NotifyLog) log3 = NULL;
  GAsyncResult *slot = NULL;

  consult (f, FALSE, &call1, &call2, &call3);
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_get_actions_possible (call1) & AD_VOICE_ACTION_COMPLETE_TRANSFER);

  log3 = notify_log_new (call3);
  ad_interaction_complete_transfer_async (call1, NULL, client_test_store_result, &slot);
  expect_ok (call1, &slot);
  client_test_wait_status (call1, AD_INTERACTION_STATUS_IDLE);
  client_test_wait_status (call2, AD_INTERACTION_STATUS_IDLE);

  /* Agent2 now talks with the contact. */
  CLIENT_TEST_WAIT_UNTIL (has_party (call3, "+15551230000"));
  g_assert_cmpuint (notify_log_count (log3, "parties"), >=, 1);
  g_assert_cmpint (ad_interaction_get_status (call3), ==, AD_INTERACTION_STATUS_TALKING);

  release_and_mark_done (f->a, call2);
  release_and_mark_done (f->a, call1);
  release_and_mark_done (f->b, call3);
}

static void
test_reconnect (Fixture       *f,
                gconstpointer  data)
{
  AdInteraction *call1, *call2, *call3;
  GAsyncResult *slot = NULL;

  consult (f, FALSE, &call1, &call2, &call3);
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_get_actions_possible (call1) & AD_VOICE_ACTION_RECONNECT);

  ad_interaction_reconnect_async (call1, NULL, client_test_store_result, &slot);
  expect_ok (call1, &slot);
  client_test_wait_status (call1, AD_INTERACTION_STATUS_TALKING);
  CLIENT_TEST_WAIT_UNTIL (ad_session_lookup_interaction (f->a, ad_interaction_get_id (call2)) == NULL ||
                          ad_interaction_get_status (call2) == AD_INTERACTION_STATUS_IDLE);
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_get_status (call3) == AD_INTERACTION_STATUS_IDLE ||
                          ad_session_lookup_interaction (f->b, ad_interaction_get_id (call3)) == NULL);

  if (ad_session_lookup_interaction (f->a, ad_interaction_get_id (call2)) != NULL)
    release_and_mark_done (f->a, call2);
  release_and_mark_done (f->a, call1);
  if (ad_session_lookup_interaction (f->b, ad_interaction_get_id (call3)) != NULL)
    release_and_mark_done (f->b, call3);
}

static guint
count_role (AdInteraction *interaction,
            AdPartyRole    role)
{
  GListModel *parties = ad_interaction_get_parties (interaction);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (parties); i++)
    {
      g_autoptr(AdParty) party = g_list_model_get_item (parties, i);

      count += ad_party_get_role (party) == role;
    }
  return count;
}

static void
test_dual_step_conference (Fixture       *f,
                           gconstpointer  data)
{
  AdInteraction *call1, *call2, *call3;
  GAsyncResult *slot = NULL;

  consult (f, TRUE, &call1, &call2, &call3);
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_get_actions_possible (call1) & AD_VOICE_ACTION_COMPLETE_CONFERENCE);

  ad_interaction_complete_conference_async (call1, NULL, client_test_store_result, &slot);
  expect_ok (call1, &slot);
  client_test_wait_status (call1, AD_INTERACTION_STATUS_TALKING);
  client_test_wait_status (call2, AD_INTERACTION_STATUS_IDLE);
  CLIENT_TEST_WAIT_UNTIL (g_list_model_get_n_items (ad_interaction_get_parties (call1)) == 3);
  CLIENT_TEST_WAIT_UNTIL (g_list_model_get_n_items (ad_interaction_get_parties (call3)) == 3);
  g_assert_true (has_party (call3, "+15551230000"));
  g_assert_cmpuint (count_role (call1, AD_PARTY_ROLE_CONFERENCE_MEMBER), >=, 1);

  /* Agent2 leaves: agent1 stays with the contact. */
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_get_actions_possible (call3) & AD_VOICE_ACTION_LEAVE_CONFERENCE);
  ad_interaction_leave_conference_async (call3, NULL, client_test_store_result, &slot);
  expect_ok (call3, &slot);
  client_test_wait_status (call3, AD_INTERACTION_STATUS_IDLE);
  CLIENT_TEST_WAIT_UNTIL (g_list_model_get_n_items (ad_interaction_get_parties (call1)) == 2);
  g_assert_cmpint (ad_interaction_get_status (call1), ==, AD_INTERACTION_STATUS_TALKING);

  release_and_mark_done (f->a, call2);
  release_and_mark_done (f->a, call1);
  release_and_mark_done (f->b, call3);
}

static void
test_single_step_conference (Fixture       *f,
                             gconstpointer  data)
{
  AdInteraction *call = answered_inbound (f, f->a, NULL);
  AdInteraction *member;
  GAsyncResult *slot = NULL;

  ad_interaction_conference_async (call, "1002", NULL, client_test_store_result, &slot);
  expect_ok (call, &slot);
  member = client_test_wait_interaction (f->b, 1);
  client_test_wait_status (member, AD_INTERACTION_STATUS_RINGING);
  ad_interaction_answer_async (member, NULL, client_test_store_result, &slot);
  expect_ok (member, &slot);
  client_test_wait_status (member, AD_INTERACTION_STATUS_TALKING);

  CLIENT_TEST_WAIT_UNTIL (g_list_model_get_n_items (ad_interaction_get_parties (call)) == 3);
  CLIENT_TEST_WAIT_UNTIL (g_list_model_get_n_items (ad_interaction_get_parties (member)) == 3);
  g_assert_cmpint (ad_interaction_get_status (call), ==, AD_INTERACTION_STATUS_TALKING);

  ad_interaction_leave_conference_async (call, NULL, client_test_store_result, &slot);
  expect_ok (call, &slot);
  client_test_wait_status (call, AD_INTERACTION_STATUS_IDLE);
  CLIENT_TEST_WAIT_UNTIL (g_list_model_get_n_items (ad_interaction_get_parties (member)) == 2);
  g_assert_true (has_party (member, "+15551230000"));

  release_and_mark_done (f->a, call);
  release_and_mark_done (f->b, member);
}

static void
test_hold_retrieve (Fixture       *f,
                    gconstpointer  data)
{
  AdInteraction *call = answered_inbound (f, f->a, NULL);
  g_autoptr(NotifyLog) log = notify_log_new (call);
  GAsyncResult *slot = NULL;

  ad_interaction_hold_async (call, NULL, client_test_store_result, &slot);
  expect_ok (call, &slot);
  client_test_wait_status (call, AD_INTERACTION_STATUS_HELD);
  g_assert_true (ad_interaction_get_actions_possible (call) & AD_VOICE_ACTION_RETRIEVE);
  g_assert_false (ad_interaction_get_actions_possible (call) & AD_VOICE_ACTION_HOLD);

  ad_interaction_retrieve_async (call, NULL, client_test_store_result, &slot);
  expect_ok (call, &slot);
  client_test_wait_status (call, AD_INTERACTION_STATUS_TALKING);
  g_assert_cmpuint (notify_log_count (log, "status"), ==, 2);
  g_assert_cmpuint (notify_log_count (log, "pending-action"), ==, 4);
  g_assert_cmpuint (notify_log_count (log, "ani"), ==, 0);

  release_and_mark_done (f->a, call);
}

static void
test_hold_while_dialing (Fixture       *f,
                         gconstpointer  data)
{
  /* Agent2 lets it ring: agent1's call stays DIALING. */
  AdInteraction *call = create_interaction (f->a, NULL, "1002");
  AdInteraction *ringing;
  GAsyncResult *slot = NULL;

  client_test_wait_status (call, AD_INTERACTION_STATUS_DIALING);
  ringing = client_test_wait_interaction (f->b, 1);
  client_test_wait_status (ringing, AD_INTERACTION_STATUS_RINGING);
  g_assert_cmpint (ad_interaction_get_call_type (call), ==, AD_CALL_TYPE_INTERNAL);
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_get_actions_possible (call) & AD_VOICE_ACTION_HOLD);

  ad_interaction_hold_async (call, NULL, client_test_store_result, &slot);
  expect_ok (call, &slot);
  client_test_wait_status (call, AD_INTERACTION_STATUS_DIALING_HELD);
  ad_interaction_retrieve_async (call, NULL, client_test_store_result, &slot);
  expect_ok (call, &slot);
  client_test_wait_status (call, AD_INTERACTION_STATUS_DIALING);

  release_and_mark_done (f->a, call);
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_get_status (ringing) == AD_INTERACTION_STATUS_IDLE ||
                          g_list_model_get_n_items (ad_session_get_interactions (f->b)) == 0);
}

static void
test_mute_dtmf_attach (Fixture       *f,
                       gconstpointer  data)
{
  AdInteraction *call = answered_inbound (f, f->a, NULL);
  g_autoptr(NotifyLog) log = notify_log_new (call);
  g_autoptr(GHashTable) attach = g_hash_table_new (g_str_hash, g_str_equal);
  GAsyncResult *slot = NULL;

  ad_interaction_set_muted_async (call, TRUE, NULL, client_test_store_result, &slot);
  expect_ok (call, &slot);
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_get_muted (call));
  g_assert_true (ad_interaction_get_actions_possible (call) & AD_VOICE_ACTION_MUTE_OFF);
  ad_interaction_set_muted_async (call, FALSE, NULL, client_test_store_result, &slot);
  expect_ok (call, &slot);
  CLIENT_TEST_WAIT_UNTIL (!ad_interaction_get_muted (call));
  g_assert_cmpuint (notify_log_count (log, "muted"), ==, 2);

  ad_interaction_send_dtmf_async (call, "12a", NULL, client_test_store_result, &slot);
  expect_error (call, &slot, AD_ERROR_INVALID_REQUEST);
  ad_interaction_send_dtmf_async (call, "0123456789*#", NULL, client_test_store_result, &slot);
  expect_ok (call, &slot);

  g_hash_table_insert (attach, "crm", "ticket-42");
  g_hash_table_insert (attach, "lang", "fr");
  ad_interaction_attach_data_async (call, attach, NULL, client_test_store_result, &slot);
  expect_ok (call, &slot);
  CLIENT_TEST_WAIT_UNTIL (g_hash_table_contains (ad_interaction_get_attached_data (call), "lang"));
  g_assert_cmpstr (g_hash_table_lookup (ad_interaction_get_attached_data (call), "crm"), ==, "ticket-42");
  g_assert_cmpint (ad_interaction_get_event_reason (call), ==, AD_EVENT_REASON_ATTACHED_DATA_CHANGED);

  g_hash_table_remove_all (attach);
  g_hash_table_insert (attach, "lang", NULL);
  ad_interaction_attach_data_async (call, attach, NULL, client_test_store_result, &slot);
  expect_ok (call, &slot);
  CLIENT_TEST_WAIT_UNTIL (!g_hash_table_contains (ad_interaction_get_attached_data (call), "lang"));
  g_assert_cmpstr (g_hash_table_lookup (ad_interaction_get_attached_data (call), "crm"), ==, "ticket-42");

  release_and_mark_done (f->a, call);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *call_id = client_test_sim_inbound (f->a, NULL, "1001", "+15551230000");
  AdInteraction *call = client_test_wait_interaction (f->a, 1);
  g_autoptr(NotifyLog) log = NULL;
  GAsyncResult *slot = NULL;
  GAsyncResult *second = NULL;

  client_test_wait_status (call, AD_INTERACTION_STATUS_RINGING);

  /* Not offered while ringing: refused without asking the switch. */
  log = notify_log_new (call);
  g_assert_false (ad_interaction_can (call, AD_VOICE_ACTION_HOLD));
  ad_interaction_hold_async (call, NULL, client_test_store_result, &slot);
  expect_error (call, &slot, AD_ERROR_ACTION_NOT_POSSIBLE);
  g_assert_cmpuint (notify_log_count (log, "pending-action"), ==, 0);

  /* One action at a time. */
  g_assert_true (ad_interaction_can (call, AD_VOICE_ACTION_ANSWER_CALL));
  ad_interaction_answer_async (call, NULL, client_test_store_result, &slot);
  g_assert_false (ad_interaction_can (call, AD_VOICE_ACTION_ANSWER_CALL));
  ad_interaction_release_async (call, NULL, client_test_store_result, &second);
  expect_error (call, &second, AD_ERROR_ACTION_IN_PROGRESS);
  expect_ok (call, &slot);
  client_test_wait_status (call, AD_INTERACTION_STATUS_TALKING);

  /* The switch's own refusal keeps its type and message. */
  ad_interaction_transfer_async (call, "12", NULL, client_test_store_result, &slot);
  expect_error (call, &slot, AD_ERROR_INVALID_DESTINATION);
  g_assert_cmpint (ad_interaction_get_pending_action (call), ==, AD_VOICE_ACTION_NONE);
  ad_interaction_transfer_async (call, "", NULL, client_test_store_result, &slot);
  expect_error (call, &slot, AD_ERROR_INVALID_DESTINATION);

  release_and_mark_done (f->a, call);
}

static void
test_drop_streams (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *call_id = NULL;
  AdInteraction *call = answered_inbound (f, f->a, &call_id);
  g_autofree char *second_id = NULL;

  ad_switch_server_drop_streams (f->ts->server);
  /* What happens while the streams are down reaches the model after. */
  client_test_sim_hangup (f->a, call_id);
  second_id = client_test_sim_inbound (f->a, NULL, "1001", "+15550001111");

  CLIENT_TEST_WAIT_UNTIL (model_converged (f, f->a));
  assert_model_matches_switch (f, f->a);
  g_assert_cmpint (ad_interaction_get_status (call), ==, AD_INTERACTION_STATUS_IDLE);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (f->a)), ==, 2);

  /* And again, with the model mid-action. */
  ad_switch_server_drop_streams (f->ts->server);
  release_and_mark_done (f->a, call);
  CLIENT_TEST_WAIT_UNTIL (model_converged (f, f->a));
  assert_model_matches_switch (f, f->a);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (f->a)), ==, 1);
}

static void
on_connection_state (AdSession  *session,
                     GParamSpec *pspec,
                     GString    *states)
{
  g_string_append_printf (states, "%d", ad_session_get_connection_state (session));
}

static void
on_status_logged_out (AdAgent    *agent,
                      GParamSpec *pspec,
                      gboolean   *logged_out)
{
  *logged_out |= ad_agent_get_status (agent) == AD_AGENT_STATUS_LOGGED_OUT;
}

static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GString) states = g_string_new (NULL);
  AdAgent *agent = ad_session_get_agent (f->a);
  gboolean logged_out = FALSE;
  AdInteraction *call;

  answered_inbound (f, f->a, NULL);
  g_signal_connect (f->a, "notify::connection-state", G_CALLBACK (on_connection_state), states);
  g_signal_connect (agent, "notify::status", G_CALLBACK (on_status_logged_out), &logged_out);

  client_test_switch_restart (f->ts);

  /* The switch forgot the call, the token and the place login: the
   * session signs in again, puts the agent back on its place, and drops
   * the call the switch no longer has. */
  CLIENT_TEST_WAIT_UNTIL (model_converged (f, f->a) &&
                          ad_agent_get_status (agent) == AD_AGENT_STATUS_NOT_READY);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (f->a)), ==, 0);
  g_assert_cmpstr (ad_agent_get_place_id (agent), ==, "place1001");
  g_assert_true (ad_session_get_agent (f->a) == agent);
  /* Put back on its place before the model showed it logged out (a
   * desktop would take that for a supervisor's doing). */
  g_assert_false (logged_out);
  g_signal_handlers_disconnect_by_data (agent, &logged_out);
  g_assert_nonnull (strchr (states->str, '0' + AD_CONNECTION_STATE_RECONNECTING));
  g_assert_cmpint (ad_session_get_connection_state (f->a), ==, AD_CONNECTION_STATE_CONNECTED);

  /* And it works as before. */
  g_free (client_test_sim_inbound (f->a, NULL, "1001", "+15552223333"));
  call = client_test_wait_interaction (f->a, 1);
  client_test_wait_status (call, AD_INTERACTION_STATUS_RINGING);
  CLIENT_TEST_WAIT_UNTIL (model_converged (f, f->b));
  assert_model_matches_switch (f, f->a);
}

/* Switch profiles */

static gboolean
actions_match (Fixture       *f,
               AdInteraction *interaction)
{
  g_autoptr(JsonObject) dto = client_test_switch_get_dto (f->ts, ad_interaction_get_id (interaction));
  JsonArray *actions = NULL;

  if (dto == NULL)
    return FALSE;
  ad_json_get_array (dto, AD_ATTR_ACTIONS_POSSIBLE, TRUE, &actions, NULL);
  return ad_voice_actions_from_json (actions) == ad_interaction_get_actions_possible (interaction) &&
         ad_json_string_or_null (dto, AD_ATTR_STATUS) != NULL &&
         ad_interaction_status_from_string (ad_json_string_or_null (dto, AD_ATTR_STATUS)) ==
           ad_interaction_get_status (interaction);
}

/* The model shows exactly what the switch offers, never what its profile
 * lacks. */
static void
assert_actions (Fixture       *f,
                AdInteraction *interaction)
{
  AdSwitchProfile profile = f->ts->options.profile;

  CLIENT_TEST_WAIT_UNTIL (actions_match (f, interaction));
  g_assert_cmpint (ad_interaction_get_actions_possible (interaction) &
                   ~ad_switch_profile_supported (profile), ==, 0);
}

static void
test_profile_actions (Fixture       *f,
                      gconstpointer  data)
{
  AdSwitchProfile profile = f->ts->options.profile;
  AdInteraction *call, *dialing, *ringing;
  GAsyncResult *slot = NULL;
  g_autofree char *call_id = NULL;

  g_assert_cmpstr (ad_session_get_profile (f->a), ==, ad_switch_profile_to_name (profile));

  call_id = client_test_sim_inbound (f->a, NULL, "1001", "+15551230000");
  call = client_test_wait_interaction (f->a, 1);
  client_test_wait_status (call, AD_INTERACTION_STATUS_RINGING);
  assert_actions (f, call);

  ad_interaction_answer_async (call, NULL, client_test_store_result, &slot);
  expect_ok (call, &slot);
  client_test_wait_status (call, AD_INTERACTION_STATUS_TALKING);
  assert_actions (f, call);

  if (ad_interaction_can (call, AD_VOICE_ACTION_HOLD))
    {
      ad_interaction_hold_async (call, NULL, client_test_store_result, &slot);
      expect_ok (call, &slot);
      client_test_wait_status (call, AD_INTERACTION_STATUS_HELD);
      assert_actions (f, call);
    }
  else
    {
      g_assert_true (profile == AD_SWITCH_PROFILE_NO_HOLD || profile == AD_SWITCH_PROFILE_BASIC);
      ad_interaction_hold_async (call, NULL, client_test_store_result, &slot);
      expect_error (call, &slot, AD_ERROR_ACTION_NOT_POSSIBLE);
    }

  /* A second call of agent1, dialing agent2 who lets it ring. */
  dialing = create_interaction (f->a, NULL, "1002");
  client_test_wait_status (dialing, AD_INTERACTION_STATUS_DIALING);
  assert_actions (f, dialing);
  ringing = client_test_wait_interaction (f->b, 1);
  client_test_wait_status (ringing, AD_INTERACTION_STATUS_RINGING);
  assert_actions (f, ringing);

  ad_interaction_answer_async (ringing, NULL, client_test_store_result, &slot);
  expect_ok (ringing, &slot);
  client_test_wait_status (dialing, AD_INTERACTION_STATUS_TALKING);
  assert_actions (f, dialing);
  assert_actions (f, ringing);

  /* The contact hangs up the first call: only marking it done is left. */
  client_test_sim_hangup (f->a, call_id);
  client_test_wait_status (call, AD_INTERACTION_STATUS_IDLE);
  assert_actions (f, call);
}

static void
test_transfer_fallback (Fixture       *f,
                        gconstpointer  data)
{
  AdInteraction *call = answered_inbound (f, f->a, NULL);
  AdInteraction *target;
  GAsyncResult *slot = NULL;

  CLIENT_TEST_WAIT_UNTIL (ad_interaction_can (call, AD_VOICE_ACTION_MUTE_TRANSFER));
  g_assert_false (ad_interaction_get_actions_possible (call) & AD_VOICE_ACTION_SINGLE_STEP_TRANSFER);

  ad_interaction_transfer_async (call, "1002", NULL, client_test_store_result, &slot);
  g_assert_cmpint (ad_interaction_get_pending_action (call), ==, AD_VOICE_ACTION_MUTE_TRANSFER);
  expect_ok (call, &slot);
  client_test_wait_status (call, AD_INTERACTION_STATUS_IDLE);
  target = client_test_wait_interaction (f->b, 1);
  client_test_wait_status (target, AD_INTERACTION_STATUS_RINGING);
}

static void
test_transfer_basic (Fixture       *f,
                     gconstpointer  data)
{
  AdInteraction *call = answered_inbound (f, f->a, NULL);
  GAsyncResult *slot = NULL;

  /* Neither kind of blind transfer: refused, nothing sent. */
  ad_interaction_transfer_async (call, "1002", NULL, client_test_store_result, &slot);
  expect_error (call, &slot, AD_ERROR_ACTION_NOT_POSSIBLE);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (f->b)), ==, 0);
}

/* Sessions and their connection */

static void
test_supervisor (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AdSession) supervisor = client_test_session_new (f->ts, "supervisor", NULL, FALSE);
  GListModel *directory = ad_session_get_directory (supervisor);
  g_autoptr(AdAgent) agent1 = NULL;
  GAsyncResult *slot = NULL;

  g_assert_cmpint (ad_session_get_role (supervisor), ==, AD_ROLE_SUPERVISOR);
  g_assert_null (ad_session_get_agent (supervisor));

  ad_session_refresh_directory_async (supervisor, NULL, client_test_store_result, &slot);
  session_ok (supervisor, &slot);
  g_assert_cmpuint (g_list_model_get_n_items (directory), >=, 10);
  for (guint i = 0; i < g_list_model_get_n_items (directory) && agent1 == NULL; i++)
    {
      g_autoptr(AdAgent) entry = g_list_model_get_item (directory, i);

      if (g_strcmp0 (ad_agent_get_id (entry), "agent1") == 0)
        agent1 = g_steal_pointer (&entry);
    }
  g_assert_nonnull (agent1);
  g_assert_cmpint (ad_agent_get_status (agent1), ==, AD_AGENT_STATUS_READY);
  g_assert_cmpstr (ad_agent_get_place_id (agent1), ==, "place1001");

  /* Its subscription covers every agent: the directory follows. */
  ad_session_not_ready_async (f->a, NULL, NULL, client_test_store_result, &slot);
  session_ok (f->a, &slot);
  CLIENT_TEST_WAIT_UNTIL (ad_agent_get_status (agent1) == AD_AGENT_STATUS_NOT_READY);

  /* A refresh keeps the entries' objects. */
  ad_session_refresh_directory_async (supervisor, NULL, client_test_store_result, &slot);
  session_ok (supervisor, &slot);
  {
    g_autoptr(AdAgent) again = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (directory) && again == NULL; i++)
      {
        g_autoptr(AdAgent) entry = g_list_model_get_item (directory, i);

        if (entry == agent1)
          again = g_steal_pointer (&entry);
      }
    g_assert_true (again == agent1);
  }
}

static void
test_agent_state (Fixture       *f,
                  gconstpointer  data)
{
  AdAgent *agent = ad_session_get_agent (f->a);
  g_autoptr(NotifyLog) log = notify_log_new (agent);
  g_autoptr(AdCode) reason = g_list_model_get_item (ad_session_get_reason_codes (f->a), 0);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ad_session_not_ready_async (f->a, ad_code_get_code (reason), NULL, client_test_store_result, &slot);
  session_ok (f->a, &slot);
  g_assert_cmpint (ad_agent_get_status (agent), ==, AD_AGENT_STATUS_NOT_READY);
  g_assert_cmpstr (ad_agent_get_reason_code (agent), ==, ad_code_get_code (reason));
  client_test_spin (100);
  /* The answer and the AgentEvent say the same: one notify each. */
  g_assert_cmpuint (notify_log_count (log, "status"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "reason-code"), ==, 1);

  ad_session_after_call_work_async (f->a, NULL, client_test_store_result, &slot);
  session_ok (f->a, &slot);
  g_assert_cmpint (ad_agent_get_status (agent), ==, AD_AGENT_STATUS_AFTER_CALL_WORK);

  ad_session_agent_logout_async (f->a, NULL, client_test_store_result, &slot);
  session_ok (f->a, &slot);
  g_assert_cmpint (ad_agent_get_status (agent), ==, AD_AGENT_STATUS_LOGGED_OUT);
  CLIENT_TEST_WAIT_UNTIL (!ad_agent_can_create_interaction (agent, NULL));

  /* Off its place the agent cannot make a call: refused at once. */
  ad_session_create_interaction_async (f->a, NULL, "5551234567", NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  g_assert_null (ad_session_create_interaction_finish (f->a, result, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_INVALID_AGENT_STATE);

  ad_session_logout_async (f->a, NULL, client_test_store_result, &slot);
  session_ok (f->a, &slot);
  g_assert_cmpint (ad_session_get_connection_state (f->a), ==, AD_CONNECTION_STATE_OFFLINE);
  g_assert_null (ad_session_get_agent (f->a));
}

static void
test_login_errors (void)
{
  AdSwitchOptions options;
  ClientTestSwitch *ts;
  g_autoptr(AdSession) session = NULL;
  g_autoptr(AdSession) nowhere = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  g_autofree char *gone_url = NULL;

  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);
  ts = client_test_switch_new (&options);
  session = ad_session_new (ts->base_url);

  ad_session_login_async (session, "agent1", "wrong", NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  g_assert_false (ad_session_finish (session, result, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpint (ad_session_get_connection_state (session), ==, AD_CONNECTION_STATE_OFFLINE);
  g_clear_error (&error);
  g_clear_object (&result);

  gone_url = g_strdup (ts->base_url);
  client_test_switch_free (ts);

  nowhere = ad_session_new (gone_url);
  ad_session_login_async (nowhere, "agent1", "demo", NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  g_assert_false (ad_session_finish (nowhere, result, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_NETWORK);
  g_assert_cmpint (ad_session_get_connection_state (nowhere), ==, AD_CONNECTION_STATE_OFFLINE);
}

/* Connected swapped: the counter comes first. */
static void
count_signal (guint *count)
{
  (*count)++;
}

/* The switch stays silent (its keepalives far apart): the session takes
 * the stream for dead, reconnects, and still sees every change. */
static void
test_keepalive_timeout (void)
{
  AdSwitchOptions options;
  ClientTestSwitch *ts;
  g_autoptr(AdSession) session = NULL;
  g_autoptr(AdSession) caller = NULL;
  AdInteraction *call;
  guint resynced = 0;

  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);
  options.keepalive_ms = 600000;
  ts = client_test_switch_new (&options);
  session = client_test_session_new (ts, "agent1", "place1001", TRUE);
  g_signal_connect_swapped (session, "resynced", G_CALLBACK (count_signal), &resynced);
  ad_session_set_stream_timing (session, 200, 20, 200);

  CLIENT_TEST_WAIT_UNTIL (resynced >= 2);

  g_free (client_test_sim_inbound (session, NULL, "1001", "+15551230000"));
  call = client_test_wait_interaction (session, 1);
  client_test_wait_status (call, AD_INTERACTION_STATUS_RINGING);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (session)), ==, 1);

  g_clear_object (&session);
  client_test_switch_free (ts);
}

/* More events than the switch keeps for replay happen while the stream is
 * down: it answers ResyncRequired and the session refetches. */
static void
test_resync_required (void)
{
  AdSwitchOptions options;
  Fixture f = { 0 };
  guint resynced = 0;
  AdInteraction *calls[3];

  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);
  options.replay_events = 1;
  f.ts = client_test_switch_new (&options);
  f.a = client_test_session_new (f.ts, "agent1", "place1001", FALSE);
  g_signal_connect_swapped (f.a, "resynced", G_CALLBACK (count_signal), &resynced);

  /* Keep the stream from coming back at once. */
  ad_session_set_stream_timing (f.a, 20000, 400, 400);
  ad_switch_server_drop_streams (f.ts->server);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    g_free (client_test_sim_inbound (f.a, NULL, "1001", "+15551230000"));

  CLIENT_TEST_WAIT_UNTIL (resynced >= 1 && model_converged (&f, f.a));
  assert_model_matches_switch (&f, f.a);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (f.a)), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    g_assert_cmpint (ad_interaction_get_status (client_test_nth_interaction (f.a, i)), ==,
                     AD_INTERACTION_STATUS_RINGING);

  g_clear_object (&f.a);
  client_test_switch_free (f.ts);
}

static void
keep_tokens (AdSwitchServer *server)
{
  /* The new token must outlive the rest of the test however slow the
   * machine (a sanitizer build takes more than a second between steps). */
  ad_switch_server_set_token_ttl (server, 3600);
}

/* The token expires while the agent sits idle: the switch refuses the
 * next request, the session signs in again on its own and sends it once
 * more with the new token. */
static void
test_token_expired (void)
{
  AdSwitchOptions options;
  ClientTestSwitch *ts;
  g_autoptr(AdSession) session = NULL;
  GAsyncResult *slot = NULL;
  guint unauthorized = 0;
  g_autofree char *first_token = NULL;

  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);
  options.token_ttl_s = 1;
  ts = client_test_switch_new (&options);
  session = client_test_session_new (ts, "agent1", "place1001", FALSE);
  first_token = g_strdup (ad_client_get_token (ad_session_get_client (session)));
  g_signal_connect_swapped (ad_session_get_client (session), "unauthorized",
                            G_CALLBACK (count_signal), &unauthorized);
  g_signal_connect_swapped (ad_session_get_client (session), "unauthorized",
                            G_CALLBACK (keep_tokens), ts->server);

  client_test_spin (2500);
  ad_session_ready_async (session, NULL, client_test_store_result, &slot);
  session_ok (session, &slot);
  g_assert_cmpuint (unauthorized, >=, 1);
  g_assert_cmpint (ad_agent_get_status (ad_session_get_agent (session)), ==, AD_AGENT_STATUS_READY);
  g_assert_nonnull (ad_client_get_token (ad_session_get_client (session)));
  g_assert_cmpstr (ad_client_get_token (ad_session_get_client (session)), !=, first_token);

  g_clear_object (&session);
  client_test_switch_free (ts);
}

/* Ends @session's token on the switch, as signing out elsewhere does. */
static void
revoke_token (AdSession *session)
{
  g_autoptr(AdClient) other = ad_client_new (ad_client_get_base_url (ad_session_get_client (session)));
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;

  ad_client_set_token (other, ad_client_get_token (ad_session_get_client (session)));
  ad_client_logout_async (other, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  reply = ad_client_request_finish (other, result, &error);
  g_assert_no_error (error);
}

typedef struct {
  AdSession     *session;
  AdInteraction *call;
  GAsyncResult  *hold;
  GAsyncResult  *directory;
  gboolean       sign_out;   /* then sign out before the session is back in step */
  GAsyncResult  *logout;
  gboolean       acted;
} ActDuringSignIn;

static void
sign_out_now (gpointer user_data)
{
  ActDuringSignIn *act = user_data;

  ad_session_logout_async (act->session, NULL, client_test_store_result, &act->logout);
}

/* The session is signing in again and has no token: what the agent does
 * now must wait for the new one. Signing out waits for the new token (it
 * would otherwise cut the sign-in's connection as the switch accepts it),
 * and for the next main loop iteration: the session goes on loading the
 * agent with it meanwhile. */
static void
on_token_changed (AdClient        *client,
                  GParamSpec      *pspec,
                  ActDuringSignIn *act)
{
  if (ad_client_get_token (client) != NULL)
    {
      if (act->acted && act->sign_out)
        {
          act->sign_out = FALSE;
          g_timeout_add_once (0, sign_out_now, act);
        }
      return;
    }
  if (act->acted)
    return;

  act->acted = TRUE;
  if (act->call != NULL)
    ad_interaction_hold_async (act->call, NULL, client_test_store_result, &act->hold);
  ad_session_refresh_directory_async (act->session, NULL, client_test_store_result,
                                      &act->directory);
}

/* The token is revoked mid-call. A request sent with it is refused and
 * sent again once the session has signed in again; actions started while
 * it signs in wait for the new token. All succeed. */
static void
test_token_revoked (Fixture       *f,
                    gconstpointer  data)
{
  ActDuringSignIn act = { .session = f->a };
  AdClient *client = ad_session_get_client (f->a);
  g_autofree char *first_token = g_strdup (ad_client_get_token (client));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) dto = NULL;
  GAsyncResult *slot = NULL;

  act.call = answered_inbound (f, f->a, NULL);
  g_signal_connect (client, "notify::token", G_CALLBACK (on_token_changed), &act);

  revoke_token (f->a);
  ad_session_not_ready_async (f->a, NULL, NULL, client_test_store_result, &slot);
  session_ok (f->a, &slot);
  g_assert_true (act.acted);

  result = client_test_wait_result (&act.hold);
  client_test_expect_accepted (act.call, result);
  g_assert_cmpint (ad_interaction_get_status (act.call), ==, AD_INTERACTION_STATUS_HELD);
  session_ok (f->a, &act.directory);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_directory (f->a)), >, 0);
  g_assert_nonnull (ad_client_get_token (client));
  g_assert_cmpstr (ad_client_get_token (client), !=, first_token);
  dto = client_test_switch_get_dto (f->ts, ad_interaction_get_id (act.call));
  g_assert_cmpstr (json_object_get_string_member (dto, AD_ATTR_STATUS), ==, "HELD");

  /* Not ready was taken: it is where the agent goes after the call. */
  ad_interaction_release_async (act.call, NULL, client_test_store_result, &slot);
  g_clear_object (&result);
  result = client_test_wait_result (&slot);
  client_test_expect_accepted (act.call, result);
  CLIENT_TEST_WAIT_UNTIL (ad_agent_get_status (ad_session_get_agent (f->a)) ==
                          AD_AGENT_STATUS_NOT_READY);
  g_signal_handlers_disconnect_by_data (client, &act);
}

/* Connected swapped: counts the sign-ins, each of which sets a token. */
static void
count_new_token (guint      *count,
                 GParamSpec *pspec,
                 AdClient   *client)
{
  if (ad_client_get_token (client) != NULL)
    (*count)++;
}

/* Two requests are in flight with a revoked token: both are refused, the
 * second 401 joins the recovery the first began (one sign-in), and each
 * is sent again once: the switch made two calls, not more. */
static void
test_token_revoked_two_requests (Fixture       *f,
                                 gconstpointer  data)
{
  AdClient *client = ad_session_get_client (f->a);
  g_autofree char *first_token = g_strdup (ad_client_get_token (client));
  GAsyncResult *slots[2] = { NULL, NULL };
  AdInteraction *calls[2] = { NULL, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  JsonArray *listed = NULL;
  guint unauthorized = 0;
  guint sign_ins = 0;

  g_signal_connect_swapped (client, "unauthorized", G_CALLBACK (count_signal), &unauthorized);
  g_signal_connect_swapped (client, "notify::token", G_CALLBACK (count_new_token), &sign_ins);

  revoke_token (f->a);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    ad_session_create_interaction_async (f->a, NULL, NULL, NULL, client_test_store_result,
                                         &slots[i]);

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr(GAsyncResult) created = client_test_wait_result (&slots[i]);

      calls[i] = ad_session_create_interaction_finish (f->a, created, &error);
      g_assert_no_error (error);
      g_assert_nonnull (calls[i]);
    }
  g_assert_true (calls[0] != calls[1]);
  g_assert_cmpuint (unauthorized, >=, 2);
  g_assert_cmpuint (sign_ins, ==, 1);
  g_assert_nonnull (ad_client_get_token (client));
  g_assert_cmpstr (ad_client_get_token (client), !=, first_token);
  CLIENT_TEST_WAIT_UNTIL (ad_session_get_connection_state (f->a) == AD_CONNECTION_STATE_CONNECTED);

  /* Each was executed once. */
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (f->a)), ==, 2);
  ad_client_list_interactions_async (client, "agent1", NULL, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  reply = ad_client_request_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_true (ad_json_get_array (reply, "interactions", TRUE, &listed, NULL));
  g_assert_cmpuint (json_array_get_length (listed), ==, 2);
  g_assert_cmpuint (sign_ins, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    g_object_unref (calls[i]);
  g_signal_handlers_disconnect_by_data (client, &unauthorized);
  g_signal_handlers_disconnect_by_data (client, &sign_ins);
}

static void
expect_cancelled (AdSession     *session,
                  GAsyncResult **slot)
{
  g_autoptr(GAsyncResult) result = client_test_wait_result (slot);
  g_autoptr(GError) error = NULL;

  g_assert_false (ad_session_finish (session, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Signing out while the session signs in again after a 401 fails what
 * waits for it, the refused request and the one made meanwhile, with
 * CANCELLED. */
static void
test_sign_out_during_recovery (Fixture       *f,
                               gconstpointer  data)
{
  ActDuringSignIn act = { .session = f->a, .sign_out = TRUE };
  AdClient *client = ad_session_get_client (f->a);
  GAsyncResult *slot = NULL;

  /* The recovery, and the reconnect of the stream the switch ends with the
   * token, wait long enough for the request's 401 to come first. */
  ad_session_set_stream_timing (f->a, 20000, 1000, 1000);
  g_signal_connect (client, "notify::token", G_CALLBACK (on_token_changed), &act);
  revoke_token (f->a);
  ad_session_not_ready_async (f->a, NULL, NULL, client_test_store_result, &slot);

  expect_cancelled (f->a, &slot);
  g_assert_true (act.acted);
  expect_cancelled (f->a, &act.directory);
  CLIENT_TEST_WAIT_UNTIL (act.logout != NULL);
  g_clear_object (&act.logout);
  g_assert_cmpint (ad_session_get_connection_state (f->a), ==, AD_CONNECTION_STATE_OFFLINE);
  g_assert_null (ad_session_get_agent (f->a));
  g_signal_handlers_disconnect_by_data (client, &act);
  /* What the recovery under way brings back is dropped: the session stays
   * signed out. */
  client_test_spin (200);
  g_assert_cmpint (ad_session_get_connection_state (f->a), ==, AD_CONNECTION_STATE_OFFLINE);
}

/* A supervisor logs agent1 out: the session shows it and, even when it
 * signs in again later, does not log the agent back in. */
static void
test_forced_logout (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AdSession) supervisor = client_test_session_new (f->ts, "supervisor", NULL, FALSE);
  AdAgent *agent = ad_session_get_agent (f->a);
  AdClient *client = ad_session_get_client (f->a);
  g_autofree char *first_token = g_strdup (ad_client_get_token (client));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) dto = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  guint resynced = 0;

  ad_client_agent_logout_async (ad_session_get_client (supervisor), "agent1", NULL,
                                client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  dto = ad_client_request_finish (ad_session_get_client (supervisor), result, &error);
  g_assert_no_error (error);
  CLIENT_TEST_WAIT_UNTIL (ad_agent_get_status (agent) == AD_AGENT_STATUS_LOGGED_OUT);
  g_assert_null (ad_agent_get_place_id (agent));

  /* Signed in again with a new token, still logged out. */
  g_signal_connect_swapped (f->a, "resynced", G_CALLBACK (count_signal), &resynced);
  revoke_token (f->a);
  CLIENT_TEST_WAIT_UNTIL (resynced > 0 && ad_client_get_token (client) != NULL &&
                          g_strcmp0 (ad_client_get_token (client), first_token) != 0);
  g_assert_cmpint (ad_agent_get_status (agent), ==, AD_AGENT_STATUS_LOGGED_OUT);
  g_clear_object (&result);
  g_clear_pointer (&dto, json_object_unref);
  ad_client_get_agent_async (client, "agent1", NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  dto = ad_client_request_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (dto, AD_AGENT_ATTR_STATUS), ==, "LOGGED_OUT");

  /* The agent logs in again itself. */
  ad_session_agent_login_async (f->a, "place1001", NULL, client_test_store_result, &slot);
  session_ok (f->a, &slot);
  g_assert_cmpint (ad_agent_get_status (agent), ==, AD_AGENT_STATUS_NOT_READY);
}

/* The sign-in after a 401 fails: the request held for it fails with the
 * sign-in's error rather than waiting for good. */
static void
test_sign_in_again_fails (void)
{
  AdSwitchOptions options;
  ClientTestSwitch *ts;
  g_autoptr(AdSession) session = NULL;
  g_autoptr(AdClient) intruder = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  gboolean limited = FALSE;

  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);
  ts = client_test_switch_new (&options);
  session = client_test_session_new (ts, "agent1", "place1001", FALSE);

  /* Wrong passwords until the switch refuses agent1's sign-ins for a
   * while. */
  intruder = ad_client_new (ts->base_url);
  for (guint i = 0; i < 100 && !limited; i++)
    {
      ad_client_login_async (intruder, "agent1", "wrong", NULL, client_test_store_result, &slot);
      result = client_test_wait_result (&slot);
      g_assert_false (ad_client_login_finish (intruder, result, NULL, NULL, &error));
      limited = g_error_matches (error, AD_ERROR, AD_ERROR_TOO_MANY_REQUESTS);
      g_clear_object (&result);
      g_clear_error (&error);
    }
  g_assert_true (limited);

  revoke_token (session);
  ad_session_ready_async (session, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  g_assert_false (ad_session_finish (session, result, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_TOO_MANY_REQUESTS);
  g_assert_cmpint (ad_agent_get_status (ad_session_get_agent (session)), ==,
                   AD_AGENT_STATUS_NOT_READY);

  g_clear_object (&session);
  client_test_switch_free (ts);
}

/* The caller's cancellable stops a sign-in under way, and nothing once
 * the session is signed in. */
static void
test_login_cancellable (void)
{
  AdSwitchOptions options;
  ClientTestSwitch *ts;
  g_autoptr(AdSession) session = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  AdInteraction *call;

  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);
  ts = client_test_switch_new (&options);
  session = ad_session_new (ts->base_url);

  ad_session_login_async (session, "agent1", "demo", cancellable, client_test_store_result, &slot);
  g_cancellable_cancel (cancellable);
  result = client_test_wait_result (&slot);
  g_assert_false (ad_session_finish (session, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (ad_session_get_connection_state (session), ==, AD_CONNECTION_STATE_OFFLINE);
  g_clear_object (&result);
  g_clear_error (&error);

  g_cancellable_reset (cancellable);
  ad_session_login_async (session, "agent1", "demo", cancellable, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  ad_session_finish (session, result, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);

  ad_session_agent_login_async (session, "place1001", NULL, client_test_store_result, &slot);
  session_ok (session, &slot);
  g_free (client_test_sim_inbound (session, NULL, "1001", "+15551230000"));
  call = client_test_wait_interaction (session, 1);
  client_test_wait_status (call, AD_INTERACTION_STATUS_RINGING);
  g_assert_cmpint (ad_session_get_connection_state (session), ==, AD_CONNECTION_STATE_CONNECTED);

  g_clear_object (&session);
  client_test_switch_free (ts);
}

static void
test_directory (Fixture       *f,
                gconstpointer  data)
{
  GListModel *directory = ad_session_get_directory (f->a);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  ad_session_refresh_directory_async (f->a, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  g_assert_true (ad_session_finish (f->a, result, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (directory), >=, 10);
  for (guint i = 0; i < g_list_model_get_n_items (directory); i++)
    {
      g_autoptr(AdAgent) entry = g_list_model_get_item (directory, i);
      g_autoptr(AdDn) dn = NULL;

      if (g_strcmp0 (ad_agent_get_id (entry), "agent2") != 0)
        continue;
      found = TRUE;
      g_assert_cmpint (ad_agent_get_status (entry), ==, AD_AGENT_STATUS_READY);
      g_assert_nonnull (ad_agent_get_name (entry));
      g_assert_cmpuint (g_list_model_get_n_items (ad_agent_get_dns (entry)), ==, 1);
      dn = g_list_model_get_item (ad_agent_get_dns (entry), 0);
      /* What the transfer dialog dials. */
      g_assert_cmpstr (ad_dn_get_number (dn), ==, "1002");
    }
  g_assert_true (found);
}

/* The answer to a request that created an interaction and the event that
 * announces it may come in either order: one object, added once. */
static void
test_adopt_either_order (Fixture       *f,
                         gconstpointer  data)
{
  GListModel *model = ad_session_get_interactions (f->a);
  const char *event_first =
    "{\"interactionId\": \"x-1\", \"attributes\": {\"interaction:interactionId\": \"x-1\","
    " \"interaction:agentId\": \"agent1\", \"interaction:status\": \"DIALING\"}}";
  g_autoptr(JsonNode) dto_1 = json_from_string ("{\"interaction:interactionId\": \"x-1\","
                                                " \"interaction:status\": \"NEW\"}", NULL);
  g_autoptr(JsonNode) dto_2 = json_from_string ("{\"interaction:interactionId\": \"x-2\","
                                                " \"interaction:status\": \"NEW\"}", NULL);
  const char *event_second =
    "{\"interactionId\": \"x-2\", \"attributes\": {\"interaction:interactionId\": \"x-2\","
    " \"interaction:agentId\": \"agent1\", \"interaction:status\": \"DIALING\"}}";
  const char *other_agent =
    "{\"interactionId\": \"x-3\", \"attributes\": {\"interaction:agentId\": \"agent9\","
    " \"interaction:status\": \"RINGING\"}}";
  AdInteraction *first, *second;

  g_assert_true (ad_session_apply_event (f->a, "InteractionEvent", event_first));
  first = ad_session_lookup_interaction (f->a, "x-1");
  g_assert_true (ad_session_adopt_interaction (f->a, json_node_get_object (dto_1)) == first);
  /* The answer is older than the event: it does not undo it. */
  g_assert_cmpint (ad_interaction_get_status (first), ==, AD_INTERACTION_STATUS_DIALING);

  second = ad_session_adopt_interaction (f->a, json_node_get_object (dto_2));
  g_assert_cmpint (ad_interaction_get_status (second), ==, AD_INTERACTION_STATUS_NEW);
  g_assert_true (ad_session_apply_event (f->a, "InteractionEvent", event_second));
  g_assert_true (ad_session_lookup_interaction (f->a, "x-2") == second);
  g_assert_cmpint (ad_interaction_get_status (second), ==, AD_INTERACTION_STATUS_DIALING);

  /* Another agent's call and garbage change nothing. */
  g_assert_true (ad_session_apply_event (f->a, "InteractionEvent", other_agent));
  g_assert_false (ad_session_apply_event (f->a, "InteractionEvent", "{not json"));
  g_assert_false (ad_session_apply_event (f->a, "InteractionEvent", "[1, 2]"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_true (client_test_nth_interaction (f->a, 0) == first);
  g_assert_true (client_test_nth_interaction (f->a, 1) == second);

  /* The switch knows neither: the next resync removes both. */
  ad_switch_server_drop_streams (f->ts->server);
  CLIENT_TEST_WAIT_UNTIL (g_list_model_get_n_items (model) == 0 && model_converged (f, f->a));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/client/session/login", test_login);
  ADD ("/client/session/inbound-answer", test_inbound_answer);
  ADD ("/client/session/directory", test_directory);
  ADD ("/client/session/adopt-either-order", test_adopt_either_order);
  ADD ("/client/session/make-call-then-dial", test_make_call_then_dial);
  ADD ("/client/session/make-call-with-destination", test_make_call_with_destination);
  ADD ("/client/session/contact-hangs-up", test_contact_hangs_up);
  ADD ("/client/session/single-step-transfer", test_single_step_transfer);
  ADD ("/client/session/mute-transfer", test_mute_transfer);
  ADD ("/client/session/dual-step-transfer", test_dual_step_transfer);
  ADD ("/client/session/reconnect", test_reconnect);
  ADD ("/client/session/single-step-conference", test_single_step_conference);
  ADD ("/client/session/dual-step-conference", test_dual_step_conference);
  ADD ("/client/session/hold-retrieve", test_hold_retrieve);
  ADD ("/client/session/hold-while-dialing", test_hold_while_dialing);
  ADD ("/client/session/mute-dtmf-attach", test_mute_dtmf_attach);
  ADD ("/client/session/refusals", test_refusals);
  ADD ("/client/session/drop-streams", test_drop_streams);
  ADD ("/client/session/restart", test_restart);
  ADD ("/client/session/agent-state", test_agent_state);
  ADD ("/client/session/supervisor", test_supervisor);
  ADD ("/client/session/token-revoked", test_token_revoked);
  ADD ("/client/session/token-revoked-two-requests", test_token_revoked_two_requests);
  ADD ("/client/session/sign-out-during-recovery", test_sign_out_during_recovery);
  ADD ("/client/session/forced-logout", test_forced_logout);
  g_test_add_func ("/client/session/login-errors", test_login_errors);
  g_test_add_func ("/client/session/login-cancellable", test_login_cancellable);
  g_test_add_func ("/client/session/keepalive-timeout", test_keepalive_timeout);
  g_test_add_func ("/client/session/resync-required", test_resync_required);
  g_test_add_func ("/client/session/token-expired", test_token_expired);
  g_test_add_func ("/client/session/sign-in-again-fails", test_sign_in_again_fails);

  for (AdSwitchProfile p = AD_SWITCH_PROFILE_FULL; p <= AD_SWITCH_PROFILE_BASIC; p++)
    {
      g_autofree char *path = g_strdup_printf ("/client/profile/%s/actions",
                                               ad_switch_profile_to_name (p));

      g_test_add (path, Fixture, GINT_TO_POINTER (p),
                  fixture_set_up, test_profile_actions, fixture_tear_down);
    }
  g_test_add ("/client/profile/no-single-step-transfer/fallback", Fixture,
              GINT_TO_POINTER (AD_SWITCH_PROFILE_NO_SINGLE_STEP_TRANSFER),
              fixture_set_up, test_transfer_fallback, fixture_tear_down);
  g_test_add ("/client/profile/basic/no-transfer", Fixture,
              GINT_TO_POINTER (AD_SWITCH_PROFILE_BASIC),
              fixture_set_up, test_transfer_basic, fixture_tear_down);

  return g_test_run ();
}
