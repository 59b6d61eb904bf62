/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdCallCenter"

#include "config.h"

#include "ad-call-center-private.h"

#include <string.h>

/* The interaction service of AdCallCenter: reading interactions, creating
 * one, and accepting an action on one after the contract's checks, in their
 * order; MARK_DONE, applied at once, with its contact history record
 * (docs/call-model.md, "Actions"). */

static CcLeg *
lookup_leg (AdCallCenter  *self,
            const char    *interaction_id,
            GError       **error)
{
  return cc_lookup (self->legs, interaction_id, "interaction", AD_ERROR_NOT_FOUND, error);
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

/* Actions on one leg of a consultation that change the other leg too:
 * both legs are in flight with them. */
static gboolean
changes_both_legs (AdVoiceAction action)
{
  return (action & (AD_VOICE_ACTION_RECONNECT | AD_VOICE_ACTION_COMPLETE_TRANSFER |
                    AD_VOICE_ACTION_COMPLETE_CONFERENCE)) != 0;
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
  json_object_set_int_member (record, "durationSeconds", cc_leg_duration_s (leg, end));
  json_object_set_member (record, "parties", cc_leg_parties (leg));
  json_object_set_object_member (record, "attachedData", cc_copy_object (cc_leg_data (leg)));
  cc_set_string_or_null (record, "disposition", disposition);
  cc_set_string_or_null (record, "notes", notes);

  if (self->sink != NULL && !self->sink (record, self->sink_data, error))
    return FALSE;

  cc_remove_leg (self, leg);
  return TRUE;
}

/* Public API */

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
      dn = cc_lookup (self->dn_by_id, dn_id, "DN", AD_ERROR_NOT_FOUND, error);
      if (dn == NULL)
        return NULL;
    }
  else if (place_id != NULL)
    {
      CcPlace *place = cc_lookup (self->place_by_id, place_id, "place", AD_ERROR_NOT_FOUND, error);

      if (place == NULL)
        return NULL;
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
      cc_accept_action (self, leg, pending);
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

  cc_accept_action (self, leg, pending);
  return TRUE;
}
