/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdHistory"

#include "config.h"

#include "ad-history.h"

#include <sqlite3.h>

struct _AdHistory
{
  GObject       parent_instance;

  sqlite3      *db;
  sqlite3_stmt *insert;
  sqlite3_stmt *list_agent;
  sqlite3_stmt *list_all;
};

G_DEFINE_FINAL_TYPE (AdHistory, ad_history, G_TYPE_OBJECT)

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS records ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  interaction_id TEXT NOT NULL,"
  "  agent_id TEXT,"
  "  ended_at TEXT,"
  "  record TEXT NOT NULL);"
  "CREATE INDEX IF NOT EXISTS records_agent ON records (agent_id, seq);";

static gboolean
fail (AdHistory   *self,
      const char  *what,
      GError     **error)
{
  g_set_error (error, AD_ERROR, AD_ERROR_STORAGE_FAILED,
               "Contact history: %s failed: %s", what,
               self->db != NULL ? sqlite3_errmsg (self->db) : "no database");
  return FALSE;
}

static gboolean
exec (AdHistory   *self,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return fail (self, sql, error);
  return TRUE;
}

static gboolean
prepare (AdHistory     *self,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  if (sqlite3_prepare_v2 (self->db, sql, -1, stmt, NULL) != SQLITE_OK)
    return fail (self, "preparing a statement", error);
  return TRUE;
}

AdHistory *
ad_history_new (const char  *path,
                GError     **error)
{
  g_autoptr(AdHistory) self = g_object_new (AD_TYPE_HISTORY, NULL);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;

  if (sqlite3_open_v2 (path != NULL ? path : ":memory:", &self->db, flags, NULL) != SQLITE_OK)
    {
      fail (self, "opening the database", error);
      return NULL;
    }

  sqlite3_busy_timeout (self->db, 5000);

  /* WAL with full synchronous commits: a record is on disk once
   * ad_history_add() returns, so a SIGKILL right after loses nothing. */
  if ((path != NULL && !exec (self, "PRAGMA journal_mode=WAL;", error)) ||
      !exec (self, "PRAGMA synchronous=FULL;", error) ||
      !exec (self, schema, error) ||
      !prepare (self,
                "INSERT INTO records (interaction_id, agent_id, ended_at, record) "
                "VALUES (?1, ?2, ?3, ?4);", &self->insert, error) ||
      !prepare (self,
                "SELECT record FROM records WHERE agent_id = ?1 "
                "ORDER BY seq DESC LIMIT ?2;", &self->list_agent, error) ||
      !prepare (self,
                "SELECT record FROM records ORDER BY seq DESC LIMIT ?1;",
                &self->list_all, error))
    return NULL;

  g_debug ("Contact history in %s", path != NULL ? path : "memory");
  return g_steal_pointer (&self);
}

gboolean
ad_history_set_max_bytes (AdHistory  *self,
                          guint64     max_bytes,
                          GError    **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 page_size = 4096;

  g_return_val_if_fail (AD_IS_HISTORY (self), FALSE);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA page_size;", -1, &stmt, NULL) == SQLITE_OK)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        page_size = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }

  sql = g_strdup_printf ("PRAGMA max_page_count=%" G_GUINT64_FORMAT ";",
                         max_bytes == 0 ? (guint64) G_MAXUINT32
                                        : MAX (max_bytes / page_size, 1));
  return exec (self, sql, error);
}

gboolean
ad_history_add (AdHistory   *self,
                JsonObject  *record,
                GError     **error)
{
  g_autofree char *text = NULL;
  int rc;

  g_return_val_if_fail (AD_IS_HISTORY (self), FALSE);

  if (self->db == NULL)
    return fail (self, "writing a record", error);

  text = ad_json_object_to_string (record);
  sqlite3_reset (self->insert);
  sqlite3_bind_text (self->insert, 1, ad_json_string_or_null (record, "interactionId"),
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (self->insert, 2, ad_json_string_or_null (record, "agentId"),
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (self->insert, 3, ad_json_string_or_null (record, "endedAt"),
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (self->insert, 4, text, -1, SQLITE_STATIC);

  rc = sqlite3_step (self->insert);
  sqlite3_reset (self->insert);
  sqlite3_clear_bindings (self->insert);
  if (rc != SQLITE_DONE)
    return fail (self, "writing a record", error);

  return TRUE;
}

JsonArray *
ad_history_list (AdHistory   *self,
                 const char  *agent_id,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(JsonArray) records = json_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AD_IS_HISTORY (self), NULL);

  if (self->db == NULL)
    {
      fail (self, "reading records", error);
      return NULL;
    }

  if (agent_id != NULL)
    {
      stmt = self->list_agent;
      sqlite3_bind_text (stmt, 1, agent_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, limit);
    }
  else
    {
      stmt = self->list_all;
      sqlite3_bind_int64 (stmt, 1, limit);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonObject) record = ad_json_parse_object (text, -1, &local_error);

      if (record == NULL)
        {
          g_warning ("Skipping an unreadable history record: %s", local_error->message);
          continue;
        }
      json_array_add_object_element (records, g_steal_pointer (&record));
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      fail (self, "reading records", error);
      return NULL;
    }

  return g_steal_pointer (&records);
}

void
ad_history_close (AdHistory *self)
{
  g_return_if_fail (AD_IS_HISTORY (self));

  g_clear_pointer (&self->insert, sqlite3_finalize);
  g_clear_pointer (&self->list_agent, sqlite3_finalize);
  g_clear_pointer (&self->list_all, sqlite3_finalize);
  if (self->db != NULL)
    {
      if (sqlite3_close (self->db) != SQLITE_OK)
        g_warning ("Closing the history database: %s", sqlite3_errmsg (self->db));
      self->db = NULL;
    }
}

static void
ad_history_finalize (GObject *object)
{
  ad_history_close (AD_HISTORY (object));

  G_OBJECT_CLASS (ad_history_parent_class)->finalize (object);
}

static void
ad_history_class_init (AdHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ad_history_finalize;
}

static void
ad_history_init (AdHistory *self)
{
}
