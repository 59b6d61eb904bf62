/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ad-call-center.h"

#include <string.h>

/* The call model driven through its API: every scenario of the contract,
 * checked against the events each party receives. Time is scripted with
 * the center's clock hook; outside numbers answer after a short delay. */

#define ANSWER_DELAY_MS 20
#define CALLER "+15551230000"
#define OUTSIDE "5557654321"
#define T0 (G_GINT64_CONSTANT (1798761600) * G_USEC_PER_SEC)   /* 2027-01-01 */

typedef struct {
  AdCallCenter *center;
  AdVoiceAction supported;
  gint64        now;
  GHashTable   *latest;      /* interaction id → its latest DTO */
  GHashTable   *labels;      /* interaction id → "agentN#k" */
  GHashTable   *counts;      /* agent id → interactions seen */
  GString      *log;         /* "label STATUS REASON" per interaction event */
  GPtrArray    *agent_dtos;  /* agent-event DTOs, in order */
  GHashTable   *queue_hits;  /* queue name → count of queue-changed */
  GPtrArray    *history;     /* records given to the sink */
  gboolean      refuse_history;
} Fixture;

static gint64
fixture_clock (gpointer data)
{
  Fixture *f = data;

  return f->now;
}

static gboolean
history_sink (JsonObject  *record,
              gpointer     data,
              GError     **error)
{
  Fixture *f = data;

  if (f->refuse_history)
    {
      g_set_error_literal (error, AD_ERROR, AD_ERROR_STORAGE_FAILED, "disk full");
      return FALSE;
    }
  g_ptr_array_add (f->history, json_object_ref (record));
  return TRUE;
}

static void
on_interaction_event (AdCallCenter *center,
                      const char   *interaction_id,
                      const char   *agent_id,
                      const char   *dn_id,
                      const char   *place_id,
                      JsonObject   *dto,
                      Fixture      *f)
{
  const char *label = g_hash_table_lookup (f->labels, interaction_id);

  g_assert_cmpstr (json_object_get_string_member (dto, AD_ATTR_INTERACTION_ID), ==, interaction_id);
  g_assert_cmpstr (json_object_get_string_member (dto, AD_ATTR_AGENT_ID), ==, agent_id);
  g_assert_cmpstr (json_object_get_string_member (dto, AD_ATTR_DN_ID), ==, dn_id);
  g_assert_nonnull (place_id);
  /* Whatever the scenario, nothing the profile lacks is ever offered. */
  g_assert_cmpint (ad_voice_actions_from_json (json_object_get_array_member (dto, AD_ATTR_ACTIONS_POSSIBLE))
                   & ~f->supported, ==, 0);

  if (label == NULL)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (f->counts, agent_id)) + 1;
      char *new_label = g_strdup_printf ("%s#%u", agent_id, n);

      g_hash_table_insert (f->counts, g_strdup (agent_id), GUINT_TO_POINTER (n));
      g_hash_table_insert (f->labels, g_strdup (interaction_id), new_label);
      label = new_label;
    }

  g_hash_table_insert (f->latest, g_strdup (interaction_id), json_object_ref (dto));
  g_string_append_printf (f->log, "%s%s %s %s", f->log->len ? ", " : "", label,
                          json_object_get_string_member (dto, AD_ATTR_STATUS),
                          json_object_get_string_member (dto, AD_ATTR_EVENT_REASON));
}

static void
on_agent_event (AdCallCenter *center,
                const char   *agent_id,
                const char   *place_id,
                JsonObject   *dto,
                Fixture      *f)
{
  g_assert_cmpstr (json_object_get_string_member (dto, AD_AGENT_ATTR_AGENT_ID), ==, agent_id);
  g_ptr_array_add (f->agent_dtos, json_object_ref (dto));
}

static void
on_queue_changed (AdCallCenter *center,
                  const char   *queue,
                  Fixture      *f)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (f->queue_hits, queue));

  g_hash_table_insert (f->queue_hits, g_strdup (queue), GUINT_TO_POINTER (n + 1));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  AdSwitchProfile profile = GPOINTER_TO_INT (data);

  f->center = ad_call_center_new (profile);
  f->supported = ad_switch_profile_supported (profile);
  f->now = T0;
  f->latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  f->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  f->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->log = g_string_new (NULL);
  f->agent_dtos = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  f->queue_hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->history = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  ad_call_center_set_clock (f->center, fixture_clock, f);
  ad_call_center_set_answer_delay (f->center, ANSWER_DELAY_MS);
  ad_call_center_set_action_delay (f->center, 0);
  ad_call_center_set_history_sink (f->center, history_sink, f);
  ad_call_center_load_demo (f->center);
  g_signal_connect (f->center, "interaction-event", G_CALLBACK (on_interaction_event), f);
  g_signal_connect (f->center, "agent-event", G_CALLBACK (on_agent_event), f);
  g_signal_connect (f->center, "queue-changed", G_CALLBACK (on_queue_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->center);
  /* Nothing of the center may fire once it is gone. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_hash_table_unref (f->latest);
  g_hash_table_unref (f->labels);
  g_hash_table_unref (f->counts);
  g_string_free (f->log, TRUE);
  g_ptr_array_unref (f->agent_dtos);
  g_hash_table_unref (f->queue_hits);
  g_ptr_array_unref (f->history);
}

/* Helpers */

static gboolean
on_timeout (gpointer data)
{
  g_error ("Timed out waiting: %s", (const char *) data);
  return G_SOURCE_REMOVE;
}

/* Runs what is due now (actions, routing): idle sources only. */
static void
flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The log of interaction events since the last call, then cleared. */
static char *
take_log (Fixture *f)
{
  char *log = g_strdup (f->log->str);

  g_string_truncate (f->log, 0);
  return log;
}

#define assert_log(f, expected) \
  G_STMT_START { \
    g_autofree char *log_ = take_log (f); \
    g_assert_cmpstr (log_, ==, expected); \
  } G_STMT_END

static JsonObject *
dto_of (Fixture    *f,
        const char *id)
{
  JsonObject *dto = g_hash_table_lookup (f->latest, id);

  g_assert_nonnull (dto);
  return dto;
}

static const char *
status_of (Fixture    *f,
           const char *id)
{
  return json_object_get_string_member (dto_of (f, id), AD_ATTR_STATUS);
}

/* Iterates until the interaction's latest event has @status. */
static void
wait_status (Fixture    *f,
             const char *id,
             const char *status)
{
  guint guard = g_timeout_add_seconds (30, on_timeout, (gpointer) status);

  while (g_strcmp0 (g_hash_table_lookup (f->latest, id) ? status_of (f, id) : NULL, status) != 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
}

/* The id of the interaction labelled @label ("agent2#1"). */
static const char *
id_of (Fixture    *f,
       const char *label)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, f->labels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, label) == 0)
      return key;
  g_error ("No interaction %s", label);
  return NULL;
}

static JsonObject *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = json ? ad_json_parse_object (json, -1, &error) : NULL;

  g_assert_no_error (error);
  return object;
}

static void
perform (Fixture       *f,
         const char    *id,
         AdVoiceAction  action,
         const char    *body)
{
  g_autoptr(JsonObject) object = parse (body);
  g_autoptr(GError) error = NULL;

  g_assert_true (ad_call_center_perform (f->center, id, action, object, NULL, &error));
  g_assert_no_error (error);
  flush ();
}

static void
perform_fails (Fixture       *f,
               const char    *id,
               AdVoiceAction  action,
               const char    *body,
               AdError        code)
{
  g_autoptr(JsonObject) object = parse (body);
  g_autoptr(GError) error = NULL;

  g_assert_false (ad_call_center_perform (f->center, id, action, object, NULL, &error));
  g_assert_error (error, AD_ERROR, (gint) code);
}

/* INIT_TRANSFER / INIT_CONFERENCE: returns Call_2's id. */
static char *
perform_init (Fixture       *f,
              const char    *id,
              AdVoiceAction  action,
              const char    *destination)
{
  g_autofree char *body = g_strdup_printf ("{\"destination\": \"%s\"}", destination);
  g_autoptr(JsonObject) object = parse (body);
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ad_call_center_perform (f->center, id, action, object, &created, &error));
  g_assert_no_error (error);
  g_assert_nonnull (created);
  g_assert_cmpstr (json_object_get_string_member (created, AD_ATTR_STATUS), ==, "NEW");
  /* Complete already: the consultation Call_2 is about to dial. */
  g_assert_cmpstr (json_object_get_string_member (created, AD_ATTR_CALL_TYPE), ==, "CONSULT");
  g_assert_cmpstr (json_object_get_string_member (created, AD_ATTR_DNIS), ==, destination);
  g_assert_nonnull (json_object_get_string_member (created, AD_ATTR_ANI));
  flush ();
  return g_strdup (json_object_get_string_member (created, AD_ATTR_INTERACTION_ID));
}

static AdVoiceAction
actions_of (Fixture    *f,
            const char *id)
{
  return ad_voice_actions_from_json (json_object_get_array_member (dto_of (f, id),
                                                                   AD_ATTR_ACTIONS_POSSIBLE));
}

static gboolean
offers (Fixture       *f,
        const char    *id,
        AdVoiceAction  action)
{
  return (actions_of (f, id) & action) != 0;
}

/* "number/agentId/ROLE" of each party, joined by spaces. */
static char *
parties_of (Fixture    *f,
            const char *id)
{
  JsonArray *parties = json_object_get_array_member (dto_of (f, id), AD_ATTR_PARTIES);
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (parties); i++)
    {
      JsonObject *party = json_array_get_object_element (parties, i);
      const char *agent = json_object_get_null_member (party, "agentId")
                          ? "-" : json_object_get_string_member (party, "agentId");

      g_string_append_printf (str, "%s%s/%s/%s", i ? " " : "",
                              json_object_get_string_member (party, "number"), agent,
                              json_object_get_string_member (party, "role"));
    }
  return g_string_free (str, FALSE);
}

#define assert_parties(f, id, expected) \
  G_STMT_START { \
    g_autofree char *parties_ = parties_of (f, id); \
    g_assert_cmpstr (parties_, ==, expected); \
  } G_STMT_END

static const char *
string_attr (Fixture    *f,
             const char *id,
             const char *attribute)
{
  return json_object_get_string_member (dto_of (f, id), attribute);
}

/* A string member of an object attribute (attachedData, extensions …). */
static const char *
object_attr (Fixture    *f,
             const char *id,
             const char *attribute,
             const char *key)
{
  return json_object_get_string_member (json_object_get_object_member (dto_of (f, id), attribute), key);
}

static JsonObject *
agent_call (Fixture    *f,
            const char *agent_id,
            JsonObject *(*func) (AdCallCenter *, const char *, GError **))
{
  g_autoptr(GError) error = NULL;
  JsonObject *dto = func (f->center, agent_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dto);
  return dto;
}

/* Logs agentN in on place10NN; READY when @ready. */
static void
agent_on (Fixture  *f,
          guint     n,
          gboolean  ready)
{
  g_autofree char *agent_id = g_strdup_printf ("agent%u", n);
  g_autofree char *place_id = g_strdup_printf ("place%u", 1000 + n);
  g_autoptr(JsonObject) dto = NULL;
  g_autoptr(GError) error = NULL;

  dto = ad_call_center_agent_login (f->center, agent_id, place_id, &error);
  g_assert_no_error (error);
  if (ready)
    {
      g_clear_pointer (&dto, json_object_unref);
      dto = agent_call (f, agent_id, ad_call_center_agent_ready);
      g_assert_cmpstr (json_object_get_string_member (dto, AD_AGENT_ATTR_STATUS), ==, "READY");
    }
}

static const char *
agent_status (Fixture    *f,
              const char *agent_id)
{
  g_autoptr(JsonObject) dto = ad_call_center_get_agent (f->center, agent_id, NULL);
  static char status[32];

  g_strlcpy (status, json_object_get_string_member (dto, AD_AGENT_ATTR_STATUS), sizeof status);
  return status;
}

/* An interaction created on agentN's DN (with @destination, or none). */
static char *
create (Fixture    *f,
        guint       n,
        const char *destination)
{
  g_autofree char *body = destination
                          ? g_strdup_printf ("{\"dnId\": \"%u\", \"destination\": \"%s\"}", 1000 + n, destination)
                          : g_strdup_printf ("{\"dnId\": \"%u\"}", 1000 + n);
  g_autofree char *agent_id = g_strdup_printf ("agent%u", n);
  g_autoptr(JsonObject) object = parse (body);
  g_autoptr(JsonObject) dto = NULL;
  g_autoptr(GError) error = NULL;

  dto = ad_call_center_create_interaction (f->center, agent_id, object, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (dto, AD_ATTR_STATUS), ==, "NEW");
  flush ();
  return g_strdup (json_object_get_string_member (dto, AD_ATTR_INTERACTION_ID));
}

static void
create_fails (Fixture    *f,
              const char *agent_id,
              const char *body,
              AdError     code)
{
  g_autoptr(JsonObject) object = parse (body);
  g_autoptr(GError) error = NULL;

  g_assert_null (ad_call_center_create_interaction (f->center, agent_id, object, &error));
  g_assert_error (error, AD_ERROR, (gint) code);
}

static void
inbound_fails (Fixture    *f,
               const char *body,
               AdError     code)
{
  g_autoptr(JsonObject) object = parse (body);
  g_autoptr(GError) error = NULL;

  g_assert_null (ad_call_center_sim_inbound (f->center, object, &error));
  g_assert_error (error, AD_ERROR, (gint) code);
}

/* An outside caller calling into @queue (or "dn:NNNN"); returns the call id. */
static char *
inbound (Fixture    *f,
         const char *ani,
         const char *target)
{
  g_autofree char *body = g_str_has_prefix (target, "dn:")
                          ? g_strdup_printf ("{\"ani\": \"%s\", \"dn\": \"%s\", \"attachedData\": {\"case\": \"42\"}}",
                                             ani, target + 3)
                          : g_strdup_printf ("{\"ani\": \"%s\", \"queue\": \"%s\", \"attachedData\": {\"case\": \"42\"}}",
                                             ani, target);
  g_autoptr(JsonObject) object = parse (body);
  g_autoptr(GError) error = NULL;
  char *call_id = ad_call_center_sim_inbound (f->center, object, &error);

  g_assert_no_error (error);
  g_assert_nonnull (call_id);
  flush ();
  return call_id;
}

/* agent1 talking with an outside caller, routed from "sales": Call_1. */
static char *
inbound_talking (Fixture *f)
{
  g_autofree char *call_id = NULL;
  char *id;

  agent_on (f, 1, TRUE);
  call_id = inbound (f, CALLER, "sales");
  id = g_strdup (id_of (f, "agent1#1"));
  perform (f, id, AD_VOICE_ACTION_ANSWER_CALL, NULL);
  g_assert_cmpstr (status_of (f, id), ==, "TALKING");
  g_string_truncate (f->log, 0);
  return id;
}

/* Make a call */

static void
test_make_call_outside (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) dto = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *record;

  agent_on (f, 1, FALSE);
  id = create (f, 1, NULL);
  assert_log (f, "agent1#1 NEW STATUS_CHANGED");
  g_assert_cmpint (actions_of (f, id), ==,
                   AD_VOICE_ACTION_MAKE_CALL | AD_VOICE_ACTION_MARK_DONE | AD_VOICE_ACTION_ATTACH_DATA);
  assert_parties (f, id, "");
  g_assert_true (json_object_get_null_member (dto_of (f, id), AD_ATTR_ANI));

  perform (f, id, AD_VOICE_ACTION_MAKE_CALL, "{\"destination\": \"" OUTSIDE "\"}");
  g_assert_cmpstr (agent_status (f, "agent1"), ==, "BUSY");
  wait_status (f, id, "TALKING");
  assert_log (f, "agent1#1 DIALING STATUS_CHANGED, agent1#1 TALKING STATUS_CHANGED");
  assert_parties (f, id, "1001/agent1/ORIGINATOR " OUTSIDE "/-/DESTINATION");
  g_assert_cmpstr (string_attr (f, id, AD_ATTR_CALL_TYPE), ==, "OUTBOUND");
  g_assert_cmpstr (string_attr (f, id, AD_ATTR_ANI), ==, "1001");
  g_assert_cmpstr (string_attr (f, id, AD_ATTR_DNIS), ==, OUTSIDE);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (dto_of (f, id),
                                                                                 AD_ATTR_PHONE_NUMBER), 0),
                   ==, OUTSIDE);
  g_assert_cmpint (json_object_get_int_member (dto_of (f, id), AD_ATTR_DURATION), ==, 0);

  f->now += 65 * G_USEC_PER_SEC;
  dto = ad_call_center_get_interaction (f->center, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (dto, AD_ATTR_DURATION), ==, 65);

  perform (f, id, AD_VOICE_ACTION_RELEASE_CALL, NULL);
  assert_log (f, "agent1#1 IDLE STATUS_CHANGED");
  g_assert_cmpint (actions_of (f, id), ==, AD_VOICE_ACTION_MARK_DONE | AD_VOICE_ACTION_ATTACH_DATA);
  g_assert_cmpstr (agent_status (f, "agent1"), ==, "NOT_READY");

  f->now += 10 * G_USEC_PER_SEC;
  perform (f, id, AD_VOICE_ACTION_MARK_DONE, "{\"disposition\": \"RESOLVED\", \"notes\": \"all good\"}");
  assert_log (f, "agent1#1 MARKED_DONE REMOVED");
  g_assert_null (ad_call_center_get_interaction (f->center, id, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_NOT_FOUND);
  perform_fails (f, id, AD_VOICE_ACTION_MARK_DONE, NULL, AD_ERROR_NOT_FOUND);

  g_assert_cmpuint (f->history->len, ==, 1);
  record = g_ptr_array_index (f->history, 0);
  g_assert_cmpstr (json_object_get_string_member (record, "interactionId"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (record, "agentId"), ==, "agent1");
  g_assert_cmpstr (json_object_get_string_member (record, "callType"), ==, "OUTBOUND");
  g_assert_cmpstr (json_object_get_string_member (record, "DNIS"), ==, OUTSIDE);
  g_assert_cmpstr (json_object_get_string_member (record, "disposition"), ==, "RESOLVED");
  g_assert_cmpstr (json_object_get_string_member (record, "notes"), ==, "all good");
  g_assert_cmpstr (json_object_get_string_member (record, "startedAt"), ==, "2027-01-01T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (record, "endedAt"), ==, "2027-01-01T00:01:05Z");
  g_assert_cmpint (json_object_get_int_member (record, "durationSeconds"), ==, 65);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "parties")), ==, 2);
}

/* A clock that steps back during a call makes no negative duration, in
 * the interaction nor in its history record. */
static void
test_clock_steps_back (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = NULL;
  JsonObject *record;

  agent_on (f, 1, FALSE);
  id = create (f, 1, OUTSIDE);
  wait_status (f, id, "TALKING");

  f->now -= 5 * G_USEC_PER_SEC;
  perform (f, id, AD_VOICE_ACTION_RELEASE_CALL, NULL);
  g_assert_cmpint (json_object_get_int_member (dto_of (f, id), AD_ATTR_DURATION), ==, 0);
  perform (f, id, AD_VOICE_ACTION_MARK_DONE, NULL);

  g_assert_cmpuint (f->history->len, ==, 1);
  record = g_ptr_array_index (f->history, 0);
  g_assert_cmpint (json_object_get_int_member (record, "durationSeconds"), ==, 0);
}

static void
test_make_call_with_destination (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) dto = NULL;
  g_autoptr(GError) error = NULL;

  agent_on (f, 1, FALSE);
  id = create (f, 1, OUTSIDE);
  wait_status (f, id, "TALKING");
  assert_log (f, "agent1#1 NEW STATUS_CHANGED, agent1#1 DIALING STATUS_CHANGED, "
                 "agent1#1 TALKING STATUS_CHANGED");

  /* Refused creations leave nothing behind. */
  create_fails (f, "agent1", "{\"dnId\": \"1001\", \"destination\": \"12\"}", AD_ERROR_INVALID_DESTINATION);
  create_fails (f, "agent2", "{\"dnId\": \"1002\"}", AD_ERROR_INVALID_AGENT_STATE);
  create_fails (f, "agent1", "{\"dnId\": \"1002\"}", AD_ERROR_INVALID_AGENT_STATE);
  create_fails (f, "agent1", "{\"dnId\": \"9999\"}", AD_ERROR_NOT_FOUND);
  create_fails (f, "agent1", "{\"placeId\": \"place9999\"}", AD_ERROR_NOT_FOUND);
  create_fails (f, "agent1", "{\"destination\": \"1002\"}", AD_ERROR_INVALID_REQUEST);
  create_fails (f, "agent1", "{\"dnId\": \"1001\", \"makeCallType\": \"PRIVATE\"}",
                AD_ERROR_INVALID_REQUEST);
  create_fails (f, "agent1", "{\"dnId\": \"1001\", \"attachedData\": {\"a\": 1}}", AD_ERROR_INVALID_REQUEST);
  assert_log (f, "");

  /* On the place: its first DN. */
  body = parse ("{\"placeId\": \"place1001\", \"attachedData\": {\"lead\": \"7\"}}");
  dto = ad_call_center_create_interaction (f->center, "agent1", body, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (dto, AD_ATTR_DN_ID), ==, "1001");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (dto, AD_ATTR_ATTACHED_DATA),
                                                  "lead"), ==, "7");
}

static void
test_make_call_internal (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = NULL;
  const char *peer;

  agent_on (f, 1, FALSE);
  agent_on (f, 2, FALSE);
  id = create (f, 1, NULL);
  perform_fails (f, id, AD_VOICE_ACTION_MAKE_CALL, "{\"destination\": \"1003\"}",
                 AD_ERROR_INVALID_DESTINATION);
  perform_fails (f, id, AD_VOICE_ACTION_MAKE_CALL, "{\"destination\": \"1001\"}",
                 AD_ERROR_INVALID_DESTINATION);
  perform_fails (f, id, AD_VOICE_ACTION_MAKE_CALL, "{\"destination\": \"12ab\"}",
                 AD_ERROR_INVALID_DESTINATION);
  perform_fails (f, id, AD_VOICE_ACTION_MAKE_CALL, "{}", AD_ERROR_INVALID_REQUEST);
  perform_fails (f, id, AD_VOICE_ACTION_MAKE_CALL, "{\"destination\": 1002}", AD_ERROR_INVALID_REQUEST);
  perform_fails (f, id, AD_VOICE_ACTION_ANSWER_CALL, NULL, AD_ERROR_ACTION_NOT_POSSIBLE);

  perform (f, id, AD_VOICE_ACTION_MAKE_CALL, "{\"destination\": \"1002\"}");
  assert_log (f, "agent1#1 NEW STATUS_CHANGED, agent1#1 DIALING STATUS_CHANGED, "
                 "agent2#1 RINGING STATUS_CHANGED");
  peer = id_of (f, "agent2#1");
  g_assert_cmpint (actions_of (f, peer), ==, AD_VOICE_ACTION_ANSWER_CALL | AD_VOICE_ACTION_ATTACH_DATA);
  g_assert_cmpstr (string_attr (f, peer, AD_ATTR_CALL_TYPE), ==, "INTERNAL");
  assert_parties (f, peer, "1001/agent1/ORIGINATOR 1002/agent2/DESTINATION");
  g_assert_cmpstr (agent_status (f, "agent2"), ==, "BUSY");

  perform (f, peer, AD_VOICE_ACTION_ANSWER_CALL, NULL);
  assert_log (f, "agent2#1 TALKING STATUS_CHANGED, agent1#1 TALKING STATUS_CHANGED");
  perform (f, peer, AD_VOICE_ACTION_RELEASE_CALL, NULL);
  assert_log (f, "agent2#1 IDLE STATUS_CHANGED, agent1#1 IDLE STATUS_CHANGED");
  g_assert_cmpstr (agent_status (f, "agent1"), ==, "NOT_READY");
  g_assert_cmpstr (agent_status (f, "agent2"), ==, "NOT_READY");
}

static void
test_dial_route_point (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) stats = NULL;

  agent_on (f, 1, FALSE);
  agent_on (f, 2, TRUE);
  id = create (f, 1, "8000");
  assert_log (f, "agent1#1 NEW STATUS_CHANGED, agent1#1 DIALING STATUS_CHANGED, "
                 "agent2#1 RINGING STATUS_CHANGED, agent1#1 DIALING INFO_CHANGED");
  assert_parties (f, id, "1001/agent1/ORIGINATOR 1002/agent2/DESTINATION");
  g_assert_cmpstr (string_attr (f, id, AD_ATTR_DNIS), ==, "8000");
  perform (f, id_of (f, "agent2#1"), AD_VOICE_ACTION_ANSWER_CALL, NULL);
  assert_log (f, "agent2#1 TALKING STATUS_CHANGED, agent1#1 TALKING STATUS_CHANGED");

  stats = ad_call_center_get_queue_stats (f->center, "sales", NULL);
  g_assert_cmpint (json_object_get_int_member (stats, "answered"), ==, 1);
}

/* Inbound calls and queues */

static void
test_inbound_routing (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *first = NULL, *second = NULL, *third = NULL;
  g_autoptr(JsonObject) stats = NULL;
  const char *id;
  JsonObject *dto;

  for (guint n = 1; n <= 3; n++)
    agent_on (f, n, FALSE);

  /* Nobody READY: the calls wait, in order. */
  first = inbound (f, "+15550000001", "sales");
  f->now += G_USEC_PER_SEC;
  second = inbound (f, "+15550000002", "sales");
  stats = ad_call_center_get_queue_stats (f->center, "sales", NULL);
  g_assert_cmpint (json_object_get_int_member (stats, "callsWaiting"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (stats, "oldestWaitSeconds"), ==, 1);
  assert_log (f, "");

  agent_on (f, 2, TRUE);
  flush ();
  assert_log (f, "agent2#1 RINGING STATUS_CHANGED");
  dto = dto_of (f, id_of (f, "agent2#1"));
  g_assert_cmpstr (json_object_get_string_member (dto, AD_ATTR_ANI), ==, "+15550000001");
  g_assert_cmpstr (json_object_get_string_member (dto, AD_ATTR_DNIS), ==, "8000");
  g_assert_cmpstr (json_object_get_string_member (dto, AD_ATTR_CALL_TYPE), ==, "INBOUND");
  g_assert_cmpstr (json_object_get_string_member (dto, "interaction.voice:callId"), ==, first);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (dto, AD_ATTR_ATTACHED_DATA),
                                                  "case"), ==, "42");
  assert_parties (f, id_of (f, "agent2#1"), "+15550000001/-/ORIGINATOR 1002/agent2/DESTINATION");

  /* agent3 has been idle longer than agent1. */
  f->now += G_USEC_PER_SEC;
  agent_on (f, 3, TRUE);
  f->now += G_USEC_PER_SEC;
  agent_on (f, 1, TRUE);
  flush ();
  assert_log (f, "agent3#1 RINGING STATUS_CHANGED");
  g_assert_cmpstr (string_attr (f, id_of (f, "agent3#1"), AD_ATTR_ANI), ==, "+15550000002");
  third = inbound (f, "+15550000003", "support");
  assert_log (f, "agent1#1 RINGING STATUS_CHANGED");

  /* Done with a call, agent2 is the one idle the shortest. */
  id = id_of (f, "agent2#1");
  perform (f, id, AD_VOICE_ACTION_ANSWER_CALL, NULL);
  perform (f, id, AD_VOICE_ACTION_RELEASE_CALL, NULL);
  g_assert_cmpstr (agent_status (f, "agent2"), ==, "READY");
  perform (f, id_of (f, "agent1#1"), AD_VOICE_ACTION_ANSWER_CALL, NULL);
  perform (f, id_of (f, "agent1#1"), AD_VOICE_ACTION_RELEASE_CALL, NULL);
  g_string_truncate (f->log, 0);
  g_free (first);
  first = inbound (f, "+15550000004", "sales");
  assert_log (f, "agent2#2 RINGING STATUS_CHANGED");
}

static void
test_inbound_direct (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *call_id = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;

  /* A DN rings whatever its agent's state, even on another call. */
  agent_on (f, 1, FALSE);
  call_id = inbound (f, CALLER, "dn:1001");
  g_free (call_id);
  call_id = inbound (f, "+15559990000", "dn:1001");
  assert_log (f, "agent1#1 RINGING STATUS_CHANGED, agent1#2 RINGING STATUS_CHANGED");
  g_assert_cmpstr (string_attr (f, id_of (f, "agent1#2"), AD_ATTR_DNIS), ==, "1001");

  inbound_fails (f, "{\"ani\": \"" CALLER "\", \"dn\": \"1002\"}", AD_ERROR_INVALID_DESTINATION);
  inbound_fails (f, "{\"ani\": \"" CALLER "\", \"dn\": \"7777\"}", AD_ERROR_INVALID_DESTINATION);
  inbound_fails (f, "{\"ani\": \"" CALLER "\", \"queue\": \"billing\"}", AD_ERROR_INVALID_DESTINATION);
  inbound_fails (f, "{\"ani\": \"" CALLER "\", \"queue\": \"sales\", \"dn\": \"1001\"}",
                 AD_ERROR_INVALID_REQUEST);
  inbound_fails (f, "{\"ani\": \"" CALLER "\"}", AD_ERROR_INVALID_REQUEST);
  inbound_fails (f, "{\"ani\": \"" CALLER "\", \"dnis\": \"" OUTSIDE "\"}", AD_ERROR_INVALID_REQUEST);
  inbound_fails (f, "{\"queue\": \"sales\"}", AD_ERROR_INVALID_REQUEST);
  inbound_fails (f, "{\"ani\": 5, \"queue\": \"sales\"}", AD_ERROR_INVALID_REQUEST);

  /* dnis alone, when it is internal */
  body = parse ("{\"ani\": \"" CALLER "\", \"dnis\": \"1001\"}");
  g_free (call_id);
  call_id = ad_call_center_sim_inbound (f->center, body, &error);
  g_assert_no_error (error);
  assert_log (f, "agent1#3 RINGING STATUS_CHANGED");
}

static void
test_contact_hangs_up (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = inbound_talking (f);
  g_autofree char *call_id = g_strdup (string_attr (f, id, "interaction.voice:callId"));
  g_autofree char *waiting = NULL;
  g_autoptr(JsonObject) stats = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ad_call_center_sim_hangup (f->center, call_id, &error));
  g_assert_no_error (error);
  assert_log (f, "agent1#1 IDLE STATUS_CHANGED");
  g_assert_cmpint (actions_of (f, id), ==, AD_VOICE_ACTION_MARK_DONE | AD_VOICE_ACTION_ATTACH_DATA);
  assert_parties (f, id, CALLER "/-/ORIGINATOR 1001/agent1/DESTINATION");
  g_assert_false (ad_call_center_sim_hangup (f->center, call_id, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  perform (f, id, AD_VOICE_ACTION_MARK_DONE, NULL);
  assert_log (f, "agent1#1 MARKED_DONE REMOVED");

  /* Hanging up while waiting in the queue is an abandoned call. */
  json_object_unref (ad_call_center_agent_not_ready (f->center, "agent1", NULL, NULL));
  waiting = inbound (f, CALLER, "sales");
  g_assert_true (ad_call_center_sim_hangup (f->center, waiting, &error));
  stats = ad_call_center_get_queue_stats (f->center, "sales", NULL);
  g_assert_cmpint (json_object_get_int_member (stats, "callsWaiting"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (stats, "abandoned"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (stats, "answered"), ==, 1);
  assert_log (f, "");
}

/* Transfers */

static void
test_single_step_transfer (Fixture       *f,
                           gconstpointer  data)
{
  AdVoiceAction action = GPOINTER_TO_UINT (data) ? AD_VOICE_ACTION_MUTE_TRANSFER
                                                 : AD_VOICE_ACTION_SINGLE_STEP_TRANSFER;
  g_autofree char *id = inbound_talking (f);
  const char *target;

  agent_on (f, 2, FALSE);
  perform_fails (f, id, action, "{\"destination\": \"1003\"}", AD_ERROR_INVALID_DESTINATION);
  perform_fails (f, id, action, "{\"destination\": \"" CALLER "\"}", AD_ERROR_INVALID_DESTINATION);
  perform (f, id, action, "{\"destination\": \"1002\", \"attachedData\": {\"note\": \"vip\"}}");
  assert_log (f, "agent1#1 IDLE STATUS_CHANGED, agent2#1 RINGING STATUS_CHANGED");
  g_assert_cmpstr (agent_status (f, "agent1"), ==, "READY");

  target = id_of (f, "agent2#1");
  g_assert_cmpstr (string_attr (f, target, AD_ATTR_CALL_TYPE), ==, "INBOUND");
  g_assert_cmpstr (string_attr (f, target, AD_ATTR_ANI), ==, CALLER);
  assert_parties (f, target, CALLER "/-/ORIGINATOR 1002/agent2/DESTINATION");
  g_assert_cmpstr (object_attr (f, target, AD_ATTR_ATTACHED_DATA, "note"), ==, "vip");
  perform (f, target, AD_VOICE_ACTION_ANSWER_CALL, NULL);
  assert_log (f, "agent2#1 TALKING STATUS_CHANGED");
  perform (f, id, AD_VOICE_ACTION_MARK_DONE, NULL);
  assert_log (f, "agent1#1 MARKED_DONE REMOVED");
}

static void
test_dual_step_transfer (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *call1 = inbound_talking (f);
  g_autofree char *call2 = NULL;
  const char *call3;
  JsonObject *ext;

  agent_on (f, 2, FALSE);
  call2 = perform_init (f, call1, AD_VOICE_ACTION_INIT_TRANSFER, "1002");
  assert_log (f, "agent1#2 NEW STATUS_CHANGED, agent1#1 HELD STATUS_CHANGED, "
                 "agent1#2 DIALING STATUS_CHANGED, agent2#1 RINGING STATUS_CHANGED");
  call3 = id_of (f, "agent2#1");
  g_assert_cmpstr (call2, ==, id_of (f, "agent1#2"));
  g_assert_cmpstr (string_attr (f, call2, AD_ATTR_CALL_TYPE), ==, "CONSULT");
  g_assert_cmpstr (string_attr (f, call3, AD_ATTR_CALL_TYPE), ==, "CONSULT");
  assert_parties (f, call2, "1001/agent1/ORIGINATOR 1002/agent2/DESTINATION");
  g_assert_cmpstr (object_attr (f, call3, AD_ATTR_ATTACHED_DATA, "case"), ==, "42");

  /* Completing waits for the consulted agent to answer. */
  g_assert_true (offers (f, call1, AD_VOICE_ACTION_RECONNECT));
  g_assert_false (offers (f, call1, AD_VOICE_ACTION_RETRIEVE));
  g_assert_false (offers (f, call1, AD_VOICE_ACTION_COMPLETE_TRANSFER));
  perform_fails (f, call1, AD_VOICE_ACTION_COMPLETE_TRANSFER, NULL, AD_ERROR_ACTION_NOT_POSSIBLE);
  perform_fails (f, call1, AD_VOICE_ACTION_RETRIEVE, NULL, AD_ERROR_ACTION_NOT_POSSIBLE);

  perform (f, call3, AD_VOICE_ACTION_ANSWER_CALL, NULL);
  assert_log (f, "agent2#1 TALKING STATUS_CHANGED, agent1#2 TALKING STATUS_CHANGED, "
                 "agent1#1 HELD INFO_CHANGED");
  g_assert_true (offers (f, call1, AD_VOICE_ACTION_COMPLETE_TRANSFER));
  g_assert_false (offers (f, call1, AD_VOICE_ACTION_COMPLETE_CONFERENCE));
  g_assert_false (offers (f, call2, AD_VOICE_ACTION_COMPLETE_TRANSFER));
  g_assert_true (offers (f, call2, AD_VOICE_ACTION_RECONNECT));

  perform (f, call1, AD_VOICE_ACTION_COMPLETE_TRANSFER, "{\"reasons\": {\"why\": \"billing\"}}");
  assert_log (f, "agent1#1 IDLE STATUS_CHANGED, agent1#2 IDLE STATUS_CHANGED, "
                 "agent2#1 TALKING INFO_CHANGED");
  assert_parties (f, call3, CALLER "/-/ORIGINATOR 1002/agent2/DESTINATION");
  g_assert_cmpstr (string_attr (f, call3, AD_ATTR_CALL_TYPE), ==, "INBOUND");
  g_assert_cmpstr (string_attr (f, call3, AD_ATTR_ANI), ==, CALLER);
  ext = json_object_get_object_member (dto_of (f, call3), AD_ATTR_EXTENSIONS);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (ext, "partyRemoved"),
                                                  "number"), ==, "1001");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (ext, "partyAdded"),
                                                  "number"), ==, "1002");
  g_assert_cmpstr (object_attr (f, call1, AD_ATTR_T_EVENT_REASONS, "why"), ==, "billing");
  g_assert_cmpstr (agent_status (f, "agent1"), ==, "READY");
  g_assert_cmpstr (agent_status (f, "agent2"), ==, "BUSY");

  /* The caller is now agent2's. */
  g_assert_true (ad_call_center_sim_hangup (f->center, string_attr (f, call3, "interaction.voice:callId"),
                                            NULL));
  assert_log (f, "agent2#1 IDLE STATUS_CHANGED");
}

static void
test_reconnect (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *call1 = inbound_talking (f);
  g_autofree char *call2 = NULL;

  agent_on (f, 2, FALSE);

  /* From Call_2, once the consulted agent answered. */
  call2 = perform_init (f, call1, AD_VOICE_ACTION_INIT_TRANSFER, "1002");
  perform (f, id_of (f, "agent2#1"), AD_VOICE_ACTION_ANSWER_CALL, NULL);
  g_string_truncate (f->log, 0);
  perform (f, call2, AD_VOICE_ACTION_RECONNECT, NULL);
  assert_log (f, "agent1#2 IDLE STATUS_CHANGED, agent2#1 IDLE STATUS_CHANGED, "
                 "agent1#1 TALKING STATUS_CHANGED");
  g_assert_true (offers (f, call1, AD_VOICE_ACTION_HOLD));
  g_assert_false (offers (f, call1, AD_VOICE_ACTION_RECONNECT));
  g_free (call2);

  /* From Call_1, while the consulted DN still rings. */
  call2 = perform_init (f, call1, AD_VOICE_ACTION_INIT_CONFERENCE, "1002");
  g_string_truncate (f->log, 0);
  perform (f, call1, AD_VOICE_ACTION_RECONNECT, NULL);
  assert_log (f, "agent1#3 IDLE STATUS_CHANGED, agent2#2 IDLE STATUS_CHANGED, "
                 "agent1#1 TALKING STATUS_CHANGED");
  g_free (call2);

  /* The consulted agent hanging up leaves Call_1 held, to retrieve. */
  call2 = perform_init (f, call1, AD_VOICE_ACTION_INIT_TRANSFER, "1002");
  perform (f, id_of (f, "agent2#3"), AD_VOICE_ACTION_ANSWER_CALL, NULL);
  g_string_truncate (f->log, 0);
  perform (f, id_of (f, "agent2#3"), AD_VOICE_ACTION_RELEASE_CALL, NULL);
  assert_log (f, "agent2#3 IDLE STATUS_CHANGED, agent1#4 IDLE STATUS_CHANGED, "
                 "agent1#1 HELD INFO_CHANGED");
  g_assert_true (offers (f, call1, AD_VOICE_ACTION_RETRIEVE));
  perform (f, call1, AD_VOICE_ACTION_RETRIEVE, NULL);
  assert_log (f, "agent1#1 TALKING STATUS_CHANGED");
}

static void
test_transfer_to_queue (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = inbound_talking (f);
  g_autoptr(JsonObject) stats = NULL;

  /* Nobody READY in support (agent1 goes NOT_READY after this call): the
   * caller waits there. */
  json_object_unref (ad_call_center_agent_not_ready (f->center, "agent1", NULL, NULL));
  perform (f, id, AD_VOICE_ACTION_SINGLE_STEP_TRANSFER, "{\"destination\": \"8001\"}");
  assert_log (f, "agent1#1 IDLE STATUS_CHANGED");
  stats = ad_call_center_get_queue_stats (f->center, "support", NULL);
  g_assert_cmpint (json_object_get_int_member (stats, "callsWaiting"), ==, 1);

  agent_on (f, 2, TRUE);
  flush ();
  assert_log (f, "agent2#1 RINGING STATUS_CHANGED");
  assert_parties (f, id_of (f, "agent2#1"), CALLER "/-/ORIGINATOR 1002/agent2/DESTINATION");
  g_assert_cmpstr (ad_call_center_get_interaction_agent (f->center, id_of (f, "agent2#1")), ==, "agent2");
  perform (f, id_of (f, "agent2#1"), AD_VOICE_ACTION_ANSWER_CALL, NULL);
  g_clear_pointer (&stats, json_object_unref);
  stats = ad_call_center_get_queue_stats (f->center, "support", NULL);
  g_assert_cmpint (json_object_get_int_member (stats, "callsWaiting"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (stats, "answered"), ==, 1);
}

static void
test_consult_outside (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *call1 = inbound_talking (f);
  g_autofree char *call2 = perform_init (f, call1, AD_VOICE_ACTION_INIT_TRANSFER, OUTSIDE);
  g_autoptr(GPtrArray) legs = NULL;

  wait_status (f, call2, "TALKING");
  assert_log (f, "agent1#2 NEW STATUS_CHANGED, agent1#1 HELD STATUS_CHANGED, agent1#2 DIALING STATUS_CHANGED, "
                 "agent1#2 TALKING STATUS_CHANGED, agent1#1 HELD INFO_CHANGED");
  legs = ad_call_center_list_interactions (f->center, "agent1");
  g_assert_cmpuint (legs->len, ==, 2);

  /* Completed: the caller and the outside number talk on without agent1. */
  perform (f, call1, AD_VOICE_ACTION_COMPLETE_TRANSFER, NULL);
  assert_log (f, "agent1#1 IDLE STATUS_CHANGED, agent1#2 IDLE STATUS_CHANGED");
  assert_parties (f, call1, CALLER "/-/ORIGINATOR 1001/agent1/DESTINATION");
  g_assert_cmpstr (agent_status (f, "agent1"), ==, "READY");
  g_assert_true (ad_call_center_sim_hangup (f->center, string_attr (f, call1, "interaction.voice:callId"), NULL));
  g_assert_false (ad_call_center_sim_hangup (f->center, string_attr (f, call1, "interaction.voice:callId"), NULL));
}

/* Conferences */

static void
test_single_step_conference (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *id = inbound_talking (f);
  const char *member;
  JsonObject *ext;

  agent_on (f, 2, FALSE);
  perform_fails (f, id, AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE, "{\"destination\": \"8001\"}",
                 AD_ERROR_INVALID_DESTINATION);
  g_assert_false (offers (f, id, AD_VOICE_ACTION_LEAVE_CONFERENCE));
  perform (f, id, AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE,
           "{\"destination\": \"1002\", \"attachedData\": {\"topic\": \"billing\"}}");
  /* A is told at once that it offers less while B rings, and of the
   * call's merged data; B is not among its parties yet. */
  assert_log (f, "agent2#1 RINGING STATUS_CHANGED, agent1#1 TALKING INFO_CHANGED");
  member = id_of (f, "agent2#1");
  assert_parties (f, member, CALLER "/-/ORIGINATOR 1001/agent1/DESTINATION 1002/agent2/CONFERENCE_MEMBER");
  assert_parties (f, id, CALLER "/-/ORIGINATOR 1001/agent1/DESTINATION");
  g_assert_cmpint (actions_of (f, id), ==, AD_VOICE_ACTION_RELEASE_CALL | AD_VOICE_ACTION_HOLD |
                                           AD_VOICE_ACTION_MUTE_ON | AD_VOICE_ACTION_SEND_DTMF |
                                           AD_VOICE_ACTION_ATTACH_DATA);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (dto_of (f, id), AD_ATTR_EXTENSIONS)),
                    ==, 0);
  g_assert_cmpstr (object_attr (f, id, AD_ATTR_ATTACHED_DATA, "topic"), ==, "billing");

  perform (f, member, AD_VOICE_ACTION_ANSWER_CALL, NULL);
  assert_log (f, "agent2#1 TALKING STATUS_CHANGED, agent1#1 TALKING INFO_CHANGED");
  assert_parties (f, id, CALLER "/-/ORIGINATOR 1001/agent1/DESTINATION 1002/agent2/CONFERENCE_MEMBER");
  ext = json_object_get_object_member (dto_of (f, id), AD_ATTR_EXTENSIONS);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (ext, "partyAdded"),
                                                  "agentId"), ==, "agent2");
  g_assert_true (offers (f, id, AD_VOICE_ACTION_LEAVE_CONFERENCE));
  g_assert_false (offers (f, id, AD_VOICE_ACTION_SINGLE_STEP_TRANSFER));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (dto_of (f, id), AD_ATTR_PHONE_NUMBER)),
                   ==, 2);

  perform (f, id, AD_VOICE_ACTION_LEAVE_CONFERENCE, NULL);
  assert_log (f, "agent1#1 IDLE STATUS_CHANGED, agent2#1 TALKING INFO_CHANGED");
  assert_parties (f, member, CALLER "/-/ORIGINATOR 1002/agent2/CONFERENCE_MEMBER");
  ext = json_object_get_object_member (dto_of (f, member), AD_ATTR_EXTENSIONS);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (ext, "partyRemoved"),
                                                  "number"), ==, "1001");
  g_assert_false (offers (f, member, AD_VOICE_ACTION_LEAVE_CONFERENCE));
}

static void
test_dual_step_conference (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *call1 = inbound_talking (f);
  g_autofree char *call2 = NULL;
  const char *call3;

  agent_on (f, 2, FALSE);
  call2 = perform_init (f, call1, AD_VOICE_ACTION_INIT_CONFERENCE, "1002");
  call3 = id_of (f, "agent2#1");
  perform (f, call3, AD_VOICE_ACTION_ANSWER_CALL, NULL);
  g_assert_true (offers (f, call1, AD_VOICE_ACTION_COMPLETE_CONFERENCE));
  g_assert_false (offers (f, call1, AD_VOICE_ACTION_COMPLETE_TRANSFER));
  g_string_truncate (f->log, 0);

  perform (f, call1, AD_VOICE_ACTION_COMPLETE_CONFERENCE, NULL);
  assert_log (f, "agent1#2 IDLE STATUS_CHANGED, agent1#1 TALKING STATUS_CHANGED, "
                 "agent1#1 TALKING INFO_CHANGED, agent2#1 TALKING INFO_CHANGED");
  assert_parties (f, call1, CALLER "/-/ORIGINATOR 1001/agent1/DESTINATION 1002/agent2/CONFERENCE_MEMBER");
  assert_parties (f, call3, CALLER "/-/ORIGINATOR 1001/agent1/DESTINATION 1002/agent2/CONFERENCE_MEMBER");
  g_assert_cmpstr (string_attr (f, call3, AD_ATTR_CALL_TYPE), ==, "INBOUND");
  g_assert_true (offers (f, call1, AD_VOICE_ACTION_LEAVE_CONFERENCE));
  g_assert_true (offers (f, call3, AD_VOICE_ACTION_LEAVE_CONFERENCE));
  g_assert_cmpstr (status_of (f, call2), ==, "IDLE");
}

/* Appends the number each InteractionEvent's partyRemoved names. */
static void
on_party_removed (AdCallCenter *center,
                  const char   *interaction_id,
                  const char   *agent_id,
                  const char   *dn_id,
                  const char   *place_id,
                  JsonObject   *dto,
                  GString      *numbers)
{
  JsonObject *ext = json_object_get_object_member (dto, AD_ATTR_EXTENSIONS);

  if (json_object_has_member (ext, "partyRemoved"))
    g_string_append_printf (numbers, "%s ",
                            json_object_get_string_member (json_object_get_object_member (ext, "partyRemoved"),
                                                           "number"));
}

static void
test_conference_of_four (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = inbound_talking (f);
  g_autofree char *call_id = g_strdup (string_attr (f, id, "interaction.voice:callId"));
  g_autoptr(GString) removed = g_string_new (NULL);

  agent_on (f, 2, FALSE);
  agent_on (f, 3, FALSE);
  perform (f, id, AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE, "{\"destination\": \"1002\"}");
  perform (f, id_of (f, "agent2#1"), AD_VOICE_ACTION_ANSWER_CALL, NULL);
  g_string_truncate (f->log, 0);

  /* Any member may add the next one. */
  perform (f, id_of (f, "agent2#1"), AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE, "{\"destination\": \"1003\"}");
  perform (f, id_of (f, "agent3#1"), AD_VOICE_ACTION_ANSWER_CALL, NULL);
  assert_log (f, "agent3#1 RINGING STATUS_CHANGED, "
                 "agent1#1 TALKING INFO_CHANGED, agent2#1 TALKING INFO_CHANGED, "
                 "agent3#1 TALKING STATUS_CHANGED, "
                 "agent1#1 TALKING INFO_CHANGED, agent2#1 TALKING INFO_CHANGED");
  assert_parties (f, id, CALLER "/-/ORIGINATOR 1001/agent1/DESTINATION 1002/agent2/CONFERENCE_MEMBER "
                         "1003/agent3/CONFERENCE_MEMBER");

  /* An outside member too. */
  perform (f, id, AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE, "{\"destination\": \"" OUTSIDE "\"}");
  while (json_array_get_length (json_object_get_array_member (dto_of (f, id), AD_ATTR_PARTIES)) < 5)
    g_main_context_iteration (NULL, TRUE);
  assert_log (f, "agent1#1 TALKING INFO_CHANGED, agent2#1 TALKING INFO_CHANGED, "
                 "agent3#1 TALKING INFO_CHANGED, "
                 "agent1#1 TALKING INFO_CHANGED, agent2#1 TALKING INFO_CHANGED, "
                 "agent3#1 TALKING INFO_CHANGED");

  /* Every outside party hangs up: the agents stay together, told of each
   * party that left. */
  g_signal_connect (f->center, "interaction-event", G_CALLBACK (on_party_removed), removed);
  g_assert_true (ad_call_center_sim_hangup (f->center, call_id, NULL));
  g_signal_handlers_disconnect_by_func (f->center, on_party_removed, removed);
  assert_log (f, "agent1#1 TALKING INFO_CHANGED, agent2#1 TALKING INFO_CHANGED, "
                 "agent3#1 TALKING INFO_CHANGED, "
                 "agent1#1 TALKING INFO_CHANGED, agent2#1 TALKING INFO_CHANGED, "
                 "agent3#1 TALKING INFO_CHANGED");
  g_assert_cmpstr (removed->str, ==, OUTSIDE " " OUTSIDE " " OUTSIDE " "
                                     CALLER " " CALLER " " CALLER " ");
  assert_parties (f, id, "1001/agent1/DESTINATION 1002/agent2/CONFERENCE_MEMBER 1003/agent3/CONFERENCE_MEMBER");

  perform (f, id_of (f, "agent2#1"), AD_VOICE_ACTION_LEAVE_CONFERENCE, NULL);
  assert_log (f, "agent2#1 IDLE STATUS_CHANGED, agent1#1 TALKING INFO_CHANGED, agent3#1 TALKING INFO_CHANGED");
  perform (f, id_of (f, "agent3#1"), AD_VOICE_ACTION_RELEASE_CALL, NULL);
  assert_log (f, "agent3#1 IDLE STATUS_CHANGED, agent1#1 IDLE STATUS_CHANGED");
}

/* An outside number added in a single step hangs up before answering:
 * the legs it never joined are told, and offer everything again. */
static void
test_conference_member_hangs_up (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *call_id = NULL;
  const char *peer;
  JsonObject *ext;

  agent_on (f, 1, FALSE);
  agent_on (f, 2, FALSE);
  id = create (f, 1, NULL);
  perform (f, id, AD_VOICE_ACTION_MAKE_CALL, "{\"destination\": \"1002\"}");
  peer = id_of (f, "agent2#1");
  perform (f, peer, AD_VOICE_ACTION_ANSWER_CALL, NULL);
  call_id = g_strdup (string_attr (f, id, "interaction.voice:callId"));
  /* The outside number does not answer while the test runs. */
  ad_call_center_set_answer_delay (f->center, G_MAXINT);
  g_string_truncate (f->log, 0);

  perform (f, peer, AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE, "{\"destination\": \"" OUTSIDE "\"}");
  assert_log (f, "agent1#1 TALKING INFO_CHANGED, agent2#1 TALKING INFO_CHANGED");
  g_assert_false (offers (f, id, AD_VOICE_ACTION_SINGLE_STEP_TRANSFER));
  g_assert_false (offers (f, peer, AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE));

  g_assert_true (ad_call_center_sim_hangup (f->center, call_id, NULL));
  assert_log (f, "agent1#1 TALKING INFO_CHANGED, agent2#1 TALKING INFO_CHANGED");
  assert_parties (f, id, "1001/agent1/ORIGINATOR 1002/agent2/DESTINATION");
  ext = json_object_get_object_member (dto_of (f, id), AD_ATTR_EXTENSIONS);
  g_assert_cmpuint (json_object_get_size (ext), ==, 0);
  g_assert_true (offers (f, id, AD_VOICE_ACTION_SINGLE_STEP_TRANSFER));
  g_assert_true (offers (f, peer, AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE));
}

/* Hold, mute, DTMF, attached data */

static void
test_hold_retrieve (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = inbound_talking (f);

  perform (f, id, AD_VOICE_ACTION_HOLD, "{\"extensions\": {\"music\": \"jazz\"}}");
  assert_log (f, "agent1#1 HELD STATUS_CHANGED");
  g_assert_cmpint (actions_of (f, id), ==, AD_VOICE_ACTION_RETRIEVE | AD_VOICE_ACTION_RELEASE_CALL |
                                           AD_VOICE_ACTION_ATTACH_DATA);
  g_assert_cmpstr (object_attr (f, id, AD_ATTR_T_EVENT_EXTENSIONS, "music"), ==, "jazz");
  perform_fails (f, id, AD_VOICE_ACTION_HOLD, NULL, AD_ERROR_ACTION_NOT_POSSIBLE);
  perform (f, id, AD_VOICE_ACTION_RETRIEVE, NULL);
  assert_log (f, "agent1#1 TALKING STATUS_CHANGED");
}

static void
test_hold_while_dialing (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = NULL;

  agent_on (f, 1, FALSE);
  agent_on (f, 2, FALSE);
  id = create (f, 1, "1002");
  g_string_truncate (f->log, 0);
  perform (f, id, AD_VOICE_ACTION_HOLD, NULL);
  assert_log (f, "agent1#1 DIALING_HELD STATUS_CHANGED");
  g_assert_cmpint (actions_of (f, id), ==, AD_VOICE_ACTION_RETRIEVE | AD_VOICE_ACTION_RELEASE_CALL |
                                           AD_VOICE_ACTION_ATTACH_DATA);

  /* Answered while held: held. */
  perform (f, id_of (f, "agent2#1"), AD_VOICE_ACTION_ANSWER_CALL, NULL);
  assert_log (f, "agent2#1 TALKING STATUS_CHANGED, agent1#1 HELD STATUS_CHANGED");
  perform (f, id, AD_VOICE_ACTION_RETRIEVE, NULL);
  assert_log (f, "agent1#1 TALKING STATUS_CHANGED");

  /* Retrieved before the answer: dialing again. */
  g_free (id);
  id = create (f, 1, "1002");
  perform (f, id, AD_VOICE_ACTION_HOLD, NULL);
  perform (f, id, AD_VOICE_ACTION_RETRIEVE, NULL);
  g_assert_cmpstr (status_of (f, id), ==, "DIALING");
}

static void
test_mute_dtmf (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = inbound_talking (f);

  g_assert_true (offers (f, id, AD_VOICE_ACTION_MUTE_ON));
  g_assert_false (offers (f, id, AD_VOICE_ACTION_MUTE_OFF));
  perform (f, id, AD_VOICE_ACTION_MUTE_ON, NULL);
  assert_log (f, "agent1#1 TALKING INFO_CHANGED");
  g_assert_true (json_object_get_boolean_member (dto_of (f, id), AD_ATTR_MUTED));
  g_assert_true (offers (f, id, AD_VOICE_ACTION_MUTE_OFF));
  perform_fails (f, id, AD_VOICE_ACTION_MUTE_ON, NULL, AD_ERROR_ACTION_NOT_POSSIBLE);
  perform (f, id, AD_VOICE_ACTION_MUTE_OFF, NULL);
  assert_log (f, "agent1#1 TALKING INFO_CHANGED");
  g_assert_false (json_object_get_boolean_member (dto_of (f, id), AD_ATTR_MUTED));

  perform (f, id, AD_VOICE_ACTION_SEND_DTMF, "{\"digits\": \"0123456789*#\"}");
  assert_log (f, "agent1#1 TALKING INFO_CHANGED");
  g_assert_cmpstr (object_attr (f, id, AD_ATTR_EXTENSIONS, "dtmfDigits"), ==, "0123456789*#");
  perform_fails (f, id, AD_VOICE_ACTION_SEND_DTMF, "{\"digits\": \"12a\"}", AD_ERROR_INVALID_REQUEST);
  perform_fails (f, id, AD_VOICE_ACTION_SEND_DTMF, "{\"digits\": \"\"}", AD_ERROR_INVALID_REQUEST);
  perform_fails (f, id, AD_VOICE_ACTION_SEND_DTMF, "{}", AD_ERROR_INVALID_REQUEST);
  assert_log (f, "");
}

static void
test_attach_data (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = NULL;
  JsonObject *attached;

  agent_on (f, 1, FALSE);
  agent_on (f, 2, FALSE);
  id = create (f, 1, "1002");
  perform (f, id_of (f, "agent2#1"), AD_VOICE_ACTION_ANSWER_CALL, NULL);
  g_string_truncate (f->log, 0);

  perform (f, id, AD_VOICE_ACTION_ATTACH_DATA, "{\"attachedData\": {\"a\": \"1\", \"b\": \"2\"}}");
  assert_log (f, "agent1#1 TALKING ATTACHED_DATA_CHANGED, agent2#1 TALKING ATTACHED_DATA_CHANGED");
  perform (f, id_of (f, "agent2#1"), AD_VOICE_ACTION_ATTACH_DATA,
           "{\"attachedData\": {\"a\": null, \"c\": \"3\"}}");
  assert_log (f, "agent1#1 TALKING ATTACHED_DATA_CHANGED, agent2#1 TALKING ATTACHED_DATA_CHANGED");
  attached = json_object_get_object_member (dto_of (f, id), AD_ATTR_ATTACHED_DATA);
  g_assert_false (json_object_has_member (attached, "a"));
  g_assert_cmpstr (json_object_get_string_member (attached, "b"), ==, "2");
  g_assert_cmpstr (json_object_get_string_member (attached, "c"), ==, "3");

  perform_fails (f, id, AD_VOICE_ACTION_ATTACH_DATA, "{\"attachedData\": {\"x\": 5}}",
                 AD_ERROR_INVALID_REQUEST);
  perform_fails (f, id, AD_VOICE_ACTION_ATTACH_DATA, "{}", AD_ERROR_INVALID_REQUEST);

  /* After the call, the data stays with the interaction. */
  perform (f, id, AD_VOICE_ACTION_RELEASE_CALL, NULL);
  perform (f, id, AD_VOICE_ACTION_ATTACH_DATA, "{\"attachedData\": {\"outcome\": \"sale\"}}");
  assert_log (f, "agent1#1 IDLE STATUS_CHANGED, agent2#1 IDLE STATUS_CHANGED, "
                 "agent1#1 IDLE ATTACHED_DATA_CHANGED");
  perform (f, id, AD_VOICE_ACTION_MARK_DONE, NULL);
  attached = json_object_get_object_member (g_ptr_array_index (f->history, 0), "attachedData");
  g_assert_cmpstr (json_object_get_string_member (attached, "outcome"), ==, "sale");
  g_assert_cmpstr (json_object_get_string_member (attached, "b"), ==, "2");
}

/* Switch profiles */

static void
assert_refused (Fixture       *f,
                const char    *id,
                AdVoiceAction  lacking)
{
  for (AdVoiceAction a = ad_voice_action_next (lacking, AD_VOICE_ACTION_NONE);
       a != AD_VOICE_ACTION_NONE;
       a = ad_voice_action_next (lacking, a))
    perform_fails (f, id, a, "{\"destination\": \"1003\", \"digits\": \"1\", \"attachedData\": {}}",
                   AD_ERROR_ACTION_NOT_POSSIBLE);
}

static void
test_profile (Fixture       *f,
              gconstpointer  data)
{
  AdSwitchProfile profile = GPOINTER_TO_INT (data);
  AdVoiceAction lacking = AD_VOICE_ACTION_ALL & ~f->supported;
  g_autofree char *talking = inbound_talking (f);
  g_autofree char *dialing = NULL;

  g_assert_cmpint (ad_call_center_get_profile (f->center), ==, profile);
  agent_on (f, 2, FALSE);
  agent_on (f, 3, FALSE);
  dialing = create (f, 2, "1003");
  g_assert_cmpstr (status_of (f, dialing), ==, "DIALING");

  /* The fixture checks every event against the profile; here, that what
   * it lacks is refused in every status. */
  assert_refused (f, talking, lacking);
  assert_refused (f, dialing, lacking);
  assert_refused (f, id_of (f, "agent3#1"), lacking);

  g_assert_cmpint (offers (f, dialing, AD_VOICE_ACTION_HOLD), ==,
                   ad_switch_profile_hold_while_dialing (profile));
  if (!ad_switch_profile_hold_while_dialing (profile))
    perform_fails (f, dialing, AD_VOICE_ACTION_HOLD, NULL, AD_ERROR_ACTION_NOT_POSSIBLE);
  g_assert_cmpint (offers (f, talking, AD_VOICE_ACTION_HOLD), ==,
                   (f->supported & AD_VOICE_ACTION_HOLD) != 0);
  g_assert_cmpint (offers (f, talking, AD_VOICE_ACTION_MUTE_TRANSFER), ==,
                   profile != AD_SWITCH_PROFILE_BASIC);

  if (f->supported & AD_VOICE_ACTION_HOLD)
    {
      perform (f, talking, AD_VOICE_ACTION_HOLD, NULL);
      assert_refused (f, talking, lacking);
      perform (f, talking, AD_VOICE_ACTION_RETRIEVE, NULL);
    }

  perform (f, talking, AD_VOICE_ACTION_RELEASE_CALL, NULL);
  assert_refused (f, talking, lacking);
  perform (f, talking, AD_VOICE_ACTION_MARK_DONE, NULL);
  g_assert_cmpuint (f->history->len, ==, 1);
}

/* One action at a time */

static void
test_action_in_progress (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = inbound_talking (f);
  g_autoptr(GError) error = NULL;

  ad_call_center_set_action_delay (f->center, 30);
  g_assert_true (ad_call_center_perform (f->center, id, AD_VOICE_ACTION_HOLD, NULL, NULL, &error));
  g_assert_no_error (error);
  perform_fails (f, id, AD_VOICE_ACTION_HOLD, NULL, AD_ERROR_ACTION_IN_PROGRESS);
  perform_fails (f, id, AD_VOICE_ACTION_RELEASE_CALL, NULL, AD_ERROR_ACTION_IN_PROGRESS);
  perform_fails (f, id, AD_VOICE_ACTION_MARK_DONE, NULL, AD_ERROR_ACTION_IN_PROGRESS);
  g_assert_cmpstr (status_of (f, id), ==, "TALKING");
  wait_status (f, id, "HELD");
  assert_log (f, "agent1#1 HELD STATUS_CHANGED");

  /* The contact hangs up while a retrieve is in flight: the hang-up is the
   * outcome, the retrieve is dropped. */
  g_assert_true (ad_call_center_perform (f->center, id, AD_VOICE_ACTION_RETRIEVE, NULL, NULL, &error));
  g_assert_true (ad_call_center_sim_hangup (f->center, string_attr (f, id, "interaction.voice:callId"), NULL));
  assert_log (f, "agent1#1 IDLE STATUS_CHANGED");
  perform_fails (f, id, AD_VOICE_ACTION_MARK_DONE, NULL, AD_ERROR_ACTION_IN_PROGRESS);
  while (ad_call_center_perform (f->center, id, AD_VOICE_ACTION_MARK_DONE, NULL, NULL, NULL) == FALSE)
    g_main_context_iteration (NULL, TRUE);
  assert_log (f, "agent1#1 MARKED_DONE REMOVED");
}

static void
test_history_refuses (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = inbound_talking (f);
  g_autoptr(JsonObject) dto = NULL;

  perform (f, id, AD_VOICE_ACTION_RELEASE_CALL, NULL);
  g_string_truncate (f->log, 0);

  f->refuse_history = TRUE;
  perform_fails (f, id, AD_VOICE_ACTION_MARK_DONE, "{\"disposition\": \"RESOLVED\"}", AD_ERROR_STORAGE_FAILED);
  assert_log (f, "");
  dto = ad_call_center_get_interaction (f->center, id, NULL);
  g_assert_cmpstr (json_object_get_string_member (dto, AD_ATTR_STATUS), ==, "IDLE");

  f->refuse_history = FALSE;
  perform_fails (f, id, AD_VOICE_ACTION_MARK_DONE, "{\"disposition\": \"MAYBE\"}", AD_ERROR_INVALID_REQUEST);
  perform_fails (f, id, AD_VOICE_ACTION_MARK_DONE, "{\"notes\": 3}", AD_ERROR_INVALID_REQUEST);
  g_assert_cmpuint (f->history->len, ==, 0);
  perform (f, id, AD_VOICE_ACTION_MARK_DONE, "{\"disposition\": \"RESOLVED\"}");
  assert_log (f, "agent1#1 MARKED_DONE REMOVED");
  g_assert_cmpuint (f->history->len, ==, 1);
}

static void
on_idle_mark_done (AdCallCenter *center,
                   const char   *interaction_id,
                   const char   *agent_id,
                   const char   *dn_id,
                   const char   *place_id,
                   JsonObject   *dto,
                   gpointer      data)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (json_object_get_string_member (dto, AD_ATTR_STATUS), "IDLE") != 0)
    return;
  g_assert_true (ad_call_center_perform (center, interaction_id, AD_VOICE_ACTION_MARK_DONE, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_mark_done_from_handler (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *call1 = inbound_talking (f);
  g_autofree char *call2 = NULL;

  agent_on (f, 2, FALSE);
  call2 = perform_init (f, call1, AD_VOICE_ACTION_INIT_TRANSFER, "1002");
  perform (f, id_of (f, "agent2#1"), AD_VOICE_ACTION_ANSWER_CALL, NULL);
  g_string_truncate (f->log, 0);

  g_signal_connect (f->center, "interaction-event", G_CALLBACK (on_idle_mark_done), NULL);
  perform (f, id_of (f, "agent2#1"), AD_VOICE_ACTION_RELEASE_CALL, NULL);
  assert_log (f, "agent2#1 IDLE STATUS_CHANGED, agent2#1 MARKED_DONE REMOVED, "
                 "agent1#2 IDLE STATUS_CHANGED, agent1#2 MARKED_DONE REMOVED, agent1#1 HELD INFO_CHANGED");
  g_assert_cmpuint (f->history->len, ==, 2);
  g_assert_cmpstr (agent_status (f, "agent2"), ==, "NOT_READY");
}

/* RECONNECT and COMPLETE_* change both legs of a consultation: while one
 * is in flight on either leg, the other leg takes no action either. Both
 * are free again when it is applied: Call_2 can be marked done from the
 * handler of its IDLE event. */
static void
test_action_in_progress_consult (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *call1 = inbound_talking (f);
  g_autofree char *call2 = NULL;
  g_autoptr(JsonObject) digits = parse ("{\"digits\": \"1\"}");
  g_autoptr(GError) error = NULL;

  agent_on (f, 2, FALSE);
  call2 = perform_init (f, call1, AD_VOICE_ACTION_INIT_TRANSFER, "1002");
  perform (f, id_of (f, "agent2#1"), AD_VOICE_ACTION_ANSWER_CALL, NULL);
  ad_call_center_set_action_delay (f->center, 30);

  g_assert_true (ad_call_center_perform (f->center, call2, AD_VOICE_ACTION_RECONNECT, NULL, NULL, &error));
  g_assert_no_error (error);
  perform_fails (f, call1, AD_VOICE_ACTION_RECONNECT, NULL, AD_ERROR_ACTION_IN_PROGRESS);
  perform_fails (f, call1, AD_VOICE_ACTION_COMPLETE_TRANSFER, NULL, AD_ERROR_ACTION_IN_PROGRESS);
  perform_fails (f, call1, AD_VOICE_ACTION_RELEASE_CALL, NULL, AD_ERROR_ACTION_IN_PROGRESS);
  wait_status (f, call1, "TALKING");
  perform (f, call2, AD_VOICE_ACTION_MARK_DONE, NULL);
  perform (f, id_of (f, "agent2#1"), AD_VOICE_ACTION_MARK_DONE, NULL);

  /* Again, completing; an action posted on Call_2 first holds Call_1's. */
  g_free (call2);
  call2 = perform_init (f, call1, AD_VOICE_ACTION_INIT_TRANSFER, "1002");
  wait_status (f, call2, "DIALING");
  perform (f, id_of (f, "agent2#2"), AD_VOICE_ACTION_ANSWER_CALL, NULL);
  wait_status (f, call2, "TALKING");
  g_assert_true (ad_call_center_perform (f->center, call2, AD_VOICE_ACTION_SEND_DTMF, digits, NULL, &error));
  g_assert_no_error (error);
  perform_fails (f, call1, AD_VOICE_ACTION_COMPLETE_TRANSFER, NULL, AD_ERROR_ACTION_IN_PROGRESS);
  perform_fails (f, call2, AD_VOICE_ACTION_RECONNECT, NULL, AD_ERROR_ACTION_IN_PROGRESS);
  while (ad_call_center_perform (f->center, call1, AD_VOICE_ACTION_COMPLETE_TRANSFER, NULL, NULL, NULL) == FALSE)
    g_main_context_iteration (NULL, TRUE);
  perform_fails (f, call2, AD_VOICE_ACTION_RELEASE_CALL, NULL, AD_ERROR_ACTION_IN_PROGRESS);
  g_string_truncate (f->log, 0);
  g_signal_connect (f->center, "interaction-event", G_CALLBACK (on_idle_mark_done), NULL);
  wait_status (f, call2, "MARKED_DONE");
  assert_log (f, "agent1#1 IDLE STATUS_CHANGED, agent1#1 MARKED_DONE REMOVED, "
                 "agent1#3 IDLE STATUS_CHANGED, agent1#3 MARKED_DONE REMOVED, "
                 "agent2#2 TALKING INFO_CHANGED");
}

/* Queue statistics */

static void
assert_stats (Fixture    *f,
              const char *queue,
              const char *expected)
{
  g_autoptr(JsonObject) stats = ad_call_center_get_queue_stats (f->center, queue, NULL);
  g_autofree char *str = ad_json_object_to_string (stats);

  g_assert_cmpstr (str, ==, expected);
}

static void
answer_next (Fixture    *f,
             const char *label)
{
  perform (f, id_of (f, label), AD_VOICE_ACTION_ANSWER_CALL, NULL);
}

static void
test_queue_stats (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
  g_autoptr(GError) error = NULL;

  agent_on (f, 1, FALSE);
  agent_on (f, 2, FALSE);
  assert_stats (f, "sales", "{\"queue\":\"sales\",\"callsWaiting\":0,\"oldestWaitSeconds\":0,"
                "\"answered\":0,\"abandoned\":0,\"serviceLevelPercent\":100,"
                "\"averageSpeedOfAnswerSeconds\":0,\"agentsReady\":0,\"agentsBusy\":0,"
                "\"agentsNotReady\":2,\"agentsAfterCallWork\":0}");
  g_assert_null (ad_call_center_get_queue_stats (f->center, "billing", &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_NOT_FOUND);

  /* A: waits 10 s, answered within the threshold (20 s). */
  a = inbound (f, "+15550000001", "sales");
  f->now += 10 * G_USEC_PER_SEC;
  agent_on (f, 1, TRUE);
  flush ();
  answer_next (f, "agent1#1");

  /* B: waits 30 s, answered late. */
  b = inbound (f, "+15550000002", "sales");
  f->now += 30 * G_USEC_PER_SEC;
  agent_on (f, 2, TRUE);
  flush ();
  answer_next (f, "agent2#1");

  /* C: abandoned after 25 s (late); D: abandoned after 5 s (not counted
   * against the service level). */
  c = inbound (f, "+15550000003", "sales");
  f->now += 25 * G_USEC_PER_SEC;
  assert_stats (f, "sales", "{\"queue\":\"sales\",\"callsWaiting\":1,\"oldestWaitSeconds\":25,"
                "\"answered\":2,\"abandoned\":0,\"serviceLevelPercent\":50,"
                "\"averageSpeedOfAnswerSeconds\":20,\"agentsReady\":0,\"agentsBusy\":2,"
                "\"agentsNotReady\":0,\"agentsAfterCallWork\":0}");
  g_assert_true (ad_call_center_sim_hangup (f->center, c, NULL));
  d = inbound (f, "+15550000004", "sales");
  f->now += 5 * G_USEC_PER_SEC;
  g_assert_true (ad_call_center_sim_hangup (f->center, d, NULL));

  /* SL = answered in time / (answered + abandoned late) = 1 / 3, rounded. */
  assert_stats (f, "sales", "{\"queue\":\"sales\",\"callsWaiting\":0,\"oldestWaitSeconds\":0,"
                "\"answered\":2,\"abandoned\":2,\"serviceLevelPercent\":33,"
                "\"averageSpeedOfAnswerSeconds\":20,\"agentsReady\":0,\"agentsBusy\":2,"
                "\"agentsNotReady\":0,\"agentsAfterCallWork\":0}");
  /* The other queue shares the agents only. */
  assert_stats (f, "support", "{\"queue\":\"support\",\"callsWaiting\":0,\"oldestWaitSeconds\":0,"
                "\"answered\":0,\"abandoned\":0,\"serviceLevelPercent\":100,"
                "\"averageSpeedOfAnswerSeconds\":0,\"agentsReady\":0,\"agentsBusy\":2,"
                "\"agentsNotReady\":0,\"agentsAfterCallWork\":0}");

  perform (f, id_of (f, "agent1#1"), AD_VOICE_ACTION_RELEASE_CALL, NULL);
  json_object_unref (ad_call_center_agent_after_call_work (f->center, "agent2", NULL));
  perform (f, id_of (f, "agent2#1"), AD_VOICE_ACTION_RELEASE_CALL, NULL);
  assert_stats (f, "sales", "{\"queue\":\"sales\",\"callsWaiting\":0,\"oldestWaitSeconds\":0,"
                "\"answered\":2,\"abandoned\":2,\"serviceLevelPercent\":33,"
                "\"averageSpeedOfAnswerSeconds\":20,\"agentsReady\":1,\"agentsBusy\":0,"
                "\"agentsNotReady\":0,\"agentsAfterCallWork\":1}");
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (f->queue_hits, "sales")), >, 0);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (f->queue_hits, "support")), >, 0);
}

static void
test_queue_wait_tick (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *call_id = inbound (f, CALLER, "support");
  guint guard = g_timeout_add_seconds (30, on_timeout, (gpointer) "queue tick");

  /* Nothing happens but the wait growing: still announced. */
  g_hash_table_remove_all (f->queue_hits);
  while (!g_hash_table_contains (f->queue_hits, "support"))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
  g_assert_false (g_hash_table_contains (f->queue_hits, "sales"));
  g_assert_true (ad_call_center_sim_hangup (f->center, call_id, NULL));
}

/* Agent service */

static JsonObject *
last_agent_event (Fixture    *f,
                  const char *agent_id)
{
  for (guint i = f->agent_dtos->len; i > 0; i--)
    {
      JsonObject *dto = g_ptr_array_index (f->agent_dtos, i - 1);

      if (g_strcmp0 (json_object_get_string_member (dto, AD_AGENT_ATTR_AGENT_ID), agent_id) == 0)
        return dto;
    }
  g_error ("No agent event of %s", agent_id);
  return NULL;
}

static void
test_agent_states (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) dto = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) legs = NULL;
  JsonObject *event, *current, *dns;

  dto = ad_call_center_get_agent (f->center, "agent1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (dto, AD_AGENT_ATTR_STATUS), ==, "LOGGED_OUT");
  g_assert_cmpstr (json_object_get_string_member (dto, AD_AGENT_ATTR_NAME), ==, "Ada Park");
  g_assert_true (json_object_get_null_member (dto, AD_AGENT_ATTR_PLACE_ID));
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (dto, AD_AGENT_ATTR_DNS_ACTIONS_POSSIBLE)),
                    ==, 0);
  g_assert_cmpstr (json_object_get_string_member (dto, "agent:defaultPlaceId"), ==, "place1001");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (dto, "agent:queues")), ==, 2);
  g_assert_true (json_object_get_null_member (dto, "agent:currentCall"));
  g_clear_pointer (&dto, json_object_unref);

  g_assert_null (ad_call_center_get_agent (f->center, "agent99", &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ad_call_center_agent_ready (f->center, "agent1", &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_INVALID_AGENT_STATE);
  g_clear_error (&error);
  g_assert_null (ad_call_center_agent_login (f->center, "agent1", "place9999", &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  f->now += 5 * G_USEC_PER_SEC;
  dto = ad_call_center_agent_login (f->center, "agent1", "place1001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (dto, AD_AGENT_ATTR_STATUS), ==, "NOT_READY");
  g_assert_cmpstr (json_object_get_string_member (dto, AD_AGENT_ATTR_PLACE_ID), ==, "place1001");
  g_assert_cmpstr (json_object_get_string_member (dto, AD_AGENT_ATTR_STATUS_SINCE), ==, "2027-01-01T00:00:05Z");
  dns = json_object_get_object_member (dto, AD_AGENT_ATTR_DNS_ACTIONS_POSSIBLE);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (dns, "1001"), 0),
                   ==, "CREATE_INTERACTION");
  g_assert_cmpuint (f->agent_dtos->len, ==, 1);
  g_clear_pointer (&dto, json_object_unref);

  g_assert_cmpstr (ad_call_center_get_place_agent (f->center, "place1001"), ==, "agent1");
  g_assert_cmpstr (ad_call_center_get_dn_agent (f->center, "1001"), ==, "agent1");
  g_assert_null (ad_call_center_get_dn_agent (f->center, "1002"));
  g_assert_null (ad_call_center_agent_login (f->center, "agent2", "place1001", &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_INVALID_AGENT_STATE);
  g_clear_error (&error);
  g_assert_null (ad_call_center_agent_login (f->center, "agent1", "place1002", &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_INVALID_AGENT_STATE);
  g_clear_error (&error);

  dto = ad_call_center_agent_not_ready (f->center, "agent1", "BREAK", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (dto, AD_AGENT_ATTR_REASON_CODE), ==, "BREAK");
  g_clear_pointer (&dto, json_object_unref);
  g_assert_null (ad_call_center_agent_not_ready (f->center, "agent1", "NAP", &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_assert_cmpuint (f->agent_dtos->len, ==, 2);

  dto = agent_call (f, "agent1", ad_call_center_agent_after_call_work);
  g_assert_cmpstr (json_object_get_string_member (dto, AD_AGENT_ATTR_STATUS), ==, "AFTER_CALL_WORK");
  g_assert_true (json_object_get_null_member (dto, AD_AGENT_ATTR_REASON_CODE));
  g_clear_pointer (&dto, json_object_unref);
  dto = agent_call (f, "agent1", ad_call_center_agent_ready);
  g_clear_pointer (&dto, json_object_unref);
  g_assert_cmpuint (f->agent_dtos->len, ==, 4);

  /* agent:version rises with every change, and the answer to a request
   * carries the version of the event it caused. */
  for (guint i = 1; i < f->agent_dtos->len; i++)
    g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (f->agent_dtos, i), "agent:version"),
                     ==,
                     json_object_get_int_member (g_ptr_array_index (f->agent_dtos, i - 1), "agent:version") + 1);
  dto = ad_call_center_get_agent (f->center, "agent1", &error);
  g_assert_cmpint (json_object_get_int_member (dto, "agent:version"), ==,
                   json_object_get_int_member (g_ptr_array_index (f->agent_dtos, 3), "agent:version"));
  g_clear_pointer (&dto, json_object_unref);

  /* BUSY on a call, with the call shown; a request meanwhile sets where
   * the agent goes afterwards. */
  agent_on (f, 2, FALSE);
  id = create (f, 1, "1002");
  event = last_agent_event (f, "agent1");
  g_assert_cmpstr (json_object_get_string_member (event, AD_AGENT_ATTR_STATUS), ==, "BUSY");
  g_assert_cmpstr (json_object_get_string_member (event, "agent:nextStatus"), ==, "READY");
  current = json_object_get_object_member (event, "agent:currentCall");
  g_assert_cmpstr (json_object_get_string_member (current, "interactionId"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (current, "callType"), ==, "INTERNAL");
  g_assert_true (json_object_get_null_member (current, "establishedAt"));
  perform (f, id_of (f, "agent2#1"), AD_VOICE_ACTION_ANSWER_CALL, NULL);
  current = json_object_get_object_member (last_agent_event (f, "agent1"), "agent:currentCall");
  g_assert_cmpstr (json_object_get_string_member (current, "establishedAt"), ==, "2027-01-01T00:00:05Z");

  g_assert_null (ad_call_center_agent_logout (f->center, "agent1", &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_INVALID_AGENT_STATE);
  g_clear_error (&error);
  dto = ad_call_center_agent_not_ready (f->center, "agent1", "LUNCH", &error);
  g_assert_cmpstr (json_object_get_string_member (dto, AD_AGENT_ATTR_STATUS), ==, "BUSY");
  g_assert_cmpstr (json_object_get_string_member (dto, "agent:nextStatus"), ==, "NOT_READY");
  g_clear_pointer (&dto, json_object_unref);

  perform (f, id, AD_VOICE_ACTION_RELEASE_CALL, NULL);
  event = last_agent_event (f, "agent1");
  g_assert_cmpstr (json_object_get_string_member (event, AD_AGENT_ATTR_STATUS), ==, "NOT_READY");
  g_assert_cmpstr (json_object_get_string_member (event, AD_AGENT_ATTR_REASON_CODE), ==, "LUNCH");
  g_assert_true (json_object_get_null_member (event, "agent:currentCall"));

  /* Logging out drops what never dialed; the IDLE one stays to be marked
   * done. */
  g_free (id);
  id = create (f, 1, NULL);
  g_string_truncate (f->log, 0);
  dto = agent_call (f, "agent1", ad_call_center_agent_logout);
  g_assert_cmpstr (json_object_get_string_member (dto, AD_AGENT_ATTR_STATUS), ==, "LOGGED_OUT");
  assert_log (f, "agent1#2 MARKED_DONE REMOVED");
  g_clear_pointer (&dto, json_object_unref);
  legs = ad_call_center_list_interactions (f->center, "agent1");
  g_assert_cmpuint (legs->len, ==, 1);
  perform (f, id_of (f, "agent1#1"), AD_VOICE_ACTION_MARK_DONE, NULL);
  g_assert_cmpuint (f->history->len, ==, 1);
  g_assert_null (ad_call_center_get_place_agent (f->center, "place1001"));
}

static void
test_after_call_work_config (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(AdCallCenter) center = ad_call_center_new (AD_SWITCH_PROFILE_FULL);
  g_autoptr(JsonObject) config = parse (
    "{\"afterCallWork\": true, \"serviceLevelSeconds\": 10,"
    " \"places\": [{\"placeId\": \"p1\", \"dns\": [{\"dnId\": \"d1\", \"number\": \"201\"}]},"
    "              {\"placeId\": \"p2\", \"dns\": [{\"dnId\": \"d2\", \"number\": \"202\"}]}],"
    " \"queues\": [{\"name\": \"q\", \"routePoint\": \"300\"}],"
    " \"agents\": [{\"agentId\": \"a1\", \"name\": \"A One\", \"queues\": [\"q\"]},"
    "              {\"agentId\": \"a2\", \"name\": \"A Two\"}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = parse ("{\"ani\": \"5550001111\", \"queue\": \"q\"}");
  g_autoptr(JsonObject) dto = NULL;
  g_autofree char *call_id = NULL;
  g_autoptr(GPtrArray) legs = NULL;
  const char *id;

  g_assert_true (ad_call_center_load_config (center, config, &error));
  g_assert_no_error (error);
  g_assert_false (ad_call_center_load_config (center, config, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  g_clear_pointer (&dto, json_object_unref);
  dto = ad_call_center_agent_login (center, "a1", "p1", &error);
  g_clear_pointer (&dto, json_object_unref);
  dto = ad_call_center_agent_ready (center, "a1", &error);
  g_assert_no_error (error);
  call_id = ad_call_center_sim_inbound (center, body, &error);
  g_assert_no_error (error);
  flush ();
  legs = ad_call_center_list_interactions (center, "a1");
  g_assert_cmpuint (legs->len, ==, 1);
  id = json_object_get_string_member (g_ptr_array_index (legs, 0), AD_ATTR_INTERACTION_ID);
  g_assert_true (ad_call_center_perform (center, id, AD_VOICE_ACTION_ANSWER_CALL, NULL, NULL, &error));
  flush ();
  g_clear_pointer (&dto, json_object_unref);
  dto = ad_call_center_get_agent (center, "a1", &error);
  g_assert_cmpstr (json_object_get_string_member (dto, "agent:nextStatus"), ==, "AFTER_CALL_WORK");
  g_assert_true (ad_call_center_sim_hangup (center, call_id, &error));
  g_clear_pointer (&dto, json_object_unref);
  dto = ad_call_center_get_agent (center, "a1", &error);
  g_assert_cmpstr (json_object_get_string_member (dto, AD_AGENT_ATTR_STATUS), ==, "AFTER_CALL_WORK");

  /* A status asked for during the call is where the agent goes instead. */
  g_clear_pointer (&dto, json_object_unref);
  dto = ad_call_center_agent_ready (center, "a1", &error);
  g_clear_pointer (&call_id, g_free);
  call_id = ad_call_center_sim_inbound (center, body, &error);
  g_assert_no_error (error);
  flush ();
  g_clear_pointer (&legs, g_ptr_array_unref);
  legs = ad_call_center_list_interactions (center, "a1");
  id = NULL;
  for (guint i = 0; i < legs->len; i++)
    if (g_strcmp0 (json_object_get_string_member (g_ptr_array_index (legs, i), AD_ATTR_STATUS),
                   "RINGING") == 0)
      id = json_object_get_string_member (g_ptr_array_index (legs, i), AD_ATTR_INTERACTION_ID);
  g_assert_nonnull (id);
  g_assert_true (ad_call_center_perform (center, id, AD_VOICE_ACTION_ANSWER_CALL, NULL, NULL, &error));
  flush ();
  g_clear_pointer (&dto, json_object_unref);
  dto = ad_call_center_agent_not_ready (center, "a1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (dto, AD_AGENT_ATTR_STATUS), ==, "BUSY");
  g_assert_cmpstr (json_object_get_string_member (dto, "agent:nextStatus"), ==, "NOT_READY");
  g_assert_true (ad_call_center_sim_hangup (center, call_id, &error));
  g_clear_pointer (&dto, json_object_unref);
  dto = ad_call_center_get_agent (center, "a1", &error);
  g_assert_cmpstr (json_object_get_string_member (dto, AD_AGENT_ATTR_STATUS), ==, "NOT_READY");
}

/* Configuration */

static void
test_config_errors (Fixture       *f,
                    gconstpointer  data)
{
  static const struct {
    const char *json;
    const char *field;
  } cases[] = {
    { "{}", "“places”" },
    { "{\"places\": []}", "“places”" },
    { "{\"places\": [{\"placeId\": \"p\", \"dns\": [{\"dnId\": \"d\", \"number\": \"1x\"}]}], \"agents\": []}",
      "“places[0].dns[0].number”" },
    { "{\"places\": [{\"placeId\": \"p\", \"dns\": [{\"dnId\": \"d\", \"number\": \"1\"},"
      " {\"dnId\": \"d\", \"number\": \"2\"}]}], \"agents\": [{\"agentId\": \"a\", \"name\": \"A\"}]}",
      "“places[0].dns[1].dnId”" },
    { "{\"places\": [{\"placeId\": \"p\", \"dns\": [{\"dnId\": \"d\", \"number\": \"1\"}]}],"
      " \"queues\": [{\"name\": \"q\", \"routePoint\": \"1\"}], \"agents\": []}",
      "“queues[0].routePoint”" },
    { "{\"places\": [{\"placeId\": \"p\", \"dns\": [{\"dnId\": \"d\", \"number\": \"1\"}]}],"
      " \"agents\": [{\"agentId\": \"a\", \"name\": \"A\", \"queues\": [\"nope\"]}]}",
      "“agents[0].queues”" },
    { "{\"places\": [{\"placeId\": \"p\", \"dns\": [{\"dnId\": \"d\", \"number\": \"1\"}]}],"
      " \"agents\": [{\"agentId\": \"a\", \"name\": \"A\", \"defaultPlace\": \"x\"}]}",
      "“agents[0].defaultPlace”" },
    { "{\"places\": [{\"placeId\": \"p\", \"dns\": [{\"dnId\": \"d\", \"number\": \"1\"}]}],"
      " \"agents\": [{\"agentId\": \"a\"}]}",
      "“agents[0].name”" },
    { "{\"serviceLevelSeconds\": \"20\"}", "“serviceLevelSeconds”" },
    { "{\"afterCallWork\": 1}", "“afterCallWork”" },
    { "{\"places\": [{\"placeId\": \"p\", \"dns\": [{\"dnId\": \"d\", \"number\": \"1\"}]}],"
      " \"agents\": [{\"agentId\": \"a\", \"name\": \"A\"}], \"reasonCodes\": [{\"code\": \"B\"}]}",
      "“reasonCodes[0].label”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AdCallCenter) center = ad_call_center_new (AD_SWITCH_PROFILE_FULL);
      g_autoptr(JsonObject) config = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonArray) places = NULL;

      g_assert_false (ad_call_center_load_config (center, config, &error));
      g_assert_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST);
      if (strstr (error->message, cases[i].field) == NULL)
        g_error ("Case %u: “%s” does not name %s", i, error->message, cases[i].field);
      places = ad_call_center_list_places (center);
      g_assert_cmpuint (json_array_get_length (places), ==, 0);
    }
}

static void
test_demo_center (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonArray) places = ad_call_center_list_places (f->center);
  g_autoptr(JsonArray) agents = ad_call_center_list_agents (f->center);
  g_autoptr(GPtrArray) queues = ad_call_center_list_queues (f->center);
  g_autoptr(JsonObject) description = ad_call_center_describe (f->center);
  JsonObject *place, *agent;

  g_assert_cmpuint (json_array_get_length (places), ==, 10);
  place = json_array_get_object_element (places, 9);
  g_assert_cmpstr (json_object_get_string_member (place, "placeId"), ==, "place1010");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (place, "dns"), 0), "number"), ==, "1010");

  g_assert_cmpuint (json_array_get_length (agents), ==, 10);
  agent = json_array_get_object_element (agents, 0);
  g_assert_cmpstr (json_object_get_string_member (agent, "agentId"), ==, "agent1");
  g_assert_cmpstr (json_object_get_string_member (agent, "status"), ==, "LOGGED_OUT");
  g_assert_true (ad_call_center_has_agent (f->center, "agent10"));
  g_assert_false (ad_call_center_has_agent (f->center, "supervisor"));
  g_assert_true (ad_call_center_has_place (f->center, "place1010"));
  g_assert_false (ad_call_center_has_place (f->center, "place1011"));
  g_assert_false (ad_call_center_has_place (f->center, "1001"));
  g_assert_false (ad_call_center_has_place (f->center, NULL));
  g_assert_true (ad_call_center_has_dn (f->center, "1010"));
  g_assert_false (ad_call_center_has_dn (f->center, "1011"));
  g_assert_false (ad_call_center_has_dn (f->center, "place1001"));
  g_assert_false (ad_call_center_has_dn (f->center, NULL));

  g_assert_cmpuint (queues->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (queues, 0), ==, "sales");
  g_assert_cmpstr (g_ptr_array_index (queues, 1), ==, "support");

  g_assert_cmpstr (json_object_get_string_member (description, "profile"), ==, "full");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (description, "reasonCodes")), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (description, "dispositions")), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (description, "queues"), 1), "routePoint"), ==, "8001");
}

static void
test_profile_names (void)
{
  AdSwitchProfile profile;

  for (AdSwitchProfile p = AD_SWITCH_PROFILE_FULL; p <= AD_SWITCH_PROFILE_BASIC; p++)
    {
      g_assert_true (ad_switch_profile_from_name (ad_switch_profile_to_name (p), &profile));
      g_assert_cmpint (profile, ==, p);
    }
  g_assert_false (ad_switch_profile_from_name ("fancy", &profile));
  g_assert_false (ad_switch_profile_from_name (NULL, &profile));
  g_assert_cmpint (ad_switch_profile_supported (AD_SWITCH_PROFILE_FULL), ==, AD_VOICE_ACTION_ALL);
  g_assert_cmpint (ad_switch_profile_supported (AD_SWITCH_PROFILE_BASIC), ==,
                   AD_VOICE_ACTION_MAKE_CALL | AD_VOICE_ACTION_ANSWER_CALL |
                   AD_VOICE_ACTION_RELEASE_CALL | AD_VOICE_ACTION_MARK_DONE);
  g_assert_false (ad_switch_profile_supported (AD_SWITCH_PROFILE_NO_HOLD) & AD_VOICE_ACTION_RECONNECT);
  g_assert_false (ad_switch_profile_supported (AD_SWITCH_PROFILE_NO_SINGLE_STEP_TRANSFER) &
                  AD_VOICE_ACTION_SINGLE_STEP_TRANSFER);
  g_assert_true (ad_switch_profile_supported (AD_SWITCH_PROFILE_NO_DIALING_HOLD) & AD_VOICE_ACTION_HOLD);
  g_assert_false (ad_switch_profile_hold_while_dialing (AD_SWITCH_PROFILE_NO_DIALING_HOLD));
  g_assert_true (ad_switch_profile_hold_while_dialing (AD_SWITCH_PROFILE_FULL));
}

#define ADD(path, func, data) \
  g_test_add ("/call-center/" path, Fixture, GINT_TO_POINTER (data), \
              fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/call-center/profile-names", test_profile_names);
  ADD ("demo-center", test_demo_center, AD_SWITCH_PROFILE_FULL);
  ADD ("config-errors", test_config_errors, AD_SWITCH_PROFILE_FULL);
  ADD ("agent-states", test_agent_states, AD_SWITCH_PROFILE_FULL);
  ADD ("after-call-work", test_after_call_work_config, AD_SWITCH_PROFILE_FULL);
  ADD ("make-call/outside", test_make_call_outside, AD_SWITCH_PROFILE_FULL);
  ADD ("make-call/with-destination", test_make_call_with_destination, AD_SWITCH_PROFILE_FULL);
  ADD ("make-call/clock-steps-back", test_clock_steps_back, AD_SWITCH_PROFILE_FULL);
  ADD ("make-call/internal", test_make_call_internal, AD_SWITCH_PROFILE_FULL);
  ADD ("make-call/route-point", test_dial_route_point, AD_SWITCH_PROFILE_FULL);
  ADD ("inbound/routing", test_inbound_routing, AD_SWITCH_PROFILE_FULL);
  ADD ("inbound/direct", test_inbound_direct, AD_SWITCH_PROFILE_FULL);
  ADD ("inbound/contact-hangs-up", test_contact_hangs_up, AD_SWITCH_PROFILE_FULL);
  g_test_add ("/call-center/transfer/single-step", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_single_step_transfer, fixture_tear_down);
  g_test_add ("/call-center/transfer/mute", Fixture, GUINT_TO_POINTER (1),
              fixture_set_up, test_single_step_transfer, fixture_tear_down);
  ADD ("transfer/dual-step", test_dual_step_transfer, AD_SWITCH_PROFILE_FULL);
  ADD ("transfer/reconnect", test_reconnect, AD_SWITCH_PROFILE_FULL);
  ADD ("transfer/to-queue", test_transfer_to_queue, AD_SWITCH_PROFILE_FULL);
  ADD ("transfer/consult-outside", test_consult_outside, AD_SWITCH_PROFILE_FULL);
  ADD ("conference/single-step", test_single_step_conference, AD_SWITCH_PROFILE_FULL);
  ADD ("conference/dual-step", test_dual_step_conference, AD_SWITCH_PROFILE_FULL);
  ADD ("conference/four-parties", test_conference_of_four, AD_SWITCH_PROFILE_FULL);
  ADD ("conference/member-hangs-up", test_conference_member_hangs_up, AD_SWITCH_PROFILE_FULL);
  ADD ("hold/retrieve", test_hold_retrieve, AD_SWITCH_PROFILE_FULL);
  ADD ("hold/while-dialing", test_hold_while_dialing, AD_SWITCH_PROFILE_FULL);
  ADD ("mute-dtmf", test_mute_dtmf, AD_SWITCH_PROFILE_FULL);
  ADD ("attach-data", test_attach_data, AD_SWITCH_PROFILE_FULL);
  ADD ("profile/full", test_profile, AD_SWITCH_PROFILE_FULL);
  ADD ("profile/no-hold", test_profile, AD_SWITCH_PROFILE_NO_HOLD);
  ADD ("profile/no-dialing-hold", test_profile, AD_SWITCH_PROFILE_NO_DIALING_HOLD);
  ADD ("profile/no-single-step-transfer", test_profile, AD_SWITCH_PROFILE_NO_SINGLE_STEP_TRANSFER);
  ADD ("profile/basic", test_profile, AD_SWITCH_PROFILE_BASIC);
  ADD ("action-in-progress", test_action_in_progress, AD_SWITCH_PROFILE_FULL);
  ADD ("action-in-progress/consultation", test_action_in_progress_consult, AD_SWITCH_PROFILE_FULL);
  ADD ("history-refuses", test_history_refuses, AD_SWITCH_PROFILE_FULL);
  ADD ("mark-done-from-handler", test_mark_done_from_handler, AD_SWITCH_PROFILE_FULL);
  ADD ("queue-stats", test_queue_stats, AD_SWITCH_PROFILE_FULL);
  ADD ("queue-wait-tick", test_queue_wait_tick, AD_SWITCH_PROFILE_FULL);

  return g_test_run ();
}
