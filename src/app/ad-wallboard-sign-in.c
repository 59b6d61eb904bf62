/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdWallboardSignIn"

#include "config.h"

#include <glib/gi18n.h>

#include "ad-sign-in-errors.h"
#include "ad-sign-in-form.h"
#include "ad-wallboard-sign-in.h"

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_BUSY,
  PROP_REMEMBER,
  PROP_ERROR,
  N_PROPS
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

struct _AdWallboardSignIn
{
  AdwApplicationWindow  parent_instance;

  AdwEntryRow          *server_row;
  AdwEntryRow          *username_row;
  AdwEntryRow          *password_row;
  GtkSwitch            *remember_switch;
  GtkLabel             *error_label;
  GtkWidget            *sign_in_button;
  GtkSpinner           *spinner;

  GSettings            *settings;
  GCancellable         *cancellable;
  AdWallboard          *board;       /* signing in, while busy */
  char                 *server_url;  /* of the attempt */
  char                 *password;    /* of the attempt, while busy */
  char                 *error;
  gboolean              remember;
};

G_DEFINE_FINAL_TYPE (AdWallboardSignIn, ad_wallboard_sign_in, ADW_TYPE_APPLICATION_WINDOW)

static void
set_error_text (AdWallboardSignIn *self,
                const char        *error)
{
  if (g_strcmp0 (self->error, error) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (error);
  ad_sign_in_form_show_error (self->error_label, error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* Busy while @board signs in; NULL when it is done. */
static void
set_board (AdWallboardSignIn *self,
           AdWallboard       *board)
{
  gboolean busy = board != NULL;

  if ((self->board != NULL) == busy)
    return;

  g_set_object (&self->board, board);
  if (!busy)
    g_clear_pointer (&self->password, g_free);
  ad_sign_in_form_show_busy (self->sign_in_button, self->spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* What went wrong, in words that say what to fix. */
static char *
describe_error (const GError *error,
                const char   *server_url)
{
  if (g_error_matches (error, AD_ERROR, AD_ERROR_FORBIDDEN))
    return g_strdup (_("This account is not a supervisor’s. The wallboard shows the whole center "
                       "to supervisors only: sign in with a supervisor account."));
  return ad_sign_in_describe_error (error, server_url);
}

static void
on_board_started (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AdWallboardSignIn) self = user_data;
  g_autoptr(AdWallboard) board = g_object_ref (AD_WALLBOARD (source));
  g_autoptr(GError) error = NULL;
  g_autofree char *username = NULL;

  if (!ad_wallboard_start_finish (board, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Signing the board in to %s failed: %s", self->server_url, error->message);
      set_board (self, NULL);
      ad_wallboard_sign_in_show_error (self, error);
      return;
    }

  g_object_get (board, "username", &username, NULL);
  ad_sign_in_form_remember (self->settings, self->remember, self->server_url, username,
                            self->password);
  set_board (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_signal_emit (self, signals[SIGNED_IN], 0, board);
}

static void
on_row_activated (AdWallboardSignIn *self)
{
  ad_wallboard_sign_in_submit (self);
}

GtkWidget *
ad_wallboard_sign_in_new (GtkApplication *application,
                          GSettings      *settings)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (AD_TYPE_WALLBOARD_SIGN_IN,
                       "application", application,
                       "settings", settings,
                       NULL);
}

void
ad_wallboard_sign_in_fill (AdWallboardSignIn *self,
                           const char        *server_url,
                           const char        *username,
                           const char        *password)
{
  g_return_if_fail (AD_IS_WALLBOARD_SIGN_IN (self));

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server_url != NULL ? server_url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username != NULL ? username : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password != NULL ? password : "");
}

void
ad_wallboard_sign_in_submit (AdWallboardSignIn *self)
{
  g_autoptr(AdClient) client = NULL;
  g_autoptr(AdWallboard) board = NULL;
  g_autofree char *server_url = NULL;
  g_autofree char *message = NULL;
  const char *username;

  g_return_if_fail (AD_IS_WALLBOARD_SIGN_IN (self));

  if (self->board != NULL)
    return;

  username = gtk_editable_get_text (GTK_EDITABLE (self->username_row));
  client = ad_sign_in_form_new_client (self->settings,
                                       gtk_editable_get_text (GTK_EDITABLE (self->server_row)),
                                       username, &server_url, &message);
  if (client == NULL)
    {
      set_error_text (self, message);
      return;
    }

  g_free (self->server_url);
  self->server_url = g_steal_pointer (&server_url);
  set_error_text (self, NULL);
  board = ad_wallboard_new (client, username,
                            gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  set_board (self, board);
  self->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  ad_wallboard_start_async (board, self->cancellable, on_board_started, g_object_ref (self));
}

void
ad_wallboard_sign_in_show_error (AdWallboardSignIn *self,
                                 const GError      *error)
{
  g_autofree char *message = NULL;

  g_return_if_fail (AD_IS_WALLBOARD_SIGN_IN (self));
  g_return_if_fail (error != NULL);

  message = describe_error (error, self->server_url != NULL
                                   ? self->server_url
                                   : gtk_editable_get_text (GTK_EDITABLE (self->server_row)));
  set_error_text (self, message);
}

gboolean
ad_wallboard_sign_in_get_busy (AdWallboardSignIn *self)
{
  g_return_val_if_fail (AD_IS_WALLBOARD_SIGN_IN (self), FALSE);

  return self->board != NULL;
}

gboolean
ad_wallboard_sign_in_get_remember (AdWallboardSignIn *self)
{
  g_return_val_if_fail (AD_IS_WALLBOARD_SIGN_IN (self), FALSE);

  return self->remember;
}

void
ad_wallboard_sign_in_set_remember (AdWallboardSignIn *self,
                                   gboolean           remember)
{
  g_return_if_fail (AD_IS_WALLBOARD_SIGN_IN (self));

  remember = !!remember;
  if (self->remember == remember)
    return;

  self->remember = remember;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMEMBER]);
}

const char *
ad_wallboard_sign_in_get_error (AdWallboardSignIn *self)
{
  g_return_val_if_fail (AD_IS_WALLBOARD_SIGN_IN (self), NULL);

  return self->error;
}

static void
ad_wallboard_sign_in_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AdWallboardSignIn *self = AD_WALLBOARD_SIGN_IN (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->board != NULL);
      break;
    case PROP_REMEMBER:
      g_value_set_boolean (value, self->remember);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_wallboard_sign_in_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AdWallboardSignIn *self = AD_WALLBOARD_SIGN_IN (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_REMEMBER:
      ad_wallboard_sign_in_set_remember (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_wallboard_sign_in_constructed (GObject *object)
{
  AdWallboardSignIn *self = AD_WALLBOARD_SIGN_IN (object);
  g_autofree char *server_url = NULL;
  g_autofree char *username = NULL;

  G_OBJECT_CLASS (ad_wallboard_sign_in_parent_class)->constructed (object);

  g_return_if_fail (self->settings != NULL);

  /* Like the board it opens: read from afar, in any room light. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  server_url = g_settings_get_string (self->settings, "server-url");
  username = g_settings_get_string (self->settings, "username");
  ad_wallboard_sign_in_fill (self, server_url, username, NULL);
  if (g_settings_get_boolean (self->settings, "wallboard-fullscreen"))
    gtk_window_fullscreen (GTK_WINDOW (self));
}

static void
ad_wallboard_sign_in_dispose (GObject *object)
{
  AdWallboardSignIn *self = AD_WALLBOARD_SIGN_IN (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->board != NULL)
    ad_wallboard_stop (self->board);
  g_clear_object (&self->board);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), AD_TYPE_WALLBOARD_SIGN_IN);

  G_OBJECT_CLASS (ad_wallboard_sign_in_parent_class)->dispose (object);
}

static void
ad_wallboard_sign_in_finalize (GObject *object)
{
  AdWallboardSignIn *self = AD_WALLBOARD_SIGN_IN (object);

  g_free (self->server_url);
  g_free (self->password);
  g_free (self->error);

  G_OBJECT_CLASS (ad_wallboard_sign_in_parent_class)->finalize (object);
}

static void
ad_wallboard_sign_in_class_init (AdWallboardSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ad_wallboard_sign_in_get_property;
  object_class->set_property = ad_wallboard_sign_in_set_property;
  object_class->constructed = ad_wallboard_sign_in_constructed;
  object_class->dispose = ad_wallboard_sign_in_dispose;
  object_class->finalize = ad_wallboard_sign_in_finalize;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMEMBER] =
    g_param_spec_boolean ("remember", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, AD_TYPE_WALLBOARD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/agentdesk/AgentDesk/ad-wallboard-sign-in.ui");
  gtk_widget_class_bind_template_child (widget_class, AdWallboardSignIn, server_row);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardSignIn, username_row);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardSignIn, password_row);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardSignIn, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardSignIn, error_label);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardSignIn, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardSignIn, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, ad_wallboard_sign_in_submit);
}

static void
ad_wallboard_sign_in_init (AdWallboardSignIn *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->remember = TRUE;
  self->cancellable = g_cancellable_new ();
  g_object_bind_property (self, "remember", self->remember_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}
