/* cs-copy.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The copy module with CPython's semantics (Lib/copy.py): copy.copy
 * returns immutable values themselves and makes a new outer container of
 * the same kind otherwise; copy.deepcopy keeps a memo from original to
 * copy so shared inner objects stay shared and cycles are reproduced, and
 * a tuple whose items all deep-copy to themselves is returned as is.
 */

#include "config.h"

#include <string.h>

#include "cs-runtime.h"

struct _CsCopyMemo
{
  GHashTable *map;   /* CsObject* original -> CsObject* copy */
};

CsObject *
cs_copy_memo_lookup (CsCopyMemo *memo,
                     CsObject   *original)
{
  return g_hash_table_lookup (memo->map, original);
}

void
cs_copy_memo_add (CsCopyMemo *memo,
                  CsObject   *original,
                  CsObject   *copy)
{
  g_hash_table_insert (memo->map, original, copy);
}

static gboolean
is_atomic (CsObject *obj)
{
  switch (cs_object_kind (obj))
    {
    case CS_KIND_NONE:
    case CS_KIND_BOOL:
    case CS_KIND_INT:
    case CS_KIND_FLOAT:
    case CS_KIND_STR:
    case CS_KIND_RANGE:
    case CS_KIND_BUILTIN:
    case CS_KIND_FUNCTION:
    case CS_KIND_TYPE:
    case CS_KIND_NOT_IMPLEMENTED:
    case CS_KIND_ELLIPSIS:
      return TRUE;
    default:
      return FALSE;
    }
}

CsObject *
cs_copy_copy (CsInterp *interp,
              CsObject *obj)
{
  const CsClass *cls = obj->cls;

  if (cls->copy)
    return cls->copy (interp, obj);
  if (is_atomic (obj) || cls == &cs_tuple_class || cs_object_kind (obj) == CS_KIND_SLICE)
    return obj;
  if (cls == &cs_list_class)
    return cs_op_to_list (interp, obj);
  if (cls == &cs_dict_class)
    {
      CsObject *d = cs_dict_new (interp);
      for (gsize i = 0; i < obj->dict.n_entries; i++)
        if (obj->dict.entries[i].key)
          if (!cs_dict_set (interp, d, obj->dict.entries[i].key, obj->dict.entries[i].value))
            return NULL;
      d->version = 0;
      return d;
    }
  if (cs_object_kind (obj) == CS_KIND_MODULE)
    {
      cs_interp_raise (interp, "TypeError", "cannot pickle 'module' object");
      return NULL;
    }
  cs_interp_raise (interp, "UnsupportedFeature", "copy.copy of a '%s' object is not supported",
                   cs_object_type_name (obj));
  return NULL;
}

CsObject *
cs_copy_deepcopy (CsInterp   *interp,
                  CsObject   *obj,
                  CsCopyMemo *memo)
{
  const CsClass *cls = obj->cls;
  CsObject *y;

  y = cs_copy_memo_lookup (memo, obj);
  if (y)
    return y;
  if (!cs_interp_enter_recursion (interp, ""))
    return NULL;

  if (cls->deepcopy)
    y = cls->deepcopy (interp, obj, memo);
  else if (is_atomic (obj))
    y = obj;
  else if (cls == &cs_list_class)
    {
      y = cs_list_new (interp, 0);
      cs_copy_memo_add (memo, obj, y);
      for (gsize i = 0; i < obj->seq.len; i++)
        {
          CsObject *item = cs_copy_deepcopy (interp, obj->seq.items[i], memo);
          if (item == NULL || !cs_list_append (interp, y, item))
            {
              y = NULL;
              break;
            }
        }
      if (y)
        y->version = 0;
    }
  else if (cls == &cs_tuple_class)
    {
      CsObject **items = g_new (CsObject *, MAX (obj->seq.len, 1));
      gboolean same = TRUE;

      y = NULL;
      for (gsize i = 0; i < obj->seq.len; i++)
        {
          items[i] = cs_copy_deepcopy (interp, obj->seq.items[i], memo);
          if (items[i] == NULL)
            {
              g_free (items);
              cs_interp_leave_recursion (interp);
              return NULL;
            }
          if (items[i] != obj->seq.items[i])
            same = FALSE;
        }
      /* A cycle through the tuple may have copied it already. */
      y = cs_copy_memo_lookup (memo, obj);
      if (y == NULL)
        {
          if (same)
            y = obj;
          else
            {
              y = cs_tuple_new (interp, obj->seq.len);
              memcpy (y->seq.items, items, obj->seq.len * sizeof (CsObject *));
            }
        }
      g_free (items);
    }
  else if (cls == &cs_dict_class)
    {
      y = cs_dict_new (interp);
      cs_copy_memo_add (memo, obj, y);
      for (gsize i = 0; i < obj->dict.n_entries && y; i++)
        {
          CsObject *k, *v;

          if (obj->dict.entries[i].key == NULL)
            continue;
          k = cs_copy_deepcopy (interp, obj->dict.entries[i].key, memo);
          v = k ? cs_copy_deepcopy (interp, obj->dict.entries[i].value, memo) : NULL;
          if (v == NULL || !cs_dict_set (interp, y, k, v))
            y = NULL;
        }
      if (y)
        y->version = 0;
    }
  else if (cs_object_kind (obj) == CS_KIND_SLICE)
    y = obj;
  else if (cs_object_kind (obj) == CS_KIND_MODULE)
    {
      cs_interp_raise (interp, "TypeError", "cannot pickle 'module' object");
      y = NULL;
    }
  else
    {
      cs_interp_raise (interp, "UnsupportedFeature", "copy.deepcopy of a '%s' object is not supported",
                       cs_object_type_name (obj));
      y = NULL;
    }

  cs_interp_leave_recursion (interp);
  if (y && y != obj)
    cs_copy_memo_add (memo, obj, y);
  return y;
}

static CsObject *
copy_copy_cb (CsInterp     *interp,
              CsObject     *self,
              const CsArgs *args)
{
  static const char *names[] = { "x" };
  CsObject *x;

  if (!cs_args_parse (interp, args, "copy", names, 1, 1, &x))
    return NULL;
  return cs_copy_copy (interp, x);
}

static CsObject *
copy_deepcopy_cb (CsInterp     *interp,
                  CsObject     *self,
                  const CsArgs *args)
{
  static const char *names[] = { "x", "memo" };
  CsObject *vals[2];
  CsCopyMemo memo;
  CsObject *result;

  if (!cs_args_parse (interp, args, "deepcopy", names, 2, 1, vals))
    return NULL;
  if (vals[1] && vals[1] != interp->none)
    {
      cs_interp_raise (interp, "UnsupportedFeature", "deepcopy with an explicit memo is not supported");
      return NULL;
    }
  memo.map = g_hash_table_new (NULL, NULL);
  interp->library_depth++;
  result = cs_copy_deepcopy (interp, vals[0], &memo);
  interp->library_depth--;
  g_hash_table_unref (memo.map);
  return result;
}

gboolean
_cs_copy_module_init (CsInterp *interp,
                      CsObject *module)
{
  cs_module_add_function (interp, module, "copy", copy_copy_cb);
  cs_module_add_function (interp, module, "deepcopy", copy_deepcopy_cb);
  return TRUE;
}
