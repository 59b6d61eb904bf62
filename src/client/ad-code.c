/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdCode"

#include "config.h"

#include "ad-code.h"

enum {
  PROP_0,
  PROP_CODE,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _AdCode
{
  GObject  parent_instance;

  char    *code;
  char    *label;
};

G_DEFINE_FINAL_TYPE (AdCode, ad_code, G_TYPE_OBJECT)

AdCode *
ad_code_new (const char *code,
             const char *label)
{
  return g_object_new (AD_TYPE_CODE, "code", code, "label", label, NULL);
}

const char *
ad_code_get_code (AdCode *self)
{
  g_return_val_if_fail (AD_IS_CODE (self), NULL);

  return self->code;
}

const char *
ad_code_get_label (AdCode *self)
{
  g_return_val_if_fail (AD_IS_CODE (self), NULL);

  return self->label;
}

static void
ad_code_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  AdCode *self = AD_CODE (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_code_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  AdCode *self = AD_CODE (object);

  switch (prop_id)
    {
    case PROP_CODE:
      self->code = g_value_dup_string (value);
      break;
    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_code_finalize (GObject *object)
{
  AdCode *self = AD_CODE (object);

  g_free (self->code);
  g_free (self->label);

  G_OBJECT_CLASS (ad_code_parent_class)->finalize (object);
}

static void
ad_code_class_init (AdCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ad_code_get_property;
  object_class->set_property = ad_code_set_property;
  object_class->finalize = ad_code_finalize;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ad_code_init (AdCode *self)
{
}
