/* test-array.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The C API of the array model (cs-array.h): tensors over storages, views
 * sharing them, element access with storage events, the element cap, and
 * the type promotion the kernels use.  Expected values come from PyTorch
 * 1.13 / NumPy 1.24 runs (see the comments).
 */

#include "config.h"

#include <math.h>

#include "cs-array-private.h"
#include "cs-interp.h"

static guint
count_events (CsInterp    *interp,
              CsEventKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < interp->events->len; i++)
    if (((CsEvent *) g_ptr_array_index (interp->events, i))->kind == kind)
      n++;
  return n;
}

static void
test_tensor_new (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  gint64 shape[2] = { 2, 3 };
  CsObject *t = cs_tensor_new (interp, CS_DTYPE_FLOAT32, 2, shape);
  g_autofree double *values = NULL;
  gsize n = 0;

  g_assert_nonnull (t);
  g_assert_true (cs_is_tensor (t));
  g_assert_false (cs_is_ndarray (t));
  g_assert_cmpint (t->array.view.strides[0], ==, 3);
  g_assert_cmpint (t->array.view.strides[1], ==, 1);
  g_assert_cmpuint (t->array.view.offset, ==, 0);
  g_assert_cmpuint (t->array.view.storage->numel, ==, 6);
  g_assert_true (t->array.ag.is_leaf);
  g_assert_false (t->array.ag.requires_grad);
  g_assert_cmpuint (cs_array_numel (t), ==, 6);
  values = cs_array_dup_doubles (t, &n);
  g_assert_cmpuint (n, ==, 6);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat (values[i], ==, 0.0);
  g_assert_cmpuint (count_events (interp, CS_EVENT_STORAGE_ALLOCATED), ==, 1);
}

/* x = torch.zeros(2, 3); v = x.t(); v.copy_(torch.arange(1., 7.).view(3, 2))
 * leaves x.flatten().tolist() == [1, 3, 5, 2, 4, 6]. */
static void
test_view_write_through (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  gint64 shape[2] = { 2, 3 };
  gint64 vshape[2] = { 3, 2 }, vstrides[2] = { 1, 3 };
  const double in[6] = { 1, 2, 3, 4, 5, 6 };
  const double expected[6] = { 1, 3, 5, 2, 4, 6 };
  CsObject *x = cs_tensor_new (interp, CS_DTYPE_FLOAT32, 2, shape);
  CsObject *v = cs_tensor_new_view (interp, x, 2, vshape, vstrides, 0);
  g_autofree double *out = NULL;
  CsEvent *written = NULL;

  g_assert_true (v->array.view.storage == x->array.view.storage);
  g_assert_false (_cs_array_is_contiguous (v));
  cs_array_set_doubles (interp, v, in);
  out = cs_array_dup_doubles (x, NULL);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpfloat (out[i], ==, expected[i]);
  g_assert_cmpuint (x->array.view.storage->version, ==, 1);
  g_assert_cmpuint (count_events (interp, CS_EVENT_VIEW_CREATED), ==, 1);
  for (guint i = 0; i < interp->events->len; i++)
    {
      CsEvent *e = g_ptr_array_index (interp->events, i);
      if (e->kind == CS_EVENT_STORAGE_WRITTEN)
        written = e;
    }
  g_assert_nonnull (written);
  g_assert_cmpuint (written->serial, ==, x->array.view.storage->serial);
  g_assert_cmpuint (written->cells->len, ==, 6);
  /* v[1, 0] (the second write) lands in storage cell 1 with value 3. */
  g_assert_cmpuint (g_array_index (written->cells, gsize, 2), ==, 1);
  g_assert_cmpfloat (g_array_index (written->new_values, double, 2), ==, 3.0);
  g_assert_cmpfloat (g_array_index (written->old_values, double, 2), ==, 0.0);
}

static void
test_element_cap (void)
{
  CsRunOptions options;
  g_autoptr (CsInterp) interp = NULL;
  gint64 ok_shape[1] = { 10 }, big_shape[2] = { 3, 4 };

  cs_run_options_init_defaults (&options);
  options.max_storage_numel = 10;
  interp = cs_interp_new (&options);
  g_assert_nonnull (cs_tensor_new (interp, CS_DTYPE_FLOAT64, 1, ok_shape));
  g_assert_false (cs_interp_has_error (interp));
  g_assert_null (cs_tensor_new (interp, CS_DTYPE_FLOAT64, 2, big_shape));
  g_assert_true (cs_interp_has_error (interp));
  g_assert_cmpstr (interp->error->type, ==, "MemoryError");
}

static void
test_from_doubles_rounds (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  gint64 shape[1] = { 2 };
  const double values[2] = { 0.1, 2.7 };
  CsObject *f = cs_tensor_new_from_doubles (interp, CS_DTYPE_FLOAT32, 1, shape, values);
  CsObject *i = cs_tensor_new_from_doubles (interp, CS_DTYPE_INT64, 1, shape, values);
  g_autofree double *fv = cs_array_dup_doubles (f, NULL);
  g_autofree double *iv = cs_array_dup_doubles (i, NULL);

  g_assert_cmpfloat (fv[0], ==, (double) 0.1f);
  g_assert_cmpfloat (fv[0], !=, 0.1);
  g_assert_cmpfloat (iv[1], ==, 2.0);
  g_assert_cmpuint (count_events (interp, CS_EVENT_STORAGE_WRITTEN), ==, 0);
}

/* repr(torch.tensor([0.5, 1.25])) == "tensor([0.5000, 1.2500])". */
static void
test_repr (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  gint64 shape[1] = { 2 };
  const double values[2] = { 0.5, 1.25 };
  CsObject *t = cs_tensor_new_from_doubles (interp, CS_DTYPE_FLOAT32, 1, shape, values);
  g_autofree char *r = cs_array_dup_repr (interp, t);

  g_assert_cmpstr (r, ==, "tensor([0.5000, 1.2500])");
  t->array.ag.requires_grad = TRUE;
  g_clear_pointer (&r, g_free);
  r = cs_array_dup_repr (interp, t);
  g_assert_cmpstr (r, ==, "tensor([0.5000, 1.2500], requires_grad=True)");
}

/* (torch.tensor([1, 2]) + 1.5).dtype == float32;
 * (np.array([1], np.int8) + 300).dtype == int16;
 * (np.array([1.], np.float32) + 2.5).dtype == float32;
 * (torch.tensor([1]) / torch.tensor([2])).dtype == float32;
 * (np.array([True]) // np.array([True])).dtype == int8. */
static void
test_promotion (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  gint64 one = 1;
  CsObject *ti = cs_tensor_new (interp, CS_DTYPE_INT64, 1, &one);
  CsObject *ai8 = _cs_array_new (interp, &cs_ndarray_class, CS_DTYPE_INT8, 1, &one);
  CsObject *af32 = _cs_array_new (interp, &cs_ndarray_class, CS_DTYPE_FLOAT32, 1, &one);
  CsObject *ab = _cs_array_new (interp, &cs_ndarray_class, CS_DTYPE_BOOL, 1, &one);
  CsArrayArg x, y;

  _cs_array_arg_init (interp, ti, &x);
  _cs_array_arg_init (interp, cs_float_new (interp, 1.5), &y);
  g_assert_cmpint (_cs_array_result_dtype (CS_LIB_TORCH, CS_AOP_ADD, &x, &y), ==, CS_DTYPE_FLOAT32);
  _cs_array_arg_init (interp, ti, &y);
  g_assert_cmpint (_cs_array_result_dtype (CS_LIB_TORCH, CS_AOP_DIV, &x, &y), ==, CS_DTYPE_FLOAT32);
  g_assert_cmpint (_cs_array_result_dtype (CS_LIB_TORCH, CS_AOP_ADD, &x, &y), ==, CS_DTYPE_INT64);

  _cs_array_arg_init (interp, ai8, &x);
  _cs_array_arg_init (interp, cs_int_new (interp, 300), &y);
  g_assert_cmpint (_cs_array_result_dtype (CS_LIB_NUMPY, CS_AOP_ADD, &x, &y), ==, CS_DTYPE_INT16);
  _cs_array_arg_init (interp, af32, &x);
  _cs_array_arg_init (interp, cs_float_new (interp, 2.5), &y);
  g_assert_cmpint (_cs_array_result_dtype (CS_LIB_NUMPY, CS_AOP_ADD, &x, &y), ==, CS_DTYPE_FLOAT32);
  _cs_array_arg_init (interp, ab, &x);
  _cs_array_arg_init (interp, ab, &y);
  g_assert_cmpint (_cs_array_result_dtype (CS_LIB_NUMPY, CS_AOP_FLOORDIV, &x, &y), ==, CS_DTYPE_INT8);
}

/* Broadcast gather: torch.tensor([[1], [2]]).expand(2, 3) row-major. */
static void
test_gather_broadcast (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  gint64 shape[2] = { 2, 1 }, out_shape[2] = { 2, 3 };
  const double values[2] = { 1, 2 };
  const double expected[6] = { 1, 1, 1, 2, 2, 2 };
  CsObject *t = cs_tensor_new_from_doubles (interp, CS_DTYPE_INT64, 2, shape, values);
  g_autofree gint64 *buf = _cs_array_gather (t, CS_DTYPE_INT64, 2, out_shape);

  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (buf[i], ==, (gint64) expected[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/core/array/tensor-new", test_tensor_new);
  g_test_add_func ("/core/array/view-write-through", test_view_write_through);
  g_test_add_func ("/core/array/element-cap", test_element_cap);
  g_test_add_func ("/core/array/from-doubles-rounds", test_from_doubles_rounds);
  g_test_add_func ("/core/array/repr", test_repr);
  g_test_add_func ("/core/array/promotion", test_promotion);
  g_test_add_func ("/core/array/gather-broadcast", test_gather_broadcast);
  return g_test_run ();
}
