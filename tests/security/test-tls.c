/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "TestTls"

#include "config.h"

#include "client-test-util.h"

#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

/* The switch over HTTPS and the client's certificate checks. Each test
 * makes a certificate authority of its own with GnuTLS and certificates
 * it signs (for 127.0.0.1, for another host name, expired), so nothing
 * depends on the machine's trust store except that it does not hold a CA
 * made a moment ago. The switch runs in-process, and as the
 * agentdesk-switch binary (AGENTDESK_SWITCH, set by meson). */

#define DAY_S (24 * 60 * 60)

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_privkey_t, gnutls_x509_privkey_deinit, NULL)

#define CHECK_GNUTLS(call)                                                     \
  G_STMT_START {                                                               \
    int _ret = (call);                                                         \
    if (_ret < 0)                                                              \
      g_error ("%s: %s", #call, gnutls_strerror (_ret));                       \
  } G_STMT_END

typedef struct {
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t     crt;
} TestCa;

typedef struct {
  char             *dir;
  GPtrArray        *files;        /* written into dir, removed at the end */
  TestCa            ca;           /* the center's own authority */
  char             *ca_file;
  GTlsDatabase     *ca_database;
  char             *cert_file;    /* for 127.0.0.1, signed by ca */
  char             *key_file;
  ClientTestSwitch *ts;
} Fixture;

static gnutls_x509_privkey_t
new_key (void)
{
  gnutls_x509_privkey_t key;

  CHECK_GNUTLS (gnutls_x509_privkey_init (&key));
  CHECK_GNUTLS (gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA,
                                              GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1),
                                              0));
  return key;
}

/* A version 3 certificate of @key named @common_name, valid from
 * @not_before to @not_after (seconds from now), not yet signed. */
static gnutls_x509_crt_t
new_certificate (gnutls_x509_privkey_t  key,
                 const char            *common_name,
                 gint64                 not_before,
                 gint64                 not_after)
{
  gnutls_x509_crt_t crt;
  time_t now = time (NULL);
  guchar serial[8];
  guchar key_id[64];
  size_t key_id_size = sizeof key_id;

  for (guint i = 0; i < sizeof serial; i++)
    serial[i] = g_random_int_range (0, 256);
  serial[0] = 0x40 | (serial[0] & 0x3f);  /* positive and never zero */

  CHECK_GNUTLS (gnutls_x509_crt_init (&crt));
  CHECK_GNUTLS (gnutls_x509_crt_set_version (crt, 3));
  CHECK_GNUTLS (gnutls_x509_crt_set_serial (crt, serial, sizeof serial));
  CHECK_GNUTLS (gnutls_x509_crt_set_activation_time (crt, now + not_before));
  CHECK_GNUTLS (gnutls_x509_crt_set_expiration_time (crt, now + not_after));
  CHECK_GNUTLS (gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                               common_name, strlen (common_name)));
  CHECK_GNUTLS (gnutls_x509_crt_set_key (crt, key));
  CHECK_GNUTLS (gnutls_x509_crt_get_key_id (crt, 0, key_id, &key_id_size));
  CHECK_GNUTLS (gnutls_x509_crt_set_subject_key_id (crt, key_id, key_id_size));
  return crt;
}

static void
test_ca_init (TestCa     *ca,
              const char *name)
{
  ca->key = new_key ();
  ca->crt = new_certificate (ca->key, name, -DAY_S, 30 * DAY_S);
  CHECK_GNUTLS (gnutls_x509_crt_set_basic_constraints (ca->crt, 1, -1));
  CHECK_GNUTLS (gnutls_x509_crt_set_key_usage (ca->crt,
                                               GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN));
  CHECK_GNUTLS (gnutls_x509_crt_sign2 (ca->crt, ca->crt, ca->key, GNUTLS_DIG_SHA256, 0));
}

static void
test_ca_clear (TestCa *ca)
{
  g_clear_pointer (&ca->crt, gnutls_x509_crt_deinit);
  g_clear_pointer (&ca->key, gnutls_x509_privkey_deinit);
}

static void
write_datum (Fixture        *f,
             const char     *path,
             gnutls_datum_t *datum)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) datum->data, datum->size, &error);
  g_assert_no_error (error);
  gnutls_free (datum->data);
  g_ptr_array_add (f->files, g_strdup (path));
}

static char *
write_ca (Fixture    *f,
          TestCa     *ca,
          const char *name)
{
  char *path = g_build_filename (f->dir, name, NULL);
  gnutls_datum_t pem;

  CHECK_GNUTLS (gnutls_x509_crt_export2 (ca->crt, GNUTLS_X509_FMT_PEM, &pem));
  write_datum (f, path, &pem);
  return path;
}

/* A server certificate signed by @ca for @ip_address (an IPv4 address in
 * the subjectAltName) or else @dns_name, with its PKCS #8 key, into
 * NAME.pem and NAME-key.pem; returns their paths. */
static void
write_server_certificate (Fixture     *f,
                          TestCa      *ca,
                          const char  *name,
                          const char  *ip_address,
                          const char  *dns_name,
                          gint64       not_before,
                          gint64       not_after,
                          char       **cert_file,
                          char       **key_file)
{
  g_auto(gnutls_x509_privkey_t) key = new_key ();
  g_auto(gnutls_x509_crt_t) crt = NULL;
  g_autofree char *cert_name = g_strconcat (name, ".pem", NULL);
  g_autofree char *key_name = g_strconcat (name, "-key.pem", NULL);
  guchar ca_key_id[64];
  size_t ca_key_id_size = sizeof ca_key_id;
  gnutls_datum_t pem;

  crt = new_certificate (key, ip_address != NULL ? ip_address : dns_name, not_before, not_after);
  CHECK_GNUTLS (gnutls_x509_crt_set_basic_constraints (crt, 0, -1));
  CHECK_GNUTLS (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE));
  CHECK_GNUTLS (gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_SERVER, 0));
  if (ip_address != NULL)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (ip_address);

      g_assert_nonnull (address);
      CHECK_GNUTLS (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS,
                                                          g_inet_address_to_bytes (address),
                                                          g_inet_address_get_native_size (address),
                                                          GNUTLS_FSAN_APPEND));
    }
  else
    CHECK_GNUTLS (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_DNSNAME, dns_name,
                                                        strlen (dns_name), GNUTLS_FSAN_APPEND));
  CHECK_GNUTLS (gnutls_x509_crt_get_subject_key_id (ca->crt, ca_key_id, &ca_key_id_size, NULL));
  CHECK_GNUTLS (gnutls_x509_crt_set_authority_key_id (crt, ca_key_id, ca_key_id_size));
  CHECK_GNUTLS (gnutls_x509_crt_sign2 (crt, ca->crt, ca->key, GNUTLS_DIG_SHA256, 0));

  *cert_file = g_build_filename (f->dir, cert_name, NULL);
  CHECK_GNUTLS (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &pem));
  write_datum (f, *cert_file, &pem);

  *key_file = g_build_filename (f->dir, key_name, NULL);
  CHECK_GNUTLS (gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL,
                                                   GNUTLS_PKCS_PLAIN, &pem));
  write_datum (f, *key_file, &pem);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("agentdesk-tls-XXXXXX", &error);
  g_assert_no_error (error);
  f->files = g_ptr_array_new_with_free_func (g_free);

  test_ca_init (&f->ca, "Agent Desk Test CA");
  f->ca_file = write_ca (f, &f->ca, "ca.pem");
  f->ca_database = g_tls_file_database_new (f->ca_file, &error);
  g_assert_no_error (error);

  write_server_certificate (f, &f->ca, "switch", "127.0.0.1", NULL, -DAY_S, 7 * DAY_S,
                            &f->cert_file, &f->key_file);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->ts, client_test_switch_free);
  g_clear_object (&f->ca_database);
  test_ca_clear (&f->ca);

  for (guint i = 0; i < f->files->len; i++)
    g_assert_cmpint (g_remove (g_ptr_array_index (f->files, i)), ==, 0);
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);

  g_ptr_array_unref (f->files);
  g_free (f->dir);
  g_free (f->ca_file);
  g_free (f->cert_file);
  g_free (f->key_file);
}

/* The switch in-process over HTTPS with this certificate and key. */
static void
start_switch (Fixture    *f,
              const char *cert_file,
              const char *key_file)
{
  AdSwitchOptions options;

  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);
  options.tls_certificate_file = cert_file;
  options.tls_key_file = key_file;
  f->ts = client_test_switch_new (&options);
  g_assert_true (g_str_has_prefix (f->ts->base_url, "https://127.0.0.1:"));
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

static const char *
switch_agent_status (Fixture    *f,
                     const char *agent_id)
{
  static char status[64];
  AdCallCenter *center = ad_switch_server_get_call_center (f->ts->server);
  g_autoptr(JsonObject) dto = ad_call_center_get_agent (center, agent_id, NULL);

  g_assert_nonnull (dto);
  g_strlcpy (status, ad_json_string_or_null (dto, AD_AGENT_ATTR_STATUS), sizeof status);
  return status;
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

  start_switch (f, f->cert_file, f->key_file);

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

  start_switch (f, f->cert_file, f->key_file);

  client = ad_client_new_with_tls_database (f->ts->base_url, f->ca_database);
  g_assert_true (ad_client_get_tls_database (client) == f->ca_database);
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

  start_switch (f, f->cert_file, f->key_file);
  client = ad_client_new_with_tls_database (f->ts->base_url, f->ca_database);
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
                                                                 f->ca_database);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autofree char *subscription_id = NULL;
  g_autofree char *status_before = NULL;
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
  status_before = g_strdup (switch_agent_status (f, "agent1"));
  ad_client_set_token (untrusting, ad_client_get_token (trusted));
  ad_client_agent_ready_async (untrusting, "agent1", NULL, client_test_store_result, &slot);
  error = client_wait_request (untrusting, &slot);
  assert_certificate_error (error, G_TLS_CERTIFICATE_UNKNOWN_CA, reason);
  g_clear_error (&error);
  g_assert_cmpstr (switch_agent_status (f, "agent1"), ==, status_before);

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
  g_assert_cmpstr (switch_agent_status (f, "agent1"), !=, status_before);
}

static void
test_system_trust_refuses_private_ca (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(AdClient) client = NULL;

  start_switch (f, f->cert_file, f->key_file);
  client = ad_client_new (f->ts->base_url);
  assert_refused_everywhere (f, client, "unknown certificate authority");
}

static void
test_other_ca_refused (Fixture       *f,
                       gconstpointer  data)
{
  TestCa other = { 0 };
  g_autofree char *other_file = NULL;
  g_autoptr(GTlsDatabase) other_database = NULL;
  g_autoptr(AdClient) client = NULL;
  g_autoptr(GError) error = NULL;

  test_ca_init (&other, "Another Test CA");
  other_file = write_ca (f, &other, "other-ca.pem");
  test_ca_clear (&other);
  other_database = g_tls_file_database_new (other_file, &error);
  g_assert_no_error (error);

  start_switch (f, f->cert_file, f->key_file);
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

  start_switch (f, cert_file, key_file);
  client = ad_client_new_with_tls_database (f->ts->base_url, f->ca_database);
  error = client_login (client, "agent1");
  assert_certificate_error (error, flag, reason);
  g_assert_null (ad_client_get_token (client));
}

static void
test_wrong_host_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *cert_file = NULL;
  g_autofree char *key_file = NULL;

  write_server_certificate (f, &f->ca, "other-host", NULL, "switch.example.com",
                            -DAY_S, 7 * DAY_S, &cert_file, &key_file);
  assert_certificate_refused (f, cert_file, key_file, G_TLS_CERTIFICATE_BAD_IDENTITY,
                              "made out to another host name");
}

static void
test_expired_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *cert_file = NULL;
  g_autofree char *key_file = NULL;

  write_server_certificate (f, &f->ca, "expired", "127.0.0.1", NULL,
                            -3 * DAY_S, -DAY_S, &cert_file, &key_file);
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
  g_autofree char *missing = g_build_filename (f->dir, "missing.pem", NULL);
  AdSwitchOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(AdSwitchServer) server = NULL;

  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);

  /* A missing key: the error names it. */
  options.tls_certificate_file = f->cert_file;
  options.tls_key_file = missing;
  server = ad_switch_server_new (&options, &error);
  g_assert_null (server);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "TLS private key"));
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  /* A certificate file with no certificate (the CA's key is not one). */
  options.tls_certificate_file = f->key_file;
  options.tls_key_file = f->key_file;
  server = ad_switch_server_new (&options, &error);
  g_assert_null (server);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_true (g_str_has_prefix (error->message, "TLS certificate "));
  g_assert_nonnull (strstr (error->message, f->key_file));
  g_clear_error (&error);

  /* A key file with no key. */
  options.tls_certificate_file = f->cert_file;
  options.tls_key_file = f->cert_file;
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

static GSubprocess *
spawn_switch (const char  *cert_file,
              const char  *key_file,
              GError     **error)
{
  const char *binary = g_getenv ("AGENTDESK_SWITCH");

  g_assert_nonnull (binary);
  return g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                           error, binary, "--listen", "127.0.0.1:0",
                           "--tls-certificate", cert_file, "--tls-key", key_file, NULL);
}

static void
test_binary_refuses_missing_key (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing-key.pem", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  process = spawn_switch (f->cert_file, missing, &error);
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

  process = spawn_switch (f->cert_file, f->key_file, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on https://127.0.0.1:"));

  client = ad_client_new_with_tls_database (line + strlen ("listening on "), f->ca_database);
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
