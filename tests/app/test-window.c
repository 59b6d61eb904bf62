/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "TestWindow"

#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ad-agent-status-button.h"
#include "ad-application.h"
#include "ad-dtmf-dialog.h"
#include "ad-interaction-row.h"
#include "ad-new-call-dialog.h"
#include "ad-transfer-dialog.h"
#include "ad-switch-server.h"
#include "ad-window.h"
#include "demo-test-util.h"

/* A guard against hangs, never a timing assertion. */
#define TIMEOUT_S 30

static AdApplication *app;
static gboolean have_keyring;

/* A notification server of our own on the session bus, as the desktop
 * shell would be: it records what the application shows. */
typedef struct {
  guint32  id;
  char    *summary;
  char    *body;
  GStrv    actions;   /* key, label, key, label … */
  gboolean closed;
} Notification;

static GPtrArray *notifications;
static GDBusConnection *bus;

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "    <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "  </interface>"
  "</node>";

static void
notification_free (gpointer data)
{
  Notification *notification = data;

  g_free (notification->summary);
  g_free (notification->body);
  g_strfreev (notification->actions);
  g_free (notification);
}

static void
on_notifications_call (GDBusConnection       *connection,
                       const char            *sender,
                       const char            *object_path,
                       const char            *interface_name,
                       const char            *method_name,
                       GVariant              *parameters,
                       GDBusMethodInvocation *invocation,
                       gpointer               user_data)
{
  if (g_str_equal (method_name, "Notify"))
    {
      Notification *notification = g_new0 (Notification, 1);
      guint32 replaces_id;

      g_variant_get (parameters, "(&su&sss^as@a{sv}i)", NULL, &replaces_id, NULL,
                     &notification->summary, &notification->body, &notification->actions,
                     NULL, NULL);
      notification->id = replaces_id != 0 ? replaces_id : notifications->len + 1;
      g_ptr_array_add (notifications, notification);
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(u)", notification->id));
    }
  else if (g_str_equal (method_name, "CloseNotification"))
    {
      guint32 id;

      g_variant_get (parameters, "(u)", &id);
      for (guint i = 0; i < notifications->len; i++)
        {
          Notification *notification = g_ptr_array_index (notifications, i);

          if (notification->id == id)
            notification->closed = TRUE;
        }
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *capabilities[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(^as)", capabilities));
    }
  else
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(ssss)", "test", "Agent Desk",
                                                            "1", "1.2"));
    }
}

static gboolean name_acquired;

static void
on_notifications_name_acquired (GDBusConnection *connection,
                                const char      *name,
                                gpointer         user_data)
{
  name_acquired = TRUE;
}

static void
start_notification_server (void)
{
  static const GDBusInterfaceVTable vtable = { on_notifications_call };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GError) error = NULL;

  notifications = g_ptr_array_new_with_free_func (notification_free);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                     info->interfaces[0], &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications",
                                G_BUS_NAME_OWNER_FLAGS_REPLACE,
                                on_notifications_name_acquired, NULL, NULL, NULL);
}

/* The latest notification whose summary is @summary, or NULL. */
static Notification *
find_notification (const char *summary)
{
  for (guint i = notifications->len; i > 0; i--)
    {
      Notification *notification = g_ptr_array_index (notifications, i - 1);

      if (g_strcmp0 (notification->summary, summary) == 0)
        return notification;
    }
  return NULL;
}

/* Clicks the button labelled @label, as the shell does. */
static void
invoke_notification_action (Notification *notification,
                            const char   *label)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; notification->actions[i] != NULL && notification->actions[i + 1] != NULL; i += 2)
    {
      if (g_str_equal (notification->actions[i + 1], label))
        {
          g_dbus_connection_emit_signal (bus, NULL, "/org/freedesktop/Notifications",
                                         "org.freedesktop.Notifications", "ActionInvoked",
                                         g_variant_new ("(us)", notification->id,
                                                        notification->actions[i]),
                                         &error);
          g_assert_no_error (error);
          return;
        }
    }
  g_error ("The notification has no button “%s”", label);
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until @expr holds; fails after TIMEOUT_S. */
#define WAIT_FOR(expr)                                                        \
  G_STMT_START {                                                              \
    gint64 deadline_ = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;  \
    guint wake_ = g_timeout_add (50, wake_cb, NULL);                          \
    while (!(expr))                                                           \
      {                                                                       \
        if (g_get_monotonic_time () > deadline_)                              \
          g_error ("Timed out waiting for %s", #expr);                        \
        g_main_context_iteration (NULL, TRUE);                                \
      }                                                                       \
    g_source_remove (wake_);                                                  \
  } G_STMT_END

/* Runs what is ready to run now (the window's idle updates). */
static void
flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* GLib's org.freedesktop.Notifications backend learns a notification's
 * id from the answer to Notify, and does not close one whose answer it
 * has not had yet. Under load the call can be answered before then, so
 * wait for that answer to reach the application: the bus delivers the
 * answer to a later call after it. */
static void
wait_for_notify_answer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) id = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus",
                                                        "/org/freedesktop/DBus",
                                                        "org.freedesktop.DBus", "GetId", NULL,
                                                        G_VARIANT_TYPE ("(s)"),
                                                        G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);

  g_assert_no_error (error);
  flush ();
}

typedef struct {
  AdSwitchServer *server;
  AdWindow       *window;
  AdSession      *session;
  AdInteraction  *checked;   /* buttons checked on its every change */
  guint           check_id;
} Fixture;

static void
start_switch (Fixture         *f,
              AdSwitchProfile  profile,
              guint            action_delay_ms)
{
  AdSwitchOptions options;
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (notifications, 0);
  ad_switch_options_init (&options);
  options.profile = profile;
  options.sim_api = TRUE;
  options.answer_delay_ms = 50;
  options.action_delay_ms = action_delay_ms;
  f->server = ad_switch_server_new (&options, &error);
  g_assert_no_error (error);
  ad_switch_server_listen (f->server, "127.0.0.1", 0, &error);
  g_assert_no_error (error);

  f->window = g_object_ref_sink (ad_window_new (app));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
sign_in (Fixture    *f,
         const char *base_url,
         const char *username,
         const char *password,
         const char *place_id)
{
  AdSignInPage *page = ad_window_get_sign_in_page (f->window);

  ad_sign_in_page_fill (page, base_url, username, password, place_id);
  ad_sign_in_page_submit (page);
  g_assert_true (ad_sign_in_page_get_busy (page));
  WAIT_FOR (!ad_sign_in_page_get_busy (page));
}

/* Signs agent1 in on place1001 through the sign-in page and makes it
 * Ready, as an agent starts the day. */
static void
sign_in_ready (Fixture *f)
{
  AdAgent *agent;

  ad_sign_in_page_set_remember (ad_window_get_sign_in_page (f->window), FALSE);
  sign_in (f, ad_switch_server_get_base_url (f->server), "agent1", "demo", "place1001");
  f->session = ad_window_get_session (f->window);
  g_assert_nonnull (f->session);
  g_assert_null (ad_sign_in_page_get_error (ad_window_get_sign_in_page (f->window)));
  ad_session_set_stream_timing (f->session, 5000, 20, 100);

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "agent-state",
                                  g_variant_new_string ("ready"));
  agent = ad_session_get_agent (f->session);
  WAIT_FOR (ad_agent_get_status (agent) == AD_AGENT_STATUS_READY);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  start_switch (f, GPOINTER_TO_INT (data), 0);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  if (f->checked != NULL)
    g_signal_handlers_disconnect_by_data (f->checked, f);
  g_clear_object (&f->checked);
  g_clear_handle_id (&f->check_id, g_source_remove);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  ad_switch_server_shutdown (f->server);
  g_clear_object (&f->server);
  /* Let the cancelled requests call back before the next test. */
  for (int i = 0; i < 10 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static AdInteraction *
selected (Fixture *f)
{
  return ad_interaction_view_get_interaction (ad_window_get_interaction_view (f->window));
}

static guint
n_interactions (Fixture *f)
{
  return g_list_model_get_n_items (ad_session_get_interactions (f->session));
}

static char *
sim_inbound_from (Fixture    *f,
                  const char *ani)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *call_id;

  json_object_set_string_member (body, "ani", ani);
  json_object_set_string_member (body, "dnis", "8000");
  json_object_set_string_member (body, "dn", "1001");
  call_id = ad_call_center_sim_inbound (ad_switch_server_get_call_center (f->server), body, &error);
  g_assert_no_error (error);
  return call_id;
}

static char *
sim_inbound (Fixture *f)
{
  return sim_inbound_from (f, "+15551230000");
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), action));
  g_action_group_activate_action (G_ACTION_GROUP (f->window), action, NULL);
}

/* Nothing pending on the selected interaction, and the window has seen
 * all there was to see. */
static gboolean
settled (Fixture *f)
{
  flush ();
  return selected (f) != NULL &&
         ad_interaction_get_pending_action (selected (f)) == AD_VOICE_ACTION_NONE;
}

/* The visible buttons are exactly the selected interaction's
 * actions-possible, and each is enabled exactly when it is offered and
 * nothing is pending. */
static void
assert_buttons_match (Fixture *f)
{
  AdInteractionView *view = ad_window_get_interaction_view (f->window);
  AdInteraction *interaction = ad_interaction_view_get_interaction (view);
  AdActionBar *bar = ad_interaction_view_get_action_bar (view);
  AdVoiceAction possible = ad_interaction_get_actions_possible (interaction);
  gboolean idle = ad_interaction_get_pending_action (interaction) == AD_VOICE_ACTION_NONE;
  AdVoiceAction covered = AD_VOICE_ACTION_NONE;
  const AdActionBarItem *items;
  guint n_items;

  items = ad_action_bar_get_items (&n_items);
  for (guint i = 0; i < n_items; i++)
    {
      GtkWidget *button = ad_action_bar_get_button (bar, items[i].action_name);
      gboolean offered = (possible & items[i].actions) != 0;
      const char *name = items[i].action_name + strlen ("win.");

      g_assert_nonnull (button);
      if (gtk_widget_is_visible (button) != offered)
        g_error ("%s is %s while actions-possible is %x", items[i].action_name,
                 offered ? "hidden" : "shown", possible);
      if (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), name) != (offered && idle))
        g_error ("win.%s is %s while actions-possible is %x and %s is pending", name,
                 offered && idle ? "disabled" : "enabled", possible,
                 ad_voice_action_to_string (ad_interaction_get_pending_action (interaction)));
      g_assert_cmpint (gtk_widget_get_sensitive (button), ==, offered && idle);
      if (offered)
        covered |= possible & items[i].actions;
    }
  g_assert_cmpint (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "attach-data"),
                   ==, idle && (possible & AD_VOICE_ACTION_ATTACH_DATA) != 0);
  covered |= possible & AD_VOICE_ACTION_ATTACH_DATA;
  /* No action of the switch's list is without its control. */
  g_assert_cmphex (covered, ==, possible);
}

static gboolean
on_check_idle (gpointer user_data)
{
  Fixture *f = user_data;

  f->check_id = 0;
  if (selected (f) == f->checked)
    assert_buttons_match (f);
  return G_SOURCE_REMOVE;
}

/* Checked once the change is complete, not in the middle of it. */
static void
on_checked_changed (Fixture *f)
{
  if (f->check_id == 0)
    f->check_id = g_idle_add (on_check_idle, f);
}

/* Checks the buttons on every change of the selected interaction. */
static void
check_selected (Fixture *f)
{
  if (f->checked == selected (f))
    return;
  if (f->checked != NULL)
    g_signal_handlers_disconnect_by_data (f->checked, f);
  g_set_object (&f->checked, selected (f));
  g_signal_connect_swapped (f->checked, "notify::actions-possible",
                            G_CALLBACK (on_checked_changed), f);
  g_signal_connect_swapped (f->checked, "notify::pending-action",
                            G_CALLBACK (on_checked_changed), f);
  assert_buttons_match (f);
}

static void
test_answer (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *call_id = NULL;
  AdInteraction *interaction;
  Notification *notification;
  GtkWidget *answer;

  sign_in_ready (f);
  g_assert_cmpuint (n_interactions (f), ==, 0);

  call_id = sim_inbound (f);
  WAIT_FOR (n_interactions (f) == 1 && selected (f) != NULL &&
            ad_interaction_get_status (selected (f)) == AD_INTERACTION_STATUS_RINGING);
  interaction = selected (f);
  g_assert_cmpstr (ad_interaction_get_ani (interaction), ==, "+15551230000");
  WAIT_FOR ((notification = find_notification ("Incoming Call")) != NULL);
  g_assert_false (notification->closed);
  wait_for_notify_answer ();

  /* Answer is the one way in: the button shows and its action runs. */
  answer = ad_action_bar_get_button (ad_interaction_view_get_action_bar (ad_window_get_interaction_view (f->window)),
                                     "win.answer");
  g_assert_true (gtk_widget_is_visible (answer));
  activate (f, "answer");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "answer"));
  WAIT_FOR (ad_interaction_get_status (interaction) == AD_INTERACTION_STATUS_TALKING);
  WAIT_FOR (settled (f));
  g_assert_false (gtk_widget_is_visible (answer));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "release"));
  /* It rings no more: the notification is withdrawn. */
  WAIT_FOR (notification->closed);
}

/* The Answer button of the ringing call's notification answers it. */
static void
test_answer_from_notification (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *call_id = NULL;
  AdInteraction *interaction;
  Notification *notification;

  sign_in_ready (f);
  call_id = sim_inbound (f);
  WAIT_FOR (n_interactions (f) == 1 && selected (f) != NULL &&
            ad_interaction_get_status (selected (f)) == AD_INTERACTION_STATUS_RINGING);
  interaction = selected (f);

  WAIT_FOR ((notification = find_notification ("Incoming Call")) != NULL);
  g_assert_nonnull (strstr (notification->body, "+15551230000"));
  g_assert_false (notification->closed);

  invoke_notification_action (notification, "Answer");
  WAIT_FOR (ad_interaction_get_status (interaction) == AD_INTERACTION_STATUS_TALKING);
}

/* The latest notification whose body mentions @text. */
static Notification *
find_notification_about (const char *text)
{
  for (guint i = notifications->len; i > 0; i--)
    {
      Notification *notification = g_ptr_array_index (notifications, i - 1);

      if (notification->body != NULL && strstr (notification->body, text) != NULL)
        return notification;
    }
  return NULL;
}

/* A click on a ringing call's notification shows that call. */
static void
test_notification_click (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *first_call = NULL;
  g_autofree char *second_call = NULL;
  Notification *notification;
  AdInteraction *first;

  sign_in_ready (f);
  first_call = sim_inbound_from (f, "+15550000001");
  WAIT_FOR (n_interactions (f) == 1 && selected (f) != NULL);
  first = selected (f);
  second_call = sim_inbound_from (f, "+15550000002");
  WAIT_FOR (n_interactions (f) == 2);
  /* Nobody is on a call: the newest ringing call is shown. */
  WAIT_FOR (selected (f) != first);

  WAIT_FOR ((notification = find_notification_about ("+15550000001")) != NULL);
  g_dbus_connection_emit_signal (bus, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", notification->id, "default"), NULL);
  WAIT_FOR (selected (f) == first);
  g_assert_cmpint (ad_interaction_get_status (first), ==, AD_INTERACTION_STATUS_RINGING);
}

static void
on_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AdInteraction **created = user_data;
  g_autoptr(GError) error = NULL;

  *created = ad_session_create_interaction_finish (AD_SESSION (source), result, &error);
  g_assert_no_error (error);
}

static AdInteraction *
create_new (Fixture *f)
{
  AdInteraction *created = NULL;

  ad_session_create_interaction_async (f->session, NULL, NULL, NULL, on_created, &created);
  WAIT_FOR (created != NULL);
  g_assert_true (ad_window_select_interaction (f->window, ad_interaction_get_id (created)));
  g_assert_true (selected (f) == created);
  g_object_unref (created);
  return created;
}

/* Acts on the selected interaction, and checks the buttons at once: the
 * action is pending from the moment it is activated, whatever the load,
 * while the idle checks may see it already answered. */
static void
act_and_check (Fixture    *f,
               const char *action)
{
  activate (f, action);
  g_assert_cmpint (ad_interaction_get_pending_action (selected (f)), !=, AD_VOICE_ACTION_NONE);
  assert_buttons_match (f);
}

#define WAIT_AND_CHECK(condition) \
  G_STMT_START { WAIT_FOR ((condition) && settled (f)); assert_buttons_match (f); } G_STMT_END

static void
release_and_mark_done (Fixture       *f,
                       AdInteraction *interaction)
{
  act_and_check (f, "release");
  WAIT_AND_CHECK (ad_interaction_get_status (interaction) == AD_INTERACTION_STATUS_IDLE);
  activate (f, "mark-done");
  WAIT_FOR (n_interactions (f) == 0);
}

/* Walks a call through every state the profile reaches, checking the
 * buttons in each state and with each action pending, and at every change
 * in between that the main loop gets to see. */
static void
test_buttons (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *call_id = NULL;
  AdInteraction *interaction;

  sign_in_ready (f);

  call_id = sim_inbound (f);
  WAIT_FOR (selected (f) != NULL &&
            ad_interaction_get_status (selected (f)) == AD_INTERACTION_STATUS_RINGING);
  interaction = selected (f);
  check_selected (f);

  act_and_check (f, "answer");
  WAIT_AND_CHECK (ad_interaction_get_status (interaction) == AD_INTERACTION_STATUS_TALKING);

  if (ad_interaction_can (interaction, AD_VOICE_ACTION_HOLD))
    {
      act_and_check (f, "hold");
      WAIT_AND_CHECK (ad_interaction_get_status (interaction) == AD_INTERACTION_STATUS_HELD);
      act_and_check (f, "retrieve");
      WAIT_AND_CHECK (ad_interaction_get_status (interaction) == AD_INTERACTION_STATUS_TALKING);
    }
  if (ad_interaction_can (interaction, AD_VOICE_ACTION_MUTE_ON))
    {
      act_and_check (f, "mute-on");
      WAIT_AND_CHECK (ad_interaction_get_muted (interaction));
      act_and_check (f, "mute-off");
      WAIT_AND_CHECK (!ad_interaction_get_muted (interaction));
    }
  release_and_mark_done (f, interaction);

  /* An outbound call: NEW, then dialing an outside number that answers. */
  interaction = create_new (f);
  check_selected (f);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "make-call",
                                  g_variant_new_string ("5550100"));
  WAIT_AND_CHECK (ad_interaction_get_status (interaction) == AD_INTERACTION_STATUS_TALKING);
  release_and_mark_done (f, interaction);
}

/* While an action is in flight every button is disabled. */
static void
test_pending_disables (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *call_id = NULL;
  AdInteraction *interaction;
  const AdActionBarItem *items;
  guint n_items;

  sign_in_ready (f);
  call_id = sim_inbound (f);
  WAIT_FOR (selected (f) != NULL &&
            ad_interaction_get_status (selected (f)) == AD_INTERACTION_STATUS_RINGING);
  interaction = selected (f);

  activate (f, "answer");
  g_assert_cmpint (ad_interaction_get_pending_action (interaction), !=, AD_VOICE_ACTION_NONE);
  items = ad_action_bar_get_items (&n_items);
  for (guint i = 0; i < n_items; i++)
    g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window),
                                                       items[i].action_name + strlen ("win.")));
  assert_buttons_match (f);
  WAIT_FOR (ad_interaction_get_status (interaction) == AD_INTERACTION_STATUS_TALKING && settled (f));
  assert_buttons_match (f);
}

static void
setup_slow (Fixture       *f,
            gconstpointer  data)
{
  /* Actions stay in flight a while, so "pending" can be seen. */
  start_switch (f, AD_SWITCH_PROFILE_FULL, 300);
}

/* Whether @widget is a label in a toast whose text holds @text. */
static gboolean
is_toast_label (GtkWidget     *widget,
                gconstpointer  text)
{
  if (!GTK_IS_LABEL (widget) || strstr (gtk_label_get_label (GTK_LABEL (widget)), text) == NULL)
    return FALSE;
  for (GtkWidget *ancestor = widget; ancestor != NULL; ancestor = gtk_widget_get_parent (ancestor))
    if (g_str_equal (G_OBJECT_TYPE_NAME (ancestor), "AdwToastWidget"))
      return TRUE;
  return FALSE;
}

static gboolean
shows_toast (Fixture    *f,
             const char *text)
{
  return demo_test_find (GTK_WIDGET (f->window), is_toast_label, text) != NULL;
}

static void
test_invalid_number (Fixture       *f,
                     gconstpointer  data)
{
  AdInteraction *interaction;

  sign_in_ready (f);
  interaction = create_new (f);
  WAIT_FOR (settled (f));

  g_assert_false (shows_toast (f, "neither an internal"));
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "make-call",
                                  g_variant_new_string ("12"));
  /* The switch's own message, in a toast. */
  WAIT_FOR (shows_toast (f, "“12” is neither an internal number nor an outside number"));
  g_assert_cmpint (ad_interaction_get_status (interaction), ==, AD_INTERACTION_STATUS_NEW);
  WAIT_FOR (settled (f));
  assert_buttons_match (f);
}

static gboolean
is_revealer (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_REVEALER (widget);
}

static gboolean
is_row_of (GtkWidget     *widget,
           gconstpointer  interaction)
{
  return AD_IS_INTERACTION_ROW (widget) &&
         ad_interaction_row_get_interaction (AD_INTERACTION_ROW (widget)) == interaction;
}

static gboolean
revealer_shown (Fixture *f)
{
  /* The connection banner: the window's first revealer. */
  GtkWidget *revealer = demo_test_find (GTK_WIDGET (f->window), is_revealer, NULL);

  g_assert_nonnull (revealer);
  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

/* The texts of the visible labels below @root, in order, joined by "|". */
static char *
visible_labels (GtkWidget *root)
{
  g_autoptr(GString) text = g_string_new ("|");
  GtkWidget *widget = root;

  while (widget != NULL)
    {
      if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
        g_string_append_printf (text, "%s|", gtk_label_get_label (GTK_LABEL (widget)));

      /* Depth first, skipping what is hidden. */
      if (gtk_widget_get_visible (widget) && gtk_widget_get_first_child (widget) != NULL)
        widget = gtk_widget_get_first_child (widget);
      else
        {
          while (widget != root && gtk_widget_get_next_sibling (widget) == NULL)
            widget = gtk_widget_get_parent (widget);
          widget = widget != root ? gtk_widget_get_next_sibling (widget) : NULL;
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not hold “%s”", text, part);
}

/* The events stream is cut mid-call and the caller hangs up meanwhile:
 * once reconnected, the window shows the ended call and offers exactly
 * what the switch offers. */
static void
test_stream_cut (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *call_id = NULL;
  g_autoptr(GError) error = NULL;
  AdInteraction *interaction;

  sign_in_ready (f);
  call_id = sim_inbound (f);
  WAIT_FOR (selected (f) != NULL &&
            ad_interaction_get_status (selected (f)) == AD_INTERACTION_STATUS_RINGING);
  interaction = selected (f);
  activate (f, "answer");
  WAIT_FOR (ad_interaction_get_status (interaction) == AD_INTERACTION_STATUS_TALKING && settled (f));
  g_assert_false (revealer_shown (f));

  ad_switch_server_drop_streams (f->server);
  ad_call_center_sim_hangup (ad_switch_server_get_call_center (f->server), call_id, &error);
  g_assert_no_error (error);
  WAIT_FOR (ad_session_get_connection_state (f->session) == AD_CONNECTION_STATE_RECONNECTING);
  g_assert_true (revealer_shown (f));

  WAIT_FOR (ad_session_get_connection_state (f->session) == AD_CONNECTION_STATE_CONNECTED);
  WAIT_FOR (ad_interaction_get_status (interaction) == AD_INTERACTION_STATUS_IDLE && settled (f));
  g_assert_false (revealer_shown (f));
  g_assert_cmpuint (n_interactions (f), ==, 1);
  g_assert_true (selected (f) == interaction);
  assert_buttons_match (f);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "mark-done"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "release"));
}

static void
assert_sign_in_fails (Fixture    *f,
                      const char *base_url,
                      const char *password,
                      const char *place_id,
                      const char *message)
{
  AdSignInPage *page = ad_window_get_sign_in_page (f->window);

  ad_sign_in_page_set_remember (page, FALSE);
  sign_in (f, base_url, "agent1", password, place_id);
  g_assert_null (ad_window_get_session (f->window));
  g_assert_nonnull (ad_sign_in_page_get_error (page));
  if (strstr (ad_sign_in_page_get_error (page), message) == NULL)
    g_error ("“%s” does not say “%s”", ad_sign_in_page_get_error (page), message);
}

static void
test_sign_in_errors (Fixture       *f,
                     gconstpointer  data)
{
  const char *base_url = ad_switch_server_get_base_url (f->server);
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autofree char *closed_url = NULL;
  guint16 port;

  assert_sign_in_fails (f, base_url, "wrong", "place1001", "Wrong user name or password");

  /* A port nobody listens on: take a free one and close it again. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, NULL);
  g_socket_listener_close (listener);
  closed_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  assert_sign_in_fails (f, closed_url, "demo", "place1001", "Cannot reach the switch");

  assert_sign_in_fails (f, base_url, "demo", "place9999", "knows no place “place9999”");

  /* Someone else's place. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) dto = NULL;

    dto = ad_call_center_agent_login (ad_switch_server_get_call_center (f->server),
                                      "agent2", "place1002", &error);
    g_assert_no_error (error);
  }
  assert_sign_in_fails (f, base_url, "demo", "place1002", "The place “place1002” was refused");

  /* And then the right one works. */
  sign_in (f, base_url, "agent1", "demo", "place1001");
  g_assert_nonnull (ad_window_get_session (f->window));
  g_assert_null (ad_sign_in_page_get_error (ad_window_get_sign_in_page (f->window)));
}

static char *
lookup_password (const char *base_url)
{
  return secret_password_lookup_sync (ad_sign_in_page_get_secret_schema (), NULL, NULL,
                                      "server", base_url, "username", "agent1", NULL);
}

static gboolean
password_kept (const char *base_url)
{
  g_autofree char *password = lookup_password (base_url);

  return password != NULL;
}

/* A successful sign-in keeps the password in the keyring, and the next
 * sign-in page fills it in. */
static void
test_keyring (Fixture       *f,
              gconstpointer  data)
{
  const char *base_url = ad_switch_server_get_base_url (f->server);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *password = NULL;
  g_autofree char *username = NULL;

  if (!have_keyring)
    {
      g_test_skip ("no keyring daemon");
      return;
    }

  sign_in (f, base_url, "agent1", "demo", "place1001");
  g_assert_nonnull (ad_window_get_session (f->window));
  WAIT_FOR ((password = lookup_password (base_url)) != NULL);
  g_assert_cmpstr (password, ==, "demo");

  username = g_settings_get_string (settings, "username");
  g_assert_cmpstr (username, ==, "agent1");
}

/* "Remember the password" off: a password kept from an earlier sign-in is
 * forgotten, as the wallboard's sign-in does, and not filled in again. */
static void
test_keyring_forget (Fixture       *f,
                     gconstpointer  data)
{
  const char *base_url = ad_switch_server_get_base_url (f->server);
  g_autoptr(GError) error = NULL;

  if (!have_keyring)
    {
      g_test_skip ("no keyring daemon");
      return;
    }

  g_assert_true (secret_password_store_sync (ad_sign_in_page_get_secret_schema (),
                                             SECRET_COLLECTION_DEFAULT, "window test", "demo",
                                             NULL, &error,
                                             "server", base_url, "username", "agent1", NULL));
  g_assert_no_error (error);

  ad_sign_in_page_set_remember (ad_window_get_sign_in_page (f->window), FALSE);
  sign_in (f, base_url, "agent1", "demo", "place1001");
  g_assert_nonnull (ad_window_get_session (f->window));
  WAIT_FOR (!password_kept (base_url));
}

/* Without a keyring the password is not kept: a warning, not a failure. */
/* Attached data edited in the details goes to the switch. */
static void
test_attach_data (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *call_id = NULL;
  AdInteraction *interaction;

  sign_in_ready (f);
  call_id = sim_inbound (f);
  WAIT_FOR (selected (f) != NULL &&
            ad_interaction_get_status (selected (f)) == AD_INTERACTION_STATUS_RINGING);
  interaction = selected (f);
  activate (f, "answer");
  WAIT_FOR (ad_interaction_get_status (interaction) == AD_INTERACTION_STATUS_TALKING && settled (f));

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "attach-data"));
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "attach-data",
                                  g_variant_new ("(ss)", "Topic", "Renewal"));
  WAIT_FOR (g_strcmp0 (g_hash_table_lookup (ad_interaction_get_attached_data (interaction), "Topic"),
                       "Renewal") == 0);
}

static gboolean
is_agent_status_button (GtkWidget     *widget,
                        gconstpointer  data)
{
  return AD_IS_AGENT_STATUS_BUTTON (widget);
}

static gboolean
is_menu_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget);
}

/* What the header bar's state button says of the agent (its tooltip and
 * accessible name: "Agent state: …"). */
static const char *
agent_state_shown (Fixture *f)
{
  GtkWidget *button = demo_test_find (GTK_WIDGET (f->window), is_agent_status_button, NULL);

  g_assert_nonnull (button);
  return gtk_widget_get_tooltip_text (demo_test_find (button, is_menu_button, NULL));
}

/* The switch reports the agent BUSY while a call only rings at its DN: the
 * state shows "Ringing" until the call is answered, then "On a call". */
static void
test_agent_state_ringing (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *call_id = NULL;
  AdInteraction *interaction;
  AdAgent *agent;

  sign_in_ready (f);
  agent = ad_session_get_agent (f->session);
  g_assert_cmpstr (agent_state_shown (f), ==, "Agent state: Ready");

  call_id = sim_inbound (f);
  WAIT_FOR (selected (f) != NULL &&
            ad_interaction_get_status (selected (f)) == AD_INTERACTION_STATUS_RINGING &&
            ad_agent_get_status (agent) == AD_AGENT_STATUS_BUSY);
  interaction = selected (f);
  g_assert_cmpstr (agent_state_shown (f), ==, "Agent state: Ringing");

  activate (f, "answer");
  WAIT_FOR (ad_interaction_get_status (interaction) == AD_INTERACTION_STATUS_TALKING);
  g_assert_cmpint (ad_agent_get_status (agent), ==, AD_AGENT_STATUS_BUSY);
  g_assert_cmpstr (agent_state_shown (f), ==, "Agent state: On a call");
}

/* The agent's state menu: Not ready with a reason, then Log out back to
 * the sign-in page. */
static void
test_agent_state (Fixture       *f,
                  gconstpointer  data)
{
  AdAgent *agent;
  GVariant *state;

  sign_in_ready (f);
  agent = ad_session_get_agent (f->session);
  state = g_action_group_get_action_state (G_ACTION_GROUP (f->window), "agent-state");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "ready");
  g_variant_unref (state);

  g_action_group_change_action_state (G_ACTION_GROUP (f->window), "agent-state",
                                      g_variant_new_string ("not-ready:LUNCH"));
  WAIT_FOR (ad_agent_get_status (agent) == AD_AGENT_STATUS_NOT_READY);
  g_assert_cmpstr (ad_agent_get_reason_code (agent), ==, "LUNCH");
  state = g_action_group_get_action_state (G_ACTION_GROUP (f->window), "agent-state");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "not-ready:LUNCH");
  g_variant_unref (state);

  g_action_group_change_action_state (G_ACTION_GROUP (f->window), "agent-state",
                                      g_variant_new_string ("after-call-work"));
  WAIT_FOR (ad_agent_get_status (agent) == AD_AGENT_STATUS_AFTER_CALL_WORK);

  activate (f, "sign-out");
  g_assert_null (ad_window_get_session (f->window));
  /* The switch logs the agent out of the place too. */
  WAIT_FOR (ad_call_center_get_place_agent (ad_switch_server_get_call_center (f->server),
                                            "place1001") == NULL);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* A call carrying the customer's name shows it in the list, the details
 * and the notification, with the number as second line; a call without
 * one shows the number alone. */
static void
test_customer_name (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) body = json_object_new ();
  JsonObject *attached = json_object_new ();
  g_autofree char *call_id = NULL;
  g_autofree char *plain_call = NULL;
  g_autofree char *row_text = NULL;
  g_autofree char *view_text = NULL;
  g_autofree char *plain_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AdInteraction) plain = NULL;
  AdInteraction *named;
  GtkWidget *row;
  Notification *notification;

  sign_in_ready (f);
  json_object_set_string_member (attached, "CustomerName", "Ana Silva");
  json_object_set_string_member (body, "ani", "+15557770000");
  json_object_set_string_member (body, "dn", "1001");
  json_object_set_object_member (body, "attachedData", attached);
  call_id = ad_call_center_sim_inbound (ad_switch_server_get_call_center (f->server), body, &error);
  g_assert_no_error (error);
  WAIT_FOR (n_interactions (f) == 1 && selected (f) != NULL &&
            ad_interaction_get_status (selected (f)) == AD_INTERACTION_STATUS_RINGING);
  named = selected (f);
  g_assert_cmpstr (ad_interaction_get_customer_name (named), ==, "Ana Silva");

  WAIT_FOR ((row = demo_test_find (GTK_WIDGET (f->window), is_row_of, named)) != NULL);
  row_text = visible_labels (row);
  assert_contains (row_text, "|Ana Silva|+15557770000|");
  view_text = visible_labels (GTK_WIDGET (ad_window_get_interaction_view (f->window)));
  assert_contains (view_text, "|Ana Silva|+15557770000|");
  WAIT_FOR ((notification = find_notification_about ("Ana Silva")) != NULL);
  g_assert_cmpstr (notification->summary, ==, "Incoming Call");
  assert_contains (notification->body, "+15557770000");

  /* Without the key, the number is the title and stands once. */
  plain_call = sim_inbound_from (f, "+15558880000");
  WAIT_FOR (n_interactions (f) == 2);
  plain = g_list_model_get_item (ad_session_get_interactions (f->session), 1);
  WAIT_FOR ((row = demo_test_find (GTK_WIDGET (f->window), is_row_of, plain)) != NULL);
  g_assert_null (ad_interaction_get_customer_name (plain));
  plain_text = visible_labels (row);
  g_assert_true (g_str_has_prefix (plain_text, "|+15558880000|"));
  g_assert_null (strstr (plain_text + strlen ("|+15558880000|"), "+15558880000"));
}

/* A supervisor logs the agent out of its place: the window says so, the
 * state shows Logged out, and Log In Again puts the agent back. */
static void
test_forced_logout (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) dto = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button;
  GtkWidget *banner;
  GVariant *state;
  AdAgent *agent;

  sign_in_ready (f);
  agent = ad_session_get_agent (f->session);
  button = demo_test_find_button (GTK_WIDGET (f->window), "win.agent-login");
  g_assert_nonnull (button);
  banner = gtk_widget_get_ancestor (button, GTK_TYPE_REVEALER);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "agent-login"));

  dto = ad_call_center_agent_logout (ad_switch_server_get_call_center (f->server), "agent1", &error);
  g_assert_no_error (error);
  WAIT_FOR (ad_agent_get_status (agent) == AD_AGENT_STATUS_LOGGED_OUT);
  flush ();
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  state = g_action_group_get_action_state (G_ACTION_GROUP (f->window), "agent-state");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "logged-out");
  g_variant_unref (state);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "new-call"));

  activate (f, "agent-login");
  WAIT_FOR (ad_agent_get_status (agent) == AD_AGENT_STATUS_NOT_READY);
  g_assert_cmpstr (ad_call_center_get_place_agent (ad_switch_server_get_call_center (f->server),
                                                   "place1001"), ==, "agent1");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
}

/* Closing the window while signed in signs out: the switch ends the
 * token and logs the agent off its place. */
static void
test_close_signs_out (Fixture       *f,
                      gconstpointer  data)
{
  AdCallCenter *center = ad_switch_server_get_call_center (f->server);
  g_autoptr(AdClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;

  sign_in_ready (f);
  client = ad_client_new (ad_switch_server_get_base_url (f->server));
  ad_client_set_token (client, ad_client_get_token (ad_session_get_client (f->session)));
  g_assert_cmpstr (ad_call_center_get_place_agent (center, "place1001"), ==, "agent1");

  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  WAIT_FOR (ad_call_center_get_place_agent (center, "place1001") == NULL);

  /* The token the window signed in with is no more. */
  ad_client_get_agent_async (client, "agent1", NULL, store_result, &result);
  WAIT_FOR (result != NULL);
  reply = ad_client_request_finish (client, result, &error);
  g_assert_null (reply);
  g_assert_error (error, AD_ERROR, AD_ERROR_UNAUTHORIZED);
}

/* Whether a GtkLabel with text stands below @widget: what a button or a
 * row is named after when nothing names it explicitly. */
static gboolean
has_label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_text (child))
      return TRUE;
  return FALSE;
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY) ||
         has_label_text (widget);
}

/* Every button and list row below @root, shown or not, can be told
 * apart by a screen reader user. Appends what cannot to @unnamed. */
static void
collect_unnamed (GtkWidget *root,
                 GString   *unnamed)
{
  gboolean control = (GTK_IS_BUTTON (root) && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (root))) ||
                     GTK_IS_MENU_BUTTON (root) || GTK_IS_LIST_BOX_ROW (root) ||
                     AD_IS_INTERACTION_ROW (root);

  if (control && !has_accessible_name (root))
    g_string_append_printf (unnamed, " %s(%s)", G_OBJECT_TYPE_NAME (root),
                            gtk_widget_get_tooltip_text (root) != NULL
                            ? gtk_widget_get_tooltip_text (root) : "");
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed);
}

static void
assert_all_named (GtkWidget *root)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);

  collect_unnamed (root, unnamed);
  if (unnamed->len > 0)
    g_error ("No accessible name in %s:%s", G_OBJECT_TYPE_NAME (root), unnamed->str);
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;
    }
  return NULL;
}

/* The window with a talking call, its popovers and its dialogs: every
 * control has an accessible name. */
static void
test_accessible_names (Fixture       *f,
                       gconstpointer  data)
{
  GType (*dialogs[]) (void) = {
    ad_transfer_dialog_get_type, ad_dtmf_dialog_get_type, ad_new_call_dialog_get_type,
  };
  g_autofree char *call_id = NULL;

  assert_all_named (GTK_WIDGET (f->window));
  sign_in_ready (f);
  call_id = sim_inbound (f);
  WAIT_FOR (selected (f) != NULL &&
            ad_interaction_get_status (selected (f)) == AD_INTERACTION_STATUS_RINGING);
  activate (f, "answer");
  WAIT_FOR (ad_interaction_get_status (selected (f)) == AD_INTERACTION_STATUS_TALKING && settled (f));
  assert_all_named (GTK_WIDGET (f->window));

  /* The dialogs, each opened from the window as the agent does. */
  activate (f, "transfer");
  activate (f, "send-dtmf");
  activate (f, "new-call");
  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    {
      GtkWidget *dialog = find_toplevel (dialogs[i] ());

      g_assert_nonnull (dialog);
      assert_all_named (dialog);
      /* Gone before the window is: a request in flight keeps it a
       * little longer. */
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      gtk_window_destroy (GTK_WINDOW (dialog));
      WAIT_FOR (dialog == NULL);
    }
}

static GtkWindow *
find_preferences (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      if (ADW_IS_PREFERENCES_WINDOW (l->data))
        return l->data;
    }
  return NULL;
}

/* The shortcuts, the shortcuts window, the preferences, and the color
 * scheme preference. */
static void
test_shortcuts_and_style (Fixture       *f,
                          gconstpointer  data)
{
  static const struct { const char *action, *accel; } expected[] = {
    { "win.answer", "<Control>Return" }, { "win.release", "<Shift><Control>e" },
    { "win.hold", "<Control>h" }, { "win.retrieve", "<Control>h" },
    { "win.transfer", "<Control>t" }, { "win.mute-on", "<Control>m" },
    { "win.new-call", "<Control>n" },
  };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWindow *preferences;
  GtkWindow *overlay;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    expected[i].action);
      g_assert_true (g_strv_contains ((const char * const *) accels, expected[i].accel));
    }

  overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "show-help-overlay", NULL);
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_window_close (overlay);

  /* The preferences open, bound to the same keys. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  WAIT_FOR ((preferences = find_preferences ()) != NULL);
  gtk_window_destroy (preferences);

  g_settings_set_string (settings, "color-scheme", "dark");
  g_assert_true (adw_style_manager_get_dark (style));
  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_false (adw_style_manager_get_dark (style));
  g_settings_reset (settings, "color-scheme");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
ignore_keyring_warnings (const char     *log_domain,
                         GLogLevelFlags  log_level,
                         const char     *message,
                         gpointer        user_data)
{
  if (g_strcmp0 (log_domain, "AdSignInPage") == 0 && strstr (message, "keyring") != NULL)
    return FALSE;
  return TRUE;
}

static GPid keyring_pid;

static void
on_keyring_appeared (GDBusConnection *connection,
                     const char      *name,
                     const char      *name_owner,
                     gpointer         user_data)
{
  have_keyring = TRUE;
}

static gboolean
on_keyring_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* A keyring of our own, unlocked, in a temporary directory: the desktop's
 * keyring calls then work as on an agent's machine. Without one (no
 * gnome-keyring-daemon), the keyring test is skipped. */
static void
start_keyring (void)
{
  g_autofree char *dir = g_dir_make_tmp ("agentdesk-keyring-XXXXXX", NULL);
  const char *argv[] = {
    "gnome-keyring-daemon", "--replace", "--unlock", "--components=secrets", "--foreground", NULL
  };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  gboolean timed_out = FALSE;
  int stdin_fd = -1;
  guint watch;
  guint timeout;

  if (dir == NULL)
    return;

  envp = g_environ_setenv (envp, "XDG_DATA_HOME", dir, TRUE);
  envp = g_environ_setenv (envp, "XDG_RUNTIME_DIR", dir, TRUE);
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, envp,
                                 G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                                 G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &keyring_pid, &stdin_fd, NULL, NULL, &error))
    {
      g_test_message ("No keyring: %s", error->message);
      return;
    }
  /* The password of the new login keyring, then end of input. */
  if (write (stdin_fd, "test", 4) != 4)
    g_test_message ("Could not give the keyring its password");
  close (stdin_fd);

  watch = g_bus_watch_name_on_connection (bus, "org.freedesktop.secrets",
                                          G_BUS_NAME_WATCHER_FLAGS_NONE,
                                          on_keyring_appeared, NULL, NULL, NULL);
  timeout = g_timeout_add_seconds (TIMEOUT_S, on_keyring_timeout, &timed_out);
  while (!have_keyring && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  g_bus_unwatch_name (watch);
}

static void
stop_keyring (void)
{
  if (keyring_pid == 0)
    return;

  kill (keyring_pid, SIGTERM);
  waitpid (keyring_pid, NULL, 0);
  g_spawn_close_pid (keyring_pid);
  keyring_pid = 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  /* The test backend keeps every widget's accessible properties for
   * /app/accessible-names to read, and stays off the accessibility bus as
   * GTK_A11Y=none does. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  start_notification_server ();
  WAIT_FOR (name_acquired);
  g_test_log_set_fatal_handler (ignore_keyring_warnings, NULL);
  start_keyring ();

  app = ad_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/app/answer", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL),
              setup, test_answer, teardown);
  g_test_add ("/app/answer-from-notification", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL),
              setup, test_answer_from_notification, teardown);
  g_test_add ("/app/buttons/full", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL),
              setup, test_buttons, teardown);
  g_test_add ("/app/buttons/no-hold", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_NO_HOLD),
              setup, test_buttons, teardown);
  g_test_add ("/app/buttons/no-dialing-hold", Fixture,
              GINT_TO_POINTER (AD_SWITCH_PROFILE_NO_DIALING_HOLD),
              setup, test_buttons, teardown);
  g_test_add ("/app/buttons/no-single-step-transfer", Fixture,
              GINT_TO_POINTER (AD_SWITCH_PROFILE_NO_SINGLE_STEP_TRANSFER),
              setup, test_buttons, teardown);
  g_test_add ("/app/buttons/basic", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_BASIC),
              setup, test_buttons, teardown);
  g_test_add ("/app/buttons/pending", Fixture, NULL,
              setup_slow, test_pending_disables, teardown);
  g_test_add ("/app/notification-click", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL),
              setup, test_notification_click, teardown);
  g_test_add ("/app/invalid-number", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL),
              setup, test_invalid_number, teardown);
  g_test_add ("/app/stream-cut", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL),
              setup, test_stream_cut, teardown);
  g_test_add ("/app/sign-in-errors", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL),
              setup, test_sign_in_errors, teardown);
  g_test_add ("/app/attach-data", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL),
              setup, test_attach_data, teardown);
  g_test_add ("/app/agent-state-ringing", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL),
              setup, test_agent_state_ringing, teardown);
  g_test_add ("/app/agent-state", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL),
              setup, test_agent_state, teardown);
  g_test_add ("/app/shortcuts-and-style", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL),
              setup, test_shortcuts_and_style, teardown);
  g_test_add ("/app/keyring", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL),
              setup, test_keyring, teardown);
  g_test_add ("/app/keyring-forget", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL),
              setup, test_keyring_forget, teardown);
  g_test_add ("/app/customer-name", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL),
              setup, test_customer_name, teardown);
  g_test_add ("/app/forced-logout", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL),
              setup, test_forced_logout, teardown);
  g_test_add ("/app/close-signs-out", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL),
              setup, test_close_signs_out, teardown);
  g_test_add ("/app/accessible-names", Fixture, GINT_TO_POINTER (AD_SWITCH_PROFILE_FULL),
              setup, test_accessible_names, teardown);

  result = g_test_run ();
  g_clear_object (&app);
  stop_keyring ();
  g_clear_pointer (&notifications, g_ptr_array_unref);
  g_clear_object (&bus);
  return result;
}
