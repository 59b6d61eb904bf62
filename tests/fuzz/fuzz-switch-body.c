/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdFuzzSwitchBody"

#include "config.h"

#include "ad-call-center.h"
#include "ad-json.h"

#include <stdint.h>
#include <string.h>

/* The switch's request-body decoding and the call model behind it. The
 * input is a script, one request per line: "<op>[:<agent>] <JSON body>".
 * <op> is "create", "inbound" (the sim API), "hangup" (the latest inbound
 * call) or an action's path segment ("answer-call", "hold" …) applied to
 * the agent's latest interaction; <agent> is 1–3 (default 1). Each body
 * goes through the JSON helpers first, then into a fresh demo
 * AdCallCenter where agents 1–3 are READY. Between requests the main
 * context runs, so accepted actions and outside answers take effect. */

#define N_AGENTS 3

static void
exercise_helpers (JsonObject *body)
{
  static const char *members[] = {
    "destination", "dnId", "placeId", "digits", "attachedData", "reasons",
    "extensions", "attributes", "disposition", "notes", "queue", "dn", "limit",
  };
  JsonArray *array = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *string = NULL;
      JsonObject *object = NULL;
      gint64 number = 0;
      gint64 when;

      if (ad_json_get_string (body, members[i], FALSE, &string, NULL) && string != NULL)
        ad_time_from_rfc3339 (string, &when);
      ad_json_get_object (body, members[i], FALSE, &object, NULL);
      ad_json_get_array (body, members[i], FALSE, &array, NULL);
      ad_json_get_string_map (body, members[i], FALSE, TRUE, &object, NULL);
      ad_json_get_string_map (body, members[i], FALSE, FALSE, &object, NULL);
      ad_json_get_int (body, members[i], FALSE, &number, NULL);
      ad_json_string_or_null (body, members[i]);
    }

  array = NULL;
  if (ad_json_get_array (body, "attributes", FALSE, &array, NULL) && array != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) names = NULL;
      g_autoptr(JsonObject) filtered = NULL;
      g_autoptr(JsonArray) round_trip = NULL;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (node));
        }
      names = g_strv_builder_end (builder);
      filtered = ad_json_filter_attributes (body, (const char * const *) names);
      g_assert_nonnull (filtered);
      round_trip = ad_voice_actions_to_json (ad_voice_actions_from_json (array));
    }
}

static void
run_main_context (void)
{
  /* Bounded: a timer that keeps re-arming must not hang the target. */
  for (guint i = 0; i < 64 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

/* The latest interaction of @agent_id, or NULL. */
static char *
latest_interaction (AdCallCenter *center,
                    const char   *agent_id)
{
  g_autoptr(GPtrArray) list = ad_call_center_list_interactions (center, agent_id);
  JsonObject *dto;

  if (list == NULL || list->len == 0)
    return NULL;
  dto = g_ptr_array_index (list, list->len - 1);
  return g_strdup (ad_json_string_or_null (dto, "interaction:interactionId"));
}

static void
run_line (AdCallCenter  *center,
          const char    *line,
          char         **call_id)
{
  g_autofree char *op = NULL;
  g_autofree char *agent_id = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  const char *space = strchr (line, ' ');
  const char *json = space != NULL ? space + 1 : "{}";
  char *colon;
  guint agent = 1;

  op = space != NULL ? g_strndup (line, space - line) : g_strdup (line);
  colon = strchr (op, ':');
  if (colon != NULL)
    {
      *colon = '\0';
      agent = CLAMP (g_ascii_strtoull (colon + 1, NULL, 10), 1, N_AGENTS);
    }
  agent_id = g_strdup_printf ("agent%u", agent);

  body = ad_json_parse_object (json, -1, &error);
  if (body == NULL)
    {
      g_assert_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST);
      return;
    }
  exercise_helpers (body);

  if (strcmp (op, "create") == 0)
    {
      g_autoptr(JsonObject) dto = ad_call_center_create_interaction (center, agent_id, body,
                                                                     &error);
      g_assert_true ((dto != NULL) != (error != NULL));
    }
  else if (strcmp (op, "inbound") == 0)
    {
      char *id = ad_call_center_sim_inbound (center, body, &error);

      g_assert_true ((id != NULL) != (error != NULL));
      if (id != NULL)
        {
          g_free (*call_id);
          *call_id = id;
        }
    }
  else if (strcmp (op, "hangup") == 0)
    {
      if (*call_id != NULL)
        ad_call_center_sim_hangup (center, *call_id, NULL);
    }
  else
    {
      AdVoiceAction action = ad_voice_action_from_path (op);
      g_autofree char *id = latest_interaction (center, agent_id);
      g_autoptr(JsonObject) created = NULL;
      gboolean ok;

      if (action == 0 || id == NULL)
        return;
      ok = ad_call_center_perform (center, id, action, body, &created, &error);
      g_assert_true (ok != (error != NULL));
      g_assert_true (error == NULL || error->domain == AD_ERROR);
    }
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(AdCallCenter) center = ad_call_center_new (AD_SWITCH_PROFILE_FULL);
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) lines = NULL;
  g_autofree char *call_id = NULL;

  ad_call_center_load_demo (center);
  ad_call_center_set_answer_delay (center, 0);
  ad_call_center_set_action_delay (center, 0);
  for (guint i = 1; i <= N_AGENTS; i++)
    {
      g_autofree char *agent_id = g_strdup_printf ("agent%u", i);
      g_autofree char *place_id = g_strdup_printf ("place%u", 1000 + i);
      g_autoptr(JsonObject) logged_in = ad_call_center_agent_login (center, agent_id, place_id,
                                                                    NULL);
      g_autoptr(JsonObject) ready = ad_call_center_agent_ready (center, agent_id, NULL);

      g_assert_nonnull (logged_in);
      g_assert_nonnull (ready);
    }

  lines = g_strsplit (text, "\n", 256);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      run_line (center, lines[i], &call_id);
      run_main_context ();
    }

  /* Timers of this center must not outlive it. */
  g_clear_object (&center);
  run_main_context ();
  return 0;
}
