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

AdBoardAgent      *ad_board_agent_new             (const char   *id);
/* Applies a GET /agents directory entry ("name", "status", "reasonCode",
 * "statusSince", "queues", "currentCall"); returns the fields that
 * changed. */
AdBoardAgentFields ad_board_agent_apply_directory (AdBoardAgent *self,
                                                   JsonObject   *entry);
/* Applies the attributes of an AgentEvent ("agent:status" …); returns
 * the fields that changed. */
AdBoardAgentFields ad_board_agent_apply_dto       (AdBoardAgent *self,
                                                   JsonObject   *dto);
/* TRUE when it changed. */
gboolean           ad_board_agent_set_reason_label (AdBoardAgent *self,
                                                   const char   *label);

G_END_DECLS
