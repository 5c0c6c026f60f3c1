/* cs-torch.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The torch module and torch.Tensor as PyTorch 1.13 (CPU) behaves: which
 * operations return views of the same storage and which copy, strides and
 * storage offsets, type promotion, in-place writes, printing, and the
 * autograd hooks of Engine III (cs-autograd.h).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-array-private.h"
#include "cs-autograd.h"

#define STORAGE_ADDRESS_BASE G_GUINT64_CONSTANT (0x55d3a4000000)
#define STORAGE_ADDRESS_STEP G_GUINT64_CONSTANT (0x1000000)

static CsClass size_class;
static CsClass return_types_max_class;
static CsClass return_types_min_class;

static CsObject *tensor_method_lookup (CsInterp *interp, CsObject *self, const char *name);
static gboolean check_internal_overlap (CsInterp *interp, CsObject *t);
static gboolean check_partial_overlap (CsInterp *interp, CsObject *out, CsObject *other);

static gboolean
is_array_obj (CsObject *x)
{
  return cs_is_tensor (x) || cs_is_ndarray (x);
}

/* ---- argument helpers ------------------------------------------------------------ */

static CsObject *
kwarg (const CsArgs *args,
       const char   *name)
{
  for (guint i = 0; i < args->n_kw; i++)
    if (strcmp (args->kw_names[i], name) == 0)
      return args->kw_values[i];
  return NULL;
}

static gboolean
check_kwargs (CsInterp          *interp,
              const CsArgs      *args,
              const char        *fname,
              const char *const *allowed)
{
  for (guint i = 0; i < args->n_kw; i++)
    {
      gboolean ok = FALSE;
      for (guint j = 0; allowed && allowed[j]; j++)
        if (strcmp (allowed[j], args->kw_names[i]) == 0)
          ok = TRUE;
      if (!ok)
        {
          cs_interp_raise (interp, "TypeError", "%s() got an unexpected keyword argument '%s'",
                           fname, args->kw_names[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* Positional argument @i, or the keyword @name. */
static CsObject *
arg_at (const CsArgs *args,
        guint         i,
        const char   *name)
{
  if (i < args->n_args)
    return args->args[i];
  return name ? kwarg (args, name) : NULL;
}

/* dim= (or NumPy's axis=, which PyTorch accepts as an alias). */
static CsObject *
dim_arg (const CsArgs *args,
         guint         pos)
{
  CsObject *d = arg_at (args, pos, "dim");

  return d ? d : kwarg (args, "axis");
}

static const char *
py_type_name (CsObject *obj)
{
  if (cs_is_ndarray (obj))
    return "numpy.ndarray";
  return cs_object_type_name (obj);
}

static gboolean
get_int (CsInterp *interp,
         CsObject *obj,
         gint64   *out)
{
  if (cs_object_kind (obj) == CS_KIND_FLOAT)
    {
      cs_interp_raise (interp, "TypeError", "'float' object cannot be interpreted as an integer");
      return FALSE;
    }
  return cs_op_index (interp, obj, out);
}

static gboolean
get_double (CsInterp *interp,
            CsObject *obj,
            double   *out)
{
  switch (cs_object_kind (obj))
    {
    case CS_KIND_BOOL:
    case CS_KIND_INT:
      *out = (double) obj->int_value;
      return TRUE;
    case CS_KIND_FLOAT:
      *out = obj->float_value;
      return TRUE;
    default:
      if (obj->cls->to_float)
        return obj->cls->to_float (interp, obj, out);
      cs_interp_raise (interp, "TypeError", "must be real number, not %s", cs_object_type_name (obj));
      return FALSE;
    }
}

/* A shape from *sizes (ints) or one tuple/list/Size starting at @start. */
static gboolean
parse_shape (CsInterp     *interp,
             const CsArgs *args,
             guint         start,
             guint        *ndim,
             gint64       *shape)
{
  CsObject *const *items = args->args + start;
  gsize n = args->n_args > start ? args->n_args - start : 0;

  if (n == 1 && (cs_object_kind (items[0]) == CS_KIND_TUPLE ||
                 cs_object_kind (items[0]) == CS_KIND_LIST))
    {
      n = items[0]->seq.len;
      items = items[0]->seq.items;
    }
  if (n > CS_MAX_DIMS)
    {
      cs_interp_raise (interp, "RuntimeError", "Too many dimensions: %" G_GSIZE_FORMAT, n);
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      if (cs_object_kind (items[i]) != CS_KIND_INT && cs_object_kind (items[i]) != CS_KIND_BOOL &&
          !(cs_is_tensor (items[i]) && items[i]->array.view.ndim == 0))
        {
          cs_interp_raise (interp, "TypeError",
                           "expected sequence of integers, but got %s at position %" G_GSIZE_FORMAT,
                           cs_object_type_name (items[i]), i);
          return FALSE;
        }
      if (!cs_op_index (interp, items[i], &shape[i]))
        return FALSE;
    }
  *ndim = (guint) n;
  return TRUE;
}

gboolean
_cs_torch_dtype_get (CsObject *obj,
                     CsDType  *out);

static gboolean
get_dtype_arg (CsInterp *interp,
               CsObject *obj,
               CsDType  *out)
{
  if (obj == NULL || cs_object_kind (obj) == CS_KIND_NONE)
    return FALSE;
  if (_cs_torch_dtype_get (obj, out))
    return TRUE;
  if (cs_object_kind (obj) == CS_KIND_TYPE)
    {
      if (obj->type.of == &cs_float_class)
        {
          *out = CS_DTYPE_FLOAT64;
          return TRUE;
        }
      if (obj->type.of == &cs_int_class)
        {
          *out = CS_DTYPE_INT64;
          return TRUE;
        }
      if (obj->type.of == &cs_bool_class)
        {
          *out = CS_DTYPE_BOOL;
          return TRUE;
        }
    }
  cs_interp_raise (interp, "TypeError", "dtype must be torch.dtype, not %s", cs_object_type_name (obj));
  return FALSE;
}

static gboolean
norm_dim (CsInterp *interp,
          gint64    dim,
          guint     ndim,
          gint64   *out)
{
  gint64 n = MAX (ndim, 1);

  if (dim < -n || dim >= n)
    {
      cs_interp_raise (interp, "IndexError",
                       "Dimension out of range (expected to be in range of [%" G_GINT64_FORMAT
                       ", %" G_GINT64_FORMAT "], but got %" G_GINT64_FORMAT ")", -n, n - 1, dim);
      return FALSE;
    }
  *out = dim < 0 ? dim + n : dim;
  return TRUE;
}

static CsObject *
size_new (CsInterp     *interp,
          guint         ndim,
          const gint64 *shape)
{
  CsObject *t = cs_interp_alloc (interp, &size_class);

  t->seq.len = ndim;
  t->seq.cap = ndim;
  t->seq.items = g_new0 (CsObject *, MAX (ndim, 1));
  for (guint i = 0; i < ndim; i++)
    t->seq.items[i] = cs_int_new (interp, shape[i]);
  return t;
}

static CsObject *
int_tuple (CsInterp     *interp,
           guint         n,
           const gint64 *values)
{
  CsObject *t = cs_tuple_new (interp, n);

  for (guint i = 0; i < n; i++)
    t->seq.items[i] = cs_int_new (interp, values[i]);
  return t;
}

/* ---- tensors and autograd ---------------------------------------------------------- */

static CsObject *
new_tensor (CsInterp     *interp,
            CsDType       dtype,
            guint         ndim,
            const gint64 *shape)
{
  return _cs_array_new (interp, &cs_tensor_class, dtype, ndim, shape);
}

static CsDType
default_dtype (CsInterp *interp)
{
  return _cs_array_state (interp)->torch_print.default_dtype;
}

static void
record (CsInterp  *interp,
        CsObject  *out,
        CsGradOp   op,
        CsObject  *in0,
        CsObject  *in1,
        guint      n_inputs)
{
  CsGradRecord rec = { 0 };
  CsObject *inputs[2] = { in0, in1 };

  rec.op = op;
  rec.inputs = inputs;
  rec.n_inputs = n_inputs;
  cs_autograd_record (interp, out, &rec);
}

static void
record_rec (CsInterp     *interp,
            CsObject     *out,
            CsGradRecord *rec,
            CsObject     *in0)
{
  CsObject *inputs[1] = { in0 };

  rec->inputs = inputs;
  rec->n_inputs = 1;
  cs_autograd_record (interp, out, rec);
}

/* A view of @src with @layout, recorded as @rec. */
static CsObject *
make_view (CsInterp       *interp,
           CsObject       *src,
           const CsLayout *layout,
           CsGradRecord   *rec)
{
  CsObject *out = _cs_array_view (interp, src, layout);

  record_rec (interp, out, rec, src);
  return out;
}

/* A copy of @src with @dtype in PyTorch's preserve_format. */
static CsObject *
copy_preserve (CsInterp *interp,
               CsObject *src,
               CsDType   dtype)
{
  CsObject *out = _cs_array_copy (interp, src, &cs_tensor_class, dtype);

  if (out)
    _cs_array_relayout_like (out, src);
  return out;
}

/* ---- tensor repr, attributes --------------------------------------------------------- */

static char *
tensor_repr (CsInterp *interp,
             CsObject *self)
{
  return cs_array_dup_repr (interp, self);
}

/* Where the tensor's PyTorch storage starts in the shared buffer (non-zero
 * for torch.from_numpy of an array view that starts inside its buffer). */
static gint64
storage_origin (CsObject *t)
{
  CsObject *b = t->array.base;

  return b && cs_is_ndarray (b) ? (gint64) b->array.view.offset : 0;
}

static guint64
storage_address (CsStorage *storage)
{
  return STORAGE_ADDRESS_BASE + storage->serial * STORAGE_ADDRESS_STEP;
}

static const CsClass device_class = {
  .kind = CS_KIND_OPAQUE,
  .name = "device",
  .module = "torch",
};

static char *
device_repr (CsInterp *interp,
             CsObject *self)
{
  return g_strdup ("device(type='cpu')");
}

static char *
device_str (CsInterp *interp,
            CsObject *self)
{
  return g_strdup ("cpu");
}

static CsClass device_class_impl;

static CsObject *
detach_alias (CsInterp *interp,
              CsObject *self)
{
  CsLayout layout;
  CsObject *out;

  _cs_view_get_layout (&self->array.view, &layout);
  out = _cs_array_view (interp, self, &layout);
  cs_autograd_detach_into (out);
  return out;
}

static CsObject *
tensor_t_like (CsInterp *interp,
               CsObject *self,
               gboolean  warn_T);

static CsObject *
tensor_getattr (CsInterp   *interp,
                CsObject   *self,
                const char *name)
{
  CsObject *r;
  const CsView *v = &self->array.view;

  r = cs_autograd_tensor_getattr (interp, self, name);
  if (r || cs_interp_has_error (interp))
    return r;
  r = cs_autograd_tensor_method (interp, self, name);
  if (r || cs_interp_has_error (interp))
    return r;
  if (strcmp (name, "shape") == 0)
    return size_new (interp, v->ndim, v->shape);
  if (strcmp (name, "dtype") == 0)
    return _cs_torch_dtype_object (interp, v->dtype);
  if (strcmp (name, "ndim") == 0)
    return cs_int_new (interp, v->ndim);
  if (strcmp (name, "T") == 0)
    return tensor_t_like (interp, self, TRUE);
  if (strcmp (name, "data") == 0)
    return detach_alias (interp, self);
  if (strcmp (name, "is_cuda") == 0)
    return cs_bool (interp, FALSE);
  if (strcmp (name, "device") == 0)
    {
      CsObject *d = cs_interp_alloc (interp, &device_class_impl);
      return d;
    }
  return NULL;
}

static gboolean
tensor_setattr (CsInterp   *interp,
                CsObject   *self,
                const char *name,
                CsObject   *value)
{
  int r = cs_autograd_tensor_setattr (interp, self, name, value);

  if (r >= 0)
    return r == 1;
  if (strcmp (name, "data") == 0)
    {
      /* x.data = y: x now shows y's storage and layout (autograd state kept). */
      CsStorage *old;
      if (!cs_is_tensor (value))
        {
          cs_interp_raise (interp, "TypeError", "Variable data has to be a tensor, but got %s",
                           cs_object_type_name (value));
          return FALSE;
        }
      old = self->array.view.storage;
      self->array.view = value->array.view;
      self->array.view.storage = cs_storage_ref (value->array.view.storage);
      self->array.base = value->array.base;
      cs_storage_unref (old);
      cs_interp_touch (interp, self);
      return TRUE;
    }
  cs_interp_raise (interp, "UnsupportedFeature",
                   "setting the attribute '%s' of a tensor is not supported", name);
  return FALSE;
}

/* ---- x.storage () ----------------------------------------------------------------------- */

/* torch.storage.TypedStorage: refs[0] is the tensor whose storage it shows. */
static gint64
storage_size (CsObject *self)
{
  CsObject *t = self->opaque.refs[0];

  return (gint64) t->array.view.storage->numel - storage_origin (t);
}

static char *
typed_storage_repr (CsInterp *interp,
                    CsObject *self)
{
  CsObject *t = self->opaque.refs[0];
  CsStorage *st = t->array.view.storage;
  gint64 n = storage_size (self), origin = storage_origin (t);
  GString *s = g_string_new (" ");

  for (gint64 i = 0; i < n; i++)
    {
      if (i)
        g_string_append (s, "\n ");
      if (cs_dtype_is_floating (st->dtype))
        {
          g_autofree char *f = cs_format_py_float (cs_dtype_get_double (st->dtype, st->data, origin + i));
          g_string_append (s, f);
        }
      else if (st->dtype == CS_DTYPE_BOOL)
        g_string_append (s, cs_dtype_get_int (st->dtype, st->data, origin + i) ? "True" : "False");
      else
        g_string_append_printf (s, "%" G_GINT64_FORMAT, cs_dtype_get_int (st->dtype, st->data, origin + i));
    }
  g_string_append_printf (s, "\n[torch.storage.TypedStorage(dtype=%s, device=cpu) of size %" G_GINT64_FORMAT "]",
                          cs_format_torch_dtype (st->dtype), n);
  return g_string_free (s, FALSE);
}

static CsObject *
ts_data_ptr (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  CsObject *t = self->opaque.refs[0];

  return cs_int_new (interp, (gint64) (storage_address (t->array.view.storage) +
                                       storage_origin (t) * cs_dtype_itemsize (t->array.view.dtype)));
}

static CsObject *
ts_size (CsInterp     *interp,
         CsObject     *self,
         const CsArgs *args)
{
  return cs_int_new (interp, storage_size (self));
}

static CsObject *
ts_nbytes (CsInterp     *interp,
           CsObject     *self,
           const CsArgs *args)
{
  CsObject *t = self->opaque.refs[0];

  return cs_int_new (interp, storage_size (self) * (gint64) cs_dtype_itemsize (t->array.view.dtype));
}

static CsObject *
ts_element_size (CsInterp     *interp,
                 CsObject     *self,
                 const CsArgs *args)
{
  CsObject *t = self->opaque.refs[0];

  return cs_int_new (interp, (gint64) cs_dtype_itemsize (t->array.view.dtype));
}

static CsObject *
ts_tolist (CsInterp     *interp,
           CsObject     *self,
           const CsArgs *args)
{
  CsObject *t = self->opaque.refs[0];
  gint64 n = storage_size (self), origin = storage_origin (t);
  CsObject *list;

  if (!cs_interp_reserve_slots (interp, 0, (gsize) n))
    return NULL;
  list = cs_list_new (interp, (gsize) n);
  for (gint64 i = 0; i < n; i++)
    list->seq.items[i] = _cs_storage_item (interp, t->array.view.storage, origin + i);
  return list;
}

static gssize
ts_len (CsInterp *interp,
        CsObject *self)
{
  return (gssize) storage_size (self);
}

static CsObject *
ts_getitem (CsInterp *interp,
            CsObject *self,
            CsObject *index)
{
  CsObject *t = self->opaque.refs[0];
  gint64 i, n = storage_size (self);

  if (!cs_op_index (interp, index, &i))
    return NULL;
  if (i < 0)
    i += n;
  if (i < 0 || i >= n)
    {
      cs_interp_raise (interp, "IndexError", "index %" G_GINT64_FORMAT " out of range for storage of size %"
                       G_GINT64_FORMAT, i, n);
      return NULL;
    }
  return _cs_storage_item (interp, t->array.view.storage, storage_origin (t) + i);
}

static CsObject *
ts_getattr (CsInterp   *interp,
            CsObject   *self,
            const char *name)
{
  if (strcmp (name, "dtype") == 0)
    return _cs_torch_dtype_object (interp, ((CsObject *) self->opaque.refs[0])->array.view.dtype);
  if (strcmp (name, "device") == 0)
    return cs_interp_alloc (interp, &device_class_impl);
  return NULL;
}

static const CsMethodDef typed_storage_methods[] = {
  { "data_ptr", ts_data_ptr }, { "size", ts_size }, { "nbytes", ts_nbytes },
  { "element_size", ts_element_size }, { "tolist", ts_tolist },
  { NULL, NULL }
};

static const CsClass typed_storage_class = {
  .kind = CS_KIND_OPAQUE,
  .name = "TypedStorage",
  .module = "torch.storage",
  .methods = typed_storage_methods,
  .repr = typed_storage_repr,
  .getattr = ts_getattr,
  .getitem = ts_getitem,
  .len = ts_len,
};

/* ---- views ----------------------------------------------------------------------------- */

static CsObject *
tensor_t_like (CsInterp *interp,
               CsObject *self,
               gboolean  is_T)
{
  CsLayout in, out;
  CsGradRecord rec = { 0 };
  CsStridedError err = { 0 };

  _cs_view_get_layout (&self->array.view, &in);
  if (is_T)
    {
      CsArrayState *state = _cs_array_state (interp);
      if (in.ndim != 2 && !(state->warned & CS_ARRAY_WARNED_T_NOT_2D))
        {
          state->warned |= CS_ARRAY_WARNED_T_NOT_2D;
          cs_interp_warn (interp, "UserWarning",
                          "The use of `x.T` on tensors of dimension other than 2 to reverse their "
                          "shape is deprecated and it will throw an error in a future release. "
                          "Consider `x.mT` to transpose batches of matrices or "
                          "`x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the "
                          "dimensions of a tensor.");
        }
      cs_layout_reverse (&in, &out);
      rec.op = CS_GRAD_OP_PERMUTE;
      rec.n_dims = in.ndim;
      for (guint i = 0; i < in.ndim; i++)
        rec.dims[i] = in.ndim - 1 - i;
    }
  else
    {
      if (in.ndim > 2)
        {
          cs_interp_raise (interp, "RuntimeError",
                           "t() expects a tensor with <= 2 dimensions, but self is %uD", in.ndim);
          return NULL;
        }
      if (!cs_layout_t (&in, &out, &err))
        {
          _cs_array_raise_strided (interp, &err);
          return NULL;
        }
      rec.op = CS_GRAD_OP_T;
    }
  return make_view (interp, self, &out, &rec);
}

static CsObject *
do_transpose (CsInterp *interp,
              CsObject *self,
              CsObject *d0,
              CsObject *d1)
{
  gint64 a, b;
  CsLayout in, out;
  CsStridedError err = { 0 };
  CsGradRecord rec = { 0 };

  if (!get_int (interp, d0, &a) || !get_int (interp, d1, &b))
    return NULL;
  _cs_view_get_layout (&self->array.view, &in);
  if (!cs_layout_transpose (CS_LIB_TORCH, &in, a, b, &out, &err))
    {
      _cs_array_raise_strided (interp, &err);
      return NULL;
    }
  norm_dim (interp, a, in.ndim, &a);
  norm_dim (interp, b, in.ndim, &b);
  rec.op = CS_GRAD_OP_TRANSPOSE;
  rec.dim = a;
  rec.dim1 = b;
  return make_view (interp, self, &out, &rec);
}

/* Shared by view and reshape. */
static CsObject *
do_view_or_reshape (CsInterp     *interp,
                    CsObject     *self,
                    const CsArgs *args,
                    gboolean      reshape)
{
  guint n = 0;
  gint64 shape[CS_MAX_DIMS];
  CsLayout in, out;
  CsStridedError err = { 0 };
  CsGradRecord rec = { 0 };

  if (args->n_args == 1 && cs_is_tensor (args->args[0]) && !reshape)
    {
      /* x.view(dtype) is not modelled; x.view(other) is view_as. */
      cs_interp_raise (interp, "TypeError", "view(): argument 'size' must be tuple of ints, but found element of type Tensor at pos 1");
      return NULL;
    }
  if (args->n_args == 1 && _cs_torch_dtype_get (args->args[0], &(CsDType) { 0 }))
    {
      cs_interp_raise (interp, "UnsupportedFeature", "view(dtype) is not supported");
      return NULL;
    }
  if (!parse_shape (interp, args, 0, &n, shape))
    return NULL;
  _cs_view_get_layout (&self->array.view, &in);
  rec.n_dims = in.ndim;
  for (guint i = 0; i < in.ndim; i++)
    rec.dims[i] = in.shape[i];
  if (!reshape)
    {
      if (!cs_layout_view (&in, shape, n, &out, &err))
        {
          _cs_array_raise_strided (interp, &err);
          return NULL;
        }
      rec.op = CS_GRAD_OP_VIEW;
      return make_view (interp, self, &out, &rec);
    }
  else
    {
      gboolean needs_copy = FALSE;
      if (!cs_layout_reshape (CS_LIB_TORCH, &in, shape, n, &out, &needs_copy, &err))
        {
          _cs_array_raise_strided (interp, &err);
          return NULL;
        }
      if (!needs_copy)
        {
          rec.op = CS_GRAD_OP_RESHAPE_ALIAS;
          return make_view (interp, self, &out, &rec);
        }
      else
        {
          /* reshape of a non-viewable tensor: clone (contiguous) + _unsafe_view. */
          CsObject *c = _cs_array_copy (interp, self, &cs_tensor_class, self->array.view.dtype);
          CsObject *r;
          CsGradRecord crec = { 0 };
          CsLayout cl;
          if (c == NULL)
            return NULL;
          crec.op = CS_GRAD_OP_CLONE;
          record_rec (interp, c, &crec, self);
          _cs_view_get_layout (&c->array.view, &cl);
          out.offset = 0;
          r = _cs_array_wrap (interp, &cs_tensor_class, c->array.view.storage, c->array.view.dtype, &out);
          rec.op = CS_GRAD_OP_UNSAFE_VIEW;
          rec.n_dims = cl.ndim;
          for (guint i = 0; i < cl.ndim; i++)
            rec.dims[i] = cl.shape[i];
          record_rec (interp, r, &rec, c);
          return r;
        }
    }
}

/* Applies basic index items one at a time, recording each step as PyTorch
 * does (select / slice / unsqueeze / alias). */
static CsObject *
index_view (CsInterp          *interp,
            CsObject          *self,
            const CsIndexItem *items,
            guint              n_items)
{
  CsLayout in, final, cur_layout;
  CsStridedError err = { 0 };
  CsObject *cur = self;
  guint dim = 0, n_real = 0;
  gboolean only_ellipsis = TRUE;

  _cs_view_get_layout (&self->array.view, &in);
  /* Errors (and the final layout) from the whole expression first. */
  if (!cs_layout_index (CS_LIB_TORCH, &in, items, n_items, &final, &err))
    {
      _cs_array_raise_strided (interp, &err);
      return NULL;
    }
  for (guint i = 0; i < n_items; i++)
    {
      if (items[i].kind != CS_INDEX_ELLIPSIS)
        only_ellipsis = FALSE;
      if (items[i].kind == CS_INDEX_INT || items[i].kind == CS_INDEX_SLICE)
        n_real++;
    }
  if (only_ellipsis)
    {
      CsGradRecord rec = { 0 };
      rec.op = CS_GRAD_OP_ALIAS;
      return make_view (interp, self, &final, &rec);
    }

  for (guint i = 0; i < n_items; i++)
    {
      CsIndexItem step[CS_MAX_DIMS + 1];
      guint n_step = 0;
      CsGradRecord rec = { 0 };
      CsLayout cl;

      if (items[i].kind == CS_INDEX_ELLIPSIS)
        {
          dim += cur->array.view.ndim - dim - (n_real - 0);
          continue;
        }
      if (dim > CS_MAX_DIMS)
        break;
      for (guint d = 0; d < dim; d++)
        {
          memset (&step[n_step], 0, sizeof step[n_step]);
          step[n_step++].kind = CS_INDEX_SLICE;
        }
      step[n_step++] = items[i];
      _cs_view_get_layout (&cur->array.view, &cl);
      if (!cs_layout_index (CS_LIB_TORCH, &cl, step, n_step, &cur_layout, &err))
        {
          _cs_array_raise_strided (interp, &err);
          return NULL;
        }
      switch (items[i].kind)
        {
        case CS_INDEX_INT:
          rec.op = CS_GRAD_OP_SELECT;
          rec.dim = dim;
          rec.index = items[i].index < 0 ? items[i].index + cl.shape[dim] : items[i].index;
          n_real--;
          break;
        case CS_INDEX_SLICE:
          {
            gint64 start, stop, stp, count;
            CsStridedError e2 = { 0 };
            rec.op = CS_GRAD_OP_SLICE;
            rec.dim = dim;
            if (cs_slice_adjust (&items[i], cl.shape[dim], &start, &stop, &stp, &count, &e2))
              {
                rec.start = start;
                rec.length = cur_layout.shape[dim];
                rec.step = stp;
              }
            cs_strided_error_clear (&e2);
            dim++;
            n_real--;
            break;
          }
        case CS_INDEX_NONE:
          rec.op = CS_GRAD_OP_UNSQUEEZE;
          rec.dim = dim;
          dim++;
          break;
        default:
          break;
        }
      rec.n_dims = cl.ndim;
      for (guint d = 0; d < cl.ndim; d++)
        rec.dims[d] = cl.shape[d];
      cur = make_view (interp, cur, &cur_layout, &rec);
    }
  return cur;
}

/* ---- advanced indexing (boolean masks, integer lists / tensors) ------------------------- */

static CsObject *
as_index_tensor (CsInterp *interp,
                 CsObject *x)
{
  if (cs_is_tensor (x) || cs_is_ndarray (x))
    return x;
  return _cs_array_from_data (interp, &cs_tensor_class, CS_LIB_TORCH, x, -1);
}

/* Storage indices selected by a single advanced index on dim 0.  Returns the
 * result shape. */
static GArray *
advanced_positions (CsInterp *interp,
                    CsObject *self,
                    CsObject *index,
                    guint    *out_ndim,
                    gint64   *out_shape)
{
  const CsView *v = &self->array.view;
  CsObject *ix = as_index_tensor (interp, index);
  GArray *pos;
  CsLayout sl;

  if (ix == NULL)
    return NULL;
  _cs_view_get_layout (v, &sl);
  pos = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (ix->array.view.dtype == CS_DTYPE_BOOL)
    {
      /* Mask over the leading dimensions. */
      const CsView *m = &ix->array.view;
      CsLayout ml, sub;
      CsLayoutIter it;
      gint64 midx, k = 0;
      if (m->ndim > v->ndim)
        {
          cs_interp_raise (interp, "IndexError", "too many indices for tensor of dimension %u", v->ndim);
          g_array_unref (pos);
          return NULL;
        }
      for (guint i = 0; i < m->ndim; i++)
        if (m->shape[i] != v->shape[i])
          {
            cs_interp_raise (interp, "IndexError",
                             "The shape of the mask [%" G_GINT64_FORMAT "] at index %u does not "
                             "match the shape of the indexed tensor [%" G_GINT64_FORMAT "] at index %u",
                             m->shape[i], i, v->shape[i], i);
            g_array_unref (pos);
            return NULL;
          }
      _cs_view_get_layout (m, &ml);
      sub = sl;
      sub.ndim = v->ndim - m->ndim;
      for (guint i = 0; i < sub.ndim; i++)
        {
          sub.shape[i] = v->shape[m->ndim + i];
          sub.strides[i] = v->strides[m->ndim + i];
        }
      cs_layout_iter_init (&it, &ml);
      while (cs_layout_iter_next (&it, &midx))
        {
          if (cs_dtype_get_int (CS_DTYPE_BOOL, m->storage->data, midx))
            {
              gint64 lin = k, base = (gint64) v->offset, sidx;
              CsLayoutIter it2;
              for (gint d = (gint) m->ndim - 1; d >= 0; d--)
                {
                  base += (lin % m->shape[d]) * v->strides[d];
                  lin /= m->shape[d];
                }
              sub.offset = base;
              cs_layout_iter_init (&it2, &sub);
              while (cs_layout_iter_next (&it2, &sidx))
                g_array_append_val (pos, sidx);
            }
          k++;
        }
      *out_ndim = 1 + sub.ndim;
      out_shape[0] = 0;
      for (guint i = 0; i < sub.ndim; i++)
        out_shape[1 + i] = sub.shape[i];
      {
        gint64 inner = 1;
        for (guint i = 0; i < sub.ndim; i++)
          inner *= sub.shape[i];
        out_shape[0] = inner ? (gint64) pos->len / inner : 0;
      }
      return pos;
    }
  if (cs_dtype_is_floating (ix->array.view.dtype))
    {
      cs_interp_raise (interp, "IndexError",
                       "tensors used as indices must be long, byte or bool tensors");
      g_array_unref (pos);
      return NULL;
    }
  if (v->ndim == 0)
    {
      cs_interp_raise (interp, "IndexError", "too many indices for tensor of dimension 0");
      g_array_unref (pos);
      return NULL;
    }
  {
    const CsView *iv = &ix->array.view;
    CsLayout il, sub;
    CsLayoutIter it;
    gint64 iidx;
    _cs_view_get_layout (iv, &il);
    sub = sl;
    sub.ndim = v->ndim - 1;
    for (guint i = 0; i < sub.ndim; i++)
      {
        sub.shape[i] = v->shape[1 + i];
        sub.strides[i] = v->strides[1 + i];
      }
    if (iv->ndim + sub.ndim > CS_MAX_DIMS)
      {
        cs_interp_raise (interp, "IndexError", "too many dimensions");
        g_array_unref (pos);
        return NULL;
      }
    cs_layout_iter_init (&it, &il);
    while (cs_layout_iter_next (&it, &iidx))
      {
        gint64 i = cs_dtype_get_int (iv->dtype, iv->storage->data, iidx), sidx;
        CsLayoutIter it2;
        if (i < -v->shape[0] || i >= v->shape[0])
          {
            cs_interp_raise (interp, "IndexError",
                             "index %" G_GINT64_FORMAT " is out of bounds for dimension 0 with size %"
                             G_GINT64_FORMAT, i, v->shape[0]);
            g_array_unref (pos);
            return NULL;
          }
        if (i < 0)
          i += v->shape[0];
        sub.offset = (gint64) v->offset + i * v->strides[0];
        cs_layout_iter_init (&it2, &sub);
        while (cs_layout_iter_next (&it2, &sidx))
          g_array_append_val (pos, sidx);
        if (pos->len > interp->options.max_storage_numel)
          {
            cs_interp_raise (interp, "MemoryError", "Copyscope limits a storage to %" G_GSIZE_FORMAT
                             " elements", interp->options.max_storage_numel);
            g_array_unref (pos);
            return NULL;
          }
      }
    *out_ndim = iv->ndim + sub.ndim;
    for (guint i = 0; i < iv->ndim; i++)
      out_shape[i] = iv->shape[i];
    for (guint i = 0; i < sub.ndim; i++)
      out_shape[iv->ndim + i] = sub.shape[i];
  }
  return pos;
}

static CsObject *
tensor_getitem (CsInterp *interp,
                CsObject *self,
                CsObject *index)
{
  CsIndexItem items[64];
  guint n = 0;
  int r = _cs_array_parse_index (interp, index, items, &n);

  if (r < 0)
    {
      if (r == -2)
        {
          /* PyTorch tries to make a tensor of a str index. */
          if (cs_object_kind (index) == CS_KIND_STR)
            cs_interp_raise (interp, "TypeError", "new(): invalid data type 'str'");
          else if (cs_object_kind (index) == CS_KIND_FLOAT)
            cs_interp_raise (interp, "IndexError",
                             "only integers, slices (`:`), ellipsis (`...`), None and long or byte "
                             "Variables are valid indices (got %s)", cs_object_type_name (index));
          else
            cs_interp_raise (interp, "IndexError",
                             "only integers, slices (`:`), ellipsis (`...`), None and long or byte "
                             "Variables are valid indices (got %s)", cs_object_type_name (index));
        }
      return NULL;
    }
  if (r == 1)
    return index_view (interp, self, items, n);
  {
    guint ndim = 0;
    gint64 shape[CS_MAX_DIMS];
    g_autoptr (GArray) pos = NULL;
    CsObject *out;
    CsStorage *st = self->array.view.storage;
    gsize isz = cs_dtype_itemsize (self->array.view.dtype);

    if (cs_object_kind (index) == CS_KIND_TUPLE)
      {
        cs_interp_raise (interp, "UnsupportedFeature",
                         "advanced indexing with several index arrays is not supported");
        return NULL;
      }
    pos = advanced_positions (interp, self, index, &ndim, shape);
    if (pos == NULL)
      return NULL;
    out = new_tensor (interp, self->array.view.dtype, ndim, shape);
    if (out == NULL)
      return NULL;
    for (guint k = 0; k < pos->len; k++)
      memcpy ((char *) out->array.view.storage->data + k * isz,
              (char *) st->data + g_array_index (pos, gint64, k) * isz, isz);
    return out;
  }
}

/* Converts @value to a row-major buffer of @dtype with @ndim/@shape. */
static gpointer
value_buffer (CsInterp     *interp,
              CsObject     *value,
              CsDType       dtype,
              guint         ndim,
              const gint64 *shape)
{
  CsArrayArg arg;
  CsObject *src = NULL;
  CsStridedError err = { 0 };
  guint bn;
  gint64 bshape[CS_MAX_DIMS];

  if (is_array_obj (value))
    src = value;
  else if (_cs_array_arg_init (interp, value, &arg))
    {
      gint64 numel = 1;
      gpointer buf;
      for (guint i = 0; i < ndim; i++)
        numel *= shape[i];
      buf = g_malloc0 (MAX (numel, 1) * cs_dtype_itemsize (dtype));
      for (gint64 k = 0; k < numel; k++)
        {
          if (arg.is_float || cs_dtype_is_floating (dtype))
            cs_dtype_set_double (dtype, buf, k, arg.is_float ? arg.f : (double) arg.i);
          else
            cs_dtype_set_int (dtype, buf, k, arg.i);
        }
      return buf;
    }
  else
    {
      src = _cs_array_from_data (interp, &cs_tensor_class, CS_LIB_TORCH, value, dtype);
      if (src == NULL)
        return NULL;
    }
  /* The value must broadcast to the target shape. */
  if (!cs_broadcast_shapes (CS_LIB_TORCH, ndim, shape, src->array.view.ndim, src->array.view.shape,
                            &bn, bshape, &err) || bn != ndim ||
      memcmp (bshape, shape, ndim * sizeof (gint64)) != 0)
    {
      g_autofree char *a = NULL;
      GString *s1 = g_string_new ("["), *s2 = g_string_new ("[");
      cs_strided_error_clear (&err);
      for (guint i = 0; i < src->array.view.ndim; i++)
        g_string_append_printf (s1, "%s%" G_GINT64_FORMAT, i ? ", " : "", src->array.view.shape[i]);
      for (guint i = 0; i < ndim; i++)
        g_string_append_printf (s2, "%s%" G_GINT64_FORMAT, i ? ", " : "", shape[i]);
      g_string_append_c (s1, ']');
      g_string_append_c (s2, ']');
      cs_interp_raise (interp, "RuntimeError",
                       "The expanded size of the tensor (%" G_GINT64_FORMAT ") must match the existing "
                       "size (%" G_GINT64_FORMAT ") at non-singleton dimension %u.  Target sizes: %s.  "
                       "Tensor sizes: %s",
                       ndim ? shape[ndim - 1] : 0,
                       src->array.view.ndim ? src->array.view.shape[src->array.view.ndim - 1] : 0,
                       ndim ? ndim - 1 : 0, s2->str, s1->str);
      g_string_free (s1, TRUE);
      g_string_free (s2, TRUE);
      return NULL;
    }
  return _cs_array_gather (src, dtype, ndim, shape);
}

static gboolean
tensor_setitem (CsInterp *interp,
                CsObject *self,
                CsObject *index,
                CsObject *value)
{
  CsIndexItem items[64];
  guint n = 0;
  int r = _cs_array_parse_index (interp, index, items, &n);
  const CsView *sv = &self->array.view;

  if (r < 0)
    {
      if (r == -2)
        cs_interp_raise (interp, "IndexError",
                         "only integers, slices (`:`), ellipsis (`...`), None and long or byte "
                         "Variables are valid indices (got %s)", cs_object_type_name (index));
      return FALSE;
    }
  if (r == 1)
    {
      CsObject *view = index_view (interp, self, items, n);
      g_autofree gpointer buf = NULL;
      CsLayout layout;
      CsGradRecord rec = { 0 };
      CsObject *inputs[1];

      if (view == NULL)
        return FALSE;
      if (!check_internal_overlap (interp, view) || !check_partial_overlap (interp, view, value) ||
          !cs_autograd_check_inplace (interp, view, TRUE))
        return FALSE;
      buf = value_buffer (interp, value, sv->dtype, view->array.view.ndim, view->array.view.shape);
      if (buf == NULL)
        return FALSE;
      _cs_view_get_layout (&view->array.view, &layout);
      _cs_storage_write (interp, sv->storage, &layout, buf);
      if (cs_is_tensor (value))
        {
          rec.op = CS_GRAD_OP_COPY;
          inputs[0] = value;
          rec.inputs = inputs;
          rec.n_inputs = 1;
        }
      else
        rec.op = CS_GRAD_OP_FILL;
      cs_autograd_record_inplace (interp, view, &rec);
      return TRUE;
    }
  else
    {
      guint ndim = 0;
      gint64 shape[CS_MAX_DIMS];
      g_autoptr (GArray) pos = NULL;
      g_autofree gpointer buf = NULL;
      CsLayout layout = { 0 };

      if (cs_object_kind (index) == CS_KIND_TUPLE)
        {
          cs_interp_raise (interp, "UnsupportedFeature",
                           "advanced indexing with several index arrays is not supported");
          return FALSE;
        }
      if (!cs_autograd_check_inplace (interp, self, FALSE))
        return FALSE;
      pos = advanced_positions (interp, self, index, &ndim, shape);
      if (pos == NULL)
        return FALSE;
      buf = value_buffer (interp, value, sv->dtype, ndim, shape);
      if (buf == NULL)
        return FALSE;
      /* Write each selected cell (a 1-element layout per position). */
      {
        gsize isz = cs_dtype_itemsize (sv->dtype);
        g_autofree gpointer ordered = g_malloc0 (MAX (pos->len, 1) * isz);
        CsEvent *event = cs_event_new (CS_EVENT_STORAGE_WRITTEN);
        (void) layout;
        memcpy (ordered, buf, pos->len * isz);
        event->serial = sv->storage->serial;
        event->cells = g_array_new (FALSE, FALSE, sizeof (gsize));
        event->old_values = g_array_new (FALSE, FALSE, sizeof (double));
        event->new_values = g_array_new (FALSE, FALSE, sizeof (double));
        for (guint k = 0; k < pos->len; k++)
          {
            gint64 sidx = g_array_index (pos, gint64, k);
            double ov = cs_dtype_get_double (sv->dtype, sv->storage->data, sidx), nv;
            gsize cell = (gsize) sidx;
            memcpy ((char *) sv->storage->data + sidx * isz, (char *) ordered + k * isz, isz);
            nv = cs_dtype_get_double (sv->dtype, sv->storage->data, sidx);
            g_array_append_val (event->cells, cell);
            g_array_append_val (event->old_values, ov);
            g_array_append_val (event->new_values, nv);
          }
        cs_interp_add_event (interp, event);
        cs_storage_touch (sv->storage);
        cs_interp_touch (interp, self);
      }
      return TRUE;
    }
}

/* ---- arithmetic ----------------------------------------------------------------------- */

static CsArrayOp
binop_to_aop (CsBinOp op,
              gboolean *ok)
{
  *ok = TRUE;
  switch (op)
    {
    case CS_BIN_ADD: return CS_AOP_ADD;
    case CS_BIN_SUB: return CS_AOP_SUB;
    case CS_BIN_MUL: return CS_AOP_MUL;
    case CS_BIN_DIV: return CS_AOP_DIV;
    case CS_BIN_FLOORDIV: return CS_AOP_FLOORDIV;
    case CS_BIN_MOD: return CS_AOP_MOD;
    case CS_BIN_POW: return CS_AOP_POW;
    case CS_BIN_AND: return CS_AOP_AND;
    case CS_BIN_OR: return CS_AOP_OR;
    case CS_BIN_XOR: return CS_AOP_XOR;
    case CS_BIN_LSHIFT: return CS_AOP_LSHIFT;
    case CS_BIN_RSHIFT: return CS_AOP_RSHIFT;
    default:
      *ok = FALSE;
      return CS_AOP_ADD;
    }
}

static CsObject *tensor_matmul (CsInterp *interp, CsObject *a, CsObject *b);

/* Records the autograd node of a fresh binary result. */
static void
record_binary (CsInterp         *interp,
               CsObject         *out,
               CsArrayOp         op,
               const CsArrayArg *a,
               const CsArrayArg *b)
{
  CsGradRecord rec = { 0 };
  CsObject *inputs[2] = { a->obj, b->obj };
  const CsArrayArg *scalar = a->obj ? b : a;

  rec.inputs = inputs;
  rec.n_inputs = 2;
  rec.scalar = scalar->is_float ? scalar->f : (double) scalar->i;
  switch (op)
    {
    case CS_AOP_ADD: rec.op = CS_GRAD_OP_ADD; break;
    case CS_AOP_SUB:
      if (a->obj == NULL)
        {
          rec.op = CS_GRAD_OP_RSUB;
          inputs[0] = b->obj;
          inputs[1] = NULL;
          rec.scalar_on_left = TRUE;
        }
      else
        rec.op = CS_GRAD_OP_SUB;
      break;
    case CS_AOP_MUL: rec.op = CS_GRAD_OP_MUL; break;
    case CS_AOP_DIV: rec.op = CS_GRAD_OP_DIV; break;
    case CS_AOP_POW:
      rec.op = CS_GRAD_OP_POW;
      if (a->obj == NULL)
        rec.scalar_on_left = TRUE;
      if (b->obj == NULL)
        rec.n_inputs = 1;
      break;
    case CS_AOP_MAXIMUM: rec.op = CS_GRAD_OP_MAX; break;
    case CS_AOP_MINIMUM: rec.op = CS_GRAD_OP_MIN; break;
    default:
      return;   /* not differentiable: comparisons, bitwise, floor division */
    }
  /* 2 + x, 2 * x: PyTorch swaps the scalar to the right. */
  if ((op == CS_AOP_ADD || op == CS_AOP_MUL) && a->obj == NULL)
    {
      inputs[0] = b->obj;
      inputs[1] = NULL;
    }
  cs_autograd_record (interp, out, &rec);
}

/* tensor OP other, a fresh result (the ndarray operand, if any, acts as a tensor). */
static CsObject *
tensor_arith (CsInterp   *interp,
              CsArrayOp   op,
              CsObject   *x,
              CsObject   *y)
{
  CsArrayArg a, b;
  CsObject *out;

  if (!_cs_array_arg_init (interp, x, &a) || !_cs_array_arg_init (interp, y, &b))
    return cs_not_implemented (interp);
  /* 2 / x is x.reciprocal () * 2 in PyTorch 1.13. */
  if (op == CS_AOP_DIV && a.obj == NULL && b.obj != NULL && cs_is_tensor (b.obj))
    {
      CsDType rd = cs_dtype_is_floating (b.dtype) ? b.dtype : default_dtype (interp);
      CsObject *rec = _cs_array_unary (interp, b.obj, CS_UOP_RECIPROCAL, rd);
      CsArrayArg ra;
      if (rec == NULL)
        return NULL;
      _cs_array_relayout_like (rec, b.obj);
      record (interp, rec, CS_GRAD_OP_RECIPROCAL, b.obj, NULL, 1);
      _cs_array_arg_init (interp, rec, &ra);
      out = _cs_array_binary (interp, CS_LIB_TORCH, &cs_tensor_class, CS_AOP_MUL, &ra, &a, NULL);
      if (out == NULL)
        return NULL;
      _cs_array_relayout_like (out, rec);
      record_binary (interp, out, CS_AOP_MUL, &ra, &a);
      return out;
    }
  out = _cs_array_binary (interp, CS_LIB_TORCH, &cs_tensor_class, op, &a, &b, NULL);
  if (out == NULL)
    return NULL;
  _cs_array_relayout_like (out, a.obj ? a.obj : b.obj);
  record_binary (interp, out, op, &a, &b);
  return out;
}

/* PyTorch's has_internal_overlap () == YES: a dimension of size > 1 with
 * stride 0 (an expanded tensor). */
static gboolean
check_internal_overlap (CsInterp *interp,
                        CsObject *t)
{
  const CsView *v = &t->array.view;

  for (guint i = 0; i < v->ndim; i++)
    if (v->strides[i] == 0 && v->shape[i] > 1)
      {
        cs_interp_raise (interp, "RuntimeError",
                         "unsupported operation: more than one element of the written-to tensor "
                         "refers to a single memory location. Please clone() the tensor before "
                         "performing the operation.");
        return FALSE;
      }
  return TRUE;
}

/* PyTorch's assert_no_partial_overlap: an in-place write may read a tensor
 * over the same storage only when both are the same view, or when either
 * is not dense (then PyTorch cannot tell and lets it pass). */
static gboolean
check_partial_overlap (CsInterp *interp,
                       CsObject *out,
                       CsObject *other)
{
  const CsView *a, *b;
  CsLayout la, lb;
  gint64 na, nb;
  gboolean same;

  if (other == NULL || !is_array_obj (other) || other->array.view.storage != out->array.view.storage)
    return TRUE;
  a = &out->array.view;
  b = &other->array.view;
  same = a->offset == b->offset && a->ndim == b->ndim &&
         memcmp (a->shape, b->shape, a->ndim * sizeof (gint64)) == 0 &&
         memcmp (a->strides, b->strides, a->ndim * sizeof (gint64)) == 0;
  if (same)
    return TRUE;
  _cs_view_get_layout (a, &la);
  _cs_view_get_layout (b, &lb);
  na = cs_layout_numel (&la);
  nb = cs_layout_numel (&lb);
  if (na == 0 || nb == 0 || !_cs_layout_dense (&la) || !_cs_layout_dense (&lb))
    return TRUE;
  if (la.offset < lb.offset + nb && lb.offset < la.offset + na)
    {
      cs_interp_raise (interp, "RuntimeError",
                       "unsupported operation: some elements of the input tensor and the written-to "
                       "tensor refer to a single memory location. Please clone() the tensor before "
                       "performing the operation.");
      return FALSE;
    }
  return TRUE;
}

/* In-place: x OP= other / x.add_(other). */
static CsObject *
tensor_arith_inplace (CsInterp  *interp,
                      CsArrayOp  op,
                      CsObject  *x,
                      CsObject  *y)
{
  CsArrayArg a, b;
  CsGradRecord rec = { 0 };
  CsObject *inputs[2];

  if (!_cs_array_arg_init (interp, x, &a) || !_cs_array_arg_init (interp, y, &b))
    return cs_not_implemented (interp);
  if (!check_internal_overlap (interp, x) || !check_partial_overlap (interp, x, b.obj) ||
      !cs_autograd_check_inplace (interp, x, FALSE))
    return NULL;
  if (_cs_array_binary (interp, CS_LIB_TORCH, &cs_tensor_class, op, &a, &b, x) == NULL)
    return NULL;
  switch (op)
    {
    case CS_AOP_ADD: rec.op = CS_GRAD_OP_ADD; break;
    case CS_AOP_SUB: rec.op = CS_GRAD_OP_SUB; break;
    case CS_AOP_MUL: rec.op = CS_GRAD_OP_MUL; break;
    case CS_AOP_DIV: rec.op = CS_GRAD_OP_DIV; break;
    case CS_AOP_POW: rec.op = CS_GRAD_OP_POW; break;
    default: rec.op = CS_GRAD_OP_COPY; break;
    }
  inputs[0] = x;
  inputs[1] = b.obj;
  rec.inputs = inputs;
  rec.n_inputs = (rec.op == CS_GRAD_OP_POW && b.obj == NULL) ? 1 : 2;
  rec.scalar = b.is_float ? b.f : (double) b.i;
  cs_autograd_record_inplace (interp, x, &rec);
  return x;
}

static CsObject *
tensor_binop (CsInterp *interp,
              CsBinOp   op,
              CsObject *a,
              CsObject *b,
              gboolean  inplace)
{
  gboolean ok;
  CsArrayOp aop;
  CsArrayArg tmp;

  if (op == CS_BIN_MATMUL)
    {
      if (!is_array_obj (a) || !is_array_obj (b))
        return cs_not_implemented (interp);
      return tensor_matmul (interp, a, b);
    }
  aop = binop_to_aop (op, &ok);
  if (!ok)
    return cs_not_implemented (interp);
  if (!_cs_array_arg_init (interp, a, &tmp) || !_cs_array_arg_init (interp, b, &tmp))
    {
      /* Lists and other sequences become tensors, as PyTorch converts them. */
      return cs_not_implemented (interp);
    }
  if (inplace && cs_is_tensor (a))
    return tensor_arith_inplace (interp, aop, a, b);
  return tensor_arith (interp, aop, a, b);
}

static CsObject *
tensor_unop (CsInterp  *interp,
             CsUnaryOp  op,
             CsObject  *self)
{
  CsDType dt = self->array.view.dtype;
  CsObject *out;

  switch (op)
    {
    case CS_UNARY_NEG:
      if (dt == CS_DTYPE_BOOL)
        {
          cs_interp_raise (interp, "RuntimeError",
                           "Negation, the `-` operator, on a bool tensor is not supported. If you "
                           "are trying to invert a mask, use the `~` or `logical_not()` operator "
                           "instead.");
          return NULL;
        }
      out = _cs_array_unary (interp, self, CS_UOP_NEG, dt);
      if (out)
        {
          _cs_array_relayout_like (out, self);
          record (interp, out, CS_GRAD_OP_NEG, self, NULL, 1);
        }
      return out;
    case CS_UNARY_POS:
      return self;
    case CS_UNARY_INVERT:
      if (cs_dtype_is_floating (dt))
        {
          cs_interp_raise (interp, "TypeError",
                           "~ (operator.invert) is only implemented on integer and Boolean-type tensors");
          return NULL;
        }
      out = _cs_array_unary (interp, self, CS_UOP_INVERT, dt);
      if (out)
        _cs_array_relayout_like (out, self);
      return out;
    default:
      return cs_not_implemented (interp);
    }
}

static CsObject *
tensor_compare (CsInterp *interp,
                CsCmpOp   op,
                CsObject *a,
                CsObject *b)
{
  CsArrayArg x, y;
  CsArrayOp aop;
  CsObject *out;

  if (!_cs_array_arg_init (interp, a, &x) || !_cs_array_arg_init (interp, b, &y))
    {
      if (op == CS_CMP_EQ || op == CS_CMP_NE)
        return cs_not_implemented (interp);
      return cs_not_implemented (interp);
    }
  switch (op)
    {
    case CS_CMP_EQ: aop = CS_AOP_EQ; break;
    case CS_CMP_NE: aop = CS_AOP_NE; break;
    case CS_CMP_LT: aop = CS_AOP_LT; break;
    case CS_CMP_LE: aop = CS_AOP_LE; break;
    case CS_CMP_GT: aop = CS_AOP_GT; break;
    case CS_CMP_GE: aop = CS_AOP_GE; break;
    default: return cs_not_implemented (interp);
    }
  out = _cs_array_binary (interp, CS_LIB_TORCH, &cs_tensor_class, aop, &x, &y, NULL);
  if (out)
    _cs_array_relayout_like (out, x.obj ? x.obj : y.obj);
  return out;
}

/* ---- protocol hooks ----------------------------------------------------------------- */

static gssize
tensor_len (CsInterp *interp,
            CsObject *self)
{
  return _cs_array_len (interp, self, "len() of a 0-d tensor");
}

static CsObject *
tensor_row (CsInterp *interp,
            CsObject *self,
            gint64    i)
{
  CsIndexItem item = { 0 };

  item.kind = CS_INDEX_INT;
  item.index = i;
  return index_view (interp, self, &item, 1);
}

static CsObject *
tensor_iter (CsInterp *interp,
             CsObject *self)
{
  return _cs_array_iter_rows (interp, self, "iteration over a 0-d tensor", tensor_row);
}

static gboolean
single_value (CsInterp *interp,
              CsObject *self,
              const char *what,
              double   *f,
              gint64   *i)
{
  const CsView *v = &self->array.view;

  if (cs_array_numel (self) != 1)
    {
      if (what)
        cs_interp_raise (interp, "RuntimeError", "%s", what);
      else
        cs_interp_raise (interp, "ValueError", "only one element tensors can be converted to Python scalars");
      return FALSE;
    }
  {
    gint64 sidx = (gint64) v->offset;
    *f = cs_dtype_get_double (v->dtype, v->storage->data, sidx);
    *i = cs_dtype_get_int (v->dtype, v->storage->data, sidx);
  }
  return TRUE;
}

static int
tensor_truth (CsInterp *interp,
              CsObject *self)
{
  double f;
  gint64 i;

  if (cs_array_numel (self) == 0)
    {
      cs_interp_raise (interp, "RuntimeError", "Boolean value of Tensor with no values is ambiguous");
      return -1;
    }
  if (!single_value (interp, self, "Boolean value of Tensor with more than one value is ambiguous", &f, &i))
    return -1;
  return f != 0;
}

static gboolean
tensor_to_int (CsInterp *interp,
               CsObject *self,
               gint64   *out)
{
  double f;
  gint64 i;

  if (!single_value (interp, self, NULL, &f, &i))
    return FALSE;
  *out = cs_dtype_is_floating (self->array.view.dtype) ? (gint64) f : i;
  return TRUE;
}

static gboolean
tensor_to_float (CsInterp *interp,
                 CsObject *self,
                 double   *out)
{
  gint64 i;

  return single_value (interp, self, NULL, out, &i);
}

static CsObject *
tensor_copy_hook (CsInterp *interp,
                  CsObject *self)
{
  /* copy.copy rebuilds the tensor over the same storage (__reduce_ex__). */
  CsLayout layout;
  CsObject *out;

  _cs_view_get_layout (&self->array.view, &layout);
  out = _cs_array_view (interp, self, &layout);
  out->array.ag.requires_grad = self->array.ag.requires_grad;
  return out;
}

static CsObject *
tensor_deepcopy_hook (CsInterp   *interp,
                      CsObject   *self,
                      CsCopyMemo *memo)
{
  CsObject *out;

  if (!self->array.ag.is_leaf)
    {
      cs_interp_raise (interp, "RuntimeError",
                       "Only Tensors created explicitly by the user (graph leaves) support the "
                       "deepcopy protocol at the moment.  If you were attempting to deepcopy a "
                       "module, this may be because of a torch.nn.utils.weight_norm usage, see "
                       "https://github.com/pytorch/pytorch/pull/103001");
      return NULL;
    }
  out = cs_copy_memo_lookup (memo, self);
  if (out)
    return out;
  {
    /* Tensor.__deepcopy__ deep-copies the whole storage (memoised, so views
     * copied together keep sharing one new storage) and keeps the view's
     * offset, sizes and strides.  The memo is an identity map: the storage
     * pointer itself is the key of the storage's copy. */
    CsStorage *st = self->array.view.storage;
    CsObject *holder = cs_copy_memo_lookup (memo, (CsObject *) st);
    CsLayout layout;

    if (holder == NULL)
      {
        CsEvent *event;
        holder = _cs_array_new (interp, &cs_tensor_class, st->dtype, 1, &(gint64) { (gint64) st->numel });
        if (holder == NULL)
          return NULL;
        memcpy (holder->array.view.storage->data, st->data, cs_storage_nbytes (st));
        event = cs_event_new (CS_EVENT_STORAGE_COPIED);
        event->serial = holder->array.view.storage->serial;
        event->other_serial = st->serial;
        cs_interp_add_event (interp, event);
        cs_copy_memo_add (memo, (CsObject *) st, holder);
      }
    _cs_view_get_layout (&self->array.view, &layout);
    out = _cs_array_wrap (interp, &cs_tensor_class, holder->array.view.storage, self->array.view.dtype, &layout);
  }
  cs_copy_memo_add (memo, self, out);
  out->array.ag.requires_grad = self->array.ag.requires_grad;
  if (self->array.ag.grad)
    {
      CsObject *g = tensor_deepcopy_hook (interp, self->array.ag.grad, memo);
      if (g == NULL)
        return NULL;
      out->array.ag.grad = g;
    }
  return out;
}

static void
tensor_traverse (CsObject   *self,
                 CsVisitFunc visit,
                 gpointer    user_data)
{
  cs_autograd_tensor_traverse (self, visit, user_data);
}

static void
tensor_finalize (CsObject *self)
{
  cs_autograd_tensor_finalize (self);
}

/* ---- creation from data ---------------------------------------------------------------- */

static CsObject *
tensor_from_data (CsInterp *interp,
                  CsObject *data,
                  int       dtype)
{
  return _cs_array_from_data (interp, &cs_tensor_class, CS_LIB_TORCH, data, dtype);
}

/* torch.Tensor (...), torch.FloatTensor (...), ...: a list/array copies,
 * sizes make an uninitialised tensor (zeros here). */
static CsObject *
legacy_construct (CsInterp     *interp,
                  const CsArgs *args,
                  CsDType       dtype,
                  const char   *name)
{
  if (args->n_kw)
    {
      cs_interp_raise (interp, "TypeError", "new() received an invalid combination of arguments");
      return NULL;
    }
  if (args->n_args == 0)
    {
      gint64 zero = 0;
      return new_tensor (interp, dtype, 1, &zero);
    }
  if (args->n_args == 1 && cs_object_kind (args->args[0]) != CS_KIND_INT &&
      cs_object_kind (args->args[0]) != CS_KIND_BOOL && cs_object_kind (args->args[0]) != CS_KIND_TUPLE)
    {
      CsObject *x = args->args[0];
      if (cs_is_tensor (x))
        {
          if (x->array.view.dtype == dtype)
            return detach_alias (interp, x);
          cs_interp_raise (interp, "TypeError",
                           "expected %s (got %s)", cs_format_torch_dtype (dtype),
                           cs_format_torch_dtype (x->array.view.dtype));
          return NULL;
        }
      if (cs_object_kind (x) == CS_KIND_FLOAT || cs_object_kind (x) == CS_KIND_STR)
        {
          cs_interp_raise (interp, "TypeError", "new(): data must be a sequence (got %s)",
                           cs_object_type_name (x));
          return NULL;
        }
      return tensor_from_data (interp, x, dtype);
    }
  {
    guint n = 0;
    gint64 shape[CS_MAX_DIMS];
    if (!parse_shape (interp, args, 0, &n, shape))
      return NULL;
    return new_tensor (interp, dtype, n, shape);
  }
}

static CsObject *
tensor_construct (CsInterp      *interp,
                  const CsClass *cls,
                  const CsArgs  *args)
{
  return legacy_construct (interp, args, default_dtype (interp), "Tensor");
}

#define LEGACY(fname, DT)                                                     \
  static CsObject *                                                           \
  fname##_construct (CsInterp      *interp,                                   \
                     const CsClass *cls,                                      \
                     const CsArgs  *args)                                     \
  {                                                                           \
    return legacy_construct (interp, args, DT, #fname);                       \
  }

LEGACY (FloatTensor, CS_DTYPE_FLOAT32)
LEGACY (DoubleTensor, CS_DTYPE_FLOAT64)
LEGACY (LongTensor, CS_DTYPE_INT64)
LEGACY (IntTensor, CS_DTYPE_INT32)
LEGACY (BoolTensor, CS_DTYPE_BOOL)
LEGACY (ByteTensor, CS_DTYPE_UINT8)
LEGACY (HalfTensor, CS_DTYPE_FLOAT16)

#define LEGACY_CLASS(fname)                                                   \
  static const CsClass fname##_class = {                                      \
    .kind = CS_KIND_TENSOR,                                                   \
    .name = #fname,                                                           \
    .module = "torch",                                                        \
    .base = &cs_tensor_class,                                                 \
    .construct = fname##_construct,                                           \
    .is_callable_value = TRUE,                                                \
  };

LEGACY_CLASS (FloatTensor)
LEGACY_CLASS (DoubleTensor)
LEGACY_CLASS (LongTensor)
LEGACY_CLASS (IntTensor)
LEGACY_CLASS (BoolTensor)
LEGACY_CLASS (ByteTensor)
LEGACY_CLASS (HalfTensor)

/* ---- Tensor methods -------------------------------------------------------------------- */

#define METHOD(name) \
  static CsObject *name (CsInterp *interp, CsObject *self, const CsArgs *args)

static gboolean
no_args (CsInterp     *interp,
         const CsArgs *args,
         const char   *fname)
{
  if (args->n_args || args->n_kw)
    {
      cs_interp_raise (interp, "TypeError", "%s() takes no arguments (%u given)", fname,
                       args->n_args + args->n_kw);
      return FALSE;
    }
  return TRUE;
}

METHOD (m_size)
{
  const CsView *v = &self->array.view;
  CsObject *d = arg_at (args, 0, "dim");
  gint64 dim;

  if (d == NULL)
    return size_new (interp, v->ndim, v->shape);
  if (!get_int (interp, d, &dim) || !norm_dim (interp, dim, v->ndim, &dim))
    return NULL;
  if (v->ndim == 0)
    {
      cs_interp_raise (interp, "IndexError", "dimension specified as %" G_GINT64_FORMAT
                       " but tensor has no dimensions", dim);
      return NULL;
    }
  return cs_int_new (interp, v->shape[dim]);
}

METHOD (m_stride)
{
  const CsView *v = &self->array.view;
  CsObject *d = arg_at (args, 0, "dim");
  gint64 dim;

  if (d == NULL)
    return int_tuple (interp, v->ndim, v->strides);
  if (!get_int (interp, d, &dim) || !norm_dim (interp, dim, v->ndim, &dim))
    return NULL;
  if (v->ndim == 0)
    {
      cs_interp_raise (interp, "IndexError", "dimension specified as %" G_GINT64_FORMAT
                       " but tensor has no dimensions", dim);
      return NULL;
    }
  return cs_int_new (interp, v->strides[dim]);
}

METHOD (m_dim)
{
  if (!no_args (interp, args, "dim"))
    return NULL;
  return cs_int_new (interp, self->array.view.ndim);
}

METHOD (m_numel)
{
  if (!no_args (interp, args, "numel"))
    return NULL;
  return cs_int_new (interp, (gint64) cs_array_numel (self));
}

METHOD (m_element_size)
{
  return cs_int_new (interp, (gint64) cs_dtype_itemsize (self->array.view.dtype));
}

METHOD (m_storage_offset)
{
  if (!no_args (interp, args, "storage_offset"))
    return NULL;
  return cs_int_new (interp, (gint64) self->array.view.offset - storage_origin (self));
}

METHOD (m_data_ptr)
{
  const CsView *v = &self->array.view;

  if (!no_args (interp, args, "data_ptr"))
    return NULL;
  return cs_int_new (interp, (gint64) (storage_address (v->storage) +
                                       v->offset * cs_dtype_itemsize (v->dtype)));
}

METHOD (m_is_contiguous)
{
  return cs_bool (interp, _cs_array_is_contiguous (self));
}

METHOD (m_is_floating_point)
{
  return cs_bool (interp, cs_dtype_is_floating (self->array.view.dtype));
}

METHOD (m_item)
{
  double f;
  gint64 i;

  if (!no_args (interp, args, "item"))
    return NULL;
  if (!single_value (interp, self, NULL, &f, &i))
    return NULL;
  return _cs_storage_item (interp, self->array.view.storage, (gint64) self->array.view.offset);
}

METHOD (m_tolist)
{
  if (!no_args (interp, args, "tolist"))
    return NULL;
  return _cs_array_tolist (interp, self);
}

METHOD (m_numpy)
{
  if (self->array.ag.requires_grad)
    {
      cs_interp_raise (interp, "RuntimeError",
                       "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
      return NULL;
    }
  return _cs_numpy_wrap_tensor (interp, self);
}

METHOD (m_clone)
{
  CsObject *out = copy_preserve (interp, self, self->array.view.dtype);

  if (out)
    record (interp, out, CS_GRAD_OP_CLONE, self, NULL, 1);
  return out;
}

METHOD (m_detach)
{
  if (!no_args (interp, args, "detach"))
    return NULL;
  return detach_alias (interp, self);
}

METHOD (m_contiguous)
{
  CsObject *out;

  if (_cs_array_is_contiguous (self))
    return self;
  out = _cs_array_copy (interp, self, &cs_tensor_class, self->array.view.dtype);
  if (out)
    record (interp, out, CS_GRAD_OP_CLONE, self, NULL, 1);
  return out;
}

METHOD (m_cpu)
{
  return self;
}

METHOD (m_storage)
{
  CsObject *st;

  if (!no_args (interp, args, "storage"))
    return NULL;
  st = cs_interp_alloc (interp, &typed_storage_class);
  st->opaque.refs[0] = self;
  return st;
}

METHOD (m_transpose)
{
  CsObject *d0 = arg_at (args, 0, "dim0"), *d1 = arg_at (args, 1, "dim1");

  if (d0 == NULL || d1 == NULL)
    {
      cs_interp_raise (interp, "TypeError", "transpose() received an invalid combination of arguments");
      return NULL;
    }
  return do_transpose (interp, self, d0, d1);
}

METHOD (m_t)
{
  if (!no_args (interp, args, "t"))
    return NULL;
  return tensor_t_like (interp, self, FALSE);
}

METHOD (m_permute)
{
  guint n = 0;
  gint64 dims[CS_MAX_DIMS];
  CsLayout in, out;
  CsStridedError err = { 0 };
  CsGradRecord rec = { 0 };

  if (!parse_shape (interp, args, 0, &n, dims))
    return NULL;
  _cs_view_get_layout (&self->array.view, &in);
  if (!cs_layout_permute (CS_LIB_TORCH, &in, dims, n, &out, &err))
    {
      _cs_array_raise_strided (interp, &err);
      return NULL;
    }
  rec.op = CS_GRAD_OP_PERMUTE;
  rec.n_dims = n;
  for (guint i = 0; i < n; i++)
    rec.dims[i] = dims[i] < 0 ? dims[i] + in.ndim : dims[i];
  return make_view (interp, self, &out, &rec);
}

METHOD (m_view)
{
  return do_view_or_reshape (interp, self, args, FALSE);
}

METHOD (m_reshape)
{
  return do_view_or_reshape (interp, self, args, TRUE);
}

static CsObject *
shape_as (CsInterp *interp,
          CsObject *self,
          const CsArgs *args,
          gboolean  reshape)
{
  CsObject *other = arg_at (args, 0, "other");
  CsObject *tuple;
  CsArgs a = { 0 };

  if (other == NULL || !cs_is_tensor (other))
    {
      cs_interp_raise (interp, "TypeError", "%s_as(): argument 'other' must be Tensor",
                       reshape ? "reshape" : "view");
      return NULL;
    }
  tuple = int_tuple (interp, other->array.view.ndim, other->array.view.shape);
  a.args = &tuple;
  a.n_args = 1;
  return do_view_or_reshape (interp, self, &a, reshape);
}

METHOD (m_view_as)
{
  return shape_as (interp, self, args, FALSE);
}

METHOD (m_reshape_as)
{
  return shape_as (interp, self, args, TRUE);
}

METHOD (m_narrow)
{
  gint64 dim, start, length;
  CsLayout in, out;
  CsStridedError err = { 0 };
  CsGradRecord rec = { 0 };

  if (args->n_args != 3 || !get_int (interp, args->args[0], &dim) ||
      !get_int (interp, args->args[1], &start) || !get_int (interp, args->args[2], &length))
    {
      if (!cs_interp_has_error (interp))
        cs_interp_raise (interp, "TypeError", "narrow() received an invalid combination of arguments");
      return NULL;
    }
  _cs_view_get_layout (&self->array.view, &in);
  if (!cs_layout_narrow (&in, dim, start, length, &out, &err))
    {
      _cs_array_raise_strided (interp, &err);
      return NULL;
    }
  norm_dim (interp, dim, in.ndim, &dim);
  rec.op = CS_GRAD_OP_NARROW;
  rec.dim = dim;
  rec.start = start < 0 ? start + in.shape[dim] : start;
  rec.length = length;
  rec.step = 1;
  return make_view (interp, self, &out, &rec);
}

METHOD (m_select)
{
  gint64 dim, index;
  CsLayout in, out;
  CsStridedError err = { 0 };
  CsGradRecord rec = { 0 };

  if (args->n_args != 2 || !get_int (interp, args->args[0], &dim) ||
      !get_int (interp, args->args[1], &index))
    {
      if (!cs_interp_has_error (interp))
        cs_interp_raise (interp, "TypeError", "select() received an invalid combination of arguments");
      return NULL;
    }
  _cs_view_get_layout (&self->array.view, &in);
  if (!cs_layout_select (&in, dim, index, &out, &err))
    {
      _cs_array_raise_strided (interp, &err);
      return NULL;
    }
  norm_dim (interp, dim, in.ndim, &dim);
  rec.op = CS_GRAD_OP_SELECT;
  rec.dim = dim;
  rec.index = index < 0 ? index + in.shape[dim] : index;
  return make_view (interp, self, &out, &rec);
}

METHOD (m_unsqueeze)
{
  gint64 dim;
  CsObject *d = arg_at (args, 0, "dim");
  CsLayout in, out;
  CsStridedError err = { 0 };
  CsGradRecord rec = { 0 };

  if (d == NULL)
    {
      cs_interp_raise (interp, "TypeError", "unsqueeze() missing 1 required positional arguments: \"dim\"");
      return NULL;
    }
  if (!get_int (interp, d, &dim))
    return NULL;
  _cs_view_get_layout (&self->array.view, &in);
  if (!cs_layout_unsqueeze (CS_LIB_TORCH, &in, dim, &out, &err))
    {
      _cs_array_raise_strided (interp, &err);
      return NULL;
    }
  rec.op = CS_GRAD_OP_UNSQUEEZE;
  rec.dim = dim < 0 ? dim + in.ndim + 1 : dim;
  return make_view (interp, self, &out, &rec);
}

METHOD (m_squeeze)
{
  CsObject *d = arg_at (args, 0, "dim");
  gint64 dim = 0;
  CsLayout in, out;
  CsStridedError err = { 0 };
  CsGradRecord rec = { 0 };

  if (d && !get_int (interp, d, &dim))
    return NULL;
  _cs_view_get_layout (&self->array.view, &in);
  if (!cs_layout_squeeze (CS_LIB_TORCH, &in, d == NULL, dim, &out, &err))
    {
      _cs_array_raise_strided (interp, &err);
      return NULL;
    }
  rec.op = CS_GRAD_OP_SQUEEZE;
  if (d)
    {
      norm_dim (interp, dim, in.ndim, &dim);
      rec.dim = dim;
      rec.n_dims = 1;
      rec.dims[0] = dim;
    }
  return make_view (interp, self, &out, &rec);
}

METHOD (m_expand)
{
  guint n = 0;
  gint64 sizes[CS_MAX_DIMS];
  CsLayout in, out;
  CsStridedError err = { 0 };
  CsGradRecord rec = { 0 };

  if (!parse_shape (interp, args, 0, &n, sizes))
    return NULL;
  _cs_view_get_layout (&self->array.view, &in);
  if (!cs_layout_expand (self->array.view.dtype, &in, sizes, n, &out, &err))
    {
      _cs_array_raise_strided (interp, &err);
      return NULL;
    }
  rec.op = CS_GRAD_OP_EXPAND;
  rec.n_dims = in.ndim;
  for (guint i = 0; i < in.ndim; i++)
    rec.dims[i] = in.shape[i];
  return make_view (interp, self, &out, &rec);
}

METHOD (m_expand_as)
{
  CsObject *other = arg_at (args, 0, "other");
  CsObject *tuple;
  CsArgs a = { 0 };

  if (other == NULL || !cs_is_tensor (other))
    {
      cs_interp_raise (interp, "TypeError", "expand_as(): argument 'other' must be Tensor");
      return NULL;
    }
  tuple = int_tuple (interp, other->array.view.ndim, other->array.view.shape);
  a.args = &tuple;
  a.n_args = 1;
  return m_expand (interp, self, &a);
}

METHOD (m_flatten)
{
  CsObject *s = arg_at (args, 0, "start_dim"), *e = arg_at (args, 1, "end_dim");
  gint64 start = 0, end = -1;
  CsLayout in, out;
  gboolean needs_copy = FALSE;
  CsStridedError err = { 0 };
  CsGradRecord rec = { 0 };

  if ((s && !get_int (interp, s, &start)) || (e && !get_int (interp, e, &end)))
    return NULL;
  _cs_view_get_layout (&self->array.view, &in);
  if (!cs_layout_flatten (&in, start, end, &out, &needs_copy, &err))
    {
      _cs_array_raise_strided (interp, &err);
      return NULL;
    }
  if (!needs_copy && cs_layout_equal (&in, &out) && in.ndim > 0)
    {
      /* flatten(d, d) and 1-D tensors return the tensor itself. */
      gint64 ns = start < 0 ? start + in.ndim : start, ne = end < 0 ? end + in.ndim : end;
      if (ns == ne)
        return self;
    }
  if (in.ndim == 0)
    {
      rec.op = CS_GRAD_OP_RESHAPE_ALIAS;
      return make_view (interp, self, &out, &rec);
    }
  {
    CsObject *tuple = int_tuple (interp, out.ndim, out.shape);
    CsArgs a = { 0 };
    a.args = &tuple;
    a.n_args = 1;
    return do_view_or_reshape (interp, self, &a, TRUE);
  }
}

/* Reductions: sum/mean/max/min/prod over all or some dims. */
static gboolean
parse_dims (CsInterp *interp,
            CsObject *d,
            guint     ndim,
            gboolean *flags,
            guint    *n_dims,
            gint64   *dims)
{
  CsObject *const *items = &d;
  gsize n = 1;

  memset (flags, 0, CS_MAX_DIMS * sizeof (gboolean));
  if (cs_object_kind (d) == CS_KIND_TUPLE || cs_object_kind (d) == CS_KIND_LIST)
    {
      items = d->seq.items;
      n = d->seq.len;
    }
  if (n > CS_MAX_DIMS)
    n = CS_MAX_DIMS;
  for (gsize i = 0; i < n; i++)
    {
      gint64 x;
      if (!get_int (interp, items[i], &x) || !norm_dim (interp, x, ndim, &x))
        return FALSE;
      if (ndim > 0 && flags[x])
        {
          cs_interp_raise (interp, "RuntimeError", "dim %" G_GINT64_FORMAT
                           " appears multiple times in the list of dims", x);
          return FALSE;
        }
      if (ndim > 0)
        flags[x] = TRUE;
      dims[i] = x;
    }
  *n_dims = (guint) n;
  return TRUE;
}

static CsObject *
reduce_sum_mean (CsInterp     *interp,
                 CsObject     *self,
                 const CsArgs *args,
                 gboolean      mean)
{
  static const char *const allowed[] = { "dim", "axis", "keepdim", "dtype", NULL };
  CsObject *d = dim_arg (args, 0), *kd = arg_at (args, 1, "keepdim");
  CsObject *dt = kwarg (args, "dtype");
  gboolean flags[CS_MAX_DIMS];
  guint n_dims = 0;
  gint64 dims[CS_MAX_DIMS];
  gboolean keepdim = FALSE;
  CsDType in_dt = self->array.view.dtype, out_dt;
  CsObject *out;
  CsGradRecord rec = { 0 };

  if (!check_kwargs (interp, args, mean ? "mean" : "sum", allowed))
    return NULL;
  if (kd && (keepdim = cs_op_truth (interp, kd)) < 0)
    return NULL;
  if (dt && !get_dtype_arg (interp, dt, &out_dt))
    return NULL;
  if (!dt)
    out_dt = mean ? in_dt : (cs_dtype_is_floating (in_dt) ? in_dt : CS_DTYPE_INT64);
  if (mean && !cs_dtype_is_floating (out_dt))
    {
      cs_interp_raise (interp, "RuntimeError",
                       "mean(): could not infer output dtype. Input dtype must be either a floating "
                       "point or complex dtype. Got: %s",
                       in_dt == CS_DTYPE_INT64 ? "Long" : in_dt == CS_DTYPE_INT32 ? "Int" :
                       in_dt == CS_DTYPE_BOOL ? "Bool" : in_dt == CS_DTYPE_UINT8 ? "Byte" :
                       in_dt == CS_DTYPE_INT16 ? "Short" : "Char");
      return NULL;
    }
  if (d && cs_object_kind (d) != CS_KIND_NONE)
    {
      if (!parse_dims (interp, d, self->array.view.ndim, flags, &n_dims, dims))
        return NULL;
      out = _cs_array_reduce (interp, self, &cs_tensor_class, mean ? CS_RED_MEAN : CS_RED_SUM,
                              self->array.view.ndim ? flags : NULL, keepdim, out_dt);
      rec.n_dims = n_dims;
      memcpy (rec.dims, dims, n_dims * sizeof (gint64));
      rec.keepdim = keepdim;
    }
  else
    out = _cs_array_reduce (interp, self, &cs_tensor_class, mean ? CS_RED_MEAN : CS_RED_SUM,
                            NULL, FALSE, out_dt);
  if (out == NULL)
    return NULL;
  rec.op = mean ? CS_GRAD_OP_MEAN : CS_GRAD_OP_SUM;
  record_rec (interp, out, &rec, self);
  return out;
}

METHOD (m_sum)
{
  return reduce_sum_mean (interp, self, args, FALSE);
}

METHOD (m_mean)
{
  return reduce_sum_mean (interp, self, args, TRUE);
}

static CsObject *
return_types_new (CsInterp *interp,
                  gboolean  is_max,
                  CsObject *values,
                  CsObject *indices)
{
  CsObject *t = cs_interp_alloc (interp, is_max ? &return_types_max_class : &return_types_min_class);

  t->seq.len = 2;
  t->seq.cap = 2;
  t->seq.items = g_new0 (CsObject *, 2);
  t->seq.items[0] = values;
  t->seq.items[1] = indices;
  return t;
}

static CsObject *tensor_binary_method (CsInterp *interp, CsObject *self, CsObject *other,
                                       CsArrayOp op);

static CsObject *
reduce_max_min (CsInterp     *interp,
                CsObject     *self,
                const CsArgs *args,
                gboolean      is_max)
{
  CsObject *d = dim_arg (args, 0), *kd = arg_at (args, 1, "keepdim");
  const char *name = is_max ? "max" : "min";
  CsObject *out;
  gboolean keepdim = FALSE;

  if (d && cs_is_tensor (d))
    return tensor_binary_method (interp, self, d, is_max ? CS_AOP_MAXIMUM : CS_AOP_MINIMUM);
  if (kd && (keepdim = cs_op_truth (interp, kd)) < 0)
    return NULL;
  if (d == NULL)
    {
      CsGradRecord rec = { 0 };
      if (cs_array_numel (self) == 0)
        {
          cs_interp_raise (interp, "RuntimeError",
                           "%s(): Expected reduction dim to be specified for input.numel() == 0. "
                           "Specify the reduction dim with the 'dim' argument.", name);
          return NULL;
        }
      out = _cs_array_reduce (interp, self, &cs_tensor_class, is_max ? CS_RED_MAX : CS_RED_MIN,
                              NULL, FALSE, self->array.view.dtype);
      if (out == NULL)
        return NULL;
      rec.op = is_max ? CS_GRAD_OP_MAX : CS_GRAD_OP_MIN;
      record_rec (interp, out, &rec, self);
      return out;
    }
  else
    {
      gboolean flags[CS_MAX_DIMS];
      guint n_dims;
      gint64 dims[CS_MAX_DIMS];
      CsObject *values, *indices;
      if (!parse_dims (interp, d, self->array.view.ndim, flags, &n_dims, dims))
        return NULL;
      if (self->array.view.ndim > 0 && self->array.view.shape[dims[0]] == 0)
        {
          cs_interp_raise (interp, "IndexError",
                           "%s(): Expected reduction dim %" G_GINT64_FORMAT
                           " to have non-zero size.", name, dims[0]);
          return NULL;
        }
      values = _cs_array_reduce (interp, self, &cs_tensor_class, is_max ? CS_RED_MAX : CS_RED_MIN,
                                 self->array.view.ndim ? flags : NULL, keepdim, self->array.view.dtype);
      indices = _cs_array_reduce (interp, self, &cs_tensor_class,
                                  is_max ? CS_RED_ARGMAX : CS_RED_ARGMIN,
                                  self->array.view.ndim ? flags : NULL, keepdim, CS_DTYPE_INT64);
      if (values == NULL || indices == NULL)
        return NULL;
      return return_types_new (interp, is_max, values, indices);
    }
}

METHOD (m_max)
{
  return reduce_max_min (interp, self, args, TRUE);
}

METHOD (m_min)
{
  return reduce_max_min (interp, self, args, FALSE);
}

static CsObject *
arg_reduce (CsInterp     *interp,
            CsObject     *self,
            const CsArgs *args,
            gboolean      is_max)
{
  CsObject *d = dim_arg (args, 0), *kd = arg_at (args, 1, "keepdim");
  gboolean keepdim = FALSE;
  gboolean flags[CS_MAX_DIMS];
  guint n_dims;
  gint64 dims[CS_MAX_DIMS];

  if (kd && (keepdim = cs_op_truth (interp, kd)) < 0)
    return NULL;
  if (d == NULL || cs_object_kind (d) == CS_KIND_NONE)
    {
      if (cs_array_numel (self) == 0)
        {
          cs_interp_raise (interp, "RuntimeError",
                           "%s(): Expected reduction dim to be specified for input.numel() == 0.",
                           is_max ? "argmax" : "argmin");
          return NULL;
        }
      return _cs_array_reduce (interp, self, &cs_tensor_class, is_max ? CS_RED_ARGMAX : CS_RED_ARGMIN,
                               NULL, FALSE, CS_DTYPE_INT64);
    }
  if (!parse_dims (interp, d, self->array.view.ndim, flags, &n_dims, dims))
    return NULL;
  return _cs_array_reduce (interp, self, &cs_tensor_class, is_max ? CS_RED_ARGMAX : CS_RED_ARGMIN,
                           self->array.view.ndim ? flags : NULL, keepdim, CS_DTYPE_INT64);
}

METHOD (m_argmax)
{
  return arg_reduce (interp, self, args, TRUE);
}

METHOD (m_argmin)
{
  return arg_reduce (interp, self, args, FALSE);
}

METHOD (m_prod)
{
  CsDType dt = self->array.view.dtype;

  return _cs_array_reduce (interp, self, &cs_tensor_class, CS_RED_PROD, NULL, FALSE,
                           cs_dtype_is_floating (dt) ? dt : CS_DTYPE_INT64);
}

METHOD (m_any)
{
  return _cs_array_reduce (interp, self, &cs_tensor_class, CS_RED_ANY, NULL, FALSE, CS_DTYPE_BOOL);
}

METHOD (m_all)
{
  return _cs_array_reduce (interp, self, &cs_tensor_class, CS_RED_ALL, NULL, FALSE, CS_DTYPE_BOOL);
}

/* Unary math: float results for integer inputs (default dtype). */
static CsObject *
unary_math (CsInterp       *interp,
            CsObject       *self,
            CsArrayUnaryOp  op,
            CsGradOp        gop,
            gboolean        keep_int)
{
  CsDType dt = self->array.view.dtype;
  CsObject *out;

  if (dt == CS_DTYPE_BOOL && (op == CS_UOP_ABS || op == CS_UOP_NEG))
    {
      if (op == CS_UOP_ABS)
        cs_interp_raise (interp, "RuntimeError", "\"abs_cpu\" not implemented for 'Bool'");
      else
        cs_interp_raise (interp, "RuntimeError",
                         "Negation, the `-` operator, on a bool tensor is not supported. If you "
                         "are trying to invert a mask, use the `~` or `logical_not()` operator "
                         "instead.");
      return NULL;
    }
  if (!keep_int && !cs_dtype_is_floating (dt))
    dt = default_dtype (interp);
  out = _cs_array_unary (interp, self, op, dt);
  if (out == NULL)
    return NULL;
  _cs_array_relayout_like (out, self);
  if ((int) gop >= 0)
    record (interp, out, gop, self, NULL, 1);
  return out;
}

#define UNARY_METHOD(mname, uop, gop, keep_int)        \
  METHOD (m_##mname)                                   \
  {                                                    \
    if (!no_args (interp, args, #mname))               \
      return NULL;                                     \
    return unary_math (interp, self, uop, gop, keep_int); \
  }

UNARY_METHOD (abs, CS_UOP_ABS, CS_GRAD_OP_ABS, TRUE)
UNARY_METHOD (exp, CS_UOP_EXP, CS_GRAD_OP_EXP, FALSE)
UNARY_METHOD (log, CS_UOP_LOG, CS_GRAD_OP_LOG, FALSE)
UNARY_METHOD (sqrt, CS_UOP_SQRT, CS_GRAD_OP_SQRT, FALSE)
UNARY_METHOD (sin, CS_UOP_SIN, CS_GRAD_OP_SIN, FALSE)
UNARY_METHOD (cos, CS_UOP_COS, CS_GRAD_OP_COS, FALSE)
UNARY_METHOD (tanh, CS_UOP_TANH, CS_GRAD_OP_TANH, FALSE)
UNARY_METHOD (sigmoid, CS_UOP_SIGMOID, CS_GRAD_OP_SIGMOID, FALSE)
UNARY_METHOD (relu, CS_UOP_RELU, CS_GRAD_OP_RELU, TRUE)
UNARY_METHOD (reciprocal, CS_UOP_RECIPROCAL, CS_GRAD_OP_RECIPROCAL, FALSE)
UNARY_METHOD (neg, CS_UOP_NEG, CS_GRAD_OP_NEG, TRUE)

/* x.exp_ (), x.abs_ (), ...: the unary result written back into x. */
static CsObject *
unary_inplace (CsInterp       *interp,
               CsObject       *self,
               const CsArgs   *args,
               const char     *name,
               CsArrayUnaryOp  op,
               CsGradOp        gop,
               gboolean        keep_int)
{
  CsDType dt = self->array.view.dtype;
  CsObject *tmp;
  g_autofree gpointer buf = NULL;
  CsLayout layout;
  CsGradRecord rec = { 0 };
  CsObject *inputs[1] = { self };

  if (!no_args (interp, args, name))
    return NULL;
  if (!keep_int && !cs_dtype_is_floating (dt))
    {
      cs_interp_raise (interp, "RuntimeError", "result type Float can't be cast to the desired output type %s",
                       _cs_torch_type_name (dt));
      return NULL;
    }
  if (!check_internal_overlap (interp, self) || !cs_autograd_check_inplace (interp, self, FALSE))
    return NULL;
  tmp = _cs_array_unary (interp, self, op, dt);
  if (tmp == NULL)
    return NULL;
  buf = _cs_array_gather (tmp, dt, tmp->array.view.ndim, tmp->array.view.shape);
  _cs_view_get_layout (&self->array.view, &layout);
  _cs_storage_write (interp, self->array.view.storage, &layout, buf);
  rec.op = gop;
  rec.inputs = inputs;
  rec.n_inputs = 1;
  cs_autograd_record_inplace (interp, self, &rec);
  return self;
}

#define UNARY_INPLACE(mname, uop, gop, keep_int)                               \
  METHOD (m_##mname##_)                                                        \
  {                                                                            \
    return unary_inplace (interp, self, args, #mname "_", uop, gop, keep_int); \
  }

UNARY_INPLACE (exp, CS_UOP_EXP, CS_GRAD_OP_EXP, FALSE)
UNARY_INPLACE (log, CS_UOP_LOG, CS_GRAD_OP_LOG, FALSE)
UNARY_INPLACE (sqrt, CS_UOP_SQRT, CS_GRAD_OP_SQRT, FALSE)
UNARY_INPLACE (sin, CS_UOP_SIN, CS_GRAD_OP_SIN, FALSE)
UNARY_INPLACE (cos, CS_UOP_COS, CS_GRAD_OP_COS, FALSE)
UNARY_INPLACE (tanh, CS_UOP_TANH, CS_GRAD_OP_TANH, FALSE)
UNARY_INPLACE (sigmoid, CS_UOP_SIGMOID, CS_GRAD_OP_SIGMOID, FALSE)
UNARY_INPLACE (abs, CS_UOP_ABS, CS_GRAD_OP_ABS, TRUE)
UNARY_INPLACE (neg, CS_UOP_NEG, CS_GRAD_OP_NEG, TRUE)
UNARY_INPLACE (relu, CS_UOP_RELU, CS_GRAD_OP_RELU, TRUE)

METHOD (m_floor)
{
  if (!cs_dtype_is_floating (self->array.view.dtype))
    return copy_preserve (interp, self, self->array.view.dtype);
  return unary_math (interp, self, CS_UOP_FLOOR, (CsGradOp) -1, TRUE);
}

METHOD (m_round)
{
  if (!cs_dtype_is_floating (self->array.view.dtype))
    return copy_preserve (interp, self, self->array.view.dtype);
  return unary_math (interp, self, CS_UOP_ROUND, (CsGradOp) -1, TRUE);
}

static CsObject *
tensor_binary_method (CsInterp  *interp,
                      CsObject  *self,
                      CsObject  *other,
                      CsArrayOp  op)
{
  CsArrayArg tmp;

  if (other == NULL)
    {
      cs_interp_raise (interp, "TypeError", "missing 1 required positional argument: \"other\"");
      return NULL;
    }
  if (!_cs_array_arg_init (interp, other, &tmp))
    {
      other = tensor_from_data (interp, other, -1);
      if (other == NULL)
        return NULL;
    }
  return tensor_arith (interp, op, self, other);
}

static CsObject *
tensor_inplace_method (CsInterp  *interp,
                       CsObject  *self,
                       CsObject  *other,
                       CsArrayOp  op)
{
  CsArrayArg tmp;

  if (other == NULL)
    {
      cs_interp_raise (interp, "TypeError", "missing 1 required positional argument: \"other\"");
      return NULL;
    }
  if (!_cs_array_arg_init (interp, other, &tmp))
    {
      other = tensor_from_data (interp, other, -1);
      if (other == NULL)
        return NULL;
    }
  return tensor_arith_inplace (interp, op, self, other);
}

#define BINARY_METHOD(mname, aop)                                                 \
  METHOD (m_##mname)                                                              \
  {                                                                               \
    return tensor_binary_method (interp, self, arg_at (args, 0, "other"), aop);  \
  }                                                                               \
  METHOD (m_##mname##_)                                                           \
  {                                                                               \
    return tensor_inplace_method (interp, self, arg_at (args, 0, "other"), aop); \
  }

BINARY_METHOD (add, CS_AOP_ADD)
BINARY_METHOD (sub, CS_AOP_SUB)
BINARY_METHOD (mul, CS_AOP_MUL)
BINARY_METHOD (div, CS_AOP_DIV)
BINARY_METHOD (pow, CS_AOP_POW)
BINARY_METHOD (eq, CS_AOP_EQ)
BINARY_METHOD (ne, CS_AOP_NE)
BINARY_METHOD (lt, CS_AOP_LT)
BINARY_METHOD (le, CS_AOP_LE)
BINARY_METHOD (gt, CS_AOP_GT)
BINARY_METHOD (ge, CS_AOP_GE)
METHOD (m_maximum)
{
  return tensor_binary_method (interp, self, arg_at (args, 0, "other"), CS_AOP_MAXIMUM);
}

METHOD (m_minimum)
{
  return tensor_binary_method (interp, self, arg_at (args, 0, "other"), CS_AOP_MINIMUM);
}
BINARY_METHOD (remainder, CS_AOP_MOD)
BINARY_METHOD (floor_divide, CS_AOP_FLOORDIV)

/* Fills every element of @self with @value (zero_, fill_). */
static CsObject *
fill_with (CsInterp *interp,
           CsObject *self,
           CsObject *value,
           CsGradOp  gop)
{
  const CsView *v = &self->array.view;
  g_autofree gpointer buf = NULL;
  CsLayout layout;
  CsGradRecord rec = { 0 };

  if (!cs_autograd_check_inplace (interp, self, FALSE))
    return NULL;
  if (cs_is_tensor (value) && value->array.view.ndim != 0)
    {
      cs_interp_raise (interp, "RuntimeError",
                       "fill_ only supports 0-dimension value tensor but got tensor with %u dimensions.",
                       value->array.view.ndim);
      return NULL;
    }
  buf = value_buffer (interp, value, v->dtype, v->ndim, v->shape);
  if (buf == NULL)
    return NULL;
  _cs_view_get_layout (v, &layout);
  _cs_storage_write (interp, v->storage, &layout, buf);
  rec.op = gop;
  cs_autograd_record_inplace (interp, self, &rec);
  return self;
}

METHOD (m_zero_)
{
  if (!no_args (interp, args, "zero_"))
    return NULL;
  return fill_with (interp, self, cs_int_new (interp, 0), CS_GRAD_OP_ZERO);
}

METHOD (m_fill_)
{
  CsObject *v = arg_at (args, 0, "value");

  if (v == NULL)
    {
      cs_interp_raise (interp, "TypeError", "fill_() missing 1 required positional arguments: \"value\"");
      return NULL;
    }
  return fill_with (interp, self, v, CS_GRAD_OP_FILL);
}

METHOD (m_copy_)
{
  CsObject *src = arg_at (args, 0, "src");
  const CsView *v = &self->array.view;
  g_autofree gpointer buf = NULL;
  CsLayout layout;
  CsGradRecord rec = { 0 };
  CsObject *inputs[1];

  if (src == NULL || !is_array_obj (src))
    {
      cs_interp_raise (interp, "TypeError", "copy_(): argument 'other' (position 1) must be Tensor, not %s",
                       src ? cs_object_type_name (src) : "NoneType");
      return NULL;
    }
  if (!check_internal_overlap (interp, self) || !check_partial_overlap (interp, self, src) ||
      !cs_autograd_check_inplace (interp, self, FALSE))
    return NULL;
  buf = value_buffer (interp, src, v->dtype, v->ndim, v->shape);
  if (buf == NULL)
    return NULL;
  _cs_view_get_layout (v, &layout);
  _cs_storage_write (interp, v->storage, &layout, buf);
  rec.op = CS_GRAD_OP_COPY;
  inputs[0] = src;
  rec.inputs = inputs;
  rec.n_inputs = 1;
  cs_autograd_record_inplace (interp, self, &rec);
  return self;
}

static CsObject *
convert (CsInterp *interp,
         CsObject *self,
         CsDType   dtype)
{
  CsObject *out;

  if (self->array.view.dtype == dtype)
    return self;
  out = copy_preserve (interp, self, dtype);
  if (out && cs_dtype_is_floating (dtype))
    record (interp, out, CS_GRAD_OP_TO_COPY, self, NULL, 1);
  return out;
}

#define CONVERT_METHOD(mname, DT)                \
  METHOD (m_##mname)                             \
  {                                              \
    return convert (interp, self, DT);           \
  }

CONVERT_METHOD (float, CS_DTYPE_FLOAT32)
CONVERT_METHOD (double, CS_DTYPE_FLOAT64)
CONVERT_METHOD (half, CS_DTYPE_FLOAT16)
CONVERT_METHOD (long, CS_DTYPE_INT64)
CONVERT_METHOD (int, CS_DTYPE_INT32)
CONVERT_METHOD (short, CS_DTYPE_INT16)
CONVERT_METHOD (char, CS_DTYPE_INT8)
CONVERT_METHOD (byte, CS_DTYPE_UINT8)
CONVERT_METHOD (bool, CS_DTYPE_BOOL)

METHOD (m_to)
{
  CsDType dt = self->array.view.dtype;
  CsObject *d = kwarg (args, "dtype");

  for (guint i = 0; i < args->n_args; i++)
    {
      CsObject *x = args->args[i];
      if (_cs_torch_dtype_get (x, &dt))
        continue;
      if (cs_is_tensor (x))
        {
          dt = x->array.view.dtype;
          continue;
        }
      if (cs_object_kind (x) == CS_KIND_STR)
        {
          if (strcmp (x->str.data, "cpu") == 0)
            continue;
          cs_interp_raise (interp, "UnsupportedFeature", "only the CPU device is modelled");
          return NULL;
        }
      if (x->cls == &device_class_impl)
        continue;
      cs_interp_raise (interp, "TypeError", "to() received an invalid combination of arguments");
      return NULL;
    }
  if (d && !get_dtype_arg (interp, d, &dt))
    return NULL;
  return convert (interp, self, dt);
}

METHOD (m_type)
{
  CsObject *d = arg_at (args, 0, "dtype");
  CsDType dt;

  if (d == NULL)
    {
      const char *names[CS_N_DTYPES] = {
        [CS_DTYPE_BOOL] = "torch.BoolTensor", [CS_DTYPE_UINT8] = "torch.ByteTensor",
        [CS_DTYPE_INT8] = "torch.CharTensor", [CS_DTYPE_INT16] = "torch.ShortTensor",
        [CS_DTYPE_INT32] = "torch.IntTensor", [CS_DTYPE_INT64] = "torch.LongTensor",
        [CS_DTYPE_FLOAT16] = "torch.HalfTensor", [CS_DTYPE_FLOAT32] = "torch.FloatTensor",
        [CS_DTYPE_FLOAT64] = "torch.DoubleTensor",
      };
      return cs_str_new (interp, names[self->array.view.dtype], -1);
    }
  if (!get_dtype_arg (interp, d, &dt))
    return NULL;
  return convert (interp, self, dt);
}

METHOD (m_type_as)
{
  CsObject *o = arg_at (args, 0, "other");

  if (o == NULL || !cs_is_tensor (o))
    {
      cs_interp_raise (interp, "TypeError", "type_as(): argument 'other' must be Tensor");
      return NULL;
    }
  return convert (interp, self, o->array.view.dtype);
}

METHOD (m_equal)
{
  CsObject *o = arg_at (args, 0, "other");
  g_autofree double *a = NULL, *b = NULL;
  gsize na, nb;

  if (o == NULL || !cs_is_tensor (o))
    {
      cs_interp_raise (interp, "TypeError", "equal(): argument 'other' (position 1) must be Tensor, not %s",
                       o ? cs_object_type_name (o) : "NoneType");
      return NULL;
    }
  if (self->array.view.ndim != o->array.view.ndim ||
      memcmp (self->array.view.shape, o->array.view.shape, self->array.view.ndim * sizeof (gint64)) != 0)
    return cs_bool (interp, FALSE);
  a = cs_array_dup_doubles (self, &na);
  b = cs_array_dup_doubles (o, &nb);
  for (gsize i = 0; i < na; i++)
    if (a[i] != b[i])
      return cs_bool (interp, FALSE);
  return cs_bool (interp, TRUE);
}

METHOD (m_clamp)
{
  CsObject *lo = arg_at (args, 0, "min"), *hi = arg_at (args, 1, "max");
  CsObject *out = self;
  CsArrayArg a, b;

  if (lo && cs_object_kind (lo) != CS_KIND_NONE)
    {
      _cs_array_arg_init (interp, out, &a);
      if (!_cs_array_arg_init (interp, lo, &b))
        return NULL;
      out = _cs_array_binary (interp, CS_LIB_TORCH, &cs_tensor_class, CS_AOP_MAXIMUM, &a, &b, NULL);
      if (out == NULL)
        return NULL;
    }
  if (hi && cs_object_kind (hi) != CS_KIND_NONE)
    {
      _cs_array_arg_init (interp, out, &a);
      if (!_cs_array_arg_init (interp, hi, &b))
        return NULL;
      out = _cs_array_binary (interp, CS_LIB_TORCH, &cs_tensor_class, CS_AOP_MINIMUM, &a, &b, NULL);
      if (out == NULL)
        return NULL;
    }
  if (out == self)
    out = copy_preserve (interp, self, self->array.view.dtype);
  return out;
}

static CsObject *
tensor_matmul (CsInterp *interp,
               CsObject *a,
               CsObject *b)
{
  const CsView *va = &a->array.view, *vb = &b->array.view;
  CsDType dt;
  CsArrayArg x, y;
  g_autofree double *da = NULL, *db = NULL;
  CsObject *out;
  gint64 m, k, n, shape[2];
  guint ndim;
  CsGradOp gop;

  _cs_array_arg_init (interp, a, &x);
  _cs_array_arg_init (interp, b, &y);
  if (va->dtype != vb->dtype)
    {
      cs_interp_raise (interp, "RuntimeError",
                       "expected scalar type %s but found %s",
                       va->dtype == CS_DTYPE_FLOAT32 ? "Float" : va->dtype == CS_DTYPE_FLOAT64 ? "Double" : "Long",
                       vb->dtype == CS_DTYPE_FLOAT32 ? "Float" : vb->dtype == CS_DTYPE_FLOAT64 ? "Double" : "Long");
      return NULL;
    }
  dt = va->dtype;
  if (va->ndim == 0 || vb->ndim == 0)
    {
      cs_interp_raise (interp, "RuntimeError",
                       "both arguments to matmul need to be at least 1D, but they are %uD and %uD",
                       va->ndim, vb->ndim);
      return NULL;
    }
  if (va->ndim > 2 || vb->ndim > 2)
    {
      cs_interp_raise (interp, "UnsupportedFeature", "batched matmul is not supported");
      return NULL;
    }
  m = va->ndim == 2 ? va->shape[0] : 1;
  k = va->shape[va->ndim - 1];
  n = vb->ndim == 2 ? vb->shape[1] : 1;
  if ((vb->ndim == 2 ? vb->shape[0] : vb->shape[0]) != k)
    {
      if (va->ndim == 1 && vb->ndim == 1)
        cs_interp_raise (interp, "RuntimeError",
                         "inconsistent tensor size, expected tensor [%" G_GINT64_FORMAT
                         "] and src [%" G_GINT64_FORMAT "] to have the same number of elements, but got %"
                         G_GINT64_FORMAT " and %" G_GINT64_FORMAT " elements respectively",
                         k, vb->shape[0], k, vb->shape[0]);
      else if (va->ndim == 2 && vb->ndim == 2)
        cs_interp_raise (interp, "RuntimeError",
                         "mat1 and mat2 shapes cannot be multiplied (%" G_GINT64_FORMAT "x%" G_GINT64_FORMAT
                         " and %" G_GINT64_FORMAT "x%" G_GINT64_FORMAT ")", m, k, vb->shape[0], n);
      else
        cs_interp_raise (interp, "RuntimeError",
                         "size mismatch, got %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "x%" G_GINT64_FORMAT
                         ",%" G_GINT64_FORMAT, m, m, k, vb->shape[0]);
      return NULL;
    }
  /* Keep every step fast: a product costs m * n * k multiply-adds. */
  if ((double) m * (double) n * (double) k > 5e7)
    {
      cs_interp_raise (interp, "LimitExceeded",
                       "Copyscope stopped this step: the matrix product needs more than 50,000,000 "
                       "multiply-adds");
      return NULL;
    }
  ndim = 0;
  if (va->ndim == 2)
    shape[ndim++] = m;
  if (vb->ndim == 2)
    shape[ndim++] = n;
  out = new_tensor (interp, dt, ndim, shape);
  if (out == NULL)
    return NULL;
  da = cs_array_dup_doubles (a, NULL);
  db = cs_array_dup_doubles (b, NULL);
  for (gint64 i = 0; i < m; i++)
    for (gint64 j = 0; j < n; j++)
      {
        double s = 0;
        for (gint64 q = 0; q < k; q++)
          s += da[i * k + q] * db[q * n + j];
        if (cs_dtype_is_floating (dt))
          cs_dtype_set_double (dt, out->array.view.storage->data, i * n + j, s);
        else
          cs_dtype_set_int (dt, out->array.view.storage->data, i * n + j, (gint64) s);
      }
  gop = va->ndim == 1 && vb->ndim == 1 ? CS_GRAD_OP_DOT :
        va->ndim == 2 && vb->ndim == 2 ? CS_GRAD_OP_MM :
        va->ndim == 2 ? CS_GRAD_OP_MV : CS_GRAD_OP_MATMUL;
  record (interp, out, gop, a, b, 2);
  return out;
}

METHOD (m_matmul)
{
  CsObject *o = arg_at (args, 0, "other");

  if (o == NULL || !cs_is_tensor (o))
    {
      cs_interp_raise (interp, "TypeError", "matmul(): argument 'other' (position 1) must be Tensor");
      return NULL;
    }
  return tensor_matmul (interp, self, o);
}

METHOD (m_new_zeros)
{
  guint n = 0;
  gint64 shape[CS_MAX_DIMS];

  if (!parse_shape (interp, args, 0, &n, shape))
    return NULL;
  return new_tensor (interp, self->array.view.dtype, n, shape);
}

static const CsMethodDef tensor_methods[] = {
  { "size", m_size }, { "stride", m_stride }, { "dim", m_dim }, { "ndimension", m_dim },
  { "numel", m_numel }, { "nelement", m_numel }, { "element_size", m_element_size },
  { "storage_offset", m_storage_offset }, { "data_ptr", m_data_ptr },
  { "is_contiguous", m_is_contiguous }, { "is_floating_point", m_is_floating_point },
  { "item", m_item }, { "tolist", m_tolist }, { "numpy", m_numpy },
  { "clone", m_clone }, { "detach", m_detach }, { "contiguous", m_contiguous },
  { "cpu", m_cpu }, { "storage", m_storage },
  { "transpose", m_transpose }, { "t", m_t }, { "permute", m_permute },
  { "view", m_view }, { "view_as", m_view_as }, { "reshape", m_reshape },
  { "reshape_as", m_reshape_as }, { "narrow", m_narrow }, { "select", m_select },
  { "unsqueeze", m_unsqueeze }, { "squeeze", m_squeeze }, { "expand", m_expand },
  { "expand_as", m_expand_as }, { "flatten", m_flatten },
  { "sum", m_sum }, { "mean", m_mean }, { "max", m_max }, { "min", m_min },
  { "argmax", m_argmax }, { "argmin", m_argmin }, { "prod", m_prod }, { "any", m_any },
  { "all", m_all },
  { "abs", m_abs }, { "exp", m_exp }, { "log", m_log }, { "sqrt", m_sqrt }, { "sin", m_sin },
  { "cos", m_cos }, { "tanh", m_tanh }, { "sigmoid", m_sigmoid }, { "relu", m_relu },
  { "reciprocal", m_reciprocal }, { "neg", m_neg }, { "floor", m_floor }, { "round", m_round },
  { "add", m_add }, { "add_", m_add_ }, { "sub", m_sub }, { "sub_", m_sub_ },
  { "mul", m_mul }, { "mul_", m_mul_ }, { "div", m_div }, { "div_", m_div_ },
  { "pow", m_pow }, { "pow_", m_pow_ },
  { "eq", m_eq }, { "ne", m_ne }, { "lt", m_lt }, { "le", m_le }, { "gt", m_gt }, { "ge", m_ge },
  { "maximum", m_maximum }, { "minimum", m_minimum }, { "remainder", m_remainder },
  { "floor_divide", m_floor_divide }, { "floor_divide_", m_floor_divide_ },
  { "remainder_", m_remainder_ }, { "eq_", m_eq_ }, { "ne_", m_ne_ }, { "lt_", m_lt_ },
  { "le_", m_le_ }, { "gt_", m_gt_ }, { "ge_", m_ge_ },
  { "zero_", m_zero_ }, { "fill_", m_fill_ }, { "copy_", m_copy_ },
  { "exp_", m_exp_ }, { "log_", m_log_ }, { "sqrt_", m_sqrt_ }, { "sin_", m_sin_ },
  { "cos_", m_cos_ }, { "tanh_", m_tanh_ }, { "sigmoid_", m_sigmoid_ }, { "abs_", m_abs_ },
  { "neg_", m_neg_ }, { "relu_", m_relu_ },
  { "float", m_float }, { "double", m_double }, { "half", m_half }, { "long", m_long },
  { "int", m_int }, { "short", m_short }, { "char", m_char }, { "byte", m_byte },
  { "bool", m_bool }, { "to", m_to }, { "type", m_type }, { "type_as", m_type_as },
  { "equal", m_equal }, { "clamp", m_clamp }, { "matmul", m_matmul }, { "mm", m_matmul },
  { "dot", m_matmul }, { "new_zeros", m_new_zeros },
  { NULL, NULL }
};

static CsObject *
tensor_method_lookup (CsInterp   *interp,
                      CsObject   *self,
                      const char *name)
{
  for (const CsMethodDef *m = tensor_methods; m->name; m++)
    if (strcmp (m->name, name) == 0)
      return cs_builtin_new (interp, m->name, m->func, self, NULL);
  return NULL;
}

const CsClass cs_tensor_class = {
  .kind = CS_KIND_TENSOR,
  .name = "Tensor",
  .module = "torch",
  .methods = tensor_methods,
  .repr = tensor_repr,
  .getattr = tensor_getattr,
  .setattr = tensor_setattr,
  .binop = tensor_binop,
  .unop = tensor_unop,
  .compare = tensor_compare,
  .getitem = tensor_getitem,
  .setitem = tensor_setitem,
  .iter = tensor_iter,
  .len = tensor_len,
  .truth = tensor_truth,
  .construct = tensor_construct,
  .to_int = tensor_to_int,
  .to_float = tensor_to_float,
  .copy = tensor_copy_hook,
  .deepcopy = tensor_deepcopy_hook,
  .traverse = tensor_traverse,
  .finalize = tensor_finalize,
};

/* ---- torch.dtype ------------------------------------------------------------------------- */

static char *
torch_dtype_repr (CsInterp *interp,
                  CsObject *self)
{
  return g_strdup (cs_format_torch_dtype ((CsDType) GPOINTER_TO_INT (self->opaque.data)));
}

static CsObject *
torch_dtype_getattr (CsInterp   *interp,
                     CsObject   *self,
                     const char *name)
{
  CsDType dt = (CsDType) GPOINTER_TO_INT (self->opaque.data);

  if (strcmp (name, "is_floating_point") == 0)
    return cs_bool (interp, cs_dtype_is_floating (dt));
  if (strcmp (name, "itemsize") == 0)
    return cs_int_new (interp, (gint64) cs_dtype_itemsize (dt));
  return NULL;
}

static const CsClass torch_dtype_class = {
  .kind = CS_KIND_OPAQUE,
  .name = "dtype",
  .module = "torch",
  .repr = torch_dtype_repr,
  .getattr = torch_dtype_getattr,
};

gboolean
_cs_torch_dtype_get (CsObject *obj,
                     CsDType  *out)
{
  if (obj == NULL || obj->cls != &torch_dtype_class)
    return FALSE;
  *out = (CsDType) GPOINTER_TO_INT (obj->opaque.data);
  return TRUE;
}

CsObject *
_cs_torch_dtype_object (CsInterp *interp,
                        CsDType   dtype)
{
  CsArrayState *state = _cs_array_state (interp);

  if (state->torch_dtypes[dtype] == NULL)
    {
      CsObject *o = cs_interp_alloc (interp, &torch_dtype_class);
      o->flags |= CS_OBJECT_PERMANENT;
      o->opaque.data = GINT_TO_POINTER (dtype);
      state->torch_dtypes[dtype] = o;
    }
  return state->torch_dtypes[dtype];
}

/* ---- torch.Size, torch.return_types ------------------------------------------------------ */

static char *
size_repr (CsInterp *interp,
           CsObject *self)
{
  GString *s = g_string_new ("torch.Size([");

  for (gsize i = 0; i < self->seq.len; i++)
    {
      g_autofree char *r = cs_op_repr (interp, self->seq.items[i]);
      g_string_append_printf (s, "%s%s", i ? ", " : "", r ? r : "?");
    }
  g_string_append (s, "])");
  return g_string_free (s, FALSE);
}

static CsObject *
size_numel (CsInterp     *interp,
            CsObject     *self,
            const CsArgs *args)
{
  gint64 n = 1;

  for (gsize i = 0; i < self->seq.len; i++)
    n *= self->seq.items[i]->int_value;
  return cs_int_new (interp, n);
}

static const CsMethodDef size_methods[] = {
  { "numel", size_numel },
  { NULL, NULL }
};

static char *
return_types_repr (CsInterp *interp,
                   CsObject *self)
{
  g_autofree char *v = cs_op_repr (interp, self->seq.items[0]);
  g_autofree char *i = cs_op_repr (interp, self->seq.items[1]);

  return g_strdup_printf ("torch.return_types.%s(\nvalues=%s,\nindices=%s)", self->cls->name,
                          v ? v : "?", i ? i : "?");
}

static CsObject *
return_types_getattr (CsInterp   *interp,
                      CsObject   *self,
                      const char *name)
{
  if (strcmp (name, "values") == 0)
    return self->seq.items[0];
  if (strcmp (name, "indices") == 0)
    return self->seq.items[1];
  return NULL;
}

static gpointer
init_classes_once (gpointer data)
{
  size_class = cs_tuple_class;
  size_class.name = "Size";
  size_class.module = "torch";
  size_class.base = &cs_tuple_class;
  size_class.repr = size_repr;
  size_class.str = NULL;
  size_class.methods = size_methods;

  return_types_max_class = cs_tuple_class;
  return_types_max_class.name = "max";
  return_types_max_class.module = "torch.return_types";
  return_types_max_class.base = &cs_tuple_class;
  return_types_max_class.repr = return_types_repr;
  return_types_max_class.str = NULL;
  return_types_max_class.getattr = return_types_getattr;
  return_types_max_class.methods = NULL;

  return_types_min_class = return_types_max_class;
  return_types_min_class.name = "min";

  device_class_impl = device_class;
  device_class_impl.repr = device_repr;
  device_class_impl.str = device_str;
  return NULL;
}

/* ---- module functions -------------------------------------------------------------------- */

#define FUNC(name) \
  static CsObject *name (CsInterp *interp, CsObject *self_unused, const CsArgs *args)

/* requires_grad= on a factory. */
static gboolean
apply_requires_grad (CsInterp     *interp,
                     CsObject     *t,
                     const CsArgs *args)
{
  CsObject *rg = kwarg (args, "requires_grad");
  int r;

  if (rg == NULL)
    return TRUE;
  r = cs_op_truth (interp, rg);
  if (r < 0)
    return FALSE;
  if (r && !cs_dtype_is_floating (t->array.view.dtype))
    {
      cs_interp_raise (interp, "RuntimeError", "Only Tensors of floating point and complex dtype can require gradients");
      return FALSE;
    }
  t->array.ag.requires_grad = r;
  return TRUE;
}

FUNC (f_tensor)
{
  static const char *const allowed[] = { "dtype", "device", "requires_grad", "pin_memory", NULL };
  CsObject *data = arg_at (args, 0, "data");
  CsObject *d = kwarg (args, "dtype");
  CsDType dt = CS_DTYPE_FLOAT32;
  gboolean has_dt = FALSE;
  CsObject *t;

  if (!check_kwargs (interp, args, "tensor", allowed))
    return NULL;
  if (data == NULL || args->n_args > 1)
    {
      cs_interp_raise (interp, "TypeError", "tensor() takes 1 positional argument but %u were given",
                       args->n_args);
      return NULL;
    }
  if (d && cs_object_kind (d) != CS_KIND_NONE)
    {
      if (!get_dtype_arg (interp, d, &dt))
        return NULL;
      has_dt = TRUE;
    }
  if (cs_is_tensor (data))
    cs_interp_warn (interp, "UserWarning",
                    "To copy construct from a tensor, it is recommended to use "
                    "sourceTensor.clone().detach() or sourceTensor.clone().detach().requires_grad_(True), "
                    "rather than torch.tensor(sourceTensor).");
  t = tensor_from_data (interp, data, has_dt ? (int) dt : -1);
  if (t == NULL || !apply_requires_grad (interp, t, args))
    return NULL;
  return t;
}

FUNC (f_from_numpy)
{
  CsObject *a = arg_at (args, 0, NULL);
  CsLayout layout;
  CsObject *t;

  if (a == NULL || !cs_is_ndarray (a))
    {
      cs_interp_raise (interp, "TypeError", "expected np.ndarray (got %s)",
                       a ? cs_object_type_name (a) : "NoneType");
      return NULL;
    }
  _cs_view_get_layout (&a->array.view, &layout);
  for (guint i = 0; i < layout.ndim; i++)
    if (layout.strides[i] < 0)
      {
        cs_interp_raise (interp, "ValueError",
                         "At least one stride in the given numpy array is negative, and tensors with "
                         "negative strides are not currently supported. (You can probably work around "
                         "this by making a copy of your array  with array.copy().) ");
        return NULL;
      }
  t = _cs_array_wrap (interp, &cs_tensor_class, a->array.view.storage, a->array.view.dtype, &layout);
  /* PyTorch's storage starts at the array's first element: remember where,
   * for storage_offset () (views of t inherit it). */
  if (layout.offset != 0)
    t->array.base = a;
  _cs_array_event_view (interp, t);
  return t;
}

FUNC (f_as_tensor)
{
  CsObject *data = arg_at (args, 0, "data");
  CsObject *d = arg_at (args, 1, "dtype");
  CsDType dt;
  gboolean has_dt = FALSE;

  if (data == NULL)
    {
      cs_interp_raise (interp, "TypeError", "as_tensor() missing 1 required positional arguments: \"data\"");
      return NULL;
    }
  if (d && cs_object_kind (d) != CS_KIND_NONE)
    {
      if (!get_dtype_arg (interp, d, &dt))
        return NULL;
      has_dt = TRUE;
    }
  if (cs_is_tensor (data))
    return has_dt ? convert (interp, data, dt) : data;
  if (cs_is_ndarray (data) && (!has_dt || dt == data->array.view.dtype))
    {
      CsArgs a = { 0 };
      a.args = &data;
      a.n_args = 1;
      return f_from_numpy (interp, NULL, &a);
    }
  return tensor_from_data (interp, data, has_dt ? (int) dt : -1);
}

/* Shape + dtype + requires_grad of the factories. */
static CsObject *
factory (CsInterp     *interp,
         const CsArgs *args,
         const char   *fname,
         CsDType      *out_dtype)
{
  static const char *const allowed[] = { "dtype", "device", "requires_grad", "layout", "pin_memory",
                                         "generator", "out", "memory_format", NULL };
  guint n = 0;
  gint64 shape[CS_MAX_DIMS];
  CsObject *d = kwarg (args, "dtype");
  CsDType dt = default_dtype (interp);
  CsObject *t;

  if (!check_kwargs (interp, args, fname, allowed))
    return NULL;
  if (!parse_shape (interp, args, 0, &n, shape))
    return NULL;
  if (d && cs_object_kind (d) != CS_KIND_NONE && !get_dtype_arg (interp, d, &dt))
    return NULL;
  t = new_tensor (interp, dt, n, shape);
  if (t && out_dtype)
    *out_dtype = dt;
  return t;
}

FUNC (f_zeros)
{
  CsObject *t = factory (interp, args, "zeros", NULL);

  if (t == NULL || !apply_requires_grad (interp, t, args))
    return NULL;
  return t;
}

static void
fill_value (CsObject *t,
            double    v)
{
  gsize n = cs_array_numel (t);

  for (gsize k = 0; k < n; k++)
    cs_dtype_set_double (t->array.view.dtype, t->array.view.storage->data, k, v);
}

FUNC (f_ones)
{
  CsObject *t = factory (interp, args, "ones", NULL);

  if (t == NULL)
    return NULL;
  fill_value (t, 1.0);
  if (!apply_requires_grad (interp, t, args))
    return NULL;
  return t;
}

FUNC (f_empty)
{
  return f_zeros (interp, NULL, args);
}

FUNC (f_full)
{
  CsObject *size = arg_at (args, 0, "size"), *fv = arg_at (args, 1, "fill_value");
  CsObject *d = kwarg (args, "dtype");
  CsArgs a = { 0 };
  guint n = 0;
  gint64 shape[CS_MAX_DIMS];
  CsDType dt;
  CsArrayArg arg;
  CsObject *t;

  if (size == NULL || fv == NULL)
    {
      cs_interp_raise (interp, "TypeError", "full() missing required arguments");
      return NULL;
    }
  a.args = &size;
  a.n_args = 1;
  if (!parse_shape (interp, &a, 0, &n, shape))
    return NULL;
  if (!_cs_array_arg_init (interp, fv, &arg))
    {
      cs_interp_raise (interp, "TypeError", "full(): argument 'fill_value' must be Number");
      return NULL;
    }
  dt = arg.is_float ? default_dtype (interp) : arg.dtype == CS_DTYPE_BOOL ? CS_DTYPE_BOOL : CS_DTYPE_INT64;
  if (arg.obj)
    dt = arg.dtype;
  if (d && cs_object_kind (d) != CS_KIND_NONE && !get_dtype_arg (interp, d, &dt))
    return NULL;
  t = new_tensor (interp, dt, n, shape);
  if (t == NULL)
    return NULL;
  fill_value (t, arg.obj ? cs_dtype_get_double (arg.dtype, arg.obj->array.view.storage->data,
                                                arg.obj->array.view.offset)
                         : (arg.is_float ? arg.f : (double) arg.i));
  if (!apply_requires_grad (interp, t, args))
    return NULL;
  return t;
}

static CsObject *
like_factory (CsInterp     *interp,
              const CsArgs *args,
              double        value,
              gboolean      random)
{
  CsObject *x = arg_at (args, 0, "input");
  CsObject *d = kwarg (args, "dtype");
  CsDType dt;
  CsObject *t;

  if (x == NULL || !cs_is_tensor (x))
    {
      cs_interp_raise (interp, "TypeError", "argument 'input' (position 1) must be Tensor");
      return NULL;
    }
  dt = x->array.view.dtype;
  if (d && cs_object_kind (d) != CS_KIND_NONE && !get_dtype_arg (interp, d, &dt))
    return NULL;
  t = new_tensor (interp, dt, x->array.view.ndim, x->array.view.shape);
  if (t == NULL)
    return NULL;
  if (random)
    {
      CsArrayState *state = _cs_array_state (interp);
      if (!cs_torch_generator_rand (state->torch_gen, dt, t->array.view.storage->data, cs_array_numel (t)))
        {
          cs_interp_raise (interp, "RuntimeError", "\"check_uniform_bounds\" not implemented for 'Long'");
          return NULL;
        }
    }
  else
    fill_value (t, value);
  _cs_array_relayout_like (t, x);
  if (!apply_requires_grad (interp, t, args))
    return NULL;
  return t;
}

FUNC (f_zeros_like)
{
  return like_factory (interp, args, 0, FALSE);
}

FUNC (f_ones_like)
{
  return like_factory (interp, args, 1, FALSE);
}

FUNC (f_rand_like)
{
  return like_factory (interp, args, 0, TRUE);
}

static CsObject *
random_factory (CsInterp     *interp,
                const CsArgs *args,
                gboolean      normal)
{
  CsDType dt;
  CsObject *t = factory (interp, args, normal ? "randn" : "rand", &dt);
  CsArrayState *state = _cs_array_state (interp);
  gboolean ok;

  if (t == NULL)
    return NULL;
  if (normal)
    ok = cs_torch_generator_randn (state->torch_gen, dt, t->array.view.storage->data, cs_array_numel (t));
  else
    ok = cs_torch_generator_rand (state->torch_gen, dt, t->array.view.storage->data, cs_array_numel (t));
  if (!ok)
    {
      cs_interp_raise (interp, "RuntimeError", "\"%s\" not implemented for '%s'",
                       normal ? "normal_kernel_cpu" : "check_uniform_bounds", _cs_torch_type_name (dt));
      return NULL;
    }
  if (!apply_requires_grad (interp, t, args))
    return NULL;
  return t;
}

FUNC (f_rand)
{
  return random_factory (interp, args, FALSE);
}

FUNC (f_randn)
{
  return random_factory (interp, args, TRUE);
}

FUNC (f_randint)
{
  CsObject *a0 = arg_at (args, 0, NULL), *a1 = arg_at (args, 1, NULL), *a2 = arg_at (args, 2, NULL);
  CsObject *sz = kwarg (args, "size");
  gint64 low = 0, high;
  CsObject *size;
  CsArgs a = { 0 };
  guint n = 0;
  gint64 shape[CS_MAX_DIMS];
  CsObject *t;
  CsDType dt = CS_DTYPE_INT64;
  CsObject *d = kwarg (args, "dtype");

  if (a2 || (a1 && cs_object_kind (a1) != CS_KIND_TUPLE && cs_object_kind (a1) != CS_KIND_LIST))
    {
      if (!get_int (interp, a0, &low) || !get_int (interp, a1, &high))
        return NULL;
      size = a2 ? a2 : sz;
    }
  else
    {
      if (a0 == NULL || !get_int (interp, a0, &high))
        {
          if (!cs_interp_has_error (interp))
            cs_interp_raise (interp, "TypeError", "randint() received an invalid combination of arguments");
          return NULL;
        }
      size = a1 ? a1 : sz;
    }
  if (size == NULL)
    {
      cs_interp_raise (interp, "TypeError", "randint() received an invalid combination of arguments");
      return NULL;
    }
  a.args = &size;
  a.n_args = 1;
  if (!parse_shape (interp, &a, 0, &n, shape))
    return NULL;
  if (d && cs_object_kind (d) != CS_KIND_NONE && !get_dtype_arg (interp, d, &dt))
    return NULL;
  t = new_tensor (interp, dt, n, shape);
  if (t == NULL)
    return NULL;
  if (!cs_torch_generator_randint (_cs_array_state (interp)->torch_gen, low, high, dt,
                                   t->array.view.storage->data, cs_array_numel (t)))
    {
      cs_interp_raise (interp, "RuntimeError",
                       "random_ expects 'from' to be less than 'to', but got from=%" G_GINT64_FORMAT
                       " >= to=%" G_GINT64_FORMAT, low, high);
      return NULL;
    }
  return t;
}

static const CsClass generator_class = {
  .kind = CS_KIND_OPAQUE,
  .name = "Generator",
  .module = "torch._C",
};

FUNC (f_manual_seed)
{
  CsObject *s = arg_at (args, 0, "seed");
  gint64 seed;
  CsArrayState *state = _cs_array_state (interp);

  if (s == NULL || !get_int (interp, s, &seed))
    {
      if (!cs_interp_has_error (interp))
        cs_interp_raise (interp, "TypeError", "manual_seed() missing 1 required positional argument: 'seed'");
      return NULL;
    }
  cs_torch_generator_seed (state->torch_gen, (guint64) seed);
  return cs_interp_alloc (interp, &generator_class);
}

FUNC (f_initial_seed)
{
  return cs_int_new (interp, (gint64) cs_torch_generator_initial_seed (_cs_array_state (interp)->torch_gen));
}

FUNC (f_arange)
{
  static const char *const allowed[] = { "start", "end", "step", "dtype", "device", "requires_grad", "out",
                                         "layout", NULL };
  CsArrayArg vals[3];
  guint n = args->n_args;
  double start = 0, end, step = 1;
  gboolean any_float = FALSE;
  CsDType dt;
  CsObject *d = kwarg (args, "dtype");
  gint64 count;
  CsObject *t;

  if (!check_kwargs (interp, args, "arange", allowed))
    return NULL;
  if (n == 0 || n > 3)
    {
      cs_interp_raise (interp, "TypeError", "arange() received an invalid combination of arguments");
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      if (!_cs_array_arg_init (interp, args->args[i], &vals[i]) || vals[i].obj)
        {
          cs_interp_raise (interp, "TypeError", "arange() received an invalid combination of arguments");
          return NULL;
        }
      if (vals[i].is_float)
        any_float = TRUE;
    }
  if (n == 1)
    end = vals[0].is_float ? vals[0].f : (double) vals[0].i;
  else
    {
      start = vals[0].is_float ? vals[0].f : (double) vals[0].i;
      end = vals[1].is_float ? vals[1].f : (double) vals[1].i;
      if (n == 3)
        step = vals[2].is_float ? vals[2].f : (double) vals[2].i;
    }
  if (step == 0)
    {
      cs_interp_raise (interp, "RuntimeError", "step must be nonzero");
      return NULL;
    }
  if ((step > 0 && start > end) || (step < 0 && start < end))
    {
      cs_interp_raise (interp, "RuntimeError", "upper bound and larger bound inconsistent with step sign");
      return NULL;
    }
  dt = any_float ? default_dtype (interp) : CS_DTYPE_INT64;
  if (d && cs_object_kind (d) != CS_KIND_NONE && !get_dtype_arg (interp, d, &dt))
    return NULL;
  count = (gint64) ceil ((end - start) / step);
  if (count < 0)
    count = 0;
  if ((guint64) count > interp->options.max_storage_numel)
    {
      cs_interp_raise (interp, "MemoryError", "Copyscope limits a storage to %" G_GSIZE_FORMAT
                       " elements (this one needs %" G_GINT64_FORMAT ")",
                       interp->options.max_storage_numel, count);
      return NULL;
    }
  t = new_tensor (interp, dt, 1, &count);
  if (t == NULL)
    return NULL;
  for (gint64 k = 0; k < count; k++)
    {
      if (cs_dtype_is_floating (dt))
        cs_dtype_set_double (dt, t->array.view.storage->data, k, start + (double) k * step);
      else
        cs_dtype_set_int (dt, t->array.view.storage->data, k, (gint64) start + k * (gint64) step);
    }
  if (!apply_requires_grad (interp, t, args))
    return NULL;
  return t;
}

FUNC (f_linspace)
{
  double start, end;
  gint64 steps;
  CsObject *t;
  CsDType dt = default_dtype (interp);

  if (args->n_args < 3 || !get_double (interp, args->args[0], &start) ||
      !get_double (interp, args->args[1], &end) || !get_int (interp, args->args[2], &steps))
    {
      if (!cs_interp_has_error (interp))
        cs_interp_raise (interp, "TypeError", "linspace() received an invalid combination of arguments");
      return NULL;
    }
  if (steps < 0)
    {
      cs_interp_raise (interp, "RuntimeError", "number of steps must be non-negative");
      return NULL;
    }
  t = new_tensor (interp, dt, 1, &steps);
  if (t == NULL)
    return NULL;
  {
    double stepv = steps > 1 ? (end - start) / (double) (steps - 1) : 0;
    gint64 half = steps / 2;
    for (gint64 k = 0; k < steps; k++)
      {
        /* PyTorch fills from both ends. */
        double v = k < half ? start + stepv * (double) k : end - stepv * (double) (steps - 1 - k);
        cs_dtype_set_double (dt, t->array.view.storage->data, k, v);
      }
  }
  return t;
}

FUNC (f_eye)
{
  gint64 n, m;
  gint64 shape[2];
  CsObject *t;
  CsObject *d = kwarg (args, "dtype");
  CsDType dt = default_dtype (interp);

  if (args->n_args < 1 || !get_int (interp, args->args[0], &n))
    {
      if (!cs_interp_has_error (interp))
        cs_interp_raise (interp, "TypeError", "eye() received an invalid combination of arguments");
      return NULL;
    }
  m = n;
  if (args->n_args > 1 && !get_int (interp, args->args[1], &m))
    return NULL;
  if (d && cs_object_kind (d) != CS_KIND_NONE && !get_dtype_arg (interp, d, &dt))
    return NULL;
  shape[0] = n;
  shape[1] = m;
  t = new_tensor (interp, dt, 2, shape);
  if (t == NULL)
    return NULL;
  for (gint64 i = 0; i < MIN (n, m); i++)
    cs_dtype_set_double (dt, t->array.view.storage->data, i * m + i, 1.0);
  return t;
}

static gboolean
tensor_list (CsInterp  *interp,
             CsObject  *seq,
             const char *fname,
             GPtrArray *out)
{
  if (seq == NULL || (cs_object_kind (seq) != CS_KIND_LIST && cs_object_kind (seq) != CS_KIND_TUPLE))
    {
      cs_interp_raise (interp, "TypeError", "%s(): argument 'tensors' (position 1) must be tuple of Tensors, not %s",
                       fname, seq ? cs_object_type_name (seq) : "NoneType");
      return FALSE;
    }
  for (gsize i = 0; i < seq->seq.len; i++)
    {
      if (!cs_is_tensor (seq->seq.items[i]))
        {
          cs_interp_raise (interp, "TypeError", "expected Tensor as element %" G_GSIZE_FORMAT
                           " in argument 0, but got %s", i, py_type_name (seq->seq.items[i]));
          return FALSE;
        }
      g_ptr_array_add (out, seq->seq.items[i]);
    }
  if (out->len == 0)
    {
      cs_interp_raise (interp, "RuntimeError", "%s expects a non-empty TensorList", fname);
      return FALSE;
    }
  return TRUE;
}

/* torch.cat / torch.stack (copies). */
static CsObject *
cat_or_stack (CsInterp     *interp,
              const CsArgs *args,
              gboolean      stack)
{
  const char *fname = stack ? "stack" : "cat";
  CsObject *seq = arg_at (args, 0, "tensors"), *d = dim_arg (args, 1);
  g_autoptr (GPtrArray) ts = g_ptr_array_new ();
  gint64 dim = 0, shape[CS_MAX_DIMS];
  guint ndim;
  CsObject *first, *out;
  CsDType dt;
  gint64 outer = 1, offset_inner = 0, out_inner;
  gsize isz;
  g_autofree CsObject **inputs = NULL;
  CsGradRecord rec = { 0 };

  if (!tensor_list (interp, seq, fname, ts))
    return NULL;
  if (d && !get_int (interp, d, &dim))
    return NULL;
  first = g_ptr_array_index (ts, 0);
  ndim = first->array.view.ndim;
  if (stack)
    {
      for (guint i = 1; i < ts->len; i++)
        {
          CsObject *x = g_ptr_array_index (ts, i);
          if (x->array.view.ndim != ndim ||
              memcmp (x->array.view.shape, first->array.view.shape, ndim * sizeof (gint64)) != 0)
            {
              GString *s1 = g_string_new ("["), *s2 = g_string_new ("[");
              for (guint j = 0; j < ndim; j++)
                g_string_append_printf (s1, "%s%" G_GINT64_FORMAT, j ? ", " : "", first->array.view.shape[j]);
              for (guint j = 0; j < x->array.view.ndim; j++)
                g_string_append_printf (s2, "%s%" G_GINT64_FORMAT, j ? ", " : "", x->array.view.shape[j]);
              g_string_append_c (s1, ']');
              g_string_append_c (s2, ']');
              cs_interp_raise (interp, "RuntimeError",
                               "stack expects each tensor to be equal size, but got %s at entry 0 and %s at entry %u",
                               s1->str, s2->str, i);
              g_string_free (s1, TRUE);
              g_string_free (s2, TRUE);
              return NULL;
            }
        }
      if (!norm_dim (interp, dim, ndim + 1, &dim))
        return NULL;
    }
  else
    {
      for (guint i = 1; i < ts->len; i++)
        {
          CsObject *x = g_ptr_array_index (ts, i);
          if (x->array.view.ndim != ndim)
            {
              cs_interp_raise (interp, "RuntimeError",
                               "Tensors must have same number of dimensions: got %u and %u",
                               ndim, x->array.view.ndim);
              return NULL;
            }
        }
      if (ndim == 0)
        {
          cs_interp_raise (interp, "RuntimeError",
                           "zero-dimensional tensor (at position 0) cannot be concatenated");
          return NULL;
        }
      if (!norm_dim (interp, dim, ndim, &dim))
        return NULL;
      for (guint i = 1; i < ts->len; i++)
        {
          CsObject *x = g_ptr_array_index (ts, i);
          for (guint j = 0; j < ndim; j++)
            if (j != dim && x->array.view.shape[j] != first->array.view.shape[j])
              {
                cs_interp_raise (interp, "RuntimeError",
                                 "Sizes of tensors must match except in dimension %" G_GINT64_FORMAT
                                 ". Expected size %" G_GINT64_FORMAT " but got size %" G_GINT64_FORMAT
                                 " for tensor number %u in the list.",
                                 dim, first->array.view.shape[j], x->array.view.shape[j], i);
                return NULL;
              }
        }
    }

  /* Result dtype: promotion over all inputs. */
  dt = first->array.view.dtype;
  for (guint i = 1; i < ts->len; i++)
    dt = cs_torch_promote_types (dt, ((CsObject *) g_ptr_array_index (ts, i))->array.view.dtype);

  /* Output shape. */
  if (stack)
    {
      guint k = 0;
      for (guint j = 0; j <= ndim; j++)
        shape[j] = (gint64) j == dim ? (gint64) ts->len : first->array.view.shape[k++];
      ndim++;
    }
  else
    {
      memcpy (shape, first->array.view.shape, ndim * sizeof (gint64));
      shape[dim] = 0;
      for (guint i = 0; i < ts->len; i++)
        shape[dim] += ((CsObject *) g_ptr_array_index (ts, i))->array.view.shape[dim];
    }
  out = new_tensor (interp, dt, ndim, shape);
  if (out == NULL)
    return NULL;
  isz = cs_dtype_itemsize (dt);
  for (gint64 j = 0; j < dim; j++)
    outer *= shape[j];
  out_inner = 1;
  for (guint j = (guint) dim; j < ndim; j++)
    out_inner *= shape[j];
  for (guint i = 0; i < ts->len; i++)
    {
      CsObject *x = g_ptr_array_index (ts, i);
      g_autofree gpointer buf = _cs_array_gather (x, dt, x->array.view.ndim, x->array.view.shape);
      gint64 inner = cs_array_numel (x) / MAX (outer, 1);
      if (outer == 0)
        inner = 0;
      for (gint64 o = 0; o < outer; o++)
        memcpy ((char *) out->array.view.storage->data + (o * out_inner + offset_inner) * isz,
                (char *) buf + o * inner * isz, inner * isz);
      offset_inner += inner;
    }
  inputs = g_new0 (CsObject *, ts->len);
  for (guint i = 0; i < ts->len; i++)
    inputs[i] = g_ptr_array_index (ts, i);
  rec.op = stack ? CS_GRAD_OP_STACK : CS_GRAD_OP_CAT;
  rec.inputs = inputs;
  rec.n_inputs = ts->len;
  rec.dim = dim;
  cs_autograd_record (interp, out, &rec);
  return out;
}

FUNC (f_cat)
{
  return cat_or_stack (interp, args, FALSE);
}

FUNC (f_stack)
{
  return cat_or_stack (interp, args, TRUE);
}

FUNC (f_equal)
{
  CsObject *a = arg_at (args, 0, "input"), *b = arg_at (args, 1, "other");
  CsArgs a2 = { 0 };

  if (a == NULL || !cs_is_tensor (a))
    {
      cs_interp_raise (interp, "TypeError", "equal(): argument 'input' (position 1) must be Tensor, not %s",
                       a ? cs_object_type_name (a) : "NoneType");
      return NULL;
    }
  a2.args = &b;
  a2.n_args = b ? 1 : 0;
  return m_equal (interp, a, &a2);
}

FUNC (f_is_tensor)
{
  CsObject *x = arg_at (args, 0, "obj");

  return cs_bool (interp, x && cs_is_tensor (x));
}

FUNC (f_get_default_dtype)
{
  return _cs_torch_dtype_object (interp, default_dtype (interp));
}

FUNC (f_allclose)
{
  CsObject *a = arg_at (args, 0, "input"), *b = arg_at (args, 1, "other");
  CsObject *rt = arg_at (args, 2, "rtol"), *at = arg_at (args, 3, "atol");
  double rtol = 1e-5, atol = 1e-8;
  CsArrayArg x, y;
  CsObject *diff;
  g_autofree double *da = NULL, *db = NULL;
  gsize n;
  CsDType dt;

  if (a == NULL || b == NULL || !cs_is_tensor (a) || !cs_is_tensor (b))
    {
      cs_interp_raise (interp, "TypeError", "allclose(): argument 'input' must be Tensor");
      return NULL;
    }
  if ((rt && !get_double (interp, rt, &rtol)) || (at && !get_double (interp, at, &atol)))
    return NULL;
  _cs_array_arg_init (interp, a, &x);
  _cs_array_arg_init (interp, b, &y);
  diff = _cs_array_binary (interp, CS_LIB_TORCH, &cs_tensor_class, CS_AOP_SUB, &x, &y, NULL);
  if (diff == NULL)
    return NULL;
  dt = diff->array.view.dtype;
  (void) dt;
  {
    gint64 shape[CS_MAX_DIMS];
    guint nd = diff->array.view.ndim;
    memcpy (shape, diff->array.view.shape, nd * sizeof (gint64));
    da = _cs_array_gather (a, CS_DTYPE_FLOAT64, nd, shape);
    db = _cs_array_gather (b, CS_DTYPE_FLOAT64, nd, shape);
  }
  n = cs_array_numel (diff);
  for (gsize i = 0; i < n; i++)
    if (!(fabs (da[i] - db[i]) <= atol + rtol * fabs (db[i])))
      return cs_bool (interp, FALSE);
  return cs_bool (interp, TRUE);
}

/* torch.f(x, ...) → x.f(...). */
static CsObject *
forward_to_method (CsInterp     *interp,
                   const CsArgs *args,
                   const char   *name)
{
  CsObject *x = args->n_args ? args->args[0] : kwarg (args, "input");
  CsObject *m;
  CsArgs rest = *args;

  if (x == NULL || !cs_is_tensor (x))
    {
      if (x && args->n_args && (strcmp (name, "add") == 0 || strcmp (name, "mul") == 0 ||
                                strcmp (name, "sub") == 0 || strcmp (name, "div") == 0))
        {
          CsObject *t = tensor_from_data (interp, x, -1);
          if (t == NULL)
            return NULL;
          x = t;
        }
      else
        {
          cs_interp_raise (interp, "TypeError", "%s(): argument 'input' (position 1) must be Tensor, not %s",
                           name, x ? cs_object_type_name (x) : "NoneType");
          return NULL;
        }
    }
  if (args->n_args)
    {
      rest.args = args->args + 1;
      rest.n_args = args->n_args - 1;
    }
  else
    {
      /* input= given by keyword: drop it. */
      rest.n_kw = 0;
    }
  m = tensor_method_lookup (interp, x, name);
  if (m == NULL)
    {
      cs_interp_raise (interp, "AttributeError", "module 'torch' has no attribute '%s'", name);
      return NULL;
    }
  return cs_op_call (interp, m, &rest);
}

#define FORWARD(name)                               \
  FUNC (f_fw_##name)                                \
  {                                                 \
    return forward_to_method (interp, args, #name); \
  }

FORWARD (transpose)
FORWARD (t)
FORWARD (permute)
FORWARD (reshape)
FORWARD (flatten)
FORWARD (squeeze)
FORWARD (unsqueeze)
FORWARD (narrow)
FORWARD (select)
FORWARD (sum)
FORWARD (mean)
FORWARD (max)
FORWARD (min)
FORWARD (argmax)
FORWARD (argmin)
FORWARD (prod)
FORWARD (abs)
FORWARD (exp)
FORWARD (log)
FORWARD (sqrt)
FORWARD (sin)
FORWARD (cos)
FORWARD (tanh)
FORWARD (sigmoid)
FORWARD (relu)
FORWARD (neg)
FORWARD (add)
FORWARD (sub)
FORWARD (mul)
FORWARD (div)
FORWARD (pow)
FORWARD (matmul)
FORWARD (mm)
FORWARD (dot)
FORWARD (clone)
FORWARD (numel)
FORWARD (maximum)
FORWARD (minimum)
FORWARD (clamp)
FORWARD (eq)
FORWARD (floor)
FORWARD (round)
FORWARD (detach)
FORWARD (reciprocal)

static const struct
{
  const char   *name;
  CsBuiltinFunc func;
} torch_functions[] = {
  { "tensor", f_tensor }, { "from_numpy", f_from_numpy }, { "as_tensor", f_as_tensor },
  { "zeros", f_zeros }, { "ones", f_ones }, { "empty", f_empty }, { "full", f_full },
  { "zeros_like", f_zeros_like }, { "ones_like", f_ones_like }, { "rand_like", f_rand_like },
  { "rand", f_rand }, { "randn", f_randn }, { "randint", f_randint },
  { "manual_seed", f_manual_seed }, { "initial_seed", f_initial_seed },
  { "arange", f_arange }, { "linspace", f_linspace }, { "eye", f_eye },
  { "cat", f_cat }, { "concat", f_cat }, { "stack", f_stack }, { "equal", f_equal },
  { "is_tensor", f_is_tensor }, { "get_default_dtype", f_get_default_dtype },
  { "allclose", f_allclose },
  { "transpose", f_fw_transpose }, { "t", f_fw_t }, { "permute", f_fw_permute },
  { "reshape", f_fw_reshape }, { "flatten", f_fw_flatten }, { "squeeze", f_fw_squeeze },
  { "unsqueeze", f_fw_unsqueeze }, { "narrow", f_fw_narrow }, { "select", f_fw_select },
  { "sum", f_fw_sum }, { "mean", f_fw_mean }, { "max", f_fw_max }, { "min", f_fw_min },
  { "argmax", f_fw_argmax }, { "argmin", f_fw_argmin }, { "prod", f_fw_prod },
  { "abs", f_fw_abs }, { "exp", f_fw_exp }, { "log", f_fw_log }, { "sqrt", f_fw_sqrt },
  { "sin", f_fw_sin }, { "cos", f_fw_cos }, { "tanh", f_fw_tanh }, { "sigmoid", f_fw_sigmoid },
  { "relu", f_fw_relu }, { "neg", f_fw_neg }, { "add", f_fw_add }, { "sub", f_fw_sub },
  { "mul", f_fw_mul }, { "div", f_fw_div }, { "pow", f_fw_pow }, { "matmul", f_fw_matmul },
  { "mm", f_fw_mm }, { "dot", f_fw_dot }, { "clone", f_fw_clone }, { "numel", f_fw_numel },
  { "maximum", f_fw_maximum }, { "minimum", f_fw_minimum }, { "clamp", f_fw_clamp },
  { "eq", f_fw_eq }, { "floor", f_fw_floor }, { "round", f_fw_round }, { "detach", f_fw_detach },
  { "reciprocal", f_fw_reciprocal },
};

static const struct
{
  const char *name;
  CsDType     dtype;
} torch_dtype_names[] = {
  { "float32", CS_DTYPE_FLOAT32 }, { "float", CS_DTYPE_FLOAT32 },
  { "float64", CS_DTYPE_FLOAT64 }, { "double", CS_DTYPE_FLOAT64 },
  { "float16", CS_DTYPE_FLOAT16 }, { "half", CS_DTYPE_FLOAT16 },
  { "int64", CS_DTYPE_INT64 }, { "long", CS_DTYPE_INT64 },
  { "int32", CS_DTYPE_INT32 }, { "int", CS_DTYPE_INT32 },
  { "int16", CS_DTYPE_INT16 }, { "short", CS_DTYPE_INT16 },
  { "int8", CS_DTYPE_INT8 }, { "uint8", CS_DTYPE_UINT8 }, { "bool", CS_DTYPE_BOOL },
};

gboolean
cs_torch_module_init (CsInterp *interp,
                      CsObject *module)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_classes_once, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (torch_functions); i++)
    cs_module_add_function (interp, module, torch_functions[i].name, torch_functions[i].func);
  for (guint i = 0; i < G_N_ELEMENTS (torch_dtype_names); i++)
    cs_module_add (interp, module, torch_dtype_names[i].name,
                   _cs_torch_dtype_object (interp, torch_dtype_names[i].dtype));
  cs_module_add (interp, module, "Tensor", cs_type_object (interp, &cs_tensor_class));
  cs_module_add (interp, module, "FloatTensor", cs_type_object (interp, &FloatTensor_class));
  cs_module_add (interp, module, "DoubleTensor", cs_type_object (interp, &DoubleTensor_class));
  cs_module_add (interp, module, "LongTensor", cs_type_object (interp, &LongTensor_class));
  cs_module_add (interp, module, "IntTensor", cs_type_object (interp, &IntTensor_class));
  cs_module_add (interp, module, "BoolTensor", cs_type_object (interp, &BoolTensor_class));
  cs_module_add (interp, module, "ByteTensor", cs_type_object (interp, &ByteTensor_class));
  cs_module_add (interp, module, "HalfTensor", cs_type_object (interp, &HalfTensor_class));
  cs_module_add (interp, module, "Size", cs_type_object (interp, &size_class));
  cs_autograd_add_torch_functions (interp, module);
  return TRUE;
}
