/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One queue's figures as the switch last sent them (a QueueEvent of the
 * StatisticsService, or GET /api/v1/queues); docs/call-model.md, "Queue
 * statistics", says how the switch computes each. Every property notifies
 * only when its value really changes.
 *
 * Properties (read-only):
 *   "name"                             string  the queue
 *   "calls-waiting"                    guint   callsWaiting
 *   "oldest-wait-seconds"              guint   oldestWaitSeconds
 *   "answered"                         guint   answered
 *   "abandoned"                        guint   abandoned
 *   "service-level-percent"            guint   serviceLevelPercent
 *   "average-speed-of-answer-seconds"  guint   averageSpeedOfAnswerSeconds
 *   "agents-ready"                     guint   agentsReady
 *   "agents-busy"                      guint   agentsBusy
 *   "agents-not-ready"                 guint   agentsNotReady
 *   "agents-after-call-work"           guint   agentsAfterCallWork
 */

#define AD_TYPE_QUEUE_STATS (ad_queue_stats_get_type ())

G_DECLARE_FINAL_TYPE (AdQueueStats, ad_queue_stats, AD, QUEUE_STATS, GObject)

const char *ad_queue_stats_get_name                  (AdQueueStats *self);
guint       ad_queue_stats_get_calls_waiting         (AdQueueStats *self);
guint       ad_queue_stats_get_oldest_wait_seconds   (AdQueueStats *self);
guint       ad_queue_stats_get_answered              (AdQueueStats *self);
guint       ad_queue_stats_get_abandoned             (AdQueueStats *self);
guint       ad_queue_stats_get_service_level_percent (AdQueueStats *self);
guint       ad_queue_stats_get_average_speed_of_answer_seconds (AdQueueStats *self);
guint       ad_queue_stats_get_agents_ready          (AdQueueStats *self);
guint       ad_queue_stats_get_agents_busy           (AdQueueStats *self);
guint       ad_queue_stats_get_agents_not_ready      (AdQueueStats *self);
guint       ad_queue_stats_get_agents_after_call_work (AdQueueStats *self);

G_END_DECLS
