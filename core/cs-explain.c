/* cs-explain.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cs-explain-private.h"
#include "cs-explain.h"
#include "cs-value.h"

/* Sentences a step gets at most; more would not be "short". */
#define MAX_SENTENCES 2
/* shares_serial chains are one link long in practice; never loop forever. */
#define MAX_SHARE_DEPTH 16

static const CsStep *
get_step (const CsTrace *trace,
          guint          index)
{
  return g_ptr_array_index (trace->steps, index);
}

const CsSnapshot *
_cs_explain_prev_snapshot (const CsTrace *trace,
                           guint          index)
{
  if (index == 0)
    return NULL;
  return get_step (trace, index - 1)->snapshot;
}

guint64
_cs_explain_storage_root (const CsSnapshot *snapshot,
                          guint64           serial)
{
  for (guint depth = 0; depth < MAX_SHARE_DEPTH; depth++)
    {
      const CsSnapStorage *storage = cs_snapshot_lookup_storage (snapshot, serial);

      if (storage == NULL || storage->shares_serial == 0 || storage->shares_serial == serial)
        break;
      serial = storage->shares_serial;
    }
  return serial;
}

const CsSnapObject *
_cs_explain_lookup_name (const CsSnapshot *snapshot,
                         const char       *name)
{
  if (snapshot == NULL)
    return NULL;
  for (guint i = 0; i < snapshot->n_names; i++)
    if (!snapshot->names[i].hidden && strcmp (snapshot->names[i].name, name) == 0)
      return cs_snapshot_lookup (snapshot, snapshot->names[i].serial);
  return NULL;
}

gboolean
_cs_explain_is_mutable (const CsSnapObject *object)
{
  return object != NULL &&
         (object->kind == CS_KIND_LIST || object->kind == CS_KIND_DICT ||
          object->kind == CS_KIND_NDARRAY || object->kind == CS_KIND_TENSOR);
}

GPtrArray *
_cs_explain_candidate_names (const CsTrace *trace,
                             guint          index)
{
  const CsSnapshot *prev = _cs_explain_prev_snapshot (trace, index);
  const CsSnapshot *cur = get_step (trace, index)->snapshot;
  GPtrArray *names = g_ptr_array_new ();

  if (prev == NULL || cur == NULL)
    return names;
  for (guint i = 0; i < cur->n_names; i++)
    {
      const CsSnapName *n = &cur->names[i];
      const CsSnapObject *before;

      if (n->hidden)
        continue;
      before = _cs_explain_lookup_name (prev, n->name);
      if (before != NULL && before->serial == n->serial && _cs_explain_is_mutable (before))
        g_ptr_array_add (names, (gpointer) n->name);
    }
  return names;
}

GPtrArray *
_cs_explain_changed_names (const CsTrace *trace,
                           guint          index)
{
  const CsSnapshot *prev = _cs_explain_prev_snapshot (trace, index);
  const CsSnapshot *cur = get_step (trace, index)->snapshot;
  g_autoptr (GPtrArray) candidates = _cs_explain_candidate_names (trace, index);
  GPtrArray *changed = g_ptr_array_new ();

  for (guint i = 0; i < candidates->len; i++)
    {
      const char *name = g_ptr_array_index (candidates, i);
      const CsSnapObject *object = _cs_explain_lookup_name (cur, name);
      g_autofree char *before = cs_snapshot_dup_repr (prev, object->serial);
      g_autofree char *after = cs_snapshot_dup_repr (cur, object->serial);

      if (g_strcmp0 (before, after) != 0)
        g_ptr_array_add (changed, (gpointer) name);
    }
  return changed;
}

char *
_cs_explain_join_names (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0 && i == names->len - 1)
        /* Translators: between the last two names of a list, "`a`, `b` and `c`". */
        g_string_append (out, _(" and "));
      else if (i > 0)
        /* Translators: between names of a list, "`a`, `b` and `c`". */
        g_string_append (out, C_("list separator", ", "));
      g_string_append_printf (out, "`%s`", (const char *) g_ptr_array_index (names, i));
    }
  return g_string_free (out, FALSE);
}

guint
cs_explain_storage_number (const CsTrace *trace,
                           guint          index,
                           guint64        storage_serial)
{
  g_autoptr (GHashTable) seen = NULL;
  const CsSnapshot *cur;
  guint64 root;
  guint next = 1;

  g_return_val_if_fail (trace != NULL, 0);
  g_return_val_if_fail (index < trace->steps->len, 0);

  cur = get_step (trace, index)->snapshot;
  if (cur == NULL || cs_snapshot_lookup_storage (cur, storage_serial) == NULL)
    return 0;
  root = _cs_explain_storage_root (cur, storage_serial);
  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint s = 0; s <= index; s++)
    {
      const CsSnapshot *snap = get_step (trace, s)->snapshot;

      if (snap == NULL)
        continue;
      for (guint i = 0; i < snap->n_storages; i++)
        {
          guint64 r = _cs_explain_storage_root (snap, snap->storages[i]->serial);
          gint64 *key;

          if (g_hash_table_contains (seen, &r))
            continue;
          if (r == root)
            return next;
          key = g_new (gint64, 1);
          *key = (gint64) r;
          g_hash_table_add (seen, key);
          next++;
        }
    }
  return 0;
}

/* -- sentences ------------------------------------------------------------ */

static void
add_sentence (GPtrArray *sentences,
              char      *sentence)
{
  if (sentence == NULL)
    return;
  if (sentences->len < MAX_SENTENCES)
    g_ptr_array_add (sentences, sentence);
  else
    g_free (sentence);
}

/* The statement as shown inside backticks: its first line only. */
static char *
dup_code (const CsStep *step)
{
  const char *source = step->source != NULL ? step->source : "";
  const char *nl = strchr (source, '\n');
  g_autofree char *line = nl != NULL ? g_strndup (source, nl - source) : g_strdup (source);

  return g_strstrip (g_strdup (line));
}

/* Other user-visible names holding @serial in @snapshot. */
static GPtrArray *
names_holding (const CsSnapshot *snapshot,
               guint64           serial,
               const char       *except)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < snapshot->n_names; i++)
    if (!snapshot->names[i].hidden && snapshot->names[i].serial == serial &&
        g_strcmp0 (snapshot->names[i].name, except) != 0)
      g_ptr_array_add (names, (gpointer) snapshot->names[i].name);
  return names;
}

/* User-visible names whose array or tensor uses storage @root. */
static GPtrArray *
names_on_storage (const CsSnapshot *snapshot,
                  guint64           root,
                  const char       *except)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < snapshot->n_names; i++)
    {
      const CsSnapObject *object;

      if (snapshot->names[i].hidden || g_strcmp0 (snapshot->names[i].name, except) == 0)
        continue;
      object = cs_snapshot_lookup (snapshot, snapshot->names[i].serial);
      if (object != NULL && object->array != NULL &&
          _cs_explain_storage_root (snapshot, object->array->storage_serial) == root)
        g_ptr_array_add (names, (gpointer) snapshot->names[i].name);
    }
  return names;
}

static gboolean
storage_root_in (const CsSnapshot *snapshot,
                 guint64           root)
{
  if (snapshot == NULL)
    return FALSE;
  for (guint i = 0; i < snapshot->n_storages; i++)
    if (_cs_explain_storage_root (snapshot, snapshot->storages[i]->serial) == root)
      return TRUE;
  return FALSE;
}

/* "`a[0]`": how a name in @prev reaches the container item @serial. */
static char *
dup_item_path (const CsSnapshot *prev,
               guint64           serial)
{
  if (prev == NULL)
    return NULL;
  for (guint i = 0; i < prev->n_names; i++)
    {
      const CsSnapObject *holder;

      if (prev->names[i].hidden)
        continue;
      holder = cs_snapshot_lookup (prev, prev->names[i].serial);
      if (holder == NULL || holder->kind != CS_KIND_LIST)
        continue;
      for (gsize k = 0; k < holder->n_items; k++)
        if (holder->items[k] == serial)
          return g_strdup_printf ("`%s[%" G_GSIZE_FORMAT "]`", prev->names[i].name, k);
    }
  return NULL;
}

static char *
explain_container (const CsStep     *step,
                   const CsSnapshot *prev,
                   const CsSnapObject *object)
{
  g_autofree char *code = dup_code (step);
  g_autofree char *shared_path = NULL;
  gboolean nested = FALSE;
  gsize n_shared = 0;

  for (gsize k = 0; k < object->n_items; k++)
    {
      const CsSnapObject *item = cs_snapshot_lookup (step->snapshot, object->items[k]);

      if (item == NULL || cs_snap_object_is_inline (item) || item->kind == CS_KIND_TUPLE)
        continue;
      if (item->serial == object->serial)
        continue;
      nested = TRUE;
      if (prev != NULL && cs_snapshot_lookup (prev, item->serial) != NULL)
        {
          n_shared++;
          if (shared_path == NULL)
            shared_path = dup_item_path (prev, item->serial);
        }
    }
  if (n_shared > 0 && shared_path != NULL)
    /* Translators: a shallow copy, e.g. "`b = copy.copy(a)` made a new list, but its
     * inner object `a[0]` is shared: a change inside it shows through both." */
    return g_strdup_printf (_("`%s` made a new %s, but its inner object %s is shared: "
                              "a change inside it shows through both."),
                            code, object->type_name, shared_path);
  if (n_shared > 0)
    return g_strdup_printf (_("`%s` made a new %s that holds objects which already existed: "
                              "they are shared, not copied."),
                            code, object->type_name);
  if (nested && strstr (code, "copy") != NULL)
    return g_strdup_printf (_("`%s` made a new %s and new copies of the objects inside it: "
                              "nothing is shared with the original."),
                            code, object->type_name);
  return g_strdup_printf (_("`%s` made a new %s."), code, object->type_name);
}

static char *
explain_array (const CsTrace      *trace,
               guint               index,
               const char         *name,
               const CsSnapObject *object)
{
  const CsStep *step = get_step (trace, index);
  const CsSnapshot *prev = _cs_explain_prev_snapshot (trace, index);
  const CsSnapshot *cur = step->snapshot;
  g_autofree char *code = dup_code (step);
  guint64 root = _cs_explain_storage_root (cur, object->array->storage_serial);
  guint number = cs_explain_storage_number (trace, index, object->array->storage_serial);
  const CsSnapObject *grad_fn = NULL;

  if (object->array->grad_fn_serial != 0)
    grad_fn = cs_snapshot_lookup (cur, object->array->grad_fn_serial);

  if (storage_root_in (prev, root))
    {
      g_autoptr (GPtrArray) others = names_on_storage (cur, root, name);
      g_autofree char *list = _cs_explain_join_names (others);

      if (object->array->is_tensor && grad_fn == NULL && strstr (code, "detach") != NULL)
        /* Translators: "`d = x.detach()` shares storage S1 but has no grad_fn." */
        return g_strdup_printf (_("`%s` shares storage S%u but has no grad_fn: "
                                  "it is cut off from the graph."), code, number);
      if (others->len > 0)
        /* Translators: "`v = a[1:4]` copies nothing: `v` is a view on storage S1, like `a`." */
        return g_strdup_printf (_("`%s` copies nothing: `%s` is a view on storage S%u, like %s."),
                                code, name, number, list);
      return g_strdup_printf (_("`%s` copies nothing: `%s` is a view on storage S%u."),
                              code, name, number);
    }
  if (grad_fn != NULL && grad_fn->grad_fn_name != NULL)
    /* Translators: "`y = x.clone()` allocated new storage S2 and stays in the graph
     * (CloneBackward0)." */
    return g_strdup_printf (_("`%s` allocated new storage S%u and stays in the graph (%s)."),
                            code, number, grad_fn->grad_fn_name);
  return g_strdup_printf (_("`%s` allocated new storage S%u for `%s`."), code, number, name);
}

static char *
explain_binding (const CsTrace *trace,
                 guint          index,
                 const CsEvent *event)
{
  const CsStep *step = get_step (trace, index);
  const CsSnapshot *prev = _cs_explain_prev_snapshot (trace, index);
  const CsSnapshot *cur = step->snapshot;
  const CsSnapObject *object = cs_snapshot_lookup (cur, event->new_serial);
  gboolean existed = prev != NULL && cs_snapshot_lookup (prev, event->new_serial) != NULL;
  g_autofree char *code = dup_code (step);

  if (object == NULL)
    return NULL;
  if (object->kind == CS_KIND_MODULE)
    return g_strdup_printf (_("`%s` makes the module `%s` available."), code, event->name);
  if (object->callable)
    return g_strdup_printf (_("`%s` binds `%s` to a function."), code, event->name);

  if (existed)
    {
      g_autoptr (GPtrArray) others = names_holding (cur, object->serial, event->name);
      g_autofree char *list = _cs_explain_join_names (others);

      if (others->len > 0)
        /* Translators: "`b = a` copies nothing: `b` is a second name for the same Tensor
         * as `a`." */
        return g_strdup_printf (_("`%s` copies nothing: `%s` is a second name for the same %s as %s."),
                                code, event->name, object->type_name, list);
      return g_strdup_printf (_("`%s` copies nothing: `%s` now names an existing %s."),
                              code, event->name, object->type_name);
    }

  if (event->kind == CS_EVENT_NAME_REBOUND)
    {
      g_autoptr (GPtrArray) keepers = names_holding (cur, event->old_serial, event->name);

      if (keepers->len > 0)
        {
          g_autofree char *list = _cs_explain_join_names (keepers);

          /* Translators: "`a = torch.rand(4)` moves the name `a` to a new Tensor; `b` still
           * names the old one." */
          return g_strdup_printf (_("`%s` moves the name `%s` to a new %s; %s still names the old one."),
                                  code, event->name, object->type_name, list);
        }
      return g_strdup_printf (_("`%s` moves the name `%s` to a new %s; the old object is not changed."),
                              code, event->name, object->type_name);
    }

  if (object->array != NULL)
    return explain_array (trace, index, event->name, object);
  if (object->kind == CS_KIND_LIST || object->kind == CS_KIND_DICT)
    return explain_container (step, prev, object);
  if (object->repr != NULL)
    return g_strdup_printf (_("`%s` binds `%s` to %s."), code, event->name, object->repr);
  return g_strdup_printf (_("`%s` binds `%s` to a new %s."), code, event->name, object->type_name);
}

static char *
explain_write (const CsTrace *trace,
               guint          index,
               const CsEvent *event,
               gboolean       skip_unseen)
{
  const CsStep *step = get_step (trace, index);
  g_autofree char *code = dup_code (step);
  g_autoptr (GPtrArray) changed = _cs_explain_changed_names (trace, index);
  g_autofree char *list = _cs_explain_join_names (changed);

  if (event->kind == CS_EVENT_STORAGE_WRITTEN)
    {
      guint number = cs_explain_storage_number (trace, index, event->serial);

      if (changed->len == 2)
        return g_strdup_printf (_("`%s` wrote into storage S%u; %s both see it."), code, number, list);
      if (changed->len > 2)
        /* Translators: "`a[1] = 0` wrote into storage S1; `a`, `a1` and `a4` all see it." */
        return g_strdup_printf (_("`%s` wrote into storage S%u; %s all see it."), code, number, list);
      if (changed->len == 1)
        return g_strdup_printf (_("`%s` wrote into storage S%u; only %s sees it."), code, number, list);
      if (skip_unseen)
        return NULL;
      return g_strdup_printf (_("`%s` wrote into storage S%u."), code, number);
    }
  if (changed->len == 2)
    /* Translators: "`a[0][0] = 0` changed a list in place; `a` and `b` both show it." */
    return g_strdup_printf (_("`%s` changed a list in place; %s both show it."), code, list);
  if (changed->len > 2)
    return g_strdup_printf (_("`%s` changed a list in place; %s all show it."), code, list);
  if (changed->len == 1)
    return g_strdup_printf (_("`%s` changed %s in place; no other name shows the change."), code, list);
  return g_strdup_printf (_("`%s` changed a list in place."), code);
}

static char *
explain_grad (const CsTrace *trace,
              guint          index,
              const CsEvent *event)
{
  const CsSnapshot *cur = get_step (trace, index)->snapshot;
  g_autoptr (GPtrArray) names = names_holding (cur, event->serial, NULL);
  g_autofree char *value = cs_snapshot_dup_repr (cur, event->new_serial);
  const char *name;

  if (names->len == 0 || value == NULL)
    return g_strdup (_("backward() sent gradients to a leaf tensor."));
  name = g_ptr_array_index (names, 0);
  if (event->old_serial != 0)
    /* Translators: "backward() added gradients into `w.grad`: now tensor([4., 4., 4.])." */
    return g_strdup_printf (_("backward() added gradients into `%s.grad`: now %s."), name, value);
  /* Translators: "backward() sent gradients to `x.grad`: tensor([2., 4., 2.])." */
  return g_strdup_printf (_("backward() sent gradients to `%s.grad`: %s."), name, value);
}

char *
cs_explain_step (const CsTrace *trace,
                 guint          index)
{
  g_autoptr (GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  const CsStep *step;
  gboolean wrote = FALSE;
  gboolean has_grad = FALSE;
  guint n_grads = 0;

  g_return_val_if_fail (trace != NULL, NULL);
  g_return_val_if_fail (index < trace->steps->len, NULL);

  step = get_step (trace, index);
  /* Accumulating into an existing .grad writes its storage in place; the
   * gradient sentence says it better than a storage write nobody names. */
  for (guint i = 0; step->events != NULL && i < step->events->len; i++)
    if (((CsEvent *) g_ptr_array_index (step->events, i))->kind == CS_EVENT_GRAD_ACCUMULATED)
      has_grad = TRUE;
  if (step->error != NULL)
    {
      /* Translators: "This step raised IndexError: list index out of range." */
      add_sentence (sentences, g_strdup_printf (_("This step raised %s: %s"),
                                                step->error->type, step->error->message));
    }

  for (guint i = 0; step->events != NULL && i < step->events->len; i++)
    {
      const CsEvent *event = g_ptr_array_index (step->events, i);

      switch (event->kind)
        {
        case CS_EVENT_NAME_BOUND:
        case CS_EVENT_NAME_REBOUND:
          add_sentence (sentences, explain_binding (trace, index, event));
          break;
        case CS_EVENT_STORAGE_WRITTEN:
        case CS_EVENT_ITEM_WRITTEN:
        case CS_EVENT_ITEM_INSERTED:
        case CS_EVENT_ITEM_REMOVED:
          if (!wrote && step->error == NULL)
            {
              char *sentence = explain_write (trace, index, event, has_grad);

              wrote = sentence != NULL;
              add_sentence (sentences, sentence);
            }
          break;
        case CS_EVENT_GRAD_ACCUMULATED:
          if (n_grads++ == 0)
            add_sentence (sentences, explain_grad (trace, index, event));
          break;
        case CS_EVENT_NAME_UNBOUND:
        case CS_EVENT_OBJECT_CREATED:
        case CS_EVENT_OBJECT_FREED:
        case CS_EVENT_STORAGE_ALLOCATED:
        case CS_EVENT_STORAGE_FREED:
        case CS_EVENT_STORAGE_COPIED:
        case CS_EVENT_VIEW_CREATED:
        case CS_EVENT_GRAD_PASSED:
        default:
          break;
        }
    }

  if (sentences->len == 0)
    {
      if (step->stdout_text != NULL && step->stdout_text[0] != '\0')
        add_sentence (sentences, g_strdup (_("This step only prints; no name or object changes.")));
      else
        add_sentence (sentences, g_strdup (_("This step changes no name and no object.")));
    }

  g_ptr_array_add (sentences, NULL);
  return g_strjoinv (" ", (char **) sentences->pdata);
}
