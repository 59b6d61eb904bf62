/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdClient"

#include "config.h"

#include "ad-client.h"

#include <libsoup/soup.h>
#include <string.h>

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TLS_DATABASE,
  PROP_TOKEN,
  N_PROPS
};

enum {
  SIGNAL_UNAUTHORIZED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

struct _AdClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *token;
};

G_DEFINE_FINAL_TYPE (AdClient, ad_client, G_TYPE_OBJECT)

/* What a finished request's body must be turned into. */
typedef enum {
  REPLY_OBJECT,
  REPLY_LOGIN,
} ReplyKind;

/* One request, as it is sent again when its connection fails. */
typedef struct {
  char        *method;
  char        *path;        /* below /api/v1, escaped */
  char        *token;       /* the bearer token when it was first sent */
  char        *request_id;  /* X-Request-Id of a state-changing request */
  GBytes      *body;        /* JSON, or NULL */
  ReplyKind    kind;
  gboolean     resent;
  SoupMessage *message;     /* the one sent last */
} Request;

static void
request_free (Request *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->token);
  g_free (request->request_id);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_object (&request->message);
  g_free (request);
}

static void send_message (AdClient *self,
                          GTask    *task);

/* An error body's AD_ERROR, or a status-derived one when the body is not
 * the contract's. */
static GError *
error_from_reply (guint   status,
                  GBytes *body)
{
  g_autoptr(JsonObject) object = NULL;
  JsonObject *error_object = NULL;
  const char *type;
  const char *message;
  JsonNode *t_server_error;
  GError *error;
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  if (data != NULL && size > 0)
    object = ad_json_parse_object (data, size, NULL);
  if (object != NULL)
    ad_json_get_object (object, "error", FALSE, &error_object, NULL);

  if (error_object == NULL)
    {
      AdError code = AD_ERROR_PROTOCOL;

      switch (status)
        {
        case 400: code = AD_ERROR_INVALID_REQUEST; break;
        case 401: code = AD_ERROR_UNAUTHORIZED; break;
        case 403: code = AD_ERROR_FORBIDDEN; break;
        case 404: code = AD_ERROR_NOT_FOUND; break;
        case 413: code = AD_ERROR_PAYLOAD_TOO_LARGE; break;
        case 429: code = AD_ERROR_TOO_MANY_REQUESTS; break;
        default:
          if (status >= 500)
            code = AD_ERROR_INTERNAL;
        }
      return g_error_new (AD_ERROR, code, "The switch answered %u %s", status,
                          soup_status_get_phrase (status));
    }

  type = ad_json_string_or_null (error_object, "type");
  message = ad_json_string_or_null (error_object, "message");
  error = g_error_new_literal (AD_ERROR, ad_error_from_type (type),
                               message != NULL ? message : type != NULL ? type : "Unknown error");
  t_server_error = json_object_get_member (error_object, "tServerError");
  if (t_server_error != NULL && JSON_NODE_HOLDS_VALUE (t_server_error) &&
      json_node_get_value_type (t_server_error) == G_TYPE_INT64)
    ad_error_set_t_server_error (error, json_node_get_int (t_server_error));

  return error;
}

static const struct {
  GTlsCertificateFlags  flag;
  const char           *reason;
} certificate_reasons[] = {
  { G_TLS_CERTIFICATE_UNKNOWN_CA, "it is signed by an unknown certificate authority" },
  { G_TLS_CERTIFICATE_BAD_IDENTITY, "it is made out to another host name" },
  { G_TLS_CERTIFICATE_NOT_ACTIVATED, "it is not valid yet" },
  { G_TLS_CERTIFICATE_EXPIRED, "it has expired" },
  { G_TLS_CERTIFICATE_REVOKED, "it has been revoked" },
  { G_TLS_CERTIFICATE_INSECURE, "it uses an insecure algorithm" },
};

/* The handshake failed on the switch's certificate: which host, and why
 * (libsoup keeps the verification's result on the message). */
static GError *
certificate_error (SoupMessage *message)
{
  GTlsCertificateFlags flags = soup_message_get_tls_peer_certificate_errors (message);
  g_autoptr(GString) reasons = g_string_new (NULL);
  GError *error;

  for (guint i = 0; i < G_N_ELEMENTS (certificate_reasons); i++)
    if (flags & certificate_reasons[i].flag)
      g_string_append_printf (reasons, "%s%s", reasons->len > 0 ? "; " : "",
                              certificate_reasons[i].reason);
  if (reasons->len == 0)
    g_string_append (reasons, "it is not valid");

  error = g_error_new (AD_ERROR, AD_ERROR_CERTIFICATE,
                       "The switch at %s presented a TLS certificate that was refused: %s",
                       g_uri_get_host (soup_message_get_uri (message)), reasons->str);
  ad_error_set_certificate_flags (error, flags);
  return error;
}

/* Cancellation stays a GIO error and a refused certificate says why;
 * everything else from the transport means the switch could not be
 * reached. */
static GError *
error_from_transport (SoupMessage *message,
                      GError      *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    return certificate_error (message);
  return g_error_new (AD_ERROR, AD_ERROR_NETWORK, "Could not reach the switch: %s",
                      error->message);
}

static void
on_request_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AdClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) object = NULL;
  guint status;
  gsize size = 0;
  const char *data;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      /* The switch runs a request with an id at most once (docs/protocol.md,
       * "Request ids"), so one whose connection failed, maybe after the
       * switch ran it, is sent once more: most often a kept-alive
       * connection that the switch closed as the request went out. libsoup
       * 3.2 resends only requests of an idempotent method by itself. */
      if (request->request_id != NULL && !request->resent &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          error->domain != G_TLS_ERROR)
        {
          g_debug ("%s %s failed (%s): sending it again", request->method, request->path,
                   error->message);
          request->resent = TRUE;
          send_message (self, g_steal_pointer (&task));
          return;
        }

      g_task_return_error (task, error_from_transport (request->message, error));
      return;
    }

  status = soup_message_get_status (request->message);
  if (status >= 400)
    {
      /* The token expired or the switch restarted and forgot it. */
      if (status == SOUP_STATUS_UNAUTHORIZED && request->kind != REPLY_LOGIN)
        g_signal_emit (self, signals[SIGNAL_UNAUTHORIZED], 0);
      g_task_return_error (task, error_from_reply (status, body));
      return;
    }
  if (status < 200 || status >= 300)
    {
      g_task_return_new_error (task, AD_ERROR, AD_ERROR_PROTOCOL,
                               "The switch answered an unexpected %u", status);
      return;
    }

  data = g_bytes_get_data (body, &size);
  if (status == 204 || size == 0)
    object = json_object_new ();
  else
    {
      object = ad_json_parse_object (data, size, &error);
      if (object == NULL)
        {
          g_task_return_new_error (task, AD_ERROR, AD_ERROR_PROTOCOL,
                                   "The switch answered something that is not the contract: %s",
                                   error->message);
          return;
        }
    }

  if (request->kind == REPLY_LOGIN)
    {
      const char *token = ad_json_string_or_null (object, "token");

      if (token == NULL)
        {
          g_task_return_new_error (task, AD_ERROR, AD_ERROR_PROTOCOL,
                                   "The switch's sign-in answer has no token");
          return;
        }
      ad_client_set_token (self, token);
    }

  g_task_return_pointer (task, g_steal_pointer (&object), (GDestroyNotify) json_object_unref);
}

static SoupMessage *
new_message (AdClient   *self,
             const char *method,
             const char *path,
             const char *token)
{
  g_autofree char *uri = g_strconcat (self->base_url, "/api/v1", path, NULL);
  SoupMessage *message = soup_message_new (method, uri);

  if (message == NULL)
    return NULL;

  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message),
                                    "Authorization", bearer);
    }
  return message;
}

/* Sends the task's Request: a new SoupMessage each time. */
static void
send_message (AdClient *self,
              GTask    *task)
{
  Request *request = g_task_get_task_data (task);

  g_clear_object (&request->message);
  request->message = new_message (self, request->method, request->path, request->token);
  if (request->message == NULL)
    {
      g_task_return_new_error (task, AD_ERROR, AD_ERROR_NETWORK,
                               "“%s” is not a valid switch address", self->base_url);
      g_object_unref (task);
      return;
    }

  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->message, "application/json",
                                              request->body);

  /* With an id, a resent request cannot run twice: it may go on a
   * kept-alive connection, which libsoup otherwise keeps for idempotent
   * methods only. */
  if (request->request_id != NULL)
    {
      soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                    "X-Request-Id", request->request_id);
      soup_message_add_flags (request->message, SOUP_MESSAGE_IDEMPOTENT);
    }

  g_debug ("%s %s", request->method, request->path);
  soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_request_done, task);
}

/* Sends @method @path (below /api/v1, already escaped) with @body (may be
 * NULL) and completes with ad_client_request_finish(). A POST, PUT or
 * DELETE carries an X-Request-Id of its own. */
static void
send_request (AdClient            *self,
              const char          *method,
              const char          *path,
              JsonObject          *body,
              ReplyKind            kind,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->token = g_strdup (self->token);
  request->kind = kind;
  if (body != NULL)
    request->body = ad_json_object_to_bytes (body);
  if (strcmp (method, "GET") != 0)
    request->request_id = g_uuid_string_random ();

  send_message (self, task);
}

static char *
escape (const char *id)
{
  return g_uri_escape_string (id != NULL ? id : "", NULL, FALSE);
}

AdClient *
ad_client_new (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (AD_TYPE_CLIENT, "base-url", base_url, NULL);
}

AdClient *
ad_client_new_with_tls_database (const char   *base_url,
                                 GTlsDatabase *tls_database)
{
  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (tls_database == NULL || G_IS_TLS_DATABASE (tls_database), NULL);

  return g_object_new (AD_TYPE_CLIENT,
                       "base-url", base_url,
                       "tls-database", tls_database,
                       NULL);
}

GTlsDatabase *
ad_client_get_tls_database (AdClient *self)
{
  g_return_val_if_fail (AD_IS_CLIENT (self), NULL);

  return soup_session_get_tls_database (self->session);
}

const char *
ad_client_get_base_url (AdClient *self)
{
  g_return_val_if_fail (AD_IS_CLIENT (self), NULL);

  return self->base_url;
}

const char *
ad_client_get_token (AdClient *self)
{
  g_return_val_if_fail (AD_IS_CLIENT (self), NULL);

  return self->token;
}

void
ad_client_set_token (AdClient   *self,
                     const char *token)
{
  g_return_if_fail (AD_IS_CLIENT (self));

  if (g_strcmp0 (self->token, token) == 0)
    return;

  g_free (self->token);
  self->token = g_strdup (token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

JsonObject *
ad_client_request_finish (AdClient      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ad_client_login_async (AdClient            *self,
                       const char          *username,
                       const char          *password,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();

  g_return_if_fail (AD_IS_CLIENT (self));

  json_object_set_string_member (body, "username", username != NULL ? username : "");
  json_object_set_string_member (body, "password", password != NULL ? password : "");
  /* A stale token must not ride along with a fresh sign-in. */
  ad_client_set_token (self, NULL);
  send_request (self, "POST", "/session", body, REPLY_LOGIN, ad_client_login_async,
                cancellable, callback, user_data);
}

gboolean
ad_client_login_finish (AdClient      *self,
                        GAsyncResult  *result,
                        char         **agent_id,
                        AdRole        *role,
                        GError       **error)
{
  g_autoptr(JsonObject) object = ad_client_request_finish (self, result, error);

  if (object == NULL)
    return FALSE;

  if (agent_id != NULL)
    *agent_id = g_strdup (ad_json_string_or_null (object, "agentId"));
  if (role != NULL)
    *role = ad_role_from_string (ad_json_string_or_null (object, "role"));
  return TRUE;
}

static void
on_logout_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;

  object = ad_client_request_finish (AD_CLIENT (source), result, &error);
  ad_client_set_token (AD_CLIENT (source), NULL);
  if (object == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&object), (GDestroyNotify) json_object_unref);
}

void
ad_client_logout_async (AdClient            *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (AD_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ad_client_logout_async);
  send_request (self, "DELETE", "/session", NULL, REPLY_OBJECT, ad_client_logout_async,
                cancellable, on_logout_done, task);
}

#define DEFINE_GET(func, path)                                                  \
  void                                                                          \
  func (AdClient            *self,                                              \
        GCancellable        *cancellable,                                       \
        GAsyncReadyCallback  callback,                                          \
        gpointer             user_data)                                         \
  {                                                                             \
    g_return_if_fail (AD_IS_CLIENT (self));                                     \
    send_request (self, "GET", path, NULL, REPLY_OBJECT, func,                  \
                  cancellable, callback, user_data);                            \
  }

DEFINE_GET (ad_client_get_agents_async, "/agents")
DEFINE_GET (ad_client_get_places_async, "/places")
DEFINE_GET (ad_client_get_center_async, "/center")
DEFINE_GET (ad_client_get_queues_async, "/queues")

/* Sends @method @prefix@id@suffix, @id escaped: a request about one agent,
 * interaction, subscription or call. Completes with
 * ad_client_request_finish(). */
static void
send_request_for (AdClient            *self,
                  const char          *method,
                  const char          *prefix,
                  const char          *id,
                  const char          *suffix,
                  JsonObject          *body,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autofree char *escaped = escape (id);
  g_autofree char *path = g_strconcat (prefix, escaped, suffix, NULL);

  send_request (self, method, path, body, REPLY_OBJECT, source_tag,
                cancellable, callback, user_data);
}

/* The requests of one agent, subscription or call without a body. */
#define DEFINE_ID_REQUEST(func, method, prefix, suffix)                         \
  void                                                                          \
  func (AdClient            *self,                                              \
        const char          *id,                                                \
        GCancellable        *cancellable,                                       \
        GAsyncReadyCallback  callback,                                          \
        gpointer             user_data)                                         \
  {                                                                             \
    g_return_if_fail (AD_IS_CLIENT (self));                                     \
    send_request_for (self, method, prefix, id, suffix, NULL, func,             \
                      cancellable, callback, user_data);                        \
  }

DEFINE_ID_REQUEST (ad_client_get_agent_async, "GET", "/agents/", "")
DEFINE_ID_REQUEST (ad_client_agent_logout_async, "POST", "/agents/", "/logout")
DEFINE_ID_REQUEST (ad_client_agent_ready_async, "POST", "/agents/", "/ready")
DEFINE_ID_REQUEST (ad_client_agent_after_call_work_async, "POST", "/agents/", "/after-call-work")
DEFINE_ID_REQUEST (ad_client_unsubscribe_async, "DELETE", "/events/subscriptions/", "")
DEFINE_ID_REQUEST (ad_client_sim_hangup_async, "POST", "/sim/calls/", "/hangup")

void
ad_client_agent_login_async (AdClient            *self,
                             const char          *agent_id,
                             const char          *place_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();

  g_return_if_fail (AD_IS_CLIENT (self));

  json_object_set_string_member (body, "placeId", place_id != NULL ? place_id : "");
  send_request_for (self, "POST", "/agents/", agent_id, "/login", body,
                    ad_client_agent_login_async, cancellable, callback, user_data);
}

void
ad_client_agent_not_ready_async (AdClient            *self,
                                 const char          *agent_id,
                                 const char          *reason_code,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();

  g_return_if_fail (AD_IS_CLIENT (self));

  if (reason_code != NULL)
    json_object_set_string_member (body, "reasonCode", reason_code);
  send_request_for (self, "POST", "/agents/", agent_id, "/not-ready", body,
                    ad_client_agent_not_ready_async, cancellable, callback, user_data);
}

/* GET @prefix@id with "attributes=a,b" added to its query, unless
 * @attributes is NULL or empty. */
static void
send_attributes_request (AdClient            *self,
                         const char          *prefix,
                         const char          *id,
                         const char * const  *attributes,
                         gpointer             source_tag,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autofree char *joined = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;

  if (attributes != NULL && attributes[0] != NULL)
    {
      joined = g_strjoinv (",", (char **) attributes);
      escaped = g_uri_escape_string (joined, ",:*", FALSE);
      query = g_strdup_printf ("%cattributes=%s", strchr (prefix, '?') != NULL ? '&' : '?',
                               escaped);
    }

  send_request_for (self, "GET", prefix, id, query != NULL ? query : "", NULL, source_tag,
                    cancellable, callback, user_data);
}

/* The interaction service's reads, filtered by @attributes (NULL: all). */
#define DEFINE_ATTRIBUTES_GET(func, prefix)                                     \
  void                                                                          \
  func (AdClient            *self,                                              \
        const char          *id,                                                \
        const char * const  *attributes,                                        \
        GCancellable        *cancellable,                                       \
        GAsyncReadyCallback  callback,                                          \
        gpointer             user_data)                                         \
  {                                                                             \
    g_return_if_fail (AD_IS_CLIENT (self));                                     \
    send_attributes_request (self, prefix, id, attributes, func,                \
                             cancellable, callback, user_data);                 \
  }

DEFINE_ATTRIBUTES_GET (ad_client_list_interactions_async, "/interactions?agentId=")
DEFINE_ATTRIBUTES_GET (ad_client_get_interaction_async, "/interactions/")

void
ad_client_create_interaction_async (AdClient            *self,
                                    JsonObject          *body,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (AD_IS_CLIENT (self));
  g_return_if_fail (body != NULL);

  send_request (self, "POST", "/voice/interactions", body, REPLY_OBJECT,
                ad_client_create_interaction_async, cancellable, callback, user_data);
}

void
ad_client_perform_async (AdClient            *self,
                         const char          *interaction_id,
                         AdVoiceAction        action,
                         JsonObject          *body,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(JsonObject) empty = NULL;
  g_autofree char *suffix = NULL;
  const char *segment = ad_voice_action_to_path (action);

  g_return_if_fail (AD_IS_CLIENT (self));
  g_return_if_fail (segment != NULL);

  if (body == NULL)
    body = empty = json_object_new ();
  suffix = g_strconcat ("/", segment, NULL);
  send_request_for (self, "POST", "/voice/interactions/", interaction_id, suffix, body,
                    ad_client_perform_async, cancellable, callback, user_data);
}

JsonObject *
ad_client_dto_finish (AdClient      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_autoptr(JsonObject) object = ad_client_request_finish (self, result, error);
  JsonObject *dto = NULL;

  if (object == NULL)
    return NULL;

  if (!json_object_has_member (object, "interaction"))
    return NULL;

  if (!ad_json_get_object (object, "interaction", FALSE, &dto, NULL) || dto == NULL ||
      ad_json_string_or_null (dto, AD_ATTR_INTERACTION_ID) == NULL)
    {
      g_set_error_literal (error, AD_ERROR, AD_ERROR_PROTOCOL,
                           "The switch's answer holds no valid interaction");
      return NULL;
    }
  return json_object_ref (dto);
}

void
ad_client_subscribe_async (AdClient            *self,
                           JsonArray           *topics,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();

  g_return_if_fail (AD_IS_CLIENT (self));
  g_return_if_fail (topics != NULL);

  json_object_set_array_member (body, "topicsServices", json_array_ref (topics));
  send_request (self, "POST", "/events/subscriptions", body, REPLY_OBJECT,
                ad_client_subscribe_async, cancellable, callback, user_data);
}

char *
ad_client_subscribe_finish (AdClient      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_autoptr(JsonObject) object = ad_client_request_finish (self, result, error);
  const char *id;

  if (object == NULL)
    return NULL;

  id = ad_json_string_or_null (object, "subscriptionId");
  if (id == NULL)
    {
      g_set_error_literal (error, AD_ERROR, AD_ERROR_PROTOCOL,
                           "The switch's answer holds no subscription id");
      return NULL;
    }
  return g_strdup (id);
}

static void
on_stream_opened (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *message = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error_from_transport (message, error));
      return;
    }

  status = soup_message_get_status (message);
  if (status != 200)
    {
      /* The error body is small; its type matters less than the status. */
      g_task_return_error (task, error_from_reply (status, NULL));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&stream), g_object_unref);
}

void
ad_client_open_stream_async (AdClient            *self,
                             const char          *subscription_id,
                             const char          *last_event_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *escaped = escape (subscription_id);
  g_autofree char *path = g_strdup_printf ("/events/subscriptions/%s/stream", escaped);
  SoupMessage *message;
  SoupMessageHeaders *headers;

  g_return_if_fail (AD_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ad_client_open_stream_async);

  message = new_message (self, "GET", path, self->token);
  if (message == NULL)
    {
      g_task_return_new_error (task, AD_ERROR, AD_ERROR_NETWORK,
                               "“%s” is not a valid switch address", self->base_url);
      return;
    }
  g_task_set_task_data (task, message, g_object_unref);

  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "text/event-stream");
  if (last_event_id != NULL)
    soup_message_headers_replace (headers, "Last-Event-ID", last_event_id);

  g_debug ("GET %s (Last-Event-ID %s)", path, last_event_id != NULL ? last_event_id : "none");
  soup_session_send_async (self->session, message, G_PRIORITY_DEFAULT, cancellable,
                           on_stream_opened, g_steal_pointer (&task));
}

GInputStream *
ad_client_open_stream_finish (AdClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ad_client_get_history_async (AdClient            *self,
                             const char          *agent_id,
                             guint                limit,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *query = limit > 0 ? g_strdup_printf ("&limit=%u", limit) : g_strdup ("");

  g_return_if_fail (AD_IS_CLIENT (self));

  send_request_for (self, "GET", "/history?agentId=", agent_id, query, NULL,
                    ad_client_get_history_async, cancellable, callback, user_data);
}

void
ad_client_sim_inbound_async (AdClient            *self,
                             JsonObject          *body,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (AD_IS_CLIENT (self));
  g_return_if_fail (body != NULL);

  send_request (self, "POST", "/sim/inbound", body, REPLY_OBJECT, ad_client_sim_inbound_async,
                cancellable, callback, user_data);
}

static void
ad_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AdClient *self = AD_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TLS_DATABASE:
      g_value_set_object (value, ad_client_get_tls_database (self));
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  AdClient *self = AD_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        const char *url = g_value_get_string (value);
        gsize len = url != NULL ? strlen (url) : 0;

        /* "http://host:port/" and "http://host:port" are the same switch. */
        while (len > 0 && url[len - 1] == '/')
          len--;
        self->base_url = g_strndup (url != NULL ? url : "", len);
      }
      break;
    case PROP_TLS_DATABASE:
      /* NULL keeps the session's default: the system's database. */
      if (g_value_get_object (value) != NULL)
        soup_session_set_tls_database (self->session, g_value_get_object (value));
      break;
    case PROP_TOKEN:
      ad_client_set_token (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_client_dispose (GObject *object)
{
  AdClient *self = AD_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ad_client_parent_class)->dispose (object);
}

static void
ad_client_finalize (GObject *object)
{
  AdClient *self = AD_CLIENT (object);

  g_free (self->base_url);
  g_free (self->token);

  G_OBJECT_CLASS (ad_client_parent_class)->finalize (object);
}

static void
ad_client_class_init (AdClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ad_client_get_property;
  object_class->set_property = ad_client_set_property;
  object_class->dispose = ad_client_dispose;
  object_class->finalize = ad_client_finalize;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TLS_DATABASE] =
    g_param_spec_object ("tls-database", NULL, NULL, G_TYPE_TLS_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_UNAUTHORIZED] =
    g_signal_new ("unauthorized", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ad_client_init (AdClient *self)
{
  /* The event stream holds one connection for good; requests need others. */
  self->session = soup_session_new_with_options ("max-conns-per-host", 16,
                                                 "max-conns", 64,
                                                 NULL);
}
