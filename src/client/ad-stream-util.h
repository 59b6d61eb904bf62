/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What AdSession and AdWallboard do alike with a subscription: describe
 * its topics, and follow its event stream — refetching what a reconnect or
 * a ResyncRequired may have lost, starting over when the stream fails. */

#include <json-glib/json-glib.h>

#include "ad-event-stream.h"

G_BEGIN_DECLS

/* One entry of a subscription's "topics": @service's @event for the
 * trigger @trigger_key (with @trigger_value unless NULL). @attributes
 * (NULL-terminated) names what the events carry; NULL leaves it to the
 * switch. */
JsonObject    *ad_stream_topic_new (const char         *service,
                                    const char         *event,
                                    const char * const *attributes,
                                    const char         *trigger_key,
                                    const char         *trigger_value);

/* Starts following the stream of @subscription_id, with @owner as the
 * handlers' user data: @on_event gets "event", @on_refetch both
 * "reconnected" and "resync-required" (events may have been missed: the
 * owner fetches its state again), @on_failed "failed" and @on_state
 * "notify::state". @keepalive_timeout_ms 0 keeps the stream's default. */
AdEventStream *ad_stream_follow    (AdClient           *client,
                                    const char         *subscription_id,
                                    guint               keepalive_timeout_ms,
                                    guint               backoff_initial_ms,
                                    guint               backoff_max_ms,
                                    GCallback           on_event,
                                    GCallback           on_refetch,
                                    GCallback           on_failed,
                                    GCallback           on_state,
                                    gpointer            owner);
/* Stops following *@stream (if any): @owner hears nothing more of it, it
 * is closed and *@stream cleared. */
void           ad_stream_drop      (AdEventStream     **stream,
                                    gpointer            owner);

G_END_DECLS
