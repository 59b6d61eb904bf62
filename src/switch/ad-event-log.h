/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The switch's recent events, kept once for every subscription: each
 * subscription numbers the events it matched and remembers which logged
 * event each of its numbers stands for, so a stream that resumes with
 * Last-Event-ID is replayed from here. Bounded switch-wide in events,
 * bytes and age, so memory does not grow with the number of
 * subscriptions nor with time. */

#define AD_TYPE_EVENT_LOG (ad_event_log_get_type ())

G_DECLARE_FINAL_TYPE (AdEventLog, ad_event_log, AD, EVENT_LOG, GObject)

typedef enum {
  AD_EVENT_KIND_INTERACTION,  /* InteractionService / InteractionEvent */
  AD_EVENT_KIND_AGENT,        /* AgentService / AgentEvent */
  AD_EVENT_KIND_QUEUE,        /* StatisticsService / QueueEvent */
  AD_EVENT_KIND_RESYNC,       /* ResyncRequired, for one subscription */
} AdEventKind;

/* What an event is about, for trigger matching; NULL where it does not
 * apply. */
typedef struct {
  const char *agent_id;
  const char *place_id;
  const char *dn_id;
  const char *queue;
} AdEventKeys;

typedef struct {
  guint64      seq;
  const char  *event_name;  /* static */
  AdEventKind  kind;
  AdEventKeys  keys;
  const char  *data;        /* one line of JSON, with every attribute */
} AdLoggedEvent;

/* @max_age_ms: 0 keeps events for as long as the other bounds allow. */
AdEventLog          *ad_event_log_new          (guint              max_events,
                                                gsize              max_bytes,
                                                guint              max_age_ms);
/* Logs an event and returns its sequence number (1, 2, 3 …), forgetting
 * the oldest events past the bounds. @event_name must be static. */
guint64              ad_event_log_append       (AdEventLog        *self,
                                                const char        *event_name,
                                                AdEventKind        kind,
                                                const AdEventKeys *keys,
                                                const char        *data);
/* Forgets the events older than the age bound; append does it too. */
void                 ad_event_log_expire       (AdEventLog        *self);
/* The event @seq, or NULL when it has been forgotten or never was; valid
 * until the next append. */
const AdLoggedEvent *ad_event_log_lookup       (AdEventLog        *self,
                                                guint64            seq);
guint                ad_event_log_get_n_events (AdEventLog        *self);
/* The bytes the logged events take, as counted against the bound. */
gsize                ad_event_log_get_size     (AdEventLog        *self);

G_END_DECLS
