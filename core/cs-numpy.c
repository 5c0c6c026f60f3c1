/* cs-numpy.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numpy module and numpy.ndarray as NumPy 1.24 behaves: views (basic
 * slicing, .T, reshape when possible) share the buffer and keep .base,
 * copies allocate; byte strides; flags; legacy value-based type promotion;
 * NumPy scalars (np.int64(3), a.sum ()) with their exact repr; and the
 * legacy np.random generator.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-array-private.h"
#include "cs-facts-array.h"

/* ---- helpers ------------------------------------------------------------------ */

static CsObject *
kwarg (const CsArgs *args,
       const char   *name)
{
  for (guint i = 0; i < args->n_kw; i++)
    if (strcmp (args->kw_names[i], name) == 0)
      return args->kw_values[i];
  return NULL;
}

static CsObject *
arg_at (const CsArgs *args,
        guint         i,
        const char   *name)
{
  if (i < args->n_args)
    return args->args[i];
  return name ? kwarg (args, name) : NULL;
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
is_none (CsObject *x)
{
  return x == NULL || cs_object_kind (x) == CS_KIND_NONE;
}

static gboolean
parse_shape_obj (CsInterp *interp,
                 CsObject *const *items,
                 gsize     n,
                 guint    *ndim,
                 gint64   *shape)
{
  if (n == 1 && (cs_object_kind (items[0]) == CS_KIND_TUPLE || cs_object_kind (items[0]) == CS_KIND_LIST))
    {
      n = items[0]->seq.len;
      items = items[0]->seq.items;
    }
  if (n > CS_MAX_DIMS)
    {
      cs_interp_raise (interp, "ValueError", "maximum supported dimension for an ndarray is 32, found %"
                       G_GSIZE_FORMAT, n);
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      if (cs_object_kind (items[i]) == CS_KIND_FLOAT)
        {
          cs_interp_raise (interp, "TypeError", "'float' object cannot be interpreted as an integer");
          return FALSE;
        }
      if (!cs_op_index (interp, items[i], &shape[i]))
        return FALSE;
    }
  *ndim = (guint) n;
  return TRUE;
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

/* ---- NumPy scalars ------------------------------------------------------------- */

static CsClass scalar_classes[CS_N_DTYPES];
static CsClass dtype_classes[CS_N_DTYPES];
static char *dtype_class_names[CS_N_DTYPES];

static const char *const scalar_names[CS_N_DTYPES] = {
  [CS_DTYPE_BOOL] = "bool_", [CS_DTYPE_UINT8] = "uint8", [CS_DTYPE_INT8] = "int8",
  [CS_DTYPE_INT16] = "int16", [CS_DTYPE_INT32] = "int32", [CS_DTYPE_INT64] = "int64",
  [CS_DTYPE_FLOAT16] = "float16", [CS_DTYPE_FLOAT32] = "float32", [CS_DTYPE_FLOAT64] = "float64",
};

static gpointer init_classes_once (gpointer data);

/* The scalar and dtype classes are filled on first use (t.numpy () can make
 * NumPy objects before numpy is imported). */
static void
ensure_classes (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_classes_once, NULL);
}

static int
scalar_dtype_of_class (const CsClass *cls)
{
  for (int d = 0; d < CS_N_DTYPES; d++)
    if (cls == &scalar_classes[d])
      return d;
  return -1;
}

/* A scalar object holds its value in the dtype's own bytes. */
typedef struct
{
  guint64 bits;
} ScalarData;

gboolean
_cs_numpy_scalar_get (CsObject *obj,
                      CsDType  *dtype,
                      double   *f,
                      gint64   *i)
{
  int d;

  if (obj == NULL || cs_object_kind (obj) != CS_KIND_OPAQUE)
    return FALSE;
  d = scalar_dtype_of_class (obj->cls);
  if (d < 0)
    return FALSE;
  *dtype = d;
  *f = cs_dtype_get_double (d, obj->opaque.data, 0);
  *i = cs_dtype_get_int (d, obj->opaque.data, 0);
  return TRUE;
}

static CsObject *
scalar_new_raw (CsInterp *interp,
                CsDType   dtype)
{
  CsObject *o;

  ensure_classes ();
  o = cs_interp_alloc (interp, &scalar_classes[dtype]);
  o->opaque.data = g_new0 (ScalarData, 1);
  o->opaque.destroy = g_free;
  return o;
}

CsObject *
_cs_numpy_scalar_new (CsInterp  *interp,
                      CsStorage *storage,
                      gint64     sidx)
{
  CsObject *o = scalar_new_raw (interp, storage->dtype);
  gsize isz = cs_dtype_itemsize (storage->dtype);

  memcpy (o->opaque.data, (char *) storage->data + sidx * isz, isz);
  return o;
}

static CsObject *
scalar_from_double (CsInterp *interp,
                    CsDType   dtype,
                    double    f,
                    gint64    i,
                    gboolean  is_float)
{
  CsObject *o = scalar_new_raw (interp, dtype);

  if (is_float || cs_dtype_is_floating (dtype))
    cs_dtype_set_double (dtype, o->opaque.data, 0, is_float ? f : (double) i);
  else
    cs_dtype_set_int (dtype, o->opaque.data, 0, i);
  return o;
}

/* A 0-d ndarray result becomes a NumPy scalar, as ufuncs return. */
static CsObject *
maybe_scalar (CsInterp *interp,
              CsObject *array)
{
  if (array == NULL || !cs_is_ndarray (array) || array->array.view.ndim != 0)
    return array;
  return _cs_numpy_scalar_new (interp, array->array.view.storage, (gint64) array->array.view.offset);
}

static char *
scalar_repr (CsInterp *interp,
             CsObject *self)
{
  int d = scalar_dtype_of_class (self->cls);

  return cs_format_numpy_scalar (d, self->opaque.data, 0);
}

/* A 0-d ndarray holding the scalar (for the array kernels). */
static CsObject *
scalar_to_array (CsInterp *interp,
                 CsObject *self)
{
  int d = scalar_dtype_of_class (self->cls);
  CsObject *a = _cs_array_new (interp, &cs_ndarray_class, d, 0, NULL);

  if (a)
    memcpy (a->array.view.storage->data, self->opaque.data, cs_dtype_itemsize (d));
  return a;
}

static CsObject *ndarray_binop (CsInterp *interp, CsBinOp op, CsObject *a, CsObject *b, gboolean inplace);
static CsObject *ndarray_compare (CsInterp *interp, CsCmpOp op, CsObject *a, CsObject *b);
static CsObject *ndarray_unop (CsInterp *interp, CsUnaryOp op, CsObject *self);

static CsObject *
scalar_binop (CsInterp *interp,
              CsBinOp   op,
              CsObject *a,
              CsObject *b,
              gboolean  inplace)
{
  CsArrayArg x, y;

  if (!_cs_array_arg_init (interp, a, &x) || !_cs_array_arg_init (interp, b, &y))
    return cs_not_implemented (interp);
  if (cs_is_tensor (a) || cs_is_tensor (b))
    return cs_not_implemented (interp);
  return ndarray_binop (interp, op, a, b, FALSE);
}

static CsObject *
scalar_compare (CsInterp *interp,
                CsCmpOp   op,
                CsObject *a,
                CsObject *b)
{
  CsArrayArg x, y;

  if (!_cs_array_arg_init (interp, a, &x) || !_cs_array_arg_init (interp, b, &y))
    return cs_not_implemented (interp);
  if (cs_is_tensor (a) || cs_is_tensor (b))
    return cs_not_implemented (interp);
  return ndarray_compare (interp, op, a, b);
}

static CsObject *
scalar_unop (CsInterp  *interp,
             CsUnaryOp  op,
             CsObject  *self)
{
  CsObject *a = scalar_to_array (interp, self);

  if (a == NULL)
    return NULL;
  return ndarray_unop (interp, op, a);
}

static int
scalar_truth (CsInterp *interp,
              CsObject *self)
{
  CsDType d;
  double f;
  gint64 i;

  _cs_numpy_scalar_get (self, &d, &f, &i);
  return cs_dtype_is_floating (d) ? f != 0 : i != 0;
}

static gboolean
scalar_to_int (CsInterp *interp,
               CsObject *self,
               gint64   *out)
{
  CsDType d;
  double f;
  gint64 i;

  _cs_numpy_scalar_get (self, &d, &f, &i);
  if (cs_dtype_is_floating (d))
    {
      if (isnan (f) || isinf (f))
        {
          cs_interp_raise (interp, isnan (f) ? "ValueError" : "OverflowError",
                           isnan (f) ? "cannot convert float NaN to integer"
                                     : "cannot convert float infinity to integer");
          return FALSE;
        }
      *out = (gint64) f;
    }
  else
    *out = i;
  return TRUE;
}

static gboolean
scalar_to_float (CsInterp *interp,
                 CsObject *self,
                 double   *out)
{
  CsDType d;
  gint64 i;

  _cs_numpy_scalar_get (self, &d, out, &i);
  return TRUE;
}

static gboolean
scalar_hash (CsInterp *interp,
             CsObject *self,
             guint64  *out_hash)
{
  CsDType d;
  double f;
  gint64 i;

  /* Equal numbers hash equal: hash the Python number of the same value. */
  _cs_numpy_scalar_get (self, &d, &f, &i);
  if (cs_dtype_is_floating (d))
    return cs_op_hash (interp, cs_float_new (interp, f), out_hash);
  return cs_op_hash (interp, cs_int_new (interp, i), out_hash);
}

static CsObject *
scalar_getattr (CsInterp   *interp,
                CsObject   *self,
                const char *name)
{
  int d = scalar_dtype_of_class (self->cls);

  if (strcmp (name, "dtype") == 0)
    return _cs_numpy_dtype_object (interp, d);
  if (strcmp (name, "ndim") == 0)
    return cs_int_new (interp, 0);
  if (strcmp (name, "shape") == 0)
    return cs_tuple_new (interp, 0);
  if (strcmp (name, "itemsize") == 0 || strcmp (name, "nbytes") == 0)
    return cs_int_new (interp, (gint64) cs_dtype_itemsize (d));
  if (strcmp (name, "size") == 0)
    return cs_int_new (interp, 1);
  for (const CsMethodDef *m = self->cls->methods; m && m->name; m++)
    if (strcmp (m->name, name) == 0)
      return NULL;
  cs_interp_raise (interp, "AttributeError", "'numpy.%s' object has no attribute '%s'", scalar_names[d], name);
  return NULL;
}

static CsObject *
scalar_item (CsInterp     *interp,
             CsObject     *self,
             const CsArgs *args)
{
  CsDType d;
  double f;
  gint64 i;

  _cs_numpy_scalar_get (self, &d, &f, &i);
  if (cs_dtype_is_floating (d))
    return cs_float_new (interp, f);
  if (d == CS_DTYPE_BOOL)
    return cs_bool (interp, i != 0);
  return cs_int_new (interp, i);
}

static const CsMethodDef scalar_methods[] = {
  { "item", scalar_item },
  { "tolist", scalar_item },
  { NULL, NULL }
};

static CsObject *
scalar_construct (CsInterp      *interp,
                  const CsClass *cls,
                  const CsArgs  *args)
{
  int d = scalar_dtype_of_class (cls);
  CsObject *x = arg_at (args, 0, NULL);
  CsArrayArg a;

  if (x == NULL)
    return scalar_from_double (interp, d, 0, 0, FALSE);
  if (cs_object_kind (x) == CS_KIND_LIST || cs_object_kind (x) == CS_KIND_TUPLE)
    return _cs_array_from_data (interp, &cs_ndarray_class, CS_LIB_NUMPY, x, d);
  if (cs_object_kind (x) == CS_KIND_STR)
    {
      double v;
      char *end = NULL;
      v = g_ascii_strtod (x->str.data, &end);
      if (end == x->str.data || *end)
        {
          cs_interp_raise (interp, "ValueError", "could not convert string to float: '%s'", x->str.data);
          return NULL;
        }
      return scalar_from_double (interp, d, v, (gint64) v, TRUE);
    }
  if (!_cs_array_arg_init (interp, x, &a))
    {
      cs_interp_raise (interp, "TypeError", "%s() argument must be a string or a number, not '%s'",
                       cs_dtype_is_floating (d) ? "float" : "int", cs_object_type_name (x));
      return NULL;
    }
  if (a.obj)
    {
      if (a.obj->array.view.ndim == 0)
        {
          CsObject *c = _cs_array_copy (interp, a.obj, &cs_ndarray_class, d);
          return maybe_scalar (interp, c);
        }
      return _cs_array_copy (interp, a.obj, &cs_ndarray_class, d);
    }
  return scalar_from_double (interp, d, a.f, a.i, a.is_float);
}

/* Facts (FACTS.md 4): NumPy scalars are {"scalar": value, "dtype": name}.
 * The snapshot keeps the exact value and marks the object. */
static void
scalar_snapshot (CsObject     *self,
                 CsSnapObject *snap)
{
  CsDType d;
  double f;
  gint64 i;

  _cs_numpy_scalar_get (self, &d, &f, &i);
  snap->int_value = i;
  snap->float_value = cs_dtype_is_floating (d) ? f : (double) i;
  cs_facts_array_mark_scalar (snap, d);
}

/* ---- numpy.dtype objects -------------------------------------------------------- */

static int
dtype_of_dtype_class (const CsClass *cls)
{
  for (int d = 0; d < CS_N_DTYPES; d++)
    if (cls == &dtype_classes[d])
      return d;
  return -1;
}

static char *
dtype_repr (CsInterp *interp,
            CsObject *self)
{
  int d = dtype_of_dtype_class (self->cls);

  return g_strdup_printf ("dtype('%s')", cs_dtype_name (d));
}

static char *
dtype_str (CsInterp *interp,
           CsObject *self)
{
  return g_strdup (cs_dtype_name (dtype_of_dtype_class (self->cls)));
}

static gboolean
dtype_from_string (const char *s,
                   CsDType    *out)
{
  static const struct { const char *name; CsDType d; } aliases[] = {
    { "float", CS_DTYPE_FLOAT64 }, { "double", CS_DTYPE_FLOAT64 }, { "f8", CS_DTYPE_FLOAT64 },
    { "f4", CS_DTYPE_FLOAT32 }, { "single", CS_DTYPE_FLOAT32 }, { "half", CS_DTYPE_FLOAT16 },
    { "f2", CS_DTYPE_FLOAT16 }, { "int", CS_DTYPE_INT64 }, { "i8", CS_DTYPE_INT64 },
    { "long", CS_DTYPE_INT64 }, { "i4", CS_DTYPE_INT32 }, { "i2", CS_DTYPE_INT16 },
    { "i1", CS_DTYPE_INT8 }, { "u1", CS_DTYPE_UINT8 }, { "b1", CS_DTYPE_BOOL },
    { "bool_", CS_DTYPE_BOOL }, { "?", CS_DTYPE_BOOL }, { "d", CS_DTYPE_FLOAT64 },
    { "f", CS_DTYPE_FLOAT32 }, { "l", CS_DTYPE_INT64 }, { "i", CS_DTYPE_INT32 },
  };

  if (cs_dtype_from_name (s, out))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (strcmp (aliases[i].name, s) == 0)
      {
        *out = aliases[i].d;
        return TRUE;
      }
  return FALSE;
}

gboolean
_cs_numpy_dtype_get (CsObject *obj,
                     CsDType  *out)
{
  int d;

  if (obj == NULL)
    return FALSE;
  if (cs_object_kind (obj) == CS_KIND_TYPE)
    {
      d = scalar_dtype_of_class (obj->type.of);
      if (d >= 0)
        {
          *out = d;
          return TRUE;
        }
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
      return FALSE;
    }
  if (cs_object_kind (obj) == CS_KIND_STR)
    return dtype_from_string (obj->str.data, out);
  d = dtype_of_dtype_class (obj->cls);
  if (d >= 0)
    {
      *out = d;
      return TRUE;
    }
  return FALSE;
}

static gboolean
get_dtype_arg (CsInterp *interp,
               CsObject *obj,
               CsDType  *out)
{
  if (_cs_numpy_dtype_get (obj, out))
    return TRUE;
  if (cs_object_kind (obj) == CS_KIND_STR)
    cs_interp_raise (interp, "TypeError", "data type '%s' not understood", obj->str.data);
  else
    {
      g_autofree char *repr = cs_repr_object (interp, obj);

      /* A NULL repr has raised already (e.g. RecursionError). */
      if (repr != NULL)
        cs_interp_raise (interp, "TypeError", "Cannot interpret '%s' as a data type", repr);
    }
  return FALSE;
}

static CsObject *
dtype_compare (CsInterp *interp,
               CsCmpOp   op,
               CsObject *a,
               CsObject *b)
{
  CsDType x, y;

  if (op != CS_CMP_EQ && op != CS_CMP_NE)
    return cs_not_implemented (interp);
  if (!_cs_numpy_dtype_get (a, &x) || !_cs_numpy_dtype_get (b, &y))
    return cs_bool (interp, op == CS_CMP_NE);
  return cs_bool (interp, (x == y) == (op == CS_CMP_EQ));
}

static gboolean
dtype_hash (CsInterp *interp,
            CsObject *self,
            guint64  *out_hash)
{
  *out_hash = 0x9e3779b97f4a7c15ULL * (guint64) (dtype_of_dtype_class (self->cls) + 1);
  return TRUE;
}

static CsObject *
dtype_getattr (CsInterp   *interp,
               CsObject   *self,
               const char *name)
{
  int d = dtype_of_dtype_class (self->cls);

  if (strcmp (name, "name") == 0)
    return cs_str_new (interp, cs_dtype_name (d), -1);
  if (strcmp (name, "itemsize") == 0)
    return cs_int_new (interp, (gint64) cs_dtype_itemsize (d));
  if (strcmp (name, "kind") == 0)
    return cs_str_new (interp, d == CS_DTYPE_BOOL ? "b" : cs_dtype_is_floating (d) ? "f" :
                       d == CS_DTYPE_UINT8 ? "u" : "i", -1);
  if (strcmp (name, "type") == 0)
    return cs_type_object (interp, &scalar_classes[d]);
  return NULL;
}

CsObject *
_cs_numpy_dtype_object (CsInterp *interp,
                        CsDType   dtype)
{
  CsArrayState *state = _cs_array_state (interp);

  ensure_classes ();
  if (state->numpy_dtypes[dtype] == NULL)
    {
      CsObject *o = cs_interp_alloc (interp, &dtype_classes[dtype]);
      o->flags |= CS_OBJECT_PERMANENT;
      state->numpy_dtypes[dtype] = o;
    }
  return state->numpy_dtypes[dtype];
}

/* ---- flags ----------------------------------------------------------------------------- */

static CsObject *
flags_getitem (CsInterp *interp,
               CsObject *self,
               CsObject *index)
{
  CsObject *a = self->opaque.refs[0];
  CsLayout l;
  const char *k;

  _cs_view_get_layout (&a->array.view, &l);
  if (cs_object_kind (index) != CS_KIND_STR)
    {
      cs_interp_raise (interp, "KeyError", "Unknown flag");
      return NULL;
    }
  k = index->str.data;
  if (strcmp (k, "C_CONTIGUOUS") == 0 || strcmp (k, "C") == 0 || strcmp (k, "CONTIGUOUS") == 0)
    return cs_bool (interp, cs_layout_is_contiguous (&l));
  if (strcmp (k, "F_CONTIGUOUS") == 0 || strcmp (k, "F") == 0 || strcmp (k, "FORTRAN") == 0)
    return cs_bool (interp, cs_layout_is_f_contiguous (&l));
  if (strcmp (k, "OWNDATA") == 0 || strcmp (k, "O") == 0)
    return cs_bool (interp, a->array.base == NULL);
  if (strcmp (k, "WRITEABLE") == 0 || strcmp (k, "W") == 0 || strcmp (k, "ALIGNED") == 0 ||
      strcmp (k, "A") == 0)
    return cs_bool (interp, TRUE);
  if (strcmp (k, "WRITEBACKIFCOPY") == 0 || strcmp (k, "X") == 0)
    return cs_bool (interp, FALSE);
  cs_interp_raise (interp, "KeyError", "Unknown flag");
  return NULL;
}

static CsObject *
flags_getattr (CsInterp   *interp,
               CsObject   *self,
               const char *name)
{
  g_autofree char *up = g_ascii_strup (name, -1);
  static const char *const known[] = { "C_CONTIGUOUS", "F_CONTIGUOUS", "OWNDATA", "WRITEABLE",
                                       "ALIGNED", "WRITEBACKIFCOPY", "CONTIGUOUS", "FORTRAN", NULL };

  for (guint i = 0; known[i]; i++)
    if (strcmp (known[i], up) == 0)
      return flags_getitem (interp, self, cs_str_new (interp, up, -1));
  return NULL;
}

static char *
flags_repr (CsInterp *interp,
            CsObject *self)
{
  CsObject *a = self->opaque.refs[0];
  CsLayout l;

  _cs_view_get_layout (&a->array.view, &l);
  return g_strdup_printf ("  C_CONTIGUOUS : %s\n  F_CONTIGUOUS : %s\n  OWNDATA : %s\n"
                          "  WRITEABLE : True\n  ALIGNED : True\n  WRITEBACKIFCOPY : False\n",
                          cs_layout_is_contiguous (&l) ? "True" : "False",
                          cs_layout_is_f_contiguous (&l) ? "True" : "False",
                          a->array.base == NULL ? "True" : "False");
}

static const CsClass flags_class = {
  .kind = CS_KIND_OPAQUE,
  .name = "flagsobj",
  .module = "numpy",
  .repr = flags_repr,
  .getattr = flags_getattr,
  .getitem = flags_getitem,
};

/* ---- ndarray --------------------------------------------------------------------------- */

static char *
ndarray_repr (CsInterp *interp,
              CsObject *self)
{
  return cs_array_dup_repr (interp, self);
}

static char *
ndarray_str (CsInterp *interp,
             CsObject *self)
{
  const CsView *v = &self->array.view;

  return cs_format_numpy_str (v->dtype, v->storage->data, (gint64) v->offset, v->ndim, v->shape,
                              v->strides, &_cs_array_state (interp)->numpy_print);
}

static CsObject *
byte_strides (CsInterp *interp,
              CsObject *self)
{
  const CsView *v = &self->array.view;
  gint64 s[CS_MAX_DIMS];
  gsize isz = cs_dtype_itemsize (v->dtype);

  for (guint i = 0; i < v->ndim; i++)
    s[i] = v->strides[i] * (gint64) isz;
  return int_tuple (interp, v->ndim, s);
}

static CsObject *
ndarray_view_of (CsInterp       *interp,
                 CsObject       *self,
                 const CsLayout *layout)
{
  return _cs_array_view (interp, self, layout);
}

static CsObject *
ndarray_T (CsInterp *interp,
           CsObject *self)
{
  CsLayout in, out;

  _cs_view_get_layout (&self->array.view, &in);
  cs_layout_reverse (&in, &out);
  return ndarray_view_of (interp, self, &out);
}

static CsObject *
ndarray_getattr (CsInterp   *interp,
                 CsObject   *self,
                 const char *name)
{
  const CsView *v = &self->array.view;

  if (strcmp (name, "shape") == 0)
    return int_tuple (interp, v->ndim, v->shape);
  if (strcmp (name, "strides") == 0)
    return byte_strides (interp, self);
  if (strcmp (name, "dtype") == 0)
    return _cs_numpy_dtype_object (interp, v->dtype);
  if (strcmp (name, "ndim") == 0)
    return cs_int_new (interp, v->ndim);
  if (strcmp (name, "size") == 0)
    return cs_int_new (interp, (gint64) cs_array_numel (self));
  if (strcmp (name, "itemsize") == 0)
    return cs_int_new (interp, (gint64) cs_dtype_itemsize (v->dtype));
  if (strcmp (name, "nbytes") == 0)
    return cs_int_new (interp, (gint64) (cs_array_numel (self) * cs_dtype_itemsize (v->dtype)));
  if (strcmp (name, "T") == 0)
    return ndarray_T (interp, self);
  if (strcmp (name, "base") == 0)
    return self->array.base ? self->array.base : cs_none (interp);
  if (strcmp (name, "flags") == 0)
    {
      CsObject *f = cs_interp_alloc (interp, &flags_class);
      f->opaque.refs[0] = self;
      return f;
    }
  /* Methods are looked up next; anything else is NumPy's AttributeError
   * (which names the type numpy.ndarray). */
  for (const CsMethodDef *m = self->cls->methods; m && m->name; m++)
    if (strcmp (m->name, name) == 0)
      return NULL;
  cs_interp_raise (interp, "AttributeError", "'numpy.ndarray' object has no attribute '%s'", name);
  return NULL;
}

static gboolean
ndarray_setattr (CsInterp   *interp,
                 CsObject   *self,
                 const char *name,
                 CsObject   *value)
{
  if (strcmp (name, "shape") == 0)
    {
      cs_interp_raise (interp, "UnsupportedFeature", "assigning a.shape is not supported; use a.reshape ()");
      return FALSE;
    }
  cs_interp_raise (interp, "AttributeError", "'numpy.ndarray' object has no attribute '%s'", name);
  return FALSE;
}

static gboolean
aop_from_binop (CsBinOp    op,
                CsArrayOp *out)
{
  switch (op)
    {
    case CS_BIN_ADD: *out = CS_AOP_ADD; return TRUE;
    case CS_BIN_SUB: *out = CS_AOP_SUB; return TRUE;
    case CS_BIN_MUL: *out = CS_AOP_MUL; return TRUE;
    case CS_BIN_DIV: *out = CS_AOP_DIV; return TRUE;
    case CS_BIN_FLOORDIV: *out = CS_AOP_FLOORDIV; return TRUE;
    case CS_BIN_MOD: *out = CS_AOP_MOD; return TRUE;
    case CS_BIN_POW: *out = CS_AOP_POW; return TRUE;
    case CS_BIN_AND: *out = CS_AOP_AND; return TRUE;
    case CS_BIN_OR: *out = CS_AOP_OR; return TRUE;
    case CS_BIN_XOR: *out = CS_AOP_XOR; return TRUE;
    case CS_BIN_LSHIFT: *out = CS_AOP_LSHIFT; return TRUE;
    case CS_BIN_RSHIFT: *out = CS_AOP_RSHIFT; return TRUE;
    default: return FALSE;
    }
}

/* NumPy's promotion with 1.24's value-based casting, except that when no
 * operand is an array of ndim >= 1 the types promote plainly (NumPy scalar
 * arithmetic: np.float32(1) * 2 is a float64). */
static CsObject *
numpy_apply (CsInterp  *interp,
             CsArrayOp  op,
             CsObject  *x,
             CsObject  *y,
             CsObject  *out)
{
  CsArrayArg a, b;
  CsObject *r;

  if (!_cs_array_arg_init (interp, x, &a) || !_cs_array_arg_init (interp, y, &b))
    return cs_not_implemented (interp);
  if (a.promo.kind != CS_OPERAND_ARRAY && b.promo.kind != CS_OPERAND_ARRAY)
    {
      /* Treat Python numbers as their default NumPy types. */
      CsArrayArg *ab[2] = { &a, &b };
      for (guint k = 0; k < 2; k++)
        if (ab[k]->promo.kind != CS_OPERAND_ZERO_DIM)
          {
            ab[k]->promo.kind = CS_OPERAND_ZERO_DIM;
            ab[k]->promo.dtype = ab[k]->dtype;
          }
      if (a.promo.dtype != b.promo.dtype)
        {
          /* Plain promotion: present both as arrays. */
          a.promo.kind = CS_OPERAND_ARRAY;
          b.promo.kind = CS_OPERAND_ARRAY;
        }
    }
  r = _cs_array_binary (interp, CS_LIB_NUMPY, &cs_ndarray_class, op, &a, &b, out);
  if (r == NULL || out)
    return r;
  _cs_array_relayout_like (r, a.obj && a.obj->array.view.ndim == r->array.view.ndim ? a.obj : b.obj);
  /* ufunc output keeps the layout of a non-contiguous but dense input (order 'K'). */
  return maybe_scalar (interp, r);
}

static CsObject *
ndarray_binop (CsInterp *interp,
               CsBinOp   op,
               CsObject *a,
               CsObject *b,
               gboolean  inplace)
{
  CsArrayOp aop;
  CsArrayArg tmp;

  if (cs_is_tensor (a) || cs_is_tensor (b))
    return cs_not_implemented (interp);
  if (op == CS_BIN_MATMUL)
    {
      cs_interp_raise (interp, "UnsupportedFeature", "the @ operator on NumPy arrays is not supported");
      return NULL;
    }
  if (!aop_from_binop (op, &aop))
    return cs_not_implemented (interp);
  if (!_cs_array_arg_init (interp, a, &tmp) || !_cs_array_arg_init (interp, b, &tmp))
    {
      /* A list operand becomes an array. */
      CsObject *other = cs_is_ndarray (a) ? b : a;
      CsObject *arr;
      if (cs_object_kind (other) != CS_KIND_LIST && cs_object_kind (other) != CS_KIND_TUPLE)
        return cs_not_implemented (interp);
      arr = _cs_array_from_data (interp, &cs_ndarray_class, CS_LIB_NUMPY, other, -1);
      if (arr == NULL)
        return NULL;
      if (other == a)
        a = arr;
      else
        b = arr;
    }
  if (inplace && cs_is_ndarray (a))
    {
      if (numpy_apply (interp, aop, a, b, a) == NULL)
        return NULL;
      return a;
    }
  return numpy_apply (interp, aop, a, b, NULL);
}

static CsObject *
ndarray_compare (CsInterp *interp,
                 CsCmpOp   op,
                 CsObject *a,
                 CsObject *b)
{
  CsArrayOp aop;
  CsArrayArg tmp;

  if (cs_is_tensor (a) || cs_is_tensor (b))
    return cs_not_implemented (interp);
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
  if (!_cs_array_arg_init (interp, a, &tmp) || !_cs_array_arg_init (interp, b, &tmp))
    {
      CsObject *other = cs_is_ndarray (a) || _cs_array_arg_init (interp, a, &tmp) ? b : a;
      CsObject *arr;
      if (cs_object_kind (other) != CS_KIND_LIST && cs_object_kind (other) != CS_KIND_TUPLE)
        return cs_not_implemented (interp);
      arr = _cs_array_from_data (interp, &cs_ndarray_class, CS_LIB_NUMPY, other, -1);
      if (arr == NULL)
        return NULL;
      if (other == a)
        a = arr;
      else
        b = arr;
    }
  return numpy_apply (interp, aop, a, b, NULL);
}

static CsObject *
ndarray_unop (CsInterp  *interp,
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
          cs_interp_raise (interp, "TypeError",
                           "The numpy boolean negative, the `-` operator, is not supported, use the "
                           "`~` operator or the logical_not function instead.");
          return NULL;
        }
      out = _cs_array_unary (interp, self, CS_UOP_NEG, dt);
      if (out)
        _cs_array_relayout_like (out, self);
      break;
    case CS_UNARY_POS:
      out = _cs_array_copy (interp, self, &cs_ndarray_class, dt);
      break;
    case CS_UNARY_INVERT:
      if (cs_dtype_is_floating (dt))
        {
          cs_interp_raise (interp, "TypeError",
                           "ufunc 'invert' not supported for the input types, and the inputs could not "
                           "be safely coerced to any supported types according to the casting rule ''safe''");
          return NULL;
        }
      out = _cs_array_unary (interp, self, CS_UOP_INVERT, dt);
      break;
    default:
      return cs_not_implemented (interp);
    }
  return maybe_scalar (interp, out);
}

/* a[...]: basic indexing returns a view, or a scalar when every dimension
 * is indexed by an integer. */
static CsObject *
ndarray_getitem (CsInterp *interp,
                 CsObject *self,
                 CsObject *index)
{
  CsIndexItem items[64];
  guint n = 0;
  int r = _cs_array_parse_index (interp, index, items, &n);
  CsLayout in, out;
  CsStridedError err = { 0 };

  if (r == -2)
    cs_interp_raise (interp, "IndexError",
                     "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer "
                     "or boolean arrays are valid indices");
  if (r < 0)
    return NULL;
  if (r == 1)
    {
      gboolean all_int = TRUE;
      _cs_view_get_layout (&self->array.view, &in);
      if (!cs_layout_index (CS_LIB_NUMPY, &in, items, n, &out, &err))
        {
          _cs_array_raise_strided (interp, &err);
          return NULL;
        }
      for (guint i = 0; i < n; i++)
        if (items[i].kind != CS_INDEX_INT)
          all_int = FALSE;
      if (all_int && out.ndim == 0)
        return _cs_numpy_scalar_new (interp, self->array.view.storage, out.offset);
      return ndarray_view_of (interp, self, &out);
    }
  else
    {
      /* Advanced indexing: a boolean mask or integer list on the first axis (copies). */
      CsObject *ix = cs_is_ndarray (index) || cs_is_tensor (index) ? index :
                     _cs_array_from_data (interp, &cs_ndarray_class, CS_LIB_NUMPY, index, -1);
      const CsView *v = &self->array.view;
      GArray *pos;
      gint64 shape[CS_MAX_DIMS];
      guint ndim;
      CsObject *res;
      gsize isz = cs_dtype_itemsize (v->dtype);
      CsLayout sub;

      if (ix == NULL)
        return NULL;
      if (cs_object_kind (index) == CS_KIND_TUPLE)
        {
          cs_interp_raise (interp, "UnsupportedFeature",
                           "advanced indexing with several index arrays is not supported");
          return NULL;
        }
      pos = g_array_new (FALSE, FALSE, sizeof (gint64));
      _cs_view_get_layout (v, &in);
      if (ix->array.view.dtype == CS_DTYPE_BOOL)
        {
          const CsView *m = &ix->array.view;
          gint64 count = 0;
          if (m->ndim > v->ndim)
            {
              cs_interp_raise (interp, "IndexError", "too many indices for array: array is %u-dimensional, "
                               "but %u were indexed", v->ndim, m->ndim);
              g_array_unref (pos);
              return NULL;
            }
          for (guint i = 0; i < m->ndim; i++)
            if (m->shape[i] != v->shape[i])
              {
                cs_interp_raise (interp, "IndexError",
                                 "boolean index did not match indexed array along dimension %u; "
                                 "dimension is %" G_GINT64_FORMAT " but corresponding boolean "
                                 "dimension is %" G_GINT64_FORMAT, i, v->shape[i], m->shape[i]);
                g_array_unref (pos);
                return NULL;
              }
          {
            g_autofree gpointer mb = _cs_array_gather (ix, CS_DTYPE_BOOL, m->ndim, m->shape);
            gint64 mn = cs_array_numel (ix);
            sub = in;
            sub.ndim = v->ndim - m->ndim;
            for (guint i = 0; i < sub.ndim; i++)
              {
                sub.shape[i] = v->shape[m->ndim + i];
                sub.strides[i] = v->strides[m->ndim + i];
              }
            for (gint64 k = 0; k < mn; k++)
              if (((guint8 *) mb)[k])
                {
                  gint64 lin = k, base = (gint64) v->offset, sidx;
                  CsLayoutIter it;
                  for (gint d = (gint) m->ndim - 1; d >= 0; d--)
                    {
                      base += (lin % m->shape[d]) * v->strides[d];
                      lin /= m->shape[d];
                    }
                  sub.offset = base;
                  cs_layout_iter_init (&it, &sub);
                  while (cs_layout_iter_next (&it, &sidx))
                    g_array_append_val (pos, sidx);
                  count++;
                }
            ndim = 1 + sub.ndim;
            shape[0] = count;
            for (guint i = 0; i < sub.ndim; i++)
              shape[1 + i] = sub.shape[i];
          }
        }
      else if (!cs_dtype_is_floating (ix->array.view.dtype) && v->ndim > 0)
        {
          g_autofree gint64 *ib = _cs_array_gather (ix, CS_DTYPE_INT64, ix->array.view.ndim,
                                                    ix->array.view.shape);
          gint64 inn = cs_array_numel (ix);
          sub = in;
          sub.ndim = v->ndim - 1;
          for (guint i = 0; i < sub.ndim; i++)
            {
              sub.shape[i] = v->shape[1 + i];
              sub.strides[i] = v->strides[1 + i];
            }
          if (ix->array.view.ndim + sub.ndim > CS_MAX_DIMS)
            {
              cs_interp_raise (interp, "IndexError", "too many dimensions");
              g_array_unref (pos);
              return NULL;
            }
          for (gint64 k = 0; k < inn; k++)
            {
              gint64 i = ib[k], sidx;
              CsLayoutIter it;
              if (i < -v->shape[0] || i >= v->shape[0])
                {
                  cs_interp_raise (interp, "IndexError",
                                   "index %" G_GINT64_FORMAT " is out of bounds for axis 0 with size %"
                                   G_GINT64_FORMAT, i, v->shape[0]);
                  g_array_unref (pos);
                  return NULL;
                }
              if (i < 0)
                i += v->shape[0];
              sub.offset = (gint64) v->offset + i * v->strides[0];
              cs_layout_iter_init (&it, &sub);
              while (cs_layout_iter_next (&it, &sidx))
                g_array_append_val (pos, sidx);
              if (pos->len > interp->options.max_storage_numel)
                {
                  cs_interp_raise (interp, "MemoryError", "Copyscope limits a storage to %"
                                   G_GSIZE_FORMAT " elements", interp->options.max_storage_numel);
                  g_array_unref (pos);
                  return NULL;
                }
            }
          ndim = ix->array.view.ndim + sub.ndim;
          for (guint i = 0; i < ix->array.view.ndim; i++)
            shape[i] = ix->array.view.shape[i];
          for (guint i = 0; i < sub.ndim; i++)
            shape[ix->array.view.ndim + i] = sub.shape[i];
        }
      else
        {
          cs_interp_raise (interp, "IndexError",
                           "arrays used as indices must be of integer (or boolean) type");
          g_array_unref (pos);
          return NULL;
        }
      res = _cs_array_new (interp, &cs_ndarray_class, v->dtype, ndim, shape);
      if (res)
        for (guint k = 0; k < pos->len; k++)
          memcpy ((char *) res->array.view.storage->data + k * isz,
                  (char *) v->storage->data + g_array_index (pos, gint64, k) * isz, isz);
      g_array_unref (pos);
      return res;
    }
}

/* @value as a row-major buffer of @dtype broadcast to @shape (NumPy's
 * assignment rules and errors). */
static gpointer
assign_buffer (CsInterp     *interp,
               CsObject     *value,
               CsDType       dtype,
               guint         ndim,
               const gint64 *shape)
{
  CsArrayArg a;
  CsObject *src;

  if (!cs_is_ndarray (value) && !cs_is_tensor (value) && _cs_array_arg_init (interp, value, &a))
    {
      gint64 numel = 1;
      gpointer buf;
      for (guint i = 0; i < ndim; i++)
        numel *= shape[i];
      if (a.is_float && !cs_dtype_is_floating (dtype) && (isnan (a.f) || isinf (a.f)))
        {
          cs_interp_raise (interp, "ValueError", "cannot convert float %s to integer",
                           isnan (a.f) ? "NaN" : "infinity");
          return NULL;
        }
      buf = g_malloc0 (MAX (numel, 1) * cs_dtype_itemsize (dtype));
      for (gint64 k = 0; k < numel; k++)
        {
          if (a.is_float || cs_dtype_is_floating (dtype))
            cs_dtype_set_double (dtype, buf, k, a.is_float ? a.f : (double) a.i);
          else
            cs_dtype_set_int (dtype, buf, k, a.i);
        }
      return buf;
    }
  src = value;
  if (!cs_is_ndarray (value) && !cs_is_tensor (value))
    {
      src = _cs_array_from_data (interp, &cs_ndarray_class, CS_LIB_NUMPY, value, -1);
      if (src == NULL)
        return NULL;
    }
  {
    const CsView *sv = &src->array.view;
    gboolean ok = sv->ndim <= ndim;
    for (guint i = 0; ok && i < sv->ndim; i++)
      {
        gint64 s = sv->shape[sv->ndim - 1 - i], t = shape[ndim - 1 - i];
        if (s != t && s != 1)
          ok = FALSE;
      }
    if (!ok)
      {
        GString *a1 = g_string_new ("("), *a2 = g_string_new ("(");
        for (guint i = 0; i < sv->ndim; i++)
          g_string_append_printf (a1, "%" G_GINT64_FORMAT "%s", sv->shape[i],
                                  sv->ndim == 1 ? "," : i + 1 < sv->ndim ? "," : "");
        for (guint i = 0; i < ndim; i++)
          g_string_append_printf (a2, "%" G_GINT64_FORMAT "%s", shape[i],
                                  ndim == 1 ? "," : i + 1 < ndim ? "," : "");
        g_string_append_c (a1, ')');
        g_string_append_c (a2, ')');
        cs_interp_raise (interp, "ValueError", "could not broadcast input array from shape %s into shape %s",
                         a1->str, a2->str);
        g_string_free (a1, TRUE);
        g_string_free (a2, TRUE);
        return NULL;
      }
  }
  return _cs_array_gather (src, dtype, ndim, shape);
}

static gboolean
ndarray_setitem (CsInterp *interp,
                 CsObject *self,
                 CsObject *index,
                 CsObject *value)
{
  CsIndexItem items[64];
  guint n = 0;
  int r = _cs_array_parse_index (interp, index, items, &n);
  const CsView *v = &self->array.view;

  if (r == -2)
    cs_interp_raise (interp, "IndexError",
                     "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer "
                     "or boolean arrays are valid indices");
  if (r < 0)
    return FALSE;
  if (r == 1)
    {
      CsLayout in, out;
      CsStridedError err = { 0 };
      g_autofree gpointer buf = NULL;

      _cs_view_get_layout (v, &in);
      if (!cs_layout_index (CS_LIB_NUMPY, &in, items, n, &out, &err))
        {
          _cs_array_raise_strided (interp, &err);
          return FALSE;
        }
      buf = assign_buffer (interp, value, v->dtype, out.ndim, out.shape);
      if (buf == NULL)
        return FALSE;
      _cs_storage_write (interp, v->storage, &out, buf);
      return TRUE;
    }
  else
    {
      /* Boolean mask assignment a[mask] = v (a scalar or matching values). */
      CsObject *ix = cs_is_ndarray (index) || cs_is_tensor (index) ? index :
                     _cs_array_from_data (interp, &cs_ndarray_class, CS_LIB_NUMPY, index, -1);
      CsObject *sel;
      g_autofree gpointer buf = NULL;
      gsize isz = cs_dtype_itemsize (v->dtype);
      CsLayout in;
      if (ix == NULL)
        return FALSE;
      if (ix->array.view.dtype != CS_DTYPE_BOOL || ix->array.view.ndim != v->ndim)
        {
          cs_interp_raise (interp, "UnsupportedFeature",
                           "only assignment through a boolean mask of the array's shape is supported");
          return FALSE;
        }
      sel = ndarray_getitem (interp, self, ix);
      if (sel == NULL)
        return FALSE;
      buf = assign_buffer (interp, value, v->dtype, sel->array.view.ndim, sel->array.view.shape);
      if (buf == NULL)
        return FALSE;
      _cs_view_get_layout (v, &in);
      {
        g_autofree guint8 *mb = _cs_array_gather (ix, CS_DTYPE_BOOL, v->ndim, v->shape);
        CsLayoutIter it;
        gint64 sidx, k = 0, j = 0;
        g_autofree gpointer full = _cs_array_gather (self, v->dtype, v->ndim, v->shape);
        cs_layout_iter_init (&it, &in);
        while (cs_layout_iter_next (&it, &sidx))
          {
            if (mb[k])
              memcpy ((char *) full + k * isz, (char *) buf + (j++) * isz, isz);
            k++;
          }
        _cs_storage_write (interp, v->storage, &in, full);
      }
      return TRUE;
    }
}

static gssize
ndarray_len (CsInterp *interp,
             CsObject *self)
{
  return _cs_array_len (interp, self, "len() of unsized object");
}

static CsObject *
ndarray_row (CsInterp *interp,
             CsObject *self,
             gint64    i)
{
  return ndarray_getitem (interp, self, cs_int_new (interp, i));
}

static CsObject *
ndarray_iter (CsInterp *interp,
              CsObject *self)
{
  return _cs_array_iter_rows (interp, self, "iteration over a 0-d array", ndarray_row);
}

static int
ndarray_truth (CsInterp *interp,
               CsObject *self)
{
  gsize n = cs_array_numel (self);
  const CsView *v = &self->array.view;

  if (n > 1)
    {
      cs_interp_raise (interp, "ValueError",
                       "The truth value of an array with more than one element is ambiguous. "
                       "Use a.any() or a.all()");
      return -1;
    }
  if (n == 0)
    {
      cs_interp_warn (interp, "DeprecationWarning",
                      "The truth value of an empty array is ambiguous. Returning False, but in future "
                      "this will result in an error. Use `array.size > 0` to check that an array is "
                      "not empty.");
      return 0;
    }
  {
    CsLayout l;
    gint64 sidx;
    _cs_view_get_layout (v, &l);
    sidx = cs_layout_linear_to_storage (&l, 0);
    return cs_dtype_get_double (v->dtype, v->storage->data, sidx) != 0;
  }
}

static gboolean
ndarray_single (CsInterp *interp,
                CsObject *self,
                double   *f,
                gint64   *i)
{
  const CsView *v = &self->array.view;
  CsLayout l;
  gint64 sidx;

  if (cs_array_numel (self) != 1)
    {
      cs_interp_raise (interp, "TypeError", "only size-1 arrays can be converted to Python scalars");
      return FALSE;
    }
  _cs_view_get_layout (v, &l);
  sidx = cs_layout_linear_to_storage (&l, 0);
  *f = cs_dtype_get_double (v->dtype, v->storage->data, sidx);
  *i = cs_dtype_get_int (v->dtype, v->storage->data, sidx);
  return TRUE;
}

static gboolean
ndarray_to_int (CsInterp *interp,
                CsObject *self,
                gint64   *out)
{
  double f;
  gint64 i;

  if (!ndarray_single (interp, self, &f, &i))
    return FALSE;
  *out = cs_dtype_is_floating (self->array.view.dtype) ? (gint64) f : i;
  return TRUE;
}

static gboolean
ndarray_to_float (CsInterp *interp,
                  CsObject *self,
                  double   *out)
{
  gint64 i;

  return ndarray_single (interp, self, out, &i);
}

/* A copy in NumPy's order 'K' (keeps a dense non-C layout such as a.T). */
static CsObject *
copy_keep_order (CsInterp *interp,
                 CsObject *self,
                 CsDType   dtype)
{
  CsObject *out = _cs_array_copy (interp, self, &cs_ndarray_class, dtype);
  CsLayout l;

  if (out == NULL)
    return NULL;
  _cs_view_get_layout (&self->array.view, &l);
  if (!cs_layout_is_contiguous (&l) && cs_layout_is_f_contiguous (&l))
    {
      /* Re-lay as Fortran order. */
      CsView *v = &out->array.view;
      gsize isz = cs_dtype_itemsize (dtype);
      g_autofree gpointer rowmajor = g_memdup2 (v->storage->data, MAX (cs_array_numel (out), 1) * isz);
      gint64 s = 1;
      CsLayout nl;
      CsLayoutIter it;
      gint64 idx, k = 0;
      for (guint i = 0; i < v->ndim; i++)
        {
          v->strides[i] = s;
          s *= MAX (v->shape[i], 1);
        }
      _cs_view_get_layout (v, &nl);
      cs_layout_iter_init (&it, &nl);
      while (cs_layout_iter_next (&it, &idx))
        {
          memcpy ((char *) v->storage->data + idx * isz, (char *) rowmajor + k * isz, isz);
          k++;
        }
    }
  return out;
}

static CsObject *
ndarray_copy_hook (CsInterp *interp,
                   CsObject *self)
{
  return copy_keep_order (interp, self, self->array.view.dtype);
}

static CsObject *
ndarray_deepcopy_hook (CsInterp   *interp,
                       CsObject   *self,
                       CsCopyMemo *memo)
{
  CsObject *out = cs_copy_memo_lookup (memo, self);

  if (out)
    return out;
  out = copy_keep_order (interp, self, self->array.view.dtype);
  if (out)
    cs_copy_memo_add (memo, self, out);
  return out;
}

/* ---- ndarray methods ------------------------------------------------------------------- */

#define METHOD(name) \
  static CsObject *name (CsInterp *interp, CsObject *self, const CsArgs *args)

METHOD (a_copy)
{
  return _cs_array_copy (interp, self, &cs_ndarray_class, self->array.view.dtype);
}

METHOD (a_astype)
{
  CsObject *d = arg_at (args, 0, "dtype");
  CsObject *c = kwarg (args, "copy");
  CsDType dt;

  if (d == NULL)
    {
      cs_interp_raise (interp, "TypeError", "astype() missing required argument 'dtype' (pos 1)");
      return NULL;
    }
  if (!get_dtype_arg (interp, d, &dt))
    return NULL;
  if (c && cs_op_truth (interp, c) == 0 && dt == self->array.view.dtype)
    return self;
  return copy_keep_order (interp, self, dt);
}

METHOD (a_tolist)
{
  if (self->array.view.ndim == 0)
    return _cs_storage_item (interp, self->array.view.storage, (gint64) self->array.view.offset);
  return _cs_array_tolist (interp, self);
}

METHOD (a_item)
{
  const CsView *v = &self->array.view;
  CsLayout l;
  gint64 lin = 0;

  _cs_view_get_layout (v, &l);
  if (args->n_args == 0)
    {
      if (cs_array_numel (self) != 1)
        {
          cs_interp_raise (interp, "ValueError", "can only convert an array of size 1 to a Python scalar");
          return NULL;
        }
    }
  else if (args->n_args == 1 && cs_object_kind (args->args[0]) == CS_KIND_INT)
    {
      lin = args->args[0]->int_value;
      if (lin < 0)
        lin += cs_array_numel (self);
      if (lin < 0 || lin >= (gint64) cs_array_numel (self))
        {
          cs_interp_raise (interp, "IndexError", "index %" G_GINT64_FORMAT " is out of bounds for size %"
                           G_GSIZE_FORMAT, args->args[0]->int_value, cs_array_numel (self));
          return NULL;
        }
    }
  else
    {
      CsObject *r = ndarray_getitem (interp, self,
                                     args->n_args == 1 ? args->args[0] : cs_tuple_new (interp, 0));
      CsDType d;
      double f;
      gint64 i;
      if (r == NULL)
        return NULL;
      if (_cs_numpy_scalar_get (r, &d, &f, &i))
        return cs_dtype_is_floating (d) ? cs_float_new (interp, f) :
               d == CS_DTYPE_BOOL ? cs_bool (interp, i != 0) : cs_int_new (interp, i);
      return r;
    }
  return _cs_storage_item (interp, v->storage, cs_layout_linear_to_storage (&l, lin));
}

static CsObject *
do_reshape (CsInterp     *interp,
            CsObject     *self,
            CsObject *const *items,
            gsize         n_items)
{
  guint n = 0;
  gint64 shape[CS_MAX_DIMS];
  CsLayout in, out;
  gboolean needs_copy = FALSE;
  CsStridedError err = { 0 };

  if (!parse_shape_obj (interp, items, n_items, &n, shape))
    return NULL;
  _cs_view_get_layout (&self->array.view, &in);
  if (!cs_layout_reshape (CS_LIB_NUMPY, &in, shape, n, &out, &needs_copy, &err))
    {
      _cs_array_raise_strided (interp, &err);
      return NULL;
    }
  if (!needs_copy)
    return ndarray_view_of (interp, self, &out);
  {
    CsObject *c = _cs_array_copy (interp, self, &cs_ndarray_class, self->array.view.dtype);
    CsObject *r;
    if (c == NULL)
      return NULL;
    out.offset = 0;
    /* NumPy: the reshaped copy is a view of the temporary copy. */
    r = _cs_array_wrap (interp, &cs_ndarray_class, c->array.view.storage, c->array.view.dtype, &out);
    r->array.base = c;
    return r;
  }
}

METHOD (a_reshape)
{
  CsObject *o = kwarg (args, "order");

  if (o && !(cs_object_kind (o) == CS_KIND_STR && strcmp (o->str.data, "C") == 0))
    {
      cs_interp_raise (interp, "UnsupportedFeature", "reshape(order=...) other than 'C' is not supported");
      return NULL;
    }
  if (args->n_args == 0)
    {
      cs_interp_raise (interp, "TypeError", "reshape() takes exactly 1 argument (0 given)");
      return NULL;
    }
  return do_reshape (interp, self, args->args, args->n_args);
}

METHOD (a_transpose)
{
  guint n = 0;
  gint64 axes[CS_MAX_DIMS];
  CsLayout in, out;
  CsStridedError err = { 0 };

  _cs_view_get_layout (&self->array.view, &in);
  if (args->n_args == 0 || (args->n_args == 1 && cs_object_kind (args->args[0]) == CS_KIND_NONE))
    {
      cs_layout_reverse (&in, &out);
      return ndarray_view_of (interp, self, &out);
    }
  if (!parse_shape_obj (interp, args->args, args->n_args, &n, axes))
    return NULL;
  if (!cs_layout_permute (CS_LIB_NUMPY, &in, axes, n, &out, &err))
    {
      _cs_array_raise_strided (interp, &err);
      return NULL;
    }
  return ndarray_view_of (interp, self, &out);
}

METHOD (a_swapaxes)
{
  gint64 a, b;
  CsLayout in, out;
  CsStridedError err = { 0 };

  if (args->n_args != 2 || !get_int (interp, args->args[0], &a) || !get_int (interp, args->args[1], &b))
    {
      if (!cs_interp_has_error (interp))
        cs_interp_raise (interp, "TypeError", "swapaxes() takes exactly 2 arguments");
      return NULL;
    }
  _cs_view_get_layout (&self->array.view, &in);
  if (!cs_layout_transpose (CS_LIB_NUMPY, &in, a, b, &out, &err))
    {
      _cs_array_raise_strided (interp, &err);
      return NULL;
    }
  return ndarray_view_of (interp, self, &out);
}

METHOD (a_flatten)
{
  gint64 n = (gint64) cs_array_numel (self);
  CsObject *c = _cs_array_copy (interp, self, &cs_ndarray_class, self->array.view.dtype);

  if (c == NULL)
    return NULL;
  c->array.view.ndim = 1;
  c->array.view.shape[0] = n;
  c->array.view.strides[0] = n ? 1 : 0;
  return c;
}

METHOD (a_ravel)
{
  CsObject *m1 = cs_int_new (interp, -1);

  return do_reshape (interp, self, &m1, 1);
}

METHOD (a_view)
{
  CsLayout l;

  if (args->n_args || args->n_kw)
    {
      cs_interp_raise (interp, "UnsupportedFeature", "a.view(dtype) is not supported");
      return NULL;
    }
  _cs_view_get_layout (&self->array.view, &l);
  return ndarray_view_of (interp, self, &l);
}

METHOD (a_squeeze)
{
  CsObject *ax = arg_at (args, 0, "axis");
  gint64 axis = 0;
  CsLayout in, out;
  CsStridedError err = { 0 };

  if (!is_none (ax) && !get_int (interp, ax, &axis))
    return NULL;
  _cs_view_get_layout (&self->array.view, &in);
  if (!cs_layout_squeeze (CS_LIB_NUMPY, &in, is_none (ax), axis, &out, &err))
    {
      _cs_array_raise_strided (interp, &err);
      return NULL;
    }
  return ndarray_view_of (interp, self, &out);
}

METHOD (a_fill)
{
  CsObject *v = arg_at (args, 0, "value");
  const CsView *av = &self->array.view;
  g_autofree gpointer buf = NULL;
  CsLayout l;

  if (v == NULL)
    {
      cs_interp_raise (interp, "TypeError", "fill() takes exactly 1 argument (0 given)");
      return NULL;
    }
  buf = assign_buffer (interp, v, av->dtype, av->ndim, av->shape);
  if (buf == NULL)
    return NULL;
  _cs_view_get_layout (av, &l);
  _cs_storage_write (interp, av->storage, &l, buf);
  return cs_none (interp);
}

static gboolean
parse_axis (CsInterp *interp,
            CsObject *ax,
            guint     ndim,
            gboolean *flags,
            gboolean *all)
{
  CsObject *const *items = &ax;
  gsize n = 1;

  memset (flags, 0, CS_MAX_DIMS * sizeof (gboolean));
  *all = is_none (ax);
  if (*all)
    return TRUE;
  if (cs_object_kind (ax) == CS_KIND_TUPLE)
    {
      items = ax->seq.items;
      n = ax->seq.len;
    }
  for (gsize i = 0; i < n && i < CS_MAX_DIMS; i++)
    {
      gint64 a;
      if (!get_int (interp, items[i], &a))
        return FALSE;
      if (a < -(gint64) ndim || a >= (gint64) ndim)
        {
          cs_interp_raise (interp, "AxisError", "axis %" G_GINT64_FORMAT
                           " is out of bounds for array of dimension %u", a, ndim);
          return FALSE;
        }
      if (a < 0)
        a += ndim;
      if (flags[a])
        {
          cs_interp_raise (interp, "ValueError", "duplicate value in 'axis'");
          return FALSE;
        }
      flags[a] = TRUE;
    }
  return TRUE;
}

static CsObject *
reduce_method (CsInterp     *interp,
               CsObject     *self,
               const CsArgs *args,
               CsReduction   red,
               const char   *name)
{
  CsObject *ax = arg_at (args, 0, "axis");
  CsObject *kd = kwarg (args, "keepdims");
  CsObject *d = kwarg (args, "dtype");
  gboolean flags[CS_MAX_DIMS], all, keep = FALSE;
  CsDType in = self->array.view.dtype, out;
  CsObject *r;

  if (!parse_axis (interp, ax, self->array.view.ndim, flags, &all))
    return NULL;
  if (kd && (keep = cs_op_truth (interp, kd)) < 0)
    return NULL;
  switch (red)
    {
    case CS_RED_SUM:
    case CS_RED_PROD:
      out = cs_dtype_is_floating (in) ? in : (in == CS_DTYPE_UINT8 ? CS_DTYPE_UINT8 : CS_DTYPE_INT64);
      if (in == CS_DTYPE_UINT8)
        out = CS_DTYPE_INT64;
      break;
    case CS_RED_MEAN:
      out = cs_dtype_is_floating (in) ? in : CS_DTYPE_FLOAT64;
      break;
    case CS_RED_ARGMAX:
    case CS_RED_ARGMIN:
      out = CS_DTYPE_INT64;
      break;
    case CS_RED_ANY:
    case CS_RED_ALL:
      out = CS_DTYPE_BOOL;
      break;
    default:
      out = in;
      break;
    }
  if (d && !is_none (d) && !get_dtype_arg (interp, d, &out))
    return NULL;
  if ((red == CS_RED_MAX || red == CS_RED_MIN || red == CS_RED_ARGMAX || red == CS_RED_ARGMIN))
    {
      gboolean empty = cs_array_numel (self) == 0;
      if (empty)
        {
          if (red == CS_RED_ARGMAX || red == CS_RED_ARGMIN)
            cs_interp_raise (interp, "ValueError", "attempt to get %s of an empty sequence", name);
          else
            cs_interp_raise (interp, "ValueError",
                             "zero-size array to reduction operation %s which has no identity",
                             red == CS_RED_MAX ? "maximum" : "minimum");
          return NULL;
        }
    }
  if (red == CS_RED_MEAN && cs_array_numel (self) == 0)
    {
      cs_interp_warn (interp, "RuntimeWarning", "Mean of empty slice.");
      cs_interp_warn (interp, "RuntimeWarning", "invalid value encountered in double_scalars");
    }
  r = _cs_array_reduce (interp, self, &cs_ndarray_class, red,
                        all || self->array.view.ndim == 0 ? NULL : flags, keep, out);
  return maybe_scalar (interp, r);
}

#define REDUCE_METHOD(mname, red)                                    \
  METHOD (a_##mname)                                                 \
  {                                                                  \
    return reduce_method (interp, self, args, red, #mname);          \
  }

REDUCE_METHOD (sum, CS_RED_SUM)
REDUCE_METHOD (mean, CS_RED_MEAN)
REDUCE_METHOD (max, CS_RED_MAX)
REDUCE_METHOD (min, CS_RED_MIN)
REDUCE_METHOD (prod, CS_RED_PROD)
REDUCE_METHOD (argmax, CS_RED_ARGMAX)
REDUCE_METHOD (argmin, CS_RED_ARGMIN)
REDUCE_METHOD (any, CS_RED_ANY)
REDUCE_METHOD (all, CS_RED_ALL)

METHOD (a_dot)
{
  cs_interp_raise (interp, "UnsupportedFeature", "ndarray.dot is not supported");
  return NULL;
}

static const CsMethodDef ndarray_methods[] = {
  { "copy", a_copy }, { "astype", a_astype }, { "tolist", a_tolist }, { "item", a_item },
  { "reshape", a_reshape }, { "transpose", a_transpose }, { "swapaxes", a_swapaxes },
  { "flatten", a_flatten }, { "ravel", a_ravel }, { "view", a_view }, { "squeeze", a_squeeze },
  { "fill", a_fill }, { "sum", a_sum }, { "mean", a_mean }, { "max", a_max }, { "min", a_min },
  { "prod", a_prod }, { "argmax", a_argmax }, { "argmin", a_argmin }, { "any", a_any },
  { "all", a_all }, { "dot", a_dot },
  { NULL, NULL }
};

const CsClass cs_ndarray_class = {
  .kind = CS_KIND_NDARRAY,
  .name = "ndarray",
  .module = "numpy",
  .methods = ndarray_methods,
  .repr = ndarray_repr,
  .str = ndarray_str,
  .getattr = ndarray_getattr,
  .setattr = ndarray_setattr,
  .binop = ndarray_binop,
  .unop = ndarray_unop,
  .compare = ndarray_compare,
  .getitem = ndarray_getitem,
  .setitem = ndarray_setitem,
  .iter = ndarray_iter,
  .len = ndarray_len,
  .truth = ndarray_truth,
  .to_int = ndarray_to_int,
  .to_float = ndarray_to_float,
  .copy = ndarray_copy_hook,
  .deepcopy = ndarray_deepcopy_hook,
};

CsObject *
_cs_numpy_wrap_tensor (CsInterp *interp,
                       CsObject *tensor)
{
  CsLayout l;
  CsObject *a;

  _cs_view_get_layout (&tensor->array.view, &l);
  a = _cs_array_wrap (interp, &cs_ndarray_class, tensor->array.view.storage,
                      tensor->array.view.dtype, &l);
  /* PyTorch gives the array a fresh alias of the tensor as .base
   * (t.numpy ().base is not t). */
  a->array.base = _cs_array_wrap (interp, &cs_tensor_class, tensor->array.view.storage,
                                  tensor->array.view.dtype, &l);
  a->array.base->array.base = tensor->array.base;
  _cs_array_event_view (interp, a);
  return a;
}

/* ---- module functions ------------------------------------------------------------------ */

#define FUNC(name) \
  static CsObject *name (CsInterp *interp, CsObject *self_unused, const CsArgs *args)

static gboolean
dtype_kw (CsInterp     *interp,
          const CsArgs *args,
          guint         pos,
          int          *out)
{
  CsObject *d = arg_at (args, pos, "dtype");
  CsDType dt;

  *out = -1;
  if (is_none (d))
    return TRUE;
  if (!get_dtype_arg (interp, d, &dt))
    return FALSE;
  *out = dt;
  return TRUE;
}

FUNC (f_array)
{
  CsObject *x = arg_at (args, 0, "object");
  CsObject *c = kwarg (args, "copy");
  int dt;

  if (x == NULL)
    {
      cs_interp_raise (interp, "TypeError", "array() missing required argument 'object' (pos 0)");
      return NULL;
    }
  if (!dtype_kw (interp, args, 1, &dt))
    return NULL;
  if (c && cs_op_truth (interp, c) == 0 && cs_is_ndarray (x) && (dt < 0 || dt == (int) x->array.view.dtype))
    return x;
  if (cs_is_ndarray (x) || cs_is_tensor (x))
    {
      if (cs_is_tensor (x) && x->array.ag.requires_grad)
        {
          cs_interp_raise (interp, "RuntimeError",
                           "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
          return NULL;
        }
      return copy_keep_order (interp, x, dt < 0 ? x->array.view.dtype : (CsDType) dt);
    }
  return _cs_array_from_data (interp, &cs_ndarray_class, CS_LIB_NUMPY, x, dt);
}

FUNC (f_asarray)
{
  CsObject *x = arg_at (args, 0, "a");
  int dt;

  if (x == NULL)
    {
      cs_interp_raise (interp, "TypeError", "asarray() missing required argument 'a' (pos 0)");
      return NULL;
    }
  if (!dtype_kw (interp, args, 1, &dt))
    return NULL;
  if (cs_is_ndarray (x) && (dt < 0 || dt == (int) x->array.view.dtype))
    return x;
  if (cs_is_tensor (x) && (dt < 0 || dt == (int) x->array.view.dtype))
    {
      if (x->array.ag.requires_grad)
        {
          cs_interp_raise (interp, "RuntimeError",
                           "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
          return NULL;
        }
      return _cs_numpy_wrap_tensor (interp, x);
    }
  if (cs_is_ndarray (x) || cs_is_tensor (x))
    return copy_keep_order (interp, x, (CsDType) dt);
  return _cs_array_from_data (interp, &cs_ndarray_class, CS_LIB_NUMPY, x, dt);
}

FUNC (f_ascontiguousarray)
{
  CsObject *x = arg_at (args, 0, "a");

  if (x && cs_is_ndarray (x))
    {
      if (_cs_array_is_contiguous (x))
        return x;
      return _cs_array_copy (interp, x, &cs_ndarray_class, x->array.view.dtype);
    }
  return f_array (interp, NULL, args);
}

static CsObject *
filled (CsInterp     *interp,
        const CsArgs *args,
        const char   *fname,
        double        value,
        gboolean      use_value)
{
  CsObject *s = arg_at (args, 0, "shape");
  guint n = 0;
  gint64 shape[CS_MAX_DIMS];
  int dt;
  CsObject *a;
  gsize numel;

  if (s == NULL)
    {
      cs_interp_raise (interp, "TypeError", "%s() missing required argument 'shape' (pos 0)", fname);
      return NULL;
    }
  if (!parse_shape_obj (interp, &s, 1, &n, shape) || !dtype_kw (interp, args, 1, &dt))
    return NULL;
  a = _cs_array_new (interp, &cs_ndarray_class, dt < 0 ? CS_DTYPE_FLOAT64 : (CsDType) dt, n, shape);
  if (a == NULL)
    return NULL;
  numel = cs_array_numel (a);
  if (use_value)
    for (gsize k = 0; k < numel; k++)
      cs_dtype_set_double (a->array.view.dtype, a->array.view.storage->data, k, value);
  return a;
}

FUNC (f_zeros)
{
  return filled (interp, args, "zeros", 0, FALSE);
}

FUNC (f_ones)
{
  return filled (interp, args, "ones", 1, TRUE);
}

FUNC (f_empty)
{
  return filled (interp, args, "empty", 0, FALSE);
}

FUNC (f_full)
{
  CsObject *s = arg_at (args, 0, "shape"), *v = arg_at (args, 1, "fill_value");
  guint n = 0;
  gint64 shape[CS_MAX_DIMS];
  int dt;
  CsArrayArg a;
  CsObject *out;
  g_autofree gpointer buf = NULL;
  CsLayout l;

  if (s == NULL || v == NULL)
    {
      cs_interp_raise (interp, "TypeError", "full() missing required argument 'fill_value' (pos 1)");
      return NULL;
    }
  if (!parse_shape_obj (interp, &s, 1, &n, shape) || !dtype_kw (interp, args, 2, &dt))
    return NULL;
  if (!_cs_array_arg_init (interp, v, &a))
    {
      cs_interp_raise (interp, "UnsupportedFeature", "np.full with a non-number fill value is not supported");
      return NULL;
    }
  out = _cs_array_new (interp, &cs_ndarray_class, dt < 0 ? a.dtype : (CsDType) dt, n, shape);
  if (out == NULL)
    return NULL;
  buf = assign_buffer (interp, v, out->array.view.dtype, n, shape);
  if (buf == NULL)
    return NULL;
  _cs_view_get_layout (&out->array.view, &l);
  memcpy (out->array.view.storage->data, buf, cs_array_numel (out) * cs_dtype_itemsize (out->array.view.dtype));
  return out;
}

static CsObject *
like (CsInterp     *interp,
      const CsArgs *args,
      double        value)
{
  CsObject *x = arg_at (args, 0, "a");
  int dt;
  CsObject *a;
  gsize numel;

  if (x == NULL || !cs_is_ndarray (x))
    {
      if (x)
        x = _cs_array_from_data (interp, &cs_ndarray_class, CS_LIB_NUMPY, x, -1);
      if (x == NULL)
        return NULL;
    }
  if (!dtype_kw (interp, args, 1, &dt))
    return NULL;
  a = _cs_array_new (interp, &cs_ndarray_class, dt < 0 ? x->array.view.dtype : (CsDType) dt,
                     x->array.view.ndim, x->array.view.shape);
  if (a == NULL)
    return NULL;
  numel = cs_array_numel (a);
  for (gsize k = 0; k < numel; k++)
    cs_dtype_set_double (a->array.view.dtype, a->array.view.storage->data, k, value);
  return a;
}

FUNC (f_zeros_like)
{
  return like (interp, args, 0);
}

FUNC (f_ones_like)
{
  return like (interp, args, 1);
}

FUNC (f_arange)
{
  CsArrayArg v[3];
  guint n = args->n_args;
  double start = 0, stop, step = 1;
  gboolean any_float = FALSE;
  int dt;
  gint64 count;
  CsObject *a;

  if (n == 0 || n > 3)
    {
      cs_interp_raise (interp, "TypeError", "arange() requires stop to be specified.");
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      if (!_cs_array_arg_init (interp, args->args[i], &v[i]) || v[i].obj)
        {
          cs_interp_raise (interp, "TypeError", "unsupported operand type(s) for -: '%s' and 'int'",
                           cs_object_type_name (args->args[i]));
          return NULL;
        }
      if (v[i].is_float)
        any_float = TRUE;
    }
  if (!dtype_kw (interp, args, 99, &dt))
    return NULL;
  if (n == 1)
    stop = v[0].is_float ? v[0].f : (double) v[0].i;
  else
    {
      start = v[0].is_float ? v[0].f : (double) v[0].i;
      stop = v[1].is_float ? v[1].f : (double) v[1].i;
      if (n == 3)
        step = v[2].is_float ? v[2].f : (double) v[2].i;
    }
  if (step == 0)
    {
      cs_interp_raise (interp, "ZeroDivisionError", "division by zero");
      return NULL;
    }
  count = (gint64) ceil ((stop - start) / step);
  if (count < 0)
    count = 0;
  if ((guint64) count > interp->options.max_storage_numel)
    {
      cs_interp_raise (interp, "MemoryError", "Copyscope limits a storage to %" G_GSIZE_FORMAT
                       " elements (this one needs %" G_GINT64_FORMAT ")",
                       interp->options.max_storage_numel, count);
      return NULL;
    }
  if (dt < 0)
    dt = any_float ? CS_DTYPE_FLOAT64 : CS_DTYPE_INT64;
  a = _cs_array_new (interp, &cs_ndarray_class, dt, 1, &count);
  if (a == NULL)
    return NULL;
  for (gint64 k = 0; k < count; k++)
    {
      if (cs_dtype_is_floating (dt) || any_float)
        cs_dtype_set_double (dt, a->array.view.storage->data, k, start + (double) k * step);
      else
        cs_dtype_set_int (dt, a->array.view.storage->data, k, (gint64) start + k * (gint64) step);
    }
  return a;
}

FUNC (f_linspace)
{
  double start, stop;
  gint64 num = 50;
  CsObject *a;
  CsObject *nobj = arg_at (args, 2, "num");

  if (args->n_args < 2 || args->args[0]->cls->to_float == NULL || args->args[1]->cls->to_float == NULL)
    {
      cs_interp_raise (interp, "TypeError", "linspace() missing required arguments");
      return NULL;
    }
  if (!args->args[0]->cls->to_float (interp, args->args[0], &start) ||
      !args->args[1]->cls->to_float (interp, args->args[1], &stop))
    return NULL;
  if (nobj && !get_int (interp, nobj, &num))
    return NULL;
  if (num < 0)
    {
      cs_interp_raise (interp, "ValueError", "Number of samples, %" G_GINT64_FORMAT ", must be non-negative.", num);
      return NULL;
    }
  a = _cs_array_new (interp, &cs_ndarray_class, CS_DTYPE_FLOAT64, 1, &num);
  if (a == NULL)
    return NULL;
  for (gint64 k = 0; k < num; k++)
    {
      double step = num > 1 ? (stop - start) / (double) (num - 1) : 0;
      double v = start + (double) k * step;
      if (k == num - 1 && num > 1)
        v = stop;
      cs_dtype_set_double (CS_DTYPE_FLOAT64, a->array.view.storage->data, k, v);
    }
  return a;
}

/* np.shares_memory (exact) / np.may_share_memory (bounds). */
static CsObject *
share_check (CsInterp     *interp,
             const CsArgs *args,
             gboolean      exact)
{
  CsObject *a = arg_at (args, 0, "a"), *b = arg_at (args, 1, "b");
  CsLayout la, lb;
  gint64 amin, amax, bmin, bmax;

  if (a == NULL || b == NULL)
    {
      cs_interp_raise (interp, "TypeError", "%s() missing required arguments",
                       exact ? "shares_memory" : "may_share_memory");
      return NULL;
    }
  if (!(cs_is_ndarray (a) || cs_is_tensor (a)) || !(cs_is_ndarray (b) || cs_is_tensor (b)))
    return cs_bool (interp, FALSE);
  if (a->array.view.storage != b->array.view.storage)
    return cs_bool (interp, FALSE);
  _cs_view_get_layout (&a->array.view, &la);
  _cs_view_get_layout (&b->array.view, &lb);
  if (!cs_layout_extent (&la, &amin, &amax) || !cs_layout_extent (&lb, &bmin, &bmax))
    return cs_bool (interp, FALSE);
  if (amax < bmin || bmax < amin)
    return cs_bool (interp, FALSE);
  if (!exact)
    return cs_bool (interp, TRUE);
  {
    gsize n = a->array.view.storage->numel;
    g_autofree guint8 *bits = g_malloc0 (MAX (n, 1));
    CsLayoutIter it;
    gint64 idx;
    cs_layout_iter_init (&it, &la);
    while (cs_layout_iter_next (&it, &idx))
      if (idx >= 0 && (gsize) idx < n)
        bits[idx] = 1;
    cs_layout_iter_init (&it, &lb);
    while (cs_layout_iter_next (&it, &idx))
      if (idx >= 0 && (gsize) idx < n && bits[idx])
        return cs_bool (interp, TRUE);
  }
  return cs_bool (interp, FALSE);
}

FUNC (f_shares_memory)
{
  return share_check (interp, args, TRUE);
}

FUNC (f_may_share_memory)
{
  return share_check (interp, args, FALSE);
}

static CsObject *
as_ndarray (CsInterp *interp,
            CsObject *x)
{
  if (cs_is_ndarray (x))
    return x;
  return _cs_array_from_data (interp, &cs_ndarray_class, CS_LIB_NUMPY, x, -1);
}

/* np.f(a, ...) → a.f(...). */
static CsObject *
forward (CsInterp           *interp,
         const CsArgs       *args,
         CsBuiltinFunc       method)
{
  CsObject *a;
  CsArgs rest = *args;

  if (args->n_args == 0)
    {
      cs_interp_raise (interp, "TypeError", "missing required argument 'a' (pos 0)");
      return NULL;
    }
  a = as_ndarray (interp, args->args[0]);
  if (a == NULL)
    return NULL;
  rest.args = args->args + 1;
  rest.n_args = args->n_args - 1;
  return method (interp, a, &rest);
}

#define FORWARD(fname, method)                  \
  FUNC (f_##fname)                              \
  {                                             \
    return forward (interp, args, method);      \
  }

FORWARD (reshape, a_reshape)
FORWARD (transpose, a_transpose)
FORWARD (swapaxes, a_swapaxes)
FORWARD (sum, a_sum)
FORWARD (mean, a_mean)
FORWARD (max, a_max)
FORWARD (min, a_min)
FORWARD (amax, a_max)
FORWARD (amin, a_min)
FORWARD (prod, a_prod)
FORWARD (argmax, a_argmax)
FORWARD (argmin, a_argmin)
FORWARD (ravel, a_ravel)
FORWARD (squeeze, a_squeeze)
FORWARD (any, a_any)
FORWARD (all, a_all)

FUNC (f_copy)
{
  CsObject *a = arg_at (args, 0, "a");

  if (a == NULL)
    {
      cs_interp_raise (interp, "TypeError", "copy() missing required argument 'a' (pos 0)");
      return NULL;
    }
  if (!cs_is_ndarray (a))
    return as_ndarray (interp, a);
  return copy_keep_order (interp, a, a->array.view.dtype);
}

static CsObject *
unary_func (CsInterp       *interp,
            const CsArgs   *args,
            CsArrayUnaryOp  op,
            gboolean        keep_int)
{
  CsObject *a;
  CsDType dt;

  if (args->n_args == 0)
    {
      cs_interp_raise (interp, "TypeError", "ufunc takes 1 positional argument");
      return NULL;
    }
  a = cs_is_ndarray (args->args[0]) ? args->args[0] : NULL;
  if (a == NULL)
    {
      CsDType d;
      double f;
      gint64 i;
      if (_cs_numpy_scalar_get (args->args[0], &d, &f, &i))
        a = scalar_to_array (interp, args->args[0]);
      else
        a = _cs_array_from_data (interp, &cs_ndarray_class, CS_LIB_NUMPY, args->args[0], -1);
      if (a == NULL)
        return NULL;
    }
  dt = a->array.view.dtype;
  if (!keep_int && !cs_dtype_is_floating (dt))
    dt = CS_DTYPE_FLOAT64;
  {
    CsObject *r = _cs_array_unary (interp, a, op, dt);
    if (r)
      _cs_array_relayout_like (r, a);
    return maybe_scalar (interp, r);
  }
}

#define UNARY_FUNC(fname, op, keep)                       \
  FUNC (f_##fname)                                        \
  {                                                       \
    return unary_func (interp, args, op, keep);           \
  }

UNARY_FUNC (abs, CS_UOP_ABS, TRUE)
UNARY_FUNC (exp, CS_UOP_EXP, FALSE)
UNARY_FUNC (log, CS_UOP_LOG, FALSE)
UNARY_FUNC (sqrt, CS_UOP_SQRT, FALSE)
UNARY_FUNC (sin, CS_UOP_SIN, FALSE)
UNARY_FUNC (cos, CS_UOP_COS, FALSE)
UNARY_FUNC (tanh, CS_UOP_TANH, FALSE)
UNARY_FUNC (negative, CS_UOP_NEG, TRUE)
UNARY_FUNC (floor, CS_UOP_FLOOR, FALSE)
UNARY_FUNC (ceil, CS_UOP_CEIL, FALSE)

static CsObject *
binary_func (CsInterp     *interp,
             const CsArgs *args,
             CsArrayOp     op)
{
  CsObject *a, *b;

  if (args->n_args != 2)
    {
      cs_interp_raise (interp, "TypeError", "%s() takes from 2 to 3 positional arguments but %u were given",
                       "ufunc", args->n_args);
      return NULL;
    }
  a = args->args[0];
  b = args->args[1];
  if (cs_object_kind (a) == CS_KIND_LIST || cs_object_kind (a) == CS_KIND_TUPLE)
    a = as_ndarray (interp, a);
  if (cs_object_kind (b) == CS_KIND_LIST || cs_object_kind (b) == CS_KIND_TUPLE)
    b = as_ndarray (interp, b);
  if (a == NULL || b == NULL)
    return NULL;
  {
    CsObject *r = numpy_apply (interp, op, a, b, NULL);
    if (r == interp->not_implemented)
      {
        cs_interp_raise (interp, "TypeError", "unsupported operand types");
        return NULL;
      }
    return r;
  }
}

#define BINARY_FUNC(fname, op)                 \
  FUNC (f_##fname)                             \
  {                                            \
    return binary_func (interp, args, op);     \
  }

BINARY_FUNC (add, CS_AOP_ADD)
BINARY_FUNC (subtract, CS_AOP_SUB)
BINARY_FUNC (multiply, CS_AOP_MUL)
BINARY_FUNC (divide, CS_AOP_DIV)
BINARY_FUNC (power, CS_AOP_POW)
BINARY_FUNC (maximum, CS_AOP_MAXIMUM)
BINARY_FUNC (minimum, CS_AOP_MINIMUM)

FUNC (f_array_equal)
{
  CsObject *a = arg_at (args, 0, "a1"), *b = arg_at (args, 1, "a2");
  g_autofree double *da = NULL, *db = NULL;
  gsize n;

  if (a == NULL || b == NULL)
    {
      cs_interp_raise (interp, "TypeError", "array_equal() missing required arguments");
      return NULL;
    }
  a = as_ndarray (interp, a);
  if (a == NULL)
    return NULL;
  b = as_ndarray (interp, b);
  if (b == NULL)
    return NULL;
  if (a->array.view.ndim != b->array.view.ndim ||
      memcmp (a->array.view.shape, b->array.view.shape, a->array.view.ndim * sizeof (gint64)) != 0)
    return cs_bool (interp, FALSE);
  da = cs_array_dup_doubles (a, &n);
  db = cs_array_dup_doubles (b, NULL);
  for (gsize i = 0; i < n; i++)
    if (da[i] != db[i])
      return cs_bool (interp, FALSE);
  return cs_bool (interp, TRUE);
}

static CsObject *
join (CsInterp     *interp,
      const CsArgs *args,
      gboolean      stack)
{
  CsObject *seq = arg_at (args, 0, "arrays"), *ax = arg_at (args, 1, "axis");
  gint64 axis = 0;
  g_autoptr (GPtrArray) arrs = g_ptr_array_new ();
  CsObject *first, *out;
  guint ndim;
  gint64 shape[CS_MAX_DIMS], outer = 1, out_inner = 1, off = 0;
  CsDType dt;
  gsize isz;

  if (seq == NULL || (cs_object_kind (seq) != CS_KIND_LIST && cs_object_kind (seq) != CS_KIND_TUPLE))
    {
      cs_interp_raise (interp, "UnsupportedFeature", "np.%s needs a list of arrays",
                       stack ? "stack" : "concatenate");
      return NULL;
    }
  if (seq->seq.len == 0)
    {
      cs_interp_raise (interp, "ValueError", stack ? "need at least one array to stack"
                                                   : "need at least one array to concatenate");
      return NULL;
    }
  if (!is_none (ax) && !get_int (interp, ax, &axis))
    return NULL;
  for (gsize i = 0; i < seq->seq.len; i++)
    {
      CsObject *x = as_ndarray (interp, seq->seq.items[i]);
      if (x == NULL)
        return NULL;
      g_ptr_array_add (arrs, x);
    }
  first = g_ptr_array_index (arrs, 0);
  ndim = first->array.view.ndim;
  dt = first->array.view.dtype;
  for (guint i = 1; i < arrs->len; i++)
    {
      CsObject *x = g_ptr_array_index (arrs, i);
      dt = cs_numpy_promote_types (dt, x->array.view.dtype);
      if (stack)
        {
          if (x->array.view.ndim != ndim ||
              memcmp (x->array.view.shape, first->array.view.shape, ndim * sizeof (gint64)) != 0)
            {
              cs_interp_raise (interp, "ValueError", "all input arrays must have the same shape");
              return NULL;
            }
        }
      else if (x->array.view.ndim != ndim)
        {
          cs_interp_raise (interp, "ValueError",
                           "all the input array dimensions except for the concatenation axis must "
                           "match exactly, but along dimension 0, the array at index 0 has size %"
                           G_GINT64_FORMAT " and the array at index %u has size %" G_GINT64_FORMAT,
                           ndim ? first->array.view.shape[0] : 0, i,
                           x->array.view.ndim ? x->array.view.shape[0] : 0);
          return NULL;
        }
    }
  {
    guint tnd = stack ? ndim + 1 : ndim;
    if (axis < -(gint64) tnd || axis >= (gint64) tnd || tnd == 0)
      {
        cs_interp_raise (interp, "AxisError", "axis %" G_GINT64_FORMAT
                         " is out of bounds for array of dimension %u", axis, tnd);
        return NULL;
      }
    if (axis < 0)
      axis += tnd;
  }
  if (stack)
    {
      guint k = 0;
      for (guint j = 0; j <= ndim; j++)
        shape[j] = (gint64) j == axis ? (gint64) arrs->len : first->array.view.shape[k++];
      ndim++;
    }
  else
    {
      memcpy (shape, first->array.view.shape, ndim * sizeof (gint64));
      shape[axis] = 0;
      for (guint i = 0; i < arrs->len; i++)
        {
          CsObject *x = g_ptr_array_index (arrs, i);
          for (guint j = 0; j < ndim; j++)
            if ((gint64) j != axis && x->array.view.shape[j] != first->array.view.shape[j])
              {
                cs_interp_raise (interp, "ValueError",
                                 "all the input array dimensions except for the concatenation axis "
                                 "must match exactly, but along dimension %u, the array at index 0 has "
                                 "size %" G_GINT64_FORMAT " and the array at index %u has size %"
                                 G_GINT64_FORMAT, j, first->array.view.shape[j], i, x->array.view.shape[j]);
                return NULL;
              }
          shape[axis] += x->array.view.shape[axis];
        }
    }
  out = _cs_array_new (interp, &cs_ndarray_class, dt, ndim, shape);
  if (out == NULL)
    return NULL;
  isz = cs_dtype_itemsize (dt);
  for (gint64 j = 0; j < axis; j++)
    outer *= shape[j];
  for (guint j = (guint) axis; j < ndim; j++)
    out_inner *= shape[j];
  for (guint i = 0; i < arrs->len; i++)
    {
      CsObject *x = g_ptr_array_index (arrs, i);
      g_autofree gpointer buf = _cs_array_gather (x, dt, x->array.view.ndim, x->array.view.shape);
      gint64 inner = outer ? (gint64) cs_array_numel (x) / outer : 0;
      for (gint64 o = 0; o < outer; o++)
        memcpy ((char *) out->array.view.storage->data + (o * out_inner + off) * isz,
                (char *) buf + o * inner * isz, inner * isz);
      off += inner;
    }
  return out;
}

FUNC (f_concatenate)
{
  return join (interp, args, FALSE);
}

FUNC (f_stack)
{
  return join (interp, args, TRUE);
}

/* ---- np.random ------------------------------------------------------------------------- */

static CsObject *
random_array (CsInterp     *interp,
              const CsArgs *args,
              gboolean      normal)
{
  guint n = 0;
  gint64 shape[CS_MAX_DIMS];
  CsNumpyGenerator *gen = _cs_array_state (interp)->numpy_gen;
  CsObject *a;
  gsize numel;

  if (!parse_shape_obj (interp, args->args, args->n_args, &n, shape))
    return NULL;
  if (args->n_args == 0)
    {
      double v;
      if (normal)
        cs_numpy_generator_randn (gen, &v, 1);
      else
        cs_numpy_generator_rand (gen, &v, 1);
      return cs_float_new (interp, v);
    }
  a = _cs_array_new (interp, &cs_ndarray_class, CS_DTYPE_FLOAT64, n, shape);
  if (a == NULL)
    return NULL;
  numel = cs_array_numel (a);
  if (normal)
    cs_numpy_generator_randn (gen, a->array.view.storage->data, numel);
  else
    cs_numpy_generator_rand (gen, a->array.view.storage->data, numel);
  return a;
}

FUNC (r_rand)
{
  return random_array (interp, args, FALSE);
}

FUNC (r_randn)
{
  return random_array (interp, args, TRUE);
}

FUNC (r_random)
{
  CsObject *s = arg_at (args, 0, "size");
  CsArgs a = { 0 };

  if (!is_none (s))
    {
      a.args = &s;
      a.n_args = 1;
    }
  return random_array (interp, &a, FALSE);
}

FUNC (r_seed)
{
  CsObject *s = arg_at (args, 0, "seed");
  gint64 seed = 0;

  if (!is_none (s) && !get_int (interp, s, &seed))
    return NULL;
  if (seed < 0 || seed > G_MAXUINT32)
    {
      cs_interp_raise (interp, "ValueError", "Seed must be between 0 and 2**32 - 1");
      return NULL;
    }
  cs_numpy_generator_seed (_cs_array_state (interp)->numpy_gen, (guint32) seed);
  return cs_none (interp);
}

FUNC (r_randint)
{
  CsObject *lo = arg_at (args, 0, "low"), *hi = arg_at (args, 1, "high"), *sz = arg_at (args, 2, "size");
  gint64 low, high;
  guint n = 0;
  gint64 shape[CS_MAX_DIMS];
  CsObject *a;
  gint64 v;

  if (lo == NULL || !get_int (interp, lo, &low))
    {
      if (!cs_interp_has_error (interp))
        cs_interp_raise (interp, "TypeError", "randint() missing required argument 'low'");
      return NULL;
    }
  if (is_none (hi))
    {
      high = low;
      low = 0;
    }
  else if (!get_int (interp, hi, &high))
    return NULL;
  if (high <= low)
    {
      cs_interp_raise (interp, "ValueError", "low >= high");
      return NULL;
    }
  if (is_none (sz))
    {
      cs_numpy_generator_randint (_cs_array_state (interp)->numpy_gen, low, high, &v, 1);
      return scalar_from_double (interp, CS_DTYPE_INT64, 0, v, FALSE);
    }
  if (!parse_shape_obj (interp, &sz, 1, &n, shape))
    return NULL;
  a = _cs_array_new (interp, &cs_ndarray_class, CS_DTYPE_INT64, n, shape);
  if (a == NULL)
    return NULL;
  cs_numpy_generator_randint (_cs_array_state (interp)->numpy_gen, low, high,
                              a->array.view.storage->data, cs_array_numel (a));
  return a;
}

static const struct
{
  const char   *name;
  CsBuiltinFunc func;
} numpy_functions[] = {
  { "array", f_array }, { "asarray", f_asarray }, { "ascontiguousarray", f_ascontiguousarray },
  { "zeros", f_zeros }, { "ones", f_ones }, { "empty", f_empty }, { "full", f_full },
  { "zeros_like", f_zeros_like }, { "ones_like", f_ones_like }, { "arange", f_arange },
  { "linspace", f_linspace }, { "shares_memory", f_shares_memory },
  { "may_share_memory", f_may_share_memory }, { "reshape", f_reshape },
  { "transpose", f_transpose }, { "swapaxes", f_swapaxes }, { "sum", f_sum }, { "mean", f_mean },
  { "max", f_max }, { "min", f_min }, { "amax", f_amax }, { "amin", f_amin }, { "prod", f_prod },
  { "argmax", f_argmax }, { "argmin", f_argmin }, { "ravel", f_ravel }, { "squeeze", f_squeeze },
  { "any", f_any }, { "all", f_all }, { "copy", f_copy },
  { "abs", f_abs }, { "absolute", f_abs }, { "exp", f_exp }, { "log", f_log }, { "sqrt", f_sqrt },
  { "sin", f_sin }, { "cos", f_cos }, { "tanh", f_tanh }, { "negative", f_negative },
  { "floor", f_floor }, { "ceil", f_ceil },
  { "add", f_add }, { "subtract", f_subtract }, { "multiply", f_multiply }, { "divide", f_divide },
  { "true_divide", f_divide }, { "power", f_power }, { "maximum", f_maximum },
  { "minimum", f_minimum }, { "array_equal", f_array_equal }, { "concatenate", f_concatenate },
  { "stack", f_stack },
};

static gpointer
init_classes_once (gpointer data)
{
  for (int d = 0; d < CS_N_DTYPES; d++)
    {
      CsClass *c = &scalar_classes[d];
      memset (c, 0, sizeof *c);
      c->kind = CS_KIND_OPAQUE;
      c->name = scalar_names[d];
      c->module = "numpy";
      c->methods = scalar_methods;
      c->repr = scalar_repr;
      c->getattr = scalar_getattr;
      c->binop = scalar_binop;
      c->unop = scalar_unop;
      c->compare = scalar_compare;
      c->truth = scalar_truth;
      c->hash = scalar_hash;
      c->to_int = scalar_to_int;
      c->to_float = scalar_to_float;
      c->construct = scalar_construct;
      c->snapshot = scalar_snapshot;

      dtype_class_names[d] = g_strdup_printf ("dtype[%s]", scalar_names[d]);
      c = &dtype_classes[d];
      memset (c, 0, sizeof *c);
      c->kind = CS_KIND_OPAQUE;
      c->name = dtype_class_names[d];
      c->module = "numpy";
      c->repr = dtype_repr;
      c->str = dtype_str;
      c->compare = dtype_compare;
      c->hash = dtype_hash;
      c->getattr = dtype_getattr;
    }
  return NULL;
}

gboolean
cs_numpy_module_init (CsInterp *interp,
                      CsObject *module)
{
  CsObject *random;
  static const struct { const char *name; CsDType d; } types[] = {
    { "float64", CS_DTYPE_FLOAT64 }, { "float32", CS_DTYPE_FLOAT32 }, { "float16", CS_DTYPE_FLOAT16 },
    { "int64", CS_DTYPE_INT64 }, { "int32", CS_DTYPE_INT32 }, { "int16", CS_DTYPE_INT16 },
    { "int8", CS_DTYPE_INT8 }, { "uint8", CS_DTYPE_UINT8 }, { "bool_", CS_DTYPE_BOOL },
    { "double", CS_DTYPE_FLOAT64 }, { "single", CS_DTYPE_FLOAT32 }, { "half", CS_DTYPE_FLOAT16 },
    { "float_", CS_DTYPE_FLOAT64 }, { "int_", CS_DTYPE_INT64 }, { "intp", CS_DTYPE_INT64 },
    { "longlong", CS_DTYPE_INT64 }, { "byte", CS_DTYPE_INT8 }, { "ubyte", CS_DTYPE_UINT8 },
    { "short", CS_DTYPE_INT16 }, { "intc", CS_DTYPE_INT32 },
  };

  ensure_classes ();
  for (guint i = 0; i < G_N_ELEMENTS (numpy_functions); i++)
    cs_module_add_function (interp, module, numpy_functions[i].name, numpy_functions[i].func);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    cs_module_add (interp, module, types[i].name, cs_type_object (interp, &scalar_classes[types[i].d]));
  cs_module_add (interp, module, "ndarray", cs_type_object (interp, &cs_ndarray_class));
  cs_module_add (interp, module, "newaxis", cs_none (interp));
  cs_module_add (interp, module, "pi", cs_float_new (interp, G_PI));
  cs_module_add (interp, module, "e", cs_float_new (interp, G_E));
  cs_module_add (interp, module, "inf", cs_float_new (interp, INFINITY));
  cs_module_add (interp, module, "nan", cs_float_new (interp, NAN));

  random = cs_module_new (interp, "numpy.random");
  cs_module_add_function (interp, random, "rand", r_rand);
  cs_module_add_function (interp, random, "randn", r_randn);
  cs_module_add_function (interp, random, "random", r_random);
  cs_module_add_function (interp, random, "random_sample", r_random);
  cs_module_add_function (interp, random, "seed", r_seed);
  cs_module_add_function (interp, random, "randint", r_randint);
  cs_module_add (interp, module, "random", random);
  return TRUE;
}
