/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdFuzzSseParser"

#include "config.h"

#include "ad-sse-parser.h"

#include <stdint.h>

/* The SSE parser on any bytes. Beyond not crashing, leaking or hanging it
 * must not care where the bytes were split: the input fed whole, byte by
 * byte and in pieces of sizes taken from the input itself gives the same
 * events, comments, last event id and retry, also with a small line limit
 * (which drops long lines and their events). */

#define SMALL_MAX_LINE 48

typedef struct {
  GString *log;
} Collected;

static void
on_event (const AdSseEvent *event,
          gpointer          user_data)
{
  Collected *c = user_data;

  g_assert_nonnull (event->type);
  g_assert_nonnull (event->data);
  g_string_append_printf (c->log, "E[%s|%s|%s]", event->type,
                          event->id != NULL ? event->id : "-", event->data);
}

static void
on_comment (const char *comment,
            gpointer    user_data)
{
  Collected *c = user_data;

  g_assert_nonnull (comment);
  g_string_append_printf (c->log, "C[%s]", comment);
}

/* Feeds @data in pieces: whole (@mode 0), byte by byte (1), or in pieces
 * whose sizes come from the data's own bytes (2). Returns the log. */
static char *
parse (const uint8_t *data,
       size_t         size,
       guint          mode,
       gsize          max_line)
{
  Collected c = { g_string_new (NULL) };
  AdSseParser *parser = ad_sse_parser_new (on_event, on_comment, &c);
  const char *last_id;
  gsize offset = 0;

  if (max_line > 0)
    ad_sse_parser_set_max_line (parser, max_line);

  while (offset < size || (size == 0 && offset == 0))
    {
      gsize piece;

      if (mode == 0)
        piece = size;
      else if (mode == 1)
        piece = 1;
      else
        piece = 1 + data[offset] % 7;
      piece = MIN (piece, size - offset);
      ad_sse_parser_feed (parser, (const char *) data + offset, piece);
      offset += piece;
      if (size == 0)
        break;
    }

  last_id = ad_sse_parser_get_last_event_id (parser);
  g_string_append_printf (c.log, "|id=%s|retry=%" G_GINT64_FORMAT "|n=%" G_GUINT64_FORMAT,
                          last_id != NULL ? last_id : "-", ad_sse_parser_get_retry (parser),
                          ad_sse_parser_get_n_events (parser));

  /* A reset keeps the id and retry and starts clean. */
  ad_sse_parser_reset (parser);
  ad_sse_parser_feed (parser, "data: after\n\n", 13);
  g_assert_cmpstr (ad_sse_parser_get_last_event_id (parser), ==, last_id);

  ad_sse_parser_free (parser);
  return g_string_free (c.log, FALSE);
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const gsize limits[] = { 0, SMALL_MAX_LINE };

  for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
    {
      g_autofree char *whole = parse (data, size, 0, limits[l]);
      g_autofree char *bytes = parse (data, size, 1, limits[l]);
      g_autofree char *pieces = parse (data, size, 2, limits[l]);

      g_assert_cmpstr (whole, ==, bytes);
      g_assert_cmpstr (whole, ==, pieces);
    }

  return 0;
}
