/* fake-viewneo-dataset.c: the playlists, entries, media files and device groups the fake
 * viewneo server answers with
 *
 * Each item draws from its own random stream, seeded by the dataset seed, the item's
 * index and what is drawn (name, fields, entries), so that any part of any item can be
 * produced again on its own: a device group names its playlist, and GET /playlist/{id}
 * builds the entries, without anything but the summaries being kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fake-viewneo"

#include "fake-viewneo-dataset.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "fake-viewneo-util.h"

#define COMPANY_ID         815
#define FIRST_PLAYLIST_ID  1001
#define FIRST_GROUP_ID     301
#define FIRST_MEDIA_ID     5001
#define FIRST_ENTRY_ID     200001
#define FIRST_DEVICE_ID    70001
/* The schedule showcase: below the generated ids, so never one of them. */
#define SHOWCASE_PLAYLIST_ID 900
#define SHOWCASE_GROUP_ID    300
#define SHOWCASE_ENTRY_ID    190001
#define SHOWCASE_DEVICE_ID   69001
#define MIN_MEDIA_FILES    24
/* 2019-01-01 00:00:00 */
#define EPOCH_START        G_GINT64_CONSTANT (1546300800)
#define DAY                86400
#define YEAR               (365 * DAY)

typedef enum
{
  STREAM_PLAYLIST_NAME,
  STREAM_PLAYLIST,
  STREAM_ENTRIES,
  STREAM_MEDIA_FILE,
  STREAM_DEVICE_GROUP,
  STREAM_DEVICE,
} Stream;

typedef struct
{
  guint64 state;
} Rng;

/* Serialised items back to back, and where each one is. */
typedef struct
{
  GString *text;
  GArray  *spans;  /* Span */
} TextList;

typedef struct
{
  gsize offset;
  gsize length;
} Span;

typedef struct
{
  gint64 id;        /* -1: a raw item without a usable id */
  guint  n_entries;
  guint  generated : 1;
  char  *entries;   /* a raw item's entries, as a JSON array, for its detail only */
} PlaylistInfo;

typedef enum
{
  PLAY_RULE_SCHEDULED = 0,
  PLAY_RULE_ALWAYS    = 1,
  PLAY_RULE_NEVER     = 2,
} PlayRule;

typedef struct
{
  gint64   id;
  int      index;
  guint    duration;
  gboolean sound;
  PlayRule play_rule;
  gint64   start_day;   /* days since the Unix epoch, or -1 */
  gint64   end_day;
  int      start_minute; /* minutes since midnight, or -1 */
  int      end_minute;
  guint    weekdays;
  guint    media_index;  /* G_MAXUINT: a nested playlist */
  guint    nested_index;
  gint64   created;
  gint64   updated;
} Entry;

struct _FakeDataset
{
  guint    seed;
  guint    n_generated;
  guint    n_media_files;
  GArray  *playlists;    /* PlaylistInfo; the generated ones first, ids ascending */
  TextList summaries;
  GArray  *group_ids;    /* gint64 */
  TextList groups;
  /* Devices are made when asked for: the first device of each generated group, and
   * after the last one the total. */
  GArray  *device_starts; /* guint */
  TextList extra_devices; /* the showcase's, after the generated ones */
  guint    n_leading_groups; /* showcase groups in group_ids before the generated ones */
  char    *name_prefix;  /* before every generated name, or NULL */
};

/* ---- random streams ---- */

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += 0x9e3779b97f4a7c15ull);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;

  return z ^ (z >> 31);
}

static Rng
rng_for (FakeDataset *self,
         Stream       stream,
         guint        index)
{
  Rng rng = { ((guint64) self->seed << 32) ^ ((guint64) stream << 28) ^ index };

  /* Decorrelate neighbouring seeds. */
  splitmix64 (&rng.state);

  return rng;
}

static guint
rng_below (Rng   *rng,
           guint  n)
{
  return n > 0 ? (guint) (splitmix64 (&rng->state) % n) : 0;
}

static int
rng_between (Rng *rng,
             int  low,
             int  high)
{
  return low + (int) rng_below (rng, (guint) (high - low + 1));
}

/* TRUE once in @n draws, on average. */
static gboolean
rng_one_in (Rng   *rng,
            guint  n)
{
  return rng_below (rng, n) == 0;
}

#define rng_pick(rng, array) ((array)[rng_below ((rng), G_N_ELEMENTS (array))])

/* ---- serialising ---- */

static void
append_int (GString *out,
            gint64   value)
{
  char digits[24];
  int n = 0;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      digits[n++] = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    g_string_append_c (out, '-');
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

static void
append_padded (GString *out,
               int      value,
               int      width)
{
  char digits[12];
  int n = 0;

  do
    {
      digits[n++] = '0' + value % 10;
      value /= 10;
    }
  while (value > 0 || n < width);
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

/* Howard Hinnant's days_from_civil, inverted. */
static void
civil_from_days (gint64  days,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  guint doe = (guint) (z - era * 146097);
  guint yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  guint doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  guint mp = (5 * doy + 2) / 153;

  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (yoe + era * 400 + (*month <= 2));
}

static void
append_date_text (GString *out,
                  gint64   days)
{
  int year, month, day;

  civil_from_days (days, &year, &month, &day);
  append_padded (out, year, 4);
  g_string_append_c (out, '-');
  append_padded (out, month, 2);
  g_string_append_c (out, '-');
  append_padded (out, day, 2);
}

static void
append_time_text (GString *out,
                  int      seconds)
{
  append_padded (out, seconds / 3600, 2);
  g_string_append_c (out, ':');
  append_padded (out, seconds / 60 % 60, 2);
  g_string_append_c (out, ':');
  append_padded (out, seconds % 60, 2);
}

/* "YYYY-MM-DD HH:MM:SS", as Laravel sends Eloquent timestamps. */
static void
append_timestamp (GString *out,
                  gint64   unix_time)
{
  g_string_append_c (out, '"');
  append_date_text (out, unix_time / DAY);
  g_string_append_c (out, ' ');
  append_time_text (out, (int) (unix_time % DAY));
  g_string_append_c (out, '"');
}

static void
append_date_or_null (GString *out,
                     gint64   days)
{
  if (days < 0)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  append_date_text (out, days);
  g_string_append_c (out, '"');
}

static void
append_time_or_null (GString *out,
                     int      minute)
{
  if (minute < 0)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  append_time_text (out, minute * 60);
  g_string_append_c (out, '"');
}

static void
append_key (GString    *out,
            const char *key)
{
  g_string_append_c (out, ',');
  g_string_append_c (out, '"');
  g_string_append (out, key);
  g_string_append (out, "\":");
}

static void
append_int_member (GString    *out,
                   const char *key,
                   gint64      value)
{
  append_key (out, key);
  append_int (out, value);
}

static void
append_id_or_null_member (GString    *out,
                          const char *key,
                          gint64      id)
{
  append_key (out, key);
  if (id > 0)
    append_int (out, id);
  else
    g_string_append (out, "null");
}

static void
append_string_member (GString    *out,
                      const char *key,
                      const char *value)
{
  append_key (out, key);
  fake_json_append_string (out, value);
}

/* Laravel sends tinyint columns as 0/1 unless the model casts them to booleans. */
static void
append_flag_member (GString    *out,
                    const char *key,
                    gboolean    value,
                    gboolean    as_boolean)
{
  append_key (out, key);
  if (as_boolean)
    g_string_append (out, value ? "true" : "false");
  else
    g_string_append_c (out, value ? '1' : '0');
}

static void
append_timestamp_member (GString    *out,
                         const char *key,
                         gint64      unix_time)
{
  append_key (out, key);
  append_timestamp (out, unix_time);
}

/* ---- names ---- */

static const char * const places[] = {
  "Lobby", "Store Window", "Reception", "Cafeteria", "Meeting Room 3", "Drive-Thru",
  "Menu Board", "Main Entrance", "Schaufenster", "Empfang", "Kantine", "Wartebereich",
  "Filiale München", "Filiale Köln", "Eingangshalle", "Messestand Halle 4", "Bäckerei Süd",
  "Foyer", "Kasse 2", "Aufzug", "Showroom", "Parkhaus Ebene −1",
};

static const char * const themes[] = {
  "Morning Loop", "Winter Sale", "Summer Specials", "Weekly Offers", "Brand Video",
  "Safety Instructions", "Opening Hours", "Mittagsangebote", "Frühjahrsaktion",
  "Öffnungszeiten", "Begrüßung", "Sicherheitshinweise", "Herbst-Rabatte", "Neuheiten",
  "Team Announcements", "Speisekarte", "Events & News", "Black Friday", "Willkommen",
  "Außenwerbung", "Grüße zum Jahreswechsel", "Product Launch",
};

static const char * const labels[] = {
  "Marketing", "Filialen", "Intern", "Events", "HR", "Gastronomie", "Q4 Kampagne",
};

static const char * const comments[] = {
  "Runs on the ground-floor screens.",
  "Bitte nicht löschen – wird von der Zentrale gepflegt.",
  "Updated weekly by the marketing team",
  "Nur für Filialen mit Außenbildschirm",
  "Copy of \"Lobby Morning Loop\" with the new logo \\ final",
  "Zweizeilig:\nZeile 2 mit Umlauten äöü ß",
  "Check with Jürgen before changing the order",
};

static const char * const group_names[] = {
  "Ground Floor Screens", "Schaufenster Filiale", "Kantine Bildschirme", "Drive-Thru Boards",
  "Messestand", "Empfang Stelen", "Lager Infoscreens", "Meeting Rooms", "Außenstelen Süd",
  "Café Menüboards",
};

static void
append_playlist_name (FakeDataset *self,
                      GString     *out,
                      guint        index)
{
  Rng rng = rng_for (self, STREAM_PLAYLIST_NAME, index);
  const char *place = rng_pick (&rng, places);
  const char *theme = rng_pick (&rng, themes);

  if (self->name_prefix != NULL)
    g_string_append (out, self->name_prefix);

  switch (rng_below (&rng, 5))
    {
    case 0:
      g_string_append_printf (out, "%s – %s", place, theme);
      break;
    case 1:
      g_string_append_printf (out, "%s (%s)", theme, place);
      break;
    case 2:
      g_string_append_printf (out, "%s KW %02u", theme, 1 + rng_below (&rng, 52));
      break;
    default:
      g_string_append_printf (out, "%s %s %04u", place, theme, index + 1);
      break;
    }
}

/* ---- media files ---- */

typedef enum
{
  MEDIA_FOLDER,
  MEDIA_WEBSITE,
  MEDIA_TEMPLATE,
  MEDIA_CONTENT,
  MEDIA_PNG,
  MEDIA_JPEG,
  MEDIA_MP4,
  MEDIA_PDF,
} MediaKind;

static void
append_media_file (FakeDataset *self,
                   GString     *out,
                   guint        index)
{
  static const char * const subjects[] = {
    "Winter Sale Banner", "Imagefilm", "Speisekarte", "Logo animiert", "Team Photo",
    "Preisliste", "Produktfoto", "Welcome Screen", "Wetterbericht", "Aktionsplakat",
  };
  Rng rng = rng_for (self, STREAM_MEDIA_FILE, index);
  const char *subject = rng_pick (&rng, subjects);
  guint number = 1 + rng_below (&rng, 99);
  guint roll = rng_below (&rng, 20);
  MediaKind kind;
  gint64 created = EPOCH_START + rng_below (&rng, 5 * YEAR);
  gint64 updated = created + rng_below (&rng, YEAR);
  g_autofree char *name = NULL;
  g_autofree char *original_name = NULL;
  const char *type = "PhysicalFile";
  const char *mime = NULL;
  guint width = 0, height = 0, duration = 0;
  guint64 file_size = 0;
  int status = rng_one_in (&rng, 10) ? rng_between (&rng, 0, 2) : 3;

  /* Mostly pictures and videos, every kind present. */
  if (roll < 1)
    kind = MEDIA_FOLDER;
  else if (roll < 3)
    kind = MEDIA_WEBSITE;
  else if (roll < 5)
    kind = MEDIA_TEMPLATE;
  else if (roll < 6)
    kind = MEDIA_CONTENT;
  else if (roll < 10)
    kind = MEDIA_PNG;
  else if (roll < 14)
    kind = MEDIA_JPEG;
  else if (roll < 19)
    kind = MEDIA_MP4;
  else
    kind = MEDIA_PDF;

  switch (kind)
    {
    case MEDIA_FOLDER:
      type = NULL;
      name = g_strdup_printf ("Ordner %s", subject);
      break;
    case MEDIA_WEBSITE:
      type = "Website";
      name = g_strdup_printf ("https://www.example.com/aktuelles/%02u", number);
      break;
    case MEDIA_TEMPLATE:
      type = "Template";
      name = g_strdup_printf ("%s Vorlage %02u", subject, number);
      break;
    case MEDIA_CONTENT:
      type = "Content";
      name = g_strdup_printf ("News Ticker %02u", number);
      break;
    case MEDIA_PNG:
    case MEDIA_JPEG:
      mime = kind == MEDIA_PNG ? "image/png" : "image/jpeg";
      width = rng_one_in (&rng, 4) ? 1080 : 1920;
      height = width == 1080 ? 1920 : 1080;
      file_size = 80000 + rng_below (&rng, 4000000);
      name = g_strdup_printf ("%s %02u", subject, number);
      original_name = g_strdup_printf ("%s_%02u.%s", subject, number,
                                       kind == MEDIA_PNG ? "png" : "jpg");
      break;
    case MEDIA_MP4:
      mime = "video/mp4";
      width = rng_one_in (&rng, 3) ? 3840 : 1920;
      height = width == 3840 ? 2160 : 1080;
      duration = 5 + rng_below (&rng, 176);
      file_size = (guint64) duration * (500000 + rng_below (&rng, 2000000));
      name = g_strdup_printf ("%s %02u", subject, number);
      original_name = g_strdup_printf ("%s %02u (final).mp4", subject, number);
      break;
    case MEDIA_PDF:
    default:
      mime = "application/pdf";
      file_size = 20000 + rng_below (&rng, 900000);
      name = g_strdup_printf ("%s %02u", subject, number);
      original_name = g_strdup_printf ("%s-%02u.pdf", subject, number);
      break;
    }

  if (self->name_prefix != NULL)
    {
      char *prefixed = g_strconcat (self->name_prefix, name, NULL);

      g_free (name);
      name = prefixed;
    }

  g_string_append (out, "{\"id\":");
  append_int (out, FIRST_MEDIA_ID + index);
  append_int_member (out, "company_id", COMPANY_ID);
  append_string_member (out, "name", name);
  append_int_member (out, "status", status);
  append_string_member (out, "attachable_type", type);
  append_string_member (out, "original_name", original_name);
  append_string_member (out, "mime_type", mime);
  append_key (out, "file_size");
  if (file_size > 0)
    append_int (out, (gint64) file_size);
  else
    g_string_append (out, "null");
  append_int_member (out, "duration", duration);
  append_int_member (out, "width", width);
  append_int_member (out, "height", height);
  append_timestamp_member (out, "created_at", created);
  append_timestamp_member (out, "updated_at", updated);
  g_string_append_c (out, '}');
}

/* ---- playlists and entries ---- */

static const PlaylistInfo *
playlist_info (FakeDataset *self,
               guint        index)
{
  return &g_array_index (self->playlists, PlaylistInfo, index);
}

/* Fills @entries with the @n_entries entries of the generated playlist @index. */
static void
generate_entries (FakeDataset *self,
                  guint        index,
                  guint        n_entries,
                  Entry       *entries)
{
  Rng rng = rng_for (self, STREAM_ENTRIES, index);
  /* Entries moved in the editor keep their id but change their index, so that the
   * order of ids is not the playback order: a client must sort by index. */
  gboolean reordered = rng_one_in (&rng, 4);
  guint rotation = n_entries > 1 ? 1 + rng_below (&rng, n_entries - 1) : 0;

  for (guint i = 0; i < n_entries; i++)
    {
      Entry *entry = &entries[i];

      memset (entry, 0, sizeof *entry);
      entry->id = FIRST_ENTRY_ID + (gint64) index * FAKE_MAX_ENTRIES + i;
      entry->index = (int) (reordered ? (i + rotation) % n_entries : i);
      entry->duration = 5 + rng_below (&rng, 116);
      entry->sound = rng_one_in (&rng, 3);
      entry->start_day = entry->end_day = -1;
      entry->start_minute = entry->end_minute = -1;
      entry->weekdays = 0x7f;
      entry->created = EPOCH_START + rng_below (&rng, 5 * YEAR);
      entry->updated = entry->created + rng_below (&rng, YEAR);

      switch (rng_below (&rng, 6))
        {
        case 0:
        case 1:
          entry->play_rule = PLAY_RULE_SCHEDULED;
          /* A window of days, of hours, or both; on some weekdays. */
          if (!rng_one_in (&rng, 3))
            {
              entry->start_day = entry->created / DAY + rng_below (&rng, 200);
              entry->end_day = entry->start_day + 1 + rng_below (&rng, 90);
            }
          if (entry->start_day < 0 || rng_one_in (&rng, 2))
            {
              entry->start_minute = 6 * 60 + 15 * (int) rng_below (&rng, 32);
              entry->end_minute = entry->start_minute + 30 + 15 * (int) rng_below (&rng, 24);
            }
          entry->weekdays = 1 + rng_below (&rng, 0x7f);
          break;
        case 5:
          entry->play_rule = PLAY_RULE_NEVER;
          break;
        default:
          entry->play_rule = PLAY_RULE_ALWAYS;
          break;
        }

      /* Only earlier playlists are nested, so that nesting never forms a cycle. */
      if (index > 0 && rng_one_in (&rng, 6))
        {
          entry->media_index = G_MAXUINT;
          entry->nested_index = rng_below (&rng, index);
        }
      else
        {
          entry->media_index = rng_below (&rng, self->n_media_files);
          entry->nested_index = G_MAXUINT;
        }
    }
}

static void
append_entry (FakeDataset *self,
              GString     *out,
              gint64       playlist_id,
              const Entry *entry)
{
  g_string_append (out, "{\"id\":");
  append_int (out, entry->id);
  append_int_member (out, "index", entry->index);
  append_int_member (out, "playlist_id", playlist_id);
  append_id_or_null_member (out, "media_file_id",
                            entry->media_index != G_MAXUINT
                              ? FIRST_MEDIA_ID + (gint64) entry->media_index : 0);
  append_id_or_null_member (out, "playlist_id_as_nested_playlist",
                            entry->nested_index != G_MAXUINT
                              ? playlist_info (self, entry->nested_index)->id : 0);
  append_int_member (out, "duration", entry->duration);
  append_int_member (out, "is_sound_played", entry->sound);
  append_int_member (out, "play_rule", entry->play_rule);
  append_key (out, "start_date");
  append_date_or_null (out, entry->start_day);
  append_key (out, "end_date");
  append_date_or_null (out, entry->end_day);
  append_key (out, "start_time");
  append_time_or_null (out, entry->start_minute);
  append_key (out, "end_time");
  append_time_or_null (out, entry->end_minute);
  append_int_member (out, "weekdays", entry->weekdays);
  append_timestamp_member (out, "created_at", entry->created);
  append_timestamp_member (out, "updated_at", entry->updated);
  append_key (out, "media_file");
  if (entry->media_index != G_MAXUINT)
    append_media_file (self, out, entry->media_index);
  else
    g_string_append (out, "null");
  g_string_append_c (out, '}');
}

static void
append_generated_playlist (FakeDataset  *self,
                           GString      *out,
                           guint         index,
                           PlaylistInfo *info)
{
  Rng rng = rng_for (self, STREAM_PLAYLIST, index);
  Entry entries[FAKE_MAX_ENTRIES];
  guint n_playback = 0;
  gboolean as_booleans = rng_one_in (&rng, 10);
  gboolean string_id = rng_one_in (&rng, 40);
  guint label = rng_below (&rng, G_N_ELEMENTS (labels) * 2);
  guint comment = rng_below (&rng, G_N_ELEMENTS (comments) * 2);
  gint64 created = EPOCH_START + rng_below (&rng, 6 * YEAR);
  gint64 updated = created + rng_below (&rng, 2 * YEAR);

  /* A few empty playlists, the rest spread over 1..12 entries. */
  info->n_entries = rng_one_in (&rng, 12) ? 0 : 1 + rng_below (&rng, FAKE_MAX_ENTRIES);
  generate_entries (self, index, info->n_entries, entries);
  for (guint i = 0; i < info->n_entries; i++)
    n_playback += entries[i].play_rule != PLAY_RULE_NEVER;

  g_string_append (out, "{\"id\":");
  if (string_id)
    g_string_append_c (out, '"');
  append_int (out, info->id);
  if (string_id)
    g_string_append_c (out, '"');
  append_int_member (out, "company_id", COMPANY_ID);
  append_int_member (out, "user_id", 40 + rng_below (&rng, 5));
  append_key (out, "name");
  {
    g_autoptr(GString) name = g_string_new (NULL);

    append_playlist_name (self, name, index);
    fake_json_append_string (out, name->str);
  }
  append_key (out, "comment");
  if (comment < G_N_ELEMENTS (comments))
    fake_json_append_string (out, comments[comment]);
  else
    g_string_append (out, comment % 5 == 0 ? "\"\"" : "null");
  append_string_member (out, "label", label < G_N_ELEMENTS (labels) ? labels[label] : NULL);
  append_int_member (out, "type", rng_one_in (&rng, 5) ? 1 : 0);
  append_int_member (out, "playback_order", rng_one_in (&rng, 4) ? 1 : 0);
  append_int_member (out, "playback_rule", rng_one_in (&rng, 3) ? 1 : 0);
  append_int_member (out, "playback_entry_count", n_playback);
  append_int_member (out, "number_of_entries", info->n_entries);
  append_flag_member (out, "is_default", index == 0, as_booleans);
  append_flag_member (out, "is_demo", rng_one_in (&rng, 20), as_booleans);
  append_flag_member (out, "is_shared", rng_one_in (&rng, 8), as_booleans);
  append_flag_member (out, "is_advertised", rng_one_in (&rng, 30), as_booleans);
  append_timestamp_member (out, "created_at", created);
  append_timestamp_member (out, "updated_at", updated);
  append_key (out, "deleted_at");
  g_string_append (out, "null");
  append_int_member (out, "events_count", rng_one_in (&rng, 3) ? rng_below (&rng, 9) : 0);
  g_string_append_c (out, '}');
}

/* Returns the number of devices it says the group has. */
static guint
append_device_group (FakeDataset *self,
                     GString     *out,
                     guint        index,
                     gint64       id)
{
  Rng rng = rng_for (self, STREAM_DEVICE_GROUP, index);
  const char *name = rng_pick (&rng, group_names);
  gint64 created = EPOCH_START + rng_below (&rng, 5 * YEAR);
  gint64 updated = created + rng_below (&rng, YEAR);
  guint playlist = G_MAXUINT;
  guint n_devices;

  /* Every sixth group plays nothing. */
  if (self->n_generated > 0 && !rng_one_in (&rng, 6))
    playlist = rng_below (&rng, self->n_generated);

  g_string_append (out, "{\"id\":");
  append_int (out, id);
  append_int_member (out, "company_id", COMPANY_ID);
  append_key (out, "name");
  {
    g_autofree char *full_name = g_strdup_printf ("%s%s %u",
                                                  self->name_prefix != NULL ? self->name_prefix : "",
                                                  name, index + 1);

    fake_json_append_string (out, full_name);
  }
  append_string_member (out, "comment", rng_one_in (&rng, 3) ? "Montiert im Hochformat" : NULL);
  n_devices = 1 + rng_below (&rng, 24);
  append_int_member (out, "devices_count", n_devices);
  append_id_or_null_member (out, "playlist_id",
                            playlist != G_MAXUINT ? playlist_info (self, playlist)->id : 0);
  append_timestamp_member (out, "created_at", created);
  append_timestamp_member (out, "updated_at", updated);
  append_key (out, "playlist");
  if (playlist != G_MAXUINT)
    {
      g_autoptr(GString) playlist_name = g_string_new (NULL);

      append_playlist_name (self, playlist_name, playlist);
      g_string_append (out, "{\"id\":");
      append_int (out, playlist_info (self, playlist)->id);
      append_string_member (out, "name", playlist_name->str);
      g_string_append_c (out, '}');
    }
  else
    {
      g_string_append (out, "null");
    }
  g_string_append_c (out, '}');

  return n_devices;
}

/* Device @number (from 0) of the generated group @group_index. */
static void
append_device (FakeDataset *self,
               GString     *out,
               guint        device_index,
               guint        group_index,
               guint        number)
{
  Rng group_rng = rng_for (self, STREAM_DEVICE_GROUP, group_index);
  Rng rng = rng_for (self, STREAM_DEVICE, device_index);
  const char *group_name = rng_pick (&group_rng, group_names);
  gint64 created = EPOCH_START + rng_below (&rng, 5 * YEAR);
  g_autofree char *name = g_strdup_printf ("%s %u – Bildschirm %u", group_name, group_index + 1, number + 1);
  g_autofree char *serial = g_strdup_printf ("VN-%08X", (guint) splitmix64 (&rng.state));

  g_string_append (out, "{\"id\":");
  append_int (out, FIRST_DEVICE_ID + device_index);
  append_int_member (out, "company_id", COMPANY_ID);
  append_string_member (out, "name", name);
  append_int_member (out, "device_group_id",
                     g_array_index (self->group_ids, gint64, self->n_leading_groups + group_index));
  append_string_member (out, "comment", rng_one_in (&rng, 4) ? "Hochformat, 55 Zoll" : NULL);
  /* Laravel's 0/1 and unknown fields a client must ignore. */
  append_int_member (out, "is_online", !rng_one_in (&rng, 5));
  append_string_member (out, "serial_number", serial);
  append_string_member (out, "resolution", rng_one_in (&rng, 3) ? "1080x1920" : "1920x1080");
  append_timestamp_member (out, "last_seen_at", created + rng_below (&rng, 5 * YEAR));
  append_timestamp_member (out, "created_at", created);
  append_timestamp_member (out, "updated_at", created + rng_below (&rng, YEAR));
  g_string_append_c (out, '}');
}

/* ---- the dataset ---- */

static void
text_list_init (TextList *list)
{
  list->text = g_string_new (NULL);
  list->spans = g_array_new (FALSE, FALSE, sizeof (Span));
}

static void
text_list_clear (TextList *list)
{
  g_string_free (list->text, TRUE);
  g_array_unref (list->spans);
}

static void
text_list_truncate (TextList *list)
{
  g_string_truncate (list->text, 0);
  g_array_set_size (list->spans, 0);
}

/* Call after appending an item to list->text from @offset on. */
static void
text_list_add_span (TextList *list,
                    gsize     offset)
{
  Span span = { offset, list->text->len - offset };

  g_array_append_val (list->spans, span);
}

static const Span *
text_list_get_span (TextList *list,
                    guint     index)
{
  return &g_array_index (list->spans, Span, index);
}

static void
text_list_append_joined (TextList *list,
                         GString  *out,
                         guint     start,
                         guint     count)
{
  guint end = (guint) MIN ((guint64) start + count, list->spans->len);

  for (guint i = start; i < end; i++)
    {
      const Span *span = text_list_get_span (list, i);

      if (i > start)
        g_string_append_c (out, ',');
      g_string_append_len (out, list->text->str + span->offset, span->length);
    }
}

static void
clear_playlist_info (gpointer data)
{
  PlaylistInfo *info = data;

  g_clear_pointer (&info->entries, g_free);
}

FakeDataset *
fake_dataset_new (void)
{
  FakeDataset *self = g_new0 (FakeDataset, 1);

  self->playlists = g_array_new (FALSE, FALSE, sizeof (PlaylistInfo));
  g_array_set_clear_func (self->playlists, clear_playlist_info);
  text_list_init (&self->summaries);
  self->group_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  text_list_init (&self->groups);
  self->device_starts = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (self->device_starts, 1);
  text_list_init (&self->extra_devices);

  return self;
}

void
fake_dataset_free (FakeDataset *self)
{
  g_array_unref (self->device_starts);
  text_list_clear (&self->extra_devices);
  g_array_unref (self->playlists);
  text_list_clear (&self->summaries);
  g_array_unref (self->group_ids);
  text_list_clear (&self->groups);
  g_free (self->name_prefix);
  g_free (self);
}

void
fake_dataset_set_name_prefix (FakeDataset *self,
                              const char  *prefix)
{
  g_free (self->name_prefix);
  self->name_prefix = g_strdup (prefix);
}

void
fake_dataset_generate (FakeDataset *self,
                       guint        n_playlists,
                       guint        seed)
{
  guint n_groups = MAX (3, n_playlists / 10);
  Rng ids = { seed };
  gint64 id = FIRST_PLAYLIST_ID;
  guint old_len = self->playlists->len;

  self->seed = seed;
  self->n_generated = n_playlists;
  self->n_media_files = MAX (MIN_MEDIA_FILES, n_playlists);
  g_array_set_size (self->playlists, n_playlists);
  text_list_truncate (&self->summaries);
  g_array_set_size (self->group_ids, n_groups);
  text_list_truncate (&self->groups);
  g_array_set_size (self->device_starts, 1);
  text_list_truncate (&self->extra_devices);
  self->n_leading_groups = 0;

  /* Ids ascend with gaps, as after deletions; nested entries need them all first. */
  for (guint i = 0; i < n_playlists; i++)
    {
      PlaylistInfo *info = &g_array_index (self->playlists, PlaylistInfo, i);

      if (i < old_len)
        clear_playlist_info (info);
      memset (info, 0, sizeof *info);
      info->id = id;
      info->generated = TRUE;
      id += 1 + (rng_one_in (&ids, 4) ? rng_below (&ids, 5) : 0);
    }

  for (guint i = 0; i < n_playlists; i++)
    {
      PlaylistInfo *info = &g_array_index (self->playlists, PlaylistInfo, i);
      gsize offset = self->summaries.text->len;

      append_generated_playlist (self, self->summaries.text, i, info);
      text_list_add_span (&self->summaries, offset);
    }

  for (guint i = 0; i < n_groups; i++)
    {
      gint64 *group_id = &g_array_index (self->group_ids, gint64, i);
      gsize offset = self->groups.text->len;

      guint n_devices;
      guint next_start;

      *group_id = FIRST_GROUP_ID + (gint64) i * 7;
      n_devices = append_device_group (self, self->groups.text, i, *group_id);
      text_list_add_span (&self->groups, offset);
      next_start = g_array_index (self->device_starts, guint, i) + n_devices;
      g_array_append_val (self->device_starts, next_start);
    }
}

/* A positive number or a numeric string, else -1. */
static gint64
raw_playlist_id (const char *json_object)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *id;

  if (!json_parser_load_from_data (parser, json_object, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return -1;

  object = json_node_get_object (json_parser_get_root (parser));
  id = json_object_get_member (object, "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id))
    return -1;

  switch (json_node_get_value_type (id))
    {
    case G_TYPE_INT64:
      return json_node_get_int (id) > 0 ? json_node_get_int (id) : -1;
    case G_TYPE_STRING:
      {
        guint64 value;

        if (!g_ascii_string_to_unsigned (json_node_get_string (id), 10, 1, G_MAXINT64,
                                         &value, NULL))
          return -1;
        return (gint64) value;
      }
    default:
      return -1;
    }
}

void
fake_dataset_add_raw_playlist (FakeDataset *self,
                               const char  *json_object)
{
  PlaylistInfo info = { 0 };
  gsize offset = self->summaries.text->len;

  info.id = raw_playlist_id (json_object);
  g_array_append_val (self->playlists, info);
  g_string_append (self->summaries.text, json_object);
  text_list_add_span (&self->summaries, offset);
}

gint64
fake_dataset_get_company_id (FakeDataset *self)
{
  return COMPANY_ID;
}

guint
fake_dataset_get_n_playlists (FakeDataset *self)
{
  return self->playlists->len;
}

guint
fake_dataset_get_n_device_groups (FakeDataset *self)
{
  return self->group_ids->len;
}

void
fake_dataset_append_playlists (FakeDataset *self,
                               GString     *out,
                               guint        start,
                               guint        count)
{
  text_list_append_joined (&self->summaries, out, start, count);
}

void
fake_dataset_append_device_groups (FakeDataset *self,
                                   GString     *out,
                                   guint        start,
                                   guint        count)
{
  text_list_append_joined (&self->groups, out, start, count);
}

/* The generated ones are sorted by id; raw ones are few and searched in order. */
static gint
find_playlist (FakeDataset *self,
               gint64       id)
{
  guint low = 0, high = self->n_generated;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      gint64 middle_id = playlist_info (self, middle)->id;

      if (middle_id == id)
        return (gint) middle;
      if (middle_id < id)
        low = middle + 1;
      else
        high = middle;
    }

  for (guint i = self->n_generated; i < self->playlists->len; i++)
    if (playlist_info (self, i)->id == id)
      return (gint) i;

  return -1;
}

gboolean
fake_dataset_append_playlist_detail (FakeDataset *self,
                                     GString     *out,
                                     gint64       id,
                                     const char  *entries_key)
{
  Entry entries[FAKE_MAX_ENTRIES];
  const PlaylistInfo *info;
  const Span *span;
  gint index;

  if (id <= 0 || (index = find_playlist (self, id)) < 0)
    return FALSE;

  info = playlist_info (self, (guint) index);
  span = text_list_get_span (&self->summaries, (guint) index);
  if (!info->generated && info->entries != NULL)
    {
      g_string_append_len (out, self->summaries.text->str + span->offset, span->length - 1);
      append_key (out, entries_key);
      g_string_append (out, info->entries);
      g_string_append_c (out, '}');
      return TRUE;
    }
  if (!info->generated)
    {
      g_string_append_len (out, self->summaries.text->str + span->offset, span->length);
      return TRUE;
    }

  /* The summary without its closing brace, then the entries. */
  g_string_append_len (out, self->summaries.text->str + span->offset, span->length - 1);
  append_key (out, entries_key);
  g_string_append_c (out, '[');
  generate_entries (self, (guint) index, info->n_entries, entries);
  for (guint i = 0; i < info->n_entries; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_entry (self, out, info->id, &entries[i]);
    }
  g_string_append (out, "]}");

  return TRUE;
}

gboolean
fake_dataset_append_device_group (FakeDataset *self,
                                  GString     *out,
                                  gint64       id)
{
  for (guint i = 0; i < self->group_ids->len; i++)
    {
      if (g_array_index (self->group_ids, gint64, i) == id)
        {
          text_list_append_joined (&self->groups, out, i, 1);
          return TRUE;
        }
    }

  return FALSE;
}

guint
fake_dataset_get_n_devices (FakeDataset *self)
{
  return g_array_index (self->device_starts, guint, self->device_starts->len - 1) +
         self->extra_devices.spans->len;
}

void
fake_dataset_append_devices (FakeDataset *self,
                             GString     *out,
                             guint        start,
                             guint        count)
{
  guint n_generated = g_array_index (self->device_starts, guint, self->device_starts->len - 1);
  guint end = (guint) MIN ((guint64) start + count, fake_dataset_get_n_devices (self));
  guint group = 0;

  for (guint i = start; i < end; i++)
    {
      if (i > start)
        g_string_append_c (out, ',');
      if (i >= n_generated)
        {
          text_list_append_joined (&self->extra_devices, out, i - n_generated, 1);
          continue;
        }
      /* Pages are in order: the group only moves on. */
      while (g_array_index (self->device_starts, guint, group + 1) <= i)
        group++;
      append_device (self, out, i, group, i - g_array_index (self->device_starts, guint, group));
    }
}

gboolean
fake_dataset_has_media_file (FakeDataset *self,
                             gint64       id)
{
  return id >= FIRST_MEDIA_ID && id < FIRST_MEDIA_ID + (gint64) self->n_media_files;
}

/* ---- the schedule showcase ---- */

static void
append_clock (GString *out,
              int      minutes)
{
  minutes = ((minutes % (24 * 60)) + 24 * 60) % (24 * 60);
  g_string_append_printf (out, "\"%02d:%02d:00\"", minutes / 60, minutes % 60);
}

static void
append_day (GString   *out,
            GDateTime *day,
            int        offset)
{
  g_autoptr(GDateTime) shifted = g_date_time_add_days (day, offset);
  g_autofree char *text = g_date_time_format (shifted, "\"%Y-%m-%d\"");

  g_string_append (out, text);
}

typedef enum
{
  SHOW_ALWAYS,
  SHOW_NEVER,
  SHOW_STARTS_SOON,     /* from the next full minute on, for an hour */
  SHOW_ENDS_SOON,       /* since an hour ago, until the next full minute */
  SHOW_THIS_WEEK,       /* a date range: today and six days more */
  SHOW_WORKDAYS,        /* weekdays Mon–Fri */
  SHOW_NIGHT,           /* 22:00–06:00, past midnight */
  SHOW_WEEKEND_EVENING, /* Sat and Sun, 17:00 on */
  SHOW_CHRISTMAS,       /* a range later this year */
  SHOW_EXPIRED,         /* a range that ended last year */
  SHOW_NESTED,          /* a generated playlist, always */
  SHOW_MALFORMED,       /* a date viewneo would never send: an unknown schedule */
} ShowKind;

static const struct {
  ShowKind    kind;
  const char *name;
  guint       duration;
} show_entries[] = {
  { SHOW_ALWAYS, "Willkommen (immer)", 10 },
  { SHOW_STARTS_SOON, "Ab der nächsten Minute", 15 },
  { SHOW_ENDS_SOON, "Bis zur nächsten Minute", 12 },
  { SHOW_THIS_WEEK, "Diese Woche", 8 },
  { SHOW_WORKDAYS, "Mo–Fr", 9 },
  { SHOW_NIGHT, "Nachtprogramm 22–6 Uhr", 20 },
  { SHOW_WEEKEND_EVENING, "Wochenende ab 17 Uhr", 11 },
  { SHOW_CHRISTMAS, "Weihnachten", 30 },
  { SHOW_EXPIRED, "Letztes Jahr", 5 },
  { SHOW_NESTED, "Eingebettete Playlist", 0 },
  { SHOW_NEVER, "Pausiert (nie)", 7 },
  { SHOW_MALFORMED, "Unlesbarer Zeitplan", 6 },
};

void
fake_dataset_add_showcase (FakeDataset *self,
                           GDateTime   *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (now);
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (local),
                                                      g_date_time_get_month (local),
                                                      g_date_time_get_day_of_month (local),
                                                      0, 0, 0);
  int next_minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local) + 1;
  int year = g_date_time_get_year (local);
  g_autoptr(GString) entries = g_string_new ("[");
  g_autoptr(GString) summary = g_string_new (NULL);
  PlaylistInfo info = { SHOWCASE_PLAYLIST_ID, G_N_ELEMENTS (show_entries), FALSE, NULL };
  gint64 nested_id = self->n_generated > 0 ? playlist_info (self, 0)->id : 0;
  gsize offset;

  for (guint i = 0; i < G_N_ELEMENTS (show_entries); i++)
    {
      ShowKind kind = show_entries[i].kind;

      if (i > 0)
        g_string_append_c (entries, ',');
      g_string_append (entries, "{\"id\":");
      append_int (entries, SHOWCASE_ENTRY_ID + i);
      append_int_member (entries, "index", i);
      append_int_member (entries, "playlist_id", SHOWCASE_PLAYLIST_ID);
      append_int_member (entries, "duration", show_entries[i].duration);
      append_int_member (entries, "is_sound_played", 0);
      append_int_member (entries, "play_rule", kind == SHOW_ALWAYS || kind == SHOW_NESTED ? 1
                                               : kind == SHOW_NEVER ? 2 : 0);
      append_key (entries, "start_date");
      if (kind == SHOW_THIS_WEEK)
        append_day (entries, today, 0);
      else if (kind == SHOW_CHRISTMAS)
        g_string_append_printf (entries, "\"%04d-12-01\"", year);
      else if (kind == SHOW_EXPIRED)
        g_string_append_printf (entries, "\"%04d-01-01\"", year - 1);
      else if (kind == SHOW_MALFORMED)
        g_string_append (entries, "\"31.12.2099\"");
      else
        g_string_append (entries, "null");
      append_key (entries, "end_date");
      if (kind == SHOW_THIS_WEEK)
        append_day (entries, today, 6);
      else if (kind == SHOW_CHRISTMAS)
        g_string_append_printf (entries, "\"%04d-12-26\"", year);
      else if (kind == SHOW_EXPIRED)
        g_string_append_printf (entries, "\"%04d-12-31\"", year - 1);
      else
        g_string_append (entries, "null");
      append_key (entries, "start_time");
      if (kind == SHOW_STARTS_SOON)
        append_clock (entries, next_minute);
      else if (kind == SHOW_ENDS_SOON)
        append_clock (entries, next_minute - 60);
      else if (kind == SHOW_NIGHT)
        append_clock (entries, 22 * 60);
      else if (kind == SHOW_WEEKEND_EVENING)
        append_clock (entries, 17 * 60);
      else
        g_string_append (entries, "null");
      append_key (entries, "end_time");
      if (kind == SHOW_STARTS_SOON)
        append_clock (entries, next_minute + 60);
      else if (kind == SHOW_ENDS_SOON)
        append_clock (entries, next_minute);
      else if (kind == SHOW_NIGHT)
        append_clock (entries, 6 * 60);
      else
        g_string_append (entries, "null");
      append_int_member (entries, "weekdays", kind == SHOW_WORKDAYS ? 62
                                              : kind == SHOW_WEEKEND_EVENING ? 65 : 127);
      if (kind == SHOW_NESTED && nested_id > 0)
        {
          append_id_or_null_member (entries, "media_file_id", 0);
          append_int_member (entries, "playlist_id_as_nested_playlist", nested_id);
        }
      else
        {
          append_int_member (entries, "media_file_id", FIRST_MEDIA_ID + i % MAX (self->n_media_files, 1));
          append_id_or_null_member (entries, "playlist_id_as_nested_playlist", 0);
          append_key (entries, "media_file");
          append_media_file (self, entries, i % MAX (self->n_media_files, 1));
        }
      g_string_append_c (entries, '}');
    }
  g_string_append_c (entries, ']');

  g_string_append (summary, "{\"id\":");
  append_int (summary, SHOWCASE_PLAYLIST_ID);
  append_int_member (summary, "company_id", COMPANY_ID);
  append_string_member (summary, "name", "Zeitplan-Demo");
  append_string_member (summary, "comment", "Every kind of schedule; one entry starts and one ends at the next full minute after the server started.");
  append_int_member (summary, "number_of_entries", G_N_ELEMENTS (show_entries));
  append_int_member (summary, "type", 0);
  append_int_member (summary, "playback_order", 0);
  append_int_member (summary, "playback_rule", 0);
  append_timestamp_member (summary, "created_at", g_date_time_to_unix (now) - DAY);
  append_timestamp_member (summary, "updated_at", g_date_time_to_unix (now));
  g_string_append_c (summary, '}');

  info.entries = g_strdup (entries->str);
  offset = self->summaries.text->len;
  g_string_append (self->summaries.text, summary->str);
  text_list_add_span (&self->summaries, offset);
  g_array_append_val (self->playlists, info);

  /* A screen group playing it, first in the list, with two screens. */
  {
    g_autoptr(GString) group = g_string_new ("{\"id\":");
    gint64 group_id = SHOWCASE_GROUP_ID;

    append_int (group, SHOWCASE_GROUP_ID);
    append_int_member (group, "company_id", COMPANY_ID);
    append_string_member (group, "name", "Foyer (Zeitplan-Demo)");
    append_int_member (group, "devices_count", 2);
    append_int_member (group, "playlist_id", SHOWCASE_PLAYLIST_ID);
    append_key (group, "playlist");
    g_string_append (group, "{\"id\":");
    append_int (group, SHOWCASE_PLAYLIST_ID);
    append_string_member (group, "name", "Zeitplan-Demo");
    g_string_append (group, "}}");

    Span span = { 0, group->len };

    g_array_prepend_val (self->group_ids, group_id);
    g_string_prepend (self->groups.text, group->str);
    for (guint i = 0; i < self->groups.spans->len; i++)
      g_array_index (self->groups.spans, Span, i).offset += group->len;
    g_array_prepend_val (self->groups.spans, span);
    self->n_leading_groups++;
  }

  for (guint i = 0; i < 2; i++)
    {
      gsize device_offset = self->extra_devices.text->len;
      GString *out = self->extra_devices.text;

      g_string_append (out, "{\"id\":");
      append_int (out, SHOWCASE_DEVICE_ID + i);
      append_int_member (out, "company_id", COMPANY_ID);
      append_string_member (out, "name", i == 0 ? "Foyer links" : "Foyer rechts");
      append_int_member (out, "device_group_id", SHOWCASE_GROUP_ID);
      append_flag_member (out, "is_online", i == 0, TRUE);
      /* As wall-clock time in @now's zone, as Marquee reads a timestamp without one (and
       * as the showcase's schedule is written), not as UTC like the generated data. */
      append_timestamp_member (out, "last_seen_at",
                               g_date_time_to_unix (now) +
                               g_date_time_get_utc_offset (now) / G_USEC_PER_SEC -
                               (i == 0 ? 30 : 3 * DAY));
      g_string_append_c (out, '}');
      text_list_add_span (&self->extra_devices, device_offset);
    }
}
