/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "AdApplication"

#include "config.h"

#include <glib/gi18n.h>

#include "ad-application.h"
#include "ad-demo.h"
#include "ad-preferences-window.h"
#include "ad-wallboard-host.h"
#include "ad-window.h"

struct _AdApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  GCancellable   *cancellable;
  AdDemo         *demo_center;  /* with --demo, once the first window is up */
  gboolean        demo;
  gboolean        wallboard_mode;  /* --wallboard */
  int             demo_agents;     /* --demo-agents, 0: the default */
  AdWallboardHost *wallboard;
};

G_DEFINE_FINAL_TYPE (AdApplication, ad_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Start a demo contact center inside the application and sign in to it"), NULL },
  { "wallboard", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the supervisor’s wallboard of the whole center, full screen"), NULL },
  { "demo-agents", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, NULL,
    N_("With --wallboard --demo, the agents of the demo center (default 200)"), N_("N") },
  { NULL }
};

/* Accelerators of the window's actions, also listed in gtk/help-overlay.ui.
 * Hold and retrieve (mute on and off) share one: only the enabled one of
 * the pair fires. */
static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "win.answer", { "<Control>Return", "<Control>KP_Enter", NULL } },
  { "win.release", { "<Control><Shift>e", NULL } },
  { "win.hold", { "<Control>h", NULL } },
  { "win.retrieve", { "<Control>h", NULL } },
  { "win.mute-on", { "<Control>m", NULL } },
  { "win.mute-off", { "<Control>m", NULL } },
  { "win.transfer", { "<Control>t", NULL } },
  { "win.conference", { "<Control><Shift>c", NULL } },
  { "win.send-dtmf", { "<Control>d", NULL } },
  { "win.mark-done", { "<Control><Shift>d", NULL } },
  { "win.new-call", { "<Control>n", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.quit", { "<Control>q", NULL } },
};

static int
color_scheme_from_nick (const char *nick)
{
  if (g_strcmp0 (nick, "light") == 0)
    return ADW_COLOR_SCHEME_FORCE_LIGHT;
  if (g_strcmp0 (nick, "dark") == 0)
    return ADW_COLOR_SCHEME_FORCE_DARK;
  return ADW_COLOR_SCHEME_DEFAULT;
}

static gboolean
color_scheme_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  g_value_set_enum (value, color_scheme_from_nick (g_variant_get_string (variant, NULL)));
  return TRUE;
}

static AdWindow *
get_window (AdApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (AD_IS_WINDOW (window))
    return AD_WINDOW (window);
  return NULL;
}

static void
on_quit_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing the windows signs out of the switch where there is a session. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (windows->data);
      windows = next;
    }
}

static void
on_preferences_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  AdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdPreferencesWindow *preferences = ad_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
on_about_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  static const char *developers[] = { "Agent Desk contributors", NULL };
  AdApplication *self = user_data;

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Agent Desk"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("The desktop of contact center agents"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
on_demo_ready_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AdWindow) window = user_data;
  g_autoptr(GError) error = NULL;

  if (!ad_session_finish (AD_SESSION (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ad_window_show_error (window, error);
}

/* In demo mode the agent starts the day Ready, so the simulated callers
 * get through at once. */
static void
on_demo_window_session_changed (AdWindow   *window,
                                GParamSpec *pspec,
                                gpointer    user_data)
{
  AdSession *session = ad_window_get_session (window);

  if (session == NULL)
    return;

  g_signal_handlers_disconnect_by_func (window, on_demo_window_session_changed, user_data);
  ad_session_ready_async (session, NULL, on_demo_ready_done, g_object_ref (window));
}

static void
on_demo_started (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AdApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  AdWindow *window;
  AdSignInPage *page;

  if (!ad_demo_start_finish (AD_DEMO (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("The demo contact center did not start: %s", error->message);
      if ((window = get_window (self)) != NULL)
        ad_window_show_error (window, error);
      return;
    }

  window = get_window (self);
  if (window == NULL)
    return;

  /* The demo's own credentials are not the agent's: not remembered. */
  page = ad_window_get_sign_in_page (window);
  ad_sign_in_page_set_remember (page, FALSE);
  ad_sign_in_page_fill (page, ad_demo_get_base_url (AD_DEMO (source)),
                        "agent1", "demo", "place1001");
  g_signal_connect (window, "notify::session",
                    G_CALLBACK (on_demo_window_session_changed), NULL);
  ad_sign_in_page_submit (page);
}

static void
start_demo (AdApplication *self)
{
  self->demo_center = ad_demo_new ();
  g_settings_bind (self->settings, "demo-simulation",
                   self->demo_center, "simulation-enabled", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "demo-call-interval-seconds",
                   self->demo_center, "call-interval-seconds", G_SETTINGS_BIND_GET);
  ad_demo_start_async (self->demo_center, self->cancellable, on_demo_started,
                       g_object_ref (self));
}

/* The Answer button of a ringing call's notification. */
static void
on_answer_interaction_activated (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  AdApplication *self = user_data;
  const char *interaction_id = g_variant_get_string (parameter, NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (AD_IS_WINDOW (l->data) && ad_window_answer_interaction (l->data, interaction_id))
        return;
    }
  g_debug ("No window has interaction %s any more", interaction_id);
}

/* A click on a ringing call's notification shows that call. */
static void
on_show_interaction_activated (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  AdApplication *self = user_data;
  const char *interaction_id = g_variant_get_string (parameter, NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (AD_IS_WINDOW (l->data) && ad_window_show_interaction (l->data, interaction_id))
        return;
    }
  g_debug ("No window has interaction %s any more", interaction_id);
}

static const GActionEntry app_entries[] = {
  { "quit", on_quit_activated },
  { "preferences", on_preferences_activated },
  { "about", on_about_activated },
  { "answer-interaction", on_answer_interaction_activated, "s" },
  { "show-interaction", on_show_interaction_activated, "s" },
};

AdApplication *
ad_application_new (GApplicationFlags flags)
{
  return g_object_new (AD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", "/io/github/agentdesk/AgentDesk",
                       NULL);
}

GSettings *
ad_application_get_settings (AdApplication *self)
{
  g_return_val_if_fail (AD_IS_APPLICATION (self), NULL);

  return self->settings;
}

gboolean
ad_application_get_demo (AdApplication *self)
{
  g_return_val_if_fail (AD_IS_APPLICATION (self), FALSE);

  return self->demo;
}

static int
ad_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  AdApplication *self = AD_APPLICATION (application);

  if (g_variant_dict_contains (options, "demo"))
    self->demo = TRUE;
  if (g_variant_dict_contains (options, "wallboard"))
    self->wallboard_mode = TRUE;
  if (g_variant_dict_lookup (options, "demo-agents", "i", &self->demo_agents) &&
      (self->demo_agents < 1 || self->demo_agents > 6999))
    {
      g_printerr ("%s\n", _("--demo-agents wants 1 to 6999 agents"));
      return 2;
    }

  return G_APPLICATION_CLASS (ad_application_parent_class)->handle_local_options (application,
                                                                                  options);
}

static void
ad_application_startup (GApplication *application)
{
  AdApplication *self = AD_APPLICATION (application);
  AdwStyleManager *style_manager;

  G_APPLICATION_CLASS (ad_application_parent_class)->startup (application);

  self->settings = g_settings_new (APP_ID);
  style_manager = adw_style_manager_get_default ();
  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                style_manager, "color-scheme",
                                G_SETTINGS_BIND_GET,
                                color_scheme_get_mapping, NULL, NULL, NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}

static void
ad_application_activate (GApplication *application)
{
  AdApplication *self = AD_APPLICATION (application);
  AdWindow *window;

  if (self->wallboard_mode)
    {
      if (self->wallboard == NULL)
        self->wallboard = ad_wallboard_host_new (GTK_APPLICATION (self), self->settings,
                                                 !self->demo ? 0
                                                 : self->demo_agents > 0 ? self->demo_agents
                                                 : AD_WALLBOARD_HOST_DEMO_AGENTS);
      ad_wallboard_host_present (self->wallboard);
      return;
    }

  window = get_window (self);
  if (window == NULL)
    {
      window = ad_window_new (self);
      if (self->demo && self->demo_center == NULL)
        start_demo (self);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
ad_application_dispose (GObject *object)
{
  AdApplication *self = AD_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->demo_center);
  g_clear_object (&self->wallboard);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ad_application_parent_class)->dispose (object);
}

static void
ad_application_class_init (AdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ad_application_dispose;

  application_class->handle_local_options = ad_application_handle_local_options;
  application_class->startup = ad_application_startup;
  application_class->activate = ad_application_activate;
}

static void
ad_application_init (AdApplication *self)
{
  self->cancellable = g_cancellable_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The desktop of contact center agents."));
}
