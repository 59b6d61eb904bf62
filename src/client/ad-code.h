/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A {"code", "label"} pair of the center: a not-ready reason code or a
 * disposition (AdSession:reason-codes, AdSession:dispositions). Show the
 * label, send the code.
 *
 * Properties (read-only): "code" (string), "label" (string). */

#define AD_TYPE_CODE (ad_code_get_type ())

G_DECLARE_FINAL_TYPE (AdCode, ad_code, AD, CODE, GObject)

AdCode     *ad_code_new       (const char *code,
                               const char *label);
const char *ad_code_get_code  (AdCode     *self);
const char *ad_code_get_label (AdCode     *self);

G_END_DECLS
