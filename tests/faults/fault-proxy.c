/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "FaultProxy"

#include "config.h"

#include "fault-proxy.h"

#include <string.h>

#define BUFFER_SIZE 16384

typedef struct _Link Link;

typedef struct {
  GBytes *bytes;
  gint64  due_us;      /* monotonic time it may be written */
} Chunk;

/* One direction of a link. */
typedef struct {
  Link          *link;
  GInputStream  *in;
  GOutputStream *out;
  gboolean       down;     /* switch → client */
  GQueue         chunks;
  gboolean       writing;
  gboolean       eof;
  guint          timer;
  guint8         buffer[BUFFER_SIZE];
} Pipe;

struct _Link {
  FaultProxy        *proxy;
  GSocketConnection *client;
  GSocketConnection *server;
  GCancellable      *cancellable;
  Pipe               up;
  Pipe               down;
  gboolean           is_stream;
  gboolean           stalled;
  gssize             budget;   /* bytes still to pass down; -1: no limit */
  gboolean           cut_on_request;
  gboolean           closed;
  guint              refs;
};

struct _FaultProxy
{
  GSocketService *service;
  GSocketClient  *connector;
  guint           target_port;
  char           *url;
  GList          *links;
  guint           delay_ms;
  gboolean        refusing;
  guint           n_cut;
  guint           n_stalls_ended;
  guint           n_accepted;
};

static void pump (Pipe *pipe);

static Link *
link_ref (Link *link)
{
  link->refs++;
  return link;
}

static void
chunk_free (Chunk *chunk)
{
  g_bytes_unref (chunk->bytes);
  g_free (chunk);
}

static void
pipe_clear (Pipe *pipe)
{
  g_clear_handle_id (&pipe->timer, g_source_remove);
  g_queue_clear_full (&pipe->chunks, (GDestroyNotify) chunk_free);
}

static void
link_unref (Link *link)
{
  if (--link->refs > 0)
    return;

  pipe_clear (&link->up);
  pipe_clear (&link->down);
  g_clear_object (&link->client);
  g_clear_object (&link->server);
  g_clear_object (&link->cancellable);
  g_free (link);
}

static void
link_close (Link *link)
{
  if (link->closed)
    return;

  link->closed = TRUE;
  g_cancellable_cancel (link->cancellable);
  pipe_clear (&link->up);
  pipe_clear (&link->down);
  g_io_stream_close (G_IO_STREAM (link->client), NULL, NULL);
  if (link->server != NULL)
    g_io_stream_close (G_IO_STREAM (link->server), NULL, NULL);
  link->proxy->links = g_list_remove (link->proxy->links, link);
  link_unref (link);
}

static void
cut (Link *link)
{
  if (link->closed)
    return;

  link->proxy->n_cut++;
  link_close (link);
}

static gboolean
on_pump_timer (gpointer user_data)
{
  Pipe *pipe = user_data;

  pipe->timer = 0;
  pump (pipe);
  return G_SOURCE_REMOVE;
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pipe *pipe = user_data;
  Link *link = pipe->link;
  gsize written = 0;
  gboolean ok = g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, &written,
                                                  NULL);

  if (!link->closed)
    {
      pipe->writing = FALSE;
      if (!ok)
        link_close (link);
      else
        {
          Chunk *chunk = g_queue_peek_head (&pipe->chunks);
          gsize size = g_bytes_get_size (chunk->bytes);

          if (written < size)
            {
              GBytes *rest = g_bytes_new_from_bytes (chunk->bytes, written, size - written);

              g_bytes_unref (chunk->bytes);
              chunk->bytes = rest;
            }
          else
            chunk_free (g_queue_pop_head (&pipe->chunks));
          if (pipe->down && link->budget >= 0)
            link->budget -= MIN ((gssize) written, link->budget);
          pump (pipe);
        }
    }
  link_unref (link);
}

/* Writes the next chunk when it is due and the faults let it. */
static void
pump (Pipe *pipe)
{
  Link *link = pipe->link;
  Chunk *chunk;
  gint64 now = g_get_monotonic_time ();
  gsize size;

  if (link->closed || pipe->writing || pipe->timer != 0)
    return;
  if (pipe->down && link->stalled)
    return;

  chunk = g_queue_peek_head (&pipe->chunks);
  if (pipe->down && link->budget == 0)
    {
      cut (link);
      return;
    }
  if (chunk == NULL)
    {
      if (pipe->eof)
        link_close (link);
      return;
    }
  if (chunk->due_us > now)
    {
      pipe->timer = g_timeout_add (MAX ((chunk->due_us - now) / 1000, 1), on_pump_timer, pipe);
      return;
    }

  size = g_bytes_get_size (chunk->bytes);
  if (pipe->down && link->budget >= 0)
    size = MIN (size, (gsize) link->budget);

  pipe->writing = TRUE;
  link_ref (link);
  g_output_stream_write_all_async (pipe->out, g_bytes_get_data (chunk->bytes, NULL), size,
                                   G_PRIORITY_DEFAULT, link->cancellable, on_written, pipe);
}

static void read_more (Pipe *pipe);

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Pipe *pipe = user_data;
  Link *link = pipe->link;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (!link->closed)
    {
      if (n <= 0)
        {
          pipe->eof = TRUE;
          /* A stalled stream's client hanging up ends the stall. */
          if (!pipe->down && link->stalled)
            {
              link->proxy->n_stalls_ended++;
              link_close (link);
            }
          else
            pump (pipe);
        }
      else if (!pipe->down && link->cut_on_request)
        cut (link);
      else
        {
          Chunk *chunk = g_new0 (Chunk, 1);

          if (pipe->down && !link->is_stream &&
              g_strstr_len ((const char *) pipe->buffer, n, "text/event-stream") != NULL)
            link->is_stream = TRUE;
          chunk->bytes = g_bytes_new (pipe->buffer, n);
          chunk->due_us = g_get_monotonic_time () + link->proxy->delay_ms * 1000;
          g_queue_push_tail (&pipe->chunks, chunk);
          pump (pipe);
          read_more (pipe);
        }
    }
  link_unref (link);
}

static void
read_more (Pipe *pipe)
{
  Link *link = pipe->link;

  if (link->closed)
    return;
  g_input_stream_read_async (pipe->in, pipe->buffer, BUFFER_SIZE, G_PRIORITY_DEFAULT,
                             link->cancellable, on_read, pipe);
  link_ref (link);
}

static void
pipe_init (Pipe              *pipe,
           Link              *link,
           GSocketConnection *from,
           GSocketConnection *to,
           gboolean           down)
{
  pipe->link = link;
  pipe->in = g_io_stream_get_input_stream (G_IO_STREAM (from));
  pipe->out = g_io_stream_get_output_stream (G_IO_STREAM (to));
  pipe->down = down;
  g_queue_init (&pipe->chunks);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Link *link = user_data;

  link->server = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), result, NULL);
  if (!link->closed)
    {
      if (link->server == NULL)
        link_close (link);
      else
        {
          pipe_init (&link->up, link, link->client, link->server, FALSE);
          pipe_init (&link->down, link, link->server, link->client, TRUE);
          read_more (&link->up);
          read_more (&link->down);
        }
    }
  link_unref (link);
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  FaultProxy *self = user_data;
  Link *link;

  if (self->refusing)
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }

  self->n_accepted++;
  link = g_new0 (Link, 1);
  link->refs = 1;  /* the proxy's list */
  link->proxy = self;
  link->client = g_object_ref (connection);
  link->cancellable = g_cancellable_new ();
  link->budget = -1;
  self->links = g_list_prepend (self->links, link);

  g_socket_client_connect_to_host_async (self->connector, "127.0.0.1", self->target_port,
                                         link->cancellable, on_connected, link_ref (link));
  return TRUE;
}

FaultProxy *
fault_proxy_new (guint target_port)
{
  FaultProxy *self = g_new0 (FaultProxy, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  self->target_port = target_port;
  self->connector = g_socket_client_new ();
  self->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &bound,
                                 &error);
  g_assert_no_error (error);
  self->url = g_strdup_printf ("http://127.0.0.1:%u",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming), self);
  g_socket_service_start (self->service);
  return self;
}

void
fault_proxy_free (FaultProxy *self)
{
  fault_proxy_cut_all (self);
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_object_unref (self->service);
  g_object_unref (self->connector);
  g_free (self->url);
  g_free (self);
}

const char *
fault_proxy_get_url (FaultProxy *self)
{
  return self->url;
}

void
fault_proxy_set_delay (FaultProxy *self,
                       guint       delay_ms)
{
  self->delay_ms = delay_ms;
}

void
fault_proxy_stall_streams (FaultProxy *self)
{
  for (GList *l = self->links; l != NULL; l = l->next)
    {
      Link *link = l->data;

      if (link->is_stream)
        link->stalled = TRUE;
    }
}

static void
set_budget (FaultProxy *self,
            gsize       n_bytes,
            gboolean    streams_only)
{
  for (GList *l = self->links; l != NULL; l = l->next)
    {
      Link *link = l->data;

      if (link->is_stream || !streams_only)
        link->budget = n_bytes;
    }
}

void
fault_proxy_cut_streams_after (FaultProxy *self,
                               gsize       n_bytes)
{
  set_budget (self, n_bytes, TRUE);
}

void
fault_proxy_cut_after (FaultProxy *self,
                       gsize       n_bytes)
{
  set_budget (self, n_bytes, FALSE);
}

void
fault_proxy_cut_on_next_request (FaultProxy *self)
{
  for (GList *l = self->links; l != NULL; l = l->next)
    ((Link *) l->data)->cut_on_request = TRUE;
}

void
fault_proxy_cut_all (FaultProxy *self)
{
  while (self->links != NULL)
    cut (self->links->data);
}

void
fault_proxy_set_refusing (FaultProxy *self,
                          gboolean    refusing)
{
  self->refusing = refusing;
}

guint
fault_proxy_get_n_cut (FaultProxy *self)
{
  return self->n_cut;
}

guint
fault_proxy_get_n_stalls_ended (FaultProxy *self)
{
  return self->n_stalls_ended;
}

guint
fault_proxy_get_n_accepted (FaultProxy *self)
{
  return self->n_accepted;
}
