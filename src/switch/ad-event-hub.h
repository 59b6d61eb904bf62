/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ad-auth.h"
#include "ad-call-center.h"
#include "ad-subscription.h"

G_BEGIN_DECLS

/* The event service: subscriptions (authorized, bounded), fed from the call
 * center's signals, with keepalives and the collection of subscriptions
 * whose stream has been gone for the linger time. */

#define AD_TYPE_EVENT_HUB (ad_event_hub_get_type ())

G_DECLARE_FINAL_TYPE (AdEventHub, ad_event_hub, AD, EVENT_HUB, GObject)

typedef struct {
  guint                keepalive_ms;   /* ": keepalive" interval */
  guint                linger_ms;      /* a subscription outlives its stream */
  guint                max_per_token;  /* subscriptions per token */
  guint                max_total;      /* subscriptions in all */
  guint                queue_event_interval_ms;  /* QueueEvents per queue */
  guint                log_events;     /* events kept for replay, switch-wide */
  gsize                log_bytes;      /* … and at most this many bytes of them */
  AdSubscriptionLimits subscription;
} AdEventHubLimits;

void            ad_event_hub_limits_init    (AdEventHubLimits    *limits);

AdEventHub     *ad_event_hub_new            (AdCallCenter           *center,
                                             AdAuth                 *auth,
                                             const AdEventHubLimits *limits);
/* POST /events/subscriptions: parses, authorizes (agents only their own
 * triggers; ALL and StatisticsService are for supervisors) and bounds. */
AdSubscription *ad_event_hub_subscribe      (AdEventHub           *self,
                                             const AdAuthSession  *who,
                                             JsonObject           *body,
                                             GError              **error);
/* The subscription @id if @who may use it (its owner or a supervisor). */
AdSubscription *ad_event_hub_lookup         (AdEventHub           *self,
                                             const AdAuthSession  *who,
                                             const char           *id,
                                             GError              **error);
void            ad_event_hub_unsubscribe    (AdEventHub           *self,
                                             AdSubscription       *subscription);
guint           ad_event_hub_get_n_subscriptions (AdEventHub      *self);
guint           ad_event_hub_get_n_streams  (AdEventHub           *self);
void            ad_event_hub_drop_streams   (AdEventHub           *self);
/* Stops listening to the call center and drops every subscription. */
void            ad_event_hub_shutdown       (AdEventHub           *self);

G_END_DECLS
