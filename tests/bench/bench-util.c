/* bench-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bench-util.h"

BenchFake *
bench_fake_start (const char         *program,
                  guint               n_playlists,
                  guint               page_size,
                  const char * const *extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  BenchFake *fake = g_new0 (BenchFake, 1);

  g_ptr_array_add (argv, g_strdup (program));
  g_ptr_array_add (argv, g_strdup_printf ("--playlists=%u", n_playlists));
  g_ptr_array_add (argv, g_strdup_printf ("--page-size=%u", page_size));
  g_ptr_array_add (argv, g_strdup ("--token=" BENCH_TOKEN));
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra_args[i]));
  g_ptr_array_add (argv, NULL);

  fake->process = g_subprocess_newv ((const char * const *) argv->pdata,
                                     G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  if (fake->process == NULL)
    g_error ("Cannot start %s: %s", program, error->message);

  /* Its first line says where it listens, once it does. */
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fake->process));
  fake->url = g_data_input_stream_read_line (output, NULL, NULL, &error);
  if (fake->url == NULL)
    g_error ("The fake viewneo said nothing: %s", error != NULL ? error->message : "no output");

  return fake;
}

void
bench_fake_stop (BenchFake *fake)
{
  if (fake == NULL)
    return;

  g_subprocess_send_signal (fake->process, SIGTERM);
  g_subprocess_wait (fake->process, NULL, NULL);
  g_clear_object (&fake->process);
  g_clear_pointer (&fake->url, g_free);
  g_free (fake);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static GArray *
sorted_copy (GArray *values)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (double), values->len);

  g_array_append_vals (copy, values->data, values->len);
  g_array_sort (copy, compare_doubles);

  return copy;
}

double
bench_median (GArray *values)
{
  g_autoptr(GArray) sorted = NULL;
  guint n = values->len;

  g_return_val_if_fail (n > 0, 0);

  sorted = sorted_copy (values);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);

  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

double
bench_min (GArray *values)
{
  g_autoptr(GArray) sorted = NULL;

  g_return_val_if_fail (values->len > 0, 0);

  sorted = sorted_copy (values);
  return g_array_index (sorted, double, 0);
}

double
bench_max (GArray *values)
{
  g_autoptr(GArray) sorted = NULL;

  g_return_val_if_fail (values->len > 0, 0);

  sorted = sorted_copy (values);
  return g_array_index (sorted, double, sorted->len - 1);
}

static char *
next_buffer (void)
{
  static char buffers[8][32];
  static guint next;

  return buffers[next++ % G_N_ELEMENTS (buffers)];
}

const char *
bench_format_seconds (double seconds)
{
  char *buffer = next_buffer ();

  g_snprintf (buffer, 32, "%.3f s", seconds);
  return buffer;
}

const char *
bench_format_ms (double ms)
{
  char *buffer = next_buffer ();

  g_snprintf (buffer, 32, "%.1f ms", ms);
  return buffer;
}

const char *
bench_format_mb (double megabytes)
{
  char *buffer = next_buffer ();

  g_snprintf (buffer, 32, "%.1f MB", megabytes);
  return buffer;
}

static void
print_row (const char *first,
           va_list     cells,
           gboolean    underline)
{
  const char *cell;
  int width = printf ("%-34s", first);

  while ((cell = va_arg (cells, const char *)) != NULL)
    width += printf (" %14s", cell);
  printf ("\n");

  if (underline)
    {
      for (int i = 0; i < width; i++)
        putchar ('-');
      putchar ('\n');
    }
  fflush (stdout);
}

void
bench_table_header (const char *first,
                    ...)
{
  va_list cells;

  printf ("\n");
  va_start (cells, first);
  print_row (first, cells, TRUE);
  va_end (cells);
}

void
bench_table_row (const char *first,
                 ...)
{
  va_list cells;

  va_start (cells, first);
  print_row (first, cells, FALSE);
  va_end (cells);
}

GStrv
bench_environ (const char * const *overrides)
{
  char **envp = g_get_environ ();

  for (guint i = 0; overrides != NULL && overrides[i] != NULL; i++)
    {
      const char *equals = strchr (overrides[i], '=');

      if (equals == NULL)
        envp = g_environ_unsetenv (envp, overrides[i]);
      else
        {
          g_autofree char *name = g_strndup (overrides[i], equals - overrides[i]);

          envp = g_environ_setenv (envp, name, equals + 1, TRUE);
        }
    }

  return envp;
}

void
bench_run_child (const char * const *argv,
                 const char * const *envp,
                 guint               timeout_s,
                 BenchChild         *child)
{
  g_autoptr(GString) output = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  gint64 start, deadline;
  GPid pid;
  int stdout_fd = -1;
  int status = 0;

  memset (child, 0, sizeof *child);

  start = g_get_monotonic_time ();
  deadline = start + (gint64) timeout_s * G_USEC_PER_SEC;
  /* Not reaped by GLib: wait4() gives this child's own resource usage. */
  if (!g_spawn_async_with_pipes_and_fds (NULL, argv, envp,
                                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH,
                                         NULL, NULL, -1, -1, -1, NULL, NULL, 0,
                                         &pid, NULL, &stdout_fd, NULL, &error))
    g_error ("Cannot start %s: %s", argv[0], error->message);

  for (;;)
    {
      struct pollfd fd = { .fd = stdout_fd, .events = POLLIN };
      gint64 left = deadline - g_get_monotonic_time ();
      char buffer[4096];
      ssize_t n_read;
      int ready;

      if (left <= 0)
        {
          kill (pid, SIGKILL);
          g_error ("%s took longer than %u s", argv[0], timeout_s);
        }

      ready = poll (&fd, 1, (int) MIN (left / 1000 + 1, 1000));
      if (ready < 0 && errno != EINTR)
        g_error ("poll: %s", g_strerror (errno));
      if (ready <= 0)
        continue;

      n_read = read (stdout_fd, buffer, sizeof buffer);
      if (n_read < 0 && errno == EINTR)
        continue;
      if (n_read <= 0)
        break;
      g_string_append_len (output, buffer, n_read);
    }
  close (stdout_fd);

  while (wait4 (pid, &status, 0, &usage) < 0)
    {
      if (errno != EINTR)
        g_error ("wait4: %s", g_strerror (errno));
    }

  child->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  child->status = status;
  child->max_rss_mb = usage.ru_maxrss / 1024.0;   /* kilobytes on Linux */
  child->output = g_string_free (g_steal_pointer (&output), FALSE);

  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s failed (wait status %d); its output:\n%s", argv[0], status, child->output);
}

void
bench_child_clear (BenchChild *child)
{
  g_clear_pointer (&child->output, g_free);
}

double
bench_output_value (const char *output,
                    const char *key)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  size_t key_length = strlen (key);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strncmp (lines[i], key, key_length) == 0 && lines[i][key_length] == ' ')
        return g_ascii_strtod (lines[i] + key_length + 1, NULL);
    }

  g_error ("No “%s” in the output:\n%s", key, output);
}

char *
bench_make_temp_dir (const char *template)
{
  g_autoptr(GError) error = NULL;
  char *path;

  /* A full path, or a name in the temporary directory. */
  if (strchr (template, '/') != NULL)
    {
      path = g_strdup (template);
      if (g_mkdtemp (path) == NULL)
        g_error ("Cannot make %s: %s", template, g_strerror (errno));
      return path;
    }

  path = g_dir_make_tmp (template, &error);
  if (path == NULL)
    g_error ("Cannot make a temporary directory: %s", error->message);

  return path;
}

void
bench_remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        bench_remove_dir (child);
      else
        g_remove (child);
    }

  g_rmdir (path);
}

BenchProfile *
bench_profile_new (const char *bench_app,
                   const char *server,
                   gboolean    with_cache)
{
  BenchProfile *profile = g_new0 (BenchProfile, 1);
  g_autofree char *config = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *config_env = NULL;
  g_autofree char *cache_env = NULL;
  const char *overrides[4] = { "GSETTINGS_BACKEND=keyfile", NULL, NULL, NULL };
  const char *argv[] = { bench_app, "--seed", "--server", server, with_cache ? "--cache" : NULL, NULL };
  BenchChild child;

  profile->dir = bench_make_temp_dir ("marquee-bench-XXXXXX");
  config = g_build_filename (profile->dir, "config", NULL);
  cache = g_build_filename (profile->dir, "cache", NULL);
  profile->cache_dir = g_build_filename (cache, "marquee", NULL);
  config_env = g_strconcat ("XDG_CONFIG_HOME=", config, NULL);
  cache_env = g_strconcat ("XDG_CACHE_HOME=", cache, NULL);
  overrides[1] = config_env;
  overrides[2] = cache_env;
  profile->envp = bench_environ (overrides);

  bench_run_child (argv, (const char * const *) profile->envp, 300, &child);
  bench_child_clear (&child);

  return profile;
}

void
bench_profile_clear_cache (BenchProfile *profile)
{
  bench_remove_dir (profile->cache_dir);
}

void
bench_profile_free (BenchProfile *profile)
{
  if (profile == NULL)
    return;

  bench_remove_dir (profile->dir);
  g_free (profile->dir);
  g_free (profile->cache_dir);
  g_strfreev (profile->envp);
  g_free (profile);
}
