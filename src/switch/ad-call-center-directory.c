/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdCallCenter"

#include "config.h"

#include "ad-call-center-private.h"
#include "ad-center-config.h"

/* The directory of AdCallCenter: the places, DNs, queues and agents of its
 * configuration (docs/call-model.md, "Configuration"), built once by
 * ad_call_center_load_config(), and what the server asks about them. */

/* Building and freeing */

void
cc_place_free (CcPlace *place)
{
  for (guint i = 0; i < place->dns->len; i++)
    {
      CcDn *dn = g_ptr_array_index (place->dns, i);

      g_free (dn->dn_id);
      g_free (dn->number);
      g_free (dn);
    }
  g_ptr_array_unref (place->dns);
  g_free (place->place_id);
  g_free (place);
}

void
cc_queue_free (CcQueue *queue)
{
  g_queue_clear (&queue->waiting);
  g_queue_clear (&queue->ready);
  g_free (queue->name);
  g_free (queue->route_point);
  g_free (queue);
}

void
cc_agent_free (CcAgent *agent)
{
  g_free (agent->agent_id);
  g_free (agent->name);
  g_free (agent->reason_code);
  g_free (agent->next_reason_code);
  g_ptr_array_unref (agent->queues);
  g_free (agent->ready_links);
  g_ptr_array_unref (agent->legs);
  g_free (agent);
}

static JsonArray *
array_member (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonNode *
codes_node (JsonObject *config,
            const char *member)
{
  JsonNode *node = json_object_get_member (config, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node)
         ? json_node_copy (node) : cc_empty_array_node ();
}

/* Lookups */

/* @id's entry in @table (one of the center's id → entry tables), or NULL
 * with the error @code saying there is no such @what. */
gpointer
cc_lookup (GHashTable  *table,
           const char  *id,
           const char  *what,
           AdError      code,
           GError     **error)
{
  gpointer entry = id != NULL ? g_hash_table_lookup (table, id) : NULL;

  if (entry == NULL)
    g_set_error (error, AD_ERROR, code, "No %s “%s”", what, id);
  return entry;
}

gboolean
cc_known_code (JsonNode   *codes,
               const char *code)
{
  JsonArray *array = codes != NULL ? json_node_get_array (codes) : NULL;

  if (array == NULL || json_array_get_length (array) == 0)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (array, i), "code"),
                   code) == 0)
      return TRUE;
  return FALSE;
}

static JsonObject *
dn_to_json (CcDn *dn)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "dnId", dn->dn_id);
  json_object_set_string_member (object, "number", dn->number);
  return object;
}

JsonArray *
cc_place_dns (CcPlace *place)
{
  JsonArray *dns = json_array_new ();

  for (guint i = 0; place != NULL && i < place->dns->len; i++)
    json_array_add_object_element (dns, dn_to_json (g_ptr_array_index (place->dns, i)));
  return dns;
}

/* Public API */

gboolean
ad_call_center_load_config (AdCallCenter  *self,
                            JsonObject    *config,
                            GError       **error)
{
  JsonArray *places, *queues, *agents;

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), FALSE);
  g_return_val_if_fail (config != NULL, FALSE);

  if (self->configured)
    {
      g_set_error_literal (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
                           "The contact center is already configured");
      return FALSE;
    }
  if (!ad_center_config_validate (config, error))
    return FALSE;

  self->configured = TRUE;
  if (json_object_has_member (config, "serviceLevelSeconds"))
    self->service_level_seconds = json_object_get_int_member (config, "serviceLevelSeconds");
  if (json_object_has_member (config, "afterCallWork"))
    self->after_call_work = json_object_get_boolean_member (config, "afterCallWork");
  self->reason_codes = codes_node (config, "reasonCodes");
  self->dispositions = codes_node (config, "dispositions");

  places = array_member (config, "places");
  for (guint i = 0; i < json_array_get_length (places); i++)
    {
      JsonObject *object = json_array_get_object_element (places, i);
      JsonArray *dns = array_member (object, "dns");
      CcPlace *place = g_new0 (CcPlace, 1);

      place->place_id = g_strdup (json_object_get_string_member (object, "placeId"));
      place->dns = g_ptr_array_new ();
      for (guint j = 0; j < json_array_get_length (dns); j++)
        {
          JsonObject *dn_object = json_array_get_object_element (dns, j);
          CcDn *dn = g_new0 (CcDn, 1);

          dn->dn_id = g_strdup (json_object_get_string_member (dn_object, "dnId"));
          dn->number = g_strdup (json_object_get_string_member (dn_object, "number"));
          dn->place = place;
          g_ptr_array_add (place->dns, dn);
          g_hash_table_insert (self->dn_by_id, dn->dn_id, dn);
          g_hash_table_insert (self->dn_by_number, dn->number, dn);
        }
      g_ptr_array_add (self->places, place);
      g_hash_table_insert (self->place_by_id, place->place_id, place);
    }

  queues = array_member (config, "queues");
  for (guint i = 0; queues != NULL && i < json_array_get_length (queues); i++)
    {
      JsonObject *object = json_array_get_object_element (queues, i);
      CcQueue *queue = g_new0 (CcQueue, 1);

      queue->name = g_strdup (json_object_get_string_member (object, "name"));
      queue->route_point = g_strdup (json_object_get_string_member (object, "routePoint"));
      g_ptr_array_add (self->queues, queue);
      g_hash_table_insert (self->queue_by_name, queue->name, queue);
      g_hash_table_insert (self->queue_by_number, queue->route_point, queue);
    }

  agents = array_member (config, "agents");
  for (guint i = 0; i < json_array_get_length (agents); i++)
    {
      JsonObject *object = json_array_get_object_element (agents, i);
      JsonArray *names = array_member (object, "queues");
      const char *place = ad_json_string_or_null (object, "defaultPlace");
      CcAgent *agent = g_new0 (CcAgent, 1);

      agent->agent_id = g_strdup (json_object_get_string_member (object, "agentId"));
      agent->name = g_strdup (json_object_get_string_member (object, "name"));
      agent->default_place = place ? g_hash_table_lookup (self->place_by_id, place) : NULL;
      agent->status = AD_AGENT_STATUS_LOGGED_OUT;
      agent->next_status = AD_AGENT_STATUS_NOT_READY;
      agent->status_since = cc_now_us (self);
      /* Versions start from the wall clock in microseconds, so those of a
       * restarted switch are still above any that its predecessor gave. */
      agent->version = (guint64) g_get_real_time ();
      agent->legs = g_ptr_array_new ();
      agent->queues = g_ptr_array_new ();
      for (guint j = 0; names != NULL && j < json_array_get_length (names); j++)
        {
          CcQueue *queue = g_hash_table_lookup (self->queue_by_name,
                                                json_array_get_string_element (names, j));

          if (!g_ptr_array_find (agent->queues, queue, NULL))
            g_ptr_array_add (agent->queues, queue);
        }
      agent->ready_links = g_new0 (GList *, MAX (1, agent->queues->len));
      g_ptr_array_add (self->agents, agent);
      g_hash_table_insert (self->agent_by_id, agent->agent_id, agent);
    }

  return TRUE;
}

void
ad_call_center_load_demo (AdCallCenter *self)
{
  ad_call_center_load_demo_sized (self, AD_CENTER_DEMO_AGENTS);
}

void
ad_call_center_load_demo_sized (AdCallCenter *self,
                                guint         n_agents)
{
  g_autoptr(JsonObject) config = ad_center_config_new_demo_sized (n_agents);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (AD_IS_CALL_CENTER (self));

  if (!ad_call_center_load_config (self, config, &error))
    g_critical ("Cannot load the demo contact center: %s", error->message);
}

JsonArray *
ad_call_center_list_places (AdCallCenter *self)
{
  JsonArray *array = json_array_new ();

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), array);

  for (guint i = 0; i < self->places->len; i++)
    {
      CcPlace *place = g_ptr_array_index (self->places, i);
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "placeId", place->place_id);
      json_object_set_array_member (entry, "dns", cc_place_dns (place));
      json_array_add_object_element (array, entry);
    }
  return array;
}

gboolean
ad_call_center_has_agent (AdCallCenter *self,
                          const char   *agent_id)
{
  g_return_val_if_fail (AD_IS_CALL_CENTER (self), FALSE);

  return agent_id != NULL && g_hash_table_contains (self->agent_by_id, agent_id);
}

gboolean
ad_call_center_has_place (AdCallCenter *self,
                          const char   *place_id)
{
  g_return_val_if_fail (AD_IS_CALL_CENTER (self), FALSE);

  return place_id != NULL && g_hash_table_contains (self->place_by_id, place_id);
}

gboolean
ad_call_center_has_dn (AdCallCenter *self,
                       const char   *dn_id)
{
  g_return_val_if_fail (AD_IS_CALL_CENTER (self), FALSE);

  return dn_id != NULL && g_hash_table_contains (self->dn_by_id, dn_id);
}

const char *
ad_call_center_get_place_agent (AdCallCenter *self,
                                const char   *place_id)
{
  CcPlace *place;

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), NULL);

  place = place_id ? g_hash_table_lookup (self->place_by_id, place_id) : NULL;
  return place != NULL && place->agent != NULL ? place->agent->agent_id : NULL;
}

const char *
ad_call_center_get_dn_agent (AdCallCenter *self,
                             const char   *dn_id)
{
  CcDn *dn;

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), NULL);

  dn = dn_id ? g_hash_table_lookup (self->dn_by_id, dn_id) : NULL;
  return dn != NULL && dn->place->agent != NULL ? dn->place->agent->agent_id : NULL;
}

GPtrArray *
ad_call_center_list_queues (AdCallCenter *self)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), names);

  for (guint i = 0; i < self->queues->len; i++)
    g_ptr_array_add (names, g_strdup (((CcQueue *) g_ptr_array_index (self->queues, i))->name));
  return names;
}

JsonObject *
ad_call_center_describe (AdCallCenter *self)
{
  JsonObject *description = json_object_new ();
  JsonArray *queues = json_array_new ();

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), description);

  for (guint i = 0; i < self->queues->len; i++)
    {
      CcQueue *queue = g_ptr_array_index (self->queues, i);
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "name", queue->name);
      json_object_set_string_member (entry, "routePoint", queue->route_point);
      json_array_add_object_element (queues, entry);
    }

  json_object_set_string_member (description, "profile", ad_switch_profile_to_name (self->profile));
  json_object_set_array_member (description, "queues", queues);
  json_object_set_member (description, "reasonCodes",
                          self->reason_codes ? json_node_copy (self->reason_codes)
                                             : cc_empty_array_node ());
  json_object_set_member (description, "dispositions",
                          self->dispositions ? json_node_copy (self->dispositions)
                                             : cc_empty_array_node ());
  return description;
}
