/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdDn"

#include "config.h"

#include "ad-client-private.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_CAN_CREATE_INTERACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _AdDn
{
  GObject   parent_instance;

  char     *id;
  char     *number;
  gboolean  can_create_interaction;
};

G_DEFINE_FINAL_TYPE (AdDn, ad_dn, G_TYPE_OBJECT)

AdDn *
ad_dn_new (const char *id,
           const char *number)
{
  return g_object_new (AD_TYPE_DN, "id", id, "number", number, NULL);
}

void
ad_dn_set_number (AdDn       *self,
                  const char *number)
{
  g_return_if_fail (AD_IS_DN (self));

  if (ad_set_string (&self->number, number))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
}

void
ad_dn_set_can_create_interaction (AdDn     *self,
                                  gboolean  can)
{
  g_return_if_fail (AD_IS_DN (self));

  can = !!can;
  if (self->can_create_interaction == can)
    return;

  self->can_create_interaction = can;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CREATE_INTERACTION]);
}

const char *
ad_dn_get_id (AdDn *self)
{
  g_return_val_if_fail (AD_IS_DN (self), NULL);

  return self->id;
}

const char *
ad_dn_get_number (AdDn *self)
{
  g_return_val_if_fail (AD_IS_DN (self), NULL);

  return self->number;
}

gboolean
ad_dn_get_can_create_interaction (AdDn *self)
{
  g_return_val_if_fail (AD_IS_DN (self), FALSE);

  return self->can_create_interaction;
}

static void
ad_dn_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  AdDn *self = AD_DN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;
    case PROP_CAN_CREATE_INTERACTION:
      g_value_set_boolean (value, self->can_create_interaction);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_dn_set_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  AdDn *self = AD_DN (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_NUMBER:
      ad_dn_set_number (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_dn_finalize (GObject *object)
{
  AdDn *self = AD_DN (object);

  g_free (self->id);
  g_free (self->number);

  G_OBJECT_CLASS (ad_dn_parent_class)->finalize (object);
}

static void
ad_dn_class_init (AdDnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ad_dn_get_property;
  object_class->set_property = ad_dn_set_property;
  object_class->finalize = ad_dn_finalize;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Writable only at construction; the session updates it afterwards. */
  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_CREATE_INTERACTION] =
    g_param_spec_boolean ("can-create-interaction", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ad_dn_init (AdDn *self)
{
}
