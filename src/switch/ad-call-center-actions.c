/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdCallCenter"

#include "config.h"

#include "ad-call-center-private.h"

/* Accepted actions in AdCallCenter: each stays in flight until its source
 * fires, is checked again, then applied to the leg and its call
 * (docs/call-model.md, "Actions" and "Event sequences"). */

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
  cc_emit_leg (self, leg, AD_EVENT_REASON_INFO_CHANGED,
               cc_new_extension ("actionFailed", failure, NULL, NULL));
}

/* Applying an action */

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

/* The consulted party, @target, leaves Call_2, which ends, and joins @call
 * in @role. */
static void
join_consulted (AdCallCenter *self,
                CcLeg        *consult,
                CcMember     *target,
                CcCall       *call,
                AdPartyRole   role)
{
  CcCall *consult_call = target->call;

  cc_detach_member (self, consult->member);
  g_ptr_array_remove (consult_call->members, target);
  cc_call_end (self, consult_call, NULL);

  target->call = call;
  target->role = role;
  g_ptr_array_add (call->members, target);
  if (target->leg != NULL)
    cc_leg_join (target->leg, target);
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
      join_consulted (self, consult, target, call, role);
      if (!cc_call_check_end (self, call))
        cc_notify_legs (self, call, NULL,
                        cc_new_extension ("partyRemoved", removed,
                                          "partyAdded", cc_member_to_party (target)));
      else
        json_object_unref (removed);
    }
  else
    {
      join_consulted (self, consult, target, call, AD_PARTY_ROLE_CONFERENCE_MEMBER);
      cc_set_leg_status (self, leg, AD_INTERACTION_STATUS_TALKING);
      cc_notify_legs (self, call, NULL,
                      cc_new_extension ("partyAdded", cc_member_to_party (target), NULL, NULL));
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

/* In flight */

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

void
cc_accept_action (AdCallCenter *self,
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
