/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The desktop's start-up and memory: the time from launch to the window's
 * first frame (the sign-in page), to the signed-in desk's first frame, and
 * the resident memory with 1 and with 50 interactions in the list. The
 * switch runs in this process (its memory is in the figures too; the
 * "switch alone" line says how much). Run under X or Xvfb:
 *   xvfb-run -a _build/bench/bench-app */

#define G_LOG_DOMAIN "BenchApp"

#include "config.h"

#include <unistd.h>

#include "ad-application.h"
#include "ad-switch-server.h"
#include "ad-window.h"

#define N_CALLS 50

static gint64 start_us;

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

#define WAIT_FOR(expr)                                                        \
  G_STMT_START {                                                              \
    gint64 deadline_ = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;         \
    guint wake_ = g_timeout_add (50, wake_cb, NULL);                          \
    while (!(expr))                                                           \
      {                                                                       \
        if (g_get_monotonic_time () > deadline_)                              \
          g_error ("Timed out waiting for %s", #expr);                        \
        g_main_context_iteration (NULL, TRUE);                                \
      }                                                                       \
    g_source_remove (wake_);                                                  \
  } G_STMT_END

static double
rss_mib (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0;
  unsigned long resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%lu %lu", &size, &resident) != 2)
    return 0;
  return (double) resident * sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Waits until the window has painted a frame after now. */
static double
wait_for_frame (GtkWidget *window)
{
  gboolean painted = FALSE;
  GdkFrameClock *clock;
  gulong handler;

  WAIT_FOR (gtk_widget_get_mapped (window));
  clock = gtk_widget_get_frame_clock (window);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (window);
  WAIT_FOR (painted);
  g_signal_handler_disconnect (clock, handler);
  return (g_get_monotonic_time () - start_us) / 1000.0;
}

static void
sim_inbound (AdSwitchServer *server,
             guint           i)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ani = g_strdup_printf ("+1555%07u", i);
  g_autofree char *call_id = NULL;

  json_object_set_string_member (data, "CustomerName", "Bench Caller");
  json_object_set_string_member (data, "Topic", "Billing question");
  json_object_set_string_member (body, "ani", ani);
  json_object_set_string_member (body, "dn", "1001");
  json_object_set_object_member (body, "attachedData", g_steal_pointer (&data));
  call_id = ad_call_center_sim_inbound (ad_switch_server_get_call_center (server), body, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdApplication) app = NULL;
  g_autoptr(AdSwitchServer) server = NULL;
  g_autoptr(GError) error = NULL;
  AdSwitchOptions options;
  AdSignInPage *page;
  AdSession *session;
  GListModel *interactions;
  AdWindow *window;
  double first_frame_ms;
  double desk_frame_ms;
  double switch_mib;
  double signed_in_mib;
  double one_mib;
  double fifty_mib;
  gint64 calls_start_us;
  double fifty_ms;

  start_us = g_get_monotonic_time ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_init ();
  app = ad_application_new (G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  window = ad_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  first_frame_ms = wait_for_frame (GTK_WIDGET (window));

  /* The switch starts after the first frame, so it does not count in it. */
  ad_switch_options_init (&options);
  options.sim_api = TRUE;
  server = ad_switch_server_new (&options, &error);
  if (server == NULL || !ad_switch_server_listen (server, "127.0.0.1", 0, &error))
    g_error ("%s", error->message);
  switch_mib = rss_mib ();

  start_us = g_get_monotonic_time ();
  page = ad_window_get_sign_in_page (window);
  ad_sign_in_page_set_remember (page, FALSE);
  ad_sign_in_page_fill (page, ad_switch_server_get_base_url (server), "agent1", "demo", "place1001");
  ad_sign_in_page_submit (page);
  WAIT_FOR (ad_window_get_session (window) != NULL);
  desk_frame_ms = wait_for_frame (GTK_WIDGET (window));
  session = ad_window_get_session (window);
  interactions = ad_session_get_interactions (session);
  signed_in_mib = rss_mib ();

  sim_inbound (server, 0);
  WAIT_FOR (g_list_model_get_n_items (interactions) == 1);
  wait_for_frame (GTK_WIDGET (window));
  one_mib = rss_mib ();

  calls_start_us = g_get_monotonic_time ();
  for (guint i = 1; i < N_CALLS; i++)
    sim_inbound (server, i);
  WAIT_FOR (g_list_model_get_n_items (interactions) == N_CALLS);
  start_us = calls_start_us;
  fifty_ms = wait_for_frame (GTK_WIDGET (window));
  fifty_mib = rss_mib ();

  g_print ("launch to first frame (sign-in page):  %8.1f ms\n", first_frame_ms);
  g_print ("sign-in to the desk's first frame:      %8.1f ms\n", desk_frame_ms);
  g_print ("49 more calls to their frame:           %8.1f ms\n", fifty_ms);
  g_print ("RSS, window and in-process switch:      %8.1f MiB\n", switch_mib);
  g_print ("RSS, signed in, no interaction:         %8.1f MiB\n", signed_in_mib);
  g_print ("RSS, 1 interaction:                     %8.1f MiB\n", one_mib);
  g_print ("RSS, %d interactions:                   %8.1f MiB\n", N_CALLS, fifty_mib);

  gtk_window_destroy (GTK_WINDOW (window));
  ad_switch_server_shutdown (server);
  return 0;
}
