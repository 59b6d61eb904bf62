/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "client-test-util.h"

#include <libsoup/soup.h>

/* AdClient and AdEventStream against canned answers: what the real switch
 * never sends (a tServerError, garbage, a gap in event ids) must still be
 * decoded right. Each request the server sees is logged. */

typedef struct {
  SoupServer *server;
  char       *base_url;
  GPtrArray  *requests;     /* "METHOD path?query body auth last-event-id" */
  guint       n_streams;
} Canned;

static void
log_request (Canned            *c,
             SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);

  g_ptr_array_add (c->requests,
                   g_strdup_printf ("%s %s%s%s %.*s %s %s",
                                    soup_server_message_get_method (msg),
                                    g_uri_get_path (uri),
                                    query != NULL ? "?" : "", query != NULL ? query : "",
                                    (int) body->length, body->length > 0 ? body->data : "",
                                    soup_message_headers_get_one (headers, "Authorization") ?: "-",
                                    soup_message_headers_get_one (headers, "Last-Event-ID") ?: "-"));
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Canned *c = user_data;

  log_request (c, msg);

  if (g_str_equal (path, "/api/v1/session"))
    respond (msg, 201, "application/json",
             "{\"token\": \"t0k3n\", \"agentId\": \"agent7\", \"role\": \"supervisor\"}");
  else if (g_str_has_suffix (path, "/hold"))
    respond (msg, 409, "application/json",
             "{\"error\": {\"type\": \"ACTION_IN_PROGRESS\", \"message\": \"Busy with RETRIEVE\", "
             "\"tServerError\": 4711}}");
  else if (g_str_has_suffix (path, "/retrieve"))
    respond (msg, 403, "application/json",
             "{\"error\": {\"type\": \"FORBIDDEN\", \"message\": \"Not yours\", \"tServerError\": null}}");
  else if (g_str_has_suffix (path, "/answer-call"))
    respond (msg, 202, "application/json", "{}");
  else if (g_str_has_suffix (path, "/initiate-transfer"))
    respond (msg, 201, "application/json", "{\"interaction\": {\"interaction:status\": \"NEW\"}}");
  else if (g_str_equal (path, "/api/v1/agents"))
    respond (msg, 200, "application/json", "this is not JSON");
  else if (g_str_equal (path, "/api/v1/places"))
    respond (msg, 502, "text/html", "<html>Bad gateway</html>");
  else if (g_str_equal (path, "/api/v1/center"))
    respond (msg, 400, "application/json",
             "{\"error\": {\"type\": \"SOMETHING_NEWER\", \"message\": \"From the future\"}}");
  else if (g_str_has_suffix (path, "/stream"))
    {
      c->n_streams++;
      if (c->n_streams == 1)
        /* A gap (3 → 5), then the switch asks for a resync; then it hangs up. */
        respond (msg, 200, "text/event-stream",
                 ": keepalive\r\n"
                 "id: 3\r\nevent: InteractionEvent\r\ndata: {\"n\": 3}\r\n\r\n"
                 "id: 5\r\nevent: InteractionEvent\r\ndata: {\"n\": 5}\r\n\r\n"
                 "event: ResyncRequired\r\ndata: {}\r\n\r\n");
      else if (c->n_streams == 2)
        respond (msg, 200, "text/event-stream", "id: 6\nevent: AgentEvent\ndata: {\"n\": 6}\n\n");
      else
        respond (msg, 404, "application/json",
                 "{\"error\": {\"type\": \"NOT_FOUND\", \"message\": \"No such subscription\", "
                 "\"tServerError\": null}}");
    }
  else
    respond (msg, 404, "application/json",
             "{\"error\": {\"type\": \"NOT_FOUND\", \"message\": \"Unknown\", \"tServerError\": null}}");
}

static void
canned_set_up (Canned        *c,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  guint port;

  c->requests = g_ptr_array_new_with_free_func (g_free);
  c->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (c->server, NULL, on_request, c, NULL);
  port = ad_switch_server_listen_soup (c->server, loopback, 0, 0, &error);
  g_assert_no_error (error);
  c->base_url = g_strdup_printf ("http://127.0.0.1:%u", port);
}

static void
canned_tear_down (Canned        *c,
                  gconstpointer  data)
{
  soup_server_disconnect (c->server);
  g_clear_object (&c->server);
  g_free (c->base_url);
  g_ptr_array_unref (c->requests);
}

static JsonObject *
finish_request (AdClient      *client,
                GAsyncResult **slot,
                GError       **error)
{
  g_autoptr(GAsyncResult) result = client_test_wait_result (slot);

  return ad_client_request_finish (client, result, error);
}

static void
test_errors (Canned        *c,
             gconstpointer  data)
{
  g_autoptr(AdClient) client = ad_client_new (c->base_url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *agent_id = NULL;
  GAsyncResult *slot = NULL;
  AdRole role = AD_ROLE_AGENT;
  gint64 t_server_error = 0;

  ad_client_login_async (client, "agent7", "secret", NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  g_assert_true (ad_client_login_finish (client, result, &agent_id, &role, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (agent_id, ==, "agent7");
  g_assert_cmpint (role, ==, AD_ROLE_SUPERVISOR);
  g_assert_cmpstr (ad_client_get_token (client), ==, "t0k3n");
  g_assert_cmpstr (g_ptr_array_index (c->requests, 0), ==,
                   "POST /api/v1/session {\"username\":\"agent7\",\"password\":\"secret\"} - -");

  /* The contract's error body: type, message and tServerError kept. */
  ad_client_perform_async (client, "call?1", AD_VOICE_ACTION_HOLD, NULL, NULL,
                           client_test_store_result, &slot);
  reply = finish_request (client, &slot, &error);
  g_assert_null (reply);
  g_assert_error (error, AD_ERROR, AD_ERROR_ACTION_IN_PROGRESS);
  g_assert_cmpstr (error->message, ==, "Busy with RETRIEVE");
  g_assert_true (ad_error_get_t_server_error (error, &t_server_error));
  g_assert_cmpint (t_server_error, ==, 4711);
  copy = g_error_copy (error);
  t_server_error = 0;
  g_assert_true (ad_error_get_t_server_error (copy, &t_server_error));
  g_assert_cmpint (t_server_error, ==, 4711);
  g_assert_cmpstr (g_ptr_array_index (c->requests, 1), ==,
                   "POST /api/v1/voice/interactions/call?1/hold {} Bearer t0k3n -");
  g_clear_error (&error);

  ad_client_perform_async (client, "c1", AD_VOICE_ACTION_RETRIEVE, NULL, NULL,
                           client_test_store_result, &slot);
  g_assert_null (finish_request (client, &slot, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_FORBIDDEN);
  g_assert_false (ad_error_get_t_server_error (error, NULL));
  g_clear_error (&error);

  /* Garbage is a protocol error; a status without the contract's body
   * still maps to its type. */
  ad_client_get_agents_async (client, NULL, client_test_store_result, &slot);
  g_assert_null (finish_request (client, &slot, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_PROTOCOL);
  g_clear_error (&error);
  ad_client_get_places_async (client, NULL, client_test_store_result, &slot);
  g_assert_null (finish_request (client, &slot, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_INTERNAL);
  g_clear_error (&error);
  ad_client_get_center_async (client, NULL, client_test_store_result, &slot);
  g_assert_null (finish_request (client, &slot, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==, "From the future");
  g_clear_error (&error);

  /* An initiate answer without an interaction id. */
  ad_client_perform_async (client, "c1", AD_VOICE_ACTION_INIT_TRANSFER, NULL, NULL,
                           client_test_store_result, &slot);
  g_clear_object (&result);
  result = client_test_wait_result (&slot);
  g_assert_null (ad_client_dto_finish (client, result, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_PROTOCOL);
  g_clear_error (&error);

  /* A 202 action has no DTO and no error. */
  ad_client_perform_async (client, "c1", AD_VOICE_ACTION_ANSWER_CALL, NULL, NULL,
                           client_test_store_result, &slot);
  g_clear_object (&result);
  result = client_test_wait_result (&slot);
  g_assert_null (ad_client_dto_finish (client, result, &error));
  g_assert_no_error (error);
}

static void
test_requests (Canned        *c,
               gconstpointer  data)
{
  g_autoptr(AdClient) client = ad_client_new (c->base_url);
  const char *attributes[] = { "interaction:status", AD_ATTR_VOICE_ALL, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = NULL;
  GAsyncResult *slot = NULL;

  ad_client_set_token (client, "abc");
  ad_client_list_interactions_async (client, "agent 1", attributes, NULL,
                                     client_test_store_result, &slot);
  reply = finish_request (client, &slot, &error);
  g_clear_error (&error);
  ad_client_agent_not_ready_async (client, "agent1", "BREAK", NULL, client_test_store_result, &slot);
  reply = finish_request (client, &slot, &error);
  g_clear_error (&error);
  ad_client_get_history_async (client, "agent1", 5, NULL, client_test_store_result, &slot);
  reply = finish_request (client, &slot, &error);
  g_clear_error (&error);

  g_assert_cmpuint (c->requests->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (c->requests, 0), ==,
                   "GET /api/v1/interactions?agentId=agent%201&attributes=interaction:status,interaction.voice:*  Bearer abc -");
  g_assert_cmpstr (g_ptr_array_index (c->requests, 1), ==,
                   "POST /api/v1/agents/agent1/not-ready {\"reasonCode\":\"BREAK\"} Bearer abc -");
  g_assert_cmpstr (g_ptr_array_index (c->requests, 2), ==,
                   "GET /api/v1/history?agentId=agent1&limit=5  Bearer abc -");

  /* Cancelled stays a GIO error. */
  g_cancellable_cancel (cancellable);
  ad_client_get_agents_async (client, cancellable, client_test_store_result, &slot);
  g_assert_null (finish_request (client, &slot, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct {
  GString  *events;
  guint     resyncs;
  guint     reconnects;
  GError   *failure;
} StreamLog;

static void
on_event (AdEventStream *stream,
          const char    *type,
          const char    *data,
          const char    *id,
          StreamLog     *log)
{
  g_string_append_printf (log->events, "[%s %s %s]", id, type, data);
}

static void
on_resync (AdEventStream *stream,
           StreamLog     *log)
{
  log->resyncs++;
}

static void
on_reconnected (AdEventStream *stream,
                StreamLog     *log)
{
  log->reconnects++;
}

static void
on_failed (AdEventStream *stream,
           const GError  *error,
           StreamLog     *log)
{
  log->failure = g_error_copy (error);
}

static void
test_event_stream (Canned        *c,
                   gconstpointer  data)
{
  g_autoptr(AdClient) client = ad_client_new (c->base_url);
  g_autoptr(AdEventStream) stream = ad_event_stream_new (client, "sub-1");
  StreamLog log = { g_string_new (NULL), 0, 0, NULL };

  ad_client_set_token (client, "abc");
  ad_event_stream_set_backoff (stream, 10, 40);
  g_signal_connect (stream, "event", G_CALLBACK (on_event), &log);
  g_signal_connect (stream, "resync-required", G_CALLBACK (on_resync), &log);
  g_signal_connect (stream, "reconnected", G_CALLBACK (on_reconnected), &log);
  g_signal_connect (stream, "failed", G_CALLBACK (on_failed), &log);

  ad_event_stream_start (stream);
  g_assert_cmpint (ad_event_stream_get_state (stream), ==, AD_CONNECTION_STATE_RECONNECTING);
  CLIENT_TEST_WAIT_UNTIL (log.failure != NULL);

  g_assert_cmpstr (log.events->str, ==,
                   "[3 InteractionEvent {\"n\": 3}][5 InteractionEvent {\"n\": 5}][6 AgentEvent {\"n\": 6}]");
  /* The gap, and the switch's request. */
  g_assert_cmpuint (log.resyncs, ==, 2);
  g_assert_cmpuint (log.reconnects, ==, 1);
  g_assert_error (log.failure, AD_ERROR, AD_ERROR_NOT_FOUND);
  g_assert_cmpint (ad_event_stream_get_state (stream), ==, AD_CONNECTION_STATE_OFFLINE);
  g_assert_cmpstr (ad_event_stream_get_last_event_id (stream), ==, "6");

  /* Each reconnect resumed from the last id seen. */
  g_assert_cmpuint (c->requests->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (c->requests, 0), ==,
                   "GET /api/v1/events/subscriptions/sub-1/stream  Bearer abc -");
  g_assert_cmpstr (g_ptr_array_index (c->requests, 1), ==,
                   "GET /api/v1/events/subscriptions/sub-1/stream  Bearer abc 5");
  g_assert_cmpstr (g_ptr_array_index (c->requests, 2), ==,
                   "GET /api/v1/events/subscriptions/sub-1/stream  Bearer abc 6");

  g_string_free (log.events, TRUE);
  g_error_free (log.failure);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/client/client/errors", Canned, NULL, canned_set_up, test_errors, canned_tear_down);
  g_test_add ("/client/client/requests", Canned, NULL, canned_set_up, test_requests, canned_tear_down);
  g_test_add ("/client/event-stream/resume-and-resync", Canned, NULL,
              canned_set_up, test_event_stream, canned_tear_down);

  return g_test_run ();
}
