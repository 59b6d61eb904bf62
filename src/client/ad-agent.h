/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ad-common.h"
#include "ad-dn.h"

G_BEGIN_DECLS

/* An agent: the session's own (AdSession:agent) or an entry of the
 * directory (AdSession:directory). Updated from agent DTOs and AgentEvents;
 * every property notifies only when its value really changes.
 *
 * Properties (read-only):
 *   "id"            string          agent:agentId
 *   "name"          string          agent:name
 *   "status"        AdAgentStatus   agent:status (AD_TYPE_AGENT_STATUS)
 *   "reason-code"   string or NULL  agent:reasonCode (why NOT_READY)
 *   "place-id"      string or NULL  agent:placeId
 *   "status-since"  GDateTime or NULL agent:statusSince
 *   "dns"           GListModel of AdDn (the place's DNs; each DN's
 *                   can-create-interaction mirrors agent:dnsActionsPossible)
 *   "queues"        GStrv or NULL   agent:queues (extension)
 *   "current-call"  string or NULL  agent:currentCall (extension: the
 *                   interaction the agent is on, for the directory)
 *
 * Actions on the session's own agent are on AdSession (ready, not ready,
 * after-call work, logout, new call). */

#define AD_TYPE_AGENT (ad_agent_get_type ())

G_DECLARE_FINAL_TYPE (AdAgent, ad_agent, AD, AGENT, GObject)

const char          *ad_agent_get_id           (AdAgent    *self);
const char          *ad_agent_get_name         (AdAgent    *self);
AdAgentStatus        ad_agent_get_status       (AdAgent    *self);
const char          *ad_agent_get_reason_code  (AdAgent    *self);
const char          *ad_agent_get_place_id     (AdAgent    *self);
GDateTime           *ad_agent_get_status_since (AdAgent    *self);
GListModel          *ad_agent_get_dns          (AdAgent    *self);
const char * const  *ad_agent_get_queues       (AdAgent    *self);
const char          *ad_agent_get_current_call (AdAgent    *self);
/* The DN with that id, or NULL. */
AdDn                *ad_agent_lookup_dn        (AdAgent    *self,
                                                const char *dn_id);
/* Whether a new interaction may be created on @dn_id (NULL: on any DN). */
gboolean             ad_agent_can_create_interaction (AdAgent    *self,
                                                const char *dn_id);

G_END_DECLS
