/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdSimCrowd"

#include "config.h"

#include "ad-sim-crowd.h"

#include <math.h>

/* How people behave, in seconds at pace 1 (means of exponential draws,
 * plus a floor where a zero would look wrong). */
#define ANSWER_MIN_S          1.0
#define ANSWER_MEAN_S         1.5
#define TALK_MIN_S            8.0
#define TALK_MEAN_S           45.0
#define WRAP_MIN_S            3.0
#define WRAP_MEAN_S           12.0
#define MARK_DONE_MEAN_S      1.0
#define PATIENCE_MIN_S        5.0
#define PATIENCE_MEAN_S       75.0
#define BREAK_INTERVAL_MEAN_S 600.0
#define BREAK_LENGTH_MEAN_S   150.0
#define LOGGED_OUT_MEAN_S     300.0
#define BUSY_RETRY_S          20.0
/* Shares of the agents: out at the start, on a break at the start, and
 * logging out when a break ends; of calls: released by the agent (the
 * others end when the caller hangs up). */
#define SHARE_LOGGED_OUT      0.04
#define SHARE_ON_BREAK        0.12
#define SHARE_LOGGING_OUT     0.03
#define SHARE_AGENT_RELEASES  0.6
/* The default call rate keeps the agents this busy. */
#define TARGET_OCCUPANCY      0.9

#define TICK_MS               100
/* Arrivals handled per tick at most, should the loop have stalled. */
#define MAX_ARRIVALS_PER_TICK 1000

enum {
  PROP_0,
  PROP_CALL_CENTER,
  PROP_CALLS_PER_MINUTE,
  PROP_PACE,
  PROP_SEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  char          *agent_id;
  char          *place_id;
  AdAgentStatus  status;
  guint          shift_gen;   /* the pending ITEM_SHIFT's */
  guint          wrap_gen;    /* the pending ITEM_WRAPPED's */
} SimAgent;

typedef enum {
  ITEM_ANSWER,     /* the agent answers the ringing leg */
  ITEM_RELEASE,    /* the agent ends the call */
  ITEM_HANG_UP,    /* the caller ends the call */
  ITEM_MARK_DONE,  /* the agent closes the leg */
  ITEM_WRAPPED,    /* after-call work is over: READY */
  ITEM_SHIFT,      /* a break starts or ends, a login or logout */
  ITEM_GIVE_UP,    /* a waiting caller's patience ran out */
} ItemKind;

typedef struct {
  gint64    due;      /* monotonic µs */
  guint64   seq;      /* keeps items due at once in order */
  ItemKind  kind;
  SimAgent *agent;
  guint     gen;
  char     *id;       /* interaction or call id */
} Item;

struct _AdSimCrowd
{
  GObject        parent_instance;

  AdCallCenter  *center;
  GMainContext  *context;
  GRand         *rand;
  guint          seed;
  double         calls_per_minute;
  double         pace;

  GPtrArray     *agents;        /* SimAgent, owned */
  GHashTable    *agent_by_id;
  GPtrArray     *queues;        /* names */
  GArray        *queue_weights; /* guint per queue: agents serving it */
  guint          total_weight;
  char         **reason_codes;
  char         **dispositions;

  GSequence     *items;         /* Item, by due time */
  guint64        next_seq;
  GHashTable    *waiting_calls; /* call id → itself: not answered yet */
  GSource       *tick;
  gint64         next_arrival;
  guint64        n_calls;
};

G_DEFINE_FINAL_TYPE (AdSimCrowd, ad_sim_crowd, G_TYPE_OBJECT)

static void
sim_agent_free (SimAgent *agent)
{
  g_free (agent->agent_id);
  g_free (agent->place_id);
  g_free (agent);
}

static void
item_free (Item *item)
{
  g_free (item->id);
  g_free (item);
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const Item *x = a, *y = b;

  if (x->due != y->due)
    return x->due < y->due ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* An exponential draw of mean @mean_s plus @min_s, in µs at the pace. */
static gint64
draw_us (AdSimCrowd *self,
         double      min_s,
         double      mean_s)
{
  double s = min_s - mean_s * log (1.0 - g_rand_double (self->rand));

  return (gint64) (s * G_USEC_PER_SEC / self->pace);
}

static void
schedule (AdSimCrowd *self,
          ItemKind    kind,
          gint64      delay_us,
          SimAgent   *agent,
          guint       gen,
          const char *id)
{
  Item *item = g_new0 (Item, 1);

  item->due = g_get_monotonic_time () + delay_us;
  item->seq = self->next_seq++;
  item->kind = kind;
  item->agent = agent;
  item->gen = gen;
  item->id = g_strdup (id);
  g_sequence_insert_sorted (self->items, item, compare_items, NULL);
}

static void
schedule_shift (AdSimCrowd *self,
                SimAgent   *agent,
                gint64      delay_us)
{
  schedule (self, ITEM_SHIFT, delay_us, agent, ++agent->shift_gen, NULL);
}

static const char *
pick (AdSimCrowd  *self,
      char       **choices)
{
  guint n = choices != NULL ? g_strv_length (choices) : 0;

  return n > 0 ? choices[g_rand_int_range (self->rand, 0, n)] : NULL;
}

static char **
codes_of (JsonObject *description,
          const char *member)
{
  JsonArray *array = json_object_get_array_member (description, member);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **codes;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_object_get_string_member (
                          json_array_get_object_element (array, i), "code"));
  codes = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return codes;
}

/* Agent state, through the center's API. A refusal (somebody else acts on
 * the same agent too) is no fault of the simulation: it tries again at its
 * next turn. */
static void
take_dto (SimAgent    *agent,
          JsonObject  *dto,
          GError      *error,
          const char  *what)
{
  if (dto == NULL)
    {
      g_debug ("%s could not %s: %s", agent->agent_id, what, error->message);
      return;
    }
  agent->status = ad_agent_status_from_string (json_object_get_string_member (dto, AD_AGENT_ATTR_STATUS));
  json_object_unref (dto);
}

static void
agent_login (AdSimCrowd *self,
             SimAgent   *agent)
{
  g_autoptr(GError) error = NULL;

  take_dto (agent, ad_call_center_agent_login (self->center, agent->agent_id, agent->place_id,
                                               &error), error, "log in");
}

static void
agent_ready (AdSimCrowd *self,
             SimAgent   *agent)
{
  g_autoptr(GError) error = NULL;

  take_dto (agent, ad_call_center_agent_ready (self->center, agent->agent_id, &error), error,
            "go ready");
}

static void
agent_break (AdSimCrowd *self,
             SimAgent   *agent)
{
  g_autoptr(GError) error = NULL;

  take_dto (agent, ad_call_center_agent_not_ready (self->center, agent->agent_id,
                                                   pick (self, self->reason_codes), &error),
            error, "go not ready");
}

static void
agent_logout (AdSimCrowd *self,
              SimAgent   *agent)
{
  g_autoptr(GError) error = NULL;

  take_dto (agent, ad_call_center_agent_logout (self->center, agent->agent_id, &error), error,
            "log out");
}

/* A break starts or ends; an agent logs in or out. Agents on a call or
 * wrapping up finish that first. */
static void
run_shift (AdSimCrowd *self,
           SimAgent   *agent)
{
  switch (agent->status)
    {
    case AD_AGENT_STATUS_LOGGED_OUT:
    case AD_AGENT_STATUS_UNKNOWN:
      agent_login (self, agent);
      agent_ready (self, agent);
      schedule_shift (self, agent, draw_us (self, 0, BREAK_INTERVAL_MEAN_S));
      break;
    case AD_AGENT_STATUS_READY:
      agent_break (self, agent);
      schedule_shift (self, agent, draw_us (self, 0, BREAK_LENGTH_MEAN_S));
      break;
    case AD_AGENT_STATUS_NOT_READY:
      if (g_rand_double (self->rand) < SHARE_LOGGING_OUT)
        {
          agent_logout (self, agent);
          schedule_shift (self, agent, draw_us (self, 0, LOGGED_OUT_MEAN_S));
        }
      else
        {
          agent_ready (self, agent);
          schedule_shift (self, agent, draw_us (self, 0, BREAK_INTERVAL_MEAN_S));
        }
      break;
    case AD_AGENT_STATUS_BUSY:
    case AD_AGENT_STATUS_AFTER_CALL_WORK:
    default:
      schedule_shift (self, agent, draw_us (self, BUSY_RETRY_S, 0));
      break;
    }
}

static void
perform (AdSimCrowd    *self,
         const char    *interaction_id,
         AdVoiceAction  action,
         JsonObject    *body)
{
  g_autoptr(JsonObject) empty = json_object_new ();
  g_autoptr(GError) error = NULL;

  if (!ad_call_center_perform (self->center, interaction_id, action, body ? body : empty,
                               NULL, &error))
    g_debug ("%s on %s: %s", ad_voice_action_to_string (action), interaction_id, error->message);
}

static void
hang_up (AdSimCrowd *self,
         const char *call_id)
{
  g_autoptr(GError) error = NULL;

  if (!ad_call_center_sim_hangup (self->center, call_id, &error))
    g_debug ("Caller of %s: %s", call_id, error->message);
}

static void
run_item (AdSimCrowd *self,
          Item       *item)
{
  g_autoptr(JsonObject) body = NULL;

  switch (item->kind)
    {
    case ITEM_ANSWER:
      perform (self, item->id, AD_VOICE_ACTION_ANSWER_CALL, NULL);
      break;
    case ITEM_RELEASE:
      perform (self, item->id, AD_VOICE_ACTION_RELEASE_CALL, NULL);
      break;
    case ITEM_HANG_UP:
      hang_up (self, item->id);
      break;
    case ITEM_MARK_DONE:
      body = json_object_new ();
      if (pick (self, self->dispositions) != NULL)
        json_object_set_string_member (body, "disposition", pick (self, self->dispositions));
      perform (self, item->id, AD_VOICE_ACTION_MARK_DONE, body);
      break;
    case ITEM_WRAPPED:
      if (item->gen == item->agent->wrap_gen &&
          item->agent->status == AD_AGENT_STATUS_AFTER_CALL_WORK)
        agent_ready (self, item->agent);
      break;
    case ITEM_SHIFT:
      if (item->gen == item->agent->shift_gen)
        run_shift (self, item->agent);
      break;
    case ITEM_GIVE_UP:
      if (g_hash_table_remove (self->waiting_calls, item->id))
        hang_up (self, item->id);
      break;
    default:
      g_assert_not_reached ();
    }
}

static const char *
pick_queue (AdSimCrowd *self)
{
  guint slot;

  if (self->total_weight == 0)
    return NULL;

  slot = g_rand_int_range (self->rand, 0, self->total_weight);
  for (guint i = 0; i < self->queues->len; i++)
    {
      guint weight = g_array_index (self->queue_weights, guint, i);

      if (slot < weight)
        return g_ptr_array_index (self->queues, i);
      slot -= weight;
    }
  return NULL;
}

static double
effective_calls_per_minute (AdSimCrowd *self)
{
  double working, handle_s;

  if (self->calls_per_minute > 0)
    return self->calls_per_minute;

  /* Agents at work, and how long a call keeps one from the next. */
  working = self->agents->len * (1.0 - SHARE_LOGGED_OUT) *
            BREAK_INTERVAL_MEAN_S / (BREAK_INTERVAL_MEAN_S + BREAK_LENGTH_MEAN_S);
  handle_s = ANSWER_MIN_S + ANSWER_MEAN_S + TALK_MIN_S + TALK_MEAN_S + WRAP_MIN_S + WRAP_MEAN_S;
  return TARGET_OCCUPANCY * working * 60.0 / handle_s;
}

static gint64
draw_arrival_gap_us (AdSimCrowd *self)
{
  double per_second = effective_calls_per_minute (self) / 60.0;

  return draw_us (self, 0, 1.0 / MAX (per_second, 1e-6));
}

static void
call_in (AdSimCrowd *self)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ani = g_strdup_printf ("+1555%07u", g_rand_int_range (self->rand, 0, 10000000));
  g_autofree char *call_id = NULL;
  const char *queue = pick_queue (self);

  if (queue == NULL)
    return;

  json_object_set_string_member (body, "ani", ani);
  json_object_set_string_member (body, "queue", queue);
  call_id = ad_call_center_sim_inbound (self->center, body, &error);
  if (call_id == NULL)
    {
      g_debug ("A caller could not reach %s: %s", queue, error->message);
      return;
    }

  self->n_calls++;
  g_hash_table_add (self->waiting_calls, g_strdup (call_id));
  schedule (self, ITEM_GIVE_UP, draw_us (self, PATIENCE_MIN_S, PATIENCE_MEAN_S), NULL, 0,
            call_id);
}

static gboolean
on_tick (gpointer user_data)
{
  AdSimCrowd *self = user_data;
  gint64 now = g_get_monotonic_time ();
  guint arrivals = 0;

  while (!g_sequence_is_empty (self->items))
    {
      GSequenceIter *first = g_sequence_get_begin_iter (self->items);
      Item *item = g_sequence_get (first);

      if (item->due > now)
        break;
      /* Unlinked first: running it may schedule more. */
      g_sequence_remove (first);
      run_item (self, item);
      item_free (item);
    }

  while (self->next_arrival <= now && arrivals++ < MAX_ARRIVALS_PER_TICK)
    {
      call_in (self);
      self->next_arrival += draw_arrival_gap_us (self);
    }
  if (self->next_arrival <= now)
    self->next_arrival = now;

  return G_SOURCE_CONTINUE;
}

static SimAgent *
lookup_agent (AdSimCrowd *self,
              const char *agent_id)
{
  return agent_id != NULL ? g_hash_table_lookup (self->agent_by_id, agent_id) : NULL;
}

/* A leg of a simulated agent changed: answer what rings, end what talks
 * after a while, close what is over. */
static void
on_interaction_event (AdCallCenter *center,
                      const char   *interaction_id,
                      const char   *agent_id,
                      const char   *dn_id,
                      const char   *place_id,
                      JsonObject   *dto,
                      AdSimCrowd   *self)
{
  SimAgent *agent = lookup_agent (self, agent_id);
  const char *reason = ad_json_string_or_null (dto, AD_ATTR_EVENT_REASON);
  const char *call_id;

  if (self->tick == NULL || agent == NULL ||
      ad_event_reason_from_string (reason) != AD_EVENT_REASON_STATUS_CHANGED)
    return;

  switch (ad_interaction_status_from_string (ad_json_string_or_null (dto, AD_ATTR_STATUS)))
    {
    case AD_INTERACTION_STATUS_RINGING:
      schedule (self, ITEM_ANSWER, draw_us (self, ANSWER_MIN_S, ANSWER_MEAN_S), agent, 0,
                interaction_id);
      break;
    case AD_INTERACTION_STATUS_TALKING:
      call_id = ad_json_string_or_null (dto, "interaction.voice:callId");
      if (call_id != NULL)
        g_hash_table_remove (self->waiting_calls, call_id);
      if (call_id != NULL && g_rand_double (self->rand) >= SHARE_AGENT_RELEASES)
        schedule (self, ITEM_HANG_UP, draw_us (self, TALK_MIN_S, TALK_MEAN_S), agent, 0, call_id);
      else
        schedule (self, ITEM_RELEASE, draw_us (self, TALK_MIN_S, TALK_MEAN_S), agent, 0,
                  interaction_id);
      break;
    case AD_INTERACTION_STATUS_IDLE:
      schedule (self, ITEM_MARK_DONE, draw_us (self, 0, MARK_DONE_MEAN_S), agent, 0,
                interaction_id);
      break;
    default:
      break;
    }
}

static void
on_agent_event (AdCallCenter *center,
                const char   *agent_id,
                const char   *place_id,
                JsonObject   *dto,
                AdSimCrowd   *self)
{
  SimAgent *agent = lookup_agent (self, agent_id);
  AdAgentStatus status;

  if (agent == NULL)
    return;

  status = ad_agent_status_from_string (ad_json_string_or_null (dto, AD_AGENT_ATTR_STATUS));
  if (self->tick != NULL && status == AD_AGENT_STATUS_AFTER_CALL_WORK &&
      agent->status != AD_AGENT_STATUS_AFTER_CALL_WORK)
    schedule (self, ITEM_WRAPPED, draw_us (self, WRAP_MIN_S, WRAP_MEAN_S), agent,
              ++agent->wrap_gen, NULL);
  agent->status = status;
}

AdSimCrowd *
ad_sim_crowd_new (AdCallCenter *center,
                  guint         seed)
{
  g_return_val_if_fail (AD_IS_CALL_CENTER (center), NULL);

  return g_object_new (AD_TYPE_SIM_CROWD, "call-center", center, "seed", seed, NULL);
}

double
ad_sim_crowd_get_calls_per_minute (AdSimCrowd *self)
{
  g_return_val_if_fail (AD_IS_SIM_CROWD (self), 0);

  return self->calls_per_minute;
}

void
ad_sim_crowd_set_calls_per_minute (AdSimCrowd *self,
                                   double      calls_per_minute)
{
  g_return_if_fail (AD_IS_SIM_CROWD (self));

  calls_per_minute = MAX (calls_per_minute, 0);
  if (self->calls_per_minute == calls_per_minute)
    return;
  self->calls_per_minute = calls_per_minute;
  if (self->tick != NULL)
    self->next_arrival = g_get_monotonic_time () + draw_arrival_gap_us (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALLS_PER_MINUTE]);
}

double
ad_sim_crowd_get_pace (AdSimCrowd *self)
{
  g_return_val_if_fail (AD_IS_SIM_CROWD (self), 1);

  return self->pace;
}

void
ad_sim_crowd_set_pace (AdSimCrowd *self,
                       double      pace)
{
  g_return_if_fail (AD_IS_SIM_CROWD (self));
  g_return_if_fail (pace > 0);

  if (self->pace == pace)
    return;
  self->pace = pace;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PACE]);
}

void
ad_sim_crowd_start (AdSimCrowd *self)
{
  g_autoptr(JsonArray) directory = NULL;
  g_autoptr(JsonObject) description = NULL;
  g_autoptr(GHashTable) served = NULL;
  JsonArray *queues;

  g_return_if_fail (AD_IS_SIM_CROWD (self));

  if (self->tick != NULL)
    return;

  description = ad_call_center_describe (self->center);
  g_clear_pointer (&self->reason_codes, g_strfreev);
  g_clear_pointer (&self->dispositions, g_strfreev);
  self->reason_codes = codes_of (description, "reasonCodes");
  self->dispositions = codes_of (description, "dispositions");

  /* Callers pick a queue in proportion to the agents who serve it. */
  served = g_hash_table_new (g_str_hash, g_str_equal);
  directory = ad_call_center_list_agents (self->center);
  g_ptr_array_set_size (self->agents, 0);
  g_hash_table_remove_all (self->agent_by_id);
  for (guint i = 0; i < json_array_get_length (directory); i++)
    {
      JsonObject *entry = json_array_get_object_element (directory, i);
      const char *agent_id = json_object_get_string_member (entry, "agentId");
      g_autoptr(JsonObject) dto = ad_call_center_get_agent (self->center, agent_id, NULL);
      JsonArray *agent_queues = json_object_get_array_member (dto, "agent:queues");
      SimAgent *agent = g_new0 (SimAgent, 1);

      agent->agent_id = g_strdup (agent_id);
      agent->place_id = g_strdup (ad_json_string_or_null (dto, "agent:defaultPlaceId"));
      agent->status = ad_agent_status_from_string (ad_json_string_or_null (dto, AD_AGENT_ATTR_STATUS));
      g_ptr_array_add (self->agents, agent);
      g_hash_table_insert (self->agent_by_id, agent->agent_id, agent);

      for (guint j = 0; agent_queues != NULL && j < json_array_get_length (agent_queues); j++)
        {
          const char *name = json_array_get_string_element (agent_queues, j);

          g_hash_table_insert (served, (gpointer) g_intern_string (name),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (served, name)) + 1));
        }
    }

  g_ptr_array_set_size (self->queues, 0);
  g_array_set_size (self->queue_weights, 0);
  self->total_weight = 0;
  queues = json_object_get_array_member (description, "queues");
  for (guint i = 0; queues != NULL && i < json_array_get_length (queues); i++)
    {
      const char *name = json_object_get_string_member (json_array_get_object_element (queues, i),
                                                        "name");
      guint weight = GPOINTER_TO_UINT (g_hash_table_lookup (served, name));

      g_ptr_array_add (self->queues, g_strdup (name));
      g_array_append_val (self->queue_weights, weight);
      self->total_weight += weight;
    }

  /* Most agents start at once, some on a break, a few come later. */
  for (guint i = 0; i < self->agents->len; i++)
    {
      SimAgent *agent = g_ptr_array_index (self->agents, i);
      double r = g_rand_double (self->rand);

      if (agent->place_id == NULL)
        continue;

      if (r < SHARE_LOGGED_OUT)
        schedule_shift (self, agent, draw_us (self, 0, LOGGED_OUT_MEAN_S));
      else if (r < SHARE_LOGGED_OUT + SHARE_ON_BREAK)
        {
          agent_login (self, agent);
          agent_break (self, agent);
          schedule_shift (self, agent, draw_us (self, 0, BREAK_LENGTH_MEAN_S));
        }
      else
        {
          agent_login (self, agent);
          agent_ready (self, agent);
          schedule_shift (self, agent, draw_us (self, 0, BREAK_INTERVAL_MEAN_S));
        }
    }

  self->next_arrival = g_get_monotonic_time () + draw_arrival_gap_us (self);
  self->tick = g_timeout_source_new (TICK_MS);
  g_source_set_callback (self->tick, on_tick, self, NULL);
  g_source_attach (self->tick, self->context);
  g_debug ("%u agents, %.1f calls a minute at pace %.2f", self->agents->len,
           effective_calls_per_minute (self), self->pace);
}

void
ad_sim_crowd_stop (AdSimCrowd *self)
{
  g_return_if_fail (AD_IS_SIM_CROWD (self));

  if (self->tick != NULL)
    {
      g_source_destroy (self->tick);
      g_clear_pointer (&self->tick, g_source_unref);
    }
  g_sequence_foreach (self->items, (GFunc) item_free, NULL);
  g_sequence_remove_range (g_sequence_get_begin_iter (self->items),
                           g_sequence_get_end_iter (self->items));
  g_hash_table_remove_all (self->waiting_calls);
}

guint64
ad_sim_crowd_get_n_calls (AdSimCrowd *self)
{
  g_return_val_if_fail (AD_IS_SIM_CROWD (self), 0);

  return self->n_calls;
}

static void
ad_sim_crowd_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AdSimCrowd *self = AD_SIM_CROWD (object);

  switch (prop_id)
    {
    case PROP_CALL_CENTER:
      g_value_set_object (value, self->center);
      break;
    case PROP_CALLS_PER_MINUTE:
      g_value_set_double (value, self->calls_per_minute);
      break;
    case PROP_PACE:
      g_value_set_double (value, self->pace);
      break;
    case PROP_SEED:
      g_value_set_uint (value, self->seed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_sim_crowd_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AdSimCrowd *self = AD_SIM_CROWD (object);

  switch (prop_id)
    {
    case PROP_CALL_CENTER:
      self->center = g_value_dup_object (value);
      break;
    case PROP_CALLS_PER_MINUTE:
      ad_sim_crowd_set_calls_per_minute (self, g_value_get_double (value));
      break;
    case PROP_PACE:
      ad_sim_crowd_set_pace (self, g_value_get_double (value));
      break;
    case PROP_SEED:
      self->seed = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_sim_crowd_constructed (GObject *object)
{
  AdSimCrowd *self = AD_SIM_CROWD (object);

  G_OBJECT_CLASS (ad_sim_crowd_parent_class)->constructed (object);

  g_assert (self->center != NULL);
  self->rand = g_rand_new_with_seed (self->seed);
  g_signal_connect_object (self->center, "interaction-event",
                           G_CALLBACK (on_interaction_event), self, 0);
  g_signal_connect_object (self->center, "agent-event", G_CALLBACK (on_agent_event), self, 0);
}

static void
ad_sim_crowd_dispose (GObject *object)
{
  AdSimCrowd *self = AD_SIM_CROWD (object);

  ad_sim_crowd_stop (self);
  g_clear_object (&self->center);

  G_OBJECT_CLASS (ad_sim_crowd_parent_class)->dispose (object);
}

static void
ad_sim_crowd_finalize (GObject *object)
{
  AdSimCrowd *self = AD_SIM_CROWD (object);

  g_clear_pointer (&self->rand, g_rand_free);
  g_ptr_array_unref (self->agents);
  g_hash_table_unref (self->agent_by_id);
  g_ptr_array_unref (self->queues);
  g_array_unref (self->queue_weights);
  g_strfreev (self->reason_codes);
  g_strfreev (self->dispositions);
  g_sequence_free (self->items);
  g_hash_table_unref (self->waiting_calls);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (ad_sim_crowd_parent_class)->finalize (object);
}

static void
ad_sim_crowd_class_init (AdSimCrowdClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ad_sim_crowd_get_property;
  object_class->set_property = ad_sim_crowd_set_property;
  object_class->constructed = ad_sim_crowd_constructed;
  object_class->dispose = ad_sim_crowd_dispose;
  object_class->finalize = ad_sim_crowd_finalize;

  properties[PROP_CALL_CENTER] =
    g_param_spec_object ("call-center", NULL, NULL, AD_TYPE_CALL_CENTER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CALLS_PER_MINUTE] =
    g_param_spec_double ("calls-per-minute", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PACE] =
    g_param_spec_double ("pace", NULL, NULL, 0.001, 1000, 1,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEED] =
    g_param_spec_uint ("seed", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ad_sim_crowd_init (AdSimCrowd *self)
{
  self->pace = 1;
  self->context = g_main_context_ref_thread_default ();
  self->agents = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_agent_free);
  self->agent_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->queues = g_ptr_array_new_with_free_func (g_free);
  self->queue_weights = g_array_new (FALSE, FALSE, sizeof (guint));
  /* Items are freed by hand: the tick unlinks one before running it. */
  self->items = g_sequence_new (NULL);
  self->waiting_calls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
