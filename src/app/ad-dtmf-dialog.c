/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdDtmfDialog"

#include "config.h"

#include "ad-dialog-util.h"
#include "ad-dialpad.h"
#include "ad-dtmf-dialog.h"
#include "ad-format.h"

enum {
  PROP_0,
  PROP_INTERACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _AdDtmfDialog
{
  AdwWindow        parent_instance;

  AdInteraction   *interaction;
  GCancellable    *cancellable;
  GString         *sent;      /* every tone typed, as shown */
  GString         *queue;     /* typed, not sent yet */
  gboolean         sending;
  guint            retry_source;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkWidget       *hint_label;
  GtkLabel        *sent_label;
  AdDialpad       *dialpad;
};

G_DEFINE_FINAL_TYPE (AdDtmfDialog, ad_dtmf_dialog, ADW_TYPE_WINDOW)

static void send_queue (AdDtmfDialog *self);

static gboolean
on_retry (gpointer user_data)
{
  AdDtmfDialog *self = user_data;

  self->retry_source = 0;
  send_queue (self);
  return G_SOURCE_REMOVE;
}

typedef struct {
  AdDtmfDialog *dialog;
  char         *digits;
} Sending;

static void
sending_free (Sending *sending)
{
  g_object_unref (sending->dialog);
  g_free (sending->digits);
  g_free (sending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sending, sending_free)

static void
on_dtmf_sent (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Sending) sending = user_data;
  AdDtmfDialog *self = sending->dialog;
  g_autoptr(GError) error = NULL;

  if (ad_interaction_action_finish (AD_INTERACTION (source), result, &error))
    {
      self->sending = FALSE;
      send_queue (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->sending = FALSE;
  /* The switch accepts an action before it plays it, and takes the next
   * one only then: these tones go again in a moment, ahead of the rest. */
  if (g_error_matches (error, AD_ERROR, AD_ERROR_ACTION_IN_PROGRESS))
    {
      g_string_prepend (self->queue, sending->digits);
      g_clear_handle_id (&self->retry_source, g_source_remove);
      self->retry_source = g_timeout_add (100, on_retry, self);
      return;
    }

  ad_dialog_show_error (self->toast_overlay, error);
  send_queue (self);
}

/* One request at a time: the switch takes one action per interaction. */
static void
send_queue (AdDtmfDialog *self)
{
  Sending *sending;

  if (self->sending || self->retry_source != 0 || self->queue->len == 0)
    return;

  sending = g_new0 (Sending, 1);
  sending->dialog = g_object_ref (self);
  sending->digits = g_strdup (self->queue->str);
  g_string_truncate (self->queue, 0);
  self->sending = TRUE;
  ad_interaction_send_dtmf_async (self->interaction, sending->digits, self->cancellable,
                                  on_dtmf_sent, sending);
}

static void
on_digit_pressed (AdDialpad    *dialpad,
                  const char   *digit,
                  AdDtmfDialog *self)
{
  if (!gtk_widget_is_sensitive (GTK_WIDGET (dialpad)))
    return;

  g_string_append (self->sent, digit);
  g_string_append (self->queue, digit);
  gtk_label_set_label (self->sent_label, self->sent->str);
  gtk_widget_set_visible (self->hint_label, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->sent_label), TRUE);
  send_queue (self);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AdDtmfDialog          *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;
  return ad_dialpad_press_keyval (self->dialpad, keyval);
}

static void
on_status_changed (AdDtmfDialog *self)
{
  if (ad_interaction_get_status (self->interaction) != AD_INTERACTION_STATUS_TALKING)
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
can_send_dtmf (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_value_set_boolean (to, (g_value_get_flags (from) & AD_VOICE_ACTION_SEND_DTMF) != 0);
  return TRUE;
}

void
ad_dtmf_dialog_present (GtkWindow     *parent,
                        AdInteraction *interaction)
{
  AdDtmfDialog *self;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));
  g_return_if_fail (AD_IS_INTERACTION (interaction));

  /* Tones only reach somebody on a call. */
  if (ad_interaction_get_status (interaction) != AD_INTERACTION_STATUS_TALKING)
    return;

  self = g_object_new (AD_TYPE_DTMF_DIALOG,
                       "interaction", interaction,
                       "transient-for", parent,
                       NULL);
  gtk_window_present (GTK_WINDOW (self));
}

static void
ad_dtmf_dialog_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AdDtmfDialog *self = AD_DTMF_DIALOG (object);

  switch (prop_id)
    {
    case PROP_INTERACTION:
      g_value_set_object (value, self->interaction);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_dtmf_dialog_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AdDtmfDialog *self = AD_DTMF_DIALOG (object);

  switch (prop_id)
    {
    case PROP_INTERACTION:
      self->interaction = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_dtmf_dialog_constructed (GObject *object)
{
  AdDtmfDialog *self = AD_DTMF_DIALOG (object);
  g_autofree char *peer = NULL;

  G_OBJECT_CLASS (ad_dtmf_dialog_parent_class)->constructed (object);

  g_return_if_fail (AD_IS_INTERACTION (self->interaction));

  peer = ad_format_interaction_peer (self->interaction);
  adw_window_title_set_subtitle (self->window_title, peer);
  g_object_bind_property_full (self->interaction, "actions-possible",
                               self->dialpad, "sensitive",
                               G_BINDING_SYNC_CREATE,
                               can_send_dtmf, NULL, NULL, NULL);
  g_signal_connect_object (self->interaction, "notify::status",
                           G_CALLBACK (on_status_changed), self, G_CONNECT_SWAPPED);
}

static void
ad_dtmf_dialog_dispose (GObject *object)
{
  AdDtmfDialog *self = AD_DTMF_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_object (&self->interaction);

  G_OBJECT_CLASS (ad_dtmf_dialog_parent_class)->dispose (object);
}

static void
ad_dtmf_dialog_finalize (GObject *object)
{
  AdDtmfDialog *self = AD_DTMF_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_string_free (self->sent, TRUE);
  g_string_free (self->queue, TRUE);

  G_OBJECT_CLASS (ad_dtmf_dialog_parent_class)->finalize (object);
}

static void
ad_dtmf_dialog_class_init (AdDtmfDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ad_dtmf_dialog_get_property;
  object_class->set_property = ad_dtmf_dialog_set_property;
  object_class->constructed = ad_dtmf_dialog_constructed;
  object_class->dispose = ad_dtmf_dialog_dispose;
  object_class->finalize = ad_dtmf_dialog_finalize;

  properties[PROP_INTERACTION] =
    g_param_spec_object ("interaction", NULL, NULL, AD_TYPE_INTERACTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (AD_TYPE_DIALPAD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/agentdesk/AgentDesk/ad-dtmf-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AdDtmfDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AdDtmfDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AdDtmfDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, AdDtmfDialog, sent_label);
  gtk_widget_class_bind_template_child (widget_class, AdDtmfDialog, dialpad);
  gtk_widget_class_bind_template_callback (widget_class, on_digit_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed);
}

static void
ad_dtmf_dialog_init (AdDtmfDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->sent = g_string_new (NULL);
  self->queue = g_string_new (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}
