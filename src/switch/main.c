/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AgentdeskSwitch"

#include "config.h"

#include "ad-auth.h"
#include "ad-center-config.h"
#include "ad-switch-server.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

static gboolean
on_stop_signal (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_message ("Stopping");
  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

/* "HOST:PORT", "[V6]:PORT" or ":PORT". */
static gboolean
parse_listen (const char  *listen,
              char       **host,
              guint       *port,
              GError     **error)
{
  const char *colon = strrchr (listen, ':');
  guint64 value;

  if (colon == NULL ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--listen wants HOST:PORT, not “%s”", listen);
      return FALSE;
    }

  if (colon == listen)
    *host = g_strdup ("127.0.0.1");
  else if (listen[0] == '[' && colon[-1] == ']')
    *host = g_strndup (listen + 1, colon - listen - 2);
  else
    *host = g_strndup (listen, colon - listen);
  *port = value;
  return TRUE;
}

static int
hash_password (void)
{
  g_autoptr(GIOChannel) channel = g_io_channel_unix_new (0);
  g_autofree char *line = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;
  gsize terminator;

  if (g_io_channel_read_line (channel, &line, NULL, &terminator, &error) != G_IO_STATUS_NORMAL ||
      line == NULL)
    {
      g_printerr ("agentdesk-switch: no password on standard input%s%s\n",
                  error != NULL ? ": " : "", error != NULL ? error->message : "");
      return 1;
    }

  line[terminator] = '\0';
  if (line[0] == '\0')
    {
      g_printerr ("agentdesk-switch: the password is empty\n");
      return 1;
    }

  hash = ad_auth_hash_password (line, AD_AUTH_PBKDF2_ITERATIONS);
  g_print ("%s\n", hash);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AdSwitchServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *config_file = NULL;
  g_autofree char *profile_name = NULL;
  g_autofree char *db_file = NULL;
  g_autofree char *tls_certificate = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *host = NULL;
  gboolean sim_api = FALSE;
  gboolean want_hash = FALSE;
  int answer_delay = -1, action_delay = -1, token_ttl = -1, keepalive = -1, linger = -1;
  int max_subscriptions = -1, max_per_token = -1, login_limit = -1;
  int connection_idle = -1;
  int demo_agents = 0;
  double demo_calls = 0;
  gint64 db_max_bytes = 0;
  guint port;
  guint sigterm_id, sigint_id;
  AdSwitchOptions options;
  GOptionEntry entries[] = {
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      "Listen on HOST:PORT (default 127.0.0.1:8080; port 0 takes a free one)", "HOST:PORT" },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_file,
      "Serve the contact center of this JSON file (default: the built-in demo center)", "FILE" },
    { "tls-certificate", 0, 0, G_OPTION_ARG_FILENAME, &tls_certificate,
      "Serve HTTPS with this PEM certificate, followed by any intermediate certificates "
      "(with --tls-key)", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key,
      "The PEM private key of --tls-certificate", "FILE" },
    { "switch-profile", 'p', 0, G_OPTION_ARG_STRING, &profile_name,
      "Switch profile: full, no-hold, no-dialing-hold, no-single-step-transfer or basic "
      "(default full)", "NAME" },
    { "sim-api", 0, 0, G_OPTION_ARG_NONE, &sim_api,
      "Open the simulation routes (/api/v1/sim/…) to every token, not only supervisors", NULL },
    { "db", 'd', 0, G_OPTION_ARG_FILENAME, &db_file,
      "Keep the contact history in this SQLite file (default: in memory only)", "FILE" },
    { "db-max-bytes", 0, 0, G_OPTION_ARG_INT64, &db_max_bytes,
      "Refuse to grow the history database beyond this size (default: no bound)", "BYTES" },
    { "answer-delay-ms", 0, 0, G_OPTION_ARG_INT, &answer_delay,
      "Outside numbers answer after this many milliseconds (default 1000)", "N" },
    { "action-delay-ms", 0, 0, G_OPTION_ARG_INT, &action_delay,
      "An accepted action stays in progress this long before it is applied (default 0)", "N" },
    { "token-ttl", 0, 0, G_OPTION_ARG_INT, &token_ttl,
      "Tokens expire after this many idle seconds (default 14400)", "SECONDS" },
    { "keepalive-ms", 0, 0, G_OPTION_ARG_INT, &keepalive,
      "Interval of the “: keepalive” comment on event streams (default 15000)", "N" },
    { "subscription-linger-ms", 0, 0, G_OPTION_ARG_INT, &linger,
      "A subscription outlives its stream this long (default 60000)", "N" },
    { "max-subscriptions", 0, 0, G_OPTION_ARG_INT, &max_subscriptions,
      "Subscriptions the switch holds in all (default 4096)", "N" },
    { "max-subscriptions-per-token", 0, 0, G_OPTION_ARG_INT, &max_per_token,
      "Subscriptions one token may hold (default 256)", "N" },
    { "login-failures-per-minute", 0, 0, G_OPTION_ARG_INT, &login_limit,
      "Failed logins per user and per address before logins are refused for a minute "
      "(default 10; 0: no limit)", "N" },
    { "connection-idle-ms", 0, 0, G_OPTION_ARG_INT, &connection_idle,
      "Close a kept-alive connection that waits this long for its next request "
      "(default 120000; 0: never)", "N" },
    { "demo-agents", 0, 0, G_OPTION_ARG_INT, &demo_agents,
      "Serve a demo center of N agents (1 to 6999) over twenty queues, kept busy by simulated "
      "agents and callers (not with --config)", "N" },
    { "demo-calls-per-minute", 0, 0, G_OPTION_ARG_DOUBLE, &demo_calls,
      "With --demo-agents, simulated callers per minute over every queue (default: what the "
      "agents handle at about 90 % occupancy)", "N" },
    { "hash-password", 0, 0, G_OPTION_ARG_NONE, &want_hash,
      "Read a password on standard input, print its hash for a --config file and exit", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("— the Agent Desk contact-center switch");
  g_option_context_set_summary (context,
    "Serves the voice interaction service over HTTP + JSON + Server-Sent Events\n"
    "(docs/protocol.md). When ready it prints “listening on http://HOST:PORT”\n"
    "(https:// with --tls-certificate);\n"
    "SIGTERM or SIGINT stop it cleanly.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("agentdesk-switch: %s\n", error->message);
      return 2;
    }

  if (want_hash)
    return hash_password ();

  if (demo_agents < 0 || demo_agents > AD_CENTER_DEMO_MAX_AGENTS)
    {
      g_printerr ("agentdesk-switch: --demo-agents wants 1 to %d agents\n", AD_CENTER_DEMO_MAX_AGENTS);
      return 2;
    }
  if (demo_agents > 0 && config_file != NULL)
    {
      g_printerr ("agentdesk-switch: --demo-agents builds a demo center: not with --config\n");
      return 2;
    }
  if ((tls_certificate == NULL) != (tls_key == NULL))
    {
      g_printerr ("agentdesk-switch: --tls-certificate and --tls-key go together\n");
      return 2;
    }
  if (demo_calls < 0 || (demo_calls > 0 && demo_agents == 0))
    {
      g_printerr ("agentdesk-switch: --demo-calls-per-minute wants a positive rate and --demo-agents\n");
      return 2;
    }

  ad_switch_options_init (&options);
  options.config_file = config_file;
  options.demo_agents = demo_agents;
  options.demo_calls_per_minute = demo_calls;
  options.db_file = db_file;
  options.sim_api = sim_api;
  options.tls_certificate_file = tls_certificate;
  options.tls_key_file = tls_key;
  if (profile_name != NULL && !ad_switch_profile_from_name (profile_name, &options.profile))
    {
      g_printerr ("agentdesk-switch: unknown switch profile “%s”\n", profile_name);
      return 2;
    }

#define SET_IF_GIVEN(field, value) G_STMT_START { if ((value) >= 0) options.field = (value); } G_STMT_END
  SET_IF_GIVEN (answer_delay_ms, answer_delay);
  SET_IF_GIVEN (action_delay_ms, action_delay);
  SET_IF_GIVEN (keepalive_ms, keepalive);
  SET_IF_GIVEN (linger_ms, linger);
  SET_IF_GIVEN (max_subscriptions, max_subscriptions);
  SET_IF_GIVEN (max_subscriptions_per_token, max_per_token);
  SET_IF_GIVEN (login_failures_per_minute, login_limit);
  SET_IF_GIVEN (connection_idle_ms, connection_idle);
#undef SET_IF_GIVEN
  if (token_ttl > 0)
    options.token_ttl_s = token_ttl;
  if (db_max_bytes > 0)
    options.db_max_bytes = db_max_bytes;

  if (!parse_listen (listen != NULL ? listen : "127.0.0.1:8080", &host, &port, &error))
    {
      g_printerr ("agentdesk-switch: %s\n", error->message);
      return 2;
    }

  server = ad_switch_server_new (&options, &error);
  if (server == NULL || !ad_switch_server_listen (server, host, port, &error))
    {
      g_printerr ("agentdesk-switch: %s\n", error->message);
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  sigterm_id = g_unix_signal_add (SIGTERM, on_stop_signal, loop);
  sigint_id = g_unix_signal_add (SIGINT, on_stop_signal, loop);

  printf ("listening on %s\n", ad_switch_server_get_base_url (server));
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);
  ad_switch_server_shutdown (server);
  return 0;
}
