/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "AdAgentStatusButton"

#include "config.h"

#include <glib/gi18n.h>

#include "ad-agent-status-button.h"
#include "ad-format.h"

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

struct _AdAgentStatusButton
{
  AdwBin        parent_instance;

  GtkMenuButton *menu_button;
  GtkWidget     *dot;
  GtkLabel      *status_label;
  GtkLabel      *time_label;

  AdSession     *session;
  /* The session's interactions, each followed for its status. */
  GListModel    *interactions;
  GPtrArray     *watched;
  GSignalGroup  *agent_signals;
  GSignalGroup  *reason_signals;
  GMenu         *reasons_menu;
};

G_DEFINE_FINAL_TYPE (AdAgentStatusButton, ad_agent_status_button, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static const char * const status_classes[] = {
  "unknown", "logged-out", "not-ready", "ready", "busy", "after-call-work",
};

static AdAgent *
get_agent (AdAgentStatusButton *self)
{
  return self->session != NULL ? ad_session_get_agent (self->session) : NULL;
}

static void
rebuild_reasons (AdAgentStatusButton *self)
{
  GListModel *codes = self->session != NULL ? ad_session_get_reason_codes (self->session) : NULL;
  guint n = codes != NULL ? g_list_model_get_n_items (codes) : 0;
  g_autoptr(GMenuItem) none = g_menu_item_new (C_("not ready reason", "No Reason"), NULL);

  g_menu_remove_all (self->reasons_menu);
  g_menu_item_set_action_and_target (none, "win.agent-state", "s", "not-ready");
  g_menu_append_item (self->reasons_menu, none);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdCode) code = g_list_model_get_item (codes, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (ad_code_get_label (code), NULL);
      g_autofree char *target = g_strconcat ("not-ready:", ad_code_get_code (code), NULL);

      g_menu_item_set_action_and_target (item, "win.agent-state", "s", target);
      g_menu_append_item (self->reasons_menu, item);
    }
}

static void
update_status (AdAgentStatusButton *self)
{
  AdAgent *agent = get_agent (self);
  AdAgentStatus status = agent != NULL ? ad_agent_get_status (agent) : AD_AGENT_STATUS_UNKNOWN;
  const char *reason = agent != NULL ? ad_agent_get_reason_code (agent) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;

  if (status == AD_AGENT_STATUS_NOT_READY && reason != NULL)
    /* Translators: "Not ready" and the reason, e.g. "Not ready: Lunch" */
    text = g_strdup_printf (_("Not ready: %s"),
                            ad_format_code_label (ad_session_get_reason_codes (self->session),
                                                  reason));
  else
    text = g_strdup (ad_format_agent_activity (status, self->interactions));

  gtk_label_set_label (self->status_label, text);
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    {
      if (i == status)
        gtk_widget_add_css_class (self->dot, status_classes[i]);
      else
        gtk_widget_remove_css_class (self->dot, status_classes[i]);
    }

  /* Translators: tooltip and accessible name of the state button, e.g.
   * "Agent state: Ready" */
  accessible = g_strdup_printf (_("Agent state: %s"), text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  ad_agent_status_button_tick (self);
}

/* Nothing the menu asks for can reach the switch while the session is not
 * in step with it: requests made then fail at once (only those made while
 * it signs in again after a refused token wait), and one that went
 * OFFLINE for good stays so until the agent signs in again. */
static void
update_sensitive (AdAgentStatusButton *self)
{
  gboolean connected = self->session != NULL &&
                       ad_session_get_connection_state (self->session) == AD_CONNECTION_STATE_CONNECTED;

  gtk_widget_set_sensitive (GTK_WIDGET (self->menu_button), connected);
}

static void
unwatch_interactions (AdAgentStatusButton *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
}

/* The label follows every interaction's status ("Ringing" or "On a
 * call" while the switch reports the agent busy). */
static void
on_interactions_changed (AdAgentStatusButton *self)
{
  guint n = self->interactions != NULL ? g_list_model_get_n_items (self->interactions) : 0;

  unwatch_interactions (self);
  for (guint i = 0; i < n; i++)
    {
      AdInteraction *interaction = g_list_model_get_item (self->interactions, i);

      g_signal_connect_swapped (interaction, "notify::status", G_CALLBACK (update_status), self);
      g_ptr_array_add (self->watched, interaction);
    }
  update_status (self);
}

static void
set_interactions (AdAgentStatusButton *self,
                  GListModel          *interactions)
{
  if (self->interactions != NULL)
    g_signal_handlers_disconnect_by_data (self->interactions, self);
  g_set_object (&self->interactions, interactions);
  if (interactions != NULL)
    g_signal_connect_swapped (interactions, "items-changed",
                              G_CALLBACK (on_interactions_changed), self);
  on_interactions_changed (self);
}

static void
on_session_agent_changed (AdAgentStatusButton *self)
{
  g_signal_group_set_target (self->agent_signals, get_agent (self));
  update_status (self);
}

AdSession *
ad_agent_status_button_get_session (AdAgentStatusButton *self)
{
  g_return_val_if_fail (AD_IS_AGENT_STATUS_BUTTON (self), NULL);

  return self->session;
}

void
ad_agent_status_button_set_session (AdAgentStatusButton *self,
                                    AdSession           *session)
{
  g_return_if_fail (AD_IS_AGENT_STATUS_BUTTON (self));
  g_return_if_fail (session == NULL || AD_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (!g_set_object (&self->session, session))
    return;

  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::agent",
                               G_CALLBACK (on_session_agent_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::connection-state",
                               G_CALLBACK (update_sensitive), self, G_CONNECT_SWAPPED);
    }
  g_signal_group_set_target (self->reason_signals,
                             session != NULL ? ad_session_get_reason_codes (session) : NULL);
  set_interactions (self, session != NULL ? ad_session_get_interactions (session) : NULL);
  rebuild_reasons (self);
  on_session_agent_changed (self);
  update_sensitive (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
ad_agent_status_button_tick (AdAgentStatusButton *self)
{
  AdAgent *agent;
  GDateTime *since;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;
  GTimeSpan elapsed;

  g_return_if_fail (AD_IS_AGENT_STATUS_BUTTON (self));

  agent = get_agent (self);
  since = agent != NULL ? ad_agent_get_status_since (agent) : NULL;
  if (since == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->time_label), FALSE);
      return;
    }

  now = g_date_time_new_now_utc ();
  elapsed = MAX (g_date_time_difference (now, since), 0);
  text = ad_format_duration ((guint) (elapsed / G_TIME_SPAN_SECOND));
  gtk_label_set_label (self->time_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->time_label), TRUE);
}

char *
ad_agent_status_button_state_for (AdAgent *agent)
{
  const char *reason;

  switch (agent != NULL ? ad_agent_get_status (agent) : AD_AGENT_STATUS_UNKNOWN)
    {
    case AD_AGENT_STATUS_READY:
      return g_strdup ("ready");
    case AD_AGENT_STATUS_NOT_READY:
      reason = ad_agent_get_reason_code (agent);
      return reason != NULL ? g_strconcat ("not-ready:", reason, NULL) : g_strdup ("not-ready");
    case AD_AGENT_STATUS_AFTER_CALL_WORK:
      return g_strdup ("after-call-work");
    case AD_AGENT_STATUS_BUSY:
      return g_strdup ("busy");
    case AD_AGENT_STATUS_LOGGED_OUT:
      return g_strdup ("logged-out");
    case AD_AGENT_STATUS_UNKNOWN:
    default:
      return g_strdup ("");
    }
}

static void
ad_agent_status_button_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AdAgentStatusButton *self = AD_AGENT_STATUS_BUTTON (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_agent_status_button_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AdAgentStatusButton *self = AD_AGENT_STATUS_BUTTON (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      ad_agent_status_button_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_agent_status_button_dispose (GObject *object)
{
  AdAgentStatusButton *self = AD_AGENT_STATUS_BUTTON (object);

  if (self->agent_signals != NULL)
    {
      g_signal_group_set_target (self->agent_signals, NULL);
      g_signal_group_set_target (self->reason_signals, NULL);
    }
  g_clear_object (&self->agent_signals);
  g_clear_object (&self->reason_signals);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  if (self->watched != NULL)
    unwatch_interactions (self);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  if (self->interactions != NULL)
    g_signal_handlers_disconnect_by_data (self->interactions, self);
  g_clear_object (&self->interactions);
  g_clear_object (&self->reasons_menu);

  G_OBJECT_CLASS (ad_agent_status_button_parent_class)->dispose (object);
}

static void
ad_agent_status_button_class_init (AdAgentStatusButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ad_agent_status_button_get_property;
  object_class->set_property = ad_agent_status_button_set_property;
  object_class->dispose = ad_agent_status_button_dispose;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, AD_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/agentdesk/AgentDesk/ad-agent-status-button.ui");
  gtk_widget_class_bind_template_child (widget_class, AdAgentStatusButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, AdAgentStatusButton, dot);
  gtk_widget_class_bind_template_child (widget_class, AdAgentStatusButton, status_label);
  gtk_widget_class_bind_template_child (widget_class, AdAgentStatusButton, time_label);
}

static void
ad_agent_status_button_init (AdAgentStatusButton *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) states = g_menu_new ();
  g_autoptr(GMenu) sign_out = g_menu_new ();
  g_autoptr(GMenuItem) ready = g_menu_item_new (C_("agent state", "Ready"), NULL);
  g_autoptr(GMenuItem) after_call_work = g_menu_item_new (C_("agent state", "After-Call Work"), NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->reasons_menu = g_menu_new ();
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  g_menu_item_set_action_and_target (ready, "win.agent-state", "s", "ready");
  g_menu_item_set_action_and_target (after_call_work, "win.agent-state", "s", "after-call-work");
  g_menu_append_item (states, ready);
  g_menu_append_submenu (states, C_("agent state", "Not Ready"), G_MENU_MODEL (self->reasons_menu));
  g_menu_append_item (states, after_call_work);
  g_menu_append (sign_out, _("Log Out"), "win.sign-out");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (states));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (sign_out));
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));

  self->agent_signals = g_signal_group_new (AD_TYPE_AGENT);
  g_signal_group_connect_swapped (self->agent_signals, "notify::status",
                                  G_CALLBACK (update_status), self);
  g_signal_group_connect_swapped (self->agent_signals, "notify::reason-code",
                                  G_CALLBACK (update_status), self);
  g_signal_group_connect_swapped (self->agent_signals, "notify::status-since",
                                  G_CALLBACK (ad_agent_status_button_tick), self);

  self->reason_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->reason_signals, "items-changed",
                                  G_CALLBACK (rebuild_reasons), self);
  rebuild_reasons (self);
  update_status (self);
  update_sensitive (self);
}
