/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ad-demo.h"
#include "ad-window.h"
#include "client-test-util.h"

G_BEGIN_DECLS

/* Demo mode started for a test: its switch in this process, colleagues
 * signed in, the simulation as asked, and agent1 signed in through a real
 * session as the desktop would be. */

typedef struct {
  AdDemo           *demo;
  ClientTestSwitch  ts;      /* a view of the demo's switch, for client_test_* */
  AdSession        *agent1;  /* NULL until demo_test_sign_in() */
} DemoTest;

void           demo_test_start        (DemoTest       *test,
                                       gboolean        simulation);
/* agent1 on place1001, READY when @ready. */
void           demo_test_sign_in      (DemoTest       *test,
                                       gboolean        ready);
void           demo_test_stop         (DemoTest       *test);

/* The switch's status of @agent_id. */
AdAgentStatus  demo_test_agent_status (DemoTest       *test,
                                       const char     *agent_id);
/* A call of agent1 to an outside number, TALKING once it returns. */
AdInteraction *demo_test_call_out     (DemoTest       *test);

/* Whether @widget is the one a search looks for, given @data. */
typedef gboolean (*DemoTestMatch) (GtkWidget     *widget,
                                   gconstpointer  data);

/* The first widget below @root (itself included), depth first, that
 * @match takes, or NULL. */
GtkWidget     *demo_test_find         (GtkWidget      *root,
                                       DemoTestMatch   match,
                                       gconstpointer   data);
/* The first button below @root for @action_name, or NULL. */
GtkWidget     *demo_test_find_button  (GtkWidget      *root,
                                       const char     *action_name);
/* The first widget below @root (itself included) of @type whose
 * accessible or visible label is @label (any label when NULL), or NULL. */
GtkWidget     *demo_test_find_widget  (GtkWidget      *root,
                                       GType           type,
                                       const char     *label);
/* Whether a GtkLabel below @root shows text containing @text. */
gboolean       demo_test_shows_text   (GtkWidget      *root,
                                       const char     *text);
/* The toplevel window of @type, or NULL. */
GtkWidget     *demo_test_find_window  (GType           type);
/* Clicks @button (which must be visible and sensitive). */
void           demo_test_click        (GtkWidget      *button);
/* Signs agent1 in on place1001 of the switch at @base_url through
 * @window's sign-in page, the password not kept, and returns the window's
 * session. */
AdSession     *demo_test_sign_in_window (AdWindow     *window,
                                         const char   *base_url);

G_END_DECLS
