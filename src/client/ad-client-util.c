/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdClientUtil"

#include "config.h"

#include "ad-client-private.h"

gboolean
ad_set_string (char       **field,
               const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

gboolean
ad_set_strv (char             ***field,
             const char * const *value)
{
  if (*field == NULL && value == NULL)
    return FALSE;
  if (*field != NULL && value != NULL &&
      g_strv_equal ((const char * const *) *field, value))
    return FALSE;

  g_strfreev (*field);
  *field = g_strdupv ((char **) value);
  return TRUE;
}

gboolean
ad_set_date_time (GDateTime **field,
                  GDateTime  *value)
{
  if (*field == value ||
      (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return FALSE;

  g_clear_pointer (field, g_date_time_unref);
  *field = value != NULL ? g_date_time_ref (value) : NULL;
  return TRUE;
}

GDateTime *
ad_date_time_from_json (JsonObject *object,
                        const char *member)
{
  const char *str = ad_json_string_or_null (object, member);

  return str != NULL ? g_date_time_new_from_iso8601 (str, NULL) : NULL;
}

char **
ad_strv_from_json (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  if (array == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
      else if (JSON_NODE_HOLDS_OBJECT (node) &&
               ad_json_string_or_null (json_node_get_object (node), "name") != NULL)
        g_strv_builder_add (builder, ad_json_string_or_null (json_node_get_object (node), "name"));
    }

  return g_strv_builder_end (builder);
}

GHashTable *
ad_string_map_from_json (JsonObject *object)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (object == NULL)
    return map;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &value))
    if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
      g_hash_table_insert (map, g_strdup (key), g_strdup (json_node_get_string (value)));

  return map;
}

gboolean
ad_string_map_equal (GHashTable *a,
                     GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gpointer other;

      if (!g_hash_table_lookup_extended (b, key, NULL, &other) ||
          g_strcmp0 (value, other) != 0)
        return FALSE;
    }

  return TRUE;
}
