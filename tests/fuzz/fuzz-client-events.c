/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdFuzzClientEvents"

#include "config.h"

#include "ad-client-private.h"
#include "ad-sse-parser.h"

#include <stdint.h>
#include <string.h>

/* The desktop's decoding of what a switch sends: the input is an event
 * stream, parsed by AdSseParser and applied to a fresh AdSession exactly as
 * the event stream hands events over. Every event's data is also decoded
 * as each DTO the model knows (interaction, agent, directory entry, history
 * record, parties). Afterwards the session's list must be consistent: every
 * interaction once, found by its id, none marked done. */

typedef struct {
  AdSession     *session;
  AdInteraction *scratch;
  AdAgent       *agent;
  GListStore    *parties;
} Model;

static void
decode_as_dtos (Model      *model,
                const char *data)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(AdHistoryRecord) record = NULL;
  JsonNode *parties;

  /* Parsed as the client parses: one object and nothing after it (json-glib
   * 1.6 leaks whatever follows a first value). */
  object = ad_json_parse_object (data, -1, NULL);
  if (object == NULL)
    return;

  ad_interaction_apply_dto (model->scratch, object);
  ad_interaction_tick (model->scratch, g_get_monotonic_time ());
  ad_agent_apply_dto (model->agent, object);
  ad_agent_apply_directory_entry (model->agent, object);
  record = ad_history_record_new_from_json (object);
  parties = json_object_get_member (object, "parties");
  if (parties != NULL && JSON_NODE_HOLDS_ARRAY (parties))
    ad_party_list_update (model->parties, json_node_get_array (parties));
}

static void
on_event (const AdSseEvent *event,
          gpointer          user_data)
{
  Model *model = user_data;

  ad_session_apply_event (model->session, event->type, event->data);
  decode_as_dtos (model, event->data);
}

static void
check_session (AdSession *session)
{
  GListModel *list = ad_session_get_interactions (session);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(AdInteraction) interaction = g_list_model_get_item (list, i);
      const char *id = ad_interaction_get_id (interaction);

      g_assert_nonnull (id);
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, (gpointer) id);
      g_assert_true (ad_session_lookup_interaction (session, id) == interaction);
      g_assert_cmpint (ad_interaction_get_status (interaction), !=,
                       AD_INTERACTION_STATUS_MARKED_DONE);
    }
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  Model model;
  AdSseParser *parser;

  /* Nothing listens there: the session is never signed in, only fed. */
  model.session = ad_session_new ("http://127.0.0.1:9");
  model.scratch = ad_interaction_new (model.session, "fuzz-interaction");
  model.agent = ad_agent_new ("agent1");
  model.parties = g_list_store_new (AD_TYPE_PARTY);

  parser = ad_sse_parser_new (on_event, NULL, &model);
  ad_sse_parser_feed (parser, (const char *) data, size);
  /* A stream that ends without a blank line leaves its event undispatched,
   * as a closed connection does. */
  ad_sse_parser_free (parser);

  check_session (model.session);

  g_object_unref (model.parties);
  g_object_unref (model.agent);
  g_object_unref (model.scratch);
  g_object_unref (model.session);
  return 0;
}
