/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "agentdesk-client.h"

G_BEGIN_DECLS

/* The buttons of an interaction, generated from its actions-possible
 * alone: one button per item below, shown exactly while the switch offers
 * one of the item's actions, each bound to its win.* action (which the
 * window enables only while nothing is pending). ATTACH_DATA has no button
 * here: the attached data editor of AdInteractionView is its control.
 *
 * Properties: "interaction" (AdInteraction or NULL, read/write). */

typedef struct {
  const char    *action_name;  /* "win.answer" … */
  AdVoiceAction  actions;      /* offered while any of these is possible */
  const char    *label;        /* NC_("call action", …) */
  const char    *icon_name;
  const char    *style_class;  /* or NULL */
} AdActionBarItem;

#define AD_TYPE_ACTION_BAR (ad_action_bar_get_type ())

G_DECLARE_FINAL_TYPE (AdActionBar, ad_action_bar, AD, ACTION_BAR, AdwBin)

/* The buttons, in the order they are shown. */
const AdActionBarItem *ad_action_bar_get_items       (guint         *n_items);

GtkWidget             *ad_action_bar_new             (void);
AdInteraction         *ad_action_bar_get_interaction (AdActionBar   *self);
void                   ad_action_bar_set_interaction (AdActionBar   *self,
                                                      AdInteraction *interaction);
/* The button of the item whose action is @action_name. */
GtkWidget             *ad_action_bar_get_button      (AdActionBar   *self,
                                                      const char    *action_name);

G_END_DECLS
