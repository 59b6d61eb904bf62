/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdDemo"

#include "config.h"

#include "ad-demo.h"
#include "ad-demo-caller.h"
#include "ad-demo-colleague.h"

/* The interaction DTO's extension naming the call a leg belongs to: the id
 * that ad_call_center_sim_hangup() takes (docs/call-model.md). */
#define ATTR_CALL_ID "interaction.voice:callId"

#define FIRST_COLLEAGUE      2
#define LAST_COLLEAGUE       10
/* Colleagues on shift per call a minute: a colleague takes about a minute
 * per queue call, so they take most of the calls, never all of them. */
#define ON_SHIFT_PER_CALL_A_MINUTE 1.0
#define MIN_ON_SHIFT               2
#define BREAK_PROBABILITY    0.25
#define SALES_SHARE          0.6
#define TALK_HANGUP_SHARE    (1.0 / 3.0)
#define MAX_CALLERS          60

enum {
  PROP_0,
  PROP_SIMULATION_ENABLED,
  PROP_CALL_INTERVAL_SECONDS,
  PROP_SEED,
  PROP_BASE_URL,
  PROP_CALLS_PLACED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A simulated caller, from its call until it hangs up. */
typedef struct {
  AdDemo  *demo;
  char    *call_id;
  gboolean answered;
  guint    hangup_source;
} Caller;

struct _AdDemo
{
  GObject         parent_instance;

  AdSwitchServer *server;
  GRand          *rand;
  guint           seed;
  GCancellable   *cancellable;
  GPtrArray      *colleagues;       /* AdDemoColleague */
  GHashTable     *on_shift;         /* AdDemoColleague set */
  GHashTable     *callers;          /* callId → Caller */
  gboolean        started;
  gboolean        simulation_enabled;
  guint           call_interval_seconds;
  guint           calls_placed;
  guint           caller_source;
};

G_DEFINE_FINAL_TYPE (AdDemo, ad_demo, G_TYPE_OBJECT)

static guint
random_ms (AdDemo *self,
           guint   min_ms,
           guint   max_ms)
{
  return g_rand_int_range (self->rand, min_ms, max_ms + 1);
}

/* Callers */

static void
caller_free (Caller *caller)
{
  g_clear_handle_id (&caller->hangup_source, g_source_remove);
  g_free (caller->call_id);
  g_free (caller);
}

static gboolean
on_caller_hangs_up (gpointer user_data)
{
  Caller *caller = user_data;
  AdDemo *self = caller->demo;
  g_autoptr(GError) error = NULL;

  caller->hangup_source = 0;
  /* NOT_FOUND: the call has ended already. */
  if (!ad_call_center_sim_hangup (ad_switch_server_get_call_center (self->server),
                                  caller->call_id, &error))
    g_debug ("Caller of %s: %s", caller->call_id, error->message);
  else
    g_debug ("Caller of %s hung up", caller->call_id);
  g_hash_table_remove (self->callers, caller->call_id);
  return G_SOURCE_REMOVE;
}

static void
caller_hang_up_in (Caller *caller,
                   guint   delay_ms)
{
  g_clear_handle_id (&caller->hangup_source, g_source_remove);
  caller->hangup_source = g_timeout_add (delay_ms, on_caller_hangs_up, caller);
}

static void
place_caller (AdDemo *self)
{
  AdCallCenter *center = ad_switch_server_get_call_center (self->server);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  const char *queue = g_rand_double (self->rand) < SALES_SHARE ? "sales" : "support";
  char *call_id;
  Caller *caller;

  if (g_hash_table_size (self->callers) >= MAX_CALLERS)
    return;

  body = ad_demo_caller_new_inbound (self->rand, queue);
  call_id = ad_call_center_sim_inbound (center, body, &error);
  if (call_id == NULL)
    {
      g_warning ("Cannot simulate a call to %s: %s", queue, error->message);
      return;
    }

  g_debug ("Caller %s rings %s (%s)", json_object_get_string_member (body, "ani"), queue, call_id);
  caller = g_new0 (Caller, 1);
  caller->demo = self;
  caller->call_id = call_id;
  g_hash_table_insert (self->callers, caller->call_id, caller);
  /* How long the caller waits in the queue before giving up. */
  caller_hang_up_in (caller, random_ms (self, 30000, 120000));

  self->calls_placed++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALLS_PLACED]);
}

static gboolean on_caller_due (gpointer user_data);

static void
schedule_caller (AdDemo *self,
                 double  min_share,
                 double  max_share)
{
  double share = min_share + g_rand_double (self->rand) * (max_share - min_share);

  g_clear_handle_id (&self->caller_source, g_source_remove);
  self->caller_source = g_timeout_add (MAX (1, self->call_interval_seconds * share * 1000),
                                       on_caller_due, self);
}

static gboolean
on_caller_due (gpointer user_data)
{
  AdDemo *self = user_data;

  self->caller_source = 0;
  place_caller (self);
  schedule_caller (self, 0.5, 1.5);
  return G_SOURCE_REMOVE;
}

/* The switch tells every change of every leg: a caller's call answered by
 * somebody starts the caller's conversation. */
static void
on_interaction_event (AdCallCenter *center,
                      const char   *interaction_id,
                      const char   *agent_id,
                      const char   *dn_id,
                      const char   *place_id,
                      JsonObject   *dto,
                      AdDemo       *self)
{
  const char *call_id = ad_json_string_or_null (dto, ATTR_CALL_ID);
  const char *status = ad_json_string_or_null (dto, AD_ATTR_STATUS);
  Caller *caller = call_id ? g_hash_table_lookup (self->callers, call_id) : NULL;

  if (caller == NULL || caller->answered ||
      ad_interaction_status_from_string (status) != AD_INTERACTION_STATUS_TALKING)
    return;

  caller->answered = TRUE;
  if (g_rand_double (self->rand) < TALK_HANGUP_SHARE)
    caller_hang_up_in (caller, random_ms (self, 20000, 150000));
  else
    caller_hang_up_in (caller, 10 * 60 * 1000);
}

/* Colleagues */

static AdAgentStatus
colleague_status (AdDemoColleague *colleague)
{
  AdAgent *agent = ad_session_get_agent (ad_demo_colleague_get_session (colleague));

  return agent ? ad_agent_get_status (agent) : AD_AGENT_STATUS_UNKNOWN;
}

static void
send_on_break (AdDemo          *self,
               AdDemoColleague *colleague,
               gboolean         keep_reason,
               guint            min_seconds,
               guint            max_seconds)
{
  AdSession *session = ad_demo_colleague_get_session (colleague);
  AdAgent *agent = ad_session_get_agent (session);
  GListModel *reasons = ad_session_get_reason_codes (session);
  guint n = g_list_model_get_n_items (reasons);
  g_autoptr(AdCode) code = NULL;

  if (keep_reason && agent != NULL && ad_agent_get_status (agent) == AD_AGENT_STATUS_NOT_READY &&
      ad_agent_get_reason_code (agent) != NULL)
    {
      ad_demo_colleague_take_break (colleague, ad_agent_get_reason_code (agent),
                                    random_ms (self, min_seconds * 1000, max_seconds * 1000) / 1000);
      return;
    }

  if (n > 0)
    code = g_list_model_get_item (reasons, g_rand_int_range (self->rand, 0, n));
  ad_demo_colleague_take_break (colleague, code ? ad_code_get_code (code) : NULL,
                                random_ms (self, min_seconds * 1000, max_seconds * 1000) / 1000);
}

static guint
max_on_shift (AdDemo *self)
{
  double calls_a_minute = 60.0 / self->call_interval_seconds;

  return CLAMP ((guint) (calls_a_minute * ON_SHIFT_PER_CALL_A_MINUTE), MIN_ON_SHIFT,
                self->colleagues->len);
}

/* Where a colleague with no call goes next: on shift when there is room
 * (and it does not fancy a break after a call), else on a break. */
static void
place_colleague (AdDemo          *self,
                 AdDemoColleague *colleague)
{
  gboolean was_on_shift = g_hash_table_remove (self->on_shift, colleague);

  if (!self->simulation_enabled)
    {
      if (colleague_status (colleague) != AD_AGENT_STATUS_NOT_READY)
        ad_demo_colleague_take_break (colleague, NULL, 0);
      return;
    }

  if (g_hash_table_size (self->on_shift) < max_on_shift (self) &&
      !(was_on_shift && g_rand_double (self->rand) < BREAK_PROBABILITY))
    {
      g_hash_table_add (self->on_shift, colleague);
      ad_demo_colleague_go_ready (colleague);
    }
  else
    send_on_break (self, colleague, !was_on_shift, 20, 90);
}

static void
on_colleague_available (AdDemoColleague *colleague,
                        AdDemo          *self)
{
  place_colleague (self, colleague);
}

/* With @arriving (the demo has just started), the colleagues come in one
 * by one over the first half minute, so the first caller reaches the user. */
static void
apply_simulation (AdDemo   *self,
                  gboolean  arriving)
{
  if (!self->started)
    return;

  if (self->simulation_enabled)
    schedule_caller (self, 0.1, 0.4);
  else
    g_clear_handle_id (&self->caller_source, g_source_remove);

  for (guint i = 0; i < self->colleagues->len; i++)
    {
      AdDemoColleague *colleague = g_ptr_array_index (self->colleagues, i);

      if (ad_demo_colleague_get_busy (colleague))
        continue;
      if (arriving && self->simulation_enabled)
        send_on_break (self, colleague, FALSE, 5, 25);
      else
        place_colleague (self, colleague);
    }
}

/* Start-up */

typedef struct {
  guint   pending;
  GError *error;
} StartData;

static void
start_data_free (StartData *data)
{
  g_clear_error (&data->error);
  g_free (data);
}

static void
on_colleague_started (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AdDemo *self = g_task_get_source_object (task);
  StartData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!ad_demo_colleague_start_finish (AD_DEMO_COLLEAGUE (source), result, &error) &&
      data->error == NULL)
    data->error = g_steal_pointer (&error);
  if (--data->pending > 0)
    return;

  if (data->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }

  g_debug ("Demo contact center at %s", ad_switch_server_get_base_url (self->server));
  self->started = TRUE;
  apply_simulation (self, TRUE);
  g_task_return_boolean (task, TRUE);
}

AdDemo *
ad_demo_new (void)
{
  return g_object_new (AD_TYPE_DEMO, NULL);
}

void
ad_demo_start_async (AdDemo              *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AdSwitchOptions options;
  StartData *data;
  GError *error = NULL;

  g_return_if_fail (AD_IS_DEMO (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ad_demo_start_async);
  if (self->server != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "Demo mode is already started");
      return;
    }

  ad_switch_options_init (&options);
  options.sim_api = TRUE;
  self->server = ad_switch_server_new (&options, &error);
  if (self->server == NULL || !ad_switch_server_listen (self->server, "127.0.0.1", 0, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_signal_connect_object (ad_switch_server_get_call_center (self->server), "interaction-event",
                           G_CALLBACK (on_interaction_event), self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);

  data = g_new0 (StartData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) start_data_free);
  for (guint i = FIRST_COLLEAGUE; i <= LAST_COLLEAGUE; i++)
    {
      g_autofree char *agent_id = g_strdup_printf ("agent%u", i);
      g_autofree char *place_id = g_strdup_printf ("place%u", 1000 + i);
      AdDemoColleague *colleague = ad_demo_colleague_new (ad_switch_server_get_base_url (self->server),
                                                          agent_id, place_id,
                                                          g_rand_int (self->rand));

      g_signal_connect_object (colleague, "available",
                               G_CALLBACK (on_colleague_available), self, 0);
      g_ptr_array_add (self->colleagues, colleague);
      data->pending++;
      ad_demo_colleague_start_async (colleague, self->cancellable,
                                     on_colleague_started, g_object_ref (task));
    }
}

gboolean
ad_demo_start_finish (AdDemo        *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
ad_demo_get_base_url (AdDemo *self)
{
  g_return_val_if_fail (AD_IS_DEMO (self), NULL);

  return self->server ? ad_switch_server_get_base_url (self->server) : NULL;
}

AdSwitchServer *
ad_demo_get_server (AdDemo *self)
{
  g_return_val_if_fail (AD_IS_DEMO (self), NULL);

  return self->server;
}

gboolean
ad_demo_get_simulation_enabled (AdDemo *self)
{
  g_return_val_if_fail (AD_IS_DEMO (self), FALSE);

  return self->simulation_enabled;
}

void
ad_demo_set_simulation_enabled (AdDemo   *self,
                                gboolean  enabled)
{
  g_return_if_fail (AD_IS_DEMO (self));

  enabled = !!enabled;
  if (self->simulation_enabled == enabled)
    return;

  self->simulation_enabled = enabled;
  g_debug ("Simulation %s", enabled ? "on" : "off");
  apply_simulation (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIMULATION_ENABLED]);
}

guint
ad_demo_get_call_interval_seconds (AdDemo *self)
{
  g_return_val_if_fail (AD_IS_DEMO (self), 0);

  return self->call_interval_seconds;
}

void
ad_demo_set_call_interval_seconds (AdDemo *self,
                                   guint   seconds)
{
  g_return_if_fail (AD_IS_DEMO (self));
  g_return_if_fail (seconds >= 1);

  if (self->call_interval_seconds == seconds)
    return;

  self->call_interval_seconds = seconds;
  /* The next caller comes on the new schedule. */
  if (self->caller_source != 0)
    schedule_caller (self, 0.5, 1.5);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALL_INTERVAL_SECONDS]);
}

guint
ad_demo_get_calls_placed (AdDemo *self)
{
  g_return_val_if_fail (AD_IS_DEMO (self), 0);

  return self->calls_placed;
}

static void
ad_demo_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  AdDemo *self = AD_DEMO (object);

  switch (prop_id)
    {
    case PROP_SIMULATION_ENABLED:
      g_value_set_boolean (value, self->simulation_enabled);
      break;
    case PROP_CALL_INTERVAL_SECONDS:
      g_value_set_uint (value, self->call_interval_seconds);
      break;
    case PROP_SEED:
      g_value_set_uint (value, self->seed);
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, ad_demo_get_base_url (self));
      break;
    case PROP_CALLS_PLACED:
      g_value_set_uint (value, self->calls_placed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_demo_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  AdDemo *self = AD_DEMO (object);

  switch (prop_id)
    {
    case PROP_SIMULATION_ENABLED:
      ad_demo_set_simulation_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_CALL_INTERVAL_SECONDS:
      ad_demo_set_call_interval_seconds (self, g_value_get_uint (value));
      break;
    case PROP_SEED:
      self->seed = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_demo_constructed (GObject *object)
{
  AdDemo *self = AD_DEMO (object);

  G_OBJECT_CLASS (ad_demo_parent_class)->constructed (object);

  self->rand = self->seed != 0 ? g_rand_new_with_seed (self->seed) : g_rand_new ();
}

static void
ad_demo_dispose (GObject *object)
{
  AdDemo *self = AD_DEMO (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->caller_source, g_source_remove);
  g_hash_table_remove_all (self->callers);
  g_hash_table_remove_all (self->on_shift);
  /* Colleagues' requests in flight hold references: cut them loose now,
   * before their switch goes away. */
  for (guint i = 0; i < self->colleagues->len; i++)
    g_object_run_dispose (g_ptr_array_index (self->colleagues, i));
  g_ptr_array_set_size (self->colleagues, 0);
  if (self->server != NULL)
    ad_switch_server_shutdown (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (ad_demo_parent_class)->dispose (object);
}

static void
ad_demo_finalize (GObject *object)
{
  AdDemo *self = AD_DEMO (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->colleagues, g_ptr_array_unref);
  g_clear_pointer (&self->on_shift, g_hash_table_unref);
  g_clear_pointer (&self->callers, g_hash_table_unref);
  g_clear_pointer (&self->rand, g_rand_free);

  G_OBJECT_CLASS (ad_demo_parent_class)->finalize (object);
}

static void
ad_demo_class_init (AdDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ad_demo_get_property;
  object_class->set_property = ad_demo_set_property;
  object_class->constructed = ad_demo_constructed;
  object_class->dispose = ad_demo_dispose;
  object_class->finalize = ad_demo_finalize;

  properties[PROP_SIMULATION_ENABLED] =
    g_param_spec_boolean ("simulation-enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CALL_INTERVAL_SECONDS] =
    g_param_spec_uint ("call-interval-seconds", NULL, NULL, 1, 3600, 20,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEED] =
    g_param_spec_uint ("seed", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CALLS_PLACED] =
    g_param_spec_uint ("calls-placed", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ad_demo_init (AdDemo *self)
{
  self->simulation_enabled = TRUE;
  self->call_interval_seconds = 20;
  self->cancellable = g_cancellable_new ();
  self->colleagues = g_ptr_array_new_with_free_func (g_object_unref);
  self->on_shift = g_hash_table_new (NULL, NULL);
  self->callers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) caller_free);
}
