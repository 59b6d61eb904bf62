/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdWallboardHost"

#include "config.h"

#include <libsecret/secret.h>

#include "ad-sign-in-page.h"
#include "ad-switch-server.h"
#include "ad-wallboard-host.h"
#include "ad-wallboard-sign-in.h"
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
  GtkWidget       *window;   /* weak: the board's, or the sign-in's */
};

G_DEFINE_FINAL_TYPE (AdWallboardHost, ad_wallboard_host, G_TYPE_OBJECT)

static void show_sign_in (AdWallboardHost *self,
                          const GError    *error);

/* The application owns the windows: each goes when it is closed. One at a
 * time: the one shown replaces the other. */
static void
show_window (AdWallboardHost *self,
             GtkWidget       *window)
{
  GtkWidget *old = self->window;

  g_set_weak_pointer (&self->window, window);
  gtk_window_present (GTK_WINDOW (window));
  if (old != NULL)
    gtk_window_destroy (GTK_WINDOW (old));
}

static void
drop_board (AdWallboardHost *self)
{
  if (self->board == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->board, self);
  ad_wallboard_stop (self->board);
  g_clear_object (&self->board);
}

/* The switch refused the remembered credentials: ask for others. */
static void
on_board_refused (AdWallboard     *board,
                  const GError    *error,
                  AdWallboardHost *self)
{
  show_sign_in (self, error);
}

/* Shows @board, which has been started. */
static void
show_board (AdWallboardHost *self,
            AdWallboard     *board)
{
  drop_board (self);
  self->board = g_object_ref (board);
  g_signal_connect_object (board, "refused", G_CALLBACK (on_board_refused), self, 0);
  show_window (self, ad_wallboard_window_new (self->application, self->board, self->settings));
}

static void
on_signed_in (AdWallboardSignIn *sign_in,
              AdWallboard       *board,
              AdWallboardHost   *self)
{
  show_board (self, board);
}

static void
show_sign_in (AdWallboardHost *self,
              const GError    *error)
{
  GtkWidget *sign_in = ad_wallboard_sign_in_new (self->application, self->settings);

  drop_board (self);
  g_signal_connect_object (sign_in, "signed-in", G_CALLBACK (on_signed_in), self, 0);
  if (error != NULL)
    ad_wallboard_sign_in_show_error (AD_WALLBOARD_SIGN_IN (sign_in), error);
  show_window (self, sign_in);
}

static void
start_board (AdWallboardHost *self,
             const char      *base_url,
             const char      *username,
             const char      *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AdClient) client = ad_sign_in_page_new_client (self->settings, base_url, &error);
  g_autoptr(AdWallboard) board = NULL;

  if (client == NULL)
    {
      /* The center's certificate authority cannot be read. */
      show_sign_in (self, error);
      return;
    }

  board = ad_wallboard_new (client, username, password);
  /* Shown at once, with its banner while it signs in; a switch out of
   * reach is tried again (a wall display may start before the network). */
  ad_wallboard_start (board);
  show_board (self, board);
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
  if (error != NULL)
    g_debug ("No password from the keyring: %s", error->message);

  if (password != NULL)
    start_board (self, server_url, username, password);
  else
    show_sign_in (self, NULL);
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
  if (*username == '\0')
    {
      show_sign_in (self, NULL);
      return;
    }
  secret_password_lookup (ad_sign_in_page_get_secret_schema (), self->cancellable,
                          on_password_found, g_object_ref (self),
                          "server", server_url,
                          "username", username,
                          NULL);
}

GtkWidget *
ad_wallboard_host_get_window (AdWallboardHost *self)
{
  g_return_val_if_fail (AD_IS_WALLBOARD_HOST (self), NULL);

  return self->window;
}

static void
ad_wallboard_host_dispose (GObject *object)
{
  AdWallboardHost *self = AD_WALLBOARD_HOST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  drop_board (self);
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
