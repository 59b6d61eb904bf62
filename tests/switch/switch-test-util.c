/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdTestSwitch"

#include "config.h"

#include "switch-test-util.h"

#include <string.h>

struct _AdTestStream
{
  AdTestSwitch     *ts;
  SoupMessage      *msg;
  GCancellable     *cancellable;
  GDataInputStream *input;
  gboolean          opened;
  gboolean          closed;
  guint             keepalives;
  GQueue            events;     /* of AdTestEvent, received */
  GPtrArray        *taken;      /* events handed out, freed with the stream */
  AdTestEventFunc   event_func;
  gpointer          event_func_data;

  /* The event being read. */
  char             *id;
  char             *name;
  GString          *data;
};

static void
event_free (AdTestEvent *event)
{
  g_free (event->name);
  g_free (event->data);
  g_clear_pointer (&event->json, json_object_unref);
  g_free (event);
}

static gboolean
on_wait_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
ad_test_wait_until (const gboolean *done)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (AD_TEST_TIMEOUT_S, on_wait_timeout, &timed_out);

  while (!*done && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Gave up waiting after %d s", AD_TEST_TIMEOUT_S);
  g_source_remove (id);
}

void
ad_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_wait_timeout, &done);
  ad_test_wait_until (&done);
}

guint
ad_test_count_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

void
ad_test_switch_options_init (AdSwitchOptions *options)
{
  ad_switch_options_init (options);
  options->answer_delay_ms = 50;
  options->action_delay_ms = 0;
}

static SoupSession *
new_session (void)
{
  /* Streams hold connections: allow many. */
  return soup_session_new_with_options ("max-conns", 4096,
                                        "max-conns-per-host", 4096,
                                        NULL);
}

AdTestSwitch *
ad_test_switch_new_for_url (const char *base_url)
{
  AdTestSwitch *ts = g_new0 (AdTestSwitch, 1);

  ts->base_url = g_strdup (base_url);
  ts->session = new_session ();
  return ts;
}

AdTestSwitch *
ad_test_switch_new (const AdSwitchOptions *options)
{
  AdTestSwitch *ts = g_new0 (AdTestSwitch, 1);
  AdSwitchOptions defaults;
  g_autoptr(GError) error = NULL;

  if (options == NULL)
    {
      ad_test_switch_options_init (&defaults);
      options = &defaults;
    }

  ts->server = ad_switch_server_new (options, &error);
  g_assert_no_error (error);
  ad_switch_server_listen (ts->server, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  ts->base_url = g_strdup (ad_switch_server_get_base_url (ts->server));
  ts->session = new_session ();
  return ts;
}

void
ad_test_switch_free (AdTestSwitch *ts)
{
  soup_session_abort (ts->session);
  g_clear_object (&ts->session);
  if (ts->server != NULL)
    ad_switch_server_shutdown (ts->server);
  g_clear_object (&ts->server);
  /* Let closed connections be finalized. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_free (ts->base_url);
  g_free (ts);
}

typedef struct {
  gboolean  done;
  GBytes   *body;
  GError   *error;
} Reply;

static void
on_send_and_read (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Reply *reply = user_data;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &reply->error);
  reply->done = TRUE;
}

static SoupMessage *
new_message (AdTestSwitch *ts,
             const char   *method,
             const char   *path,
             const char   *token)
{
  g_autofree char *uri = g_strconcat (ts->base_url, path, NULL);
  SoupMessage *msg = soup_message_new (method, uri);

  g_assert_nonnull (msg);
  /* libsoup opens a new connection for every request that is not
   * idempotent; thousands of POSTs would leave thousands open. */
  soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg),
                                    "Authorization", value);
    }
  return msg;
}

GBytes *
ad_test_switch_send (AdTestSwitch  *ts,
                     SoupMessage   *msg,
                     GError       **error)
{
  Reply reply = { 0 };

  soup_session_send_and_read_async (ts->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    on_send_and_read, &reply);
  ad_test_wait_until (&reply.done);
  /* Let the connection go back to the idle pool, so the next request
   * reuses it instead of opening another. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (reply.error != NULL)
    g_propagate_error (error, reply.error);
  return reply.body;
}

guint
ad_test_switch_request_raw (AdTestSwitch        *ts,
                            const char          *method,
                            const char          *path,
                            const char          *token,
                            GBytes              *body,
                            SoupMessageHeaders  *extra_headers,
                            GBytes             **response)
{
  g_autoptr(SoupMessage) msg = new_message (ts, method, path, token);
  g_autoptr(GError) error = NULL;
  GBytes *body_out;

  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
  if (extra_headers != NULL)
    {
      SoupMessageHeadersIter iter;
      const char *name, *value;

      soup_message_headers_iter_init (&iter, extra_headers);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        soup_message_headers_replace (soup_message_get_request_headers (msg), name, value);
    }

  body_out = ad_test_switch_send (ts, msg, &error);
  g_assert_no_error (error);

  if (response != NULL)
    *response = g_steal_pointer (&body_out);
  g_clear_pointer (&body_out, g_bytes_unref);
  return soup_message_get_status (msg);
}

guint
ad_test_switch_request (AdTestSwitch  *ts,
                        const char    *method,
                        const char    *path,
                        const char    *token,
                        const char    *body,
                        JsonObject   **response)
{
  g_autoptr(GBytes) request_body = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;
  g_autoptr(GBytes) response_body = NULL;
  guint status;

  status = ad_test_switch_request_raw (ts, method, path, token, request_body, NULL,
                                       &response_body);
  if (response != NULL)
    {
      gsize size;
      const char *data = g_bytes_get_data (response_body, &size);

      *response = size > 0 ? ad_json_parse_object (data, size, NULL) : NULL;
    }
  return status;
}

static JsonObject *
expect_valist (AdTestSwitch *ts,
               guint         status,
               const char   *method,
               const char   *path,
               const char   *token,
               const char   *body_format,
               va_list       args) G_GNUC_PRINTF (6, 0);

static JsonObject *
expect_valist (AdTestSwitch *ts,
               guint         status,
               const char   *method,
               const char   *path,
               const char   *token,
               const char   *body_format,
               va_list       args)
{
  g_autofree char *body = body_format != NULL ? g_strdup_vprintf (body_format, args) : NULL;
  JsonObject *response = NULL;
  guint got = ad_test_switch_request (ts, method, path, token, body, &response);

  if (got != status)
    {
      g_autofree char *text = response != NULL ? ad_json_object_to_string (response) : NULL;

      g_error ("%s %s: expected %u, got %u: %s", method, path, status, got,
               text != NULL ? text : "(no body)");
    }
  return response;
}

JsonObject *
ad_test_switch_expect (AdTestSwitch *ts,
                       guint         status,
                       const char   *method,
                       const char   *path,
                       const char   *token,
                       const char   *body_format,
                       ...)
{
  JsonObject *response;
  va_list args;

  va_start (args, body_format);
  response = expect_valist (ts, status, method, path, token, body_format, args);
  va_end (args);
  return response;
}

void
ad_test_assert_error (JsonObject *body,
                      const char *type)
{
  JsonObject *error;

  g_assert_nonnull (body);
  g_assert_true (json_object_has_member (body, "error"));
  error = json_object_get_object_member (body, "error");
  g_assert_cmpstr (ad_json_string_or_null (error, "type"), ==, type);
  g_assert_nonnull (ad_json_string_or_null (error, "message"));
  g_assert_true (json_object_has_member (error, "tServerError"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (error, "tServerError")));
}

void
ad_test_switch_expect_error (AdTestSwitch *ts,
                             guint         status,
                             const char   *type,
                             const char   *method,
                             const char   *path,
                             const char   *token,
                             const char   *body_format,
                             ...)
{
  g_autoptr(JsonObject) response = NULL;
  va_list args;

  va_start (args, body_format);
  response = expect_valist (ts, status, method, path, token, body_format, args);
  va_end (args);
  ad_test_assert_error (response, type);
}

char *
ad_test_switch_login (AdTestSwitch *ts,
                      const char   *username,
                      const char   *password)
{
  g_autoptr(JsonObject) response = NULL;

  response = ad_test_switch_expect (ts, 201, "POST", "/api/v1/session", NULL,
                                    "{\"username\": \"%s\", \"password\": \"%s\"}",
                                    username, password);
  g_assert_nonnull (ad_json_string_or_null (response, "token"));
  return g_strdup (ad_json_string_or_null (response, "token"));
}

char *
ad_test_switch_agent_on (AdTestSwitch *ts,
                         const char   *agent_id,
                         const char   *place_id,
                         gboolean      ready)
{
  g_autofree char *token = ad_test_switch_login (ts, agent_id, "demo");
  g_autofree char *login = g_strdup_printf ("/api/v1/agents/%s/login", agent_id);
  g_autofree char *ready_path = g_strdup_printf ("/api/v1/agents/%s/ready", agent_id);
  g_autoptr(JsonObject) dto = NULL;

  dto = ad_test_switch_expect (ts, 200, "POST", login, token, "{\"placeId\": \"%s\"}", place_id);
  g_assert_cmpstr (ad_json_string_or_null (dto, "agent:status"), ==, "NOT_READY");
  if (ready)
    {
      g_clear_pointer (&dto, json_object_unref);
      dto = ad_test_switch_expect (ts, 200, "POST", ready_path, token, NULL);
      g_assert_cmpstr (ad_json_string_or_null (dto, "agent:status"), ==, "READY");
    }
  return g_steal_pointer (&token);
}

char *
ad_test_switch_subscribe (AdTestSwitch *ts,
                          const char   *token,
                          const char   *body_json)
{
  g_autoptr(JsonObject) response = NULL;

  response = ad_test_switch_expect (ts, 201, "POST", "/api/v1/events/subscriptions", token,
                                    "%s", body_json);
  g_assert_nonnull (ad_json_string_or_null (response, "subscriptionId"));
  return g_strdup (ad_json_string_or_null (response, "subscriptionId"));
}

char *
ad_test_switch_subscribe_agent (AdTestSwitch *ts,
                                const char   *token,
                                const char   *agent_id)
{
  g_autofree char *body = g_strdup_printf (
    "{\"topicsServices\": ["
    " {\"serviceName\": \"InteractionService\", \"topicsEvents\": [{\"eventName\": "
    "  \"InteractionEvent\", \"triggers\": [{\"key\": \"AGENT\", \"value\": \"%s\"}]}]},"
    " {\"serviceName\": \"AgentService\", \"topicsEvents\": [{\"eventName\": "
    "  \"AgentEvent\", \"triggers\": [{\"key\": \"AGENT\", \"value\": \"%s\"}]}]}]}",
    agent_id, agent_id);

  return ad_test_switch_subscribe (ts, token, body);
}

static void read_next_line (AdTestStream *stream);

static void
dispatch_event (AdTestStream *stream)
{
  AdTestEvent *event;

  if (stream->data == NULL)
    {
      g_clear_pointer (&stream->id, g_free);
      g_clear_pointer (&stream->name, g_free);
      return;
    }

  event = g_new0 (AdTestEvent, 1);
  event->id = stream->id != NULL ? g_ascii_strtoull (stream->id, NULL, 10) : 0;
  event->name = stream->name != NULL ? g_steal_pointer (&stream->name) : g_strdup ("message");
  event->data = g_string_free (g_steal_pointer (&stream->data), FALSE);
  event->json = ad_json_parse_object (event->data, -1, NULL);
  g_clear_pointer (&stream->id, g_free);
  if (stream->event_func != NULL)
    {
      stream->event_func (stream, event, stream->event_func_data);
      event_free (event);
      return;
    }
  g_queue_push_tail (&stream->events, event);
}

static void
on_line_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AdTestStream *stream = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gsize length;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                    &length, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (line == NULL)
    {
      stream->closed = TRUE;
      return;
    }

  if (line[0] == '\0')
    dispatch_event (stream);
  else if (line[0] == ':')
    {
      if (strstr (line, "keepalive") != NULL)
        stream->keepalives++;
    }
  else if (g_str_has_prefix (line, "id: "))
    {
      g_free (stream->id);
      stream->id = g_strdup (line + 4);
    }
  else if (g_str_has_prefix (line, "event: "))
    {
      g_free (stream->name);
      stream->name = g_strdup (line + 7);
    }
  else if (g_str_has_prefix (line, "data: "))
    {
      if (stream->data == NULL)
        stream->data = g_string_new (line + 6);
      else
        g_string_append_printf (stream->data, "\n%s", line + 6);
    }
  else
    g_error ("Unexpected line on an event stream: “%s”", line);

  read_next_line (stream);
}

static void
read_next_line (AdTestStream *stream)
{
  g_data_input_stream_read_line_async (stream->input, G_PRIORITY_DEFAULT, stream->cancellable,
                                       on_line_read, stream);
}

static void
on_stream_sent (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AdTestStream *stream = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) input = soup_session_send_finish (SOUP_SESSION (source), result,
                                                            &error);

  stream->opened = TRUE;
  if (input == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_error ("Opening an event stream failed: %s", error->message);
      stream->closed = TRUE;
      return;
    }

  /* An error answer is no event stream: only its status counts. */
  if (soup_message_get_status (stream->msg) != SOUP_STATUS_OK)
    {
      stream->closed = TRUE;
      return;
    }

  stream->input = g_data_input_stream_new (input);
  g_data_input_stream_set_newline_type (stream->input, G_DATA_STREAM_NEWLINE_TYPE_LF);
  read_next_line (stream);
}

AdTestStream *
ad_test_stream_open (AdTestSwitch *ts,
                     const char   *subscription_id,
                     const char   *token,
                     const char   *last_event_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/events/subscriptions/%s/stream",
                                           subscription_id);
  AdTestStream *stream = g_new0 (AdTestStream, 1);

  stream->ts = ts;
  stream->msg = new_message (ts, "GET", path, token);
  stream->cancellable = g_cancellable_new ();
  stream->taken = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  g_queue_init (&stream->events);
  soup_message_headers_replace (soup_message_get_request_headers (stream->msg),
                                "Accept", "text/event-stream");
  if (last_event_id != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (stream->msg),
                                  "Last-Event-ID", last_event_id);

  soup_session_send_async (ts->session, stream->msg, G_PRIORITY_DEFAULT, stream->cancellable,
                           on_stream_sent, stream);
  ad_test_wait_until (&stream->opened);
  return stream;
}

guint
ad_test_stream_get_status (AdTestStream *stream)
{
  return soup_message_get_status (stream->msg);
}

void
ad_test_stream_set_event_func (AdTestStream    *stream,
                               AdTestEventFunc  func,
                               gpointer         user_data)
{
  stream->event_func = func;
  stream->event_func_data = user_data;
}

typedef struct {
  AdTestStream *stream;
  gboolean      ready;
} PendingWait;

static gboolean
on_check_pending (gpointer user_data)
{
  PendingWait *wait = user_data;

  wait->ready = !g_queue_is_empty (&wait->stream->events) || wait->stream->closed;
  return G_SOURCE_CONTINUE;
}

AdTestEvent *
ad_test_stream_next (AdTestStream *stream)
{
  PendingWait wait = { stream, FALSE };
  guint id;
  AdTestEvent *event;

  /* Events are parsed in callbacks: check after every iteration. */
  id = g_idle_add_full (G_PRIORITY_LOW, on_check_pending, &wait, NULL);
  on_check_pending (&wait);
  ad_test_wait_until (&wait.ready);
  g_source_remove (id);

  event = g_queue_pop_head (&stream->events);
  if (event == NULL)
    g_error ("The event stream ended while an event was awaited");
  g_ptr_array_add (stream->taken, event);
  return event;
}

AdTestEvent *
ad_test_stream_wait_event (AdTestStream *stream,
                           const char   *name,
                           const char   *status)
{
  for (;;)
    {
      AdTestEvent *event = ad_test_stream_next (stream);

      if (g_strcmp0 (event->name, name) != 0)
        continue;
      if (status != NULL &&
          g_strcmp0 (ad_test_event_attribute (event, "interaction:status"), status) != 0)
        continue;
      return event;
    }
}

guint
ad_test_stream_get_n_pending (AdTestStream *stream)
{
  return g_queue_get_length (&stream->events);
}

guint
ad_test_stream_get_n_keepalives (AdTestStream *stream)
{
  return stream->keepalives;
}

gboolean
ad_test_stream_is_closed (AdTestStream *stream)
{
  return stream->closed;
}

void
ad_test_stream_wait_closed (AdTestStream *stream)
{
  ad_test_wait_until (&stream->closed);
}

void
ad_test_stream_free (AdTestStream *stream)
{
  g_cancellable_cancel (stream->cancellable);
  /* Let the cancelled read finish before the stream goes away. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&stream->input);
  g_clear_object (&stream->msg);
  g_clear_object (&stream->cancellable);
  g_queue_clear_full (&stream->events, (GDestroyNotify) event_free);
  g_ptr_array_unref (stream->taken);
  g_free (stream->id);
  g_free (stream->name);
  if (stream->data != NULL)
    g_string_free (stream->data, TRUE);
  g_free (stream);
}

const char *
ad_test_event_interaction_id (AdTestEvent *event)
{
  return ad_json_string_or_null (event->json, "interactionId");
}

const char *
ad_test_event_attribute (AdTestEvent *event,
                         const char  *attribute)
{
  JsonObject *attributes;

  if (event->json == NULL || !json_object_has_member (event->json, "attributes"))
    return NULL;
  attributes = json_object_get_object_member (event->json, "attributes");
  return ad_json_string_or_null (attributes, attribute);
}
