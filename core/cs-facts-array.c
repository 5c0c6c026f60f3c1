/* cs-facts-array.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cs-facts-array.h"

typedef struct
{
  CsDType dtype;
} ScalarMark;

/* The destroy function doubles as the mark: only NumPy scalars use it. */
static void
scalar_mark_free (gpointer data)
{
  g_free (data);
}

void
cs_facts_array_mark_scalar (CsSnapObject *snap,
                            CsDType       dtype)
{
  ScalarMark *mark;

  g_return_if_fail (snap != NULL);
  if (snap->ext_destroy && snap->ext)
    snap->ext_destroy (snap->ext);
  mark = g_new0 (ScalarMark, 1);
  mark->dtype = dtype;
  snap->ext = mark;
  snap->ext_destroy = scalar_mark_free;
}

JsonNode *
cs_facts_array_scalar_ref (const CsSnapObject *object)
{
  const ScalarMark *mark;
  JsonObject *obj;
  JsonNode *node, *value;

  if (object == NULL || object->ext_destroy != scalar_mark_free || object->ext == NULL)
    return NULL;
  mark = object->ext;
  value = json_node_new (JSON_NODE_VALUE);
  if (mark->dtype == CS_DTYPE_BOOL)
    json_node_set_boolean (value, object->int_value != 0);
  else if (!cs_dtype_is_floating (mark->dtype))
    json_node_set_int (value, object->int_value);
  else if (isnan (object->float_value))
    json_node_set_string (value, "nan");
  else if (isinf (object->float_value))
    json_node_set_string (value, object->float_value > 0 ? "inf" : "-inf");
  else
    {
      char buf[64];
      g_snprintf (buf, sizeof buf, "%.6g", object->float_value);
      json_node_set_double (value, g_ascii_strtod (buf, NULL));
    }
  obj = json_object_new ();
  json_object_set_member (obj, "scalar", value);
  json_object_set_string_member (obj, "dtype", cs_dtype_name (mark->dtype));
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, obj);
  return node;
}
