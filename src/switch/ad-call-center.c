/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdCallCenter"

#include "config.h"

#include "ad-call-center-private.h"

/* AdCallCenter itself: the GObject with its property and signals, and what
 * the files holding the parts of the call model share (the clock, one-shot
 * sources, JSON helpers); ad-call-center-private.h lists those files. */

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

enum {
  INTERACTION_EVENT,
  AGENT_EVENT,
  QUEUE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AdCallCenter, ad_call_center, G_TYPE_OBJECT)

/* Signals */

void
cc_emit_queue_changed (AdCallCenter *self,
                       CcQueue      *queue)
{
  g_signal_emit (self, signals[QUEUE_CHANGED], 0, queue->name);
}

void
cc_emit_agent_event (AdCallCenter *self,
                     CcAgent      *agent)
{
  g_autoptr(JsonObject) dto = NULL;

  if (!g_signal_has_handler_pending (self, signals[AGENT_EVENT], 0, TRUE))
    return;
  dto = cc_agent_to_dto (self, agent);
  g_signal_emit (self, signals[AGENT_EVENT], 0, agent->agent_id,
                 agent->place ? agent->place->place_id : NULL, dto);
}

void
cc_emit_interaction_event (AdCallCenter *self,
                           CcLeg        *leg)
{
  g_autoptr(JsonObject) dto = NULL;

  if (!g_signal_has_handler_pending (self, signals[INTERACTION_EVENT], 0, TRUE))
    return;
  dto = cc_leg_to_dto (self, leg);
  g_signal_emit (self, signals[INTERACTION_EVENT], 0, leg->id, leg->agent->agent_id,
                 leg->dn->dn_id, leg->dn->place->place_id, dto);
}

/* Time, sources */

gint64
cc_now_us (AdCallCenter *self)
{
  return self->clock != NULL ? self->clock (self->clock_data) : g_get_real_time ();
}

JsonNode *
cc_time_node (gint64 us)
{
  g_autofree char *str = ad_time_to_rfc3339 (us / G_USEC_PER_SEC);
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, str);
  return node;
}

/* A one-shot source in the center's main context; the caller owns the
 * returned reference and drops it with cc_cancel_source() or when it fires.
 * Without a delay it runs on the next main loop iteration, at the default
 * priority like the requests: at idle priority, a switch kept busy by its
 * connections would never route a waiting call nor apply an action. */
GSource *
cc_schedule (AdCallCenter *self,
             guint         delay_ms,
             GSourceFunc   func,
             gpointer      data)
{
  GSource *source = delay_ms == 0 ? g_idle_source_new () : g_timeout_source_new (delay_ms);

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, self->context);
  return source;
}

void
cc_cancel_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* JSON */

JsonObject *
cc_copy_object (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (object == NULL)
    return copy;
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (copy, name, json_node_copy (value));
  return copy;
}

/* attachedData semantics: keys are set, a null value deletes. */
void
cc_merge_data (JsonObject *data,
               JsonObject *changes)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (changes == NULL)
    return;
  json_object_iter_init (&iter, changes);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (data, name);
      else
        json_object_set_member (data, name, json_node_copy (value));
    }
}

void
cc_set_string_or_null (JsonObject *object,
                       const char *member,
                       const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

JsonNode *
cc_empty_array_node (void)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, json_array_new ());
  return node;
}

JsonObject *
cc_new_extension (const char *key,
                  JsonObject *value,
                  const char *key2,
                  JsonObject *value2)
{
  JsonObject *ext = json_object_new ();

  if (key != NULL)
    json_object_set_object_member (ext, key, value);
  if (key2 != NULL)
    json_object_set_object_member (ext, key2, value2);
  return ext;
}

/* Public API */

AdCallCenter *
ad_call_center_new (AdSwitchProfile profile)
{
  return g_object_new (AD_TYPE_CALL_CENTER, "profile", profile, NULL);
}

AdSwitchProfile
ad_call_center_get_profile (AdCallCenter *self)
{
  g_return_val_if_fail (AD_IS_CALL_CENTER (self), AD_SWITCH_PROFILE_FULL);

  return self->profile;
}

void
ad_call_center_set_answer_delay (AdCallCenter *self,
                                 guint         delay_ms)
{
  g_return_if_fail (AD_IS_CALL_CENTER (self));

  self->answer_delay_ms = delay_ms;
}

void
ad_call_center_set_action_delay (AdCallCenter *self,
                                 guint         delay_ms)
{
  g_return_if_fail (AD_IS_CALL_CENTER (self));

  self->action_delay_ms = delay_ms;
}

void
ad_call_center_set_history_sink (AdCallCenter  *self,
                                 AdHistorySink  sink,
                                 gpointer       user_data)
{
  g_return_if_fail (AD_IS_CALL_CENTER (self));

  self->sink = sink;
  self->sink_data = user_data;
}

void
ad_call_center_set_clock (AdCallCenter *self,
                          AdClockFunc   clock,
                          gpointer      user_data)
{
  g_return_if_fail (AD_IS_CALL_CENTER (self));

  self->clock = clock;
  self->clock_data = user_data;
}

/* GObject */

static void
ad_call_center_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AdCallCenter *self = AD_CALL_CENTER (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_int (value, self->profile);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_call_center_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AdCallCenter *self = AD_CALL_CENTER (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_call_center_dispose (GObject *object)
{
  AdCallCenter *self = AD_CALL_CENTER (object);

  /* Calls first: their members' timers go with them. */
  g_hash_table_remove_all (self->calls);
  g_hash_table_remove_all (self->legs);
  cc_cancel_source (&self->route_source);
  cc_cancel_source (&self->wait_tick);

  G_OBJECT_CLASS (ad_call_center_parent_class)->dispose (object);
}

static void
ad_call_center_finalize (GObject *object)
{
  AdCallCenter *self = AD_CALL_CENTER (object);

  g_hash_table_unref (self->calls);
  g_hash_table_unref (self->legs);
  g_hash_table_unref (self->place_by_id);
  g_hash_table_unref (self->dn_by_id);
  g_hash_table_unref (self->dn_by_number);
  g_hash_table_unref (self->queue_by_name);
  g_hash_table_unref (self->queue_by_number);
  g_hash_table_unref (self->agent_by_id);
  g_ptr_array_unref (self->agents);
  g_ptr_array_unref (self->queues);
  g_ptr_array_unref (self->places);
  g_clear_pointer (&self->reason_codes, json_node_unref);
  g_clear_pointer (&self->dispositions, json_node_unref);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (ad_call_center_parent_class)->finalize (object);
}

static void
ad_call_center_class_init (AdCallCenterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ad_call_center_get_property;
  object_class->set_property = ad_call_center_set_property;
  object_class->dispose = ad_call_center_dispose;
  object_class->finalize = ad_call_center_finalize;

  /* An AdSwitchProfile; a plain int as the enum has no GType. */
  properties[PROP_PROFILE] =
    g_param_spec_int ("profile", NULL, NULL,
                      AD_SWITCH_PROFILE_FULL, AD_SWITCH_PROFILE_BASIC, AD_SWITCH_PROFILE_FULL,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                      G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[INTERACTION_EVENT] =
    g_signal_new ("interaction-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 5,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, JSON_TYPE_OBJECT);
  signals[AGENT_EVENT] =
    g_signal_new ("agent-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING, G_TYPE_STRING, JSON_TYPE_OBJECT);
  signals[QUEUE_CHANGED] =
    g_signal_new ("queue-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ad_call_center_init (AdCallCenter *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->service_level_seconds = 20;
  self->answer_delay_ms = 1000;
  self->places = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_place_free);
  self->queues = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_queue_free);
  self->agents = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_agent_free);
  self->place_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->dn_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->dn_by_number = g_hash_table_new (g_str_hash, g_str_equal);
  self->queue_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->queue_by_number = g_hash_table_new (g_str_hash, g_str_equal);
  self->agent_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->legs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) cc_leg_free);
  self->calls = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) cc_call_free);
}
