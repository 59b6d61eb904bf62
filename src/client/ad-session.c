/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdSession"

#include "config.h"

#include "ad-client-private.h"
#include "ad-event-stream.h"
#include "ad-stream-util.h"

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_USERNAME,
  PROP_ROLE,
  PROP_AGENT,
  PROP_INTERACTIONS,
  PROP_CONNECTION_STATE,
  PROP_CONNECTION_ERROR,
  PROP_PROFILE,
  PROP_REASON_CODES,
  PROP_DISPOSITIONS,
  PROP_QUEUES,
  PROP_DIRECTORY,
  PROP_HISTORY,
  PROP_KEEPALIVE_TIMEOUT_MS,
  PROP_BACKOFF_INITIAL_MS,
  PROP_BACKOFF_MAX_MS,
  N_PROPS
};

enum {
  SIGNAL_INTERACTION_ADDED,
  SIGNAL_INTERACTION_REMOVED,
  SIGNAL_RESYNCED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Where a sync (signing in or not, loading the agent, subscribing, the new
 * stream's first connection, the refetch) has got to. One runs at a time:
 * two would sign in over each other and invalidate each other's token and
 * subscription. */
typedef enum {
  SYNC_IDLE,
  SYNC_LOADING,      /* signing in, loading the agent, subscribing */
  SYNC_CONNECTING,   /* waiting for the new stream to connect */
  SYNC_REFETCHING,   /* the refetch that puts the model in step */
} SyncStep;

struct _AdSession
{
  GObject            parent_instance;

  AdClient          *client;
  char              *username;
  char              *password;     /* kept to sign in again after a restart */
  char              *agent_id;
  AdRole             role;
  AdAgent           *agent;
  /* The place the agent works on, to log it back in after a restart. */
  char              *place_id;

  GListStore        *interactions;
  GHashTable        *interaction_index;  /* id → AdInteraction */
  /* Ids removed by events while a refetch is under way: its answer may
   * predate their removal and must not bring them back. */
  GHashTable        *removed_during_refetch;

  char              *profile;
  char             **queues;
  GListStore        *reason_codes;
  GListStore        *dispositions;
  GListStore        *directory;
  GListStore        *history;
  GHashTable        *dn_numbers;

  AdEventStream     *stream;
  AdConnectionState  connection_state;
  GError            *connection_error;  /* why it went OFFLINE on its own */
  GCancellable      *cancellable;  /* background work; replaced on sign-out */
  GTask             *login_task;
  gulong             login_cancelled_id;  /* on the login task's cancellable */
  JsonParser        *parser;

  /* Counts applied events: whatever changed after a refetch began is newer
   * than the refetch's answer. */
  guint64            event_serial;
  guint64            refetch_serial;
  gboolean           refetching;
  gboolean           refetch_ends_sync;  /* the refetch under way is the sync's */
  gboolean           refetch_again;
  gboolean           synced;
  gboolean           active;       /* signed in, until sign-out or giving up */

  guint              tick_source;
  guint              recover_source;
  guint              recover_attempt;
  gboolean           recover_sign_in;
  SyncStep           sync_step;
  gboolean           signing_in;   /* POST /session under way */
  /* From the switch refusing the token until the session has signed in
   * again and is back in step: requests wait in @waiting meanwhile. A 401
   * during that joins it. */
  gboolean           reauthorizing;
  gboolean           reauth_attempt;  /* the sync under way signs in for it */
  gboolean           token_renewed;   /* and has its token */
  GQueue             waiting;        /* of WaitingRequest */

  guint              keepalive_timeout_ms;
  guint              backoff_initial_ms;
  guint              backoff_max_ms;
};

G_DEFINE_FINAL_TYPE (AdSession, ad_session, G_TYPE_OBJECT)

/* A request of the session or of one of its interactions, held back until
 * the session has signed in again. */
typedef struct {
  AdSession         *session;
  GTask             *task;
  AdSessionSendFunc  send;
  GSource           *cancelled_source;
} WaitingRequest;

/* Marks a request's task once it was sent again after a 401. */
static GQuark
sent_again_quark (void)
{
  return g_quark_from_static_string ("ad-session-sent-again");
}

static void begin_sync (AdSession *self,
                        gboolean   sign_in);
static void refetch    (AdSession *self);
static void give_up    (AdSession    *self,
                        const GError *error);
static void sync_failed (AdSession *self,
                         GError    *error);

/* Requests waiting for a new token */

static void
waiting_request_free (WaitingRequest *waiting)
{
  if (waiting->cancelled_source != NULL)
    {
      g_source_destroy (waiting->cancelled_source);
      g_source_unref (waiting->cancelled_source);
    }
  g_object_unref (waiting->task);
  g_free (waiting);
}

static gboolean
on_waiting_request_cancelled (GCancellable *cancellable,
                              gpointer      user_data)
{
  WaitingRequest *waiting = user_data;
  g_autoptr(GTask) task = g_object_ref (waiting->task);

  g_queue_remove (&waiting->session->waiting, waiting);
  waiting_request_free (waiting);
  g_task_return_error_if_cancelled (task);
  return G_SOURCE_REMOVE;
}

static void
hold_request (AdSession         *self,
              GTask             *task,
              AdSessionSendFunc  send)
{
  WaitingRequest *waiting = g_new0 (WaitingRequest, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  waiting->session = self;
  waiting->task = task;
  waiting->send = send;
  /* A cancelled request completes at once, not when the sign-in ends. */
  if (cancellable != NULL)
    {
      waiting->cancelled_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiting->cancelled_source,
                             G_SOURCE_FUNC (on_waiting_request_cancelled), waiting, NULL);
      g_source_attach (waiting->cancelled_source, g_task_get_context (task));
    }
  g_queue_push_tail (&self->waiting, waiting);
}

/* Sends every waiting request in the order they came, or fails each with
 * @error. */
static void
release_waiting (AdSession    *self,
                 const GError *error)
{
  GQueue queue = self->waiting;
  WaitingRequest *waiting;

  if (queue.length > 0)
    g_debug ("%s %u requests held for the sign-in", error == NULL ? "Sending" : "Failing",
             queue.length);

  /* What a completion starts meanwhile queues up anew. */
  g_queue_init (&self->waiting);
  while ((waiting = g_queue_pop_head (&queue)) != NULL)
    {
      GTask *task = g_object_ref (waiting->task);
      AdSessionSendFunc send = waiting->send;

      waiting_request_free (waiting);
      if (error != NULL)
        {
          g_task_return_error (task, g_error_copy (error));
          g_object_unref (task);
        }
      else
        send (task);
    }
}

/* The sign-in attempt ended: the held requests go out, or fail with
 * @error; unless the session gives up, later ones wait for the next. */
static void
end_reauth_attempt (AdSession    *self,
                    const GError *error)
{
  self->reauth_attempt = FALSE;
  self->token_renewed = FALSE;
  if (error == NULL)
    self->reauthorizing = FALSE;
  release_waiting (self, error);
}

/* Signed out or closed: nothing held goes out any more. */
static void
cancel_waiting (AdSession  *self,
                const char *message)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, message);

  self->reauthorizing = FALSE;
  end_reauth_attempt (self, error);
}

void
ad_session_send (AdSession         *self,
                 GTask             *task,
                 AdSessionSendFunc  send)
{
  g_return_if_fail (AD_IS_SESSION (self));
  g_return_if_fail (G_IS_TASK (task));

  if (self->reauthorizing)
    hold_request (self, task, send);
  else
    send (task);
}

gboolean
ad_session_send_again (AdSession         *self,
                       GTask             *task,
                       const GError      *error,
                       AdSessionSendFunc  send)
{
  g_return_val_if_fail (AD_IS_SESSION (self), FALSE);
  g_return_val_if_fail (G_IS_TASK (task), FALSE);

  /* The client's "unauthorized" signal came first: the session is signing
   * in again unless it is signed out or giving up. The switch executed
   * nothing it answered 401 to, so one more try is safe. */
  if (!g_error_matches (error, AD_ERROR, AD_ERROR_UNAUTHORIZED) || !self->reauthorizing ||
      g_object_get_qdata (G_OBJECT (task), sent_again_quark ()) != NULL)
    return FALSE;

  g_debug ("Holding a refused request until the session has signed in again");
  g_object_set_qdata (G_OBJECT (task), sent_again_quark (), GINT_TO_POINTER (TRUE));
  hold_request (self, g_object_ref (task), send);
  return TRUE;
}

/* Connection state */

static void
update_connection_state (AdSession *self)
{
  AdConnectionState state;

  if (!self->active)
    state = AD_CONNECTION_STATE_OFFLINE;
  else if (self->stream != NULL &&
           ad_event_stream_get_state (self->stream) == AD_CONNECTION_STATE_CONNECTED &&
           self->synced && !self->refetching)
    state = AD_CONNECTION_STATE_CONNECTED;
  else
    state = AD_CONNECTION_STATE_RECONNECTING;

  if (self->connection_state == state)
    return;

  g_debug ("Connection %s", state == AD_CONNECTION_STATE_CONNECTED ? "up" :
                            state == AD_CONNECTION_STATE_RECONNECTING ? "reconnecting" : "offline");
  self->connection_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION_STATE]);
}

static void
set_connection_error (AdSession    *self,
                      const GError *error)
{
  if (self->connection_error == NULL && error == NULL)
    return;

  g_clear_error (&self->connection_error);
  if (error != NULL)
    self->connection_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION_ERROR]);
}

/* The duration clock: one timer for all interactions, running only while
 * one of them ticks. */

static gboolean
on_tick (gpointer user_data)
{
  AdSession *self = user_data;
  gint64 now = g_get_monotonic_time ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->interactions));
  gboolean any = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdInteraction) interaction = g_list_model_get_item (G_LIST_MODEL (self->interactions), i);

      any |= ad_interaction_tick (interaction, now);
    }

  if (!any)
    {
      self->tick_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
ensure_ticking (AdSession     *self,
                AdInteraction *interaction)
{
  if (self->tick_source == 0 && ad_interaction_tick (interaction, g_get_monotonic_time ()))
    self->tick_source = g_timeout_add (1000, on_tick, self);
}

/* The interactions model */

static AdInteraction *
add_interaction (AdSession  *self,
                 const char *id,
                 JsonObject *dto,
                 guint64     serial)
{
  g_autoptr(AdInteraction) interaction = ad_interaction_new (self, id);

  ad_interaction_apply_dto (interaction, dto);
  ad_interaction_set_serial (interaction, serial);
  g_hash_table_insert (self->interaction_index, g_strdup (id), g_object_ref (interaction));
  g_list_store_append (self->interactions, interaction);
  ensure_ticking (self, interaction);

  g_debug ("Interaction %s added", id);
  g_signal_emit (self, signals[SIGNAL_INTERACTION_ADDED], 0, interaction);
  return interaction;
}

static void
remove_interaction (AdSession     *self,
                    AdInteraction *interaction)
{
  g_autoptr(AdInteraction) kept = g_object_ref (interaction);
  guint position;

  if (g_list_store_find (self->interactions, interaction, &position))
    g_list_store_remove (self->interactions, position);
  g_hash_table_remove (self->interaction_index, ad_interaction_get_id (interaction));

  g_debug ("Interaction %s removed", ad_interaction_get_id (interaction));
  g_signal_emit (self, signals[SIGNAL_INTERACTION_REMOVED], 0, kept);
}

static void
clear_interactions (AdSession *self)
{
  while (g_list_model_get_n_items (G_LIST_MODEL (self->interactions)) > 0)
    {
      g_autoptr(AdInteraction) interaction = g_list_model_get_item (G_LIST_MODEL (self->interactions), 0);

      remove_interaction (self, interaction);
    }
}

static gboolean
dto_is_final (JsonObject *dto)
{
  return ad_interaction_status_from_string (ad_json_string_or_null (dto, AD_ATTR_STATUS)) ==
           AD_INTERACTION_STATUS_MARKED_DONE ||
         ad_event_reason_from_string (ad_json_string_or_null (dto, AD_ATTR_EVENT_REASON)) ==
           AD_EVENT_REASON_REMOVED;
}

AdInteraction *
ad_session_adopt_interaction (AdSession  *self,
                              JsonObject *dto)
{
  const char *id;
  AdInteraction *interaction;

  g_return_val_if_fail (AD_IS_SESSION (self), NULL);
  g_return_val_if_fail (dto != NULL, NULL);

  id = ad_json_string_or_null (dto, AD_ATTR_INTERACTION_ID);
  g_return_val_if_fail (id != NULL, NULL);

  /* Its events may have come first: they are newer than this answer. */
  interaction = g_hash_table_lookup (self->interaction_index, id);
  if (interaction != NULL)
    return interaction;

  /* Newer than a refetch under way, whose answer may predate it. */
  self->event_serial++;
  return add_interaction (self, id, dto, self->event_serial);
}

/* Events */

static void
apply_interaction_event (AdSession  *self,
                         JsonObject *data)
{
  const char *id = ad_json_string_or_null (data, "interactionId");
  JsonObject *attributes = NULL;
  const char *agent_id;
  AdInteraction *interaction;

  if (!ad_json_get_object (data, "attributes", FALSE, &attributes, NULL) || attributes == NULL)
    attributes = data;
  if (id == NULL)
    id = ad_json_string_or_null (attributes, AD_ATTR_INTERACTION_ID);
  if (id == NULL)
    {
      g_debug ("Ignoring an InteractionEvent without an interaction id");
      return;
    }

  /* A subscription wider than the agent (a supervisor's) brings others'
   * calls: they are not this desktop's interactions. */
  agent_id = ad_json_string_or_null (attributes, AD_ATTR_AGENT_ID);
  if (agent_id != NULL && g_strcmp0 (agent_id, self->agent_id) != 0)
    return;

  self->event_serial++;
  interaction = g_hash_table_lookup (self->interaction_index, id);

  if (dto_is_final (attributes))
    {
      if (interaction != NULL)
        {
          ad_interaction_apply_dto (interaction, attributes);
          ad_interaction_confirm_pending (interaction);
          remove_interaction (self, interaction);
        }
      if (self->refetching)
        g_hash_table_add (self->removed_during_refetch, g_strdup (id));
      return;
    }

  if (interaction == NULL)
    {
      add_interaction (self, id, attributes, self->event_serial);
      return;
    }

  ad_interaction_apply_dto (interaction, attributes);
  ad_interaction_set_serial (interaction, self->event_serial);
  ad_interaction_confirm_pending (interaction);
  ensure_ticking (self, interaction);
}

static void
remember_place (AdSession *self)
{
  const char *place_id = ad_agent_get_place_id (self->agent);

  /* Logged out on purpose (by a supervisor, or another desktop): a later
   * sign-in must not log the agent back in. */
  if (place_id != NULL)
    ad_set_string (&self->place_id, place_id);
  else if (ad_agent_get_status (self->agent) == AD_AGENT_STATUS_LOGGED_OUT)
    g_clear_pointer (&self->place_id, g_free);
}

static void
apply_agent_dto (AdSession  *self,
                 AdAgent    *agent,
                 JsonObject *dto)
{
  ad_agent_apply_dto (agent, dto);
  if (agent == self->agent)
    remember_place (self);
}

/* Applies the agent DTO a request was answered with (unless the session
 * has no agent any more); FALSE with @error when the request failed. */
static gboolean
apply_agent_reply (AdSession     *self,
                   GObject       *source,
                   GAsyncResult  *result,
                   GError       **error)
{
  g_autoptr(JsonObject) dto = ad_client_request_finish (AD_CLIENT (source), result, error);

  if (dto == NULL)
    return FALSE;
  if (self->agent != NULL)
    apply_agent_dto (self, self->agent, dto);
  return TRUE;
}

static void
apply_agent_event (AdSession  *self,
                   JsonObject *data)
{
  const char *agent_id = ad_json_string_or_null (data, "agentId");
  JsonObject *attributes = NULL;
  guint n;

  if (!ad_json_get_object (data, "attributes", FALSE, &attributes, NULL) || attributes == NULL)
    attributes = data;
  if (agent_id == NULL)
    agent_id = ad_json_string_or_null (attributes, AD_AGENT_ATTR_AGENT_ID);
  if (agent_id == NULL)
    return;

  self->event_serial++;
  if (self->agent != NULL && g_strcmp0 (agent_id, self->agent_id) == 0)
    apply_agent_dto (self, self->agent, attributes);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->directory));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdAgent) entry = g_list_model_get_item (G_LIST_MODEL (self->directory), i);

      if (g_strcmp0 (ad_agent_get_id (entry), agent_id) == 0)
        ad_agent_apply_dto (entry, attributes);
    }
}

gboolean
ad_session_apply_event (AdSession  *self,
                        const char *type,
                        const char *data)
{
  g_autoptr(JsonObject) object = NULL;

  g_return_val_if_fail (AD_IS_SESSION (self), FALSE);

  object = ad_json_parse_object_with (self->parser, data, -1, NULL);
  if (object == NULL)
    {
      g_debug ("Ignoring a %s: its data is not a JSON object", type);
      return FALSE;
    }

  if (g_strcmp0 (type, "InteractionEvent") == 0)
    apply_interaction_event (self, object);
  else if (g_strcmp0 (type, "AgentEvent") == 0)
    apply_agent_event (self, object);
  else
    {
      g_debug ("Ignoring a %s event", type);
      return FALSE;
    }
  return TRUE;
}

static void
on_stream_event (AdEventStream *stream,
                 const char    *type,
                 const char    *data,
                 const char    *id,
                 AdSession     *self)
{
  ad_session_apply_event (self, type, data);
}

/* Reconnected, or told to resync: events may have been missed. */
static void
on_stream_refetch (AdEventStream *stream,
                   AdSession     *self)
{
  refetch (self);
}

static void
on_stream_state_changed (AdEventStream *stream,
                         GParamSpec    *pspec,
                         AdSession     *self)
{
  /* The first connection of a stream is followed by a refetch, so what
   * happened before the subscription existed is not missed. The sync's
   * refetch follows one under way since before (its answer may be older). */
  if (ad_event_stream_get_state (stream) == AD_CONNECTION_STATE_CONNECTED)
    {
      if (self->sync_step == SYNC_CONNECTING)
        {
          self->sync_step = SYNC_REFETCHING;
          refetch (self);
        }
      else if (self->sync_step == SYNC_IDLE && !self->synced && !self->refetching)
        refetch (self);
    }
  update_connection_state (self);
}

static void
on_recover_timeout (gpointer user_data)
{
  AdSession *self = user_data;

  self->recover_source = 0;
  begin_sync (self, self->recover_sign_in);
}

/* Something broke while signed in: try again after a backoff, signing in
 * again first when the switch no longer knows the token. */
static void
recover (AdSession    *self,
         const GError *error)
{
  guint64 backoff;
  guint delay;

  if (g_error_matches (error, AD_ERROR, AD_ERROR_CERTIFICATE))
    {
      give_up (self, error);
      return;
    }

  /* The switch refused the token: what is sent from now on waits for the
   * new one. A recovery already under way goes on: its sign-in (or, if it
   * does not sign in, the one it ends with) brings the new token. */
  if (g_error_matches (error, AD_ERROR, AD_ERROR_UNAUTHORIZED))
    {
      self->recover_sign_in = TRUE;
      self->reauthorizing = TRUE;
    }

  self->synced = FALSE;
  update_connection_state (self);
  if (self->recover_source != 0 || self->sync_step != SYNC_IDLE)
    return;

  backoff = (guint64) self->backoff_initial_ms << MIN (self->recover_attempt, 20);
  backoff = MIN (backoff, self->backoff_max_ms);
  delay = (guint) (backoff / 2 + g_random_int_range (0, (gint32) (backoff / 2) + 1));
  self->recover_attempt++;

  g_debug ("Recovering in %u ms%s: %s", delay, self->recover_sign_in ? " (signing in again)" : "",
           error->message);
  self->recover_source = g_timeout_add_once (delay, on_recover_timeout, self);
}

static void
recover_unauthorized (AdSession *self)
{
  g_autoptr(GError) error = NULL;

  error = g_error_new_literal (AD_ERROR, AD_ERROR_UNAUTHORIZED, "The switch no longer knows the token");
  recover (self, error);
}

static void
on_client_unauthorized (AdClient  *client,
                        AdSession *self)
{
  /* Signing in (or back in) handles its own failures. A recovery already
   * scheduled must still sign in again. */
  if (!self->active || self->login_task != NULL || self->signing_in)
    return;

  recover_unauthorized (self);
}

static void
drop_stream (AdSession *self)
{
  ad_stream_drop (&self->stream, self);
}

/* Not signed in any more: the stream closed, background work cancelled
 * (what completes later finds it so) and no recovery scheduled. */
static void
stop_background (AdSession *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->recover_source, g_source_remove);
  drop_stream (self);
  self->active = FALSE;
  self->synced = FALSE;
  self->refetching = FALSE;
  self->refetch_again = FALSE;
  self->sync_step = SYNC_IDLE;
  self->signing_in = FALSE;
  self->reauth_attempt = FALSE;
  self->token_renewed = FALSE;
}

/* Stops for good on an error that retrying would not mend: the session
 * goes OFFLINE with it (the model keeps what it last knew), and whatever
 * waits for a new token fails with it. During the sign-in, the sign-in
 * fails with it instead. */
static void
give_up (AdSession    *self,
         const GError *error)
{
  if (self->login_task != NULL)
    {
      sync_failed (self, g_error_copy (error));
      return;
    }

  g_warning ("Giving up on the switch: %s", error->message);
  stop_background (self);
  set_connection_error (self, error);
  update_connection_state (self);
  self->reauthorizing = FALSE;
  end_reauth_attempt (self, error);
}

static void
on_stream_failed (AdEventStream *stream,
                  const GError  *error,
                  AdSession     *self)
{
  drop_stream (self);
  /* The stream of the sync under way: that sync failed. Before it has
   * subscribed, the stream is the earlier one, refused with the token the
   * sync is replacing. */
  if (self->sync_step == SYNC_CONNECTING || self->sync_step == SYNC_REFETCHING)
    sync_failed (self, g_error_copy (error));
  else
    recover (self, error);
}

static void
on_login_cancelled (GCancellable *cancellable,
                    gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* The pending sign-in's task, no longer tied to its caller's cancellable:
 * cancelling that later must not stop the signed-in session. */
static GTask *
take_login_task (AdSession *self)
{
  GTask *task = g_steal_pointer (&self->login_task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (cancellable != NULL && self->login_cancelled_id != 0)
    g_cancellable_disconnect (cancellable, self->login_cancelled_id);
  self->login_cancelled_id = 0;
  return task;
}

/* A step of signing in (or back in) failed. */
static void
sync_failed (AdSession *self,
             GError    *error)
{
  g_autoptr(GError) owned = error;
  gboolean attempt;

  if (self->login_task != NULL)
    {
      g_autoptr(GTask) task = take_login_task (self);

      self->sync_step = SYNC_IDLE;
      drop_stream (self);
      self->active = FALSE;
      update_connection_state (self);
      g_task_return_error (task, g_steal_pointer (&owned));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  attempt = self->reauth_attempt;
  self->sync_step = SYNC_IDLE;
  self->reauth_attempt = FALSE;
  self->token_renewed = FALSE;

  /* The password was changed or the account removed meanwhile. */
  if (self->recover_sign_in && g_error_matches (error, AD_ERROR, AD_ERROR_UNAUTHORIZED) &&
      ad_client_get_token (self->client) == NULL)
    {
      give_up (self, error);
      return;
    }

  /* The sign-in attempt failed: what it held fails with its error. */
  if (attempt)
    end_reauth_attempt (self, error);
  recover (self, error);
}

/* An agent follows its own interactions and state; a supervisor follows
 * every agent's state (its wallboard adds StatisticsService). */
static JsonArray *
build_topics (AdSession *self)
{
  static const char * const interaction_attributes[] = { "interaction:*", AD_ATTR_VOICE_ALL, NULL };
  static const char * const agent_attributes[] = { "agent:*", NULL };
  JsonArray *topics = json_array_new ();

  if (self->role == AD_ROLE_SUPERVISOR)
    json_array_add_object_element (topics, ad_stream_topic_new ("AgentService", "AgentEvent",
                                                                agent_attributes, "ALL", NULL));
  else
    {
      json_array_add_object_element (topics, ad_stream_topic_new ("InteractionService",
                                                                  "InteractionEvent",
                                                                  interaction_attributes,
                                                                  "AGENT", self->agent_id));
      json_array_add_object_element (topics, ad_stream_topic_new ("AgentService", "AgentEvent",
                                                                  agent_attributes,
                                                                  "AGENT", self->agent_id));
    }
  return topics;
}

static void
on_subscribed (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AdSession) self = user_data;
  g_autofree char *subscription_id = NULL;
  GError *error = NULL;

  subscription_id = ad_client_subscribe_finish (AD_CLIENT (source), result, &error);
  if (subscription_id == NULL)
    {
      sync_failed (self, error);
      return;
    }

  g_debug ("Subscribed: %s", subscription_id);
  self->sync_step = SYNC_CONNECTING;
  drop_stream (self);
  self->stream = ad_stream_follow (self->client, subscription_id, self->keepalive_timeout_ms,
                                   self->backoff_initial_ms, self->backoff_max_ms,
                                   G_CALLBACK (on_stream_event), G_CALLBACK (on_stream_refetch),
                                   G_CALLBACK (on_stream_failed),
                                   G_CALLBACK (on_stream_state_changed), self);
}

static void
subscribe (AdSession *self)
{
  g_autoptr(JsonArray) topics = build_topics (self);

  ad_client_subscribe_async (self->client, topics, self->cancellable,
                             on_subscribed, g_object_ref (self));
}

static void
fill_codes (GListStore *store,
            JsonArray  *array)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      if (ad_json_string_or_null (object, "code") == NULL)
        continue;
      g_ptr_array_add (codes, ad_code_new (ad_json_string_or_null (object, "code"),
                                           ad_json_string_or_null (object, "label")));
    }

  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       codes->pdata, codes->len);
}

/* The reply to a request the session can do without, or NULL (said in the
 * log unless cancelled) when it failed. */
static JsonObject *
optional_reply (GObject      *source,
                GAsyncResult *result,
                const char   *what)
{
  g_autoptr(GError) error = NULL;
  JsonObject *reply = ad_client_request_finish (AD_CLIENT (source), result, &error);

  if (reply == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No %s: %s", what, error->message);
  return reply;
}

static void
on_center_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AdSession) self = user_data;
  g_autoptr(JsonObject) center = optional_reply (source, result, "center description");
  g_auto(GStrv) queues = NULL;
  JsonArray *array = NULL;

  if (center == NULL)
    return;

  if (ad_set_string (&self->profile, ad_json_string_or_null (center, "profile")))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
  ad_json_get_array (center, "queues", FALSE, &array, NULL);
  queues = ad_strv_from_json (array);
  if (ad_set_strv (&self->queues, (const char * const *) queues))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUEUES]);
  ad_json_get_array (center, "reasonCodes", FALSE, &array, NULL);
  fill_codes (self->reason_codes, array);
  ad_json_get_array (center, "dispositions", FALSE, &array, NULL);
  fill_codes (self->dispositions, array);
}

static void
on_places_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AdSession) self = user_data;
  g_autoptr(JsonObject) reply = optional_reply (source, result, "places");
  JsonArray *places = NULL;

  if (reply == NULL)
    return;

  ad_json_get_array (reply, "places", FALSE, &places, NULL);
  for (guint i = 0; places != NULL && i < json_array_get_length (places); i++)
    {
      JsonNode *place = json_array_get_element (places, i);
      JsonArray *dns = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (place))
        continue;
      ad_json_get_array (json_node_get_object (place), "dns", FALSE, &dns, NULL);
      for (guint j = 0; dns != NULL && j < json_array_get_length (dns); j++)
        {
          JsonNode *dn = json_array_get_element (dns, j);
          const char *dn_id, *number;

          if (!JSON_NODE_HOLDS_OBJECT (dn))
            continue;
          dn_id = ad_json_string_or_null (json_node_get_object (dn), "dnId");
          number = ad_json_string_or_null (json_node_get_object (dn), "number");
          if (dn_id != NULL && number != NULL)
            g_hash_table_insert (self->dn_numbers, g_strdup (dn_id), g_strdup (number));
        }
    }

  if (self->agent != NULL)
    ad_agent_set_dn_numbers (self->agent, self->dn_numbers);
}

static void
on_place_restored (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AdSession) self = user_data;
  GError *error = NULL;

  if (apply_agent_reply (self, source, result, &error))
    subscribe (self);
  else
    sync_failed (self, error);
}

static void
on_agent_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AdSession) self = user_data;
  g_autoptr(JsonObject) dto = NULL;
  GError *error = NULL;
  gboolean first = self->agent == NULL;

  dto = ad_client_request_finish (AD_CLIENT (source), result, &error);
  if (dto == NULL)
    {
      sync_failed (self, error);
      return;
    }

  /* A restarted switch forgot that the agent was working on a place: the
   * agent goes back on it, and the model never shows the logout. (After a
   * logout the session saw, there is no place to go back to.) */
  if (self->agent != NULL && self->recover_sign_in && self->place_id != NULL &&
      ad_agent_status_from_string (ad_json_string_or_null (dto, AD_AGENT_ATTR_STATUS)) ==
        AD_AGENT_STATUS_LOGGED_OUT)
    {
      g_debug ("Logging %s back in on %s", self->agent_id, self->place_id);
      ad_client_agent_login_async (self->client, self->agent_id, self->place_id,
                                   self->cancellable, on_place_restored, g_object_ref (self));
      return;
    }

  if (first)
    {
      self->agent = ad_agent_new (self->agent_id);
      ad_agent_set_dn_numbers (self->agent, self->dn_numbers);
    }
  apply_agent_dto (self, self->agent, dto);
  if (first)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT]);

  subscribe (self);
}

static void
load_agent (AdSession *self)
{
  if (self->role == AD_ROLE_SUPERVISOR)
    subscribe (self);
  else
    ad_client_get_agent_async (self->client, self->agent_id, self->cancellable,
                               on_agent_loaded, g_object_ref (self));
}

static void
on_signed_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AdSession) self = user_data;
  g_autofree char *agent_id = NULL;
  GError *error = NULL;
  AdRole role;

  self->signing_in = FALSE;
  if (!ad_client_login_finish (AD_CLIENT (source), result, &agent_id, &role, &error))
    {
      sync_failed (self, error);
      return;
    }
  self->token_renewed = self->reauth_attempt;

  if (self->login_task != NULL)
    {
      g_free (self->agent_id);
      self->agent_id = g_steal_pointer (&agent_id);
      if (self->role != role)
        {
          self->role = role;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
        }
      ad_client_get_center_async (self->client, self->cancellable,
                                  on_center_loaded, g_object_ref (self));
      ad_client_get_places_async (self->client, self->cancellable,
                                  on_places_loaded, g_object_ref (self));
    }

  load_agent (self);
}

static void
begin_sync (AdSession *self,
            gboolean   sign_in)
{
  g_return_if_fail (self->sync_step == SYNC_IDLE);

  self->sync_step = SYNC_LOADING;
  self->synced = FALSE;
  update_connection_state (self);

  self->signing_in = sign_in;
  self->reauth_attempt = sign_in && self->reauthorizing;
  self->token_renewed = FALSE;
  /* A refetch under way is older than this sync: its answer does not end
   * it. */
  self->refetch_ends_sync = FALSE;
  if (sign_in)
    ad_client_login_async (self->client, self->username, self->password, self->cancellable,
                           on_signed_in, g_object_ref (self));
  else
    load_agent (self);
}

/* Refetch and reconcile */

static void
reconcile (AdSession *self,
           JsonArray *dtos)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  for (guint i = 0; dtos != NULL && i < json_array_get_length (dtos); i++)
    {
      JsonNode *node = json_array_get_element (dtos, i);
      JsonObject *dto;
      const char *id;
      AdInteraction *interaction;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      dto = json_node_get_object (node);
      id = ad_json_string_or_null (dto, AD_ATTR_INTERACTION_ID);
      if (id == NULL || dto_is_final (dto))
        continue;

      g_hash_table_add (seen, (gpointer) id);
      if (g_hash_table_contains (self->removed_during_refetch, id))
        continue;

      interaction = g_hash_table_lookup (self->interaction_index, id);
      if (interaction == NULL)
        add_interaction (self, id, dto, self->refetch_serial);
      else if (ad_interaction_get_serial (interaction) <= self->refetch_serial)
        {
          ad_interaction_apply_dto (interaction, dto);
          ad_interaction_confirm_pending (interaction);
          ensure_ticking (self, interaction);
        }
    }

  /* Gone from the switch, and not brought back by an event since. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->interactions));
  for (guint i = 0; i < n; i++)
    {
      AdInteraction *interaction = g_list_model_get_item (G_LIST_MODEL (self->interactions), i);

      if (!g_hash_table_contains (seen, ad_interaction_get_id (interaction)) &&
          ad_interaction_get_serial (interaction) <= self->refetch_serial)
        g_ptr_array_add (gone, interaction);
      else
        g_object_unref (interaction);
    }
  for (guint i = 0; i < gone->len; i++)
    remove_interaction (self, g_ptr_array_index (gone, i));
}

/* A refetch begun before the sync under way reached its own: the sync
 * goes on (and refetches once its stream is connected). */
static gboolean
refetch_is_stale (AdSession *self)
{
  return self->sync_step != SYNC_IDLE && !self->refetch_ends_sync;
}

static void
refetch_done (AdSession *self)
{
  gboolean ends_sync;

  g_hash_table_remove_all (self->removed_during_refetch);
  self->refetching = FALSE;

  if (self->refetch_again)
    {
      self->refetch_again = FALSE;
      refetch (self);
      return;
    }
  if (refetch_is_stale (self))
    return;

  ends_sync = self->sync_step != SYNC_IDLE;
  self->sync_step = SYNC_IDLE;
  self->reauth_attempt = FALSE;
  /* A 401 came while a sync that did not sign in went on with the old
   * token: the recovery goes on with a sign-in. */
  if (ends_sync && self->reauthorizing && !self->token_renewed && self->login_task == NULL)
    {
      recover_unauthorized (self);
      return;
    }

  self->synced = TRUE;
  self->recover_attempt = 0;
  /* Signed in again, back on the place and in step with the switch: the
   * held requests go out with the new token. (Sent earlier, the refetch's
   * answer could predate their effect and be taken for it.) */
  if (self->token_renewed)
    end_reauth_attempt (self, NULL);
  /* A 401 meanwhile still needs the sign-in it scheduled. */
  if (!self->reauthorizing)
    self->recover_sign_in = FALSE;
  update_connection_state (self);
  g_signal_emit (self, signals[SIGNAL_RESYNCED], 0);

  if (self->login_task != NULL)
    {
      g_autoptr(GTask) task = take_login_task (self);

      self->active = TRUE;
      update_connection_state (self);
      g_task_return_boolean (task, TRUE);
    }
}

static void
refetch_failed (AdSession *self,
                GError    *error)
{
  gboolean again = self->refetch_again;

  g_hash_table_remove_all (self->removed_during_refetch);
  self->refetching = FALSE;
  self->refetch_again = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return;
    }

  if (refetch_is_stale (self))
    {
      g_debug ("A refetch older than the sync failed: %s", error->message);
      g_error_free (error);
      if (again && self->sync_step == SYNC_REFETCHING)
        refetch (self);
      return;
    }

  /* The stream stays; whatever broke the request is fixed by starting
   * over. */
  drop_stream (self);
  sync_failed (self, error);
}

static void
on_interactions_refetched (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(AdSession) self = user_data;
  g_autoptr(JsonObject) reply = NULL;
  GError *error = NULL;
  JsonArray *dtos = NULL;

  reply = ad_client_request_finish (AD_CLIENT (source), result, &error);
  if (reply == NULL)
    {
      refetch_failed (self, error);
      return;
    }

  if (!ad_json_get_array (reply, "interactions", TRUE, &dtos, NULL))
    {
      refetch_failed (self, g_error_new_literal (AD_ERROR, AD_ERROR_PROTOCOL,
                                                 "The switch's interaction list is malformed"));
      return;
    }

  reconcile (self, dtos);
  refetch_done (self);
}

static void
refetch_interactions (AdSession *self)
{
  ad_client_list_interactions_async (self->client, self->agent_id, NULL, self->cancellable,
                                     on_interactions_refetched, g_object_ref (self));
}

static void
on_agent_refetched (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AdSession) self = user_data;
  GError *error = NULL;

  if (apply_agent_reply (self, source, result, &error))
    refetch_interactions (self);
  else
    refetch_failed (self, error);
}

static void
refetch (AdSession *self)
{
  if (self->refetching)
    {
      self->refetch_again = TRUE;
      return;
    }

  g_debug ("Refetching the agent's state");
  self->refetching = TRUE;
  self->refetch_ends_sync = self->sync_step == SYNC_REFETCHING;
  self->refetch_serial = self->event_serial;
  update_connection_state (self);

  if (self->role == AD_ROLE_SUPERVISOR)
    {
      /* A supervisor has no interactions of its own; the directory is
       * what its events update. */
      ad_session_refresh_directory_async (self, self->cancellable, NULL, NULL);
      refetch_done (self);
    }
  else if (self->agent != NULL)
    ad_client_get_agent_async (self->client, self->agent_id, self->cancellable,
                               on_agent_refetched, g_object_ref (self));
  else
    refetch_interactions (self);
}

/* Public API */

AdSession *
ad_session_new (const char *base_url)
{
  g_autoptr(AdClient) client = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);

  client = ad_client_new (base_url);
  return g_object_new (AD_TYPE_SESSION, "client", client, NULL);
}

AdClient *
ad_session_get_client (AdSession *self)
{
  g_return_val_if_fail (AD_IS_SESSION (self), NULL);
  return self->client;
}

const char *
ad_session_get_username (AdSession *self)
{
  g_return_val_if_fail (AD_IS_SESSION (self), NULL);
  return self->username;
}

AdRole
ad_session_get_role (AdSession *self)
{
  g_return_val_if_fail (AD_IS_SESSION (self), AD_ROLE_AGENT);
  return self->role;
}

AdAgent *
ad_session_get_agent (AdSession *self)
{
  g_return_val_if_fail (AD_IS_SESSION (self), NULL);
  return self->agent;
}

GListModel *
ad_session_get_interactions (AdSession *self)
{
  g_return_val_if_fail (AD_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->interactions);
}

AdConnectionState
ad_session_get_connection_state (AdSession *self)
{
  g_return_val_if_fail (AD_IS_SESSION (self), AD_CONNECTION_STATE_OFFLINE);
  return self->connection_state;
}

const GError *
ad_session_get_connection_error (AdSession *self)
{
  g_return_val_if_fail (AD_IS_SESSION (self), NULL);
  return self->connection_error;
}

const char *
ad_session_get_profile (AdSession *self)
{
  g_return_val_if_fail (AD_IS_SESSION (self), NULL);
  return self->profile;
}

GListModel *
ad_session_get_reason_codes (AdSession *self)
{
  g_return_val_if_fail (AD_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->reason_codes);
}

GListModel *
ad_session_get_dispositions (AdSession *self)
{
  g_return_val_if_fail (AD_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->dispositions);
}

const char * const *
ad_session_get_queues (AdSession *self)
{
  g_return_val_if_fail (AD_IS_SESSION (self), NULL);
  return (const char * const *) self->queues;
}

GListModel *
ad_session_get_directory (AdSession *self)
{
  g_return_val_if_fail (AD_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->directory);
}

GListModel *
ad_session_get_history (AdSession *self)
{
  g_return_val_if_fail (AD_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->history);
}

AdInteraction *
ad_session_lookup_interaction (AdSession  *self,
                               const char *interaction_id)
{
  g_return_val_if_fail (AD_IS_SESSION (self), NULL);

  if (interaction_id == NULL)
    return NULL;
  return g_hash_table_lookup (self->interaction_index, interaction_id);
}

static void
set_timing_value (AdSession *self,
                  guint     *field,
                  guint      value,
                  guint      prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
ad_session_set_stream_timing (AdSession *self,
                              guint      keepalive_timeout_ms,
                              guint      backoff_initial_ms,
                              guint      backoff_max_ms)
{
  g_return_if_fail (AD_IS_SESSION (self));
  g_return_if_fail (keepalive_timeout_ms > 0 && backoff_initial_ms > 0);
  g_return_if_fail (backoff_max_ms >= backoff_initial_ms);

  g_object_freeze_notify (G_OBJECT (self));
  set_timing_value (self, &self->keepalive_timeout_ms, keepalive_timeout_ms,
                    PROP_KEEPALIVE_TIMEOUT_MS);
  set_timing_value (self, &self->backoff_initial_ms, backoff_initial_ms, PROP_BACKOFF_INITIAL_MS);
  set_timing_value (self, &self->backoff_max_ms, backoff_max_ms, PROP_BACKOFF_MAX_MS);
  g_object_thaw_notify (G_OBJECT (self));

  if (self->stream != NULL)
    {
      ad_event_stream_set_keepalive_timeout (self->stream, keepalive_timeout_ms);
      ad_event_stream_set_backoff (self->stream, backoff_initial_ms, backoff_max_ms);
    }
}

void
ad_session_login_async (AdSession           *self,
                        const char          *username,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AD_IS_SESSION (self));
  g_return_if_fail (username != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ad_session_login_async);

  if (self->login_task != NULL || self->active)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               "The session is already signed in or signing in");
      return;
    }

  if (ad_set_string (&self->username, username))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USERNAME]);
  set_connection_error (self, NULL);
  g_free (self->password);
  self->password = g_strdup (password);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    self->login_cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_login_cancelled),
                                                      g_object_ref (self->cancellable),
                                                      g_object_unref);

  self->login_task = g_steal_pointer (&task);
  begin_sync (self, TRUE);
}

static void
sign_out_locally (AdSession *self)
{
  cancel_waiting (self, "The session was signed out");
  stop_background (self);
  set_connection_error (self, NULL);
  g_clear_pointer (&self->password, g_free);
  g_clear_pointer (&self->place_id, g_free);
  clear_interactions (self);
  if (self->agent != NULL)
    {
      g_clear_object (&self->agent);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT]);
    }
  update_connection_state (self);
}

static void
on_logout_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) reply = NULL;
  GError *error = NULL;

  reply = ad_client_request_finish (AD_CLIENT (source), result, &error);
  if (reply == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
ad_session_logout_async (AdSession           *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (AD_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ad_session_logout_async);

  sign_out_locally (self);
  ad_client_logout_async (self->client, cancellable, on_logout_done, task);
}

/* Completes @task with @error (taken), unless it is held to be sent again
 * once the session has signed in again. */
static void
return_error (AdSession         *self,
              GTask             *task,
              GError            *error,
              AdSessionSendFunc  send)
{
  if (ad_session_send_again (self, task, error, send))
    g_error_free (error);
  else
    g_task_return_error (task, error);
}

/* Sends a new request of @source_tag, with @task_data, through
 * ad_session_send(). */
static void
send_request (AdSession           *self,
              gpointer             source_tag,
              gpointer             task_data,
              GDestroyNotify       task_data_destroy,
              AdSessionSendFunc    send,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, task_data, task_data_destroy);
  ad_session_send (self, task, send);
}

/* The reply to the request @task stands for (sent by @send), or NULL when
 * it failed: @task is then completed, or held to be sent again. */
static JsonObject *
request_reply (GTask             *task,
               GObject           *source,
               GAsyncResult      *result,
               AdSessionSendFunc  send)
{
  GError *error = NULL;
  JsonObject *reply = ad_client_request_finish (AD_CLIENT (source), result, &error);

  if (reply == NULL)
    return_error (g_task_get_source_object (task), task, error, send);
  return reply;
}

/* Agent state requests: the answer is the agent DTO. */

/* What an agent state request is sent (again) with. */
typedef struct {
  char *place_id;
  char *reason_code;
} AgentRequest;

static void
agent_request_free (AgentRequest *request)
{
  g_free (request->place_id);
  g_free (request->reason_code);
  g_free (request);
}

static void send_agent_request (GTask *task);

static void
on_agent_request_done (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AdSession *self = g_task_get_source_object (task);
  GError *error = NULL;

  /* The answer and AgentEvents cross on the way: the agent keeps whichever
   * is newer by its agent:version. */
  if (apply_agent_reply (self, source, result, &error))
    g_task_return_boolean (task, TRUE);
  else
    return_error (self, task, error, send_agent_request);
}

/* Which request the task stands for is its source tag. */
static void
send_agent_request (GTask *task)
{
  AdSession *self = g_task_get_source_object (task);
  AgentRequest *request = g_task_get_task_data (task);
  gpointer tag = g_task_get_source_tag (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (tag == ad_session_agent_login_async)
    ad_client_agent_login_async (self->client, self->agent_id, request->place_id, cancellable,
                                 on_agent_request_done, task);
  else if (tag == ad_session_agent_logout_async)
    ad_client_agent_logout_async (self->client, self->agent_id, cancellable,
                                  on_agent_request_done, task);
  else if (tag == ad_session_ready_async)
    ad_client_agent_ready_async (self->client, self->agent_id, cancellable,
                                 on_agent_request_done, task);
  else if (tag == ad_session_not_ready_async)
    ad_client_agent_not_ready_async (self->client, self->agent_id, request->reason_code,
                                     cancellable, on_agent_request_done, task);
  else
    ad_client_agent_after_call_work_async (self->client, self->agent_id, cancellable,
                                           on_agent_request_done, task);
}

static void
agent_request (AdSession           *self,
               gpointer             source_tag,
               const char          *place_id,
               const char          *reason_code,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  AgentRequest *request;

  if (self->agent == NULL)
    {
      g_task_report_new_error (self, callback, user_data, source_tag,
                               AD_ERROR, AD_ERROR_INVALID_AGENT_STATE,
                               "Not signed in as an agent");
      return;
    }

  request = g_new0 (AgentRequest, 1);
  request->place_id = g_strdup (place_id);
  request->reason_code = g_strdup (reason_code);
  send_request (self, source_tag, request, (GDestroyNotify) agent_request_free,
                send_agent_request, cancellable, callback, user_data);
}

void
ad_session_agent_login_async (AdSession           *self,
                              const char          *place_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (AD_IS_SESSION (self));
  g_return_if_fail (place_id != NULL);

  agent_request (self, ad_session_agent_login_async, place_id, NULL,
                 cancellable, callback, user_data);
}

void
ad_session_agent_logout_async (AdSession           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (AD_IS_SESSION (self));

  agent_request (self, ad_session_agent_logout_async, NULL, NULL,
                 cancellable, callback, user_data);
}

void
ad_session_ready_async (AdSession           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (AD_IS_SESSION (self));

  agent_request (self, ad_session_ready_async, NULL, NULL, cancellable, callback, user_data);
}

void
ad_session_not_ready_async (AdSession           *self,
                            const char          *reason_code,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (AD_IS_SESSION (self));

  agent_request (self, ad_session_not_ready_async, NULL, reason_code,
                 cancellable, callback, user_data);
}

void
ad_session_after_call_work_async (AdSession           *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (AD_IS_SESSION (self));

  agent_request (self, ad_session_after_call_work_async, NULL, NULL,
                 cancellable, callback, user_data);
}

static void send_directory_request (GTask *task);

static void
on_directory_loaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AdSession *self = g_task_get_source_object (task);
  g_autoptr(JsonObject) reply = request_reply (task, source, result, send_directory_request);
  g_autoptr(GHashTable) existing = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GError *error = NULL;
  JsonArray *agents = NULL;
  gboolean same = TRUE;
  guint n;

  if (reply == NULL)
    return;
  if (!ad_json_get_array (reply, "agents", TRUE, &agents, &error))
    {
      g_task_return_new_error (task, AD_ERROR, AD_ERROR_PROTOCOL,
                               "The switch's directory is malformed: %s", error->message);
      g_error_free (error);
      return;
    }

  existing = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  entries = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->directory));
  for (guint i = 0; i < n; i++)
    {
      AdAgent *entry = g_list_model_get_item (G_LIST_MODEL (self->directory), i);

      g_hash_table_insert (existing, (gpointer) ad_agent_get_id (entry), entry);
    }

  /* Entries keep their objects (and the widgets bound to them). */
  for (guint i = 0; i < json_array_get_length (agents); i++)
    {
      JsonNode *node = json_array_get_element (agents, i);
      JsonObject *object;
      const char *agent_id;
      AdAgent *entry;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      agent_id = ad_json_string_or_null (object, "agentId");
      if (agent_id == NULL)
        continue;

      entry = g_hash_table_lookup (existing, agent_id);
      entry = entry != NULL ? g_object_ref (entry) : ad_agent_new (agent_id);
      ad_agent_apply_directory_entry (entry, object);
      if (entries->len >= n)
        same = FALSE;
      else
        {
          g_autoptr(AdAgent) at = g_list_model_get_item (G_LIST_MODEL (self->directory), entries->len);

          same = same && at == entry;
        }
      g_ptr_array_add (entries, entry);
    }

  if (!same || entries->len != n)
    g_list_store_splice (self->directory, 0, n, entries->pdata, entries->len);

  g_task_return_boolean (task, TRUE);
}

void
ad_session_refresh_directory_async (AdSession           *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (AD_IS_SESSION (self));

  send_request (self, ad_session_refresh_directory_async, NULL, NULL, send_directory_request,
                cancellable, callback, user_data);
}

static void
send_directory_request (GTask *task)
{
  AdSession *self = g_task_get_source_object (task);

  ad_client_get_agents_async (self->client, g_task_get_cancellable (task),
                              on_directory_loaded, task);
}

static void send_history_request (GTask *task);

static void
on_history_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AdSession *self = g_task_get_source_object (task);
  g_autoptr(JsonObject) reply = request_reply (task, source, result, send_history_request);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;
  JsonArray *array = NULL;

  if (reply == NULL)
    return;
  if (!ad_json_get_array (reply, "records", TRUE, &array, &error))
    {
      g_task_return_new_error (task, AD_ERROR, AD_ERROR_PROTOCOL,
                               "The switch's history is malformed: %s", error->message);
      g_error_free (error);
      return;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (records, ad_history_record_new_from_json (json_node_get_object (node)));
    }

  g_list_store_splice (self->history, 0, g_list_model_get_n_items (G_LIST_MODEL (self->history)),
                       records->pdata, records->len);
  g_task_return_boolean (task, TRUE);
}

void
ad_session_refresh_history_async (AdSession           *self,
                                  guint                limit,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (AD_IS_SESSION (self));

  send_request (self, ad_session_refresh_history_async, GUINT_TO_POINTER (limit), NULL,
                send_history_request, cancellable, callback, user_data);
}

static void
send_history_request (GTask *task)
{
  AdSession *self = g_task_get_source_object (task);

  ad_client_get_history_async (self->client, self->agent_id,
                               GPOINTER_TO_UINT (g_task_get_task_data (task)),
                               g_task_get_cancellable (task), on_history_loaded, task);
}

gboolean
ad_session_finish (AdSession     *self,
                   GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void send_create_request (GTask *task);

static void
on_interaction_created (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AdSession *self = g_task_get_source_object (task);
  g_autoptr(JsonObject) dto = NULL;
  GError *error = NULL;

  dto = ad_client_dto_finish (AD_CLIENT (source), result, &error);
  if (dto == NULL && error == NULL)
    error = g_error_new_literal (AD_ERROR, AD_ERROR_PROTOCOL,
                                 "The switch did not describe the new interaction");
  if (error != NULL)
    {
      return_error (self, task, error, send_create_request);
      return;
    }

  g_task_return_pointer (task, g_object_ref (ad_session_adopt_interaction (self, dto)),
                         g_object_unref);
}

void
ad_session_create_interaction_async (AdSession           *self,
                                     const char          *dn_id,
                                     const char          *destination,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) body = NULL;

  g_return_if_fail (AD_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ad_session_create_interaction_async);

  if (self->agent == NULL || !ad_agent_can_create_interaction (self->agent, dn_id))
    {
      g_task_return_new_error (task, AD_ERROR, AD_ERROR_INVALID_AGENT_STATE,
                               "The agent cannot make a call on %s now",
                               dn_id != NULL ? dn_id : "its place");
      return;
    }

  body = json_object_new ();
  if (dn_id != NULL)
    json_object_set_string_member (body, "dnId", dn_id);
  else
    json_object_set_string_member (body, "placeId", ad_agent_get_place_id (self->agent));
  if (destination != NULL && destination[0] != '\0')
    json_object_set_string_member (body, "destination", destination);
  else
    json_object_set_null_member (body, "destination");
  json_object_set_string_member (body, "makeCallType", "REGULAR");

  g_task_set_task_data (task, g_steal_pointer (&body), (GDestroyNotify) json_object_unref);
  ad_session_send (self, g_steal_pointer (&task), send_create_request);
}

static void
send_create_request (GTask *task)
{
  AdSession *self = g_task_get_source_object (task);

  ad_client_create_interaction_async (self->client, g_task_get_task_data (task),
                                      g_task_get_cancellable (task), on_interaction_created, task);
}

AdInteraction *
ad_session_create_interaction_finish (AdSession     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ad_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AdSession *self = AD_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;
    case PROP_AGENT:
      g_value_set_object (value, self->agent);
      break;
    case PROP_INTERACTIONS:
      g_value_set_object (value, self->interactions);
      break;
    case PROP_CONNECTION_STATE:
      g_value_set_enum (value, self->connection_state);
      break;
    case PROP_CONNECTION_ERROR:
      g_value_set_boxed (value, self->connection_error);
      break;
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    case PROP_REASON_CODES:
      g_value_set_object (value, self->reason_codes);
      break;
    case PROP_DISPOSITIONS:
      g_value_set_object (value, self->dispositions);
      break;
    case PROP_QUEUES:
      g_value_set_boxed (value, self->queues);
      break;
    case PROP_DIRECTORY:
      g_value_set_object (value, self->directory);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_KEEPALIVE_TIMEOUT_MS:
      g_value_set_uint (value, self->keepalive_timeout_ms);
      break;
    case PROP_BACKOFF_INITIAL_MS:
      g_value_set_uint (value, self->backoff_initial_ms);
      break;
    case PROP_BACKOFF_MAX_MS:
      g_value_set_uint (value, self->backoff_max_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AdSession *self = AD_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_KEEPALIVE_TIMEOUT_MS:
      ad_session_set_stream_timing (self, g_value_get_uint (value),
                                    self->backoff_initial_ms, self->backoff_max_ms);
      break;
    case PROP_BACKOFF_INITIAL_MS:
      ad_session_set_stream_timing (self, self->keepalive_timeout_ms, g_value_get_uint (value),
                                    MAX (self->backoff_max_ms, g_value_get_uint (value)));
      break;
    case PROP_BACKOFF_MAX_MS:
      ad_session_set_stream_timing (self, self->keepalive_timeout_ms,
                                    MIN (self->backoff_initial_ms, g_value_get_uint (value)),
                                    g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_session_constructed (GObject *object)
{
  AdSession *self = AD_SESSION (object);

  G_OBJECT_CLASS (ad_session_parent_class)->constructed (object);

  if (self->client == NULL)
    self->client = ad_client_new ("http://127.0.0.1");
  g_signal_connect_object (self->client, "unauthorized",
                           G_CALLBACK (on_client_unauthorized), self, 0);
}

static void
ad_session_dispose (GObject *object)
{
  AdSession *self = AD_SESSION (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->recover_source, g_source_remove);
  g_clear_handle_id (&self->tick_source, g_source_remove);
  drop_stream (self);
  cancel_waiting (self, "The session was closed");
  if (self->login_task != NULL)
    g_object_unref (take_login_task (self));
  g_clear_object (&self->agent);
  if (self->interaction_index != NULL)
    g_hash_table_remove_all (self->interaction_index);
  g_clear_object (&self->interactions);
  g_clear_object (&self->reason_codes);
  g_clear_object (&self->dispositions);
  g_clear_object (&self->directory);
  g_clear_object (&self->history);
  g_clear_object (&self->parser);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (ad_session_parent_class)->dispose (object);
}

static void
ad_session_finalize (GObject *object)
{
  AdSession *self = AD_SESSION (object);

  g_free (self->username);
  g_free (self->password);
  g_free (self->agent_id);
  g_free (self->place_id);
  g_free (self->profile);
  g_strfreev (self->queues);
  g_clear_error (&self->connection_error);
  g_clear_pointer (&self->interaction_index, g_hash_table_unref);
  g_clear_pointer (&self->removed_during_refetch, g_hash_table_unref);
  g_clear_pointer (&self->dn_numbers, g_hash_table_unref);

  G_OBJECT_CLASS (ad_session_parent_class)->finalize (object);
}

static void
ad_session_class_init (AdSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ad_session_get_property;
  object_class->set_property = ad_session_set_property;
  object_class->constructed = ad_session_constructed;
  object_class->dispose = ad_session_dispose;
  object_class->finalize = ad_session_finalize;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, AD_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, flags);
  properties[PROP_ROLE] = g_param_spec_enum ("role", NULL, NULL, AD_TYPE_ROLE, AD_ROLE_AGENT, flags);
  properties[PROP_AGENT] = g_param_spec_object ("agent", NULL, NULL, AD_TYPE_AGENT, flags);
  properties[PROP_INTERACTIONS] = g_param_spec_object ("interactions", NULL, NULL,
                                                       G_TYPE_LIST_MODEL, flags);
  properties[PROP_CONNECTION_STATE] =
    g_param_spec_enum ("connection-state", NULL, NULL, AD_TYPE_CONNECTION_STATE,
                       AD_CONNECTION_STATE_OFFLINE, flags);
  properties[PROP_CONNECTION_ERROR] =
    g_param_spec_boxed ("connection-error", NULL, NULL, G_TYPE_ERROR, flags);
  properties[PROP_PROFILE] = g_param_spec_string ("profile", NULL, NULL, NULL, flags);
  properties[PROP_REASON_CODES] = g_param_spec_object ("reason-codes", NULL, NULL,
                                                       G_TYPE_LIST_MODEL, flags);
  properties[PROP_DISPOSITIONS] = g_param_spec_object ("dispositions", NULL, NULL,
                                                       G_TYPE_LIST_MODEL, flags);
  properties[PROP_QUEUES] = g_param_spec_boxed ("queues", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_DIRECTORY] = g_param_spec_object ("directory", NULL, NULL,
                                                    G_TYPE_LIST_MODEL, flags);
  properties[PROP_HISTORY] = g_param_spec_object ("history", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_KEEPALIVE_TIMEOUT_MS] =
    g_param_spec_uint ("keepalive-timeout-ms", NULL, NULL, 1, G_MAXUINT, 45000, rw);
  properties[PROP_BACKOFF_INITIAL_MS] =
    g_param_spec_uint ("backoff-initial-ms", NULL, NULL, 1, G_MAXUINT, 500, rw);
  properties[PROP_BACKOFF_MAX_MS] =
    g_param_spec_uint ("backoff-max-ms", NULL, NULL, 1, G_MAXUINT, 30000, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_INTERACTION_ADDED] =
    g_signal_new ("interaction-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, AD_TYPE_INTERACTION);
  signals[SIGNAL_INTERACTION_REMOVED] =
    g_signal_new ("interaction-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, AD_TYPE_INTERACTION);
  signals[SIGNAL_RESYNCED] =
    g_signal_new ("resynced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ad_session_init (AdSession *self)
{
  self->interactions = g_list_store_new (AD_TYPE_INTERACTION);
  self->interaction_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->removed_during_refetch = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->reason_codes = g_list_store_new (AD_TYPE_CODE);
  self->dispositions = g_list_store_new (AD_TYPE_CODE);
  self->directory = g_list_store_new (AD_TYPE_AGENT);
  self->history = g_list_store_new (AD_TYPE_HISTORY_RECORD);
  self->dn_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
  self->parser = json_parser_new_immutable ();
  self->keepalive_timeout_ms = 45000;
  self->backoff_initial_ms = 500;
  self->backoff_max_ms = 30000;
}
