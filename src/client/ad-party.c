/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdParty"

#include "config.h"

#include "ad-client-private.h"

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_AGENT_ID,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _AdParty
{
  GObject      parent_instance;

  char        *number;
  char        *agent_id;
  AdPartyRole  role;
};

G_DEFINE_FINAL_TYPE (AdParty, ad_party, G_TYPE_OBJECT)

static AdParty *
party_from_json (JsonNode *node)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  return ad_party_new (ad_json_string_or_null (object, "number"),
                       ad_json_string_or_null (object, "agentId"),
                       ad_party_role_from_string (ad_json_string_or_null (object, "role")));
}

static gboolean
party_matches_json (AdParty  *party,
                    JsonNode *node)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  return g_strcmp0 (party->number, ad_json_string_or_null (object, "number")) == 0 &&
         g_strcmp0 (party->agent_id, ad_json_string_or_null (object, "agentId")) == 0 &&
         party->role == ad_party_role_from_string (ad_json_string_or_null (object, "role"));
}

/* Most events repeat the parties unchanged: compare before building any. */
static gboolean
party_list_unchanged (GListStore *store,
                      JsonArray  *array)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  if (array == NULL || json_array_get_length (array) != n)
    return array == NULL && n == 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdParty) party = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (!party_matches_json (party, json_array_get_element (array, i)))
        return FALSE;
    }
  return TRUE;
}

gboolean
ad_party_list_update (GListStore *store,
                      JsonArray  *array)
{
  g_autoptr(GPtrArray) parties = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint n_new;
  guint head = 0;
  guint tail = 0;

  if (party_list_unchanged (store, array))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      AdParty *party = party_from_json (json_array_get_element (array, i));

      if (party != NULL)
        g_ptr_array_add (parties, party);
    }
  n_new = parties->len;

  /* Splice only the middle that differs, so rows of unchanged parties stay. */
  while (head < n_old && head < n_new)
    {
      g_autoptr(AdParty) old = g_list_model_get_item (G_LIST_MODEL (store), head);

      if (!ad_party_equal (old, g_ptr_array_index (parties, head)))
        break;
      head++;
    }
  while (tail < n_old - head && tail < n_new - head)
    {
      g_autoptr(AdParty) old = g_list_model_get_item (G_LIST_MODEL (store), n_old - 1 - tail);

      if (!ad_party_equal (old, g_ptr_array_index (parties, n_new - 1 - tail)))
        break;
      tail++;
    }

  if (head + tail == n_old && n_old == n_new)
    return FALSE;

  /* pdata is NULL for an empty array: no offset into it then. */
  g_list_store_splice (store, head, n_old - head - tail,
                       n_new > head + tail ? parties->pdata + head : NULL,
                       n_new - head - tail);
  return TRUE;
}

AdParty *
ad_party_new (const char  *number,
              const char  *agent_id,
              AdPartyRole  role)
{
  return g_object_new (AD_TYPE_PARTY,
                       "number", number,
                       "agent-id", agent_id,
                       "role", role,
                       NULL);
}

const char *
ad_party_get_number (AdParty *self)
{
  g_return_val_if_fail (AD_IS_PARTY (self), NULL);

  return self->number;
}

const char *
ad_party_get_agent_id (AdParty *self)
{
  g_return_val_if_fail (AD_IS_PARTY (self), NULL);

  return self->agent_id;
}

AdPartyRole
ad_party_get_role (AdParty *self)
{
  g_return_val_if_fail (AD_IS_PARTY (self), AD_PARTY_ROLE_UNKNOWN);

  return self->role;
}

gboolean
ad_party_equal (AdParty *a,
                AdParty *b)
{
  g_return_val_if_fail (AD_IS_PARTY (a), FALSE);
  g_return_val_if_fail (AD_IS_PARTY (b), FALSE);

  return g_strcmp0 (a->number, b->number) == 0 &&
         g_strcmp0 (a->agent_id, b->agent_id) == 0 &&
         a->role == b->role;
}

static void
ad_party_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  AdParty *self = AD_PARTY (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;
    case PROP_AGENT_ID:
      g_value_set_string (value, self->agent_id);
      break;
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_party_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  AdParty *self = AD_PARTY (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      self->number = g_value_dup_string (value);
      break;
    case PROP_AGENT_ID:
      self->agent_id = g_value_dup_string (value);
      break;
    case PROP_ROLE:
      self->role = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_party_finalize (GObject *object)
{
  AdParty *self = AD_PARTY (object);

  g_free (self->number);
  g_free (self->agent_id);

  G_OBJECT_CLASS (ad_party_parent_class)->finalize (object);
}

static void
ad_party_class_init (AdPartyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ad_party_get_property;
  object_class->set_property = ad_party_set_property;
  object_class->finalize = ad_party_finalize;

  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGENT_ID] =
    g_param_spec_string ("agent-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL,
                       AD_TYPE_PARTY_ROLE, AD_PARTY_ROLE_UNKNOWN,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ad_party_init (AdParty *self)
{
}
