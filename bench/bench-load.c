/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdBenchLoad"

#include "config.h"

#include "ad-auth.h"
#include "ad-common.h"
#include "ad-json.h"
#include "ad-sse-parser.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

/* Load on one switch: N agents, each its own session (sign in, log in on
 * its place, subscribe, an SSE stream, READY), through full inbound call
 * cycles over real HTTP + SSE for a fixed time. The switch is the
 * agentdesk-switch binary in its own process, with a generated center of
 * N agents in one queue; a caller keeps one call per agent coming. Every
 * RINGING is answered, every TALKING released, every IDLE marked done.
 *
 * The agents are shared out among worker threads, each with its own main
 * context: one context holding every agent's connections spends its time
 * walking thousands of sources on every iteration, and the bench, not the
 * switch, becomes the bottleneck. The threads run niced so that together
 * they weigh about as much as one thread, not taking the switch's CPU on
 * a machine with few cores. The caller (the supervisor placing the calls)
 * and the clock stay on the main thread.
 *
 * Figures: call cycles per second; action-to-event latency (a request
 * sent → the event showing its outcome on the agent's stream), p50 and
 * p99; events lost (each stream's ids must rise by one, and no
 * ResyncRequired); failed and retried requests; the switch's open files
 * and its RSS sampled every second, with the slope of the RSS after a
 * warm-up: it must stay flat.
 *
 *   bench-load [--agents N] [--seconds S] [--threads T] [--switch PATH]
 *              [--reuse-connections]
 *
 * The accounts' passwords are hashed with 1,000 PBKDF2 iterations, so
 * signing 5,000 agents in measures the switch, not the KDF. */

#define QUEUE_NAME     "load"
#define ROUTE_POINT    "8000"
#define PASSWORD       "load"
#define SETUP_PARALLEL 32
#define CALLER_CONNECTIONS 256
#define AGENT_CONNECTIONS  2    /* libsoup's own default per host */

/* A main context walks all its sources on every iteration, two or so per
 * agent, and every event wakes one: the fewer agents a thread has, the
 * less each event costs, even with more threads than processors. */
#define AGENTS_PER_THREAD  100

/* Below this growth of the fitted line, RSS counts as flat: a leak of a
 * few hundred bytes per call cycle shows well above it within a minute,
 * the allocator's own ups and downs stay below it. */
#define RSS_FLAT_PERCENT_PER_MINUTE 1.0

typedef enum {
  PHASE_IDLE,       /* READY, waiting for a call */
  PHASE_ANSWERING,
  PHASE_RELEASING,
  PHASE_MARKING,
} Phase;

typedef struct _Bench Bench;
typedef struct _Worker Worker;

/* What one thread counts, touched by that thread only and added up once
 * the threads are done. */
typedef struct {
  guint64       events;
  guint64       events_lost;
  guint64       resyncs;
  guint64       errors;
  guint64       retries;
  GArray       *latencies_ms;   /* double */
} Stats;

typedef struct {
  Bench        *bench;
  Worker       *worker;       /* the thread its session lives on */
  char         *agent_id;
  char         *place_id;
  SoupSession  *session;      /* its own, as a desktop has */
  char         *token;
  char         *subscription_id;
  AdSseParser  *parser;
  GInputStream *stream;
  guint8        buffer[16384];
  guint64       last_event_id;
  Phase         phase;
  char         *interaction_id;
  gint64        action_sent_us;
} Agent;

/* A thread and the agents it looks after. */
struct _Worker
{
  Bench        *bench;
  GThread      *thread;       /* NULL for the caller's, the main thread */
  GMainContext *context;
  GMainLoop    *loop;
  Agent        *agents;       /* a slice of the bench's */
  guint         n_agents;
  guint         setup_parallel;
  guint         setup_next;
  guint         setup_pending;
  Stats         stats;
};

struct _Bench
{
  guint         n_agents;
  guint         seconds;
  guint         n_threads;
  gboolean      reuse_connections;
  char         *base_url;
  char         *dir;          /* the center's configuration and history */
  GSubprocess  *process;
  Agent        *agents;
  Worker       *workers;      /* n_threads of them */
  Worker        caller;       /* the main thread: the supervisor and the clock */
  Agent         supervisor;   /* the caller, and the switch's view at the end */

  /* Shared by the threads, only ever through g_atomic_int_*(). */
  gint          running;
  gint          calls_done;
  gint          n_ready;
  gint          errors_printed;
  gint          retries_printed;

  /* The main thread's own. */
  guint         workers_set_up;
  gint64        setup_start_us;
  gint64        start_us;
  guint64       calls_placed;   /* sent to the switch */
  guint         calls_unsent;   /* still in the bench */
  guint         calls_in_flight;
  GArray       *rss_kb;         /* guint64, one per second */
  GArray       *rss_at_s;       /* double, when each was taken */
  guint         fds_peak;
};

typedef void (*ReplyFunc) (Agent      *agent,
                           guint       status,
                           JsonObject *body);

typedef struct {
  Agent       *agent;         /* whose token, session and thread */
  ReplyFunc    func;
  SoupMessage *msg;
  char        *method;
  char        *path;
  char        *body;
  char        *request_id;    /* X-Request-Id, the same on every attempt */
  guint        attempts;
} Request;

static void begin_setup (Worker *worker);
static void place_call (Bench *bench);

/* Requests */

static void on_reply (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data);

static void
request_free (Request *request)
{
  g_clear_object (&request->msg);
  g_free (request->method);
  g_free (request->path);
  g_free (request->body);
  g_free (request->request_id);
  g_free (request);
}

static void
request_send (Request *request)
{
  Agent *agent = request->agent;
  g_autofree char *uri = g_strconcat (agent->bench->base_url, "/api/v1/", request->path, NULL);
  SoupMessageHeaders *headers;

  g_clear_object (&request->msg);
  request->msg = soup_message_new (request->method, uri);
  headers = soup_message_get_request_headers (request->msg);
  /* libsoup sends a POST on a new connection unless told it may be
   * repeated (and closes the idle one): as the desktop does, unless
   * --reuse-connections. */
  if (agent->bench->reuse_connections)
    soup_message_add_flags (request->msg, SOUP_MESSAGE_IDEMPOTENT);
  request->attempts++;
  if (request->request_id != NULL)
    soup_message_headers_replace (headers, "X-Request-Id", request->request_id);
  if (agent->token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", agent->token);

      soup_message_headers_replace (headers, "Authorization", auth);
    }
  if (request->body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (request->body, strlen (request->body));

      soup_message_set_request_body_from_bytes (request->msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (agent->session, request->msg, G_PRIORITY_DEFAULT,
                                    NULL, on_reply, request);
}

static gboolean
on_retry (gpointer user_data)
{
  request_send (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_reply (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Request *request = user_data;
  Worker *worker = request->agent->worker;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                               &error);
  g_autoptr(JsonObject) body = NULL;
  guint status = soup_message_get_status (request->msg);

  /* No answer at all: a connection the switch reset (its listen backlog
   * overflows when many connections open at once) or closed as idle just
   * as the request went out. A client tries again, with the same request
   * id, on the thread the agent's session lives on (g_timeout_add() would
   * run it on the main thread's). */
  if (bytes == NULL && request->attempts < 10)
    {
      g_autoptr(GSource) retry = g_timeout_source_new (20 * request->attempts);

      worker->stats.retries++;
      if (g_atomic_int_add (&worker->bench->retries_printed, 1) < 5)
        g_printerr ("%s /api/v1/%s, attempt %u: %s; trying again\n", request->method,
                    request->path, request->attempts, error->message);
      g_source_set_callback (retry, on_retry, request, NULL);
      g_source_attach (retry, worker->context);
      return;
    }

  if (bytes != NULL && g_bytes_get_size (bytes) > 0)
    body = ad_json_parse_object (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
  if (status >= 400 || bytes == NULL)
    {
      worker->stats.errors++;
      if (g_atomic_int_add (&worker->bench->errors_printed, 1) < 5)
        g_printerr ("%s /api/v1/%s: %u %.*s\n", request->method, request->path, status,
                    bytes != NULL ? (int) MIN (g_bytes_get_size (bytes), 200) : -1,
                    bytes != NULL ? (const char *) g_bytes_get_data (bytes, NULL)
                                  : error->message);
    }
  if (request->func != NULL)
    request->func (request->agent, status, body);

  request_free (request);
}

static void
send_request (Agent      *agent,
              const char *method,
              const char *path,
              const char *body,
              ReplyFunc   func)
{
  Request *request = g_new0 (Request, 1);

  request->agent = agent;
  request->func = func;
  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->body = g_strdup (body);
  /* A request libsoup may send again on a fresh connection (when the
   * kept-alive one turns out closed) names itself, so that the switch
   * answers a repeat from memory instead of acting twice. */
  if (agent->bench->reuse_connections && strcmp (method, SOUP_METHOD_GET) != 0)
    request->request_id = g_uuid_string_random ();
  request_send (request);
}

static void
action (Agent      *agent,
        const char *what,
        const char *body,
        Phase       next)
{
  g_autofree char *path = g_strdup_printf ("voice/interactions/%s/%s", agent->interaction_id,
                                           what);

  agent->phase = next;
  agent->action_sent_us = g_get_monotonic_time ();
  send_request (agent, "POST", path, body, NULL);
}

static void
record_latency (Agent *agent)
{
  double ms = (g_get_monotonic_time () - agent->action_sent_us) / 1000.0;

  g_array_append_val (agent->worker->stats.latencies_ms, ms);
}

/* The caller's side of a finished call: the next one, placed from the
 * main thread. */
static gboolean
on_call_wanted (gpointer user_data)
{
  Bench *bench = user_data;

  if (g_atomic_int_get (&bench->running))
    place_call (bench);
  return G_SOURCE_REMOVE;
}

/* Events */

static void
on_interaction_event (Agent      *agent,
                      JsonObject *data)
{
  Bench *bench = agent->bench;
  JsonObject *attributes = NULL;
  const char *id = ad_json_string_or_null (data, "interactionId");
  AdInteractionStatus status;

  if (!ad_json_get_object (data, "attributes", FALSE, &attributes, NULL) || attributes == NULL)
    return;
  status = ad_interaction_status_from_string (ad_json_string_or_null (attributes,
                                                                      "interaction:status"));

  if (status == AD_INTERACTION_STATUS_RINGING && agent->phase == PHASE_IDLE)
    {
      g_free (agent->interaction_id);
      agent->interaction_id = g_strdup (id);
      action (agent, "answer-call", "{}", PHASE_ANSWERING);
      return;
    }
  if (g_strcmp0 (id, agent->interaction_id) != 0)
    return;

  if (status == AD_INTERACTION_STATUS_TALKING && agent->phase == PHASE_ANSWERING)
    {
      record_latency (agent);
      action (agent, "release-call", "{}", PHASE_RELEASING);
    }
  else if (status == AD_INTERACTION_STATUS_IDLE && agent->phase == PHASE_RELEASING)
    {
      record_latency (agent);
      action (agent, "mark-done", "{\"disposition\": \"RESOLVED\"}", PHASE_MARKING);
    }
  else if (status == AD_INTERACTION_STATUS_MARKED_DONE && agent->phase == PHASE_MARKING)
    {
      record_latency (agent);
      agent->phase = PHASE_IDLE;
      g_clear_pointer (&agent->interaction_id, g_free);
      g_atomic_int_inc (&bench->calls_done);
      if (g_atomic_int_get (&bench->running))
        g_main_context_invoke (bench->caller.context, on_call_wanted, bench);
    }
}

static void
on_sse_event (const AdSseEvent *event,
              gpointer          user_data)
{
  Agent *agent = user_data;
  Stats *stats = &agent->worker->stats;
  g_autoptr(JsonObject) data = NULL;
  guint64 id = event->id != NULL ? g_ascii_strtoull (event->id, NULL, 10) : 0;

  stats->events++;
  if (g_strcmp0 (event->type, "ResyncRequired") == 0)
    {
      stats->resyncs++;
      return;
    }
  if (id != 0)
    {
      if (agent->last_event_id != 0 && id != agent->last_event_id + 1)
        stats->events_lost += id > agent->last_event_id ? id - agent->last_event_id - 1 : 1;
      agent->last_event_id = id;
    }

  data = ad_json_parse_object (event->data, -1, NULL);
  if (data != NULL && g_strcmp0 (event->type, "InteractionEvent") == 0)
    on_interaction_event (agent, data);
}

static void
on_stream_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Agent *agent = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);

  if (n <= 0)
    {
      /* A stream that ends during the run is a fault of the switch. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          g_atomic_int_get (&agent->bench->running))
        {
          g_printerr ("%s: the event stream ended: %s\n", agent->agent_id,
                      error != NULL ? error->message : "end of stream");
          agent->worker->stats.errors++;
        }
      return;
    }

  ad_sse_parser_feed (agent->parser, (const char *) agent->buffer, n);
  g_input_stream_read_async (agent->stream, agent->buffer, sizeof agent->buffer,
                             G_PRIORITY_DEFAULT, NULL, on_stream_read, agent);
}

/* Setup: sign in → log in → subscribe → stream → ready, on the agent's
 * thread. */

static void
setup_done (Agent *agent)
{
  agent->worker->setup_pending--;
  begin_setup (agent->worker);
}

static void
on_ready (Agent      *agent,
          guint       status,
          JsonObject *body)
{
  if (status == 200)
    {
      Bench *bench = agent->bench;
      guint n_ready = g_atomic_int_add (&bench->n_ready, 1) + 1;

      if (n_ready % 1000 == 0)
        {
          printf ("  %u agents READY after %.1f s\n", n_ready,
                  (g_get_monotonic_time () - bench->setup_start_us) / 1e6);
          fflush (stdout);
        }
    }
  setup_done (agent);
}

static void
on_stream_opened (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Agent *agent = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("agents/%s/ready", agent->agent_id);

  agent->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (agent->stream == NULL)
    {
      g_printerr ("%s: no event stream: %s\n", agent->agent_id, error->message);
      agent->worker->stats.errors++;
      setup_done (agent);
      return;
    }

  agent->parser = ad_sse_parser_new (on_sse_event, NULL, agent);
  g_input_stream_read_async (agent->stream, agent->buffer, sizeof agent->buffer,
                             G_PRIORITY_DEFAULT, NULL, on_stream_read, agent);
  send_request (agent, "POST", path, "{}", on_ready);
}

static void
on_subscribed (Agent      *agent,
               guint       status,
               JsonObject *body)
{
  g_autofree char *uri = NULL;
  g_autofree char *auth = NULL;
  SoupMessage *msg;

  if (status != 201)
    {
      setup_done (agent);
      return;
    }

  agent->subscription_id = g_strdup (ad_json_string_or_null (body, "subscriptionId"));
  uri = g_strdup_printf ("%s/api/v1/events/subscriptions/%s/stream", agent->bench->base_url,
                         agent->subscription_id);
  auth = g_strdup_printf ("Bearer %s", agent->token);
  msg = soup_message_new ("GET", uri);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_session_send_async (agent->session, msg, G_PRIORITY_DEFAULT, NULL,
                           on_stream_opened, agent);
  g_object_unref (msg);
}

static void
on_logged_in (Agent      *agent,
              guint       status,
              JsonObject *body)
{
  g_autofree char *topics = NULL;

  if (status != 200)
    {
      setup_done (agent);
      return;
    }

  topics = g_strdup_printf (
    "{\"topicsServices\": [{\"serviceName\": \"InteractionService\", \"topicsEvents\": "
    "[{\"eventName\": \"InteractionEvent\", \"triggers\": [{\"key\": \"AGENT\", \"value\": "
    "\"%s\"}]}]}, {\"serviceName\": \"AgentService\", \"topicsEvents\": [{\"eventName\": "
    "\"AgentEvent\", \"triggers\": [{\"key\": \"AGENT\", \"value\": \"%s\"}]}]}]}",
    agent->agent_id, agent->agent_id);
  send_request (agent, "POST", "events/subscriptions", topics, on_subscribed);
}

static void
on_signed_in (Agent      *agent,
              guint       status,
              JsonObject *body)
{
  g_autofree char *path = g_strdup_printf ("agents/%s/login", agent->agent_id);
  g_autofree char *place = g_strdup_printf ("{\"placeId\": \"%s\"}", agent->place_id);

  if (status != 201)
    {
      setup_done (agent);
      return;
    }

  agent->token = g_strdup (ad_json_string_or_null (body, "token"));
  send_request (agent, "POST", path, place, on_logged_in);
}

/* On the main thread: one more worker has all its agents set up. */
static gboolean
on_worker_set_up (gpointer user_data)
{
  Bench *bench = user_data;

  if (++bench->workers_set_up == bench->n_threads)
    g_main_loop_quit (bench->caller.loop);
  return G_SOURCE_REMOVE;
}

/* Signs the worker's agents in, a share of SETUP_PARALLEL at a time. */
static void
begin_setup (Worker *worker)
{
  while (worker->setup_next < worker->n_agents && worker->setup_pending < worker->setup_parallel)
    {
      Agent *agent = &worker->agents[worker->setup_next++];
      g_autofree char *body = g_strdup_printf ("{\"username\": \"%s\", \"password\": \"" PASSWORD
                                               "\"}", agent->agent_id);

      worker->setup_pending++;
      send_request (agent, "POST", "session", body, on_signed_in);
    }
  if (worker->setup_next == worker->n_agents && worker->setup_pending == 0)
    g_main_context_invoke (worker->bench->caller.context, on_worker_set_up, worker->bench);
}

/* Every session of the bench: without a proxy resolver, which would look
 * each new connection to the switch up in a thread of its own (the
 * libproxy module does), a cost of the bench's, not of the switch's. */
static SoupSession *
session_new (guint max_conns)
{
  return soup_session_new_with_options ("proxy-resolver", NULL,
                                        "max-conns", max_conns,
                                        "max-conns-per-host", max_conns,
                                        NULL);
}

/* The niceness that gives @n_threads busy threads together about the
 * weight of one ordinary one in the scheduler (each step of niceness
 * takes a fifth off the weight): the threads spare the bench the walks of
 * big main contexts, and must not take the switch's share of a busy
 * machine's CPU for it. */
static int
worker_niceness (guint n_threads)
{
  return MIN (19, (int) (log (n_threads) / log (1.25) + 0.5));
}

static gpointer
worker_run (gpointer user_data)
{
  Worker *worker = user_data;

  /* On Linux this is the calling thread's alone. */
  setpriority (PRIO_PROCESS, 0, worker_niceness (worker->bench->n_threads));
  g_main_context_push_thread_default (worker->context);
  /* Made here, so that their connections are this thread's context's. */
  for (guint i = 0; i < worker->n_agents; i++)
    worker->agents[i].session = session_new (AGENT_CONNECTIONS);
  begin_setup (worker);
  g_main_loop_run (worker->loop);
  g_main_context_pop_thread_default (worker->context);
  return NULL;
}

static void
worker_init (Worker       *worker,
             Bench        *bench,
             GMainContext *context)
{
  worker->bench = bench;
  worker->context = context;
  worker->loop = g_main_loop_new (context, FALSE);
  worker->stats.latencies_ms = g_array_new (FALSE, FALSE, sizeof (double));
}

/* Adds @from's figures to @to's. */
static void
stats_add (Stats       *to,
           const Stats *from)
{
  to->events += from->events;
  to->events_lost += from->events_lost;
  to->resyncs += from->resyncs;
  to->errors += from->errors;
  to->retries += from->retries;
  g_array_append_vals (to->latencies_ms, from->latencies_ms->data, from->latencies_ms->len);
}

/* The caller, on the main thread: inbound calls to the queue, answered
 * by whoever is READY the longest. The supervisor's session places them,
 * at most CALLER_CONNECTIONS at a time: through an agent's session (two
 * connections, one of them its event stream) they would wait in the bench
 * one by one while the agents wait for them, and a libsoup session given
 * thousands of requests at once spends its time walking its own queue. */
static void pump_calls (Bench *bench);

static void
on_call_placed (Agent      *agent,
                guint       status,
                JsonObject *body)
{
  agent->bench->calls_in_flight--;
  pump_calls (agent->bench);
}

/* About a quarter of the agents at a time: a call sent to the switch
 * before an agent can take it only waits there, and costs both sides
 * connections to look after. */
static guint
caller_max_in_flight (Bench *bench)
{
  return CLAMP (bench->n_agents / 4, 16, CALLER_CONNECTIONS);
}

static void
pump_calls (Bench *bench)
{
  guint max_in_flight = caller_max_in_flight (bench);

  while (bench->calls_unsent > 0 && bench->calls_in_flight < max_in_flight)
    {
      bench->calls_unsent--;
      bench->calls_in_flight++;
      bench->calls_placed++;
      send_request (&bench->supervisor, "POST", "sim/inbound",
                    "{\"ani\": \"+15551230000\", \"dnis\": \"" ROUTE_POINT "\", \"queue\": \""
                    QUEUE_NAME "\"}", on_call_placed);
    }
}

static void
place_call (Bench *bench)
{
  bench->calls_unsent++;
  pump_calls (bench);
}

/* The supervisor */

static void
on_supervisor_signed_in (Agent      *agent,
                         guint       status,
                         JsonObject *body)
{
  if (status == 201)
    agent->token = g_strdup (ad_json_string_or_null (body, "token"));
  g_main_loop_quit (agent->worker->loop);
}

/* The switch's own view of the queue, to tell calls waiting in the switch
 * from calls still on their way. */
static void
on_queues (Agent      *agent,
           guint       status,
           JsonObject *body)
{
  JsonArray *queues = NULL;

  if (status == 200 && ad_json_get_array (body, "queues", TRUE, &queues, NULL))
    for (guint i = 0; i < json_array_get_length (queues); i++)
      {
        JsonObject *queue = json_array_get_object_element (queues, i);

        printf ("  the switch's queue: %" G_GINT64_FORMAT " calls waiting, %" G_GINT64_FORMAT
                " agents READY, %" G_GINT64_FORMAT " BUSY\n",
                json_object_get_int_member (queue, "callsWaiting"),
                json_object_get_int_member (queue, "agentsReady"),
                json_object_get_int_member (queue, "agentsBusy"));
      }
  g_main_loop_quit (agent->worker->loop);
}

/* The switch process */

static guint64
process_rss_kb (GSubprocess *process)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status",
                                           g_subprocess_get_identifier (process));
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (path, &contents, NULL, NULL) ||
      (line = strstr (contents, "VmRSS:")) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

/* Removes @path and the files in it (the configuration, the database and
 * its WAL files). */
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

static guint
process_n_fds (GSubprocess *process)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/fd", g_subprocess_get_identifier (process));
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* What the scheduler counts for process @pid ("self" for the bench), in
 * seconds summed over its threads: the time they ran on a CPU, and the
 * time they were ready to run but waited for one. */
typedef struct {
  double run;
  double wait;
} SchedTimes;

static SchedTimes
process_sched_times (const char *pid)
{
  g_autofree char *tasks = g_strdup_printf ("/proc/%s/task", pid);
  g_autoptr(GDir) dir = g_dir_open (tasks, 0, NULL);
  SchedTimes times = { 0 };
  const char *task;

  while (dir != NULL && (task = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tasks, task, "schedstat", NULL);
      g_autofree char *contents = NULL;
      char *end;

      if (!g_file_get_contents (path, &contents, NULL, NULL))
        continue;
      times.run += g_ascii_strtoull (contents, &end, 10) / 1e9;
      times.wait += g_ascii_strtoull (end, NULL, 10) / 1e9;
    }
  return times;
}

/* The share of @seconds that the threads of @pid ran and waited since
 * @since, in percent of one CPU. */
static SchedTimes
process_sched_percent (const char *pid,
                       SchedTimes  since,
                       double      seconds)
{
  SchedTimes now = process_sched_times (pid);

  return (SchedTimes) { 100 * (now.run - since.run) / seconds,
                        100 * (now.wait - since.wait) / seconds };
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* A center of @n agents, each on its own place and DN, all in one queue,
 * and a supervisor. */
static char *
write_config (const char *dir,
              guint       n)
{
  g_autofree char *hash = ad_auth_hash_password (PASSWORD, 1000);
  g_autoptr(GString) json = g_string_new ("{\"afterCallWork\": false, \"places\": [");
  char *path = g_build_filename (dir, "center.json", NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (json, "%s{\"placeId\": \"place%u\", \"dns\": [{\"dnId\": \"%u\", "
                            "\"number\": \"%u\"}]}", i > 1 ? ", " : "", i, 100000 + i,
                            100000 + i);
  g_string_append (json, "], \"queues\": [{\"name\": \"" QUEUE_NAME "\", \"routePoint\": \""
                   ROUTE_POINT "\"}], \"agents\": [");
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (json, "%s{\"agentId\": \"agent%u\", \"name\": \"Agent %u\", "
                            "\"username\": \"agent%u\", \"password\": \"%s\", "
                            "\"defaultPlace\": \"place%u\", \"queues\": [\"" QUEUE_NAME "\"]}",
                            i > 1 ? ", " : "", i, i, i, hash, i);
  g_string_append_printf (json, "], \"supervisors\": [{\"username\": \"supervisor\", "
                          "\"password\": \"%s\"}]", hash);
  g_string_append (json, ", \"dispositions\": [{\"code\": \"RESOLVED\", \"label\": "
                   "\"Resolved\"}]}");

  if (!g_file_set_contents (path, json->str, json->len, &error))
    g_error ("%s", error->message);
  return path;
}

static void
start_switch (Bench      *bench,
              const char *binary,
              const char *config)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *max_subscriptions = g_strdup_printf ("%u", bench->n_agents * 2 + 16);
  g_autofree char *db = g_build_filename (bench->dir, "history.db", NULL);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  bench->process = g_subprocess_launcher_spawn (launcher, &error, binary,
                                                "--listen", "127.0.0.1:0",
                                                "--config", config, "--sim-api", "--db", db,
                                                "--max-subscriptions", max_subscriptions,
                                                NULL);
  if (bench->process == NULL)
    g_error ("%s: %s", binary, error->message);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bench->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  if (line == NULL || !g_str_has_prefix (line, "listening on "))
    g_error ("The switch did not start: %s", error != NULL ? error->message : "no output");
  bench->base_url = g_strdup (line + strlen ("listening on "));
}

/* Statistics */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  if (sorted->len == 0)
    return 0;
  return g_array_index (sorted, double, MIN ((guint) (p * sorted->len), sorted->len - 1));
}

/* The slope of the least-squares line through the switch's RSS from
 * sample @from on, in KiB/s and in percent of its mean per minute. A
 * slope, unlike two averages, tells a steady leak from a step. */
static void
rss_trend (Bench  *bench,
           guint   from,
           double *slope_kb_s,
           double *percent_per_minute)
{
  guint n = bench->rss_kb->len - from;
  double mean_t = 0, mean_r = 0, covariance = 0, variance = 0;

  for (guint i = from; i < bench->rss_kb->len; i++)
    {
      mean_t += g_array_index (bench->rss_at_s, double, i) / n;
      mean_r += (double) g_array_index (bench->rss_kb, guint64, i) / n;
    }
  for (guint i = from; i < bench->rss_kb->len; i++)
    {
      double dt = g_array_index (bench->rss_at_s, double, i) - mean_t;

      covariance += dt * ((double) g_array_index (bench->rss_kb, guint64, i) - mean_r);
      variance += dt * dt;
    }
  *slope_kb_s = variance > 0 ? covariance / variance : 0;
  *percent_per_minute = mean_r > 0 ? 100 * *slope_kb_s * 60 / mean_r : 0;
}

static void
print_rss (Bench   *bench,
           guint64  rss_ready)
{
  /* The first third is the warm-up: the switch's buffers and the
   * allocator's arenas fill as the calls start. */
  guint from = bench->rss_kb->len / 3;
  guint last_third = 2 * bench->rss_kb->len / 3;
  guint64 peak = rss_ready;
  double slope, percent_per_minute, slope_end, percent_end;

  for (guint i = 0; i < bench->rss_kb->len; i++)
    peak = MAX (peak, g_array_index (bench->rss_kb, guint64, i));
  printf ("  switch RSS: %" G_GUINT64_FORMAT " KiB with the agents READY, peak %" G_GUINT64_FORMAT
          " KiB\n", rss_ready, peak);
  if (bench->rss_kb->len - last_third < 3)
    return;

  rss_trend (bench, from, &slope, &percent_per_minute);
  /* Said apart: a growth that slows down (a bounded buffer filling)
   * from one that keeps its pace (a leak). */
  rss_trend (bench, last_third, &slope_end, &percent_end);
  printf ("  switch RSS after %.0f s of warm-up: %" G_GUINT64_FORMAT " KiB at first, %"
          G_GUINT64_FORMAT " KiB at the end, slope %+.1f KiB/s = %+.2f %% per minute "
          "(%+.1f KiB/s = %+.2f %% in the last third): %s\n",
          g_array_index (bench->rss_at_s, double, from),
          g_array_index (bench->rss_kb, guint64, from),
          g_array_index (bench->rss_kb, guint64, bench->rss_kb->len - 1),
          slope, percent_per_minute, slope_end, percent_end,
          ABS (percent_per_minute) < RSS_FLAT_PERCENT_PER_MINUTE ? "flat" : "NOT FLAT");
}

static gboolean
on_second (gpointer user_data)
{
  Bench *bench = user_data;
  guint64 rss = process_rss_kb (bench->process);
  guint fds = process_n_fds (bench->process);
  /* By the clock: a busy bench runs this late. */
  double elapsed = (g_get_monotonic_time () - bench->start_us) / 1e6;
  gboolean last = elapsed + 0.5 >= bench->seconds;

  g_array_append_val (bench->rss_kb, rss);
  g_array_append_val (bench->rss_at_s, elapsed);
  bench->fds_peak = MAX (bench->fds_peak, fds);
  if (bench->rss_kb->len % 5 == 0 || last)
    printf ("  t=%5.1fs  calls done %8d  switch RSS %6" G_GUINT64_FORMAT " KiB, %5u fds open\n",
            elapsed, g_atomic_int_get (&bench->calls_done), rss, fds);
  fflush (stdout);

  if (last)
    {
      g_main_loop_quit (bench->caller.loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Other work on the machine skews every figure: print it with them. */
static char *
load_average (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return g_strdup ("unknown");
  fields = g_strsplit (contents, " ", 4);
  if (g_strv_length (fields) < 3)
    return g_strdup ("unknown");
  return g_strjoin (" ", fields[0], fields[1], fields[2], NULL);
}

/* Two connections per agent on each side (requests and the event
 * stream), the caller's, and slack. */
static rlim_t
fds_needed (guint n_agents)
{
  return (rlim_t) n_agents * 2 + CALLER_CONNECTIONS + 256;
}

/* Raises this process's limit of open files as far as allowed; the switch,
 * started next, inherits it. */
static void
raise_fd_limit (guint n_agents)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0)
    return;
  if (limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
    }
  if (limit.rlim_cur < fds_needed (n_agents))
    g_printerr ("Warning: %lu file descriptors may be too few for %u agents\n",
                (unsigned long) limit.rlim_cur, n_agents);
}

/* The switch's own limit, as the kernel applies it. */
static void
print_fd_limit (Bench *bench)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/limits",
                                           g_subprocess_get_identifier (bench->process));
  g_autofree char *contents = NULL;
  const char *line;
  guint64 soft;

  if (!g_file_get_contents (path, &contents, NULL, NULL) ||
      (line = strstr (contents, "Max open files")) == NULL)
    return;
  soft = g_ascii_strtoull (line + strlen ("Max open files"), NULL, 10);
  printf ("  open files: the switch may have %" G_GUINT64_FORMAT ", it needs about %lu\n", soft,
          (unsigned long) fds_needed (bench->n_agents));
  if (soft < fds_needed (bench->n_agents))
    g_printerr ("Warning: the switch may run out of file descriptors\n");
}

/* Shares the agents out among the worker threads, each with a context of
 * its own, and the supervisor to the main thread's. */
static void
make_agents (Bench *bench)
{
  worker_init (&bench->caller, bench, g_main_context_default ());
  bench->supervisor.bench = bench;
  bench->supervisor.worker = &bench->caller;
  bench->supervisor.agent_id = g_strdup ("supervisor");
  /* Room for more connections than requests in flight: a request sent
   * from the reply of another finds that one's connection still busy, and
   * a session at its limit closes idle connections to open new ones. No
   * more than that: each idle one costs the switch a source to watch. */
  bench->supervisor.session = session_new (2 * caller_max_in_flight (bench));

  bench->agents = g_new0 (Agent, bench->n_agents);
  bench->workers = g_new0 (Worker, bench->n_threads);
  for (guint t = 0; t < bench->n_threads; t++)
    {
      Worker *worker = &bench->workers[t];
      guint first = t * bench->n_agents / bench->n_threads;
      guint end = (t + 1) * bench->n_agents / bench->n_threads;

      worker_init (worker, bench, g_main_context_new ());
      worker->agents = &bench->agents[first];
      worker->n_agents = end - first;
      worker->setup_parallel = MAX (1, SETUP_PARALLEL / bench->n_threads);
      for (guint i = first; i < end; i++)
        {
          bench->agents[i].bench = bench;
          bench->agents[i].worker = worker;
          bench->agents[i].agent_id = g_strdup_printf ("agent%u", i + 1);
          bench->agents[i].place_id = g_strdup_printf ("place%u", i + 1);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  Bench bench = { 0 };
  int n_agents = 100;
  int seconds = 30;
  int n_threads = 0;
  const char *binary = AGENTDESK_SWITCH_PATH;
  GOptionEntry entries[] = {
    { "agents", 'n', 0, G_OPTION_ARG_INT, &n_agents, "Agents (default 100)", "N" },
    { "seconds", 's', 0, G_OPTION_ARG_INT, &seconds, "Seconds of calls (default 30)", "S" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &n_threads,
      "Threads for the agents (default one per processor, or per "
      G_STRINGIFY (AGENTS_PER_THREAD) " agents when that is more)", "T" },
    { "switch", 0, 0, G_OPTION_ARG_FILENAME, &binary, "The agentdesk-switch binary", "PATH" },
    { "reuse-connections", 0, 0, G_OPTION_ARG_NONE, &bench.reuse_connections,
      "Send POSTs on kept-alive connections too, each with an X-Request-Id", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— load on agentdesk-switch");
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *load_start = load_average ();
  g_autofree char *load_end = NULL;
  Stats total = { 0 };
  double run_seconds;
  SchedTimes bench_cpu, switch_cpu;
  guint64 rss_ready;
  guint n_ready = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (n_agents < 1 || seconds < 3 || n_threads < 0)
    {
      g_printerr ("--agents must be at least 1, --seconds at least 3 and --threads not "
                  "negative\n");
      return 2;
    }
  if (n_threads == 0)
    n_threads = MAX ((int) g_get_num_processors (),
                     (n_agents + AGENTS_PER_THREAD - 1) / AGENTS_PER_THREAD);

  bench.n_agents = n_agents;
  bench.seconds = seconds;
  bench.n_threads = MIN ((guint) n_threads, bench.n_agents);
  bench.rss_kb = g_array_new (FALSE, FALSE, sizeof (guint64));
  bench.rss_at_s = g_array_new (FALSE, FALSE, sizeof (double));
  raise_fd_limit (bench.n_agents);

  bench.dir = g_dir_make_tmp ("bench-load-XXXXXX", &error);
  g_assert_no_error (error);
  config = write_config (bench.dir, bench.n_agents);
  start_switch (&bench, binary, config);
  make_agents (&bench);

  printf ("bench-load: %u agents on %u threads, %u s of calls, switch %s (pid %s), POSTs on %s; "
          "load average %s\n", bench.n_agents, bench.n_threads, bench.seconds, bench.base_url,
          g_subprocess_get_identifier (bench.process),
          bench.reuse_connections ? "kept-alive connections with an X-Request-Id"
                                  : "new connections", load_start);
  print_fd_limit (&bench);

  send_request (&bench.supervisor, "POST", "session",
                "{\"username\": \"supervisor\", \"password\": \"" PASSWORD "\"}",
                on_supervisor_signed_in);
  g_main_loop_run (bench.caller.loop);
  if (bench.supervisor.token == NULL)
    return 1;

  fflush (stdout);
  bench.setup_start_us = g_get_monotonic_time ();
  for (guint t = 0; t < bench.n_threads; t++)
    bench.workers[t].thread = g_thread_new ("bench-agents", worker_run, &bench.workers[t]);
  g_main_loop_run (bench.caller.loop);
  n_ready = g_atomic_int_get (&bench.n_ready);
  rss_ready = process_rss_kb (bench.process);
  printf ("  %u of %u agents READY with a stream in %.1f s; switch RSS %" G_GUINT64_FORMAT
          " KiB\n", n_ready, bench.n_agents,
          (g_get_monotonic_time () - bench.setup_start_us) / 1e6, rss_ready);
  if (n_ready == 0)
    return 1;

  g_atomic_int_set (&bench.running, TRUE);
  bench.start_us = g_get_monotonic_time ();
  bench_cpu = process_sched_times ("self");
  switch_cpu = process_sched_times (g_subprocess_get_identifier (bench.process));
  for (guint i = 0; i < n_ready; i++)
    place_call (&bench);
  g_timeout_add_seconds (1, on_second, &bench);
  g_main_loop_run (bench.caller.loop);
  g_atomic_int_set (&bench.running, FALSE);
  run_seconds = (g_get_monotonic_time () - bench.start_us) / 1e6;
  bench_cpu = process_sched_percent ("self", bench_cpu, run_seconds);
  switch_cpu = process_sched_percent (g_subprocess_get_identifier (bench.process), switch_cpu,
                                      run_seconds);
  load_end = load_average ();

  /* The agents' threads end here, so their figures and phases hold
   * still from now on. */
  for (guint t = 0; t < bench.n_threads; t++)
    {
      g_main_loop_quit (bench.workers[t].loop);
      g_thread_join (bench.workers[t].thread);
    }

  {
    guint phases[PHASE_MARKING + 1] = { 0 };

    for (guint i = 0; i < bench.n_agents; i++)
      phases[bench.agents[i].phase]++;
    printf ("  at the end: %u agents waiting for a call, %u answering, %u releasing, "
            "%u marking done; %" G_GUINT64_FORMAT " calls placed, %d done, %u not sent yet\n",
            phases[PHASE_IDLE], phases[PHASE_ANSWERING], phases[PHASE_RELEASING],
            phases[PHASE_MARKING], bench.calls_placed, g_atomic_int_get (&bench.calls_done),
            bench.calls_unsent);
  }

  total.latencies_ms = g_array_new (FALSE, FALSE, sizeof (double));
  stats_add (&total, &bench.caller.stats);
  for (guint t = 0; t < bench.n_threads; t++)
    stats_add (&total, &bench.workers[t].stats);
  g_array_sort (total.latencies_ms, compare_doubles);

  printf ("  calls: %d full cycles in %.1f s = %.1f calls/s\n",
          g_atomic_int_get (&bench.calls_done), run_seconds,
          g_atomic_int_get (&bench.calls_done) / run_seconds);
  printf ("  action→event latency over %u actions: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
          total.latencies_ms->len, percentile (total.latencies_ms, 0.50),
          percentile (total.latencies_ms, 0.99), percentile (total.latencies_ms, 1.0));
  printf ("  events: %" G_GUINT64_FORMAT " received, %" G_GUINT64_FORMAT " lost, %"
          G_GUINT64_FORMAT " ResyncRequired; %" G_GUINT64_FORMAT " failed requests, %"
          G_GUINT64_FORMAT " retried after a reset\n",
          total.events, total.events_lost, total.resyncs, total.errors, total.retries);
  print_rss (&bench, rss_ready);
  printf ("  switch fds: peak %u\n", bench.fds_peak);
  /* Whether the figures measure the switch: a switch near a whole core
   * is the bottleneck; one that waits long for a CPU is held back by the
   * bench or by other work on the machine. */
  printf ("  CPU over the run, in %% of one core: the bench ran %.0f and waited %.0f for a CPU, "
          "the switch ran %.0f and waited %.0f; load average %s at the end\n",
          bench_cpu.run, bench_cpu.wait, switch_cpu.run, switch_cpu.wait, load_end);

  /* Asked after the figures: a busy switch may take long to answer, and
   * the calls done meanwhile do not count. */
  send_request (&bench.supervisor, "GET", "queues", NULL, on_queues);
  g_main_loop_run (bench.caller.loop);

  g_subprocess_send_signal (bench.process, SIGTERM);
  g_subprocess_wait (bench.process, NULL, NULL);
  remove_dir (bench.dir);
  return total.events_lost == 0 && total.resyncs == 0 ? 0 : 1;
}
