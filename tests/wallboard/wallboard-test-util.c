/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "WallboardTestUtil"

#include "config.h"

#include <signal.h>

#include <glib/gstdio.h>

#include "ad-auth.h"
#include "ad-center-config.h"
#include "wallboard-test-util.h"

gint64
wallboard_test_clock (gpointer data)
{
  return *(gint64 *) data;
}

void
wallboard_test_flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
take_agent_dto (JsonObject *dto,
                GError     *error)
{
  g_assert_no_error (error);
  g_assert_nonnull (dto);
  json_object_unref (dto);
}

void
wallboard_test_agent_on (AdCallCenter *center,
                         guint         n,
                         gboolean      ready)
{
  g_autofree char *agent_id = g_strdup_printf ("agent%u", n);
  g_autofree char *place_id = g_strdup_printf ("place%u", 1000 + n);
  GError *error = NULL;

  take_agent_dto (ad_call_center_agent_login (center, agent_id, place_id, &error), error);
  take_agent_dto (ready ? ad_call_center_agent_ready (center, agent_id, &error)
                        : ad_call_center_agent_not_ready (center, agent_id, NULL, &error),
                  error);
  wallboard_test_flush ();
}

void
wallboard_test_agent_ready (AdCallCenter *center,
                            guint         n)
{
  g_autofree char *agent_id = g_strdup_printf ("agent%u", n);
  GError *error = NULL;

  take_agent_dto (ad_call_center_agent_ready (center, agent_id, &error), error);
  wallboard_test_flush ();
}

void
wallboard_test_act (AdCallCenter        *center,
                    guint                n,
                    AdInteractionStatus  status,
                    AdVoiceAction        action)
{
  g_autofree char *agent_id = g_strdup_printf ("agent%u", n);
  g_autoptr(GPtrArray) legs = ad_call_center_list_interactions (center, agent_id);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char *leg = NULL;

  for (guint i = 0; i < legs->len && leg == NULL; i++)
    {
      JsonObject *dto = g_ptr_array_index (legs, i);

      if (ad_interaction_status_from_string (ad_json_string_or_null (dto, AD_ATTR_STATUS)) == status)
        leg = ad_json_string_or_null (dto, AD_ATTR_INTERACTION_ID);
    }
  if (leg == NULL)
    g_error ("%s has no %s leg", agent_id, ad_interaction_status_to_string (status));

  g_assert_true (ad_call_center_perform (center, leg, action, body, NULL, &error));
  g_assert_no_error (error);
  wallboard_test_flush ();
}

char *
wallboard_test_call_in (AdCallCenter *center,
                        const char   *queue)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *call_id;

  json_object_set_string_member (body, "ani", "+15550001111");
  json_object_set_string_member (body, "queue", queue);
  call_id = ad_call_center_sim_inbound (center, body, &error);
  g_assert_no_error (error);
  wallboard_test_flush ();
  return call_id;
}

void
wallboard_test_hang_up (AdCallCenter *center,
                        const char   *call_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ad_call_center_sim_hangup (center, call_id, &error));
  g_assert_no_error (error);
  wallboard_test_flush ();
}

void
wallboard_test_scripted_calls (AdCallCenter *center,
                               gint64       *now)
{
  g_autofree char *c = NULL, *g = NULL;

  /* A waits exactly the threshold: within. */
  g_free (wallboard_test_call_in (center, "sales"));
  *now += 20 * G_USEC_PER_SEC;
  wallboard_test_agent_ready (center, 1);
  wallboard_test_act (center, 1, AD_INTERACTION_STATUS_RINGING, AD_VOICE_ACTION_ANSWER_CALL);

  /* B waits 21 s: answered late. */
  g_free (wallboard_test_call_in (center, "sales"));
  *now += 21 * G_USEC_PER_SEC;
  wallboard_test_agent_ready (center, 2);
  wallboard_test_act (center, 2, AD_INTERACTION_STATUS_RINGING, AD_VOICE_ACTION_ANSWER_CALL);

  /* C gives up after 5 s: abandoned, not against the service level. */
  c = wallboard_test_call_in (center, "sales");
  *now += 5 * G_USEC_PER_SEC;
  wallboard_test_hang_up (center, c);

  /* agent1 ends A and wraps up. */
  wallboard_test_act (center, 1, AD_INTERACTION_STATUS_TALKING, AD_VOICE_ACTION_RELEASE_CALL);

  /* F: answered after 3 s. */
  g_free (wallboard_test_call_in (center, "sales"));
  wallboard_test_agent_ready (center, 3);
  *now += 3 * G_USEC_PER_SEC;
  wallboard_test_act (center, 3, AD_INTERACTION_STATUS_RINGING, AD_VOICE_ACTION_ANSWER_CALL);

  /* G rings agent1 after 10 s, and the caller hangs up a second later. */
  g = wallboard_test_call_in (center, "sales");
  *now += 10 * G_USEC_PER_SEC;
  wallboard_test_agent_ready (center, 1);
  *now += 1 * G_USEC_PER_SEC;
  wallboard_test_hang_up (center, g);
}

void
wallboard_test_options_init (AdSwitchOptions *options,
                             guint            n_agents)
{
  g_autoptr(JsonObject) config = ad_center_config_new_demo_sized (n_agents);
  g_autoptr(JsonObject) supervisor = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wallboard-test-XXXXXX", &error);
  g_autofree char *hash = NULL;
  g_autofree char *text = NULL;
  JsonArray *supervisors = json_array_new ();
  JsonArray *agents = json_object_get_array_member (config, "agents");
  char *path;

  g_assert_no_error (error);
  /* Few iterations: the test's own throwaway accounts, all "demo". */
  hash = ad_auth_hash_password ("demo", 1000);
  json_object_set_string_member (supervisor, "agentId", "supervisor");
  json_object_set_string_member (supervisor, "name", "Supervisor");
  json_object_set_string_member (supervisor, "username", "supervisor");
  json_object_set_string_member (supervisor, "password", hash);
  json_array_add_object_element (supervisors, json_object_ref (supervisor));
  json_object_set_array_member (config, "supervisors", supervisors);
  for (guint i = 0; i < json_array_get_length (agents); i++)
    json_object_set_string_member (json_array_get_object_element (agents, i), "password", hash);

  path = g_build_filename (dir, "center.json", NULL);
  text = ad_json_object_to_string (config);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);

  client_test_switch_options_init (options, AD_SWITCH_PROFILE_FULL);
  options->config_file = path;
}

void
wallboard_test_options_clear (AdSwitchOptions *options)
{
  g_autofree char *path = (char *) options->config_file;
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
  options->config_file = NULL;
}

static GSubprocess *keyring;
static char *keyring_dir;

static void
on_secrets_appeared (GDBusConnection *connection,
                     const char      *name,
                     const char      *name_owner,
                     gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

gboolean
wallboard_test_keyring_start (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + CLIENT_TEST_TIMEOUT_S * G_USEC_PER_SEC;
  gboolean appeared = FALSE;
  GOutputStream *input;
  guint watch;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  keyring_dir = bus != NULL ? g_dir_make_tmp ("wallboard-keyring-XXXXXX", &error) : NULL;
  if (keyring_dir != NULL)
    {
      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                            G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                            G_SUBPROCESS_FLAGS_STDERR_SILENCE);
      g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", keyring_dir, TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", keyring_dir, TRUE);
      keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon",
                                             "--replace", "--unlock", "--components=secrets",
                                             "--foreground", NULL);
    }
  if (keyring == NULL)
    {
      g_test_message ("No keyring: %s", error->message);
      return FALSE;
    }

  /* The new login keyring's password, then the end of the input. */
  input = g_subprocess_get_stdin_pipe (keyring);
  if (!g_output_stream_write_all (input, "test", 4, NULL, NULL, &error) ||
      !g_output_stream_close (input, NULL, &error))
    g_test_message ("Could not give the keyring its password: %s", error->message);

  watch = g_bus_watch_name_on_connection (bus, "org.freedesktop.secrets",
                                          G_BUS_NAME_WATCHER_FLAGS_NONE,
                                          on_secrets_appeared, NULL, &appeared, NULL);
  while (!appeared && g_get_monotonic_time () < deadline)
    client_test_iterate ();
  g_bus_unwatch_name (watch);
  if (!appeared)
    g_test_message ("The keyring did not appear on the session bus");
  return appeared;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
wallboard_test_keyring_stop (void)
{
  if (keyring != NULL)
    {
      g_subprocess_send_signal (keyring, SIGTERM);
      g_subprocess_wait (keyring, NULL, NULL);
      g_clear_object (&keyring);
    }
  if (keyring_dir != NULL)
    remove_tree (keyring_dir);
  g_clear_pointer (&keyring_dir, g_free);
}
