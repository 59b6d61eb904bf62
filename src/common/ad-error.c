/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ad-error.h"

#include <string.h>

typedef struct {
  gboolean has_t_server_error;
  gint64   t_server_error;
  guint    certificate_flags;
} AdErrorPrivate;

static void
ad_error_private_init (AdErrorPrivate *priv)
{
  priv->has_t_server_error = FALSE;
  priv->t_server_error = 0;
  priv->certificate_flags = 0;
}

static void
ad_error_private_copy (const AdErrorPrivate *src,
                       AdErrorPrivate       *dest)
{
  *dest = *src;
}

static void
ad_error_private_clear (AdErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (AdError, ad_error)

void
ad_error_set_t_server_error (GError *error,
                             gint64  t_server_error)
{
  AdErrorPrivate *priv;

  g_return_if_fail (error != NULL && error->domain == AD_ERROR);

  priv = ad_error_get_private (error);
  priv->has_t_server_error = TRUE;
  priv->t_server_error = t_server_error;
}

gboolean
ad_error_get_t_server_error (const GError *error,
                             gint64       *t_server_error)
{
  AdErrorPrivate *priv;

  if (error == NULL || error->domain != AD_ERROR)
    return FALSE;
  priv = ad_error_get_private (error);
  if (!priv->has_t_server_error)
    return FALSE;
  if (t_server_error != NULL)
    *t_server_error = priv->t_server_error;
  return TRUE;
}

void
ad_error_set_certificate_flags (GError *error,
                                guint   flags)
{
  g_return_if_fail (error != NULL && error->domain == AD_ERROR);

  ad_error_get_private (error)->certificate_flags = flags;
}

guint
ad_error_get_certificate_flags (const GError *error)
{
  if (error == NULL || error->domain != AD_ERROR)
    return 0;
  return ad_error_get_private (error)->certificate_flags;
}

static const struct {
  AdError     code;
  const char *type;
  guint       http_status;
} error_types[] = {
  { AD_ERROR_INVALID_REQUEST, "INVALID_REQUEST", 400 },
  { AD_ERROR_UNAUTHORIZED, "UNAUTHORIZED", 401 },
  { AD_ERROR_FORBIDDEN, "FORBIDDEN", 403 },
  { AD_ERROR_NOT_FOUND, "NOT_FOUND", 404 },
  { AD_ERROR_ACTION_NOT_POSSIBLE, "ACTION_NOT_POSSIBLE", 409 },
  { AD_ERROR_ACTION_IN_PROGRESS, "ACTION_IN_PROGRESS", 409 },
  { AD_ERROR_INVALID_AGENT_STATE, "INVALID_AGENT_STATE", 409 },
  { AD_ERROR_INVALID_DESTINATION, "INVALID_DESTINATION", 422 },
  { AD_ERROR_PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE", 413 },
  { AD_ERROR_TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS", 429 },
  { AD_ERROR_STORAGE_FAILED, "STORAGE_FAILED", 507 },
  { AD_ERROR_INTERNAL, "INTERNAL_ERROR", 500 },
};

const char *
ad_error_to_type (AdError code)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_types); i++)
    if (error_types[i].code == code)
      return error_types[i].type;
  return NULL;
}

AdError
ad_error_from_type (const char *type)
{
  if (type != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (error_types); i++)
      if (strcmp (error_types[i].type, type) == 0)
        return error_types[i].code;
  return AD_ERROR_PROTOCOL;
}

guint
ad_error_http_status (AdError code)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_types); i++)
    if (error_types[i].code == code)
      return error_types[i].http_status;
  return 500;
}
