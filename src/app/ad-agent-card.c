/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdAgentCard"

#include "config.h"

#include "ad-agent-card.h"
#include "ad-format.h"

enum {
  PROP_0,
  PROP_TICKER,
  PROP_AGENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The style class of each state, by AdAgentStatus. */
static const char * const state_classes[] = {
  [AD_AGENT_STATUS_UNKNOWN] = "state-logged-out",
  [AD_AGENT_STATUS_LOGGED_OUT] = "state-logged-out",
  [AD_AGENT_STATUS_NOT_READY] = "state-not-ready",
  [AD_AGENT_STATUS_READY] = "state-ready",
  [AD_AGENT_STATUS_BUSY] = "state-busy",
  [AD_AGENT_STATUS_AFTER_CALL_WORK] = "state-after-call-work",
};

struct _AdAgentCard
{
  AdwBin         parent_instance;

  AdBoardTicker *ticker;
  AdBoardAgent  *agent;
  const char    *state_class;

  GtkLabel      *name_label;
  GtkLabel      *state_label;
  GtkLabel      *time_label;
  GtkLabel      *call_label;
  GtkLabel      *call_time_label;
};

G_DEFINE_FINAL_TYPE (AdAgentCard, ad_agent_card, ADW_TYPE_BIN)

static char *
format_since (gint64 now,
              gint64 since)
{
  return since > 0 ? ad_format_duration (MAX (now - since, 0)) : g_strdup ("");
}

/* What moves on with the clock: time in state, call duration, alarm. They
 * count to the time the figures are of, which stops while the board is
 * stale. */
static void
update_times (AdAgentCard *self)
{
  gint64 now = ad_board_ticker_get_as_of (self->ticker);
  gint64 since = ad_board_agent_get_status_since (self->agent);
  gint64 established = ad_board_agent_get_call_established_at (self->agent);
  AdAgentStatus status = ad_board_agent_get_status (self->agent);
  g_autofree char *time = format_since (now, since);
  g_autofree char *call_time = format_since (now, established);
  gboolean alarm;

  gtk_label_set_label (self->time_label, time);
  gtk_label_set_label (self->call_time_label, call_time);

  alarm = since > 0 &&
          (status == AD_AGENT_STATUS_NOT_READY || status == AD_AGENT_STATUS_BUSY ||
           status == AD_AGENT_STATUS_AFTER_CALL_WORK) &&
          now - since >= ad_board_ticker_get_time_in_state_alarm_seconds (self->ticker);
  if (alarm)
    gtk_widget_add_css_class (GTK_WIDGET (self), "alarm");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "alarm");
}

static void
update (AdAgentCard *self)
{
  AdAgentStatus status;
  const char *reason, *label;
  AdCallType call_type;
  const char *detail = "";

  if (self->agent == NULL)
    return;

  status = ad_board_agent_get_status (self->agent);
  reason = ad_board_agent_get_reason_code (self->agent);
  label = ad_board_agent_get_reason_label (self->agent);
  call_type = ad_board_agent_get_call_type (self->agent);

  gtk_label_set_label (self->name_label, ad_board_agent_get_name (self->agent));

  gtk_label_set_label (self->state_label, ad_format_agent_status (status));

  /* The third line: the call, or why the agent is not ready. */
  if (call_type != AD_CALL_TYPE_UNKNOWN)
    detail = ad_format_call_type (call_type);
  else if (status == AD_AGENT_STATUS_NOT_READY && reason != NULL)
    detail = label != NULL ? label : reason;
  gtk_label_set_label (self->call_label, detail);

  if (self->state_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self), self->state_class);
  self->state_class = state_classes[status < G_N_ELEMENTS (state_classes) ? status : 0];
  gtk_widget_add_css_class (GTK_WIDGET (self), self->state_class);

  update_times (self);
}

static void
on_agent_changed (AdBoardAgent *agent,
                  GParamSpec   *pspec,
                  AdAgentCard  *self)
{
  update (self);
}

static void
on_ticker_changed (AdBoardTicker *ticker,
                   GParamSpec    *pspec,
                   AdAgentCard   *self)
{
  if (self->agent != NULL)
    update_times (self);
}

GtkWidget *
ad_agent_card_new (AdBoardTicker *ticker)
{
  return g_object_new (AD_TYPE_AGENT_CARD, "ticker", ticker, NULL);
}

AdBoardAgent *
ad_agent_card_get_agent (AdAgentCard *self)
{
  g_return_val_if_fail (AD_IS_AGENT_CARD (self), NULL);

  return self->agent;
}

void
ad_agent_card_set_agent (AdAgentCard  *self,
                         AdBoardAgent *agent)
{
  g_return_if_fail (AD_IS_AGENT_CARD (self));
  g_return_if_fail (agent == NULL || AD_IS_BOARD_AGENT (agent));

  if (self->agent == agent)
    return;

  if (self->agent != NULL)
    g_signal_handlers_disconnect_by_func (self->agent, on_agent_changed, self);
  g_set_object (&self->agent, agent);
  if (agent != NULL)
    {
      g_signal_connect_object (agent, "notify", G_CALLBACK (on_agent_changed), self, 0);
      update (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT]);
}

static void
ad_agent_card_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AdAgentCard *self = AD_AGENT_CARD (object);

  switch (prop_id)
    {
    case PROP_TICKER:
      g_value_set_object (value, self->ticker);
      break;
    case PROP_AGENT:
      g_value_set_object (value, self->agent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_agent_card_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AdAgentCard *self = AD_AGENT_CARD (object);

  switch (prop_id)
    {
    case PROP_TICKER:
      self->ticker = g_value_dup_object (value);
      break;
    case PROP_AGENT:
      ad_agent_card_set_agent (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_agent_card_constructed (GObject *object)
{
  AdAgentCard *self = AD_AGENT_CARD (object);

  G_OBJECT_CLASS (ad_agent_card_parent_class)->constructed (object);

  g_return_if_fail (self->ticker != NULL);
  /* The board's one timer: every card follows it. */
  g_signal_connect_object (self->ticker, "notify::as-of", G_CALLBACK (on_ticker_changed), self, 0);
  g_signal_connect_object (self->ticker, "notify::time-in-state-alarm-seconds",
                           G_CALLBACK (on_ticker_changed), self, 0);
}

static void
ad_agent_card_dispose (GObject *object)
{
  AdAgentCard *self = AD_AGENT_CARD (object);

  ad_agent_card_set_agent (self, NULL);
  g_clear_object (&self->ticker);
  gtk_widget_dispose_template (GTK_WIDGET (self), AD_TYPE_AGENT_CARD);

  G_OBJECT_CLASS (ad_agent_card_parent_class)->dispose (object);
}

static void
ad_agent_card_class_init (AdAgentCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ad_agent_card_get_property;
  object_class->set_property = ad_agent_card_set_property;
  object_class->constructed = ad_agent_card_constructed;
  object_class->dispose = ad_agent_card_dispose;

  properties[PROP_TICKER] =
    g_param_spec_object ("ticker", NULL, NULL, AD_TYPE_BOARD_TICKER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGENT] =
    g_param_spec_object ("agent", NULL, NULL, AD_TYPE_BOARD_AGENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/agentdesk/AgentDesk/ad-agent-card.ui");
  gtk_widget_class_bind_template_child (widget_class, AdAgentCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, AdAgentCard, state_label);
  gtk_widget_class_bind_template_child (widget_class, AdAgentCard, time_label);
  gtk_widget_class_bind_template_child (widget_class, AdAgentCard, call_label);
  gtk_widget_class_bind_template_child (widget_class, AdAgentCard, call_time_label);
}

static void
ad_agent_card_init (AdAgentCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
