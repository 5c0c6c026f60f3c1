/* cs-layout-snapshot.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-dtype.h"
#include "cs-layout-private.h"
#include "cs-value.h"

#define MAX_STORAGE_CELLS 4096
#define MAX_SHARE_CHAIN 16

/* Follows from_numpy-style byte sharing to the storage that owns the
 * bytes: objects over either then point into one strip, as FACTS.md
 * merges overlapping buffers.
 */
static const CsSnapStorage *
root_storage (const CsSnapshot    *snapshot,
              const CsSnapStorage *storage,
              gsize               *offset_bytes)
{
  *offset_bytes = 0;
  for (guint i = 0; storage != NULL && storage->shares_serial != 0 && i < MAX_SHARE_CHAIN; i++)
    {
      const CsSnapStorage *owner = cs_snapshot_lookup_storage (snapshot, storage->shares_serial);

      if (owner == NULL)
        break;
      *offset_bytes += storage->shares_offset_bytes;
      storage = owner;
    }
  return storage;
}

static char *
element_text (CsDType       dtype,
              gconstpointer data,
              gsize         index)
{
  if (dtype == CS_DTYPE_BOOL)
    return g_strdup (cs_dtype_get_int (dtype, data, index) ? "True" : "False");
  if (cs_dtype_is_floating (dtype))
    return _cs_layout_format_number (cs_dtype_get_double (dtype, data, index), TRUE);
  return g_strdup_printf ("%" G_GINT64_FORMAT, cs_dtype_get_int (dtype, data, index));
}

static char *
item_text (const CsSnapshot   *snapshot,
           const CsSnapObject *item)
{
  if (item->repr != NULL)
    return g_strdup (item->repr);
  return cs_snapshot_dup_repr (snapshot, item->serial);
}

/* The logical values of a small tensor (its .grad), row-major. */
static void
read_values (const CsSnapshot   *snapshot,
             const CsSnapObject *object,
             GPtrArray          *values,
             guint               limit)
{
  const CsSnapArray *array = object->array;
  const CsSnapStorage *storage = cs_snapshot_lookup_storage (snapshot, array->storage_serial);
  gint64 idx[CS_LM_MAX_DIMS] = { 0 };
  gint64 total = 1;
  guint ndim = MIN (array->ndim, CS_LM_MAX_DIMS);

  if (storage == NULL || storage->data == NULL)
    return;
  for (guint d = 0; d < ndim; d++)
    total *= MAX (array->shape[d], 0);
  for (gint64 n = 0; n < total && (guint) n < limit; n++)
    {
      gint64 pos = array->offset;

      for (guint d = 0; d < ndim; d++)
        pos += idx[d] * array->strides[d];
      if (pos >= 0 && (gsize) pos < storage->numel)
        g_ptr_array_add (values, element_text (storage->dtype, storage->data, pos));
      for (int d = (int) ndim - 1; d >= 0; d--)
        {
          if (++idx[d] < array->shape[d])
            break;
          idx[d] = 0;
        }
    }
}

static CsLmKind
kind_for (const CsSnapObject *object)
{
  switch ((CsKind) object->kind)
    {
    case CS_KIND_LIST: return CS_LM_LIST;
    case CS_KIND_TUPLE: return CS_LM_TUPLE;
    case CS_KIND_DICT: return CS_LM_DICT;
    case CS_KIND_NDARRAY: return CS_LM_NDARRAY;
    case CS_KIND_TENSOR: return CS_LM_TENSOR;
    case CS_KIND_GRAD_FN: return CS_LM_GRAD_FN;
    default: return CS_LM_VALUE;
    }
}

static void
read_object (CsLayoutModel      *model,
             const CsSnapshot   *snapshot,
             const CsSnapObject *object)
{
  CsLmKind kind = kind_for (object);
  CsLmObject *lm = _cs_layout_model_add_object (model, object->serial, kind,
                                                object->grad_fn_name && kind == CS_LM_GRAD_FN
                                                ? object->grad_fn_name : object->type_name);

  lm->address = object->address;

  switch (kind)
    {
    case CS_LM_LIST:
    case CS_LM_TUPLE:
    case CS_LM_DICT:
      for (gsize i = 0; i < object->n_items; i++)
        {
          const CsSnapObject *item = cs_snapshot_lookup (snapshot, object->items[i]);

          if (item != NULL && (cs_snap_object_is_inline (item) || kind_for (item) == CS_LM_VALUE
                               || (kind == CS_LM_DICT && i % 2 == 0)))
            {
              g_autofree char *text = item_text (snapshot, item);
              _cs_lm_object_add_item (lm, text, 0);
            }
          else
            _cs_lm_object_add_item (lm, item ? NULL : "?", object->items[i]);
        }
      break;

    case CS_LM_NDARRAY:
    case CS_LM_TENSOR:
      if (object->array != NULL)
        {
          const CsSnapArray *array = object->array;
          const CsSnapStorage *storage = cs_snapshot_lookup_storage (snapshot, array->storage_serial);
          const CsSnapStorage *root;
          gsize shift = 0;

          lm->dtype = g_strdup (cs_dtype_name (array->dtype));
          lm->itemsize = cs_dtype_itemsize (array->dtype);
          lm->ndim = MIN (array->ndim, CS_LM_MAX_DIMS);
          for (guint d = 0; d < lm->ndim; d++)
            {
              lm->shape[d] = array->shape[d];
              lm->strides[d] = array->strides[d];
            }
          lm->offset = array->offset;
          root = root_storage (snapshot, storage, &shift);
          lm->storage = root ? root->serial : array->storage_serial;
          lm->offset += shift / MAX (lm->itemsize, 1);
          lm->requires_grad = array->requires_grad;
          lm->is_leaf = array->is_leaf;
          lm->contiguous = array->contiguous;
          lm->grad = array->grad_serial;
          lm->grad_fn = array->grad_fn_serial;
          read_values (snapshot, object, lm->values, 64);
        }
      break;

    case CS_LM_GRAD_FN:
      for (guint i = 0; i < object->n_next; i++)
        g_array_append_val (lm->next, object->next[i]);
      lm->variable = object->variable_serial;
      break;

    case CS_LM_VALUE:
    default:
      lm->repr = object->repr ? g_strdup (object->repr) : cs_snapshot_dup_repr (snapshot, object->serial);
      break;
    }
}

static void
read_storage (CsLayoutModel       *model,
              const CsSnapStorage *storage)
{
  CsLmStorage *lm = _cs_layout_model_add_storage (model, storage->serial);

  lm->dtype = g_strdup (cs_dtype_name (storage->dtype));
  lm->itemsize = cs_dtype_itemsize (storage->dtype);
  lm->numel = storage->numel;
  lm->nbytes = storage->nbytes;
  for (gsize i = 0; i < MIN (storage->numel, MAX_STORAGE_CELLS); i++)
    g_ptr_array_add (lm->cells, storage->data ? element_text (storage->dtype, storage->data, i) : g_strdup (""));
}

static CsLayoutModel *
model_from_step (const CsStep *step,
                 guint         step_index,
                 guint         n_steps)
{
  CsLayoutModel *model = _cs_layout_model_new ();
  const CsSnapshot *snapshot = step->snapshot;
  guint order = 0;

  model->line = step->line;
  model->code = g_strdup (step->source);
  model->caption = g_strdup (step->caption);
  model->step_index = step_index;
  model->n_steps = n_steps;
  if (step->error != NULL)
    model->error = g_strdup_printf ("%s: %s", step->error->type, step->error->message);

  if (snapshot == NULL)
    return model;

  for (guint i = 0; i < snapshot->n_objects; i++)
    read_object (model, snapshot, snapshot->objects[i]);
  for (guint i = 0; i < snapshot->n_storages; i++)
    if (snapshot->storages[i]->shares_serial == 0
        || cs_snapshot_lookup_storage (snapshot, snapshot->storages[i]->shares_serial) == NULL)
      read_storage (model, snapshot->storages[i]);

  for (guint i = 0; i < snapshot->n_names; i++)
    {
      const CsSnapName *name = &snapshot->names[i];

      if (name->hidden)
        continue;
      _cs_layout_model_add_name (model, name->name, NULL, name->serial);
    }

  for (guint i = 0; step->events != NULL && i < step->events->len; i++)
    {
      const CsEvent *event = g_ptr_array_index (step->events, i);

      if (event->kind == CS_EVENT_GRAD_PASSED)
        {
          CsLmFlow *flow = g_new0 (CsLmFlow, 1);

          flow->from = event->serial;
          flow->to = event->other_serial;
          flow->text = g_strdup (event->text ? event->text : "");
          flow->order = order++;
          g_ptr_array_add (model->flows, flow);
        }
    }
  return model;
}

/**
 * cs_layout_snapshot:
 * @step: the step to draw
 * @prev_step: (nullable): the step before, to mark what changed
 * @step_index: 0-based index of @step, for the header
 * @n_steps: number of steps in the trace
 * @options: (nullable): layout options
 *
 * Lays out one step of an engine trace.  For a whole scenario prefer
 * cs_layout_trace(), which keeps column widths and storage numbers steady
 * from step to step.
 *
 * Returns: (transfer full): the scene
 */
CsScene *
cs_layout_snapshot (const CsStep          *step,
                    const CsStep          *prev_step,
                    guint                  step_index,
                    guint                  n_steps,
                    const CsLayoutOptions *options)
{
  g_autoptr (CsLayoutModel) model = NULL;
  g_autoptr (CsLayoutModel) prev = NULL;

  g_return_val_if_fail (step != NULL, NULL);

  model = model_from_step (step, step_index, n_steps);
  if (prev_step != NULL)
    prev = model_from_step (prev_step, step_index > 0 ? step_index - 1 : 0, n_steps);
  else if (step_index == 0)
    prev = _cs_layout_model_new ();   /* Before the first step: nothing. */
  _cs_layout_model_diff (model, prev);
  return _cs_layout_model_build (model, options);
}

/* What cs_layout_number_storages() follows: CsLayoutOptions.max_cells's
 * default, and a bound on the walk of one step.
 */
#define NUMBER_MAX_ITEMS 16
#define NUMBER_MAX_WALK  100000

/* The serial of the storage that owns @serial's bytes, 0 if none. */
static guint64
root_storage_serial (const CsSnapshot *snapshot,
                     guint64           serial)
{
  const CsSnapStorage *storage = cs_snapshot_lookup_storage (snapshot, serial);
  gsize offset_bytes;

  return storage != NULL ? root_storage (snapshot, storage, &offset_bytes)->serial : 0;
}

static void
number_storage (GHashTable *numbers,
                guint64     serial)
{
  if (serial != 0 && !g_hash_table_contains (numbers, &serial))
    g_hash_table_insert (numbers, g_memdup2 (&serial, sizeof serial),
                         GUINT_TO_POINTER (g_hash_table_size (numbers) + 1));
}

/**
 * cs_layout_number_storages:
 * @trace: a trace from cs_trace_run()
 * @numbers: the storage numbers so far, guint64 storage serial (keys freed
 *   with g_free) → S number, as CsLayoutOptions.storage_numbers holds them
 *
 * Numbers the storages S1, S2, … in the order they first appear over the
 * whole trace, as laying out every step in turn does: step by step, in the
 * picture's row order (the names in binding order, each followed depth
 * first through the lists, tuples and dicts it holds, as far as the
 * picture draws them; arrays of one storage drawn together do not change
 * which storage comes first).  Storages that have a number keep it.  Steps
 * whose storages all have a number already are skipped, so this costs
 * nothing for plain lists and lets the window lay steps out lazily with the
 * numbers the export draws.
 */
void
cs_layout_number_storages (CsTrace    *trace,
                           GHashTable *numbers)
{
  g_autoptr (GArray) stack = NULL;
  g_autoptr (GHashTable) seen = NULL;

  g_return_if_fail (trace != NULL);
  g_return_if_fail (numbers != NULL);

  stack = g_array_new (FALSE, FALSE, sizeof (guint64));
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint s = 0; s < cs_trace_get_n_steps (trace); s++)
    {
      const CsSnapshot *snapshot = cs_trace_get_step (trace, s)->snapshot;
      gboolean fresh = FALSE;
      guint walked = 0;

      for (guint i = 0; snapshot != NULL && i < snapshot->n_storages && !fresh; i++)
        fresh = !g_hash_table_contains (numbers, &snapshot->storages[i]->serial)
                && root_storage_serial (snapshot, snapshot->storages[i]->serial)
                   == snapshot->storages[i]->serial;
      if (!fresh)
        continue;

      g_hash_table_remove_all (seen);
      for (guint i = 0; i < snapshot->n_names; i++)
        {
          if (snapshot->names[i].hidden)
            continue;
          g_array_set_size (stack, 0);
          g_array_append_val (stack, snapshot->names[i].serial);
          while (stack->len > 0 && walked++ < NUMBER_MAX_WALK)
            {
              guint64 serial = g_array_index (stack, guint64, stack->len - 1);
              const CsSnapObject *object;
              gsize shown;

              g_array_set_size (stack, stack->len - 1);
              object = cs_snapshot_lookup (snapshot, serial);
              if (object == NULL || g_hash_table_contains (seen, &object->serial))
                continue;
              g_hash_table_add (seen, (gpointer) &object->serial);
              if (object->array != NULL
                  && (object->kind == CS_KIND_NDARRAY || object->kind == CS_KIND_TENSOR))
                number_storage (numbers, root_storage_serial (snapshot, object->array->storage_serial));
              if (object->kind != CS_KIND_LIST && object->kind != CS_KIND_TUPLE
                  && object->kind != CS_KIND_DICT)
                continue;
              shown = MIN (object->n_items,
                           NUMBER_MAX_ITEMS * (object->kind == CS_KIND_DICT ? 2 : 1));
              for (gsize k = shown; k > 0; k--)
                {
                  const CsSnapObject *item = cs_snapshot_lookup (snapshot, object->items[k - 1]);

                  if (item == NULL || cs_snap_object_is_inline (item)
                      || (object->kind == CS_KIND_DICT && (k - 1) % 2 == 0))
                    continue;
                  if (item->kind == CS_KIND_LIST || item->kind == CS_KIND_TUPLE
                      || item->kind == CS_KIND_DICT || item->kind == CS_KIND_NDARRAY
                      || item->kind == CS_KIND_TENSOR)
                    g_array_append_val (stack, item->serial);
                }
            }
        }
    }
}

/**
 * cs_layout_trace:
 * @trace: a trace from cs_trace_run()
 * @options: (nullable): layout options
 *
 * Lays out every step of @trace with one set of column widths and one
 * numbering of storages (S1, S2, …), so consecutive scenes match and
 * interpolate cleanly.
 *
 * Returns: (transfer full) (element-type CsScene): one scene per step
 */
GPtrArray *
cs_layout_trace (CsTrace               *trace,
                 const CsLayoutOptions *options)
{
  g_autoptr (GPtrArray) models = g_ptr_array_new_with_free_func ((GDestroyNotify) _cs_layout_model_free);
  g_autoptr (GHashTable) numbers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (CsLayoutModel) empty = _cs_layout_model_new ();
  GPtrArray *scenes = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_scene_unref);
  CsLayoutOptions opts;
  guint n;
  double name_w = 0, card_w = 0;

  g_return_val_if_fail (trace != NULL, NULL);

  if (options != NULL)
    opts = *options;
  else
    cs_layout_options_init (&opts);
  if (opts.storage_numbers == NULL)
    opts.storage_numbers = numbers;
  /* The numbers the window gives the same run, step by step. */
  cs_layout_number_storages (trace, opts.storage_numbers);

  n = cs_trace_get_n_steps (trace);
  for (guint i = 0; i < n; i++)
    {
      CsLayoutModel *model = model_from_step (cs_trace_get_step (trace, i), i, n);
      double nw, cw;

      _cs_layout_model_diff (model, i > 0 ? g_ptr_array_index (models, i - 1) : empty);
      _cs_layout_model_measure (model, &nw, &cw);
      name_w = MAX (name_w, nw);
      card_w = MAX (card_w, cw);
      g_ptr_array_add (models, model);
    }

  opts.min_name_width = MAX (opts.min_name_width, name_w);
  opts.min_card_width = MAX (opts.min_card_width, card_w);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (scenes, _cs_layout_model_build (g_ptr_array_index (models, i), &opts));
  return scenes;
}

/**
 * cs_layout_view_cells:
 * @step: a step of a trace
 * @serial: an ndarray or tensor in @step
 * @storage_serial: (out): the storage whose strip holds those cells (the
 *   strip's box key is "storage:N"), 0 when @serial is no array
 *
 * Which cells of its storage strip an array reads, for highlighting them
 * (the cell index is the element position in the storage, as the strip's
 * cells are numbered).
 *
 * Returns: (transfer full) (element-type guint): sorted cell indices,
 *   empty when @serial is not an array of @step
 */
GArray *
cs_layout_view_cells (const CsStep *step,
                      guint64       serial,
                      guint64      *storage_serial)
{
  g_autoptr (CsLayoutModel) model = NULL;
  guint64 storage = 0;
  GArray *cells;

  g_return_val_if_fail (step != NULL, NULL);

  model = model_from_step (step, 0, 1);
  cells = _cs_layout_model_view_cells (model, serial, &storage);
  if (storage_serial != NULL)
    *storage_serial = storage;
  return cells;
}
