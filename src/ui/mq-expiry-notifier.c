/* mq-expiry-notifier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-ui"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <libportal-gtk4/portal-gtk4.h>

#include "mq-clock.h"
#include "mq-expiry-notifier.h"
#include "mq-ui-utils.h"

struct _MqExpiryNotifier
{
  GObject          parent_instance;

  GApplication    *application; /* weak */
  MqExpiryMonitor *monitor;

  gboolean         background;
  gboolean         held;
  /* This run asked the portal to start Marquee with the session. */
  gboolean         asked_autostart;
  /* Made on the first request: outside a sandbox it is never needed. */
  XdpPortal       *portal;
  /* Counts the RequestBackground calls: only the latest one's answer counts. */
  guint            request_serial;
};

/* A RequestBackground call. Not cancelled when replaced or when the notifier goes:
 * libportal 0.6 then never calls back, so the answer is waited for and ignored. */
typedef struct
{
  GWeakRef self;
  guint    serial;
} BackgroundRequest;

G_DEFINE_FINAL_TYPE (MqExpiryNotifier, mq_expiry_notifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_APPLICATION,
  PROP_MONITOR,
  PROP_BACKGROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- notifications ---- */

static char *
notification_id (MqAccount *account)
{
  return g_strconcat ("expiry-", mq_account_get_id (account), NULL);
}

/* The application's bus, once it is registered on one; else NULL. */
static GDBusConnection *
get_dbus_connection (MqExpiryNotifier *self)
{
  if (self->application == NULL || !g_application_get_is_registered (self->application))
    return NULL;

  return g_application_get_dbus_connection (self->application);
}

/* The application, when it can send notifications: the primary instance, on a bus. */
static GApplication *
get_notifying_application (MqExpiryNotifier *self)
{
  if (get_dbus_connection (self) == NULL || g_application_get_is_remote (self->application))
    return NULL;

  return self->application;
}

static gboolean
has_string_action (GApplication *application,
                   const char   *name)
{
  const GVariantType *type = NULL;

  return g_action_group_query_action (G_ACTION_GROUP (application), name,
                                      NULL, &type, NULL, NULL, NULL) &&
         type != NULL && g_variant_type_equal (type, G_VARIANT_TYPE_STRING);
}

/* Calendar days from today to @unix_time, in local time. */
static int
days_until (gint64 unix_time)
{
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (mq_clock_now ());
  g_autoptr(GDateTime) end = g_date_time_new_from_unix_local (unix_time);
  GDate today_date;
  GDate end_date;

  if (today == NULL || end == NULL)
    return 0;

  g_date_clear (&today_date, 1);
  g_date_clear (&end_date, 1);
  g_date_set_dmy (&today_date, g_date_time_get_day_of_month (today),
                  g_date_time_get_month (today), g_date_time_get_year (today));
  g_date_set_dmy (&end_date, g_date_time_get_day_of_month (end),
                  g_date_time_get_month (end), g_date_time_get_year (end));

  return MAX (g_date_days_between (&today_date, &end_date), 0);
}

/* The date in the user's format, or NULL when unknown. */
static char *
format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) date = NULL;

  if (unix_time == 0 || (date = g_date_time_new_from_unix_local (unix_time)) == NULL)
    return NULL;

  return g_date_time_format (date, "%x");
}

static void
describe_warning (MqAccount     *account,
                  MqExpiryKind   kind,
                  gint64         expires_at,
                  char         **title,
                  char         **body)
{
  g_autofree char *label = mq_account_dup_label (account);
  g_autofree char *date = format_date (expires_at);

  switch (kind)
    {
    case MQ_EXPIRY_KIND_ENDING_SOON:
      {
        int days = date != NULL ? days_until (expires_at) : 0;

        *title = g_strdup (_("Your viewneo sign-in ends soon"));
        if (date == NULL || days == 0)
          *body = g_strdup_printf (_("Your sign-in to %s ends today. Sign in again to keep seeing its playlists."),
                                   label);
        else
          /* Translators: %1$s is an account, as in "Jane Doe (cloud.viewneo.com)", %2$d a
           * number of days, %3$s a date. */
          *body = g_strdup_printf (ngettext ("Your sign-in to %1$s ends in %2$d day, on %3$s. Sign in again to keep seeing its playlists.",
                                             "Your sign-in to %1$s ends in %2$d days, on %3$s. Sign in again to keep seeing its playlists.",
                                             days),
                                   label, days, date);
      }
      break;

    case MQ_EXPIRY_KIND_ENDED:
      *title = g_strdup (_("Your viewneo sign-in has ended"));
      if (date != NULL)
        /* Translators: %1$s is an account, as in "Jane Doe (cloud.viewneo.com)", %2$s a date. */
        *body = g_strdup_printf (_("Your sign-in to %1$s ended on %2$s. Sign in again to see its playlists."),
                                 label, date);
      else
        *body = g_strdup_printf (_("Your sign-in to %s has ended. Sign in again to see its playlists."),
                                 label);
      break;

    case MQ_EXPIRY_KIND_SIGN_IN_REQUIRED:
    default:
      *title = g_strdup (_("Sign in to viewneo again"));
      /* Translators: %s is an account, as in "Jane Doe (cloud.viewneo.com)". */
      *body = g_strdup_printf (_("viewneo no longer accepts your sign-in to %s. Sign in again to see its playlists."),
                               label);
      break;
    }
}

static void
warn_cb (MqExpiryNotifier *self,
         MqAccount        *account,
         MqExpiryKind      kind,
         gint64            expires_at,
         MqExpiryMonitor  *monitor)
{
  GApplication *application = get_notifying_application (self);
  const char *account_id = mq_account_get_id (account);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (application == NULL)
    {
      g_debug ("Not registered on a bus: no notification for %s", account_id);
      return;
    }

  describe_warning (account, kind, expires_at, &title, &body);
  notification = g_notification_new (title);
  /* Plain text, not escaped: GNOME Shell (org.gtk.Notifications) and the portal show
   * the body as it is, and would show "&amp;" for an escaped "&" in a name. */
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification,
                               kind == MQ_EXPIRY_KIND_ENDING_SOON ? G_NOTIFICATION_PRIORITY_NORMAL
                                                                  : G_NOTIFICATION_PRIORITY_HIGH);

  /* Without it, clicking activates the application. */
  if (has_string_action (application, "show-account"))
    g_notification_set_default_action_and_target_value (notification, "app.show-account",
                                                        g_variant_new_string (account_id));
  g_notification_add_button_with_target_value (notification, _("Sign In Again"), "app.sign-in",
                                               g_variant_new_string (account_id));

  id = notification_id (account);
  g_application_send_notification (application, id, notification);
}

static void
withdraw_cb (MqExpiryNotifier *self,
             MqAccount        *account,
             MqExpiryMonitor  *monitor)
{
  GApplication *application = get_notifying_application (self);
  g_autofree char *id = notification_id (account);

  if (application != NULL)
    g_application_withdraw_notification (application, id);
}

/* ---- the Background portal ---- */

static void
set_held (MqExpiryNotifier *self,
          gboolean          held)
{
  if (self->held == held || self->application == NULL)
    return;

  self->held = held;
  if (held)
    g_application_hold (self->application);
  else
    g_application_release (self->application);
}

/* The window the portal's dialog belongs to: the application's active one, once it is
 * on screen (libportal reads its X11 id or exports its Wayland handle), else none. */
static XdpParent *
dup_parent (MqExpiryNotifier *self)
{
  GtkWindow *window;

  if (!GTK_IS_APPLICATION (self->application))
    return NULL;

  window = gtk_application_get_active_window (GTK_APPLICATION (self->application));
  if (window == NULL || !gtk_widget_get_realized (GTK_WIDGET (window)))
    return NULL;

  return xdp_parent_new_gtk (window);
}

#ifdef HAVE_XDP_BACKGROUND_STATUS
static void
set_background_status_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A portal older than version 2 of the interface has no status: nothing is lost. */
  if (!xdp_portal_set_background_status_finish (XDP_PORTAL (source), result, &error))
    g_debug ("No background status: %s", error->message);
}
#endif

static void
request_background_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  BackgroundRequest *request = user_data;
  g_autoptr(MqExpiryNotifier) self = g_weak_ref_get (&request->self);
  g_autoptr(GError) error = NULL;
  guint serial = request->serial;
  gboolean allowed;

  g_weak_ref_clear (&request->self);
  g_free (request);

  /* With autostart asked, TRUE means autostart too (libportal's choice). */
  allowed = xdp_portal_request_background_finish (XDP_PORTAL (source), result, &error);

  /* The notifier is gone, or a newer request was made. */
  if (self == NULL || serial != self->request_serial)
    return;

  g_debug ("The Background portal %s", allowed ? "allowed" : "did not allow");

  if (allowed)
    {
#ifdef HAVE_XDP_BACKGROUND_STATUS
      if (self->background)
        xdp_portal_set_background_status (self->portal, _("Warns before viewneo sign-ins end"),
                                          NULL, set_background_status_cb, NULL);
#endif
      return;
    }

  /* Refused or dismissed: staying behind unseen is not ours to decide. There is no
   * autostart to take back. */
  if (self->asked_autostart && self->background)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not ask to keep running in the background: %s", error->message);
      self->asked_autostart = FALSE;
      mq_expiry_notifier_set_background (self, FALSE);
    }
}

static void
request_background (MqExpiryNotifier *self,
                    gboolean          autostart)
{
  g_autoptr(XdpParent) parent = NULL;
  g_autoptr(GPtrArray) commandline = NULL;
  BackgroundRequest *request;

  self->request_serial++;

  /* xdp_portal_new() aborts without a session bus (0.6 has no initable_new()). */
  if (get_dbus_connection (self) == NULL)
    {
      g_debug ("Not registered on a bus: cannot ask the Background portal");
      return;
    }
  if (self->portal == NULL)
    self->portal = xdp_portal_new ();

  commandline = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (commandline, g_strdup ("marquee"));
  g_ptr_array_add (commandline, g_strdup ("--background"));
  parent = dup_parent (self);
  request = g_new0 (BackgroundRequest, 1);
  g_weak_ref_init (&request->self, self);
  request->serial = self->request_serial;

  g_debug ("Asking the Background portal to run in the background, autostart %s",
           autostart ? "on" : "off");
  xdp_portal_request_background (self->portal, parent,
                                 _("Marquee keeps running to warn you before a sign-in to viewneo ends."),
                                 commandline,
                                 autostart ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE,
                                 NULL, request_background_cb, request);
}

/* ---- GObject ---- */

static void
mq_expiry_notifier_constructed (GObject *object)
{
  MqExpiryNotifier *self = (MqExpiryNotifier *) object;

  G_OBJECT_CLASS (mq_expiry_notifier_parent_class)->constructed (object);

  g_signal_connect_object (self->monitor, "warn", G_CALLBACK (warn_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "withdraw", G_CALLBACK (withdraw_cb), self, G_CONNECT_SWAPPED);
}

static void
mq_expiry_notifier_dispose (GObject *object)
{
  MqExpiryNotifier *self = (MqExpiryNotifier *) object;

  g_clear_object (&self->portal);
  set_held (self, FALSE);

  if (self->application != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
      self->application = NULL;
    }

  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (mq_expiry_notifier_parent_class)->dispose (object);
}

static void
mq_expiry_notifier_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MqExpiryNotifier *self = MQ_EXPIRY_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;

    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;

    case PROP_BACKGROUND:
      g_value_set_boolean (value, self->background);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_expiry_notifier_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MqExpiryNotifier *self = MQ_EXPIRY_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      self->application = g_value_get_object (value);
      if (self->application != NULL)
        g_object_add_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
      break;

    case PROP_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;

    case PROP_BACKGROUND:
      mq_expiry_notifier_set_background (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mq_expiry_notifier_class_init (MqExpiryNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mq_expiry_notifier_constructed;
  object_class->dispose = mq_expiry_notifier_dispose;
  object_class->get_property = mq_expiry_notifier_get_property;
  object_class->set_property = mq_expiry_notifier_set_property;

  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL,
                         G_TYPE_APPLICATION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL,
                         MQ_TYPE_EXPIRY_MONITOR,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * MqExpiryNotifier:background:
   *
   * Whether the application stays running without a window, to warn. See the header.
   */
  properties[PROP_BACKGROUND] =
    g_param_spec_boolean ("background", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mq_expiry_notifier_init (MqExpiryNotifier *self)
{
}

MqExpiryNotifier *
mq_expiry_notifier_new (GApplication    *application,
                        MqExpiryMonitor *monitor)
{
  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MQ_IS_EXPIRY_MONITOR (monitor), NULL);

  return g_object_new (MQ_TYPE_EXPIRY_NOTIFIER,
                       "application", application,
                       "monitor", monitor,
                       NULL);
}

gboolean
mq_expiry_notifier_get_background (MqExpiryNotifier *self)
{
  g_return_val_if_fail (MQ_IS_EXPIRY_NOTIFIER (self), FALSE);

  return self->background;
}

void
mq_expiry_notifier_set_background (MqExpiryNotifier *self,
                                   gboolean          background)
{
  g_return_if_fail (MQ_IS_EXPIRY_NOTIFIER (self));

  background = !!background;
  if (self->background == background)
    return;

  self->background = background;
  set_held (self, background);

  if (mq_is_sandboxed ())
    {
      /* Turning it off only takes back what this run asked for: asking at every start
       * with the setting off would put the question to people who never wanted it. */
      if (background)
        {
          self->asked_autostart = TRUE;
          request_background (self, TRUE);
        }
      else if (self->asked_autostart)
        {
          self->asked_autostart = FALSE;
          request_background (self, FALSE);
        }
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKGROUND]);
}
