/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ad-auth.h"
#include "switch-test-util.h"

#include <glib/gstdio.h>
#include <signal.h>

/* agentdesk-switch as a process: its listening line, contact history that
 * survives SIGKILL and a restart, and a clean stop on SIGTERM. The
 * binary's path comes from AGENTDESK_SWITCH (set by meson). */

typedef struct {
  GSubprocess *process;
  char        *base_url;
} Switch;

static Switch *
switch_start (const char *db)
{
  const char *binary = g_getenv ("AGENTDESK_SWITCH");
  Switch *sw = g_new0 (Switch, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  g_assert_nonnull (binary);
  sw->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                  binary, "--listen", "127.0.0.1:0", "--db", db,
                                  "--answer-delay-ms", "50", NULL);
  g_assert_no_error (error);

  /* The one line on stdout says where it listens. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sw->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  sw->base_url = g_strdup (line + strlen ("listening on "));
  return sw;
}

static void
switch_free (Switch *sw)
{
  g_clear_object (&sw->process);
  g_free (sw->base_url);
  g_free (sw);
}

/* Makes an interaction of agent1 and marks it done; returns its id. */
static char *
mark_one_done (AdTestSwitch *ts,
               const char   *token,
               const char   *note)
{
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) accepted = NULL;
  g_autofree char *path = NULL;
  g_autofree char *get = NULL;
  char *id;

  created = ad_test_switch_expect (ts, 201, "POST", "/api/v1/voice/interactions", token,
                                   "{\"dnId\": \"1001\", \"attachedData\": {\"case\": \"%s\"}}",
                                   note);
  id = g_strdup (ad_json_string_or_null (json_object_get_object_member (created, "interaction"),
                                         "interaction:interactionId"));
  path = g_strdup_printf ("/api/v1/voice/interactions/%s/mark-done", id);
  accepted = ad_test_switch_expect (ts, 202, "POST", path, token,
                                    "{\"disposition\": \"RESOLVED\", \"notes\": \"%s\"}", note);
  get = g_strdup_printf ("/api/v1/interactions/%s", id);
  ad_test_switch_expect_error (ts, 404, "NOT_FOUND", "GET", get, token, NULL);
  return id;
}

static JsonArray *
get_history (AdTestSwitch *ts,
             const char   *token)
{
  g_autoptr(JsonObject) body = ad_test_switch_expect (ts, 200, "GET",
                                                      "/api/v1/history?agentId=agent1&limit=10",
                                                      token, NULL);

  return json_array_ref (json_object_get_array_member (body, "records"));
}

static void
test_history_survives_kill (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("agentdesk-switch-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "history.db", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(JsonArray) records = NULL;
  Switch *sw;

  g_assert_no_error (error);

  /* Run 1: one record, then SIGKILL right after the 202. */
  sw = switch_start (db);
  {
    g_autoptr(AdTestSwitch) ts = ad_test_switch_new_for_url (sw->base_url);
    g_autofree char *token = ad_test_switch_agent_on (ts, "agent1", "place1001", FALSE);

    first = mark_one_done (ts, token, "first");
  }
  g_subprocess_force_exit (sw->process);
  g_subprocess_wait (sw->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (sw->process));
  g_assert_cmpint (g_subprocess_get_term_sig (sw->process), ==, SIGKILL);
  switch_free (sw);

  /* Run 2: the record is there; add one more, then stop with SIGTERM. */
  sw = switch_start (db);
  {
    g_autoptr(AdTestSwitch) ts = ad_test_switch_new_for_url (sw->base_url);
    g_autofree char *token = ad_test_switch_agent_on (ts, "agent1", "place1001", FALSE);
    JsonObject *record;

    records = get_history (ts, token);
    g_assert_cmpuint (json_array_get_length (records), ==, 1);
    record = json_array_get_object_element (records, 0);
    g_assert_cmpstr (ad_json_string_or_null (record, "interactionId"), ==, first);
    g_assert_cmpstr (ad_json_string_or_null (record, "agentId"), ==, "agent1");
    g_assert_cmpstr (ad_json_string_or_null (record, "disposition"), ==, "RESOLVED");
    g_assert_cmpstr (ad_json_string_or_null (record, "notes"), ==, "first");
    g_clear_pointer (&records, json_array_unref);

    second = mark_one_done (ts, token, "second");
  }
  g_subprocess_send_signal (sw->process, SIGTERM);
  g_subprocess_wait (sw->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (sw->process));
  g_assert_cmpint (g_subprocess_get_exit_status (sw->process), ==, 0);
  switch_free (sw);

  /* Run 3: both, newest first. */
  sw = switch_start (db);
  {
    g_autoptr(AdTestSwitch) ts = ad_test_switch_new_for_url (sw->base_url);
    g_autofree char *token = ad_test_switch_login (ts, "supervisor", "demo");

    records = get_history (ts, token);
    g_assert_cmpuint (json_array_get_length (records), ==, 2);
    g_assert_cmpstr (ad_json_string_or_null (json_array_get_object_element (records, 0),
                                             "interactionId"), ==, second);
    g_assert_cmpstr (ad_json_string_or_null (json_array_get_object_element (records, 1),
                                             "interactionId"), ==, first);
  }
  g_subprocess_force_exit (sw->process);
  g_subprocess_wait (sw->process, NULL, NULL);
  switch_free (sw);

  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *path = g_strconcat (db, suffixes[i], NULL);

        g_unlink (path);
      }
  }
  g_rmdir (dir);
}

static void
test_hash_password (void)
{
  const char *binary = g_getenv ("AGENTDESK_SWITCH");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                              &error, binary, "--hash-password", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, "correct horse\n", NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_strstrip (out);
  g_assert_true (g_str_has_prefix (out, "pbkdf2-sha256$200000$"));
  g_assert_true (ad_auth_verify_password (out, "correct horse"));
  g_assert_false (ad_auth_verify_password (out, "correct horse\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/switch/process/history-survives-kill", test_history_survives_kill);
  g_test_add_func ("/switch/process/hash-password", test_hash_password);

  return g_test_run ();
}
