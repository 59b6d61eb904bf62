/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "agentdesk-client.h"

G_BEGIN_DECLS

/* One simulated colleague of demo mode: an agent signed in to the switch
 * through its own AdSession over HTTP, exactly as a desktop would be, that
 * works the calls ringing it. It answers a ringing call after a short delay
 * (1–2 s for a call from another agent, a consultation or a transfer; 2–4 s
 * for a queue call), talks a while, then leaves the conference or releases,
 * wraps up in after-call work and marks the call done with a disposition.
 * When it has no call left it emits "available": its owner (AdDemo) then
 * decides whether it goes Ready or takes a break.
 *
 * Properties: "session" (AdSession, read-only), "busy" (gboolean,
 * read-only: it has interactions).
 * Signals: "available" () — no interactions left, or the break is over. */

#define AD_TYPE_DEMO_COLLEAGUE (ad_demo_colleague_get_type ())

G_DECLARE_FINAL_TYPE (AdDemoColleague, ad_demo_colleague, AD, DEMO_COLLEAGUE, GObject)

AdDemoColleague *ad_demo_colleague_new          (const char          *base_url,
                                                 const char          *agent_id,
                                                 const char          *place_id,
                                                 guint32              seed);
AdSession       *ad_demo_colleague_get_session  (AdDemoColleague     *self);
gboolean         ad_demo_colleague_get_busy     (AdDemoColleague     *self);

/* Signs in (password "demo") and logs the agent in on its place. */
void             ad_demo_colleague_start_async  (AdDemoColleague     *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean         ad_demo_colleague_start_finish (AdDemoColleague     *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Ready for queue calls. */
void             ad_demo_colleague_go_ready     (AdDemoColleague     *self);
/* Not ready with @reason_code (may be NULL); with @seconds > 0 the break
 * ends after that long with "available". */
void             ad_demo_colleague_take_break   (AdDemoColleague     *self,
                                                 const char          *reason_code,
                                                 guint                seconds);

G_END_DECLS
