/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "AdPreferencesWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "ad-preferences-window.h"
#include "ad-sign-in-errors.h"
#include "ad-sign-in-page.h"

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

struct _AdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *server_row;
  AdwActionRow         *ca_file_row;
  AdwComboRow          *color_scheme_row;
  GtkSwitch            *simulation_switch;
  GtkSpinButton        *interval_button;

  GSettings            *settings;
  GtkFileChooserNative *ca_file_chooser;  /* while choosing */
};

G_DEFINE_FINAL_TYPE (AdPreferencesWindow, ad_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static GParamSpec *properties[N_PROPS];

/* The combo row's positions, in the order of the schema's enum. */
static const char * const color_schemes[] = { "follow", "light", "dark" };

static gboolean
color_scheme_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    {
      if (g_str_equal (nick, color_schemes[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }
  return FALSE;
}

static GVariant *
color_scheme_set_mapping (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (color_schemes))
    return NULL;
  return g_variant_new_string (color_schemes[position]);
}

static void
update_ca_file_row (AdPreferencesWindow *self)
{
  g_autofree char *ca_file = g_settings_get_string (self->settings, "tls-ca-file");
  g_autofree char *shown = NULL;

  if (*ca_file == '\0')
    shown = g_strdup (_("The system’s. Choose a PEM file if your contact center has its own."));
  else
    shown = g_filename_display_name (ca_file);
  adw_action_row_set_subtitle (self->ca_file_row, shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ca-file.clear", *ca_file != '\0');
}

static void
show_error (AdPreferencesWindow *self,
            const char          *message)
{
  /* Toast titles are markup; file names and GIO's messages are text. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* Keeps @file as the certificate authorities to trust, once it is known to
 * hold some: a wrong file would only show at the next sign-in. */
static void
use_ca_file (AdPreferencesWindow *self,
             GFile               *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GTlsDatabase) tls_database = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    {
      show_error (self, _("Choose a file on this computer."));
      return;
    }

  tls_database = ad_sign_in_page_load_ca_file (path, &error);
  if (tls_database == NULL)
    {
      g_autofree char *message = ad_sign_in_describe_ca_file_error (error);

      show_error (self, message);
      return;
    }

  g_settings_set_string (self->settings, "tls-ca-file", path);
}

static void
on_ca_file_chooser_response (GtkNativeDialog     *chooser,
                             int                  response,
                             AdPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        use_ca_file (self, file);
    }
  g_clear_object (&self->ca_file_chooser);
}

static void
choose_ca_file (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AdPreferencesWindow *self = AD_PREFERENCES_WINDOW (widget);
  g_autofree char *ca_file = g_settings_get_string (self->settings, "tls-ca-file");
  g_autoptr(GtkFileFilter) pem_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  if (self->ca_file_chooser != NULL)
    return;

  self->ca_file_chooser = gtk_file_chooser_native_new (_("Certificate Authorities"),
                                                       GTK_WINDOW (self),
                                                       GTK_FILE_CHOOSER_ACTION_OPEN,
                                                       NULL, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->ca_file_chooser), TRUE);

  gtk_file_filter_set_name (pem_filter, _("PEM Certificates"));
  gtk_file_filter_add_pattern (pem_filter, "*.pem");
  gtk_file_filter_add_pattern (pem_filter, "*.crt");
  gtk_file_filter_add_mime_type (pem_filter, "application/x-x509-ca-cert");
  gtk_file_filter_set_name (all_filter, _("All Files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->ca_file_chooser), pem_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->ca_file_chooser), all_filter);

  /* Opens where the file in use is. */
  if (*ca_file != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (ca_file);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->ca_file_chooser), file, NULL);
    }

  g_signal_connect_object (self->ca_file_chooser, "response",
                           G_CALLBACK (on_ca_file_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->ca_file_chooser));
}

static void
clear_ca_file (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AdPreferencesWindow *self = AD_PREFERENCES_WINDOW (widget);

  g_settings_reset (self->settings, "tls-ca-file");
}

AdPreferencesWindow *
ad_preferences_window_new (GSettings *settings)
{
  return g_object_new (AD_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}

static void
ad_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AdPreferencesWindow *self = AD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_preferences_window_constructed (GObject *object)
{
  AdPreferencesWindow *self = AD_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (ad_preferences_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "server-url", self->server_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::tls-ca-file",
                           G_CALLBACK (update_ca_file_row), self, G_CONNECT_SWAPPED);
  update_ca_file_row (self);
  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->color_scheme_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                color_scheme_get_mapping, color_scheme_set_mapping, NULL, NULL);
  g_settings_bind (self->settings, "demo-simulation", self->simulation_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "demo-call-interval-seconds",
                   gtk_spin_button_get_adjustment (self->interval_button), "value",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
ad_preferences_window_dispose (GObject *object)
{
  AdPreferencesWindow *self = AD_PREFERENCES_WINDOW (object);

  if (self->ca_file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->ca_file_chooser));
  g_clear_object (&self->ca_file_chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), AD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ad_preferences_window_parent_class)->dispose (object);
}

static void
ad_preferences_window_class_init (AdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = ad_preferences_window_set_property;
  object_class->constructed = ad_preferences_window_constructed;
  object_class->dispose = ad_preferences_window_dispose;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/agentdesk/AgentDesk/ad-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AdPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, AdPreferencesWindow, ca_file_row);
  gtk_widget_class_bind_template_child (widget_class, AdPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, AdPreferencesWindow, simulation_switch);
  gtk_widget_class_bind_template_child (widget_class, AdPreferencesWindow, interval_button);

  gtk_widget_class_install_action (widget_class, "ca-file.choose", NULL, choose_ca_file);
  gtk_widget_class_install_action (widget_class, "ca-file.clear", NULL, clear_ca_file);
}

static void
ad_preferences_window_init (AdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
