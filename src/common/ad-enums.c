/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ad-enums.h"

#include <string.h>

/* Wire names, indexed by enum value; index 0 is the UNKNOWN value. */

static const char * const status_names[] = {
  NULL, "NEW", "DIALING", "RINGING", "TALKING", "HELD", "DIALING_HELD", "IDLE", "MARKED_DONE",
};

static const char * const reason_names[] = {
  NULL, "STATUS_CHANGED", "INFO_CHANGED", "ATTACHED_DATA_CHANGED", "REMOVED",
};

static const char * const agent_status_names[] = {
  NULL, "LOGGED_OUT", "NOT_READY", "READY", "BUSY", "AFTER_CALL_WORK",
};

static const char * const call_type_names[] = {
  NULL, "INBOUND", "OUTBOUND", "INTERNAL", "CONSULT",
};

static const char * const party_role_names[] = {
  NULL, "ORIGINATOR", "DESTINATION", "CONFERENCE_MEMBER",
};

static const char * const role_names[] = {
  "agent", "supervisor",
};

/* Indexed by bit number. */
static const struct {
  const char *name;
  const char *path;
} voice_actions[] = {
  { "MAKE_CALL", "make-call" },
  { "ANSWER_CALL", "answer-call" },
  { "RELEASE_CALL", "release-call" },
  { "MARK_DONE", "mark-done" },
  { "HOLD", "hold" },
  { "RETRIEVE", "retrieve" },
  { "SINGLE_STEP_TRANSFER", "single-step-transfer" },
  { "MUTE_TRANSFER", "mute-transfer" },
  { "INIT_TRANSFER", "initiate-transfer" },
  { "COMPLETE_TRANSFER", "complete-transfer" },
  { "SINGLE_STEP_CONFERENCE", "single-step-conference" },
  { "INIT_CONFERENCE", "initiate-conference" },
  { "COMPLETE_CONFERENCE", "complete-conference" },
  { "LEAVE_CONFERENCE", "leave-conference" },
  { "RECONNECT", "reconnect" },
  { "MUTE_ON", "mute-on" },
  { "MUTE_OFF", "mute-off" },
  { "SEND_DTMF", "send-dtmf" },
  { "ATTACH_DATA", "attach-data" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (voice_actions) == 19);
G_STATIC_ASSERT (AD_VOICE_ACTION_ALL == (1 << G_N_ELEMENTS (voice_actions)) - 1);

static const char *
name_of (const char * const *names,
         guint               n_names,
         int                 value)
{
  if (value < 0 || (guint) value >= n_names)
    return NULL;
  return names[value];
}

static int
value_of (const char * const *names,
          guint               n_names,
          const char         *str,
          int                 fallback)
{
  if (str == NULL)
    return fallback;
  for (guint i = 0; i < n_names; i++)
    if (names[i] != NULL && strcmp (names[i], str) == 0)
      return (int) i;
  return fallback;
}

#define DEFINE_NAMES(func, Type, table, fallback)                              \
  const char *                                                                 \
  func##_to_string (Type value)                                                \
  {                                                                            \
    return name_of (table, G_N_ELEMENTS (table), (int) value);                 \
  }                                                                            \
  Type                                                                         \
  func##_from_string (const char *str)                                         \
  {                                                                            \
    return (Type) value_of (table, G_N_ELEMENTS (table), str, (int) fallback); \
  }

DEFINE_NAMES (ad_interaction_status, AdInteractionStatus, status_names, AD_INTERACTION_STATUS_UNKNOWN)
DEFINE_NAMES (ad_event_reason, AdEventReason, reason_names, AD_EVENT_REASON_UNKNOWN)
DEFINE_NAMES (ad_agent_status, AdAgentStatus, agent_status_names, AD_AGENT_STATUS_UNKNOWN)
DEFINE_NAMES (ad_call_type, AdCallType, call_type_names, AD_CALL_TYPE_UNKNOWN)
DEFINE_NAMES (ad_party_role, AdPartyRole, party_role_names, AD_PARTY_ROLE_UNKNOWN)
DEFINE_NAMES (ad_role, AdRole, role_names, AD_ROLE_AGENT)

static int
action_bit (AdVoiceAction action)
{
  if (action == AD_VOICE_ACTION_NONE || (action & (action - 1)) != 0 ||
      (action & ~AD_VOICE_ACTION_ALL) != 0)
    return -1;
  return g_bit_nth_lsf ((gulong) action, -1);
}

const char *
ad_voice_action_to_string (AdVoiceAction action)
{
  int bit = action_bit (action);

  return bit < 0 ? NULL : voice_actions[bit].name;
}

const char *
ad_voice_action_to_path (AdVoiceAction action)
{
  int bit = action_bit (action);

  return bit < 0 ? NULL : voice_actions[bit].path;
}

AdVoiceAction
ad_voice_action_from_string (const char *str)
{
  if (str != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (voice_actions); i++)
      if (strcmp (voice_actions[i].name, str) == 0)
        return (AdVoiceAction) (1 << i);
  return AD_VOICE_ACTION_NONE;
}

AdVoiceAction
ad_voice_action_from_path (const char *path)
{
  if (path != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (voice_actions); i++)
      if (strcmp (voice_actions[i].path, path) == 0)
        return (AdVoiceAction) (1 << i);
  return AD_VOICE_ACTION_NONE;
}

AdVoiceAction
ad_voice_action_next (AdVoiceAction set,
                      AdVoiceAction after)
{
  int from = after == AD_VOICE_ACTION_NONE ? -1 : action_bit (after);
  int bit = g_bit_nth_lsf ((gulong) (set & AD_VOICE_ACTION_ALL), from);

  return bit < 0 ? AD_VOICE_ACTION_NONE : (AdVoiceAction) (1 << bit);
}
