/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ad-common.h"

G_BEGIN_DECLS

/* One entry of interaction.voice:parties. Immutable: when the parties
 * change, AdInteraction:parties (a GListModel of AdParty) is spliced.
 *
 * Properties (read-only): "number" (string), "agent-id" (string or NULL for
 * an outside party), "role" (AdPartyRole, AD_TYPE_PARTY_ROLE). */

#define AD_TYPE_PARTY (ad_party_get_type ())

G_DECLARE_FINAL_TYPE (AdParty, ad_party, AD, PARTY, GObject)

AdParty     *ad_party_new          (const char  *number,
                                    const char  *agent_id,
                                    AdPartyRole  role);
const char  *ad_party_get_number   (AdParty     *self);
const char  *ad_party_get_agent_id (AdParty     *self);
AdPartyRole  ad_party_get_role     (AdParty     *self);
gboolean     ad_party_equal        (AdParty     *a,
                                    AdParty     *b);

G_END_DECLS
