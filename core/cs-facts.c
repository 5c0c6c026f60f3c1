/* cs-facts.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The facts JSON of a trace (conformance/FACTS.md): per step the output,
 * id () values, warnings, error, and the names and objects of the step's
 * snapshot, labelled by the depth-first traversal of section 5.1.  The
 * document is built as a json-glib tree and written by a small writer of
 * our own so that floats come out as Python writes them ("0.496257").
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cs-facts.h"
#include "cs-facts-array.h"
#include "cs-format.h"
#include "cs-value.h"

#define MAX_VALUES    10000
#define MAX_GF_NODES  1000
#define MAX_REF_DEPTH 200

typedef struct
{
  const CsSnapshot *snap;
  GHashTable       *labels;     /* serial -> char* label */
  GHashTable       *tuples;     /* serial set: tuples already traversed */
  GArray           *order;      /* labelled serials in discovery order */
  GHashTable       *slabels;    /* root storage serial -> char* label */
  GArray           *sorder;     /* root storage serials in label order */
} Facts;

static gboolean
is_ref_kind (CsSnapKind kind)
{
  return kind == CS_KIND_LIST || kind == CS_KIND_DICT || kind == CS_KIND_NDARRAY ||
         kind == CS_KIND_TENSOR;
}

/* ---- numbers --------------------------------------------------------------- */

static JsonNode *
float_node (double v)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  char buf[64];

  if (isnan (v))
    json_node_set_string (node, "nan");
  else if (isinf (v))
    json_node_set_string (node, v > 0 ? "inf" : "-inf");
  else
    {
      g_snprintf (buf, sizeof buf, "%.6g", v);
      json_node_set_double (node, g_ascii_strtod (buf, NULL));
    }
  return node;
}

/* ---- traversal ------------------------------------------------------------ */

static void
collect_leaves (Facts   *f,
                guint64  node_serial,
                GArray  *leaves,
                guint   *budget)
{
  const CsSnapObject *node;

  if (node_serial == 0 || *budget == 0)
    return;
  (*budget)--;
  node = cs_snapshot_lookup (f->snap, node_serial);
  if (node == NULL)
    return;
  if (node->variable_serial)
    g_array_append_val (leaves, node->variable_serial);
  for (guint i = 0; i < node->n_next; i++)
    collect_leaves (f, node->next[i], leaves, budget);
}

static void
push_children (Facts              *f,
               const CsSnapObject *o,
               GArray             *stack)
{
  g_autoptr (GArray) children = g_array_new (FALSE, FALSE, sizeof (guint64));

  switch (o->kind)
    {
    case CS_KIND_LIST:
    case CS_KIND_DICT:
    case CS_KIND_TUPLE:
      g_array_append_vals (children, o->items, o->n_items);
      break;
    case CS_KIND_TENSOR:
      if (o->array && o->array->grad_serial)
        g_array_append_val (children, o->array->grad_serial);
      if (o->array && o->array->grad_fn_serial)
        {
          guint budget = MAX_GF_NODES;
          collect_leaves (f, o->array->grad_fn_serial, children, &budget);
        }
      break;
    default:
      break;
    }
  for (guint i = children->len; i > 0; i--)
    g_array_append_val (stack, g_array_index (children, guint64, i - 1));
}

static guint64
root_storage (Facts   *f,
              guint64  serial,
              gsize   *offset_bytes)
{
  for (guint hops = 0; hops < 64; hops++)
    {
      const CsSnapStorage *s = cs_snapshot_lookup_storage (f->snap, serial);
      if (s == NULL || s->shares_serial == 0)
        break;
      *offset_bytes += s->shares_offset_bytes;
      serial = s->shares_serial;
    }
  return serial;
}

static void
label_object (Facts              *f,
              const CsSnapObject *o)
{
  char *label = g_strdup_printf ("o%u", f->order->len + 1);

  g_hash_table_insert (f->labels, GSIZE_TO_POINTER (o->serial), label);
  g_array_append_val (f->order, o->serial);
  if (o->array && o->array->storage_serial)
    {
      gsize off = 0;
      guint64 root = root_storage (f, o->array->storage_serial, &off);
      if (!g_hash_table_contains (f->slabels, GSIZE_TO_POINTER (root)))
        {
          g_hash_table_insert (f->slabels, GSIZE_TO_POINTER (root),
                               g_strdup_printf ("s%u", f->sorder->len + 1));
          g_array_append_val (f->sorder, root);
        }
    }
}

static void
traverse (Facts   *f,
          guint64  start)
{
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint64));

  g_array_append_val (stack, start);
  while (stack->len > 0)
    {
      guint64 serial = g_array_index (stack, guint64, stack->len - 1);
      const CsSnapObject *o;

      g_array_set_size (stack, stack->len - 1);
      o = cs_snapshot_lookup (f->snap, serial);
      if (o == NULL)
        continue;
      if (is_ref_kind (o->kind))
        {
          if (g_hash_table_contains (f->labels, GSIZE_TO_POINTER (serial)))
            continue;
          label_object (f, o);
          push_children (f, o, stack);
        }
      else if (o->kind == CS_KIND_TUPLE)
        {
          if (g_hash_table_contains (f->tuples, GSIZE_TO_POINTER (serial)))
            continue;
          g_hash_table_add (f->tuples, GSIZE_TO_POINTER (serial));
          push_children (f, o, stack);
        }
    }
}

/* ---- REFs and objects ------------------------------------------------------- */

static JsonNode *
single (const char *key,
        JsonNode   *value)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_member (obj, key, value);
  json_node_take_object (node, obj);
  return node;
}

static JsonNode *
string_node (const char *text,
             gssize      len)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  if (len < 0)
    json_node_set_string (node, text);
  else
    {
      /* JSON strings cannot hold NUL in json-glib; keep what precedes. */
      g_autofree char *copy = g_strndup (text, len);
      json_node_set_string (node, copy);
    }
  return node;
}

static JsonNode *
ref_node (Facts   *f,
          guint64  serial,
          guint    depth)
{
  const CsSnapObject *o = cs_snapshot_lookup (f->snap, serial);
  JsonNode *v;

  if (o == NULL)
    return json_node_new (JSON_NODE_NULL);
  /* NumPy scalars (tensor model). */
  if ((v = cs_facts_array_scalar_ref (o)) != NULL)
    return v;
  switch (o->kind)
    {
    case CS_KIND_BOOL:
      v = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (v, o->int_value != 0);
      return single ("bool", v);
    case CS_KIND_INT:
      v = json_node_new (JSON_NODE_VALUE);
      json_node_set_int (v, o->int_value);
      return single ("int", v);
    case CS_KIND_FLOAT:
      return single ("float", float_node (o->float_value));
    case CS_KIND_NONE:
      return single ("none", json_node_new (JSON_NODE_NULL));
    case CS_KIND_STR:
      return single ("str", string_node (o->str_data, o->str_len));
    case CS_KIND_TUPLE:
      if (depth < MAX_REF_DEPTH)
        {
          JsonArray *items = json_array_new ();
          JsonNode *node = json_node_new (JSON_NODE_ARRAY);
          for (gsize i = 0; i < o->n_items; i++)
            json_array_add_element (items, ref_node (f, o->items[i], depth + 1));
          json_node_take_array (node, items);
          return single ("tuple", node);
        }
      break;
    case CS_KIND_LIST:
    case CS_KIND_DICT:
    case CS_KIND_NDARRAY:
    case CS_KIND_TENSOR:
      {
        const char *label = g_hash_table_lookup (f->labels, GSIZE_TO_POINTER (serial));
        if (label)
          return single ("ref", string_node (label, -1));
        break;
      }
    default:
      break;
    }
  {
    JsonObject *other = json_object_new ();
    JsonNode *node = json_node_new (JSON_NODE_OBJECT);
    g_autofree char *repr = cs_snapshot_dup_repr (f->snap, serial);

    json_object_set_string_member (other, "type", o->type_name);
    json_object_set_string_member (other, "repr", repr);
    json_node_take_object (node, other);
    return single ("other", node);
  }
}

static JsonNode *
int_array_node (const gint64 *values,
                guint         n)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < n; i++)
    json_array_add_int_element (array, values[i]);
  json_node_take_array (node, array);
  return node;
}

static JsonNode *
values_node (Facts             *f,
             const CsSnapArray *a,
             gint64            *out_numel)
{
  const CsSnapStorage *s = cs_snapshot_lookup_storage (f->snap, a->storage_serial);
  JsonArray *array;
  JsonNode *node;
  gint64 numel = 1;
  gint64 idx[CS_MAX_DIMS] = { 0 };

  for (guint d = 0; d < a->ndim; d++)
    numel *= MAX (a->shape[d], 0);
  *out_numel = numel;
  if (numel > MAX_VALUES || s == NULL)
    return json_node_new (JSON_NODE_NULL);

  array = json_array_new ();
  for (gint64 k = 0; k < numel; k++)
    {
      gint64 pos = a->offset;
      JsonNode *v;

      for (guint d = 0; d < a->ndim; d++)
        pos += idx[d] * a->strides[d];
      if (pos < 0 || (gsize) pos >= s->numel)
        v = json_node_new (JSON_NODE_NULL);
      else if (a->dtype == CS_DTYPE_BOOL)
        {
          v = json_node_new (JSON_NODE_VALUE);
          json_node_set_boolean (v, cs_dtype_get_int (a->dtype, s->data, pos) != 0);
        }
      else if (cs_dtype_is_floating (a->dtype))
        v = float_node (cs_dtype_get_double (a->dtype, s->data, pos));
      else
        {
          v = json_node_new (JSON_NODE_VALUE);
          json_node_set_int (v, cs_dtype_get_int (a->dtype, s->data, pos));
        }
      json_array_add_element (array, v);

      for (guint d = a->ndim; d > 0; d--)
        {
          if (++idx[d - 1] < a->shape[d - 1])
            break;
          idx[d - 1] = 0;
        }
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

static JsonNode *
grad_fn_node (Facts   *f,
              guint64  serial,
              guint   *budget)
{
  const CsSnapObject *node = cs_snapshot_lookup (f->snap, serial);
  JsonObject *obj = json_object_new ();
  JsonNode *result = json_node_new (JSON_NODE_OBJECT);
  JsonArray *next;
  JsonNode *next_node;

  if (*budget == 0 || node == NULL)
    {
      json_object_set_boolean_member (obj, "truncated", TRUE);
      json_node_take_object (result, obj);
      return result;
    }
  (*budget)--;
  if (node->variable_serial)
    {
      const char *label = g_hash_table_lookup (f->labels, GSIZE_TO_POINTER (node->variable_serial));
      json_object_set_string_member (obj, "leaf", label ? label : "?");
      json_node_take_object (result, obj);
      return result;
    }
  json_object_set_string_member (obj, "name", node->grad_fn_name ? node->grad_fn_name : node->type_name);
  next = json_array_new ();
  for (guint i = 0; i < node->n_next; i++)
    {
      if (node->next[i] == 0)
        json_array_add_null_element (next);
      else
        json_array_add_element (next, grad_fn_node (f, node->next[i], budget));
    }
  next_node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (next_node, next);
  json_object_set_member (obj, "next", next_node);
  json_node_take_object (result, obj);
  return result;
}

static JsonNode *
object_node (Facts              *f,
             const CsSnapObject *o)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  switch (o->kind)
    {
    case CS_KIND_LIST:
    case CS_KIND_DICT:
      {
        JsonArray *items = json_array_new ();
        JsonNode *items_node = json_node_new (JSON_NODE_ARRAY);

        json_object_set_string_member (obj, "type", o->kind == CS_KIND_LIST ? "list" : "dict");
        if (o->kind == CS_KIND_LIST)
          for (gsize i = 0; i < o->n_items; i++)
            json_array_add_element (items, ref_node (f, o->items[i], 0));
        else
          for (gsize i = 0; i + 1 < o->n_items; i += 2)
            {
              JsonArray *pair = json_array_new ();
              json_array_add_element (pair, ref_node (f, o->items[i], 0));
              json_array_add_element (pair, ref_node (f, o->items[i + 1], 0));
              json_array_add_array_element (items, pair);
            }
        json_node_take_array (items_node, items);
        json_object_set_member (obj, "items", items_node);
        break;
      }
    case CS_KIND_NDARRAY:
    case CS_KIND_TENSOR:
      {
        const CsSnapArray *a = o->array;
        gboolean tensor = o->kind == CS_KIND_TENSOR;
        gsize off_bytes = 0;
        guint64 root = root_storage (f, a->storage_serial, &off_bytes);
        const char *slabel = g_hash_table_lookup (f->slabels, GSIZE_TO_POINTER (root));
        gint64 numel = 0;
        JsonNode *values;

        json_object_set_string_member (obj, "type", tensor ? "Tensor" : "ndarray");
        json_object_set_string_member (obj, "dtype", cs_dtype_name (a->dtype));
        json_object_set_member (obj, "shape", int_array_node (a->shape, a->ndim));
        json_object_set_member (obj, tensor ? "stride" : "strides", int_array_node (a->strides, a->ndim));
        json_object_set_int_member (obj, "offset", a->offset + off_bytes / cs_dtype_itemsize (a->dtype));
        json_object_set_string_member (obj, "storage", slabel ? slabel : "s0");
        values = values_node (f, a, &numel);
        json_object_set_member (obj, "values", values);
        if (JSON_NODE_HOLDS_NULL (values))
          json_object_set_int_member (obj, "numel", numel);
        if (tensor)
          {
            json_object_set_boolean_member (obj, "requires_grad", a->requires_grad);
            json_object_set_boolean_member (obj, "is_leaf", a->is_leaf);
            json_object_set_boolean_member (obj, "contiguous", a->contiguous);
            if (a->grad_serial)
              json_object_set_member (obj, "grad", ref_node (f, a->grad_serial, 0));
            else
              json_object_set_null_member (obj, "grad");
            if (a->grad_fn_serial)
              {
                guint budget = MAX_GF_NODES;
                json_object_set_member (obj, "grad_fn", grad_fn_node (f, a->grad_fn_serial, &budget));
              }
            else
              json_object_set_null_member (obj, "grad_fn");
          }
        break;
      }
    default:
      break;
    }
  json_node_take_object (node, obj);
  return node;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  const CsSnapName *x = *(const CsSnapName **) a, *y = *(const CsSnapName **) b;

  return strcmp (x->name, y->name);
}

static JsonNode *
step_node (const CsStep *step)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *ids = json_array_new ();
  JsonArray *warnings = json_array_new ();
  JsonObject *names = json_object_new ();
  JsonObject *objects = json_object_new ();
  JsonObject *storages = json_object_new ();
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  Facts f = { 0 };
  const CsSnapshot *snap = step->snapshot;

  json_object_set_int_member (obj, "line", step->line);
  json_object_set_string_member (obj, "source", step->source);
  json_object_set_string_member (obj, "stdout", step->stdout_text ? step->stdout_text : "");
  for (guint i = 0; i < step->ids->len; i++)
    json_array_add_int_element (ids, g_array_index (step->ids, gint64, i));
  json_object_set_array_member (obj, "ids", ids);
  for (guint i = 0; i < step->warnings->len; i++)
    json_array_add_string_element (warnings, g_ptr_array_index (step->warnings, i));
  json_object_set_array_member (obj, "warnings", warnings);
  if (step->error)
    {
      JsonObject *error = json_object_new ();
      json_object_set_string_member (error, "type", step->error->type);
      json_object_set_string_member (error, "message", step->error->message ? step->error->message : "");
      json_object_set_object_member (obj, "error", error);
    }
  else
    json_object_set_null_member (obj, "error");

  f.snap = snap;
  f.labels = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  f.tuples = g_hash_table_new (NULL, NULL);
  f.order = g_array_new (FALSE, FALSE, sizeof (guint64));
  f.slabels = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  f.sorder = g_array_new (FALSE, FALSE, sizeof (guint64));

  if (snap)
    {
      for (guint i = 0; i < snap->n_names; i++)
        if (!snap->names[i].hidden)
          g_ptr_array_add (sorted, &snap->names[i]);
      g_ptr_array_sort (sorted, compare_names);
      for (guint i = 0; i < sorted->len; i++)
        traverse (&f, ((CsSnapName *) g_ptr_array_index (sorted, i))->serial);
      for (guint i = 0; i < sorted->len; i++)
        {
          CsSnapName *n = g_ptr_array_index (sorted, i);
          json_object_set_member (names, n->name, ref_node (&f, n->serial, 0));
        }
      for (guint i = 0; i < f.order->len; i++)
        {
          guint64 serial = g_array_index (f.order, guint64, i);
          const CsSnapObject *o = cs_snapshot_lookup (snap, serial);
          json_object_set_member (objects, g_hash_table_lookup (f.labels, GSIZE_TO_POINTER (serial)),
                                  object_node (&f, o));
        }
      for (guint i = 0; i < f.sorder->len; i++)
        {
          guint64 serial = g_array_index (f.sorder, guint64, i);
          const CsSnapStorage *s = cs_snapshot_lookup_storage (snap, serial);
          JsonObject *so = json_object_new ();
          json_object_set_int_member (so, "nbytes", s ? (gint64) s->nbytes : 0);
          json_object_set_object_member (storages, g_hash_table_lookup (f.slabels, GSIZE_TO_POINTER (serial)), so);
        }
    }
  json_object_set_object_member (obj, "names", names);
  json_object_set_object_member (obj, "objects", objects);
  json_object_set_object_member (obj, "storages", storages);

  g_hash_table_unref (f.labels);
  g_hash_table_unref (f.tuples);
  g_array_unref (f.order);
  g_hash_table_unref (f.slabels);
  g_array_unref (f.sorder);
  json_node_take_object (node, obj);
  return node;
}

/* ---- writing ------------------------------------------------------------------ */

static void
write_string (GString    *out,
              const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      guchar c = *p;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
write_node (GString  *out,
            JsonNode *node,
            int       indent)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          {
            g_autofree char *text = cs_format_py_float (json_node_get_double (node));
            g_string_append (out, text);
            break;
          }
        default:
          write_string (out, json_node_get_string (node));
          break;
        }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append (out, ", ");
            write_node (out, json_array_get_element (array, i), -1);
          }
        g_string_append_c (out, ']');
        break;
      }
    case JSON_NODE_OBJECT:
      {
        JsonObject *obj = json_node_get_object (node);
        GList *members = json_object_get_members (obj);
        gboolean first = TRUE;
        gboolean inline_ = indent < 0;

        g_string_append_c (out, '{');
        for (GList *l = members; l; l = l->next)
          {
            if (!first)
              g_string_append (out, inline_ ? ", " : ",");
            first = FALSE;
            if (!inline_)
              {
                g_string_append_c (out, '\n');
                for (int i = 0; i < indent + 1; i++)
                  g_string_append_c (out, ' ');
              }
            write_string (out, l->data);
            g_string_append (out, ": ");
            write_node (out, json_object_get_member (obj, l->data), indent >= 0 && indent < 2 ? indent + 1 : -1);
          }
        if (indent >= 0 && members)
          {
            g_string_append_c (out, '\n');
            for (int i = 0; i < indent; i++)
              g_string_append_c (out, ' ');
          }
        g_string_append_c (out, '}');
        g_list_free (members);
        break;
      }
    default:
      g_string_append (out, "null");
      break;
    }
}

char *
cs_facts_to_json (CsTrace    *trace,
                  const char *file_basename)
{
  JsonObject *root = json_object_new ();
  JsonArray *steps = json_array_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (trace != NULL, NULL);

  json_object_set_string_member (root, "schema", "copyscope-facts/1");
  json_object_set_string_member (root, "file", file_basename ? file_basename : "");
  for (guint i = 0; i < trace->steps->len; i++)
    json_array_add_element (steps, step_node (g_ptr_array_index (trace->steps, i)));
  json_object_set_array_member (root, "steps", steps);
  json_node_take_object (node, root);
  write_node (out, node, 0);
  return g_string_free (out, FALSE);
}
