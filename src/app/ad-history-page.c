/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdHistoryPage"

#include "config.h"

#include "ad-format.h"
#include "ad-history-page.h"

#include <glib/gi18n.h>

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _AdHistoryPage
{
  AdwBin        parent_instance;

  AdSession    *session;
  GCancellable *cancellable;

  GtkStack     *stack;
  GtkListBox   *list;
};

G_DEFINE_FINAL_TYPE (AdHistoryPage, ad_history_page, ADW_TYPE_BIN)

static char *
format_start (GDateTime *started_at)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (started_at == NULL)
    return g_strdup (_("Unknown time"));

  local = g_date_time_to_local (started_at);
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: the start of a call today, see g_date_time_format() */
    return g_date_time_format (local, _("Today %H:%M"));
  /* Translators: the start of an earlier call, see g_date_time_format() */
  return g_date_time_format (local, _("%x %H:%M"));
}

/* Who the call was with: the caller of an inbound call, the dialed number
 * otherwise, with the customer's name when the call carried one. */
static char *
format_peer (AdHistoryRecord *record)
{
  const char *number = ad_history_record_get_call_type (record) == AD_CALL_TYPE_INBOUND
                         ? ad_history_record_get_ani (record)
                         : ad_history_record_get_dnis (record);
  GHashTable *data = ad_history_record_get_attached_data (record);
  const char *name = data ? g_hash_table_lookup (data, "CustomerName") : NULL;

  if (number == NULL)
    number = _("Unknown number");
  if (name != NULL && name[0] != '\0')
    /* Translators: a customer's name, then the number */
    return g_strdup_printf (_("%s (%s)"), name, number);
  return g_strdup (number);
}

static const char *
call_type_icon (AdCallType type)
{
  switch (type)
    {
    case AD_CALL_TYPE_INBOUND:
      return "call-incoming-symbolic";
    case AD_CALL_TYPE_OUTBOUND:
      return "call-outgoing-symbolic";
    default:
      return "system-users-symbolic";
    }
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  AdHistoryPage *self = user_data;
  AdHistoryRecord *record = item;
  AdCallType type = ad_history_record_get_call_type (record);
  const char *disposition = ad_history_record_get_disposition (record);
  const char *notes = ad_history_record_get_notes (record);
  g_autofree char *peer = format_peer (record);
  g_autofree char *start = format_start (ad_history_record_get_started_at (record));
  guint seconds = ad_history_record_get_duration (record);
  g_autofree char *duration = ad_format_duration (seconds);
  g_autofree char *spoken = ad_format_duration_spoken (seconds);
  /* Translators: how a screen reader names the length of a call, e.g.
   * "Duration: 2 minutes, 5 seconds" */
  g_autofree char *duration_label = g_strdup_printf (_("Duration: %s"), spoken);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (call_type_icon (type));
  GtkWidget *time = gtk_label_new (duration);

  /* Customer data is text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), peer);

  g_string_append_printf (subtitle, "%s · %s", ad_format_call_type (type), start);
  if (disposition != NULL && disposition[0] != '\0')
    g_string_append_printf (subtitle, " · %s",
                            ad_format_code_label (self->session ? ad_session_get_dispositions (self->session) : NULL,
                                                  disposition));
  if (notes != NULL && notes[0] != '\0')
    g_string_append_printf (subtitle, "\n%s", notes);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, ad_format_call_type (type),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (time, "numeric");
  gtk_widget_add_css_class (time, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (time),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, duration_label,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), time);
  return row;
}

static void
update_page (AdHistoryPage *self)
{
  GListModel *history = self->session ? ad_session_get_history (self->session) : NULL;

  gtk_stack_set_visible_child_name (self->stack,
                                    history && g_list_model_get_n_items (history) > 0
                                      ? "records" : "empty");
}

static void
on_history_refreshed (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The page keeps what it showed: the next refresh may do better. */
  if (!ad_session_finish (AD_SESSION (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No history: %s", error->message);
}

static void
refresh (AdHistoryPage *self)
{
  if (self->session == NULL || ad_session_get_agent (self->session) == NULL)
    return;
  ad_session_refresh_history_async (self->session, 0, self->cancellable,
                                    on_history_refreshed, NULL);
}

static void
on_interaction_removed (AdSession     *session,
                        AdInteraction *interaction,
                        AdHistoryPage *self)
{
  refresh (self);
}

GtkWidget *
ad_history_page_new (void)
{
  return g_object_new (AD_TYPE_HISTORY_PAGE, NULL);
}

AdSession *
ad_history_page_get_session (AdHistoryPage *self)
{
  g_return_val_if_fail (AD_IS_HISTORY_PAGE (self), NULL);

  return self->session;
}

void
ad_history_page_set_session (AdHistoryPage *self,
                             AdSession     *session)
{
  g_return_if_fail (AD_IS_HISTORY_PAGE (self));
  g_return_if_fail (!session || AD_IS_SESSION (session));

  if (self->session == session)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (ad_session_get_history (self->session), self);
    }
  g_set_object (&self->session, session);

  if (session != NULL)
    {
      g_signal_connect_object (session, "interaction-removed",
                               G_CALLBACK (on_interaction_removed), self, 0);
      g_signal_connect_object (ad_session_get_history (session), "items-changed",
                               G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
    }
  gtk_list_box_bind_model (self->list, session ? ad_session_get_history (session) : NULL,
                           session ? create_row : NULL, self, NULL);
  update_page (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
ad_history_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ad_history_page_parent_class)->map (widget);

  refresh (AD_HISTORY_PAGE (widget));
}

static void
ad_history_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AdHistoryPage *self = AD_HISTORY_PAGE (object);

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
ad_history_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AdHistoryPage *self = AD_HISTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      ad_history_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_history_page_dispose (GObject *object)
{
  AdHistoryPage *self = AD_HISTORY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ad_history_page_parent_class)->dispose (object);
}

static void
ad_history_page_finalize (GObject *object)
{
  AdHistoryPage *self = AD_HISTORY_PAGE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ad_history_page_parent_class)->finalize (object);
}

static void
ad_history_page_class_init (AdHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ad_history_page_get_property;
  object_class->set_property = ad_history_page_set_property;
  object_class->dispose = ad_history_page_dispose;
  object_class->finalize = ad_history_page_finalize;
  widget_class->map = ad_history_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, AD_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/agentdesk/AgentDesk/ad-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AdHistoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AdHistoryPage, list);
}

static void
ad_history_page_init (AdHistoryPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
