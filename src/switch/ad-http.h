/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ad-common.h"

G_BEGIN_DECLS

/* Request and response helpers shared by the switch's routes. */

/* The largest request body the switch accepts (PAYLOAD_TOO_LARGE beyond). */
#define AD_HTTP_MAX_BODY (64 * 1024)

void        ad_http_respond_json          (SoupServerMessage  *msg,
                                           guint               status,
                                           JsonObject         *body);
/* 204, or 202 with the body `{}`, as the contract wants them. */
void        ad_http_respond_no_content    (SoupServerMessage  *msg);
void        ad_http_respond_accepted      (SoupServerMessage  *msg);
/* The contract's error body for @error: an AD_ERROR code gives the type and
 * status; anything else is INTERNAL_ERROR (500). */
void        ad_http_respond_error         (SoupServerMessage  *msg,
                                           const GError       *error);
void        ad_http_respond_error_literal (SoupServerMessage  *msg,
                                           AdError             code,
                                           const char         *message);
/* The request body as a JSON object; an empty body is an empty object. */
JsonObject *ad_http_parse_body            (SoupServerMessage  *msg,
                                           GError            **error);
/* The token of "Authorization: Bearer <token>", or NULL. */
const char *ad_http_get_bearer_token      (SoupServerMessage  *msg);
/* A query parameter of the request URI, or NULL. */
char       *ad_http_get_query_param       (SoupServerMessage  *msg,
                                           const char         *name);
/* "a,b,c" → a NULL-terminated list without empty items; NULL for NULL. */
GStrv       ad_http_split_list            (const char         *value);

G_END_DECLS
