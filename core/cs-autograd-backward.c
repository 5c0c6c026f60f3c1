/* cs-autograd-backward.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The backward engine, modelled on torch/csrc/autograd/engine.cpp of
 * PyTorch 1.13: dependencies are counted over the graph reachable from the
 * root, a node runs once all its inputs arrived, ready nodes run highest
 * sequence number first (AccumulateGrad first of all), saved variables are
 * checked against their version counters when unpacked and freed after the
 * node ran unless retain_graph.  Gradients are computed in double and
 * rounded to each tensor's dtype on every edge; each edge travelled and
 * each .grad accumulation is recorded as an event.
 */

#include "config.h"

#include <string.h>

#include "cs-array.h"
#include "cs-autograd-private.h"
#include "cs-format.h"

#define MAX_BACKWARD_WORK 200000000

typedef struct
{
  CsObject *node;
  guint     deps;
  double   *buffer;      /* accumulated input gradient, node->out_shape */
  gboolean  queued;
  /* The gradient is a view of a bigger gradient tensor (CatBackward0 and
   * StackBackward0 narrow/select their input gradient): AccumulateGrad
   * may steal it as the leaf's .grad, sharing that tensor's storage. */
  gboolean  needed;      /* capture mode: leads to a captured node */
  CsObject *view_src;
  guint     view_ndim;
  gint64    view_shape[CS_MAX_DIMS];
  gint64    view_strides[CS_MAX_DIMS];
  gint64    view_offset;
} Task;

static double
round_to (CsDType dtype,
          double  v)
{
  union { double d; float f; guint16 h; guint8 b[8]; } buf;

  switch (dtype)
    {
    case CS_DTYPE_FLOAT32:
      return (double) (float) v;
    case CS_DTYPE_FLOAT16:
      cs_dtype_set_double (dtype, &buf, 0, v);
      return cs_dtype_get_double (dtype, &buf, 0);
    default:
      return v;
    }
}

static void
round_all (CsDType dtype,
           double *values,
           gsize   n)
{
  if (dtype == CS_DTYPE_FLOAT64)
    return;
  for (gsize k = 0; k < n; k++)
    values[k] = round_to (dtype, values[k]);
}

/* "[2., 4., 2.]": the values as PyTorch prints them, without "tensor(". */
static char *
format_values (CsDType          dtype,
               const CsAgShape *shape,
               const double    *values)
{
  gsize n = _cs_ag_shape_numel (shape);
  gsize itemsize = cs_dtype_itemsize (dtype);
  g_autofree guint8 *data = g_malloc0 (MAX (n, 1) * itemsize);
  gint64 strides[CS_MAX_DIMS];
  gint64 s = 1;
  g_autofree char *text = NULL;
  char *start, *end, *cut;
  GString *out;

  for (gsize k = 0; k < n; k++)
    cs_dtype_set_double (dtype, data, k, values[k]);
  for (guint i = shape->ndim; i > 0; i--)
    {
      strides[i - 1] = s;
      s *= MAX (shape->shape[i - 1], 1);
    }
  text = cs_format_tensor (dtype, data, 0, shape->ndim, shape->shape, strides, NULL, NULL);
  if (text == NULL)
    return g_strdup ("");
  start = text;
  if (g_str_has_prefix (start, "tensor("))
    start += strlen ("tensor(");
  cut = strstr (start, ", dtype=");
  if (cut)
    *cut = '\0';
  cut = strstr (start, ", size=");
  if (cut)
    *cut = '\0';
  end = start + strlen (start);
  if (end > start && end[-1] == ')' && cut == NULL && g_str_has_prefix (text, "tensor("))
    end[-1] = '\0';
  /* Multi-line values lose the indentation of "tensor(". */
  out = g_string_new (NULL);
  for (const char *p = start; *p; p++)
    {
      g_string_append_c (out, *p);
      if (*p == '\n')
        {
          int skip = 0;
          while (p[1] == ' ' && skip < 7)
            {
              p++;
              skip++;
            }
        }
    }
  return g_string_free (out, FALSE);
}

static void
event_passed (CsInterp        *interp,
              guint64          from,
              guint64          to,
              CsDType          dtype,
              const CsAgShape *shape,
              const double    *values)
{
  CsEvent *ev = cs_event_new (CS_EVENT_GRAD_PASSED);

  ev->serial = from;
  ev->other_serial = to;
  ev->text = format_values (dtype, shape, values);
  cs_interp_add_event (interp, ev);
}

static void
raise_freed (CsInterp *interp)
{
  cs_interp_raise (interp, "RuntimeError",
                   "Trying to backward through the graph a second time (or directly access saved tensors "
                   "after they have already been freed). Saved intermediate values of the graph are freed "
                   "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
                   "backward through the graph a second time or if you need to access saved tensors after "
                   "calling backward.");
}

static char *
sizes_text (const CsAgShape *shape)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < shape->ndim; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? ", " : "", shape->shape[i]);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* SavedVariable::unpack: the version check. */
static gboolean
check_saved (CsInterp        *interp,
             CsObject        *node_obj,
             const CsAgSaved *saved)
{
  g_autofree char *type = NULL;
  g_autofree char *sizes = NULL;
  g_autofree char *which = NULL;
  const char *fn_name = NULL;

  if (saved == NULL || saved->storage == NULL || saved->storage->version == saved->version)
    return TRUE;
  type = _cs_ag_type_string (saved->dtype);
  sizes = sizes_text (&saved->shape);
  if (saved->is_output)
    fn_name = node_obj->grad_fn.name;
  else if (saved->data)
    {
      if (saved->data->owner)
        fn_name = saved->data->owner->array.ag.grad_fn
                  ? saved->data->owner->array.ag.grad_fn->grad_fn.name : NULL;
      else
        fn_name = saved->data->grad_fn_name;
    }
  which = fn_name ? g_strdup_printf (", which is output 0 of %s,", fn_name) : g_strdup ("");
  cs_interp_raise (interp, "RuntimeError",
                   "one of the variables needed for gradient computation has been modified by an "
                   "inplace operation: [%s %s]%s is at version %u; expected version %u instead. "
                   "Hint: enable anomaly detection to find the operation that failed to compute its "
                   "gradient, with torch.autograd.set_detect_anomaly(True).",
                   type, sizes, which, saved->storage->version, saved->version);
  return FALSE;
}

static gboolean
unpack_node (CsInterp *interp,
             CsObject *obj,
             CsAgNode *node)
{
  if (node->has_saved && node->released)
    {
      raise_freed (interp);
      return FALSE;
    }
  if (node->kind == CS_AG_NODE_COPY_SLICES && node->fn)
    node = node->fn;
  return check_saved (interp, obj, node->self_)
         && check_saved (interp, obj, node->other)
         && check_saved (interp, obj, node->result);
}

static void
release_node (CsAgNode *node)
{
  if (!node->has_saved)
    return;
  node->released = TRUE;
  g_clear_pointer (&node->self_, _cs_ag_saved_free);
  g_clear_pointer (&node->other, _cs_ag_saved_free);
  g_clear_pointer (&node->result, _cs_ag_saved_free);
  if (node->fn)
    {
      g_clear_pointer (&node->fn->self_, _cs_ag_saved_free);
      g_clear_pointer (&node->fn->other, _cs_ag_saved_free);
      g_clear_pointer (&node->fn->result, _cs_ag_saved_free);
    }
}

static CsObject *
tensor_from (CsInterp        *interp,
             CsDType          dtype,
             const CsAgShape *shape,
             const double    *values)
{
  return cs_tensor_new_from_doubles (interp, dtype, shape->ndim, shape->shape, values);
}

/* Tensor hooks (register_hook): each may return a tensor that replaces
 * the gradient. */
static gboolean
run_hooks (CsInterp        *interp,
           CsAgData        *data,
           CsDType          dtype,
           const CsAgShape *shape,
           double          *grad)
{
  gsize n = _cs_ag_shape_numel (shape);

  if (data == NULL || data->hooks == NULL)
    return TRUE;
  for (guint i = 0; i < data->hooks->len; i++)
    {
      CsObject *hook = g_ptr_array_index (data->hooks, i);
      CsObject *g, *r;
      CsArgs args = { 0 };

      if (hook == NULL)
        continue;
      g = tensor_from (interp, dtype, shape, grad);
      if (g == NULL)
        return FALSE;
      args.args = &g;
      args.n_args = 1;
      r = cs_op_call (interp, hook, &args);
      if (r == NULL)
        return FALSE;
      if (cs_is_tensor (r))
        {
          gsize rn = 0;
          g_autofree double *rv = cs_array_dup_doubles (r, &rn);
          if (rn != n)
            {
              cs_interp_raise (interp, "RuntimeError",
                               "hook 'hook' has changed the size of value");
              return FALSE;
            }
          memcpy (grad, rv, MAX (n, 1) * sizeof (double));
          round_all (dtype, grad, n);
        }
      else if (cs_object_kind (r) != CS_KIND_NONE)
        {
          cs_interp_raise (interp, "TypeError", "hook returned %s, expected a Tensor or None",
                           cs_object_type_name (r));
          return FALSE;
        }
    }
  return TRUE;
}

/* Hooks and retain_grad () of the tensors whose grad_fn is @obj. */
static gboolean
run_retainers (CsInterp     *interp,
               CsObject     *obj,
               CsAgNode     *node,
               double       *grad)
{
  gsize n = _cs_ag_shape_numel (&node->out_shape);

  if (node->retainers == NULL)
    return TRUE;
  for (guint i = 0; i < node->retainers->len; i++)
    {
      CsAgData *data = g_ptr_array_index (node->retainers, i);
      CsObject *t = data->owner;

      if (t == NULL || t->array.ag.grad_fn != obj)
        continue;
      if (!run_hooks (interp, data, t->array.view.dtype, &node->out_shape, grad))
        return FALSE;
    }
  for (guint i = 0; i < node->retainers->len; i++)
    {
      CsAgData *data = g_ptr_array_index (node->retainers, i);
      CsObject *t = data->owner;
      g_autofree double *vals = NULL;
      CsObject *g, *old;

      if (t == NULL || !t->array.ag.retains_grad || t->array.ag.grad_fn != obj)
        continue;
      old = t->array.ag.grad;
      vals = g_memdup2 (grad, MAX (n, 1) * sizeof (double));
      if (old)
        {
          gsize on = 0;
          g_autofree double *ov = cs_array_dup_doubles (old, &on);
          for (gsize k = 0; k < n && k < on; k++)
            vals[k] += ov[k];
        }
      round_all (t->array.view.dtype, vals, n);
      /* grad = grad + new_grad: a new tensor each time. */
      g = tensor_from (interp, t->array.view.dtype, &node->out_shape, vals);
      if (g == NULL)
        return FALSE;
      t->array.ag.grad = g;
      _cs_ag_touch (interp, t);
    }
  return TRUE;
}

/* Task @nt receives input @i of a CatBackward0 / StackBackward0 @node whose
 * incoming gradient is the tensor @src: its gradient is a narrow / select
 * view of @src. */
static void
split_view (Task           *nt,
            const CsAgNode *node,
            CsObject       *src,
            guint           i)
{
  const CsView *v = &src->array.view;
  gint64 dim = node->rec.dim;
  gint64 pos = 0;

  if (dim < 0 || (guint) dim >= v->ndim)
    return;
  for (guint j = 0; j < i; j++)
    pos += node->op == CS_GRAD_OP_STACK ? 1 : node->in_shape[j].shape[dim];
  nt->view_src = src;
  nt->view_offset = pos * v->strides[dim];
  if (node->op == CS_GRAD_OP_CAT)
    {
      nt->view_ndim = v->ndim;
      for (guint d = 0; d < v->ndim; d++)
        {
          nt->view_shape[d] = d == (guint) dim ? node->in_shape[i].shape[dim] : v->shape[d];
          nt->view_strides[d] = v->strides[d];
        }
    }
  else
    {
      guint k = 0;
      for (guint d = 0; d < v->ndim; d++)
        if (d != (guint) dim)
          {
            nt->view_shape[k] = v->shape[d];
            nt->view_strides[k++] = v->strides[d];
          }
      nt->view_ndim = k;
    }
}

/* utils::obeys_layout_contract for a dense leaf: the same strides on every
 * dimension of size > 1. */
static gboolean
obeys_layout (const Task *task,
              CsObject   *leaf)
{
  const CsView *lv = &leaf->array.view;

  if (task->view_ndim != lv->ndim)
    return FALSE;
  for (guint d = 0; d < lv->ndim; d++)
    {
      if (task->view_shape[d] != lv->shape[d])
        return FALSE;
      if (lv->shape[d] != 1 && task->view_strides[d] != lv->strides[d])
        return FALSE;
      if (lv->shape[d] == 1 && task->view_strides[d] == 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
accumulate (CsInterp     *interp,
            CsObject     *obj,
            CsAgNode     *node,
            Task         *task)
{
  const double *grad = task->buffer;
  CsObject *leaf = obj->grad_fn.variable;
  CsObject *old, *g;
  gsize n = _cs_ag_shape_numel (&node->out_shape);
  g_autofree double *vals = NULL;
  CsEvent *ev;

  if (leaf == NULL)
    return TRUE;
  if (node->leaf && node->leaf->hooks)
    {
      if (!run_hooks (interp, node->leaf, leaf->array.view.dtype, &node->out_shape, task->buffer))
        return FALSE;
      task->view_src = NULL;
    }
  old = leaf->array.ag.grad;
  vals = g_memdup2 (grad, MAX (n, 1) * sizeof (double));
  round_all (leaf->array.view.dtype, vals, n);
  if (old == NULL && task->view_src && task->view_src->array.view.dtype == leaf->array.view.dtype
      && obeys_layout (task, leaf))
    {
      /* AccumulateGrad steals the incoming gradient: a view (new_grad.detach ()). */
      g = cs_tensor_new_view (interp, task->view_src, task->view_ndim, task->view_shape,
                              task->view_strides, (gsize) task->view_offset);
      if (g == NULL)
        return FALSE;
      leaf->array.ag.grad = g;
      _cs_ag_touch (interp, leaf);
    }
  else if (old == NULL)
    {
      g = tensor_from (interp, leaf->array.view.dtype, &node->out_shape, vals);
      if (g == NULL)
        return FALSE;
      leaf->array.ag.grad = g;
      _cs_ag_touch (interp, leaf);
    }
  else
    {
      /* In place, as AccumulateGrad does when it holds the only reference. */
      gsize on = 0;
      g_autofree double *ov = cs_array_dup_doubles (old, &on);
      for (gsize k = 0; k < n && k < on; k++)
        vals[k] += ov[k];
      round_all (old->array.view.dtype, vals, n);
      cs_array_set_doubles (interp, old, vals);
      g = old;
    }
  ev = cs_event_new (CS_EVENT_GRAD_ACCUMULATED);
  ev->serial = leaf->serial;
  ev->old_serial = old ? old->serial : 0;
  ev->new_serial = g->serial;
  ev->text = format_values (leaf->array.view.dtype, &node->out_shape, vals);
  cs_interp_add_event (interp, ev);
  return TRUE;
}

static char *
size_repr (CsObject *t)
{
  GString *s = g_string_new ("torch.Size([");

  for (guint i = 0; i < t->array.view.ndim; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? ", " : "", t->array.view.shape[i]);
  g_string_append (s, "])");
  return g_string_free (s, FALSE);
}

static guint64
priority (CsObject *obj)
{
  return _cs_ag_node_of (obj)->seq;
}

gboolean
cs_autograd_backward (CsInterp *interp,
                      CsObject *t,
                      CsObject *gradient,
                      gboolean  retain_graph)
{
  return _cs_ag_run_backward (interp, t, gradient, retain_graph, NULL);
}

/* Marks (TRUE) the tasks from which a captured node is reachable. */
static void
mark_needed (GHashTable *tasks,
             GHashTable *capture)
{
  g_autoptr (GHashTable) parents = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) stack = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, tasks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CsObject *obj = key;
      for (guint i = 0; i < obj->grad_fn.n_next; i++)
        {
          CsObject *next = obj->grad_fn.next[i].node;
          GPtrArray *list;
          if (next == NULL)
            continue;
          list = g_hash_table_lookup (parents, next);
          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (parents, next, list);
            }
          g_ptr_array_add (list, obj);
        }
    }
  g_hash_table_iter_init (&iter, capture);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      Task *task = g_hash_table_lookup (tasks, key);
      if (task && !task->needed)
        {
          task->needed = TRUE;
          g_ptr_array_add (stack, key);
        }
    }
  while (stack->len > 0)
    {
      CsObject *obj = g_ptr_array_steal_index (stack, stack->len - 1);
      GPtrArray *list = g_hash_table_lookup (parents, obj);
      for (guint i = 0; list && i < list->len; i++)
        {
          Task *task = g_hash_table_lookup (tasks, g_ptr_array_index (list, i));
          if (task && !task->needed)
            {
              task->needed = TRUE;
              g_ptr_array_add (stack, task->node);
            }
        }
    }
}

gboolean
_cs_ag_run_backward (CsInterp   *interp,
                     CsObject   *t,
                     CsObject   *gradient,
                     gboolean    retain_graph,
                     GHashTable *capture)
{
  CsObject *root;
  g_autoptr (GHashTable) tasks = NULL;
  g_autoptr (GPtrArray) stack = NULL;
  g_autoptr (GPtrArray) ready = NULL;
  gsize n;
  double *root_grad;
  gboolean ok = TRUE;
  guint64 work = 0;
  Task *rt;
  CsAgShape tshape;

  if (!t->array.ag.requires_grad)
    {
      cs_interp_raise (interp, "RuntimeError",
                       "element 0 of tensors does not require grad and does not have a grad_fn");
      return FALSE;
    }
  memset (&tshape, 0, sizeof tshape);
  tshape.ndim = t->array.view.ndim;
  memcpy (tshape.shape, t->array.view.shape, tshape.ndim * sizeof (gint64));
  n = _cs_ag_shape_numel (&tshape);
  if (gradient == NULL)
    {
      if (n != 1)
        {
          cs_interp_raise (interp, "RuntimeError", "grad can be implicitly created only for scalar outputs");
          return FALSE;
        }
      root_grad = g_new (double, 1);
      root_grad[0] = 1.0;
    }
  else
    {
      gsize gn = 0;
      gboolean same;

      if (!cs_is_tensor (gradient))
        {
          cs_interp_raise (interp, "TypeError",
                           "gradient must be a Tensor or None, not %s", cs_object_type_name (gradient));
          return FALSE;
        }
      same = gradient->array.view.ndim == t->array.view.ndim;
      for (guint i = 0; same && i < t->array.view.ndim; i++)
        same = gradient->array.view.shape[i] == t->array.view.shape[i];
      if (!same)
        {
          g_autofree char *gs = size_repr (gradient);
          g_autofree char *ts = size_repr (t);
          cs_interp_raise (interp, "RuntimeError",
                           "Mismatch in shape: grad_output[0] has a shape of %s and output[0] has a shape of %s.",
                           gs, ts);
          return FALSE;
        }
      root_grad = cs_array_dup_doubles (gradient, &gn);
    }
  round_all (t->array.view.dtype, root_grad, n);

  root = t->array.ag.grad_fn ? t->array.ag.grad_fn : _cs_ag_accumulator (interp, t);

  /* Count dependencies over the reachable graph (iteratively). */
  tasks = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  stack = g_ptr_array_new ();
  {
    Task *task = g_new0 (Task, 1);
    task->node = root;
    g_hash_table_insert (tasks, root, task);
    g_ptr_array_add (stack, root);
  }
  while (stack->len > 0)
    {
      CsObject *obj = g_ptr_array_steal_index (stack, stack->len - 1);

      for (guint i = 0; i < obj->grad_fn.n_next; i++)
        {
          CsObject *next = obj->grad_fn.next[i].node;
          Task *task;

          if (next == NULL)
            continue;
          task = g_hash_table_lookup (tasks, next);
          if (task == NULL)
            {
              task = g_new0 (Task, 1);
              task->node = next;
              g_hash_table_insert (tasks, next, task);
              g_ptr_array_add (stack, next);
            }
          task->deps++;
        }
    }

  if (capture)
    mark_needed (tasks, capture);
  rt = g_hash_table_lookup (tasks, root);
  rt->buffer = root_grad;
  {
    CsEvent *ev = cs_event_new (CS_EVENT_GRAD_PASSED);
    ev->serial = t->serial;
    ev->other_serial = root->serial;
    ev->text = format_values (t->array.view.dtype, &tshape, root_grad);
    cs_interp_add_event (interp, ev);
  }

  ready = g_ptr_array_new ();
  g_ptr_array_add (ready, rt);
  rt->queued = TRUE;
  while (ready->len > 0 && ok)
    {
      guint best = 0;
      Task *task;
      CsObject *obj;
      CsAgNode *node;
      double **outs;
      CsObject *split_src;

      for (guint i = 1; i < ready->len; i++)
        if (priority (((Task *) g_ptr_array_index (ready, i))->node)
            > priority (((Task *) g_ptr_array_index (ready, best))->node))
          best = i;
      task = g_ptr_array_steal_index (ready, best);
      obj = task->node;
      node = _cs_ag_node_of (obj);

      if (task->buffer == NULL)
        task->buffer = g_new0 (double, MAX (_cs_ag_shape_numel (&node->out_shape), 1));

      if (capture)
        {
          /* torch.autograd.grad: take the gradient of a captured node's
           * output; AccumulateGrad never runs, unneeded nodes are skipped. */
          if (g_hash_table_contains (capture, obj))
            g_hash_table_insert (capture, obj,
                                 g_memdup2 (task->buffer, MAX (_cs_ag_shape_numel (&node->out_shape), 1) * sizeof (double)));
          if (!task->needed || node->kind == CS_AG_NODE_ACCUMULATE)
            {
              g_clear_pointer (&task->buffer, g_free);
              continue;
            }
        }

      if (node->kind == CS_AG_NODE_ACCUMULATE)
        {
          ok = accumulate (interp, obj, node, task);
          g_clear_pointer (&task->buffer, g_free);
          continue;
        }
      /* Tensor pre-hooks (register_hook, retain_grad) run before the node
       * unpacks its saved variables. */
      if (!run_retainers (interp, obj, node, task->buffer))
        {
          ok = FALSE;
          break;
        }
      if (!unpack_node (interp, obj, node))
        {
          ok = FALSE;
          break;
        }
      /* Bound the work of one backward call (element operations). */
      work += _cs_ag_shape_numel (&node->out_shape);
      for (guint i = 0; i < node->n_in; i++)
        work += _cs_ag_shape_numel (&node->in_shape[i]);
      if (node->kind == CS_AG_NODE_COPY_SLICES || node->kind == CS_AG_NODE_AS_STRIDED)
        work += 4 * _cs_ag_shape_numel (&node->in_shape[0]);
      if (work > MAX_BACKWARD_WORK)
        {
          cs_interp_raise (interp, "LimitExceeded",
                           "backward() would take more than %d million element operations",
                           MAX_BACKWARD_WORK / 1000000);
          ok = FALSE;
          break;
        }
      outs = g_new0 (double *, MAX (node->n_in, 1));
      _cs_ag_node_apply (node, task->buffer, outs);
      split_src = NULL;
      if (node->kind == CS_AG_NODE_FORMULA
          && (node->op == CS_GRAD_OP_CAT || node->op == CS_GRAD_OP_STACK))
        {
          g_autofree double *g = g_memdup2 (task->buffer, MAX (_cs_ag_shape_numel (&node->out_shape), 1) * sizeof (double));
          round_all (node->out_dtype, g, _cs_ag_shape_numel (&node->out_shape));
          split_src = tensor_from (interp, node->out_dtype, &node->out_shape, g);
        }
      g_clear_pointer (&task->buffer, g_free);
      if (!retain_graph)
        release_node (node);

      for (guint i = 0; i < obj->grad_fn.n_next && i < node->n_in; i++)
        {
          CsObject *next = obj->grad_fn.next[i].node;
          Task *nt;
          CsAgNode *nn;
          gsize nn_numel;

          if (next == NULL)
            {
              g_clear_pointer (&outs[i], g_free);
              continue;
            }
          nt = g_hash_table_lookup (tasks, next);
          nn = _cs_ag_node_of (next);
          nn_numel = _cs_ag_shape_numel (&nn->out_shape);
          if (outs[i] == NULL)
            outs[i] = g_new0 (double, MAX (nn_numel, 1));
          round_all (node->in_dtype[i], outs[i], nn_numel);
          event_passed (interp, obj->serial, next->serial, node->in_dtype[i],
                        &nn->out_shape, outs[i]);
          if (nt->buffer == NULL)
            {
              nt->buffer = g_steal_pointer (&outs[i]);
              if (split_src)
                split_view (nt, node, split_src, i);
            }
          else
            {
              nt->view_src = NULL;
              for (gsize k = 0; k < nn_numel; k++)
                nt->buffer[k] += outs[i][k];
              round_all (node->in_dtype[i], nt->buffer, nn_numel);
              g_clear_pointer (&outs[i], g_free);
            }
          if (nt->deps > 0)
            nt->deps--;
          if (nt->deps == 0 && !nt->queued)
            {
              nt->queued = TRUE;
              g_ptr_array_add (ready, nt);
            }
        }
      for (guint i = 0; i < node->n_in; i++)
        g_free (outs[i]);
      g_free (outs);
    }

  /* Free the buffers of tasks that never ran (after an error). */
  {
    GHashTableIter iter;
    gpointer value;
    g_hash_table_iter_init (&iter, tasks);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_clear_pointer (&((Task *) value)->buffer, g_free);
  }
  return ok;
}
