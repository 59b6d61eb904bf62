/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ad-auth.h"
#include "switch-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

/* Every error type of the contract, produced over HTTP, and who may do
 * what. agent1 is logged in on place1001 (DN 1001), agent2 on place1002
 * (DN 1002), both NOT_READY. */

typedef struct {
  AdTestSwitch *ts;
  char         *agent1;
  char         *agent2;
  char         *supervisor;
} Fixture;

static void
fixture_set_up_with (Fixture               *fixture,
                     const AdSwitchOptions *options)
{
  fixture->ts = ad_test_switch_new (options);
  fixture->agent1 = ad_test_switch_agent_on (fixture->ts, "agent1", "place1001", FALSE);
  fixture->agent2 = ad_test_switch_agent_on (fixture->ts, "agent2", "place1002", FALSE);
  fixture->supervisor = ad_test_switch_login (fixture->ts, "supervisor", "demo");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture_set_up_with (fixture, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->agent1);
  g_free (fixture->agent2);
  g_free (fixture->supervisor);
  ad_test_switch_free (fixture->ts);
}

/* Creates an interaction (NEW) on @dn_id; returns its id. */
static char *
create_interaction (AdTestSwitch *ts,
                    const char   *token,
                    const char   *dn_id)
{
  g_autoptr(JsonObject) body = NULL;
  JsonObject *dto;

  body = ad_test_switch_expect (ts, 201, "POST", "/api/v1/voice/interactions", token,
                                "{\"dnId\": \"%s\"}", dn_id);
  dto = json_object_get_object_member (body, "interaction");
  g_assert_cmpstr (ad_json_string_or_null (dto, "interaction:status"), ==, "NEW");
  return g_strdup (ad_json_string_or_null (dto, "interaction:interactionId"));
}

static void
test_invalid_request (Fixture       *fixture,
                      gconstpointer  data)
{
  AdTestSwitch *ts = fixture->ts;
  g_autofree char *id = create_interaction (ts, fixture->agent1, "1001");
  g_autofree char *bad_action = g_strdup_printf ("/api/v1/voice/interactions/%s/fly", id);
  g_autoptr(JsonObject) agents = NULL;

  ad_test_switch_expect_error (ts, 400, "INVALID_REQUEST", "POST", "/api/v1/session", NULL,
                               "{\"username\": ");
  ad_test_switch_expect_error (ts, 400, "INVALID_REQUEST", "POST", "/api/v1/session", NULL,
                               "[1, 2]");
  ad_test_switch_expect_error (ts, 400, "INVALID_REQUEST", "POST", "/api/v1/session", NULL,
                               "{\"username\": 5, \"password\": \"demo\"}");
  ad_test_switch_expect_error (ts, 400, "INVALID_REQUEST", "POST", "/api/v1/session", NULL,
                               "{\"username\": \"agent1\"}");
  ad_test_switch_expect_error (ts, 400, "INVALID_REQUEST", "POST", "/api/v1/session", NULL,
                               NULL);
  ad_test_switch_expect_error (ts, 400, "INVALID_REQUEST", "POST", "/api/v1/agents/agent1/login",
                               fixture->agent1, "{\"placeId\": [\"place1001\"]}");
  ad_test_switch_expect_error (ts, 400, "INVALID_REQUEST", "POST", bad_action,
                               fixture->agent1, "{}");
  ad_test_switch_expect_error (ts, 400, "INVALID_REQUEST", "POST", "/api/v1/voice/interactions",
                               fixture->agent1, "{\"destination\": \"1002\"}");
  ad_test_switch_expect_error (ts, 400, "INVALID_REQUEST", "POST", "/api/v1/voice/interactions",
                               fixture->agent1, "{\"dnId\": \"1001\", \"attributes\": [1]}");
  ad_test_switch_expect_error (ts, 400, "INVALID_REQUEST", "GET", "/api/v1/history?limit=lots",
                               fixture->agent1, NULL);
  ad_test_switch_expect_error (ts, 400, "INVALID_REQUEST", "POST", "/api/v1/events/subscriptions",
                               fixture->agent1, "{\"topicsServices\": [{\"serviceName\": "
                               "\"WeatherService\", \"topicsEvents\": [{\"eventName\": \"Rain\"}]}]}");
  ad_test_switch_expect_error (ts, 400, "INVALID_REQUEST", "POST", "/api/v1/events/subscriptions",
                               fixture->agent1, "{\"topicsServices\": {}}");
  ad_test_switch_expect_error (ts, 400, "INVALID_REQUEST", "POST", "/api/v1/events/subscriptions",
                               fixture->agent1, "{\"topicsServices\": [{\"serviceName\": "
                               "\"InteractionService\", \"topicsEvents\": [{\"eventName\": "
                               "\"InteractionEvent\", \"triggers\": [{\"key\": \"MOON\", "
                               "\"value\": \"x\"}]}]}]}");
  ad_test_switch_expect_error (ts, 400, "INVALID_REQUEST", "POST", "/api/v1/events/subscriptions",
                               fixture->agent1, "{}");

  /* Still serving. */
  agents = ad_test_switch_expect (ts, 200, "GET", "/api/v1/agents", fixture->agent1, NULL);
  g_assert_true (json_object_has_member (agents, "agents"));
}

static void
test_unauthorized (Fixture       *fixture,
                   gconstpointer  data)
{
  AdTestSwitch *ts = fixture->ts;
  g_autofree char *token = ad_test_switch_login (ts, "agent3", "demo");
  g_autoptr(JsonObject) dto = NULL;

  ad_test_switch_expect_error (ts, 401, "UNAUTHORIZED", "GET", "/api/v1/agents", NULL, NULL);
  ad_test_switch_expect_error (ts, 401, "UNAUTHORIZED", "GET", "/api/v1/agents",
                               "not-a-token", NULL);
  ad_test_switch_expect_error (ts, 401, "UNAUTHORIZED", "POST", "/api/v1/session", NULL,
                               "{\"username\": \"agent1\", \"password\": \"wrong\"}");
  ad_test_switch_expect_error (ts, 401, "UNAUTHORIZED", "POST", "/api/v1/session", NULL,
                               "{\"username\": \"nobody\", \"password\": \"demo\"}");

  /* DELETE /session revokes the token and logs the agent out. */
  dto = ad_test_switch_expect (ts, 200, "POST", "/api/v1/agents/agent3/login", token,
                               "{\"placeId\": \"place1003\"}");
  g_clear_pointer (&dto, json_object_unref);
  g_clear_pointer (&dto, json_object_unref);
  dto = ad_test_switch_expect (ts, 204, "DELETE", "/api/v1/session", token, NULL);
  g_assert_null (dto);
  ad_test_switch_expect_error (ts, 401, "UNAUTHORIZED", "GET", "/api/v1/agents/agent3", token,
                               NULL);
  dto = ad_test_switch_expect (ts, 200, "GET", "/api/v1/agents/agent3", fixture->supervisor,
                               NULL);
  g_assert_cmpstr (ad_json_string_or_null (dto, "agent:status"), ==, "LOGGED_OUT");
}

static void
test_token_expires (void)
{
  AdSwitchOptions options;
  g_autoptr(AdTestSwitch) ts = NULL;
  g_autofree char *token = NULL;
  g_autoptr(JsonObject) dto = NULL;

  ad_test_switch_options_init (&options);
  options.token_ttl_s = 1;
  ts = ad_test_switch_new (&options);
  token = ad_test_switch_login (ts, "agent5", "demo");
  dto = ad_test_switch_expect (ts, 200, "GET", "/api/v1/agents/agent5", token, NULL);

  ad_test_spin (1500);
  ad_test_switch_expect_error (ts, 401, "UNAUTHORIZED", "GET", "/api/v1/agents/agent5", token,
                               NULL);
}

static void
test_forbidden_and_not_found (Fixture       *fixture,
                              gconstpointer  data)
{
  AdTestSwitch *ts = fixture->ts;
  const char *a1 = fixture->agent1;

  ad_test_switch_expect_error (ts, 403, "FORBIDDEN", "GET", "/api/v1/agents/agent2", a1, NULL);
  ad_test_switch_expect_error (ts, 403, "FORBIDDEN", "POST", "/api/v1/agents/agent2/ready", a1,
                               NULL);
  ad_test_switch_expect_error (ts, 403, "FORBIDDEN", "GET", "/api/v1/queues", a1, NULL);
  ad_test_switch_expect_error (ts, 403, "FORBIDDEN", "POST", "/api/v1/sim/inbound", a1,
                               "{\"ani\": \"+15551230000\", \"dnis\": \"8000\", \"queue\": \"sales\"}");
  ad_test_switch_expect_error (ts, 403, "FORBIDDEN", "POST", "/api/v1/events/subscriptions", a1,
                               "{\"topicsServices\": [{\"serviceName\": \"InteractionService\", "
                               "\"topicsEvents\": [{\"eventName\": \"InteractionEvent\", "
                               "\"triggers\": [{\"key\": \"ALL\"}]}]}]}");
  ad_test_switch_expect_error (ts, 403, "FORBIDDEN", "POST", "/api/v1/events/subscriptions", a1,
                               "{\"topicsServices\": [{\"serviceName\": \"StatisticsService\", "
                               "\"topicsEvents\": [{\"eventName\": \"QueueEvent\"}]}]}");

  ad_test_switch_expect_error (ts, 404, "NOT_FOUND", "GET", "/api/v1/agents/nobody", a1, NULL);
  ad_test_switch_expect_error (ts, 404, "NOT_FOUND", "GET", "/api/v1/interactions/nope", a1, NULL);
  ad_test_switch_expect_error (ts, 404, "NOT_FOUND", "POST",
                               "/api/v1/voice/interactions/nope/answer-call", a1, NULL);
  ad_test_switch_expect_error (ts, 404, "NOT_FOUND", "GET",
                               "/api/v1/events/subscriptions/nope/stream", a1, NULL);
  ad_test_switch_expect_error (ts, 404, "NOT_FOUND", "DELETE",
                               "/api/v1/events/subscriptions/nope", a1, NULL);
  ad_test_switch_expect_error (ts, 404, "NOT_FOUND", "GET", "/api/v1/nothing", a1, NULL);
  ad_test_switch_expect_error (ts, 404, "NOT_FOUND", "GET", "/elsewhere", a1, NULL);
  ad_test_switch_expect_error (ts, 404, "NOT_FOUND", "POST", "/api/v1/agents/agent1/dance", a1,
                               NULL);
  ad_test_switch_expect_error (ts, 404, "NOT_FOUND", "POST", "/api/v1/voice/interactions", a1,
                               "{\"dnId\": \"9999\"}");
  ad_test_switch_expect_error (ts, 404, "NOT_FOUND", "POST", "/api/v1/voice/interactions", a1,
                               "{\"placeId\": \"place9999\"}");
  /* A place id is not a DN id, nor the other way round. */
  ad_test_switch_expect_error (ts, 404, "NOT_FOUND", "POST", "/api/v1/voice/interactions", a1,
                               "{\"dnId\": \"place1001\"}");
  ad_test_switch_expect_error (ts, 404, "NOT_FOUND", "POST", "/api/v1/voice/interactions", a1,
                               "{\"placeId\": \"1001\"}");
  ad_test_switch_expect_error (ts, 404, "NOT_FOUND", "POST", "/api/v1/sim/calls/nope/hangup",
                               fixture->supervisor, NULL);
  ad_test_switch_expect_error (ts, 404, "NOT_FOUND", "POST", "/api/v1/events/subscriptions", a1,
                               "{\"topicsServices\": [{\"serviceName\": \"InteractionService\", "
                               "\"topicsEvents\": [{\"eventName\": \"InteractionEvent\", "
                               "\"triggers\": [{\"key\": \"AGENT\", \"value\": \"nobody\"}]}]}]}");
}

static void
test_method_not_allowed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GBytes) response = NULL;
  g_autoptr(JsonObject) body = NULL;
  guint status;

  status = ad_test_switch_request_raw (fixture->ts, "PUT", "/api/v1/agents", fixture->agent1,
                                       NULL, NULL, &response);
  g_assert_cmpuint (status, ==, 405);
  body = ad_json_parse_object (g_bytes_get_data (response, NULL), g_bytes_get_size (response),
                               NULL);
  ad_test_assert_error (body, "INVALID_REQUEST");
  g_clear_pointer (&body, json_object_unref);

  ad_test_switch_request (fixture->ts, "GET", "/api/v1/session", fixture->agent1, NULL, &body);
  ad_test_assert_error (body, "INVALID_REQUEST");
}

static void
test_action_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  AdTestSwitch *ts = fixture->ts;
  g_autofree char *id = create_interaction (ts, fixture->agent1, "1001");
  g_autofree char *answer = g_strdup_printf ("/api/v1/voice/interactions/%s/answer-call", id);
  g_autofree char *make_call = g_strdup_printf ("/api/v1/voice/interactions/%s/make-call", id);

  /* NEW offers no ANSWER_CALL. */
  ad_test_switch_expect_error (ts, 409, "ACTION_NOT_POSSIBLE", "POST", answer, fixture->agent1,
                               NULL);
  /* A number that is neither internal nor outside. */
  ad_test_switch_expect_error (ts, 422, "INVALID_DESTINATION", "POST", make_call,
                               fixture->agent1, "{\"destination\": \"12\"}");
  ad_test_switch_expect_error (ts, 422, "INVALID_DESTINATION", "POST",
                               "/api/v1/voice/interactions", fixture->agent1,
                               "{\"dnId\": \"1001\", \"destination\": \"12\"}");
  /* agent4 is not logged in: nobody can create an interaction there. */
  ad_test_switch_expect_error (ts, 409, "INVALID_AGENT_STATE", "POST",
                               "/api/v1/voice/interactions", fixture->supervisor,
                               "{\"dnId\": \"1004\"}");
  /* Logging in on a place someone else is logged in on. */
  {
    g_autofree char *agent3 = ad_test_switch_login (ts, "agent3", "demo");

    ad_test_switch_expect_error (ts, 409, "INVALID_AGENT_STATE", "POST",
                                 "/api/v1/agents/agent3/login", agent3,
                                 "{\"placeId\": \"place1001\"}");
  }
}

static void
test_action_in_progress (void)
{
  AdSwitchOptions options;
  g_autoptr(AdTestSwitch) ts = NULL;
  g_autofree char *token = NULL;
  g_autofree char *id = NULL;
  g_autofree char *attach = NULL;
  g_autoptr(JsonObject) ok = NULL;

  ad_test_switch_options_init (&options);
  options.action_delay_ms = 60 * 1000;
  ts = ad_test_switch_new (&options);
  token = ad_test_switch_agent_on (ts, "agent1", "place1001", FALSE);
  id = create_interaction (ts, token, "1001");
  attach = g_strdup_printf ("/api/v1/voice/interactions/%s/attach-data", id);

  ok = ad_test_switch_expect (ts, 202, "POST", attach, token,
                              "{\"attachedData\": {\"order\": \"1\"}}");
  ad_test_switch_expect_error (ts, 409, "ACTION_IN_PROGRESS", "POST", attach, token,
                               "{\"attachedData\": {\"order\": \"2\"}}");
}

static guint
post_big_body (AdTestSwitch *ts,
               const char   *token,
               gsize         size,
               gboolean      chunked,
               JsonObject  **response)
{
  g_autofree char *uri = g_strconcat (ts->base_url, "/api/v1/agents/agent1/ready", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autofree char *value = g_strconcat ("Bearer ", token, NULL);
  char *data = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  memset (data, ' ', size);
  data[0] = '{';
  data[size - 1] = '}';
  bytes = g_bytes_new_take (data, size);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);

  if (chunked)
    {
      /* An unknown length makes libsoup send the body chunked. */
      stream = g_memory_input_stream_new_from_bytes (bytes);
      soup_message_set_request_body (msg, "application/json", stream, -1);
    }
  else
    soup_message_set_request_body_from_bytes (msg, "application/json", bytes);

  reply = ad_test_switch_send (ts, msg, &error);
  g_assert_no_error (error);
  *response = ad_json_parse_object (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply),
                                    NULL);
  return soup_message_get_status (msg);
}

static void
test_payload_too_large (Fixture       *fixture,
                        gconstpointer  data)
{
  AdTestSwitch *ts = fixture->ts;
  const gboolean chunked[] = { FALSE, TRUE };

  for (guint i = 0; i < G_N_ELEMENTS (chunked); i++)
    {
      g_autoptr(JsonObject) response = NULL;
      g_autoptr(JsonObject) dto = NULL;
      guint status;

      status = post_big_body (ts, fixture->agent1, 1024 * 1024, chunked[i], &response);
      g_assert_cmpuint (status, ==, 413);
      ad_test_assert_error (response, "PAYLOAD_TOO_LARGE");

      /* Just under the limit is fine, and the server keeps serving. */
      g_clear_pointer (&response, json_object_unref);
      status = post_big_body (ts, fixture->agent1, 64 * 1024 - 16, chunked[i], &response);
      g_assert_cmpuint (status, ==, 200);
      dto = ad_test_switch_expect (ts, 200, "GET", "/api/v1/agents/agent1", fixture->agent1,
                                   NULL);
      g_assert_cmpstr (ad_json_string_or_null (dto, "agent:status"), ==, "READY");
      g_clear_pointer (&dto, json_object_unref);
      dto = ad_test_switch_expect (ts, 200, "POST", "/api/v1/agents/agent1/not-ready",
                                   fixture->agent1, "{\"reasonCode\": \"BREAK\"}");
    }
}

/* Agent A cannot read, act on or subscribe to agent B's interactions; a
 * supervisor can. */
static void
test_authorization (Fixture       *fixture,
                    gconstpointer  data)
{
  AdTestSwitch *ts = fixture->ts;
  const char *a1 = fixture->agent1, *a2 = fixture->agent2, *sup = fixture->supervisor;
  g_autofree char *id = create_interaction (ts, a2, "1002");
  g_autofree char *get = g_strdup_printf ("/api/v1/interactions/%s", id);
  g_autofree char *attach = g_strdup_printf ("/api/v1/voice/interactions/%s/attach-data", id);
  g_autofree char *sub2 = ad_test_switch_subscribe_agent (ts, a2, "agent2");
  g_autofree char *sub2_stream = g_strdup_printf ("/api/v1/events/subscriptions/%s/stream", sub2);
  g_autofree char *sub2_delete = g_strdup_printf ("/api/v1/events/subscriptions/%s", sub2);
  const char *other_triggers[] = {
    "{\"key\": \"AGENT\", \"value\": \"agent2\"}",
    "{\"key\": \"DN\", \"value\": \"1002\"}",
    "{\"key\": \"PLACE\", \"value\": \"place1002\"}",
  };
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *sup_sub = NULL;
  g_autofree char *own_sub = NULL;

  ad_test_switch_expect_error (ts, 403, "FORBIDDEN", "GET", get, a1, NULL);
  ad_test_switch_expect_error (ts, 403, "FORBIDDEN", "POST", attach, a1,
                               "{\"attachedData\": {\"x\": \"1\"}}");
  ad_test_switch_expect_error (ts, 403, "FORBIDDEN", "GET", "/api/v1/interactions?agentId=agent2",
                               a1, NULL);
  ad_test_switch_expect_error (ts, 403, "FORBIDDEN", "POST", "/api/v1/voice/interactions", a1,
                               "{\"dnId\": \"1002\"}");
  ad_test_switch_expect_error (ts, 403, "FORBIDDEN", "POST", "/api/v1/voice/interactions", a1,
                               "{\"placeId\": \"place1002\"}");
  ad_test_switch_expect_error (ts, 403, "FORBIDDEN", "GET", "/api/v1/history?agentId=agent2",
                               a1, NULL);
  ad_test_switch_expect_error (ts, 403, "FORBIDDEN", "GET", sub2_stream, a1, NULL);
  ad_test_switch_expect_error (ts, 403, "FORBIDDEN", "DELETE", sub2_delete, a1, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (other_triggers); i++)
    ad_test_switch_expect_error (ts, 403, "FORBIDDEN", "POST", "/api/v1/events/subscriptions", a1,
                                 "{\"topicsServices\": [{\"serviceName\": \"InteractionService\", "
                                 "\"topicsEvents\": [{\"eventName\": \"InteractionEvent\", "
                                 "\"triggers\": [%s]}]}]}", other_triggers[i]);

  /* Its own, the owner may. */
  body = ad_test_switch_expect (ts, 200, "GET", get, a2, NULL);
  g_assert_cmpstr (ad_json_string_or_null (body, "interaction:interactionId"), ==, id);
  g_clear_pointer (&body, json_object_unref);
  own_sub = ad_test_switch_subscribe (ts, a1,
                                      "{\"topicsServices\": [{\"serviceName\": \"InteractionService\", "
                                      "\"topicsEvents\": [{\"eventName\": \"InteractionEvent\", "
                                      "\"triggers\": [{\"key\": \"DN\", \"value\": \"1001\"}, "
                                      "{\"key\": \"PLACE\", \"value\": \"place1001\"}]}]}]}");

  /* A supervisor sees and does everything. */
  body = ad_test_switch_expect (ts, 200, "GET", get, sup, NULL);
  g_clear_pointer (&body, json_object_unref);
  body = ad_test_switch_expect (ts, 200, "GET", "/api/v1/interactions?agentId=agent2"
                                "&attributes=interaction:status", sup, NULL);
  {
    JsonArray *list = json_object_get_array_member (body, "interactions");
    JsonObject *dto = json_array_get_object_element (list, 0);

    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    g_assert_cmpstr (ad_json_string_or_null (dto, "interaction:interactionId"), ==, id);
    g_assert_cmpstr (ad_json_string_or_null (dto, "interaction:status"), ==, "NEW");
    /* The filter keeps only what was asked for (and the id). */
    g_assert_cmpuint (json_object_get_size (dto), ==, 2);
  }
  g_clear_pointer (&body, json_object_unref);
  /* Without agentId, a supervisor gets everyone's, an agent its own. */
  body = ad_test_switch_expect (ts, 200, "GET", "/api/v1/interactions", sup, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (body, "interactions")),
                    ==, 1);
  g_clear_pointer (&body, json_object_unref);
  body = ad_test_switch_expect (ts, 200, "GET", "/api/v1/interactions", a1, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (body, "interactions")),
                    ==, 0);
  g_clear_pointer (&body, json_object_unref);
  body = ad_test_switch_expect (ts, 202, "POST", attach, sup,
                                "{\"attachedData\": {\"x\": \"1\"}}");
  g_clear_pointer (&body, json_object_unref);
  sup_sub = ad_test_switch_subscribe (ts, sup,
                                      "{\"topicsServices\": [{\"serviceName\": \"InteractionService\", "
                                      "\"topicsEvents\": [{\"eventName\": \"InteractionEvent\", "
                                      "\"triggers\": [{\"key\": \"AGENT\", \"value\": \"agent2\"}]}]}]}");
  body = ad_test_switch_expect (ts, 204, "DELETE", sub2_delete, sup, NULL);
}

static void
test_extensions (Fixture       *fixture,
                 gconstpointer  data)
{
  AdTestSwitch *ts = fixture->ts;
  g_autoptr(JsonObject) center = ad_test_switch_expect (ts, 200, "GET", "/api/v1/center",
                                                        fixture->agent1, NULL);
  g_autoptr(JsonObject) queues = ad_test_switch_expect (ts, 200, "GET", "/api/v1/queues",
                                                        fixture->supervisor, NULL);
  g_autoptr(JsonObject) places = ad_test_switch_expect (ts, 200, "GET", "/api/v1/places",
                                                        fixture->agent1, NULL);
  JsonArray *list = json_object_get_array_member (queues, "queues");

  g_assert_cmpstr (ad_json_string_or_null (center, "profile"), ==, "full");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (ad_json_string_or_null (json_array_get_object_element (list, 0), "queue"),
                   ==, "sales");
  g_assert_true (json_object_has_member (json_array_get_object_element (list, 0),
                                         "callsWaiting"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (places, "places")),
                    ==, 10);
}

static void
test_sim_api_option (void)
{
  AdSwitchOptions options;
  g_autoptr(AdTestSwitch) ts = NULL;
  g_autofree char *token = NULL;
  g_autoptr(JsonObject) body = NULL;

  ad_test_switch_options_init (&options);
  options.sim_api = TRUE;
  ts = ad_test_switch_new (&options);
  token = ad_test_switch_login (ts, "agent1", "demo");
  body = ad_test_switch_expect (ts, 201, "POST", "/api/v1/sim/inbound", token,
                                "{\"ani\": \"+15551230000\", \"dnis\": \"8000\", "
                                "\"queue\": \"sales\"}");
  g_assert_nonnull (ad_json_string_or_null (body, "callId"));
}

/* A full history database refuses mark done with STORAGE_FAILED and the
 * interaction stays as it was. */
static void
test_storage_failed (void)
{
  AdSwitchOptions options;
  g_autoptr(AdTestSwitch) ts = NULL;
  g_autofree char *token = NULL;
  guint done = 0;

  ad_test_switch_options_init (&options);
  options.db_max_bytes = 16 * 1024;
  ts = ad_test_switch_new (&options);
  token = ad_test_switch_agent_on (ts, "agent1", "place1001", FALSE);

  for (;;)
    {
      g_autofree char *id = create_interaction (ts, token, "1001");
      g_autofree char *path = g_strdup_printf ("/api/v1/voice/interactions/%s/mark-done", id);
      g_autofree char *get = g_strdup_printf ("/api/v1/interactions/%s", id);
      g_autoptr(JsonObject) response = NULL;
      guint status;

      status = ad_test_switch_request (ts, "POST", path, token,
                                       "{\"disposition\": \"RESOLVED\", \"notes\": "
                                       "\"a note long enough to fill pages quickly, "
                                       "a note long enough to fill pages quickly\"}",
                                       &response);
      if (status == 202)
        {
          done++;
          g_assert_cmpuint (done, <, 500);
          continue;
        }

      g_assert_cmpuint (status, ==, 507);
      ad_test_assert_error (response, "STORAGE_FAILED");
      g_clear_pointer (&response, json_object_unref);
      response = ad_test_switch_expect (ts, 200, "GET", get, token, NULL);
      g_assert_cmpstr (ad_json_string_or_null (response, "interaction:status"), ==, "NEW");
      break;
    }

  g_assert_cmpuint (done, >, 0);
  {
    g_autoptr(JsonObject) history = ad_test_switch_expect (ts, 200, "GET",
                                                           "/api/v1/history?limit=1000",
                                                           token, NULL);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (history, "records")),
                      ==, done);
  }
}

/* A --config center: its users log in with hashed passwords; a clear
 * password in the file is refused. */
static void
test_config_users (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = ad_auth_hash_password ("s3cret", 1000);
  g_autofree char *dir = g_dir_make_tmp ("agentdesk-config-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "center.json", NULL);
  g_autofree char *json = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *token = NULL;
  g_autoptr(AdTestSwitch) ts = NULL;
  g_autoptr(JsonObject) body = NULL;
  AdSwitchOptions options;
  AdSwitchServer *refused;

  json = g_strdup_printf ("{\"places\": [{\"placeId\": \"p1\", \"dns\": [{\"dnId\": \"d1\", "
                          "\"number\": \"2001\"}]}], "
                          "\"agents\": [{\"agentId\": \"a1\", \"name\": \"Ann\", "
                          "\"username\": \"ann\", \"password\": \"%s\"}], "
                          "\"supervisors\": [{\"username\": \"boss\", \"password\": \"%s\"}]}",
                          hash, hash);
  g_assert_no_error (error);
  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);

  ad_test_switch_options_init (&options);
  options.config_file = path;
  ts = ad_test_switch_new (&options);

  ad_test_switch_expect_error (ts, 401, "UNAUTHORIZED", "POST", "/api/v1/session", NULL,
                               "{\"username\": \"ann\", \"password\": \"demo\"}");
  ad_test_switch_expect_error (ts, 401, "UNAUTHORIZED", "POST", "/api/v1/session", NULL,
                               "{\"username\": \"agent1\", \"password\": \"demo\"}");
  body = ad_test_switch_expect (ts, 201, "POST", "/api/v1/session", NULL,
                                "{\"username\": \"ann\", \"password\": \"s3cret\"}");
  g_assert_cmpstr (ad_json_string_or_null (body, "agentId"), ==, "a1");
  g_assert_cmpstr (ad_json_string_or_null (body, "role"), ==, "agent");
  token = ad_test_switch_login (ts, "boss", "s3cret");
  g_clear_pointer (&body, json_object_unref);
  body = ad_test_switch_expect (ts, 200, "GET", "/api/v1/agents/a1", token, NULL);
  g_assert_cmpstr (ad_json_string_or_null (body, "agent:name"), ==, "Ann");

  plain = g_strdup_printf ("{\"places\": [{\"placeId\": \"p1\", \"dns\": [{\"dnId\": \"d1\", "
                           "\"number\": \"2001\"}]}], "
                           "\"agents\": [{\"agentId\": \"a1\", \"name\": \"Ann\", "
                           "\"password\": \"s3cret\"}]}");
  g_file_set_contents (path, plain, -1, &error);
  g_assert_no_error (error);
  refused = ad_switch_server_new (&options, &error);
  g_assert_null (refused);
  g_assert_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/switch/http/invalid-request", test_invalid_request);
  ADD ("/switch/http/unauthorized", test_unauthorized);
  ADD ("/switch/http/forbidden-and-not-found", test_forbidden_and_not_found);
  ADD ("/switch/http/method-not-allowed", test_method_not_allowed);
  ADD ("/switch/http/action-errors", test_action_errors);
  ADD ("/switch/http/payload-too-large", test_payload_too_large);
  ADD ("/switch/http/authorization", test_authorization);
  ADD ("/switch/http/extensions", test_extensions);
#undef ADD
  g_test_add_func ("/switch/http/token-expires", test_token_expires);
  g_test_add_func ("/switch/http/action-in-progress", test_action_in_progress);
  g_test_add_func ("/switch/http/sim-api-option", test_sim_api_option);
  g_test_add_func ("/switch/http/storage-failed", test_storage_failed);
  g_test_add_func ("/switch/http/config-users", test_config_users);

  return g_test_run ();
}
