/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdBoardAgent"

#include "config.h"

#include "ad-board-private.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_STATUS,
  PROP_REASON_CODE,
  PROP_REASON_LABEL,
  PROP_STATUS_SINCE,
  PROP_QUEUES,
  PROP_CALL_TYPE,
  PROP_CALL_ESTABLISHED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _AdBoardAgent
{
  GObject        parent_instance;

  char          *id;
  char          *name;
  AdAgentStatus  status;
  char          *reason_code;
  char          *reason_label;
  gint64         status_since;
  char         **queues;
  AdCallType     call_type;
  gint64         call_established_at;
  gint64         version;  /* agent:version of what was applied last */
};

G_DEFINE_FINAL_TYPE (AdBoardAgent, ad_board_agent, G_TYPE_OBJECT)

/* Where the same attribute lives in a directory entry and in an agent DTO. */
typedef struct {
  const char *name, *status, *reason_code, *status_since, *queues, *current_call, *version;
} MemberNames;

static const MemberNames directory_names = {
  "name", "status", "reasonCode", "statusSince", "queues", "currentCall", "version",
};

static const MemberNames dto_names = {
  AD_AGENT_ATTR_NAME, AD_AGENT_ATTR_STATUS, AD_AGENT_ATTR_REASON_CODE,
  AD_AGENT_ATTR_STATUS_SINCE, "agent:queues", "agent:currentCall", "agent:version",
};

static gint64
time_member (JsonObject *object,
             const char *member)
{
  const char *text = ad_json_string_or_null (object, member);
  gint64 seconds;

  return text != NULL && ad_time_from_rfc3339 (text, &seconds) ? seconds : 0;
}

static gboolean
set_string (AdBoardAgent *self,
            char        **field,
            const char   *value,
            guint         prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

static gboolean
set_int64 (AdBoardAgent *self,
           gint64       *field,
           gint64        value,
           guint         prop)
{
  if (*field == value)
    return FALSE;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

static gboolean
set_enum (AdBoardAgent *self,
          int          *field,
          int           value,
          guint         prop)
{
  if (*field == value)
    return FALSE;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

static gboolean
set_queues (AdBoardAgent *self,
            JsonNode     *node)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) queues = NULL;
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }
  queues = g_strv_builder_end (builder);

  if (self->queues != NULL && g_strv_equal ((const char * const *) self->queues,
                                            (const char * const *) queues))
    return FALSE;
  g_strfreev (self->queues);
  self->queues = g_steal_pointer (&queues);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUEUES]);
  return TRUE;
}

static gboolean
is_logged_in (AdAgentStatus status)
{
  return status != AD_AGENT_STATUS_LOGGED_OUT && status != AD_AGENT_STATUS_UNKNOWN;
}

static AdBoardAgentFields
apply_members (AdBoardAgent      *self,
               JsonObject        *object,
               const MemberNames *names)
{
  AdBoardAgentFields changed = AD_BOARD_AGENT_FIELD_NONE;
  gboolean was_logged_in = is_logged_in (self->status);
  JsonNode *node;
  gint64 version;

  /* A directory fetched while events flow may be older than an event
   * already applied: the switch's version says which is newer. */
  if (json_object_has_member (object, names->version) &&
      ad_json_get_int (object, names->version, FALSE, &version, NULL))
    {
      if (version < self->version)
        return AD_BOARD_AGENT_FIELD_NONE;
      self->version = version;
    }

  g_object_freeze_notify (G_OBJECT (self));

  if (json_object_has_member (object, names->name) &&
      set_string (self, &self->name, ad_json_string_or_null (object, names->name), PROP_NAME))
    changed |= AD_BOARD_AGENT_FIELD_NAME;
  if (json_object_has_member (object, names->status) &&
      set_enum (self, (int *) &self->status,
                ad_agent_status_from_string (ad_json_string_or_null (object, names->status)),
                PROP_STATUS))
    changed |= AD_BOARD_AGENT_FIELD_STATUS;
  if (is_logged_in (self->status) != was_logged_in)
    changed |= AD_BOARD_AGENT_FIELD_LOGGED_IN;
  if (json_object_has_member (object, names->reason_code) &&
      set_string (self, &self->reason_code, ad_json_string_or_null (object, names->reason_code),
                  PROP_REASON_CODE))
    changed |= AD_BOARD_AGENT_FIELD_REASON;
  if (json_object_has_member (object, names->status_since) &&
      set_int64 (self, &self->status_since, time_member (object, names->status_since),
                 PROP_STATUS_SINCE))
    changed |= AD_BOARD_AGENT_FIELD_STATUS_SINCE;
  if ((node = json_object_get_member (object, names->queues)) != NULL && set_queues (self, node))
    changed |= AD_BOARD_AGENT_FIELD_QUEUES;

  if ((node = json_object_get_member (object, names->current_call)) != NULL)
    {
      JsonObject *call = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      AdCallType type = call != NULL
        ? ad_call_type_from_string (ad_json_string_or_null (call, "callType"))
        : AD_CALL_TYPE_UNKNOWN;
      gint64 established = call != NULL ? time_member (call, "establishedAt") : 0;

      if (set_enum (self, (int *) &self->call_type, type, PROP_CALL_TYPE))
        changed |= AD_BOARD_AGENT_FIELD_CALL;
      if (set_int64 (self, &self->call_established_at, established, PROP_CALL_ESTABLISHED_AT))
        changed |= AD_BOARD_AGENT_FIELD_CALL;
    }

  g_object_thaw_notify (G_OBJECT (self));
  return changed;
}

AdBoardAgent *
ad_board_agent_new (const char *id)
{
  return g_object_new (AD_TYPE_BOARD_AGENT, "id", id, NULL);
}

AdBoardAgentFields
ad_board_agent_apply_directory (AdBoardAgent *self,
                                JsonObject   *entry)
{
  g_return_val_if_fail (AD_IS_BOARD_AGENT (self), AD_BOARD_AGENT_FIELD_NONE);
  g_return_val_if_fail (entry != NULL, AD_BOARD_AGENT_FIELD_NONE);

  return apply_members (self, entry, &directory_names);
}

AdBoardAgentFields
ad_board_agent_apply_dto (AdBoardAgent *self,
                          JsonObject   *dto)
{
  g_return_val_if_fail (AD_IS_BOARD_AGENT (self), AD_BOARD_AGENT_FIELD_NONE);
  g_return_val_if_fail (dto != NULL, AD_BOARD_AGENT_FIELD_NONE);

  return apply_members (self, dto, &dto_names);
}

const char *
ad_board_agent_get_id (AdBoardAgent *self)
{
  g_return_val_if_fail (AD_IS_BOARD_AGENT (self), NULL);

  return self->id;
}

const char *
ad_board_agent_get_name (AdBoardAgent *self)
{
  g_return_val_if_fail (AD_IS_BOARD_AGENT (self), NULL);

  return self->name;
}

AdAgentStatus
ad_board_agent_get_status (AdBoardAgent *self)
{
  g_return_val_if_fail (AD_IS_BOARD_AGENT (self), AD_AGENT_STATUS_UNKNOWN);

  return self->status;
}

const char *
ad_board_agent_get_reason_code (AdBoardAgent *self)
{
  g_return_val_if_fail (AD_IS_BOARD_AGENT (self), NULL);

  return self->reason_code;
}

const char *
ad_board_agent_get_reason_label (AdBoardAgent *self)
{
  g_return_val_if_fail (AD_IS_BOARD_AGENT (self), NULL);

  return self->reason_label;
}

gboolean
ad_board_agent_set_reason_label (AdBoardAgent *self,
                                 const char   *label)
{
  g_return_val_if_fail (AD_IS_BOARD_AGENT (self), FALSE);

  return set_string (self, &self->reason_label, label, PROP_REASON_LABEL);
}

gint64
ad_board_agent_get_status_since (AdBoardAgent *self)
{
  g_return_val_if_fail (AD_IS_BOARD_AGENT (self), 0);

  return self->status_since;
}

const char * const *
ad_board_agent_get_queues (AdBoardAgent *self)
{
  g_return_val_if_fail (AD_IS_BOARD_AGENT (self), NULL);

  return (const char * const *) self->queues;
}

gboolean
ad_board_agent_has_queue (AdBoardAgent *self,
                          const char   *queue)
{
  g_return_val_if_fail (AD_IS_BOARD_AGENT (self), FALSE);

  return self->queues != NULL && queue != NULL &&
         g_strv_contains ((const char * const *) self->queues, queue);
}

AdCallType
ad_board_agent_get_call_type (AdBoardAgent *self)
{
  g_return_val_if_fail (AD_IS_BOARD_AGENT (self), AD_CALL_TYPE_UNKNOWN);

  return self->call_type;
}

gint64
ad_board_agent_get_call_established_at (AdBoardAgent *self)
{
  g_return_val_if_fail (AD_IS_BOARD_AGENT (self), 0);

  return self->call_established_at;
}

static void
ad_board_agent_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AdBoardAgent *self = AD_BOARD_AGENT (object);

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
    case PROP_REASON_LABEL:
      g_value_set_string (value, self->reason_label);
      break;
    case PROP_STATUS_SINCE:
      g_value_set_int64 (value, self->status_since);
      break;
    case PROP_QUEUES:
      g_value_set_boxed (value, self->queues);
      break;
    case PROP_CALL_TYPE:
      g_value_set_enum (value, self->call_type);
      break;
    case PROP_CALL_ESTABLISHED_AT:
      g_value_set_int64 (value, self->call_established_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_board_agent_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AdBoardAgent *self = AD_BOARD_AGENT (object);

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
ad_board_agent_finalize (GObject *object)
{
  AdBoardAgent *self = AD_BOARD_AGENT (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->reason_code);
  g_free (self->reason_label);
  g_strfreev (self->queues);

  G_OBJECT_CLASS (ad_board_agent_parent_class)->finalize (object);
}

static void
ad_board_agent_class_init (AdBoardAgentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ad_board_agent_get_property;
  object_class->set_property = ad_board_agent_set_property;
  object_class->finalize = ad_board_agent_finalize;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, AD_TYPE_AGENT_STATUS, AD_AGENT_STATUS_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON_CODE] =
    g_param_spec_string ("reason-code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON_LABEL] =
    g_param_spec_string ("reason-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_SINCE] =
    g_param_spec_int64 ("status-since", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUEUES] =
    g_param_spec_boxed ("queues", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CALL_TYPE] =
    g_param_spec_enum ("call-type", NULL, NULL, AD_TYPE_CALL_TYPE, AD_CALL_TYPE_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CALL_ESTABLISHED_AT] =
    g_param_spec_int64 ("call-established-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ad_board_agent_init (AdBoardAgent *self)
{
}
