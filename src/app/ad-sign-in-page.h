/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include <libsecret/secret.h>

#include "agentdesk-client.h"

G_BEGIN_DECLS

/* Signing in: server, user name, password and place. Submitting signs in
 * to the switch (ad_session_login_async), then logs the agent on the place
 * (ad_session_agent_login_async: the place typed in, or else the agent's
 * usual one) and emits "signed-in" with the session. With "remember" on,
 * a successful sign-in keeps the server, user name and place in GSettings
 * and the password in the keyring (libsecret, never in a file); a password
 * kept there is filled in again. With it off, a password kept there is
 * forgotten once the switch took the sign-in. Failures show a message that says what to
 * fix: a wrong password, a switch out of reach, a place refused, a
 * certificate refused. The certificates of an https:// switch are checked
 * against the system's authorities, or only against those of the PEM file
 * in the "tls-ca-file" setting when it is set.
 *
 * Properties: "busy" (gboolean, read-only), "remember" (gboolean,
 * read/write, default TRUE), "error" (string or NULL, read-only: the
 * message shown).
 * Signals: "signed-in" (AdSession *session). */

#define AD_TYPE_SIGN_IN_PAGE (ad_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (AdSignInPage, ad_sign_in_page, AD, SIGN_IN_PAGE, AdwBin)

/* The keyring schema of the passwords: attributes "server" and "username". */
const SecretSchema *ad_sign_in_page_get_secret_schema (void);
/* Keeps @password of @username on @server_url in the keyring, in the
 * background; failing to is logged, not fatal (it is asked for again). */
void                ad_sign_in_page_keep_password     (const char *server_url,
                                                       const char *username,
                                                       const char *password);

/* The certificate authorities of the PEM file @ca_file (a "tls-ca-file"),
 * or NULL with @error set, naming the file, when it cannot be read or holds
 * no certificate. */
GTlsDatabase *ad_sign_in_page_load_ca_file (const char  *ca_file,
                                            GError     **error);
/* A client for @server_url that checks certificates against the
 * authorities of @settings' "tls-ca-file" (the system's when it is empty);
 * NULL with @error set when that file cannot be read. */
AdClient   *ad_sign_in_page_new_client   (GSettings    *settings,
                                          const char   *server_url,
                                          GError      **error);
void        ad_sign_in_page_fill         (AdSignInPage *self,
                                          const char   *server_url,
                                          const char   *username,
                                          const char   *password,
                                          const char   *place_id);
void        ad_sign_in_page_submit       (AdSignInPage *self);
gboolean    ad_sign_in_page_get_busy     (AdSignInPage *self);
gboolean    ad_sign_in_page_get_remember (AdSignInPage *self);
void        ad_sign_in_page_set_remember (AdSignInPage *self,
                                          gboolean      remember);
const char *ad_sign_in_page_get_error    (AdSignInPage *self);

G_END_DECLS
