/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdSwitchProfile"

#include "config.h"

#include "ad-switch-profile.h"

#include <string.h>

/* The profiles of the contract's "Switch profiles" table: what each lacks. */
static const struct {
  const char    *name;
  AdVoiceAction  lacks;
  gboolean       hold_while_dialing;
} profiles[] = {
  [AD_SWITCH_PROFILE_FULL] = { "full", AD_VOICE_ACTION_NONE, TRUE },
  [AD_SWITCH_PROFILE_NO_HOLD] = {
    "no-hold",
    AD_VOICE_ACTION_HOLD | AD_VOICE_ACTION_RETRIEVE | AD_VOICE_ACTION_INIT_TRANSFER |
    AD_VOICE_ACTION_INIT_CONFERENCE | AD_VOICE_ACTION_RECONNECT,
    FALSE,
  },
  [AD_SWITCH_PROFILE_NO_DIALING_HOLD] = { "no-dialing-hold", AD_VOICE_ACTION_NONE, FALSE },
  [AD_SWITCH_PROFILE_NO_SINGLE_STEP_TRANSFER] = {
    "no-single-step-transfer", AD_VOICE_ACTION_SINGLE_STEP_TRANSFER, TRUE,
  },
  [AD_SWITCH_PROFILE_BASIC] = {
    "basic",
    AD_VOICE_ACTION_ALL & ~(AD_VOICE_ACTION_MAKE_CALL | AD_VOICE_ACTION_ANSWER_CALL |
                            AD_VOICE_ACTION_RELEASE_CALL | AD_VOICE_ACTION_MARK_DONE),
    FALSE,
  },
};

gboolean
ad_switch_profile_from_name (const char      *name,
                             AdSwitchProfile *profile)
{
  g_return_val_if_fail (profile != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      if (strcmp (profiles[i].name, name) == 0)
        {
          *profile = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
ad_switch_profile_to_name (AdSwitchProfile profile)
{
  g_return_val_if_fail (profile < G_N_ELEMENTS (profiles), NULL);

  return profiles[profile].name;
}

AdVoiceAction
ad_switch_profile_supported (AdSwitchProfile profile)
{
  g_return_val_if_fail (profile < G_N_ELEMENTS (profiles), AD_VOICE_ACTION_NONE);

  return AD_VOICE_ACTION_ALL & ~profiles[profile].lacks;
}

gboolean
ad_switch_profile_hold_while_dialing (AdSwitchProfile profile)
{
  g_return_val_if_fail (profile < G_N_ELEMENTS (profiles), FALSE);

  return profiles[profile].hold_while_dialing;
}
