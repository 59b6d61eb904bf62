/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ad-agent.h"
#include "ad-client.h"
#include "ad-client-enums.h"
#include "ad-client-enum-types.h"
#include "ad-interaction.h"

G_BEGIN_DECLS

/* A signed-in user of the switch and everything the desktop shows of it.
 *
 * ad_session_login_async() signs in (the credentials stay in memory so the
 * session can sign in again when a restarted switch forgot its token), reads
 * the agent and the center, subscribes to the agent's InteractionService and
 * AgentService events and keeps the model below in step with them. After
 * every reconnect of the event stream it refetches the agent's interactions
 * and reconciles: interactions the switch no longer has are removed, new
 * ones added, the others updated in place — none lost, none doubled.
 *
 * Properties (read-only unless said):
 *   "client"           AdClient *         the transport (construct-only)
 *   "username"         string or NULL
 *   "role"             AdRole (AD_TYPE_ROLE)
 *   "agent"            AdAgent * or NULL   the signed-in agent
 *   "interactions"     GListModel of AdInteraction, oldest first; items are
 *                      added once and keep their position until removed
 *   "connection-state" AdConnectionState (AD_TYPE_CONNECTION_STATE)
 *   "connection-error" GError or NULL     why the session went OFFLINE on
 *                      its own: it stopped for good on an error no retry
 *                      mends (AD_ERROR_CERTIFICATE: the switch's
 *                      certificate was refused; AD_ERROR_UNAUTHORIZED: the
 *                      kept password no longer signs in). Set before
 *                      "connection-state" notifies; cleared by signing in
 *                      or out
 *   "profile"          string or NULL     the switch profile (GET /center)
 *   "reason-codes"     GListModel of AdCode (not-ready reasons)
 *   "dispositions"     GListModel of AdCode (for mark done)
 *   "queues"           GStrv or NULL      the center's queue names
 *   "directory"        GListModel of AdAgent (other agents, for transfers;
 *                      ad_session_refresh_directory_async() fills it)
 *   "history"          GListModel of AdHistoryRecord, newest first
 *                      (ad_session_refresh_history_async() fills it)
 *   "keepalive-timeout-ms", "backoff-initial-ms", "backoff-max-ms" (guint,
 *                      read/write): passed to the event stream; tests make
 *                      them short
 * Signals:
 *   "interaction-added"   (AdInteraction *) — also for a consult call
 *   "interaction-removed" (AdInteraction *) — marked done or gone
 *   "resynced"            ()  — a refetch after a reconnect was applied
 *
 * Supervisors sign in the same way; their subscription then covers every
 * agent (trigger ALL) and AgentEvents update the directory's entries. */

#define AD_TYPE_SESSION (ad_session_get_type ())

G_DECLARE_FINAL_TYPE (AdSession, ad_session, AD, SESSION, GObject)

AdSession         *ad_session_new                  (const char          *base_url);
AdClient          *ad_session_get_client           (AdSession           *self);
const char        *ad_session_get_username         (AdSession           *self);
AdRole             ad_session_get_role             (AdSession           *self);
AdAgent           *ad_session_get_agent            (AdSession           *self);
GListModel        *ad_session_get_interactions     (AdSession           *self);
AdConnectionState  ad_session_get_connection_state (AdSession           *self);
const GError      *ad_session_get_connection_error (AdSession           *self);
const char        *ad_session_get_profile          (AdSession           *self);
GListModel        *ad_session_get_reason_codes     (AdSession           *self);
GListModel        *ad_session_get_dispositions     (AdSession           *self);
const char * const *ad_session_get_queues          (AdSession           *self);
GListModel        *ad_session_get_directory        (AdSession           *self);
GListModel        *ad_session_get_history          (AdSession           *self);
/* The interaction with that id, or NULL. */
AdInteraction     *ad_session_lookup_interaction   (AdSession           *self,
                                                    const char          *interaction_id);
void               ad_session_set_stream_timing    (AdSession           *self,
                                                    guint                keepalive_timeout_ms,
                                                    guint                backoff_initial_ms,
                                                    guint                backoff_max_ms);

/* Signs in, loads the agent, the center and the interactions, subscribes.
 * Completes once the model is filled and the events flow. */
void      ad_session_login_async              (AdSession           *self,
                                               const char          *username,
                                               const char          *password,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* Signs out (DELETE /session, which also logs the agent out of its place)
 * and empties the model; connection-state becomes OFFLINE. */
void      ad_session_logout_async             (AdSession           *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);

/* The agent's state. Complete with ad_session_finish(). */
void      ad_session_agent_login_async        (AdSession           *self,
                                               const char          *place_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
void      ad_session_agent_logout_async       (AdSession           *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
void      ad_session_ready_async              (AdSession           *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* @reason_code: a code of "reason-codes", or NULL. */
void      ad_session_not_ready_async          (AdSession           *self,
                                               const char          *reason_code,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
void      ad_session_after_call_work_async    (AdSession           *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* Refills "directory" (GET /agents) / "history" (GET /history; @limit 0:
 * the switch's default). */
void      ad_session_refresh_directory_async  (AdSession           *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
void      ad_session_refresh_history_async    (AdSession           *self,
                                               guint                limit,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* Completes every ad_session_*_async above. */
gboolean  ad_session_finish                   (AdSession           *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* A new interaction on @dn_id, or on the agent's place when @dn_id is
 * NULL; with @destination (may be NULL) it is dialed at once, otherwise it
 * stays NEW for ad_interaction_make_call_async(). Fails at once with
 * AD_ERROR_INVALID_AGENT_STATE when the agent's DN may not create one. */
void           ad_session_create_interaction_async  (AdSession           *self,
                                                     const char          *dn_id,
                                                     const char          *destination,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/* The new interaction, already in "interactions". */
AdInteraction *ad_session_create_interaction_finish (AdSession           *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
