/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What AdWallboard tells the board's item classes; not for widgets. */

#include <json-glib/json-glib.h>

#include "ad-board-agent.h"
#include "ad-queue-stats.h"

G_BEGIN_DECLS

AdQueueStats *ad_queue_stats_new        (const char   *name);
/* Applies the figures present in a QueueEvent body. */
void          ad_queue_stats_apply_json (AdQueueStats *self,
                                         JsonObject   *object);

/* What an update changed, as far as sorting and filtering care. */
typedef enum {
  AD_BOARD_AGENT_CHANGED_NOTHING = 0,
  AD_BOARD_AGENT_CHANGED_SHOWN   = 1 << 0,  /* call, reason code: redraw only */
  AD_BOARD_AGENT_CHANGED_ORDER   = 1 << 1,  /* name, status, since, queues */
} AdBoardAgentChange;

AdBoardAgent      *ad_board_agent_new             (const char   *id);
/* Applies a GET /agents directory entry ("name", "status", "reasonCode",
 * "statusSince", "queues", "currentCall"). */
AdBoardAgentChange ad_board_agent_apply_directory (AdBoardAgent *self,
                                                   JsonObject   *entry);
/* Applies the attributes of an AgentEvent ("agent:status" …). */
AdBoardAgentChange ad_board_agent_apply_dto       (AdBoardAgent *self,
                                                   JsonObject   *dto);
/* TRUE when it changed. */
gboolean           ad_board_agent_set_reason_label (AdBoardAgent *self,
                                                   const char   *label);

G_END_DECLS
