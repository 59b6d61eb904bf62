/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdBoardTicker"

#include "config.h"

#include "ad-board-ticker.h"

enum {
  PROP_0,
  PROP_NOW,
  PROP_AS_OF,
  PROP_SERVICE_LEVEL_TARGET_PERCENT,
  PROP_WAIT_ALARM_SECONDS,
  PROP_TIME_IN_STATE_ALARM_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _AdBoardTicker
{
  GObject  parent_instance;

  gint64   now;
  gint64   as_of;
  gboolean frozen;
  guint    thresholds[N_PROPS];  /* indexed by property */
  guint    tick_id;
};

G_DEFINE_FINAL_TYPE (AdBoardTicker, ad_board_ticker, G_TYPE_OBJECT)

static gboolean on_tick (gpointer user_data);

static void
set_as_of (AdBoardTicker *self,
           gint64         as_of)
{
  if (self->as_of == as_of)
    return;
  self->as_of = as_of;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
}

/* Ticks just after each wall-clock second turns, so that every time shown
 * moves on together with the clock. */
static void
schedule_tick (AdBoardTicker *self)
{
  gint64 real = g_get_real_time ();
  guint delay_ms = (G_USEC_PER_SEC - real % G_USEC_PER_SEC) / 1000 + 5;

  self->tick_id = g_timeout_add (delay_ms, on_tick, self);
}

static gboolean
on_tick (gpointer user_data)
{
  AdBoardTicker *self = user_data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  self->tick_id = 0;
  if (now != self->now)
    {
      self->now = now;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
      if (!self->frozen)
        set_as_of (self, now);
    }
  schedule_tick (self);
  return G_SOURCE_REMOVE;
}

static void
set_threshold (AdBoardTicker *self,
               guint          prop,
               guint          value)
{
  if (self->thresholds[prop] == value)
    return;
  self->thresholds[prop] = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

AdBoardTicker *
ad_board_ticker_new (void)
{
  return g_object_new (AD_TYPE_BOARD_TICKER, NULL);
}

gint64
ad_board_ticker_get_now (AdBoardTicker *self)
{
  g_return_val_if_fail (AD_IS_BOARD_TICKER (self), 0);

  return self->now;
}

gint64
ad_board_ticker_get_as_of (AdBoardTicker *self)
{
  g_return_val_if_fail (AD_IS_BOARD_TICKER (self), 0);

  return self->as_of;
}

void
ad_board_ticker_freeze (AdBoardTicker *self,
                        gint64         at)
{
  g_return_if_fail (AD_IS_BOARD_TICKER (self));

  self->frozen = TRUE;
  set_as_of (self, at);
}

void
ad_board_ticker_thaw (AdBoardTicker *self)
{
  g_return_if_fail (AD_IS_BOARD_TICKER (self));

  self->frozen = FALSE;
  set_as_of (self, self->now);
}

gboolean
ad_board_ticker_get_frozen (AdBoardTicker *self)
{
  g_return_val_if_fail (AD_IS_BOARD_TICKER (self), FALSE);

  return self->frozen;
}

guint
ad_board_ticker_get_service_level_target_percent (AdBoardTicker *self)
{
  g_return_val_if_fail (AD_IS_BOARD_TICKER (self), 0);

  return self->thresholds[PROP_SERVICE_LEVEL_TARGET_PERCENT];
}

guint
ad_board_ticker_get_wait_alarm_seconds (AdBoardTicker *self)
{
  g_return_val_if_fail (AD_IS_BOARD_TICKER (self), 0);

  return self->thresholds[PROP_WAIT_ALARM_SECONDS];
}

guint
ad_board_ticker_get_time_in_state_alarm_seconds (AdBoardTicker *self)
{
  g_return_val_if_fail (AD_IS_BOARD_TICKER (self), 0);

  return self->thresholds[PROP_TIME_IN_STATE_ALARM_SECONDS];
}

void
ad_board_ticker_bind_settings (AdBoardTicker *self,
                               GSettings     *settings)
{
  g_return_if_fail (AD_IS_BOARD_TICKER (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind (settings, "wallboard-service-level-target-percent",
                   self, "service-level-target-percent", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "wallboard-wait-alarm-seconds",
                   self, "wait-alarm-seconds", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "wallboard-time-in-state-alarm-seconds",
                   self, "time-in-state-alarm-seconds", G_SETTINGS_BIND_GET);
}

static void
ad_board_ticker_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AdBoardTicker *self = AD_BOARD_TICKER (object);

  switch (prop_id)
    {
    case PROP_NOW:
      g_value_set_int64 (value, self->now);
      break;
    case PROP_AS_OF:
      g_value_set_int64 (value, self->as_of);
      break;
    case PROP_SERVICE_LEVEL_TARGET_PERCENT:
    case PROP_WAIT_ALARM_SECONDS:
    case PROP_TIME_IN_STATE_ALARM_SECONDS:
      g_value_set_uint (value, self->thresholds[prop_id]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_board_ticker_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AdBoardTicker *self = AD_BOARD_TICKER (object);

  switch (prop_id)
    {
    case PROP_SERVICE_LEVEL_TARGET_PERCENT:
    case PROP_WAIT_ALARM_SECONDS:
    case PROP_TIME_IN_STATE_ALARM_SECONDS:
      set_threshold (self, prop_id, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_board_ticker_dispose (GObject *object)
{
  AdBoardTicker *self = AD_BOARD_TICKER (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  G_OBJECT_CLASS (ad_board_ticker_parent_class)->dispose (object);
}

static void
ad_board_ticker_class_init (AdBoardTickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ad_board_ticker_get_property;
  object_class->set_property = ad_board_ticker_set_property;
  object_class->dispose = ad_board_ticker_dispose;

  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AS_OF] =
    g_param_spec_int64 ("as-of", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVICE_LEVEL_TARGET_PERCENT] =
    g_param_spec_uint ("service-level-target-percent", NULL, NULL, 1, 100, 80,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WAIT_ALARM_SECONDS] =
    g_param_spec_uint ("wait-alarm-seconds", NULL, NULL, 1, 86400, 60,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME_IN_STATE_ALARM_SECONDS] =
    g_param_spec_uint ("time-in-state-alarm-seconds", NULL, NULL, 1, 86400, 600,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ad_board_ticker_init (AdBoardTicker *self)
{
  self->now = g_get_real_time () / G_USEC_PER_SEC;
  self->as_of = self->now;
  self->thresholds[PROP_SERVICE_LEVEL_TARGET_PERCENT] = 80;
  self->thresholds[PROP_WAIT_ALARM_SECONDS] = 60;
  self->thresholds[PROP_TIME_IN_STATE_ALARM_SECONDS] = 600;
  schedule_tick (self);
}
