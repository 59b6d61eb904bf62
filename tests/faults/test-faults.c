/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "client-test-util.h"
#include "fault-proxy.h"
#include "switch-test-util.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

/* The desktop's model (a real AdSession) and the switch, with faults
 * between them: a proxy that cuts connections mid-call and mid-event,
 * stalls the event stream and delays every byte; and the switch binary
 * killed with SIGKILL mid-call and started again on the same port and
 * database. After each, the model must equal the switch's own view (GET
 * /interactions as the agent, over a connection the faults do not touch)
 * and every interaction marked done must be in the contact history. */

typedef struct {
  ClientTestSwitch *ts;
  FaultProxy       *proxy;
  AdSession        *session;
  AdTestSwitch      direct;   /* plain HTTP to the switch, past the proxy */
  char             *token;
} Fixture;

/* agent1 signed in through @ts, on place1001 and READY. (Not
 * client_test_session_new()'s READY: that checks the agent right when the
 * request completes, which an older AgentEvent can still overwrite.) */
static AdSession *
session_new_ready (ClientTestSwitch *ts)
{
  AdSession *session = client_test_session_new (ts, "agent1", "place1001", FALSE);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ad_session_set_stream_timing (session, 600, 20, 200);
  ad_session_ready_async (session, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  ad_session_finish (session, result, &error);
  g_assert_no_error (error);
  CLIENT_TEST_WAIT_UNTIL (ad_agent_get_status (ad_session_get_agent (session)) ==
                          AD_AGENT_STATUS_READY);
  return session;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  AdSwitchOptions options;
  ClientTestSwitch via;

  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);
  /* Keepalives often enough that a stalled stream is noticed soon. */
  options.keepalive_ms = 100;
  f->ts = client_test_switch_new (&options);
  f->proxy = fault_proxy_new (f->ts->port);

  via = *f->ts;
  via.base_url = (char *) fault_proxy_get_url (f->proxy);
  f->session = session_new_ready (&via);

  f->direct.base_url = f->ts->base_url;
  f->direct.session = soup_session_new ();
  f->token = ad_test_switch_login (&f->direct, "agent1", "demo");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->token);
  g_object_unref (f->direct.session);
  g_object_unref (f->session);
  fault_proxy_free (f->proxy);
  client_test_switch_free (f->ts);
}

/* Whether @session shows exactly the interactions the switch has for
 * agent1, each with the same status and actions, none pending. */
static gboolean
model_matches (AdSession    *session,
               AdTestSwitch *direct,
               const char   *token)
{
  g_autoptr(JsonObject) body = NULL;
  GListModel *model = ad_session_get_interactions (session);
  JsonArray *list;
  guint n;

  if (ad_session_get_connection_state (session) != AD_CONNECTION_STATE_CONNECTED)
    return FALSE;
  if (ad_test_switch_request (direct, "GET", "/api/v1/interactions?agentId=agent1", token, NULL,
                              &body) != 200)
    return FALSE;

  list = json_object_get_array_member (body, "interactions");
  n = json_array_get_length (list);
  if (g_list_model_get_n_items (model) != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *dto = json_array_get_object_element (list, i);
      AdInteraction *interaction =
        ad_session_lookup_interaction (session, json_object_get_string_member (
                                                  dto, "interaction:interactionId"));

      if (interaction == NULL ||
          ad_interaction_get_pending_action (interaction) != AD_VOICE_ACTION_NONE ||
          ad_interaction_get_status (interaction) !=
            ad_interaction_status_from_string (ad_json_string_or_null (dto, "interaction:status")) ||
          ad_interaction_get_actions_possible (interaction) !=
            ad_voice_actions_from_json (json_object_get_array_member (
              dto, "interaction.voice:actionsPossible")))
        return FALSE;
    }
  return TRUE;
}

#define WAIT_CONVERGED(f) \
  CLIENT_TEST_WAIT_UNTIL (model_matches ((f)->session, &(f)->direct, (f)->token))

static void
assert_in_history (AdTestSwitch *direct,
                   const char   *token,
                   const char   *interaction_id)
{
  g_autoptr(JsonObject) body = ad_test_switch_expect (direct, 200, "GET",
                                                      "/api/v1/history?agentId=agent1&limit=100",
                                                      token, NULL);
  JsonArray *records = json_object_get_array_member (body, "records");

  for (guint i = 0; i < json_array_get_length (records); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (records, i),
                                                  "interactionId"), interaction_id) == 0)
      return;
  g_error ("Interaction %s is missing from the history", interaction_id);
}

/* An inbound call to agent1, made by the switch's outside world directly
 * (not through the proxy); @pad makes its events long. */
static char *
inbound (Fixture *f,
         gsize    pad)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *filler = g_strnfill (pad, 'p');
  char *call_id;

  json_object_set_string_member (body, "ani", "+15551230000");
  json_object_set_string_member (body, "queue", "sales");
  json_object_set_string_member (data, "filler", filler);
  json_object_set_object_member (body, "attachedData", json_object_ref (data));
  call_id = ad_call_center_sim_inbound (ad_switch_server_get_call_center (f->ts->server), body,
                                        &error);
  g_assert_no_error (error);
  return call_id;
}

/* Waits until the switch itself has @n interactions for agent1. */
static void
wait_switch_has (Fixture *f,
                 guint    n)
{
  AdCallCenter *center = ad_switch_server_get_call_center (f->ts->server);

  for (;;)
    {
      g_autoptr(GPtrArray) list = ad_call_center_list_interactions (center, "agent1");

      if (list->len == n)
        return;
      client_test_iterate ();
    }
}

typedef void (*ActionFunc) (AdInteraction       *interaction,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data);

/* Runs an action through the model and waits until the switch has
 * applied it and the model shows it. */
static void
act (Fixture       *f,
     AdInteraction *interaction,
     ActionFunc     action)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  action (interaction, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  client_test_expect_accepted (interaction, result);
  WAIT_CONVERGED (f);
}

static void
mark_done (AdInteraction *interaction,
           GCancellable  *cancellable,
           GAsyncReadyCallback callback,
           gpointer       user_data)
{
  ad_interaction_mark_done_async (interaction, "RESOLVED", "after a fault", cancellable,
                                  callback, user_data);
}

/* Marks @interaction done through the model: it leaves the model and the
 * switch, and its record is in the history. */
static void
finish_call (Fixture       *f,
             AdInteraction *interaction)
{
  g_autofree char *id = g_strdup (ad_interaction_get_id (interaction));
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mark_done (interaction, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  ad_interaction_action_finish (interaction, result, &error);
  g_assert_no_error (error);
  CLIENT_TEST_WAIT_UNTIL (ad_session_lookup_interaction (f->session, id) == NULL);
  WAIT_CONVERGED (f);
  assert_in_history (&f->direct, f->token, id);
}

/* Every connection cut mid-call, the switch unreachable while the contact
 * hangs up, then reachable again. */
static void
test_cut_mid_call (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *call_id = inbound (f, 0);
  AdInteraction *interaction = client_test_wait_interaction (f->session, 1);

  client_test_wait_status (interaction, AD_INTERACTION_STATUS_RINGING);
  act (f, interaction, ad_interaction_answer_async);
  g_assert_cmpint (ad_interaction_get_status (interaction), ==, AD_INTERACTION_STATUS_TALKING);

  fault_proxy_set_refusing (f->proxy, TRUE);
  fault_proxy_cut_all (f->proxy);
  g_assert_cmpuint (fault_proxy_get_n_cut (f->proxy), >, 0);
  CLIENT_TEST_WAIT_UNTIL (ad_session_get_connection_state (f->session) !=
                          AD_CONNECTION_STATE_CONNECTED);
  g_assert_true (ad_call_center_sim_hangup (ad_switch_server_get_call_center (f->ts->server),
                                            call_id, NULL));
  client_test_spin (300);
  fault_proxy_set_refusing (f->proxy, FALSE);

  WAIT_CONVERGED (f);
  g_assert_cmpint (ad_interaction_get_status (interaction), ==, AD_INTERACTION_STATUS_IDLE);
  finish_call (f, interaction);
}

/* The event stream stops delivering (a half-dead connection): the model
 * notices the missing keepalives, reconnects and catches up. */
static void
test_stalled_stream (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *call_id = NULL;
  AdInteraction *interaction;

  fault_proxy_stall_streams (f->proxy);
  call_id = inbound (f, 0);
  wait_switch_has (f, 1);

  WAIT_CONVERGED (f);
  /* The model gave up on the stalled connection. */
  CLIENT_TEST_WAIT_UNTIL (fault_proxy_get_n_stalls_ended (f->proxy) > 0);
  interaction = client_test_nth_interaction (f->session, 0);
  g_assert_cmpint (ad_interaction_get_status (interaction), ==, AD_INTERACTION_STATUS_RINGING);

  act (f, interaction, ad_interaction_answer_async);
  act (f, interaction, ad_interaction_release_async);
  finish_call (f, interaction);
}

/* Every chunk both ways arrives late: a whole call still works. */
static void
test_delayed (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *call_id = NULL;
  AdInteraction *interaction;

  fault_proxy_set_delay (f->proxy, 40);
  call_id = inbound (f, 0);
  interaction = client_test_wait_interaction (f->session, 1);
  client_test_wait_status (interaction, AD_INTERACTION_STATUS_RINGING);

  act (f, interaction, ad_interaction_answer_async);
  act (f, interaction, ad_interaction_hold_async);
  act (f, interaction, ad_interaction_retrieve_async);
  act (f, interaction, ad_interaction_release_async);
  finish_call (f, interaction);
}

/* The stream is cut in the middle of an event: the half event is never
 * applied, the whole one comes after the reconnect. */
static void
test_cut_mid_event (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *call_id = NULL;
  AdInteraction *interaction;

  fault_proxy_cut_streams_after (f->proxy, 100);
  call_id = inbound (f, 4096);
  wait_switch_has (f, 1);

  WAIT_CONVERGED (f);
  g_assert_cmpuint (fault_proxy_get_n_cut (f->proxy), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (f->session)), ==, 1);
  interaction = client_test_nth_interaction (f->session, 0);
  g_assert_cmpuint (strlen (g_hash_table_lookup (ad_interaction_get_attached_data (interaction),
                                                 "filler")), ==, 4096);

  act (f, interaction, ad_interaction_answer_async);
  act (f, interaction, ad_interaction_release_async);
  finish_call (f, interaction);
}

/* Connections cut while an action is on its way: whether or not the
 * switch got it, the model ends up where the switch is, nothing pending. */
static void
test_cut_during_action (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *call_id = inbound (f, 0);
  AdInteraction *interaction = client_test_wait_interaction (f->session, 1);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  client_test_wait_status (interaction, AD_INTERACTION_STATUS_RINGING);
  ad_interaction_answer_async (interaction, NULL, client_test_store_result, &slot);
  fault_proxy_cut_all (f->proxy);
  result = client_test_wait_result (&slot);
  if (!ad_interaction_action_finish (interaction, result, &error))
    g_test_message ("The answer failed: %s", error->message);

  WAIT_CONVERGED (f);
  if (ad_interaction_get_status (interaction) == AD_INTERACTION_STATUS_RINGING)
    act (f, interaction, ad_interaction_answer_async);
  g_assert_cmpint (ad_interaction_get_status (interaction), ==, AD_INTERACTION_STATUS_TALKING);
  act (f, interaction, ad_interaction_release_async);
  finish_call (f, interaction);
}

/* The switch binary */

typedef struct {
  GSubprocess *process;
  char        *base_url;
  guint        port;
} SwitchProcess;

/* The switch must not outlive a test that fails half-way. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static SwitchProcess *
switch_process_start (const char *db_file,
                      guint       port)
{
  const char *binary = g_getenv ("AGENTDESK_SWITCH");
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  SwitchProcess *sp = g_new0 (SwitchProcess, 1);
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", port);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  g_assert_nonnull (binary);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  sp->process = g_subprocess_launcher_spawn (launcher, &error, binary,
                                             "--listen", listen, "--sim-api", "--db", db_file,
                                             "--answer-delay-ms", "50", "--keepalive-ms", "100",
                                             NULL);
  g_assert_no_error (error);

  /* Its one line on stdout: "listening on http://127.0.0.1:PORT". */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sp->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  sp->base_url = g_strdup (line + strlen ("listening on "));
  sp->port = (guint) g_ascii_strtoull (strrchr (sp->base_url, ':') + 1, NULL, 10);
  g_assert_cmpuint (sp->port, >, 0);
  return sp;
}

static void
switch_process_kill (SwitchProcess *sp)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (sp->process, SIGKILL);
  g_subprocess_wait (sp->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (sp->process));
  g_assert_cmpint (g_subprocess_get_term_sig (sp->process), ==, SIGKILL);
  g_clear_object (&sp->process);
  g_free (sp->base_url);
  g_free (sp);
}

/* Removes @path and the files in it (the database and its WAL files). */
static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
  g_rmdir (path);
}

static void
test_switch_killed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("agentdesk-faults-XXXXXX", NULL);
  g_autofree char *db_file = g_build_filename (dir, "history.db", NULL);
  SwitchProcess *sp = switch_process_start (db_file, 0);
  guint port = sp->port;
  g_autofree char *url = g_strdup (sp->base_url);
  ClientTestSwitch remote = { NULL, { 0 }, port, url };
  AdTestSwitch direct = { NULL, soup_session_new (), url };
  g_autoptr(AdSession) session = session_new_ready (&remote);
  g_autofree char *call1 = NULL;
  g_autofree char *call2 = NULL;
  g_autofree char *done_id = NULL;
  AdInteraction *interaction;
  Fixture f = { NULL, NULL, session, direct, ad_test_switch_login (&direct, "agent1", "demo") };

  /* A call marked done before the kill. */
  call1 = client_test_sim_inbound (session, "sales", NULL, "+15551230001");
  interaction = client_test_wait_interaction (session, 1);
  client_test_wait_status (interaction, AD_INTERACTION_STATUS_RINGING);
  act (&f, interaction, ad_interaction_answer_async);
  act (&f, interaction, ad_interaction_release_async);
  done_id = g_strdup (ad_interaction_get_id (interaction));
  finish_call (&f, interaction);

  /* A call in progress when the switch dies. */
  call2 = client_test_sim_inbound (session, "sales", NULL, "+15551230002");
  interaction = client_test_wait_interaction (session, 1);
  client_test_wait_status (interaction, AD_INTERACTION_STATUS_RINGING);
  act (&f, interaction, ad_interaction_answer_async);

  switch_process_kill (sp);
  sp = switch_process_start (db_file, port);
  g_assert_cmpstr (sp->base_url, ==, url);

  /* The new switch has a new token for us; the model signs in again by
   * itself and drops the call the switch no longer knows. */
  g_free (f.token);
  f.token = ad_test_switch_login (&direct, "agent1", "demo");
  WAIT_CONVERGED (&f);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (session)), ==, 0);
  assert_in_history (&direct, f.token, done_id);

  g_free (f.token);
  g_clear_object (&session);
  g_object_unref (direct.session);
  switch_process_kill (sp);
  remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/faults/proxy/cut-mid-call", Fixture, NULL,
              fixture_set_up, test_cut_mid_call, fixture_tear_down);
  g_test_add ("/faults/proxy/stalled-stream", Fixture, NULL,
              fixture_set_up, test_stalled_stream, fixture_tear_down);
  g_test_add ("/faults/proxy/delayed", Fixture, NULL,
              fixture_set_up, test_delayed, fixture_tear_down);
  g_test_add ("/faults/proxy/cut-mid-event", Fixture, NULL,
              fixture_set_up, test_cut_mid_event, fixture_tear_down);
  g_test_add ("/faults/proxy/cut-during-action", Fixture, NULL,
              fixture_set_up, test_cut_during_action, fixture_tear_down);
  g_test_add_func ("/faults/switch-killed", test_switch_killed);

  return g_test_run ();
}
