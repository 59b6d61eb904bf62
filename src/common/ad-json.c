/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ad-json.h"
#include "ad-error.h"

#include <string.h>

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether @data holds one JSON object and nothing after it but white space.
 * json-glib 1.6 accepts text after the first value ("{} {}") and leaks
 * what it parsed of it, so nothing else may reach it: a stranger could
 * grow the process with every request. Only the shape is checked here;
 * the parser still judges what is inside the braces. */
static gboolean
is_single_object (const char *data,
                  gsize       length)
{
  gsize i = 0;
  guint depth = 0;
  gboolean in_string = FALSE;

  while (i < length && is_json_space (data[i]))
    i++;
  if (i == length || data[i] != '{')
    return FALSE;

  for (; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth == 0)
        break;
    }

  /* Unbalanced text is left to the parser, which reports it. */
  if (i == length)
    return TRUE;

  for (i++; i < length; i++)
    if (!is_json_space (data[i]))
      return FALSE;
  return TRUE;
}

JsonObject *
ad_json_parse_object_with (JsonParser  *parser,
                           const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
                           "The request body is empty; a JSON object was expected");
      return NULL;
    }

  if (length < 0)
    length = strlen (data);

  if (!is_single_object (data, length))
    {
      g_set_error_literal (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
                           "The request body must be a single JSON object");
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
                   "The request body is not valid JSON: %s", local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
                           "The request body must be a JSON object");
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

JsonObject *
ad_json_parse_object (const char  *data,
                      gssize       length,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  return ad_json_parse_object_with (parser, data, length, error);
}

char *
ad_json_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

GBytes *
ad_json_object_to_bytes (JsonObject *object)
{
  char *str = ad_json_object_to_string (object);

  return g_bytes_new_take (str, strlen (str));
}

static gboolean
wrong_type (const char  *member,
            const char  *expected,
            GError     **error)
{
  g_set_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
               "The field “%s” must be %s", member, expected);
  return FALSE;
}

/* Looks @member up and checks that it holds a @type node (for a value, one
 * of @value_type): FALSE with an error, naming @expected, when it is
 * required but absent or is of another type. *@node is NULL unless the
 * member is there, not null and of the right type. */
static gboolean
lookup (JsonObject    *object,
        const char    *member,
        gboolean       required,
        JsonNodeType   type,
        GType          value_type,
        const char    *expected,
        JsonNode     **node,
        GError       **error)
{
  JsonNode *found = object != NULL ? json_object_get_member (object, member) : NULL;

  *node = NULL;
  if (found != NULL && JSON_NODE_HOLDS_NULL (found))
    found = NULL;

  if (found == NULL)
    {
      if (!required)
        return TRUE;
      g_set_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
                   "The field “%s” is required", member);
      return FALSE;
    }

  if (json_node_get_node_type (found) != type ||
      (type == JSON_NODE_VALUE && json_node_get_value_type (found) != value_type))
    return wrong_type (member, expected, error);

  *node = found;
  return TRUE;
}

gboolean
ad_json_get_string (JsonObject  *object,
                    const char  *member,
                    gboolean     required,
                    const char **out,
                    GError     **error)
{
  JsonNode *node;
  gboolean ok = lookup (object, member, required, JSON_NODE_VALUE, G_TYPE_STRING,
                        "a string", &node, error);

  *out = node != NULL ? json_node_get_string (node) : NULL;
  return ok;
}

gboolean
ad_json_get_object (JsonObject  *object,
                    const char  *member,
                    gboolean     required,
                    JsonObject **out,
                    GError     **error)
{
  JsonNode *node;
  gboolean ok = lookup (object, member, required, JSON_NODE_OBJECT, G_TYPE_INVALID,
                        "an object", &node, error);

  *out = node != NULL ? json_node_get_object (node) : NULL;
  return ok;
}

gboolean
ad_json_get_array (JsonObject  *object,
                   const char  *member,
                   gboolean     required,
                   JsonArray  **out,
                   GError     **error)
{
  JsonNode *node;
  gboolean ok = lookup (object, member, required, JSON_NODE_ARRAY, G_TYPE_INVALID,
                        "an array", &node, error);

  *out = node != NULL ? json_node_get_array (node) : NULL;
  return ok;
}

gboolean
ad_json_get_string_map (JsonObject  *object,
                        const char  *member,
                        gboolean     required,
                        gboolean     allow_null_values,
                        JsonObject **out,
                        GError     **error)
{
  JsonObject *map;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  *out = NULL;
  if (!ad_json_get_object (object, member, required, &map, error))
    return FALSE;
  if (map == NULL)
    return TRUE;

  json_object_iter_init (&iter, map);
  while (json_object_iter_next (&iter, &key, &value))
    {
      if (JSON_NODE_HOLDS_NULL (value) && allow_null_values)
        continue;
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        return wrong_type (member, allow_null_values ? "an object of strings or nulls"
                                                     : "an object of strings", error);
    }

  *out = map;
  return TRUE;
}

gboolean
ad_json_get_int (JsonObject  *object,
                 const char  *member,
                 gboolean     required,
                 gint64      *out,
                 GError     **error)
{
  JsonNode *node;
  gboolean ok = lookup (object, member, required, JSON_NODE_VALUE, G_TYPE_INT64,
                        "an integer", &node, error);

  *out = node != NULL ? json_node_get_int (node) : 0;
  return ok;
}

const char *
ad_json_string_or_null (JsonObject *object,
                        const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
ad_json_attribute_matches (const char * const *attributes,
                           const char         *name)
{
  if (attributes == NULL || attributes[0] == NULL)
    return TRUE;

  for (guint i = 0; attributes[i] != NULL; i++)
    {
      const char *pattern = attributes[i];
      gsize len = strlen (pattern);

      if (len > 0 && pattern[len - 1] == '*')
        {
          if (strncmp (pattern, name, len - 1) == 0)
            return TRUE;
        }
      else if (strcmp (pattern, name) == 0)
        return TRUE;
    }

  return FALSE;
}

JsonObject *
ad_json_filter_attributes (JsonObject         *dto,
                           const char * const *attributes)
{
  JsonObject *filtered = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, dto);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (strcmp (name, "interaction:interactionId") == 0 ||
          ad_json_attribute_matches (attributes, name))
        json_object_set_member (filtered, name, json_node_copy (value));
    }

  return filtered;
}

JsonArray *
ad_voice_actions_to_json (AdVoiceAction actions)
{
  JsonArray *array = json_array_new ();

  for (AdVoiceAction a = ad_voice_action_next (actions, AD_VOICE_ACTION_NONE);
       a != AD_VOICE_ACTION_NONE;
       a = ad_voice_action_next (actions, a))
    json_array_add_string_element (array, ad_voice_action_to_string (a));

  return array;
}

AdVoiceAction
ad_voice_actions_from_json (JsonArray *array)
{
  AdVoiceAction actions = AD_VOICE_ACTION_NONE;
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        actions |= ad_voice_action_from_string (json_node_get_string (node));
    }

  return actions;
}

char *
ad_time_to_rfc3339 (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
ad_time_from_rfc3339 (const char *str,
                      gint64     *unix_seconds)
{
  g_autoptr(GDateTime) dt = NULL;

  if (str == NULL)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (str, NULL);
  if (dt == NULL)
    return FALSE;
  *unix_seconds = g_date_time_to_unix (dt);
  return TRUE;
}
