/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdEventStream"

#include "config.h"

#include "ad-event-stream.h"
#include "ad-client-enum-types.h"
#include "ad-sse-parser.h"

#define READ_SIZE 16384

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SUBSCRIPTION_ID,
  PROP_STATE,
  PROP_LAST_EVENT_ID,
  PROP_KEEPALIVE_TIMEOUT_MS,
  PROP_BACKOFF_INITIAL_MS,
  PROP_BACKOFF_MAX_MS,
  N_PROPS
};

enum {
  SIGNAL_EVENT,
  SIGNAL_RECONNECTED,
  SIGNAL_RESYNC_REQUIRED,
  SIGNAL_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

struct _AdEventStream
{
  GObject            parent_instance;

  AdClient          *client;
  char              *subscription_id;
  AdConnectionState  state;
  AdSseParser       *parser;
  char              *last_event_id;

  GCancellable      *cancellable;   /* of the current connection */
  GInputStream      *stream;
  guint              reconnect_source;
  guint              keepalive_source;
  gint64             last_activity_us;

  guint              keepalive_timeout_ms;
  guint              backoff_initial_ms;
  guint              backoff_max_ms;
  guint              attempt;
  gboolean           connected_once;
  gboolean           running;
};

G_DEFINE_FINAL_TYPE (AdEventStream, ad_event_stream, G_TYPE_OBJECT)

static void connect_stream (AdEventStream *self);

static void
set_state (AdEventStream     *self,
           AdConnectionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Drops the connection: a pending read or open completes as cancelled and
 * does nothing more. */
static void
close_connection (AdEventStream *self)
{
  g_clear_handle_id (&self->keepalive_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->stream);
}

static gboolean
on_reconnect_timeout (gpointer user_data)
{
  AdEventStream *self = user_data;

  self->reconnect_source = 0;
  connect_stream (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (AdEventStream *self)
{
  guint delay;
  guint64 backoff;

  close_connection (self);
  if (!self->running)
    return;

  set_state (self, AD_CONNECTION_STATE_RECONNECTING);

  /* Exponential backoff, then "equal jitter": half fixed, half random, so
   * desktops cut off together do not all come back at the same moment. */
  backoff = (guint64) self->backoff_initial_ms << MIN (self->attempt, 20);
  backoff = MIN (backoff, self->backoff_max_ms);
  delay = (guint) (backoff / 2 + g_random_int_range (0, (gint32) (backoff / 2) + 1));
  self->attempt++;

  g_debug ("Stream %s: reconnecting in %u ms (attempt %u)",
           self->subscription_id, delay, self->attempt);
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  self->reconnect_source = g_timeout_add (delay, on_reconnect_timeout, self);
}

static void
fail (AdEventStream *self,
      const GError  *error)
{
  g_debug ("Stream %s failed: %s", self->subscription_id, error->message);
  close_connection (self);
  self->running = FALSE;
  set_state (self, AD_CONNECTION_STATE_OFFLINE);
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
}

static gboolean
on_keepalive_check (gpointer user_data)
{
  AdEventStream *self = user_data;
  gint64 silent_ms = (g_get_monotonic_time () - self->last_activity_us) / 1000;

  self->keepalive_source = 0;

  if (silent_ms >= self->keepalive_timeout_ms)
    {
      g_debug ("Stream %s: silent for %" G_GINT64_FORMAT " ms, presumed dead",
               self->subscription_id, silent_ms);
      schedule_reconnect (self);
      return G_SOURCE_REMOVE;
    }

  self->keepalive_source = g_timeout_add (self->keepalive_timeout_ms - (guint) silent_ms,
                                          on_keepalive_check, self);
  return G_SOURCE_REMOVE;
}

static void
on_sse_event (const AdSseEvent *event,
              gpointer          user_data)
{
  AdEventStream *self = user_data;
  gboolean gap = FALSE;

  if (event->id != NULL && g_strcmp0 (event->id, self->last_event_id) != 0)
    {
      guint64 previous, current;

      /* Ids rise by one per subscription: a jump means events were lost. */
      if (self->last_event_id != NULL &&
          g_ascii_string_to_unsigned (self->last_event_id, 10, 0, G_MAXUINT64, &previous, NULL) &&
          g_ascii_string_to_unsigned (event->id, 10, 0, G_MAXUINT64, &current, NULL) &&
          current != previous + 1)
        gap = TRUE;

      g_free (self->last_event_id);
      self->last_event_id = g_strdup (event->id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_EVENT_ID]);
    }

  if (g_strcmp0 (event->type, "ResyncRequired") == 0)
    {
      g_debug ("Stream %s: the switch asks for a resync", self->subscription_id);
      g_signal_emit (self, signals[SIGNAL_RESYNC_REQUIRED], 0);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_EVENT], 0, event->type, event->data, event->id);

  if (gap)
    {
      g_debug ("Stream %s: event ids skipped before %s", self->subscription_id, event->id);
      g_signal_emit (self, signals[SIGNAL_RESYNC_REQUIRED], 0);
    }
}

static void
read_next (AdEventStream *self);

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AdEventStream) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  /* A connection that was dropped or replaced meanwhile. */
  if (G_INPUT_STREAM (source) != self->stream)
    return;

  if (bytes == NULL)
    {
      g_debug ("Stream %s: read failed: %s", self->subscription_id, error->message);
      schedule_reconnect (self);
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  if (size == 0)
    {
      g_debug ("Stream %s: closed by the switch", self->subscription_id);
      schedule_reconnect (self);
      return;
    }

  self->last_activity_us = g_get_monotonic_time ();
  ad_sse_parser_feed (self->parser, data, size);

  /* A handler may have stopped us. */
  if (G_INPUT_STREAM (source) == self->stream)
    read_next (self);
}

static void
read_next (AdEventStream *self)
{
  g_input_stream_read_bytes_async (self->stream, READ_SIZE, G_PRIORITY_DEFAULT,
                                   self->cancellable, on_read, g_object_ref (self));
}

static void
on_stream_opened (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AdEventStream) self = user_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  gboolean reconnected;

  stream = ad_client_open_stream_finish (AD_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (stream == NULL)
    {
      /* A refused certificate stays refused until the switch's certificate
       * or the trusted authorities change: retrying would not mend it. */
      if (g_error_matches (error, AD_ERROR, AD_ERROR_UNAUTHORIZED) ||
          g_error_matches (error, AD_ERROR, AD_ERROR_FORBIDDEN) ||
          g_error_matches (error, AD_ERROR, AD_ERROR_NOT_FOUND) ||
          g_error_matches (error, AD_ERROR, AD_ERROR_CERTIFICATE))
        fail (self, error);
      else
        {
          g_debug ("Stream %s: %s", self->subscription_id, error->message);
          schedule_reconnect (self);
        }
      return;
    }

  self->stream = g_steal_pointer (&stream);
  self->attempt = 0;
  self->last_activity_us = g_get_monotonic_time ();
  ad_sse_parser_reset (self->parser);
  g_clear_handle_id (&self->keepalive_source, g_source_remove);
  self->keepalive_source = g_timeout_add (self->keepalive_timeout_ms, on_keepalive_check, self);

  reconnected = self->connected_once;
  self->connected_once = TRUE;
  set_state (self, AD_CONNECTION_STATE_CONNECTED);
  read_next (self);

  if (reconnected && self->stream != NULL)
    g_signal_emit (self, signals[SIGNAL_RECONNECTED], 0);
}

static void
connect_stream (AdEventStream *self)
{
  close_connection (self);
  self->cancellable = g_cancellable_new ();
  ad_client_open_stream_async (self->client, self->subscription_id, self->last_event_id,
                               self->cancellable, on_stream_opened, g_object_ref (self));
}

AdEventStream *
ad_event_stream_new (AdClient   *client,
                     const char *subscription_id)
{
  g_return_val_if_fail (AD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (subscription_id != NULL, NULL);

  return g_object_new (AD_TYPE_EVENT_STREAM,
                       "client", client,
                       "subscription-id", subscription_id,
                       NULL);
}

const char *
ad_event_stream_get_subscription_id (AdEventStream *self)
{
  g_return_val_if_fail (AD_IS_EVENT_STREAM (self), NULL);

  return self->subscription_id;
}

AdConnectionState
ad_event_stream_get_state (AdEventStream *self)
{
  g_return_val_if_fail (AD_IS_EVENT_STREAM (self), AD_CONNECTION_STATE_OFFLINE);

  return self->state;
}

const char *
ad_event_stream_get_last_event_id (AdEventStream *self)
{
  g_return_val_if_fail (AD_IS_EVENT_STREAM (self), NULL);

  return self->last_event_id;
}

void
ad_event_stream_set_keepalive_timeout (AdEventStream *self,
                                       guint          timeout_ms)
{
  g_return_if_fail (AD_IS_EVENT_STREAM (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->keepalive_timeout_ms == timeout_ms)
    return;

  self->keepalive_timeout_ms = timeout_ms;
  if (self->keepalive_source != 0)
    {
      g_source_remove (self->keepalive_source);
      self->keepalive_source = g_idle_add (on_keepalive_check, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEPALIVE_TIMEOUT_MS]);
}

void
ad_event_stream_set_backoff (AdEventStream *self,
                             guint          initial_ms,
                             guint          max_ms)
{
  g_return_if_fail (AD_IS_EVENT_STREAM (self));
  g_return_if_fail (initial_ms > 0 && max_ms >= initial_ms);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->backoff_initial_ms != initial_ms)
    {
      self->backoff_initial_ms = initial_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKOFF_INITIAL_MS]);
    }
  if (self->backoff_max_ms != max_ms)
    {
      self->backoff_max_ms = max_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKOFF_MAX_MS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
ad_event_stream_start (AdEventStream *self)
{
  g_return_if_fail (AD_IS_EVENT_STREAM (self));

  if (self->running)
    return;

  self->running = TRUE;
  set_state (self, AD_CONNECTION_STATE_RECONNECTING);
  connect_stream (self);
}

void
ad_event_stream_stop (AdEventStream *self)
{
  g_return_if_fail (AD_IS_EVENT_STREAM (self));

  self->running = FALSE;
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  close_connection (self);
  set_state (self, AD_CONNECTION_STATE_OFFLINE);
}

static void
ad_event_stream_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AdEventStream *self = AD_EVENT_STREAM (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_SUBSCRIPTION_ID:
      g_value_set_string (value, self->subscription_id);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_LAST_EVENT_ID:
      g_value_set_string (value, self->last_event_id);
      break;
    case PROP_KEEPALIVE_TIMEOUT_MS:
      g_value_set_uint (value, self->keepalive_timeout_ms);
      break;
    case PROP_BACKOFF_INITIAL_MS:
      g_value_set_uint (value, self->backoff_initial_ms);
      break;
    case PROP_BACKOFF_MAX_MS:
      g_value_set_uint (value, self->backoff_max_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_event_stream_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AdEventStream *self = AD_EVENT_STREAM (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_SUBSCRIPTION_ID:
      self->subscription_id = g_value_dup_string (value);
      break;
    case PROP_KEEPALIVE_TIMEOUT_MS:
      ad_event_stream_set_keepalive_timeout (self, g_value_get_uint (value));
      break;
    case PROP_BACKOFF_INITIAL_MS:
      ad_event_stream_set_backoff (self, g_value_get_uint (value),
                                   MAX (self->backoff_max_ms, g_value_get_uint (value)));
      break;
    case PROP_BACKOFF_MAX_MS:
      ad_event_stream_set_backoff (self, MIN (self->backoff_initial_ms, g_value_get_uint (value)),
                                   g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_event_stream_dispose (GObject *object)
{
  AdEventStream *self = AD_EVENT_STREAM (object);

  self->running = FALSE;
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  close_connection (self);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (ad_event_stream_parent_class)->dispose (object);
}

static void
ad_event_stream_finalize (GObject *object)
{
  AdEventStream *self = AD_EVENT_STREAM (object);

  g_clear_pointer (&self->parser, ad_sse_parser_free);
  g_free (self->subscription_id);
  g_free (self->last_event_id);

  G_OBJECT_CLASS (ad_event_stream_parent_class)->finalize (object);
}

static void
ad_event_stream_class_init (AdEventStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ad_event_stream_get_property;
  object_class->set_property = ad_event_stream_set_property;
  object_class->dispose = ad_event_stream_dispose;
  object_class->finalize = ad_event_stream_finalize;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, AD_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBSCRIPTION_ID] =
    g_param_spec_string ("subscription-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, AD_TYPE_CONNECTION_STATE, AD_CONNECTION_STATE_OFFLINE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_EVENT_ID] =
    g_param_spec_string ("last-event-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEEPALIVE_TIMEOUT_MS] =
    g_param_spec_uint ("keepalive-timeout-ms", NULL, NULL, 1, G_MAXUINT, 45000,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACKOFF_INITIAL_MS] =
    g_param_spec_uint ("backoff-initial-ms", NULL, NULL, 1, G_MAXUINT, 500,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACKOFF_MAX_MS] =
    g_param_spec_uint ("backoff-max-ms", NULL, NULL, 1, G_MAXUINT, 30000,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SIGNAL_RECONNECTED] =
    g_signal_new ("reconnected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_RESYNC_REQUIRED] =
    g_signal_new ("resync-required", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
ad_event_stream_init (AdEventStream *self)
{
  self->parser = ad_sse_parser_new (on_sse_event, NULL, self);
  self->keepalive_timeout_ms = 45000;
  self->backoff_initial_ms = 500;
  self->backoff_max_ms = 30000;
}
