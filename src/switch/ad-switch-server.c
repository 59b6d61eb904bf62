/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdSwitchServer"

#include "config.h"

#include "ad-access.h"
#include "ad-auth.h"
#include "ad-event-hub.h"
#include "ad-history.h"
#include "ad-http.h"
#include "ad-request-log.h"
#include "ad-sim-crowd.h"
#include "ad-switch-server.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#define API_PREFIX          "/api/v1/"
#define HISTORY_LIMIT       50
#define HISTORY_LIMIT_MAX   1000
#define EXPIRE_INTERVAL_S   30

struct _AdSwitchServer
{
  GObject          parent_instance;

  AdSwitchOptions  options;
  char            *config_file;
  char            *db_file;

  AdCallCenter    *center;
  AdAuth          *auth;
  AdHistory       *history;
  AdEventHub      *hub;
  AdRequestLog    *requests;     /* X-Request-Id answers */
  SoupServer      *soup;
  AdSimCrowd      *crowd;        /* with demo_agents */
  GTlsCertificate *tls_certificate; /* NULL: plain HTTP */

  char            *base_url;
  guint            port;
  guint            expire_id;
  GHashTable      *idle_connections; /* GSocket → IdleConnection */
  GQueue           idle_queue;       /* the same, longest idle first */
  guint            idle_sweep_id;
};

G_DEFINE_FINAL_TYPE (AdSwitchServer, ad_switch_server, G_TYPE_OBJECT)

typedef enum {
  ACCESS_PUBLIC,      /* no token: POST /session */
  ACCESS_TOKEN,       /* any valid token */
  ACCESS_SUPERVISOR,  /* a supervisor's token */
  ACCESS_SIM,         /* a supervisor's token, or any with --sim-api */
} Access;

typedef struct {
  AdSwitchServer    *self;
  SoupServerMessage *msg;
  AdAuthSession     *who;
  const char        *args[2];  /* the path's '*' segments */
  JsonObject        *body;
} Request;

/* Each handler answers on success, or returns FALSE with an AD_ERROR that
 * the dispatcher turns into the contract's error body. */
typedef gboolean (*Handler) (Request  *request,
                             GError  **error);

typedef struct {
  const char *method;
  const char *pattern;  /* after /api/v1/; '*' matches one segment */
  Access      access;
  Handler     handler;
} Route;

static gboolean
fail (GError     **error,
      AdError      code,
      const char  *message)
{
  g_set_error_literal (error, AD_ERROR, code, message);
  return FALSE;
}

static void
respond_member (SoupServerMessage *msg,
                guint              status,
                const char        *member,
                JsonNode          *value)
{
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_member (body, member, value);
  ad_http_respond_json (msg, status, body);
}

static void
respond_array (SoupServerMessage *msg,
               const char        *member,
               JsonArray         *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  respond_member (msg, SOUP_STATUS_OK, member, node);
}

static void
respond_interaction (SoupServerMessage  *msg,
                     guint               status,
                     JsonObject         *dto,
                     const char * const *attributes)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, ad_json_filter_attributes (dto, attributes));
  respond_member (msg, status, "interaction", node);
}

/* The "attributes" query parameter: "a,b,c" (NULL: everything). */
static GStrv
get_attributes_param (Request *request)
{
  g_autofree char *value = ad_http_get_query_param (request->msg, "attributes");

  return ad_http_split_list (value);
}

/* The "attributes" member of a request body, as a filter. */
static gboolean
get_attributes_member (JsonObject  *body,
                       GStrv       *out,
                       GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  *out = NULL;
  if (!ad_json_get_array (body, "attributes", FALSE, &array, error))
    return FALSE;
  if (array == NULL || json_array_get_length (array) == 0)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return fail (error, AD_ERROR_INVALID_REQUEST,
                     "The field “attributes” must be an array of strings");
      g_strv_builder_add (builder, json_node_get_string (node));
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* The agent a listing is about: the "agentId" parameter (checked), an
 * agent's own id when absent, or NULL (everyone) for a supervisor. */
static gboolean
get_agent_param (Request      *request,
                 char        **agent_id,
                 GError      **error)
{
  *agent_id = ad_http_get_query_param (request->msg, "agentId");

  if (*agent_id == NULL)
    {
      if (request->who->role == AD_ROLE_AGENT)
        *agent_id = g_strdup (request->who->agent_id);
      return TRUE;
    }

  return ad_access_check_agent (request->self->center, request->who, *agent_id, error);
}

static gboolean
on_history_record (JsonObject  *record,
                   gpointer     user_data,
                   GError     **error)
{
  AdSwitchServer *self = user_data;

  return ad_history_add (self->history, record, error);
}

static gboolean
on_expire_tick (gpointer user_data)
{
  AdSwitchServer *self = user_data;
  guint n = ad_auth_expire (self->auth);

  if (n > 0)
    g_debug ("%u tokens expired", n);
  return G_SOURCE_CONTINUE;
}

/* Session */

static void
on_login_checked (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SoupServerMessage) msg = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *token = NULL;
  AdAuthSession *session = NULL;

  token = ad_auth_login_finish (AD_AUTH (source), result, &session, &error);
  if (token == NULL)
    {
      ad_http_respond_error (msg, error);
    }
  else
    {
      json_object_set_string_member (body, "token", token);
      json_object_set_string_member (body, "agentId", session->agent_id);
      json_object_set_string_member (body, "role", ad_role_to_string (session->role));
      ad_http_respond_json (msg, SOUP_STATUS_CREATED, body);
    }
  soup_server_message_unpause (msg);
}

static gboolean
handle_session_create (Request  *request,
                       GError  **error)
{
  const char *username, *password;

  if (!ad_json_get_string (request->body, "username", TRUE, &username, error) ||
      !ad_json_get_string (request->body, "password", TRUE, &password, error))
    return FALSE;

  /* The answer waits for the password check, which runs in a thread. */
  soup_server_message_pause (request->msg);
  ad_auth_login_async (request->self->auth, username, password,
                       soup_server_message_get_remote_host (request->msg), NULL,
                       on_login_checked, g_object_ref (request->msg));
  return TRUE;
}

static gboolean
handle_session_delete (Request  *request,
                       GError  **error)
{
  AdSwitchServer *self = request->self;
  g_autofree char *token_hash = g_strdup (request->who->token_hash);

  if (request->who->role == AD_ROLE_AGENT)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonObject) dto = ad_call_center_agent_logout (self->center,
                                                               request->who->agent_id,
                                                               &local_error);

      if (dto == NULL)
        g_debug ("Logging %s out at session end: %s",
                 request->who->agent_id, local_error->message);
    }

  request->who = NULL;
  ad_auth_revoke (self->auth, token_hash);
  ad_http_respond_no_content (request->msg);
  return TRUE;
}

/* Directory and center */

static gboolean
handle_center (Request  *request,
               GError  **error)
{
  g_autoptr(JsonObject) body = ad_call_center_describe (request->self->center);

  ad_http_respond_json (request->msg, SOUP_STATUS_OK, body);
  return TRUE;
}

static gboolean
handle_agents_list (Request  *request,
                    GError  **error)
{
  respond_array (request->msg, "agents", ad_call_center_list_agents (request->self->center));
  return TRUE;
}

static gboolean
handle_places_list (Request  *request,
                    GError  **error)
{
  respond_array (request->msg, "places", ad_call_center_list_places (request->self->center));
  return TRUE;
}

static gboolean
handle_queues_list (Request  *request,
                    GError  **error)
{
  AdCallCenter *center = request->self->center;
  g_autoptr(GPtrArray) queues = ad_call_center_list_queues (center);
  g_autoptr(JsonArray) array = json_array_new ();

  for (guint i = 0; i < queues->len; i++)
    {
      JsonObject *stats = ad_call_center_get_queue_stats (center,
                                                          g_ptr_array_index (queues, i),
                                                          error);

      if (stats == NULL)
        return FALSE;
      json_array_add_object_element (array, stats);
    }

  respond_array (request->msg, "queues", g_steal_pointer (&array));
  return TRUE;
}

/* Agent service */

static gboolean
handle_agent_get (Request  *request,
                  GError  **error)
{
  AdSwitchServer *self = request->self;
  const char *agent_id = request->args[0];
  g_autoptr(JsonObject) dto = NULL;

  if (!ad_access_check_agent (self->center, request->who, agent_id, error))
    return FALSE;

  dto = ad_call_center_get_agent (self->center, agent_id, error);
  if (dto == NULL)
    return FALSE;

  ad_http_respond_json (request->msg, SOUP_STATUS_OK, dto);
  return TRUE;
}

static gboolean
handle_agent_action (Request  *request,
                     GError  **error)
{
  AdSwitchServer *self = request->self;
  const char *agent_id = request->args[0];
  const char *action = request->args[1];
  g_autoptr(JsonObject) dto = NULL;

  if (!ad_access_check_agent (self->center, request->who, agent_id, error))
    return FALSE;

  if (strcmp (action, "login") == 0)
    {
      const char *place_id;

      if (!ad_json_get_string (request->body, "placeId", TRUE, &place_id, error))
        return FALSE;
      dto = ad_call_center_agent_login (self->center, agent_id, place_id, error);
    }
  else if (strcmp (action, "logout") == 0)
    dto = ad_call_center_agent_logout (self->center, agent_id, error);
  else if (strcmp (action, "ready") == 0)
    dto = ad_call_center_agent_ready (self->center, agent_id, error);
  else if (strcmp (action, "not-ready") == 0)
    {
      const char *reason_code;

      if (!ad_json_get_string (request->body, "reasonCode", FALSE, &reason_code, error))
        return FALSE;
      dto = ad_call_center_agent_not_ready (self->center, agent_id, reason_code, error);
    }
  else if (strcmp (action, "after-call-work") == 0)
    dto = ad_call_center_agent_after_call_work (self->center, agent_id, error);
  else
    {
      g_set_error (error, AD_ERROR, AD_ERROR_NOT_FOUND,
                   "There is no agent action “%s” (login, logout, ready, not-ready, "
                   "after-call-work)", action);
      return FALSE;
    }

  if (dto == NULL)
    return FALSE;

  ad_http_respond_json (request->msg, SOUP_STATUS_OK, dto);
  return TRUE;
}

/* Interaction service */

static void
add_interactions (JsonArray          *array,
                  GPtrArray          *dtos,
                  const char * const *attributes)
{
  for (guint i = 0; i < dtos->len; i++)
    json_array_add_object_element (array,
                                   ad_json_filter_attributes (g_ptr_array_index (dtos, i),
                                                              attributes));
}

static gboolean
handle_interactions_list (Request  *request,
                          GError  **error)
{
  AdCallCenter *center = request->self->center;
  g_autofree char *agent_id = NULL;
  g_auto(GStrv) attributes = get_attributes_param (request);
  g_autoptr(JsonArray) array = json_array_new ();

  if (!get_agent_param (request, &agent_id, error))
    return FALSE;

  if (agent_id != NULL)
    {
      g_autoptr(GPtrArray) dtos = ad_call_center_list_interactions (center, agent_id);

      add_interactions (array, dtos, (const char * const *) attributes);
    }
  else
    {
      g_autoptr(JsonArray) agents = ad_call_center_list_agents (center);

      for (guint i = 0; i < json_array_get_length (agents); i++)
        {
          JsonObject *agent = json_array_get_object_element (agents, i);
          g_autoptr(GPtrArray) dtos =
            ad_call_center_list_interactions (center, ad_json_string_or_null (agent, "agentId"));

          add_interactions (array, dtos, (const char * const *) attributes);
        }
    }

  respond_array (request->msg, "interactions", g_steal_pointer (&array));
  return TRUE;
}

static gboolean
handle_interaction_get (Request  *request,
                        GError  **error)
{
  AdCallCenter *center = request->self->center;
  const char *id = request->args[0];
  g_auto(GStrv) attributes = get_attributes_param (request);
  g_autoptr(JsonObject) dto = NULL;
  g_autoptr(JsonObject) filtered = NULL;

  if (!ad_access_check_interaction (center, request->who, id, error))
    return FALSE;

  dto = ad_call_center_get_interaction (center, id, error);
  if (dto == NULL)
    return FALSE;

  filtered = ad_json_filter_attributes (dto, (const char * const *) attributes);
  ad_http_respond_json (request->msg, SOUP_STATUS_OK, filtered);
  return TRUE;
}

/* Voice interaction service */

static gboolean
handle_voice_create (Request  *request,
                     GError  **error)
{
  AdCallCenter *center = request->self->center;
  const AdAuthSession *who = request->who;
  const char *dn_id, *place_id, *agent_id;
  g_auto(GStrv) attributes = NULL;
  g_autoptr(JsonObject) dto = NULL;

  if (!ad_json_get_string (request->body, "dnId", FALSE, &dn_id, error) ||
      !ad_json_get_string (request->body, "placeId", FALSE, &place_id, error) ||
      !get_attributes_member (request->body, &attributes, error))
    return FALSE;

  if (dn_id == NULL && place_id == NULL)
    return fail (error, AD_ERROR_INVALID_REQUEST, "The field “dnId” or “placeId” is required");

  if (dn_id != NULL
      ? !ad_access_check_dn (center, who, dn_id, error)
      : !ad_access_check_place (center, who, place_id, error))
    return FALSE;

  /* A supervisor acts for whoever is logged in there. */
  if (who->role == AD_ROLE_AGENT)
    agent_id = who->agent_id;
  else if (dn_id != NULL)
    agent_id = ad_call_center_get_dn_agent (center, dn_id);
  else
    agent_id = ad_call_center_get_place_agent (center, place_id);

  if (agent_id == NULL)
    return fail (error, AD_ERROR_INVALID_AGENT_STATE, "No agent is logged in there");

  dto = ad_call_center_create_interaction (center, agent_id, request->body, error);
  if (dto == NULL)
    return FALSE;

  respond_interaction (request->msg, SOUP_STATUS_CREATED, dto,
                       (const char * const *) attributes);
  return TRUE;
}

static gboolean
handle_voice_action (Request  *request,
                     GError  **error)
{
  AdCallCenter *center = request->self->center;
  const char *id = request->args[0];
  AdVoiceAction action = ad_voice_action_from_path (request->args[1]);
  g_autoptr(JsonObject) created = NULL;

  if (action == AD_VOICE_ACTION_NONE)
    {
      g_set_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
                   "There is no voice action “%s”", request->args[1]);
      return FALSE;
    }

  if (!ad_access_check_interaction (center, request->who, id, error) ||
      !ad_call_center_perform (center, id, action, request->body, &created, error))
    return FALSE;

  if (created != NULL)
    respond_interaction (request->msg, SOUP_STATUS_CREATED, created, NULL);
  else
    ad_http_respond_accepted (request->msg);
  return TRUE;
}

/* Event service */

static gboolean
handle_subscription_create (Request  *request,
                            GError  **error)
{
  AdSubscription *subscription = ad_event_hub_subscribe (request->self->hub, request->who,
                                                         request->body, error);

  if (subscription == NULL)
    return FALSE;

  respond_member (request->msg, SOUP_STATUS_CREATED, "subscriptionId",
                  json_node_init_string (json_node_alloc (),
                                         ad_subscription_get_id (subscription)));
  return TRUE;
}

static gboolean
handle_subscription_delete (Request  *request,
                            GError  **error)
{
  AdEventHub *hub = request->self->hub;
  AdSubscription *subscription = ad_event_hub_lookup (hub, request->who, request->args[0], error);

  if (subscription == NULL)
    return FALSE;

  ad_event_hub_unsubscribe (hub, subscription);
  ad_http_respond_no_content (request->msg);
  return TRUE;
}

static gboolean
handle_subscription_stream (Request  *request,
                            GError  **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *last = soup_message_headers_get_one (headers, "Last-Event-ID");
  AdSubscription *subscription;
  guint64 last_id = 0;

  subscription = ad_event_hub_lookup (request->self->hub, request->who, request->args[0], error);
  if (subscription == NULL)
    return FALSE;

  /* An id that is not one of ours cannot be resumed from: the client
   * gets ResyncRequired. */
  if (last != NULL && !g_ascii_string_to_unsigned (last, 10, 0, G_MAXUINT64, &last_id, NULL))
    last_id = G_MAXUINT64;

  ad_subscription_attach_stream (subscription, request->msg, last != NULL, last_id);
  return TRUE;
}

/* Contact history */

static gboolean
handle_history (Request  *request,
                GError  **error)
{
  g_autofree char *agent_id = NULL;
  g_autofree char *limit_text = ad_http_get_query_param (request->msg, "limit");
  guint64 limit = HISTORY_LIMIT;
  JsonArray *records;

  if (limit_text != NULL &&
      !g_ascii_string_to_unsigned (limit_text, 10, 1, HISTORY_LIMIT_MAX, &limit, NULL))
    {
      g_set_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
                   "“limit” must be a whole number from 1 to %d", HISTORY_LIMIT_MAX);
      return FALSE;
    }

  if (!get_agent_param (request, &agent_id, error))
    return FALSE;

  records = ad_history_list (request->self->history, agent_id, limit, error);
  if (records == NULL)
    return FALSE;

  respond_array (request->msg, "records", records);
  return TRUE;
}

/* Simulation */

static gboolean
handle_sim_inbound (Request  *request,
                    GError  **error)
{
  g_autofree char *call_id = ad_call_center_sim_inbound (request->self->center,
                                                         request->body, error);

  if (call_id == NULL)
    return FALSE;

  respond_member (request->msg, SOUP_STATUS_CREATED, "callId",
                  json_node_init_string (json_node_alloc (), call_id));
  return TRUE;
}

static gboolean
handle_sim_hangup (Request  *request,
                   GError  **error)
{
  if (!ad_call_center_sim_hangup (request->self->center, request->args[0], error))
    return FALSE;

  ad_http_respond_no_content (request->msg);
  return TRUE;
}

static const Route routes[] = {
  { "POST", "session", ACCESS_PUBLIC, handle_session_create },
  { "DELETE", "session", ACCESS_TOKEN, handle_session_delete },
  { "GET", "center", ACCESS_TOKEN, handle_center },
  { "GET", "agents", ACCESS_TOKEN, handle_agents_list },
  { "GET", "agents/*", ACCESS_TOKEN, handle_agent_get },
  { "POST", "agents/*/*", ACCESS_TOKEN, handle_agent_action },
  { "GET", "places", ACCESS_TOKEN, handle_places_list },
  { "GET", "queues", ACCESS_SUPERVISOR, handle_queues_list },
  { "GET", "interactions", ACCESS_TOKEN, handle_interactions_list },
  { "GET", "interactions/*", ACCESS_TOKEN, handle_interaction_get },
  { "POST", "voice/interactions", ACCESS_TOKEN, handle_voice_create },
  { "POST", "voice/interactions/*/*", ACCESS_TOKEN, handle_voice_action },
  { "POST", "events/subscriptions", ACCESS_TOKEN, handle_subscription_create },
  { "DELETE", "events/subscriptions/*", ACCESS_TOKEN, handle_subscription_delete },
  { "GET", "events/subscriptions/*/stream", ACCESS_TOKEN, handle_subscription_stream },
  { "GET", "history", ACCESS_TOKEN, handle_history },
  { "POST", "sim/inbound", ACCESS_SIM, handle_sim_inbound },
  { "POST", "sim/calls/*/hangup", ACCESS_SIM, handle_sim_hangup },
};

/* Whether @segments match @pattern; fills @args with the '*' segments. */
static gboolean
match_pattern (const char  *pattern,
               char       **segments,
               const char  *args[2])
{
  g_auto(GStrv) parts = g_strsplit (pattern, "/", -1);
  guint n_args = 0;

  if (g_strv_length (parts) != g_strv_length (segments))
    return FALSE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (strcmp (parts[i], "*") == 0)
        {
          if (segments[i][0] == '\0' || n_args == 2)
            return FALSE;
          args[n_args++] = segments[i];
        }
      else if (strcmp (parts[i], segments[i]) != 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
authorize (AdSwitchServer  *self,
           Request         *request,
           Access           access,
           GError         **error)
{
  if (access == ACCESS_PUBLIC)
    return TRUE;

  request->who = ad_auth_check (self->auth, ad_http_get_bearer_token (request->msg), error);
  if (request->who == NULL)
    return FALSE;

  if (access == ACCESS_SUPERVISOR || (access == ACCESS_SIM && !self->options.sim_api))
    return ad_access_require_supervisor (request->who, error);

  return TRUE;
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  AdSwitchServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) segments = NULL;
  g_autoptr(GString) allowed = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  Request request = { self, msg, NULL, { NULL, NULL }, NULL };
  const Route *route = NULL;

  g_debug ("%s %s", method, path);

  if (!g_str_has_prefix (path, API_PREFIX))
    {
      ad_http_respond_error_literal (msg, AD_ERROR_NOT_FOUND, "There is nothing here");
      return;
    }

  segments = g_strsplit (path + strlen (API_PREFIX), "/", -1);
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (!match_pattern (routes[i].pattern, segments, request.args))
        continue;
      if (strcmp (routes[i].method, method) == 0)
        {
          route = &routes[i];
          break;
        }
      g_string_append_printf (allowed, "%s%s", allowed->len > 0 ? ", " : "", routes[i].method);
    }

  if (route == NULL)
    {
      if (allowed->len == 0)
        {
          ad_http_respond_error_literal (msg, AD_ERROR_NOT_FOUND, "There is no such resource");
          return;
        }

      ad_http_respond_error_literal (msg, AD_ERROR_INVALID_REQUEST,
                                     "This resource does not support this method");
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", allowed->str);
      return;
    }

  if (!authorize (self, &request, route->access, &error))
    {
      ad_http_respond_error (msg, error);
      return;
    }

  if (strcmp (method, "POST") == 0)
    {
      body = ad_http_parse_body (msg, &error);
      if (body == NULL)
        {
          ad_http_respond_error (msg, error);
          return;
        }
      request.body = body;
    }

  /* A repeated request id gets its first answer (docs/protocol.md,
   * "Request ids"). */
  if (!ad_request_log_begin (self->requests, msg,
                             request.who != NULL ? request.who->token_hash : NULL))
    return;

  if (!route->handler (&request, &error))
    ad_http_respond_error (msg, error);
  ad_request_log_end (self->requests, msg);
}

static void
on_request_chunk (SoupServerMessage *msg,
                  GBytes            *chunk,
                  gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (body->length <= AD_HTTP_MAX_BODY)
    return;

  /* Stop keeping what arrives; the answer is decided already. */
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
  g_signal_handlers_disconnect_by_func (msg, on_request_chunk, user_data);
  ad_http_respond_error_literal (msg, AD_ERROR_PAYLOAD_TOO_LARGE,
                                 "The request body is larger than 64 KiB");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
}

/* Runs when the headers are in, before the body: an announced oversize
 * body is refused now and never kept; a chunked one is watched as it
 * arrives. */
static void
on_request_headers (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > AD_HTTP_MAX_BODY)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      ad_http_respond_error_literal (msg, AD_ERROR_PAYLOAD_TOO_LARGE,
                                     "The request body is larger than 64 KiB");
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      return;
    }

  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_request_chunk), NULL);
}

/* Keep-alive connections between two requests.
 *
 * libsoup 3.2 never notices that a client closed a keep-alive connection
 * while the server waited for its next request (fixed in libsoup 3.3 by
 * commit d20c6601), nor does it bound how long a client may keep one
 * waiting: the connection, its socket and its descriptor stay for as long
 * as the server lives. So from the end of each request until the next one
 * starts (and on a plain connection from its start until its first
 * request comes), the switch watches the connection's socket itself; when
 * the client has closed it, or when it has waited for its next request
 * longer than options.connection_idle_ms, the switch takes it back
 * from libsoup (soup_server_message_steal_connection(), which frees
 * libsoup's side of it) and closes it. A connection with a request in
 * progress, an event stream among them, is never idle: "request-started"
 * takes it out of the watch, and so does its next request's first bytes.
 *
 * The watch must see the end of the stream before libsoup's own reader
 * does, for once libsoup has read it the connection has no request left
 * to steal it through (stealing it then crashes libsoup 3.2). The watch
 * starts when the request finishes, before libsoup starts waiting for the
 * next one, and has the same priority as libsoup's sources: when the
 * socket becomes readable, the main loop dispatches the older source, the
 * watch, first. It costs no main loop iteration of its own, which matters
 * with thousands of connections. A connection that libsoup closes after
 * the request has no socket any more (and the watch, polling a closed
 * descriptor, wakes to find that out).
 *
 * Over HTTPS the client's close comes as data first, its close_notify
 * alert, which libsoup would read as the end of the stream. So the watch
 * peeks at the TLS records waiting on the socket: records that can only be
 * alerts are the client closing, anything else is its next request. TLS
 * 1.2 shows an alert's type; TLS 1.3 hides it in an application data
 * record, of TLS_ALERT_RECORD_LENGTH bytes with every cipher but the
 * CCM_8 ones (TLS_ALERT_RECORD_LENGTH_CCM_8), where a request's first
 * record is always larger. Other records may still be the client's close
 * (an alert padded to another size, or garbage that fails to decrypt):
 * the watch then ends, and the connection gets the limit anew for a
 * request to start. If none does, libsoup may have read the end of the
 * stream already, leaving nothing to steal the connection through: the
 * switch closes its socket, which gives the descriptor back, and libsoup's
 * side of the connection stays until the switch stops.
 *
 * The timeout needs no timer per connection: the idle connections are
 * queued in the order they became idle, and a single timer, armed only
 * while the queue is not empty, closes the expired ones from its head. It
 * waits a quarter of the limit (at least IDLE_SWEEP_SLACK_MS) past the
 * oldest deadline, so that one pass takes every connection expiring in the
 * meantime and passes come at most four times a limit. A connection whose
 * next request is already waiting on the socket when its time is up is
 * left to libsoup. */

#define IDLE_SWEEP_SLACK_MS             250
#define TLS_RECORD_HEADER_LENGTH        5
#define TLS_CONTENT_TYPE_ALERT          21
#define TLS_CONTENT_TYPE_DATA           23
/* The alert's 2 bytes, its inner content type and a 16- or 8-byte tag. */
#define TLS_ALERT_RECORD_LENGTH         (2 + 1 + 16)
#define TLS_ALERT_RECORD_LENGTH_CCM_8   (2 + 1 + 8)

typedef struct {
  AdSwitchServer    *self;
  SoupServerMessage *msg;     /* the connection's last request */
  GSocket           *socket;
  GSource           *source;
  gboolean           tls;
  gboolean           reading; /* TLS records came, no request yet */
  gint64             since;   /* monotonic time it became idle */
  GList              link;    /* in self->idle_queue */
} IdleConnection;

typedef enum {
  IDLE_WAITING,   /* nothing to read */
  IDLE_REQUEST,   /* the next request is coming */
  IDLE_CLOSED,    /* the client closed its end */
} IdleState;

static void
idle_connection_free (IdleConnection *idle)
{
  g_queue_unlink (&idle->self->idle_queue, &idle->link);
  if (idle->source != NULL)
    {
      g_source_destroy (idle->source);
      g_source_unref (idle->source);
    }
  g_object_unref (idle->msg);
  g_object_unref (idle->socket);
  g_free (idle);
}

/* Whether @data, all that a socket holds, is whole TLS records that can
 * only be alerts. */
static gboolean
holds_tls_alerts (const guint8 *data,
                  gsize         length)
{
  while (length > 0)
    {
      gsize record_length;

      if (length < TLS_RECORD_HEADER_LENGTH)
        return FALSE;

      record_length = (gsize) data[3] << 8 | data[4];
      if (length < TLS_RECORD_HEADER_LENGTH + record_length)
        return FALSE;
      if (data[0] != TLS_CONTENT_TYPE_ALERT &&
          !(data[0] == TLS_CONTENT_TYPE_DATA &&
            (record_length == TLS_ALERT_RECORD_LENGTH ||
             record_length == TLS_ALERT_RECORD_LENGTH_CCM_8)))
        return FALSE;

      data += TLS_RECORD_HEADER_LENGTH + record_length;
      length -= TLS_RECORD_HEADER_LENGTH + record_length;
    }

  return TRUE;
}

/* What the socket of @idle holds, read without taking it. */
static IdleState
peek_idle_connection (IdleConnection *idle)
{
  guint8 buffer[64];
  gssize n;

  n = recv (g_socket_get_fd (idle->socket), buffer, sizeof buffer, MSG_PEEK | MSG_DONTWAIT);
  if (n < 0)
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? IDLE_WAITING
                                                                     : IDLE_CLOSED;
  if (n == 0 || (idle->tls && (gsize) n < sizeof buffer && holds_tls_alerts (buffer, n)))
    return IDLE_CLOSED;
  return IDLE_REQUEST;
}

/* TLS records that may be a request came on @idle: the watch ends, and
 * a request has the whole limit to start. */
static void
start_reading (IdleConnection *idle)
{
  GQueue *queue = &idle->self->idle_queue;

  idle->reading = TRUE;
  g_source_destroy (idle->source);
  g_clear_pointer (&idle->source, g_source_unref);
  idle->since = g_get_monotonic_time ();
  g_queue_unlink (queue, &idle->link);
  g_queue_push_tail_link (queue, &idle->link);
}

/* Forgets @idle when its next request is coming or libsoup closed it;
 * takes it back from libsoup and closes it when its client closed it or,
 * when @expired, in any case. Returns whether the watch of @idle is over
 * (@idle may be freed). */
static gboolean
check_idle_connection (IdleConnection *idle,
                       gboolean        expired)
{
  AdSwitchServer *self = idle->self;
  GSocket *socket = idle->socket;
  g_autoptr(GIOStream) stream = NULL;

  if (soup_server_message_get_socket (idle->msg) != socket)
    return g_hash_table_remove (self->idle_connections, socket);

  if (idle->reading)
    {
      g_debug ("Closing the socket of a connection that sent no request in %u ms",
               self->options.connection_idle_ms);
      g_socket_close (socket, NULL);
      return g_hash_table_remove (self->idle_connections, socket);
    }

  switch (peek_idle_connection (idle))
    {
    case IDLE_WAITING:
      if (!expired)
        return FALSE;
      g_debug ("Closing a connection idle for over %u ms", self->options.connection_idle_ms);
      break;
    case IDLE_REQUEST:
      if (idle->tls)
        {
          start_reading (idle);
          return TRUE;
        }
      /* libsoup reads it, and the connection is watched again once it is
       * answered. */
      return g_hash_table_remove (self->idle_connections, socket);
    case IDLE_CLOSED:
      g_debug ("A client closed its idle connection");
      break;
    }

  stream = soup_server_message_steal_connection (idle->msg);
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
  g_socket_close (socket, NULL);
  return g_hash_table_remove (self->idle_connections, socket);
}

static gboolean
on_idle_socket_ready (GSocket      *socket,
                      GIOCondition  condition,
                      gpointer      user_data)
{
  return check_idle_connection (user_data, FALSE) ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static gboolean on_idle_sweep (gpointer user_data);

static void
schedule_idle_sweep (AdSwitchServer *self)
{
  IdleConnection *oldest = g_queue_peek_head (&self->idle_queue);
  guint limit_ms = self->options.connection_idle_ms;
  gint64 wait_ms;

  if (self->idle_sweep_id != 0 || oldest == NULL || limit_ms == 0)
    return;

  wait_ms = (oldest->since - g_get_monotonic_time ()) / 1000 + limit_ms;
  wait_ms = MAX (wait_ms, 0) + MAX (limit_ms / 4, IDLE_SWEEP_SLACK_MS);
  self->idle_sweep_id = g_timeout_add (wait_ms, on_idle_sweep, self);
}

static gboolean
on_idle_sweep (gpointer user_data)
{
  AdSwitchServer *self = user_data;
  gint64 idle_since = g_get_monotonic_time () -
                      (gint64) self->options.connection_idle_ms * 1000;
  IdleConnection *oldest;

  self->idle_sweep_id = 0;
  while ((oldest = g_queue_peek_head (&self->idle_queue)) != NULL && oldest->since <= idle_since)
    check_idle_connection (oldest, TRUE);

  schedule_idle_sweep (self);
  return G_SOURCE_REMOVE;
}

static GQuark
connection_seen_quark (void)
{
  return g_quark_from_static_string ("ad-switch-server-connection-seen");
}

/* Watches the connection of @msg, whose socket is @socket, from now on. */
static void
watch_idle_connection (AdSwitchServer    *self,
                       SoupServerMessage *msg,
                       GSocket           *socket)
{
  IdleConnection *idle = g_new0 (IdleConnection, 1);

  idle->self = self;
  idle->msg = g_object_ref (msg);
  idle->socket = g_object_ref (socket);
  idle->tls = self->tls_certificate != NULL;
  idle->since = g_get_monotonic_time ();
  idle->link.data = idle;
  idle->source = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (idle->source, G_SOURCE_FUNC (on_idle_socket_ready), idle, NULL);
  g_source_attach (idle->source, g_main_context_get_thread_default ());
  g_hash_table_replace (self->idle_connections, idle->socket, idle);
  g_queue_push_tail_link (&self->idle_queue, &idle->link);
  schedule_idle_sweep (self);
}

/* On "request-finished" and "request-aborted": libsoup keeps a connection
 * alive after either when the answer went out whole. */
static void
on_request_finished (SoupServer        *server,
                     SoupServerMessage *msg,
                     gpointer           user_data)
{
  AdSwitchServer *self = user_data;
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket != NULL && self->idle_connections != NULL)
    watch_idle_connection (self, msg, socket);
}

/* A request that starts ends the watch of its connection. libsoup starts
 * a connection's first request as it accepts it, before any of it has
 * come: a plain connection waits for it as it would for a next one, and is
 * watched the same way. Over HTTPS the TLS handshake comes first, which
 * libsoup runs with no way to take the connection back meanwhile. */
static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  AdSwitchServer *self = user_data;
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket == NULL || self->idle_connections == NULL ||
      g_hash_table_remove (self->idle_connections, socket) ||
      g_object_get_qdata (G_OBJECT (socket), connection_seen_quark ()) != NULL)
    return;

  g_object_set_qdata (G_OBJECT (socket), connection_seen_quark (), GINT_TO_POINTER (TRUE));
  if (self->tls_certificate == NULL)
    watch_idle_connection (self, msg, socket);
}

static gboolean
load_config (AdSwitchServer  *self,
             GError         **error)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(JsonObject) config = NULL;

  if (!g_file_get_contents (self->config_file, &contents, &length, error))
    return FALSE;

  config = ad_json_parse_object (contents, length, error);
  if (config == NULL ||
      !ad_call_center_load_config (self->center, config, error) ||
      !ad_auth_load_config (self->auth, config, error))
    {
      g_prefix_error (error, "%s: ", self->config_file);
      return FALSE;
    }

  return TRUE;
}

/* TLS */

/* GLib names the file in an error opening it, not in one parsing it. */
static void
prefix_tls_error (GError     **error,
                  const char  *what,
                  const char  *file)
{
  if (error != NULL && *error != NULL && (*error)->domain == G_FILE_ERROR)
    g_prefix_error (error, "%s: ", what);
  else
    g_prefix_error (error, "%s %s: ", what, file);
}

/* The switch starts anyway (its clients refuse the certificate and say
 * why), but the operator learns it here first. */
static void
warn_if_expired (GTlsCertificate *certificate,
                 const char      *file)
{
  g_autoptr(GDateTime) not_after = g_tls_certificate_get_not_valid_after (certificate);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = NULL;

  if (not_after == NULL || g_date_time_compare (not_after, now) > 0)
    return;

  when = g_date_time_format_iso8601 (not_after);
  g_warning ("The TLS certificate %s expired on %s: clients will refuse it", file, when);
}

/* The certificate and key of options->tls_*_file, when given, into
 * self->tls_certificate; the listen calls then serve HTTPS. */
static gboolean
load_tls_certificate (AdSwitchServer         *self,
                      const AdSwitchOptions  *options,
                      GError                **error)
{
  const char *certificate_file = options->tls_certificate_file;
  const char *key_file = options->tls_key_file;
  g_autoptr(GTlsCertificate) certificate = NULL;

  if (certificate_file == NULL && key_file == NULL)
    return TRUE;

  if (certificate_file == NULL || key_file == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "HTTPS needs both a TLS certificate and its private key");
      return FALSE;
    }

  /* The certificate alone first, so that an error blames the right file. */
  certificate = g_tls_certificate_new_from_file (certificate_file, error);
  if (certificate == NULL)
    {
      prefix_tls_error (error, "TLS certificate", certificate_file);
      return FALSE;
    }
  g_clear_object (&certificate);

  certificate = g_tls_certificate_new_from_files (certificate_file, key_file, error);
  if (certificate == NULL)
    {
      prefix_tls_error (error, "TLS private key", key_file);
      return FALSE;
    }

  warn_if_expired (certificate, certificate_file);
  self->tls_certificate = g_steal_pointer (&certificate);
  return TRUE;
}

static SoupServerListenOptions
get_listen_options (AdSwitchServer *self)
{
  return self->tls_certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0;
}

void
ad_switch_options_init (AdSwitchOptions *options)
{
  AdEventHubLimits limits;

  ad_event_hub_limits_init (&limits);

  memset (options, 0, sizeof *options);
  options->profile = AD_SWITCH_PROFILE_FULL;
  options->answer_delay_ms = 1000;
  options->token_ttl_s = AD_AUTH_DEFAULT_TOKEN_TTL;
  options->keepalive_ms = limits.keepalive_ms;
  options->linger_ms = limits.linger_ms;
  options->max_subscriptions_per_token = limits.max_per_token;
  options->max_subscriptions = limits.max_total;
  options->replay_events = limits.subscription.replay_events;
  options->event_log_events = limits.log_events;
  options->event_log_bytes = limits.log_bytes;
  options->stream_queue_max = limits.subscription.stream_queue_max;
  options->login_failures_per_minute = 10;
  /* Past SoupSession's 60 s idle timeout, so that the desktop closes its
   * kept-alive connections itself and never sends a request on one the
   * switch is closing; two minutes of a descriptor for a connection left
   * waiting is little next to the thousands the switch may hold. */
  options->connection_idle_ms = 120 * 1000;
}

AdSwitchServer *
ad_switch_server_new (const AdSwitchOptions  *options,
                      GError                **error)
{
  g_autoptr(AdSwitchServer) self = g_object_new (AD_TYPE_SWITCH_SERVER, NULL);
  AdEventHubLimits limits;
  AdRequestLogLimits request_limits;

  self->options = *options;
  self->config_file = g_strdup (options->config_file);
  self->db_file = g_strdup (options->db_file);
  self->options.config_file = self->config_file;
  self->options.db_file = self->db_file;
  /* Loaded once here; the caller's file names are not kept. */
  self->options.tls_certificate_file = NULL;
  self->options.tls_key_file = NULL;
  if (!load_tls_certificate (self, options, error))
    return NULL;

  self->center = ad_call_center_new (options->profile);
  ad_call_center_set_answer_delay (self->center, options->answer_delay_ms);
  ad_call_center_set_action_delay (self->center, options->action_delay_ms);

  self->auth = ad_auth_new ();
  ad_auth_set_token_ttl (self->auth, MAX (options->token_ttl_s, 1));
  ad_auth_set_login_limit (self->auth, options->login_failures_per_minute);

  if (self->config_file != NULL)
    {
      if (!load_config (self, error))
        return NULL;
    }
  else
    {
      if (options->demo_agents > 0)
        ad_call_center_load_demo_sized (self->center, options->demo_agents);
      else
        ad_call_center_load_demo (self->center);
      ad_auth_load_demo (self->auth, self->center);
    }

  self->history = ad_history_new (self->db_file, error);
  if (self->history == NULL ||
      (options->db_max_bytes > 0 &&
       !ad_history_set_max_bytes (self->history, options->db_max_bytes, error)))
    return NULL;
  ad_call_center_set_history_sink (self->center, on_history_record, self);

  ad_event_hub_limits_init (&limits);
  limits.keepalive_ms = options->keepalive_ms;
  limits.linger_ms = options->linger_ms;
  limits.max_per_token = options->max_subscriptions_per_token;
  limits.max_total = options->max_subscriptions;
  limits.subscription.replay_events = MAX (options->replay_events, 1);
  limits.log_events = MAX (options->event_log_events, 1);
  limits.log_bytes = options->event_log_bytes;
  limits.subscription.stream_queue_max = options->stream_queue_max;
  self->hub = ad_event_hub_new (self->center, self->auth, &limits);

  ad_request_log_limits_init (&request_limits);
  self->requests = ad_request_log_new (self->auth, &request_limits);

  self->soup = soup_server_new ("server-header", "agentdesk-switch/" PACKAGE_VERSION,
                                "tls-certificate", self->tls_certificate,
                                NULL);
  soup_server_add_early_handler (self->soup, NULL, on_request_headers, self, NULL);
  soup_server_add_handler (self->soup, NULL, on_request, self, NULL);
  self->idle_connections = g_hash_table_new_full (NULL, NULL, NULL,
                                                  (GDestroyNotify) idle_connection_free);
  /* After the handler of ad_switch_server_listen_soup(), which counts the
   * references to a new socket before the watch takes its own. */
  g_signal_connect_after (self->soup, "request-started", G_CALLBACK (on_request_started), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (on_request_finished), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (on_request_finished), self);

  self->expire_id = g_timeout_add_seconds (EXPIRE_INTERVAL_S, on_expire_tick, self);

  if (self->config_file == NULL && options->demo_agents > 0)
    {
      self->crowd = ad_sim_crowd_new (self->center, g_random_int ());
      ad_sim_crowd_set_calls_per_minute (self->crowd, options->demo_calls_per_minute);
      ad_sim_crowd_start (self->crowd);
    }

  return g_steal_pointer (&self);
}

/* libsoup before 3.4 keeps one reference too many to every socket it
 * accepts (fixed in libsoup 3.4 by commit b545d5f0): the socket object
 * outlives its connection. A connection's first request starts as soon as
 * it is accepted, when only the connection holds the socket besides that
 * reference; the one too many is dropped then, once per socket. A libsoup
 * with the fix backported holds a single reference there, and is left
 * alone. */
static GQuark
accepted_socket_quark (void)
{
  return g_quark_from_static_string ("ad-switch-server-accepted-socket");
}

static void
on_soup_request_started (SoupServer        *soup,
                         SoupServerMessage *msg,
                         gpointer           user_data)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket == NULL || g_object_get_qdata (G_OBJECT (socket), accepted_socket_quark ()) != NULL)
    return;

  g_object_set_qdata (G_OBJECT (socket), accepted_socket_quark (), GINT_TO_POINTER (TRUE));
  if (g_atomic_int_get (&G_OBJECT (socket)->ref_count) < 2)
    return;

  g_object_unref (socket);
}

guint
ad_switch_server_listen_soup (SoupServer               *soup,
                              GInetAddress             *address,
                              guint                     port,
                              SoupServerListenOptions   options,
                              GError                  **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocketAddress) local_address = NULL;

  g_return_val_if_fail (SOUP_IS_SERVER (soup), 0);
  g_return_val_if_fail (G_IS_INET_ADDRESS (address), 0);

  socket = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return 0;

  /* GLib's default backlog of 10 resets connections when many clients
   * connect at once (agents coming back after the switch restarted). */
  g_socket_set_listen_backlog (socket, AD_SWITCH_LISTEN_BACKLOG);
  socket_address = g_inet_socket_address_new (address, port);
  if (!g_socket_bind (socket, socket_address, TRUE, error) ||
      !g_socket_listen (socket, error))
    return 0;

  /* The port from the socket: soup_server_get_uris() leaks an address in
   * libsoup 3.2. */
  local_address = g_socket_get_local_address (socket, error);
  if (local_address == NULL ||
      !soup_server_listen_socket (soup, socket, options, error))
    return 0;

  if (soup_get_major_version () == 3 && soup_get_minor_version () < 4 &&
      g_object_get_qdata (G_OBJECT (soup), accepted_socket_quark ()) == NULL)
    {
      g_object_set_qdata (G_OBJECT (soup), accepted_socket_quark (), GINT_TO_POINTER (TRUE));
      g_signal_connect (soup, "request-started", G_CALLBACK (on_soup_request_started), NULL);
    }

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local_address));
}

gboolean
ad_switch_server_listen (AdSwitchServer  *self,
                         const char      *host,
                         guint            port,
                         GError         **error)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (AD_IS_SWITCH_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup != NULL, FALSE);

  address = g_inet_address_new_from_string (g_strcmp0 (host, "localhost") == 0 ? "127.0.0.1"
                                                                              : host);
  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address to listen on", host);
      return FALSE;
    }

  self->port = ad_switch_server_listen_soup (self->soup, address, port,
                                             get_listen_options (self), error);
  if (self->port == 0)
    return FALSE;

  text = g_inet_address_to_string (address);
  g_free (self->base_url);
  self->base_url = g_strdup_printf (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6
                                    ? "%s://[%s]:%u" : "%s://%s:%u",
                                    self->tls_certificate != NULL ? "https" : "http",
                                    text, self->port);

  g_debug ("Listening on %s", self->base_url);
  return TRUE;
}

const char *
ad_switch_server_get_base_url (AdSwitchServer *self)
{
  g_return_val_if_fail (AD_IS_SWITCH_SERVER (self), NULL);

  return self->base_url;
}

guint
ad_switch_server_get_port (AdSwitchServer *self)
{
  g_return_val_if_fail (AD_IS_SWITCH_SERVER (self), 0);

  return self->port;
}

AdCallCenter *
ad_switch_server_get_call_center (AdSwitchServer *self)
{
  g_return_val_if_fail (AD_IS_SWITCH_SERVER (self), NULL);

  return self->center;
}

guint
ad_switch_server_get_n_streams (AdSwitchServer *self)
{
  g_return_val_if_fail (AD_IS_SWITCH_SERVER (self), 0);

  return self->hub != NULL ? ad_event_hub_get_n_streams (self->hub) : 0;
}

void
ad_switch_server_set_token_ttl (AdSwitchServer *self,
                                guint           ttl_s)
{
  g_return_if_fail (AD_IS_SWITCH_SERVER (self));

  ad_auth_set_token_ttl (self->auth, MAX (ttl_s, 1));
}

void
ad_switch_server_drop_streams (AdSwitchServer *self)
{
  g_return_if_fail (AD_IS_SWITCH_SERVER (self));

  if (self->hub != NULL)
    ad_event_hub_drop_streams (self->hub);
}

void
ad_switch_server_shutdown (AdSwitchServer *self)
{
  g_return_if_fail (AD_IS_SWITCH_SERVER (self));

  g_clear_handle_id (&self->expire_id, g_source_remove);
  if (self->crowd != NULL)
    ad_sim_crowd_stop (self->crowd);
  if (self->hub != NULL)
    ad_event_hub_shutdown (self->hub);
  /* Before libsoup closes the connections it still holds. */
  g_clear_handle_id (&self->idle_sweep_id, g_source_remove);
  g_clear_pointer (&self->idle_connections, g_hash_table_unref);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  if (self->center != NULL)
    ad_call_center_set_history_sink (self->center, NULL, NULL);
  if (self->history != NULL)
    ad_history_close (self->history);
}

static void
ad_switch_server_dispose (GObject *object)
{
  AdSwitchServer *self = AD_SWITCH_SERVER (object);

  ad_switch_server_shutdown (self);
  g_clear_object (&self->crowd);
  g_clear_object (&self->hub);
  g_clear_object (&self->requests);
  g_clear_object (&self->soup);
  g_clear_object (&self->tls_certificate);
  g_clear_object (&self->history);
  g_clear_object (&self->auth);
  g_clear_object (&self->center);

  G_OBJECT_CLASS (ad_switch_server_parent_class)->dispose (object);
}

static void
ad_switch_server_finalize (GObject *object)
{
  AdSwitchServer *self = AD_SWITCH_SERVER (object);

  g_free (self->config_file);
  g_free (self->db_file);
  g_free (self->base_url);

  G_OBJECT_CLASS (ad_switch_server_parent_class)->finalize (object);
}

static void
ad_switch_server_class_init (AdSwitchServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ad_switch_server_dispose;
  object_class->finalize = ad_switch_server_finalize;
}

static void
ad_switch_server_init (AdSwitchServer *self)
{
  g_queue_init (&self->idle_queue);
}
