/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ad-switch-server.h"

G_BEGIN_DECLS

/* Demo mode: the switch in-process with the demo contact center, brought to
 * life by simulated callers and colleague agents.
 *
 * ad_demo_start_async() starts an AdSwitchServer on 127.0.0.1 (a free port,
 * sim API on) and signs the colleagues agent2 … agent10 in over HTTP, each
 * through its own AdSession (AdDemoColleague). agent1 is left for the user.
 *
 * While "simulation-enabled":
 * - a caller rings the sales (60 %) or support (40 %) queue every
 *   "call-interval-seconds" on average (each gap drawn between half and
 *   one and a half times the interval), with attached data
 *   (AdDemoCaller); a caller still waiting after 30–120 s hangs up, and one
 *   in three hangs up after talking 20–150 s (every caller has hung up
 *   after 10 minutes);
 * - the colleagues arrive one by one over the first 5–25 s (on a break
 *   till then), so the first caller reaches agent1;
 * - only some colleagues are on shift (Ready or on a queue call): one per
 *   call a minute (three at the default interval of 20 s), at least two,
 *   so they take most queue calls but agent1 gets its share; after each
 *   call a colleague on shift takes a break (Not ready with a reason code,
 *   20–90 s) with a probability of 1 in 4, and a colleague whose break
 *   ends takes a free place on shift or stays on break.
 * Turning it off stops the callers and sends every colleague Not ready once
 * its calls are done; calls in progress go on, and colleagues still answer
 * calls ringing their own DN (consultations, transfers), so the user can
 * practise with them.
 *
 * Properties:
 *   "simulation-enabled"    gboolean (read/write, default TRUE)
 *   "call-interval-seconds" guint (read/write, 1–3600, default 20)
 *   "seed"                  guint (construct-only; 0 picks one at random):
 *                           the same seed draws the same callers and delays
 *   "base-url"              string or NULL (read-only) once started
 *   "calls-placed"          guint (read-only): simulated calls so far */

#define AD_TYPE_DEMO (ad_demo_get_type ())

G_DECLARE_FINAL_TYPE (AdDemo, ad_demo, AD, DEMO, GObject)

AdDemo         *ad_demo_new                       (void);
void            ad_demo_start_async               (AdDemo              *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        ad_demo_start_finish              (AdDemo              *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* "http://127.0.0.1:PORT" once started, else NULL. */
const char     *ad_demo_get_base_url              (AdDemo              *self);
/* The switch, once started. */
AdSwitchServer *ad_demo_get_server                (AdDemo              *self);
gboolean        ad_demo_get_simulation_enabled    (AdDemo              *self);
void            ad_demo_set_simulation_enabled    (AdDemo              *self,
                                                   gboolean             enabled);
guint           ad_demo_get_call_interval_seconds (AdDemo              *self);
void            ad_demo_set_call_interval_seconds (AdDemo              *self,
                                                   guint                seconds);
guint           ad_demo_get_calls_placed          (AdDemo              *self);

G_END_DECLS
