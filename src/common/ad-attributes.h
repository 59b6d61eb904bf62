/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Attribute names of the contract, spelled once. */

#define AD_ATTR_INTERACTION_ID      "interaction:interactionId"
#define AD_ATTR_INTERACTION_TYPE    "interaction:interactionType"
#define AD_ATTR_STATUS              "interaction:status"
#define AD_ATTR_EVENT_REASON        "interaction:eventReason"
#define AD_ATTR_AGENT_ID            "interaction:agentId"
#define AD_ATTR_DN_ID               "interaction:dnId"
#define AD_ATTR_ATTACHED_DATA       "interaction:attachedData"
#define AD_ATTR_EXTENSIONS          "interaction:extensions"
#define AD_ATTR_ANI                 "interaction.voice:ANI"
#define AD_ATTR_DNIS                "interaction.voice:DNIS"
#define AD_ATTR_PHONE_NUMBER        "interaction.voice:phoneNumber"
#define AD_ATTR_DURATION            "interaction.voice:duration"
#define AD_ATTR_ACTIONS_POSSIBLE    "interaction.voice:actionsPossible"
#define AD_ATTR_PARTIES             "interaction.voice:parties"
#define AD_ATTR_MUTED               "interaction.voice:muted"
#define AD_ATTR_CALL_TYPE           "interaction.voice:callType"
#define AD_ATTR_T_EVENT_EXTENSIONS  "interaction.voice:TEventExtensions"
#define AD_ATTR_T_EVENT_REASONS     "interaction.voice:TEventReasons"

#define AD_ATTR_VOICE_PREFIX        "interaction.voice:"
#define AD_ATTR_VOICE_ALL           "interaction.voice:*"

#define AD_AGENT_ATTR_AGENT_ID             "agent:agentId"
#define AD_AGENT_ATTR_NAME                 "agent:name"
#define AD_AGENT_ATTR_STATUS               "agent:status"
#define AD_AGENT_ATTR_PLACE_ID             "agent:placeId"
#define AD_AGENT_ATTR_REASON_CODE          "agent:reasonCode"
#define AD_AGENT_ATTR_STATUS_SINCE         "agent:statusSince"
#define AD_AGENT_ATTR_DNS_ACTIONS_POSSIBLE "agent:dnsActionsPossible"

#define AD_DNS_ACTION_CREATE_INTERACTION   "CREATE_INTERACTION"
