/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdTransferDialog"

#include "config.h"

#include "ad-dialog-util.h"
#include "ad-format.h"
#include "ad-transfer-dialog.h"

#include <glib/gi18n.h>

#include <string.h>

enum {
  PROP_0,
  PROP_SESSION,
  PROP_INTERACTION,
  PROP_CONFERENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _AdTransferDialog
{
  AdwWindow        parent_instance;

  AdSession       *session;
  AdInteraction   *interaction;   /* Call_1 */
  AdInteraction   *consult;       /* Call_2, while consulting */
  gboolean         conference;
  gboolean         held;          /* Call_1 went on hold for the consultation */
  GCancellable    *cancellable;
  GtkCustomFilter *filter;
  char            *consult_name;  /* who is consulted, as shown */
  guint            refresh_source;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkStack        *stack;
  GtkSearchEntry  *search_entry;
  AdwEntryRow     *number_row;
  GtkListBox      *agent_list;
  GtkWidget       *unavailable_label;
  GtkWidget       *transfer_button;
  GtkWidget       *mute_transfer_button;
  GtkWidget       *conference_button;
  GtkWidget       *consult_button;
  AdwStatusPage   *consult_page;
  GtkWidget       *complete_button;
  GtkWidget       *reconnect_button;
};

G_DEFINE_FINAL_TYPE (AdTransferDialog, ad_transfer_dialog, ADW_TYPE_WINDOW)

/* The number a directory entry is reached on: its place's first DN. */
static char *
agent_number (AdAgent *agent)
{
  GListModel *dns = ad_agent_get_dns (agent);
  g_autoptr(AdDn) dn = g_list_model_get_n_items (dns) > 0 ? g_list_model_get_item (dns, 0) : NULL;

  return dn ? g_strdup (ad_dn_get_number (dn)) : NULL;
}

static char *
get_destination (AdTransferDialog *self)
{
  return ad_dialog_normalize_number (gtk_editable_get_text (GTK_EDITABLE (self->number_row)));
}

static void
update_buttons (AdTransferDialog *self)
{
  AdVoiceAction actions = ad_interaction_get_actions_possible (self->interaction);
  gboolean idle = ad_interaction_get_pending_action (self->interaction) == AD_VOICE_ACTION_NONE;
  g_autofree char *destination = get_destination (self);
  gboolean ready = idle && destination[0] != '\0';
  gboolean transfer, mute, conference, consult;

  if (self->conference)
    {
      transfer = mute = FALSE;
      conference = (actions & AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE) != 0;
      consult = (actions & AD_VOICE_ACTION_INIT_CONFERENCE) != 0;
    }
  else
    {
      /* Transfer falls back to a mute transfer where the switch has no
       * single-step one; offering both buttons then would be the same. */
      transfer = (actions & (AD_VOICE_ACTION_SINGLE_STEP_TRANSFER | AD_VOICE_ACTION_MUTE_TRANSFER)) != 0;
      mute = (actions & AD_VOICE_ACTION_SINGLE_STEP_TRANSFER) && (actions & AD_VOICE_ACTION_MUTE_TRANSFER);
      conference = FALSE;
      consult = (actions & AD_VOICE_ACTION_INIT_TRANSFER) != 0;
    }

  gtk_widget_set_visible (self->transfer_button, transfer);
  gtk_widget_set_visible (self->mute_transfer_button, mute);
  gtk_widget_set_visible (self->conference_button, conference);
  gtk_widget_set_visible (self->consult_button, consult);
  gtk_widget_set_visible (self->unavailable_label, !transfer && !mute && !conference && !consult);
  gtk_widget_set_sensitive (self->transfer_button, ready);
  gtk_widget_set_sensitive (self->mute_transfer_button, ready);
  gtk_widget_set_sensitive (self->conference_button, ready);
  gtk_widget_set_sensitive (self->consult_button, ready);

  gtk_widget_set_visible (self->complete_button,
                          (actions & (self->conference ? AD_VOICE_ACTION_COMPLETE_CONFERENCE
                                                       : AD_VOICE_ACTION_COMPLETE_TRANSFER)) != 0);
  gtk_widget_set_visible (self->reconnect_button, (actions & AD_VOICE_ACTION_RECONNECT) != 0);
  gtk_widget_set_sensitive (self->complete_button, idle);
  gtk_widget_set_sensitive (self->reconnect_button, idle);
}

static void
update_consult_page (AdTransferDialog *self)
{
  AdInteractionStatus status = self->consult ? ad_interaction_get_status (self->consult)
                                             : AD_INTERACTION_STATUS_IDLE;
  g_autofree char *title = g_strdup_printf (_("Consulting %s"),
                                            self->consult_name != NULL ? self->consult_name : "");
  const char *description;

  switch (status)
    {
    case AD_INTERACTION_STATUS_NEW:
    case AD_INTERACTION_STATUS_DIALING:
    case AD_INTERACTION_STATUS_RINGING:
      description = _("Calling… The caller is on hold.");
      break;
    case AD_INTERACTION_STATUS_TALKING:
      description = self->conference ? _("Talking. Complete to bring everyone into the call.")
                                     : _("Talking. Complete to hand the caller over.");
      break;
    case AD_INTERACTION_STATUS_IDLE:
    case AD_INTERACTION_STATUS_MARKED_DONE:
      description = _("The consultation has ended. Reconnect to return to the caller.");
      break;
    default:
      description = ad_format_interaction_status (status);
      break;
    }

  adw_status_page_set_title (self->consult_page, title);
  adw_status_page_set_description (self->consult_page, description);
  adw_status_page_set_icon_name (self->consult_page, ad_format_interaction_status_icon (status));
}

static void
on_interaction_changed (AdTransferDialog *self)
{
  AdInteractionStatus status = ad_interaction_get_status (self->interaction);

  update_buttons (self);

  if (self->consult == NULL)
    {
      /* The caller hung up, or the call was transferred elsewhere. */
      if (status != AD_INTERACTION_STATUS_TALKING && status != AD_INTERACTION_STATUS_HELD)
        gtk_window_close (GTK_WINDOW (self));
      return;
    }

  /* Consulting: Call_1 is held until the consultation is completed (it
   * ends, or comes back in conference) or reconnected (it comes back). */
  if (status == AD_INTERACTION_STATUS_HELD)
    self->held = TRUE;
  else if (self->held || status == AD_INTERACTION_STATUS_IDLE)
    gtk_window_close (GTK_WINDOW (self));
}

/* The colleague's name when @number is a colleague's, else @number. */
static char *
name_for_number (AdTransferDialog *self,
                 const char       *number)
{
  GListModel *directory = ad_session_get_directory (self->session);

  for (guint i = 0; i < g_list_model_get_n_items (directory); i++)
    {
      g_autoptr(AdAgent) agent = g_list_model_get_item (directory, i);
      g_autofree char *agent_dn = agent_number (agent);

      if (g_strcmp0 (agent_dn, number) == 0 && ad_agent_get_name (agent) != NULL)
        return g_strdup (ad_agent_get_name (agent));
    }
  return g_strdup (number);
}

/* The consulted colleague by name, once the directory knows the number
 * Call_2 dialed (its DNIS). */
static void
update_consult_name (AdTransferDialog *self)
{
  const char *dnis = ad_interaction_get_dnis (self->consult);

  if (dnis != NULL)
    {
      g_free (self->consult_name);
      self->consult_name = name_for_number (self, dnis);
    }
  update_consult_page (self);
}

static void
start_consultation (AdTransferDialog *self,
                    AdInteraction    *consult)
{
  g_set_object (&self->consult, consult);
  g_signal_connect_object (consult, "notify::status",
                           G_CALLBACK (update_consult_page), self, G_CONNECT_SWAPPED);
  update_consult_name (self);
  gtk_stack_set_visible_child_name (self->stack, "consult");
  on_interaction_changed (self);
}

static void
on_action_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AdTransferDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ad_interaction_action_finish (AD_INTERACTION (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ad_dialog_show_error (self->toast_overlay, error);
}

/* A single-step flow: done once the switch accepts it. */
static void
on_single_step_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AdTransferDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ad_interaction_action_finish (AD_INTERACTION (source), result, &error))
    gtk_window_close (GTK_WINDOW (self));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ad_dialog_show_error (self->toast_overlay, error);
}

static void
on_initiated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AdTransferDialog) self = user_data;
  g_autoptr(AdInteraction) consult = NULL;
  g_autoptr(GError) error = NULL;

  consult = ad_interaction_initiate_finish (AD_INTERACTION (source), result, &error);
  if (consult != NULL)
    start_consultation (self, consult);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ad_dialog_show_error (self->toast_overlay, error);
}

static void
on_transfer_clicked (GtkButton        *button,
                     AdTransferDialog *self)
{
  g_autofree char *destination = get_destination (self);

  ad_interaction_transfer_async (self->interaction, destination, self->cancellable,
                                 on_single_step_done, g_object_ref (self));
}

static void
on_mute_transfer_clicked (GtkButton        *button,
                          AdTransferDialog *self)
{
  g_autofree char *destination = get_destination (self);

  ad_interaction_mute_transfer_async (self->interaction, destination, self->cancellable,
                                      on_single_step_done, g_object_ref (self));
}

static void
on_conference_clicked (GtkButton        *button,
                       AdTransferDialog *self)
{
  g_autofree char *destination = get_destination (self);

  ad_interaction_conference_async (self->interaction, destination, self->cancellable,
                                   on_single_step_done, g_object_ref (self));
}

static void
on_consult_clicked (GtkButton        *button,
                    AdTransferDialog *self)
{
  g_autofree char *destination = get_destination (self);

  if (self->conference)
    ad_interaction_initiate_conference_async (self->interaction, destination, self->cancellable,
                                              on_initiated, g_object_ref (self));
  else
    ad_interaction_initiate_transfer_async (self->interaction, destination, self->cancellable,
                                            on_initiated, g_object_ref (self));
}

static void
on_complete_clicked (GtkButton        *button,
                     AdTransferDialog *self)
{
  if (self->conference)
    ad_interaction_complete_conference_async (self->interaction, self->cancellable,
                                              on_action_done, g_object_ref (self));
  else
    ad_interaction_complete_transfer_async (self->interaction, self->cancellable,
                                            on_action_done, g_object_ref (self));
}

static void
on_reconnect_clicked (GtkButton        *button,
                      AdTransferDialog *self)
{
  ad_interaction_reconnect_async (self->interaction, self->cancellable,
                                  on_action_done, g_object_ref (self));
}

/* Both legs of a consultation, and only they, offer RECONNECT: Call_1
 * held, Call_2 the CONSULT call. An agent has one consultation at a time. */
static gboolean
is_consultation_leg (AdInteraction *interaction)
{
  return (ad_interaction_get_actions_possible (interaction) & AD_VOICE_ACTION_RECONNECT) != 0;
}

/* The other leg of the consultation @leg belongs to, or NULL. */
static AdInteraction *
find_other_leg (AdTransferDialog *self,
                AdInteraction    *leg)
{
  GListModel *interactions = ad_session_get_interactions (self->session);
  guint n = g_list_model_get_n_items (interactions);

  if (!is_consultation_leg (leg))
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdInteraction) other = g_list_model_get_item (interactions, i);

      if (other != leg && is_consultation_leg (other))
        return other;
    }
  return NULL;
}

/* Opened while a consultation goes on (the dialog that started it was
 * closed, or it was started elsewhere): the dialog follows Call_1 and
 * shows the consultation. Returns Call_2, or NULL. */
static AdInteraction *
adopt_consultation (AdTransferDialog *self)
{
  AdInteraction *other = find_other_leg (self, self->interaction);
  AdVoiceAction actions;

  if (other == NULL)
    return NULL;

  if (ad_interaction_get_call_type (self->interaction) == AD_CALL_TYPE_CONSULT &&
      ad_interaction_get_call_type (other) != AD_CALL_TYPE_CONSULT)
    {
      AdInteraction *consult = self->interaction;

      self->interaction = g_object_ref (other);
      other = consult;
      g_object_unref (consult);
    }

  /* Which completion Call_1 offers tells the kind, once Call_2 talks. */
  actions = ad_interaction_get_actions_possible (self->interaction);
  if (actions & AD_VOICE_ACTION_COMPLETE_CONFERENCE)
    self->conference = TRUE;
  else if (actions & AD_VOICE_ACTION_COMPLETE_TRANSFER)
    self->conference = FALSE;

  return other;
}

static void
on_search_changed (GtkSearchEntry   *entry,
                   AdTransferDialog *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_number_changed (AdwEntryRow      *row,
                   AdTransferDialog *self)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->agent_list);
  g_autofree char *destination = get_destination (self);

  /* A number typed over the picked colleague's unpicks it. */
  if (selected != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (selected), "number"), destination) != 0)
    gtk_list_box_unselect_all (self->agent_list);
  update_buttons (self);
}

static void
on_agent_activated (GtkListBox       *list,
                    GtkListBoxRow    *row,
                    AdTransferDialog *self)
{
  const char *number = g_object_get_data (G_OBJECT (row), "number");

  if (number == NULL)
    return;
  gtk_list_box_select_row (list, row);
  gtk_editable_set_text (GTK_EDITABLE (self->number_row), number);
}

static gboolean
match_agent (gpointer item,
             gpointer user_data)
{
  AdTransferDialog *self = user_data;
  AdAgent *agent = item;
  AdAgent *own = ad_session_get_agent (self->session);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;
  g_autofree char *needle = NULL;

  if (own != NULL && g_strcmp0 (ad_agent_get_id (agent), ad_agent_get_id (own)) == 0)
    return FALSE;
  if (query[0] == '\0')
    return TRUE;

  needle = g_utf8_casefold (query, -1);
  name = g_utf8_casefold (ad_agent_get_name (agent) ? ad_agent_get_name (agent) : "", -1);
  number = agent_number (agent);
  return strstr (name, needle) != NULL || (number != NULL && strstr (number, needle) != NULL);
}

/* "1003 · Not ready · Lunch" */
static gboolean
transform_agent_subtitle (GBinding     *binding,
                          const GValue *from,
                          GValue       *to,
                          gpointer      user_data)
{
  AdTransferDialog *self = user_data;
  g_autoptr(AdAgent) agent = AD_AGENT (g_binding_dup_source (binding));
  g_autofree char *number = agent_number (agent);
  AdAgentStatus status = g_value_get_enum (from);
  const char *reason = ad_agent_get_reason_code (agent);
  g_autoptr(GString) subtitle = g_string_new (number);

  if (subtitle->len > 0)
    g_string_append (subtitle, " · ");
  g_string_append (subtitle, ad_format_agent_status (status));
  if (status == AD_AGENT_STATUS_NOT_READY && reason != NULL)
    g_string_append_printf (subtitle, " · %s",
                            ad_format_code_label (ad_session_get_reason_codes (self->session), reason));
  g_value_take_string (to, g_string_free (g_steal_pointer (&subtitle), FALSE));
  return TRUE;
}

static GtkWidget *
create_agent_row (gpointer item,
                  gpointer user_data)
{
  AdAgent *agent = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *avatar = adw_avatar_new (32, ad_agent_get_name (agent), TRUE);

  /* Names are text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "number", agent_number (agent), g_free);
  g_object_bind_property (agent, "name", row, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (agent, "name", avatar, "text", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (agent, "status", row, "subtitle", G_BINDING_SYNC_CREATE,
                               transform_agent_subtitle, NULL, user_data, NULL);
  return row;
}

static void
on_directory_refreshed (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(AdTransferDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ad_session_finish (AD_SESSION (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ad_dialog_show_error (self->toast_overlay, error);
      return;
    }
  if (self->consult != NULL)
    update_consult_name (self);
}

/* An agent's session hears no other agent's events: the directory's states
 * are fetched again while the dialog is open. */
static gboolean
on_refresh_due (gpointer user_data)
{
  AdTransferDialog *self = user_data;

  ad_session_refresh_directory_async (self->session, self->cancellable,
                                      on_directory_refreshed, g_object_ref (self));
  return G_SOURCE_CONTINUE;
}

void
ad_transfer_dialog_present (GtkWindow     *parent,
                            AdSession     *session,
                            AdInteraction *interaction,
                            gboolean       conference)
{
  AdTransferDialog *self;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));
  g_return_if_fail (AD_IS_SESSION (session));
  g_return_if_fail (AD_IS_INTERACTION (interaction));

  self = g_object_new (AD_TYPE_TRANSFER_DIALOG,
                       "session", session,
                       "interaction", interaction,
                       "conference", conference,
                       "transient-for", parent,
                       NULL);
  gtk_window_present (GTK_WINDOW (self));
}

static void
ad_transfer_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AdTransferDialog *self = AD_TRANSFER_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_INTERACTION:
      g_value_set_object (value, self->interaction);
      break;
    case PROP_CONFERENCE:
      g_value_set_boolean (value, self->conference);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_transfer_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AdTransferDialog *self = AD_TRANSFER_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_INTERACTION:
      self->interaction = g_value_dup_object (value);
      break;
    case PROP_CONFERENCE:
      self->conference = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_transfer_dialog_constructed (GObject *object)
{
  AdTransferDialog *self = AD_TRANSFER_DIALOG (object);
  g_autofree char *peer = NULL;
  GtkFilterListModel *filtered;
  AdInteraction *consult;

  G_OBJECT_CLASS (ad_transfer_dialog_parent_class)->constructed (object);

  g_return_if_fail (AD_IS_SESSION (self->session));
  g_return_if_fail (AD_IS_INTERACTION (self->interaction));

  consult = adopt_consultation (self);

  gtk_window_set_title (GTK_WINDOW (self), self->conference ? _("Conference") : _("Transfer"));
  gtk_button_set_label (GTK_BUTTON (self->complete_button),
                        self->conference ? _("_Complete Conference") : _("_Complete Transfer"));
  adw_window_title_set_title (self->window_title,
                              self->conference ? _("Conference") : _("Transfer"));
  peer = ad_format_interaction_peer (self->interaction);
  adw_window_title_set_subtitle (self->window_title, peer);

  self->filter = gtk_custom_filter_new (match_agent, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (ad_session_get_directory (self->session)),
                                        g_object_ref (GTK_FILTER (self->filter)));
  gtk_list_box_bind_model (self->agent_list, G_LIST_MODEL (filtered),
                           create_agent_row, self, NULL);
  g_object_unref (filtered);

  g_signal_connect_object (self->interaction, "notify::actions-possible",
                           G_CALLBACK (on_interaction_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->interaction, "notify::pending-action",
                           G_CALLBACK (update_buttons), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->interaction, "notify::status",
                           G_CALLBACK (on_interaction_changed), self, G_CONNECT_SWAPPED);
  update_buttons (self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  on_refresh_due (self);
  self->refresh_source = g_timeout_add_seconds (5, on_refresh_due, self);

  if (consult != NULL)
    start_consultation (self, consult);
}

static void
ad_transfer_dialog_dispose (GObject *object)
{
  AdTransferDialog *self = AD_TRANSFER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->agent_list != NULL)
    gtk_list_box_bind_model (self->agent_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->filter);
  g_clear_object (&self->consult);
  g_clear_object (&self->interaction);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ad_transfer_dialog_parent_class)->dispose (object);
}

static void
ad_transfer_dialog_finalize (GObject *object)
{
  AdTransferDialog *self = AD_TRANSFER_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_free (self->consult_name);

  G_OBJECT_CLASS (ad_transfer_dialog_parent_class)->finalize (object);
}

static void
ad_transfer_dialog_class_init (AdTransferDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ad_transfer_dialog_get_property;
  object_class->set_property = ad_transfer_dialog_set_property;
  object_class->constructed = ad_transfer_dialog_constructed;
  object_class->dispose = ad_transfer_dialog_dispose;
  object_class->finalize = ad_transfer_dialog_finalize;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, AD_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERACTION] =
    g_param_spec_object ("interaction", NULL, NULL, AD_TYPE_INTERACTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFERENCE] =
    g_param_spec_boolean ("conference", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/agentdesk/AgentDesk/ad-transfer-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AdTransferDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AdTransferDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AdTransferDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AdTransferDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AdTransferDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, AdTransferDialog, agent_list);
  gtk_widget_class_bind_template_child (widget_class, AdTransferDialog, unavailable_label);
  gtk_widget_class_bind_template_child (widget_class, AdTransferDialog, transfer_button);
  gtk_widget_class_bind_template_child (widget_class, AdTransferDialog, mute_transfer_button);
  gtk_widget_class_bind_template_child (widget_class, AdTransferDialog, conference_button);
  gtk_widget_class_bind_template_child (widget_class, AdTransferDialog, consult_button);
  gtk_widget_class_bind_template_child (widget_class, AdTransferDialog, consult_page);
  gtk_widget_class_bind_template_child (widget_class, AdTransferDialog, complete_button);
  gtk_widget_class_bind_template_child (widget_class, AdTransferDialog, reconnect_button);
  gtk_widget_class_bind_template_callback (widget_class, on_transfer_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_mute_transfer_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_conference_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_consult_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_complete_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reconnect_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_number_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_agent_activated);
}

static void
ad_transfer_dialog_init (AdTransferDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
