/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "switch-test-util.h"

#include <string.h>

/* The switch's connections over raw sockets: every connection a client
 * opens and closes, keep-alive or not, idle or in the middle of a request,
 * gives its descriptor back. libsoup 3.2 alone keeps a keep-alive
 * connection that its client closes between two requests for ever (the
 * switch works around it in AdSwitchServer). The descriptors are counted
 * in /proc/self/fd: client and server run in this process. */

#define N_CONNECTIONS 32

typedef struct {
  AdTestSwitch *ts;
  guint         port;
  guint         n_fds_before;
} Fixture;

/* Waits (with the guard of AD_TEST_TIMEOUT_S) until at most @n
 * descriptors are open. */
static void
wait_for_fds (guint n)
{
  gint64 deadline = g_get_monotonic_time () + AD_TEST_TIMEOUT_S * G_USEC_PER_SEC;
  guint open;

  while ((open = ad_test_count_fds ()) > n)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%u descriptors are still open, %u expected", open, n);
      ad_test_spin (10);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ad_test_switch_free (fixture->ts);
}

static GSocket *
client_connect (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, fixture->port);
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (socket, FALSE);
  return g_steal_pointer (&socket);
}

static gboolean
on_readable (GSocket      *socket,
             GIOCondition  condition,
             gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_readable (GSocket *socket)
{
  g_autoptr(GSource) source = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                                      NULL);
  gboolean ready = FALSE;

  g_source_set_callback (source, G_SOURCE_FUNC (on_readable), &ready, NULL);
  g_source_attach (source, NULL);
  ad_test_wait_until (&ready);
  g_source_destroy (source);
}

static void
client_send (GSocket    *socket,
             const char *text)
{
  gsize length = strlen (text);
  gsize sent = 0;

  /* A few hundred bytes always fit in the socket's buffer. */
  while (sent < length)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_send (socket, text + sent, length - sent, NULL, &error);

      g_assert_no_error (error);
      sent += n;
    }
}

/* Reads one whole response (the switch always sends a Content-Length)
 * and returns its status; the body goes to *@body when not NULL. */
static guint
client_read_response (GSocket  *socket,
                      char    **body)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *end;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      char buffer[4096];
      gssize n;

      end = strstr (text->str, "\r\n\r\n");
      if (end != NULL)
        {
          const char *length = strstr (text->str, "Content-Length: ");
          gsize header_length = end + 4 - text->str;

          g_assert_nonnull (length);
          if (text->len >= header_length + g_ascii_strtoull (length + 16, NULL, 10))
            break;
        }

      wait_readable (socket);
      n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        continue;
      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      g_string_append_len (text, buffer, n);
    }

  g_assert_true (g_str_has_prefix (text->str, "HTTP/1.1 "));
  if (body != NULL)
    *body = g_strdup (end + 4);
  return g_ascii_strtoull (text->str + strlen ("HTTP/1.1 "), NULL, 10);
}

/* Signs @username in and reads the center, both on @socket, which stays
 * open; returns the token. */
static char *
sign_in_and_read (GSocket    *socket,
                  const char *username)
{
  g_autofree char *body = g_strdup_printf ("{\"username\": \"%s\", \"password\": \"demo\"}",
                                           username);
  g_autofree char *request = g_strdup_printf ("POST /api/v1/session HTTP/1.1\r\n"
                                              "Host: 127.0.0.1\r\n"
                                              "Content-Type: application/json\r\n"
                                              "Content-Length: %zu\r\n\r\n%s",
                                              strlen (body), body);
  g_autofree char *answer = NULL;
  g_autofree char *center = NULL;
  g_autoptr(JsonObject) json = NULL;
  char *token;

  client_send (socket, request);
  g_assert_cmpuint (client_read_response (socket, &answer), ==, 201);
  json = ad_json_parse_object (answer, -1, NULL);
  g_assert_nonnull (json);
  token = g_strdup (ad_json_string_or_null (json, "token"));
  g_assert_nonnull (token);

  center = g_strdup_printf ("GET /api/v1/center HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            "Authorization: Bearer %s\r\n\r\n", token);
  client_send (socket, center);
  g_assert_cmpuint (client_read_response (socket, NULL), ==, 200);
  return token;
}

/* Counts the descriptors once a first sign-in has started the switch's
 * password thread (which keeps a descriptor of its own), over a connection
 * the switch closes itself. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  const char *body = "{\"username\": \"supervisor\", \"password\": \"demo\"}";
  g_autofree char *request = g_strdup_printf ("POST /api/v1/session HTTP/1.1\r\n"
                                              "Host: 127.0.0.1\r\nConnection: close\r\n"
                                              "Content-Length: %zu\r\n\r\n%s",
                                              strlen (body), body);

  fixture->ts = ad_test_switch_new (NULL);
  fixture->port = ad_switch_server_get_port (fixture->ts->server);

  socket = client_connect (fixture);
  client_send (socket, request);
  g_assert_cmpuint (client_read_response (socket, NULL), ==, 201);
  g_socket_close (socket, NULL);
  fixture->n_fds_before = ad_test_count_fds ();
}

/* Clients that close their keep-alive connections while they are idle,
 * after one request or after two: the switch closes its side of each. */
static void
test_idle_closed_by_client (Fixture       *fixture,
                            gconstpointer  data)
{
  GSocket *sockets[N_CONNECTIONS];

  for (guint i = 0; i < N_CONNECTIONS; i++)
    {
      g_autofree char *username = g_strdup_printf ("agent%u", i % 10 + 1);

      sockets[i] = client_connect (fixture);
      if (i % 2 == 0)
        g_free (sign_in_and_read (sockets[i], username));
      else
        {
          client_send (sockets[i], "GET /api/v1/center HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
          g_assert_cmpuint (client_read_response (sockets[i], NULL), ==, 401);
        }
    }

  /* Both ends of every connection are open (keep-alive). */
  g_assert_cmpuint (ad_test_count_fds (), ==, fixture->n_fds_before + 2 * N_CONNECTIONS);

  for (guint i = 0; i < N_CONNECTIONS; i++)
    {
      g_socket_close (sockets[i], NULL);
      g_object_unref (sockets[i]);
    }
  wait_for_fds (fixture->n_fds_before);
}

/* An idle connection that its client keeps open still serves its next
 * request, however long it waited; and the switch still serves new
 * connections after closing idle ones. */
static void
test_idle_kept_serves (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GSocket) socket = client_connect (fixture);
  g_autofree char *token = sign_in_and_read (socket, "agent1");
  g_autofree char *request = g_strdup_printf ("GET /api/v1/agents/agent1 HTTP/1.1\r\n"
                                              "Host: 127.0.0.1\r\n"
                                              "Authorization: Bearer %s\r\n\r\n", token);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GSocket) other = client_connect (fixture);

      ad_test_spin (20);
      client_send (socket, request);
      g_assert_cmpuint (client_read_response (socket, NULL), ==, 200);

      client_send (other, request);
      g_assert_cmpuint (client_read_response (other, NULL), ==, 200);
      g_socket_close (other, NULL);
    }

  /* The others' ends close; this one's stay. */
  wait_for_fds (fixture->n_fds_before + 2);
  g_assert_cmpuint (ad_test_count_fds (), ==, fixture->n_fds_before + 2);
  g_socket_close (socket, NULL);
  wait_for_fds (fixture->n_fds_before);
}

/* Clients that go away in the middle of a request, or ask the switch to
 * close, or connect and never send anything. */
static void
test_closed_otherwise (Fixture       *fixture,
                       gconstpointer  data)
{
  for (guint i = 0; i < N_CONNECTIONS; i++)
    {
      g_autoptr(GSocket) socket = client_connect (fixture);

      switch (i % 3)
        {
        case 0:
          client_send (socket, "GET /api/v1/center HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                               "Connection: close\r\n\r\n");
          g_assert_cmpuint (client_read_response (socket, NULL), ==, 401);
          break;
        case 1:
          client_send (socket, "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                               "Content-Length: 100\r\n\r\n{\"user");
          break;
        default:
          break;
        }
      ad_test_spin (5);
      g_socket_close (socket, NULL);
    }

  wait_for_fds (fixture->n_fds_before);
}

/* Connections that are still open, idle or not, when the switch shuts
 * down (the leak checker of the sanitizer run sees the rest). */
static void
test_open_at_shutdown (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GSocket) idle = client_connect (fixture);
  g_autoptr(GSocket) fresh = client_connect (fixture);

  g_free (sign_in_and_read (idle, "agent2"));
  ad_test_spin (20);
  g_clear_pointer (&fixture->ts, ad_test_switch_free);
  fixture->ts = ad_test_switch_new (NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/switch/connections/idle-closed-by-client", Fixture, NULL,
              fixture_set_up, test_idle_closed_by_client, fixture_tear_down);
  g_test_add ("/switch/connections/idle-kept-serves", Fixture, NULL,
              fixture_set_up, test_idle_kept_serves, fixture_tear_down);
  g_test_add ("/switch/connections/closed-otherwise", Fixture, NULL,
              fixture_set_up, test_closed_otherwise, fixture_tear_down);
  g_test_add ("/switch/connections/open-at-shutdown", Fixture, NULL,
              fixture_set_up, test_open_at_shutdown, fixture_tear_down);

  return g_test_run ();
}
