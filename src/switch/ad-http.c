/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdHttp"

#include "config.h"

#include "ad-http.h"

#include <string.h>

void
ad_http_respond_json (SoupServerMessage *msg,
                      guint              status,
                      JsonObject        *body)
{
  char *text = ad_json_object_to_string (body);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    text, strlen (text));
}

void
ad_http_respond_no_content (SoupServerMessage *msg)
{
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

void
ad_http_respond_accepted (SoupServerMessage *msg)
{
  g_autoptr(JsonObject) empty = json_object_new ();

  ad_http_respond_json (msg, SOUP_STATUS_ACCEPTED, empty);
}

void
ad_http_respond_error_literal (SoupServerMessage *msg,
                               AdError            code,
                               const char        *message)
{
  g_autoptr(JsonObject) body = json_object_new ();
  JsonObject *error = json_object_new ();
  const char *type = ad_error_to_type (code);

  if (type == NULL)
    {
      code = AD_ERROR_INTERNAL;
      type = ad_error_to_type (code);
    }

  json_object_set_string_member (error, "type", type);
  json_object_set_string_member (error, "message", message);
  json_object_set_null_member (error, "tServerError");
  json_object_set_object_member (body, "error", error);
  ad_http_respond_json (msg, ad_error_http_status (code), body);
}

void
ad_http_respond_error (SoupServerMessage *msg,
                       const GError      *error)
{
  if (error->domain == AD_ERROR)
    {
      ad_http_respond_error_literal (msg, error->code, error->message);
      return;
    }

  g_warning ("Internal error answering %s %s: %s",
             soup_server_message_get_method (msg),
             g_uri_get_path (soup_server_message_get_uri (msg)),
             error->message);
  ad_http_respond_error_literal (msg, AD_ERROR_INTERNAL, error->message);
}

JsonObject *
ad_http_parse_body (SoupServerMessage  *msg,
                    GError            **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  if (body->length > AD_HTTP_MAX_BODY)
    {
      g_set_error (error, AD_ERROR, AD_ERROR_PAYLOAD_TOO_LARGE,
                   "The request body is larger than %d bytes", AD_HTTP_MAX_BODY);
      return NULL;
    }

  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &size);
  if (size == 0)
    return json_object_new ();

  return ad_json_parse_object (data, size, error);
}

const char *
ad_http_get_bearer_token (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return NULL;

  value += 7;
  while (*value == ' ')
    value++;

  return *value != '\0' ? value : NULL;
}

char *
ad_http_get_query_param (SoupServerMessage *msg,
                         const char        *name)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr(GHashTable) params = NULL;

  if (query == NULL)
    return NULL;

  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return NULL;

  return g_strdup (g_hash_table_lookup (params, name));
}

GStrv
ad_http_split_list (const char *value)
{
  g_auto(GStrv) items = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;

  if (value == NULL)
    return NULL;

  items = g_strsplit (value, ",", -1);
  builder = g_strv_builder_new ();
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (items[i][0] != '\0')
        g_strv_builder_add (builder, items[i]);
    }

  return g_strv_builder_end (builder);
}
