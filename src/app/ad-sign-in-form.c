/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdSignInForm"

#include "config.h"

#include <libsecret/secret.h>

#include "ad-sign-in-errors.h"
#include "ad-sign-in-form.h"
#include "ad-sign-in-page.h"

void
ad_sign_in_form_show_error (GtkLabel   *label,
                            const char *message)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

void
ad_sign_in_form_show_busy (GtkWidget  *sign_in_button,
                           GtkSpinner *spinner,
                           gboolean    busy)
{
  g_return_if_fail (GTK_IS_WIDGET (sign_in_button));
  g_return_if_fail (GTK_IS_SPINNER (spinner));

  gtk_widget_set_sensitive (sign_in_button, !busy);
  gtk_widget_set_visible (GTK_WIDGET (spinner), busy);
  gtk_spinner_set_spinning (spinner, busy);
}

AdClient *
ad_sign_in_form_new_client (GSettings   *settings,
                            const char  *server_text,
                            const char  *username,
                            char       **server_url,
                            char       **message)
{
  g_autoptr(GError) error = NULL;
  AdClient *client;
  const char *missing;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (server_text != NULL && username != NULL, NULL);
  g_return_val_if_fail (server_url != NULL && message != NULL, NULL);

  *server_url = ad_sign_in_normalize_server_url (server_text);
  *message = NULL;

  missing = ad_sign_in_check_form (*server_url, username);
  if (missing != NULL)
    {
      *message = g_strdup (missing);
      return NULL;
    }

  /* An https:// switch is checked against the center's own authority when
   * the tls-ca-file setting names one. */
  client = ad_sign_in_page_new_client (settings, *server_url, &error);
  if (client == NULL)
    *message = ad_sign_in_describe_ca_file_error (error);
  return client;
}

static void
on_password_forgotten (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A message, not a warning: without a keyring (where nothing can have
   * been kept either) every sign-in with "remember" off comes here. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_message ("Could not remove the password from the keyring: %s", error->message);
}

void
ad_sign_in_form_remember (GSettings  *settings,
                          gboolean    remember,
                          const char *server_url,
                          const char *username,
                          const char *password)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (server_url != NULL && username != NULL);

  if (!remember)
    {
      secret_password_clear (ad_sign_in_page_get_secret_schema (), NULL,
                             on_password_forgotten, NULL,
                             "server", server_url,
                             "username", username,
                             NULL);
      return;
    }

  g_settings_set_string (settings, "server-url", server_url);
  g_settings_set_string (settings, "username", username);
  ad_sign_in_page_keep_password (server_url, username, password);
}
