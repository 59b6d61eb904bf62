/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ad-auth.h"
#include "ad-request-log.h"
#include "switch-test-util.h"

#include <string.h>

/* X-Request-Id (docs/protocol.md, "Request ids"): over HTTP against the
 * whole switch, then AdRequestLog alone behind a SoupServer of its own, for
 * what the switch's routes cannot show (a handler answering later, the
 * bounds in all, the time to live, a token ending). */

#define MAKE_CALL_BODY "{\"dnId\": \"1001\", \"destination\": \"5551234567\"}"
/* A NEW interaction, which nothing changes until the agent acts. */
#define CREATE_BODY    "{\"dnId\": \"1001\"}"
#define INBOUND_BODY   "{\"ani\": \"+15551230000\", \"queue\": \"sales\"}"

typedef struct {
  guint   status;
  char   *content_type;
  GBytes *body;
} Answer;

static void
answer_free (Answer *answer)
{
  g_free (answer->content_type);
  g_clear_pointer (&answer->body, g_bytes_unref);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Answer, answer_free)

/* Sends @method @path (with @body as JSON, unless NULL) carrying the
 * header "X-Request-Id: @request_id" (none when NULL). */
static Answer *
send_with_id (AdTestSwitch *ts,
              const char   *method,
              const char   *path,
              const char   *token,
              const char   *request_id,
              const char   *body)
{
  g_autofree char *uri = g_strconcat (ts->base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  Answer *answer = g_new0 (Answer, 1);

  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", bearer);
    }
  if (request_id != NULL)
    soup_message_headers_append (headers, AD_REQUEST_LOG_HEADER, request_id);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  answer->body = ad_test_switch_send (ts, msg, &error);
  g_assert_no_error (error);
  answer->status = soup_message_get_status (msg);
  answer->content_type =
    g_strdup (soup_message_headers_get_content_type (soup_message_get_response_headers (msg),
                                                     NULL));
  return answer;
}

static JsonObject *
answer_json (Answer *answer)
{
  gsize size;
  const char *data = g_bytes_get_data (answer->body, &size);

  return ad_json_parse_object (data, size, NULL);
}

static void
assert_same_answer (Answer *a,
                    Answer *b)
{
  g_assert_cmpuint (a->status, ==, b->status);
  g_assert_cmpstr (a->content_type, ==, b->content_type);
  g_assert_true (g_bytes_equal (a->body, b->body));
}

static void
assert_error_answer (Answer     *answer,
                     guint       status,
                     const char *type)
{
  g_autoptr(JsonObject) body = answer_json (answer);

  g_assert_cmpuint (answer->status, ==, status);
  ad_test_assert_error (body, type);
}

/* The "callId" of a sim/inbound answer. */
static char *
answer_call_id (Answer *answer)
{
  g_autoptr(JsonObject) body = answer_json (answer);

  g_assert_cmpuint (answer->status, ==, 201);
  return g_strdup (ad_json_string_or_null (body, "callId"));
}

static guint
count_interactions (AdTestSwitch *ts,
                    const char   *agent_id)
{
  AdCallCenter *center = ad_switch_server_get_call_center (ts->server);
  g_autoptr(GPtrArray) dtos = ad_call_center_list_interactions (center, agent_id);

  return dtos->len;
}

/* agent:version rises with every change of the agent. */
static gint64
agent_version (AdTestSwitch *ts,
               const char   *agent_id)
{
  AdCallCenter *center = ad_switch_server_get_call_center (ts->server);
  g_autoptr(JsonObject) dto = ad_call_center_get_agent (center, agent_id, NULL);

  return json_object_get_int_member (dto, "agent:version");
}

/* Over HTTP: agent1 on place1001 (DN 1001), agent2 on place1002, both
 * NOT_READY, and a supervisor. */

typedef struct {
  AdTestSwitch *ts;
  char         *agent1;
  char         *agent2;
  char         *supervisor;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->ts = ad_test_switch_new (NULL);
  fixture->agent1 = ad_test_switch_agent_on (fixture->ts, "agent1", "place1001", FALSE);
  fixture->agent2 = ad_test_switch_agent_on (fixture->ts, "agent2", "place1002", FALSE);
  fixture->supervisor = ad_test_switch_login (fixture->ts, "supervisor", "demo");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->agent1);
  g_free (fixture->agent2);
  g_free (fixture->supervisor);
  ad_test_switch_free (fixture->ts);
}

/* A make call sent twice (a client resending it) dials once, and both
 * get the same answer. So does an action, which would otherwise be
 * refused the second time. */
static void
test_repeat_runs_once (Fixture       *fixture,
                       gconstpointer  data)
{
  AdTestSwitch *ts = fixture->ts;
  g_autoptr(Answer) first = NULL;
  g_autoptr(Answer) again = NULL;
  g_autoptr(Answer) release = NULL;
  g_autoptr(Answer) release_again = NULL;
  g_autoptr(Answer) release_no_id = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autofree char *release_path = NULL;
  JsonObject *dto;

  first = send_with_id (ts, "POST", "/api/v1/voice/interactions", fixture->agent1,
                        "make-call-1", MAKE_CALL_BODY);
  g_assert_cmpuint (first->status, ==, 201);
  again = send_with_id (ts, "POST", "/api/v1/voice/interactions", fixture->agent1,
                        "make-call-1", MAKE_CALL_BODY);
  assert_same_answer (first, again);
  g_assert_cmpstr (first->content_type, ==, "application/json");
  g_assert_cmpuint (count_interactions (ts, "agent1"), ==, 1);

  created = answer_json (first);
  dto = json_object_get_object_member (created, "interaction");
  release_path = g_strdup_printf ("/api/v1/voice/interactions/%s/release-call",
                                  ad_json_string_or_null (dto, "interaction:interactionId"));
  release = send_with_id (ts, "POST", release_path, fixture->agent1, "release-1", NULL);
  g_assert_cmpuint (release->status, ==, 202);
  release_again = send_with_id (ts, "POST", release_path, fixture->agent1, "release-1", NULL);
  assert_same_answer (release, release_again);

  /* Without an id, a request runs each time it is sent: the call is
   * released already. */
  release_no_id = send_with_id (ts, "POST", release_path, fixture->agent1, NULL, NULL);
  g_assert_cmpuint (release_no_id->status, ==, 409);
}

/* The same id on another body, path or method is refused, and nothing
 * runs. */
static void
test_id_reused (Fixture       *fixture,
                gconstpointer  data)
{
  AdTestSwitch *ts = fixture->ts;
  g_autoptr(Answer) first = NULL;
  g_autoptr(Answer) other_body = NULL;
  g_autoptr(Answer) other_path = NULL;
  g_autoptr(Answer) other_method = NULL;
  g_autoptr(Answer) again = NULL;
  gint64 version;

  first = send_with_id (ts, "POST", "/api/v1/voice/interactions", fixture->agent1,
                        "id-1", CREATE_BODY);
  g_assert_cmpuint (first->status, ==, 201);
  version = agent_version (ts, "agent1");

  other_body = send_with_id (ts, "POST", "/api/v1/voice/interactions", fixture->agent1, "id-1",
                             MAKE_CALL_BODY);
  assert_error_answer (other_body, 422, "INVALID_REQUEST");
  other_path = send_with_id (ts, "POST", "/api/v1/agents/agent1/ready", fixture->agent1,
                             "id-1", NULL);
  assert_error_answer (other_path, 422, "INVALID_REQUEST");
  /* Were it run, this would end the token. */
  other_method = send_with_id (ts, "DELETE", "/api/v1/session", fixture->agent1, "id-1", NULL);
  assert_error_answer (other_method, 422, "INVALID_REQUEST");

  g_assert_cmpuint (count_interactions (ts, "agent1"), ==, 1);
  g_assert_cmpint (agent_version (ts, "agent1"), ==, version);
  g_assert_cmpuint (ad_test_switch_request (ts, "GET", "/api/v1/agents/agent1", fixture->agent1,
                                            NULL, NULL), ==, 200);

  /* The first answer is still there for a true repeat. */
  again = send_with_id (ts, "POST", "/api/v1/voice/interactions", fixture->agent1,
                        "id-1", CREATE_BODY);
  assert_same_answer (first, again);
}

/* Ids are each token's own: another token's repeat of the very same
 * request runs, and never sees the first token's answer. */
static void
test_tokens_apart (Fixture       *fixture,
                   gconstpointer  data)
{
  AdTestSwitch *ts = fixture->ts;
  g_autofree char *supervisor2 = ad_test_switch_login (ts, "supervisor", "demo");
  g_autoptr(Answer) first = NULL;
  g_autoptr(Answer) other_token = NULL;
  g_autoptr(Answer) again = NULL;
  g_autoptr(Answer) agent2 = NULL;
  g_autoptr(JsonObject) agent2_json = NULL;
  g_autofree char *call1 = NULL;
  g_autofree char *call2 = NULL;
  g_autofree char *call1_again = NULL;

  first = send_with_id (ts, "POST", "/api/v1/sim/inbound", fixture->supervisor, "shared",
                        INBOUND_BODY);
  call1 = answer_call_id (first);
  other_token = send_with_id (ts, "POST", "/api/v1/sim/inbound", supervisor2, "shared",
                              INBOUND_BODY);
  call2 = answer_call_id (other_token);
  g_assert_cmpstr (call1, !=, call2);

  again = send_with_id (ts, "POST", "/api/v1/sim/inbound", fixture->supervisor, "shared",
                        INBOUND_BODY);
  call1_again = answer_call_id (again);
  g_assert_cmpstr (call1, ==, call1_again);

  /* Another agent's token with the same id on its own request: it runs,
   * not refused as a reuse. */
  agent2 = send_with_id (ts, "POST", "/api/v1/agents/agent2/ready", fixture->agent2, "shared",
                         NULL);
  agent2_json = answer_json (agent2);
  g_assert_cmpuint (agent2->status, ==, 200);
  g_assert_cmpstr (ad_json_string_or_null (agent2_json, "agent:status"), ==, "READY");
}

/* 256 ids per token: the 257th makes the switch forget the oldest, whose
 * repeat then runs again; the others are still answered from memory. */
static void
test_bound_per_token (Fixture       *fixture,
                      gconstpointer  data)
{
  AdTestSwitch *ts = fixture->ts;
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(Answer) newest = NULL;
  g_autoptr(Answer) second = NULL;
  g_autoptr(Answer) oldest = NULL;
  g_autofree char *newest_call = NULL;
  g_autofree char *second_call = NULL;
  g_autofree char *oldest_call = NULL;
  const guint n = 256 + 1;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("inbound-%u", i);
      g_autoptr(Answer) answer = send_with_id (ts, "POST", "/api/v1/sim/inbound",
                                               fixture->supervisor, id, INBOUND_BODY);

      g_ptr_array_add (calls, answer_call_id (answer));
    }

  newest = send_with_id (ts, "POST", "/api/v1/sim/inbound", fixture->supervisor,
                         "inbound-256", INBOUND_BODY);
  newest_call = answer_call_id (newest);
  g_assert_cmpstr (newest_call, ==, g_ptr_array_index (calls, 256));
  second = send_with_id (ts, "POST", "/api/v1/sim/inbound", fixture->supervisor,
                         "inbound-1", INBOUND_BODY);
  second_call = answer_call_id (second);
  g_assert_cmpstr (second_call, ==, g_ptr_array_index (calls, 1));

  oldest = send_with_id (ts, "POST", "/api/v1/sim/inbound", fixture->supervisor,
                         "inbound-0", INBOUND_BODY);
  oldest_call = answer_call_id (oldest);
  g_assert_cmpstr (oldest_call, !=, g_ptr_array_index (calls, 0));
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (oldest_call, !=, g_ptr_array_index (calls, i));
}

/* A malformed id is refused before anything runs; the longest id
 * allowed is taken; a read ignores the header. */
static void
test_malformed_id (Fixture       *fixture,
                   gconstpointer  data)
{
  AdTestSwitch *ts = fixture->ts;
  g_autofree char *longest = g_strnfill (AD_REQUEST_LOG_MAX_ID_LENGTH, 'a');
  g_autofree char *too_long = g_strnfill (AD_REQUEST_LOG_MAX_ID_LENGTH + 1, 'a');
  const char *malformed[] = { "", "two words", "caf\xc3\xa9", "tab\tid", too_long };
  g_autoptr(Answer) good = NULL;
  g_autoptr(Answer) get = NULL;
  g_autofree char *uri = g_strconcat (ts->base_url, "/api/v1/voice/interactions", NULL);
  g_autoptr(SoupMessage) twice = soup_message_new ("POST", uri);
  g_autofree char *bearer = g_strconcat ("Bearer ", fixture->agent1, NULL);
  g_autoptr(GBytes) twice_body = NULL;
  g_autoptr(GBytes) make_call = g_bytes_new_static (MAKE_CALL_BODY, strlen (MAKE_CALL_BODY));
  g_autoptr(JsonObject) twice_json = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(Answer) answer = send_with_id (ts, "POST", "/api/v1/voice/interactions",
                                               fixture->agent1, malformed[i], MAKE_CALL_BODY);

      assert_error_answer (answer, 400, "INVALID_REQUEST");
    }

  /* Two headers are two ids. */
  soup_message_headers_replace (soup_message_get_request_headers (twice), "Authorization",
                                bearer);
  soup_message_headers_append (soup_message_get_request_headers (twice), AD_REQUEST_LOG_HEADER,
                               "one");
  soup_message_headers_append (soup_message_get_request_headers (twice), AD_REQUEST_LOG_HEADER,
                               "two");
  soup_message_set_request_body_from_bytes (twice, "application/json", make_call);
  twice_body = ad_test_switch_send (ts, twice, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (twice), ==, 400);
  twice_json = ad_json_parse_object (g_bytes_get_data (twice_body, NULL),
                                     g_bytes_get_size (twice_body), NULL);
  ad_test_assert_error (twice_json, "INVALID_REQUEST");

  /* A sign-in's id is checked too. */
  {
    g_autoptr(Answer) sign_in = send_with_id (ts, "POST", "/api/v1/session", NULL, "two words",
                                              "{\"username\": \"agent3\", \"password\": \"demo\"}");

    assert_error_answer (sign_in, 400, "INVALID_REQUEST");
  }

  g_assert_cmpuint (count_interactions (ts, "agent1"), ==, 0);

  good = send_with_id (ts, "POST", "/api/v1/voice/interactions", fixture->agent1, longest,
                       MAKE_CALL_BODY);
  g_assert_cmpuint (good->status, ==, 201);
  g_assert_cmpuint (count_interactions (ts, "agent1"), ==, 1);

  get = send_with_id (ts, "GET", "/api/v1/agents/agent1", fixture->agent1, "two words", NULL);
  g_assert_cmpuint (get->status, ==, 200);
}

/* A sign-in is never remembered: its answer holds a token, which the
 * switch keeps only as a digest. */
static void
test_sign_in_not_remembered (Fixture       *fixture,
                             gconstpointer  data)
{
  AdTestSwitch *ts = fixture->ts;
  const char *body = "{\"username\": \"agent3\", \"password\": \"demo\"}";
  g_autoptr(Answer) first = send_with_id (ts, "POST", "/api/v1/session", NULL, "sign-in", body);
  g_autoptr(Answer) again = send_with_id (ts, "POST", "/api/v1/session", NULL, "sign-in", body);
  g_autoptr(JsonObject) first_json = answer_json (first);
  g_autoptr(JsonObject) again_json = answer_json (again);

  g_assert_cmpuint (first->status, ==, 201);
  g_assert_cmpuint (again->status, ==, 201);
  g_assert_cmpstr (ad_json_string_or_null (first_json, "token"), !=,
                   ad_json_string_or_null (again_json, "token"));
}

/* AdRequestLog alone: a SoupServer whose handler runs the log as the
 * switch does, counts the runs and answers {"run": N}, or pauses the
 * message to answer later. The owner is a real token's session. */

typedef struct {
  AdCallCenter      *center;
  AdAuth            *auth;
  AdRequestLog      *log;
  SoupServer        *server;
  SoupSession       *session;
  char              *base_url;
  char              *owner;     /* the token's hash */
  guint              n_calls;   /* handler calls */
  guint              n_runs;    /* of which ran */
  gboolean           pause;
  SoupServerMessage *paused;
} UnitFixture;

typedef struct {
  guint    status;
  GBytes  *body;
  gboolean done;
} Reply;

static void
on_unit_request (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  UnitFixture *fixture = user_data;

  fixture->n_calls++;
  if (!ad_request_log_begin (fixture->log, msg, fixture->owner))
    return;

  fixture->n_runs++;
  if (fixture->pause)
    {
      soup_server_message_pause (msg);
      g_set_object (&fixture->paused, msg);
    }
  else
    {
      g_autofree char *body = g_strdup_printf ("{\"run\": %u}", fixture->n_runs);

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        body, strlen (body));
    }
  ad_request_log_end (fixture->log, msg);
}

static void
unit_set_up_with (UnitFixture              *fixture,
                  const AdRequestLogLimits *limits)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  AdAuthSession *session = NULL;
  guint port;

  fixture->center = ad_call_center_new (AD_SWITCH_PROFILE_FULL);
  ad_call_center_load_demo (fixture->center);
  fixture->auth = ad_auth_new ();
  ad_auth_load_demo (fixture->auth, fixture->center);
  token = ad_auth_login (fixture->auth, "agent1", "demo", NULL, &session, &error);
  g_assert_no_error (error);
  fixture->owner = g_strdup (session->token_hash);

  fixture->log = ad_request_log_new (fixture->auth, limits);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, on_unit_request, fixture, NULL);
  port = ad_switch_server_listen_soup (fixture->server, loopback, 0, 0, &error);
  g_assert_no_error (error);
  fixture->base_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  fixture->session = soup_session_new ();
}

static void
unit_set_up (UnitFixture   *fixture,
             gconstpointer  data)
{
  AdRequestLogLimits limits;

  ad_request_log_limits_init (&limits);
  unit_set_up_with (fixture, &limits);
}

/* At most 3 answers per token, 4 in all. */
static void
unit_set_up_small (UnitFixture   *fixture,
                   gconstpointer  data)
{
  AdRequestLogLimits limits;

  ad_request_log_limits_init (&limits);
  limits.max_per_owner = 3;
  limits.max_entries = 4;
  unit_set_up_with (fixture, &limits);
}

static void
unit_tear_down (UnitFixture   *fixture,
                gconstpointer  data)
{
  soup_session_abort (fixture->session);
  g_clear_object (&fixture->session);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->paused);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->log);
  g_clear_object (&fixture->auth);
  g_clear_object (&fixture->center);
  g_free (fixture->owner);
  g_free (fixture->base_url);
}

static void
on_unit_reply (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Reply *reply = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->done = TRUE;
}

/* Starts POST /@id with "X-Request-Id: @id" and @body. */
static void
unit_send_async (UnitFixture *fixture,
                 const char  *id,
                 const char  *body,
                 Reply       *reply)
{
  g_autofree char *uri = g_strdup_printf ("%s/%s", fixture->base_url, id);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  soup_message_headers_append (soup_message_get_request_headers (msg), AD_REQUEST_LOG_HEADER,
                               id);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    on_unit_reply, reply);
}

/* The run that answered POST /@id: its {"run": N}. */
static guint
unit_send (UnitFixture *fixture,
           const char  *id)
{
  Reply reply = { 0 };
  g_autoptr(JsonObject) body = NULL;

  unit_send_async (fixture, id, "{}", &reply);
  ad_test_wait_until (&reply.done);
  g_assert_cmpuint (reply.status, ==, 200);
  body = ad_json_parse_object (g_bytes_get_data (reply.body, NULL),
                               g_bytes_get_size (reply.body), NULL);
  g_bytes_unref (reply.body);
  g_assert_nonnull (body);
  return json_object_get_int_member (body, "run");
}

/* A repeat that arrives while the first request is still being answered
 * waits for that answer, and the action runs once. */
static void
test_unit_repeat_while_running (UnitFixture   *fixture,
                                gconstpointer  data)
{
  Reply first = { 0 }, repeat = { 0 };
  const char *answer = "{\"run\": 1}";

  fixture->pause = TRUE;
  unit_send_async (fixture, "slow", "{}", &first);
  unit_send_async (fixture, "slow", "{}", &repeat);
  while (fixture->n_calls < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fixture->n_runs, ==, 1);
  g_assert_nonnull (fixture->paused);
  g_assert_false (first.done);
  g_assert_false (repeat.done);

  soup_server_message_set_status (fixture->paused, 201, NULL);
  soup_server_message_set_response (fixture->paused, "application/json", SOUP_MEMORY_STATIC,
                                    answer, strlen (answer));
  soup_server_message_unpause (fixture->paused);
  ad_test_wait_until (&first.done);
  ad_test_wait_until (&repeat.done);

  g_assert_cmpuint (fixture->n_runs, ==, 1);
  g_assert_cmpuint (first.status, ==, 201);
  g_assert_cmpuint (repeat.status, ==, 201);
  g_assert_true (g_bytes_equal (first.body, repeat.body));
  g_assert_cmpmem (g_bytes_get_data (first.body, NULL), g_bytes_get_size (first.body),
                   answer, strlen (answer));
  g_bytes_unref (first.body);
  g_bytes_unref (repeat.body);

  /* And later repeats get it from memory. */
  fixture->pause = FALSE;
  {
    Reply later = { 0 };

    unit_send_async (fixture, "slow", "{}", &later);
    ad_test_wait_until (&later.done);
    g_assert_cmpuint (later.status, ==, 201);
    g_assert_cmpuint (fixture->n_runs, ==, 1);
    g_bytes_unref (later.body);
  }
}

/* Past the time to live an id is forgotten: its repeat runs again. */
static void
test_unit_expiry (UnitFixture   *fixture,
                  gconstpointer  data)
{
  AdRequestLogLimits limits;

  ad_request_log_limits_init (&limits);
  g_assert_cmpuint (unit_send (fixture, "a"), ==, 1);
  g_assert_cmpuint (unit_send (fixture, "a"), ==, 1);

  ad_request_log_expire (fixture->log, g_get_monotonic_time () + limits.ttl_us / 2);
  g_assert_cmpuint (ad_request_log_get_n_ids (fixture->log, fixture->owner), ==, 1);
  g_assert_cmpuint (unit_send (fixture, "a"), ==, 1);

  ad_request_log_expire (fixture->log, g_get_monotonic_time () + limits.ttl_us);
  g_assert_cmpuint (ad_request_log_get_n_ids (fixture->log, NULL), ==, 0);
  g_assert_cmpuint (unit_send (fixture, "a"), ==, 2);
}

/* When the token ends, so do its answers. */
static void
test_unit_token_ended (UnitFixture   *fixture,
                       gconstpointer  data)
{
  g_assert_cmpuint (unit_send (fixture, "a"), ==, 1);
  g_assert_cmpuint (unit_send (fixture, "b"), ==, 2);
  g_assert_cmpuint (ad_request_log_get_n_ids (fixture->log, fixture->owner), ==, 2);

  ad_auth_revoke (fixture->auth, fixture->owner);
  g_assert_cmpuint (ad_request_log_get_n_ids (fixture->log, NULL), ==, 0);
}

/* The bound in all holds across tokens: the oldest answers, whoever
 * they belong to, are forgotten first. */
static void
test_unit_bound_in_all (UnitFixture   *fixture,
                        gconstpointer  data)
{
  g_autofree char *first_owner = g_strdup (fixture->owner);
  g_autofree char *token = NULL;
  AdAuthSession *session = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (unit_send (fixture, "a"), ==, 1);
  g_assert_cmpuint (unit_send (fixture, "b"), ==, 2);
  g_assert_cmpuint (unit_send (fixture, "c"), ==, 3);
  /* The fourth of one token: its first is forgotten (3 per token). */
  g_assert_cmpuint (unit_send (fixture, "d"), ==, 4);
  g_assert_cmpuint (ad_request_log_get_n_ids (fixture->log, first_owner), ==, 3);
  g_assert_cmpuint (unit_send (fixture, "b"), ==, 2);

  /* Another token: its two answers take the total past 4. */
  token = ad_auth_login (fixture->auth, "agent2", "demo", NULL, &session, &error);
  g_assert_no_error (error);
  g_free (fixture->owner);
  fixture->owner = g_strdup (session->token_hash);
  g_assert_cmpuint (unit_send (fixture, "x"), ==, 5);
  g_assert_cmpuint (unit_send (fixture, "y"), ==, 6);
  g_assert_cmpuint (ad_request_log_get_n_ids (fixture->log, NULL), ==, 4);
  g_assert_cmpuint (ad_request_log_get_n_ids (fixture->log, fixture->owner), ==, 2);
  g_assert_cmpuint (ad_request_log_get_n_ids (fixture->log, first_owner), ==, 2);

  /* The first token's oldest ("b") went; "c" and "d" stay. */
  g_free (fixture->owner);
  fixture->owner = g_strdup (first_owner);
  g_assert_cmpuint (unit_send (fixture, "d"), ==, 4);
  g_assert_cmpuint (unit_send (fixture, "c"), ==, 3);
  g_assert_cmpuint (unit_send (fixture, "b"), ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_UNIT(path, set_up, func) \
  g_test_add (path, UnitFixture, NULL, set_up, func, unit_tear_down)

  ADD ("/switch/request-id/repeat-runs-once", test_repeat_runs_once);
  ADD ("/switch/request-id/id-reused", test_id_reused);
  ADD ("/switch/request-id/tokens-apart", test_tokens_apart);
  ADD ("/switch/request-id/bound-per-token", test_bound_per_token);
  ADD ("/switch/request-id/malformed", test_malformed_id);
  ADD ("/switch/request-id/sign-in-not-remembered", test_sign_in_not_remembered);
  ADD_UNIT ("/switch/request-log/repeat-while-running", unit_set_up,
            test_unit_repeat_while_running);
  ADD_UNIT ("/switch/request-log/expiry", unit_set_up, test_unit_expiry);
  ADD_UNIT ("/switch/request-log/token-ended", unit_set_up, test_unit_token_ended);
  ADD_UNIT ("/switch/request-log/bound-in-all", unit_set_up_small, test_unit_bound_in_all);

#undef ADD
#undef ADD_UNIT

  return g_test_run ();
}
