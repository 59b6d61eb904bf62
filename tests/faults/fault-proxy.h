/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A TCP proxy on 127.0.0.1:0 that forwards every connection to a port on
 * 127.0.0.1 and can spoil the way: delay every chunk, stall the event
 * streams (connections whose answer is text/event-stream) that are open
 * now, cut them a given number of bytes later (mid-event), cut everything,
 * or refuse new connections. It runs in the thread-default main context. */

typedef struct _FaultProxy FaultProxy;

FaultProxy *fault_proxy_new               (guint       target_port);
void        fault_proxy_free              (FaultProxy *self);
/* "http://127.0.0.1:PORT" */
const char *fault_proxy_get_url           (FaultProxy *self);
/* Every chunk, both ways, is held this long (order kept). */
void        fault_proxy_set_delay         (FaultProxy *self,
                                           guint       delay_ms);
/* The event streams open now get nothing more from the switch; the
 * connections stay open until their client gives up on them. */
void        fault_proxy_stall_streams     (FaultProxy *self);
/* The event streams open now pass @n_bytes more to the client, then both
 * sides are cut. */
void        fault_proxy_cut_streams_after (FaultProxy *self,
                                           gsize       n_bytes);
/* Every connection open now passes @n_bytes more to the client, then
 * both sides are cut: with 0, the answer to its next request is lost,
 * after the switch has acted on the request. */
void        fault_proxy_cut_after         (FaultProxy *self,
                                           gsize       n_bytes);
/* Every connection open now is cut as soon as its client sends more,
 * before that reaches the switch. */
void        fault_proxy_cut_on_next_request (FaultProxy *self);
/* Cuts every connection now. */
void        fault_proxy_cut_all           (FaultProxy *self);
/* While refusing, new connections are closed at once. */
void        fault_proxy_set_refusing      (FaultProxy *self,
                                           gboolean    refusing);
/* Connections cut by the proxy (cut_all, a stream's byte budget), and
 * stalled streams that their client then closed. */
guint       fault_proxy_get_n_cut         (FaultProxy *self);
guint       fault_proxy_get_n_stalls_ended (FaultProxy *self);
/* Connections accepted (and not refused) so far. */
guint       fault_proxy_get_n_accepted    (FaultProxy *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaultProxy, fault_proxy_free)

G_END_DECLS
