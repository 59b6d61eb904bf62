/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "AdSignInErrors"

#include "config.h"

#include <glib/gi18n.h>

#include "ad-sign-in-errors.h"

char *
ad_sign_in_normalize_server_url (const char *text)
{
  char *server_url;

  g_return_val_if_fail (text != NULL, NULL);

  server_url = g_strstrip (g_strdup (text));
  while (g_str_has_suffix (server_url, "/"))
    server_url[strlen (server_url) - 1] = '\0';
  return server_url;
}

const char *
ad_sign_in_check_form (const char *server_url,
                       const char *username)
{
  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (username != NULL, NULL);

  if (!g_str_has_prefix (server_url, "http://") && !g_str_has_prefix (server_url, "https://"))
    return _("Enter the switch’s address, such as http://switch.example.com:8080.");
  if (*username == '\0')
    return _("Enter your user name.");
  return NULL;
}

char *
ad_sign_in_describe_error (const GError *error,
                           const char   *server_url)
{
  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (server_url != NULL, NULL);

  if (g_error_matches (error, AD_ERROR, AD_ERROR_UNAUTHORIZED))
    return g_strdup (_("Wrong user name or password."));
  if (g_error_matches (error, AD_ERROR, AD_ERROR_CERTIFICATE))
    return ad_sign_in_describe_certificate_error (error, server_url);
  if (g_error_matches (error, AD_ERROR, AD_ERROR_NETWORK))
    return g_strdup_printf (_("Cannot reach the switch at %s. Check the address and your network connection."),
                            server_url);
  if (g_error_matches (error, AD_ERROR, AD_ERROR_TOO_MANY_REQUESTS))
    return g_strdup (_("Too many failed sign-ins. Wait a minute, then try again."));
  return g_strdup_printf (_("Signing in failed: %s"), error->message);
}

/* The likeliest cause first: an address other than the certificate's. */
char *
ad_sign_in_describe_certificate_error (const GError *error,
                                       const char   *server_url)
{
  guint flags;

  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (server_url != NULL, NULL);

  flags = ad_error_get_certificate_flags (error);
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    {
      /* Translators: %s is the switch's address, such as https://switch.example.com:8443 */
      return g_strdup_printf (_("The security certificate of the switch at %s is made out to another address. Check the address."),
                              server_url);
    }
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    {
      /* Translators: %s is the switch's address, such as https://switch.example.com:8443 */
      return g_strdup_printf (_("The security certificate of the switch at %s is signed by an authority this computer does not trust. If your contact center has its own certificate authority, ask your administrator to set it up."),
                              server_url);
    }
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    {
      /* Translators: %s is the switch's address, such as https://switch.example.com:8443 */
      return g_strdup_printf (_("The security certificate of the switch at %s has expired. Ask your administrator to renew it."),
                              server_url);
    }
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    {
      /* Translators: %s is the switch's address, such as https://switch.example.com:8443 */
      return g_strdup_printf (_("The security certificate of the switch at %s is not valid yet. Check this computer’s date and time."),
                              server_url);
    }
  /* Translators: the switch's address, then why its certificate was refused (in English) */
  return g_strdup_printf (_("The security certificate of the switch at %s was refused: %s"),
                          server_url, error->message);
}

char *
ad_sign_in_describe_ca_file_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  /* Translators: %s is the file of the "tls-ca-file" setting and why it cannot be read */
  return g_strdup_printf (_("Cannot read the certificate authorities to trust: %s"), error->message);
}
