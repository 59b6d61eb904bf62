/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An incremental parser of the text/event-stream format (the WHATWG
 * "server-sent events" rules): lines end in LF, CR or CRLF, even when the
 * CR and the LF arrive in different chunks; "data" lines accumulate with
 * LF between them; lines starting with ':' are comments; "id" and "retry"
 * are kept; an empty line dispatches the event; unknown fields and
 * malformed lines are ignored. A line longer than the limit is dropped
 * whole (with the event it belongs to), so a broken server cannot make the
 * parser grow without bound. Feed it bytes as they arrive, split anywhere. */

typedef struct {
  const char *type;      /* "message" when the event named none */
  const char *data;      /* the data lines joined with '\n' */
  const char *id;        /* the last event id seen so far, or NULL */
} AdSseEvent;

/* Called for every dispatched event; the strings live until it returns. */
typedef void (*AdSseEventFunc)   (const AdSseEvent *event,
                                  gpointer          user_data);
/* Called for every comment line (": keepalive" → "keepalive"). */
typedef void (*AdSseCommentFunc) (const char       *comment,
                                  gpointer          user_data);

typedef struct _AdSseParser AdSseParser;

#define AD_SSE_PARSER_DEFAULT_MAX_LINE (1024 * 1024)

AdSseParser *ad_sse_parser_new          (AdSseEventFunc    event_func,
                                         AdSseCommentFunc  comment_func,
                                         gpointer          user_data);
void         ad_sse_parser_free         (AdSseParser      *self);
/* Lines longer than @max_line bytes are dropped (default above). */
void         ad_sse_parser_set_max_line (AdSseParser      *self,
                                         gsize             max_line);
void         ad_sse_parser_feed         (AdSseParser      *self,
                                         const char       *data,
                                         gsize             length);
/* Forgets a partial line and event (a new connection starts clean); the
 * last event id and retry survive, as the format requires. */
void         ad_sse_parser_reset        (AdSseParser      *self);
const char  *ad_sse_parser_get_last_event_id (AdSseParser *self);
/* The last "retry" in milliseconds, or -1 when none came. */
gint64       ad_sse_parser_get_retry    (AdSseParser      *self);
/* Counts, for tests and the benchmark. */
guint64      ad_sse_parser_get_n_events (AdSseParser      *self);
guint64      ad_sse_parser_get_n_dropped_lines (AdSseParser *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AdSseParser, ad_sse_parser_free)

G_END_DECLS
