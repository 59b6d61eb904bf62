/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The simulated outside world of demo mode: who calls, about what.
 *
 * ad_demo_caller_new_inbound() returns the body of a simulated inbound
 * call ({"ani", "queue", "attachedData"}, as POST /sim/inbound takes it):
 * a plausible phone number and the attached data an IVR would have
 * collected — customer name, account number, order id (sales), language,
 * topic, priority and segment. Everything is drawn from @rand, so a seeded
 * GRand gives the same callers every run. */

JsonObject *ad_demo_caller_new_inbound (GRand      *rand,
                                        const char *queue);

G_END_DECLS
