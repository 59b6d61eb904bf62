/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What every tile and card of a wallboard shares: the time, ticking once a
 * second — one timer for the whole board, however many rows show a time
 * in state or a call's duration — and the alarm thresholds (bound to the
 * wallboard-* settings).
 *
 * Properties:
 *   "now"                          gint64 (read-only) Unix seconds,
 *                                  notified once a second
 *   "service-level-target-percent" guint  (read/write, default 80)
 *   "wait-alarm-seconds"           guint  (read/write, default 60)
 *   "time-in-state-alarm-seconds"  guint  (read/write, default 600)
 */

#define AD_TYPE_BOARD_TICKER (ad_board_ticker_get_type ())

G_DECLARE_FINAL_TYPE (AdBoardTicker, ad_board_ticker, AD, BOARD_TICKER, GObject)

AdBoardTicker *ad_board_ticker_new                              (void);
gint64         ad_board_ticker_get_now                          (AdBoardTicker *self);
guint          ad_board_ticker_get_service_level_target_percent (AdBoardTicker *self);
guint          ad_board_ticker_get_wait_alarm_seconds           (AdBoardTicker *self);
guint          ad_board_ticker_get_time_in_state_alarm_seconds  (AdBoardTicker *self);
/* Binds the thresholds to the wallboard-* keys of @settings. */
void           ad_board_ticker_bind_settings                    (AdBoardTicker *self,
                                                                 GSettings     *settings);

G_END_DECLS
