/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdCallCenter"

#include "config.h"

#include "ad-call-center-private.h"

/* The agents of AdCallCenter: their DTO, their status and where they return
 * after a call, login and logout (docs/call-model.md, "Agents"). */

/* Extensions of the agent DTO (docs/call-model.md). */
#define AGENT_ATTR_QUEUES           "agent:queues"
#define AGENT_ATTR_CURRENT_CALL     "agent:currentCall"
#define AGENT_ATTR_NEXT_STATUS      "agent:nextStatus"
#define AGENT_ATTR_DEFAULT_PLACE_ID "agent:defaultPlaceId"
#define AGENT_ATTR_VERSION          "agent:version"

/* The leg shown as agent:currentCall: the one that joined a call last. */
static CcLeg *
agent_current_leg (CcAgent *agent)
{
  CcLeg *current = NULL;

  for (guint i = 0; i < agent->legs->len; i++)
    {
      CcLeg *leg = g_ptr_array_index (agent->legs, i);

      if (cc_is_active (leg->status) && (current == NULL || leg->activated > current->activated))
        current = leg;
    }
  return current;
}

static JsonArray *
agent_queues (CcAgent *agent)
{
  JsonArray *queues = json_array_new ();

  for (guint i = 0; i < agent->queues->len; i++)
    json_array_add_string_element (queues, ((CcQueue *) g_ptr_array_index (agent->queues, i))->name);
  return queues;
}

/* agent:currentCall: {"interactionId", "callType", "establishedAt"} or null. */
static JsonNode *
agent_current_call (CcAgent *agent)
{
  CcLeg *current = agent_current_leg (agent);
  JsonObject *call;
  JsonNode *node;

  if (current == NULL)
    return json_node_new (JSON_NODE_NULL);

  call = json_object_new ();
  json_object_set_string_member (call, "interactionId", current->id);
  json_object_set_string_member (call, "callType", ad_call_type_to_string (current->type));
  if (current->established_at != 0)
    json_object_set_member (call, "establishedAt", cc_time_node (current->established_at));
  else
    json_object_set_null_member (call, "establishedAt");
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, call);
  return node;
}

/* What a board needs beyond the contract's directory entry, so that one
 * GET /agents paints it (docs/call-model.md, "Agents"). */
static void
add_directory_extensions (CcAgent    *agent,
                          JsonObject *entry)
{
  cc_set_string_or_null (entry, "reasonCode", agent->reason_code);
  json_object_set_member (entry, "statusSince", cc_time_node (agent->status_since));
  json_object_set_array_member (entry, "queues", agent_queues (agent));
  json_object_set_member (entry, "currentCall", agent_current_call (agent));
  json_object_set_int_member (entry, "version", (gint64) agent->version);
}

JsonObject *
cc_agent_to_dto (AdCallCenter *self,
                 CcAgent      *agent)
{
  JsonObject *dto = json_object_new ();
  JsonObject *dns_actions = json_object_new ();

  json_object_set_string_member (dto, AD_AGENT_ATTR_AGENT_ID, agent->agent_id);
  json_object_set_string_member (dto, AD_AGENT_ATTR_NAME, agent->name);
  json_object_set_string_member (dto, AD_AGENT_ATTR_STATUS, ad_agent_status_to_string (agent->status));
  cc_set_string_or_null (dto, AD_AGENT_ATTR_PLACE_ID, agent->place ? agent->place->place_id : NULL);
  cc_set_string_or_null (dto, AD_AGENT_ATTR_REASON_CODE, agent->reason_code);
  json_object_set_member (dto, AD_AGENT_ATTR_STATUS_SINCE, cc_time_node (agent->status_since));

  for (guint i = 0; agent->place != NULL && i < agent->place->dns->len; i++)
    {
      CcDn *dn = g_ptr_array_index (agent->place->dns, i);
      JsonArray *actions = json_array_new ();

      json_array_add_string_element (actions, AD_DNS_ACTION_CREATE_INTERACTION);
      json_object_set_array_member (dns_actions, dn->dn_id, actions);
    }
  json_object_set_object_member (dto, AD_AGENT_ATTR_DNS_ACTIONS_POSSIBLE, dns_actions);

  json_object_set_array_member (dto, AGENT_ATTR_QUEUES, agent_queues (agent));
  json_object_set_member (dto, AGENT_ATTR_CURRENT_CALL, agent_current_call (agent));

  cc_set_string_or_null (dto, AGENT_ATTR_NEXT_STATUS,
                         agent->status == AD_AGENT_STATUS_BUSY
                           ? ad_agent_status_to_string (agent->next_status) : NULL);
  cc_set_string_or_null (dto, AGENT_ATTR_DEFAULT_PLACE_ID,
                         agent->default_place ? agent->default_place->place_id : NULL);
  json_object_set_int_member (dto, AGENT_ATTR_VERSION, (gint64) agent->version);
  return dto;
}

static void
agent_emit (AdCallCenter *self,
            CcAgent      *agent)
{
  /* Counted even when nobody listens: answers to requests carry it too, and
   * a client orders what it got from both by it. */
  agent->version++;
  cc_emit_agent_event (self, agent);
}

/* Moves the agent to @status, keeping its queues' counters and ready lists
 * right. Announcing it is the caller's job. */
static void
agent_change (AdCallCenter  *self,
              CcAgent       *agent,
              AdAgentStatus  status,
              const char    *reason_code)
{
  AdAgentStatus old = agent->status;

  g_free (agent->reason_code);
  agent->reason_code = g_strdup (reason_code);
  agent->status_since = cc_now_us (self);
  if (old == status)
    return;

  agent->status = status;
  for (guint i = 0; i < agent->queues->len; i++)
    {
      CcQueue *queue = g_ptr_array_index (agent->queues, i);

      if (old != AD_AGENT_STATUS_LOGGED_OUT)
        queue->agents[old]--;
      if (status != AD_AGENT_STATUS_LOGGED_OUT)
        queue->agents[status]++;

      /* The tail of a ready list is the agent idle the shortest. */
      if (old == AD_AGENT_STATUS_READY)
        {
          g_queue_delete_link (&queue->ready, agent->ready_links[i]);
          agent->ready_links[i] = NULL;
        }
      if (status == AD_AGENT_STATUS_READY)
        {
          g_queue_push_tail (&queue->ready, agent);
          agent->ready_links[i] = queue->ready.tail;
        }
      cc_emit_queue_changed (self, queue);
    }

  if (status == AD_AGENT_STATUS_READY)
    cc_schedule_routing (self);
}

/* After a change of one of its legs: BUSY while on a call, back to where it
 * was (or AFTER_CALL_WORK when so configured) after the last one; announce
 * that and any change of agent:currentCall. */
void
cc_agent_refresh (AdCallCenter *self,
                  CcAgent      *agent)
{
  CcLeg *current = agent_current_leg (agent);
  guint64 seq = current ? current->activated : 0;
  gint64 established = current ? current->established_at : 0;
  gboolean changed = FALSE;

  /* Where the agent returns after the call: after-call work when the
   * center has it, else the status it had; a status it asks for during
   * the call replaces either, so agent:nextStatus always tells the truth. */
  if (agent->active > 0 && agent->status != AD_AGENT_STATUS_BUSY &&
      agent->status != AD_AGENT_STATUS_LOGGED_OUT)
    {
      gboolean acw = self->after_call_work;

      agent->next_status = acw ? AD_AGENT_STATUS_AFTER_CALL_WORK : agent->status;
      g_free (agent->next_reason_code);
      agent->next_reason_code = acw ? NULL : g_strdup (agent->reason_code);
      agent_change (self, agent, AD_AGENT_STATUS_BUSY, NULL);
      changed = TRUE;
    }
  else if (agent->active == 0 && agent->status == AD_AGENT_STATUS_BUSY)
    {
      agent_change (self, agent, agent->next_status, agent->next_reason_code);
      changed = TRUE;
    }

  if (seq != agent->current_seq || established != agent->current_established)
    {
      agent->current_seq = seq;
      agent->current_established = established;
      changed = TRUE;
    }

  if (changed)
    agent_emit (self, agent);
}

static CcAgent *
lookup_agent (AdCallCenter  *self,
              const char    *agent_id,
              GError       **error)
{
  return cc_lookup (self->agent_by_id, agent_id, "agent", AD_ERROR_NOT_FOUND, error);
}

/* Public API */

JsonArray *
ad_call_center_list_agents (AdCallCenter *self)
{
  JsonArray *array = json_array_new ();

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), array);

  for (guint i = 0; i < self->agents->len; i++)
    {
      CcAgent *agent = g_ptr_array_index (self->agents, i);
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "agentId", agent->agent_id);
      json_object_set_string_member (entry, "name", agent->name);
      json_object_set_string_member (entry, "status", ad_agent_status_to_string (agent->status));
      cc_set_string_or_null (entry, "placeId", agent->place ? agent->place->place_id : NULL);
      json_object_set_array_member (entry, "dns", cc_place_dns (agent->place));
      add_directory_extensions (agent, entry);
      json_array_add_object_element (array, entry);
    }
  return array;
}

JsonObject *
ad_call_center_get_agent (AdCallCenter  *self,
                          const char    *agent_id,
                          GError       **error)
{
  CcAgent *agent;

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), NULL);

  agent = lookup_agent (self, agent_id, error);
  return agent != NULL ? cc_agent_to_dto (self, agent) : NULL;
}

JsonObject *
ad_call_center_agent_login (AdCallCenter  *self,
                            const char    *agent_id,
                            const char    *place_id,
                            GError       **error)
{
  CcAgent *agent;
  CcPlace *place;

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), NULL);

  agent = lookup_agent (self, agent_id, error);
  if (agent == NULL)
    return NULL;
  place = cc_lookup (self->place_by_id, place_id, "place", AD_ERROR_NOT_FOUND, error);
  if (place == NULL)
    return NULL;
  if (agent->place == place)
    return cc_agent_to_dto (self, agent);
  if (agent->place != NULL)
    {
      g_set_error (error, AD_ERROR, AD_ERROR_INVALID_AGENT_STATE,
                   "Agent “%s” is logged in on place “%s” already", agent_id, agent->place->place_id);
      return NULL;
    }
  if (place->agent != NULL)
    {
      g_set_error (error, AD_ERROR, AD_ERROR_INVALID_AGENT_STATE,
                   "Place “%s” is taken by agent “%s”", place_id, place->agent->agent_id);
      return NULL;
    }

  agent->place = place;
  place->agent = agent;
  agent_change (self, agent, AD_AGENT_STATUS_NOT_READY, NULL);
  agent_emit (self, agent);
  return cc_agent_to_dto (self, agent);
}

JsonObject *
ad_call_center_agent_logout (AdCallCenter  *self,
                             const char    *agent_id,
                             GError       **error)
{
  CcAgent *agent;

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), NULL);

  agent = lookup_agent (self, agent_id, error);
  if (agent == NULL)
    return NULL;
  if (agent->status == AD_AGENT_STATUS_LOGGED_OUT)
    return cc_agent_to_dto (self, agent);
  if (agent->active > 0)
    {
      g_set_error (error, AD_ERROR, AD_ERROR_INVALID_AGENT_STATE,
                   "Agent “%s” is on a call", agent_id);
      return NULL;
    }

  /* Interactions that never dialed go with the place; IDLE ones stay to be
   * marked done. */
  for (guint i = agent->legs->len; i > 0; i--)
    {
      CcLeg *leg = g_ptr_array_index (agent->legs, i - 1);

      if (leg->status == AD_INTERACTION_STATUS_NEW)
        cc_remove_leg (self, leg);
    }

  agent->place->agent = NULL;
  agent->place = NULL;
  agent_change (self, agent, AD_AGENT_STATUS_LOGGED_OUT, NULL);
  agent_emit (self, agent);
  return cc_agent_to_dto (self, agent);
}

/* READY, NOT_READY, AFTER_CALL_WORK on the agent's request. While BUSY the
 * request sets where the agent goes after its calls (agent:nextStatus). */
static JsonObject *
agent_request (AdCallCenter   *self,
               const char     *agent_id,
               AdAgentStatus   status,
               const char     *reason_code,
               GError        **error)
{
  CcAgent *agent = lookup_agent (self, agent_id, error);

  if (agent == NULL)
    return NULL;
  if (agent->status == AD_AGENT_STATUS_LOGGED_OUT)
    {
      g_set_error (error, AD_ERROR, AD_ERROR_INVALID_AGENT_STATE,
                   "Agent “%s” is not logged in", agent_id);
      return NULL;
    }
  if (reason_code != NULL && !cc_known_code (self->reason_codes, reason_code))
    {
      g_set_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
                   "The field “reasonCode” names no reason code of this center: “%s”", reason_code);
      return NULL;
    }

  if (agent->status == AD_AGENT_STATUS_BUSY)
    {
      if (agent->next_status != status || g_strcmp0 (agent->next_reason_code, reason_code) != 0)
        {
          agent->next_status = status;
          g_free (agent->next_reason_code);
          agent->next_reason_code = g_strdup (reason_code);
          agent_emit (self, agent);
        }
    }
  else if (agent->status != status || g_strcmp0 (agent->reason_code, reason_code) != 0)
    {
      agent_change (self, agent, status, reason_code);
      agent_emit (self, agent);
    }

  return cc_agent_to_dto (self, agent);
}

JsonObject *
ad_call_center_agent_ready (AdCallCenter  *self,
                            const char    *agent_id,
                            GError       **error)
{
  g_return_val_if_fail (AD_IS_CALL_CENTER (self), NULL);

  return agent_request (self, agent_id, AD_AGENT_STATUS_READY, NULL, error);
}

JsonObject *
ad_call_center_agent_not_ready (AdCallCenter  *self,
                                const char    *agent_id,
                                const char    *reason_code,
                                GError       **error)
{
  g_return_val_if_fail (AD_IS_CALL_CENTER (self), NULL);

  return agent_request (self, agent_id, AD_AGENT_STATUS_NOT_READY, reason_code, error);
}

JsonObject *
ad_call_center_agent_after_call_work (AdCallCenter  *self,
                                      const char    *agent_id,
                                      GError       **error)
{
  g_return_val_if_fail (AD_IS_CALL_CENTER (self), NULL);

  return agent_request (self, agent_id, AD_AGENT_STATUS_AFTER_CALL_WORK, NULL, error);
}
