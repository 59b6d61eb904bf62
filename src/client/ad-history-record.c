/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdHistoryRecord"

#include "config.h"

#include "ad-client-private.h"

enum {
  PROP_0,
  PROP_INTERACTION_ID,
  PROP_AGENT_ID,
  PROP_ANI,
  PROP_DNIS,
  PROP_CALL_TYPE,
  PROP_STARTED_AT,
  PROP_ENDED_AT,
  PROP_DURATION,
  PROP_PARTIES,
  PROP_ATTACHED_DATA,
  PROP_DISPOSITION,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _AdHistoryRecord
{
  GObject     parent_instance;

  char       *interaction_id;
  char       *agent_id;
  char       *ani;
  char       *dnis;
  AdCallType  call_type;
  GDateTime  *started_at;
  GDateTime  *ended_at;
  guint       duration;
  GListStore *parties;
  GHashTable *attached_data;
  char       *disposition;
  char       *notes;
};

G_DEFINE_FINAL_TYPE (AdHistoryRecord, ad_history_record, G_TYPE_OBJECT)

AdHistoryRecord *
ad_history_record_new_from_json (JsonObject *record)
{
  AdHistoryRecord *self = g_object_new (AD_TYPE_HISTORY_RECORD, NULL);
  JsonNode *parties = json_object_get_member (record, "parties");
  JsonNode *data = json_object_get_member (record, "attachedData");
  JsonNode *duration = json_object_get_member (record, "durationSeconds");

  self->interaction_id = g_strdup (ad_json_string_or_null (record, "interactionId"));
  self->agent_id = g_strdup (ad_json_string_or_null (record, "agentId"));
  self->ani = g_strdup (ad_json_string_or_null (record, "ANI"));
  self->dnis = g_strdup (ad_json_string_or_null (record, "DNIS"));
  self->call_type = ad_call_type_from_string (ad_json_string_or_null (record, "callType"));
  self->started_at = ad_date_time_from_json (record, "startedAt");
  self->ended_at = ad_date_time_from_json (record, "endedAt");
  if (duration != NULL && JSON_NODE_HOLDS_VALUE (duration) &&
      json_node_get_value_type (duration) == G_TYPE_INT64)
    self->duration = (guint) CLAMP (json_node_get_int (duration), 0, G_MAXUINT);
  if (parties != NULL && JSON_NODE_HOLDS_ARRAY (parties))
    ad_party_list_update (self->parties, json_node_get_array (parties));
  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    {
      g_hash_table_unref (self->attached_data);
      self->attached_data = ad_string_map_from_json (json_node_get_object (data));
    }
  self->disposition = g_strdup (ad_json_string_or_null (record, "disposition"));
  self->notes = g_strdup (ad_json_string_or_null (record, "notes"));

  return self;
}

const char *
ad_history_record_get_interaction_id (AdHistoryRecord *self)
{
  g_return_val_if_fail (AD_IS_HISTORY_RECORD (self), NULL);
  return self->interaction_id;
}

const char *
ad_history_record_get_agent_id (AdHistoryRecord *self)
{
  g_return_val_if_fail (AD_IS_HISTORY_RECORD (self), NULL);
  return self->agent_id;
}

const char *
ad_history_record_get_ani (AdHistoryRecord *self)
{
  g_return_val_if_fail (AD_IS_HISTORY_RECORD (self), NULL);
  return self->ani;
}

const char *
ad_history_record_get_dnis (AdHistoryRecord *self)
{
  g_return_val_if_fail (AD_IS_HISTORY_RECORD (self), NULL);
  return self->dnis;
}

AdCallType
ad_history_record_get_call_type (AdHistoryRecord *self)
{
  g_return_val_if_fail (AD_IS_HISTORY_RECORD (self), AD_CALL_TYPE_UNKNOWN);
  return self->call_type;
}

GDateTime *
ad_history_record_get_started_at (AdHistoryRecord *self)
{
  g_return_val_if_fail (AD_IS_HISTORY_RECORD (self), NULL);
  return self->started_at;
}

GDateTime *
ad_history_record_get_ended_at (AdHistoryRecord *self)
{
  g_return_val_if_fail (AD_IS_HISTORY_RECORD (self), NULL);
  return self->ended_at;
}

guint
ad_history_record_get_duration (AdHistoryRecord *self)
{
  g_return_val_if_fail (AD_IS_HISTORY_RECORD (self), 0);
  return self->duration;
}

GListModel *
ad_history_record_get_parties (AdHistoryRecord *self)
{
  g_return_val_if_fail (AD_IS_HISTORY_RECORD (self), NULL);
  return G_LIST_MODEL (self->parties);
}

GHashTable *
ad_history_record_get_attached_data (AdHistoryRecord *self)
{
  g_return_val_if_fail (AD_IS_HISTORY_RECORD (self), NULL);
  return self->attached_data;
}

const char *
ad_history_record_get_disposition (AdHistoryRecord *self)
{
  g_return_val_if_fail (AD_IS_HISTORY_RECORD (self), NULL);
  return self->disposition;
}

const char *
ad_history_record_get_notes (AdHistoryRecord *self)
{
  g_return_val_if_fail (AD_IS_HISTORY_RECORD (self), NULL);
  return self->notes;
}

static void
ad_history_record_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AdHistoryRecord *self = AD_HISTORY_RECORD (object);

  switch (prop_id)
    {
    case PROP_INTERACTION_ID:
      g_value_set_string (value, self->interaction_id);
      break;
    case PROP_AGENT_ID:
      g_value_set_string (value, self->agent_id);
      break;
    case PROP_ANI:
      g_value_set_string (value, self->ani);
      break;
    case PROP_DNIS:
      g_value_set_string (value, self->dnis);
      break;
    case PROP_CALL_TYPE:
      g_value_set_enum (value, self->call_type);
      break;
    case PROP_STARTED_AT:
      g_value_set_boxed (value, self->started_at);
      break;
    case PROP_ENDED_AT:
      g_value_set_boxed (value, self->ended_at);
      break;
    case PROP_DURATION:
      g_value_set_uint (value, self->duration);
      break;
    case PROP_PARTIES:
      g_value_set_object (value, self->parties);
      break;
    case PROP_ATTACHED_DATA:
      g_value_set_boxed (value, self->attached_data);
      break;
    case PROP_DISPOSITION:
      g_value_set_string (value, self->disposition);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_history_record_dispose (GObject *object)
{
  AdHistoryRecord *self = AD_HISTORY_RECORD (object);

  g_clear_object (&self->parties);

  G_OBJECT_CLASS (ad_history_record_parent_class)->dispose (object);
}

static void
ad_history_record_finalize (GObject *object)
{
  AdHistoryRecord *self = AD_HISTORY_RECORD (object);

  g_free (self->interaction_id);
  g_free (self->agent_id);
  g_free (self->ani);
  g_free (self->dnis);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_pointer (&self->ended_at, g_date_time_unref);
  g_clear_pointer (&self->attached_data, g_hash_table_unref);
  g_free (self->disposition);
  g_free (self->notes);

  G_OBJECT_CLASS (ad_history_record_parent_class)->finalize (object);
}

static void
ad_history_record_class_init (AdHistoryRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ad_history_record_get_property;
  object_class->dispose = ad_history_record_dispose;
  object_class->finalize = ad_history_record_finalize;

  properties[PROP_INTERACTION_ID] = g_param_spec_string ("interaction-id", NULL, NULL, NULL, flags);
  properties[PROP_AGENT_ID] = g_param_spec_string ("agent-id", NULL, NULL, NULL, flags);
  properties[PROP_ANI] = g_param_spec_string ("ani", NULL, NULL, NULL, flags);
  properties[PROP_DNIS] = g_param_spec_string ("dnis", NULL, NULL, NULL, flags);
  properties[PROP_CALL_TYPE] = g_param_spec_enum ("call-type", NULL, NULL, AD_TYPE_CALL_TYPE,
                                                  AD_CALL_TYPE_UNKNOWN, flags);
  properties[PROP_STARTED_AT] = g_param_spec_boxed ("started-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_ENDED_AT] = g_param_spec_boxed ("ended-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_DURATION] = g_param_spec_uint ("duration", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_PARTIES] = g_param_spec_object ("parties", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_ATTACHED_DATA] = g_param_spec_boxed ("attached-data", NULL, NULL,
                                                       G_TYPE_HASH_TABLE, flags);
  properties[PROP_DISPOSITION] = g_param_spec_string ("disposition", NULL, NULL, NULL, flags);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ad_history_record_init (AdHistoryRecord *self)
{
  self->parties = g_list_store_new (AD_TYPE_PARTY);
  self->attached_data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
