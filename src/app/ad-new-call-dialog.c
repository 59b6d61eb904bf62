/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdNewCallDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ad-dialog-util.h"
#include "ad-dialpad.h"
#include "ad-new-call-dialog.h"

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _AdNewCallDialog
{
  AdwWindow        parent_instance;

  AdSession       *session;
  GCancellable    *cancellable;
  gboolean         calling;

  AdwToastOverlay *toast_overlay;
  GtkEntry        *number_entry;
  GtkWidget       *call_button;
  GtkLabel        *offline_label;
};

G_DEFINE_FINAL_TYPE (AdNewCallDialog, ad_new_call_dialog, ADW_TYPE_WINDOW)

/* Why no call can be placed now, or NULL. */
static const char *
offline_reason (AdNewCallDialog *self)
{
  switch (ad_session_get_connection_state (self->session))
    {
    case AD_CONNECTION_STATE_CONNECTED:
      return NULL;
    case AD_CONNECTION_STATE_RECONNECTING:
      return _("The switch cannot be reached. You can call once the connection is back.");
    case AD_CONNECTION_STATE_OFFLINE:
    default:
      return _("Offline: sign in again to make calls.");
    }
}

/* The Call button follows the session's connection as the window's
 * controls do: while the switch is out of reach a request would fail at
 * once. The dialog stays open, the number kept, so a short drop costs the
 * agent nothing but the wait. */
static void
update_call_button (AdNewCallDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->number_entry));
  g_autofree char *number = ad_dialog_normalize_number (text);
  const char *reason = offline_reason (self);

  gtk_label_set_label (self->offline_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), reason != NULL);
  gtk_widget_set_tooltip_text (self->call_button, reason);
  gtk_widget_set_sensitive (self->call_button,
                            reason == NULL && !self->calling && number[0] != '\0');
  gtk_entry_set_icon_from_icon_name (self->number_entry, GTK_ENTRY_ICON_SECONDARY,
                                     text[0] != '\0' ? "edit-clear-symbolic" : NULL);
}

static void
on_number_changed (AdNewCallDialog *self)
{
  update_call_button (self);
}

static void
on_number_icon_pressed (GtkEntry             *entry,
                        GtkEntryIconPosition  position,
                        AdNewCallDialog      *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_digit_pressed (AdDialpad       *dialpad,
                  const char      *digit,
                  AdNewCallDialog *self)
{
  int position = gtk_editable_get_position (GTK_EDITABLE (self->number_entry));

  gtk_editable_insert_text (GTK_EDITABLE (self->number_entry), digit, -1, &position);
  gtk_editable_set_position (GTK_EDITABLE (self->number_entry), position);
}

static void
on_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AdNewCallDialog) self = user_data;
  g_autoptr(AdInteraction) interaction = NULL;
  g_autoptr(GError) error = NULL;

  interaction = ad_session_create_interaction_finish (AD_SESSION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->calling = FALSE;
  update_call_button (self);
  if (interaction == NULL)
    {
      ad_dialog_show_error (self->toast_overlay, error);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
on_call_clicked (GtkButton       *button,
                 AdNewCallDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->number_entry));
  g_autofree char *number = ad_dialog_normalize_number (text);
  AdAgent *agent = ad_session_get_agent (self->session);
  const char *dn_id = NULL;
  g_autoptr(AdDn) dn = NULL;

  if (self->calling || number[0] == '\0' || offline_reason (self) != NULL)
    return;

  /* The agent's first line; without one the switch picks on the place. */
  if (agent != NULL && g_list_model_get_n_items (ad_agent_get_dns (agent)) > 0)
    {
      dn = g_list_model_get_item (ad_agent_get_dns (agent), 0);
      dn_id = ad_dn_get_id (dn);
    }

  self->calling = TRUE;
  update_call_button (self);
  ad_session_create_interaction_async (self->session, dn_id, number, self->cancellable,
                                       on_created, g_object_ref (self));
}

void
ad_new_call_dialog_present (GtkWindow *parent,
                            AdSession *session)
{
  AdNewCallDialog *self;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));
  g_return_if_fail (AD_IS_SESSION (session));

  self = g_object_new (AD_TYPE_NEW_CALL_DIALOG,
                       "session", session,
                       "transient-for", parent,
                       NULL);
  gtk_window_present (GTK_WINDOW (self));
}

static void
ad_new_call_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AdNewCallDialog *self = AD_NEW_CALL_DIALOG (object);

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
ad_new_call_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AdNewCallDialog *self = AD_NEW_CALL_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_new_call_dialog_constructed (GObject *object)
{
  AdNewCallDialog *self = AD_NEW_CALL_DIALOG (object);

  G_OBJECT_CLASS (ad_new_call_dialog_parent_class)->constructed (object);

  g_return_if_fail (AD_IS_SESSION (self->session));
  g_signal_connect_object (self->session, "notify::connection-state",
                           G_CALLBACK (update_call_button), self, G_CONNECT_SWAPPED);
  update_call_button (self);
}

static void
ad_new_call_dialog_dispose (GObject *object)
{
  AdNewCallDialog *self = AD_NEW_CALL_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ad_new_call_dialog_parent_class)->dispose (object);
}

static void
ad_new_call_dialog_finalize (GObject *object)
{
  AdNewCallDialog *self = AD_NEW_CALL_DIALOG (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ad_new_call_dialog_parent_class)->finalize (object);
}

static void
ad_new_call_dialog_class_init (AdNewCallDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ad_new_call_dialog_get_property;
  object_class->set_property = ad_new_call_dialog_set_property;
  object_class->constructed = ad_new_call_dialog_constructed;
  object_class->dispose = ad_new_call_dialog_dispose;
  object_class->finalize = ad_new_call_dialog_finalize;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, AD_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (AD_TYPE_DIALPAD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/agentdesk/AgentDesk/ad-new-call-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AdNewCallDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AdNewCallDialog, number_entry);
  gtk_widget_class_bind_template_child (widget_class, AdNewCallDialog, call_button);
  gtk_widget_class_bind_template_child (widget_class, AdNewCallDialog, offline_label);
  gtk_widget_class_bind_template_callback (widget_class, on_number_icon_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_digit_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_call_clicked);
}

static void
ad_new_call_dialog_init (AdNewCallDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->number_entry, "changed", G_CALLBACK (on_number_changed), self);
}
