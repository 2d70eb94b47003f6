/* fuzz-device-group.c: screen groups from GET /devicegroup, and the account from GET /user
 *
 * An object is read as one device group and as a user (bare or in {"data": {...}}); an
 * array as a page of device groups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "marquee-fuzz"

#include "mq-api-error.h"
#include "mq-device-group.h"
#include "mq-user.h"

#include "fuzz-common.h"

static void
check_utf8 (const char *text)
{
  if (text != NULL)
    g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
fuzz_device_group (JsonObject *object)
{
  g_autoptr(MqDeviceGroup) group = NULL;
  g_autoptr(GError) error = NULL;

  group = mq_device_group_new_from_json (object, &error);
  fuzz_assert_parse_result (group, error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
  if (group == NULL)
    return;

  g_assert_cmpint (mq_device_group_get_id (group), >, 0);
  g_assert_nonnull (mq_device_group_get_name (group));
  check_utf8 (mq_device_group_get_name (group));
  g_assert_cmpint (mq_device_group_get_playlist_id (group), >=, 0);
  check_utf8 (mq_device_group_get_playlist_name (group));
  g_assert_cmpint (mq_device_group_get_device_count (group), >=, -1);
  fuzz_read_properties (group);
}

static void
fuzz_user (JsonNode *node)
{
  g_autoptr(MqUser) user = NULL;
  g_autoptr(GError) error = NULL;
  const char *display_name;
  const char *email;

  user = mq_user_new_from_json (node, &error);
  fuzz_assert_parse_result (user, error, MQ_API_ERROR, MQ_API_ERROR_PROTOCOL);
  if (user == NULL)
    return;

  g_assert_cmpint (mq_user_get_id (user), >, 0);
  g_assert_cmpint (mq_user_get_company_id (user), >=, 0);

  /* Never NULL, and never blank: it is the account's name in the header bar. */
  display_name = mq_user_get_display_name (user);
  g_assert_nonnull (display_name);
  g_assert_cmpstr (display_name, !=, "");
  check_utf8 (display_name);

  email = mq_user_get_email (user);
  if (email != NULL)
    g_assert_cmpstr (email, !=, "");
  check_utf8 (email);
  check_utf8 (mq_user_get_company_name (user));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;

  root = fuzz_parse_json (data, size);
  if (root == NULL)
    return 0;

  fuzz_user (root);

  if (JSON_NODE_HOLDS_OBJECT (root))
    fuzz_device_group (json_node_get_object (root));
  else if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element))
            fuzz_device_group (json_node_get_object (element));
        }
    }

  return 0;
}
