/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "AdSignInPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ad-sign-in-errors.h"
#include "ad-sign-in-form.h"
#include "ad-sign-in-page.h"

enum {
  PROP_0,
  PROP_BUSY,
  PROP_REMEMBER,
  PROP_ERROR,
  N_PROPS
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

struct _AdSignInPage
{
  AdwBin        parent_instance;

  AdwEntryRow  *server_row;
  AdwEntryRow  *username_row;
  AdwEntryRow  *password_row;
  AdwEntryRow  *place_row;
  GtkLabel     *error_label;
  GtkWidget    *sign_in_button;
  GtkSpinner   *spinner;

  GSettings    *settings;
  GCancellable *cancellable;
  /* What is being signed in with, while busy. */
  AdSession    *session;
  char         *server_url;
  char         *username;
  char         *password;
  char         *place_id;
  char         *error;
  gboolean      busy;
  gboolean      remember;
};

G_DEFINE_FINAL_TYPE (AdSignInPage, ad_sign_in_page, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

const SecretSchema *
ad_sign_in_page_get_secret_schema (void)
{
  static const SecretSchema schema = {
    APP_ID, SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static gboolean
set_str (char       **str,
         const char  *value)
{
  if (g_strcmp0 (*str, value) == 0)
    return FALSE;

  g_free (*str);
  *str = g_strdup (value);
  return TRUE;
}

static void
set_error (AdSignInPage *self,
           const char   *error)
{
  if (!set_str (&self->error, error))
    return;

  ad_sign_in_form_show_error (self->error_label, error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_busy (AdSignInPage *self,
          gboolean      busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  ad_sign_in_form_show_busy (self->sign_in_button, self->spinner, busy);
  if (!busy)
    {
      g_clear_object (&self->session);
      g_clear_pointer (&self->password, g_free);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* What went wrong, in words that say what to fix. @place_id is set when
 * the agent was being logged on a place. */
static char *
describe_error (AdSignInPage *self,
                const GError *error,
                const char   *place_id)
{
  if (place_id != NULL && g_error_matches (error, AD_ERROR, AD_ERROR_NOT_FOUND))
    return g_strdup_printf (_("The switch knows no place “%s”. Check the place and try again."),
                            place_id);
  if (place_id != NULL && (g_error_matches (error, AD_ERROR, AD_ERROR_FORBIDDEN) ||
                           g_error_matches (error, AD_ERROR, AD_ERROR_INVALID_AGENT_STATE)))
    return g_strdup_printf (_("The place “%s” was refused: %s"), place_id, error->message);
  return ad_sign_in_describe_error (error, self->server_url);
}

static void
fail (AdSignInPage *self,
      const GError *error,
      const char   *place_id)
{
  g_autofree char *message = describe_error (self, error, place_id);

  g_debug ("Signing in to %s failed: %s", self->server_url, error->message);
  set_error (self, message);
  set_busy (self, FALSE);
}

static void
on_password_stored (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_warning ("Could not keep the password in the keyring: %s", error->message);
}

void
ad_sign_in_page_keep_password (const char *server_url,
                               const char *username,
                               const char *password)
{
  g_autofree char *label = NULL;

  /* Translators: the keyring item's label: user name and server */
  label = g_strdup_printf (_("Agent Desk password of %s on %s"), username, server_url);
  secret_password_store (ad_sign_in_page_get_secret_schema (), SECRET_COLLECTION_DEFAULT,
                         label, password, NULL, on_password_stored, NULL,
                         "server", server_url,
                         "username", username,
                         NULL);
}

/* Kept for the next start, or (with "remember" off) a password kept
 * before forgotten. */
static void
remember_sign_in (AdSignInPage *self)
{
  ad_sign_in_form_remember (self->settings, self->remember,
                            self->server_url, self->username, self->password);
  if (self->remember)
    g_settings_set_string (self->settings, "place-id",
                           gtk_editable_get_text (GTK_EDITABLE (self->place_row)));
}

static void
on_agent_login_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AdSignInPage) self = user_data;
  g_autoptr(AdSession) session = NULL;
  g_autoptr(GError) error = NULL;

  if (!ad_session_finish (AD_SESSION (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Leave the switch signed out rather than half signed in. */
      ad_session_logout_async (AD_SESSION (source), NULL, NULL, NULL);
      fail (self, error, self->place_id);
      return;
    }

  remember_sign_in (self);

  session = g_object_ref (self->session);
  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_signal_emit (self, signals[SIGNED_IN], 0, session);
}

static void
on_login_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AdSignInPage) self = user_data;
  g_autoptr(GError) error = NULL;
  AdSession *session = AD_SESSION (source);
  AdAgent *agent;
  const char *place_id;

  if (!ad_session_finish (session, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error, NULL);
      return;
    }

  agent = ad_session_get_agent (session);
  place_id = gtk_editable_get_text (GTK_EDITABLE (self->place_row));
  if (*place_id == '\0' && agent != NULL)
    place_id = ad_agent_get_place_id (agent);
  if (place_id == NULL || *place_id == '\0')
    {
      g_autoptr(GError) no_place = g_error_new (AD_ERROR, AD_ERROR_INVALID_REQUEST,
                                                _("the switch knows no usual place of yours; enter one"));

      ad_session_logout_async (session, NULL, NULL, NULL);
      fail (self, no_place, NULL);
      return;
    }

  set_str (&self->place_id, place_id);
  ad_session_agent_login_async (session, self->place_id, self->cancellable,
                                on_agent_login_done, g_object_ref (self));
}

static void
on_password_found (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AdSignInPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_debug ("No password from the keyring: %s", error->message);
  if (password != NULL &&
      *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  if (password != NULL)
    secret_password_wipe (password);
}

static void
on_row_activated (AdSignInPage *self)
{
  ad_sign_in_page_submit (self);
}

GTlsDatabase *
ad_sign_in_page_load_ca_file (const char  *ca_file,
                              GError     **error)
{
  g_autofree char *path = NULL;
  GTlsDatabase *tls_database;

  g_return_val_if_fail (ca_file != NULL && *ca_file != '\0', NULL);

  /* GTlsFileDatabase takes absolute paths only. */
  path = g_canonicalize_filename (ca_file, NULL);
  tls_database = g_tls_file_database_new (path, error);
  if (tls_database == NULL)
    g_prefix_error (error, "%s: ", path);
  return tls_database;
}

AdClient *
ad_sign_in_page_new_client (GSettings   *settings,
                            const char  *server_url,
                            GError     **error)
{
  g_autofree char *ca_file = NULL;
  g_autoptr(GTlsDatabase) tls_database = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (server_url != NULL, NULL);

  ca_file = g_settings_get_string (settings, "tls-ca-file");
  if (*ca_file != '\0')
    {
      tls_database = ad_sign_in_page_load_ca_file (ca_file, error);
      if (tls_database == NULL)
        return NULL;
    }

  return ad_client_new_with_tls_database (server_url, tls_database);
}

void
ad_sign_in_page_fill (AdSignInPage *self,
                      const char   *server_url,
                      const char   *username,
                      const char   *password,
                      const char   *place_id)
{
  g_return_if_fail (AD_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server_url != NULL ? server_url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username != NULL ? username : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password != NULL ? password : "");
  gtk_editable_set_text (GTK_EDITABLE (self->place_row), place_id != NULL ? place_id : "");
}

void
ad_sign_in_page_submit (AdSignInPage *self)
{
  g_autofree char *server_url = NULL;
  g_autofree char *message = NULL;
  g_autoptr(AdClient) client = NULL;

  g_return_if_fail (AD_IS_SIGN_IN_PAGE (self));

  if (self->busy)
    return;

  set_str (&self->username, gtk_editable_get_text (GTK_EDITABLE (self->username_row)));
  set_str (&self->password, gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  client = ad_sign_in_form_new_client (self->settings,
                                       gtk_editable_get_text (GTK_EDITABLE (self->server_row)),
                                       self->username, &server_url, &message);
  set_str (&self->server_url, server_url);
  if (client == NULL)
    {
      set_error (self, message);
      return;
    }

  set_error (self, NULL);
  set_busy (self, TRUE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->session = g_object_new (AD_TYPE_SESSION, "client", client, NULL);
  ad_session_login_async (self->session, self->username, self->password, self->cancellable,
                          on_login_done, g_object_ref (self));
}

gboolean
ad_sign_in_page_get_busy (AdSignInPage *self)
{
  g_return_val_if_fail (AD_IS_SIGN_IN_PAGE (self), FALSE);

  return self->busy;
}

gboolean
ad_sign_in_page_get_remember (AdSignInPage *self)
{
  g_return_val_if_fail (AD_IS_SIGN_IN_PAGE (self), FALSE);

  return self->remember;
}

void
ad_sign_in_page_set_remember (AdSignInPage *self,
                              gboolean      remember)
{
  g_return_if_fail (AD_IS_SIGN_IN_PAGE (self));

  remember = !!remember;
  if (self->remember == remember)
    return;

  self->remember = remember;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMEMBER]);
}

const char *
ad_sign_in_page_get_error (AdSignInPage *self)
{
  g_return_val_if_fail (AD_IS_SIGN_IN_PAGE (self), NULL);

  return self->error;
}

static void
ad_sign_in_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AdSignInPage *self = AD_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
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
ad_sign_in_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AdSignInPage *self = AD_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_REMEMBER:
      ad_sign_in_page_set_remember (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_sign_in_page_dispose (GObject *object)
{
  AdSignInPage *self = AD_SIGN_IN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ad_sign_in_page_parent_class)->dispose (object);
}

static void
ad_sign_in_page_finalize (GObject *object)
{
  AdSignInPage *self = AD_SIGN_IN_PAGE (object);

  g_free (self->server_url);
  g_free (self->username);
  g_free (self->password);
  g_free (self->place_id);
  g_free (self->error);

  G_OBJECT_CLASS (ad_sign_in_page_parent_class)->finalize (object);
}

static void
ad_sign_in_page_class_init (AdSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ad_sign_in_page_get_property;
  object_class->set_property = ad_sign_in_page_set_property;
  object_class->dispose = ad_sign_in_page_dispose;
  object_class->finalize = ad_sign_in_page_finalize;

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
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, AD_TYPE_SESSION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/agentdesk/AgentDesk/ad-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AdSignInPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, AdSignInPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, AdSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, AdSignInPage, place_row);
  gtk_widget_class_bind_template_child (widget_class, AdSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, AdSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, AdSignInPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, ad_sign_in_page_submit);
}

static void
ad_sign_in_page_init (AdSignInPage *self)
{
  g_autofree char *server_url = NULL;
  g_autofree char *username = NULL;
  g_autofree char *place_id = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->remember = TRUE;
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);

  server_url = g_settings_get_string (self->settings, "server-url");
  username = g_settings_get_string (self->settings, "username");
  place_id = g_settings_get_string (self->settings, "place-id");
  ad_sign_in_page_fill (self, server_url, username, NULL, place_id);

  if (*server_url != '\0' && *username != '\0')
    secret_password_lookup (ad_sign_in_page_get_secret_schema (), self->cancellable,
                            on_password_found, g_object_ref (self),
                            "server", server_url,
                            "username", username,
                            NULL);
}
