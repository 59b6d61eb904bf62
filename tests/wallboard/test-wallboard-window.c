/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "TestWallboardWindow"

#include "config.h"

#include <adwaita.h>

#include "ad-agent-card.h"
#include "ad-queue-tile.h"
#include "ad-wallboard-window.h"
#include "wallboard-test-util.h"

/* The real wallboard window under Xvfb, against a large demo center in a
 * switch in this process: what the tiles and cards show, the stale banner,
 * filtering and sorting. */

typedef struct {
  AdSwitchOptions    options;
  ClientTestSwitch  *ts;
  AdClient          *client;
  AdWallboard       *board;
  GSettings         *settings;
  AdWallboardWindow *window;
  gint64             now;
} Fixture;

static AdCallCenter *
fixture_center (Fixture *f)
{
  return ad_switch_server_get_call_center (f->ts->server);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  wallboard_test_options_init (&f->options, 30);
  f->ts = client_test_switch_new (&f->options);
  f->now = WALLBOARD_TEST_T0;
  ad_call_center_set_clock (fixture_center (f), wallboard_test_clock, &f->now);

  f->client = ad_client_new (f->ts->base_url);
  f->board = ad_wallboard_new (f->client, "supervisor", "demo");
  ad_wallboard_set_backoff (f->board, 50, 200);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_boolean (f->settings, "wallboard-fullscreen", FALSE);
  f->window = AD_WALLBOARD_WINDOW (ad_wallboard_window_new (NULL, f->board, f->settings));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1600, 1000);
  gtk_window_present (GTK_WINDOW (f->window));
  ad_wallboard_start (f->board);
  CLIENT_TEST_WAIT_UNTIL (!ad_wallboard_get_stale (f->board));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ad_wallboard_stop (f->board);
  g_settings_reset (f->settings, "wallboard-queue-filter");
  g_settings_reset (f->settings, "wallboard-state-filter");
  g_settings_reset (f->settings, "wallboard-sort");
  g_settings_reset (f->settings, "wallboard-wait-alarm-seconds");
  g_clear_object (&f->board);
  g_clear_object (&f->client);
  g_clear_object (&f->settings);
  client_test_switch_free (f->ts);
  wallboard_test_options_clear (&f->options);
  /* Let the closed connections be finalized. */
  wallboard_test_flush ();
}

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (text, "%s|", gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

/* What the widget shows: its mapped labels, "|" after each. */
static char *
shown_text (GtkWidget *widget)
{
  GString *text = g_string_new ("|");

  collect_labels (widget, text);
  return g_string_free (text, FALSE);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GtkWidget *
find_tile (Fixture    *f,
           const char *queue)
{
  g_autoptr(GPtrArray) tiles = g_ptr_array_new ();

  collect (GTK_WIDGET (f->window), AD_TYPE_QUEUE_TILE, tiles);
  for (guint i = 0; i < tiles->len; i++)
    if (g_strcmp0 (ad_queue_stats_get_name (ad_queue_tile_get_queue (tiles->pdata[i])), queue) == 0)
      return tiles->pdata[i];
  return NULL;
}

static gboolean
tile_shows (Fixture    *f,
            const char *queue,
            const char *expected)
{
  GtkWidget *tile = find_tile (f, queue);
  g_autofree char *text = tile != NULL ? shown_text (tile) : NULL;

  return text != NULL && strstr (text, expected) != NULL;
}

/* The tiles show the switch's figures for the scripted calls, and the
 * service level below target turns the tile to the alarm style. */
static void
test_window_figures (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkWidget *tile;

  CLIENT_TEST_WAIT_UNTIL (find_tile (f, "sales") != NULL && find_tile (f, "support") != NULL);
  g_assert_true (tile_shows (f, "sales", "|Sales|SL 100%|0|waiting|oldest|0:00|0|answered|"));
  g_assert_false (ad_queue_tile_get_alarm (AD_QUEUE_TILE (find_tile (f, "sales"))));

  for (guint n = 1; n <= 3; n++)
    wallboard_test_agent_on (fixture_center (f), n, FALSE);
  wallboard_test_scripted_calls (fixture_center (f), &f->now);

  CLIENT_TEST_WAIT_UNTIL (tile_shows (f, "sales", "|3|answered|2|abandoned|0:15|ASA|") &&
                          tile_shows (f, "sales", "|0|ready|2|on a call|0|not ready|1|wrap-up|"));
  tile = find_tile (f, "sales");
  text = shown_text (tile);
  g_assert_cmpstr (text, ==,
                   "|Sales|SL 67%|0|waiting|oldest|0:00|3|answered|2|abandoned|0:15|ASA|"
                   "0|ready|2|on a call|0|not ready|1|wrap-up|");
  /* 67 % is below the 80 % target. */
  g_assert_true (ad_queue_tile_get_alarm (AD_QUEUE_TILE (tile)));
  g_assert_true (gtk_widget_has_css_class (tile, "alarm"));
  g_assert_false (ad_queue_tile_get_alarm (AD_QUEUE_TILE (find_tile (f, "support"))));

  /* The threshold is a setting. */
  g_settings_set_uint (f->settings, "wallboard-service-level-target-percent", 60);
  g_assert_false (ad_queue_tile_get_alarm (AD_QUEUE_TILE (tile)));
}

static GtkRevealer *
find_banner (Fixture *f)
{
  g_autoptr(GPtrArray) revealers = g_ptr_array_new ();

  collect (GTK_WIDGET (f->window), GTK_TYPE_REVEALER, revealers);
  for (guint i = 0; i < revealers->len; i++)
    {
      GtkWidget *child = gtk_revealer_get_child (revealers->pdata[i]);

      if (gtk_widget_has_css_class (child, "stale-banner"))
        return revealers->pdata[i];
    }
  g_error ("No stale banner");
  return NULL;
}

static gboolean
banner_shown (Fixture *f)
{
  GtkRevealer *banner = find_banner (f);

  return gtk_revealer_get_reveal_child (banner) && gtk_revealer_get_child_revealed (banner);
}

/* The switch stops: the banner comes, with the time of the last update;
 * a switch is back on the same port: it goes. */
static void
test_window_stale_banner (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autofree char *time = NULL;

  CLIENT_TEST_WAIT_UNTIL (!gtk_revealer_get_child_revealed (find_banner (f)));

  ad_switch_server_shutdown (f->ts->server);
  CLIENT_TEST_WAIT_UNTIL (banner_shown (f));
  g_assert_true (ad_wallboard_get_stale (f->board));
  time = g_date_time_format (ad_wallboard_get_last_update (f->board), "%X");
  expected = g_strdup_printf ("|Not live — figures as of %s|", time);
  text = shown_text (gtk_revealer_get_child (find_banner (f)));
  g_assert_nonnull (strstr (text, expected));

  client_test_switch_restart (f->ts);
  CLIENT_TEST_WAIT_UNTIL (!gtk_revealer_get_child_revealed (find_banner (f)));
  g_assert_false (ad_wallboard_get_stale (f->board));
}

static GtkWidget *
find_card (Fixture    *f,
           const char *agent_id)
{
  AdBoardAgent *agent = ad_wallboard_lookup_agent (f->board, agent_id);
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();

  collect (GTK_WIDGET (f->window), AD_TYPE_AGENT_CARD, cards);
  for (guint i = 0; agent != NULL && i < cards->len; i++)
    if (ad_agent_card_get_agent (cards->pdata[i]) == agent)
      return cards->pdata[i];
  return NULL;
}

/* Whether agentN's card shows @status and the time in state the switch's
 * status-since gives now (the real clock). */
static gboolean
card_counts_from (Fixture    *f,
                  guint       n,
                  const char *status,
                  gint64      since)
{
  g_autofree char *agent_id = g_strdup_printf ("agent%u", n);
  GtkWidget *card = find_card (f, agent_id);
  g_autofree char *text = card != NULL ? shown_text (card) : NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *expected = g_strdup_printf ("|%s|%" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT "|",
                                               status, (now - since) / 60, (now - since) % 60);

  return text != NULL && strstr (text, expected) != NULL;
}

/* While the stream is down, times in state stop (the board must not show
 * them as live); back live, they count from the new switch's figures. */
static void
test_window_stale_times (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *frozen = NULL;
  g_autofree char *later = NULL;
  gint64 since;

  f->now = g_get_real_time () / G_USEC_PER_SEC * G_USEC_PER_SEC;
  since = f->now / G_USEC_PER_SEC;
  wallboard_test_agent_on (fixture_center (f), 3, TRUE);
  CLIENT_TEST_WAIT_UNTIL (card_counts_from (f, 3, "Ready", since));

  ad_switch_server_shutdown (f->ts->server);
  CLIENT_TEST_WAIT_UNTIL (banner_shown (f));
  frozen = shown_text (find_card (f, "agent3"));
  /* Long enough for the board's clock to move on two seconds or more. */
  client_test_spin (2500);
  later = shown_text (find_card (f, "agent3"));
  g_assert_cmpstr (later, ==, frozen);

  /* The new switch has agent3 Ready for 42 s already. */
  client_test_switch_restart (f->ts);
  f->now = (g_get_real_time () / G_USEC_PER_SEC - 42) * G_USEC_PER_SEC;
  since = f->now / G_USEC_PER_SEC;
  ad_call_center_set_clock (fixture_center (f), wallboard_test_clock, &f->now);
  wallboard_test_agent_on (fixture_center (f), 3, TRUE);
  CLIENT_TEST_WAIT_UNTIL (!gtk_revealer_get_child_revealed (find_banner (f)));
  CLIENT_TEST_WAIT_UNTIL (card_counts_from (f, 3, "Ready", since));
}

/* The names of the shown agents, in order. */
static char *
shown_agents (Fixture *f)
{
  GListModel *agents = ad_wallboard_window_get_shown_agents (f->window);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(AdBoardAgent) agent = g_list_model_get_item (agents, i);

      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", ad_board_agent_get_name (agent));
    }
  return g_string_free (names, FALSE);
}

/* Whether the grid's cards show exactly @expected (names, any order). */
static gboolean
cards_show (Fixture    *f,
            const char *expected)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_auto(GStrv) names = g_strsplit (expected, ", ", -1);
  guint shown = 0;

  collect (GTK_WIDGET (f->window), AD_TYPE_AGENT_CARD, cards);
  for (guint i = 0; i < cards->len; i++)
    {
      AdBoardAgent *agent = ad_agent_card_get_agent (cards->pdata[i]);

      if (agent == NULL)
        continue;
      if (!g_strv_contains ((const char * const *) names, ad_board_agent_get_name (agent)))
        return FALSE;
      shown++;
    }
  return shown == g_strv_length (names);
}

static void
assert_shown (Fixture    *f,
              const char *expected)
{
  g_autofree char *names = shown_agents (f);

  g_assert_cmpstr (names, ==, expected);
  CLIENT_TEST_WAIT_UNTIL (cards_show (f, expected));
}

static void
test_window_filter_sort (Fixture       *f,
                         gconstpointer  data)
{
  AdCallCenter *center = fixture_center (f);
  g_autoptr(JsonObject) dto = NULL;
  g_autofree char *text = NULL;
  GtkWidget *card;

  /* agent3 Ready first, agent2 on Lunch 10 s later, agent1 Ready 10 s
   * after that; agent11 (in other queues) Ready last. */
  wallboard_test_agent_on (center, 3, TRUE);
  f->now += 10 * G_USEC_PER_SEC;
  wallboard_test_agent_on (center, 2, FALSE);
  dto = ad_call_center_agent_not_ready (center, "agent2", "LUNCH", NULL);
  f->now += 10 * G_USEC_PER_SEC;
  wallboard_test_agent_on (center, 1, TRUE);
  f->now += 10 * G_USEC_PER_SEC;
  wallboard_test_agent_on (center, 11, TRUE);
  CLIENT_TEST_WAIT_UNTIL (g_list_model_get_n_items (ad_wallboard_window_get_shown_agents (f->window)) == 4);

  /* Logged-in agents by name, at first. */
  assert_shown (f, "Ada Park, Ben Okafor, Carla Mendes, Dario Bondarenko");
  card = NULL;
  {
    g_autoptr(GPtrArray) cards = g_ptr_array_new ();

    collect (GTK_WIDGET (f->window), AD_TYPE_AGENT_CARD, cards);
    for (guint i = 0; i < cards->len; i++)
      if (ad_agent_card_get_agent (cards->pdata[i]) == ad_wallboard_lookup_agent (f->board, "agent2"))
        card = cards->pdata[i];
  }
  g_assert_nonnull (card);
  text = shown_text (card);
  /* State in words next to its color, with the reason. */
  g_assert_nonnull (strstr (text, "|Ben Okafor|Not ready|"));
  g_assert_nonnull (strstr (text, "|Lunch|"));
  g_assert_true (gtk_widget_has_css_class (card, "state-not-ready"));

  ad_wallboard_window_set_state_filter (f->window, AD_BOARD_STATE_FILTER_READY);
  assert_shown (f, "Ada Park, Carla Mendes, Dario Bondarenko");
  ad_wallboard_window_set_state_filter (f->window, AD_BOARD_STATE_FILTER_NOT_READY);
  assert_shown (f, "Ben Okafor");
  ad_wallboard_window_set_state_filter (f->window, AD_BOARD_STATE_FILTER_LOGGED_IN);

  /* agent11 serves neither sales nor support. */
  ad_wallboard_window_set_queue_filter (f->window, "sales");
  assert_shown (f, "Ada Park, Ben Okafor, Carla Mendes");
  ad_wallboard_window_set_queue_filter (f->window, NULL);

  ad_wallboard_window_set_sort (f->window, AD_BOARD_SORT_STATE);
  assert_shown (f, "Ada Park, Carla Mendes, Dario Bondarenko, Ben Okafor");
  ad_wallboard_window_set_sort (f->window, AD_BOARD_SORT_TIME_IN_STATE);
  assert_shown (f, "Carla Mendes, Ben Okafor, Ada Park, Dario Bondarenko");

  /* A change of state moves the agent. */
  f->now += 10 * G_USEC_PER_SEC;
  g_clear_pointer (&dto, json_object_unref);
  dto = ad_call_center_agent_not_ready (center, "agent3", "BREAK", NULL);
  CLIENT_TEST_WAIT_UNTIL (ad_board_agent_get_status_since (ad_wallboard_lookup_agent (f->board, "agent3")) ==
                          f->now / G_USEC_PER_SEC);
  assert_shown (f, "Ben Okafor, Ada Park, Dario Bondarenko, Carla Mendes");
  ad_wallboard_window_set_sort (f->window, AD_BOARD_SORT_NAME);
  assert_shown (f, "Ada Park, Ben Okafor, Carla Mendes, Dario Bondarenko");
}

/* What is chosen on the board (F2) is kept in the settings, and the next
 * board starts with it. */
static void
test_window_setup_kept (Fixture       *f,
                        gconstpointer  data)
{
  AdCallCenter *center = fixture_center (f);
  g_autofree char *queue = NULL;

  /* agent3 Ready first, then agent1; agent2 Not ready; agent11 Ready,
   * in neither sales nor support. */
  wallboard_test_agent_on (center, 3, TRUE);
  f->now += 10 * G_USEC_PER_SEC;
  wallboard_test_agent_on (center, 1, TRUE);
  wallboard_test_agent_on (center, 2, FALSE);
  wallboard_test_agent_on (center, 11, TRUE);
  CLIENT_TEST_WAIT_UNTIL (find_tile (f, "sales") != NULL &&
                          g_list_model_get_n_items (ad_wallboard_window_get_shown_agents (f->window)) == 4);

  ad_wallboard_window_set_queue_filter (f->window, "sales");
  ad_wallboard_window_set_state_filter (f->window, AD_BOARD_STATE_FILTER_READY);
  ad_wallboard_window_set_sort (f->window, AD_BOARD_SORT_TIME_IN_STATE);
  assert_shown (f, "Carla Mendes, Ada Park");
  queue = g_settings_get_string (f->settings, "wallboard-queue-filter");
  g_assert_cmpstr (queue, ==, "sales");
  g_assert_cmpint (g_settings_get_enum (f->settings, "wallboard-state-filter"), ==,
                   AD_BOARD_STATE_FILTER_READY);
  g_assert_cmpint (g_settings_get_enum (f->settings, "wallboard-sort"), ==,
                   AD_BOARD_SORT_TIME_IN_STATE);

  /* The next start. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = AD_WALLBOARD_WINDOW (ad_wallboard_window_new (NULL, f->board, f->settings));
  gtk_window_present (GTK_WINDOW (f->window));
  assert_shown (f, "Carla Mendes, Ada Park");

  /* Back to every queue and state, by name. */
  ad_wallboard_window_set_queue_filter (f->window, NULL);
  ad_wallboard_window_set_state_filter (f->window, AD_BOARD_STATE_FILTER_ALL);
  ad_wallboard_window_set_sort (f->window, AD_BOARD_SORT_NAME);
  g_clear_pointer (&queue, g_free);
  queue = g_settings_get_string (f->settings, "wallboard-queue-filter");
  g_assert_cmpstr (queue, ==, "");
  g_assert_cmpint (g_settings_get_enum (f->settings, "wallboard-state-filter"), ==,
                   AD_BOARD_STATE_FILTER_ALL);
  g_assert_cmpint (g_settings_get_enum (f->settings, "wallboard-sort"), ==, AD_BOARD_SORT_NAME);
}

static GtkWidget *
find_with_class (GtkWidget  *widget,
                 const char *name)
{
  if (gtk_widget_has_css_class (widget, name))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether the header names exactly @expected as in alarm elsewhere. */
static gboolean
alarm_summary_shows (GtkWidget  *summary,
                     const char *expected)
{
  return gtk_widget_get_mapped (summary) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (summary)), expected) == 0;
}

static void
call_in (Fixture    *f,
         const char *queue)
{
  g_free (wallboard_test_call_in (fixture_center (f), queue));
}

/* Twenty queues make two pages of tiles. Queues that go into alarm while
 * their tiles are on the other page are named in the header at once, those
 * on the page shown are not; out of alarm, the names go. */
static void
test_window_alarm_summary (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *summary = find_with_class (GTK_WIDGET (f->window), "board-alarms");

  g_assert_nonnull (summary);
  CLIENT_TEST_WAIT_UNTIL (find_tile (f, "sales") != NULL);
  /* "shipping" and "fraud" are the twelfth and fourteenth queues. */
  g_assert_null (find_tile (f, "shipping"));
  g_assert_null (find_tile (f, "fraud"));
  g_assert_false (gtk_widget_get_visible (summary));

  /* No agent is logged in: the calls wait past the 60 s alarm, and the
   * second call of each queue brings its oldest wait to the board. */
  call_in (f, "sales");
  call_in (f, "shipping");
  call_in (f, "fraud");
  f->now += 90 * G_USEC_PER_SEC;
  call_in (f, "sales");
  call_in (f, "shipping");
  call_in (f, "fraud");

  CLIENT_TEST_WAIT_UNTIL (alarm_summary_shows (summary, "Also in alarm: Shipping, Fraud"));
  g_assert_true (ad_queue_tile_get_alarm (AD_QUEUE_TILE (find_tile (f, "sales"))));
  g_assert_null (find_tile (f, "shipping"));

  /* Out of alarm: a longer wait alarm is set in Preferences. */
  g_settings_set_uint (f->settings, "wallboard-wait-alarm-seconds", 600);
  g_assert_false (gtk_widget_get_visible (summary));
  g_assert_false (ad_queue_tile_get_alarm (AD_QUEUE_TILE (find_tile (f, "sales"))));

  /* And back. */
  g_settings_set_uint (f->settings, "wallboard-wait-alarm-seconds", 60);
  g_assert_true (alarm_summary_shows (summary, "Also in alarm: Shipping, Fraud"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/wallboard/window/figures", Fixture, NULL,
              fixture_set_up, test_window_figures, fixture_tear_down);
  g_test_add ("/wallboard/window/stale-banner", Fixture, NULL,
              fixture_set_up, test_window_stale_banner, fixture_tear_down);
  g_test_add ("/wallboard/window/stale-times", Fixture, NULL,
              fixture_set_up, test_window_stale_times, fixture_tear_down);
  g_test_add ("/wallboard/window/filter-sort", Fixture, NULL,
              fixture_set_up, test_window_filter_sort, fixture_tear_down);
  g_test_add ("/wallboard/window/setup-kept", Fixture, NULL,
              fixture_set_up, test_window_setup_kept, fixture_tear_down);
  g_test_add ("/wallboard/window/alarm-summary", Fixture, NULL,
              fixture_set_up, test_window_alarm_summary, fixture_tear_down);

  return g_test_run ();
}
