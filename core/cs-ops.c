/* cs-ops.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The abstract object protocol (cs_op_*): attribute access, operators,
 * comparisons, hashing, subscripts, iteration and calls, dispatched
 * through each object's class the way CPython dispatches through type
 * slots.  The numeric classes (bool, int, float) live here too.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-runtime.h"

static const char *const binop_symbols[] = {
  [CS_BIN_ADD] = "+", [CS_BIN_SUB] = "-", [CS_BIN_MUL] = "*", [CS_BIN_DIV] = "/",
  [CS_BIN_FLOORDIV] = "//", [CS_BIN_MOD] = "%", [CS_BIN_POW] = "** or pow()",
  [CS_BIN_MATMUL] = "@", [CS_BIN_AND] = "&", [CS_BIN_OR] = "|", [CS_BIN_XOR] = "^",
  [CS_BIN_LSHIFT] = "<<", [CS_BIN_RSHIFT] = ">>",
};

static const char *const inplace_symbols[] = {
  [CS_BIN_ADD] = "+=", [CS_BIN_SUB] = "-=", [CS_BIN_MUL] = "*=", [CS_BIN_DIV] = "/=",
  [CS_BIN_FLOORDIV] = "//=", [CS_BIN_MOD] = "%=", [CS_BIN_POW] = "**=",
  [CS_BIN_MATMUL] = "@=", [CS_BIN_AND] = "&=", [CS_BIN_OR] = "|=", [CS_BIN_XOR] = "^=",
  [CS_BIN_LSHIFT] = "<<=", [CS_BIN_RSHIFT] = ">>=",
};

static const char *const cmp_symbols[] = {
  [CS_CMP_EQ] = "==", [CS_CMP_NE] = "!=", [CS_CMP_LT] = "<", [CS_CMP_LE] = "<=",
  [CS_CMP_GT] = ">", [CS_CMP_GE] = ">=",
};

#define TNAME(o) (cs_object_type_name (o))

static gboolean
is_intlike (CsObject *o)
{
  CsKind k = cs_object_kind (o);
  return k == CS_KIND_INT || k == CS_KIND_BOOL;
}

static gboolean
is_number (CsObject *o)
{
  return is_intlike (o) || cs_object_kind (o) == CS_KIND_FLOAT;
}

static double
as_double (CsObject *o)
{
  return cs_object_kind (o) == CS_KIND_FLOAT ? o->float_value : (double) o->int_value;
}

/* ---- repr / str ----------------------------------------------------------- */

char *
cs_op_repr (CsInterp *interp,
            CsObject *obj)
{
  char *result;

  if (obj->cls->repr == NULL)
    return g_strdup_printf ("<%s object at 0x%" G_GINT64_MODIFIER "x>", TNAME (obj), obj->address);
  if (!cs_interp_enter_recursion (interp, " while getting the repr of an object"))
    return NULL;
  result = obj->cls->repr (interp, obj);
  cs_interp_leave_recursion (interp);
  return result;
}

char *
cs_op_str (CsInterp *interp,
           CsObject *obj)
{
  if (cs_object_kind (obj) == CS_KIND_STR)
    return g_strndup (obj->str.data, obj->str.len);
  if (obj->cls->str)
    return obj->cls->str (interp, obj);
  return cs_op_repr (interp, obj);
}

/* ---- attributes ------------------------------------------------------------ */

CsObject *
cs_op_getattr (CsInterp   *interp,
               CsObject   *obj,
               const char *name)
{
  for (const CsClass *cls = obj->cls; cls; cls = cls->base)
    {
      if (cls->getattr)
        {
          CsObject *v = cls->getattr (interp, obj, name);
          if (v || cs_interp_has_error (interp))
            return v;
        }
      if (cls->methods)
        for (const CsMethodDef *m = cls->methods; m->name; m++)
          if (strcmp (m->name, name) == 0)
            return cs_builtin_new (interp, m->name, m->func, obj, NULL);
    }

  if (cs_object_kind (obj) == CS_KIND_MODULE)
    cs_interp_raise (interp, "AttributeError", "module '%s' has no attribute '%s'",
                     obj->module.name, name);
  else if (cs_object_kind (obj) == CS_KIND_TYPE)
    cs_interp_raise (interp, "AttributeError", "type object '%s' has no attribute '%s'",
                     obj->type.of->name, name);
  else
    cs_interp_raise (interp, "AttributeError", "'%s' object has no attribute '%s'",
                     TNAME (obj), name);
  return NULL;
}

gboolean
cs_op_setattr (CsInterp   *interp,
               CsObject   *obj,
               const char *name,
               CsObject   *value)
{
  for (const CsClass *cls = obj->cls; cls; cls = cls->base)
    if (cls->setattr)
      return cls->setattr (interp, obj, name, value);

  if (cs_object_kind (obj) == CS_KIND_MODULE)
    {
      cs_namespace_set (obj->module.ns, name, value);
      cs_interp_touch (interp, obj);
      return TRUE;
    }
  {
    gboolean has = FALSE;
    for (const CsClass *cls = obj->cls; cls && !has; cls = cls->base)
      if (cls->methods)
        for (const CsMethodDef *m = cls->methods; m->name; m++)
          if (strcmp (m->name, name) == 0)
            has = TRUE;
    if (has)
      cs_interp_raise (interp, "AttributeError", "'%s' object attribute '%s' is read-only",
                       TNAME (obj), name);
    else
      cs_interp_raise (interp, "AttributeError", "'%s' object has no attribute '%s'",
                       TNAME (obj), name);
  }
  return FALSE;
}

/* ---- operators ------------------------------------------------------------- */

static CsObject *
seq_fallback (CsInterp *interp,
              CsBinOp   op,
              CsObject *a,
              CsObject *b)
{
  CsKind ka = cs_object_kind (a), kb = cs_object_kind (b);
  gboolean seq_a = ka == CS_KIND_LIST || ka == CS_KIND_TUPLE || ka == CS_KIND_STR;
  gboolean seq_b = kb == CS_KIND_LIST || kb == CS_KIND_TUPLE || kb == CS_KIND_STR;

  if (op == CS_BIN_ADD && seq_a)
    {
      cs_interp_raise (interp, "TypeError", "can only concatenate %s (not \"%s\") to %s",
                       TNAME (a), TNAME (b), TNAME (a));
      return NULL;
    }
  if (op == CS_BIN_MUL && (seq_a || seq_b))
    {
      cs_interp_raise (interp, "TypeError", "can't multiply sequence by non-int of type '%s'",
                       TNAME (seq_a ? b : a));
      return NULL;
    }
  return cs_not_implemented (interp);
}

CsObject *
cs_op_binary (CsInterp *interp,
              CsBinOp   op,
              CsObject *a,
              CsObject *b,
              gboolean  inplace)
{
  CsObject *r = interp->not_implemented;

  if (a->cls->binop)
    {
      r = a->cls->binop (interp, op, a, b, inplace);
      if (r == NULL)
        return NULL;
    }
  if (r == interp->not_implemented && b->cls->binop && b->cls != a->cls)
    {
      r = b->cls->binop (interp, op, a, b, FALSE);
      if (r == NULL)
        return NULL;
    }
  if (r == interp->not_implemented)
    {
      r = seq_fallback (interp, op, a, b);
      if (r == NULL)
        return NULL;
    }
  if (r == interp->not_implemented)
    {
      cs_interp_raise (interp, "TypeError", "unsupported operand type(s) for %s: '%s' and '%s'",
                       inplace ? inplace_symbols[op] : binop_symbols[op], TNAME (a), TNAME (b));
      return NULL;
    }
  return r;
}

CsObject *
cs_op_unary (CsInterp  *interp,
             CsUnaryOp  op,
             CsObject  *obj)
{
  static const char *const names[] = { "-", "+", "not", "~" };

  if (op == CS_UNARY_NOT)
    {
      int t = cs_op_truth (interp, obj);
      return t < 0 ? NULL : cs_bool (interp, !t);
    }
  if (obj->cls->unop)
    {
      CsObject *r = obj->cls->unop (interp, op, obj);
      if (r != interp->not_implemented)
        return r;
    }
  cs_interp_raise (interp, "TypeError", "bad operand type for unary %s: '%s'",
                   names[op], TNAME (obj));
  return NULL;
}

static CsCmpOp
reflect (CsCmpOp op)
{
  switch (op)
    {
    case CS_CMP_LT: return CS_CMP_GT;
    case CS_CMP_LE: return CS_CMP_GE;
    case CS_CMP_GT: return CS_CMP_LT;
    case CS_CMP_GE: return CS_CMP_LE;
    default: return op;
    }
}

CsObject *
cs_op_compare (CsInterp *interp,
               CsCmpOp   op,
               CsObject *a,
               CsObject *b)
{
  CsObject *r = interp->not_implemented;

  if (!cs_interp_enter_recursion (interp, " in comparison"))
    return NULL;
  if (a->cls->compare)
    r = a->cls->compare (interp, op, a, b);
  if (r == interp->not_implemented && b->cls->compare)
    r = b->cls->compare (interp, reflect (op), b, a);
  cs_interp_leave_recursion (interp);
  if (r == NULL || r != interp->not_implemented)
    return r;

  if (op == CS_CMP_EQ)
    return cs_bool (interp, a == b);
  if (op == CS_CMP_NE)
    return cs_bool (interp, a != b);
  cs_interp_raise (interp, "TypeError", "'%s' not supported between instances of '%s' and '%s'",
                   cmp_symbols[op], TNAME (a), TNAME (b));
  return NULL;
}

int
cs_op_eq (CsInterp *interp,
          CsObject *a,
          CsObject *b)
{
  CsObject *r;

  if (a == b)
    return 1;
  r = cs_op_compare (interp, CS_CMP_EQ, a, b);
  if (r == NULL)
    return -1;
  return cs_op_truth (interp, r);
}

int
cs_op_truth (CsInterp *interp,
             CsObject *obj)
{
  gssize n;

  if (obj == interp->true_obj)
    return 1;
  if (obj == interp->false_obj || obj == interp->none)
    return 0;
  if (obj->cls->truth)
    return obj->cls->truth (interp, obj);
  if (obj->cls->len)
    {
      n = obj->cls->len (interp, obj);
      return n < 0 ? -1 : n > 0;
    }
  return 1;
}

int
cs_op_contains (CsInterp *interp,
                CsObject *container,
                CsObject *item)
{
  CsObject *it, *x;

  if (container->cls->contains)
    return container->cls->contains (interp, container, item);
  if (container->cls->iter == NULL)
    {
      cs_interp_raise (interp, "TypeError", "argument of type '%s' is not iterable",
                       TNAME (container));
      return -1;
    }
  it = cs_op_iter (interp, container);
  if (it == NULL)
    return -1;
  while ((x = cs_op_next (interp, it)) != NULL)
    {
      int eq = cs_op_eq (interp, x, item);
      if (eq != 0)
        return eq;
    }
  return cs_interp_has_error (interp) ? -1 : 0;
}

/* ---- hashing ----------------------------------------------------------------- */

static guint64
mix64 (guint64 x)
{
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  x ^= x >> 33;
  return x;
}

gboolean
cs_op_hash (CsInterp *interp,
            CsObject *obj,
            guint64  *out_hash)
{
  switch (cs_object_kind (obj))
    {
    case CS_KIND_BOOL:
    case CS_KIND_INT:
      /* Equal numbers hash equal: 1 == 1.0 == True. */
      *out_hash = mix64 ((guint64) obj->int_value);
      return TRUE;
    case CS_KIND_FLOAT:
      {
        double v = obj->float_value;
        if (v == floor (v) && fabs (v) < 9.2e18)
          *out_hash = mix64 ((guint64) (gint64) v);
        else
          {
            guint64 bits;
            memcpy (&bits, &v, sizeof bits);
            *out_hash = mix64 (bits ^ 0x5555);
          }
        return TRUE;
      }
    case CS_KIND_STR:
      {
        guint64 h = 1469598103934665603ULL;
        for (gsize i = 0; i < obj->str.len; i++)
          h = (h ^ (guchar) obj->str.data[i]) * 1099511628211ULL;
        *out_hash = mix64 (h);
        return TRUE;
      }
    case CS_KIND_TUPLE:
      {
        guint64 h = 0x345678;
        if (!cs_interp_enter_recursion (interp, ""))
          return FALSE;
        for (gsize i = 0; i < obj->seq.len; i++)
          {
            guint64 ih;
            if (!cs_op_hash (interp, obj->seq.items[i], &ih))
              {
                cs_interp_leave_recursion (interp);
                return FALSE;
              }
            h = mix64 (h * 1000003 ^ ih);
          }
        cs_interp_leave_recursion (interp);
        *out_hash = h;
        return TRUE;
      }
    case CS_KIND_LIST:
    case CS_KIND_DICT:
      cs_interp_raise (interp, "TypeError", "unhashable type: '%s'", TNAME (obj));
      return FALSE;
    default:
      if (obj->cls->hash)
        return obj->cls->hash (interp, obj, out_hash);
      if (cs_object_kind (obj) == CS_KIND_OPAQUE || cs_object_kind (obj) == CS_KIND_ITER)
        {
          if (obj->cls->compare != NULL)
            {
              cs_interp_raise (interp, "TypeError", "unhashable type: '%s'", TNAME (obj));
              return FALSE;
            }
        }
      *out_hash = mix64 (obj->address);
      return TRUE;
    }
}

/* ---- subscripts, iteration, calls ---------------------------------------- */

CsObject *
cs_op_getitem (CsInterp *interp,
               CsObject *obj,
               CsObject *index)
{
  if (obj->cls->getitem)
    return obj->cls->getitem (interp, obj, index);
  if (cs_object_kind (obj) == CS_KIND_TYPE)
    cs_interp_raise (interp, "TypeError", "type '%s' is not subscriptable", obj->type.of->name);
  else
    cs_interp_raise (interp, "TypeError", "'%s' object is not subscriptable", TNAME (obj));
  return NULL;
}

gboolean
cs_op_setitem (CsInterp *interp,
               CsObject *obj,
               CsObject *index,
               CsObject *value)
{
  if (obj->cls->setitem)
    return obj->cls->setitem (interp, obj, index, value);
  cs_interp_raise (interp, "TypeError", "'%s' object does not support item assignment", TNAME (obj));
  return FALSE;
}

gboolean
cs_op_delitem (CsInterp *interp,
               CsObject *obj,
               CsObject *index)
{
  if (obj->cls->delitem)
    return obj->cls->delitem (interp, obj, index);
  if (obj->cls->getitem)
    cs_interp_raise (interp, "TypeError", "'%s' object doesn't support item deletion", TNAME (obj));
  else
    cs_interp_raise (interp, "TypeError", "'%s' object does not support item deletion", TNAME (obj));
  return FALSE;
}

CsObject *
cs_op_iter (CsInterp *interp,
            CsObject *obj)
{
  if (obj->cls->iter)
    return obj->cls->iter (interp, obj);
  cs_interp_raise (interp, "TypeError", "'%s' object is not iterable", TNAME (obj));
  return NULL;
}

/* Builtins iterate without Python-level loops (sum (range (10**12))):
 * every iterator step counts against a budget so nothing hangs. */
#define MAX_NEXT_CALLS G_GUINT64_CONSTANT (5000000)

CsObject *
cs_op_next (CsInterp *interp,
            CsObject *iter)
{
  if (++interp->next_calls > MAX_NEXT_CALLS)
    {
      cs_interp_raise (interp, "LimitExceeded",
                       "Copyscope stopped this step after %" G_GUINT64_FORMAT " iteration steps",
                       MAX_NEXT_CALLS);
      return NULL;
    }
  /* Iterating may make an object per step: watch the heap too. */
  if ((interp->next_calls & 1023) == 0 && !cs_interp_reserve_slots (interp, 0, 0))
    return NULL;
  if (iter->cls->next)
    return iter->cls->next (interp, iter);
  cs_interp_raise (interp, "TypeError", "'%s' object is not an iterator", TNAME (iter));
  return NULL;
}

gssize
cs_op_len (CsInterp *interp,
           CsObject *obj)
{
  if (obj->cls->len)
    return obj->cls->len (interp, obj);
  cs_interp_raise (interp, "TypeError", "object of type '%s' has no len()", TNAME (obj));
  return -1;
}

CsObject *
cs_op_call (CsInterp     *interp,
            CsObject     *callable,
            const CsArgs *args)
{
  if (callable->cls->call)
    return callable->cls->call (interp, callable, args);
  cs_interp_raise (interp, "TypeError", "'%s' object is not callable", TNAME (callable));
  return NULL;
}

CsObject *
cs_op_to_list (CsInterp *interp,
               CsObject *iterable)
{
  CsObject *list, *it, *x;

  if (cs_object_kind (iterable) == CS_KIND_LIST || cs_object_kind (iterable) == CS_KIND_TUPLE)
    {
      if (!cs_interp_reserve_slots (interp, 0, iterable->seq.len))
        return NULL;
      list = cs_list_new (interp, iterable->seq.len);
      if (iterable->seq.len)
        memcpy (list->seq.items, iterable->seq.items, iterable->seq.len * sizeof (CsObject *));
      return list;
    }
  it = cs_op_iter (interp, iterable);
  if (it == NULL)
    return NULL;
  list = cs_list_new (interp, 0);
  while ((x = cs_op_next (interp, it)) != NULL)
    if (!cs_list_append (interp, list, x))
      return NULL;
  if (cs_interp_has_error (interp))
    return NULL;
  list->version = 0;
  return list;
}

gboolean
cs_op_index (CsInterp *interp,
             CsObject *obj,
             gint64   *out)
{
  if (is_intlike (obj))
    {
      *out = obj->int_value;
      return TRUE;
    }
  if ((cs_object_kind (obj) == CS_KIND_OPAQUE || cs_object_kind (obj) == CS_KIND_TENSOR ||
       cs_object_kind (obj) == CS_KIND_NDARRAY) && obj->cls->to_int)
    return obj->cls->to_int (interp, obj, out);
  cs_interp_raise (interp, "TypeError", "'%s' object cannot be interpreted as an integer", TNAME (obj));
  return FALSE;
}

gboolean
cs_isinstance (CsObject      *obj,
               const CsClass *cls)
{
  if (cls == &cs_object_class)
    return TRUE;
  for (const CsClass *c = obj->cls; c; c = c->base)
    if (c == cls)
      return TRUE;
  return FALSE;
}

gboolean
_cs_slice_indices (CsInterp *interp,
                   CsObject *slice,
                   gsize     length,
                   gssize   *out_start,
                   gssize   *out_stop,
                   gssize   *out_step,
                   gsize    *out_slicelength)
{
  gint64 start, stop, step = 1;
  gint64 len = length;
  CsObject *parts[3] = { slice->slice.start, slice->slice.stop, slice->slice.step };

  for (int i = 0; i < 3; i++)
    if (parts[i] != interp->none && !is_intlike (parts[i]) && parts[i]->cls->to_int == NULL)
      {
        cs_interp_raise (interp, "TypeError",
                         "slice indices must be integers or None or have an __index__ method");
        return FALSE;
      }

  if (parts[2] != interp->none)
    {
      if (!cs_op_index (interp, parts[2], &step))
        return FALSE;
      if (step == 0)
        {
          cs_interp_raise (interp, "ValueError", "slice step cannot be zero");
          return FALSE;
        }
    }

  if (parts[0] == interp->none)
    start = step < 0 ? len - 1 : 0;
  else
    {
      if (!cs_op_index (interp, parts[0], &start))
        return FALSE;
      if (start < 0)
        {
          start += len;
          if (start < 0)
            start = step < 0 ? -1 : 0;
        }
      else if (start >= len)
        start = step < 0 ? len - 1 : len;
    }

  if (parts[1] == interp->none)
    stop = step < 0 ? -1 : len;
  else
    {
      if (!cs_op_index (interp, parts[1], &stop))
        return FALSE;
      if (stop < 0)
        {
          stop += len;
          if (stop < 0)
            stop = step < 0 ? -1 : 0;
        }
      else if (stop >= len)
        stop = step < 0 ? len - 1 : len;
    }

  if (step < 0)
    *out_slicelength = stop < start ? (start - stop - 1) / (-step) + 1 : 0;
  else
    *out_slicelength = start < stop ? (stop - start - 1) / step + 1 : 0;
  *out_start = start;
  *out_stop = stop;
  *out_step = step;
  return TRUE;
}

/* ---- numbers -------------------------------------------------------------- */

static CsObject *
overflow (CsInterp *interp)
{
  cs_interp_raise (interp, "OverflowError",
                   "integer result does not fit in 64 bits (Copyscope models 64-bit ints)");
  return NULL;
}

static gint64
floordiv64 (gint64 a,
            gint64 b)
{
  gint64 q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

static gint64
mod64 (gint64 a,
       gint64 b)
{
  gint64 m = a % b;
  if (m != 0 && ((m < 0) != (b < 0)))
    m += b;
  return m;
}

static CsObject *
float_result (CsInterp *interp,
              double    v)
{
  return cs_float_new (interp, v);
}

static CsObject *
int_binop (CsInterp *interp,
           CsBinOp   op,
           gint64    a,
           gint64    b,
           gboolean  both_bool)
{
  gint64 r;

  switch (op)
    {
    case CS_BIN_ADD:
      if (__builtin_add_overflow (a, b, &r))
        return overflow (interp);
      return cs_int_new (interp, r);
    case CS_BIN_SUB:
      if (__builtin_sub_overflow (a, b, &r))
        return overflow (interp);
      return cs_int_new (interp, r);
    case CS_BIN_MUL:
      if (__builtin_mul_overflow (a, b, &r))
        return overflow (interp);
      return cs_int_new (interp, r);
    case CS_BIN_DIV:
      if (b == 0)
        {
          cs_interp_raise (interp, "ZeroDivisionError", "division by zero");
          return NULL;
        }
      return float_result (interp, (double) a / (double) b);
    case CS_BIN_FLOORDIV:
      if (b == 0)
        {
          cs_interp_raise (interp, "ZeroDivisionError", "integer division or modulo by zero");
          return NULL;
        }
      if (a == G_MININT64 && b == -1)
        return overflow (interp);
      return cs_int_new (interp, floordiv64 (a, b));
    case CS_BIN_MOD:
      if (b == 0)
        {
          cs_interp_raise (interp, "ZeroDivisionError", "integer modulo by zero");
          return NULL;
        }
      if (b == -1)
        return cs_int_new (interp, 0);
      return cs_int_new (interp, mod64 (a, b));
    case CS_BIN_POW:
      if (b < 0)
        {
          if (a == 0)
            {
              cs_interp_raise (interp, "ZeroDivisionError", "0.0 cannot be raised to a negative power");
              return NULL;
            }
          return float_result (interp, pow ((double) a, (double) b));
        }
      else
        {
          gint64 base = a, result = 1, e = b;
          while (e > 0)
            {
              if (e & 1)
                if (__builtin_mul_overflow (result, base, &result))
                  return overflow (interp);
              e >>= 1;
              if (e > 0 && __builtin_mul_overflow (base, base, &base))
                return overflow (interp);
            }
          return cs_int_new (interp, result);
        }
    case CS_BIN_AND:
      return both_bool ? cs_bool (interp, a & b) : cs_int_new (interp, a & b);
    case CS_BIN_OR:
      return both_bool ? cs_bool (interp, a | b) : cs_int_new (interp, a | b);
    case CS_BIN_XOR:
      return both_bool ? cs_bool (interp, a ^ b) : cs_int_new (interp, a ^ b);
    case CS_BIN_LSHIFT:
      if (b < 0)
        {
          cs_interp_raise (interp, "ValueError", "negative shift count");
          return NULL;
        }
      if (a == 0)
        return cs_int_new (interp, 0);
      if (b >= 63 || (a > 0 ? a > (G_MAXINT64 >> b) : a < (G_MININT64 >> b)))
        return overflow (interp);
      return cs_int_new (interp, (gint64) ((guint64) a << b));
    case CS_BIN_RSHIFT:
      if (b < 0)
        {
          cs_interp_raise (interp, "ValueError", "negative shift count");
          return NULL;
        }
      return cs_int_new (interp, b >= 63 ? (a < 0 ? -1 : 0) : a >> b);
    case CS_BIN_MATMUL:
    default:
      return cs_not_implemented (interp);
    }
}

static CsObject *
float_binop (CsInterp *interp,
             CsBinOp   op,
             double    a,
             double    b)
{
  switch (op)
    {
    case CS_BIN_ADD:
      return float_result (interp, a + b);
    case CS_BIN_SUB:
      return float_result (interp, a - b);
    case CS_BIN_MUL:
      return float_result (interp, a * b);
    case CS_BIN_DIV:
      if (b == 0.0)
        {
          cs_interp_raise (interp, "ZeroDivisionError", "float division by zero");
          return NULL;
        }
      return float_result (interp, a / b);
    case CS_BIN_FLOORDIV:
    case CS_BIN_MOD:
      {
        /* CPython's float_divmod. */
        double mod, div, floordiv;

        if (b == 0.0)
          {
            cs_interp_raise (interp, "ZeroDivisionError",
                             op == CS_BIN_MOD ? "float modulo" : "float floor division by zero");
            return NULL;
          }
        mod = fmod (a, b);
        div = (a - mod) / b;
        if (mod)
          {
            if ((b < 0) != (mod < 0))
              {
                mod += b;
                div -= 1.0;
              }
          }
        else
          mod = copysign (0.0, b);
        if (div)
          {
            floordiv = floor (div);
            if (div - floordiv > 0.5)
              floordiv += 1.0;
          }
        else
          floordiv = copysign (0.0, a / b);
        return float_result (interp, op == CS_BIN_MOD ? mod : floordiv);
      }
    case CS_BIN_POW:
      if (a == 0.0 && b < 0.0)
        {
          cs_interp_raise (interp, "ZeroDivisionError", "0.0 cannot be raised to a negative power");
          return NULL;
        }
      if (a < 0.0 && b != floor (b) && isfinite (b))
        {
          cs_interp_raise (interp, "UnsupportedFeature", "complex numbers are not supported");
          return NULL;
        }
      {
        double r = pow (a, b);
        if (isinf (r) && isfinite (a) && isfinite (b))
          {
            cs_interp_raise (interp, "OverflowError", "(34, 'Numerical result out of range')");
            return NULL;
          }
        return float_result (interp, r);
      }
    default:
      return cs_not_implemented (interp);
    }
}

static CsObject *
number_binop (CsInterp *interp,
              CsBinOp   op,
              CsObject *a,
              CsObject *b,
              gboolean  inplace)
{
  if (!is_number (a) || !is_number (b))
    return cs_not_implemented (interp);
  if (is_intlike (a) && is_intlike (b))
    return int_binop (interp, op, a->int_value, b->int_value,
                      cs_object_kind (a) == CS_KIND_BOOL && cs_object_kind (b) == CS_KIND_BOOL);
  return float_binop (interp, op, as_double (a), as_double (b));
}

static CsObject *
number_unop (CsInterp  *interp,
             CsUnaryOp  op,
             CsObject  *self)
{
  if (cs_object_kind (self) == CS_KIND_FLOAT)
    {
      switch (op)
        {
        case CS_UNARY_NEG: return cs_float_new (interp, -self->float_value);
        case CS_UNARY_POS: return self;
        default: return cs_not_implemented (interp);
        }
    }
  switch (op)
    {
    case CS_UNARY_NEG:
      if (self->int_value == G_MININT64)
        return overflow (interp);
      return cs_int_new (interp, -self->int_value);
    case CS_UNARY_POS:
      return cs_object_kind (self) == CS_KIND_BOOL ? cs_int_new (interp, self->int_value) : self;
    case CS_UNARY_INVERT:
      return cs_int_new (interp, ~self->int_value);
    case CS_UNARY_NOT:
    default:
      return cs_not_implemented (interp);
    }
}

static int
cmp_result (CsCmpOp op,
            int     c)   /* -1, 0, 1 */
{
  switch (op)
    {
    case CS_CMP_EQ: return c == 0;
    case CS_CMP_NE: return c != 0;
    case CS_CMP_LT: return c < 0;
    case CS_CMP_LE: return c <= 0;
    case CS_CMP_GT: return c > 0;
    case CS_CMP_GE: return c >= 0;
    default: return 0;
    }
}

static CsObject *
number_compare (CsInterp *interp,
                CsCmpOp   op,
                CsObject *a,
                CsObject *b)
{
  if (!is_number (a) || !is_number (b))
    return cs_not_implemented (interp);
  if (is_intlike (a) && is_intlike (b))
    {
      int c = a->int_value < b->int_value ? -1 : a->int_value > b->int_value;
      return cs_bool (interp, cmp_result (op, c));
    }
  else
    {
      double x = as_double (a), y = as_double (b);
      if (isnan (x) || isnan (y))
        return cs_bool (interp, op == CS_CMP_NE);
      return cs_bool (interp, cmp_result (op, x < y ? -1 : x > y));
    }
}

static int
number_truth (CsInterp *interp,
              CsObject *self)
{
  if (cs_object_kind (self) == CS_KIND_FLOAT)
    return self->float_value != 0.0;
  return self->int_value != 0;
}

static gboolean
number_to_int (CsInterp *interp,
               CsObject *self,
               gint64   *out)
{
  if (cs_object_kind (self) == CS_KIND_FLOAT)
    {
      double v = self->float_value;
      if (isnan (v))
        {
          cs_interp_raise (interp, "ValueError", "cannot convert float NaN to integer");
          return FALSE;
        }
      if (isinf (v))
        {
          cs_interp_raise (interp, "OverflowError", "cannot convert float infinity to integer");
          return FALSE;
        }
      if (v >= 9.223372036854775807e18 || v < -9.223372036854775808e18)
        {
          overflow (interp);
          return FALSE;
        }
      *out = (gint64) v;
      return TRUE;
    }
  *out = self->int_value;
  return TRUE;
}

static gboolean
number_to_float (CsInterp *interp,
                 CsObject *self,
                 double   *out)
{
  *out = as_double (self);
  return TRUE;
}

static char *
int_repr (CsInterp *interp,
          CsObject *self)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, self->int_value);
}

static char *
bool_repr (CsInterp *interp,
           CsObject *self)
{
  return g_strdup (self->int_value ? "True" : "False");
}

static char *
float_repr (CsInterp *interp,
            CsObject *self)
{
  return cs_repr_float (self->float_value);
}

static char *
none_repr (CsInterp *interp,
           CsObject *self)
{
  return g_strdup ("None");
}

static char *
not_implemented_repr (CsInterp *interp,
                      CsObject *self)
{
  return g_strdup ("NotImplemented");
}

static char *
ellipsis_repr (CsInterp *interp,
               CsObject *self)
{
  return g_strdup ("Ellipsis");
}

const CsClass cs_object_class = {
  .kind = CS_KIND_OPAQUE,
  .name = "object",
};

const CsClass cs_none_class = {
  .kind = CS_KIND_NONE,
  .name = "NoneType",
  .repr = none_repr,
};

const CsClass cs_not_implemented_class = {
  .kind = CS_KIND_NOT_IMPLEMENTED,
  .name = "NotImplementedType",
  .repr = not_implemented_repr,
};

const CsClass cs_ellipsis_class = {
  .kind = CS_KIND_ELLIPSIS,
  .name = "ellipsis",
  .repr = ellipsis_repr,
};

/* x.real and x.imag of int, bool and float. */
static CsObject *
number_getattr (CsInterp   *interp,
                CsObject   *self,
                const char *name)
{
  gboolean is_float = cs_object_kind (self) == CS_KIND_FLOAT;

  if (strcmp (name, "real") == 0)
    {
      if (cs_object_kind (self) == CS_KIND_BOOL)
        return cs_int_new (interp, self->int_value);
      return self;
    }
  if (strcmp (name, "imag") == 0)
    return is_float ? cs_float_new (interp, 0.0) : cs_int_new (interp, 0);
  return NULL;
}

extern const CsMethodDef _cs_int_methods[];
extern const CsMethodDef _cs_float_methods[];

const CsClass cs_int_class = {
  .kind = CS_KIND_INT,
  .name = "int",
  .methods = _cs_int_methods,
  .repr = int_repr,
  .binop = number_binop,
  .unop = number_unop,
  .compare = number_compare,
  .truth = number_truth,
  .to_int = number_to_int,
  .to_float = number_to_float,
  .getattr = number_getattr,
  .construct = _cs_builtin_construct,
};

const CsClass cs_bool_class = {
  .kind = CS_KIND_BOOL,
  .name = "bool",
  .base = &cs_int_class,
  .repr = bool_repr,
  .binop = number_binop,
  .unop = number_unop,
  .compare = number_compare,
  .truth = number_truth,
  .to_int = number_to_int,
  .to_float = number_to_float,
  .getattr = number_getattr,
  .construct = _cs_builtin_construct,
};

const CsClass cs_float_class = {
  .kind = CS_KIND_FLOAT,
  .name = "float",
  .methods = _cs_float_methods,
  .repr = float_repr,
  .binop = number_binop,
  .unop = number_unop,
  .compare = number_compare,
  .truth = number_truth,
  .to_int = number_to_int,
  .to_float = number_to_float,
  .getattr = number_getattr,
  .construct = _cs_builtin_construct,
};
