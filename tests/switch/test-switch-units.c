/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ad-auth.h"
#include "ad-event-log.h"
#include "ad-history.h"

#include <glib/gstdio.h>

static guint64
log_event (AdEventLog *log,
           const char *agent_id,
           const char *data)
{
  AdEventKeys keys = { agent_id, NULL, "1001", NULL };

  return ad_event_log_append (log, "AgentEvent", AD_EVENT_KIND_AGENT, &keys, data);
}

/* The log numbers events 1, 2, 3 …, keeps their keys and text, and forgets
 * the oldest past its event bound. */
static void
test_event_log_events (void)
{
  g_autoptr(AdEventLog) log = ad_event_log_new (100, G_MAXSIZE, 0);
  const AdLoggedEvent *event;

  for (guint i = 1; i <= 10000; i++)
    {
      g_autofree char *data = g_strdup_printf ("{\"n\": %u}", i);

      g_assert_cmpuint (log_event (log, i % 2 ? "agent1" : NULL, data), ==, i);
      g_assert_cmpuint (ad_event_log_get_n_events (log), ==, MIN (i, 100));
    }

  g_assert_null (ad_event_log_lookup (log, 0));
  g_assert_null (ad_event_log_lookup (log, 9900));
  g_assert_null (ad_event_log_lookup (log, 10001));
  for (guint64 seq = 9901; seq <= 10000; seq++)
    {
      g_autofree char *data = g_strdup_printf ("{\"n\": %" G_GUINT64_FORMAT "}", seq);

      event = ad_event_log_lookup (log, seq);
      g_assert_nonnull (event);
      g_assert_cmpuint (event->seq, ==, seq);
      g_assert_cmpstr (event->event_name, ==, "AgentEvent");
      g_assert_cmpint (event->kind, ==, AD_EVENT_KIND_AGENT);
      g_assert_cmpstr (event->keys.agent_id, ==, seq % 2 ? "agent1" : NULL);
      g_assert_null (event->keys.place_id);
      g_assert_cmpstr (event->keys.dn_id, ==, "1001");
      g_assert_cmpstr (event->data, ==, data);
    }
}

/* The byte bound holds whatever the events' sizes, except that the newest
 * event stays even when it alone is over it. */
static void
test_event_log_bytes (void)
{
  g_autoptr(AdEventLog) log = ad_event_log_new (G_MAXUINT, 64 * 1024, 0);
  g_autofree char *big = g_strnfill (100 * 1024, 'x');
  guint64 seq = 0;

  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *data = g_strnfill (g_random_int_range (1, 2000), 'y');

      seq = log_event (log, "agent1", data);
      g_assert_cmpuint (ad_event_log_get_size (log), <=, 64 * 1024);
    }
  g_assert_cmpuint (ad_event_log_get_size (log), >, 32 * 1024);
  g_assert_nonnull (ad_event_log_lookup (log, seq));

  seq = log_event (log, "agent1", big);
  g_assert_cmpuint (ad_event_log_get_n_events (log), ==, 1);
  g_assert_cmpstr (ad_event_log_lookup (log, seq)->data, ==, big);
  g_assert_null (ad_event_log_lookup (log, seq - 1));

  log_event (log, NULL, "{}");
  g_assert_cmpuint (ad_event_log_get_n_events (log), ==, 1);
  g_assert_cmpuint (ad_event_log_get_size (log), <, 1024);
}

/* Events older than the age bound are forgotten, appended to or not. */
static void
test_event_log_age (void)
{
  g_autoptr(AdEventLog) young = ad_event_log_new (100, G_MAXSIZE, 3600 * 1000);
  g_autoptr(AdEventLog) log = ad_event_log_new (100, G_MAXSIZE, 1);

  for (guint i = 0; i < 3; i++)
    {
      log_event (log, "agent1", "{}");
      log_event (young, "agent1", "{}");
    }
  g_usleep (10 * 1000);

  ad_event_log_expire (log);
  ad_event_log_expire (young);
  g_assert_cmpuint (ad_event_log_get_n_events (log), ==, 0);
  g_assert_cmpuint (ad_event_log_get_size (log), ==, 0);
  g_assert_null (ad_event_log_lookup (log, 3));
  g_assert_cmpuint (ad_event_log_get_n_events (young), ==, 3);
  g_assert_nonnull (ad_event_log_lookup (young, 1));
}

/* RFC 7914 §11 and the common PBKDF2-HMAC-SHA256 vectors. */
static void
test_pbkdf2_vectors (void)
{
  static const struct {
    const char *password, *salt;
    guint iterations;
    const char *key_b64;
  } vectors[] = {
    { "passwd", "salt", 1, "VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=" },
    { "password", "salt", 4096, "xeR41ZKIyEGqUw22hFxMjZYok6ABzk4RpJY4c6qYE0o=" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *salt_b64 = g_base64_encode ((const guchar *) vectors[i].salt,
                                                   strlen (vectors[i].salt));
      g_autofree char *hash = g_strdup_printf ("pbkdf2-sha256$%u$%s$%s", vectors[i].iterations,
                                               salt_b64, vectors[i].key_b64);

      g_assert_true (ad_auth_verify_password (hash, vectors[i].password));
      g_assert_false (ad_auth_verify_password (hash, "wrong"));
    }
}

static void
test_hash_password (void)
{
  g_autofree char *hash = ad_auth_hash_password ("s3cret", 1000);
  g_autofree char *again = ad_auth_hash_password ("s3cret", 1000);

  g_assert_true (g_str_has_prefix (hash, "pbkdf2-sha256$1000$"));
  /* A random salt: the same password never hashes alike. */
  g_assert_cmpstr (hash, !=, again);
  g_assert_true (ad_auth_verify_password (hash, "s3cret"));
  g_assert_true (ad_auth_verify_password (again, "s3cret"));
  g_assert_false (ad_auth_verify_password (hash, "s3cret "));
  g_assert_false (ad_auth_verify_password ("pbkdf2-sha256$1000$bad", "s3cret"));
  g_assert_false (ad_auth_verify_password ("s3cret", "s3cret"));
}

static void
test_equal_const_time (void)
{
  const guint8 a[] = { 1, 2, 3, 4 }, b[] = { 1, 2, 3, 4 }, c[] = { 1, 2, 3, 5 };

  g_assert_true (ad_auth_equal_const_time (a, b, sizeof a));
  g_assert_false (ad_auth_equal_const_time (a, c, sizeof a));
}

static void
test_tokens (void)
{
  g_autoptr(AdCallCenter) center = ad_call_center_new (AD_SWITCH_PROFILE_FULL);
  g_autoptr(AdAuth) auth = ad_auth_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *other = NULL;
  g_autofree char *hash = NULL;
  AdAuthSession *session = NULL;

  ad_call_center_load_demo (center);
  ad_auth_load_demo (auth, center);

  g_assert_null (ad_auth_login (auth, "agent1", "nope", NULL, NULL, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_null (ad_auth_login (auth, "nobody", "demo", NULL, NULL, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  token = ad_auth_login (auth, "agent1", "demo", NULL, &session, &error);
  g_assert_no_error (error);
  /* 256 bits in base64url: 43 characters. */
  g_assert_cmpuint (strlen (token), ==, 43);
  g_assert_cmpint (session->role, ==, AD_ROLE_AGENT);
  g_assert_cmpstr (session->agent_id, ==, "agent1");
  other = ad_auth_login (auth, "agent1", "demo", NULL, NULL, &error);
  g_assert_cmpstr (token, !=, other);

  session = ad_auth_check (auth, token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (session->username, ==, "agent1");
  hash = g_strdup (session->token_hash);
  g_assert_cmpstr (hash, !=, token);

  g_assert_null (ad_auth_check (auth, NULL, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  ad_auth_revoke (auth, hash);
  g_assert_null (ad_auth_check (auth, token, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_nonnull (ad_auth_check (auth, other, &error));

  session = NULL;
  g_free (token);
  token = ad_auth_login (auth, "supervisor", "demo", NULL, &session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (session->role, ==, AD_ROLE_SUPERVISOR);
}

static void
on_session_ended (AdAuth     *auth,
                  const char *token_hash,
                  guint      *n_ended)
{
  (*n_ended)++;
}

static void
test_token_expiry (void)
{
  g_autoptr(AdCallCenter) center = ad_call_center_new (AD_SWITCH_PROFILE_FULL);
  g_autoptr(AdAuth) auth = ad_auth_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  guint n_ended = 0;

  ad_call_center_load_demo (center);
  ad_auth_load_demo (auth, center);
  ad_auth_set_token_ttl (auth, 1);
  g_signal_connect (auth, "session-ended", G_CALLBACK (on_session_ended), &n_ended);

  token = ad_auth_login (auth, "agent2", "demo", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ad_auth_check (auth, token, &error));

  g_usleep (1100 * 1000);
  g_assert_cmpuint (ad_auth_expire (auth), ==, 1);
  g_assert_cmpuint (n_ended, ==, 1);
  g_assert_cmpuint (ad_auth_get_n_sessions (auth), ==, 0);
  g_assert_null (ad_auth_check (auth, token, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_UNAUTHORIZED);
}

static void
test_login_limit (void)
{
  g_autoptr(AdCallCenter) center = ad_call_center_new (AD_SWITCH_PROFILE_FULL);
  g_autoptr(AdAuth) auth = ad_auth_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  ad_call_center_load_demo (center);
  ad_auth_load_demo (auth, center);
  ad_auth_set_login_limit (auth, 3);

  for (guint i = 0; i < 3; i++)
    {
      g_assert_null (ad_auth_login (auth, "agent3", "guess", "10.0.0.1", NULL, &error));
      g_assert_error (error, AD_ERROR, AD_ERROR_UNAUTHORIZED);
      g_clear_error (&error);
    }

  /* Even the right password is refused now, from anywhere for agent3,
   * and for anyone from that address. */
  g_assert_null (ad_auth_login (auth, "agent3", "demo", "10.0.0.2", NULL, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_TOO_MANY_REQUESTS);
  g_clear_error (&error);
  g_assert_null (ad_auth_login (auth, "agent4", "demo", "10.0.0.1", NULL, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_TOO_MANY_REQUESTS);
  g_clear_error (&error);

  token = ad_auth_login (auth, "agent4", "demo", "10.0.0.2", NULL, &error);
  g_assert_no_error (error);
}

static void
test_config_users (void)
{
  g_autoptr(AdAuth) auth = ad_auth_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = ad_auth_hash_password ("pw", 1000);
  g_autofree char *json = g_strdup_printf ("{\"agents\": [{\"agentId\": \"a1\", \"password\": \"%s\"},"
                                           " {\"agentId\": \"a2\", \"username\": \"ann\", \"password\": \"%s\"}],"
                                           " \"supervisors\": [{\"username\": \"boss\", \"password\": \"%s\"}]}",
                                           hash, hash, hash);
  g_autoptr(JsonObject) config = ad_json_parse_object (json, -1, &error);
  g_autoptr(JsonObject) plain = ad_json_parse_object ("{\"agents\": [{\"agentId\": \"a1\", \"password\": \"pw\"}]}",
                                                      -1, &error);
  g_autofree char *token = NULL;
  AdAuthSession *session;

  g_assert_true (ad_auth_load_config (auth, config, &error));
  g_assert_no_error (error);

  token = ad_auth_login (auth, "boss", "pw", NULL, &session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (session->role, ==, AD_ROLE_SUPERVISOR);
  g_free (token);
  token = ad_auth_login (auth, "a1", "pw", NULL, &session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (session->agent_id, ==, "a1");
  g_free (token);
  token = ad_auth_login (auth, "ann", "pw", NULL, &session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (session->agent_id, ==, "a2");

  /* A clear password in a config file is refused. */
  g_assert_false (ad_auth_load_config (auth, plain, &error));
  g_assert_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST);
}

static JsonObject *
make_record (const char *interaction_id,
             const char *agent_id)
{
  g_autofree char *json = g_strdup_printf ("{\"interactionId\": \"%s\", \"agentId\": \"%s\","
                                           " \"ANI\": \"+15550001\", \"DNIS\": \"8000\","
                                           " \"callType\": \"INBOUND\", \"parties\": [],"
                                           " \"attachedData\": {\"k\": \"v\"},"
                                           " \"disposition\": null, \"notes\": \"n\"}",
                                           interaction_id, agent_id);

  return ad_json_parse_object (json, -1, NULL);
}

static void
test_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("agentdesk-history-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autoptr(AdHistory) history = ad_history_new (path, &error);
  g_autoptr(JsonArray) records = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("i%u", i);
      g_autoptr(JsonObject) record = make_record (id, i % 2 == 0 ? "agent1" : "agent2");

      g_assert_true (ad_history_add (history, record, &error));
    }

  records = ad_history_list (history, "agent1", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (records), ==, 2);
  g_assert_cmpstr (ad_json_string_or_null (json_array_get_object_element (records, 0),
                                           "interactionId"), ==, "i4");
  g_assert_cmpstr (ad_json_string_or_null (json_array_get_object_element (records, 1),
                                           "interactionId"), ==, "i2");
  g_clear_pointer (&records, json_array_unref);

  /* Reopened, everything is still there, newest first. */
  ad_history_close (history);
  g_clear_object (&history);
  history = ad_history_new (path, &error);
  g_assert_no_error (error);
  records = ad_history_list (history, NULL, 100, &error);
  g_assert_cmpuint (json_array_get_length (records), ==, 5);
  g_assert_cmpstr (ad_json_string_or_null (json_array_get_object_element (records, 0),
                                           "interactionId"), ==, "i4");
  g_assert_cmpstr (ad_json_string_or_null (json_array_get_object_element (records, 0),
                                           "notes"), ==, "n");
  ad_history_close (history);

  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

static void
test_history_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AdHistory) history = ad_history_new (NULL, &error);
  guint written = 0;

  g_assert_no_error (error);
  g_assert_true (ad_history_set_max_bytes (history, 16 * 1024, &error));

  /* Fill the bounded database until a write fails as on a full disk. */
  for (;;)
    {
      g_autofree char *id = g_strdup_printf ("interaction-%u-%0400u", written, 0);
      g_autoptr(JsonObject) record = make_record (id, "agent1");

      if (!ad_history_add (history, record, &error))
        break;
      written++;
      g_assert_cmpuint (written, <, 1000);
    }

  g_assert_error (error, AD_ERROR, AD_ERROR_STORAGE_FAILED);
  g_assert_cmpuint (written, >, 0);
  g_clear_error (&error);

  /* What was committed is intact. */
  {
    g_autoptr(JsonArray) records = ad_history_list (history, "agent1", 1000, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (records), ==, written);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/switch/event-log/events", test_event_log_events);
  g_test_add_func ("/switch/event-log/bytes", test_event_log_bytes);
  g_test_add_func ("/switch/event-log/age", test_event_log_age);
  g_test_add_func ("/switch/auth/pbkdf2-vectors", test_pbkdf2_vectors);
  g_test_add_func ("/switch/auth/hash-password", test_hash_password);
  g_test_add_func ("/switch/auth/equal-const-time", test_equal_const_time);
  g_test_add_func ("/switch/auth/tokens", test_tokens);
  g_test_add_func ("/switch/auth/token-expiry", test_token_expiry);
  g_test_add_func ("/switch/auth/login-limit", test_login_limit);
  g_test_add_func ("/switch/auth/config-users", test_config_users);
  g_test_add_func ("/switch/history/persist", test_history);
  g_test_add_func ("/switch/history/full", test_history_full);

  return g_test_run ();
}
