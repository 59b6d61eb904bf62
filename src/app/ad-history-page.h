/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "agentdesk-client.h"

G_BEGIN_DECLS

/* The agent's contact history (AdSession:history), newest first: who, call
 * type, start, duration, disposition and notes of each call marked done.
 * It refreshes when shown and after every interaction the session marks
 * done; with no record it says so.
 *
 * Properties: "session" (AdSession or NULL, read/write). */

#define AD_TYPE_HISTORY_PAGE (ad_history_page_get_type ())

G_DECLARE_FINAL_TYPE (AdHistoryPage, ad_history_page, AD, HISTORY_PAGE, AdwBin)

GtkWidget *ad_history_page_new         (void);
AdSession *ad_history_page_get_session (AdHistoryPage *self);
void       ad_history_page_set_session (AdHistoryPage *self,
                                        AdSession     *session);

G_END_DECLS
