/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdCenterConfig"

#include "config.h"

#include "ad-center-config.h"
#include "ad-common.h"

#include <string.h>

static gboolean
invalid (GError     **error,
         const char  *field,
         const char  *problem)
{
  g_set_error (error, AD_ERROR, AD_ERROR_INVALID_REQUEST,
               "Invalid contact center configuration: “%s” %s", field, problem);
  return FALSE;
}

/* A required non-empty string member of @object, reported as @path.member. */
static gboolean
get_name (JsonObject  *object,
          const char  *path,
          const char  *member,
          const char **out,
          GError     **error)
{
  g_autofree char *field = g_strdup_printf ("%s.%s", path, member);
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return invalid (error, field, "is required");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, field, "must be a string");
  *out = json_node_get_string (node);
  if (**out == '\0')
    return invalid (error, field, "must not be empty");
  return TRUE;
}

/* Calls @check on each element of the array @member, which must hold objects.
 * A missing member is an empty array unless @required. */
typedef gboolean (*ElementCheck) (JsonObject  *element,
                                  const char  *path,
                                  gpointer     data,
                                  GError     **error);

static gboolean
each_object (JsonObject    *object,
             const char    *path,
             const char    *member,
             gboolean       required,
             ElementCheck   check,
             gpointer       data,
             GError       **error)
{
  g_autofree char *field = path != NULL ? g_strdup_printf ("%s.%s", path, member)
                                        : g_strdup (member);
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? invalid (error, field, "is required") : TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, field, "must be an array");

  array = json_node_get_array (node);
  if (required && json_array_get_length (array) == 0)
    return invalid (error, field, "must not be empty");

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", field, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return invalid (error, element_path, "must be an object");
      if (!check (json_node_get_object (element), element_path, data, error))
        return FALSE;
    }

  return TRUE;
}

/* Ids and numbers seen so far; each namespace must be unique. */
typedef struct {
  GHashTable *places;
  GHashTable *dn_ids;
  GHashTable *numbers;   /* DN numbers and route points share the dial plan */
  GHashTable *queues;
  GHashTable *agents;
  GHashTable *codes;     /* reset for each list of codes */
} Seen;

static gboolean
claim (GHashTable  *seen,
       const char  *value,
       const char  *path,
       const char  *member,
       GError     **error)
{
  g_autofree char *field = g_strdup_printf ("%s.%s", path, member);
  g_autofree char *problem = NULL;

  if (g_hash_table_add (seen, (gpointer) value))
    return TRUE;
  problem = g_strdup_printf ("repeats “%s”, which must be unique", value);
  return invalid (error, field, problem);
}

/* A required string member that must be unique among @seen. */
static gboolean
get_unique (JsonObject  *object,
            const char  *path,
            const char  *member,
            GHashTable  *seen,
            GError     **error)
{
  const char *value;

  return get_name (object, path, member, &value, error) &&
         claim (seen, value, path, member, error);
}

static gboolean
check_number (Seen        *seen,
              JsonObject  *object,
              const char  *path,
              const char  *member,
              GError     **error)
{
  g_autofree char *field = g_strdup_printf ("%s.%s", path, member);
  const char *number;

  if (!get_name (object, path, member, &number, error))
    return FALSE;
  for (const char *p = number; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return invalid (error, field, "must be made of digits only");
  return claim (seen->numbers, number, path, member, error);
}

static gboolean
check_dn (JsonObject  *dn,
          const char  *path,
          gpointer     data,
          GError     **error)
{
  Seen *seen = data;

  return get_unique (dn, path, "dnId", seen->dn_ids, error) &&
         check_number (seen, dn, path, "number", error);
}

static gboolean
check_place (JsonObject  *place,
             const char  *path,
             gpointer     data,
             GError     **error)
{
  Seen *seen = data;

  return get_unique (place, path, "placeId", seen->places, error) &&
         each_object (place, path, "dns", TRUE, check_dn, seen, error);
}

static gboolean
check_queue (JsonObject  *queue,
             const char  *path,
             gpointer     data,
             GError     **error)
{
  Seen *seen = data;

  return get_unique (queue, path, "name", seen->queues, error) &&
         check_number (seen, queue, path, "routePoint", error);
}

static gboolean
check_agent (JsonObject  *agent,
             const char  *path,
             gpointer     data,
             GError     **error)
{
  Seen *seen = data;
  const char *name, *place = NULL;
  g_autofree char *place_field = g_strdup_printf ("%s.defaultPlace", path);
  g_autofree char *queues_field = g_strdup_printf ("%s.queues", path);
  JsonArray *queues = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!get_unique (agent, path, "agentId", seen->agents, error) ||
      !get_name (agent, path, "name", &name, error))
    return FALSE;

  if (!ad_json_get_string (agent, "defaultPlace", FALSE, &place, &local_error))
    return invalid (error, place_field, "must be a string");
  if (place != NULL && !g_hash_table_contains (seen->places, place))
    return invalid (error, place_field, "names no place of “places”");

  if (!ad_json_get_array (agent, "queues", FALSE, &queues, &local_error))
    return invalid (error, queues_field, "must be an array of queue names");
  for (guint i = 0; queues != NULL && i < json_array_get_length (queues); i++)
    {
      JsonNode *node = json_array_get_element (queues, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return invalid (error, queues_field, "must be an array of queue names");
      if (!g_hash_table_contains (seen->queues, json_node_get_string (node)))
        return invalid (error, queues_field, "names a queue that is not in “queues”");
    }

  return TRUE;
}

static gboolean
check_code (JsonObject  *code,
            const char  *path,
            gpointer     data,
            GError     **error)
{
  Seen *seen = data;
  const char *label;

  return get_unique (code, path, "code", seen->codes, error) &&
         get_name (code, path, "label", &label, error);
}

static gboolean
check_codes (JsonObject  *config,
             Seen        *seen,
             const char  *member,
             GError     **error)
{
  g_hash_table_remove_all (seen->codes);
  return each_object (config, NULL, member, FALSE, check_code, seen, error);
}

gboolean
ad_center_config_validate (JsonObject  *config,
                           GError     **error)
{
  Seen seen = {
    g_hash_table_new (g_str_hash, g_str_equal),
    g_hash_table_new (g_str_hash, g_str_equal),
    g_hash_table_new (g_str_hash, g_str_equal),
    g_hash_table_new (g_str_hash, g_str_equal),
    g_hash_table_new (g_str_hash, g_str_equal),
    g_hash_table_new (g_str_hash, g_str_equal),
  };
  JsonNode *node;
  gboolean ok = FALSE;

  node = json_object_get_member (config, "serviceLevelSeconds");
  if (node != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
       json_node_get_int (node) < 0 || json_node_get_int (node) > 3600))
    {
      invalid (error, "serviceLevelSeconds", "must be an integer from 0 to 3600");
      goto out;
    }

  node = json_object_get_member (config, "afterCallWork");
  if (node != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN))
    {
      invalid (error, "afterCallWork", "must be a boolean");
      goto out;
    }

  ok = each_object (config, NULL, "places", TRUE, check_place, &seen, error) &&
       each_object (config, NULL, "queues", FALSE, check_queue, &seen, error) &&
       each_object (config, NULL, "agents", TRUE, check_agent, &seen, error) &&
       check_codes (config, &seen, "reasonCodes", error) &&
       check_codes (config, &seen, "dispositions", error);

out:
  g_hash_table_unref (seen.places);
  g_hash_table_unref (seen.dn_ids);
  g_hash_table_unref (seen.numbers);
  g_hash_table_unref (seen.queues);
  g_hash_table_unref (seen.agents);
  g_hash_table_unref (seen.codes);
  return ok;
}

static JsonObject *
new_code (const char *code,
          const char *label)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "code", code);
  json_object_set_string_member (object, "label", label);
  return object;
}

/* The large demo center's names: first and family names combine into
 * 60 × 120 distinct agents, more than AD_CENTER_DEMO_MAX_AGENTS. */
static const char * const first_names[] = {
  "Aiko", "Amara", "Anders", "Aline", "Bashir", "Beatriz", "Bruno", "Camille",
  "Chidi", "Chloé", "Dario", "Dalia", "Emeka", "Esther", "Felix", "Fatima",
  "Gabriel", "Greta", "Hana", "Hamid", "Ingrid", "Ivan", "Jamal", "Julia",
  "Kenji", "Kira", "Lars", "Leila", "Lucas", "Maja", "Mateo", "Mei",
  "Nadia", "Nikos", "Olga", "Omar", "Paula", "Pedro", "Quentin", "Rania",
  "Rafael", "Sakura", "Samir", "Sofia", "Tariq", "Tessa", "Uma", "Viktor",
  "Vera", "Wanjiru", "Wim", "Ximena", "Yara", "Yusuf", "Zara", "Zoltan",
  "Anouk", "Bilal", "Clara", "Diego",
};
static const char * const family_names[] = {
  "Abara", "Adeyemi", "Almeida", "Andersson", "Arslan", "Bakker", "Barros", "Becker",
  "Bianchi", "Bjork", "Bondarenko", "Brennan", "Caruso", "Castillo", "Chen", "Cohen",
  "Costa", "Dahl", "Dimitrov", "Dubois", "Duarte", "Eriksen", "Esposito", "Farouk",
  "Fernandes", "Fischer", "Fontaine", "Garcia", "Gashi", "Greco", "Gupta", "Haddad",
  "Hansen", "Hartmann", "Horvat", "Hughes", "Ibrahim", "Ivanova", "Jansen", "Jensen",
  "Kaur", "Keller", "Kim", "Kowalski", "Kruger", "Laine", "Larsen", "Lehmann",
  "Lopez", "Lund", "Mahmoud", "Marino", "Martins", "Mazur", "Meyer", "Moreau",
  "Mori", "Moyo", "Murphy", "Nakamura", "Navarro", "Nguyen", "Nielsen", "Novak",
  "Nowak", "Obi", "Oliveira", "Olsen", "Ortiz", "Osei", "Papadopoulos", "Park",
  "Pereira", "Petrov", "Popescu", "Quinn", "Rahman", "Ramos", "Reyes", "Ricci",
  "Rossi", "Saito", "Santos", "Schmidt", "Schulz", "Sepúlveda", "Silva", "Singh",
  "Sokolov", "Sousa", "Suzuki", "Svensson", "Takahashi", "Tanaka", "Teixeira", "Thomsen",
  "Torres", "Tran", "Umarov", "Vargas", "Varga", "Vasquez", "Vogel", "Volkov",
  "Wagner", "Walsh", "Weber", "Wiśniewski", "Wong", "Yamamoto", "Yilmaz", "Young",
  "Zhang", "Zielinski", "Zimmermann", "Zubiri", "Ahmed", "Berg", "Cruz", "Diallo",
};
G_STATIC_ASSERT (G_N_ELEMENTS (first_names) * G_N_ELEMENTS (family_names) >=
                 AD_CENTER_DEMO_MAX_AGENTS);

/* The large demo center's queues, with how many agents of a hundred have
 * each as their main queue: a few big queues and a long tail, as in a
 * real center. The first two are the contract's. */
static const struct { const char *name; guint weight; } demo_queues[] = {
  { "sales", 12 }, { "support", 14 }, { "billing", 9 }, { "technical", 10 },
  { "orders", 7 }, { "returns", 5 }, { "accounts", 5 }, { "claims", 4 },
  { "renewals", 4 }, { "retention", 4 }, { "onboarding", 3 }, { "shipping", 4 },
  { "payments", 4 }, { "fraud", 2 }, { "loyalty", 2 }, { "enterprise", 3 },
  { "spanish", 3 }, { "french", 2 }, { "vip", 1 }, { "callbacks", 2 },
};

/* The queue whose cumulative weight covers @slot (0…99). */
static guint
demo_queue_for_slot (guint slot)
{
  guint sum = 0;

  for (guint i = 0; i < G_N_ELEMENTS (demo_queues); i++)
    {
      sum += demo_queues[i].weight;
      if (slot < sum)
        return i;
    }
  return 0;
}

static void
add_demo_agent (JsonArray  *places,
                JsonArray  *agents,
                guint       index,
                const char *name,
                const char *queue1,
                const char *queue2)
{
  g_autofree char *number = g_strdup_printf ("%u", 1001 + index);
  g_autofree char *place_id = g_strdup_printf ("place%s", number);
  g_autofree char *agent_id = g_strdup_printf ("agent%u", index + 1);
  JsonObject *place = json_object_new ();
  JsonObject *dn = json_object_new ();
  JsonObject *agent = json_object_new ();
  JsonArray *dns = json_array_new ();
  JsonArray *agent_queues = json_array_new ();

  json_object_set_string_member (dn, "dnId", number);
  json_object_set_string_member (dn, "number", number);
  json_array_add_object_element (dns, dn);
  json_object_set_string_member (place, "placeId", place_id);
  json_object_set_array_member (place, "dns", dns);
  json_array_add_object_element (places, place);

  json_array_add_string_element (agent_queues, queue1);
  json_array_add_string_element (agent_queues, queue2);
  json_object_set_string_member (agent, "agentId", agent_id);
  json_object_set_string_member (agent, "name", name);
  json_object_set_string_member (agent, "username", agent_id);
  json_object_set_string_member (agent, "defaultPlace", place_id);
  json_object_set_array_member (agent, "queues", agent_queues);
  json_array_add_object_element (agents, agent);
}

JsonObject *
ad_center_config_new_demo (void)
{
  return ad_center_config_new_demo_sized (AD_CENTER_DEMO_AGENTS);
}

JsonObject *
ad_center_config_new_demo_sized (guint n_agents)
{
  static const char * const names[] = {
    "Ada Park", "Ben Okafor", "Carla Mendes", "Dev Sharma", "Elena Novak",
    "Farid Haddad", "Grace Liu", "Hugo Lefèvre", "Ines Costa", "Jonas Berg",
  };
  static const struct { const char *code, *label; } reasons[] = {
    { "BREAK", "Break" }, { "LUNCH", "Lunch" }, { "MEETING", "Meeting" },
    { "TRAINING", "Training" },
  }, dispositions[] = {
    { "RESOLVED", "Resolved" }, { "FOLLOW_UP", "Follow-up" }, { "ESCALATED", "Escalated" },
    { "WRONG_NUMBER", "Wrong number" },
  };
  /* Up to the contract's ten agents, the contract's two queues. */
  gboolean large = n_agents > G_N_ELEMENTS (names);
  guint n_queues = large ? G_N_ELEMENTS (demo_queues) : 2;
  JsonObject *config = json_object_new ();
  JsonArray *places = json_array_new ();
  JsonArray *agents = json_array_new ();
  JsonArray *queues = json_array_new ();
  JsonArray *reason_codes = json_array_new ();
  JsonArray *disposition_codes = json_array_new ();

  n_agents = CLAMP (n_agents, 1, AD_CENTER_DEMO_MAX_AGENTS);

  for (guint i = 0; i < n_agents; i++)
    {
      g_autofree char *generated = NULL;
      guint main_queue, second_queue;

      if (i < G_N_ELEMENTS (names))
        {
          add_demo_agent (places, agents, i, names[i], "sales", "support");
          continue;
        }

      /* Scatter agents over the queues by weight, with a second skill in a
       * neighbouring queue, deterministically. */
      main_queue = demo_queue_for_slot ((i * 37) % 100);
      second_queue = (main_queue + 1 + i % 3) % G_N_ELEMENTS (demo_queues);
      generated = g_strdup_printf ("%s %s", first_names[i % G_N_ELEMENTS (first_names)],
                                   family_names[(i / G_N_ELEMENTS (first_names) + i) %
                                                G_N_ELEMENTS (family_names)]);
      add_demo_agent (places, agents, i, generated, demo_queues[main_queue].name,
                      demo_queues[second_queue].name);
    }

  for (guint i = 0; i < n_queues; i++)
    {
      g_autofree char *route_point = g_strdup_printf ("%u", 8000 + i);
      JsonObject *queue = json_object_new ();

      json_object_set_string_member (queue, "name", demo_queues[i].name);
      json_object_set_string_member (queue, "routePoint", route_point);
      json_array_add_object_element (queues, queue);
    }

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    json_array_add_object_element (reason_codes, new_code (reasons[i].code, reasons[i].label));
  for (guint i = 0; i < G_N_ELEMENTS (dispositions); i++)
    json_array_add_object_element (disposition_codes,
                                   new_code (dispositions[i].code, dispositions[i].label));

  json_object_set_int_member (config, "serviceLevelSeconds", 20);
  /* A large center works as real ones do: agents wrap up after a call. */
  if (large)
    json_object_set_boolean_member (config, "afterCallWork", TRUE);
  json_object_set_array_member (config, "places", places);
  json_object_set_array_member (config, "queues", queues);
  json_object_set_array_member (config, "agents", agents);
  json_object_set_array_member (config, "reasonCodes", reason_codes);
  json_object_set_array_member (config, "dispositions", disposition_codes);
  return config;
}
