/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "client-test-util.h"

static AdSwitchServer *
start_server (AdSwitchOptions *options,
              guint            port)
{
  g_autoptr(GError) error = NULL;
  AdSwitchServer *server = ad_switch_server_new (options, &error);

  g_assert_no_error (error);
  ad_switch_server_listen (server, "127.0.0.1", port, &error);
  g_assert_no_error (error);
  return server;
}

void
client_test_switch_options_init (AdSwitchOptions *options,
                                 AdSwitchProfile  profile)
{
  ad_switch_options_init (options);
  options->profile = profile;
  options->sim_api = TRUE;
  options->answer_delay_ms = 50;
  options->action_delay_ms = 0;
}

ClientTestSwitch *
client_test_switch_new (const AdSwitchOptions *options)
{
  ClientTestSwitch *ts = g_new0 (ClientTestSwitch, 1);

  ts->options = *options;
  ts->server = start_server (&ts->options, 0);
  ts->port = ad_switch_server_get_port (ts->server);
  ts->base_url = g_strdup (ad_switch_server_get_base_url (ts->server));
  return ts;
}

void
client_test_switch_restart (ClientTestSwitch *ts)
{
  ad_switch_server_shutdown (ts->server);
  g_clear_object (&ts->server);
  ts->server = start_server (&ts->options, ts->port);
  g_assert_cmpstr (ad_switch_server_get_base_url (ts->server), ==, ts->base_url);
}

void
client_test_switch_free (ClientTestSwitch *ts)
{
  ad_switch_server_shutdown (ts->server);
  g_clear_object (&ts->server);
  g_free (ts->base_url);
  g_free (ts);
}

JsonObject *
client_test_switch_get_dto (ClientTestSwitch *ts,
                            const char       *interaction_id)
{
  AdCallCenter *center = ad_switch_server_get_call_center (ts->server);

  return ad_call_center_get_interaction (center, interaction_id, NULL);
}

static gboolean
on_wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
client_test_iterate (void)
{
  guint wake = g_timeout_add (50, on_wake, NULL);

  g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

void
client_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    client_test_iterate ();
}

static guint n_giving_up;

static gboolean
on_fatal_log (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  if (g_strcmp0 (log_domain, "AdSession") == 0 && (log_level & G_LOG_LEVEL_WARNING) != 0 &&
      g_str_has_prefix (message, "Giving up on the switch: "))
    {
      n_giving_up++;
      return FALSE;
    }
  return TRUE;
}

guint *
client_test_count_giving_up (void)
{
  /* The test framework drops the handler when the next test case starts. */
  g_test_log_set_fatal_handler (on_fatal_log, NULL);
  n_giving_up = 0;
  return &n_giving_up;
}

void
client_test_store_result (GObject      *source,
                          GAsyncResult *result,
                          gpointer      data)
{
  GAsyncResult **slot = data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

GAsyncResult *
client_test_wait_result (GAsyncResult **slot)
{
  CLIENT_TEST_WAIT_UNTIL (*slot != NULL);
  return g_steal_pointer (slot);
}

AdSession *
client_test_session_new (ClientTestSwitch *ts,
                         const char       *username,
                         const char       *place_id,
                         gboolean          ready)
{
  AdSession *session = ad_session_new (ts->base_url);
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  /* Short enough that a dead stream is noticed within a test. */
  ad_session_set_stream_timing (session, 20000, 20, 200);

  ad_session_login_async (session, username, "demo", NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  ad_session_finish (session, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (ad_session_get_connection_state (session), ==, AD_CONNECTION_STATE_CONNECTED);

  if (place_id != NULL)
    {
      ad_session_agent_login_async (session, place_id, NULL, client_test_store_result, &slot);
      result = client_test_wait_result (&slot);
      ad_session_finish (session, result, &error);
      g_assert_no_error (error);
      g_clear_object (&result);
    }

  if (ready)
    {
      ad_session_ready_async (session, NULL, client_test_store_result, &slot);
      result = client_test_wait_result (&slot);
      ad_session_finish (session, result, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ad_agent_get_status (ad_session_get_agent (session)), ==,
                       AD_AGENT_STATUS_READY);
    }

  return session;
}

/* The body of the client request completing into @slot. */
static JsonObject *
wait_reply (AdClient      *client,
            GAsyncResult **slot)
{
  g_autoptr(GAsyncResult) result = client_test_wait_result (slot);
  g_autoptr(GError) error = NULL;
  JsonObject *reply = ad_client_request_finish (client, result, &error);

  g_assert_no_error (error);
  return reply;
}

char *
client_test_sim_inbound (AdSession  *session,
                         const char *queue,
                         const char *dn,
                         const char *ani)
{
  AdClient *client = ad_session_get_client (session);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;
  GAsyncResult *slot = NULL;

  json_object_set_string_member (body, "ani", ani);
  if (queue != NULL)
    {
      json_object_set_string_member (body, "queue", queue);
      json_object_set_string_member (body, "dnis", g_str_equal (queue, "sales") ? "8000" : "8001");
    }
  else
    {
      json_object_set_string_member (body, "dn", dn);
      json_object_set_string_member (body, "dnis", dn);
    }

  ad_client_sim_inbound_async (client, body, NULL, client_test_store_result, &slot);
  reply = wait_reply (client, &slot);
  g_assert_nonnull (ad_json_string_or_null (reply, "callId"));
  return g_strdup (ad_json_string_or_null (reply, "callId"));
}

void
client_test_sim_hangup (AdSession  *session,
                        const char *call_id)
{
  AdClient *client = ad_session_get_client (session);
  g_autoptr(JsonObject) reply = NULL;
  GAsyncResult *slot = NULL;

  ad_client_sim_hangup_async (client, call_id, NULL, client_test_store_result, &slot);
  reply = wait_reply (client, &slot);
}

AdInteraction *
client_test_nth_interaction (AdSession *session,
                             guint      position)
{
  GListModel *model = ad_session_get_interactions (session);
  g_autoptr(AdInteraction) interaction = g_list_model_get_item (model, position);

  g_assert_nonnull (interaction);
  /* The model keeps its reference. */
  return interaction;
}

AdInteraction *
client_test_wait_interaction (AdSession *session,
                              guint      n_expected)
{
  GListModel *model = ad_session_get_interactions (session);

  CLIENT_TEST_WAIT_UNTIL (g_list_model_get_n_items (model) >= n_expected);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_expected);
  return client_test_nth_interaction (session, n_expected - 1);
}

void
client_test_wait_status (AdInteraction       *interaction,
                         AdInteractionStatus  status)
{
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_get_status (interaction) == status);
}

void
client_test_expect_accepted (AdInteraction *interaction,
                             GAsyncResult  *result)
{
  g_autoptr(GError) error = NULL;

  ad_interaction_action_finish (interaction, result, &error);
  g_assert_no_error (error);
  /* Applied: the switch's event for it came. */
  CLIENT_TEST_WAIT_UNTIL (ad_interaction_get_pending_action (interaction) == AD_VOICE_ACTION_NONE);
}

struct _NotifyLog
{
  GObject    *object;
  gulong      handler;
  GHashTable *counts;
  GHashTable *values;
};

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           NotifyLog  *log)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, pspec->name));
  g_auto(GValue) value = G_VALUE_INIT;

  g_hash_table_insert (log->counts, (gpointer) pspec->name, GUINT_TO_POINTER (count + 1));

  /* What a handler reads when the notify comes: already the new value. */
  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, pspec->name, &value);
  g_hash_table_insert (log->values, (gpointer) pspec->name, g_strdup_value_contents (&value));
}

NotifyLog *
notify_log_new (gpointer object)
{
  NotifyLog *log = g_new0 (NotifyLog, 1);

  log->object = g_object_ref (object);
  log->counts = g_hash_table_new (g_str_hash, g_str_equal);
  log->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  log->handler = g_signal_connect (object, "notify", G_CALLBACK (on_notify), log);
  return log;
}

guint
notify_log_count (NotifyLog  *log,
                  const char *property)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, property));
}

const char *
notify_log_last_value (NotifyLog  *log,
                       const char *property)
{
  return g_hash_table_lookup (log->values, property);
}

void
notify_log_reset (NotifyLog *log)
{
  g_hash_table_remove_all (log->counts);
  g_hash_table_remove_all (log->values);
}

void
notify_log_free (NotifyLog *log)
{
  g_signal_handler_disconnect (log->object, log->handler);
  g_object_unref (log->object);
  g_hash_table_unref (log->counts);
  g_hash_table_unref (log->values);
  g_free (log);
}
