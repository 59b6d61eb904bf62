/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ad-board-agent.h"
#include "ad-client.h"
#include "ad-client-enums.h"
#include "ad-queue-stats.h"

G_BEGIN_DECLS

/* A supervisor's live board of the whole center: every queue's figures
 * and every agent's state. It signs in with the supervisor's credentials,
 * subscribes to AgentService/AgentEvent and StatisticsService/QueueEvent
 * with the trigger ALL, paints from GET /api/v1/agents and GET
 * /api/v1/queues (reason codes labelled from GET /api/v1/center), and
 * keeps up from the stream. After a reconnect or a
 * ResyncRequired it fetches both again; when the switch forgets the token
 * or the subscription (it restarted) it signs in again, with backoff.
 *
 * Events are not applied as they come: each agent's and queue's latest is
 * kept, and all of them are applied once per flush interval, so that an
 * agent changing three times in 100 ms costs the widgets one update.
 *
 * Properties (read-only unless noted):
 *   "client"            AdClient *          construct-only
 *   "username", "password"  string          construct-only
 *   "queues"            GListModel of AdQueueStats, in the switch's order
 *   "agents"            GListModel of AdBoardAgent, in directory order;
 *                       an item changes in place, and the model emits
 *                       items-changed for it only when one of the
 *                       "watched fields" changed (what the consumer's
 *                       sorters and filters read; by default name, status,
 *                       logged in, status-since and queues)
 *   "connection-state"  AdConnectionState   of the event stream
 *   "stale"             gboolean            TRUE unless the stream is
 *                       CONNECTED and the board has been painted since it
 *                       signed in: the figures must not be taken as live
 *   "last-update"       GDateTime or NULL   when the figures were last known
 *                       to be current
 *   "error-message"     string or NULL      why it is not connected, if known
 *   "flush-interval-ms" guint (read/write)  default 100
 *
 * Signals:
 *   "refused" (GError *error): the switch refused the board's credentials
 *   when it signed in (at ad_wallboard_start(), or again after the switch
 *   restarted): AD_ERROR_UNAUTHORIZED (wrong or changed password) or
 *   AD_ERROR_FORBIDDEN (not a supervisor's account); or its certificate
 *   was refused, then or later (AD_ERROR_CERTIFICATE). Retrying would not
 *   mend that, so the board has stopped.
 */

#define AD_TYPE_WALLBOARD (ad_wallboard_get_type ())

G_DECLARE_FINAL_TYPE (AdWallboard, ad_wallboard, AD, WALLBOARD, GObject)

AdWallboard       *ad_wallboard_new                  (AdClient    *client,
                                                      const char  *username,
                                                      const char  *password);
/* Signs in and starts following the center. A switch out of reach is
 * tried again, with backoff; a refusal stops the board ("refused"). */
void               ad_wallboard_start                (AdWallboard *self);
/* Signs in and subscribes once, for a sign-in form: the result says
 * whether the switch took the credentials. On failure the board is stopped
 * and the error says why: AD_ERROR_UNAUTHORIZED (wrong user name or
 * password), AD_ERROR_FORBIDDEN (not a supervisor's account),
 * AD_ERROR_NETWORK (the switch is out of reach), AD_ERROR_CERTIFICATE (its
 * certificate was refused), AD_ERROR_TOO_MANY_REQUESTS.
 * On success the board runs on as after ad_wallboard_start(). Cancelling
 * @cancellable, or ad_wallboard_stop(), stops the board. */
void               ad_wallboard_start_async          (AdWallboard          *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean           ad_wallboard_start_finish         (AdWallboard          *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
/* Stops for good: closes the stream (the board goes stale). */
void               ad_wallboard_stop                 (AdWallboard *self);

GListModel        *ad_wallboard_get_queues           (AdWallboard *self);
GListModel        *ad_wallboard_get_agents           (AdWallboard *self);
AdQueueStats      *ad_wallboard_lookup_queue         (AdWallboard *self,
                                                      const char  *name);
AdBoardAgent      *ad_wallboard_lookup_agent         (AdWallboard *self,
                                                      const char  *agent_id);
AdConnectionState  ad_wallboard_get_connection_state (AdWallboard *self);
gboolean           ad_wallboard_get_stale            (AdWallboard *self);
GDateTime         *ad_wallboard_get_last_update      (AdWallboard *self);
const char        *ad_wallboard_get_error_message    (AdWallboard *self);

guint              ad_wallboard_get_flush_interval   (AdWallboard *self);
void               ad_wallboard_set_flush_interval   (AdWallboard *self,
                                                      guint        interval_ms);
/* How soon the stream reconnects and the board signs in again. */
void               ad_wallboard_set_backoff          (AdWallboard *self,
                                                      guint        initial_ms,
                                                      guint        max_ms);
#define AD_BOARD_AGENT_WATCHED_DEFAULT                                          \
  (AD_BOARD_AGENT_FIELD_NAME | AD_BOARD_AGENT_FIELD_STATUS | AD_BOARD_AGENT_FIELD_LOGGED_IN |  \
   AD_BOARD_AGENT_FIELD_STATUS_SINCE | AD_BOARD_AGENT_FIELD_QUEUES)

/* The fields whose change makes the agents model emit items-changed. Each
 * emission makes a GtkSortListModel look through all its items: a board
 * sorted by name and filtered on logged-in agents need not hear of every
 * state change. Set it before changing the sorter or filter (which then
 * looks at every item anew). */
AdBoardAgentFields ad_wallboard_get_watched_fields (AdWallboard      *self);
void               ad_wallboard_set_watched_fields (AdWallboard      *self,
                                                    AdBoardAgentFields fields);
/* Applies what is pending now instead of at the next flush. */
void               ad_wallboard_flush                (AdWallboard *self);

/* Counters: events read from the stream, and updates applied to agents and
 * queues after coalescing (for tests and the bench). */
guint64            ad_wallboard_get_n_events         (AdWallboard *self);
guint64            ad_wallboard_get_n_applied        (AdWallboard *self);

G_END_DECLS
