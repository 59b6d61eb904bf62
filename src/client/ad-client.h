/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ad-common.h"

G_BEGIN_DECLS

/* The transport: one SoupSession, the switch's base URL and the bearer
 * token; one _async function per request of the contract (and of the
 * extensions in docs/protocol.md). It knows the wire, not the model: bodies
 * come back as JsonObjects for AdSession to apply.
 *
 * Errors: AD_ERROR with the contract's type as code and the switch's message
 * (ad_error_get_t_server_error() gives tServerError); AD_ERROR_NETWORK when
 * the switch cannot be reached; AD_ERROR_CERTIFICATE when an https://
 * switch's certificate is refused (ad_error_get_certificate_flags() says
 * why); AD_ERROR_PROTOCOL when it answers something that is not the
 * contract; G_IO_ERROR_CANCELLED when cancelled.
 *
 * Every POST and DELETE carries an X-Request-Id of its own, a random UUID
 * (docs/protocol.md, "Request ids"): the switch runs it at most once. So
 * these go on kept-alive connections like reads, and one whose connection
 * fails under it (the switch closed it, or the answer was lost) is sent
 * once more, with the same id, before its error is reported.
 *
 * Certificates are always verified: against the system's certificate
 * authorities, or only against those of "tls-database" when one is given
 * (a center with its own authority). Nothing here accepts a certificate
 * that fails verification. */

#define AD_TYPE_CLIENT (ad_client_get_type ())

G_DECLARE_FINAL_TYPE (AdClient, ad_client, AD, CLIENT, GObject)

/* Properties: "base-url" (string, construct-only, "http://host:port" or
 * "https://host:port"), "tls-database" (GTlsDatabase, construct-only: the
 * certificate authorities to trust; NULL, the default, for the system's),
 * "token" (string, read/write: set when a sign-in succeeds).
 * Signals: "unauthorized" () — a request other than the sign-in was
 * refused with 401: the token expired or the switch forgot it. */
AdClient   *ad_client_new                 (const char          *base_url);
/* A client that trusts only the authorities of @tls_database, such as a
 * g_tls_file_database_new() of the center's CA file. */
AdClient   *ad_client_new_with_tls_database (const char        *base_url,
                                           GTlsDatabase        *tls_database);
/* The database certificates are checked against (the system's unless one
 * was given). */
GTlsDatabase *ad_client_get_tls_database  (AdClient            *self);
const char *ad_client_get_base_url        (AdClient            *self);
const char *ad_client_get_token           (AdClient            *self);
void        ad_client_set_token           (AdClient            *self,
                                           const char          *token);

/* Completes every request below whose own _finish is not declared: the
 * response body (an empty object for 204), or NULL with @error set. */
JsonObject *ad_client_request_finish      (AdClient            *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* POST /session. On success the client keeps the token; @agent_id and
 * @role (either may be NULL) receive the switch's answer. */
void        ad_client_login_async         (AdClient            *self,
                                           const char          *username,
                                           const char          *password,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    ad_client_login_finish        (AdClient            *self,
                                           GAsyncResult        *result,
                                           char               **agent_id,
                                           AdRole              *role,
                                           GError             **error);
/* DELETE /session (and the client forgets its token). */
void        ad_client_logout_async        (AdClient            *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);

/* GET /agents ({"agents": […]}), GET /places ({"places": […]}),
 * GET /center ({"profile", "queues", "reasonCodes", "dispositions"}),
 * GET /queues (supervisors). All complete with ad_client_request_finish(). */
void        ad_client_get_agents_async    (AdClient            *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void        ad_client_get_places_async    (AdClient            *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void        ad_client_get_center_async    (AdClient            *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void        ad_client_get_queues_async    (AdClient            *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);

/* Agent service: each completes with the agent DTO. @place_id is required
 * for login; @reason_code (not-ready) may be NULL. */
void        ad_client_get_agent_async     (AdClient            *self,
                                           const char          *agent_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void        ad_client_agent_login_async   (AdClient            *self,
                                           const char          *agent_id,
                                           const char          *place_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void        ad_client_agent_logout_async  (AdClient            *self,
                                           const char          *agent_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void        ad_client_agent_ready_async   (AdClient            *self,
                                           const char          *agent_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void        ad_client_agent_not_ready_async (AdClient          *self,
                                           const char          *agent_id,
                                           const char          *reason_code,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void        ad_client_agent_after_call_work_async (AdClient    *self,
                                           const char          *agent_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);

/* Interaction service. @attributes (NULL: all) filters the DTOs.
 * list completes with {"interactions": […]}, get with one DTO. */
void        ad_client_list_interactions_async (AdClient        *self,
                                           const char          *agent_id,
                                           const char * const  *attributes,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void        ad_client_get_interaction_async (AdClient          *self,
                                           const char          *interaction_id,
                                           const char * const  *attributes,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);

/* POST /voice/interactions. @body holds "dnId" or "placeId" and the
 * optional fields of the contract. Completes with ad_client_dto_finish(). */
void        ad_client_create_interaction_async (AdClient       *self,
                                           JsonObject          *body,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* POST /voice/interactions/{id}/{action}: @action is one AdVoiceAction,
 * @body may be NULL ({}). Completes with ad_client_dto_finish(): the new
 * consult call's DTO for INIT_TRANSFER / INIT_CONFERENCE, else NULL
 * without an error. */
void        ad_client_perform_async       (AdClient            *self,
                                           const char          *interaction_id,
                                           AdVoiceAction        action,
                                           JsonObject          *body,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* The "interaction" member of a create / initiate answer (NULL when there
 * is none; check @error). */
JsonObject *ad_client_dto_finish          (AdClient            *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* Event service. @topics is the "topicsServices" array. Completes with
 * ad_client_subscribe_finish() (the subscription id). */
void        ad_client_subscribe_async     (AdClient            *self,
                                           JsonArray           *topics,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char       *ad_client_subscribe_finish    (AdClient            *self,
                                           GAsyncResult        *result,
                                           GError             **error);
void        ad_client_unsubscribe_async   (AdClient            *self,
                                           const char          *subscription_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* GET …/stream with Last-Event-ID when @last_event_id is not NULL.
 * Completes once the 200 headers are in, with the body to read. */
void        ad_client_open_stream_async   (AdClient            *self,
                                           const char          *subscription_id,
                                           const char          *last_event_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GInputStream *ad_client_open_stream_finish (AdClient           *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* GET /history?agentId=&limit= ({"records": […]}; @limit 0: the switch's
 * default). POST /sim/inbound ({"callId"}) and POST /sim/calls/{id}/hangup
 * for the demo mode. All complete with ad_client_request_finish(). */
void        ad_client_get_history_async   (AdClient            *self,
                                           const char          *agent_id,
                                           guint                limit,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void        ad_client_sim_inbound_async   (AdClient            *self,
                                           JsonObject          *body,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
void        ad_client_sim_hangup_async    (AdClient            *self,
                                           const char          *call_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);

G_END_DECLS
