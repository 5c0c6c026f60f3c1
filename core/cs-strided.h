/* cs-strided.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stride and offset arithmetic of NumPy arrays and PyTorch tensors: layouts,
 * contiguity, iteration, the view operations (transpose, permute, expand,
 * unsqueeze, squeeze, narrow, select, slicing, basic indexing), view and
 * reshape (view when possible, as each library decides), broadcasting and
 * type promotion.
 *
 * Everything is pure arithmetic on (offset, shape, strides), counted in
 * elements, never bytes.  Where the two libraries differ, a CsLib argument
 * picks the behaviour and the exact error text.  Errors are Python
 * exceptions to raise: a CsStridedError with the exception class name and
 * message (what str(exc) gives).  Shapes whose element count overflows
 * gint64 are rejected, never wrapped.
 */

#pragma once

#include <glib.h>

#include "cs-dtype.h"

G_BEGIN_DECLS

/* Same bound as CsView (cs-value.h). */
#define CS_STRIDED_MAX_DIMS 16

typedef enum
{
  CS_LIB_TORCH,
  CS_LIB_NUMPY,
} CsLib;

typedef struct
{
  guint  ndim;
  gint64 offset;                          /* storage index of element [0, ..., 0] */
  gint64 shape[CS_STRIDED_MAX_DIMS];
  gint64 strides[CS_STRIDED_MAX_DIMS];    /* in elements; NumPy's may be negative */
} CsLayout;

typedef struct
{
  const char *exc_type;   /* static: "RuntimeError", "IndexError", "ValueError", "AxisError", ... */
  char       *message;    /* g_malloc'd */
} CsStridedError;

void     cs_strided_error_clear         (CsStridedError *error);

/* ---- Shapes and layouts ----------------------------------------------------- */

/* Product of the sizes; FALSE when a size is negative, there are more than
 * CS_STRIDED_MAX_DIMS dimensions or the product overflows gint64. */
gboolean cs_shape_numel                 (guint           ndim,
                                         const gint64   *shape,
                                         gint64         *out_numel);

/* Row-major strides as PyTorch (and NumPy reshape) compute them: a size 0
 * counts as 1, so torch.zeros(2, 0, 3).stride() == (3, 3, 1).  Offset 0.
 * FALSE (layout untouched) when cs_shape_numel fails. */
gboolean cs_layout_init_contiguous      (CsLayout       *layout,
                                         guint           ndim,
                                         const gint64   *shape);
/* A new NumPy array (np.zeros, np.array, copy, ...): as above, except that
 * an array with no elements gets all-zero strides (np.zeros((2, 0)).strides
 * == (0, 0)). */
gboolean cs_layout_init_numpy_new       (CsLayout       *layout,
                                         guint           ndim,
                                         const gint64   *shape);

gint64   cs_layout_numel                (const CsLayout *layout);
/* PyTorch is_contiguous() == NumPy flags['C_CONTIGUOUS']: sizes of 1 are
 * ignored, empty layouts are contiguous. */
gboolean cs_layout_is_contiguous        (const CsLayout *layout);
/* NumPy flags['F_CONTIGUOUS']. */
gboolean cs_layout_is_f_contiguous      (const CsLayout *layout);
/* Storage index of a multi-index (not bounds-checked). */
gint64   cs_layout_storage_index        (const CsLayout *layout,
                                         const gint64   *index);
/* Storage index of the @linear-th element in row-major order. */
gint64   cs_layout_linear_to_storage    (const CsLayout *layout,
                                         gint64          linear);
/* Lowest and highest storage index the layout touches; FALSE if empty. */
gboolean cs_layout_extent               (const CsLayout *layout,
                                         gint64         *min_index,
                                         gint64         *max_index);
gboolean cs_layout_equal                (const CsLayout *a,
                                         const CsLayout *b);

/* Row-major iteration over the storage indices of a layout:
 *
 *   CsLayoutIter it;
 *   gint64 idx;
 *   cs_layout_iter_init (&it, &layout);
 *   while (cs_layout_iter_next (&it, &idx))
 *     ... element at storage index idx ...
 */
typedef struct
{
  guint  ndim;
  gint64 shape[CS_STRIDED_MAX_DIMS];
  gint64 strides[CS_STRIDED_MAX_DIMS];
  gint64 counter[CS_STRIDED_MAX_DIMS];
  gint64 pos;
  gint64 remaining;
} CsLayoutIter;

void     cs_layout_iter_init            (CsLayoutIter   *iter,
                                         const CsLayout *layout);
gboolean cs_layout_iter_next            (CsLayoutIter   *iter,
                                         gint64         *storage_index);

/* ---- View operations ---------------------------------------------------------
 *
 * Each writes the resulting view to @out (which may be @in) and returns
 * TRUE, or fills @error and returns FALSE leaving @out untouched.  Dimension
 * arguments may be negative, as in Python. */

/* torch transpose(d0, d1) / NumPy swapaxes(a, d0, d1). */
gboolean cs_layout_transpose            (CsLib           lib,
                                         const CsLayout *in,
                                         gint64          dim0,
                                         gint64          dim1,
                                         CsLayout       *out,
                                         CsStridedError *error);
/* torch permute(dims) / NumPy transpose(axes); @dims NULL with @n_dims 0
 * reverses the axes (NumPy transpose(), .T). */
gboolean cs_layout_permute              (CsLib           lib,
                                         const CsLayout *in,
                                         const gint64   *dims,
                                         guint           n_dims,
                                         CsLayout       *out,
                                         CsStridedError *error);
/* torch t(): transposes 2-D, returns 0-D and 1-D unchanged. */
gboolean cs_layout_t                    (const CsLayout *in,
                                         CsLayout       *out,
                                         CsStridedError *error);
/* .T of both libraries: all axes reversed.  (PyTorch warns for ndim other
 * than 2; the caller emits that UserWarning.) */
void     cs_layout_reverse              (const CsLayout *in,
                                         CsLayout       *out);
/* torch unsqueeze(dim) (stride as inferUnsqueezeGeometry) / NumPy
 * expand_dims(a, axis) (which reshapes). */
gboolean cs_layout_unsqueeze            (CsLib           lib,
                                         const CsLayout *in,
                                         gint64          dim,
                                         CsLayout       *out,
                                         CsStridedError *error);
/* squeeze() when @all_dims, else squeeze(dim): PyTorch leaves a dimension
 * whose size is not 1 alone, NumPy raises. */
gboolean cs_layout_squeeze              (CsLib           lib,
                                         const CsLayout *in,
                                         gboolean        all_dims,
                                         gint64          dim,
                                         CsLayout       *out,
                                         CsStridedError *error);
/* torch narrow(dim, start, length). */
gboolean cs_layout_narrow               (const CsLayout *in,
                                         gint64          dim,
                                         gint64          start,
                                         gint64          length,
                                         CsLayout       *out,
                                         CsStridedError *error);
/* torch select(dim, index) (its own error text; t[i] uses cs_layout_index). */
gboolean cs_layout_select               (const CsLayout *in,
                                         gint64          dim,
                                         gint64          index,
                                         CsLayout       *out,
                                         CsStridedError *error);
/* torch expand(*sizes) (-1 keeps a size; expanded dimensions get stride
 * 0).  @dtype only names the tensor type in one error message
 * ("expand(torch.FloatTensor{[2, 3]}, size=[3]): ..."). */
gboolean cs_layout_expand               (CsDType         dtype,
                                         const CsLayout *in,
                                         const gint64   *sizes,
                                         guint           n_sizes,
                                         CsLayout       *out,
                                         CsStridedError *error);
/* torch.broadcast_to / np.broadcast_to. */
gboolean cs_layout_broadcast_to         (CsLib           lib,
                                         CsDType         dtype,
                                         const CsLayout *in,
                                         const gint64   *shape,
                                         guint           n_shape,
                                         CsLayout       *out,
                                         CsStridedError *error);

/* One item of a basic index expression t[i, 1:3, None, ...]. */
typedef enum
{
  CS_INDEX_INT,
  CS_INDEX_SLICE,
  CS_INDEX_NONE,       /* None / np.newaxis */
  CS_INDEX_ELLIPSIS,
} CsIndexKind;

typedef struct
{
  CsIndexKind kind;
  gint64      index;                       /* CS_INDEX_INT */
  gboolean    has_start, has_stop, has_step;
  gint64      start, stop, step;           /* CS_INDEX_SLICE; absent parts are None */
} CsIndexItem;

/* Python's slice.indices(length) (PySlice_Unpack + PySlice_AdjustIndices):
 * normalised start, stop, step and the number of elements.  FALSE with
 * "ValueError: slice step cannot be zero" for step 0. */
gboolean cs_slice_adjust                (const CsIndexItem *slice,
                                         gint64             length,
                                         gint64            *start,
                                         gint64            *stop,
                                         gint64            *step,
                                         gint64            *count,
                                         CsStridedError    *error);

/* Basic indexing (ints, slices, None, one Ellipsis) as t[...] / a[...] do,
 * including each library's treatment of empty slices (NumPy: offset of the
 * dimension start not added, stride kept; PyTorch: offset at the clamped
 * start) and errors ("index 5 is out of bounds for dimension 0 with size
 * 3", "step must be greater than zero", "too many indices for array: ...").
 * An integer index of a 0-d tensor is an error, as in PyTorch. */
gboolean cs_layout_index                (CsLib              lib,
                                         const CsLayout    *in,
                                         const CsIndexItem *items,
                                         guint              n_items,
                                         CsLayout          *out,
                                         CsStridedError    *error);

/* ---- view / reshape ------------------------------------------------------------ */

/* Resolves one -1 in @shape against @numel, with each library's errors
 * (PyTorch: "shape '[5]' is invalid for input of size 6", "only one
 * dimension can be inferred"; NumPy: "cannot reshape array of size 6 into
 * shape (5,)", where any negative size means "unknown"). */
gboolean cs_shape_infer                 (CsLib           lib,
                                         gint64          numel,
                                         const gint64   *shape,
                                         guint           n_shape,
                                         gint64         *out_shape,
                                         CsStridedError *error);

/* PyTorch's computeStride (aten/src/ATen/TensorUtils.cpp): whether a tensor
 * of @old_shape/@old_strides can be viewed as @new_shape (same numel), and
 * the strides.  FALSE when a dimension spans two contiguous subspaces. */
gboolean cs_strided_compute_view_strides (guint          old_ndim,
                                          const gint64  *old_shape,
                                          const gint64  *old_strides,
                                          guint          new_ndim,
                                          const gint64  *new_shape,
                                          gint64        *new_strides);

/* torch view(*shape), -1 allowed. */
gboolean cs_layout_view                 (const CsLayout *in,
                                         const gint64   *shape,
                                         guint           n_shape,
                                         CsLayout       *out,
                                         CsStridedError *error);

/* torch reshape / NumPy reshape (C order), -1 allowed.  When a view is
 * possible, @out is that view and *@needs_copy is FALSE.  Otherwise
 * *@needs_copy is TRUE and @out is the contiguous layout (offset 0) the
 * copied data gets. */
gboolean cs_layout_reshape              (CsLib           lib,
                                         const CsLayout *in,
                                         const gint64   *shape,
                                         guint           n_shape,
                                         CsLayout       *out,
                                         gboolean       *needs_copy,
                                         CsStridedError *error);

/* torch flatten(start_dim, end_dim): a reshape (so may need a copy).  When
 * start_dim == end_dim PyTorch returns the tensor itself (x.flatten(1, 1)
 * is x): then @out equals @in and *@needs_copy is FALSE. */
gboolean cs_layout_flatten              (const CsLayout *in,
                                         gint64          start_dim,
                                         gint64          end_dim,
                                         CsLayout       *out,
                                         gboolean       *needs_copy,
                                         CsStridedError *error);

/* ---- Broadcasting ------------------------------------------------------------------ */

/* The broadcast shape of two operands, with PyTorch's "The size of tensor a
 * (3) must match the size of tensor b (2) at non-singleton dimension 0" or
 * NumPy's "operands could not be broadcast together with shapes (3,) (2,) ". */
gboolean cs_broadcast_shapes            (CsLib           lib,
                                         guint           ndim_a,
                                         const gint64   *shape_a,
                                         guint           ndim_b,
                                         const gint64   *shape_b,
                                         guint          *out_ndim,
                                         gint64         *out_shape,
                                         CsStridedError *error);

/* ---- Type promotion -------------------------------------------------------------- */

/* torch.promote_types / np.promote_types. */
CsDType  cs_torch_promote_types         (CsDType a,
                                         CsDType b);
CsDType  cs_numpy_promote_types         (CsDType a,
                                         CsDType b);

typedef enum
{
  CS_OPERAND_ARRAY,      /* a tensor/array with ndim >= 1 */
  CS_OPERAND_ZERO_DIM,   /* a 0-d tensor, 0-d array or NumPy scalar */
  CS_OPERAND_PY_BOOL,    /* Python bool / int / float */
  CS_OPERAND_PY_INT,
  CS_OPERAND_PY_FLOAT,
} CsOperandKind;

typedef struct
{
  CsOperandKind kind;
  CsDType       dtype;        /* ARRAY and ZERO_DIM */
  gint64        int_value;    /* value of an integral/bool ZERO_DIM, PY_INT or PY_BOOL */
  double        float_value;  /* value of a floating ZERO_DIM or PY_FLOAT */
} CsOperand;

/* torch.result_type over the operands of an operation: dimensioned tensors
 * beat 0-d tensors beat Python scalars unless a lower category (bool <
 * integer < floating) would be lost; a Python float is @default_float. */
CsDType  cs_torch_result_type           (const CsOperand *operands,
                                         guint            n_operands,
                                         CsDType          default_float);
/* NumPy 1.24 (legacy value-based casting): when every scalar operand's kind
 * is no higher than the highest array kind, scalars count by the smallest
 * type holding their value (np.array([1], np.int8) + 300 -> int16,
 * float32 array * 2.5 -> float32).  Python int -> int64 (long), float ->
 * float64, bool -> bool otherwise. */
CsDType  cs_numpy_result_type           (const CsOperand *operands,
                                         guint            n_operands);
/* The dtype of true division a / b: PyTorch gives @default_float when the
 * result type is integral or bool; NumPy gives float64 when both operands
 * are integers or bools (else its result type). */
CsDType  cs_torch_true_divide_type      (const CsOperand *operands,
                                         guint            n_operands,
                                         CsDType          default_float);
CsDType  cs_numpy_true_divide_type      (const CsOperand *operands,
                                         guint            n_operands);
/* Whether PyTorch lets an in-place operation write @from into @to
 * (c10::canCast): no floating -> integral, no non-bool -> bool. */
gboolean cs_torch_can_cast              (CsDType from,
                                         CsDType to);

/* PyTorch's ScalarType name in messages: "Float", "Long", "Double", "Int",
 * "Bool", "Byte", "Char", "Short", "Half" (e.g. "result type Float can't be
 * cast to the desired output type Long" when cs_torch_can_cast fails). */
const char *cs_torch_scalar_type_name   (CsDType dtype);

/* np.can_cast(from, to, 'same_kind'), the rule in-place ufuncs apply:
 * kinds ordered bool < unsigned < signed < float, any size within a kind.
 * When it fails NumPy raises UFuncTypeError: "Cannot cast ufunc 'add'
 * output from dtype('float64') to dtype('int64') with casting rule
 * 'same_kind'" (ufunc names: add, subtract, multiply, divide,
 * floor_divide, remainder, power). */
gboolean    cs_numpy_can_cast_same_kind (CsDType from,
                                         CsDType to);

/* PyTorch's has_internal_overlap() == MemOverlap::Yes: some dimension of
 * size > 1 has stride 0 (an expanded tensor).  In-place operations then
 * fail with "unsupported operation: more than one element of the
 * written-to tensor refers to a single memory location. Please clone()
 * the tensor before performing the operation." */
gboolean    cs_layout_has_internal_overlap (const CsLayout *layout);

/* ---- Layouts of new tensors and arrays -----------------------------------------
 *
 * Which strides a freshly allocated result gets (offset 0).  Both libraries
 * keep the memory order of their inputs, so x.t().clone().stride() is
 * (1, 3), not (2, 1). */

/* PyTorch's is_non_overlapping_and_dense(). */
gboolean cs_layout_is_non_overlapping_and_dense (const CsLayout *layout);

/* torch.empty_like(x) with memory_format=torch.preserve_format, which
 * clone(), zeros_like/ones_like/rand_like and dtype conversions (to(),
 * float(), double(), ...) use: the same strides when dense, else the
 * order of the strides kept (infer_dense_strides). */
void     cs_layout_torch_like           (const CsLayout *in,
                                         CsLayout       *out);

/* The output of a PyTorch elementwise operation (TensorIterator: unary and
 * binary arithmetic, comparisons, ...) over @inputs, whose broadcast shape
 * is @ndim/@shape.  0-d tensors and Python scalars are 0-d layouts. */
void     cs_layout_torch_elementwise    (const CsLayout *const *inputs,
                                         guint                 n_inputs,
                                         guint                 ndim,
                                         const gint64         *shape,
                                         CsLayout             *out);

/* np.empty_like(a, order=@order) with @order 'K', 'A', 'C' or 'F':
 * ndarray.copy() is 'C'; np.copy, np.array(a), astype, zeros_like are 'K'. */
void     cs_layout_numpy_like           (const CsLayout *in,
                                         char            order,
                                         CsLayout       *out);

/* The output of a NumPy ufunc (order 'K') over @inputs, whose broadcast
 * shape is @ndim/@shape.  Python scalars are 0-d layouts. */
void     cs_layout_numpy_elementwise    (const CsLayout *const *inputs,
                                         guint                 n_inputs,
                                         guint                 ndim,
                                         const gint64         *shape,
                                         CsLayout             *out);

/* The result of a NumPy reduction (a.sum(axis), mean, max, ...) over the
 * axes where @reduce[i] is TRUE, dropped unless @keepdims: it keeps the
 * memory order of @in.  (PyTorch reductions, torch.cat and torch.stack
 * give contiguous results: use cs_layout_init_contiguous.) */
void     cs_layout_numpy_reduce         (const CsLayout *in,
                                         const gboolean *reduce,
                                         gboolean        keepdims,
                                         CsLayout       *out);

/* np.concatenate of @inputs into the result shape @ndim/@shape (np.stack
 * is the concatenation of a[..., None, ...] views, whose new axis has
 * stride 0 and size 1). */
void     cs_layout_numpy_concatenate    (const CsLayout *const *inputs,
                                         guint                 n_inputs,
                                         guint                 ndim,
                                         const gint64         *shape,
                                         CsLayout             *out);

/* ---- Reductions ---------------------------------------------------------------
 *
 * Floating-point sums give the libraries' own roundings, which print: NumPy
 * sums in chunks of 8192 (the iterator buffer), each by pairwise summation;
 * PyTorch 1.13 sums with its cascaded, AVX2-vectorised kernel
 * (aten/src/ATen/native/cpu/SumKernel.cpp).  Both read the elements of the
 * layout over @data (a buffer of @dtype). */

/* np.sum(a) / np.add.reduce over all axes, accumulating in @acc_dtype
 * (FLOAT64, FLOAT32 or FLOAT16; np.mean of integers sums in float64, of
 * float16 in float32).  The result is a value of @acc_dtype. */
double   cs_numpy_sum_all               (CsDType         dtype,
                                         gconstpointer   data,
                                         const CsLayout *layout,
                                         CsDType         acc_dtype);

/* torch.sum(t) over all elements of a FLOAT32 or FLOAT64 tensor (the
 * result is a value of that dtype).  FALSE for other dtypes (integer sums
 * are exact; float16 is not modelled).  t.mean() is this sum divided by
 * the element count in the tensor's dtype. */
gboolean cs_torch_sum_all               (CsDType         dtype,
                                         gconstpointer   data,
                                         const CsLayout *layout,
                                         double         *out_sum);

/* np.add.reduce(a, axis) accumulating in @acc_dtype (as cs_numpy_sum_all):
 * writes the sums in row-major order of the remaining axes to @out. */
void     cs_numpy_sum_axis              (CsDType         dtype,
                                         gconstpointer   data,
                                         const CsLayout *layout,
                                         guint           axis,
                                         CsDType         acc_dtype,
                                         double         *out);

/* torch.sum(t, dim) of a FLOAT32 or FLOAT64 tensor: writes the sums in
 * row-major order of the remaining dimensions to @out (as many as the
 * tensor has elements divided by the size of @dim; @dim already wrapped
 * into [0, ndim)).  FALSE for other dtypes. */
gboolean cs_torch_sum_dim               (CsDType         dtype,
                                         gconstpointer   data,
                                         const CsLayout *layout,
                                         gint64          dim,
                                         double         *out);

G_END_DECLS
