/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "client-test-util.h"
#include "fault-proxy.h"

#include <libsoup/soup.h>

/* AdClient's state-changing requests carry X-Request-Id (docs/protocol.md,
 * "Request ids"): they go on the kept-alive connection, and when that
 * connection fails under a request, the request is sent again and the
 * switch runs it once. The real switch in this process, behind a proxy
 * that counts connections and cuts them. */

#define MAKE_CALL_DESTINATION "5551234567"

typedef struct {
  ClientTestSwitch *ts;
  FaultProxy       *proxy;
  AdClient         *client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  AdSwitchOptions options;

  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);
  fixture->ts = client_test_switch_new (&options);
  fixture->proxy = fault_proxy_new (fixture->ts->port);
  fixture->client = ad_client_new (fault_proxy_get_url (fixture->proxy));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  fault_proxy_free (fixture->proxy);
  client_test_switch_free (fixture->ts);
}

static void
sign_in (Fixture *fixture)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ad_client_login_async (fixture->client, "agent1", "demo", NULL, client_test_store_result,
                         &slot);
  result = client_test_wait_result (&slot);
  g_assert_true (ad_client_login_finish (fixture->client, result, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Waits for a request that completes with ad_client_request_finish(). */
static JsonObject *
wait_object (Fixture       *fixture,
             GAsyncResult **slot)
{
  g_autoptr(GAsyncResult) result = client_test_wait_result (slot);
  g_autoptr(GError) error = NULL;
  JsonObject *object = ad_client_request_finish (fixture->client, result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (object);
  return object;
}

static void
agent_login (Fixture *fixture)
{
  GAsyncResult *result = NULL;
  g_autoptr(JsonObject) dto = NULL;

  ad_client_agent_login_async (fixture->client, "agent1", "place1001", NULL,
                               client_test_store_result, &result);
  dto = wait_object (fixture, &result);
  g_assert_cmpstr (ad_json_string_or_null (dto, "agent:status"), ==, "NOT_READY");
}

/* POST /voice/interactions with a destination: a make call. Returns the
 * new interaction's id. */
static char *
make_call (Fixture *fixture)
{
  g_autoptr(JsonObject) body = json_object_new ();
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) dto = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (body, "dnId", "1001");
  json_object_set_string_member (body, "destination", MAKE_CALL_DESTINATION);
  ad_client_create_interaction_async (fixture->client, body, NULL, client_test_store_result,
                                      &slot);
  result = client_test_wait_result (&slot);
  dto = ad_client_dto_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dto);
  return g_strdup (ad_json_string_or_null (dto, "interaction:interactionId"));
}

/* The ids of agent1's interactions on the switch. */
static GPtrArray *
switch_interactions (Fixture *fixture)
{
  AdCallCenter *center = ad_switch_server_get_call_center (fixture->ts->server);
  g_autoptr(GPtrArray) dtos = ad_call_center_list_interactions (center, "agent1");
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < dtos->len; i++)
    g_ptr_array_add (ids, g_strdup (ad_json_string_or_null (g_ptr_array_index (dtos, i),
                                                            "interaction:interactionId")));
  return ids;
}

/* One request after another, sign-in and actions alike, all on the one
 * connection the sign-in opened. */
static void
test_kept_alive (Fixture       *fixture,
                 gconstpointer  data)
{
  GAsyncResult *result = NULL;
  g_autoptr(JsonObject) dto = NULL;
  g_autofree char *interaction_id = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  sign_in (fixture);
  agent_login (fixture);

  ad_client_agent_ready_async (fixture->client, "agent1", NULL, client_test_store_result,
                               &result);
  dto = wait_object (fixture, &result);
  g_assert_cmpstr (ad_json_string_or_null (dto, "agent:status"), ==, "READY");
  g_clear_pointer (&dto, json_object_unref);

  ad_client_agent_not_ready_async (fixture->client, "agent1", NULL, NULL,
                                   client_test_store_result, &result);
  dto = wait_object (fixture, &result);
  g_assert_cmpstr (ad_json_string_or_null (dto, "agent:status"), ==, "NOT_READY");
  g_clear_pointer (&dto, json_object_unref);

  interaction_id = make_call (fixture);
  ad_client_perform_async (fixture->client, interaction_id, AD_VOICE_ACTION_RELEASE_CALL, NULL,
                           NULL, client_test_store_result, &result);
  dto = wait_object (fixture, &result);

  ids = switch_interactions (fixture);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpuint (fault_proxy_get_n_accepted (fixture->proxy), ==, 1);
  g_assert_cmpuint (fault_proxy_get_n_cut (fixture->proxy), ==, 0);
}

/* Where the kept-alive connection fails under a make call. */
typedef enum {
  CUT_ANSWER,   /* after the switch made the call, before its answer came */
  CUT_REQUEST,  /* as the request goes out, before the switch sees it */
} Cut;

/* The client sends the make call again on a new connection and gets the
 * first answer, or the answer to the only time it ran: there is one
 * call. */
static void
test_make_call_cut (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *interaction_id = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  sign_in (fixture);
  agent_login (fixture);
  g_assert_cmpuint (fault_proxy_get_n_accepted (fixture->proxy), ==, 1);

  if (GPOINTER_TO_INT (data) == CUT_ANSWER)
    fault_proxy_cut_after (fixture->proxy, 0);
  else
    fault_proxy_cut_on_next_request (fixture->proxy);
  interaction_id = make_call (fixture);

  /* The make call went on the kept-alive connection, which was cut. */
  g_assert_cmpuint (fault_proxy_get_n_cut (fixture->proxy), ==, 1);
  g_assert_cmpuint (fault_proxy_get_n_accepted (fixture->proxy), ==, 2);
  ids = switch_interactions (fixture);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, interaction_id);
}

/* The same with an action whose repeat would be refused (release-call:
 * the call is released already), and with a DELETE, which libsoup sends
 * again by itself. */
static void
test_action_answer_lost (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *interaction_id = NULL;
  g_autoptr(JsonNode) topics = json_from_string ("[{\"serviceName\": \"InteractionService\", "
                                                 "\"topicsEvents\": [{\"eventName\": "
                                                 "\"InteractionEvent\"}]}]", NULL);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) subscribed = NULL;
  g_autofree char *subscription_id = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) dto = NULL;

  sign_in (fixture);
  agent_login (fixture);
  interaction_id = make_call (fixture);

  fault_proxy_cut_after (fixture->proxy, 0);
  ad_client_perform_async (fixture->client, interaction_id, AD_VOICE_ACTION_RELEASE_CALL, NULL,
                           NULL, client_test_store_result, &result);
  answer = wait_object (fixture, &result);
  g_assert_cmpuint (fault_proxy_get_n_cut (fixture->proxy), ==, 1);
  dto = client_test_switch_get_dto (fixture->ts, interaction_id);
  g_assert_cmpstr (ad_json_string_or_null (dto, "interaction:status"), ==, "IDLE");

  ad_client_subscribe_async (fixture->client, json_node_get_array (topics), NULL,
                             client_test_store_result, &slot);
  subscribed = client_test_wait_result (&slot);
  subscription_id = ad_client_subscribe_finish (fixture->client, subscribed, &error);
  g_assert_no_error (error);

  fault_proxy_cut_after (fixture->proxy, 0);
  ad_client_unsubscribe_async (fixture->client, subscription_id, NULL,
                               client_test_store_result, &result);
  g_clear_pointer (&answer, json_object_unref);
  answer = wait_object (fixture, &result);
  g_assert_cmpuint (fault_proxy_get_n_cut (fixture->proxy), ==, 2);
}

/* Which requests carry which id: a server that records the header. */

typedef struct {
  SoupServer *server;
  char       *base_url;
  GPtrArray  *seen;   /* "METHOD id" ("-" for none) */
} Recorder;

static void
on_recorded_request (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  Recorder *recorder = user_data;
  const char *id = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                 "X-Request-Id");
  const char *body = g_str_equal (path, "/api/v1/session")
    ? "{\"token\": \"t0k3n\", \"agentId\": \"agent1\", \"role\": \"agent\"}" : "{}";

  g_ptr_array_add (recorder->seen, g_strdup_printf ("%s %s", soup_server_message_get_method (msg),
                                                    id != NULL ? id : "-"));
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static void
recorder_set_up (Recorder      *recorder,
                 gconstpointer  data)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GError) error = NULL;
  guint port;

  recorder->seen = g_ptr_array_new_with_free_func (g_free);
  recorder->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (recorder->server, NULL, on_recorded_request, recorder, NULL);
  port = ad_switch_server_listen_soup (recorder->server, loopback, 0, 0, &error);
  g_assert_no_error (error);
  recorder->base_url = g_strdup_printf ("http://127.0.0.1:%u", port);
}

static void
recorder_tear_down (Recorder      *recorder,
                    gconstpointer  data)
{
  soup_server_disconnect (recorder->server);
  g_clear_object (&recorder->server);
  g_ptr_array_unref (recorder->seen);
  g_free (recorder->base_url);
}

static void
wait_done (GAsyncResult **slot)
{
  g_autoptr(GAsyncResult) result = client_test_wait_result (slot);
}

/* Every POST and DELETE carries a fresh UUID; a GET none. */
static void
test_ids (Recorder      *recorder,
          gconstpointer  data)
{
  g_autoptr(AdClient) client = ad_client_new (recorder->base_url);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GAsyncResult *result = NULL;

  ad_client_login_async (client, "agent1", "demo", NULL, client_test_store_result, &result);
  wait_done (&result);
  ad_client_agent_ready_async (client, "agent1", NULL, client_test_store_result, &result);
  wait_done (&result);
  ad_client_agent_ready_async (client, "agent1", NULL, client_test_store_result, &result);
  wait_done (&result);
  ad_client_get_agent_async (client, "agent1", NULL, client_test_store_result, &result);
  wait_done (&result);
  ad_client_unsubscribe_async (client, "s1", NULL, client_test_store_result, &result);
  wait_done (&result);

  g_assert_cmpuint (recorder->seen->len, ==, 5);
  for (guint i = 0; i < recorder->seen->len; i++)
    {
      const char *seen = g_ptr_array_index (recorder->seen, i);
      const char *id = strchr (seen, ' ') + 1;

      if (g_str_has_prefix (seen, "GET "))
        {
          g_assert_cmpstr (id, ==, "-");
          continue;
        }
      g_assert_true (g_uuid_string_is_valid (id));
      g_assert_false (g_hash_table_contains (ids, id));
      g_hash_table_add (ids, (gpointer) id);
    }
  g_assert_cmpuint (g_hash_table_size (ids), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/client/request-id/kept-alive", test_kept_alive);
  g_test_add ("/client/request-id/answer-lost", Fixture, GINT_TO_POINTER (CUT_ANSWER),
              fixture_set_up, test_make_call_cut, fixture_tear_down);
  g_test_add ("/client/request-id/request-lost", Fixture, GINT_TO_POINTER (CUT_REQUEST),
              fixture_set_up, test_make_call_cut, fixture_tear_down);
  ADD ("/client/request-id/action-answer-lost", test_action_answer_lost);
  g_test_add ("/client/request-id/ids", Recorder, NULL, recorder_set_up, test_ids,
              recorder_tear_down);

#undef ADD

  return g_test_run ();
}
