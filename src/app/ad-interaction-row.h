/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "agentdesk-client.h"

G_BEGIN_DECLS

/* One interaction in the call list: status icon, the other party, call
 * type and status, muted, and the duration ticking.
 *
 * Properties: "interaction" (AdInteraction or NULL, read/write). */

#define AD_TYPE_INTERACTION_ROW (ad_interaction_row_get_type ())

G_DECLARE_FINAL_TYPE (AdInteractionRow, ad_interaction_row, AD, INTERACTION_ROW, GtkWidget)

AdInteraction *ad_interaction_row_get_interaction (AdInteractionRow *self);
void           ad_interaction_row_set_interaction (AdInteractionRow *self,
                                                   AdInteraction    *interaction);

G_END_DECLS
