/* cs-value.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The heap: allocation, serials and CPython-like addresses, the mark &
 * sweep collector and reference-counted storages.
 */

#include "config.h"

#include <string.h>

#include "cs-trace.h"
#include "cs-value.h"

struct _CsHeap
{
  GPtrArray *objects;     /* every live object not yet known to be permanent */
  GPtrArray *permanent;   /* permanent objects (moved here by the collector) */
  guint64    next_serial;
  guint64    mutations;
};

/* CPython objects live in the 0x7f.. range of a 64-bit process and are at
 * least 16-byte aligned; serials are never reused, so neither are these. */
#define ADDRESS_BASE  G_GUINT64_CONSTANT (0x7f3a5c000000)
#define ADDRESS_STEP  48

enum
{
  VISITED = 1 << 4,
};

/* ---- storage ------------------------------------------------------------ */

CsStorage *
cs_storage_new (CsHeap        *heap,
                CsDType        dtype,
                gsize          numel,
                CsStorageOwner owner)
{
  CsStorage *storage = g_new0 (CsStorage, 1);

  storage->ref_count = 1;
  storage->serial = cs_heap_next_serial (heap);
  storage->dtype = dtype;
  storage->numel = numel;
  storage->data = g_malloc0 (MAX (numel, 1) * cs_dtype_itemsize (dtype));
  storage->owner = owner;
  return storage;
}

CsStorage *
cs_storage_ref (CsStorage *storage)
{
  g_return_val_if_fail (storage != NULL, NULL);
  storage->ref_count++;
  return storage;
}

void
cs_storage_unref (CsStorage *storage)
{
  if (storage == NULL)
    return;
  if (--storage->ref_count > 0)
    return;
  g_clear_pointer (&storage->shares, cs_storage_unref);
  g_clear_pointer ((CsSnapStorage **) &storage->snap_cache, cs_snap_storage_unref);
  g_free (storage->data);
  g_free (storage);
}

gsize
cs_storage_nbytes (CsStorage *storage)
{
  return storage->numel * cs_dtype_itemsize (storage->dtype);
}

void
cs_storage_touch (CsStorage *storage)
{
  storage->version++;
}

/* ---- heap --------------------------------------------------------------- */

CsHeap *
cs_heap_new (void)
{
  CsHeap *heap = g_new0 (CsHeap, 1);

  heap->objects = g_ptr_array_new ();
  heap->permanent = g_ptr_array_new ();
  heap->next_serial = 1;
  return heap;
}

static void
object_free (CsObject *obj)
{
  const CsClass *cls = obj->cls;

  if (cls->finalize)
    cls->finalize (obj);

  switch (cls->kind)
    {
    case CS_KIND_STR:
      g_free (obj->str.data);
      break;
    case CS_KIND_TUPLE:
    case CS_KIND_LIST:
      g_free (obj->seq.items);
      break;
    case CS_KIND_DICT:
      g_free (obj->dict.entries);
      g_free (obj->dict.index);
      break;
    case CS_KIND_FUNCTION:
      g_free (obj->func.defaults);
      g_clear_pointer ((GHashTable **) &obj->func.locals_set, g_hash_table_unref);
      break;
    case CS_KIND_NAMESPACE:
      g_clear_pointer (&obj->ns.vars, g_hash_table_unref);
      g_clear_pointer (&obj->ns.order, g_ptr_array_unref);
      g_clear_pointer (&obj->ns.extra, g_ptr_array_unref);
      break;
    case CS_KIND_NDARRAY:
    case CS_KIND_TENSOR:
      g_clear_pointer (&obj->array.view.storage, cs_storage_unref);
      break;
    case CS_KIND_GRAD_FN:
      g_free (obj->grad_fn.name);
      g_free (obj->grad_fn.next);
      g_free (obj->grad_fn.saved);
      g_free (obj->grad_fn.saved_versions);
      break;
    case CS_KIND_OPAQUE:
      if (obj->opaque.destroy)
        obj->opaque.destroy (obj->opaque.data);
      break;
    case CS_KIND_NONE:
    case CS_KIND_BOOL:
    case CS_KIND_INT:
    case CS_KIND_FLOAT:
    case CS_KIND_RANGE:
    case CS_KIND_SLICE:
    case CS_KIND_ITER:
    case CS_KIND_MODULE:
    case CS_KIND_BUILTIN:
    case CS_KIND_TYPE:
    case CS_KIND_NOT_IMPLEMENTED:
    case CS_KIND_ELLIPSIS:
    default:
      break;
    }
  g_clear_pointer ((CsSnapObject **) &obj->snap_cache, cs_snap_object_unref);
  g_free (obj);
}

void
cs_heap_free (CsHeap *heap)
{
  if (heap == NULL)
    return;
  for (guint i = 0; i < heap->objects->len; i++)
    object_free (g_ptr_array_index (heap->objects, i));
  for (guint i = 0; i < heap->permanent->len; i++)
    object_free (g_ptr_array_index (heap->permanent, i));
  g_ptr_array_unref (heap->objects);
  g_ptr_array_unref (heap->permanent);
  g_free (heap);
}

guint64
cs_heap_next_serial (CsHeap *heap)
{
  return heap->next_serial++;
}

gsize
cs_heap_count (CsHeap *heap)
{
  return heap->objects->len + heap->permanent->len;
}

/* Arrays and tensors carry a large inline layout; every other object
 * only needs the header and the largest of the other union members, so
 * an int takes about a hundred bytes instead of four hundred. */
static gsize
object_size (CsKind kind)
{
  static gsize small = 0;

  if (kind == CS_KIND_NDARRAY || kind == CS_KIND_TENSOR)
    return sizeof (CsObject);
  if (small == 0)
    {
      CsObject *o = NULL;
      gsize m = 0;

      m = MAX (m, sizeof (o->str));
      m = MAX (m, sizeof (o->seq));
      m = MAX (m, sizeof (o->dict));
      m = MAX (m, sizeof (o->range));
      m = MAX (m, sizeof (o->slice));
      m = MAX (m, sizeof (o->iter));
      m = MAX (m, sizeof (o->module));
      m = MAX (m, sizeof (o->builtin));
      m = MAX (m, sizeof (o->func));
      m = MAX (m, sizeof (o->type));
      m = MAX (m, sizeof (o->ns));
      m = MAX (m, sizeof (o->grad_fn));
      m = MAX (m, sizeof (o->opaque));
      small = G_STRUCT_OFFSET (CsObject, int_value) + m;
    }
  return small;
}

CsObject *
cs_heap_alloc (CsHeap        *heap,
               const CsClass *cls)
{
  CsObject *obj = g_malloc0 (object_size (cls->kind));

  obj->cls = cls;
  obj->serial = cs_heap_next_serial (heap);
  obj->address = ADDRESS_BASE + obj->serial * ADDRESS_STEP;
  g_ptr_array_add (heap->objects, obj);
  return obj;
}

void
cs_heap_touch (CsHeap *heap)
{
  heap->mutations++;
}

guint64
cs_heap_mutations (CsHeap *heap)
{
  return heap->mutations;
}

/* ---- traversal ---------------------------------------------------------- */

void
cs_object_traverse (CsObject   *obj,
                    CsVisitFunc visit,
                    gpointer    user_data)
{
  const CsClass *cls = obj->cls;

  switch (cls->kind)
    {
    case CS_KIND_TUPLE:
    case CS_KIND_LIST:
      for (gsize i = 0; i < obj->seq.len; i++)
        visit (obj->seq.items[i], user_data);
      break;
    case CS_KIND_DICT:
      for (gsize i = 0; i < obj->dict.n_entries; i++)
        if (obj->dict.entries[i].key != NULL)
          {
            visit (obj->dict.entries[i].key, user_data);
            visit (obj->dict.entries[i].value, user_data);
          }
      break;
    case CS_KIND_SLICE:
      visit (obj->slice.start, user_data);
      visit (obj->slice.stop, user_data);
      visit (obj->slice.step, user_data);
      break;
    case CS_KIND_ITER:
      if (obj->iter.source)
        visit (obj->iter.source, user_data);
      break;
    case CS_KIND_MODULE:
      if (obj->module.ns)
        visit (obj->module.ns, user_data);
      break;
    case CS_KIND_BUILTIN:
      if (obj->builtin.self)
        visit (obj->builtin.self, user_data);
      break;
    case CS_KIND_FUNCTION:
      visit (obj->func.globals, user_data);
      if (obj->func.closure)
        visit (obj->func.closure, user_data);
      if (obj->func.consts)
        visit (obj->func.consts, user_data);
      for (guint i = 0; i < obj->func.n_defaults; i++)
        visit (obj->func.defaults[i], user_data);
      break;
    case CS_KIND_NAMESPACE:
      {
        for (guint i = 0; i < obj->ns.order->len; i++)
          {
            CsNsEntry *entry = g_ptr_array_index (obj->ns.order, i);
            visit (entry->value, user_data);
          }
        if (obj->ns.parent)
          visit (obj->ns.parent, user_data);
        if (obj->ns.extra)
          for (guint i = 0; i < obj->ns.extra->len; i++)
            visit (g_ptr_array_index (obj->ns.extra, i), user_data);
      }
      break;
    case CS_KIND_NDARRAY:
    case CS_KIND_TENSOR:
      /* FACTS.md 5.1: .grad first, then what the grad_fn graph reaches. */
      if (obj->array.ag.grad)
        visit (obj->array.ag.grad, user_data);
      if (obj->array.ag.grad_fn)
        visit (obj->array.ag.grad_fn, user_data);
      if (obj->array.base)
        visit (obj->array.base, user_data);
      break;
    case CS_KIND_GRAD_FN:
      for (guint i = 0; i < obj->grad_fn.n_next; i++)
        if (obj->grad_fn.next[i].node)
          visit (obj->grad_fn.next[i].node, user_data);
      if (obj->grad_fn.variable)
        visit (obj->grad_fn.variable, user_data);
      for (guint i = 0; i < obj->grad_fn.n_saved; i++)
        if (obj->grad_fn.saved[i])
          visit (obj->grad_fn.saved[i], user_data);
      break;
    case CS_KIND_OPAQUE:
      for (guint i = 0; i < G_N_ELEMENTS (obj->opaque.refs); i++)
        if (obj->opaque.refs[i])
          visit (obj->opaque.refs[i], user_data);
      break;
    case CS_KIND_NONE:
    case CS_KIND_BOOL:
    case CS_KIND_INT:
    case CS_KIND_FLOAT:
    case CS_KIND_STR:
    case CS_KIND_RANGE:
    case CS_KIND_TYPE:
    case CS_KIND_NOT_IMPLEMENTED:
    case CS_KIND_ELLIPSIS:
    default:
      break;
    }

  if (cls->traverse)
    cls->traverse (obj, visit, user_data);
}

static void
push_child_cb (CsObject *child,
               gpointer  user_data)
{
  if (child != NULL)
    g_ptr_array_add (user_data, child);
}

void
cs_heap_collect (CsHeap    *heap,
                 CsObject **roots,
                 gsize      n_roots,
                 GArray    *freed)
{
  g_autoptr (GPtrArray) stack = g_ptr_array_new ();
  guint j = 0;

  for (gsize i = 0; i < n_roots; i++)
    if (roots[i])
      g_ptr_array_add (stack, roots[i]);
  /* Permanent objects are never freed; only those that can hold
   * references need to be traversed as roots. */
  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *set = pass == 0 ? heap->objects : heap->permanent;

      for (guint i = 0; i < set->len; i++)
        {
          CsObject *obj = g_ptr_array_index (set, i);
          if (!(obj->flags & CS_OBJECT_PERMANENT))
            continue;
          switch (obj->cls->kind)
            {
            case CS_KIND_NONE:
            case CS_KIND_BOOL:
            case CS_KIND_INT:
            case CS_KIND_FLOAT:
            case CS_KIND_STR:
            case CS_KIND_TYPE:
              if (obj->cls->traverse == NULL)
                break;
              G_GNUC_FALLTHROUGH;
            default:
              g_ptr_array_add (stack, obj);
            }
        }
    }

  while (stack->len > 0)
    {
      CsObject *obj = g_ptr_array_steal_index_fast (stack, stack->len - 1);

      if (obj->flags & CS_OBJECT_MARKED)
        continue;
      obj->flags |= CS_OBJECT_MARKED;
      cs_object_traverse (obj, push_child_cb, stack);
    }

  for (guint i = 0; i < heap->objects->len; i++)
    {
      CsObject *obj = g_ptr_array_index (heap->objects, i);

      if (obj->flags & CS_OBJECT_PERMANENT)
        {
          obj->flags &= ~CS_OBJECT_MARKED;
          g_ptr_array_add (heap->permanent, obj);
        }
      else if (obj->flags & CS_OBJECT_MARKED)
        {
          obj->flags &= ~CS_OBJECT_MARKED;
          heap->objects->pdata[j++] = obj;
        }
      else
        {
          if (freed)
            g_array_append_val (freed, obj->serial);
          object_free (obj);
        }
    }
  g_ptr_array_set_size (heap->objects, j);
  for (guint i = 0; i < heap->permanent->len; i++)
    ((CsObject *) g_ptr_array_index (heap->permanent, i))->flags &= ~CS_OBJECT_MARKED;
}

typedef struct
{
  GPtrArray *children;
} WalkData;

void
cs_heap_walk (CsHeap     *heap,
              CsObject  **roots,
              gsize       n_roots,
              CsVisitFunc func,
              gpointer    user_data)
{
  g_autoptr (GPtrArray) stack = g_ptr_array_new ();
  g_autoptr (GPtrArray) visited = g_ptr_array_new ();
  g_autoptr (GPtrArray) children = g_ptr_array_new ();

  for (gsize i = n_roots; i > 0; i--)
    if (roots[i - 1])
      g_ptr_array_add (stack, roots[i - 1]);

  while (stack->len > 0)
    {
      CsObject *obj = g_ptr_array_steal_index_fast (stack, stack->len - 1);

      if (obj->flags & VISITED)
        continue;
      obj->flags |= VISITED;
      g_ptr_array_add (visited, obj);
      func (obj, user_data);

      g_ptr_array_set_size (children, 0);
      cs_object_traverse (obj, push_child_cb, children);
      for (guint i = children->len; i > 0; i--)
        {
          CsObject *child = g_ptr_array_index (children, i - 1);
          if (!(child->flags & VISITED))
            g_ptr_array_add (stack, child);
        }
    }

  for (guint i = 0; i < visited->len; i++)
    ((CsObject *) g_ptr_array_index (visited, i))->flags &= ~VISITED;
}

/* ---- generic helpers ---------------------------------------------------- */

const char *
cs_object_type_name (const CsObject *obj)
{
  return obj->cls->name;
}

gboolean
cs_object_is_mutable (const CsObject *obj)
{
  switch (obj->cls->kind)
    {
    case CS_KIND_LIST:
    case CS_KIND_DICT:
    case CS_KIND_NDARRAY:
    case CS_KIND_TENSOR:
    case CS_KIND_NAMESPACE:
    case CS_KIND_ITER:
    case CS_KIND_GRAD_FN:
    case CS_KIND_OPAQUE:
      return TRUE;
    case CS_KIND_NONE:
    case CS_KIND_BOOL:
    case CS_KIND_INT:
    case CS_KIND_FLOAT:
    case CS_KIND_STR:
    case CS_KIND_TUPLE:
    case CS_KIND_RANGE:
    case CS_KIND_SLICE:
    case CS_KIND_MODULE:
    case CS_KIND_BUILTIN:
    case CS_KIND_FUNCTION:
    case CS_KIND_TYPE:
    case CS_KIND_NOT_IMPLEMENTED:
    case CS_KIND_ELLIPSIS:
    default:
      return FALSE;
    }
}

gboolean
cs_object_is_value_kind (const CsObject *obj)
{
  switch (obj->cls->kind)
    {
    case CS_KIND_NONE:
    case CS_KIND_BOOL:
    case CS_KIND_INT:
    case CS_KIND_FLOAT:
    case CS_KIND_STR:
    case CS_KIND_TUPLE:
      return TRUE;
    default:
      return FALSE;
    }
}
