/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "AdWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "ad-action-bar.h"
#include "ad-agent-status-button.h"
#include "ad-dtmf-dialog.h"
#include "ad-format.h"
#include "ad-history-page.h"
#include "ad-interaction-row.h"
#include "ad-new-call-dialog.h"
#include "ad-sign-in-errors.h"
#include "ad-transfer-dialog.h"
#include "ad-window.h"

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

struct _AdWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdSignInPage         *sign_in_page;
  GtkWidget            *back_button;
  AdAgentStatusButton  *status_button;
  GtkImage             *connection_icon;
  GtkRevealer          *connection_revealer;
  GtkLabel             *connection_label;
  GtkWidget            *sign_in_again_button;
  GtkRevealer          *logged_out_revealer;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack         *view_stack;
  AdwLeaflet           *leaflet;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  AdInteractionView    *interaction_view;
  AdHistoryPage        *history_page;

  GSettings            *settings;
  GCancellable         *cancellable;
  AdSession            *session;
  GSignalGroup         *session_signals;
  GSignalGroup         *agent_signals;
  GBindingGroup        *session_bindings;
  GtkSingleSelection   *selection;
  AdInteraction        *selected;
  GSignalGroup         *selected_signals;
  GHashTable           *ringing;      /* ids of interactions with a notification up */
  guint                 tick_id;
  /* The agent's status as last shown, and the place it last worked on:
   * a logout the desktop did not ask for is shown, with a way back. */
  AdAgentStatus         agent_status;
  char                 *place_id;
};

G_DEFINE_FINAL_TYPE (AdWindow, ad_window, ADW_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties[N_PROPS];

static void
set_action_enabled (AdWindow   *self,
                    const char *name,
                    gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* Every voice action is enabled exactly when the selected interaction
 * offers it and none of its actions is in flight. */
static void
update_actions (AdWindow *self)
{
  AdVoiceAction possible = AD_VOICE_ACTION_NONE;
  gboolean idle = FALSE;
  const AdActionBarItem *items;
  guint n_items;

  if (self->selected != NULL)
    {
      possible = ad_interaction_get_actions_possible (self->selected);
      idle = ad_interaction_get_pending_action (self->selected) == AD_VOICE_ACTION_NONE;
    }

  items = ad_action_bar_get_items (&n_items);
  for (guint i = 0; i < n_items; i++)
    {
      g_assert (g_str_has_prefix (items[i].action_name, "win."));
      set_action_enabled (self, items[i].action_name + strlen ("win."),
                          idle && (possible & items[i].actions) != 0);
    }
  set_action_enabled (self, "attach-data", idle && (possible & AD_VOICE_ACTION_ATTACH_DATA) != 0);
}

/* The desktop never logs the agent out of its place while signed in (it
 * signs out instead): a logout is a supervisor's, or another desktop's.
 * The switch does not say whose. */
static void
update_logged_out_banner (AdWindow *self,
                          AdAgent  *agent)
{
  AdAgentStatus status = agent != NULL ? ad_agent_get_status (agent) : AD_AGENT_STATUS_UNKNOWN;

  if (agent != NULL && ad_agent_get_place_id (agent) != NULL &&
      g_strcmp0 (self->place_id, ad_agent_get_place_id (agent)) != 0)
    {
      g_free (self->place_id);
      self->place_id = g_strdup (ad_agent_get_place_id (agent));
    }

  if (status == AD_AGENT_STATUS_LOGGED_OUT && self->agent_status != AD_AGENT_STATUS_LOGGED_OUT &&
      self->agent_status != AD_AGENT_STATUS_UNKNOWN)
    gtk_revealer_set_reveal_child (self->logged_out_revealer, TRUE);
  else if (status != AD_AGENT_STATUS_LOGGED_OUT)
    gtk_revealer_set_reveal_child (self->logged_out_revealer, FALSE);
  self->agent_status = status;
}

/* An empty list says how calls come: placed or ringing, or, off the
 * place, only once the agent logs in to it again. */
static void
update_list (AdWindow *self)
{
  AdAgent *agent = self->session != NULL ? ad_session_get_agent (self->session) : NULL;
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0;
  gboolean logged_out = agent != NULL && ad_agent_get_status (agent) == AD_AGENT_STATUS_LOGGED_OUT;

  gtk_stack_set_visible_child_name (self->list_stack,
                                    !empty ? "list" : logged_out ? "logged-out" : "empty");
}

/* The session's own requests (the agent's state, a new call) are enabled
 * only while it is in step with the switch: while the switch cannot be
 * reached they would fail at once (only those made while the session signs
 * in again after a refused token wait for it), and a session that went
 * OFFLINE for good reaches nothing until the agent signs in again. Signing
 * out always stays possible. */
static void
update_agent_actions (AdWindow *self)
{
  AdAgent *agent = self->session != NULL ? ad_session_get_agent (self->session) : NULL;
  GAction *state = g_action_map_lookup_action (G_ACTION_MAP (self), "agent-state");
  g_autofree char *value = ad_agent_status_button_state_for (agent);
  gboolean logged_in = agent != NULL && ad_agent_get_status (agent) != AD_AGENT_STATUS_LOGGED_OUT;
  gboolean connected = self->session != NULL &&
                       ad_session_get_connection_state (self->session) == AD_CONNECTION_STATE_CONNECTED;

  update_logged_out_banner (self, agent);
  g_simple_action_set_state (G_SIMPLE_ACTION (state), g_variant_new_string (value));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (state), connected && logged_in);
  set_action_enabled (self, "sign-out", self->session != NULL);
  set_action_enabled (self, "new-call",
                      connected && logged_in && ad_agent_can_create_interaction (agent, NULL));
  set_action_enabled (self, "agent-login",
                      connected && agent != NULL && !logged_in && self->place_id != NULL);
  update_list (self);
}

static void
on_leaflet_changed (AdWindow *self)
{
  gtk_widget_set_visible (self->back_button,
                          adw_leaflet_get_folded (self->leaflet) &&
                          adw_leaflet_get_visible_child (self->leaflet) ==
                          GTK_WIDGET (self->interaction_view));
}

static void
on_back_button_clicked (AdWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_details (AdWindow *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->interaction_view));
}

static void
on_list_view_activate (AdWindow *self,
                       guint     position)
{
  gtk_single_selection_set_selected (self->selection, position);
  show_details (self);
}

static void
on_list_clicked (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 AdWindow        *self)
{
  /* The list has selected the row by now; on a narrow window the details
   * then take the whole width. */
  show_details (self);
}

static void
on_selected_changed (AdWindow *self)
{
  AdInteraction *selected = gtk_single_selection_get_selected_item (self->selection);

  if (g_set_object (&self->selected, selected))
    {
      g_signal_group_set_target (self->selected_signals, selected);
      ad_interaction_view_set_interaction (self->interaction_view, selected);
    }
  update_actions (self);
}

static int
find_interaction (AdWindow   *self,
                  const char *interaction_id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdInteraction) interaction = g_list_model_get_item (model, i);

      if (g_strcmp0 (ad_interaction_get_id (interaction), interaction_id) == 0)
        return (int) i;
    }
  return -1;
}

static char *
notification_id_for (const char *interaction_id)
{
  return g_strconcat ("ringing-", interaction_id, NULL);
}

static void
withdraw_ringing (AdWindow   *self,
                  const char *interaction_id)
{
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autofree char *notification_id = notification_id_for (interaction_id);

  if (g_hash_table_remove (self->ringing, interaction_id) && application != NULL)
    g_application_withdraw_notification (application, notification_id);
}

static void
announce_ringing (AdWindow      *self,
                  AdInteraction *interaction)
{
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  const char *interaction_id = ad_interaction_get_id (interaction);
  g_autofree char *notification_id = notification_id_for (interaction_id);
  g_autofree char *peer = ad_format_interaction_peer (interaction);
  const char *name = ad_interaction_get_customer_name (interaction);
  g_autofree char *body = NULL;
  g_autoptr(GNotification) notification = NULL;

  if (!g_hash_table_add (self->ringing, g_strdup (interaction_id)))
    return;

  /* A ringing call is what the agent is there for: show it unless they are
   * busy with another call. */
  if (self->selected == NULL ||
      (ad_interaction_get_status (self->selected) != AD_INTERACTION_STATUS_TALKING &&
       ad_interaction_get_status (self->selected) != AD_INTERACTION_STATUS_DIALING &&
       ad_interaction_get_status (self->selected) != AD_INTERACTION_STATUS_HELD))
    ad_window_select_interaction (self, interaction_id);

  if (application == NULL)
    return;

  if (name != NULL)
    /* Translators: the body of the ringing call's notification: the
     * customer's name, the number calling, then the kind of call, e.g.
     * "Ana Silva, +1 555 0100 (Inbound)" */
    body = g_strdup_printf (_("%s, %s (%s)"), name, peer,
                            ad_format_call_type (ad_interaction_get_call_type (interaction)));
  else
    /* Translators: the body of the ringing call's notification: the number
     * calling, then the kind of call, e.g. "+1 555 0100 (Inbound)" */
    body = g_strdup_printf (_("%s (%s)"), peer,
                            ad_format_call_type (ad_interaction_get_call_type (interaction)));
  notification = g_notification_new (_("Incoming Call"));
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_URGENT);
  g_notification_add_button_with_target (notification, _("Answer"),
                                         "app.answer-interaction", "s", interaction_id);
  g_notification_set_default_action_and_target (notification, "app.show-interaction",
                                                 "s", interaction_id);
  g_application_send_notification (application, notification_id, notification);

  /* GTK 4 has no urgency hint of its own: presenting the window asks the
   * window manager for attention where it will not raise it. */
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    gtk_window_present (GTK_WINDOW (self));
}

static void
on_interaction_status_changed (AdInteraction *interaction,
                               GParamSpec    *pspec,
                               AdWindow      *self)
{
  if (ad_interaction_get_status (interaction) == AD_INTERACTION_STATUS_RINGING)
    announce_ringing (self, interaction);
  else
    withdraw_ringing (self, ad_interaction_get_id (interaction));
}

static void
watch_interaction (AdWindow      *self,
                   AdInteraction *interaction)
{
  g_signal_connect_object (interaction, "notify::status",
                           G_CALLBACK (on_interaction_status_changed), self, 0);
  on_interaction_status_changed (interaction, NULL, self);
}

static void
on_session_interaction_added (AdWindow      *self,
                              AdInteraction *interaction)
{
  watch_interaction (self, interaction);
}

static void
on_session_interaction_removed (AdWindow      *self,
                                AdInteraction *interaction)
{
  g_signal_handlers_disconnect_by_data (interaction, self);
  withdraw_ringing (self, ad_interaction_get_id (interaction));
}

static void
on_session_agent_changed (AdWindow *self)
{
  AdAgent *agent = self->session != NULL ? ad_session_get_agent (self->session) : NULL;
  GListModel *dns = agent != NULL ? ad_agent_get_dns (agent) : NULL;
  guint n = dns != NULL ? g_list_model_get_n_items (dns) : 0;

  g_signal_group_set_target (self->agent_signals, agent);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdDn) dn = g_list_model_get_item (dns, i);

      g_signal_connect_object (dn, "notify::can-create-interaction",
                               G_CALLBACK (update_agent_actions), self, G_CONNECT_SWAPPED);
    }
  update_agent_actions (self);
}

static gboolean
transform_reconnecting (GBinding     *binding,
                        const GValue *from_value,
                        GValue       *to_value,
                        gpointer      user_data)
{
  g_value_set_boolean (to_value, g_value_get_enum (from_value) != AD_CONNECTION_STATE_CONNECTED);
  return TRUE;
}

/* The banner's text: why the desktop is not in step with the switch, and
 * for a session that stopped on an error no retry mends (a refused
 * certificate, a kept password the switch no longer takes), that error in
 * words that say what to fix. A refused password is mended by signing in
 * again, which the banner offers (win.sign-out leads to the sign-in page). */
static void
update_connection_text (AdWindow *self)
{
  const GError *error = NULL;
  g_autofree char *text = NULL;
  AdConnectionState state = AD_CONNECTION_STATE_CONNECTED;

  if (self->session != NULL)
    {
      state = ad_session_get_connection_state (self->session);
      error = ad_session_get_connection_error (self->session);
    }

  if (state == AD_CONNECTION_STATE_RECONNECTING)
    text = g_strdup (_("Connection to the switch lost. Reconnecting…"));
  else if (state == AD_CONNECTION_STATE_OFFLINE &&
           g_error_matches (error, AD_ERROR, AD_ERROR_CERTIFICATE))
    {
      const char *server_url = ad_client_get_base_url (ad_session_get_client (self->session));
      g_autofree char *why = ad_sign_in_describe_certificate_error (error, server_url);

      /* Translators: %s says why the switch's certificate was refused and what to do */
      text = g_strdup_printf (_("Offline. %s"), why);
    }
  else if (state == AD_CONNECTION_STATE_OFFLINE &&
           g_error_matches (error, AD_ERROR, AD_ERROR_UNAUTHORIZED))
    text = g_strdup (_("Offline: the switch no longer accepts your password. "
                       "Sign in again with the current one."));
  else if (state == AD_CONNECTION_STATE_OFFLINE)
    text = g_strdup (_("Offline: the switch cannot be reached. Sign in again."));

  gtk_widget_set_visible (self->sign_in_again_button,
                          state == AD_CONNECTION_STATE_OFFLINE &&
                          g_error_matches (error, AD_ERROR, AD_ERROR_UNAUTHORIZED));
  gtk_label_set_label (self->connection_label, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->connection_icon), text);
}

static gboolean
on_tick (gpointer user_data)
{
  AdWindow *self = user_data;

  ad_agent_status_button_tick (self->status_button);
  return G_SOURCE_CONTINUE;
}

static void
set_session (AdWindow  *self,
             AdSession *session)
{
  g_autoptr(AdSession) old = NULL;
  GListModel *interactions;
  GHashTableIter iter;
  gpointer key;

  if (self->session == session)
    return;

  old = g_steal_pointer (&self->session);
  if (old != NULL)
    {
      interactions = ad_session_get_interactions (old);
      for (guint i = 0; i < g_list_model_get_n_items (interactions); i++)
        {
          g_autoptr(AdInteraction) interaction = g_list_model_get_item (interactions, i);

          g_signal_handlers_disconnect_by_data (interaction, self);
        }
    }
  g_hash_table_iter_init (&iter, self->ringing);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *notification_id = notification_id_for (key);
      GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

      if (application != NULL)
        g_application_withdraw_notification (application, notification_id);
      g_hash_table_iter_remove (&iter);
    }

  self->session = session != NULL ? g_object_ref (session) : NULL;
  g_clear_pointer (&self->place_id, g_free);
  g_signal_group_set_target (self->session_signals, session);
  g_binding_group_set_source (self->session_bindings, session);
  gtk_single_selection_set_model (self->selection,
                                  session != NULL ? ad_session_get_interactions (session) : NULL);
  ad_agent_status_button_set_session (self->status_button, session);
  ad_interaction_view_set_session (self->interaction_view, session);
  ad_history_page_set_session (self->history_page, session);
  on_session_agent_changed (self);
  update_connection_text (self);

  if (session != NULL)
    {
      interactions = ad_session_get_interactions (session);
      for (guint i = 0; i < g_list_model_get_n_items (interactions); i++)
        {
          g_autoptr(AdInteraction) interaction = g_list_model_get_item (interactions, i);

          watch_interaction (self, interaction);
        }
      if (self->tick_id == 0)
        self->tick_id = g_timeout_add_seconds (1, on_tick, self);
      gtk_stack_set_visible_child_name (self->main_stack, "desk");
    }
  else
    {
      g_clear_handle_id (&self->tick_id, g_source_remove);
      gtk_revealer_set_reveal_child (self->connection_revealer, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->connection_icon), FALSE);
      gtk_stack_set_visible_child_name (self->main_stack, "sign-in");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
on_sign_in_page_signed_in (AdWindow  *self,
                           AdSession *session)
{
  set_session (self, session);
}

/* Action completions hold a reference on the window: a cancelled request
 * still calls back after the window is gone. */
static void
on_interaction_action_done (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(AdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ad_interaction_action_finish (AD_INTERACTION (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ad_window_show_error (self, error);
}

static void
on_session_action_done (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(AdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ad_session_finish (AD_SESSION (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ad_window_show_error (self, error);
}

typedef void (*InteractionActionFunc) (AdInteraction       *interaction,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);

static void
run_interaction_action (AdWindow              *self,
                        InteractionActionFunc  func)
{
  if (self->selected == NULL)
    return;

  func (self->selected, self->cancellable, on_interaction_action_done, g_object_ref (self));
  update_actions (self);
}

static void
on_answer_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  run_interaction_action (user_data, ad_interaction_answer_async);
}

static void
on_release_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  run_interaction_action (user_data, ad_interaction_release_async);
}

static void
on_hold_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  run_interaction_action (user_data, ad_interaction_hold_async);
}

static void
on_retrieve_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  run_interaction_action (user_data, ad_interaction_retrieve_async);
}

static void
on_complete_transfer_activated (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  run_interaction_action (user_data, ad_interaction_complete_transfer_async);
}

static void
on_complete_conference_activated (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  run_interaction_action (user_data, ad_interaction_complete_conference_async);
}

static void
on_reconnect_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  run_interaction_action (user_data, ad_interaction_reconnect_async);
}

static void
on_leave_conference_activated (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  run_interaction_action (user_data, ad_interaction_leave_conference_async);
}

static void
set_muted (AdWindow *self,
           gboolean  muted)
{
  if (self->selected == NULL)
    return;

  ad_interaction_set_muted_async (self->selected, muted, self->cancellable,
                                  on_interaction_action_done, g_object_ref (self));
  update_actions (self);
}

static void
on_mute_on_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  set_muted (user_data, TRUE);
}

static void
on_mute_off_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  set_muted (user_data, FALSE);
}

static void
on_mark_done_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  AdWindow *self = user_data;
  g_autofree char *notes = NULL;

  if (self->selected == NULL)
    return;

  notes = ad_interaction_view_dup_notes (self->interaction_view);
  ad_interaction_mark_done_async (self->selected,
                                  ad_interaction_view_get_disposition (self->interaction_view),
                                  notes, self->cancellable,
                                  on_interaction_action_done, g_object_ref (self));
  update_actions (self);
}

static void
on_make_call_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  AdWindow *self = user_data;
  g_autofree char *number = g_strstrip (g_variant_dup_string (parameter, NULL));

  if (self->selected == NULL)
    return;
  if (*number == '\0')
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Enter a number to dial.")));
      return;
    }

  ad_interaction_make_call_async (self->selected, number, self->cancellable,
                                  on_interaction_action_done, g_object_ref (self));
  update_actions (self);
}

static void
on_attach_data_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  AdWindow *self = user_data;
  g_autoptr(GHashTable) data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  char *key;
  char *value;

  if (self->selected == NULL)
    return;

  g_variant_get (parameter, "(ss)", &key, &value);
  g_hash_table_insert (data, key, value);
  ad_interaction_attach_data_async (self->selected, data, self->cancellable,
                                    on_interaction_action_done, g_object_ref (self));
  update_actions (self);
}

static void
on_agent_state_change (GSimpleAction *action,
                       GVariant      *value,
                       gpointer       user_data)
{
  AdWindow *self = user_data;
  const char *state = g_variant_get_string (value, NULL);

  if (self->session == NULL)
    return;

  /* The state shown follows the agent's events, not the request. */
  if (g_str_equal (state, "ready"))
    ad_session_ready_async (self->session, self->cancellable,
                            on_session_action_done, g_object_ref (self));
  else if (g_str_equal (state, "after-call-work"))
    ad_session_after_call_work_async (self->session, self->cancellable,
                                      on_session_action_done, g_object_ref (self));
  else if (g_str_has_prefix (state, "not-ready"))
    ad_session_not_ready_async (self->session,
                                g_str_has_prefix (state, "not-ready:")
                                ? state + strlen ("not-ready:") : NULL,
                                self->cancellable, on_session_action_done, g_object_ref (self));
}

/* Back on the place a logout took the agent off. */
static void
on_agent_login_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  AdWindow *self = user_data;

  if (self->session == NULL || self->place_id == NULL)
    return;

  ad_session_agent_login_async (self->session, self->place_id, self->cancellable,
                                on_session_action_done, g_object_ref (self));
}

static void
on_signed_out (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ad_session_finish (AD_SESSION (source), result, &error))
    g_debug ("Signing out: %s", error->message);
}

static void
on_sign_out_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AdWindow *self = user_data;

  if (self->session == NULL)
    return;

  ad_session_logout_async (self->session, NULL, on_signed_out, g_object_ref (self));
  set_session (self, NULL);
}

/* Transfer and conference pick the destination and the flow (single-step,
 * mute, consult) in their dialog, which follows the call from there. */
static void
on_transfer_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AdWindow *self = user_data;

  if (self->selected != NULL)
    ad_transfer_dialog_present (GTK_WINDOW (self), self->session, self->selected, FALSE);
}

static void
on_conference_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  AdWindow *self = user_data;

  if (self->selected != NULL)
    ad_transfer_dialog_present (GTK_WINDOW (self), self->session, self->selected, TRUE);
}

static void
on_send_dtmf_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  AdWindow *self = user_data;

  if (self->selected != NULL)
    ad_dtmf_dialog_present (GTK_WINDOW (self), self->selected);
}

static void
on_new_call_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AdWindow *self = user_data;

  if (self->session != NULL)
    ad_new_call_dialog_present (GTK_WINDOW (self), self->session);
}

static const GActionEntry win_entries[] = {
  { "answer", on_answer_activated },
  { "release", on_release_activated },
  { "hold", on_hold_activated },
  { "retrieve", on_retrieve_activated },
  { "mute-on", on_mute_on_activated },
  { "mute-off", on_mute_off_activated },
  { "mark-done", on_mark_done_activated },
  { "make-call", on_make_call_activated, "s" },
  { "complete-transfer", on_complete_transfer_activated },
  { "complete-conference", on_complete_conference_activated },
  { "reconnect", on_reconnect_activated },
  { "leave-conference", on_leave_conference_activated },
  { "attach-data", on_attach_data_activated, "(ss)" },
  { "transfer", on_transfer_activated },
  { "conference", on_conference_activated },
  { "send-dtmf", on_send_dtmf_activated },
  { "new-call", on_new_call_activated },
  { "agent-state", NULL, "s", "''", on_agent_state_change },
  { "agent-login", on_agent_login_activated },
  { "sign-out", on_sign_out_activated },
};

AdWindow *
ad_window_new (AdApplication *application)
{
  return g_object_new (AD_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

AdSession *
ad_window_get_session (AdWindow *self)
{
  g_return_val_if_fail (AD_IS_WINDOW (self), NULL);

  return self->session;
}

AdSignInPage *
ad_window_get_sign_in_page (AdWindow *self)
{
  g_return_val_if_fail (AD_IS_WINDOW (self), NULL);

  return self->sign_in_page;
}

AdInteractionView *
ad_window_get_interaction_view (AdWindow *self)
{
  g_return_val_if_fail (AD_IS_WINDOW (self), NULL);

  return self->interaction_view;
}

gboolean
ad_window_select_interaction (AdWindow   *self,
                              const char *interaction_id)
{
  int position;

  g_return_val_if_fail (AD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (interaction_id != NULL, FALSE);

  position = find_interaction (self, interaction_id);
  if (position < 0)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, (guint) position);
  return TRUE;
}

gboolean
ad_window_show_interaction (AdWindow   *self,
                            const char *interaction_id)
{
  g_return_val_if_fail (AD_IS_WINDOW (self), FALSE);

  if (!ad_window_select_interaction (self, interaction_id))
    return FALSE;

  gtk_window_present (GTK_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, "calls");
  show_details (self);
  return TRUE;
}

gboolean
ad_window_answer_interaction (AdWindow   *self,
                              const char *interaction_id)
{
  g_return_val_if_fail (AD_IS_WINDOW (self), FALSE);

  if (!ad_window_show_interaction (self, interaction_id))
    return FALSE;

  g_action_group_activate_action (G_ACTION_GROUP (self), "answer", NULL);
  return TRUE;
}

void
ad_window_show_error (AdWindow     *self,
                      const GError *error)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (AD_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  g_debug ("Showing error: %s", error->message);
  /* Toast titles are markup: the switch's message is plain text. */
  escaped = g_markup_escape_text (error->message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
ad_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AdWindow *self = AD_WINDOW (object);

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
on_closing_signed_out (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GApplication) application = user_data;
  g_autoptr(GError) error = NULL;

  if (!ad_session_finish (AD_SESSION (source), result, &error))
    g_debug ("Signing out on close: %s", error->message);
  g_application_release (application);
}

static gboolean
ad_window_close_request (GtkWindow *window)
{
  AdWindow *self = AD_WINDOW (window);

  /* Sign out on the way out, so the agent does not stay logged on the
   * place and receive calls nobody answers. The application stays up until
   * the switch has answered. */
  if (self->session != NULL)
    {
      GApplication *application = G_APPLICATION (gtk_window_get_application (window));

      if (application != NULL)
        {
          g_application_hold (application);
          ad_session_logout_async (self->session, NULL, on_closing_signed_out,
                                   g_object_ref (application));
        }
    }

  return GTK_WINDOW_CLASS (ad_window_parent_class)->close_request (window);
}

static void
ad_window_dispose (GObject *object)
{
  AdWindow *self = AD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->session_signals != NULL)
    {
      g_signal_group_set_target (self->session_signals, NULL);
      g_signal_group_set_target (self->agent_signals, NULL);
      g_signal_group_set_target (self->selected_signals, NULL);
      g_binding_group_set_source (self->session_bindings, NULL);
    }
  if (self->selection != NULL)
    gtk_single_selection_set_model (self->selection, NULL);
  /* Detached first: libadwaita 1.2's switchers fail when the stack goes
   * before them. */
  if (self->switcher_bar != NULL)
    {
      adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
      adw_view_switcher_title_set_stack (self->switcher_title, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), AD_TYPE_WINDOW);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->agent_signals);
  g_clear_object (&self->selected_signals);
  g_clear_object (&self->session_bindings);
  g_clear_object (&self->selected);
  g_clear_object (&self->selection);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ringing, g_hash_table_unref);
  g_clear_pointer (&self->place_id, g_free);

  G_OBJECT_CLASS (ad_window_parent_class)->dispose (object);
}

static void
ad_window_class_init (AdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = ad_window_get_property;
  object_class->dispose = ad_window_dispose;
  window_class->close_request = ad_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, AD_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (AD_TYPE_AGENT_STATUS_BUTTON);
  g_type_ensure (AD_TYPE_HISTORY_PAGE);
  g_type_ensure (AD_TYPE_INTERACTION_ROW);
  g_type_ensure (AD_TYPE_INTERACTION_VIEW);
  g_type_ensure (AD_TYPE_SIGN_IN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/agentdesk/AgentDesk/ad-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AdWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, AdWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, AdWindow, status_button);
  gtk_widget_class_bind_template_child (widget_class, AdWindow, connection_icon);
  gtk_widget_class_bind_template_child (widget_class, AdWindow, connection_revealer);
  gtk_widget_class_bind_template_child (widget_class, AdWindow, connection_label);
  gtk_widget_class_bind_template_child (widget_class, AdWindow, sign_in_again_button);
  gtk_widget_class_bind_template_child (widget_class, AdWindow, logged_out_revealer);
  gtk_widget_class_bind_template_child (widget_class, AdWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, AdWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, AdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AdWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AdWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, AdWindow, interaction_view);
  gtk_widget_class_bind_template_child (widget_class, AdWindow, history_page);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_page_signed_in);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate);
}

static void
ad_window_init (AdWindow *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->ringing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (update_list), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "released", G_CALLBACK (on_list_clicked), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));

  self->selected_signals = g_signal_group_new (AD_TYPE_INTERACTION);
  g_signal_group_connect_swapped (self->selected_signals, "notify::actions-possible",
                                  G_CALLBACK (update_actions), self);
  g_signal_group_connect_swapped (self->selected_signals, "notify::pending-action",
                                  G_CALLBACK (update_actions), self);

  self->session_signals = g_signal_group_new (AD_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "interaction-added",
                                  G_CALLBACK (on_session_interaction_added), self);
  g_signal_group_connect_swapped (self->session_signals, "interaction-removed",
                                  G_CALLBACK (on_session_interaction_removed), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::agent",
                                  G_CALLBACK (on_session_agent_changed), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::connection-state",
                                  G_CALLBACK (update_connection_text), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::connection-state",
                                  G_CALLBACK (update_agent_actions), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::connection-error",
                                  G_CALLBACK (update_connection_text), self);

  self->agent_signals = g_signal_group_new (AD_TYPE_AGENT);
  g_signal_group_connect_swapped (self->agent_signals, "notify::status",
                                  G_CALLBACK (update_agent_actions), self);
  g_signal_group_connect_swapped (self->agent_signals, "notify::reason-code",
                                  G_CALLBACK (update_agent_actions), self);

  self->session_bindings = g_binding_group_new ();
  g_binding_group_bind_full (self->session_bindings, "connection-state",
                             self->connection_revealer, "reveal-child", G_BINDING_SYNC_CREATE,
                             transform_reconnecting, NULL, NULL, NULL);
  g_binding_group_bind_full (self->session_bindings, "connection-state",
                             self->connection_icon, "visible", G_BINDING_SYNC_CREATE,
                             transform_reconnecting, NULL, NULL, NULL);

  update_actions (self);
  update_agent_actions (self);
  on_leaflet_changed (self);
}
