/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What the call dialogs (new call, transfer, DTMF) share. */

/* Shows @error's message — the switch's own words — as a toast. */
void  ad_dialog_show_error       (AdwToastOverlay *overlay,
                                  const GError    *error);
/* @text without the spaces, dashes, dots and parentheses people write
 * numbers with: "+1 (555) 010-0200" → "+15550100200". */
char *ad_dialog_normalize_number (const char      *text);

G_END_DECLS
