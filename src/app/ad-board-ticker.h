/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What every tile and card of a wallboard shares: the time, ticking once a
 * second — one timer for the whole board, however many rows show a time
 * in state or a call's duration — and the alarm thresholds (bound to the
 * wallboard-* settings).
 *
 * Times in state and call durations count to "as-of", the time the
 * figures are of: "now" while the board is live; frozen at the last update
 * while it is stale, so that nothing ticks on as if it were live.
 *
 * Properties:
 *   "now"                          gint64 (read-only) Unix seconds,
 *                                  notified once a second
 *   "as-of"                        gint64 (read-only) Unix seconds
 *   "service-level-target-percent" guint  (read/write, default 80)
 *   "wait-alarm-seconds"           guint  (read/write, default 60)
 *   "time-in-state-alarm-seconds"  guint  (read/write, default 600)
 */

#define AD_TYPE_BOARD_TICKER (ad_board_ticker_get_type ())

G_DECLARE_FINAL_TYPE (AdBoardTicker, ad_board_ticker, AD, BOARD_TICKER, GObject)

AdBoardTicker *ad_board_ticker_new                              (void);
gint64         ad_board_ticker_get_now                          (AdBoardTicker *self);
gint64         ad_board_ticker_get_as_of                        (AdBoardTicker *self);
/* Stops "as-of" at @at (Unix seconds) until thawed; "now" goes on. */
void           ad_board_ticker_freeze                           (AdBoardTicker *self,
                                                                 gint64         at);
/* "as-of" follows "now" again. */
void           ad_board_ticker_thaw                             (AdBoardTicker *self);
gboolean       ad_board_ticker_get_frozen                       (AdBoardTicker *self);
guint          ad_board_ticker_get_service_level_target_percent (AdBoardTicker *self);
guint          ad_board_ticker_get_wait_alarm_seconds           (AdBoardTicker *self);
guint          ad_board_ticker_get_time_in_state_alarm_seconds  (AdBoardTicker *self);
/* Binds the thresholds to the wallboard-* keys of @settings. */
void           ad_board_ticker_bind_settings                    (AdBoardTicker *self,
                                                                 GSettings     *settings);

G_END_DECLS
