/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "agentdesk-client.h"

G_BEGIN_DECLS

/* How the desktop names the contract's values to people: translated
 * labels, icons and clock-style durations, shared by every widget that
 * shows an interaction or an agent. */

const char *ad_format_interaction_status      (AdInteractionStatus  status);
const char *ad_format_interaction_status_icon (AdInteractionStatus  status);
const char *ad_format_call_type               (AdCallType           type);
const char *ad_format_agent_status            (AdAgentStatus        status);
/* The agent's state as the agent sees it, given its interactions (a
 * GListModel of AdInteraction, or NULL): the switch reports the agent BUSY
 * as soon as a call rings at it, but until one of its calls is dialed or
 * established the agent is only being rung ("Ringing"). */
const char *ad_format_agent_activity          (AdAgentStatus        status,
                                               GListModel          *interactions);
const char *ad_format_party_role              (AdPartyRole          role);
/* "0:42", "12:05", "1:02:03". */
char       *ad_format_duration                (guint                seconds);
/* The same in words for screen readers, its two largest units:
 * "42 seconds", "12 minutes, 5 seconds", "1 hour, 2 minutes". */
char       *ad_format_duration_spoken         (guint                seconds);
/* The other end of the call as the agent thinks of it: the caller's number
 * for an inbound call, the dialed number otherwise. */
char       *ad_format_interaction_peer        (AdInteraction       *interaction);
/* The label of @code in @codes (a GListModel of AdCode), or @code. */
const char *ad_format_code_label              (GListModel          *codes,
                                               const char          *code);

G_END_DECLS
