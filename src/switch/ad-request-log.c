/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdRequestLog"

#include "config.h"

#include "ad-http.h"
#include "ad-request-log.h"

#include <string.h>

#define DEFAULT_TTL_US        (10 * 60 * G_USEC_PER_SEC)
#define DEFAULT_MAX_PER_OWNER 256
#define DEFAULT_MAX_ENTRIES   65536
#define DEFAULT_MAX_BYTES     (32 * 1024 * 1024)

typedef struct _Owner Owner;

/* One id of one token: the request it named and, once it is answered, the
 * answer. */
typedef struct {
  AdRequestLog       *log;
  Owner              *owner;
  char               *id;
  guint8              fingerprint[32];  /* SHA-256 of method, target and body */
  char               *what;             /* "POST /api/v1/…", for a refusal */
  gint64              created_us;
  GList               owner_link;       /* in owner->entries, oldest first */
  GList               log_link;         /* in log->entries, oldest first */

  /* While the first request is being answered: */
  SoupServerMessage  *running;
  gulong              finished_id;
  GPtrArray          *waiters;          /* Waiter *: its repeats, paused */

  /* The answer: */
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  gsize               size;             /* what it counts in log->n_bytes */
} Entry;

typedef struct {
  Entry             *entry;
  SoupServerMessage *msg;
  gulong             disconnected_id;
} Waiter;

struct _Owner {
  char       *hash;
  GHashTable *ids;      /* id → Entry (borrowed: entries are freed by entry_forget()) */
  GQueue      entries;  /* oldest first */
};

struct _AdRequestLog
{
  GObject             parent_instance;

  AdRequestLogLimits  limits;
  GHashTable         *owners;   /* token hash → Owner */
  GHashTable         *running;  /* SoupServerMessage → Entry, first requests being answered */
  GQueue              entries;  /* every Entry, oldest first */
  gsize               n_bytes;
};

G_DEFINE_FINAL_TYPE (AdRequestLog, ad_request_log, G_TYPE_OBJECT)

/* Headers that belong to the connection or to the moment of an answer,
 * which libsoup writes afresh for a repeat. */
static const char * const unreplayed_headers[] = {
  "Connection", "Content-Length", "Date", "Keep-Alive", "Server", "Transfer-Encoding",
};

static void
owner_free (Owner *owner)
{
  g_hash_table_unref (owner->ids);
  g_free (owner->hash);
  g_free (owner);
}

static void
waiter_free (Waiter *waiter)
{
  g_clear_signal_handler (&waiter->disconnected_id, waiter->msg);
  g_object_unref (waiter->msg);
  g_free (waiter);
}

/* A repeat whose client went away needs no answer (and a message without
 * a connection cannot be unpaused). */
static void
on_waiter_disconnected (SoupServerMessage *msg,
                        Waiter            *waiter)
{
  g_ptr_array_remove_fast (waiter->entry->waiters, waiter);
}

static gboolean
is_state_changing (const char *method)
{
  return strcmp (method, "POST") == 0 || strcmp (method, "PUT") == 0 ||
         strcmp (method, "PATCH") == 0 || strcmp (method, "DELETE") == 0;
}

static gboolean
is_valid_id (const char *id)
{
  gsize length = strlen (id);

  if (length == 0 || length > AD_REQUEST_LOG_MAX_ID_LENGTH)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (id[i] < '!' || id[i] > '~')
      return FALSE;

  return TRUE;
}

/* What makes a repeat the same request: method, path, query and the body,
 * byte for byte. */
static void
compute_fingerprint (SoupServerMessage *msg,
                     guint8             digest[32])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  gsize size;
  const guint8 *data = g_bytes_get_data (body, &size);
  gsize digest_size = 32;

  g_checksum_update (checksum, (const guchar *) soup_server_message_get_method (msg), -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) g_uri_get_path (uri), -1);
  /* "?" only with a query, so that "/a?" and "/a" differ. */
  if (query != NULL)
    {
      g_checksum_update (checksum, (const guchar *) "?", 1);
      g_checksum_update (checksum, (const guchar *) query, -1);
    }
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  if (size > 0)
    g_checksum_update (checksum, data, size);
  g_checksum_get_digest (checksum, digest, &digest_size);
}

static void
add_header_size (const char *name,
                 const char *value,
                 gpointer    user_data)
{
  gsize *size = user_data;

  *size += strlen (name) + strlen (value) + 2;
}

static void
copy_header (const char *name,
             const char *value,
             gpointer    user_data)
{
  SoupMessageHeaders *headers = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (unreplayed_headers); i++)
    if (g_ascii_strcasecmp (name, unreplayed_headers[i]) == 0)
      return;

  soup_message_headers_append (headers, name, value);
}

/* Gives @msg the answer of @entry. */
static void
replay (Entry             *entry,
        SoupServerMessage *msg)
{
  soup_server_message_set_status (msg, entry->status, NULL);
  soup_message_headers_foreach (entry->headers, copy_header,
                                soup_server_message_get_response_headers (msg));
  if (g_bytes_get_size (entry->body) > 0)
    soup_message_body_append_bytes (soup_server_message_get_response_body (msg), entry->body);
}

static void
answer_waiters (Entry         *entry,
                const GError  *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&entry->waiters);

  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (waiters, i);

      if (error != NULL)
        ad_http_respond_error (waiter->msg, error);
      else
        replay (entry, waiter->msg);
      soup_server_message_unpause (waiter->msg);
    }

  entry->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
}

static void
stop_running (Entry *entry)
{
  if (entry->running == NULL)
    return;

  g_hash_table_remove (entry->log->running, entry->running);
  g_clear_signal_handler (&entry->finished_id, entry->running);
  g_clear_object (&entry->running);
}

static void
entry_free (Entry *entry)
{
  stop_running (entry);
  g_ptr_array_unref (entry->waiters);
  g_clear_pointer (&entry->headers, soup_message_headers_unref);
  g_clear_pointer (&entry->body, g_bytes_unref);
  g_free (entry->id);
  g_free (entry->what);
  g_free (entry);
}

/* Drops @entry. Repeats still waiting for its answer get @error instead
 * (NULL: they are dropped unanswered, as when the server goes away). */
static void
entry_forget (Entry        *entry,
              const GError *error)
{
  AdRequestLog *self = entry->log;
  Owner *owner = entry->owner;

  if (error != NULL)
    answer_waiters (entry, error);

  g_queue_unlink (&owner->entries, &entry->owner_link);
  g_queue_unlink (&self->entries, &entry->log_link);
  g_hash_table_remove (owner->ids, entry->id);
  self->n_bytes -= entry->size;
  entry_free (entry);

  if (owner->entries.length == 0)
    g_hash_table_remove (self->owners, owner->hash);
}

/* Forgets the oldest answered entry from @link on (entries still running
 * stay until they are answered); FALSE when there is none. */
static gboolean
forget_oldest (GList *link)
{
  for (; link != NULL; link = link->next)
    {
      Entry *entry = link->data;

      if (entry->running == NULL)
        {
          entry_forget (entry, NULL);
          return TRUE;
        }
    }

  return FALSE;
}

static void
enforce_bounds (AdRequestLog *self,
                Owner        *owner)
{
  while (owner->entries.length > self->limits.max_per_owner &&
         forget_oldest (owner->entries.head))
    ;

  while ((self->entries.length > self->limits.max_entries ||
          self->n_bytes > self->limits.max_bytes) &&
         forget_oldest (self->entries.head))
    ;
}

/* The first request of @entry is answered: keep the answer, and give it
 * to the repeats that waited for it. */
static void
record (Entry             *entry,
        SoupServerMessage *msg)
{
  AdRequestLog *self = entry->log;
  gsize size = 0;

  entry->status = soup_server_message_get_status (msg);
  entry->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  soup_message_headers_foreach (soup_server_message_get_response_headers (msg), copy_header,
                                entry->headers);
  entry->body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  stop_running (entry);

  soup_message_headers_foreach (entry->headers, add_header_size, &size);
  size += g_bytes_get_size (entry->body);
  entry->size += size;
  self->n_bytes += size;

  g_debug ("Remembered %u for request id %s", entry->status, entry->id);
  answer_waiters (entry, NULL);
  enforce_bounds (self, entry->owner);
}

/* A first request that its handler answered later (it paused it). */
static void
on_running_finished (SoupServerMessage *msg,
                     Entry             *entry)
{
  g_autoptr(GError) error = NULL;

  if (soup_server_message_get_status (msg) != SOUP_STATUS_NONE)
    {
      record (entry, msg);
      return;
    }

  /* It ended without an answer (its connection closed as the switch
   * stopped): whether it ran is unknown, so nothing is remembered. */
  error = g_error_new (AD_ERROR, AD_ERROR_INTERNAL,
                       "The first request with the id “%s” ended without an answer", entry->id);
  entry_forget (entry, error);
}

static void
on_session_ended (AdAuth       *auth,
                  const char   *token_hash,
                  AdRequestLog *self)
{
  Owner *owner = g_hash_table_lookup (self->owners, token_hash);
  g_autoptr(GError) error = NULL;

  if (owner == NULL)
    return;

  error = g_error_new_literal (AD_ERROR, AD_ERROR_UNAUTHORIZED,
                               "The token was revoked or expired");
  /* The last entry frees the owner. */
  for (guint n = owner->entries.length; n > 0; n--)
    entry_forget (owner->entries.head->data, error);
}

void
ad_request_log_limits_init (AdRequestLogLimits *limits)
{
  limits->ttl_us = DEFAULT_TTL_US;
  limits->max_per_owner = DEFAULT_MAX_PER_OWNER;
  limits->max_entries = DEFAULT_MAX_ENTRIES;
  limits->max_bytes = DEFAULT_MAX_BYTES;
}

AdRequestLog *
ad_request_log_new (AdAuth                   *auth,
                    const AdRequestLogLimits *limits)
{
  AdRequestLog *self;

  g_return_val_if_fail (AD_IS_AUTH (auth), NULL);
  g_return_val_if_fail (limits != NULL, NULL);

  self = g_object_new (AD_TYPE_REQUEST_LOG, NULL);
  self->limits = *limits;
  self->limits.max_per_owner = MAX (self->limits.max_per_owner, 1);
  self->limits.max_entries = MAX (self->limits.max_entries, 1);
  g_signal_connect_object (auth, "session-ended", G_CALLBACK (on_session_ended), self, 0);
  return self;
}

gboolean
ad_request_log_begin (AdRequestLog      *self,
                      SoupServerMessage *msg,
                      const char        *owner_hash)
{
  SoupMessageHeaders *headers;
  const char *id;
  guint8 fingerprint[32];
  Owner *owner;
  Entry *entry;

  g_return_val_if_fail (AD_IS_REQUEST_LOG (self), TRUE);
  g_return_val_if_fail (SOUP_IS_SERVER_MESSAGE (msg), TRUE);

  /* Reads are repeated at will: their ids mean nothing. */
  if (!is_state_changing (soup_server_message_get_method (msg)))
    return TRUE;

  /* Two headers come as "a, b", which is refused: a space is not part
   * of an id. */
  headers = soup_server_message_get_request_headers (msg);
  id = soup_message_headers_get_list (headers, AD_REQUEST_LOG_HEADER);
  if (id == NULL)
    return TRUE;

  if (!is_valid_id (id))
    {
      ad_http_respond_error_literal (msg, AD_ERROR_INVALID_REQUEST,
                                     "The X-Request-Id header must be one id of 1 to 64 "
                                     "visible ASCII characters");
      return FALSE;
    }

  if (owner_hash == NULL)
    return TRUE;

  ad_request_log_expire (self, g_get_monotonic_time ());
  compute_fingerprint (msg, fingerprint);

  owner = g_hash_table_lookup (self->owners, owner_hash);
  entry = owner != NULL ? g_hash_table_lookup (owner->ids, id) : NULL;
  if (entry != NULL)
    {
      if (memcmp (entry->fingerprint, fingerprint, sizeof fingerprint) != 0)
        {
          g_autofree char *message =
            g_strdup_printf ("The request id “%s” was given to another request (%s); "
                             "every request needs an id of its own", id, entry->what);

          ad_http_respond_error_literal (msg, AD_ERROR_INVALID_REQUEST, message);
          soup_server_message_set_status (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, NULL);
          return FALSE;
        }

      if (entry->running != NULL)
        {
          Waiter *waiter = g_new0 (Waiter, 1);

          g_debug ("Request id %s repeated while it runs: waiting for its answer", id);
          waiter->entry = entry;
          waiter->msg = g_object_ref (msg);
          waiter->disconnected_id = g_signal_connect (msg, "disconnected",
                                                      G_CALLBACK (on_waiter_disconnected),
                                                      waiter);
          g_ptr_array_add (entry->waiters, waiter);
          soup_server_message_pause (msg);
          return FALSE;
        }

      g_debug ("Request id %s repeated: answering %u from memory", id, entry->status);
      replay (entry, msg);
      return FALSE;
    }

  if (owner == NULL)
    {
      owner = g_new0 (Owner, 1);
      owner->hash = g_strdup (owner_hash);
      owner->ids = g_hash_table_new (g_str_hash, g_str_equal);
      g_queue_init (&owner->entries);
      g_hash_table_insert (self->owners, owner->hash, owner);
    }

  entry = g_new0 (Entry, 1);
  entry->log = self;
  entry->owner = owner;
  entry->id = g_strdup (id);
  memcpy (entry->fingerprint, fingerprint, sizeof fingerprint);
  entry->what = g_strdup_printf ("%s %s", soup_server_message_get_method (msg),
                                 g_uri_get_path (soup_server_message_get_uri (msg)));
  entry->created_us = g_get_monotonic_time ();
  entry->owner_link.data = entry;
  entry->log_link.data = entry;
  entry->running = g_object_ref (msg);
  entry->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
  entry->size = sizeof *entry + strlen (entry->id) + strlen (entry->what);

  g_hash_table_insert (owner->ids, entry->id, entry);
  g_queue_push_tail_link (&owner->entries, &entry->owner_link);
  g_queue_push_tail_link (&self->entries, &entry->log_link);
  g_hash_table_insert (self->running, msg, entry);
  self->n_bytes += entry->size;

  enforce_bounds (self, owner);
  return TRUE;
}

void
ad_request_log_end (AdRequestLog      *self,
                    SoupServerMessage *msg)
{
  Entry *entry;

  g_return_if_fail (AD_IS_REQUEST_LOG (self));
  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));

  /* Not taken, or its token ended while it ran (a sign-out). */
  entry = g_hash_table_lookup (self->running, msg);
  if (entry == NULL)
    return;

  /* A handler that answers later pauses the message and leaves its
   * status unset until then. */
  if (soup_server_message_get_status (msg) == SOUP_STATUS_NONE)
    {
      entry->finished_id = g_signal_connect (msg, "finished",
                                             G_CALLBACK (on_running_finished), entry);
      return;
    }

  record (entry, msg);
}

void
ad_request_log_expire (AdRequestLog *self,
                       gint64        now_us)
{
  GList *link, *next;

  g_return_if_fail (AD_IS_REQUEST_LOG (self));

  for (link = self->entries.head; link != NULL; link = next)
    {
      Entry *entry = link->data;

      next = link->next;
      if (now_us - entry->created_us < self->limits.ttl_us)
        break;
      if (entry->running == NULL)
        entry_forget (entry, NULL);
    }
}

guint
ad_request_log_get_n_ids (AdRequestLog *self,
                          const char   *owner_hash)
{
  Owner *owner;

  g_return_val_if_fail (AD_IS_REQUEST_LOG (self), 0);

  if (owner_hash == NULL)
    return self->entries.length;

  owner = g_hash_table_lookup (self->owners, owner_hash);
  return owner != NULL ? owner->entries.length : 0;
}

static void
ad_request_log_dispose (GObject *object)
{
  AdRequestLog *self = AD_REQUEST_LOG (object);

  while (self->entries.head != NULL)
    entry_forget (self->entries.head->data, NULL);

  G_OBJECT_CLASS (ad_request_log_parent_class)->dispose (object);
}

static void
ad_request_log_finalize (GObject *object)
{
  AdRequestLog *self = AD_REQUEST_LOG (object);

  g_hash_table_unref (self->owners);
  g_hash_table_unref (self->running);

  G_OBJECT_CLASS (ad_request_log_parent_class)->finalize (object);
}

static void
ad_request_log_class_init (AdRequestLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ad_request_log_dispose;
  object_class->finalize = ad_request_log_finalize;
}

static void
ad_request_log_init (AdRequestLog *self)
{
  self->owners = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) owner_free);
  self->running = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->entries);
}
