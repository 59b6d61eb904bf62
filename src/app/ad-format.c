/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "AdFormat"

#include "config.h"

#include <glib/gi18n.h>

#include "ad-format.h"

const char *
ad_format_interaction_status (AdInteractionStatus status)
{
  switch (status)
    {
    case AD_INTERACTION_STATUS_NEW:
      return C_("call state", "New");
    case AD_INTERACTION_STATUS_DIALING:
      return C_("call state", "Dialing");
    case AD_INTERACTION_STATUS_RINGING:
      return C_("call state", "Ringing");
    case AD_INTERACTION_STATUS_TALKING:
      return C_("call state", "Talking");
    case AD_INTERACTION_STATUS_HELD:
      return C_("call state", "On hold");
    case AD_INTERACTION_STATUS_DIALING_HELD:
      return C_("call state", "Dialing, on hold");
    case AD_INTERACTION_STATUS_IDLE:
      return C_("call state", "Ended");
    case AD_INTERACTION_STATUS_MARKED_DONE:
      return C_("call state", "Done");
    case AD_INTERACTION_STATUS_UNKNOWN:
    default:
      return C_("call state", "Unknown");
    }
}

const char *
ad_format_interaction_status_icon (AdInteractionStatus status)
{
  switch (status)
    {
    case AD_INTERACTION_STATUS_RINGING:
      return "call-incoming-symbolic";
    case AD_INTERACTION_STATUS_DIALING:
    case AD_INTERACTION_STATUS_NEW:
      return "call-outgoing-symbolic";
    case AD_INTERACTION_STATUS_TALKING:
      return "call-start-symbolic";
    case AD_INTERACTION_STATUS_HELD:
    case AD_INTERACTION_STATUS_DIALING_HELD:
      return "media-playback-pause-symbolic";
    case AD_INTERACTION_STATUS_IDLE:
    case AD_INTERACTION_STATUS_MARKED_DONE:
      return "call-stop-symbolic";
    case AD_INTERACTION_STATUS_UNKNOWN:
    default:
      return "dialog-question-symbolic";
    }
}

const char *
ad_format_call_type (AdCallType type)
{
  switch (type)
    {
    case AD_CALL_TYPE_INBOUND:
      return C_("call type", "Inbound");
    case AD_CALL_TYPE_OUTBOUND:
      return C_("call type", "Outbound");
    case AD_CALL_TYPE_INTERNAL:
      return C_("call type", "Internal");
    case AD_CALL_TYPE_CONSULT:
      return C_("call type", "Consultation");
    case AD_CALL_TYPE_UNKNOWN:
    default:
      return C_("call type", "Unknown");
    }
}

const char *
ad_format_agent_status (AdAgentStatus status)
{
  switch (status)
    {
    case AD_AGENT_STATUS_LOGGED_OUT:
      return C_("agent state", "Logged out");
    case AD_AGENT_STATUS_NOT_READY:
      return C_("agent state", "Not ready");
    case AD_AGENT_STATUS_READY:
      return C_("agent state", "Ready");
    case AD_AGENT_STATUS_BUSY:
      return C_("agent state", "On a call");
    case AD_AGENT_STATUS_AFTER_CALL_WORK:
      return C_("agent state", "After-call work");
    case AD_AGENT_STATUS_UNKNOWN:
    default:
      return C_("agent state", "Unknown");
    }
}

const char *
ad_format_agent_activity (AdAgentStatus  status,
                          GListModel    *interactions)
{
  guint n = interactions != NULL ? g_list_model_get_n_items (interactions) : 0;
  gboolean ringing = FALSE;

  if (status != AD_AGENT_STATUS_BUSY)
    return ad_format_agent_status (status);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdInteraction) interaction = g_list_model_get_item (interactions, i);

      switch (ad_interaction_get_status (interaction))
        {
        case AD_INTERACTION_STATUS_RINGING:
          ringing = TRUE;
          break;
        case AD_INTERACTION_STATUS_DIALING:
        case AD_INTERACTION_STATUS_TALKING:
        case AD_INTERACTION_STATUS_HELD:
        case AD_INTERACTION_STATUS_DIALING_HELD:
          return ad_format_agent_status (status);
        case AD_INTERACTION_STATUS_UNKNOWN:
        case AD_INTERACTION_STATUS_NEW:
        case AD_INTERACTION_STATUS_IDLE:
        case AD_INTERACTION_STATUS_MARKED_DONE:
        default:
          break;
        }
    }

  /* Translators: the agent's state while a call rings at it and no call
   * of its own is dialed or established yet */
  return ringing ? C_("agent state", "Ringing") : ad_format_agent_status (status);
}

const char *
ad_format_party_role (AdPartyRole role)
{
  switch (role)
    {
    case AD_PARTY_ROLE_ORIGINATOR:
      return C_("party role", "Caller");
    case AD_PARTY_ROLE_DESTINATION:
      return C_("party role", "Called");
    case AD_PARTY_ROLE_CONFERENCE_MEMBER:
      return C_("party role", "Conference member");
    case AD_PARTY_ROLE_UNKNOWN:
    default:
      return C_("party role", "Party");
    }
}

char *
ad_format_duration (guint seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  return g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);
}

char *
ad_format_duration_spoken (guint seconds)
{
  guint hours = seconds / 3600;
  guint minutes = (seconds / 60) % 60;
  g_autofree char *large = NULL;
  g_autofree char *small = NULL;

  if (hours > 0)
    {
      large = g_strdup_printf (ngettext ("%u hour", "%u hours", hours), hours);
      if (minutes > 0)
        small = g_strdup_printf (ngettext ("%u minute", "%u minutes", minutes), minutes);
    }
  else
    {
      if (minutes > 0)
        large = g_strdup_printf (ngettext ("%u minute", "%u minutes", minutes), minutes);
      if (large == NULL || seconds % 60 > 0)
        small = g_strdup_printf (ngettext ("%u second", "%u seconds", seconds % 60), seconds % 60);
    }

  if (large == NULL)
    return g_steal_pointer (&small);
  if (small == NULL)
    return g_steal_pointer (&large);
  /* Translators: two parts of a duration, e.g. "12 minutes, 5 seconds" */
  return g_strdup_printf (C_("duration", "%s, %s"), large, small);
}

char *
ad_format_interaction_peer (AdInteraction *interaction)
{
  const char * const *numbers;
  const char *ani;
  const char *dnis;

  if (interaction == NULL)
    return g_strdup ("");

  ani = ad_interaction_get_ani (interaction);
  dnis = ad_interaction_get_dnis (interaction);
  numbers = ad_interaction_get_phone_numbers (interaction);

  if (ad_interaction_get_call_type (interaction) == AD_CALL_TYPE_INBOUND && ani != NULL)
    return g_strdup (ani);
  if (numbers != NULL && numbers[0] != NULL)
    return g_strdup (numbers[0]);
  if (dnis != NULL)
    return g_strdup (dnis);
  if (ani != NULL)
    return g_strdup (ani);
  return g_strdup (_("Unknown number"));
}

const char *
ad_format_code_label (GListModel *codes,
                      const char *code)
{
  guint n = codes != NULL ? g_list_model_get_n_items (codes) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdCode) item = g_list_model_get_item (codes, i);

      if (g_strcmp0 (ad_code_get_code (item), code) == 0)
        return ad_code_get_label (item);
    }
  return code;
}
