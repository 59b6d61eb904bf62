/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "TestIdleConnections"

#include "config.h"

#include "client-test-util.h"
#include "switch-test-util.h"
#include "tls-test-util.h"

#include <string.h>

/* Kept-alive connections between two requests, over HTTP and HTTPS: the
 * switch closes those that wait longer than options.connection_idle_ms
 * for their next request, and those whose client closed them at once;
 * never an event stream nor a connection whose next request has come.
 * Clients speak HTTP over raw (TLS) connections in this process, so that
 * what the switch holds shows in /proc/self/fd. The limits are tiny;
 * every wait is on a condition (CLIENT_TEST_WAIT_UNTIL's guard is the
 * only clock), and the one sleep only makes sure that a limit has
 * passed. */

#define IDLE_MS           100
/* For clients that must not be cut between two requests of theirs: a
 * limit no pause of a loaded machine reaches. */
#define IDLE_MS_BUSY      500
/* The sweep's slack past a limit of IDLE_MS_BUSY: 250 ms. */
#define SWEEP_SLACK_MS    250
#define N_CONNECTIONS     16
/* A limit no test outlives: only the client's close frees a connection. */
#define IDLE_MS_FOREVER   (3600 * 1000)

typedef struct {
  TlsTestPki       *pki;     /* NULL: plain HTTP */
  ClientTestSwitch *ts;
  guint             n_fds_before;
} Fixture;

typedef struct {
  GIOStream *stream;         /* a GSocketConnection, or TLS over one */
  GString   *received;       /* not yet taken */
} Client;

typedef enum {
  CLIENT_DATA,
  CLIENT_NOTHING,
  CLIENT_ENDED,              /* the end of the stream, or its reset */
} ClientRead;

static Client *
client_connect (Fixture *f)
{
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  Client *client = g_new0 (Client, 1);

  connection = g_socket_client_connect_to_host (socket_client, "127.0.0.1", f->ts->port,
                                                NULL, &error);
  g_assert_no_error (error);
  client->received = g_string_new (NULL);

  if (f->pki == NULL)
    {
      client->stream = G_IO_STREAM (g_steal_pointer (&connection));
      return client;
    }

  identity = g_network_address_new ("127.0.0.1", f->ts->port);
  client->stream = g_tls_client_connection_new (G_IO_STREAM (connection), identity, &error);
  g_assert_no_error (error);
  g_tls_connection_set_database (G_TLS_CONNECTION (client->stream), f->pki->ca_database);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (client->stream), G_PRIORITY_DEFAULT,
                                    NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  g_tls_connection_handshake_finish (G_TLS_CONNECTION (client->stream), result, &error);
  g_assert_no_error (error);
  return client;
}

/* Closes the client's end: over TLS with its close_notify when @notify,
 * else by closing the socket under it. */
static void
client_close (Client   *client,
              gboolean  notify)
{
  g_autoptr(GIOStream) base = NULL;

  if (G_IS_TLS_CONNECTION (client->stream) && !notify)
    g_object_get (client->stream, "base-io-stream", &base, NULL);
  g_io_stream_close (base != NULL ? base : client->stream, NULL, NULL);
}

static void
client_free (Client *client)
{
  g_object_unref (client->stream);
  g_string_free (client->received, TRUE);
  g_free (client);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

static void
client_send (Client     *client,
             const char *text)
{
  GOutputStream *output = g_io_stream_get_output_stream (client->stream);
  gsize length = strlen (text);
  gsize sent = 0;

  while (sent < length)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (output),
                                                             text + sent, length - sent,
                                                             NULL, &error);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          client_test_iterate ();
          continue;
        }
      g_assert_no_error (error);
      sent += n;
    }
}

/* Reads what has come, without waiting. */
static ClientRead
client_poll (Client *client)
{
  GInputStream *input = g_io_stream_get_input_stream (client->stream);
  g_autoptr(GError) error = NULL;
  char buffer[4096];
  gssize n;

  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (input),
                                                buffer, sizeof buffer, NULL, &error);
  if (n > 0)
    {
      g_string_append_len (client->received, buffer, n);
      return CLIENT_DATA;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return CLIENT_NOTHING;
  return CLIENT_ENDED;
}

/* Waits for @text to have come; returns where it starts. */
static const char *
client_wait_for (Client     *client,
                 const char *text)
{
  CLIENT_TEST_WAIT_UNTIL (strstr (client->received->str, text) != NULL ||
                          client_poll (client) == CLIENT_ENDED);
  g_assert_nonnull (strstr (client->received->str, text));
  return strstr (client->received->str, text);
}

/* Reads one whole response (the switch sends a Content-Length with each),
 * takes it and returns its status; its body goes to *@body unless NULL. */
static guint
client_read_response (Client  *client,
                      char   **body)
{
  const char *end = client_wait_for (client, "\r\n\r\n");
  gsize header_length = end + 4 - client->received->str;
  const char *length_header = g_strstr_len (client->received->str, header_length,
                                            "Content-Length: ");
  gsize length;
  guint status;

  g_assert_true (g_str_has_prefix (client->received->str, "HTTP/1.1 "));
  g_assert_nonnull (length_header);
  length = g_ascii_strtoull (length_header + strlen ("Content-Length: "), NULL, 10);
  CLIENT_TEST_WAIT_UNTIL (client->received->len >= header_length + length ||
                          client_poll (client) == CLIENT_ENDED);
  g_assert_cmpuint (client->received->len, >=, header_length + length);

  status = g_ascii_strtoull (client->received->str + strlen ("HTTP/1.1 "), NULL, 10);
  if (body != NULL)
    *body = g_strndup (client->received->str + header_length, length);
  g_string_erase (client->received, 0, header_length + length);
  return status;
}

/* Sends a request and returns the status of its response. */
static guint
client_request (Client     *client,
                const char *method,
                const char *path,
                const char *token,
                const char *body,
                char      **response)
{
  g_autofree char *auth = token != NULL ? g_strdup_printf ("Authorization: Bearer %s\r\n", token)
                                        : g_strdup ("");
  g_autofree char *request = g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s"
                                              "Content-Type: application/json\r\n"
                                              "Content-Length: %zu\r\n\r\n%s",
                                              method, path, auth,
                                              body != NULL ? strlen (body) : 0,
                                              body != NULL ? body : "");

  client_send (client, request);
  return client_read_response (client, response);
}

/* A request that any client may make, answered 401 on a kept-alive
 * connection. */
#define CENTER_REQUEST "GET /api/v1/center HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

static void
client_request_center (Client *client)
{
  client_send (client, CENTER_REQUEST);
  g_assert_cmpuint (client_read_response (client, NULL), ==, 401);
}

/* Waits until the switch has closed the connection. */
static void
client_wait_closed (Client *client)
{
  CLIENT_TEST_WAIT_UNTIL (client_poll (client) == CLIENT_ENDED);
  g_assert_cmpuint (client->received->len, ==, 0);
}

static void
wait_for_fds (guint n)
{
  CLIENT_TEST_WAIT_UNTIL (ad_test_count_fds () <= n);
  g_assert_cmpuint (ad_test_count_fds (), ==, n);
}

typedef enum {
  CLOSE_NOTIFY,        /* over TLS with a close_notify */
  CLOSE_SOCKET,        /* closing the socket under TLS */
  CLOSE_ALTERNATING,   /* one way, then the other */
} CloseMode;

/* Closes and frees N_CONNECTIONS @clients, then waits until the switch
 * has given their descriptors back. */
static void
close_clients (Fixture   *f,
               Client   **clients,
               CloseMode  mode)
{
  for (guint i = 0; i < N_CONNECTIONS; i++)
    {
      client_close (clients[i], mode == CLOSE_NOTIFY || (mode == CLOSE_ALTERNATING && i % 2 == 0));
      client_free (clients[i]);
    }
  wait_for_fds (f->n_fds_before);
}

static void
start_switch (Fixture *f,
              guint    idle_ms,
              guint    keepalive_ms)
{
  g_autoptr(Client) first = NULL;
  AdSwitchOptions options;

  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);
  options.connection_idle_ms = idle_ms;
  if (keepalive_ms > 0)
    options.keepalive_ms = keepalive_ms;
  if (f->pki != NULL)
    {
      options.tls_certificate_file = f->pki->cert_file;
      options.tls_key_file = f->pki->key_file;
    }
  f->ts = client_test_switch_new (&options);
  g_assert_true (g_str_has_prefix (f->ts->base_url, f->pki != NULL ? "https://" : "http://"));

  /* The descriptors once a first connection came and went (TLS may open
   * what it needs on its first use). */
  first = client_connect (f);
  client_send (first, "GET /api/v1/center HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  g_assert_cmpuint (client_read_response (first, NULL), ==, 401);
  client_wait_closed (first);
  client_close (first, TRUE);
  g_clear_pointer (&first, client_free);
  f->n_fds_before = ad_test_count_fds ();
}

static void
fixture_set_up_plain (Fixture       *f,
                      gconstpointer  data)
{
}

static void
fixture_set_up_tls (Fixture       *f,
                    gconstpointer  data)
{
  f->pki = tls_test_pki_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->ts, client_test_switch_free);
  g_clear_pointer (&f->pki, tls_test_pki_free);
}

/* Opens N_CONNECTIONS @clients and keeps each alive after one request,
 * or two for every other one. */
static void
open_clients (Fixture  *f,
              Client  **clients)
{
  for (guint i = 0; i < N_CONNECTIONS; i++)
    {
      clients[i] = client_connect (f);
      for (guint j = 0; j <= i % 2; j++)
        client_request_center (clients[i]);
    }
}

/* Connections left idle after one request or two: the switch closes each
 * once it has waited IDLE_MS, its client sees the end of the stream, and
 * nothing of it stays. Plain and TLS. */
static void
test_idle_timeout (Fixture       *f,
                   gconstpointer  data)
{
  Client *clients[N_CONNECTIONS];

  start_switch (f, IDLE_MS, 0);
  open_clients (f, clients);

  for (guint i = 0; i < N_CONNECTIONS; i++)
    client_wait_closed (clients[i]);
  /* Only the clients' ends are left. */
  wait_for_fds (f->n_fds_before + N_CONNECTIONS);
  close_clients (f, clients, CLOSE_NOTIFY);
}

/* Plain connections over which nothing ever comes wait for their first
 * request as others wait for their next one: the switch closes them too.
 * (Over HTTPS the TLS handshake comes first, with no such limit.) */
static void
test_nothing_sent (Fixture       *f,
                   gconstpointer  data)
{
  Client *clients[N_CONNECTIONS];

  start_switch (f, IDLE_MS, 0);

  for (guint i = 0; i < N_CONNECTIONS; i++)
    clients[i] = client_connect (f);
  for (guint i = 0; i < N_CONNECTIONS; i++)
    client_wait_closed (clients[i]);
  wait_for_fds (f->n_fds_before + N_CONNECTIONS);
  close_clients (f, clients, CLOSE_SOCKET);
}

/* HTTPS clients that close their idle connections, half with a
 * close_notify, half by closing the socket: the switch frees each at
 * once, long before any timeout. */
static void
test_tls_closed_by_client (Fixture       *f,
                           gconstpointer  data)
{
  Client *clients[N_CONNECTIONS];

  start_switch (f, IDLE_MS_FOREVER, 0);
  open_clients (f, clients);
  g_assert_cmpuint (ad_test_count_fds (), ==, f->n_fds_before + 2 * N_CONNECTIONS);
  g_test_message ("%u descriptors with %u idle connections, %u before",
                  ad_test_count_fds (), N_CONNECTIONS, f->n_fds_before);

  close_clients (f, clients, CLOSE_ALTERNATING);
  g_test_message ("%u descriptors once the clients closed them", ad_test_count_fds ());
}

/* HTTPS clients that send TLS records after a request but never a
 * request (here records that fail to decrypt, as an unrecognized close
 * would be to the switch): libsoup may have read the end of them, the
 * switch still gives their descriptors back after the limit. */
static void
test_tls_no_request (Fixture       *f,
                     gconstpointer  data)
{
  /* An application data record of 40 bytes that no key decrypts. */
  static const guint8 record[5 + 40] = { 23, 3, 3, 0, 40, 1, 2, 3 };
  Client *clients[N_CONNECTIONS];

  start_switch (f, IDLE_MS, 0);
  open_clients (f, clients);

  for (guint i = 0; i < N_CONNECTIONS; i++)
    {
      g_autoptr(GIOStream) base = NULL;
      g_autoptr(GError) error = NULL;

      g_object_get (clients[i]->stream, "base-io-stream", &base, NULL);
      g_output_stream_write_all (g_io_stream_get_output_stream (base), record, sizeof record,
                                 NULL, NULL, &error);
      g_assert_no_error (error);
    }

  wait_for_fds (f->n_fds_before + N_CONNECTIONS);
  close_clients (f, clients, CLOSE_SOCKET);
}

/* An event stream that stays silent for longer than the limit (its
 * keepalive comments far apart) is a request in progress, here the third
 * on a kept-alive connection: it stays open and still gets its events,
 * while an idle connection opened after it is closed. Plain and TLS. */
static void
test_stream_stays (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Client) stream = NULL;
  g_autoptr(Client) probe = NULL;
  g_autoptr(Client) action = NULL;
  g_autoptr(JsonObject) session = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *created_answer = NULL;
  g_autofree char *path = NULL;
  g_autofree char *request = NULL;
  const char *token, *subscription_id;

  start_switch (f, IDLE_MS_BUSY, 60 * 1000);

  stream = client_connect (f);
  g_assert_cmpuint (client_request (stream, "POST", "/api/v1/session", NULL,
                                    "{\"username\": \"agent1\", \"password\": \"demo\"}",
                                    &answer), ==, 201);
  session = ad_json_parse_object (answer, -1, NULL);
  g_assert_nonnull (session);
  token = ad_json_string_or_null (session, "token");
  g_assert_nonnull (token);
  g_assert_cmpuint (client_request (stream, "POST", "/api/v1/events/subscriptions", token,
                                    "{\"topicsServices\": [{\"serviceName\": \"AgentService\", "
                                    "\"topicsEvents\": [{\"eventName\": \"AgentEvent\", "
                                    "\"triggers\": [{\"key\": \"AGENT\", \"value\": \"agent1\"}]}]}]}",
                                    &created_answer), ==, 201);
  created = ad_json_parse_object (created_answer, -1, NULL);
  g_assert_nonnull (created);
  subscription_id = ad_json_string_or_null (created, "subscriptionId");
  g_assert_nonnull (subscription_id);

  path = g_strdup_printf ("/api/v1/events/subscriptions/%s/stream", subscription_id);
  request = g_strdup_printf ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Authorization: Bearer %s\r\n\r\n", path, token);
  client_send (stream, request);
  client_wait_for (stream, "\r\n\r\n");
  g_assert_true (g_str_has_prefix (stream->received->str, "HTTP/1.1 200 "));
  g_assert_cmpuint (ad_switch_server_get_n_streams (f->ts->server), ==, 1);

  /* The probe became idle after the stream last wrote: once the switch
   * closed the probe, the stream has been silent for longer still. */
  probe = client_connect (f);
  client_request_center (probe);
  client_wait_closed (probe);

  g_assert_cmpint (client_poll (stream), !=, CLIENT_ENDED);
  g_assert_cmpuint (ad_switch_server_get_n_streams (f->ts->server), ==, 1);
  g_string_truncate (stream->received, 0);

  action = client_connect (f);
  g_assert_cmpuint (client_request (action, "POST", "/api/v1/agents/agent1/login", token,
                                    "{\"placeId\": \"place1001\"}", NULL), ==, 200);
  client_wait_for (stream, "event: AgentEvent");
}

/* A kept-alive connection whose next requests follow each other closer
 * than the limit is never cut, even when a request is already waiting on
 * its socket as its time runs out (the switch is kept busy meanwhile);
 * left idle at last, it is closed. */
static void
test_request_at_deadline (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(Client) busy = NULL;
  g_autoptr(Client) idle = NULL;

  start_switch (f, IDLE_MS_BUSY, 0);

  busy = client_connect (f);
  idle = client_connect (f);
  client_request_center (idle);
  for (guint i = 0; i < 20; i++)
    client_request_center (busy);

  /* The next request is on the socket while the switch, busy elsewhere,
   * lets the limit and the sweep's slack pass: when the sweep runs, it
   * finds that request waiting. */
  client_send (busy, CENTER_REQUEST);
  g_usleep (2 * (IDLE_MS_BUSY + SWEEP_SLACK_MS) * 1000);
  g_assert_cmpuint (client_read_response (busy, NULL), ==, 401);
  client_wait_closed (idle);

  for (guint i = 0; i < 20; i++)
    client_request_center (busy);
  client_wait_closed (busy);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/security/idle-connections/timeout", Fixture, NULL,
              fixture_set_up_plain, test_idle_timeout, fixture_tear_down);
  g_test_add ("/security/idle-connections/tls-timeout", Fixture, NULL,
              fixture_set_up_tls, test_idle_timeout, fixture_tear_down);
  g_test_add ("/security/idle-connections/nothing-sent", Fixture, NULL,
              fixture_set_up_plain, test_nothing_sent, fixture_tear_down);
  g_test_add ("/security/idle-connections/tls-closed-by-client", Fixture, NULL,
              fixture_set_up_tls, test_tls_closed_by_client, fixture_tear_down);
  g_test_add ("/security/idle-connections/tls-no-request", Fixture, NULL,
              fixture_set_up_tls, test_tls_no_request, fixture_tear_down);
  g_test_add ("/security/idle-connections/stream-stays", Fixture, NULL,
              fixture_set_up_plain, test_stream_stays, fixture_tear_down);
  g_test_add ("/security/idle-connections/tls-stream-stays", Fixture, NULL,
              fixture_set_up_tls, test_stream_stays, fixture_tear_down);
  g_test_add ("/security/idle-connections/request-at-deadline", Fixture, NULL,
              fixture_set_up_plain, test_request_at_deadline, fixture_tear_down);

  return g_test_run ();
}
