/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "AdPreferencesWindow"

#include "config.h"

#include "ad-preferences-window.h"

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

struct _AdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *server_row;
  AdwComboRow          *color_scheme_row;
  GtkSwitch            *simulation_switch;
  GtkSpinButton        *interval_button;

  GSettings            *settings;
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
  gtk_widget_class_bind_template_child (widget_class, AdPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, AdPreferencesWindow, simulation_switch);
  gtk_widget_class_bind_template_child (widget_class, AdPreferencesWindow, interval_button);
}

static void
ad_preferences_window_init (AdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
