/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "switch-test-util.h"

#include <string.h>
#include <sys/socket.h>

/* The event service: streams, resume, resync, keepalives, slow readers,
 * many subscriptions and their collection. */

typedef struct {
  AdTestSwitch *ts;
  char         *token;        /* agent1, logged in on place1001 */
  char         *interaction;  /* a NEW interaction of agent1 on DN 1001 */
  guint         n_attached;   /* makes every attach-data a change */
} Fixture;

static void
fixture_set_up_with (Fixture               *fixture,
                     const AdSwitchOptions *options)
{
  g_autoptr(JsonObject) body = NULL;

  fixture->n_attached = 0;
  fixture->ts = ad_test_switch_new (options);
  fixture->token = ad_test_switch_agent_on (fixture->ts, "agent1", "place1001", FALSE);
  body = ad_test_switch_expect (fixture->ts, 201, "POST", "/api/v1/voice/interactions",
                                fixture->token, "{\"dnId\": \"1001\"}");
  fixture->interaction = g_strdup (ad_json_string_or_null (
    json_object_get_object_member (body, "interaction"), "interaction:interactionId"));
}

static void
fixture_tear_down (Fixture *fixture)
{
  g_free (fixture->token);
  g_free (fixture->interaction);
  ad_test_switch_free (fixture->ts);
}

/* Makes @n InteractionEvents by attaching data to the interaction; an
 * action applies on a later main loop iteration, so the next one may find
 * the previous still in progress and is sent again. */
static void
make_events (Fixture    *fixture,
             guint       n,
             const char *padding)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/voice/interactions/%s/attach-data",
                                           fixture->interaction);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"attachedData\": {\"step\": \"%u\", "
                                               "\"pad\": \"%s\"}}",
                                               fixture->n_attached++,
                                               padding != NULL ? padding : "");

      for (;;)
        {
          g_autoptr(JsonObject) response = NULL;
          guint status = ad_test_switch_request (fixture->ts, "POST", path, fixture->token,
                                                 body, &response);

          if (status == 202)
            break;
          g_assert_cmpuint (status, ==, 409);
          ad_test_assert_error (response, "ACTION_IN_PROGRESS");
          ad_test_spin (1);
        }
    }

  /* Returns once the last one is applied (its event is out). */
  for (;;)
    {
      g_autofree char *get = g_strdup_printf ("/api/v1/interactions/%s", fixture->interaction);
      g_autofree char *step = g_strdup_printf ("%u", fixture->n_attached - 1);
      g_autoptr(JsonObject) dto = ad_test_switch_expect (fixture->ts, 200, "GET", get,
                                                         fixture->token, NULL);
      JsonObject *data = json_object_get_object_member (dto, "interaction:attachedData");

      if (n == 0 || g_strcmp0 (ad_json_string_or_null (data, "step"), step) == 0)
        break;
      ad_test_spin (1);
    }
}

/* Reads the next event and checks it is InteractionEvent number @id. */
static void
expect_event (AdTestStream *stream,
              guint64       id)
{
  AdTestEvent *event = ad_test_stream_next (stream);

  g_assert_cmpstr (event->name, ==, "InteractionEvent");
  g_assert_cmpuint (event->id, ==, id);
}

static char *
subscribe (Fixture *fixture)
{
  return ad_test_switch_subscribe_agent (fixture->ts, fixture->token, "agent1");
}

/* Sets a switch up with @options, subscribes agent1 and streams its first
 * event; returns the subscription, its stream closed. */
static char *
set_up_streamed_once (Fixture               *fixture,
                      const AdSwitchOptions *options)
{
  g_autoptr(AdTestStream) stream = NULL;
  char *sub;

  fixture_set_up_with (fixture, options);
  sub = subscribe (fixture);
  stream = ad_test_stream_open (fixture->ts, sub, fixture->token, NULL);
  make_events (fixture, 1, NULL);
  expect_event (stream, 1);
  return sub;
}

static void
test_stream_basics (void)
{
  Fixture fixture;
  g_autofree char *sub = NULL;
  g_autoptr(AdTestStream) stream = NULL;
  AdTestEvent *event;

  fixture_set_up_with (&fixture, NULL);
  sub = subscribe (&fixture);

  /* Events between the subscription and its first stream are kept. */
  make_events (&fixture, 2, NULL);
  stream = ad_test_stream_open (fixture.ts, sub, fixture.token, NULL);
  g_assert_cmpuint (ad_test_stream_get_status (stream), ==, 200);
  expect_event (stream, 1);
  event = ad_test_stream_next (stream);
  g_assert_cmpuint (event->id, ==, 2);
  g_assert_cmpstr (ad_test_event_interaction_id (event), ==, fixture.interaction);
  g_assert_cmpstr (ad_test_event_attribute (event, "interaction:eventReason"), ==,
                   "ATTACHED_DATA_CHANGED");

  /* AgentEvents follow the agent's state. */
  {
    g_autoptr(JsonObject) dto = ad_test_switch_expect (fixture.ts, 200, "POST",
                                                       "/api/v1/agents/agent1/ready",
                                                       fixture.token, NULL);
  }
  event = ad_test_stream_wait_event (stream, "AgentEvent", NULL);
  g_assert_cmpuint (event->id, ==, 3);
  g_assert_cmpstr (ad_json_string_or_null (event->json, "agentId"), ==, "agent1");
  g_assert_cmpstr (ad_json_string_or_null (json_object_get_object_member (event->json,
                                                                          "attributes"),
                                           "agent:status"), ==, "READY");

  g_clear_pointer (&stream, ad_test_stream_free);
  fixture_tear_down (&fixture);
}

static void
test_attribute_filter (void)
{
  Fixture fixture;
  g_autofree char *sub = NULL;
  g_autoptr(AdTestStream) stream = NULL;
  AdTestEvent *event;
  JsonObject *attributes;

  fixture_set_up_with (&fixture, NULL);
  sub = ad_test_switch_subscribe (fixture.ts, fixture.token,
                                  "{\"topicsServices\": [{\"serviceName\": \"InteractionService\", "
                                  "\"topicsEvents\": [{\"eventName\": \"InteractionEvent\", "
                                  "\"attributes\": [\"interaction:status\", "
                                  "\"interaction.voice:*\"], "
                                  "\"triggers\": [{\"key\": \"DN\", \"value\": \"1001\"}]}]}]}");
  stream = ad_test_stream_open (fixture.ts, sub, fixture.token, NULL);
  make_events (&fixture, 1, NULL);

  event = ad_test_stream_next (stream);
  attributes = json_object_get_object_member (event->json, "attributes");
  g_assert_true (json_object_has_member (attributes, "interaction:interactionId"));
  g_assert_true (json_object_has_member (attributes, "interaction:status"));
  g_assert_true (json_object_has_member (attributes, "interaction.voice:actionsPossible"));
  g_assert_false (json_object_has_member (attributes, "interaction:attachedData"));
  g_assert_false (json_object_has_member (attributes, "interaction:agentId"));

  g_clear_pointer (&stream, ad_test_stream_free);
  fixture_tear_down (&fixture);
}

/* The stream drops; what happened meanwhile is replayed after
 * Last-Event-ID, none lost, none twice. */
static void
test_resume (void)
{
  Fixture fixture;
  g_autofree char *sub = NULL;
  g_autoptr(AdTestStream) stream = NULL;

  fixture_set_up_with (&fixture, NULL);
  sub = subscribe (&fixture);
  stream = ad_test_stream_open (fixture.ts, sub, fixture.token, NULL);
  make_events (&fixture, 3, NULL);
  for (guint i = 1; i <= 3; i++)
    expect_event (stream, i);

  ad_switch_server_drop_streams (fixture.ts->server);
  ad_test_stream_wait_closed (stream);
  g_clear_pointer (&stream, ad_test_stream_free);

  make_events (&fixture, 5, NULL);
  stream = ad_test_stream_open (fixture.ts, sub, fixture.token, "3");
  g_assert_cmpuint (ad_test_stream_get_status (stream), ==, 200);
  for (guint i = 4; i <= 8; i++)
    expect_event (stream, i);

  make_events (&fixture, 1, NULL);
  expect_event (stream, 9);

  /* Resuming from an earlier id replays from there. */
  g_clear_pointer (&stream, ad_test_stream_free);
  stream = ad_test_stream_open (fixture.ts, sub, fixture.token, "6");
  for (guint i = 7; i <= 9; i++)
    expect_event (stream, i);
  ad_test_spin (50);
  g_assert_cmpuint (ad_test_stream_get_n_pending (stream), ==, 0);

  g_clear_pointer (&stream, ad_test_stream_free);
  fixture_tear_down (&fixture);
}

/* When what the client missed is gone, it gets ResyncRequired first, then
 * whatever comes next. */
static void
test_resync (void)
{
  AdSwitchOptions options;
  Fixture fixture;
  g_autofree char *sub = NULL;
  g_autoptr(AdTestStream) stream = NULL;
  AdTestEvent *event;

  ad_test_switch_options_init (&options);
  options.replay_events = 4;
  sub = set_up_streamed_once (&fixture, &options);

  make_events (&fixture, 10, NULL);
  stream = ad_test_stream_open (fixture.ts, sub, fixture.token, "1");
  event = ad_test_stream_next (stream);
  g_assert_cmpstr (event->name, ==, "ResyncRequired");
  g_assert_cmpuint (event->id, ==, 12);
  make_events (&fixture, 1, NULL);
  expect_event (stream, 13);

  /* An id that was never given is no better. */
  g_clear_pointer (&stream, ad_test_stream_free);
  stream = ad_test_stream_open (fixture.ts, sub, fixture.token, "garbage");
  event = ad_test_stream_next (stream);
  g_assert_cmpstr (event->name, ==, "ResyncRequired");

  g_clear_pointer (&stream, ad_test_stream_free);
  fixture_tear_down (&fixture);
}

/* A replay gives each subscription the text it had live: the log keeps
 * every attribute once and a replay filters it again. */
static void
test_replay_filtered (void)
{
  Fixture fixture;
  g_autofree char *filtered = NULL;
  g_autofree char *everything = NULL;
  g_autoptr(AdTestStream) stream = NULL;
  g_autoptr(GPtrArray) live = g_ptr_array_new_with_free_func (g_free);
  AdTestEvent *event;

  fixture_set_up_with (&fixture, NULL);
  filtered = ad_test_switch_subscribe (fixture.ts, fixture.token,
                                       "{\"topicsServices\": [{\"serviceName\": "
                                       "\"InteractionService\", \"topicsEvents\": "
                                       "[{\"eventName\": \"InteractionEvent\", "
                                       "\"attributes\": [\"interaction:status\"], "
                                       "\"triggers\": [{\"key\": \"DN\", "
                                       "\"value\": \"1001\"}]}]}]}");
  everything = subscribe (&fixture);
  stream = ad_test_stream_open (fixture.ts, filtered, fixture.token, NULL);
  make_events (&fixture, 3, NULL);
  for (guint i = 1; i <= 3; i++)
    {
      event = ad_test_stream_next (stream);
      g_assert_cmpuint (event->id, ==, i);
      g_ptr_array_add (live, g_strdup (event->data));
    }
  g_assert_null (strstr (g_ptr_array_index (live, 0), "attachedData"));

  ad_switch_server_drop_streams (fixture.ts->server);
  ad_test_stream_wait_closed (stream);
  g_clear_pointer (&stream, ad_test_stream_free);

  stream = ad_test_stream_open (fixture.ts, filtered, fixture.token, "0");
  for (guint i = 1; i <= 3; i++)
    {
      event = ad_test_stream_next (stream);
      g_assert_cmpuint (event->id, ==, i);
      g_assert_cmpstr (event->data, ==, g_ptr_array_index (live, i - 1));
    }
  g_clear_pointer (&stream, ad_test_stream_free);

  /* The same events, never streamed before, in full to the other one. */
  stream = ad_test_stream_open (fixture.ts, everything, fixture.token, NULL);
  for (guint i = 1; i <= 3; i++)
    {
      event = ad_test_stream_next (stream);
      g_assert_cmpuint (event->id, ==, i);
      g_assert_true (json_object_has_member (json_object_get_object_member (event->json,
                                                                            "attributes"),
                                             "interaction:attachedData"));
    }

  g_clear_pointer (&stream, ad_test_stream_free);
  fixture_tear_down (&fixture);
}

/* The switch-wide log bounds what can be replayed, whatever a
 * subscription's own bound. */
static void
test_event_log_bound (void)
{
  AdSwitchOptions options;
  Fixture fixture;
  g_autofree char *sub = NULL;
  g_autoptr(AdTestStream) stream = NULL;
  AdTestEvent *event;

  ad_test_switch_options_init (&options);
  options.event_log_events = 8;
  sub = set_up_streamed_once (&fixture, &options);

  /* Events 2 … 21: the log holds 14 … 21. */
  make_events (&fixture, 20, NULL);
  stream = ad_test_stream_open (fixture.ts, sub, fixture.token, "15");
  for (guint i = 16; i <= 21; i++)
    expect_event (stream, i);
  g_clear_pointer (&stream, ad_test_stream_free);

  stream = ad_test_stream_open (fixture.ts, sub, fixture.token, "12");
  event = ad_test_stream_next (stream);
  g_assert_cmpstr (event->name, ==, "ResyncRequired");
  g_assert_cmpuint (event->id, ==, 22);
  g_assert_cmpint (json_object_get_int_member (event->json, "firstAvailableId"), ==, 14);
  make_events (&fixture, 1, NULL);
  expect_event (stream, 23);

  g_clear_pointer (&stream, ad_test_stream_free);
  fixture_tear_down (&fixture);
}

static void
test_keepalive (void)
{
  AdSwitchOptions options;
  Fixture fixture;
  g_autofree char *sub = NULL;
  g_autoptr(AdTestStream) stream = NULL;

  ad_test_switch_options_init (&options);
  options.keepalive_ms = 100;
  fixture_set_up_with (&fixture, &options);
  sub = subscribe (&fixture);
  stream = ad_test_stream_open (fixture.ts, sub, fixture.token, NULL);

  while (ad_test_stream_get_n_keepalives (stream) < 3)
    ad_test_spin (50);
  g_assert_false (ad_test_stream_is_closed (stream));

  g_clear_pointer (&stream, ad_test_stream_free);
  fixture_tear_down (&fixture);
}

/* A second stream on a subscription replaces the first; only its owner or
 * a supervisor may open one. */
static void
test_second_stream (void)
{
  Fixture fixture;
  g_autofree char *sub = NULL;
  g_autofree char *other = NULL;
  g_autofree char *supervisor = NULL;
  g_autoptr(AdTestStream) first = NULL;
  g_autoptr(AdTestStream) second = NULL;
  g_autoptr(AdTestStream) foreign = NULL;

  fixture_set_up_with (&fixture, NULL);
  sub = subscribe (&fixture);
  other = ad_test_switch_login (fixture.ts, "agent2", "demo");
  supervisor = ad_test_switch_login (fixture.ts, "supervisor", "demo");

  first = ad_test_stream_open (fixture.ts, sub, fixture.token, NULL);
  foreign = ad_test_stream_open (fixture.ts, sub, other, NULL);
  g_assert_cmpuint (ad_test_stream_get_status (foreign), ==, 403);
  second = ad_test_stream_open (fixture.ts, sub, supervisor, NULL);
  g_assert_cmpuint (ad_test_stream_get_status (second), ==, 200);
  ad_test_stream_wait_closed (first);

  make_events (&fixture, 1, NULL);
  expect_event (second, 1);

  g_clear_pointer (&first, ad_test_stream_free);
  g_clear_pointer (&second, ad_test_stream_free);
  g_clear_pointer (&foreign, ad_test_stream_free);
  fixture_tear_down (&fixture);
}

/* A subscription outlives its stream for the linger time, then goes; a
 * client that vanishes is noticed (the keepalive write fails). */
static void
test_linger (void)
{
  AdSwitchOptions options;
  Fixture fixture;
  g_autofree char *sub = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AdTestStream) stream = NULL;
  g_autofree char *other = NULL;
  guint status = 403;

  ad_test_switch_options_init (&options);
  options.keepalive_ms = 50;
  options.linger_ms = 300;
  fixture_set_up_with (&fixture, &options);
  sub = subscribe (&fixture);
  path = g_strdup_printf ("/api/v1/events/subscriptions/%s", sub);
  other = ad_test_switch_login (fixture.ts, "agent2", "demo");
  stream = ad_test_stream_open (fixture.ts, sub, fixture.token, NULL);

  /* While the stream is open, the subscription stays. */
  ad_test_spin (600);
  make_events (&fixture, 1, NULL);
  expect_event (stream, 1);

  /* The client goes away without a word. */
  g_clear_pointer (&stream, ad_test_stream_free);
  soup_session_abort (fixture.ts->session);

  /* Another agent's look at it does not count as a stream: FORBIDDEN
   * while it exists, NOT_FOUND once collected. */
  while (status != 404)
    {
      stream = ad_test_stream_open (fixture.ts, sub, other, NULL);
      status = ad_test_stream_get_status (stream);
      g_clear_pointer (&stream, ad_test_stream_free);
      g_assert_true (status == 403 || status == 404);
      if (status == 403)
        ad_test_spin (50);
    }

  ad_test_switch_expect_error (fixture.ts, 404, "NOT_FOUND", "DELETE", path, fixture.token, NULL);
  fixture_tear_down (&fixture);
}

/* Bytes from a raw socket, for a client that stops reading. */
static GSocket *
raw_stream_open (AdTestSwitch *ts,
                 const char   *subscription_id,
                 const char   *token)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address =
    g_inet_socket_address_new (loopback, ad_switch_server_get_port (ts->server));
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);
  guint n_streams = ad_switch_server_get_n_streams (ts->server);
  g_autofree char *request = g_strdup_printf ("GET /api/v1/events/subscriptions/%s/stream HTTP/1.1\r\n"
                                              "Host: 127.0.0.1\r\n"
                                              "Authorization: Bearer %s\r\n\r\n",
                                              subscription_id, token);

  g_assert_no_error (error);
  /* A small window, so that the switch's queue, not the kernel's
   * buffers, takes what the reader does not read. */
  g_socket_set_option (socket, SOL_SOCKET, SO_RCVBUF, 4096, &error);
  g_assert_no_error (error);
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);
  g_socket_send (socket, request, strlen (request), NULL, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (socket, FALSE);

  /* Returns once the switch has the stream. */
  while (ad_switch_server_get_n_streams (ts->server) == n_streams)
    ad_test_spin (1);
  return socket;
}

/* Reads what there is (iterating the main context); FALSE at end of
 * stream. */
static gboolean
raw_read (GSocket *socket,
          GString *into)
{
  char buffer[4096];
  g_autoptr(GError) error = NULL;
  gssize n;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);
  if (n == 0)
    return FALSE;
  if (n < 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_usleep (1000);
          return TRUE;
        }
      /* A reset is an end too. */
      return FALSE;
    }
  g_string_append_len (into, buffer, n);
  return TRUE;
}

/* Reads a raw stream to its end (the switch closed it); checks that the
 * events in it are 1, 2, 3 … and returns the last complete one. */
static guint64
drain_raw_stream (GSocket *socket)
{
  g_autoptr(GString) received = g_string_new (NULL);
  g_autoptr(GRegex) regex = g_regex_new ("id: (\\d+)\nevent: InteractionEvent\ndata: [^\n]*\n\n",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  gint64 deadline = g_get_monotonic_time () + AD_TEST_TIMEOUT_S * G_USEC_PER_SEC;
  guint64 expected = 1;

  while (raw_read (socket, received))
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
  g_assert_true (g_str_has_prefix (received->str, "HTTP/1.1 200"));

  g_regex_match (regex, received->str, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *id = g_match_info_fetch (match, 1);

      g_assert_cmpuint (g_ascii_strtoull (id, NULL, 10), ==, expected);
      expected++;
      g_match_info_next (match, NULL);
    }

  return expected - 1;
}

/* Opens a raw stream and stops reading it; makes events until the switch
 * cuts the stream; checks that what arrived is a prefix of the events and
 * that a stream resuming after it gets all the rest. */
static void
stall_and_resume (const AdSwitchOptions *options)
{
  Fixture fixture;
  g_autofree char *sub = NULL;
  g_autofree char *padding = g_strnfill (8 * 1024, 'x');
  g_autofree char *last = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(AdTestStream) stream = NULL;
  guint n_events = 0;
  guint64 expected;

  fixture_set_up_with (&fixture, options);
  sub = subscribe (&fixture);
  socket = raw_stream_open (fixture.ts, sub, fixture.token);

  /* Events pile up, in the kernel's buffers, then in the switch. */
  while (ad_switch_server_get_n_streams (fixture.ts->server) == 1)
    {
      make_events (&fixture, 1, padding);
      n_events++;
      g_assert_cmpuint (n_events, <, 4000);
    }

  expected = drain_raw_stream (socket) + 1;
  g_assert_cmpuint (expected - 1, <, n_events);

  last = g_strdup_printf ("%" G_GUINT64_FORMAT, expected - 1);
  stream = ad_test_stream_open (fixture.ts, sub, fixture.token, last);
  for (guint64 id = expected; id <= n_events; id++)
    expect_event (stream, id);

  g_clear_pointer (&stream, ad_test_stream_free);
  fixture_tear_down (&fixture);
}

/* A reader that stops reading is cut once the switch holds too much for
 * it; it resumes with Last-Event-ID and nothing is lost. */
static void
test_stalled_reader (void)
{
  AdSwitchOptions options;

  ad_test_switch_options_init (&options);
  options.stream_queue_max = 64 * 1024;
  options.replay_events = 4096;
  options.event_log_bytes = 64 * 1024 * 1024;
  stall_and_resume (&options);
}

/* A stalled reader is cut even while its queue is far below the limit:
 * it has taken nothing for a few keepalive intervals. */
static void
test_stalled_reader_below_limit (void)
{
  AdSwitchOptions options;

  ad_test_switch_options_init (&options);
  options.keepalive_ms = 50;
  options.stream_queue_max = 256 * 1024 * 1024;
  options.replay_events = 4096;
  options.event_log_bytes = 64 * 1024 * 1024;
  stall_and_resume (&options);
}

/* Thousands of subscriptions: bounded per token and in all, and the
 * switch keeps delivering. */
static void
test_many_subscriptions (void)
{
  AdSwitchOptions options;
  Fixture fixture;
  const char *all = "{\"topicsServices\": [{\"serviceName\": \"InteractionService\", "
                    "\"topicsEvents\": [{\"eventName\": \"InteractionEvent\", "
                    "\"triggers\": [{\"key\": \"ALL\"}]}]}]}";
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *last = NULL;
  g_autoptr(AdTestStream) stream = NULL;
  guint n = 0;

  ad_test_switch_options_init (&options);
  options.max_subscriptions_per_token = 256;
  options.max_subscriptions = 2100;
  /* Made on a slow machine, 2,100 subscriptions without a stream can take
   * longer than the default linger: the first would be collected and free
   * room before the bounds are checked. */
  options.linger_ms = 60 * 60 * 1000;
  fixture_set_up_with (&fixture, &options);

  while (n < 2100)
    {
      char *token = ad_test_switch_login (fixture.ts, "supervisor", "demo");

      g_ptr_array_add (tokens, token);
      for (guint i = 0; i < 256 && n < 2100; i++, n++)
        {
          g_free (last);
          last = ad_test_switch_subscribe (fixture.ts, token, all);
        }
    }

  /* Both bounds answer 429 TOO_MANY_REQUESTS. */
  ad_test_switch_expect_error (fixture.ts, 429, "TOO_MANY_REQUESTS", "POST",
                               "/api/v1/events/subscriptions", g_ptr_array_index (tokens, 0),
                               "%s", all);
  {
    g_autofree char *fresh = ad_test_switch_login (fixture.ts, "supervisor", "demo");

    ad_test_switch_expect_error (fixture.ts, 429, "TOO_MANY_REQUESTS", "POST",
                                 "/api/v1/events/subscriptions", fresh, "%s", all);
  }

  stream = ad_test_stream_open (fixture.ts, last, g_ptr_array_index (tokens, tokens->len - 1),
                                NULL);
  make_events (&fixture, 3, NULL);
  expect_event (stream, 1);
  expect_event (stream, 2);
  expect_event (stream, 3);

  /* Revoking a token ends its subscriptions, which frees room. */
  {
    g_autoptr(JsonObject) body = ad_test_switch_expect (fixture.ts, 204, "DELETE",
                                                        "/api/v1/session",
                                                        g_ptr_array_index (tokens, 0), NULL);
    g_autofree char *fresh = ad_test_switch_login (fixture.ts, "supervisor", "demo");
    g_autofree char *sub = ad_test_switch_subscribe (fixture.ts, fresh, all);
  }

  g_clear_pointer (&stream, ad_test_stream_free);
  fixture_tear_down (&fixture);
}

static void
test_queue_events (void)
{
  Fixture fixture;
  g_autofree char *supervisor = NULL;
  g_autofree char *sub = NULL;
  g_autoptr(AdTestStream) stream = NULL;
  g_autoptr(JsonObject) call = NULL;
  AdTestEvent *event;

  fixture_set_up_with (&fixture, NULL);
  supervisor = ad_test_switch_login (fixture.ts, "supervisor", "demo");
  sub = ad_test_switch_subscribe (fixture.ts, supervisor,
                                  "{\"topicsServices\": [{\"serviceName\": \"StatisticsService\", "
                                  "\"topicsEvents\": [{\"eventName\": \"QueueEvent\", "
                                  "\"triggers\": [{\"key\": \"QUEUE\", \"value\": \"sales\"}]}]}]}");
  stream = ad_test_stream_open (fixture.ts, sub, supervisor, NULL);

  /* Nobody is ready: the call waits in the queue. */
  call = ad_test_switch_expect (fixture.ts, 201, "POST", "/api/v1/sim/inbound", supervisor,
                                "{\"ani\": \"+15551230000\", \"dnis\": \"8000\", "
                                "\"queue\": \"sales\"}");
  for (;;)
    {
      event = ad_test_stream_wait_event (stream, "QueueEvent", NULL);
      g_assert_cmpstr (ad_json_string_or_null (event->json, "queue"), ==, "sales");
      if (json_object_get_int_member (event->json, "callsWaiting") == 1)
        break;
    }
  g_assert_true (json_object_has_member (event->json, "serviceLevelPercent"));

  g_clear_pointer (&stream, ad_test_stream_free);
  fixture_tear_down (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/switch/sse/basics", test_stream_basics);
  g_test_add_func ("/switch/sse/attribute-filter", test_attribute_filter);
  g_test_add_func ("/switch/sse/resume", test_resume);
  g_test_add_func ("/switch/sse/resync", test_resync);
  g_test_add_func ("/switch/sse/replay-filtered", test_replay_filtered);
  g_test_add_func ("/switch/sse/event-log-bound", test_event_log_bound);
  g_test_add_func ("/switch/sse/keepalive", test_keepalive);
  g_test_add_func ("/switch/sse/second-stream", test_second_stream);
  g_test_add_func ("/switch/sse/linger", test_linger);
  g_test_add_func ("/switch/sse/stalled-reader", test_stalled_reader);
  g_test_add_func ("/switch/sse/stalled-reader-below-limit", test_stalled_reader_below_limit);
  g_test_add_func ("/switch/sse/many-subscriptions", test_many_subscriptions);
  g_test_add_func ("/switch/sse/queue-events", test_queue_events);

  return g_test_run ();
}
