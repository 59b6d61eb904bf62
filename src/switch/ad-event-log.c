/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdEventLog"

#include "config.h"

#include "ad-event-log.h"

#include <string.h>

/* An event and the strings it points to, in one allocation. */
typedef struct {
  AdLoggedEvent  event;
  gint64         logged_at;  /* monotonic µs */
  gsize          size;
  char           strings[];
} LogEntry;

struct _AdEventLog
{
  GObject    parent_instance;

  guint      max_events;
  gsize      max_bytes;
  gint64     max_age_us;

  /* entries[i] is the event base_seq + i; those before first_live have
   * been forgotten (NULL) and are dropped from the array in batches, so
   * that forgetting one event does not move all the others. */
  GPtrArray *entries;
  guint64    base_seq;
  guint      first_live;
  gsize      size;
};

G_DEFINE_FINAL_TYPE (AdEventLog, ad_event_log, G_TYPE_OBJECT)

static gsize
string_size (const char *string)
{
  return string != NULL ? strlen (string) + 1 : 0;
}

/* Copies @string to *@cursor and moves it past the copy. */
static const char *
store_string (char       **cursor,
              const char  *string)
{
  char *copy = *cursor;
  gsize size = string_size (string);

  if (string == NULL)
    return NULL;

  memcpy (copy, string, size);
  *cursor += size;
  return copy;
}

static void
forget_oldest (AdEventLog *self)
{
  LogEntry *entry = g_ptr_array_index (self->entries, self->first_live);

  self->size -= entry->size;
  g_free (entry);
  g_ptr_array_index (self->entries, self->first_live) = NULL;
  self->first_live++;

  if (self->first_live >= 1024 && self->first_live >= self->entries->len / 2)
    {
      g_ptr_array_remove_range (self->entries, 0, self->first_live);
      self->base_seq += self->first_live;
      self->first_live = 0;
    }
}

static gboolean
oldest_expired (AdEventLog *self,
                gint64      now)
{
  LogEntry *oldest;

  if (self->max_age_us == 0 || self->first_live >= self->entries->len)
    return FALSE;

  oldest = g_ptr_array_index (self->entries, self->first_live);
  return now - oldest->logged_at > self->max_age_us;
}

AdEventLog *
ad_event_log_new (guint max_events,
                  gsize max_bytes,
                  guint max_age_ms)
{
  AdEventLog *self = g_object_new (AD_TYPE_EVENT_LOG, NULL);

  self->max_events = MAX (max_events, 1);
  self->max_bytes = max_bytes;
  self->max_age_us = (gint64) max_age_ms * 1000;

  return self;
}

static void
expire_at (AdEventLog *self,
           gint64      now)
{
  while (oldest_expired (self, now))
    forget_oldest (self);
}

void
ad_event_log_expire (AdEventLog *self)
{
  g_return_if_fail (AD_IS_EVENT_LOG (self));

  expire_at (self, g_get_monotonic_time ());
}

guint64
ad_event_log_append (AdEventLog        *self,
                     const char        *event_name,
                     AdEventKind        kind,
                     const AdEventKeys *keys,
                     const char        *data)
{
  gsize strings;
  LogEntry *entry;
  char *cursor;

  g_return_val_if_fail (AD_IS_EVENT_LOG (self), 0);

  strings = string_size (keys->agent_id) + string_size (keys->place_id) +
            string_size (keys->dn_id) + string_size (keys->queue) + string_size (data);
  entry = g_malloc (sizeof (LogEntry) + strings);
  cursor = entry->strings;

  entry->event.seq = self->base_seq + self->entries->len;
  entry->event.event_name = event_name;
  entry->event.kind = kind;
  entry->event.keys.agent_id = store_string (&cursor, keys->agent_id);
  entry->event.keys.place_id = store_string (&cursor, keys->place_id);
  entry->event.keys.dn_id = store_string (&cursor, keys->dn_id);
  entry->event.keys.queue = store_string (&cursor, keys->queue);
  entry->event.data = store_string (&cursor, data);
  entry->logged_at = g_get_monotonic_time ();
  entry->size = sizeof (LogEntry) + strings;

  g_ptr_array_add (self->entries, entry);
  self->size += entry->size;

  /* The newest event always stays, whatever its size. */
  while (self->entries->len - self->first_live > 1 &&
         (self->entries->len - self->first_live > self->max_events ||
          self->size > self->max_bytes))
    forget_oldest (self);
  expire_at (self, entry->logged_at);

  return entry->event.seq;
}

const AdLoggedEvent *
ad_event_log_lookup (AdEventLog *self,
                     guint64     seq)
{
  LogEntry *entry;

  g_return_val_if_fail (AD_IS_EVENT_LOG (self), NULL);

  if (seq < self->base_seq || seq - self->base_seq >= self->entries->len)
    return NULL;

  entry = g_ptr_array_index (self->entries, seq - self->base_seq);
  return entry != NULL ? &entry->event : NULL;
}

guint
ad_event_log_get_n_events (AdEventLog *self)
{
  g_return_val_if_fail (AD_IS_EVENT_LOG (self), 0);

  return self->entries->len - self->first_live;
}

gsize
ad_event_log_get_size (AdEventLog *self)
{
  g_return_val_if_fail (AD_IS_EVENT_LOG (self), 0);

  return self->size;
}

static void
ad_event_log_finalize (GObject *object)
{
  AdEventLog *self = AD_EVENT_LOG (object);

  g_ptr_array_unref (self->entries);

  G_OBJECT_CLASS (ad_event_log_parent_class)->finalize (object);
}

static void
ad_event_log_class_init (AdEventLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ad_event_log_finalize;
}

static void
ad_event_log_init (AdEventLog *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_free);
  self->base_seq = 1;
}
