/* cs-interp.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The evaluator: walks the syntax tree of one top-level statement at a
 * time, as CPython runs each statement compiled on its own.  Names live
 * in namespaces (the module's, one per function call, one per
 * comprehension); exceptions are recorded in interp->error and unwind to
 * the end of the statement.
 */

#include "config.h"

#include <string.h>

#include "cs-interp-exceptions.h"
#include "cs-interp-format.h"
#include "cs-interp.h"
#include "cs-runtime.h"

typedef enum
{
  FLOW_NORMAL,
  FLOW_BREAK,
  FLOW_CONTINUE,
  FLOW_RETURN,
  FLOW_ERROR,
} Flow;

enum
{
  NAME_LOCAL = 1,
  NAME_GLOBAL = 2,
};

#define MAX_EVENTS 10000

static CsObject *eval (CsInterp *interp, const CsExpr *expr);
static Flow exec_block (CsInterp *interp, const CsBlock *block, CsObject **ret);

/* ---- run options -------------------------------------------------------------- */

void
cs_run_options_init_defaults (CsRunOptions *options)
{
  options->max_source_bytes = 1024 * 1024;
  options->max_statements = 10000;
  options->max_loop_iterations = 100000;
  options->max_call_depth = 1000;
  options->max_c_depth = 1000;
  options->max_container_len = 1000000;
  options->max_total_slots = 10000000;
  options->max_heap_objects = 1000000;
  options->max_storage_numel = 1000000;
  options->max_step_statements = 2000000;
  options->max_total_statements = 10000000;
}

/* ---- errors, limits, output -------------------------------------------------- */

void
cs_interp_raise (CsInterp   *interp,
                 const char *type,
                 const char *format,
                 ...)
{
  va_list ap;

  /* The first exception wins: later ones come from cleanup paths. */
  if (interp->error)
    return;
  interp->error = g_new0 (CsError, 1);
  interp->error->type = g_strdup (type);
  va_start (ap, format);
  interp->error->message = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (interp->span)
    {
      interp->error->line = interp->span->line;
      interp->error->column = interp->span->column;
    }
}

gboolean
cs_interp_has_error (CsInterp *interp)
{
  return interp->error != NULL;
}

static void
error_free (CsError *error)
{
  if (error == NULL)
    return;
  g_free (error->type);
  g_free (error->message);
  g_free (error);
}

void
cs_interp_clear_error (CsInterp *interp)
{
  g_clear_pointer (&interp->error, error_free);
}

gboolean
cs_interp_enter_recursion (CsInterp   *interp,
                           const char *what)
{
  if (interp->c_depth + interp->call_depth >= interp->options.max_c_depth)
    {
      cs_interp_raise (interp, "RecursionError", "maximum recursion depth exceeded%s", what);
      return FALSE;
    }
  interp->c_depth++;
  return TRUE;
}

void
cs_interp_leave_recursion (CsInterp *interp)
{
  g_assert (interp->c_depth > 0);
  interp->c_depth--;
}

static gboolean
check_heap (CsInterp *interp)
{
  if (cs_heap_count (interp->heap) > interp->options.max_heap_objects)
    {
      cs_interp_raise (interp, "MemoryError",
                       "Copyscope stopped this step: more than %" G_GSIZE_FORMAT " objects are alive",
                       interp->options.max_heap_objects);
      return FALSE;
    }
  return TRUE;
}

/* The engine may run on a worker thread; 8 MiB stacks are the norm, use
 * at most half. */
#define STACK_BUDGET (4 * 1024 * 1024)

gboolean
cs_interp_check_stack (CsInterp *interp)
{
  char here;
  gssize used;

  if (interp->stack_base == NULL)
    return TRUE;
  used = interp->stack_base - &here;
  if (used < 0)
    used = -used;
  if (used > STACK_BUDGET)
    {
      cs_interp_raise (interp, "RecursionError", "maximum recursion depth exceeded");
      return FALSE;
    }
  return TRUE;
}

gboolean
cs_interp_count_iteration (CsInterp *interp)
{
  if (++interp->loop_iterations > interp->options.max_loop_iterations)
    {
      cs_interp_raise (interp, "LimitExceeded",
                       "Copyscope stopped this step after %" G_GUINT64_FORMAT " loop iterations",
                       interp->options.max_loop_iterations);
      return FALSE;
    }
  if ((interp->loop_iterations & 255) == 0)
    return check_heap (interp);
  return TRUE;
}

gboolean
cs_interp_reserve_slots (CsInterp *interp,
                         gsize     current,
                         gsize     n)
{
  if (current + n > interp->options.max_container_len || n > interp->options.max_container_len)
    {
      cs_interp_raise (interp, "MemoryError",
                       "Copyscope limits containers to %" G_GSIZE_FORMAT " items",
                       interp->options.max_container_len);
      return FALSE;
    }
  interp->total_slots += n;
  if (interp->total_slots > interp->options.max_total_slots)
    {
      cs_interp_raise (interp, "MemoryError",
                       "Copyscope stopped this step: more than %" G_GSIZE_FORMAT " container items were made",
                       interp->options.max_total_slots);
      return FALSE;
    }
  if (n > 1000 || n == 0)
    return check_heap (interp);
  return TRUE;
}

void
cs_interp_write (CsInterp   *interp,
                 const char *text,
                 gssize      len)
{
  if (len < 0)
    len = strlen (text);
  /* Keep the output bounded: a print loop could otherwise fill memory. */
  if (interp->out->len + len > 16 * 1024 * 1024)
    {
      cs_interp_raise (interp, "LimitExceeded", "Copyscope stopped this step: it printed more than 16 MiB");
      return;
    }
  g_string_append_len (interp->out, text, len);
}

void
cs_interp_warn (CsInterp   *interp,
                const char *category,
                const char *message)
{
  g_ptr_array_add (interp->warnings, g_strdup_printf ("%s: %s", category, message));
}

void
cs_interp_touch (CsInterp *interp,
                 CsObject *obj)
{
  /* Snapshots reuse an object's picture while its version is unchanged. */
  if (obj)
    obj->version++;
  cs_heap_touch (interp->heap);
}

void
cs_interp_add_event (CsInterp *interp,
                     CsEvent  *event)
{
  if (interp->events->len >= MAX_EVENTS)
    {
      cs_event_free (event);
      return;
    }
  g_ptr_array_add (interp->events, event);
}

void
cs_interp_event_item (CsInterp   *interp,
                      CsEventKind kind,
                      CsObject   *container,
                      CsObject   *key,
                      gssize      index,
                      CsObject   *old_value,
                      CsObject   *new_value)
{
  CsEvent *event;

  if (interp->events->len >= MAX_EVENTS)
    return;
  event = cs_event_new (kind);
  event->serial = container->serial;
  event->old_serial = old_value ? old_value->serial : 0;
  event->new_serial = new_value ? new_value->serial : 0;
  if (index >= 0)
    event->path = g_strdup_printf ("[%" G_GSSIZE_FORMAT "]", index);
  else if (key)
    {
      g_autofree char *r = NULL;
      guint saved = interp->c_depth;
      CsError *saved_error = interp->error;

      interp->error = NULL;
      r = cs_op_repr (interp, key);
      cs_interp_clear_error (interp);
      interp->error = saved_error;
      interp->c_depth = saved;
      event->path = g_strdup_printf ("[%s]", r ? r : "?");
    }
  cs_interp_add_event (interp, event);
}

/* ---- interpreter life cycle ------------------------------------------------- */

static CsObject *
make_permanent (CsObject *obj)
{
  obj->flags |= CS_OBJECT_PERMANENT;
  return obj;
}

CsInterp *
cs_interp_new (const CsRunOptions *options)
{
  CsInterp *interp = g_new0 (CsInterp, 1);

  if (options)
    interp->options = *options;
  else
    cs_run_options_init_defaults (&interp->options);
  interp->heap = cs_heap_new ();
  interp->interned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  interp->type_objects = g_hash_table_new (NULL, NULL);
  interp->repr_stack = g_ptr_array_new ();
  interp->spare_frames = g_ptr_array_new ();
  interp->out = g_string_new (NULL);
  interp->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  interp->warnings = g_ptr_array_new_with_free_func (g_free);
  interp->events = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_event_free);
  interp->import_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  interp->qualnames = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  interp->handling = g_ptr_array_new ();

#define PERMANENT(obj) make_permanent (obj)
  interp->none = PERMANENT (cs_interp_alloc (interp, &cs_none_class));
  interp->false_obj = PERMANENT (cs_interp_alloc (interp, &cs_bool_class));
  interp->true_obj = PERMANENT (cs_interp_alloc (interp, &cs_bool_class));
  interp->true_obj->int_value = 1;
  interp->not_implemented = PERMANENT (cs_interp_alloc (interp, &cs_not_implemented_class));
  interp->ellipsis = PERMANENT (cs_interp_alloc (interp, &cs_ellipsis_class));
  for (gint64 i = -5; i <= 256; i++)
    {
      CsObject *obj = PERMANENT (cs_interp_alloc (interp, &cs_int_class));
      obj->int_value = i;
      interp->small_ints[i + 5] = obj;
    }
  interp->empty_str = PERMANENT (cs_interp_alloc (interp, &cs_str_class));
  interp->empty_str->str.data = g_strdup ("");
  interp->empty_tuple = PERMANENT (cs_interp_alloc (interp, &cs_tuple_class));
  interp->builtins = PERMANENT (cs_namespace_new (interp, NULL));
  interp->globals = PERMANENT (cs_namespace_new (interp, NULL));
  interp->modules = PERMANENT (cs_namespace_new (interp, NULL));
#undef PERMANENT
  _cs_builtins_init (interp);
  _cs_exceptions_init (interp);
  cs_namespace_set (interp->globals, "__name__", cs_str_intern (interp, "__main__"));
  return interp;
}

void
cs_interp_free (CsInterp *interp)
{
  if (interp == NULL)
    return;
  cs_heap_free (interp->heap);
  g_hash_table_unref (interp->interned);
  g_hash_table_unref (interp->type_objects);
  g_hash_table_unref (interp->import_values);
  g_hash_table_unref (interp->qualnames);
  g_ptr_array_unref (interp->handling);
  g_ptr_array_unref (interp->repr_stack);
  g_ptr_array_unref (interp->spare_frames);
  g_string_free (interp->out, TRUE);
  g_array_unref (interp->ids);
  g_ptr_array_unref (interp->warnings);
  g_ptr_array_unref (interp->events);
  cs_interp_clear_error (interp);
  g_free (interp);
}

CsHeap *
cs_interp_get_heap (CsInterp *interp)
{
  return interp->heap;
}

CsObject *
cs_interp_get_globals (CsInterp *interp)
{
  return interp->globals;
}

/* ---- names ------------------------------------------------------------------- */

static CsObject *
lookup_name (CsInterp   *interp,
             const char *name)
{
  CsFrame *frame = interp->frame;
  CsObject *v;

  if (frame->locals_set)
    {
      int kind = GPOINTER_TO_INT (g_hash_table_lookup (frame->locals_set, name));
      if (kind == NAME_LOCAL)
        {
          v = cs_namespace_get (frame->ns, name);
          if (v == NULL)
            cs_interp_raise (interp, "UnboundLocalError",
                             "cannot access local variable '%s' where it is not associated with a value",
                             name);
          return v;
        }
      if (kind == NAME_GLOBAL)
        goto global;
    }
  for (CsObject *ns = frame->ns; ns; ns = ns->ns.parent)
    if ((v = cs_namespace_get (ns, name)) != NULL)
      return v;

global:
  if ((v = cs_namespace_get (interp->globals, name)) != NULL)
    return v;
  if ((v = cs_namespace_get (interp->builtins, name)) != NULL)
    return v;
  if (_cs_builtin_is_unsupported (name))
    cs_interp_raise (interp, "UnsupportedFeature", "the builtin '%s' is not supported by Copyscope", name);
  else
    cs_interp_raise (interp, "NameError", "name '%s' is not defined", name);
  return NULL;
}

static CsObject *
target_namespace (CsInterp   *interp,
                  const char *name)
{
  CsFrame *frame = interp->frame;

  if (frame->locals_set &&
      GPOINTER_TO_INT (g_hash_table_lookup (frame->locals_set, name)) == NAME_GLOBAL)
    return interp->globals;
  return frame->ns;
}

static void
bind_name (CsInterp   *interp,
           const char *name,
           CsObject   *value)
{
  CsObject *ns = target_namespace (interp, name);
  CsObject *old = cs_namespace_set (ns, name, value);

  if (ns == interp->globals)
    {
      CsEvent *event = cs_event_new (old ? CS_EVENT_NAME_REBOUND : CS_EVENT_NAME_BOUND);
      event->name = g_strdup (name);
      event->old_serial = old ? old->serial : 0;
      event->new_serial = value->serial;
      cs_interp_add_event (interp, event);
    }
  cs_heap_touch (interp->heap);
}

static gboolean
unbind_name (CsInterp   *interp,
             const char *name)
{
  CsObject *ns = target_namespace (interp, name);
  CsObject *old = cs_namespace_get (ns, name);

  if (old == NULL || !cs_namespace_del (ns, name))
    {
      if (interp->frame->locals_set && ns != interp->globals)
        cs_interp_raise (interp, "UnboundLocalError",
                         "cannot access local variable '%s' where it is not associated with a value", name);
      else
        cs_interp_raise (interp, "NameError", "name '%s' is not defined", name);
      return FALSE;
    }
  if (ns == interp->globals)
    {
      CsEvent *event = cs_event_new (CS_EVENT_NAME_UNBOUND);
      event->name = g_strdup (name);
      event->old_serial = old->serial;
      cs_interp_add_event (interp, event);
    }
  cs_heap_touch (interp->heap);
  return TRUE;
}

/* ---- constants ---------------------------------------------------------------- */

/* CPython shares equal constants within one compiled unit (a top-level
 * statement with every function it defines), so "a, b = 1000, 1000" makes
 * one object; a later statement makes another.  Identifier-like strings
 * are interned everywhere.  Constant tuples are folded. */
static gboolean
const_key (const CsExpr *expr,
           GString      *key,
           guint         depth)
{
  if (depth > 50)
    return FALSE;
  switch (expr->kind)
    {
    case CS_EXPR_INT:
      g_string_append_printf (key, "i%" G_GINT64_FORMAT ";", expr->int_value);
      return TRUE;
    case CS_EXPR_FLOAT:
      {
        guint64 bits;
        memcpy (&bits, &expr->float_value, sizeof bits);
        g_string_append_printf (key, "f%" G_GINT64_MODIFIER "x;", bits);
        return TRUE;
      }
    case CS_EXPR_STR:
      g_string_append_printf (key, "s%" G_GSIZE_FORMAT ":", expr->str.len);
      for (gsize i = 0; i < expr->str.len; i++)
        g_string_append_printf (key, "%02x", (guchar) expr->str.data[i]);
      g_string_append_c (key, ';');
      return TRUE;
    case CS_EXPR_BOOL:
      g_string_append (key, expr->bool_value ? "T;" : "F;");
      return TRUE;
    case CS_EXPR_NONE:
      g_string_append (key, "N;");
      return TRUE;
    case CS_EXPR_UNARY:
      /* Written as the value's key, so -5 and 0 - 5 merge. */
      if (expr->unary.op == CS_UNARY_NEG && expr->unary.operand->kind == CS_EXPR_INT &&
          expr->unary.operand->int_value != G_MININT64)
        {
          g_string_append_printf (key, "i%" G_GINT64_FORMAT ";", -expr->unary.operand->int_value);
          return TRUE;
        }
      if (expr->unary.op == CS_UNARY_NEG && expr->unary.operand->kind == CS_EXPR_FLOAT)
        {
          double v = -expr->unary.operand->float_value;
          guint64 bits;
          memcpy (&bits, &v, sizeof bits);
          g_string_append_printf (key, "f%" G_GINT64_MODIFIER "x;", bits);
          return TRUE;
        }
      return FALSE;
    case CS_EXPR_TUPLE:
      g_string_append (key, "(");
      for (guint i = 0; i < expr->seq.n_items; i++)
        if (!const_key (expr->seq.items[i], key, depth + 1))
          return FALSE;
      g_string_append (key, ")");
      return TRUE;
    case CS_EXPR_BINARY:
      /* CPython's AST optimizer folds operations on constants. */
      g_string_append_printf (key, "b%d<", (int) expr->binary.op);
      if (!const_key (expr->binary.left, key, depth + 1) ||
          !const_key (expr->binary.right, key, depth + 1))
        return FALSE;
      g_string_append (key, ">");
      return TRUE;
    default:
      return FALSE;
    }
}

/* Cheap test before building a constant key: literals only. */
static gboolean
is_const_expr (const CsExpr *expr,
               guint         depth)
{
  if (depth > 50)
    return FALSE;
  switch (expr->kind)
    {
    case CS_EXPR_INT:
    case CS_EXPR_FLOAT:
    case CS_EXPR_STR:
    case CS_EXPR_BOOL:
    case CS_EXPR_NONE:
      return TRUE;
    case CS_EXPR_UNARY:
      return expr->unary.op == CS_UNARY_NEG &&
             (expr->unary.operand->kind == CS_EXPR_INT || expr->unary.operand->kind == CS_EXPR_FLOAT);
    case CS_EXPR_TUPLE:
      for (guint i = 0; i < expr->seq.n_items; i++)
        if (!is_const_expr (expr->seq.items[i], depth + 1))
          return FALSE;
      return TRUE;
    case CS_EXPR_BINARY:
      return is_const_expr (expr->binary.left, depth + 1) && is_const_expr (expr->binary.right, depth + 1);
    default:
      return FALSE;
    }
}

static CsObject *
make_const (CsInterp     *interp,
            const CsExpr *expr)
{
  switch (expr->kind)
    {
    case CS_EXPR_INT:
      return cs_int_new (interp, expr->int_value);
    case CS_EXPR_FLOAT:
      return cs_float_new (interp, expr->float_value);
    case CS_EXPR_STR:
      if (expr->str.len > 0 && _cs_is_identifier (expr->str.data, expr->str.len) &&
          memchr (expr->str.data, '\0', expr->str.len) == NULL)
        return cs_str_intern (interp, expr->str.data);
      return cs_str_new (interp, expr->str.data, expr->str.len);
    case CS_EXPR_BOOL:
      return cs_bool (interp, expr->bool_value);
    case CS_EXPR_NONE:
      return interp->none;
    case CS_EXPR_UNARY:
      {
        const CsExpr *o = expr->unary.operand;
        if (o->kind == CS_EXPR_INT)
          {
            if (o->int_value == G_MININT64)
              return cs_int_new (interp, o->int_value);
            return cs_int_new (interp, -o->int_value);
          }
        return cs_float_new (interp, -o->float_value);
      }
    case CS_EXPR_TUPLE:
      {
        CsObject *t = cs_tuple_new (interp, expr->seq.n_items);
        for (guint i = 0; i < expr->seq.n_items; i++)
          t->seq.items[i] = NULL;
        return t;
      }
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

/* The statement's constant table, made on first use; functions and
 * comprehensions made by the statement share it. */
static CsObject *
ensure_consts (CsInterp *interp)
{
  if (interp->frame->consts == NULL)
    {
      if (interp->step_consts == NULL)
        interp->step_consts = cs_namespace_new (interp, NULL);
      interp->frame->consts = interp->step_consts;
    }
  return interp->frame->consts;
}

static CsObject *
constant (CsInterp     *interp,
          const CsExpr *expr)
{
  g_autoptr (GString) key = NULL;
  CsObject *consts;
  CsObject *obj;

  /* Small ints and identifier-like strings are shared process-wide. */
  if (expr->kind == CS_EXPR_INT && expr->int_value >= -5 && expr->int_value <= 256)
    return cs_int_new (interp, expr->int_value);
  if (expr->kind == CS_EXPR_STR && expr->str.len > 0 &&
      _cs_is_identifier (expr->str.data, expr->str.len))
    return make_const (interp, expr);

  if (expr->kind == CS_EXPR_BINARY)
    return NULL;
  consts = ensure_consts (interp);
  key = g_string_new (NULL);
  if (!const_key (expr, key, 0) || consts == NULL)
    return NULL;
  obj = cs_namespace_get (consts, key->str);
  if (obj)
    return obj;
  obj = make_const (interp, expr);
  if (expr->kind == CS_EXPR_TUPLE)
    for (guint i = 0; i < expr->seq.n_items; i++)
      {
        const CsExpr *item = expr->seq.items[i];
        obj->seq.items[i] = item->kind == CS_EXPR_BINARY ? eval (interp, item) : constant (interp, item);
        if (obj->seq.items[i] == NULL)
          return NULL;
      }
  cs_namespace_set (consts, key->str, obj);
  return obj;
}

/* ---- frames ------------------------------------------------------------------ */

/* A namespace marked captured (a closure keeps it) is never recycled. */
#define NS_CAPTURED 1

/* Call frames' namespaces are recycled within a step unless a closure
 * captured them, so deep or long recursions do not fill the heap with
 * dead frames (the collector only runs between steps). */
static CsObject *
frame_ns_new (CsInterp *interp,
              CsObject *parent)
{
  CsObject *ns;

  if (interp->spare_frames->len == 0)
    return cs_namespace_new (interp, parent);
  ns = g_ptr_array_steal_index_fast (interp->spare_frames, interp->spare_frames->len - 1);
  ns->ns.parent = parent;
  return ns;
}

static void
frame_ns_release (CsInterp *interp,
                  CsObject *ns)
{
  if (ns->pad == NS_CAPTURED || interp->spare_frames->len >= 64)
    return;
  g_hash_table_remove_all (ns->ns.vars);
  g_ptr_array_set_size (ns->ns.order, 0);
  ns->ns.parent = NULL;
  ns->version++;
  g_ptr_array_add (interp->spare_frames, ns);
}

/* A folded constant joins the statement's constants (CPython limits what
 * it folds: strings up to 4096 characters, tuples up to 256 items);
 * identifier-like strings are interned as code constants are. */
/* The constant key of a value (as const_key writes it for a literal). */
static gboolean
value_key (CsObject *obj,
           GString  *key,
           guint     depth)
{
  if (depth > 50)
    return FALSE;
  switch (cs_object_kind (obj))
    {
    case CS_KIND_INT:
      g_string_append_printf (key, "i%" G_GINT64_FORMAT ";", obj->int_value);
      return TRUE;
    case CS_KIND_BOOL:
      g_string_append (key, obj->int_value ? "T;" : "F;");
      return TRUE;
    case CS_KIND_NONE:
      g_string_append (key, "N;");
      return TRUE;
    case CS_KIND_FLOAT:
      {
        guint64 bits;
        memcpy (&bits, &obj->float_value, sizeof bits);
        g_string_append_printf (key, "f%" G_GINT64_MODIFIER "x;", bits);
        return TRUE;
      }
    case CS_KIND_STR:
      g_string_append_printf (key, "s%" G_GSIZE_FORMAT ":", obj->str.len);
      for (gsize i = 0; i < obj->str.len; i++)
        g_string_append_printf (key, "%02x", (guchar) obj->str.data[i]);
      g_string_append_c (key, ';');
      return TRUE;
    case CS_KIND_TUPLE:
      g_string_append (key, "(");
      for (gsize i = 0; i < obj->seq.len; i++)
        if (!value_key (obj->seq.items[i], key, depth + 1))
          return FALSE;
      g_string_append (key, ")");
      return TRUE;
    default:
      return FALSE;
    }
}

static CsObject *
fold_result (CsInterp   *interp,
             const char *key,
             CsObject   *r)
{
  g_autoptr (GString) vkey = g_string_new (NULL);
  CsObject *same;

  switch (cs_object_kind (r))
    {
    case CS_KIND_STR:
      if (r->str.n_chars > 4096)
        return r;
      if (r->str.len > 0 && _cs_is_identifier (r->str.data, r->str.len))
        r = cs_str_intern (interp, r->str.data);
      break;
    case CS_KIND_TUPLE:
      if (r->seq.len > 256)
        return r;
      break;
    case CS_KIND_INT:
    case CS_KIND_FLOAT:
    case CS_KIND_BOOL:
      break;
    default:
      return r;
    }
  /* Equal constants of one compiled unit are one object. */
  if (value_key (r, vkey, 0))
    {
      same = cs_namespace_get (ensure_consts (interp), vkey->str);
      if (same && cs_object_kind (same) == cs_object_kind (r))
        r = same;
      else
        cs_namespace_set (ensure_consts (interp), vkey->str, r);
    }
  cs_namespace_set (ensure_consts (interp), key, r);
  return r;
}

/* ---- functions -------------------------------------------------------------- */

static void collect_locals_block (const CsBlock *block, GHashTable *set, GHashTable *globals_set);

static void
collect_target (const CsExpr *target,
                GHashTable   *set)
{
  if (target == NULL)
    return;
  if (target->kind == CS_EXPR_NAME)
    g_hash_table_insert (set, (gpointer) target->name.id, GINT_TO_POINTER (NAME_LOCAL));
  else if (target->kind == CS_EXPR_TUPLE || target->kind == CS_EXPR_LIST)
    for (guint i = 0; i < target->seq.n_items; i++)
      collect_target (target->seq.items[i], set);
}

static void
collect_locals_stmt (const CsStmt *stmt,
                     GHashTable   *set,
                     GHashTable   *globals_set)
{
  switch (stmt->kind)
    {
    case CS_STMT_ASSIGN:
      for (guint i = 0; i < stmt->assign.n_targets; i++)
        collect_target (stmt->assign.targets[i], set);
      break;
    case CS_STMT_AUGASSIGN:
      collect_target (stmt->augassign.target, set);
      break;
    case CS_STMT_DEL:
      for (guint i = 0; i < stmt->del.n_targets; i++)
        collect_target (stmt->del.targets[i], set);
      break;
    case CS_STMT_IMPORT:
      for (guint i = 0; i < stmt->import.n_names; i++)
        {
          const CsImportAlias *a = &stmt->import.names[i];
          if (a->asname)
            g_hash_table_insert (set, (gpointer) a->asname, GINT_TO_POINTER (NAME_LOCAL));
          else
            {
              /* "import a.b" binds "a": keep the name as given when not dotted. */
              if (strchr (a->name, '.') == NULL)
                g_hash_table_insert (set, (gpointer) a->name, GINT_TO_POINTER (NAME_LOCAL));
            }
        }
      break;
    case CS_STMT_IMPORT_FROM:
      for (guint i = 0; i < stmt->import_from.n_names; i++)
        {
          const CsImportAlias *a = &stmt->import_from.names[i];
          g_hash_table_insert (set, (gpointer) (a->asname ? a->asname : a->name), GINT_TO_POINTER (NAME_LOCAL));
        }
      break;
    case CS_STMT_FOR:
      collect_target (stmt->for_.target, set);
      collect_locals_block (&stmt->for_.body, set, globals_set);
      collect_locals_block (&stmt->for_.orelse, set, globals_set);
      break;
    case CS_STMT_WHILE:
      collect_locals_block (&stmt->while_.body, set, globals_set);
      collect_locals_block (&stmt->while_.orelse, set, globals_set);
      break;
    case CS_STMT_IF:
      collect_locals_block (&stmt->if_.body, set, globals_set);
      collect_locals_block (&stmt->if_.orelse, set, globals_set);
      break;
    case CS_STMT_WITH:
      for (guint i = 0; i < stmt->with.n_items; i++)
        collect_target (stmt->with.items[i].target, set);
      collect_locals_block (&stmt->with.body, set, globals_set);
      break;
    case CS_STMT_DEF:
      g_hash_table_insert (set, (gpointer) stmt->def.name, GINT_TO_POINTER (NAME_LOCAL));
      break;
    case CS_STMT_TRY:
      collect_locals_block (&stmt->try_.body, set, globals_set);
      for (guint i = 0; i < stmt->try_.n_handlers; i++)
        {
          if (stmt->try_.handlers[i].name)
            g_hash_table_insert (set, (gpointer) stmt->try_.handlers[i].name, GINT_TO_POINTER (NAME_LOCAL));
          collect_locals_block (&stmt->try_.handlers[i].body, set, globals_set);
        }
      collect_locals_block (&stmt->try_.orelse, set, globals_set);
      collect_locals_block (&stmt->try_.finalbody, set, globals_set);
      break;
    case CS_STMT_GLOBAL:
      for (guint i = 0; i < stmt->global.n_names; i++)
        g_hash_table_insert (globals_set, (gpointer) stmt->global.names[i], GINT_TO_POINTER (NAME_GLOBAL));
      break;
    default:
      break;
    }
}

static void
collect_locals_block (const CsBlock *block,
                      GHashTable    *set,
                      GHashTable    *globals_set)
{
  for (guint i = 0; i < block->n_stmts; i++)
    collect_locals_stmt (block->stmts[i], set, globals_set);
}

static CsObject *
function_call (CsInterp     *interp,
               CsObject     *func,
               const CsArgs *args);

/* __qualname__ of a def, lambda or comprehension node ("f.<locals>.g",
 * "<listcomp>.<lambda>"), or @fallback when it was not recorded. */
static const char *
qualname_of (CsInterp     *interp,
             gconstpointer node,
             const char   *fallback)
{
  const char *q = g_hash_table_lookup (interp->qualnames, node);

  return q ? q : fallback;
}

static char *
function_repr (CsInterp *interp,
               CsObject *self)
{
  const CsStmt *def = self->func.def;

  return g_strdup_printf ("<function %s at 0x%" G_GINT64_MODIFIER "x>",
                          qualname_of (interp, def, def->def.name), self->address);
}

static CsObject *
function_getattr (CsInterp   *interp,
                  CsObject   *self,
                  const char *name)
{
  const CsStmt *def = self->func.def;

  if (strcmp (name, "__name__") == 0)
    return cs_str_new (interp, def->def.name, -1);
  if (strcmp (name, "__qualname__") == 0)
    return cs_str_new (interp, qualname_of (interp, def, def->def.name), -1);
  if (strcmp (name, "__defaults__") == 0)
    {
      CsObject *t;
      if (self->func.n_defaults == 0)
        return interp->none;
      t = cs_tuple_new (interp, self->func.n_defaults);
      memcpy (t->seq.items, self->func.defaults, self->func.n_defaults * sizeof (CsObject *));
      return t;
    }
  return NULL;
}

const CsClass cs_function_class = {
  .kind = CS_KIND_FUNCTION,
  .name = "function",
  .repr = function_repr,
  .getattr = function_getattr,
  .call = function_call,
  .is_callable_value = TRUE,
};

static CsObject *
make_function (CsInterp     *interp,
               const CsStmt *def)
{
  CsObject *func;
  CsObject **defaults = NULL;
  GHashTable *set, *globals_set;

  if (def->def.n_defaults > 0)
    {
      defaults = g_new0 (CsObject *, def->def.n_defaults);
      for (guint i = 0; i < def->def.n_defaults; i++)
        {
          /* Defaults are evaluated once, now: the mutable default pitfall. */
          defaults[i] = eval (interp, def->def.defaults[i]);
          if (defaults[i] == NULL)
            {
              g_free (defaults);
              return NULL;
            }
        }
    }

  set = g_hash_table_new (g_str_hash, g_str_equal);
  globals_set = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < def->def.n_params; i++)
    g_hash_table_insert (set, (gpointer) def->def.params[i], GINT_TO_POINTER (NAME_LOCAL));
  collect_locals_block (&def->def.body, set, globals_set);
  {
    GHashTableIter it;
    gpointer k;
    g_hash_table_iter_init (&it, globals_set);
    while (g_hash_table_iter_next (&it, &k, NULL))
      g_hash_table_insert (set, k, GINT_TO_POINTER (NAME_GLOBAL));
  }
  g_hash_table_unref (globals_set);

  func = cs_interp_alloc (interp, &cs_function_class);
  func->func.def = (gpointer) def;
  func->func.globals = interp->globals;
  func->func.closure = interp->frame->locals_set || interp->frame->is_comprehension ? interp->frame->ns : NULL;
  /* The closure keeps the frame (and the frames it is nested in). */
  for (CsObject *ns = func->func.closure; ns; ns = ns->ns.parent)
    ns->pad = NS_CAPTURED;
  func->func.defaults = defaults;
  func->func.n_defaults = def->def.n_defaults;
  func->func.consts = ensure_consts (interp);
  func->func.locals_set = set;
  return func;
}

static void
raise_missing (CsInterp     *interp,
               const char   *fname,
               GPtrArray    *missing)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < missing->len; i++)
    {
      if (i > 0)
        g_string_append (names, missing->len == 2 ? " and " : (i == missing->len - 1 ? ", and " : ", "));
      g_string_append_printf (names, "'%s'", (const char *) g_ptr_array_index (missing, i));
    }
  cs_interp_raise (interp, "TypeError", "%s() missing %u required positional argument%s: %s",
                   fname, missing->len, missing->len == 1 ? "" : "s", names->str);
  g_string_free (names, TRUE);
}

static CsObject *
function_call (CsInterp     *interp,
               CsObject     *func,
               const CsArgs *args)
{
  const CsStmt *def = func->func.def;
  /* CPython 3.10+ names the function by its __qualname__ in call errors. */
  const char *fname = qualname_of (interp, def, def->def.name);
  guint n_params = def->def.n_params;
  guint n_defaults = func->func.n_defaults;
  g_autofree CsObject **values = g_new0 (CsObject *, MAX (n_params, 1));
  CsFrame frame = { 0 };
  CsObject *ret = NULL;
  Flow flow;

  if (args->n_args > n_params)
    {
      guint given = args->n_args;
      if (n_defaults == 0)
        cs_interp_raise (interp, "TypeError", "%s() takes %u positional argument%s but %u %s given",
                         fname, n_params, n_params == 1 ? "" : "s", given, given == 1 ? "was" : "were");
      else
        cs_interp_raise (interp, "TypeError", "%s() takes from %u to %u positional arguments but %u %s given",
                         fname, n_params - n_defaults, n_params, given, given == 1 ? "was" : "were");
      return NULL;
    }
  for (guint i = 0; i < args->n_args; i++)
    values[i] = args->args[i];
  for (guint k = 0; k < args->n_kw; k++)
    {
      guint i;
      for (i = 0; i < n_params; i++)
        if (strcmp (def->def.params[i], args->kw_names[k]) == 0)
          break;
      if (i == n_params)
        {
          cs_interp_raise (interp, "TypeError", "%s() got an unexpected keyword argument '%s'",
                           fname, args->kw_names[k]);
          return NULL;
        }
      if (values[i])
        {
          cs_interp_raise (interp, "TypeError", "%s() got multiple values for argument '%s'",
                           fname, def->def.params[i]);
          return NULL;
        }
      values[i] = args->kw_values[k];
    }
  {
    g_autoptr (GPtrArray) missing = g_ptr_array_new ();
    for (guint i = 0; i < n_params; i++)
      if (values[i] == NULL)
        {
          if (i >= n_params - n_defaults)
            values[i] = func->func.defaults[i - (n_params - n_defaults)];
          else
            g_ptr_array_add (missing, (gpointer) def->def.params[i]);
        }
    if (missing->len > 0)
      {
        raise_missing (interp, fname, missing);
        return NULL;
      }
  }

  if (interp->call_depth + 1 >= interp->options.max_call_depth ||
      interp->call_depth + interp->c_depth + 1 >= interp->options.max_c_depth)
    {
      cs_interp_raise (interp, "RecursionError", "maximum recursion depth exceeded");
      return NULL;
    }
  if (!check_heap (interp))
    return NULL;

  frame.parent = interp->frame;
  frame.ns = frame_ns_new (interp, func->func.closure);
  frame.globals = func->func.globals;
  frame.function = func;
  frame.locals_set = func->func.locals_set;
  frame.consts = func->func.consts;
  for (guint i = 0; i < n_params; i++)
    cs_namespace_set (frame.ns, def->def.params[i], values[i]);

  interp->frame = &frame;
  interp->call_depth++;
  flow = exec_block (interp, &def->def.body, &ret);
  interp->call_depth--;
  interp->frame = frame.parent;
  frame_ns_release (interp, frame.ns);

  if (flow == FLOW_ERROR)
    return NULL;
  return ret ? ret : interp->none;
}

/* ---- expressions -------------------------------------------------------------- */

static gboolean
eval_args (CsInterp     *interp,
           const CsExpr *call,
           CsArgs       *args)
{
  args->n_args = call->call.n_args;
  args->n_kw = call->call.n_kw;
  args->args = g_new0 (CsObject *, MAX (args->n_args, 1));
  args->kw_names = (const char **) call->call.kw_names;
  args->kw_values = g_new0 (CsObject *, MAX (args->n_kw, 1));
  for (guint i = 0; i < args->n_args; i++)
    if ((args->args[i] = eval (interp, call->call.args[i])) == NULL)
      return FALSE;
  for (guint i = 0; i < args->n_kw; i++)
    if ((args->kw_values[i] = eval (interp, call->call.kw_values[i])) == NULL)
      return FALSE;
  return TRUE;
}

static CsObject *
eval_index (CsInterp     *interp,
            const CsExpr *index)
{
  if (index->kind == CS_EXPR_SLICE)
    {
      CsObject *s = cs_interp_alloc (interp, &cs_slice_class);
      s->slice.start = index->slice.lower ? eval (interp, index->slice.lower) : interp->none;
      if (s->slice.start == NULL)
        return NULL;
      s->slice.stop = index->slice.upper ? eval (interp, index->slice.upper) : interp->none;
      if (s->slice.stop == NULL)
        return NULL;
      s->slice.step = index->slice.step ? eval (interp, index->slice.step) : interp->none;
      if (s->slice.step == NULL)
        return NULL;
      return s;
    }
  if (index->kind == CS_EXPR_TUPLE)
    {
      CsObject *t;
      gboolean has_slice = FALSE;

      for (guint i = 0; i < index->seq.n_items; i++)
        if (index->seq.items[i]->kind == CS_EXPR_SLICE)
          has_slice = TRUE;
      if (!has_slice)
        return eval (interp, index);
      t = cs_tuple_new (interp, index->seq.n_items);
      for (guint i = 0; i < index->seq.n_items; i++)
        if ((t->seq.items[i] = eval_index (interp, index->seq.items[i])) == NULL)
          return NULL;
      return t;
    }
  return eval (interp, index);
}

static gboolean assign (CsInterp *interp, const CsExpr *target, CsObject *value);

/* A list comprehension runs in its own scope (Python 3): its loop
 * variables never leak into the enclosing namespace. */
static gboolean
comp_loop (CsInterp     *interp,
           const CsExpr *expr,
           guint         level,
           CsObject     *first_iter,
           CsObject     *result)
{
  const CsComprehension *gen = &expr->comp.gens[level];
  CsObject *iterable = level == 0 ? first_iter : eval (interp, gen->iter);
  CsObject *it, *x;

  if (iterable == NULL)
    return FALSE;
  it = cs_op_iter (interp, iterable);
  if (it == NULL)
    return FALSE;
  while ((x = cs_op_next (interp, it)) != NULL)
    {
      gboolean keep = TRUE;

      if (!cs_interp_count_iteration (interp))
        return FALSE;
      if (!assign (interp, gen->target, x))
        return FALSE;
      for (guint i = 0; i < gen->n_ifs && keep; i++)
        {
          CsObject *c = eval (interp, gen->ifs[i]);
          int t;
          if (c == NULL || (t = cs_op_truth (interp, c)) < 0)
            return FALSE;
          keep = t;
        }
      if (!keep)
        continue;
      if (level + 1 < expr->comp.n_gens)
        {
          if (!comp_loop (interp, expr, level + 1, NULL, result))
            return FALSE;
        }
      else if (expr->kind == CS_EXPR_DICTCOMP)
        {
          /* The key first, then the value (Python 3.8+). */
          CsObject *k = eval (interp, expr->comp.elt);
          CsObject *v = k ? eval (interp, expr->comp.value) : NULL;
          if (v == NULL || !cs_dict_set (interp, result, k, v))
            return FALSE;
        }
      else
        {
          CsObject *v = eval (interp, expr->comp.elt);
          if (v == NULL || !cs_list_append (interp, result, v))
            return FALSE;
        }
    }
  return !cs_interp_has_error (interp);
}

static CsObject *
eval_listcomp (CsInterp     *interp,
               const CsExpr *expr)
{
  CsObject *first, *result;
  CsFrame frame = { 0 };
  gboolean ok;

  if (expr->comp.n_gens == 0)
    return expr->kind == CS_EXPR_DICTCOMP ? cs_dict_new (interp) : cs_list_new (interp, 0);
  first = eval (interp, expr->comp.gens[0].iter);
  if (first == NULL)
    return NULL;
  if (interp->call_depth + interp->c_depth + 1 >= interp->options.max_c_depth)
    {
      cs_interp_raise (interp, "RecursionError", "maximum recursion depth exceeded");
      return NULL;
    }
  result = expr->kind == CS_EXPR_DICTCOMP ? cs_dict_new (interp) : cs_list_new (interp, 0);
  frame.parent = interp->frame;
  frame.ns = frame_ns_new (interp, interp->frame->ns);
  frame.globals = interp->globals;
  frame.consts = ensure_consts (interp);
  frame.is_comprehension = TRUE;
  interp->frame = &frame;
  interp->call_depth++;
  ok = comp_loop (interp, expr, 0, first, result);
  interp->call_depth--;
  interp->frame = frame.parent;
  frame_ns_release (interp, frame.ns);
  if (!ok)
    return NULL;
  result->version = 0;
  return result;
}

/* ---- f-strings ---------------------------------------------------------------- */

static CsObject *eval_fstring (CsInterp *interp, const CsExpr *expr);

/* One {value!conversion:spec} field: the value, then the fields of its
 * spec, then the conversion, then format () (CPython's FORMAT_VALUE). */
static CsObject *
eval_formatted (CsInterp     *interp,
                const CsExpr *field)
{
  CsObject *v = eval (interp, field->formatted.value);
  CsObject *spec = NULL;
  char *text = NULL;

  if (v == NULL)
    return NULL;
  if (field->formatted.format_spec != NULL &&
      (spec = eval_fstring (interp, field->formatted.format_spec)) == NULL)
    return NULL;
  interp->span = &field->span;
  switch (field->formatted.conversion)
    {
    case 's':
      text = cs_op_str (interp, v);
      break;
    case 'r':
      text = cs_op_repr (interp, v);
      break;
    case 'a':
      text = _cs_ascii_repr (interp, v);
      break;
    default:
      break;
    }
  if (field->formatted.conversion != 0)
    {
      if (text == NULL)
        return NULL;
      v = cs_str_take (interp, text, strlen (text));
    }
  return _cs_format_object (interp, v, spec ? spec->str.data : "", spec ? spec->str.len : 0);
}

static CsObject *
eval_fstring (CsInterp     *interp,
              const CsExpr *expr)
{
  g_autoptr (GString) out = NULL;
  guint n = expr->fstring.n_values;

  /* f"" and f"text" are constants; f"{x}" is just the formatted value. */
  if (n == 0)
    return interp->empty_str;
  if (n == 1)
    return expr->fstring.values[0]->kind == CS_EXPR_STR ? eval (interp, expr->fstring.values[0])
                                                        : eval_formatted (interp, expr->fstring.values[0]);
  out = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      const CsExpr *part = expr->fstring.values[i];

      if (part->kind == CS_EXPR_STR)
        g_string_append_len (out, part->str.data, part->str.len);
      else
        {
          CsObject *piece = eval_formatted (interp, part);
          if (piece == NULL)
            return NULL;
          g_string_append_len (out, piece->str.data, piece->str.len);
        }
      if (out->len > interp->options.max_container_len * 16)
        {
          cs_interp_raise (interp, "MemoryError", "Copyscope limits strings to %" G_GSIZE_FORMAT " bytes",
                           interp->options.max_container_len * 16);
          return NULL;
        }
    }
  if (out->len >= 64 && !cs_interp_reserve_slots (interp, 0, out->len / 8))
    return NULL;
  return cs_str_new (interp, out->str, out->len);
}

/* ---- generator expressions ------------------------------------------------------ */

/* A generator expression runs lazily, as in CPython: the first iterable
 * is evaluated (and iter () taken) where the expression stands, the rest
 * of its loops run one element per next ().  Its loops are plain nested
 * for-clauses with no statements inside, so the suspended state is just
 * the iterator of each clause and the comprehension's own namespace. */
typedef struct
{
  const CsExpr *expr;
  CsObject     *ns;         /* the comprehension scope (captured) */
  CsObject     *consts;
  CsObject    **iters;      /* one per for-clause; NULL when not started */
  guint         level;      /* innermost running clause */
  gboolean      running;
  gboolean      done;
  char         *qualname;
} GenState;

static void
gen_state_free (gpointer data)
{
  GenState *st = data;

  g_free (st->iters);
  g_free (st->qualname);
  g_free (st);
}

static char *
genexp_repr (CsInterp *interp,
             CsObject *self)
{
  GenState *st = self->opaque.data;

  return g_strdup_printf ("<generator object %s at 0x%" G_GINT64_MODIFIER "x>", st->qualname, self->address);
}

static CsObject *
genexp_iter (CsInterp *interp,
             CsObject *self)
{
  return self;
}

static void
genexp_traverse (CsObject   *self,
                 CsVisitFunc visit,
                 gpointer    user_data)
{
  GenState *st = self->opaque.data;

  if (st == NULL)
    return;
  for (guint i = 0; i < st->expr->comp.n_gens; i++)
    if (st->iters[i])
      visit (st->iters[i], user_data);
}

static CsObject *
genexp_next (CsInterp *interp,
             CsObject *self)
{
  GenState *st = self->opaque.data;
  const CsExpr *expr = st->expr;
  CsFrame frame = { 0 };
  const CsSpan *saved_span = interp->span;
  CsObject *result = NULL;

  if (st->done)
    return NULL;
  if (st->running)
    {
      cs_interp_raise (interp, "ValueError", "generator already executing");
      return NULL;
    }
  if (interp->call_depth + interp->c_depth + 1 >= interp->options.max_c_depth)
    {
      cs_interp_raise (interp, "RecursionError", "maximum recursion depth exceeded");
      return NULL;
    }
  st->running = TRUE;
  frame.parent = interp->frame;
  frame.ns = st->ns;
  frame.globals = interp->globals;
  frame.consts = st->consts;
  frame.is_comprehension = TRUE;
  interp->frame = &frame;
  interp->call_depth++;

  for (;;)
    {
      const CsComprehension *gen = &expr->comp.gens[st->level];
      CsObject *x = cs_op_next (interp, st->iters[st->level]);
      gboolean keep = TRUE;

      if (x == NULL)
        {
          if (cs_interp_has_error (interp) || st->level == 0)
            break;
          st->iters[st->level] = NULL;
          st->level--;
          continue;
        }
      if (!cs_interp_count_iteration (interp) || !assign (interp, gen->target, x))
        break;
      for (guint i = 0; i < gen->n_ifs && keep; i++)
        {
          CsObject *c = eval (interp, gen->ifs[i]);
          int t = c ? cs_op_truth (interp, c) : -1;
          if (t < 0)
            break;
          keep = t;
        }
      if (cs_interp_has_error (interp))
        break;
      if (!keep)
        continue;
      if (st->level + 1 < expr->comp.n_gens)
        {
          CsObject *iterable = eval (interp, expr->comp.gens[st->level + 1].iter);
          CsObject *it = iterable ? cs_op_iter (interp, iterable) : NULL;
          if (it == NULL)
            break;
          st->iters[++st->level] = it;
          continue;
        }
      result = eval (interp, expr->comp.elt);
      break;
    }

  interp->call_depth--;
  interp->frame = frame.parent;
  interp->span = saved_span;
  st->running = FALSE;
  /* PEP 479: a StopIteration escaping the generator's code is an error. */
  if (result == NULL && interp->error && strcmp (interp->error->type, "StopIteration") == 0)
    {
      cs_interp_clear_error (interp);
      cs_interp_raise (interp, "RuntimeError", "generator raised StopIteration");
    }
  /* Exhausted or raised: a finished generator stays finished. */
  if (result == NULL)
    {
      st->done = TRUE;
      for (guint i = 0; i < expr->comp.n_gens; i++)
        st->iters[i] = NULL;
    }
  return result;
}

static const CsClass genexp_class = {
  .kind = CS_KIND_OPAQUE,
  .name = "generator",
  .repr = genexp_repr,
  .iter = genexp_iter,
  .next = genexp_next,
  .traverse = genexp_traverse,
};

static CsObject *
eval_genexp (CsInterp     *interp,
             const CsExpr *expr)
{
  CsObject *first, *it, *gen;
  GenState *st;

  if (expr->comp.n_gens == 0)
    {
      cs_interp_raise (interp, "SystemError", "generator expression without a for clause");
      return NULL;
    }
  first = eval (interp, expr->comp.gens[0].iter);
  if (first == NULL)
    return NULL;
  interp->span = &expr->span;
  it = cs_op_iter (interp, first);
  if (it == NULL)
    return NULL;

  st = g_new0 (GenState, 1);
  st->expr = expr;
  st->ns = cs_namespace_new (interp, interp->frame->ns);
  st->consts = ensure_consts (interp);
  st->iters = g_new0 (CsObject *, expr->comp.n_gens);
  st->iters[0] = it;
  st->qualname = g_strdup (qualname_of (interp, expr, "<genexpr>"));
  /* The generator may outlive the frame it was made in. */
  for (CsObject *ns = st->ns; ns; ns = ns->ns.parent)
    ns->pad = NS_CAPTURED;

  gen = cs_interp_alloc (interp, &genexp_class);
  gen->opaque.data = st;
  gen->opaque.destroy = gen_state_free;
  gen->opaque.refs[0] = st->ns;
  gen->opaque.refs[1] = st->consts;
  return gen;
}

static CsObject *
eval_compare (CsInterp     *interp,
              const CsExpr *expr)
{
  CsObject *left = eval (interp, expr->compare.left);
  CsObject *result = NULL;

  if (left == NULL)
    return NULL;
  for (guint i = 0; i < expr->compare.n_ops; i++)
    {
      CsObject *right = eval (interp, expr->compare.comparators[i]);
      CsCmpOp op = expr->compare.ops[i];

      if (right == NULL)
        return NULL;
      switch (op)
        {
        case CS_CMP_IS:
          result = cs_bool (interp, left == right);
          break;
        case CS_CMP_IS_NOT:
          result = cs_bool (interp, left != right);
          break;
        case CS_CMP_IN:
        case CS_CMP_NOT_IN:
          {
            int r = cs_op_contains (interp, right, left);
            if (r < 0)
              return NULL;
            result = cs_bool (interp, op == CS_CMP_IN ? r : !r);
            break;
          }
        default:
          result = cs_op_compare (interp, op, left, right);
          if (result == NULL)
            return NULL;
          break;
        }
      if (i + 1 < expr->compare.n_ops)
        {
          int t = cs_op_truth (interp, result);
          if (t < 0)
            return NULL;
          if (!t)
            return result;
        }
      left = right;
    }
  return result;
}

static CsObject *
eval (CsInterp     *interp,
      const CsExpr *expr)
{
  const CsSpan *saved_span = interp->span;
  CsObject *r = NULL;

  if (!cs_interp_check_stack (interp))
    return NULL;
  interp->span = &expr->span;
  switch (expr->kind)
    {
    case CS_EXPR_NAME:
      r = lookup_name (interp, expr->name.id);
      break;
    case CS_EXPR_INT:
    case CS_EXPR_FLOAT:
    case CS_EXPR_STR:
      r = constant (interp, expr);
      if (r == NULL)
        r = make_const (interp, expr);
      break;
    case CS_EXPR_BOOL:
      r = cs_bool (interp, expr->bool_value);
      break;
    case CS_EXPR_NONE:
      r = interp->none;
      break;
    case CS_EXPR_ELLIPSIS:
      r = interp->ellipsis;
      break;
    case CS_EXPR_LIST:
    case CS_EXPR_TUPLE:
      if (expr->kind == CS_EXPR_TUPLE && is_const_expr (expr, 0) && (r = constant (interp, expr)) != NULL)
        break;
      if (!cs_interp_reserve_slots (interp, 0, expr->seq.n_items))
        break;
      {
        /* Items first, then the container, as CPython builds displays. */
        g_autofree CsObject **items = g_new (CsObject *, MAX (expr->seq.n_items, 1));
        guint i;

        for (i = 0; i < expr->seq.n_items; i++)
          if ((items[i] = eval (interp, expr->seq.items[i])) == NULL)
            break;
        if (i < expr->seq.n_items)
          break;
        r = expr->kind == CS_EXPR_LIST ? cs_list_new (interp, expr->seq.n_items)
                                       : cs_tuple_new (interp, expr->seq.n_items);
        if (expr->seq.n_items)
          memcpy (r->seq.items, items, expr->seq.n_items * sizeof (CsObject *));
      }
      break;
    case CS_EXPR_DICT:
      {
        /* Keys and values first (key before value), then the dict. */
        g_autofree CsObject **kv = g_new (CsObject *, MAX (expr->dict.n_items * 2, 1));
        guint i;

        for (i = 0; i < expr->dict.n_items; i++)
          {
            if ((kv[2 * i] = eval (interp, expr->dict.keys[i])) == NULL ||
                (kv[2 * i + 1] = eval (interp, expr->dict.values[i])) == NULL)
              break;
          }
        if (i < expr->dict.n_items)
          break;
        r = cs_dict_new (interp);
        for (i = 0; i < expr->dict.n_items; i++)
          if (!cs_dict_set (interp, r, kv[2 * i], kv[2 * i + 1]))
            {
              r = NULL;
              break;
            }
        if (r)
          r->version = 0;
        break;
      }
    case CS_EXPR_LISTCOMP:
      r = eval_listcomp (interp, expr);
      break;
    case CS_EXPR_FSTRING:
      r = eval_fstring (interp, expr);
      break;
    case CS_EXPR_GENEXP:
      r = eval_genexp (interp, expr);
      break;
    case CS_EXPR_DICTCOMP:
      r = eval_listcomp (interp, expr);
      break;
    case CS_EXPR_LAMBDA:
      r = make_function (interp, expr->lambda.def);
      break;
    case CS_EXPR_ATTR:
      {
        CsObject *v = eval (interp, expr->attr.value);
        interp->span = &expr->span;
        if (v)
          r = cs_op_getattr (interp, v, expr->attr.attr);
        break;
      }
    case CS_EXPR_CALL:
      {
        CsObject *f = eval (interp, expr->call.func);
        CsArgs args = { 0 };

        if (f && eval_args (interp, expr, &args))
          {
            interp->span = &expr->span;
            r = cs_op_call (interp, f, &args);
          }
        g_free (args.args);
        g_free (args.kw_values);
        break;
      }
    case CS_EXPR_SUBSCRIPT:
      {
        CsObject *v = eval (interp, expr->subscript.value);
        CsObject *i = v ? eval_index (interp, expr->subscript.index) : NULL;
        interp->span = &expr->span;
        if (i)
          r = cs_op_getitem (interp, v, i);
        break;
      }
    case CS_EXPR_SLICE:
      r = eval_index (interp, expr);
      break;
    case CS_EXPR_UNARY:
      if (expr->unary.op == CS_UNARY_NEG &&
          (expr->unary.operand->kind == CS_EXPR_INT || expr->unary.operand->kind == CS_EXPR_FLOAT))
        {
          r = constant (interp, expr);
          if (r)
            break;
        }
      {
        CsObject *v = eval (interp, expr->unary.operand);
        interp->span = &expr->span;
        if (v)
          r = cs_op_unary (interp, expr->unary.op, v);
        break;
      }
    case CS_EXPR_BINARY:
      {
        CsObject *a, *b;
        g_autoptr (GString) key = NULL;
        gboolean foldable = FALSE;

        if (is_const_expr (expr, 0))
          {
            key = g_string_new (NULL);
            foldable = const_key (expr, key, 0);
          }

        if (foldable && (r = cs_namespace_get (ensure_consts (interp), key->str)) != NULL)
          break;
        a = eval (interp, expr->binary.left);
        b = a ? eval (interp, expr->binary.right) : NULL;
        interp->span = &expr->span;
        if (b)
          r = cs_op_binary (interp, expr->binary.op, a, b, FALSE);
        if (r && foldable)
          r = fold_result (interp, key->str, r);
        break;
      }
    case CS_EXPR_COMPARE:
      r = eval_compare (interp, expr);
      break;
    case CS_EXPR_BOOLOP:
      for (guint i = 0; i < expr->boolop.n_values; i++)
        {
          int t;
          r = eval (interp, expr->boolop.values[i]);
          if (r == NULL)
            break;
          if (i + 1 == expr->boolop.n_values)
            break;
          t = cs_op_truth (interp, r);
          if (t < 0)
            {
              r = NULL;
              break;
            }
          /* and/or return an operand, not a bool. */
          if (expr->boolop.op == CS_BOOL_AND ? !t : t)
            break;
        }
      break;
    case CS_EXPR_IFEXP:
      {
        CsObject *c = eval (interp, expr->ifexp.test);
        int t = c ? cs_op_truth (interp, c) : -1;
        if (t >= 0)
          r = eval (interp, t ? expr->ifexp.body : expr->ifexp.orelse);
        break;
      }
    default:
      cs_interp_raise (interp, "UnsupportedFeature", "this expression is not supported");
      break;
    }
  interp->span = saved_span;
  if (r == NULL && !interp->error)
    cs_interp_raise (interp, "SystemError", "error return without exception set");
  return r;
}

/* ---- assignment ------------------------------------------------------------ */

static gboolean
unpack (CsInterp     *interp,
        const CsExpr *target,
        CsObject     *value)
{
  guint n = target->seq.n_items;
  CsObject *items;

  if (cs_object_kind (value) == CS_KIND_LIST || cs_object_kind (value) == CS_KIND_TUPLE)
    items = value;
  else
    {
      CsObject *it, *x;

      if (value->cls->iter == NULL)
        {
          cs_interp_raise (interp, "TypeError", "cannot unpack non-iterable %s object",
                           cs_object_type_name (value));
          return FALSE;
        }
      it = cs_op_iter (interp, value);
      if (it == NULL)
        return FALSE;
      items = cs_list_new (interp, 0);
      /* Stop one past the expected count, as CPython does. */
      while (items->seq.len <= n && (x = cs_op_next (interp, it)) != NULL)
        if (!cs_list_append (interp, items, x))
          return FALSE;
      if (cs_interp_has_error (interp))
        return FALSE;
    }
  if (items->seq.len > n)
    {
      cs_interp_raise (interp, "ValueError", "too many values to unpack (expected %u)", n);
      return FALSE;
    }
  if (items->seq.len < n)
    {
      cs_interp_raise (interp, "ValueError", "not enough values to unpack (expected %u, got %" G_GSIZE_FORMAT ")",
                       n, items->seq.len);
      return FALSE;
    }
  {
    /* Copy first: assigning may change a list being unpacked. */
    g_autofree CsObject **copy = g_memdup2 (items->seq.items, MAX (n, 1) * sizeof (CsObject *));
    for (guint i = 0; i < n; i++)
      if (!assign (interp, target->seq.items[i], copy[i]))
        return FALSE;
  }
  return TRUE;
}

static gboolean
assign (CsInterp     *interp,
        const CsExpr *target,
        CsObject     *value)
{
  const CsSpan *saved_span = interp->span;
  gboolean ok = FALSE;

  interp->span = &target->span;
  switch (target->kind)
    {
    case CS_EXPR_NAME:
      bind_name (interp, target->name.id, value);
      ok = TRUE;
      break;
    case CS_EXPR_TUPLE:
    case CS_EXPR_LIST:
      ok = unpack (interp, target, value);
      break;
    case CS_EXPR_SUBSCRIPT:
      {
        CsObject *obj = eval (interp, target->subscript.value);
        CsObject *index = obj ? eval_index (interp, target->subscript.index) : NULL;
        interp->span = &target->span;
        ok = index && cs_op_setitem (interp, obj, index, value);
        break;
      }
    case CS_EXPR_ATTR:
      {
        CsObject *obj = eval (interp, target->attr.value);
        interp->span = &target->span;
        ok = obj && cs_op_setattr (interp, obj, target->attr.attr, value);
        break;
      }
    default:
      cs_interp_raise (interp, "SyntaxError", "cannot assign to expression");
      break;
    }
  interp->span = saved_span;
  return ok;
}

static gboolean
exec_augassign (CsInterp     *interp,
                const CsStmt *stmt)
{
  const CsExpr *target = stmt->augassign.target;
  CsObject *obj = NULL, *index = NULL, *current = NULL, *value, *result;

  switch (target->kind)
    {
    case CS_EXPR_NAME:
      current = lookup_name (interp, target->name.id);
      break;
    case CS_EXPR_SUBSCRIPT:
      obj = eval (interp, target->subscript.value);
      index = obj ? eval_index (interp, target->subscript.index) : NULL;
      current = index ? cs_op_getitem (interp, obj, index) : NULL;
      break;
    case CS_EXPR_ATTR:
      obj = eval (interp, target->attr.value);
      current = obj ? cs_op_getattr (interp, obj, target->attr.attr) : NULL;
      break;
    default:
      cs_interp_raise (interp, "SyntaxError", "'expression' is an illegal expression for augmented assignment");
      return FALSE;
    }
  if (current == NULL)
    return FALSE;
  value = eval (interp, stmt->augassign.value);
  if (value == NULL)
    return FALSE;
  interp->span = &stmt->span;
  result = cs_op_binary (interp, stmt->augassign.op, current, value, TRUE);
  if (result == NULL)
    return FALSE;
  switch (target->kind)
    {
    case CS_EXPR_NAME:
      bind_name (interp, target->name.id, result);
      return TRUE;
    case CS_EXPR_SUBSCRIPT:
      return cs_op_setitem (interp, obj, index, result);
    default:
      return cs_op_setattr (interp, obj, target->attr.attr, result);
    }
}

static gboolean
exec_del (CsInterp     *interp,
          const CsExpr *target)
{
  switch (target->kind)
    {
    case CS_EXPR_NAME:
      return unbind_name (interp, target->name.id);
    case CS_EXPR_SUBSCRIPT:
      {
        CsObject *obj = eval (interp, target->subscript.value);
        CsObject *index = obj ? eval_index (interp, target->subscript.index) : NULL;
        return index && cs_op_delitem (interp, obj, index);
      }
    case CS_EXPR_TUPLE:
    case CS_EXPR_LIST:
      for (guint i = 0; i < target->seq.n_items; i++)
        if (!exec_del (interp, target->seq.items[i]))
          return FALSE;
      return TRUE;
    case CS_EXPR_ATTR:
    default:
      cs_interp_raise (interp, "UnsupportedFeature", "deleting attributes is not supported");
      return FALSE;
    }
}

static void
record_import (CsInterp   *interp,
               const char *name,
               CsObject   *value)
{
  if (interp->frame->ns == interp->globals)
    g_hash_table_insert (interp->import_values, g_strdup (name), value);
}

static gboolean
exec_import (CsInterp     *interp,
             const CsStmt *stmt)
{
  for (guint i = 0; i < stmt->import.n_names; i++)
    {
      const CsImportAlias *a = &stmt->import.names[i];
      CsObject *module;

      if (strchr (a->name, '.'))
        {
          g_autofree char *top = g_strndup (a->name, strchr (a->name, '.') - a->name);
          if (_cs_modules_lookup (top) == NULL)
            cs_interp_raise (interp, "ModuleNotFoundError", "No module named '%s'", top);
          else
            cs_interp_raise (interp, "UnsupportedFeature", "module '%s' is not supported yet", a->name);
          return FALSE;
        }
      module = cs_interp_import (interp, a->name);
      if (module == NULL)
        return FALSE;
      bind_name (interp, a->asname ? a->asname : a->name, module);
      record_import (interp, a->asname ? a->asname : a->name, module);
    }
  return TRUE;
}

static gboolean
exec_import_from (CsInterp     *interp,
                  const CsStmt *stmt)
{
  CsObject *module;

  if (strchr (stmt->import_from.module, '.'))
    {
      cs_interp_raise (interp, "UnsupportedFeature", "module '%s' is not supported yet",
                       stmt->import_from.module);
      return FALSE;
    }
  module = cs_interp_import (interp, stmt->import_from.module);
  if (module == NULL)
    return FALSE;
  for (guint i = 0; i < stmt->import_from.n_names; i++)
    {
      const CsImportAlias *a = &stmt->import_from.names[i];
      CsObject *value;

      if (strcmp (a->name, "*") == 0)
        {
          cs_interp_raise (interp, "UnsupportedFeature", "'from ... import *' is not supported");
          return FALSE;
        }
      value = cs_namespace_get (module->module.ns, a->name);
      if (value == NULL)
        {
          cs_interp_raise (interp, "ImportError", "cannot import name '%s' from '%s' (/usr/lib/python3.11/%s.py)",
                           a->name, module->module.name, module->module.name);
          return FALSE;
        }
      bind_name (interp, a->asname ? a->asname : a->name, value);
      record_import (interp, a->asname ? a->asname : a->name, value);
    }
  return TRUE;
}

static Flow
exec_for (CsInterp     *interp,
          const CsStmt *stmt,
          CsObject    **ret)
{
  CsObject *iterable = eval (interp, stmt->for_.iter);
  CsObject *it, *x;

  if (iterable == NULL)
    return FLOW_ERROR;
  it = cs_op_iter (interp, iterable);
  if (it == NULL)
    return FLOW_ERROR;
  while ((x = cs_op_next (interp, it)) != NULL)
    {
      Flow flow;

      if (!cs_interp_count_iteration (interp))
        return FLOW_ERROR;
      if (!assign (interp, stmt->for_.target, x))
        return FLOW_ERROR;
      flow = exec_block (interp, &stmt->for_.body, ret);
      if (flow == FLOW_BREAK)
        return FLOW_NORMAL;
      if (flow == FLOW_ERROR || flow == FLOW_RETURN)
        return flow;
    }
  if (cs_interp_has_error (interp))
    return FLOW_ERROR;
  return exec_block (interp, &stmt->for_.orelse, ret);
}

static Flow
exec_while (CsInterp     *interp,
            const CsStmt *stmt,
            CsObject    **ret)
{
  for (;;)
    {
      CsObject *c = eval (interp, stmt->while_.test);
      int t;
      Flow flow;

      if (c == NULL || (t = cs_op_truth (interp, c)) < 0)
        return FLOW_ERROR;
      if (!t)
        break;
      if (!cs_interp_count_iteration (interp))
        return FLOW_ERROR;
      flow = exec_block (interp, &stmt->while_.body, ret);
      if (flow == FLOW_BREAK)
        return FLOW_NORMAL;
      if (flow == FLOW_ERROR || flow == FLOW_RETURN)
        return flow;
    }
  return exec_block (interp, &stmt->while_.orelse, ret);
}

static Flow
exec_with (CsInterp     *interp,
           const CsStmt *stmt,
           guint         item,
           CsObject    **ret)
{
  const CsWithItem *w;
  CsObject *ctx, *entered;
  Flow flow;

  if (item >= stmt->with.n_items)
    return exec_block (interp, &stmt->with.body, ret);
  w = &stmt->with.items[item];
  ctx = eval (interp, w->context);
  if (ctx == NULL)
    return FLOW_ERROR;
  if (ctx->cls->enter == NULL || ctx->cls->exit == NULL)
    {
      cs_interp_raise (interp, "TypeError",
                       "'%s' object does not support the context manager protocol",
                       cs_object_type_name (ctx));
      return FLOW_ERROR;
    }
  entered = ctx->cls->enter (interp, ctx);
  if (entered == NULL)
    return FLOW_ERROR;
  if (w->target && !assign (interp, w->target, entered))
    flow = FLOW_ERROR;
  else
    flow = exec_with (interp, stmt, item + 1, ret);

  {
    /* __exit__ runs whether or not the body raised. */
    CsError *pending = interp->error;
    interp->error = NULL;
    if (!ctx->cls->exit (interp, ctx) && pending == NULL)
      flow = FLOW_ERROR;
    if (pending)
      {
        cs_interp_clear_error (interp);
        interp->error = pending;
      }
  }
  return flow;
}

/* ---- exceptions -------------------------------------------------------------- */

static CsError *
steal_error (CsInterp *interp)
{
  CsError *error = interp->error;

  interp->error = NULL;
  return error;
}

/* Installs @error as the pending exception (dropping a newer one). */
static void
restore_error (CsInterp *interp,
               CsError  *error)
{
  cs_interp_clear_error (interp);
  interp->error = error;
}

static CsError *
error_copy (const CsError *error)
{
  CsError *copy = g_new0 (CsError, 1);

  copy->type = g_strdup (error->type);
  copy->message = g_strdup (error->message);
  copy->line = error->line;
  copy->column = error->column;
  copy->value = error->value;
  return copy;
}

static Flow
exec_raise (CsInterp     *interp,
            const CsStmt *stmt)
{
  CsObject *exc, *cause;

  if (stmt->raise.exc == NULL)
    {
      /* A bare raise re-raises the exception being handled. */
      if (interp->handling->len == 0)
        {
          cs_interp_raise (interp, "RuntimeError", "No active exception to reraise");
          return FLOW_ERROR;
        }
      restore_error (interp, error_copy (g_ptr_array_index (interp->handling, interp->handling->len - 1)));
      return FLOW_ERROR;
    }
  exc = eval (interp, stmt->raise.exc);
  if (exc == NULL)
    return FLOW_ERROR;
  if (stmt->raise.cause)
    {
      /* "from": the cause only shows in tracebacks, but must be valid. */
      cause = eval (interp, stmt->raise.cause);
      if (cause == NULL)
        return FLOW_ERROR;
      if (cause != interp->none && _cs_exception_class (cs_object_kind (cause) == CS_KIND_TYPE
                                                        ? cause->type.of->name : cause->cls->name) == NULL)
        {
          cs_interp_raise (interp, "TypeError", "exception causes must derive from BaseException");
          return FLOW_ERROR;
        }
    }
  interp->span = &stmt->span;
  _cs_exception_raise (interp, exc);
  return FLOW_ERROR;
}

/* try/except/else/finally as CPython runs it: the first matching except
 * clause handles the exception ("as" names are unbound when it ends);
 * else runs when the body finished normally; finally always runs and an
 * exception, return, break or continue of its own replaces what was
 * pending. */
static Flow
exec_try (CsInterp     *interp,
          const CsStmt *stmt,
          CsObject    **ret)
{
  Flow flow = exec_block (interp, &stmt->try_.body, ret);

  if (flow == FLOW_ERROR && stmt->try_.n_handlers > 0 && interp->error &&
      _cs_exception_class (interp->error->type) != NULL)
    {
      CsError *error = steal_error (interp);
      gboolean handled = FALSE;

      for (guint i = 0; i < stmt->try_.n_handlers && !handled; i++)
        {
          const CsExceptHandler *h = &stmt->try_.handlers[i];
          int match = 1;

          if (h->type)
            {
              CsObject *spec = eval (interp, h->type);

              interp->span = &h->span;
              match = spec ? _cs_exception_matches (interp, error, spec) : -1;
              if (match < 0)
                {
                  /* The new error replaces the one being matched. */
                  error_free (error);
                  error = NULL;
                  flow = FLOW_ERROR;
                  break;
                }
            }
          if (!match)
            continue;
          handled = TRUE;
          if (h->name)
            {
              CsObject *value = _cs_exception_object (interp, error);
              bind_name (interp, h->name, value);
            }
          g_ptr_array_add (interp->handling, error);
          flow = exec_block (interp, &h->body, ret);
          g_ptr_array_remove_index (interp->handling, interp->handling->len - 1);
          /* "except E as e" ends with "del e" (quietly, if it is gone). */
          if (h->name && cs_namespace_get (target_namespace (interp, h->name), h->name) != NULL)
            {
              CsError *pending = steal_error (interp);
              unbind_name (interp, h->name);
              restore_error (interp, pending);
            }
          error_free (error);
          error = NULL;
        }
      if (error != NULL)
        {
          /* No clause matched: the exception goes on. */
          restore_error (interp, error);
          flow = FLOW_ERROR;
        }
    }
  else if (flow == FLOW_NORMAL && stmt->try_.orelse.n_stmts > 0)
    flow = exec_block (interp, &stmt->try_.orelse, ret);

  if (stmt->try_.finalbody.n_stmts > 0)
    {
      CsError *pending = steal_error (interp);
      CsObject *saved_ret = *ret;
      Flow f = exec_block (interp, &stmt->try_.finalbody, ret);

      if (f == FLOW_NORMAL)
        {
          restore_error (interp, pending);
          *ret = saved_ret;
        }
      else
        {
          error_free (pending);
          flow = f;
        }
    }
  return flow;
}

static Flow
exec_stmt (CsInterp     *interp,
           const CsStmt *stmt,
           CsObject    **ret)
{
  if (!cs_interp_check_stack (interp))
    return FLOW_ERROR;
  /* Recursion without loops (fib (35)) must not hang either. */
  if (++interp->work > interp->options.max_step_statements)
    {
      cs_interp_raise (interp, "LimitExceeded",
                       "Copyscope stopped this step after running %" G_GUINT64_FORMAT " statements",
                       interp->options.max_step_statements);
      return FLOW_ERROR;
    }
  if (++interp->total_work > interp->options.max_total_statements)
    {
      cs_interp_raise (interp, "LimitExceeded",
                       "Copyscope stopped: the scenario ran more than %" G_GUINT64_FORMAT " statements",
                       interp->options.max_total_statements);
      return FLOW_ERROR;
    }
  interp->span = &stmt->span;
  switch (stmt->kind)
    {
    case CS_STMT_EXPR:
      return eval (interp, stmt->expr.value) ? FLOW_NORMAL : FLOW_ERROR;
    case CS_STMT_ASSIGN:
      {
        CsObject *value = eval (interp, stmt->assign.value);
        if (value == NULL)
          return FLOW_ERROR;
        for (guint i = 0; i < stmt->assign.n_targets; i++)
          if (!assign (interp, stmt->assign.targets[i], value))
            return FLOW_ERROR;
        return FLOW_NORMAL;
      }
    case CS_STMT_AUGASSIGN:
      return exec_augassign (interp, stmt) ? FLOW_NORMAL : FLOW_ERROR;
    case CS_STMT_DEL:
      for (guint i = 0; i < stmt->del.n_targets; i++)
        if (!exec_del (interp, stmt->del.targets[i]))
          return FLOW_ERROR;
      return FLOW_NORMAL;
    case CS_STMT_IMPORT:
      return exec_import (interp, stmt) ? FLOW_NORMAL : FLOW_ERROR;
    case CS_STMT_IMPORT_FROM:
      return exec_import_from (interp, stmt) ? FLOW_NORMAL : FLOW_ERROR;
    case CS_STMT_PASS:
      return FLOW_NORMAL;
    case CS_STMT_BREAK:
      return FLOW_BREAK;
    case CS_STMT_CONTINUE:
      return FLOW_CONTINUE;
    case CS_STMT_FOR:
      return exec_for (interp, stmt, ret);
    case CS_STMT_WHILE:
      return exec_while (interp, stmt, ret);
    case CS_STMT_WITH:
      return exec_with (interp, stmt, 0, ret);
    case CS_STMT_IF:
      {
        CsObject *c = eval (interp, stmt->if_.test);
        int t = c ? cs_op_truth (interp, c) : -1;
        if (t < 0)
          return FLOW_ERROR;
        return exec_block (interp, t ? &stmt->if_.body : &stmt->if_.orelse, ret);
      }
    case CS_STMT_DEF:
      {
        CsObject *func = make_function (interp, stmt);
        if (func == NULL)
          return FLOW_ERROR;
        bind_name (interp, stmt->def.name, func);
        return FLOW_NORMAL;
      }
    case CS_STMT_RETURN:
      if (interp->frame->locals_set == NULL)
        {
          cs_interp_raise (interp, "SyntaxError", "'return' outside function");
          return FLOW_ERROR;
        }
      if (stmt->return_.value)
        {
          *ret = eval (interp, stmt->return_.value);
          if (*ret == NULL)
            return FLOW_ERROR;
        }
      else
        *ret = interp->none;
      return FLOW_RETURN;
    case CS_STMT_GLOBAL:
      return FLOW_NORMAL;
    case CS_STMT_TRY:
      return exec_try (interp, stmt, ret);
    case CS_STMT_RAISE:
      return exec_raise (interp, stmt);
    case CS_STMT_ASSERT:
      {
        CsObject *test = eval (interp, stmt->assert_.test);
        CsObject *exc, *msg = NULL;
        int t = test ? cs_op_truth (interp, test) : -1;
        CsArgs args = { 0 };

        if (t < 0)
          return FLOW_ERROR;
        if (t)
          return FLOW_NORMAL;
        if (stmt->assert_.msg && (msg = eval (interp, stmt->assert_.msg)) == NULL)
          return FLOW_ERROR;
        args.args = &msg;
        args.n_args = msg ? 1 : 0;
        exc = _cs_exception_class ("AssertionError")->construct (interp, _cs_exception_class ("AssertionError"),
                                                                  &args);
        interp->span = &stmt->span;
        if (exc)
          _cs_exception_raise (interp, exc);
        return FLOW_ERROR;
      }
    case CS_STMT_ERROR:
      {
        const char *type = stmt->error.kind == CS_INDENTATION_ERROR ? "IndentationError"
                           : stmt->error.kind == CS_UNSUPPORTED ? "UnsupportedFeature"
                                                                : "SyntaxError";
        cs_interp_raise (interp, type, "%s", stmt->error.message ? stmt->error.message : "invalid syntax");
        if (interp->error)
          {
            interp->error->line = stmt->error.line;
            interp->error->column = stmt->error.column;
          }
        return FLOW_ERROR;
      }
    default:
      cs_interp_raise (interp, "UnsupportedFeature", "this statement is not supported");
      return FLOW_ERROR;
    }
}

static Flow
exec_block (CsInterp      *interp,
            const CsBlock *block,
            CsObject     **ret)
{
  for (guint i = 0; i < block->n_stmts; i++)
    {
      Flow flow = exec_stmt (interp, block->stmts[i], ret);
      if (flow != FLOW_NORMAL)
        {
          if (flow == FLOW_ERROR && interp->error == NULL)
            cs_interp_raise (interp, "SystemError", "error return without exception set");
          return flow;
        }
    }
  return FLOW_NORMAL;
}

/* ---- compile-time warnings --------------------------------------------------- */

/* The code unit a node sits in, for __qualname__ (CPython's
 * compiler_set_qualname): NULL qualname at module level; a function's
 * children get "f.<locals>.", a comprehension's just "<listcomp>.". */
typedef struct
{
  const char *qualname;
  gboolean    is_function;
} Scope;

static void check_expr (CsInterp *interp, const CsExpr *expr, guint depth, const Scope *scope);
static void check_block (CsInterp *interp, const CsBlock *block, guint depth, const Scope *scope);
static void check_exprs (CsInterp *interp, CsExpr *const *exprs, guint n, guint depth, const Scope *scope);

/* Records the qualname of @node named @name inside @scope and returns it
 * (owned by the table). */
static const char *
add_qualname (CsInterp    *interp,
              gconstpointer node,
              const char  *name,
              const Scope *scope)
{
  char *q;

  if (scope->qualname == NULL)
    q = g_strdup (name);
  else
    q = g_strdup_printf ("%s.%s%s", scope->qualname, scope->is_function ? "<locals>." : "", name);
  g_hash_table_replace (interp->qualnames, (gpointer) node, q);
  return q;
}

static void
check_comprehension (CsInterp     *interp,
                     const CsExpr *expr,
                     guint         depth,
                     const Scope  *scope,
                     const char   *name)
{
  Scope inner = { add_qualname (interp, expr, name, scope), FALSE };

  /* The first iterable is evaluated in the enclosing scope. */
  check_expr (interp, expr->comp.elt, depth, &inner);
  if (expr->kind == CS_EXPR_DICTCOMP)
    check_expr (interp, expr->comp.value, depth, &inner);
  for (guint i = 0; i < expr->comp.n_gens; i++)
    {
      check_expr (interp, expr->comp.gens[i].target, depth, &inner);
      check_expr (interp, expr->comp.gens[i].iter, depth, i == 0 ? scope : &inner);
      check_exprs (interp, expr->comp.gens[i].ifs, expr->comp.gens[i].n_ifs, depth, &inner);
    }
}

static void
check_def (CsInterp     *interp,
           const CsStmt *def,
           guint         depth,
           const Scope  *scope)
{
  Scope inner = { add_qualname (interp, def, def->def.name, scope), TRUE };

  check_exprs (interp, def->def.defaults, def->def.n_defaults, depth, scope);
  check_block (interp, &def->def.body, depth, &inner);
}

static gboolean
is_literal (const CsExpr *expr)
{
  g_autoptr (GString) key = g_string_new (NULL);

  /* CPython's check_is_arg: a folded constant other than None, True,
   * False and Ellipsis. */
  if (expr->kind == CS_EXPR_NONE || expr->kind == CS_EXPR_BOOL || expr->kind == CS_EXPR_ELLIPSIS)
    return FALSE;
  return const_key (expr, key, 0);
}

static void
check_exprs (CsInterp      *interp,
             CsExpr *const *exprs,
             guint          n,
             guint          depth,
             const Scope   *scope)
{
  for (guint i = 0; i < n; i++)
    check_expr (interp, exprs[i], depth, scope);
}

static void
check_expr (CsInterp     *interp,
            const CsExpr *expr,
            guint         depth,
            const Scope  *scope)
{
  if (expr == NULL || depth > 500)
    return;
  depth++;
  switch (expr->kind)
    {
    case CS_EXPR_LIST:
    case CS_EXPR_TUPLE:
      check_exprs (interp, expr->seq.items, expr->seq.n_items, depth, scope);
      break;
    case CS_EXPR_DICT:
      check_exprs (interp, expr->dict.keys, expr->dict.n_items, depth, scope);
      check_exprs (interp, expr->dict.values, expr->dict.n_items, depth, scope);
      break;
    case CS_EXPR_FSTRING:
      check_exprs (interp, expr->fstring.values, expr->fstring.n_values, depth, scope);
      break;
    case CS_EXPR_FORMATTED:
      check_expr (interp, expr->formatted.value, depth, scope);
      check_expr (interp, expr->formatted.format_spec, depth, scope);
      break;
    case CS_EXPR_LAMBDA:
      check_def (interp, expr->lambda.def, depth, scope);
      break;
    case CS_EXPR_LISTCOMP:
      check_comprehension (interp, expr, depth, scope, "<listcomp>");
      break;
    case CS_EXPR_GENEXP:
      check_comprehension (interp, expr, depth, scope, "<genexpr>");
      break;
    case CS_EXPR_DICTCOMP:
      check_comprehension (interp, expr, depth, scope, "<dictcomp>");
      break;
    case CS_EXPR_ATTR:
      check_expr (interp, expr->attr.value, depth, scope);
      break;
    case CS_EXPR_CALL:
      check_expr (interp, expr->call.func, depth, scope);
      check_exprs (interp, expr->call.args, expr->call.n_args, depth, scope);
      check_exprs (interp, expr->call.kw_values, expr->call.n_kw, depth, scope);
      break;
    case CS_EXPR_SUBSCRIPT:
      check_expr (interp, expr->subscript.value, depth, scope);
      check_expr (interp, expr->subscript.index, depth, scope);
      break;
    case CS_EXPR_SLICE:
      check_expr (interp, expr->slice.lower, depth, scope);
      check_expr (interp, expr->slice.upper, depth, scope);
      check_expr (interp, expr->slice.step, depth, scope);
      break;
    case CS_EXPR_UNARY:
      check_expr (interp, expr->unary.operand, depth, scope);
      break;
    case CS_EXPR_BINARY:
      check_expr (interp, expr->binary.left, depth, scope);
      check_expr (interp, expr->binary.right, depth, scope);
      break;
    case CS_EXPR_COMPARE:
      {
        const CsExpr *left = expr->compare.left;
        check_expr (interp, left, depth, scope);
        for (guint i = 0; i < expr->compare.n_ops; i++)
          {
            const CsExpr *right = expr->compare.comparators[i];
            CsCmpOp op = expr->compare.ops[i];
            if ((op == CS_CMP_IS || op == CS_CMP_IS_NOT) && (is_literal (left) || is_literal (right)))
              cs_interp_warn (interp, "SyntaxWarning",
                              op == CS_CMP_IS ? "\"is\" with a literal. Did you mean \"==\"?"
                                              : "\"is not\" with a literal. Did you mean \"!=\"?");
            check_expr (interp, right, depth, scope);
            left = right;
          }
        break;
      }
    case CS_EXPR_BOOLOP:
      check_exprs (interp, expr->boolop.values, expr->boolop.n_values, depth, scope);
      break;
    case CS_EXPR_IFEXP:
      check_expr (interp, expr->ifexp.test, depth, scope);
      check_expr (interp, expr->ifexp.body, depth, scope);
      check_expr (interp, expr->ifexp.orelse, depth, scope);
      break;
    default:
      break;
    }
}


static void
check_stmt (CsInterp     *interp,
            const CsStmt *stmt,
            guint         depth,
            const Scope  *scope)
{
  if (depth > 500)
    return;
  depth++;
  switch (stmt->kind)
    {
    case CS_STMT_EXPR:
      check_expr (interp, stmt->expr.value, depth, scope);
      break;
    case CS_STMT_ASSIGN:
      check_exprs (interp, stmt->assign.targets, stmt->assign.n_targets, depth, scope);
      check_expr (interp, stmt->assign.value, depth, scope);
      break;
    case CS_STMT_AUGASSIGN:
      check_expr (interp, stmt->augassign.target, depth, scope);
      check_expr (interp, stmt->augassign.value, depth, scope);
      break;
    case CS_STMT_DEL:
      check_exprs (interp, stmt->del.targets, stmt->del.n_targets, depth, scope);
      break;
    case CS_STMT_FOR:
      check_expr (interp, stmt->for_.target, depth, scope);
      check_expr (interp, stmt->for_.iter, depth, scope);
      check_block (interp, &stmt->for_.body, depth, scope);
      check_block (interp, &stmt->for_.orelse, depth, scope);
      break;
    case CS_STMT_WHILE:
      check_expr (interp, stmt->while_.test, depth, scope);
      check_block (interp, &stmt->while_.body, depth, scope);
      check_block (interp, &stmt->while_.orelse, depth, scope);
      break;
    case CS_STMT_WITH:
      for (guint i = 0; i < stmt->with.n_items; i++)
        {
          check_expr (interp, stmt->with.items[i].context, depth, scope);
          check_expr (interp, stmt->with.items[i].target, depth, scope);
        }
      check_block (interp, &stmt->with.body, depth, scope);
      break;
    case CS_STMT_IF:
      check_expr (interp, stmt->if_.test, depth, scope);
      check_block (interp, &stmt->if_.body, depth, scope);
      check_block (interp, &stmt->if_.orelse, depth, scope);
      break;
    case CS_STMT_DEF:
      check_def (interp, stmt, depth, scope);
      break;
    case CS_STMT_RETURN:
      check_expr (interp, stmt->return_.value, depth, scope);
      break;
    case CS_STMT_RAISE:
      check_expr (interp, stmt->raise.exc, depth, scope);
      check_expr (interp, stmt->raise.cause, depth, scope);
      break;
    case CS_STMT_ASSERT:
      if (stmt->assert_.test->kind == CS_EXPR_TUPLE && stmt->assert_.test->seq.n_items > 0)
        cs_interp_warn (interp, "SyntaxWarning", "assertion is always true, perhaps remove parentheses?");
      check_expr (interp, stmt->assert_.test, depth, scope);
      check_expr (interp, stmt->assert_.msg, depth, scope);
      break;
    case CS_STMT_TRY:
      check_block (interp, &stmt->try_.body, depth, scope);
      for (guint i = 0; i < stmt->try_.n_handlers; i++)
        {
          check_expr (interp, stmt->try_.handlers[i].type, depth, scope);
          check_block (interp, &stmt->try_.handlers[i].body, depth, scope);
        }
      check_block (interp, &stmt->try_.orelse, depth, scope);
      check_block (interp, &stmt->try_.finalbody, depth, scope);
      break;
    default:
      break;
    }
}

static void
check_block (CsInterp      *interp,
             const CsBlock *block,
             guint          depth,
             const Scope   *scope)
{
  for (guint i = 0; i < block->n_stmts; i++)
    check_stmt (interp, block->stmts[i], depth, scope);
}

void
cs_interp_run_statement (CsInterp     *interp,
                         const CsStmt *stmt)
{
  CsFrame frame = { 0 };
  CsObject *ret = NULL;
  Flow flow;
  char stack_marker;

  interp->stack_base = &stack_marker;
  interp->next_calls = 0;
  interp->work = 0;
  /* Spare frames of the last step may have been collected since. */
  g_ptr_array_set_size (interp->spare_frames, 0);
  g_string_truncate (interp->out, 0);
  g_array_set_size (interp->ids, 0);
  g_ptr_array_set_size (interp->warnings, 0);
  g_ptr_array_set_size (interp->events, 0);
  cs_interp_clear_error (interp);
  interp->loop_iterations = 0;
  interp->total_slots = 0;
  interp->call_depth = 0;
  interp->c_depth = 0;
  interp->library_depth = 0;
  g_ptr_array_set_size (interp->repr_stack, 0);
  g_ptr_array_set_size (interp->handling, 0);

  /* Each top-level statement is its own code unit with its own
   * constants (the table is made on first use). */
  interp->step_consts = NULL;
  frame.ns = interp->globals;
  frame.globals = interp->globals;
  frame.consts = NULL;
  interp->frame = &frame;
  interp->stmt = stmt;

  {
    Scope module = { NULL, FALSE };
    check_stmt (interp, stmt, 0, &module);
  }
  flow = exec_stmt (interp, stmt, &ret);
  if (flow == FLOW_ERROR && interp->error == NULL)
    cs_interp_raise (interp, "SystemError", "error return without exception set");
  else if (flow == FLOW_BREAK || flow == FLOW_CONTINUE)
    cs_interp_raise (interp, "SyntaxError", flow == FLOW_BREAK ? "'break' outside loop"
                                                                : "'continue' not properly in loop");

  interp->frame = NULL;
  interp->span = NULL;
  interp->step_consts = NULL;
  interp->stack_base = NULL;
}
