/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ad-call-center.h"
#include "ad-switch-server.h"
#include "client-test-util.h"

G_BEGIN_DECLS

/* Driving a call center by its API for the wallboard's tests, with its
 * clock under the test's control. */

#define WALLBOARD_TEST_T0 (G_GINT64_CONSTANT (1790000000) * G_USEC_PER_SEC)

/* An AdClockFunc reading the gint64 (µs) @data points to. */
gint64  wallboard_test_clock        (gpointer        data);
/* Runs what the main context has ready (routing, accepted actions). */
void    wallboard_test_flush        (void);
/* agentN on placeN, READY or NOT_READY (no reason). */
void    wallboard_test_agent_on     (AdCallCenter   *center,
                                     guint           n,
                                     gboolean        ready);
void    wallboard_test_agent_ready  (AdCallCenter   *center,
                                     guint           n);
/* Performs @action on agentN's leg in @status (there must be one). */
void    wallboard_test_act          (AdCallCenter   *center,
                                     guint           n,
                                     AdInteractionStatus status,
                                     AdVoiceAction   action);
/* A caller into @queue; returns the call id. */
char   *wallboard_test_call_in      (AdCallCenter   *center,
                                     const char     *queue);
void    wallboard_test_hang_up      (AdCallCenter   *center,
                                     const char     *call_id);
/* The scripted calls of docs/call-model.md's worked example, in "sales"
 * of the large demo center with agents 1–3 logged in: answered after
 * 20 s, 21 s and 3 s, abandoned after 5 s waiting and after 11 s ringing.
 * Afterwards sales shows answered 3, abandoned 2, SL 67 %, ASA 15 s,
 * agents busy 2 and after-call work 1. *@now moves on. */
void    wallboard_test_scripted_calls (AdCallCenter *center,
                                       gint64       *now);
/* Switch options for a large demo center of @n_agents (a --config file
 * in a temporary directory; every password "demo", supervisor included)
 * with the sim API. The
 * file is removed by wallboard_test_options_clear(). */
void    wallboard_test_options_init  (AdSwitchOptions *options,
                                      guint            n_agents);
void    wallboard_test_options_clear (AdSwitchOptions *options);

/* A keyring of the test's own: gnome-keyring-daemon on the session bus,
 * with a new login keyring, unlocked, in a temporary directory. FALSE
 * (and a test message) when there is none: no daemon, no session bus. */
gboolean wallboard_test_keyring_start (void);
void     wallboard_test_keyring_stop  (void);

G_END_DECLS
