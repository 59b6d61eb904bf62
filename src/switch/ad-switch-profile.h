/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ad-common.h"

G_BEGIN_DECLS

typedef enum {
  AD_SWITCH_PROFILE_FULL,
  AD_SWITCH_PROFILE_NO_HOLD,
  AD_SWITCH_PROFILE_NO_DIALING_HOLD,
  AD_SWITCH_PROFILE_NO_SINGLE_STEP_TRANSFER,
  AD_SWITCH_PROFILE_BASIC,
} AdSwitchProfile;

/* "full", "no-hold", … ; FALSE for an unknown name. */
gboolean      ad_switch_profile_from_name (const char      *name,
                                           AdSwitchProfile *profile);
const char   *ad_switch_profile_to_name   (AdSwitchProfile  profile);
/* The actions the profile supports at all. */
AdVoiceAction ad_switch_profile_supported (AdSwitchProfile  profile);
/* Whether HOLD is offered while DIALING. */
gboolean      ad_switch_profile_hold_while_dialing (AdSwitchProfile profile);

G_END_DECLS
