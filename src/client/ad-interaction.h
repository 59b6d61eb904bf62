/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ad-common.h"

G_BEGIN_DECLS

/* One voice interaction of the session's agent, kept up to date from the
 * switch's InteractionEvents by AdSession. One property per attribute of
 * the contract; each notifies only when its value really changes, so a
 * widget bound to it redraws exactly when it must.
 *
 * Properties (read-only):
 *   "id"               string           interaction:interactionId
 *   "status"           AdInteractionStatus (AD_TYPE_INTERACTION_STATUS)
 *   "event-reason"     AdEventReason    of the latest event (AD_TYPE_EVENT_REASON)
 *   "agent-id", "dn-id" string
 *   "ani", "dnis"      string or NULL
 *   "phone-numbers"    GStrv (never NULL; maybe empty)
 *   "duration"         guint seconds; ticks every second between events
 *                      while TALKING or HELD (one timer per session)
 *   "actions-possible" AdVoiceAction flags (AD_TYPE_VOICE_ACTION): exactly
 *                      the switch's interaction.voice:actionsPossible
 *   "parties"          GListModel of AdParty (the same object for the
 *                      interaction's life; spliced when parties change)
 *   "attached-data"    GHashTable string → string (a new table per change)
 *   "muted"            gboolean
 *   "call-type"        AdCallType (AD_TYPE_CALL_TYPE)
 *   "extensions"       JsonObject (interaction:extensions, e.g. the party
 *                      added or removed) or NULL
 *   "pending-action"   AdVoiceAction: the action in flight, NONE otherwise;
 *                      disable the buttons meanwhile
 *
 * Actions: each *_async refuses at once (without a request) with
 * AD_ERROR_ACTION_IN_PROGRESS while "pending-action" is set and with
 * AD_ERROR_ACTION_NOT_POSSIBLE when the action is not in
 * "actions-possible". Otherwise "pending-action" is set until the switch
 * refuses the action or, having accepted it, sends the interaction's next
 * event (the switch keeps it in flight until then). The _async call
 * completes as soon as the switch accepted it; the outcome shows as
 * property changes when the events arrive. Complete each with
 * ad_interaction_action_finish(), the initiate_* ones with
 * ad_interaction_initiate_finish(). Switch errors keep their AD_ERROR code
 * and the switch's message. */

#define AD_TYPE_INTERACTION (ad_interaction_get_type ())

/* The attached-data key for the customer's name (a convention of the
 * desktop's, see docs/client.md). */
#define AD_ATTACHED_DATA_CUSTOMER_NAME "CustomerName"

G_DECLARE_FINAL_TYPE (AdInteraction, ad_interaction, AD, INTERACTION, GObject)

const char          *ad_interaction_get_id               (AdInteraction *self);
AdInteractionStatus  ad_interaction_get_status           (AdInteraction *self);
AdEventReason        ad_interaction_get_event_reason     (AdInteraction *self);
const char          *ad_interaction_get_agent_id         (AdInteraction *self);
const char          *ad_interaction_get_dn_id            (AdInteraction *self);
const char          *ad_interaction_get_ani              (AdInteraction *self);
const char          *ad_interaction_get_dnis             (AdInteraction *self);
const char * const  *ad_interaction_get_phone_numbers    (AdInteraction *self);
guint                ad_interaction_get_duration         (AdInteraction *self);
AdVoiceAction        ad_interaction_get_actions_possible (AdInteraction *self);
GListModel          *ad_interaction_get_parties          (AdInteraction *self);
GHashTable          *ad_interaction_get_attached_data    (AdInteraction *self);
gboolean             ad_interaction_get_muted            (AdInteraction *self);
AdCallType           ad_interaction_get_call_type        (AdInteraction *self);
JsonObject          *ad_interaction_get_extensions       (AdInteraction *self);
AdVoiceAction        ad_interaction_get_pending_action   (AdInteraction *self);
/* The customer's name from the attached data when the other end of the
 * call is the customer (an inbound or outbound call), or NULL. It changes
 * with "attached-data" and "call-type". */
const char          *ad_interaction_get_customer_name    (AdInteraction *self);
/* Whether @action is offered now and nothing is pending. */
gboolean             ad_interaction_can                  (AdInteraction *self,
                                                          AdVoiceAction  action);

gboolean       ad_interaction_action_finish   (AdInteraction       *self,
                                               GAsyncResult        *result,
                                               GError             **error);
/* The consult call (Call_2), already in AdSession:interactions. */
AdInteraction *ad_interaction_initiate_finish (AdInteraction       *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Dials @destination on a NEW interaction (MAKE_CALL). */
void ad_interaction_make_call_async        (AdInteraction       *self,
                                            const char          *destination,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
void ad_interaction_answer_async           (AdInteraction       *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
void ad_interaction_release_async          (AdInteraction       *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* @disposition (a code of AdSession:dispositions) and @notes may be NULL. */
void ad_interaction_mark_done_async        (AdInteraction       *self,
                                            const char          *disposition,
                                            const char          *notes,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
void ad_interaction_hold_async             (AdInteraction       *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
void ad_interaction_retrieve_async         (AdInteraction       *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* Blind transfer: SINGLE_STEP_TRANSFER, or MUTE_TRANSFER when the switch
 * offers only that; NOT_POSSIBLE when it offers neither. */
void ad_interaction_transfer_async         (AdInteraction       *self,
                                            const char          *destination,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* MUTE_TRANSFER explicitly. */
void ad_interaction_mute_transfer_async    (AdInteraction       *self,
                                            const char          *destination,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* Consult: holds this call and dials @destination; finish with
 * ad_interaction_initiate_finish(). Complete or reconnect on this call
 * (Call_1); reconnect is offered on Call_2 too. */
void ad_interaction_initiate_transfer_async (AdInteraction      *self,
                                            const char          *destination,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
void ad_interaction_complete_transfer_async (AdInteraction      *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
void ad_interaction_reconnect_async        (AdInteraction       *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* SINGLE_STEP_CONFERENCE. */
void ad_interaction_conference_async       (AdInteraction       *self,
                                            const char          *destination,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
void ad_interaction_initiate_conference_async (AdInteraction    *self,
                                            const char          *destination,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
void ad_interaction_complete_conference_async (AdInteraction    *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
void ad_interaction_leave_conference_async (AdInteraction       *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* MUTE_ON when @muted, else MUTE_OFF. */
void ad_interaction_set_muted_async        (AdInteraction       *self,
                                            gboolean             muted,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* @digits: 0-9, * and # only (others fail at once with INVALID_REQUEST). */
void ad_interaction_send_dtmf_async        (AdInteraction       *self,
                                            const char          *digits,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* Merges @data (string → string; a NULL value deletes the key) into the
 * attached data. */
void ad_interaction_attach_data_async      (AdInteraction       *self,
                                            GHashTable          *data,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);

G_END_DECLS
