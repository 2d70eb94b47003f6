/* mq-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-auth"

#include <string.h>

#include "mq-account.h"
#include "mq-core-enums.h"

struct _MqAccount
{
  GObject      parent_instance;

  char        *id;
  char        *server;
  char        *server_host;
  gint64       user_id;
  char        *display_name;
  MqTokenKind  kind;
  char        *client_id;
};

G_DEFINE_FINAL_TYPE (MqAccount, mq_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SERVER,
  PROP_SERVER_HOST,
  PROP_USER_ID,
  PROP_DISPLAY_NAME,
  PROP_KIND,
  PROP_CLIENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "host" or "host:port" (IPv6 in brackets): what tells two servers apart in a label and
 * in the account id. Falls back to the URL itself should it not parse. */
static char *
server_host_from_url (const char *server)
{
  g_autoptr(GUri) uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);
  g_autofree char *host = NULL;
  const char *raw_host;

  if (uri == NULL || (raw_host = g_uri_get_host (uri)) == NULL || *raw_host == '\0')
    return g_strdup (server);

  if (strchr (raw_host, ':') != NULL)
    host = g_strdup_printf ("[%s]", raw_host);
  else
    host = g_ascii_strdown (raw_host, -1);

  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", host, g_uri_get_port (uri));

  return g_steal_pointer (&host);
}

static void
mq_account_constructed (GObject *object)
{
  MqAccount *self = (MqAccount *) object;

  G_OBJECT_CLASS (mq_account_parent_class)->constructed (object);

  self->server_host = server_host_from_url (self->server != NULL ? self->server : "");
  self->id = g_strdup_printf ("%" G_GINT64_FORMAT "@%s", self->user_id, self->server_host);
}

static void
mq_account_finalize (GObject *object)
{
  MqAccount *self = (MqAccount *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->server_host, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->client_id, g_free);

  G_OBJECT_CLASS (mq_account_parent_class)->finalize (object);
}

static void
mq_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MqAccount *self = MQ_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;

    case PROP_SERVER_HOST:
      g_value_set_string (value, self->server_host);
      break;

    case PROP_USER_ID:
      g_value_set_int64 (value, self->user_id);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_account_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MqAccount *self = MQ_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      self->server = g_value_dup_string (value);
      break;

    case PROP_USER_ID:
      self->user_id = g_value_get_int64 (value);
      break;

    case PROP_DISPLAY_NAME:
      mq_account_set_display_name (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_CLIENT_ID:
      /* Empty is how GSettings says "none". */
      self->client_id = g_strdup (g_value_get_string (value));
      if (self->client_id != NULL && *self->client_id == '\0')
        g_clear_pointer (&self->client_id, g_free);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_account_class_init (MqAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mq_account_constructed;
  object_class->finalize = mq_account_finalize;
  object_class->get_property = mq_account_get_property;
  object_class->set_property = mq_account_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_SERVER_HOST] =
    g_param_spec_string ("server-host", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_USER_ID] =
    g_param_spec_int64 ("user-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       MQ_TYPE_TOKEN_KIND, MQ_TOKEN_KIND_PERSONAL,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mq_account_init (MqAccount *self)
{
}

MqAccount *
mq_account_new (const char  *server,
                gint64       user_id,
                const char  *display_name,
                MqTokenKind  kind,
                const char  *client_id)
{
  g_return_val_if_fail (server != NULL && *server != '\0', NULL);
  g_return_val_if_fail (kind == MQ_TOKEN_KIND_PERSONAL ||
                        (client_id != NULL && *client_id != '\0'), NULL);

  return g_object_new (MQ_TYPE_ACCOUNT,
                       "server", server,
                       "user-id", user_id,
                       "display-name", display_name,
                       "kind", kind,
                       "client-id", kind == MQ_TOKEN_KIND_OAUTH ? client_id : NULL,
                       NULL);
}

const char *
mq_account_get_id (MqAccount *self)
{
  g_return_val_if_fail (MQ_IS_ACCOUNT (self), NULL);

  return self->id;
}

const char *
mq_account_get_server (MqAccount *self)
{
  g_return_val_if_fail (MQ_IS_ACCOUNT (self), NULL);

  return self->server;
}

gint64
mq_account_get_user_id (MqAccount *self)
{
  g_return_val_if_fail (MQ_IS_ACCOUNT (self), 0);

  return self->user_id;
}

const char *
mq_account_get_display_name (MqAccount *self)
{
  g_return_val_if_fail (MQ_IS_ACCOUNT (self), NULL);

  return self->display_name;
}

void
mq_account_set_display_name (MqAccount  *self,
                             const char *display_name)
{
  g_return_if_fail (MQ_IS_ACCOUNT (self));

  if (g_strcmp0 (self->display_name, display_name) == 0)
    return;

  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

MqTokenKind
mq_account_get_kind (MqAccount *self)
{
  g_return_val_if_fail (MQ_IS_ACCOUNT (self), MQ_TOKEN_KIND_PERSONAL);

  return self->kind;
}

const char *
mq_account_get_client_id (MqAccount *self)
{
  g_return_val_if_fail (MQ_IS_ACCOUNT (self), NULL);

  return self->client_id;
}

const char *
mq_account_get_server_host (MqAccount *self)
{
  g_return_val_if_fail (MQ_IS_ACCOUNT (self), NULL);

  return self->server_host;
}
