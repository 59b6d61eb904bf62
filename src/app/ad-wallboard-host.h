/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What `agentdesk --wallboard` runs: a supervisor's AdWallboard and its
 * window. With demo mode, the switch runs in this process with a large
 * demo center of "demo-agents" agents kept busy by its crowd, and the board
 * signs in as supervisor/demo; otherwise it signs in to the switch of the
 * server-url setting as the username setting, with the password the
 * keyring keeps for them (stored when that user signed in to Agent Desk
 * and asked it to remember). */

#define AD_TYPE_WALLBOARD_HOST (ad_wallboard_host_get_type ())

G_DECLARE_FINAL_TYPE (AdWallboardHost, ad_wallboard_host, AD, WALLBOARD_HOST, GObject)

#define AD_WALLBOARD_HOST_DEMO_AGENTS 200

/* @demo_agents: 0 for no demo switch, else the agents of the demo center. */
AdWallboardHost *ad_wallboard_host_new     (GtkApplication  *application,
                                            GSettings       *settings,
                                            guint            demo_agents);
/* Shows the board's window, starting the board the first time. */
void             ad_wallboard_host_present (AdWallboardHost *self);

G_END_DECLS
