/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "agentdesk-client.h"

G_BEGIN_DECLS

/* The agent's state in the header bar ("Ringing" rather than "On a call"
 * while a call only rings at the agent: the label follows the session's
 * interactions' statuses), with the time in that state, and
 * the menu that changes it: Ready, Not ready (with the session's reason
 * codes), After-call work, and Log out. The items activate
 * win.agent-state ("ready", "not-ready", "not-ready:CODE",
 * "after-call-work"; its state marks the current one) and win.sign-out.
 * The button is insensitive while the session is not CONNECTED, since
 * nothing it offers could reach the switch then (win.sign-out stays in
 * the window's main menu).
 *
 * Properties: "session" (AdSession or NULL, read/write). */

#define AD_TYPE_AGENT_STATUS_BUTTON (ad_agent_status_button_get_type ())

G_DECLARE_FINAL_TYPE (AdAgentStatusButton, ad_agent_status_button, AD, AGENT_STATUS_BUTTON, AdwBin)

AdSession *ad_agent_status_button_get_session (AdAgentStatusButton *self);
void       ad_agent_status_button_set_session (AdAgentStatusButton *self,
                                               AdSession           *session);
/* Brings the time in state up to now; the window calls it every second. */
void       ad_agent_status_button_tick        (AdAgentStatusButton *self);
/* The win.agent-state value of @agent's state. */
char      *ad_agent_status_button_state_for   (AdAgent             *agent);

G_END_DECLS
