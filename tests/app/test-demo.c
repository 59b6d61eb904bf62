/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "demo-test-util.h"

/* Demo mode against its in-process switch: what the switch says about the
 * colleagues is checked on the switch itself, what agent1 sees through a
 * real session, as the desktop would. */

typedef DemoTest Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  demo_test_start (fixture, GPOINTER_TO_INT (data));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  demo_test_stop (fixture);
}

static guint
count_colleagues (Fixture       *fixture,
                  AdAgentStatus  status)
{
  guint n = 0;

  for (guint i = 2; i <= 10; i++)
    {
      g_autofree char *agent_id = g_strdup_printf ("agent%u", i);

      n += demo_test_agent_status (fixture, agent_id) == status;
    }
  return n;
}

/* The interaction of @session with @status, or NULL. */
static AdInteraction *
find_interaction (AdSession           *session,
                  AdInteractionStatus  status)
{
  GListModel *interactions = ad_session_get_interactions (session);

  for (guint i = 0; i < g_list_model_get_n_items (interactions); i++)
    {
      AdInteraction *interaction = client_test_nth_interaction (session, i);

      if (ad_interaction_get_status (interaction) == status)
        return interaction;
    }
  return NULL;
}

static void
test_demo_start (Fixture       *fixture,
                 gconstpointer  data)
{
  AdCallCenter *center = ad_switch_server_get_call_center (fixture->ts.server);

  /* Every colleague is signed in and logged in on its own place. */
  for (guint i = 2; i <= 10; i++)
    {
      g_autofree char *agent_id = g_strdup_printf ("agent%u", i);
      g_autofree char *place_id = g_strdup_printf ("place%u", 1000 + i);

      g_assert_cmpint (demo_test_agent_status (fixture, agent_id), !=, AD_AGENT_STATUS_LOGGED_OUT);
      g_assert_cmpstr (ad_call_center_get_place_agent (center, place_id), ==, agent_id);
    }
  /* agent1 is the user's. */
  g_assert_cmpint (demo_test_agent_status (fixture, "agent1"), ==, AD_AGENT_STATUS_LOGGED_OUT);

  /* Some become Ready; never all of them, so queue calls reach agent1. */
  CLIENT_TEST_WAIT_UNTIL (count_colleagues (fixture, AD_AGENT_STATUS_READY) > 0);
  g_assert_cmpuint (count_colleagues (fixture, AD_AGENT_STATUS_READY), <=, 3);
  CLIENT_TEST_WAIT_UNTIL (count_colleagues (fixture, AD_AGENT_STATUS_NOT_READY) >= 6);
}

static void
test_demo_caller_reaches_agent1 (Fixture       *fixture,
                                 gconstpointer  data)
{
  AdInteraction *ringing;
  GHashTable *attached;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  ad_demo_set_call_interval_seconds (fixture->demo, 1);
  demo_test_sign_in (fixture, TRUE);

  CLIENT_TEST_WAIT_UNTIL ((ringing = find_interaction (fixture->agent1,
                                                       AD_INTERACTION_STATUS_RINGING)) != NULL);
  g_assert_cmpint (ad_interaction_get_call_type (ringing), ==, AD_CALL_TYPE_INBOUND);
  g_assert_true (g_str_has_prefix (ad_interaction_get_ani (ringing), "+"));
  g_assert_true (g_strcmp0 (ad_interaction_get_dnis (ringing), "8000") == 0 ||
                 g_strcmp0 (ad_interaction_get_dnis (ringing), "8001") == 0);
  attached = ad_interaction_get_attached_data (ringing);
  g_assert_nonnull (g_hash_table_lookup (attached, "CustomerName"));
  g_assert_nonnull (g_hash_table_lookup (attached, "AccountNumber"));
  g_assert_nonnull (g_hash_table_lookup (attached, "Topic"));
  g_assert_cmpuint (ad_demo_get_calls_placed (fixture->demo), >=, 1);

  ad_interaction_answer_async (ringing, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  client_test_expect_accepted (ringing, result);
  client_test_wait_status (ringing, AD_INTERACTION_STATUS_TALKING);
}

static void
test_demo_colleague_answers_consult (Fixture       *fixture,
                                     gconstpointer  data)
{
  AdCallCenter *center = ad_switch_server_get_call_center (fixture->ts.server);
  g_autoptr(AdInteraction) call1 = NULL;
  g_autoptr(AdInteraction) call2 = NULL;
  g_autoptr(GPtrArray) agent3_calls = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  demo_test_sign_in (fixture, FALSE);
  call1 = demo_test_call_out (fixture);

  ad_interaction_initiate_transfer_async (call1, "1003", NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  call2 = ad_interaction_initiate_finish (call1, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* agent3 answers by itself. */
  client_test_wait_status (call2, AD_INTERACTION_STATUS_TALKING);
  g_assert_cmpint (demo_test_agent_status (fixture, "agent3"), ==, AD_AGENT_STATUS_BUSY);
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_can (call1, AD_VOICE_ACTION_COMPLETE_TRANSFER));

  ad_interaction_complete_transfer_async (call1, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  client_test_expect_accepted (call1, result);
  client_test_wait_status (call1, AD_INTERACTION_STATUS_IDLE);

  /* The customer is agent3's now. */
  agent3_calls = ad_call_center_list_interactions (center, "agent3");
  g_assert_cmpuint (agent3_calls->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (agent3_calls, 0), AD_ATTR_STATUS),
                   ==, "TALKING");
}

static void
test_demo_simulation_off (Fixture       *fixture,
                          gconstpointer  data)
{
  guint placed;

  ad_demo_set_call_interval_seconds (fixture->demo, 1);
  demo_test_sign_in (fixture, TRUE);
  CLIENT_TEST_WAIT_UNTIL (ad_demo_get_calls_placed (fixture->demo) >= 2);

  ad_demo_set_simulation_enabled (fixture->demo, FALSE);
  placed = ad_demo_get_calls_placed (fixture->demo);
  /* Colleagues without calls leave the queues. */
  CLIENT_TEST_WAIT_UNTIL (count_colleagues (fixture, AD_AGENT_STATUS_READY) == 0);
  /* Several intervals pass without a caller. */
  client_test_spin (3500);
  g_assert_cmpuint (ad_demo_get_calls_placed (fixture->demo), ==, placed);

  ad_demo_set_simulation_enabled (fixture->demo, TRUE);
  CLIENT_TEST_WAIT_UNTIL (ad_demo_get_calls_placed (fixture->demo) > placed);
  CLIENT_TEST_WAIT_UNTIL (count_colleagues (fixture, AD_AGENT_STATUS_READY) > 0);
}

static void
test_demo_seed (void)
{
  g_autoptr(AdDemo) demo = g_object_new (AD_TYPE_DEMO, "seed", 7, NULL);
  guint seed;

  g_object_get (demo, "seed", &seed, NULL);
  g_assert_cmpuint (seed, ==, 7);
  g_assert_true (ad_demo_get_simulation_enabled (demo));
  g_assert_cmpuint (ad_demo_get_call_interval_seconds (demo), ==, 20);
  /* Not started: no switch yet. */
  g_assert_null (ad_demo_get_base_url (demo));
  g_assert_null (ad_demo_get_server (demo));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/properties", test_demo_seed);
  g_test_add ("/demo/start", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_demo_start, fixture_tear_down);
  g_test_add ("/demo/caller-reaches-agent1", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_demo_caller_reaches_agent1, fixture_tear_down);
  g_test_add ("/demo/colleague-answers-consult", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_demo_colleague_answers_consult, fixture_tear_down);
  g_test_add ("/demo/simulation-off", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_demo_simulation_off, fixture_tear_down);

  return g_test_run ();
}
