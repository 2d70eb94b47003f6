/* mq-playlist-filter.c: search as you type over name, comment, label and id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-playlists"

#include <string.h>

#include "mq-playlist.h"
#include "mq-playlist-display.h"
#include "mq-playlist-filter.h"
#include "mq-search-fold.h"

struct _MqPlaylistFilter
{
  GtkFilter   parent_instance;

  char       *query;
  /* The folded query, its terms separated by single spaces, and the same split. */
  char       *folded;
  GStrv       terms;
  /* The longest term: the one to look for first, likely the rarest. */
  const char *anchor;
};

G_DEFINE_FINAL_TYPE (MqPlaylistFilter, mq_playlist_filter, GTK_TYPE_FILTER)

enum {
  PROP_0,
  PROP_QUERY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
mq_playlist_filter_match_key (MqPlaylistFilter *self,
                              const char       *search_key)
{
  if (self->terms == NULL)
    return TRUE;

  for (guint i = 0; self->terms[i] != NULL; i++)
    {
      if (strstr (search_key, self->terms[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}

/* One memmem() over all the keys for the anchor term, rather than a strstr() for each
 * term in each key: 100,000 keys are a few megabytes, which memmem() reads at memory
 * speed, where the per-call set-up of strstr() alone took most of a keystroke's time.
 * A term has no NUL or newline, so a hit never spans two keys or two fields. */
void
mq_playlist_filter_match_keys (MqPlaylistFilter *self,
                               const char       *keys,
                               gsize             length,
                               const guint32    *starts,
                               guint             n_keys,
                               GArray           *matches)
{
  gsize anchor_length;
  gsize offset = 0;
  guint index = 0;

  g_return_if_fail (MQ_IS_PLAYLIST_FILTER (self));
  g_return_if_fail (matches != NULL);

  if (self->terms == NULL)
    {
      for (guint i = 0; i < n_keys; i++)
        g_array_append_val (matches, i);
      return;
    }

  anchor_length = strlen (self->anchor);
  while (offset < length)
    {
      const char *hit = memmem (keys + offset, length - offset, self->anchor, anchor_length);

      if (hit == NULL)
        break;

      /* The hits come in order: the key holding this one is at or after the last. */
      while (index + 1 < n_keys && starts[index + 1] <= (gsize) (hit - keys))
        index++;

      /* The anchor alone is the whole query: the hit is the match. */
      if (self->terms[1] == NULL || mq_playlist_filter_match_key (self, keys + starts[index]))
        g_array_append_val (matches, index);

      if (index + 1 >= n_keys)
        break;
      offset = starts[++index];
    }
}

void
mq_playlist_filter_match_some (MqPlaylistFilter *self,
                               const char       *keys,
                               const guint32    *starts,
                               GArray           *candidates,
                               GArray           *matches)
{
  g_return_if_fail (MQ_IS_PLAYLIST_FILTER (self));
  g_return_if_fail (candidates != NULL);
  g_return_if_fail (matches != NULL);

  for (guint i = 0; i < candidates->len; i++)
    {
      guint index = g_array_index (candidates, guint, i);

      if (mq_playlist_filter_match_key (self, keys + starts[index]))
        g_array_append_val (matches, index);
    }
}

gboolean
mq_playlist_filter_narrows (MqPlaylistFilter *self,
                            const char       *folded)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_FILTER (self), FALSE);
  g_return_val_if_fail (folded != NULL, FALSE);

  /* Each term of @folded lies inside a term of a query that holds it whole: whatever
   * matches the query matches @folded. */
  return strstr (self->folded, folded) != NULL;
}

const char *
mq_playlist_filter_get_folded (MqPlaylistFilter *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_FILTER (self), NULL);

  return self->folded;
}

static gboolean
mq_playlist_filter_match (GtkFilter *filter,
                          gpointer   item)
{
  MqPlaylistFilter *self = MQ_PLAYLIST_FILTER (filter);

  if (self->terms == NULL)
    return TRUE;

  return mq_playlist_filter_match_key (self, mq_playlist_display_get_search_key (MQ_PLAYLIST (item)));
}

static GtkFilterMatch
mq_playlist_filter_get_strictness (GtkFilter *filter)
{
  MqPlaylistFilter *self = MQ_PLAYLIST_FILTER (filter);

  return self->terms == NULL ? GTK_FILTER_MATCH_ALL : GTK_FILTER_MATCH_SOME;
}

static void
mq_playlist_filter_finalize (GObject *object)
{
  MqPlaylistFilter *self = MQ_PLAYLIST_FILTER (object);

  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->folded, g_free);
  g_clear_pointer (&self->terms, g_strfreev);

  G_OBJECT_CLASS (mq_playlist_filter_parent_class)->finalize (object);
}

static void
mq_playlist_filter_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MqPlaylistFilter *self = MQ_PLAYLIST_FILTER (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_playlist_filter_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MqPlaylistFilter *self = MQ_PLAYLIST_FILTER (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      mq_playlist_filter_set_query (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_playlist_filter_class_init (MqPlaylistFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = mq_playlist_filter_finalize;
  object_class->get_property = mq_playlist_filter_get_property;
  object_class->set_property = mq_playlist_filter_set_property;

  filter_class->match = mq_playlist_filter_match;
  filter_class->get_strictness = mq_playlist_filter_get_strictness;

  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mq_playlist_filter_init (MqPlaylistFilter *self)
{
  self->folded = g_strdup ("");
}

MqPlaylistFilter *
mq_playlist_filter_new (void)
{
  return g_object_new (MQ_TYPE_PLAYLIST_FILTER, NULL);
}

const char *
mq_playlist_filter_get_query (MqPlaylistFilter *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST_FILTER (self), NULL);

  return self->query;
}

/* The folded query with its terms joined by single spaces: "" for no term. */
static char *
fold_query (const char  *query,
            GStrv       *terms)
{
  g_autofree char *folded = mq_search_fold (query);
  g_auto(GStrv) split = g_strsplit_set (folded, " \t\n\r", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; split[i] != NULL; i++)
    {
      if (*split[i] == '\0')
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, split[i]);
      g_strv_builder_add (builder, split[i]);
    }

  *terms = joined->len > 0 ? g_strv_builder_end (builder) : NULL;

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

void
mq_playlist_filter_set_query (MqPlaylistFilter *self,
                              const char       *query)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) terms = NULL;
  GtkFilterChange change;

  g_return_if_fail (MQ_IS_PLAYLIST_FILTER (self));

  if (g_strcmp0 (self->query, query) == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (query);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);

  folded = fold_query (query, &terms);
  if (g_strcmp0 (folded, self->folded) == 0)
    return;

  /* See mq_playlist_filter_narrows(). */
  if (strstr (folded, self->folded) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->folded, folded) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->folded);
  self->folded = g_steal_pointer (&folded);
  g_strfreev (self->terms);
  self->terms = g_steal_pointer (&terms);
  self->anchor = NULL;
  for (guint i = 0; self->terms != NULL && self->terms[i] != NULL; i++)
    {
      if (self->anchor == NULL || strlen (self->terms[i]) > strlen (self->anchor))
        self->anchor = self->terms[i];
    }

  gtk_filter_changed (GTK_FILTER (self), change);
}
