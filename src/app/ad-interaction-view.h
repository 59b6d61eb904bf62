/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ad-action-bar.h"
#include "agentdesk-client.h"

G_BEGIN_DECLS

/* The details of one interaction: the other party, status and duration
 * ticking, muted, the action buttons, ANI, DNIS, call type, parties,
 * attached data (editable while the switch offers ATTACH_DATA: changes go
 * through win.attach-data), and the wrap-up (disposition and notes) that
 * win.mark-done sends. Notes and disposition are kept per interaction
 * while the view moves between calls.
 *
 * Properties: "interaction" (AdInteraction or NULL), "session" (AdSession
 * or NULL: its dispositions fill the wrap-up), both read/write. */

#define AD_TYPE_INTERACTION_VIEW (ad_interaction_view_get_type ())

G_DECLARE_FINAL_TYPE (AdInteractionView, ad_interaction_view, AD, INTERACTION_VIEW, AdwBin)

AdInteraction *ad_interaction_view_get_interaction (AdInteractionView *self);
void           ad_interaction_view_set_interaction (AdInteractionView *self,
                                                    AdInteraction     *interaction);
AdSession     *ad_interaction_view_get_session     (AdInteractionView *self);
void           ad_interaction_view_set_session     (AdInteractionView *self,
                                                    AdSession         *session);
AdActionBar   *ad_interaction_view_get_action_bar  (AdInteractionView *self);
/* The wrap-up of the shown interaction: the chosen disposition's code (or
 * NULL) and the notes (NULL when empty). */
const char    *ad_interaction_view_get_disposition (AdInteractionView *self);
char          *ad_interaction_view_dup_notes       (AdInteractionView *self);

G_END_DECLS
