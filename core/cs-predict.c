/* cs-predict.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cs-dtype.h"
#include "cs-explain-private.h"
#include "cs-format.h"
#include "cs-predict.h"
#include "cs-value.h"

static const CsStep *
get_step (const CsTrace *trace,
          guint          index)
{
  return g_ptr_array_index (trace->steps, index);
}

static char *
dup_code (const CsStep *step)
{
  const char *source = step->source != NULL ? step->source : "";
  const char *nl = strchr (source, '\n');
  g_autofree char *line = nl != NULL ? g_strndup (source, nl - source) : g_strdup (source);

  return g_strstrip (g_strdup (line));
}

static gboolean
ptr_array_has_str (GPtrArray  *array,
                   const char *s)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), s) == 0)
      return TRUE;
  return FALSE;
}

/* Does @code mention the identifier @name (not as part of a longer one)? */
static gboolean
code_mentions (const char *code,
               const char *name)
{
  gsize n = strlen (name);

  for (const char *p = strstr (code, name); p != NULL; p = strstr (p + 1, name))
    {
      gboolean start_ok = p == code || !(g_ascii_isalnum (p[-1]) || p[-1] == '_' || p[-1] == '.');
      gboolean end_ok = !(g_ascii_isalnum (p[n]) || p[n] == '_');

      if (start_ok && end_ok)
        return TRUE;
    }
  return FALSE;
}

static CsPredictQuestion *
question_new (CsPredictKind kind,
              guint         index,
              char         *prompt,
              gboolean      multiple,
              GArray       *choices)
{
  CsPredictQuestion *q = g_new0 (CsPredictQuestion, 1);

  q->kind = kind;
  q->step_index = index;
  q->prompt = prompt;
  q->multiple = multiple;
  q->n_choices = choices->len;
  q->choices = (CsPredictChoice *) (gpointer) g_array_free (choices, FALSE);
  return q;
}

static void
add_choice (GArray     *choices,
            const char *label,
            gboolean    correct)
{
  CsPredictChoice choice = { g_strdup (label), correct };

  for (guint i = 0; i < choices->len; i++)
    if (strcmp (g_array_index (choices, CsPredictChoice, i).label, label) == 0)
      return;
  g_array_append_val (choices, choice);
}

static CsPredictQuestion *
yes_no (CsPredictKind kind,
        guint         index,
        char         *prompt,
        gboolean      yes)
{
  GArray *choices = g_array_new (FALSE, FALSE, sizeof (CsPredictChoice));

  add_choice (choices, _("Yes"), yes);
  add_choice (choices, _("No"), !yes);
  return question_new (kind, index, prompt, FALSE, choices);
}

/* @grad's values times @factor, printed as PyTorch prints them. */
static char *
dup_scaled_grad (const CsSnapshot   *snapshot,
                 const CsSnapObject *grad,
                 double              factor)
{
  const CsSnapArray *a = grad->array;
  const CsSnapStorage *storage;
  gsize itemsize;
  g_autofree guint8 *data = NULL;

  if (a == NULL)
    return NULL;
  storage = cs_snapshot_lookup_storage (snapshot, a->storage_serial);
  if (storage == NULL || storage->data == NULL || storage->dtype != a->dtype)
    return NULL;
  itemsize = cs_dtype_itemsize (a->dtype);
  data = g_memdup2 (storage->data, storage->numel * itemsize);
  for (gsize k = 0; k < storage->numel; k++)
    cs_dtype_set_double (a->dtype, data, k, cs_dtype_get_double (a->dtype, data, k) * factor);
  return cs_format_tensor (a->dtype, data, a->offset, a->ndim, a->shape, a->strides, NULL, NULL);
}

static int
compare_choices (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (((const CsPredictChoice *) a)->label, ((const CsPredictChoice *) b)->label);
}

static CsPredictQuestion *
grad_question (const CsTrace *trace,
               guint          index,
               const CsEvent *event)
{
  const CsSnapshot *prev = _cs_explain_prev_snapshot (trace, index);
  const CsSnapshot *cur = get_step (trace, index)->snapshot;
  const CsSnapObject *grad = cs_snapshot_lookup (cur, event->new_serial);
  g_autofree char *code = dup_code (get_step (trace, index));
  g_autofree char *value = cs_snapshot_dup_repr (cur, event->new_serial);
  g_autofree char *doubled = NULL;
  g_autofree char *halved = NULL;
  const char *name = NULL;
  GArray *choices;

  for (guint i = 0; i < cur->n_names; i++)
    if (!cur->names[i].hidden && cur->names[i].serial == event->serial)
      {
        name = cur->names[i].name;
        break;
      }
  if (name == NULL || grad == NULL || value == NULL)
    return NULL;

  choices = g_array_new (FALSE, FALSE, sizeof (CsPredictChoice));
  add_choice (choices, value, TRUE);
  /* Plausible mistakes: forgetting accumulation (the old value), no
   * gradient at all, and a factor of two (the chain rule done wrong). */
  if (event->old_serial != 0 && prev != NULL)
    {
      g_autofree char *old = cs_snapshot_dup_repr (prev, event->old_serial);

      if (old != NULL)
        add_choice (choices, old, FALSE);
    }
  add_choice (choices, "None", FALSE);
  doubled = dup_scaled_grad (cur, grad, 2.0);
  halved = dup_scaled_grad (cur, grad, 0.5);
  if (doubled != NULL)
    add_choice (choices, doubled, FALSE);
  if (halved != NULL && choices->len < 4)
    add_choice (choices, halved, FALSE);
  g_array_sort (choices, compare_choices);
  /* Translators: "After `y.backward()`, what will `x.grad` be?" */
  return question_new (CS_PREDICT_GRAD_VALUE, index,
                       g_strdup_printf (_("After `%s`, what will `%s.grad` be?"), code, name),
                       FALSE, choices);
}

static CsPredictQuestion *
write_question (const CsTrace *trace,
                guint          index)
{
  const CsStep *step = get_step (trace, index);
  g_autoptr (GPtrArray) candidates = _cs_explain_candidate_names (trace, index);
  g_autoptr (GPtrArray) changed = NULL;
  g_autofree char *code = dup_code (step);
  gboolean all_lists = TRUE;
  GArray *choices;

  if (candidates->len < 2)
    return NULL;
  changed = _cs_explain_changed_names (trace, index);
  /* A write no name shows (into w.grad, say) makes a question with no
   * right answer. */
  if (changed->len == 0)
    return NULL;
  for (guint i = 0; i < candidates->len; i++)
    {
      const CsSnapObject *o = _cs_explain_lookup_name (step->snapshot, g_ptr_array_index (candidates, i));

      if (o == NULL || o->array != NULL)
        all_lists = FALSE;
    }

  if (all_lists && candidates->len == 2)
    {
      /* Ask about the name the statement does not write through. */
      const char *other = g_ptr_array_index (candidates, 1);

      if (code_mentions (code, other) && !code_mentions (code, g_ptr_array_index (candidates, 0)))
        other = g_ptr_array_index (candidates, 0);
      /* Translators: "After `a[0][0] = 0`, will `b` change?" */
      return yes_no (CS_PREDICT_WILL_CHANGE, index,
                     g_strdup_printf (_("After `%s`, will `%s` change?"), code, other),
                     ptr_array_has_str (changed, other));
    }

  choices = g_array_new (FALSE, FALSE, sizeof (CsPredictChoice));
  for (guint i = 0; i < candidates->len; i++)
    {
      const char *name = g_ptr_array_index (candidates, i);
      g_autofree char *label = g_strdup_printf ("`%s`", name);

      add_choice (choices, label, ptr_array_has_str (changed, name));
    }
  {
    g_autofree char *list = _cs_explain_join_names (candidates);

    /* Translators: "After `a[1] = 0`, which of `a`, `a1`, `a2`, `a3` and `a4` will show a
     * change?" */
    return question_new (CS_PREDICT_WHICH_CHANGE, index,
                         g_strdup_printf (_("After `%s`, which of %s will show a change?"), code, list),
                         TRUE, choices);
  }
}

static CsPredictQuestion *
share_question (const CsTrace *trace,
                guint          index,
                const CsEvent *event)
{
  const CsStep *step = get_step (trace, index);
  const CsSnapshot *prev = _cs_explain_prev_snapshot (trace, index);
  const CsSnapshot *cur = step->snapshot;
  const CsSnapObject *object = cs_snapshot_lookup (cur, event->new_serial);
  g_autofree char *code = dup_code (step);

  if (object == NULL || object->array == NULL || prev == NULL ||
      cs_snapshot_lookup (prev, object->serial) != NULL)
    return NULL;
  for (guint i = 0; i < prev->n_names; i++)
    {
      const char *other = prev->names[i].name;
      const CsSnapObject *before, *now;

      if (prev->names[i].hidden || strcmp (other, event->name) == 0 || !code_mentions (code, other))
        continue;
      before = cs_snapshot_lookup (prev, prev->names[i].serial);
      now = _cs_explain_lookup_name (cur, other);
      if (before == NULL || before->array == NULL || now == NULL || now->array == NULL)
        continue;
      /* Translators: "After `y = x.clone()`, do `x` and `y` share storage?" */
      return yes_no (CS_PREDICT_SHARE_STORAGE, index,
                     g_strdup_printf (_("After `%s`, do `%s` and `%s` share storage?"),
                                      code, other, event->name),
                     _cs_explain_storage_root (cur, now->array->storage_serial) ==
                     _cs_explain_storage_root (cur, object->array->storage_serial));
    }
  return NULL;
}

CsPredictQuestion *
cs_predict_question_for_step (const CsTrace *trace,
                              guint          index)
{
  const CsStep *step;
  gboolean wrote = FALSE;

  g_return_val_if_fail (trace != NULL, NULL);
  g_return_val_if_fail (index < trace->steps->len, NULL);

  step = get_step (trace, index);
  if (index == 0 || step->error != NULL || step->snapshot == NULL ||
      _cs_explain_prev_snapshot (trace, index) == NULL)
    return NULL;

  for (guint i = 0; step->events != NULL && i < step->events->len; i++)
    {
      const CsEvent *event = g_ptr_array_index (step->events, i);

      if (event->kind == CS_EVENT_GRAD_ACCUMULATED)
        return grad_question (trace, index, event);
      if (event->kind == CS_EVENT_STORAGE_WRITTEN || event->kind == CS_EVENT_ITEM_WRITTEN ||
          event->kind == CS_EVENT_ITEM_INSERTED || event->kind == CS_EVENT_ITEM_REMOVED)
        wrote = TRUE;
    }
  if (wrote)
    return write_question (trace, index);
  for (guint i = 0; step->events != NULL && i < step->events->len; i++)
    {
      const CsEvent *event = g_ptr_array_index (step->events, i);

      if (event->kind == CS_EVENT_NAME_BOUND || event->kind == CS_EVENT_NAME_REBOUND)
        {
          CsPredictQuestion *q = share_question (trace, index, event);

          if (q != NULL)
            return q;
        }
    }
  return NULL;
}

void
cs_predict_question_free (CsPredictQuestion *question)
{
  if (question == NULL)
    return;
  for (guint i = 0; i < question->n_choices; i++)
    g_free (question->choices[i].label);
  g_free (question->choices);
  g_free (question->prompt);
  g_free (question);
}

gboolean
cs_predict_check (const CsPredictQuestion *question,
                  const gboolean          *selected)
{
  g_return_val_if_fail (question != NULL, FALSE);
  g_return_val_if_fail (selected != NULL || question->n_choices == 0, FALSE);

  for (guint i = 0; i < question->n_choices; i++)
    if (!selected[i] != !question->choices[i].correct)
      return FALSE;
  return TRUE;
}
