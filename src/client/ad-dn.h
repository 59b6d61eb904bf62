/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A DN of the agent's place (AdAgent:dns).
 *
 * Properties (read-only, notify on change): "id" (string, dnId), "number"
 * (string), "can-create-interaction" (gboolean: CREATE_INTERACTION is in
 * agent:dnsActionsPossible for this DN — the New call button's state). */

#define AD_TYPE_DN (ad_dn_get_type ())

G_DECLARE_FINAL_TYPE (AdDn, ad_dn, AD, DN, GObject)

const char *ad_dn_get_id                     (AdDn *self);
const char *ad_dn_get_number                 (AdDn *self);
gboolean    ad_dn_get_can_create_interaction (AdDn *self);

G_END_DECLS
