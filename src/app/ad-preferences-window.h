/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The preferences: the switch address and the certificate authorities
 * its certificate must be signed by ("tls-ca-file": a PEM file chosen with
 * the file chooser, checked before it is kept, or the system's), the color
 * scheme, and demo mode's simulation, each bound to its GSettings key. */

#define AD_TYPE_PREFERENCES_WINDOW (ad_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AdPreferencesWindow, ad_preferences_window, AD, PREFERENCES_WINDOW, AdwPreferencesWindow)

AdPreferencesWindow *ad_preferences_window_new (GSettings *settings);

G_END_DECLS
