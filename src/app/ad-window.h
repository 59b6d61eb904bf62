/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ad-application.h"
#include "ad-interaction-view.h"
#include "ad-sign-in-page.h"
#include "agentdesk-client.h"

G_BEGIN_DECLS

/* The main window: the sign-in page, then the desk — the agent's state,
 * the connection, the list of interactions and the selected one's details
 * — and the other pages. Every command is a win.* action, enabled exactly
 * when the selected interaction offers it and nothing is pending (see
 * AdActionBar for the names), so buttons, shortcuts and notifications share
 * one path; failures show as toasts with the switch's message. A ringing
 * interaction raises a notification with an Answer button
 * (app.answer-interaction; a click on it is app.show-interaction) and
 * brings the window forward.
 *
 * Properties: "session" (AdSession or NULL, read-only: set once signed in). */

#define AD_TYPE_WINDOW (ad_window_get_type ())

G_DECLARE_FINAL_TYPE (AdWindow, ad_window, AD, WINDOW, AdwApplicationWindow)

AdWindow          *ad_window_new                  (AdApplication *application);
AdSession         *ad_window_get_session          (AdWindow      *self);
AdSignInPage      *ad_window_get_sign_in_page     (AdWindow      *self);
AdInteractionView *ad_window_get_interaction_view (AdWindow      *self);
/* Selects the interaction with that id; FALSE when there is none. */
gboolean           ad_window_select_interaction   (AdWindow      *self,
                                                   const char    *interaction_id);
/* Selects it and brings the window and its details forward (a click on
 * the notification). */
gboolean           ad_window_show_interaction     (AdWindow      *self,
                                                   const char    *interaction_id);
/* Selects and answers it (the notification's Answer). */
gboolean           ad_window_answer_interaction   (AdWindow      *self,
                                                   const char    *interaction_id);
/* Shows an error as a toast. */
void               ad_window_show_error           (AdWindow      *self,
                                                   const GError  *error);

G_END_DECLS
