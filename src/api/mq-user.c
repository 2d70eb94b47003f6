/* mq-user.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-api"

#include <glib/gi18n-lib.h>

#include "mq-api-error.h"
#include "mq-json-private.h"
#include "mq-user.h"

struct _MqUser
{
  GObject parent_instance;

  gint64 id;
  gint64 company_id;
  char *display_name;
  char *email;
  char *company_name;
};

G_DEFINE_FINAL_TYPE (MqUser, mq_user, G_TYPE_OBJECT)

static void
mq_user_finalize (GObject *object)
{
  MqUser *self = (MqUser *) object;

  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->company_name, g_free);

  G_OBJECT_CLASS (mq_user_parent_class)->finalize (object);
}

static void
mq_user_class_init (MqUserClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mq_user_finalize;
}

static void
mq_user_init (MqUser *self)
{
}

/* A string with something visible in it, stripped; else NULL. */
static char *
dup_nonblank (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);

  return copy;
}

static char *
build_display_name (JsonObject *object,
                    const char *email,
                    gint64      id)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  char *name;

  name = dup_nonblank (mq_json_get_string (object, "name"));
  if (name != NULL)
    return name;

  first = dup_nonblank (mq_json_get_string (object, "first_name"));
  last = dup_nonblank (mq_json_get_string (object, "last_name"));
  if (first != NULL && last != NULL)
    return g_strconcat (first, " ", last, NULL);
  if (first != NULL || last != NULL)
    return g_strdup (first != NULL ? first : last);

  if (email != NULL)
    return g_strdup (email);

  {
    /* The number outside the message: xgettext cannot see through G_GINT64_FORMAT. */
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

    /* TRANSLATORS: shown for an account whose name and e-mail address are unknown;
     * %s is its number */
    return g_strdup_printf (_("viewneo user %s"), number);
  }
}

MqUser *
mq_user_new_from_json (JsonNode  *node,
                       GError   **error)
{
  MqUser *self;
  JsonObject *object;
  JsonObject *data;
  JsonObject *company;
  gint64 id;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("The server sent something other than an account."));
      return NULL;
    }

  object = json_node_get_object (node);
  data = mq_json_get_object (object, "data");
  if (data != NULL && !json_object_has_member (object, "id"))
    object = data;

  if (!mq_json_get_int (object, "id", &id) || id <= 0)
    {
      g_set_error_literal (error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL,
                           _("The account sent by the server has no valid id."));
      return NULL;
    }

  self = g_object_new (MQ_TYPE_USER, NULL);
  self->id = id;
  self->email = dup_nonblank (mq_json_get_string (object, "email"));
  self->display_name = build_display_name (object, self->email, id);

  company = mq_json_get_object (object, "company");
  self->company_id = MAX (mq_json_get_int_or (object, "company_id", 0), 0);
  if (self->company_id == 0 && company != NULL)
    self->company_id = MAX (mq_json_get_int_or (company, "id", 0), 0);
  if (company != NULL)
    self->company_name = dup_nonblank (mq_json_get_string (company, "name"));
  if (self->company_name == NULL)
    self->company_name = dup_nonblank (mq_json_get_string (object, "company_name"));

  return self;
}

gint64
mq_user_get_id (MqUser *self)
{
  g_return_val_if_fail (MQ_IS_USER (self), 0);
  return self->id;
}

const char *
mq_user_get_display_name (MqUser *self)
{
  g_return_val_if_fail (MQ_IS_USER (self), NULL);
  return self->display_name;
}

const char *
mq_user_get_email (MqUser *self)
{
  g_return_val_if_fail (MQ_IS_USER (self), NULL);
  return self->email;
}

gint64
mq_user_get_company_id (MqUser *self)
{
  g_return_val_if_fail (MQ_IS_USER (self), 0);
  return self->company_id;
}

const char *
mq_user_get_company_name (MqUser *self)
{
  g_return_val_if_fail (MQ_IS_USER (self), NULL);
  return self->company_name;
}
