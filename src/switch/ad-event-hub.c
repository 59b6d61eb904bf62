/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdEventHub"

#include "config.h"

#include "ad-access.h"
#include "ad-event-hub.h"

/* A stream that takes nothing for this many keepalive intervals while
 * data waits for it is stalled. */
#define STALL_KEEPALIVES 4

typedef struct {
  AdEventHub *hub;
  char       *queue;
  gint64      last_sent;  /* monotonic µs; 0: never */
  guint       source_id;  /* a send scheduled for the end of the interval */
} QueueState;

struct _AdEventHub
{
  GObject           parent_instance;

  AdCallCenter     *center;
  AdAuth           *auth;
  AdEventHubLimits  limits;
  AdEventLog       *log;

  GHashTable       *subscriptions;  /* id → AdSubscription */
  /* Which subscriptions an event may concern, so that an event does not
   * visit them all: "A<agent>", "P<place>", "D<dn>", "Q<queue>" → GPtrArray
   * of the subscriptions with such a trigger; catch_all: those with ALL. */
  GHashTable       *index;
  GPtrArray        *catch_all;
  GHashTable       *per_token;      /* token hash → count (GUINT_TO_POINTER) */
  GHashTable       *queues;         /* name → QueueState */
  guint             keepalive_id;
  guint             collect_id;
};

G_DEFINE_FINAL_TYPE (AdEventHub, ad_event_hub, G_TYPE_OBJECT)

static void
queue_state_free (QueueState *state)
{
  g_clear_handle_id (&state->source_id, g_source_remove);
  g_free (state->queue);
  g_free (state);
}

static void
count_token (AdEventHub *self,
             const char *token_hash,
             int         delta)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_token, token_hash)) + delta;

  if (n == 0)
    g_hash_table_remove (self->per_token, token_hash);
  else
    g_hash_table_replace (self->per_token, g_strdup (token_hash), GUINT_TO_POINTER (n));
}

static char *
index_key (AdTriggerKey  key,
           const char   *value)
{
  static const char prefixes[] = {
    [AD_TRIGGER_AGENT] = 'A', [AD_TRIGGER_PLACE] = 'P', [AD_TRIGGER_DN] = 'D',
    [AD_TRIGGER_QUEUE] = 'Q',
  };

  return g_strdup_printf ("%c%s", prefixes[key], value);
}

/* Calls @func with every list of the index @subscription belongs in. */
static void
index_foreach (AdEventHub     *self,
               AdSubscription *subscription,
               gboolean        create,
               void          (*func) (GPtrArray *, AdSubscription *))
{
  GPtrArray *topics = ad_subscription_get_topics (subscription);

  for (guint i = 0; i < topics->len; i++)
    {
      AdTopic *topic = g_ptr_array_index (topics, i);

      for (guint j = 0; j < topic->triggers->len; j++)
        {
          AdTrigger *trigger = &g_array_index (topic->triggers, AdTrigger, j);
          g_autofree char *key = NULL;
          GPtrArray *list;

          if (trigger->key == AD_TRIGGER_ALL)
            {
              func (self->catch_all, subscription);
              continue;
            }

          key = index_key (trigger->key, trigger->value);
          list = g_hash_table_lookup (self->index, key);
          if (list == NULL && create)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (self->index, g_strdup (key), list);
            }
          if (list != NULL)
            {
              func (list, subscription);
              if (list->len == 0)
                g_hash_table_remove (self->index, key);
            }
        }
    }
}

static void
list_add (GPtrArray      *list,
          AdSubscription *subscription)
{
  if (!g_ptr_array_find (list, subscription, NULL))
    g_ptr_array_add (list, subscription);
}

static void
list_remove (GPtrArray      *list,
             AdSubscription *subscription)
{
  g_ptr_array_remove_fast (list, subscription);
}

static void
remove_subscription (AdEventHub     *self,
                     AdSubscription *subscription)
{
  g_autoptr(AdSubscription) ref = g_object_ref (subscription);

  if (g_hash_table_remove (self->subscriptions, ad_subscription_get_id (ref)))
    {
      index_foreach (self, ref, FALSE, list_remove);
      count_token (self, ad_subscription_get_owner_token (ref), -1);
      ad_subscription_cut_stream (ref);
    }
}

/* The subscriptions that may want an event about @keys, each once. */
static GPtrArray *
find_candidates (AdEventHub        *self,
                 const AdEventKeys *keys)
{
  const struct { AdTriggerKey key; const char *value; } lookups[] = {
    { AD_TRIGGER_AGENT, keys->agent_id }, { AD_TRIGGER_PLACE, keys->place_id },
    { AD_TRIGGER_DN, keys->dn_id }, { AD_TRIGGER_QUEUE, keys->queue },
  };
  GPtrArray *candidates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i <= G_N_ELEMENTS (lookups); i++)
    {
      GPtrArray *list;

      if (i == G_N_ELEMENTS (lookups))
        list = self->catch_all;
      else if (lookups[i].value == NULL)
        continue;
      else
        {
          g_autofree char *key = index_key (lookups[i].key, lookups[i].value);

          list = g_hash_table_lookup (self->index, key);
        }

      for (guint j = 0; list != NULL && j < list->len; j++)
        if (g_hash_table_add (seen, g_ptr_array_index (list, j)))
          g_ptr_array_add (candidates, g_object_ref (g_ptr_array_index (list, j)));
    }

  return candidates;
}

/* Sends @kind events about @keys to every subscription that wants them;
 * @make_data builds the event data from @dto restricted to the attributes
 * a subscription asked for (NULL: all). */
typedef JsonObject *(*MakeData) (JsonObject         *dto,
                                 const char         *id,
                                 const char * const *attributes);

/* The event's text for @attributes (NULL: all), made once per set of
 * attributes and kept in @texts. */
static const char *
text_for (GHashTable         *texts,
          JsonObject         *dto,
          const char         *id,
          const char * const *attributes,
          MakeData            make_data)
{
  g_autofree char *key = attributes != NULL ? g_strjoinv ("\n", (char **) attributes)
                                            : g_strdup ("*");
  const char *text = g_hash_table_lookup (texts, key);

  if (text == NULL)
    {
      g_autoptr(JsonObject) data = make_data (dto, id, attributes);
      char *made = ad_json_object_to_string (data);

      g_hash_table_insert (texts, g_steal_pointer (&key), made);
      text = made;
    }
  return text;
}

static void
dispatch (AdEventHub        *self,
          AdEventKind        kind,
          const char        *event_name,
          const AdEventKeys *keys,
          JsonObject        *dto,
          const char        *id,
          MakeData           make_data)
{
  /* Subscriptions that ask for the same attributes share one text. */
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) candidates = find_candidates (self, keys);
  g_autoptr(GPtrArray) wanting = g_ptr_array_new ();
  g_autoptr(GPtrArray) wanted_texts = g_ptr_array_new ();
  guint64 seq;

  for (guint i = 0; i < candidates->len; i++)
    {
      AdSubscription *subscription = g_ptr_array_index (candidates, i);
      const char * const *attributes;

      if (!ad_subscription_match (subscription, kind, keys, &attributes))
        continue;

      g_ptr_array_add (wanting, subscription);
      g_ptr_array_add (wanted_texts, (gpointer) text_for (texts, dto, id, attributes, make_data));
    }

  if (wanting->len == 0)
    return;

  /* The log keeps the event with every attribute, once for all the
   * subscriptions; a replay filters it again. */
  seq = ad_event_log_append (self->log, event_name, kind, keys,
                             text_for (texts, dto, id, NULL, make_data));

  for (guint i = 0; i < wanting->len; i++)
    ad_subscription_push (g_ptr_array_index (wanting, i), seq, event_name,
                          g_ptr_array_index (wanted_texts, i));
}

static JsonObject *
make_interaction_data (JsonObject         *dto,
                       const char         *id,
                       const char * const *attributes)
{
  JsonObject *data = json_object_new ();

  json_object_set_string_member (data, "interactionId", id);
  json_object_set_object_member (data, "attributes",
                                 ad_json_filter_attributes (dto, attributes));
  return data;
}

static JsonObject *
make_agent_data (JsonObject         *dto,
                 const char         *id,
                 const char * const *attributes)
{
  JsonObject *data = json_object_new ();

  json_object_set_string_member (data, "agentId", id);
  json_object_set_object_member (data, "attributes",
                                 ad_json_filter_attributes (dto, attributes));
  return data;
}

static JsonObject *
make_queue_data (JsonObject         *dto,
                 const char         *id,
                 const char * const *attributes)
{
  return json_object_ref (dto);
}

static void
on_interaction_event (AdCallCenter *center,
                      const char   *interaction_id,
                      const char   *agent_id,
                      const char   *dn_id,
                      const char   *place_id,
                      JsonObject   *dto,
                      AdEventHub   *self)
{
  AdEventKeys keys = { agent_id, place_id, dn_id, NULL };

  dispatch (self, AD_EVENT_KIND_INTERACTION, "InteractionEvent", &keys, dto,
            interaction_id, make_interaction_data);
}

static void
on_agent_event (AdCallCenter *center,
                const char   *agent_id,
                const char   *place_id,
                JsonObject   *dto,
                AdEventHub   *self)
{
  AdEventKeys keys = { agent_id, place_id, NULL, NULL };

  dispatch (self, AD_EVENT_KIND_AGENT, "AgentEvent", &keys, dto, agent_id, make_agent_data);
}

static void
send_queue_event (QueueState *state)
{
  AdEventHub *self = state->hub;
  AdEventKeys keys = { NULL, NULL, NULL, state->queue };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) stats = ad_call_center_get_queue_stats (self->center, state->queue,
                                                                &error);

  state->last_sent = g_get_monotonic_time ();
  if (stats == NULL)
    {
      g_warning ("No statistics for queue “%s”: %s", state->queue, error->message);
      return;
    }

  dispatch (self, AD_EVENT_KIND_QUEUE, "QueueEvent", &keys, stats, state->queue,
            make_queue_data);
}

static gboolean
on_queue_interval_ended (gpointer user_data)
{
  QueueState *state = user_data;

  state->source_id = 0;
  send_queue_event (state);
  return G_SOURCE_REMOVE;
}

/* A wallboard wants the figures fresh, not every change of them: send at
 * once when the last QueueEvent of the queue is an interval old, else
 * once when the interval ends. */
static void
on_queue_changed (AdCallCenter *center,
                  const char   *queue,
                  AdEventHub   *self)
{
  QueueState *state = g_hash_table_lookup (self->queues, queue);
  gint64 interval = (gint64) self->limits.queue_event_interval_ms * 1000;
  gint64 now = g_get_monotonic_time ();

  if (state == NULL)
    {
      state = g_new0 (QueueState, 1);
      state->hub = self;
      state->queue = g_strdup (queue);
      g_hash_table_insert (self->queues, state->queue, state);
    }

  if (state->source_id != 0)
    return;

  if (state->last_sent == 0 || now - state->last_sent >= interval)
    send_queue_event (state);
  else
    state->source_id = g_timeout_add (MAX ((state->last_sent + interval - now) / 1000, 1),
                                      on_queue_interval_ended, state);
}

static void
on_session_ended (AdAuth     *auth,
                  const char *token_hash,
                  AdEventHub *self)
{
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  AdSubscription *subscription;

  g_hash_table_iter_init (&iter, self->subscriptions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &subscription))
    if (g_strcmp0 (ad_subscription_get_owner_token (subscription), token_hash) == 0)
      g_ptr_array_add (owned, g_object_ref (subscription));

  for (guint i = 0; i < owned->len; i++)
    remove_subscription (self, g_ptr_array_index (owned, i));
}

static gboolean
on_keepalive (gpointer user_data)
{
  AdEventHub *self = user_data;
  g_autoptr(GPtrArray) streaming = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  AdSubscription *subscription;

  g_hash_table_iter_init (&iter, self->subscriptions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &subscription))
    if (ad_subscription_has_stream (subscription))
      g_ptr_array_add (streaming, g_object_ref (subscription));

  /* An open stream is a token in use; the write also finds out about
   * readers that went away without a word. */
  for (guint i = 0; i < streaming->len; i++)
    {
      subscription = g_ptr_array_index (streaming, i);
      ad_auth_touch (self->auth, ad_subscription_get_owner_token (subscription));
      ad_subscription_keepalive (subscription, STALL_KEEPALIVES);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
on_collect (gpointer user_data)
{
  AdEventHub *self = user_data;
  g_autoptr(GPtrArray) expired = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 linger = (gint64) self->limits.linger_ms * 1000;
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  AdSubscription *subscription;

  g_hash_table_iter_init (&iter, self->subscriptions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &subscription))
    {
      gint64 idle_since = ad_subscription_get_idle_since (subscription);

      if (idle_since != 0 && now - idle_since >= linger)
        g_ptr_array_add (expired, g_object_ref (subscription));
    }

  for (guint i = 0; i < expired->len; i++)
    {
      subscription = g_ptr_array_index (expired, i);
      g_debug ("Subscription %s had no stream for %u ms: collected",
               ad_subscription_get_id (subscription), self->limits.linger_ms);
      remove_subscription (self, subscription);
    }
  ad_event_log_expire (self->log);

  return G_SOURCE_CONTINUE;
}

/* An agent's triggers may only name itself, its place and its DNs. */
static gboolean
authorize_topic (AdEventHub           *self,
                 const AdAuthSession  *who,
                 AdTopic              *topic,
                 GError              **error)
{
  if (topic->kind == AD_EVENT_KIND_QUEUE && !ad_access_require_supervisor (who, error))
    {
      g_prefix_error (error, "StatisticsService: ");
      return FALSE;
    }

  if (topic->triggers->len == 0)
    {
      AdTrigger trigger = { AD_TRIGGER_ALL, NULL };

      if (who->role == AD_ROLE_AGENT)
        {
          trigger.key = AD_TRIGGER_AGENT;
          trigger.value = g_strdup (who->agent_id);
        }
      g_array_append_val (topic->triggers, trigger);
      return TRUE;
    }

  for (guint i = 0; i < topic->triggers->len; i++)
    {
      AdTrigger *trigger = &g_array_index (topic->triggers, AdTrigger, i);
      gboolean ok = TRUE;

      switch (trigger->key)
        {
        case AD_TRIGGER_ALL:
          ok = ad_access_require_supervisor (who, error);
          if (!ok)
            g_prefix_error (error, "The trigger ALL: ");
          break;
        case AD_TRIGGER_AGENT:
          ok = ad_access_check_agent (self->center, who, trigger->value, error);
          break;
        case AD_TRIGGER_PLACE:
          ok = ad_access_check_place (self->center, who, trigger->value, error);
          break;
        case AD_TRIGGER_DN:
          ok = ad_access_check_dn (self->center, who, trigger->value, error);
          break;
        case AD_TRIGGER_QUEUE:
          ok = ad_access_check_queue (self->center, who, trigger->value, error);
          break;
        default:
          g_assert_not_reached ();
        }

      if (!ok)
        return FALSE;
    }

  return TRUE;
}

void
ad_event_hub_limits_init (AdEventHubLimits *limits)
{
  limits->keepalive_ms = 15000;
  limits->linger_ms = 60000;
  limits->max_per_token = 256;
  limits->max_total = 4096;
  limits->queue_event_interval_ms = 1000;
  limits->log_events = 32768;
  limits->log_bytes = 32 * 1024 * 1024;
  limits->subscription.replay_events = 1024;
  limits->subscription.stream_queue_max = 1024 * 1024;
}

AdEventHub *
ad_event_hub_new (AdCallCenter           *center,
                  AdAuth                 *auth,
                  const AdEventHubLimits *limits)
{
  AdEventHub *self = g_object_new (AD_TYPE_EVENT_HUB, NULL);

  self->center = g_object_ref (center);
  self->auth = g_object_ref (auth);
  self->limits = *limits;
  /* Events older than the linger time have no one left to replay them
   * to (a subscription without a stream is gone by then). */
  self->log = ad_event_log_new (limits->log_events, limits->log_bytes, limits->linger_ms);

  g_signal_connect_object (center, "interaction-event",
                           G_CALLBACK (on_interaction_event), self, 0);
  g_signal_connect_object (center, "agent-event", G_CALLBACK (on_agent_event), self, 0);
  g_signal_connect_object (center, "queue-changed", G_CALLBACK (on_queue_changed), self, 0);
  g_signal_connect_object (auth, "session-ended", G_CALLBACK (on_session_ended), self, 0);

  self->keepalive_id = g_timeout_add (MAX (limits->keepalive_ms, 1), on_keepalive, self);
  self->collect_id = g_timeout_add (CLAMP (limits->linger_ms / 4, 1, 1000), on_collect, self);

  return self;
}

AdSubscription *
ad_event_hub_subscribe (AdEventHub           *self,
                        const AdAuthSession  *who,
                        JsonObject           *body,
                        GError              **error)
{
  g_autoptr(GPtrArray) topics = NULL;
  g_autofree char *id = NULL;
  AdSubscription *subscription;
  guint owned;

  g_return_val_if_fail (AD_IS_EVENT_HUB (self), NULL);

  topics = ad_topics_from_json (body, error);
  if (topics == NULL)
    return NULL;

  for (guint i = 0; i < topics->len; i++)
    if (!authorize_topic (self, who, g_ptr_array_index (topics, i), error))
      return NULL;

  owned = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_token, who->token_hash));
  if (owned >= self->limits.max_per_token)
    {
      g_set_error (error, AD_ERROR, AD_ERROR_TOO_MANY_REQUESTS,
                   "A token may hold %u subscriptions; delete one first",
                   self->limits.max_per_token);
      return NULL;
    }
  if (g_hash_table_size (self->subscriptions) >= self->limits.max_total)
    {
      g_set_error (error, AD_ERROR, AD_ERROR_TOO_MANY_REQUESTS,
                   "The switch holds its maximum of %u subscriptions; try again later",
                   self->limits.max_total);
      return NULL;
    }

  id = g_uuid_string_random ();
  subscription = ad_subscription_new (id, who->token_hash, who->agent_id, topics, self->log,
                                      &self->limits.subscription);
  g_hash_table_insert (self->subscriptions, g_strdup (id), subscription);
  index_foreach (self, subscription, TRUE, list_add);
  count_token (self, who->token_hash, +1);

  g_debug ("%s subscribed: %s", who->username, id);
  return subscription;
}

AdSubscription *
ad_event_hub_lookup (AdEventHub           *self,
                     const AdAuthSession  *who,
                     const char           *id,
                     GError              **error)
{
  AdSubscription *subscription = g_hash_table_lookup (self->subscriptions, id);

  if (subscription == NULL)
    {
      g_set_error (error, AD_ERROR, AD_ERROR_NOT_FOUND, "There is no subscription “%s”", id);
      return NULL;
    }

  if (who->role != AD_ROLE_SUPERVISOR &&
      g_strcmp0 (ad_subscription_get_owner_agent (subscription), who->agent_id) != 0)
    {
      g_set_error (error, AD_ERROR, AD_ERROR_FORBIDDEN,
                   "The subscription “%s” belongs to another agent", id);
      return NULL;
    }

  return subscription;
}

void
ad_event_hub_unsubscribe (AdEventHub     *self,
                          AdSubscription *subscription)
{
  g_return_if_fail (AD_IS_EVENT_HUB (self));

  remove_subscription (self, subscription);
}

guint
ad_event_hub_get_n_subscriptions (AdEventHub *self)
{
  return g_hash_table_size (self->subscriptions);
}

guint
ad_event_hub_get_n_streams (AdEventHub *self)
{
  GHashTableIter iter;
  AdSubscription *subscription;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->subscriptions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &subscription))
    n += ad_subscription_has_stream (subscription);

  return n;
}

void
ad_event_hub_drop_streams (AdEventHub *self)
{
  GHashTableIter iter;
  AdSubscription *subscription;

  g_hash_table_iter_init (&iter, self->subscriptions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &subscription))
    ad_subscription_cut_stream (subscription);
}

void
ad_event_hub_shutdown (AdEventHub *self)
{
  g_return_if_fail (AD_IS_EVENT_HUB (self));

  g_clear_handle_id (&self->keepalive_id, g_source_remove);
  g_clear_handle_id (&self->collect_id, g_source_remove);
  if (self->center != NULL)
    g_signal_handlers_disconnect_by_data (self->center, self);
  if (self->auth != NULL)
    g_signal_handlers_disconnect_by_data (self->auth, self);
  ad_event_hub_drop_streams (self);
  g_hash_table_remove_all (self->index);
  g_ptr_array_set_size (self->catch_all, 0);
  g_hash_table_remove_all (self->subscriptions);
  g_hash_table_remove_all (self->per_token);
  g_hash_table_remove_all (self->queues);
}

static void
ad_event_hub_dispose (GObject *object)
{
  AdEventHub *self = AD_EVENT_HUB (object);

  ad_event_hub_shutdown (self);
  g_clear_object (&self->center);
  g_clear_object (&self->auth);

  G_OBJECT_CLASS (ad_event_hub_parent_class)->dispose (object);
}

static void
ad_event_hub_finalize (GObject *object)
{
  AdEventHub *self = AD_EVENT_HUB (object);

  g_clear_pointer (&self->subscriptions, g_hash_table_unref);
  g_clear_object (&self->log);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->catch_all, g_ptr_array_unref);
  g_clear_pointer (&self->per_token, g_hash_table_unref);
  g_clear_pointer (&self->queues, g_hash_table_unref);

  G_OBJECT_CLASS (ad_event_hub_parent_class)->finalize (object);
}

static void
ad_event_hub_class_init (AdEventHubClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ad_event_hub_dispose;
  object_class->finalize = ad_event_hub_finalize;
}

static void
ad_event_hub_init (AdEventHub *self)
{
  self->subscriptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  self->catch_all = g_ptr_array_new ();
  self->per_token = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->queues = g_hash_table_new_full (g_str_hash, g_str_equal,
                                        NULL, (GDestroyNotify) queue_state_free);
}
