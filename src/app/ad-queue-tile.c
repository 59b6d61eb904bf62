/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdQueueTile"

#include "config.h"

#include <glib/gi18n.h>

#include "ad-format.h"
#include "ad-queue-tile.h"

enum {
  PROP_0,
  PROP_TICKER,
  PROP_QUEUE,
  PROP_ALARM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _AdQueueTile
{
  AdwBin         parent_instance;

  AdBoardTicker *ticker;
  AdQueueStats  *queue;
  gboolean       alarm;

  GtkLabel      *name_label;
  GtkLabel      *service_level_label;
  GtkLabel      *waiting_label;
  GtkLabel      *waiting_caption;
  GtkLabel      *oldest_label;
  GtkLabel      *answered_label;
  GtkLabel      *answered_caption;
  GtkLabel      *abandoned_label;
  GtkLabel      *abandoned_caption;
  GtkLabel      *speed_label;
  GtkLabel      *ready_label;
  GtkLabel      *busy_label;
  GtkLabel      *not_ready_label;
  GtkLabel      *acw_label;
};

G_DEFINE_FINAL_TYPE (AdQueueTile, ad_queue_tile, ADW_TYPE_BIN)

static void
set_class (GtkWidget  *widget,
           const char *name,
           gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, name);
  else
    gtk_widget_remove_css_class (widget, name);
}

static void
set_label_take (GtkLabel *label,
                char     *text)
{
  gtk_label_set_label (label, text);
  g_free (text);
}

/* "Technical" for the queue "technical". */
static char *
title_case (const char *name)
{
  gunichar first = g_utf8_get_char (name);
  char buffer[8];

  buffer[g_unichar_to_utf8 (g_unichar_totitle (first), buffer)] = '\0';
  return g_strconcat (buffer, g_utf8_next_char (name), NULL);
}

static void
update (AdQueueTile *self)
{
  AdQueueStats *q = self->queue;
  guint waiting, answered, abandoned;
  gboolean service_alarm, wait_alarm, alarm;

  if (q == NULL)
    return;

  waiting = ad_queue_stats_get_calls_waiting (q);
  answered = ad_queue_stats_get_answered (q);
  abandoned = ad_queue_stats_get_abandoned (q);

  set_label_take (self->name_label, title_case (ad_queue_stats_get_name (q)));
  /* Translators: the service level of a queue on the wallboard. */
  set_label_take (self->service_level_label,
                  g_strdup_printf (_("SL %u%%"), ad_queue_stats_get_service_level_percent (q)));
  /* Each figure is a large number with its words beside it, smaller. */
  set_label_take (self->waiting_label, g_strdup_printf ("%u", waiting));
  /* Translators: beside the number of a queue's calls waiting, shown large */
  gtk_label_set_label (self->waiting_caption, ngettext ("waiting", "waiting", waiting));
  set_label_take (self->oldest_label,
                  ad_format_duration (ad_queue_stats_get_oldest_wait_seconds (q)));
  set_label_take (self->answered_label, g_strdup_printf ("%u", answered));
  /* Translators: beside the number of a queue's calls answered today, shown large */
  gtk_label_set_label (self->answered_caption, ngettext ("answered", "answered", answered));
  set_label_take (self->abandoned_label, g_strdup_printf ("%u", abandoned));
  /* Translators: beside the number of a queue's calls abandoned today, shown large */
  gtk_label_set_label (self->abandoned_caption, ngettext ("abandoned", "abandoned", abandoned));
  set_label_take (self->speed_label,
                  ad_format_duration (ad_queue_stats_get_average_speed_of_answer_seconds (q)));
  set_label_take (self->ready_label, g_strdup_printf ("%u", ad_queue_stats_get_agents_ready (q)));
  set_label_take (self->busy_label, g_strdup_printf ("%u", ad_queue_stats_get_agents_busy (q)));
  set_label_take (self->not_ready_label,
                  g_strdup_printf ("%u", ad_queue_stats_get_agents_not_ready (q)));
  set_label_take (self->acw_label,
                  g_strdup_printf ("%u", ad_queue_stats_get_agents_after_call_work (q)));

  service_alarm = ad_queue_stats_get_service_level_percent (q) <
                  ad_board_ticker_get_service_level_target_percent (self->ticker);
  wait_alarm = ad_queue_stats_get_calls_waiting (q) > 0 &&
               ad_queue_stats_get_oldest_wait_seconds (q) >=
               ad_board_ticker_get_wait_alarm_seconds (self->ticker);
  set_class (GTK_WIDGET (self->service_level_label), "alarm", service_alarm);
  set_class (GTK_WIDGET (self->waiting_label), "alarm", wait_alarm);
  set_class (GTK_WIDGET (self->oldest_label), "alarm", wait_alarm);
  alarm = service_alarm || wait_alarm;
  set_class (GTK_WIDGET (self), "alarm", alarm);
  /* The wallboard lists the queues in alarm on the page not shown. */
  if (alarm != self->alarm)
    {
      self->alarm = alarm;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALARM]);
    }
}

static void
on_changed (GObject     *object,
            GParamSpec  *pspec,
            AdQueueTile *self)
{
  update (self);
}

GtkWidget *
ad_queue_tile_new (AdBoardTicker *ticker,
                   AdQueueStats  *queue)
{
  return g_object_new (AD_TYPE_QUEUE_TILE, "ticker", ticker, "queue", queue, NULL);
}

AdQueueStats *
ad_queue_tile_get_queue (AdQueueTile *self)
{
  g_return_val_if_fail (AD_IS_QUEUE_TILE (self), NULL);

  return self->queue;
}

gboolean
ad_queue_tile_get_alarm (AdQueueTile *self)
{
  g_return_val_if_fail (AD_IS_QUEUE_TILE (self), FALSE);

  return self->alarm;
}

const char *
ad_queue_tile_get_title (AdQueueTile *self)
{
  g_return_val_if_fail (AD_IS_QUEUE_TILE (self), NULL);

  return gtk_label_get_label (self->name_label);
}

static void
ad_queue_tile_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AdQueueTile *self = AD_QUEUE_TILE (object);

  switch (prop_id)
    {
    case PROP_TICKER:
      g_value_set_object (value, self->ticker);
      break;
    case PROP_QUEUE:
      g_value_set_object (value, self->queue);
      break;
    case PROP_ALARM:
      g_value_set_boolean (value, self->alarm);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_queue_tile_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AdQueueTile *self = AD_QUEUE_TILE (object);

  switch (prop_id)
    {
    case PROP_TICKER:
      self->ticker = g_value_dup_object (value);
      break;
    case PROP_QUEUE:
      self->queue = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_queue_tile_constructed (GObject *object)
{
  AdQueueTile *self = AD_QUEUE_TILE (object);

  G_OBJECT_CLASS (ad_queue_tile_parent_class)->constructed (object);

  g_return_if_fail (self->ticker != NULL && self->queue != NULL);
  g_signal_connect_object (self->queue, "notify", G_CALLBACK (on_changed), self, 0);
  g_signal_connect_object (self->ticker, "notify::service-level-target-percent",
                           G_CALLBACK (on_changed), self, 0);
  g_signal_connect_object (self->ticker, "notify::wait-alarm-seconds",
                           G_CALLBACK (on_changed), self, 0);
  update (self);
}

static void
ad_queue_tile_dispose (GObject *object)
{
  AdQueueTile *self = AD_QUEUE_TILE (object);

  g_clear_object (&self->queue);
  g_clear_object (&self->ticker);
  gtk_widget_dispose_template (GTK_WIDGET (self), AD_TYPE_QUEUE_TILE);

  G_OBJECT_CLASS (ad_queue_tile_parent_class)->dispose (object);
}

static void
ad_queue_tile_class_init (AdQueueTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ad_queue_tile_get_property;
  object_class->set_property = ad_queue_tile_set_property;
  object_class->constructed = ad_queue_tile_constructed;
  object_class->dispose = ad_queue_tile_dispose;

  properties[PROP_TICKER] =
    g_param_spec_object ("ticker", NULL, NULL, AD_TYPE_BOARD_TICKER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUEUE] =
    g_param_spec_object ("queue", NULL, NULL, AD_TYPE_QUEUE_STATS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALARM] =
    g_param_spec_boolean ("alarm", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/agentdesk/AgentDesk/ad-queue-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, AdQueueTile, name_label);
  gtk_widget_class_bind_template_child (widget_class, AdQueueTile, service_level_label);
  gtk_widget_class_bind_template_child (widget_class, AdQueueTile, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, AdQueueTile, waiting_caption);
  gtk_widget_class_bind_template_child (widget_class, AdQueueTile, oldest_label);
  gtk_widget_class_bind_template_child (widget_class, AdQueueTile, answered_label);
  gtk_widget_class_bind_template_child (widget_class, AdQueueTile, answered_caption);
  gtk_widget_class_bind_template_child (widget_class, AdQueueTile, abandoned_label);
  gtk_widget_class_bind_template_child (widget_class, AdQueueTile, abandoned_caption);
  gtk_widget_class_bind_template_child (widget_class, AdQueueTile, speed_label);
  gtk_widget_class_bind_template_child (widget_class, AdQueueTile, ready_label);
  gtk_widget_class_bind_template_child (widget_class, AdQueueTile, busy_label);
  gtk_widget_class_bind_template_child (widget_class, AdQueueTile, not_ready_label);
  gtk_widget_class_bind_template_child (widget_class, AdQueueTile, acw_label);
}

static void
ad_queue_tile_init (AdQueueTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
