/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdFuzzSwitchHttp"

#include "config.h"

#include "ad-switch-server.h"

#include <gio/gio.h>
#include <stdint.h>
#include <string.h>

/* The switch's HTTP routes: a fresh in-process AdSwitchServer on
 * 127.0.0.1:0 per input, where agent1 (place1001) and agent2 (place1002) are
 * READY, an inbound call rings agent1 and agent1 has a subscription. The
 * input is written to one connection as it is (raw HTTP/1.1, pipelined
 * requests welcome) after replacing placeholders: @A, @B, @S the tokens of
 * agent1, agent2 and the supervisor, @I agent1's interaction id, @C the
 * inbound call's id, @U agent1's subscription id. The server must answer
 * and keep serving: no crash, leak or hang, never a 5xx, and a request
 * made afterwards is still answered. */

#define EXCHANGE_TIMEOUT_MS 2000
/* The setup's own requests wait for their whole answer: a sign-in checks
 * its password in a thread, which a loaded machine may take long to run. */
#define SETUP_TIMEOUT_MS 30000

/* Every input ends with this request: the server answers it and closes,
 * unless the input's own framing swallowed it (then the quiet timer ends
 * the exchange). */
#define LAST_REQUEST "GET /api/v1/fuzz-end HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
#define QUIET_MS 50

typedef struct {
  GString  *response;
  gboolean  done;
  gboolean  written;
  gboolean  quiet;      /* end once the server falls quiet */
  guint     timeout_id;
  guint     quiet_id;
} Exchange;

static gboolean
on_quiet (gpointer user_data)
{
  Exchange *exchange = user_data;

  exchange->done = TRUE;
  exchange->quiet_id = 0;
  return G_SOURCE_REMOVE;
}

static void
rearm_quiet (Exchange *exchange)
{
  if (!exchange->quiet)
    return;
  g_clear_handle_id (&exchange->quiet_id, g_source_remove);
  exchange->quiet_id = g_timeout_add (QUIET_MS, on_quiet, exchange);
}

static gboolean
on_socket_ready (GSocket      *socket,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  Exchange *exchange = user_data;
  char buffer[16384];
  gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);

  if (n <= 0)
    {
      exchange->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  g_string_append_len (exchange->response, buffer, n);
  if (exchange->written)
    rearm_quiet (exchange);
  /* An event stream stays open: its headers are the whole answer. */
  if (strstr (exchange->response->str, "text/event-stream") != NULL)
    {
      exchange->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_exchange_timeout (gpointer user_data)
{
  Exchange *exchange = user_data;

  exchange->done = TRUE;
  exchange->timeout_id = 0;
  return G_SOURCE_REMOVE;
}

/* Writes @request on a new connection and returns what the server answered
 * until it closed (or a stream began, or it fell quiet when @quiet, or the
 * guard of @timeout_ms). */
static GString *
exchange (guint       port,
          const char *request,
          gsize       length,
          gboolean    quiet,
          guint       timeout_ms)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  Exchange ex = { g_string_new (NULL), FALSE, FALSE, quiet, 0, 0 };
  GSource *source;
  gsize written = 0;

  g_assert_nonnull (socket);
  g_assert_true (g_socket_connect (socket, address, NULL, NULL));
  g_socket_set_blocking (socket, FALSE);

  source = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (source, G_SOURCE_FUNC (on_socket_ready), &ex, NULL);
  g_source_attach (source, NULL);
  ex.timeout_id = g_timeout_add (timeout_ms, on_exchange_timeout, &ex);

  while (!ex.done)
    {
      if (written < length)
        {
          gssize n = g_socket_send (socket, request + written, length - written, NULL, NULL);

          if (n > 0)
            written += n;
          else if (n < 0 && !g_socket_condition_check (socket, G_IO_OUT))
            {
              /* The server stopped reading (it may refuse early): let it. */
              g_main_context_iteration (NULL, FALSE);
              continue;
            }
          if (written == length)
            {
              ex.written = TRUE;
              rearm_quiet (&ex);
            }
          g_main_context_iteration (NULL, FALSE);
        }
      else
        g_main_context_iteration (NULL, TRUE);
    }

  if (!g_source_is_destroyed (source))
    g_source_destroy (source);
  g_source_unref (source);
  g_clear_handle_id (&ex.timeout_id, g_source_remove);
  g_clear_handle_id (&ex.quiet_id, g_source_remove);
  g_socket_close (socket, NULL);
  return ex.response;
}

static GString *
request (guint       port,
         const char *method,
         const char *path,
         const char *token,
         const char *body)
{
  g_autofree char *text = NULL;
  g_autofree char *auth = token != NULL ? g_strdup_printf ("Authorization: Bearer %s\r\n", token)
                                        : g_strdup ("");

  text = g_strdup_printf ("%s /api/v1/%s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s"
                          "Content-Type: application/json\r\nContent-Length: %zu\r\n"
                          "Connection: close\r\n\r\n%s",
                          method, path, auth, strlen (body), body);
  return exchange (port, text, strlen (text), FALSE, SETUP_TIMEOUT_MS);
}

/* The string value of "@member" in the JSON body of @response. */
static char *
response_member (GString    *response,
                 const char *member)
{
  const char *body = strstr (response->str, "\r\n\r\n");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  g_assert_nonnull (body);
  g_assert_true (json_parser_load_from_data (parser, body + 4, -1, NULL));
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return g_strdup (json_object_get_string_member (json_node_get_object (root), member));
}

static void
assert_status (GString    *response,
               const char *status)
{
  if (!g_str_has_prefix (response->str, status))
    g_error ("Expected “%s”, the switch answered “%.300s”", status,
             response->len > 0 ? response->str : "(nothing)");
}

static char *
sign_in (guint       port,
         const char *agent,
         const char *place)
{
  g_autofree char *body = g_strdup_printf ("{\"username\": \"%s\", \"password\": \"demo\"}",
                                           agent);
  g_autoptr(GString) response = request (port, "POST", "session", NULL, body);
  char *token;

  assert_status (response, "HTTP/1.1 201");
  token = response_member (response, "token");
  if (place != NULL)
    {
      g_autofree char *login = g_strdup_printf ("agents/%s/login", agent);
      g_autofree char *ready = g_strdup_printf ("agents/%s/ready", agent);
      g_autofree char *place_body = g_strdup_printf ("{\"placeId\": \"%s\"}", place);
      g_autoptr(GString) r1 = request (port, "POST", login, token, place_body);
      g_autoptr(GString) r2 = request (port, "POST", ready, token, "{}");

      assert_status (r1, "HTTP/1.1 200");
      assert_status (r2, "HTTP/1.1 200");
    }
  return token;
}

/* No status line in @response (pipelined answers included) is a server
 * error, but for libsoup's own 501 (an unknown transfer coding) and 505
 * (an unknown HTTP version), which are the right answers to such input. */
static void
assert_no_server_error (GString *response)
{
  const char *p = response->str;

  while ((p = strstr (p, "HTTP/1.1 ")) != NULL)
    {
      p += strlen ("HTTP/1.1 ");
      if (p[0] == '5' && !g_str_has_prefix (p, "501 ") && !g_str_has_prefix (p, "505 "))
        g_error ("A server error: %.40s", p);
    }
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  AdSwitchOptions options;
  g_autoptr(AdSwitchServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *agent1 = NULL;
  g_autofree char *agent2 = NULL;
  g_autofree char *supervisor = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *interaction_id = NULL;
  g_autofree char *subscription_id = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GString) response = NULL;
  g_autoptr(GString) after = NULL;
  g_autoptr(GPtrArray) interactions = NULL;
  guint port;

  ad_switch_options_init (&options);
  options.answer_delay_ms = 0;
  server = ad_switch_server_new (&options, &error);
  g_assert_no_error (error);
  g_assert_true (ad_switch_server_listen (server, "127.0.0.1", 0, &error));
  port = ad_switch_server_get_port (server);

  agent1 = sign_in (port, "agent1", "place1001");
  agent2 = sign_in (port, "agent2", "place1002");
  supervisor = sign_in (port, "supervisor", NULL);
  {
    g_autoptr(GString) r = request (port, "POST", "sim/inbound", supervisor,
                                    "{\"ani\": \"+15551230000\", \"queue\": \"sales\"}");
    g_autoptr(GString) s = request (port, "POST", "events/subscriptions", agent1,
                                    "{\"topicsServices\": [{\"serviceName\": "
                                    "\"InteractionService\", \"topicsEvents\": [{\"eventName\": "
                                    "\"InteractionEvent\", \"triggers\": [{\"key\": \"AGENT\", "
                                    "\"value\": \"agent1\"}]}]}]}");

    assert_status (r, "HTTP/1.1 201");
    assert_status (s, "HTTP/1.1 201");
    call_id = response_member (r, "callId");
    subscription_id = response_member (s, "subscriptionId");
  }
  /* The call is routed on a later main loop iteration. */
  for (guint i = 0; interactions == NULL || interactions->len == 0; i++)
    {
      g_assert_cmpuint (i, <, 1000);
      g_clear_pointer (&interactions, g_ptr_array_unref);
      g_main_context_iteration (NULL, i > 0);
      interactions = ad_call_center_list_interactions (ad_switch_server_get_call_center (server),
                                                       "agent1");
    }
  interaction_id = g_strdup (json_object_get_string_member (interactions->pdata[0],
                                                            "interaction:interactionId"));

  /* The placeholders, replaced in the raw bytes (which may hold NULs). */
  text = g_string_new_len ((const char *) data, size);
  g_string_replace (text, "@A", agent1, 0);
  g_string_replace (text, "@B", agent2, 0);
  g_string_replace (text, "@S", supervisor, 0);
  g_string_replace (text, "@I", interaction_id, 0);
  g_string_replace (text, "@C", call_id, 0);
  g_string_replace (text, "@U", subscription_id, 0);

  g_string_append (text, LAST_REQUEST);
  response = exchange (port, text->str, text->len, TRUE, EXCHANGE_TIMEOUT_MS);
  assert_no_server_error (response);

  /* Still serving (the input may have signed everyone out, and failed
   * logins may have closed sign-in to this address: ask without a token). */
  after = request (port, "GET", "center", NULL, "");
  assert_status (after, "HTTP/1.1 401");

  ad_switch_server_shutdown (server);
  g_clear_object (&server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return 0;
}
