/* test-autograd.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Engine III unit tests.  Every differentiable op is recorded through
 * cs_autograd_record () the way the tensor model records it, then
 * backward (gradient) is run with a fixed upstream gradient g and each
 * leaf's .grad is compared with central finite differences of
 * L = sum (g * f (x)), where f is evaluated by this file's own forward
 * code (views are evaluated through real strided views of the tensor
 * model).  Node names and next_functions are the ones PyTorch 1.13
 * printed for the same expressions; error texts are PyTorch's.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-array.h"
#include "cs-autograd.h"
#include "cs-autograd-private.h"
#include "cs-interp.h"
#include "cs-runtime.h"

#define MAXN 64

typedef struct
{
  guint  ndim;
  gint64 shape[4];
  double v[MAXN];
} Arr;

static gsize
arr_numel (const Arr *a)
{
  gsize n = 1;
  for (guint i = 0; i < a->ndim; i++)
    n *= (gsize) a->shape[i];
  return n;
}

static CsObject *
tensor_of (CsInterp  *interp,
           const Arr *a,
           gboolean   requires_grad)
{
  CsObject *t = cs_tensor_new_from_doubles (interp, CS_DTYPE_FLOAT64, a->ndim, a->shape, a->v);
  g_assert_nonnull (t);
  t->array.ag.requires_grad = requires_grad;
  t->array.ag.is_leaf = TRUE;
  return t;
}

static void
arr_of (CsObject *t,
        Arr      *a)
{
  gsize n = 0;
  g_autofree double *v = cs_array_dup_doubles (t, &n);

  g_assert_cmpuint (n, <=, MAXN);
  memset (a, 0, sizeof *a);
  a->ndim = t->array.view.ndim;
  for (guint i = 0; i < a->ndim; i++)
    a->shape[i] = t->array.view.shape[i];
  memcpy (a->v, v, n * sizeof (double));
}

/* ---- a forward evaluator for the test cases ------------------------------- */

typedef enum
{
  F_ADD, F_SUB, F_MUL, F_DIV, F_RSUB, F_RDIV, F_NEG, F_POW_S, F_POW_T, F_RPOW,
  F_EXP, F_LOG, F_ABS, F_SQRT, F_SIN, F_COS, F_TANH, F_SIGMOID, F_RELU, F_RECIP,
  F_SUM, F_SUM_DIM, F_MEAN, F_MEAN_DIM, F_CLONE, F_TO_COPY,
  F_T, F_TRANSPOSE, F_PERMUTE, F_VIEW, F_UNSQUEEZE, F_SQUEEZE, F_SELECT, F_SLICE, F_EXPAND, F_ALIAS,
  F_MM, F_MV, F_DOT, F_MAX, F_MIN, F_CAT, F_STACK, F_MAXIMUM, F_MINIMUM, F_VM, F_MAX_DIM,
} Fop;

typedef struct
{
  const char *label;
  Fop         f;
  Arr         a;
  Arr         b;          /* second operand (ndim 0 + numel 1 = 0-d) */
  gboolean    has_b;
  double      scalar;
  gint64      p[4];       /* op parameters */
  const char *name;       /* PyTorch 1.13's node name */
} Case;

static double
bget (const Arr *a,
      const gint64 *idx,
      guint          out_ndim)
{
  /* a broadcast to an output of out_ndim dims at idx */
  gint64 pos = 0, stride = 1;
  guint lead = out_ndim - a->ndim;
  for (guint d = a->ndim; d > 0; d--)
    {
      gint64 i = a->shape[d - 1] == 1 ? 0 : idx[d - 1 + lead];
      pos += i * stride;
      stride *= a->shape[d - 1];
    }
  return a->v[pos];
}

static gboolean
next_idx (gint64 *idx, const Arr *o)
{
  for (guint d = o->ndim; d > 0; d--)
    {
      if (++idx[d - 1] < o->shape[d - 1])
        return TRUE;
      idx[d - 1] = 0;
    }
  return FALSE;
}

static void
broadcast_shape (const Arr *a, const Arr *b, Arr *o)
{
  guint n = MAX (a->ndim, b->ndim);
  memset (o, 0, sizeof *o);
  o->ndim = n;
  for (guint d = 0; d < n; d++)
    {
      gint64 sa = d + a->ndim >= n ? a->shape[d + a->ndim - n] : 1;
      gint64 sb = d + b->ndim >= n ? b->shape[d + b->ndim - n] : 1;
      o->shape[d] = MAX (sa, sb);
    }
}

/* A view of @a (values) made through the tensor model's strided views. */
static void
view_forward (CsInterp *interp, const Case *c, const Arr *a, Arr *o)
{
  CsObject *t = tensor_of (interp, a, FALSE);
  gint64 shape[4], strides[4];
  gint64 *ts = t->array.view.strides;
  guint nd = a->ndim, ond = 0;
  gsize off = 0;
  CsObject *v;

  switch (c->f)
    {
    case F_T:
    case F_TRANSPOSE:
      {
        gint64 d0 = c->f == F_T ? 0 : c->p[0], d1 = c->f == F_T ? 1 : c->p[1];
        ond = nd;
        for (guint d = 0; d < nd; d++)
          {
            shape[d] = a->shape[d];
            strides[d] = ts[d];
          }
        shape[d0] = a->shape[d1]; strides[d0] = ts[d1];
        shape[d1] = a->shape[d0]; strides[d1] = ts[d0];
      }
      break;
    case F_PERMUTE:
      ond = nd;
      for (guint d = 0; d < nd; d++)
        {
          shape[d] = a->shape[c->p[d]];
          strides[d] = ts[c->p[d]];
        }
      break;
    case F_SELECT:
      for (guint d = 0; d < nd; d++)
        if ((gint64) d != c->p[0])
          {
            shape[ond] = a->shape[d];
            strides[ond++] = ts[d];
          }
      off = (gsize) (c->p[1] * ts[c->p[0]]);
      break;
    case F_SLICE:
      /* dim p0, start p1, length p2, step p3 */
      ond = nd;
      for (guint d = 0; d < nd; d++)
        {
          shape[d] = a->shape[d];
          strides[d] = ts[d];
        }
      shape[c->p[0]] = c->p[2];
      strides[c->p[0]] = ts[c->p[0]] * c->p[3];
      off = (gsize) (c->p[1] * ts[c->p[0]]);
      break;
    case F_EXPAND:
      /* expand a 1-d tensor to (p0, n) */
      ond = 2;
      shape[0] = c->p[0]; strides[0] = 0;
      shape[1] = a->shape[0]; strides[1] = ts[0];
      break;
    default:
      g_assert_not_reached ();
    }
  v = cs_tensor_new_view (interp, t, ond, shape, strides, off);
  arr_of (v, o);
}

static void
forward (CsInterp *interp, const Case *c, const Arr *a, const Arr *b, Arr *o)
{
  gint64 idx[4] = { 0 };
  gsize n;

  memset (o, 0, sizeof *o);
  switch (c->f)
    {
    case F_ADD: case F_SUB: case F_MUL: case F_DIV: case F_POW_T: case F_MAXIMUM: case F_MINIMUM:
      if (c->has_b)
        broadcast_shape (a, b, o);
      else
        *o = *a;
      n = arr_numel (o);
      for (gsize k = 0; k < n; k++)
        {
          double x = bget (a, idx, o->ndim);
          double y = c->has_b ? bget (b, idx, o->ndim) : c->scalar;
          o->v[k] = c->f == F_ADD ? x + y : c->f == F_SUB ? x - y : c->f == F_MUL ? x * y
                    : c->f == F_DIV ? x / y : c->f == F_MAXIMUM ? MAX (x, y)
                    : c->f == F_MINIMUM ? MIN (x, y) : pow (x, y);
          next_idx (idx, o);
        }
      return;
    default:
      break;
    }
  if (c->f >= F_RSUB && c->f <= F_RECIP)
    {
      *o = *a;
      n = arr_numel (a);
      for (gsize k = 0; k < n; k++)
        {
          double x = a->v[k], s = c->scalar;
          switch (c->f)
            {
            case F_RSUB: o->v[k] = s - x; break;
            case F_RDIV: o->v[k] = s / x; break;
            case F_NEG: o->v[k] = -x; break;
            case F_POW_S: o->v[k] = pow (x, s); break;
            case F_RPOW: o->v[k] = pow (s, x); break;
            case F_EXP: o->v[k] = exp (x); break;
            case F_LOG: o->v[k] = log (x); break;
            case F_ABS: o->v[k] = fabs (x); break;
            case F_SQRT: o->v[k] = sqrt (x); break;
            case F_SIN: o->v[k] = sin (x); break;
            case F_COS: o->v[k] = cos (x); break;
            case F_TANH: o->v[k] = tanh (x); break;
            case F_SIGMOID: o->v[k] = 1.0 / (1.0 + exp (-x)); break;
            case F_RELU: o->v[k] = x > 0 ? x : 0; break;
            case F_RECIP: o->v[k] = 1.0 / x; break;
            default: g_assert_not_reached ();
            }
        }
      return;
    }
  switch (c->f)
    {
    case F_SUM: case F_MEAN: case F_MAX: case F_MIN:
      n = arr_numel (a);
      o->ndim = 0;
      o->v[0] = c->f == F_MAX ? -INFINITY : c->f == F_MIN ? INFINITY : 0.0;
      for (gsize k = 0; k < n; k++)
        o->v[0] = c->f == F_MAX ? MAX (o->v[0], a->v[k]) : c->f == F_MIN ? MIN (o->v[0], a->v[k])
                  : o->v[0] + a->v[k];
      if (c->f == F_MEAN)
        o->v[0] /= (double) n;
      return;
    case F_MAX_DIM:
      {
        /* 2-d input, max over dim p0 (keepdim p1) */
        gint64 d = c->p[0], r = a->shape[0], q = a->shape[1];
        o->ndim = c->p[1] ? 2 : 1;
        if (c->p[1])
          {
            o->shape[0] = d == 0 ? 1 : r;
            o->shape[1] = d == 0 ? q : 1;
          }
        else
          o->shape[0] = d == 0 ? q : r;
        for (gint64 k = 0; k < (d == 0 ? q : r); k++)
          o->v[k] = -INFINITY;
        for (gint64 i = 0; i < r; i++)
          for (gint64 j = 0; j < q; j++)
            o->v[d == 0 ? j : i] = MAX (o->v[d == 0 ? j : i], a->v[i * q + j]);
      }
      return;
    case F_SUM_DIM: case F_MEAN_DIM:
      {
        /* 2-d input, reduce dim p0, keepdim p1 */
        gint64 d = c->p[0];
        gint64 r = a->shape[0], q = a->shape[1];
        if (c->p[1])
          {
            o->ndim = 2;
            o->shape[0] = d == 0 ? 1 : r;
            o->shape[1] = d == 0 ? q : 1;
          }
        else
          {
            o->ndim = 1;
            o->shape[0] = d == 0 ? q : r;
          }
        for (gint64 i = 0; i < r; i++)
          for (gint64 j = 0; j < q; j++)
            o->v[d == 0 ? j : i] += a->v[i * q + j] / (c->f == F_MEAN_DIM ? (double) a->shape[d] : 1.0);
      }
      return;
    case F_CLONE: case F_TO_COPY: case F_ALIAS:
      *o = *a;
      return;
    case F_VIEW:
      *o = *a;
      o->ndim = 2;
      o->shape[0] = c->p[0];
      o->shape[1] = c->p[1];
      return;
    case F_UNSQUEEZE:
      *o = *a;
      o->ndim = a->ndim + 1;
      for (guint d = o->ndim - 1; d > (guint) c->p[0]; d--)
        o->shape[d] = a->shape[d - 1];
      o->shape[c->p[0]] = 1;
      return;
    case F_SQUEEZE:
      *o = *a;
      o->ndim = 0;
      for (guint d = 0; d < a->ndim; d++)
        if (a->shape[d] != 1)
          o->shape[o->ndim++] = a->shape[d];
      return;
    case F_T: case F_TRANSPOSE: case F_PERMUTE: case F_SELECT: case F_SLICE: case F_EXPAND:
      view_forward (interp, c, a, o);
      return;
    case F_MM:
      o->ndim = 2;
      o->shape[0] = a->shape[0];
      o->shape[1] = b->shape[1];
      for (gint64 i = 0; i < a->shape[0]; i++)
        for (gint64 j = 0; j < b->shape[1]; j++)
          for (gint64 k = 0; k < a->shape[1]; k++)
            o->v[i * b->shape[1] + j] += a->v[i * a->shape[1] + k] * b->v[k * b->shape[1] + j];
      return;
    case F_MV:
      o->ndim = 1;
      o->shape[0] = a->shape[0];
      for (gint64 i = 0; i < a->shape[0]; i++)
        for (gint64 k = 0; k < a->shape[1]; k++)
          o->v[i] += a->v[i * a->shape[1] + k] * b->v[k];
      return;
    case F_VM:
      o->ndim = 1;
      o->shape[0] = b->shape[1];
      for (gint64 j = 0; j < b->shape[1]; j++)
        for (gint64 k = 0; k < a->shape[0]; k++)
          o->v[j] += a->v[k] * b->v[k * b->shape[1] + j];
      return;
    case F_DOT:
      o->ndim = 0;
      for (gint64 k = 0; k < a->shape[0]; k++)
        o->v[0] += a->v[k] * b->v[k];
      return;
    case F_CAT:
      /* two 2-d along dim p0 */
      if (c->p[0] == 0)
        {
          o->ndim = 2;
          o->shape[0] = a->shape[0] + b->shape[0];
          o->shape[1] = a->shape[1];
          memcpy (o->v, a->v, arr_numel (a) * sizeof (double));
          memcpy (o->v + arr_numel (a), b->v, arr_numel (b) * sizeof (double));
        }
      else
        {
          gint64 q = a->shape[1] + b->shape[1];
          o->ndim = 2;
          o->shape[0] = a->shape[0];
          o->shape[1] = q;
          for (gint64 i = 0; i < a->shape[0]; i++)
            {
              for (gint64 j = 0; j < a->shape[1]; j++)
                o->v[i * q + j] = a->v[i * a->shape[1] + j];
              for (gint64 j = 0; j < b->shape[1]; j++)
                o->v[i * q + a->shape[1] + j] = b->v[i * b->shape[1] + j];
            }
        }
      return;
    case F_STACK:
      /* two 1-d along dim p0 */
      o->ndim = 2;
      if (c->p[0] == 0)
        {
          o->shape[0] = 2;
          o->shape[1] = a->shape[0];
          memcpy (o->v, a->v, arr_numel (a) * sizeof (double));
          memcpy (o->v + arr_numel (a), b->v, arr_numel (b) * sizeof (double));
        }
      else
        {
          o->shape[0] = a->shape[0];
          o->shape[1] = 2;
          for (gint64 i = 0; i < a->shape[0]; i++)
            {
              o->v[2 * i] = a->v[i];
              o->v[2 * i + 1] = b->v[i];
            }
        }
      return;
    default:
      g_assert_not_reached ();
    }
}

/* ---- recording a case the way the tensor model does ---------------------- */

static CsObject *
record_case (CsInterp *interp, const Case *c, CsObject *ta, CsObject *tb)
{
  Arr o;
  Arr a, b;
  CsObject *out;
  CsGradRecord rec;
  CsObject *inputs[2] = { ta, tb };

  memset (&rec, 0, sizeof rec);
  arr_of (ta, &a);
  if (tb)
    arr_of (tb, &b);
  forward (interp, c, &a, tb ? &b : NULL, &o);
  rec.inputs = inputs;
  rec.n_inputs = tb ? 2 : 1;
  rec.scalar = c->scalar;

  /* Views share the input's storage; the rest are fresh tensors. */
  switch (c->f)
    {
    case F_T: case F_TRANSPOSE: case F_PERMUTE: case F_SELECT: case F_SLICE: case F_EXPAND:
    case F_VIEW: case F_UNSQUEEZE: case F_SQUEEZE: case F_ALIAS:
      {
        gint64 strides[4], s = 1;
        gsize off = 0;
        gint64 *ts = ta->array.view.strides;
        for (guint d = o.ndim; d > 0; d--)
          {
            strides[d - 1] = s;
            s *= o.shape[d - 1];
          }
        if (c->f == F_T || c->f == F_TRANSPOSE)
          {
            gint64 d0 = c->f == F_T ? 0 : c->p[0], d1 = c->f == F_T ? 1 : c->p[1];
            memcpy (strides, ts, ta->array.view.ndim * sizeof (gint64));
            strides[d0] = ts[d1];
            strides[d1] = ts[d0];
          }
        else if (c->f == F_PERMUTE)
          for (guint d = 0; d < o.ndim; d++)
            strides[d] = ts[c->p[d]];
        else if (c->f == F_SELECT)
          {
            guint j = 0;
            for (guint d = 0; d < ta->array.view.ndim; d++)
              if ((gint64) d != c->p[0])
                strides[j++] = ts[d];
            off = (gsize) (c->p[1] * ts[c->p[0]]);
          }
        else if (c->f == F_SLICE)
          {
            memcpy (strides, ts, ta->array.view.ndim * sizeof (gint64));
            strides[c->p[0]] = ts[c->p[0]] * c->p[3];
            off = (gsize) (c->p[1] * ts[c->p[0]]);
          }
        else if (c->f == F_EXPAND)
          {
            strides[0] = 0;
            strides[1] = ts[0];
          }
        out = cs_tensor_new_view (interp, ta, o.ndim, o.shape, strides, off + ta->array.view.offset);
      }
      break;
    default:
      out = cs_tensor_new_from_doubles (interp, CS_DTYPE_FLOAT64, o.ndim, o.shape, o.v);
      break;
    }

  switch (c->f)
    {
    case F_ADD: rec.op = CS_GRAD_OP_ADD; break;
    case F_SUB: rec.op = CS_GRAD_OP_SUB; break;
    case F_MUL: rec.op = CS_GRAD_OP_MUL; break;
    case F_DIV: rec.op = CS_GRAD_OP_DIV; break;
    case F_RSUB: rec.op = CS_GRAD_OP_SUB; rec.scalar_on_left = TRUE; break;
    case F_RDIV: rec.op = CS_GRAD_OP_DIV; rec.scalar_on_left = TRUE; break;
    case F_NEG: rec.op = CS_GRAD_OP_NEG; break;
    case F_POW_S: rec.op = CS_GRAD_OP_POW; break;
    case F_POW_T: rec.op = CS_GRAD_OP_POW; break;
    case F_RPOW: rec.op = CS_GRAD_OP_POW; rec.scalar_on_left = TRUE; break;
    case F_EXP: rec.op = CS_GRAD_OP_EXP; break;
    case F_LOG: rec.op = CS_GRAD_OP_LOG; break;
    case F_ABS: rec.op = CS_GRAD_OP_ABS; break;
    case F_SQRT: rec.op = CS_GRAD_OP_SQRT; break;
    case F_SIN: rec.op = CS_GRAD_OP_SIN; break;
    case F_COS: rec.op = CS_GRAD_OP_COS; break;
    case F_TANH: rec.op = CS_GRAD_OP_TANH; break;
    case F_SIGMOID: rec.op = CS_GRAD_OP_SIGMOID; break;
    case F_RELU: rec.op = CS_GRAD_OP_RELU; break;
    case F_RECIP: rec.op = CS_GRAD_OP_RECIPROCAL; break;
    case F_SUM: rec.op = CS_GRAD_OP_SUM; break;
    case F_MEAN: rec.op = CS_GRAD_OP_MEAN; break;
    case F_SUM_DIM: case F_MEAN_DIM:
      rec.op = c->f == F_SUM_DIM ? CS_GRAD_OP_SUM : CS_GRAD_OP_MEAN;
      rec.n_dims = 1;
      rec.dims[0] = c->p[0];
      rec.keepdim = c->p[1] != 0;
      break;
    case F_CLONE: rec.op = CS_GRAD_OP_CLONE; break;
    case F_TO_COPY: rec.op = CS_GRAD_OP_TO_COPY; break;
    case F_ALIAS: rec.op = CS_GRAD_OP_ALIAS; break;
    case F_T: rec.op = CS_GRAD_OP_T; break;
    case F_TRANSPOSE: rec.op = CS_GRAD_OP_TRANSPOSE; rec.dim = c->p[0]; rec.dim1 = c->p[1]; break;
    case F_PERMUTE:
      rec.op = CS_GRAD_OP_PERMUTE;
      rec.n_dims = ta->array.view.ndim;
      memcpy (rec.dims, c->p, rec.n_dims * sizeof (gint64));
      break;
    case F_VIEW: rec.op = CS_GRAD_OP_VIEW; break;
    case F_UNSQUEEZE: rec.op = CS_GRAD_OP_UNSQUEEZE; rec.dim = c->p[0]; break;
    case F_SQUEEZE: rec.op = CS_GRAD_OP_SQUEEZE; break;
    case F_SELECT: rec.op = CS_GRAD_OP_SELECT; rec.dim = c->p[0]; rec.index = c->p[1]; break;
    case F_SLICE:
      rec.op = CS_GRAD_OP_SLICE; rec.dim = c->p[0]; rec.start = c->p[1];
      rec.length = c->p[2]; rec.step = c->p[3];
      break;
    case F_EXPAND: rec.op = CS_GRAD_OP_EXPAND; break;
    case F_MM: rec.op = CS_GRAD_OP_MM; break;
    case F_MV: rec.op = CS_GRAD_OP_MV; break;
    case F_DOT: rec.op = CS_GRAD_OP_DOT; break;
    case F_MAX: rec.op = CS_GRAD_OP_MAX; break;
    case F_MIN: rec.op = CS_GRAD_OP_MIN; break;
    case F_CAT: rec.op = CS_GRAD_OP_CAT; rec.dim = c->p[0]; break;
    case F_STACK: rec.op = CS_GRAD_OP_STACK; rec.dim = c->p[0]; break;
    case F_MAXIMUM: rec.op = CS_GRAD_OP_MAXIMUM; break;
    case F_VM: rec.op = CS_GRAD_OP_MATMUL; break;
    case F_MAX_DIM: rec.op = CS_GRAD_OP_MAX_DIM; rec.dim = c->p[0]; rec.keepdim = c->p[1] != 0; break;
    case F_MINIMUM: rec.op = CS_GRAD_OP_MIN; break;   /* as the tensor model records it */
    default: g_assert_not_reached ();
    }
  if (tb == NULL && (rec.op == CS_GRAD_OP_ADD || rec.op == CS_GRAD_OP_SUB
                     || rec.op == CS_GRAD_OP_MUL || rec.op == CS_GRAD_OP_DIV
                     || rec.op == CS_GRAD_OP_POW))
    {
      /* A Python scalar operand: on the left for 2 - x, 2 / x, 2 ** x. */
      if (rec.scalar_on_left)
        {
          inputs[0] = NULL;
          inputs[1] = ta;
        }
      rec.n_inputs = 2;
    }
  cs_autograd_record (interp, out, &rec);
  return out;
}

static double
loss (CsInterp *interp, const Case *c, const Arr *a, const Arr *b, const Arr *g)
{
  Arr o;
  double s = 0;
  forward (interp, c, a, c->has_b ? b : NULL, &o);
  for (gsize k = 0; k < arr_numel (&o); k++)
    s += g->v[k] * o.v[k];
  return s;
}

static void
check_fd (CsInterp *interp, const Case *c, const Arr *x, gboolean is_b, CsObject *grad)
{
  Arr ga, a = c->a, b = c->b;
  const double h = 1e-6;
  Arr o, g;

  forward (interp, c, &c->a, c->has_b ? &c->b : NULL, &o);
  g = o;
  for (gsize k = 0; k < arr_numel (&o); k++)
    g.v[k] = 0.5 + 0.25 * (double) k;

  g_assert_nonnull (grad);
  arr_of (grad, &ga);
  g_assert_cmpuint (ga.ndim, ==, x->ndim);
  for (gsize k = 0; k < arr_numel (x); k++)
    {
      Arr *p = is_b ? &b : &a;
      double save = p->v[k], lp, lm, fd;
      p->v[k] = save + h;
      lp = loss (interp, c, &a, &b, &g);
      p->v[k] = save - h;
      lm = loss (interp, c, &a, &b, &g);
      p->v[k] = save;
      fd = (lp - lm) / (2 * h);
      if (fabs (fd - ga.v[k]) > 1e-5 * MAX (1.0, fabs (fd)))
        g_error ("%s: d/d%s[%" G_GSIZE_FORMAT "] analytic %.10g, finite differences %.10g",
                 c->label, is_b ? "b" : "a", k, ga.v[k], fd);
    }
}

static void
run_case (const Case *c)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *ta = tensor_of (interp, &c->a, TRUE);
  CsObject *tb = c->has_b ? tensor_of (interp, &c->b, TRUE) : NULL;
  CsObject *out = record_case (interp, c, ta, tb);
  CsObject *gt;
  Arr o, g;

  g_assert_true (out->array.ag.requires_grad);
  g_assert_false (out->array.ag.is_leaf);
  g_assert_nonnull (out->array.ag.grad_fn);
  if (c->name)
    g_assert_cmpstr (out->array.ag.grad_fn->grad_fn.name, ==, c->name);

  arr_of (out, &o);
  g = o;
  for (gsize k = 0; k < arr_numel (&o); k++)
    g.v[k] = 0.5 + 0.25 * (double) k;
  gt = cs_tensor_new_from_doubles (interp, CS_DTYPE_FLOAT64, g.ndim, g.shape, g.v);
  g_assert_true (cs_autograd_backward (interp, out, gt, FALSE));
  g_assert_false (cs_interp_has_error (interp));
  check_fd (interp, c, &c->a, FALSE, ta->array.ag.grad);
  if (tb)
    check_fd (interp, c, &c->b, TRUE, tb->array.ag.grad);
}

#define A1(...) { 1, { G_N_ELEMENTS (((double[]) { __VA_ARGS__ })) }, { __VA_ARGS__ } }
#define A2(r, q, ...) { 2, { r, q }, { __VA_ARGS__ } }
#define A3(r, q, s, ...) { 3, { r, q, s }, { __VA_ARGS__ } }

static const Case cases[] = {
  { "x + y", F_ADD, A1 (1, 2, 3), A1 (0.5, -1, 2), TRUE, 0, { 0 }, "AddBackward0" },
  { "m + row (broadcast)", F_ADD, A2 (2, 3, 1, 2, 3, 4, 5, 6), A1 (1, 2, 3), TRUE, 0, { 0 }, "AddBackward0" },
  { "x + 2", F_ADD, A1 (1, 2, 3), { 0 }, FALSE, 2, { 0 }, "AddBackward0" },
  { "x - y", F_SUB, A1 (1, 2, 3), A1 (0.5, -1, 2), TRUE, 0, { 0 }, "SubBackward0" },
  { "col - m", F_SUB, A2 (2, 1, 1, 2), A2 (2, 3, 1, 2, 3, 4, 5, 6), TRUE, 0, { 0 }, "SubBackward0" },
  { "2 - x", F_RSUB, A1 (1, 2, 3), { 0 }, FALSE, 2, { 0 }, "RsubBackward1" },
  { "x * y", F_MUL, A1 (1, 2, 3), A1 (0.5, -1, 2), TRUE, 0, { 0 }, "MulBackward0" },
  { "m * col", F_MUL, A2 (2, 3, 1, 2, 3, 4, 5, 6), A2 (2, 1, 3, -2), TRUE, 0, { 0 }, "MulBackward0" },
  { "x * 2", F_MUL, A1 (1, 2, 3), { 0 }, FALSE, 2, { 0 }, "MulBackward0" },
  { "x / y", F_DIV, A1 (1, 2, 3), A1 (0.5, -1, 2), TRUE, 0, { 0 }, "DivBackward0" },
  { "x / 2", F_DIV, A1 (1, 2, 3), { 0 }, FALSE, 2, { 0 }, "DivBackward0" },
  { "2 / x", F_RDIV, A1 (1, 2, 3), { 0 }, FALSE, 2, { 0 }, "MulBackward0" },
  { "-x", F_NEG, A1 (1, -2, 3), { 0 }, FALSE, 0, { 0 }, "NegBackward0" },
  { "x ** 2", F_POW_S, A1 (1, -2, 3), { 0 }, FALSE, 2, { 0 }, "PowBackward0" },
  { "x ** 0.5", F_POW_S, A1 (1, 2, 3), { 0 }, FALSE, 0.5, { 0 }, "PowBackward0" },
  { "x ** y", F_POW_T, A1 (1, 2, 3), A1 (2, 0.5, -1), TRUE, 0, { 0 }, "PowBackward1" },
  { "2 ** x", F_RPOW, A1 (1, 2, 3), { 0 }, FALSE, 2, { 0 }, "PowBackward1" },
  { "exp", F_EXP, A1 (0.1, -1, 2), { 0 }, FALSE, 0, { 0 }, "ExpBackward0" },
  { "log", F_LOG, A1 (0.5, 1, 3), { 0 }, FALSE, 0, { 0 }, "LogBackward0" },
  { "abs", F_ABS, A1 (0.5, -1, 3), { 0 }, FALSE, 0, { 0 }, "AbsBackward0" },
  { "sqrt", F_SQRT, A1 (0.5, 1, 3), { 0 }, FALSE, 0, { 0 }, "SqrtBackward0" },
  { "sin", F_SIN, A1 (0.5, -1, 3), { 0 }, FALSE, 0, { 0 }, "SinBackward0" },
  { "cos", F_COS, A1 (0.5, -1, 3), { 0 }, FALSE, 0, { 0 }, "CosBackward0" },
  { "tanh", F_TANH, A1 (0.5, -1, 3), { 0 }, FALSE, 0, { 0 }, "TanhBackward0" },
  { "sigmoid", F_SIGMOID, A1 (0.5, -1, 3), { 0 }, FALSE, 0, { 0 }, "SigmoidBackward0" },
  { "relu", F_RELU, A1 (0.5, -1, 3), { 0 }, FALSE, 0, { 0 }, "ReluBackward0" },
  { "reciprocal", F_RECIP, A1 (0.5, -1, 3), { 0 }, FALSE, 0, { 0 }, "ReciprocalBackward0" },
  { "sum", F_SUM, A2 (2, 3, 1, 2, 3, 4, 5, 6), { 0 }, FALSE, 0, { 0 }, "SumBackward0" },
  { "sum(0)", F_SUM_DIM, A2 (2, 3, 1, 2, 3, 4, 5, 6), { 0 }, FALSE, 0, { 0, 0 }, "SumBackward1" },
  { "sum(1, keepdim)", F_SUM_DIM, A2 (2, 3, 1, 2, 3, 4, 5, 6), { 0 }, FALSE, 0, { 1, 1 }, "SumBackward1" },
  { "mean", F_MEAN, A2 (2, 3, 1, 2, 3, 4, 5, 6), { 0 }, FALSE, 0, { 0 }, "MeanBackward0" },
  { "mean(1)", F_MEAN_DIM, A2 (2, 3, 1, 2, 3, 4, 5, 6), { 0 }, FALSE, 0, { 1, 0 }, "MeanBackward1" },
  { "clone", F_CLONE, A1 (1, 2, 3), { 0 }, FALSE, 0, { 0 }, "CloneBackward0" },
  { "to (float64 -> float64 copy)", F_TO_COPY, A1 (1, 2, 3), { 0 }, FALSE, 0, { 0 }, "ToCopyBackward0" },
  { "t", F_T, A2 (2, 3, 1, 2, 3, 4, 5, 6), { 0 }, FALSE, 0, { 0 }, "TBackward0" },
  { "transpose(0, 2)", F_TRANSPOSE, A3 (2, 3, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), { 0 }, FALSE, 0, { 0, 2 }, "TransposeBackward0" },
  { "permute(2, 0, 1)", F_PERMUTE, A3 (2, 3, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), { 0 }, FALSE, 0, { 2, 0, 1 }, "PermuteBackward0" },
  { "view(3, 2)", F_VIEW, A2 (2, 3, 1, 2, 3, 4, 5, 6), { 0 }, FALSE, 0, { 3, 2 }, "ViewBackward0" },
  { "unsqueeze(1)", F_UNSQUEEZE, A2 (2, 3, 1, 2, 3, 4, 5, 6), { 0 }, FALSE, 0, { 1 }, "UnsqueezeBackward0" },
  { "squeeze()", F_SQUEEZE, A3 (2, 1, 3, 1, 2, 3, 4, 5, 6), { 0 }, FALSE, 0, { 0 }, "SqueezeBackward0" },
  { "m[1]", F_SELECT, A2 (2, 3, 1, 2, 3, 4, 5, 6), { 0 }, FALSE, 0, { 0, 1 }, "SelectBackward0" },
  { "m[:, 2]", F_SELECT, A2 (2, 3, 1, 2, 3, 4, 5, 6), { 0 }, FALSE, 0, { 1, 2 }, "SelectBackward0" },
  { "x[1::2]", F_SLICE, A1 (1, 2, 3, 4, 5), { 0 }, FALSE, 0, { 0, 1, 2, 2 }, "SliceBackward0" },
  { "m[:, 1:]", F_SLICE, A2 (2, 3, 1, 2, 3, 4, 5, 6), { 0 }, FALSE, 0, { 1, 1, 2, 1 }, "SliceBackward0" },
  { "expand(2, 3)", F_EXPAND, A1 (1, 2, 3), { 0 }, FALSE, 0, { 2 }, "ExpandBackward0" },
  { "m[...]", F_ALIAS, A2 (2, 3, 1, 2, 3, 4, 5, 6), { 0 }, FALSE, 0, { 0 }, "AliasBackward0" },
  { "mm", F_MM, A2 (2, 3, 1, 2, 3, 4, 5, 6), A2 (3, 2, 1, -1, 0.5, 2, 3, 1), TRUE, 0, { 0 }, "MmBackward0" },
  { "mv", F_MV, A2 (2, 3, 1, 2, 3, 4, 5, 6), A1 (1, -1, 0.5), TRUE, 0, { 0 }, "MvBackward0" },
  { "vector @ matrix", F_VM, A1 (1, -1), A2 (2, 3, 1, 2, 3, 4, 5, 6), TRUE, 0, { 0 }, "SqueezeBackward3" },
  { "dot", F_DOT, A1 (1, 2, 3), A1 (1, -1, 0.5), TRUE, 0, { 0 }, "DotBackward0" },
  { "max", F_MAX, A1 (1, 5, 3), { 0 }, FALSE, 0, { 0 }, "MaxBackward1" },
  { "max(0)", F_MAX_DIM, A2 (2, 3, 1, 5, 3, 4, 0, 6), { 0 }, FALSE, 0, { 0, 0 }, "MaxBackward0" },
  { "max(1, keepdim)", F_MAX_DIM, A2 (2, 3, 1, 5, 3, 4, 0, 6), { 0 }, FALSE, 0, { 1, 1 }, "MaxBackward0" },
  { "min", F_MIN, A1 (1, -5, 3), { 0 }, FALSE, 0, { 0 }, "MinBackward1" },
  { "cat(0)", F_CAT, A2 (1, 2, 1, 2), A2 (2, 2, 3, 4, 5, 6), TRUE, 0, { 0 }, "CatBackward0" },
  { "cat(1)", F_CAT, A2 (2, 1, 1, 2), A2 (2, 2, 3, 4, 5, 6), TRUE, 0, { 1 }, "CatBackward0" },
  { "stack(0)", F_STACK, A1 (1, 2, 3), A1 (4, 5, 6), TRUE, 0, { 0 }, "StackBackward0" },
  { "maximum (broadcast)", F_MAXIMUM, A2 (2, 3, 1, 5, 3, 4, 0, 6), A1 (2, 2, 2), TRUE, 0, { 0 }, "MaximumBackward0" },
  { "minimum", F_MINIMUM, A1 (1, 5, 3), A1 (2, 2, 2), TRUE, 0, { 0 }, "MinimumBackward0" },
  { "stack(1)", F_STACK, A1 (1, 2, 3), A1 (4, 5, 6), TRUE, 0, { 1 }, "StackBackward0" },
};

static void
test_finite_differences (gconstpointer data)
{
  run_case (data);
}

/* ---- structure ---------------------------------------------------------------- */

static CsObject *
leaf (CsInterp *interp, gboolean rg, guint n, ...)
{
  Arr a = { 0 };
  va_list ap;
  va_start (ap, n);
  a.ndim = 1;
  a.shape[0] = n;
  for (guint i = 0; i < n; i++)
    a.v[i] = va_arg (ap, double);
  va_end (ap);
  {
    CsObject *t = cs_tensor_new_from_doubles (interp, CS_DTYPE_FLOAT32, 1, a.shape, a.v);
    t->array.ag.requires_grad = rg;
    t->array.ag.is_leaf = TRUE;
    return t;
  }
}

/* out = a OP b (b may be NULL for a scalar), float32 values computed here. */
static CsObject *
binary (CsInterp *interp, CsGradOp op, CsObject *a, CsObject *b, double scalar)
{
  gsize n = 0, m = 0;
  g_autofree double *x = cs_array_dup_doubles (a, &n);
  g_autofree double *y = b ? cs_array_dup_doubles (b, &m) : NULL;
  g_autofree double *o = g_new (double, n);
  CsObject *inputs[2] = { a, b };
  CsGradRecord rec = { 0 };
  CsObject *out;

  for (gsize k = 0; k < n; k++)
    {
      double v = y ? y[k] : scalar;
      o[k] = op == CS_GRAD_OP_ADD ? x[k] + v : op == CS_GRAD_OP_SUB ? x[k] - v
             : op == CS_GRAD_OP_MUL ? x[k] * v : op == CS_GRAD_OP_POW ? pow (x[k], v) : x[k] / v;
    }
  out = cs_tensor_new_from_doubles (interp, a->array.view.dtype, a->array.view.ndim,
                                    a->array.view.shape, o);
  rec.op = op;
  rec.inputs = inputs;
  rec.n_inputs = op == CS_GRAD_OP_POW && b == NULL ? 1 : 2;
  rec.scalar = scalar;
  cs_autograd_record (interp, out, &rec);
  return out;
}

static CsObject *
unary (CsInterp *interp, CsGradOp op, CsObject *a)
{
  gsize n = 0;
  g_autofree double *x = cs_array_dup_doubles (a, &n);
  CsObject *inputs[1] = { a };
  CsGradRecord rec = { 0 };
  CsObject *out;
  double s = 0;
  gint64 shape0[1] = { 0 };

  if (op == CS_GRAD_OP_SUM)
    {
      for (gsize k = 0; k < n; k++)
        s += x[k];
      out = cs_tensor_new_from_doubles (interp, a->array.view.dtype, 0, shape0, &s);
    }
  else
    {
      for (gsize k = 0; k < n; k++)
        x[k] = op == CS_GRAD_OP_EXP ? exp (x[k]) : x[k];
      out = cs_tensor_new_from_doubles (interp, a->array.view.dtype, a->array.view.ndim,
                                        a->array.view.shape, x);
    }
  rec.op = op;
  rec.inputs = inputs;
  rec.n_inputs = 1;
  cs_autograd_record (interp, out, &rec);
  return out;
}

static void
assert_values (CsObject *t, guint n, ...)
{
  gsize m = 0;
  g_autofree double *v = NULL;
  va_list ap;

  g_assert_nonnull (t);
  v = cs_array_dup_doubles (t, &m);
  g_assert_cmpuint (m, ==, n);
  va_start (ap, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (v[i], va_arg (ap, double), 1e-6);
  va_end (ap);
}

static void
test_next_functions (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *x = leaf (interp, TRUE, 3, 1.0, 2.0, 3.0);
  CsObject *a = binary (interp, CS_GRAD_OP_MUL, x, NULL, 2.0);
  CsObject *b = binary (interp, CS_GRAD_OP_MUL, x, x, 0);
  CsObject *p = binary (interp, CS_GRAD_OP_POW, a, NULL, 2.0);
  CsObject *plain = leaf (interp, FALSE, 3, 1.0, 1.0, 1.0);
  CsObject *c = binary (interp, CS_GRAD_OP_ADD, plain, x, 0);
  CsObject *d = binary (interp, CS_GRAD_OP_ADD, plain, plain, 0);
  CsObject *gf = a->array.ag.grad_fn;
  CsObject *acc;

  /* a * 2: [(AccumulateGrad, 0), (None, 0)] */
  g_assert_cmpstr (gf->grad_fn.name, ==, "MulBackward0");
  g_assert_cmpuint (gf->grad_fn.n_next, ==, 2);
  acc = gf->grad_fn.next[0].node;
  g_assert_nonnull (acc);
  g_assert_cmpstr (acc->grad_fn.name, ==, "AccumulateGrad");
  g_assert_true (acc->grad_fn.variable == x);
  g_assert_null (gf->grad_fn.next[1].node);
  /* one AccumulateGrad per leaf, reused */
  g_assert_true (b->array.ag.grad_fn->grad_fn.next[0].node == acc);
  g_assert_true (b->array.ag.grad_fn->grad_fn.next[1].node == acc);
  /* (x * 2) ** 2: PowBackward0 with a single edge */
  g_assert_cmpstr (p->array.ag.grad_fn->grad_fn.name, ==, "PowBackward0");
  g_assert_cmpuint (p->array.ag.grad_fn->grad_fn.n_next, ==, 1);
  g_assert_true (p->array.ag.grad_fn->grad_fn.next[0].node == gf);
  /* plain + x: [(None, 0), (AccumulateGrad, 0)] */
  g_assert_null (c->array.ag.grad_fn->grad_fn.next[0].node);
  g_assert_true (c->array.ag.grad_fn->grad_fn.next[1].node == acc);
  /* nothing requires grad: a leaf without grad_fn */
  g_assert_null (d->array.ag.grad_fn);
  g_assert_false (d->array.ag.requires_grad);
  g_assert_true (d->array.ag.is_leaf);
  g_assert_true (x->array.ag.is_leaf);
  g_assert_false (a->array.ag.is_leaf);
  /* repr */
  {
    g_autofree char *r = cs_op_repr (interp, gf);
    g_assert_true (g_str_has_prefix (r, "<MulBackward0 object at 0x"));
  }
}

static void
test_no_grad (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *w = leaf (interp, TRUE, 2, 1.0, 2.0);
  CsObject *y, *z;

  g_assert_true (cs_autograd_is_enabled (interp));
  cs_autograd_set_enabled (interp, FALSE);
  y = binary (interp, CS_GRAD_OP_MUL, w, NULL, 2.0);
  g_assert_false (y->array.ag.requires_grad);
  g_assert_null (y->array.ag.grad_fn);
  /* in-place on a leaf that requires grad is allowed under no_grad */
  g_assert_true (cs_autograd_check_inplace (interp, w, FALSE));
  cs_autograd_set_enabled (interp, TRUE);
  z = binary (interp, CS_GRAD_OP_MUL, w, NULL, 2.0);
  g_assert_true (z->array.ag.requires_grad);
  g_assert_nonnull (z->array.ag.grad_fn);
}

static void
assert_error (CsInterp *interp, const char *type, const char *prefix)
{
  g_assert_true (cs_interp_has_error (interp));
  g_assert_cmpstr (interp->error->type, ==, type);
  if (!g_str_has_prefix (interp->error->message, prefix))
    g_error ("expected \"%s...\", got \"%s\"", prefix, interp->error->message);
  cs_interp_clear_error (interp);
}

static void
test_errors (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *x = leaf (interp, TRUE, 3, 1.0, 2.0, 3.0);
  CsObject *plain = leaf (interp, FALSE, 3, 1.0, 2.0, 3.0);
  CsObject *y, *s;

  g_assert_false (cs_autograd_check_inplace (interp, x, FALSE));
  assert_error (interp, "RuntimeError", "a leaf Variable that requires grad is being used in an in-place operation.");
  g_assert_false (cs_autograd_check_inplace (interp, x, TRUE));
  assert_error (interp, "RuntimeError", "a view of a leaf Variable that requires grad is being used in an in-place operation.");

  y = binary (interp, CS_GRAD_OP_MUL, x, NULL, 2.0);
  g_assert_false (cs_autograd_backward (interp, y, NULL, FALSE));
  assert_error (interp, "RuntimeError", "grad can be implicitly created only for scalar outputs");
  g_assert_false (cs_autograd_backward (interp, plain, NULL, FALSE));
  assert_error (interp, "RuntimeError", "element 0 of tensors does not require grad and does not have a grad_fn");
  {
    CsObject *g2 = leaf (interp, FALSE, 2, 1.0, 1.0);
    g_assert_false (cs_autograd_backward (interp, y, g2, FALSE));
    assert_error (interp, "RuntimeError",
                  "Mismatch in shape: grad_output[0] has a shape of torch.Size([2]) and output[0] has a shape of torch.Size([3]).");
  }

  /* backward twice through MulBackward0 (saves the wrapped scalar) */
  s = unary (interp, CS_GRAD_OP_SUM, y);
  g_assert_true (cs_autograd_backward (interp, s, NULL, FALSE));
  assert_values (x->array.ag.grad, 3, 2.0, 2.0, 2.0);
  g_assert_false (cs_autograd_backward (interp, s, NULL, FALSE));
  assert_error (interp, "RuntimeError", "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values");

  /* AddBackward0 and SumBackward0 save nothing: twice is fine */
  {
    CsObject *z = unary (interp, CS_GRAD_OP_SUM, binary (interp, CS_GRAD_OP_ADD, x, NULL, 1.0));
    x->array.ag.grad = NULL;
    g_assert_true (cs_autograd_backward (interp, z, NULL, FALSE));
    g_assert_true (cs_autograd_backward (interp, z, NULL, FALSE));
    assert_values (x->array.ag.grad, 3, 2.0, 2.0, 2.0);
  }
}

/* Scenario 22 of the public conformance set, through the C API. */
static void
test_saved_version (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *a = leaf (interp, TRUE, 3, 1.0, 2.0, 3.0);
  CsObject *b = binary (interp, CS_GRAD_OP_MUL, a, NULL, 2.0);
  CsObject *c = binary (interp, CS_GRAD_OP_POW, b, NULL, 2.0);
  CsObject *inputs[2] = { b, NULL };
  CsGradRecord rec = { 0 };
  double v[3] = { 3, 5, 7 };
  CsObject *e, *s;

  g_assert_true (cs_autograd_check_inplace (interp, b, FALSE));
  cs_array_set_doubles (interp, b, v);
  rec.op = CS_GRAD_OP_ADD;
  rec.inputs = inputs;
  rec.n_inputs = 2;
  rec.scalar = 1;
  cs_autograd_record_inplace (interp, b, &rec);
  g_assert_cmpstr (b->array.ag.grad_fn->grad_fn.name, ==, "AddBackward0");
  g_assert_cmpstr (b->array.ag.grad_fn->grad_fn.next[0].node->grad_fn.name, ==, "MulBackward0");
  g_assert_null (b->array.ag.grad_fn->grad_fn.next[1].node);
  g_assert_cmpuint (b->array.view.storage->version, ==, 1);

  s = unary (interp, CS_GRAD_OP_SUM, c);
  g_assert_false (cs_autograd_backward (interp, s, NULL, FALSE));
  assert_error (interp, "RuntimeError",
                "one of the variables needed for gradient computation has been modified by an inplace "
                "operation: [torch.FloatTensor [3]], which is output 0 of AddBackward0, is at version 1; "
                "expected version 0 instead. Hint: enable anomaly detection");
  g_assert_null (a->array.ag.grad);

  /* exp saves its result: output 0 of ExpBackward0 */
  e = unary (interp, CS_GRAD_OP_EXP, a);
  g_assert_true (cs_autograd_check_inplace (interp, e, FALSE));
  {
    gsize n;
    g_autofree double *ev = cs_array_dup_doubles (e, &n);
    for (gsize k = 0; k < n; k++)
      ev[k] += 1;
    cs_array_set_doubles (interp, e, ev);
  }
  inputs[0] = e;
  cs_autograd_record_inplace (interp, e, &rec);
  s = unary (interp, CS_GRAD_OP_SUM, e);
  g_assert_false (cs_autograd_backward (interp, s, NULL, FALSE));
  assert_error (interp, "RuntimeError",
                "one of the variables needed for gradient computation has been modified by an inplace "
                "operation: [torch.FloatTensor [3]], which is output 0 of ExpBackward0, is at version 1; "
                "expected version 0 instead.");

  /* a saved leaf modified under no_grad: no "which is output" part */
  {
    CsObject *w = leaf (interp, TRUE, 2, 1.0, 2.0);
    CsObject *q = binary (interp, CS_GRAD_OP_MUL, w, w, 0);
    double nv[2] = { 5, 6 };
    cs_autograd_set_enabled (interp, FALSE);
    g_assert_true (cs_autograd_check_inplace (interp, w, FALSE));
    cs_array_set_doubles (interp, w, nv);
    cs_autograd_set_enabled (interp, TRUE);
    s = unary (interp, CS_GRAD_OP_SUM, q);
    g_assert_false (cs_autograd_backward (interp, s, NULL, FALSE));
    assert_error (interp, "RuntimeError",
                  "one of the variables needed for gradient computation has been modified by an inplace "
                  "operation: [torch.FloatTensor [2]] is at version 1; expected version 0 instead.");
  }
}

static void
test_accumulation (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *w = leaf (interp, TRUE, 3, 1.0, -2.0, 3.0);
  CsObject *g;

  g_assert_true (cs_autograd_backward (interp, unary (interp, CS_GRAD_OP_SUM, binary (interp, CS_GRAD_OP_MUL, w, NULL, 2.0)), NULL, FALSE));
  assert_values (w->array.ag.grad, 3, 2.0, 2.0, 2.0);
  g = w->array.ag.grad;
  g_assert_true (cs_autograd_backward (interp, unary (interp, CS_GRAD_OP_SUM, binary (interp, CS_GRAD_OP_MUL, w, NULL, 2.0)), NULL, FALSE));
  /* accumulated in place: the same tensor */
  g_assert_true (w->array.ag.grad == g);
  assert_values (g, 3, 4.0, 4.0, 4.0);
  /* w ** 2 */
  g_assert_true (cs_autograd_backward (interp, unary (interp, CS_GRAD_OP_SUM, binary (interp, CS_GRAD_OP_POW, w, NULL, 2.0)), NULL, FALSE));
  assert_values (g, 3, 6.0, 0.0, 10.0);
  /* w.grad = None: the next backward makes a new tensor */
  g_assert_cmpint (cs_autograd_tensor_setattr (interp, w, "grad", cs_none (interp)), ==, 1);
  g_assert_true (cs_autograd_backward (interp, unary (interp, CS_GRAD_OP_SUM, w), NULL, FALSE));
  g_assert_true (w->array.ag.grad != g);
  assert_values (w->array.ag.grad, 3, 1.0, 1.0, 1.0);
}

/* Seed article: y = 2*x + 10; y.backward([1, 2, 1]) → x.grad = [2, 4, 2]. */
static void
test_seed_clone_detach (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *x = leaf (interp, TRUE, 3, 2.0, 3.0, 4.0);
  CsObject *cl = unary (interp, CS_GRAD_OP_CLONE, x);
  CsObject *y = binary (interp, CS_GRAD_OP_ADD, binary (interp, CS_GRAD_OP_MUL, x, NULL, 2.0), NULL, 10.0);
  CsObject *g = leaf (interp, FALSE, 3, 1.0, 2.0, 1.0);
  CsObject *val;
  guint n_warn;

  g_assert_cmpstr (cl->array.ag.grad_fn->grad_fn.name, ==, "CloneBackward0");
  g_assert_true (cs_autograd_backward (interp, y, g, FALSE));
  assert_values (x->array.ag.grad, 3, 2.0, 4.0, 2.0);
  /* clone_x.grad: None and the UserWarning, on every access */
  n_warn = interp->warnings->len;
  val = cs_autograd_tensor_getattr (interp, cl, "grad");
  g_assert_true (cs_object_kind (val) == CS_KIND_NONE);
  g_assert_cmpuint (interp->warnings->len, ==, n_warn + 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (interp->warnings, n_warn),
                                   "UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being accessed."));
  cs_autograd_tensor_getattr (interp, cl, "grad");
  g_assert_cmpuint (interp->warnings->len, ==, n_warn + 2);
  /* leaves do not warn */
  cs_autograd_tensor_getattr (interp, x, "grad");
  g_assert_cmpuint (interp->warnings->len, ==, n_warn + 2);
}

static void
test_retain_grad (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *a = leaf (interp, TRUE, 2, 1.0, 2.0);
  CsObject *b = binary (interp, CS_GRAD_OP_MUL, a, NULL, 3.0);
  CsObject *c = binary (interp, CS_GRAD_OP_ADD, b, NULL, 1.0);
  CsObject *m, *out, *ret;

  ret = cs_autograd_tensor_method (interp, b, "retain_grad");
  g_assert_nonnull (ret);
  {
    CsArgs args = { 0 };
    g_assert_nonnull (cs_op_call (interp, ret, &args));
  }
  g_assert_true (b->array.ag.retains_grad);
  m = binary (interp, CS_GRAD_OP_MUL, c, c, 0);
  out = unary (interp, CS_GRAD_OP_SUM, m);
  g_assert_true (cs_autograd_backward (interp, out, NULL, FALSE));
  assert_values (a->array.ag.grad, 2, 24.0, 42.0);
  assert_values (b->array.ag.grad, 2, 8.0, 14.0);
  g_assert_null (c->array.ag.grad);
}

/* Writes into views of graph tensors: CopySlices and AsStridedBackward0. */
static void
test_copy_slices (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *a = leaf (interp, TRUE, 3, 1.0, 2.0, 3.0);
  CsObject *b = binary (interp, CS_GRAD_OP_MUL, a, NULL, 2.0);
  gint64 shape[1] = { 2 }, strides[1] = { 1 };
  CsObject *v = cs_tensor_new_view (interp, b, 1, shape, strides, 1);
  CsObject *in[2] = { b, NULL };
  CsGradRecord rec = { 0 };
  CsObject *s;
  double nv[2];

  rec.op = CS_GRAD_OP_SLICE;
  rec.inputs = in;
  rec.n_inputs = 1;
  rec.dim = 0;
  rec.start = 1;
  rec.length = 2;
  rec.step = 1;
  cs_autograd_record (interp, v, &rec);
  g_assert_cmpstr (v->array.ag.grad_fn->grad_fn.name, ==, "SliceBackward0");

  /* v.mul_(3) */
  g_assert_true (cs_autograd_check_inplace (interp, v, FALSE));
  nv[0] = 12;
  nv[1] = 18;
  cs_array_set_doubles (interp, v, nv);
  memset (&rec, 0, sizeof rec);
  in[0] = v;
  in[1] = NULL;
  rec.op = CS_GRAD_OP_MUL;
  rec.inputs = in;
  rec.n_inputs = 2;
  rec.scalar = 3;
  cs_autograd_record_inplace (interp, v, &rec);
  g_assert_cmpstr (b->array.ag.grad_fn->grad_fn.name, ==, "CopySlices");
  g_assert_cmpuint (b->array.ag.grad_fn->grad_fn.n_next, ==, 2);
  g_assert_cmpstr (b->array.ag.grad_fn->grad_fn.next[0].node->grad_fn.name, ==, "MulBackward0");
  g_assert_null (b->array.ag.grad_fn->grad_fn.next[1].node);
  g_assert_cmpstr (v->array.ag.grad_fn->grad_fn.name, ==, "AsStridedBackward0");
  g_assert_true (v->array.ag.grad_fn->grad_fn.next[0].node == b->array.ag.grad_fn);

  s = unary (interp, CS_GRAD_OP_SUM, b);
  g_assert_true (cs_autograd_backward (interp, s, NULL, FALSE));
  /* PyTorch 1.13: tensor([2., 6., 6.]) */
  assert_values (a->array.ag.grad, 3, 2.0, 6.0, 6.0);

  /* a view of a leaf that requires grad */
  {
    CsObject *w = cs_tensor_new_view (interp, a, 1, shape, strides, 1);
    rec.op = CS_GRAD_OP_SLICE;
    in[0] = a;
    rec.n_inputs = 1;
    cs_autograd_record (interp, w, &rec);
    g_assert_false (cs_autograd_check_inplace (interp, w, FALSE));
    assert_error (interp, "RuntimeError", "a view of a leaf Variable that requires grad is being used in an in-place operation.");
  }
}

/* p = zeros(3); p[1:].add_(a[1:]) → CopySlices [(None, 0), (SliceBackward0, 0)] */
static void
test_copy_slices_into_plain (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *a = leaf (interp, TRUE, 3, 1.0, 2.0, 3.0);
  CsObject *p = leaf (interp, FALSE, 3, 0.0, 0.0, 0.0);
  gint64 shape[1] = { 2 }, strides[1] = { 1 };
  CsObject *pv = cs_tensor_new_view (interp, p, 1, shape, strides, 1);
  CsObject *av = cs_tensor_new_view (interp, a, 1, shape, strides, 1);
  CsObject *in[2];
  CsGradRecord rec = { 0 };
  double nv[2] = { 2, 3 };
  CsObject *s;

  rec.op = CS_GRAD_OP_SLICE;
  rec.inputs = in;
  rec.n_inputs = 1;
  rec.start = 1;
  rec.length = 2;
  rec.step = 1;
  in[0] = p;
  cs_autograd_record (interp, pv, &rec);
  in[0] = a;
  cs_autograd_record (interp, av, &rec);
  g_assert_null (pv->array.ag.grad_fn);

  g_assert_true (cs_autograd_check_inplace (interp, pv, FALSE));
  cs_array_set_doubles (interp, pv, nv);
  memset (&rec, 0, sizeof rec);
  in[0] = pv;
  in[1] = av;
  rec.op = CS_GRAD_OP_ADD;
  rec.inputs = in;
  rec.n_inputs = 2;
  cs_autograd_record_inplace (interp, pv, &rec);
  g_assert_cmpstr (p->array.ag.grad_fn->grad_fn.name, ==, "CopySlices");
  g_assert_null (p->array.ag.grad_fn->grad_fn.next[0].node);
  g_assert_cmpstr (p->array.ag.grad_fn->grad_fn.next[1].node->grad_fn.name, ==, "SliceBackward0");
  g_assert_true (p->array.ag.requires_grad);
  g_assert_false (p->array.ag.is_leaf);

  s = unary (interp, CS_GRAD_OP_SUM, p);
  g_assert_true (cs_autograd_backward (interp, s, NULL, FALSE));
  assert_values (a->array.ag.grad, 3, 0.0, 1.0, 1.0);
}

static void
test_events (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *x = leaf (interp, TRUE, 3, 2.0, 3.0, 4.0);
  CsObject *y = binary (interp, CS_GRAD_OP_MUL, x, NULL, 2.0);
  CsObject *g = leaf (interp, FALSE, 3, 1.0, 2.0, 1.0);
  guint first = interp->events->len;
  CsEvent *ev;
  guint n_passed = 0, n_acc = 0;

  g_assert_true (cs_autograd_backward (interp, y, g, FALSE));
  for (guint i = first; i < interp->events->len; i++)
    {
      ev = g_ptr_array_index (interp->events, i);
      if (ev->kind == CS_EVENT_GRAD_PASSED)
        {
          n_passed++;
          if (ev->serial == y->array.ag.grad_fn->serial)
            {
              g_assert_cmpuint (ev->other_serial, ==, y->array.ag.grad_fn->grad_fn.next[0].node->serial);
              g_assert_cmpstr (ev->text, ==, "[2., 4., 2.]");
            }
        }
      else if (ev->kind == CS_EVENT_GRAD_ACCUMULATED)
        {
          n_acc++;
          g_assert_cmpuint (ev->serial, ==, x->serial);
          g_assert_cmpuint (ev->old_serial, ==, 0);
          g_assert_cmpuint (ev->new_serial, ==, x->array.ag.grad->serial);
          g_assert_cmpstr (ev->text, ==, "[2., 4., 2.]");
        }
    }
  /* output -> MulBackward0, MulBackward0 -> AccumulateGrad */
  g_assert_cmpuint (n_passed, ==, 2);
  g_assert_cmpuint (n_acc, ==, 1);
}

/* A view of a leaf made in no_grad mode requires grad, has no grad_fn, and
 * writing into it with grad mode on is PyTorch's creation-mode error; after
 * the base is modified, other views get AsStridedBackward0. */
static void
test_view_modes (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *x = leaf (interp, TRUE, 3, 1.0, 2.0, 3.0);
  gint64 shape[1] = { 2 }, strides[1] = { 1 };
  CsObject *in[1] = { x };
  CsGradRecord rec = { 0 };
  CsObject *v, *w;

  rec.op = CS_GRAD_OP_SLICE;
  rec.inputs = in;
  rec.n_inputs = 1;
  rec.start = 1;
  rec.length = 2;
  rec.step = 1;

  cs_autograd_set_enabled (interp, FALSE);
  v = cs_tensor_new_view (interp, x, 1, shape, strides, 1);
  cs_autograd_record (interp, v, &rec);
  cs_autograd_set_enabled (interp, TRUE);
  g_assert_true (v->array.ag.requires_grad);
  g_assert_null (v->array.ag.grad_fn);
  g_assert_false (cs_autograd_check_inplace (interp, v, FALSE));
  assert_error (interp, "RuntimeError", "A view was created in no_grad mode and is being modified inplace with grad mode enabled.");

  w = cs_tensor_new_view (interp, x, 1, shape, strides, 0);
  cs_autograd_record (interp, w, &rec);
  g_assert_cmpstr (w->array.ag.grad_fn->grad_fn.name, ==, "SliceBackward0");
  /* with torch.no_grad (): x.zero_ () */
  cs_autograd_set_enabled (interp, FALSE);
  g_assert_true (cs_autograd_check_inplace (interp, x, FALSE));
  {
    double z[3] = { 0, 0, 0 };
    CsGradRecord zr = { 0 };
    cs_array_set_doubles (interp, x, z);
    zr.op = CS_GRAD_OP_ZERO;
    cs_autograd_record_inplace (interp, x, &zr);
  }
  cs_autograd_set_enabled (interp, TRUE);
  g_assert_cmpstr (w->array.ag.grad_fn->grad_fn.name, ==, "AsStridedBackward0");
  g_assert_cmpstr (w->array.ag.grad_fn->grad_fn.next[0].node->grad_fn.name, ==, "AccumulateGrad");
  g_assert_true (w->array.ag.grad_fn->grad_fn.next[0].node->grad_fn.variable == x);
  /* the no_grad view is left alone */
  g_assert_null (v->array.ag.grad_fn);
}

/* torch.autograd.grad: the engine's capture mode leaves .grad alone. */
static void
test_capture (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *x = leaf (interp, TRUE, 3, 1.0, 2.0, 3.0);
  CsObject *h = binary (interp, CS_GRAD_OP_MUL, x, NULL, 3.0);
  CsObject *s = unary (interp, CS_GRAD_OP_SUM, binary (interp, CS_GRAD_OP_MUL, h, h, 0));
  g_autoptr (GHashTable) capture = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  CsObject *acc = x->array.ag.grad_fn == NULL ? h->array.ag.grad_fn->grad_fn.next[0].node : NULL;
  double *gx, *gh;

  g_hash_table_insert (capture, acc, NULL);
  g_hash_table_insert (capture, h->array.ag.grad_fn, NULL);
  g_assert_true (_cs_ag_run_backward (interp, s, NULL, TRUE, capture));
  gx = g_hash_table_lookup (capture, acc);
  gh = g_hash_table_lookup (capture, h->array.ag.grad_fn);
  g_assert_nonnull (gx);
  g_assert_nonnull (gh);
  /* d/dh sum (h * h) = 2h = [6, 12, 18]; d/dx = 3 * 2h = [18, 36, 54] */
  g_assert_cmpfloat_with_epsilon (gh[1], 12.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (gx[2], 54.0, 1e-6);
  g_assert_null (x->array.ag.grad);
}

/* CatBackward0's gradients are narrow views that AccumulateGrad steals: the
 * two leaves' .grad share one storage (PyTorch 1.13). */
static void
test_cat_grads_share_storage (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *a = leaf (interp, TRUE, 2, 1.0, 2.0);
  CsObject *b = leaf (interp, TRUE, 1, 3.0);
  double v[3] = { 1, 2, 3 };
  gint64 shape[1] = { 3 };
  CsObject *c = cs_tensor_new_from_doubles (interp, CS_DTYPE_FLOAT32, 1, shape, v);
  CsObject *in[2] = { a, b };
  CsGradRecord rec = { 0 };
  CsObject *g = leaf (interp, FALSE, 3, 1.0, 2.0, 3.0);

  rec.op = CS_GRAD_OP_CAT;
  rec.inputs = in;
  rec.n_inputs = 2;
  cs_autograd_record (interp, c, &rec);
  g_assert_cmpstr (c->array.ag.grad_fn->grad_fn.name, ==, "CatBackward0");
  g_assert_true (cs_autograd_backward (interp, c, g, FALSE));
  assert_values (a->array.ag.grad, 2, 1.0, 2.0);
  assert_values (b->array.ag.grad, 1, 3.0);
  g_assert_true (a->array.ag.grad->array.view.storage == b->array.ag.grad->array.view.storage);
  g_assert_cmpuint (b->array.ag.grad->array.view.offset, ==, 2);
}

/* conformance autograd/34: b = a * 2; b.add_(1); b.exp_(); b.sum().backward() */
static void
test_inplace_unary (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *a = leaf (interp, TRUE, 2, 1.0, 2.0);
  CsObject *b = binary (interp, CS_GRAD_OP_MUL, a, NULL, 2.0);
  CsObject *in[2] = { b, NULL };
  CsGradRecord rec = { 0 };
  double v1[2] = { 3, 5 }, v2[2] = { exp (3.0), exp (5.0) };

  g_assert_true (cs_autograd_check_inplace (interp, b, FALSE));
  cs_array_set_doubles (interp, b, v1);
  rec.op = CS_GRAD_OP_ADD;
  rec.inputs = in;
  rec.n_inputs = 2;
  rec.scalar = 1;
  cs_autograd_record_inplace (interp, b, &rec);

  g_assert_true (cs_autograd_check_inplace (interp, b, FALSE));
  cs_array_set_doubles (interp, b, v2);
  memset (&rec, 0, sizeof rec);
  rec.op = CS_GRAD_OP_EXP;
  rec.inputs = in;
  rec.n_inputs = 1;
  cs_autograd_record_inplace (interp, b, &rec);
  g_assert_cmpstr (b->array.ag.grad_fn->grad_fn.name, ==, "ExpBackward0");
  g_assert_cmpuint (b->array.ag.grad_fn->grad_fn.n_next, ==, 1);
  g_assert_cmpstr (b->array.ag.grad_fn->grad_fn.next[0].node->grad_fn.name, ==, "AddBackward0");
  g_assert_cmpuint (b->array.view.storage->version, ==, 2);

  g_assert_true (cs_autograd_backward (interp, unary (interp, CS_GRAD_OP_SUM, b), NULL, FALSE));
  /* PyTorch 1.13: tensor([ 40.1711, 296.8263]) */
  {
    gsize n;
    g_autofree double *g = cs_array_dup_doubles (a->array.ag.grad, &n);
    g_assert_cmpfloat_with_epsilon (g[0], 40.1711, 1e-3);
    g_assert_cmpfloat_with_epsilon (g[1], 296.8263, 1e-3);
  }
}

static CsObject *
hook_times_ten (CsInterp     *interp,
                CsObject     *self,
                const CsArgs *args)
{
  gsize n = 0;
  g_autofree double *v = cs_array_dup_doubles (args->args[0], &n);
  CsObject *g = args->args[0];

  for (gsize k = 0; k < n; k++)
    v[k] *= 10;
  return cs_tensor_new_from_doubles (interp, g->array.view.dtype, g->array.view.ndim,
                                     g->array.view.shape, v);
}

/* w.register_hook (lambda g: g * 10); (w * 3).sum ().backward () → [30, 30] */
static void
test_hooks (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *w = leaf (interp, TRUE, 2, 1.0, 1.0);
  CsObject *plain = leaf (interp, FALSE, 2, 1.0, 1.0);
  CsObject *hook = cs_builtin_new (interp, "hook", hook_times_ten, NULL, NULL);
  CsObject *reg = cs_autograd_tensor_method (interp, w, "register_hook");
  CsArgs args = { 0 };
  CsObject *handle;

  args.args = &hook;
  args.n_args = 1;
  handle = cs_op_call (interp, reg, &args);
  g_assert_nonnull (handle);
  g_assert_true (cs_autograd_backward (interp, unary (interp, CS_GRAD_OP_SUM, binary (interp, CS_GRAD_OP_MUL, w, NULL, 3.0)), NULL, FALSE));
  assert_values (w->array.ag.grad, 2, 30.0, 30.0);

  /* handle.remove () */
  {
    CsObject *remove = cs_op_getattr (interp, handle, "remove");
    CsArgs none = { 0 };
    g_assert_nonnull (remove);
    g_assert_nonnull (cs_op_call (interp, remove, &none));
  }
  g_assert_true (cs_autograd_backward (interp, unary (interp, CS_GRAD_OP_SUM, binary (interp, CS_GRAD_OP_MUL, w, NULL, 3.0)), NULL, FALSE));
  assert_values (w->array.ag.grad, 2, 33.0, 33.0);

  reg = cs_autograd_tensor_method (interp, plain, "register_hook");
  g_assert_null (cs_op_call (interp, reg, &args));
  assert_error (interp, "RuntimeError", "cannot register a hook on a tensor that doesn't require gradient");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/autograd/finite-differences/%02u", i);
      g_test_add_data_func (path, &cases[i], test_finite_differences);
    }
  g_test_add_func ("/core/autograd/next-functions", test_next_functions);
  g_test_add_func ("/core/autograd/no-grad", test_no_grad);
  g_test_add_func ("/core/autograd/errors", test_errors);
  g_test_add_func ("/core/autograd/saved-version", test_saved_version);
  g_test_add_func ("/core/autograd/accumulation", test_accumulation);
  g_test_add_func ("/core/autograd/seed-clone-detach", test_seed_clone_detach);
  g_test_add_func ("/core/autograd/retain-grad", test_retain_grad);
  g_test_add_func ("/core/autograd/copy-slices", test_copy_slices);
  g_test_add_func ("/core/autograd/copy-slices-into-plain", test_copy_slices_into_plain);
  g_test_add_func ("/core/autograd/events", test_events);
  g_test_add_func ("/core/autograd/view-modes", test_view_modes);
  g_test_add_func ("/core/autograd/capture", test_capture);
  g_test_add_func ("/core/autograd/hooks", test_hooks);
  g_test_add_func ("/core/autograd/inplace-unary", test_inplace_unary);
  g_test_add_func ("/core/autograd/cat-grads-share-storage", test_cat_grads_share_storage);
  return g_test_run ();
}
