/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What `agentdesk --wallboard` runs: a supervisor's AdWallboard and its
 * window. With demo mode, the switch runs in this process with a large
 * demo center of "demo-agents" agents kept busy by its crowd, and the board
 * signs in as supervisor/demo. Otherwise, when the keyring keeps a password
 * for the server-url and username settings (remembered at an earlier
 * sign-in), the board opens at once with it, and keeps trying while the
 * switch is out of reach; without one, or when the switch refuses it, the
 * sign-in screen (AdWallboardSignIn) asks, and the board follows. */

#define AD_TYPE_WALLBOARD_HOST (ad_wallboard_host_get_type ())

G_DECLARE_FINAL_TYPE (AdWallboardHost, ad_wallboard_host, AD, WALLBOARD_HOST, GObject)

#define AD_WALLBOARD_HOST_DEMO_AGENTS 200

/* @demo_agents: 0 for no demo switch, else the agents of the demo center. */
AdWallboardHost *ad_wallboard_host_new        (GtkApplication  *application,
                                               GSettings       *settings,
                                               guint            demo_agents);
/* Shows the board's window, starting the board the first time. */
void             ad_wallboard_host_present    (AdWallboardHost *self);
/* The window shown: an AdWallboardWindow, an AdWallboardSignIn, or NULL
 * (not presented yet, or looking in the keyring). */
GtkWidget       *ad_wallboard_host_get_window (AdWallboardHost *self);

G_END_DECLS
