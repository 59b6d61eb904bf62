/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ad-call-center.h"

G_BEGIN_DECLS

/* The insides of AdCallCenter, shared by the files that implement it, each
 * holding one part of the call model:
 *   ad-call-center.c               the GObject: signals, clock, sources, JSON
 *   ad-call-center-actions.c       accepted actions: in flight, then applied
 *   ad-call-center-agents.c        agents: DTO, status, login and logout
 *   ad-call-center-calls.c         calls and their members (the parties)
 *   ad-call-center-dialing.c       the dial plan and the outside world
 *   ad-call-center-directory.c     places, DNs, queues, agents as configured
 *   ad-call-center-interactions.c  reading, creating, acting on interactions
 *   ad-call-center-legs.c          legs (interactions): DTO, actions, status
 *   ad-call-center-queues.c        waiting calls, the router, statistics
 * The structures below are plain data owned by the center; only these
 * files include this header, and the functions below are theirs. */

typedef struct _CcPlace   CcPlace;
typedef struct _CcDn      CcDn;
typedef struct _CcQueue   CcQueue;
typedef struct _CcAgent   CcAgent;
typedef struct _CcCall    CcCall;
typedef struct _CcMember  CcMember;
typedef struct _CcLeg     CcLeg;
typedef struct _CcPending CcPending;

struct _CcDn {
  char    *dn_id;
  char    *number;
  CcPlace *place;
};

struct _CcPlace {
  char      *place_id;
  GPtrArray *dns;            /* CcDn, owned */
  CcAgent   *agent;          /* logged in here, or NULL */
};

struct _CcQueue {
  char   *name;
  char   *route_point;
  GQueue  waiting;           /* CcCall, oldest first */
  GQueue  ready;             /* CcAgent in READY, idle the longest first */
  guint   agents[AD_AGENT_STATUS_AFTER_CALL_WORK + 1];  /* logged-in members by status */
  guint   answered;
  guint   abandoned;
  guint   answered_in_time;  /* within the service level threshold */
  guint   abandoned_late;    /* after the threshold */
  gint64  answer_wait_us;    /* sum over the answered calls */
};

struct _CcAgent {
  char          *agent_id;
  char          *name;
  CcPlace       *default_place;
  CcPlace       *place;
  GPtrArray     *queues;       /* CcQueue */
  GList        **ready_links;  /* per queue: the agent's link in its ready list */
  AdAgentStatus  status;
  char          *reason_code;
  AdAgentStatus  next_status;  /* while BUSY: where the agent returns */
  char          *next_reason_code;
  gint64         status_since;
  GPtrArray     *legs;         /* CcLeg not marked done */
  guint          active;       /* legs in a call (DIALING … DIALING_HELD) */
  guint64        current_seq;  /* agent:currentCall as last announced */
  gint64         current_established;
  guint64        version;      /* agent:version: rises with every announced change */
};

typedef enum {
  MEMBER_LEG,
  MEMBER_OUTSIDE,
  MEMBER_ROUTE_POINT,
} CcMemberKind;

/* A party on a call: an agent's leg, an outside number or, while the call
 * waits in a queue, its route point. */
struct _CcMember {
  CcCall      *call;
  CcMemberKind kind;
  char        *number;
  CcAgent     *agent;      /* whose DN it is, for a leg */
  CcLeg       *leg;
  AdPartyRole  role;
  gboolean     answered;
  /* Added by a single-step conference and not answered yet: only its own
   * leg lists it among the parties. */
  gboolean     pending;
  GSource     *answer_source;
};

struct _CcCall {
  AdCallCenter *center;
  char       *call_id;
  AdCallType  type;
  char       *ani;
  char       *dnis;
  GPtrArray  *members;         /* CcMember, owned */
  JsonObject *attached_data;   /* shared by every leg of the call */
  CcQueue    *queue;           /* waiting in it */
  GList      *queue_link;
  CcQueue    *stats_queue;     /* came through it, neither answered nor abandoned yet */
  gint64      queued_at;
};

/* One DN's leg of a call: the contract's interaction. */
struct _CcLeg {
  char                *id;
  CcAgent             *agent;
  CcDn                *dn;
  CcCall              *call;
  CcMember            *member;
  AdInteractionStatus  status;
  AdEventReason        reason;
  AdCallType           type;
  char                *ani;
  char                *dnis;
  char                *call_id;
  gboolean             muted;
  JsonObject          *attached_data;  /* its own while not on a call */
  JsonNode            *parties;        /* snapshot taken when it left its call */
  JsonObject          *extensions;
  JsonObject          *t_extensions;
  JsonObject          *t_reasons;
  gint64               created_at;
  gint64               established_at;
  gint64               ended_at;
  guint64              activated;      /* when it last joined a call */
  CcPending           *pending;        /* the action in flight */
  /* A dual-step transfer or conference links Call_1's leg (origin) and the
   * consult leg, Call_2, both ways. */
  CcLeg               *consult;
  gboolean             consult_origin;
  gboolean             consult_conference;
};

/* An accepted action, applied once its source fires. */
struct _CcPending {
  AdCallCenter  *center;
  CcLeg         *leg;
  /* The consultation's other leg, in flight too: INIT_*'s Call_2 (created
   * when accepted), or the partner that RECONNECT and COMPLETE_* change. */
  CcLeg         *consult;
  AdVoiceAction  action;
  char          *destination;
  char          *digits;
  JsonObject    *attached_data;
  JsonObject    *reasons;
  JsonObject    *extensions;
  GSource       *source;
};

struct _AdCallCenter {
  GObject          parent_instance;

  AdSwitchProfile  profile;
  GMainContext    *context;
  guint            answer_delay_ms;
  guint            action_delay_ms;
  AdHistorySink    sink;
  gpointer         sink_data;
  AdClockFunc      clock;
  gpointer         clock_data;

  gboolean         configured;
  guint            service_level_seconds;
  gboolean         after_call_work;
  GPtrArray       *places;       /* CcPlace, owned, configuration order */
  GPtrArray       *queues;       /* CcQueue, owned */
  GPtrArray       *agents;       /* CcAgent, owned */
  GHashTable      *place_by_id;
  GHashTable      *dn_by_id;
  GHashTable      *dn_by_number;
  GHashTable      *queue_by_name;
  GHashTable      *queue_by_number;
  GHashTable      *agent_by_id;
  JsonNode        *reason_codes;
  JsonNode        *dispositions;

  GHashTable      *legs;         /* id → CcLeg, owned */
  GHashTable      *calls;        /* id → CcCall, owned */
  GSource         *route_source;
  GSource         *wait_tick;    /* while calls wait: oldestWaitSeconds grows */
  guint64          activations;
};

/* A dialed number, resolved: what it reaches. */
typedef struct {
  CcMemberKind  kind;
  const char   *number;
  CcDn         *dn;
  CcQueue      *queue;
} CcDestination;

/* ad-call-center.c: the center's signals (DTOs are built only when a
 * handler is connected), its clock and sources, JSON helpers */
void           cc_emit_queue_changed     (AdCallCenter         *self,
                                          CcQueue              *queue);
void           cc_emit_agent_event       (AdCallCenter         *self,
                                          CcAgent              *agent);
void           cc_emit_interaction_event (AdCallCenter         *self,
                                          CcLeg                *leg);
gint64         cc_now_us                 (AdCallCenter         *self);
JsonNode      *cc_time_node              (gint64                us);
GSource       *cc_schedule               (AdCallCenter         *self,
                                          guint                 delay_ms,
                                          GSourceFunc           func,
                                          gpointer              data);
void           cc_cancel_source          (GSource             **source);
JsonObject    *cc_copy_object            (JsonObject           *object);
/* attachedData semantics: keys are set, a null value deletes. */
void           cc_merge_data             (JsonObject           *data,
                                          JsonObject           *changes);
void           cc_set_string_or_null     (JsonObject           *object,
                                          const char           *member,
                                          const char           *value);
JsonNode      *cc_empty_array_node       (void);
JsonObject    *cc_new_extension          (const char           *key,
                                          JsonObject           *value,
                                          const char           *key2,
                                          JsonObject           *value2);

/* ad-call-center-actions.c */
/* Puts @pending in flight on @leg (and its consult leg, if any): it is
 * applied after the action delay. */
void           cc_accept_action          (AdCallCenter         *self,
                                          CcLeg                *leg,
                                          CcPending            *pending);
void           cc_pending_free           (CcPending            *pending);

/* ad-call-center-agents.c */
JsonObject    *cc_agent_to_dto           (AdCallCenter         *self,
                                          CcAgent              *agent);
/* After a change of one of the agent's legs. */
void           cc_agent_refresh          (AdCallCenter         *self,
                                          CcAgent              *agent);

/* ad-call-center-calls.c */
CcCall        *cc_call_new               (AdCallCenter         *self,
                                          AdCallType            type,
                                          const char           *ani,
                                          const char           *dnis);
void           cc_call_free              (CcCall               *call);
CcMember      *cc_member_add             (CcCall               *call,
                                          CcMemberKind          kind,
                                          const char           *number,
                                          AdPartyRole           role);
JsonObject    *cc_member_to_party        (CcMember             *member);
/* The call's members: those who answered, or those every leg lists (not
 * pending). */
guint          cc_count_members          (CcCall               *call,
                                          gboolean              answered_only);
gboolean       cc_has_pending_member     (CcCall               *call);
void           cc_leg_join               (CcLeg                *leg,
                                          CcMember             *member);
void           cc_unlink_consult         (CcLeg                *leg);
void           cc_detach_member          (AdCallCenter         *self,
                                          CcMember             *member);
void           cc_call_end               (AdCallCenter         *self,
                                          CcCall               *call,
                                          CcMember             *first);
gboolean       cc_call_survives_without  (CcCall               *call,
                                          CcMember             *leaving);
gboolean       cc_call_check_end         (AdCallCenter         *self,
                                          CcCall               *call);
void           cc_notify_legs            (AdCallCenter         *self,
                                          CcCall               *call,
                                          CcLeg                *except,
                                          JsonObject           *extensions);
void           cc_leave_call             (AdCallCenter         *self,
                                          CcLeg                *leg);
void           cc_member_answered        (AdCallCenter         *self,
                                          CcMember             *member);

/* ad-call-center-dialing.c */
gboolean       cc_resolve_destination    (AdCallCenter         *self,
                                          const char           *number,
                                          CcDn                 *from,
                                          CcCall               *call,
                                          gboolean              allow_route_point,
                                          CcDestination        *dest,
                                          GError              **error);
CcMember      *cc_add_destination        (CcCall               *call,
                                          const CcDestination  *dest,
                                          AdPartyRole           role,
                                          gboolean              pending);
CcMember      *cc_start_destination      (AdCallCenter         *self,
                                          CcMember             *member,
                                          const CcDestination  *dest);
CcMember      *cc_connect_destination    (AdCallCenter         *self,
                                          CcCall               *call,
                                          const CcDestination  *dest,
                                          AdPartyRole           role,
                                          gboolean              pending);
void           cc_replace_member         (AdCallCenter         *self,
                                          CcMember             *old,
                                          const CcDestination  *dest);

/* ad-call-center-directory.c */
void           cc_place_free             (CcPlace              *place);
void           cc_queue_free             (CcQueue              *queue);
void           cc_agent_free             (CcAgent              *agent);
gpointer       cc_lookup                 (GHashTable           *table,
                                          const char           *id,
                                          const char           *what,
                                          AdError               code,
                                          GError              **error);
/* Whether @code is one of @codes (the center's reason codes or
 * dispositions); anything is when the center has none. */
gboolean       cc_known_code             (JsonNode             *codes,
                                          const char           *code);
JsonArray     *cc_place_dns              (CcPlace              *place);

/* ad-call-center-legs.c */
/* A leg in a call: DIALING, RINGING, TALKING, HELD or DIALING_HELD. */
gboolean       cc_is_active              (AdInteractionStatus   status);
CcLeg         *cc_leg_new                (AdCallCenter         *self,
                                          CcDn                 *dn,
                                          CcAgent              *agent);
void           cc_leg_free               (CcLeg                *leg);
/* The call's attached data while on a call, else the leg's own. */
JsonObject    *cc_leg_data               (CcLeg                *leg);
JsonNode      *cc_leg_parties            (CcLeg                *leg);
/* Whole seconds from the answer to @end (0 before an answer, or when the
 * clock stepped back). */
gint64         cc_leg_duration_s         (CcLeg                *leg,
                                          gint64                end);
AdVoiceAction  cc_leg_actions            (AdCallCenter         *self,
                                          CcLeg                *leg);
JsonObject    *cc_leg_to_dto             (AdCallCenter         *self,
                                          CcLeg                *leg);
void           cc_emit_leg               (AdCallCenter         *self,
                                          CcLeg                *leg,
                                          AdEventReason         reason,
                                          JsonObject           *extensions);
void           cc_set_leg_status         (AdCallCenter         *self,
                                          CcLeg                *leg,
                                          AdInteractionStatus   status);
void           cc_remove_leg             (AdCallCenter         *self,
                                          CcLeg                *leg);

/* ad-call-center-queues.c */
void           cc_enqueue_call           (AdCallCenter         *self,
                                          CcCall               *call,
                                          CcQueue              *queue);
void           cc_dequeue_call           (AdCallCenter         *self,
                                          CcCall               *call);
void           cc_settle_queue_stats     (AdCallCenter         *self,
                                          CcCall               *call,
                                          gboolean              answered);
void           cc_schedule_routing       (AdCallCenter         *self);

G_END_DECLS
