/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdAgent"

#include "config.h"

#include "ad-client-private.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_STATUS,
  PROP_REASON_CODE,
  PROP_PLACE_ID,
  PROP_STATUS_SINCE,
  PROP_DNS,
  PROP_QUEUES,
  PROP_CURRENT_CALL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _AdAgent
{
  GObject        parent_instance;

  char          *id;
  char          *name;
  AdAgentStatus  status;
  char          *reason_code;
  char          *place_id;
  GDateTime     *status_since;
  GListStore    *dns;
  char         **queues;
  char          *current_call;
  GHashTable    *dn_numbers;
  gint64         version;      /* the switch's agent:version last applied */
};

G_DEFINE_FINAL_TYPE (AdAgent, ad_agent, G_TYPE_OBJECT)

static void
notify_if (AdAgent  *self,
           gboolean  changed,
           guint     prop)
{
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_status (AdAgent       *self,
            AdAgentStatus  status)
{
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

static gboolean
lookup_dn_position (AdAgent    *self,
                    const char *dn_id,
                    guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->dns));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdDn) dn = g_list_model_get_item (G_LIST_MODEL (self->dns), i);

      if (g_strcmp0 (ad_dn_get_id (dn), dn_id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static AdDn *
ensure_dn (AdAgent    *self,
           const char *dn_id,
           const char *number)
{
  AdDn *dn = ad_agent_lookup_dn (self, dn_id);

  if (number == NULL && self->dn_numbers != NULL)
    number = g_hash_table_lookup (self->dn_numbers, dn_id);

  if (dn == NULL)
    {
      g_autoptr(AdDn) created = ad_dn_new (dn_id, number);

      g_list_store_append (self->dns, created);
      return created;
    }

  if (number != NULL)
    ad_dn_set_number (dn, number);
  return dn;
}

/* Keeps the DNs named in @wanted (in its order of first appearance), drops
 * the others. */
static void
retain_dns (AdAgent    *self,
            GHashTable *wanted)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->dns));

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(AdDn) dn = g_list_model_get_item (G_LIST_MODEL (self->dns), i - 1);

      if (!g_hash_table_contains (wanted, ad_dn_get_id (dn)))
        g_list_store_remove (self->dns, i - 1);
    }
}

static void
apply_dns_actions (AdAgent    *self,
                   JsonObject *actions)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObjectIter iter;
  const char *dn_id;
  JsonNode *value;

  json_object_iter_init (&iter, actions);
  while (json_object_iter_next (&iter, &dn_id, &value))
    {
      AdDn *dn = ensure_dn (self, dn_id, NULL);
      gboolean can = FALSE;

      if (JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *array = json_node_get_array (value);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_VALUE (element) &&
                  g_strcmp0 (json_node_get_string (element), AD_DNS_ACTION_CREATE_INTERACTION) == 0)
                can = TRUE;
            }
        }

      ad_dn_set_can_create_interaction (dn, can);
      g_hash_table_add (wanted, (gpointer) dn_id);
    }

  retain_dns (self, wanted);
}

/* "dns" of a directory entry: DN ids, or {"dnId", "number"} objects. */
static void
apply_directory_dns (AdAgent   *self,
                     JsonArray *dns)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (dns); i++)
    {
      JsonNode *node = json_array_get_element (dns, i);
      const char *dn_id = NULL;
      const char *number = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          dn_id = ad_json_string_or_null (json_node_get_object (node), "dnId");
          number = ad_json_string_or_null (json_node_get_object (node), "number");
        }
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        dn_id = json_node_get_string (node);

      if (dn_id == NULL)
        continue;
      ensure_dn (self, dn_id, number);
      g_hash_table_add (wanted, (gpointer) dn_id);
    }

  retain_dns (self, wanted);
}

/* "agent:currentCall" is an interaction id, or an object holding one. */
static const char *
current_call_from_json (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      const char *id = ad_json_string_or_null (object, "interactionId");

      return id != NULL ? id : ad_json_string_or_null (object, AD_ATTR_INTERACTION_ID);
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

/* The members an agent DTO and a directory entry share, by their names in
 * each. */
typedef struct {
  const char *name;
  const char *status;
  const char *reason_code;
  const char *place_id;
  const char *status_since;
  const char *queues;
  const char *current_call;
  const char *version;
} MemberNames;

static const MemberNames dto_names = {
  AD_AGENT_ATTR_NAME, AD_AGENT_ATTR_STATUS, AD_AGENT_ATTR_REASON_CODE, AD_AGENT_ATTR_PLACE_ID,
  AD_AGENT_ATTR_STATUS_SINCE, "agent:queues", "agent:currentCall", "agent:version",
};

static const MemberNames directory_names = {
  "name", "status", "reasonCode", "placeId", "statusSince", "queues", "currentCall", "version",
};

/* Whether @object is older than what the agent shows. An AgentEvent and the
 * answer to a state request cross on the way, in either order; the switch's
 * agent:version, rising with every change, tells which is newer. Objects
 * without one (another switch) are taken as they come. */
static gboolean
is_stale (AdAgent           *self,
          JsonObject        *object,
          const MemberNames *names)
{
  gint64 version = 0;

  if (!json_object_has_member (object, names->version) ||
      !ad_json_get_int (object, names->version, FALSE, &version, NULL))
    return FALSE;
  if (version < self->version)
    return TRUE;
  self->version = version;
  return FALSE;
}

static gboolean
apply_members (AdAgent           *self,
               JsonObject        *object,
               const MemberNames *names)
{
  JsonNode *node;

  if (is_stale (self, object, names))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));

  if (json_object_has_member (object, names->name))
    notify_if (self, ad_set_string (&self->name, ad_json_string_or_null (object, names->name)),
               PROP_NAME);
  if (json_object_has_member (object, names->status))
    set_status (self, ad_agent_status_from_string (ad_json_string_or_null (object, names->status)));
  if (json_object_has_member (object, names->reason_code))
    notify_if (self, ad_set_string (&self->reason_code,
                                    ad_json_string_or_null (object, names->reason_code)),
               PROP_REASON_CODE);
  if (json_object_has_member (object, names->place_id))
    notify_if (self, ad_set_string (&self->place_id,
                                    ad_json_string_or_null (object, names->place_id)),
               PROP_PLACE_ID);
  if (json_object_has_member (object, names->status_since))
    {
      g_autoptr(GDateTime) since = ad_date_time_from_json (object, names->status_since);

      notify_if (self, ad_set_date_time (&self->status_since, since), PROP_STATUS_SINCE);
    }
  if ((node = json_object_get_member (object, names->queues)) != NULL)
    {
      g_auto(GStrv) queues = ad_strv_from_json (JSON_NODE_HOLDS_ARRAY (node)
                                                  ? json_node_get_array (node) : NULL);

      notify_if (self, ad_set_strv (&self->queues, (const char * const *) queues), PROP_QUEUES);
    }
  if ((node = json_object_get_member (object, names->current_call)) != NULL)
    notify_if (self, ad_set_string (&self->current_call, current_call_from_json (node)),
               PROP_CURRENT_CALL);

  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

AdAgent *
ad_agent_new (const char *id)
{
  return g_object_new (AD_TYPE_AGENT, "id", id, NULL);
}

void
ad_agent_set_dn_numbers (AdAgent    *self,
                         GHashTable *numbers)
{
  guint n;

  g_return_if_fail (AD_IS_AGENT (self));

  g_clear_pointer (&self->dn_numbers, g_hash_table_unref);
  self->dn_numbers = numbers != NULL ? g_hash_table_ref (numbers) : NULL;
  if (numbers == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->dns));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdDn) dn = g_list_model_get_item (G_LIST_MODEL (self->dns), i);
      const char *number = g_hash_table_lookup (numbers, ad_dn_get_id (dn));

      if (number != NULL)
        ad_dn_set_number (dn, number);
    }
}

void
ad_agent_apply_dto (AdAgent    *self,
                    JsonObject *dto)
{
  JsonObject *actions = NULL;

  g_return_if_fail (AD_IS_AGENT (self));
  g_return_if_fail (dto != NULL);

  if (!apply_members (self, dto, &dto_names))
    return;
  if (ad_json_get_object (dto, AD_AGENT_ATTR_DNS_ACTIONS_POSSIBLE, FALSE, &actions, NULL) &&
      actions != NULL)
    apply_dns_actions (self, actions);
}

void
ad_agent_apply_directory_entry (AdAgent    *self,
                                JsonObject *entry)
{
  JsonArray *dns = NULL;

  g_return_if_fail (AD_IS_AGENT (self));
  g_return_if_fail (entry != NULL);

  if (!apply_members (self, entry, &directory_names))
    return;
  if (ad_json_get_array (entry, "dns", FALSE, &dns, NULL) && dns != NULL)
    apply_directory_dns (self, dns);
}

const char *
ad_agent_get_id (AdAgent *self)
{
  g_return_val_if_fail (AD_IS_AGENT (self), NULL);
  return self->id;
}

const char *
ad_agent_get_name (AdAgent *self)
{
  g_return_val_if_fail (AD_IS_AGENT (self), NULL);
  return self->name;
}

AdAgentStatus
ad_agent_get_status (AdAgent *self)
{
  g_return_val_if_fail (AD_IS_AGENT (self), AD_AGENT_STATUS_UNKNOWN);
  return self->status;
}

const char *
ad_agent_get_reason_code (AdAgent *self)
{
  g_return_val_if_fail (AD_IS_AGENT (self), NULL);
  return self->reason_code;
}

const char *
ad_agent_get_place_id (AdAgent *self)
{
  g_return_val_if_fail (AD_IS_AGENT (self), NULL);
  return self->place_id;
}

GDateTime *
ad_agent_get_status_since (AdAgent *self)
{
  g_return_val_if_fail (AD_IS_AGENT (self), NULL);
  return self->status_since;
}

GListModel *
ad_agent_get_dns (AdAgent *self)
{
  g_return_val_if_fail (AD_IS_AGENT (self), NULL);
  return G_LIST_MODEL (self->dns);
}

const char * const *
ad_agent_get_queues (AdAgent *self)
{
  g_return_val_if_fail (AD_IS_AGENT (self), NULL);
  return (const char * const *) self->queues;
}

const char *
ad_agent_get_current_call (AdAgent *self)
{
  g_return_val_if_fail (AD_IS_AGENT (self), NULL);
  return self->current_call;
}

AdDn *
ad_agent_lookup_dn (AdAgent    *self,
                    const char *dn_id)
{
  guint position;
  AdDn *dn;

  g_return_val_if_fail (AD_IS_AGENT (self), NULL);

  if (dn_id == NULL || !lookup_dn_position (self, dn_id, &position))
    return NULL;

  dn = g_list_model_get_item (G_LIST_MODEL (self->dns), position);
  /* Transfer none: the store keeps its own reference. */
  g_object_unref (dn);
  return dn;
}

gboolean
ad_agent_can_create_interaction (AdAgent    *self,
                                 const char *dn_id)
{
  guint n;

  g_return_val_if_fail (AD_IS_AGENT (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->dns));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdDn) dn = g_list_model_get_item (G_LIST_MODEL (self->dns), i);

      if ((dn_id == NULL || g_strcmp0 (ad_dn_get_id (dn), dn_id) == 0) &&
          ad_dn_get_can_create_interaction (dn))
        return TRUE;
    }

  return FALSE;
}

static void
ad_agent_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  AdAgent *self = AD_AGENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_REASON_CODE:
      g_value_set_string (value, self->reason_code);
      break;
    case PROP_PLACE_ID:
      g_value_set_string (value, self->place_id);
      break;
    case PROP_STATUS_SINCE:
      g_value_set_boxed (value, self->status_since);
      break;
    case PROP_DNS:
      g_value_set_object (value, self->dns);
      break;
    case PROP_QUEUES:
      g_value_set_boxed (value, self->queues);
      break;
    case PROP_CURRENT_CALL:
      g_value_set_string (value, self->current_call);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_agent_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  AdAgent *self = AD_AGENT (object);

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
ad_agent_dispose (GObject *object)
{
  AdAgent *self = AD_AGENT (object);

  g_clear_object (&self->dns);
  g_clear_pointer (&self->dn_numbers, g_hash_table_unref);

  G_OBJECT_CLASS (ad_agent_parent_class)->dispose (object);
}

static void
ad_agent_finalize (GObject *object)
{
  AdAgent *self = AD_AGENT (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->reason_code);
  g_free (self->place_id);
  g_clear_pointer (&self->status_since, g_date_time_unref);
  g_strfreev (self->queues);
  g_free (self->current_call);

  G_OBJECT_CLASS (ad_agent_parent_class)->finalize (object);
}

static void
ad_agent_class_init (AdAgentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ad_agent_get_property;
  object_class->set_property = ad_agent_set_property;
  object_class->dispose = ad_agent_dispose;
  object_class->finalize = ad_agent_finalize;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, AD_TYPE_AGENT_STATUS,
                                               AD_AGENT_STATUS_UNKNOWN, flags);
  properties[PROP_REASON_CODE] = g_param_spec_string ("reason-code", NULL, NULL, NULL, flags);
  properties[PROP_PLACE_ID] = g_param_spec_string ("place-id", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_SINCE] = g_param_spec_boxed ("status-since", NULL, NULL,
                                                      G_TYPE_DATE_TIME, flags);
  properties[PROP_DNS] = g_param_spec_object ("dns", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_QUEUES] = g_param_spec_boxed ("queues", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_CURRENT_CALL] = g_param_spec_string ("current-call", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ad_agent_init (AdAgent *self)
{
  self->dns = g_list_store_new (AD_TYPE_DN);
}
