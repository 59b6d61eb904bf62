/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "agentdesk-client.h"

G_BEGIN_DECLS

/* New call: a number entry, a dial pad and a Call button that creates an
 * interaction on the agent's DN dialing the number. The switch's refusal
 * (an invalid destination, an agent who may not call now …) is shown in
 * the dialog as a toast with the switch's message; success closes it.
 * While the session is not CONNECTED the Call button is off and the
 * dialog says why; the number typed stays for when the switch is back.
 *
 * Properties: "session" (AdSession, construct-only). */

#define AD_TYPE_NEW_CALL_DIALOG (ad_new_call_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AdNewCallDialog, ad_new_call_dialog, AD, NEW_CALL_DIALOG, AdwWindow)

void ad_new_call_dialog_present (GtkWindow *parent,
                                 AdSession *session);

G_END_DECLS
