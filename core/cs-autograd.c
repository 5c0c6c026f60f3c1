/* cs-autograd.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Engine III: grad mode, graph nodes, recording ops the way PyTorch 1.13
 * records them, in-place rebasing (CopySlices), and the autograd
 * attributes and methods of tensors.  The engine and the formulas are in
 * cs-autograd-backward.c and cs-autograd-formulas.c.
 */

#include "config.h"

#include <string.h>

#include "cs-array.h"
#include "cs-autograd-private.h"

/* ---- tensor data ------------------------------------------------------------ */

#define MAX_TRACKED_VIEWS 256

CsAgData *
_cs_ag_data (CsObject *t)
{
  CsAgData *data = t->array.ag.extra;

  if (data == NULL)
    {
      data = g_new0 (CsAgData, 1);
      data->ref_count = 1;
      data->owner = t;
      t->array.ag.extra = data;
    }
  return data;
}

CsAgData *
_cs_ag_data_ref (CsAgData *data)
{
  data->ref_count++;
  return data;
}

void
_cs_ag_data_unref (CsAgData *data)
{
  if (data == NULL || --data->ref_count > 0)
    return;
  g_free (data->grad_fn_name);
  g_free (data->pending);
  g_clear_pointer (&data->views, g_ptr_array_unref);
  g_clear_pointer (&data->hooks, g_ptr_array_unref);
  g_free (data);
}

void
cs_autograd_tensor_traverse (CsObject    *t,
                             CsVisitFunc  visit,
                             gpointer     user_data)
{
  CsAgData *data = t->array.ag.extra;

  if (data && data->view_base)
    visit (data->view_base, user_data);
  if (data && data->hooks)
    for (guint i = 0; i < data->hooks->len; i++)
      if (g_ptr_array_index (data->hooks, i))
        visit (g_ptr_array_index (data->hooks, i), user_data);
}

void
_cs_ag_watch (CsObject *node_obj,
              CsAgData *data)
{
  CsAgNode *n = _cs_ag_node_of (node_obj);

  if (n == NULL)
    return;
  if (n->retainers == NULL)
    n->retainers = g_ptr_array_new_with_free_func ((GDestroyNotify) _cs_ag_data_unref);
  for (guint i = 0; i < n->retainers->len; i++)
    if (g_ptr_array_index (n->retainers, i) == data)
      return;
  g_ptr_array_add (n->retainers, _cs_ag_data_ref (data));
}

void
cs_autograd_tensor_finalize (CsObject *t)
{
  CsAgData *data = t->array.ag.extra;

  if (data == NULL)
    return;
  data->owner = NULL;
  data->view_base = NULL;
  t->array.ag.extra = NULL;
  _cs_ag_data_unref (data);
}

void
cs_autograd_detach_into (CsObject *detached)
{
  CsAgData *data = detached->array.ag.extra;

  detached->array.ag.requires_grad = FALSE;
  detached->array.ag.is_leaf = TRUE;
  detached->array.ag.retains_grad = FALSE;
  detached->array.ag.grad = NULL;
  detached->array.ag.grad_fn = NULL;
  if (data)
    {
      data->view_base = NULL;
      data->accumulator = NULL;
    }
}

void
_cs_ag_touch (CsInterp *interp,
              CsObject *obj)
{
  obj->version++;
  cs_interp_touch (interp, obj);
}

static gboolean
is_leaf (CsObject *t)
{
  return t->array.ag.grad_fn == NULL;
}

static void
set_grad_fn (CsInterp *interp,
             CsObject *t,
             CsObject *node)
{
  CsAgData *data = _cs_ag_data (t);

  t->array.ag.grad_fn = node;
  t->array.ag.requires_grad = TRUE;
  t->array.ag.is_leaf = FALSE;
  g_free (data->grad_fn_name);
  data->grad_fn_name = g_strdup (node->grad_fn.name);
  if (t->array.ag.retains_grad || (data->hooks && data->hooks->len > 0))
    _cs_ag_watch (node, data);
  _cs_ag_touch (interp, t);
}

/* ---- grad mode ---------------------------------------------------------------- */

gboolean
cs_autograd_is_enabled (CsInterp *interp)
{
  return interp->extension[CS_AUTOGRAD_EXTENSION_SLOT] == NULL;
}

void
cs_autograd_set_enabled (CsInterp *interp,
                         gboolean  enabled)
{
  interp->extension[CS_AUTOGRAD_EXTENSION_SLOT] = enabled ? NULL : GINT_TO_POINTER (1);
}

/* ---- node classes ------------------------------------------------------------- */

static GMutex class_lock;
static GHashTable *node_classes;   /* name -> CsClass* (never freed) */
static guint64 node_seq;

static char *node_repr (CsInterp *interp, CsObject *self);
static CsObject *node_getattr (CsInterp *interp, CsObject *self, const char *name);
static void node_finalize (CsObject *self);
static CsObject *node_name_method (CsInterp *interp, CsObject *self, const CsArgs *args);

static const CsMethodDef node_methods[] = {
  { "name", node_name_method },
  { NULL, NULL },
};

const CsClass cs_grad_fn_class = {
  .kind = CS_KIND_GRAD_FN,
  .name = "Node",
  .methods = node_methods,
  .repr = node_repr,
  .getattr = node_getattr,
  .finalize = node_finalize,
  .is_callable_value = TRUE,   /* Python nodes are callable: hidden from facts names */
};

static const CsClass *
node_class_for (const char *name)
{
  CsClass *cls;

  g_mutex_lock (&class_lock);
  if (node_classes == NULL)
    node_classes = g_hash_table_new (g_str_hash, g_str_equal);
  cls = g_hash_table_lookup (node_classes, name);
  if (cls == NULL)
    {
      cls = g_new (CsClass, 1);
      *cls = cs_grad_fn_class;
      cls->name = g_intern_string (name);
      g_hash_table_insert (node_classes, (gpointer) cls->name, cls);
    }
  g_mutex_unlock (&class_lock);
  return cls;
}

CsAgNode *
_cs_ag_node_of (CsObject *obj)
{
  if (obj == NULL || cs_object_kind (obj) != CS_KIND_GRAD_FN)
    return NULL;
  return obj->grad_fn.extra;
}

void
_cs_ag_saved_free (CsAgSaved *saved)
{
  if (saved == NULL)
    return;
  _cs_ag_data_unref (saved->data);
  if (saved->storage)
    cs_storage_unref (saved->storage);
  g_free (saved->values);
  g_free (saved);
}

void
_cs_ag_node_free (CsAgNode *node)
{
  if (node == NULL)
    return;
  g_free (node->in_shape);
  g_free (node->in_dtype);
  g_free (node->in_present);
  _cs_ag_saved_free (node->self_);
  _cs_ag_saved_free (node->other);
  _cs_ag_saved_free (node->result);
  g_clear_pointer (&node->retainers, g_ptr_array_unref);
  if (node->leaf)
    _cs_ag_data_unref (node->leaf);
  _cs_ag_node_free (node->fn);
  g_free (node);
}

static void
node_finalize (CsObject *self)
{
  CsAgNode *node = self->grad_fn.extra;

  if (node && node->leaf && node->leaf->accumulator == self)
    node->leaf->accumulator = NULL;
  _cs_ag_node_free (node);
  self->grad_fn.extra = NULL;
}

static char *
node_repr (CsInterp *interp,
           CsObject *self)
{
  return g_strdup_printf ("<%s object at 0x%" G_GINT64_MODIFIER "x>",
                          self->grad_fn.name, self->address);
}

static CsObject *
node_getattr (CsInterp   *interp,
              CsObject   *self,
              const char *name)
{
  if (strcmp (name, "next_functions") == 0)
    {
      CsObject *tuple = cs_tuple_new (interp, self->grad_fn.n_next);

      for (guint i = 0; i < self->grad_fn.n_next; i++)
        {
          CsObject *n = self->grad_fn.next[i].node;
          tuple->seq.items[i] = cs_tuple_pack (interp, 2, n ? n : cs_none (interp),
                                               cs_int_new (interp, self->grad_fn.next[i].input_nr));
        }
      return tuple;
    }
  if (strcmp (name, "variable") == 0 && self->grad_fn.variable)
    return self->grad_fn.variable;
  if (strcmp (name, "metadata") == 0)
    return cs_dict_new (interp);
  return NULL;
}

static CsObject *
node_name_method (CsInterp     *interp,
                  CsObject     *self,
                  const CsArgs *args)
{
  const char *name = self->grad_fn.name;

  if (!cs_args_no_kwargs (interp, args, "name"))
    return NULL;
  if (strcmp (name, "AccumulateGrad") == 0 || strcmp (name, "CopySlices") == 0)
    {
      g_autofree char *full = g_strconcat ("torch::autograd::", name, NULL);
      return cs_str_new (interp, full, -1);
    }
  return cs_str_new (interp, name, -1);
}

static CsObject *
node_new (CsInterp   *interp,
          const char *name,
          guint       n_next,
          CsAgNode   *data)
{
  CsObject *obj = cs_interp_alloc (interp, node_class_for (name));

  obj->grad_fn.name = g_strdup (name);
  obj->grad_fn.n_next = n_next;
  obj->grad_fn.next = g_new0 (CsGradEdge, MAX (n_next, 1));
  obj->grad_fn.extra = data;
  data->seq = __atomic_add_fetch (&node_seq, 1, __ATOMIC_RELAXED);
  return obj;
}

CsObject *
_cs_ag_accumulator (CsInterp *interp,
                    CsObject *leaf)
{
  CsAgData *data = _cs_ag_data (leaf);
  CsAgNode *node;
  CsObject *obj;

  if (data->accumulator)
    return data->accumulator;
  node = g_new0 (CsAgNode, 1);
  node->kind = CS_AG_NODE_ACCUMULATE;
  node->leaf = _cs_ag_data_ref (data);
  node->out_shape.ndim = leaf->array.view.ndim;
  memcpy (node->out_shape.shape, leaf->array.view.shape, sizeof node->out_shape.shape);
  node->out_dtype = leaf->array.view.dtype;
  obj = node_new (interp, "AccumulateGrad", 0, node);
  node->seq = G_MAXUINT64;
  obj->grad_fn.variable = leaf;
  data->accumulator = obj;
  return obj;
}

/* The edge a tensor operand contributes: its grad_fn, its AccumulateGrad,
 * or None. */
static CsGradEdge
edge_for (CsInterp *interp,
          CsObject *t)
{
  CsGradEdge e = { NULL, 0 };

  if (t == NULL || !t->array.ag.requires_grad)
    return e;
  if (t->array.ag.grad_fn)
    e.node = t->array.ag.grad_fn;
  else
    e.node = _cs_ag_accumulator (interp, t);
  return e;
}

static gboolean
requires_grad (CsObject *t)
{
  return t != NULL && t->array.ag.requires_grad;
}

/* ---- names --------------------------------------------------------------------- */

static gboolean
scalar_left (const CsGradRecord *rec)
{
  return rec->scalar_on_left
         || (rec->n_inputs >= 2 && rec->inputs[0] == NULL && rec->inputs[1] != NULL);
}

const char *
cs_grad_op_node_name (const CsGradRecord *rec)
{
  switch (rec->op)
    {
    case CS_GRAD_OP_ADD: return "AddBackward0";
    case CS_GRAD_OP_SUB: return scalar_left (rec) ? "RsubBackward1" : "SubBackward0";
    case CS_GRAD_OP_RSUB: return "RsubBackward1";
    case CS_GRAD_OP_MUL: return "MulBackward0";
    case CS_GRAD_OP_DIV: return scalar_left (rec) ? "MulBackward0" : "DivBackward0";
    case CS_GRAD_OP_NEG: return "NegBackward0";
    case CS_GRAD_OP_POW:
      return (scalar_left (rec) || (rec->n_inputs >= 2 && rec->inputs[1] != NULL))
             ? "PowBackward1" : "PowBackward0";
    case CS_GRAD_OP_EXP: return "ExpBackward0";
    case CS_GRAD_OP_LOG: return "LogBackward0";
    case CS_GRAD_OP_ABS: return "AbsBackward0";
    case CS_GRAD_OP_SUM: return rec->n_dims == 0 ? "SumBackward0" : "SumBackward1";
    case CS_GRAD_OP_MEAN: return rec->n_dims == 0 ? "MeanBackward0" : "MeanBackward1";
    case CS_GRAD_OP_CLONE: return "CloneBackward0";
    case CS_GRAD_OP_TRANSPOSE: return "TransposeBackward0";
    case CS_GRAD_OP_T: return "TBackward0";
    case CS_GRAD_OP_PERMUTE: return "PermuteBackward0";
    case CS_GRAD_OP_VIEW: return "ViewBackward0";
    case CS_GRAD_OP_RESHAPE_ALIAS: return "ReshapeAliasBackward0";
    case CS_GRAD_OP_UNSAFE_VIEW: return "UnsafeViewBackward0";
    case CS_GRAD_OP_SELECT: return "SelectBackward0";
    case CS_GRAD_OP_SLICE:
    case CS_GRAD_OP_NARROW: return "SliceBackward0";
    case CS_GRAD_OP_EXPAND: return "ExpandBackward0";
    case CS_GRAD_OP_UNSQUEEZE: return "UnsqueezeBackward0";
    case CS_GRAD_OP_SQUEEZE: return rec->n_dims == 0 ? "SqueezeBackward0" : "SqueezeBackward1";
    case CS_GRAD_OP_TO_COPY: return "ToCopyBackward0";
    case CS_GRAD_OP_MATMUL:
    case CS_GRAD_OP_MM: return "MmBackward0";
    case CS_GRAD_OP_MV: return "MvBackward0";
    case CS_GRAD_OP_DOT: return "DotBackward0";
    case CS_GRAD_OP_MAX:
      return rec->n_inputs >= 2 && rec->inputs && rec->inputs[1] ? "MaximumBackward0" : "MaxBackward1";
    case CS_GRAD_OP_MIN:
      return rec->n_inputs >= 2 && rec->inputs && rec->inputs[1] ? "MinimumBackward0" : "MinBackward1";
    case CS_GRAD_OP_MAXIMUM: return "MaximumBackward0";
    case CS_GRAD_OP_MAX_DIM: return "MaxBackward0";
    case CS_GRAD_OP_MIN_DIM: return "MinBackward0";
    case CS_GRAD_OP_MINIMUM: return "MinimumBackward0";
    case CS_GRAD_OP_CAT: return "CatBackward0";
    case CS_GRAD_OP_STACK: return "StackBackward0";
    case CS_GRAD_OP_FILL: return "FillBackward2";
    case CS_GRAD_OP_ZERO: return "ZeroBackward0";
    case CS_GRAD_OP_COPY: return "CopyBackwards";
    case CS_GRAD_OP_RECIPROCAL: return "ReciprocalBackward0";
    case CS_GRAD_OP_SQRT: return "SqrtBackward0";
    case CS_GRAD_OP_SIN: return "SinBackward0";
    case CS_GRAD_OP_COS: return "CosBackward0";
    case CS_GRAD_OP_TANH: return "TanhBackward0";
    case CS_GRAD_OP_SIGMOID: return "SigmoidBackward0";
    case CS_GRAD_OP_RELU: return "ReluBackward0";
    case CS_GRAD_OP_ALIAS: return "AliasBackward0";
    case CS_GRAD_OP_N_OPS:
    default:
      return "Node";
    }
}

/* ---- saved variables ------------------------------------------------------------ */

static void
shape_of (CsObject  *t,
          CsAgShape *shape)
{
  memset (shape, 0, sizeof *shape);
  shape->ndim = t->array.view.ndim;
  memcpy (shape->shape, t->array.view.shape, t->array.view.ndim * sizeof (gint64));
}

static CsAgSaved *
save_tensor (CsObject *t,
             gboolean  is_output)
{
  CsAgSaved *s = g_new0 (CsAgSaved, 1);

  if (!is_output)
    s->data = _cs_ag_data_ref (_cs_ag_data (t));
  s->is_output = is_output;
  if (t->array.view.storage)
    {
      s->storage = cs_storage_ref (t->array.view.storage);
      s->version = s->storage->version;
    }
  s->dtype = t->array.view.dtype;
  shape_of (t, &s->shape);
  s->values = cs_array_dup_doubles (t, &s->numel);
  return s;
}

/* A saved copy without a version counter (original values of an in-place
 * op's self, PyTorch saves a clone). */
static CsAgSaved *
save_values (const double    *values,
             gsize            numel,
             const CsAgShape *shape,
             CsDType          dtype)
{
  CsAgSaved *s = g_new0 (CsAgSaved, 1);

  s->dtype = dtype;
  s->shape = *shape;
  s->numel = numel;
  s->values = g_memdup2 (values, MAX (numel, 1) * sizeof (double));
  return s;
}

char *
_cs_ag_type_string (CsDType dtype)
{
  switch (dtype)
    {
    case CS_DTYPE_BOOL: return g_strdup ("torch.BoolTensor");
    case CS_DTYPE_UINT8: return g_strdup ("torch.ByteTensor");
    case CS_DTYPE_INT8: return g_strdup ("torch.CharTensor");
    case CS_DTYPE_INT16: return g_strdup ("torch.ShortTensor");
    case CS_DTYPE_INT32: return g_strdup ("torch.IntTensor");
    case CS_DTYPE_INT64: return g_strdup ("torch.LongTensor");
    case CS_DTYPE_FLOAT16: return g_strdup ("torch.HalfTensor");
    case CS_DTYPE_FLOAT64: return g_strdup ("torch.DoubleTensor");
    case CS_DTYPE_FLOAT32:
    case CS_N_DTYPES:
    default:
      return g_strdup ("torch.FloatTensor");
    }
}

/* ---- building formula nodes ------------------------------------------------------- */

static gboolean
is_binary (CsGradOp op)
{
  return op == CS_GRAD_OP_ADD || op == CS_GRAD_OP_SUB || op == CS_GRAD_OP_MUL
         || op == CS_GRAD_OP_DIV || op == CS_GRAD_OP_COPY;
}

/* The operands of a node in edge order (NULL = Python scalar / None). */
typedef struct
{
  CsObject *items[64];
  guint     n;
} Operands;

static void
operands_for_record (const CsGradRecord *rec,
                     Operands           *ops)
{
  ops->n = 0;
  switch (rec->op)
    {
    case CS_GRAD_OP_SUB:
    case CS_GRAD_OP_RSUB:
      if (rec->op == CS_GRAD_OP_RSUB || scalar_left (rec))
        {
          /* RsubBackward1: one edge, the tensor. */
          ops->items[ops->n++] = rec->n_inputs > 0 && rec->inputs[0] ? rec->inputs[0]
                                 : (rec->n_inputs > 1 ? rec->inputs[1] : NULL);
          return;
        }
      break;
    case CS_GRAD_OP_ADD:
    case CS_GRAD_OP_MUL:
    case CS_GRAD_OP_DIV:
      if (scalar_left (rec) && rec->n_inputs >= 2 && rec->inputs[0] == NULL)
        {
          /* 2 * x is recorded as x * 2. */
          ops->items[ops->n++] = rec->inputs[1];
          ops->items[ops->n++] = NULL;
          return;
        }
      break;
    case CS_GRAD_OP_POW:
      if (scalar_left (rec))
        {
          ops->items[ops->n++] = NULL;
          ops->items[ops->n++] = rec->n_inputs >= 2 && rec->inputs[1] ? rec->inputs[1]
                                 : (rec->n_inputs > 0 ? rec->inputs[0] : NULL);
          return;
        }
      if (rec->n_inputs >= 2 && rec->inputs[1] != NULL)
        {
          ops->items[ops->n++] = rec->inputs[0];
          ops->items[ops->n++] = rec->inputs[1];
          return;
        }
      ops->items[ops->n++] = rec->n_inputs > 0 ? rec->inputs[0] : NULL;
      return;
    default:
      break;
    }
  for (guint i = 0; i < rec->n_inputs && i < G_N_ELEMENTS (ops->items); i++)
    ops->items[ops->n++] = rec->inputs[i];
  if (is_binary (rec->op) && rec->op != CS_GRAD_OP_COPY)
    while (ops->n < 2)
      ops->items[ops->n++] = NULL;
  if (ops->n == 0)
    ops->items[ops->n++] = NULL;
}

/* Fill a formula node's shapes and saved variables.  @self_values: the
 * original values of self for an in-place op (NULL otherwise); @out: the
 * result tensor (for ops that save their result). */
static CsAgNode *
formula_node_new (const CsGradRecord *rec,
                  const Operands     *ops,
                  CsObject           *out,
                  const double       *self_values,
                  gsize               self_numel)
{
  CsAgNode *node = g_new0 (CsAgNode, 1);
  gboolean e0, e1;
  CsObject *a, *b;

  node->kind = CS_AG_NODE_FORMULA;
  node->op = rec->op == CS_GRAD_OP_RSUB ? CS_GRAD_OP_RSUB
             : (rec->op == CS_GRAD_OP_SUB && scalar_left (rec)) ? CS_GRAD_OP_RSUB
             : rec->op == CS_GRAD_OP_MATMUL ? CS_GRAD_OP_MM
             : (rec->op == CS_GRAD_OP_MAX && ops->n == 2) ? CS_GRAD_OP_MAXIMUM
             : (rec->op == CS_GRAD_OP_MIN && ops->n == 2) ? CS_GRAD_OP_MINIMUM : rec->op;
  node->rec = *rec;
  node->rec.inputs = NULL;
  node->rec.n_inputs = ops->n;
  if (node->op == CS_GRAD_OP_POW)
    node->rec.scalar_on_left = scalar_left (rec);
  node->n_in = ops->n;
  node->in_shape = g_new0 (CsAgShape, MAX (ops->n, 1));
  node->in_dtype = g_new0 (CsDType, MAX (ops->n, 1));
  node->in_present = g_new0 (gboolean, MAX (ops->n, 1));
  for (guint i = 0; i < ops->n; i++)
    {
      CsObject *t = ops->items[i];
      if (t)
        {
          shape_of (t, &node->in_shape[i]);
          node->in_dtype[i] = t->array.view.dtype;
          node->in_present[i] = requires_grad (t);
        }
      else
        {
          node->in_shape[i].ndim = 0;
          node->in_dtype[i] = out->array.view.dtype;
        }
    }
  shape_of (out, &node->out_shape);
  node->out_dtype = out->array.view.dtype;
  /* The in-place op's self was already overwritten: its old shape is out's. */
  if (self_values)
    node->in_shape[0] = node->out_shape;

  e0 = ops->n > 0 && node->in_present[0];
  e1 = ops->n > 1 && node->in_present[1];
  a = ops->n > 0 ? ops->items[0] : NULL;
  b = ops->n > 1 ? ops->items[1] : NULL;

#define SAVE_SELF() \
  G_STMT_START { \
    if (self_values) \
      node->self_ = save_values (self_values, self_numel, &node->in_shape[0], node->in_dtype[0]); \
    else if (a) \
      node->self_ = save_tensor (a, FALSE); \
    node->has_saved = TRUE; \
  } G_STMT_END
#define SAVE_OTHER() \
  G_STMT_START { \
    if (b) \
      node->other = save_tensor (b, FALSE); \
    node->has_saved = TRUE; \
  } G_STMT_END
#define SAVE_RESULT() \
  G_STMT_START { \
    node->result = save_tensor (out, TRUE); \
    node->has_saved = TRUE; \
  } G_STMT_END

  switch (node->op)
    {
    case CS_GRAD_OP_MUL:
      if (e1)
        SAVE_SELF ();
      if (e0)
        SAVE_OTHER ();
      break;
    case CS_GRAD_OP_DIV:
      if (e1)
        SAVE_SELF ();
      if (e0 || e1)
        SAVE_OTHER ();
      break;
    case CS_GRAD_OP_POW:
      if (node->n_in == 1)
        SAVE_SELF ();
      else
        {
          SAVE_SELF ();
          SAVE_OTHER ();
          if (e1)
            SAVE_RESULT ();
        }
      break;
    case CS_GRAD_OP_EXP:
    case CS_GRAD_OP_SQRT:
    case CS_GRAD_OP_TANH:
    case CS_GRAD_OP_SIGMOID:
    case CS_GRAD_OP_RELU:
    case CS_GRAD_OP_RECIPROCAL:
      SAVE_RESULT ();
      break;
    case CS_GRAD_OP_LOG:
    case CS_GRAD_OP_ABS:
    case CS_GRAD_OP_SIN:
    case CS_GRAD_OP_COS:
      SAVE_SELF ();
      break;
    case CS_GRAD_OP_MM:
    case CS_GRAD_OP_MV:
    case CS_GRAD_OP_DOT:
      if (e1)
        SAVE_SELF ();
      if (e0)
        SAVE_OTHER ();
      break;
    case CS_GRAD_OP_MAX:
    case CS_GRAD_OP_MIN:
      SAVE_SELF ();
      SAVE_RESULT ();
      break;
    case CS_GRAD_OP_MAXIMUM:
    case CS_GRAD_OP_MINIMUM:
      SAVE_SELF ();
      SAVE_OTHER ();
      break;
    case CS_GRAD_OP_MAX_DIM:
    case CS_GRAD_OP_MIN_DIM:
      /* PyTorch saves the indices output; the input's values give them back. */
      if (a)
        {
          gsize n = 0;
          g_autofree double *vals = cs_array_dup_doubles (a, &n);
          node->self_ = save_values (vals, n, &node->in_shape[0], node->in_dtype[0]);
        }
      node->has_saved = TRUE;
      break;
    default:
      break;
    }
#undef SAVE_SELF
#undef SAVE_OTHER
#undef SAVE_RESULT
  return node;
}

static CsObject *
formula_node_object (CsInterp       *interp,
                     const char     *name,
                     CsAgNode       *node,
                     const Operands *ops)
{
  CsObject *obj = node_new (interp, name, ops->n, node);

  for (guint i = 0; i < ops->n; i++)
    obj->grad_fn.next[i] = edge_for (interp, ops->items[i]);
  return obj;
}

/* ---- recording ------------------------------------------------------------------- */

static gboolean
any_requires_grad (const Operands *ops)
{
  for (guint i = 0; i < ops->n; i++)
    if (requires_grad (ops->items[i]))
      return TRUE;
  return FALSE;
}

/* TRUE when @out is a view of inputs[0] (shares its storage). */
static gboolean
note_view (CsInterp           *interp,
           CsObject           *out,
           const CsGradRecord *rec)
{
  CsObject *in = rec->n_inputs > 0 ? rec->inputs[0] : NULL;
  CsAgData *in_data, *out_data;

  if (rec->op == CS_GRAD_OP_UNSAFE_VIEW)
    return FALSE;
  if (in == NULL || in == out || cs_object_kind (in) != CS_KIND_TENSOR
      || in->array.view.storage != out->array.view.storage)
    return FALSE;
  in_data = in->array.ag.extra;
  out_data = _cs_ag_data (out);
  out_data->view_base = (in_data && in_data->view_base) ? in_data->view_base : in;
  /* Views whose grad_fn may need regenerating after in-place writes: only
   * those made in grad mode of a tensor that requires grad, and a bounded
   * number per base (loops of x[i] = v make one view per write). */
  if (cs_autograd_is_enabled (interp) && requires_grad (in))
    {
      CsAgData *bd = _cs_ag_data (out_data->view_base);
      if (bd->views == NULL)
        bd->views = g_ptr_array_new_with_free_func ((GDestroyNotify) _cs_ag_data_unref);
      /* Drop views that were freed (amortised: at powers of two). */
      if (bd->views->len >= 16 && (bd->views->len & (bd->views->len - 1)) == 0)
        for (guint i = bd->views->len; i > 0; i--)
          if (((CsAgData *) g_ptr_array_index (bd->views, i - 1))->owner == NULL)
            g_ptr_array_remove_index_fast (bd->views, i - 1);
      if (bd->views->len < MAX_TRACKED_VIEWS)
        g_ptr_array_add (bd->views, _cs_ag_data_ref (out_data));
    }
  out_data->view_no_grad = (in_data && in_data->view_no_grad)
                           || (!cs_autograd_is_enabled (interp) && requires_grad (in));
  return TRUE;
}

static CsAgNode *
shape_node_new (CsGradOp         op,
                const CsAgShape *in,
                const CsAgShape *out,
                CsDType          dtype)
{
  CsAgNode *node = g_new0 (CsAgNode, 1);

  node->kind = CS_AG_NODE_FORMULA;
  node->op = op;
  node->rec.op = op;
  node->n_in = 1;
  node->in_shape = g_new0 (CsAgShape, 1);
  node->in_dtype = g_new0 (CsDType, 1);
  node->in_present = g_new0 (gboolean, 1);
  node->in_shape[0] = *in;
  node->in_dtype[0] = dtype;
  node->in_present[0] = TRUE;
  node->out_shape = *out;
  node->out_dtype = dtype;
  return node;
}

/* vector @ matrix in PyTorch 1.13: SqueezeBackward3 over MmBackward0 over
 * UnsqueezeBackward0 (the vector as a 1 x k matrix). */
static void
record_vector_matrix (CsInterp *interp,
                      CsObject *out,
                      CsObject *a,
                      CsObject *b)
{
  CsAgShape va, row, bs, orow, os;
  CsAgNode *mm, *sq;
  CsObject *unsq_obj = NULL, *mm_obj, *sq_obj;
  CsDType dt = out->array.view.dtype;

  shape_of (a, &va);
  shape_of (b, &bs);
  shape_of (out, &os);
  row = va;
  row.ndim = 2;
  row.shape[0] = 1;
  row.shape[1] = va.shape[0];
  orow = os;
  orow.ndim = 2;
  orow.shape[0] = 1;
  orow.shape[1] = os.shape[0];

  if (requires_grad (a))
    {
      unsq_obj = node_new (interp, "UnsqueezeBackward0", 1,
                           shape_node_new (CS_GRAD_OP_UNSQUEEZE, &va, &row, a->array.view.dtype));
      unsq_obj->grad_fn.next[0] = edge_for (interp, a);
    }

  mm = g_new0 (CsAgNode, 1);
  mm->kind = CS_AG_NODE_FORMULA;
  mm->op = CS_GRAD_OP_MM;
  mm->rec.op = CS_GRAD_OP_MM;
  mm->n_in = 2;
  mm->in_shape = g_new0 (CsAgShape, 2);
  mm->in_dtype = g_new0 (CsDType, 2);
  mm->in_present = g_new0 (gboolean, 2);
  mm->in_shape[0] = row;
  mm->in_shape[1] = bs;
  mm->in_dtype[0] = a->array.view.dtype;
  mm->in_dtype[1] = b->array.view.dtype;
  mm->in_present[0] = requires_grad (a);
  mm->in_present[1] = requires_grad (b);
  mm->out_shape = orow;
  mm->out_dtype = dt;
  if (requires_grad (b))
    {
      mm->self_ = save_tensor (a, FALSE);
      mm->self_->shape = row;
    }
  if (requires_grad (a))
    mm->other = save_tensor (b, FALSE);
  mm->has_saved = TRUE;
  mm_obj = node_new (interp, "MmBackward0", 2, mm);
  mm_obj->grad_fn.next[0].node = unsq_obj;
  mm_obj->grad_fn.next[1] = edge_for (interp, b);

  sq = shape_node_new (CS_GRAD_OP_SQUEEZE, &orow, &os, dt);
  sq_obj = node_new (interp, "SqueezeBackward3", 1, sq);
  sq_obj->grad_fn.next[0].node = mm_obj;
  set_grad_fn (interp, out, sq_obj);
}

void
cs_autograd_record (CsInterp           *interp,
                    CsObject           *out,
                    const CsGradRecord *rec)
{
  Operands ops;
  CsAgNode *node;
  CsObject *obj;
  gboolean is_view;

  if (out == NULL || cs_object_kind (out) != CS_KIND_TENSOR)
    return;
  is_view = note_view (interp, out, rec);
  if (!cs_autograd_is_enabled (interp))
    {
      /* A view made in no_grad mode of a tensor that requires grad still
       * requires grad (a leaf without grad_fn, CreationMeta::NO_GRAD_MODE). */
      if (is_view && requires_grad (rec->inputs[0]) && cs_dtype_is_floating (out->array.view.dtype))
        {
          out->array.ag.requires_grad = TRUE;
          _cs_ag_touch (interp, out);
        }
      return;
    }
  operands_for_record (rec, &ops);
  if (!any_requires_grad (&ops))
    return;
  if (!cs_dtype_is_floating (out->array.view.dtype))
    return;

  if (rec->op == CS_GRAD_OP_DIV && scalar_left (rec))
    {
      /* 2 / x: MulBackward0 (2 * reciprocal) over ReciprocalBackward0. */
      CsObject *x = ops.items[0];
      CsAgNode *recip = g_new0 (CsAgNode, 1);
      CsAgNode *mul;
      CsObject *robj;
      gsize n = 0;
      g_autofree double *vals = cs_array_dup_doubles (x, &n);
      CsAgSaved *rs;

      for (gsize k = 0; k < n; k++)
        vals[k] = 1.0 / vals[k];
      recip->kind = CS_AG_NODE_FORMULA;
      recip->op = CS_GRAD_OP_RECIPROCAL;
      recip->rec.op = CS_GRAD_OP_RECIPROCAL;
      recip->n_in = 1;
      recip->in_shape = g_new0 (CsAgShape, 1);
      recip->in_dtype = g_new0 (CsDType, 1);
      recip->in_present = g_new0 (gboolean, 1);
      shape_of (x, &recip->in_shape[0]);
      recip->in_dtype[0] = x->array.view.dtype;
      recip->in_present[0] = TRUE;
      recip->out_shape = recip->in_shape[0];
      recip->out_dtype = x->array.view.dtype;
      rs = save_values (vals, n, &recip->out_shape, recip->out_dtype);
      rs->is_output = TRUE;
      recip->result = rs;
      recip->has_saved = TRUE;
      robj = node_new (interp, "ReciprocalBackward0", 1, recip);
      robj->grad_fn.next[0] = edge_for (interp, x);

      mul = g_new0 (CsAgNode, 1);
      mul->kind = CS_AG_NODE_FORMULA;
      mul->op = CS_GRAD_OP_MUL;
      mul->rec = *rec;
      mul->rec.op = CS_GRAD_OP_MUL;
      mul->rec.inputs = NULL;
      mul->n_in = 2;
      mul->in_shape = g_new0 (CsAgShape, 2);
      mul->in_dtype = g_new0 (CsDType, 2);
      mul->in_present = g_new0 (gboolean, 2);
      mul->in_shape[0] = recip->out_shape;
      mul->in_dtype[0] = recip->out_dtype;
      mul->in_present[0] = TRUE;
      mul->in_dtype[1] = recip->out_dtype;
      shape_of (out, &mul->out_shape);
      mul->out_dtype = out->array.view.dtype;
      mul->has_saved = TRUE;   /* the wrapped scalar */
      obj = node_new (interp, "MulBackward0", 2, mul);
      obj->grad_fn.next[0].node = robj;
      set_grad_fn (interp, out, obj);
      return;
    }

  if (rec->op == CS_GRAD_OP_MATMUL)
    {
      CsObject *a = ops.n > 0 ? ops.items[0] : NULL;
      CsObject *b = ops.n > 1 ? ops.items[1] : NULL;
      if (a && b && a->array.view.ndim == 1 && b->array.view.ndim == 2)
        {
          record_vector_matrix (interp, out, a, b);
          return;
        }
      if (!(a && b && a->array.view.ndim == 2 && b->array.view.ndim == 2))
        return;   /* batched matmul is not modelled: the result stays a leaf */
    }
  node = formula_node_new (rec, &ops, out, NULL, 0);
  obj = formula_node_object (interp, cs_grad_op_node_name (rec), node, &ops);
  set_grad_fn (interp, out, obj);
}

/* ---- in-place ---------------------------------------------------------------------- */

gboolean
cs_autograd_check_inplace (CsInterp *interp,
                           CsObject *t,
                           gboolean  via_view)
{
  CsAgData *data;
  CsObject *base;

  if (t == NULL || cs_object_kind (t) != CS_KIND_TENSOR)
    return TRUE;
  data = t->array.ag.extra;
  if (data)
    g_clear_pointer (&data->pending, g_free);
  if (!cs_autograd_is_enabled (interp))
    return TRUE;
  base = data ? data->view_base : NULL;
  if (base)
    {
      if (data->view_no_grad && base->array.ag.requires_grad)
        {
          cs_interp_raise (interp, "RuntimeError",
                           "A view was created in no_grad mode and is being modified inplace with grad mode enabled. "
                           "Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify "
                           "your code by moving both the view and the inplace either both inside the no_grad block "
                           "(if you don't want the inplace to be tracked) or both outside (if you want the inplace "
                           "to be tracked).");
          return FALSE;
        }
      if (is_leaf (base) && base->array.ag.requires_grad)
        {
          cs_interp_raise (interp, "RuntimeError",
                           "a view of a leaf Variable that requires grad is being used in an in-place operation.");
          return FALSE;
        }
    }
  if (is_leaf (t) && t->array.ag.requires_grad)
    {
      if (via_view)
        cs_interp_raise (interp, "RuntimeError",
                         "a view of a leaf Variable that requires grad is being used in an in-place operation.");
      else
        cs_interp_raise (interp, "RuntimeError",
                         "a leaf Variable that requires grad is being used in an in-place operation.");
      return FALSE;
    }
  data = _cs_ag_data (t);
  data->pending = cs_array_dup_doubles (t, &data->pending_numel);
  data->pending_via_view = via_view;
  return TRUE;
}

static void
geometry_of (CsObject     *t,
             CsAgGeometry *g)
{
  memset (g, 0, sizeof *g);
  g->ndim = t->array.view.ndim;
  memcpy (g->shape, t->array.view.shape, g->ndim * sizeof (gint64));
  memcpy (g->strides, t->array.view.strides, g->ndim * sizeof (gint64));
  g->offset = (gint64) t->array.view.offset;
}

/* The operands of an in-place op after self: (other) for arithmetic, (src) for copy_. */
static void
inplace_extras (CsObject           *t,
                const CsGradRecord *rec,
                Operands           *extras)
{
  guint from = 0;

  extras->n = 0;
  if (rec->op == CS_GRAD_OP_FILL || rec->op == CS_GRAD_OP_ZERO)
    return;
  if (rec->op != CS_GRAD_OP_COPY && rec->n_inputs > 0 && rec->inputs[0] == t)
    from = 1;
  for (guint i = from; i < rec->n_inputs && extras->n < G_N_ELEMENTS (extras->items) - 1; i++)
    extras->items[extras->n++] = rec->inputs[i];
  if (is_binary (rec->op) && extras->n == 0)
    extras->items[extras->n++] = NULL;
  if (rec->op == CS_GRAD_OP_POW && extras->n == 1 && extras->items[0] == NULL)
    extras->n = 0;
}

static gboolean record_inplace_impl (CsInterp *interp, CsObject *t, const CsGradRecord *rec);

/* AsStridedBackward0 for @view over @base's current history. */
static CsObject *
as_strided_node (CsInterp *interp,
                 CsObject *base,
                 CsObject *view,
                 CsObject *next)
{
  CsAgNode *as = g_new0 (CsAgNode, 1);
  CsObject *obj;

  as->kind = CS_AG_NODE_AS_STRIDED;
  as->n_in = 1;
  as->in_shape = g_new0 (CsAgShape, 1);
  as->in_dtype = g_new0 (CsDType, 1);
  as->in_present = g_new0 (gboolean, 1);
  shape_of (base, &as->in_shape[0]);
  as->in_dtype[0] = base->array.view.dtype;
  as->in_present[0] = TRUE;
  shape_of (view, &as->out_shape);
  as->out_dtype = view->array.view.dtype;
  geometry_of (base, &as->base_geom);
  geometry_of (view, &as->view_geom);
  obj = node_new (interp, "AsStridedBackward0", 1, as);
  obj->grad_fn.next[0].node = next;
  return obj;
}

/* PyTorch regenerates the grad_fn of a view whose version changed (the base
 * or another view was modified in place) as AsStridedBackward0 over the
 * base's history, when it reads grad_fn.  Facts read it after every step,
 * so this is done eagerly after each in-place write. */
static void
regenerate_views (CsInterp *interp,
                  CsObject *base,
                  CsObject *except)
{
  CsAgData *bd = base->array.ag.extra;

  if (bd == NULL || bd->views == NULL)
    return;
  for (guint i = 0; i < bd->views->len; i++)
    {
      CsAgData *vd = g_ptr_array_index (bd->views, i);
      CsObject *v = vd->owner;

      if (v == NULL || v == except || vd->view_no_grad)
        continue;
      if (v->array.ag.grad_fn == NULL && !base->array.ag.requires_grad)
        continue;
      if (!cs_dtype_is_floating (v->array.view.dtype))
        continue;
      set_grad_fn (interp, v, as_strided_node (interp, base, v, edge_for (interp, base).node));
    }
}

void
cs_autograd_record_inplace (CsInterp           *interp,
                            CsObject           *t,
                            const CsGradRecord *rec)
{
  CsAgData *data;
  CsObject *base;
  gboolean handled, via_view;

  if (t == NULL || cs_object_kind (t) != CS_KIND_TENSOR)
    return;
  data = _cs_ag_data (t);
  via_view = data->pending_via_view;
  handled = record_inplace_impl (interp, t, rec);
  base = data->view_base ? data->view_base : t;
  if (via_view && data->view_base)
    {
      /* x[i] = v: the indexing view is a temporary of the statement. */
      CsAgData *bd = data->view_base->array.ag.extra;
      if (bd && bd->views && bd->views->len > 0
          && g_ptr_array_index (bd->views, bd->views->len - 1) == data)
        g_ptr_array_remove_index (bd->views, bd->views->len - 1);
    }
  regenerate_views (interp, base, handled ? t : NULL);
}

/* TRUE when @t got its new grad_fn here. */
static gboolean
record_inplace_impl (CsInterp           *interp,
                     CsObject           *t,
                     const CsGradRecord *rec)
{
  CsAgData *data;
  CsObject *base;
  Operands extras, ops;
  g_autofree double *pending = NULL;
  gsize pending_numel = 0;
  gboolean any_other = FALSE;
  CsGradRecord r;
  CsAgNode *fn;
  CsObject *obj;

  data = _cs_ag_data (t);
  pending = g_steal_pointer (&data->pending);
  pending_numel = data->pending_numel;
  if (!cs_autograd_is_enabled (interp))
    return FALSE;
  if (rec->op == CS_GRAD_OP_FILL && data->pending_via_view)
    {
      /* x[i] = 2.0 is copy_ of a wrapped scalar: CopyBackwards (self, None). */
      static CsObject *none_input[1] = { NULL };
      CsGradRecord *copy = g_newa (CsGradRecord, 1);
      *copy = *rec;
      copy->op = CS_GRAD_OP_COPY;
      copy->inputs = none_input;
      copy->n_inputs = 1;
      rec = copy;
    }
  data->pending_via_view = FALSE;
  if (!cs_dtype_is_floating (t->array.view.dtype))
    return FALSE;
  base = data->view_base;
  inplace_extras (t, rec, &extras);
  for (guint i = 0; i < extras.n; i++)
    if (requires_grad (extras.items[i]))
      any_other = TRUE;
  if (pending == NULL)
    pending = cs_array_dup_doubles (t, &pending_numel);

  /* The op as a formula over (t's old values, extras...). */
  ops.n = 0;
  ops.items[ops.n++] = t;
  for (guint i = 0; i < extras.n; i++)
    ops.items[ops.n++] = extras.items[i];
  r = *rec;
  r.inputs = ops.items;
  r.n_inputs = ops.n;
  r.scalar_on_left = FALSE;

  if (base == NULL)
    {
      CsGradEdge self_edge;

      if (!requires_grad (t) && !any_other)
        return FALSE;
      self_edge = edge_for (interp, t);
      fn = formula_node_new (&r, &ops, t, pending, pending_numel);
      fn->in_present[0] = requires_grad (t);
      obj = node_new (interp, cs_grad_op_node_name (&r), ops.n, fn);
      obj->grad_fn.next[0] = self_edge;
      for (guint i = 1; i < ops.n; i++)
        obj->grad_fn.next[i] = edge_for (interp, ops.items[i]);
      set_grad_fn (interp, t, obj);
      return FALSE;
    }

  /* A write into a view: CopySlices on the base, AsStridedBackward0 on the view. */
  if (!requires_grad (base) && !any_other)
    return FALSE;
  {
    CsAgNode *cs = g_new0 (CsAgNode, 1);
    CsObject *cs_obj, *as_obj;
    CsGradEdge base_edge = edge_for (interp, base);

    fn = formula_node_new (&r, &ops, t, pending, pending_numel);
    fn->in_present[0] = TRUE;

    cs->kind = CS_AG_NODE_COPY_SLICES;
    cs->fn = fn;
    cs->n_in = ops.n;
    cs->in_shape = g_new0 (CsAgShape, MAX (ops.n, 1));
    cs->in_dtype = g_new0 (CsDType, MAX (ops.n, 1));
    cs->in_present = g_new0 (gboolean, MAX (ops.n, 1));
    shape_of (base, &cs->in_shape[0]);
    cs->in_dtype[0] = base->array.view.dtype;
    cs->in_present[0] = requires_grad (base);
    for (guint i = 1; i < ops.n; i++)
      {
        cs->in_shape[i] = fn->in_shape[i];
        cs->in_dtype[i] = fn->in_dtype[i];
        cs->in_present[i] = fn->in_present[i];
      }
    shape_of (base, &cs->out_shape);
    cs->out_dtype = base->array.view.dtype;
    geometry_of (base, &cs->base_geom);
    geometry_of (t, &cs->view_geom);
    cs->has_saved = fn->has_saved;
    cs_obj = node_new (interp, "CopySlices", ops.n, cs);
    cs_obj->grad_fn.next[0] = base_edge;
    for (guint i = 1; i < ops.n; i++)
      cs_obj->grad_fn.next[i] = edge_for (interp, ops.items[i]);
    set_grad_fn (interp, base, cs_obj);

    as_obj = as_strided_node (interp, base, t, cs_obj);
    set_grad_fn (interp, t, as_obj);
  }
  return TRUE;
}

/* ---- tensor attributes -------------------------------------------------------------- */

static const char nonleaf_grad_warning[] =
  "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
  "attribute won't be populated during autograd.backward(). If you indeed want the .grad field "
  "to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you "
  "access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See "
  "github.com/pytorch/pytorch/pull/30531 for more informations.";

CsObject *
cs_autograd_tensor_getattr (CsInterp   *interp,
                            CsObject   *t,
                            const char *name)
{
  CsAgData *data = t->array.ag.extra;

  if (strcmp (name, "requires_grad") == 0)
    return cs_bool (interp, t->array.ag.requires_grad);
  if (strcmp (name, "is_leaf") == 0)
    return cs_bool (interp, is_leaf (t));
  if (strcmp (name, "retains_grad") == 0)
    return cs_bool (interp, t->array.ag.retains_grad);
  if (strcmp (name, "grad_fn") == 0)
    return t->array.ag.grad_fn ? t->array.ag.grad_fn : cs_none (interp);
  if (strcmp (name, "grad") == 0)
    {
      if (!is_leaf (t) && !t->array.ag.retains_grad)
        cs_interp_warn (interp, "UserWarning", nonleaf_grad_warning);
      return t->array.ag.grad ? t->array.ag.grad : cs_none (interp);
    }
  if (strcmp (name, "_version") == 0)
    return cs_int_new (interp, t->array.view.storage ? t->array.view.storage->version : 0);
  if (strcmp (name, "output_nr") == 0)
    return cs_int_new (interp, 0);
  if (strcmp (name, "_base") == 0)
    return data && data->view_base ? data->view_base : cs_none (interp);
  return NULL;
}

static gboolean
set_requires_grad (CsInterp *interp,
                   CsObject *t,
                   gboolean  value)
{
  if (!is_leaf (t))
    {
      if (!value)
        {
          cs_interp_raise (interp, "RuntimeError",
                           "you can only change requires_grad flags of leaf variables. If you want to use a "
                           "computed variable in a subgraph that doesn't require differentiation use "
                           "var_no_grad = var.detach().");
          return FALSE;
        }
      return TRUE;
    }
  if (value && !cs_dtype_is_floating (t->array.view.dtype))
    {
      cs_interp_raise (interp, "RuntimeError",
                       "only Tensors of floating point dtype can require gradients");
      return FALSE;
    }
  t->array.ag.requires_grad = value;
  t->array.ag.is_leaf = TRUE;
  _cs_ag_touch (interp, t);
  return TRUE;
}

static gboolean
same_shape (CsObject *a,
            CsObject *b)
{
  if (a->array.view.ndim != b->array.view.ndim)
    return FALSE;
  for (guint i = 0; i < a->array.view.ndim; i++)
    if (a->array.view.shape[i] != b->array.view.shape[i])
      return FALSE;
  return TRUE;
}

int
cs_autograd_tensor_setattr (CsInterp   *interp,
                            CsObject   *t,
                            const char *name,
                            CsObject   *value)
{
  if (strcmp (name, "requires_grad") == 0)
    {
      int truth = cs_op_truth (interp, value);
      if (truth < 0)
        return 0;
      return set_requires_grad (interp, t, truth) ? 1 : 0;
    }
  if (strcmp (name, "grad") == 0)
    {
      if (value == NULL || cs_object_kind (value) == CS_KIND_NONE)
        {
          t->array.ag.grad = NULL;
          _cs_ag_touch (interp, t);
          return 1;
        }
      if (!cs_is_tensor (value))
        {
          cs_interp_raise (interp, "TypeError",
                           "assigned grad expected to be a Tensor or None but got grad of type%s",
                           cs_object_type_name (value));
          return 0;
        }
      if (value->array.view.dtype != t->array.view.dtype)
        {
          cs_interp_raise (interp, "RuntimeError", "assigned grad has data of a different type");
          return 0;
        }
      if (!same_shape (value, t))
        {
          cs_interp_raise (interp, "RuntimeError", "assigned grad has data of a different size");
          return 0;
        }
      t->array.ag.grad = value;
      _cs_ag_touch (interp, t);
      return 1;
    }
  return -1;
}

/* ---- tensor methods ------------------------------------------------------------------- */

static CsObject *
method_backward (CsInterp     *interp,
                 CsObject     *self,
                 const CsArgs *args)
{
  static const char *names[] = { "gradient", "retain_graph", "create_graph", "inputs" };
  CsObject *out[4] = { NULL };
  gboolean retain = FALSE;
  CsObject *gradient = NULL;

  if (!cs_args_parse (interp, args, "backward", names, 4, 0, out))
    return NULL;
  if (out[0] && cs_object_kind (out[0]) != CS_KIND_NONE)
    gradient = out[0];
  if (out[1] && cs_object_kind (out[1]) != CS_KIND_NONE)
    {
      int truth = cs_op_truth (interp, out[1]);
      if (truth < 0)
        return NULL;
      retain = truth;
    }
  if (out[2] && cs_object_kind (out[2]) != CS_KIND_NONE && cs_op_truth (interp, out[2]) > 0)
    {
      cs_interp_raise (interp, "UnsupportedFeature", "backward(create_graph=True) is not modelled");
      return NULL;
    }
  if (out[3] && cs_object_kind (out[3]) != CS_KIND_NONE)
    {
      cs_interp_raise (interp, "UnsupportedFeature", "backward(inputs=...) is not modelled");
      return NULL;
    }
  if (!cs_autograd_backward (interp, self, gradient, retain))
    return NULL;
  return cs_none (interp);
}

static CsObject *
method_retain_grad (CsInterp     *interp,
                    CsObject     *self,
                    const CsArgs *args)
{
  if (!cs_args_no_kwargs (interp, args, "retain_grad"))
    return NULL;
  if (!self->array.ag.requires_grad)
    {
      cs_interp_raise (interp, "RuntimeError",
                       "can't retain_grad on Tensor that has requires_grad=False");
      return NULL;
    }
  if (is_leaf (self) || self->array.ag.retains_grad)
    return cs_none (interp);
  self->array.ag.retains_grad = TRUE;
  _cs_ag_watch (self->array.ag.grad_fn, _cs_ag_data (self));
  _cs_ag_touch (interp, self);
  return cs_none (interp);
}

static CsObject *
method_requires_grad_ (CsInterp     *interp,
                       CsObject     *self,
                       const CsArgs *args)
{
  static const char *names[] = { "requires_grad" };
  CsObject *out[1] = { NULL };
  gboolean value = TRUE;

  if (!cs_args_parse (interp, args, "requires_grad_", names, 1, 0, out))
    return NULL;
  if (out[0])
    {
      int truth = cs_op_truth (interp, out[0]);
      if (truth < 0)
        return NULL;
      value = truth;
    }
  if (!set_requires_grad (interp, self, value))
    return NULL;
  return self;
}

static CsObject *
method_detach_ (CsInterp     *interp,
                CsObject     *self,
                const CsArgs *args)
{
  CsAgData *data = self->array.ag.extra;

  if (!cs_args_no_kwargs (interp, args, "detach_"))
    return NULL;
  if (data && data->view_base)
    {
      cs_interp_raise (interp, "RuntimeError",
                       "Can't detach views in-place. Use detach() instead. If you are using "
                       "DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set "
                       "as True, gradients are views of DDP buckets, and hence detach_() cannot be called "
                       "on these gradients. To fix this error, please refer to the Optimizer.zero_grad() "
                       "function in torch/optim/optimizer.py as the solution.");
      return NULL;
    }
  self->array.ag.requires_grad = FALSE;
  self->array.ag.grad_fn = NULL;
  self->array.ag.is_leaf = TRUE;
  self->array.ag.retains_grad = FALSE;
  if (data)
    data->accumulator = NULL;
  _cs_ag_touch (interp, self);
  return self;
}

static CsObject *
handle_remove (CsInterp     *interp,
               CsObject     *self,
               const CsArgs *args)
{
  CsObject *t = self->opaque.refs[0];
  guint index = GPOINTER_TO_UINT (self->opaque.data);
  CsAgData *data = t ? t->array.ag.extra : NULL;

  if (!cs_args_no_kwargs (interp, args, "remove"))
    return NULL;
  if (data && data->hooks && index > 0 && index <= data->hooks->len)
    g_ptr_array_index (data->hooks, index - 1) = NULL;
  return cs_none (interp);
}

static const CsMethodDef handle_methods[] = {
  { "remove", handle_remove },
  { NULL, NULL },
};

static char *
handle_repr (CsInterp *interp,
             CsObject *self)
{
  return g_strdup_printf ("<torch.utils.hooks.RemovableHandle object at 0x%" G_GINT64_MODIFIER "x>",
                          self->address);
}

static const CsClass removable_handle_class = {
  .kind = CS_KIND_OPAQUE, .name = "RemovableHandle", .module = "torch.utils.hooks",
  .methods = handle_methods, .repr = handle_repr,
};

static CsObject *
method_register_hook (CsInterp     *interp,
                      CsObject     *self,
                      const CsArgs *args)
{
  static const char *names[] = { "hook" };
  CsObject *out[1] = { NULL };
  CsAgData *data;
  CsObject *handle;

  if (!cs_args_parse (interp, args, "register_hook", names, 1, 1, out))
    return NULL;
  if (!self->array.ag.requires_grad)
    {
      cs_interp_raise (interp, "RuntimeError",
                       "cannot register a hook on a tensor that doesn't require gradient");
      return NULL;
    }
  data = _cs_ag_data (self);
  if (data->hooks == NULL)
    data->hooks = g_ptr_array_new ();
  g_ptr_array_add (data->hooks, out[0]);
  if (self->array.ag.grad_fn)
    _cs_ag_watch (self->array.ag.grad_fn, data);
  handle = cs_interp_alloc (interp, &removable_handle_class);
  handle->opaque.refs[0] = self;
  handle->opaque.data = GUINT_TO_POINTER (data->hooks->len);
  return handle;
}

CsObject *
cs_autograd_tensor_method (CsInterp   *interp,
                           CsObject   *t,
                           const char *name)
{
  if (strcmp (name, "backward") == 0)
    return cs_builtin_new (interp, "backward", method_backward, t, NULL);
  if (strcmp (name, "retain_grad") == 0)
    return cs_builtin_new (interp, "retain_grad", method_retain_grad, t, NULL);
  if (strcmp (name, "requires_grad_") == 0)
    return cs_builtin_new (interp, "requires_grad_", method_requires_grad_, t, NULL);
  if (strcmp (name, "detach_") == 0)
    return cs_builtin_new (interp, "detach_", method_detach_, t, NULL);
  if (strcmp (name, "register_hook") == 0)
    return cs_builtin_new (interp, "register_hook", method_register_hook, t, NULL);
  return NULL;
}

/* ---- grad-mode context managers ------------------------------------------------------- */

typedef enum
{
  MODE_NO_GRAD,
  MODE_ENABLE_GRAD,
  MODE_SET_GRAD_ENABLED,
} ModeKind;

/* opaque.data: GUINT_TO_POINTER of (kind | target << 2 | prev << 3 | entered << 4) */
#define MODE_KIND(v)    ((v) & 3u)
#define MODE_TARGET(v)  (((v) >> 2) & 1u)
#define MODE_PREV(v)    (((v) >> 3) & 1u)

static char *
mode_repr (CsInterp *interp,
           CsObject *self)
{
  return g_strdup_printf ("<torch.autograd.grad_mode.%s object at 0x%" G_GINT64_MODIFIER "x>",
                          self->cls->name, self->address);
}

static CsObject *
mode_enter (CsInterp *interp,
            CsObject *self)
{
  guint v = GPOINTER_TO_UINT (self->opaque.data);

  if (MODE_KIND (v) != MODE_SET_GRAD_ENABLED)
    {
      v = (v & ~(1u << 3)) | ((cs_autograd_is_enabled (interp) ? 1u : 0u) << 3);
      self->opaque.data = GUINT_TO_POINTER (v);
      cs_autograd_set_enabled (interp, MODE_TARGET (v));
    }
  return cs_none (interp);
}

static gboolean
mode_exit (CsInterp *interp,
           CsObject *self)
{
  guint v = GPOINTER_TO_UINT (self->opaque.data);

  cs_autograd_set_enabled (interp, MODE_PREV (v));
  return TRUE;
}

static char *
decorated_repr (CsInterp *interp,
                CsObject *self)
{
  return cs_op_repr (interp, self->opaque.refs[0]);
}

static CsObject *
decorated_call (CsInterp     *interp,
                CsObject     *self,
                const CsArgs *args)
{
  guint v = GPOINTER_TO_UINT (self->opaque.data);
  gboolean prev = cs_autograd_is_enabled (interp);
  CsObject *result;

  cs_autograd_set_enabled (interp, MODE_TARGET (v));
  result = cs_op_call (interp, self->opaque.refs[0], args);
  cs_autograd_set_enabled (interp, prev);
  return result;
}

/* A function decorated with @torch.no_grad () (functools.wraps keeps its repr). */
static const CsClass decorated_class = {
  .kind = CS_KIND_OPAQUE, .name = "function",
  .repr = decorated_repr, .call = decorated_call,
  .is_callable_value = TRUE,
};

static CsObject *
mode_call (CsInterp     *interp,
           CsObject     *self,
           const CsArgs *args)
{
  CsObject *obj;

  if (args->n_args != 1 || args->n_kw != 0)
    {
      cs_interp_raise (interp, "TypeError", "__call__() takes 2 positional arguments but %u were given",
                       args->n_args + 1);
      return NULL;
    }
  obj = cs_interp_alloc (interp, &decorated_class);
  obj->opaque.data = self->opaque.data;
  obj->opaque.refs[0] = args->args[0];
  return obj;
}

static const CsClass no_grad_class = {
  .kind = CS_KIND_OPAQUE, .name = "no_grad", .module = "torch.autograd.grad_mode",
  .repr = mode_repr, .enter = mode_enter, .exit = mode_exit, .call = mode_call,
  .is_callable_value = TRUE,   /* a _DecoratorContextManager */
};
static const CsClass enable_grad_class = {
  .kind = CS_KIND_OPAQUE, .name = "enable_grad", .module = "torch.autograd.grad_mode",
  .repr = mode_repr, .enter = mode_enter, .exit = mode_exit, .call = mode_call,
  .is_callable_value = TRUE,   /* a _DecoratorContextManager */
};
static const CsClass set_grad_enabled_class = {
  .kind = CS_KIND_OPAQUE, .name = "set_grad_enabled", .module = "torch.autograd.grad_mode",
  .repr = mode_repr, .enter = mode_enter, .exit = mode_exit, .call = mode_call,
  .is_callable_value = TRUE,   /* a _DecoratorContextManager */
};

static CsObject *
mode_new (CsInterp      *interp,
          const CsClass *cls,
          guint          bits)
{
  CsObject *obj = cs_interp_alloc (interp, cls);

  obj->opaque.data = GUINT_TO_POINTER (bits);
  return obj;
}

static CsObject *
fn_no_grad (CsInterp     *interp,
            CsObject     *self,
            const CsArgs *args)
{
  if (args->n_args > 0 || args->n_kw > 0)
    {
      cs_interp_raise (interp, "TypeError", "__init__() takes 1 positional argument but %u were given",
                       args->n_args + 1);
      return NULL;
    }
  return mode_new (interp, &no_grad_class, MODE_NO_GRAD | (0u << 2));
}

static CsObject *
fn_enable_grad (CsInterp     *interp,
                CsObject     *self,
                const CsArgs *args)
{
  if (args->n_args > 0 || args->n_kw > 0)
    {
      cs_interp_raise (interp, "TypeError", "__init__() takes 1 positional argument but %u were given",
                       args->n_args + 1);
      return NULL;
    }
  return mode_new (interp, &enable_grad_class, MODE_ENABLE_GRAD | (1u << 2));
}

static CsObject *
fn_set_grad_enabled (CsInterp     *interp,
                     CsObject     *self,
                     const CsArgs *args)
{
  static const char *names[] = { "mode" };
  CsObject *out[1] = { NULL };
  int truth;
  guint prev = cs_autograd_is_enabled (interp) ? 1u : 0u;

  if (!cs_args_parse (interp, args, "set_grad_enabled", names, 1, 1, out))
    return NULL;
  truth = cs_op_truth (interp, out[0]);
  if (truth < 0)
    return NULL;
  /* PyTorch 1.13 switches the mode in the constructor already. */
  cs_autograd_set_enabled (interp, truth);
  return mode_new (interp, &set_grad_enabled_class,
                   MODE_SET_GRAD_ENABLED | ((guint) (truth ? 1 : 0) << 2) | (prev << 3));
}

static CsObject *
fn_is_grad_enabled (CsInterp     *interp,
                    CsObject     *self,
                    const CsArgs *args)
{
  if (args->n_args > 0 || args->n_kw > 0)
    {
      cs_interp_raise (interp, "TypeError", "is_grad_enabled() takes no arguments (%u given)",
                       args->n_args + args->n_kw);
      return NULL;
    }
  return cs_bool (interp, cs_autograd_is_enabled (interp));
}

static CsObject *
fn_autograd_backward (CsInterp     *interp,
                      CsObject     *self,
                      const CsArgs *args)
{
  static const char *names[] = { "tensors", "grad_tensors", "retain_graph" };
  CsObject *out[3] = { NULL };
  CsObject *t, *g = NULL;
  gboolean retain = FALSE;

  if (!cs_args_parse (interp, args, "backward", names, 3, 1, out))
    return NULL;
  t = out[0];
  if (cs_object_kind (t) == CS_KIND_TUPLE || cs_object_kind (t) == CS_KIND_LIST)
    {
      if (t->seq.len != 1)
        {
          cs_interp_raise (interp, "UnsupportedFeature",
                           "torch.autograd.backward with several tensors is not modelled");
          return NULL;
        }
      t = t->seq.items[0];
    }
  if (out[1] && cs_object_kind (out[1]) != CS_KIND_NONE)
    {
      g = out[1];
      if ((cs_object_kind (g) == CS_KIND_TUPLE || cs_object_kind (g) == CS_KIND_LIST) && g->seq.len == 1)
        g = g->seq.items[0];
    }
  if (out[2] && cs_object_kind (out[2]) != CS_KIND_NONE)
    {
      int truth = cs_op_truth (interp, out[2]);
      if (truth < 0)
        return NULL;
      retain = truth;
    }
  if (!cs_is_tensor (t))
    {
      cs_interp_raise (interp, "TypeError", "backward() expects a Tensor");
      return NULL;
    }
  if (!cs_autograd_backward (interp, t, g, retain))
    return NULL;
  return cs_none (interp);
}

/* A tensor or a one-level sequence of tensors as an array. */
static GPtrArray *
tensor_list (CsInterp   *interp,
             CsObject   *value,
             const char *what)
{
  GPtrArray *list = g_ptr_array_new ();

  if (cs_object_kind (value) == CS_KIND_TUPLE || cs_object_kind (value) == CS_KIND_LIST)
    {
      for (gsize i = 0; i < value->seq.len; i++)
        g_ptr_array_add (list, value->seq.items[i]);
    }
  else
    g_ptr_array_add (list, value);
  for (guint i = 0; i < list->len; i++)
    if (!cs_is_tensor (g_ptr_array_index (list, i)))
      {
        cs_interp_raise (interp, "TypeError", "%s must be a Tensor or a sequence of Tensors, not %s",
                         what, cs_object_type_name (g_ptr_array_index (list, i)));
        g_ptr_array_unref (list);
        return NULL;
      }
  return list;
}

static CsObject *
fn_autograd_grad (CsInterp     *interp,
                  CsObject     *self,
                  const CsArgs *args)
{
  static const char *names[] = { "outputs", "inputs", "grad_outputs", "retain_graph",
                                 "create_graph", "only_inputs", "allow_unused" };
  CsObject *out[7] = { NULL };
  g_autoptr (GPtrArray) outputs = NULL;
  g_autoptr (GPtrArray) inputs = NULL;
  g_autoptr (GHashTable) capture = NULL;
  g_autofree CsObject **keys = NULL;
  CsObject *gradient = NULL, *result;
  gboolean retain = FALSE, allow_unused = FALSE;

  if (!cs_args_parse (interp, args, "grad", names, 7, 2, out))
    return NULL;
  outputs = tensor_list (interp, out[0], "outputs");
  if (outputs == NULL)
    return NULL;
  inputs = tensor_list (interp, out[1], "inputs");
  if (inputs == NULL)
    return NULL;
  if (outputs->len != 1)
    {
      cs_interp_raise (interp, "UnsupportedFeature",
                       "torch.autograd.grad with several outputs is not modelled");
      return NULL;
    }
  if (out[2] && cs_object_kind (out[2]) != CS_KIND_NONE)
    {
      g_autoptr (GPtrArray) go = tensor_list (interp, out[2], "grad_outputs");
      if (go == NULL)
        return NULL;
      gradient = go->len > 0 ? g_ptr_array_index (go, 0) : NULL;
    }
  if (out[4] && cs_object_kind (out[4]) != CS_KIND_NONE && cs_op_truth (interp, out[4]) > 0)
    {
      cs_interp_raise (interp, "UnsupportedFeature", "torch.autograd.grad(create_graph=True) is not modelled");
      return NULL;
    }
  if (out[3] && cs_object_kind (out[3]) != CS_KIND_NONE)
    retain = cs_op_truth (interp, out[3]) > 0;
  if (out[6] && cs_object_kind (out[6]) != CS_KIND_NONE)
    allow_unused = cs_op_truth (interp, out[6]) > 0;

  capture = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  keys = g_new0 (CsObject *, MAX (inputs->len, 1));
  for (guint i = 0; i < inputs->len; i++)
    {
      CsObject *t = g_ptr_array_index (inputs, i);
      if (!t->array.ag.requires_grad)
        {
          cs_interp_raise (interp, "RuntimeError", "One of the differentiated Tensors does not require grad");
          return NULL;
        }
      keys[i] = t->array.ag.grad_fn ? t->array.ag.grad_fn : _cs_ag_accumulator (interp, t);
      g_hash_table_insert (capture, keys[i], NULL);
    }
  if (!_cs_ag_run_backward (interp, g_ptr_array_index (outputs, 0), gradient, retain, capture))
    return NULL;
  result = cs_tuple_new (interp, inputs->len);
  for (guint i = 0; i < inputs->len; i++)
    {
      CsObject *t = g_ptr_array_index (inputs, i);
      double *values = g_hash_table_lookup (capture, keys[i]);
      if (values == NULL)
        {
          if (!allow_unused)
            {
              cs_interp_raise (interp, "RuntimeError",
                               "One of the differentiated Tensors appears to not have been used in the graph. "
                               "Set allow_unused=True if this is the desired behavior.");
              return NULL;
            }
          result->seq.items[i] = cs_none (interp);
          continue;
        }
      result->seq.items[i] = cs_tensor_new_from_doubles (interp, t->array.view.dtype, t->array.view.ndim,
                                                         t->array.view.shape, values);
      if (result->seq.items[i] == NULL)
        return NULL;
    }
  return result;
}

void
cs_autograd_add_torch_functions (CsInterp *interp,
                                 CsObject *torch_module)
{
  CsObject *autograd = cs_module_new (interp, "torch.autograd");

  cs_module_add_function (interp, torch_module, "no_grad", fn_no_grad);
  cs_module_add_function (interp, torch_module, "enable_grad", fn_enable_grad);
  cs_module_add_function (interp, torch_module, "set_grad_enabled", fn_set_grad_enabled);
  cs_module_add_function (interp, torch_module, "is_grad_enabled", fn_is_grad_enabled);
  cs_module_add_function (interp, autograd, "backward", fn_autograd_backward);
  cs_module_add_function (interp, autograd, "grad", fn_autograd_grad);
  cs_module_add_function (interp, autograd, "no_grad", fn_no_grad);
  cs_module_add_function (interp, autograd, "enable_grad", fn_enable_grad);
  cs_module_add_function (interp, autograd, "set_grad_enabled", fn_set_grad_enabled);
  cs_module_add (interp, torch_module, "autograd", autograd);
}
