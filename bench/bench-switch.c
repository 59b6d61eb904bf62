/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "BenchSwitch"

#include "config.h"

#include "ad-auth.h"
#include "switch-test-util.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

/* Figures of agentdesk-switch, run as its own process and driven over
 * real HTTP + SSE:
 *   1. full inbound cycles per second (sim inbound → routed → answer →
 *      release → mark done) with N agents, every event checked to arrive
 *      on its agent's stream, in order and without gaps;
 *   2. events per second delivered to S concurrent SSE subscribers;
 *   3. the switch's peak RSS.
 * Usage: bench-switch [--agents N] [--seconds S] [--subscribers S]
 *                     [--events E] [--switch PATH] */

typedef struct _Bench Bench;

typedef struct {
  Bench        *bench;
  char         *agent_id;
  char         *token;
  AdTestStream *stream;
  guint64       last_id;
} Agent;

struct _Bench {
  AdTestSwitch *ts;
  char         *supervisor;
  GPtrArray    *agents;
  gboolean      running;
  guint         in_flight;   /* requests sent, not answered */
  guint64       calls_done;
  guint64       events;
  guint64       lost;        /* gaps in event ids, or ResyncRequired */
  guint64       failures;    /* refused requests */
  /* Fan-out */
  guint64       delivered;
  guint64       expected;
};

typedef struct {
  Bench *bench;
  guint  expected_status;
} Pending;

static void
on_request_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Pending *pending = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              &error);

  pending->bench->in_flight--;
  if (body == NULL || soup_message_get_status (msg) != pending->expected_status)
    {
      pending->bench->failures++;
      g_warning ("%s %s: %u %s", soup_message_get_method (msg),
                 g_uri_get_path (soup_message_get_uri (msg)), soup_message_get_status (msg),
                 error != NULL ? error->message
                               : body != NULL ? (const char *) g_bytes_get_data (body, NULL) : "");
    }
  g_free (pending);
}

/* Sends without waiting for the answer. */
static void
send_async (Bench      *bench,
            const char *method,
            const char *path,
            const char *token,
            const char *body,
            guint       expected_status)
{
  g_autofree char *uri = g_strconcat (bench->ts->base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  Pending *pending = g_new0 (Pending, 1);

  pending->bench = bench;
  pending->expected_status = expected_status;
  soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Authorization", authorization);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  bench->in_flight++;
  soup_session_send_and_read_async (bench->ts->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    on_request_done, pending);
}

static void
inject_call (Bench *bench)
{
  send_async (bench, "POST", "/api/v1/sim/inbound", bench->supervisor,
              "{\"ani\": \"+15551230000\", \"dnis\": \"8000\", \"queue\": \"sales\"}", 201);
}

static void
act (Agent      *agent,
     const char *id,
     const char *action,
     const char *body)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/voice/interactions/%s/%s", id, action);

  send_async (agent->bench, "POST", path, agent->token, body, 202);
}

static gboolean
check_sequence (guint64     *last_id,
                AdTestEvent *event)
{
  gboolean in_order = event->id == *last_id + 1 && g_strcmp0 (event->name, "ResyncRequired") != 0;

  *last_id = event->id;
  return in_order;
}

/* Each agent works its calls from its own event stream. */
static void
on_agent_event (AdTestStream *stream,
                AdTestEvent  *event,
                gpointer      user_data)
{
  Agent *agent = user_data;
  Bench *bench = agent->bench;
  const char *id, *status, *reason;

  bench->events++;
  if (!check_sequence (&agent->last_id, event))
    bench->lost++;

  if (g_strcmp0 (event->name, "InteractionEvent") != 0)
    return;

  id = ad_test_event_interaction_id (event);
  status = ad_test_event_attribute (event, "interaction:status");
  reason = ad_test_event_attribute (event, "interaction:eventReason");

  if (g_strcmp0 (reason, "REMOVED") == 0)
    {
      bench->calls_done++;
      if (bench->running)
        inject_call (bench);
    }
  else if (g_strcmp0 (reason, "STATUS_CHANGED") != 0)
    return;
  else if (g_strcmp0 (status, "RINGING") == 0)
    act (agent, id, "answer-call", NULL);
  else if (g_strcmp0 (status, "TALKING") == 0)
    act (agent, id, "release-call", NULL);
  else if (g_strcmp0 (status, "IDLE") == 0)
    act (agent, id, "mark-done", "{\"disposition\": \"RESOLVED\"}");
}

static void
on_fanout_event (AdTestStream *stream,
                 AdTestEvent  *event,
                 gpointer      user_data)
{
  Agent *subscriber = user_data;

  if (g_strcmp0 (event->name, "AgentEvent") == 0)
    subscriber->bench->delivered++;
  if (!check_sequence (&subscriber->last_id, event))
    subscriber->bench->lost++;
}

/* A contact center of @n agents, each on its own place, all in "sales";
 * passwords hashed with few iterations to keep the set-up short. */
static char *
write_config (guint n)
{
  g_autofree char *hash = ad_auth_hash_password ("bench", 1000);
  g_autoptr(GString) json = g_string_new ("{\"afterCallWork\": false, \"places\": [");
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd;

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (json, "%s{\"placeId\": \"p%u\", \"dns\": [{\"dnId\": \"d%u\", "
                            "\"number\": \"%u\"}]}", i > 1 ? ", " : "", i, i, 20000 + i);
  g_string_append (json, "], \"queues\": [{\"name\": \"sales\", \"routePoint\": \"8000\"}], "
                         "\"agents\": [");
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (json, "%s{\"agentId\": \"a%u\", \"name\": \"Agent %u\", "
                            "\"defaultPlace\": \"p%u\", \"queues\": [\"sales\"], "
                            "\"password\": \"%s\"}", i > 1 ? ", " : "", i, i, i, hash);
  g_string_append_printf (json, "], \"supervisors\": [{\"username\": \"boss\", "
                          "\"password\": \"%s\"}]}", hash);

  fd = g_file_open_tmp ("bench-switch-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);
  return path;
}

static GSubprocess *
start_switch (const char  *binary,
              const char  *config,
              char       **base_url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GSubprocess *process;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, binary,
                              "--listen", "127.0.0.1:0", "--config", config,
                              "--max-subscriptions", "8192",
                              "--login-failures-per-minute", "0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (line != NULL && g_str_has_prefix (line, "listening on "));
  *base_url = g_strdup (line + strlen ("listening on "));
  return process;
}

/* VmHWM of a process, in KiB. */
static guint64
peak_rss_kib (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

static void
agent_free (Agent *agent)
{
  g_clear_pointer (&agent->stream, ad_test_stream_free);
  g_free (agent->agent_id);
  g_free (agent->token);
  g_free (agent);
}

static void
wait_idle (Bench *bench)
{
  while (bench->in_flight > 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
bench_calls (Bench *bench,
             guint  n_agents,
             guint  seconds)
{
  gint64 start, elapsed;
  guint64 done_at_start;

  bench->agents = g_ptr_array_new_with_free_func ((GDestroyNotify) agent_free);
  for (guint i = 1; i <= n_agents; i++)
    {
      Agent *agent = g_new0 (Agent, 1);
      g_autofree char *place = g_strdup_printf ("p%u", i);
      g_autofree char *sub = NULL;

      agent->bench = bench;
      agent->agent_id = g_strdup_printf ("a%u", i);
      agent->token = ad_test_switch_login (bench->ts, agent->agent_id, "bench");
      {
        g_autofree char *login = g_strdup_printf ("/api/v1/agents/%s/login", agent->agent_id);
        g_autofree char *ready = g_strdup_printf ("/api/v1/agents/%s/ready", agent->agent_id);
        g_autoptr(JsonObject) a = NULL;
        g_autoptr(JsonObject) b = NULL;

        a = ad_test_switch_expect (bench->ts, 200, "POST", login, agent->token,
                                   "{\"placeId\": \"%s\"}", place);
        b = ad_test_switch_expect (bench->ts, 200, "POST", ready, agent->token, NULL);
      }
      sub = ad_test_switch_subscribe_agent (bench->ts, agent->token, agent->agent_id);
      agent->stream = ad_test_stream_open (bench->ts, sub, agent->token, NULL);
      ad_test_stream_set_event_func (agent->stream, on_agent_event, agent);
      g_ptr_array_add (bench->agents, agent);
    }

  /* One call per agent in flight; each one done brings the next. */
  bench->running = TRUE;
  done_at_start = bench->calls_done;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_agents; i++)
    inject_call (bench);

  while (g_get_monotonic_time () - start < (gint64) seconds * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - start;
  bench->running = FALSE;

  g_print ("inbound cycles: %" G_GUINT64_FORMAT " in %.1f s with %u agents: %.0f calls/s\n",
           bench->calls_done - done_at_start, elapsed / 1e6, n_agents,
           (bench->calls_done - done_at_start) / (elapsed / 1e6));
  g_print ("events on the agents' streams: %" G_GUINT64_FORMAT " (%.0f/s), lost or out of order: %"
           G_GUINT64_FORMAT ", refused requests: %" G_GUINT64_FORMAT "\n",
           bench->events, bench->events / (elapsed / 1e6), bench->lost, bench->failures);

  /* Let the calls in progress finish before the next part. */
  {
    gint64 drain = g_get_monotonic_time ();

    while (g_get_monotonic_time () - drain < 2 * G_USEC_PER_SEC)
      g_main_context_iteration (NULL, FALSE);
  }
  wait_idle (bench);
  g_clear_pointer (&bench->agents, g_ptr_array_unref);
}

static void
bench_fanout (Bench *bench,
              guint  n_subscribers,
              guint  n_events,
              guint  n_agents)
{
  const char *all = "{\"topicsServices\": [{\"serviceName\": \"AgentService\", "
                    "\"topicsEvents\": [{\"eventName\": \"AgentEvent\", "
                    "\"attributes\": [\"agent:status\"], "
                    "\"triggers\": [{\"key\": \"ALL\"}]}]}]}";
  g_autoptr(GPtrArray) subscribers = g_ptr_array_new_with_free_func ((GDestroyNotify) agent_free);
  g_autofree char *token = NULL;
  gint64 start, elapsed;
  guint sent = 0;

  for (guint i = 0; i < n_subscribers; i++)
    {
      Agent *subscriber = g_new0 (Agent, 1);
      g_autofree char *sub = NULL;

      /* A token holds at most 256 subscriptions. */
      if (i % 200 == 0)
        {
          g_free (token);
          token = ad_test_switch_login (bench->ts, "boss", "bench");
        }
      subscriber->bench = bench;
      subscriber->token = g_strdup (token);
      sub = ad_test_switch_subscribe (bench->ts, token, all);
      subscriber->stream = ad_test_stream_open (bench->ts, sub, token, NULL);
      ad_test_stream_set_event_func (subscriber->stream, on_fanout_event, subscriber);
      g_ptr_array_add (subscribers, subscriber);
    }

  /* Every agent state change is one AgentEvent to every subscriber. */
  bench->delivered = 0;
  bench->lost = 0;
  bench->expected = (guint64) n_events * n_subscribers;
  start = g_get_monotonic_time ();
  while (bench->delivered < bench->expected)
    {
      while (sent < n_events && bench->in_flight < 8)
        {
          guint agent = sent % n_agents + 1;
          g_autofree char *path = g_strdup_printf ("/api/v1/agents/a%u/%s", agent,
                                                   (sent / n_agents) % 2 == 0 ? "not-ready"
                                                                              : "ready");

          send_async (bench, "POST", path, bench->supervisor, NULL, 200);
          sent++;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  elapsed = g_get_monotonic_time () - start;

  g_print ("fan-out: %u events to %u streams: %" G_GUINT64_FORMAT " deliveries in %.2f s: "
           "%.0f events/s delivered, lost or out of order: %" G_GUINT64_FORMAT "\n",
           n_events, n_subscribers, bench->delivered, elapsed / 1e6,
           bench->delivered / (elapsed / 1e6), bench->lost);
  wait_idle (bench);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— agentdesk-switch figures");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *config = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *binary = NULL;
  int n_agents = 100, seconds = 10, n_subscribers = 1000, n_events = 200;
  Bench bench = { 0 };
  struct rlimit limit;
  GOptionEntry entries[] = {
    { "agents", 0, 0, G_OPTION_ARG_INT, &n_agents, "Agents working calls (100)", "N" },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "How long to run calls (10)", "S" },
    { "subscribers", 0, 0, G_OPTION_ARG_INT, &n_subscribers, "SSE subscribers (1000)", "N" },
    { "events", 0, 0, G_OPTION_ARG_INT, &n_events, "Events to fan out (200)", "N" },
    { "switch", 0, 0, G_OPTION_ARG_FILENAME, &binary, "The agentdesk-switch to run", "PATH" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  /* Every stream is a connection. */
  if (getrlimit (RLIMIT_NOFILE, &limit) == 0)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
    }

  config = write_config (n_agents);
  process = start_switch (binary != NULL ? binary : AGENTDESK_SWITCH_PATH, config, &base_url);
  bench.ts = ad_test_switch_new_for_url (base_url);
  bench.supervisor = ad_test_switch_login (bench.ts, "boss", "bench");

  bench_calls (&bench, n_agents, seconds);
  bench_fanout (&bench, n_subscribers, n_events, n_agents);

  g_print ("switch peak RSS: %" G_GUINT64_FORMAT " KiB; this client's: %" G_GUINT64_FORMAT " KiB\n",
           peak_rss_kib (g_subprocess_get_identifier (process)), peak_rss_kib ("self"));

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  ad_test_switch_free (bench.ts);
  g_free (bench.supervisor);
  g_unlink (config);
  return bench.lost == 0 && bench.failures == 0 ? 0 : 1;
}
