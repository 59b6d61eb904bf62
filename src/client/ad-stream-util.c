/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdStream"

#include "config.h"

#include "ad-stream-util.h"

JsonObject *
ad_stream_topic_new (const char         *service,
                     const char         *event,
                     const char * const *attributes,
                     const char         *trigger_key,
                     const char         *trigger_value)
{
  JsonObject *service_object = json_object_new ();
  JsonArray *events = json_array_new ();
  JsonObject *event_object = json_object_new ();
  JsonArray *triggers = json_array_new ();
  JsonObject *trigger = json_object_new ();

  g_return_val_if_fail (service != NULL && event != NULL && trigger_key != NULL, NULL);

  json_object_set_string_member (trigger, "key", trigger_key);
  if (trigger_value != NULL)
    json_object_set_string_member (trigger, "value", trigger_value);
  json_array_add_object_element (triggers, trigger);

  json_object_set_string_member (event_object, "eventName", event);
  if (attributes != NULL)
    {
      JsonArray *attribute_array = json_array_new ();

      for (guint i = 0; attributes[i] != NULL; i++)
        json_array_add_string_element (attribute_array, attributes[i]);
      json_object_set_array_member (event_object, "attributes", attribute_array);
    }
  json_object_set_array_member (event_object, "triggers", triggers);
  json_array_add_object_element (events, event_object);
  json_object_set_string_member (service_object, "serviceName", service);
  json_object_set_array_member (service_object, "topicsEvents", events);
  return service_object;
}

AdEventStream *
ad_stream_follow (AdClient   *client,
                  const char *subscription_id,
                  guint       keepalive_timeout_ms,
                  guint       backoff_initial_ms,
                  guint       backoff_max_ms,
                  GCallback   on_event,
                  GCallback   on_refetch,
                  GCallback   on_failed,
                  GCallback   on_state,
                  gpointer    owner)
{
  AdEventStream *stream;

  g_return_val_if_fail (AD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (subscription_id != NULL, NULL);

  stream = ad_event_stream_new (client, subscription_id);
  if (keepalive_timeout_ms > 0)
    ad_event_stream_set_keepalive_timeout (stream, keepalive_timeout_ms);
  ad_event_stream_set_backoff (stream, backoff_initial_ms, backoff_max_ms);
  g_signal_connect (stream, "event", on_event, owner);
  g_signal_connect (stream, "reconnected", on_refetch, owner);
  g_signal_connect (stream, "resync-required", on_refetch, owner);
  g_signal_connect (stream, "failed", on_failed, owner);
  g_signal_connect (stream, "notify::state", on_state, owner);
  ad_event_stream_start (stream);
  return stream;
}

void
ad_stream_drop (AdEventStream **stream,
                gpointer        owner)
{
  g_return_if_fail (stream != NULL);

  if (*stream == NULL)
    return;

  g_signal_handlers_disconnect_by_data (*stream, owner);
  ad_event_stream_stop (*stream);
  g_clear_object (stream);
}
