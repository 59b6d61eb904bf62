/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "switch-test-util.h"

#include <string.h>

/* Every call scenario of the contract end to end over HTTP + SSE, as
 * docs/call-model.md ("Event sequences") tells them. Four agents are
 * logged in, NOT_READY, each with its own token, its own subscription
 * (InteractionService, AGENT trigger, every attribute) and its own
 * stream:
 *
 *   A = agent1 on place1001 (DN 1001)    B = agent2 on place1002 (DN 1002)
 *   C = agent3 on place1003 (DN 1003)    D = agent4 on place1004 (DN 1004)
 *
 * Each stream is read event by event: a test states the exact sequence
 * every party receives, and ends with assert_quiet(), which proves that
 * nothing else arrived. Waits are for events (with the helper's guard
 * timeout), never for time. */

#define CALLER "+15551230000"
#define OUTSIDE "+15557654321"

/* actionsPossible by status and shape (docs/call-model.md), full profile. */
#define ACTIONS_NEW "MAKE_CALL MARK_DONE ATTACH_DATA"
#define ACTIONS_DIALING "RELEASE_CALL HOLD ATTACH_DATA"
#define ACTIONS_DIALING_HELD "RETRIEVE RELEASE_CALL ATTACH_DATA"
#define ACTIONS_RINGING "ANSWER_CALL ATTACH_DATA"
#define ACTIONS_TALKING "RELEASE_CALL HOLD SINGLE_STEP_TRANSFER MUTE_TRANSFER INIT_TRANSFER " \
                        "SINGLE_STEP_CONFERENCE INIT_CONFERENCE MUTE_ON SEND_DTMF ATTACH_DATA"
#define ACTIONS_CONFERENCE "RELEASE_CALL HOLD LEAVE_CONFERENCE SINGLE_STEP_CONFERENCE " \
                           "INIT_CONFERENCE MUTE_ON SEND_DTMF ATTACH_DATA"
#define ACTIONS_ADDING "RELEASE_CALL HOLD MUTE_ON SEND_DTMF ATTACH_DATA"
#define ACTIONS_CALL_2 "RELEASE_CALL RECONNECT MUTE_ON SEND_DTMF ATTACH_DATA"
#define ACTIONS_CALL_2_DIALING "RELEASE_CALL RECONNECT ATTACH_DATA"
#define ACTIONS_CALL_3 "RELEASE_CALL HOLD MUTE_ON SEND_DTMF ATTACH_DATA"
#define ACTIONS_HELD "RETRIEVE RELEASE_CALL ATTACH_DATA"
#define ACTIONS_CONSULTING "RECONNECT RELEASE_CALL ATTACH_DATA"
#define ACTIONS_IDLE "MARK_DONE ATTACH_DATA"

typedef struct {
  const char   *agent_id;
  const char   *place_id;
  const char   *dn;
  char         *token;
  AdTestStream *stream;
} Agent;

/* The contract's switch profiles: what each lacks. */
typedef struct {
  const char      *name;
  const char      *lacks;
  gboolean         holds_while_dialing;
} ProfileCase;

typedef struct {
  AdTestSwitch      *ts;
  char              *supervisor;
  Agent              agents[4];
  GPtrArray         *strings;    /* freed with the fixture */
  const ProfileCase *profile;
} Fixture;

static const ProfileCase profile_cases[] = {
  { "full", "", TRUE },
  { "no-hold", "HOLD RETRIEVE INIT_TRANSFER INIT_CONFERENCE RECONNECT", FALSE },
  { "no-dialing-hold", "", FALSE },
  { "no-single-step-transfer", "SINGLE_STEP_TRANSFER", TRUE },
  { "basic",
    "HOLD RETRIEVE SINGLE_STEP_TRANSFER MUTE_TRANSFER INIT_TRANSFER COMPLETE_TRANSFER "
    "SINGLE_STEP_CONFERENCE INIT_CONFERENCE COMPLETE_CONFERENCE LEAVE_CONFERENCE RECONNECT "
    "MUTE_ON MUTE_OFF SEND_DTMF ATTACH_DATA", FALSE },
};

/* Helpers */

static const char *
keep (Fixture *f,
      char    *string)
{
  g_ptr_array_add (f->strings, string);
  return string;
}

static AdVoiceAction
actions_from_names (const char *names)
{
  g_auto(GStrv) split = g_strsplit (names, " ", -1);
  AdVoiceAction actions = AD_VOICE_ACTION_NONE;

  for (guint i = 0; split[i] != NULL; i++)
    {
      AdVoiceAction action;

      if (split[i][0] == '\0')
        continue;
      action = ad_voice_action_from_string (split[i]);
      g_assert_cmpint (action, !=, AD_VOICE_ACTION_NONE);
      actions |= action;
    }
  return actions;
}

static char *
actions_to_names (AdVoiceAction actions)
{
  GString *names = g_string_new (NULL);

  for (AdVoiceAction action = 1; action <= AD_VOICE_ACTION_ATTACH_DATA; action <<= 1)
    if (actions & action)
      g_string_append_printf (names, "%s%s", names->len > 0 ? " " : "",
                              ad_voice_action_to_string (action));
  return g_string_free (names, FALSE);
}

static JsonObject *
event_attributes (AdTestEvent *event)
{
  g_assert_nonnull (event->json);
  return json_object_get_object_member (event->json, "attributes");
}

static AdVoiceAction
event_actions (AdTestEvent *event)
{
  return ad_voice_actions_from_json (json_object_get_array_member (event_attributes (event),
                                                                   "interaction.voice:actionsPossible"));
}

/* Asserts that actionsPossible is exactly @names (space-separated). */
static void
assert_actions (AdTestEvent *event,
                const char  *names)
{
  g_autofree char *got = actions_to_names (event_actions (event));
  g_autofree char *expected = actions_to_names (actions_from_names (names));

  g_assert_cmpstr (got, ==, expected);
}

/* The parties as "number/agentId/ROLE" (agentId "-" when null), in order. */
static char *
parties_string (JsonArray *parties)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (parties); i++)
    {
      JsonObject *party = json_array_get_object_element (parties, i);
      const char *agent = ad_json_string_or_null (party, "agentId");

      g_string_append_printf (text, "%s%s/%s/%s", i > 0 ? " " : "",
                              ad_json_string_or_null (party, "number"),
                              agent != NULL ? agent : "-",
                              ad_json_string_or_null (party, "role"));
    }
  return g_string_free (text, FALSE);
}

static void
assert_parties (AdTestEvent *event,
                const char  *expected)
{
  JsonArray *parties = json_object_get_array_member (event_attributes (event),
                                                     "interaction.voice:parties");
  g_autofree char *got = parties_string (parties);

  g_assert_cmpstr (got, ==, expected);
}

/* The members of @event's object attribute @name as "key=value" sorted by
 * key; an object value is shown by its "number" (a party) or else its
 * "type" (actionFailed). */
static char *
members_string (AdTestEvent *event,
                const char  *name)
{
  JsonObject *object = json_object_get_object_member (event_attributes (event), name);
  g_autoptr(GList) keys = g_list_sort (json_object_get_members (object), (GCompareFunc) strcmp);
  GString *text = g_string_new (NULL);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);
      const char *shown;

      if (JSON_NODE_HOLDS_OBJECT (value))
        {
          JsonObject *inner = json_node_get_object (value);

          shown = json_object_has_member (inner, "number")
                    ? ad_json_string_or_null (inner, "number")
                    : ad_json_string_or_null (inner, "type");
        }
      else
        shown = json_node_get_string (value);
      g_string_append_printf (text, "%s%s=%s", text->len > 0 ? " " : "", (char *) l->data,
                              shown != NULL ? shown : "?");
    }
  return g_string_free (text, FALSE);
}

static void
assert_extensions (AdTestEvent *event,
                   const char  *expected)
{
  g_autofree char *got = members_string (event, "interaction:extensions");

  g_assert_cmpstr (got, ==, expected);
}

static void
assert_attached_data (AdTestEvent *event,
                      const char  *expected)
{
  g_autofree char *got = members_string (event, "interaction:attachedData");

  g_assert_cmpstr (got, ==, expected);
}

static void
assert_call (AdTestEvent *event,
             const char  *call_type,
             const char  *ani,
             const char  *dnis)
{
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction.voice:callType"), ==, call_type);
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction.voice:ANI"), ==, ani);
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction.voice:DNIS"), ==, dnis);
}

/* The next event on @agent's stream: an InteractionEvent of @agent's DN,
 * of interaction @id (any when NULL), with @status and @reason, offering
 * exactly @actions (not checked when NULL). */
static AdTestEvent *
next_event (Agent      *agent,
            const char *id,
            const char *status,
            const char *reason,
            const char *actions)
{
  AdTestEvent *event = ad_test_stream_next (agent->stream);

  g_assert_cmpstr (event->name, ==, "InteractionEvent");
  if (id != NULL)
    g_assert_cmpstr (ad_test_event_interaction_id (event), ==, id);
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction:interactionId"), ==,
                   ad_test_event_interaction_id (event));
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction:interactionType"), ==, "VOICE");
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction:status"), ==, status);
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction:eventReason"), ==, reason);
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction:agentId"), ==, agent->agent_id);
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction:dnId"), ==, agent->dn);
  if (actions != NULL)
    assert_actions (event, actions);
  return event;
}

static AdTestEvent *
next_status (Agent      *agent,
             const char *id,
             const char *status,
             const char *actions)
{
  return next_event (agent, id, status, "STATUS_CHANGED", actions);
}

static AdTestEvent *
next_info (Agent      *agent,
           const char *id,
           const char *status,
           const char *actions)
{
  return next_event (agent, id, status, "INFO_CHANGED", actions);
}

/* The parties of @agent's TALKING leg @id changed: its INFO_CHANGED event
 * has @extensions, @parties and @actions (see next_event()). */
static AdTestEvent *
next_party_change (Agent      *agent,
                   const char *id,
                   const char *extensions,
                   const char *parties,
                   const char *actions)
{
  AdTestEvent *event = next_info (agent, id, "TALKING", actions);

  assert_extensions (event, extensions);
  assert_parties (event, parties);
  return event;
}

/* A new leg rings on @agent's DN: returns its id and the event, which
 * offers @actions as next_event() checks them. */
static const char *
next_ringing (Fixture      *f,
              Agent        *agent,
              const char   *actions,
              AdTestEvent **event)
{
  *event = next_status (agent, NULL, "RINGING", actions);
  return keep (f, g_strdup (ad_test_event_interaction_id (*event)));
}

static char *
action_path (const char *id,
             const char *action)
{
  return g_strdup_printf ("/api/v1/voice/interactions/%s/%s", id, action);
}

/* POSTs @action on @id as @agent: 202 with an empty object. */
static void
perform (Fixture    *f,
         Agent      *agent,
         const char *id,
         const char *action,
         const char *body_format,
         ...) G_GNUC_PRINTF (5, 6);

static void
perform (Fixture    *f,
         Agent      *agent,
         const char *id,
         const char *action,
         const char *body_format,
         ...)
{
  g_autofree char *path = action_path (id, action);
  g_autofree char *body = NULL;
  g_autoptr(JsonObject) response = NULL;
  va_list args;

  va_start (args, body_format);
  body = body_format != NULL ? g_strdup_vprintf (body_format, args) : g_strdup ("{}");
  va_end (args);
  response = ad_test_switch_expect (f->ts, 202, "POST", path, agent->token, "%s", body);
  g_assert_nonnull (response);
  g_assert_cmpuint (json_object_get_size (response), ==, 0);
}

/* @agent answers @id: its TALKING event, offering @actions as
 * next_event() checks them. */
static AdTestEvent *
answer (Fixture    *f,
        Agent      *agent,
        const char *id,
        const char *actions)
{
  perform (f, agent, id, "answer-call", NULL);
  return next_status (agent, id, "TALKING", actions);
}

/* POSTs @action on @id as @agent and expects the error @status/@type. */
static void
refuse (Fixture    *f,
        Agent      *agent,
        const char *id,
        const char *action,
        guint       status,
        const char *type,
        const char *body)
{
  g_autofree char *path = action_path (id, action);

  ad_test_switch_expect_error (f->ts, status, type, "POST", path, agent->token, "%s",
                               body != NULL ? body : "{}");
}

static const char *
dto_id (Fixture    *f,
        JsonObject *response)
{
  JsonObject *dto = json_object_get_object_member (response, "interaction");

  g_assert_cmpstr (ad_json_string_or_null (dto, "interaction:status"), ==, "NEW");
  return keep (f, g_strdup (ad_json_string_or_null (dto, "interaction:interactionId")));
}

/* POSTs @action (initiate-transfer or initiate-conference) on @id as
 * @agent to @destination: 201 with the NEW consultation; returns its id. */
static const char *
initiate (Fixture    *f,
          Agent      *agent,
          const char *id,
          const char *action,
          const char *destination)
{
  g_autofree char *path = action_path (id, action);
  g_autoptr(JsonObject) response = NULL;

  response = ad_test_switch_expect (f->ts, 201, "POST", path, agent->token,
                                    "{\"destination\": \"%s\"}", destination);
  return dto_id (f, response);
}

/* POST /voice/interactions on @agent's DN (dialing @destination at once
 * unless NULL): 201 with a NEW DTO, and the NEW event. */
static const char *
create_full (Fixture      *f,
             Agent        *agent,
             const char   *destination,
             AdTestEvent **new_event)
{
  g_autoptr(JsonObject) response = NULL;
  g_autofree char *dest = destination != NULL ? g_strdup_printf ("\"%s\"", destination)
                                              : g_strdup ("null");
  const char *id;
  AdTestEvent *event;

  response = ad_test_switch_expect (f->ts, 201, "POST", "/api/v1/voice/interactions",
                                    agent->token,
                                    "{\"dnId\": \"%s\", \"destination\": %s, \"location\": null, "
                                    "\"makeCallType\": \"REGULAR\", \"attachedData\": {}, "
                                    "\"reasons\": {}, \"extensions\": {}}",
                                    agent->dn, dest);
  id = dto_id (f, response);
  event = next_status (agent, id, "NEW", NULL);
  assert_parties (event, "");
  assert_extensions (event, "");
  if (new_event != NULL)
    *new_event = event;
  return id;
}

static const char *
create (Fixture    *f,
        Agent      *agent,
        const char *destination)
{
  AdTestEvent *event;
  const char *id = create_full (f, agent, destination, &event);

  if (f->profile == NULL)
    assert_actions (event, ACTIONS_NEW);
  return id;
}

/* Marks @id done as @agent: the last event, then 404 for it. */
static void
mark_done (Fixture    *f,
           Agent      *agent,
           const char *id)
{
  g_autofree char *get = g_strdup_printf ("/api/v1/interactions/%s", id);

  perform (f, agent, id, "mark-done", "{\"disposition\": \"RESOLVED\", \"notes\": \"done\"}");
  next_event (agent, id, "MARKED_DONE", "REMOVED", NULL);
  ad_test_switch_expect_error (f->ts, 404, "NOT_FOUND", "GET", get, agent->token, NULL);
}

/* A NEW interaction created and marked done on every agent's DN must be
 * the next two events of its stream: nothing else arrived meanwhile. */
static void
assert_quiet (Fixture *f)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->agents); i++)
    {
      Agent *agent = &f->agents[i];
      const char *id = create (f, agent, NULL);

      mark_done (f, agent, id);
    }
}

/* The contact history record of @id, read by @agent. */
static JsonObject *
history_record (Fixture    *f,
                Agent      *agent,
                const char *id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/history?agentId=%s&limit=100",
                                           agent->agent_id);
  g_autoptr(JsonObject) body = ad_test_switch_expect (f->ts, 200, "GET", path, agent->token, NULL);
  JsonArray *records = json_object_get_array_member (body, "records");

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      if (g_strcmp0 (ad_json_string_or_null (record, "interactionId"), id) == 0)
        return json_object_ref (record);
    }
  g_error ("No history record of %s", id);
}

/* An outside caller (@ani) calls @target ("\"dn\": \"1001\"" or
 * "\"queue\": \"sales\""); returns the callId. */
static const char *
sim_inbound (Fixture    *f,
             const char *ani,
             const char *target)
{
  g_autoptr(JsonObject) response = NULL;

  response = ad_test_switch_expect (f->ts, 201, "POST", "/api/v1/sim/inbound", f->supervisor,
                                    "{\"ani\": \"%s\", %s, \"attachedData\": {\"order\": \"77\"}}",
                                    ani, target);
  g_assert_nonnull (ad_json_string_or_null (response, "callId"));
  return keep (f, g_strdup (ad_json_string_or_null (response, "callId")));
}

static void
sim_hangup (Fixture    *f,
            const char *call_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/sim/calls/%s/hangup", call_id);
  g_autoptr(JsonObject) response = NULL;

  response = ad_test_switch_expect (f->ts, 204, "POST", path, f->supervisor, NULL);
}

/* The outside contact of @call_id hangs up: @agent's leg goes IDLE and
 * is marked done. */
static void
caller_hangs_up (Fixture    *f,
                 const char *call_id,
                 Agent      *agent,
                 const char *id)
{
  sim_hangup (f, call_id);
  next_status (agent, id, "IDLE", ACTIONS_IDLE);
  mark_done (f, agent, id);
}

/* @from releases a two-party call with @to: both IDLE, both marked done. */
static void
release_both (Fixture    *f,
              Agent      *from,
              const char *from_id,
              Agent      *to,
              const char *to_id)
{
  perform (f, from, from_id, "release-call", NULL);
  next_status (from, from_id, "IDLE", NULL);
  next_status (to, to_id, "IDLE", NULL);
  mark_done (f, from, from_id);
  mark_done (f, to, to_id);
}

/* CALLER calls @agent's DN directly; @agent answers. Returns the
 * interaction; *@call_id is the outside call's id. */
static const char *
inbound_talking (Fixture     *f,
                 Agent       *agent,
                 const char **call_id)
{
  g_autofree char *target = g_strdup_printf ("\"dn\": \"%s\"", agent->dn);
  g_autofree char *parties = g_strdup_printf (CALLER "/-/ORIGINATOR %s/%s/DESTINATION",
                                              agent->dn, agent->agent_id);
  const char *id;
  AdTestEvent *event;

  *call_id = sim_inbound (f, CALLER, target);
  id = next_ringing (f, agent, ACTIONS_RINGING, &event);
  assert_call (event, "INBOUND", CALLER, agent->dn);
  assert_parties (event, parties);
  assert_attached_data (event, "order=77");
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction.voice:callId"), ==, *call_id);

  event = answer (f, agent, id, ACTIONS_TALKING);
  assert_parties (event, parties);
  assert_extensions (event, "");
  return id;
}

/* @from dials @to's DN and @to answers: returns @from's interaction and
 * sets *@to_id. */
static const char *
internal_talking (Fixture     *f,
                  Agent       *from,
                  Agent       *to,
                  const char **to_id)
{
  g_autofree char *parties = g_strdup_printf ("%s/%s/ORIGINATOR %s/%s/DESTINATION",
                                              from->dn, from->agent_id, to->dn, to->agent_id);
  const char *id = create (f, from, NULL);
  AdTestEvent *event;

  perform (f, from, id, "make-call", "{\"destination\": \"%s\"}", to->dn);
  event = next_status (from, id, "DIALING", ACTIONS_DIALING);
  assert_parties (event, parties);
  assert_call (event, "INTERNAL", from->dn, to->dn);

  *to_id = next_ringing (f, to, ACTIONS_RINGING, &event);
  assert_parties (event, parties);
  assert_call (event, "INTERNAL", from->dn, to->dn);

  event = answer (f, to, *to_id, ACTIONS_TALKING);
  assert_parties (event, parties);
  event = next_status (from, id, "TALKING", ACTIONS_TALKING);
  assert_parties (event, parties);
  return id;
}

static gboolean
json_array_has_string (JsonArray  *array,
                       const char *string)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), string) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_phone_numbers (AdTestEvent *event,
                      const char  *numbers)
{
  JsonArray *array = json_object_get_array_member (event_attributes (event),
                                                   "interaction.voice:phoneNumber");
  g_auto(GStrv) expected = g_strsplit (numbers, " ", -1);

  g_assert_cmpuint (json_array_get_length (array), ==, g_strv_length (expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_true (json_array_has_string (array, expected[i]));
}

/* Fixture */

static AdTestStream *
open_stream (Fixture *f,
             Agent   *agent)
{
  g_autofree char *body = g_strdup_printf (
    "{\"topicsServices\": [{\"serviceName\": \"InteractionService\", \"topicsEvents\": ["
    " {\"eventName\": \"InteractionEvent\","
    "  \"triggers\": [{\"key\": \"AGENT\", \"value\": \"%s\"}]}]}]}",
    agent->agent_id);
  g_autofree char *subscription = ad_test_switch_subscribe (f->ts, agent->token, body);
  AdTestStream *stream = ad_test_stream_open (f->ts, subscription, agent->token, NULL);

  g_assert_cmpuint (ad_test_stream_get_status (stream), ==, 200);
  return stream;
}

static void
fixture_set_up_with (Fixture               *f,
                     const AdSwitchOptions *options)
{
  static const char *const ids[][3] = {
    { "agent1", "place1001", "1001" },
    { "agent2", "place1002", "1002" },
    { "agent3", "place1003", "1003" },
    { "agent4", "place1004", "1004" },
  };

  f->ts = ad_test_switch_new (options);
  f->strings = g_ptr_array_new_with_free_func (g_free);
  f->supervisor = ad_test_switch_login (f->ts, "supervisor", "demo");
  for (guint i = 0; i < G_N_ELEMENTS (f->agents); i++)
    {
      Agent *agent = &f->agents[i];

      agent->agent_id = ids[i][0];
      agent->place_id = ids[i][1];
      agent->dn = ids[i][2];
      agent->token = ad_test_switch_agent_on (f->ts, agent->agent_id, agent->place_id, FALSE);
      agent->stream = open_stream (f, agent);
    }
}

static void
scenario_options_init (AdSwitchOptions *options)
{
  ad_test_switch_options_init (options);
  options->answer_delay_ms = 20;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  AdSwitchOptions options;

  scenario_options_init (&options);
  fixture_set_up_with (f, &options);
}

static void
fixture_set_up_profile (Fixture       *f,
                        gconstpointer  data)
{
  AdSwitchOptions options;

  scenario_options_init (&options);
  f->profile = data;
  g_assert_true (ad_switch_profile_from_name (f->profile->name, &options.profile));
  fixture_set_up_with (f, &options);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->agents); i++)
    {
      g_clear_pointer (&f->agents[i].stream, ad_test_stream_free);
      g_free (f->agents[i].token);
    }
  g_free (f->supervisor);
  g_ptr_array_unref (f->strings);
  ad_test_switch_free (f->ts);
}

/* Make a call */

/* A creates an interaction, then dials an outside number; it answers by
 * itself; A releases and marks done; the history has the record. */
static void
test_make_call_outside (Fixture       *f,
                        gconstpointer  data)
{
  Agent *a = &f->agents[0];
  const char *id = create (f, a, NULL);
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *parties = NULL;
  AdTestEvent *event;

  perform (f, a, id, "make-call",
           "{\"destination\": \"" OUTSIDE "\", \"makeCallType\": \"REGULAR\", "
           "\"attachedData\": {\"campaign\": \"spring\"}}");
  event = next_status (a, id, "DIALING", ACTIONS_DIALING);
  assert_call (event, "OUTBOUND", "1001", OUTSIDE);
  assert_parties (event, "1001/agent1/ORIGINATOR " OUTSIDE "/-/DESTINATION");
  assert_phone_numbers (event, OUTSIDE);
  assert_attached_data (event, "campaign=spring");

  event = next_status (a, id, "TALKING", ACTIONS_TALKING);
  assert_call (event, "OUTBOUND", "1001", OUTSIDE);
  assert_parties (event, "1001/agent1/ORIGINATOR " OUTSIDE "/-/DESTINATION");
  assert_extensions (event, "");

  perform (f, a, id, "release-call", NULL);
  event = next_status (a, id, "IDLE", ACTIONS_IDLE);
  assert_parties (event, "1001/agent1/ORIGINATOR " OUTSIDE "/-/DESTINATION");
  mark_done (f, a, id);

  record = history_record (f, a, id);
  g_assert_cmpstr (ad_json_string_or_null (record, "agentId"), ==, "agent1");
  g_assert_cmpstr (ad_json_string_or_null (record, "callType"), ==, "OUTBOUND");
  g_assert_cmpstr (ad_json_string_or_null (record, "ANI"), ==, "1001");
  g_assert_cmpstr (ad_json_string_or_null (record, "DNIS"), ==, OUTSIDE);
  g_assert_cmpstr (ad_json_string_or_null (record, "disposition"), ==, "RESOLVED");
  g_assert_cmpstr (ad_json_string_or_null (record, "notes"), ==, "done");
  g_assert_nonnull (ad_json_string_or_null (record, "startedAt"));
  g_assert_nonnull (ad_json_string_or_null (record, "endedAt"));
  parties = parties_string (json_object_get_array_member (record, "parties"));
  g_assert_cmpstr (parties, ==, "1001/agent1/ORIGINATOR " OUTSIDE "/-/DESTINATION");
  g_assert_cmpstr (ad_json_string_or_null (json_object_get_object_member (record, "attachedData"),
                                           "campaign"), ==, "spring");
  assert_quiet (f);
}

/* A creates the interaction with a destination: NEW, DIALING, TALKING;
 * the contact hangs up first; A can only mark done. */
static void
test_create_with_destination (Fixture       *f,
                              gconstpointer  data)
{
  Agent *a = &f->agents[0];
  const char *id = create (f, a, OUTSIDE);
  g_autoptr(JsonObject) record = NULL;
  const char *call_id;
  AdTestEvent *event;

  event = next_status (a, id, "DIALING", NULL);
  assert_call (event, "OUTBOUND", "1001", OUTSIDE);
  call_id = keep (f, g_strdup (ad_test_event_attribute (event, "interaction.voice:callId")));
  g_assert_nonnull (call_id);
  next_status (a, id, "TALKING", ACTIONS_TALKING);

  sim_hangup (f, call_id);
  event = next_status (a, id, "IDLE", ACTIONS_IDLE);
  assert_parties (event, "1001/agent1/ORIGINATOR " OUTSIDE "/-/DESTINATION");
  refuse (f, a, id, "release-call", 409, "ACTION_NOT_POSSIBLE", NULL);
  mark_done (f, a, id);

  record = history_record (f, a, id);
  g_assert_cmpstr (ad_json_string_or_null (record, "callType"), ==, "OUTBOUND");
  assert_quiet (f);
}

/* A calls B; B answers; B releases: both IDLE, both mark done. */
static void
test_call_agent (Fixture       *f,
                 gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *b_id;
  const char *a_id = internal_talking (f, a, b, &b_id);
  g_autoptr(JsonObject) record = NULL;
  AdTestEvent *event;

  perform (f, b, b_id, "release-call", NULL);
  next_status (b, b_id, "IDLE", ACTIONS_IDLE);
  event = next_status (a, a_id, "IDLE", ACTIONS_IDLE);
  assert_parties (event, "1001/agent1/ORIGINATOR 1002/agent2/DESTINATION");
  mark_done (f, a, a_id);
  mark_done (f, b, b_id);

  record = history_record (f, b, b_id);
  g_assert_cmpstr (ad_json_string_or_null (record, "callType"), ==, "INTERNAL");
  g_assert_cmpstr (ad_json_string_or_null (record, "agentId"), ==, "agent2");

  /* B calls A back, the destination given with create. */
  b_id = create (f, b, "1001");
  event = next_status (b, b_id, "DIALING", NULL);
  assert_parties (event, "1002/agent2/ORIGINATOR 1001/agent1/DESTINATION");
  a_id = next_ringing (f, a, NULL, &event);
  assert_call (event, "INTERNAL", "1002", "1001");
  answer (f, a, a_id, NULL);
  next_status (b, b_id, "TALKING", NULL);
  release_both (f, a, a_id, b, b_id);
  assert_quiet (f);
}

/* Calls that end before they are answered: A gives up dialing B; a
 * caller hangs up while A's DN rings. */
static void
test_unanswered (Fixture       *f,
                 gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *a_id = create (f, a, "1002");
  const char *b_id, *call_id;
  AdTestEvent *event;

  next_status (a, a_id, "DIALING", NULL);
  b_id = next_ringing (f, b, NULL, &event);
  release_both (f, a, a_id, b, b_id);

  call_id = sim_inbound (f, CALLER, "\"dn\": \"1001\"");
  a_id = next_ringing (f, a, NULL, &event);
  caller_hangs_up (f, call_id, a, a_id);
  refuse (f, a, a_id, "answer-call", 404, "NOT_FOUND", NULL);
  assert_quiet (f);
}

/* Inbound calls from a queue */

static void
agent_ready (Fixture *f,
             Agent   *agent)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/agents/%s/ready", agent->agent_id);
  g_autoptr(JsonObject) dto = ad_test_switch_expect (f->ts, 200, "POST", path, agent->token, NULL);

  g_assert_cmpstr (ad_json_string_or_null (dto, "agent:status"), ==, "READY");
}

/* The queue's call rings @agent: the RINGING event of a routed call. */
static const char *
routed_ringing (Fixture    *f,
                Agent      *agent,
                const char *ani)
{
  g_autofree char *parties = g_strdup_printf ("%s/-/ORIGINATOR %s/%s/DESTINATION",
                                              ani, agent->dn, agent->agent_id);
  AdTestEvent *event = next_status (agent, NULL, "RINGING", ACTIONS_RINGING);

  assert_call (event, "INBOUND", ani, "8000");
  assert_parties (event, parties);
  assert_attached_data (event, "order=77");
  return keep (f, g_strdup (ad_test_event_interaction_id (event)));
}

/* A dials the sales route point; B is ready: B rings, and A's leg is
 * told that B replaced the route point. */
static void
test_call_route_point (Fixture       *f,
                       gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *a_id = create (f, a, NULL);
  const char *b_id;
  AdTestEvent *event;

  agent_ready (f, b);
  perform (f, a, a_id, "make-call", "{\"destination\": \"8000\"}");
  event = next_status (a, a_id, "DIALING", NULL);
  assert_call (event, "INTERNAL", "1001", "8000");
  assert_parties (event, "1001/agent1/ORIGINATOR 8000/-/DESTINATION");

  b_id = next_ringing (f, b, ACTIONS_RINGING, &event);
  assert_call (event, "INTERNAL", "1001", "8000");
  assert_parties (event, "1001/agent1/ORIGINATOR 1002/agent2/DESTINATION");
  event = next_info (a, a_id, "DIALING", ACTIONS_DIALING);
  assert_extensions (event, "partyAdded=1002 partyRemoved=8000");
  assert_parties (event, "1001/agent1/ORIGINATOR 1002/agent2/DESTINATION");

  answer (f, b, b_id, NULL);
  next_status (a, a_id, "TALKING", NULL);
  release_both (f, a, a_id, b, b_id);
  assert_quiet (f);
}

/* Calls wait in order while nobody is ready; the oldest goes to the first
 * agent who becomes ready; with several ready, the one idle the longest
 * gets the call. Then the agent releases, or the contact hangs up first. */
static void
test_inbound_from_queue (Fixture       *f,
                         gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1], *c = &f->agents[2], *d = &f->agents[3];
  const char *call1 = sim_inbound (f, "+15550000001", "\"dnis\": \"8000\", \"queue\": \"sales\"");
  const char *call2 = sim_inbound (f, "+15550000002", "\"dnis\": \"8000\", \"queue\": \"sales\"");
  const char *call3, *call4;
  const char *id1, *id2, *id3, *id4;
  g_autoptr(JsonObject) record = NULL;
  AdTestEvent *event;

  /* Nobody is ready: both wait. */
  assert_quiet (f);

  agent_ready (f, c);
  id1 = routed_ringing (f, c, "+15550000001");
  agent_ready (f, b);
  id2 = routed_ringing (f, b, "+15550000002");

  /* D has been ready longer than A. */
  agent_ready (f, d);
  agent_ready (f, a);
  call3 = sim_inbound (f, "+15550000003", "\"dnis\": \"8000\", \"queue\": \"sales\"");
  id3 = routed_ringing (f, d, "+15550000003");
  call4 = sim_inbound (f, "+15550000004", "\"dnis\": \"8000\", \"queue\": \"sales\"");
  id4 = routed_ringing (f, a, "+15550000004");

  answer (f, c, id1, ACTIONS_TALKING);
  answer (f, b, id2, NULL);
  answer (f, d, id3, NULL);
  answer (f, a, id4, NULL);

  /* C releases. */
  perform (f, c, id1, "release-call", NULL);
  next_status (c, id1, "IDLE", ACTIONS_IDLE);
  mark_done (f, c, id1);
  record = history_record (f, c, id1);
  g_assert_cmpstr (ad_json_string_or_null (record, "callType"), ==, "INBOUND");
  g_assert_cmpstr (ad_json_string_or_null (record, "ANI"), ==, "+15550000001");
  g_assert_cmpstr (ad_json_string_or_null (record, "DNIS"), ==, "8000");
  g_assert_cmpstr (ad_json_string_or_null (json_object_get_object_member (record, "attachedData"),
                                           "order"), ==, "77");

  /* The others' contacts hang up first. */
  sim_hangup (f, call2);
  event = next_status (b, id2, "IDLE", ACTIONS_IDLE);
  assert_parties (event, "+15550000002/-/ORIGINATOR 1002/agent2/DESTINATION");
  refuse (f, b, id2, "release-call", 409, "ACTION_NOT_POSSIBLE", NULL);
  mark_done (f, b, id2);
  caller_hangs_up (f, call3, d, id3);
  caller_hangs_up (f, call4, a, id4);

  /* The call is gone: hanging it up again is unknown. */
  ad_test_switch_expect_error (f->ts, 404, "NOT_FOUND", "POST",
                               keep (f, g_strdup_printf ("/api/v1/sim/calls/%s/hangup", call1)),
                               f->supervisor, NULL);
  assert_quiet (f);
}

/* Transfers */

/* C calls A; A transfers C to B with @data, a single-step or a mute
 * transfer: A IDLE, B RINGING, C INFO_CHANGED; B answers. */
static void
test_blind_transfer (Fixture       *f,
                     gconstpointer  data)
{
  const char *action = data;
  Agent *a = &f->agents[0], *b = &f->agents[1], *c = &f->agents[2];
  const char *a_id;
  const char *c_id = internal_talking (f, c, a, &a_id);
  const char *b_id;
  AdTestEvent *event;

  /* Not to a number already on the call, nor to one that does not exist. */
  refuse (f, a, a_id, action, 422, "INVALID_DESTINATION", "{\"destination\": \"1003\"}");
  refuse (f, a, a_id, action, 422, "INVALID_DESTINATION", "{\"destination\": \"12\"}");
  refuse (f, a, a_id, action, 400, "INVALID_REQUEST", "{}");
  perform (f, a, a_id, action, "{\"destination\": \"1002\", \"attachedData\": {\"note\": \"vip\"}}");
  event = next_status (a, a_id, "IDLE", ACTIONS_IDLE);

  b_id = next_ringing (f, b, ACTIONS_RINGING, &event);
  assert_call (event, "INTERNAL", "1003", "1001");
  assert_parties (event, "1003/agent3/ORIGINATOR 1002/agent2/DESTINATION");
  assert_attached_data (event, "note=vip");

  event = next_party_change (c, c_id, "partyAdded=1002 partyRemoved=1001",
                             "1003/agent3/ORIGINATOR 1002/agent2/DESTINATION", NULL);
  assert_phone_numbers (event, "1002");

  event = answer (f, b, b_id, ACTIONS_TALKING);
  assert_parties (event, "1003/agent3/ORIGINATOR 1002/agent2/DESTINATION");

  mark_done (f, a, a_id);
  release_both (f, c, c_id, b, b_id);
  assert_quiet (f);
}

/* A DN holds several calls: a caller transferred to B while B talks to
 * another rings B's DN all the same; B holds the first and answers. */
static void
test_transfer_to_busy_agent (Fixture       *f,
                             gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *call_a, *call_b;
  const char *a_id = inbound_talking (f, a, &call_a);
  const char *b_first = inbound_talking (f, b, &call_b);
  const char *b_second;
  AdTestEvent *event;

  perform (f, a, a_id, "single-step-transfer", "{\"destination\": \"1002\"}");
  next_status (a, a_id, "IDLE", NULL);
  mark_done (f, a, a_id);
  b_second = next_ringing (f, b, NULL, &event);
  g_assert_cmpstr (b_second, !=, b_first);
  assert_call (event, "INBOUND", CALLER, "1001");
  assert_parties (event, CALLER "/-/ORIGINATOR 1002/agent2/DESTINATION");

  perform (f, b, b_first, "hold", NULL);
  next_status (b, b_first, "HELD", NULL);
  answer (f, b, b_second, ACTIONS_TALKING);

  caller_hangs_up (f, call_a, b, b_second);
  perform (f, b, b_first, "retrieve", NULL);
  next_status (b, b_first, "TALKING", NULL);
  caller_hangs_up (f, call_b, b, b_first);
  assert_quiet (f);
}

/* A transfers the caller to the sales queue: it waits there until B is
 * ready, then rings B. */
static void
test_transfer_to_queue (Fixture       *f,
                        gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *call_id;
  const char *a_id = inbound_talking (f, a, &call_id);
  const char *b_id;
  AdTestEvent *event;

  perform (f, a, a_id, "single-step-transfer", "{\"destination\": \"8000\"}");
  event = next_status (a, a_id, "IDLE", ACTIONS_IDLE);
  mark_done (f, a, a_id);
  assert_quiet (f);

  agent_ready (f, b);
  b_id = next_ringing (f, b, NULL, &event);
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction.voice:callType"), ==, "INBOUND");
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction.voice:ANI"), ==, CALLER);
  assert_parties (event, CALLER "/-/ORIGINATOR 1002/agent2/DESTINATION");
  assert_attached_data (event, "order=77");
  answer (f, b, b_id, NULL);
  caller_hangs_up (f, call_id, b, b_id);
  assert_quiet (f);
}

/* A caller talks to A; A starts a consultation with B (@action: Call_2
 * dials, B's Call_3 rings). Returns Call_1; sets the outside call's id,
 * Call_2 and Call_3. */
static const char *
consult_start (Fixture     *f,
               const char  *action,
               const char **call_id,
               const char **call_2,
               const char **call_3)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *call_1 = inbound_talking (f, a, call_id);
  g_autofree char *path = action_path (call_1, action);
  g_autoptr(JsonObject) response = NULL;
  JsonObject *dto;
  AdTestEvent *event;

  response = ad_test_switch_expect (f->ts, 201, "POST", path, a->token,
                                    "{\"destination\": \"1002\"}");
  *call_2 = dto_id (f, response);
  g_assert_cmpstr (*call_2, !=, call_1);
  /* The 201 already describes the consultation Call_2 is about to dial. */
  dto = json_object_get_object_member (response, "interaction");
  g_assert_cmpstr (ad_json_string_or_null (dto, "interaction.voice:callType"), ==, "CONSULT");
  g_assert_cmpstr (ad_json_string_or_null (dto, "interaction.voice:ANI"), ==, "1001");
  g_assert_cmpstr (ad_json_string_or_null (dto, "interaction.voice:DNIS"), ==, "1002");
  g_assert_cmpstr (ad_json_string_or_null (json_object_get_object_member (dto, "interaction:attachedData"),
                                           "order"), ==, "77");

  event = next_status (a, *call_2, "NEW", NULL);
  assert_call (event, "CONSULT", "1001", "1002");
  assert_attached_data (event, "order=77");
  next_status (a, call_1, "HELD", ACTIONS_CONSULTING);
  event = next_status (a, *call_2, "DIALING", ACTIONS_CALL_2_DIALING);
  assert_call (event, "CONSULT", "1001", "1002");
  assert_parties (event, "1001/agent1/ORIGINATOR 1002/agent2/DESTINATION");
  /* A consultation starts with a copy of Call_1's data. */
  assert_attached_data (event, "order=77");

  *call_3 = next_ringing (f, b, ACTIONS_RINGING, &event);
  assert_call (event, "CONSULT", "1001", "1002");
  assert_parties (event, "1001/agent1/ORIGINATOR 1002/agent2/DESTINATION");
  return call_1;
}

/* consult_start(), then B answers: Call_1 offers @complete. */
static const char *
consult (Fixture     *f,
         const char  *action,
         const char  *complete,
         const char **call_id,
         const char **call_2,
         const char **call_3)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *call_1 = consult_start (f, action, call_id, call_2, call_3);
  g_autofree char *consulting = g_strconcat (ACTIONS_CONSULTING " ", complete, NULL);

  /* Nothing to complete before B answers. */
  refuse (f, a, call_1, ad_voice_action_to_path (ad_voice_action_from_string (complete)),
          409, "ACTION_NOT_POSSIBLE", NULL);

  answer (f, b, *call_3, ACTIONS_CALL_3);
  next_status (a, *call_2, "TALKING", ACTIONS_CALL_2);
  next_info (a, call_1, "HELD", consulting);
  return call_1;
}

/* A took the caller back from a consultation of B: A marks Call_2 done,
 * B Call_3, and the caller hangs up on Call_1. */
static void
consult_over (Fixture    *f,
              const char *call_id,
              const char *call_1,
              const char *call_2,
              const char *call_3)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];

  mark_done (f, a, call_2);
  mark_done (f, b, call_3);
  caller_hangs_up (f, call_id, a, call_1);
}

static void
test_dual_step_transfer (Fixture       *f,
                         gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *call_id, *call_2, *call_3;
  const char *call_1 = consult (f, "initiate-transfer", "COMPLETE_TRANSFER", &call_id,
                                &call_2, &call_3);
  g_autoptr(JsonObject) record = NULL;
  AdTestEvent *event;

  /* Completing is posted on Call_1 only. */
  refuse (f, a, call_2, "complete-transfer", 409, "ACTION_NOT_POSSIBLE", NULL);
  perform (f, a, call_1, "complete-transfer", NULL);
  next_status (a, call_1, "IDLE", ACTIONS_IDLE);
  next_status (a, call_2, "IDLE", ACTIONS_IDLE);

  event = next_party_change (b, call_3, "partyAdded=1002 partyRemoved=1001",
                             CALLER "/-/ORIGINATOR 1002/agent2/DESTINATION", ACTIONS_TALKING);
  assert_call (event, "INBOUND", CALLER, "1001");
  assert_attached_data (event, "order=77");
  assert_phone_numbers (event, CALLER);
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction.voice:callId"), ==, call_id);

  mark_done (f, a, call_1);
  mark_done (f, a, call_2);
  record = history_record (f, a, call_1);
  g_assert_cmpstr (ad_json_string_or_null (record, "callType"), ==, "INBOUND");
  g_clear_pointer (&record, json_object_unref);
  record = history_record (f, a, call_2);
  g_assert_cmpstr (ad_json_string_or_null (record, "callType"), ==, "CONSULT");

  /* B now has the caller. */
  caller_hangs_up (f, call_id, b, call_3);
  assert_quiet (f);
}

/* Reconnect posted on Call_@data (1 or 2): Call_2 and Call_3 IDLE, Call_1
 * TALKING again. */
static void
test_reconnect (Fixture       *f,
                gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *call_id, *call_2, *call_3;
  const char *call_1 = consult (f, "initiate-transfer", "COMPLETE_TRANSFER", &call_id,
                                &call_2, &call_3);
  AdTestEvent *event;

  perform (f, a, GPOINTER_TO_INT (data) == 1 ? call_1 : call_2, "reconnect", NULL);
  next_status (a, call_2, "IDLE", ACTIONS_IDLE);
  event = next_status (a, call_1, "TALKING", ACTIONS_TALKING);
  assert_parties (event, CALLER "/-/ORIGINATOR 1001/agent1/DESTINATION");
  next_status (b, call_3, "IDLE", ACTIONS_IDLE);

  consult_over (f, call_id, call_1, call_2, call_3);
  assert_quiet (f);
}

/* The consulted agent hangs up instead: Call_1 offers RETRIEVE again. */
static void
test_consult_target_hangs_up (Fixture       *f,
                              gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *call_id, *call_2, *call_3;
  const char *call_1 = consult (f, "initiate-transfer", "COMPLETE_TRANSFER", &call_id,
                                &call_2, &call_3);

  perform (f, b, call_3, "release-call", NULL);
  next_status (b, call_3, "IDLE", NULL);
  next_status (a, call_2, "IDLE", NULL);
  next_info (a, call_1, "HELD", ACTIONS_HELD);

  perform (f, a, call_1, "retrieve", NULL);
  next_status (a, call_1, "TALKING", ACTIONS_TALKING);
  consult_over (f, call_id, call_1, call_2, call_3);
  assert_quiet (f);
}

/* A reconnects before B answers: Call_3 stops ringing. */
static void
test_reconnect_while_dialing (Fixture       *f,
                              gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *call_id, *call_2, *call_3;
  const char *call_1 = consult_start (f, "initiate-transfer", &call_id, &call_2, &call_3);

  perform (f, a, call_2, "reconnect", NULL);
  next_status (a, call_2, "IDLE", NULL);
  next_status (a, call_1, "TALKING", ACTIONS_TALKING);
  next_status (b, call_3, "IDLE", ACTIONS_IDLE);
  refuse (f, b, call_3, "answer-call", 409, "ACTION_NOT_POSSIBLE", NULL);

  consult_over (f, call_id, call_1, call_2, call_3);
  assert_quiet (f);
}

/* The caller hangs up while A consults B: Call_1 IDLE; Call_2 is no
 * consultation any more (no RECONNECT); A and B talk on until A releases. */
static void
test_caller_hangs_up_during_consult (Fixture       *f,
                                     gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *call_id, *call_2, *call_3;
  const char *call_1 = consult (f, "initiate-transfer", "COMPLETE_TRANSFER", &call_id,
                                &call_2, &call_3);
  AdTestEvent *event;

  sim_hangup (f, call_id);
  next_status (a, call_1, "IDLE", ACTIONS_IDLE);
  event = next_info (a, call_2, "TALKING", ACTIONS_CALL_3);
  assert_extensions (event, "");
  refuse (f, a, call_2, "reconnect", 409, "ACTION_NOT_POSSIBLE", NULL);
  mark_done (f, a, call_1);
  release_both (f, a, call_2, b, call_3);
  assert_quiet (f);
}

/* Conferences */

/* A member added in a single step rings: every leg already on the call
 * is told at once that it offers less, with the parties it saw before. */
static void
expect_member_pending (Agent      *agent,
                       const char *id,
                       const char *parties)
{
  next_party_change (agent, id, "", parties, ACTIONS_ADDING);
}

/* @adder (talking to the caller) adds @member in a single step; it
 * answers. @parties are what everyone sees afterwards. */
static const char *
add_member (Fixture    *f,
            Agent      *adder,
            const char *adder_id,
            Agent      *member,
            const char *parties)
{
  g_autofree char *added = NULL;
  g_autofree char *before = NULL;
  const char *member_id;
  AdTestEvent *event;

  perform (f, adder, adder_id, "single-step-conference",
           "{\"destination\": \"%s\"}", member->dn);
  member_id = next_ringing (f, member, ACTIONS_RINGING, &event);
  assert_attached_data (event, "order=77");
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction.voice:callType"), ==, "INBOUND");
  added = g_strdup_printf (" %s/%s/CONFERENCE_MEMBER", member->dn, member->agent_id);
  g_assert_true (g_str_has_suffix (parties, added));
  assert_parties (event, parties);
  before = g_strndup (parties, strlen (parties) - strlen (added));
  expect_member_pending (adder, adder_id, before);

  event = answer (f, member, member_id, ACTIONS_CONFERENCE);
  assert_parties (event, parties);
  return member_id;
}

#define PARTIES_AB CALLER "/-/ORIGINATOR 1001/agent1/DESTINATION 1002/agent2/CONFERENCE_MEMBER"

/* The caller leaves a conference with A and B, who go on talking until
 * A releases. */
static void
caller_leaves_conference (Fixture    *f,
                          const char *call_id,
                          const char *a_id,
                          const char *b_id)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  AdTestEvent *event;

  sim_hangup (f, call_id);
  event = next_party_change (a, a_id, "partyRemoved=" CALLER,
                             "1001/agent1/DESTINATION 1002/agent2/CONFERENCE_MEMBER",
                             ACTIONS_TALKING);
  assert_phone_numbers (event, "1002");
  event = next_info (b, b_id, "TALKING", NULL);
  assert_extensions (event, "partyRemoved=" CALLER);
  assert_phone_numbers (event, "1001");

  release_both (f, a, a_id, b, b_id);
}

/* The caller talks to A; A adds B in a single step; B answers: everyone
 * INFO_CHANGED. Then A leaves: B stays with the caller. */
static void
test_single_step_conference (Fixture       *f,
                             gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *call_id;
  const char *a_id = inbound_talking (f, a, &call_id);
  const char *b_id;

  /* A route point cannot join a conference. */
  refuse (f, a, a_id, "single-step-conference", 422, "INVALID_DESTINATION",
          "{\"destination\": \"8000\"}");
  b_id = add_member (f, a, a_id, b, PARTIES_AB);

  /* A's leg says nothing of B until B answers. */
  next_party_change (a, a_id, "partyAdded=1002", PARTIES_AB, ACTIONS_CONFERENCE);
  caller_leaves_conference (f, call_id, a_id, b_id);
  assert_quiet (f);
}

/* While a member added in a single step rings, the legs on the call
 * offer less (one addition at a time); actionsPossible is what a client
 * may do, so the change must reach them as an event. */
static void
test_conference_member_ringing (Fixture       *f,
                                gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *call_id;
  const char *a_id = inbound_talking (f, a, &call_id);
  g_autofree char *get = g_strdup_printf ("/api/v1/interactions/%s", a_id);
  g_autoptr(JsonObject) dto = NULL;
  g_autofree char *offered = NULL;
  g_autofree char *expected = NULL;
  const char *b_id;
  AdTestEvent *event;

  perform (f, a, a_id, "single-step-conference",
           "{\"destination\": \"1002\", \"attachedData\": {\"topic\": \"billing\"}}");
  b_id = next_ringing (f, b, NULL, &event);
  assert_attached_data (event, "order=77 topic=billing");
  /* A is told at once: what it offers, and the call's merged data. */
  event = next_party_change (a, a_id, "", CALLER "/-/ORIGINATOR 1001/agent1/DESTINATION",
                             ACTIONS_ADDING);
  assert_attached_data (event, "order=77 topic=billing");

  dto = ad_test_switch_expect (f->ts, 200, "GET", get, a->token, NULL);
  offered = actions_to_names (ad_voice_actions_from_json (
    json_object_get_array_member (dto, "interaction.voice:actionsPossible")));
  expected = actions_to_names (actions_from_names (ACTIONS_ADDING));
  g_assert_cmpstr (offered, ==, expected);
  refuse (f, a, a_id, "initiate-transfer", 409, "ACTION_NOT_POSSIBLE",
          "{\"destination\": \"1003\"}");
  /* One addition at a time. */
  refuse (f, a, a_id, "single-step-conference", 409, "ACTION_NOT_POSSIBLE",
          "{\"destination\": \"1003\"}");

  answer (f, b, b_id, NULL);
  next_party_change (a, a_id, "partyAdded=1002", PARTIES_AB, ACTIONS_CONFERENCE);
  caller_leaves_conference (f, call_id, a_id, b_id);
  assert_quiet (f);
}

static void
test_leave_conference (Fixture       *f,
                       gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *call_id;
  const char *a_id = inbound_talking (f, a, &call_id);
  const char *b_id = add_member (f, a, a_id, b, PARTIES_AB);

  next_party_change (a, a_id, "partyAdded=1002", PARTIES_AB, ACTIONS_CONFERENCE);

  perform (f, a, a_id, "leave-conference", NULL);
  next_status (a, a_id, "IDLE", ACTIONS_IDLE);
  next_party_change (b, b_id, "partyRemoved=1001",
                     CALLER "/-/ORIGINATOR 1002/agent2/CONFERENCE_MEMBER", ACTIONS_TALKING);
  mark_done (f, a, a_id);

  caller_hangs_up (f, call_id, b, b_id);
  assert_quiet (f);
}

/* The caller talks to A; A consults B (Call_2, Call_3) and completes the
 * conference: Call_2 IDLE, Call_1 TALKING then INFO_CHANGED, Call_3
 * INFO_CHANGED, both with every party. */
static void
test_dual_step_conference (Fixture       *f,
                           gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *call_id, *call_2, *call_3;
  const char *call_1 = consult (f, "initiate-conference", "COMPLETE_CONFERENCE", &call_id,
                                &call_2, &call_3);
  AdTestEvent *event;

  perform (f, a, call_1, "complete-conference", NULL);
  next_status (a, call_2, "IDLE", ACTIONS_IDLE);
  next_status (a, call_1, "TALKING", NULL);
  next_party_change (a, call_1, "partyAdded=1002", PARTIES_AB, ACTIONS_CONFERENCE);
  event = next_party_change (b, call_3, "partyAdded=1002", PARTIES_AB, ACTIONS_CONFERENCE);
  assert_call (event, "INBOUND", CALLER, "1001");
  assert_attached_data (event, "order=77");
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction.voice:callId"), ==, call_id);
  mark_done (f, a, call_2);

  /* B leaves; A is alone with the caller again. */
  perform (f, b, call_3, "leave-conference", NULL);
  next_status (b, call_3, "IDLE", NULL);
  next_party_change (a, call_1, "partyRemoved=1002", CALLER "/-/ORIGINATOR 1001/agent1/DESTINATION",
                     ACTIONS_TALKING);
  mark_done (f, b, call_3);
  caller_hangs_up (f, call_id, a, call_1);
  assert_quiet (f);
}

/* A conference of five: the caller, A, B (added by A), C (added by B)
 * and an outside number (added by A). Members leave and release one by
 * one; the others are told each time. */
static void
test_large_conference (Fixture       *f,
                       gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1], *c = &f->agents[2];
  const char *call_id;
  const char *a_id = inbound_talking (f, a, &call_id);
  const char *b_id = add_member (f, a, a_id, b, PARTIES_AB);
  const char *c_id;
  AdTestEvent *event;

#define PARTIES_ABC PARTIES_AB " 1003/agent3/CONFERENCE_MEMBER"
#define PARTIES_ABCO PARTIES_ABC " " OUTSIDE "/-/CONFERENCE_MEMBER"
  next_party_change (a, a_id, "partyAdded=1002", PARTIES_AB, ACTIONS_CONFERENCE);

  c_id = add_member (f, b, b_id, c, PARTIES_ABC);
  expect_member_pending (a, a_id, PARTIES_AB);
  next_party_change (b, b_id, "partyAdded=1003", PARTIES_ABC, ACTIONS_CONFERENCE);
  next_party_change (a, a_id, "partyAdded=1003", PARTIES_ABC, ACTIONS_CONFERENCE);

  /* An outside number joins when it answers. */
  perform (f, a, a_id, "single-step-conference", "{\"destination\": \"" OUTSIDE "\"}");
  expect_member_pending (a, a_id, PARTIES_ABC);
  expect_member_pending (b, b_id, PARTIES_ABC);
  expect_member_pending (c, c_id, PARTIES_ABC);
  next_party_change (a, a_id, "partyAdded=" OUTSIDE, PARTIES_ABCO, ACTIONS_CONFERENCE);
  next_party_change (b, b_id, "partyAdded=" OUTSIDE, PARTIES_ABCO, ACTIONS_CONFERENCE);
  event = next_info (c, c_id, "TALKING", NULL);
  assert_extensions (event, "partyAdded=" OUTSIDE);
  assert_phone_numbers (event, CALLER " 1001 1002 " OUTSIDE);

  /* B leaves. */
  perform (f, b, b_id, "leave-conference", NULL);
  next_status (b, b_id, "IDLE", ACTIONS_IDLE);
#define PARTIES_ACO CALLER "/-/ORIGINATOR 1001/agent1/DESTINATION 1003/agent3/CONFERENCE_MEMBER " \
                    OUTSIDE "/-/CONFERENCE_MEMBER"
  next_party_change (a, a_id, "partyRemoved=1002", PARTIES_ACO, ACTIONS_CONFERENCE);
  next_party_change (c, c_id, "partyRemoved=1002", PARTIES_ACO, ACTIONS_CONFERENCE);

  /* A releases: in a conference, the others get INFO_CHANGED. */
  perform (f, a, a_id, "release-call", NULL);
  next_status (a, a_id, "IDLE", NULL);
#define PARTIES_CO CALLER "/-/ORIGINATOR 1003/agent3/CONFERENCE_MEMBER " OUTSIDE "/-/CONFERENCE_MEMBER"
  next_party_change (c, c_id, "partyRemoved=1001", PARTIES_CO, ACTIONS_CONFERENCE);

  /* The hang-up takes every outside party of the call: C is alone, the
   * call ends, and C's leg keeps the parties as they were. */
  sim_hangup (f, call_id);
  event = next_status (c, c_id, "IDLE", ACTIONS_IDLE);
  assert_parties (event, PARTIES_CO);
  mark_done (f, a, a_id);
  mark_done (f, b, b_id);
  mark_done (f, c, c_id);
  assert_quiet (f);
#undef PARTIES_ABC
#undef PARTIES_ABCO
#undef PARTIES_ACO
#undef PARTIES_CO
}

/* A conference grows by a dual-step conference too: A, already in
 * conference with the caller and B, consults C and completes; B's leg is
 * told as well. */
static void
test_dual_step_into_conference (Fixture       *f,
                                gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1], *c = &f->agents[2];
  const char *call_id;
  const char *a_id = inbound_talking (f, a, &call_id);
  const char *b_id = add_member (f, a, a_id, b, PARTIES_AB);
  const char *call_2, *call_3;
  AdTestEvent *event;

#define PARTIES_ABC PARTIES_AB " 1003/agent3/CONFERENCE_MEMBER"
  next_party_change (a, a_id, "partyAdded=1002", PARTIES_AB, ACTIONS_CONFERENCE);

  call_2 = initiate (f, a, a_id, "initiate-conference", "1003");
  next_status (a, call_2, "NEW", NULL);
  next_status (a, a_id, "HELD", ACTIONS_CONSULTING);
  next_status (a, call_2, "DIALING", NULL);
  call_3 = next_ringing (f, c, NULL, &event);
  assert_call (event, "CONSULT", "1001", "1003");
  answer (f, c, call_3, NULL);
  next_status (a, call_2, "TALKING", NULL);
  next_info (a, a_id, "HELD", ACTIONS_CONSULTING " COMPLETE_CONFERENCE");

  perform (f, a, a_id, "complete-conference", NULL);
  next_status (a, call_2, "IDLE", NULL);
  next_status (a, a_id, "TALKING", NULL);
  next_party_change (a, a_id, "partyAdded=1003", PARTIES_ABC, ACTIONS_CONFERENCE);
  next_party_change (b, b_id, "partyAdded=1003", PARTIES_ABC, ACTIONS_CONFERENCE);
  event = next_party_change (c, call_3, "partyAdded=1003", PARTIES_ABC, ACTIONS_CONFERENCE);
  assert_call (event, "INBOUND", CALLER, "1001");
  mark_done (f, a, call_2);

  /* The caller hangs up; three agents stay in conference. */
  sim_hangup (f, call_id);
#define PARTIES_BC "1001/agent1/DESTINATION 1002/agent2/CONFERENCE_MEMBER " \
                   "1003/agent3/CONFERENCE_MEMBER"
  next_party_change (a, a_id, "partyRemoved=" CALLER, PARTIES_BC, ACTIONS_CONFERENCE);
  next_party_change (b, b_id, "partyRemoved=" CALLER, PARTIES_BC, ACTIONS_CONFERENCE);
  next_party_change (c, call_3, "partyRemoved=" CALLER, PARTIES_BC, ACTIONS_CONFERENCE);
  perform (f, a, a_id, "release-call", NULL);
  next_status (a, a_id, "IDLE", NULL);
  next_party_change (b, b_id, "partyRemoved=1001",
                     "1002/agent2/CONFERENCE_MEMBER 1003/agent3/CONFERENCE_MEMBER", ACTIONS_TALKING);
  next_party_change (c, call_3, "partyRemoved=1001",
                     "1002/agent2/CONFERENCE_MEMBER 1003/agent3/CONFERENCE_MEMBER", ACTIONS_TALKING);
  mark_done (f, a, a_id);
  release_both (f, c, call_3, b, b_id);
  assert_quiet (f);
#undef PARTIES_ABC
#undef PARTIES_BC
}

/* Hold, mute, DTMF, attached data */

/* A holds and retrieves a call with B; B's leg does not change. */
static void
test_hold_retrieve (Fixture       *f,
                    gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *b_id;
  const char *a_id = internal_talking (f, a, b, &b_id);
  AdTestEvent *event;

  perform (f, a, a_id, "hold", "{\"reasons\": {\"why\": \"lookup\"}, \"extensions\": {\"x\": 1}}");
  event = next_status (a, a_id, "HELD", ACTIONS_HELD);
  g_assert_cmpstr (ad_json_string_or_null (json_object_get_object_member (
                     event_attributes (event), "interaction.voice:TEventReasons"), "why"), ==,
                   "lookup");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     event_attributes (event), "interaction.voice:TEventExtensions"), "x"), ==, 1);
  refuse (f, a, a_id, "hold", 409, "ACTION_NOT_POSSIBLE", NULL);
  perform (f, a, a_id, "retrieve", NULL);
  event = next_status (a, a_id, "TALKING", ACTIONS_TALKING);
  assert_parties (event, "1001/agent1/ORIGINATOR 1002/agent2/DESTINATION");

  /* Released while held. */
  perform (f, a, a_id, "hold", NULL);
  next_status (a, a_id, "HELD", NULL);
  release_both (f, a, a_id, b, b_id);
  assert_quiet (f);
}

/* A holds while dialing B (DIALING_HELD), retrieves (DIALING), holds
 * again; B answers: B TALKING, A HELD; A retrieves: TALKING. */
static void
test_hold_while_dialing (Fixture       *f,
                         gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *a_id = create (f, a, NULL);
  const char *b_id;
  AdTestEvent *event;

  perform (f, a, a_id, "make-call", "{\"destination\": \"1002\"}");
  next_status (a, a_id, "DIALING", NULL);
  b_id = next_ringing (f, b, NULL, &event);

  perform (f, a, a_id, "hold", NULL);
  event = next_status (a, a_id, "DIALING_HELD", ACTIONS_DIALING_HELD);
  assert_parties (event, "1001/agent1/ORIGINATOR 1002/agent2/DESTINATION");
  perform (f, a, a_id, "retrieve", NULL);
  next_status (a, a_id, "DIALING", ACTIONS_DIALING);
  perform (f, a, a_id, "hold", NULL);
  next_status (a, a_id, "DIALING_HELD", NULL);

  answer (f, b, b_id, ACTIONS_TALKING);
  next_status (a, a_id, "HELD", ACTIONS_HELD);
  perform (f, a, a_id, "retrieve", NULL);
  next_status (a, a_id, "TALKING", ACTIONS_TALKING);

  release_both (f, b, b_id, a, a_id);
  assert_quiet (f);
}

static gboolean
event_muted (AdTestEvent *event)
{
  return json_object_get_boolean_member (event_attributes (event), "interaction.voice:muted");
}

static void
test_mute (Fixture       *f,
           gconstpointer  data)
{
  Agent *a = &f->agents[0];
  const char *call_id;
  const char *id = inbound_talking (f, a, &call_id);
  AdTestEvent *event;

  perform (f, a, id, "mute-on", NULL);
  event = next_info (a, id, "TALKING",
                     "RELEASE_CALL HOLD SINGLE_STEP_TRANSFER MUTE_TRANSFER INIT_TRANSFER "
                     "SINGLE_STEP_CONFERENCE INIT_CONFERENCE MUTE_OFF SEND_DTMF ATTACH_DATA");
  g_assert_true (event_muted (event));
  refuse (f, a, id, "mute-on", 409, "ACTION_NOT_POSSIBLE", NULL);

  perform (f, a, id, "mute-off", NULL);
  event = next_info (a, id, "TALKING", ACTIONS_TALKING);
  g_assert_false (event_muted (event));
  refuse (f, a, id, "mute-off", 409, "ACTION_NOT_POSSIBLE", NULL);

  caller_hangs_up (f, call_id, a, id);
  assert_quiet (f);
}

static void
test_dtmf (Fixture       *f,
           gconstpointer  data)
{
  Agent *a = &f->agents[0];
  const char *call_id;
  const char *id = inbound_talking (f, a, &call_id);
  const char *const invalid[] = {
    "{\"digits\": \"12a\"}",
    "{\"digits\": \"\"}",
    "{\"digits\": \"1 2\"}",
    "{\"digits\": 12}",
    "{}",
  };
  AdTestEvent *event;

  perform (f, a, id, "send-dtmf", "{\"digits\": \"0123456789*#\"}");
  event = next_info (a, id, "TALKING", ACTIONS_TALKING);
  assert_extensions (event, "dtmfDigits=0123456789*#");

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    refuse (f, a, id, "send-dtmf", 400, "INVALID_REQUEST", invalid[i]);

  perform (f, a, id, "send-dtmf", "{\"digits\": \"5\"}");
  event = next_info (a, id, "TALKING", NULL);
  assert_extensions (event, "dtmfDigits=5");

  caller_hangs_up (f, call_id, a, id);
  assert_quiet (f);
}

/* Attached data belongs to the call: every leg gets ATTACHED_DATA_CHANGED;
 * a null deletes a key; an IDLE leg keeps its own copy. */
static void
test_attach_data (Fixture       *f,
                  gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *b_id;
  const char *a_id = internal_talking (f, a, b, &b_id);
  AdTestEvent *event;

  perform (f, a, a_id, "attach-data", "{\"attachedData\": {\"a\": \"1\", \"b\": \"2\"}}");
  event = next_event (a, a_id, "TALKING", "ATTACHED_DATA_CHANGED", ACTIONS_TALKING);
  assert_attached_data (event, "a=1 b=2");
  event = next_event (b, b_id, "TALKING", "ATTACHED_DATA_CHANGED", NULL);
  assert_attached_data (event, "a=1 b=2");

  perform (f, b, b_id, "attach-data", "{\"attachedData\": {\"a\": null, \"c\": \"3\"}}");
  event = next_event (b, b_id, "TALKING", "ATTACHED_DATA_CHANGED", NULL);
  assert_attached_data (event, "b=2 c=3");
  event = next_event (a, a_id, "TALKING", "ATTACHED_DATA_CHANGED", NULL);
  assert_attached_data (event, "b=2 c=3");

  refuse (f, a, a_id, "attach-data", 400, "INVALID_REQUEST", "{\"attachedData\": {\"x\": 5}}");
  refuse (f, a, a_id, "attach-data", 400, "INVALID_REQUEST", "{}");

  /* After the call, each leg has its copy. */
  perform (f, a, a_id, "release-call", NULL);
  next_status (a, a_id, "IDLE", NULL);
  next_status (b, b_id, "IDLE", NULL);
  perform (f, a, a_id, "attach-data", "{\"attachedData\": {\"d\": \"4\"}}");
  event = next_event (a, a_id, "IDLE", "ATTACHED_DATA_CHANGED", ACTIONS_IDLE);
  assert_attached_data (event, "b=2 c=3 d=4");
  mark_done (f, a, a_id);
  mark_done (f, b, b_id);
  {
    g_autoptr(JsonObject) record = history_record (f, b, b_id);
    JsonObject *record_data = json_object_get_object_member (record, "attachedData");

    g_assert_cmpuint (json_object_get_size (record_data), ==, 2);
    g_assert_cmpstr (ad_json_string_or_null (record_data, "c"), ==, "3");
  }
  assert_quiet (f);
}

static gint64
fake_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

static gint64
event_duration (AdTestEvent *event)
{
  return json_object_get_int_member (event_attributes (event), "interaction.voice:duration");
}

/* duration counts the talk time, in whole seconds, until the leg goes
 * IDLE; the history record has it, and the creation and end times. The
 * center reads a clock the test moves. */
static void
test_duration (Fixture       *f,
               gconstpointer  data)
{
  Agent *a = &f->agents[0];
  /* 2026-01-01T00:00:00Z */
  gint64 now = G_GINT64_CONSTANT (1767225600) * G_USEC_PER_SEC;
  const char *call_id, *id;
  g_autoptr(JsonObject) record = NULL;
  AdTestEvent *event;

  ad_call_center_set_clock (ad_switch_server_get_call_center (f->ts->server), fake_clock, &now);
  id = inbound_talking (f, a, &call_id);

  now += 7 * G_USEC_PER_SEC + G_USEC_PER_SEC / 2;
  perform (f, a, id, "mute-on", NULL);
  event = next_info (a, id, "TALKING", NULL);
  g_assert_cmpint (event_duration (event), ==, 7);

  now += 3 * G_USEC_PER_SEC;
  sim_hangup (f, call_id);
  event = next_status (a, id, "IDLE", NULL);
  g_assert_cmpint (event_duration (event), ==, 10);

  /* Time after the call is not talk time. */
  now += 60 * G_USEC_PER_SEC;
  perform (f, a, id, "attach-data", "{\"attachedData\": {\"k\": \"v\"}}");
  event = next_event (a, id, "IDLE", "ATTACHED_DATA_CHANGED", NULL);
  g_assert_cmpint (event_duration (event), ==, 10);
  mark_done (f, a, id);

  record = history_record (f, a, id);
  g_assert_cmpint (json_object_get_int_member (record, "durationSeconds"), ==, 10);
  g_assert_cmpstr (ad_json_string_or_null (record, "startedAt"), ==, "2026-01-01T00:00:00Z");
  g_assert_cmpstr (ad_json_string_or_null (record, "endedAt"), ==, "2026-01-01T00:00:10Z");
  assert_quiet (f);
}

/* Switch profiles */

/* A body that would be valid for @action. */
static const char *
action_body (AdVoiceAction action)
{
  switch (action)
    {
    case AD_VOICE_ACTION_MAKE_CALL:
    case AD_VOICE_ACTION_SINGLE_STEP_TRANSFER:
    case AD_VOICE_ACTION_MUTE_TRANSFER:
    case AD_VOICE_ACTION_INIT_TRANSFER:
    case AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE:
    case AD_VOICE_ACTION_INIT_CONFERENCE:
      return "{\"destination\": \"1004\"}";
    case AD_VOICE_ACTION_SEND_DTMF:
      return "{\"digits\": \"1\"}";
    case AD_VOICE_ACTION_ATTACH_DATA:
      return "{\"attachedData\": {\"k\": \"v\"}}";
    case AD_VOICE_ACTION_MARK_DONE:
      return "{\"disposition\": \"RESOLVED\"}";
    default:
      return "{}";
    }
}

static AdVoiceAction
profile_lacks (Fixture  *f,
               gboolean  dialing)
{
  AdVoiceAction lacks = actions_from_names (f->profile->lacks);

  if (dialing && !f->profile->holds_while_dialing)
    lacks |= AD_VOICE_ACTION_HOLD;
  return lacks;
}

/* Refuses each of @actions on @id with ACTION_NOT_POSSIBLE. */
static void
refuse_each (Fixture       *f,
             Agent         *agent,
             const char    *id,
             AdVoiceAction  actions)
{
  for (AdVoiceAction action = 1; action <= AD_VOICE_ACTION_ATTACH_DATA; action <<= 1)
    if (actions & action)
      refuse (f, agent, id, ad_voice_action_to_path (action), 409, "ACTION_NOT_POSSIBLE",
              action_body (action));
}

/* @event offers what the full profile would (@full) minus what the
 * profile lacks; each lacking action the full profile would offer here is
 * refused. */
static void
check_offered (Fixture     *f,
               Agent       *agent,
               AdTestEvent *event,
               const char  *full,
               gboolean     dialing)
{
  AdVoiceAction all = actions_from_names (full);
  AdVoiceAction lacks = profile_lacks (f, dialing);
  g_autofree char *expected = actions_to_names (all & ~lacks);
  g_autofree char *got = actions_to_names (event_actions (event));

  g_assert_cmpstr (got, ==, expected);
  refuse_each (f, agent, ad_test_event_interaction_id (event), all & lacks);
}

/* A's leg @a_id and B's @b_id, on one call, are told of a change in turn
 * (INFO_CHANGED, TALKING), each then offering as check_offered() expects. */
static void
check_both_told (Fixture    *f,
                 const char *a_id,
                 const char *b_id,
                 const char *full)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];

  check_offered (f, a, next_info (a, a_id, "TALKING", NULL), full, FALSE);
  check_offered (f, b, next_info (b, b_id, "TALKING", NULL), full, FALSE);
}

/* Under each profile, a call from A to B through every status the profile
 * reaches, with a conference where it has one: what each leg offers, and
 * what is refused. */
static void
test_profile (Fixture       *f,
              gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1], *c = &f->agents[2];
  AdVoiceAction has = ~profile_lacks (f, FALSE);
  const char *a_id, *b_id;
  AdTestEvent *event;

  a_id = create_full (f, a, NULL, &event);
  check_offered (f, a, event, ACTIONS_NEW, FALSE);
  perform (f, a, a_id, "make-call", "{\"destination\": \"1002\"}");
  event = next_status (a, a_id, "DIALING", NULL);
  check_offered (f, a, event, ACTIONS_DIALING, TRUE);
  b_id = next_ringing (f, b, NULL, &event);
  check_offered (f, b, event, ACTIONS_RINGING, FALSE);

  event = answer (f, b, b_id, NULL);
  check_offered (f, b, event, ACTIONS_TALKING, FALSE);
  event = next_status (a, a_id, "TALKING", NULL);
  check_offered (f, a, event, ACTIONS_TALKING, FALSE);
  /* Every action the profile lacks, whatever the status. */
  refuse_each (f, a, a_id, profile_lacks (f, FALSE));

  if (has & AD_VOICE_ACTION_HOLD)
    {
      perform (f, a, a_id, "hold", NULL);
      event = next_status (a, a_id, "HELD", NULL);
      check_offered (f, a, event, ACTIONS_HELD, FALSE);
      perform (f, a, a_id, "retrieve", NULL);
      event = next_status (a, a_id, "TALKING", NULL);
      check_offered (f, a, event, ACTIONS_TALKING, FALSE);
    }

  if (has & AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE)
    {
      const char *c_id;

      perform (f, a, a_id, "single-step-conference", "{\"destination\": \"1003\"}");
      c_id = next_ringing (f, c, NULL, &event);
      check_offered (f, c, event, ACTIONS_RINGING, FALSE);
      check_both_told (f, a_id, b_id, ACTIONS_ADDING);
      event = answer (f, c, c_id, NULL);
      check_offered (f, c, event, ACTIONS_CONFERENCE, FALSE);
      check_both_told (f, a_id, b_id, ACTIONS_CONFERENCE);

      perform (f, c, c_id, "leave-conference", NULL);
      event = next_status (c, c_id, "IDLE", NULL);
      check_offered (f, c, event, ACTIONS_IDLE, FALSE);
      check_both_told (f, a_id, b_id, ACTIONS_TALKING);
      mark_done (f, c, c_id);
    }

  if (!(has & AD_VOICE_ACTION_SINGLE_STEP_TRANSFER) && (has & AD_VOICE_ACTION_MUTE_TRANSFER))
    {
      const char *c_id;

      /* A client falls back to a mute transfer. */
      perform (f, a, a_id, "mute-transfer", "{\"destination\": \"1003\"}");
      event = next_status (a, a_id, "IDLE", NULL);
      check_offered (f, a, event, ACTIONS_IDLE, FALSE);
      c_id = next_ringing (f, c, NULL, &event);
      check_offered (f, c, event, ACTIONS_RINGING, FALSE);
      event = next_info (b, b_id, "TALKING", NULL);
      assert_extensions (event, "partyAdded=1003 partyRemoved=1001");
      check_offered (f, b, event, ACTIONS_TALKING, FALSE);
      event = answer (f, c, c_id, NULL);
      check_offered (f, c, event, ACTIONS_TALKING, FALSE);
      perform (f, c, c_id, "release-call", NULL);
      event = next_status (c, c_id, "IDLE", NULL);
      check_offered (f, c, event, ACTIONS_IDLE, FALSE);
      mark_done (f, c, c_id);
    }
  else
    {
      perform (f, a, a_id, "release-call", NULL);
      event = next_status (a, a_id, "IDLE", NULL);
      check_offered (f, a, event, ACTIONS_IDLE, FALSE);
    }
  event = next_status (b, b_id, "IDLE", NULL);
  check_offered (f, b, event, ACTIONS_IDLE, FALSE);
  mark_done (f, a, a_id);
  mark_done (f, b, b_id);
  assert_quiet (f);
}

/* ACTION_IN_PROGRESS */

static void
fixture_set_up_slow (Fixture       *f,
                     gconstpointer  data)
{
  AdSwitchOptions options;

  scenario_options_init (&options);
  /* Long enough for a request to follow another on a loaded machine. */
  options.action_delay_ms = 1000;
  fixture_set_up_with (f, &options);
}

/* While an action is in flight on an interaction, any other on it gets
 * ACTION_IN_PROGRESS; other interactions are not held up; once its event
 * arrived, the interaction takes actions again. */
static void
test_action_in_progress (Fixture       *f,
                         gconstpointer  data)
{
  Agent *a = &f->agents[0], *b = &f->agents[1];
  const char *call_a = sim_inbound (f, CALLER, "\"dn\": \"1001\"");
  const char *call_b = sim_inbound (f, "+15550000002", "\"dn\": \"1002\"");
  AdTestEvent *event;
  const char *a_id = next_ringing (f, a, NULL, &event);
  const char *b_id = next_ringing (f, b, NULL, &event);

  perform (f, a, a_id, "answer-call", NULL);
  refuse (f, a, a_id, "answer-call", 409, "ACTION_IN_PROGRESS", NULL);
  refuse (f, a, a_id, "attach-data", 409, "ACTION_IN_PROGRESS",
          "{\"attachedData\": {\"k\": \"v\"}}");
  /* An action that is not possible at all is still in progress first. */
  refuse (f, a, a_id, "hold", 409, "ACTION_IN_PROGRESS", NULL);
  perform (f, b, b_id, "answer-call", NULL);

  next_status (a, a_id, "TALKING", ACTIONS_TALKING);
  next_status (b, b_id, "TALKING", NULL);

  perform (f, a, a_id, "hold", NULL);
  refuse (f, a, a_id, "release-call", 409, "ACTION_IN_PROGRESS", NULL);
  refuse (f, a, a_id, "mute-on", 409, "ACTION_IN_PROGRESS", NULL);
  next_status (a, a_id, "HELD", ACTIONS_HELD);

  /* The contacts hang up (no action) and the legs are marked done
   * (applied at once). */
  caller_hangs_up (f, call_a, a, a_id);
  caller_hangs_up (f, call_b, b, b_id);
  assert_quiet (f);
}

/* A consultation's two legs are one thing in flight: Call_2 with Call_1
 * while it is created, and either with the other while a RECONNECT
 * posted on one of them changes both. */
static void
test_action_in_progress_consult (Fixture       *f,
                                 gconstpointer  data)
{
  Agent *a = &f->agents[0], *c = &f->agents[2];
  const char *call_id;
  const char *call_1 = inbound_talking (f, a, &call_id);
  const char *call_2, *call_3;
  AdTestEvent *event;

  call_2 = initiate (f, a, call_1, "initiate-transfer", "1003");
  refuse (f, a, call_1, "release-call", 409, "ACTION_IN_PROGRESS", NULL);
  refuse (f, a, call_2, "attach-data", 409, "ACTION_IN_PROGRESS",
          "{\"attachedData\": {\"k\": \"v\"}}");
  next_status (a, call_2, "NEW", NULL);
  next_status (a, call_1, "HELD", ACTIONS_CONSULTING);
  next_status (a, call_2, "DIALING", NULL);
  call_3 = next_ringing (f, c, NULL, &event);

  perform (f, a, call_2, "reconnect", NULL);
  refuse (f, a, call_1, "reconnect", 409, "ACTION_IN_PROGRESS", NULL);
  next_status (a, call_2, "IDLE", NULL);
  next_status (a, call_1, "TALKING", NULL);
  next_status (c, call_3, "IDLE", NULL);

  caller_hangs_up (f, call_id, a, call_1);
  mark_done (f, a, call_2);
  mark_done (f, c, call_3);
  assert_quiet (f);
}

/* The consulted agent logs out while the INIT_TRANSFER is in flight:
 * Call_1 is told the action failed and goes on talking; Call_2 stays NEW,
 * to be marked done. */
static void
test_action_failed (Fixture       *f,
                    gconstpointer  data)
{
  Agent *a = &f->agents[0], *c = &f->agents[2];
  const char *call_id;
  const char *call_1 = inbound_talking (f, a, &call_id);
  const char *call_2 = initiate (f, a, call_1, "initiate-transfer", "1003");
  g_autoptr(JsonObject) agent = NULL;
  JsonObject *failure;
  AdTestEvent *event;

  next_status (a, call_2, "NEW", NULL);
  agent = ad_test_switch_expect (f->ts, 200, "POST", "/api/v1/agents/agent3/logout", c->token,
                                 NULL);

  event = next_info (a, call_1, "TALKING", ACTIONS_TALKING);
  failure = json_object_get_object_member (json_object_get_object_member (
    event_attributes (event), "interaction:extensions"), "actionFailed");
  g_assert_nonnull (failure);
  g_assert_cmpstr (ad_json_string_or_null (failure, "action"), ==, "INIT_TRANSFER");
  g_assert_cmpstr (ad_json_string_or_null (failure, "type"), ==, "INVALID_DESTINATION");
  g_assert_nonnull (ad_json_string_or_null (failure, "message"));

  mark_done (f, a, call_2);
  caller_hangs_up (f, call_id, a, call_1);
  g_clear_pointer (&agent, json_object_unref);
  agent = ad_test_switch_expect (f->ts, 200, "POST", "/api/v1/agents/agent3/login", c->token,
                                 "{\"placeId\": \"place1003\"}");
  assert_quiet (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_WITH(path, data, func) \
  g_test_add ("/switch/scenarios/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
#define ADD(path, func) ADD_WITH (path, NULL, func)
  ADD ("make-call/outside", test_make_call_outside);
  ADD ("make-call/create-with-destination", test_create_with_destination);
  ADD ("make-call/agent", test_call_agent);
  ADD ("make-call/route-point", test_call_route_point);
  ADD ("make-call/unanswered", test_unanswered);
  ADD ("inbound-from-queue", test_inbound_from_queue);
  ADD_WITH ("transfer/single-step", "single-step-transfer", test_blind_transfer);
  ADD_WITH ("transfer/mute", "mute-transfer", test_blind_transfer);
  ADD ("transfer/to-busy-agent", test_transfer_to_busy_agent);
  ADD ("transfer/to-queue", test_transfer_to_queue);
  ADD ("transfer/dual-step", test_dual_step_transfer);
  ADD_WITH ("reconnect/call-1", GINT_TO_POINTER (1), test_reconnect);
  ADD_WITH ("reconnect/call-2", GINT_TO_POINTER (2), test_reconnect);
  ADD ("transfer/caller-hangs-up-during-consult", test_caller_hangs_up_during_consult);
  ADD ("reconnect/while-dialing", test_reconnect_while_dialing);
  ADD ("reconnect/target-hangs-up", test_consult_target_hangs_up);
  ADD ("conference/single-step", test_single_step_conference);
  ADD ("conference/member-ringing", test_conference_member_ringing);
  ADD ("conference/dual-step", test_dual_step_conference);
  ADD ("conference/leave", test_leave_conference);
  ADD ("conference/dual-step-into-conference", test_dual_step_into_conference);
  ADD ("conference/five-parties", test_large_conference);
  ADD ("hold-retrieve", test_hold_retrieve);
  ADD ("hold-while-dialing", test_hold_while_dialing);
  ADD ("mute", test_mute);
  ADD ("dtmf", test_dtmf);
  ADD ("attach-data", test_attach_data);
  ADD ("duration", test_duration);
#undef ADD
#undef ADD_WITH

  for (guint i = 0; i < G_N_ELEMENTS (profile_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/switch/scenarios/profile/%s",
                                               profile_cases[i].name);

      g_test_add (path, Fixture, &profile_cases[i], fixture_set_up_profile, test_profile,
                  fixture_tear_down);
    }

  g_test_add ("/switch/scenarios/action-in-progress/one-leg", Fixture, NULL,
              fixture_set_up_slow, test_action_in_progress, fixture_tear_down);
  g_test_add ("/switch/scenarios/action-in-progress/consultation", Fixture, NULL,
              fixture_set_up_slow, test_action_in_progress_consult, fixture_tear_down);
  g_test_add ("/switch/scenarios/action-failed", Fixture, NULL,
              fixture_set_up_slow, test_action_failed, fixture_tear_down);

  return g_test_run ();
}
