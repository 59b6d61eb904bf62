/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "AdActionBar"

#include "config.h"

#include <glib/gi18n.h>

#include "ad-action-bar.h"

enum {
  PROP_0,
  PROP_INTERACTION,
  N_PROPS
};

struct _AdActionBar
{
  AdwBin         parent_instance;

  GtkFlowBox    *flow_box;
  GtkWidget    **buttons;        /* one per item */
  GtkEntry      *number_entry;   /* of the make-call popover */
  GtkWidget     *dial_button;
  GBindingGroup *bindings;       /* from the interaction to the buttons */
  AdInteraction *interaction;
};

G_DEFINE_FINAL_TYPE (AdActionBar, ad_action_bar, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static const AdActionBarItem items[] = {
  { "win.answer", AD_VOICE_ACTION_ANSWER_CALL, NC_("call action", "Answer"),
    "call-start-symbolic", "suggested-action" },
  { "win.make-call", AD_VOICE_ACTION_MAKE_CALL, NC_("call action", "Dial"),
    "call-outgoing-symbolic", "suggested-action" },
  { "win.mute-on", AD_VOICE_ACTION_MUTE_ON, NC_("call action", "Mute"),
    "microphone-sensitivity-muted-symbolic", NULL },
  { "win.mute-off", AD_VOICE_ACTION_MUTE_OFF, NC_("call action", "Unmute"),
    "audio-input-microphone-symbolic", "accent" },
  { "win.hold", AD_VOICE_ACTION_HOLD, NC_("call action", "Hold"),
    "media-playback-pause-symbolic", NULL },
  { "win.retrieve", AD_VOICE_ACTION_RETRIEVE, NC_("call action", "Retrieve"),
    "media-playback-start-symbolic", "accent" },
  { "win.send-dtmf", AD_VOICE_ACTION_SEND_DTMF, NC_("call action", "Keypad"),
    "input-dialpad-symbolic", NULL },
  { "win.transfer",
    AD_VOICE_ACTION_SINGLE_STEP_TRANSFER | AD_VOICE_ACTION_MUTE_TRANSFER |
    AD_VOICE_ACTION_INIT_TRANSFER, NC_("call action", "Transfer"),
    "mail-forward-symbolic", NULL },
  { "win.conference",
    AD_VOICE_ACTION_SINGLE_STEP_CONFERENCE | AD_VOICE_ACTION_INIT_CONFERENCE,
    NC_("call action", "Conference"), "system-users-symbolic", NULL },
  { "win.complete-transfer", AD_VOICE_ACTION_COMPLETE_TRANSFER, NC_("call action", "Complete Transfer"),
    "mail-forward-symbolic", "suggested-action" },
  { "win.complete-conference", AD_VOICE_ACTION_COMPLETE_CONFERENCE, NC_("call action", "Complete Conference"),
    "system-users-symbolic", "suggested-action" },
  { "win.reconnect", AD_VOICE_ACTION_RECONNECT, NC_("call action", "Reconnect"),
    "edit-undo-symbolic", NULL },
  { "win.leave-conference", AD_VOICE_ACTION_LEAVE_CONFERENCE, NC_("call action", "Leave Conference"),
    "system-log-out-symbolic", NULL },
  { "win.release", AD_VOICE_ACTION_RELEASE_CALL, NC_("call action", "Hang Up"),
    "call-stop-symbolic", "destructive-action" },
  { "win.mark-done", AD_VOICE_ACTION_MARK_DONE, NC_("call action", "Mark Done"),
    "object-select-symbolic", "suggested-action" },
};

static gboolean
transform_offered (GBinding     *binding,
                   const GValue *from_value,
                   GValue       *to_value,
                   gpointer      user_data)
{
  AdVoiceAction actions = GPOINTER_TO_UINT (user_data);

  g_value_set_boolean (to_value, (g_value_get_flags (from_value) & actions) != 0);
  return TRUE;
}

static void
on_number_entry_changed (AdActionBar *self,
                         GtkEditable *editable)
{
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->dial_button), "s",
                                    gtk_editable_get_text (editable));
}

static void
on_number_entry_activate (AdActionBar *self,
                          GtkEntry    *entry)
{
  if (gtk_widget_get_sensitive (self->dial_button))
    gtk_widget_activate (self->dial_button);
}

/* MAKE_CALL needs a number: its button opens a popover with an entry and
 * the button that activates win.make-call with it. The menu button follows
 * the sensitivity of that inner button, which follows the action. */
static GtkWidget *
create_dial_button (AdActionBar *self,
                    GtkWidget   *content)
{
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->number_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_input_purpose (self->number_entry, GTK_INPUT_PURPOSE_PHONE);
  gtk_entry_set_placeholder_text (self->number_entry, _("Number"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->number_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Number to dial"),
                                  -1);
  g_signal_connect_object (self->number_entry, "changed",
                           G_CALLBACK (on_number_entry_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->number_entry, "activate",
                           G_CALLBACK (on_number_entry_activate), self, G_CONNECT_SWAPPED);

  self->dial_button = gtk_button_new_with_label (C_("make a call", "Call"));
  gtk_widget_add_css_class (self->dial_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->dial_button), "win.make-call");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->dial_button), "s", "");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->number_entry));
  gtk_box_append (GTK_BOX (box), self->dial_button);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (menu_button), content);
  g_object_bind_property (self->dial_button, "sensitive", menu_button, "sensitive",
                          G_BINDING_SYNC_CREATE);
  return menu_button;
}

static GtkWidget *
create_button (AdActionBar           *self,
               const AdActionBarItem *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *image = gtk_image_new_from_icon_name (item->icon_name);
  const char *text = g_dpgettext2 (NULL, "call action", item->label);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button;

  gtk_image_set_icon_size (GTK_IMAGE (image), GTK_ICON_SIZE_LARGE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 10);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);

  if (g_str_equal (item->action_name, "win.make-call"))
    {
      button = create_dial_button (self, box);
    }
  else
    {
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), item->action_name);
    }

  gtk_widget_add_css_class (button, "action-button");
  if (item->style_class != NULL)
    gtk_widget_add_css_class (button, item->style_class);
  gtk_widget_set_tooltip_text (button, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  return button;
}

const AdActionBarItem *
ad_action_bar_get_items (guint *n_items)
{
  *n_items = G_N_ELEMENTS (items);
  return items;
}

GtkWidget *
ad_action_bar_new (void)
{
  return g_object_new (AD_TYPE_ACTION_BAR, NULL);
}

AdInteraction *
ad_action_bar_get_interaction (AdActionBar *self)
{
  g_return_val_if_fail (AD_IS_ACTION_BAR (self), NULL);

  return self->interaction;
}

void
ad_action_bar_set_interaction (AdActionBar   *self,
                               AdInteraction *interaction)
{
  g_return_if_fail (AD_IS_ACTION_BAR (self));
  g_return_if_fail (interaction == NULL || AD_IS_INTERACTION (interaction));

  if (!g_set_object (&self->interaction, interaction))
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->number_entry), "");
  g_binding_group_set_source (self->bindings, interaction);
  if (interaction == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (items); i++)
        gtk_widget_set_visible (gtk_widget_get_parent (self->buttons[i]), FALSE);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERACTION]);
}

GtkWidget *
ad_action_bar_get_button (AdActionBar *self,
                          const char  *action_name)
{
  g_return_val_if_fail (AD_IS_ACTION_BAR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      if (g_str_equal (items[i].action_name, action_name))
        return self->buttons[i];
    }
  return NULL;
}

static void
ad_action_bar_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AdActionBar *self = AD_ACTION_BAR (object);

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
ad_action_bar_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AdActionBar *self = AD_ACTION_BAR (object);

  switch (prop_id)
    {
    case PROP_INTERACTION:
      ad_action_bar_set_interaction (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_action_bar_dispose (GObject *object)
{
  AdActionBar *self = AD_ACTION_BAR (object);

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  g_clear_object (&self->bindings);
  g_clear_object (&self->interaction);

  G_OBJECT_CLASS (ad_action_bar_parent_class)->dispose (object);
}

static void
ad_action_bar_finalize (GObject *object)
{
  AdActionBar *self = AD_ACTION_BAR (object);

  g_free (self->buttons);

  G_OBJECT_CLASS (ad_action_bar_parent_class)->finalize (object);
}

static void
ad_action_bar_class_init (AdActionBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ad_action_bar_get_property;
  object_class->set_property = ad_action_bar_set_property;
  object_class->dispose = ad_action_bar_dispose;
  object_class->finalize = ad_action_bar_finalize;

  properties[PROP_INTERACTION] =
    g_param_spec_object ("interaction", NULL, NULL, AD_TYPE_INTERACTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "actionbar-buttons");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
ad_action_bar_init (AdActionBar *self)
{
  self->flow_box = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->flow_box, GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (self->flow_box, TRUE);
  gtk_flow_box_set_min_children_per_line (self->flow_box, 1);
  gtk_flow_box_set_max_children_per_line (self->flow_box, 8);
  gtk_flow_box_set_column_spacing (self->flow_box, 12);
  gtk_flow_box_set_row_spacing (self->flow_box, 12);
  gtk_widget_set_halign (GTK_WIDGET (self->flow_box), GTK_ALIGN_CENTER);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->flow_box));

  self->bindings = g_binding_group_new ();
  self->buttons = g_new0 (GtkWidget *, G_N_ELEMENTS (items));
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      GtkWidget *child;

      self->buttons[i] = create_button (self, &items[i]);
      gtk_flow_box_append (self->flow_box, self->buttons[i]);
      child = gtk_widget_get_parent (self->buttons[i]);
      gtk_widget_set_focusable (child, FALSE);
      gtk_widget_set_visible (child, FALSE);
      g_binding_group_bind_full (self->bindings, "actions-possible", child, "visible",
                                 G_BINDING_SYNC_CREATE, transform_offered, NULL,
                                 GUINT_TO_POINTER (items[i].actions), NULL);
    }
}
