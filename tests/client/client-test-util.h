/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "agentdesk-client.h"
#include "ad-switch-server.h"

G_BEGIN_DECLS

/* The real switch in this process on 127.0.0.1:0, and helpers to drive
 * client sessions against it. Every wait gives up (failing the test) after
 * CLIENT_TEST_TIMEOUT_S: a guard against hangs, never a timing assertion. */

#define CLIENT_TEST_TIMEOUT_S 30

typedef struct {
  AdSwitchServer  *server;
  AdSwitchOptions  options;
  guint            port;
  char            *base_url;
} ClientTestSwitch;

/* The demo center with the sim API open, outside numbers answering after
 * 50 ms and actions applied at once. */
void              client_test_switch_options_init (AdSwitchOptions *options,
                                               AdSwitchProfile   profile);
ClientTestSwitch *client_test_switch_new      (const AdSwitchOptions *options);
/* Shuts the switch down and starts a fresh one on the same port: every
 * token, subscription and call is gone. */
void              client_test_switch_restart  (ClientTestSwitch *ts);
void              client_test_switch_free     (ClientTestSwitch *ts);
/* The switch's own view of an interaction (NULL when it has none). */
JsonObject       *client_test_switch_get_dto  (ClientTestSwitch *ts,
                                               const char       *interaction_id);

/* One main context iteration, woken at least every 50 ms. */
void              client_test_iterate         (void);
#define CLIENT_TEST_WAIT_UNTIL(cond)                                           \
  G_STMT_START {                                                               \
    gint64 _deadline = g_get_monotonic_time () +                               \
                       CLIENT_TEST_TIMEOUT_S * G_USEC_PER_SEC;                 \
    while (!(cond))                                                            \
      {                                                                        \
        if (g_get_monotonic_time () > _deadline)                               \
          g_error ("Timed out waiting for %s", #cond);                         \
        client_test_iterate ();                                                \
      }                                                                        \
  } G_STMT_END
/* Iterates for about @ms (for what must not happen to get its chance). */
void              client_test_spin            (guint             ms);

/* From now on in this test case, the session's warning when it gives up
 * ("Giving up on the switch: …") is expected, and counted: unlike
 * g_test_expect_message(), other messages logged meanwhile (a keyring's,
 * say) are not taken for a failure. Returns the counter, set to 0. */
guint            *client_test_count_giving_up (void);

/* A GAsyncReadyCallback that keeps the result in *(GAsyncResult **) data. */
void              client_test_store_result    (GObject          *source,
                                               GAsyncResult     *result,
                                               gpointer          data);
/* Waits for *@slot and returns it (the caller owns it). */
GAsyncResult     *client_test_wait_result     (GAsyncResult    **slot);

/* A session signed in as @username (password "demo"), logged in on
 * @place_id (unless NULL) and READY when @ready. */
AdSession        *client_test_session_new     (ClientTestSwitch *ts,
                                               const char       *username,
                                               const char       *place_id,
                                               gboolean          ready);
/* POST /sim/inbound through @session's client; returns the callId. */
char             *client_test_sim_inbound     (AdSession        *session,
                                               const char       *queue,
                                               const char       *dn,
                                               const char       *ani);
void              client_test_sim_hangup      (AdSession        *session,
                                               const char       *call_id);
/* The session's only interaction, waiting for it to appear. */
AdInteraction    *client_test_wait_interaction (AdSession       *session,
                                               guint             n_expected);
/* Item @position of the session's interactions (borrowed). */
AdInteraction    *client_test_nth_interaction (AdSession        *session,
                                               guint             position);
void              client_test_wait_status     (AdInteraction    *interaction,
                                               AdInteractionStatus status);
/* Checks that the switch accepted an action, and waits for the event that
 * shows it applied (pending-action back to NONE). */
void              client_test_expect_accepted (AdInteraction    *interaction,
                                               GAsyncResult     *result);

/* Counts "notify" per property of one object. */
typedef struct _NotifyLog NotifyLog;

NotifyLog        *notify_log_new              (gpointer          object);
guint             notify_log_count            (NotifyLog        *log,
                                               const char       *property);
/* The value the property had when it last notified, as
 * g_strdup_value_contents() shows it. */
const char       *notify_log_last_value       (NotifyLog        *log,
                                               const char       *property);
void              notify_log_reset            (NotifyLog        *log);
void              notify_log_free             (NotifyLog        *log);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NotifyLog, notify_log_free)

G_END_DECLS
