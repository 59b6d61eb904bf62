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
      return _("New");
    case AD_INTERACTION_STATUS_DIALING:
      return _("Dialing");
    case AD_INTERACTION_STATUS_RINGING:
      return _("Ringing");
    case AD_INTERACTION_STATUS_TALKING:
      return _("Talking");
    case AD_INTERACTION_STATUS_HELD:
      return _("On hold");
    case AD_INTERACTION_STATUS_DIALING_HELD:
      return _("Dialing, on hold");
    case AD_INTERACTION_STATUS_IDLE:
      return _("Ended");
    case AD_INTERACTION_STATUS_MARKED_DONE:
      return _("Done");
    case AD_INTERACTION_STATUS_UNKNOWN:
    default:
      return _("Unknown");
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
      return _("Inbound");
    case AD_CALL_TYPE_OUTBOUND:
      return _("Outbound");
    case AD_CALL_TYPE_INTERNAL:
      return _("Internal");
    case AD_CALL_TYPE_CONSULT:
      return _("Consultation");
    case AD_CALL_TYPE_UNKNOWN:
    default:
      return _("Unknown");
    }
}

const char *
ad_format_agent_status (AdAgentStatus status)
{
  switch (status)
    {
    case AD_AGENT_STATUS_LOGGED_OUT:
      return _("Logged out");
    case AD_AGENT_STATUS_NOT_READY:
      return _("Not ready");
    case AD_AGENT_STATUS_READY:
      return _("Ready");
    case AD_AGENT_STATUS_BUSY:
      return _("On a call");
    case AD_AGENT_STATUS_AFTER_CALL_WORK:
      return _("After-call work");
    case AD_AGENT_STATUS_UNKNOWN:
    default:
      return _("Unknown");
    }
}

const char *
ad_format_party_role (AdPartyRole role)
{
  switch (role)
    {
    case AD_PARTY_ROLE_ORIGINATOR:
      return _("Caller");
    case AD_PARTY_ROLE_DESTINATION:
      return _("Called");
    case AD_PARTY_ROLE_CONFERENCE_MEMBER:
      return _("Conference member");
    case AD_PARTY_ROLE_UNKNOWN:
    default:
      return _("Party");
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
