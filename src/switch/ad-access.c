/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdAccess"

#include "config.h"

#include "ad-access.h"

static gboolean
forbidden (GError    **error,
           const char *what,
           const char *id)
{
  g_set_error (error, AD_ERROR, AD_ERROR_FORBIDDEN,
               "The %s “%s” belongs to another agent", what, id);
  return FALSE;
}

static gboolean
not_found (GError    **error,
           const char *what,
           const char *id)
{
  g_set_error (error, AD_ERROR, AD_ERROR_NOT_FOUND, "There is no %s “%s”", what, id);
  return FALSE;
}

/* The directory entry of @agent_id ({"agentId", "placeId", "dns", …}). */
static JsonObject *
find_directory_entry (AdCallCenter *center,
                      const char   *agent_id)
{
  g_autoptr(JsonArray) agents = ad_call_center_list_agents (center);

  for (guint i = 0; i < json_array_get_length (agents); i++)
    {
      JsonObject *agent = json_array_get_object_element (agents, i);

      if (g_strcmp0 (ad_json_string_or_null (agent, "agentId"), agent_id) == 0)
        return json_object_ref (agent);
    }

  return NULL;
}

/* Directory entries and places list their DNs as ids or {"dnId", …}. */
static gboolean
dns_contain (JsonArray  *dns,
             const char *dn_id)
{
  for (guint i = 0; dns != NULL && i < json_array_get_length (dns); i++)
    {
      JsonNode *node = json_array_get_element (dns, i);
      const char *id = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        id = ad_json_string_or_null (json_node_get_object (node), "dnId");
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        id = json_node_get_string (node);
      if (g_strcmp0 (id, dn_id) == 0)
        return TRUE;
    }

  return FALSE;
}

static JsonArray *
get_dns (JsonObject *object)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, "dns") : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gboolean
ad_access_require_supervisor (const AdAuthSession  *who,
                              GError              **error)
{
  if (who->role == AD_ROLE_SUPERVISOR)
    return TRUE;

  g_set_error_literal (error, AD_ERROR, AD_ERROR_FORBIDDEN,
                       "Only a supervisor may use this resource");
  return FALSE;
}

gboolean
ad_access_check_agent (AdCallCenter         *center,
                       const AdAuthSession  *who,
                       const char           *agent_id,
                       GError              **error)
{
  if (!ad_call_center_has_agent (center, agent_id))
    return not_found (error, "agent", agent_id);
  if (who->role == AD_ROLE_SUPERVISOR || g_strcmp0 (who->agent_id, agent_id) == 0)
    return TRUE;

  g_set_error (error, AD_ERROR, AD_ERROR_FORBIDDEN,
               "An agent may only read and act on itself, not on “%s”", agent_id);
  return FALSE;
}

gboolean
ad_access_check_place (AdCallCenter         *center,
                       const AdAuthSession  *who,
                       const char           *place_id,
                       GError              **error)
{
  g_autoptr(JsonObject) entry = NULL;

  if (!ad_call_center_has_place (center, place_id))
    return not_found (error, "place", place_id);
  if (who->role == AD_ROLE_SUPERVISOR ||
      g_strcmp0 (ad_call_center_get_place_agent (center, place_id), who->agent_id) == 0)
    return TRUE;

  entry = find_directory_entry (center, who->agent_id);
  if (entry != NULL && g_strcmp0 (ad_json_string_or_null (entry, "placeId"), place_id) == 0)
    return TRUE;

  return forbidden (error, "place", place_id);
}

gboolean
ad_access_check_dn (AdCallCenter         *center,
                    const AdAuthSession  *who,
                    const char           *dn_id,
                    GError              **error)
{
  g_autoptr(JsonObject) entry = NULL;

  if (!ad_call_center_has_dn (center, dn_id))
    return not_found (error, "DN", dn_id);
  if (who->role == AD_ROLE_SUPERVISOR ||
      g_strcmp0 (ad_call_center_get_dn_agent (center, dn_id), who->agent_id) == 0)
    return TRUE;

  entry = find_directory_entry (center, who->agent_id);
  if (dns_contain (get_dns (entry), dn_id))
    return TRUE;

  return forbidden (error, "DN", dn_id);
}

gboolean
ad_access_check_interaction (AdCallCenter         *center,
                             const AdAuthSession  *who,
                             const char           *interaction_id,
                             GError              **error)
{
  g_autoptr(JsonObject) dto = ad_call_center_get_interaction (center, interaction_id, error);

  if (dto == NULL)
    return FALSE;
  if (who->role == AD_ROLE_SUPERVISOR ||
      g_strcmp0 (ad_call_center_get_interaction_agent (center, interaction_id),
                 who->agent_id) == 0)
    return TRUE;

  return forbidden (error, "interaction", interaction_id);
}

gboolean
ad_access_check_queue (AdCallCenter         *center,
                       const AdAuthSession  *who,
                       const char           *queue,
                       GError              **error)
{
  g_autoptr(GPtrArray) queues = ad_call_center_list_queues (center);
  gboolean found = FALSE;

  for (guint i = 0; i < queues->len && !found; i++)
    found = g_strcmp0 (g_ptr_array_index (queues, i), queue) == 0;

  if (!found)
    return not_found (error, "queue", queue);
  return ad_access_require_supervisor (who, error);
}
