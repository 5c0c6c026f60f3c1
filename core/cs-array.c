/* cs-array.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The machinery NumPy arrays and PyTorch tensors share: objects over
 * reference-counted storages, element access through strided layouts,
 * storage events for the animation, building arrays from nested Python
 * lists, and the element-wise and reduction kernels with broadcasting and
 * each library's type promotion.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cs-array-private.h"
#include "cs-autograd.h"

/* At most this many cells are listed in one storage event. */
#define MAX_EVENT_CELLS 65536

/* ---- state ------------------------------------------------------------------- */

static void
state_free (gpointer data)
{
  CsArrayState *state = data;

  g_clear_pointer (&state->torch_gen, cs_torch_generator_free);
  g_clear_pointer (&state->numpy_gen, cs_numpy_generator_free);
  g_free (state);
}

static const CsClass state_keeper_class = {
  .kind = CS_KIND_OPAQUE,
  .name = "_array_state",
};

CsArrayState *
_cs_array_state (CsInterp *interp)
{
  CsObject *keeper = interp->extension[CS_ARRAY_EXTENSION_SLOT];
  CsArrayState *state;

  if (keeper)
    return keeper->opaque.data;

  /* FACTS.md 1: before the first step the generators are seeded with 0. */
  state = g_new0 (CsArrayState, 1);
  state->torch_gen = cs_torch_generator_new (0);
  state->numpy_gen = cs_numpy_generator_new (0);
  cs_torch_print_options_init (&state->torch_print);
  cs_numpy_print_options_init (&state->numpy_print);

  /* The heap owns the state through a permanent object, so it is freed
   * with the interpreter. */
  keeper = cs_interp_alloc (interp, &state_keeper_class);
  keeper->flags |= CS_OBJECT_PERMANENT;
  keeper->opaque.data = state;
  keeper->opaque.destroy = state_free;
  interp->extension[CS_ARRAY_EXTENSION_SLOT] = keeper;
  return state;
}

/* ---- small helpers ------------------------------------------------------------ */

gboolean
cs_is_tensor (CsObject *obj)
{
  return obj != NULL && cs_object_kind (obj) == CS_KIND_TENSOR;
}

gboolean
cs_is_ndarray (CsObject *obj)
{
  return obj != NULL && cs_object_kind (obj) == CS_KIND_NDARRAY;
}

static gboolean
is_array (CsObject *obj)
{
  return cs_is_tensor (obj) || cs_is_ndarray (obj);
}

void
_cs_view_get_layout (const CsView *view,
                     CsLayout     *layout)
{
  memset (layout, 0, sizeof *layout);
  layout->ndim = view->ndim;
  layout->offset = (gint64) view->offset;
  for (guint i = 0; i < view->ndim; i++)
    {
      layout->shape[i] = view->shape[i];
      layout->strides[i] = view->strides[i];
    }
}

void
_cs_view_set_layout (CsView         *view,
                     const CsLayout *layout)
{
  view->ndim = layout->ndim;
  view->offset = (gsize) layout->offset;
  for (guint i = 0; i < CS_MAX_DIMS; i++)
    {
      view->shape[i] = i < layout->ndim ? layout->shape[i] : 0;
      view->strides[i] = i < layout->ndim ? layout->strides[i] : 0;
    }
}

gboolean
_cs_array_is_contiguous (CsObject *array)
{
  CsLayout layout;

  _cs_view_get_layout (&array->array.view, &layout);
  return cs_layout_is_contiguous (&layout);
}

void
_cs_array_raise_strided (CsInterp       *interp,
                         CsStridedError *error)
{
  cs_interp_raise (interp, error->exc_type ? error->exc_type : "RuntimeError", "%s",
                   error->message ? error->message : "invalid layout");
  cs_strided_error_clear (error);
}

gsize
cs_array_numel (CsObject *array)
{
  gint64 n = 1;

  g_return_val_if_fail (is_array (array), 0);
  for (guint i = 0; i < array->array.view.ndim; i++)
    n *= array->array.view.shape[i];
  return (gsize) n;
}

static gboolean
dtype_is_floating (CsDType dtype)
{
  return cs_dtype_is_floating (dtype);
}

/* ---- creation -------------------------------------------------------------------- */

CsStorage *
_cs_storage_alloc (CsInterp      *interp,
                   CsDType        dtype,
                   gint64         numel,
                   CsStorageOwner owner)
{
  CsStorage *storage;
  CsEvent *event;

  if (numel < 0 || (guint64) numel > interp->options.max_storage_numel)
    {
      cs_interp_raise (interp, "MemoryError",
                       "Copyscope limits a storage to %" G_GSIZE_FORMAT " elements "
                       "(this one needs %" G_GINT64_FORMAT ")",
                       interp->options.max_storage_numel, numel);
      return NULL;
    }
  {
    CsArrayState *state = _cs_array_state (interp);
    guint64 budget = (guint64) interp->options.max_storage_numel * 16;
    if (state->budget_stmt != (gconstpointer) interp->stmt)
      {
        state->budget_stmt = interp->stmt;
        state->budget_used = 0;
      }
    if (state->budget_used + (guint64) numel > budget)
      {
        cs_interp_raise (interp, "MemoryError",
                         "Copyscope stopped this step: it allocated more than %" G_GUINT64_FORMAT
                         " array elements", budget);
        return NULL;
      }
    state->budget_used += (guint64) numel;
  }
  storage = cs_storage_new (interp->heap, dtype, (gsize) numel, owner);
  event = cs_event_new (CS_EVENT_STORAGE_ALLOCATED);
  event->serial = storage->serial;
  cs_interp_add_event (interp, event);
  return storage;
}

CsObject *
_cs_array_wrap (CsInterp       *interp,
                const CsClass  *cls,
                CsStorage      *storage,
                CsDType         dtype,
                const CsLayout *layout)
{
  CsObject *obj = cs_interp_alloc (interp, cls);

  obj->array.view.storage = cs_storage_ref (storage);
  obj->array.view.dtype = dtype;
  _cs_view_set_layout (&obj->array.view, layout);
  if (cls->kind == CS_KIND_TENSOR)
    obj->array.ag.is_leaf = TRUE;
  cs_interp_touch (interp, obj);
  return obj;
}

CsObject *
_cs_array_new (CsInterp      *interp,
               const CsClass *cls,
               CsDType        dtype,
               guint          ndim,
               const gint64  *shape)
{
  CsLayout layout;
  g_autoptr (CsStorage) storage = NULL;
  gboolean ok;

  if (ndim > CS_MAX_DIMS)
    {
      if (cls->kind == CS_KIND_TENSOR)
        cs_interp_raise (interp, "RuntimeError", "Too many dimensions: %u", ndim);
      else
        cs_interp_raise (interp, "ValueError",
                         "maximum supported dimension for an ndarray is 32, found %u", ndim);
      return NULL;
    }
  for (guint i = 0; i < ndim; i++)
    if (shape[i] < 0)
      {
        if (cls->kind == CS_KIND_TENSOR)
          {
            GString *s = g_string_new ("[");
            for (guint j = 0; j < ndim; j++)
              g_string_append_printf (s, "%s%" G_GINT64_FORMAT, j ? ", " : "", shape[j]);
            g_string_append_c (s, ']');
            cs_interp_raise (interp, "RuntimeError",
                             "Trying to create tensor with negative dimension %" G_GINT64_FORMAT
                             ": %s", shape[i], s->str);
            g_string_free (s, TRUE);
          }
        else
          cs_interp_raise (interp, "ValueError", "negative dimensions are not allowed");
        return NULL;
      }
  if (cls->kind == CS_KIND_TENSOR)
    ok = cs_layout_init_contiguous (&layout, ndim, shape);
  else
    ok = cs_layout_init_numpy_new (&layout, ndim, shape);
  if (!ok)
    {
      cs_interp_raise (interp, "MemoryError",
                       "Copyscope limits a storage to %" G_GSIZE_FORMAT " elements",
                       interp->options.max_storage_numel);
      return NULL;
    }
  storage = _cs_storage_alloc (interp, dtype, cs_layout_numel (&layout),
                               cls->kind == CS_KIND_TENSOR ? CS_STORAGE_TORCH : CS_STORAGE_NUMPY);
  if (storage == NULL)
    return NULL;
  return _cs_array_wrap (interp, cls, storage, dtype, &layout);
}

void
_cs_array_event_view (CsInterp *interp,
                      CsObject *view)
{
  CsEvent *event = cs_event_new (CS_EVENT_VIEW_CREATED);
  CsLayout layout;
  CsLayoutIter it;
  gint64 idx;

  event->serial = view->serial;
  event->other_serial = view->array.view.storage->serial;
  _cs_view_get_layout (&view->array.view, &layout);
  if (cs_layout_numel (&layout) <= MAX_EVENT_CELLS)
    {
      event->cells = g_array_new (FALSE, FALSE, sizeof (gsize));
      cs_layout_iter_init (&it, &layout);
      while (cs_layout_iter_next (&it, &idx))
        {
          gsize cell = (gsize) idx;
          g_array_append_val (event->cells, cell);
        }
    }
  cs_interp_add_event (interp, event);
}

CsObject *
_cs_array_view (CsInterp       *interp,
                CsObject       *src,
                const CsLayout *layout)
{
  CsObject *obj = _cs_array_wrap (interp, src->cls, src->array.view.storage,
                                  src->array.view.dtype, layout);

  /* NumPy: a view's .base is the array that owns the memory (chains of
   * views collapse onto it). */
  if (cs_is_ndarray (src))
    obj->array.base = src->array.base ? src->array.base : src;
  else
    obj->array.base = src->array.base;   /* torch.from_numpy origin (cs-torch.c) */
  _cs_array_event_view (interp, obj);
  return obj;
}

CsObject *
cs_tensor_new (CsInterp     *interp,
               CsDType       dtype,
               guint         ndim,
               const gint64 *shape)
{
  g_return_val_if_fail (interp != NULL, NULL);
  return _cs_array_new (interp, &cs_tensor_class, dtype, ndim, shape);
}

CsObject *
cs_tensor_new_view (CsInterp     *interp,
                    CsObject     *base,
                    guint         ndim,
                    const gint64 *shape,
                    const gint64 *strides,
                    gsize         offset)
{
  CsLayout layout = { 0 };

  g_return_val_if_fail (is_array (base), NULL);
  g_return_val_if_fail (ndim <= CS_MAX_DIMS, NULL);
  layout.ndim = ndim;
  layout.offset = (gint64) offset;
  for (guint i = 0; i < ndim; i++)
    {
      layout.shape[i] = shape[i];
      layout.strides[i] = strides[i];
    }
  return _cs_array_view (interp, base, &layout);
}

/* Whether converting between the two types goes through integers. */
static gboolean
int_path (CsDType from,
          CsDType to)
{
  return !dtype_is_floating (from) && !dtype_is_floating (to);
}

gpointer
_cs_array_gather (CsObject     *src,
                  CsDType       dtype,
                  guint         ndim,
                  const gint64 *shape)
{
  const CsView *v = &src->array.view;
  gint64 strides[CS_MAX_DIMS] = { 0 };
  gint64 counter[CS_MAX_DIMS] = { 0 };
  gint64 numel = 1, pos = (gint64) v->offset;
  gsize isz = cs_dtype_itemsize (dtype);
  gpointer out;
  gboolean ints = int_path (v->dtype, dtype);

  for (guint i = 0; i < ndim; i++)
    {
      gint64 j = (gint64) i - (gint64) (ndim - v->ndim);
      numel *= shape[i];
      if (j >= 0 && !(v->shape[j] == 1 && shape[i] != 1))
        strides[i] = v->strides[j];
    }
  out = g_malloc0 (MAX (numel, 1) * isz);
  for (gint64 k = 0; k < numel; k++)
    {
      if (ints)
        cs_dtype_set_int (dtype, out, k, cs_dtype_get_int (v->dtype, v->storage->data, pos));
      else
        cs_dtype_set_double (dtype, out, k, cs_dtype_get_double (v->dtype, v->storage->data, pos));
      for (gint d = (gint) ndim - 1; d >= 0; d--)
        {
          counter[d]++;
          pos += strides[d];
          if (counter[d] < shape[d])
            break;
          pos -= strides[d] * shape[d];
          counter[d] = 0;
        }
    }
  return out;
}

void
_cs_storage_write (CsInterp       *interp,
                   CsStorage      *storage,
                   const CsLayout *layout,
                   gconstpointer   values)
{
  CsLayoutIter it;
  gint64 idx, k = 0;
  gsize isz = cs_dtype_itemsize (storage->dtype);
  CsEvent *event = NULL;
  gint64 numel = cs_layout_numel (layout);

  if (numel == 0)
    return;
  event = cs_event_new (CS_EVENT_STORAGE_WRITTEN);
  event->serial = storage->serial;
  if (numel <= MAX_EVENT_CELLS)
    {
      event->cells = g_array_sized_new (FALSE, FALSE, sizeof (gsize), numel);
      event->old_values = g_array_sized_new (FALSE, FALSE, sizeof (double), numel);
      event->new_values = g_array_sized_new (FALSE, FALSE, sizeof (double), numel);
    }
  cs_layout_iter_init (&it, layout);
  while (cs_layout_iter_next (&it, &idx))
    {
      double old_value = cs_dtype_get_double (storage->dtype, storage->data, idx);
      double new_value;

      memcpy ((char *) storage->data + idx * isz, (const char *) values + k * isz, isz);
      new_value = cs_dtype_get_double (storage->dtype, storage->data, idx);
      if (event->cells)
        {
          gsize cell = (gsize) idx;
          g_array_append_val (event->cells, cell);
          g_array_append_val (event->old_values, old_value);
          g_array_append_val (event->new_values, new_value);
        }
      k++;
    }
  cs_interp_add_event (interp, event);
  cs_storage_touch (storage);
  cs_interp_touch (interp, NULL);
}

CsObject *
_cs_array_copy (CsInterp      *interp,
                CsObject      *src,
                const CsClass *cls,
                CsDType        dtype)
{
  const CsView *v = &src->array.view;
  CsObject *out = _cs_array_new (interp, cls, dtype, v->ndim, v->shape);
  g_autofree gpointer buf = NULL;
  CsEvent *event;

  if (out == NULL)
    return NULL;
  buf = _cs_array_gather (src, dtype, v->ndim, v->shape);
  memcpy (out->array.view.storage->data, buf, cs_array_numel (out) * cs_dtype_itemsize (dtype));
  event = cs_event_new (CS_EVENT_STORAGE_COPIED);
  event->serial = out->array.view.storage->serial;
  event->other_serial = v->storage->serial;
  cs_interp_add_event (interp, event);
  return out;
}

CsObject *
cs_tensor_new_from_doubles (CsInterp     *interp,
                            CsDType       dtype,
                            guint         ndim,
                            const gint64 *shape,
                            const double *values)
{
  CsObject *t = cs_tensor_new (interp, dtype, ndim, shape);
  gsize n;

  if (t == NULL)
    return NULL;
  n = cs_array_numel (t);
  for (gsize k = 0; k < n; k++)
    cs_dtype_set_double (dtype, t->array.view.storage->data, k, values[k]);
  return t;
}

gboolean
_cs_layout_dense (const CsLayout *l)
{
  /* PyTorch's is_non_overlapping_and_dense. */
  guint perm[CS_MAX_DIMS];
  guint n = 0;
  gint64 expected = 1;

  for (guint i = 0; i < l->ndim; i++)
    if (l->shape[i] != 1)
      {
        if (l->strides[i] <= 0)
          return FALSE;
        perm[n++] = i;
      }
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && l->strides[perm[j - 1]] > l->strides[perm[j]]; j--)
      {
        guint t = perm[j];
        perm[j] = perm[j - 1];
        perm[j - 1] = t;
      }
  for (guint i = 0; i < n; i++)
    {
      if (l->strides[perm[i]] != expected)
        return FALSE;
      expected *= l->shape[perm[i]];
    }
  return TRUE;
}

/* Re-lays a fresh contiguous tensor @t like @like (preserve_format): when
 * @like is non-overlapping and dense but not contiguous, @t gets @like's
 * strides with the same logical values. */
gssize
_cs_array_len (CsInterp   *interp,
               CsObject   *self,
               const char *zero_d_message)
{
  if (self->array.view.ndim == 0)
    {
      cs_interp_raise (interp, "TypeError", "%s", zero_d_message);
      return -1;
    }
  return (gssize) self->array.view.shape[0];
}

CsObject *
_cs_array_iter_rows (CsInterp       *interp,
                     CsObject       *self,
                     const char     *zero_d_message,
                     CsArrayRowFunc  row)
{
  CsObject *list;
  gint64 n;

  if (self->array.view.ndim == 0)
    {
      cs_interp_raise (interp, "TypeError", "%s", zero_d_message);
      return NULL;
    }
  n = self->array.view.shape[0];
  if (!cs_interp_reserve_slots (interp, 0, (gsize) n))
    return NULL;
  list = cs_list_new (interp, (gsize) n);
  for (gint64 i = 0; i < n; i++)
    {
      list->seq.items[i] = row (interp, self, i);
      if (list->seq.items[i] == NULL)
        return NULL;
    }
  return cs_op_iter (interp, list);
}

void
_cs_array_relayout_like (CsObject *t,
                         CsObject *like)
{
  CsLayout ll, tl;
  g_autofree gpointer rowmajor = NULL;
  CsView *v = &t->array.view;
  gsize isz = cs_dtype_itemsize (v->dtype), n = cs_array_numel (t);
  CsLayoutIter it;
  gint64 idx, k = 0;

  if (like == NULL || like->array.view.ndim != v->ndim)
    return;
  _cs_view_get_layout (&like->array.view, &ll);
  for (guint i = 0; i < v->ndim; i++)
    if (ll.shape[i] != v->shape[i])
      return;
  if (cs_layout_is_contiguous (&ll) || !_cs_layout_dense (&ll))
    return;
  rowmajor = g_memdup2 (v->storage->data, MAX (n, 1) * isz);
  for (guint i = 0; i < v->ndim; i++)
    v->strides[i] = ll.strides[i];
  v->offset = 0;
  _cs_view_get_layout (v, &tl);
  cs_layout_iter_init (&it, &tl);
  while (cs_layout_iter_next (&it, &idx))
    {
      memcpy ((char *) v->storage->data + idx * isz, (char *) rowmajor + k * isz, isz);
      k++;
    }
}

/* ---- element access ------------------------------------------------------------ */

double *
cs_array_dup_doubles (CsObject *array,
                      gsize    *out_numel)
{
  const CsView *v;

  g_return_val_if_fail (is_array (array), NULL);
  v = &array->array.view;
  if (out_numel)
    *out_numel = cs_array_numel (array);
  return _cs_array_gather (array, CS_DTYPE_FLOAT64, v->ndim, v->shape);
}

void
cs_array_set_doubles (CsInterp     *interp,
                      CsObject     *array,
                      const double *values)
{
  CsView *v;
  CsLayout layout;
  gsize n;
  g_autofree gpointer buf = NULL;

  g_return_if_fail (is_array (array));
  v = &array->array.view;
  n = cs_array_numel (array);
  buf = g_malloc0 (MAX (n, 1) * cs_dtype_itemsize (v->dtype));
  for (gsize k = 0; k < n; k++)
    cs_dtype_set_double (v->dtype, buf, k, values[k]);
  _cs_view_get_layout (v, &layout);
  _cs_storage_write (interp, v->storage, &layout, buf);
}

CsObject *
_cs_storage_item (CsInterp  *interp,
                  CsStorage *storage,
                  gint64     sidx)
{
  if (dtype_is_floating (storage->dtype))
    return cs_float_new (interp, cs_dtype_get_double (storage->dtype, storage->data, sidx));
  if (storage->dtype == CS_DTYPE_BOOL)
    return cs_bool (interp, cs_dtype_get_int (storage->dtype, storage->data, sidx) != 0);
  return cs_int_new (interp, cs_dtype_get_int (storage->dtype, storage->data, sidx));
}

static CsObject *
tolist_rec (CsInterp *interp,
            CsObject *array,
            guint     dim,
            gint64    pos)
{
  const CsView *v = &array->array.view;
  CsObject *list;

  if (dim == v->ndim)
    return _cs_storage_item (interp, v->storage, pos);
  if (!cs_interp_reserve_slots (interp, 0, (gsize) v->shape[dim]))
    return NULL;
  list = cs_list_new (interp, (gsize) v->shape[dim]);
  for (gint64 i = 0; i < v->shape[dim]; i++)
    {
      CsObject *item = tolist_rec (interp, array, dim + 1, pos + i * v->strides[dim]);
      if (item == NULL)
        return NULL;
      list->seq.items[i] = item;
    }
  return list;
}

CsObject *
_cs_array_tolist (CsInterp *interp,
                  CsObject *array)
{
  /* Depth is bounded by CS_MAX_DIMS. */
  return tolist_rec (interp, array, 0, (gint64) array->array.view.offset);
}

char *
cs_array_dup_repr (CsInterp *interp,
                   CsObject *array)
{
  CsArrayState *state;
  const CsView *v;

  g_return_val_if_fail (is_array (array), NULL);
  state = _cs_array_state (interp);
  v = &array->array.view;
  if (cs_is_tensor (array))
    {
      CsTensorDecorations deco = { 0 };
      deco.requires_grad = array->array.ag.requires_grad;
      if (array->array.ag.grad_fn)
        deco.grad_fn = array->array.ag.grad_fn->grad_fn.name;
      return cs_format_tensor (v->dtype, v->storage->data, (gint64) v->offset, v->ndim,
                               v->shape, v->strides, &deco, &state->torch_print);
    }
  return cs_format_numpy_repr (v->dtype, v->storage->data, (gint64) v->offset, v->ndim,
                               v->shape, v->strides, &state->numpy_print);
}

/* ---- building from Python data ----------------------------------------------- */

typedef struct
{
  double  f;
  gint64  i;
  guint8  kind;     /* 0 bool, 1 int, 2 float */
} Num;

typedef struct
{
  CsLib     lib;
  GArray   *nums;
  guint     ndim;         /* depth where scalars live, once known */
  gboolean  ndim_known;
  gint64    shape[CS_MAX_DIMS];
  guint     n_shape;      /* dimensions whose length is known */
  int       np_dtype;     /* promoted dtype of typed elements (NumPy scalars, arrays), -1 none */
  gboolean  any_float, any_int;
  gsize     cap;
} Collect;

static void
note_typed (Collect *c,
            CsDType  dtype)
{
  if (c->np_dtype < 0)
    c->np_dtype = dtype;
  else if (c->lib == CS_LIB_NUMPY)
    c->np_dtype = cs_numpy_promote_types (c->np_dtype, dtype);
  else
    c->np_dtype = cs_torch_promote_types (c->np_dtype, dtype);
}

static gboolean
push_num (CsInterp *interp,
          Collect  *c,
          Num       num)
{
  if (c->nums->len >= c->cap)
    {
      cs_interp_raise (interp, "MemoryError",
                       "Copyscope limits a storage to %" G_GSIZE_FORMAT " elements", c->cap);
      return FALSE;
    }
  g_array_append_val (c->nums, num);
  return TRUE;
}

static gboolean
scalar_depth_ok (CsInterp *interp,
                 Collect  *c,
                 guint     depth)
{
  if (!c->ndim_known)
    {
      c->ndim = depth;
      c->ndim_known = TRUE;
      return TRUE;
    }
  if (c->ndim == depth)
    return TRUE;
  if (c->lib == CS_LIB_TORCH)
    {
      if (depth < c->ndim)
        cs_interp_raise (interp, "ValueError", "expected sequence of length %" G_GINT64_FORMAT
                         " at dim %u (got 1)", c->shape[depth], depth);
      else
        cs_interp_raise (interp, "TypeError", "not a sequence");
    }
  else
    {
      GString *s = g_string_new ("(");
      for (guint i = 0; i < MIN (depth, c->ndim); i++)
        g_string_append_printf (s, "%" G_GINT64_FORMAT ",%s", c->shape[i],
                                i + 1 < MIN (depth, c->ndim) ? " " : "");
      g_string_append_c (s, ')');
      cs_interp_raise (interp, "ValueError",
                       "setting an array element with a sequence. The requested array has an "
                       "inhomogeneous shape after %u dimensions. The detected shape was %s + "
                       "inhomogeneous part.", MIN (depth, c->ndim), s->str);
      g_string_free (s, TRUE);
    }
  return FALSE;
}

static gboolean
seq_len_ok (CsInterp *interp,
            Collect  *c,
            guint     depth,
            gint64    len)
{
  if (depth >= CS_MAX_DIMS)
    {
      if (c->lib == CS_LIB_TORCH)
        cs_interp_raise (interp, "ValueError", "too many dimensions 'list'");
      else
        cs_interp_raise (interp, "ValueError",
                         "setting an array element with a sequence. The requested array "
                         "would exceed the maximum number of dimension of 32.");
      return FALSE;
    }
  if (c->ndim_known && depth >= c->ndim)
    {
      if (c->lib == CS_LIB_TORCH)
        {
          cs_interp_raise (interp, "TypeError",
                           "only integer tensors of a single element can be converted to an index");
          return FALSE;
        }
      return scalar_depth_ok (interp, c, depth);
    }
  if (depth >= c->n_shape)
    {
      c->shape[depth] = len;
      c->n_shape = depth + 1;
      return TRUE;
    }
  if (c->shape[depth] == len)
    return TRUE;
  if (c->lib == CS_LIB_TORCH)
    cs_interp_raise (interp, "ValueError", "expected sequence of length %" G_GINT64_FORMAT
                     " at dim %u (got %" G_GINT64_FORMAT ")", c->shape[depth], depth, len);
  else
    {
      GString *s = g_string_new ("(");
      for (guint i = 0; i < depth; i++)
        g_string_append_printf (s, "%" G_GINT64_FORMAT ",%s", c->shape[i],
                                i + 1 < depth ? " " : "");
      g_string_append_c (s, ')');
      cs_interp_raise (interp, "ValueError",
                       "setting an array element with a sequence. The requested array has an "
                       "inhomogeneous shape after %u dimensions. The detected shape was %s + "
                       "inhomogeneous part.", depth, s->str);
      g_string_free (s, TRUE);
    }
  return FALSE;
}

static gboolean
collect (CsInterp *interp,
         Collect  *c,
         CsObject *x,
         guint     depth);

static gboolean
collect_array (CsInterp *interp,
               Collect  *c,
               CsObject *x,
               guint     depth)
{
  const CsView *v = &x->array.view;
  CsLayout layout;
  CsLayoutIter it;
  gint64 idx;
  gboolean fl = dtype_is_floating (v->dtype);

  if (cs_is_tensor (x) && c->lib == CS_LIB_TORCH && v->ndim > 0 && depth > 0)
    {
      if (cs_array_numel (x) != 1)
        {
          cs_interp_raise (interp, "ValueError", "only one element tensors can be converted to Python scalars");
          return FALSE;
        }
    }
  else
    for (guint i = 0; i < v->ndim; i++)
      if (!seq_len_ok (interp, c, depth + i, v->shape[i]))
        return FALSE;
  if (!scalar_depth_ok (interp, c, depth + (cs_is_tensor (x) && c->lib == CS_LIB_TORCH && depth > 0 ? 0 : v->ndim)))
    return FALSE;
  note_typed (c, v->dtype);
  _cs_view_get_layout (v, &layout);
  cs_layout_iter_init (&it, &layout);
  while (cs_layout_iter_next (&it, &idx))
    {
      Num n = { 0 };
      if (fl)
        {
          n.f = cs_dtype_get_double (v->dtype, v->storage->data, idx);
          n.kind = 2;
          c->any_float = TRUE;
        }
      else
        {
          n.i = cs_dtype_get_int (v->dtype, v->storage->data, idx);
          n.f = (double) n.i;
          n.kind = v->dtype == CS_DTYPE_BOOL ? 0 : 1;
          if (n.kind == 1)
            c->any_int = TRUE;
        }
      if (!push_num (interp, c, n))
        return FALSE;
    }
  return TRUE;
}

static gboolean
collect (CsInterp *interp,
         Collect  *c,
         CsObject *x,
         guint     depth)
{
  Num n = { 0 };
  CsDType sdtype;

  switch (cs_object_kind (x))
    {
    case CS_KIND_BOOL:
      n.i = x->int_value;
      n.f = (double) n.i;
      n.kind = 0;
      break;
    case CS_KIND_INT:
      n.i = x->int_value;
      n.f = (double) n.i;
      n.kind = 1;
      c->any_int = TRUE;
      break;
    case CS_KIND_FLOAT:
      n.f = x->float_value;
      n.kind = 2;
      c->any_float = TRUE;
      break;
    case CS_KIND_LIST:
    case CS_KIND_TUPLE:
      if (!seq_len_ok (interp, c, depth, (gint64) x->seq.len))
        return FALSE;
      for (gsize i = 0; i < x->seq.len; i++)
        if (!collect (interp, c, x->seq.items[i], depth + 1))
          return FALSE;
      if (x->seq.len == 0 && !c->ndim_known)
        {
          /* [] and [[], []]: the empty dimension is the innermost one. */
          c->ndim = depth + 1;
          c->ndim_known = TRUE;
        }
      return TRUE;
    case CS_KIND_NDARRAY:
    case CS_KIND_TENSOR:
      return collect_array (interp, c, x, depth);
    default:
      if (_cs_numpy_scalar_get (x, &sdtype, &n.f, &n.i))
        {
          n.kind = dtype_is_floating (sdtype) ? 2 : sdtype == CS_DTYPE_BOOL ? 0 : 1;
          if (n.kind == 2)
            c->any_float = TRUE;
          else if (n.kind == 1)
            c->any_int = TRUE;
          note_typed (c, sdtype);
          break;
        }
      if (c->lib == CS_LIB_TORCH)
        {
          if (depth == 0)
            cs_interp_raise (interp, "TypeError", "new(): invalid data type '%s'",
                             cs_object_type_name (x));
          else
            cs_interp_raise (interp, "TypeError", "new(): invalid data type '%s'",
                             cs_object_type_name (x));
        }
      else
        cs_interp_raise (interp, "UnsupportedFeature",
                         "NumPy arrays of '%s' objects are not supported", cs_object_type_name (x));
      return FALSE;
    }
  if (!scalar_depth_ok (interp, c, depth))
    return FALSE;
  return push_num (interp, c, n);
}

CsObject *
_cs_array_from_data (CsInterp      *interp,
                     const CsClass *cls,
                     CsLib          lib,
                     CsObject      *data,
                     int            dtype)
{
  Collect c = { 0 };
  CsDType dt;
  CsObject *out;
  gpointer buf;
  gint64 numel = 1;

  c.lib = lib;
  c.nums = g_array_new (FALSE, FALSE, sizeof (Num));
  c.np_dtype = -1;
  c.cap = interp->options.max_storage_numel;
  if (!collect (interp, &c, data, 0))
    {
      g_array_unref (c.nums);
      return NULL;
    }
  if (!c.ndim_known)
    c.ndim = c.n_shape;
  for (guint i = 0; i < c.ndim; i++)
    numel *= c.shape[i];
  g_assert (numel == (gint64) c.nums->len);

  if (dtype >= 0)
    dt = dtype;
  else if (lib == CS_LIB_TORCH)
    {
      CsDType def = _cs_array_state (interp)->torch_print.default_dtype;
      if (c.np_dtype >= 0 && is_array (data))
        dt = c.np_dtype;
      else if (c.any_float)
        dt = c.np_dtype >= 0 && dtype_is_floating (c.np_dtype) ? (CsDType) c.np_dtype : def;
      else if (c.any_int)
        dt = c.np_dtype >= 0 && c.np_dtype != CS_DTYPE_BOOL ? (CsDType) c.np_dtype : CS_DTYPE_INT64;
      else if (c.nums->len == 0)
        dt = c.np_dtype >= 0 ? (CsDType) c.np_dtype : def;
      else
        dt = CS_DTYPE_BOOL;
    }
  else
    {
      CsDType py = c.any_float ? CS_DTYPE_FLOAT64 : c.any_int ? CS_DTYPE_INT64 :
                   c.nums->len == 0 ? CS_DTYPE_FLOAT64 : CS_DTYPE_BOOL;
      if (c.np_dtype >= 0 && is_array (data))
        dt = c.np_dtype;
      else if (c.np_dtype >= 0)
        {
          /* Python numbers mixed with typed elements: promote. */
          gboolean any_python = FALSE;
          (void) any_python;
          dt = c.np_dtype;
          if (c.any_float && !dtype_is_floating (dt))
            dt = cs_numpy_promote_types (dt, CS_DTYPE_FLOAT64);
        }
      else
        dt = py;
    }

  out = _cs_array_new (interp, cls, dt, c.ndim, c.shape);
  if (out == NULL)
    {
      g_array_unref (c.nums);
      return NULL;
    }
  buf = out->array.view.storage->data;
  for (guint k = 0; k < c.nums->len; k++)
    {
      Num *n = &g_array_index (c.nums, Num, k);
      if (n->kind == 2 || dtype_is_floating (dt))
        cs_dtype_set_double (dt, buf, k, n->kind == 2 ? n->f : (double) n->i);
      else
        cs_dtype_set_int (dt, buf, k, n->i);
    }
  g_array_unref (c.nums);
  if (is_array (data))
    {
      CsEvent *event = cs_event_new (CS_EVENT_STORAGE_COPIED);
      event->serial = out->array.view.storage->serial;
      event->other_serial = data->array.view.storage->serial;
      cs_interp_add_event (interp, event);
    }
  return out;
}

gboolean
_cs_array_arg_init (CsInterp   *interp,
                    CsObject   *x,
                    CsArrayArg *arg)
{
  memset (arg, 0, sizeof *arg);
  switch (cs_object_kind (x))
    {
    case CS_KIND_BOOL:
      arg->dtype = CS_DTYPE_BOOL;
      arg->i = x->int_value;
      arg->f = (double) x->int_value;
      arg->promo.kind = CS_OPERAND_PY_BOOL;
      arg->promo.int_value = x->int_value;
      return TRUE;
    case CS_KIND_INT:
      arg->dtype = CS_DTYPE_INT64;
      arg->i = x->int_value;
      arg->f = (double) x->int_value;
      arg->promo.kind = CS_OPERAND_PY_INT;
      arg->promo.int_value = x->int_value;
      return TRUE;
    case CS_KIND_FLOAT:
      arg->dtype = CS_DTYPE_FLOAT64;
      arg->f = x->float_value;
      arg->i = (gint64) x->float_value;
      arg->is_float = TRUE;
      arg->promo.kind = CS_OPERAND_PY_FLOAT;
      arg->promo.float_value = x->float_value;
      return TRUE;
    case CS_KIND_NDARRAY:
    case CS_KIND_TENSOR:
      {
        const CsView *v = &x->array.view;
        arg->obj = x;
        arg->dtype = v->dtype;
        arg->promo.dtype = v->dtype;
        if (v->ndim == 0)
          {
            arg->promo.kind = CS_OPERAND_ZERO_DIM;
            arg->promo.int_value = cs_dtype_get_int (v->dtype, v->storage->data, v->offset);
            arg->promo.float_value = cs_dtype_get_double (v->dtype, v->storage->data, v->offset);
          }
        else
          arg->promo.kind = CS_OPERAND_ARRAY;
        return TRUE;
      }
    default:
      {
        CsDType dt;
        double f;
        gint64 i;
        if (!_cs_numpy_scalar_get (x, &dt, &f, &i))
          return FALSE;
        arg->dtype = dt;
        arg->f = f;
        arg->i = i;
        arg->is_float = dtype_is_floating (dt);
        arg->promo.kind = CS_OPERAND_ZERO_DIM;
        arg->promo.dtype = dt;
        arg->promo.int_value = i;
        arg->promo.float_value = f;
        return TRUE;
      }
    }
}

/* ---- kernels ---------------------------------------------------------------------- */

static gboolean
aop_is_compare (CsArrayOp op)
{
  return op >= CS_AOP_EQ && op <= CS_AOP_GE;
}

CsDType
_cs_array_result_dtype (CsLib             lib,
                        CsArrayOp         op,
                        const CsArrayArg *a,
                        const CsArrayArg *b)
{
  CsOperand ops[2] = { a->promo, b->promo };
  CsDType r;

  if (lib == CS_LIB_TORCH)
    r = cs_torch_result_type (ops, 2, CS_DTYPE_FLOAT32);
  else
    r = cs_numpy_result_type (ops, 2);
  if (op == CS_AOP_DIV && !dtype_is_floating (r))
    r = lib == CS_LIB_TORCH ? CS_DTYPE_FLOAT32 : CS_DTYPE_FLOAT64;
  if (lib == CS_LIB_NUMPY && r == CS_DTYPE_BOOL &&
      (op == CS_AOP_FLOORDIV || op == CS_AOP_MOD || op == CS_AOP_POW))
    r = CS_DTYPE_INT8;
  return r;
}

const char *
_cs_torch_type_name (CsDType dtype)
{
  switch (dtype)
    {
    case CS_DTYPE_BOOL: return "Bool";
    case CS_DTYPE_UINT8: return "Byte";
    case CS_DTYPE_INT8: return "Char";
    case CS_DTYPE_INT16: return "Short";
    case CS_DTYPE_INT32: return "Int";
    case CS_DTYPE_INT64: return "Long";
    case CS_DTYPE_FLOAT16: return "Half";
    case CS_DTYPE_FLOAT32: return "Float";
    case CS_DTYPE_FLOAT64: return "Double";
    default: return "?";
    }
}

static const char *const ufunc_names[CS_N_AOPS] = {
  [CS_AOP_ADD] = "add", [CS_AOP_SUB] = "subtract", [CS_AOP_MUL] = "multiply",
  [CS_AOP_DIV] = "divide", [CS_AOP_FLOORDIV] = "floor_divide", [CS_AOP_MOD] = "remainder",
  [CS_AOP_POW] = "power", [CS_AOP_AND] = "bitwise_and", [CS_AOP_OR] = "bitwise_or",
  [CS_AOP_XOR] = "bitwise_xor", [CS_AOP_LSHIFT] = "left_shift", [CS_AOP_RSHIFT] = "right_shift",
  [CS_AOP_EQ] = "equal", [CS_AOP_NE] = "not_equal", [CS_AOP_LT] = "less",
  [CS_AOP_LE] = "less_equal", [CS_AOP_GT] = "greater", [CS_AOP_GE] = "greater_equal",
  [CS_AOP_MAXIMUM] = "maximum", [CS_AOP_MINIMUM] = "minimum",
};

static const char *const torch_kernel_names[CS_N_AOPS] = {
  [CS_AOP_AND] = "bitwise_and_cpu", [CS_AOP_OR] = "bitwise_or_cpu",
  [CS_AOP_XOR] = "bitwise_xor_cpu", [CS_AOP_LSHIFT] = "lshift_cpu",
  [CS_AOP_RSHIFT] = "rshift_cpu",
};

/* NumPy's "same_kind" casting for in-place ufunc outputs. */
static gboolean
numpy_same_kind (CsDType from,
                 CsDType to)
{
  int kf = from == CS_DTYPE_BOOL ? 0 : dtype_is_floating (from) ? 3 :
           from == CS_DTYPE_UINT8 ? 1 : 2;
  int kt = to == CS_DTYPE_BOOL ? 0 : dtype_is_floating (to) ? 3 :
           to == CS_DTYPE_UINT8 ? 1 : 2;

  if (kf == 1 && kt == 2)
    return TRUE;
  if (kf == 2 && kt == 1)
    return FALSE;
  return kf <= kt;
}

static char *
shape_text (CsLib         lib,
            guint         ndim,
            const gint64 *shape)
{
  GString *s = g_string_new (lib == CS_LIB_TORCH ? "[" : "(");

  for (guint i = 0; i < ndim; i++)
    {
      if (lib == CS_LIB_TORCH)
        g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? ", " : "", shape[i]);
      else
        g_string_append_printf (s, "%" G_GINT64_FORMAT "%s", shape[i],
                                ndim == 1 ? "," : i + 1 < ndim ? "," : "");
    }
  g_string_append_c (s, lib == CS_LIB_TORCH ? ']' : ')');
  return g_string_free (s, FALSE);
}

static gint64
ipow (gint64 base,
      gint64 exp)
{
  guint64 result = 1, b = (guint64) base;

  while (exp > 0)
    {
      if (exp & 1)
        result *= b;
      b *= b;
      exp >>= 1;
    }
  return (gint64) result;
}

static gint64
floordiv_int (gint64 x,
              gint64 y)
{
  gint64 q;

  if (y == -1)
    return (gint64) (0 - (guint64) x);
  q = x / y;
  if ((x % y != 0) && ((x < 0) != (y < 0)))
    q--;
  return q;
}

static gint64
mod_int (gint64 x,
         gint64 y)
{
  gint64 r;

  if (y == -1)
    return 0;
  r = x % y;
  if (r != 0 && ((r < 0) != (y < 0)))
    r += y;
  return r;
}

CsObject *
_cs_array_binary (CsInterp         *interp,
                  CsLib             lib,
                  const CsClass    *cls,
                  CsArrayOp         op,
                  const CsArrayArg *a,
                  const CsArrayArg *b,
                  CsObject         *out)
{
  CsDType cd, od;
  guint ndim = 0;
  gint64 shape[CS_MAX_DIMS] = { 0 };
  gint64 numel = 1;
  g_autofree gpointer abuf = NULL;
  g_autofree gpointer bbuf = NULL;
  g_autofree gpointer obuf = NULL;
  CsStridedError serr = { 0 };
  gboolean fl, div_zero = FALSE, invalid = FALSE;
  const CsArrayArg *args[2] = { a, b };
  gpointer bufs[2];

  cd = _cs_array_result_dtype (lib, op, a, b);
  od = aop_is_compare (op) ? CS_DTYPE_BOOL : cd;
  fl = dtype_is_floating (cd);

  /* Operations the dtype does not support. */
  if (op >= CS_AOP_AND && op <= CS_AOP_RSHIFT && fl)
    {
      if (lib == CS_LIB_TORCH)
        cs_interp_raise (interp, "RuntimeError", "\"%s\" not implemented for '%s'",
                         torch_kernel_names[op], _cs_torch_type_name (cd));
      else
        cs_interp_raise (interp, "TypeError",
                         "ufunc '%s' not supported for the input types, and the inputs could not "
                         "be safely coerced to any supported types according to the casting rule "
                         "''safe''", ufunc_names[op]);
      return NULL;
    }
  if (op == CS_AOP_SUB && cd == CS_DTYPE_BOOL)
    {
      if (lib == CS_LIB_TORCH)
        {
          if (a->obj && b->obj && a->dtype == CS_DTYPE_BOOL && b->dtype == CS_DTYPE_BOOL)
            cs_interp_raise (interp, "RuntimeError",
                             "Subtraction, the `-` operator, with two bool tensors is not supported. "
                             "Use the `^` or `logical_xor()` operator instead.");
          else
            cs_interp_raise (interp, "RuntimeError",
                             "Subtraction, the `-` operator, with a bool tensor is not supported. "
                             "If you are trying to invert a mask, use the `~` or `logical_not()` "
                             "operator instead.");
        }
      else
        cs_interp_raise (interp, "TypeError",
                         "numpy boolean subtract, the `-` operator, is not supported, use the "
                         "bitwise_xor, the `^` operator, or the logical_xor function instead.");
      return NULL;
    }

  /* Broadcast shape. */
  {
    guint na = a->obj ? a->obj->array.view.ndim : 0;
    guint nb = b->obj ? b->obj->array.view.ndim : 0;
    const gint64 *sa = a->obj ? a->obj->array.view.shape : NULL;
    const gint64 *sb = b->obj ? b->obj->array.view.shape : NULL;
    if (!cs_broadcast_shapes (lib, na, sa, nb, sb, &ndim, shape, &serr))
      {
        _cs_array_raise_strided (interp, &serr);
        return NULL;
      }
  }
  for (guint i = 0; i < ndim; i++)
    numel *= shape[i];

  if (out)
    {
      const CsView *ov = &out->array.view;
      gboolean same = ov->ndim == ndim;
      for (guint i = 0; same && i < ndim; i++)
        same = ov->shape[i] == shape[i];
      if (!same)
        {
          g_autofree char *os = shape_text (lib, ov->ndim, ov->shape);
          g_autofree char *bs = shape_text (lib, ndim, shape);
          if (lib == CS_LIB_TORCH)
            cs_interp_raise (interp, "RuntimeError",
                             "output with shape %s doesn't match the broadcast shape %s", os, bs);
          else
            cs_interp_raise (interp, "ValueError",
                             "non-broadcastable output operand with shape %s doesn't match the "
                             "broadcast shape %s", os, bs);
          return NULL;
        }
      if (lib == CS_LIB_TORCH && !cs_torch_can_cast (od, ov->dtype))
        {
          cs_interp_raise (interp, "RuntimeError",
                           "result type %s can't be cast to the desired output type %s",
                           _cs_torch_type_name (od), _cs_torch_type_name (ov->dtype));
          return NULL;
        }
      if (lib == CS_LIB_NUMPY && !numpy_same_kind (od, ov->dtype))
        {
          cs_interp_raise (interp, "UFuncTypeError",
                           "Cannot cast ufunc '%s' output from dtype('%s') to dtype('%s') with "
                           "casting rule 'same_kind'", ufunc_names[op], cs_dtype_name (od),
                           cs_dtype_name (ov->dtype));
          return NULL;
        }
    }
  if ((guint64) numel > interp->options.max_storage_numel)
    {
      cs_interp_raise (interp, "MemoryError",
                       "Copyscope limits a storage to %" G_GSIZE_FORMAT " elements "
                       "(this one needs %" G_GINT64_FORMAT ")",
                       interp->options.max_storage_numel, numel);
      return NULL;
    }

  /* Gather both operands in the computation type. */
  for (guint k = 0; k < 2; k++)
    {
      const CsArrayArg *x = args[k];
      if (x->obj)
        bufs[k] = _cs_array_gather (x->obj, cd, ndim, shape);
      else
        {
          bufs[k] = g_malloc0 (cs_dtype_itemsize (cd));
          if (x->is_float || dtype_is_floating (cd))
            cs_dtype_set_double (cd, bufs[k], 0, x->is_float ? x->f : (double) x->i);
          else
            cs_dtype_set_int (cd, bufs[k], 0, x->i);
        }
    }
  abuf = bufs[0];
  bbuf = bufs[1];
  obuf = g_malloc0 (MAX (numel, 1) * cs_dtype_itemsize (od));

  for (gint64 k = 0; k < numel; k++)
    {
      gint64 ka = a->obj ? k : 0, kb = b->obj ? k : 0;
      if (fl)
        {
          double x = cs_dtype_get_double (cd, abuf, ka);
          double y = cs_dtype_get_double (cd, bbuf, kb);
          double r = 0;
          int c = -1;
          switch (op)
            {
            case CS_AOP_ADD: r = x + y; break;
            case CS_AOP_SUB: r = x - y; break;
            case CS_AOP_MUL: r = x * y; break;
            case CS_AOP_DIV:
              if (y == 0)
                {
                  if (x == 0 || isnan (x))
                    invalid = TRUE;
                  else
                    div_zero = TRUE;
                }
              r = x / y;
              break;
            case CS_AOP_FLOORDIV:
              if (y == 0)
                {
                  if (x == 0 || isnan (x))
                    invalid = TRUE;
                  else
                    div_zero = TRUE;
                  r = x / y;
                }
              else
                {
                  /* Python's float floor division (npy_divmod). */
                  double mod = fmod (x, y);
                  double div = (x - mod) / y;
                  if (mod != 0 && ((y < 0) != (mod < 0)))
                    div -= 1.0;
                  if (div != 0)
                    {
                      double fd = floor (div);
                      if (div - fd > 0.5)
                        fd += 1.0;
                      r = fd;
                    }
                  else
                    r = copysign (0.0, x / y);
                }
              break;
            case CS_AOP_MOD:
              if (y == 0)
                {
                  invalid = TRUE;
                  r = lib == CS_LIB_TORCH ? NAN : NAN;
                }
              else
                {
                  r = fmod (x, y);
                  if (r != 0)
                    {
                      if ((y < 0) != (r < 0))
                        r += y;
                    }
                  else
                    r = copysign (0.0, y);
                }
              break;
            case CS_AOP_POW: r = pow (x, y); break;
            case CS_AOP_EQ: c = x == y; break;
            case CS_AOP_NE: c = x != y; break;
            case CS_AOP_LT: c = x < y; break;
            case CS_AOP_LE: c = x <= y; break;
            case CS_AOP_GT: c = x > y; break;
            case CS_AOP_GE: c = x >= y; break;
            case CS_AOP_MAXIMUM: r = isnan (x) || x > y ? x : y; break;
            case CS_AOP_MINIMUM: r = isnan (x) || x < y ? x : y; break;
            default: break;
            }
          if (c >= 0)
            cs_dtype_set_int (od, obuf, k, c);
          else
            cs_dtype_set_double (od, obuf, k, r);
        }
      else
        {
          gint64 x = cs_dtype_get_int (cd, abuf, ka);
          gint64 y = cs_dtype_get_int (cd, bbuf, kb);
          gint64 r = 0;
          switch (op)
            {
            case CS_AOP_ADD: r = (gint64) ((guint64) x + (guint64) y); break;
            case CS_AOP_SUB: r = (gint64) ((guint64) x - (guint64) y); break;
            case CS_AOP_MUL: r = (gint64) ((guint64) x * (guint64) y); break;
            case CS_AOP_FLOORDIV:
            case CS_AOP_MOD:
              if (y == 0)
                {
                  if (lib == CS_LIB_TORCH)
                    {
                      cs_interp_raise (interp, "RuntimeError", "ZeroDivisionError");
                      return NULL;
                    }
                  div_zero = TRUE;
                  r = 0;
                }
              else
                r = op == CS_AOP_FLOORDIV ? floordiv_int (x, y) : mod_int (x, y);
              break;
            case CS_AOP_POW:
              if (y < 0 && cd != CS_DTYPE_BOOL)
                {
                  if (x == 1)
                    r = 1;
                  else if (x == -1)
                    r = (y & 1) ? -1 : 1;
                  else
                    {
                      cs_interp_raise (interp, lib == CS_LIB_TORCH ? "RuntimeError" : "ValueError",
                                       "Integers to negative integer powers are not allowed.");
                      return NULL;
                    }
                }
              else
                r = ipow (x, y);
              break;
            case CS_AOP_AND: r = x & y; break;
            case CS_AOP_OR: r = x | y; break;
            case CS_AOP_XOR: r = x ^ y; break;
            case CS_AOP_LSHIFT: r = y >= 64 || y < 0 ? 0 : (gint64) ((guint64) x << y); break;
            case CS_AOP_RSHIFT: r = y >= 64 || y < 0 ? (x < 0 ? -1 : 0) : x >> y; break;
            case CS_AOP_EQ: r = x == y; break;
            case CS_AOP_NE: r = x != y; break;
            case CS_AOP_LT: r = x < y; break;
            case CS_AOP_LE: r = x <= y; break;
            case CS_AOP_GT: r = x > y; break;
            case CS_AOP_GE: r = x >= y; break;
            case CS_AOP_MAXIMUM: r = MAX (x, y); break;
            case CS_AOP_MINIMUM: r = MIN (x, y); break;
            case CS_AOP_DIV:
            default:
              break;
            }
          cs_dtype_set_int (od, obuf, k, r);
        }
    }

  if (lib == CS_LIB_NUMPY && (div_zero || invalid))
    {
      if (div_zero)
        {
          g_autofree char *msg = g_strdup_printf ("divide by zero encountered in %s", ufunc_names[op]);
          cs_interp_warn (interp, "RuntimeWarning", msg);
        }
      if (invalid)
        {
          g_autofree char *msg = g_strdup_printf ("invalid value encountered in %s", ufunc_names[op]);
          cs_interp_warn (interp, "RuntimeWarning", msg);
        }
    }

  if (out)
    {
      CsLayout layout;
      const CsView *ov = &out->array.view;
      g_autofree gpointer conv = NULL;
      gconstpointer src = obuf;

      if (ov->dtype != od)
        {
          conv = g_malloc0 (MAX (numel, 1) * cs_dtype_itemsize (ov->dtype));
          for (gint64 k = 0; k < numel; k++)
            {
              if (int_path (od, ov->dtype))
                cs_dtype_set_int (ov->dtype, conv, k, cs_dtype_get_int (od, obuf, k));
              else
                cs_dtype_set_double (ov->dtype, conv, k, cs_dtype_get_double (od, obuf, k));
            }
          src = conv;
        }
      _cs_view_get_layout (ov, &layout);
      _cs_storage_write (interp, ov->storage, &layout, src);
      return out;
    }
  else
    {
      CsObject *res = _cs_array_new (interp, cls, od, ndim, shape);
      if (res == NULL)
        return NULL;
      memcpy (res->array.view.storage->data, obuf, numel * cs_dtype_itemsize (od));
      return res;
    }
}

/* PyTorch's float32 exp on x86-64 CPUs is SLEEF's Sleef_expf8_u10 (AVX2,
 * with FMA): within 1 ulp but not always correctly rounded, which shows
 * in printed digits (torch.tensor(4.).exp () is 54.5982, not 54.5981).
 * The same steps in scalar form give the same bits. */
static float
sleef_expf (float d)
{
  const float r_ln2 = 1.442695040888963407359924681001892137426645954152985934135449406931f;
  const float l2u = 0.693145751953125f;
  const float l2l = 1.428606765330187045e-06f;
  float s, u;
  int q;

  if (isnan (d))
    return d;
  q = (int) nearbyintf (d * r_ln2);
  s = fmaf ((float) q, -l2u, d);
  s = fmaf ((float) q, -l2l, s);
  u = 0.000198527617612853646278381f;
  u = fmaf (u, s, 0.00139304355252534151077271f);
  u = fmaf (u, s, 0.00833336077630519866943359f);
  u = fmaf (u, s, 0.0416664853692054748535156f);
  u = fmaf (u, s, 0.166666671633720397949219f);
  u = fmaf (u, s, 0.5f);
  u = fmaf (s * s, u, s);
  u = u + 1.0f;
  u = ldexpf (u, q);
  if (d < -104)
    u = 0;
  if (d > 104)
    u = INFINITY;
  return u;
}

CsObject *
_cs_array_unary (CsInterp       *interp,
                 CsObject       *src,
                 CsArrayUnaryOp  op,
                 CsDType         dtype)
{
  const CsView *v = &src->array.view;
  CsObject *out = _cs_array_new (interp, src->cls, dtype, v->ndim, v->shape);
  gpointer buf;
  g_autofree gpointer in = NULL;
  gsize n;
  gboolean fl = dtype_is_floating (dtype);

  if (out == NULL)
    return NULL;
  n = cs_array_numel (out);
  buf = out->array.view.storage->data;
  in = _cs_array_gather (src, dtype, v->ndim, v->shape);
  for (gsize k = 0; k < n; k++)
    {
      if (fl)
        {
          double x = cs_dtype_get_double (dtype, in, k), r = x;
          switch (op)
            {
            case CS_UOP_NEG: r = -x; break;
            case CS_UOP_ABS: r = fabs (x); break;
            case CS_UOP_EXP:
              r = cs_is_tensor (src) && dtype == CS_DTYPE_FLOAT32 ? sleef_expf ((float) x) : exp (x);
              break;
            case CS_UOP_LOG: r = log (x); break;
            case CS_UOP_SQRT: r = sqrt (x); break;
            case CS_UOP_SIN: r = sin (x); break;
            case CS_UOP_COS: r = cos (x); break;
            case CS_UOP_TANH: r = tanh (x); break;
            case CS_UOP_SIGMOID: r = 1.0 / (1.0 + exp (-x)); break;
            case CS_UOP_RELU: r = x > 0 ? x : (isnan (x) ? x : 0.0); break;
            case CS_UOP_RECIPROCAL: r = 1.0 / x; break;
            case CS_UOP_FLOOR: r = floor (x); break;
            case CS_UOP_CEIL: r = ceil (x); break;
            case CS_UOP_ROUND: r = nearbyint (x); break;
            case CS_UOP_NOT: r = x == 0; break;
            case CS_UOP_INVERT: break;
            }
          cs_dtype_set_double (dtype, buf, k, r);
        }
      else
        {
          gint64 x = cs_dtype_get_int (dtype, in, k), r = x;
          switch (op)
            {
            case CS_UOP_NEG: r = (gint64) (0 - (guint64) x); break;
            case CS_UOP_ABS: r = x < 0 ? (gint64) (0 - (guint64) x) : x; break;
            case CS_UOP_RELU: r = x > 0 ? x : 0; break;
            case CS_UOP_NOT: r = x == 0; break;
            case CS_UOP_INVERT: r = dtype == CS_DTYPE_BOOL ? !x : ~x; break;
            default: break;
            }
          cs_dtype_set_int (dtype, buf, k, r);
        }
    }
  return out;
}

/* ---- floating-point summation orders -------------------------------------------
 *
 * The last bits of a float sum depend on the order of the additions, and
 * .item () / NumPy scalars print all of them.  PyTorch 1.13 (CPU) sums with
 * the cascade of aten/src/ATen/native/cpu/SumKernel.cpp (4 levels, 4-way
 * interleaving, AVX2 vectors of 8 floats / 4 doubles for contiguous inner
 * reductions); NumPy 1.24 with pairwise summation (8 accumulators, blocks of
 * 128).  Both are reproduced here addition for addition. */

static double
acc_add (double   a,
         double   b,
         gboolean f32)
{
  return f32 ? (double) (float) (a + b) : a + b;
}

static int
ceil_log2 (gint64 x)
{
  int r = 0;

  if (x <= 1)
    return 0;
  x--;
  while (x > 0)
    {
      r++;
      x >>= 1;
    }
  return r;
}

/* multi_row_sum: @nrows interleaved accumulators over @size units; unit
 * (i, k) is x[(i * nrows + k) * lanes + lane]. */
static void
cascade_rows (const double *x,
              gint64        size,
              guint         nrows,
              guint         lanes,
              guint         lane,
              gboolean      f32,
              double       *out)
{
  enum { LEVELS = 4 };
  int level_power = MAX (4, ceil_log2 (size) / LEVELS);
  gint64 level_step = (gint64) 1 << level_power, level_mask = level_step - 1, i = 0;
  double acc[LEVELS][4] = { { 0 } };

  while (i + level_step <= size)
    {
      for (gint64 j = 0; j < level_step; j++, i++)
        for (guint k = 0; k < nrows; k++)
          acc[0][k] = acc_add (acc[0][k], x[(i * nrows + k) * lanes + lane], f32);
      for (int j = 1; j < LEVELS; j++)
        {
          for (guint k = 0; k < nrows; k++)
            {
              acc[j][k] = acc_add (acc[j][k], acc[j - 1][k], f32);
              acc[j - 1][k] = 0;
            }
          if ((i & (level_mask << (j * level_power))) != 0)
            break;
        }
    }
  for (; i < size; i++)
    for (guint k = 0; k < nrows; k++)
      acc[0][k] = acc_add (acc[0][k], x[(i * nrows + k) * lanes + lane], f32);
  for (int j = 1; j < LEVELS; j++)
    for (guint k = 0; k < nrows; k++)
      acc[0][k] = acc_add (acc[0][k], acc[j][k], f32);
  for (guint k = 0; k < nrows; k++)
    out[k] = acc[0][k];
}

/* row_sum: 4-way interleaved cascade over @size units of @lanes lanes. */
static double
torch_row_sum (const double *x,
               gint64        size,
               guint         lanes,
               guint         lane,
               gboolean      f32)
{
  double p[4];
  gint64 size_ilp = size / 4;

  cascade_rows (x, size_ilp, 4, lanes, lane, f32, p);
  for (gint64 i = size_ilp * 4; i < size; i++)
    p[0] = acc_add (p[0], x[i * lanes + lane], f32);
  for (guint k = 1; k < 4; k++)
    p[0] = acc_add (p[0], p[k], f32);
  return p[0];
}

/* A reduction over contiguous elements (vectorized_inner_sum /
 * scalar_inner_sum). */
static double
torch_inner_sum (const double *x,
                 gint64        n,
                 gboolean      f32)
{
  guint lanes = f32 ? 8 : 4;
  gint64 vec_size;
  double final = 0;

  if (n < lanes)
    return torch_row_sum (x, n, 1, 0, f32);
  vec_size = n / lanes;
  for (gint64 k = vec_size * lanes; k < n; k++)
    final = acc_add (final, x[k], f32);
  for (guint l = 0; l < lanes; l++)
    final = acc_add (final, torch_row_sum (x, vec_size, lanes, l, f32), f32);
  return final;
}

/* A reduction over strided elements (the outer sums): one accumulator. */
static double
torch_outer_sum (const double *x,
                 gint64        n,
                 gboolean      f32)
{
  double r;

  cascade_rows (x, n, 1, 1, 0, f32, &r);
  return r;
}

/* NumPy's pairwise_sum (recursion depth is log2 (n / 128)). */
static double
numpy_pairwise_sum (const double *a,
                    gint64        n,
                    gboolean      f32)
{
  if (n < 8)
    {
      double res = 0;
      for (gint64 i = 0; i < n; i++)
        res = acc_add (res, a[i], f32);
      return res;
    }
  else if (n <= 128)
    {
      double r[8], res;
      gint64 i;
      for (int j = 0; j < 8; j++)
        r[j] = a[j];
      for (i = 8; i < n - (n % 8); i += 8)
        for (int j = 0; j < 8; j++)
          r[j] = acc_add (r[j], a[i + j], f32);
      res = acc_add (acc_add (acc_add (r[0], r[1], f32), acc_add (r[2], r[3], f32), f32),
                     acc_add (acc_add (r[4], r[5], f32), acc_add (r[6], r[7], f32), f32), f32);
      for (; i < n; i++)
        res = acc_add (res, a[i], f32);
      return res;
    }
  else
    {
      gint64 n2 = n / 2;
      n2 -= n2 % 8;
      return acc_add (numpy_pairwise_sum (a, n2, f32), numpy_pairwise_sum (a + n2, n - n2, f32), f32);
    }
}

static double
numpy_sequential_sum (const double *a,
                      gint64        n,
                      gboolean      f32)
{
  double res = 0;

  for (gint64 i = 0; i < n; i++)
    res = acc_add (res, a[i], f32);
  return res;
}

/* Floating sum / mean in the libraries' addition order.  FALSE when this
 * path does not apply (the generic loop runs instead). */
static gboolean
float_sum (CsObject       *src,
           CsObject       *out,
           gboolean        torch,
           gboolean        mean,
           const gboolean *reduce_dims)
{
  const CsView *v = &src->array.view;
  CsDType dtype = out->array.view.dtype;
  gboolean f32 = dtype != CS_DTYPE_FLOAT64;
  CsLayout l;
  gint64 numel, out_numel = (gint64) cs_array_numel (out), red_n;
  gboolean all = TRUE, trailing = TRUE, seen_kept_after = FALSE;
  g_autofree double *buf = NULL;

  if (!dtype_is_floating (dtype))
    return FALSE;
  _cs_view_get_layout (v, &l);
  numel = cs_layout_numel (&l);
  for (guint i = 0; i < v->ndim; i++)
    {
      gboolean r = reduce_dims == NULL || reduce_dims[i];
      if (!r)
        all = FALSE;
    }
  /* Reduced dims form a trailing block? */
  for (gint i = (gint) v->ndim - 1; i >= 0; i--)
    {
      gboolean r = reduce_dims == NULL || reduce_dims[i];
      if (!r)
        seen_kept_after = TRUE;
      else if (seen_kept_after)
        trailing = FALSE;
    }
  red_n = out_numel ? numel / out_numel : 0;

  if (all && numel > 0)
    {
      /* Full reduction: the libraries' own addition order (cs-strided.c:
       * PyTorch's cascaded vector sum, NumPy's buffered pairwise sum). */
      double sum;

      if (torch)
        {
          if (v->dtype != dtype || !cs_torch_sum_all (v->dtype, v->storage->data, &l, &sum))
            return FALSE;
        }
      else
        sum = cs_numpy_sum_all (v->dtype, v->storage->data, &l,
                                dtype == CS_DTYPE_FLOAT16 ? CS_DTYPE_FLOAT32 : dtype);
      if (mean)
        sum = sum / (double) numel;
      cs_dtype_set_double (dtype, out->array.view.storage->data, 0, sum);
      return TRUE;
    }
  if (out_numel == 0 || red_n == 0)
    return FALSE;
  buf = g_new (double, numel);

  /* Partial reduction: each output's elements in row-major order. */
  {
    gint64 counter[CS_MAX_DIMS] = { 0 };
    gint64 out_strides[CS_MAX_DIMS] = { 0 }, red_strides[CS_MAX_DIMS] = { 0 };
    gint64 oacc = 1, racc = 1, pos = (gint64) v->offset;
    gboolean inner = trailing && cs_layout_is_contiguous (&l);

    for (gint i = (gint) v->ndim - 1; i >= 0; i--)
      {
        if (reduce_dims[i])
          {
            red_strides[i] = racc;
            racc *= v->shape[i];
          }
        else
          {
            out_strides[i] = oacc;
            oacc *= v->shape[i];
          }
      }
    for (gint64 k = 0; k < numel; k++)
      {
        gint64 o = 0, ri = 0;
        double x = cs_dtype_get_double (v->dtype, v->storage->data, pos);
        for (guint d = 0; d < v->ndim; d++)
          {
            o += counter[d] * out_strides[d];
            ri += counter[d] * red_strides[d];
          }
        buf[o * red_n + ri] = f32 ? (double) (float) x : x;
        for (gint d = (gint) v->ndim - 1; d >= 0; d--)
          {
            counter[d]++;
            pos += v->strides[d];
            if (counter[d] < v->shape[d])
              break;
            pos -= v->strides[d] * v->shape[d];
            counter[d] = 0;
          }
      }
    /* PyTorch's outer reductions (vectorized_outer_sum / scalar_outer_sum)
     * give whole blocks of outputs (32 with vectors, 4 without) one
     * accumulator each and the rest the interleaved row_sum. */
    gint64 run = 0, expect = 0, first_stride = 0, red_stride = G_MAXINT64, block, plain;

    /* The innermost run of outputs the 2-D loop sees (kept dimensions that
     * coalesce), and which kernel PyTorch picks for it. */
    for (gint i = (gint) v->ndim - 1; i >= 0; i--)
      {
        if (reduce_dims[i])
          {
            red_stride = MIN (red_stride, ABS (v->strides[i]));
            continue;
          }
        if (run == 0)
          {
            run = v->shape[i];
            first_stride = v->strides[i];
            expect = v->strides[i] * v->shape[i];
          }
        else if (v->strides[i] == expect && expect != 0)
          {
            run *= v->shape[i];
            expect = v->strides[i] * v->shape[i];
          }
        else
          break;
      }
    if (first_stride == 1 && run >= 8)
      block = 32;
    else if (ABS (first_stride) > red_stride)
      block = G_MAXINT64;           /* scalar_inner_sum: row_sum everywhere */
    else
      block = 4;
    plain = block == G_MAXINT64 || run == 0 ? 0 : (run / block) * block;

    for (gint64 o = 0; o < out_numel; o++)
      {
        const double *x = buf + o * red_n;
        double sum;
        if (torch)
          sum = inner ? torch_inner_sum (x, red_n, f32) :
                (run > 0 && o % run < plain) ? torch_outer_sum (x, red_n, f32)
                                             : torch_row_sum (x, red_n, 1, 0, f32);
        else
          sum = trailing ? numpy_pairwise_sum (x, red_n, f32) : numpy_sequential_sum (x, red_n, f32);
        if (mean)
          sum = sum / (double) red_n;
        cs_dtype_set_double (dtype, out->array.view.storage->data, o, sum);
      }
  }
  return TRUE;
}

CsObject *
_cs_array_reduce (CsInterp       *interp,
                  CsObject       *src,
                  const CsClass  *cls,
                  CsReduction     red,
                  const gboolean *reduce_dims,
                  gboolean        keepdim,
                  CsDType         dtype)
{
  const CsView *v = &src->array.view;
  gint64 out_shape[CS_MAX_DIMS];
  guint out_ndim = 0;
  gint64 out_strides[CS_MAX_DIMS] = { 0 };   /* per input dim: stride in the output, 0 if reduced */
  gint64 red_strides[CS_MAX_DIMS] = { 0 };   /* per input dim: stride in the reduced index */
  gint64 counter[CS_MAX_DIMS] = { 0 };
  gint64 out_numel = 1, numel = 1, acc_stride = 1, red_acc = 1;
  CsObject *out;
  g_autofree double *dacc = NULL;
  g_autofree gint64 *iacc = NULL;
  g_autofree gint64 *cnt = NULL;
  g_autofree gint64 *arg = NULL;
  gboolean fl = dtype_is_floating (v->dtype);
  gint64 pos = (gint64) v->offset;

  for (guint i = 0; i < v->ndim; i++)
    {
      gboolean r = reduce_dims == NULL || reduce_dims[i];
      numel *= v->shape[i];
      if (!r)
        out_shape[out_ndim++] = v->shape[i];
      else if (keepdim)
        out_shape[out_ndim++] = 1;
    }
  for (gint i = (gint) v->ndim - 1; i >= 0; i--)
    {
      gboolean r = reduce_dims == NULL || reduce_dims[i];
      if (r)
        {
          red_strides[i] = red_acc;
          red_acc *= v->shape[i];
        }
      else
        {
          out_strides[i] = acc_stride;
          acc_stride *= v->shape[i];
        }
    }
  out_numel = acc_stride;

  out = _cs_array_new (interp, cls, dtype, out_ndim, out_shape);
  if (out == NULL)
    return NULL;
  if ((red == CS_RED_SUM || red == CS_RED_MEAN) &&
      float_sum (src, out, cls->kind == CS_KIND_TENSOR, red == CS_RED_MEAN, reduce_dims))
    return out;
  dacc = g_new0 (double, MAX (out_numel, 1));
  iacc = g_new0 (gint64, MAX (out_numel, 1));
  cnt = g_new0 (gint64, MAX (out_numel, 1));
  arg = g_new0 (gint64, MAX (out_numel, 1));
  for (gint64 o = 0; o < out_numel; o++)
    {
      if (red == CS_RED_PROD)
        {
          dacc[o] = 1;
          iacc[o] = 1;
        }
      if (red == CS_RED_ALL)
        iacc[o] = 1;
    }

  for (gint64 k = 0; k < numel; k++)
    {
      gint64 o = 0, ri = 0;
      for (guint d = 0; d < v->ndim; d++)
        {
          o += counter[d] * out_strides[d];
          ri += counter[d] * red_strides[d];
        }
      if (fl)
        {
          double x = cs_dtype_get_double (v->dtype, v->storage->data, pos);
          switch (red)
            {
            case CS_RED_SUM:
            case CS_RED_MEAN:
              dacc[o] += x;
              break;
            case CS_RED_PROD:
              dacc[o] *= x;
              break;
            case CS_RED_MAX:
            case CS_RED_ARGMAX:
              if (cnt[o] == 0 || (!isnan (dacc[o]) && (x > dacc[o] || isnan (x))))
                {
                  dacc[o] = x;
                  arg[o] = ri;
                }
              break;
            case CS_RED_MIN:
            case CS_RED_ARGMIN:
              if (cnt[o] == 0 || (!isnan (dacc[o]) && (x < dacc[o] || isnan (x))))
                {
                  dacc[o] = x;
                  arg[o] = ri;
                }
              break;
            case CS_RED_ANY:
              iacc[o] |= x != 0;
              break;
            case CS_RED_ALL:
              iacc[o] &= x != 0;
              break;
            }
        }
      else
        {
          gint64 x = cs_dtype_get_int (v->dtype, v->storage->data, pos);
          switch (red)
            {
            case CS_RED_SUM:
              iacc[o] = (gint64) ((guint64) iacc[o] + (guint64) x);
              dacc[o] += (double) x;
              break;
            case CS_RED_MEAN:
              dacc[o] += (double) x;
              break;
            case CS_RED_PROD:
              iacc[o] = (gint64) ((guint64) iacc[o] * (guint64) x);
              break;
            case CS_RED_MAX:
            case CS_RED_ARGMAX:
              if (cnt[o] == 0 || x > iacc[o])
                {
                  iacc[o] = x;
                  arg[o] = ri;
                }
              break;
            case CS_RED_MIN:
            case CS_RED_ARGMIN:
              if (cnt[o] == 0 || x < iacc[o])
                {
                  iacc[o] = x;
                  arg[o] = ri;
                }
              break;
            case CS_RED_ANY:
              iacc[o] |= x != 0;
              break;
            case CS_RED_ALL:
              iacc[o] &= x != 0;
              break;
            }
        }
      cnt[o]++;
      for (gint d = (gint) v->ndim - 1; d >= 0; d--)
        {
          counter[d]++;
          pos += v->strides[d];
          if (counter[d] < v->shape[d])
            break;
          pos -= v->strides[d] * v->shape[d];
          counter[d] = 0;
        }
    }

  for (gint64 o = 0; o < out_numel; o++)
    {
      gpointer buf = out->array.view.storage->data;
      switch (red)
        {
        case CS_RED_MEAN:
          cs_dtype_set_double (dtype, buf, o, cnt[o] ? dacc[o] / (double) cnt[o] : NAN);
          break;
        case CS_RED_ARGMAX:
        case CS_RED_ARGMIN:
          cs_dtype_set_int (dtype, buf, o, arg[o]);
          break;
        case CS_RED_ANY:
        case CS_RED_ALL:
          cs_dtype_set_int (dtype, buf, o, iacc[o]);
          break;
        default:
          if (fl)
            cs_dtype_set_double (dtype, buf, o, dacc[o]);
          else if (dtype_is_floating (dtype))
            cs_dtype_set_double (dtype, buf, o, red == CS_RED_SUM ? dacc[o] : (double) iacc[o]);
          else
            cs_dtype_set_int (dtype, buf, o, iacc[o]);
          break;
        }
    }
  return out;
}

/* ---- indexing ---------------------------------------------------------------------- */

static gboolean
slice_part (CsInterp *interp,
            CsObject *part,
            gboolean *has,
            gint64   *value)
{
  if (part == NULL || cs_object_kind (part) == CS_KIND_NONE)
    {
      *has = FALSE;
      return TRUE;
    }
  *has = TRUE;
  if (cs_object_kind (part) != CS_KIND_INT && cs_object_kind (part) != CS_KIND_BOOL &&
      part->cls->to_int == NULL)
    {
      cs_interp_raise (interp, "TypeError",
                       "slice indices must be integers or None or have an __index__ method");
      return FALSE;
    }
  return cs_op_index (interp, part, value);
}

static int
parse_item (CsInterp    *interp,
            CsObject    *x,
            CsIndexItem *item)
{
  memset (item, 0, sizeof *item);
  switch (cs_object_kind (x))
    {
    case CS_KIND_INT:
      item->kind = CS_INDEX_INT;
      item->index = x->int_value;
      return 1;
    case CS_KIND_NONE:
      item->kind = CS_INDEX_NONE;
      return 1;
    case CS_KIND_ELLIPSIS:
      item->kind = CS_INDEX_ELLIPSIS;
      return 1;
    case CS_KIND_SLICE:
      item->kind = CS_INDEX_SLICE;
      if (!slice_part (interp, x->slice.start, &item->has_start, &item->start) ||
          !slice_part (interp, x->slice.stop, &item->has_stop, &item->stop) ||
          !slice_part (interp, x->slice.step, &item->has_step, &item->step))
        return -1;
      return 1;
    case CS_KIND_TENSOR:
    case CS_KIND_NDARRAY:
      if (x->array.view.ndim == 0 && !dtype_is_floating (x->array.view.dtype) &&
          x->array.view.dtype != CS_DTYPE_BOOL)
        {
          item->kind = CS_INDEX_INT;
          item->index = cs_dtype_get_int (x->array.view.dtype, x->array.view.storage->data,
                                          x->array.view.offset);
          return 1;
        }
      return 0;
    case CS_KIND_BOOL:
    case CS_KIND_LIST:
      return 0;
    default:
      {
        CsDType dt;
        double f;
        gint64 i;
        if (_cs_numpy_scalar_get (x, &dt, &f, &i) && cs_dtype_is_integral (dt))
          {
            item->kind = CS_INDEX_INT;
            item->index = i;
            return 1;
          }
      }
      return 2;   /* invalid */
    }
}

int
_cs_array_parse_index (CsInterp    *interp,
                       CsObject    *index,
                       CsIndexItem *items,
                       guint       *n_items)
{
  CsObject **xs = &index;
  gsize n = 1;
  int r;

  if (cs_object_kind (index) == CS_KIND_TUPLE)
    {
      xs = index->seq.items;
      n = index->seq.len;
    }
  if (n > 64)
    {
      cs_interp_raise (interp, "IndexError", "too many indices");
      return -1;
    }
  for (gsize i = 0; i < n; i++)
    {
      CsIndexItem item;
      r = parse_item (interp, xs[i], &item);
      if (r < 0)
        return -1;
      if (r == 0)
        return 0;
      if (r == 2)
        return -2;
      if (i < 64)
        items[i] = item;
    }
  *n_items = (guint) n;
  return 1;
}
