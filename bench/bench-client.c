/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "client-test-util.h"
#include "ad-client-private.h"

#include <malloc.h>
#include <stdio.h>
#include <string.h>

/* The client model's costs, against the real switch in this process:
 *  1. events per second applied to the model (SSE parse + JSON decode +
 *     property updates) from a stream recorded off the switch, against the
 *     same stream parsed by json-glib alone, in the same run;
 *  2. heap per interaction held by the model;
 *  3. round trip from calling an action to the model's status change. */

#define N_CALLS        100
#define N_REPLAYS      20
#define N_ROUNDS       5
#define N_INTERACTIONS 2000
#define N_ROUND_TRIPS  200
#define CHUNK          16384

typedef struct {
  GString      *bytes;
  GInputStream *stream;
  GCancellable *cancellable;
} Recorder;

static void
on_recorded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Recorder *recorder = user_data;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, NULL);
  gsize size = 0;
  const char *data;

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    return;
  data = g_bytes_get_data (bytes, &size);
  g_string_append_len (recorder->bytes, data, size);
  g_input_stream_read_bytes_async (recorder->stream, CHUNK, G_PRIORITY_DEFAULT,
                                   recorder->cancellable, on_recorded, recorder);
}

/* A raw subscription of agent1's events, read into @recorder->bytes. */
static void
start_recording (ClientTestSwitch *ts,
                 AdClient         *client,
                 Recorder         *recorder)
{
  const char *topics_json =
    "[{\"serviceName\": \"InteractionService\", \"topicsEvents\": [{\"eventName\": \"InteractionEvent\","
    "  \"attributes\": [\"interaction:*\", \"interaction.voice:*\"],"
    "  \"triggers\": [{\"key\": \"AGENT\", \"value\": \"agent1\"}]}]},"
    " {\"serviceName\": \"AgentService\", \"topicsEvents\": [{\"eventName\": \"AgentEvent\","
    "  \"attributes\": [\"agent:*\"], \"triggers\": [{\"key\": \"AGENT\", \"value\": \"agent1\"}]}]}]";
  g_autoptr(JsonNode) topics = json_from_string (topics_json, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *subscription_id = NULL;
  GAsyncResult *slot = NULL;

  ad_client_login_async (client, "agent1", "demo", NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  g_assert_true (ad_client_login_finish (client, result, NULL, NULL, NULL));
  g_clear_object (&result);

  ad_client_subscribe_async (client, json_node_get_array (topics), NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  subscription_id = ad_client_subscribe_finish (client, result, NULL);
  g_assert_nonnull (subscription_id);
  g_clear_object (&result);

  ad_client_open_stream_async (client, subscription_id, NULL, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  recorder->stream = ad_client_open_stream_finish (client, result, NULL);
  g_assert_nonnull (recorder->stream);
  recorder->cancellable = g_cancellable_new ();
  recorder->bytes = g_string_new (NULL);
  g_input_stream_read_bytes_async (recorder->stream, CHUNK, G_PRIORITY_DEFAULT,
                                   recorder->cancellable, on_recorded, recorder);
}

static void
run_action (AdInteraction *interaction,
            void         (*action) (AdInteraction *, GCancellable *, GAsyncReadyCallback, gpointer))
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  action (interaction, NULL, client_test_store_result, &slot);
  result = client_test_wait_result (&slot);
  client_test_expect_accepted (interaction, result);
}

/* A day in the life of agent1, N_CALLS times over. */
static void
drive_calls (AdSession *session)
{
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (data, "crm", "ticket-42");
  g_hash_table_insert (data, "segment", "gold");

  for (guint i = 0; i < N_CALLS; i++)
    {
      g_autofree char *call_id = client_test_sim_inbound (session, "sales", NULL, "+15551230000");
      AdInteraction *call = client_test_wait_interaction (session, 1);
      GAsyncResult *slot = NULL;
      g_autoptr(GAsyncResult) result = NULL;

      client_test_wait_status (call, AD_INTERACTION_STATUS_RINGING);
      run_action (call, ad_interaction_answer_async);
      client_test_wait_status (call, AD_INTERACTION_STATUS_TALKING);
      run_action (call, ad_interaction_hold_async);
      client_test_wait_status (call, AD_INTERACTION_STATUS_HELD);
      run_action (call, ad_interaction_retrieve_async);
      client_test_wait_status (call, AD_INTERACTION_STATUS_TALKING);
      ad_interaction_attach_data_async (call, data, NULL, client_test_store_result, &slot);
      result = client_test_wait_result (&slot);
      client_test_expect_accepted (call, result);
      CLIENT_TEST_WAIT_UNTIL (g_hash_table_size (ad_interaction_get_attached_data (call)) == 2);
      run_action (call, ad_interaction_release_async);
      client_test_wait_status (call, AD_INTERACTION_STATUS_IDLE);
      g_object_ref (call);
      ad_interaction_mark_done_async (call, NULL, NULL, NULL, client_test_store_result, &slot);
      g_clear_object (&result);
      result = client_test_wait_result (&slot);
      client_test_expect_accepted (call, result);
      CLIENT_TEST_WAIT_UNTIL (g_list_model_get_n_items (ad_session_get_interactions (session)) == 0);
      g_object_unref (call);

      {
        GAsyncResult *ready = NULL;
        g_autoptr(GAsyncResult) done = NULL;

        ad_session_ready_async (session, NULL, client_test_store_result, &ready);
        done = client_test_wait_result (&ready);
        g_assert_true (ad_session_finish (session, done, NULL));
      }
    }
}

typedef struct {
  AdSession *session;
  JsonParser *parser;
  guint64 events;
  guint64 notifies;
  char *sample;   /* one full TALKING InteractionEvent, for the memory figure */
} Replay;

static void
on_model_event (const AdSseEvent *event,
                gpointer          user_data)
{
  Replay *replay = user_data;

  if (ad_session_apply_event (replay->session, event->type, event->data))
    replay->events++;
}

static void
on_json_event (const AdSseEvent *event,
               gpointer          user_data)
{
  Replay *replay = user_data;

  if (json_parser_load_from_data (replay->parser, event->data, -1, NULL) &&
      (g_str_equal (event->type, "InteractionEvent") || g_str_equal (event->type, "AgentEvent")))
    replay->events++;
}

static void
on_sse_event (const AdSseEvent *event,
              gpointer          user_data)
{
  Replay *replay = user_data;

  replay->events++;
  if (replay->sample == NULL && strstr (event->data, "\"TALKING\"") != NULL &&
      strstr (event->data, "ticket-42") != NULL)
    replay->sample = g_strdup (event->data);
}

static void
on_any_notify (GObject    *object,
               GParamSpec *pspec,
               Replay     *replay)
{
  replay->notifies++;
}

static void
on_interaction_added (AdSession     *session,
                      AdInteraction *interaction,
                      Replay        *replay)
{
  /* As a bound widget would: every notify is seen by someone. */
  g_signal_connect (interaction, "notify", G_CALLBACK (on_any_notify), replay);
}

/* Events per second of @func over N_REPLAYS passes of @stream. */
static double
replay_rate (GString        *stream,
             AdSseEventFunc  func,
             Replay         *replay)
{
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  replay->events = 0;
  for (guint pass = 0; pass < N_REPLAYS; pass++)
    {
      g_autoptr(AdSseParser) parser = ad_sse_parser_new (func, NULL, replay);

      for (gsize at = 0; at < stream->len; at += CHUNK)
        ad_sse_parser_feed (parser, stream->str + at, MIN (CHUNK, stream->len - at));
    }
  elapsed = g_get_monotonic_time () - start;
  return replay->events / (elapsed / (double) G_USEC_PER_SEC);
}

static gsize
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

static char *
with_id (const char *sample,
         const char *old_id,
         const char *new_id)
{
  g_auto(GStrv) pieces = g_strsplit (sample, old_id, -1);

  return g_strjoinv (new_id, pieces);
}

static double
bytes_per_interaction (AdSession  *session,
                       const char *sample)
{
  g_autoptr(JsonNode) node = json_from_string (sample, NULL);
  const char *sample_id = json_object_get_string_member (json_node_get_object (node), "interactionId");
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  gsize before, after;

  for (guint i = 0; i < N_INTERACTIONS; i++)
    {
      g_autofree char *id = g_strdup_printf ("bench-%08u-0000-0000-0000-000000000000", i);

      g_ptr_array_add (events, with_id (sample, sample_id, id));
    }

  malloc_trim (0);
  before = heap_in_use ();
  for (guint i = 0; i < events->len; i++)
    ad_session_apply_event (session, "InteractionEvent", g_ptr_array_index (events, i));
  after = heap_in_use ();
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (session)), ==, N_INTERACTIONS);

  return (double) (after - before) / N_INTERACTIONS;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
round_trips (AdSession *session,
             gint64    *samples)
{
  g_autofree char *call_id = client_test_sim_inbound (session, NULL, "1002", "+15551230000");
  AdInteraction *call = client_test_wait_interaction (session, 1);

  client_test_wait_status (call, AD_INTERACTION_STATUS_RINGING);
  run_action (call, ad_interaction_answer_async);
  client_test_wait_status (call, AD_INTERACTION_STATUS_TALKING);

  for (guint i = 0; i < N_ROUND_TRIPS; i++)
    {
      gboolean hold = i % 2 == 0;
      AdInteractionStatus target = hold ? AD_INTERACTION_STATUS_HELD : AD_INTERACTION_STATUS_TALKING;
      GAsyncResult *slot = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      gint64 start = g_get_monotonic_time ();

      if (hold)
        ad_interaction_hold_async (call, NULL, client_test_store_result, &slot);
      else
        ad_interaction_retrieve_async (call, NULL, client_test_store_result, &slot);
      while (ad_interaction_get_status (call) != target)
        g_main_context_iteration (NULL, TRUE);
      samples[i] = g_get_monotonic_time () - start;

      result = client_test_wait_result (&slot);
      client_test_expect_accepted (call, result);
    }
}

int
main (int   argc,
      char *argv[])
{
  AdSwitchOptions options;
  ClientTestSwitch *ts;
  g_autoptr(AdSession) agent1 = NULL;
  g_autoptr(AdSession) agent2 = NULL;
  g_autoptr(AdClient) recording_client = NULL;
  Recorder recorder = { 0 };
  Replay replay = { 0 };
  g_autoptr(AdSession) replayer = NULL;
  double sse_rate, json_rate, model_rate;
  gint64 samples[N_ROUND_TRIPS];
  double per_interaction;

  g_log_set_writer_func (g_log_writer_default, NULL, NULL);
  client_test_switch_options_init (&options, AD_SWITCH_PROFILE_FULL);
  ts = client_test_switch_new (&options);

  /* 1. Record agent1's stream while it works through its calls. */
  recording_client = ad_client_new (ts->base_url);
  start_recording (ts, recording_client, &recorder);
  agent1 = client_test_session_new (ts, "agent1", "place1001", TRUE);
  drive_calls (agent1);
  client_test_spin (200);
  g_cancellable_cancel (recorder.cancellable);

  /* Replay it into a session of agent1's own (its stream idle meanwhile). */
  replayer = client_test_session_new (ts, "agent1", NULL, FALSE);
  replay.session = replayer;
  replay.parser = json_parser_new_immutable ();
  g_signal_connect (replayer, "interaction-added", G_CALLBACK (on_interaction_added), &replay);

  sse_rate = replay_rate (recorder.bytes, on_sse_event, &replay);
  printf ("recorded stream: %" G_GSIZE_FORMAT " bytes, %" G_GUINT64_FORMAT " events (%u calls)\n",
          recorder.bytes->len, replay.events / N_REPLAYS, N_CALLS);

  /* Interleaved rounds, the best of each: a shared machine's noise hits
   * both alike. */
  json_rate = model_rate = 0;
  for (guint round = 0; round < N_ROUNDS; round++)
    {
      json_rate = MAX (json_rate, replay_rate (recorder.bytes, on_json_event, &replay));
      replay.notifies = 0;
      model_rate = MAX (model_rate, replay_rate (recorder.bytes, on_model_event, &replay));
    }
  printf ("SSE parse only:           %10.0f events/s\n", sse_rate);
  printf ("SSE + json-glib parse:    %10.0f events/s\n", json_rate);
  printf ("SSE + JSON + model apply: %10.0f events/s (%.1f notify per event)\n",
          model_rate, (double) replay.notifies / replay.events);
  printf ("model overhead: %.2fx the json-glib parse alone\n", json_rate / model_rate);
  g_assert_cmpuint (g_list_model_get_n_items (ad_session_get_interactions (replayer)), ==, 0);

  /* 2. Memory: N_INTERACTIONS talking calls with parties and data. */
  g_assert_nonnull (replay.sample);
  per_interaction = bytes_per_interaction (replayer, replay.sample);
  printf ("heap per interaction: %.0f bytes (%u interactions)\n", per_interaction, N_INTERACTIONS);
  g_clear_object (&replayer);

  /* 3. Round trip: hold / retrieve until the model shows the new status. */
  agent2 = client_test_session_new (ts, "agent2", "place1002", TRUE);
  round_trips (agent2, samples);
  qsort (samples, N_ROUND_TRIPS, sizeof samples[0], compare_gint64);
  printf ("action → model status round trip over loopback (%u): p50 %.2f ms, p99 %.2f ms\n",
          N_ROUND_TRIPS, samples[N_ROUND_TRIPS / 2] / 1000.0,
          samples[N_ROUND_TRIPS * 99 / 100] / 1000.0);

  g_clear_object (&agent1);
  g_clear_object (&agent2);
  g_clear_object (&recorder.stream);
  g_clear_object (&recorder.cancellable);
  g_string_free (recorder.bytes, TRUE);
  g_clear_object (&replay.parser);
  g_free (replay.sample);
  client_test_switch_free (ts);
  return 0;
}
