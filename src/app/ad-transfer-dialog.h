/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "agentdesk-client.h"

G_BEGIN_DECLS

/* Transfer or conference a call: pick a colleague from the directory
 * (fetched on open and every 5 s while open, searchable by name or
 * number) or type a number, then pick one of the flows the switch offers
 * for the call right now:
 * - transfer: Transfer (single-step, or mute where the switch has only
 *   that), Mute Transfer, Consult (initiate-transfer);
 * - conference: Add to Call (single-step), Consult (initiate-conference).
 * While consulting, the dialog follows the consult call and offers Complete
 * and Reconnect. A button shows only when its action is in the call's
 * actions-possible, and is insensitive while an action is pending. The
 * switch's refusals show as toasts with its message. The dialog closes when
 * the flow is done or the call is over.
 *
 * Properties (construct-only): "session" (AdSession), "interaction"
 * (AdInteraction, the call to transfer: Call_1), "conference" (gboolean). */

#define AD_TYPE_TRANSFER_DIALOG (ad_transfer_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AdTransferDialog, ad_transfer_dialog, AD, TRANSFER_DIALOG, AdwWindow)

void ad_transfer_dialog_present (GtkWindow     *parent,
                                 AdSession     *session,
                                 AdInteraction *interaction,
                                 gboolean       conference);

G_END_DECLS
