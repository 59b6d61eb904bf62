/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ad-call-center.h"

G_BEGIN_DECLS

/* A busy contact center for demos and benchmarks: drives every agent of an
 * AdCallCenter through its API as people would — logging in, going READY,
 * taking breaks (NOT_READY with a reason code), answering the calls that
 * ring after a moment, talking, releasing (or being hung up on), marking
 * done, wrapping up in AFTER_CALL_WORK — while simulated callers ring the
 * queues at a steady average rate and give up when they have waited too
 * long. Times are drawn from exponential distributions around the means
 * below; one timer drives everything, whatever the number of agents.
 *
 * Properties:
 *   "call-center"       AdCallCenter *  construct-only
 *   "calls-per-minute"  double          callers arriving, over every queue
 *                                       (0: what the staffing handles at
 *                                       about 90 % occupancy)
 *   "pace"              double          1: real time; 2: everything twice
 *                                       as fast (and twice as many calls)
 *   "seed"              guint           construct-only; same seed, same
 *                                       choices
 */

#define AD_TYPE_SIM_CROWD (ad_sim_crowd_get_type ())

G_DECLARE_FINAL_TYPE (AdSimCrowd, ad_sim_crowd, AD, SIM_CROWD, GObject)

AdSimCrowd *ad_sim_crowd_new                  (AdCallCenter *center,
                                               guint         seed);
double      ad_sim_crowd_get_calls_per_minute (AdSimCrowd   *self);
void        ad_sim_crowd_set_calls_per_minute (AdSimCrowd   *self,
                                               double        calls_per_minute);
double      ad_sim_crowd_get_pace             (AdSimCrowd   *self);
void        ad_sim_crowd_set_pace             (AdSimCrowd   *self,
                                               double        pace);
/* Logs the agents in (most READY, some on a break, a few staying out) and
 * starts the callers. */
void        ad_sim_crowd_start                (AdSimCrowd   *self);
/* Stops calling and acting; agents and calls stay as they are. */
void        ad_sim_crowd_stop                 (AdSimCrowd   *self);
/* Callers sent into the queues since the start. */
guint64     ad_sim_crowd_get_n_calls          (AdSimCrowd   *self);

G_END_DECLS
