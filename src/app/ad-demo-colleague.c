/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdDemo"

#include "config.h"

#include "ad-demo-colleague.h"

#include <glib/gi18n.h>

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_AVAILABLE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* One interaction the colleague works on, and what it will do next. */
typedef struct {
  AdDemoColleague     *colleague;
  AdInteraction       *interaction;
  AdInteractionStatus  planned_for;  /* the status the timer was set in */
  guint                timer;
} Call;

struct _AdDemoColleague
{
  GObject       parent_instance;

  AdSession    *session;
  char         *agent_id;
  char         *place_id;
  GRand        *rand;
  GCancellable *cancellable;
  GHashTable   *calls;        /* AdInteraction → Call */
  guint         break_source;
};

G_DEFINE_FINAL_TYPE (AdDemoColleague, ad_demo_colleague, G_TYPE_OBJECT)

static const char * const notes[] = {
  N_("Answered the customer’s question."),
  N_("Customer will call back with the order number."),
  N_("Sent the details by email."),
  N_("Escalated to the second level."),
  N_("Updated the customer’s contact details."),
};

static void call_plan (Call *call);

static guint
random_ms (AdDemoColleague *self,
           guint            min_ms,
           guint            max_ms)
{
  return g_rand_int_range (self->rand, min_ms, max_ms + 1);
}

static void
on_request_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AdDemoColleague) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  Call *call;

  if (AD_IS_SESSION (source))
    ok = ad_session_finish (AD_SESSION (source), result, &error);
  else
    ok = ad_interaction_action_finish (AD_INTERACTION (source), result, &error);
  if (ok || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_debug ("%s: %s", self->agent_id, error->message);
  /* The call changed under the request (the caller hung up, an action was
   * still in flight): look again in a moment. */
  call = AD_IS_INTERACTION (source) ? g_hash_table_lookup (self->calls, source) : NULL;
  if (call != NULL && call->timer == 0)
    {
      call->planned_for = AD_INTERACTION_STATUS_UNKNOWN;
      call_plan (call);
    }
}

static gboolean
has_other_agent (AdDemoColleague *self,
                 AdInteraction   *interaction)
{
  GListModel *parties = ad_interaction_get_parties (interaction);

  for (guint i = 0; i < g_list_model_get_n_items (parties); i++)
    {
      g_autoptr(AdParty) party = g_list_model_get_item (parties, i);
      const char *agent_id = ad_party_get_agent_id (party);

      if (agent_id != NULL && g_strcmp0 (agent_id, self->agent_id) != 0)
        return TRUE;
    }
  return FALSE;
}

static void
wrap_up (AdDemoColleague *self)
{
  if (ad_agent_get_status (ad_session_get_agent (self->session)) != AD_AGENT_STATUS_AFTER_CALL_WORK)
    ad_session_after_call_work_async (self->session, self->cancellable,
                                      on_request_done, g_object_ref (self));
}

static gboolean
on_call_timer (gpointer user_data)
{
  Call *call = user_data;
  AdDemoColleague *self = call->colleague;
  AdInteraction *interaction = call->interaction;

  call->timer = 0;
  if (ad_interaction_get_pending_action (interaction) != AD_VOICE_ACTION_NONE)
    {
      call->planned_for = AD_INTERACTION_STATUS_UNKNOWN;
      call_plan (call);
      return G_SOURCE_REMOVE;
    }

  switch (ad_interaction_get_status (interaction))
    {
    case AD_INTERACTION_STATUS_RINGING:
      ad_interaction_answer_async (interaction, self->cancellable,
                                   on_request_done, g_object_ref (self));
      break;

    case AD_INTERACTION_STATUS_TALKING:
      /* Leaving a conference keeps it going for the others. */
      if (ad_interaction_can (interaction, AD_VOICE_ACTION_LEAVE_CONFERENCE))
        ad_interaction_leave_conference_async (interaction, self->cancellable,
                                               on_request_done, g_object_ref (self));
      else
        ad_interaction_release_async (interaction, self->cancellable,
                                      on_request_done, g_object_ref (self));
      wrap_up (self);
      break;

    case AD_INTERACTION_STATUS_IDLE:
      {
        GListModel *dispositions = ad_session_get_dispositions (self->session);
        guint n = g_list_model_get_n_items (dispositions);
        g_autoptr(AdCode) code = n > 0 ? g_list_model_get_item (dispositions,
                                                                g_rand_int_range (self->rand, 0, n))
                                       : NULL;

        ad_interaction_mark_done_async (interaction, code ? ad_code_get_code (code) : NULL,
                                        _(notes[g_rand_int_range (self->rand, 0, G_N_ELEMENTS (notes))]),
                                        self->cancellable, on_request_done, g_object_ref (self));
      }
      break;

    default:
      /* Nothing to do but wait for the next event. */
      break;
    }

  return G_SOURCE_REMOVE;
}

/* Sets the timer for what comes next in the call's current status. A
 * status the colleague has already planned for keeps its timer. */
static void
call_plan (Call *call)
{
  AdDemoColleague *self = call->colleague;
  AdInteraction *interaction = call->interaction;
  AdInteractionStatus status = ad_interaction_get_status (interaction);
  gboolean from_agent;
  guint delay_ms;

  if (status == call->planned_for && call->timer != 0)
    return;
  g_clear_handle_id (&call->timer, g_source_remove);
  call->planned_for = status;

  from_agent = ad_interaction_get_call_type (interaction) != AD_CALL_TYPE_INBOUND ||
               has_other_agent (self, interaction);
  switch (status)
    {
    case AD_INTERACTION_STATUS_RINGING:
      delay_ms = from_agent ? random_ms (self, 1000, 2000) : random_ms (self, 2000, 4000);
      break;
    case AD_INTERACTION_STATUS_TALKING:
      delay_ms = from_agent ? random_ms (self, 15000, 45000) : random_ms (self, 25000, 90000);
      break;
    case AD_INTERACTION_STATUS_IDLE:
      wrap_up (self);
      delay_ms = random_ms (self, 2000, 6000);
      break;
    default:
      /* Held or dialing: the colleague never holds nor dials. */
      return;
    }

  call->timer = g_timeout_add (delay_ms, on_call_timer, call);
}

static void
on_call_status_changed (AdInteraction *interaction,
                        GParamSpec    *pspec,
                        Call          *call)
{
  call_plan (call);
}

/* A completed transfer or conference is a new conversation: talk on. */
static void
on_call_parties_changed (GListModel *parties,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Call       *call)
{
  if (ad_interaction_get_status (call->interaction) != AD_INTERACTION_STATUS_TALKING)
    return;
  call->planned_for = AD_INTERACTION_STATUS_UNKNOWN;
  call_plan (call);
}

static void
call_free (Call *call)
{
  g_clear_handle_id (&call->timer, g_source_remove);
  g_signal_handlers_disconnect_by_data (call->interaction, call);
  g_signal_handlers_disconnect_by_data (ad_interaction_get_parties (call->interaction), call);
  g_object_unref (call->interaction);
  g_free (call);
}

static void
on_interaction_added (AdSession       *session,
                      AdInteraction   *interaction,
                      AdDemoColleague *self)
{
  Call *call = g_new0 (Call, 1);

  call->colleague = self;
  call->interaction = g_object_ref (interaction);
  g_signal_connect (interaction, "notify::status", G_CALLBACK (on_call_status_changed), call);
  g_signal_connect (ad_interaction_get_parties (interaction), "items-changed",
                    G_CALLBACK (on_call_parties_changed), call);
  g_hash_table_insert (self->calls, interaction, call);
  if (g_hash_table_size (self->calls) == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  call_plan (call);
}

static void
on_interaction_removed (AdSession       *session,
                        AdInteraction   *interaction,
                        AdDemoColleague *self)
{
  if (!g_hash_table_remove (self->calls, interaction) || g_hash_table_size (self->calls) > 0)
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_signal_emit (self, signals[SIGNAL_AVAILABLE], 0);
}

static gboolean
on_break_over (gpointer user_data)
{
  AdDemoColleague *self = user_data;

  self->break_source = 0;
  if (g_hash_table_size (self->calls) == 0)
    g_signal_emit (self, signals[SIGNAL_AVAILABLE], 0);
  return G_SOURCE_REMOVE;
}

static void
on_placed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!ad_session_finish (AD_SESSION (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_signed_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AdDemoColleague *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  if (!ad_session_finish (AD_SESSION (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  ad_session_agent_login_async (self->session, self->place_id, cancellable,
                                on_placed, g_steal_pointer (&task));
}

AdDemoColleague *
ad_demo_colleague_new (const char *base_url,
                       const char *agent_id,
                       const char *place_id,
                       guint32     seed)
{
  AdDemoColleague *self;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (agent_id != NULL, NULL);
  g_return_val_if_fail (place_id != NULL, NULL);

  self = g_object_new (AD_TYPE_DEMO_COLLEAGUE, NULL);
  self->session = ad_session_new (base_url);
  self->agent_id = g_strdup (agent_id);
  self->place_id = g_strdup (place_id);
  self->rand = g_rand_new_with_seed (seed);
  g_signal_connect_object (self->session, "interaction-added",
                           G_CALLBACK (on_interaction_added), self, 0);
  g_signal_connect_object (self->session, "interaction-removed",
                           G_CALLBACK (on_interaction_removed), self, 0);
  return self;
}

AdSession *
ad_demo_colleague_get_session (AdDemoColleague *self)
{
  g_return_val_if_fail (AD_IS_DEMO_COLLEAGUE (self), NULL);

  return self->session;
}

gboolean
ad_demo_colleague_get_busy (AdDemoColleague *self)
{
  g_return_val_if_fail (AD_IS_DEMO_COLLEAGUE (self), FALSE);

  return g_hash_table_size (self->calls) > 0;
}

void
ad_demo_colleague_start_async (AdDemoColleague     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (AD_IS_DEMO_COLLEAGUE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ad_demo_colleague_start_async);
  ad_session_login_async (self->session, self->agent_id, "demo", cancellable, on_signed_in, task);
}

gboolean
ad_demo_colleague_start_finish (AdDemoColleague  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ad_demo_colleague_go_ready (AdDemoColleague *self)
{
  g_return_if_fail (AD_IS_DEMO_COLLEAGUE (self));

  g_clear_handle_id (&self->break_source, g_source_remove);
  ad_session_ready_async (self->session, self->cancellable, on_request_done, g_object_ref (self));
}

void
ad_demo_colleague_take_break (AdDemoColleague *self,
                              const char      *reason_code,
                              guint            seconds)
{
  g_return_if_fail (AD_IS_DEMO_COLLEAGUE (self));

  g_clear_handle_id (&self->break_source, g_source_remove);
  ad_session_not_ready_async (self->session, reason_code, self->cancellable,
                              on_request_done, g_object_ref (self));
  if (seconds > 0)
    self->break_source = g_timeout_add_seconds (seconds, on_break_over, self);
}

static void
ad_demo_colleague_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AdDemoColleague *self = AD_DEMO_COLLEAGUE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, ad_demo_colleague_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_demo_colleague_dispose (GObject *object)
{
  AdDemoColleague *self = AD_DEMO_COLLEAGUE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->break_source, g_source_remove);
  g_hash_table_remove_all (self->calls);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ad_demo_colleague_parent_class)->dispose (object);
}

static void
ad_demo_colleague_finalize (GObject *object)
{
  AdDemoColleague *self = AD_DEMO_COLLEAGUE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->calls, g_hash_table_unref);
  g_clear_pointer (&self->rand, g_rand_free);
  g_free (self->agent_id);
  g_free (self->place_id);

  G_OBJECT_CLASS (ad_demo_colleague_parent_class)->finalize (object);
}

static void
ad_demo_colleague_class_init (AdDemoColleagueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ad_demo_colleague_get_property;
  object_class->dispose = ad_demo_colleague_dispose;
  object_class->finalize = ad_demo_colleague_finalize;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, AD_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_AVAILABLE] =
    g_signal_new ("available", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ad_demo_colleague_init (AdDemoColleague *self)
{
  self->cancellable = g_cancellable_new ();
  self->calls = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) call_free);
}
