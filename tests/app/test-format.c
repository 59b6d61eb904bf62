/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ad-client-private.h"
#include "ad-format.h"

/* The labels and durations of ad-format.c, in English and through the
 * translations built in this tree (TEST_LOCALE_DIR): their plural forms
 * and their contexts must reach the interface. */

/* Switches gettext to @language; FALSE when the system has no UTF-8 C
 * locale to switch with. */
static gboolean
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* gettext keeps what it translated by locale name, not by LANGUAGE: a
   * change of locale, even there and back, drops that cache. */
  setlocale (LC_ALL, "C");
  return setlocale (LC_ALL, "C.UTF-8") != NULL;
}

static void
expect_spoken (guint       seconds,
               const char *expected)
{
  g_autofree char *spoken = ad_format_duration_spoken (seconds);

  g_assert_cmpstr (spoken, ==, expected);
}

static void
expect_clock (guint       seconds,
              const char *expected)
{
  g_autofree char *clock = ad_format_duration (seconds);

  g_assert_cmpstr (clock, ==, expected);
}

static void
test_clock (void)
{
  expect_clock (0, "0:00");
  expect_clock (42, "0:42");
  expect_clock (725, "12:05");
  expect_clock (3723, "1:02:03");
}

static void
test_spoken_english (void)
{
  use_language ("en");

  expect_spoken (0, "0 seconds");
  expect_spoken (1, "1 second");
  expect_spoken (42, "42 seconds");
  expect_spoken (60, "1 minute");
  expect_spoken (725, "12 minutes, 5 seconds");
  expect_spoken (3600, "1 hour");
  /* Two units at most: the seconds of a long call do not matter. */
  expect_spoken (3723, "1 hour, 2 minutes");
  expect_spoken (7200, "2 hours");
}

static void
test_spoken_translated (void)
{
  if (!use_language ("fr"))
    {
      g_test_skip ("no C.UTF-8 locale");
      return;
    }
  /* French counts zero and one alike; German and Spanish do not. */
  expect_spoken (0, "0 seconde");
  expect_spoken (1, "1 seconde");
  expect_spoken (725, "12 minutes et 5 secondes");
  expect_spoken (7200, "2 heures");

  use_language ("de");
  expect_spoken (0, "0 Sekunden");
  expect_spoken (61, "1 Minute und 1 Sekunde");

  use_language ("es");
  expect_spoken (3660, "1 hora y 1 minuto");
}

static void
test_contexts (void)
{
  if (!use_language ("es"))
    {
      g_test_skip ("no C.UTF-8 locale");
      return;
    }
  /* One English word, two Spanish genders: the call (la llamada) and
   * its type (el tipo). */
  g_assert_cmpstr (ad_format_interaction_status (AD_INTERACTION_STATUS_UNKNOWN), ==, "Desconocida");
  g_assert_cmpstr (ad_format_call_type (AD_CALL_TYPE_UNKNOWN), ==, "Desconocido");

  use_language ("fr");
  g_assert_cmpstr (ad_format_agent_status (AD_AGENT_STATUS_NOT_READY), ==, "En pause");
  g_assert_cmpstr (ad_format_interaction_status (AD_INTERACTION_STATUS_HELD), ==, "En attente");
  g_assert_cmpstr (ad_format_party_role (AD_PARTY_ROLE_DESTINATION), ==, "Appelé");
}

static void
add_interaction (GListStore *interactions,
                 AdSession  *session,
                 const char *id,
                 const char *status)
{
  g_autoptr(AdInteraction) interaction = ad_interaction_new (session, id);
  g_autoptr(JsonObject) dto = json_object_new ();

  json_object_set_string_member (dto, AD_ATTR_STATUS, status);
  ad_interaction_apply_dto (interaction, dto);
  g_list_store_append (interactions, interaction);
}

/* A busy agent whose only call rings is "Ringing"; once a call of its own
 * is dialed or established it is "On a call", whatever else rings. */
static void
test_agent_activity (void)
{
  g_autoptr(AdSession) session = ad_session_new ("http://127.0.0.1");
  g_autoptr(GListStore) interactions = g_list_store_new (AD_TYPE_INTERACTION);

  use_language ("en");
  g_assert_cmpstr (ad_format_agent_activity (AD_AGENT_STATUS_BUSY, NULL), ==, "On a call");
  add_interaction (interactions, session, "i1", "IDLE");
  g_assert_cmpstr (ad_format_agent_activity (AD_AGENT_STATUS_BUSY, G_LIST_MODEL (interactions)),
                   ==, "On a call");
  add_interaction (interactions, session, "i2", "RINGING");
  g_assert_cmpstr (ad_format_agent_activity (AD_AGENT_STATUS_BUSY, G_LIST_MODEL (interactions)),
                   ==, "Ringing");
  g_assert_cmpstr (ad_format_agent_activity (AD_AGENT_STATUS_READY, G_LIST_MODEL (interactions)),
                   ==, "Ready");
  add_interaction (interactions, session, "i3", "HELD");
  g_assert_cmpstr (ad_format_agent_activity (AD_AGENT_STATUS_BUSY, G_LIST_MODEL (interactions)),
                   ==, "On a call");
  g_list_store_remove (interactions, 2);

  if (!use_language ("fr"))
    {
      g_test_skip ("no C.UTF-8 locale");
      return;
    }
  g_assert_cmpstr (ad_format_agent_activity (AD_AGENT_STATUS_BUSY, G_LIST_MODEL (interactions)),
                   ==, "Sonnerie");
  use_language ("de");
  g_assert_cmpstr (ad_format_agent_activity (AD_AGENT_STATUS_BUSY, G_LIST_MODEL (interactions)),
                   ==, "Klingelt");
  use_language ("es");
  g_assert_cmpstr (ad_format_agent_activity (AD_AGENT_STATUS_BUSY, G_LIST_MODEL (interactions)),
                   ==, "Sonando");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALE_DIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/format/clock", test_clock);
  g_test_add_func ("/format/spoken/english", test_spoken_english);
  g_test_add_func ("/format/spoken/translated", test_spoken_translated);
  g_test_add_func ("/format/contexts", test_contexts);
  g_test_add_func ("/format/agent-activity", test_agent_activity);

  return g_test_run ();
}
