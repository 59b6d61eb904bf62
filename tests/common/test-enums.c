/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ad-common.h"

static void
test_status_round_trip (void)
{
  for (int s = AD_INTERACTION_STATUS_NEW; s <= AD_INTERACTION_STATUS_MARKED_DONE; s++)
    {
      const char *name = ad_interaction_status_to_string (s);

      g_assert_nonnull (name);
      g_assert_cmpint (ad_interaction_status_from_string (name), ==, s);
    }
  g_assert_cmpstr (ad_interaction_status_to_string (AD_INTERACTION_STATUS_DIALING_HELD), ==, "DIALING_HELD");
  g_assert_cmpint (ad_interaction_status_from_string ("talking"), ==, AD_INTERACTION_STATUS_UNKNOWN);
  g_assert_cmpint (ad_interaction_status_from_string (NULL), ==, AD_INTERACTION_STATUS_UNKNOWN);
}

static void
test_actions (void)
{
  AdVoiceAction seen = AD_VOICE_ACTION_NONE;
  guint count = 0;

  for (AdVoiceAction a = ad_voice_action_next (AD_VOICE_ACTION_ALL, AD_VOICE_ACTION_NONE);
       a != AD_VOICE_ACTION_NONE;
       a = ad_voice_action_next (AD_VOICE_ACTION_ALL, a))
    {
      g_assert_cmpint (ad_voice_action_from_string (ad_voice_action_to_string (a)), ==, a);
      g_assert_cmpint (ad_voice_action_from_path (ad_voice_action_to_path (a)), ==, a);
      seen |= a;
      count++;
    }

  g_assert_cmpuint (count, ==, 19);
  g_assert_cmpint (seen, ==, AD_VOICE_ACTION_ALL);
  g_assert_cmpstr (ad_voice_action_to_path (AD_VOICE_ACTION_INIT_TRANSFER), ==, "initiate-transfer");
  g_assert_cmpstr (ad_voice_action_to_string (AD_VOICE_ACTION_INIT_CONFERENCE), ==, "INIT_CONFERENCE");
  g_assert_null (ad_voice_action_to_string (AD_VOICE_ACTION_HOLD | AD_VOICE_ACTION_RETRIEVE));
  g_assert_cmpint (ad_voice_action_from_path ("HOLD"), ==, AD_VOICE_ACTION_NONE);
}

static void
test_actions_json (void)
{
  AdVoiceAction set = AD_VOICE_ACTION_ANSWER_CALL | AD_VOICE_ACTION_RELEASE_CALL | AD_VOICE_ACTION_SEND_DTMF;
  g_autoptr(JsonArray) array = ad_voice_actions_to_json (set);

  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "ANSWER_CALL");
  json_array_add_string_element (array, "SOMETHING_NEWER");
  g_assert_cmpint (ad_voice_actions_from_json (array), ==, set);
}

static void
test_errors (void)
{
  g_assert_cmpstr (ad_error_to_type (AD_ERROR_ACTION_IN_PROGRESS), ==, "ACTION_IN_PROGRESS");
  g_assert_cmpuint (ad_error_http_status (AD_ERROR_INVALID_DESTINATION), ==, 422);
  g_assert_cmpuint (ad_error_http_status (AD_ERROR_PAYLOAD_TOO_LARGE), ==, 413);
  g_assert_cmpint (ad_error_from_type ("FORBIDDEN"), ==, AD_ERROR_FORBIDDEN);
  g_assert_cmpint (ad_error_from_type ("NO_SUCH_TYPE"), ==, AD_ERROR_PROTOCOL);
  g_assert_null (ad_error_to_type (AD_ERROR_NETWORK));
}

static void
test_json_body (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  const char *str;
  JsonObject *map;

  g_assert_null (ad_json_parse_object ("[1,2]", -1, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_assert_null (ad_json_parse_object ("{\"a\":", -1, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  /* json-glib would take the first value and leak the rest. */
  g_assert_null (ad_json_parse_object ("{} {\"a\": \"b\"}", -1, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_assert_null (ad_json_parse_object ("0{\"pad\": 1}", -1, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_assert_null (ad_json_parse_object ("{\"s\": \"}\\\"{\"} x", -1, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  body = ad_json_parse_object (" {\"s\": \"}\\\"{\", \"n\": [{}]}\r\n", -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&body, json_object_unref);

  body = ad_json_parse_object ("{\"destination\": 5, \"data\": {\"k\": null}, \"dn\": null}", -1, &error);
  g_assert_no_error (error);
  g_assert_false (ad_json_get_string (body, "destination", TRUE, &str, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_assert_false (ad_json_get_string (body, "missing", TRUE, &str, &error));
  g_clear_error (&error);
  g_assert_true (ad_json_get_string (body, "dn", FALSE, &str, &error));
  g_assert_null (str);
  g_assert_false (ad_json_get_string_map (body, "data", FALSE, FALSE, &map, &error));
  g_clear_error (&error);
  g_assert_true (ad_json_get_string_map (body, "data", FALSE, TRUE, &map, &error));
  g_assert_nonnull (map);
}

static void
test_filter (void)
{
  g_autoptr(JsonObject) dto = json_object_new ();
  g_autoptr(JsonObject) filtered = NULL;
  const char *attributes[] = { "interaction:status", "interaction.voice:*", NULL };

  json_object_set_string_member (dto, AD_ATTR_INTERACTION_ID, "i1");
  json_object_set_string_member (dto, AD_ATTR_STATUS, "TALKING");
  json_object_set_string_member (dto, AD_ATTR_AGENT_ID, "agent1");
  json_object_set_int_member (dto, AD_ATTR_DURATION, 3);
  json_object_set_boolean_member (dto, AD_ATTR_MUTED, FALSE);

  filtered = ad_json_filter_attributes (dto, attributes);
  g_assert_cmpuint (json_object_get_size (filtered), ==, 4);
  g_assert_false (json_object_has_member (filtered, AD_ATTR_AGENT_ID));
  g_assert_true (json_object_has_member (filtered, AD_ATTR_INTERACTION_ID));
  g_assert_true (ad_json_attribute_matches (NULL, AD_ATTR_AGENT_ID));
}

static void
test_time (void)
{
  g_autofree char *str = ad_time_to_rfc3339 (1795665600);
  gint64 back = 0;

  g_assert_cmpstr (str, ==, "2026-11-26T04:00:00Z");
  g_assert_true (ad_time_from_rfc3339 (str, &back));
  g_assert_cmpint (back, ==, 1795665600);
  g_assert_false (ad_time_from_rfc3339 ("yesterday", &back));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/common/status/round-trip", test_status_round_trip);
  g_test_add_func ("/common/actions/names", test_actions);
  g_test_add_func ("/common/actions/json", test_actions_json);
  g_test_add_func ("/common/errors", test_errors);
  g_test_add_func ("/common/json/body", test_json_body);
  g_test_add_func ("/common/json/filter", test_filter);
  g_test_add_func ("/common/time", test_time);

  return g_test_run ();
}
