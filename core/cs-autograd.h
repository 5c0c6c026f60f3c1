/* cs-autograd.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Engine III: PyTorch 1.13 autograd over the object model.
 *
 *  - Grad mode is per interpreter, kept in interp->extension[1]
 *    (CS_AUTOGRAD_EXTENSION_SLOT; extension[0] is left to the tensor model).
 *  - Graph nodes are CS_KIND_GRAD_FN objects of cs_grad_fn_class, named as
 *    PyTorch 1.13 names them ("MulBackward0", "AccumulateGrad", "CopySlices").
 *  - The tensor model calls cs_autograd_record () after each differentiable
 *    op, cs_autograd_check_inplace () / cs_autograd_record_inplace () around
 *    each in-place write, and asks cs_autograd_tensor_getattr/setattr/method
 *    first in its class hooks.  Its traverse hook must call
 *    cs_autograd_tensor_traverse () and its finalize hook
 *    cs_autograd_tensor_finalize ().
 *  - backward () computes in double (rounded to each tensor's dtype on every
 *    edge), stores gradients in each leaf's dtype, and records events:
 *      CS_EVENT_GRAD_PASSED: first one from the output tensor (serial) to its
 *        grad_fn / AccumulateGrad (other_serial) with the initial gradient,
 *        then one per edge travelled, node serial -> next node serial, in
 *        the engine's execution order; text = the gradient's values as
 *        PyTorch prints them ("[2., 4., 2.]", no "tensor(").
 *      CS_EVENT_GRAD_ACCUMULATED: serial = the leaf, old_serial = its .grad
 *        before (0 when None), new_serial = .grad after (the same tensor
 *        when accumulated in place), text = the new .grad values.
 *  - Limits: one backward call does at most 200 million element operations
 *    (LimitExceeded beyond); all graph walks are iterative.
 */

#pragma once

#include <glib.h>

#include "cs-runtime.h"
#include "cs-value.h"

G_BEGIN_DECLS

#define CS_AUTOGRAD_EXTENSION_SLOT 1

typedef enum
{
  CS_GRAD_OP_ADD, CS_GRAD_OP_SUB, CS_GRAD_OP_MUL, CS_GRAD_OP_DIV, CS_GRAD_OP_NEG,
  CS_GRAD_OP_POW,          /* tensor ** scalar (scalar in rec->scalar) or tensor ** tensor */
  CS_GRAD_OP_EXP, CS_GRAD_OP_LOG, CS_GRAD_OP_ABS, CS_GRAD_OP_SUM, CS_GRAD_OP_MEAN,
  CS_GRAD_OP_CLONE, CS_GRAD_OP_TRANSPOSE, CS_GRAD_OP_T, CS_GRAD_OP_PERMUTE,
  CS_GRAD_OP_VIEW, CS_GRAD_OP_RESHAPE_ALIAS, CS_GRAD_OP_UNSAFE_VIEW, CS_GRAD_OP_SELECT,
  CS_GRAD_OP_SLICE, CS_GRAD_OP_NARROW, CS_GRAD_OP_EXPAND, CS_GRAD_OP_UNSQUEEZE,
  CS_GRAD_OP_SQUEEZE, CS_GRAD_OP_TO_COPY, CS_GRAD_OP_MATMUL, CS_GRAD_OP_MM, CS_GRAD_OP_DOT,
  CS_GRAD_OP_MAX, CS_GRAD_OP_MIN, CS_GRAD_OP_CAT, CS_GRAD_OP_STACK, CS_GRAD_OP_FILL,
  CS_GRAD_OP_ZERO, CS_GRAD_OP_COPY,
  /* Added by autograd (after the contract's list). */
  CS_GRAD_OP_RSUB,         /* 2 - x: RsubBackward1 (scalar in rec->scalar) */
  CS_GRAD_OP_RECIPROCAL,   /* x.reciprocal (); 2 / x is MUL(scalar) over RECIPROCAL in 1.13 */
  CS_GRAD_OP_SQRT, CS_GRAD_OP_SIN, CS_GRAD_OP_COS, CS_GRAD_OP_TANH,
  CS_GRAD_OP_SIGMOID, CS_GRAD_OP_RELU,
  CS_GRAD_OP_ALIAS,        /* x[...] / x[:] style alias of the whole tensor: AliasBackward0 */
  CS_GRAD_OP_MV,           /* matrix @ vector: MvBackward0 */
  CS_GRAD_OP_MAXIMUM,      /* torch.maximum (a, b): MaximumBackward0 (also MAX with 2 inputs) */
  CS_GRAD_OP_MINIMUM,      /* torch.minimum (a, b): MinimumBackward0 (also MIN with 2 inputs) */
  CS_GRAD_OP_MAX_DIM,      /* x.max (dim): the values, {x}, dim, keepdim: MaxBackward0 */
  CS_GRAD_OP_MIN_DIM,      /* x.min (dim): the values, {x}, dim, keepdim: MinBackward0 */
  CS_GRAD_OP_N_OPS
} CsGradOp;

/* What the tensor model tells autograd about an op.
 *
 * Conventions per op (inputs[] in PyTorch's next_functions order):
 *  - ADD/SUB: inputs {a, b}; b NULL for a Python scalar (rec->scalar),
 *    alpha (x.add (y, alpha=2)) not supported.  scalar_on_left for 2 + x is
 *    still recorded as {x, NULL} (PyTorch swaps it to x + 2).
 *  - MUL/DIV: {a, b}, NULL for a scalar.  2 * x → {x, NULL}.
 *  - POW: {base, exponent}; exponent NULL for a scalar exponent.
 *    Scalar ** tensor (2 ** x): {NULL, x}, scalar_on_left = TRUE.
 *  - RSUB: {x, NULL} for scalar - x.
 *  - SUM/MEAN: {x}; n_dims = 0 for a full reduction, else dims[] (normalised,
 *    non-negative) and keepdim.
 *  - TRANSPOSE: dim, dim1 (normalised).  T: nothing.  PERMUTE: dims[n_dims].
 *  - reshape of a tensor that cannot be viewed: CLONE on a contiguous copy, then
 *    UNSAFE_VIEW of that copy (PyTorch: UnsafeViewBackward0 over CloneBackward0);
 *    the UNSAFE_VIEW result is not treated as a view for in-place writes.
 *  - VIEW/RESHAPE_ALIAS/UNSAFE_VIEW/EXPAND/SQUEEZE/UNSQUEEZE: the input's shape
 *    is read from inputs[0]; UNSQUEEZE/SQUEEZE dim (normalised; SQUEEZE with
 *    n_dims = 0 squeezes all size-1 dims).
 *  - SELECT: dim, index (normalised).  SLICE: dim, start, length (elements of
 *    the result along dim), step.  NARROW: dim, start, length (recorded as
 *    SliceBackward0 as 1.13 does).
 *  - TO_COPY: {x} (x.float (), x.double (), x.to (dtype)).
 *  - MATMUL/MM/MV/DOT: {a, b}.
 *  - MAX/MIN: {x} full reduction (MaxBackward1 / MinBackward1); with a dim
 *    (values, indices) — dim, keepdim, and index unused: not supported yet.
 *  - CAT/STACK: inputs[] all operands, dim.
 *  - FILL/ZERO/COPY: in-place writers for cs_autograd_record_inplace:
 *    FILL (x.fill_ (v)): no tensor input; ZERO (x.zero_ ());
 *    COPY (x.copy_ (y), x[i] = y): inputs {y}.  x[i] = scalar is a copy_ of
 *    a wrapped scalar in PyTorch (CopySlices gets a None edge): record COPY
 *    with inputs {NULL}, or FILL after cs_autograd_check_inplace (view, TRUE).  Arithmetic in place
 *    (x.add_ (1), x *= y) uses ADD/MUL/... with inputs {x, other}.
 */
typedef struct
{
  CsGradOp   op;
  CsObject **inputs;    /* operands in PyTorch's next_functions order; NULL for a
                           non-tensor operand (a Python scalar → next entry None) */
  guint      n_inputs;
  double     scalar;    /* a * 2.0, x ** 3, ... (the Python scalar operand) */
  gboolean   scalar_on_left;  /* 2 - x, 2 / x */
  gint64     dim, dim1, start, length, step, index;  /* transpose(dim, dim1), select, slice, narrow */
  guint      n_dims;
  gint64     dims[CS_MAX_DIMS];   /* permute order, sum dims, the input's shape for view/expand */
  gboolean   keepdim;
} CsGradRecord;

extern const CsClass cs_grad_fn_class;            /* the node class (CS_KIND_GRAD_FN) */

/* ---- grad mode ---------------------------------------------------------- */

gboolean  cs_autograd_is_enabled     (CsInterp *interp);
void      cs_autograd_set_enabled    (CsInterp *interp,
                                      gboolean  enabled);

/* ---- recording (called by the tensor model) ----------------------------- */

/* After a differentiable op computed @out (a fresh tensor or a view): when grad mode is on
 * and any input requires grad, set out's requires_grad, is_leaf = FALSE and a new grad_fn
 * node (name from op and PyTorch 1.13's choice, next_functions from inputs, saved tensors
 * with their versions for the ops that save them). Otherwise leave @out a leaf.
 * For view ops (TRANSPOSE, T, PERMUTE, VIEW, RESHAPE_ALIAS, SELECT, SLICE, NARROW, EXPAND,
 * UNSQUEEZE, SQUEEZE, ALIAS) @out must share inputs[0]'s storage: autograd remembers
 * the view's base for later in-place writes (CopySlices) even when nothing requires grad. */
void      cs_autograd_record         (CsInterp           *interp,
                                      CsObject           *out,
                                      const CsGradRecord *rec);
/* Before writing in place into @t (x.add_(1), x += 1, x[0] = 1, x.zero_(), x.copy_(y)):
 * raises PyTorch's leaf errors ("a leaf Variable that requires grad is being used in an
 * in-place operation." / "a view of a leaf Variable ...") and returns FALSE on error.
 * @via_view: the write goes through a view / indexing (x[0] = 1 on a leaf). */
gboolean  cs_autograd_check_inplace  (CsInterp *interp,
                                      CsObject *t,
                                      gboolean  via_view);
/* After the in-place write: the version counter was bumped by the writer (storage
 * version); rebase t's history (x.add_(1) on a non-leaf → AddBackward0 over the old
 * grad_fn; writes into a view of a graph tensor → CopySlices on the base).
 * For x[i] = v the tensor model passes the indexed view as @t (made with
 * cs_autograd_record so its base is known). */
void      cs_autograd_record_inplace (CsInterp           *interp,
                                      CsObject           *t,
                                      const CsGradRecord *rec);

/* ---- tensor attributes and methods -------------------------------------- */

/* Tensor attributes and methods that belong to autograd. getattr returns NULL without
 * raising when @name is not one of them (requires_grad, is_leaf, grad, grad_fn,
 * retains_grad, _version, output_nr, _base); setattr returns -1 not mine, 0 error, 1 done
 * (requires_grad, grad); method returns a bound builtin or NULL (backward, retain_grad,
 * requires_grad_, detach_, register_hook). */
CsObject *cs_autograd_tensor_getattr (CsInterp   *interp,
                                      CsObject   *t,
                                      const char *name);
int       cs_autograd_tensor_setattr (CsInterp   *interp,
                                      CsObject   *t,
                                      const char *name,
                                      CsObject   *value);
CsObject *cs_autograd_tensor_method  (CsInterp   *interp,
                                      CsObject   *t,
                                      const char *name);
/* The tensor class's traverse hook must call this (grad, grad_fn, view base). */
void      cs_autograd_tensor_traverse (CsObject    *t,
                                       CsVisitFunc  visit,
                                       gpointer     user_data);
/* The tensor class's finalize hook must call this (frees ag.extra). */
void      cs_autograd_tensor_finalize (CsObject    *t);
/* x.detach (): the tensor model makes the alias; this resets its autograd state
 * (requires_grad False, leaf, no grad_fn) while keeping the shared version counter. */
void      cs_autograd_detach_into     (CsObject    *detached);

/* torch.no_grad, torch.enable_grad, torch.set_grad_enabled, torch.is_grad_enabled and
 * torch.autograd (backward, grad, no_grad, enable_grad, set_grad_enabled): added to the
 * torch module.  The grad-mode objects are context managers and decorate functions
 * (torch.no_grad ()(f)). */
void      cs_autograd_add_torch_functions (CsInterp *interp,
                                           CsObject *torch_module);

/* ---- engine (C API, also used by Tensor.backward and the tests) --------- */

/* t.backward (gradient, retain_graph): @gradient NULL for the implicit 1 of a scalar.
 * FALSE + Python exception on error (PyTorch's texts: implicit gradient of a non-scalar,
 * no grad_fn, shape mismatch, graph freed, saved variable modified in place). */
gboolean  cs_autograd_backward       (CsInterp *interp,
                                      CsObject *t,
                                      CsObject *gradient,
                                      gboolean  retain_graph);

/* The node's PyTorch name ("MulBackward0"). */
const char *cs_grad_op_node_name     (const CsGradRecord *rec);

G_END_DECLS
