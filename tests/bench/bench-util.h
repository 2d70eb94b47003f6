/* bench-util.h: what the benchmarks share: the fake viewneo as a process, statistics,
 * tables, and child processes with their resource usage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Only for the fake servers the benchmarks start: not anyone's token. */
#define BENCH_TOKEN "bench-token"

typedef struct
{
  GSubprocess *process;
  char        *url;
} BenchFake;

/* Starts the fake-viewneo program at @program with @n_playlists playlists in pages of
 * @page_size, accepting BENCH_TOKEN, plus @extra_args (NULL-terminated, or NULL), and
 * waits until it listens. Fails the benchmark when it cannot. */
BenchFake *bench_fake_start      (const char         *program,
                                  guint               n_playlists,
                                  guint               page_size,
                                  const char * const *extra_args);
void       bench_fake_stop       (BenchFake          *fake);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchFake, bench_fake_stop)

/* Statistics over an array of doubles (not modified). */
double     bench_median          (GArray             *values);
double     bench_min             (GArray             *values);
double     bench_max             (GArray             *values);

/* "0.123 s" / "12.3 ms" / "45.6 MB": a value and its unit, in a static buffer of
 * which there are a few in rotation (enough for one printf). */
const char *bench_format_seconds (double              seconds);
const char *bench_format_ms      (double              ms);
const char *bench_format_mb      (double              megabytes);

/* A row of a table: a left-aligned first cell of 34 characters and right-aligned
 * cells of 14; the header underlined. */
void       bench_table_header    (const char         *first,
                                  ...) G_GNUC_NULL_TERMINATED;
void       bench_table_row       (const char         *first,
                                  ...) G_GNUC_NULL_TERMINATED;

/* The environment of the current process with @overrides ("NAME=value" or "NAME" to
 * unset), for a child. */
GStrv      bench_environ         (const char * const *overrides);

typedef struct
{
  int     status;       /* as waitpid gives it */
  double  seconds;      /* from just before the fork to the child's exit */
  double  max_rss_mb;   /* peak resident set size of the child (ru_maxrss) */
  char   *output;       /* its stdout */
} BenchChild;

/* Runs @argv with @envp (NULL: ours) to its end, with its stdout captured and its
 * stderr passed through, and measures it. Fails the benchmark when it cannot be
 * started, does not exit normally, or takes longer than @timeout_s. */
void       bench_run_child       (const char * const *argv,
                                  const char * const *envp,
                                  guint               timeout_s,
                                  BenchChild         *child);
void       bench_child_clear     (BenchChild         *child);

/* The value of a "KEY VALUE" line in @output, as a double; fails when missing. */
double     bench_output_value    (const char         *output,
                                  const char         *key);

/* A throw-away profile for Marquee: its own settings (a key file) and cache, with an
 * account signed in to @server (the token in the headless session's keyring) by
 * `bench-app --seed`, and with @with_cache the server's playlists as its cache. */
typedef struct
{
  char  *dir;
  char  *cache_dir;   /* where Marquee keeps its playlist caches */
  GStrv  envp;        /* for Marquee's processes */
} BenchProfile;

BenchProfile *bench_profile_new  (const char   *bench_app,
                                  const char   *server,
                                  gboolean      with_cache);
/* Forgets the saved playlists, for a start without them. */
void          bench_profile_clear_cache (BenchProfile *profile);
void          bench_profile_free (BenchProfile *profile);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchProfile, bench_profile_free)

/* A fresh directory from @template (ending in XXXXXX): a full path, or a name in the
 * temporary directory; and a directory's recursive removal. */
char      *bench_make_temp_dir   (const char         *template);
void       bench_remove_dir      (const char         *path);

G_END_DECLS
