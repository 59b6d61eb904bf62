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

G_END_DECLS
