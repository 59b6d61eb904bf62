/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A contact center's configuration is JSON (docs/call-model.md, "Config"):
 * {"serviceLevelSeconds", "afterCallWork", "places", "queues", "agents",
 *  "supervisors", "reasonCodes", "dispositions"}. AdCallCenter reads it once
 * it has been validated here. */

/* Checks types, required fields, unique ids and numbers and every cross
 * reference; AD_ERROR_INVALID_REQUEST naming the bad field otherwise. */
gboolean    ad_center_config_validate (JsonObject  *config,
                                       GError     **error);

/* The contract's demo contact center, as configuration. */
JsonObject *ad_center_config_new_demo (void);

#define AD_CENTER_DEMO_AGENTS     10
/* DNs 1001… stay below the route points 8000…8019. */
#define AD_CENTER_DEMO_MAX_AGENTS 6999

/* A demo center of @n_agents (clamped to 1…AD_CENTER_DEMO_MAX_AGENTS):
 * up to ten it is the contract's (its first @n_agents agents); larger, the
 * agents agent1… (the first ten the contract's) spread over twenty queues
 * (sales/8000, support/8001, billing/8002 …), two queues each, with
 * after-call work. Places and DNs as in the contract: place1001/1001 … */
JsonObject *ad_center_config_new_demo_sized (guint n_agents);

G_END_DECLS
