/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "agentdesk-client.h"

G_BEGIN_DECLS

/* What the agent's sign-in page and the wallboard's sign-in tell people:
 * what is missing from the form, and what went wrong signing in, in words
 * that say what to fix. One wording for both. */

/* The address typed in, without surrounding spaces or trailing slashes
 * (a slash would double in every request path). */
char       *ad_sign_in_normalize_server_url       (const char   *text);
/* What to fill in before signing in (translated), or NULL when
 * @server_url (normalized) and @username will do. */
const char *ad_sign_in_check_form                 (const char   *server_url,
                                                   const char   *username);
/* Why signing in to the switch at @server_url failed: a wrong password,
 * a switch out of reach, a certificate refused, too many attempts, or
 * else the error's own message. */
char       *ad_sign_in_describe_error             (const GError *error,
                                                   const char   *server_url);
/* Why the certificate of the switch at @server_url was refused (an
 * AD_ERROR_CERTIFICATE @error), and what to do about it. */
char       *ad_sign_in_describe_certificate_error (const GError *error,
                                                   const char   *server_url);
/* The "tls-ca-file" setting names a file that cannot be used. */
char       *ad_sign_in_describe_ca_file_error     (const GError *error);

G_END_DECLS
