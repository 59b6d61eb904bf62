/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ad-board-agent.h"
#include "ad-board-ticker.h"

G_BEGIN_DECLS

/* One agent on the wallboard's grid: name, state (a color and its name),
 * the reason code, the time in state, and the current call's direction and
 * duration. Times move on with the board's AdBoardTicker; a card in a state
 * other than Ready for longer than the time-in-state alarm turns to the
 * alarm style. A list item's card: "agent" changes as rows are recycled. */

#define AD_TYPE_AGENT_CARD (ad_agent_card_get_type ())

G_DECLARE_FINAL_TYPE (AdAgentCard, ad_agent_card, AD, AGENT_CARD, AdwBin)

GtkWidget    *ad_agent_card_new       (AdBoardTicker *ticker);
AdBoardAgent *ad_agent_card_get_agent (AdAgentCard   *self);
void          ad_agent_card_set_agent (AdAgentCard   *self,
                                       AdBoardAgent  *agent);

G_END_DECLS
