/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdCallCenter"

#include "config.h"

#include "ad-call-center-private.h"

#include <string.h>

/* Dialing in AdCallCenter: what a dialed number reaches, how the new party
 * comes onto the call, and the outside world, whose numbers answer after
 * the answer delay and whose simulated callers call in and hang up
 * (docs/call-model.md, "Dial plan" and "Simulation"). */

/* The dial plan */

static gboolean
is_outside_number (const char *number)
{
  const char *p = number[0] == '+' ? number + 1 : number;
  gsize digits = 0;

  for (; *p != '\0'; p++, digits++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return digits >= 7;
}

/* Resolves a dialed number from @from (NULL: the outside world) for a new
 * party of @call (NULL: a new call). No side effects. */
gboolean
cc_resolve_destination (AdCallCenter   *self,
                        const char     *number,
                        CcDn           *from,
                        CcCall         *call,
                        gboolean        allow_route_point,
                        CcDestination  *dest,
                        GError        **error)
{
  CcDn *dn = g_hash_table_lookup (self->dn_by_number, number);
  CcQueue *queue = g_hash_table_lookup (self->queue_by_number, number);

  memset (dest, 0, sizeof *dest);
  dest->number = number;

  if (dn != NULL)
    {
      if (dn->place->agent == NULL)
        {
          g_set_error (error, AD_ERROR, AD_ERROR_INVALID_DESTINATION,
                       "The number “%s” is unavailable: nobody is logged in on it", number);
          return FALSE;
        }
      if (from != NULL && dn->place == from->place)
        {
          g_set_error (error, AD_ERROR, AD_ERROR_INVALID_DESTINATION,
                       "The number “%s” is on the caller's own place", number);
          return FALSE;
        }
      dest->kind = MEMBER_LEG;
      dest->dn = dn;
    }
  else if (queue != NULL)
    {
      if (!allow_route_point)
        {
          g_set_error (error, AD_ERROR, AD_ERROR_INVALID_DESTINATION,
                       "The route point “%s” cannot join a conference", number);
          return FALSE;
        }
      dest->kind = MEMBER_ROUTE_POINT;
      dest->queue = queue;
    }
  else if (is_outside_number (number))
    dest->kind = MEMBER_OUTSIDE;
  else
    {
      g_set_error (error, AD_ERROR, AD_ERROR_INVALID_DESTINATION,
                   "“%s” is neither an internal number nor an outside number", number);
      return FALSE;
    }

  for (guint i = 0; call != NULL && i < call->members->len; i++)
    {
      CcMember *member = g_ptr_array_index (call->members, i);

      if (strcmp (member->number, number) == 0)
        {
          g_set_error (error, AD_ERROR, AD_ERROR_INVALID_DESTINATION,
                       "The number “%s” is already on the call", number);
          return FALSE;
        }
    }

  return TRUE;
}

/* Bringing a party in */

CcMember *
cc_add_destination (CcCall              *call,
                    const CcDestination *dest,
                    AdPartyRole          role,
                    gboolean             pending)
{
  CcMember *member = cc_member_add (call, dest->kind, dest->number, role);

  member->pending = pending;
  member->agent = dest->dn != NULL ? dest->dn->place->agent : NULL;
  return member;
}

static gboolean
on_outside_answered (gpointer data)
{
  CcMember *member = data;
  AdCallCenter *self = member->call->center;

  g_clear_pointer (&member->answer_source, g_source_unref);
  cc_member_answered (self, member);
  return G_SOURCE_REMOVE;
}

/* Brings the destination's member in: its DN rings, the outside number
 * answers after the answer delay, the route point queues the call. */
CcMember *
cc_start_destination (AdCallCenter        *self,
                      CcMember            *member,
                      const CcDestination *dest)
{
  CcCall *call = member->call;

  switch (dest->kind)
    {
    case MEMBER_LEG:
      cc_leg_join (cc_leg_new (self, dest->dn, dest->dn->place->agent), member);
      cc_set_leg_status (self, member->leg, AD_INTERACTION_STATUS_RINGING);
      break;

    case MEMBER_OUTSIDE:
      member->answer_source = cc_schedule (self, self->answer_delay_ms, on_outside_answered, member);
      break;

    case MEMBER_ROUTE_POINT:
    default:
      cc_enqueue_call (self, call, dest->queue);
      break;
    }

  return member;
}

CcMember *
cc_connect_destination (AdCallCenter        *self,
                        CcCall              *call,
                        const CcDestination *dest,
                        AdPartyRole          role,
                        gboolean             pending)
{
  return cc_start_destination (self, cc_add_destination (call, dest, role, pending), dest);
}

/* Replaces @old by @dest on the call (a transfer, or a queue routing the
 * call); the remaining legs are told. */
void
cc_replace_member (AdCallCenter        *self,
                   CcMember            *old,
                   const CcDestination *dest)
{
  CcCall *call = old->call;
  AdPartyRole role = old->role;
  JsonObject *removed = cc_member_to_party (old);
  CcMember *added;

  cc_detach_member (self, old);
  added = cc_connect_destination (self, call, dest, role, FALSE);
  if (!cc_call_check_end (self, call))
    cc_notify_legs (self, call, added->leg,
                    cc_new_extension ("partyRemoved", removed, "partyAdded", cc_member_to_party (added)));
  else
    json_object_unref (removed);
}

/* Public API: the simulated outside world */

char *
ad_call_center_sim_inbound (AdCallCenter  *self,
                            JsonObject    *body,
                            GError       **error)
{
  const char *ani, *dnis, *queue_name, *dn_id, *target;
  JsonObject *data;
  CcDestination dest;
  CcCall *call;
  CcMember *caller;

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), NULL);

  if (!ad_json_get_string (body, "ani", TRUE, &ani, error) ||
      !ad_json_get_string (body, "dnis", FALSE, &dnis, error) ||
      !ad_json_get_string (body, "queue", FALSE, &queue_name, error) ||
      !ad_json_get_string (body, "dn", FALSE, &dn_id, error) ||
      !ad_json_get_string_map (body, "attachedData", FALSE, FALSE, &data, error))
    return NULL;
  if (queue_name != NULL && dn_id != NULL)
    {
      g_set_error_literal (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
                           "Give either “queue” or “dn”, not both");
      return NULL;
    }

  /* What the caller reaches: the queue's route point, the DN's number, or
   * the internal number dialed (dnis). */
  if (queue_name != NULL)
    {
      CcQueue *queue = cc_lookup (self->queue_by_name, queue_name, "queue",
                                  AD_ERROR_INVALID_DESTINATION, error);

      if (queue == NULL)
        return NULL;
      target = queue->route_point;
    }
  else if (dn_id != NULL)
    {
      CcDn *dn = cc_lookup (self->dn_by_id, dn_id, "DN", AD_ERROR_INVALID_DESTINATION, error);

      if (dn == NULL)
        return NULL;
      target = dn->number;
    }
  else if (dnis != NULL && (g_hash_table_contains (self->dn_by_number, dnis) ||
                            g_hash_table_contains (self->queue_by_number, dnis)))
    target = dnis;
  else
    {
      g_set_error_literal (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
                           "The field “queue” or “dn” (or an internal “dnis”) is required");
      return NULL;
    }

  if (!cc_resolve_destination (self, target, NULL, NULL, TRUE, &dest, error))
    return NULL;

  call = cc_call_new (self, AD_CALL_TYPE_INBOUND, ani, dnis ? dnis : target);
  cc_merge_data (call->attached_data, data);
  caller = cc_member_add (call, MEMBER_OUTSIDE, ani, AD_PARTY_ROLE_ORIGINATOR);
  caller->answered = TRUE;
  cc_connect_destination (self, call, &dest, AD_PARTY_ROLE_DESTINATION, FALSE);
  return g_strdup (call->call_id);
}

gboolean
ad_call_center_sim_hangup (AdCallCenter  *self,
                           const char    *call_id,
                           GError       **error)
{
  CcCall *call;
  CcMember *outside = NULL;

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), FALSE);

  call = call_id ? g_hash_table_lookup (self->calls, call_id) : NULL;
  for (guint i = 0; call != NULL && i < call->members->len && outside == NULL; i++)
    if (((CcMember *) g_ptr_array_index (call->members, i))->kind == MEMBER_OUTSIDE)
      outside = g_ptr_array_index (call->members, i);
  if (outside == NULL)
    {
      g_set_error (error, AD_ERROR, AD_ERROR_NOT_FOUND, "No call “%s” with an outside party", call_id);
      return FALSE;
    }

  if (!cc_call_survives_without (call, NULL))
    {
      cc_call_end (self, call, NULL);
      return TRUE;
    }

  /* Every outside party hangs up, and the legs are told of each. One that
   * had not answered (a conference member being called) was never seen by
   * the others: they are still told, as what they may do has changed. */
  for (guint i = call->members->len; i > 0; i--)
    {
      CcMember *member = g_ptr_array_index (call->members, i - 1);
      JsonObject *removed;

      if (member->kind != MEMBER_OUTSIDE)
        continue;

      removed = member->pending ? NULL : cc_member_to_party (member);
      cc_detach_member (self, member);
      cc_notify_legs (self, call, NULL,
                      removed != NULL ? cc_new_extension ("partyRemoved", removed, NULL, NULL)
                                      : json_object_new ());
    }
  return TRUE;
}
