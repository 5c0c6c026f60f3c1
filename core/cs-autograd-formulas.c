/* cs-autograd-formulas.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The backward formulas of PyTorch 1.13 (tools/autograd/derivatives.yaml)
 * for the ops Copyscope models, on dense row-major arrays of doubles.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-autograd-private.h"

gsize
_cs_ag_shape_numel (const CsAgShape *shape)
{
  gsize n = 1;

  for (guint i = 0; i < shape->ndim; i++)
    n *= (gsize) shape->shape[i];
  return n;
}

/* Row-major strides (in elements) of a dense array of @shape. */
static void
dense_strides (const CsAgShape *shape,
               gint64          *strides)
{
  gint64 s = 1;

  for (guint i = shape->ndim; i > 0; i--)
    {
      strides[i - 1] = s;
      s *= MAX (shape->shape[i - 1], 1);
    }
}

/* Advance a row-major multi-index; FALSE after the last element. */
static gboolean
next_index (gint64          *idx,
            const CsAgShape *shape)
{
  for (guint i = shape->ndim; i > 0; i--)
    {
      if (++idx[i - 1] < shape->shape[i - 1])
        return TRUE;
      idx[i - 1] = 0;
    }
  return FALSE;
}

/* Sum @grad (shape @gshape) down to @target by NumPy broadcasting rules:
 * leading dims are summed away, dims where target is 1 are summed. */
static double *
reduce_to (const double    *grad,
           const CsAgShape *gshape,
           const CsAgShape *target)
{
  gsize n = _cs_ag_shape_numel (gshape);
  gsize tn = _cs_ag_shape_numel (target);
  double *out = g_new0 (double, MAX (tn, 1));
  gint64 idx[CS_MAX_DIMS] = { 0 };
  gint64 tstrides[CS_MAX_DIMS];
  guint lead;

  if (n == 0)
    return out;
  dense_strides (target, tstrides);
  lead = gshape->ndim >= target->ndim ? gshape->ndim - target->ndim : 0;
  for (gsize k = 0; k < n; k++)
    {
      gint64 pos = 0;

      for (guint d = 0; d < target->ndim; d++)
        {
          gint64 i = target->shape[d] == 1 ? 0 : idx[d + lead];
          pos += i * tstrides[d];
        }
      out[pos] += grad[k];
      next_index (idx, gshape);
    }
  return out;
}

/* @values (shape @vshape) broadcast to @target (a fresh array). */
static double *
expand_to (const double    *values,
           const CsAgShape *vshape,
           const CsAgShape *target)
{
  gsize n = _cs_ag_shape_numel (target);
  double *out = g_new0 (double, MAX (n, 1));
  gint64 idx[CS_MAX_DIMS] = { 0 };
  gint64 vstrides[CS_MAX_DIMS];
  guint lead;

  if (n == 0)
    return out;
  dense_strides (vshape, vstrides);
  lead = target->ndim >= vshape->ndim ? target->ndim - vshape->ndim : 0;
  for (gsize k = 0; k < n; k++)
    {
      gint64 pos = 0;

      for (guint d = 0; d < vshape->ndim; d++)
        pos += (vshape->shape[d] == 1 ? 0 : idx[d + lead]) * vstrides[d];
      out[k] = values[pos];
      next_index (idx, target);
    }
  return out;
}

/* Operand values of a saved variable or a Python scalar broadcast to the
 * node's output shape. */
static double *
operand_at_out (const CsAgNode  *node,
                const CsAgSaved *saved,
                gboolean         scalar_fallback)
{
  gsize n = _cs_ag_shape_numel (&node->out_shape);

  if (saved != NULL)
    return expand_to (saved->values, &saved->shape, &node->out_shape);
  if (scalar_fallback)
    {
      double *out = g_new (double, MAX (n, 1));
      for (gsize k = 0; k < n; k++)
        out[k] = node->rec.scalar;
      return out;
    }
  return g_new0 (double, MAX (n, 1));
}

/* ---- views ---------------------------------------------------------------- */

/* Gradient of a view op: scatter @grad (out shape) into the input shape by
 * the index mapping of the op. */
static double *
view_backward (const CsAgNode *node,
               const double   *grad)
{
  const CsAgShape *in = &node->in_shape[0];
  const CsAgShape *out = &node->out_shape;
  const CsGradRecord *rec = &node->rec;
  gsize n = _cs_ag_shape_numel (out);
  gsize in_n = _cs_ag_shape_numel (in);
  double *res = g_new0 (double, MAX (in_n, 1));
  gint64 idx[CS_MAX_DIMS] = { 0 };
  gint64 in_idx[CS_MAX_DIMS];
  gint64 in_strides[CS_MAX_DIMS];
  guint perm[CS_MAX_DIMS];

  dense_strides (in, in_strides);
  for (guint d = 0; d < CS_MAX_DIMS; d++)
    perm[d] = d;
  if (rec->op == CS_GRAD_OP_PERMUTE)
    for (guint d = 0; d < out->ndim && d < rec->n_dims; d++)
      perm[d] = (guint) rec->dims[d];
  else if (rec->op == CS_GRAD_OP_TRANSPOSE && out->ndim >= 2)
    {
      perm[rec->dim] = (guint) rec->dim1;
      perm[rec->dim1] = (guint) rec->dim;
    }
  else if (rec->op == CS_GRAD_OP_T && out->ndim == 2)
    {
      perm[0] = 1;
      perm[1] = 0;
    }

  for (gsize k = 0; k < n; k++)
    {
      gint64 pos = 0;

      switch (rec->op)
        {
        case CS_GRAD_OP_SELECT:
          {
            guint j = 0;
            for (guint d = 0; d < in->ndim; d++)
              in_idx[d] = (d == (guint) rec->dim) ? rec->index : idx[j++];
          }
          break;
        case CS_GRAD_OP_SLICE:
        case CS_GRAD_OP_NARROW:
          for (guint d = 0; d < in->ndim; d++)
            in_idx[d] = idx[d];
          in_idx[rec->dim] = rec->start + idx[rec->dim] * (rec->step > 0 ? rec->step : 1);
          break;
        default:  /* permutations */
          for (guint d = 0; d < out->ndim; d++)
            in_idx[perm[d]] = idx[d];
          break;
        }
      for (guint d = 0; d < in->ndim; d++)
        pos += in_idx[d] * in_strides[d];
      if (pos >= 0 && (gsize) pos < in_n)
        res[pos] += grad[k];
      next_index (idx, out);
    }
  return res;
}

/* Storage offsets of every element of a geometry, row-major. */
static gint64 *
geometry_offsets (const CsAgGeometry *g,
                  gsize              *out_n)
{
  CsAgShape shape;
  gsize n;
  gint64 *offs;
  gint64 idx[CS_MAX_DIMS] = { 0 };

  shape.ndim = g->ndim;
  memcpy (shape.shape, g->shape, sizeof shape.shape);
  n = _cs_ag_shape_numel (&shape);
  offs = g_new (gint64, MAX (n, 1));
  for (gsize k = 0; k < n; k++)
    {
      gint64 o = g->offset;
      for (guint d = 0; d < g->ndim; d++)
        o += idx[d] * g->strides[d];
      offs[k] = o;
      next_index (idx, &shape);
    }
  *out_n = n;
  return offs;
}

/* For each element of @view, the row-major index of the element of @base
 * at the same storage offset, or -1. */
static gint64 *
view_to_base_index (const CsAgGeometry *base,
                    const CsAgGeometry *view,
                    gsize              *out_n)
{
  gsize bn, vn;
  g_autofree gint64 *boffs = geometry_offsets (base, &bn);
  gint64 *voffs = geometry_offsets (view, &vn);
  g_autoptr (GHashTable) map = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (gsize k = 0; k < bn; k++)
    if (!g_hash_table_contains (map, &boffs[k]))
      g_hash_table_insert (map, &boffs[k], GSIZE_TO_POINTER (k + 1));
  for (gsize k = 0; k < vn; k++)
    {
      gsize at = GPOINTER_TO_SIZE (g_hash_table_lookup (map, &voffs[k]));
      voffs[k] = (gint64) at - 1;
    }
  *out_n = vn;
  return voffs;
}

/* ---- reductions ------------------------------------------------------------ */

static double *
sum_backward (const CsAgNode *node,
              const double   *grad,
              double          scale)
{
  const CsAgShape *in = &node->in_shape[0];
  CsAgShape keep = *in;
  gsize n;
  double *res;

  if (node->rec.n_dims == 0)
    {
      for (guint d = 0; d < keep.ndim; d++)
        keep.shape[d] = 1;
    }
  else
    for (guint i = 0; i < node->rec.n_dims; i++)
      if (node->rec.dims[i] >= 0 && (guint) node->rec.dims[i] < keep.ndim)
        keep.shape[node->rec.dims[i]] = 1;
  res = expand_to (grad, &keep, in);
  n = _cs_ag_shape_numel (in);
  if (scale != 1.0)
    for (gsize k = 0; k < n; k++)
      res[k] *= scale;
  return res;
}

/* ---- matrix products ------------------------------------------------------ */

/* C (n x m) = A (n x k) * B (k x m), with transposes by flags. */
static double *
matmul (const double *a, gboolean ta, gint64 a_rows, gint64 a_cols,
        const double *b, gboolean tb, gint64 b_rows, gint64 b_cols)
{
  gint64 n = ta ? a_cols : a_rows;
  gint64 k = ta ? a_rows : a_cols;
  gint64 m = tb ? b_rows : b_cols;
  double *c = g_new0 (double, MAX (n * m, 1));

  for (gint64 i = 0; i < n; i++)
    for (gint64 j = 0; j < m; j++)
      {
        double s = 0.0;
        for (gint64 p = 0; p < k; p++)
          {
            double av = ta ? a[p * a_cols + i] : a[i * a_cols + p];
            double bv = tb ? b[j * b_cols + p] : b[p * b_cols + j];
            s += av * bv;
          }
        c[i * m + j] = s;
      }
  return c;
}

/* ---- the formulas ------------------------------------------------------------ */

static double
sgn (double v)
{
  return v > 0 ? 1.0 : v < 0 ? -1.0 : 0.0;
}

static void
formula_apply (const CsAgNode *node,
               const double   *grad,
               double        **out)
{
  const CsGradRecord *rec = &node->rec;
  const CsAgShape *os = &node->out_shape;
  gsize n = _cs_ag_shape_numel (os);
  gboolean need0 = node->n_in > 0 && node->in_present[0];
  gboolean need1 = node->n_in > 1 && node->in_present[1];
  g_autofree double *tmp = NULL;
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  g_autofree double *r = NULL;

  switch (node->op)
    {
    case CS_GRAD_OP_ADD:
    case CS_GRAD_OP_SUB:
      if (need0)
        out[0] = reduce_to (grad, os, &node->in_shape[0]);
      if (need1)
        {
          tmp = g_memdup2 (grad, MAX (n, 1) * sizeof (double));
          if (node->op == CS_GRAD_OP_SUB)
            for (gsize k = 0; k < n; k++)
              tmp[k] = -tmp[k];
          out[1] = reduce_to (tmp, os, &node->in_shape[1]);
        }
      break;

    case CS_GRAD_OP_RSUB:
    case CS_GRAD_OP_NEG:
      tmp = g_new (double, MAX (n, 1));
      for (gsize k = 0; k < n; k++)
        tmp[k] = -grad[k];
      out[0] = reduce_to (tmp, os, &node->in_shape[0]);
      break;

    case CS_GRAD_OP_MUL:
    case CS_GRAD_OP_DIV:
      x = operand_at_out (node, node->self_, FALSE);
      y = operand_at_out (node, node->other, !need1);
      tmp = g_new (double, MAX (n, 1));
      if (need0)
        {
          for (gsize k = 0; k < n; k++)
            tmp[k] = node->op == CS_GRAD_OP_MUL ? grad[k] * y[k] : grad[k] / y[k];
          out[0] = reduce_to (tmp, os, &node->in_shape[0]);
        }
      if (need1)
        {
          for (gsize k = 0; k < n; k++)
            tmp[k] = node->op == CS_GRAD_OP_MUL ? grad[k] * x[k]
                                                : -grad[k] * x[k] / (y[k] * y[k]);
          out[1] = reduce_to (tmp, os, &node->in_shape[1]);
        }
      break;

    case CS_GRAD_OP_POW:
      tmp = g_new (double, MAX (n, 1));
      if (!node->rec.scalar_on_left && node->n_in == 1)
        {
          /* PowBackward0: grad * p * x ** (p - 1), 0 where p == 0. */
          double p = rec->scalar;
          x = operand_at_out (node, node->self_, FALSE);
          for (gsize k = 0; k < n; k++)
            tmp[k] = p == 0.0 ? 0.0 : grad[k] * p * pow (x[k], p - 1.0);
          out[0] = reduce_to (tmp, os, &node->in_shape[0]);
          break;
        }
      /* PowBackward1: base and exponent tensors (base may be a scalar). */
      x = operand_at_out (node, node->self_, TRUE);
      y = operand_at_out (node, node->other, FALSE);
      r = operand_at_out (node, node->result, FALSE);
      if (node->result == NULL)
        for (gsize k = 0; k < n; k++)
          r[k] = pow (x[k], y[k]);
      if (need0)
        {
          for (gsize k = 0; k < n; k++)
            tmp[k] = y[k] == 0.0 ? 0.0 : grad[k] * y[k] * pow (x[k], y[k] - 1.0);
          out[0] = reduce_to (tmp, os, &node->in_shape[0]);
        }
      if (need1)
        {
          for (gsize k = 0; k < n; k++)
            tmp[k] = (x[k] == 0.0 && y[k] >= 0.0) ? 0.0 : grad[k] * r[k] * log (x[k]);
          out[1] = reduce_to (tmp, os, &node->in_shape[1]);
        }
      break;

    case CS_GRAD_OP_EXP:
    case CS_GRAD_OP_SQRT:
    case CS_GRAD_OP_TANH:
    case CS_GRAD_OP_SIGMOID:
    case CS_GRAD_OP_RELU:
    case CS_GRAD_OP_RECIPROCAL:
      r = operand_at_out (node, node->result, FALSE);
      tmp = g_new (double, MAX (n, 1));
      for (gsize k = 0; k < n; k++)
        switch (node->op)
          {
          case CS_GRAD_OP_EXP: tmp[k] = grad[k] * r[k]; break;
          case CS_GRAD_OP_SQRT: tmp[k] = grad[k] / (2.0 * r[k]); break;
          case CS_GRAD_OP_TANH: tmp[k] = grad[k] * (1.0 - r[k] * r[k]); break;
          case CS_GRAD_OP_SIGMOID: tmp[k] = grad[k] * r[k] * (1.0 - r[k]); break;
          case CS_GRAD_OP_RELU: tmp[k] = r[k] > 0.0 ? grad[k] : 0.0; break;
          default: tmp[k] = -grad[k] * r[k] * r[k]; break;
          }
      out[0] = tmp;
      tmp = NULL;
      break;

    case CS_GRAD_OP_LOG:
    case CS_GRAD_OP_ABS:
    case CS_GRAD_OP_SIN:
    case CS_GRAD_OP_COS:
      x = operand_at_out (node, node->self_, FALSE);
      tmp = g_new (double, MAX (n, 1));
      for (gsize k = 0; k < n; k++)
        switch (node->op)
          {
          case CS_GRAD_OP_LOG: tmp[k] = grad[k] / x[k]; break;
          case CS_GRAD_OP_ABS: tmp[k] = grad[k] * sgn (x[k]); break;
          case CS_GRAD_OP_SIN: tmp[k] = grad[k] * cos (x[k]); break;
          default: tmp[k] = -grad[k] * sin (x[k]); break;
          }
      out[0] = tmp;
      tmp = NULL;
      break;

    case CS_GRAD_OP_SUM:
      out[0] = sum_backward (node, grad, 1.0);
      break;

    case CS_GRAD_OP_MEAN:
      {
        gsize count = 1;
        if (rec->n_dims == 0)
          count = _cs_ag_shape_numel (&node->in_shape[0]);
        else
          for (guint i = 0; i < rec->n_dims; i++)
            count *= (gsize) node->in_shape[0].shape[rec->dims[i]];
        out[0] = sum_backward (node, grad, count ? 1.0 / (double) count : 0.0);
      }
      break;

    case CS_GRAD_OP_CLONE:
    case CS_GRAD_OP_TO_COPY:
    case CS_GRAD_OP_VIEW:
    case CS_GRAD_OP_RESHAPE_ALIAS:
    case CS_GRAD_OP_UNSAFE_VIEW:
    case CS_GRAD_OP_UNSQUEEZE:
    case CS_GRAD_OP_SQUEEZE:
    case CS_GRAD_OP_ALIAS:
      /* Same elements in the same row-major order. */
      out[0] = g_memdup2 (grad, MAX (n, 1) * sizeof (double));
      break;

    case CS_GRAD_OP_EXPAND:
      out[0] = reduce_to (grad, os, &node->in_shape[0]);
      break;

    case CS_GRAD_OP_TRANSPOSE:
    case CS_GRAD_OP_T:
    case CS_GRAD_OP_PERMUTE:
    case CS_GRAD_OP_SELECT:
    case CS_GRAD_OP_SLICE:
    case CS_GRAD_OP_NARROW:
      out[0] = view_backward (node, grad);
      break;

    case CS_GRAD_OP_MM:
    case CS_GRAD_OP_MATMUL:
      {
        /* self (n x k) @ mat2 (k x m) = out (n x m). */
        gint64 rn, kk, m;
        if (node->in_shape[0].ndim != 2 || node->in_shape[1].ndim != 2)
          break;
        rn = node->in_shape[0].shape[0];
        kk = node->in_shape[0].shape[1];
        m = node->in_shape[1].shape[1];
        if (need0 && node->other)
          out[0] = matmul (grad, FALSE, rn, m, node->other->values, TRUE, kk, m);
        if (need1 && node->self_)
          out[1] = matmul (node->self_->values, TRUE, rn, kk, grad, FALSE, rn, m);
      }
      break;

    case CS_GRAD_OP_MV:
      {
        /* self (n x k) @ vec (k) = out (n). */
        gint64 rn, kk;
        if (node->in_shape[0].ndim != 2 || node->in_shape[1].ndim != 1)
          break;
        rn = node->in_shape[0].shape[0];
        kk = node->in_shape[0].shape[1];
        if (need0 && node->other)
          out[0] = matmul (grad, FALSE, rn, 1, node->other->values, FALSE, 1, kk);
        if (need1 && node->self_)
          out[1] = matmul (node->self_->values, TRUE, rn, kk, grad, FALSE, rn, 1);
      }
      break;

    case CS_GRAD_OP_DOT:
      {
        gsize k = _cs_ag_shape_numel (&node->in_shape[0]);
        if (need0 && node->other)
          {
            out[0] = g_new (double, MAX (k, 1));
            for (gsize i = 0; i < k; i++)
              out[0][i] = grad[0] * node->other->values[i];
          }
        if (need1 && node->self_)
          {
            out[1] = g_new (double, MAX (k, 1));
            for (gsize i = 0; i < k; i++)
              out[1][i] = grad[0] * node->self_->values[i];
          }
      }
      break;

    case CS_GRAD_OP_MAX:
    case CS_GRAD_OP_MIN:
      {
        /* evenly_distribute_backward: split among the positions equal to the result. */
        gsize k = _cs_ag_shape_numel (&node->in_shape[0]);
        gsize count = 0;
        double best = node->result ? node->result->values[0] : 0.0;
        out[0] = g_new0 (double, MAX (k, 1));
        if (node->self_ == NULL)
          break;
        for (gsize i = 0; i < k; i++)
          if (node->self_->values[i] == best || (isnan (best) && isnan (node->self_->values[i])))
            count++;
        for (gsize i = 0; i < k; i++)
          if (node->self_->values[i] == best || (isnan (best) && isnan (node->self_->values[i])))
            out[0][i] = grad[0] / (double) count;
      }
      break;

    case CS_GRAD_OP_MAX_DIM:
    case CS_GRAD_OP_MIN_DIM:
      {
        /* value_selecting_reduction_backward: the gradient goes to the
         * (first) selected element along dim. */
        const CsAgShape *is = &node->in_shape[0];
        gsize in_n = _cs_ag_shape_numel (is);
        gint64 d = rec->dim, outer = 1, len, inner = 1;
        gboolean is_max = node->op == CS_GRAD_OP_MAX_DIM;
        if (node->self_ == NULL || d < 0 || (guint) d >= MAX (is->ndim, 1))
          break;
        len = is->ndim ? is->shape[d] : 1;
        for (gint64 j = 0; j < d; j++)
          outer *= is->shape[j];
        for (guint j = (guint) d + 1; j < is->ndim; j++)
          inner *= is->shape[j];
        out[0] = g_new0 (double, MAX (in_n, 1));
        for (gint64 o = 0; o < outer; o++)
          for (gint64 i = 0; i < inner; i++)
            {
              gint64 best = 0;
              double bv = node->self_->values[(o * len) * inner + i];
              for (gint64 k = 1; k < len && !isnan (bv); k++)
                {
                  double v = node->self_->values[(o * len + k) * inner + i];
                  if (isnan (v) || (is_max ? v > bv : v < bv))
                    {
                      best = k;
                      bv = v;
                    }
                }
              out[0][(o * len + best) * inner + i] += grad[o * inner + i];
            }
      }
      break;

    case CS_GRAD_OP_MAXIMUM:
    case CS_GRAD_OP_MINIMUM:
      {
        /* where (self == other, grad / 2, grad) masked to the winning side. */
        gboolean is_max = node->op == CS_GRAD_OP_MAXIMUM;
        x = operand_at_out (node, node->self_, FALSE);
        y = operand_at_out (node, node->other, FALSE);
        tmp = g_new (double, MAX (n, 1));
        if (need0)
          {
            for (gsize k = 0; k < n; k++)
              tmp[k] = x[k] == y[k] ? grad[k] / 2 : ((is_max ? x[k] > y[k] : x[k] < y[k]) ? grad[k] : 0.0);
            out[0] = reduce_to (tmp, os, &node->in_shape[0]);
          }
        if (need1)
          {
            for (gsize k = 0; k < n; k++)
              tmp[k] = x[k] == y[k] ? grad[k] / 2 : ((is_max ? y[k] > x[k] : y[k] < x[k]) ? grad[k] : 0.0);
            out[1] = reduce_to (tmp, os, &node->in_shape[1]);
          }
      }
      break;

    case CS_GRAD_OP_CAT:
    case CS_GRAD_OP_STACK:
      {
        /* Split along dim: each input takes its part of the output. */
        gint64 dim = rec->dim;
        gint64 outer = 1, inner = 1, pos = 0;
        gint64 out_dim = os->shape[dim];
        for (gint64 d = 0; d < dim; d++)
          outer *= os->shape[d];
        for (guint d = (guint) dim + 1; d < os->ndim; d++)
          inner *= os->shape[d];
        for (guint i = 0; i < node->n_in; i++)
          {
            gint64 len = node->op == CS_GRAD_OP_STACK ? 1 : node->in_shape[i].shape[dim];
            gsize in_n = _cs_ag_shape_numel (&node->in_shape[i]);
            if (node->in_present[i])
              {
                out[i] = g_new0 (double, MAX (in_n, 1));
                for (gint64 o = 0; o < outer; o++)
                  for (gint64 l = 0; l < len; l++)
                    memcpy (out[i] + (o * len + l) * inner,
                            grad + (o * out_dim + pos + l) * inner,
                            (gsize) inner * sizeof (double));
              }
            pos += len;
          }
      }
      break;

    case CS_GRAD_OP_FILL:
    case CS_GRAD_OP_ZERO:
      if (need0)
        out[0] = g_new0 (double, MAX (n, 1));
      break;

    case CS_GRAD_OP_COPY:
      if (need0)
        out[0] = g_new0 (double, MAX (n, 1));
      if (need1)
        out[1] = reduce_to (grad, os, &node->in_shape[1]);
      break;

    case CS_GRAD_OP_N_OPS:
    default:
      break;
    }
}

static double *
as_strided_backward (const CsAgNode *node,
                     const double   *grad)
{
  gsize vn, bn;
  g_autofree gint64 *map = view_to_base_index (&node->base_geom, &node->view_geom, &vn);
  CsAgShape bshape;
  double *res;

  bshape.ndim = node->base_geom.ndim;
  memcpy (bshape.shape, node->base_geom.shape, sizeof bshape.shape);
  bn = _cs_ag_shape_numel (&bshape);
  res = g_new0 (double, MAX (bn, 1));
  for (gsize k = 0; k < vn; k++)
    if (map[k] >= 0)
      res[map[k]] += grad[k];
  return res;
}

/* CopySlices (torch/csrc/autograd/functions/tensor.cpp): the base's gradient
 * with the view's region replaced by fn's gradient for the view's old
 * values; fn's other inputs get fn's other gradients. */
static void
copy_slices_apply (const CsAgNode *node,
                   const double   *grad,
                   double        **out)
{
  const CsAgNode *fn = node->fn;
  gsize vn, bn;
  g_autofree gint64 *map = view_to_base_index (&node->base_geom, &node->view_geom, &vn);
  g_autofree double *slice = g_new0 (double, MAX (vn, 1));
  double **fn_out = g_new0 (double *, MAX (fn->n_in, 1));
  double *result;

  bn = _cs_ag_shape_numel (&node->out_shape);
  result = g_memdup2 (grad, MAX (bn, 1) * sizeof (double));
  for (gsize k = 0; k < vn; k++)
    slice[k] = map[k] >= 0 ? grad[map[k]] : 0.0;
  _cs_ag_node_apply ((CsAgNode *) fn, slice, fn_out);
  for (gsize k = 0; k < vn; k++)
    if (map[k] >= 0)
      result[map[k]] = fn_out[0] ? fn_out[0][k] : 0.0;
  out[0] = result;
  for (guint i = 1; i < fn->n_in; i++)
    out[i] = fn_out[i];
  g_free (fn_out[0]);
  g_free (fn_out);
}

void
_cs_ag_node_apply (CsAgNode      *node,
                   const double  *grad,
                   double       **out)
{
  switch (node->kind)
    {
    case CS_AG_NODE_FORMULA:
      formula_apply (node, grad, out);
      break;
    case CS_AG_NODE_AS_STRIDED:
      out[0] = as_strided_backward (node, grad);
      break;
    case CS_AG_NODE_COPY_SLICES:
      copy_slices_apply (node, grad, out);
      break;
    case CS_AG_NODE_ACCUMULATE:
    default:
      break;
    }
}
