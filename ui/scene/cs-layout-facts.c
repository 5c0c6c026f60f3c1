/* cs-layout-facts.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "cs-dtype.h"
#include "cs-layout-facts.h"
#include "cs-layout-private.h"

#define SYNTHETIC_VALUE (G_GUINT64_CONSTANT (1) << 40)
#define SYNTHETIC_TUPLE (G_GUINT64_CONSTANT (1) << 44)
#define SYNTHETIC_NODE (G_GUINT64_CONSTANT (1) << 48)
#define SYNTHETIC_ACCUMULATE (G_GUINT64_CONSTANT (1) << 52)
#define MAX_GF_NODES 400

/* FACTS.md labels (o1, s1, ...) are renumbered at every step, so they
 * are no identity across steps.  Identity carries what the previous step
 * knew: an object keeps its id when it is at the same access path with
 * the same content, or has moved to another path unchanged, or (failing
 * both) is still at its path but changed in place.  Anything else is new.
 */
typedef struct
{
  GHashTable *path_id;     /* char* path → guint64* id */
  GHashTable *id_sig;      /* guint64* id → char* signature */
  GHashTable *id_storage;  /* guint64* object id → guint64* storage id */
  guint64     next_id;
} Identity;

typedef struct
{
  CsLayoutModel *model;
  guint64        next_tuple;
  guint64        next_node;
  guint          gf_nodes;
  GHashTable    *ids;        /* label → guint64* id */
  Identity      *identity;
} Reader;

static guint64
new_id (Identity *identity)
{
  return ++identity->next_id;
}

static guint64
label_id_r (Reader     *r,
            const char *label)
{
  guint64 *id;

  if (label == NULL || label[0] == '\0')
    return 0;
  id = g_hash_table_lookup (r->ids, label);
  if (id == NULL)
    {
      /* Reached only outside the names' walk: a fresh identity. */
      id = g_new (guint64, 1);
      *id = new_id (r->identity);
      g_hash_table_insert (r->ids, g_strdup (label), id);
    }
  return *id;
}

#define label_id(label) label_id_r (r, (label))

static guint64 *
id_dup (guint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static char *
signature (JsonObject *object)
{
  GString *sig = g_string_new (json_object_get_string_member_with_default (object, "type", "?"));
  static const char *members[] = { "dtype", "shape", "stride", "strides", "offset", "values",
                                   "requires_grad" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (json_object_has_member (object, members[i]))
      {
        g_autofree char *text = json_to_string (json_object_get_member (object, members[i]), FALSE);

        g_string_append_printf (sig, "|%s=%s", members[i], text);
      }
  if (json_object_has_member (object, "items"))
    {
      JsonArray *items = json_object_get_array_member (object, "items");

      for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
        {
          JsonNode *item = json_array_get_element (items, i);
          g_autofree char *text = json_to_string (item, FALSE);

          /* References carry labels, which change: only their place counts. */
          g_string_append_printf (sig, "|%s", strstr (text, "\"ref\"") != NULL ? "@" : text);
        }
    }
  return g_string_free (sig, FALSE);
}

typedef struct
{
  char *label;
  char *path;
} PathItem;

static void
push_refs (GArray     *stack,
           JsonNode   *node,
           const char *path,
           guint       depth)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) || depth > 32)
    return;
  object = json_node_get_object (node);
  if (json_object_has_member (object, "ref"))
    {
      PathItem item = { g_strdup (json_object_get_string_member (object, "ref")), g_strdup (path) };
      g_array_append_val (stack, item);
    }
  else if (json_object_has_member (object, "tuple"))
    {
      JsonArray *items = json_object_get_array_member (object, "tuple");

      for (guint i = json_array_get_length (items); i > 0; i--)
        {
          g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i - 1);
          push_refs (stack, json_array_get_element (items, i - 1), sub, depth + 1);
        }
    }
}

static void
push_leaves (GArray     *stack,
             JsonNode   *node,
             const char *path,
             guint      *count,
             guint       depth)
{
  JsonObject *object;
  JsonArray *next;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) || depth > 256 || (*count)++ > MAX_GF_NODES)
    return;
  object = json_node_get_object (node);
  if (json_object_has_member (object, "leaf"))
    {
      PathItem item = { g_strdup (json_object_get_string_member (object, "leaf")),
                        g_strdup_printf ("%s.leaf%u", path, *count) };
      g_array_append_val (stack, item);
      return;
    }
  next = json_object_has_member (object, "next") ? json_object_get_array_member (object, "next") : NULL;
  for (guint i = 0; next != NULL && i < json_array_get_length (next); i++)
    push_leaves (stack, json_array_get_element (next, i), path, count, depth + 1);
}

/* The step's names in first-binding order over the whole file (FACTS.md
 * writes them sorted): @order collects names as they first appear.
 */
static GList *
ordered_names (JsonObject *names,
               GPtrArray  *order)
{
  GList *members = names ? json_object_get_members (names) : NULL;
  GList *out = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_ptr_array_find_with_equal_func (order, l->data, g_str_equal, NULL))
      g_ptr_array_add (order, g_strdup (l->data));
  for (guint i = 0; i < order->len; i++)
    {
      GList *found = g_list_find_custom (members, g_ptr_array_index (order, i), (GCompareFunc) g_strcmp0);

      if (found != NULL)
        out = g_list_prepend (out, found->data);
    }
  g_list_free (members);
  return g_list_reverse (out);
}

typedef struct
{
  const char *label;
  char       *path;
  char       *sig;
  JsonObject *object;
  guint64     id;
} Visit;

static void
visit_clear (gpointer data)
{
  Visit *visit = data;

  g_free (visit->path);
  g_free (visit->sig);
}

static void
assign_ids (Reader     *r,
            JsonObject *step,
            GPtrArray  *order)
{
  Identity *identity = r->identity;
  JsonObject *names = json_object_get_object_member (step, "names");
  JsonObject *objects = json_object_get_object_member (step, "objects");
  g_autoptr (GList) members = ordered_names (names, order);
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (PathItem));
  g_autoptr (GArray) visits = g_array_new (FALSE, TRUE, sizeof (Visit));
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) used = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GHashTable) path_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) more_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) id_sig = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr (GHashTable) id_storage = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  guint steps = 0;

  g_array_set_clear_func (visits, visit_clear);
  for (GList *l = g_list_last (members); l != NULL; l = l->prev)
    push_refs (stack, json_object_get_member (names, l->data), l->data, 0);

  /* Walk: every object with all the paths that reach it. */
  while (stack->len > 0 && steps++ < 100000)
    {
      PathItem item = g_array_index (stack, PathItem, stack->len - 1);
      JsonObject *object;
      const char *type;

      g_array_set_size (stack, stack->len - 1);
      if (objects == NULL || !json_object_has_member (objects, item.label))
        goto next;
      if (g_hash_table_contains (seen, item.label))
        {
          /* Another path to a known object: remember it for next time. */
          for (guint i = 0; i < visits->len; i++)
            {
              Visit *v = &g_array_index (visits, Visit, i);

              if (strcmp (v->label, item.label) == 0 && !g_hash_table_contains (more_paths, item.path))
                g_hash_table_insert (more_paths, g_strdup (item.path), GUINT_TO_POINTER (i + 1));
            }
          goto next;
        }
      object = json_object_get_object_member (objects, item.label);
      {
        Visit v = { NULL, g_strdup (item.path), signature (object), object, 0 };
        GList *keys = json_object_get_members (objects);

        /* Keep a label pointer that outlives the stack item. */
        for (GList *k = keys; k != NULL; k = k->next)
          if (strcmp (k->data, item.label) == 0)
            v.label = k->data;
        g_list_free (keys);
        g_hash_table_add (seen, (gpointer) v.label);
        g_array_append_val (visits, v);
      }
      type = json_object_get_string_member_with_default (object, "type", "");
      if (strcmp (type, "list") == 0 || strcmp (type, "dict") == 0)
        {
          JsonArray *items = json_object_get_array_member (object, "items");
          gboolean dict = strcmp (type, "dict") == 0;

          for (guint i = items ? json_array_get_length (items) : 0; i > 0; i--)
            {
              JsonNode *element = json_array_get_element (items, i - 1);
              g_autofree char *sub = g_strdup_printf ("%s[%u]", item.path, i - 1);

              if (dict && JSON_NODE_HOLDS_ARRAY (element))
                element = json_array_get_element (json_node_get_array (element), 1);
              push_refs (stack, element, sub, 0);
            }
        }
      if (strcmp (type, "Tensor") == 0)
        {
          guint count = 0;
          g_autofree char *gpath = g_strconcat (item.path, ".grad", NULL);

          if (json_object_has_member (object, "grad_fn") && !json_object_get_null_member (object, "grad_fn"))
            push_leaves (stack, json_object_get_member (object, "grad_fn"), item.path, &count, 0);
          if (json_object_has_member (object, "grad") && !json_object_get_null_member (object, "grad"))
            push_refs (stack, json_object_get_member (object, "grad"), gpath, 0);
        }
    next:
      g_free (item.label);
      g_free (item.path);
    }
  for (guint i = 0; i < stack->len; i++)
    {
      PathItem *item = &g_array_index (stack, PathItem, i);
      g_free (item->label);
      g_free (item->path);
    }

  /* 1: same path, same content. */
  for (guint i = 0; i < visits->len; i++)
    {
      Visit *v = &g_array_index (visits, Visit, i);
      guint64 *cand = g_hash_table_lookup (identity->path_id, v->path);

      if (cand != NULL && !g_hash_table_contains (used, cand)
          && g_strcmp0 (g_hash_table_lookup (identity->id_sig, cand), v->sig) == 0)
        {
          v->id = *cand;
          g_hash_table_add (used, id_dup (v->id));
        }
    }
  /* 2: moved unchanged (b = a; a = something else). */
  for (guint i = 0; i < visits->len; i++)
    {
      Visit *v = &g_array_index (visits, Visit, i);
      GHashTableIter iter;
      gpointer key, value;

      if (v->id != 0)
        continue;
      g_hash_table_iter_init (&iter, identity->id_sig);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (strcmp (value, v->sig) == 0 && !g_hash_table_contains (used, key))
          {
            v->id = *(guint64 *) key;
            g_hash_table_add (used, id_dup (v->id));
            break;
          }
    }
  /* 3: changed in place at its path; 4: new. */
  for (guint i = 0; i < visits->len; i++)
    {
      Visit *v = &g_array_index (visits, Visit, i);
      guint64 *cand = g_hash_table_lookup (identity->path_id, v->path);

      if (v->id != 0)
        continue;
      if (cand != NULL && !g_hash_table_contains (used, cand))
        v->id = *cand;
      else
        v->id = new_id (identity);
      g_hash_table_add (used, id_dup (v->id));
    }

  /* Storages follow their first user. */
  g_hash_table_remove_all (used);
  for (guint i = 0; i < visits->len; i++)
    {
      Visit *v = &g_array_index (visits, Visit, i);
      const char *slabel;
      guint64 *prev, sid;

      g_hash_table_insert (r->ids, g_strdup (v->label), id_dup (v->id));
      g_hash_table_insert (id_sig, id_dup (v->id), g_strdup (v->sig));
      if (!json_object_has_member (v->object, "storage"))
        continue;
      slabel = json_object_get_string_member (v->object, "storage");
      if (!g_hash_table_contains (r->ids, slabel))
        {
          prev = g_hash_table_lookup (identity->id_storage, &v->id);
          sid = prev != NULL && !g_hash_table_contains (used, prev) ? *prev : new_id (identity);
          g_hash_table_add (used, id_dup (sid));
          g_hash_table_insert (r->ids, g_strdup (slabel), id_dup (sid));
        }
      g_hash_table_insert (id_storage, id_dup (v->id), id_dup (*(guint64 *) g_hash_table_lookup (r->ids, slabel)));
    }

  /* Paths of this step (first and later ones) for the next step. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, more_paths);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        Visit *v = &g_array_index (visits, Visit, GPOINTER_TO_UINT (value) - 1);
        g_hash_table_insert (path_id, g_strdup (key), id_dup (v->id));
      }
    for (guint i = 0; i < visits->len; i++)
      {
        Visit *v = &g_array_index (visits, Visit, i);
        g_hash_table_insert (path_id, g_strdup (v->path), id_dup (v->id));
      }
  }

  g_hash_table_unref (identity->path_id);
  g_hash_table_unref (identity->id_sig);
  g_hash_table_unref (identity->id_storage);
  identity->path_id = g_steal_pointer (&path_id);
  identity->id_sig = g_steal_pointer (&id_sig);
  identity->id_storage = g_steal_pointer (&id_storage);
}

/* Python's repr of a float: the shortest round-tripping digits. */
static char *
py_float_repr (double value)
{
  char buf[64];

  if (isnan (value))
    return g_strdup ("nan");
  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  if (strpbrk (buf, ".en") == NULL)
    g_strlcat (buf, ".0", sizeof buf);
  return g_strdup (buf);
}

static char *
number_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? "True" : "False");
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (type == G_TYPE_DOUBLE)
        return py_float_repr (json_node_get_double (node));
      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup ("complex");
  return g_strdup ("?");
}

static char *
cell_text (JsonNode   *node,
           const char *dtype)
{
  gboolean floating = dtype != NULL && (g_str_has_prefix (dtype, "float") || g_str_has_prefix (dtype, "complex"));

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? "True" : "False");
      if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
        return _cs_layout_format_number (json_node_get_double (node), floating);
      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
    }
  return g_strdup ("?");
}

static char *
py_str_repr (const char *text)
{
  GString *out = g_string_new ("'");

  for (const char *s = text; *s != '\0'; s++)
    {
      if (*s == '\'' || *s == '\\')
        g_string_append_c (out, '\\');
      if (*s == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *s);
    }
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}

static void read_ref (Reader *r, JsonNode *node, char **text, guint64 *ref, char **type_name, guint depth);

static char *
tuple_inline_text (Reader   *r,
                   JsonArray *items,
                   guint     depth)
{
  GString *out = g_string_new ("(");
  guint n = json_array_get_length (items);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *type_name = NULL;
      guint64 ref = 0;

      read_ref (r, json_array_get_element (items, i), &text, &ref, &type_name, depth + 1);
      if (text == NULL)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, text);
    }
  if (n == 1)
    g_string_append_c (out, ',');
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

/* A REF (FACTS.md 4): inline @text, or an object @ref. */
static void
read_ref (Reader    *r,
          JsonNode  *node,
          char     **text,
          guint64   *ref,
          char     **type_name,
          guint      depth)
{
  JsonObject *object;

  *text = NULL;
  *ref = 0;
  *type_name = NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) || depth > 32)
    {
      *text = g_strdup ("?");
      return;
    }
  object = json_node_get_object (node);

  if (json_object_has_member (object, "ref"))
    *ref = label_id (json_object_get_string_member (object, "ref"));
  else if (json_object_has_member (object, "int"))
    {
      *text = number_text (json_object_get_member (object, "int"));
      *type_name = g_strdup ("int");
    }
  else if (json_object_has_member (object, "float"))
    {
      *text = number_text (json_object_get_member (object, "float"));
      *type_name = g_strdup ("float");
    }
  else if (json_object_has_member (object, "bool"))
    {
      *text = g_strdup (json_object_get_boolean_member (object, "bool") ? "True" : "False");
      *type_name = g_strdup ("bool");
    }
  else if (json_object_has_member (object, "none"))
    {
      *text = g_strdup ("None");
      *type_name = g_strdup ("NoneType");
    }
  else if (json_object_has_member (object, "str"))
    {
      *text = py_str_repr (json_object_get_string_member (object, "str"));
      *type_name = g_strdup ("str");
    }
  else if (json_object_has_member (object, "scalar"))
    {
      *text = number_text (json_object_get_member (object, "scalar"));
      *type_name = g_strdup (json_object_get_string_member_with_default (object, "dtype", "scalar"));
    }
  else if (json_object_has_member (object, "tuple"))
    {
      JsonArray *items = json_object_get_array_member (object, "tuple");

      *text = tuple_inline_text (r, items, depth);
      *type_name = g_strdup ("tuple");
      if (*text == NULL)
        {
          /* A tuple holding mutable objects becomes a box of its own. */
          CsLmObject *tuple = _cs_layout_model_add_object (r->model, r->next_tuple++, CS_LM_TUPLE, "tuple");

          for (guint i = 0; i < json_array_get_length (items); i++)
            {
              g_autofree char *item_text = NULL;
              g_autofree char *item_type = NULL;
              guint64 item_ref = 0;

              read_ref (r, json_array_get_element (items, i), &item_text, &item_ref, &item_type, depth + 1);
              _cs_lm_object_add_item (tuple, item_text, item_ref);
            }
          *ref = tuple->id;
        }
    }
  else if (json_object_has_member (object, "other"))
    {
      JsonObject *other = json_object_get_object_member (object, "other");

      *text = g_strdup (json_object_get_string_member_with_default (other, "repr", "?"));
      *type_name = g_strdup (json_object_get_string_member_with_default (other, "type", "object"));
    }
  else
    *text = g_strdup ("?");
}

static guint64
read_grad_fn (Reader   *r,
              JsonNode *node,
              guint     depth)
{
  JsonObject *object;
  CsLmObject *fn;
  JsonArray *next;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) || depth > 256 || r->gf_nodes++ > MAX_GF_NODES)
    return 0;
  object = json_node_get_object (node);

  if (json_object_has_member (object, "leaf"))
    {
      /* One AccumulateGrad per leaf, as PyTorch keeps it. */
      guint64 leaf = label_id (json_object_get_string_member (object, "leaf"));
      guint64 id = SYNTHETIC_ACCUMULATE + leaf;

      if (_cs_layout_model_lookup (r->model, id) == NULL)
        {
          fn = _cs_layout_model_add_object (r->model, id, CS_LM_GRAD_FN, "AccumulateGrad");
          fn->variable = leaf;
        }
      return id;
    }
  if (!json_object_has_member (object, "name"))
    return 0;

  fn = _cs_layout_model_add_object (r->model, r->next_node++, CS_LM_GRAD_FN,
                                    json_object_get_string_member (object, "name"));
  next = json_object_has_member (object, "next") ? json_object_get_array_member (object, "next") : NULL;
  for (guint i = 0; next != NULL && i < json_array_get_length (next); i++)
    {
      guint64 child = read_grad_fn (r, json_array_get_element (next, i), depth + 1);
      g_array_append_val (fn->next, child);
    }
  return fn->id;
}

static void
read_shape (JsonObject *object,
            const char *member,
            gint64     *out,
            guint      *n)
{
  JsonArray *array = json_object_has_member (object, member) ? json_object_get_array_member (object, member) : NULL;
  guint len = array ? MIN (json_array_get_length (array), CS_LM_MAX_DIMS) : 0;

  for (guint i = 0; i < len; i++)
    out[i] = json_array_get_int_element (array, i);
  if (n != NULL)
    *n = len;
}

static gsize
itemsize_for (const char *dtype)
{
  CsDType parsed;

  if (dtype != NULL && cs_dtype_from_name (dtype, &parsed))
    return cs_dtype_itemsize (parsed);
  return 8;
}

static void
read_object (Reader     *r,
             const char *label,
             JsonObject *object)
{
  const char *type = json_object_get_string_member_with_default (object, "type", "object");
  guint64 id = label_id (label);
  CsLmObject *lm;

  if (strcmp (type, "list") == 0 || strcmp (type, "dict") == 0)
    {
      gboolean dict = strcmp (type, "dict") == 0;
      JsonArray *items = json_object_get_array_member (object, "items");

      lm = _cs_layout_model_add_object (r->model, id, dict ? CS_LM_DICT : CS_LM_LIST, type);
      for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
        {
          JsonNode *element = json_array_get_element (items, i);

          for (guint k = 0; k < (dict ? 2u : 1u); k++)
            {
              JsonNode *node = element;
              g_autofree char *text = NULL;
              g_autofree char *type_name = NULL;
              guint64 ref = 0;

              if (dict)
                node = JSON_NODE_HOLDS_ARRAY (element) ? json_array_get_element (json_node_get_array (element), k) : NULL;
              read_ref (r, node, &text, &ref, &type_name, 0);
              _cs_lm_object_add_item (lm, text, ref);
            }
        }
      return;
    }

  if (strcmp (type, "Tensor") == 0 || strcmp (type, "ndarray") == 0)
    {
      gboolean tensor = strcmp (type, "Tensor") == 0;
      JsonArray *values = json_object_has_member (object, "values") && !json_object_get_null_member (object, "values")
                          ? json_object_get_array_member (object, "values") : NULL;
      guint n_strides = 0;

      lm = _cs_layout_model_add_object (r->model, id, tensor ? CS_LM_TENSOR : CS_LM_NDARRAY, type);
      lm->dtype = g_strdup (json_object_get_string_member_with_default (object, "dtype", "?"));
      lm->itemsize = itemsize_for (lm->dtype);
      read_shape (object, "shape", lm->shape, &lm->ndim);
      read_shape (object, tensor ? "stride" : "strides", lm->strides, &n_strides);
      lm->offset = json_object_get_int_member_with_default (object, "offset", 0);
      lm->storage = label_id (json_object_get_string_member_with_default (object, "storage", ""));
      lm->contiguous = json_object_get_boolean_member_with_default (object, "contiguous", TRUE);
      if (!tensor)
        {
          /* FACTS.md gives no contiguity for arrays: C order means strides
           * that decrease as a row-major layout's do.
           */
          gint64 expect = 1;

          lm->contiguous = TRUE;
          for (int d = (int) lm->ndim - 1; d >= 0; d--)
            {
              if (lm->shape[d] != 1 && lm->strides[d] != expect)
                lm->contiguous = FALSE;
              expect *= lm->shape[d];
            }
        }
      lm->requires_grad = json_object_get_boolean_member_with_default (object, "requires_grad", FALSE);
      lm->is_leaf = json_object_get_boolean_member_with_default (object, "is_leaf", TRUE);
      for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
        g_ptr_array_add (lm->values, cell_text (json_array_get_element (values, i), lm->dtype));
      if (json_object_has_member (object, "grad") && !json_object_get_null_member (object, "grad"))
        {
          g_autofree char *text = NULL;
          g_autofree char *type_name = NULL;

          read_ref (r, json_object_get_member (object, "grad"), &text, &lm->grad, &type_name, 0);
        }
      if (json_object_has_member (object, "grad_fn") && !json_object_get_null_member (object, "grad_fn"))
        lm->grad_fn = read_grad_fn (r, json_object_get_member (object, "grad_fn"), 0);
      return;
    }

  _cs_layout_model_add_object (r->model, id, CS_LM_VALUE, type)->repr = g_strdup ("…");
}

typedef struct
{
  CsLmStorage *storage;
  const char  *dtype;
} StorageFill;

/* FACTS.md has no raw buffers: the cells are put back from every view's
 * logical values and its offset and strides.  Cells no view covers stay
 * empty.
 */
static void
fill_storages (CsLayoutModel *model)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, model->objects);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CsLmObject *object = value;
      CsLmStorage *storage;
      gint64 idx[CS_LM_MAX_DIMS] = { 0 };
      gint64 total = 1;

      if ((object->kind != CS_LM_TENSOR && object->kind != CS_LM_NDARRAY) || object->storage == 0)
        continue;
      storage = g_hash_table_lookup (model->storages, &object->storage);
      if (storage == NULL)
        continue;
      if (storage->dtype == NULL)
        {
          storage->dtype = g_strdup (object->dtype);
          storage->itemsize = object->itemsize;
          storage->numel = storage->nbytes / MAX (object->itemsize, 1);
          for (gsize i = 0; i < MIN (storage->numel, 4096); i++)
            g_ptr_array_add (storage->cells, g_strdup (""));
        }
      if (object->itemsize != storage->itemsize)
        continue;
      for (guint d = 0; d < object->ndim; d++)
        total *= MAX (object->shape[d], 0);
      for (gint64 n = 0; n < total && (guint) n < object->values->len; n++)
        {
          gint64 pos = object->offset;

          for (guint d = 0; d < object->ndim; d++)
            pos += idx[d] * object->strides[d];
          if (pos >= 0 && (guint64) pos < storage->cells->len)
            {
              g_free (storage->cells->pdata[pos]);
              storage->cells->pdata[pos] = g_strdup (g_ptr_array_index (object->values, n));
            }
          for (int d = (int) object->ndim - 1; d >= 0; d--)
            {
              if (++idx[d] < object->shape[d])
                break;
              idx[d] = 0;
            }
        }
    }
}

static guint64
value_id (const char *name,
          const char *text)
{
  g_autofree char *joined = g_strconcat (name, "=", text, NULL);

  return SYNTHETIC_VALUE + g_str_hash (joined);
}

static CsLayoutModel *
read_step (JsonObject  *step,
           Identity    *identity,
           GPtrArray   *order,
           guint        index,
           guint        n_steps,
           char       **captions,
           guint        n_captions)
{
  Reader r = { 0 };
  JsonObject *names, *objects, *storages;
  g_autoptr (GList) members = NULL;
  JsonNode *error;

  r.model = _cs_layout_model_new ();
  r.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.identity = identity;
  assign_ids (&r, step, order);
  r.next_tuple = SYNTHETIC_TUPLE;
  r.next_node = SYNTHETIC_NODE;
  r.model->line = json_object_get_int_member_with_default (step, "line", 0);
  r.model->code = g_strdup (json_object_get_string_member_with_default (step, "source", ""));
  r.model->step_index = index;
  r.model->n_steps = n_steps;
  if (r.model->line > 0 && r.model->line <= n_captions && captions[r.model->line - 1] != NULL)
    r.model->caption = g_strdup (captions[r.model->line - 1]);

  error = json_object_get_member (step, "error");
  if (error != NULL && JSON_NODE_HOLDS_OBJECT (error))
    {
      JsonObject *e = json_node_get_object (error);

      r.model->error = g_strdup_printf ("%s: %s", json_object_get_string_member_with_default (e, "type", "Error"),
                                        json_object_get_string_member_with_default (e, "message", ""));
    }

  objects = json_object_get_object_member (step, "objects");
  members = objects ? json_object_get_members (objects) : NULL;
  for (GList *l = members; l != NULL; l = l->next)
    read_object (&r, l->data, json_object_get_object_member (objects, l->data));
  g_clear_pointer (&members, g_list_free);

  storages = json_object_get_object_member (step, "storages");
  members = storages ? json_object_get_members (storages) : NULL;
  for (GList *l = members; l != NULL; l = l->next)
    {
      CsLmStorage *storage = _cs_layout_model_add_storage (r.model, label_id_r (&r, l->data));
      JsonObject *s = json_object_get_object_member (storages, l->data);

      storage->nbytes = json_object_get_int_member_with_default (s, "nbytes", 0);
    }
  g_clear_pointer (&members, g_list_free);
  fill_storages (r.model);

  names = json_object_get_object_member (step, "names");
  members = ordered_names (names, order);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *text = NULL;
      g_autofree char *type_name = NULL;
      guint64 ref = 0;

      read_ref (&r, json_object_get_member (names, l->data), &text, &ref, &type_name, 0);
      if (text != NULL)
        {
          guint64 id = value_id (l->data, text);
          CsLmObject *lm = _cs_layout_model_add_object (r.model, id, CS_LM_VALUE, type_name ? type_name : "object");

          lm->repr = g_steal_pointer (&text);
          ref = id;
        }
      _cs_layout_model_add_name (r.model, l->data, NULL, ref);
    }
  g_hash_table_unref (r.ids);
  return r.model;
}

/* Comment blocks directly above a line are its caption (DESIGN.md). */
static char **
read_captions (const char *facts_path,
               guint      *n_lines)
{
  g_autofree char *dir = g_path_get_dirname (facts_path);
  g_autofree char *base = g_path_get_basename (facts_path);
  g_autofree char *py = NULL;
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  char **captions;
  guint n;
  char *dot = strrchr (base, '.');

  *n_lines = 0;
  if (dot != NULL)
    *dot = '\0';
  py = g_strdup_printf ("%s/%s.py", dir, base);
  if (!g_file_get_contents (py, &contents, NULL, NULL) || !g_utf8_validate (contents, -1, NULL))
    return NULL;

  lines = g_strsplit (contents, "\n", -1);
  n = g_strv_length (lines);
  captions = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      GString *caption = NULL;
      int j = (int) i - 1;

      while (j >= 0 && g_str_has_prefix (lines[j], "#"))
        j--;
      for (guint k = j + 1; k < i; k++)
        {
          g_autofree char *text = g_strdup (lines[k] + 1);

          g_strstrip (text);
          if (g_str_has_prefix (text, "title:") || *text == '\0')
            continue;
          if (caption == NULL)
            caption = g_string_new (NULL);
          else
            g_string_append_c (caption, ' ');
          g_string_append (caption, text);
        }
      if (caption != NULL)
        captions[i] = g_string_free (caption, FALSE);
    }
  *n_lines = n;
  return captions;
}

/**
 * cs_layout_facts_file:
 * @facts_path: a facts JSON file; a scenario of the same name with `.py`
 *   beside it gives the captions
 *
 * Returns: (transfer full) (element-type CsScene): one scene per step
 */
GPtrArray *
cs_layout_facts_file (const char            *facts_path,
                      const CsLayoutOptions *options,
                      GError               **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) models = g_ptr_array_new_with_free_func ((GDestroyNotify) _cs_layout_model_free);
  g_autoptr (GPtrArray) scenes = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_scene_unref);
  g_autoptr (GHashTable) numbers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (CsLayoutModel) empty = _cs_layout_model_new ();
  g_autoptr (GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  Identity identity = { 0 };
  CsLayoutOptions opts;
  JsonNode *root;
  JsonArray *steps;
  char **captions;
  guint n_captions = 0, n;
  double name_w = 0, card_w = 0;

  g_return_val_if_fail (facts_path != NULL, NULL);

  if (!json_parser_load_from_file (parser, facts_path, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "steps"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: not a copyscope-facts/1 file", facts_path);
      return NULL;
    }

  if (options != NULL)
    opts = *options;
  else
    cs_layout_options_init (&opts);
  if (opts.storage_numbers == NULL)
    opts.storage_numbers = numbers;

  identity.path_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  identity.id_sig = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  identity.id_storage = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  captions = read_captions (facts_path, &n_captions);
  steps = json_object_get_array_member (json_node_get_object (root), "steps");
  n = json_array_get_length (steps);
  for (guint i = 0; i < n; i++)
    {
      CsLayoutModel *model = read_step (json_array_get_object_element (steps, i), &identity, order, i, n, captions, n_captions);
      double nw, cw;

      _cs_layout_model_diff (model, i > 0 ? g_ptr_array_index (models, i - 1) : empty);
      _cs_layout_model_measure (model, &nw, &cw);
      name_w = MAX (name_w, nw);
      card_w = MAX (card_w, cw);
      g_ptr_array_add (models, model);
    }
  /* The array has a NULL for every line without a caption, so
   * g_strfreev () would stop at the first one. */
  for (guint i = 0; i < n_captions; i++)
    g_free (captions[i]);
  g_free (captions);

  /* One column width for the whole scenario keeps the picture steady. */
  opts.min_name_width = MAX (opts.min_name_width, name_w);
  opts.min_card_width = MAX (opts.min_card_width, card_w);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (scenes, _cs_layout_model_build (g_ptr_array_index (models, i), &opts));

  g_hash_table_unref (identity.path_id);
  g_hash_table_unref (identity.id_sig);
  g_hash_table_unref (identity.id_storage);
  return g_steal_pointer (&scenes);
}
