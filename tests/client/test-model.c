/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "client-test-util.h"
#include "ad-client-private.h"

/* The model objects fed DTOs directly: what changes, what notifies, what
 * stays the same object. */

static JsonObject *
object_from (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static JsonArray *
array_from (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_array_ref (json_node_get_array (node));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "(%u,%u,%u)", position, removed, added);
}

static void
test_parties (void)
{
  g_autoptr(GListStore) store = g_list_store_new (AD_TYPE_PARTY);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(JsonArray) two = array_from (
    "[{\"number\": \"+15551230000\", \"agentId\": null, \"role\": \"ORIGINATOR\"},"
    " {\"number\": \"1001\", \"agentId\": \"agent1\", \"role\": \"DESTINATION\"}]");
  g_autoptr(JsonArray) three = array_from (
    "[{\"number\": \"+15551230000\", \"agentId\": null, \"role\": \"ORIGINATOR\"},"
    " {\"number\": \"1002\", \"agentId\": \"agent2\", \"role\": \"CONFERENCE_MEMBER\"},"
    " {\"number\": \"1001\", \"agentId\": \"agent1\", \"role\": \"DESTINATION\"}, 42]");
  g_autoptr(AdParty) first = NULL;
  g_autoptr(AdParty) last = NULL;
  g_autoptr(AdParty) first_again = NULL;
  g_autoptr(AdParty) last_again = NULL;
  g_autoptr(AdParty) middle = NULL;

  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), log);

  g_assert_true (ad_party_list_update (store, two));
  g_assert_false (ad_party_list_update (store, two));
  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  last = g_list_model_get_item (G_LIST_MODEL (store), 1);
  g_assert_null (ad_party_get_agent_id (first));
  g_assert_cmpint (ad_party_get_role (last), ==, AD_PARTY_ROLE_DESTINATION);

  /* A member joins in the middle: only the middle is spliced; the rows of
   * the others keep their objects. Non-objects are skipped. */
  g_assert_true (ad_party_list_update (store, three));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  first_again = g_list_model_get_item (G_LIST_MODEL (store), 0);
  last_again = g_list_model_get_item (G_LIST_MODEL (store), 2);
  middle = g_list_model_get_item (G_LIST_MODEL (store), 1);
  g_assert_true (first_again == first);
  g_assert_true (last_again == last);
  g_assert_cmpstr (ad_party_get_agent_id (middle), ==, "agent2");

  g_assert_true (ad_party_list_update (store, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_cmpstr (log->str, ==, "(0,0,2)(1,0,1)(0,3,0)");
}

static void
test_agent (void)
{
  g_autoptr(AdAgent) agent = ad_agent_new ("agent1");
  g_autoptr(NotifyLog) log = notify_log_new (agent);
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) on_place = object_from (
    "{\"agent:agentId\": \"agent1\", \"agent:name\": \"Ann\", \"agent:status\": \"NOT_READY\","
    " \"agent:placeId\": \"place1001\", \"agent:reasonCode\": \"BREAK\","
    " \"agent:statusSince\": \"2026-11-26T04:00:00Z\","
    " \"agent:dnsActionsPossible\": {\"dn-a\": [\"CREATE_INTERACTION\"], \"dn-b\": []},"
    " \"agent:queues\": [\"sales\", \"support\"],"
    " \"agent:currentCall\": {\"interactionId\": \"call-9\", \"callType\": \"INBOUND\"}}");
  g_autoptr(JsonObject) status_only = object_from ("{\"agent:status\": \"READY\", \"agent:reasonCode\": null}");
  g_autoptr(JsonObject) logged_out = object_from (
    "{\"agent:status\": \"LOGGED_OUT\", \"agent:placeId\": null, \"agent:dnsActionsPossible\": {},"
    " \"agent:currentCall\": null}");
  AdDn *dn;

  g_hash_table_insert (numbers, "dn-a", "1001");
  ad_agent_set_dn_numbers (agent, numbers);
  ad_agent_apply_dto (agent, on_place);
  g_assert_cmpstr (ad_agent_get_name (agent), ==, "Ann");
  g_assert_cmpint (ad_agent_get_status (agent), ==, AD_AGENT_STATUS_NOT_READY);
  g_assert_cmpstr (ad_agent_get_reason_code (agent), ==, "BREAK");
  g_assert_cmpint (g_date_time_to_unix (ad_agent_get_status_since (agent)), ==, 1795665600);
  g_assert_cmpuint (g_strv_length ((char **) ad_agent_get_queues (agent)), ==, 2);
  g_assert_cmpstr (ad_agent_get_current_call (agent), ==, "call-9");
  g_assert_cmpuint (g_list_model_get_n_items (ad_agent_get_dns (agent)), ==, 2);
  dn = ad_agent_lookup_dn (agent, "dn-a");
  g_assert_cmpstr (ad_dn_get_number (dn), ==, "1001");
  g_assert_true (ad_dn_get_can_create_interaction (dn));
  g_assert_false (ad_dn_get_can_create_interaction (ad_agent_lookup_dn (agent, "dn-b")));
  g_assert_true (ad_agent_can_create_interaction (agent, NULL));
  g_assert_false (ad_agent_can_create_interaction (agent, "dn-b"));

  /* The same again changes nothing; a partial DTO changes what it holds. */
  notify_log_reset (log);
  ad_agent_apply_dto (agent, on_place);
  g_assert_cmpuint (notify_log_count (log, "status"), ==, 0);
  g_assert_cmpuint (notify_log_count (log, "queues"), ==, 0);
  ad_agent_apply_dto (agent, status_only);
  g_assert_cmpuint (notify_log_count (log, "status"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "reason-code"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "name"), ==, 0);
  g_assert_null (ad_agent_get_reason_code (agent));
  g_assert_cmpstr (ad_agent_get_place_id (agent), ==, "place1001");

  ad_agent_apply_dto (agent, logged_out);
  g_assert_null (ad_agent_get_place_id (agent));
  g_assert_null (ad_agent_get_current_call (agent));
  g_assert_cmpuint (g_list_model_get_n_items (ad_agent_get_dns (agent)), ==, 0);
  g_assert_false (ad_agent_can_create_interaction (agent, NULL));
}

static void
test_agent_version (void)
{
  g_autoptr(AdAgent) agent = ad_agent_new ("agent1");
  g_autoptr(JsonObject) ready = object_from (
    "{\"agent:status\": \"READY\", \"agent:version\": 1795665600000012}");
  g_autoptr(JsonObject) older = object_from (
    "{\"agent:status\": \"NOT_READY\", \"agent:reasonCode\": \"BREAK\","
    " \"agent:version\": 1795665600000011}");
  g_autoptr(JsonObject) newer = object_from (
    "{\"agent:status\": \"BUSY\", \"agent:version\": 1795665600000013}");
  g_autoptr(JsonObject) unversioned = object_from ("{\"agent:status\": \"AFTER_CALL_WORK\"}");
  g_autoptr(JsonObject) entry = object_from ("{\"status\": \"READY\", \"version\": 1795665600000010}");

  /* An answer and an event that crossed: the older one, whichever comes
   * last, changes nothing. */
  ad_agent_apply_dto (agent, ready);
  g_assert_cmpint (ad_agent_get_status (agent), ==, AD_AGENT_STATUS_READY);
  ad_agent_apply_dto (agent, older);
  g_assert_cmpint (ad_agent_get_status (agent), ==, AD_AGENT_STATUS_READY);
  g_assert_null (ad_agent_get_reason_code (agent));
  ad_agent_apply_directory_entry (agent, entry);
  g_assert_cmpint (ad_agent_get_status (agent), ==, AD_AGENT_STATUS_READY);
  ad_agent_apply_dto (agent, newer);
  g_assert_cmpint (ad_agent_get_status (agent), ==, AD_AGENT_STATUS_BUSY);
  ad_agent_apply_dto (agent, newer);
  g_assert_cmpint (ad_agent_get_status (agent), ==, AD_AGENT_STATUS_BUSY);
  /* A switch that sends no version is taken as it comes. */
  ad_agent_apply_dto (agent, unversioned);
  g_assert_cmpint (ad_agent_get_status (agent), ==, AD_AGENT_STATUS_AFTER_CALL_WORK);
}

static void
test_interaction_dto (void)
{
  g_autoptr(AdSession) session = ad_session_new ("http://127.0.0.1:1");
  g_autoptr(AdInteraction) interaction = ad_interaction_new (session, "call-1");
  g_autoptr(NotifyLog) log = notify_log_new (interaction);
  g_autoptr(JsonObject) ringing = object_from (
    "{\"interaction:interactionId\": \"call-1\", \"interaction:status\": \"RINGING\","
    " \"interaction:eventReason\": \"STATUS_CHANGED\", \"interaction:agentId\": \"agent1\","
    " \"interaction:dnId\": \"dn-a\", \"interaction:attachedData\": {\"crm\": \"42\", \"n\": 7},"
    " \"interaction:extensions\": {}, \"interaction.voice:ANI\": \"+15551230000\","
    " \"interaction.voice:DNIS\": \"8000\", \"interaction.voice:phoneNumber\": [\"+15551230000\"],"
    " \"interaction.voice:duration\": 0, \"interaction.voice:actionsPossible\": [\"ANSWER_CALL\","
    " \"ATTACH_DATA\", \"FROM_THE_FUTURE\"], \"interaction.voice:parties\": [], "
    " \"interaction.voice:muted\": false, \"interaction.voice:callType\": \"INBOUND\"}");
  g_autoptr(JsonObject) talking = object_from (
    "{\"interaction:status\": \"TALKING\", \"interaction.voice:duration\": 12,"
    " \"interaction.voice:actionsPossible\": [\"RELEASE_CALL\", \"HOLD\"],"
    " \"interaction:attachedData\": {\"crm\": \"42\"},"
    " \"interaction:extensions\": {\"dtmfDigits\": \"12\"}, \"interaction.voice:DNIS\": null}");
  GHashTable *data;

  ad_interaction_apply_dto (interaction, ringing);
  g_assert_cmpint (ad_interaction_get_status (interaction), ==, AD_INTERACTION_STATUS_RINGING);
  g_assert_cmpint (ad_interaction_get_actions_possible (interaction), ==,
                   AD_VOICE_ACTION_ANSWER_CALL | AD_VOICE_ACTION_ATTACH_DATA);
  data = ad_interaction_get_attached_data (interaction);
  /* Only strings are attached data. */
  g_assert_cmpuint (g_hash_table_size (data), ==, 1);
  g_assert_cmpstrv (ad_interaction_get_phone_numbers (interaction), ((const char *[]) { "+15551230000", NULL }));
  g_assert_false (ad_interaction_tick (interaction, g_get_monotonic_time ()));

  notify_log_reset (log);
  ad_interaction_apply_dto (interaction, ringing);
  g_assert_cmpuint (notify_log_count (log, "status"), ==, 0);
  g_assert_cmpuint (notify_log_count (log, "attached-data"), ==, 0);
  g_assert_cmpuint (notify_log_count (log, "parties"), ==, 0);
  g_assert_cmpuint (notify_log_count (log, "phone-numbers"), ==, 0);

  ad_interaction_apply_dto (interaction, talking);
  g_assert_cmpuint (notify_log_count (log, "status"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "duration"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "extensions"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "dnis"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "attached-data"), ==, 0);
  g_assert_cmpuint (notify_log_count (log, "ani"), ==, 0);
  g_assert_cmpuint (ad_interaction_get_duration (interaction), ==, 12);
  g_assert_null (ad_interaction_get_dnis (interaction));
  g_assert_cmpstr (ad_interaction_get_ani (interaction), ==, "+15551230000");
  g_assert_cmpstr (json_object_get_string_member (ad_interaction_get_extensions (interaction),
                                                  "dtmfDigits"), ==, "12");

  /* The clock runs from the switch's figure, without events. */
  g_assert_true (ad_interaction_tick (interaction, g_get_monotonic_time () + 3 * G_USEC_PER_SEC));
  g_assert_cmpuint (ad_interaction_get_duration (interaction), ==, 15);
  g_assert_cmpuint (notify_log_count (log, "duration"), ==, 2);
  g_assert_cmpstr (notify_log_last_value (log, "duration"), ==, "15");
}

static void
test_history_record (void)
{
  g_autoptr(JsonObject) json = object_from (
    "{\"interactionId\": \"call-1\", \"agentId\": \"agent1\", \"ANI\": \"+15551230000\","
    " \"DNIS\": null, \"callType\": \"INBOUND\", \"startedAt\": \"2026-11-26T04:00:00Z\","
    " \"endedAt\": \"2026-11-26T04:01:05Z\", \"durationSeconds\": 65,"
    " \"parties\": [{\"number\": \"1001\", \"agentId\": \"agent1\", \"role\": \"DESTINATION\"}],"
    " \"attachedData\": {\"crm\": \"42\"}, \"disposition\": \"SOLD\", \"notes\": null}");
  g_autoptr(AdHistoryRecord) record = ad_history_record_new_from_json (json);

  g_assert_cmpstr (ad_history_record_get_interaction_id (record), ==, "call-1");
  g_assert_null (ad_history_record_get_dnis (record));
  g_assert_cmpint (ad_history_record_get_call_type (record), ==, AD_CALL_TYPE_INBOUND);
  g_assert_cmpint (g_date_time_difference (ad_history_record_get_ended_at (record),
                                           ad_history_record_get_started_at (record)),
                   ==, 65 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (ad_history_record_get_duration (record), ==, 65);
  g_assert_cmpuint (g_list_model_get_n_items (ad_history_record_get_parties (record)), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (ad_history_record_get_attached_data (record), "crm"), ==, "42");
  g_assert_cmpstr (ad_history_record_get_disposition (record), ==, "SOLD");
  g_assert_null (ad_history_record_get_notes (record));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/model/parties", test_parties);
  g_test_add_func ("/client/model/agent", test_agent);
  g_test_add_func ("/client/model/agent-version", test_agent_version);
  g_test_add_func ("/client/model/interaction-dto", test_interaction_dto);
  g_test_add_func ("/client/model/history-record", test_history_record);

  return g_test_run ();
}
