/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "AdInteractionRow"

#include "config.h"

#include <glib/gi18n.h>

#include "ad-format.h"
#include "ad-interaction-row.h"

enum {
  PROP_0,
  PROP_INTERACTION,
  N_PROPS
};

struct _AdInteractionRow
{
  GtkWidget      parent_instance;

  GtkImage      *status_image;
  GtkLabel      *peer_label;
  GtkLabel      *number_label;
  GtkLabel      *status_label;
  GtkImage      *muted_image;
  GtkLabel      *duration_label;

  AdInteraction *interaction;
  GSignalGroup  *signals;
};

G_DEFINE_FINAL_TYPE (AdInteractionRow, ad_interaction_row, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static char *
status_icon_cb (AdInteractionRow    *self,
                AdInteractionStatus  status)
{
  return g_strdup (ad_format_interaction_status_icon (status));
}

static char *
duration_cb (AdInteractionRow *self,
             guint             duration)
{
  return ad_format_duration (duration);
}

/* The texts depend on several properties at once (peer, customer name,
 * call type, status), so they are set here, on any of them changing. */
static void
update_texts (AdInteractionRow *self)
{
  g_autofree char *peer = ad_format_interaction_peer (self->interaction);
  g_autofree char *status = NULL;
  g_autofree char *accessible = NULL;
  AdInteractionStatus interaction_status = AD_INTERACTION_STATUS_UNKNOWN;
  const char *name = NULL;

  if (self->interaction != NULL)
    {
      name = ad_interaction_get_customer_name (self->interaction);
      interaction_status = ad_interaction_get_status (self->interaction);
      /* Translators: call type and status, e.g. "Inbound · Ringing" */
      status = g_strdup_printf (_("%s · %s"),
                                ad_format_call_type (ad_interaction_get_call_type (self->interaction)),
                                ad_format_interaction_status (interaction_status));
    }

  /* The customer by name when the call says, the number below it. */
  gtk_label_set_label (self->peer_label, name != NULL ? name : peer);
  gtk_label_set_label (self->number_label, name != NULL ? peer : "");
  gtk_widget_set_visible (GTK_WIDGET (self->number_label), name != NULL);
  gtk_label_set_label (self->status_label, status != NULL ? status : "");

  if (interaction_status == AD_INTERACTION_STATUS_RINGING)
    gtk_widget_add_css_class (GTK_WIDGET (self), "ringing");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "ringing");

  if (name != NULL)
    /* Translators: accessible name of a call in the list: the customer's
     * name, number, then call type and status */
    accessible = g_strdup_printf (_("%s, %s, %s"), name, peer, status != NULL ? status : "");
  else
    /* Translators: accessible name of a call in the list: number, then
     * call type and status */
    accessible = g_strdup_printf (_("%s, %s"), peer, status != NULL ? status : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

AdInteraction *
ad_interaction_row_get_interaction (AdInteractionRow *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION_ROW (self), NULL);

  return self->interaction;
}

void
ad_interaction_row_set_interaction (AdInteractionRow *self,
                                    AdInteraction    *interaction)
{
  g_return_if_fail (AD_IS_INTERACTION_ROW (self));
  g_return_if_fail (interaction == NULL || AD_IS_INTERACTION (interaction));

  if (!g_set_object (&self->interaction, interaction))
    return;

  g_signal_group_set_target (self->signals, interaction);
  update_texts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERACTION]);
}

static void
ad_interaction_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AdInteractionRow *self = AD_INTERACTION_ROW (object);

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
ad_interaction_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AdInteractionRow *self = AD_INTERACTION_ROW (object);

  switch (prop_id)
    {
    case PROP_INTERACTION:
      ad_interaction_row_set_interaction (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_interaction_row_dispose (GObject *object)
{
  AdInteractionRow *self = AD_INTERACTION_ROW (object);
  GtkWidget *child;

  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), AD_TYPE_INTERACTION_ROW);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->interaction);

  G_OBJECT_CLASS (ad_interaction_row_parent_class)->dispose (object);
}

static void
ad_interaction_row_class_init (AdInteractionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ad_interaction_row_get_property;
  object_class->set_property = ad_interaction_row_set_property;
  object_class->dispose = ad_interaction_row_dispose;

  properties[PROP_INTERACTION] =
    g_param_spec_object ("interaction", NULL, NULL, AD_TYPE_INTERACTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/agentdesk/AgentDesk/ad-interaction-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AdInteractionRow, status_image);
  gtk_widget_class_bind_template_child (widget_class, AdInteractionRow, peer_label);
  gtk_widget_class_bind_template_child (widget_class, AdInteractionRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, AdInteractionRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, AdInteractionRow, muted_image);
  gtk_widget_class_bind_template_child (widget_class, AdInteractionRow, duration_label);
  gtk_widget_class_bind_template_callback (widget_class, status_icon_cb);
  gtk_widget_class_bind_template_callback (widget_class, duration_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "interactionrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ad_interaction_row_init (AdInteractionRow *self)
{
  GtkBoxLayout *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  gtk_box_layout_set_spacing (layout, 12);

  self->signals = g_signal_group_new (AD_TYPE_INTERACTION);
  g_signal_group_connect_swapped (self->signals, "notify::status",
                                  G_CALLBACK (update_texts), self);
  g_signal_group_connect_swapped (self->signals, "notify::call-type",
                                  G_CALLBACK (update_texts), self);
  g_signal_group_connect_swapped (self->signals, "notify::ani",
                                  G_CALLBACK (update_texts), self);
  g_signal_group_connect_swapped (self->signals, "notify::dnis",
                                  G_CALLBACK (update_texts), self);
  g_signal_group_connect_swapped (self->signals, "notify::phone-numbers",
                                  G_CALLBACK (update_texts), self);
  g_signal_group_connect_swapped (self->signals, "notify::attached-data",
                                  G_CALLBACK (update_texts), self);
}
