/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdDemo"

#include "config.h"

#include "ad-demo-caller.h"

#include <glib/gi18n.h>

/* Where callers come from: a country code and the digits that follow it in
 * that country's fictional range, so the numbers look real but reach
 * nobody. */
static const struct {
  const char *prefix;
  guint       digits;
  const char *language;  /* N_(), as the agent reads it */
} origins[] = {
  { "+1555", 7, N_("English") },
  { "+1555", 7, N_("English") },
  { "+1555", 7, N_("Spanish") },
  { "+4420794", 6, N_("English") },
  { "+4930", 8, N_("German") },
  { "+3315", 8, N_("French") },
  { "+3491", 7, N_("Spanish") },
};

static const char * const given_names[] = {
  "Amelia", "Bruno", "Chiara", "Daniel", "Emma", "Felipe", "Hannah", "Ivan",
  "Julia", "Kenji", "Laura", "Mateo", "Nadia", "Oliver", "Priya", "Rafael",
  "Sofia", "Tomás", "Uma", "Victor", "Yara", "Zoe",
};

static const char * const family_names[] = {
  "Andersen", "Becker", "Castillo", "Dubois", "Evans", "Fischer", "García",
  "Hansen", "Ito", "Jensen", "Kowalski", "Lambert", "Moreau", "Nguyen",
  "O’Brien", "Patel", "Rossi", "Schmidt", "Tanaka", "Walsh",
};

static const char * const sales_topics[] = {
  N_("New subscription"), N_("Upgrade plan"), N_("Order status"),
  N_("Price question"), N_("Cancel order"), N_("Bulk order"),
};

static const char * const support_topics[] = {
  N_("Cannot sign in"), N_("Billing question"), N_("Device not working"),
  N_("Slow connection"), N_("Refund request"), N_("Change address"),
};

static const char * const segments[] = {
  N_("Consumer"), N_("Consumer"), N_("Small business"), N_("Enterprise"),
};

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

/* Sets @member to @value and frees it. */
static void
take_string (JsonObject *object,
             const char *member,
             char       *value)
{
  json_object_set_string_member (object, member, value);
  g_free (value);
}

static char *
random_digits (GRand *rand,
               guint  count)
{
  GString *digits = g_string_sized_new (count);

  for (guint i = 0; i < count; i++)
    g_string_append_c (digits, '0' + g_rand_int_range (rand, 0, 10));
  return g_string_free (digits, FALSE);
}

JsonObject *
ad_demo_caller_new_inbound (GRand      *rand,
                            const char *queue)
{
  JsonObject *body = json_object_new ();
  JsonObject *data = json_object_new ();
  guint origin = g_rand_int_range (rand, 0, G_N_ELEMENTS (origins));
  g_autofree char *subscriber = random_digits (rand, origins[origin].digits);
  g_autofree char *account = random_digits (rand, 8);
  double priority = g_rand_double (rand);
  gboolean sales = g_strcmp0 (queue, "sales") == 0;

  take_string (body, "ani", g_strconcat (origins[origin].prefix, subscriber, NULL));
  json_object_set_string_member (body, "queue", queue);

  take_string (data, "CustomerName", g_strdup_printf ("%s %s", PICK (rand, given_names),
                                                     PICK (rand, family_names)));
  take_string (data, "AccountNumber", g_strconcat ("AC-", account, NULL));
  /* Most sales calls are about an order already placed. */
  if (sales && g_rand_double (rand) < 0.6)
    take_string (data, "OrderId",
                 g_strdup_printf ("SO-%05u", (guint) g_rand_int_range (rand, 1, 100000)));
  json_object_set_string_member (data, "Language", _(origins[origin].language));
  json_object_set_string_member (data, "Topic",
                                 _(sales ? PICK (rand, sales_topics) : PICK (rand, support_topics)));
  json_object_set_string_member (data, "Priority",
                                 priority < 0.6 ? C_("call priority", "Normal")
                                 : priority < 0.9 ? C_("call priority", "High")
                                 : C_("call priority", "Urgent"));
  json_object_set_string_member (data, "Segment", _(PICK (rand, segments)));
  json_object_set_object_member (body, "attachedData", data);
  return body;
}
