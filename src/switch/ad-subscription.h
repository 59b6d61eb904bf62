/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ad-common.h"
#include "ad-event-log.h"

G_BEGIN_DECLS

/* One event subscription: its topics, the events it matched (numbered
 * 1, 2, 3 …, kept for replay in the switch's AdEventLog) and at most one
 * SSE stream. */

#define AD_TYPE_SUBSCRIPTION (ad_subscription_get_type ())

G_DECLARE_FINAL_TYPE (AdSubscription, ad_subscription, AD, SUBSCRIPTION, GObject)

typedef enum {
  AD_TRIGGER_ALL,
  AD_TRIGGER_AGENT,
  AD_TRIGGER_PLACE,
  AD_TRIGGER_DN,
  AD_TRIGGER_QUEUE,           /* extension: one queue's QueueEvents */
} AdTriggerKey;

typedef struct {
  AdTriggerKey  key;
  char         *value;        /* NULL for ALL */
} AdTrigger;

typedef struct {
  AdEventKind  kind;
  GStrv        attributes;    /* NULL: every attribute */
  GArray      *triggers;      /* of AdTrigger */
} AdTopic;

typedef struct {
  guint  replay_events;     /* of its events, those a stream may resume after */
  gsize  stream_queue_max;  /* bytes queued on a stream before it is cut */
} AdSubscriptionLimits;

/* Parses the body of POST /events/subscriptions into topics (INVALID_REQUEST
 * when malformed). Authorization is the caller's. */
GPtrArray      *ad_topics_from_json               (JsonObject                 *body,
                                                   GError                    **error);

/* @log: where the events pushed are logged, shared by the subscriptions. */
AdSubscription *ad_subscription_new               (const char                 *id,
                                                   const char                 *owner_token_hash,
                                                   const char                 *owner_agent_id,
                                                   GPtrArray                  *topics,
                                                   AdEventLog                 *log,
                                                   const AdSubscriptionLimits *limits);
const char     *ad_subscription_get_id            (AdSubscription *self);
const char     *ad_subscription_get_owner_token   (AdSubscription *self);
const char     *ad_subscription_get_owner_agent   (AdSubscription *self);
GPtrArray      *ad_subscription_get_topics        (AdSubscription *self);

/* Whether an event of @kind about @keys is wanted; if so, *@attributes is
 * the union of the matching topics' filters (NULL: everything), owned by
 * the subscription until the next call. */
gboolean        ad_subscription_match             (AdSubscription     *self,
                                                   AdEventKind         kind,
                                                   const AdEventKeys  *keys,
                                                   const char * const **attributes);
/* Numbers the logged event @seq and writes it to the stream; @data is its
 * text for this subscription (one line of JSON, restricted to the
 * attributes the subscription matched). */
void            ad_subscription_push              (AdSubscription *self,
                                                   guint64         seq,
                                                   const char     *event_name,
                                                   const char     *data);

/* Makes @msg the subscription's stream (replacing any other), answering
 * 200 text/event-stream. With @last_event_id (has_last_event_id), replays
 * what came after it, or sends ResyncRequired first when that is gone;
 * without, starts after the last event any earlier stream was given. */
void            ad_subscription_attach_stream     (AdSubscription    *self,
                                                   SoupServerMessage *msg,
                                                   gboolean           has_last_event_id,
                                                   guint64            last_event_id);
gboolean        ad_subscription_has_stream        (AdSubscription *self);
/* Closes the stream, if any (the subscription stays). */
void            ad_subscription_cut_stream        (AdSubscription *self);
/* Writes ": keepalive" on the stream, if any; cuts it instead when this is
 * the @max_stalled-th call in a row to find unwritten bytes and nothing
 * taken since the previous call. */
void            ad_subscription_keepalive         (AdSubscription *self,
                                                   guint           max_stalled);
/* Monotonic µs since which no stream has been open; 0 while one is. */
gint64          ad_subscription_get_idle_since    (AdSubscription *self);

G_END_DECLS
