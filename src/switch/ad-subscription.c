/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdSubscription"

#include "config.h"

#include "ad-subscription.h"

#include <string.h>

#define KEEPALIVE_TEXT ": keepalive\n\n"

struct _AdSubscription
{
  GObject               parent_instance;

  char                 *id;
  char                 *owner_token_hash;
  char                 *owner_agent_id;
  GPtrArray            *topics;        /* of AdTopic */
  AdSubscriptionLimits  limits;
  GPtrArray            *match_attributes;

  /* Which logged events its events first_id … next_id - 1 are: event
   * first_id + i is log seq seqs[seqs_head + i]. Those before seqs_head
   * are dropped from the array in batches. */
  AdEventLog           *log;
  GArray               *seqs;          /* of guint64 */
  guint                 seqs_head;
  guint64               first_id;
  guint64               next_id;

  SoupServerMessage    *stream;
  gsize                 queued;        /* appended, not yet written */
  guint64               last_queued_id;
  gint64                last_progress; /* when the stream last took bytes */
  gint64                last_tick;     /* the last keepalive */
  guint                 stalled_ticks; /* keepalives in a row that found it stuck */
  gint64                idle_since;
};

G_DEFINE_FINAL_TYPE (AdSubscription, ad_subscription, G_TYPE_OBJECT)

static const struct {
  const char  *service;
  const char  *event;
  AdEventKind  kind;
} event_names[] = {
  { "InteractionService", "InteractionEvent", AD_EVENT_KIND_INTERACTION },
  { "AgentService", "AgentEvent", AD_EVENT_KIND_AGENT },
  { "StatisticsService", "QueueEvent", AD_EVENT_KIND_QUEUE },
};

static const struct {
  const char   *name;
  AdTriggerKey  key;
} trigger_names[] = {
  { "ALL", AD_TRIGGER_ALL },
  { "AGENT", AD_TRIGGER_AGENT },
  { "PLACE", AD_TRIGGER_PLACE },
  { "DN", AD_TRIGGER_DN },
  { "QUEUE", AD_TRIGGER_QUEUE },
};

static void
trigger_clear (AdTrigger *trigger)
{
  g_clear_pointer (&trigger->value, g_free);
}

static void
topic_free (AdTopic *topic)
{
  g_strfreev (topic->attributes);
  g_array_unref (topic->triggers);
  g_free (topic);
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, AD_ERROR, AD_ERROR_INVALID_REQUEST, message);
  return FALSE;
}

static gboolean
parse_attributes (JsonObject  *event,
                  AdTopic     *topic,
                  GError     **error)
{
  JsonArray *array;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (!ad_json_get_array (event, "attributes", FALSE, &array, error))
    return FALSE;
  if (array == NULL || json_array_get_length (array) == 0)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return invalid (error, "“attributes” must be an array of strings");
      g_strv_builder_add (builder, json_node_get_string (node));
    }

  topic->attributes = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
parse_triggers (JsonObject  *event,
                AdTopic     *topic,
                GError     **error)
{
  JsonArray *array;

  if (!ad_json_get_array (event, "triggers", FALSE, &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *key, *value;
      AdTrigger trigger = { 0 };
      gboolean known = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, "“triggers” must be an array of {\"key\", \"value\"} objects");
      object = json_node_get_object (node);
      if (!ad_json_get_string (object, "key", TRUE, &key, error) ||
          !ad_json_get_string (object, "value", FALSE, &value, error))
        return FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (trigger_names); j++)
        if (strcmp (trigger_names[j].name, key) == 0)
          {
            trigger.key = trigger_names[j].key;
            known = TRUE;
          }
      if (!known)
        return invalid (error, "Unknown trigger key “%s”", key);
      if (trigger.key != AD_TRIGGER_ALL && value == NULL)
        return invalid (error, "The trigger “%s” needs a “value”", key);
      if (trigger.key == AD_TRIGGER_QUEUE && topic->kind != AD_EVENT_KIND_QUEUE)
        return invalid (error, "The trigger QUEUE applies to QueueEvent only");

      trigger.value = trigger.key != AD_TRIGGER_ALL ? g_strdup (value) : NULL;
      g_array_append_val (topic->triggers, trigger);
    }

  return TRUE;
}

GPtrArray *
ad_topics_from_json (JsonObject  *body,
                     GError     **error)
{
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func ((GDestroyNotify) topic_free);
  JsonArray *services;

  if (!ad_json_get_array (body, "topicsServices", TRUE, &services, error))
    return NULL;

  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonNode *node = json_array_get_element (services, i);
      JsonObject *service;
      const char *service_name;
      JsonArray *events;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          invalid (error, "“topicsServices” must be an array of objects");
          return NULL;
        }
      service = json_node_get_object (node);
      if (!ad_json_get_string (service, "serviceName", TRUE, &service_name, error) ||
          !ad_json_get_array (service, "topicsEvents", TRUE, &events, error))
        return NULL;

      for (guint j = 0; j < json_array_get_length (events); j++)
        {
          JsonNode *event_node = json_array_get_element (events, j);
          JsonObject *event;
          const char *event_name;
          AdTopic *topic;
          gboolean known = FALSE;

          if (!JSON_NODE_HOLDS_OBJECT (event_node))
            {
              invalid (error, "“topicsEvents” must be an array of objects");
              return NULL;
            }
          event = json_node_get_object (event_node);
          if (!ad_json_get_string (event, "eventName", TRUE, &event_name, error))
            return NULL;

          topic = g_new0 (AdTopic, 1);
          topic->triggers = g_array_new (FALSE, TRUE, sizeof (AdTrigger));
          g_array_set_clear_func (topic->triggers, (GDestroyNotify) trigger_clear);
          g_ptr_array_add (topics, topic);

          for (guint k = 0; k < G_N_ELEMENTS (event_names); k++)
            if (strcmp (event_names[k].service, service_name) == 0 &&
                strcmp (event_names[k].event, event_name) == 0)
              {
                topic->kind = event_names[k].kind;
                known = TRUE;
              }
          if (!known)
            {
              invalid (error, "Unknown service and event “%s” / “%s”", service_name, event_name);
              return NULL;
            }

          if (!parse_attributes (event, topic, error) ||
              !parse_triggers (event, topic, error))
            return NULL;
        }
    }

  if (topics->len == 0)
    {
      invalid (error, "A subscription needs at least one topic");
      return NULL;
    }

  return g_steal_pointer (&topics);
}

static gboolean
trigger_matches (const AdTrigger   *trigger,
                 const AdEventKeys *keys)
{
  switch (trigger->key)
    {
    case AD_TRIGGER_ALL:
      return TRUE;
    case AD_TRIGGER_AGENT:
      return g_strcmp0 (trigger->value, keys->agent_id) == 0;
    case AD_TRIGGER_PLACE:
      return g_strcmp0 (trigger->value, keys->place_id) == 0;
    case AD_TRIGGER_DN:
      return g_strcmp0 (trigger->value, keys->dn_id) == 0;
    case AD_TRIGGER_QUEUE:
      return g_strcmp0 (trigger->value, keys->queue) == 0;
    default:
      return FALSE;
    }
}

static void fill_stream (AdSubscription *self);

static guint64
seq_of (AdSubscription *self,
        guint64         id)
{
  return g_array_index (self->seqs, guint64, self->seqs_head + (id - self->first_id));
}

static void
forget_first (AdSubscription *self)
{
  self->seqs_head++;
  self->first_id++;

  if (self->seqs_head >= 256 && self->seqs_head >= self->seqs->len / 2)
    {
      g_array_remove_range (self->seqs, 0, self->seqs_head);
      self->seqs_head = 0;
    }
}

/* Forgets its events that the log no longer holds: they cannot be
 * replayed. The log forgets the oldest first, so these come first. */
static void
drop_forgotten (AdSubscription *self)
{
  while (self->first_id < self->next_id &&
         ad_event_log_lookup (self->log, seq_of (self, self->first_id)) == NULL)
    forget_first (self);
}

static GBytes *
format_event (guint64     id,
              const char *event_name,
              const char *data)
{
  char *text = g_strdup_printf ("id: %" G_GUINT64_FORMAT "\nevent: %s\ndata: %s\n\n",
                                id, event_name, data);

  return g_bytes_new_take (text, strlen (text));
}

/* The text event @id had when it was pushed: the logged data holds every
 * attribute, the subscription may have asked for fewer. */
static GBytes *
replay_event (AdSubscription      *self,
              guint64              id,
              const AdLoggedEvent *event)
{
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filtered = NULL;
  const char * const *attributes = NULL;
  JsonObject *all;

  if ((event->kind != AD_EVENT_KIND_INTERACTION && event->kind != AD_EVENT_KIND_AGENT) ||
      !ad_subscription_match (self, event->kind, &event->keys, &attributes) ||
      attributes == NULL)
    return format_event (id, event->event_name, event->data);

  data = ad_json_parse_object (event->data, -1, &error);
  if (data == NULL || !ad_json_get_object (data, "attributes", TRUE, &all, &error))
    {
      g_critical ("A logged %s does not parse: %s", event->event_name, error->message);
      return format_event (id, event->event_name, event->data);
    }
  json_object_set_object_member (data, "attributes",
                                 ad_json_filter_attributes (all, attributes));
  filtered = ad_json_object_to_string (data);
  return format_event (id, event->event_name, filtered);
}

static void
on_stream_wrote_body_data (SoupServerMessage *msg,
                           guint              chunk_size,
                           AdSubscription    *self)
{
  self->queued -= MIN (self->queued, chunk_size);
  self->last_progress = g_get_monotonic_time ();
  fill_stream (self);
}

static void
detach_stream (AdSubscription *self)
{
  g_signal_handlers_disconnect_by_data (self->stream, self);
  g_clear_object (&self->stream);
  self->queued = 0;
  self->idle_since = g_get_monotonic_time ();
}

static void
on_stream_finished (SoupServerMessage *msg,
                    AdSubscription    *self)
{
  g_debug ("Stream of subscription %s ended", self->id);
  detach_stream (self);
}

static void
write_to_stream (AdSubscription *self,
                 GBytes         *bytes)
{
  SoupMessageBody *body = soup_server_message_get_response_body (self->stream);

  soup_message_body_append_bytes (body, bytes);
  self->queued += g_bytes_get_size (bytes);
  soup_server_message_unpause (self->stream);
}

/* Feeds a stream that is behind (replaying after Last-Event-ID) from the
 * event log, a little at a time as its reader takes it. */
static void
fill_stream (AdSubscription *self)
{
  drop_forgotten (self);

  while (self->stream != NULL &&
         self->last_queued_id + 1 < self->next_id &&
         self->queued < self->limits.stream_queue_max / 2)
    {
      guint64 id = self->last_queued_id + 1;
      g_autoptr(GBytes) bytes = NULL;

      if (id < self->first_id)
        {
          /* The reader fell behind what the log holds: it resumes with
           * ResyncRequired. */
          g_debug ("Stream of subscription %s fell behind the event log: cutting it",
                   self->id);
          ad_subscription_cut_stream (self);
          return;
        }

      bytes = replay_event (self, id, ad_event_log_lookup (self->log, seq_of (self, id)));
      write_to_stream (self, bytes);
      self->last_queued_id = id;
    }
}

const char *
ad_subscription_get_id (AdSubscription *self)
{
  return self->id;
}

const char *
ad_subscription_get_owner_token (AdSubscription *self)
{
  return self->owner_token_hash;
}

const char *
ad_subscription_get_owner_agent (AdSubscription *self)
{
  return self->owner_agent_id;
}

GPtrArray *
ad_subscription_get_topics (AdSubscription *self)
{
  return self->topics;
}

AdSubscription *
ad_subscription_new (const char                 *id,
                     const char                 *owner_token_hash,
                     const char                 *owner_agent_id,
                     GPtrArray                  *topics,
                     AdEventLog                 *log,
                     const AdSubscriptionLimits *limits)
{
  AdSubscription *self = g_object_new (AD_TYPE_SUBSCRIPTION, NULL);

  self->id = g_strdup (id);
  self->owner_token_hash = g_strdup (owner_token_hash);
  self->owner_agent_id = g_strdup (owner_agent_id);
  self->topics = g_ptr_array_ref (topics);
  self->log = g_object_ref (log);
  self->limits = *limits;

  return self;
}

gboolean
ad_subscription_match (AdSubscription      *self,
                       AdEventKind          kind,
                       const AdEventKeys   *keys,
                       const char * const **attributes)
{
  gboolean matched = FALSE;
  gboolean everything = FALSE;

  g_ptr_array_set_size (self->match_attributes, 0);

  for (guint i = 0; i < self->topics->len; i++)
    {
      AdTopic *topic = g_ptr_array_index (self->topics, i);
      gboolean hit = FALSE;

      if (topic->kind != kind)
        continue;

      for (guint j = 0; j < topic->triggers->len && !hit; j++)
        hit = trigger_matches (&g_array_index (topic->triggers, AdTrigger, j), keys);
      if (!hit)
        continue;

      matched = TRUE;
      if (topic->attributes == NULL)
        everything = TRUE;
      else
        for (guint j = 0; topic->attributes[j] != NULL; j++)
          g_ptr_array_add (self->match_attributes, topic->attributes[j]);
    }

  if (!matched)
    return FALSE;

  if (everything)
    {
      *attributes = NULL;
    }
  else
    {
      g_ptr_array_add (self->match_attributes, NULL);
      *attributes = (const char * const *) self->match_attributes->pdata;
    }
  return TRUE;
}

void
ad_subscription_push (AdSubscription *self,
                      guint64         seq,
                      const char     *event_name,
                      const char     *data)
{
  guint64 id = self->next_id++;
  g_autoptr(GBytes) bytes = NULL;

  /* What the log forgot cannot be replayed: a subscription holds no more
   * than the log does, whatever its own bound. */
  g_array_append_val (self->seqs, seq);
  drop_forgotten (self);
  while (self->next_id - self->first_id > MAX (self->limits.replay_events, 1))
    forget_first (self);

  if (self->stream == NULL)
    return;

  if (self->last_queued_id + 1 != id)
    {
      fill_stream (self);
      return;
    }

  bytes = format_event (id, event_name, data);
  write_to_stream (self, bytes);
  self->last_queued_id = id;

  /* A reader that does not keep up must not make the switch hold an
   * ever-growing queue: cut it; it resumes with Last-Event-ID. */
  if (self->queued > self->limits.stream_queue_max)
    {
      g_debug ("Stream of subscription %s has %" G_GSIZE_FORMAT " bytes unread: cutting it",
               self->id, self->queued);
      ad_subscription_cut_stream (self);
    }
}

void
ad_subscription_attach_stream (AdSubscription    *self,
                               SoupServerMessage *msg,
                               gboolean           has_last_event_id,
                               guint64            last_event_id)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  guint64 resume = has_last_event_id ? last_event_id : self->last_queued_id;

  if (self->stream != NULL)
    {
      g_debug ("A new stream replaces the one of subscription %s", self->id);
      ad_subscription_cut_stream (self);
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);

  self->stream = g_object_ref (msg);
  self->idle_since = 0;
  self->queued = 0;
  self->last_progress = g_get_monotonic_time ();
  self->last_tick = self->last_progress;
  self->stalled_ticks = 0;
  g_signal_connect (msg, "wrote-body-data", G_CALLBACK (on_stream_wrote_body_data), self);
  g_signal_connect (msg, "finished", G_CALLBACK (on_stream_finished), self);
  g_signal_connect (msg, "disconnected", G_CALLBACK (on_stream_finished), self);

  drop_forgotten (self);
  if (resume + 1 >= self->first_id && resume < self->next_id)
    {
      self->last_queued_id = resume;
      fill_stream (self);
    }
  else
    {
      AdEventKeys no_keys = { NULL, NULL, NULL, NULL };
      g_autoptr(JsonObject) data = json_object_new ();
      g_autofree char *text = NULL;
      guint64 seq;

      /* What the client missed is gone: it refetches, then carries on
       * with what comes next. */
      g_debug ("Subscription %s cannot resume after %" G_GUINT64_FORMAT ": resync",
               self->id, resume);
      json_object_set_int_member (data, "lastEventId", resume);
      json_object_set_int_member (data, "firstAvailableId", self->first_id);
      self->last_queued_id = self->next_id - 1;
      text = ad_json_object_to_string (data);
      seq = ad_event_log_append (self->log, "ResyncRequired", AD_EVENT_KIND_RESYNC,
                                 &no_keys, text);
      ad_subscription_push (self, seq, "ResyncRequired", text);
    }
}

gboolean
ad_subscription_has_stream (AdSubscription *self)
{
  return self->stream != NULL;
}

void
ad_subscription_cut_stream (AdSubscription *self)
{
  g_autoptr(SoupServerMessage) msg = NULL;
  GSocket *socket;

  if (self->stream == NULL)
    return;

  msg = g_object_ref (self->stream);
  detach_stream (self);

  /* Ending the body lets a reader that keeps up see a clean end; shutting
   * the socket down makes sure a stalled one cannot hold the connection
   * (and its queued chunks) open. */
  soup_message_body_complete (soup_server_message_get_response_body (msg));
  soup_server_message_unpause (msg);
  socket = soup_server_message_get_socket (msg);
  if (socket != NULL)
    g_socket_shutdown (socket, FALSE, TRUE, NULL);
}

void
ad_subscription_keepalive (AdSubscription *self,
                           guint           max_stalled)
{
  static GBytes *keepalive;
  gint64 now = g_get_monotonic_time ();

  if (self->stream == NULL)
    return;

  /* Stuck: data was waiting and the stream took nothing since the last
   * keepalive. A reader stuck for several keepalives in a row would hold
   * its connection forever when events are rare: cut it too. Counting
   * ticks rather than time keeps a busy moment of the switch itself from
   * looking like a stalled reader. */
  if (self->queued > 0 && self->last_progress <= self->last_tick)
    self->stalled_ticks++;
  else
    self->stalled_ticks = 0;
  self->last_tick = now;

  if (self->stalled_ticks >= max_stalled)
    {
      g_debug ("Stream of subscription %s took nothing for %u keepalives: cutting it",
               self->id, self->stalled_ticks);
      ad_subscription_cut_stream (self);
      return;
    }

  if (g_once_init_enter (&keepalive))
    g_once_init_leave (&keepalive, g_bytes_new_static (KEEPALIVE_TEXT, strlen (KEEPALIVE_TEXT)));

  write_to_stream (self, keepalive);
}

gint64
ad_subscription_get_idle_since (AdSubscription *self)
{
  return self->idle_since;
}

static void
ad_subscription_dispose (GObject *object)
{
  AdSubscription *self = AD_SUBSCRIPTION (object);

  ad_subscription_cut_stream (self);

  G_OBJECT_CLASS (ad_subscription_parent_class)->dispose (object);
}

static void
ad_subscription_finalize (GObject *object)
{
  AdSubscription *self = AD_SUBSCRIPTION (object);

  g_clear_object (&self->log);
  g_clear_pointer (&self->seqs, g_array_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->match_attributes, g_ptr_array_unref);
  g_free (self->id);
  g_free (self->owner_token_hash);
  g_free (self->owner_agent_id);

  G_OBJECT_CLASS (ad_subscription_parent_class)->finalize (object);
}

static void
ad_subscription_class_init (AdSubscriptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ad_subscription_dispose;
  object_class->finalize = ad_subscription_finalize;
}

static void
ad_subscription_init (AdSubscription *self)
{
  self->seqs = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->first_id = 1;
  self->next_id = 1;
  self->match_attributes = g_ptr_array_new ();
  self->idle_since = g_get_monotonic_time ();
}
