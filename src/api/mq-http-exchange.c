/* mq-http-exchange.c
 *
 * The body goes into one buffer, grown a chunk at a time (or sized at once from the
 * Content-Length), read in place: no copy per chunk. The worker that parses it gets a
 * task of its own that holds nothing of libsoup's: the last reference to it may be
 * dropped in the worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mq-api-error-private.h"
#include "mq-http-exchange.h"
#include "mq-secret.h"

#define READ_CHUNK_SIZE (256 * 1024)

typedef struct
{
  GInputStream *stream;
  GByteArray *body;
  gsize body_length;        /* bytes read; body->len is that plus room for a read */
  gsize expected_size;      /* the Content-Length plus one, or 0 when not known */
  guint64 max_size;
  char *host;
  MqHttpReadFlags flags;
  MqHttpParseFunc parse;    /* NULL: the body is the result, as GBytes */
  gpointer parse_data;
  GDestroyNotify result_free;
} Read;

typedef struct
{
  GBytes *body;
  MqHttpParseFunc parse;
  gpointer parse_data;
  GDestroyNotify result_free;
  char *host;
} ParseJob;

/* ------------------------------------------------------------------------------------
 * Sending
 */

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GInputStream *stream;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stream, g_object_unref);
}

void
mq_http_send_async (SoupSession         *session,
                    SoupMessage         *message,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (message));

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_http_send_async);

  /* A redirect would send the token (or the sign-in's secrets) somewhere else. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  g_debug ("%s %s", soup_message_get_method (message),
           g_uri_get_path (soup_message_get_uri (message)));
  soup_session_send_async (session, message, G_PRIORITY_DEFAULT, cancellable, send_cb, task);
}

GInputStream *
mq_http_send_finish (SoupSession   *session,
                     GAsyncResult  *result,
                     const char    *host,
                     GError       **error)
{
  g_autoptr(GError) send_error = NULL;
  GInputStream *stream;

  g_return_val_if_fail (g_task_is_valid (result, session), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_http_send_async, NULL);

  stream = g_task_propagate_pointer (G_TASK (result), &send_error);
  if (stream == NULL)
    g_propagate_error (error, mq_api_error_from_transport (send_error, host));

  return stream;
}

/* ------------------------------------------------------------------------------------
 * Closing
 */

static void
close_stream_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_input_stream_close_finish (G_INPUT_STREAM (object), result, NULL);
}

void
mq_http_close_stream (GInputStream **stream,
                      gboolean       abort)
{
  g_autoptr(GCancellable) cancelled = NULL;

  if (*stream == NULL)
    return;

  /* A cancelled close drops the connection. */
  if (abort)
    {
      cancelled = g_cancellable_new ();
      g_cancellable_cancel (cancelled);
    }

  g_input_stream_close_async (*stream, G_PRIORITY_DEFAULT, cancelled, close_stream_cb, NULL);
  g_clear_object (stream);
}

/* ------------------------------------------------------------------------------------
 * Reading and parsing
 */

static void
wipe_byte_array (GByteArray *array)
{
  mq_secret_wipe (array->data, array->len);
  g_byte_array_unref (array);
}

static void
read_free (Read *read)
{
  mq_http_close_stream (&read->stream, TRUE);
  if (read->body != NULL)
    {
      if (read->flags & MQ_HTTP_READ_WIPE)
        wipe_byte_array (g_steal_pointer (&read->body));
      else
        g_clear_pointer (&read->body, g_byte_array_unref);
    }
  g_clear_pointer (&read->host, g_free);
  g_free (read);
}

static void
parse_job_free (ParseJob *job)
{
  g_clear_pointer (&job->body, g_bytes_unref);
  g_clear_pointer (&job->host, g_free);
  g_free (job);
}

GError *
mq_http_new_too_large_error (const char *host,
                             guint64     max_size)
{
  g_autofree char *limit = g_format_size (max_size);

  return g_error_new (MQ_API_ERROR, MQ_API_ERROR_TOO_LARGE,
                      _("%s sent a response larger than %s, so Marquee stopped reading "
                        "it. Try again later, or ask viewneo support."),
                      host, limit);
}

static void
read_return_error (GTask  *task,
                   GError *error)
{
  Read *read = g_task_get_task_data (task);

  mq_http_close_stream (&read->stream, TRUE);
  g_task_return_error (task, error);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseJob *job = task_data;
  GError *error = NULL;
  gpointer result;

  result = job->parse (job->body, job->host, job->parse_data, &error);
  if (result != NULL)
    {
      g_task_return_pointer (task, result, job->result_free);
      return;
    }

  /* A parse function that breaks its contract still ends the call. */
  if (error == NULL)
    {
      g_critical ("A parse function returned NULL without an error");
      error = g_error_new (MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("%s sent a damaged response. Try again later."), job->host);
    }
  g_task_return_error (task, error);
}

static void
parse_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Read *read = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gpointer parsed;

  parsed = g_task_propagate_pointer (G_TASK (result), &error);
  if (parsed == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, parsed, read->result_free);
}

static GBytes *
read_take_body (Read *read)
{
  GByteArray *body = g_steal_pointer (&read->body);

  g_byte_array_set_size (body, read->body_length);
  if (read->flags & MQ_HTTP_READ_WIPE)
    return g_bytes_new_with_free_func (body->data, body->len,
                                       (GDestroyNotify) wipe_byte_array, body);

  return g_byte_array_free_to_bytes (body);
}

static void
read_complete (GTask *task)
{
  Read *read = g_task_get_task_data (task);
  g_autoptr(GBytes) body = read_take_body (read);
  g_autoptr(GTask) parse_task = NULL;
  ParseJob *job;

  /* The stream is at its end: closing it gives the connection back for reuse. */
  mq_http_close_stream (&read->stream, FALSE);

  if (read->parse == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
      return;
    }

  job = g_new0 (ParseJob, 1);
  job->body = g_steal_pointer (&body);
  job->parse = read->parse;
  job->parse_data = read->parse_data;
  job->result_free = read->result_free;
  job->host = g_strdup (read->host);

  parse_task = g_task_new (NULL, g_task_get_cancellable (task), parse_cb, g_object_ref (task));
  g_task_set_source_tag (parse_task, parse_thread);
  g_task_set_task_data (parse_task, job, (GDestroyNotify) parse_job_free);
  g_task_run_in_thread (parse_task, parse_thread);
}

static void read_more (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Read *read = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n_read;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n_read < 0)
    {
      read_return_error (task, mq_api_error_from_transport (error, read->host));
      return;
    }

  if (n_read == 0)
    {
      read_complete (task);
      return;
    }

  read->body_length += n_read;
  if (read->body_length > read->max_size)
    {
      read_return_error (task, mq_http_new_too_large_error (read->host, read->max_size));
      return;
    }

  read_more (g_steal_pointer (&task));
}

static void
read_more (GTask *task)
{
  Read *read = g_task_get_task_data (task);
  /* One byte past the cap is enough to know the body is too large. */
  gsize room = MIN ((guint64) READ_CHUNK_SIZE, read->max_size + 1 - read->body_length);

  /* Within the buffer sized from the Content-Length, so that it is never grown (and
   * copied) for a read that cannot fill it; the byte past the length finds the end. */
  if (read->expected_size > read->body_length)
    room = MIN (room, read->expected_size - read->body_length);

  g_byte_array_set_size (read->body, read->body_length + room);
  g_input_stream_read_async (read->stream,
                             read->body->data + read->body_length, room,
                             G_PRIORITY_DEFAULT,
                             g_task_get_cancellable (task),
                             read_cb, task);
}

void
mq_http_read_async (SoupMessage         *message,
                    GInputStream        *stream,
                    guint64              max_size,
                    const char          *host,
                    MqHttpReadFlags      flags,
                    MqHttpParseFunc      parse,
                    gpointer             parse_data,
                    GDestroyNotify       result_free,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SoupMessageHeaders *headers;
  Read *read;

  g_return_if_fail (SOUP_IS_MESSAGE (message));
  g_return_if_fail (G_IS_INPUT_STREAM (stream));
  g_return_if_fail (max_size > 0 && max_size < G_MAXSIZE);
  g_return_if_fail (host != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mq_http_read_async);

  read = g_new0 (Read, 1);
  read->stream = g_object_ref (stream);
  read->body = g_byte_array_new ();
  read->max_size = max_size;
  read->host = g_strdup (host);
  read->flags = flags;
  read->parse = parse;
  read->parse_data = parse_data;
  read->result_free = result_free;
  g_task_set_task_data (task, read, (GDestroyNotify) read_free);

  headers = soup_message_get_response_headers (message);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    {
      goffset length = soup_message_headers_get_content_length (headers);

      /* Without content coding the length is the body's: refuse before reading. */
      if (soup_message_headers_get_one (headers, "Content-Encoding") == NULL &&
          (guint64) length > max_size)
        {
          read_return_error (task, mq_http_new_too_large_error (host, max_size));
          return;
        }
      g_byte_array_set_size (read->body, MIN ((guint64) length, max_size) + 1);
      if (soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
        read->expected_size = read->body->len;
    }

  read_more (g_steal_pointer (&task));
}

gpointer
mq_http_read_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mq_http_read_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
