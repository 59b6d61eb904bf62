/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdSseParser"

#include "config.h"

#include "ad-sse-parser.h"

#include <string.h>

struct _AdSseParser
{
  AdSseEventFunc    event_func;
  AdSseCommentFunc  comment_func;
  gpointer          user_data;

  GString          *line;
  GString          *data;
  GString          *type;
  char             *last_event_id;
  gint64            retry;
  gsize             max_line;

  guint             line_too_long : 1;
  /* A CR ended the previous chunk: a LF starting the next one belongs to it. */
  guint             after_cr : 1;
  /* The event being built lost a line: it is not dispatched. */
  guint             event_damaged : 1;
  guint             have_data : 1;

  guint64           n_events;
  guint64           n_dropped_lines;
};

static void
reset_event (AdSseParser *self)
{
  g_string_truncate (self->data, 0);
  g_string_truncate (self->type, 0);
  self->have_data = FALSE;
  self->event_damaged = FALSE;
}

static void
dispatch (AdSseParser *self)
{
  AdSseEvent event;

  if (!self->have_data || self->event_damaged)
    {
      reset_event (self);
      return;
    }

  /* Every data line added a LF; the last one is not part of the data. */
  if (self->data->len > 0 && self->data->str[self->data->len - 1] == '\n')
    g_string_truncate (self->data, self->data->len - 1);

  event.type = self->type->len > 0 ? self->type->str : "message";
  event.data = self->data->str;
  event.id = self->last_event_id;
  self->n_events++;

  if (self->event_func != NULL)
    self->event_func (&event, self->user_data);

  reset_event (self);
}

static gboolean
field_is (const char *field,
          gsize       field_len,
          const char *name)
{
  return field_len == strlen (name) && memcmp (field, name, field_len) == 0;
}

static void
process_line (AdSseParser *self,
              const char  *line,
              gsize        len)
{
  const char *colon;
  const char *value;
  gsize field_len;
  gsize value_len;

  if (len == 0)
    {
      dispatch (self);
      return;
    }

  if (line[0] == ':')
    {
      if (self->comment_func != NULL)
        {
          g_autofree char *comment = g_strndup (line + 1 + (len > 1 && line[1] == ' '),
                                                len - 1 - (len > 1 && line[1] == ' '));
          self->comment_func (comment, self->user_data);
        }
      return;
    }

  colon = memchr (line, ':', len);
  if (colon != NULL)
    {
      field_len = colon - line;
      value = colon + 1;
      value_len = len - field_len - 1;
      if (value_len > 0 && value[0] == ' ')
        {
          value++;
          value_len--;
        }
    }
  else
    {
      field_len = len;
      value = line + len;
      value_len = 0;
    }

  if (field_is (line, field_len, "data"))
    {
      g_string_append_len (self->data, value, value_len);
      g_string_append_c (self->data, '\n');
      self->have_data = TRUE;
    }
  else if (field_is (line, field_len, "event"))
    {
      g_string_truncate (self->type, 0);
      g_string_append_len (self->type, value, value_len);
    }
  else if (field_is (line, field_len, "id"))
    {
      /* An id holding NUL is ignored, as the format says. */
      if (memchr (value, '\0', value_len) == NULL)
        {
          g_free (self->last_event_id);
          self->last_event_id = g_strndup (value, value_len);
        }
    }
  else if (field_is (line, field_len, "retry"))
    {
      gint64 retry = 0;
      gsize i;

      for (i = 0; i < value_len && g_ascii_isdigit (value[i]) && retry < G_MAXINT32; i++)
        retry = retry * 10 + (value[i] - '0');
      if (value_len > 0 && i == value_len)
        self->retry = retry;
    }
  else
    g_debug ("Ignoring a line of unknown field (%" G_GSIZE_FORMAT " bytes)", len);
}

static void
end_line (AdSseParser *self)
{
  if (self->line_too_long)
    {
      g_debug ("Dropping a line longer than %" G_GSIZE_FORMAT " bytes", self->max_line);
      self->n_dropped_lines++;
      self->event_damaged = TRUE;
      self->line_too_long = FALSE;
    }
  else
    process_line (self, self->line->str, self->line->len);

  g_string_truncate (self->line, 0);
}

static void
append_to_line (AdSseParser *self,
                const char  *data,
                gsize        len)
{
  if (self->line_too_long)
    return;

  if (self->line->len + len > self->max_line)
    {
      self->line_too_long = TRUE;
      g_string_truncate (self->line, 0);
      return;
    }

  g_string_append_len (self->line, data, len);
}

AdSseParser *
ad_sse_parser_new (AdSseEventFunc   event_func,
                   AdSseCommentFunc comment_func,
                   gpointer         user_data)
{
  AdSseParser *self = g_new0 (AdSseParser, 1);

  self->event_func = event_func;
  self->comment_func = comment_func;
  self->user_data = user_data;
  self->line = g_string_sized_new (256);
  self->data = g_string_sized_new (256);
  self->type = g_string_sized_new (32);
  self->retry = -1;
  self->max_line = AD_SSE_PARSER_DEFAULT_MAX_LINE;

  return self;
}

void
ad_sse_parser_free (AdSseParser *self)
{
  if (self == NULL)
    return;

  g_string_free (self->line, TRUE);
  g_string_free (self->data, TRUE);
  g_string_free (self->type, TRUE);
  g_free (self->last_event_id);
  g_free (self);
}

void
ad_sse_parser_set_max_line (AdSseParser *self,
                            gsize        max_line)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (max_line > 0);

  self->max_line = max_line;
}

void
ad_sse_parser_feed (AdSseParser *self,
                    const char  *data,
                    gsize        length)
{
  const char *p = data;
  const char *end = data + length;

  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL || length == 0);

  if (self->after_cr && p < end)
    {
      if (*p == '\n')
        p++;
      self->after_cr = FALSE;
    }

  while (p < end)
    {
      const char *eol = p;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;

      append_to_line (self, p, eol - p);
      if (eol == end)
        break;

      end_line (self);

      if (*eol == '\r')
        {
          if (eol + 1 == end)
            {
              self->after_cr = TRUE;
              break;
            }
          if (eol[1] == '\n')
            eol++;
        }
      p = eol + 1;
    }
}

void
ad_sse_parser_reset (AdSseParser *self)
{
  g_return_if_fail (self != NULL);

  g_string_truncate (self->line, 0);
  self->line_too_long = FALSE;
  self->after_cr = FALSE;
  reset_event (self);
}

const char *
ad_sse_parser_get_last_event_id (AdSseParser *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->last_event_id;
}

gint64
ad_sse_parser_get_retry (AdSseParser *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->retry;
}

guint64
ad_sse_parser_get_n_events (AdSseParser *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_events;
}

guint64
ad_sse_parser_get_n_dropped_lines (AdSseParser *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_dropped_lines;
}
