/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ad-common.h"

G_BEGIN_DECLS

/* One record of the contact history (GET /history), newest first in
 * AdSession:history.
 *
 * Properties (read-only): "interaction-id", "agent-id", "ani", "dnis"
 * (strings, ani/dnis may be NULL), "call-type" (AdCallType), "started-at",
 * "ended-at" (GDateTime, may be NULL), "duration" (guint seconds),
 * "parties" (GListModel of AdParty), "attached-data" (GHashTable
 * string → string), "disposition", "notes" (strings, may be NULL). */

#define AD_TYPE_HISTORY_RECORD (ad_history_record_get_type ())

G_DECLARE_FINAL_TYPE (AdHistoryRecord, ad_history_record, AD, HISTORY_RECORD, GObject)

const char *ad_history_record_get_interaction_id (AdHistoryRecord *self);
const char *ad_history_record_get_agent_id       (AdHistoryRecord *self);
const char *ad_history_record_get_ani            (AdHistoryRecord *self);
const char *ad_history_record_get_dnis           (AdHistoryRecord *self);
AdCallType  ad_history_record_get_call_type      (AdHistoryRecord *self);
GDateTime  *ad_history_record_get_started_at     (AdHistoryRecord *self);
GDateTime  *ad_history_record_get_ended_at       (AdHistoryRecord *self);
guint       ad_history_record_get_duration       (AdHistoryRecord *self);
GListModel *ad_history_record_get_parties        (AdHistoryRecord *self);
GHashTable *ad_history_record_get_attached_data  (AdHistoryRecord *self);
const char *ad_history_record_get_disposition    (AdHistoryRecord *self);
const char *ad_history_record_get_notes          (AdHistoryRecord *self);

G_END_DECLS
