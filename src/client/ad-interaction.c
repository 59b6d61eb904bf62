/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdInteraction"

#include "config.h"

#include "ad-client-private.h"

#include <string.h>

enum {
  PROP_0,
  PROP_ID,
  PROP_STATUS,
  PROP_EVENT_REASON,
  PROP_AGENT_ID,
  PROP_DN_ID,
  PROP_ANI,
  PROP_DNIS,
  PROP_PHONE_NUMBERS,
  PROP_DURATION,
  PROP_ACTIONS_POSSIBLE,
  PROP_PARTIES,
  PROP_ATTACHED_DATA,
  PROP_MUTED,
  PROP_CALL_TYPE,
  PROP_EXTENSIONS,
  PROP_PENDING_ACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _AdInteraction
{
  GObject              parent_instance;

  GWeakRef             session;
  AdClient            *client;

  char                *id;
  AdInteractionStatus  status;
  AdEventReason        event_reason;
  char                *agent_id;
  char                *dn_id;
  char                *ani;
  char                *dnis;
  char               **phone_numbers;
  guint                duration;
  AdVoiceAction        actions_possible;
  GListStore          *parties;
  GHashTable          *attached_data;
  gboolean             muted;
  AdCallType           call_type;
  JsonObject          *extensions;
  AdVoiceAction        pending_action;
  /* The switch keeps an accepted action in flight until it is applied,
   * which its next event for this interaction shows; until then the action
   * stays pending here too. */
  gboolean             pending_accepted;
  gboolean             pending_event_seen;
  /* The request is out; while the session holds it back for a new token,
   * what the switch shows predates it. */
  gboolean             pending_sent;
  guint                pending_timeout;

  /* "duration" between events: the switch's value and when it came. */
  guint                duration_base;
  gint64               duration_base_us;
  guint64              serial;
};

G_DEFINE_FINAL_TYPE (AdInteraction, ad_interaction, G_TYPE_OBJECT)

#define PENDING_TIMEOUT_MS 10000

static void
notify_if (AdInteraction *self,
           gboolean       changed,
           guint          prop)
{
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static gboolean
status_ticks (AdInteractionStatus status)
{
  return status == AD_INTERACTION_STATUS_TALKING || status == AD_INTERACTION_STATUS_HELD;
}

static void
set_duration (AdInteraction *self,
              guint          duration)
{
  if (self->duration != duration)
    {
      self->duration = duration;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
    }
}

static void
set_pending_action (AdInteraction *self,
                    AdVoiceAction  action)
{
  g_clear_handle_id (&self->pending_timeout, g_source_remove);
  self->pending_accepted = FALSE;
  self->pending_event_seen = FALSE;
  self->pending_sent = FALSE;
  if (self->pending_action != action)
    {
      self->pending_action = action;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_ACTION]);
    }
}

static void
on_pending_timeout (gpointer user_data)
{
  AdInteraction *self = user_data;

  self->pending_timeout = 0;
  g_debug ("No event confirmed %s on %s", ad_voice_action_to_string (self->pending_action), self->id);
  set_pending_action (self, AD_VOICE_ACTION_NONE);
}

void
ad_interaction_confirm_pending (AdInteraction *self)
{
  g_return_if_fail (AD_IS_INTERACTION (self));

  if (self->pending_action == AD_VOICE_ACTION_NONE || !self->pending_sent)
    return;

  /* An event may overtake the answer that accepted the action. */
  if (self->pending_accepted)
    set_pending_action (self, AD_VOICE_ACTION_NONE);
  else
    self->pending_event_seen = TRUE;
}

static gboolean
json_objects_equal (JsonObject *a,
                    JsonObject *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_object_equal (a, b);
}

static JsonNode *
member (JsonObject *dto,
        const char *name)
{
  return json_object_get_member (dto, name);
}

static JsonObject *
node_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
node_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* A string attribute the DTO carries (null or not a string: NULL) replaces
 * *@field; a DTO without it leaves *@field alone. */
static void
apply_string (AdInteraction  *self,
              JsonObject     *dto,
              const char     *name,
              char          **field,
              guint           prop)
{
  if (json_object_has_member (dto, name))
    notify_if (self, ad_set_string (field, ad_json_string_or_null (dto, name)), prop);
}

void
ad_interaction_apply_dto (AdInteraction *self,
                          JsonObject    *dto)
{
  gint64 now = g_get_monotonic_time ();
  JsonNode *node;

  g_return_if_fail (AD_IS_INTERACTION (self));
  g_return_if_fail (dto != NULL);

  g_object_freeze_notify (G_OBJECT (self));

  if (json_object_has_member (dto, AD_ATTR_STATUS))
    {
      AdInteractionStatus status =
        ad_interaction_status_from_string (ad_json_string_or_null (dto, AD_ATTR_STATUS));

      if (status != self->status)
        {
          /* The clock restarts from what it shows when the call starts or
           * stops ticking. */
          self->duration_base = self->duration;
          self->duration_base_us = now;
          self->status = status;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
        }
    }
  if (json_object_has_member (dto, AD_ATTR_EVENT_REASON))
    {
      AdEventReason reason =
        ad_event_reason_from_string (ad_json_string_or_null (dto, AD_ATTR_EVENT_REASON));

      if (self->event_reason != reason)
        {
          self->event_reason = reason;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_REASON]);
        }
    }
  apply_string (self, dto, AD_ATTR_AGENT_ID, &self->agent_id, PROP_AGENT_ID);
  apply_string (self, dto, AD_ATTR_DN_ID, &self->dn_id, PROP_DN_ID);
  apply_string (self, dto, AD_ATTR_ANI, &self->ani, PROP_ANI);
  apply_string (self, dto, AD_ATTR_DNIS, &self->dnis, PROP_DNIS);
  if ((node = member (dto, AD_ATTR_PHONE_NUMBER)) != NULL)
    {
      g_auto(GStrv) numbers = ad_strv_from_json (node_array (node));

      if (numbers == NULL)
        numbers = g_new0 (char *, 1);
      notify_if (self, ad_set_strv (&self->phone_numbers, (const char * const *) numbers),
                 PROP_PHONE_NUMBERS);
    }
  if ((node = member (dto, AD_ATTR_DURATION)) != NULL &&
      JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      self->duration_base = (guint) CLAMP (json_node_get_int (node), 0, G_MAXUINT);
      self->duration_base_us = now;
      set_duration (self, self->duration_base);
    }
  if ((node = member (dto, AD_ATTR_ACTIONS_POSSIBLE)) != NULL)
    {
      AdVoiceAction actions = ad_voice_actions_from_json (node_array (node));

      if (self->actions_possible != actions)
        {
          self->actions_possible = actions;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIONS_POSSIBLE]);
        }
    }
  if ((node = member (dto, AD_ATTR_PARTIES)) != NULL)
    notify_if (self, ad_party_list_update (self->parties, node_array (node)), PROP_PARTIES);
  if ((node = member (dto, AD_ATTR_ATTACHED_DATA)) != NULL)
    {
      g_autoptr(GHashTable) data = ad_string_map_from_json (node_object (node));

      if (!ad_string_map_equal (data, self->attached_data))
        {
          g_hash_table_unref (self->attached_data);
          self->attached_data = g_steal_pointer (&data);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTACHED_DATA]);
        }
    }
  if ((node = member (dto, AD_ATTR_MUTED)) != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      gboolean muted = json_node_get_boolean (node);

      if (self->muted != muted)
        {
          self->muted = muted;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTED]);
        }
    }
  if (json_object_has_member (dto, AD_ATTR_CALL_TYPE))
    {
      AdCallType type = ad_call_type_from_string (ad_json_string_or_null (dto, AD_ATTR_CALL_TYPE));

      if (self->call_type != type)
        {
          self->call_type = type;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALL_TYPE]);
        }
    }
  if ((node = member (dto, AD_ATTR_EXTENSIONS)) != NULL)
    {
      JsonObject *extensions = node_object (node);

      if (!json_objects_equal (extensions, self->extensions))
        {
          g_clear_pointer (&self->extensions, json_object_unref);
          self->extensions = extensions != NULL ? json_object_ref (extensions) : NULL;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTENSIONS]);
        }
    }

  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
ad_interaction_tick (AdInteraction *self,
                     gint64         now_us)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), FALSE);

  if (!status_ticks (self->status))
    return FALSE;

  set_duration (self, self->duration_base +
                      (guint) ((now_us - self->duration_base_us) / G_USEC_PER_SEC));
  return TRUE;
}

guint64
ad_interaction_get_serial (AdInteraction *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), 0);

  return self->serial;
}

void
ad_interaction_set_serial (AdInteraction *self,
                           guint64        serial)
{
  g_return_if_fail (AD_IS_INTERACTION (self));

  self->serial = serial;
}

AdInteraction *
ad_interaction_new (AdSession  *session,
                    const char *id)
{
  AdInteraction *self;

  g_return_val_if_fail (AD_IS_SESSION (session), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (AD_TYPE_INTERACTION, "id", id, NULL);
  g_weak_ref_set (&self->session, session);
  self->client = g_object_ref (ad_session_get_client (session));
  return self;
}

/* Actions */

/* What an action is sent (again) with. */
typedef struct {
  AdVoiceAction  action;
  JsonObject    *body;  /* or NULL */
} PerformRequest;

static void
perform_request_free (PerformRequest *request)
{
  g_clear_pointer (&request->body, json_object_unref);
  g_free (request);
}

static void send_perform_request (GTask *task);

static void
on_perform_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AdInteraction *self = g_task_get_source_object (task);
  PerformRequest *request = g_task_get_task_data (task);
  AdVoiceAction action = request->action;
  g_autoptr(JsonObject) dto = NULL;
  g_autoptr(AdSession) session = g_weak_ref_get (&self->session);
  g_autoptr(GError) error = NULL;

  dto = ad_client_dto_finish (AD_CLIENT (source), result, &error);

  /* Refused for the token alone: the action stays pending until it has
   * gone out again with the new one. */
  if (error != NULL && session != NULL &&
      ad_session_send_again (session, task, error, send_perform_request))
    {
      self->pending_sent = FALSE;
      return;
    }

  if (self->pending_action == action)
    {
      if (error != NULL || self->pending_event_seen)
        set_pending_action (self, AD_VOICE_ACTION_NONE);
      else
        {
          /* Never stuck, should the confirming event be lost. */
          self->pending_accepted = TRUE;
          self->pending_timeout = g_timeout_add_once (PENDING_TIMEOUT_MS, on_pending_timeout, self);
        }
    }

  if (error != NULL)
    {
      g_debug ("%s on %s failed: %s", ad_voice_action_to_string (action), self->id, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (action != AD_VOICE_ACTION_INIT_TRANSFER && action != AD_VOICE_ACTION_INIT_CONFERENCE)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (session == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The session was closed");
  else if (dto == NULL)
    g_task_return_new_error (task, AD_ERROR, AD_ERROR_PROTOCOL,
                             "The switch did not describe the consult call");
  else
    g_task_return_pointer (task, g_object_ref (ad_session_adopt_interaction (session, dto)),
                           g_object_unref);
}

/* Runs @action unless another is in flight or the switch does not offer
 * it; @body (transfer full) may be NULL. */
static void
perform (AdInteraction       *self,
         AdVoiceAction        action,
         JsonObject          *body,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(JsonObject) owned_body = body;
  g_autoptr(GTask) task = NULL;
  g_autoptr(AdSession) session = NULL;
  PerformRequest *request;

  g_return_if_fail (AD_IS_INTERACTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, perform);

  if (self->pending_action != AD_VOICE_ACTION_NONE)
    {
      g_task_return_new_error (task, AD_ERROR, AD_ERROR_ACTION_IN_PROGRESS,
                               "%s is still in progress on this call",
                               ad_voice_action_to_string (self->pending_action));
      return;
    }
  if ((self->actions_possible & action) == 0)
    {
      g_task_return_new_error (task, AD_ERROR, AD_ERROR_ACTION_NOT_POSSIBLE,
                               "%s is not possible on this call now",
                               ad_voice_action_to_string (action));
      return;
    }

  request = g_new0 (PerformRequest, 1);
  request->action = action;
  request->body = g_steal_pointer (&owned_body);
  g_task_set_task_data (task, request, (GDestroyNotify) perform_request_free);

  set_pending_action (self, action);
  session = g_weak_ref_get (&self->session);
  if (session != NULL)
    ad_session_send (session, g_steal_pointer (&task), send_perform_request);
  else
    send_perform_request (g_steal_pointer (&task));
}

static void
send_perform_request (GTask *task)
{
  AdInteraction *self = g_task_get_source_object (task);
  PerformRequest *request = g_task_get_task_data (task);

  if (self->pending_action == request->action)
    self->pending_sent = TRUE;
  ad_client_perform_async (self->client, self->id, request->action, request->body,
                           g_task_get_cancellable (task), on_perform_done, task);
}

static void
refuse (AdInteraction       *self,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data,
        AdError              code,
        const char          *message)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, perform);
  g_task_return_new_error (task, AD_ERROR, code, "%s", message);
}

/* {"destination": …}, or NULL when @destination is empty (then refused). */
static JsonObject *
destination_body (const char *destination)
{
  JsonObject *body;

  if (destination == NULL || destination[0] == '\0')
    return NULL;

  body = json_object_new ();
  json_object_set_string_member (body, "destination", destination);
  return body;
}

static void
perform_to (AdInteraction       *self,
            AdVoiceAction        action,
            const char          *destination,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  JsonObject *body = destination_body (destination);

  if (body == NULL)
    refuse (self, cancellable, callback, user_data, AD_ERROR_INVALID_DESTINATION,
            "No number to call was given");
  else
    perform (self, action, body, cancellable, callback, user_data);
}

gboolean
ad_interaction_action_finish (AdInteraction  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_autoptr(AdInteraction) created = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  created = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

AdInteraction *
ad_interaction_initiate_finish (AdInteraction  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ad_interaction_make_call_async (AdInteraction       *self,
                                const char          *destination,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  perform_to (self, AD_VOICE_ACTION_MAKE_CALL, destination, cancellable, callback, user_data);
}

void
ad_interaction_answer_async (AdInteraction       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  perform (self, AD_VOICE_ACTION_ANSWER_CALL, NULL, cancellable, callback, user_data);
}

void
ad_interaction_release_async (AdInteraction       *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  perform (self, AD_VOICE_ACTION_RELEASE_CALL, NULL, cancellable, callback, user_data);
}

void
ad_interaction_mark_done_async (AdInteraction       *self,
                                const char          *disposition,
                                const char          *notes,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  JsonObject *body = json_object_new ();

  if (disposition != NULL)
    json_object_set_string_member (body, "disposition", disposition);
  if (notes != NULL)
    json_object_set_string_member (body, "notes", notes);
  perform (self, AD_VOICE_ACTION_MARK_DONE, body, cancellable, callback, user_data);
}

void
ad_interaction_hold_async (AdInteraction       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  perform (self, AD_VOICE_ACTION_HOLD, NULL, cancellable, callback, user_data);
}

void
ad_interaction_retrieve_async (AdInteraction       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  perform (self, AD_VOICE_ACTION_RETRIEVE, NULL, cancellable, callback, user_data);
}

void
ad_interaction_transfer_async (AdInteraction       *self,
                               const char          *destination,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  AdVoiceAction action = AD_VOICE_ACTION_SINGLE_STEP_TRANSFER;

  g_return_if_fail (AD_IS_INTERACTION (self));

  /* A switch without single-step transfer offers the mute transfer instead. */
  if ((self->actions_possible & AD_VOICE_ACTION_SINGLE_STEP_TRANSFER) == 0 &&
      (self->actions_possible & AD_VOICE_ACTION_MUTE_TRANSFER) != 0)
    action = AD_VOICE_ACTION_MUTE_TRANSFER;

  perform_to (self, action, destination, cancellable, callback, user_data);
}

void
ad_interaction_mute_transfer_async (AdInteraction       *self,
                                    const char          *destination,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  perform_to (self, AD_VOICE_ACTION_MUTE_TRANSFER, destination, cancellable, callback, user_data);
}

void
ad_interaction_initiate_transfer_async (AdInteraction       *self,
                                        const char          *destination,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  perform_to (self, AD_VOICE_ACTION_INIT_TRANSFER, destination, cancellable, callback, user_data);
}

void
ad_interaction_complete_transfer_async (AdInteraction       *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  perform (self, AD_VOICE_ACTION_COMPLETE_TRANSFER, NULL, cancellable, callback, user_data);
}

void
ad_interaction_reconnect_async (AdInteraction       *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  perform (self, AD_VOICE_ACTION_RECONNECT, NULL, cancellable, callback, user_data);
}

void
ad_interaction_conference_async (AdInteraction       *self,
                                 const char          *destination,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  perform_to (self, AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE, destination,
              cancellable, callback, user_data);
}

void
ad_interaction_initiate_conference_async (AdInteraction       *self,
                                          const char          *destination,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  perform_to (self, AD_VOICE_ACTION_INIT_CONFERENCE, destination, cancellable, callback, user_data);
}

void
ad_interaction_complete_conference_async (AdInteraction       *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  perform (self, AD_VOICE_ACTION_COMPLETE_CONFERENCE, NULL, cancellable, callback, user_data);
}

void
ad_interaction_leave_conference_async (AdInteraction       *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  perform (self, AD_VOICE_ACTION_LEAVE_CONFERENCE, NULL, cancellable, callback, user_data);
}

void
ad_interaction_set_muted_async (AdInteraction       *self,
                                gboolean             muted,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  perform (self, muted ? AD_VOICE_ACTION_MUTE_ON : AD_VOICE_ACTION_MUTE_OFF, NULL,
           cancellable, callback, user_data);
}

void
ad_interaction_send_dtmf_async (AdInteraction       *self,
                                const char          *digits,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  JsonObject *body;

  if (digits == NULL || digits[0] == '\0' || strspn (digits, "0123456789*#") != strlen (digits))
    {
      refuse (self, cancellable, callback, user_data, AD_ERROR_INVALID_REQUEST,
              "DTMF digits are 0-9, * and # only");
      return;
    }

  body = json_object_new ();
  json_object_set_string_member (body, "digits", digits);
  perform (self, AD_VOICE_ACTION_SEND_DTMF, body, cancellable, callback, user_data);
}

void
ad_interaction_attach_data_async (AdInteraction       *self,
                                  GHashTable          *data,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  JsonObject *body = json_object_new ();
  JsonObject *map = json_object_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, data);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (value != NULL)
        json_object_set_string_member (map, key, value);
      else
        json_object_set_null_member (map, key);
    }
  json_object_set_object_member (body, "attachedData", map);
  perform (self, AD_VOICE_ACTION_ATTACH_DATA, body, cancellable, callback, user_data);
}

/* Getters */

const char *
ad_interaction_get_id (AdInteraction *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), NULL);
  return self->id;
}

AdInteractionStatus
ad_interaction_get_status (AdInteraction *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), AD_INTERACTION_STATUS_UNKNOWN);
  return self->status;
}

AdEventReason
ad_interaction_get_event_reason (AdInteraction *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), AD_EVENT_REASON_UNKNOWN);
  return self->event_reason;
}

const char *
ad_interaction_get_agent_id (AdInteraction *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), NULL);
  return self->agent_id;
}

const char *
ad_interaction_get_dn_id (AdInteraction *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), NULL);
  return self->dn_id;
}

const char *
ad_interaction_get_ani (AdInteraction *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), NULL);
  return self->ani;
}

const char *
ad_interaction_get_dnis (AdInteraction *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), NULL);
  return self->dnis;
}

const char * const *
ad_interaction_get_phone_numbers (AdInteraction *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), NULL);
  return (const char * const *) self->phone_numbers;
}

guint
ad_interaction_get_duration (AdInteraction *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), 0);
  return self->duration;
}

AdVoiceAction
ad_interaction_get_actions_possible (AdInteraction *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), AD_VOICE_ACTION_NONE);
  return self->actions_possible;
}

GListModel *
ad_interaction_get_parties (AdInteraction *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), NULL);
  return G_LIST_MODEL (self->parties);
}

GHashTable *
ad_interaction_get_attached_data (AdInteraction *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), NULL);
  return self->attached_data;
}

const char *
ad_interaction_get_customer_name (AdInteraction *self)
{
  const char *name;

  g_return_val_if_fail (AD_IS_INTERACTION (self), NULL);

  /* A consultation or an internal call copies the customer's data, but
   * the other end is a colleague. */
  if (self->call_type != AD_CALL_TYPE_INBOUND && self->call_type != AD_CALL_TYPE_OUTBOUND)
    return NULL;

  name = g_hash_table_lookup (self->attached_data, AD_ATTACHED_DATA_CUSTOMER_NAME);
  return name != NULL && *name != '\0' ? name : NULL;
}

gboolean
ad_interaction_get_muted (AdInteraction *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), FALSE);
  return self->muted;
}

AdCallType
ad_interaction_get_call_type (AdInteraction *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), AD_CALL_TYPE_UNKNOWN);
  return self->call_type;
}

JsonObject *
ad_interaction_get_extensions (AdInteraction *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), NULL);
  return self->extensions;
}

AdVoiceAction
ad_interaction_get_pending_action (AdInteraction *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), AD_VOICE_ACTION_NONE);
  return self->pending_action;
}

gboolean
ad_interaction_can (AdInteraction *self,
                    AdVoiceAction  action)
{
  g_return_val_if_fail (AD_IS_INTERACTION (self), FALSE);

  return self->pending_action == AD_VOICE_ACTION_NONE &&
         action != AD_VOICE_ACTION_NONE &&
         (self->actions_possible & action) == action;
}

static void
ad_interaction_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AdInteraction *self = AD_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_EVENT_REASON:
      g_value_set_enum (value, self->event_reason);
      break;
    case PROP_AGENT_ID:
      g_value_set_string (value, self->agent_id);
      break;
    case PROP_DN_ID:
      g_value_set_string (value, self->dn_id);
      break;
    case PROP_ANI:
      g_value_set_string (value, self->ani);
      break;
    case PROP_DNIS:
      g_value_set_string (value, self->dnis);
      break;
    case PROP_PHONE_NUMBERS:
      g_value_set_boxed (value, self->phone_numbers);
      break;
    case PROP_DURATION:
      g_value_set_uint (value, self->duration);
      break;
    case PROP_ACTIONS_POSSIBLE:
      g_value_set_flags (value, self->actions_possible);
      break;
    case PROP_PARTIES:
      g_value_set_object (value, self->parties);
      break;
    case PROP_ATTACHED_DATA:
      g_value_set_boxed (value, self->attached_data);
      break;
    case PROP_MUTED:
      g_value_set_boolean (value, self->muted);
      break;
    case PROP_CALL_TYPE:
      g_value_set_enum (value, self->call_type);
      break;
    case PROP_EXTENSIONS:
      g_value_set_boxed (value, self->extensions);
      break;
    case PROP_PENDING_ACTION:
      g_value_set_flags (value, self->pending_action);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_interaction_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AdInteraction *self = AD_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_interaction_dispose (GObject *object)
{
  AdInteraction *self = AD_INTERACTION (object);

  g_weak_ref_set (&self->session, NULL);
  g_clear_handle_id (&self->pending_timeout, g_source_remove);
  g_clear_object (&self->client);
  g_clear_object (&self->parties);

  G_OBJECT_CLASS (ad_interaction_parent_class)->dispose (object);
}

static void
ad_interaction_finalize (GObject *object)
{
  AdInteraction *self = AD_INTERACTION (object);

  g_weak_ref_clear (&self->session);
  g_free (self->id);
  g_free (self->agent_id);
  g_free (self->dn_id);
  g_free (self->ani);
  g_free (self->dnis);
  g_strfreev (self->phone_numbers);
  g_clear_pointer (&self->attached_data, g_hash_table_unref);
  g_clear_pointer (&self->extensions, json_object_unref);

  G_OBJECT_CLASS (ad_interaction_parent_class)->finalize (object);
}

static void
ad_interaction_class_init (AdInteractionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ad_interaction_get_property;
  object_class->set_property = ad_interaction_set_property;
  object_class->dispose = ad_interaction_dispose;
  object_class->finalize = ad_interaction_finalize;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, AD_TYPE_INTERACTION_STATUS,
                       AD_INTERACTION_STATUS_UNKNOWN, flags);
  properties[PROP_EVENT_REASON] =
    g_param_spec_enum ("event-reason", NULL, NULL, AD_TYPE_EVENT_REASON,
                       AD_EVENT_REASON_UNKNOWN, flags);
  properties[PROP_AGENT_ID] = g_param_spec_string ("agent-id", NULL, NULL, NULL, flags);
  properties[PROP_DN_ID] = g_param_spec_string ("dn-id", NULL, NULL, NULL, flags);
  properties[PROP_ANI] = g_param_spec_string ("ani", NULL, NULL, NULL, flags);
  properties[PROP_DNIS] = g_param_spec_string ("dnis", NULL, NULL, NULL, flags);
  properties[PROP_PHONE_NUMBERS] = g_param_spec_boxed ("phone-numbers", NULL, NULL,
                                                       G_TYPE_STRV, flags);
  properties[PROP_DURATION] = g_param_spec_uint ("duration", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ACTIONS_POSSIBLE] =
    g_param_spec_flags ("actions-possible", NULL, NULL, AD_TYPE_VOICE_ACTION,
                        AD_VOICE_ACTION_NONE, flags);
  properties[PROP_PARTIES] = g_param_spec_object ("parties", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_ATTACHED_DATA] = g_param_spec_boxed ("attached-data", NULL, NULL,
                                                       G_TYPE_HASH_TABLE, flags);
  properties[PROP_MUTED] = g_param_spec_boolean ("muted", NULL, NULL, FALSE, flags);
  properties[PROP_CALL_TYPE] =
    g_param_spec_enum ("call-type", NULL, NULL, AD_TYPE_CALL_TYPE, AD_CALL_TYPE_UNKNOWN, flags);
  properties[PROP_EXTENSIONS] = g_param_spec_boxed ("extensions", NULL, NULL,
                                                    JSON_TYPE_OBJECT, flags);
  properties[PROP_PENDING_ACTION] =
    g_param_spec_flags ("pending-action", NULL, NULL, AD_TYPE_VOICE_ACTION,
                        AD_VOICE_ACTION_NONE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ad_interaction_init (AdInteraction *self)
{
  g_weak_ref_init (&self->session, NULL);
  self->phone_numbers = g_new0 (char *, 1);
  self->parties = g_list_store_new (AD_TYPE_PARTY);
  self->attached_data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
