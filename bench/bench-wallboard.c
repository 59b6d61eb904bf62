/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>

#include "ad-sim-crowd.h"
#include "ad-wallboard-window.h"
#include "wallboard-test-util.h"

/* The wallboard at contact-center scale. A child process (this program
 * with --switch) runs the switch with a large demo center and the crowd;
 * this process runs the real board window (run it under Xvfb) and
 * measures, after a warm-up:
 *  1. events per second the board receives and applies (and how many
 *     updates remain after coalescing), and whether its stream ever
 *     dropped (a board that falls behind is cut off by the switch);
 *  2. main-loop latency: how late a 16 ms timer fires, p50 / p99;
 *  3. frame times from the window's GdkFrameClock: the interval between
 *     frames and the time from before-paint to after-paint (update,
 *     layout, paint), p50 / p99;
 *  4. RSS now and at its peak.
 * A second phase doubles the crowd's pace to see what the board sustains
 * past the target.
 *
 *   bench-wallboard [--agents 5000] [--pace 6] [--seconds 20] [--sort name|state|time] [--hold]
 * --hold keeps the board open (no measurement), to look at it. */

#define TIMER_MS 16

static int n_agents = 5000;
static double pace = 6;
static int seconds = 20;
static gboolean hold;
static char *sort_by;
static gboolean serve;

static const GOptionEntry entries[] = {
  { "agents", 0, 0, G_OPTION_ARG_INT, &n_agents, "Agents in the center", "N" },
  { "pace", 0, 0, G_OPTION_ARG_DOUBLE, &pace, "How much faster than life the crowd acts", "P" },
  { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "Seconds measured per phase", "S" },
  { "hold", 0, 0, G_OPTION_ARG_NONE, &hold, "Keep the board open, measure nothing", NULL },
  { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_by, "Sort the agents by name (default), state or time",
    "BY" },
  { "switch", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &serve, NULL, NULL },
  { NULL }
};

/* The child: switch and crowd; the pace can be changed on stdin. */

static gboolean
on_pace_line (GIOChannel   *channel,
              GIOCondition  condition,
              gpointer      user_data)
{
  AdSimCrowd *crowd = user_data;
  g_autofree char *line = NULL;

  if (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) != G_IO_STATUS_NORMAL)
    exit (0);
  ad_sim_crowd_set_pace (crowd, g_ascii_strtod (line, NULL));
  return G_SOURCE_CONTINUE;
}

static int
run_switch (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(AdSwitchServer) server = NULL;
  g_autoptr(AdSimCrowd) crowd = NULL;
  g_autoptr(GIOChannel) input = g_io_channel_unix_new (0);
  g_autoptr(GError) error = NULL;
  AdSwitchOptions options;

  wallboard_test_options_init (&options, n_agents);
  options.sim_api = FALSE;
  server = ad_switch_server_new (&options, &error);
  g_assert_no_error (error);
  wallboard_test_options_clear (&options);
  crowd = ad_sim_crowd_new (ad_switch_server_get_call_center (server), 1);
  ad_sim_crowd_set_pace (crowd, pace);
  ad_sim_crowd_start (crowd);

  if (!ad_switch_server_listen (server, "127.0.0.1", 0, &error))
    g_error ("%s", error->message);
  printf ("listening on %s\n", ad_switch_server_get_base_url (server));
  fflush (stdout);

  g_io_add_watch (input, G_IO_IN | G_IO_HUP, on_pace_line, crowd);
  g_main_loop_run (loop);
  return 0;
}

/* The board */

typedef struct {
  GArray  *lateness_us;   /* gint64 */
  GArray  *interval_us;   /* between frames */
  GArray  *paint_us;      /* update, layout and paint of a frame */
  GArray  *flush_us;      /* applying one flush's events to the model */
  gint64   last_timer;
  gint64   last_frame;
  gint64   frame_start;
  gboolean measuring;
  guint    drops;
  AdWallboard *board;
} Probe;

static gboolean
on_timer (gpointer user_data)
{
  Probe *probe = user_data;
  gint64 now = g_get_monotonic_time ();

  if (probe->measuring && probe->last_timer != 0)
    {
      gint64 late = MAX (now - probe->last_timer - TIMER_MS * 1000, 0);

      g_array_append_val (probe->lateness_us, late);
    }
  probe->last_timer = now;
  return G_SOURCE_CONTINUE;
}

/* Every frame starts with before-paint (layout only runs when needed). */
/* The board's flush, timed: the bench drives it every 100 ms, as the
 * board's own flush interval would. */
static gboolean
on_flush_timer (gpointer user_data)
{
  Probe *probe = user_data;
  gint64 start = g_get_monotonic_time ();
  gint64 spent;

  ad_wallboard_flush (probe->board);
  spent = g_get_monotonic_time () - start;
  if (probe->measuring)
    g_array_append_val (probe->flush_us, spent);
  return G_SOURCE_CONTINUE;
}

static void
on_before_paint (GdkFrameClock *clock,
                 Probe         *probe)
{
  gint64 now = g_get_monotonic_time ();

  if (probe->measuring && probe->last_frame != 0)
    {
      gint64 interval = now - probe->last_frame;

      g_array_append_val (probe->interval_us, interval);
    }
  probe->last_frame = now;
  probe->frame_start = now;
}

static void
on_after_paint (GdkFrameClock *clock,
                Probe         *probe)
{
  gint64 spent = g_get_monotonic_time () - probe->frame_start;

  if (probe->measuring && probe->frame_start != 0)
    g_array_append_val (probe->paint_us, spent);

}

static void
on_stale (AdWallboard *board,
          GParamSpec  *pspec,
          Probe       *probe)
{
  if (probe->measuring && ad_wallboard_get_stale (board))
    probe->drops++;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
percentile_ms (GArray *values,
               double  p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_int64);
  return g_array_index (values, gint64, MIN ((guint) (p * values->len), values->len - 1)) / 1000.0;
}

static long
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return -1;
  return strtol (line + strlen (field), NULL, 10);
}

static void
spin (double s)
{
  gint64 end = g_get_monotonic_time () + (gint64) (s * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

/* CPU time this process has used, user and system, in seconds. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static void
measure_phase (const char  *name,
               AdWallboard *board,
               Probe       *probe)
{
  guint64 events = ad_wallboard_get_n_events (board);
  guint64 applied = ad_wallboard_get_n_applied (board);
  gint64 start = g_get_monotonic_time ();
  double cpu = cpu_seconds ();
  double elapsed;

  g_array_set_size (probe->lateness_us, 0);
  g_array_set_size (probe->interval_us, 0);
  g_array_set_size (probe->paint_us, 0);
  g_array_set_size (probe->flush_us, 0);
  probe->drops = 0;
  probe->measuring = TRUE;
  spin (seconds);
  probe->measuring = FALSE;
  elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  printf ("%s\n", name);
  printf ("  events received       %8.0f /s\n", (ad_wallboard_get_n_events (board) - events) / elapsed);
  printf ("  updates applied       %8.0f /s (after coalescing per 100 ms flush)\n",
          (ad_wallboard_get_n_applied (board) - applied) / elapsed);
  printf ("  stream dropped        %8u times\n", probe->drops);
  printf ("  board CPU             %8.0f %% of one core\n",
          100 * (cpu_seconds () - cpu) / elapsed);
  printf ("  applying a flush      p50 %6.2f ms   p99 %6.2f ms   (model, sort, filter, cards)\n",
          percentile_ms (probe->flush_us, 0.5), percentile_ms (probe->flush_us, 0.99));
  printf ("  16 ms timer late      p50 %6.2f ms   p99 %6.2f ms   (%u samples)\n",
          percentile_ms (probe->lateness_us, 0.5), percentile_ms (probe->lateness_us, 0.99),
          probe->lateness_us->len);
  printf ("  frame interval        p50 %6.2f ms   p99 %6.2f ms   (%u frames)\n",
          percentile_ms (probe->interval_us, 0.5), percentile_ms (probe->interval_us, 0.99),
          probe->interval_us->len);
  printf ("  frame work            p50 %6.2f ms   p99 %6.2f ms\n",
          percentile_ms (probe->paint_us, 0.5), percentile_ms (probe->paint_us, 0.99));
  printf ("  RSS                   %8ld KiB (peak %ld KiB)\n", status_kib ("VmRSS:"),
          status_kib ("VmHWM:"));
  fflush (stdout);
}

static int
run_board (const char *program)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) child_out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *agents_arg = g_strdup_printf ("%d", n_agents);
  g_autofree char *pace_arg = g_strdup_printf ("%g", pace);
  g_autofree char *faster = g_strdup_printf ("%g\n", pace * 2);
  g_autoptr(AdClient) client = NULL;
  g_autoptr(AdWallboard) board = NULL;
  g_autoptr(GSettings) settings = NULL;
  GOutputStream *child_in;
  GtkWidget *window;
  Probe probe = { 0, };
  gint64 loading;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE, &error,
                            program, "--switch", "--agents", agents_arg, "--pace", pace_arg, NULL);
  g_assert_no_error (error);
  child_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (child_out, NULL, NULL, &error);
  if (line == NULL || !g_str_has_prefix (line, "listening on "))
    g_error ("The switch did not start: %s", error ? error->message : line);
  child_in = g_subprocess_get_stdin_pipe (child);

  client = ad_client_new (line + strlen ("listening on "));
  board = ad_wallboard_new (client, "supervisor", "demo");
  settings = g_settings_new (APP_ID);
  g_settings_set_boolean (settings, "wallboard-fullscreen", FALSE);
  window = ad_wallboard_window_new (NULL, board, settings);
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  /* Sorting by state or time makes every change of state move a card. */
  if (g_strcmp0 (sort_by, "state") == 0)
    ad_wallboard_window_set_sort (AD_WALLBOARD_WINDOW (window), AD_BOARD_SORT_STATE);
  else if (g_strcmp0 (sort_by, "time") == 0)
    ad_wallboard_window_set_sort (AD_WALLBOARD_WINDOW (window), AD_BOARD_SORT_TIME_IN_STATE);
  gtk_window_present (GTK_WINDOW (window));

  loading = g_get_monotonic_time ();
  ad_wallboard_start (board);
  while (ad_wallboard_get_stale (board))
    g_main_context_iteration (NULL, TRUE);
  printf ("wallboard: %d agents, %u queues, crowd pace %g, sorted by %s; first paint after %.0f ms\n",
          n_agents, g_list_model_get_n_items (ad_wallboard_get_queues (board)), pace,
          sort_by != NULL ? sort_by : "name",
          (g_get_monotonic_time () - loading) / 1000.0);

  if (hold)
    {
      while (TRUE)
        g_main_context_iteration (NULL, TRUE);
    }

  probe.lateness_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  probe.interval_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  probe.paint_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  probe.flush_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  probe.board = board;
  ad_wallboard_set_flush_interval (board, 60000);
  g_timeout_add (100, on_flush_timer, &probe);
  g_timeout_add (TIMER_MS, on_timer, &probe);
  g_signal_connect (gtk_widget_get_frame_clock (window), "before-paint",
                    G_CALLBACK (on_before_paint), &probe);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), &probe);
  g_signal_connect (board, "notify::stale", G_CALLBACK (on_stale), &probe);

  spin (5);
  measure_phase ("target load", board, &probe);

  g_output_stream_write_all (child_in, faster, strlen (faster), NULL, NULL, NULL);
  spin (5);
  measure_phase ("twice the load", board, &probe);

  g_subprocess_force_exit (child);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— the wallboard at scale");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (serve)
    return run_switch ();

  gtk_init ();
  adw_init ();
  return run_board (argv[0]);
}
