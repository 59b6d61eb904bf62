/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* How a session (or one event stream) is connected to the switch. Bind an
 * indicator to AdSession:connection-state. */
typedef enum {
  AD_CONNECTION_STATE_OFFLINE = 0,  /* not signed in, signed out, or gave up */
  AD_CONNECTION_STATE_CONNECTED,    /* events are flowing */
  AD_CONNECTION_STATE_RECONNECTING, /* the stream dropped; trying again with backoff */
} AdConnectionState;

G_END_DECLS
