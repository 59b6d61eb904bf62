/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "ad-common.h"

G_BEGIN_DECLS

/* Contact history in SQLite (WAL, synchronous commits): one row per
 * marked-done interaction, holding the contract's record. */

#define AD_TYPE_HISTORY (ad_history_get_type ())

G_DECLARE_FINAL_TYPE (AdHistory, ad_history, AD, HISTORY, GObject)

/* @path NULL: an in-memory database. */
AdHistory *ad_history_new           (const char  *path,
                                     GError     **error);
/* Bounds the database file (SQLite's max_page_count): a write past it
 * fails as on a full disk. 0: no bound. */
gboolean   ad_history_set_max_bytes (AdHistory   *self,
                                     guint64      max_bytes,
                                     GError     **error);
/* Commits @record; STORAGE_FAILED when it could not be written. */
gboolean   ad_history_add           (AdHistory   *self,
                                     JsonObject  *record,
                                     GError     **error);
/* The newest @limit records, newest first; @agent_id NULL: everyone's. */
JsonArray *ad_history_list          (AdHistory   *self,
                                     const char  *agent_id,
                                     guint        limit,
                                     GError     **error);
void       ad_history_close         (AdHistory   *self);

G_END_DECLS
