/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A telephone keypad: 1–9, *, 0 and # in four rows of three, each key with
 * the letters a phone prints under it. Clicking a key, or typing a dial
 * character while the keypad (or a widget that forwards keys with
 * ad_dialpad_press_keyval()) has the focus, emits "digit-pressed".
 *
 * Signals: "digit-pressed" (const char *digit) — one of "0"–"9", "*", "#". */

#define AD_TYPE_DIALPAD (ad_dialpad_get_type ())

G_DECLARE_FINAL_TYPE (AdDialpad, ad_dialpad, AD, DIALPAD, GtkWidget)

GtkWidget *ad_dialpad_new           (void);
/* Emits "digit-pressed" when @keyval is a dial character (the keypad's own
 * keys included); returns whether it was. */
gboolean   ad_dialpad_press_keyval  (AdDialpad *self,
                                     guint      keyval);

G_END_DECLS
