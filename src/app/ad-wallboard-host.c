/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdWallboardHost"

#include "config.h"

#include <libsecret/secret.h>

#include "ad-sign-in-page.h"
#include "ad-switch-server.h"
#include "ad-wallboard-host.h"
#include "ad-wallboard-window.h"

struct _AdWallboardHost
{
  GObject          parent_instance;

  GtkApplication  *application;
  GSettings       *settings;
  guint            demo_agents;
  GCancellable    *cancellable;

  AdSwitchServer  *server;   /* demo mode's */
  AdWallboard     *board;
  GtkWidget       *window;   /* weak */
};

G_DEFINE_FINAL_TYPE (AdWallboardHost, ad_wallboard_host, G_TYPE_OBJECT)

static void
start_board (AdWallboardHost *self,
             const char      *base_url,
             const char      *username,
             const char      *password)
{
  g_autoptr(AdClient) client = ad_client_new (base_url);

  self->board = ad_wallboard_new (client, username, password);
  /* The application owns the window; it goes when it is closed. */
  g_set_weak_pointer (&self->window,
                      ad_wallboard_window_new (self->application, self->board, self->settings));
  gtk_window_present (GTK_WINDOW (self->window));
  ad_wallboard_start (self->board);
}

static void
on_password_found (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AdWallboardHost) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *server_url = g_settings_get_string (self->settings, "server-url");
  g_autofree char *username = g_settings_get_string (self->settings, "username");
  char *password = secret_password_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Without a password the board still opens, and its banner says why
   * it is not live. */
  if (password == NULL)
    g_warning ("No password of %s for %s in the keyring%s%s: sign in once with Agent Desk "
               "and let it remember the password", username, server_url,
               error != NULL ? ": " : "", error != NULL ? error->message : "");

  start_board (self, server_url, username, password != NULL ? password : "");
  if (password != NULL)
    secret_password_free (password);
}

static void
start_demo (AdWallboardHost *self)
{
  g_autoptr(GError) error = NULL;
  AdSwitchOptions options;

  ad_switch_options_init (&options);
  options.demo_agents = self->demo_agents;
  self->server = ad_switch_server_new (&options, &error);
  if (self->server == NULL || !ad_switch_server_listen (self->server, "127.0.0.1", 0, &error))
    {
      g_warning ("The demo contact center did not start: %s", error->message);
      return;
    }

  start_board (self, ad_switch_server_get_base_url (self->server), "supervisor", "demo");
}

AdWallboardHost *
ad_wallboard_host_new (GtkApplication *application,
                       GSettings      *settings,
                       guint           demo_agents)
{
  AdWallboardHost *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (AD_TYPE_WALLBOARD_HOST, NULL);
  self->application = g_object_ref (application);
  self->settings = g_object_ref (settings);
  self->demo_agents = demo_agents;
  return self;
}

void
ad_wallboard_host_present (AdWallboardHost *self)
{
  g_autofree char *server_url = NULL;
  g_autofree char *username = NULL;

  g_return_if_fail (AD_IS_WALLBOARD_HOST (self));

  if (self->window != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->window));
      return;
    }
  if (self->cancellable != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  if (self->demo_agents > 0)
    {
      start_demo (self);
      return;
    }

  server_url = g_settings_get_string (self->settings, "server-url");
  username = g_settings_get_string (self->settings, "username");
  secret_password_lookup (ad_sign_in_page_get_secret_schema (), self->cancellable,
                          on_password_found, g_object_ref (self),
                          "server", server_url,
                          "username", username,
                          NULL);
}

static void
ad_wallboard_host_dispose (GObject *object)
{
  AdWallboardHost *self = AD_WALLBOARD_HOST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->board != NULL)
    ad_wallboard_stop (self->board);
  g_clear_object (&self->board);
  if (self->server != NULL)
    ad_switch_server_shutdown (self->server);
  g_clear_object (&self->server);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->settings);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (ad_wallboard_host_parent_class)->dispose (object);
}

static void
ad_wallboard_host_class_init (AdWallboardHostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ad_wallboard_host_dispose;
}

static void
ad_wallboard_host_init (AdWallboardHost *self)
{
}
