/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "TestTls"

#include "config.h"

#include "client-test-util.h"
#include "tls-test-util.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

/* The switch over HTTPS and the client's certificate checks, with a
 * certificate authority each test makes (tls-test-util.h) and the
 * certificates it signs: for 127.0.0.1, for another host name, expired.
 * The switch runs in-process, and as the agentdesk-switch binary
 * (AGENTDESK_SWITCH, set by meson). */

typedef struct {
  TlsTestPki       *pki;
  ClientTestSwitch *ts;
} Fixture;

static void
fixture_set_up (Fixture       *f,
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

/* Signs @client in as @username; returns the error, if any. */
static GError *
client_login (AdClient   *client,
              const char *username)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  ad_client_login_async (client, username, "demo", NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  ad_client_login_finish (client, result, NULL, NULL, &error);
  return error;
}

/* Any request of @client that completes with ad_client_request_finish(). */
static GError *
client_wait_request (AdClient      *client,
                     GAsyncResult **slot)
{
  g_autoptr(GAsyncResult) result = client_test_wait_result (slot);
  g_autoptr(JsonObject) reply = NULL;
  GError *error = NULL;

  reply = ad_client_request_finish (client, result, &error);
  g_assert_true ((reply == NULL) == (error != NULL));
  return error;
}

/* The "topicsServices" of agent1's AgentEvents. */
static JsonArray *
agent_topics (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (
    "[{\"serviceName\": \"AgentService\", \"topicsEvents\": [{\"eventName\": "
    "\"AgentEvent\", \"triggers\": [{\"key\": \"AGENT\", \"value\": \"agent1\"}]}]}]",
    &error);

  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (node));
}

/* Subscribes @client (signed in) to agent1's AgentEvents. */
static char *
subscribe_agent1 (AdClient *client)
{
  g_autoptr(JsonArray) topics = agent_topics ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  char *subscription_id;

  ad_client_subscribe_async (client, topics, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  subscription_id = ad_client_subscribe_finish (client, result, &error);
  g_assert_no_error (error);
  return subscription_id;
}

static void
on_unauthorized (AdClient *client,
                 gboolean *unauthorized)
{
  *unauthorized = TRUE;
}

/* Asserts @error is a refused certificate of 127.0.0.1 for @flag. */
static void
assert_certificate_error (const GError         *error,
                          GTlsCertificateFlags  flag,
                          const char           *reason)
{
  g_assert_error (error, AD_ERROR, AD_ERROR_CERTIFICATE);
  g_assert_cmpuint (ad_error_get_certificate_flags (error) & flag, ==, flag);
  g_assert_nonnull (strstr (error->message, "The switch at 127.0.0.1 "));
  g_assert_nonnull (strstr (error->message, reason));
}

/* The agent's status as the switch itself has it. */
static char *
switch_agent_status (Fixture    *f,
                     const char *agent_id)
{
  AdCallCenter *center = ad_switch_server_get_call_center (f->ts->server);
  g_autoptr(JsonObject) dto = ad_call_center_get_agent (center, agent_id, NULL);

  g_assert_nonnull (dto);
  return g_strdup (ad_json_string_or_null (dto, AD_AGENT_ATTR_STATUS));
}

static void
test_switch_serves_https (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain_url = NULL;
  GAsyncResult *slot = NULL;

  f->ts = tls_test_switch_new (f->pki->cert_file, f->pki->key_file);

  /* Plain HTTP to the HTTPS port gets no HTTP answer at all. */
  plain_url = g_strdup_printf ("http://127.0.0.1:%u/api/v1/center", f->ts->port);
  message = soup_message_new ("GET", plain_url);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  body = soup_session_send_and_read_finish (session, result, &error);
  g_assert_null (body);
  g_assert_nonnull (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 0);
}

static void
test_trusted_client_signs_in (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(AdClient) client = NULL;
  g_autoptr(AdSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *call_id = NULL;
  GAsyncResult *slot = NULL;
  AdInteraction *interaction;

  f->ts = tls_test_switch_new (f->pki->cert_file, f->pki->key_file);

  client = ad_client_new_with_tls_database (f->ts->base_url, f->pki->ca_database);
  g_assert_true (ad_client_get_tls_database (client) == f->pki->ca_database);
  session = g_object_new (AD_TYPE_SESSION, "client", client, NULL);
  ad_session_set_stream_timing (session, 20000, 20, 200);

  ad_session_login_async (session, "agent1", "demo", NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  ad_session_finish (session, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  ad_session_agent_login_async (session, "place1001", NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  ad_session_finish (session, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  ad_session_ready_async (session, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  ad_session_finish (session, result, &error);
  g_assert_no_error (error);

  /* The event stream is open over TLS, and brings the call in. */
  CLIENT_TEST_WAIT_UNTIL (ad_session_get_connection_state (session) ==
                          AD_CONNECTION_STATE_CONNECTED);
  g_assert_cmpuint (ad_switch_server_get_n_streams (f->ts->server), ==, 1);
  call_id = client_test_sim_inbound (session, "sales", NULL, "+15551230000");
  interaction = client_test_wait_interaction (session, 1);
  client_test_wait_status (interaction, AD_INTERACTION_STATUS_RINGING);
}

static void
on_stream_event (AdEventStream *stream,
                 const char    *type,
                 const char    *data,
                 const char    *id,
                 GPtrArray     *types)
{
  g_ptr_array_add (types, g_strdup (type));
}

/* AdEventStream reads the SSE stream through the client's session, with
 * the same checks. */
static void
test_trusted_event_stream (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(AdClient) client = NULL;
  g_autoptr(AdEventStream) stream = NULL;
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *subscription_id = NULL;
  GAsyncResult *slot = NULL;

  f->ts = tls_test_switch_new (f->pki->cert_file, f->pki->key_file);
  client = ad_client_new_with_tls_database (f->ts->base_url, f->pki->ca_database);
  error = client_login (client, "agent1");
  g_assert_no_error (error);

  subscription_id = subscribe_agent1 (client);
  stream = ad_event_stream_new (client, subscription_id);
  g_signal_connect (stream, "event", G_CALLBACK (on_stream_event), types);
  ad_event_stream_start (stream);
  CLIENT_TEST_WAIT_UNTIL (ad_event_stream_get_state (stream) == AD_CONNECTION_STATE_CONNECTED);

  ad_client_agent_login_async (client, "agent1", "place1001", NULL, client_test_store_result,
                               &slot);
  error = client_wait_request (client, &slot);
  g_assert_no_error (error);
  CLIENT_TEST_WAIT_UNTIL (g_ptr_array_find_with_equal_func (types, "AgentEvent", g_str_equal,
                                                            NULL));
  ad_event_stream_stop (stream);
}

/* A client that does not trust the switch's CA never gets a request
 * through: not the sign-in, not an action with a valid token, not the
 * event stream. */
static void
assert_refused_everywhere (Fixture      *f,
                           AdClient     *untrusting,
                           const char   *reason)
{
  g_autoptr(AdClient) trusted = ad_client_new_with_tls_database (f->ts->base_url,
                                                                 f->pki->ca_database);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autofree char *subscription_id = NULL;
  g_autofree char *status_before = NULL;
  g_autofree char *status_refused = NULL;
  g_autofree char *status_accepted = NULL;
  GAsyncResult *slot = NULL;
  gboolean unauthorized = FALSE;

  g_signal_connect (untrusting, "unauthorized", G_CALLBACK (on_unauthorized), &unauthorized);

  error = client_login (untrusting, "agent1");
  assert_certificate_error (error, G_TLS_CERTIFICATE_UNKNOWN_CA, reason);
  g_assert_null (ad_client_get_token (untrusting));
  g_clear_error (&error);

  /* A trusted client signs agent1 in and subscribes... */
  error = client_login (trusted, "agent1");
  g_assert_no_error (error);
  ad_client_agent_login_async (trusted, "agent1", "place1001", NULL, client_test_store_result,
                               &slot);
  error = client_wait_request (trusted, &slot);
  g_assert_no_error (error);
  subscription_id = subscribe_agent1 (trusted);

  /* ...and the untrusting one, with that valid token, changes nothing. */
  status_before = switch_agent_status (f, "agent1");
  ad_client_set_token (untrusting, ad_client_get_token (trusted));
  ad_client_agent_ready_async (untrusting, "agent1", NULL, client_test_store_result, &slot);
  error = client_wait_request (untrusting, &slot);
  assert_certificate_error (error, G_TLS_CERTIFICATE_UNKNOWN_CA, reason);
  g_clear_error (&error);
  status_refused = switch_agent_status (f, "agent1");
  g_assert_cmpstr (status_refused, ==, status_before);

  ad_client_open_stream_async (untrusting, subscription_id, NULL, NULL,
                               client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  input = ad_client_open_stream_finish (untrusting, result, &error);
  g_assert_null (input);
  assert_certificate_error (error, G_TLS_CERTIFICATE_UNKNOWN_CA, reason);
  g_assert_cmpuint (ad_switch_server_get_n_streams (f->ts->server), ==, 0);
  g_assert_false (unauthorized);

  /* The same request from the trusted client does go through. */
  ad_client_agent_ready_async (trusted, "agent1", NULL, client_test_store_result, &slot);
  g_clear_error (&error);
  error = client_wait_request (trusted, &slot);
  g_assert_no_error (error);
  status_accepted = switch_agent_status (f, "agent1");
  g_assert_cmpstr (status_accepted, !=, status_before);
}

static void
test_system_trust_refuses_private_ca (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(AdClient) client = NULL;

  f->ts = tls_test_switch_new (f->pki->cert_file, f->pki->key_file);
  client = ad_client_new (f->ts->base_url);
  assert_refused_everywhere (f, client, "unknown certificate authority");
}

static void
test_other_ca_refused (Fixture       *f,
                       gconstpointer  data)
{
  const char *other_file;
  g_autoptr(GTlsDatabase) other_database = NULL;
  g_autoptr(AdClient) client = NULL;
  g_autoptr(GError) error = NULL;

  other_file = tls_test_pki_write_other_ca (f->pki, "other-ca");
  other_database = g_tls_file_database_new (other_file, &error);
  g_assert_no_error (error);

  f->ts = tls_test_switch_new (f->pki->cert_file, f->pki->key_file);
  client = ad_client_new_with_tls_database (f->ts->base_url, other_database);
  assert_refused_everywhere (f, client, "unknown certificate authority");
}

/* Signed by the trusted CA, but for another host, or out of date. */
static void
assert_certificate_refused (Fixture              *f,
                            const char           *cert_file,
                            const char           *key_file,
                            GTlsCertificateFlags  flag,
                            const char           *reason)
{
  g_autoptr(AdClient) client = NULL;
  g_autoptr(GError) error = NULL;

  f->ts = tls_test_switch_new (cert_file, key_file);
  client = ad_client_new_with_tls_database (f->ts->base_url, f->pki->ca_database);
  error = client_login (client, "agent1");
  assert_certificate_error (error, flag, reason);
  g_assert_null (ad_client_get_token (client));
}

static void
test_wrong_host_refused (Fixture       *f,
                         gconstpointer  data)
{
  assert_certificate_refused (f, f->pki->other_host_cert_file, f->pki->other_host_key_file,
                              G_TLS_CERTIFICATE_BAD_IDENTITY,
                              "made out to another host name");
}

static void
test_expired_refused (Fixture       *f,
                      gconstpointer  data)
{
  const char *cert_file;
  const char *key_file;

  tls_test_pki_write_server (f->pki, "expired", "127.0.0.1", NULL,
                             -3 * TLS_TEST_DAY_S, -TLS_TEST_DAY_S, &cert_file, &key_file);
  /* The switch serves it, but says so when it starts. */
  g_test_expect_message ("AdSwitchServer", G_LOG_LEVEL_WARNING,
                         "The TLS certificate * expired on *");
  assert_certificate_refused (f, cert_file, key_file, G_TLS_CERTIFICATE_EXPIRED,
                              "it has expired");
  g_test_assert_expected_messages ();
}

static void
test_switch_refuses_bad_files (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->pki->dir, "missing.pem", NULL);
  AdSwitchOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(AdSwitchServer) server = NULL;

  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);

  /* A missing key: the error names it. */
  options.tls_certificate_file = f->pki->cert_file;
  options.tls_key_file = missing;
  server = ad_switch_server_new (&options, &error);
  g_assert_null (server);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "TLS private key"));
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  /* A certificate file with no certificate (the CA's key is not one). */
  options.tls_certificate_file = f->pki->key_file;
  options.tls_key_file = f->pki->key_file;
  server = ad_switch_server_new (&options, &error);
  g_assert_null (server);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_true (g_str_has_prefix (error->message, "TLS certificate "));
  g_assert_nonnull (strstr (error->message, f->pki->key_file));
  g_clear_error (&error);

  /* A key file with no key. */
  options.tls_certificate_file = f->pki->cert_file;
  options.tls_key_file = f->pki->cert_file;
  server = ad_switch_server_new (&options, &error);
  g_assert_null (server);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_true (g_str_has_prefix (error->message, "TLS private key "));
  g_clear_error (&error);

  /* One without the other. */
  options.tls_key_file = NULL;
  server = ad_switch_server_new (&options, &error);
  g_assert_null (server);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* The switch binary, its output piped, its errors too when
 * @stderr_flag says so. Under the sanitizers it inherits ASAN_OPTIONS and
 * is checked for leaks like the tests: an inherited stderr puts its
 * report in the test's log. */
static GSubprocess *
spawn_switch (const char        *cert_file,
              const char        *key_file,
              GSubprocessFlags   stderr_flag,
              GError           **error)
{
  const char *binary = g_getenv ("AGENTDESK_SWITCH");

  g_assert_nonnull (binary);
  return g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | stderr_flag,
                           error, binary, "--listen", "127.0.0.1:0",
                           "--tls-certificate", cert_file, "--tls-key", key_file,
                           NULL);
}

static void
test_binary_refuses_missing_key (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->pki->dir, "missing-key.pem", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  process = spawn_switch (f->pki->cert_file, missing, G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "agentdesk-switch: TLS private key: "));
  g_assert_nonnull (strstr (err, missing));
}

static void
test_binary_serves_https (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(AdClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  process = spawn_switch (f->pki->cert_file, f->pki->key_file, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on https://127.0.0.1:"));

  client = ad_client_new_with_tls_database (line + strlen ("listening on "), f->pki->ca_database);
  error = client_login (client, "agent1");
  g_assert_no_error (error);
  g_assert_nonnull (ad_client_get_token (client));

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/tls/switch/serves-https", test_switch_serves_https);
  ADD ("/tls/switch/refuses-bad-files", test_switch_refuses_bad_files);
  ADD ("/tls/switch/binary-refuses-missing-key", test_binary_refuses_missing_key);
  ADD ("/tls/switch/binary-serves-https", test_binary_serves_https);
  ADD ("/tls/client/trusted-signs-in", test_trusted_client_signs_in);
  ADD ("/tls/client/trusted-event-stream", test_trusted_event_stream);
  ADD ("/tls/client/system-trust-refuses-private-ca", test_system_trust_refuses_private_ca);
  ADD ("/tls/client/other-ca-refused", test_other_ca_refused);
  ADD ("/tls/client/wrong-host-refused", test_wrong_host_refused);
  ADD ("/tls/client/expired-refused", test_expired_refused);
#undef ADD

  return g_test_run ();
}
