/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ad-wallboard.h"

G_BEGIN_DECLS

/* The supervisor's wallboard: a tile per queue and a grid of agent cards
 * over an AdWallboard, made to be read across a room — large figures,
 * dark, full screen (F11 toggles), the pointer hidden while it rests, the
 * agent grid paging through by itself. A banner with the time of the last
 * update covers the top whenever the board is stale, and the figures dim.
 * The setup bar (F2) filters the agents by queue and state and sorts them,
 * and the choices are kept in the settings for the next start; the board
 * needs nothing else from anyone. Thresholds come from the wallboard-*
 * settings too. While the board is stale, times in state stop.
 *
 * Properties: "board" (AdWallboard, construct-only), "settings"
 * (GSettings of the application's schema, construct-only). */

#define AD_TYPE_WALLBOARD_WINDOW (ad_wallboard_window_get_type ())

G_DECLARE_FINAL_TYPE (AdWallboardWindow, ad_wallboard_window, AD, WALLBOARD_WINDOW,
                      AdwApplicationWindow)

/* The setup bar's choices, in the order of its drop-downs. */
typedef enum {
  AD_BOARD_STATE_FILTER_LOGGED_IN = 0,
  AD_BOARD_STATE_FILTER_ALL,
  AD_BOARD_STATE_FILTER_READY,
  AD_BOARD_STATE_FILTER_BUSY,
  AD_BOARD_STATE_FILTER_NOT_READY,
  AD_BOARD_STATE_FILTER_AFTER_CALL_WORK,
  AD_BOARD_STATE_FILTER_LOGGED_OUT,
} AdBoardStateFilter;

typedef enum {
  AD_BOARD_SORT_NAME = 0,
  AD_BOARD_SORT_STATE,
  AD_BOARD_SORT_TIME_IN_STATE,
} AdBoardSort;

GtkWidget   *ad_wallboard_window_new              (GtkApplication     *application,
                                                   AdWallboard        *board,
                                                   GSettings          *settings);
AdWallboard *ad_wallboard_window_get_board        (AdWallboardWindow  *self);
/* @queue NULL: every queue. */
void         ad_wallboard_window_set_queue_filter (AdWallboardWindow  *self,
                                                   const char         *queue);
void         ad_wallboard_window_set_state_filter (AdWallboardWindow  *self,
                                                   AdBoardStateFilter  filter);
void         ad_wallboard_window_set_sort         (AdWallboardWindow  *self,
                                                   AdBoardSort         sort);
/* The agents the grid shows, filtered and sorted (AdBoardAgent items). */
GListModel  *ad_wallboard_window_get_shown_agents (AdWallboardWindow  *self);

G_END_DECLS
