/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ad-sse-parser.h"

#include <string.h>

/* Every event and comment a parser produced, as one comparable string. */
typedef struct {
  GString *log;
  guint    n_events;
  guint    n_comments;
} Collected;

static void
on_event (const AdSseEvent *event,
          gpointer          user_data)
{
  Collected *c = user_data;

  g_string_append_printf (c->log, "[%s|%s|%s]", event->type, event->id != NULL ? event->id : "-",
                          event->data);
  c->n_events++;
}

static void
on_comment (const char *comment,
            gpointer    user_data)
{
  Collected *c = user_data;

  g_string_append_printf (c->log, "(%s)", comment);
  c->n_comments++;
}

static void
collected_clear (Collected *c)
{
  g_string_free (c->log, TRUE);
}

static AdSseParser *
parser_for (Collected *c)
{
  c->log = g_string_new (NULL);
  c->n_events = 0;
  c->n_comments = 0;
  return ad_sse_parser_new (on_event, on_comment, c);
}

/* Parses @stream fed in pieces cut at @cuts (sorted offsets). */
static char *
parse_cut (const char *stream,
           gsize       length,
           const gsize *cuts,
           guint       n_cuts)
{
  Collected c;
  g_autoptr(AdSseParser) parser = parser_for (&c);
  gsize from = 0;

  for (guint i = 0; i <= n_cuts; i++)
    {
      gsize to = i < n_cuts ? cuts[i] : length;

      ad_sse_parser_feed (parser, stream + from, to - from);
      from = to;
    }

  return g_string_free (c.log, FALSE);
}

static char *
parse_whole (const char *stream)
{
  return parse_cut (stream, strlen (stream), NULL, 0);
}

static void
test_contract_example (void)
{
  const char *stream =
    "id: 42\n"
    "event: InteractionEvent\n"
    "data: {\"interactionId\": \"i1\", \"attributes\": {\"interaction:status\": \"RINGING\"}}\n"
    "\n"
    ": keepalive\n"
    "id: 43\n"
    "event: AgentEvent\n"
    "data: {\"agentId\": \"agent1\", \"attributes\": {\"agent:status\": \"BUSY\"}}\n"
    "\n"
    "id: 44\n"
    "event: QueueEvent\n"
    "data: {\"queue\": \"sales\", \"callsWaiting\": 2}\n"
    "\n"
    "event: ResyncRequired\n"
    "data: {}\n"
    "\n";
  g_autofree char *log = parse_whole (stream);

  g_assert_cmpstr (log, ==,
                   "[InteractionEvent|42|{\"interactionId\": \"i1\", \"attributes\": {\"interaction:status\": \"RINGING\"}}]"
                   "(keepalive)"
                   "[AgentEvent|43|{\"agentId\": \"agent1\", \"attributes\": {\"agent:status\": \"BUSY\"}}]"
                   "[QueueEvent|44|{\"queue\": \"sales\", \"callsWaiting\": 2}]"
                   /* The id buffer survives an event without an id. */
                   "[ResyncRequired|44|{}]");
}

static void
test_fields (void)
{
  Collected c;
  g_autoptr(AdSseParser) parser = parser_for (&c);
  static const char stream[] =
    "data: first\n"
    "data:second\n"
    "data\n"
    "data:  two spaces\n"
    "\n"
    "retry: 2500\n"
    "retry: 12x\n"
    "id: 7\n"
    "event:\n"
    "data: nameless\n"
    "\n"
    "id: a\0b\n"
    "event: Only\n"
    "\n"
    "data: after\n"
    "\n";

  /* One event holds a NUL, hence the length from the array. */
  ad_sse_parser_feed (parser, stream, sizeof stream - 1);

  g_assert_cmpstr (c.log->str, ==,
                   "[message|-|first\nsecond\n\n two spaces]"
                   "[message|7|nameless]"
                   /* An event without data is not dispatched, its type is
                    * forgotten; an id with NUL is ignored. */
                   "[message|7|after]");
  g_assert_cmpint (ad_sse_parser_get_retry (parser), ==, 2500);
  g_assert_cmpstr (ad_sse_parser_get_last_event_id (parser), ==, "7");
  g_assert_cmpuint (ad_sse_parser_get_n_events (parser), ==, 3);
  collected_clear (&c);
}

static const char *line_ends[] = { "\n", "\r", "\r\n" };

/* A long stream like the switch sends: events, keepalives, multi-line
 * data, with @eol ending every line. */
static char *
recorded_stream (const char *eol)
{
  GString *s = g_string_new (NULL);

  for (guint i = 1; i <= 40; i++)
    {
      if (i % 7 == 0)
        g_string_append_printf (s, ": keepalive%s", eol);
      g_string_append_printf (s, "id: %u%s", i, eol);
      g_string_append_printf (s, "event: %s%s", i % 3 == 0 ? "AgentEvent" : "InteractionEvent", eol);
      g_string_append_printf (s, "data: {\"interactionId\": \"call-%u\",%s", i, eol);
      g_string_append_printf (s, "data:  \"attributes\": {\"interaction:status\": \"%s\"}}%s",
                              i % 2 ? "TALKING" : "HELD", eol);
      g_string_append (s, eol);
    }
  return g_string_free (s, FALSE);
}

static void
test_line_endings (void)
{
  g_autofree char *expected = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (line_ends); i++)
    {
      g_autofree char *stream = recorded_stream (line_ends[i]);
      g_autofree char *log = parse_whole (stream);

      if (expected == NULL)
        {
          expected = g_strdup (log);
          g_assert_nonnull (strstr (expected, "[InteractionEvent|40|{\"interactionId\": \"call-40\",\n"
                                              " \"attributes\": {\"interaction:status\": \"HELD\"}}]"));
          g_assert_nonnull (strstr (expected, "(keepalive)[InteractionEvent|7|"));
        }
      g_assert_cmpstr (log, ==, expected);
    }
}

static void
test_every_split (void)
{
  for (guint e = 0; e < G_N_ELEMENTS (line_ends); e++)
    {
      g_autofree char *stream = recorded_stream (line_ends[e]);
      gsize length = strlen (stream);
      g_autofree char *expected = parse_whole (stream);
      g_autofree gsize *every = g_new (gsize, length);

      /* One cut anywhere, including between a CR and its LF. */
      for (gsize cut = 0; cut <= length; cut++)
        {
          g_autofree char *log = parse_cut (stream, length, &cut, 1);

          g_assert_cmpstr (log, ==, expected);
        }

      /* Two cuts, at a stride, and then one byte at a time. */
      for (gsize a = 0; a < length; a += 13)
        for (gsize b = a; b <= length; b += 29)
          {
            gsize cuts[] = { a, b };
            g_autofree char *log = parse_cut (stream, length, cuts, 2);

            g_assert_cmpstr (log, ==, expected);
          }

      for (gsize i = 0; i < length; i++)
        every[i] = i;
      {
        g_autofree char *log = parse_cut (stream, length, every, length);

        g_assert_cmpstr (log, ==, expected);
      }
    }
}

static void
test_garbage (void)
{
  Collected c;
  g_autoptr(AdSseParser) parser = parser_for (&c);
  g_autofree char *huge = g_strnfill (300, 'x');
  g_autofree char *stream = g_strconcat (
    "garbage without a colon\n"
    "\x01\x02\xff\xfe binary: junk\n"
    "DATA: wrong case\n"
    "id: 1\n"
    "data: kept\n"
    "\n"
    "nonsense: line\n"
    "id: 2\n"
    "event: InteractionEvent\n"
    "data: {\"ok\": true}\n"
    "\n"
    "id: 3\n"
    "data: ", huge, "\n"
    "\n"
    "id: 4\n"
    "data: after the long line\n"
    "\n", NULL);

  ad_sse_parser_set_max_line (parser, 256);
  ad_sse_parser_feed (parser, stream, strlen (stream));

  /* The unknown lines are skipped; the event holding the overlong line is
   * dropped whole; the ones after it arrive. */
  g_assert_cmpstr (c.log->str, ==,
                   "[message|1|kept]"
                   "[InteractionEvent|2|{\"ok\": true}]"
                   "[message|4|after the long line]");
  g_assert_cmpuint (ad_sse_parser_get_n_dropped_lines (parser), ==, 1);
  collected_clear (&c);
}

static void
test_reset (void)
{
  Collected c;
  g_autoptr(AdSseParser) parser = parser_for (&c);

  ad_sse_parser_feed (parser, "id: 9\ndata: cut off mid-ev", 27);
  ad_sse_parser_reset (parser);
  ad_sse_parser_feed (parser, "ent\n\ndata: fresh\n\n", 18);

  /* A new connection starts clean, but the last id is kept for resuming. */
  g_assert_cmpstr (c.log->str, ==, "[message|9|fresh]");
  collected_clear (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sse-parser/contract-example", test_contract_example);
  g_test_add_func ("/sse-parser/fields", test_fields);
  g_test_add_func ("/sse-parser/line-endings", test_line_endings);
  g_test_add_func ("/sse-parser/every-split", test_every_split);
  g_test_add_func ("/sse-parser/garbage", test_garbage);
  g_test_add_func ("/sse-parser/reset", test_reset);

  return g_test_run ();
}
