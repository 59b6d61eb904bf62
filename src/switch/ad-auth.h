/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "ad-call-center.h"
#include "ad-common.h"

G_BEGIN_DECLS

/* Users, passwords and tokens. Tokens are 256 random bits from the kernel,
 * kept only as their SHA-256 digest, compared in constant time, and expire
 * after an idle time. Config passwords are PBKDF2-HMAC-SHA256 hashes.
 *
 * Signal "session-ended" (const char *token_hash): a token was revoked or
 * expired; whatever hangs off it (subscriptions) goes too. */

#define AD_TYPE_AUTH (ad_auth_get_type ())

G_DECLARE_FINAL_TYPE (AdAuth, ad_auth, AD, AUTH, GObject)

#define AD_AUTH_DEFAULT_TOKEN_TTL  (4 * 60 * 60)
#define AD_AUTH_PBKDF2_ITERATIONS  200000

/* Who a token speaks for; owned by the AdAuth, valid until the token ends. */
typedef struct {
  char   *token_hash;   /* hex SHA-256 of the token: the session's id */
  char   *username;
  AdRole  role;
  char   *agent_id;     /* the agent; a supervisor's username */
  gint64  last_used;    /* monotonic µs */
} AdAuthSession;

AdAuth              *ad_auth_new                (void);
void                 ad_auth_set_token_ttl      (AdAuth       *self,
                                                 guint         seconds);
/* Login attempts that fail this many times within a minute, per user or
 * per address, are refused with TOO_MANY_REQUESTS (0: no limit). */
void                 ad_auth_set_login_limit    (AdAuth       *self,
                                                 guint         failures_per_minute);

/* The demo center's users: every agent of @center with its agent id as
 * username, and "supervisor"; the documented password "demo" for all. */
void                 ad_auth_load_demo          (AdAuth       *self,
                                                 AdCallCenter *center);
/* The users of a --config file (docs/protocol.md, "Users"): every
 * "agents" and "supervisors" entry with a "password" logs in with its
 * "username" (default: its "agentId"); passwords are
 * ad_auth_hash_password() strings. */
gboolean             ad_auth_load_config        (AdAuth       *self,
                                                 JsonObject   *config,
                                                 GError      **error);

/* Checks the password and opens a session: returns the new token (the
 * only time it exists in clear) and sets *@session. @address may be NULL. */
char                *ad_auth_login              (AdAuth         *self,
                                                 const char     *username,
                                                 const char     *password,
                                                 const char     *address,
                                                 AdAuthSession **session,
                                                 GError        **error);
/* The same with the password check in a worker thread, so a slow KDF does
 * not hold up the main loop. */
void                 ad_auth_login_async        (AdAuth              *self,
                                                 const char          *username,
                                                 const char          *password,
                                                 const char          *address,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
char                *ad_auth_login_finish       (AdAuth         *self,
                                                 GAsyncResult   *result,
                                                 AdAuthSession **session,
                                                 GError        **error);
/* The session of @token, touched; NULL with UNAUTHORIZED when missing,
 * unknown or expired. */
AdAuthSession       *ad_auth_check              (AdAuth       *self,
                                                 const char   *token,
                                                 GError      **error);
/* Keeps a session alive (an open event stream counts as use). */
void                 ad_auth_touch              (AdAuth       *self,
                                                 const char   *token_hash);
void                 ad_auth_revoke             (AdAuth       *self,
                                                 const char   *token_hash);
/* Drops expired sessions; returns how many. */
guint                ad_auth_expire             (AdAuth       *self);
guint                ad_auth_get_n_sessions     (AdAuth       *self);

/* "pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64" with a random salt. */
char                *ad_auth_hash_password      (const char   *password,
                                                 guint         iterations);
gboolean             ad_auth_verify_password    (const char   *hash,
                                                 const char   *password);
/* Fills @buffer from the kernel's CSPRNG. */
void                 ad_auth_random_bytes       (guint8       *buffer,
                                                 gsize         length);
/* Whether two byte strings are equal, in time independent of the contents. */
gboolean             ad_auth_equal_const_time   (const guint8 *a,
                                                 const guint8 *b,
                                                 gsize         length);

G_END_DECLS
