/* fake-viewneo.h: a fake viewneo server for tests, benchmarks and the demo
 *
 * Behaves like cloud.viewneo.com as ../shared/viewneo/API.md describes it (Laravel +
 * Passport): bearer check with Laravel's 401 body, the 302 to the login page when
 * `Accept: application/json` is missing, every list envelope, pagination, a generated
 * dataset, fault injection, and the OAuth endpoints. Listens on 127.0.0.1 only, and runs
 * on the thread-default main context of whoever calls fake_viewneo_listen().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FAKE_TYPE_VIEWNEO (fake_viewneo_get_type ())

G_DECLARE_FINAL_TYPE (FakeViewneo, fake_viewneo, FAKE, VIEWNEO, GObject)

typedef enum
{
  FAKE_ENVELOPE_BARE,             /* [ ... ] (never paginated) */
  FAKE_ENVELOPE_DATA,             /* {"data": [ ... ]} (never paginated) */
  FAKE_ENVELOPE_PAGINATOR_LINKS,  /* {"data", "links": {"next"}, "meta": {current_page, last_page, total}} */
  FAKE_ENVELOPE_PAGINATOR_FLAT,   /* {"data", "next_page_url", "current_page", "last_page", "total"} */
} FakeEnvelope;

typedef enum
{
  FAKE_FAULT_NONE,
  FAKE_FAULT_SERVER_ERROR,   /* 500 with a Laravel error body */
  FAKE_FAULT_RATE_LIMIT,     /* 429 "Too Many Attempts." with Retry-After: fault_arg s */
  FAKE_FAULT_MALFORMED_JSON, /* 200 with a truncated JSON body */
  FAKE_FAULT_WRONG_TYPES,    /* 200, the JSON is an object where a list is expected */
  FAKE_FAULT_DROP,           /* headers and half the body, then the connection closes */
  FAKE_FAULT_SLOW,           /* the answer waits fault_arg ms */
  FAKE_FAULT_UNAUTHORIZED,   /* 401 {"message":"Unauthenticated."} whatever the token */
  FAKE_FAULT_FORBIDDEN,      /* 403 */
  FAKE_FAULT_NOT_FOUND,      /* 404 */
  FAKE_FAULT_HTML_LOGIN,     /* 302 to /login, as if the Accept header were missing */
  FAKE_FAULT_HUGE,           /* 200 with a valid JSON body of fault_arg MiB */
} FakeFault;

FakeViewneo *fake_viewneo_new                (void);

/* @port 0 picks a free one. Binds 127.0.0.1 only. */
gboolean     fake_viewneo_listen             (FakeViewneo   *self,
                                              guint          port,
                                              GError       **error);
/* The same over https with @certificate (see fake-viewneo-tls.h for one made at test
 * time): a client then has to trust it to get an answer. */
gboolean     fake_viewneo_listen_tls         (FakeViewneo     *self,
                                              guint            port,
                                              GTlsCertificate *certificate,
                                              GError         **error);
void         fake_viewneo_shutdown           (FakeViewneo   *self);
guint        fake_viewneo_get_port           (FakeViewneo   *self);
/* "http://127.0.0.1:PORT", or https:// after fake_viewneo_listen_tls() */
char        *fake_viewneo_get_url            (FakeViewneo   *self);

/* ---- data ---- */
/* Replaces the dataset with @n_playlists generated playlists (deterministic for a seed),
 * each with 0..12 entries mixing media files of every kind and nested playlists,
 * schedules and weekdays, and device groups playing some of them. A new server has no
 * playlists and no device groups. Generated playlist ids start at 1001, media files at
 * 5001. */
void         fake_viewneo_generate           (FakeViewneo   *self,
                                              guint          n_playlists,
                                              guint          seed);
/* Adds a raw JSON object (as text) to the playlist list, as sent: for tolerant-parsing
 * tests (string ids, booleans, nulls, missing fields, unknown fields). */
void         fake_viewneo_add_raw_playlist   (FakeViewneo   *self,
                                              const char    *json_object);
guint        fake_viewneo_get_n_playlists    (FakeViewneo   *self);
/* FAKE_ENVELOPE_PAGINATOR_LINKS by default. Single objects (playlist/{id},
 * devicegroup/{id}, user) come as {"data": {...}} with DATA and PAGINATOR_LINKS (Laravel
 * API resources) and bare with BARE and PAGINATOR_FLAT (plain Eloquent models). */
void         fake_viewneo_set_envelope       (FakeViewneo   *self,
                                              FakeEnvelope   envelope);
void         fake_viewneo_set_page_size      (FakeViewneo   *self,
                                              guint          page_size);
/* Paginators' next links point at this origin instead of ours (cross-origin test). */
void         fake_viewneo_set_next_link_origin (FakeViewneo *self,
                                                const char  *origin);
/* Where GET /playlist/{id} puts the entries: "entries" (default), "playlist_entries"
 * or "playlistEntries". */
void         fake_viewneo_set_entries_key    (FakeViewneo   *self,
                                              const char    *key);
/* The user GET /api/v1.0/user answers with, and the `sub` of issued tokens
 * (default: 42, "Erika Mustermann", "erika.mustermann@example.com"). */
void         fake_viewneo_set_user           (FakeViewneo   *self,
                                              gint64         id,
                                              const char    *name,
                                              const char    *email);
/* Serve response bodies gzip-compressed when the client accepts it. */
void         fake_viewneo_set_gzip           (FakeViewneo   *self,
                                              gboolean       gzip);
/* Every answer waits this long (ms); 0 by default. */
void         fake_viewneo_set_latency        (FakeViewneo   *self,
                                              guint          latency_ms);

/* ---- faults ---- */
/* The next @count requests whose path starts with @path_prefix (NULL: any /api path) get
 * @fault; then they are served normally. @count 0 means for ever. */
void         fake_viewneo_add_fault          (FakeViewneo   *self,
                                              const char    *path_prefix,
                                              FakeFault      fault,
                                              guint          fault_arg,
                                              guint          count);
void         fake_viewneo_clear_faults       (FakeViewneo   *self);
/* The next @count requests whose path starts with @path_prefix (NULL: any /api path)
 * get exactly this answer: @status, a Content-Type of @content_type (NULL: none) and
 * @body (NULL or "": empty), whatever was asked. For answers no real server should
 * send. @count 0 means for ever. Shares the queue with the faults. */
void         fake_viewneo_add_answer         (FakeViewneo   *self,
                                              const char    *path_prefix,
                                              guint          status,
                                              const char    *content_type,
                                              const char    *body,
                                              guint          count);
/* Requests seen whose path starts with @path_prefix (NULL: all). */
guint        fake_viewneo_get_request_count  (FakeViewneo   *self,
                                              const char    *path_prefix);

/* ---- tokens and OAuth (Laravel Passport) ---- */
/* A personal access token the API accepts. */
void         fake_viewneo_add_token          (FakeViewneo   *self,
                                              const char    *access_token);
/* Revokes one access token (the next call with it gets 401). */
void         fake_viewneo_revoke_token       (FakeViewneo   *self,
                                              const char    *access_token);
void         fake_viewneo_add_client         (FakeViewneo   *self,
                                              const char    *client_id,
                                              const char    *client_secret,
                                              const char    *redirect_uri);
/* How /oauth/authorize answers: FALSE (default) shows the HTML consent page with
 * Approve and Deny; TRUE redirects at once, approving (@deny FALSE) or denying. */
void         fake_viewneo_set_auto_consent   (FakeViewneo   *self,
                                              gboolean       automatic,
                                              gboolean       deny);
/* Lifetime of issued access tokens, seconds (default 1296000, as viewneo). */
void         fake_viewneo_set_token_lifetime (FakeViewneo   *self,
                                              guint          seconds);
/* Number of successful /oauth/token calls per grant type. */
guint        fake_viewneo_get_token_grants   (FakeViewneo   *self,
                                              const char    *grant_type);
/* The code and PKCE verifier of the last successful authorization_code grant, and the
 * state of the last approved authorization; NULL before there is one. For tests that
 * look for them where they must never be (logs, files, output). */
const char  *fake_viewneo_get_last_code          (FakeViewneo   *self);
const char  *fake_viewneo_get_last_code_verifier (FakeViewneo   *self);
const char  *fake_viewneo_get_last_state         (FakeViewneo   *self);
/* The server's own clock for codes and tokens, for tests (0: real time). */
void         fake_viewneo_set_now            (FakeViewneo   *self,
                                              gint64         unix_time);

G_END_DECLS
