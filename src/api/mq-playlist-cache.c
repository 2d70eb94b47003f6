/* mq-playlist-cache.c: the account caches, playlists and screens
 *
 * One engine for every cache, told apart by a CacheFormat. JSON, with one item a
 * line, so that it is read a piece at a time:
 *
 *   {"version":2,"saved_at":UNIX,"playlists":[
 *   {viewneo's fields},
 *   {viewneo's fields}
 *   ]}
 *
 * A small file of any other layout (a single line, as in the tests) is read whole.
 * The screens cache is the same with "screens" for "playlists", and each item is
 * {"devicegroup":{…}} or {"device":{…}}.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mq-models-private.h"
#include "mq-playlist-cache.h"
#include "mq-screens-cache.h"

#define CACHE_VERSION 2
#define READ_CHUNK_SIZE (256 * 1024)
/* A first line longer than this is not a header of ours: the one-line caches of
 * version 1 are megabytes long, and as good as none. */
#define MAX_FIRST_LINE (64 * 1024)
#define WRITE_CHUNK_SIZE (256 * 1024)

/* What one cache holds: @name is its file name's prefix and its array's key. Items
 * past @max_items are neither written nor read, so that a cache stays bounded. */
typedef struct
{
  const char *name;
  int         version;
  guint       max_items;
  void      (*serialize) (GObject *item, JsonBuilder *builder);
  /* A new item from @value, or NULL to leave it out. */
  GObject  *(*parse)     (const MqJsonValue *value);
} CacheFormat;

static void
serialize_playlist (GObject     *item,
                    JsonBuilder *builder)
{
  mq_playlist_serialize (MQ_PLAYLIST (item), builder);
}

static GObject *
parse_playlist (const MqJsonValue *value)
{
  if (value->kind != MQ_JSON_KIND_OBJECT)
    return NULL;
  return (GObject *) mq_playlist_new_from_value (value, NULL);
}

static const CacheFormat playlists_format = {
  "playlists", CACHE_VERSION, G_MAXUINT, serialize_playlist, parse_playlist,
};

/* A group or a screen, wrapped in an object that says which. */
static void
serialize_screen_item (GObject     *item,
                       JsonBuilder *builder)
{
  json_builder_begin_object (builder);
  if (MQ_IS_DEVICE_GROUP (item))
    {
      json_builder_set_member_name (builder, "devicegroup");
      mq_device_group_serialize (MQ_DEVICE_GROUP (item), builder);
    }
  else
    {
      json_builder_set_member_name (builder, "device");
      mq_device_serialize (MQ_DEVICE (item), builder);
    }
  json_builder_end_object (builder);
}

static GObject *
parse_screen_item (const MqJsonValue *value)
{
  static const char * const kinds[] = { "devicegroup", "device", NULL };
  GObject *item = NULL;
  MqJsonValue member;
  MqJsonIter iter;
  const char *key;

  if (value->kind != MQ_JSON_KIND_OBJECT)
    return NULL;

  mq_json_iter_init (&iter, value);
  while (item == NULL && mq_json_iter_next_member (&iter, &key, &member))
    {
      if (member.kind != MQ_JSON_KIND_OBJECT)
        continue;
      switch (mq_json_key_index (key, kinds))
        {
        case 0:
          item = (GObject *) mq_device_group_new_from_value (&member, NULL);
          break;
        case 1:
          item = (GObject *) mq_device_new_from_value (&member, NULL);
          break;
        default:
          break;
        }
    }
  mq_json_iter_clear (&iter);

  return item;
}

/* Far more groups and screens than an account has: a bound, not a limit in use. */
static const CacheFormat screens_format = {
  "screens", 1, 100000, serialize_screen_item, parse_screen_item,
};

typedef struct
{
  const CacheFormat *format;
  char *path;
  GPtrArray *playlists;
  gint64 saved_at;
  guint generation;
} CacheJob;

/* A delete bumps its path's generation; a save started before it then writes nothing,
 * so that a sign-out never leaves a cache behind for a save still under way. The lock
 * also keeps a delete from falling between a save's check and its write. */
static GMutex generations_lock;
static GHashTable *generations; /* path → generation */

static guint
get_generation_locked (const char *path)
{
  if (generations == NULL)
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (generations, path));
}

static void
cache_job_free (CacheJob *job)
{
  g_clear_pointer (&job->path, g_free);
  g_clear_pointer (&job->playlists, g_ptr_array_unref);
  g_free (job);
}

/* The account id is hashed: it may be an e-mail address, which has no place in a
 * file name. */
static char *
build_cache_path (const CacheFormat *format,
                  const char        *account_id)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, account_id, -1);
  g_autofree char *basename = g_strdup_printf ("%s-%s.json", format->name, digest);

  return g_build_filename (g_get_user_cache_dir (), "marquee", basename, NULL);
}

/* Everything of @data, or FALSE and @error. */
static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           const char  *path,
           GError     **error)
{
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not write the cache %s: %s"),
                       path, g_strerror (saved_errno));
          return FALSE;
        }

      data += written;
      length -= written;
    }

  return TRUE;
}

/* The cache, written a playlist at a time into @fd: one json-glib tree of 100,000
 * playlists took 350 MB, which the process kept. */
static gboolean
write_cache (CacheJob      *job,
             int            fd,
             const char    *path,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GString) buffer = g_string_sized_new (WRITE_CHUNK_SIZE + 4096);

  g_string_append_printf (buffer, "{\"version\":%d,\"saved_at\":%" G_GINT64_FORMAT ",\"%s\":[\n",
                          job->format->version, job->saved_at, job->format->name);
  for (guint i = 0; i < MIN (job->playlists->len, job->format->max_items); i++)
    {
      g_autoptr(JsonNode) node = NULL;

      job->format->serialize (g_ptr_array_index (job->playlists, i), builder);
      node = json_builder_get_root (builder);
      json_builder_reset (builder);
      json_generator_set_root (generator, node);
      if (i > 0)
        g_string_append (buffer, ",\n");
      json_generator_to_gstring (generator, buffer);

      if (buffer->len >= WRITE_CHUNK_SIZE)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
              !write_all (fd, buffer->str, buffer->len, path, error))
            return FALSE;
          g_string_truncate (buffer, 0);
        }
    }
  g_string_append (buffer, "\n]}\n");

  if (!write_all (fd, buffer->str, buffer->len, path, error))
    return FALSE;

  /* On disk before the rename: a crash leaves the old cache or the new one. */
  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the cache %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CacheJob *job = task_data;
  g_autofree char *directory = g_path_get_dirname (job->path);
  g_autofree char *temp_path = g_strconcat (job->path, ".XXXXXX", NULL);
  GError *error = NULL;
  gboolean written;
  int saved_errno = 0;
  int fd;

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      saved_errno = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not create the cache folder %s: %s"),
                               directory, g_strerror (saved_errno));
      return;
    }

  /* Written beside it and renamed over it, as g_file_set_contents() does, but without
   * holding the whole text in memory. */
  fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not write the cache %s: %s"),
                               job->path, g_strerror (saved_errno));
      return;
    }

  written = write_cache (job, fd, job->path, cancellable, &error);
  if (close (fd) != 0 && written)
    {
      saved_errno = errno;
      written = FALSE;
      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the cache %s: %s"),
                   job->path, g_strerror (saved_errno));
    }
  if (!written)
    {
      g_unlink (temp_path);
      g_task_return_error (task, error);
      return;
    }

  /* A delete since the save started wins: the lock keeps it from falling between this
   * check and the rename. */
  g_mutex_lock (&generations_lock);
  if (get_generation_locked (job->path) != job->generation)
    {
      g_mutex_unlock (&generations_lock);
      g_unlink (temp_path);
      g_debug ("Not writing a cache deleted meanwhile");
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (g_rename (temp_path, job->path) != 0)
    saved_errno = errno;
  g_mutex_unlock (&generations_lock);

  if (saved_errno != 0)
    {
      g_unlink (temp_path);
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not write the cache %s: %s"),
                               job->path, g_strerror (saved_errno));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
cache_save_async (const CacheFormat   *format,
                  const char          *account_id,
                  GPtrArray           *playlists,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CacheJob *job;

  g_return_if_fail (account_id != NULL);
  g_return_if_fail (playlists != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cache_save_async);

  /* A reference, not a copy: copying 100,000 playlists took the calling (main)
   * thread 5 to 10 ms. The caller leaves the array as it is (see the header). */
  job = g_new0 (CacheJob, 1);
  job->format = format;
  job->path = build_cache_path (format, account_id);
  job->playlists = g_ptr_array_ref (playlists);
  job->saved_at = g_get_real_time () / G_USEC_PER_SEC;
  g_mutex_lock (&generations_lock);
  job->generation = get_generation_locked (job->path);
  g_mutex_unlock (&generations_lock);
  g_task_set_task_data (task, job, (GDestroyNotify) cache_job_free);

  g_task_run_in_thread (task, save_thread);
}

static gboolean
cache_save_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cache_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mq_playlist_cache_save_async (const char          *account_id,
                              GPtrArray           *playlists,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  cache_save_async (&playlists_format, account_id, playlists, cancellable, callback, user_data);
}

gboolean
mq_playlist_cache_save_finish (GAsyncResult  *result,
                               GError       **error)
{
  return cache_save_finish (result, error);
}

enum { KEY_VERSION, KEY_SAVED_AT, KEY_PLAYLISTS, N_KEYS };

static GError *
damaged_error (const char *path)
{
  return g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                      _("The cache %s is damaged."), path);
}

/* Adds the item in @value to @playlists, or leaves out what it cannot read, and what
 * is past the bound. */
static void
add_playlist (CacheJob          *job,
              GPtrArray         *playlists,
              const MqJsonValue *value)
{
  GObject *item;

  if (playlists->len >= job->format->max_items)
    return;

  item = job->format->parse (value);
  if (item != NULL)
    g_ptr_array_add (playlists, item);
}

/* The version and saved_at of the object @root into @job, and its playlists array in
 * @array; FALSE when it is not a cache at all. */
static gboolean
read_header (CacheJob          *job,
             const MqJsonValue *root,
             MqJsonValue       *array,
             gint64            *version)
{
  const char * const keys[] = { "version", "saved_at", job->format->name, NULL };
  MqJsonValue found[N_KEYS] = { { 0, }, };
  MqJsonValue value;
  MqJsonIter iter;
  const char *key;

  if (root->kind != MQ_JSON_KIND_OBJECT)
    return FALSE;

  mq_json_iter_init (&iter, root);
  while (mq_json_iter_next_member (&iter, &key, &value))
    {
      int index = mq_json_key_index (key, keys);

      if (index >= 0)
        found[index] = value;
    }
  mq_json_iter_clear (&iter);

  if (found[KEY_PLAYLISTS].kind != MQ_JSON_KIND_ARRAY)
    return FALSE;

  *array = found[KEY_PLAYLISTS];
  *version = mq_json_value_get_int_or (&found[KEY_VERSION], 0);
  job->saved_at = mq_json_value_get_int_or (&found[KEY_SAVED_AT], 0);
  return TRUE;
}

/* A whole document in @data, as long as a first line may be. */
static GPtrArray *
read_whole (CacheJob    *job,
            const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr(GPtrArray) playlists = g_ptr_array_new_with_free_func (g_object_unref);
  MqJsonValue root, array, value;
  MqJsonIter iter;
  gint64 version;

  if (!mq_json_scan (data, length, &root, NULL) || !read_header (job, &root, &array, &version))
    {
      g_propagate_error (error, damaged_error (job->path));
      return NULL;
    }

  /* A cache from another version of Marquee is as good as none. */
  if (version != job->format->version)
    return NULL;

  mq_json_iter_init (&iter, &array);
  while (mq_json_iter_next_element (&iter, &value))
    add_playlist (job, playlists, &value);
  mq_json_iter_clear (&iter);

  return g_steal_pointer (&playlists);
}

typedef enum {
  LINE_HEADER,     /* the first line */
  LINE_PLAYLIST,   /* a playlist, or the closing "]}" */
  LINE_DONE,       /* after the closing line */
} LineState;

typedef enum {
  LINE_READ,
  LINE_DAMAGED,
  LINE_OTHER_VERSION,
} LineResult;

/* One line of a cache written a playlist a line. */
static LineResult
read_line (CacheJob   *job,
           GPtrArray  *playlists,
           LineState  *state,
           const char *line,
           gsize       length)
{
  MqJsonValue value;

  switch (*state)
    {
    case LINE_HEADER:
      {
        /* The header, closed as the last line closes it, is a document of its own. */
        g_autofree char *header = g_malloc (length + 3);
        MqJsonValue array;
        gint64 version;

        memcpy (header, line, length);
        memcpy (header + length, "]}", 3);
        if (!mq_json_scan (header, length + 2, &value, NULL) ||
            !read_header (job, &value, &array, &version))
          return LINE_DAMAGED;
        /* A cache from another version of Marquee is as good as none. */
        if (version != job->format->version)
          return LINE_OTHER_VERSION;
        *state = LINE_PLAYLIST;
        return LINE_READ;
      }

    case LINE_PLAYLIST:
      if (length == 2 && memcmp (line, "]}", 2) == 0)
        {
          *state = LINE_DONE;
          return LINE_READ;
        }
      if (length > 0 && line[length - 1] == ',')
        length--;
      if (!mq_json_scan (line, length, &value, NULL))
        return LINE_DAMAGED;
      add_playlist (job, playlists, &value);
      return LINE_READ;

    case LINE_DONE:
    default:
      return length == 0 ? LINE_READ : LINE_DAMAGED;
    }
}

/* Reads @fd a chunk at a time: what is held at once is one chunk and the playlists,
 * never the whole text of 100,000 of them. */
static GPtrArray *
read_cache (CacheJob      *job,
            int            fd,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) playlists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GByteArray) buffer = g_byte_array_sized_new (READ_CHUNK_SIZE);
  LineState state = LINE_HEADER;
  gsize line_start = 0;
  gsize scanned = 0;
  gboolean at_end = FALSE;

  while (!at_end || line_start < buffer->len)
    {
      const guint8 *newline;
      gsize length;

      newline = memchr (buffer->data + scanned, '\n', buffer->len - scanned);
      if (newline == NULL && !at_end)
        {
          gssize n;

          if (state == LINE_HEADER && buffer->len >= MAX_FIRST_LINE)
            return NULL;
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;

          /* Keep the line begun; drop the ones read. */
          g_byte_array_remove_range (buffer, 0, line_start);
          scanned = buffer->len;
          line_start = 0;
          g_byte_array_set_size (buffer, scanned + READ_CHUNK_SIZE);
          do
            n = read (fd, buffer->data + scanned, READ_CHUNK_SIZE);
          while (n < 0 && errno == EINTR);
          if (n < 0)
            {
              int saved_errno = errno;

              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           _("Could not read the cache %s: %s"),
                           job->path, g_strerror (saved_errno));
              return NULL;
            }
          g_byte_array_set_size (buffer, scanned + n);
          at_end = n == 0;
          continue;
        }

      length = (newline != NULL ? (gsize) (newline - buffer->data) : buffer->len) - line_start;

      /* A file that is one line: a small document of any layout. */
      if (state == LINE_HEADER && newline == NULL)
        return read_whole (job, (const char *) buffer->data, buffer->len, error);

      switch (read_line (job, playlists, &state, (const char *) buffer->data + line_start, length))
        {
        case LINE_READ:
          break;
        case LINE_OTHER_VERSION:
          return NULL;
        case LINE_DAMAGED:
        default:
          /* A first line that is no header may be a whole document. */
          if (state == LINE_HEADER)
            return read_whole (job, (const char *) buffer->data + line_start, length, error);
          g_propagate_error (error, damaged_error (job->path));
          return NULL;
        }

      line_start += length + (newline != NULL ? 1 : 0);
      scanned = line_start;
    }

  if (state != LINE_DONE)
    {
      g_propagate_error (error, damaged_error (job->path));
      return NULL;
    }

  return g_steal_pointer (&playlists);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CacheJob *job = task_data;
  GError *error = NULL;
  GPtrArray *playlists;
  int fd;

  fd = g_open (job->path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_task_return_pointer (task, NULL, NULL);
      else
        g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                 _("Could not read the cache %s: %s"),
                                 job->path, g_strerror (saved_errno));
      return;
    }

  playlists = read_cache (job, fd, cancellable, &error);
  close (fd);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, playlists, (GDestroyNotify) g_ptr_array_unref);
}

static void
cache_load_async (const CacheFormat   *format,
                  const char          *account_id,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CacheJob *job;

  g_return_if_fail (account_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cache_load_async);

  job = g_new0 (CacheJob, 1);
  job->format = format;
  job->path = build_cache_path (format, account_id);
  g_task_set_task_data (task, job, (GDestroyNotify) cache_job_free);

  g_task_run_in_thread (task, load_thread);
}

static GPtrArray *
cache_load_finish (GAsyncResult  *result,
                   gint64        *saved_at,
                   GError       **error)
{
  CacheJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cache_load_async, NULL);

  job = g_task_get_task_data (G_TASK (result));
  if (saved_at != NULL)
    *saved_at = job->saved_at;

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mq_playlist_cache_load_async (const char          *account_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  cache_load_async (&playlists_format, account_id, cancellable, callback, user_data);
}

GPtrArray *
mq_playlist_cache_load_finish (GAsyncResult  *result,
                               gint64        *saved_at,
                               GError       **error)
{
  return cache_load_finish (result, saved_at, error);
}

/* Synchronous: one unlink in the user's own cache folder, done before the sign-out
 * goes on. It waits only if a save of the same moment is writing. */
static void
cache_delete (const CacheFormat *format,
              const char        *account_id)
{
  g_autofree char *path = NULL;
  guint generation;
  int saved_errno = 0;

  g_return_if_fail (account_id != NULL);

  path = build_cache_path (format, account_id);

  g_mutex_lock (&generations_lock);
  if (generations == NULL)
    generations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  generation = get_generation_locked (path) + 1;
  g_hash_table_insert (generations, g_strdup (path), GUINT_TO_POINTER (generation));
  if (g_unlink (path) != 0)
    saved_errno = errno;
  g_mutex_unlock (&generations_lock);

  if (saved_errno != 0 && saved_errno != ENOENT)
    g_warning ("Could not remove the cache %s: %s", path, g_strerror (saved_errno));
}

void
mq_playlist_cache_delete (const char *account_id)
{
  cache_delete (&playlists_format, account_id);
}

/* ---- the screens cache ---- */

void
mq_screens_cache_save_async (const char          *account_id,
                             GPtrArray           *groups,
                             GPtrArray           *devices,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_if_fail (groups != NULL);

  /* Two small lists, copied into one: the groups first, then their screens. */
  items = g_ptr_array_new_full (groups->len + (devices != NULL ? devices->len : 0),
                                g_object_unref);
  for (guint i = 0; i < groups->len; i++)
    g_ptr_array_add (items, g_object_ref (g_ptr_array_index (groups, i)));
  for (guint i = 0; devices != NULL && i < devices->len; i++)
    g_ptr_array_add (items, g_object_ref (g_ptr_array_index (devices, i)));

  cache_save_async (&screens_format, account_id, items, cancellable, callback, user_data);
}

gboolean
mq_screens_cache_save_finish (GAsyncResult  *result,
                              GError       **error)
{
  return cache_save_finish (result, error);
}

void
mq_screens_cache_load_async (const char          *account_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  cache_load_async (&screens_format, account_id, cancellable, callback, user_data);
}

gboolean
mq_screens_cache_load_finish (GAsyncResult  *result,
                              GPtrArray    **groups,
                              GPtrArray    **devices,
                              gint64        *saved_at,
                              GError       **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) found_groups = NULL;
  g_autoptr(GPtrArray) found_devices = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (groups != NULL && devices != NULL, FALSE);

  *groups = NULL;
  *devices = NULL;
  items = cache_load_finish (result, saved_at, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (items == NULL)
    return TRUE;

  found_groups = g_ptr_array_new_with_free_func (g_object_unref);
  found_devices = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < items->len; i++)
    {
      GObject *item = g_ptr_array_index (items, i);

      g_ptr_array_add (MQ_IS_DEVICE_GROUP (item) ? found_groups : found_devices,
                       g_object_ref (item));
    }

  *groups = g_steal_pointer (&found_groups);
  *devices = g_steal_pointer (&found_devices);
  return TRUE;
}

void
mq_screens_cache_delete (const char *account_id)
{
  cache_delete (&screens_format, account_id);
}
