/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdCallCenter"

#include "config.h"

#include "ad-call-center-private.h"

/* The calls of AdCallCenter and their members, the parties: a leg, an
 * outside number or a route point joining, answering and leaving a call,
 * and the call ending (docs/call-model.md, "Calls and what a leg shows"). */

/* Calls and their members */

CcCall *
cc_call_new (AdCallCenter *self,
             AdCallType    type,
             const char   *ani,
             const char   *dnis)
{
  CcCall *call = g_new0 (CcCall, 1);

  call->center = self;
  call->call_id = g_uuid_string_random ();
  call->type = type;
  call->ani = g_strdup (ani);
  call->dnis = g_strdup (dnis);
  call->members = g_ptr_array_new ();
  call->attached_data = json_object_new ();
  g_hash_table_insert (self->calls, call->call_id, call);
  return call;
}

static void
member_free (CcMember *member)
{
  cc_cancel_source (&member->answer_source);
  g_free (member->number);
  g_free (member);
}

void
cc_call_free (CcCall *call)
{
  g_ptr_array_foreach (call->members, (GFunc) member_free, NULL);
  g_ptr_array_unref (call->members);
  json_object_unref (call->attached_data);
  g_free (call->call_id);
  g_free (call->ani);
  g_free (call->dnis);
  g_free (call);
}

CcMember *
cc_member_add (CcCall       *call,
               CcMemberKind  kind,
               const char   *number,
               AdPartyRole   role)
{
  CcMember *member = g_new0 (CcMember, 1);

  member->call = call;
  member->kind = kind;
  member->number = g_strdup (number);
  member->role = role;
  g_ptr_array_add (call->members, member);
  return member;
}

JsonObject *
cc_member_to_party (CcMember *member)
{
  JsonObject *party = json_object_new ();

  json_object_set_string_member (party, "number", member->number);
  cc_set_string_or_null (party, "agentId", member->agent ? member->agent->agent_id : NULL);
  json_object_set_string_member (party, "role", ad_party_role_to_string (member->role));
  return party;
}

guint
cc_count_members (CcCall   *call,
                  gboolean  answered_only)
{
  guint count = 0;

  for (guint i = 0; i < call->members->len; i++)
    {
      CcMember *member = g_ptr_array_index (call->members, i);

      if (answered_only ? member->answered : !member->pending)
        count++;
    }
  return count;
}

gboolean
cc_has_pending_member (CcCall *call)
{
  return cc_count_members (call, FALSE) < call->members->len;
}

/* Joining, answering, leaving */

/* The leg takes the call's view: type, ANI, DNIS, id and attached data. */
void
cc_leg_join (CcLeg    *leg,
             CcMember *member)
{
  CcCall *call = member->call;

  member->leg = leg;
  member->agent = leg->agent;
  leg->member = member;
  leg->call = call;
  leg->type = call->type;
  g_free (leg->ani);
  leg->ani = g_strdup (call->ani);
  g_free (leg->dnis);
  leg->dnis = g_strdup (call->dnis);
  g_free (leg->call_id);
  leg->call_id = g_strdup (call->call_id);
  g_clear_pointer (&leg->attached_data, json_object_unref);
  g_clear_pointer (&leg->parties, json_node_unref);
}

void
cc_unlink_consult (CcLeg *leg)
{
  CcLeg *other = leg->consult;

  if (other == NULL)
    return;
  other->consult = NULL;
  leg->consult = NULL;
}

/* Takes @member off its call (without ending the call). A leg keeps a
 * snapshot of the call and goes IDLE; a broken consultation link is
 * announced to the other leg. */
void
cc_detach_member (AdCallCenter *self,
                  CcMember     *member)
{
  CcCall *call = member->call;
  CcLeg *leg = member->leg;
  CcLeg *partner = leg != NULL ? leg->consult : NULL;

  if (leg != NULL)
    {
      if (leg->parties == NULL)
        leg->parties = cc_leg_parties (leg);
      leg->attached_data = cc_copy_object (call->attached_data);
      leg->call = NULL;
      leg->member = NULL;
      cc_unlink_consult (leg);
    }
  g_ptr_array_remove (call->members, member);
  member_free (member);

  if (leg != NULL)
    {
      cc_set_leg_status (self, leg, AD_INTERACTION_STATUS_IDLE);
      if (partner != NULL)
        cc_emit_leg (self, partner, AD_EVENT_REASON_INFO_CHANGED, NULL);
    }
}

/* Ends the call: every leg goes IDLE, @first (if any) first, each keeping
 * the parties of the call as it was. */
void
cc_call_end (AdCallCenter *self,
             CcCall       *call,
             CcMember     *first)
{
  cc_dequeue_call (self, call);
  cc_settle_queue_stats (self, call, FALSE);
  g_hash_table_steal (self->calls, call->call_id);
  for (guint i = 0; i < call->members->len; i++)
    {
      CcLeg *leg = ((CcMember *) g_ptr_array_index (call->members, i))->leg;

      if (leg != NULL)
        leg->parties = cc_leg_parties (leg);
    }
  if (first != NULL)
    cc_detach_member (self, first);
  while (call->members->len > 0)
    cc_detach_member (self, g_ptr_array_index (call->members, 0));
  cc_call_free (call);
}

/* A call lives while two parties are on it and one of them has answered.
 * @leaving: a member about to go, or NULL for all the outside parties. */
gboolean
cc_call_survives_without (CcCall   *call,
                          CcMember *leaving)
{
  guint members = 0, answered = 0;

  for (guint i = 0; i < call->members->len; i++)
    {
      CcMember *member = g_ptr_array_index (call->members, i);

      if (leaving != NULL ? member == leaving : member->kind == MEMBER_OUTSIDE)
        continue;
      members++;
      if (member->answered)
        answered++;
    }
  return members >= 2 && answered > 0;
}

gboolean
cc_call_check_end (AdCallCenter *self,
                   CcCall       *call)
{
  if (call->members->len >= 2 && cc_count_members (call, TRUE) > 0)
    return FALSE;
  cc_call_end (self, call, NULL);
  return TRUE;
}

/* INFO_CHANGED to every leg on @call but @except, with @extensions
 * (consumed; each leg gets a copy). */
void
cc_notify_legs (AdCallCenter *self,
                CcCall       *call,
                CcLeg        *except,
                JsonObject   *extensions)
{
  for (guint i = 0; i < call->members->len; i++)
    {
      CcMember *member = g_ptr_array_index (call->members, i);

      if (member->leg != NULL && member->leg != except)
        cc_emit_leg (self, member->leg, AD_EVENT_REASON_INFO_CHANGED, cc_copy_object (extensions));
    }
  json_object_unref (extensions);
}

/* A leg leaves its call (release, leave conference); the others are told
 * unless the call ends with it. */
void
cc_leave_call (AdCallCenter *self,
               CcLeg        *leg)
{
  CcCall *call = leg->call;
  JsonObject *party;

  if (!cc_call_survives_without (call, leg->member))
    {
      cc_call_end (self, call, leg->member);
      return;
    }

  party = cc_member_to_party (leg->member);
  cc_detach_member (self, leg->member);
  cc_notify_legs (self, call, NULL, cc_new_extension ("partyRemoved", party, NULL, NULL));
}

void
cc_member_answered (AdCallCenter *self,
                    CcMember     *member)
{
  CcCall *call = member->call;
  gboolean was_pending = member->pending;

  member->answered = TRUE;
  member->pending = FALSE;

  if (member->leg != NULL)
    {
      cc_settle_queue_stats (self, call, TRUE);
      cc_set_leg_status (self, member->leg, AD_INTERACTION_STATUS_TALKING);
    }

  /* The call is established: whoever dialed it now talks (or holds). */
  if (cc_count_members (call, TRUE) >= 2)
    for (guint i = 0; i < call->members->len; i++)
      {
        CcLeg *leg = ((CcMember *) g_ptr_array_index (call->members, i))->leg;

        if (leg == NULL || leg == member->leg)
          continue;
        if (leg->status == AD_INTERACTION_STATUS_DIALING)
          cc_set_leg_status (self, leg, AD_INTERACTION_STATUS_TALKING);
        else if (leg->status == AD_INTERACTION_STATUS_DIALING_HELD)
          cc_set_leg_status (self, leg, AD_INTERACTION_STATUS_HELD);
      }

  if (was_pending)
    cc_notify_legs (self, call, member->leg,
                    cc_new_extension ("partyAdded", cc_member_to_party (member), NULL, NULL));
}
