/* cs-strided.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The algorithms follow PyTorch 1.13 (aten/src/ATen/native/TensorShape.cpp,
 * TensorUtils.cpp, ExpandUtils.cpp, InferSize.h, TensorIndexing.h,
 * c10/core/ScalarType.h, TypeProperties.cpp) and NumPy 1.24
 * (core/src/multiarray/shape.c, mapping.c, convert_datatype.c,
 * core/numeric.py), including their error texts.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-strided.h"

/* Stride and offset arithmetic wraps around like PyTorch's and NumPy's
 * int64 arithmetic on absurd inputs instead of being undefined behaviour. */
static inline gint64
wmul (gint64 a,
      gint64 b)
{
  return (gint64) ((guint64) a * (guint64) b);
}

static inline gint64
wadd (gint64 a,
      gint64 b)
{
  return (gint64) ((guint64) a + (guint64) b);
}

/* ---- Errors ------------------------------------------------------------------ */

void
cs_strided_error_clear (CsStridedError *error)
{
  if (error == NULL)
    return;
  g_clear_pointer (&error->message, g_free);
  error->exc_type = NULL;
}

G_GNUC_PRINTF (3, 4)
static gboolean
set_error (CsStridedError *error,
           const char     *exc_type,
           const char     *format,
           ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;

  g_free (error->message);
  error->exc_type = exc_type;
  va_start (args, format);
  error->message = g_strdup_vprintf (format, args);
  va_end (args);

  return FALSE;
}

/* "[2, 3]" as PyTorch prints an IntArrayRef. */
static char *
torch_list (const gint64 *v,
            guint         n)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? ", " : "", v[i]);
  g_string_append_c (s, ']');

  return g_string_free (s, FALSE);
}

/* "(2,3)", "(3,)", "()" as NumPy prints shapes in error messages
 * (convert_shape_to_string: leading negative sizes are dropped, later ones
 * become "newaxis"). */
static char *
numpy_shape (const gint64 *v,
             guint         n)
{
  GString *s = g_string_new ("(");
  guint i = 0;

  while (i < n && v[i] < 0)
    i++;
  if (i == n)
    {
      g_string_append_c (s, ')');
      return g_string_free (s, FALSE);
    }

  g_string_append_printf (s, "%" G_GINT64_FORMAT, v[i++]);
  for (; i < n; i++)
    {
      if (v[i] < 0)
        g_string_append (s, ",newaxis");
      else
        g_string_append_printf (s, ",%" G_GINT64_FORMAT, v[i]);
    }
  g_string_append (s, n == 1 ? ",)" : ")");

  return g_string_free (s, FALSE);
}

static const char *
torch_type_name (CsDType dtype)
{
  switch (dtype)
    {
    case CS_DTYPE_BOOL: return "torch.BoolTensor";
    case CS_DTYPE_UINT8: return "torch.ByteTensor";
    case CS_DTYPE_INT8: return "torch.CharTensor";
    case CS_DTYPE_INT16: return "torch.ShortTensor";
    case CS_DTYPE_INT32: return "torch.IntTensor";
    case CS_DTYPE_INT64: return "torch.LongTensor";
    case CS_DTYPE_FLOAT16: return "torch.HalfTensor";
    case CS_DTYPE_FLOAT32: return "torch.FloatTensor";
    case CS_DTYPE_FLOAT64: return "torch.DoubleTensor";
    case CS_N_DTYPES:
    default:
      return "torch.Tensor";
    }
}

/* c10::maybe_wrap_dim with wrap_scalar: a 0-d tensor accepts -1 and 0. */
static gboolean
torch_wrap_dim (gint64          dim,
                gint64          ndim,
                gint64         *out,
                CsStridedError *error)
{
  gint64 lo, hi;

  if (ndim <= 0)
    ndim = 1;
  lo = -ndim;
  hi = ndim - 1;
  if (dim < lo || dim > hi)
    return set_error (error, "IndexError",
                      "Dimension out of range (expected to be in range of [%" G_GINT64_FORMAT
                      ", %" G_GINT64_FORMAT "], but got %" G_GINT64_FORMAT ")",
                      lo, hi, dim);
  *out = dim < 0 ? dim + ndim : dim;
  return TRUE;
}

/* numpy normalize_axis_index, with its optional "axis1: " prefix. */
static gboolean
numpy_wrap_axis (gint64          axis,
                 gint64          ndim,
                 const char     *prefix,
                 gint64         *out,
                 CsStridedError *error)
{
  if (axis < -ndim || axis >= ndim)
    return set_error (error, "AxisError",
                      "%s%saxis %" G_GINT64_FORMAT " is out of bounds for array of dimension %"
                      G_GINT64_FORMAT,
                      prefix ? prefix : "", prefix ? ": " : "", axis, ndim);
  *out = axis < 0 ? axis + ndim : axis;
  return TRUE;
}

static gboolean
check_ndim (guint           ndim,
            CsStridedError *error)
{
  if (ndim > CS_STRIDED_MAX_DIMS)
    return set_error (error, "ValueError",
                      "maximum supported dimension for an ndarray is %d, found %u",
                      CS_STRIDED_MAX_DIMS, ndim);
  return TRUE;
}

/* ---- Shapes and layouts -------------------------------------------------------- */

gboolean
cs_shape_numel (guint         ndim,
                const gint64 *shape,
                gint64       *out_numel)
{
  gint64 n = 1;
  gboolean overflow = FALSE;

  if (ndim > CS_STRIDED_MAX_DIMS)
    return FALSE;

  /* A zero anywhere makes the product 0 even if other sizes are huge. */
  for (guint i = 0; i < ndim; i++)
    {
      if (shape[i] < 0)
        return FALSE;
      if (shape[i] == 0)
        {
          if (out_numel)
            *out_numel = 0;
          return TRUE;
        }
    }
  for (guint i = 0; i < ndim; i++)
    if (!overflow && __builtin_mul_overflow (n, shape[i], &n))
      overflow = TRUE;
  if (overflow)
    return FALSE;

  if (out_numel)
    *out_numel = n;
  return TRUE;
}

gboolean
cs_layout_init_contiguous (CsLayout     *layout,
                           guint         ndim,
                           const gint64 *shape)
{
  gint64 stride = 1;

  g_return_val_if_fail (layout != NULL, FALSE);

  if (!cs_shape_numel (ndim, shape, NULL))
    return FALSE;

  /* Strides are products of max(size, 1), which cannot overflow when the
   * numel (with zeros counted as one) does not; check that product too. */
  for (guint i = 0; i < ndim; i++)
    {
      gint64 s = MAX (shape[i], 1);

      if (__builtin_mul_overflow (stride, s, &stride))
        return FALSE;
    }

  memset (layout, 0, sizeof *layout);
  layout->ndim = ndim;
  stride = 1;
  for (guint i = ndim; i-- > 0;)
    {
      layout->shape[i] = shape[i];
      layout->strides[i] = stride;
      stride *= MAX (shape[i], 1);
    }

  return TRUE;
}

gboolean
cs_layout_init_numpy_new (CsLayout     *layout,
                          guint         ndim,
                          const gint64 *shape)
{
  if (!cs_layout_init_contiguous (layout, ndim, shape))
    return FALSE;

  if (cs_layout_numel (layout) == 0)
    memset (layout->strides, 0, sizeof layout->strides);

  return TRUE;
}

gint64
cs_layout_numel (const CsLayout *layout)
{
  gint64 n = 0;

  g_return_val_if_fail (layout != NULL, 0);

  if (!cs_shape_numel (layout->ndim, layout->shape, &n))
    return 0;
  return n;
}

gboolean
cs_layout_is_contiguous (const CsLayout *layout)
{
  gint64 expected = 1;

  g_return_val_if_fail (layout != NULL, FALSE);

  if (cs_layout_numel (layout) == 0)
    return TRUE;

  for (guint i = layout->ndim; i-- > 0;)
    {
      if (layout->shape[i] == 1)
        continue;
      if (layout->strides[i] != expected)
        return FALSE;
      expected *= layout->shape[i];
    }

  return TRUE;
}

gboolean
cs_layout_is_f_contiguous (const CsLayout *layout)
{
  gint64 expected = 1;

  g_return_val_if_fail (layout != NULL, FALSE);

  if (cs_layout_numel (layout) == 0)
    return TRUE;

  for (guint i = 0; i < layout->ndim; i++)
    {
      if (layout->shape[i] == 1)
        continue;
      if (layout->strides[i] != expected)
        return FALSE;
      expected *= layout->shape[i];
    }

  return TRUE;
}

gint64
cs_layout_storage_index (const CsLayout *layout,
                         const gint64   *index)
{
  gint64 pos;

  g_return_val_if_fail (layout != NULL, 0);

  pos = layout->offset;
  for (guint i = 0; i < layout->ndim; i++)
    pos = wadd (pos, wmul (index[i], layout->strides[i]));

  return pos;
}

gint64
cs_layout_linear_to_storage (const CsLayout *layout,
                             gint64          linear)
{
  gint64 pos;

  g_return_val_if_fail (layout != NULL, 0);

  pos = layout->offset;
  for (guint i = layout->ndim; i-- > 0;)
    {
      gint64 size = layout->shape[i];

      if (size <= 0)
        return layout->offset;
      pos = wadd (pos, wmul (linear % size, layout->strides[i]));
      linear /= size;
    }

  return pos;
}

gboolean
cs_layout_extent (const CsLayout *layout,
                  gint64         *min_index,
                  gint64         *max_index)
{
  gint64 lo, hi;

  g_return_val_if_fail (layout != NULL, FALSE);

  if (cs_layout_numel (layout) == 0)
    return FALSE;

  lo = hi = layout->offset;
  for (guint i = 0; i < layout->ndim; i++)
    {
      gint64 span = wmul (layout->shape[i] - 1, layout->strides[i]);

      if (span < 0)
        lo = wadd (lo, span);
      else
        hi = wadd (hi, span);
    }

  if (min_index)
    *min_index = lo;
  if (max_index)
    *max_index = hi;
  return TRUE;
}

gboolean
cs_layout_equal (const CsLayout *a,
                 const CsLayout *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->ndim != b->ndim || a->offset != b->offset)
    return FALSE;
  for (guint i = 0; i < a->ndim; i++)
    if (a->shape[i] != b->shape[i] || a->strides[i] != b->strides[i])
      return FALSE;

  return TRUE;
}

void
cs_layout_iter_init (CsLayoutIter   *iter,
                     const CsLayout *layout)
{
  g_return_if_fail (iter != NULL && layout != NULL);

  memset (iter, 0, sizeof *iter);
  iter->ndim = MIN (layout->ndim, CS_STRIDED_MAX_DIMS);
  memcpy (iter->shape, layout->shape, sizeof iter->shape);
  memcpy (iter->strides, layout->strides, sizeof iter->strides);
  iter->pos = layout->offset;
  iter->remaining = cs_layout_numel (layout);
}

gboolean
cs_layout_iter_next (CsLayoutIter *iter,
                     gint64       *storage_index)
{
  g_return_val_if_fail (iter != NULL, FALSE);

  if (iter->remaining <= 0)
    return FALSE;

  if (storage_index)
    *storage_index = iter->pos;
  iter->remaining--;

  /* Advance the odometer: the last dimension fastest. */
  for (guint i = iter->ndim; i-- > 0;)
    {
      if (++iter->counter[i] < iter->shape[i])
        {
          iter->pos = wadd (iter->pos, iter->strides[i]);
          break;
        }
      iter->pos = wadd (iter->pos, -wmul (iter->shape[i] - 1, iter->strides[i]));
      iter->counter[i] = 0;
    }

  return TRUE;
}

/* ---- View operations ------------------------------------------------------------ */

gboolean
cs_layout_transpose (CsLib           lib,
                     const CsLayout *in,
                     gint64          dim0,
                     gint64          dim1,
                     CsLayout       *out,
                     CsStridedError *error)
{
  CsLayout r;
  gint64 d0 = 0, d1 = 0, tmp;

  g_return_val_if_fail (in != NULL && out != NULL, FALSE);

  if (lib == CS_LIB_TORCH)
    {
      if (!torch_wrap_dim (dim0, in->ndim, &d0, error) ||
          !torch_wrap_dim (dim1, in->ndim, &d1, error))
        return FALSE;
      if (in->ndim == 0)
        {
          *out = *in;
          return TRUE;
        }
    }
  else
    {
      if (!numpy_wrap_axis (dim0, in->ndim, "axis1", &d0, error) ||
          !numpy_wrap_axis (dim1, in->ndim, "axis2", &d1, error))
        return FALSE;
    }

  r = *in;
  tmp = r.shape[d0];
  r.shape[d0] = r.shape[d1];
  r.shape[d1] = tmp;
  tmp = r.strides[d0];
  r.strides[d0] = r.strides[d1];
  r.strides[d1] = tmp;
  *out = r;

  return TRUE;
}

gboolean
cs_layout_permute (CsLib           lib,
                   const CsLayout *in,
                   const gint64   *dims,
                   guint           n_dims,
                   CsLayout       *out,
                   CsStridedError *error)
{
  CsLayout r;
  gboolean seen[CS_STRIDED_MAX_DIMS] = { FALSE, };
  gint64 axes[CS_STRIDED_MAX_DIMS];

  g_return_val_if_fail (in != NULL && out != NULL, FALSE);

  if (dims == NULL && n_dims == 0)
    {
      cs_layout_reverse (in, out);
      return TRUE;
    }

  if (n_dims != in->ndim)
    {
      if (lib == CS_LIB_TORCH)
        return set_error (error, "RuntimeError",
                          "permute(sparse_coo): number of dimensions in the tensor input does not "
                          "match the length of the desired ordering of dimensions i.e. input.dim() "
                          "= %u is not equal to len(dims) = %u",
                          in->ndim, n_dims);
      return set_error (error, "ValueError", "axes don't match array");
    }

  for (guint i = 0; i < n_dims; i++)
    {
      if (lib == CS_LIB_TORCH)
        {
          if (!torch_wrap_dim (dims[i], in->ndim, &axes[i], error))
            return FALSE;
          if (in->ndim == 0)
            continue;
          if (seen[axes[i]])
            return set_error (error, "RuntimeError", "permute(): duplicate dims are not allowed.");
        }
      else
        {
          if (!numpy_wrap_axis (dims[i], in->ndim, NULL, &axes[i], error))
            return FALSE;
          if (seen[axes[i]])
            return set_error (error, "ValueError", "repeated axis in transpose");
        }
      seen[axes[i]] = TRUE;
    }

  r = *in;
  for (guint i = 0; i < n_dims && in->ndim > 0; i++)
    {
      r.shape[i] = in->shape[axes[i]];
      r.strides[i] = in->strides[axes[i]];
    }
  *out = r;

  return TRUE;
}

gboolean
cs_layout_t (const CsLayout *in,
             CsLayout       *out,
             CsStridedError *error)
{
  g_return_val_if_fail (in != NULL && out != NULL, FALSE);

  if (in->ndim > 2)
    return set_error (error, "RuntimeError",
                      "t() expects a tensor with <= 2 dimensions, but self is %uD", in->ndim);
  if (in->ndim < 2)
    {
      *out = *in;
      return TRUE;
    }

  return cs_layout_transpose (CS_LIB_TORCH, in, 0, 1, out, error);
}

void
cs_layout_reverse (const CsLayout *in,
                   CsLayout       *out)
{
  CsLayout r;

  g_return_if_fail (in != NULL && out != NULL);

  r = *in;
  for (guint i = 0; i < in->ndim; i++)
    {
      r.shape[i] = in->shape[in->ndim - 1 - i];
      r.strides[i] = in->strides[in->ndim - 1 - i];
    }
  *out = r;
}

gboolean
cs_layout_unsqueeze (CsLib           lib,
                     const CsLayout *in,
                     gint64          dim,
                     CsLayout       *out,
                     CsStridedError *error)
{
  CsLayout r;
  gint64 d = 0;

  g_return_val_if_fail (in != NULL && out != NULL, FALSE);

  if (lib == CS_LIB_TORCH)
    {
      if (!torch_wrap_dim (dim, (gint64) in->ndim + 1, &d, error))
        return FALSE;
    }
  else if (!numpy_wrap_axis (dim, (gint64) in->ndim + 1, NULL, &d, error))
    return FALSE;

  if (!check_ndim (in->ndim + 1, error))
    return FALSE;

  if (lib == CS_LIB_NUMPY)
    {
      gint64 shape[CS_STRIDED_MAX_DIMS];
      gboolean copy;

      /* np.expand_dims is a.reshape(new_shape), always a view. */
      for (guint i = 0, j = 0; i < in->ndim + 1; i++)
        shape[i] = (gint64) i == d ? 1 : in->shape[j++];
      if (!cs_layout_reshape (CS_LIB_NUMPY, in, shape, in->ndim + 1, &r, &copy, error))
        return FALSE;
      g_assert (!copy);
      *out = r;
      return TRUE;
    }

  /* inferUnsqueezeGeometry: the new stride is size * stride of the
   * dimension it goes before, or 1 at the end. */
  r = *in;
  for (guint i = in->ndim; i > d; i--)
    {
      r.shape[i] = in->shape[i - 1];
      r.strides[i] = in->strides[i - 1];
    }
  r.shape[d] = 1;
  r.strides[d] = d >= in->ndim ? 1 : wmul (in->shape[d], in->strides[d]);
  r.ndim = in->ndim + 1;
  *out = r;

  return TRUE;
}

static void
remove_dim (CsLayout *l,
            guint     d)
{
  for (guint i = d; i + 1 < l->ndim; i++)
    {
      l->shape[i] = l->shape[i + 1];
      l->strides[i] = l->strides[i + 1];
    }
  l->ndim--;
  l->shape[l->ndim] = 0;
  l->strides[l->ndim] = 0;
}

gboolean
cs_layout_squeeze (CsLib           lib,
                   const CsLayout *in,
                   gboolean        all_dims,
                   gint64          dim,
                   CsLayout       *out,
                   CsStridedError *error)
{
  CsLayout r;
  gint64 d = 0;

  g_return_val_if_fail (in != NULL && out != NULL, FALSE);

  r = *in;
  if (all_dims)
    {
      for (guint i = r.ndim; i-- > 0;)
        if (r.shape[i] == 1)
          remove_dim (&r, i);
      *out = r;
      return TRUE;
    }

  if (lib == CS_LIB_TORCH)
    {
      if (!torch_wrap_dim (dim, in->ndim, &d, error))
        return FALSE;
      if (in->ndim > 0 && r.shape[d] == 1)
        remove_dim (&r, (guint) d);
    }
  else
    {
      /* A 0-d array accepts axis 0 and -1 and stays as it is. */
      if (in->ndim == 0 && dim != 0 && dim != -1)
        return set_error (error, "AxisError",
                          "axis %" G_GINT64_FORMAT " is out of bounds for array of dimension 0", dim);
      if (!numpy_wrap_axis (dim, MAX (in->ndim, 1), NULL, &d, error))
        return FALSE;
      if (in->ndim == 0)
        {
          *out = r;
          return TRUE;
        }
      if (r.shape[d] != 1)
        return set_error (error, "ValueError",
                          "cannot select an axis to squeeze out which has size not equal to one");
      remove_dim (&r, (guint) d);
    }
  *out = r;

  return TRUE;
}

/* at::slice for a positive step: clamps start/end into [0, size]. */
static void
torch_slice (CsLayout *l,
             guint     d,
             gint64    start,
             gint64    end,
             gint64    step)
{
  gint64 size = l->shape[d];

  if (start < 0)
    start += size;
  if (end < 0)
    end += size;
  if (start < 0)
    start = 0;
  else if (start >= size)
    start = size;
  if (end < start)
    end = start;
  else if (end >= size)
    end = size;

  l->offset = wadd (l->offset, wmul (start, l->strides[d]));
  l->shape[d] = end > start ? (end - start - 1) / step + 1 : 0;
  l->strides[d] = wmul (l->strides[d], step);
}

gboolean
cs_layout_narrow (const CsLayout *in,
                  gint64          dim,
                  gint64          start,
                  gint64          length,
                  CsLayout       *out,
                  CsStridedError *error)
{
  CsLayout r;
  gint64 d = 0, size;

  g_return_val_if_fail (in != NULL && out != NULL, FALSE);

  if (in->ndim == 0)
    return set_error (error, "RuntimeError", "narrow() cannot be applied to a 0-dim tensor.");
  if (!torch_wrap_dim (dim, in->ndim, &d, error))
    return FALSE;

  size = in->shape[d];
  /* Start may equal the size (an empty narrow at the end). */
  if (start != size && !torch_wrap_dim (start, size, &start, error))
    return FALSE;
  if (length < 0 || start > size - length)
    return set_error (error, "RuntimeError",
                      "start (%" G_GINT64_FORMAT ") + length (%" G_GINT64_FORMAT
                      ") exceeds dimension size (%" G_GINT64_FORMAT ").",
                      start, length, size);

  r = *in;
  torch_slice (&r, (guint) d, start, start + length, 1);
  *out = r;

  return TRUE;
}

gboolean
cs_layout_select (const CsLayout *in,
                  gint64          dim,
                  gint64          index,
                  CsLayout       *out,
                  CsStridedError *error)
{
  CsLayout r;
  gint64 d = 0, size;

  g_return_val_if_fail (in != NULL && out != NULL, FALSE);

  if (in->ndim == 0)
    return set_error (error, "IndexError", "select() cannot be applied to a 0-dim tensor.");
  if (!torch_wrap_dim (dim, in->ndim, &d, error))
    return FALSE;

  size = in->shape[d];
  if (index < -size || index >= size)
    {
      g_autofree char *sizes = torch_list (in->shape, in->ndim);

      return set_error (error, "IndexError",
                        "select(): index %" G_GINT64_FORMAT " out of range for tensor of size %s "
                        "at dimension %" G_GINT64_FORMAT,
                        index, sizes, d);
    }
  if (index < 0)
    index += size;

  r = *in;
  r.offset = wadd (r.offset, wmul (index, r.strides[d]));
  remove_dim (&r, (guint) d);
  *out = r;

  return TRUE;
}

gboolean
cs_layout_expand (CsDType         dtype,
                  const CsLayout *in,
                  const gint64   *sizes,
                  guint           n_sizes,
                  CsLayout       *out,
                  CsStridedError *error)
{
  CsLayout r;

  g_return_val_if_fail (in != NULL && out != NULL, FALSE);

  if (n_sizes < in->ndim)
    {
      g_autofree char *tsizes = torch_list (in->shape, in->ndim);
      g_autofree char *target = torch_list (sizes, n_sizes);

      return set_error (error, "RuntimeError",
                        "expand(%s{%s}, size=%s): the number of sizes provided (%u) must be "
                        "greater or equal to the number of dimensions in the tensor (%u)",
                        torch_type_name (dtype), tsizes, target, n_sizes, in->ndim);
    }
  if (!check_ndim (n_sizes, error))
    return FALSE;

  /* inferExpandGeometry; a 0-d tensor takes the sizes as they are, and a
   * -1 among them then fails the element count. */
  if (in->ndim == 0)
    for (guint i = 0; i < n_sizes; i++)
      if (sizes[i] < 0)
        return set_error (error, "RuntimeError", "numel: integer multiplication overflow");

  memset (&r, 0, sizeof r);
  r.ndim = n_sizes;
  r.offset = in->offset;
  for (gint64 i = (gint64) n_sizes - 1; i >= 0; i--)
    {
      gint64 off = (gint64) n_sizes - 1 - i;
      gint64 dim = (gint64) in->ndim - 1 - off;
      gint64 size = dim >= 0 ? in->shape[dim] : 1;
      gint64 stride;
      gint64 target = sizes[i];

      if (dim >= 0)
        stride = in->strides[dim];
      else if (i + 1 < (gint64) n_sizes)
        stride = wmul (r.shape[i + 1], r.strides[i + 1]);
      else
        stride = 0;   /* a 0-d tensor: every new dimension is broadcast */

      if (target == -1)
        {
          if (dim < 0)
            return set_error (error, "RuntimeError",
                              "The expanded size of the tensor (-1) isn't allowed in a leading, "
                              "non-existing dimension %" G_GINT64_FORMAT,
                              i);
          target = size;
        }
      if (target < 0)
        {
          g_autofree char *list = torch_list (sizes, n_sizes);

          return set_error (error, "RuntimeError",
                            "Trying to create tensor with negative dimension %" G_GINT64_FORMAT
                            ": %s",
                            target, list);
        }
      if (size != target)
        {
          if (size != 1)
            {
              g_autofree char *tsizes = torch_list (in->shape, in->ndim);
              g_autofree char *target_list = torch_list (sizes, n_sizes);

              return set_error (error, "RuntimeError",
                                "The expanded size of the tensor (%" G_GINT64_FORMAT ") must match "
                                "the existing size (%" G_GINT64_FORMAT ") at non-singleton "
                                "dimension %" G_GINT64_FORMAT ".  Target sizes: %s.  Tensor sizes: %s",
                                target, size, i, target_list, tsizes);
            }
          size = target;
          stride = 0;
        }
      r.shape[i] = size;
      r.strides[i] = stride;
    }

  if (!cs_shape_numel (r.ndim, r.shape, NULL))
    return set_error (error, "RuntimeError", "numel: integer multiplication overflow");

  *out = r;
  return TRUE;
}

gboolean
cs_layout_broadcast_to (CsLib           lib,
                        CsDType         dtype,
                        const CsLayout *in,
                        const gint64   *shape,
                        guint           n_shape,
                        CsLayout       *out,
                        CsStridedError *error)
{
  CsLayout r;

  g_return_val_if_fail (in != NULL && out != NULL, FALSE);

  if (lib == CS_LIB_TORCH)
    return cs_layout_expand (dtype, in, shape, n_shape, out, error);

  if (!check_ndim (n_shape, error))
    return FALSE;
  if (n_shape == 0 && in->ndim > 0)
    return set_error (error, "ValueError", "cannot broadcast a non-scalar to a scalar array");
  for (guint i = 0; i < n_shape; i++)
    if (shape[i] < 0)
      return set_error (error, "ValueError", "all elements of broadcast shape must be non-negative");
  if (n_shape < in->ndim)
    return set_error (error, "ValueError",
                      "input operand has more dimensions than allowed by the axis remapping");

  memset (&r, 0, sizeof r);
  r.ndim = n_shape;
  r.offset = in->offset;
  for (guint i = 0; i < n_shape; i++)
    {
      gint64 dim = (gint64) i - (gint64) (n_shape - in->ndim);

      r.shape[i] = shape[i];
      if (dim < 0)
        r.strides[i] = 0;
      else if (in->shape[dim] == 1)
        r.strides[i] = 0;   /* even when it stays 1: the broadcasting iterator zeroes it */
      else if (in->shape[dim] == shape[i])
        r.strides[i] = in->strides[dim];
      else
        {
          g_autofree char *orig = numpy_shape (in->shape, in->ndim);
          g_autofree char *req = numpy_shape (shape, n_shape);

          return set_error (error, "ValueError",
                            "operands could not be broadcast together with remapped shapes "
                            "[original->remapped]: %s  and requested shape %s",
                            orig, req);
        }
    }

  if (!cs_shape_numel (r.ndim, r.shape, NULL))
    return set_error (error, "ValueError", "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.");

  *out = r;
  return TRUE;
}

/* ---- Indexing --------------------------------------------------------------------- */

gboolean
cs_slice_adjust (const CsIndexItem *slice,
                 gint64             length,
                 gint64            *start,
                 gint64            *stop,
                 gint64            *step,
                 gint64            *count,
                 CsStridedError    *error)
{
  gint64 b, e, s;

  g_return_val_if_fail (slice != NULL, FALSE);

  /* PySlice_Unpack. */
  s = slice->has_step ? slice->step : 1;
  if (s == 0)
    return set_error (error, "ValueError", "slice step cannot be zero");
  if (s < -G_MAXINT64)
    s = -G_MAXINT64;
  b = slice->has_start ? slice->start : (s < 0 ? G_MAXINT64 : 0);
  e = slice->has_stop ? slice->stop : (s < 0 ? G_MININT64 : G_MAXINT64);

  /* PySlice_AdjustIndices. */
  if (b < 0)
    {
      b += length;
      if (b < 0)
        b = s < 0 ? -1 : 0;
    }
  else if (b >= length)
    b = s < 0 ? length - 1 : length;

  if (e < 0)
    {
      e += length;
      if (e < 0)
        e = s < 0 ? -1 : 0;
    }
  else if (e >= length)
    e = s < 0 ? length - 1 : length;

  *start = b;
  *stop = e;
  *step = s;
  if (s < 0)
    *count = e < b ? (b - e - 1) / (-s) + 1 : 0;
  else
    *count = b < e ? (e - b - 1) / s + 1 : 0;

  return TRUE;
}

static gboolean
torch_index (const CsLayout    *in,
             const CsIndexItem *items,
             guint              n_items,
             CsLayout          *out,
             CsStridedError    *error)
{
  CsLayout r = *in;
  gint64 specified = 0;
  gint64 dim = 0;

  /* THPVariable_getitem's fast paths for a lone integer or slice. */
  if (n_items == 1 && items[0].kind == CS_INDEX_INT && in->ndim == 0)
    {
      if (items[0].index == 0)
        return set_error (error, "IndexError",
                          "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                          "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
      return set_error (error, "IndexError",
                        "index %" G_GINT64_FORMAT " is out of bounds for dimension 0 with size 0",
                        items[0].index);
    }
  if (n_items == 1 && items[0].kind == CS_INDEX_SLICE && in->ndim == 0)
    {
      if (items[0].has_step && items[0].step == 0)
        return set_error (error, "ValueError", "slice step cannot be zero");
      if (items[0].has_step && items[0].step < 0)
        return set_error (error, "ValueError", "step must be greater than zero");
      return set_error (error, "IndexError", "slice() cannot be applied to a 0-dim tensor.");
    }

  for (guint i = 0; i < n_items; i++)
    if (items[i].kind == CS_INDEX_INT || items[i].kind == CS_INDEX_SLICE)
      specified++;
  if (specified > in->ndim)
    return set_error (error, "IndexError", "too many indices for tensor of dimension %u", in->ndim);

  for (guint i = 0; i < n_items; i++)
    {
      const CsIndexItem *it = &items[i];

      switch (it->kind)
        {
        case CS_INDEX_INT:
          {
            gint64 size = r.shape[dim];
            gint64 index = it->index;

            if (index < -size || index >= size)
              return set_error (error, "IndexError",
                                "index %" G_GINT64_FORMAT " is out of bounds for dimension %u "
                                "with size %" G_GINT64_FORMAT,
                                index, i, size);
            if (index < 0)
              index += size;
            r.offset = wadd (r.offset, wmul (index, r.strides[dim]));
            remove_dim (&r, (guint) dim);
          }
          break;

        case CS_INDEX_SLICE:
          {
            gint64 step = it->has_step ? it->step : 1;
            gint64 start = it->has_start ? it->start : 0;
            gint64 stop = it->has_stop ? it->stop : G_MAXINT64;

            if (step == 0)
              return set_error (error, "ValueError", "slice step cannot be zero");
            if (step < 0)
              return set_error (error, "ValueError", "step must be greater than zero");
            torch_slice (&r, (guint) dim, start, stop, step);
            dim++;
          }
          break;

        case CS_INDEX_NONE:
          if (!check_ndim (r.ndim + 1, error))
            return FALSE;
          if (!cs_layout_unsqueeze (CS_LIB_TORCH, &r, dim, &r, error))
            return FALSE;
          dim++;
          break;

        case CS_INDEX_ELLIPSIS:
          dim += (gint64) in->ndim - specified;
          break;

        default:
          g_return_val_if_reached (FALSE);
        }
    }

  *out = r;
  return TRUE;
}

static gboolean
numpy_index (const CsLayout    *in,
             const CsIndexItem *items,
             guint              n_items,
             CsLayout          *out,
             CsStridedError    *error)
{
  CsLayout r;
  gint64 specified = 0, n_new = 0;
  guint ellipses = 0;
  guint orig_dim = 0;

  for (guint i = 0; i < n_items; i++)
    {
      if (items[i].kind == CS_INDEX_INT || items[i].kind == CS_INDEX_SLICE)
        specified++;
      else if (items[i].kind == CS_INDEX_NONE)
        n_new++;
      else if (items[i].kind == CS_INDEX_ELLIPSIS && ++ellipses > 1)
        return set_error (error, "IndexError", "an index can only have a single ellipsis ('...')");
    }
  if (specified > in->ndim)
    return set_error (error, "IndexError",
                      "too many indices for array: array is %u-dimensional, but %" G_GINT64_FORMAT
                      " were indexed",
                      in->ndim, specified);
  if (!check_ndim ((guint) ((gint64) in->ndim - specified + n_new), error))
    return FALSE;

  memset (&r, 0, sizeof r);
  r.offset = in->offset;

  for (guint i = 0; i < n_items; i++)
    {
      const CsIndexItem *it = &items[i];

      switch (it->kind)
        {
        case CS_INDEX_INT:
          {
            gint64 size = in->shape[orig_dim];
            gint64 index = it->index;

            if (index < -size || index >= size)
              return set_error (error, "IndexError",
                                "index %" G_GINT64_FORMAT " is out of bounds for axis %u with size %"
                                G_GINT64_FORMAT,
                                index, orig_dim, size);
            if (index < 0)
              index += size;
            r.offset = wadd (r.offset, wmul (index, in->strides[orig_dim]));
            orig_dim++;
          }
          break;

        case CS_INDEX_SLICE:
          {
            gint64 start, stop, step, count;

            if (!cs_slice_adjust (it, in->shape[orig_dim], &start, &stop, &step, &count, error))
              return FALSE;
            /* get_view_from_index: an empty slice points at the start. */
            if (count <= 0)
              {
                count = 0;
                step = 1;
                start = 0;
              }
            r.offset = wadd (r.offset, wmul (start, in->strides[orig_dim]));
            r.shape[r.ndim] = count;
            r.strides[r.ndim] = wmul (in->strides[orig_dim], step);
            r.ndim++;
            orig_dim++;
          }
          break;

        case CS_INDEX_NONE:
          r.shape[r.ndim] = 1;
          r.strides[r.ndim] = 0;
          r.ndim++;
          break;

        case CS_INDEX_ELLIPSIS:
          for (gint64 k = 0; k < (gint64) in->ndim - specified; k++)
            {
              r.shape[r.ndim] = in->shape[orig_dim];
              r.strides[r.ndim] = in->strides[orig_dim];
              r.ndim++;
              orig_dim++;
            }
          break;

        default:
          g_return_val_if_reached (FALSE);
        }
    }

  /* Dimensions not indexed are kept. */
  while (orig_dim < in->ndim)
    {
      r.shape[r.ndim] = in->shape[orig_dim];
      r.strides[r.ndim] = in->strides[orig_dim];
      r.ndim++;
      orig_dim++;
    }

  *out = r;
  return TRUE;
}

gboolean
cs_layout_index (CsLib              lib,
                 const CsLayout    *in,
                 const CsIndexItem *items,
                 guint              n_items,
                 CsLayout          *out,
                 CsStridedError    *error)
{
  g_return_val_if_fail (in != NULL && out != NULL, FALSE);
  g_return_val_if_fail (items != NULL || n_items == 0, FALSE);

  if (lib == CS_LIB_TORCH)
    return torch_index (in, items, n_items, out, error);
  return numpy_index (in, items, n_items, out, error);
}

/* ---- view / reshape ------------------------------------------------------------------ */

gboolean
cs_shape_infer (CsLib           lib,
                gint64          numel,
                const gint64   *shape,
                guint           n_shape,
                gint64         *out_shape,
                CsStridedError *error)
{
  gint64 known = 1;
  gint64 infer = -1;
  gboolean overflow = FALSE;

  if (!check_ndim (n_shape, error))
    return FALSE;

  if (lib == CS_LIB_TORCH)
    {
      for (guint i = 0; i < n_shape; i++)
        {
          if (shape[i] == -1)
            {
              if (infer >= 0)
                return set_error (error, "RuntimeError", "only one dimension can be inferred");
              infer = i;
            }
          else if (shape[i] >= 0)
            {
              if (__builtin_mul_overflow (known, shape[i], &known))
                overflow = TRUE;
            }
          else
            return set_error (error, "RuntimeError", "invalid shape dimension %" G_GINT64_FORMAT,
                              shape[i]);
        }

      if (!overflow &&
          (numel == known || (infer >= 0 && known > 0 && numel % known == 0)))
        {
          memmove (out_shape, shape, n_shape * sizeof (gint64));
          if (infer >= 0)
            {
              if (known == 0)
                {
                  g_autofree char *list = torch_list (shape, n_shape);

                  return set_error (error, "RuntimeError",
                                    "cannot reshape tensor of 0 elements into shape %s because the "
                                    "unspecified dimension size -1 can be any value and is ambiguous",
                                    list);
                }
              out_shape[infer] = numel / known;
            }
          return TRUE;
        }
      else
        {
          g_autofree char *list = torch_list (shape, n_shape);

          return set_error (error, "RuntimeError",
                            "shape '%s' is invalid for input of size %" G_GINT64_FORMAT,
                            list, numel);
        }
    }

  /* NumPy _fix_unknown_dimension: any negative size is the unknown one. */
  for (guint i = 0; i < n_shape; i++)
    {
      if (shape[i] < 0)
        {
          if (infer >= 0)
            return set_error (error, "ValueError", "can only specify one unknown dimension");
          infer = i;
        }
      else if (__builtin_mul_overflow (known, shape[i], &known))
        overflow = TRUE;
    }

  if (!overflow &&
      (infer >= 0 ? (known != 0 && numel % known == 0) : numel == known))
    {
      memmove (out_shape, shape, n_shape * sizeof (gint64));
      if (infer >= 0)
        out_shape[infer] = numel / known;
      return TRUE;
    }
  else
    {
      g_autofree char *s = numpy_shape (shape, n_shape);

      return set_error (error, "ValueError",
                        "cannot reshape array of size %" G_GINT64_FORMAT " into shape %s",
                        numel, s);
    }
}

gboolean
cs_strided_compute_view_strides (guint         old_ndim,
                                 const gint64 *old_shape,
                                 const gint64 *old_strides,
                                 guint         new_ndim,
                                 const gint64 *new_shape,
                                 gint64       *new_strides)
{
  gint64 numel = 1;
  gint64 view_d;
  gint64 chunk_base_stride;
  gint64 tensor_numel = 1;
  gint64 view_numel = 1;

  if (old_ndim == 0)
    {
      for (guint i = 0; i < new_ndim; i++)
        new_strides[i] = 1;
      return TRUE;
    }

  if (!cs_shape_numel (old_ndim, old_shape, &numel))
    return FALSE;

  /* The strides of an empty tensor are arbitrary: keep them when the shape
   * does not change, else use the contiguous ones. */
  if (numel == 0)
    {
      gboolean same = old_ndim == new_ndim;

      for (guint i = 0; same && i < old_ndim; i++)
        same = old_shape[i] == new_shape[i];
      if (same)
        {
          memmove (new_strides, old_strides, old_ndim * sizeof (gint64));
          return TRUE;
        }
      for (gint64 d = (gint64) new_ndim - 1; d >= 0; d--)
        {
          if (d == (gint64) new_ndim - 1)
            new_strides[d] = 1;
          else
            new_strides[d] = wmul (MAX (new_shape[d + 1], 1), new_strides[d + 1]);
        }
      return TRUE;
    }

  view_d = (gint64) new_ndim - 1;
  chunk_base_stride = old_strides[old_ndim - 1];
  for (gint64 tensor_d = (gint64) old_ndim - 1; tensor_d >= 0; tensor_d--)
    {
      tensor_numel *= old_shape[tensor_d];
      /* At the end of a contiguous chunk of the old layout, lay the
       * view's dimensions over it. */
      if (tensor_d == 0 ||
          (old_shape[tensor_d - 1] != 1 &&
           old_strides[tensor_d - 1] != wmul (tensor_numel, chunk_base_stride)))
        {
          while (view_d >= 0 && (view_numel < tensor_numel || new_shape[view_d] == 1))
            {
              new_strides[view_d] = wmul (view_numel, chunk_base_stride);
              view_numel *= new_shape[view_d];
              view_d--;
            }
          if (view_numel != tensor_numel)
            return FALSE;
          if (tensor_d > 0)
            {
              chunk_base_stride = old_strides[tensor_d - 1];
              tensor_numel = 1;
              view_numel = 1;
            }
        }
    }

  return view_d == -1;
}

gboolean
cs_layout_view (const CsLayout *in,
                const gint64   *shape,
                guint           n_shape,
                CsLayout       *out,
                CsStridedError *error)
{
  CsLayout r;

  g_return_val_if_fail (in != NULL && out != NULL, FALSE);

  memset (&r, 0, sizeof r);
  if (!cs_shape_infer (CS_LIB_TORCH, cs_layout_numel (in), shape, n_shape, r.shape, error))
    return FALSE;
  if (!cs_strided_compute_view_strides (in->ndim, in->shape, in->strides, n_shape, r.shape, r.strides))
    return set_error (error, "RuntimeError",
                      "view size is not compatible with input tensor's size and stride (at least "
                      "one dimension spans across two contiguous subspaces). Use .reshape(...) "
                      "instead.");
  r.ndim = n_shape;
  r.offset = in->offset;
  *out = r;

  return TRUE;
}

/* NumPy's _attempt_nocopy_reshape for C order. */
static gboolean
numpy_nocopy_reshape (const CsLayout *in,
                      guint           newnd,
                      const gint64   *newdims,
                      gint64         *newstrides)
{
  gint64 olddims[CS_STRIDED_MAX_DIMS];
  gint64 oldstrides[CS_STRIDED_MAX_DIMS];
  guint oldnd = 0;
  guint oi, oj, ni, nj, nk;
  gint64 last_stride;

  /* Axes of length 1 do not matter. */
  for (oi = 0; oi < in->ndim; oi++)
    {
      if (in->shape[oi] != 1)
        {
          olddims[oldnd] = in->shape[oi];
          oldstrides[oldnd] = in->strides[oi];
          oldnd++;
        }
    }

  oi = 0;
  oj = 1;
  ni = 0;
  nj = 1;
  while (ni < newnd && oi < oldnd)
    {
      gint64 np = newdims[ni];
      gint64 op = olddims[oi];

      while (np != op)
        {
          if (np < op)
            {
              if (nj >= newnd)
                return FALSE;
              np *= newdims[nj++];
            }
          else
            {
              if (oj >= oldnd)
                return FALSE;
              op *= olddims[oj++];
            }
        }

      for (guint ok = oi; ok + 1 < oj; ok++)
        if (oldstrides[ok] != wmul (olddims[ok + 1], oldstrides[ok + 1]))
          return FALSE;

      newstrides[nj - 1] = oldstrides[oj - 1];
      for (nk = nj - 1; nk > ni; nk--)
        newstrides[nk - 1] = wmul (newstrides[nk], newdims[nk]);

      ni = nj++;
      oi = oj++;
    }

  /* Trailing ones of the new shape. */
  last_stride = ni >= 1 ? newstrides[ni - 1] : 1;
  for (nk = ni; nk < newnd; nk++)
    newstrides[nk] = last_stride;

  return TRUE;
}

gboolean
cs_layout_reshape (CsLib           lib,
                   const CsLayout *in,
                   const gint64   *shape,
                   guint           n_shape,
                   CsLayout       *out,
                   gboolean       *needs_copy,
                   CsStridedError *error)
{
  CsLayout r;
  gboolean copy = FALSE;

  g_return_val_if_fail (in != NULL && out != NULL, FALSE);

  if (!check_ndim (n_shape, error))
    return FALSE;

  memset (&r, 0, sizeof r);

  if (lib == CS_LIB_NUMPY)
    {
      gboolean same = n_shape == in->ndim;

      for (guint i = 0; same && i < n_shape; i++)
        same = shape[i] == in->shape[i];
      if (same)
        {
          *out = *in;
          if (needs_copy)
            *needs_copy = FALSE;
          return TRUE;
        }
    }

  if (!cs_shape_infer (lib, cs_layout_numel (in), shape, n_shape, r.shape, error))
    return FALSE;
  r.ndim = n_shape;
  r.offset = in->offset;

  if (lib == CS_LIB_TORCH)
    copy = !cs_strided_compute_view_strides (in->ndim, in->shape, in->strides,
                                             n_shape, r.shape, r.strides);
  else if (cs_layout_is_contiguous (in))
    {
      gint64 dims[CS_STRIDED_MAX_DIMS];

      memcpy (dims, r.shape, sizeof dims);
      cs_layout_init_contiguous (&r, n_shape, dims);
      r.offset = in->offset;
    }
  else
    copy = !numpy_nocopy_reshape (in, n_shape, r.shape, r.strides);

  if (copy)
    {
      gint64 dims[CS_STRIDED_MAX_DIMS];

      memcpy (dims, r.shape, sizeof dims);
      if (!cs_layout_init_contiguous (&r, n_shape, dims))
        return set_error (error, "RuntimeError", "numel: integer multiplication overflow");
    }

  *out = r;
  if (needs_copy)
    *needs_copy = copy;
  return TRUE;
}

gboolean
cs_layout_flatten (const CsLayout *in,
                   gint64          start_dim,
                   gint64          end_dim,
                   CsLayout       *out,
                   gboolean       *needs_copy,
                   CsStridedError *error)
{
  gint64 s = 0, e = 0;
  gint64 shape[CS_STRIDED_MAX_DIMS];
  guint n = 0;
  gint64 prod = 1;

  g_return_val_if_fail (in != NULL && out != NULL, FALSE);

  if (!torch_wrap_dim (start_dim, in->ndim, &s, error) ||
      !torch_wrap_dim (end_dim, in->ndim, &e, error))
    return FALSE;
  if (s > e)
    return set_error (error, "RuntimeError",
                      "flatten() has invalid args: start_dim cannot come after end_dim");

  if (in->ndim == 0)
    {
      gint64 one = 1;

      return cs_layout_reshape (CS_LIB_TORCH, in, &one, 1, out, needs_copy, error);
    }
  if (s == e)
    {
      *out = *in;
      if (needs_copy)
        *needs_copy = FALSE;
      return TRUE;
    }

  for (gint64 i = 0; i < s; i++)
    shape[n++] = in->shape[i];
  for (gint64 i = s; i <= e; i++)
    prod *= in->shape[i];
  shape[n++] = prod;
  for (gint64 i = e + 1; i < in->ndim; i++)
    shape[n++] = in->shape[i];

  return cs_layout_reshape (CS_LIB_TORCH, in, shape, n, out, needs_copy, error);
}

/* ---- Broadcasting ---------------------------------------------------------------------- */

gboolean
cs_broadcast_shapes (CsLib           lib,
                     guint           ndim_a,
                     const gint64   *shape_a,
                     guint           ndim_b,
                     const gint64   *shape_b,
                     guint          *out_ndim,
                     gint64         *out_shape,
                     CsStridedError *error)
{
  guint ndim = MAX (ndim_a, ndim_b);
  gint64 result[CS_STRIDED_MAX_DIMS];

  if (!check_ndim (ndim, error))
    return FALSE;

  for (gint64 i = (gint64) ndim - 1; i >= 0; i--)
    {
      gint64 off = (gint64) ndim - 1 - i;
      gint64 da = (gint64) ndim_a - 1 - off;
      gint64 db = (gint64) ndim_b - 1 - off;
      gint64 sa = da >= 0 ? shape_a[da] : 1;
      gint64 sb = db >= 0 ? shape_b[db] : 1;

      if (sa != sb && sa != 1 && sb != 1)
        {
          if (lib == CS_LIB_TORCH)
            return set_error (error, "RuntimeError",
                              "The size of tensor a (%" G_GINT64_FORMAT ") must match the size of "
                              "tensor b (%" G_GINT64_FORMAT ") at non-singleton dimension %"
                              G_GINT64_FORMAT,
                              sa, sb, i);
          else
            {
              g_autofree char *a = numpy_shape (shape_a, ndim_a);
              g_autofree char *b = numpy_shape (shape_b, ndim_b);

              return set_error (error, "ValueError",
                                "operands could not be broadcast together with shapes %s %s ", a, b);
            }
        }
      result[i] = sa == 1 ? sb : sa;
    }

  memcpy (out_shape, result, ndim * sizeof (gint64));
  *out_ndim = ndim;
  return TRUE;
}

/* ---- Type promotion ------------------------------------------------------------------- */

static int
float_rank (CsDType d)
{
  switch (d)
    {
    case CS_DTYPE_FLOAT16: return 1;
    case CS_DTYPE_FLOAT32: return 2;
    case CS_DTYPE_FLOAT64: return 3;
    default: return 0;
    }
}

static int
int_bits (CsDType d)
{
  switch (d)
    {
    case CS_DTYPE_UINT8:
    case CS_DTYPE_INT8: return 8;
    case CS_DTYPE_INT16: return 16;
    case CS_DTYPE_INT32: return 32;
    case CS_DTYPE_INT64: return 64;
    default: return 0;
    }
}

static CsDType
signed_of_bits (int bits)
{
  switch (bits)
    {
    case 8: return CS_DTYPE_INT8;
    case 16: return CS_DTYPE_INT16;
    case 32: return CS_DTYPE_INT32;
    default: return CS_DTYPE_INT64;
    }
}

/* Integer with integer, the same in both libraries for our dtypes. */
static CsDType
promote_ints (CsDType a,
              CsDType b)
{
  if (a == b)
    return a;
  if (a == CS_DTYPE_UINT8 || b == CS_DTYPE_UINT8)
    {
      CsDType other = a == CS_DTYPE_UINT8 ? b : a;

      /* uint8 with a signed type: a signed type holding both. */
      return signed_of_bits (MAX (16, int_bits (other)));
    }
  return int_bits (a) >= int_bits (b) ? a : b;
}

CsDType
cs_torch_promote_types (CsDType a,
                        CsDType b)
{
  if (a == b)
    return a;
  if (a == CS_DTYPE_BOOL)
    return b;
  if (b == CS_DTYPE_BOOL)
    return a;
  if (float_rank (a) || float_rank (b))
    return float_rank (a) >= float_rank (b) ? a : b;

  return promote_ints (a, b);
}

CsDType
cs_numpy_promote_types (CsDType a,
                        CsDType b)
{
  if (a == b)
    return a;
  if (a == CS_DTYPE_BOOL)
    return b;
  if (b == CS_DTYPE_BOOL)
    return a;

  if (float_rank (a) && float_rank (b))
    return float_rank (a) >= float_rank (b) ? a : b;
  if (float_rank (a) || float_rank (b))
    {
      CsDType f = float_rank (a) ? a : b;
      CsDType i = float_rank (a) ? b : a;
      int bits = int_bits (i);

      /* The float must hold every value of the integer type exactly
       * enough: float16 for 8 bits, float32 for 16, else float64. */
      if (bits <= 8)
        return f;
      if (bits <= 16)
        return float_rank (f) >= 2 ? f : CS_DTYPE_FLOAT32;
      return CS_DTYPE_FLOAT64;
    }

  return promote_ints (a, b);
}

static gboolean
is_category_float (CsDType d)
{
  return cs_dtype_is_floating (d);
}

/* c10 combine_categories (no complex types here); CS_N_DTYPES is
 * "Undefined". */
static CsDType
combine_categories (CsDType higher,
                    CsDType lower)
{
  if (higher != CS_N_DTYPES && is_category_float (higher))
    return higher;
  if (higher == CS_DTYPE_BOOL || (lower != CS_N_DTYPES && is_category_float (lower)))
    {
      if (higher == CS_N_DTYPES)
        return lower;
      if (lower == CS_N_DTYPES)
        return higher;
      return cs_torch_promote_types (higher, lower);
    }
  if (higher != CS_N_DTYPES)
    return higher;
  return lower;
}

static CsDType
promote_skip_undefined (CsDType a,
                        CsDType b)
{
  if (a == CS_N_DTYPES)
    return b;
  if (b == CS_N_DTYPES)
    return a;
  return cs_torch_promote_types (a, b);
}

CsDType
cs_torch_result_type (const CsOperand *operands,
                      guint            n_operands,
                      CsDType          default_float)
{
  CsDType dim_result = CS_N_DTYPES;
  CsDType zero_result = CS_N_DTYPES;
  CsDType wrapped_result = CS_N_DTYPES;

  g_return_val_if_fail (operands != NULL || n_operands == 0, CS_DTYPE_FLOAT32);

  for (guint i = 0; i < n_operands; i++)
    {
      const CsOperand *op = &operands[i];

      switch (op->kind)
        {
        case CS_OPERAND_ARRAY:
          dim_result = promote_skip_undefined (dim_result, op->dtype);
          break;
        case CS_OPERAND_ZERO_DIM:
          zero_result = promote_skip_undefined (zero_result, op->dtype);
          break;
        case CS_OPERAND_PY_BOOL:
          wrapped_result = promote_skip_undefined (wrapped_result, CS_DTYPE_BOOL);
          break;
        case CS_OPERAND_PY_INT:
          wrapped_result = promote_skip_undefined (wrapped_result, CS_DTYPE_INT64);
          break;
        case CS_OPERAND_PY_FLOAT:
          wrapped_result = promote_skip_undefined (wrapped_result, default_float);
          break;
        default:
          g_return_val_if_reached (CS_DTYPE_FLOAT32);
        }
    }

  return combine_categories (dim_result, combine_categories (zero_result, wrapped_result));
}

gboolean
cs_torch_can_cast (CsDType from,
                   CsDType to)
{
  if (cs_dtype_is_floating (from) && cs_dtype_is_integral (to))
    return FALSE;
  if (from != CS_DTYPE_BOOL && to == CS_DTYPE_BOOL)
    return FALSE;
  return TRUE;
}

/* NumPy's legacy value-based promotion needs the unsigned types we do not
 * store (a Python 300 is uint16 to it), so it works on its own type codes
 * and maps back at the end. */
typedef enum
{
  NP_BOOL, NP_I1, NP_U1, NP_I2, NP_U2, NP_I4, NP_U4, NP_I8, NP_U8, NP_F2, NP_F4, NP_F8,
} NpType;

static NpType
np_from_dtype (CsDType d)
{
  switch (d)
    {
    case CS_DTYPE_BOOL: return NP_BOOL;
    case CS_DTYPE_UINT8: return NP_U1;
    case CS_DTYPE_INT8: return NP_I1;
    case CS_DTYPE_INT16: return NP_I2;
    case CS_DTYPE_INT32: return NP_I4;
    case CS_DTYPE_INT64: return NP_I8;
    case CS_DTYPE_FLOAT16: return NP_F2;
    case CS_DTYPE_FLOAT32: return NP_F4;
    case CS_DTYPE_FLOAT64:
    case CS_N_DTYPES:
    default:
      return NP_F8;
    }
}

static CsDType
np_to_dtype (NpType t)
{
  switch (t)
    {
    case NP_BOOL: return CS_DTYPE_BOOL;
    case NP_U1: return CS_DTYPE_UINT8;
    case NP_I1: return CS_DTYPE_INT8;
    case NP_I2: return CS_DTYPE_INT16;
    case NP_I4: return CS_DTYPE_INT32;
    case NP_I8: return CS_DTYPE_INT64;
    case NP_F2: return CS_DTYPE_FLOAT16;
    case NP_F4: return CS_DTYPE_FLOAT32;
    case NP_F8: return CS_DTYPE_FLOAT64;
    case NP_U2:
    case NP_U4:
    case NP_U8:
    default:
      return CS_N_DTYPES;
    }
}

static gboolean
np_is_float (NpType t)
{
  return t >= NP_F2;
}

static gboolean
np_is_unsigned (NpType t)
{
  return t == NP_U1 || t == NP_U2 || t == NP_U4 || t == NP_U8;
}

static int
np_bits (NpType t)
{
  switch (t)
    {
    case NP_I1: case NP_U1: return 8;
    case NP_I2: case NP_U2: case NP_F2: return 16;
    case NP_I4: case NP_U4: case NP_F4: return 32;
    case NP_BOOL: return 1;
    default: return 64;
    }
}

static NpType
np_signed (int bits)
{
  return bits <= 8 ? NP_I1 : bits <= 16 ? NP_I2 : bits <= 32 ? NP_I4 : NP_I8;
}

/* np.promote_types over the full set of NumPy's basic numeric types. */
static NpType
np_promote (NpType a,
            NpType b)
{
  if (a == b)
    return a;
  if (a == NP_BOOL)
    return b;
  if (b == NP_BOOL)
    return a;

  if (np_is_float (a) && np_is_float (b))
    return MAX (a, b);
  if (np_is_float (a) || np_is_float (b))
    {
      NpType f = np_is_float (a) ? a : b;
      NpType i = np_is_float (a) ? b : a;
      int bits = np_bits (i);

      if (bits <= 8)
        return f;
      if (bits <= 16)
        return MAX (f, NP_F4);
      return NP_F8;
    }

  /* Integers. */
  if (np_is_unsigned (a) == np_is_unsigned (b))
    return np_bits (a) >= np_bits (b) ? a : b;
  {
    NpType u = np_is_unsigned (a) ? a : b;
    NpType s = np_is_unsigned (a) ? b : a;

    if (np_bits (s) > np_bits (u))
      return s;
    if (np_bits (u) >= 64)
      return NP_F8;   /* uint64 with a signed type */
    return np_signed (np_bits (u) * 2);
  }
}

/* min_scalar_type_num for an integer value. */
static NpType
np_min_int (gint64    v,
            gboolean *small_unsigned)
{
  *small_unsigned = FALSE;
  if (v >= 0)
    {
      if (v <= 255)
        {
          *small_unsigned = v <= 127;
          return NP_U1;
        }
      if (v <= 65535)
        {
          *small_unsigned = v <= 32767;
          return NP_U2;
        }
      if (v <= G_GINT64_CONSTANT (4294967295))
        {
          *small_unsigned = v <= G_MAXINT32;
          return NP_U4;
        }
      /* Anything larger is a "small" uint64 (it fits int64). */
      *small_unsigned = TRUE;
      return NP_U8;
    }
  if (v >= -128)
    return NP_I1;
  if (v >= -32768)
    return NP_I2;
  if (v >= G_MININT32)
    return NP_I4;
  return NP_I8;
}

static NpType
np_min_scalar (const CsOperand *op,
               gboolean        *small_unsigned)
{
  NpType t;
  double v;

  *small_unsigned = FALSE;
  switch (op->kind)
    {
    case CS_OPERAND_PY_BOOL:
      return NP_BOOL;
    case CS_OPERAND_PY_INT:
      return np_min_int (op->int_value, small_unsigned);
    case CS_OPERAND_PY_FLOAT:
      t = NP_F8;
      v = op->float_value;
      break;
    case CS_OPERAND_ZERO_DIM:
      t = np_from_dtype (op->dtype);
      if (t == NP_BOOL)
        return NP_BOOL;
      if (!np_is_float (t))
        {
          NpType m;

          if (t == NP_U1)
            {
              *small_unsigned = op->int_value <= 127;
              return NP_U1;
            }
          m = np_min_int (op->int_value, small_unsigned);
          /* Never larger than the type itself. */
          if (np_bits (m) > np_bits (t) && !np_is_unsigned (m))
            {
              *small_unsigned = FALSE;
              return t;
            }
          return m;
        }
      v = op->float_value;
      break;
    case CS_OPERAND_ARRAY:
    default:
      return np_from_dtype (op->dtype);
    }

  /* Floating values. */
  if (t == NP_F2)
    return NP_F2;
  if ((v > -65000 && v < 65000) || !isfinite (v))
    return NP_F2;
  if (t == NP_F8 && v > -3.4e38 && v < 3.4e38)
    return NP_F4;
  return t;
}

static int
np_kind (NpType t)
{
  if (t == NP_BOOL)
    return 0;
  if (np_is_float (t))
    return 2;
  return 1;
}

/* promote_types with is_small_unsigned: a small unsigned value promotes
 * with a signed type as the signed type of its size. */
static NpType
np_promote_small (NpType   a,
                  gboolean small_a,
                  NpType   b,
                  gboolean small_b)
{
  if (small_a && b != NP_BOOL && !np_is_unsigned (b))
    return np_promote (np_signed (np_bits (a)), b);
  if (small_b && a != NP_BOOL && !np_is_unsigned (a))
    return np_promote (a, np_signed (np_bits (b)));
  return np_promote (a, b);
}

CsDType
cs_numpy_result_type (const CsOperand *operands,
                      guint            n_operands)
{
  int max_scalar_kind = -1, max_array_kind = -1;
  gboolean all_scalars = TRUE;
  gboolean use_min_scalar;
  NpType ret = NP_BOOL;
  gboolean ret_small = FALSE;

  g_return_val_if_fail (operands != NULL || n_operands == 0, CS_DTYPE_FLOAT64);

  for (guint i = 0; i < n_operands; i++)
    {
      const CsOperand *op = &operands[i];
      NpType t;

      switch (op->kind)
        {
        case CS_OPERAND_PY_BOOL: t = NP_BOOL; break;
        case CS_OPERAND_PY_INT: t = NP_I8; break;
        case CS_OPERAND_PY_FLOAT: t = NP_F8; break;
        case CS_OPERAND_ARRAY:
        case CS_OPERAND_ZERO_DIM:
        default:
          t = np_from_dtype (op->dtype);
          break;
        }
      if (op->kind == CS_OPERAND_ARRAY)
        {
          all_scalars = FALSE;
          max_array_kind = MAX (max_array_kind, np_kind (t));
        }
      else
        max_scalar_kind = MAX (max_scalar_kind, np_kind (t));
    }

  use_min_scalar = !all_scalars && max_array_kind >= max_scalar_kind;

  for (guint i = 0; i < n_operands; i++)
    {
      const CsOperand *op = &operands[i];
      NpType t;
      gboolean small = FALSE;

      if (use_min_scalar)
        t = np_min_scalar (op, &small);
      else
        switch (op->kind)
          {
          case CS_OPERAND_PY_BOOL: t = NP_BOOL; break;
          case CS_OPERAND_PY_INT: t = NP_I8; break;
          case CS_OPERAND_PY_FLOAT: t = NP_F8; break;
          case CS_OPERAND_ARRAY:
          case CS_OPERAND_ZERO_DIM:
          default:
            t = np_from_dtype (op->dtype);
            break;
          }

      if (i == 0)
        {
          ret = t;
          ret_small = small;
        }
      else
        {
          ret = np_promote_small (t, small, ret, ret_small);
          ret_small = small && ret_small;
        }
    }

  return np_to_dtype (ret);
}

CsDType
cs_torch_true_divide_type (const CsOperand *operands,
                           guint            n_operands,
                           CsDType          default_float)
{
  CsDType r = cs_torch_result_type (operands, n_operands, default_float);

  return cs_dtype_is_floating (r) ? r : default_float;
}

CsDType
cs_numpy_true_divide_type (const CsOperand *operands,
                           guint            n_operands)
{
  gboolean all_integer = TRUE;

  g_return_val_if_fail (operands != NULL || n_operands == 0, CS_DTYPE_FLOAT64);

  /* PyUFunc_TrueDivisionTypeResolver looks at the operand dtypes: a Python
   * int is an int64 array, a Python float a float64 one. */
  for (guint i = 0; i < n_operands; i++)
    {
      const CsOperand *op = &operands[i];

      if (op->kind == CS_OPERAND_PY_FLOAT ||
          ((op->kind == CS_OPERAND_ARRAY || op->kind == CS_OPERAND_ZERO_DIM) &&
           cs_dtype_is_floating (op->dtype)))
        all_integer = FALSE;
    }

  if (all_integer)
    return CS_DTYPE_FLOAT64;
  return cs_numpy_result_type (operands, n_operands);
}

const char *
cs_torch_scalar_type_name (CsDType dtype)
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
    case CS_N_DTYPES:
    default:
      return "Undefined";
    }
}

static int
numpy_kind_order (CsDType d)
{
  if (d == CS_DTYPE_BOOL)
    return 0;
  if (d == CS_DTYPE_UINT8)
    return 1;
  if (cs_dtype_is_integral (d))
    return 2;
  return 3;
}

gboolean
cs_numpy_can_cast_same_kind (CsDType from,
                             CsDType to)
{
  /* Safe casts are always allowed; of our types the only safe cast to a
   * lower kind would be none (uint8 -> int16 is unsigned -> signed, a
   * higher kind anyway). */
  return numpy_kind_order (to) >= numpy_kind_order (from);
}

gboolean
cs_layout_has_internal_overlap (const CsLayout *layout)
{
  g_return_val_if_fail (layout != NULL, FALSE);

  for (guint i = 0; i < layout->ndim; i++)
    if (layout->strides[i] == 0 && layout->shape[i] > 1)
      return TRUE;

  return FALSE;
}

/* ---- Layouts of new tensors and arrays ------------------------------------------- */

gboolean
cs_layout_is_non_overlapping_and_dense (const CsLayout *layout)
{
  guint perm[CS_STRIDED_MAX_DIMS];
  guint n;
  gint64 require = 1;

  g_return_val_if_fail (layout != NULL, FALSE);

  n = MIN (layout->ndim, CS_STRIDED_MAX_DIMS);
  if (n == 1)
    return layout->shape[0] < 2 || layout->strides[0] == 1;

  /* Dimensions of size >= 2 sorted by stride, the others at the end. */
  for (guint i = 0; i < n; i++)
    perm[i] = i;
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0; j--)
      {
        guint a = perm[j - 1], b = perm[j];
        gboolean b_first;

        if (layout->shape[b] < 2)
          b_first = FALSE;
        else if (layout->shape[a] < 2)
          b_first = TRUE;
        else
          b_first = layout->strides[b] < layout->strides[a];
        if (!b_first)
          break;
        perm[j - 1] = b;
        perm[j] = a;
      }

  for (guint i = 0; i < n; i++)
    {
      gint64 size = layout->shape[perm[i]];

      if (size < 2)
        return TRUE;
      if (layout->strides[perm[i]] != require)
        return FALSE;
      require = wmul (require, size);
    }

  return TRUE;
}

/* infer_dense_strides (aten/src/ATen/TensorUtils.cpp). */
static void
torch_infer_dense_strides (const CsLayout *in,
                           gint64         *out_strides)
{
  guint n = MIN (in->ndim, CS_STRIDED_MAX_DIMS);
  guint perm[CS_STRIDED_MAX_DIMS];
  gint64 cur = 1;

  /* perm = n-1, ..., 0, then a stable insertion sort where stride 0 is an
   * ambiguous comparison. */
  for (guint i = 0; i < n; i++)
    perm[i] = n - 1 - i;
  for (guint i = 1; i < n; i++)
    {
      guint dim1 = i;

      for (gint dim0 = (gint) i - 1; dim0 >= 0; dim0--)
        {
          gint64 s0 = in->strides[perm[dim0]];
          gint64 s1 = in->strides[perm[dim1]];
          int cmp;

          if (s0 == 0 || s1 == 0)
            cmp = 0;
          else if (s0 < s1)
            cmp = -1;
          else if (s0 > s1)
            cmp = 1;
          else
            cmp = in->shape[perm[dim0]] > in->shape[perm[dim1]] ? 1 : 0;

          if (cmp > 0)
            {
              guint tmp = perm[dim0];

              perm[dim0] = perm[dim1];
              perm[dim1] = tmp;
              dim1 = (guint) dim0;
            }
          else if (cmp < 0)
            break;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      guint idx = perm[i];

      out_strides[idx] = cur;
      if (in->shape[idx] > 1)
        cur = wmul (cur, in->shape[idx]);
    }
}

void
cs_layout_torch_like (const CsLayout *in,
                      CsLayout       *out)
{
  CsLayout r;

  g_return_if_fail (in != NULL && out != NULL);

  memset (&r, 0, sizeof r);
  r.ndim = MIN (in->ndim, CS_STRIDED_MAX_DIMS);
  memcpy (r.shape, in->shape, sizeof r.shape);
  if (cs_layout_is_non_overlapping_and_dense (in))
    memcpy (r.strides, in->strides, sizeof r.strides);
  else
    torch_infer_dense_strides (in, r.strides);
  *out = r;
}

static gboolean
torch_is_channels_last (const CsLayout *l)
{
  static const guint order[] = { 1, 3, 2, 0 };
  gint64 expected = 1;

  if (l->ndim != 4)
    return FALSE;
  for (guint k = 0; k < 4; k++)
    {
      guint d = order[k];

      if (l->shape[d] != 1)
        {
          if (l->strides[d] != expected)
            return FALSE;
          expected = wmul (expected, l->shape[d]);
        }
    }
  return TRUE;
}

static gboolean
same_shape (const CsLayout *a,
            guint           ndim,
            const gint64   *shape)
{
  if (a->ndim != ndim)
    return FALSE;
  for (guint i = 0; i < ndim; i++)
    if (a->shape[i] != shape[i])
      return FALSE;
  return TRUE;
}

static void
set_shape (CsLayout     *r,
           guint         ndim,
           const gint64 *shape)
{
  memset (r, 0, sizeof *r);
  r->ndim = MIN (ndim, CS_STRIDED_MAX_DIMS);
  memcpy (r->shape, shape, r->ndim * sizeof (gint64));
}

/* A contiguous layout whatever the sizes (no overflow check: the caller
 * allocates the elements, so the shape is sane). */
static void
contiguous_strides (CsLayout *r)
{
  gint64 stride = 1;

  for (guint i = r->ndim; i-- > 0;)
    {
      r->strides[i] = stride;
      stride = wmul (stride, MAX (r->shape[i], 1));
    }
}

void
cs_layout_torch_elementwise (const CsLayout *const *inputs,
                             guint                 n_inputs,
                             guint                 ndim,
                             const gint64         *shape,
                             CsLayout             *out)
{
  CsLayout r;
  gboolean all_same_shape = TRUE;
  guint perm[CS_STRIDED_MAX_DIMS];
  gint64 op_strides[8][CS_STRIDED_MAX_DIMS];
  guint n_ops = MIN (n_inputs, 8);
  gboolean inverted = TRUE;

  g_return_if_fail (out != NULL);
  g_return_if_fail (inputs != NULL || n_inputs == 0);
  g_return_if_fail (ndim <= CS_STRIDED_MAX_DIMS);

  set_shape (&r, ndim, shape);

  for (guint k = 0; k < n_inputs; k++)
    if (!same_shape (inputs[k], ndim, shape))
      all_same_shape = FALSE;

  /* fast_set_up: every operand contiguous, channels-last, or dense with
   * the very same strides. */
  if (all_same_shape && n_inputs > 0)
    {
      gboolean contig = TRUE, channels_last = TRUE, dense = TRUE, same_strides = TRUE;

      for (guint k = 0; k < n_inputs; k++)
        {
          contig &= cs_layout_is_contiguous (inputs[k]);
          channels_last &= torch_is_channels_last (inputs[k]);
          dense &= cs_layout_is_non_overlapping_and_dense (inputs[k]);
          for (guint i = 0; i < ndim; i++)
            if (inputs[k]->strides[i] != inputs[n_inputs - 1]->strides[i])
              same_strides = FALSE;
        }
      if (contig)
        {
          contiguous_strides (&r);
          *out = r;
          return;
        }
      if (channels_last)
        {
          r.strides[1] = 1;
          r.strides[3] = r.shape[1];
          r.strides[2] = wmul (r.strides[3], r.shape[3]);
          r.strides[0] = wmul (r.strides[2], r.shape[2]);
          *out = r;
          return;
        }
      if (dense && same_strides)
        {
          memcpy (r.strides, inputs[n_inputs - 1]->strides, sizeof r.strides);
          *out = r;
          return;
        }
    }

  /* compute_strides: broadcast dimensions get stride 0. */
  for (guint k = 0; k < n_ops; k++)
    {
      const CsLayout *in = inputs[k];
      guint offset = ndim >= in->ndim ? ndim - in->ndim : 0;

      for (guint i = 0; i < ndim; i++)
        op_strides[k][i] = 0;
      for (guint i = 0; i < in->ndim && offset + i < ndim; i++)
        op_strides[k][offset + i] = in->shape[i] == 1 && shape[offset + i] != 1 ? 0 : in->strides[i];
    }

  /* reorder_dimensions: perm[0] is the fastest dimension. */
  for (guint i = 0; i < ndim; i++)
    perm[i] = ndim - 1 - i;
  for (guint i = 1; i < ndim; i++)
    {
      guint dim1 = i;

      for (gint dim0 = (gint) i - 1; dim0 >= 0; dim0--)
        {
          guint a = perm[dim0], b = perm[dim1];
          int cmp = 0;

          for (guint k = 0; k < n_ops; k++)
            {
              gint64 s0 = op_strides[k][a], s1 = op_strides[k][b];

              if (s0 == 0 || s1 == 0)
                continue;
              if (s0 < s1)
                {
                  cmp = -1;
                  break;
                }
              if (s0 > s1)
                {
                  cmp = 1;
                  break;
                }
              if (shape[a] > shape[b])
                {
                  cmp = 1;
                  break;
                }
            }

          if (cmp > 0)
            {
              perm[dim0] = b;
              perm[dim1] = a;
              dim1 = (guint) dim0;
            }
          else if (cmp < 0)
            break;
        }
    }

  for (guint j = 0; j < ndim; j++)
    if (perm[j] != ndim - j - 1)
      inverted = FALSE;

  if (inverted)
    contiguous_strides (&r);
  else
    {
      gint64 next = 1;

      /* compatible_stride over the permuted shape, then back. */
      for (guint i = 0; i < ndim; i++)
        {
          r.strides[perm[i]] = next;
          next = wmul (next, shape[perm[i]]);
        }
    }

  *out = r;
}

static void
numpy_order_strides (CsLayout *r,
                     gboolean  fortran)
{
  gint64 stride = 1;

  if (!fortran)
    {
      contiguous_strides (r);
      return;
    }
  for (guint i = 0; i < r->ndim; i++)
    {
      r->strides[i] = stride;
      stride = wmul (stride, MAX (r->shape[i], 1));
    }
}

/* NumPy's F-ordered "ISFORTRAN": F-contiguous and not C-contiguous. */
static gboolean
numpy_is_fortran (const CsLayout *l)
{
  return l->ndim > 1 && cs_layout_is_f_contiguous (l) && !cs_layout_is_contiguous (l);
}

void
cs_layout_numpy_like (const CsLayout *in,
                      char            order,
                      CsLayout       *out)
{
  CsLayout r;

  g_return_if_fail (in != NULL && out != NULL);

  set_shape (&r, in->ndim, in->shape);

  if (order == 'A')
    order = numpy_is_fortran (in) ? 'F' : 'C';
  else if (order == 'K')
    {
      if (in->ndim <= 1 || cs_layout_is_contiguous (in))
        order = 'C';
      else if (cs_layout_is_f_contiguous (in))
        order = 'F';
    }

  if (order == 'C' || order == 'F')
    numpy_order_strides (&r, order == 'F');
  else
    {
      /* PyArray_CreateSortedStridePerm: axes by decreasing |stride|,
       * stable; the last one gets the item size. */
      guint perm[CS_STRIDED_MAX_DIMS];
      gint64 stride = 1;

      for (guint i = 0; i < r.ndim; i++)
        perm[i] = i;
      for (guint i = 1; i < r.ndim; i++)
        for (guint j = i; j > 0; j--)
          {
            gint64 a = ABS (in->strides[perm[j - 1]]);
            gint64 b = ABS (in->strides[perm[j]]);
            guint tmp;

            if (b <= a)
              break;
            tmp = perm[j - 1];
            perm[j - 1] = perm[j];
            perm[j] = tmp;
          }
      for (guint i = r.ndim; i-- > 0;)
        {
          r.strides[perm[i]] = stride;
          stride = wmul (stride, r.shape[perm[i]]);
        }
    }

  /* A new NumPy array without elements has all-zero strides. */
  if (cs_layout_numel (&r) == 0)
    memset (r.strides, 0, sizeof r.strides);
  *out = r;
}

/* The NumPy iterator's axis order (npyiter_find_best_axis_ordering):
 * starting from C order, axes sorted by the operands' |strides|, fastest
 * first; an operand's axis of size 1 (broadcast) gives no information, and
 * on conflicts between operands C order wins.  @axes[0] is the fastest. */
static void
numpy_iter_order (const CsLayout *const *inputs,
                  guint                 n_inputs,
                  guint                 ndim,
                  guint                *axes)
{
  guint n_ops = MIN (n_inputs, 8);
  gint64 op_strides[8][CS_STRIDED_MAX_DIMS];

  for (guint k = 0; k < n_ops; k++)
    {
      const CsLayout *in = inputs[k];
      guint offset = ndim >= in->ndim ? ndim - in->ndim : 0;

      for (guint i = 0; i < ndim; i++)
        op_strides[k][i] = 0;
      for (guint i = 0; i < in->ndim && offset + i < ndim; i++)
        op_strides[k][offset + i] = in->shape[i] == 1 ? 0 : ABS (in->strides[i]);
    }

  for (guint i = 0; i < ndim; i++)
    axes[i] = ndim - 1 - i;
  for (guint i0 = 1; i0 < ndim; i0++)
    {
      guint j0 = axes[i0];
      guint ipos = i0;

      for (gint i1 = (gint) i0 - 1; i1 >= 0; i1--)
        {
          guint j1 = axes[i1];
          gboolean ambig = TRUE, shouldswap = FALSE;

          for (guint k = 0; k < n_ops; k++)
            {
              if (op_strides[k][j0] != 0 && op_strides[k][j1] != 0)
                {
                  if (op_strides[k][j1] <= op_strides[k][j0])
                    shouldswap = FALSE;
                  else if (ambig)
                    shouldswap = TRUE;
                  ambig = FALSE;
                }
            }
          if (!ambig)
            {
              if (shouldswap)
                ipos = (guint) i1;
              else
                break;
            }
        }
      if (ipos != i0)
        {
          for (guint i1 = i0; i1 > ipos; i1--)
            axes[i1] = axes[i1 - 1];
          axes[ipos] = j0;
        }
    }
}

void
cs_layout_numpy_elementwise (const CsLayout *const *inputs,
                             guint                 n_inputs,
                             guint                 ndim,
                             const gint64         *shape,
                             CsLayout             *out)
{
  CsLayout r;
  gboolean trivial = TRUE;
  int order = 0;   /* bit 1: C, bit 2: F */
  guint op_ndim = 0;
  guint axes[CS_STRIDED_MAX_DIMS];
  gint64 stride = 1;

  g_return_if_fail (out != NULL);
  g_return_if_fail (inputs != NULL || n_inputs == 0);
  g_return_if_fail (ndim <= CS_STRIDED_MAX_DIMS);

  set_shape (&r, ndim, shape);

  /* try_trivial_single_output_loop: operands of the same shape, each 0-d,
   * 1-d or contiguous in one common order. */
  for (guint k = 0; k < n_inputs && trivial; k++)
    {
      const CsLayout *in = inputs[k];
      int op_order;

      if (in->ndim == 0)
        continue;
      if (op_ndim == 0)
        op_ndim = in->ndim;
      if (!same_shape (in, ndim, shape))
        {
          trivial = FALSE;
          break;
        }
      if (in->ndim == 1)
        continue;
      op_order = (cs_layout_is_contiguous (in) ? 1 : 0) | (cs_layout_is_f_contiguous (in) ? 2 : 0);
      if (op_order == 0)
        trivial = FALSE;
      else if (order == 0)
        order = op_order;
      else if (order != op_order)
        {
          if (order == 3)
            order = op_order;
          else if (op_order != 3)
            trivial = FALSE;
        }
    }
  if (cs_layout_numel (&r) == 0)
    {
      /* A new NumPy array without elements has all-zero strides. */
      *out = r;
      return;
    }
  if (trivial && op_ndim == ndim)
    {
      numpy_order_strides (&r, order == 2);
      *out = r;
      return;
    }

  numpy_iter_order (inputs, n_inputs, ndim, axes);

  for (guint i = 0; i < ndim; i++)
    {
      r.strides[axes[i]] = stride;
      stride = wmul (stride, shape[axes[i]]);
    }

  *out = r;
}

void
cs_layout_numpy_reduce (const CsLayout *in,
                        const gboolean *reduce,
                        gboolean        keepdims,
                        CsLayout       *out)
{
  CsLayout r;
  const CsLayout *ops[1] = { in };
  guint axes[CS_STRIDED_MAX_DIMS];
  gint64 strides[CS_STRIDED_MAX_DIMS];
  gint64 stride = 1;

  g_return_if_fail (in != NULL && reduce != NULL && out != NULL);
  g_return_if_fail (in->ndim <= CS_STRIDED_MAX_DIMS);

  /* The iterator runs over the input; the result's axes take strides in
   * that order, a kept reduced axis (size 1) the running stride. */
  numpy_iter_order (ops, 1, in->ndim, axes);
  for (guint i = 0; i < in->ndim; i++)
    {
      guint a = axes[i];

      if (reduce[a])
        strides[a] = stride;
      else
        {
          strides[a] = stride;
          stride = wmul (stride, in->shape[a]);
        }
    }

  memset (&r, 0, sizeof r);
  for (guint i = 0; i < in->ndim; i++)
    {
      if (reduce[i] && !keepdims)
        continue;
      r.shape[r.ndim] = reduce[i] ? 1 : in->shape[i];
      r.strides[r.ndim] = strides[i];
      r.ndim++;
    }

  if (cs_layout_numel (&r) == 0)
    memset (r.strides, 0, sizeof r.strides);
  *out = r;
}

void
cs_layout_numpy_concatenate (const CsLayout *const *inputs,
                             guint                 n_inputs,
                             guint                 ndim,
                             const gint64         *shape,
                             CsLayout             *out)
{
  CsLayout r;
  guint perm[CS_STRIDED_MAX_DIMS];
  gint64 stride = 1;

  g_return_if_fail (out != NULL);
  g_return_if_fail (inputs != NULL || n_inputs == 0);
  g_return_if_fail (ndim <= CS_STRIDED_MAX_DIMS);

  set_shape (&r, ndim, shape);

  /* PyArray_CreateMultiSortedStridePerm: C order first, axes sorted by
   * decreasing |stride| where all arrays agree (size-1 axes say nothing). */
  for (guint i = 0; i < ndim; i++)
    perm[i] = i;
  for (guint i0 = 1; i0 < ndim; i0++)
    {
      guint j0 = perm[i0];
      guint ipos = i0;

      for (gint i1 = (gint) i0 - 1; i1 >= 0; i1--)
        {
          guint j1 = perm[i1];
          gboolean ambig = TRUE, shouldswap = FALSE;

          for (guint k = 0; k < n_inputs; k++)
            {
              const CsLayout *a = inputs[k];

              if (a->ndim != ndim || a->shape[j0] == 1 || a->shape[j1] == 1)
                continue;
              if (ABS (a->strides[j0]) <= ABS (a->strides[j1]))
                shouldswap = FALSE;
              else if (ambig)
                shouldswap = TRUE;
              ambig = FALSE;
            }
          if (!ambig)
            {
              if (shouldswap)
                ipos = (guint) i1;
              else
                break;
            }
        }
      if (ipos != i0)
        {
          for (guint i1 = i0; i1 > ipos; i1--)
            perm[i1] = perm[i1 - 1];
          perm[ipos] = j0;
        }
    }

  for (guint i = ndim; i-- > 0;)
    {
      r.strides[perm[i]] = stride;
      stride = wmul (stride, shape[perm[i]]);
    }

  if (cs_layout_numel (&r) == 0)
    memset (r.strides, 0, sizeof r.strides);
  *out = r;
}

/* ---- Reductions ------------------------------------------------------------------- */

/* Float arithmetic done in double and rounded back: correctly rounded for
 * one addition of two floats (double has more than 2 * 24 + 2 bits). */
static inline double
radd (double   a,
      double   b,
      gboolean f32)
{
  double r = a + b;

  return f32 ? (double) (float) r : r;
}

static double
round_half (double v)
{
  guint16 h;

  cs_dtype_set_double (CS_DTYPE_FLOAT16, &h, 0, v);
  return cs_dtype_get_double (CS_DTYPE_FLOAT16, &h, 0);
}

/* numpy's @TYPE@_pairwise_sum over @n values in @v (accumulating in float
 * when @f32). */
static double
pairwise_sum (const double *v,
              gint64        n,
              gboolean      f32)
{
  if (n < 8)
    {
      double res = 0.0;

      for (gint64 i = 0; i < n; i++)
        res = radd (res, v[i], f32);
      return res;
    }
  else if (n <= 128)
    {
      double r[8], res;
      gint64 i;

      for (int k = 0; k < 8; k++)
        r[k] = v[k];
      for (i = 8; i < n - (n % 8); i += 8)
        for (int k = 0; k < 8; k++)
          r[k] = radd (r[k], v[i + k], f32);
      res = radd (radd (radd (r[0], r[1], f32), radd (r[2], r[3], f32), f32),
                  radd (radd (r[4], r[5], f32), radd (r[6], r[7], f32), f32), f32);
      for (; i < n; i++)
        res = radd (res, v[i], f32);
      return res;
    }
  else
    {
      gint64 n2 = n / 2;

      n2 -= n2 % 8;
      return radd (pairwise_sum (v, n2, f32), pairwise_sum (v + n2, n - n2, f32), f32);
    }
}

double
cs_numpy_sum_all (CsDType         dtype,
                  gconstpointer   data,
                  const CsLayout *layout,
                  CsDType         acc_dtype)
{
  const CsLayout *ops[1] = { layout };
  guint axes[CS_STRIDED_MAX_DIMS];
  CsLayout it;
  CsLayoutIter iter;
  gboolean f32 = acc_dtype != CS_DTYPE_FLOAT64;
  g_autofree double *chunk = NULL;
  gint64 fill = 0, idx;
  double out = 0.0;

  g_return_val_if_fail (data != NULL && layout != NULL, 0.0);
  g_return_val_if_fail (layout->ndim <= CS_STRIDED_MAX_DIMS, 0.0);

  /* The iterator's order: axes by |stride| (fastest last here, for the
   * row-major CsLayoutIter).  Reductions pass NPY_ITER_DONT_NEGATE_STRIDES,
   * so a reversed view is summed in its own (reversed) order. */
  numpy_iter_order (ops, 1, layout->ndim, axes);
  memset (&it, 0, sizeof it);
  it.ndim = layout->ndim;
  it.offset = layout->offset;
  for (guint i = 0; i < layout->ndim; i++)
    {
      guint a = axes[layout->ndim - 1 - i];
      it.shape[i] = layout->shape[a];
      it.strides[i] = layout->strides[a];
    }

  /* Buffers of 8192 elements, each summed pairwise into the result. */
  chunk = g_new (double, 8192);
  cs_layout_iter_init (&iter, &it);
  while (cs_layout_iter_next (&iter, &idx))
    {
      double v = cs_dtype_get_double (dtype, data, (gsize) idx);

      if (acc_dtype == CS_DTYPE_FLOAT32)
        v = (float) v;
      else if (acc_dtype == CS_DTYPE_FLOAT16)
        v = (float) v;
      chunk[fill++] = v;
      if (fill == 8192)
        {
          out = radd (out, pairwise_sum (chunk, fill, f32), f32);
          if (acc_dtype == CS_DTYPE_FLOAT16)
            out = round_half (out);
          fill = 0;
        }
    }
  if (fill > 0)
    {
      out = radd (out, pairwise_sum (chunk, fill, f32), f32);
      if (acc_dtype == CS_DTYPE_FLOAT16)
        out = round_half (out);
    }

  return out;
}

/* PyTorch's cascade sum (SumKernel.cpp), for float (8 AVX2 lanes) and
 * double (4 lanes).  Offsets are in elements. */
typedef struct
{
  CsDType       dtype;
  gconstpointer data;
  gboolean      f32;
  guint         lanes;
  double       *out;        /* result elements */
  gint64        out_base;   /* of the current block */
  gint64        out_stride; /* between the block's results (0: all in one) */
} TorchSum;

static inline double
ts_load (const TorchSum *s,
         gint64          pos)
{
  return cs_dtype_get_double (s->dtype, s->data, (gsize) pos);
}

static gint64
ceil_log2 (gint64 x)
{
  gint64 r = 0;
  guint64 v;

  if (x <= 2)
    return 1;
  v = (guint64) x - 1;
  while (v)
    {
      r++;
      v >>= 1;
    }
  return r;
}

/* multi_row_sum: @nrows sums (each of @lanes lanes) over @size rows. */
static void
ts_multi_row_sum (const TorchSum *s,
                  gint64          base,
                  gint64          row_stride,
                  gint64          col_stride,
                  gint64          size,
                  guint           nrows,
                  guint           lanes,
                  double         *result)
{
  const gint64 num_levels = 4;
  gint64 level_power = MAX (4, ceil_log2 (size) / num_levels);
  gint64 level_step = (gint64) 1 << level_power;
  gint64 level_mask = level_step - 1;
  double acc[4][4][8];
  gint64 i = 0;

  memset (acc, 0, sizeof acc);

  for (; i + level_step <= size;)
    {
      for (gint64 j = 0; j < level_step; j++, i++)
        for (guint k = 0; k < nrows; k++)
          for (guint l = 0; l < lanes; l++)
            acc[0][k][l] = radd (acc[0][k][l],
                                 ts_load (s, base + i * row_stride + k * col_stride + l), s->f32);

      for (gint64 j = 1; j < num_levels; j++)
        {
          gint64 mask;

          for (guint k = 0; k < nrows; k++)
            for (guint l = 0; l < lanes; l++)
              {
                acc[j][k][l] = radd (acc[j][k][l], acc[j - 1][k][l], s->f32);
                acc[j - 1][k][l] = 0.0;
              }
          mask = level_mask << (j * level_power);
          if ((i & mask) != 0)
            break;
        }
    }

  for (; i < size; i++)
    for (guint k = 0; k < nrows; k++)
      for (guint l = 0; l < lanes; l++)
        acc[0][k][l] = radd (acc[0][k][l], ts_load (s, base + i * row_stride + k * col_stride + l),
                             s->f32);

  for (gint64 j = 1; j < num_levels; j++)
    for (guint k = 0; k < nrows; k++)
      for (guint l = 0; l < lanes; l++)
        acc[0][k][l] = radd (acc[0][k][l], acc[j][k][l], s->f32);

  for (guint k = 0; k < nrows; k++)
    for (guint l = 0; l < lanes; l++)
      result[k * lanes + l] = acc[0][k][l];
}

/* row_sum: one sum (of @lanes lanes) over @size items @stride apart. */
static void
ts_row_sum (const TorchSum *s,
            gint64          base,
            gint64          stride,
            gint64          size,
            guint           lanes,
            double         *result)
{
  const gint64 ilp = 4;
  gint64 size_ilp = size / ilp;
  double partial[4 * 8];

  ts_multi_row_sum (s, base, stride * ilp, stride, size_ilp, (guint) ilp, lanes, partial);
  for (gint64 i = size_ilp * ilp; i < size; i++)
    for (guint l = 0; l < lanes; l++)
      partial[l] = radd (partial[l], ts_load (s, base + i * stride + l), s->f32);
  for (gint64 k = 1; k < ilp; k++)
    for (guint l = 0; l < lanes; l++)
      partial[l] = radd (partial[l], partial[k * lanes + l], s->f32);
  memcpy (result, partial, lanes * sizeof (double));
}

/* CastStoreAccumulate: out[index] += value. */
static void
ts_store (TorchSum *s,
          gint64    index,
          double    v)
{
  double *o = &s->out[s->out_base + index * s->out_stride];

  *o = radd (*o, v, s->f32);
}

/* The body of cascade_sum for one 2-D block (all dimensions reduced). */
static void
ts_block (TorchSum *s,
          gint64    base,
          gint64    in_stride0,
          gint64    in_stride1,
          gint64    size0,
          gint64    size1)
{
  guint vl = s->lanes;
  double v[4 * 8];

  if (in_stride0 == 1 && size0 >= vl)
    {
      /* vectorized_inner_sum */
      gint64 vec_size = size0 / vl;

      for (gint64 j = 0; j < size1; j++)
        {
          gint64 row = base + j * in_stride1;
          double final_acc = 0.0;

          ts_row_sum (s, row, vl, vec_size, vl, v);
          for (gint64 k = vec_size * vl; k < size0; k++)
            final_acc = radd (final_acc, ts_load (s, row + k), s->f32);
          for (guint k = 0; k < vl; k++)
            final_acc = radd (final_acc, v[k], s->f32);
          ts_store (s, j, final_acc);
        }
    }
  else if (in_stride1 == 1 && size1 >= vl)
    {
      /* vectorized_outer_sum */
      gint64 j = 0;

      for (; j + 4 * vl <= size1; j += 4 * vl)
        {
          ts_multi_row_sum (s, base + j, in_stride0, vl, size0, 4, vl, v);
          for (guint k = 0; k < 4 * vl; k++)
            ts_store (s, j + k, v[k]);
        }
      for (; j + vl <= size1; j += vl)
        {
          ts_row_sum (s, base + j, in_stride0, size0, vl, v);
          for (guint k = 0; k < vl; k++)
            ts_store (s, j + k, v[k]);
        }
      for (; j < size1; j++)
        {
          ts_row_sum (s, base + j, in_stride0, size0, 1, v);
          ts_store (s, j, v[0]);
        }
    }
  else if (in_stride0 < in_stride1)
    {
      /* scalar_inner_sum */
      for (gint64 j = 0; j < size1; j++)
        {
          ts_row_sum (s, base + j * in_stride1, in_stride0, size0, 1, v);
          ts_store (s, j, v[0]);
        }
    }
  else
    {
      /* scalar_outer_sum */
      gint64 j = 0;

      for (; j + 3 < size1; j += 4)
        {
          ts_multi_row_sum (s, base + j * in_stride1, in_stride0, in_stride1, size0, 4, 1, v);
          for (guint k = 0; k < 4; k++)
            ts_store (s, j + k, v[k]);
        }
      for (; j < size1; j++)
        {
          ts_row_sum (s, base + j * in_stride1, in_stride0, size0, 1, v);
          ts_store (s, j, v[0]);
        }
    }
}

/* TensorIterator for a sum over the dimensions where @reduce is TRUE:
 * dimensions reordered (reduced ones first, then by the input's strides),
 * coalesced, and cut into 2-D blocks for the cascade kernel.  @out holds
 * the result in row-major order of the kept dimensions. */
static void
torch_sum_reduce (TorchSum       *s,
                  const CsLayout *layout,
                  const gboolean *reduce)
{
  guint nd = layout->ndim;
  gint64 shape[CS_STRIDED_MAX_DIMS], in_st[CS_STRIDED_MAX_DIMS], out_st[CS_STRIDED_MAX_DIMS];
  gint64 res_st[CS_STRIDED_MAX_DIMS];
  guint perm[CS_STRIDED_MAX_DIMS];
  gint64 counter[CS_STRIDED_MAX_DIMS];
  gint64 stride = 1;
  guint prev;

  /* The result's (contiguous) strides for the kept dimensions. */
  for (guint i = nd; i-- > 0;)
    {
      if (reduce[i])
        res_st[i] = 0;
      else
        {
          res_st[i] = stride;
          stride *= MAX (layout->shape[i], 1);
        }
    }

  for (guint i = 0; i < nd; i++)
    perm[i] = nd - 1 - i;
  for (guint i = 1; i < nd; i++)
    {
      guint dim1 = i;

      for (gint dim0 = (gint) i - 1; dim0 >= 0; dim0--)
        {
          guint a = perm[dim0], b = perm[dim1];
          int cmp = 0;

          /* The output: reduced dimensions (stride 0) to the front. */
          if ((res_st[a] == 0) != (res_st[b] == 0))
            cmp = res_st[b] == 0 ? 1 : -1;
          else
            {
              /* The output's own strides, then the input's. */
              const gint64 *ops[2] = { res_st, layout->strides };

              for (guint k = 0; k < 2 && cmp == 0; k++)
                {
                  gint64 s0 = ops[k][a], s1 = ops[k][b];

                  if (s0 == 0 || s1 == 0)
                    continue;
                  if (s0 < s1)
                    cmp = -1;
                  else if (s0 > s1)
                    cmp = 1;
                  else if (layout->shape[a] > layout->shape[b])
                    cmp = 1;
                  else
                    continue;
                }
            }
          if (cmp > 0)
            {
              perm[dim0] = b;
              perm[dim1] = a;
              dim1 = (guint) dim0;
            }
          else if (cmp < 0)
            break;
        }
    }
  for (guint i = 0; i < nd; i++)
    {
      shape[i] = layout->shape[perm[i]];
      in_st[i] = layout->strides[perm[i]];
      out_st[i] = res_st[perm[i]];
    }

  /* coalesce_dimensions over both operands. */
  prev = 0;
  for (guint d = 1; d < nd; d++)
    {
      gboolean can = shape[prev] == 1 || shape[d] == 1 ||
                     (wmul (in_st[prev], shape[prev]) == in_st[d] &&
                      wmul (out_st[prev], shape[prev]) == out_st[d]);

      if (can)
        {
          if (shape[prev] == 1)
            {
              in_st[prev] = in_st[d];
              out_st[prev] = out_st[d];
            }
          shape[prev] *= shape[d];
        }
      else
        {
          prev++;
          if (prev != d)
            {
              in_st[prev] = in_st[d];
              out_st[prev] = out_st[d];
              shape[prev] = shape[d];
            }
        }
    }
  nd = nd == 0 ? 1 : prev + 1;
  if (layout->ndim == 0)
    {
      shape[0] = 1;
      in_st[0] = 1;
      out_st[0] = 0;
    }
  if (nd == 1)
    {
      shape[1] = 1;
      in_st[1] = 0;
      out_st[1] = 0;
    }

  memset (counter, 0, sizeof counter);
  for (;;)
    {
      gint64 base = layout->offset, obase = 0;
      gint64 size0 = shape[0], size1 = shape[1];
      gint64 is0 = in_st[0], is1 = in_st[1], os0 = out_st[0], os1 = out_st[1];
      guint d;

      for (d = 2; d < nd; d++)
        {
          base += counter[d] * in_st[d];
          obase += counter[d] * out_st[d];
        }

      /* cascade_sum: move the reduction to the first dimension. */
      if (os0 != 0 && os1 == 0)
        {
          gint64 t;

          t = is0, is0 = is1, is1 = t;
          t = os0, os0 = os1, os1 = t;
          t = size0, size0 = size1, size1 = t;
        }

      s->out_base = obase;
      if (os0 != 0 && os1 != 0)
        {
          /* Not a reduction: out += in element by element. */
          for (gint64 j = 0; j < size1; j++)
            for (gint64 i = 0; i < size0; i++)
              {
                double *o = &s->out[obase + i * os0 + j * os1];

                *o = radd (*o, ts_load (s, base + i * is0 + j * is1), s->f32);
              }
        }
      else
        {
          s->out_stride = os1;
          ts_block (s, base, is0, is1, size0, size1);
        }

      for (d = 2; d < nd; d++)
        {
          if (++counter[d] < shape[d])
            break;
          counter[d] = 0;
        }
      if (d >= nd)
        break;
    }
}

gboolean
cs_torch_sum_all (CsDType         dtype,
                  gconstpointer   data,
                  const CsLayout *layout,
                  double         *out_sum)
{
  gboolean reduce[CS_STRIDED_MAX_DIMS];
  double out = 0.0;
  TorchSum s;

  g_return_val_if_fail (data != NULL && layout != NULL && out_sum != NULL, FALSE);
  g_return_val_if_fail (layout->ndim <= CS_STRIDED_MAX_DIMS, FALSE);

  if (dtype != CS_DTYPE_FLOAT32 && dtype != CS_DTYPE_FLOAT64)
    return FALSE;

  *out_sum = 0.0;
  if (cs_layout_numel (layout) == 0)
    return TRUE;

  for (guint i = 0; i < CS_STRIDED_MAX_DIMS; i++)
    reduce[i] = TRUE;
  s.dtype = dtype;
  s.data = data;
  s.f32 = dtype == CS_DTYPE_FLOAT32;
  s.lanes = s.f32 ? 8 : 4;
  s.out = &out;
  s.out_base = 0;
  s.out_stride = 0;
  torch_sum_reduce (&s, layout, reduce);

  *out_sum = out;
  return TRUE;
}

gboolean
cs_torch_sum_dim (CsDType         dtype,
                  gconstpointer   data,
                  const CsLayout *layout,
                  gint64          dim,
                  double         *out)
{
  gboolean reduce[CS_STRIDED_MAX_DIMS] = { FALSE, };
  gint64 n = 1;
  TorchSum s;

  g_return_val_if_fail (data != NULL && layout != NULL && out != NULL, FALSE);
  g_return_val_if_fail (layout->ndim <= CS_STRIDED_MAX_DIMS, FALSE);
  g_return_val_if_fail (dim >= 0 && dim < (gint64) MAX (layout->ndim, 1), FALSE);

  if (dtype != CS_DTYPE_FLOAT32 && dtype != CS_DTYPE_FLOAT64)
    return FALSE;

  for (guint i = 0; i < layout->ndim; i++)
    if ((gint64) i != dim)
      n *= layout->shape[i];
  for (gint64 i = 0; i < n; i++)
    out[i] = 0.0;
  if (cs_layout_numel (layout) == 0 || layout->ndim == 0)
    {
      if (layout->ndim == 0)
        return cs_torch_sum_all (dtype, data, layout, out);
      return TRUE;
    }

  reduce[dim] = TRUE;
  s.dtype = dtype;
  s.data = data;
  s.f32 = dtype == CS_DTYPE_FLOAT32;
  s.lanes = s.f32 ? 8 : 4;
  s.out = out;
  s.out_base = 0;
  s.out_stride = 0;
  torch_sum_reduce (&s, layout, reduce);

  return TRUE;
}

void
cs_numpy_sum_axis (CsDType         dtype,
                   gconstpointer   data,
                   const CsLayout *layout,
                   guint           axis,
                   CsDType         acc_dtype,
                   double         *out)
{
  const CsLayout *ops[1] = { layout };
  guint axes[CS_STRIDED_MAX_DIMS];
  gboolean f32 = acc_dtype != CS_DTYPE_FLOAT64;
  gboolean half = acc_dtype == CS_DTYPE_FLOAT16;
  gboolean fast = TRUE;
  CsLayout rest;
  CsLayoutIter iter;
  gint64 pos, n, k = 0;
  g_autofree double *chunk = NULL;

  g_return_if_fail (data != NULL && layout != NULL && out != NULL);
  g_return_if_fail (axis < layout->ndim && layout->ndim <= CS_STRIDED_MAX_DIMS);

  /* Pairwise along the axis when it is the iterator's innermost one
   * (axes of size 1 do not count); otherwise the inner loop runs over
   * another axis and each result accumulates one element at a time. */
  numpy_iter_order (ops, 1, layout->ndim, axes);
  for (guint i = 0; i < layout->ndim; i++)
    if (layout->shape[axes[i]] != 1)
      {
        fast = axes[i] == axis;
        break;
      }

  rest = *layout;
  remove_dim (&rest, axis);
  n = layout->shape[axis];
  chunk = g_new (double, MIN (MAX (n, 1), 8192));

  cs_layout_iter_init (&iter, &rest);
  while (cs_layout_iter_next (&iter, &pos))
    {
      double acc = 0.0;
      gint64 fill = 0;

      for (gint64 i = 0; i < n; i++)
        {
          double v = cs_dtype_get_double (dtype, data, (gsize) (pos + i * layout->strides[axis]));

          if (f32)
            v = (float) v;
          if (!fast)
            {
              acc = radd (acc, v, f32);
              if (half)
                acc = round_half (acc);
              continue;
            }
          chunk[fill++] = v;
          if (fill == 8192 || i == n - 1)
            {
              acc = radd (acc, pairwise_sum (chunk, fill, f32), f32);
              if (half)
                acc = round_half (acc);
              fill = 0;
            }
        }
      out[k++] = acc;
    }
}
