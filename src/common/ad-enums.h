/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The contract's enumerations. Wire names (the strings in JSON) are
 * converted with the *_to_string / *_from_string functions below; the
 * GType nicks are for GObject property bindings only. */

typedef enum {
  AD_INTERACTION_STATUS_UNKNOWN = 0,
  AD_INTERACTION_STATUS_NEW,
  AD_INTERACTION_STATUS_DIALING,
  AD_INTERACTION_STATUS_RINGING,
  AD_INTERACTION_STATUS_TALKING,
  AD_INTERACTION_STATUS_HELD,
  AD_INTERACTION_STATUS_DIALING_HELD,
  AD_INTERACTION_STATUS_IDLE,
  AD_INTERACTION_STATUS_MARKED_DONE,
} AdInteractionStatus;

typedef enum {
  AD_EVENT_REASON_UNKNOWN = 0,
  AD_EVENT_REASON_STATUS_CHANGED,
  AD_EVENT_REASON_INFO_CHANGED,
  AD_EVENT_REASON_ATTACHED_DATA_CHANGED,
  AD_EVENT_REASON_REMOVED,
} AdEventReason;

/* One bit per InteractionVoiceAction, so a set of them (actionsPossible)
 * is a single value that a widget can bind to. */
typedef enum { /*< flags >*/
  AD_VOICE_ACTION_NONE                   = 0,
  AD_VOICE_ACTION_MAKE_CALL              = 1 << 0,
  AD_VOICE_ACTION_ANSWER_CALL            = 1 << 1,
  AD_VOICE_ACTION_RELEASE_CALL           = 1 << 2,
  AD_VOICE_ACTION_MARK_DONE              = 1 << 3,
  AD_VOICE_ACTION_HOLD                   = 1 << 4,
  AD_VOICE_ACTION_RETRIEVE               = 1 << 5,
  AD_VOICE_ACTION_SINGLE_STEP_TRANSFER   = 1 << 6,
  AD_VOICE_ACTION_MUTE_TRANSFER          = 1 << 7,
  AD_VOICE_ACTION_INIT_TRANSFER          = 1 << 8,
  AD_VOICE_ACTION_COMPLETE_TRANSFER      = 1 << 9,
  AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE = 1 << 10,
  AD_VOICE_ACTION_INIT_CONFERENCE        = 1 << 11,
  AD_VOICE_ACTION_COMPLETE_CONFERENCE    = 1 << 12,
  AD_VOICE_ACTION_LEAVE_CONFERENCE       = 1 << 13,
  AD_VOICE_ACTION_RECONNECT              = 1 << 14,
  AD_VOICE_ACTION_MUTE_ON                = 1 << 15,
  AD_VOICE_ACTION_MUTE_OFF               = 1 << 16,
  AD_VOICE_ACTION_SEND_DTMF              = 1 << 17,
  AD_VOICE_ACTION_ATTACH_DATA            = 1 << 18,
} AdVoiceAction;

#define AD_VOICE_ACTION_ALL ((AdVoiceAction) ((1 << 19) - 1))

typedef enum {
  AD_AGENT_STATUS_UNKNOWN = 0,
  AD_AGENT_STATUS_LOGGED_OUT,
  AD_AGENT_STATUS_NOT_READY,
  AD_AGENT_STATUS_READY,
  AD_AGENT_STATUS_BUSY,
  AD_AGENT_STATUS_AFTER_CALL_WORK,
} AdAgentStatus;

typedef enum {
  AD_CALL_TYPE_UNKNOWN = 0,
  AD_CALL_TYPE_INBOUND,
  AD_CALL_TYPE_OUTBOUND,
  AD_CALL_TYPE_INTERNAL,
  AD_CALL_TYPE_CONSULT,
} AdCallType;

typedef enum {
  AD_PARTY_ROLE_UNKNOWN = 0,
  AD_PARTY_ROLE_ORIGINATOR,
  AD_PARTY_ROLE_DESTINATION,
  AD_PARTY_ROLE_CONFERENCE_MEMBER,
} AdPartyRole;

typedef enum {
  AD_ROLE_AGENT = 0,
  AD_ROLE_SUPERVISOR,
} AdRole;

const char          *ad_interaction_status_to_string   (AdInteractionStatus status);
AdInteractionStatus  ad_interaction_status_from_string (const char *str);

const char          *ad_event_reason_to_string         (AdEventReason reason);
AdEventReason        ad_event_reason_from_string       (const char *str);

/* A single action <-> "MAKE_CALL" and its URL path segment "make-call". */
const char          *ad_voice_action_to_string         (AdVoiceAction action);
AdVoiceAction        ad_voice_action_from_string       (const char *str);
const char          *ad_voice_action_to_path           (AdVoiceAction action);
AdVoiceAction        ad_voice_action_from_path         (const char *path);
/* Iterates the single actions of a set, lowest bit first; NONE at the end. */
AdVoiceAction        ad_voice_action_next              (AdVoiceAction set,
                                                        AdVoiceAction after);

const char          *ad_agent_status_to_string         (AdAgentStatus status);
AdAgentStatus        ad_agent_status_from_string       (const char *str);

const char          *ad_call_type_to_string            (AdCallType type);
AdCallType           ad_call_type_from_string          (const char *str);

const char          *ad_party_role_to_string           (AdPartyRole role);
AdPartyRole          ad_party_role_from_string         (const char *str);

const char          *ad_role_to_string                 (AdRole role);
AdRole               ad_role_from_string               (const char *str);

G_END_DECLS
