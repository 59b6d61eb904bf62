/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the model's classes tell each other and AdSession; not for widgets. */

#include <json-glib/json-glib.h>

#include "ad-agent.h"
#include "ad-code.h"
#include "ad-dn.h"
#include "ad-history-record.h"
#include "ad-interaction.h"
#include "ad-party.h"
#include "ad-session.h"

G_BEGIN_DECLS

/* Makes @store hold the parties of @array (interaction.voice:parties);
 * TRUE when it changed. Unchanged leading and trailing parties stay. */
gboolean         ad_party_list_update              (GListStore    *store,
                                                    JsonArray     *array);
/* Replace *@field by a copy of @value; TRUE when it changed (notify then). */
gboolean         ad_set_string                     (char         **field,
                                                    const char    *value);
gboolean         ad_set_strv                       (char        ***field,
                                                    const char * const *value);
gboolean         ad_set_date_time                  (GDateTime    **field,
                                                    GDateTime     *value);
/* An RFC 3339 member as a GDateTime, NULL when missing or malformed. */
GDateTime       *ad_date_time_from_json            (JsonObject    *object,
                                                    const char    *member);
/* An array of strings (non-strings skipped; an object's "name" is taken),
 * NULL when @array is NULL. */
char           **ad_strv_from_json                 (JsonArray     *array);
/* An attachedData object as a string → string table (non-strings skipped). */
GHashTable      *ad_string_map_from_json           (JsonObject    *object);
gboolean         ad_string_map_equal               (GHashTable    *a,
                                                    GHashTable    *b);

AdDn            *ad_dn_new                         (const char    *id,
                                                    const char    *number);
void             ad_dn_set_number                  (AdDn          *self,
                                                    const char    *number);
void             ad_dn_set_can_create_interaction  (AdDn          *self,
                                                    gboolean       can);

AdAgent         *ad_agent_new                      (const char    *id);
/* Applies the attributes present in an agent DTO ("agent:status" …). */
void             ad_agent_apply_dto                (AdAgent       *self,
                                                    JsonObject    *dto);
/* DN id → number (from GET /places), for the DNs the agent DTO names. */
void             ad_agent_set_dn_numbers           (AdAgent       *self,
                                                    GHashTable    *numbers);
/* Applies a directory entry of GET /agents ({"agentId", "name", …}). */
void             ad_agent_apply_directory_entry    (AdAgent       *self,
                                                    JsonObject    *entry);

AdHistoryRecord *ad_history_record_new_from_json   (JsonObject    *record);

AdInteraction   *ad_interaction_new                (AdSession     *session,
                                                    const char    *id);
/* Applies the attributes present in @dto. */
void             ad_interaction_apply_dto          (AdInteraction *self,
                                                    JsonObject    *dto);
/* An event (or a refetch) showed the switch's state after a request: an
 * accepted action is no longer pending. */
void             ad_interaction_confirm_pending    (AdInteraction *self);
/* Moves "duration" on to @now_us (monotonic); FALSE when the interaction
 * does not tick in its current status. */
gboolean         ad_interaction_tick               (AdInteraction *self,
                                                    gint64         now_us);
/* The session's event count when the interaction last changed. */
guint64          ad_interaction_get_serial         (AdInteraction *self);
void             ad_interaction_set_serial         (AdInteraction *self,
                                                    guint64        serial);

/* Adds the interaction of @dto to the session unless it is already there
 * (an event may have brought it first) or already gone. */
AdInteraction   *ad_session_adopt_interaction      (AdSession     *self,
                                                    JsonObject    *dto);

/* Sends the request @task stands for (its data say what), taking the
 * task's reference; the request's callback completes the task. */
typedef void   (*AdSessionSendFunc)                (GTask         *task);
/* Sends at once or, while the session signs in again after a 401, once it
 * has and is back in step (@task then fails with the sign-in's error if
 * that fails, with G_IO_ERROR_CANCELLED if the session signs out or @task's
 * cancellable is cancelled meanwhile). Takes @task's reference. */
void             ad_session_send                   (AdSession     *self,
                                                    GTask         *task,
                                                    AdSessionSendFunc send);
/* For a request that failed with @error: TRUE when it was a 401 and @task
 * (not taken) will be sent again, once, after the sign-in under way (a 401
 * during one joins it, never starts another). */
gboolean         ad_session_send_again             (AdSession     *self,
                                                    GTask         *task,
                                                    const GError  *error,
                                                    AdSessionSendFunc send);

/* Applies one event of the stream (what AdEventStream hands over); FALSE
 * when it was not understood. */
gboolean         ad_session_apply_event            (AdSession     *self,
                                                    const char    *type,
                                                    const char    *data);

G_END_DECLS
