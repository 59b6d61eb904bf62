/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ad-switch-server.h"

G_BEGIN_DECLS

/* Helpers for HTTP-level tests of the switch: a real AdSwitchServer on
 * 127.0.0.1:0 in this process, requests that block while iterating the
 * main context (the server runs in it too), and an SSE reader. Every wait
 * gives up (failing the test) after AD_TEST_TIMEOUT_S: a guard against
 * hangs, never a timing assertion. */

#define AD_TEST_TIMEOUT_S 30

typedef struct {
  AdSwitchServer *server;
  SoupSession    *session;
  char           *base_url;
} AdTestSwitch;

typedef struct {
  guint64     id;
  char       *name;
  char       *data;
  JsonObject *json;   /* data parsed; NULL if it is not a JSON object */
} AdTestEvent;

typedef struct _AdTestStream AdTestStream;

/* Options for tests: the demo center, outside numbers answering after
 * 50 ms, actions applied on the next iteration. */
void          ad_test_switch_options_init (AdSwitchOptions *options);
/* @options NULL: ad_test_switch_options_init(). */
AdTestSwitch *ad_test_switch_new          (const AdSwitchOptions *options);
/* A client of a switch running elsewhere (another process): ts->server
 * is NULL. */
AdTestSwitch *ad_test_switch_new_for_url  (const char            *base_url);
void          ad_test_switch_free         (AdTestSwitch *ts);

/* Iterates the default main context until *@done. */
void          ad_test_wait_until          (const gboolean *done);
/* Iterates the default main context for about @ms milliseconds (to let
 * things that should not happen have their chance). */
void          ad_test_spin                (guint           ms);
/* The descriptors this process has open (in /proc/self/fd): the switch's
 * and its clients' when a test runs both. */
guint         ad_test_count_fds           (void);

/* Sends a request; @body is JSON text or NULL. Returns the status and sets
 * *@response to the parsed body (NULL when empty or not a JSON object). */
guint         ad_test_switch_request      (AdTestSwitch  *ts,
                                           const char    *method,
                                           const char    *path,
                                           const char    *token,
                                           const char    *body,
                                           JsonObject   **response);
/* The same with any bytes, content type and extra headers (may be NULL). */
guint         ad_test_switch_request_raw  (AdTestSwitch       *ts,
                                           const char         *method,
                                           const char         *path,
                                           const char         *token,
                                           GBytes             *body,
                                           SoupMessageHeaders *extra_headers,
                                           GBytes            **response);
/* Sends a prepared message (any body, headers); returns the response body
 * or NULL with @error set. */
GBytes       *ad_test_switch_send         (AdTestSwitch  *ts,
                                           SoupMessage   *msg,
                                           GError       **error);
/* Asserts the status and returns the body (NULL when empty). @body_format
 * is a printf format for the JSON body, or NULL. */
JsonObject   *ad_test_switch_expect       (AdTestSwitch *ts,
                                           guint         status,
                                           const char   *method,
                                           const char   *path,
                                           const char   *token,
                                           const char   *body_format,
                                           ...) G_GNUC_PRINTF (6, 7);
/* Asserts that @body is the contract's error body of @type. */
void          ad_test_assert_error        (JsonObject   *body,
                                           const char   *type);
/* Like ad_test_switch_expect() for an error: asserts status and type. */
void          ad_test_switch_expect_error (AdTestSwitch *ts,
                                           guint         status,
                                           const char   *type,
                                           const char   *method,
                                           const char   *path,
                                           const char   *token,
                                           const char   *body_format,
                                           ...) G_GNUC_PRINTF (7, 8);

/* POST /session; returns the token. */
char         *ad_test_switch_login        (AdTestSwitch *ts,
                                           const char   *username,
                                           const char   *password);
/* Logs @agent_id in (password "demo") on @place_id and makes it READY when
 * @ready; returns the token. */
char         *ad_test_switch_agent_on     (AdTestSwitch *ts,
                                           const char   *agent_id,
                                           const char   *place_id,
                                           gboolean      ready);
/* POST /events/subscriptions with @topics_json (the whole body); returns
 * the subscription id. */
char         *ad_test_switch_subscribe    (AdTestSwitch *ts,
                                           const char   *token,
                                           const char   *body_json);
/* A subscription to every InteractionEvent and AgentEvent of @agent_id. */
char         *ad_test_switch_subscribe_agent (AdTestSwitch *ts,
                                           const char   *token,
                                           const char   *agent_id);

/* Opens the stream of @subscription_id, with a Last-Event-ID header when
 * @last_event_id is not NULL; waits for the response headers and returns
 * the stream whatever the status (see ad_test_stream_get_status()). */
AdTestStream *ad_test_stream_open         (AdTestSwitch *ts,
                                           const char   *subscription_id,
                                           const char   *token,
                                           const char   *last_event_id);
guint         ad_test_stream_get_status   (AdTestStream *stream);
/* Hands every event to @func as it arrives instead of keeping it for
 * ad_test_stream_next() (the event is freed after the call). */
typedef void (*AdTestEventFunc) (AdTestStream *stream,
                                 AdTestEvent  *event,
                                 gpointer      user_data);
void          ad_test_stream_set_event_func (AdTestStream    *stream,
                                           AdTestEventFunc  func,
                                           gpointer         user_data);
/* The next event (waiting for it); owned by the stream. */
AdTestEvent  *ad_test_stream_next         (AdTestStream *stream);
/* Skips events until one named @name (and, if @status is not NULL, an
 * InteractionEvent whose interaction:status is @status) arrives. */
AdTestEvent  *ad_test_stream_wait_event   (AdTestStream *stream,
                                           const char   *name,
                                           const char   *status);
/* Events received and not yet taken. */
guint         ad_test_stream_get_n_pending (AdTestStream *stream);
guint         ad_test_stream_get_n_keepalives (AdTestStream *stream);
/* Whether the server ended the stream. */
gboolean      ad_test_stream_is_closed    (AdTestStream *stream);
/* Waits until the server has ended the stream. */
void          ad_test_stream_wait_closed  (AdTestStream *stream);
void          ad_test_stream_free         (AdTestStream *stream);

/* The interaction's id and an attribute of an InteractionEvent. */
const char   *ad_test_event_interaction_id (AdTestEvent *event);
const char   *ad_test_event_attribute     (AdTestEvent  *event,
                                           const char   *attribute);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AdTestSwitch, ad_test_switch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AdTestStream, ad_test_stream_free)

G_END_DECLS
