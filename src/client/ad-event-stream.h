/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ad-client.h"
#include "ad-client-enums.h"

G_BEGIN_DECLS

/* Reads one subscription's event stream in the main loop. When the stream
 * ends, fails or stays silent longer than "keepalive-timeout-ms" (the
 * switch sends a keepalive at least every 15 s) it reconnects after an
 * exponential backoff with jitter, sending Last-Event-ID, and then emits
 * "reconnected". A ResyncRequired event, or an id that skips one, emits
 * "resync-required": the owner refetches its state. When the switch no
 * longer knows the subscription (404) or the token (401), it stops and
 * emits "failed" with that error, for the owner to subscribe again. When
 * the switch's certificate is refused (AD_ERROR_CERTIFICATE), which no
 * retry mends, it stops and emits "failed" too.
 *
 * Properties:
 *   "client"               AdClient *          construct-only
 *   "subscription-id"      char *              construct-only
 *   "state"                AdConnectionState   read-only, notifies
 *   "last-event-id"        char *              read-only (what is resumed from)
 *   "keepalive-timeout-ms" guint               default 45000
 *   "backoff-initial-ms"   guint               default 500
 *   "backoff-max-ms"       guint               default 30000
 * Signals:
 *   "event"           (const char *type, const char *data, const char *id)
 *   "reconnected"     ()   — the stream is back after a drop
 *   "resync-required" ()   — events were lost: refetch
 *   "failed"          (GError *error) — stopped for good
 */

#define AD_TYPE_EVENT_STREAM (ad_event_stream_get_type ())

G_DECLARE_FINAL_TYPE (AdEventStream, ad_event_stream, AD, EVENT_STREAM, GObject)

AdEventStream     *ad_event_stream_new              (AdClient      *client,
                                                     const char    *subscription_id);
const char        *ad_event_stream_get_subscription_id (AdEventStream *self);
AdConnectionState  ad_event_stream_get_state        (AdEventStream *self);
const char        *ad_event_stream_get_last_event_id (AdEventStream *self);
void               ad_event_stream_set_keepalive_timeout (AdEventStream *self,
                                                     guint          timeout_ms);
void               ad_event_stream_set_backoff      (AdEventStream *self,
                                                     guint          initial_ms,
                                                     guint          max_ms);
/* Connects (state goes RECONNECTING until the first 200). */
void               ad_event_stream_start            (AdEventStream *self);
/* Closes the stream for good (state OFFLINE); no signal follows. */
void               ad_event_stream_stop             (AdEventStream *self);

G_END_DECLS
