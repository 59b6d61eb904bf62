/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AD_ERROR (ad_error_quark ())

/* The contract's error types, shared by the switch (which produces them)
 * and the client (which decodes them from the error body). */
typedef enum {
  AD_ERROR_INVALID_REQUEST,     /* 400 */
  AD_ERROR_UNAUTHORIZED,        /* 401 */
  AD_ERROR_FORBIDDEN,           /* 403 */
  AD_ERROR_NOT_FOUND,           /* 404 */
  AD_ERROR_ACTION_NOT_POSSIBLE, /* 409 */
  AD_ERROR_ACTION_IN_PROGRESS,  /* 409 */
  AD_ERROR_INVALID_AGENT_STATE, /* 409 */
  AD_ERROR_INVALID_DESTINATION, /* 422 */
  AD_ERROR_PAYLOAD_TOO_LARGE,   /* 413 */
  /* Extensions (docs/protocol.md) */
  AD_ERROR_TOO_MANY_REQUESTS,   /* 429 */
  AD_ERROR_STORAGE_FAILED,      /* 507 */
  AD_ERROR_INTERNAL,            /* 500 */
  /* Client side only: the server could not be reached or answered garbage. */
  AD_ERROR_NETWORK,
  AD_ERROR_PROTOCOL,
  AD_ERROR_CANCELLED,
  /* Client side only: the switch's TLS certificate was refused. */
  AD_ERROR_CERTIFICATE,
} AdError;

GQuark       ad_error_quark       (void);

/* AD_ERROR is an extended error domain: an error decoded from the switch's
 * error body also carries its "tServerError". Sets it on @error (which must
 * be in AD_ERROR). */
void         ad_error_set_t_server_error (GError       *error,
                                          gint64        t_server_error);
/* TRUE and *@t_server_error when @error is an AD_ERROR that carries one. */
gboolean     ad_error_get_t_server_error (const GError *error,
                                          gint64       *t_server_error);

/* An AD_ERROR_CERTIFICATE also carries why the certificate was refused:
 * its GTlsCertificateFlags (G_TLS_CERTIFICATE_UNKNOWN_CA, …), 0 when the
 * reason is not known. */
void         ad_error_set_certificate_flags (GError       *error,
                                             guint         flags);
guint        ad_error_get_certificate_flags (const GError *error);

/* "INVALID_REQUEST" etc.; NULL for the client-only codes. */
const char  *ad_error_to_type     (AdError     code);
/* Unknown types map to AD_ERROR_PROTOCOL. */
AdError      ad_error_from_type   (const char *type);
guint        ad_error_http_status (AdError     code);

G_END_DECLS
