/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "agentdesk-client.h"

G_BEGIN_DECLS

/* Tones on a call: a dial pad whose keys (clicked or typed) are sent to the
 * far end with SEND_DTMF, in order, while the call is TALKING. The dialog
 * closes when the call leaves TALKING; the keys are insensitive whenever
 * the switch does not offer SEND_DTMF.
 *
 * Properties: "interaction" (AdInteraction, construct-only). */

#define AD_TYPE_DTMF_DIALOG (ad_dtmf_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AdDtmfDialog, ad_dtmf_dialog, AD, DTMF_DIALOG, AdwWindow)

void ad_dtmf_dialog_present (GtkWindow     *parent,
                             AdInteraction *interaction);

G_END_DECLS
