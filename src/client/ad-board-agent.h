/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ad-common.h"

G_BEGIN_DECLS

/* One agent as a supervisor's board shows it, from AgentEvents and the
 * directory. Every property notifies only when its value really changes.
 *
 * Properties (read-only):
 *   "id"                   string         agent:agentId
 *   "name"                 string         agent:name
 *   "status"               AdAgentStatus  agent:status
 *   "reason-code"          string or NULL agent:reasonCode
 *   "reason-label"         string or NULL the center's label of the reason
 *                                         code (GET /api/v1/center), NULL
 *                                         when it has none
 *   "status-since"         gint64         agent:statusSince, Unix seconds (0: unknown)
 *   "queues"               GStrv          agent:queues
 *   "call-type"            AdCallType     agent:currentCall's callType
 *                                         (UNKNOWN: no call)
 *   "call-established-at"  gint64         agent:currentCall's establishedAt,
 *                                         Unix seconds (0: not talking yet)
 */

/* What an update of an agent changed. */
typedef enum {
  AD_BOARD_AGENT_FIELD_NONE         = 0,
  AD_BOARD_AGENT_FIELD_NAME         = 1 << 0,
  AD_BOARD_AGENT_FIELD_STATUS       = 1 << 1,
  AD_BOARD_AGENT_FIELD_LOGGED_IN    = 1 << 2,  /* logged in or out */
  AD_BOARD_AGENT_FIELD_STATUS_SINCE = 1 << 3,
  AD_BOARD_AGENT_FIELD_QUEUES       = 1 << 4,
  AD_BOARD_AGENT_FIELD_REASON       = 1 << 5,
  AD_BOARD_AGENT_FIELD_CALL         = 1 << 6,
} AdBoardAgentFields;

#define AD_TYPE_BOARD_AGENT (ad_board_agent_get_type ())

G_DECLARE_FINAL_TYPE (AdBoardAgent, ad_board_agent, AD, BOARD_AGENT, GObject)

const char         *ad_board_agent_get_id                  (AdBoardAgent *self);
const char         *ad_board_agent_get_name                (AdBoardAgent *self);
AdAgentStatus       ad_board_agent_get_status              (AdBoardAgent *self);
const char         *ad_board_agent_get_reason_code         (AdBoardAgent *self);
const char         *ad_board_agent_get_reason_label        (AdBoardAgent *self);
gint64              ad_board_agent_get_status_since        (AdBoardAgent *self);
const char * const *ad_board_agent_get_queues              (AdBoardAgent *self);
gboolean            ad_board_agent_has_queue               (AdBoardAgent *self,
                                                            const char   *queue);
AdCallType          ad_board_agent_get_call_type           (AdBoardAgent *self);
gint64              ad_board_agent_get_call_established_at (AdBoardAgent *self);

G_END_DECLS
