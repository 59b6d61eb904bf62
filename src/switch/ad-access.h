/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ad-auth.h"
#include "ad-call-center.h"

G_BEGIN_DECLS

/* Who may touch what: an agent its own agent, place, DNs and interactions;
 * a supervisor everything. Each check fails with NOT_FOUND for an id that
 * does not exist (checked first) and FORBIDDEN for someone else's. */

gboolean ad_access_require_supervisor (const AdAuthSession  *who,
                                       GError              **error);
gboolean ad_access_check_agent        (AdCallCenter         *center,
                                       const AdAuthSession  *who,
                                       const char           *agent_id,
                                       GError              **error);
gboolean ad_access_check_place        (AdCallCenter         *center,
                                       const AdAuthSession  *who,
                                       const char           *place_id,
                                       GError              **error);
gboolean ad_access_check_dn           (AdCallCenter         *center,
                                       const AdAuthSession  *who,
                                       const char           *dn_id,
                                       GError              **error);
gboolean ad_access_check_interaction  (AdCallCenter         *center,
                                       const AdAuthSession  *who,
                                       const char           *interaction_id,
                                       GError              **error);
gboolean ad_access_check_queue        (AdCallCenter         *center,
                                       const AdAuthSession  *who,
                                       const char           *queue,
                                       GError              **error);

G_END_DECLS
