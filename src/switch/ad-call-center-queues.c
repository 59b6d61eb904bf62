/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdCallCenter"

#include "config.h"

#include "ad-call-center-private.h"

/* The queues of AdCallCenter: the calls waiting in them, the router that
 * gives them to READY agents and the statistics (docs/call-model.md,
 * "Routing" and "Queue statistics"). */

/* Waiting calls and their statistics */

static gboolean
within_service_level (AdCallCenter *self,
                      gint64        wait_us)
{
  return wait_us <= (gint64) self->service_level_seconds * G_USEC_PER_SEC;
}

/* The call left its queue's statistics: answered by an agent, or the caller
 * gave up (hung up while waiting or while an agent's DN rang). */
void
cc_settle_queue_stats (AdCallCenter *self,
                       CcCall       *call,
                       gboolean      answered)
{
  CcQueue *queue = call->stats_queue;
  gint64 wait_us;

  if (queue == NULL)
    return;

  wait_us = cc_now_us (self) - call->queued_at;
  if (answered)
    {
      queue->answered++;
      queue->answer_wait_us += wait_us;
      if (within_service_level (self, wait_us))
        queue->answered_in_time++;
    }
  else
    {
      queue->abandoned++;
      if (!within_service_level (self, wait_us))
        queue->abandoned_late++;
    }
  call->stats_queue = NULL;
  cc_emit_queue_changed (self, queue);
}

void
cc_dequeue_call (AdCallCenter *self,
                 CcCall       *call)
{
  CcQueue *queue = call->queue;

  if (queue == NULL)
    return;
  g_queue_delete_link (&queue->waiting, call->queue_link);
  call->queue_link = NULL;
  call->queue = NULL;
  cc_emit_queue_changed (self, queue);
}

static gboolean
on_wait_tick (gpointer data)
{
  AdCallCenter *self = data;
  gboolean waiting = FALSE;

  for (guint i = 0; i < self->queues->len; i++)
    {
      CcQueue *queue = g_ptr_array_index (self->queues, i);

      if (queue->waiting.length > 0)
        {
          cc_emit_queue_changed (self, queue);
          waiting = TRUE;
        }
    }
  if (waiting)
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&self->wait_tick, g_source_unref);
  return G_SOURCE_REMOVE;
}

void
cc_enqueue_call (AdCallCenter *self,
                 CcCall       *call,
                 CcQueue      *queue)
{
  call->queue = queue;
  call->stats_queue = queue;
  call->queued_at = cc_now_us (self);
  g_queue_push_tail (&queue->waiting, call);
  call->queue_link = queue->waiting.tail;
  cc_emit_queue_changed (self, queue);
  cc_schedule_routing (self);

  if (self->wait_tick == NULL)
    {
      self->wait_tick = g_timeout_source_new_seconds (1);
      g_source_set_callback (self->wait_tick, on_wait_tick, self, NULL);
      g_source_attach (self->wait_tick, self->context);
    }
}

/* Routing */

static void
route_call (AdCallCenter *self,
            CcQueue      *queue,
            CcCall       *call,
            CcAgent      *agent)
{
  CcDestination dest = { MEMBER_LEG, NULL, g_ptr_array_index (agent->place->dns, 0), NULL };
  CcMember *route_point = NULL;

  dest.number = dest.dn->number;
  for (guint i = 0; i < call->members->len && route_point == NULL; i++)
    if (((CcMember *) g_ptr_array_index (call->members, i))->kind == MEMBER_ROUTE_POINT)
      route_point = g_ptr_array_index (call->members, i);

  g_debug ("Routing call %s from %s to %s", call->call_id, queue->name, agent->agent_id);
  cc_dequeue_call (self, call);
  cc_replace_member (self, route_point, &dest);
}

static gboolean
on_route (gpointer data)
{
  AdCallCenter *self = data;

  g_clear_pointer (&self->route_source, g_source_unref);
  for (guint i = 0; i < self->queues->len; i++)
    {
      CcQueue *queue = g_ptr_array_index (self->queues, i);

      /* Ringing an agent makes it BUSY, which takes it off the ready lists. */
      while (queue->waiting.length > 0 && queue->ready.length > 0)
        route_call (self, queue, g_queue_peek_head (&queue->waiting), g_queue_peek_head (&queue->ready));
    }
  return G_SOURCE_REMOVE;
}

/* Routing runs from the main loop, never inside a change that is still
 * being applied: an agent turning READY in the middle of a release must
 * not get a new call before the release's events are out. */
void
cc_schedule_routing (AdCallCenter *self)
{
  if (self->route_source == NULL)
    self->route_source = cc_schedule (self, 0, on_route, self);
}

/* Public API */

JsonObject *
ad_call_center_get_queue_stats (AdCallCenter  *self,
                                const char    *queue_name,
                                GError       **error)
{
  CcQueue *queue;
  JsonObject *stats;
  CcCall *oldest;
  guint settled;

  g_return_val_if_fail (AD_IS_CALL_CENTER (self), NULL);

  queue = cc_lookup (self->queue_by_name, queue_name, "queue", AD_ERROR_NOT_FOUND, error);
  if (queue == NULL)
    return NULL;

  oldest = g_queue_peek_head (&queue->waiting);
  settled = queue->answered + queue->abandoned_late;
  stats = json_object_new ();
  json_object_set_string_member (stats, "queue", queue->name);
  json_object_set_int_member (stats, "callsWaiting", queue->waiting.length);
  json_object_set_int_member (stats, "oldestWaitSeconds",
                              oldest ? MAX (0, cc_now_us (self) - oldest->queued_at) / G_USEC_PER_SEC : 0);
  json_object_set_int_member (stats, "answered", queue->answered);
  json_object_set_int_member (stats, "abandoned", queue->abandoned);
  /* Whole percents, rounded half up (docs/call-model.md). */
  json_object_set_int_member (stats, "serviceLevelPercent",
                              settled > 0 ? (100 * queue->answered_in_time + settled / 2) / settled : 100);
  json_object_set_int_member (stats, "averageSpeedOfAnswerSeconds",
                              queue->answered > 0
                                ? (queue->answer_wait_us / queue->answered + G_USEC_PER_SEC / 2) / G_USEC_PER_SEC
                                : 0);
  json_object_set_int_member (stats, "agentsReady", queue->agents[AD_AGENT_STATUS_READY]);
  json_object_set_int_member (stats, "agentsBusy", queue->agents[AD_AGENT_STATUS_BUSY]);
  json_object_set_int_member (stats, "agentsNotReady", queue->agents[AD_AGENT_STATUS_NOT_READY]);
  json_object_set_int_member (stats, "agentsAfterCallWork",
                              queue->agents[AD_AGENT_STATUS_AFTER_CALL_WORK]);
  return stats;
}
