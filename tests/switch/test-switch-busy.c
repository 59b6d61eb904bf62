/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "switch-test-util.h"

/* The switch with a main loop that never runs dry, as under load, when
 * some connection has something to do at every iteration: waiting calls
 * are still routed to READY agents and actions still applied (neither may
 * wait for an idle moment that never comes). The call center is driven
 * through its API here: libsoup's client side needs idle moments too. */

typedef struct {
  AdTestSwitch *ts;
  AdCallCenter *center;
  guint         busy_id;
} Fixture;

static gboolean
on_busy (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) login = NULL;
  g_autoptr(JsonObject) ready = NULL;

  fixture->ts = ad_test_switch_new (NULL);
  fixture->center = ad_switch_server_get_call_center (fixture->ts->server);
  login = ad_call_center_agent_login (fixture->center, "agent1", "place1001", &error);
  g_assert_no_error (error);
  ready = ad_call_center_agent_ready (fixture->center, "agent1", &error);
  g_assert_no_error (error);

  /* Something ready at the default priority at every iteration. */
  fixture->busy_id = g_idle_add_full (G_PRIORITY_DEFAULT, on_busy, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_source_remove (fixture->busy_id);
  ad_test_switch_free (fixture->ts);
}

/* agent1's only interaction, once it has @status (waiting for it). */
static JsonObject *
wait_interaction (Fixture    *fixture,
                  const char *status)
{
  gint64 deadline = g_get_monotonic_time () + AD_TEST_TIMEOUT_S * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(GPtrArray) dtos = ad_call_center_list_interactions (fixture->center, "agent1");

      if (dtos->len == 1 &&
          g_strcmp0 (ad_json_string_or_null (dtos->pdata[0], AD_ATTR_STATUS), status) == 0)
        return json_object_ref (dtos->pdata[0]);
      if (g_get_monotonic_time () > deadline)
        g_error ("agent1 has no %s interaction after %d s", status, AD_TEST_TIMEOUT_S);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_routes_and_applies (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) call = json_object_new ();
  g_autoptr(JsonObject) ringing = NULL;
  g_autoptr(JsonObject) talking = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *call_id = NULL;

  json_object_set_string_member (call, "ani", "+15551230000");
  json_object_set_string_member (call, "queue", "sales");
  call_id = ad_call_center_sim_inbound (fixture->center, call, &error);
  g_assert_no_error (error);
  ringing = wait_interaction (fixture, "RINGING");

  ad_call_center_perform (fixture->center,
                          ad_json_string_or_null (ringing, AD_ATTR_INTERACTION_ID),
                          AD_VOICE_ACTION_ANSWER_CALL, body, NULL, &error);
  g_assert_no_error (error);
  talking = wait_interaction (fixture, "TALKING");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/switch/busy/routes-and-applies", Fixture, NULL,
              fixture_set_up, test_routes_and_applies, fixture_tear_down);

  return g_test_run ();
}
