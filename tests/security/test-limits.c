/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "switch-test-util.h"

#include <string.h>

/* The bounds of what one client may make the switch hold: request bodies
 * (64 KiB, announced or chunked), header size, subscriptions per token and
 * in all, streams per subscription. Past each bound the client gets a clear
 * error and the switch keeps serving everyone else. */

#define MAX_BODY (64 * 1024)

typedef struct {
  AdTestSwitch *ts;
  char         *token;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->ts = ad_test_switch_new (NULL);
  f->token = ad_test_switch_agent_on (f->ts, "agent1", "place1001", TRUE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->token);
  ad_test_switch_free (f->ts);
}

/* A create body of exactly @size bytes, padded inside a string. */
static GBytes *
create_body (gsize size)
{
  const char *head = "{\"dnId\": \"1001\", \"extensions\": {\"pad\": \"";
  const char *tail = "\"}}";
  GString *body = g_string_new (head);

  g_assert_cmpuint (size, >, strlen (head) + strlen (tail));
  while (body->len < size - strlen (tail))
    g_string_append_c (body, 'x');
  g_string_append (body, tail);
  g_assert_cmpuint (body->len, ==, size);
  return g_string_free_to_bytes (body);
}

static void
assert_switch_serves (Fixture *f)
{
  g_autoptr(JsonObject) agent = ad_test_switch_expect (f->ts, 200, "GET", "/api/v1/agents/agent1",
                                                       f->token, NULL);
}

/* Sends @body to POST /voice/interactions, chunked (no Content-Length)
 * when @chunked; returns the status and the response's error type. */
static guint
post_create (Fixture  *f,
             GBytes   *body,
             gboolean  chunked,
             char    **error_type)
{
  g_autofree char *uri = g_strconcat (f->ts->base_url, "/api/v1/voice/interactions", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", f->token);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "Authorization", auth);
  if (chunked)
    {
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (body);

      soup_message_set_request_body (msg, "application/json", stream, -1);
      g_assert_cmpint (soup_message_headers_get_encoding (headers), ==, SOUP_ENCODING_CHUNKED);
    }
  else
    soup_message_set_request_body_from_bytes (msg, "application/json", body);

  response = ad_test_switch_send (f->ts, msg, &error);
  g_assert_no_error (error);

  *error_type = NULL;
  if (g_bytes_get_size (response) > 0 &&
      json_parser_load_from_data (parser, g_bytes_get_data (response, NULL),
                                  g_bytes_get_size (response), NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *root = json_node_get_object (json_parser_get_root (parser));

      if (json_object_has_member (root, "error"))
        *error_type = g_strdup (json_object_get_string_member (
          json_object_get_object_member (root, "error"), "type"));
    }
  return soup_message_get_status (msg);
}

static void
test_body_bounds (Fixture       *f,
                  gconstpointer  data)
{
  const gboolean chunked_modes[] = { FALSE, TRUE };

  for (guint i = 0; i < G_N_ELEMENTS (chunked_modes); i++)
    {
      gboolean chunked = chunked_modes[i];
      g_autoptr(GBytes) at_limit = create_body (MAX_BODY);
      g_autoptr(GBytes) over = create_body (MAX_BODY + 1);
      g_autoptr(GBytes) far_over = create_body (4 * 1024 * 1024);
      g_autofree char *type_at = NULL;
      g_autofree char *type_over = NULL;
      g_autofree char *type_far = NULL;
      g_autoptr(JsonObject) created = NULL;

      g_test_message ("%s bodies", chunked ? "chunked" : "announced");

      /* 64 KiB is still a body: the interaction is created. */
      g_assert_cmpuint (post_create (f, at_limit, chunked, &type_at), ==, 201);
      g_assert_null (type_at);

      g_assert_cmpuint (post_create (f, over, chunked, &type_over), ==, 413);
      g_assert_cmpstr (type_over, ==, "PAYLOAD_TOO_LARGE");
      g_assert_cmpuint (post_create (f, far_over, chunked, &type_far), ==, 413);
      g_assert_cmpstr (type_far, ==, "PAYLOAD_TOO_LARGE");
      assert_switch_serves (f);

      /* Only the bodies at the limit created an interaction. */
      created = ad_test_switch_expect (f->ts, 200, "GET", "/api/v1/interactions?agentId=agent1",
                                       f->token, NULL);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (created,
                                                                             "interactions")),
                        ==, i + 1);
    }
}

/* A header line far larger than any real one is refused (or the connection
 * closed), and the switch keeps serving. */
static void
test_header_bounds (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *uri = g_strconcat (f->ts->base_url, "/api/v1/agents/agent1", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", f->token);
  g_autofree char *huge = g_malloc (1024 * 1024 + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) response = NULL;

  memset (huge, 'h', 1024 * 1024);
  huge[1024 * 1024] = '\0';
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Padding", huge);

  response = ad_test_switch_send (f->ts, msg, &error);
  if (error == NULL)
    g_assert_cmpuint (soup_message_get_status (msg), >=, 400);
  else
    g_test_message ("The connection was closed: %s", error->message);

  assert_switch_serves (f);
}

static char *
subscribe (Fixture    *f,
           const char *token,
           const char *agent_id,
           guint       expected_status)
{
  g_autofree char *body = g_strdup_printf (
    "{\"topicsServices\": [{\"serviceName\": \"InteractionService\", \"topicsEvents\": "
    "[{\"eventName\": \"InteractionEvent\", \"triggers\": [{\"key\": \"AGENT\", \"value\": "
    "\"%s\"}]}]}]}", agent_id);
  g_autoptr(JsonObject) response = NULL;
  guint status = ad_test_switch_request (f->ts, "POST", "/api/v1/events/subscriptions", token,
                                         body, &response);

  g_assert_cmpuint (status, ==, expected_status);
  if (status != 201)
    {
      ad_test_assert_error (response, "TOO_MANY_REQUESTS");
      return NULL;
    }
  return g_strdup (json_object_get_string_member (response, "subscriptionId"));
}

/* 256 subscriptions per token (the default), then TOO_MANY_REQUESTS; the
 * next token is not held back by the first one's. Deleting one makes
 * room. */
static void
test_subscriptions_per_token (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *other = ad_test_switch_agent_on (f->ts, "agent2", "place1002", TRUE);
  g_autofree char *last = NULL;
  g_autofree char *again = NULL;
  g_autofree char *path = NULL;

  for (guint i = 0; i < 256; i++)
    {
      g_free (last);
      last = subscribe (f, f->token, "agent1", 201);
    }
  g_assert_null (subscribe (f, f->token, "agent1", 429));
  g_free (subscribe (f, other, "agent2", 201));

  path = g_strdup_printf ("/api/v1/events/subscriptions/%s", last);
  g_assert_cmpuint (ad_test_switch_request (f->ts, "DELETE", path, f->token, NULL, NULL), ==, 204);
  again = subscribe (f, f->token, "agent1", 201);
  assert_switch_serves (f);
}

/* The switch-wide bound, set small here. */
static void
test_subscriptions_total (void)
{
  AdSwitchOptions options;
  Fixture f;
  g_autofree char *other = NULL;
  g_autofree char *supervisor = NULL;

  ad_test_switch_options_init (&options);
  options.max_subscriptions = 10;
  f.ts = ad_test_switch_new (&options);
  f.token = ad_test_switch_agent_on (f.ts, "agent1", "place1001", TRUE);
  other = ad_test_switch_agent_on (f.ts, "agent2", "place1002", TRUE);
  supervisor = ad_test_switch_login (f.ts, "supervisor", "demo");

  for (guint i = 0; i < 5; i++)
    {
      g_free (subscribe (&f, f.token, "agent1", 201));
      g_free (subscribe (&f, other, "agent2", 201));
    }
  g_assert_null (subscribe (&f, supervisor, "agent3", 429));
  g_assert_null (subscribe (&f, f.token, "agent1", 429));
  assert_switch_serves (&f);

  fixture_tear_down (&f, NULL);
}

/* One stream per subscription: opening it again ends the previous one, so
 * a client cannot pile up streams on one subscription. */
static void
test_streams_per_subscription (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *id = ad_test_switch_subscribe_agent (f->ts, f->token, "agent1");
  AdTestStream *previous = NULL;

  for (guint i = 0; i < 20; i++)
    {
      AdTestStream *stream = ad_test_stream_open (f->ts, id, f->token, NULL);

      g_assert_cmpuint (ad_test_stream_get_status (stream), ==, 200);
      if (previous != NULL)
        {
          ad_test_stream_wait_closed (previous);
          ad_test_stream_free (previous);
        }
      previous = stream;
    }
  g_assert_false (ad_test_stream_is_closed (previous));
  ad_test_stream_free (previous);
  assert_switch_serves (f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/security/limits/body", Fixture, NULL,
              fixture_set_up, test_body_bounds, fixture_tear_down);
  g_test_add ("/security/limits/header", Fixture, NULL,
              fixture_set_up, test_header_bounds, fixture_tear_down);
  g_test_add ("/security/limits/subscriptions-per-token", Fixture, NULL,
              fixture_set_up, test_subscriptions_per_token, fixture_tear_down);
  g_test_add_func ("/security/limits/subscriptions-total", test_subscriptions_total);
  g_test_add ("/security/limits/streams-per-subscription", Fixture, NULL,
              fixture_set_up, test_streams_per_subscription, fixture_tear_down);

  return g_test_run ();
}
