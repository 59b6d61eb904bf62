/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "switch-test-util.h"

#include <string.h>

/* Every route of the contract (docs/protocol.md) against every kind of
 * caller, over real HTTP: the agent that owns the resource (agent1), another
 * agent (agent2), the supervisor, no token, a garbage token, an expired
 * token and a signed-out one. Each cell gets a fresh switch, so a cell that
 * changes state (signing out, logging out) cannot decide another's answer. */

typedef enum {
  WHO_OWNER,
  WHO_OTHER,
  WHO_SUPERVISOR,
  WHO_NONE,
  WHO_GARBAGE,
  WHO_REVOKED,
  N_WHO,
} Who;

static const char *who_names[N_WHO] = {
  "owner", "other agent", "supervisor", "no token", "garbage token", "signed-out token",
};

typedef struct {
  const char *method;
  /* After /api/v1/; {I} is agent1's ringing interaction, {C} its inbound
   * call, {U} agent1's subscription. */
  const char *path;
  const char *body;
  /* Owner, other agent, supervisor; callers without a valid token get 401
   * everywhere but on a public route, where they get the owner's answer. */
  guint       expect[3];
  gboolean    public_route;
} Route;

#define SUBSCRIBE(key, value)                                                                 \
  "{\"topicsServices\": [{\"serviceName\": \"InteractionService\", \"topicsEvents\": "        \
  "[{\"eventName\": \"InteractionEvent\", \"triggers\": [{\"key\": \"" key "\", \"value\": \"" \
  value "\"}]}]}]}"

static const Route routes[] = {
  { "POST", "session", "{\"username\": \"agent3\", \"password\": \"demo\"}", { 201, 201, 201 }, TRUE },
  { "DELETE", "session", NULL, { 204, 204, 204 } },
  { "GET", "center", NULL, { 200, 200, 200 } },
  { "GET", "agents", NULL, { 200, 200, 200 } },
  { "GET", "places", NULL, { 200, 200, 200 } },
  { "GET", "agents/agent1", NULL, { 200, 403, 200 } },
  { "POST", "agents/agent1/login", "{\"placeId\": \"place1001\"}", { 200, 403, 200 } },
  { "POST", "agents/agent1/ready", "{}", { 200, 403, 200 } },
  { "POST", "agents/agent1/not-ready", "{\"reasonCode\": \"BREAK\"}", { 200, 403, 200 } },
  { "POST", "agents/agent1/after-call-work", "{}", { 200, 403, 200 } },
  /* agent1 has a ringing call: past authorization, the state refuses. */
  { "POST", "agents/agent1/logout", "{}", { 409, 403, 409 } },
  { "GET", "queues", NULL, { 403, 403, 200 } },
  { "GET", "interactions?agentId=agent1", NULL, { 200, 403, 200 } },
  { "GET", "interactions/{I}", NULL, { 200, 403, 200 } },
  { "GET", "interactions/{I}?attributes=interaction:status", NULL, { 200, 403, 200 } },
  { "POST", "voice/interactions", "{\"dnId\": \"1001\"}", { 201, 403, 201 } },
  { "POST", "voice/interactions", "{\"placeId\": \"place1001\"}", { 201, 403, 201 } },
  { "POST", "voice/interactions/{I}/answer-call", "{}", { 202, 403, 202 } },
  { "POST", "voice/interactions/{I}/attach-data", "{\"attachedData\": {\"k\": \"v\"}}", { 202, 403, 202 } },
  { "POST", "events/subscriptions", SUBSCRIBE ("AGENT", "agent1"), { 201, 403, 201 } },
  { "POST", "events/subscriptions", SUBSCRIBE ("PLACE", "place1001"), { 201, 403, 201 } },
  { "POST", "events/subscriptions", SUBSCRIBE ("DN", "1001"), { 201, 403, 201 } },
  { "POST", "events/subscriptions", SUBSCRIBE ("ALL", ""), { 403, 403, 201 } },
  { "GET", "events/subscriptions/{U}/stream", NULL, { 200, 403, 200 } },
  { "DELETE", "events/subscriptions/{U}", NULL, { 204, 403, 204 } },
  { "GET", "history?agentId=agent1", NULL, { 200, 403, 200 } },
  { "POST", "sim/inbound", "{\"ani\": \"+15551239999\", \"queue\": \"sales\"}", { 403, 403, 201 } },
  { "POST", "sim/calls/{C}/hangup", "{}", { 403, 403, 204 } },
};

/* A switch where agent1 and agent2 are READY on their places, an inbound
 * call rings agent1, agent1 has a subscription, and a token of agent1 was
 * signed out. */
typedef struct {
  AdTestSwitch *ts;
  char         *tokens[N_WHO];
  char         *interaction_id;
  char         *call_id;
  char         *subscription_id;
} World;

static char *
first_interaction (AdTestSwitch *ts,
                   const char   *token)
{
  for (;;)
    {
      g_autoptr(JsonObject) body = ad_test_switch_expect (ts, 200, "GET",
                                                          "/api/v1/interactions?agentId=agent1",
                                                          token, NULL);
      JsonArray *list = json_object_get_array_member (body, "interactions");

      if (json_array_get_length (list) > 0)
        return g_strdup (json_object_get_string_member (json_array_get_object_element (list, 0),
                                                        "interaction:interactionId"));
      ad_test_spin (10);
    }
}

static World *
world_new (const AdSwitchOptions *options)
{
  World *w = g_new0 (World, 1);
  g_autoptr(JsonObject) call = NULL;

  w->ts = ad_test_switch_new (options);

  w->tokens[WHO_REVOKED] = ad_test_switch_login (w->ts, "agent1", "demo");
  g_assert_cmpuint (ad_test_switch_request (w->ts, "DELETE", "/api/v1/session",
                                            w->tokens[WHO_REVOKED], NULL, NULL), ==, 204);

  w->tokens[WHO_OWNER] = ad_test_switch_agent_on (w->ts, "agent1", "place1001", TRUE);
  w->tokens[WHO_OTHER] = ad_test_switch_agent_on (w->ts, "agent2", "place1002", TRUE);
  w->tokens[WHO_SUPERVISOR] = ad_test_switch_login (w->ts, "supervisor", "demo");
  w->tokens[WHO_GARBAGE] = g_strdup ("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

  call = ad_test_switch_expect (w->ts, 201, "POST", "/api/v1/sim/inbound",
                                w->tokens[WHO_SUPERVISOR],
                                "{\"ani\": \"+15551230000\", \"queue\": \"sales\"}");
  w->call_id = g_strdup (json_object_get_string_member (call, "callId"));
  w->interaction_id = first_interaction (w->ts, w->tokens[WHO_OWNER]);
  w->subscription_id = ad_test_switch_subscribe_agent (w->ts, w->tokens[WHO_OWNER], "agent1");
  return w;
}

static void
world_free (World *w)
{
  for (guint i = 0; i < N_WHO; i++)
    g_free (w->tokens[i]);
  g_free (w->interaction_id);
  g_free (w->call_id);
  g_free (w->subscription_id);
  ad_test_switch_free (w->ts);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (World, world_free)

static char *
route_path (const Route *route,
            World       *w)
{
  g_autoptr(GString) path = g_string_new ("/api/v1/");

  g_string_append (path, route->path);
  g_string_replace (path, "{I}", w->interaction_id, 0);
  g_string_replace (path, "{C}", w->call_id, 0);
  g_string_replace (path, "{U}", w->subscription_id, 0);
  return g_string_free (g_steal_pointer (&path), FALSE);
}

/* The status @token gets on @route; streams are answered with their
 * headers and then stay open, so they are opened, not read. */
static guint
call_route (World       *w,
            const Route *route,
            const char  *token,
            GString     *detail)
{
  g_autofree char *path = route_path (route, w);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  if (g_str_has_suffix (route->path, "/stream"))
    {
      g_autoptr(AdTestStream) stream = ad_test_stream_open (w->ts, w->subscription_id, token,
                                                            NULL);
      return ad_test_stream_get_status (stream);
    }

  if (route->body != NULL)
    body = g_bytes_new_static (route->body, strlen (route->body));
  status = ad_test_switch_request_raw (w->ts, route->method, path, token, body, NULL, &response);
  if (response != NULL)
    g_string_append_len (detail, g_bytes_get_data (response, NULL), g_bytes_get_size (response));
  return status;
}

static guint
expected_status (const Route *route,
                 Who          who)
{
  if (who <= WHO_SUPERVISOR)
    return route->expect[who];
  return route->public_route ? route->expect[WHO_OWNER] : SOUP_STATUS_UNAUTHORIZED;
}

static void
test_route (gconstpointer data)
{
  const Route *route = data;
  g_autoptr(GString) wrong = g_string_new (NULL);

  for (Who who = 0; who < N_WHO; who++)
    {
      g_autoptr(World) w = world_new (NULL);
      g_autoptr(GString) detail = g_string_new (NULL);
      const char *token = who == WHO_NONE ? NULL : w->tokens[who];
      guint status = call_route (w, route, token, detail);
      guint expected = expected_status (route, who);

      if (status != expected)
        g_string_append_printf (wrong, "\n  %s: %u, expected %u %s", who_names[who], status,
                                expected, detail->str);
      /* An error is the contract's error body. */
      else if (status >= 400 && detail->len > 0)
        g_assert_nonnull (strstr (detail->str, "\"error\""));
    }

  if (wrong->len > 0)
    g_test_fail_printf ("%s %s:%s", route->method, route->path, wrong->str);
}

/* An expired token is refused on every route but signing in. The switch
 * expires tokens idle for token_ttl_s (1 s here): each route gets its own
 * token, left idle well past that. */
static void
test_expired (void)
{
  AdSwitchOptions options;
  g_autoptr(World) w = NULL;
  g_auto(GStrv) tokens = g_new0 (char *, G_N_ELEMENTS (routes) + 1);

  ad_test_switch_options_init (&options);
  options.token_ttl_s = 1;
  w = world_new (&options);

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    tokens[i] = ad_test_switch_login (w->ts, "agent1", "demo");
  ad_test_spin (2500);

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_autoptr(GString) detail = g_string_new (NULL);
      guint status = call_route (w, &routes[i], tokens[i], detail);

      if (routes[i].public_route)
        g_assert_cmpuint (status, ==, 201);
      else
        {
          g_test_message ("%s %s: %u %s", routes[i].method, routes[i].path, status, detail->str);
          g_assert_cmpuint (status, ==, 401);
        }
    }
}

/* A subscription whose topics name no trigger (or one the caller may not
 * use) never carries another agent's events. The stream is ordered: once
 * agent2's own AgentEvent (the sentinel, asked for in the same
 * subscription) arrives, everything of agent1's before it would have too. */
static void
test_no_foreign_events (void)
{
  g_autoptr(World) w = world_new (NULL);
  g_autofree char *id = ad_test_switch_subscribe (
    w->ts, w->tokens[WHO_OTHER],
    "{\"topicsServices\": [{\"serviceName\": \"InteractionService\", \"topicsEvents\": "
    "[{\"eventName\": \"InteractionEvent\"}]}, {\"serviceName\": \"AgentService\", "
    "\"topicsEvents\": [{\"eventName\": \"AgentEvent\", \"triggers\": [{\"key\": \"AGENT\", "
    "\"value\": \"agent2\"}]}]}]}");
  g_autoptr(AdTestStream) stream = ad_test_stream_open (w->ts, id, w->tokens[WHO_OTHER], NULL);
  g_autofree char *answer = g_strdup_printf ("/api/v1/voice/interactions/%s/answer-call",
                                             w->interaction_id);
  g_autoptr(JsonObject) agent = NULL;
  g_autoptr(JsonObject) sentinel = NULL;
  AdTestEvent *event;

  g_assert_cmpuint (ad_test_stream_get_status (stream), ==, 200);

  /* agent1's call changes and agent1's state changes. */
  g_assert_cmpuint (ad_test_switch_request (w->ts, "POST", answer, w->tokens[WHO_OWNER], "{}",
                                            NULL), ==, 202);
  agent = ad_test_switch_expect (w->ts, 200, "GET", "/api/v1/agents/agent1",
                                 w->tokens[WHO_OWNER], NULL);
  sentinel = ad_test_switch_expect (w->ts, 200, "POST", "/api/v1/agents/agent2/not-ready",
                                    w->tokens[WHO_OTHER], "{}");

  do
    {
      event = ad_test_stream_next (stream);
      g_assert_nonnull (event->json);
      g_assert_null (strstr (event->data, "agent1"));
    }
  while (g_strcmp0 (event->name, "AgentEvent") != 0);
  g_assert_cmpstr (json_object_get_string_member (event->json, "agentId"), ==, "agent2");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_autofree char *name = g_strdup_printf ("/security/authorization/%02u %s %s", i,
                                               routes[i].method, routes[i].path);

      g_strdelimit (name + strlen ("/security/authorization/"), "/?{}=&", '_');
      g_test_add_data_func (name, &routes[i], test_route);
    }
  g_test_add_func ("/security/authorization/expired-token", test_expired);
  g_test_add_func ("/security/authorization/no-foreign-events", test_no_foreign_events);

  return g_test_run ();
}
