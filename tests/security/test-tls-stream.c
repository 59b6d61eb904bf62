/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "TestTlsStream"

#include "config.h"

#include "client-test-util.h"
#include "tls-test-util.h"

/* The switch's certificate changes under a signed-in client: the switch
 * restarts on the same port with a certificate of an authority the client
 * does not trust. No retry mends that, so the event stream, the session
 * and the wallboard stop, with AD_ERROR_CERTIFICATE, and stop connecting.
 * The client's certificate authorities count the handshakes they check:
 * every connection attempt is one. */

/* A GTlsDatabase that trusts what @inner trusts, and counts the chains it
 * was asked to verify (from the TLS handshake's thread). */
#define TEST_TYPE_COUNTING_DATABASE (test_counting_database_get_type ())

G_DECLARE_FINAL_TYPE (TestCountingDatabase, test_counting_database, TEST, COUNTING_DATABASE,
                      GTlsDatabase)

struct _TestCountingDatabase
{
  GTlsDatabase  parent_instance;

  GTlsDatabase *inner;
  int           n_verified;  /* atomic */
};

G_DEFINE_FINAL_TYPE (TestCountingDatabase, test_counting_database, G_TYPE_TLS_DATABASE)

static GTlsCertificateFlags
test_counting_database_verify_chain (GTlsDatabase             *database,
                                     GTlsCertificate          *chain,
                                     const char               *purpose,
                                     GSocketConnectable       *identity,
                                     GTlsInteraction          *interaction,
                                     GTlsDatabaseVerifyFlags   flags,
                                     GCancellable             *cancellable,
                                     GError                  **error)
{
  TestCountingDatabase *self = TEST_COUNTING_DATABASE (database);

  g_atomic_int_inc (&self->n_verified);
  return g_tls_database_verify_chain (self->inner, chain, purpose, identity, interaction,
                                      flags, cancellable, error);
}

static void
test_counting_database_finalize (GObject *object)
{
  TestCountingDatabase *self = TEST_COUNTING_DATABASE (object);

  g_clear_object (&self->inner);

  G_OBJECT_CLASS (test_counting_database_parent_class)->finalize (object);
}

static void
test_counting_database_class_init (TestCountingDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GTlsDatabaseClass *database_class = G_TLS_DATABASE_CLASS (klass);

  object_class->finalize = test_counting_database_finalize;
  database_class->verify_chain = test_counting_database_verify_chain;
}

static void
test_counting_database_init (TestCountingDatabase *self)
{
}

static TestCountingDatabase *
test_counting_database_new (GTlsDatabase *inner)
{
  TestCountingDatabase *self = g_object_new (TEST_TYPE_COUNTING_DATABASE, NULL);

  self->inner = g_object_ref (inner);
  return self;
}

static guint
test_counting_database_get_n_verified (TestCountingDatabase *self)
{
  return (guint) g_atomic_int_get (&self->n_verified);
}

/* Longer than several of the longest backoffs below: a client still
 * trying would connect meanwhile. */
#define QUIET_MS 1000
#define BACKOFF_INITIAL_MS 20
#define BACKOFF_MAX_MS 100

typedef struct {
  TlsTestPki           *pki;        /* the authority the client trusts */
  TlsTestPki           *untrusted;  /* another one, with its own 127.0.0.1 certificate */
  ClientTestSwitch     *ts;
  TestCountingDatabase *database;
  AdClient             *client;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->pki = tls_test_pki_new ();
  f->untrusted = tls_test_pki_new ();
  f->ts = tls_test_switch_new (f->pki->cert_file, f->pki->key_file);
  f->database = test_counting_database_new (f->pki->ca_database);
  f->client = ad_client_new_with_tls_database (f->ts->base_url, G_TLS_DATABASE (f->database));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->database);
  g_clear_pointer (&f->ts, client_test_switch_free);
  g_clear_pointer (&f->untrusted, tls_test_pki_free);
  g_clear_pointer (&f->pki, tls_test_pki_free);
}

/* Starts the switch again on its port, with @pki's certificate. */
static void
restart_switch_with (Fixture    *f,
                     TlsTestPki *pki)
{
  f->ts->options.tls_certificate_file = pki->cert_file;
  f->ts->options.tls_key_file = pki->key_file;
  client_test_switch_restart (f->ts);
}

static void
assert_unknown_ca (const GError *error)
{
  g_assert_error (error, AD_ERROR, AD_ERROR_CERTIFICATE);
  g_assert_cmpuint (ad_error_get_certificate_flags (error) & G_TLS_CERTIFICATE_UNKNOWN_CA, ==,
                    G_TLS_CERTIFICATE_UNKNOWN_CA);
}

/* After a refusal counted as @n_refused handshakes: no connection is tried
 * any more, even once the switch has its trusted certificate back. */
static void
assert_stopped_connecting (Fixture *f,
                           guint    n_refused)
{
  client_test_spin (QUIET_MS);
  g_assert_cmpuint (test_counting_database_get_n_verified (f->database), ==, n_refused);

  restart_switch_with (f, f->pki);
  client_test_spin (QUIET_MS);
  g_assert_cmpuint (test_counting_database_get_n_verified (f->database), ==, n_refused);
  g_assert_cmpuint (ad_switch_server_get_n_streams (f->ts->server), ==, 0);
}

static void
session_wait_finish (AdSession     *session,
                     GAsyncResult **slot)
{
  g_autoptr(GAsyncResult) result = client_test_wait_result (slot);
  g_autoptr(GError) error = NULL;

  ad_session_finish (session, result, &error);
  g_assert_no_error (error);
}

/* For "failed" and "refused": keeps the one error they may give. */
static void
on_stopped_with_error (GObject       *source,
                       const GError  *error,
                       GError       **slot)
{
  g_assert_null (*slot);
  *slot = g_error_copy (error);
}

static void
test_event_stream_stops (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AdEventStream) stream = NULL;
  g_autoptr(GError) failure = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) topics = NULL;
  g_autofree char *subscription_id = NULL;
  GAsyncResult *slot = NULL;
  guint n_trusted, n_refused;

  ad_client_login_async (f->client, "agent1", "demo", NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  g_assert_true (ad_client_login_finish (f->client, result, NULL, NULL, &error));
  g_clear_object (&result);

  topics = json_from_string ("[{\"serviceName\": \"AgentService\", \"topicsEvents\": "
                             "[{\"eventName\": \"AgentEvent\", \"triggers\": "
                             "[{\"key\": \"AGENT\", \"value\": \"agent1\"}]}]}]", &error);
  g_assert_no_error (error);
  ad_client_subscribe_async (f->client, json_node_get_array (topics), NULL,
                             client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  subscription_id = ad_client_subscribe_finish (f->client, result, &error);
  g_assert_no_error (error);

  stream = ad_event_stream_new (f->client, subscription_id);
  ad_event_stream_set_backoff (stream, BACKOFF_INITIAL_MS, BACKOFF_MAX_MS);
  g_signal_connect (stream, "failed", G_CALLBACK (on_stopped_with_error), &failure);
  ad_event_stream_start (stream);
  CLIENT_TEST_WAIT_UNTIL (ad_event_stream_get_state (stream) == AD_CONNECTION_STATE_CONNECTED);
  n_trusted = test_counting_database_get_n_verified (f->database);
  g_assert_cmpuint (n_trusted, >, 0);

  restart_switch_with (f, f->untrusted);
  CLIENT_TEST_WAIT_UNTIL (failure != NULL);
  assert_unknown_ca (failure);
  g_assert_cmpint (ad_event_stream_get_state (stream), ==, AD_CONNECTION_STATE_OFFLINE);
  n_refused = test_counting_database_get_n_verified (f->database);
  g_assert_cmpuint (n_refused, >, n_trusted);

  assert_stopped_connecting (f, n_refused);
  g_assert_cmpint (ad_event_stream_get_state (stream), ==, AD_CONNECTION_STATE_OFFLINE);
}

/* Whoever shows the state finds the error already there. */
static void
on_session_state_changed (AdSession  *session,
                          GParamSpec *pspec,
                          guint      *n_offline)
{
  if (ad_session_get_connection_state (session) != AD_CONNECTION_STATE_OFFLINE)
    return;
  assert_unknown_ca (ad_session_get_connection_error (session));
  (*n_offline)++;
}

static void
test_session_goes_offline (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(AdSession) session = g_object_new (AD_TYPE_SESSION, "client", f->client, NULL);
  g_autoptr(NotifyLog) log = NULL;
  GAsyncResult *slot = NULL;
  guint n_offline = 0;
  guint n_refused;

  ad_session_set_stream_timing (session, 20000, BACKOFF_INITIAL_MS, BACKOFF_MAX_MS);
  ad_session_login_async (session, "agent1", "demo", NULL, client_test_store_result, &slot);
  session_wait_finish (session, &slot);
  ad_session_agent_login_async (session, "place1001", NULL, client_test_store_result, &slot);
  session_wait_finish (session, &slot);
  CLIENT_TEST_WAIT_UNTIL (ad_session_get_connection_state (session) ==
                          AD_CONNECTION_STATE_CONNECTED);
  g_assert_null (ad_session_get_connection_error (session));

  log = notify_log_new (session);
  g_signal_connect (session, "notify::connection-state", G_CALLBACK (on_session_state_changed),
                    &n_offline);
  g_test_expect_message ("AdSession", G_LOG_LEVEL_WARNING, "Giving up on the switch: *");
  restart_switch_with (f, f->untrusted);
  CLIENT_TEST_WAIT_UNTIL (ad_session_get_connection_state (session) ==
                          AD_CONNECTION_STATE_OFFLINE);
  g_test_assert_expected_messages ();

  /* OFFLINE with the certificate's error, each told once. */
  assert_unknown_ca (ad_session_get_connection_error (session));
  g_assert_cmpuint (n_offline, ==, 1);
  g_assert_cmpuint (notify_log_count (log, "connection-error"), ==, 1);
  /* What the agent last knew stays shown. */
  g_assert_nonnull (ad_session_get_agent (session));
  n_refused = test_counting_database_get_n_verified (f->database);

  assert_stopped_connecting (f, n_refused);
  g_assert_cmpint (ad_session_get_connection_state (session), ==, AD_CONNECTION_STATE_OFFLINE);
  assert_unknown_ca (ad_session_get_connection_error (session));

  g_assert_cmpuint (n_offline, ==, 1);

  /* Signing in again, to a switch trusted again, starts afresh. */
  ad_session_login_async (session, "agent1", "demo", NULL, client_test_store_result, &slot);
  session_wait_finish (session, &slot);
  g_assert_null (ad_session_get_connection_error (session));
  g_assert_cmpuint (notify_log_count (log, "connection-error"), ==, 2);
  CLIENT_TEST_WAIT_UNTIL (ad_session_get_connection_state (session) ==
                          AD_CONNECTION_STATE_CONNECTED);
  g_signal_handlers_disconnect_by_data (session, &n_offline);
}

static void
test_wallboard_stops (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(AdWallboard) board = ad_wallboard_new (f->client, "supervisor", "demo");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refusal = NULL;
  GAsyncResult *slot = NULL;
  guint n_refused;

  ad_wallboard_set_backoff (board, BACKOFF_INITIAL_MS, BACKOFF_MAX_MS);
  g_signal_connect (board, "refused", G_CALLBACK (on_stopped_with_error), &refusal);
  ad_wallboard_start_async (board, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  g_assert_true (ad_wallboard_start_finish (board, result, &error));
  CLIENT_TEST_WAIT_UNTIL (!ad_wallboard_get_stale (board));

  restart_switch_with (f, f->untrusted);
  CLIENT_TEST_WAIT_UNTIL (refusal != NULL);
  assert_unknown_ca (refusal);
  g_assert_cmpint (ad_wallboard_get_connection_state (board), ==, AD_CONNECTION_STATE_OFFLINE);
  g_assert_true (ad_wallboard_get_stale (board));
  g_assert_cmpstr (ad_wallboard_get_error_message (board), ==, refusal->message);
  n_refused = test_counting_database_get_n_verified (f->database);

  assert_stopped_connecting (f, n_refused);
  g_assert_cmpint (ad_wallboard_get_connection_state (board), ==, AD_CONNECTION_STATE_OFFLINE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/tls/stream/event-stream-stops", test_event_stream_stops);
  ADD ("/tls/stream/session-goes-offline", test_session_goes_offline);
  ADD ("/tls/stream/wallboard-stops", test_wallboard_stops);

#undef ADD

  return g_test_run ();
}
