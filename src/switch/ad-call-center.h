/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "ad-common.h"
#include "ad-switch-profile.h"

G_BEGIN_DECLS

/* The switch's call model: places, DNs, agents, queues, calls and their
 * parties, the router and the outside world. It knows nothing of HTTP,
 * tokens or subscriptions: the server (AdSwitchServer) authorizes a request,
 * then calls in here; everything that changes is announced by the signals
 * below, carrying full DTOs that the event hub filters per subscription.
 *
 * Signals (all emitted in the main context the call center lives in):
 *   "interaction-event" (const char *interaction_id, const char *agent_id,
 *                        const char *dn_id, const char *place_id,
 *                        JsonObject *dto)   — after every change of an interaction
 *   "agent-event"       (const char *agent_id, const char *place_id,
 *                        JsonObject *dto)   — after every agent state change
 *   "queue-changed"     (const char *queue) — a figure of the queue changed
 */

#define AD_TYPE_CALL_CENTER (ad_call_center_get_type ())

G_DECLARE_FINAL_TYPE (AdCallCenter, ad_call_center, AD, CALL_CENTER, GObject)

/* Called synchronously while MARK_DONE is applied, before the interaction is
 * removed: returning FALSE (with @error set) refuses the mark done and leaves
 * the interaction as it was. @record is the contact history record of the
 * contract ("interactionId", "agentId", "ANI", ...). */
typedef gboolean (*AdHistorySink) (JsonObject  *record,
                                   gpointer     user_data,
                                   GError     **error);

AdCallCenter *ad_call_center_new                (AdSwitchProfile  profile);

/* The built-in demo contact center of the contract (places place1001…,
 * agents agent1…agent10, queues sales/8000 and support/8001). */
void          ad_call_center_load_demo          (AdCallCenter    *self);
/* A demo center of @n_agents (ad_center_config_new_demo_sized()): the
 * contract's up to ten, twenty queues and after-call work beyond. */
void          ad_call_center_load_demo_sized    (AdCallCenter    *self,
                                                 guint            n_agents);
/* A contact center from a --config file's JSON (docs/call-model.md,
 * "Configuration"). */
gboolean      ad_call_center_load_config        (AdCallCenter    *self,
                                                 JsonObject      *config,
                                                 GError         **error);

AdSwitchProfile ad_call_center_get_profile      (AdCallCenter    *self);
void          ad_call_center_set_answer_delay   (AdCallCenter    *self,
                                                 guint            delay_ms);
/* How long an accepted action stays in flight before it is applied (0: on
 * the next main loop iteration). While in flight, other actions on the same
 * interaction get ACTION_IN_PROGRESS. */
void          ad_call_center_set_action_delay   (AdCallCenter    *self,
                                                 guint            delay_ms);
void          ad_call_center_set_history_sink   (AdCallCenter    *self,
                                                 AdHistorySink    sink,
                                                 gpointer         user_data);
/* Where the center reads the time (microseconds since the epoch, as
 * g_get_real_time(), which is the default): statistics, durations and
 * timestamps. Timers are not affected. For tests. */
typedef gint64 (*AdClockFunc) (gpointer user_data);
void          ad_call_center_set_clock          (AdCallCenter    *self,
                                                 AdClockFunc      clock,
                                                 gpointer         user_data);

/* Directory and places: GET /agents and GET /places bodies' arrays. */
JsonArray    *ad_call_center_list_agents        (AdCallCenter    *self);
JsonArray    *ad_call_center_list_places        (AdCallCenter    *self);
gboolean      ad_call_center_has_agent          (AdCallCenter    *self,
                                                 const char      *agent_id);
gboolean      ad_call_center_has_place          (AdCallCenter    *self,
                                                 const char      *place_id);
gboolean      ad_call_center_has_dn             (AdCallCenter    *self,
                                                 const char      *dn_id);
/* Owner lookups for authorization; NULL when unknown or nobody. */
const char   *ad_call_center_get_place_agent    (AdCallCenter    *self,
                                                 const char      *place_id);
const char   *ad_call_center_get_dn_agent       (AdCallCenter    *self,
                                                 const char      *dn_id);
const char   *ad_call_center_get_interaction_agent (AdCallCenter *self,
                                                 const char      *interaction_id);
/* The queues' names, in configuration order. */
GPtrArray    *ad_call_center_list_queues        (AdCallCenter    *self);
/* What a desktop needs to know of this center (GET /api/v1/center, an
 * extension): {"profile", "queues": [{"name", "routePoint"}], "reasonCodes":
 * [{"code", "label"}], "dispositions": [{"code", "label"}]}. */
JsonObject   *ad_call_center_describe           (AdCallCenter    *self);

/* Agent service. Each returns the agent DTO (full reference) or NULL with
 * an AD_ERROR. @reason_code may be NULL. */
JsonObject   *ad_call_center_get_agent          (AdCallCenter    *self,
                                                 const char      *agent_id,
                                                 GError         **error);
JsonObject   *ad_call_center_agent_login        (AdCallCenter    *self,
                                                 const char      *agent_id,
                                                 const char      *place_id,
                                                 GError         **error);
JsonObject   *ad_call_center_agent_logout       (AdCallCenter    *self,
                                                 const char      *agent_id,
                                                 GError         **error);
JsonObject   *ad_call_center_agent_ready        (AdCallCenter    *self,
                                                 const char      *agent_id,
                                                 GError         **error);
JsonObject   *ad_call_center_agent_not_ready    (AdCallCenter    *self,
                                                 const char      *agent_id,
                                                 const char      *reason_code,
                                                 GError         **error);
JsonObject   *ad_call_center_agent_after_call_work (AdCallCenter *self,
                                                 const char      *agent_id,
                                                 GError         **error);

/* Interaction service. DTOs are full (every attribute); the caller filters.
 * Returns a new array of JsonObject references. */
GPtrArray    *ad_call_center_list_interactions  (AdCallCenter    *self,
                                                 const char      *agent_id);
JsonObject   *ad_call_center_get_interaction    (AdCallCenter    *self,
                                                 const char      *interaction_id,
                                                 GError         **error);

/* POST /voice/interactions: @body is the request body as received (dnId or
 * placeId, destination, attachedData …), already authorized for @agent_id.
 * Returns the new interaction's DTO. */
JsonObject   *ad_call_center_create_interaction (AdCallCenter    *self,
                                                 const char      *agent_id,
                                                 JsonObject      *body,
                                                 GError         **error);
/* POST /voice/interactions/{id}/{action}. Validates the body and that
 * @action is in actionsPossible and none is in flight, then accepts it.
 * Returns TRUE and, for INIT_TRANSFER / INIT_CONFERENCE, sets *@created to
 * the consult call's DTO (Call_2); NULL otherwise. */
gboolean      ad_call_center_perform            (AdCallCenter    *self,
                                                 const char      *interaction_id,
                                                 AdVoiceAction    action,
                                                 JsonObject      *body,
                                                 JsonObject     **created,
                                                 GError         **error);

/* StatisticsService: the QueueEvent body of @queue. */
JsonObject   *ad_call_center_get_queue_stats    (AdCallCenter    *self,
                                                 const char      *queue,
                                                 GError         **error);

/* Simulation (the outside world). */
char         *ad_call_center_sim_inbound        (AdCallCenter    *self,
                                                 JsonObject      *body,
                                                 GError         **error);
gboolean      ad_call_center_sim_hangup         (AdCallCenter    *self,
                                                 const char      *call_id,
                                                 GError         **error);

G_END_DECLS
