/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdQueueStats"

#include "config.h"

#include "ad-board-private.h"
#include "ad-common.h"

enum {
  PROP_0,
  PROP_NAME,
  PROP_CALLS_WAITING,
  PROP_OLDEST_WAIT_SECONDS,
  PROP_ANSWERED,
  PROP_ABANDONED,
  PROP_SERVICE_LEVEL_PERCENT,
  PROP_AVERAGE_SPEED_OF_ANSWER_SECONDS,
  PROP_AGENTS_READY,
  PROP_AGENTS_BUSY,
  PROP_AGENTS_NOT_READY,
  PROP_AGENTS_AFTER_CALL_WORK,
  N_PROPS
};

#define FIRST_FIGURE PROP_CALLS_WAITING
#define N_FIGURES    (N_PROPS - FIRST_FIGURE)

static GParamSpec *properties[N_PROPS];

/* The QueueEvent member of each figure, in property order. */
static const char * const figure_members[N_FIGURES] = {
  "callsWaiting", "oldestWaitSeconds", "answered", "abandoned", "serviceLevelPercent",
  "averageSpeedOfAnswerSeconds", "agentsReady", "agentsBusy", "agentsNotReady",
  "agentsAfterCallWork",
};

struct _AdQueueStats
{
  GObject  parent_instance;

  char    *name;
  guint    figures[N_FIGURES];
};

G_DEFINE_FINAL_TYPE (AdQueueStats, ad_queue_stats, G_TYPE_OBJECT)

static guint
get_figure (AdQueueStats *self,
            guint         prop)
{
  g_return_val_if_fail (AD_IS_QUEUE_STATS (self), 0);

  return self->figures[prop - FIRST_FIGURE];
}

AdQueueStats *
ad_queue_stats_new (const char *name)
{
  return g_object_new (AD_TYPE_QUEUE_STATS, "name", name, NULL);
}

void
ad_queue_stats_apply_json (AdQueueStats *self,
                           JsonObject   *object)
{
  g_return_if_fail (AD_IS_QUEUE_STATS (self));
  g_return_if_fail (object != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < N_FIGURES; i++)
    {
      gint64 value;

      /* A figure missing or of another type is left as it was: a newer
       * switch may send more, an older one less. */
      if (!json_object_has_member (object, figure_members[i]) ||
          !ad_json_get_int (object, figure_members[i], FALSE, &value, NULL))
        continue;
      value = CLAMP (value, 0, G_MAXUINT);
      if (self->figures[i] == value)
        continue;
      self->figures[i] = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[FIRST_FIGURE + i]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
ad_queue_stats_get_name (AdQueueStats *self)
{
  g_return_val_if_fail (AD_IS_QUEUE_STATS (self), NULL);

  return self->name;
}

guint
ad_queue_stats_get_calls_waiting (AdQueueStats *self)
{
  return get_figure (self, PROP_CALLS_WAITING);
}

guint
ad_queue_stats_get_oldest_wait_seconds (AdQueueStats *self)
{
  return get_figure (self, PROP_OLDEST_WAIT_SECONDS);
}

guint
ad_queue_stats_get_answered (AdQueueStats *self)
{
  return get_figure (self, PROP_ANSWERED);
}

guint
ad_queue_stats_get_abandoned (AdQueueStats *self)
{
  return get_figure (self, PROP_ABANDONED);
}

guint
ad_queue_stats_get_service_level_percent (AdQueueStats *self)
{
  return get_figure (self, PROP_SERVICE_LEVEL_PERCENT);
}

guint
ad_queue_stats_get_average_speed_of_answer_seconds (AdQueueStats *self)
{
  return get_figure (self, PROP_AVERAGE_SPEED_OF_ANSWER_SECONDS);
}

guint
ad_queue_stats_get_agents_ready (AdQueueStats *self)
{
  return get_figure (self, PROP_AGENTS_READY);
}

guint
ad_queue_stats_get_agents_busy (AdQueueStats *self)
{
  return get_figure (self, PROP_AGENTS_BUSY);
}

guint
ad_queue_stats_get_agents_not_ready (AdQueueStats *self)
{
  return get_figure (self, PROP_AGENTS_NOT_READY);
}

guint
ad_queue_stats_get_agents_after_call_work (AdQueueStats *self)
{
  return get_figure (self, PROP_AGENTS_AFTER_CALL_WORK);
}

static void
ad_queue_stats_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AdQueueStats *self = AD_QUEUE_STATS (object);

  if (prop_id == PROP_NAME)
    g_value_set_string (value, self->name);
  else if (prop_id >= FIRST_FIGURE && prop_id < N_PROPS)
    g_value_set_uint (value, self->figures[prop_id - FIRST_FIGURE]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ad_queue_stats_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AdQueueStats *self = AD_QUEUE_STATS (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_queue_stats_finalize (GObject *object)
{
  AdQueueStats *self = AD_QUEUE_STATS (object);

  g_free (self->name);

  G_OBJECT_CLASS (ad_queue_stats_parent_class)->finalize (object);
}

static void
ad_queue_stats_class_init (AdQueueStatsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[N_FIGURES] = {
    "calls-waiting", "oldest-wait-seconds", "answered", "abandoned", "service-level-percent",
    "average-speed-of-answer-seconds", "agents-ready", "agents-busy", "agents-not-ready",
    "agents-after-call-work",
  };

  object_class->get_property = ad_queue_stats_get_property;
  object_class->set_property = ad_queue_stats_set_property;
  object_class->finalize = ad_queue_stats_finalize;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  for (guint i = 0; i < N_FIGURES; i++)
    properties[FIRST_FIGURE + i] =
      g_param_spec_uint (names[i], NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ad_queue_stats_init (AdQueueStats *self)
{
}
