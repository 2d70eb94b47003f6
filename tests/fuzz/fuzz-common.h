/* fuzz-common.h: what every libFuzzer harness in tests/fuzz shares
 *
 * A harness defines LLVMFuzzerTestOneInput() and nothing else of libFuzzer's:
 * fuzz-common.c provides LLVMFuzzerInitialize(), which makes every GLib warning or
 * critical fatal (bad input must never reach a g_return_if_fail) and silences debug
 * output. Findings are aborts: a failed g_assert, a fatal log message, or a sanitizer
 * report. Nothing here prints an input, a token or a code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <json-glib/json-glib.h>

#include "mq-media-file.h"
#include "mq-playlist.h"
#include "mq-playlist-entry.h"
#include "mq-token.h"

G_BEGIN_DECLS

int          LLVMFuzzerInitialize        (int            *argc,
                                          char         ***argv);
int          LLVMFuzzerTestOneInput      (const uint8_t  *data,
                                          size_t          size);

/* The input as a NUL-terminated string; an embedded NUL ends it, as it would end any
 * C string the input arrived in. */
char        *fuzz_dup_string             (const uint8_t  *data,
                                          size_t          size);

/* Whether json-glib parses @data cleanly: without an error, and as one top-level value.
 * The json-glib of Debian 12 (1.6) leaks memory on some input it rejects (a broken
 * \u escape after a surrogate) and on input with several top-level values ("1 {}",
 * "[] []", of which it returns the first and leaks the rest; newer versions wrap them in
 * an array). That is json-glib's leak, not the code's under test: code that parses such
 * input itself is run between fuzz_leak_check_pause() and _resume(). */
gboolean     fuzz_json_is_clean          (const uint8_t  *data,
                                          size_t          size);
/* The same for the claims a JWT parser would read from @token: the second of exactly
 * three dot-separated parts, base64url-decoded, as mq-token.c reads them. */
gboolean     fuzz_jwt_claims_are_clean   (const char     *token);
void         fuzz_leak_check_pause       (void);
void         fuzz_leak_check_resume      (void);

/* The input parsed as the client parses a response body; NULL if it is not JSON, or not
 * clean JSON (see above: a harness then has nothing more to give the code). */
JsonNode    *fuzz_parse_json             (const uint8_t  *data,
                                          size_t          size);
JsonNode    *fuzz_parse_json_text        (const char     *text);

/* What a response wrapped in {"data": {...}} carries, as the client unwraps it. */
JsonObject  *fuzz_unwrap_object          (JsonNode       *root);

/* Runs @serialize on @object into a fresh builder and returns the JSON text. */
typedef void (*FuzzSerializeFunc)        (gpointer        object,
                                          JsonBuilder    *builder);
char        *fuzz_serialize              (gpointer        object,
                                          FuzzSerializeFunc serialize);

/* Reads every readable property, as sorters, filters and bindings do. */
void         fuzz_read_properties        (gpointer        object);

/* The invariants each model promises, whatever the input. */
void         fuzz_check_media_file       (MqMediaFile    *media_file);
void         fuzz_check_entry            (MqPlaylistEntry *entry);
void         fuzz_check_playlist         (MqPlaylist     *playlist);

/* Asserts that serializing, parsing and serializing again gives the same text: the
 * cache and the export must not change what they store. */
void         fuzz_check_media_file_round_trip (MqMediaFile     *media_file);
void         fuzz_check_entry_round_trip (MqPlaylistEntry *entry);
void         fuzz_check_playlist_round_trip (MqPlaylist    *playlist);

/* The invariants of a token, and that the keyring's format keeps all of it. */
void         fuzz_check_token            (MqToken        *token);

/* A failed parse gives no object and exactly one error of @domain and @code. A NULL
 * without an error aborts: it is the bug that leaves an async call unfinished for ever
 * (the rule in mq-models-private.h). */
#define fuzz_assert_parse_result(object, error, domain, code) G_STMT_START { \
    if ((object) != NULL)                                                    \
      g_assert_no_error (error);                                             \
    else if ((error) == NULL)                                                \
      g_error ("A parse returned NULL without setting its error");           \
    else                                                                     \
      g_assert_error (error, domain, code);                                  \
  } G_STMT_END

G_END_DECLS
