/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "agentdesk-client.h"

G_BEGIN_DECLS

/* The wallboard's sign-in screen, for a supervisor at the wall display:
 * the switch's address, user name and password. Submitting signs a new
 * AdWallboard in (ad_wallboard_start_async) and, when the switch takes the
 * credentials, emits "signed-in" with the running board. With "remember"
 * on, the address and user name go to GSettings and the password to the
 * keyring (libsecret, the agent desktop's schema), so the next start opens
 * the board at once; with it off, a password kept there is forgotten.
 * Failures say what to fix: a wrong password, a switch out of reach, an
 * account that is not a supervisor's. Dark, and full screen when the
 * wallboard-fullscreen setting says so, like the board.
 *
 * Properties: "settings" (GSettings of the application's schema,
 * construct-only), "busy" (gboolean, read-only), "remember" (gboolean,
 * read/write, default TRUE), "error" (string or NULL, read-only: the
 * message shown).
 * Signals: "signed-in" (AdWallboard *board). */

#define AD_TYPE_WALLBOARD_SIGN_IN (ad_wallboard_sign_in_get_type ())

G_DECLARE_FINAL_TYPE (AdWallboardSignIn, ad_wallboard_sign_in, AD, WALLBOARD_SIGN_IN,
                      AdwApplicationWindow)

GtkWidget  *ad_wallboard_sign_in_new          (GtkApplication    *application,
                                               GSettings         *settings);
void        ad_wallboard_sign_in_fill         (AdWallboardSignIn *self,
                                               const char        *server_url,
                                               const char        *username,
                                               const char        *password);
void        ad_wallboard_sign_in_submit       (AdWallboardSignIn *self);
/* Shows why a board could not sign in (as the "refused" of a board that
 * started with a remembered password). */
void        ad_wallboard_sign_in_show_error   (AdWallboardSignIn *self,
                                               const GError      *error);
gboolean    ad_wallboard_sign_in_get_busy     (AdWallboardSignIn *self);
gboolean    ad_wallboard_sign_in_get_remember (AdWallboardSignIn *self);
void        ad_wallboard_sign_in_set_remember (AdWallboardSignIn *self,
                                               gboolean           remember);
const char *ad_wallboard_sign_in_get_error    (AdWallboardSignIn *self);

G_END_DECLS
