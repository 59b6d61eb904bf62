/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdCallCenter"

#include "config.h"

#include "ad-call-center-private.h"

#include <string.h>

/* The legs of AdCallCenter. One DN's leg of a call is the contract's
 * interaction: it exists before its call (NEW) and after it (IDLE) until it
 * is marked done. Here: what a leg shows (its parties, its DTO), what it
 * offers (actionsPossible), and its status changes and events. */

/* Extension of the interaction DTO: the call a leg belongs (or belonged) to,
 * the id that /sim/calls/{callId}/hangup takes. */
#define ATTR_CALL_ID "interaction.voice:callId"

gboolean
cc_is_active (AdInteractionStatus status)
{
  return status == AD_INTERACTION_STATUS_DIALING ||
         status == AD_INTERACTION_STATUS_RINGING ||
         status == AD_INTERACTION_STATUS_TALKING ||
         status == AD_INTERACTION_STATUS_HELD ||
         status == AD_INTERACTION_STATUS_DIALING_HELD;
}

CcLeg *
cc_leg_new (AdCallCenter *self,
            CcDn         *dn,
            CcAgent      *agent)
{
  CcLeg *leg = g_new0 (CcLeg, 1);

  leg->id = g_uuid_string_random ();
  leg->agent = agent;
  leg->dn = dn;
  leg->status = AD_INTERACTION_STATUS_NEW;
  leg->attached_data = json_object_new ();
  leg->extensions = json_object_new ();
  leg->t_extensions = json_object_new ();
  leg->t_reasons = json_object_new ();
  leg->created_at = cc_now_us (self);
  g_hash_table_insert (self->legs, leg->id, leg);
  g_ptr_array_add (agent->legs, leg);
  return leg;
}

void
cc_leg_free (CcLeg *leg)
{
  if (leg->pending != NULL)
    cc_pending_free (leg->pending);
  g_free (leg->id);
  g_free (leg->ani);
  g_free (leg->dnis);
  g_free (leg->call_id);
  g_clear_pointer (&leg->attached_data, json_object_unref);
  g_clear_pointer (&leg->parties, json_node_unref);
  json_object_unref (leg->extensions);
  json_object_unref (leg->t_extensions);
  json_object_unref (leg->t_reasons);
  g_free (leg);
}

gint64
cc_leg_duration_s (CcLeg  *leg,
                   gint64  end)
{
  if (leg->established_at == 0)
    return 0;

  return MAX (0, end - leg->established_at) / G_USEC_PER_SEC;
}

JsonObject *
cc_leg_data (CcLeg *leg)
{
  return leg->call != NULL ? leg->call->attached_data : leg->attached_data;
}

/* Parties as this leg sees them: the call's members, except conference
 * members not answered yet (other than the leg itself). */
JsonNode *
cc_leg_parties (CcLeg *leg)
{
  JsonArray *array;
  JsonNode *node;

  if (leg->call == NULL)
    return leg->parties != NULL ? json_node_copy (leg->parties) : cc_empty_array_node ();

  array = json_array_new ();
  for (guint i = 0; i < leg->call->members->len; i++)
    {
      CcMember *member = g_ptr_array_index (leg->call->members, i);

      if (!member->pending || member == leg->member)
        json_array_add_object_element (array, cc_member_to_party (member));
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

/* What a leg offers and shows */

/* The contract's actionsPossible: from the status, the call's shape and
 * the profile. The one place that decides what may be done. */
AdVoiceAction
cc_leg_actions (AdCallCenter *self,
                CcLeg        *leg)
{
  AdVoiceAction actions = AD_VOICE_ACTION_NONE;
  const AdVoiceAction talk = AD_VOICE_ACTION_RELEASE_CALL | AD_VOICE_ACTION_SEND_DTMF |
                             AD_VOICE_ACTION_ATTACH_DATA |
                             (leg->muted ? AD_VOICE_ACTION_MUTE_OFF : AD_VOICE_ACTION_MUTE_ON);

  switch (leg->status)
    {
    case AD_INTERACTION_STATUS_NEW:
      actions = AD_VOICE_ACTION_MAKE_CALL | AD_VOICE_ACTION_MARK_DONE | AD_VOICE_ACTION_ATTACH_DATA;
      break;

    case AD_INTERACTION_STATUS_DIALING:
      actions = AD_VOICE_ACTION_RELEASE_CALL | AD_VOICE_ACTION_ATTACH_DATA;
      if (leg->consult != NULL)
        actions |= AD_VOICE_ACTION_RECONNECT;
      else if (ad_switch_profile_hold_while_dialing (self->profile))
        actions |= AD_VOICE_ACTION_HOLD;
      break;

    case AD_INTERACTION_STATUS_DIALING_HELD:
      actions = AD_VOICE_ACTION_RETRIEVE | AD_VOICE_ACTION_RELEASE_CALL | AD_VOICE_ACTION_ATTACH_DATA;
      break;

    case AD_INTERACTION_STATUS_RINGING:
      actions = AD_VOICE_ACTION_ANSWER_CALL | AD_VOICE_ACTION_ATTACH_DATA;
      break;

    case AD_INTERACTION_STATUS_TALKING:
      actions = talk;
      if (leg->consult != NULL)
        /* Call_2 of a dual-step transfer or conference */
        actions |= AD_VOICE_ACTION_RECONNECT;
      else if (leg->call->type == AD_CALL_TYPE_CONSULT)
        /* Call_3: the target of a consultation */
        actions |= AD_VOICE_ACTION_HOLD;
      else if (cc_has_pending_member (leg->call))
        actions |= AD_VOICE_ACTION_HOLD;
      else if (cc_count_members (leg->call, FALSE) >= 3)
        actions |= AD_VOICE_ACTION_HOLD | AD_VOICE_ACTION_LEAVE_CONFERENCE |
                   AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE | AD_VOICE_ACTION_INIT_CONFERENCE;
      else
        actions |= AD_VOICE_ACTION_HOLD |
                   AD_VOICE_ACTION_SINGLE_STEP_TRANSFER | AD_VOICE_ACTION_MUTE_TRANSFER |
                   AD_VOICE_ACTION_INIT_TRANSFER | AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE |
                   AD_VOICE_ACTION_INIT_CONFERENCE;
      break;

    case AD_INTERACTION_STATUS_HELD:
      actions = AD_VOICE_ACTION_RELEASE_CALL | AD_VOICE_ACTION_ATTACH_DATA;
      if (leg->consult == NULL)
        actions |= AD_VOICE_ACTION_RETRIEVE;
      else
        {
          /* Call_1 while its consultation is under way: completing needs the
           * consulted party to have answered. */
          actions |= AD_VOICE_ACTION_RECONNECT;
          if (leg->consult->status == AD_INTERACTION_STATUS_TALKING)
            actions |= leg->consult_conference ? AD_VOICE_ACTION_COMPLETE_CONFERENCE
                                               : AD_VOICE_ACTION_COMPLETE_TRANSFER;
        }
      break;

    case AD_INTERACTION_STATUS_IDLE:
      actions = AD_VOICE_ACTION_MARK_DONE | AD_VOICE_ACTION_ATTACH_DATA;
      break;

    case AD_INTERACTION_STATUS_MARKED_DONE:
    case AD_INTERACTION_STATUS_UNKNOWN:
    default:
      break;
    }

  return actions & ad_switch_profile_supported (self->profile);
}

JsonObject *
cc_leg_to_dto (AdCallCenter *self,
               CcLeg        *leg)
{
  JsonObject *dto = json_object_new ();
  JsonNode *parties = cc_leg_parties (leg);
  JsonArray *numbers = json_array_new ();
  JsonArray *party_array = json_node_get_array (parties);
  gint64 end = leg->ended_at != 0 ? leg->ended_at : cc_now_us (self);

  for (guint i = 0; i < json_array_get_length (party_array); i++)
    {
      const char *number = json_object_get_string_member (json_array_get_object_element (party_array, i),
                                                          "number");

      if (strcmp (number, leg->dn->number) != 0)
        json_array_add_string_element (numbers, number);
    }

  json_object_set_string_member (dto, AD_ATTR_INTERACTION_ID, leg->id);
  json_object_set_string_member (dto, AD_ATTR_INTERACTION_TYPE, "VOICE");
  json_object_set_string_member (dto, AD_ATTR_STATUS, ad_interaction_status_to_string (leg->status));
  cc_set_string_or_null (dto, AD_ATTR_EVENT_REASON, ad_event_reason_to_string (leg->reason));
  json_object_set_string_member (dto, AD_ATTR_AGENT_ID, leg->agent->agent_id);
  json_object_set_string_member (dto, AD_ATTR_DN_ID, leg->dn->dn_id);
  json_object_set_object_member (dto, AD_ATTR_ATTACHED_DATA, cc_copy_object (cc_leg_data (leg)));
  json_object_set_object_member (dto, AD_ATTR_EXTENSIONS, cc_copy_object (leg->extensions));
  cc_set_string_or_null (dto, AD_ATTR_ANI, leg->ani);
  cc_set_string_or_null (dto, AD_ATTR_DNIS, leg->dnis);
  json_object_set_array_member (dto, AD_ATTR_PHONE_NUMBER, numbers);
  json_object_set_int_member (dto, AD_ATTR_DURATION, cc_leg_duration_s (leg, end));
  json_object_set_array_member (dto, AD_ATTR_ACTIONS_POSSIBLE,
                                ad_voice_actions_to_json (cc_leg_actions (self, leg)));
  json_object_set_member (dto, AD_ATTR_PARTIES, parties);
  json_object_set_boolean_member (dto, AD_ATTR_MUTED, leg->muted);
  cc_set_string_or_null (dto, AD_ATTR_CALL_TYPE, ad_call_type_to_string (leg->type));
  json_object_set_object_member (dto, AD_ATTR_T_EVENT_EXTENSIONS, cc_copy_object (leg->t_extensions));
  json_object_set_object_member (dto, AD_ATTR_T_EVENT_REASONS, cc_copy_object (leg->t_reasons));
  cc_set_string_or_null (dto, ATTR_CALL_ID, leg->call_id);
  return dto;
}

/* Status and events */

/* Announces the leg; @extensions (consumed, may be NULL) become its
 * interaction:extensions, which describe the latest event only. */
void
cc_emit_leg (AdCallCenter  *self,
             CcLeg         *leg,
             AdEventReason  reason,
             JsonObject    *extensions)
{
  leg->reason = reason;
  json_object_unref (leg->extensions);
  leg->extensions = extensions != NULL ? extensions : json_object_new ();
  cc_emit_interaction_event (self, leg);
}

void
cc_set_leg_status (AdCallCenter        *self,
                   CcLeg               *leg,
                   AdInteractionStatus  status)
{
  AdInteractionStatus old = leg->status;
  gint64 now = cc_now_us (self);
  CcAgent *agent = leg->agent;
  /* Call_1's COMPLETE_* depends on whether Call_2 is talking. */
  CcLeg *origin = leg->consult != NULL && !leg->consult_origin &&
                  (old == AD_INTERACTION_STATUS_TALKING || status == AD_INTERACTION_STATUS_TALKING)
                  ? leg->consult : NULL;

  leg->status = status;
  if (status == AD_INTERACTION_STATUS_TALKING && leg->established_at == 0)
    leg->established_at = now;
  if (status == AD_INTERACTION_STATUS_IDLE)
    leg->ended_at = now;
  if (!cc_is_active (old) && cc_is_active (status))
    {
      leg->agent->active++;
      leg->activated = ++self->activations;
    }
  else if (cc_is_active (old) && !cc_is_active (status))
    leg->agent->active--;

  /* A handler may mark an IDLE leg done at once: @leg is not used after
   * its event. */
  cc_emit_leg (self, leg, AD_EVENT_REASON_STATUS_CHANGED, NULL);
  cc_agent_refresh (self, agent);
  if (origin != NULL)
    cc_emit_leg (self, origin, AD_EVENT_REASON_INFO_CHANGED, NULL);
}

/* Removes a leg for good: the last event (MARKED_DONE, REMOVED), then it is
 * unknown. */
void
cc_remove_leg (AdCallCenter *self,
               CcLeg        *leg)
{
  leg->status = AD_INTERACTION_STATUS_MARKED_DONE;
  cc_emit_leg (self, leg, AD_EVENT_REASON_REMOVED, NULL);
  g_ptr_array_remove (leg->agent->legs, leg);
  g_hash_table_remove (self->legs, leg->id);
}
