/* cs-trace.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Running a program step by step and snapshotting the heap after each
 * step.  Snapshot objects are cached on the live objects and reused while
 * an object is unchanged (same version, same storage version), so a step
 * costs in proportion to what it reaches, and a step that changed nothing
 * shares the previous snapshot outright.
 */

#include "config.h"

#include <string.h>

#include "cs-interp.h"
#include "cs-runtime.h"
#include "cs-trace.h"

/* ---- events ------------------------------------------------------------------ */

CsEvent *
cs_event_new (CsEventKind kind)
{
  CsEvent *event = g_new0 (CsEvent, 1);

  event->kind = kind;
  return event;
}

void
cs_event_free (CsEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->name);
  g_free (event->path);
  g_free (event->text);
  g_clear_pointer (&event->cells, g_array_unref);
  g_clear_pointer (&event->old_values, g_array_unref);
  g_clear_pointer (&event->new_values, g_array_unref);
  g_free (event);
}

/* ---- snapshot objects and storages ------------------------------------------ */

CsSnapObject *
cs_snap_object_new (void)
{
  CsSnapObject *object = g_new0 (CsSnapObject, 1);

  object->ref_count = 1;
  return object;
}

CsSnapObject *
cs_snap_object_ref (CsSnapObject *object)
{
  g_return_val_if_fail (object != NULL, NULL);
  g_atomic_int_inc (&object->ref_count);
  return object;
}

void
cs_snap_object_unref (CsSnapObject *object)
{
  if (object == NULL || !g_atomic_int_dec_and_test (&object->ref_count))
    return;
  g_free (object->type_name);
  g_free (object->repr);
  g_free (object->items);
  g_free (object->str_data);
  if (object->array)
    {
      g_free (object->array->shape);
      g_free (object->array->strides);
      g_free (object->array);
    }
  g_free (object->grad_fn_name);
  g_free (object->next);
  if (object->ext_destroy)
    object->ext_destroy (object->ext);
  g_free (object);
}

gboolean
cs_snap_object_is_inline (const CsSnapObject *object)
{
  switch (object->kind)
    {
    case CS_KIND_NONE:
    case CS_KIND_BOOL:
    case CS_KIND_INT:
    case CS_KIND_FLOAT:
    case CS_KIND_STR:
      return TRUE;
    default:
      return FALSE;
    }
}

CsSnapStorage *
cs_snap_storage_ref (CsSnapStorage *storage)
{
  g_return_val_if_fail (storage != NULL, NULL);
  g_atomic_int_inc (&storage->ref_count);
  return storage;
}

void
cs_snap_storage_unref (CsSnapStorage *storage)
{
  if (storage == NULL || !g_atomic_int_dec_and_test (&storage->ref_count))
    return;
  g_free (storage->data);
  g_free (storage);
}

/* ---- snapshots ---------------------------------------------------------------- */

CsSnapshot *
cs_snapshot_ref (CsSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, NULL);
  g_atomic_int_inc (&snapshot->ref_count);
  return snapshot;
}

void
cs_snapshot_unref (CsSnapshot *snapshot)
{
  if (snapshot == NULL || !g_atomic_int_dec_and_test (&snapshot->ref_count))
    return;
  /* Names are interned strings. */
  g_free (snapshot->names);
  for (guint i = 0; i < snapshot->n_objects; i++)
    cs_snap_object_unref (snapshot->objects[i]);
  g_free (snapshot->objects);
  for (guint i = 0; i < snapshot->n_storages; i++)
    cs_snap_storage_unref (snapshot->storages[i]);
  g_free (snapshot->storages);
  g_free (snapshot);
}

const CsSnapObject *
cs_snapshot_lookup (const CsSnapshot *snapshot,
                    guint64           serial)
{
  guint lo = 0, hi = snapshot->n_objects;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      guint64 s = snapshot->objects[mid]->serial;

      if (s == serial)
        return snapshot->objects[mid];
      if (s < serial)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

const CsSnapStorage *
cs_snapshot_lookup_storage (const CsSnapshot *snapshot,
                            guint64           serial)
{
  for (guint i = 0; i < snapshot->n_storages; i++)
    if (snapshot->storages[i]->serial == serial)
      return snapshot->storages[i];
  return NULL;
}

static void
dup_repr_into (const CsSnapshot *snapshot,
               guint64           serial,
               GString          *out,
               GArray           *stack,
               guint             depth)
{
  const CsSnapObject *o = cs_snapshot_lookup (snapshot, serial);
  const char *open, *close;

  if (o == NULL)
    {
      g_string_append (out, "?");
      return;
    }
  if (o->repr)
    {
      g_string_append (out, o->repr);
      return;
    }
  switch (o->kind)
    {
    case CS_KIND_LIST: open = "["; close = "]"; break;
    case CS_KIND_TUPLE: open = "("; close = ")"; break;
    case CS_KIND_DICT: open = "{"; close = "}"; break;
    default:
      g_string_append_printf (out, "<%s object at 0x%" G_GINT64_MODIFIER "x>", o->type_name, o->address);
      return;
    }
  for (guint i = 0; i < stack->len; i++)
    if (g_array_index (stack, guint64, i) == serial)
      {
        g_string_append_printf (out, "%s...%s", open, close);
        return;
      }
  if (depth > 200 || out->len > 1000000)
    {
      g_string_append_printf (out, "%s...%s", open, close);
      return;
    }
  g_array_append_val (stack, serial);
  g_string_append (out, open);
  if (o->kind == CS_KIND_DICT)
    for (gsize i = 0; i + 1 < o->n_items; i += 2)
      {
        if (i > 0)
          g_string_append (out, ", ");
        dup_repr_into (snapshot, o->items[i], out, stack, depth + 1);
        g_string_append (out, ": ");
        dup_repr_into (snapshot, o->items[i + 1], out, stack, depth + 1);
      }
  else
    for (gsize i = 0; i < o->n_items; i++)
      {
        if (i > 0)
          g_string_append (out, ", ");
        dup_repr_into (snapshot, o->items[i], out, stack, depth + 1);
      }
  if (o->kind == CS_KIND_TUPLE && o->n_items == 1)
    g_string_append_c (out, ',');
  g_string_append (out, close);
  g_array_set_size (stack, stack->len - 1);
}

char *
cs_snapshot_dup_repr (const CsSnapshot *snapshot,
                      guint64           serial)
{
  GString *out = g_string_new (NULL);
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint64));

  g_return_val_if_fail (snapshot != NULL, NULL);
  dup_repr_into (snapshot, serial, out, stack, 0);
  return g_string_free (out, FALSE);
}

/* ---- building snapshots --------------------------------------------------- */

typedef struct
{
  CsInterp   *interp;
  GPtrArray  *objects;    /* CsSnapObject* (refs) */
  GHashTable *storages;   /* CsStorage* -> CsSnapStorage* (refs) */
  GPtrArray  *seen_list;  /* objects flagged SNAP_SEEN */
  GPtrArray  *stack;
} SnapBuilder;

/* The children a picture shows: container items, view and autograd
 * links, function defaults.  Not namespaces or modules. */
static void
snap_children (CsObject   *obj,
               CsVisitFunc visit,
               gpointer    data)
{
  switch (cs_object_kind (obj))
    {
    case CS_KIND_TUPLE:
    case CS_KIND_LIST:
    case CS_KIND_DICT:
    case CS_KIND_SLICE:
    case CS_KIND_NDARRAY:
    case CS_KIND_TENSOR:
    case CS_KIND_GRAD_FN:
    case CS_KIND_OPAQUE:
      cs_object_traverse (obj, visit, data);
      break;
    case CS_KIND_FUNCTION:
      for (guint i = 0; i < obj->func.n_defaults; i++)
        visit (obj->func.defaults[i], data);
      break;
    case CS_KIND_BUILTIN:
      if (obj->builtin.self)
        visit (obj->builtin.self, data);
      break;
    case CS_KIND_ITER:
      if (obj->iter.source)
        visit (obj->iter.source, data);
      break;
    default:
      break;
    }
}

static guint64
version_key (CsObject *obj)
{
  guint64 key = obj->version;

  if ((cs_object_kind (obj) == CS_KIND_NDARRAY || cs_object_kind (obj) == CS_KIND_TENSOR) &&
      obj->array.view.storage)
    key = (key << 32) ^ obj->array.view.storage->version ^ ((guint64) obj->array.view.storage->serial << 20);
  return key;
}

static gboolean
is_contiguous (const CsView *view)
{
  gint64 expected = 1;

  for (guint i = view->ndim; i > 0; i--)
    {
      if (view->shape[i - 1] != 1 && view->strides[i - 1] != expected)
        return FALSE;
      expected *= view->shape[i - 1];
    }
  return TRUE;
}

static CsSnapStorage *
snap_storage (CsStorage *storage)
{
  CsSnapStorage *snap = storage->snap_cache;

  if (snap && snap->version == storage->version)
    return cs_snap_storage_ref (snap);
  snap = g_new0 (CsSnapStorage, 1);
  snap->ref_count = 1;
  snap->serial = storage->serial;
  snap->dtype = storage->dtype;
  snap->numel = storage->numel;
  snap->nbytes = cs_storage_nbytes (storage);
  snap->data = g_memdup2 (storage->data, MAX (snap->nbytes, 1));
  snap->version = storage->version;
  snap->torch = storage->owner == CS_STORAGE_TORCH;
  snap->shares_serial = storage->shares ? storage->shares->serial : 0;
  snap->shares_offset_bytes = storage->shares_offset_bytes;
  g_clear_pointer ((CsSnapStorage **) &storage->snap_cache, cs_snap_storage_unref);
  storage->snap_cache = cs_snap_storage_ref (snap);
  return snap;
}

static gboolean
repr_is_stable (CsObject *obj)
{
  /* Iterators and views show their source's current state. */
  return cs_object_kind (obj) != CS_KIND_ITER;
}

static CsSnapObject *
make_snap_object (CsInterp *interp,
                  CsObject *obj)
{
  CsSnapObject *snap = cs_snap_object_new ();
  CsKind kind = cs_object_kind (obj);

  snap->serial = obj->serial;
  snap->kind = kind;
  snap->type_name = g_strdup (obj->cls->name);
  snap->address = obj->address;
  snap->callable = obj->cls->is_callable_value || kind == CS_KIND_FUNCTION ||
                   kind == CS_KIND_BUILTIN || kind == CS_KIND_TYPE;

  switch (kind)
    {
    case CS_KIND_BOOL:
    case CS_KIND_INT:
      snap->int_value = obj->int_value;
      break;
    case CS_KIND_FLOAT:
      snap->float_value = obj->float_value;
      break;
    case CS_KIND_STR:
      snap->str_data = g_memdup2 (obj->str.data, obj->str.len + 1);
      snap->str_len = obj->str.len;
      break;
    case CS_KIND_TUPLE:
    case CS_KIND_LIST:
      snap->n_items = obj->seq.len;
      snap->items = g_new (guint64, MAX (obj->seq.len, 1));
      for (gsize i = 0; i < obj->seq.len; i++)
        snap->items[i] = obj->seq.items[i]->serial;
      break;
    case CS_KIND_DICT:
      snap->items = g_new (guint64, MAX (obj->dict.len * 2, 1));
      for (gsize i = 0; i < obj->dict.n_entries; i++)
        if (obj->dict.entries[i].key)
          {
            snap->items[snap->n_items++] = obj->dict.entries[i].key->serial;
            snap->items[snap->n_items++] = obj->dict.entries[i].value->serial;
          }
      break;
    case CS_KIND_NDARRAY:
    case CS_KIND_TENSOR:
      {
        CsSnapArray *a = g_new0 (CsSnapArray, 1);
        const CsView *v = &obj->array.view;

        a->storage_serial = v->storage ? v->storage->serial : 0;
        a->offset = v->offset;
        a->ndim = v->ndim;
        a->shape = g_memdup2 (v->shape, MAX (v->ndim, 1) * sizeof (gint64));
        a->strides = g_memdup2 (v->strides, MAX (v->ndim, 1) * sizeof (gint64));
        a->dtype = v->dtype;
        a->base_serial = obj->array.base ? obj->array.base->serial : 0;
        a->is_tensor = kind == CS_KIND_TENSOR;
        a->requires_grad = obj->array.ag.requires_grad;
        a->is_leaf = obj->array.ag.is_leaf;
        a->retains_grad = obj->array.ag.retains_grad;
        a->contiguous = is_contiguous (v);
        a->grad_serial = obj->array.ag.grad ? obj->array.ag.grad->serial : 0;
        a->grad_fn_serial = obj->array.ag.grad_fn ? obj->array.ag.grad_fn->serial : 0;
        snap->array = a;
        break;
      }
    case CS_KIND_GRAD_FN:
      snap->grad_fn_name = g_strdup (obj->grad_fn.name);
      snap->n_next = obj->grad_fn.n_next;
      snap->next = g_new0 (guint64, MAX (obj->grad_fn.n_next, 1));
      for (guint i = 0; i < obj->grad_fn.n_next; i++)
        snap->next[i] = obj->grad_fn.next[i].node ? obj->grad_fn.next[i].node->serial : 0;
      snap->variable_serial = obj->grad_fn.variable ? obj->grad_fn.variable->serial : 0;
      break;
    default:
      break;
    }

  if (kind != CS_KIND_LIST && kind != CS_KIND_TUPLE && kind != CS_KIND_DICT)
    {
      CsError *saved = interp->error;
      guint saved_depth = interp->c_depth;

      interp->error = NULL;
      snap->repr = cs_op_repr (interp, obj);
      if (interp->error)
        {
          g_clear_pointer (&snap->repr, g_free);
          snap->repr = g_strdup_printf ("<%s object at 0x%" G_GINT64_MODIFIER "x>",
                                        obj->cls->name, obj->address);
        }
      cs_interp_clear_error (interp);
      interp->error = saved;
      interp->c_depth = saved_depth;
    }

  if (obj->cls->snapshot)
    obj->cls->snapshot (obj, snap);
  return snap;
}

static CsSnapObject *
snap_object (CsInterp *interp,
             CsObject *obj)
{
  CsSnapObject *cached = obj->snap_cache;
  guint64 key = version_key (obj);

  if (cached && repr_is_stable (obj) && cached->stamp == key)
    return cs_snap_object_ref (cached);
  cached = make_snap_object (interp, obj);
  cached->stamp = key;
  g_clear_pointer ((CsSnapObject **) &obj->snap_cache, cs_snap_object_unref);
  obj->snap_cache = cs_snap_object_ref (cached);
  return cached;
}

/* A flag bit of CsObject.flags, free while building a snapshot. */
#define SNAP_SEEN (1 << 5)

static void
builder_push_cb (CsObject *child,
                 gpointer  data)
{
  SnapBuilder *b = data;

  if (child && !(child->flags & SNAP_SEEN))
    g_ptr_array_add (b->stack, child);
}

static int
compare_snap_objects (gconstpointer a,
                      gconstpointer b)
{
  const CsSnapObject *x = *(CsSnapObject **) a, *y = *(CsSnapObject **) b;

  return x->serial < y->serial ? -1 : x->serial > y->serial;
}

static int
compare_snap_storages (gconstpointer a,
                       gconstpointer b)
{
  const CsSnapStorage *x = *(CsSnapStorage **) a, *y = *(CsSnapStorage **) b;

  return x->serial < y->serial ? -1 : x->serial > y->serial;
}

static gboolean
name_hidden (CsInterp   *interp,
             const char *name,
             CsObject   *value)
{
  CsKind kind = cs_object_kind (value);

  if (g_hash_table_size (interp->import_values) > 0 &&
      g_hash_table_lookup (interp->import_values, name) == value)
    return TRUE;
  if (kind == CS_KIND_MODULE || kind == CS_KIND_TYPE || kind == CS_KIND_FUNCTION ||
      kind == CS_KIND_BUILTIN)
    return TRUE;
  if (value->cls->is_callable_value && kind != CS_KIND_LIST && kind != CS_KIND_DICT &&
      kind != CS_KIND_NDARRAY && kind != CS_KIND_TENSOR)
    return TRUE;
  return FALSE;
}

static CsSnapshot *
build_snapshot (CsInterp *interp)
{
  CsSnapshot *snapshot = g_new0 (CsSnapshot, 1);
  CsObject *globals = interp->globals;
  SnapBuilder b = { 0 };
  GPtrArray *names = globals->ns.order;
  GHashTableIter it;
  gpointer value;
  guint n = 0;

  snapshot->ref_count = 1;
  b.interp = interp;
  b.objects = g_ptr_array_new ();
  b.storages = g_hash_table_new (NULL, NULL);
  b.seen_list = g_ptr_array_new ();
  b.stack = g_ptr_array_new ();

  snapshot->names = g_new0 (CsSnapName, MAX (names->len, 1));
  for (guint i = 0; i < names->len; i++)
    {
      CsNsEntry *entry = g_ptr_array_index (names, i);
      const char *name = entry->name;
      CsObject *v = entry->value;

      if (v == NULL || (g_str_has_prefix (name, "__") && g_str_has_suffix (name, "__")))
        continue;
      snapshot->names[n].name = (char *) g_intern_string (name);
      snapshot->names[n].serial = v->serial;
      snapshot->names[n].hidden = name_hidden (interp, name, v);
      n++;
      g_ptr_array_add (b.stack, v);
    }
  snapshot->n_names = n;

  /* Every object the names reach (iteratively: any depth is fine). */
  for (guint i = 0, j = b.stack->len; i + 1 < j; i++, j--)
    {
      gpointer t = b.stack->pdata[i];
      b.stack->pdata[i] = b.stack->pdata[j - 1];
      b.stack->pdata[j - 1] = t;
    }
  while (b.stack->len > 0)
    {
      CsObject *obj = g_ptr_array_steal_index_fast (b.stack, b.stack->len - 1);
      CsSnapObject *snap;

      if (obj->flags & SNAP_SEEN)
        continue;
      obj->flags |= SNAP_SEEN;
      g_ptr_array_add (b.seen_list, obj);
      snap = snap_object (interp, obj);
      g_ptr_array_add (b.objects, snap);
      if ((cs_object_kind (obj) == CS_KIND_NDARRAY || cs_object_kind (obj) == CS_KIND_TENSOR) &&
          obj->array.view.storage)
        {
          for (CsStorage *s = obj->array.view.storage; s; s = s->shares)
            if (!g_hash_table_contains (b.storages, s))
              g_hash_table_insert (b.storages, s, snap_storage (s));
        }
      snap_children (obj, builder_push_cb, &b);
    }

  g_ptr_array_sort (b.objects, compare_snap_objects);
  snapshot->n_objects = b.objects->len;
  snapshot->objects = (CsSnapObject **) g_ptr_array_free (b.objects, FALSE);

  snapshot->n_storages = g_hash_table_size (b.storages);
  snapshot->storages = g_new0 (CsSnapStorage *, MAX (snapshot->n_storages, 1));
  n = 0;
  g_hash_table_iter_init (&it, b.storages);
  while (g_hash_table_iter_next (&it, NULL, &value))
    snapshot->storages[n++] = value;
  qsort (snapshot->storages, snapshot->n_storages, sizeof (CsSnapStorage *), compare_snap_storages);

  g_hash_table_unref (b.storages);
  for (guint i = 0; i < b.seen_list->len; i++)
    ((CsObject *) g_ptr_array_index (b.seen_list, i))->flags &= ~SNAP_SEEN;
  g_ptr_array_unref (b.seen_list);
  g_ptr_array_unref (b.stack);
  return snapshot;
}

/* ---- steps and traces -------------------------------------------------------- */

static void
step_free (CsStep *step)
{
  if (step == NULL)
    return;
  g_free (step->source);
  g_free (step->caption);
  g_free (step->stdout_text);
  g_clear_pointer (&step->ids, g_array_unref);
  g_clear_pointer (&step->warnings, g_ptr_array_unref);
  if (step->error)
    {
      g_free (step->error->type);
      g_free (step->error->message);
      g_free (step->error);
    }
  g_clear_pointer (&step->events, g_ptr_array_unref);
  g_clear_pointer (&step->snapshot, cs_snapshot_unref);
  g_free (step);
}

CsTrace *
cs_trace_ref (CsTrace *trace)
{
  g_return_val_if_fail (trace != NULL, NULL);
  g_atomic_int_inc (&trace->ref_count);
  return trace;
}

void
cs_trace_unref (CsTrace *trace)
{
  if (trace == NULL || !g_atomic_int_dec_and_test (&trace->ref_count))
    return;
  g_free (trace->filename);
  g_free (trace->title);
  g_ptr_array_unref (trace->steps);
  g_free (trace);
}

guint
cs_trace_get_n_steps (CsTrace *trace)
{
  g_return_val_if_fail (trace != NULL, 0);
  return trace->steps->len;
}

CsStep *
cs_trace_get_step (CsTrace *trace,
                   guint    index)
{
  g_return_val_if_fail (trace != NULL, NULL);
  g_return_val_if_fail (index < trace->steps->len, NULL);
  return g_ptr_array_index (trace->steps, index);
}

static gboolean
serial_in (const CsSnapshot *snapshot,
           guint64           serial)
{
  return snapshot && cs_snapshot_lookup (snapshot, serial) != NULL;
}

static CsStep *
new_step (const CsProgram *program,
          const CsStmt    *stmt)
{
  CsStep *step = g_new0 (CsStep, 1);
  gsize start = MIN (stmt->span.start, program->source_len);
  gsize end = MIN (MAX (stmt->span.end, start), program->source_len);

  step->line = stmt->span.line;
  step->column = stmt->span.column;
  step->span = stmt->span;
  step->source = g_strndup (program->source + start, end - start);
  step->caption = g_strdup (stmt->caption);
  step->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  step->warnings = g_ptr_array_new_with_free_func (g_free);
  step->events = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_event_free);
  return step;
}

CsTrace *
cs_trace_run (const CsProgram    *program,
              const CsRunOptions *options)
{
  CsTrace *trace = g_new0 (CsTrace, 1);
  g_autoptr (CsInterp) interp = NULL;
  CsSnapshot *previous = NULL;
  CsRunOptions defaults;
  gsize heap_after_collect = 0;

  if (options == NULL)
    {
      cs_run_options_init_defaults (&defaults);
      options = &defaults;
    }
  trace->ref_count = 1;
  trace->filename = g_strdup (program->filename);
  trace->title = g_strdup (program->title);
  trace->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  interp = cs_interp_new (options);

  for (guint i = 0; i < program->body.n_stmts; i++)
    {
      const CsStmt *stmt = program->body.stmts[i];
      CsStep *step = new_step (program, stmt);
      guint64 mutations_before = cs_heap_mutations (interp->heap);
      g_autoptr (GArray) freed = g_array_new (FALSE, FALSE, sizeof (guint64));
      CsObject *roots[3];

      if (i >= options->max_statements)
        {
          step->error = g_new0 (CsStepError, 1);
          step->error->type = g_strdup ("LimitExceeded");
          step->error->message = g_strdup_printf ("Copyscope runs at most %u statements", options->max_statements);
          step->error->line = step->line;
          step->error->column = step->column;
          step->stdout_text = g_strdup ("");
          step->snapshot = cs_snapshot_ref (previous);
          g_ptr_array_add (trace->steps, step);
          continue;
        }

      cs_interp_run_statement (interp, stmt);

      step->stdout_text = g_strndup (interp->out->str, interp->out->len);
      g_array_append_vals (step->ids, interp->ids->data, interp->ids->len);
      for (guint w = 0; w < interp->warnings->len; w++)
        g_ptr_array_add (step->warnings, g_strdup (g_ptr_array_index (interp->warnings, w)));
      if (interp->error)
        {
          step->error = g_new0 (CsStepError, 1);
          step->error->type = g_strdup (interp->error->type);
          step->error->message = g_strdup (interp->error->message);
          step->error->line = interp->error->line ? interp->error->line : step->line;
          step->error->column = interp->error->line ? interp->error->column : step->column;
          cs_interp_clear_error (interp);
        }
      for (guint e = 0; e < interp->events->len; e++)
        g_ptr_array_add (step->events, g_ptr_array_index (interp->events, e));
      g_ptr_array_set_free_func (interp->events, NULL);
      g_ptr_array_set_size (interp->events, 0);
      g_ptr_array_set_free_func (interp->events, (GDestroyNotify) cs_event_free);

      /* Free what nothing reaches any more (cycles too). */
      roots[0] = interp->globals;
      roots[1] = interp->modules;
      roots[2] = interp->builtins;
      /* A step that changed no existing object cannot have made anything
       * unreachable that a snapshot showed: its temporaries wait for the
       * next full collection. */
      if (previous == NULL || cs_heap_mutations (interp->heap) != mutations_before ||
          cs_heap_count (interp->heap) > 4 * heap_after_collect + 1024 ||
          cs_heap_count (interp->heap) > options->max_heap_objects / 8)
        {
          cs_heap_collect (interp->heap, roots, G_N_ELEMENTS (roots), freed);
          heap_after_collect = cs_heap_count (interp->heap);
        }

      if (previous && cs_heap_mutations (interp->heap) == mutations_before)
        step->snapshot = cs_snapshot_ref (previous);
      else
        step->snapshot = build_snapshot (interp);

      for (guint f = 0; f < freed->len; f++)
        {
          guint64 serial = g_array_index (freed, guint64, f);
          if (serial_in (previous, serial))
            {
              CsEvent *event = cs_event_new (CS_EVENT_OBJECT_FREED);
              event->serial = serial;
              g_ptr_array_add (step->events, event);
            }
        }
      if (step->snapshot != previous)
        for (guint o = 0; o < step->snapshot->n_objects; o++)
          {
            guint64 serial = step->snapshot->objects[o]->serial;
            if (!serial_in (previous, serial))
              {
                CsEvent *event = cs_event_new (CS_EVENT_OBJECT_CREATED);
                event->serial = serial;
                g_ptr_array_add (step->events, event);
              }
          }

      previous = step->snapshot;
      g_ptr_array_add (trace->steps, step);
    }

  return trace;
}
