/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "switch-test-util.h"

/* Scenarios end to end over HTTP + SSE, checking what each party's
 * event stream receives. agent1 (place1001, DN 1001) and agent2
 * (place1002, DN 1002) are logged in, each with its own subscription and
 * stream; a supervisor watches everything. */

typedef struct {
  AdTestSwitch *ts;
  char         *token1;
  char         *token2;
  char         *supervisor;
  AdTestStream *stream1;
  AdTestStream *stream2;
  AdTestStream *all;
} Fixture;

static AdTestStream *
open_agent_stream (Fixture    *fixture,
                   const char *token,
                   const char *agent_id)
{
  g_autofree char *sub = ad_test_switch_subscribe_agent (fixture->ts, token, agent_id);
  AdTestStream *stream = ad_test_stream_open (fixture->ts, sub, token, NULL);

  g_assert_cmpuint (ad_test_stream_get_status (stream), ==, 200);
  return stream;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *sub = NULL;

  fixture->ts = ad_test_switch_new (NULL);
  fixture->token1 = ad_test_switch_agent_on (fixture->ts, "agent1", "place1001", FALSE);
  fixture->token2 = ad_test_switch_agent_on (fixture->ts, "agent2", "place1002", FALSE);
  fixture->supervisor = ad_test_switch_login (fixture->ts, "supervisor", "demo");
  fixture->stream1 = open_agent_stream (fixture, fixture->token1, "agent1");
  fixture->stream2 = open_agent_stream (fixture, fixture->token2, "agent2");
  sub = ad_test_switch_subscribe (fixture->ts, fixture->supervisor,
                                  "{\"topicsServices\": [{\"serviceName\": \"InteractionService\", "
                                  "\"topicsEvents\": [{\"eventName\": \"InteractionEvent\", "
                                  "\"attributes\": [\"interaction:status\", \"interaction:agentId\"], "
                                  "\"triggers\": [{\"key\": \"ALL\"}]}]}]}");
  fixture->all = ad_test_stream_open (fixture->ts, sub, fixture->supervisor, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ad_test_stream_free (fixture->stream1);
  ad_test_stream_free (fixture->stream2);
  ad_test_stream_free (fixture->all);
  g_free (fixture->token1);
  g_free (fixture->token2);
  g_free (fixture->supervisor);
  ad_test_switch_free (fixture->ts);
}

static void
perform (Fixture    *fixture,
         const char *token,
         const char *id,
         const char *action,
         const char *body)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/voice/interactions/%s/%s", id, action);
  g_autoptr(JsonObject) response = ad_test_switch_expect (fixture->ts, 202, "POST", path, token,
                                                          "%s", body != NULL ? body : "{}");

  g_assert_cmpuint (json_object_get_size (response), ==, 0);
}

static AdTestEvent *
expect_status (AdTestStream *stream,
               const char   *id,
               const char   *status,
               const char   *reason)
{
  AdTestEvent *event = ad_test_stream_wait_event (stream, "InteractionEvent", status);

  if (id != NULL)
    g_assert_cmpstr (ad_test_event_interaction_id (event), ==, id);
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction:interactionId"), ==,
                   ad_test_event_interaction_id (event));
  if (reason != NULL)
    g_assert_cmpstr (ad_test_event_attribute (event, "interaction:eventReason"), ==, reason);
  return event;
}

static gboolean
actions_contain (AdTestEvent *event,
                 const char  *action)
{
  JsonObject *attributes = json_object_get_object_member (event->json, "attributes");
  JsonArray *actions = json_object_get_array_member (attributes, "interaction.voice:actionsPossible");

  for (guint i = 0; i < json_array_get_length (actions); i++)
    if (g_strcmp0 (json_array_get_string_element (actions, i), action) == 0)
      return TRUE;
  return FALSE;
}

static void
expect_agent_status (AdTestStream *stream,
                     const char   *status)
{
  for (;;)
    {
      AdTestEvent *event = ad_test_stream_wait_event (stream, "AgentEvent", NULL);
      JsonObject *attributes = json_object_get_object_member (event->json, "attributes");

      if (g_strcmp0 (ad_json_string_or_null (attributes, "agent:status"), status) == 0)
        return;
    }
}

static void
mark_done (Fixture    *fixture,
           const char *token,
           const char *id)
{
  g_autofree char *get = g_strdup_printf ("/api/v1/interactions/%s", id);

  perform (fixture, token, id, "mark-done", "{\"disposition\": \"RESOLVED\", \"notes\": \"ok\"}");
  ad_test_switch_expect_error (fixture->ts, 404, "NOT_FOUND", "GET", get, token, NULL);
}

static JsonObject *
newest_record (Fixture    *fixture,
               const char *token)
{
  g_autoptr(JsonObject) body = ad_test_switch_expect (fixture->ts, 200, "GET",
                                                      "/api/v1/history?limit=1", token, NULL);
  JsonArray *records = json_object_get_array_member (body, "records");

  g_assert_cmpuint (json_array_get_length (records), ==, 1);
  return json_object_ref (json_array_get_object_element (records, 0));
}

/* agent1 calls agent2 (create, then dial), agent2 answers, agent1 releases,
 * both mark done. */
static void
test_internal_call (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  AdTestEvent *event;

  created = ad_test_switch_expect (fixture->ts, 201, "POST", "/api/v1/voice/interactions",
                                   fixture->token1, "{\"dnId\": \"1001\"}");
  id1 = g_strdup (ad_json_string_or_null (json_object_get_object_member (created, "interaction"),
                                          "interaction:interactionId"));
  event = expect_status (fixture->stream1, id1, "NEW", "STATUS_CHANGED");
  g_assert_true (actions_contain (event, "MAKE_CALL"));

  perform (fixture, fixture->token1, id1, "make-call", "{\"destination\": \"1002\"}");
  expect_status (fixture->stream1, id1, "DIALING", NULL);
  event = expect_status (fixture->stream2, NULL, "RINGING", "STATUS_CHANGED");
  id2 = g_strdup (ad_test_event_interaction_id (event));
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction.voice:callType"), ==, "INTERNAL");
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction:agentId"), ==, "agent2");
  g_assert_true (actions_contain (event, "ANSWER_CALL"));
  expect_agent_status (fixture->stream2, "BUSY");

  perform (fixture, fixture->token2, id2, "answer-call", NULL);
  expect_status (fixture->stream2, id2, "TALKING", NULL);
  event = expect_status (fixture->stream1, id1, "TALKING", NULL);
  g_assert_true (actions_contain (event, "RELEASE_CALL"));

  perform (fixture, fixture->token1, id1, "release-call", NULL);
  event = expect_status (fixture->stream1, id1, "IDLE", NULL);
  g_assert_true (actions_contain (event, "MARK_DONE"));
  expect_status (fixture->stream2, id2, "IDLE", NULL);

  mark_done (fixture, fixture->token1, id1);
  expect_status (fixture->stream1, id1, "MARKED_DONE", "REMOVED");
  mark_done (fixture, fixture->token2, id2);
  expect_status (fixture->stream2, id2, "MARKED_DONE", "REMOVED");

  /* The supervisor saw both sides. */
  expect_status (fixture->all, id1, "MARKED_DONE", NULL);
  expect_status (fixture->all, id2, "MARKED_DONE", NULL);

  record = newest_record (fixture, fixture->token1);
  g_assert_cmpstr (ad_json_string_or_null (record, "interactionId"), ==, id1);
  g_assert_cmpstr (ad_json_string_or_null (record, "callType"), ==, "INTERNAL");
  g_assert_cmpstr (ad_json_string_or_null (record, "disposition"), ==, "RESOLVED");
}

/* agent1 dials an outside number in one step; it answers by itself. */
static void
test_outbound_call (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) created = NULL;
  const char *id;
  AdTestEvent *event;

  created = ad_test_switch_expect (fixture->ts, 201, "POST", "/api/v1/voice/interactions",
                                   fixture->token1,
                                   "{\"dnId\": \"1001\", \"destination\": \"+15557654321\", "
                                   "\"attributes\": [\"interaction:status\"]}");
  id = ad_json_string_or_null (json_object_get_object_member (created, "interaction"),
                               "interaction:interactionId");
  g_assert_nonnull (id);
  expect_status (fixture->stream1, id, "DIALING", NULL);
  event = expect_status (fixture->stream1, id, "TALKING", NULL);
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction.voice:callType"), ==, "OUTBOUND");

  /* The contact hangs up first: the agent can only mark done. */
  perform (fixture, fixture->token1, id, "release-call", NULL);
  event = expect_status (fixture->stream1, id, "IDLE", NULL);
  g_assert_false (actions_contain (event, "RELEASE_CALL"));
  mark_done (fixture, fixture->token1, id);
  expect_status (fixture->stream1, id, "MARKED_DONE", "REMOVED");
}

/* An inbound call to the sales queue goes to the ready agent; it answers;
 * the contact hangs up; the agent marks done and is READY again. */
static void
test_inbound_from_queue (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(JsonObject) dto = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *hangup = NULL;
  g_autofree char *id = NULL;
  AdTestEvent *event;

  dto = ad_test_switch_expect (fixture->ts, 200, "POST", "/api/v1/agents/agent2/ready",
                               fixture->token2, NULL);
  expect_agent_status (fixture->stream2, "READY");

  call = ad_test_switch_expect (fixture->ts, 201, "POST", "/api/v1/sim/inbound",
                                fixture->supervisor,
                                "{\"ani\": \"+15551230000\", \"dnis\": \"8000\", "
                                "\"queue\": \"sales\", \"attachedData\": {\"order\": \"77\"}}");
  hangup = g_strdup_printf ("/api/v1/sim/calls/%s/hangup", ad_json_string_or_null (call, "callId"));

  event = expect_status (fixture->stream2, NULL, "RINGING", "STATUS_CHANGED");
  id = g_strdup (ad_test_event_interaction_id (event));
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction.voice:ANI"), ==, "+15551230000");
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction.voice:callType"), ==, "INBOUND");
  g_assert_true (actions_contain (event, "ANSWER_CALL"));
  expect_agent_status (fixture->stream2, "BUSY");

  perform (fixture, fixture->token2, id, "answer-call", NULL);
  expect_status (fixture->stream2, id, "TALKING", NULL);

  g_clear_pointer (&dto, json_object_unref);
  dto = ad_test_switch_expect (fixture->ts, 204, "POST", hangup, fixture->supervisor, NULL);
  event = expect_status (fixture->stream2, id, "IDLE", NULL);
  g_assert_true (actions_contain (event, "MARK_DONE"));

  mark_done (fixture, fixture->token2, id);
  expect_status (fixture->stream2, id, "MARKED_DONE", "REMOVED");
  g_clear_pointer (&dto, json_object_unref);
  dto = ad_test_switch_expect (fixture->ts, 200, "GET", "/api/v1/agents/agent2",
                               fixture->token2, NULL);
  g_assert_cmpstr (ad_json_string_or_null (dto, "agent:status"), ==, "READY");

  record = newest_record (fixture, fixture->token2);
  g_assert_cmpstr (ad_json_string_or_null (record, "interactionId"), ==, id);
  g_assert_cmpstr (ad_json_string_or_null (record, "ANI"), ==, "+15551230000");
  g_assert_cmpstr (ad_json_string_or_null (record, "agentId"), ==, "agent2");

  /* agent1 saw nothing of it. */
  ad_test_spin (50);
  while (ad_test_stream_get_n_pending (fixture->stream1) > 0)
    {
      AdTestEvent *other = ad_test_stream_next (fixture->stream1);

      g_assert_cmpstr (ad_test_event_interaction_id (other), !=, id);
    }
}

/* Rings agent1 with an inbound call from the sales queue and answers it;
 * returns the interaction id. */
static char *
inbound_talking (Fixture *fixture)
{
  g_autoptr(JsonObject) dto = NULL;
  g_autoptr(JsonObject) call = NULL;
  AdTestEvent *event;
  char *id;

  dto = ad_test_switch_expect (fixture->ts, 200, "POST", "/api/v1/agents/agent1/ready",
                               fixture->token1, NULL);
  call = ad_test_switch_expect (fixture->ts, 201, "POST", "/api/v1/sim/inbound",
                                fixture->supervisor,
                                "{\"ani\": \"+15551230000\", \"dnis\": \"8000\", "
                                "\"queue\": \"sales\"}");
  event = expect_status (fixture->stream1, NULL, "RINGING", NULL);
  id = g_strdup (ad_test_event_interaction_id (event));
  perform (fixture, fixture->token1, id, "answer-call", NULL);
  expect_status (fixture->stream1, id, "TALKING", NULL);
  return id;
}

/* agent1 holds and retrieves the caller, then transfers it in one step to
 * agent2, who answers. */
static void
test_hold_and_single_step_transfer (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *id1 = inbound_talking (fixture);
  g_autofree char *id2 = NULL;
  AdTestEvent *event;

  perform (fixture, fixture->token1, id1, "hold", NULL);
  event = expect_status (fixture->stream1, id1, "HELD", NULL);
  g_assert_true (actions_contain (event, "RETRIEVE"));
  perform (fixture, fixture->token1, id1, "retrieve", NULL);
  expect_status (fixture->stream1, id1, "TALKING", NULL);

  perform (fixture, fixture->token1, id1, "single-step-transfer",
           "{\"destination\": \"1002\", \"attachedData\": {\"note\": \"vip\"}}");
  expect_status (fixture->stream1, id1, "IDLE", NULL);
  event = expect_status (fixture->stream2, NULL, "RINGING", NULL);
  id2 = g_strdup (ad_test_event_interaction_id (event));
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction.voice:ANI"), ==, "+15551230000");
  g_assert_cmpstr (ad_json_string_or_null (
    json_object_get_object_member (json_object_get_object_member (event->json, "attributes"),
                                   "interaction:attachedData"), "note"), ==, "vip");

  perform (fixture, fixture->token2, id2, "answer-call", NULL);
  expect_status (fixture->stream2, id2, "TALKING", NULL);
  mark_done (fixture, fixture->token1, id1);
  expect_status (fixture->stream1, id1, "MARKED_DONE", "REMOVED");
}

/* Dual-step transfer: Call_1 held, Call_2 dials agent2, whose Call_3
 * rings; complete releases Call_1 and Call_2, and Call_3 gets the new
 * parties. */
static void
test_dual_step_transfer (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *call1 = inbound_talking (fixture);
  g_autofree char *path = g_strdup_printf ("/api/v1/voice/interactions/%s/initiate-transfer", call1);
  g_autoptr(JsonObject) created = NULL;
  g_autofree char *call3 = NULL;
  const char *call2;
  AdTestEvent *event;

  created = ad_test_switch_expect (fixture->ts, 201, "POST", path, fixture->token1,
                                   "{\"destination\": \"1002\"}");
  call2 = ad_json_string_or_null (json_object_get_object_member (created, "interaction"),
                                  "interaction:interactionId");
  g_assert_nonnull (call2);
  g_assert_cmpstr (call2, !=, call1);
  expect_status (fixture->stream1, call1, "HELD", NULL);
  event = expect_status (fixture->stream2, NULL, "RINGING", NULL);
  call3 = g_strdup (ad_test_event_interaction_id (event));
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction.voice:callType"), ==, "CONSULT");

  perform (fixture, fixture->token2, call3, "answer-call", NULL);
  expect_status (fixture->stream2, call3, "TALKING", NULL);
  expect_status (fixture->stream1, call2, "TALKING", NULL);

  perform (fixture, fixture->token1, call1, "complete-transfer", NULL);
  expect_status (fixture->stream1, NULL, "IDLE", NULL);
  expect_status (fixture->stream1, NULL, "IDLE", NULL);
  for (;;)
    {
      event = expect_status (fixture->stream2, call3, "TALKING", NULL);
      if (g_strcmp0 (ad_test_event_attribute (event, "interaction:eventReason"),
                     "INFO_CHANGED") == 0)
        break;
    }
  {
    JsonObject *attributes = json_object_get_object_member (event->json, "attributes");
    JsonArray *parties = json_object_get_array_member (attributes, "interaction.voice:parties");
    gboolean caller = FALSE;

    for (guint i = 0; i < json_array_get_length (parties); i++)
      caller |= g_strcmp0 (ad_json_string_or_null (json_array_get_object_element (parties, i),
                                                    "number"), "+15551230000") == 0;
    g_assert_true (caller);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/switch/e2e/internal-call", test_internal_call);
  ADD ("/switch/e2e/outbound-call", test_outbound_call);
  ADD ("/switch/e2e/inbound-from-queue", test_inbound_from_queue);
  ADD ("/switch/e2e/hold-and-single-step-transfer", test_hold_and_single_step_transfer);
  ADD ("/switch/e2e/dual-step-transfer", test_dual_step_transfer);
#undef ADD

  return g_test_run ();
}
