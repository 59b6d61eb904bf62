/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "ad-auth.h"

G_BEGIN_DECLS

/* At-most-once state-changing requests (docs/protocol.md, "Request ids").
 *
 * A client names each POST, PUT, PATCH or DELETE with an "X-Request-Id"
 * header; the log remembers, per token, the answer the switch gave to each
 * id for a while. A repeat of the request (a client resending after its
 * connection dropped) gets that answer again instead of running the action
 * a second time; a repeat that arrives while the first is still being
 * answered waits for it. The same id on another request is refused.
 *
 * Memory is bounded: per token, in all, and in bytes; the oldest answers
 * are forgotten first, and a token's answers go with the token. */

#define AD_TYPE_REQUEST_LOG (ad_request_log_get_type ())

G_DECLARE_FINAL_TYPE (AdRequestLog, ad_request_log, AD, REQUEST_LOG, GObject)

#define AD_REQUEST_LOG_HEADER        "X-Request-Id"
#define AD_REQUEST_LOG_MAX_ID_LENGTH 64

typedef struct {
  gint64 ttl_us;         /* how long an answer is remembered */
  guint  max_per_owner;  /* answers remembered per token */
  guint  max_entries;    /* … and in all */
  gsize  max_bytes;      /* … and the memory they may take in all */
} AdRequestLogLimits;

/* The documented figures: 10 minutes, 256 per token, 65,536 and 32 MiB
 * in all. */
void          ad_request_log_limits_init (AdRequestLogLimits       *limits);

/* Answers are dropped when @auth ends their token ("session-ended"). */
AdRequestLog *ad_request_log_new         (AdAuth                   *auth,
                                          const AdRequestLogLimits *limits);

/* Called once @msg has been routed and authenticated, right before its
 * handler runs; @owner is its token's hash (NULL for a request without a
 * token, whose id is checked but never remembered). Returns TRUE when the
 * handler must run, and ad_request_log_end() be called after it; FALSE
 * when @msg has been dealt with: answered from memory, refused (a
 * malformed id: INVALID_REQUEST 400; an id used for another request:
 * INVALID_REQUEST 422), or paused until the first request with its id is
 * answered. */
gboolean      ad_request_log_begin       (AdRequestLog             *self,
                                          SoupServerMessage        *msg,
                                          const char               *owner);
/* After @msg's handler returned: remembers its answer, at once, or, when
 * the handler paused @msg to answer later, once it is finished. Nothing
 * for a message that ad_request_log_begin() did not take. */
void          ad_request_log_end         (AdRequestLog             *self,
                                          SoupServerMessage        *msg);
/* Forgets the answers older than the time to live at @now_us (monotonic
 * µs). ad_request_log_begin() does it with the current time. */
void          ad_request_log_expire      (AdRequestLog             *self,
                                          gint64                    now_us);
/* Ids remembered (answered or still running), per @owner or in all
 * (@owner NULL). */
guint         ad_request_log_get_n_ids   (AdRequestLog             *self,
                                          const char               *owner);

G_END_DECLS
