/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ad-board-ticker.h"
#include "ad-queue-stats.h"

G_BEGIN_DECLS

/* One queue on the wallboard: calls waiting, the oldest wait, service
 * level, average speed of answer, answered, abandoned and its agents by
 * state. The tile and the figure at fault turn to the alarm style when the
 * service level is below target or a call has waited past the alarm (the
 * thresholds of the board's AdBoardTicker).
 *
 * Properties:
 *   "alarm" gboolean (read-only) whether the tile shows an alarm now */

#define AD_TYPE_QUEUE_TILE (ad_queue_tile_get_type ())

G_DECLARE_FINAL_TYPE (AdQueueTile, ad_queue_tile, AD, QUEUE_TILE, AdwBin)

GtkWidget    *ad_queue_tile_new       (AdBoardTicker *ticker,
                                       AdQueueStats  *queue);
AdQueueStats *ad_queue_tile_get_queue (AdQueueTile   *self);
/* Whether the tile shows an alarm now. */
gboolean      ad_queue_tile_get_alarm (AdQueueTile   *self);
/* The queue's name as the tile shows it ("Billing"). */
const char   *ad_queue_tile_get_title (AdQueueTile   *self);

G_END_DECLS
