/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "agentdesk-client.h"

G_BEGIN_DECLS

/* What the agent's sign-in page and the wallboard's sign-in do alike with
 * their forms: show an error and the busy state, turn what was typed into
 * a client (checking the form and the "tls-ca-file" setting), and keep or
 * forget the sign-in once the switch took it. */

/* Shows @message under the form; NULL hides it. */
void      ad_sign_in_form_show_error (GtkLabel    *label,
                                      const char  *message);
/* While busy the sign-in button is off and the spinner turns. */
void      ad_sign_in_form_show_busy  (GtkWidget   *sign_in_button,
                                      GtkSpinner  *spinner,
                                      gboolean     busy);
/* A client for the address typed in @server_text, for @username, that
 * checks certificates as @settings say (ad_sign_in_page_new_client()).
 * *@server_url is the address normalized. NULL, with *@message set to what
 * to fix (translated), when the form is incomplete or the "tls-ca-file" it
 * names cannot be used. */
AdClient *ad_sign_in_form_new_client (GSettings   *settings,
                                      const char  *server_text,
                                      const char  *username,
                                      char       **server_url,
                                      char       **message);
/* After signing in: with @remember, the address and user name go to
 * @settings and @password to the keyring; without, a password kept in the
 * keyring for @username on @server_url is forgotten, so it is not filled
 * in again. Keyring failures are logged, not fatal. */
void      ad_sign_in_form_remember   (GSettings   *settings,
                                      gboolean     remember,
                                      const char  *server_url,
                                      const char  *username,
                                      const char  *password);

G_END_DECLS
