/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "ad-call-center.h"

G_BEGIN_DECLS

/* The whole switch as a library: the call center behind HTTP + SSE routes,
 * with authentication, the event hub and contact history. main.c, the
 * desktop's demo mode and the tests all run it through this object. */

#define AD_TYPE_SWITCH_SERVER (ad_switch_server_get_type ())

G_DECLARE_FINAL_TYPE (AdSwitchServer, ad_switch_server, AD, SWITCH_SERVER, GObject)

typedef struct {
  const char      *config_file;      /* NULL: the demo contact center */
  AdSwitchProfile  profile;
  gboolean         sim_api;          /* sim routes open to every token */
  const char      *db_file;          /* NULL: history in memory only */
  guint            answer_delay_ms;  /* outside numbers answer after this */
  guint            action_delay_ms;
  /* Limits (docs/protocol.md, "Limits"); ad_switch_options_init() sets
   * the defaults. */
  guint            token_ttl_s;      /* idle time after which a token expires */
  guint            keepalive_ms;     /* ": keepalive" interval on streams */
  guint            linger_ms;        /* a subscription outlives its stream */
  guint            max_subscriptions_per_token;
  guint            max_subscriptions;
  guint            replay_events;    /* per subscription, for Last-Event-ID */
  guint            event_log_events; /* events kept for replay, switch-wide */
  gsize            event_log_bytes;  /* … and at most this many bytes of them */
  gsize            stream_queue_max; /* unwritten bytes before a stream is cut */
  guint            login_failures_per_minute; /* per user and per address */
  guint            connection_idle_ms; /* a kept-alive connection waiting this
                                        * long for its next request is closed;
                                        * 0: never */
  guint64          db_max_bytes;     /* 0: the history database may grow */
  /* Without config_file: a large demo center of this many agents, kept
   * busy by AdSimCrowd (docs/call-model.md); 0: the contract's ten, idle. */
  guint            demo_agents;
  double           demo_calls_per_minute; /* the crowd's callers; 0: from the staffing */
  /* Both set: serve HTTPS with this PEM certificate (and chain) and the
   * PEM private key that goes with it; ad_switch_server_new() fails when
   * either cannot be loaded. Both NULL: plain HTTP. */
  const char      *tls_certificate_file;
  const char      *tls_key_file;
} AdSwitchOptions;

void            ad_switch_options_init        (AdSwitchOptions *options);

AdSwitchServer *ad_switch_server_new          (const AdSwitchOptions *options,
                                               GError               **error);
/* Listens on @host:@port (0: a free port). */
gboolean        ad_switch_server_listen       (AdSwitchServer *self,
                                               const char     *host,
                                               guint           port,
                                               GError        **error);
/* Makes @soup listen on @address:@port (0: a free port) through a socket
 * of its own with a listen backlog of AD_SWITCH_LISTEN_BACKLOG; returns
 * the port, or 0 with @error set. For every SoupServer of the project. */
#define AD_SWITCH_LISTEN_BACKLOG 1024
guint           ad_switch_server_listen_soup  (SoupServer              *soup,
                                               GInetAddress            *address,
                                               guint                    port,
                                               SoupServerListenOptions  options,
                                               GError                 **error);
/* "http://127.0.0.1:PORT" (https:// with a TLS certificate) once listening. */
const char     *ad_switch_server_get_base_url (AdSwitchServer *self);
guint           ad_switch_server_get_port     (AdSwitchServer *self);
AdCallCenter   *ad_switch_server_get_call_center (AdSwitchServer *self);
/* Event streams open now. */
guint           ad_switch_server_get_n_streams (AdSwitchServer *self);
/* How long a token may stay unused before it expires, for the tokens
 * already handed out too (AdSwitchOptions.token_ttl_s at start). */
void            ad_switch_server_set_token_ttl (AdSwitchServer *self,
                                                guint           ttl_s);
/* Closes every open event stream (subscriptions survive, as when the
 * network drops): for fault tests. */
void            ad_switch_server_drop_streams (AdSwitchServer *self);
/* Stops listening, closes streams and the history database. */
void            ad_switch_server_shutdown     (AdSwitchServer *self);

G_END_DECLS
