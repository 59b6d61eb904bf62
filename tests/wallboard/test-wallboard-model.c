/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "TestWallboardModel"

#include "config.h"

#include "ad-board-agent.h"
#include "ad-center-config.h"
#include "ad-queue-stats.h"
#include "ad-sim-crowd.h"
#include "ad-wallboard.h"
#include "wallboard-test-util.h"

/* The queue figures the switch computes, the large demo center, the crowd
 * that brings it to life, and the supervisor's board model fed by a real
 * switch in this process. */

static void
assert_stats (AdCallCenter *center,
              const char   *queue,
              const char   *expected)
{
  g_autoptr(JsonObject) stats = ad_call_center_get_queue_stats (center, queue, NULL);
  g_autofree char *text = ad_json_object_to_string (stats);

  g_assert_cmpstr (text, ==, expected);
}

/* Every figure of the QueueEvent through a scripted sequence, in the large
 * demo center (after-call work on): the service level threshold is 20 s
 * and counts a wait of exactly 20 s as within; early abandons do not count
 * against it; both rounded figures round half up. */
static void
test_queue_figures (void)
{
  g_autoptr(AdCallCenter) center = ad_call_center_new (AD_SWITCH_PROFILE_FULL);
  g_autofree char *c = NULL;
  gint64 now = WALLBOARD_TEST_T0;

  ad_call_center_set_clock (center, wallboard_test_clock, &now);
  ad_call_center_set_action_delay (center, 0);
  ad_call_center_load_demo_sized (center, 30);
  for (guint n = 1; n <= 3; n++)
    wallboard_test_agent_on (center, n, FALSE);
  assert_stats (center, "sales",
                "{\"queue\":\"sales\",\"callsWaiting\":0,\"oldestWaitSeconds\":0,"
                "\"answered\":0,\"abandoned\":0,\"serviceLevelPercent\":100,"
                "\"averageSpeedOfAnswerSeconds\":0,\"agentsReady\":0,\"agentsBusy\":0,"
                "\"agentsNotReady\":3,\"agentsAfterCallWork\":0}");

  /* Waiting: the oldest wait grows with the clock. */
  c = wallboard_test_call_in (center, "sales");
  now += 7 * G_USEC_PER_SEC;
  assert_stats (center, "sales",
                "{\"queue\":\"sales\",\"callsWaiting\":1,\"oldestWaitSeconds\":7,"
                "\"answered\":0,\"abandoned\":0,\"serviceLevelPercent\":100,"
                "\"averageSpeedOfAnswerSeconds\":0,\"agentsReady\":0,\"agentsBusy\":0,"
                "\"agentsNotReady\":3,\"agentsAfterCallWork\":0}");
  /* Abandoned after 7 s: within the threshold, so it leaves SL alone. */
  wallboard_test_hang_up (center, c);
  assert_stats (center, "sales",
                "{\"queue\":\"sales\",\"callsWaiting\":0,\"oldestWaitSeconds\":0,"
                "\"answered\":0,\"abandoned\":1,\"serviceLevelPercent\":100,"
                "\"averageSpeedOfAnswerSeconds\":0,\"agentsReady\":0,\"agentsBusy\":0,"
                "\"agentsNotReady\":3,\"agentsAfterCallWork\":0}");

  /* Answered after 20 s (exactly the threshold: within), 21 s (late) and
   * 3 s; abandoned after 5 s waiting and after 11 s ringing: abandoned 3
   * in all, none late. SL = 2 in time / 3 = 66.7 → 67 %; ASA = 44 / 3 =
   * 14.7 → 15 s; agent1 wraps up after the ring nobody answered. */
  wallboard_test_scripted_calls (center, &now);
  assert_stats (center, "sales",
                "{\"queue\":\"sales\",\"callsWaiting\":0,\"oldestWaitSeconds\":0,"
                "\"answered\":3,\"abandoned\":3,\"serviceLevelPercent\":67,"
                "\"averageSpeedOfAnswerSeconds\":15,\"agentsReady\":0,\"agentsBusy\":2,"
                "\"agentsNotReady\":0,\"agentsAfterCallWork\":1}");
  /* support shares the agents, not the calls. */
  assert_stats (center, "support",
                "{\"queue\":\"support\",\"callsWaiting\":0,\"oldestWaitSeconds\":0,"
                "\"answered\":0,\"abandoned\":0,\"serviceLevelPercent\":100,"
                "\"averageSpeedOfAnswerSeconds\":0,\"agentsReady\":0,\"agentsBusy\":2,"
                "\"agentsNotReady\":0,\"agentsAfterCallWork\":1}");

  /* A caller who waits 25 s and gives up counts against it: 2 / 4 = 50 %. */
  g_clear_pointer (&c, g_free);
  c = wallboard_test_call_in (center, "sales");
  now += 25 * G_USEC_PER_SEC;
  wallboard_test_hang_up (center, c);
  assert_stats (center, "sales",
                "{\"queue\":\"sales\",\"callsWaiting\":0,\"oldestWaitSeconds\":0,"
                "\"answered\":3,\"abandoned\":4,\"serviceLevelPercent\":50,"
                "\"averageSpeedOfAnswerSeconds\":15,\"agentsReady\":0,\"agentsBusy\":2,"
                "\"agentsNotReady\":0,\"agentsAfterCallWork\":1}");
}

/* The directory carries what a board paints from. */
static void
test_directory_extensions (void)
{
  g_autoptr(AdCallCenter) center = ad_call_center_new (AD_SWITCH_PROFILE_FULL);
  g_autoptr(JsonArray) agents = NULL;
  g_autoptr(JsonObject) dto = NULL;
  g_autofree char *call = NULL;
  JsonObject *entry, *current;
  gint64 now = WALLBOARD_TEST_T0;

  ad_call_center_set_clock (center, wallboard_test_clock, &now);
  ad_call_center_set_action_delay (center, 0);
  ad_call_center_load_demo (center);
  wallboard_test_agent_on (center, 1, FALSE);
  dto = ad_call_center_agent_not_ready (center, "agent1", "LUNCH", NULL);
  wallboard_test_agent_on (center, 2, TRUE);
  call = wallboard_test_call_in (center, "support");
  now += 4 * G_USEC_PER_SEC;
  wallboard_test_act (center, 2, AD_INTERACTION_STATUS_RINGING, AD_VOICE_ACTION_ANSWER_CALL);

  agents = ad_call_center_list_agents (center);
  entry = json_array_get_object_element (agents, 0);
  g_assert_cmpstr (ad_json_string_or_null (entry, "status"), ==, "NOT_READY");
  g_assert_cmpstr (ad_json_string_or_null (entry, "reasonCode"), ==, "LUNCH");
  g_assert_cmpstr (ad_json_string_or_null (entry, "statusSince"), ==, "2026-09-21T14:13:20Z");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (entry, "queues")), ==, 2);
  g_assert_true (json_object_get_null_member (entry, "currentCall"));

  entry = json_array_get_object_element (agents, 1);
  g_assert_cmpstr (ad_json_string_or_null (entry, "status"), ==, "BUSY");
  g_assert_null (ad_json_string_or_null (entry, "reasonCode"));
  current = json_object_get_object_member (entry, "currentCall");
  g_assert_cmpstr (ad_json_string_or_null (current, "callType"), ==, "INBOUND");
  g_assert_cmpstr (ad_json_string_or_null (current, "establishedAt"), ==, "2026-09-21T14:13:24Z");

  entry = json_array_get_object_element (agents, 2);
  g_assert_cmpstr (ad_json_string_or_null (entry, "status"), ==, "LOGGED_OUT");
}

/* A large demo center: names unique, twenty queues, two each. */
static void
test_demo_sized (void)
{
  g_autoptr(JsonObject) config = ad_center_config_new_demo_sized (5000);
  g_autoptr(JsonObject) small = ad_center_config_new_demo_sized (4);
  g_autoptr(JsonObject) clamped = ad_center_config_new_demo_sized (G_MAXUINT);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) served = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(AdCallCenter) center = ad_call_center_new (AD_SWITCH_PROFILE_FULL);
  g_autoptr(GPtrArray) queues = NULL;
  JsonArray *agents = json_object_get_array_member (config, "agents");
  g_autoptr(GError) error = NULL;

  g_assert_true (ad_center_config_validate (config, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (agents), ==, 5000);
  g_assert_true (json_object_get_boolean_member (config, "afterCallWork"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (config, "queues")), ==, 20);

  for (guint i = 0; i < json_array_get_length (agents); i++)
    {
      JsonObject *agent = json_array_get_object_element (agents, i);
      JsonArray *agent_queues = json_object_get_array_member (agent, "queues");

      g_assert_true (g_hash_table_add (names, (gpointer) json_object_get_string_member (agent, "name")));
      g_assert_cmpuint (json_array_get_length (agent_queues), ==, 2);
      g_assert_cmpstr (json_array_get_string_element (agent_queues, 0), !=,
                       json_array_get_string_element (agent_queues, 1));
      g_hash_table_add (served, (gpointer) json_array_get_string_element (agent_queues, 0));
    }
  /* Every queue has agents for whom it is the main one. */
  g_assert_cmpuint (g_hash_table_size (served), ==, 20);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (agents, 0), "name"),
                   ==, "Ada Park");

  /* Up to ten, the contract's center. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (small, "agents")), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (small, "queues")), ==, 2);
  g_assert_false (json_object_has_member (small, "afterCallWork"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (clamped, "agents")), ==,
                    AD_CENTER_DEMO_MAX_AGENTS);
  g_assert_true (ad_center_config_validate (clamped, &error));

  ad_call_center_load_demo_sized (center, 200);
  queues = ad_call_center_list_queues (center);
  g_assert_cmpuint (queues->len, ==, 20);
  g_assert_cmpstr (g_ptr_array_index (queues, 2), ==, "billing");
  g_assert_true (ad_call_center_has_agent (center, "agent200"));
  g_assert_false (ad_call_center_has_agent (center, "agent201"));
}

typedef struct {
  guint answered, abandoned, logged_in, ready, busy, acw, not_ready;
} Totals;

static Totals
center_totals (AdCallCenter *center)
{
  g_autoptr(GPtrArray) queues = ad_call_center_list_queues (center);
  g_autoptr(JsonArray) agents = ad_call_center_list_agents (center);
  Totals t = { 0, };

  for (guint i = 0; i < queues->len; i++)
    {
      g_autoptr(JsonObject) stats = ad_call_center_get_queue_stats (center, queues->pdata[i], NULL);

      t.answered += json_object_get_int_member (stats, "answered");
      t.abandoned += json_object_get_int_member (stats, "abandoned");
    }
  for (guint i = 0; i < json_array_get_length (agents); i++)
    {
      const char *status = json_object_get_string_member (json_array_get_object_element (agents, i),
                                                          "status");

      t.logged_in += g_strcmp0 (status, "LOGGED_OUT") != 0;
      t.ready += g_strcmp0 (status, "READY") == 0;
      t.busy += g_strcmp0 (status, "BUSY") == 0;
      t.acw += g_strcmp0 (status, "AFTER_CALL_WORK") == 0;
      t.not_ready += g_strcmp0 (status, "NOT_READY") == 0;
    }
  return t;
}

/* The crowd logs most agents in, answers, talks, wraps up and marks done
 * on its own, and its callers get answered — fast-forwarded. */
static void
test_crowd (void)
{
  g_autoptr(AdCallCenter) center = ad_call_center_new (AD_SWITCH_PROFILE_FULL);
  g_autoptr(AdSimCrowd) crowd = NULL;
  Totals t;

  ad_call_center_set_action_delay (center, 0);
  ad_call_center_load_demo_sized (center, 200);
  crowd = ad_sim_crowd_new (center, 7);
  ad_sim_crowd_set_pace (crowd, 40);
  ad_sim_crowd_start (crowd);

  t = center_totals (center);
  /* 4 % stay out at first, 12 % start on a break (same seed, same draw). */
  g_assert_cmpuint (t.logged_in, >, 170);
  g_assert_cmpuint (t.logged_in, <, 200);
  g_assert_cmpuint (t.not_ready, >, 0);
  g_assert_cmpuint (t.ready, >, t.not_ready);

  /* Calls come in, get answered, end, and agents wrap up and come back.
   * The totals are costly to gather: looked at between spins. */
  CLIENT_TEST_WAIT_UNTIL ((client_test_spin (250), t = center_totals (center)).answered >= 20 &&
                          t.acw > 0 && t.busy > 0);
  g_assert_cmpuint (ad_sim_crowd_get_n_calls (crowd), >=, t.answered + t.abandoned);

  /* Stopped, it acts no more: what it had asked for lands, then nothing. */
  ad_sim_crowd_stop (crowd);
  client_test_spin (100);
  t = center_totals (center);
  client_test_spin (300);
  g_assert_cmpuint (center_totals (center).answered, ==, t.answered);
}

/* Board model */

typedef struct {
  ClientTestSwitch *ts;
  AdClient         *client;
  AdWallboard      *board;
  gint64            now;
  guint             items_changed;
  guint             status_notifies;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  AdSwitchOptions options;

  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);
  f->ts = client_test_switch_new (&options);
  f->client = ad_client_new (f->ts->base_url);
  f->board = ad_wallboard_new (f->client, "supervisor", "demo");
  ad_wallboard_set_backoff (f->board, 50, 200);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ad_wallboard_stop (f->board);
  g_clear_object (&f->board);
  g_clear_object (&f->client);
  client_test_switch_free (f->ts);
  /* Let the closed connections be finalized. */
  wallboard_test_flush ();
}

static AdCallCenter *
fixture_center (Fixture *f)
{
  return ad_switch_server_get_call_center (f->ts->server);
}

/* Whether the board's figures are the switch's (QueueEvents come at most
 * once a second per queue: the board gets there, not at once). */
static gboolean
board_matches_switch (Fixture *f)
{
  g_autoptr(GPtrArray) names = ad_call_center_list_queues (fixture_center (f));
  g_autoptr(JsonArray) agents = ad_call_center_list_agents (fixture_center (f));

  ad_wallboard_flush (f->board);
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(JsonObject) stats = ad_call_center_get_queue_stats (fixture_center (f),
                                                                    names->pdata[i], NULL);
      AdQueueStats *queue = ad_wallboard_lookup_queue (f->board, names->pdata[i]);

      if (queue == NULL ||
          ad_queue_stats_get_agents_ready (queue) != json_object_get_int_member (stats, "agentsReady") ||
          ad_queue_stats_get_agents_busy (queue) != json_object_get_int_member (stats, "agentsBusy") ||
          ad_queue_stats_get_agents_not_ready (queue) != json_object_get_int_member (stats, "agentsNotReady") ||
          ad_queue_stats_get_answered (queue) != json_object_get_int_member (stats, "answered"))
        return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (agents); i++)
    {
      JsonObject *entry = json_array_get_object_element (agents, i);
      AdBoardAgent *agent = ad_wallboard_lookup_agent (f->board,
                                                       json_object_get_string_member (entry, "agentId"));

      if (agent == NULL ||
          g_strcmp0 (ad_agent_status_to_string (ad_board_agent_get_status (agent)),
                     json_object_get_string_member (entry, "status")) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
assert_board_matches_switch (Fixture *f)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(JsonArray) agents = NULL;

  CLIENT_TEST_WAIT_UNTIL (board_matches_switch (f));
  names = ad_call_center_list_queues (fixture_center (f));
  agents = ad_call_center_list_agents (fixture_center (f));
  g_assert_cmpuint (g_list_model_get_n_items (ad_wallboard_get_queues (f->board)), ==, names->len);
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(JsonObject) stats = ad_call_center_get_queue_stats (fixture_center (f),
                                                                    names->pdata[i], NULL);
      AdQueueStats *queue = ad_wallboard_lookup_queue (f->board, names->pdata[i]);

      g_assert_nonnull (queue);
      g_assert_cmpuint (ad_queue_stats_get_calls_waiting (queue), ==,
                        json_object_get_int_member (stats, "callsWaiting"));
      g_assert_cmpuint (ad_queue_stats_get_answered (queue), ==,
                        json_object_get_int_member (stats, "answered"));
      g_assert_cmpuint (ad_queue_stats_get_abandoned (queue), ==,
                        json_object_get_int_member (stats, "abandoned"));
      g_assert_cmpuint (ad_queue_stats_get_service_level_percent (queue), ==,
                        json_object_get_int_member (stats, "serviceLevelPercent"));
      g_assert_cmpuint (ad_queue_stats_get_average_speed_of_answer_seconds (queue), ==,
                        json_object_get_int_member (stats, "averageSpeedOfAnswerSeconds"));
      g_assert_cmpuint (ad_queue_stats_get_agents_ready (queue), ==,
                        json_object_get_int_member (stats, "agentsReady"));
      g_assert_cmpuint (ad_queue_stats_get_agents_busy (queue), ==,
                        json_object_get_int_member (stats, "agentsBusy"));
      g_assert_cmpuint (ad_queue_stats_get_agents_not_ready (queue), ==,
                        json_object_get_int_member (stats, "agentsNotReady"));
      g_assert_cmpuint (ad_queue_stats_get_agents_after_call_work (queue), ==,
                        json_object_get_int_member (stats, "agentsAfterCallWork"));
    }

  g_assert_cmpuint (g_list_model_get_n_items (ad_wallboard_get_agents (f->board)), ==,
                    json_array_get_length (agents));
  for (guint i = 0; i < json_array_get_length (agents); i++)
    {
      JsonObject *entry = json_array_get_object_element (agents, i);
      AdBoardAgent *agent = ad_wallboard_lookup_agent (f->board,
                                                       json_object_get_string_member (entry, "agentId"));

      g_assert_nonnull (agent);
      g_assert_cmpstr (ad_board_agent_get_name (agent), ==, json_object_get_string_member (entry, "name"));
      g_assert_cmpstr (ad_agent_status_to_string (ad_board_agent_get_status (agent)), ==,
                       json_object_get_string_member (entry, "status"));
      g_assert_cmpstr (ad_board_agent_get_reason_code (agent), ==,
                       ad_json_string_or_null (entry, "reasonCode"));
    }
}

static gboolean
board_live (Fixture *f)
{
  return !ad_wallboard_get_stale (f->board);
}

/* Painted from GET /agents and /queues, then kept in step by events. */
static void
test_board_follows (Fixture       *f,
                    gconstpointer  data)
{
  AdCallCenter *center = fixture_center (f);
  g_autofree char *call = NULL;
  g_autoptr(JsonObject) dto = NULL;
  AdBoardAgent *agent1, *agent3;

  wallboard_test_agent_on (center, 3, FALSE);
  dto = ad_call_center_agent_not_ready (center, "agent3", "MEETING", NULL);
  g_assert_true (ad_wallboard_get_stale (f->board));
  g_assert_null (ad_wallboard_get_last_update (f->board));
  ad_wallboard_start (f->board);
  CLIENT_TEST_WAIT_UNTIL (board_live (f));
  g_assert_nonnull (ad_wallboard_get_last_update (f->board));
  g_assert_cmpint (ad_wallboard_get_connection_state (f->board), ==, AD_CONNECTION_STATE_CONNECTED);
  assert_board_matches_switch (f);
  agent1 = ad_wallboard_lookup_agent (f->board, "agent1");
  g_assert_cmpint (ad_board_agent_get_status (agent1), ==, AD_AGENT_STATUS_LOGGED_OUT);
  g_assert_cmpstr (ad_board_agent_get_name (agent1), ==, "Ada Park");
  g_assert_true (ad_board_agent_has_queue (agent1, "support"));
  /* Reason codes come with the center's labels. */
  agent3 = ad_wallboard_lookup_agent (f->board, "agent3");
  g_assert_cmpstr (ad_board_agent_get_reason_code (agent3), ==, "MEETING");
  g_assert_cmpstr (ad_board_agent_get_reason_label (agent3), ==, "Meeting");

  /* A call through the queue: ringing, talking, over. */
  wallboard_test_agent_on (center, 1, TRUE);
  call = wallboard_test_call_in (center, "sales");
  CLIENT_TEST_WAIT_UNTIL (ad_board_agent_get_call_type (agent1) == AD_CALL_TYPE_INBOUND);
  g_assert_cmpint (ad_board_agent_get_status (agent1), ==, AD_AGENT_STATUS_BUSY);
  g_assert_cmpint (ad_board_agent_get_call_established_at (agent1), ==, 0);
  wallboard_test_act (center, 1, AD_INTERACTION_STATUS_RINGING, AD_VOICE_ACTION_ANSWER_CALL);
  CLIENT_TEST_WAIT_UNTIL (ad_board_agent_get_call_established_at (agent1) > 0);
  wallboard_test_hang_up (center, call);
  CLIENT_TEST_WAIT_UNTIL (ad_board_agent_get_status (agent1) == AD_AGENT_STATUS_READY &&
                          ad_queue_stats_get_answered (ad_wallboard_lookup_queue (f->board, "sales")) == 1);
  g_assert_cmpint (ad_board_agent_get_call_type (agent1), ==, AD_CALL_TYPE_UNKNOWN);
  assert_board_matches_switch (f);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  f->items_changed++;
}

static void
on_status_notify (AdBoardAgent *agent,
                  GParamSpec   *pspec,
                  Fixture      *f)
{
  f->status_notifies++;
}

/* Four changes of one agent between two flushes: one update, one
 * notification, one items-changed. */
static void
test_board_coalesces (Fixture       *f,
                      gconstpointer  data)
{
  AdCallCenter *center = fixture_center (f);
  g_autoptr(JsonObject) dto = NULL;
  AdBoardAgent *agent2;
  guint64 events, applied;

  ad_wallboard_start (f->board);
  CLIENT_TEST_WAIT_UNTIL (board_live (f));
  /* From here on, only explicit flushes apply anything. */
  ad_wallboard_set_flush_interval (f->board, 60000);
  agent2 = ad_wallboard_lookup_agent (f->board, "agent2");
  g_signal_connect (agent2, "notify::status", G_CALLBACK (on_status_notify), f);
  g_signal_connect (ad_wallboard_get_agents (f->board), "items-changed",
                    G_CALLBACK (on_items_changed), f);
  events = ad_wallboard_get_n_events (f->board);
  applied = ad_wallboard_get_n_applied (f->board);

  wallboard_test_agent_on (center, 2, TRUE);  /* login, ready */
  dto = ad_call_center_agent_not_ready (center, "agent2", "BREAK", NULL);
  g_clear_pointer (&dto, json_object_unref);
  dto = ad_call_center_agent_ready (center, "agent2", NULL);
  CLIENT_TEST_WAIT_UNTIL (ad_wallboard_get_n_events (f->board) >= events + 4);
  client_test_spin (100);

  g_assert_cmpint (ad_board_agent_get_status (agent2), ==, AD_AGENT_STATUS_LOGGED_OUT);
  g_assert_cmpuint (f->status_notifies, ==, 0);
  g_assert_cmpuint (f->items_changed, ==, 0);

  ad_wallboard_flush (f->board);
  g_assert_cmpint (ad_board_agent_get_status (agent2), ==, AD_AGENT_STATUS_READY);
  g_assert_null (ad_board_agent_get_reason_code (agent2));
  g_assert_cmpuint (f->status_notifies, ==, 1);
  g_assert_cmpuint (f->items_changed, ==, 1);
  /* One agent update plus one per queue whose figures came meanwhile (two
   * queues at most), for four agent events and more queue events. */
  g_assert_cmpuint (ad_wallboard_get_n_applied (f->board) - applied, <=, 3);
  g_assert_cmpuint (ad_wallboard_get_n_events (f->board) - events, >=, 4);

  /* A board sorted by name, filtered on logged-in agents, need not hear
   * of a change of state; it does of a logout. */
  ad_wallboard_set_watched_fields (f->board, AD_BOARD_AGENT_FIELD_NAME |
                                             AD_BOARD_AGENT_FIELD_LOGGED_IN);
  events = ad_wallboard_get_n_events (f->board);
  g_clear_pointer (&dto, json_object_unref);
  dto = ad_call_center_agent_not_ready (center, "agent2", "LUNCH", NULL);
  CLIENT_TEST_WAIT_UNTIL (ad_wallboard_get_n_events (f->board) > events);
  ad_wallboard_flush (f->board);
  g_assert_cmpint (ad_board_agent_get_status (agent2), ==, AD_AGENT_STATUS_NOT_READY);
  g_assert_cmpuint (f->status_notifies, ==, 2);
  g_assert_cmpuint (f->items_changed, ==, 1);

  events = ad_wallboard_get_n_events (f->board);
  g_clear_pointer (&dto, json_object_unref);
  dto = ad_call_center_agent_logout (center, "agent2", NULL);
  CLIENT_TEST_WAIT_UNTIL (ad_wallboard_get_n_events (f->board) > events);
  ad_wallboard_flush (f->board);
  g_assert_cmpuint (f->items_changed, ==, 2);
  assert_board_matches_switch (f);
}

/* The stream drops: stale (with the time it was last live) until it is
 * back and the board has been fetched again. */
static void
test_board_stale (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) live_until = NULL;

  ad_wallboard_start (f->board);
  CLIENT_TEST_WAIT_UNTIL (board_live (f));

  client_test_switch_restart (f->ts);
  CLIENT_TEST_WAIT_UNTIL (ad_wallboard_get_stale (f->board));
  g_assert_nonnull (ad_wallboard_get_last_update (f->board));
  live_until = g_date_time_ref (ad_wallboard_get_last_update (f->board));

  /* The new switch knows neither token nor subscription: signed in again. */
  wallboard_test_agent_on (fixture_center (f), 4, TRUE);
  CLIENT_TEST_WAIT_UNTIL (board_live (f) &&
                          ad_board_agent_get_status (ad_wallboard_lookup_agent (f->board, "agent4")) ==
                          AD_AGENT_STATUS_READY);
  g_assert_cmpint (g_date_time_compare (ad_wallboard_get_last_update (f->board), live_until), >=, 0);
  assert_board_matches_switch (f);
}

static void
on_refused (AdWallboard  *board,
            const GError *error,
            GError      **slot)
{
  g_assert_null (*slot);
  *slot = g_error_copy (error);
}

/* An agent's account is not a supervisor's: no board, and the board says
 * it was refused rather than trying again. */
static void
test_board_needs_supervisor (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(AdWallboard) board = ad_wallboard_new (f->client, "agent1", "demo");
  g_autoptr(GError) refused = NULL;

  g_signal_connect (board, "refused", G_CALLBACK (on_refused), &refused);
  ad_wallboard_start (board);
  CLIENT_TEST_WAIT_UNTIL (refused != NULL);
  g_assert_error (refused, AD_ERROR, AD_ERROR_FORBIDDEN);
  g_assert_nonnull (ad_wallboard_get_error_message (board));
  g_assert_true (ad_wallboard_get_stale (board));
  g_assert_cmpint (ad_wallboard_get_connection_state (board), ==, AD_CONNECTION_STATE_OFFLINE);
}

/* A wrong password is refused once, not tried again and again. */
static void
test_board_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AdWallboard) board = ad_wallboard_new (f->client, "supervisor", "wrong");
  g_autoptr(GError) refused = NULL;

  ad_wallboard_set_backoff (board, 50, 200);
  g_signal_connect (board, "refused", G_CALLBACK (on_refused), &refused);
  ad_wallboard_start (board);
  CLIENT_TEST_WAIT_UNTIL (refused != NULL);
  g_assert_error (refused, AD_ERROR, AD_ERROR_UNAUTHORIZED);
  g_assert_cmpint (ad_wallboard_get_connection_state (board), ==, AD_CONNECTION_STATE_OFFLINE);
  /* on_refused would fail at a second refusal. */
  client_test_spin (400);
}

/* Signs @board in once with ad_wallboard_start_async(). */
static gboolean
start_board (AdWallboard  *board,
             GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  ad_wallboard_start_async (board, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  return ad_wallboard_start_finish (board, result, error);
}

/* The sign-in form's first attempt: every failure comes back at once, with
 * what it was, and the board stays stopped; the right credentials start it. */
static void
test_board_start_async (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AdWallboard) wrong = ad_wallboard_new (f->client, "supervisor", "wrong");
  g_autoptr(AdWallboard) agent = ad_wallboard_new (f->client, "agent1", "demo");
  ClientTestSwitch *gone;
  g_autoptr(AdClient) unreachable = NULL;
  g_autoptr(AdWallboard) nowhere = NULL;
  g_autoptr(GError) error = NULL;
  AdSwitchOptions options;

  g_assert_false (start_board (wrong, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_UNAUTHORIZED);
  g_assert_cmpint (ad_wallboard_get_connection_state (wrong), ==, AD_CONNECTION_STATE_OFFLINE);
  g_clear_error (&error);

  g_assert_false (start_board (agent, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_FORBIDDEN);
  g_assert_cmpint (ad_wallboard_get_connection_state (agent), ==, AD_CONNECTION_STATE_OFFLINE);
  g_clear_error (&error);

  /* A port where a switch was and is no more. */
  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);
  gone = client_test_switch_new (&options);
  unreachable = ad_client_new (gone->base_url);
  client_test_switch_free (gone);
  nowhere = ad_wallboard_new (unreachable, "supervisor", "demo");
  g_assert_false (start_board (nowhere, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_NETWORK);
  g_clear_error (&error);

  g_assert_true (start_board (f->board, &error));
  g_assert_no_error (error);
  CLIENT_TEST_WAIT_UNTIL (board_live (f));
  g_assert_null (ad_wallboard_get_error_message (f->board));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wallboard/switch/queue-figures", test_queue_figures);
  g_test_add_func ("/wallboard/switch/directory-extensions", test_directory_extensions);
  g_test_add_func ("/wallboard/switch/demo-sized", test_demo_sized);
  g_test_add_func ("/wallboard/switch/crowd", test_crowd);
  g_test_add ("/wallboard/model/follows", Fixture, NULL,
              fixture_set_up, test_board_follows, fixture_tear_down);
  g_test_add ("/wallboard/model/coalesces", Fixture, NULL,
              fixture_set_up, test_board_coalesces, fixture_tear_down);
  g_test_add ("/wallboard/model/stale", Fixture, NULL,
              fixture_set_up, test_board_stale, fixture_tear_down);
  g_test_add ("/wallboard/model/refused", Fixture, NULL,
              fixture_set_up, test_board_refused, fixture_tear_down);
  g_test_add ("/wallboard/model/start-async", Fixture, NULL,
              fixture_set_up, test_board_start_async, fixture_tear_down);
  g_test_add ("/wallboard/model/needs-supervisor", Fixture, NULL,
              fixture_set_up, test_board_needs_supervisor, fixture_tear_down);

  return g_test_run ();
}
