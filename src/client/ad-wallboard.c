/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdWallboard"

#include "config.h"

#include "ad-board-private.h"
#include "ad-client-enum-types.h"
#include "ad-event-stream.h"
#include "ad-stream-util.h"
#include "ad-wallboard.h"

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_USERNAME,
  PROP_PASSWORD,
  PROP_QUEUES,
  PROP_AGENTS,
  PROP_CONNECTION_STATE,
  PROP_STALE,
  PROP_LAST_UPDATE,
  PROP_ERROR_MESSAGE,
  PROP_FLUSH_INTERVAL_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* An agent and where it sits in the "agents" store. */
typedef struct {
  AdBoardAgent *agent;
  guint         position;
} AgentEntry;

struct _AdWallboard
{
  GObject            parent_instance;

  AdClient          *client;
  char              *username;
  char              *password;
  GCancellable      *cancellable;   /* sign-in, subscription and fetches */
  AdEventStream     *stream;
  gboolean           running;
  GTask             *start_task;    /* ad_wallboard_start_async()'s, until subscribed */

  GListStore        *queues;
  GHashTable        *queue_by_name; /* name → AdQueueStats (the store's) */
  GListStore        *agents;
  GHashTable        *agent_by_id;   /* id → AgentEntry */
  GHashTable        *reason_labels; /* reason code → label (GET /center) */

  /* Latest event data per agent / queue since the last flush. */
  GHashTable        *pending_agents; /* id → JsonObject (agent DTO) */
  GHashTable        *pending_queues; /* name → JsonObject (QueueEvent) */
  guint              flush_id;
  guint              flush_interval_ms;
  AdBoardAgentFields watched_fields;

  guint              fetches;       /* fetches of the current round still out */
  gboolean           painted;       /* a round completed since signing in */
  AdConnectionState  state;
  gboolean           stale;
  GDateTime         *last_update;
  char              *error_message;

  guint              backoff_initial_ms;
  guint              backoff_max_ms;
  guint              retry_ms;
  guint              retry_id;

  guint64            n_events;
  guint64            n_applied;
};

G_DEFINE_FINAL_TYPE (AdWallboard, ad_wallboard, G_TYPE_OBJECT)

static void sign_in (AdWallboard *self);

static void
agent_entry_free (AgentEntry *entry)
{
  g_object_unref (entry->agent);
  g_free (entry);
}

static void
set_last_update_now (AdWallboard *self)
{
  g_clear_pointer (&self->last_update, g_date_time_unref);
  self->last_update = g_date_time_new_now_local ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_UPDATE]);
}

static void
set_error_message (AdWallboard *self,
                   const char  *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
update_stale (AdWallboard *self)
{
  gboolean stale = !(self->state == AD_CONNECTION_STATE_CONNECTED && self->painted);

  if (self->stale == stale)
    return;
  /* The figures were current until this moment. */
  if (stale && self->painted)
    set_last_update_now (self);
  self->stale = stale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

static void
set_state (AdWallboard       *self,
           AdConnectionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  if (state == AD_CONNECTION_STATE_CONNECTED)
    set_error_message (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION_STATE]);
  update_stale (self);
}

/* Applying */

static void
label_reason (AdWallboard  *self,
              AdBoardAgent *agent)
{
  const char *code = ad_board_agent_get_reason_code (agent);

  ad_board_agent_set_reason_label (agent, code != NULL ? g_hash_table_lookup (self->reason_labels, code)
                                                        : NULL);
}

/* Agents changed or added while applying a batch (a flush, a fetch): the
 * agents model hears of them once, at the end. */
typedef struct {
  GArray    *changed;  /* guint positions */
  GPtrArray *added;    /* AdBoardAgent */
} Batch;

static void
apply_agent (AdWallboard  *self,
             Batch        *batch,
             const char   *agent_id,
             JsonObject   *object,
             gboolean      directory)
{
  AgentEntry *entry = g_hash_table_lookup (self->agent_by_id, agent_id);
  AdBoardAgentFields changed;

  if (entry == NULL)
    {
      entry = g_new0 (AgentEntry, 1);
      entry->agent = ad_board_agent_new (agent_id);
      entry->position = g_list_model_get_n_items (G_LIST_MODEL (self->agents)) + batch->added->len;
      g_hash_table_insert (self->agent_by_id, (gpointer) ad_board_agent_get_id (entry->agent),
                           entry);
      if (directory)
        ad_board_agent_apply_directory (entry->agent, object);
      else
        ad_board_agent_apply_dto (entry->agent, object);
      label_reason (self, entry->agent);
      g_ptr_array_add (batch->added, entry->agent);
      self->n_applied++;
      return;
    }

  changed = directory ? ad_board_agent_apply_directory (entry->agent, object)
                      : ad_board_agent_apply_dto (entry->agent, object);
  label_reason (self, entry->agent);
  self->n_applied++;
  /* Sorters and filters only look again at items the model says changed:
   * only what they read. */
  if (changed & self->watched_fields)
    g_array_append_val (batch->changed, entry->position);
}

static Batch *
batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->changed = g_array_new (FALSE, FALSE, sizeof (guint));
  batch->added = g_ptr_array_new ();
  return batch;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* A few changes are told one by one; more as one change of the range they
 * span, since every items-changed costs a sort model and a grid view a
 * pass (a card moving from one end to the other rebinds every card seen).
 * New agents come in one splice. */
#define MAX_SEPARATE_CHANGES 4

static void
batch_end (AdWallboard *self,
           Batch       *batch)
{
  GListModel *agents = G_LIST_MODEL (self->agents);

  if (batch->changed->len > 0 && batch->changed->len <= MAX_SEPARATE_CHANGES)
    {
      for (guint i = 0; i < batch->changed->len; i++)
        {
          guint position = g_array_index (batch->changed, guint, i);
          g_autoptr(GObject) item = g_list_model_get_item (agents, position);

          g_list_store_splice (self->agents, position, 1, (gpointer *) &item, 1);
        }
    }
  else if (batch->changed->len > 0)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      guint first, last;

      g_array_sort (batch->changed, compare_positions);
      first = g_array_index (batch->changed, guint, 0);
      last = g_array_index (batch->changed, guint, batch->changed->len - 1);
      for (guint i = first; i <= last; i++)
        g_ptr_array_add (items, g_list_model_get_item (agents, i));
      g_list_store_splice (self->agents, first, items->len, items->pdata, items->len);
    }

  if (batch->added->len > 0)
    g_list_store_splice (self->agents, g_list_model_get_n_items (agents), 0,
                         batch->added->pdata, batch->added->len);

  g_array_unref (batch->changed);
  g_ptr_array_unref (batch->added);
  g_free (batch);
}

static void
apply_queue (AdWallboard *self,
             const char  *name,
             JsonObject  *object)
{
  AdQueueStats *stats = g_hash_table_lookup (self->queue_by_name, name);

  if (stats == NULL)
    {
      g_autoptr(AdQueueStats) created = ad_queue_stats_new (name);

      ad_queue_stats_apply_json (created, object);
      g_hash_table_insert (self->queue_by_name, (gpointer) ad_queue_stats_get_name (created),
                           created);
      g_list_store_append (self->queues, created);
    }
  else
    ad_queue_stats_apply_json (stats, object);
  self->n_applied++;
}

static gboolean
on_flush (gpointer user_data)
{
  AdWallboard *self = user_data;

  self->flush_id = 0;
  ad_wallboard_flush (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_flush (AdWallboard *self)
{
  if (self->flush_id == 0)
    self->flush_id = g_timeout_add (self->flush_interval_ms, on_flush, self);
}

/* Keeps the latest data of the agent or queue for the next flush. */
static void
on_stream_event (AdEventStream *stream,
                 const char    *type,
                 const char    *data,
                 const char    *id,
                 AdWallboard   *self)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *attributes = NULL;
  const char *key;

  self->n_events++;
  object = ad_json_parse_object (data, -1, &error);
  if (object == NULL)
    {
      g_debug ("Event %s (%s) skipped: %s", id, type, error->message);
      return;
    }

  if (g_strcmp0 (type, "AgentEvent") == 0)
    {
      JsonObject *pending;

      key = ad_json_string_or_null (object, "agentId");
      if (key == NULL || !ad_json_get_object (object, "attributes", TRUE, &attributes, NULL))
        {
          g_debug ("AgentEvent %s without agentId or attributes: skipped", id);
          return;
        }

      /* An event may carry only some attributes: later ones overwrite. */
      pending = g_hash_table_lookup (self->pending_agents, key);
      if (pending == NULL)
        g_hash_table_insert (self->pending_agents, g_strdup (key), json_object_ref (attributes));
      else
        {
          JsonObjectIter iter;
          const char *member;
          JsonNode *node;

          json_object_iter_init (&iter, attributes);
          while (json_object_iter_next (&iter, &member, &node))
            json_object_set_member (pending, member, json_node_copy (node));
        }
    }
  else if (g_strcmp0 (type, "QueueEvent") == 0)
    {
      key = ad_json_string_or_null (object, "queue");
      if (key == NULL)
        {
          g_debug ("QueueEvent %s without a queue: skipped", id);
          return;
        }
      g_hash_table_replace (self->pending_queues, g_strdup (key), g_steal_pointer (&object));
    }
  else
    return;

  schedule_flush (self);
}

/* Fetching (first paint, and after events were lost) */

static gboolean
is_cancelled (GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
fetch_done (AdWallboard *self)
{
  if (--self->fetches > 0)
    return;

  /* What came meanwhile is newer than (or as old as) the snapshot. */
  ad_wallboard_flush (self);
  if (!self->painted)
    {
      self->painted = TRUE;
      set_last_update_now (self);
    }
  update_stale (self);
}

static JsonArray *
fetched_array (AdWallboard  *self,
               GObject      *source,
               GAsyncResult *result,
               const char   *member)
{
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array = NULL;

  reply = ad_client_request_finish (AD_CLIENT (source), result, &error);
  if (reply == NULL || !ad_json_get_array (reply, member, TRUE, &array, &error))
    {
      if (!is_cancelled (error))
        {
          /* The stream will reconnect (and fetch again) or fail. */
          g_debug ("Fetching the %s failed: %s", member, error->message);
          set_error_message (self, error->message);
        }
      return NULL;
    }
  return json_array_ref (array);
}

static void
on_agents_fetched (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AdWallboard) self = user_data;
  g_autoptr(JsonArray) array = fetched_array (self, source, result, "agents");
  g_autoptr(GHashTable) listed = NULL;
  Batch *batch;

  if (array == NULL)
    return;

  listed = g_hash_table_new (g_str_hash, g_str_equal);
  batch = batch_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *agent_id;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          (agent_id = ad_json_string_or_null (json_node_get_object (node), "agentId")) == NULL)
        continue;
      apply_agent (self, batch, agent_id, json_node_get_object (node), TRUE);
      g_hash_table_add (listed, (gpointer) agent_id);
    }
  batch_end (self, batch);

  /* Agents the switch no longer has leave the board. */
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->agents)); i > 0; i--)
    {
      g_autoptr(AdBoardAgent) agent = g_list_model_get_item (G_LIST_MODEL (self->agents), i - 1);

      if (!g_hash_table_contains (listed, ad_board_agent_get_id (agent)))
        {
          g_hash_table_remove (self->agent_by_id, ad_board_agent_get_id (agent));
          g_list_store_remove (self->agents, i - 1);
          for (guint j = i - 1; j < g_list_model_get_n_items (G_LIST_MODEL (self->agents)); j++)
            {
              g_autoptr(AdBoardAgent) moved = g_list_model_get_item (G_LIST_MODEL (self->agents), j);
              AgentEntry *entry = g_hash_table_lookup (self->agent_by_id,
                                                       ad_board_agent_get_id (moved));

              entry->position = j;
            }
        }
    }

  fetch_done (self);
}

static void
on_queues_fetched (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AdWallboard) self = user_data;
  g_autoptr(JsonArray) array = fetched_array (self, source, result, "queues");

  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *name;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          (name = ad_json_string_or_null (json_node_get_object (node), "queue")) == NULL)
        continue;
      apply_queue (self, name, json_node_get_object (node));
    }

  fetch_done (self);
}

static void
on_center_fetched (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AdWallboard) self = user_data;
  g_autoptr(JsonArray) codes = fetched_array (self, source, result, "reasonCodes");
  GHashTableIter iter;
  AgentEntry *entry;

  if (codes == NULL)
    return;

  g_hash_table_remove_all (self->reason_labels);
  for (guint i = 0; i < json_array_get_length (codes); i++)
    {
      JsonNode *node = json_array_get_element (codes, i);
      const char *code, *label;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      code = ad_json_string_or_null (json_node_get_object (node), "code");
      label = ad_json_string_or_null (json_node_get_object (node), "label");
      if (code != NULL && label != NULL)
        g_hash_table_replace (self->reason_labels, g_strdup (code), g_strdup (label));
    }

  g_hash_table_iter_init (&iter, self->agent_by_id);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    label_reason (self, entry->agent);

  fetch_done (self);
}

static void
fetch (AdWallboard *self)
{
  /* A round still out when another starts counts as one. */
  self->fetches = 3;
  ad_client_get_center_async (self->client, self->cancellable, on_center_fetched,
                              g_object_ref (self));
  ad_client_get_agents_async (self->client, self->cancellable, on_agents_fetched,
                              g_object_ref (self));
  ad_client_get_queues_async (self->client, self->cancellable, on_queues_fetched,
                              g_object_ref (self));
}

/* Connection */

static void
drop_stream (AdWallboard *self)
{
  ad_stream_drop (&self->stream, self);
}

static gboolean
on_retry (gpointer user_data)
{
  AdWallboard *self = user_data;

  self->retry_id = 0;
  sign_in (self);
  return G_SOURCE_REMOVE;
}

/* Starts over from signing in, after a growing pause. */
static void
retry_later (AdWallboard *self,
             const char  *why)
{
  drop_stream (self);
  set_error_message (self, why);
  set_state (self, self->running ? AD_CONNECTION_STATE_RECONNECTING
                                 : AD_CONNECTION_STATE_OFFLINE);
  /* Signed in again, the board is painted afresh before it is live. */
  self->painted = FALSE;
  if (!self->running || self->retry_id != 0)
    return;

  g_debug ("Signing in again in %u ms: %s", self->retry_ms, why);
  self->retry_id = g_timeout_add (self->retry_ms, on_retry, self);
  self->retry_ms = MIN (self->retry_ms * 2, self->backoff_max_ms);
}

/* The switch's answer to these credentials, or its certificate refused:
 * retrying does not mend it. */
static gboolean
is_refusal (const GError *error)
{
  return g_error_matches (error, AD_ERROR, AD_ERROR_UNAUTHORIZED) ||
         g_error_matches (error, AD_ERROR, AD_ERROR_FORBIDDEN) ||
         g_error_matches (error, AD_ERROR, AD_ERROR_CERTIFICATE);
}

/* Signing in or subscribing failed. The first sign-in of
 * ad_wallboard_start_async() reports any failure to its caller and stops;
 * later, a refusal stops the board and emits "refused", and anything else
 * (the switch out of reach, restarting) is tried again. */
static void
sign_in_failed (AdWallboard  *self,
                const GError *error)
{
  if (self->start_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->start_task);

      self->running = FALSE;
      retry_later (self, error->message);
      g_task_return_error (task, g_error_copy (error));
      return;
    }

  if (is_refusal (error))
    {
      self->running = FALSE;
      retry_later (self, error->message);
      g_signal_emit (self, signals[REFUSED], 0, error);
      return;
    }

  retry_later (self, error->message);
}

static void
on_stream_state_changed (AdEventStream *stream,
                         GParamSpec    *pspec,
                         AdWallboard   *self)
{
  AdConnectionState state = ad_event_stream_get_state (stream);

  if (state == AD_CONNECTION_STATE_CONNECTED)
    self->retry_ms = self->backoff_initial_ms;
  set_state (self, state);
}

static void
on_stream_refetch (AdEventStream *stream,
                   AdWallboard   *self)
{
  fetch (self);
}

static void
on_stream_failed (AdEventStream *stream,
                  GError        *error,
                  AdWallboard   *self)
{
  /* The stream stops on a refused certificate, which signing in again
   * would meet too. A token or subscription the switch forgot is mended
   * that way. */
  if (g_error_matches (error, AD_ERROR, AD_ERROR_CERTIFICATE))
    sign_in_failed (self, error);
  else
    retry_later (self, error->message);
}

static void
on_subscribed (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AdWallboard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *subscription_id = NULL;

  subscription_id = ad_client_subscribe_finish (AD_CLIENT (source), result, &error);
  if (subscription_id == NULL)
    {
      if (!is_cancelled (error))
        sign_in_failed (self, error);
      return;
    }

  drop_stream (self);
  self->stream = ad_stream_follow (self->client, subscription_id, 0,
                                   self->backoff_initial_ms, self->backoff_max_ms,
                                   G_CALLBACK (on_stream_event), G_CALLBACK (on_stream_refetch),
                                   G_CALLBACK (on_stream_failed),
                                   G_CALLBACK (on_stream_state_changed), self);
  /* Subscribed first, fetched second: nothing between the two is lost. */
  fetch (self);

  if (self->start_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->start_task);

      g_task_return_boolean (task, TRUE);
    }
}

static void
on_signed_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AdWallboard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) topics = NULL;
  AdRole role;

  if (!ad_client_login_finish (AD_CLIENT (source), result, NULL, &role, &error))
    {
      if (!is_cancelled (error))
        sign_in_failed (self, error);
      return;
    }
  if (role != AD_ROLE_SUPERVISOR)
    {
      g_autoptr(GError) refused = g_error_new (AD_ERROR, AD_ERROR_FORBIDDEN,
                                               "%s is not a supervisor: the wallboard needs "
                                               "a supervisor’s account", self->username);

      sign_in_failed (self, refused);
      return;
    }

  topics = json_array_new ();
  json_array_add_object_element (topics, ad_stream_topic_new ("AgentService", "AgentEvent",
                                                              NULL, "ALL", NULL));
  json_array_add_object_element (topics, ad_stream_topic_new ("StatisticsService", "QueueEvent",
                                                              NULL, "ALL", NULL));
  ad_client_subscribe_async (self->client, topics, self->cancellable, on_subscribed,
                             g_object_ref (self));
}

static void
sign_in (AdWallboard *self)
{
  ad_client_login_async (self->client, self->username, self->password, self->cancellable,
                         on_signed_in, g_object_ref (self));
}

/* Public API */

AdWallboard *
ad_wallboard_new (AdClient   *client,
                  const char *username,
                  const char *password)
{
  g_return_val_if_fail (AD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  return g_object_new (AD_TYPE_WALLBOARD,
                       "client", client,
                       "username", username,
                       "password", password,
                       NULL);
}

static void
begin (AdWallboard *self)
{
  self->running = TRUE;
  self->retry_ms = self->backoff_initial_ms;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_state (self, AD_CONNECTION_STATE_RECONNECTING);
  sign_in (self);
}

void
ad_wallboard_start (AdWallboard *self)
{
  g_return_if_fail (AD_IS_WALLBOARD (self));

  if (self->running)
    return;
  begin (self);
}

void
ad_wallboard_start_async (AdWallboard         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AD_IS_WALLBOARD (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ad_wallboard_start_async);
  if (self->running)
    {
      g_task_return_new_error (task, AD_ERROR, AD_ERROR_ACTION_IN_PROGRESS,
                               "The board is already started");
      return;
    }
  self->start_task = g_steal_pointer (&task);
  begin (self);
}

gboolean
ad_wallboard_start_finish (AdWallboard   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (AD_IS_WALLBOARD (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* Cancelled by the caller: the board does not run on behind its back. */
  if (g_task_had_error (G_TASK (result)) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    ad_wallboard_stop (self);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ad_wallboard_stop (AdWallboard *self)
{
  g_return_if_fail (AD_IS_WALLBOARD (self));

  self->running = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  drop_stream (self);
  set_state (self, AD_CONNECTION_STATE_OFFLINE);
  if (self->start_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->start_task);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The board was stopped");
    }
}

GListModel *
ad_wallboard_get_queues (AdWallboard *self)
{
  g_return_val_if_fail (AD_IS_WALLBOARD (self), NULL);

  return G_LIST_MODEL (self->queues);
}

GListModel *
ad_wallboard_get_agents (AdWallboard *self)
{
  g_return_val_if_fail (AD_IS_WALLBOARD (self), NULL);

  return G_LIST_MODEL (self->agents);
}

AdQueueStats *
ad_wallboard_lookup_queue (AdWallboard *self,
                           const char  *name)
{
  g_return_val_if_fail (AD_IS_WALLBOARD (self), NULL);

  return name != NULL ? g_hash_table_lookup (self->queue_by_name, name) : NULL;
}

AdBoardAgent *
ad_wallboard_lookup_agent (AdWallboard *self,
                           const char  *agent_id)
{
  AgentEntry *entry;

  g_return_val_if_fail (AD_IS_WALLBOARD (self), NULL);

  entry = agent_id != NULL ? g_hash_table_lookup (self->agent_by_id, agent_id) : NULL;
  return entry != NULL ? entry->agent : NULL;
}

AdConnectionState
ad_wallboard_get_connection_state (AdWallboard *self)
{
  g_return_val_if_fail (AD_IS_WALLBOARD (self), AD_CONNECTION_STATE_OFFLINE);

  return self->state;
}

gboolean
ad_wallboard_get_stale (AdWallboard *self)
{
  g_return_val_if_fail (AD_IS_WALLBOARD (self), TRUE);

  return self->stale;
}

GDateTime *
ad_wallboard_get_last_update (AdWallboard *self)
{
  g_return_val_if_fail (AD_IS_WALLBOARD (self), NULL);

  return self->last_update;
}

const char *
ad_wallboard_get_error_message (AdWallboard *self)
{
  g_return_val_if_fail (AD_IS_WALLBOARD (self), NULL);

  return self->error_message;
}

guint
ad_wallboard_get_flush_interval (AdWallboard *self)
{
  g_return_val_if_fail (AD_IS_WALLBOARD (self), 0);

  return self->flush_interval_ms;
}

void
ad_wallboard_set_flush_interval (AdWallboard *self,
                                 guint        interval_ms)
{
  g_return_if_fail (AD_IS_WALLBOARD (self));

  if (self->flush_interval_ms == interval_ms)
    return;
  self->flush_interval_ms = interval_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLUSH_INTERVAL_MS]);
}

void
ad_wallboard_set_backoff (AdWallboard *self,
                          guint        initial_ms,
                          guint        max_ms)
{
  g_return_if_fail (AD_IS_WALLBOARD (self));
  g_return_if_fail (initial_ms > 0 && initial_ms <= max_ms);

  self->backoff_initial_ms = initial_ms;
  self->backoff_max_ms = max_ms;
  self->retry_ms = initial_ms;
  if (self->stream != NULL)
    ad_event_stream_set_backoff (self->stream, initial_ms, max_ms);
}

void
ad_wallboard_flush (AdWallboard *self)
{
  g_autoptr(GHashTable) agents = NULL;
  g_autoptr(GHashTable) queues = NULL;
  GHashTableIter iter;
  gpointer key, value;
  Batch *batch;

  g_return_if_fail (AD_IS_WALLBOARD (self));

  g_clear_handle_id (&self->flush_id, g_source_remove);
  if (g_hash_table_size (self->pending_agents) == 0 &&
      g_hash_table_size (self->pending_queues) == 0)
    return;

  /* Swapped out first: a handler of a notification may let events in. */
  agents = g_steal_pointer (&self->pending_agents);
  queues = g_steal_pointer (&self->pending_queues);
  self->pending_agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) json_object_unref);
  self->pending_queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) json_object_unref);

  batch = batch_new ();
  g_hash_table_iter_init (&iter, agents);
  while (g_hash_table_iter_next (&iter, &key, &value))
    apply_agent (self, batch, key, value, FALSE);
  batch_end (self, batch);
  g_hash_table_iter_init (&iter, queues);
  while (g_hash_table_iter_next (&iter, &key, &value))
    apply_queue (self, key, value);

  if (!self->stale)
    set_last_update_now (self);
}

AdBoardAgentFields
ad_wallboard_get_watched_fields (AdWallboard *self)
{
  g_return_val_if_fail (AD_IS_WALLBOARD (self), AD_BOARD_AGENT_FIELD_NONE);

  return self->watched_fields;
}

void
ad_wallboard_set_watched_fields (AdWallboard        *self,
                                 AdBoardAgentFields  fields)
{
  g_return_if_fail (AD_IS_WALLBOARD (self));

  self->watched_fields = fields;
}

guint64
ad_wallboard_get_n_events (AdWallboard *self)
{
  g_return_val_if_fail (AD_IS_WALLBOARD (self), 0);

  return self->n_events;
}

guint64
ad_wallboard_get_n_applied (AdWallboard *self)
{
  g_return_val_if_fail (AD_IS_WALLBOARD (self), 0);

  return self->n_applied;
}

/* GObject */

static void
ad_wallboard_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AdWallboard *self = AD_WALLBOARD (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_PASSWORD:
      g_value_set_string (value, self->password);
      break;
    case PROP_QUEUES:
      g_value_set_object (value, self->queues);
      break;
    case PROP_AGENTS:
      g_value_set_object (value, self->agents);
      break;
    case PROP_CONNECTION_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STALE:
      g_value_set_boolean (value, self->stale);
      break;
    case PROP_LAST_UPDATE:
      g_value_set_boxed (value, self->last_update);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_FLUSH_INTERVAL_MS:
      g_value_set_uint (value, self->flush_interval_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_wallboard_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AdWallboard *self = AD_WALLBOARD (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_USERNAME:
      self->username = g_value_dup_string (value);
      break;
    case PROP_PASSWORD:
      self->password = g_value_dup_string (value);
      break;
    case PROP_FLUSH_INTERVAL_MS:
      ad_wallboard_set_flush_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_wallboard_dispose (GObject *object)
{
  AdWallboard *self = AD_WALLBOARD (object);

  ad_wallboard_stop (self);
  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->queues);
  g_clear_object (&self->agents);
  g_clear_pointer (&self->queue_by_name, g_hash_table_unref);
  g_clear_pointer (&self->agent_by_id, g_hash_table_unref);
  g_clear_pointer (&self->reason_labels, g_hash_table_unref);

  G_OBJECT_CLASS (ad_wallboard_parent_class)->dispose (object);
}

static void
ad_wallboard_finalize (GObject *object)
{
  AdWallboard *self = AD_WALLBOARD (object);

  g_free (self->username);
  g_free (self->password);
  g_free (self->error_message);
  g_clear_pointer (&self->last_update, g_date_time_unref);
  g_hash_table_unref (self->pending_agents);
  g_hash_table_unref (self->pending_queues);

  G_OBJECT_CLASS (ad_wallboard_parent_class)->finalize (object);
}

static void
ad_wallboard_class_init (AdWallboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ad_wallboard_get_property;
  object_class->set_property = ad_wallboard_set_property;
  object_class->dispose = ad_wallboard_dispose;
  object_class->finalize = ad_wallboard_finalize;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, AD_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PASSWORD] =
    g_param_spec_string ("password", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUEUES] =
    g_param_spec_object ("queues", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGENTS] =
    g_param_spec_object ("agents", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECTION_STATE] =
    g_param_spec_enum ("connection-state", NULL, NULL, AD_TYPE_CONNECTION_STATE,
                       AD_CONNECTION_STATE_OFFLINE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STALE] =
    g_param_spec_boolean ("stale", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_UPDATE] =
    g_param_spec_boxed ("last-update", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FLUSH_INTERVAL_MS] =
    g_param_spec_uint ("flush-interval-ms", NULL, NULL, 0, 60000, 100,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REFUSED] =
    g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
ad_wallboard_init (AdWallboard *self)
{
  self->queues = g_list_store_new (AD_TYPE_QUEUE_STATS);
  self->queue_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->agents = g_list_store_new (AD_TYPE_BOARD_AGENT);
  self->agent_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify) agent_entry_free);
  self->reason_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pending_agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) json_object_unref);
  self->pending_queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) json_object_unref);
  self->flush_interval_ms = 100;
  self->watched_fields = AD_BOARD_AGENT_WATCHED_DEFAULT;
  self->stale = TRUE;
  self->backoff_initial_ms = 500;
  self->backoff_max_ms = 30000;
  self->retry_ms = self->backoff_initial_ms;
}
