/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdDialog"

#include "config.h"

#include "ad-dialog-util.h"

#include <string.h>

void
ad_dialog_show_error (AdwToastOverlay *overlay,
                      const GError    *error)
{
  g_autofree char *markup = NULL;
  AdwToast *toast;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (error != NULL);

  g_debug ("Refused: %s", error->message);
  /* A toast's title is markup. */
  markup = g_markup_escape_text (error->message, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (overlay, toast);
}

char *
ad_dialog_normalize_number (const char *text)
{
  GString *number = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && strchr ("-.()/", *p) == NULL)
      g_string_append_c (number, *p);
  return g_string_free (number, FALSE);
}
