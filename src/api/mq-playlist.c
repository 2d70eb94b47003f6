/* mq-playlist.c
 *
 * Plain fields set straight from the JSON (no property machinery per item): a list of
 * 100,000 playlists is parsed in a worker thread and must stay small and quick. The
 * properties exist, read-only, for GtkExpression-based sorters and filters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "mq-api-error.h"
#include "mq-core-enums.h"
#include "mq-models-private.h"

/* What a playlist of a list (GET /playlist) does not have: its entries, which only
 * GET /playlist/{id} gives, and the numbers that do not fit the narrow fields. */
typedef struct
{
  GListStore *entries;
  guint total_duration;
  int playback_order;
  int playback_rule;
  int type;
} Details;

struct _MqPlaylist
{
  GObject parent_instance;

  gint64 id;
  gint64 company_id;
  /* One allocation: the name, its NUL, then the comment when HAS_COMMENT; no pointer
   * of its own, which makes 100,000 playlists 1.6 MB smaller. */
  char *name;
  GRefString *label; /* interned: a handful of labels across many playlists */
  /* Microseconds since 1970, or NO_DATE. */
  gint64 created_usec;
  gint64 updated_usec;
  /* NULL for a playlist of a list, nearly always: then the narrow fields below hold
   * its numbers, else these do. */
  Details *details;
  guint number_of_entries;
  guint playback_entry_count;
  guint events_count;
  /* Small codes in practice (0, 1); wider ones go to the details. */
  gint8 playback_order;
  gint8 playback_rule;
  gint8 type;
  guint8 flags; /* MqPlaylistFlags, and HAS_COMMENT */
};

/* 100,000 of them in a list: keep an eye on their size (GSlice rounds to 16 bytes, so
 * 96 rather than 112 makes 100,000 of them 1.6 MB smaller). */
G_STATIC_ASSERT (sizeof (struct _MqPlaylist) <= 96);

#define HAS_COMMENT (1 << 7)
#define PUBLIC_FLAGS (MQ_PLAYLIST_FLAGS_SHARED | MQ_PLAYLIST_FLAGS_DEFAULT | \
                      MQ_PLAYLIST_FLAGS_DEMO | MQ_PLAYLIST_FLAGS_ADVERTISED)
G_STATIC_ASSERT ((PUBLIC_FLAGS & HAS_COMMENT) == 0);

G_DEFINE_FINAL_TYPE (MqPlaylist, mq_playlist, G_TYPE_OBJECT)

#define NO_DATE G_MININT64

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COMMENT,
  PROP_LABEL,
  PROP_NUMBER_OF_ENTRIES,
  PROP_PLAYLIST_TYPE,
  PROP_FLAGS,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_EVENTS_COUNT,
  PROP_TOTAL_DURATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mq_playlist_finalize (GObject *object)
{
  MqPlaylist *self = (MqPlaylist *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->label, g_ref_string_release);
  if (self->details != NULL)
    {
      g_clear_object (&self->details->entries);
      g_free (self->details);
    }

  G_OBJECT_CLASS (mq_playlist_parent_class)->finalize (object);
}

static void
mq_playlist_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MqPlaylist *self = MQ_PLAYLIST (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COMMENT:
      g_value_set_string (value, mq_playlist_get_comment (self));
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_NUMBER_OF_ENTRIES:
      g_value_set_uint (value, self->number_of_entries);
      break;
    case PROP_PLAYLIST_TYPE:
      g_value_set_int (value, mq_playlist_get_playlist_type (self));
      break;
    case PROP_FLAGS:
      g_value_set_flags (value, mq_playlist_get_flags (self));
      break;
    case PROP_CREATED_AT:
      g_value_take_boxed (value, mq_playlist_dup_created_at (self));
      break;
    case PROP_UPDATED_AT:
      g_value_take_boxed (value, mq_playlist_dup_updated_at (self));
      break;
    case PROP_EVENTS_COUNT:
      g_value_set_uint (value, self->events_count);
      break;
    case PROP_TOTAL_DURATION:
      g_value_set_uint (value, mq_playlist_get_total_duration (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_playlist_class_init (MqPlaylistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = mq_playlist_finalize;
  object_class->get_property = mq_playlist_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_COMMENT] = g_param_spec_string ("comment", NULL, NULL, NULL, flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_NUMBER_OF_ENTRIES] =
    g_param_spec_uint ("number-of-entries", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_PLAYLIST_TYPE] =
    g_param_spec_int ("playlist-type", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_FLAGS] =
    g_param_spec_flags ("flags", NULL, NULL, MQ_TYPE_PLAYLIST_FLAGS, MQ_PLAYLIST_FLAGS_NONE, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_EVENTS_COUNT] =
    g_param_spec_uint ("events-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_TOTAL_DURATION] =
    g_param_spec_uint ("total-duration", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mq_playlist_init (MqPlaylist *self)
{
  self->created_usec = NO_DATE;
  self->updated_usec = NO_DATE;
}

static Details *
ensure_details (MqPlaylist *self)
{
  if (self->details == NULL)
    {
      self->details = g_new0 (Details, 1);
      self->details->playback_order = self->playback_order;
      self->details->playback_rule = self->playback_rule;
      self->details->type = self->type;
    }

  return self->details;
}

/* @field: playback_order, playback_rule or type, narrow in the playlist unless it
 * has details, where it is an int. */
#define SET_NUMBER(self, field, value) \
  G_STMT_START { \
    int number_ = (value); \
    if ((self)->details == NULL && number_ >= G_MININT8 && number_ <= G_MAXINT8) \
      (self)->field = (gint8) number_; \
    else \
      ensure_details (self)->field = number_; \
  } G_STMT_END

#define GET_NUMBER(self, field) \
  ((self)->details != NULL ? (self)->details->field : (int) (self)->field)

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  MqPlaylistEntry *entry_a = *(MqPlaylistEntry * const *) a;
  MqPlaylistEntry *entry_b = *(MqPlaylistEntry * const *) b;
  int index_a = mq_playlist_entry_get_index (entry_a);
  int index_b = mq_playlist_entry_get_index (entry_b);
  gint64 id_a, id_b;

  if (index_a != index_b)
    return index_a < index_b ? -1 : 1;

  /* Equal indexes (a server-side glitch) still give one stable order. */
  id_a = mq_playlist_entry_get_id (entry_a);
  id_b = mq_playlist_entry_get_id (entry_b);
  return (id_a > id_b) - (id_a < id_b);
}

static void
set_entries (MqPlaylist        *self,
             const MqJsonValue *array)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  guint64 total = 0;
  MqJsonIter iter;
  MqJsonValue value;

  mq_json_iter_init (&iter, array);
  while (mq_json_iter_next_element (&iter, &value))
    {
      g_autoptr(GError) error = NULL;
      MqPlaylistEntry *entry;

      if (value.kind != MQ_JSON_KIND_OBJECT)
        {
          g_debug ("Playlist %" G_GINT64_FORMAT ": skipping an entry that is not an object", self->id);
          continue;
        }

      entry = mq_playlist_entry_new_from_value (&value, &error);
      if (entry == NULL)
        {
          g_debug ("Playlist %" G_GINT64_FORMAT ": skipping an entry: %s", self->id, error->message);
          continue;
        }

      total += mq_playlist_entry_get_duration (entry);
      g_ptr_array_add (entries, entry);
    }
  mq_json_iter_clear (&iter);

  g_ptr_array_sort (entries, compare_entries);

  ensure_details (self);
  self->details->entries = g_list_store_new (MQ_TYPE_PLAYLIST_ENTRY);
  g_list_store_splice (self->details->entries, 0, 0, entries->pdata, entries->len);
  self->details->total_duration = (guint) MIN (total, (guint64) G_MAXUINT);
  /* The list call's count may be stale or missing; the entries are the truth. */
  self->number_of_entries = entries->len;
}

/* In the order viewneo sends them: each key of each of 100,000 items is looked up, from
 * the one after the key before. */
enum {
  KEY_ID, KEY_COMPANY_ID, KEY_NAME, KEY_COMMENT, KEY_LABEL, KEY_TYPE, KEY_PLAYBACK_ORDER,
  KEY_PLAYBACK_RULE, KEY_PLAYBACK_ENTRY_COUNT, KEY_NUMBER_OF_ENTRIES, KEY_IS_DEFAULT,
  KEY_IS_DEMO, KEY_IS_SHARED, KEY_IS_ADVERTISED, KEY_CREATED_AT, KEY_UPDATED_AT,
  KEY_EVENTS_COUNT,
  /* Where GET /playlist/{id} may put the entries, by preference. */
  KEY_ENTRIES, KEY_PLAYLIST_ENTRIES, KEY_PLAYLIST_ENTRIES_CAMEL,
  N_KEYS
};

static const char * const keys[] = {
  "id", "company_id", "name", "comment", "label", "type", "playback_order",
  "playback_rule", "playback_entry_count", "number_of_entries", "is_default",
  "is_demo", "is_shared", "is_advertised", "created_at", "updated_at",
  "events_count",
  "entries", "playlist_entries", "playlistEntries", NULL
};
G_STATIC_ASSERT (G_N_ELEMENTS (keys) == N_KEYS + 1);

static int
get_int_field (const MqJsonValue *value)
{
  return (int) CLAMP (mq_json_value_get_int_or (value, 0), G_MININT, G_MAXINT);
}

static void
set_flag (MqPlaylist        *self,
          MqPlaylistFlags    flag,
          const MqJsonValue *value)
{
  if (mq_json_value_get_bool (value, FALSE))
    self->flags |= flag;
  else
    self->flags &= ~flag;
}

MqPlaylist *
mq_playlist_new_from_value (const MqJsonValue  *object,
                            GError            **error)
{
  g_autoptr(MqPlaylist) self = g_object_new (MQ_TYPE_PLAYLIST, NULL);
  g_autofree char *comment = NULL;
  MqJsonValue entries[3] = { { 0, }, };
  gboolean has_id = FALSE;
  int next_key = 0;
  MqJsonIter iter;
  MqJsonValue value;
  const char *key;

  g_return_val_if_fail (object != NULL && object->kind == MQ_JSON_KIND_OBJECT, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A member given twice counts as its last value, as in json-glib. */
  mq_json_iter_init (&iter, object);
  while (mq_json_iter_next_member (&iter, &key, &value))
    {
      int index = mq_json_key_index_from (key, keys, next_key);

      if (index >= 0)
        next_key = index + 1;

      switch (index)
        {
        case KEY_ID:
          has_id = TRUE;
          self->id = mq_json_value_get_id (&value);
          break;
        case KEY_NAME:
          g_free (self->name);
          self->name = mq_json_value_dup_string (&value);
          break;
        case KEY_COMMENT:
          g_free (comment);
          comment = mq_json_value_dup_string (&value);
          break;
        case KEY_LABEL:
          g_clear_pointer (&self->label, g_ref_string_release);
          self->label = mq_json_value_dup_interned (&value);
          break;
        case KEY_COMPANY_ID:
          self->company_id = mq_json_value_get_id (&value);
          break;
        case KEY_CREATED_AT:
          if (!mq_json_value_get_datetime_usec (&value, &self->created_usec))
            self->created_usec = NO_DATE;
          break;
        case KEY_UPDATED_AT:
          if (!mq_json_value_get_datetime_usec (&value, &self->updated_usec))
            self->updated_usec = NO_DATE;
          break;
        case KEY_NUMBER_OF_ENTRIES:
          self->number_of_entries = mq_json_value_get_uint_or (&value, 0);
          break;
        case KEY_PLAYBACK_ENTRY_COUNT:
          self->playback_entry_count = mq_json_value_get_uint_or (&value, 0);
          break;
        case KEY_PLAYBACK_ORDER:
          SET_NUMBER (self, playback_order, get_int_field (&value));
          break;
        case KEY_PLAYBACK_RULE:
          SET_NUMBER (self, playback_rule, get_int_field (&value));
          break;
        case KEY_TYPE:
          SET_NUMBER (self, type, get_int_field (&value));
          break;
        case KEY_IS_SHARED:
          set_flag (self, MQ_PLAYLIST_FLAGS_SHARED, &value);
          break;
        case KEY_IS_DEFAULT:
          set_flag (self, MQ_PLAYLIST_FLAGS_DEFAULT, &value);
          break;
        case KEY_IS_DEMO:
          set_flag (self, MQ_PLAYLIST_FLAGS_DEMO, &value);
          break;
        case KEY_IS_ADVERTISED:
          set_flag (self, MQ_PLAYLIST_FLAGS_ADVERTISED, &value);
          break;
        case KEY_EVENTS_COUNT:
          self->events_count = mq_json_value_get_uint_or (&value, 0);
          break;
        case KEY_ENTRIES:
        case KEY_PLAYLIST_ENTRIES:
        case KEY_PLAYLIST_ENTRIES_CAMEL:
          entries[index - KEY_ENTRIES] = value;
          break;
        default:
          break;
        }
    }
  mq_json_iter_clear (&iter);

  if (!has_id || self->id <= 0)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("A playlist from the server has no valid id."));
      return NULL;
    }

  if (self->name == NULL)
    {
      /* The number outside the message: xgettext cannot see through G_GINT64_FORMAT. */
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, self->id);

      g_set_error (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                   _("Playlist %s from the server has no name."), id);
      return NULL;
    }

  if (comment != NULL)
    {
      gsize name_size = strlen (self->name) + 1;
      gsize comment_size = strlen (comment) + 1;

      self->name = g_realloc (self->name, name_size + comment_size);
      memcpy (self->name + name_size, comment, comment_size);
      self->flags |= HAS_COMMENT;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      if (entries[i].kind == MQ_JSON_KIND_ARRAY)
        {
          set_entries (self, &entries[i]);
          break;
        }
    }

  return g_steal_pointer (&self);
}

MqPlaylist *
mq_playlist_new_from_json (JsonObject  *object,
                           GError     **error)
{
  MqJsonValue value;

  g_return_val_if_fail (object != NULL, NULL);

  mq_json_value_init_object (&value, object);
  return mq_playlist_new_from_value (&value, error);
}

void
mq_playlist_ensure_entries (MqPlaylist *self)
{
  g_return_if_fail (MQ_IS_PLAYLIST (self));

  if (self->details == NULL || self->details->entries == NULL)
    {
      ensure_details (self)->entries = g_list_store_new (MQ_TYPE_PLAYLIST_ENTRY);
      self->number_of_entries = 0;
    }
}

static void
add_flag (JsonBuilder     *builder,
          const char      *member,
          MqPlaylistFlags  flags,
          MqPlaylistFlags  flag)
{
  mq_json_builder_add_int (builder, member, (flags & flag) != 0);
}

void
mq_playlist_serialize (MqPlaylist  *self,
                       JsonBuilder *builder)
{
  g_return_if_fail (MQ_IS_PLAYLIST (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  mq_json_builder_add_int (builder, "id", self->id);
  mq_json_builder_add_string (builder, "name", self->name, TRUE);
  mq_json_builder_add_string (builder, "comment", mq_playlist_get_comment (self), TRUE);
  mq_json_builder_add_string (builder, "label", self->label, TRUE);
  json_builder_set_member_name (builder, "company_id");
  if (self->company_id != 0)
    json_builder_add_int_value (builder, self->company_id);
  else
    json_builder_add_null_value (builder);
  {
    /* Not kept: the cache writes every playlist. */
    g_autoptr(GDateTime) created_at = mq_playlist_dup_created_at (self);
    g_autoptr(GDateTime) updated_at = mq_playlist_dup_updated_at (self);

    mq_json_builder_add_datetime (builder, "created_at", created_at);
    mq_json_builder_add_datetime (builder, "updated_at", updated_at);
  }
  mq_json_builder_add_int (builder, "number_of_entries", self->number_of_entries);
  mq_json_builder_add_int (builder, "playback_entry_count", self->playback_entry_count);
  mq_json_builder_add_int (builder, "playback_order", GET_NUMBER (self, playback_order));
  mq_json_builder_add_int (builder, "playback_rule", GET_NUMBER (self, playback_rule));
  mq_json_builder_add_int (builder, "type", GET_NUMBER (self, type));
  add_flag (builder, "is_shared", self->flags, MQ_PLAYLIST_FLAGS_SHARED);
  add_flag (builder, "is_default", self->flags, MQ_PLAYLIST_FLAGS_DEFAULT);
  add_flag (builder, "is_demo", self->flags, MQ_PLAYLIST_FLAGS_DEMO);
  add_flag (builder, "is_advertised", self->flags, MQ_PLAYLIST_FLAGS_ADVERTISED);
  mq_json_builder_add_int (builder, "events_count", self->events_count);

  if (self->details != NULL && self->details->entries != NULL)
    {
      GListModel *entries = G_LIST_MODEL (self->details->entries);
      guint n_entries = g_list_model_get_n_items (entries);

      json_builder_set_member_name (builder, "entries");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n_entries; i++)
        {
          g_autoptr(MqPlaylistEntry) entry = g_list_model_get_item (entries, i);

          mq_playlist_entry_serialize (entry, builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
}

gint64
mq_playlist_get_id (MqPlaylist *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (self), 0);
  return self->id;
}

const char *
mq_playlist_get_name (MqPlaylist *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (self), NULL);
  return self->name;
}

const char *
mq_playlist_get_comment (MqPlaylist *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (self), NULL);

  return (self->flags & HAS_COMMENT) != 0 ? self->name + strlen (self->name) + 1 : NULL;
}

const char *
mq_playlist_get_label (MqPlaylist *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (self), NULL);
  return self->label;
}

gint64
mq_playlist_get_company_id (MqPlaylist *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (self), 0);
  return self->company_id;
}

gint64
mq_playlist_get_updated_at_unix (MqPlaylist *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (self), G_MININT64);

  if (self->updated_usec == NO_DATE)
    return G_MININT64;

  /* As g_date_time_to_unix() would: whole seconds, rounded down. */
  return self->updated_usec >= 0 ? self->updated_usec / G_USEC_PER_SEC
                                 : -((-self->updated_usec - 1) / G_USEC_PER_SEC) - 1;
}

GDateTime *
mq_playlist_dup_created_at (MqPlaylist *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (self), NULL);

  return self->created_usec != NO_DATE ? mq_json_datetime_new_from_usec (self->created_usec) : NULL;
}

GDateTime *
mq_playlist_dup_updated_at (MqPlaylist *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (self), NULL);

  return self->updated_usec != NO_DATE ? mq_json_datetime_new_from_usec (self->updated_usec) : NULL;
}

guint
mq_playlist_get_number_of_entries (MqPlaylist *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (self), 0);
  return self->number_of_entries;
}

guint
mq_playlist_get_playback_entry_count (MqPlaylist *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (self), 0);
  return self->playback_entry_count;
}

int
mq_playlist_get_playback_order (MqPlaylist *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (self), 0);
  return GET_NUMBER (self, playback_order);
}

int
mq_playlist_get_playback_rule (MqPlaylist *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (self), 0);
  return GET_NUMBER (self, playback_rule);
}

int
mq_playlist_get_playlist_type (MqPlaylist *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (self), 0);
  return GET_NUMBER (self, type);
}

MqPlaylistFlags
mq_playlist_get_flags (MqPlaylist *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (self), MQ_PLAYLIST_FLAGS_NONE);
  return self->flags & PUBLIC_FLAGS;
}

guint
mq_playlist_get_events_count (MqPlaylist *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (self), 0);
  return self->events_count;
}

GListModel *
mq_playlist_get_entries (MqPlaylist *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (self), NULL);
  return self->details != NULL ? G_LIST_MODEL (self->details->entries) : NULL;
}

guint
mq_playlist_get_total_duration (MqPlaylist *self)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (self), 0);
  return self->details != NULL ? self->details->total_duration : 0;
}

gboolean
mq_playlist_equal (MqPlaylist *a,
                   MqPlaylist *b)
{
  g_return_val_if_fail (MQ_IS_PLAYLIST (a), FALSE);
  g_return_val_if_fail (MQ_IS_PLAYLIST (b), FALSE);

  if (mq_playlist_get_entries (a) != NULL || mq_playlist_get_entries (b) != NULL)
    return FALSE;

  /* The numbers first: they differ more cheaply than the strings. */
  if (a->id != b->id ||
      a->company_id != b->company_id ||
      a->created_usec != b->created_usec ||
      a->updated_usec != b->updated_usec ||
      a->number_of_entries != b->number_of_entries ||
      a->playback_entry_count != b->playback_entry_count ||
      a->events_count != b->events_count ||
      a->flags != b->flags ||
      mq_playlist_get_total_duration (a) != mq_playlist_get_total_duration (b) ||
      GET_NUMBER (a, playback_order) != GET_NUMBER (b, playback_order) ||
      GET_NUMBER (a, playback_rule) != GET_NUMBER (b, playback_rule) ||
      GET_NUMBER (a, type) != GET_NUMBER (b, type))
    return FALSE;

  /* Labels are interned, so equal ones are mostly the same pointer. */
  if (a->label != b->label && g_strcmp0 (a->label, b->label) != 0)
    return FALSE;

  return strcmp (a->name, b->name) == 0 &&
         g_strcmp0 (mq_playlist_get_comment (a), mq_playlist_get_comment (b)) == 0;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 id_a = (*(MqPlaylist * const *) a)->id;
  gint64 id_b = (*(MqPlaylist * const *) b)->id;

  return (id_a > id_b) - (id_a < id_b);
}

static gpointer
copy_reference (gconstpointer object,
                gpointer      user_data)
{
  return g_object_ref ((gpointer) object);
}

GPtrArray *
mq_playlist_index_new (GPtrArray *playlists)
{
  GPtrArray *index;

  g_return_val_if_fail (playlists != NULL, NULL);

  index = g_ptr_array_copy (playlists, copy_reference, NULL);
  g_ptr_array_set_free_func (index, g_object_unref);
  /* Stable: playlists with the same id keep their order. */
  g_ptr_array_sort (index, compare_ids);

  return index;
}

guint
mq_playlist_index_bisect (GPtrArray *index,
                          gint64     id)
{
  guint low = 0;
  guint high;

  g_return_val_if_fail (index != NULL, 0);

  high = index->len;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (((MqPlaylist *) g_ptr_array_index (index, middle))->id < id)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

MqPlaylist *
mq_playlist_index_lookup (GPtrArray *index,
                          gint64     id)
{
  guint position;

  g_return_val_if_fail (index != NULL, NULL);

  position = mq_playlist_index_bisect (index, id);
  if (position < index->len && ((MqPlaylist *) g_ptr_array_index (index, position))->id == id)
    return g_ptr_array_index (index, position);

  return NULL;
}
