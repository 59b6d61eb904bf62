/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "AdInteractionView"

#include "config.h"

#include <glib/gi18n.h>

#include "ad-format.h"
#include "ad-interaction-view.h"

/* Where the wrap-up of an interaction waits while another one is shown. */
#define NOTES_KEY "ad-interaction-view-notes"
#define DISPOSITION_KEY "ad-interaction-view-disposition"

enum {
  PROP_0,
  PROP_INTERACTION,
  PROP_SESSION,
  N_PROPS
};

struct _AdInteractionView
{
  AdwBin         parent_instance;

  GtkStack      *stack;
  AdwAvatar     *avatar;
  GtkLabel      *peer_label;
  GtkLabel      *number_label;
  GtkLabel      *status_label;
  AdActionBar   *action_bar;
  GtkListBox    *parties_list;
  GtkListBox    *data_list;
  GtkListBox    *add_data_list;
  AdwEntryRow   *new_key_row;
  AdwEntryRow   *new_value_row;
  AdwComboRow   *disposition_row;
  GtkTextView   *notes_view;

  AdInteraction *interaction;
  AdSession     *session;
  GSignalGroup  *signals;
};

G_DEFINE_FINAL_TYPE (AdInteractionView, ad_interaction_view, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static char *
duration_cb (AdInteractionView *self,
             guint              duration)
{
  return ad_format_duration (duration);
}

static char *
or_dash_cb (AdInteractionView *self,
            const char        *text)
{
  return g_strdup (text != NULL && *text != '\0' ? text : "—");
}

static char *
call_type_cb (AdInteractionView *self,
              AdCallType         call_type)
{
  return g_strdup (ad_format_call_type (call_type));
}

static gboolean
can_attach_data (AdInteractionView *self)
{
  return self->interaction != NULL &&
         ad_interaction_can (self->interaction, AD_VOICE_ACTION_ATTACH_DATA);
}

static void
request_attach_data (AdInteractionView *self,
                     const char        *key,
                     const char        *value)
{
  if (key == NULL || *key == '\0')
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.attach-data", "(ss)", key, value);
}

static void
on_data_row_apply (AdInteractionView *self,
                   AdwEntryRow       *row)
{
  request_attach_data (self,
                       adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                       gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
on_new_value_row_apply (AdInteractionView *self,
                        AdwEntryRow       *row)
{
  request_attach_data (self,
                       gtk_editable_get_text (GTK_EDITABLE (self->new_key_row)),
                       gtk_editable_get_text (GTK_EDITABLE (self->new_value_row)));
  gtk_editable_set_text (GTK_EDITABLE (self->new_key_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_value_row), "");
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* The attached data is a new table per change: its rows are rebuilt. */
static void
update_attached_data (AdInteractionView *self)
{
  GHashTable *data = self->interaction != NULL
                     ? ad_interaction_get_attached_data (self->interaction) : NULL;
  gboolean editable = can_attach_data (self);
  g_autofree gpointer keys = NULL;
  guint n_keys = 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->data_list))) != NULL)
    gtk_list_box_remove (self->data_list, child);

  if (data != NULL)
    keys = g_hash_table_get_keys_as_array (data, &n_keys);
  if (keys != NULL)
    qsort (keys, n_keys, sizeof (char *), compare_keys);

  for (guint i = 0; i < n_keys; i++)
    {
      const char *key = ((const char **) keys)[i];
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), key);
      gtk_editable_set_text (GTK_EDITABLE (row), g_hash_table_lookup (data, key));
      gtk_editable_set_editable (GTK_EDITABLE (row), editable);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_signal_connect_object (row, "apply", G_CALLBACK (on_data_row_apply), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->data_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->data_list), n_keys > 0);
}

static void
update_editable (AdInteractionView *self)
{
  gboolean editable = can_attach_data (self);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->data_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    gtk_editable_set_editable (GTK_EDITABLE (row), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->add_data_list), editable);
}

static void
update_texts (AdInteractionView *self)
{
  g_autofree char *peer = ad_format_interaction_peer (self->interaction);
  const char *status = "";
  const char *name = NULL;

  if (self->interaction != NULL)
    {
      status = ad_format_interaction_status (ad_interaction_get_status (self->interaction));
      name = ad_interaction_get_customer_name (self->interaction);
    }

  /* The customer by name when the call says, the number below it. */
  gtk_label_set_label (self->peer_label, name != NULL ? name : peer);
  gtk_label_set_label (self->number_label, name != NULL ? peer : "");
  gtk_widget_set_visible (GTK_WIDGET (self->number_label), name != NULL);
  gtk_label_set_label (self->status_label, status);
  adw_avatar_set_text (self->avatar, name != NULL ? name : peer);
  adw_avatar_set_show_initials (self->avatar, name != NULL);
}

static GtkWidget *
create_party_row (gpointer item,
                  gpointer user_data)
{
  AdParty *party = item;
  GtkWidget *row = adw_action_row_new ();
  const char *agent_id = ad_party_get_agent_id (party);
  g_autofree char *subtitle = NULL;

  if (agent_id != NULL)
    /* Translators: a party's role and the agent at that number */
    subtitle = g_strdup_printf (_("%s · agent %s"), ad_format_party_role (ad_party_get_role (party)),
                                agent_id);
  else
    subtitle = g_strdup (ad_format_party_role (ad_party_get_role (party)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ad_party_get_number (party));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (agent_id != NULL
                                                           ? "system-users-symbolic"
                                                           : "avatar-default-symbolic"));
  return row;
}

static void
save_wrap_up (AdInteractionView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  if (self->interaction == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_object_set_data_full (G_OBJECT (self->interaction), NOTES_KEY,
                          gtk_text_buffer_get_text (buffer, &start, &end, FALSE), g_free);
  g_object_set_data (G_OBJECT (self->interaction), DISPOSITION_KEY,
                     GUINT_TO_POINTER (adw_combo_row_get_selected (self->disposition_row) + 1));
}

static void
restore_wrap_up (AdInteractionView *self)
{
  const char *notes = NULL;
  guint disposition = 0;

  if (self->interaction != NULL)
    {
      notes = g_object_get_data (G_OBJECT (self->interaction), NOTES_KEY);
      disposition = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self->interaction),
                                                         DISPOSITION_KEY));
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            notes != NULL ? notes : "", -1);
  adw_combo_row_set_selected (self->disposition_row, disposition > 0 ? disposition - 1 : 0);
}

AdInteraction *
ad_interaction_view_get_interaction (AdInteractionView *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION_VIEW (self), NULL);

  return self->interaction;
}

void
ad_interaction_view_set_interaction (AdInteractionView *self,
                                     AdInteraction     *interaction)
{
  g_return_if_fail (AD_IS_INTERACTION_VIEW (self));
  g_return_if_fail (interaction == NULL || AD_IS_INTERACTION (interaction));

  if (self->interaction == interaction)
    return;

  save_wrap_up (self);
  g_set_object (&self->interaction, interaction);
  g_signal_group_set_target (self->signals, interaction);

  gtk_list_box_bind_model (self->parties_list,
                           interaction != NULL ? ad_interaction_get_parties (interaction) : NULL,
                           create_party_row, NULL, NULL);
  update_texts (self);
  update_attached_data (self);
  update_editable (self);
  restore_wrap_up (self);
  gtk_stack_set_visible_child_name (self->stack, interaction != NULL ? "details" : "empty");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERACTION]);
}

AdSession *
ad_interaction_view_get_session (AdInteractionView *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION_VIEW (self), NULL);

  return self->session;
}

void
ad_interaction_view_set_session (AdInteractionView *self,
                                 AdSession         *session)
{
  g_return_if_fail (AD_IS_INTERACTION_VIEW (self));
  g_return_if_fail (session == NULL || AD_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  adw_combo_row_set_model (self->disposition_row,
                           session != NULL ? ad_session_get_dispositions (session) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

AdActionBar *
ad_interaction_view_get_action_bar (AdInteractionView *self)
{
  g_return_val_if_fail (AD_IS_INTERACTION_VIEW (self), NULL);

  return self->action_bar;
}

const char *
ad_interaction_view_get_disposition (AdInteractionView *self)
{
  AdCode *code;

  g_return_val_if_fail (AD_IS_INTERACTION_VIEW (self), NULL);

  code = adw_combo_row_get_selected_item (self->disposition_row);
  return code != NULL ? ad_code_get_code (code) : NULL;
}

char *
ad_interaction_view_dup_notes (AdInteractionView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *notes = NULL;

  g_return_val_if_fail (AD_IS_INTERACTION_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  return *notes != '\0' ? g_steal_pointer (&notes) : NULL;
}

static void
ad_interaction_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AdInteractionView *self = AD_INTERACTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_INTERACTION:
      g_value_set_object (value, self->interaction);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_interaction_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AdInteractionView *self = AD_INTERACTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_INTERACTION:
      ad_interaction_view_set_interaction (self, g_value_get_object (value));
      break;
    case PROP_SESSION:
      ad_interaction_view_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_interaction_view_dispose (GObject *object)
{
  AdInteractionView *self = AD_INTERACTION_VIEW (object);

  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->signals);
  g_clear_object (&self->interaction);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ad_interaction_view_parent_class)->dispose (object);
}

static void
ad_interaction_view_class_init (AdInteractionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ad_interaction_view_get_property;
  object_class->set_property = ad_interaction_view_set_property;
  object_class->dispose = ad_interaction_view_dispose;

  properties[PROP_INTERACTION] =
    g_param_spec_object ("interaction", NULL, NULL, AD_TYPE_INTERACTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, AD_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (AD_TYPE_ACTION_BAR);
  g_type_ensure (AD_TYPE_CODE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/agentdesk/AgentDesk/ad-interaction-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AdInteractionView, stack);
  gtk_widget_class_bind_template_child (widget_class, AdInteractionView, avatar);
  gtk_widget_class_bind_template_child (widget_class, AdInteractionView, peer_label);
  gtk_widget_class_bind_template_child (widget_class, AdInteractionView, number_label);
  gtk_widget_class_bind_template_child (widget_class, AdInteractionView, status_label);
  gtk_widget_class_bind_template_child (widget_class, AdInteractionView, action_bar);
  gtk_widget_class_bind_template_child (widget_class, AdInteractionView, parties_list);
  gtk_widget_class_bind_template_child (widget_class, AdInteractionView, data_list);
  gtk_widget_class_bind_template_child (widget_class, AdInteractionView, add_data_list);
  gtk_widget_class_bind_template_child (widget_class, AdInteractionView, new_key_row);
  gtk_widget_class_bind_template_child (widget_class, AdInteractionView, new_value_row);
  gtk_widget_class_bind_template_child (widget_class, AdInteractionView, disposition_row);
  gtk_widget_class_bind_template_child (widget_class, AdInteractionView, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, duration_cb);
  gtk_widget_class_bind_template_callback (widget_class, or_dash_cb);
  gtk_widget_class_bind_template_callback (widget_class, call_type_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_new_value_row_apply);
}

static void
ad_interaction_view_init (AdInteractionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->signals = g_signal_group_new (AD_TYPE_INTERACTION);
  g_signal_group_connect_swapped (self->signals, "notify::status",
                                  G_CALLBACK (update_texts), self);
  g_signal_group_connect_swapped (self->signals, "notify::call-type",
                                  G_CALLBACK (update_texts), self);
  g_signal_group_connect_swapped (self->signals, "notify::ani",
                                  G_CALLBACK (update_texts), self);
  g_signal_group_connect_swapped (self->signals, "notify::phone-numbers",
                                  G_CALLBACK (update_texts), self);
  g_signal_group_connect_swapped (self->signals, "notify::attached-data",
                                  G_CALLBACK (update_attached_data), self);
  g_signal_group_connect_swapped (self->signals, "notify::attached-data",
                                  G_CALLBACK (update_texts), self);
  g_signal_group_connect_swapped (self->signals, "notify::actions-possible",
                                  G_CALLBACK (update_editable), self);
  update_editable (self);
}
