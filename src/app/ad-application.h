/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The desktop application: one per session (starting it again presents
 * the running window), with the app.* actions, the accelerators of every
 * window action, the color scheme preference and, with --demo, the
 * in-process demo contact center. */

#define AD_TYPE_APPLICATION (ad_application_get_type ())

G_DECLARE_FINAL_TYPE (AdApplication, ad_application, AD, APPLICATION, AdwApplication)

AdApplication *ad_application_new          (GApplicationFlags  flags);
GSettings     *ad_application_get_settings (AdApplication     *self);
/* Whether the application runs the demo contact center (--demo). */
gboolean       ad_application_get_demo     (AdApplication     *self);

G_END_DECLS
