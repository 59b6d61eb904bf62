/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdAuth"

#include "config.h"

#include "ad-auth.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#define PBKDF2_PREFIX     "pbkdf2-sha256$"
#define PBKDF2_SALT_LEN   16
#define SHA256_LEN        32
#define TOKEN_LEN         32
#define LOGIN_WINDOW_US   (60 * G_USEC_PER_SEC)
#define DEMO_PASSWORD     "demo"
/* Checked against for unknown usernames, so that they take as long as
 * known ones and logins do not tell which users exist. Its password is
 * random and was thrown away. */
#define DUMMY_HASH        "pbkdf2-sha256$200000$abXKME+js2SbwNq/Hg6NzQ==$" \
                          "lZrrFNSr9naWW+h70gPf3I+Ccp9neG2HT5ASjsc+RYA="

enum {
  SESSION_ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  char    *username;
  char    *credential;  /* a PBKDF2 hash, or the demo's plain password */
  gboolean plain;
  AdRole   role;
  char    *agent_id;
} User;

typedef struct {
  AdAuthSession public;
  guint8        digest[SHA256_LEN];
} Session;

typedef struct {
  gint64 window_start;
  guint  failures;
} Attempts;

struct _AdAuth
{
  GObject     parent_instance;

  GHashTable *users;     /* username → User */
  GHashTable *sessions;  /* token hash (hex) → Session */
  GHashTable *attempts;  /* "user:NAME" / "addr:ADDRESS" → Attempts */
  gboolean    hashed;    /* some users have PBKDF2 hashes */
  gint64      token_ttl; /* µs */
  guint       login_limit;
};

G_DEFINE_FINAL_TYPE (AdAuth, ad_auth, G_TYPE_OBJECT)

static void
user_free (User *user)
{
  g_free (user->username);
  g_free (user->credential);
  g_free (user->agent_id);
  g_free (user);
}

static void
session_free (Session *session)
{
  g_free (session->public.token_hash);
  g_free (session->public.username);
  g_free (session->public.agent_id);
  g_free (session);
}

static void
add_user (AdAuth     *self,
          const char *username,
          const char *credential,
          gboolean    plain,
          AdRole      role,
          const char *agent_id)
{
  User *user = g_new0 (User, 1);

  user->username = g_strdup (username);
  user->credential = g_strdup (credential);
  user->plain = plain;
  user->role = role;
  user->agent_id = g_strdup (agent_id != NULL ? agent_id : username);
  g_hash_table_replace (self->users, user->username, user);
}

/* PBKDF2-HMAC-SHA256 (RFC 8018) for one 32-byte block, which is all a
 * SHA-256 sized key needs. */
static void
pbkdf2_sha256 (const char   *password,
               const guint8 *salt,
               gsize         salt_len,
               guint         iterations,
               guint8        out[SHA256_LEN])
{
  g_autoptr(GHmac) keyed = g_hmac_new (G_CHECKSUM_SHA256,
                                       (const guchar *) password, strlen (password));
  g_autoptr(GHmac) first = g_hmac_copy (keyed);
  static const guint8 block_index[4] = { 0, 0, 0, 1 };
  guint8 u[SHA256_LEN];
  gsize len = SHA256_LEN;

  g_hmac_update (first, salt, salt_len);
  g_hmac_update (first, block_index, sizeof block_index);
  g_hmac_get_digest (first, u, &len);
  memcpy (out, u, SHA256_LEN);

  for (guint i = 1; i < iterations; i++)
    {
      g_autoptr(GHmac) next = g_hmac_copy (keyed);

      g_hmac_update (next, u, SHA256_LEN);
      len = SHA256_LEN;
      g_hmac_get_digest (next, u, &len);
      for (guint j = 0; j < SHA256_LEN; j++)
        out[j] ^= u[j];
    }
}

static void
digest_token (const char *token,
              guint8      digest[SHA256_LEN],
              char      **hex)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = SHA256_LEN;

  g_checksum_update (checksum, (const guchar *) token, strlen (token));
  g_checksum_get_digest (checksum, digest, &len);
  if (hex != NULL)
    *hex = g_strdup (g_checksum_get_string (checksum));
}

/* base64url without padding, as tokens travel in headers. */
static char *
base64url_encode (const guint8 *data,
                  gsize         len)
{
  char *text = g_base64_encode (data, len);

  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }

  return text;
}

static gboolean
attempts_exceeded (AdAuth     *self,
                   const char *key,
                   gint64      now)
{
  Attempts *attempts = g_hash_table_lookup (self->attempts, key);

  if (self->login_limit == 0 || attempts == NULL)
    return FALSE;
  if (now - attempts->window_start >= LOGIN_WINDOW_US)
    return FALSE;
  return attempts->failures >= self->login_limit;
}

static void
attempts_failed (AdAuth     *self,
                 const char *key,
                 gint64      now)
{
  Attempts *attempts = g_hash_table_lookup (self->attempts, key);

  if (attempts == NULL)
    {
      attempts = g_new0 (Attempts, 1);
      g_hash_table_insert (self->attempts, g_strdup (key), attempts);
    }

  if (now - attempts->window_start >= LOGIN_WINDOW_US)
    {
      attempts->window_start = now;
      attempts->failures = 0;
    }
  attempts->failures++;
}

static gboolean
attempt_is_stale (gpointer key,
                  gpointer value,
                  gpointer user_data)
{
  Attempts *attempts = value;
  gint64 now = *(gint64 *) user_data;

  return now - attempts->window_start >= LOGIN_WINDOW_US;
}

void
ad_auth_random_bytes (guint8 *buffer,
                      gsize   length)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("The kernel's random number generator failed: %s", g_strerror (errno));
        }
      done += n;
    }
}

gboolean
ad_auth_equal_const_time (const guint8 *a,
                          const guint8 *b,
                          gsize         length)
{
  guint8 diff = 0;

  for (gsize i = 0; i < length; i++)
    diff |= a[i] ^ b[i];

  return diff == 0;
}

char *
ad_auth_hash_password (const char *password,
                       guint       iterations)
{
  guint8 salt[PBKDF2_SALT_LEN];
  guint8 key[SHA256_LEN];
  g_autofree char *salt_b64 = NULL;
  g_autofree char *key_b64 = NULL;

  g_return_val_if_fail (password != NULL, NULL);
  g_return_val_if_fail (iterations > 0, NULL);

  ad_auth_random_bytes (salt, sizeof salt);
  pbkdf2_sha256 (password, salt, sizeof salt, iterations, key);
  salt_b64 = g_base64_encode (salt, sizeof salt);
  key_b64 = g_base64_encode (key, sizeof key);

  return g_strdup_printf (PBKDF2_PREFIX "%u$%s$%s", iterations, salt_b64, key_b64);
}

/* Splits a PBKDF2 hash string; FALSE when it is not one. */
static gboolean
parse_hash (const char  *hash,
            guint64     *iterations,
            guint8     **salt,
            gsize       *salt_len,
            guint8     **key,
            gsize       *key_len)
{
  g_auto(GStrv) parts = NULL;

  if (hash == NULL || !g_str_has_prefix (hash, PBKDF2_PREFIX))
    return FALSE;

  parts = g_strsplit (hash + strlen (PBKDF2_PREFIX), "$", -1);
  if (g_strv_length (parts) != 3 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXUINT32, iterations, NULL) ||
      parts[1][0] == '\0' || parts[2][0] == '\0')
    return FALSE;

  *salt = g_base64_decode (parts[1], salt_len);
  *key = g_base64_decode (parts[2], key_len);
  if (*key_len != SHA256_LEN || *salt_len == 0)
    {
      g_clear_pointer (salt, g_free);
      g_clear_pointer (key, g_free);
      return FALSE;
    }

  return TRUE;
}

gboolean
ad_auth_verify_password (const char *hash,
                         const char *password)
{
  g_autofree guint8 *salt = NULL;
  g_autofree guint8 *key = NULL;
  gsize salt_len, key_len;
  guint64 iterations;
  guint8 computed[SHA256_LEN];

  if (!parse_hash (hash, &iterations, &salt, &salt_len, &key, &key_len))
    return FALSE;

  pbkdf2_sha256 (password, salt, salt_len, iterations, computed);
  return ad_auth_equal_const_time (computed, key, SHA256_LEN);
}

AdAuth *
ad_auth_new (void)
{
  return g_object_new (AD_TYPE_AUTH, NULL);
}

void
ad_auth_set_token_ttl (AdAuth *self,
                       guint   seconds)
{
  g_return_if_fail (AD_IS_AUTH (self));
  g_return_if_fail (seconds > 0);

  self->token_ttl = (gint64) seconds * G_USEC_PER_SEC;
}

void
ad_auth_set_login_limit (AdAuth *self,
                         guint   failures_per_minute)
{
  g_return_if_fail (AD_IS_AUTH (self));

  self->login_limit = failures_per_minute;
}

void
ad_auth_load_demo (AdAuth       *self,
                   AdCallCenter *center)
{
  g_autoptr(JsonArray) agents = ad_call_center_list_agents (center);

  /* The demo center's password is documented in the contract, so it is
   * the one credential kept in clear. */
  for (guint i = 0; i < json_array_get_length (agents); i++)
    {
      JsonObject *agent = json_array_get_object_element (agents, i);
      const char *agent_id = ad_json_string_or_null (agent, "agentId");

      if (agent_id != NULL)
        add_user (self, agent_id, DEMO_PASSWORD, TRUE, AD_ROLE_AGENT, agent_id);
    }
  add_user (self, "supervisor", DEMO_PASSWORD, TRUE, AD_ROLE_SUPERVISOR, NULL);
}

/* A config user's password must be a hash: a config file is a file
 * people copy around, so it never holds a usable password. */
static gboolean
load_user (AdAuth      *self,
           JsonObject  *entry,
           const char  *path,
           AdRole       role,
           GError     **error)
{
  const char *username, *password, *agent_id;
  g_autofree guint8 *salt = NULL;
  g_autofree guint8 *key = NULL;
  gsize salt_len, key_len;
  guint64 iterations;

  if (!ad_json_get_string (entry, "agentId", role == AD_ROLE_AGENT, &agent_id, error) ||
      !ad_json_get_string (entry, "username", agent_id == NULL, &username, error) ||
      !ad_json_get_string (entry, "password", FALSE, &password, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }

  if (username == NULL)
    username = agent_id;

  if (password == NULL)
    {
      g_warning ("%s (“%s”) has no password and cannot log in", path, username);
      return TRUE;
    }

  if (!parse_hash (password, &iterations, &salt, &salt_len, &key, &key_len))
    {
      g_set_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
                   "%s (“%s”): the password must be a pbkdf2-sha256 hash "
                   "(make one with agentdesk-switch --hash-password)", path, username);
      return FALSE;
    }

  add_user (self, username, password, FALSE, role, agent_id);
  self->hashed = TRUE;
  return TRUE;
}

static gboolean
load_users (AdAuth      *self,
            JsonObject  *config,
            const char  *member,
            AdRole       role,
            GError     **error)
{
  JsonArray *entries;

  if (!ad_json_get_array (config, member, FALSE, &entries, error))
    return FALSE;

  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      g_autofree char *path = g_strdup_printf ("%s[%u]", member, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
                       "%s must be an object", path);
          return FALSE;
        }
      if (!load_user (self, json_node_get_object (node), path, role, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
ad_auth_load_config (AdAuth      *self,
                     JsonObject  *config,
                     GError     **error)
{
  return load_users (self, config, "agents", AD_ROLE_AGENT, error) &&
         load_users (self, config, "supervisors", AD_ROLE_SUPERVISOR, error);
}

static gboolean
login_allowed (AdAuth      *self,
               const char  *username,
               const char  *address,
               GError     **error)
{
  g_autofree char *user_key = g_strconcat ("user:", username, NULL);
  g_autofree char *addr_key = g_strconcat ("addr:", address != NULL ? address : "", NULL);
  gint64 now = g_get_monotonic_time ();

  if (attempts_exceeded (self, user_key, now) || attempts_exceeded (self, addr_key, now))
    {
      g_set_error_literal (error, AD_ERROR, AD_ERROR_TOO_MANY_REQUESTS,
                           "Too many failed login attempts; try again in a minute");
      return FALSE;
    }

  return TRUE;
}

/* Thread-safe: touches nothing but its arguments. */
static gboolean
check_credential (const char *credential,
                  gboolean    plain,
                  const char *password)
{
  if (credential == NULL)
    return FALSE;
  if (plain)
    return strlen (password) == strlen (credential) &&
           ad_auth_equal_const_time ((const guint8 *) password, (const guint8 *) credential,
                                     strlen (password));
  return ad_auth_verify_password (credential, password);
}

/* After the password check: counts a failure, or opens the session. */
static char *
open_session (AdAuth         *self,
              const char     *username,
              const char     *address,
              gboolean        ok,
              AdAuthSession **session_out,
              GError        **error)
{
  User *user = g_hash_table_lookup (self->users, username);
  gint64 now = g_get_monotonic_time ();
  guint8 token_bytes[TOKEN_LEN];
  g_autofree char *token = NULL;
  Session *session;

  if (!ok || user == NULL)
    {
      g_autofree char *user_key = g_strconcat ("user:", username, NULL);
      g_autofree char *addr_key = g_strconcat ("addr:", address != NULL ? address : "", NULL);

      attempts_failed (self, user_key, now);
      attempts_failed (self, addr_key, now);
      g_set_error_literal (error, AD_ERROR, AD_ERROR_UNAUTHORIZED,
                           "Wrong username or password");
      return NULL;
    }

  ad_auth_random_bytes (token_bytes, sizeof token_bytes);
  token = base64url_encode (token_bytes, sizeof token_bytes);

  session = g_new0 (Session, 1);
  digest_token (token, session->digest, &session->public.token_hash);
  session->public.username = g_strdup (user->username);
  session->public.role = user->role;
  session->public.agent_id = g_strdup (user->agent_id);
  session->public.last_used = now;
  g_hash_table_replace (self->sessions, session->public.token_hash, session);

  g_debug ("%s logged in as %s", username, ad_role_to_string (user->role));

  if (session_out != NULL)
    *session_out = &session->public;
  return g_steal_pointer (&token);
}

char *
ad_auth_login (AdAuth         *self,
               const char     *username,
               const char     *password,
               const char     *address,
               AdAuthSession **session_out,
               GError        **error)
{
  User *user;

  g_return_val_if_fail (AD_IS_AUTH (self), NULL);

  if (!login_allowed (self, username, address, error))
    return NULL;

  user = g_hash_table_lookup (self->users, username);
  if (user == NULL)
    {
      if (self->hashed)
        check_credential (DUMMY_HASH, FALSE, password);
      return open_session (self, username, address, FALSE, session_out, error);
    }
  return open_session (self, username, address,
                       check_credential (user->credential, user->plain, password),
                       session_out, error);
}

typedef struct {
  char     *username;
  char     *address;
  char     *password;
  char     *credential;
  gboolean  plain;
  gboolean  unknown;  /* spend the time of a real check, then fail */
} LoginData;

static void
login_data_free (LoginData *data)
{
  g_free (data->username);
  g_free (data->address);
  g_free (data->password);
  g_free (data->credential);
  g_free (data);
}

static void
check_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  LoginData *data = task_data;

  if (data->unknown)
    {
      check_credential (DUMMY_HASH, FALSE, data->password);
      g_task_return_boolean (task, FALSE);
      return;
    }

  g_task_return_boolean (task, check_credential (data->credential, data->plain, data->password));
}

void
ad_auth_login_async (AdAuth              *self,
                     const char          *username,
                     const char          *password,
                     const char          *address,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  LoginData *data;
  User *user;

  g_return_if_fail (AD_IS_AUTH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ad_auth_login_async);

  if (!login_allowed (self, username, address, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  user = g_hash_table_lookup (self->users, username);
  data = g_new0 (LoginData, 1);
  data->username = g_strdup (username);
  data->address = g_strdup (address);
  data->password = g_strdup (password);
  data->credential = user != NULL ? g_strdup (user->credential) : NULL;
  data->plain = user != NULL && user->plain;
  data->unknown = user == NULL && self->hashed;
  g_task_set_task_data (task, data, (GDestroyNotify) login_data_free);

  /* A real KDF takes a noticeable time: keep it off the main loop. */
  g_task_run_in_thread (task, check_in_thread);
}

char *
ad_auth_login_finish (AdAuth         *self,
                      GAsyncResult   *result,
                      AdAuthSession **session,
                      GError        **error)
{
  LoginData *data;
  gboolean ok;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  ok = g_task_propagate_boolean (G_TASK (result), error);
  if (data == NULL)
    return NULL;  /* refused before the check */

  return open_session (self, data->username, data->address, ok, session, error);
}

static gboolean
session_expired (AdAuth  *self,
                 Session *session,
                 gint64   now)
{
  return now - session->public.last_used > self->token_ttl;
}

AdAuthSession *
ad_auth_check (AdAuth      *self,
               const char  *token,
               GError     **error)
{
  guint8 digest[SHA256_LEN];
  g_autofree char *hex = NULL;
  Session *session;
  gint64 now = g_get_monotonic_time ();

  g_return_val_if_fail (AD_IS_AUTH (self), NULL);

  if (token == NULL)
    {
      g_set_error_literal (error, AD_ERROR, AD_ERROR_UNAUTHORIZED,
                           "This request needs “Authorization: Bearer <token>”");
      return NULL;
    }

  digest_token (token, digest, &hex);
  session = g_hash_table_lookup (self->sessions, hex);
  if (session == NULL || !ad_auth_equal_const_time (digest, session->digest, SHA256_LEN))
    {
      g_set_error_literal (error, AD_ERROR, AD_ERROR_UNAUTHORIZED,
                           "The token is unknown or was revoked");
      return NULL;
    }

  if (session_expired (self, session, now))
    {
      ad_auth_revoke (self, hex);
      g_set_error_literal (error, AD_ERROR, AD_ERROR_UNAUTHORIZED,
                           "The token has expired; log in again");
      return NULL;
    }

  session->public.last_used = now;
  return &session->public;
}

void
ad_auth_touch (AdAuth     *self,
               const char *token_hash)
{
  Session *session = g_hash_table_lookup (self->sessions, token_hash);

  if (session != NULL)
    session->public.last_used = g_get_monotonic_time ();
}

void
ad_auth_revoke (AdAuth     *self,
                const char *token_hash)
{
  g_autofree char *hash = g_strdup (token_hash);

  if (g_hash_table_remove (self->sessions, hash))
    g_signal_emit (self, signals[SESSION_ENDED], 0, hash);
}

guint
ad_auth_expire (AdAuth *self)
{
  g_autoptr(GPtrArray) expired = g_ptr_array_new_with_free_func (g_free);
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  Session *session;

  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &session))
    if (session_expired (self, session, now))
      g_ptr_array_add (expired, g_strdup (session->public.token_hash));

  for (guint i = 0; i < expired->len; i++)
    ad_auth_revoke (self, g_ptr_array_index (expired, i));

  g_hash_table_foreach_remove (self->attempts, attempt_is_stale, &now);

  return expired->len;
}

guint
ad_auth_get_n_sessions (AdAuth *self)
{
  return g_hash_table_size (self->sessions);
}

static void
ad_auth_finalize (GObject *object)
{
  AdAuth *self = AD_AUTH (object);

  g_clear_pointer (&self->users, g_hash_table_unref);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->attempts, g_hash_table_unref);

  G_OBJECT_CLASS (ad_auth_parent_class)->finalize (object);
}

static void
ad_auth_class_init (AdAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ad_auth_finalize;

  signals[SESSION_ENDED] =
    g_signal_new ("session-ended",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ad_auth_init (AdAuth *self)
{
  self->users = g_hash_table_new_full (g_str_hash, g_str_equal,
                                       NULL, (GDestroyNotify) user_free);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal,
                                          NULL, (GDestroyNotify) session_free);
  self->attempts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->token_ttl = (gint64) AD_AUTH_DEFAULT_TOKEN_TTL * G_USEC_PER_SEC;
}
