/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdCallCenter"

#include "config.h"

#include "ad-call-center-private.h"

#include <string.h>

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

/* Actions */

void
cc_pending_free (CcPending *pending)
{
  cc_cancel_source (&pending->source);
  if (pending->leg != NULL)
    pending->leg->pending = NULL;
  if (pending->consult != NULL)
    pending->consult->pending = NULL;
  g_free (pending->destination);
  g_free (pending->digits);
  g_clear_pointer (&pending->attached_data, json_object_unref);
  g_clear_pointer (&pending->reasons, json_object_unref);
  g_clear_pointer (&pending->extensions, json_object_unref);
  g_free (pending);
}

static gboolean
needs_destination (AdVoiceAction action)
{
  return (action & (AD_VOICE_ACTION_MAKE_CALL | AD_VOICE_ACTION_SINGLE_STEP_TRANSFER |
                    AD_VOICE_ACTION_MUTE_TRANSFER | AD_VOICE_ACTION_INIT_TRANSFER |
                    AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE | AD_VOICE_ACTION_INIT_CONFERENCE)) != 0;
}

/* Reads the request body of @action (docs/protocol.md's table) into
 * @pending. MARK_DONE's fields are read where it is applied. */
static gboolean
parse_request (AdVoiceAction   action,
               JsonObject     *body,
               CcPending      *pending,
               GError        **error)
{
  const char *destination = NULL, *digits = NULL, *location = NULL, *reason = NULL;
  JsonObject *data = NULL, *reasons = NULL, *extensions = NULL;

  if (!ad_json_get_object (body, "reasons", FALSE, &reasons, error) ||
      !ad_json_get_object (body, "extensions", FALSE, &extensions, error))
    return FALSE;

  if (needs_destination (action))
    {
      if (!ad_json_get_string (body, "destination", TRUE, &destination, error) ||
          !ad_json_get_string (body, "location", FALSE, &location, error) ||
          !ad_json_get_string (body, "reason", FALSE, &reason, error) ||
          !ad_json_get_string_map (body, "attachedData", FALSE, FALSE, &data, error))
        return FALSE;
    }
  else if (action == AD_VOICE_ACTION_ATTACH_DATA)
    {
      if (!ad_json_get_string_map (body, "attachedData", TRUE, TRUE, &data, error))
        return FALSE;
    }
  else if (action == AD_VOICE_ACTION_SEND_DTMF)
    {
      if (!ad_json_get_string (body, "digits", TRUE, &digits, error))
        return FALSE;
      if (*digits == '\0' || digits[strspn (digits, "0123456789*#")] != '\0')
        {
          g_set_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
                       "The field “digits” may hold only 0-9, * and #");
          return FALSE;
        }
    }

  pending->action = action;
  pending->destination = g_strdup (destination);
  pending->digits = g_strdup (digits);
  pending->attached_data = data ? json_object_ref (data) : NULL;
  pending->reasons = reasons ? json_object_ref (reasons) : NULL;
  pending->extensions = extensions ? json_object_ref (extensions) : NULL;
  return TRUE;
}

/* The request's reasons and extensions become the leg's TEvent ones. */
static void
take_request_details (CcLeg     *leg,
                      CcPending *pending)
{
  if (pending->reasons != NULL)
    {
      json_object_unref (leg->t_reasons);
      leg->t_reasons = cc_copy_object (pending->reasons);
    }
  if (pending->extensions != NULL)
    {
      json_object_unref (leg->t_extensions);
      leg->t_extensions = cc_copy_object (pending->extensions);
    }
}

/* An accepted action that could not be carried out after all (its
 * destination went away meanwhile): told as INFO_CHANGED. */
static void
fail_action (AdCallCenter  *self,
             CcLeg         *leg,
             AdVoiceAction  action,
             const GError  *error)
{
  JsonObject *failure = json_object_new ();

  g_debug ("%s on %s failed: %s", ad_voice_action_to_string (action), leg->id, error->message);
  json_object_set_string_member (failure, "action", ad_voice_action_to_string (action));
  json_object_set_string_member (failure, "type", ad_error_to_type (error->code));
  json_object_set_string_member (failure, "message", error->message);
  cc_emit_leg (self, leg, AD_EVENT_REASON_INFO_CHANGED, cc_new_extension ("actionFailed", failure, NULL, NULL));
}

/* Starts a call from @leg (NEW for MAKE_CALL, the consult leg for INIT_*). */
static void
dial (AdCallCenter        *self,
      CcLeg               *leg,
      const CcDestination *dest,
      AdCallType           type,
      JsonObject          *data)
{
  CcCall *call = cc_call_new (self, type, leg->dn->number, dest->number);
  CcMember *origin = cc_member_add (call, MEMBER_LEG, leg->dn->number, AD_PARTY_ROLE_ORIGINATOR);

  CcMember *target;

  cc_merge_data (call->attached_data, data);
  origin->answered = TRUE;
  cc_leg_join (leg, origin);
  /* The dialing leg already shows whom it dials, before that DN rings. */
  target = cc_add_destination (call, dest, AD_PARTY_ROLE_DESTINATION, FALSE);
  cc_set_leg_status (self, leg, AD_INTERACTION_STATUS_DIALING);
  cc_start_destination (self, target, dest);
}

static void
apply_make_call (AdCallCenter        *self,
                 CcLeg               *leg,
                 CcPending           *pending,
                 const CcDestination *dest)
{
  g_autoptr(JsonObject) data = json_object_ref (leg->attached_data);

  cc_merge_data (data, pending->attached_data);
  dial (self, leg, dest,
        dest->kind == MEMBER_OUTSIDE ? AD_CALL_TYPE_OUTBOUND : AD_CALL_TYPE_INTERNAL, data);
}

static void
apply_init_consult (AdCallCenter        *self,
                    CcLeg               *leg,
                    CcPending           *pending,
                    const CcDestination *dest)
{
  CcLeg *consult = pending->consult;
  g_autoptr(JsonObject) data = cc_copy_object (leg->call->attached_data);

  /* Linked first, so that Call_1's HELD already offers RECONNECT. */
  leg->consult = consult;
  leg->consult_origin = TRUE;
  consult->consult = leg;
  consult->consult_origin = FALSE;
  leg->consult_conference = consult->consult_conference =
    pending->action == AD_VOICE_ACTION_INIT_CONFERENCE;

  cc_set_leg_status (self, leg, AD_INTERACTION_STATUS_HELD);
  cc_merge_data (data, pending->attached_data);
  dial (self, consult, dest, AD_CALL_TYPE_CONSULT, data);
}

/* COMPLETE_TRANSFER / COMPLETE_CONFERENCE on Call_1: the consulted party
 * moves from Call_2 onto Call_1. */
static void
apply_complete (AdCallCenter *self,
                CcLeg        *leg,
                gboolean      conference)
{
  CcLeg *consult = leg->consult;
  CcCall *consult_call = consult->call;
  CcCall *call = leg->call;
  CcMember *target = NULL;

  for (guint i = 0; i < consult_call->members->len; i++)
    if (g_ptr_array_index (consult_call->members, i) != consult->member)
      target = g_ptr_array_index (consult_call->members, i);
  g_assert (target != NULL);

  cc_unlink_consult (leg);

  if (!conference)
    {
      /* Call_1 and Call_2 are released, in that order, then Call_3 joins. */
      JsonObject *removed = cc_member_to_party (leg->member);
      AdPartyRole role = leg->member->role;

      cc_detach_member (self, leg->member);
      cc_detach_member (self, consult->member);
      g_ptr_array_remove (consult_call->members, target);
      cc_call_end (self, consult_call, NULL);

      target->call = call;
      target->role = role;
      g_ptr_array_add (call->members, target);
      if (target->leg != NULL)
        cc_leg_join (target->leg, target);
      if (!cc_call_check_end (self, call))
        cc_notify_legs (self, call, NULL,
                        cc_new_extension ("partyRemoved", removed, "partyAdded", cc_member_to_party (target)));
      else
        json_object_unref (removed);
    }
  else
    {
      cc_detach_member (self, consult->member);
      g_ptr_array_remove (consult_call->members, target);
      cc_call_end (self, consult_call, NULL);

      target->call = call;
      target->role = AD_PARTY_ROLE_CONFERENCE_MEMBER;
      g_ptr_array_add (call->members, target);
      if (target->leg != NULL)
        cc_leg_join (target->leg, target);
      cc_set_leg_status (self, leg, AD_INTERACTION_STATUS_TALKING);
      cc_notify_legs (self, call, NULL, cc_new_extension ("partyAdded", cc_member_to_party (target), NULL, NULL));
    }
}

static void
apply_reconnect (AdCallCenter *self,
                 CcLeg        *leg)
{
  CcLeg *origin = leg->consult_origin ? leg : leg->consult;
  CcLeg *consult = origin->consult;

  cc_unlink_consult (origin);
  cc_leave_call (self, consult);
  cc_set_leg_status (self, origin, AD_INTERACTION_STATUS_TALKING);
}

static void
apply_attach_data (AdCallCenter *self,
                   CcLeg        *leg,
                   JsonObject   *changes)
{
  cc_merge_data (cc_leg_data (leg), changes);
  if (leg->call == NULL)
    {
      cc_emit_leg (self, leg, AD_EVENT_REASON_ATTACHED_DATA_CHANGED, NULL);
      return;
    }
  for (guint i = 0; i < leg->call->members->len; i++)
    {
      CcLeg *other = ((CcMember *) g_ptr_array_index (leg->call->members, i))->leg;

      if (other != NULL)
        cc_emit_leg (self, other, AD_EVENT_REASON_ATTACHED_DATA_CHANGED, NULL);
    }
}

static void
apply_action (AdCallCenter *self,
              CcLeg        *leg,
              CcPending    *pending)
{
  g_autoptr(GError) error = NULL;
  CcDestination dest = { 0, };
  CcMember *added;
  JsonObject *ext;

  if (pending->destination != NULL &&
      !cc_resolve_destination (self, pending->destination, leg->dn,
                               pending->action == AD_VOICE_ACTION_MAKE_CALL ? NULL : leg->call,
                               pending->action != AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE,
                               &dest, &error))
    {
      fail_action (self, leg, pending->action, error);
      return;
    }

  take_request_details (leg, pending);

  switch (pending->action)
    {
    case AD_VOICE_ACTION_MAKE_CALL:
      apply_make_call (self, leg, pending, &dest);
      break;

    case AD_VOICE_ACTION_ANSWER_CALL:
      cc_member_answered (self, leg->member);
      break;

    case AD_VOICE_ACTION_RELEASE_CALL:
    case AD_VOICE_ACTION_LEAVE_CONFERENCE:
      cc_leave_call (self, leg);
      break;

    case AD_VOICE_ACTION_HOLD:
      cc_set_leg_status (self, leg, leg->status == AD_INTERACTION_STATUS_DIALING
                                      ? AD_INTERACTION_STATUS_DIALING_HELD : AD_INTERACTION_STATUS_HELD);
      break;

    case AD_VOICE_ACTION_RETRIEVE:
      cc_set_leg_status (self, leg, leg->status == AD_INTERACTION_STATUS_DIALING_HELD
                                      ? AD_INTERACTION_STATUS_DIALING : AD_INTERACTION_STATUS_TALKING);
      break;

    case AD_VOICE_ACTION_SINGLE_STEP_TRANSFER:
    case AD_VOICE_ACTION_MUTE_TRANSFER:
      cc_merge_data (leg->call->attached_data, pending->attached_data);
      cc_replace_member (self, leg->member, &dest);
      break;

    case AD_VOICE_ACTION_INIT_TRANSFER:
    case AD_VOICE_ACTION_INIT_CONFERENCE:
      apply_init_consult (self, leg, pending, &dest);
      break;

    case AD_VOICE_ACTION_COMPLETE_TRANSFER:
    case AD_VOICE_ACTION_COMPLETE_CONFERENCE:
      apply_complete (self, leg, pending->action == AD_VOICE_ACTION_COMPLETE_CONFERENCE);
      break;

    case AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE:
      cc_merge_data (leg->call->attached_data, pending->attached_data);
      added = cc_connect_destination (self, leg->call, &dest, AD_PARTY_ROLE_CONFERENCE_MEMBER, TRUE);
      /* While the member is pending every leg offers fewer actions, and the
       * call's data has changed: the others learn it now, not at the answer. */
      cc_notify_legs (self, leg->call, added->leg, json_object_new ());
      break;

    case AD_VOICE_ACTION_RECONNECT:
      apply_reconnect (self, leg);
      break;

    case AD_VOICE_ACTION_MUTE_ON:
    case AD_VOICE_ACTION_MUTE_OFF:
      leg->muted = pending->action == AD_VOICE_ACTION_MUTE_ON;
      cc_emit_leg (self, leg, AD_EVENT_REASON_INFO_CHANGED, NULL);
      break;

    case AD_VOICE_ACTION_SEND_DTMF:
      ext = json_object_new ();
      json_object_set_string_member (ext, "dtmfDigits", pending->digits);
      cc_emit_leg (self, leg, AD_EVENT_REASON_INFO_CHANGED, ext);
      break;

    case AD_VOICE_ACTION_ATTACH_DATA:
      apply_attach_data (self, leg, pending->attached_data);
      break;

    case AD_VOICE_ACTION_MARK_DONE:
    case AD_VOICE_ACTION_NONE:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
on_pending_apply (gpointer data)
{
  CcPending *pending = data;
  AdCallCenter *self = pending->center;
  CcLeg *leg = pending->leg;

  g_clear_pointer (&pending->source, g_source_unref);
  /* Both legs are free again before the action is applied: a handler may
   * act on them (mark an IDLE Call_2 done). */
  leg->pending = NULL;
  pending->leg = NULL;
  if (pending->consult != NULL)
    pending->consult->pending = NULL;

  /* What happened meanwhile (the contact hung up…) may have taken the
   * action away: then that event was its outcome. */
  if (cc_leg_actions (self, leg) & pending->action)
    apply_action (self, leg, pending);
  else
    g_debug ("%s on %s dropped: no longer possible",
             ad_voice_action_to_string (pending->action), leg->id);

  /* The other leg may be gone by now. */
  pending->consult = NULL;
  cc_pending_free (pending);
  return G_SOURCE_REMOVE;
}

/* Actions on one leg of a consultation that change the other leg too:
 * both legs are in flight with them. */
static gboolean
changes_both_legs (AdVoiceAction action)
{
  return (action & (AD_VOICE_ACTION_RECONNECT | AD_VOICE_ACTION_COMPLETE_TRANSFER |
                    AD_VOICE_ACTION_COMPLETE_CONFERENCE)) != 0;
}

static void
accept_action (AdCallCenter *self,
               CcLeg        *leg,
               CcPending    *pending)
{
  pending->center = self;
  pending->leg = leg;
  leg->pending = pending;
  if (pending->consult != NULL)
    pending->consult->pending = pending;
  pending->source = cc_schedule (self, self->action_delay_ms, on_pending_apply, pending);
}

/* MARK_DONE is applied at once: contact history first, and only if it took
 * the record is the interaction removed. */
static gboolean
mark_done (AdCallCenter  *self,
           CcLeg         *leg,
           JsonObject    *body,
           GError       **error)
{
  const char *disposition = NULL, *notes = NULL;
  g_autoptr(JsonObject) record = NULL;
  gint64 end;

  if (!ad_json_get_string (body, "disposition", FALSE, &disposition, error) ||
      !ad_json_get_string (body, "notes", FALSE, &notes, error))
    return FALSE;
  if (disposition != NULL && !cc_known_code (self->dispositions, disposition))
    {
      g_set_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
                   "The field “disposition” names no disposition of this center: “%s”", disposition);
      return FALSE;
    }

  end = leg->ended_at != 0 ? leg->ended_at : cc_now_us (self);
  record = json_object_new ();
  json_object_set_string_member (record, "interactionId", leg->id);
  json_object_set_string_member (record, "agentId", leg->agent->agent_id);
  cc_set_string_or_null (record, "ANI", leg->ani);
  cc_set_string_or_null (record, "DNIS", leg->dnis);
  cc_set_string_or_null (record, "callType", ad_call_type_to_string (leg->type));
  json_object_set_member (record, "startedAt", cc_time_node (leg->created_at));
  json_object_set_member (record, "endedAt", cc_time_node (end));
  json_object_set_int_member (record, "durationSeconds",
                              leg->established_at != 0 ? (end - leg->established_at) / G_USEC_PER_SEC : 0);
  json_object_set_member (record, "parties", cc_leg_parties (leg));
  json_object_set_object_member (record, "attachedData", cc_copy_object (cc_leg_data (leg)));
  cc_set_string_or_null (record, "disposition", disposition);
  cc_set_string_or_null (record, "notes", notes);

  if (self->sink != NULL && !self->sink (record, self->sink_data, error))
    return FALSE;

  cc_remove_leg (self, leg);
  return TRUE;
}

/* Lookups */

static CcLeg *
lookup_leg (AdCallCenter  *self,
            const char    *interaction_id,
            GError       **error)
{
  CcLeg *leg = interaction_id ? g_hash_table_lookup (self->legs, interaction_id) : NULL;

  if (leg == NULL)
    g_set_error (error, AD_ERROR, AD_ERROR_NOT_FOUND, "No interaction “%s”", interaction_id);
  return leg;
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

const char *
ad_call_center_get_interaction_agent (AdCallCenter *self,
                                      const char   *interaction_id)
{
  CcLeg *leg;

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), NULL);

  leg = interaction_id ? g_hash_table_lookup (self->legs, interaction_id) : NULL;
  return leg != NULL ? leg->agent->agent_id : NULL;
}

GPtrArray *
ad_call_center_list_interactions (AdCallCenter *self,
                                  const char   *agent_id)
{
  GPtrArray *dtos = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  CcAgent *agent;

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), dtos);

  agent = agent_id ? g_hash_table_lookup (self->agent_by_id, agent_id) : NULL;
  for (guint i = 0; agent != NULL && i < agent->legs->len; i++)
    g_ptr_array_add (dtos, cc_leg_to_dto (self, g_ptr_array_index (agent->legs, i)));
  return dtos;
}

JsonObject *
ad_call_center_get_interaction (AdCallCenter  *self,
                                const char    *interaction_id,
                                GError       **error)
{
  CcLeg *leg;

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), NULL);

  leg = lookup_leg (self, interaction_id, error);
  return leg != NULL ? cc_leg_to_dto (self, leg) : NULL;
}

JsonObject *
ad_call_center_create_interaction (AdCallCenter  *self,
                                   const char    *agent_id,
                                   JsonObject    *body,
                                   GError       **error)
{
  const char *dn_id, *place_id, *destination, *make_call_type, *location;
  JsonObject *data, *reasons, *extensions;
  CcDn *dn = NULL;
  CcLeg *leg;
  CcDestination dest;

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), NULL);

  if (!ad_json_get_string (body, "dnId", FALSE, &dn_id, error) ||
      !ad_json_get_string (body, "placeId", FALSE, &place_id, error) ||
      !ad_json_get_string (body, "destination", FALSE, &destination, error) ||
      !ad_json_get_string (body, "location", FALSE, &location, error) ||
      !ad_json_get_string (body, "makeCallType", FALSE, &make_call_type, error) ||
      !ad_json_get_string_map (body, "attachedData", FALSE, FALSE, &data, error) ||
      !ad_json_get_object (body, "reasons", FALSE, &reasons, error) ||
      !ad_json_get_object (body, "extensions", FALSE, &extensions, error))
    return NULL;
  if (make_call_type != NULL && strcmp (make_call_type, "REGULAR") != 0)
    {
      g_set_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
                   "The field “makeCallType” must be “REGULAR”");
      return NULL;
    }

  if (dn_id != NULL)
    {
      dn = g_hash_table_lookup (self->dn_by_id, dn_id);
      if (dn == NULL)
        {
          g_set_error (error, AD_ERROR, AD_ERROR_NOT_FOUND, "No DN “%s”", dn_id);
          return NULL;
        }
    }
  else if (place_id != NULL)
    {
      CcPlace *place = g_hash_table_lookup (self->place_by_id, place_id);

      if (place == NULL)
        {
          g_set_error (error, AD_ERROR, AD_ERROR_NOT_FOUND, "No place “%s”", place_id);
          return NULL;
        }
      dn = g_ptr_array_index (place->dns, 0);
    }
  else
    {
      g_set_error_literal (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
                           "The field “dnId” or “placeId” is required");
      return NULL;
    }

  if (dn->place->agent == NULL ||
      (agent_id != NULL && strcmp (dn->place->agent->agent_id, agent_id) != 0))
    {
      g_set_error (error, AD_ERROR, AD_ERROR_INVALID_AGENT_STATE,
                   "Agent “%s” is not logged in on DN “%s”", agent_id ? agent_id : "", dn->dn_id);
      return NULL;
    }
  if (destination != NULL &&
      !cc_resolve_destination (self, destination, dn, NULL, TRUE, &dest, error))
    return NULL;

  leg = cc_leg_new (self, dn, dn->place->agent);
  cc_merge_data (leg->attached_data, data);
  if (reasons != NULL)
    cc_merge_data (leg->t_reasons, reasons);
  if (extensions != NULL)
    cc_merge_data (leg->t_extensions, extensions);
  cc_emit_leg (self, leg, AD_EVENT_REASON_STATUS_CHANGED, NULL);

  if (destination != NULL)
    {
      CcPending *pending = g_new0 (CcPending, 1);

      pending->action = AD_VOICE_ACTION_MAKE_CALL;
      pending->destination = g_strdup (destination);
      accept_action (self, leg, pending);
    }

  return cc_leg_to_dto (self, leg);
}

gboolean
ad_call_center_perform (AdCallCenter   *self,
                        const char     *interaction_id,
                        AdVoiceAction   action,
                        JsonObject     *body,
                        JsonObject    **created,
                        GError        **error)
{
  CcPending *pending;
  CcLeg *leg;
  CcDestination dest;

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), FALSE);

  if (created != NULL)
    *created = NULL;

  leg = lookup_leg (self, interaction_id, error);
  if (leg == NULL)
    return FALSE;
  if (action == AD_VOICE_ACTION_NONE || (action & (action - 1)) != 0 ||
      (action & ~AD_VOICE_ACTION_ALL) != 0)
    {
      g_set_error_literal (error, AD_ERROR, AD_ERROR_INVALID_REQUEST, "Unknown action");
      return FALSE;
    }
  if (leg->pending != NULL ||
      (changes_both_legs (action) && leg->consult != NULL && leg->consult->pending != NULL))
    {
      g_set_error (error, AD_ERROR, AD_ERROR_ACTION_IN_PROGRESS,
                   "An action on interaction “%s” is still in progress", interaction_id);
      return FALSE;
    }
  if (!(cc_leg_actions (self, leg) & action))
    {
      g_set_error (error, AD_ERROR, AD_ERROR_ACTION_NOT_POSSIBLE,
                   "%s is not possible on interaction “%s” (%s)", ad_voice_action_to_string (action),
                   interaction_id, ad_interaction_status_to_string (leg->status));
      return FALSE;
    }

  if (action == AD_VOICE_ACTION_MARK_DONE)
    return mark_done (self, leg, body, error);

  pending = g_new0 (CcPending, 1);
  if (!parse_request (action, body, pending, error) ||
      (pending->destination != NULL &&
       !cc_resolve_destination (self, pending->destination, leg->dn,
                                action == AD_VOICE_ACTION_MAKE_CALL ? NULL : leg->call,
                                action != AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE, &dest, error)))
    {
      cc_pending_free (pending);
      return FALSE;
    }

  if (action == AD_VOICE_ACTION_INIT_TRANSFER || action == AD_VOICE_ACTION_INIT_CONFERENCE)
    {
      /* Call_2 exists (NEW) as soon as the request is accepted, and already
       * describes the consultation it is about to dial (dial() sets the
       * same again from the call). */
      CcLeg *consult = cc_leg_new (self, leg->dn, leg->agent);

      consult->type = AD_CALL_TYPE_CONSULT;
      consult->ani = g_strdup (leg->dn->number);
      consult->dnis = g_strdup (pending->destination);
      cc_merge_data (consult->attached_data, leg->call->attached_data);
      cc_merge_data (consult->attached_data, pending->attached_data);
      pending->consult = consult;
      cc_emit_leg (self, pending->consult, AD_EVENT_REASON_STATUS_CHANGED, NULL);
      if (created != NULL)
        *created = cc_leg_to_dto (self, pending->consult);
    }
  else if (changes_both_legs (action))
    pending->consult = leg->consult;

  accept_action (self, leg, pending);
  return TRUE;
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
